"""A household file: the family, its money and the house it wants.

Months in the file count from 1 (the first month of the plan).  Money is whole Rupiah and may be
written as a number (``2500000``) or in Indonesian style (``"2.500.000"`` or ``"Rp 2.500.000"``:
dots group thousands); a decimal point is not money and is refused.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import i18n
from ..cost.materials import Crew
from ..cost.prices import DEFAULT_INFLATION
from ..errors import ParameterError
from ..i18n import N_, language, ntr, plain, rupiah, tr
from ..schema import Where, choice, describe, entries, flag, integer, mapping, name, number, proportion, sequence, text
from ..yamlio import load_yaml
from .finance import annuity

#: Share of income a household can put into its house when the file does not say.  No regulation
#: caps it (DOMAIN.md section 1: "at most 30 % of income" is a rule of thumb that lenders use for
#: instalments); 0.30 is that common rule, stated here so that a technician can change it.
DEFAULT_HOUSING_SHARE = 0.30
#: The most of its income a family is told to put into its house month after month: an amount
#: that leaves less than half for food, school and work is no advice a family can act on (a
#: stated project threshold; DOMAIN.md section 1 found no authoritative rule, and 30 % is the
#: common rule of thumb for an instalment).  What would help asks no more; konsultasi takes no more.
MOST_INCOME_SHARE = 0.5
DEFAULT_HORIZON = 120
#: Livable floor area per person: 7.2 m2 (PUPR livable-house criteria, Permensos 20/2017); the
#: RSS standard of Kepmen Kimpraswil 403/KPTS/M/2002 asks 9 m2.
AREA_PER_PERSON = {"rlh": 7.2, "rss": 9.0}
MAX_MONEY = 100_000_000_000

#: Whole Rupiah with empty cents after a decimal point: never Indonesian thousands (three digits).
#: Indonesian thousands with sen after a decimal comma: "Rp 1.000.000,50".
_SEN = re.compile(r"(?i)(?:rp\.?\s*)?\d{1,3}(?:\.\d{3})+,\d{1,2}")
_POINT_CENTS = re.compile(r"\d+\.00?")
_RUPIAH = re.compile(r"^(?:rp\.?)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,-|,00)?$", re.IGNORECASE)
#: Money as people say it: ``2,5 juta``, ``750 ribu``, ``Rp 1,2 jt``, ``300rb``.
_SPOKEN = re.compile(r"^(?:rp\.?)?(\d[\d.,]*)(juta|jt|ribu|rb)$", re.IGNORECASE)
_SPOKEN_FACTOR = {"juta": 1_000_000, "jt": 1_000_000, "ribu": 1_000, "rb": 1_000}


def spoken_rupiah(text: str) -> int | str:
    """``2,5 juta`` -> 2500000; ``750 ribu`` -> 750000.  A comma starts decimals, a dot before
    three digits groups thousands (``1.500 juta``), another dot starts decimals (``2.5 juta``).
    Anything else, or an amount that is not whole Rupiah, comes back as it was."""
    import decimal
    match = _SPOKEN.match(text.replace(" ", "")) if len(text) <= 40 else None
    if not match:
        return text
    number = match.group(1)
    if "," in number:
        number = number.replace(".", "").replace(",", ".", 1)
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
        number = number.replace(".", "")
    try:
        amount = decimal.Decimal(number) * _SPOKEN_FACTOR[match.group(2).lower()]
    except decimal.InvalidOperation:
        return text
    return int(amount) if amount == amount.to_integral_value() else text


def money(value: Any, where: Where, *, positive: bool = False) -> int:
    """Whole Rupiah from a number or an Indonesian-style text such as ``"Rp 1.250.000"`` or
    ``"2,5 juta"``."""
    if isinstance(value, str):
        text = value
        # A minus read apart, so that a negative amount gets the message a negative number does.
        unsigned = text.strip().removeprefix("-")
        value = spoken_rupiah(unsigned)
        if isinstance(value, str) and _POINT_CENTS.fullmatch(value.strip()):
            # "2500000.00", as a program or an English-locale spreadsheet exports whole Rupiah.
            value = int(value.strip().split(".")[0])
        if isinstance(value, str):
            match = _RUPIAH.match(value.replace(" ", "")) if len(value) <= 40 else None
            if not match and _SEN.fullmatch(value.strip()):
                # "1.000.000,50": sen, which no shop or grant counts.
                raise where.error(tr("a whole number of Rupiah, without sen (\"1.000.000\")"), text)
            if not match:
                raise where.error(tr("an amount in Rupiah such as 1250000 or \"1.250.000\""), text)
            value = int(match.group(1).replace(".", ""))
        if unsigned != text.strip() and value > 0:
            raise where.error(tr("an amount greater than 0") if positive else tr("an amount of 0 or more"), text)
    if isinstance(value, float):
        # YAML reads 750.000 as the number 750.0: an Indonesian writing thousands would lose them.
        if value.is_integer() and 0 < value < 1000:
            # (A dot group before .000 has at most three digits: 3000000.0 is no thousands.)
            # 62.000 is read as 62: the thousands it meant, as they would be written.
            meant = int(value) * 1000
            raise where.fail(tr("expected a whole number of Rupiah, found {found}: a number with a dot is read as "
                                "decimals, {written} as {found}; write {meant}, or put Indonesian thousands in "
                                "quotes: \"{dotted}\"", found=describe(value), written=str(int(value)) + ".000",
                                meant=meant, dotted=rupiah(meant, "id", False)))
        raise where.fail(tr("expected a whole number of Rupiah, found {found}; write 750000, or put Indonesian "
                            "thousands in quotes: \"750.000\"", found=describe(value)))
    if isinstance(value, bool) or not isinstance(value, int):
        raise where.error(tr("a whole number of Rupiah"), value)
    if value < 0 or (positive and value == 0):
        raise where.error(tr("an amount greater than 0") if positive else tr("an amount of 0 or more"), value)
    if value > MAX_MONEY:
        raise where.error(tr("an amount of at most {most}", most=rupiah(MAX_MONEY, language())), value)
    return value


#: Kinds of grant.  ``cash``: plain money.  ``in_kind``: a materials part and a labour part that pay
#: only materials and wages of work started within the grant's period, the rest cash.  ``bsps``: in
#: kind with BSPS's usual parts, tranches and period (below).
GRANT_KINDS = ("cash", "in_kind", "bsps")
#: BSPS 2025 (Permen PKP 10/2025; DOMAIN.md section 1): Rp 20 juta reaching the household, 17.5 of
#: it materials and 2.5 wages; the 1.8 juta for training and administration never reaches it.
BSPS_MATERIALS_SHARE = 17.5 / 20
#: BSPS tranches: the first about half of the materials (Rp 8.75 juta of 17.5, for foundation to
#: columns), the second after those works are done (for the roof): BSPS reporting, DOMAIN.md s. 7.
BSPS_TRANCHES = (0.5, 0.5)
#: Months from the grant month within which its in-kind parts must be spent.  BSPS money is spent
#: within the program year (DOMAIN.md section 7); a year from the first tranche is the longest that
#: can be; a technician sets the months the budget year really leaves (``period_months``).
DEFAULT_GRANT_PERIOD = 12


@dataclass(frozen=True)
class Grant:
    """Aid given once, from ``month`` (1 = first month of the plan).

    materials : the part paid as building materials, only for work started within the period. [IDR]
    labour : the part paid as wages, likewise. [IDR]
    tranches : shares of the materials part released one after another; each after the work
        paid from the one before is finished.
    period : months from ``month`` within which the in-kind parts must be used; what is left is lost.
    released : how many of ``tranches`` (the first) were released before plan month 1: what a
        tranche released at an earlier visit and not spent yet became (rumah.plan.progress).  It
        is usable at once, as a first tranche is; a visit does not count it released again.
    """

    name: str
    amount: int
    month: int
    materials: int = 0
    labour: int = 0
    kind: str = "cash"
    tranches: tuple[float, ...] = (1.0,)
    period: int = DEFAULT_GRANT_PERIOD
    released: int = 0

    @property
    def cash(self) -> int:
        """The part paid as money. [IDR]"""
        return self.amount - self.materials - self.labour

    def tranche_amounts(self) -> tuple[int, ...]:
        """The materials part in tranches, in whole Rupiah adding up to it exactly. [IDR]"""
        amounts, given = [], 0
        for share in self.tranches[:-1]:
            amount = int(self.materials * share + 0.5)
            amounts.append(amount)
            given += amount
        return tuple(amounts) + (self.materials - given,)


@dataclass(frozen=True)
class LoanOffer:
    """A loan the household could take: ``amount`` repaid in ``tenor`` equal monthly instalments."""

    name: str
    amount: int
    annual_rate: float
    tenor: int

    @cached_property
    def instalment(self) -> int:
        """Monthly instalment, rounded up to the Rupiah. [IDR]"""
        return math.ceil(annuity(self.amount, self.annual_rate, self.tenor) - 1e-9)


#: How far above the last flood a floor should stand: a stated project margin for waves, wind and
#: a flood a little higher than the last (no regulation found; north-coast families raise "to the
#: last flood height plus a margin", DOMAIN.md section 8).
FLOOD_MARGIN = 0.3


@dataclass(frozen=True)
class Flood:
    """A plot that floods: the last flood's height above today's ground [m] and how fast the land
    sinks [m a year]; the ground, the house and its floor sink together, the sea does not."""

    last_height: float
    subsidence: float
    margin: float = FLOOD_MARGIN


@dataclass(frozen=True)
class Household:
    name: str
    members: int
    adults: int | None
    children: int | None
    region: str
    income: int
    housing_share: float
    housing_monthly: int | None
    savings: int
    grants: tuple[Grant, ...]
    loans: tuple[LoanOffer, ...]
    template: str
    parameters: Mapping[str, Any]
    labour: str
    inflation: float
    horizon: int
    crew: Crew
    area_per_person: float
    persons_per_bedroom: int
    ahsp: str | None = None
    note: str = ""
    file: str = ""
    #: Housing money through the year, as shares of the usual month, January to December
    #: (fishers' and farm workers' lean months); empty when every month is the same.
    seasonal: tuple[float, ...] = ()
    #: The calendar month of plan month 1 (year, month), when the file says.
    start: tuple[int, int] | None = None
    #: The calendar month (year, month) the price list's prices are taken to hold in, when it is
    #: before plan month 1: a family seen again is planned at the prices it was first planned at,
    #: risen with ``inflation`` since (rumah.plan.progress).  None: plan month 1's.
    prices_from: tuple[int, int] | None = None
    #: The plot, when known: (width, depth) [m] and whether it floods.
    plot: tuple[float, float] | None = None
    flood_risk: bool = False
    #: The plot's flood record, when it floods and the technician knows it.
    flood: Flood | None = None
    #: The house the family lives in, when it is to be improved rather than built new.
    existing: Any = None
    #: Work packages already built, as (step, package): a family seen again after building some
    #: of its house is planned from there (the plan checks that each names a package of its bill).
    built: frozenset[tuple[int, str]] = frozenset()
    #: Work packages built in part, with the share of each built: ((step, package), share) ...;
    #: the plan builds the rest.
    built_parts: tuple[tuple[tuple[int, str], float], ...] = ()

    def left_to_build(self, key: tuple[int, str]) -> float:
        """The share of work package ``key`` (step, package) still to build: less what a part
        built before the plan took (``built_parts``); 1 for any other."""
        return 1.0 - dict(self.built_parts).get(key, 0.0)

    @property
    def budget(self) -> int:
        """What the household can put into the house in a usual month. [IDR]"""
        if self.housing_monthly is not None:
            return self.housing_monthly
        return int(math.floor(self.income * self.housing_share + 0.5))

    def budgets(self, first_month: int) -> tuple[int, ...]:
        """The housing money of twelve plan months from one in calendar month ``first_month``
        (1-12), repeating every year; empty when it is the same every month. [IDR]"""
        if not self.seasonal:
            return ()
        return tuple(int(math.floor(self.budget * self.seasonal[(first_month - 1 + k) % 12] + 0.5))
                     for k in range(12))

    @property
    def bedrooms_needed(self) -> int:
        return max(1, math.ceil(self.members / self.persons_per_bedroom))


FIELDS = ("name", "members", "composition", "region", "income_monthly", "housing_share", "housing_monthly",
          "savings", "grants", "loans", "template", "parameters", "labour", "inflation", "horizon_months",
          "crew", "livability", "ahsp", "note", "plot", "seasonal", "start_month", "prices_from", "existing_house",
          "built")


#: Longest household name accepted: it must fit a line of the quote and a DXF title block.
MAX_NAME = 120


#: Longest name of a grant or a loan offer: it must fit a line of the quote's summary.
MAX_OFFER_NAME = 80


def _edition(value: Any, where: Where, folder: Path | None) -> str:
    """The AHSP edition a household names, known to exist (a bundled name, or a file beside it)."""
    from ..cost.ahsp import edition_paths
    from ..data import find
    from ..errors import RumahError
    given = reference(value, where, folder)
    try:
        find(given, edition_paths(), N_("AHSP edition"))
    except RumahError as exc:
        raise where.fail(str(exc)) from None
    return given


def reference(value: Any, where: Where, folder: Path | None, expected: str = "") -> str:
    """A template, price list or AHSP edition named in a household: a bundled name (``kendal``) or
    a file name beside the household file (``harga-desa.yaml``), never a path that could reach
    elsewhere (``../../etc/passwd``).  ``folder`` None allows bundled names only.  ``expected``
    says what may be named, where that is not a bundled name or a file."""
    given = text(value, where)
    if any(c in given for c in "/\\\0:") or given.startswith(".") or Path(given).is_absolute():
        raise where.error(expected or tr("a bundled name such as 'kendal', or a file name without a folder beside "
                                         "the household file"), given)
    if given.endswith((".yaml", ".yml")):
        if folder is None:
            raise where.error(tr("a bundled name (file names are not allowed here)"), given)
        return str(folder / given)
    # Bundled names are written in small letters: a spreadsheet's "Kendal" or "INTI-6M" means one.
    return given.lower() if given != given.lower() and given.lower() in bundled_names() else given


@functools.cache
def bundled_names() -> frozenset[str]:
    """Every bundled house type, price list id, region and AHSP edition."""
    from ..cost.ahsp import edition_paths
    from ..cost.prices import bundled_lists, region_of
    from ..house.template import template_paths
    lists = bundled_lists()
    return frozenset(template_paths()) | frozenset(lists) | {region_of(i) for i in lists} | frozenset(edition_paths())


def parse_household(raw: object, where: Where, horizon: int | None = None, folder: Path | None = None) -> Household:
    required = ("name", "members", "region", "income_monthly")
    data = mapping(raw, where, required=required, optional=FIELDS)
    # An optional key left empty ("grants:" with its only grant commented out) is not given.
    data = {key: value for key, value in data.items() if value is not None or key in required}
    if "template" not in data and "existing_house" not in data:
        error = where.fail(tr("missing key 'template' (the house type to build) or 'existing_house' (the house to "
                              "improve)"))
        error.missing = "template"          # a batch row names its empty cell (rumah.program.batch.row_reason)
        raise error
    if data.get("template") and data.get("existing_house"):
        # A house to improve is planned from its survey: a house type beside it would be ignored.
        raise (where / "template").fail(tr("expected either a house type to build (template) or a house to improve "
                                           "(existing_house), found both; remove one of them"))
    members = integer(data["members"], where / "members", minimum=1, maximum=30)
    adults = children = None
    if "composition" in data:
        comp = mapping(data["composition"], where / "composition", required=("adults",), optional=("children",))
        adults = integer(comp["adults"], where / "composition" / "adults", minimum=1, maximum=30)
        children = integer(comp.get("children", 0), where / "composition" / "children", minimum=0, maximum=30)
        if adults + children != members:
            raise (where / "composition").fail(tr("adults + children = {sum}, but members = {members}",
                                                  sum=adults + children, members=members))
    if horizon is not None:
        horizon = integer(horizon, Where("--horizon"), minimum=1, maximum=600)
    else:
        horizon = integer(data.get("horizon_months", DEFAULT_HORIZON), where / "horizon_months",
                          minimum=1, maximum=600)
    income = _not_thousands(money(data["income_monthly"], where / "income_monthly", positive=True),
                            where / "income_monthly", LEAST_INCOME)
    given = proportion(data.get("housing_share", DEFAULT_HOUSING_SHARE), where / "housing_share", above=0, maximum=1)
    monthly = None
    if data.get("housing_monthly") is not None and data.get("housing_share") is not None:
        raise (where / "housing_monthly").fail(tr(
            "expected the money for the house as a share of the income (housing_share) or as an amount "
            "(housing_monthly), found both"))
    if data.get("housing_monthly") is not None:
        monthly = money(data["housing_monthly"], where / "housing_monthly", positive=True)
        if monthly > income:
            lang = language()
            raise (where / "housing_monthly").fail(tr("expected at most the income ({income}), found {found}",
                                                      income=rupiah(income, lang), found=rupiah(monthly, lang)))
    grants = [parse_grant(raw_grant, where / "grants" / i, horizon)
              for i, raw_grant in enumerate(sequence(data.get("grants", []), where / "grants"))]
    bsps = [i for i, grant in enumerate(grants) if grant.kind == "bsps"]
    if len(bsps) > 1:
        # BSPS is given to a household once (DOMAIN.md section 1): a second is a row or a visit
        # written twice, and would be planned as twice the materials.
        raise (where / "grants" / bsps[1] / "kind").fail(tr(
            "BSPS is a one-off grant to a household; this is a second BSPS grant (remove one)"))
    loans = [parse_loan(raw_loan, where / "loans" / i)
             for i, raw_loan in enumerate(sequence(data.get("loans", []), where / "loans"))]
    crew = mapping(data.get("crew", {}), where / "crew", optional=("tradesmen", "labourers"))
    rules = mapping(data.get("livability", {}), where / "livability", optional=("standard", "persons_per_bedroom"))
    standard = choice(rules.get("standard", "rlh"), where / "livability" / "standard", AREA_PER_PERSON, N_("standard"))
    parameters = entries(data.get("parameters", {}), where / "parameters")
    # The plot (from a consultation): what house types fit it, and whether it floods.
    # A surveyed house named by a file beside the household file is read once: the house, and,
    # when the file is a household file of its own, its plot (size and flood record) and its
    # choices for the repairs, where the household gives none.
    house, house_at = data.get("existing_house"), where / "existing_house"
    named = _house_file(house, house_at, folder) if isinstance(house, str) else None
    if named is not None and _household_like(named[0]) and isinstance(named[0].get("parameters"), Mapping):
        parameters = dict(entries(named[0]["parameters"], named[1] / "parameters")) | dict(parameters)
    plot, at = _plot_of(data, where, named)
    plot = mapping(plot, where / "plot", optional=("width_m", "depth_m", "flood_risk", "flood"))
    flood = None
    if plot.get("flood") is not None:
        record = mapping(plot["flood"], at, required=("last_height_m", "subsidence_cm_per_year"),
                         optional=("margin_m",))
        flood = Flood(number(record["last_height_m"], at / "last_height_m", minimum=0, maximum=3, unit="m"),
                      number(record["subsidence_cm_per_year"], at / "subsidence_cm_per_year", minimum=0, maximum=30,
                             unit="cm") / 100,
                      number(record.get("margin_m", FLOOD_MARGIN), at / "margin_m", minimum=0, maximum=1, unit="m"))
    size = None
    if "width_m" in plot and "depth_m" in plot:
        size = (number(plot["width_m"], where / "plot" / "width_m", above=0, maximum=1000, unit="m"),
                number(plot["depth_m"], where / "plot" / "depth_m", above=0, maximum=1000, unit="m"))
    for key, other in (("width_m", "depth_m"), ("depth_m", "width_m")):
        if key in plot:
            number(plot[key], where / "plot" / key, above=0, maximum=1000, unit="m")
            if other not in plot:
                # Half a plot size fits no house to it: said, not silently left out.
                error = (where / "plot").fail(tr("missing key {key!r}: a plot's size is its width and its depth, "
                                                 "found {given} alone", key=other, given=key))
                error.missing = other
                raise error
    floods = flag(plot["flood_risk"], where / "plot" / "flood_risk") if "flood_risk" in plot else flood is not None
    if flood is not None and not floods:
        # A plot said not to flood, with the height of its last flood: one of them is a slip.
        raise (where / "plot" / "flood_risk").fail(tr("the plot is said not to flood (false), but its last flood is "
                                                      "recorded under plot.flood; remove the one that is wrong"))
    seasonal = ()
    if data.get("seasonal") is not None:
        raw_pattern = sequence(data["seasonal"], where / "seasonal")
        if len(raw_pattern) != 12:
            raise (where / "seasonal").error(tr("twelve shares of the usual monthly money, January to December"),
                                             ntr("{n} value", "{n} values", len(raw_pattern)))
        # Shares of a usual month (0.4, 0,4 or 40%); up to twice it in a good month (2 is no percentage).
        seasonal = tuple((proportion if isinstance(v, str) and "%" in v else number)(
            v, where / "seasonal" / k, minimum=0, maximum=2) for k, v in enumerate(raw_pattern))
        if max(seasonal) == 0:
            raise (where / "seasonal").fail(tr("expected at least one month with money for the house, found all 0"))
    built, built_parts = _built(data.get("built", []), where / "built")
    start = None
    if data.get("start_month") is not None:
        start = year_month(data["start_month"], where / "start_month")
    prices_from = None
    if data.get("prices_from") is not None:
        prices_from = year_month(data["prices_from"], where / "prices_from")
        if start is not None and prices_from > start:
            raise (where / "prices_from").fail(tr("expected a month no later than start_month ({start}), found {found}",
                                                  start=data["start_month"], found=data["prices_from"]))
    per_bedroom = integer(rules.get("persons_per_bedroom", 3), where / "livability" / "persons_per_bedroom",
                          minimum=1, maximum=10)
    need = (members * AREA_PER_PERSON[standard], max(1, math.ceil(members / per_bedroom)), size)
    existing = _surveyed(named or (house, house_at), named is not None, where, parameters, need)
    if existing is not None and size is not None:
        _house_on_plot(existing, size, where / "plot")
    return Household(
        name=name(data["name"], where / "name", MAX_NAME),
        members=members, adults=adults, children=children,
        region=reference(data["region"], where / "region", folder),
        income=income, housing_share=given, housing_monthly=monthly,
        savings=money(data.get("savings", 0), where / "savings"),
        grants=tuple(grants), loans=tuple(loans),
        template=reference(data["template"], where / "template", folder) if "template" in data else "",
        parameters=parameters,
        labour=choice(data.get("labour", "paid"), where / "labour", ("paid", "gotong_royong"), N_("labour mode")),
        # Falling prices are outside the planning model (building as early as money allows would no
        # longer be optimal), so a negative rate is refused rather than planned wrongly.
        inflation=proportion(data.get("inflation", DEFAULT_INFLATION), where / "inflation", minimum=0, maximum=0.5),
        horizon=horizon,
        crew=Crew(integer(crew.get("tradesmen", 2), where / "crew" / "tradesmen", minimum=1, maximum=20),
                  integer(crew.get("labourers", 2), where / "crew" / "labourers", minimum=1, maximum=50)),
        area_per_person=AREA_PER_PERSON[standard],
        persons_per_bedroom=per_bedroom,
        ahsp=_edition(data["ahsp"], where / "ahsp", folder) if data.get("ahsp") else None,
        note=text(data.get("note", ""), where / "note", allow_empty=True),
        file=where.file,
        seasonal=seasonal,
        start=start, prices_from=prices_from,
        plot=size,
        flood_risk=floods,
        flood=flood,
        existing=existing,
        built=built, built_parts=built_parts,
    )


def _surveyed(house: tuple[Any, Where], from_file: bool, where: Where, parameters: Mapping[str, Any], need: tuple):
    """:func:`_existing`, a choice its repairs cannot take said at the household file's
    ``parameters`` (where it is written), as for a house type's."""
    try:
        return _existing(*house, from_file, parameters, need)
    except ParameterError as exc:
        place = where / "parameters"
        if exc.parameter and exc.parameter in parameters:
            place = place / exc.parameter
        error = place.fail(str(exc))
        # What the repairs refused, and of which parameter, for a caller that gave the choice itself.
        error.refused, error.parameter = str(exc), exc.parameter
        raise error from None


def _built(raw: Any, where: Where) -> tuple[frozenset[tuple[int, str]], tuple[tuple[tuple[int, str], float], ...]]:
    """``built: [{step: 1, package: structure}, {step: 1, package: enclosure, share: 0.41}]``: work
    packages the family has finished, and those it has built a part of (``share`` of the
    package, below 1: a part a grant's materials bought).  (finished, ((key, share), ...))."""
    found: dict[tuple[int, str], int] = {}
    parts = []
    for i, item in enumerate(sequence(raw, where)):
        at = where / i
        entry = mapping(item, at, required=("step", "package"), optional=("share",))
        key = (integer(entry["step"], at / "step", minimum=1, maximum=50), text(entry["package"], at / "package"))
        if key in found:
            raise at.fail(tr("step {step} package {package!r} is already listed at built[{index}]", step=key[0],
                             package=key[1], index=found[key]))
        found[key] = i
        share = proportion(entry.get("share", 1), at / "share", above=0, maximum=1)
        if share < 1:
            parts.append((key, share))
    part_keys = {key for key, _ in parts}
    return frozenset(k for k in found if k not in part_keys), tuple(parts)


def _existing(raw: Any, where: Where, from_file: bool, parameters: Mapping[str, Any], need: tuple):
    """The surveyed house, when the household improves one: written in the household file, or
    read from a YAML file beside it (``existing_house: rumah-darmo.yaml``, ``from_file``) holding
    that mapping (at its top or under ``existing_house:``), as a batch row names it.  ``need`` is
    (area [m2], bedrooms, plot): bedrooms are added on the house's grid when it is too small for
    the family."""
    if raw is None:
        return None
    from ..house.existing import Need, parse_existing
    if from_file and isinstance(raw, dict) and "existing_house" in raw:
        raw, where = raw["existing_house"], where / "existing_house"
    return parse_existing(raw, where, parameters, Need(*need))


def standing_size(existing) -> tuple[float, float]:
    """Width and depth of the surveyed house as it stands (its rooms before any are added). [m]"""
    standing = [room for room in existing.design.rooms if room.step == 1]
    return (max(room.x1 for room in standing) - min(room.x0 for room in standing),
            max(room.y1 for room in standing) - min(room.y0 for room in standing))


def _house_on_plot(existing, plot: tuple[float, float], where: Where) -> None:
    """Refuse a plot smaller than the surveyed house standing on it either way round (a house may
    stand turned to its street, facing a side path): one of the two measures is a slip, and the
    plot decides where rooms are added and whether a new septic tank fits."""
    width, depth = standing_size(existing)
    if width <= plot[1] + 0.005 and depth <= plot[0] + 0.005:
        return
    for key, size, house in zip(("width_m", "depth_m"), plot, (width, depth)):
        if size < house - 0.005:
            lang = language()
            raise (where / key).fail(tr(
                "expected at least the surveyed house's {measure} ({house}, existing_house.grid), found {found}; "
                "correct the one that is wrong", measure=tr("width") if key == "width_m" else tr("depth"),
                house=plain(house, lang, 2) + " m", found=plain(size, lang, 2) + " m"))


def _house_file(name: str, where: Where, folder: Path | None) -> tuple[Any, Where]:
    """The content of the surveyed house's file ``name`` beside the household file (there are no
    bundled houses), and where it was read."""
    path = reference(name, where, folder, expected=tr(
        "the house as a mapping, or the name of a .yaml file beside the household file (without a folder)"))
    if not path.endswith((".yaml", ".yml")):
        raise where.error(tr("the house as a mapping, or a .yaml file beside the household file"), name)
    from ..yamlio import load_yaml
    if not Path(path).is_file():
        raise where.fail(tr("expected a .yaml file in {folder}, found {name!r}: no such file",
                            folder=str(Path(path).parent), name=name))
    return load_yaml(Path(path)), Where(path)


def _plot_of(data: Mapping, where: Where, named: tuple[Any, Where] | None) -> tuple[Any, Where]:
    """The household's ``plot``, and where its flood record was read.  A house to improve named by
    a household file of its own (``named``: its content and where it was read; a batch row's
    ``existing_house: pekalongan-rtlh.yaml``) brings that file's flood record when the household
    gives none (the plot floods whoever plans it), and its size when the household gives none."""
    plot, at = data.get("plot", {}), where / "plot" / "flood"
    if named is None or not isinstance(plot, Mapping) or not _household_like(named[0]):
        return plot, at
    content, read = named
    theirs = content.get("plot")
    if not isinstance(theirs, Mapping):
        return plot, at
    if "width_m" not in plot and "depth_m" not in plot and "width_m" in theirs and "depth_m" in theirs:
        # The plot the house stands on, as its own file measured it (the row gives no size).
        plot = dict(plot) | {"width_m": theirs["width_m"], "depth_m": theirs["depth_m"]}
    said_dry = plot.get("flood_risk") is False    # "it does not flood": so be it
    if plot.get("flood") is None and not said_dry and theirs.get("flood") is not None:
        return dict(plot) | {"flood": theirs["flood"]}, read / "plot" / "flood"
    return plot, at


def _household_like(content: Any) -> bool:
    """Whether a file named as a surveyed house is a household file of its own (it holds the house
    under ``existing_house``), whose plot and choices count too."""
    return isinstance(content, Mapping) and "existing_house" in content


#: The years a plan's month 1 (and the command line's dates) may fall in: a plan is made for now
#: (a slip such as 1900 would plan and print a century away).
YEARS = (2000, 2099)


def year_month(value: Any, where: Where) -> tuple[int, int]:
    """``"2026-12"`` -> (2026, 12)."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", str(value).strip()) if isinstance(value, (str, int)) else None
    if not match or not 1 <= int(match.group(2)) <= 12 or not YEARS[0] <= int(match.group(1)) <= YEARS[1]:
        raise where.error(tr('a calendar month written "YYYY-MM" from 2000 to 2099, such as "2026-12"'), value)
    return int(match.group(1)), int(match.group(2))


#: Less than any family's income a month, and less than any grant or loan a clinic meets: an
#: amount written in thousands ("3.200" for 3,2 juta), as a spreadsheet of the office's may hold
#: (konsultasi asks again below the same). [IDR]
LEAST_INCOME = 100_000
LEAST_OFFER = 100_000


def _not_thousands(amount: int, where: Where, least: int) -> int:
    """``amount``, refused below ``least`` as one most likely written in thousands."""
    if amount < least:
        lang = language()
        raise where.fail(tr("expected at least {least}, found {found}; written in thousands? {meant} is "
                            "written {written}", least=rupiah(least, lang), found=rupiah(amount, lang),
                            meant=plain(amount / 1000, lang) + " juta", written=i18n.number(amount * 1000, lang, 0)))
    return amount


def parse_loan(raw: Any, at: Where) -> LoanOffer:
    """One loan offer: a name, an amount, a yearly rate and months to repay."""
    offer = mapping(raw, at, required=("name", "amount", "annual_rate", "tenor_months"))
    return LoanOffer(name(offer["name"], at / "name", MAX_OFFER_NAME),
                     _not_thousands(money(offer["amount"], at / "amount", positive=True), at / "amount", LEAST_OFFER),
                     proportion(offer["annual_rate"], at / "annual_rate", minimum=0, maximum=0.6),
                     integer(offer["tenor_months"], at / "tenor_months", minimum=1, maximum=360))


def named_bsps(grant: Mapping) -> bool:
    """Whether a grant as written is BSPS by its name alone: it gives no kind and its name begins
    with BSPS.  Planned as cash, its Rp 20 juta would be the family's money, spent on anything and
    never lost: such a grant is one on BSPS's terms (konsultasi reads a saved file the same)."""
    kind = grant.get("kind")
    unsaid = kind is None or (isinstance(kind, str) and not kind.strip())
    return unsaid and str(grant.get("name", "")).strip().upper().startswith("BSPS")


def parse_grant(raw: Any, at: Where, horizon: int) -> Grant:
    """One grant of a household file: cash, in kind, or BSPS with its usual terms."""
    g = mapping(raw, at, required=("name", "amount", "month"),
                optional=("materials", "labour", "kind", "tranches", "period_months", "released_tranches"))
    amount = _not_thousands(money(g["amount"], at / "amount", positive=True), at / "amount", LEAST_OFFER)
    month = integer(g["month"], at / "month", minimum=1)
    if month > horizon:
        raise (at / "month").fail(ntr("expected a month within the {n}-month horizon, found {month}",
                                      "expected a month within the {n}-month horizon, found {month}", horizon,
                                      month=month))
    in_kind = "materials" in g or "labour" in g
    unsaid = g.get("kind") is None or (isinstance(g.get("kind"), str) and not g["kind"].strip())
    kind = "bsps" if named_bsps(g) else g["kind"] if not unsaid else "in_kind" if in_kind else "cash"
    kind = choice(kind, at / "kind", GRANT_KINDS, N_("grant kind"))
    materials = money(g.get("materials", 0), at / "materials")
    if materials > amount:
        raise (at / "materials").fail(tr("expected at most the grant amount ({amount}), found {found}",
                                         amount=rupiah(amount, language()), found=rupiah(materials, language())))
    labour = money(g.get("labour", 0), at / "labour")
    if materials + labour > amount:
        raise (at / "labour").fail(tr("expected at most the grant amount less its materials part ({amount}), found "
                                      "{found}", amount=rupiah(amount - materials, language()),
                                      found=rupiah(labour, language())))
    if kind == "bsps":
        if "materials" not in g:
            materials = int(amount * BSPS_MATERIALS_SHARE + 0.5) if "labour" not in g else amount - labour
        if "labour" not in g:
            labour = amount - materials
    if kind == "cash" and (materials or labour):
        raise (at / "kind").fail(tr("a cash grant has no materials or labour part; write kind: in_kind"))
    terms = [key for key in ("tranches", "period_months", "released_tranches") if key in g]
    if kind == "cash" and terms:
        # Said, not ignored: whoever wrote them meant a grant paid in kind, and would read the
        # plan as if it kept to them.
        raise (at / terms[0]).fail(tr("a cash grant is paid as money in its month, with no tranches or period; for "
                                      "a grant paid as materials or wages write kind: in_kind (or bsps) and its "
                                      "materials or labour part"))
    if kind == "in_kind" and not (materials or labour):
        # Otherwise it would be planned as cash, its months and its loss unsaid.
        raise (at / "materials").fail(tr("a grant in kind names its materials part, its labour part or both (the "
                                         "rest of the amount is paid as money); found neither"))
    default_tranches = BSPS_TRANCHES if kind == "bsps" else (1.0,)
    tranches = default_tranches
    if "tranches" in g:
        raw_shares = sequence(g["tranches"], at / "tranches")
        if not 1 <= len(raw_shares) <= 6:
            raise (at / "tranches").error(tr("1 to 6 shares of the materials part"),
                                          ntr("{n} value", "{n} values", len(raw_shares)))
        tranches = tuple(proportion(v, at / "tranches" / k, above=0, maximum=1) for k, v in enumerate(raw_shares))
        if abs(sum(tranches) - 1) > 1e-6:
            raise (at / "tranches").fail(tr("expected shares that add up to 1, found {sum}",
                                            sum=plain(sum(tranches), language(), 6)))
    period = integer(g.get("period_months", DEFAULT_GRANT_PERIOD), at / "period_months", minimum=1, maximum=60)
    released = integer(g.get("released_tranches", 0), at / "released_tranches", minimum=0, maximum=1)
    if released and not materials:
        raise (at / "released_tranches").fail(tr("a tranche released before plan month 1 is one of a materials part; "
                                                 "this grant has none"))
    if released and month != 1:
        # Released before plan month 1, it has come: a follow-up visit writes it in month 1.
        raise (at / "month").fail(tr("expected month 1 for a grant with a tranche released before plan month 1 "
                                     "(released_tranches), found {month}", month=month))
    return Grant(name(g["name"], at / "name", MAX_OFFER_NAME), amount, month, materials, labour, kind, tranches, period,
                 released)


def load_household(path: str | Path, horizon: int | None = None) -> Household:
    path = Path(path)
    return parse_household(load_yaml(path), Where(str(path)), horizon, path.parent)

