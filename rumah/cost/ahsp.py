"""AHSP work items: coefficients of labour, material and equipment per unit of work.

An *edition* (SNI 2008 / Permen PUPR 1/2022, SE DJBK 47/2026 ...) is one YAML file.  Items are
keyed by a project-wide work key (``excavation``, ``wall_red_brick``) and carry the edition's
own number in ``code``.  A line names a resource or another item of the same edition, so an
item that has no published coefficients can be composed from items that do.  Composition is
flattened once, at load, into resource coefficients per unit of work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import i18n
from ..data import catalog_dir, find
from ..errors import DataError, unknown
from ..i18n import N_, language, tr
from ..schema import Text, Where, bilingual, choice, entries, integer, mapping, number, printed, sequence, text
from ..yamlio import load_yaml
from .prices import coefficient_limit
from .resources import Resources

#: Longest texts of an edition that the quote prints, in characters (each must fit its place: a code
#: and a description share a line of the bill; the title and source go into the sources).
TEXT_LIMITS = {"code": 40, "description": 160, "edition": 40, "title": 200, "source": 1000}

#: Who does the skilled part of an item, used to report labour days per trade.
TRADES = ("umum", "batu", "kayu", "besi", "cat", "pipa", "listrik")
TRADE_NAMES = {
    "umum": N_("general"),
    "batu": N_("mason"),
    "kayu": N_("carpenter"),
    "besi": N_("steel fixer"),
    "cat": N_("painter"),
    "pipa": N_("plumber"),
    "listrik": N_("electrician"),
}


@dataclass(frozen=True)
class Usage:
    """Resource used by one unit of a work item (after composition is flattened).

    coefficient : float — base units of the resource per unit of work.
    trade : str — the trade of the item the line came from (matters for labour).
    """

    resource: str
    trade: str
    coefficient: float


@dataclass(frozen=True)
class WorkItem:
    key: str
    code: str
    description: Text
    unit: str
    trade: str
    usage: tuple[Usage, ...]
    estimate: str = ""
    note: str = ""

    @property
    def is_estimate(self) -> bool:
        return bool(self.estimate)


@dataclass(frozen=True)
class Edition:
    """One AHSP edition: its identity and its work items by work key."""

    edition: str
    title: str
    year: int
    source: str
    items: Mapping[str, WorkItem]
    file: str = ""

    def __getitem__(self, key: str) -> WorkItem:
        try:
            return self.items[key]
        except KeyError:
            where = tr("AHSP edition {edition}", edition=self.edition)
            raise unknown(N_("work item"), key, self.items, where) from None


#: A coefficient written as Indonesian tables print it: a decimal comma (``"0,75"``), maybe after
#: thousands grouped with dots (``"1.009,5"``).
_DECIMAL_COMMA = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+),(\d+)$")
#: ``"1.009"`` in quotes: Indonesian thousands (1009 kg of gravel) or a decimal point (1.009)?
#: The two differ a thousandfold and the file cannot say which, so it is refused.
_ONE_DOT_GROUP = re.compile(r"^[1-9]\d{0,2}\.\d{3}$")
#: ``"1.250.000"``: more than one group can only be Indonesian thousands.
_DOT_GROUPS = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3}){2,}$")


def coefficient_amount(value: object, where: Where) -> float:
    """A coefficient: a YAML number as written (``0.75``, ``11.667``: the point is a decimal
    point, as in the bundled editions), a fraction (``"1/1400"``), or text as Indonesian
    tables print it (``"0,75"``, ``"1.009,5"``, ``"1.250.000"``).  Quoted ``"1.009"`` is ambiguous
    and refused."""
    if isinstance(value, str):
        cleaned = value.strip()
        comma = _DECIMAL_COMMA.match(cleaned) if len(cleaned) <= 40 else None
        if comma:
            value = float(comma.group(1).replace(".", "") + "." + comma.group(2))
        elif len(cleaned) <= 40 and _DOT_GROUPS.match(cleaned):
            value = cleaned.replace(".", "")
        elif len(cleaned) <= 40 and _ONE_DOT_GROUP.match(cleaned):
            raise where.fail(tr("expected a coefficient, found {found!r} in quotes, which may mean {whole} "
                                "(Indonesian thousands) or {point} (a decimal point); write {whole} or {comma!r} "
                                "(decimal comma) or {point} without quotes", found=cleaned,
                                whole=cleaned.replace(".", ""), point=repr(float(cleaned)),
                                comma=cleaned.replace(".", ",")))
    return number(value, where, minimum=0)


def parse_edition(raw: object, where: Where, resources: Resources) -> Edition:
    data = mapping(raw, where, required=("edition", "title", "year", "source", "items"), optional=("note",))
    raw_items = entries(data["items"], where / "items")
    limit, _reason = coefficient_limit()
    specs = {}
    for key, spec in raw_items.items():
        at = where / "items" / key
        spec = mapping(spec, at, required=("code", "description", "unit", "lines"),
                       optional=("trade", "estimate", "note"))
        lines = []
        for i, line in enumerate(sequence(spec["lines"], at / "lines")):
            lat = at / "lines" / i
            line = mapping(line, lat, required=("coefficient",), optional=("resource", "item", "unit"))
            coefficient = coefficient_amount(line["coefficient"], lat / "coefficient")
            if coefficient > limit:
                lang = language()
                raise (lat / "coefficient").fail(tr(
                    "expected at most {limit} base units per unit of work, found {found}; a typing mistake? (the "
                    "bound and its reason: catalog/bounds.yaml)", limit=i18n.number(limit, lang, 0),
                    found=i18n.figure(coefficient, lang)))
            if ("resource" in line) == ("item" in line):
                raise lat.fail(tr("a line names exactly one of 'resource' or 'item'"))
            if "resource" in line:
                code = text(line["resource"], lat / "resource")
                if code not in resources:
                    raise unknown(N_("resource"), code, resources.by_code, str(lat / "resource"))
                resource = resources[code]
                unit = text(line.get("unit", resource.unit), lat / "unit")
                try:
                    coefficient *= resource.factor(unit)
                except DataError as exc:
                    raise (lat / "unit").fail(str(exc)) from None
                if coefficient > limit:
                    lang = language()
                    raise (lat / "coefficient").fail(tr(
                        "expected at most {limit} {base} per unit of work, found {found} {base} once {unit} is "
                        "converted; a typing mistake or the wrong unit? (the bound and its reason: "
                        "catalog/bounds.yaml)", limit=i18n.number(limit, lang, 0), base=resource.unit,
                        found=i18n.figure(coefficient, lang), unit=unit))
                lines.append(("resource", code, coefficient))
            else:
                if "unit" in line:
                    raise (lat / "unit").fail(tr("an item line takes the unit of that item; remove 'unit'"))
                name = text(line["item"], lat / "item")
                if name not in raw_items:
                    raise unknown(N_("work item"), name, raw_items, str(lat / "item"))
                lines.append(("item", name, coefficient))
        specs[key] = (spec, lines, at)

    usage: dict[str, tuple[Usage, ...]] = {}

    def flatten(key: str, trail: tuple[str, ...]) -> tuple[Usage, ...]:
        if key in usage:
            return usage[key]
        if key in trail:
            cycle = " -> ".join(trail[trail.index(key):] + (key,))
            raise specs[key][2].fail(tr("work items refer to each other in a cycle: {cycle}", cycle=cycle))
        spec, lines, at = specs[key]
        trade = choice(spec.get("trade", "umum"), at / "trade", TRADES, N_("trade"))
        total: dict[tuple[str, str], float] = {}
        for kind, name, coefficient in lines:
            if kind == "resource":
                total[(name, trade)] = total.get((name, trade), 0.0) + coefficient
            else:
                for part in flatten(name, trail + (key,)):
                    slot = (part.resource, part.trade)
                    total[slot] = total.get(slot, 0.0) + coefficient * part.coefficient
        for (resource, _), amount in total.items():
            # Items made of items multiply their coefficients: bounded here too, so that no chain of
            # plausible lines can add up to an absurd (or infinite) amount.
            if amount > limit:
                lang = language()
                raise at.fail(tr("expected at most {limit} base units of {resource} per unit of work once the items "
                                 "it is made of are added up, found {found}; a typing mistake in a coefficient of an "
                                 "item line? (the bound and its reason: catalog/bounds.yaml)",
                                 limit=i18n.number(limit, lang, 0), resource=resource,
                                 found=i18n.figure(amount, lang)))
        usage[key] = tuple(Usage(r, t, c) for (r, t), c in total.items())
        return usage[key]

    items = {}
    for key, (spec, _, at) in specs.items():
        items[key] = WorkItem(
            key=key,
            code=printed(spec["code"], at / "code", TEXT_LIMITS["code"]),
            description=bilingual(spec["description"], at / "description", TEXT_LIMITS["description"]),
            unit=text(spec["unit"], at / "unit"),
            trade=choice(spec.get("trade", "umum"), at / "trade", TRADES, N_("trade")),
            usage=flatten(key, ()),
            estimate=text(spec.get("estimate", ""), at / "estimate", allow_empty=True),
            note=text(spec.get("note", ""), at / "note", allow_empty=True),
        )
    return Edition(
        edition=printed(data["edition"], where / "edition", TEXT_LIMITS["edition"]),
        title=printed(data["title"], where / "title", TEXT_LIMITS["title"]),
        year=integer(data["year"], where / "year", minimum=1900, maximum=2100),
        source=printed(data["source"], where / "source", TEXT_LIMITS["source"]),
        items=items,
        file=where.file,
    )


def edition_paths() -> dict[str, Path]:
    """Bundled editions by name (file name without ``.yaml``)."""
    return {p.stem: p for p in sorted((catalog_dir() / "ahsp").glob("*.yaml"))}


def newest_edition_name() -> str:
    """The name of the bundled edition with the latest year (the default)."""
    best = None
    for name in edition_paths():
        year = int("".join(ch for ch in name if ch.isdigit())[-4:] or 0)
        if best is None or year > best[0]:
            best = (year, name)
    if best is None:
        raise DataError(tr("{folder}: no AHSP edition files", folder=catalog_dir() / "ahsp"))
    return best[1]


def load_edition(name: str | None, resources: Resources) -> Edition:
    """Load a bundled edition by name (the newest when ``name`` is None) or a YAML path."""
    if name is None:
        name = newest_edition_name()
    path = find(name, edition_paths(), N_("AHSP edition"))
    return parse_edition(load_yaml(path), Where(str(path)), resources)
