"""A Plan as JSON data or as a text table a technician can read out to the family."""

from __future__ import annotations

from .. import i18n
from ..plan.planner import Plan, Schedule

RULE_NAMES = {
    "area": ("luas lantai per orang", "floor area per person"),
    "toilet": ("kakus (KM/WC)", "toilet"),
    "kitchen": ("dapur", "kitchen"),
    "bedrooms": ("jumlah kamar tidur", "number of bedrooms"),
    "light": ("pencahayaan (jendela)", "daylight (windows)"),
    "air": ("ventilasi", "ventilation"),
}

WORDS = {
    "title": ("Rencana pembangunan bertahap", "Staged build plan"),
    "persons": ("orang", "persons"),
    "budget": ("Dana rumah per bulan", "Money for the house each month"),
    "of_income": ("dari penghasilan", "of income"),
    "savings": ("tabungan", "savings"),
    "grants": ("Bantuan", "Grants"),
    "in_month": ("bulan ke-", "month "),
    "loan": ("Pinjaman", "Loan"),
    "no_loan": ("tidak diambil", "not taken"),
    "offers": ("ditawarkan", "offered"),
    "month": ("Bulan", "Month"),
    "step": ("Tahap", "Step"),
    "cost": ("Biaya", "Cost"),
    "cash_before": ("Kas sebelum", "Cash before"),
    "cash_after": ("Kas sesudah", "Cash after"),
    "lived_in": ("Dihuni mulai", "Lived in from"),
    "area": ("Luas", "Area"),
    "livable": ("Layak huni", "Livable"),
    "yes": ("ya", "yes"),
    "no": ("belum", "not yet"),
    "livable_from": ("Rumah layak huni mulai bulan ke-{m}", "The house is livable from month {m}"),
    "never": ("Rumah belum layak huni dalam {h} bulan", "The house is not livable within {h} months"),
    "naive": ("tanpa perencanaan (urut tahap, tanpa pinjaman)", "without planning (steps in order, no loan)"),
    "missing": ("Belum terpenuhi", "Not yet met"),
    "unbuilt": ("Tahap yang belum dibangun dalam {h} bulan", "Steps not built within {h} months"),
    "objective": ("Nilai rencana", "Plan value"),
    "instalment": ("cicilan {amount} per bulan, bulan ke-{first} s.d. {last}",
                   "instalments of {amount} a month, months {first} to {last}"),
    "taken": ("diambil bulan ke-{m}", "taken in month {m}"),
    "infeasible": ("Tahap pertama tidak terbiayai dalam {h} bulan. Kurang {total}; "
                   "atau tambah sekitar {monthly} per bulan.",
                   "The first step cannot be paid for within {h} months. {total} is missing; "
                   "or about {monthly} more each month."),
    "notes": ("Catatan", "Notes"),
    "source": ("Harga", "Prices"),
    "before": ("Sebelum bulan ke-{m} belum terpenuhi", "Before month {m}, not met"),
    "loan_too_big": ("pinjaman {name}: cicilan {instalment} lebih besar dari dana rumah per bulan {budget}, "
                     "tidak dipakai",
                     "loan {name}: instalment {instalment} is more than the monthly money for the house {budget}; "
                     "not considered"),
    "grant_materials": ("{name}: {materials} untuk bahan, tetapi tahap yang dibangun sejak bulan ke-{month} hanya "
                        "membeli bahan senilai {bought}",
                        "{name}: {materials} is for materials, but the steps built from month {month} buy only "
                        "{bought} of materials"),
    "durations": ("Lama tiap tahap (bulan, {t} tukang + {l} pekerja)",
                  "Months per step ({t} tradesmen + {l} labourers)"),
}


def w(key: str, lang: str) -> str:
    return i18n.pick(WORDS, key, lang)


def _schedule_json(schedule: Schedule) -> dict:
    return {
        "schedule": [{"step": s.step, "month": s.month, "cost_idr": s.cost, "cash_before_idr": s.cash_before,
                      "cash_after_idr": s.cash_after, "finish_month": s.finish_month,
                      "total_floor_area_m2": s.total_floor_area, "livable": s.livable, "failing": list(s.failing)}
                     for s in schedule.steps],
        "loan": None if schedule.loan is None else {
            "name": schedule.loan.offer.name, "amount_idr": schedule.loan.offer.amount,
            "annual_rate": schedule.loan.offer.annual_rate, "tenor_months": schedule.loan.offer.tenor,
            "month": schedule.loan.month, "instalment_idr": schedule.loan.offer.instalment,
            "first_instalment_month": schedule.loan.first_instalment,
            "last_instalment_month": schedule.loan.last_instalment},
        "livable_month": schedule.livable_month,
        "objective": schedule.objective,
        "unbuilt_steps": list(schedule.unbuilt),
    }


def plan_json(plan: Plan, lang: str = "id") -> dict:
    h, bill = plan.household, plan.bill
    data = {
        "household": {"name": h.name, "members": h.members, "region": h.region, "income_monthly_idr": h.income,
                      "housing_share": h.housing_share, "budget_monthly_idr": h.budget, "savings_idr": h.savings,
                      "grants": [{"name": g.name, "amount_idr": g.amount, "month": g.month,
                                  "materials_idr": g.materials} for g in h.grants],
                      "loans_offered": [{"name": o.name, "amount_idr": o.amount, "annual_rate": o.annual_rate,
                                         "tenor_months": o.tenor, "instalment_idr": o.instalment} for o in h.loans],
                      "labour": h.labour, "area_per_person_m2": h.area_per_person,
                      "bedrooms_needed": h.bedrooms_needed},
        "template": bill.design.template,
        "template_version": bill.design.template_version,
        "region": bill.price_list.region,
        "price_list": {"id": bill.price_list.id, "year": bill.price_list.year, "source": bill.price_list.source},
        "ahsp_edition": bill.edition.edition,
        "horizon_months": h.horizon,
        "inflation": h.inflation,
        "steps": [{"step": s.step, "name": s.name(lang), "cost_idr": s.total, "duration_months": d,
                   "value": spec.value, "requires": list(spec.requires),
                   "total_floor_area_m2": s.total_floor_area}
                  for s, d, spec in zip(bill.steps, plan.durations, bill.design.steps)],
        "total_idr": bill.total,
        "status": "ok" if plan.feasible else "infeasible",
    }
    data |= _schedule_json(plan.best)
    data["livability"] = {"failing_before": list(plan.start_check.failing)}
    data["naive"] = _schedule_json(plan.naive)
    data["shortfall"] = None if plan.shortfall is None else {
        "step": plan.shortfall.step, "total_idr": plan.shortfall.total, "per_month_idr": plan.shortfall.per_month}
    data["notes"] = [{"kind": kind, **figures} for kind, figures in plan.notes]
    return data


def rules_text(failing, lang: str) -> str:
    """The livability rules in ``failing``, named for people."""
    return ", ".join(RULE_NAMES[r][1 if lang == "en" else 0] for r in failing)


def plan_table(plan: Plan, lang: str = "id") -> str:
    h, bill = plan.household, plan.bill
    rp = lambda amount: i18n.rupiah(amount, lang)           # noqa: E731 - a short local alias reads best
    names = {s.step: s.name(lang) for s in bill.steps}
    out = [f"{w('title', lang)} - {h.name} ({h.members} {w('persons', lang)}), {bill.price_list.region_name}",
           f"{bill.design.name(lang)}; {w('source', lang)}: {bill.price_list.id}; AHSP {bill.edition.edition}",
           ""]
    share = f" ({h.housing_share * 100:g} % {w('of_income', lang)} {rp(h.income)})" if h.housing_monthly is None else ""
    out.append(f"{w('budget', lang)}: {rp(h.budget)}{share}; {w('savings', lang)} {rp(h.savings)}")
    if h.grants:
        out.append(f"{w('grants', lang)}: " + "; ".join(f"{g.name} {rp(g.amount)} {w('in_month', lang)}{g.month}"
                                                        for g in h.grants))
    loan = plan.best.loan
    if loan is not None:
        out.append(f"{w('loan', lang)}: {loan.offer.name} {rp(loan.offer.amount)}, {loan.offer.annual_rate * 100:g} %, "
                   f"{loan.offer.tenor} {'bulan' if lang != 'en' else 'months'}: "
                   + w("taken", lang).format(m=loan.month) + "; "
                   + w("instalment", lang).format(amount=rp(loan.offer.instalment), first=loan.first_instalment,
                                                   last=loan.last_instalment))
    elif h.loans:
        out.append(f"{w('loan', lang)}: {w('no_loan', lang)} ({w('offers', lang)}: "
                   + ", ".join(o.name for o in h.loans) + ")")
    out.append(w("durations", lang).format(t=h.crew.tradesmen, l=h.crew.labourers) + ": "
               + ", ".join(f"{s.step}: {d}" for s, d in zip(bill.steps, plan.durations)))
    out.append("")
    if not plan.feasible and plan.shortfall is not None:
        out.append(w("infeasible", lang).format(h=h.horizon, total=rp(plan.shortfall.total),
                                                 monthly=rp(plan.shortfall.per_month)))
    else:
        rows = [[w("month", lang), w("step", lang), w("cost", lang), w("cash_before", lang), w("cash_after", lang),
                 w("lived_in", lang), w("area", lang), w("livable", lang)]]
        for s in plan.best.steps:
            rows.append([str(s.month), f"{s.step} {names[s.step]}", rp(s.cost), rp(s.cash_before), rp(s.cash_after),
                         str(s.finish_month), f"{i18n.plain(s.total_floor_area, lang, 2)} m2",
                         w("yes" if s.livable else "no", lang)])
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            out.append("  ".join(c.rjust(wd) if i in (2, 3, 4) else c.ljust(wd)
                                 for i, (c, wd) in enumerate(zip(r, widths))).rstrip())
    out.append("")
    for label, schedule in (("", plan.best), (w("naive", lang), plan.naive)):
        if schedule.livable_month is not None:
            line = w("livable_from", lang).format(m=schedule.livable_month)
        else:
            line = w("never", lang).format(h=h.horizon)
        out.append(f"{line}{' - ' + label if label else ''}")
    if plan.best.livable_month is not None:
        if plan.start_check.failing:
            before = w("before", lang).format(m=plan.best.livable_month)
            out.append(f"{before}: {rules_text(plan.start_check.failing, lang)}")
    else:
        still = plan.best.steps[-1].failing if plan.best.steps else plan.start_check.failing
        out.append(f"{w('missing', lang)}: {rules_text(still, lang)}")
    if plan.best.unbuilt:
        out.append(w("unbuilt", lang).format(h=h.horizon) + ": " + ", ".join(map(str, plan.best.unbuilt)))
    out.append(f"{w('objective', lang)}: {i18n.number(plan.best.objective, lang, 0)} "
               f"({w('naive', lang)}: {i18n.number(plan.naive.objective, lang, 0)})")
    for kind, figures in plan.notes:
        shown = {k: rp(v) if isinstance(v, int) and k != "month" else v for k, v in figures.items()}
        out.append(f"{w('notes', lang)}: " + w(kind, lang).format(**shown))
    return "\n".join(out) + "\n"
