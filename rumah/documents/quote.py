"""The PDF quote handed to the family: plan, house, money, shopping list and sources, on A4.

Everything printed comes from one Plan (rumah.plan.planner) and the sheets of the same Design
the DXF draws; nothing is priced or measured twice.  This module gathers what a quote prints and
its words; :mod:`rumah.documents.quote_pdf` lays it out on A4 pages.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .. import i18n
from ..clock import today
from ..cost.ahsp import TRADE_NAMES
from ..cost.estimate import Catalog
from ..cost.materials import labour_days, shopping_list
from ..errors import DataError, RumahError
from ..i18n import N_, joined, month_names  # noqa: F401 - month_names: quote_pdf reads it from here
from ..plan.planner import Plan, last_month_of_work, month_one
from .clinic import Clinic
from .drawing import Sheet
from .plan_report import lower_first, plan_json

FONT, BOLD = "RumahSans", "RumahSans-Bold"

#: The months of the year, and a date as people write it: moved to rumah.i18n (the DXF title
#: block writes dates too), named here as before.
MONTHS = i18n.MONTHS
long_date = i18n.long_date
superscript_units = i18n.superscript_units

WORDS = {
    "title": N_("QUOTE AND PLAN FOR BUILDING YOUR HOUSE"),
    "number": N_("Number"),
    "date": N_("Date"),
    "valid": N_("Valid until"),
    "technician": N_("Technical facilitator"),
    "family": N_("1. The family"),
    "name": N_("Name"),
    "members": N_("Household members"),
    "district": N_("District"),
    "income": N_("Income per month"),
    "budget": N_("For the house each month"),
    "share": N_("{share} of income"),
    "fixed": N_("a fixed amount"),
    "savings": N_("Savings now"),
    "grants": N_("Grants"),
    "none": N_("none"),
    "grant_line": N_("{name}: {amount}, month {month}"),
    "in_kind": N_(" ({parts}; to be used by month {end})"),
    "in_kind_cash": N_(" ({parts}; what is not money to be used by month {end})"),
    "cash_grant": N_("{name} gives {amount} as money in {cal}: it goes in too."),
    "loans": N_("Loans possible"),
    "loan_offer": N_("{name}: {amount}, {rate} % a year, {tenor}, instalments of {instalment} a month"),
    "naive_compare": N_("Without planning (steps in order, no loan): {what}."),
    "naive_month": N_("livable in month {m}"),
    "naive_never": N_("not livable within {h}"),
    "cost_today": N_("All steps at the prices of {listed}: <b>{total}</b>."),
    "cost_planned": N_("With prices rising {r} % a year, the work this plan builds within {h} (of {steps}) comes to "
                       "about {total}."),
    "loan_taken": N_("Take the {name} loan of {amount} in month {m}; instalments of {instalment} a month, months "
                     "{first} to {last}."),
    "no_loan_needed": N_("The best plan takes no loan."),
    "loan_refused": N_("Loan not used ({name}): its instalment of {instalment} a month is more than the {budget} a "
                       "month for the house."),
    "loan_refused_lean": N_("Loan not used ({name}): its instalment of {instalment} a month is more than the {budget} "
                            "for the house in the leanest month."),
    "never_livable": N_("<b>{name} can never be livable for {n}</b>, even with every step built (not met: {rules})."),
    "alternatives": N_("House types that can: {list}."),
    "alternative": N_("{id} from step {step} ({area} m²)"),
    "never_livable_repair": N_("<b>This house can never be livable for {n}</b>, even with every repair done (not "
                               "met: {rules})."),
    "needs_rooms": N_("It needs more rooms."),
    "advice": N_("What would help"),
    "cannot": N_("<b>With the money available, the first work cannot start within {h}.</b>"),
    "would_need": N_("To start the first work: {total} is missing (from a grant or savings, say), or about "
                     "{monthly} more each month for the house ({share} % of the income in all). The cheapest to "
                     "start with: step {step}, {name}."),
    "with_loan": N_("This already counts the {name} loan of {amount}."),
    "plan": N_("2. The plan, month by month"),
    "plan_notes": N_("2. Notes on the plan"),
    "grant_pays": N_("Grant pays"),
    "own": N_("Own money"),
    "month": N_("Month"),
    "step": N_("Step"),
    "cost": N_("Cost (Rp)"),
    "cash_after": N_("Money after"),
    "instalment": N_("Instalment"),
    "ready": N_("Done in month"),
    "area": N_("Area"),
    "livable": N_("Livable"),
    "yes": N_("yes"),
    "not_yet": N_("not yet"),
    "planned_total": N_("Total cost"),
    "month_one": N_("Month 1 = {cal}. Money after = what is left once this work is paid: savings + the monthly "
                    "money for the house + grants + loan, less instalments and the work so far. Costs include "
                    "price rises up to the month of building."),
    "unbuilt": N_("Not built within {h}: {steps}."),
    "unfinished": N_("{name}: the rest ({share} %) is not built within {h}."),
    "compare": N_("Compared with no planning"),
    "with_plan": N_("With this plan"),
    "naive": N_("Without planning"),
    "livable_row": N_("Livable from month"),
    "step_row": N_("Step {n} lived in from month"),
    "loan_row": N_("Loan"),
    "own_row": N_("Own money for the work"),
    "never": N_("-"),
    "chart_money": N_("Money available and money spent (million Rp)"),
    # A grant in kind is not in it: it pays the shop, not the family.
    "available": N_("money available (with cash grants and the loan, less instalments)"),
    "spent": N_("own money spent on building"),
    "first_cost": N_("cost of the first step"),
    "chart_area": N_("Floor area lived in (m²)"),
    "area_line": N_("floor area"),
    "needed_line": N_("livable area for {n}"),
    "house": N_("3. The house, step by step"),
    "house_improved": N_("3. The house: now and repaired"),
    "scale_improved": N_("Scale 1:{n} (on A4 paper), sizes in metres. Solid black: walls that stay; hatched: new "
                         "walls; black dashed: taken down; grey dashed: later steps."),
    "phase_before": N_("The house as it is"),
    "phase_repair": N_("Repaired"),
    "phase_added": N_("Rooms added"),
    "taken_down": N_("Taken down: the old walls ({a} m²)"),
    "cut_windows": N_("Cut for {n}"),
    "nothing_down": N_("Nothing is taken down."),
    "repairs_list": N_("Repairs (prices of {listed})"),
    "assessment": N_("The house as it is now"),
    "fixed_built": N_("put right since"),
    "no_work": N_("No work is needed: this house already meets every livable-house criterion."),
    "criterion": N_("Criterion"),
    "found": N_("Found"),
    "rule": N_("Rule"),
    "result": N_("Passes?"),
    "passes": N_("yes"),
    "fails": N_("NO"),
    "all_pass": N_("This house already meets every livable-house criterion."),
    "src_criteria": N_("Livable-house criteria and their sources: {list}."),
    "src_repairs": N_("Repairs are measured on the existing house and priced with the same AHSP and prices "
                      "(catalog/repairs.yaml)."),
    "section_scale": N_("Scale 1:{n} (on A4 paper), sizes in metres; ±0.00 = the ground. The whole house, cut along "
                        "the line A-A on the plans."),
    "scale": N_("Scale 1:{n} (on A4 paper), sizes in metres. From step 2, hatched: the walls the step builds; "
                "solid: those standing. Grey dashed lines: later steps."),
    "rooms": N_("Rooms"),
    "house_area": N_("Floor area after this step: {a} m² ({p} m² a person; livable needs {n} m²)"),
    "step_cost_today": N_("This step at the prices of {listed}: {c}"),
    "money": N_("4. Cost per step and kind of work (prices of {listed})"),
    "work": N_("Work"),
    "total": N_("Total"),
    "grand_total": N_("TOTAL, ALL STEPS"),
    "shopping": N_("5. Shopping list and working days (prices of {listed})"),
    "shopping_note": N_("Quantities to buy include waste and are rounded up to shop units, so shopping can come to "
                        "a little more than the materials in the cost table."),
    "star_indicative": N_("* indicative price (no published source): check it at a local shop."),
    "all_indicative": N_("Every price here is indicative (no published source): check them at a local shop."),
    "material": N_("Material"),
    "buy": N_("Buy"),
    "price_each": N_("Price each"),
    "shop_total": N_("Shopping total, step {n}"),
    "labour": N_("Working days, step {n} (person-days): {days}. With {t} and {l} about {m}."),
    "sources": N_("6. Assumptions and sources"),
    "src_template": N_("House design: {name} ({id} version {v}): {values}."),
    "src_prices": N_("Prices: list {id}, {region} {year}. The prices used come from {origins}. {n} of {m} prices "
                     "are indicative (no published source) and should be checked at a local shop."),
    "src_origin": N_("list {id} ({region} {year}, source: “{source}”): {n}"),
    "src_origin_bare": N_("list {id}: {n}"),
    "src_origin_own": N_(", {k} of them the list's own estimates, not from that source"),
    "src_ahsp": N_("Unit-price analysis (AHSP): {edition} - {title}."),
    "src_labour": N_("Labour: {note}."),
    "src_wages": N_("Wages a day in the price list {id}: {wages}."),
    "src_inflation": N_("Building prices rise {r} % a year (within the 1.2 to 6.9 % a year of the BPS wholesale price "
                        "index, construction, in 2022-2024); plan of {h}."),
    "src_inflation_set": N_("Building prices rise {r} % a year (as the household's file sets); plan of {h}."),
    "src_livable": N_("Livable: at least {a} m² a person, a toilet, a kitchen, {b}, enough windows and "
                      "ventilation (PUPR livable-house criteria)."),
    "src_excluded": N_("Not included: land, permits (PBG), PLN/PDAM connection fees, furniture."),
    "src_rounding": N_("Each line is worked out from the full quantity and unit price, then rounded to the rupiah "
                       "(quantities and unit prices are printed rounded, so multiplying them may differ slightly); "
                       "each total = the sum of the lines above it."),
    "src_validity": N_("Prices hold until {date}; after that, recalculate with the newest price list."),
    "signatures": N_("7. Signatures"),
    "sign_family": N_("For the family"),
    "sign_technician": N_("Technical facilitator"),
    "appendix": N_("8. The full bill of quantities"),
    "no": N_("No"),
    "description": N_("Work item"),
    "volume": N_("Quantity"),
    "unit": N_("Unit"),
    "unit_price": N_("Unit price"),
    "amount": N_("Amount"),
    "subtotal": N_("Subtotal {g}"),
    "step_total": N_("Total, step {n}"),
    "estimated": N_("† AHSP coefficients estimated, not published (the AHSP edition file says how each was "
                    "composed). No AHSP number: work the edition has no number for, composed from published items."),
    "page": N_("Page {n}"),
    "footer": N_("{clinic} - quote {number}"),
    "overhead": N_("Overhead and profit"),
    # the first page
    "page_title": N_("The house plan of {name}"),
    "page_house": N_("{house}, {district}"),
    "lived_in": N_("The rooms of step {step} are built already: the family can live in them now."),
    "move_in": N_("Move into your own house: <b>{cal}</b> (month {m}), when the walls and roof of step {step} are "
                  "done."),
    "livable_for": N_("Livable for {n}: <b>{cal}</b> (month {m})."),
    "livable_improved": N_("The house meets every livable-house rule: <b>{cal}</b> (month {m})."),
    "not_livable_by": N_("By {cal} ({h}) the house is not yet livable. Not met: {rules}."),
    "put_aside": N_("Put aside each month for the house: <b>{amount}</b>, from {cal}{how}."),
    "put_aside_share": N_(" ({share} of the income of {income})"),
    "seasons": N_("In {months}: {amount}."),
    "savings_used": N_("The savings of today, {amount}, go in too."),
    "grants_pay_all": N_("Grants pay for all the work of this plan: it needs none of the family's own money."),
    "savings_kept": N_("The savings of today, {amount}, stay the family's."),
    "instalments_inside": N_("The loan's instalments are paid from this money."),
    "loan_take": N_("Loan: take the {name} loan of {amount} in <b>{cal}</b>; instalments of {instalment} a month, "
                    "{first} to {last}."),
    "loan_none": N_("Loan: none needed."),
    "loan_cost": N_("In all, its {n} come to {repaid}: {interest} more than the loan, its interest."),
    "sooner": N_("This plan is {n} sooner than building step after step without a loan."),
    "reprint": N_("This plan starts in {start} (month 1) and is printed on {date}: the months before {now} are "
                  "past. Work built since {start} is not counted here: ask the clinic to plan again from it."),
    "sooner_only": N_("Building step after step without a loan, the house would not be livable within {h}."),
    "when_what": N_("When to build what"),
    "when_what_repairs": N_("When to repair what"),
    "col_start": N_("Start"),
    "col_work": N_("Work"),
    "col_done": N_("Done"),
    "col_cost": N_("Cost"),
    "col_grant": N_("From the grant"),
    "col_own": N_("Your own money"),
    "work_of_step": N_("{package}<br/><font size=7>step {step}: {step_name}</font>"),
    "livable_mark": N_("From {cal}: the house is livable"),
    "costs_rise": N_("Costs include prices rising {r} % a year from those of {listed} until the month the work "
                     "starts."),
    "grant_head": N_("{name}: {materials} of materials and {labour} of wages"),
    "grant_head_materials": N_("{name}: {materials} of materials"),
    "grant_head_wages": N_("{name}: {labour} of wages"),
    "grant_pays_for": N_("Pays materials and wages for: {works}."),
    "grant_pays_materials_for": N_("Pays materials for: {works}."),
    "grant_pays_wages_for": N_("Pays wages for: {works}."),
    "grant_same_swadaya": N_("Your own money for the work in that time: as for {name} above."),
    "grant_swadaya": N_("Your own money for the work in the grant's time (swadaya): {list}; all before the grant's "
                        "time ends ({cal})."),
    "grant_no_swadaya": N_("That work needs none of your own money."),
    "swadaya_item": N_("{amount} in {cal}"),
    "grant_lost_short": N_("{amount} of the grant is not used by {cal} and is lost; to use it all, have about "
                           "{needed} of your own money in that time."),
    "grant_keep": N_("To use all of the grant, the family needs at least about {needed} of its own money in that "
                     "time; with less, part of the grant is lost."),
    "grant_keep_more": N_("To use all of the grant, the family needs at least about {needed} of its own money in "
                          "that time; with less, part of the grant is lost. The plan puts in more, for the other "
                          "work it builds then."),
    "grant_lost_together": N_("{amount} of the grant is not used by {cal} and is lost; to use {names} all, have "
                              "about {needed} of your own money in that time, for them together."),
    "grant_keep_together": N_("To use all of {names}, the family needs at least about {needed} of its own money "
                              "in that time, for them together; with less, part of the grants is lost."),
    "grant_lost_sooner": N_("{amount} of the grant is not used by {cal} and is lost: your money would pay your share "
                            "of the work it buys, but the plan spends it on the work that lets you move in sooner."),
    "grant_small_short": N_("{amount} of the grant is not used by {cal} and is lost: too little is left to start "
                            "any work."),
    "grant_spare_short": N_("{amount} of the grant is not used by {cal} and is lost: the work does not need that "
                            "much."),
    "grant_time_short": N_("{amount} of the grant is not used by {cal} and is lost: the builders are busy with the "
                           "work it pays for until {busy}, too late to start more work in its time."),
    "shop_first": N_("First shopping: {work} ({cal})"),
    "first_shop_total": N_("The materials for this work come to about {total} at the shop at the prices of "
                           "{listed} ({n}; the {shown} dearest above; the appendix lists what each whole step needs)."),
    "first_shop_total_only": N_("The materials for this work come to about {total} at the shop at the prices of "
                                "{listed} ({n}; the appendix lists what each whole step needs)."),
    "shop_more": N_("That is {more} more than the materials the plan counts for this work ({materials}): the shop "
                    "sells whole sacks, cubic metres and bars, and what is left over serves the next work. Have the "
                    "difference at hand on the shopping day, or buy those units when the next work needs them."),
    "built_line": N_("Built already: {work}, worth {cost} at the prices of {listed}; it is not planned or bought "
                     "again."),
    "cost_built": N_("Of the whole house, {built} is built already."),
    "without_built": N_("(without what is built already: {work})"),
    "cost_line": N_("The whole house at the prices of {listed}: {today}. What this plan builds, with prices rising: "
                    "{planned}."),
    "details": N_("Details for the technician, the builder and the shop are in the appendix, from page 2. Prices "
                  "hold until {date}."),
    "all_indicative_first": N_("Every price used here is indicative (no published source for the district): the "
                               "amounts are estimates; check the prices at a local shop before buying."),
    "appendix_head": N_("Appendix: the plan in detail"),
}


def w(key: str, lang: str) -> str:
    return WORDS[key](lang)


#: Counted words, in the form their number takes (``1 month``, ``2 months``; ``1 bulan``).
COUNTED = {
    "month": lambda n, lang: i18n.nt("{n} month", "{n} months", n, lang),
    "person": lambda n, lang: i18n.nt("{n} person", "{n} persons", n, lang),
    "adult": lambda n, lang: i18n.nt("{n} adult", "{n} adults", n, lang),
    "child": lambda n, lang: i18n.nt("{n} child", "{n} children", n, lang),
    "tradesman": lambda n, lang: i18n.nt("{n} tradesman", "{n} tradesmen", n, lang),
    "labourer": lambda n, lang: i18n.nt("{n} labourer", "{n} labourers", n, lang),
    "kind": lambda n, lang: i18n.nt("{n} kind", "{n} kinds", n, lang),
    "price": lambda n, lang: i18n.nt("{n} price", "{n} prices", n, lang),
    "new_window": lambda n, lang: i18n.nt("{n} new window", "{n} new windows", n, lang),
    "bedroom": lambda n, lang: i18n.nt("{n} bedroom", "{n} bedrooms", n, lang),
    "instalment": lambda n, lang: i18n.nt("{n} instalment", "{n} instalments", n, lang),
}


def counted(key: str, n: int, lang: str) -> str:
    """``1 month``, ``2 months`` (Indonesian has one form: ``1 bulan``, ``2 bulan``)."""
    return COUNTED[key](n, lang)


def steps_text(steps, lang: str) -> str:
    """``tahap 1, 2 dan 3``; ``step 1``, ``steps 1 and 2``."""
    numbers = [str(n) for n in steps]
    return i18n.nt("step {list}", "steps {list}", len(numbers), lang, list=joined(numbers, lang))


def calendar(date: datetime.date, month: int, lang: str, short: bool = False) -> str:
    """Plan month ``month`` (1 = the month of ``date``) as a calendar month: ``Mei 2031``
    (``Agu 2031`` when ``short``)."""
    index = date.month - 1 + month - 1
    name = MONTHS[index % 12](lang)
    return f"{name[:3] if short else name} {date.year + index // 12}"


def quote_number(plan: Plan, clinic: Clinic, date: datetime.date, lang: str = "id") -> str:
    """The same inputs give the same number: a digest of everything the plan computed, the clinic
    and the date (which fixes the calendar months and the validity), and the language of a quote
    not in Indonesian (another document: an English copy kept under the Indonesian one's number
    replaced it in the register's folder)."""
    # The clinic's details, not where its file lies: the same clinic gives the same number anywhere.
    details = {k: v for k, v in clinic.__dict__.items() if k != "file"}
    inputs = [plan_json(plan, "id"), details, date.isoformat()] + ([lang] if lang != "id" else [])
    data = json.dumps(inputs, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()[:8].upper()
    return f"RS-{plan.bill.price_list.region.upper()}-{digest}"


@dataclass(frozen=True)
class Quote:
    """What one quote prints, before any layout."""

    plan: Plan
    catalog: Catalog
    sheets: tuple[Sheet, ...]
    clinic: Clinic
    date: datetime.date
    lang: str
    #: The section through the house, drawn for the quote's page.
    section: Sheet | None = None

    @property
    def month_one(self) -> datetime.date:
        """The month the plan's month 1 is (not always the quote's: see :func:`month_one`)."""
        return month_one(self.plan.household, self.date)

    @property
    def number(self) -> str:
        return quote_number(self.plan, self.clinic, self.date, self.lang)

    @property
    def valid_until(self) -> datetime.date:
        return self.date + datetime.timedelta(days=self.clinic.validity_days)


def make_quote(household: str | Path, clinic: str | Path | None = None, lang: str = "id",
               date: datetime.date | None = None, horizon: int | None = None, advice: bool = False,
               plan: Plan | None = None) -> Quote:
    """Plan the household's house and gather everything its quote prints.

    advice : also work out what would help a family whose house is late (*saran*: a few more
        plans, a second or two), for its first page.
    plan : this household's plan from month 1 = ``date``, when the caller has made it already
        (the consultation, which has worked out what would help too).
    """
    from ..cost.estimate import load_catalog
    from ..plan.advice import advise
    from ..plan.household import load_household
    from ..plan.planner import plan_household
    from .clinic import load_clinic
    from .sheets import design_section, design_sheets, improvement_section, improvement_sheets
    family = load_household(household, horizon)
    clinic_data = load_clinic(clinic)
    catalog = load_catalog(family.ahsp)
    date = date or today()
    if plan is not None and plan.household == family:
        advice = False                         # already worked out, or not needed
    else:
        # Month 1 of the plan is the quote's month: a seasonal income follows the quote's calendar.
        plan = plan_household(family, catalog, start=date)
    if advice:
        from ..plan.advice import advise
        plan = advise(plan, catalog)
    try:
        date + datetime.timedelta(days=clinic_data.validity_days + 31 * (family.horizon + 1))
    except OverflowError:
        raise DataError(i18n.tr("--date {date}: too far in the future for a {months} plan", date=date.isoformat(),
                                months=i18n.ntr("{n}-month", "{n}-month", family.horizon))) from None
    if plan.improvement is not None:
        sheets = fitted(lambda n: improvement_sheets(family, plan.improvement, lang, date, n, LETTERING, False),
                        *PLAN_BOX)
        section = fitted(lambda n: [improvement_section(family, plan.improvement, lang, date, n, LETTERING)],
                         *SECTION_BOX)[0]
    else:
        design = plan.bill.design
        sheets = fitted(lambda n: design_sheets(design, lang, date, family, n, LETTERING, False), *PLAN_BOX)
        section = fitted(lambda n: [design_section(design, lang, date, family, n, LETTERING)], *SECTION_BOX)[0]
    return Quote(plan, catalog, tuple(sheets), clinic_data, date, lang, section)


#: Room for a drawing on the quote's A4 page, beside its notes (a plan) or across it (the
#: section), and the cap height of its texts on paper. [mm]  The quote's plans leave out the door
#: and window tags: they are the builder's, on the DXF sheets.
PLAN_BOX, SECTION_BOX = (120.0, 180.0), (170.0, 120.0)
LETTERING = 1.8
#: Scales a builder's ruler knows, tried from the largest drawing down.
QUOTE_SCALES = (50, 75, 100, 125, 150, 200, 250)


def fitted(draw, width: float, height: float) -> list[Sheet]:
    """``draw(scale)`` at the largest of :data:`QUOTE_SCALES` at which all its sheets fit
    ``width`` x ``height`` millimetres (their texts are laid out for that scale)."""
    from .drawing import model_extents
    for scale in QUOTE_SCALES:
        sheets = draw(scale)
        if all((e[2] - e[0]) * 1000 / scale + 4 <= width and (e[3] - e[1]) * 1000 / scale + 4 <= height
               for e in map(model_extents, sheets)):
            return sheets
    return sheets


def step_materials(quote: Quote):
    """(step bill, purchases, labour days) per step still to build, for the shopping list: what
    the family built before the plan is not bought again (a step with nothing left is left out)."""
    plan = quote.plan
    resources, built = quote.catalog.resources, plan.household.built
    out = []
    for step in plan.bill.steps:
        if any((step.step, p.kind) in built for p in step.packages):
            left: dict = {}
            for package in step.packages:
                if (step.step, package.kind) not in built:
                    for key, amount in package.resources.items():
                        left[key] = left.get(key, 0.0) + amount
            if not left:
                continue
            step = replace(step, resources=left)
        out.append((step, shopping_list(step, resources, plan.bill.price_list), labour_days(step, resources)))
    return out


def trade_name(trade: str, lang: str) -> str:
    return TRADE_NAMES[trade](lang) if trade else ""


def rp(amount: int, lang: str) -> str:
    """``Rp 1.234.567`` that never breaks across lines."""
    return i18n.rupiah(amount, lang).replace(" ", "\u00a0")


# -- the first page: what the family reads alone ----------------------------------------------------

@dataclass(frozen=True)
class Work:
    """One row of "when to build what": a work package in plain words and its money. [IDR]"""

    month: int
    finish_month: int
    step: int
    package: str
    cost: int
    grant: int
    own: int
    #: The month the house becomes livable is this package's finish month.
    makes_livable: bool
    #: The share of the package this row builds, and whether it finishes the package (a grant's
    #: materials may build a part of it first, the family its rest later).
    share: float = 1.0
    complete: bool = True

    @property
    def last_month(self) -> int:
        """The last month of work on it (page 1's "done", as the appendix's)."""
        return last_month_of_work(self.month, self.finish_month)


@dataclass(frozen=True)
class GrantTerms:
    """A grant in kind as the family must know it: what it pays, for what, and the family's own
    money (swadaya) for that work, month by month, before the grant's period ends."""

    name: str
    month: int
    end_month: int
    #: The grant's materials part and its wages part (used or not). [IDR]
    materials: int
    labour: int
    #: (step, package) of the work the grant pays for.
    pays_for: tuple[tuple[int, str], ...]
    #: (month, amount) of the family's own money for the work started within the period. [IDR]
    swadaya: tuple[tuple[int, int], ...]
    lost: int
    #: Own money the work the grant buys for would need, to use the whole grant. [IDR]
    needed: int
    #: What it pays in the plan: materials, wages. [IDR]
    used_materials: int = 0
    used_labour: int = 0
    #: The other grants in kind of the same months: ``needed`` is what they need together.
    together: tuple[str, ...] = ()
    #: Why what is lost is lost (rumah.plan.planner.GrantUse.reason).
    reason: str = ""
    #: The last month of work on what it pays for ("time": the crew is busy until then).
    busy: int = 0


@dataclass(frozen=True)
class FamilyPage:
    """What the first page says, before any layout: computed from the plan alone."""

    status: str
    livable_month: int | None
    #: For a new house: the first month the family lives in rooms of its own (a step's walls and
    #: roof finished), which may come before the house is livable for all of them.
    move_in_month: int | None
    budget: int
    #: (calendar months 1-12, amount) for the months whose money differs from the usual month.
    seasons: tuple[tuple[tuple[int, ...], int], ...]
    savings: int
    works: tuple[Work, ...]
    grants: tuple[GrantTerms, ...]
    #: The first package's shopping: (step, package, month) and its purchases, dearest first.
    first_work: tuple[int, str, int] | None
    purchases: tuple
    #: How many materials the first package needs, and what they all cost at the shop. [IDR]
    purchase_kinds: int
    purchases_total: int
    total_today: int
    planned_total: int
    #: The bill's materials of that first work, at the same prices: what the plan pays for them. [IDR]
    first_materials: int = 0


#: Purchases shown on the first page (the dearest; the full list is in the appendix).
FIRST_PURCHASES = 8


def lived_in_month(plan: Plan, schedule, step: int) -> int | None:
    """The month a step's rooms are lived in: its packages needed to live are all finished (None
    when not within the horizon: work started in its last months may finish after it)."""
    if plan.improvement is not None and step == 1:
        return 1                        # the house the family improves: lived in all along
    bill_step = next(s for s in plan.bill.steps if s.step == step)
    needed = {p.kind for p in bill_step.packages if p.to_live}
    # What the family built before the plan stands from month 1 (a whole step of the naive plan
    # is what is left of it).
    done = {package: 1 for built, package, _ in plan.built if built == step}
    if needed and needed <= set(done):
        return 1
    done.update({s.package: s.finish_month for s in schedule.steps if s.step == step and s.complete})
    month = None
    if "" in done:
        month = done[""]
    elif needed and needed <= set(done):
        month = max(done[k] for k in needed)
    return month if month is not None and month <= plan.household.horizon else None


def season_amounts(household) -> tuple[tuple[tuple[int, ...], int], ...]:
    """(calendar months 1-12, amount) for the months whose housing money differs from the usual
    month's, the smallest amount first. [IDR]"""
    by_amount: dict[int, list[int]] = {}
    for calendar_month, share in enumerate(household.seasonal, 1):
        amount = int(household.budget * share + 0.5)
        if amount != household.budget:
            by_amount.setdefault(amount, []).append(calendar_month)
    return tuple((tuple(months), amount) for amount, months in sorted(by_amount.items()))


def family_page(quote: Quote) -> FamilyPage:
    """The first page's figures: when to build what, the money a month, the move, the grant's
    terms and the first shopping."""
    plan = quote.plan
    h, best = plan.household, plan.best
    # (The work that makes the house livable within the plan's months: none when it is done in the last.)
    livable = best.livable_month is not None
    works = tuple(Work(s.month, s.finish_month, s.step, s.package, s.cost, s.grant_materials + s.grant_labour,
                       s.own, livable and s.livable and not any(r.livable for r in best.steps[:k]), s.share,
                       s.complete)
                  for k, s in enumerate(best.steps))
    move_in = None
    if plan.improvement is None and best.steps:
        lived = [m for m in (lived_in_month(plan, best, s.step) for s in plan.bill.steps) if m is not None]
        move_in = min(lived, default=None)
    seasons = season_amounts(h)
    grants = []
    for g in plan.grants:
        within = [s for s in best.steps if g.month <= s.month <= g.end_month]
        grants.append(GrantTerms(g.name, g.month, g.end_month, g.used_materials + g.lost_materials,
                                 g.used_labour + g.lost_labour,
                                 tuple(dict.fromkeys((s.step, s.package) for s in within if g.grant in s.grants)),
                                 tuple((s.month, s.own) for s in within if s.own),
                                 g.lost_materials + g.lost_labour, g.needed, g.used_materials, g.used_labour,
                                 tuple(plan.household.grants[k].name for k in g.together), g.reason,
                                 g.busy_until - 1))
    first, purchases, kinds, bought, materials = None, (), 0, 0, 0
    if best.steps:
        s = best.steps[0]
        first = (s.step, s.package, s.month)
        bill_step = next(b for b in plan.bill.steps if b.step == s.step)
        package = next((p for p in bill_step.packages if p.kind == s.package), bill_step)
        if s.share < 1.0:
            # A part (what a grant's materials buy first): its share of the package's materials.
            package = replace(package, resources={k: v * s.share for k, v in package.resources.items()})
        listed = shopping_list(package, quote.catalog.resources, plan.bill.price_list, nearest=s.share < 1.0)
        bought, kinds = sum(item.cost for item in listed), len(listed)
        materials = round(package.materials * s.share)
        purchases = tuple(sorted(listed, key=lambda item: -item.cost)[:FIRST_PURCHASES])
    return FamilyPage(plan.status, best.livable_month, move_in, h.budget, seasons, h.savings, works,
                      tuple(grants), first, purchases, kinds, bought, plan.bill.total, sum(s.cost for s in best.steps),
                      materials)


# -- the sources, in words -----------------------------------------------------------------------

def _metres(value: float, lang: str) -> str:
    return f"{i18n.number(value, lang)} m"


def _cm(value: float, lang: str) -> str:
    return f"{i18n.plain(value * 100, lang, 1)} cm"


#: What :func:`design_words` says of a design: all of it unless told.
DESIGN_WORDS = frozenset({"wall", "roof", "floor", "ceiling", "wall_height", "sections"})


def design_words(design, lang: str, only: frozenset[str] = DESIGN_WORDS, kept_frame: str | None = None) -> str:
    """The choices of a design as people say them: ``dinding bata merah; atap rangka baja ringan +
    atap metal, kemiringan 30°; lantai keramik 30x30, 50 cm di atas tanah; tanpa plafon; ...``
    (never ``wall = red_brick``).  ``only``: the parts to say (:data:`DESIGN_WORDS`);
    ``kept_frame``: the roof frame a new covering is laid on, kept (the roof says its covering on it)."""
    t = i18n.t
    v, labels = design.values, design.choice_labels
    number = lambda key: float(v[key])                   # noqa: E731 - reads best inline
    parts = []
    if "wall" in labels and "wall" in only:
        parts.append(t("walls: {choice}", lang, choice=lower_first(labels["wall"](lang))))
    if "roof" in labels and "roof" in only and kept_frame is not None:
        from ..plan.assessment import WORDS as MATERIALS
        parts.append(t("{covering} on the {frame} kept", lang,
                       covering=i18n.pick(MATERIALS, str(design.choice_attrs["roof"]["cover"]), lang),
                       frame=i18n.pick(MATERIALS, kept_frame, lang)))
    elif "roof" in labels and "roof" in only:
        roof = t("roof: {choice}", lang, choice=lower_first(labels["roof"](lang)))
        if "roof_pitch" in v:
            roof += ", " + t("{degrees}° pitch", lang, degrees=i18n.plain(number("roof_pitch"), lang, 1))
        parts.append(roof)
    if "floor" in labels and "floor" in only:
        floor = t("floor: {choice}", lang, choice=lower_first(labels["floor"](lang)))
        if "plinth_height" in v:
            floor += ", " + t("{height} above the ground", lang, height=_cm(number("plinth_height"), lang))
        parts.append(floor)
    if "ceiling" in v and "ceiling" in only:
        parts.append(t("with a ceiling", lang) if v["ceiling"] else t("no ceiling", lang))
    if "wall_height" in v and "wall_height" in only:
        parts.append(t("walls {height} high (floor to ring beam)", lang, height=_metres(number("wall_height"), lang)))
    if "sections" not in only:
        return "; ".join(parts)
    sections = []
    if "foundation_depth" in v:
        sections.append(t("stone foundation {depth} deep", lang, depth=_cm(number("foundation_depth"), lang)))
    size = lambda a, b: f"{i18n.plain(number(a) * 100, lang, 1)} x {_cm(number(b), lang)}"   # noqa: E731
    if "sloof_width" in v and "sloof_depth" in v:
        sections.append(t("sloof {size}", lang, size=size("sloof_width", "sloof_depth")))
    if "column_size" in v:
        sections.append(t("practical columns {size}", lang, size=size("column_size", "column_size")))
    if "ring_beam_width" in v and "ring_beam_depth" in v:
        sections.append(t("ring beam {size}", lang, size=size("ring_beam_width", "ring_beam_depth")))
    if "column_spacing" in v:
        sections.append(t("columns at most {length} apart", lang, length=_metres(number("column_spacing"), lang)))
    if sections:
        parts.append(", ".join(sections))
    if "party_share" in v:
        from .bill_report import party_text
        parts.append(lower_first(party_text(design, lang)).removesuffix(" (party_share)"))
    return "; ".join(parts)


def _origin(prices, origin: str, resources):
    """The price list an entry was written in (a list's own entries, or one it extends)."""
    if origin == prices.id:
        return prices
    from ..cost.prices import load_price_list
    sibling = Path(prices.file).parent / f"{origin}.yaml" if prices.file else None
    try:
        return load_price_list(str(sibling) if sibling is not None and sibling.is_file() else origin, resources)
    except (RumahError, LookupError):
        return None


def price_list_fields(prices, resources) -> list[tuple[str, str, str]]:
    """What a quote priced with ``prices`` prints of it, as (file, field, text): its id, region and
    source, and those of every list up its chain of ``extends`` with the sources of their factors."""
    fields = []
    current = prices
    while current is not None:
        fields += [(current.file or current.id, key, getattr(current, key)) for key in ("id", "region_name", "source")]
        fields += [(current.file or current.id, "factor_source", link.source) for link in current.links[:1]]
        current = _origin(prices, current.extends, resources) if current.extends else None
    return fields


def price_origins(quote: Quote) -> list[tuple[str, str, int, str, int, int]]:
    """The lists the bill's prices were written in, with how many prices each gave and how many
    of those the list marks indicative itself (its own estimates, not from the source it names):
    (id, region, year, source as written, count, own estimates), most first."""
    bill = quote.plan.bill
    codes: dict[str, list[str]] = {}
    for code in bill.used:
        codes.setdefault(bill.price_list.price(code).origin, []).append(code)
    found = []
    for origin, written in sorted(codes.items(), key=lambda item: (-len(item[1]), item[0])):
        listed = _origin(bill.price_list, origin, quote.catalog.resources)
        if listed is None:
            found.append((origin, "", 0, "", len(written), 0))
        else:
            guessed = sum(1 for code in written if listed.price(code).indicative)
            found.append((listed.id, listed.region_name, listed.year, listed.source, len(written), guessed))
    return found


#: An AHSP item number as the edition prints it (``2.2.1.4.3``); other codes are the project's
#: own keys for items it composed (``setting_out``), which mean nothing to a reader.
_PUBLISHED = re.compile(r"\d+(?:\.\d+)+")


def published_code(code: str) -> str:
    """The edition's own item number, or ``""`` for an item the project composed."""
    return code if _PUBLISHED.fullmatch(code) else ""
