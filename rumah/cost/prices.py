"""Regional price lists.

A list prices resources for one region and year and says where its prices come from.  A list
may extend another one: inherited prices are multiplied by ``factor`` and the list's own
entries override them.  A factor is *unknown* until it has a source: either a number with the
publication it comes from, or the ratio of two BPS construction cost indices (IKK) of one
edition and reference city, both named.  Through an unknown factor prices are inherited as
they are, unadjusted, and every reader is told so ("factor unknown", not "x 1.0").

A list's prices hold in its own month (:attr:`PriceList.dated`).  Prices inherited from a list of
another month are risen (or, from a later list, lowered) to it at :data:`DEFAULT_INFLATION`, so
that a plan rising the list's prices from its month does not price the inherited ones as if
they were as recent: blora-2025 (July 2025) takes its bricks from semarang-2024 (July 2024) at
3 % more.

A price is *indicative* when its entry says so, or when it reaches the list through an unknown
factor: a clinic can see how much of an estimate rests on numbers nobody published.  A price
imported from a district's table carries its source row (table, sheet, row, description).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .. import i18n
from ..data import catalog_dir, find, price_list_dir
from ..errors import DataError, unknown
from ..i18n import MONTHS, N_, language, plain, rupiah, tr
from ..schema import Where, entries, flag, integer, mapping, number, printed, text
from ..yamlio import load_yaml, written_as_thousands
from .resources import Resources

#: Yearly construction price inflation when nothing else says: BPS wholesale price index,
#: construction group, ranged 1.2 % to 6.9 % a year in 2022-2024 (DOMAIN.md section 4); 3 % sits
#: inside the observed 2-5 % band.  A household's plan rises its prices at its own ``inflation``,
#: this by default; an inherited price is risen at this from its list's month to the inheriting one's.
DEFAULT_INFLATION = 0.03

#: Longest texts of a list that people read, in characters (a district's name heads the quote's
#: sources; a source or a note is a sentence or two, not a document).
TEXT_LIMITS = {"region": 80, "source": 400, "collected": 40, "note": 1000}
_ID = re.compile(r"^(?P<region>[a-z0-9][a-z0-9-]*?)-(?P<year>\d{4})$")
#: Prices above this are surely typing mistakes (a whole house costs far less). [IDR per unit]
MAX_PRICE = 1_000_000_000


@dataclass(frozen=True)
class SourceRow:
    """The row of a district's price table a price was imported from, as it was written."""

    table: str
    sheet: str
    row: int
    description: str
    unit: str
    price: str

    def label(self, lang: str = "en") -> str:
        """``ssh.xlsx, sheet 'SSH', row 14: Semen Portland 50 kg (Sak) 62000`` in ``lang``."""
        if self.sheet:
            where = i18n.t("{table}, sheet {sheet!r}, row {row}", lang, table=self.table, sheet=self.sheet,
                           row=self.row)
        else:
            where = i18n.t("{table}, row {row}", lang, table=self.table, row=self.row)
        return f"{where}: {self.description} ({self.unit}) {self.price}"

    def as_dict(self) -> dict:
        return {"table": self.table, "sheet": self.sheet, "row": self.row, "description": self.description,
                "unit": self.unit, "price": self.price}


@dataclass(frozen=True)
class Price:
    """The price of one resource.

    per_base : float — price of one base unit of the resource. [IDR]
    indicative : bool — not backed by a published list.
    origin : str — id of the list the entry was written in.
    source : the table row it was imported from, if it was.
    unadjusted : bool — inherited through a factor nobody published, so used as it was.
    rise : float — the factor it was risen by, from the month of the list it was written in to
        this list's (1.0 for the list's own prices and those of a list of the same month).
    """

    resource: str
    per_base: float
    indicative: bool
    origin: str
    note: str = ""
    #: The resource whose price this one takes, when the list does not price it (``priced_as``).
    priced_as: str = ""
    source: SourceRow | None = None
    unadjusted: bool = False
    rise: float = 1.0


@dataclass(frozen=True)
class IkkValue:
    """One district's BPS construction cost index (IKK) and where it was published."""

    region: str
    value: float
    source: str


@dataclass(frozen=True)
class Ikk:
    """A factor as the ratio of two IKK values of one BPS edition and reference city (= 100)."""

    edition: int
    reference: str
    region: IkkValue
    base: IkkValue

    @property
    def ratio(self) -> float:
        return self.region.value / self.base.value

    def describe(self) -> str:
        return (f"BPS IKK {self.edition} (reference {self.reference} = 100): {self.region.region} "
                f"{self.region.value:g} ({self.region.source}) / {self.base.region} {self.base.value:g} "
                f"({self.base.source})")


@dataclass(frozen=True)
class Link:
    """How a list derives from the one it extends: the factor (None: unknown) and its source, and
    the months from the extended list's month to this one's, over which its prices are risen."""

    list_id: str
    extends: str
    factor: float | None
    source: str = ""
    ikk: Ikk | None = None
    months: int = 0

    @property
    def rise(self) -> float:
        """The factor the inherited prices are risen by for the months between the two lists."""
        return rise_over(self.months)


def rise_over(months: int) -> float:
    """Construction prices ``months`` later, at :data:`DEFAULT_INFLATION`, as a factor."""
    return math.pow(1 + DEFAULT_INFLATION, months / 12)


def months_between(earlier: tuple[int, int], later: tuple[int, int]) -> int:
    """Months from (year, month) ``earlier`` to ``later`` (negative when it is not earlier)."""
    return (later[0] - earlier[0]) * 12 + later[1] - earlier[1]


@dataclass(frozen=True)
class PriceList:
    id: str
    region: str
    region_name: str
    bps_code: str
    province: str
    year: int
    currency: str
    source: str
    collected: str
    prices: Mapping[str, Price]
    extends: str = ""
    #: Multiplier of the inherited prices; None while nobody published one (prices inherited not
    #: adjusted between districts, only risen to the list's month).
    factor: float | None = None
    factor_source: str = ""
    ikk: Ikk | None = None
    note: str = ""
    file: str = ""
    #: This list's link to the one it extends, then that list's own links, down to a list that extends none.
    links: tuple[Link, ...] = ()

    def price(self, code: str) -> Price:
        try:
            return self.prices[code]
        except KeyError:
            raise DataError(tr("{file}: prices: no price for resource {code!r}; add it to the list or extend a list "
                               "that has it", file=self.file or self.id, code=code)) from None

    @property
    def dated(self) -> tuple[int, int]:
        """(year, month) the list's prices hold: its ``collected`` when that reads ``YYYY-MM`` or
        a month and year (``Maret 2025``, ``March 2025``); for a year alone (``2024``), or text that
        names none, July of that year (or of the list's ``year``): the middle of the year a yearly
        standard price list (SSH/HSPK) is set for."""
        return list_month(self.collected, self.year)

    @property
    def indicative_count(self) -> int:
        return sum(p.indicative for p in self.prices.values())

    @property
    def factor_status(self) -> str:
        """``""`` for a list that extends none, ``"unknown"`` or ``"sourced"``."""
        if not self.extends:
            return ""
        return "unknown" if self.factor is None else "sourced"

    @property
    def unknown_factors(self) -> tuple[Link, ...]:
        """The links down the chain of ``extends`` whose factor nobody published."""
        return tuple(link for link in self.links if link.factor is None)


def bundled_lists() -> dict[str, Path]:
    """Bundled price list files by id (``kendal-2024`` ...)."""
    return {p.stem: p for p in sorted(price_list_dir().glob("*.yaml"))}


def region_of(list_id: str) -> str:
    match = _ID.match(list_id)
    return match.group("region") if match else list_id


def resolve_region(name: str) -> Path:
    """A region (``kendal``), a list id (``kendal-2024``) or a path to a YAML file; a region or
    an id in any letter case (``KENDAL``), or the district's name or BPS code."""
    lists = bundled_lists()
    if name in lists or name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name:
        return find(name, lists, N_("price list"))
    if name.strip().lower() != name and (name.strip().lower() in lists or
                                        any(region_of(i) == name.strip().lower() for i in lists)):
        return resolve_region(name.strip().lower())
    years = sorted((int(_ID.match(i).group("year")), i) for i in lists
                   if _ID.match(i) and region_of(i) == name)
    if years:
        return lists[years[-1][1]]
    # As an office writes it: the district's name ("Kabupaten Semarang", "Kab. Semarang") or its
    # BPS code ("3322"), in any letter case.
    names = _region_names(tuple(lists.items()))
    named = names.get(_plain_region(name))
    if named is not None:
        return resolve_region(named[0])
    # A near miss of a district's name is offered that name ("Kabupaten Semarang", not Kota
    # Semarang's 'semarang').
    regions = {region_of(i) for i in lists} | {shown for _, shown in names.values() if not shown.isdigit()}
    raise unknown(N_("region"), name, sorted(regions))


def _plain_region(name: str) -> str:
    """A district's name as written, in one form: lower case, single spaces, ``kab.`` for
    ``kabupaten``."""
    words = " ".join(name.lower().replace(".", ". ").split())
    return re.sub(r"^kab\.? ", "kabupaten ", words)


@functools.lru_cache(maxsize=4)
def _region_names(lists: tuple[tuple[str, Path], ...]) -> dict[str, tuple[str, str]]:
    """The region of each bundled list, and the name or code as the list writes it, by its
    district's name and BPS code in :func:`_plain_region` form (the newest list's region when two
    lists name one district)."""
    found: dict[str, tuple[str, str]] = {}
    for list_id, path in sorted(lists):
        try:
            region = load_yaml(path).get("region") or {}
        except (DataError, AttributeError):
            continue
        for key in (region.get("name"), region.get("bps_code")):
            if isinstance(key, (str, int)) and str(key).strip():
                found[_plain_region(str(key))] = (region_of(list_id), str(key).strip())
    return found


#: ``collected: "2024"`` or ``"2024-03"`` (the rest of the text, a note, is not read).
_DATED = re.compile(r"^((?:19|20)\d\d)(?:-(\d\d))?\b")
#: ``collected: "Maret 2025"`` or ``"March 2025"``.
_NAMED = re.compile(r"^([^\W\d_]+)\s+((?:19|20)\d\d)\b")
#: The month a list dated by its year alone is taken to hold: July, the middle of its year.
MID_YEAR = 7


def collected_month(collected: str) -> tuple[int, int] | None:
    """(year, month) a list's ``collected`` text names: its month when it gives one (``2025-03``,
    ``Maret 2025``), else July of the year it gives; None when it gives no year."""
    text = collected.strip()
    found = _DATED.match(text)
    if found:
        return int(found.group(1)), int(found.group(2)) if found.group(2) else MID_YEAR
    named = _NAMED.match(text)
    if named:
        names = {month(lang).lower(): k for lang in ("id", "en") for k, month in enumerate(MONTHS, 1)}
        if named.group(1).lower() in names:
            return int(named.group(2)), names[named.group(1).lower()]
    return None


def list_month(collected: str, year: int) -> tuple[int, int]:
    """(year, month) the prices of a list collected ``collected`` for ``year`` hold (see
    :attr:`PriceList.dated`)."""
    return collected_month(collected) or (year, MID_YEAR)


_PRICE_TEXT = re.compile(r"^(?:rp\.?\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?:,-)?$", re.IGNORECASE)
_DOT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")
#: "62,000" or "Rp 1,250,000": thousands grouped with commas, as in English.  An Indonesian reads the
#: comma as the start of the decimals (Rp 62), and nobody prices in thousandths of a Rupiah, so the
#: text cannot be meant either way: refused rather than read as Rp 62.
_COMMA_GROUPS = re.compile(r"^(?:rp\.?\s*)?\d{1,3}(?:,\d{3})+$", re.IGNORECASE)


def price_amount(value: object, where: Where) -> float:
    """A price in Rupiah as written in a list: a number, or Indonesian text (``"62.000"``,
    ``"Rp 62.000,00"``, ``"1.100,50"``: dots group thousands, a comma starts the decimals).
    A bare ``62.000`` is refused: YAML reads it as 62, which is surely not what was meant."""
    if written_as_thousands(value):
        raise where.fail(tr("expected a price such as 62000 or \"62.000\" (in quotes), found {text} unquoted, which "
                            "YAML reads as {read}; write {plain} or put it in quotes", text=value.text,
                            read=plain(float(value), language(), 6), plain=value.text.replace(".", "")))
    if isinstance(value, str):
        cleaned = value.strip()
        if len(cleaned) <= 40 and _COMMA_GROUPS.match(cleaned.replace(" ", "")):
            digits = re.sub(r"\D", "", cleaned)
            dotted = f"{int(digits):,}".replace(",", ".")
            raise where.fail(tr("expected a price in Rupiah such as {plain} or \"{dotted}\" (dots group thousands), "
                                "found {found!r}: in Indonesian a comma starts the decimals, and thousandths of a "
                                "Rupiah cannot be meant; write {plain} or \"{dotted}\"", plain=digits, dotted=dotted,
                                found=cleaned))
        match = _PRICE_TEXT.match(cleaned.replace(" ", "")) if len(cleaned) <= 40 else None
        if match:
            value = float(match.group(1).replace(".", "") + ("." + match.group(2) if match.group(2) else ""))
        elif _DOT_DECIMAL.match(cleaned):
            value = float(cleaned)
        else:
            try:
                value = float(cleaned)          # 1e6 and the like: checked against the bounds below
            except ValueError:
                raise where.error(tr('a price in Rupiah such as 62000, "62.000" or "Rp 62.000,00"'), value) from None
    return number(value, where, above=0, maximum=MAX_PRICE, unit="IDR")


@dataclass(frozen=True)
class Bounds:
    """Plausibility bounds (catalog/bounds.yaml): a price within ``low`` to ``high`` times a
    reference list's price for the same resource, and a list's ``factor`` within its own range."""

    reference: PriceList | None
    low: float
    high: float
    reason: str
    factor_low: float = 0.0
    factor_high: float = math.inf

    def range_of(self, code: str) -> tuple[float, float] | None:
        """The plausible prices of one base unit of ``code``, if the reference prices it. [IDR]"""
        if self.reference is None or code not in self.reference.prices:
            return None
        known = self.reference.prices[code].per_base
        return self.low * known, self.high * known

    def check(self, code: str, per_base: float, value: float, unit: str, resource, where: Where) -> None:
        bounds = self.range_of(code)
        if bounds is None or bounds[0] <= per_base <= bounds[1]:
            return
        factor = resource.factor(unit)
        known = self.reference.prices[code].per_base
        lang = language()
        raise where.fail(tr(
            "expected a price of {resource} between {low} and {high} per {unit} ({low_ratio} to {high_ratio} times "
            "{reference}'s {known}), found {found}; a typing mistake or the wrong unit? (districts' prices differ far "
            "less; the bounds and their reason: {file})", resource=resource.name(lang),
            low=rupiah(round(bounds[0] * factor), lang), high=rupiah(round(bounds[1] * factor), lang),
            unit=unit, low_ratio=plain(self.low, lang, 6), high_ratio=plain(self.high, lang, 6),
            reference=self.reference.id, known=rupiah(round(known * factor), lang),
            found="Rp " + i18n.number(value, lang, 2), file=BOUNDS_FILE))

    def check_inherited(self, prices: Mapping[str, Price], own: set[str], factor: float, parent: str,
                        resources: Resources, where: Where) -> None:
        """Inherited prices, times the factor, must be plausible too: a chain of lists each scaling
        the one before could otherwise carry any price."""
        for code, price in prices.items():
            bounds = self.range_of(code)
            if code in own or bounds is None or bounds[0] <= price.per_base <= bounds[1]:
                continue
            lang = language()
            raise where.fail(tr(
                "the price of {resource} inherited from {parent} times the factor {factor} is {found} per {unit}, "
                "outside {low} to {high} ({low_ratio} to {high_ratio} times {reference}'s); give it a price of its "
                "own, or check the factor (the bounds and their reason: {file})", resource=resources[code].name(lang),
                parent=parent, factor=plain(factor, lang, 6), found="Rp " + i18n.number(price.per_base, lang, 2),
                unit=resources[code].unit, low=rupiah(round(bounds[0]), lang), high=rupiah(round(bounds[1]), lang),
                low_ratio=plain(self.low, lang, 6), high_ratio=plain(self.high, lang, 6),
                reference=self.reference.id, file=BOUNDS_FILE))


BOUNDS_FILE = "catalog/bounds.yaml"


_BOUNDS: dict = {}


def price_bounds(resources: Resources, path: Path | None = None) -> Bounds | None:
    """The price bounds (read once), or None when ``path`` is the bundled reference list itself.

    Only the bundled file is exempt: a clinic's own list that happens to carry the reference's id
    is checked like any other (and so is a table being imported, which has no path yet)."""
    bounds_path = catalog_dir() / "bounds.yaml"
    key = (str(bounds_path), id(resources))
    if key not in _BOUNDS:
        _BOUNDS.clear()
        _BOUNDS[key] = _read_bounds(bounds_path, resources)
    found = _BOUNDS[key]
    if found is None:
        return None
    if path is not None:
        try:
            if path.resolve() == Path(found.reference.file).resolve():
                return None
        except OSError:
            pass
    return found


def _read_bounds(path: Path, resources: Resources) -> Bounds:
    where = Where(str(path))
    raw = mapping(load_yaml(path), where, required=("price", "coefficient", "factor"))
    spec = mapping(raw["price"], where / "price", required=("reference", "low", "high", "reason"))
    reference = text(spec["reference"], where / "price" / "reference")
    listed = bundled_lists()
    if reference not in listed:
        raise unknown(N_("price list"), reference, listed, str(where / "price" / "reference"))
    factor = mapping(raw["factor"], where / "factor", required=("low", "high", "reason"))
    factor_low = number(factor["low"], where / "factor" / "low", above=0, maximum=1)
    return Bounds(_parse(load_yaml(listed[reference]), Where(str(listed[reference])), resources, None, None),
                  number(spec["low"], where / "price" / "low", above=0, maximum=1),
                  number(spec["high"], where / "price" / "high", minimum=1),
                  text(spec["reason"], where / "price" / "reason"),
                  factor_low, number(factor["high"], where / "factor" / "high", minimum=1))


def coefficient_limit() -> tuple[float, str]:
    """The largest AHSP coefficient that can be meant, and why (catalog/bounds.yaml)."""
    path = catalog_dir() / "bounds.yaml"
    where = Where(str(path))
    raw = mapping(load_yaml(path), where, required=("price", "coefficient", "factor"))
    spec = mapping(raw["coefficient"], where / "coefficient", required=("max", "reason"))
    return (number(spec["max"], where / "coefficient" / "max", above=0),
            text(spec["reason"], where / "coefficient" / "reason"))


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _ikk(raw: object, where: Where, region_name: str, base: PriceList) -> Ikk:
    """``factor: {ikk: {edition, reference, region: {name, value, source}, base: {...}}}``: the two
    values must be of this list's region and of the region of the list it extends."""
    spec = mapping(raw, where, required=("ikk",))
    at = where / "ikk"
    spec = mapping(spec["ikk"], at, required=("edition", "reference", "region", "base"))
    values = {}
    for key, expected in (("region", region_name), ("base", base.region_name)):
        one = mapping(spec[key], at / key, required=("name", "value", "source"))
        name = text(one["name"], at / key / "name")
        if not _same_name(name, expected):
            whose = tr("this list's region") if key == "region" else tr(
                "the region of {list}, the list it scales", list=base.id)
            raise (at / key / "name").fail(tr(
                "expected the IKK of {whose} ({expected!r}), found {name!r}; a ratio of two IKK values scales one "
                "district's prices to another's only when each value is of its own district", whose=whose,
                expected=expected, name=name))
        values[key] = IkkValue(name, number(one["value"], at / key / "value", above=0, maximum=1000),
                               text(one["source"], at / key / "source"))
    return Ikk(integer(spec["edition"], at / "edition", minimum=2000, maximum=2100),
               text(spec["reference"], at / "reference"), values["region"], values["base"])


def _factor(data: dict, where: Where, region_name: str, base: PriceList | None) -> tuple:
    """(factor or None, its source, Ikk or None) from a list's ``factor`` and ``factor_source``."""
    raw, source = data.get("factor"), data.get("factor_source")
    if base is None:
        if "factor" in data or "factor_source" in data:
            raise (where / "factor").fail(tr("a factor needs 'extends' (the list it scales)"))
        return None, "", None
    if raw is None or raw == "unknown":
        if source is not None:
            raise (where / "factor_source").fail(
                tr("names a source, but the factor is unknown; give the factor's value in 'factor'"))
        return None, "", None
    if isinstance(raw, Mapping):
        if source is not None:
            raise (where / "factor_source").fail(tr("an IKK factor carries its sources in its two values; remove "
                                                    "factor_source"))
        ikk = _ikk(raw, where / "factor", region_name, base)
        factor = number(ikk.ratio, where / "factor", above=0, maximum=10)
        return factor, ikk.describe(), ikk
    if isinstance(raw, str) and not re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*", raw):
        raise (where / "factor").error(tr("a number with its factor_source, an IKK ratio ({ikk: ...}) or "
                                          "'unknown'"), raw)
    factor = number(raw, where / "factor", above=0, maximum=10)
    source = printed(source, where / "factor_source", TEXT_LIMITS["source"], allow_empty=True)
    if not source:
        raise (where / "factor_source").fail(tr(
            "expected the source of the factor {factor} (the publication it comes from, or write the factor as a "
            "ratio of two BPS IKK values: factor: {{ikk: ...}}), found none; a factor nobody published is unknown: "
            "write 'factor: unknown' (inherited prices are then not adjusted between districts, and stay indicative)",
            factor=plain(factor, language(), 6)))
    return factor, source, None


def _source_row(raw: object, where: Where) -> SourceRow:
    spec = mapping(raw, where, required=("table", "row", "description", "unit", "price"), optional=("sheet",))
    return SourceRow(text(spec["table"], where / "table"),
                     text(spec.get("sheet", ""), where / "sheet", allow_empty=True),
                     integer(spec["row"], where / "row", minimum=1),
                     text(spec["description"], where / "description"),
                     text(spec["unit"], where / "unit", allow_empty=True),
                     text(spec["price"], where / "price"))


def _parse(raw: object, where: Where, resources: Resources, base: PriceList | None,
           bounds: Bounds | None) -> PriceList:
    data = mapping(raw, where, required=("id", "region", "year", "currency", "source", "collected", "prices"),
                   optional=("extends", "factor", "factor_source", "note"))
    list_id = text(data["id"], where / "id")
    stem = Path(where.file).stem
    if Path(where.file).suffix and stem != list_id:
        raise (where / "id").fail(tr("expected the file name without .yaml ({name!r}), found {id!r}", name=stem,
                                     id=list_id))
    region = mapping(data["region"], where / "region", required=("name",), optional=("bps_code", "province"))
    region_name = printed(region["name"], where / "region" / "name", TEXT_LIMITS["region"])
    currency = text(data["currency"], where / "currency")
    if currency != "IDR":
        raise (where / "currency").error("IDR", currency)
    factor, factor_source, ikk = _factor(data, where, region_name, base)
    if factor is not None and bounds is not None and not bounds.factor_low <= factor <= bounds.factor_high:
        lang = language()
        raise (where / "factor").fail(tr(
            "expected a factor between {low} and {high}, found {found}; districts' construction prices differ far "
            "less (the bounds and their reason: {file})", low=plain(bounds.factor_low, lang, 6),
            high=plain(bounds.factor_high, lang, 6), found=plain(factor, lang, 6), file=BOUNDS_FILE))

    collected = _collected(data["collected"], where / "collected")
    year = integer(data["year"], where / "year", minimum=1990, maximum=2100)
    months = 0 if base is None else months_between(base.dated, list_month(collected, year))
    rise = rise_over(months)
    prices: dict[str, Price] = {}
    if base is not None:
        unknown_factor = factor is None
        scale = 1.0 if unknown_factor else factor
        for code, inherited in base.prices.items():
            if inherited.priced_as:
                continue            # taken again below, from this list's own price of that resource
            prices[code] = Price(code, inherited.per_base * scale, inherited.indicative or unknown_factor,
                                 inherited.origin, inherited.note, source=inherited.source,
                                 unadjusted=inherited.unadjusted or unknown_factor,
                                 rise=inherited.rise * rise)
    own_entries = entries(data["prices"], where / "prices")
    if base is not None and bounds is not None:
        # Checked at the factor alone, as the message says: a year's rise is no typing mistake.
        bounds.check_inherited(prices, set(own_entries), scale, base.id, resources, where / "factor")
    if months:
        prices = {code: replace(price, per_base=price.per_base * rise) for code, price in prices.items()}
    for code, entry in own_entries.items():
        at = where / "prices" / code
        if code not in resources:
            raise unknown(N_("resource"), code, resources.by_code, str(at))
        entry = mapping(entry, at, required=("price", "unit"), optional=("indicative", "note", "source"))
        resource = resources[code]
        value = price_amount(entry["price"], at / "price")
        unit = text(entry["unit"], at / "unit")
        try:
            per_base = value / resource.factor(unit)
        except DataError as exc:
            raise (at / "unit").fail(str(exc)) from None
        if bounds is not None:
            bounds.check(code, per_base, value, unit, resource, at / "price")
        # ``source`` is either a text (kept as the note) or the table row an import read the price from.
        source = entry.get("source")
        row = _source_row(source, at / "source") if isinstance(source, Mapping) else None
        note = entry.get("note", "" if row is not None else entry.get("source", ""))
        prices[code] = Price(code, per_base, flag(entry.get("indicative", False), at / "indicative"),
                             list_id, printed(note, at / "note", TEXT_LIMITS["note"], allow_empty=True),
                             source=row)
    for resource in resources:
        if resource.priced_as and resource.code not in prices and resource.priced_as in prices:
            taken = prices[resource.priced_as]
            prices[resource.code] = Price(resource.code, taken.per_base, taken.indicative, taken.origin,
                                          f"priced per {resource.unit} as {resource.priced_as}", resource.priced_as,
                                          source=taken.source, unadjusted=taken.unadjusted, rise=taken.rise)
    extends = text(data.get("extends", ""), where / "extends", allow_empty=True)
    links = (Link(list_id, base.id, factor, factor_source, ikk, months),) + base.links if base is not None else ()
    return PriceList(
        id=list_id,
        region=region_of(list_id),
        region_name=region_name,
        bps_code=text(region.get("bps_code", ""), where / "region" / "bps_code", allow_empty=True),
        province=printed(region.get("province", ""), where / "region" / "province", TEXT_LIMITS["region"],
                         allow_empty=True),
        year=year,
        currency=currency,
        source=printed(data["source"], where / "source", TEXT_LIMITS["source"]),
        collected=collected,
        prices=prices,
        extends=extends,
        factor=factor,
        factor_source=factor_source,
        ikk=ikk,
        note=printed(data.get("note", ""), where / "note", TEXT_LIMITS["note"], allow_empty=True),
        file=where.file,
        links=links,
    )


def load_price_list(name: str, resources: Resources, _trail: tuple[str, ...] = ()) -> PriceList:
    """Load a price list by region, id or path, following ``extends``."""
    path = resolve_region(name)
    return parse_price_list(load_yaml(path), path, resources, _trail)


def _collected(value: object, where: Where) -> str:
    """The list's ``collected`` text; one that gives a month, ``YYYY-MM``, gives one there is."""
    text = printed(value, where, TEXT_LIMITS["collected"])
    given = _DATED.match(text.strip())
    if given and given.group(2) and not 1 <= int(given.group(2)) <= 12:
        raise where.error(tr("the month the prices were collected, YYYY-MM with a month from 01 to 12, or a year"),
                          text)
    return text


def parse_price_list(raw: object, path: Path, resources: Resources, _trail: tuple[str, ...] = ()) -> PriceList:
    """A price list from parsed YAML read from (or about to be written to) ``path``: ``extends``
    names a list beside it or a bundled one."""
    where = Where(str(path))
    base = None
    if isinstance(raw, Mapping) and raw.get("extends"):
        parent = text(raw["extends"], where / "extends")
        # A plain name, short enough to be a file's: a price list's id is a region and a year.
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}", parent):
            raise (where / "extends").error(tr("the id or region of another price list, such as 'surakarta-2024'"),
                                            parent)
        if parent in _trail or parent == path.stem:
            raise (where / "extends").fail(tr("lists extend each other in a cycle: {cycle}",
                                              cycle=" -> ".join(_trail + (path.stem, parent))))
        sibling = path.parent / f"{parent}.yaml"
        try:
            base = load_price_list(str(sibling) if sibling.is_file() else parent, resources,
                                   _trail + (path.stem,))
        except DataError as exc:
            raise (where / "extends").fail(tr("cannot load {list!r}: {error}", list=parent, error=exc)) from None
        except LookupError:
            raise unknown(N_("price list"), parent, bundled_lists(), str(where / "extends")) from None
    return _parse(raw, where, resources, base, price_bounds(resources, path))
