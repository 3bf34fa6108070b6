"""A program's results as a workbook a district housing office opens: the summary per district
and per house type, what grants do, and every household, with headers in the office's language
and typed cells (money and counts as numbers, months as whole numbers, text as text, even text
that begins with ``=``).

The households' sheet is streamed from the results CSV (openpyxl's write-only mode), so a
province's list does not have to fit in memory; the summary is the one :func:`rumah.program.batch.summarize`
read back from the same file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..i18n import N_, nt, t
from ..output import write_atomic
from ..schema import unguarded
from .batch import PACKAGE_COLUMNS, TARGETS, header_delimiter

#: The households' sheet: (results column, header, kind), kind ``int`` (months, counts), ``money``
#: (whole Rupiah) or ``text``.
COLUMNS = (
    ("row", N_("Row"), "int"), ("id", N_("ID"), "text"), ("name", N_("Name"), "text"),
    ("region", N_("District"), "text"), ("template", N_("House type"), "text"),
    ("status_text", N_("Outcome"), "text"), ("members", N_("Members"), "int"),
    ("budget_monthly_idr", N_("For the house each month (Rp)"), "money"),
    ("total_cost_idr", N_("Whole house at plan month 1's prices (Rp)"), "money"),
    ("planned_cost_idr", N_("Planned work at its month's prices (Rp)"), "money"),
    ("livable_month", N_("Livable from month"), "int"), ("horizon_months", N_("Months planned"), "int"),
    ("naive_livable_month", N_("Without planning: livable from month"), "int"),
    ("first_step_month", N_("First work in month"), "int"),
    ("steps_built", N_("Steps lived in"), "int"), ("steps", N_("Steps"), "int"),
    ("loan_name", N_("Loan"), "text"), ("loan_amount_idr", N_("Loan (Rp)"), "money"),
    ("loan_month", N_("Loan taken in month"), "int"),
    ("grants_idr", N_("Grants (Rp)"), "money"), ("grant_used_idr", N_("Grants used (Rp)"), "money"),
    ("grant_lost_idr", N_("Grants lost (Rp)"), "money"),
    ("grant_lost_because", N_("Grant lost because"), "text"),
    ("swadaya_needed_idr", N_("Own money to use the whole grant (Rp)"), "money"),
    ("cash_in_grant_month_idr", N_("Own money in the grant month (Rp)"), "money"),
    ("livable_month_without_grant", N_("Without the grant: livable from month"), "int"),
    ("without_grant_status", N_("Without the grant"), "text"),
    ("months_gained_by_grant", N_("Months sooner thanks to the grant"), "int"),
    ("livable_month_with_bsps", N_("With a BSPS grant: livable from month"), "int"),
    ("shortfall_idr", N_("Missing to start (Rp)"), "money"),
    ("shortfall_monthly_idr", N_("Or more each month (Rp)"), "money"),
    *((column, N_("Step {step}, {work}: month"), "int") for column in PACKAGE_COLUMNS),
    ("assessment_failing", N_("Criteria failed as surveyed"), "text"),
    ("fits_plot", N_("The whole house fits the plot"), "text"),
    ("house_types", N_("House types that can house the family (type:from step)"), "text"),
    ("status", N_("Outcome code"), "text"), ("schedule", N_("Schedule (step:work:month:cost)"), "text"),
    ("price_list", N_("Price list"), "text"), ("ahsp", N_("AHSP edition"), "text"),
    ("month_one", N_("Plan month 1"), "text"),
)
#: The group tables' column of households not known to be livable by a target (plans shorter).
UNKNOWN_WITHIN = {24: N_("Not known within 24 months"), 60: N_("Not known within 60 months")}
#: Why part of a grant is lost (the results' grant_lost_because codes), for people.
LOST_BECAUSE = {"money": N_("the family's money does not cover its share"),
                "time": N_("the grant's months end before the work can start"),
                "spare": N_("no work left needs it"),
                "sooner": N_("the family's money goes to work that makes the house livable sooner"),
                "small": N_("too little is left to start any work")}
WORKS = {"structure": N_("foundation and columns"), "enclosure": N_("walls and roof"),
         "finishing": N_("plaster and paint")}
#: A plan's status code in words (the group tables' headers say the same).
STATUS_WORDS = {"livable": N_("Livable in the plan"), "not_livable_within_horizon": N_("Not livable within the plan"),
                "never_livable": N_("Never livable in their house type"), "cannot_start": N_("Cannot start")}
#: The summary's tables per district and per house type: (key of the summary, header).
GROUP_COLUMNS = (
    ("households", N_("Households")), ("livable", N_("Livable in the plan")),
    ("not_livable_within_horizon", N_("Not livable within the plan")),
    ("never_livable", N_("Never livable in their house type")), ("cannot_start", N_("Cannot start")),
    ("livable_within_24", N_("Livable within 24 months")), ("livable_within_60", N_("Livable within 60 months")),
    ("median_livable_month", N_("Median livable month")),
    ("total_cost_idr", N_("Whole houses at plan month 1's prices (Rp)")), ("grants_idr", N_("Grants (Rp)")),
    ("grant_used_idr", N_("Grants used (Rp)")), ("grant_lost_idr", N_("Grants lost (Rp)")),
)


def district_names() -> dict[str, str]:
    """The district each bundled region names: ``{"kendal": "Kabupaten Kendal"}``."""
    from ..cost.prices import bundled_lists, region_of
    from ..yamlio import load_yaml
    found = {}
    for list_id, path in bundled_lists().items():
        raw = load_yaml(path)
        region = raw.get("region") if isinstance(raw, dict) else None
        if isinstance(region, dict) and isinstance(region.get("name"), str):
            found[region_of(list_id)] = region["name"]
    return found


def header(column: str, label, lang: str) -> str:
    if column in PACKAGE_COLUMNS:
        step, work = column[4:].split("_")[:2]
        return t(label, lang, step=step, work=WORKS[work](lang))
    return label(lang)


def typed(value: str, kind: str):
    """A results cell as the spreadsheet should hold it: a number, or text (empty: no value)."""
    if value == "":
        return None
    if kind in ("int", "money"):
        try:
            return int(value)
        except ValueError:
            return value
    return value


def _duplicates_text(duplicated: dict, lang: str) -> str:
    """``2: H0000006 (rows 7, 1504); H0000101 (rows 102, 902)``."""
    shown = "; ".join(t("{id} (rows {rows})", lang, id=ident, rows=", ".join(map(str, found["first"])))
                      for ident, found in duplicated["rows"].items())
    more = duplicated["ids"] - len(duplicated["rows"])
    if more > 0:
        shown += "; " + t("and {n} more", lang, n=more)
    return f"{duplicated['ids']}: {shown}"


def summary_rows(summary: dict, lang: str) -> list[tuple[str, object]]:
    """The program's totals as (label, value) rows."""
    status = summary["status"]
    rows = [
        (t("Households in the list (invalid rows too)", lang), summary["households"]),
        (t("Livable within the plan", lang), status["livable"]),
        *((t("Livable within {n} months", lang, n=target), summary["livable_within"][str(target)])
          for target in TARGETS),
        # Said only where some plans end before the target (a shorter --horizon or horizon_months).
        *((t("Not known within {n} months (planned for fewer months, not livable within them)", lang, n=target),
           summary["unknown_within"][str(target)]) for target in TARGETS if summary["unknown_within"][str(target)]),
        (t("Not livable within the plan", lang), status["not_livable_within_horizon"]),
        (t("Never livable in their house type", lang), status["never_livable"]),
        (t("Cannot start building", lang), status["cannot_start"]),
        (t("Money they miss to start (Rp)", lang), summary["cannot_start"]["missing_idr"]),
        (t("Rows with invalid data", lang), status["invalid"]),
        # One family listed twice is counted twice in every total: said where the totals are.
        *((t("Ids given to more than one row (each row counted)", lang), _duplicates_text(duplicated, lang))
          for duplicated in (summary.get("duplicate_ids") or {},) if duplicated.get("ids")),
        (t("Households with a plot size", lang), summary["plots"]["given"]),
        (t("Of those, the whole house larger than the plot", lang), summary["plots"]["too_small"]),
        (t("Whole houses at plan month 1's prices (Rp)", lang), summary["total_cost_idr"]),
        (t("Whole houses of households their house type cannot house, not counted above (Rp)", lang),
         summary.get("total_cost_never_livable_idr", 0)),
        (t("Planned work at its month's prices (Rp)", lang), summary["planned_spending_idr"]),
        (t("Grants given (Rp)", lang), summary["grants_idr"]),
        (t("Grants used (Rp)", lang), summary["grants_used_idr"]),
        (t("Grants lost (Rp)", lang), summary["grants_lost_idr"]),
        (t("Grants given as cash (Rp)", lang), summary["grants_cash_idr"]),
        (t("Grants of households their house type cannot house (Rp)", lang), summary["grants_not_planned_idr"]),
        (t("Households taking a loan", lang), summary["loans"]["households"]),
        (t("Loans taken (Rp)", lang), summary["loans"]["amount_idr"]),
    ]
    effect = summary["grant_effect"]
    rows += [(t("Households with a grant, livable with it", lang), effect["households_with_grant"]),
             (t("Median months sooner thanks to the grant", lang), effect["median_months_gained"])]
    rows += [(t("Livable within {n} months only thanks to the grant", lang, n=target),
              effect[f"livable_within_{target}_thanks_to_grant"]) for target in TARGETS]
    rows += [(t("Not known within {n} months (planned for fewer months, not livable within them)", lang, n=target)
              + " - " + t("with a grant", lang), effect[f"not_known_within_{target}_thanks_to_grant"])
             for target in TARGETS if effect[f"not_known_within_{target}_thanks_to_grant"]]
    scenario = effect.get("scenario")
    if scenario:
        rows.append((t("Households without a grant, planned again with a BSPS grant", lang),
                     scenario["households_without_grant"]))
        rows.append((t("Of those, livable with it within the plan", lang), scenario.get("livable_with_grant", "")))
        for target in TARGETS:
            rows.append((nt("{n} more BSPS grant, to the household it helps most: more families livable within "
                            "{months} months", "{n} more BSPS grants, to the households they help most: more "
                            "families livable within {months} months", scenario["grants"], lang, months=target),
                         scenario[f"more_livable_within_{target}"]))
            listed = " ".join(map(str, scenario[f"rows_for_{target}"]))
            if len(listed) > EXCEL_CELL:
                # More than a cell holds (Excel cuts it, silently, a row number in half).
                listed = nt("{n} household: marked in the column '{column}' of the sheet '{sheet}'",
                            "{n} households: marked in the column '{column}' of the sheet '{sheet}'",
                            len(scenario[f"rows_for_{target}"]), lang,
                            column=_picked_header(scenario, target, lang), sheet=t("Households", lang))
            rows.append((t("Rows of those households ({months} months)", lang, months=target), listed))
            if scenario[f"not_known_within_{target}"]:
                rows.append((t("Not known within {n} months (planned for fewer months, not livable within them)",
                               lang, n=target) + " - " + t("with a BSPS grant", lang),
                             scenario[f"not_known_within_{target}"]))
    return rows + source_rows(summary, lang)


def source_rows(summary: dict, lang: str) -> list[tuple[str, object]]:
    """Where the figures come from: the calendar month each plan's month 1 is (and how many rows
    start there), the AHSP editions, and each price list with its source, its year and the lists
    whose prices it inherits through a regional factor nobody published."""
    rows = [(t("Plan month 1 is {month}: households", lang, month=month), n)
            for month, n in summary.get("month_one", {}).items()]
    rows += [(t("Priced with AHSP {edition}: households", lang, edition=edition), n)
             for edition, n in summary.get("ahsp_editions", {}).items()]
    for name, listed in summary.get("price_lists", {}).items():
        about = [listed.get("source", "")]
        if listed.get("unknown_factors"):
            about.append(t("prices inherited through a factor that is unknown, not adjusted from one district to "
                           "the other: {links}", lang, links=", ".join(listed["unknown_factors"])))
        rows.append((t("Price list {list} ({region}, {year}): households", lang, list=name,
                       region=listed.get("region_name", name), year=listed.get("year", "-")), listed["households"]))
        rows.append((t("Price list {list}: source", lang, list=name), "; ".join(filter(None, about)) or "-"))
    return rows


#: The most characters an Excel cell holds.
EXCEL_CELL = 32_767


def _picked_header(scenario: dict, target: int, lang: str) -> str:
    return nt("{n} more BSPS grant ({months} months)", "One of the {n} more BSPS grants ({months} months)",
              scenario["grants"], lang, months=target)


def write_workbook(results: str | Path, summary: dict, path: str | Path, lang: str = "id") -> None:
    """The summary sheet, then every household, as an xlsx workbook written atomically."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
    except ImportError:
        from ..errors import RumahError
        from ..i18n import tr
        raise RumahError(tr("--format xlsx needs openpyxl: pip install 'rumah[xlsx]'")) from None
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    districts = district_names()

    def cell(sheet, value, kind: str = "", strong: bool = False):
        made = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            made.data_type = "s"                   # text stays text, "=..." included
        elif kind == "money":
            made.number_format = "#,##0"
        if strong:
            made.font = bold
        return made

    sheet = book.create_sheet(t("Summary", lang))
    sheet.column_dimensions["A"].width = 60
    for label, value in summary_rows(summary, lang):
        kind = "money" if label.endswith("(Rp)") else ""
        sheet.append([cell(sheet, label), cell(sheet, value, kind)])
    groups = _group_columns(summary)
    for title, key, name in ((t("By district", lang), "by_region", t("District", lang)),
                             (t("By house type", lang), "by_template", t("House type", lang))):
        sheet.append([])
        sheet.append([cell(sheet, title, strong=True)])
        sheet.append([cell(sheet, name, strong=True)] + [cell(sheet, label(lang), strong=True)
                                                         for _, label in groups])
        for group, figures in summary[key].items():
            flat = figures | figures["status"]
            shown = districts.get(group, group) if key == "by_region" else group
            sheet.append([cell(sheet, shown)] + [cell(sheet, flat[k], "money" if k.endswith("_idr") else "")
                                                 for k, _ in groups])
    listing = book.create_sheet(t("Households", lang))
    listing.freeze_panes = "A2"
    # The households the more BSPS grants of --grants go to, one column a target: a list to filter.
    scenario = summary["grant_effect"].get("scenario")
    picked = {target: set(scenario[f"rows_for_{target}"]) for target in TARGETS} if scenario else {}
    listing.append([cell(listing, header(column, label, lang), strong=True) for column, label, _ in COLUMNS]
                   + [cell(listing, _picked_header(scenario, target, lang), strong=True) for target in picked])
    with Path(results).open(encoding="utf-8-sig", newline="") as stream:
        first = stream.readline()
        delimiter = header_delimiter(first)
        names = next(csv.reader([first], delimiter=delimiter))
        for cells in csv.reader(stream, delimiter=delimiter):
            row = dict(zip(names, cells))
            if row.get("status") == "empty":
                continue
            row["region"] = districts.get(row.get("region", ""), row.get("region", ""))
            row["fits_plot"] = t(row["fits_plot"], lang) if row.get("fits_plot") in ("yes", "no") else ""
            if row.get("status", "").startswith("invalid"):
                # The outcome column says why, as the CSV's status does.
                row["status_text"] = t("Not planned: {reason}", lang,
                                       reason=row["status"].removeprefix("invalid").lstrip(": "))
            row["without_grant_status"] = STATUS_WORDS[row["without_grant_status"]](lang) \
                if row.get("without_grant_status") in STATUS_WORDS else ""
            row["grant_lost_because"] = "; ".join(LOST_BECAUSE[code](lang) if code in LOST_BECAUSE else code
                                                  for code in row.get("grant_lost_because", "").split())
            number = int(row["row"]) if row.get("row", "").isdigit() else None
            listing.append([cell(listing, typed(unguarded(row.get(column, "")), kind), kind)
                            for column, _, kind in COLUMNS]
                           + [cell(listing, t("yes", lang) if number in rows else "") for rows in picked.values()])
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())


def _group_columns(summary: dict) -> tuple:
    """GROUP_COLUMNS, and after the livable counts, for each target some plan ends before, how many
    households it is not known of."""
    unknown = tuple((f"unknown_within_{target}", UNKNOWN_WITHIN[target]) for target in TARGETS
                    if summary["unknown_within"][str(target)])
    cut = 1 + max(k for k, (key, _) in enumerate(GROUP_COLUMNS) if key.startswith("livable_within_"))
    return GROUP_COLUMNS[:cut] + unknown + GROUP_COLUMNS[cut:]


