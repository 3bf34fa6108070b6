"""A priced Bill as JSON data, a text table, or CSV for a spreadsheet set to Indonesian.

All three read the same Bill; totals are never recomputed from rounded figures, so each
format shows the same whole-Rupiah amounts and every total is the sum of the lines under it.
"""

from __future__ import annotations

import csv
import io

from .. import i18n
from ..cost.ahsp import TRADE_NAMES
from ..cost.materials import DEFAULT_CREW, duration_days, labour_days, shopping_list
from ..cost.pricing import Bill, StepBill
from ..cost.resources import Resources
from ..cost.takeoff import QUANTITIES
from ..i18n import nt, t
from ..schema import spreadsheet_cell
from .provenance import factor_text, imported_text, price_list_json, prices_json
from .texttable import WIDTH, fitted, table


def overhead_line(bill: Bill, step: StepBill, lang: str) -> dict | None:
    """The overhead-and-profit line of a step, when a rate is set, in the JSON line form."""
    if bill.overhead_rate <= 0:
        return None
    return {"code": "overhead",
            "description": t("Overhead and profit {rate} %", lang, rate=i18n.plain(bill.overhead_rate * 100, lang)),
            "unit": "ls", "quantity": bill.overhead_rate, "unit_price_idr": step.subtotal,
            "amount_idr": step.overhead}


def package_json(package, lang: str = "id") -> dict:
    """One work package of a step: what it costs, of which materials (what a grant in kind pays),
    wages and the rest, and the packages that must be finished first."""
    return {"package": package.kind, "name": package.name(lang), "cost_idr": package.total,
            "materials_idr": package.materials, "labour_idr": package.labour, "other_idr": package.other,
            "requires": [{"step": step, "package": kind} for step, kind in package.requires]}


def step_json(bill: Bill, step: StepBill, lang: str = "id") -> dict:
    """One step of the bill as DESIGN.md section 4 gives it, each line naming its work package
    and each package with its total (its lines and its share of the step's overhead): the part
    of a step an estimate and a plan print alike."""
    package_of = {id(line): package.kind for package in step.packages for line in package.lines}
    lines = [{"code": line.code, "description": line.description(lang), "unit": line.unit,
              "quantity": line.quantity, "unit_price_idr": round(line.unit_price),
              "amount_idr": line.amount, "group": line.group, "work": line.work,
              "estimate": line.estimate, "package": package_of.get(id(line))}
             for line in step.lines]
    extra = overhead_line(bill, step, lang)
    if extra:
        # (Shared among the packages, in proportion to their lines: each package's cost has its part.)
        lines.append(extra | {"group": "overhead", "work": "overhead", "estimate": False, "package": None})
    return {
        "step": step.step,
        "name": step.name(lang),
        "floor_area_m2": float(step.floor_area),
        "total_floor_area_m2": float(step.total_floor_area),
        "quantities": {name: {"value": float(value), "unit": QUANTITIES[name].unit}
                       for name, value in step.quantities.items()},
        "lines": lines,
        "total_idr": step.total,
        "packages": [package_json(package, lang) for package in step.packages],
    }


def bill_json(bill: Bill, resources: Resources, lang: str = "id") -> dict:
    """The machine-readable bill (DESIGN.md section 4), with materials and labour per step."""
    design, price_list, edition = bill.design, bill.price_list, bill.edition
    steps = []
    for step in bill.steps:
        steps.append(step_json(bill, step, lang) | {
            "materials": [{"code": p.code, "name": p.name(lang), "unit": p.unit, "needed": p.needed,
                           "bought": p.bought, "waste": p.waste,
                           "purchase": [{"unit": unit, "count": count} for unit, count in p.parts],
                           "purchase_unit": p.purchase_unit, "count": p.count,
                           "unit_price_idr": round(p.unit_price), "cost_idr": p.cost,
                           "indicative": p.indicative}
                          for p in shopping_list(step, resources, price_list)],
            "labour_days": [{"code": d.code, "name": d.name(lang), "trade": d.trade, "days": d.days}
                            for d in labour_days(step, resources)],
            "duration": {"days": duration_days(step), "tradesmen": DEFAULT_CREW.tradesmen,
                         "labourers": DEFAULT_CREW.labourers},
        })
    return {
        "template": design.template,
        "template_version": design.template_version,
        "region": price_list.region,
        "price_list": price_list_json(price_list, lang),
        "ahsp_edition": edition.edition,
        "parameters": dict(design.values),
        "labour": bill.labour,
        "overhead_rate": bill.overhead_rate,
        "indicative_prices": {"count": len(bill.indicative), "of": len(bill.used), "codes": list(bill.indicative)},
        "prices_used": prices_json(price_list, bill.used, resources, lang),
        "steps": steps,
        "total_idr": bill.total,
    }


def party_text(design, lang: str) -> str:
    """What a row house assumes of the walls it shares with its neighbours (``party_share``)."""
    share = round(float(design.values["party_share"]) * 100)
    return t("Party walls: this house pays {share} % of the foundation, structure and wall it shares with each "
             "neighbour, and plasters and paints its own face only (party_share)", lang, share=share)


def provenance(bill: Bill, lang: str) -> list[str]:
    """Where every number comes from: template, price list, AHSP edition, labour, rounding."""
    d, p, e = bill.design, bill.price_list, bill.edition
    estimated = sorted({line.work for step in bill.steps for line in step.lines if line.estimate})
    imported = imported_text(p, bill.used, lang)
    return [
        t("House type: {id} v{version} - {name}", lang, id=d.template, version=d.template_version, name=d.name(lang)),
        t("Price list: {id} ({region}, {year}); source: {source}", lang, id=p.id, region=p.region_name, year=p.year,
          source=p.source) + (f"; {imported}" if imported else ""),
        *([factor_text(p, lang)] if p.links else []),
        t("The prices are those of {month}, as they are here; a plan raises them with inflation to the month each "
          "work starts", lang, month=i18n.month_year(*p.dated, lang)),
        *([party_text(d, lang)] if "party_share" in d.values else []),
        f"AHSP: {e.edition} - {e.title}",
        t("Labour: {note}", lang, note=bill.labour_note(lang)),
        t("Indicative prices (no published source): {count} of {total}", lang, count=len(bill.indicative),
          total=len(bill.used)),
        t("AHSP items estimated (no published coefficients): {count} (marked *)", lang, count=len(estimated)),
        t("Rounding: each line = quantity x exact unit price, rounded to the nearest rupiah; totals = sum of lines.",
          lang),
    ]


def bill_table(bill: Bill, lang: str = "id", width: int | None = WIDTH) -> str:
    """The bill as a text table, grouped by step and work group, ``width`` columns wide (None: as
    wide as it needs)."""
    out = [t("Bill of quantities", lang) + f" - {bill.design.name(lang)} - {bill.price_list.region_name}", ""]
    group_names = dict(bill.groups)
    for step in bill.steps:
        out.append(t("Step {step}: {name}", lang, step=step.step, name=step.name(lang)) + "  ("
                   + t("floor area {area} m²; house area after this step {total} m²", lang,
                       area=i18n.number(step.floor_area, lang), total=i18n.number(step.total_floor_area, lang)) + ")")
        rows = [[t("No", lang), t("Work", lang), t("AHSP code", lang), t("Quantity", lang), t("Unit", lang),
                 t("Unit price", lang), t("Amount", lang)]]
        for index, (group, name) in enumerate(bill.groups):
            lines = [line for line in step.lines if line.group == group]
            if not lines:
                continue
            letter = chr(ord("A") + index)
            rows.append([letter, name(lang).upper(), "", "", "", "", ""])
            for n, line in enumerate(lines, 1):
                rows.append([f"{letter}.{n}", line.description(lang), line.code + ("*" if line.estimate else ""),
                             i18n.number(line.quantity, lang), i18n.unit_name(line.unit, lang),
                             i18n.rupiah(round(line.unit_price), lang, False),
                             i18n.rupiah(line.amount, lang, False)])
            rows.append(["", t("Subtotal {letter} - {group}", lang, letter=letter, group=group_names[group](lang)),
                         "", "", "", "", i18n.rupiah(sum(line.amount for line in lines), lang, False)])
        extra = overhead_line(bill, step, lang)
        if extra:
            rows.append(["", extra["description"], "", "", "", "", i18n.rupiah(step.overhead, lang, False)])
        rows.append(["", t("Total for step {step}", lang, step=step.step), "", "", "", "",
                     i18n.rupiah(step.total, lang)])
        out.extend(table(rows, "lllrlrr", wrap=(1,), width=width, least=30))
        out.append("")
    out.append(t("TOTAL, ALL STEPS: {amount}", lang, amount=i18n.rupiah(bill.total, lang)))
    out.append("")
    out.extend(provenance(bill, lang))
    return fitted(out, width)


def crew_text(days: float, lang: str) -> str:
    """``about 12 working days for 2 tradesmen and 2 labourers``."""
    return t("about {days} for {tradesmen} and {labourers}", lang,
             days=nt("{n} working day", "{n} working days", round(days), lang),
             tradesmen=nt("{n} tradesman", "{n} tradesmen", DEFAULT_CREW.tradesmen, lang),
             labourers=nt("{n} labourer", "{n} labourers", DEFAULT_CREW.labourers, lang))


def materials_table(bill: Bill, resources: Resources, lang: str = "id", width: int | None = WIDTH) -> str:
    """The shopping list and labour days of each step."""
    out = [t("Shopping list", lang) + f" - {bill.design.name(lang)} - {bill.price_list.region_name}", ""]
    for step in bill.steps:
        out.append(t("Step {step}: {name}", lang, step=step.step, name=step.name(lang)))
        rows = [[t("Material", lang), t("Needed", lang), t("Unit", lang), t("Waste", lang), t("Buy", lang),
                 t("Price per purchase unit", lang), t("Cost", lang)]]
        purchases = shopping_list(step, resources, bill.price_list)
        for p in purchases:
            rows.append([p.name(lang) + (" *" if p.indicative else ""), i18n.number(p.needed, lang),
                         i18n.unit_name(p.unit, lang), f"{p.waste * 100:.0f}%", i18n.purchase_text(p.parts, lang),
                         i18n.prices_text(p.part_prices, lang), i18n.rupiah(p.cost, lang, False)])
        rows.append([t("Total materials", lang), "", "", "", "", "",
                     i18n.rupiah(sum(p.cost for p in purchases), lang)])
        out.extend(table(rows, "lrllrrr", wrap=(0, 4), width=width))
        out.append("")
        out.append(t("Labour (person-days)", lang) + ": " + crew_text(duration_days(step), lang))
        for d in labour_days(step, resources):
            trade = f" ({TRADE_NAMES[d.trade](lang)})" if d.trade else ""
            out.append(f"  {d.name(lang)}{trade}: " + t("{days} person-days", lang, days=i18n.number(d.days, lang, 1)))
        out.append("")
    out.append("* " + t("Indicative prices (no published source)", lang))
    return fitted(out, width)


class _SafeWriter:
    """A CSV writer whose text cells cannot run as spreadsheet formulas (a template's step name
    beginning with = would)."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row) -> None:
        self.writer.writerow([spreadsheet_cell(cell) if isinstance(cell, str) else cell for cell in row])


def _delimiter(lang: str) -> str:
    """``;`` where the decimal separator is a comma (a spreadsheet set to Indonesian), else ``,``."""
    return ";" if i18n.separators(lang)[0] == "," else ","


def bill_csv(bill: Bill, lang: str = "id") -> str:
    """CSV for a spreadsheet set to Indonesian: ``;`` separated, decimal comma, UTF-8 with BOM.

    Every row has a ``row`` column: ``line`` for a priced line, ``step_total`` and ``total``
    for totals, so a spreadsheet filter or SUMIF on ``line`` rows gives the totals back.  The last
    column, ``package``, names each line's work package (structure, enclosure, finishing: what a
    BSPS tranche or a month of the plan buys); a ``package_total`` row per package (its id in
    ``code``) gives its lines and its share of the step's overhead, as the plan prices it.
    """
    def num(value: float) -> str:
        text = repr(round(value, 6))
        return text.replace(".", i18n.separators(lang)[0])

    buffer = io.StringIO()
    writer = _SafeWriter(csv.writer(buffer, delimiter=_delimiter(lang), lineterminator="\r\n"))
    writer.writerow(["row", "step", "step_name", "group", "code", "description", "unit", "quantity",
                     "unit_price_idr", "amount_idr", "package"])
    for step in bill.steps:
        package_of = {id(line): package.kind for package in step.packages for line in package.lines}
        for line in step.lines:
            writer.writerow(["line", step.step, step.name(lang), line.group, line.code, line.description(lang),
                             line.unit, num(line.quantity), round(line.unit_price), line.amount,
                             package_of.get(id(line), "")])
        extra = overhead_line(bill, step, lang)
        if extra:
            writer.writerow(["line", step.step, step.name(lang), "overhead", "overhead", extra["description"],
                             "ls", num(bill.overhead_rate), step.subtotal, step.overhead, ""])
        for package in step.packages:
            # (Its id in the code column: a SUMIF on the package column adds up lines only.)
            writer.writerow(["package_total", step.step, step.name(lang), "", package.kind, package.name(lang), "",
                             "", "", package.total, ""])
        writer.writerow(["step_total", step.step, step.name(lang), "", "",
                         t("Total for step {step}", lang, step=step.step), "", "", "", step.total, ""])
    writer.writerow(["total", "", "", "", "", t("TOTAL, ALL STEPS", lang), "", "", "", bill.total, ""])
    return "\ufeff" + buffer.getvalue()


def materials_csv(bill: Bill, resources: Resources, lang: str = "id") -> str:
    """The shopping list and labour days as CSV for a spreadsheet set to Indonesian (``;``,
    decimal comma, UTF-8 with BOM; ``,`` and decimal point for ``en``).

    A ``row`` column says what each row is: ``material`` (what to buy: the purchase units as
    ``count unit`` joined by ``+``, their price each, and the cost), ``materials_total`` per step
    and ``total``, whose costs are the sums of the ``material`` rows above them, and ``labour``
    (person-days of a role and trade, not priced here: the bill prices labour)."""
    def num(value: float) -> str:
        text = repr(round(value, 6))
        return text.replace(".", i18n.separators(lang)[0])

    buffer = io.StringIO()
    writer = _SafeWriter(csv.writer(buffer, delimiter=_delimiter(lang), lineterminator="\r\n"))
    writer.writerow(["row", "step", "step_name", "code", "name", "needed", "unit", "waste", "buy",
                     "price_each_idr", "cost_idr", "indicative"])
    total = 0
    for step in bill.steps:
        purchases = shopping_list(step, resources, bill.price_list)
        for p in purchases:
            writer.writerow(["material", step.step, step.name(lang), p.code, p.name(lang), num(p.needed), p.unit,
                             num(p.waste), i18n.purchase_text(p.parts, lang),
                             " / ".join(str(round(price)) for price in p.part_prices) or round(p.unit_price), p.cost,
                             "yes" if p.indicative else "no"])
        cost = sum(p.cost for p in purchases)
        total += cost
        writer.writerow(["materials_total", step.step, step.name(lang), "", t("Total materials", lang), "", "", "",
                         "", "", cost, ""])
        for d in labour_days(step, resources):
            # The trade too: six rows of "Tukang" are told apart by it, as in the table.
            trade = f" ({TRADE_NAMES[d.trade](lang)})" if d.trade else ""
            writer.writerow(["labour", step.step, step.name(lang), d.code, d.name(lang) + trade, num(d.days), "OH",
                             "", "", "", "", ""])
    writer.writerow(["total", "", "", "", t("Total materials", lang), "", "", "", "", "", total, ""])
    return "\ufeff" + buffer.getvalue()
