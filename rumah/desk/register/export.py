"""The monthly report and the list of families as a spreadsheet (xlsx) or as CSV files.

Headers are Indonesian by default.  In the workbook numbers are numbers (Rupiah with thousands
grouping), dates are dates and text is text: a name beginning with ``=`` is stored as text, never
as a formula.  CSV follows the project's spreadsheet convention (``;`` and UTF-8 with a BOM for
an Indonesian spreadsheet; ``,`` in English) and neutralises formula-like text cells.
"""

from __future__ import annotations

import csv
import datetime
import io

from ...i18n import N_, pick
from ...schema import spreadsheet_cell
from .report import MonthlyReport

WORDS = {
    "report": N_("Report"),
    "families": N_("Families"),
    "item": N_("Item"),
    "value": N_("Value"),
    "month": N_("Month"),
    "services": N_("Services delivered"),
    "consultations": N_("  consultations"),
    "quotes": N_("  quotes issued"),
    "visits": N_("  follow-up visits"),
    "assisted": N_("Households assisted"),
    "new": N_("New households registered"),
    "packages": N_("Work packages completed"),
    "package": N_("  package {name}"),
    "tranches": N_("Grant tranches used"),
    "grant_materials": N_("Grant materials used (IDR)"),
    "grant_labour": N_("Grant wages used (IDR)"),
    "own": N_("Families' own money spent (IDR)"),
    "status_now": N_("Families {status} (now)"),
    "id": N_("Register no."),
    "name": N_("Family"),
    "village": N_("Village"),
    "region": N_("Price list (district)"),
    "status": N_("Status"),
    "nik": N_("NIK (masked)"),
    "version": N_("File version"),
    "created": N_("Registered"),
    "updated": N_("Updated"),
    "updated_by": N_("Updated by"),
    "quote": N_("Latest quote"),
    "issued": N_("Quote date"),
    "total": N_("Quote: whole house at its price list's prices (IDR)"),
    "visit_count": N_("Visits"),
    "visited": N_("Latest visit"),
    "raising": N_("floor raising {n}"),
    "by_village": N_("By village"),
    "no_village": N_("(no village given)"),
    "all_villages": N_("All villages"),
    "services_short": N_("Services"),
    "consultations_short": N_("Consultations"),
    "quotes_short": N_("Quotes"),
    "visits_short": N_("Visits in the month"),
    "packages_short": N_("Packages completed"),
    "tranches_short": N_("Tranches used"),
    "status_short": N_("{status} (now)"),
}
STATUS_WORDS = {
    "waiting": N_("waiting"),
    "building": N_("building"),
    "livable": N_("livable"),
}
#: Work packages as the catalog names them (catalog/packages.yaml, catalog/repairs.yaml), short.
PACKAGE_WORDS = {
    "structure": N_("foundation, sloof and columns"),
    "enclosure": N_("walls and roof"),
    "finishing": N_("plaster and paint"),
    "roof": N_("roof mended"),
    "floor": N_("concrete floor"),
    "walls": N_("new walls"),
    "windows": N_("windows"),
    "sanitation": N_("toilet and septic tank"),
}
def _package_name(kind: str, lang: str) -> str:
    """A work package's short name (``raising_2``: floor raising 2)."""
    if kind in PACKAGE_WORDS:
        return pick(PACKAGE_WORDS, kind, lang)
    number = kind.removeprefix("raising_")
    if number != kind and number.isdigit():
        return pick(WORDS, "raising", lang).format(n=number)
    return kind


#: Money is counted; the rest of the report's rows are counts.
_MONEY = ("grant_materials", "grant_labour", "own")


def report_rows(report: MonthlyReport, lang: str) -> list[tuple[str, object]]:
    """The report as (item, value) rows: numbers stay numbers."""
    w = lambda key, **kw: pick(WORDS, key, lang).format(**kw)  # noqa: E731 - a local shorthand
    rows: list[tuple[str, object]] = [
        (w("month"), report.label),
        (w("services"), report.services),
        (w("consultations"), report.consultations),
        (w("quotes"), report.quotes),
        (w("visits"), report.visits),
        (w("assisted"), report.households_assisted),
        (w("new"), report.new_households),
        (w("packages"), report.packages_completed),
    ]
    rows += [(w("package", name=_package_name(kind, lang)), count) for kind, count in report.packages_by_kind.items()]
    rows += [(w("tranches"), report.tranches_used), (w("grant_materials"), report.grant_materials_idr),
             (w("grant_labour"), report.grant_labour_idr), (w("own"), report.own_spent_idr)]
    rows += [(w("status_now", status=pick(STATUS_WORDS, status, lang)), count)
             for status, count in report.statuses.items()]
    return rows


def village_table(report: MonthlyReport, lang: str) -> tuple[list[str], list[list[object]]]:
    """Headers and rows of the month's report village by village, then the whole (each figure
    the sum of the villages'), for a report that goes on to the district and the province."""
    w = lambda key, **kw: pick(WORDS, key, lang).format(**kw)  # noqa: E731 - a local shorthand
    headers = [w("village"), w("services_short"), w("consultations_short"), w("quotes_short"), w("visits_short"),
               w("assisted"), w("new"), w("packages_short"), w("tranches_short"), w("grant_materials"),
               w("grant_labour"), w("own")]
    headers += [w("status_short", status=pick(STATUS_WORDS, status, lang)) for status in report.statuses]

    def row(name: str, r: MonthlyReport) -> list[object]:
        return [name, r.services, r.consultations, r.quotes, r.visits, r.households_assisted, r.new_households,
                r.packages_completed, r.tranches_used, r.grant_materials_idr, r.grant_labour_idr,
                r.own_spent_idr, *r.statuses.values()]

    rows = [row(place or w("no_village"), r) for place, r in report.villages.items()]
    return headers, rows + [row(w("all_villages"), report)]


def villages_csv(report: MonthlyReport, lang: str = "id") -> str:
    headers, rows = village_table(report, lang)
    return _csv([headers, *rows], lang)


_COLUMNS = ("id", "name", "village", "region", "status", "nik", "version", "created", "updated", "updated_by",
            "quote", "issued", "total", "visit_count", "visited")


def family_table(families: list[dict], lang: str) -> tuple[list[str], list[list[object]]]:
    """Headers and rows of the list of families: numbers as numbers, times and dates as such."""
    headers = [pick(WORDS, key, lang) for key in _COLUMNS]
    rows = [[f["id"], f["name"], f["village"], f["region"], pick(STATUS_WORDS, f["status"], lang), f["nik"],
             f["version"], _second(f["created_at"]), _second(f["updated_at"]), f["updated_by"], f["number"] or "",
             _date(f["issued"]), f["total_idr"], f["visits"], _date(f["visited"])] for f in families]
    return headers, rows


def _second(value: datetime.datetime) -> datetime.datetime:
    return value.replace(microsecond=0)


def _date(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _csv(rows: list[list[object]], lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang != "en" else ",", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    # With a byte-order mark in either language: Excel opens a CSV without one in the
    # computer's code page, and the register's names (Ni’mah, Dédé) would come out garbled.
    return "\ufeff" + buffer.getvalue()


def _csv_cell(cell: object) -> object:
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime):
        return cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if isinstance(cell, str):
        return spreadsheet_cell(cell)
    return cell


def report_csv(report: MonthlyReport, lang: str = "id") -> str:
    return _csv([[pick(WORDS, "item", lang), pick(WORDS, "value", lang)], *map(list, report_rows(report, lang))],
                lang)


def families_csv(families: list[dict], lang: str = "id") -> str:
    headers, rows = family_table(families, lang)
    return _csv([headers, *rows], lang)


def workbook(report: MonthlyReport, families: list[dict], lang: str = "id") -> bytes:
    """An xlsx workbook: the report on its first sheet, village by village on the second, the
    families on the third."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = f"{pick(WORDS, 'report', lang)} {report.label}"
    money_labels = {pick(WORDS, key, lang) for key in _MONEY}
    _row(sheet, [pick(WORDS, "item", lang), pick(WORDS, "value", lang)], bold=Font(bold=True))
    for label, value in report_rows(report, lang):
        _row(sheet, [label, value], money=label in money_labels)
    sheet.column_dimensions["A"].width = 46
    sheet.column_dimensions["B"].width = 16
    places = book.create_sheet(pick(WORDS, "by_village", lang))
    headers, rows = village_table(report, lang)
    _row(places, headers, bold=Font(bold=True))
    for row in rows[:-1]:
        _row(places, row, money=True)
    _row(places, rows[-1], bold=Font(bold=True), money=True)
    for column in range(1, len(headers) + 1):
        places.column_dimensions[get_column_letter(column)].width = 24 if column == 1 else 14
    places.freeze_panes = "B2"
    listing = book.create_sheet(pick(WORDS, "families", lang))
    headers, rows = family_table(families, lang)
    _row(listing, headers, bold=Font(bold=True))
    for row in rows:
        _row(listing, row)
    money_column = _COLUMNS.index("total") + 1
    for cell in listing.iter_rows(min_row=2, min_col=money_column, max_col=money_column):
        cell[0].number_format = "#,##0"
    widths = (10, 32, 20, 14, 12, 18, 8, 17, 17, 18, 22, 12, 16, 10, 12)
    for column, width in enumerate(widths, start=1):
        listing.column_dimensions[get_column_letter(column)].width = width
    listing.freeze_panes = "A2"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _row(sheet, values: list[object], bold=None, money: bool = False) -> None:
    """Append a row with typed cells: text stays text even when it looks like a formula.  The
    cells are made first and the row appended whole (asking the sheet for its last row walks
    every cell: 83 s for 20,000 families)."""
    from openpyxl.cell import Cell
    row = []
    for value in values:
        cell = Cell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"          # openpyxl would take "=..." for a formula
        elif isinstance(value, datetime.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, datetime.date):
            cell.number_format = "yyyy-mm-dd"
        elif money and isinstance(value, int):
            cell.number_format = "#,##0"
        if bold is not None:
            cell.font = bold
        row.append(cell)
    sheet.append(row)
