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
import hashlib
import io
import json
import os
import re
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, RumahError, did_you_mean
from ..output import OutputError, note_input, write_atomic
from ..schema import Where, spreadsheet_cell

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
             "flood_subsidence_cm_per_year", "flood_margin_m"}

#: Steps whose packages get a column of their own (every bundled template has three); the
#: ``schedule`` column holds every package of every step in any case.
PACKAGE_COLUMN_STEPS = 3
PACKAGE_KINDS = ("structure", "enclosure", "finishing")
PACKAGE_COLUMNS = tuple(f"step{n}_{kind}_month" for n in range(1, PACKAGE_COLUMN_STEPS + 1) for kind in PACKAGE_KINDS)

RESULT_COLUMNS = ("row", "id", "name", "region", "template", "status", "members", "budget_monthly_idr",
                  "total_cost_idr", "planned_cost_idr", "livable_month", "naive_livable_month", "first_step_month",
                  "steps_built", "steps", "loan_name", "loan_amount_idr", "loan_month", "grants_idr",
                  "grant_used_idr", "grant_lost_idr", "shortfall_idr", "shortfall_monthly_idr",
                  *PACKAGE_COLUMNS, "assessment_failing", "schedule")
#: Statuses a planned row can have (rumah.plan.planner.STATUSES), and the others.
ROW_STATUSES = ("livable", "not_livable_within_horizon", "never_livable", "cannot_start", "invalid", "empty")

CHUNK_ROWS = 500
#: An input row with no cells filled (spreadsheets often end with some): status ``empty``.
EMPTY = "empty row"


@dataclass(frozen=True)
class Options:
    horizon: int | None = None
    delimiter: str = ","
    #: The CSV's folder: files a row names (an existing house, a template) are read from it.
    folder: str | None = None


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


def open_table(path: str | Path) -> Table:
    """Check the header of a household CSV (UTF-8 with or without BOM; ``,`` or ``;``)."""
    path = Path(path)
    try:
        with path.open("rb") as stream:
            head = stream.read(64 * 1024)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    encoding = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    newline = b"\r" if b"\r" in head and b"\n" not in head else b"\n"
    first = head.split(newline, 1)[0]
    try:
        header_line = first.decode(encoding).strip("\r")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: line 1: expected UTF-8 text, found byte 0x{first[exc.start]:02x} "
                        "(save the spreadsheet as 'CSV UTF-8')") from None
    if not header_line.strip():
        raise DataError(f"{path}: line 1: expected a header row of column names, found an empty line")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    columns = tuple(c.strip() for c in next(csv.reader([header_line], delimiter=delimiter)))
    known = set(COLUMNS) | _SECOND
    for column in columns:
        if column not in known and not (column.startswith("param_") and len(column) > 6):
            raise DataError(f"{path}: header: unknown column {column!r}; {did_you_mean(column, sorted(known))}")
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise DataError(f"{path}: header: column {duplicated[0]!r} appears more than once")
    for required in ("name", "members", "region", "income_monthly"):
        if required not in columns:
            raise DataError(f"{path}: header: missing column {required!r}")
    if "template" not in columns and "existing_house" not in columns:
        raise DataError(f"{path}: header: missing column 'template' (or 'existing_house' for houses to improve)")
    note_input(path)
    return Table(path, columns, delimiter, encoding, newline)


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


def read_rows(table: Table, skip: int = 0) -> Iterator[tuple[int, dict[str, str] | str]]:
    """(spreadsheet row number, cells by column) for every household row after the first ``skip``.

    Row 1 is the header, so the first household is row 2.  A row that cannot be read (wrong
    number of cells, bad encoding, a line over :data:`MAX_LINE` bytes) comes as a message
    instead of cells.
    """
    line = 0
    bad_bytes: dict[int, int] = {}
    too_long: set[int] = set()

    def lines(raw) -> Iterator[str]:
        # Decoded one line at a time, so that a bad byte spoils only its own row.
        nonlocal line
        for data in _raw_lines(raw, table.newline):
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
                cells, problem = [], f"line {line}: {exc}"
            number += 1
            spoiled = [n for n in range(first, line + 1) if n in bad_bytes]
            if spoiled:
                problem = (f"line {spoiled[0]}: expected UTF-8 text, found byte 0x{bad_bytes[spoiled[0]]:02x} "
                           "(save the spreadsheet as 'CSV UTF-8')")
            runaway = [n for n in range(first, line + 1) if n in too_long]
            if runaway:
                problem = f"line {runaway[0]}: longer than {MAX_LINE:,} bytes (a missing quote?); skipped"
            for n in range(first, line + 1):
                bad_bytes.pop(n, None)
                too_long.discard(n)
            if number == 1 or number - 1 <= skip:
                continue
            if problem:
                yield number, problem
            elif not any(cell.strip() for cell in cells):
                yield number, EMPTY
            elif len(cells) != len(table.columns):
                yield number, f"expected {len(table.columns)} cells, found {len(cells)}"
            else:
                yield number, dict(zip(table.columns, cells))


def count_rows(table: Table) -> int:
    return sum(1 for _ in read_rows(table))


def _cell(column: str, value: str):
    """A cell as the household loader expects it: whole numbers, fractions with a stated rule."""
    value = value.strip()
    if column in INTEGERS and re.fullmatch(r"[+-]?\d+", value):
        return int(value)
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


def row_to_household(cells: dict[str, str]) -> dict:
    """The household.yaml mapping that a CSV row flattens."""
    raw: dict = {}
    grants: dict[str, dict] = {}
    loans: dict[str, dict] = {}
    for column, text in cells.items():
        if not text.strip():
            continue
        value = _cell(column, text)
        if column.startswith("param_"):
            raw.setdefault("parameters", {})[column[6:]] = value
        elif column.startswith(("grant_", "grant2_")):
            prefix, field = column.split("_", 1)
            grants.setdefault(prefix, {})[field] = value
        elif column.startswith(("loan_", "loan2_")):
            prefix, field = column.split("_", 1)
            loans.setdefault(prefix, {})[{"rate": "annual_rate", "tenor": "tenor_months"}.get(field, field)] = value
        elif column in ("adults", "children"):
            raw.setdefault("composition", {})[column] = value
        elif column in ("standard", "persons_per_bedroom"):
            raw.setdefault("livability", {})[column] = value
        elif column in ("tradesmen", "labourers"):
            raw.setdefault("crew", {})[column] = value
        elif column.startswith("flood_"):
            raw.setdefault("plot", {}).setdefault("flood", {})[column[6:]] = value
        elif column != "id":
            raw[column] = value
    if grants:
        raw["grants"] = [grants[k] for k in sorted(grants)]
    if loans:
        raw["loans"] = [loans[k] for k in sorted(loans)]
    return raw


# -- planning --------------------------------------------------------------------------------------

class Planner:
    """Plans rows in one process, pricing each (house type, district, choices) only once."""

    def __init__(self, limit: int = 256):
        from ..cost.estimate import load_catalog
        self.catalogs: dict = {}
        self.load_catalog = load_catalog
        self.priced: OrderedDict = OrderedDict()
        self.limit = limit

    def price(self, household):
        from ..plan.planner import price_household
        if household.existing is not None:
            # A surveyed house is one family's own: its repairs hang on its members and plot too.
            if household.ahsp not in self.catalogs:
                self.catalogs[household.ahsp] = self.load_catalog(household.ahsp)
            return price_household(household, self.catalogs[household.ahsp])
        key = (household.template, household.region, tuple(sorted((k, str(v)) for k, v in
                                                                    household.parameters.items())),
               household.labour, household.ahsp, household.crew)
        if key in self.priced:
            self.priced.move_to_end(key)
            found = self.priced[key]
        else:
            try:
                if household.ahsp not in self.catalogs:
                    self.catalogs[household.ahsp] = self.load_catalog(household.ahsp)
                found = price_household(household, self.catalogs[household.ahsp])
            except RumahError as exc:
                found = exc
            self.priced[key] = found
            if len(self.priced) > self.limit:
                self.priced.popitem(last=False)
        if isinstance(found, RumahError):
            raise found
        return found

    def row(self, number: int, cells: dict[str, str] | str, options: Options) -> list:
        from ..plan.household import parse_household
        from ..plan.planner import plan_household
        ident = "" if isinstance(cells, str) else cells.get("id", "").strip()
        if cells == EMPTY:
            return [number, ""] + [""] * 3 + ["empty"] + [""] * (len(RESULT_COLUMNS) - 6)
        try:
            if isinstance(cells, str):
                raise DataError(cells)
            household = parse_household(row_to_household(cells), Where(f"row {number}"), options.horizon,
                                        Path(options.folder) if options.folder else None)
            plan = plan_household(household, priced=self.price(household))
        except RumahError as exc:
            reason = str(exc).removeprefix(f"row {number}: ")
            given = {} if isinstance(cells, str) else cells
            return [number, ident] + [given.get(k, "") for k in ("name", "region", "template")] + \
                [f"invalid: {reason}"] + [""] * (len(RESULT_COLUMNS) - 6)
        return [number, ident] + result_cells(plan)


def result_cells(plan) -> list:
    """The output columns after ``row`` and ``id`` for one plan.

    ``steps_built`` counts the steps whose rooms are lived in (their structure and enclosure
    finished); ``first_step_month`` is the month the first work starts; a package's month
    column, the month its work starts (its first part, when a grant's materials build part of
    it first); ``schedule`` lists every package started as ``step:package:month:cost``, a
    package built in parts once per part, the last of them finishing it;
    ``assessment_failing``, for a house to improve, the criteria it fails as surveyed.
    """
    h, best = plan.household, plan.best
    loan = best.loan
    months: dict[tuple[int, str], int] = {}
    for s in best.steps:
        months.setdefault((s.step, s.package), s.month)
    finished = {(s.step, s.package) for s in best.steps if s.complete}
    lived = {s.step for s in plan.bill.steps
             if all((s.step, p.kind) in finished for p in s.packages if p.to_live)} if best.steps else set()
    package_months = [months.get((n, kind), "") for n in range(1, PACKAGE_COLUMN_STEPS + 1) for kind in PACKAGE_KINDS]
    return [h.name, h.region, h.template or plan.bill.design.template, plan.status, h.members, h.budget,
            plan.bill.total,
            sum(s.cost for s in best.steps), best.livable_month or "", plan.naive.livable_month or "",
            best.first_month or "", len(lived), len(plan.bill.steps),
            loan.offer.name if loan else "", loan.offer.amount if loan else "", loan.month if loan else "",
            sum(g.amount for g in h.grants),
            sum(g.used_materials + g.used_labour for g in plan.grants),
            sum(g.lost_materials + g.lost_labour for g in plan.grants),
            plan.shortfall.total if plan.shortfall else "", plan.shortfall.per_month if plan.shortfall else "",
            *package_months,
            " ".join(plan.improvement.assessment.failing) if plan.improvement is not None else "",
            " ".join(f"{s.step}:{s.package}:{s.month}:{s.cost}" for s in best.steps)]


_PLANNER: Planner | None = None


def plan_chunk(rows: list, options: Options) -> tuple[str, list[tuple[int, str]]]:
    """Plan ``rows`` ((number, cells) pairs) in this process: the output CSV lines as one text,
    and the (row, status) of the invalid ones.

    Module level, so that a process pool or a Dask worker can call it by name.
    """
    global _PLANNER
    if _PLANNER is None:
        _PLANNER = Planner()
    results = [_PLANNER.row(number, cells, options) for number, cells in rows]
    invalid = [(r[0], r[5]) for r in results if r[5].startswith("invalid")]
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
    return {"input": str(table.path.resolve()), "sha256": digest.hexdigest(), "horizon": options.horizon}


def _partial_paths(output: Path) -> tuple[Path, Path]:
    return output.with_name(f".{output.name}.partial"), output.with_name(f".{output.name}.partial.json")


def _resume_point(partial: Path) -> int:
    """Rows already complete in ``partial``; a torn last line is cut off."""
    with partial.open("rb+") as stream:
        data = stream.read()
        end = data.rfind(b"\n") + 1
        if end < len(data):
            stream.truncate(end)
        lines = data[:end].count(b"\n")
    return max(0, lines - 1)


#: Invalid rows an outcome keeps to show (all are counted, and each has its reason in the results).
SHOWN_INVALID = 20


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


@contextlib.contextmanager
def _locked(output: Path):
    """Hold a lock beside ``output`` while results are written, so that a second run to the same
    file is refused instead of mixing its rows in.  The kernel drops the lock when the process
    ends, however it ends, so a killed run can be resumed."""
    import fcntl
    lock = output.with_name(f".{output.name}.lock")
    try:
        handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"{output}: cannot write in its folder ({exc.strerror or exc})") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"{output}: another rumah batch is writing it now ({lock.name}); wait for it to "
                              "finish, or write to another file") from None
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(handle)


def run_batch(source: str | Path, output: str | Path, *, workers: int | None = None, scheduler: str | None = None,
              resume: bool = False, horizon: int | None = None,
              progress: Callable[[int], None] | None = None, chunk_rows: int = CHUNK_ROWS) -> Outcome:
    """Plan every household of ``source`` into ``output``; see the module's docstring."""
    output = Path(output)
    partial, state_file = _partial_paths(output)
    for own, what in ((partial, "the unfinished results of a run"), (state_file, "the record of an unfinished run")):
        if _same_file(Path(source), own):
            raise OutputError(f"{source}: is {what} writing {output}; give the households CSV as input")
    table = open_table(source)
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{output}: folder {str(folder)!r} does not exist")
    if _same_file(output, table.path) or output.resolve() == table.path.resolve():
        raise OutputError(f"{output}: is the input file; write the results to another file")
    with _locked(output):
        return _run(table, output, partial, state_file, folder, workers, scheduler, resume, horizon, progress,
                    chunk_rows)


def _run(table: Table, output: Path, partial: Path, state_file: Path, folder: Path, workers, scheduler, resume,
         horizon, progress, chunk_rows) -> Outcome:
    options = Options(horizon, table.delimiter, str(table.path.parent))
    state = _fingerprint(table, options)
    done = 0
    if resume and partial.exists() and state_file.exists():
        try:
            saved = json.loads(state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = None
        if saved != state:
            raise DataError(f"{output}: cannot resume: the unfinished run was for other input or options "
                            f"({state_file.name}); run again without --resume")
    client = _connect(scheduler) if scheduler else None      # before anything is written
    if resume and partial.exists() and state_file.exists():
        done = _resume_point(partial)
    else:
        try:
            write_atomic(state_file, json.dumps(state))
            with partial.open("w", encoding="utf-8", newline="") as stream:
                stream.write(format_rows([list(RESULT_COLUMNS)], table.delimiter))
        except OSError as exc:
            _discard(partial, state_file)
            raise OutputError(f"{output}: cannot write in folder {str(folder)!r} ({exc.strerror or exc})") from None
    if progress and done:
        progress(done)
    invalid: list = []
    invalid_count = 0
    rows = done
    try:
        with partial.open("a", encoding="utf-8", newline="") as sink:
            for text, bad in _planned_chunks(read_rows(table, skip=done), options, workers, client, chunk_rows):
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
        raise OutputError(f"{output}: cannot be written ({exc.strerror or exc}); nothing was kept") from None
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
        raise RumahError("--scheduler needs Dask: pip install 'rumah[dask]'") from None
    try:
        return Client(scheduler, timeout="10s")
    except (OSError, ValueError, TypeError) as exc:
        raise RumahError(f"--scheduler {scheduler}: cannot connect ({exc})") from None


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
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from _in_order(lambda chunk: pool.submit(plan_chunk, chunk, options), _chunks(rows, size),
                             2 * workers)


def _in_order(submit, chunks: Iterator, slots: int) -> Iterator:
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= slots:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


# -- the program's view ----------------------------------------------------------------------------

def summarize(path: str | Path) -> dict:
    """Program totals read back from a finished results file, so that they are the sums of its rows."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as stream:
        header = stream.readline()
        delimiter = ";" if header.count(";") > header.count(",") else ","
        columns = next(csv.reader([header], delimiter=delimiter))
        counts = dict.fromkeys(ROW_STATUSES, 0)
        sums = dict.fromkeys(("total_cost_idr", "planned_cost_idr", "budget_monthly_idr", "grants_idr",
                              "grant_used_idr", "grant_lost_idr", "loan_amount_idr", "shortfall_idr"), 0)
        loans = livable = never = 0
        spending: dict[int, int] = {}
        livable_at: dict[int, int] = {}
        horizon = 0
        failing: dict[str, int] = {}
        for cells in csv.reader(stream, delimiter=delimiter):
            row = dict(zip(columns, cells))
            status = row["status"]
            if status.startswith("invalid") or status == "empty":
                counts["invalid" if status != "empty" else "empty"] += 1
                continue
            counts[status] += 1
            for criterion in row.get("assessment_failing", "").split():
                failing[criterion] = failing.get(criterion, 0) + 1
            for key in sums:
                sums[key] += int(row[key] or 0)
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
        "planned_spending_idr": sums["planned_cost_idr"],
        "budget_monthly_idr": sums["budget_monthly_idr"],
        "grants_idr": sums["grants_idr"],
        "grants_used_idr": sums["grant_used_idr"],
        "grants_lost_idr": sums["grant_lost_idr"],
        "loans": {"households": loans, "amount_idr": sums["loan_amount_idr"]},
        "livable": {"households": livable, "not_within_horizon": never},
        "never_livable_in_template": counts["never_livable"],
        "cannot_start": {"households": counts["cannot_start"], "missing_idr": sums["shortfall_idr"]},
        "spending_by_month_idr": by_month,
        "spending_by_year_idr": [sum(by_month[k:k + 12]) for k in range(0, len(by_month), 12)],
        "livable_by_month": curve,
        "houses_failing_by_criterion": failing,
        "notes": "Months count from 1 (the first month of every plan). Costs are at the prices of the month "
                 "each work package is built; total_cost_idr is every household's whole house at today's prices.",
    }


def write_chart(summary: dict, path: str | Path) -> None:
    """Money needed per month and households livable by month, as a PNG (needs matplotlib)."""
    try:
        import matplotlib
    except ImportError:
        raise RumahError("--chart needs matplotlib: pip install 'rumah[chart]'") from None
    matplotlib.use("Agg")
    from matplotlib import pyplot

    months = range(1, len(summary["spending_by_month_idr"]) + 1)
    figure, (top, bottom) = pyplot.subplots(2, 1, figsize=(9, 6.5), sharex=True)
    top.bar(months, [v / 1e9 for v in summary["spending_by_month_idr"]], width=1.0, color="#1f5aa6")
    top.set_ylabel("Rp miliar / bulan")
    top.set_title(f"{summary['households']} keluarga: kebutuhan dana pembangunan per bulan")
    bottom.plot(months, summary["livable_by_month"], color="#d9731a")
    bottom.set_ylabel("keluarga layak huni")
    bottom.set_xlabel("bulan")
    bottom.set_title("Rumah layak huni (kumulatif)")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    pyplot.close(figure)
    write_atomic(path, buffer.getvalue())
