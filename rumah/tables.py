"""Reading the tables people export from spreadsheets and budgeting systems: CSV and XLSX.

A table is read whole into sheets of rows, each row with its number as a spreadsheet shows it
(1 = the first row; a CSV record with a line break inside a quoted cell is still one row).
A CSV is UTF-8 (a byte-order mark is allowed) separated by ``,``, ``;`` or a tab: the caller
says which rows are headers, and the separator is the one under which a header is found.
XLSX is read through openpyxl (the optional extra ``rumah[xlsx]``), values as last computed
by the spreadsheet.  Nothing here knows what the columns mean.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .i18n import language, number, tr
from .output import note_input
from .schema import Where

#: Largest table read.  A district's whole SSH exported as CSV is a few megabytes. [byte]
MAX_TABLE_BYTES = 30_000_000
#: Most rows read from one table (all sheets together).
MAX_ROWS = 300_000
#: Rows searched for a header at the top of a sheet (district tables open with title lines).
HEADER_ROWS = 40
DELIMITERS = (";", ",", "\t")

Cells = tuple[object, ...]


@dataclass(frozen=True)
class Sheet:
    """One sheet of a table: ``name`` ("" for a CSV) and its rows as (row number, cells)."""

    name: str
    rows: tuple[tuple[int, Cells], ...]


@dataclass(frozen=True)
class Table:
    """A table read from ``path``: its sheets and, for a CSV, the separator it was read with."""

    path: str
    sheets: tuple[Sheet, ...]
    delimiter: str = ""


@dataclass(frozen=True)
class Cell(Where):
    """A place in a table, for messages: ``ssh.xlsx: sheet 'SSH', row 14, column D 'Harga'``."""

    sheet: str = ""
    row: int = 0
    column: str = ""

    def __str__(self) -> str:
        parts = [f"sheet {self.sheet!r}"] if self.sheet else []
        if self.row:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return f"{self.file}: {', '.join(parts)}" if parts else self.file


def column_name(index: int, header: str, spreadsheet: bool) -> str:
    """``D 'Harga Satuan'`` in a workbook, ``4 'Harga Satuan'`` in a CSV (``index`` from 0)."""
    if spreadsheet:
        letters, n = "", index + 1
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("A") + rest) + letters
        place = letters
    else:
        place = str(index + 1)
    return f"{place} {header!r}" if header else place


def _failure(exc: BaseException) -> str:
    """An exception of a reading library, briefly: ``KeyError: 'xl/workbook.xml'``."""
    return f"{type(exc).__name__}: {str(exc)[:100]}"


def _count(value: int) -> str:
    return number(value, language(), 0)


def _check_file(path: Path) -> None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise DataError(tr("{file}: no such file", file=path)) from None
    except OSError as exc:
        raise DataError(tr("{file}: cannot be read ({reason})", file=path, reason=exc.strerror or exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise DataError(tr("{file}: is a folder, expected a file", file=path))
    if not stat.S_ISREG(info.st_mode):
        raise DataError(tr("{file}: is not a regular file (a device or a pipe); give the name of a file", file=path))
    if info.st_size > MAX_TABLE_BYTES:
        raise DataError(tr("{file}: file is {size} bytes; the limit is {limit} bytes", file=path,
                           size=_count(info.st_size), limit=_count(MAX_TABLE_BYTES)))
    if info.st_size == 0:
        raise DataError(tr("{file}: the file is empty", file=path))


def read_table(path: str | Path, is_header: Callable[[Cells], bool]) -> Table:
    """Read a CSV or XLSX file (by its first bytes, whatever its name says)."""
    path = Path(path)
    _check_file(path)
    with open(path, "rb") as stream:
        head = stream.read(8)
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataError(tr("{file}: an old Excel workbook (.xls); save it as .xlsx or as CSV UTF-8 and import that",
                           file=path))
    return _read_csv(path, is_header)


def _read_csv(path: Path, is_header: Callable[[Cells], bool]) -> Table:
    with open(path, "rb") as stream:
        raw = stream.read(MAX_TABLE_BYTES + 1)
    note_input(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(tr("{file}: not UTF-8 text (byte {byte} cannot be decoded); save it as 'CSV UTF-8' (Excel "
                           "and LibreOffice offer it) or import the .xlsx itself", file=path, byte=exc.start)) from None
    if "\x00" in text:
        raise DataError(tr("{file}: holds NUL characters, so it is not a text table; import the .xlsx itself",
                           file=path))
    parsed = {d: _parse_csv(path, text, d) for d in DELIMITERS}
    found = {d: _header_width(sheet, is_header) for d, sheet in parsed.items()}
    with_header = [d for d in DELIMITERS if found[d]]
    if with_header:
        delimiter = max(with_header, key=lambda d: found[d])
    else:   # no header under any separator: the caller says so; read with the one that splits most
        delimiter = max(DELIMITERS, key=lambda d: sum(len(cells) for _, cells in parsed[d].rows[:HEADER_ROWS]))
    return Table(str(path), (parsed[delimiter],), delimiter)


def _header_width(sheet: Sheet, is_header: Callable[[Cells], bool]) -> int:
    """Non-empty cells of the first header row within the first rows, or 0 when there is none."""
    for _, cells in sheet.rows[:HEADER_ROWS]:
        if is_header(cells):
            return sum(1 for cell in cells if str(cell).strip())
    return 0


def _parse_csv(path: Path, text: str, delimiter: str) -> Sheet:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for number, cells in enumerate(reader, 1):
            if number > MAX_ROWS:
                raise DataError(tr("{file}: more than {limit} rows; import the part that prices materials and wages",
                                   file=path, limit=_count(MAX_ROWS)))
            rows.append((number, tuple(cells)))
    except csv.Error as exc:
        raise DataError(tr("{file}: row {row}: cannot be read as CSV ({error})", file=path, row=reader.line_num,
                           error=exc)) from None
    return Sheet("", tuple(rows))


def _read_xlsx(path: Path) -> Table:
    try:
        import openpyxl
    except ImportError:
        raise DataError(tr("{file}: reading an XLSX workbook needs openpyxl: pip install 'rumah[xlsx]' (or save the "
                           "sheet as CSV UTF-8 and import that)", file=path)) from None
    note_input(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as exc:
        raise DataError(tr("{file}: not a readable XLSX workbook ({error}); open it in a spreadsheet and save it "
                           "again as .xlsx, or as CSV UTF-8", file=path,
                           error=_failure(exc))) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises its own InvalidFileException and others
        raise DataError(tr("{file}: not a readable XLSX workbook ({error})", file=path,
                           error=_failure(exc))) from None
    sheets, total = [], 0
    try:
        for sheet in book.worksheets:
            rows = []
            for number, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1):
                total += 1
                if total > MAX_ROWS:
                    raise DataError(tr("{file}: more than {limit} rows; import the sheet that prices materials and "
                                       "wages", file=path, limit=_count(MAX_ROWS)))
                rows.append((number, tuple(cells)))
            sheets.append(Sheet(sheet.title, tuple(rows)))
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise DataError(tr("{file}: a sheet cannot be read ({error})", file=path,
                           error=_failure(exc))) from None
    finally:
        book.close()
    return Table(str(path), tuple(sheets))


def cell_text(value: object) -> str:
    """A cell as the text it shows: numbers without a trailing ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cells_at(cells: Sequence[object], index: int | None) -> object:
    if index is None or index >= len(cells):
        return None
    return cells[index]
