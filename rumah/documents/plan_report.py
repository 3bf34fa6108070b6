"""A Plan as JSON data or as a text table a technician can read out to the family."""

from __future__ import annotations

import math

from .. import i18n
from ..i18n import N_, nt, pt, t
from ..plan.planner import Plan, Schedule, month_one
from .assessment_report import assessment_json, criteria_text, never_repaired_text, still_failing_repaired
from .bill_report import package_json, step_json
from .notes import note_text
from .provenance import factor_text, price_list_json
from .texttable import WIDTH, fitted, table

RULE_NAMES = {
    "area": N_("floor area per person"),
    "toilet": N_("toilet"),
    "kitchen": N_("kitchen"),
    "bedrooms": N_("number of bedrooms"),
    "light": N_("daylight (windows)"),
    "air": N_("ventilation"),
}


def status_text(plan: Plan, lang: str) -> str:
    """The outcome of a plan (rumah.plan.planner.STATUSES), as people read it."""
    h = plan.household.horizon
    if plan.status == "livable" and plan.best.livable_month is not None:
        # "Livable within 120 months" alone reads as "in 120 months": the month first.
        return t("livable from month {month} (within {months})", lang, month=plan.best.livable_month,
                 months=nt("{n} month", "{n} months", h, lang))
    if plan.status == "livable":
        return nt("livable within {n} month", "livable within {n} months", h, lang)
    if plan.status == "not_livable_within_horizon":
        return nt("not livable within {n} month", "not livable within {n} months", h, lang)
    if plan.status == "never_livable" and plan.improvement is not None:
        return t("never livable, even with every repair", lang)
    if plan.status == "never_livable":
        return t("never livable in this house type", lang)
    return nt("cannot start building within {n} month", "cannot start building within {n} months", h, lang)


def loan_text(plan: Plan, lang: str) -> str:
    """The loan the plan takes (when, and its instalments), that it takes none of those offered,
    or "" when none was offered."""
    loan, rp = plan.best.loan, (lambda amount: i18n.rupiah(amount, lang))
    if loan is not None:
        return t("Loan: {name} {amount}, {rate} %, {tenor}: taken in month {month}; instalments of {instalment} "
                 "a month, months {first} to {last}", lang, name=loan.offer.name, amount=rp(loan.offer.amount),
                 rate=i18n.plain(loan.offer.annual_rate * 100, lang, 2),
                 tenor=nt("{n} month", "{n} months", loan.offer.tenor, lang), month=loan.month,
                 instalment=rp(loan.offer.instalment), first=loan.first_instalment, last=loan.last_instalment)
    if plan.household.loans:
        return t("Loan: not taken (offered: {offers})", lang, offers=", ".join(o.name for o in plan.household.loans))
    return ""


def package_name(plan: Plan, step: int, package: str, lang: str) -> str:
    """``Fondasi dan kolom`` for a package; the step's name for a whole step ("")."""
    bill_step = next(s for s in plan.bill.steps if s.step == step)
    if not package:
        return bill_step.name(lang)
    return next(p.name(lang) for p in bill_step.packages if p.kind == package)


def works_text(plan: Plan, works, lang: str) -> str:
    """Work packages (step, package) in words, step by step: "step 1 (Walls and roof, ready to
    live in; Plaster and paint), step 2 (...)" (the names hold commas of their own)."""
    return _by_step([(step, package_name(plan, step, package, lang)) for step, package in works], ", ", lang)


def _by_step(named: list[tuple[int, str]], between: str, lang: str) -> str:
    """Texts of work (step, text) gathered step by step: "step 1 (a; b)", the steps ``between``."""
    steps: dict[int, list[str]] = {}
    for step, text in named:
        steps.setdefault(step, []).append(text)
    return between.join(t("step {n} ({work})", lang, n=step, work="; ".join(texts)) for step, texts in steps.items())


def percent(share: float) -> int:
    """A share of a package in whole percent, never 0 or 100 for a part of it. [%]"""
    return min(99, max(1, round(share * 100))) if share < 1 else 100


def part_percents(plan: Plan, row) -> int:
    """The share of its package a part row builds, in whole percent, rounded so that the parts of
    one package add up to what the plan builds of it (41 + 42 + 17, not 41 + 41 + 17). [%]"""
    for schedule in (plan.best, plan.naive):
        parts = [r for r in schedule.steps if (r.step, r.package) == (row.step, row.package)]
        # (A row of the table or of the quote's first page: a package has one part a month.)
        if any(r.month == row.month and r.share == row.share for r in parts) and len(parts) > 1:
            exact = [r.share * 100 for r in parts]
            shown = [math.floor(x) for x in exact]
            # The largest remainders take the points the floors leave.
            for k in sorted(range(len(parts)), key=lambda k: shown[k] - exact[k])[:round(sum(exact)) - sum(shown)]:
                shown[k] += 1
            return min(99, max(1, shown[next(k for k, r in enumerate(parts) if r.month == row.month)]))
    return percent(row.share)


def row_name(plan: Plan, row, lang: str) -> str:
    """The work of a plan row: the package, or the part of it a grant's materials buy, or its rest."""
    name = package_name(plan, row.step, row.package, lang)
    if not row.complete and getattr(row, "by_money", False):
        # The materials released would buy more: the family's own money (wages, the rest) sets it.
        return t("{name} - part, as far as the family's money goes ({share} %)", lang, name=name,
                 share=part_percents(plan, row))
    if not row.complete:
        return t("{name} - part, as far as the grant's materials go ({share} %)", lang, name=name,
                 share=part_percents(plan, row))
    if row.share < 1:
        return t("{name} - the rest ({share} %)", lang, name=name, share=part_percents(plan, row))
    return name


def grant_parts_text(grant, lang: str) -> str:
    """A grant in kind's parts, those it has: "Rp 17.500.000 materials, Rp 2.500.000 wages"."""
    rp = lambda amount: i18n.rupiah(amount, lang)           # noqa: E731
    parts = [(grant.materials, t("{amount} materials", lang, amount=rp(grant.materials))),
             (grant.labour, t("{amount} wages", lang, amount=rp(grant.labour))),
             (grant.cash, t("{amount} money", lang, amount=rp(grant.cash)))]
    return ", ".join(text for amount, text in parts if amount)


def lower_first(label: str) -> str:
    """A label as it reads inside a sentence: its first letter small."""
    return label[:1].lower() + label[1:]


def shortfall_share(plan: Plan) -> int:
    """The share of its income a family that cannot start would put into its house each month,
    with the money missing each month added. [%]"""
    h = plan.household
    return round(100 * (h.budget + plan.shortfall.per_month) / h.income) if h.income else 0


def built_text(plan: Plan, lang: str) -> str:
    """The work the family built before the plan, in words, step by step: "step 1 (foundation and
    columns; walls and roof, ready to live in)" (the names hold commas of their own)."""
    named = [(step, lower_first(package_name(plan, step, kind, lang))) for step, kind, _ in plan.built]
    named += [(step, t("{name}, {share} % of it", lang, share=percent(share),
                       name=lower_first(package_name(plan, step, kind, lang))))
              for step, kind, share, _ in plan.built_in_part]
    return _by_step(named, "; ", lang)


def _schedule_json(schedule: Schedule) -> dict:
    return {
        "schedule": [{"step": s.step, "package": s.package, "month": s.month, "cost_idr": s.cost,
                      "own_idr": s.own, "grant_materials_idr": s.grant_materials, "grant_labour_idr": s.grant_labour,
                      "cash_before_idr": s.cash_before, "cash_after_idr": s.cash_after, "finish_month": s.finish_month,
                      "total_floor_area_m2": float(s.total_floor_area), "livable": s.livable,
                      "failing": list(s.failing), "share": s.share, "completes_package": s.complete}
                     for s in schedule.steps],
        "loan": None if schedule.loan is None else {
            "name": schedule.loan.offer.name, "amount_idr": schedule.loan.offer.amount,
            "annual_rate": schedule.loan.offer.annual_rate, "tenor_months": schedule.loan.offer.tenor,
            "month": schedule.loan.month, "instalment_idr": schedule.loan.offer.instalment,
            "first_instalment_month": schedule.loan.first_instalment,
            "last_instalment_month": schedule.loan.last_instalment},
        "livable_month": schedule.livable_month,
        "first_work_month": schedule.first_month,
        "objective": schedule.objective,
        "unbuilt": [{"step": step, "package": package} for step, package in schedule.unbuilt],
        "unfinished": None if schedule.unfinished is None else {
            "step": schedule.unfinished[0], "package": schedule.unfinished[1], "share_left": schedule.unfinished[2]},
    }


def saran_text(saran, lang: str, when=None, file: bool = False) -> str:
    """One *saran* entry in words, with the month it gives (and, given ``when``, a function from
    a plan month to its calendar month, that calendar month first).  ``file``: for a technician
    who makes the change in the household file (the plan's table and JSON), also what to remove
    from it."""
    rp = lambda amount: i18n.rupiah(amount, lang)           # noqa: E731 - a short local alias reads best
    f = saran.figures
    if saran.kind == "labour":
        what = t("labourers from the community, tradesmen paid", lang)
    elif saran.kind == "option":
        # "walls: concrete block", as the quote's design is described: "concrete block" alone
        # does not say what it replaces.
        choice = lower_first(f["label"](lang))
        label = {"wall": t("walls: {choice}", lang, choice=choice), "roof": t("roof: {choice}", lang, choice=choice),
                 "floor": t("floor: {choice}", lang, choice=choice)}.get(f["parameter"], f["label"](lang))
        what = t("{label} ({saving} cheaper)", lang, label=label, saving=rp(f["saving"]))
    elif saran.kind == "template":
        what = t("house type {id}: {name}", lang, id=f["template"], name=i18n.superscript_units(f["name"](lang)))
        if f.get("party_share") is not None:
            what += t(", its side walls shared with the neighbours (the family pays {share} % of them)", lang,
                      share=percent(f["party_share"]))
        if file and f.get("dropped"):
            what += t(", without the present choices {names} (remove them from the file)", lang,
                      names=", ".join(f["dropped"]))
    elif saran.kind == "loan":
        what = t("a {name} loan of {amount}, {rate} % a year, {tenor}, instalments of {instalment}", lang,
                 name=f["name"], amount=rp(f["amount"]), rate=i18n.plain(f["annual_rate"] * 100, lang, 2),
                 tenor=nt("{n} month", "{n} months", f["tenor"], lang), instalment=rp(f["instalment"]))
    else:
        # Its share of the income beside it: the technician sees at once whether the family could.
        if f.get("seasonal"):
            what = t("{amount} for the house in a usual month ({more} more, {share} % of the income; the "
                     "lean months at their share of it)", lang, amount=rp(f["amount"]), more=rp(f["more"]),
                     share=round(f["income_share"] * 100))
        else:
            what = t("{amount} a month for the house ({more} more, {share} % of the income)", lang,
                     amount=rp(f["amount"]), more=rp(f["more"]), share=round(f["income_share"] * 100))
    if f.get("grant_kept"):
        # (What a change keeps of a grant that would be lost: wages the family need not pay, money
        # in the grant's months.)
        what += t(", keeping {amount} more of the grant", lang, amount=rp(f["grant_kept"]))
    elif f.get("grant_lost_more"):
        what += t(", losing {amount} more of the grant", lang, amount=rp(f["grant_lost_more"]))
    if saran.livable_month is None:
        return what + ": " + t("not livable within the plan's months either", lang)
    if when is not None:
        return what + ": " + t("livable in {when} (month {m})", lang, when=when(saran.livable_month),
                               m=saran.livable_month)
    return what + ": " + t("livable in month {m}", lang, m=saran.livable_month)


def _saran_json(saran, lang: str) -> dict:
    figures = {k: (v(lang) if callable(v) else v) for k, v in saran.figures.items()}
    return {"kind": saran.kind, "changes": dict(saran.changes), "figures": figures,
            "livable_month": saran.livable_month, "text": saran_text(saran, lang, file=True)}


def _plot_json(h) -> dict | None:
    """The household's plot as its file gives it (null when it says nothing of one): its size, and
    whether and how it floods."""
    if h.plot is None and not h.flood_risk:
        return None
    flood = None if h.flood is None else {"last_height_m": h.flood.last_height,
                                          "subsidence_cm_per_year": round(h.flood.subsidence * 100, 6),
                                          "margin_m": h.flood.margin}
    return {"width_m": h.plot[0] if h.plot else None, "depth_m": h.plot[1] if h.plot else None,
            "flood_risk": h.flood_risk, "flood": flood}


def plan_json(plan: Plan, lang: str = "id") -> dict:
    h, bill = plan.household, plan.bill
    data = {
        "household": {"name": h.name, "members": h.members, "region": h.region, "income_monthly_idr": h.income,
                      "housing_share": h.housing_share, "budget_monthly_idr": h.budget, "savings_idr": h.savings,
                      "seasonal": list(h.seasonal) or None,
                      "grants": [{"name": g.name, "kind": g.kind, "amount_idr": g.amount, "month": g.month,
                                  "materials_idr": g.materials, "labour_idr": g.labour, "cash_idr": g.cash,
                                  "tranches": list(g.tranches), "period_months": g.period} for g in h.grants],
                      "loans_offered": [{"name": o.name, "amount_idr": o.amount, "annual_rate": o.annual_rate,
                                         "tenor_months": o.tenor, "instalment_idr": o.instalment} for o in h.loans],
                      "built": [{"step": step, "package": kind, "share": 1.0, "cost_idr": cost}
                                for step, kind, cost in plan.built]
                      + [{"step": step, "package": kind, "share": share, "cost_idr": cost}
                         for step, kind, share, cost in plan.built_in_part],
                      "labour": h.labour, "area_per_person_m2": h.area_per_person,
                      "bedrooms_needed": h.bedrooms_needed, "plot": _plot_json(h)},
        "template": bill.design.template,
        "template_version": bill.design.template_version,
        "region": bill.price_list.region,
        "price_list": price_list_json(bill.price_list, lang),
        "ahsp_edition": bill.edition.edition,
        "horizon_months": h.horizon,
        "inflation": h.inflation,
        # Each step as the estimate prints it (DESIGN.md section 4), with what the plan reads of it.
        "steps": [step_json(bill, s, lang) | {
            "cost_idr": s.total, "duration_months": sum(plan.durations.get(p.key, 0) for p in s.packages),
            "value": spec.value, "requires": list(spec.requires),
            "packages": [package_json(p, lang) | {"duration_months": plan.durations.get(p.key)} for p in s.packages]}
            for s, spec in zip(bill.steps, bill.design.steps)],
        "total_idr": bill.total,
        # The bill's prices hold in this month; risen with the inflation from it to plan month 1
        # (as the schedule's costs are), the whole house costs total_at_month_one_idr.
        "prices_month": "{:04d}-{:02d}".format(*plan.prices_month),
        # The calendar month of plan month 1: every month of the plan counts from it (the batch's month_one).
        "month_one": month_one(h, plan.start).strftime("%Y-%m"),
        "total_at_month_one_idr": plan.total_at_start,
        "status": plan.status,
        "status_text": status_text(plan, lang),
    }
    data |= _schedule_json(plan.best)
    data["livability"] = {"failing_before": list(failing_at_start(plan))}
    if plan.improvement is not None:
        data["assessment"] = assessment_json(plan.improvement.assessment, lang)
    data["naive"] = _schedule_json(plan.naive)
    data["shortfall"] = None if plan.shortfall is None else {
        "step": plan.shortfall.step, "package": plan.shortfall.package, "total_idr": plan.shortfall.total,
        "per_month_idr": plan.shortfall.per_month}
    data["grant_use"] = [{"name": g.name, "month": g.month, "end_month": g.end_month,
                          "used_materials_idr": g.used_materials, "used_labour_idr": g.used_labour,
                          "lost_materials_idr": g.lost_materials, "lost_labour_idr": g.lost_labour,
                          "swadaya_idr": g.swadaya, "swadaya_needed_idr": g.needed,
                          "swadaya_needed_first_tranche_idr": g.needed_first, "cash_in_grant_month_idr": g.cash,
                          "lost_because": g.reason or None,
                          # The grants of the same months, whose swadaya needed is worked out together.
                          "swadaya_needed_with": [plan.household.grants[k].name for k in g.together]}
                         for g in plan.grants]
    data["alternatives"] = [{"template": a.template, "step": a.step, "total_floor_area_m2": a.floor_area}
                            for a in plan.alternatives]
    data["advice"] = [_saran_json(s, lang) for s in plan.advice]
    data["notes"] = [{"kind": kind, "text": note_text(kind, figures, lang), **figures} for kind, figures in plan.notes]
    return data


def rules_text(failing, lang: str, improvement: bool = False) -> str:
    """The livability rules in ``failing``, named for people; for a house the family lives in
    (``improvement``), the criteria of its assessment."""
    if improvement:
        return criteria_text(failing, lang)
    return ", ".join(RULE_NAMES[r](lang) for r in failing)


def failing_at_start(plan: Plan) -> tuple[str, ...]:
    """What fails before any work: the new house's rules, or the surveyed house's criteria less
    those that the repairs the family has built since (``built``) put right."""
    if plan.improvement is not None:
        if not plan.household.built:
            return plan.improvement.assessment.failing
        from ..plan.planner import Priced, still_failing
        priced = Priced(plan.bill, plan.durations, plan.improvement)
        return still_failing(priced, plan.household, set(plan.household.built))
    return plan.start_check.failing


def grant_lines(plan: Plan, lang: str) -> list[str]:
    """What each grant in kind pays, what is lost and the family's own share, in words."""
    rp = lambda amount: i18n.rupiah(amount, lang)           # noqa: E731
    out = []
    for g in plan.grants:
        # The parts the grant has (a grant of wages alone uses no "Rp 0 of materials").
        used = [t("{amount} of materials", lang, amount=rp(g.used_materials))] \
            if g.used_materials or g.lost_materials else []
        used += [t("{amount} of wages", lang, amount=rp(g.used_labour))] if g.used_labour or g.lost_labour else []
        out.append(t("{name}: {used} used by month {end}; the family's own money (swadaya) for the work in that "
                     "time {swadaya}", lang, name=g.name, used=t(" and ", lang).join(used), end=g.end_month,
                     swadaya=rp(g.swadaya)))
        lost = g.lost_materials + g.lost_labour
        if lost and g.reason == "spare":
            out.append(t("{name}: {amount} is not used by month {end} and is lost: the work left does not need that "
                         "much material and labour.", lang, name=g.name, amount=rp(lost), end=g.end_month))
        elif lost and g.reason == "time":
            # Its last month of work, as the table and the quote's "finished" column count it.
            out.append(t("{name}: {amount} is not used by month {end} and is lost: the work with the grant keeps "
                         "the crew busy through month {busy}, too late to start the next work within the grant's "
                         "period.", lang, name=g.name, amount=rp(lost), end=g.end_month, busy=g.busy_until - 1))
        elif lost and g.reason == "small":
            out.append(t("{name}: {amount} is not used by month {end} and is lost: too little is left to start any "
                         "work (a part buys at least a fiftieth of its package).", lang, name=g.name,
                         amount=rp(lost), end=g.end_month))
        elif lost and g.reason == "sooner":
            out.append(t("{name}: {amount} is not used by month {end} and is lost: the family's money would cover its "
                         "share, but the plan spends it on work that makes the house livable sooner (or on more of "
                         "the house).", lang, name=g.name, amount=rp(lost), end=g.end_month))
        elif lost and not g.lost_materials:
            # A wages part lost: what the family lacks is the materials the wages would lay.
            out.append(t("{name}: {amount} is not used by month {end} and is lost: the family's money does not cover "
                         "the materials and other costs of the work the rest of the grant's wages would pay.", lang,
                         name=g.name, amount=rp(lost), end=g.end_month))
        elif lost:
            out.append(t("{name}: {amount} is not used by month {end} and is lost: the family's money does not cover "
                         "the wages and other costs of the work the rest of the grant would buy.", lang,
                         name=g.name, amount=rp(lost), end=g.end_month))
        if g.reason in ("spare", "time"):
            pass                    # the grant cannot be used whole: no swadaya uses it whole
        elif g.needed and g.together:
            # The grants of the same months need the family's money together: said once, with the first.
            group = [u for u in plan.grants if u.grant in g.together or u is g]
            if g is group[0]:
                first = t(", {first} of it in month {month} to start with the first tranche", lang,
                          first=rp(g.needed_first), month=min(u.month for u in group)) \
                    if 0 < g.needed_first < g.needed else ""
                out.append(t("{names}: the swadaya to use these grants whole, together, is about {needed} (wages, "
                             "materials and other costs beyond the grants, months {month} to {end}){first}; the "
                             "family has {cash} in month {month}.", lang, names=" + ".join(u.name for u in group),
                             needed=rp(g.needed), first=first, month=min(u.month for u in group),
                             end=max(u.end_month for u in group), cash=rp(min(group, key=lambda u: u.month).cash)))
        elif g.needed:
            # (Said only when the first tranche's work needs less: a grant of one tranche, or of
            # wages alone, needs it all to start.)
            first = t(", {first} of it in month {month} to start with the first tranche", lang,
                      first=rp(g.needed_first), month=g.month) if 0 < g.needed_first < g.needed else ""
            out.append(t("{name}: the swadaya to use the whole grant is about {needed} (wages, materials and other "
                         "costs beyond the grant, months {month} to {end}){first}; the family has {cash} in month "
                         "{month}.", lang, name=g.name, needed=rp(g.needed), first=first, month=g.month,
                         end=g.end_month, cash=rp(g.cash)))
    return out


def prices_month_text(plan: Plan, lang: str) -> str:
    """The month the plan's bill's prices hold, as people read it: ``Juli 2024``."""
    return i18n.month_year(*plan.prices_month, lang)


def _heading(plan: Plan, lang: str) -> list[str]:
    """Who, where, the money for the house, grants, loan and the outcome."""
    h, bill = plan.household, plan.bill
    rp = lambda amount: i18n.rupiah(amount, lang)           # noqa: E731
    out = [t("Staged build plan", lang) + f" - {h.name} ("
           + nt("{n} person", "{n} persons", h.members, lang) + f"), {bill.price_list.region_name}",
           i18n.superscript_units(bill.design.name(lang)) + "; " + t("Prices: {id}", lang, id=bill.price_list.id)
           + f"; AHSP {bill.edition.edition}",
           t("Costs: the prices of {listed}, rising {r} % a year to the month each work starts", lang,
             listed=prices_month_text(plan, lang), r=i18n.plain(h.inflation * 100, lang, 2)),
           *([factor_text(bill.price_list, lang)] if bill.price_list.links else []),
           ""]
    budget = t("Money for the house each month: {amount}", lang, amount=rp(h.budget))
    if h.housing_monthly is None:
        budget += " (" + t("{share} % of income {income}", lang, share=i18n.plain(h.housing_share * 100, lang, 2),
                           income=rp(h.income)) + ")"
    out.append(budget + "; " + t("savings {amount}", lang, amount=rp(h.savings)))
    if h.seasonal:
        shares: dict[float, list[int]] = {}
        for month, share in enumerate(h.seasonal, 1):
            if share != 1:
                shares.setdefault(share, []).append(month)
        months = "; ".join(f"{i18n.month_names(tuple(found), lang)} {i18n.plain(share * 100, lang, 1)} %"
                           for share, found in sorted(shares.items()))
        out.append("  " + t("changes with the season, as a share of a usual month: {months}", lang, months=months))
    for g in h.grants:
        line = t("Grants: {name} {amount} in month {month}", lang, name=g.name, amount=rp(g.amount), month=g.month)
        if g.materials or g.labour:
            line += " (" + t("{parts}; to be used by month {end}", lang, parts=grant_parts_text(g, lang),
                             end=g.month + g.period - 1) + ")"
        out.append(line)
    loan = loan_text(plan, lang)
    if loan:
        out.append(loan)
    if plan.built or plan.built_in_part:
        out.append(t("Built already: {work}, worth {cost} at the prices of {listed}; not planned or bought again",
                     lang, work=built_text(plan, lang), cost=rp(plan.built_cost),
                     listed=prices_month_text(plan, lang)))
    out.append(t("Outcome: {status}", lang, status=status_text(plan, lang)))
    out.append("")
    return out


def plan_table(plan: Plan, lang: str = "id", width: int | None = WIDTH) -> str:
    """The plan as a technician reads it out: money, grants and loan, then each package's months
    and money, the livable month, what is missing and what would help; ``width`` columns wide
    (None: as wide as it needs)."""
    h = plan.household
    rp = lambda amount: i18n.rupiah(amount, lang)           # noqa: E731 - a short local alias reads best
    out = _heading(plan, lang)
    if plan.status == "never_livable" and plan.improvement is not None:
        # Its repairs are planned all the same: the table below.
        out += [never_repaired_text(h.members, never_met(plan), lang), ""]
    elif plan.status == "never_livable":
        out += never_livable_lines(plan, lang)
        # When each of those house types would be livable for the family, planned with its money.
        return fitted(out + _advice_lines(plan, lang), width)
    if plan.status == "cannot_start" and plan.shortfall is not None:
        # With the share of the income it would take in all: the technician sees at once whether it could.
        out.append(nt("The first work cannot be paid for within {n} month. {total} is missing; or about {monthly} "
                      "more each month ({share} % of the income for the house in all).",
                      "The first work cannot be paid for within {n} months. {total} is missing; or about {monthly} "
                      "more each month ({share} % of the income for the house in all).", h.horizon, lang,
                      total=rp(plan.shortfall.total), monthly=rp(plan.shortfall.per_month),
                      share=shortfall_share(plan)))
    elif not plan.best.steps and plan.status == "livable":
        out.append(t("No work is needed: this house already meets every livable-house criterion.", lang))
    else:
        amount = lambda value: i18n.rupiah(value, lang, False)      # noqa: E731 - the headers say Rp
        rows = [[t("Months", lang), t("Step", lang), pt("plan column", "Work", lang), t("Cost (Rp)", lang),
                 t("Grant pays", lang), t("Own money", lang), t("Cash after", lang), t("Area lived in", lang),
                 t("Livable", lang)]]
        for s in plan.best.steps:
            grant = s.grant_materials + s.grant_labour
            rows.append([f"{s.month}-{s.last_month}" if s.last_month != s.month else str(s.month), str(s.step),
                         row_name(plan, s, lang), amount(s.cost), amount(grant) if grant else "-",
                         amount(s.own) if s.own else "-", amount(s.cash_after),
                         f"{i18n.plain(s.total_floor_area, lang, 2)} m²",
                         t("yes", lang) if s.livable else t("not yet", lang)])
        out.extend(table(rows, "lllrrrrll", wrap=(2,), width=width))
    out.append("")
    # (A house never livable says so above: its repairs' months make it no more livable.)
    for naive, schedule in () if plan.status == "never_livable" else ((False, plan.best), (True, plan.naive)):
        if schedule.livable_month is not None:
            line = t("The house is livable from month {m}", lang, m=schedule.livable_month)
        else:
            line = nt("The house is not livable within {n} month", "The house is not livable within {n} months",
                      h.horizon, lang)
        if naive:
            line += " - " + t("without planning (whole steps in order, no loan)", lang)
        out.append(line)
    improvement = plan.improvement is not None
    if plan.best.livable_month is not None:
        if failing_at_start(plan):
            out.append(t("Before month {m}, not met: {rules}", lang, m=plan.best.livable_month,
                         rules=rules_text(failing_at_start(plan), lang, improvement)))
    else:
        still = plan.best.steps[-1].failing if plan.best.steps else failing_at_start(plan)
        if still:
            out.append(t("Not yet met: {rules}", lang, rules=rules_text(still, lang, improvement)))
        else:
            # The last work ends with the plan's last month: livable the month after, past the plan.
            out.append(t("The last work is done in month {m}: the house is livable from month {next}, after the "
                         "plan's months", lang, m=plan.best.steps[-1].last_month,
                         next=plan.best.steps[-1].finish_month))
    if plan.best.unbuilt:
        out.append(nt("Not built within {n} month: {work}", "Not built within {n} months: {work}", h.horizon, lang,
                      work=works_text(plan, plan.best.unbuilt, lang)))
    if plan.best.unfinished is not None:
        step, package, left = plan.best.unfinished
        name = works_text(plan, [(step, package)], lang)
        out.append(nt("{name}: the rest ({share} %) is not built within {n} month",
                      "{name}: the rest ({share} %) is not built within {n} months", h.horizon, lang,
                      name=name, share=percent(left)))
    for line in grant_lines(plan, lang):
        out.append(t("Notes: {note}", lang, note=line))
    for kind, figures in plan.notes:
        out.append(t("Notes: {note}", lang, note=note_text(kind, figures, lang)))
    out += _advice_lines(plan, lang)
    return fitted(out, width)


def _advice_lines(plan: Plan, lang: str) -> list[str]:
    if not plan.advice:
        return []
    return ["", t("What would help", lang) + ":"] + [f"  - {saran_text(s, lang, file=True)}" for s in plan.advice]


def never_met(plan: Plan) -> tuple[str, ...]:
    """What a house that is never livable still fails with all its work done: the rules with every
    step of the template built, or, for a house the family lives in, the criteria with every
    repair made (see :func:`rules_text`)."""
    from ..plan.livability import check
    h = plan.household
    if plan.improvement is not None:
        return still_failing_repaired(h, plan.improvement)
    every_step = tuple(s.number for s in plan.bill.design.steps)
    return check(plan.bill.design, every_step, h.members, h.area_per_person, h.bedrooms_needed).failing


def never_livable_lines(plan: Plan, lang: str) -> list[str]:
    """Why a house type can never house the family, and the bundled types that can (from which
    step), or that none can."""
    h = plan.household
    lines = [nt("{name} can never be livable for {n} person, even with every step built ({rules}).",
                "{name} can never be livable for {n} persons, even with every step built ({rules}).",
                h.members, lang, name=i18n.superscript_units(plan.bill.design.name(lang)),
                rules=rules_text(never_met(plan), lang))]
    if plan.alternatives:
        types = [t("{id} from step {step} ({area} m²)", lang, id=a.template, step=a.step,
                   area=i18n.plain(a.floor_area, lang, 2)) for a in plan.alternatives]
        lines.append(t("House types that can: {list}", lang, list="; ".join(types)))
    else:
        lines.append(no_alternative_text(plan, lang))
    return lines


def no_alternative_text(plan: Plan, lang: str) -> str:
    """Why no bundled house type is offered instead: none is large enough (that fits the plot)."""
    if plan.household.plot is None:
        return t("No bundled house type is large enough; the house needs its own design.", lang)
    width, depth = plan.household.plot
    return t("No bundled house type that fits the plot of {width} x {depth} m is large enough; the house needs "
             "its own design.", lang, width=i18n.number(width, lang, 2), depth=i18n.number(depth, lang, 2))
