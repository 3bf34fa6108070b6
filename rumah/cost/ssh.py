"""Importing a district's standard price table (SSH / HSPK / HSD) into a price list.

A district publishes its standard prices every year in the SIPD budgeting system, from which a
clinic exports a table (item code, description, specification, unit, price).  Each row is
matched to a resource of the catalog by ``catalog/ssh-map.yaml`` (description patterns in
Indonesian, in order of preference, and what the table's units mean), its price read as it is
written (``62.000``, ``Rp 62.000,00``: :func:`rumah.cost.prices.price_amount`) and converted to
the resource's unit, and the row remembered with the price.  What the table lacks is inherited
from the list the new one extends, through a factor that is unknown, so it stays indicative.

:func:`import_table` returns plain data (what was matched, chosen, left over); :func:`price_list_text`
writes it as a price list file, which :func:`check_import` loads like any other before it is saved.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..data import catalog_dir
from ..errors import DataError, unknown
from ..i18n import N_, Phrase, language, ntr, phrase, t, tr
from ..schema import Where, entries, mapping, sequence, text
from ..tables import Cell, Cells, Sheet, Table, cell_text, cells_at, column_name, read_table
from ..yamlio import load_yaml, parse_yaml
from .prices import (
    DEFAULT_INFLATION,
    PriceList,
    SourceRow,
    list_month,
    months_between,
    parse_price_list,
    price_amount,
    price_bounds,
)
from .resources import Resources

ROLES = ("description", "specification", "unit", "price", "code")
REQUIRED_ROLES = ("description", "unit", "price")
MAP_FILE = "catalog/ssh-map.yaml"


# ---------------------------------------------------------------------------------------- the mapping

@dataclass(frozen=True)
class Pattern:
    """One way of recognising a resource in a table: every ``match`` found, no ``exclude``.

    rank : 0 for the mapping's first choice for this resource, 1 for the next ...
    units : a table unit (as ``SshMap.units`` names it) -> the resource's unit it means.
    """

    resource: str
    rank: int
    match: tuple[re.Pattern, ...]
    exclude: tuple[re.Pattern, ...]
    units: Mapping[str, str]

    def matches(self, text: str) -> bool:
        return all(p.search(text) for p in self.match) and not any(p.search(text) for p in self.exclude)


@dataclass(frozen=True)
class SshMap:
    columns: Mapping[str, tuple[str, ...]]
    #: A unit as tables write it (normalised) -> the unit it means.
    units: Mapping[str, str]
    patterns: tuple[Pattern, ...]
    file: str
    #: Any pattern's first expression: a row it does not find matches nothing (most rows of a
    #: district's table are office supplies and the like, and are passed over in one search).
    screen: re.Pattern | None = None

    def matching(self, text: str) -> dict[str, Pattern]:
        """Each resource whose pattern matches ``text``, with its most preferred matching pattern."""
        best: dict[str, Pattern] = {}
        if self.screen is not None and not self.screen.search(text):
            return best
        for pattern in self.patterns:
            if pattern.resource not in best and pattern.matches(text):
                best[pattern.resource] = pattern
        return best


def normalise(value: str) -> str:
    """A description as the mapping's patterns read it (see the head of ``catalog/ssh-map.yaml``)."""
    value = value.lower()
    for sign in "⌀∅φ":
        value = value.replace(sign, "ø")
    for a, b in (("×", "x"), ("“", '"'), ("”", '"'), ("″", '"'), ("‘", "'"), ("’", "'"), ("′", "'")):
        value = value.replace(a, b)
    return " ".join(value.split())


def _unit_key(value: str) -> str:
    return normalise(value).rstrip(".").strip()


def _regexes(value: object, where: Where) -> tuple[re.Pattern, ...]:
    found = []
    for i, item in enumerate(sequence(value, where)):
        pattern = text(item, where / i)
        try:
            found.append(re.compile(pattern))
        except re.error as exc:
            raise (where / i).fail(tr("expected a regular expression, found {pattern!r} ({error})", pattern=pattern,
                                      error=exc)) from None
    return tuple(found)


def parse_ssh_map(raw: object, where: Where, resources: Resources) -> SshMap:
    data = mapping(raw, where, required=("columns", "units", "resources"))
    columns = {}
    spec = mapping(data["columns"], where / "columns", required=REQUIRED_ROLES, optional=ROLES)
    for role, names in spec.items():
        columns[role] = tuple(normalise(text(n, where / "columns" / role / i))
                              for i, n in enumerate(sequence(names, where / "columns" / role)))
    units = {}
    for meaning, words in entries(data["units"], where / "units").items():
        for i, word in enumerate(sequence(words, where / "units" / meaning)):
            key = _unit_key(text(word, where / "units" / meaning / i))
            if key in units and units[key] != meaning:
                raise (where / "units" / meaning / i).fail(tr("{key!r} already means {meaning!r}", key=key,
                                                              meaning=units[key]))
            units[key] = meaning
    patterns = []
    for code, options in entries(data["resources"], where / "resources").items():
        at = where / "resources" / code
        if code not in resources:
            raise unknown(N_("resource"), code, resources.by_code, str(at))
        resource = resources[code]
        for rank, option in enumerate(sequence(options, at)):
            pat = at / rank
            option = mapping(option, pat, required=("match",), optional=("exclude", "units", "note"))
            own = {}
            for written, meant in entries(option.get("units"), pat / "units").items():
                meant = text(meant, pat / "units" / written)
                try:
                    resource.factor(meant)
                except DataError as exc:
                    raise (pat / "units" / written).fail(str(exc)) from None
                own[written] = meant
            patterns.append(Pattern(code, rank, _regexes(option["match"], pat / "match"),
                                    _regexes(option.get("exclude", []), pat / "exclude"), own))
    screen = re.compile("|".join(f"(?:{p.match[0].pattern})" for p in patterns if p.match)) if all(
        p.match for p in patterns) else None
    return SshMap(columns, units, tuple(patterns), where.file, screen)


def load_ssh_map(resources: Resources, path: Path | None = None) -> SshMap:
    """The bundled mapping (named ``catalog/ssh-map.yaml`` in messages), or the one at ``path``."""
    return parse_ssh_map(load_yaml(path or catalog_dir() / "ssh-map.yaml"), Where(str(path or MAP_FILE)), resources)


# ---------------------------------------------------------------------------------------- the table

@dataclass(frozen=True)
class Header:
    """Where a sheet's header is and which column holds what (index from 0, None if absent)."""

    row: int
    position: int                   # index of the header row in the sheet's rows
    columns: Mapping[str, int | None]
    names: Cells


def find_columns(cells: Cells, ssh_map: SshMap) -> dict[str, int | None]:
    """Which column of a header row holds each role: a cell that is one of the role's names, or
    begins with one and a space or "(" (``Harga Satuan (Rp)``).  Names are tried in order."""
    shown = [normalise(cell_text(c)) for c in cells]
    found: dict[str, int | None] = {}
    taken: set[int] = set()
    for role in ("price", "unit", "specification", "code", "description"):
        found[role] = None
        for name in ssh_map.columns.get(role, ()):
            exact = [i for i, c in enumerate(shown) if c == name and i not in taken]
            prefix = [i for i, c in enumerate(shown) if c.startswith((name + " ", name + "(")) and i not in taken]
            if exact or prefix:
                found[role] = (exact or prefix)[0]
                taken.add(found[role])
                break
    return found


def _header(sheet: Sheet, ssh_map: SshMap, headers_within: int) -> Header | None:
    for position, (number, cells) in enumerate(sheet.rows[:headers_within]):
        columns = find_columns(cells, ssh_map)
        if columns["description"] is not None and columns["price"] is not None:
            return Header(number, position, columns, cells)
    return None


@dataclass(frozen=True)
class Row:
    """A row of the table with a description: as written, and as the patterns read it."""

    sheet: str
    number: int
    description: str
    specification: str
    unit: str
    price: object
    text: str

    def label(self, lang: str = "en") -> str:
        """``Semen Portland - 50 kg (Sak) 62000``, with ``no unit`` or ``no price`` in ``lang``."""
        spec = f" - {self.specification}" if self.specification else ""
        unit = self.unit or t("no unit", lang)
        price = cell_text(self.price) or t("no price", lang)
        description = self.description or t("no description", lang)
        return f"{description}{spec} ({unit}) {price}"


@dataclass(frozen=True)
class Match:
    """A row read as the price of a resource: ``price`` per ``unit`` (a unit of the resource)."""

    resource: str
    rank: int
    row: Row
    unit: str
    price: float
    per_base: float


@dataclass(frozen=True)
class Choice:
    """A resource that several rows price: the one taken, the others, and why (``mapping``: the
    mapping prefers its pattern; ``first``: same pattern, first in the table; ``asked``)."""

    resource: str
    chosen: Match
    others: tuple[Match, ...]
    how: str


@dataclass(frozen=True)
class Unusable:
    """A row that matches a resource but whose unit converts to nothing the resource knows."""

    row: Row
    resource: str
    reason: Phrase


@dataclass(frozen=True)
class Imported:
    table: str
    delimiter: str
    headers: tuple[tuple[str, int], ...]        # (sheet, header row) of each sheet read
    skipped_sheets: tuple[str, ...]             # sheets without a price table
    rows: int                                   # rows with a description, read after the headers
    prices: Mapping[str, Match]                 # by resource, in catalog order
    choices: tuple[Choice, ...]
    unmatched: tuple[Row, ...]
    unusable: tuple[Unusable, ...]
    missing: tuple[str, ...]                    # resources the table does not price
    #: Resources the table does not price but that take the price of one it does (``priced_as``).
    derived: tuple[str, ...] = ()


Chooser = Callable[[str, Sequence[Match], int], int]


def _rows(sheet: Sheet, header: Header, path: str, delimiter: str) -> list[tuple[Row, Cell]]:
    """The rows after the header that have a description.  ``delimiter``: a CSV's (empty for a
    workbook), in which a quote left open is refused.

    A row with a specification, a unit and a price in figures but an empty description, right
    below a described row, has that row's description: a description cell merged down over the
    rows of its sizes (a sack of 40 kg, then of 50 kg) holds its text in its first row only, in
    the workbook and in the CSV a spreadsheet saves from it.  A row of sums ("Jumlah") or with
    no price ("-") takes none."""
    cols = header.columns
    spreadsheet = not delimiter
    out = []
    above = ""
    for number, cells in sheet.rows[header.position + 1:]:
        if delimiter:
            _check_closed(cells, delimiter, header, Cell(path, sheet=sheet.name, row=number))
        description = cell_text(cells_at(cells, cols["description"]))
        spec = cell_text(cells_at(cells, cols["specification"]))
        unit = cell_text(cells_at(cells, cols["unit"]))
        price = cells_at(cells, cols["price"])
        if not description and above and unit and _a_size(spec, price):
            description = above
        above = description
        if not description and not (unit and any(ch.isdigit() for ch in cell_text(price))):
            continue
        # (A row with a unit and a price but no description to match is kept, to be reported as
        # matching nothing rather than passed over.)
        if isinstance(price, str):
            price = price.strip()
        name = column_name(cols["price"], cell_text(header.names[cols["price"]]), spreadsheet)
        # A size written in the unit cell ("Zak 50 kg") is matched as one in the text.
        sizes = " ".join(m.group(0) for pattern in _STATED.values() for m in pattern.finditer(normalise(unit)))
        row = Row(sheet.name, number, description, spec, unit, price,
                  normalise(" ".join(part for part in (description, spec, sizes) if part)) if description else "")
        out.append((row, Cell(path, sheet=sheet.name, row=number, column=name)))
    return out


#: Words that open a row of sums or taxes, not of a size: it takes no description from above.
_SUMS = ("jumlah", "total", "subtotal", "sub total", "rekap", "ppn", "pajak", "diskon")


def _a_size(spec: str, price: object) -> bool:
    """Whether a row without a description is a next size of the item above: it says which
    (a specification that is no sum's) and gives a price in figures (not "-")."""
    text = cell_text(price)
    return bool(spec) and not normalise(spec).startswith(_SUMS) and any(ch.isdigit() for ch in text)


def _check_closed(cells: Cells, delimiter: str, header: Header, where: Cell) -> None:
    """Refuse a CSV row one of whose cells holds whole rows of the table: a quote (") opened and not
    closed on its line reads the lines after it into that cell (up to a line the quote closes on),
    and their prices would be lost without a word.  A description written on two lines (a line
    break within a cell, which spreadsheets quote) holds no line with a cell for every column, and
    no first line with a cell for every column after its own."""
    for index, cell in enumerate(cells):
        if isinstance(cell, str) and "\n" in cell:
            lines = cell.splitlines()
            swallowed = [line for line in lines[1:] if line.count(delimiter) >= len(header.names) - 1]
            after = len(header.names) - index - 1
            if not swallowed and after > 0 and lines[0].count(delimiter) >= after and \
                    _priced(lines[0].rsplit(delimiter, 1)[1], where) and \
                    all(line.count(delimiter) >= index for line in lines[1:]):
                # Closed on a later line: the cell's first line holds the rest of its own row (its
                # price last), and each line after it the start of a row of the table (the cells
                # before this column).  Words on two lines end in no price, or start no row.
                swallowed = lines[1:]
            if swallowed:
                name = column_name(index, cell_text(header.names[index]) if index < len(header.names) else "", False)
                raise where.fail(ntr("a quote (\") opened in column {column} is not closed on its line: {n} more "
                                     "row of the table was read into this cell, and its price with it; close or "
                                     "remove the quote", "a quote (\") opened in column {column} is not closed on its "
                                     "line: {n} more rows of the table were read into this cell, and their prices "
                                     "with them; close or remove the quote", len(swallowed), column=name))


def _priced(text: str, where: Cell) -> bool:
    """Whether ``text`` is written as a price (``62000``, ``Rp 62.000,-``)."""
    if not re.search(r"\d", text):
        return False
    try:
        price_amount(text.strip(), where)
    except DataError:
        return False
    return True


def _read(row: Row, where: Cell, pattern: Pattern, resources: Resources, ssh_map: SshMap, bounds
          ) -> Match | Unusable:
    resource = resources[pattern.resource]
    written = _unit_key(row.unit)
    if written not in ssh_map.units:
        # "Btg 6 m", "Kaleng 1 kg": the unit word, its size read below.
        bare = _unit_key(_STATED["kg"].sub("", _STATED["m"].sub("", normalise(row.unit))))
        written = bare if bare in ssh_map.units else written
    meaning = ssh_map.units.get(written, written)
    unit = pattern.units.get(meaning, meaning)
    if unit not in resource.units and unit != resource.unit:
        # A sack, can or bar whose size the row writes (a "Zak" of "50 kg"): the resource's unit
        # of that kind and size.
        unit = _unit_of_size(row, resource, meaning) or unit
    try:
        factor = resource.factor(unit)
    except DataError:
        own = ", ".join([resource.unit, *resource.units])
        said = f"{row.unit!r}" + (f" ({meaning})" if meaning != written else "")
        return Unusable(row, pattern.resource,
                        phrase("unit {unit} does not convert to {base} for {code} (units it knows: {units}; {file} "
                               "says what table units mean)", unit=said, base=resource.unit, code=pattern.resource,
                               units=own, file=ssh_map.file))
    sized = _as_stated(row, resource, unit, factor)
    if isinstance(sized, Phrase):
        return Unusable(row, pattern.resource, sized)
    unit, factor, per_unit = sized
    if row.price is None or row.price == "":
        raise where.fail(tr("expected the price of {resource} ({code}), found an empty cell (a formula the "
                            "spreadsheet never computed? open and save it there first)",
                            resource=resource.name(language()), code=pattern.resource))
    value = price_amount(row.price, where)
    per_base = value / factor
    if bounds is not None:
        # (A price converted by the row's own size is checked as the price per base unit it is.)
        shown, per = (value, unit) if per_unit else (per_base, resource.unit)
        bounds.check(pattern.resource, per_base, shown, per, resource, where)
    if not per_unit:
        # A size the resource has no unit of (a 6 m bar): the price per base unit (per kg, to
        # the sen), the row as written kept beside it.
        per_base = round(per_base, 2)
        return Match(pattern.resource, pattern.rank, row, resource.unit, per_base, per_base)
    return Match(pattern.resource, pattern.rank, row, unit, value, per_base)


#: A unit that holds a size, as resources.yaml names it (``batang_12m``, ``pail_5kg``).
_SIZED_UNIT = re.compile(r"_(\d+(?:\.\d+)?)(m|kg)$")
#: A size a row writes: a length in metres (not mm, m2, m3) or a mass in kg.
_STATED = {"m": re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?) ?(?:meter|mtr|m)(?![a-z0-9²³])"),
           "kg": re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?) ?(?:kilogram|kg)(?![a-z0-9])")}


def _stated_sizes(row: Row, dimension: str) -> list[float]:
    """The sizes in ``dimension`` (m or kg) that a row writes, in its description, specification
    or unit cell."""
    text = normalise(f"{row.description} {row.specification} {row.unit}")
    return sorted({float(m.group(1).replace(",", ".")) for m in _STATED[dimension].finditer(text)})


def _unit_of_size(row: Row, resource, kind: str) -> str | None:
    """The resource's unit of ``kind`` (``sak``) and of the one size the row writes (``sak_50kg``)."""
    for dimension in _STATED:
        stated = _stated_sizes(row, dimension)
        if len(stated) == 1:
            name = f"{kind}_{_number(stated[0])}{dimension}"
            if name in resource.units:
                return name
    return None


def _as_stated(row: Row, resource, unit: str, factor: float) -> tuple[str, float, bool] | Phrase:
    """(unit, base units it holds, whether the price is per that unit) for a row read in ``unit``,
    by the size the row writes: a bar, can, roll or length of the size the unit holds is read in
    it; one of another size in the resource's unit of that size (a 1 kg can), or else converted by
    its size (a 6 m bar is half a 12 m one); a row that writes two sizes is unusable (which one its
    price is for is not said).  Sizes are looked for in the description, the specification and the
    unit cell (``Kaleng 1 kg``)."""
    size = _SIZED_UNIT.search(unit)
    if size is None:
        return unit, factor, True
    held, dimension = float(size.group(1)), size.group(2)
    stated = _stated_sizes(row, dimension)
    if not stated or stated == [held]:
        return unit, factor, True
    if len(stated) > 1:
        return phrase("the row writes sizes {sizes} {dimension}: which one its price is for is not said",
                      sizes=", ".join(_number(s) for s in stated), dimension=dimension)
    written = stated[0]
    for other in resource.units:
        found = _SIZED_UNIT.search(other)
        if found is not None and found.group(2) == dimension and abs(float(found.group(1)) - written) < 1e-9:
            return other, resource.factor(other), True
    return unit, factor * written / held, False


def _one_price_column(header: Header, ssh_map: SshMap, year: int | None, where: Cell) -> Header:
    """``header`` reading its one price column: of several columns of prices ("Harga Satuan 2024",
    "Harga Satuan 2025"), the one naming ``year``; refused when that does not tell them apart (the
    first would be taken: last year's prices as this year's, or the lowest as the usual)."""
    shown = [normalise(cell_text(c)) for c in header.names]
    taken = {i for role, i in header.columns.items() if role != "price" and i is not None}
    # Columns of prices ("Harga ..."), not every column a price column's name may begin (a "Nilai
    # TKDN (%)" beside the price is no second price).
    prices = [i for i, c in enumerate(shown) if i not in taken and "%" not in c and any(
        c == name or c.startswith((name + " ", name + "(")) for name in ssh_map.columns["price"]
        if name.startswith("harga"))]
    if len(prices) < 2 or header.columns["price"] not in prices:
        return header
    named = [i for i in prices if year is not None and re.search(rf"(?<!\d){year}(?!\d)", shown[i])]
    if len(named) == 1:
        return replace(header, columns=dict(header.columns) | {"price": named[0]})
    found = ", ".join(repr(cell_text(header.names[i])) for i in prices)
    raise where.fail(tr("expected one price column, found {count}: {found}; keep the one column of the prices this "
                        "list is to hold and delete the others (of columns that name years, the list's year is read)",
                        count=len(prices), found=found))


def _is_header(ssh_map: SshMap) -> Callable[[Cells], bool]:
    def check(cells: Cells) -> bool:
        columns = find_columns(cells, ssh_map)
        return columns["description"] is not None and columns["price"] is not None
    return check


def import_table(path: str | Path, resources: Resources, ssh_map: SshMap, choose: Chooser | None = None,
                 year: int | None = None) -> Imported:
    """Read a district's price table and match its rows to resources.

    year : the year the list is for: of several price columns, the one whose header names it
        is read (a table of last year's and this year's prices); without one, or with none or
        several naming it, such a table is refused.

    choose : called with (resource code, matching rows best first, index the mapping would take)
        when several rows price one resource; returns the index taken.  Without it the mapping's
        preference decides.
    Raises DataError for a table that cannot be read, has no header naming the description and
    price columns, or has a matched row whose price cannot be read or cannot be meant.
    """
    from ..tables import HEADER_ROWS
    table: Table = read_table(path, _is_header(ssh_map))
    name = str(path)
    spreadsheet = not table.delimiter
    headers, skipped, rows = [], [], []
    for sheet in table.sheets:
        header = _header(sheet, ssh_map, HEADER_ROWS)
        if header is None:
            skipped.append(sheet.name)
            continue
        missing = [role for role in REQUIRED_ROLES if header.columns[role] is None]
        if missing:
            where = Cell(name, sheet=sheet.name, row=header.row)
            known = "; ".join(f"{role}: {', '.join(repr(n) for n in ssh_map.columns[role])}" for role in missing)
            found = ", ".join(repr(cell_text(c)) for c in header.names if cell_text(c))
            joined = (" " + tr("and") + " ").join(missing)
            raise where.fail(tr("expected a header naming the {columns} column ({known}), found {found}",
                                columns=joined, known=known, found=found))
        header = _one_price_column(header, ssh_map, year, Cell(name, sheet=sheet.name, row=header.row))
        headers.append((sheet.name, header.row))
        rows.extend(_rows(sheet, header, name, table.delimiter))
    if not headers:
        names = "; ".join(f"{role}: {', '.join(repr(n) for n in ssh_map.columns[role][:4])} ..."
                          for role in ("description", "price"))
        sheets = (" " + tr("in any of its sheets ({sheets})", sheets=", ".join(repr(s) for s in skipped))
                  if spreadsheet else "")
        raise DataError(tr("{file}: expected a header row naming at least the description and price columns ({names}) "
                           "within the first {rows} rows{sheets}, found none; the names the importer knows are in "
                           "{map} (columns)", file=name, names=names, rows=HEADER_ROWS, sheets=sheets,
                           map=ssh_map.file))
    bounds = price_bounds(resources)
    found: dict[str, list[Match]] = {}
    unmatched, unusable = [], []
    for row, where in rows:
        best = ssh_map.matching(row.text)
        if not best:
            if row.unit or cell_text(row.price):
                unmatched.append(row)
            continue
        for pattern in best.values():
            result = _read(row, where, pattern, resources, ssh_map, bounds)
            if isinstance(result, Unusable):
                unusable.append(result)
            else:
                found.setdefault(pattern.resource, []).append(result)
    prices, choices = {}, []
    order = {sheet: i for i, sheet in enumerate(s.name for s in table.sheets)}
    for resource in resources:
        matches = sorted(found.get(resource.code, []), key=lambda m: (m.rank, order[m.row.sheet], m.row.number))
        if not matches:
            continue
        index, how = 0, ""
        if len(matches) > 1:
            how = "mapping" if matches[0].rank < matches[1].rank else "first"
            if choose is not None:
                picked = choose(resource.code, matches, 0)
                if not 0 <= picked < len(matches):
                    raise DataError(tr("{code}: no row {row} to choose among {count}", code=resource.code,
                                       row=picked + 1, count=len(matches)))
                index, how = picked, "asked"
            choices.append(Choice(resource.code, matches[index], tuple(m for i, m in enumerate(matches) if i != index),
                                  how))
        prices[resource.code] = matches[index]
    if not prices:
        # A list of nothing but inherited prices is no district list: nothing is written.
        # A quote left open reads the lines after it into one cell, line ends and all.
        run_over = any("\n" in f"{row.description}{row.specification}{row.unit}{cell_text(row.price)}"
                       for row, _ in rows)
        hint = tr(" (a quote (\") left open in a description read the rest of the table into one cell)") \
            if run_over else ""
        raise DataError(ntr("{file}: expected rows whose description names a resource of the catalog, found none "
                            "in {n} row{hint}; the descriptions the importer knows are in {map}",
                            "{file}: expected rows whose description names a resource of the catalog, found none "
                            "of {n} rows{hint}; the descriptions the importer knows are in {map}", len(rows),
                            file=name, hint=hint, map=ssh_map.file))
    derived = tuple(r.code for r in resources if r.code not in prices and r.priced_as in prices)
    missing = tuple(r.code for r in resources if r.code not in prices and r.code not in derived)
    described = sum(1 for row, _ in rows if row.description)
    return Imported(name, table.delimiter, tuple(headers), tuple(skipped), described, prices, tuple(choices),
                    tuple(unmatched), tuple(unusable), missing, derived)


# ---------------------------------------------------------------------------------------- the list

@dataclass(frozen=True)
class Region:
    """What a new list says of its region (copied from the list it extends, or given)."""

    name: str
    bps_code: str = ""
    province: str = ""


#: Characters a YAML stream may not hold as they are (PyYAML's reader refuses them): escaped.
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _q(value: str) -> str:
    """A YAML scalar in double quotes (JSON's escapes are YAML's, and so is ``\\uXXXX``)."""
    quoted = json.dumps(value, ensure_ascii=False)
    def escape(found: re.Match) -> str:
        code = ord(found.group())
        return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return _NOT_PRINTABLE.sub(escape, quoted)


def _number(value: float) -> str:
    """A price as YAML reads it back exactly; never like Indonesian thousands (``1.250``)."""
    if float(value).is_integer():
        return str(int(value))
    shown = repr(float(value))
    return shown + "0" if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", shown) else shown


def _source_row(match: Match, table: str) -> SourceRow:
    row = match.row
    description = f"{row.description} - {row.specification}" if row.specification else row.description
    return SourceRow(table, row.sheet, row.number, description, row.unit, cell_text(row.price))


def price_list_text(imported: Imported, *, list_id: str, region: Region, year: int, source: str, collected: str,
                    base: PriceList, resources: Resources, map_file: str = MAP_FILE) -> str:
    """The imported prices as a price list file extending ``base`` (the factor unknown)."""
    table = Path(imported.table).name
    how = {"mapping": "the mapping prefers its pattern", "first": "first of the rows matching the same pattern",
           "asked": "chosen at the import"}
    chosen = {c.resource: c for c in imported.choices}
    months = months_between(base.dated, list_month(collected, year))
    counted = f"{abs(months)} month" + ("s" if abs(months) != 1 else "")
    rise = "" if not months else \
        f"risen {counted} to this list's month at {DEFAULT_INFLATION * 100:g} % a year, " if months > 0 else \
        f"lowered {counted} to this list's month at {DEFAULT_INFLATION * 100:g} % a year, "
    summary = (f"Imported by `rumah prices import` from {table} with {map_file}: {len(imported.prices)} resources "
               f"priced from the table ({imported.rows} described rows read; {len(imported.unmatched)} matched no "
               f"resource, {len(imported.unusable)} matched one in a unit it does not know). The "
               f"{len(imported.missing)} resources the table lacks are inherited from {base.id} ({rise}not adjusted "
               "between districts), and stay indicative.")
    lines = [
        *textwrap.wrap(_NOT_PRINTABLE.sub("?", summary), 98, initial_indent="# ", subsequent_indent="# "),
        f"id: {_q(list_id)}",
        "region: {" + ", ".join([f"name: {_q(region.name)}"]
                                + ([f"bps_code: {_q(region.bps_code)}"] if region.bps_code else [])
                                + ([f"province: {_q(region.province)}"] if region.province else [])) + "}",
        f"year: {year}",
        "currency: IDR",
        f"source: {_q(source)}",
        f"collected: {_q(collected)}",
        f"extends: {_q(base.id)}",
        "# No factor between this list and the one it extends has a source: what the table lacks is",
        "# inherited as it is, and every reader is told \"factor unknown\".",
        "factor: unknown",
        "note: " + _q(f"Prices read from {table}; the {len(imported.missing)} resources it does not price are "
                      f"inherited from {base.id} with the factor unknown, so they are indicative."),
        "prices:" + ("" if imported.prices else " {}"),
    ]
    for code, match in imported.prices.items():
        if code in chosen:
            choice = chosen[code]
            others = "; ".join(f"row {m.row.number} {m.row.description!r} {cell_text(m.row.price)}"
                               for m in choice.others)
            comment = (f"{len(choice.others) + 1} rows price {code}; row {match.row.number} taken "
                       f"({how[choice.how]}); also {others}")
            lines.append("  # " + _NOT_PRINTABLE.sub("?", " ".join(comment.split()))[:400])
        row = _source_row(match, table)
        fields = [f"table: {_q(row.table)}"] + ([f"sheet: {_q(row.sheet)}"] if row.sheet else []) + [
            f"row: {row.row}", f"description: {_q(row.description)}", f"unit: {_q(row.unit)}",
            f"price: {_q(row.price)}"]
        lines += [f"  {code}:",
                  f"    price: {_number(match.price)}",
                  f"    unit: {match.unit}",
                  "    source: {" + ", ".join(fields) + "}"]
    return "\n".join(lines) + "\n"


def check_import(text_: str, output: Path, resources: Resources) -> PriceList:
    """Load the list about to be written to ``output`` as any price list is loaded."""
    return parse_price_list(parse_yaml(text_, str(output)), output, resources)


def import_price_list(table: str | Path, output: str | Path, resources: Resources, *, region: str, year: int,
                      source: str, extends: str | None = None, region_name: str | None = None,
                      bps_code: str | None = None, province: str | None = None, collected: str | None = None,
                      choose: Chooser | None = None, ssh_map: SshMap | None = None
                      ) -> tuple[Imported, str, PriceList]:
    """Import ``table`` as the price list to be written to ``output`` (its id is the file name).

    region : a bundled region or list (``kendal``, ``kendal-2024``) or a price list file, whose
        region the new list copies and which it extends; or a new region's short name, with
        ``region_name`` and ``extends`` given.
    Returns what was imported, the file's text and the list as it loads (nothing is written).
    """
    from ..errors import UnknownNameError
    from .prices import load_price_list
    output = Path(output)
    ssh_map = ssh_map or load_ssh_map(resources)
    try:
        known = load_price_list(region, resources)
    except UnknownNameError:
        known = None
    if extends:
        base = load_price_list(extends, resources)
    elif known is not None and known.id == output.stem and known.extends:
        # The same year's table imported again (blora-2025 from Blora's 2025 SSH): the new list
        # stands in for the one of that id, so it extends what that one extends, not itself.
        base = load_price_list(known.extends, resources)
    elif known is not None and known.id != output.stem:
        base = known
    elif known is not None:
        raise DataError(tr("--region {region!r}: the list {id} is the one being written; give --extends (the list "
                           "that prices what the table lacks, such as semarang-2024)", region=region, id=known.id))
    else:
        raise DataError(tr("--region {region!r}: no price list of that region to extend; give --extends (the list "
                           "that prices what the table lacks, such as semarang-2024) and --region-name",
                           region=region))
    place = Region(region_name or (known.region_name if known else ""),
                   bps_code if bps_code is not None else (known.bps_code if known else ""),
                   province if province is not None else (known.province if known else ""))
    if not place.name.strip():
        raise DataError(tr("--region {region!r}: expected the region's name (--region-name \"Kabupaten ...\"), "
                           "found none", region=region))
    imported = import_table(table, resources, ssh_map, choose, year)
    text_ = price_list_text(imported, list_id=output.stem, region=place, year=year, source=source,
                            collected=collected or str(year), base=base, resources=resources,
                            map_file=ssh_map.file)
    return imported, text_, check_import(text_, output, resources)
