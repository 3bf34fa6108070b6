"""Many households at once: a CSV of households in, one result row per household out.

The input is read and the output written in chunks, so memory stays bounded whatever the file
size.  Chunks are planned by a process pool (or an existing Dask cluster) and written back in
input order.  Results go to a hidden ``.NAME.partial`` file beside the output, one complete chunk
at a time; the output appears (by an atomic rename) only when every row is done.  A run that is
killed can be started again with ``resume``: the rows already in the partial file are kept and
the rest are planned, so every input row ends up in the output exactly once, in order.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import functools
import hashlib
import io
import json
import os
import re
import stat
from array import array
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .. import i18n
from ..clock import today
from ..errors import DataError, RumahError, cut, did_you_mean
from ..i18n import N_, language, nt, t, tr
from ..output import OutputError, note_input, write_atomic
from ..schema import Where, spreadsheet_cell, unguarded

#: Input columns: the fields of household.yaml, flattened.  ``param_NAME`` sets template parameter
#: NAME; ``grant2_*`` and ``loan2_*`` give a second grant and a second loan offer.
COLUMNS = {
    "id": "your own identifier, copied to the output",
    "name": "household name",
    "members": "number of people",
    "adults": "adults (optional, with children)",
    "children": "children",
    "region": "district price list (kendal, madiun ...)",
    "income_monthly": "monthly income, Rupiah",
    "housing_share": "share of income for the house (0.30, 0,30 or 30%)",
    "housing_monthly": "a fixed monthly amount for the house instead of a share, Rupiah",
    "savings": "savings now, Rupiah",
    "grant_name": "grant name", "grant_amount": "grant amount, Rupiah", "grant_month": "month it arrives (1 = first)",
    "grant_materials": "part of the grant given as materials, Rupiah",
    "grant_labour": "part of the grant given as wages, Rupiah",
    "grant_kind": "cash, in_kind or bsps (BSPS's usual parts, tranches and period)",
    "grant_period_months": "months within which the in-kind parts must be used (default 12)",
    "loan_name": "loan offer name", "loan_amount": "loan amount, Rupiah",
    "loan_rate": "annual interest rate (0.06, 0,06 or 6%)", "loan_tenor": "months to repay",
    "template": "house template id (or a template file beside the CSV)",
    "existing_house": "for a house to improve: a YAML file beside the CSV describing it (the existing_house "
                      "mapping of a household file); then template may stay empty",
    "plot_width_m": "the plot's width (its frontage), m", "plot_depth_m": "the plot's depth, m",
    "flood_last_height_m": "height of the last flood above the ground, m",
    "flood_subsidence_cm_per_year": "how fast the land sinks, cm a year",
    "flood_margin_m": "how far above the last flood a floor should stand, m (default 0.3)",
    "labour": "paid or gotong_royong",
    "inflation": "yearly construction price rise (default 0.03)",
    "horizon_months": "months to plan over (default 120)",
    "standard": "rlh (7.2 m2 a person, default) or rss (9 m2)",
    "persons_per_bedroom": "persons per bedroom (default 3)",
    "tradesmen": "tradesmen in the crew (default 2)", "labourers": "labourers in the crew (default 2)",
    "ahsp": "AHSP edition (default the newest)",
    "seasonal": "housing money through the year: twelve shares of a usual month, January to December, "
                "separated by spaces (1 1 1 1 1 1 1 1 1 1 0.4 0.4)",
    "start_month": "calendar month of plan month 1, YYYY-MM (for seasonal money)",
    "prices_from": "the month the price list's prices hold, YYYY-MM, no later than plan month 1 and no earlier "
                   "than January of the year before the list's or the list's own month (default: the list's own, "
                   "its collected month or July of its year)",
    "note": "free text",
}
_SECOND = {f"{kind}2_{field}" for kind, fields in (("grant", ("name", "amount", "month", "materials", "labour",
                                                                "kind", "period_months")),
                                                   ("loan", ("name", "amount", "rate", "tenor")))
           for field in fields}
INTEGERS = {"members", "adults", "children", "grant_month", "grant2_month", "loan_tenor", "loan2_tenor",
            "grant_period_months", "grant2_period_months",
            "horizon_months", "persons_per_bedroom", "tradesmen", "labourers"}
FRACTIONS = {"housing_share", "loan_rate", "loan2_rate", "inflation", "flood_last_height_m",
             "flood_subsidence_cm_per_year", "flood_margin_m", "plot_width_m", "plot_depth_m"}

#: Steps whose packages get a column of their own (every bundled template has three); the
#: ``schedule`` column holds every package of every step in any case.
PACKAGE_COLUMN_STEPS = 3
PACKAGE_KINDS = ("structure", "enclosure", "finishing")
PACKAGE_COLUMNS = tuple(f"step{n}_{kind}_month" for n in range(1, PACKAGE_COLUMN_STEPS + 1) for kind in PACKAGE_KINDS)

RESULT_COLUMNS = ("row", "id", "name", "region", "template", "status", "members", "budget_monthly_idr",
                  "total_cost_idr", "planned_cost_idr", "livable_month", "horizon_months", "naive_livable_month",
                  "first_step_month",
                  "steps_built", "steps", "loan_name", "loan_amount_idr", "loan_month", "grants_idr",
                  "grant_used_idr", "grant_lost_idr", "grant_lost_because", "swadaya_needed_idr",
                  "cash_in_grant_month_idr", "shortfall_idr", "shortfall_monthly_idr",
                  *PACKAGE_COLUMNS, "assessment_failing", "fits_plot", "house_types", "status_text",
                  "livable_month_without_grant",
                  "without_grant_status", "months_gained_by_grant", "livable_month_with_bsps", "schedule",
                  "price_list", "ahsp", "month_one")
#: Statuses a planned row can have (rumah.plan.planner.STATUSES), and the others.
ROW_STATUSES = ("livable", "not_livable_within_horizon", "never_livable", "cannot_start", "invalid", "empty")

CHUNK_ROWS = 500
#: An input row with no cells filled (spreadsheets often end with some): status ``empty``.
EMPTY = "empty row"


class Unread(str):
    """Why a row could not be read, with its cells as far as they were (for its id and name)."""

    cells: dict[str, str]

    def __new__(cls, message: str, cells: dict[str, str]):
        made = super().__new__(cls, message)
        made.cells = cells
        return made

    def __getnewargs__(self):
        # Sent to a worker process with its cells.
        return (str(self), self.cells)


#: Columns whose text may hold a line end (inside quotes); in any other, one is a quote left open.
FREE_TEXT = frozenset({"note"})

#: The grant ``--grants N`` tries on every household without one: BSPS 2025 as a household file's
#: ``kind: bsps`` fills it in (Rp 20 juta: 17.5 materials, 2.5 wages, two tranches, 12 months;
#: Permen PKP 10/2025), given in month 1, when the program would give it.
TRIAL_GRANT = {"name": "BSPS", "kind": "bsps", "amount": 20_000_000, "month": 1}


@dataclass(frozen=True)
class Options:
    horizon: int | None = None
    delimiter: str = ","
    #: The CSV's folder: files a row names (an existing house, a template) are read from it.
    folder: str | None = None
    #: The language of ``status_text``.
    lang: str = "id"
    #: Plan every household without a grant again with :data:`TRIAL_GRANT` (``--grants N``).
    trial: bool = False
    #: The day the run plans from (ISO; empty: today, when each row is planned): one day for
    #: every row, or a run across the end of a month would plan its rows from two months.
    day: str = ""

    def start(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.day) if self.day else None


# -- reading ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Table:
    """An opened household CSV: its columns, delimiter and encoding."""

    path: Path
    columns: tuple[str, ...]
    delimiter: str
    encoding: str
    #: How lines end: b"\n" (also "\r\n"), or b"\r" alone as old Mac spreadsheets write.
    newline: bytes = b"\n"
    #: Cells of the header, the nameless ones after the last named column counted.
    width: int = 0

    def quote_at(self, cells: list[str]) -> str | None:
        """The column of the first cell that runs over a line end where no text may (a quote left
        open), if any."""
        for k, cell in enumerate(cells):
            column = self.columns[k] if k < len(self.columns) else str(k + 1)
            if ("\n" in cell or "\r" in cell) and (column not in FREE_TEXT or len(cells) != len(self.columns)):
                return column
        return None


def _typed_break(table: Table, cells: list[str]) -> bool:
    """Whether a row read over several lines is one row with a line break typed in a cell, not a
    quote left open: it has the header's cells, and the cell running over a line end holds no
    separator (the lines a quote left open swallows are rows, cells and separators)."""
    column = table.quote_at(cells)
    return len(cells) == len(table.columns) and table.delimiter not in cells[table.columns.index(column)]


def header_delimiter(header: str) -> str:
    """The separator a header line uses most: ",", or ";" as a spreadsheet in an Indonesian locale
    writes, or a tab (a "text (tab delimited)" export, a table copied out of a spreadsheet)."""
    return max((",", ";", "\t"), key=header.count)


def open_table(path: str | Path) -> Table:
    """Check the header of a household CSV (UTF-8 with or without BOM; ``,`` or ``;``)."""
    path = Path(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise DataError(tr("{file}: is a folder, expected a households CSV file", file=path))
        if not stat.S_ISREG(info.st_mode):
            # A pipe may never end and is read twice (to fingerprint it, then to plan it); a device
            # (/dev/zero) has no end at all.
            raise DataError(tr("{file}: is not a regular file (a device or a pipe); give the name of a CSV file",
                               file=path))
        with path.open("rb") as stream:
            head = stream.read(64 * 1024)
    except FileNotFoundError:
        raise DataError(tr("{file}: file not found", file=path)) from None
    except OSError as exc:
        raise DataError(tr("{file}: cannot be read ({reason})", file=path, reason=exc.strerror or exc)) from None
    encoding = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    newline = b"\r" if b"\r" in head and b"\n" not in head else b"\n"
    first = head.split(newline, 1)[0]
    try:
        header_line = first.decode(encoding).strip("\r")
    except UnicodeDecodeError as exc:
        byte = f"0x{first[exc.start]:02x}"
        raise DataError(tr("{file}: line {line}: expected UTF-8 text, found byte {byte} (save the spreadsheet as "
                           "'CSV UTF-8')", file=path, line=1, byte=byte)) from None
    if not header_line.strip():
        raise DataError(tr("{file}: line 1: expected a header row of column names, found an empty line", file=path))
    delimiter = header_delimiter(header_line)
    # Column names as the documentation writes them, whatever their case ("ID", "Name").
    written = [c.strip() for c in next(csv.reader([header_line], delimiter=delimiter))]
    width = len(written)
    # Columns a spreadsheet keeps after they were cleared: no name and, row by row, empty cells.
    while len(written) > 1 and not written[-1]:
        written.pop()
    columns = tuple(c.lower() for c in written)
    known = set(COLUMNS) | _SECOND
    for number, (column, as_written) in enumerate(zip(columns, written), 1):
        if not column:
            raise DataError(tr("{file}: header: column {n} has no name; name it, or delete the column if it is "
                               "empty", file=path, n=number))
        if column not in known and not (column.startswith("param_") and len(column) > 6):
            raise DataError(tr("{file}: header: unknown column {column!r}; {hint}", file=path,
                               column=cut(as_written), hint=did_you_mean(column[:200], sorted(known))))
    _check_parameter_columns(path, columns, written)
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise DataError(tr("{file}: header: column {column!r} appears more than once", file=path,
                           column=duplicated[0]))
    for required in ("name", "members", "region", "income_monthly"):
        if required not in columns:
            raise DataError(tr("{file}: header: missing column {column!r}", file=path, column=required))
    if "template" not in columns and "existing_house" not in columns:
        raise DataError(tr("{file}: header: missing column 'template' (or 'existing_house' for houses to improve)",
                           file=path))
    note_input(path)
    return Table(path, columns, delimiter, encoding, newline, width)


def _check_parameter_columns(path: Path, columns: tuple[str, ...], written: list[str]) -> None:
    """A ``param_`` column that no bundled house type has a parameter of is a slip in the header
    (``param_plinth_heigth``): every row would be invalid for it.  Said once, at the header,
    unless the CSV names a file of its own (a template beside it may have such a parameter)."""
    asked = [(c, w) for c, w in zip(columns, written) if c.startswith("param_")]
    if not asked:
        return
    from ..house.template import load_template, template_paths
    known = {name for template in template_paths() for name in load_template(template).parameters}
    unknown = [(c, w) for c, w in asked if c[6:] not in known]
    if unknown and not _mentions_yaml(path):
        column, as_written = unknown[0]
        hint = did_you_mean(column[:200], sorted(f"param_{k}" for k in known))
        raise DataError(tr("{file}: header: column {column!r} sets a parameter no house type has; {hint}", file=path,
                           column=cut(as_written), hint=hint))


#: Longest line of a household CSV: a real household row is a few hundred bytes; a longer line is
#: a runaway cell (a missing quote) or a hostile file, and is reported without being held. [byte]
MAX_LINE = 100_000


def _raw_lines(stream, newline: bytes) -> Iterator[bytes | None]:
    """Lines of a binary stream ending in ``newline`` (kept), each at most MAX_LINE bytes; a
    longer line comes as None and is skipped to its end without being held in memory."""
    pending = b""
    while True:
        block = stream.read(1 << 16)
        if not block:
            if pending:
                yield pending
            return
        pending += block
        while True:
            end = pending.find(newline)
            if end < 0:
                if len(pending) > MAX_LINE:
                    yield None
                    pending = _skip_line(stream, newline)
                    continue
                break
            line, pending = pending[:end + len(newline)], pending[end + len(newline):]
            yield line if len(line) <= MAX_LINE + len(newline) else None


def _skip_line(stream, newline: bytes) -> bytes:
    """Read past the end of an over-long line; what follows it."""
    while True:
        block = stream.read(1 << 16)
        if not block:
            return b""
        end = block.find(newline)
        if end >= 0:
            return block[end + len(newline):]


def read_rows(table: Table, skip: int = 0, lang: str | None = None) -> Iterator[tuple[int, dict[str, str] | str]]:
    """(spreadsheet row number, cells by column) for every household row after the first ``skip``.

    Row 1 is the header, so the first household is row 2.  A row that cannot be read (wrong
    number of cells, bad encoding, a line over :data:`MAX_LINE` bytes) comes as a message
    instead of cells, in ``lang`` (the results' language; the reader's when None).
    """
    lang = lang or language()
    line = 0
    bad_bytes: dict[int, int] = {}
    too_long: set[int] = set()

    def physical(raw) -> Iterator[bytes | None]:
        # Every line ending counts, whatever the file mostly uses: a lone CR (an old Mac spreadsheet's
        # line pasted into a newer file) ends a line too, instead of cutting a row in two mid-read.
        for data in _raw_lines(raw, table.newline):
            if data is None or b"\r" not in data.rstrip(b"\r\n"):
                yield data
            else:
                yield from data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").splitlines(keepends=True)

    def lines(raw) -> Iterator[str]:
        # Decoded one line at a time, so that a bad byte spoils only its own row.
        nonlocal line
        for data in physical(raw):
            line += 1
            if data is None:
                too_long.add(line)
                yield "\n"
                continue
            if table.newline == b"\r":
                data = data[:-1] + b"\n" if data.endswith(b"\r") else data
            try:
                yield data.decode(table.encoding if line == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                bad_bytes[line] = data[exc.start]
                yield data.decode("utf-8", errors="replace")

    with table.path.open("rb") as raw:
        reader = csv.reader(lines(raw), delimiter=table.delimiter)
        number = 0
        while True:
            first = line + 1
            problem = ""
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                cells, problem = [], t("line {line}: {reason}", lang, line=line, reason=exc)
            number += 1
            spoiled = [n for n in range(first, line + 1) if n in bad_bytes]
            if spoiled:
                byte = f"0x{bad_bytes[spoiled[0]]:02x}"
                problem = t("line {line}: expected UTF-8 text, found byte {byte} (save the spreadsheet as 'CSV "
                            "UTF-8')", lang, line=spoiled[0], byte=byte)
            runaway = [n for n in range(first, line + 1) if n in too_long]
            if runaway:
                problem = t("line {line}: longer than {most} bytes (a missing quote?); skipped", lang,
                            line=runaway[0], most=i18n.number(MAX_LINE, lang, 0))
            for n in range(first, line + 1):
                bad_bytes.pop(n, None)
                too_long.discard(n)
            if number == 1 or number - 1 <= skip:
                continue
            if problem:
                # The cells as far as they were read: the row's id and name are shown with its problem.
                yield number, Unread(problem, dict(zip(table.columns, cells)))
            elif not any(cell.strip() for cell in cells):
                yield number, EMPTY
            elif line > first and table.quote_at(cells) and _typed_break(table, cells):
                # A line break typed in the cell (Alt+Enter): the row is whole, the value is not.
                yield number, Unread(t("{column}: the value is on more than one line (a line break typed in the "
                                       "cell, Alt+Enter); write it on one line", lang, column=table.quote_at(cells)),
                                     dict(zip(table.columns, cells)))
            elif line > first and table.quote_at(cells):
                # A quote opened and not closed where it should be: the lines after it were read
                # into one cell, and their households with it.
                yield number, Unread(t("a quote (\") opened in column {column} is not closed on its line: lines "
                                       "{first} to {last} of the file were read as this one row, and what lines "
                                       "{next} to {last} hold is not planned; close or remove the quote", lang,
                                       column=table.quote_at(cells), first=first, last=line, next=first + 1),
                                     _before_quote(table, cells))
            elif len(table.columns) < len(cells) <= table.width and \
                    not any(c.strip() for c in cells[len(table.columns):]):
                # Empty cells after the last column, as many as the header has (columns cleared in
                # a spreadsheet, which writes them still).  More than the header's are a value
                # split in two (2,5 juta unquoted): every cell after it a column too far.
                yield number, dict(zip(table.columns, cells))
            elif len(table.columns) < len(cells) <= table.width:
                extra = next(k for k, c in enumerate(cells) if k >= len(table.columns) and c.strip())
                yield number, Unread(t("column {n} has no name in the header, but this row has a value in it; name the "
                                       "column or clear the cell", lang, n=extra + 1), dict(zip(table.columns, cells)))
            elif len(cells) != len(table.columns):
                said = t("expected {expected} cells, found {found}", lang, expected=len(table.columns),
                         found=len(cells))
                if len(cells) > len(table.columns) and table.delimiter == ",":
                    said += "; " + t("a comma inside a value, such as 2,5 juta or 0,6? Put the value in quotes, or "
                                     "save the file with ';' between the cells", lang)
                yield number, Unread(said, dict(zip(table.columns, cells)))
            else:
                yield number, dict(zip(table.columns, cells))


def _before_quote(table: Table, cells: list[str]) -> dict[str, str]:
    """The cells of a row read before the column where a quote was left open: what follows it
    belongs to the lines it swallowed (another family's region and house type)."""
    column = table.quote_at(cells)
    end = table.columns.index(column) if column in table.columns else len(cells)
    return dict(zip(table.columns[:end], cells[:end]))


def count_rows(table: Table) -> int:
    return sum(1 for _ in read_rows(table))


def _cell(column: str, value: str):
    """A cell as the household loader expects it: whole numbers, fractions with a stated rule."""
    value = value.strip()
    if column in INTEGERS and re.fullmatch(r"[+-]?\d+(?:\.0+)?", value):
        # "4.0" too, as a program that wrote every number as a decimal exports a count.
        return int(value.split(".")[0])
    if column in FRACTIONS:
        percent = value.endswith("%")
        number = value.rstrip("%").strip()
        if re.fullmatch(r"[+-]?\d+,\d+", number):          # a decimal comma, as Indonesian spreadsheets write
            number = number.replace(",", ".")
        if percent:
            try:
                return float(number) / 100
            except ValueError:
                return value
        return number
    if column == "seasonal":
        # Twelve shares separated by spaces; a decimal comma as Indonesian spreadsheets write it.
        return [part.replace(",", ".") for part in value.replace("/", " ").split()]
    return value


#: A loan's columns that the household file names otherwise (``loan_rate`` -> ``annual_rate``).
LOAN_FIELDS = {"rate": "annual_rate", "tenor": "tenor_months"}


def row_to_household(cells: dict[str, str], columns: dict | None = None) -> dict:
    """The household.yaml mapping that a CSV row flattens.  ``columns``, when given, is filled
    with the column each place of that mapping comes from (a key path, as a tuple), the places of
    empty cells included, and the prefix of the columns of each grant, loan and flood record
    (``grant2``), for messages."""
    raw: dict = {}
    grants: dict[str, dict] = {}
    loans: dict[str, dict] = {}
    places: dict[str, tuple] = {}
    for column, text in cells.items():
        if column.startswith("param_"):
            place: tuple = ("parameters", column[6:])
        elif column.startswith(("grant_", "grant2_", "loan_", "loan2_")):
            prefix, field = column.split("_", 1)
            kind = "grants" if prefix.startswith("grant") else "loans"
            place = (kind, prefix, LOAN_FIELDS.get(field, field) if kind == "loans" else field)
        elif column in ("adults", "children"):
            place = ("composition", column)
        elif column in ("standard", "persons_per_bedroom"):
            place = ("livability", column)
        elif column in ("tradesmen", "labourers"):
            place = ("crew", column)
        elif column.startswith("flood_"):
            place = ("plot", "flood", column[6:])
        elif column in ("plot_width_m", "plot_depth_m"):
            place = ("plot", column[5:])
        elif column != "id":
            place = (column,)
        else:
            continue
        places[column] = place
        if not text.strip():
            continue
        value = _cell(column, text)
        if place[0] in ("grants", "loans"):
            (grants if place[0] == "grants" else loans).setdefault(place[1], {})[place[2]] = value
            continue
        target = raw
        for key in place[:-1]:
            target = target.setdefault(key, {})
        target[place[-1]] = value
    # A grant's or loan's columns become the next item of the list, in the order of their prefixes.
    order = {kind: {prefix: k for k, prefix in enumerate(sorted(found))}
             for kind, found in (("grants", grants), ("loans", loans))}
    if grants:
        raw["grants"] = [grants[k] for k in sorted(grants)]
    if loans:
        raw["loans"] = [loans[k] for k in sorted(loans)]
    if columns is not None:
        for column, place in places.items():
            if place[0] in order:
                if place[1] not in order[place[0]]:
                    continue                # no cell of that grant or loan is filled: it is not there
                place = (place[0], order[place[0]][place[1]], place[2])
            columns[place] = column
        # A grant, a loan or the flood record by its prefix (not a column), for a field whose
        # column the file does not have.
        for kind, found in order.items():
            for prefix, k in found.items():
                columns[(kind, k)] = prefix
        if "flood" in raw.get("plot", {}):
            columns[("plot", "flood")] = "flood"
        if "plot" in raw:
            columns[("plot",)] = "plot"             # plot_width_m, plot_depth_m
        if "composition" in raw:
            columns[("composition",)] = "adults + children"
    return raw


def row_reason(exc: Exception, number: int, columns: dict[tuple, str]) -> str:
    """What is wrong with row ``number``, the place named by its CSV column where the message
    names a place that one column gave (``grant_amount``, not ``grants[0].amount``)."""
    message = str(exc)
    place = getattr(exc, "where", None)
    if place is not None and place.file == f"row {number}":
        missing = getattr(exc, "missing", None)
        if missing is not None and place.path + (missing,) in columns:
            return tr("{column}: expected a value, found an empty cell", column=columns[place.path + (missing,)])
        if missing is not None and place.path in columns:
            field = next((short for short, key in LOAN_FIELDS.items() if key == missing), missing)
            return tr("{column}: expected a value, found no such column", column=columns[place.path] + "_" + field)
        if place.path in columns and message.startswith(f"{place}: "):
            return f"{columns[place.path]}: {message[len(str(place)) + 2:]}"
    return message.removeprefix(f"row {number}: ")


# -- planning --------------------------------------------------------------------------------------

class Planner:
    """Plans rows in one process, pricing each (house type, district, choices) only once."""

    def __init__(self, limit: int = 256):
        from ..cost.estimate import load_catalog
        self.catalogs: dict = {}
        self.load_catalog = load_catalog
        self.priced: OrderedDict = OrderedDict()
        self.limit = limit
        self.loaded: dict = {}      # price lists and templates read (few: one for each district and type)

    def price(self, household):
        from ..plan.planner import price_household
        if household.existing is not None:
            # A surveyed house is one family's own: its repairs hang on its members and plot too.
            if household.ahsp not in self.catalogs:
                self.catalogs[household.ahsp] = self.load_catalog(household.ahsp)
            return price_household(household, self.catalogs[household.ahsp], loaded=self.loaded)
        key = (household.template, household.region, tuple(sorted((k, str(v)) for k, v in
                                                                    household.parameters.items())),
               household.labour, household.ahsp, household.crew, language())
        if key in self.priced:
            self.priced.move_to_end(key)
            found = self.priced[key]
        else:
            try:
                if household.ahsp not in self.catalogs:
                    self.catalogs[household.ahsp] = self.load_catalog(household.ahsp)
                found = price_household(household, self.catalogs[household.ahsp], loaded=self.loaded)
            except RumahError as exc:
                found = (exc, household.file)
            self.priced[key] = found
            if len(self.priced) > self.limit:
                self.priced.popitem(last=False)
        if isinstance(found, tuple):
            # The same error for every row that shares the key, but each row named as itself: the
            # message of the row that met it first says "row 13".
            exc, first = found
            message = str(exc)
            if message.startswith(f"{first}: ") and first != household.file:
                error = DataError(f"{household.file}: {message[len(first) + 2:]}")
                # Its place too, so that the row's column is named as for the first row (the
                # results do not depend on which row of a process met the error first).
                place = getattr(exc, "where", None)
                if place is not None and place.file == first:
                    error.where = Where(household.file, place.path)
                error.missing = getattr(exc, "missing", None)
                raise error
            raise exc
        return found

    def row(self, number: int, cells: dict[str, str] | str, options: Options) -> list:
        from ..plan.household import parse_grant, parse_household
        from ..plan.planner import livable_month, plan_household
        given = getattr(cells, "cells", {}) if isinstance(cells, str) else cells
        ident = given.get("id", "").strip()
        columns: dict[tuple, str] = {}
        if cells == EMPTY:
            return [number, ""] + [""] * 3 + ["empty"] + [""] * (len(RESULT_COLUMNS) - 6)
        try:
            if isinstance(cells, str):
                raise DataError(cells)
            household = parse_household(row_to_household(cells, columns), Where(f"row {number}"), options.horizon,
                                        Path(options.folder) if options.folder else None)
            priced = self.price(household)
            plan = plan_household(household, priced=priced, start=options.start())
            other = None
            if plan.status != "never_livable" and (household.grants or options.trial):
                # The grant's effect: the same household planned without its grants, or, for one
                # without a grant, with the trial grant; the bill is the same, only the money differs
                # (but a lived-in house's first floor raising, sized for the month it is made in).
                grants = () if household.grants else (parse_grant(TRIAL_GRANT, Where("--grants"), household.horizon),)
                other = livable_month(replace(household, grants=grants), priced, start=options.start())
        except RumahError as exc:
            reason = row_reason(exc, number, columns)
            return [number, ident] + [given.get(k, "") for k in ("name", "region", "template")] + \
                [f"invalid: {reason}"] + [""] * (len(RESULT_COLUMNS) - 6)
        return [number, ident] + result_cells(plan, other, options.lang)


def result_cells(plan, other=None, lang: str = "id") -> list:
    """The output columns after ``row`` and ``id`` for one plan.

    ``steps_built`` counts the steps whose rooms are lived in (their structure and enclosure
    finished); ``first_step_month`` is the month the first work starts; a package's month
    column, the month its work starts (its first part, when a grant's materials build part of
    it first); ``schedule`` lists every package started as ``step:package:month:cost``, a
    package built in parts once per part, the last of them finishing it;
    ``assessment_failing``, for a house to improve, the criteria it fails as surveyed.  ``other``
    is the status and livable month of the same household planned without its grants (or, with
    ``--grants``, one without a grant planned with the trial grant): ``months_gained_by_grant``
    is how much sooner the grant makes the house livable, counted from the month after the
    horizon when the house is not livable within it without the grant (so at least that many).
    """
    from ..documents.plan_report import status_text
    h, best = plan.household, plan.best
    loan = best.loan
    months: dict[tuple[int, str], int] = {}
    for s in best.steps:
        months.setdefault((s.step, s.package), s.month)
    finished = {(s.step, s.package) for s in best.steps if s.complete} | set(h.built)
    lived = {s.step for s in plan.bill.steps
             if all((s.step, p.kind) in finished for p in s.packages if p.to_live)} \
        if best.steps or h.built else set()
    package_months = [months.get((n, kind), "") for n in range(1, PACKAGE_COLUMN_STEPS + 1) for kind in PACKAGE_KINDS]
    from ..plan.planner import month_one
    # The district as its price list names it: "KENDAL", "kendal-2024" and "kendal" are one.
    prices = plan.bill.price_list
    first = month_one(h, plan.start)
    return [h.name, prices.region, h.template or plan.bill.design.template, plan.status, h.members, h.budget,
            plan.total_at_start,
            sum(s.cost for s in best.steps), best.livable_month or "", h.horizon, plan.naive.livable_month or "",
            best.first_month or "", len(lived), len(plan.bill.steps),
            loan.offer.name if loan else "", loan.offer.amount if loan else "", loan.month if loan else "",
            sum(g.amount for g in h.grants),
            sum(g.used_materials + g.used_labour for g in plan.grants),
            sum(g.lost_materials + g.lost_labour for g in plan.grants), *_grant_need(plan),
            plan.shortfall.total if plan.shortfall else "", plan.shortfall.per_month if plan.shortfall else "",
            *package_months,
            " ".join(plan.improvement.assessment.failing) if plan.improvement is not None else "",
            _fits_plot(plan), _house_types(plan), status_text(plan, lang), *_grant_effect(plan, other),
            " ".join(f"{s.step}:{s.package}:{s.month}:{s.cost}" for s in best.steps),
            _list_name(prices), plan.bill.edition.edition, f"{first.year:04d}-{first.month:02d}"]


def _list_name(prices) -> str:
    """The ``price_list`` column: a bundled list's id, or a clinic's own list's file name (an
    office's kendal-2024.yaml beside the CSV is not the bundled kendal-2024)."""
    return _named_list(prices.id, prices.file)


@functools.lru_cache(maxsize=64)
def _named_list(list_id: str, file: str) -> str:
    from ..cost.prices import bundled_lists
    bundled = bundled_lists().get(list_id)
    try:
        if bundled is not None and Path(file).resolve() == bundled.resolve():
            return list_id
    except OSError:
        pass
    return Path(file).name or list_id


def _fits_plot(plan) -> str:
    """``fits_plot``: ``no`` when the whole house of the row's house type is larger than its plot
    (planned all the same, as ``rumah plan`` does, with a note), ``yes`` when it fits, empty when
    the row gives no plot size or improves a house already standing on it."""
    h = plan.household
    if h.plot is None or h.existing is not None:
        return ""
    return "no" if any(key == "plot_too_small" for key, _ in plan.notes) else "yes"


def _house_types(plan) -> str:
    """``house_types``: for a family no step of its house type can ever house, the bundled house
    types that can (and fit its plot, when the row gives one), each as ``type:step``, the step
    after which it first can (``none`` when none can: it needs a design of its own); empty
    otherwise."""
    if plan.status != "never_livable" or plan.improvement is not None:
        return ""
    return " ".join(f"{a.template}:{a.step}" for a in plan.alternatives) or "none"


def _grant_need(plan) -> list:
    """``grant_lost_because``, ``swadaya_needed_idr`` and ``cash_in_grant_month_idr`` of a plan
    with grants in kind (empty without): why part of a grant is lost (``money``, ``time`` or
    ``spare``; with several grants in kind, one word each in the file's order, ``-`` for one
    that loses nothing; empty when none loses anything), the family's own money the work that uses
    the whole of its grants needs (grants of the same months counted together, once), and the
    money it has at the start of its first grant's month."""
    uses = plan.grants
    if not uses:
        return ["", "", ""]
    reasons = " ".join(g.reason or "-" for g in uses) if any(g.reason for g in uses) else ""
    needed = sum(g.needed for g in uses if not g.together or g.grant < min(g.together))
    return [reasons, needed, min(uses, key=lambda g: g.month).cash]


def _grant_effect(plan, other) -> list:
    """``livable_month_without_grant``, ``without_grant_status``, ``months_gained_by_grant`` and
    ``livable_month_with_bsps`` for one plan and its other plan (see :func:`result_cells`)."""
    if other is None:
        return ["", "", "", ""]
    status, month = other
    if not plan.household.grants:
        return ["", "", "", month or ""]
    with_grant, after = plan.best.livable_month, plan.household.horizon + 1
    gained = (month or after) - with_grant if with_grant is not None else ""
    return [month or "", status, gained, ""]


_PLANNER: Planner | None = None


def plan_chunk(rows: list, options: Options) -> tuple[str, list[tuple[int, str]]]:
    """Plan ``rows`` ((number, cells) pairs) in this process: the output CSV lines as one text,
    and the (row, status) of the invalid ones.

    Module level, so that a process pool or a Dask worker can call it by name.
    """
    global _PLANNER
    if _PLANNER is None:
        _PLANNER = Planner()
    with i18n.reading(options.lang):
        # An invalid row's reason is part of the results, in their language.
        results = [_PLANNER.row(number, cells, options) for number, cells in rows]
    invalid = [(r[0], r[5]) for r in results if r[5].startswith("invalid")]
    if invalid and language() != options.lang:
        # What the run says on the terminal is in its reader's language; the results keep theirs.
        given = dict(rows)
        invalid = [(number, _PLANNER.row(number, given[number], options)[5])
                   for number, _ in invalid[:SHOWN_INVALID]] + invalid[SHOWN_INVALID:]
    return format_rows(results, options.delimiter), invalid


def format_rows(rows: list[list], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    for row in rows:
        # One line per row, always: the resume logic counts lines.
        writer.writerow([spreadsheet_cell(str(v).replace("\r", " ").replace("\n", " ")) for v in row])
    return buffer.getvalue()


# -- running ---------------------------------------------------------------------------------------

def _fingerprint(table: Table, options: Options) -> dict:
    digest = hashlib.sha256()
    with table.path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    # The files its rows name are input as much as the CSV: a survey or a price list changed while
    # the run was stopped would give rows planned from two versions of it.
    files = {str(path.relative_to(table.path.parent)): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in sorted(set(named_files(table)))}
    # Plan month 1 is the month the run plans in (rows without a start_month): a run resumed in
    # another month would count and price its rows from two calendar months.
    return {"input": str(table.path.resolve()), "sha256": digest.hexdigest(), "files": files,
            "horizon": options.horizon, "lang": options.lang, "trial": options.trial,
            "month": (options.start() or today()).strftime("%Y-%m")}


def _changed_files(saved, state: dict) -> list[str]:
    """The files the rows name that differ between a stopped run's record and now (added, gone
    or changed), when nothing else does."""
    if not isinstance(saved, dict) or not isinstance(saved.get("files"), dict) or \
            {k: v for k, v in saved.items() if k != "files"} != {k: v for k, v in state.items() if k != "files"}:
        return []
    before, now = saved["files"], state["files"]
    return sorted(name for name in before.keys() | now.keys() if before.get(name) != now.get(name))


def _partial_paths(output: Path) -> tuple[Path, Path]:
    return output.with_name(f".{output.name}.partial"), output.with_name(f".{output.name}.partial.json")


def _lock_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.lock")


def working_files(output: str | Path) -> dict[str, Path]:
    """The files a run writing ``output`` keeps beside it while it works, by what they are: no
    other output of the run may be one of them."""
    output = Path(output)
    partial, state = _partial_paths(output)
    return {f"the unfinished results of {output}": partial, f"the record of the run writing {output}": state,
            f"the lock of {output}": _lock_path(output)}


#: Columns whose cells may name a file beside the CSV.
FILE_COLUMNS = ("region", "template", "existing_house", "ahsp")


def named_files(table: Table) -> list[Path]:
    """Files beside the CSV that its rows name (an existing house, a template, a price list and
    the lists it extends, an AHSP edition): inputs of the run that no output may replace, found
    before any planning.  Streams the rows; keeps only the distinct names of existing files."""
    folder = table.path.parent
    seen: set[str] = set()
    found: list[Path] = []
    columns = [c for c in FILE_COLUMNS if c in table.columns]
    if not columns or not _mentions_yaml(table.path):
        return found
    for _, cells in read_rows(table):
        if isinstance(cells, str):
            continue
        for column in columns:
            value = cells.get(column, "").strip()
            if not value.endswith((".yaml", ".yml")) or value in seen or len(seen) > 10_000:
                continue
            seen.add(value)
            if any(c in value for c in "/\\\0:") or value.startswith("."):
                continue                      # refused by the row itself
            path = folder / value
            if path.is_file():
                found.append(path)
                if column == "region":
                    found += _extended(path)
    return found


def _mentions_yaml(path: Path) -> bool:
    """Whether ``.yaml`` or ``.yml`` occurs anywhere in the file: most CSVs name only bundled data,
    and a search at the speed of the disk spares them the scan of every row."""
    tail = b""
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            block = tail + block
            if b".yaml" in block or b".yml" in block:
                return True
            tail = block[-4:]
    return False


def _extended(path: Path) -> list[Path]:
    """The sibling lists a clinic's price list extends (read only as far as their ``extends``)."""
    from ..yamlio import load_yaml
    chain: list[Path] = []
    while len(chain) < 20:
        try:
            raw = load_yaml(path)
        except RumahError:
            break
        parent = raw.get("extends") if isinstance(raw, dict) else None
        if not isinstance(parent, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", parent):
            break
        path = path.parent / f"{parent}.yaml"
        if not path.is_file() or path in chain:
            break
        chain.append(path)
    return chain


def _resume_point(partial: Path, delimiter: str = ",") -> int:
    """Rows already complete in ``partial``; a torn last line is cut off."""
    try:
        handle = os.open(partial, os.O_RDWR | os.O_NOFOLLOW)
    except OSError as exc:
        raise OutputError(tr("{file}: cannot resume from it ({reason}: it must be the regular file a stopped run "
                             "left); run again without --resume", file=partial, reason=exc.strerror or exc)) from None
    with os.fdopen(handle, "rb+") as stream:
        data = stream.read()
        end = data.rfind(b"\n") + 1
        # Kept only as far as every line is a whole row of its place (a line cut and another
        # written after it, a damaged byte): what follows is planned again.
        kept = 0
        for number, line in enumerate(data[:end].splitlines(keepends=True)):
            try:
                cells = next(csv.reader([line.decode("utf-8-sig")], delimiter=delimiter))
            except (UnicodeDecodeError, csv.Error, StopIteration):
                break
            whole = tuple(cells) == RESULT_COLUMNS if number == 0 else \
                len(cells) == len(RESULT_COLUMNS) and cells[0] == str(number + 1)
            if not whole:
                break
            kept += len(line)
        if kept < len(data):
            stream.truncate(kept)
        if not kept:
            # Not even the header is this version's (a run stopped by an older rumah, its columns
            # otherwise): every row is planned again, under the header of today's columns.
            stream.seek(0)
            stream.write(format_rows([list(RESULT_COLUMNS)], delimiter).encode("utf-8"))
        lines = data[:kept].count(b"\n")
    return max(0, lines - 1)


#: Invalid rows an outcome keeps to show (all are counted, and each has its reason in the results).
SHOWN_INVALID = 20


def _invalid_rows(results: Path, delimiter: str) -> tuple[list[tuple[int, str]], int]:
    """The first :data:`SHOWN_INVALID` invalid rows of a results file, as (row, status), and how
    many there are (read a row at a time)."""
    shown, count = [], 0
    with results.open(encoding="utf-8-sig", newline="") as stream:
        for cells in csv.reader(stream, delimiter=delimiter):
            if len(cells) > 5 and cells[5].startswith("invalid") and cells[0].isdigit():
                count += 1
                if len(shown) < SHOWN_INVALID:
                    shown.append((int(cells[0]), cells[5]))
    return shown, count


@dataclass
class Outcome:
    rows: int
    resumed_from: int
    #: The first :data:`SHOWN_INVALID` invalid rows: (row number, status).
    invalid: list
    invalid_count: int = 0


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _flock(handle: int, fcntl) -> bool:
    """Take the lock on ``handle``, waiting a little: the workers of a batch killed outright
    still hold it until they see their batch gone (:func:`_watch_parent`), so a --resume started
    at once waits for them rather than being refused."""
    import time
    deadline = time.monotonic() + 4 * WATCH_SECONDS
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


@contextlib.contextmanager
def _locked(output: Path):
    """Hold a lock beside ``output`` while results are written, so that a second run to the same
    file is refused instead of mixing its rows in.  The kernel drops the lock when the process
    ends, however it ends, so a killed run can be resumed."""
    import fcntl
    lock = _lock_path(output)
    for _ in range(100):
        try:
            handle = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            reason = f"{lock.name}: {exc.strerror or exc}"
            raise OutputError(tr("{file}: cannot write in its folder ({reason})", file=output, reason=reason)) from None
        if not _flock(handle, fcntl):
            # Held by a running batch: leave its lock file alone (removing it would let a third run in).
            os.close(handle)
            raise OutputError(tr("{file}: another rumah batch is writing it now ({lock}); wait for it to finish, "
                                 "or write to another file", file=output, lock=lock.name)) from None
        # The run that held the lock may have removed its file between our open and our lock: then
        # this lock guards nothing, and the file is opened again.
        try:
            if os.path.samestat(os.fstat(handle), os.stat(lock, follow_symlinks=False)):
                break
        except OSError:
            pass
        os.close(handle)
    else:
        raise OutputError(tr("{file}: cannot take the lock {lock}; try again", file=output, lock=lock.name))
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)           # still holding it: no other run can be between the two
        os.close(handle)


def run_batch(source: str | Path, output: str | Path, *, workers: int | None = None, scheduler: str | None = None,
              resume: bool = False, horizon: int | None = None,
              progress: Callable[[int], None] | None = None, chunk_rows: int = CHUNK_ROWS, lang: str = "id",
              trial: bool = False) -> Outcome:
    """Plan every household of ``source`` into ``output``; see the module's docstring."""
    output = Path(output)
    partial, state_file = _partial_paths(output)
    for own, what in ((partial, N_("the unfinished results of a run")),
                      (state_file, N_("the record of an unfinished run"))):
        if _same_file(Path(source), own):
            raise OutputError(tr("{file}: is {what} writing {output}; give the households CSV as input", file=source,
                                 what=tr(what), output=output))
    table = open_table(source)
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(tr("{path}: folder {folder!r} does not exist", path=output, folder=str(folder)))
    if _same_file(output, table.path) or output.resolve() == table.path.resolve():
        raise OutputError(tr("{file}: is the input file; write the results to another file", file=output))
    with _locked(output):
        return _run(table, output, partial, state_file, folder, workers, scheduler, resume,
                    Options(horizon, table.delimiter, str(table.path.parent), lang, trial, today().isoformat()),
                    progress, chunk_rows)


def _run(table: Table, output: Path, partial: Path, state_file: Path, folder: Path, workers, scheduler, resume,
         options: Options, progress, chunk_rows) -> Outcome:
    state = _fingerprint(table, options)
    done = 0
    if resume and partial.exists() and state_file.exists():
        try:
            saved = json.loads(state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = None
        if saved != state:
            if isinstance(saved, dict) and saved.get("month") and saved | {"month": state["month"]} == state:
                raise DataError(tr("{file}: cannot resume: the unfinished run planned from {then} as month 1, and it "
                                   "is {now} now (rows would count their months from two calendar months); run "
                                   "again without --resume", file=output, then=saved["month"], now=state["month"]))
            changed = _changed_files(saved, state)
            if changed:
                raise DataError(tr("{file}: cannot resume: {names} changed since the unfinished run began (rows "
                                   "would be planned from two versions); run again without --resume", file=output,
                                   names=", ".join(changed)))
            raise DataError(tr("{file}: cannot resume: the unfinished run was for other input or options ({state}); "
                               "run again without --resume", file=output, state=state_file.name))
    client = _connect(scheduler) if scheduler else None      # before anything is written
    invalid: list = []
    invalid_count = 0
    if resume and partial.exists() and state_file.exists():
        done = _resume_point(partial, table.delimiter)
        # The stopped run's invalid rows are the run's too: said with this part's, and counted.
        invalid, invalid_count = _invalid_rows(partial, table.delimiter)
    else:
        try:
            write_atomic(state_file, json.dumps(state))
            # A new file, never one reached through a link planted under the partial's name.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(partial)
            handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                # A BOM when the input had one (Excel's "CSV UTF-8"): Excel opens the results, by
                # a double click, as the UTF-8 they are, not as the computer's own code page.
                bom = "\ufeff" if table.encoding == "utf-8-sig" else ""
                stream.write(bom + format_rows([list(RESULT_COLUMNS)], table.delimiter))
        except OSError as exc:
            _discard(partial, state_file)
            raise OutputError(tr("{file}: cannot write in folder {folder!r} ({reason})", file=output,
                                 folder=str(folder), reason=exc.strerror or exc)) from None
    if progress and done:
        progress(done)
    rows = done
    try:
        with partial.open("a", encoding="utf-8", newline="") as sink:
            source = read_rows(table, done, options.lang)
            for text, bad in _planned_chunks(source, options, workers, client, chunk_rows):
                sink.write(text)
                sink.flush()
                os.fsync(sink.fileno())
                count = text.count("\n")
                rows += count
                invalid_count += len(bad)
                invalid += bad[:max(0, SHOWN_INVALID - len(invalid))]
                if progress:
                    progress(count)
        os.replace(partial, output)
    except OSError as exc:
        # A full disk or a folder gone: no torn results and nothing half-written left behind.
        _discard(partial, state_file)
        raise OutputError(tr("{file}: cannot be written ({reason}); nothing was kept", file=output,
                             reason=exc.strerror or exc)) from None
    finally:
        if client is not None:
            client.close()
    state_file.unlink(missing_ok=True)
    return Outcome(rows, done, invalid, invalid_count)


def _discard(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _chunks(rows: Iterator, size: int) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _connect(scheduler: str):
    """A client of the Dask cluster at ``scheduler``, connected before anything is written."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise RumahError(tr("--scheduler needs Dask: pip install 'rumah[dask]'")) from None
    try:
        return Client(scheduler, timeout="10s")
    except (OSError, ValueError, TypeError) as exc:
        raise RumahError(tr("--scheduler {address}: cannot connect ({reason})", address=scheduler,
                            reason=exc)) from None


def _planned_chunks(rows: Iterator, options: Options, workers: int | None, client,
                    size: int) -> Iterator[tuple[str, list]]:
    """Planned chunks in input order, at most a few chunks per worker in flight at any time."""
    if client is not None:
        slots = max(2, 2 * sum(client.nthreads().values()))
        yield from _in_order(lambda chunk: client.submit(plan_chunk, chunk, options, pure=False),
                             _chunks(rows, size), slots)
        return
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        for chunk in _chunks(rows, size):
            yield plan_chunk(chunk, options)
        return
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(max_workers=workers, initializer=_watch_parent, initargs=(os.getpid(),)) as pool:
        yield from _in_order(lambda chunk: pool.submit(plan_chunk, chunk, options), _chunks(rows, size),
                             2 * workers)


#: How often a worker looks whether the batch that started it is still there. [s]
WATCH_SECONDS = 0.5


def _watch_parent(parent: int) -> None:
    """A worker's initializer: end the worker once the batch process is gone.  A batch killed
    outright (kill -9, the out-of-memory killer) leaves its workers running otherwise, and they
    hold the copies of its lock and results file that fork gave them, so that --resume was
    refused as "another rumah batch is writing it now" until someone found and killed them."""
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="rumah-watch-parent", daemon=True).start()


def _in_order(submit, chunks: Iterator, slots: int) -> Iterator:
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= slots:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


# -- the program's view ----------------------------------------------------------------------------

#: Months by which a program office counts families in a livable house: two years (the advice
#: threshold, rumah.plan.advice) and five.
TARGETS = (24, 60)


class _Group:
    """Totals of the households of one district or one house type."""

    def __init__(self):
        self.households = 0
        self.status = dict.fromkeys(ROW_STATUSES[:4], 0)
        self.money = dict.fromkeys(("total_cost_idr", "total_cost_never_livable_idr", "grants_idr",
                                    "grant_used_idr", "grant_lost_idr"), 0)
        self.months: dict[int, int] = {}
        self.unknown = dict.fromkeys(TARGETS, 0)

    def add(self, row: dict) -> None:
        self.households += 1
        for target in _unknown_by(row):
            self.unknown[target] += 1
        self.status[row["status"]] += 1
        for key in ("grants_idr", "grant_used_idr", "grant_lost_idr"):
            self.money[key] += int(row[key] or 0)
        self.money[_cost_key(row)] += int(row["total_cost_idr"] or 0)
        if row["livable_month"]:
            month = int(row["livable_month"])
            self.months[month] = self.months.get(month, 0) + 1

    def result(self) -> dict:
        return {"households": self.households, "status": dict(self.status),
                **{f"livable_within_{t}": sum(n for m, n in self.months.items() if m <= t) for t in TARGETS},
                **{f"unknown_within_{t}": n for t, n in self.unknown.items()},
                "median_livable_month": _median(self.months), **self.money}


def _cost_key(row: dict) -> str:
    """Where a row's whole-house cost is counted: apart (``total_cost_never_livable_idr``) for a
    new house its type never makes livable, which is no part of what the program builds (as its
    grants are counted apart); a lived-in house never livable has its repairs planned."""
    unhoused = row["status"] == "never_livable" and not row.get("assessment_failing")
    return "total_cost_never_livable_idr" if unhoused else "total_cost_idr"


def _unknown_by(row: dict) -> list[int]:
    """The targets by which it is not known whether the row's house is livable: its plan ends
    before them and the house is not livable within it (a --horizon or horizon_months shorter
    than the target).  A house its type can never make livable is known not to be."""
    if row["livable_month"] or row["status"] == "never_livable":
        return []
    return [t for t in TARGETS if _short_of(row, t)]


def _short_of(row: dict, target: int) -> bool:
    """Whether the row was planned over fewer months than ``target`` (results from before the
    ``horizon_months`` column count as planned far enough)."""
    return bool(row.get("horizon_months")) and int(row["horizon_months"]) < target


def _median(counts: dict[int, int]) -> int | float | None:
    """The median of values given as value -> count: for an even count, halfway between the two
    middle ones (a whole number when that is one)."""
    total = sum(counts.values())
    if not total:
        return None

    def at(position: int) -> int:
        """The value at ``position`` (from 0) of the values in order."""
        seen = 0
        for value in sorted(counts):
            seen += counts[value]
            if position < seen:
                return value
        raise IndexError(position)

    half = (at((total - 1) // 2) + at(total // 2)) / 2
    return int(half) if half == int(half) else half


class _Grants:
    """What grants do: for households with one, how much sooner they live in a livable house; for
    those without one (with ``--grants``), which a trial BSPS grant would make livable in time."""

    def __init__(self, offered: int | None):
        self.offered = offered
        #: Households given a grant, and those of them livable with it within the horizon.
        self.given = 0
        self.with_grant = 0
        self.gained: dict[int, int] = {}
        self.thanks_to_grant = dict.fromkeys(TARGETS, 0)
        self.candidates = 0
        #: Households without a grant that the trial grant makes livable within the horizon.
        self.livable_trial = 0
        #: Per target, the households a trial grant makes livable by it: (months gained, row, id).
        self.crossing: dict[int, list] = {t: [] for t in TARGETS}
        #: Per target, households a grant (their own, or the trial one) makes livable by it whose
        #: plan without it ends before it: whether the grant brings them within it is not known.
        self.unjudged = {t: 0 for t in TARGETS}
        self.unjudged_trial = {t: 0 for t in TARGETS}

    def add(self, row: dict) -> None:
        month = int(row["livable_month"]) if row["livable_month"] else None
        unknown = _unknown_by(row)
        self.given += int(row["grants_idr"] or 0) > 0
        if row.get("months_gained_by_grant", ""):
            self.with_grant += 1
            gained = int(row["months_gained_by_grant"])
            self.gained[gained] = self.gained.get(gained, 0) + 1
            without = int(row["livable_month_without_grant"]) if row["livable_month_without_grant"] else None
            for target in TARGETS:
                # Without the grant not livable within a plan shorter than the target: not known.
                known = without is not None or not _short_of(row, target)
                if month is not None and month <= target and (without is None or without > target):
                    if known:
                        self.thanks_to_grant[target] += 1
                    else:
                        self.unjudged[target] += 1
        planned = row["status"] in ("livable", "not_livable_within_horizon", "cannot_start")
        if self.offered and planned and not int(row["grants_idr"] or 0):
            # Every household without a grant was planned with the trial grant, those it leaves
            # not livable within the horizon (no month) too.
            self.candidates += 1
        if row.get("livable_month_with_bsps", "") and self.offered:
            trial = int(row["livable_month_with_bsps"])
            self.livable_trial += 1
            for target in TARGETS:
                if trial <= target and target in unknown:
                    self.unjudged_trial[target] += 1
                if trial <= target and (month is None or month > target) and target not in unknown:
                    gain = (month or 10 ** 6) - trial
                    self.crossing[target].append((gain, int(row["row"]), row["id"]))
                    # Only the households helped most are kept: memory stays flat.
                    if len(self.crossing[target]) > 4 * self.offered:
                        self.crossing[target] = _each_once(self.crossing[target], self.offered)

    def result(self) -> dict:
        found = {"households_given_a_grant": self.given, "households_with_grant": self.with_grant,
                 "median_months_gained": _median(self.gained),
                 **{f"livable_within_{t}_thanks_to_grant": n for t, n in self.thanks_to_grant.items()},
                 **{f"not_known_within_{t}_thanks_to_grant": n for t, n in self.unjudged.items()}}
        if self.offered:
            scenario = {"grants": self.offered, "grant": dict(TRIAL_GRANT), "households_without_grant": self.candidates,
                        "livable_with_grant": self.livable_trial}
            for target in TARGETS:
                chosen = _each_once(self.crossing[target], self.offered)
                scenario[f"more_livable_within_{target}"] = len(chosen)
                scenario[f"rows_for_{target}"] = sorted(row for _, row, _ in chosen)
                scenario[f"not_known_within_{target}"] = self.unjudged_trial[target]
            found["scenario"] = scenario
        return found


def _each_once(crossing: list, count: int) -> list:
    """The ``count`` households helped most, as (months gained, row, id), a family listed on two
    rows (the same id) given one grant, at the row it helps most."""
    chosen, seen = [], set()
    for entry in sorted(crossing, reverse=True):
        if entry[2] and entry[2] in seen:
            continue
        seen.add(entry[2])
        chosen.append(entry)
        if len(chosen) == count:
            break
    return chosen


def summarize(path: str | Path, grants: int | None = None) -> dict:
    """Program totals read back from a finished results file, so that they are the sums of its rows.

    grants : N grants to place (``--grants N``): how many more families a trial BSPS grant each
        would make livable within 24 and 60 months, given to the households it helps most (those
        it brings within the target, the most months sooner first).  Every household is counted
        once; which households those are may differ between the two targets.
    """
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        header = stream.readline()
        delimiter = header_delimiter(header)
        columns = next(csv.reader([header], delimiter=delimiter))
        counts = dict.fromkeys(ROW_STATUSES, 0)
        sums = dict.fromkeys(("total_cost_idr", "total_cost_never_livable_idr", "planned_cost_idr",
                              "budget_monthly_idr", "grants_idr", "grant_used_idr", "grant_lost_idr",
                              "loan_amount_idr", "shortfall_idr"), 0)
        # The grants neither used nor lost: those of households their house type can never house
        # (not planned: the grant waits for another house type; a lived-in house too small has its
        # repairs planned), and cash grants (the family's money).
        unplanned = cash = 0
        loans = livable = never = 0
        # How many rows were priced from each price list and AHSP edition, and planned from each
        # calendar month as plan month 1.
        price_lists: dict[str, int] = {}
        editions: dict[str, int] = {}
        first_months: dict[str, int] = {}
        spending: dict[int, int] = {}
        livable_at: dict[int, int] = {}
        horizon = 0
        failing: dict[str, int] = {}
        regions: dict[str, _Group] = {}
        templates: dict[str, _Group] = {}
        effect = _Grants(grants)
        unknown = dict.fromkeys(TARGETS, 0)
        plots = {"given": 0, "too_small": 0}
        identities = array("q")
        for cells in csv.reader(stream, delimiter=delimiter):
            row = dict(zip(columns, cells))
            status = row["status"]
            if status.startswith("invalid") or status == "empty":
                counts["invalid" if status != "empty" else "empty"] += 1
                continue
            if row["id"]:
                identities.append(hash(row["id"]))
            counts[status] += 1
            regions.setdefault(row["region"], _Group()).add(row)
            templates.setdefault(row["template"], _Group()).add(row)
            effect.add(row)
            for target in _unknown_by(row):
                unknown[target] += 1
            if row.get("fits_plot"):
                plots["given"] += 1
                plots["too_small"] += row["fits_plot"] == "no"
            for criterion in row.get("assessment_failing", "").split():
                failing[criterion] = failing.get(criterion, 0) + 1
            for key in sums.keys() - {"total_cost_idr", "total_cost_never_livable_idr"}:
                sums[key] += int(row[key] or 0)
            sums[_cost_key(row)] += int(row["total_cost_idr"] or 0)
            for key, counted in (("price_list", price_lists), ("ahsp", editions), ("month_one", first_months)):
                if row.get(key):
                    counted[row[key]] = counted.get(row[key], 0) + 1
            given = int(row["grants_idr"] or 0)
            if _cost_key(row) == "total_cost_never_livable_idr":
                # (A lived-in house never livable has its repairs planned, grants and all.)
                unplanned += given
            else:
                cash += given - int(row["grant_used_idr"] or 0) - int(row["grant_lost_idr"] or 0)
            loans += bool(row["loan_name"])
            if row["livable_month"]:
                livable += 1
                month = int(row["livable_month"])
                livable_at[month] = livable_at.get(month, 0) + 1
            elif status == "not_livable_within_horizon":
                never += 1
            for item in row["schedule"].split():
                month, cost = item.split(":")[-2:]
                spending[int(month)] = spending.get(int(month), 0) + int(cost)
                horizon = max(horizon, int(month))
    horizon = max([horizon, *livable_at])
    by_month = [spending.get(m, 0) for m in range(1, horizon + 1)]
    curve, running = [], 0
    for m in range(1, horizon + 1):
        running += livable_at.get(m, 0)
        curve.append(running)
    households = sum(counts.values()) - counts["empty"]
    return {
        "households": households,
        "status": counts,
        "total_cost_idr": sums["total_cost_idr"],
        "total_cost_never_livable_idr": sums["total_cost_never_livable_idr"],
        "planned_spending_idr": sums["planned_cost_idr"],
        "budget_monthly_idr": sums["budget_monthly_idr"],
        "grants_idr": sums["grants_idr"],
        "grants_used_idr": sums["grant_used_idr"],
        "grants_lost_idr": sums["grant_lost_idr"],
        "grants_cash_idr": cash,
        "grants_not_planned_idr": unplanned,
        "loans": {"households": loans, "amount_idr": sums["loan_amount_idr"]},
        "livable": {"households": livable, "not_within_horizon": never},
        "never_livable_in_template": counts["never_livable"],
        # Rows giving a plot size: how many of their house types are larger than the plot.
        "plots": plots,
        "cannot_start": {"households": counts["cannot_start"], "missing_idr": sums["shortfall_idr"]},
        "spending_by_month_idr": by_month,
        "spending_by_year_idr": [sum(by_month[k:k + 12]) for k in range(0, len(by_month), 12)],
        "livable_by_month": curve,
        "houses_failing_by_criterion": failing,
        "livable_within": {str(t): sum(n for m, n in livable_at.items() if m <= t) for t in TARGETS},
        # Plans shorter than a target, not livable within them: whether livable by it is not known.
        "unknown_within": {str(t): n for t, n in unknown.items()},
        "by_region": {name: group.result() for name, group in sorted(regions.items())},
        "by_template": {name: group.result() for name, group in sorted(templates.items())},
        "grant_effect": effect.result(),
        "duplicate_ids": _duplicates(path, delimiter, identities),
        "price_lists": {name: _price_list_summary(name, n) for name, n in sorted(price_lists.items())},
        "ahsp_editions": dict(sorted(editions.items())),
        "month_one": dict(sorted(first_months.items())),
        "notes": "Months count from 1 (the first month of every plan: month_one gives it, and how many rows "
                 "start there). Costs are at the prices of the month each work package is built; total_cost_idr "
                 "is every household's whole house at its plan month 1's prices (the price list's risen to it), "
                 "but those of households their house type never makes livable (total_cost_never_livable_idr).",
    }


def _price_list_summary(name: str, households: int) -> dict:
    """A price list the rows were priced from: how many rows, and, for a bundled list, where its
    prices come from (its source and year, and the lists it inherits prices from whose regional
    factor nobody published: those prices are another district's, risen, not adjusted)."""
    from ..cost.estimate import load_catalog
    from ..cost.prices import bundled_lists, load_price_list
    found: dict = {"households": households}
    if name in bundled_lists():
        try:
            listed = load_price_list(name, load_catalog(None).resources)
        except RumahError:
            return found
        found |= {"region_name": listed.region_name, "year": listed.year, "source": listed.source,
                  "collected": listed.collected, "extends": listed.extends or None,
                  "unknown_factors": [f"{link.list_id} -> {link.extends}" for link in listed.unknown_factors]}
    return found


#: Duplicated ids the summary lists (all are counted), and rows it gives of each.
SHOWN_DUPLICATES = 20
SHOWN_DUPLICATE_ROWS = 10


def _duplicates(path: Path, delimiter: str, identities: array) -> dict:
    """Ids of planned rows given to more than one row (one family listed twice is counted twice
    in every total): how many, and the first :data:`SHOWN_DUPLICATES` with how many rows have
    each and the first :data:`SHOWN_DUPLICATE_ROWS` of them.  Found from the ids' hashes, eight
    bytes a row however many rows, then read again for those alone."""
    import numpy
    hashes = numpy.sort(numpy.frombuffer(identities, dtype=numpy.int64))
    repeated = set(hashes[1:][hashes[1:] == hashes[:-1]].tolist())
    counts: dict[str, int] = {}
    rows: dict[str, list[int]] = {}
    if repeated:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream, delimiter=delimiter)
            columns = next(reader)
            for cells in reader:
                row = dict(zip(columns, cells))
                if not row["id"] or hash(row["id"]) not in repeated or row["status"].startswith("invalid"):
                    continue
                counts[row["id"]] = counts.get(row["id"], 0) + 1
                if len(rows.setdefault(row["id"], [])) < SHOWN_DUPLICATE_ROWS:
                    rows[row["id"]].append(int(row["row"]))
    # (Two ids of the same hash are told apart here.)  An id as it was written, without the
    # apostrophe that keeps the results' cell from being read as a formula.
    found = [(ident, n) for ident, n in counts.items() if n > 1]
    return {"ids": len(found), "rows": {unguarded(ident): {"rows": n, "first": rows[ident]}
                                        for ident, n in found[:SHOWN_DUPLICATES]}}


def write_chart(summary: dict, path: str | Path, lang: str = "id") -> None:
    """Money needed per month and households livable by month, as a PNG (needs matplotlib)."""
    try:
        import matplotlib
    except ImportError:
        raise RumahError(tr("--chart needs matplotlib: pip install 'rumah[chart]'")) from None
    matplotlib.use("Agg")
    from matplotlib import pyplot

    months = range(1, len(summary["spending_by_month_idr"]) + 1)
    figure, (top, bottom) = pyplot.subplots(2, 1, figsize=(9, 6.5), sharex=True)
    top.bar(months, [v / 1e9 for v in summary["spending_by_month_idr"]], width=1.0, color="#1f5aa6")
    top.set_ylabel(t("Rp billion / month", lang))
    # The households planned: the rows with invalid data are no households the money is for.
    planned = summary["households"] - summary["status"]["invalid"]
    top.set_title(nt("{n} household: money needed for building each month",
                     "{n} households: money needed for building each month", planned, lang))
    bottom.plot(months, summary["livable_by_month"], color="#d9731a")
    bottom.set_ylabel(t("households livable", lang))
    bottom.set_xlabel(t("month", lang))
    bottom.set_title(t("Livable houses (cumulative)", lang))
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    pyplot.close(figure)
    write_atomic(path, buffer.getvalue())
