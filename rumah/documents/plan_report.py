"""A Plan as JSON data or as a text table a technician can read out to the family."""

from __future__ import annotations

from .. import i18n
from ..plan.assessment import rules as criteria_rules
from ..plan.planner import Plan, Priced, Schedule, still_failing
from .assessment_report import assessment_json

RULE_NAMES = {
    "area": ("luas lantai per orang", "floor area per person"),
    "toilet": ("kakus (KM/WC)", "toilet"),
    "kitchen": ("dapur", "kitchen"),
    "bedrooms": ("jumlah kamar tidur", "number of bedrooms"),
    "light": ("pencahayaan (jendela)", "daylight (windows)"),
    "air": ("ventilasi", "ventilation"),
}

#: The four outcomes of a plan, as people read them (rumah.plan.planner.STATUSES).
STATUS_WORDS = {
    "livable": ("layak huni dalam {h} bulan", "livable within {h} months"),
    "not_livable_within_horizon": ("belum layak huni dalam {h} bulan", "not livable within {h} months"),
    "never_livable": ("tidak bisa layak huni dengan tipe rumah ini", "never livable in this house type"),
    "cannot_start": ("belum bisa mulai membangun dalam {h} bulan", "cannot start building within {h} months"),
}

WORDS = {
    "title": ("Rencana pembangunan bertahap", "Staged build plan"),
    "persons": ("orang", "persons"),
    "budget": ("Dana rumah per bulan", "Money for the house each month"),
    "of_income": ("dari penghasilan", "of income"),
    "seasonal": ("berubah menurut musim: {months}", "changes with the season: {months}"),
    "savings": ("tabungan", "savings"),
    "grants": ("Bantuan", "Grants"),
    "in_month": ("bulan ke-", "month "),
    "in_kind": ("{m} bahan, {l} upah{cash}; dipakai sampai bulan ke-{end}",
                "{m} materials, {l} wages{cash}; to be used by month {end}"),
    "in_cash": (", {c} uang", ", {c} money"),
    "loan": ("Pinjaman", "Loan"),
    "no_loan": ("tidak diambil", "not taken"),
    "offers": ("ditawarkan", "offered"),
    "month": ("Bulan", "Month"),
    "step": ("Tahap", "Step"),
    "package": ("Pekerjaan", "Work"),
    "cost": ("Biaya", "Cost"),
    "grant_pays": ("Dari bantuan", "Grant pays"),
    "own": ("Uang sendiri", "Own money"),
    "cash_before": ("Kas sebelum", "Cash before"),
    "cash_after": ("Kas sesudah", "Cash after"),
    "lived_in": ("Selesai bulan", "Done in month"),
    "area": ("Luas dihuni", "Area lived in"),
    "livable": ("Layak huni", "Livable"),
    "yes": ("ya", "yes"),
    "no": ("belum", "not yet"),
    "status": ("Hasil", "Outcome"),
    "livable_from": ("Rumah layak huni mulai bulan ke-{m}", "The house is livable from month {m}"),
    "never": ("Rumah belum layak huni dalam {h} bulan", "The house is not livable within {h} months"),
    "never_template": ("{name} tidak bisa layak huni untuk {n} orang, walaupun semua tahap dibangun ({rules}).",
                       "{name} can never be livable for {n} persons, even with every step built ({rules})."),
    "alternatives": ("Tipe rumah yang bisa: {list}", "House types that can: {list}"),
    "alternative": ("{id} mulai tahap {step} ({area} m²)", "{id} from step {step} ({area} m²)"),
    "no_alternative": ("Tidak ada tipe rumah bawaan yang cukup; perlu desain sendiri.",
                       "No bundled house type is large enough; the house needs its own design."),
    "naive": ("tanpa perencanaan (tahap utuh berurutan, tanpa pinjaman)",
              "without planning (whole steps in order, no loan)"),
    "missing": ("Belum terpenuhi", "Not yet met"),
    "unbuilt": ("Belum dibangun dalam {h} bulan", "Not built within {h} months"),
    "instalment": ("cicilan {amount} per bulan, bulan ke-{first} s.d. {last}",
                   "instalments of {amount} a month, months {first} to {last}"),
    "taken": ("diambil bulan ke-{m}", "taken in month {m}"),
    "months_word": ("bulan", "months"),
    "infeasible": ("Pekerjaan pertama tidak terbiayai dalam {h} bulan. Kurang {total}; "
                   "atau tambah sekitar {monthly} per bulan.",
                   "The first work cannot be paid for within {h} months. {total} is missing; "
                   "or about {monthly} more each month."),
    "notes": ("Catatan", "Notes"),
    "source": ("Harga", "Prices"),
    "before": ("Sebelum bulan ke-{m} belum terpenuhi", "Before month {m}, not met"),
    "loan_too_big": ("pinjaman {name}: cicilan {instalment} lebih besar dari dana rumah {budget} di bulan tersempit; "
                     "tidak dipakai",
                     "loan {name}: instalment {instalment} is more than the {budget} for the house in the leanest "
                     "month; not considered"),
    "grant_used": ("{name}: bahan {materials} dan upah {labour} terpakai sampai bulan ke-{end}; uang sendiri "
                   "(swadaya) untuk pekerjaan dalam masa itu {swadaya}",
                   "{name}: {materials} of materials and {labour} of wages used by month {end}; the family's own "
                   "money (swadaya) for the work in that time {swadaya}"),
    "grant_lost": ("{name}: {amount} tidak terpakai sampai bulan ke-{end} dan hangus: uang keluarga tidak cukup "
                   "untuk upah dan biaya lain pekerjaan yang dibeli dengan sisa bantuan itu.",
                   "{name}: {amount} is not used by month {end} and is lost: the family's money does not cover the "
                   "wages and other costs of the work the rest of the grant would buy."),
    "grant_late": ("{name}: {amount} tidak terpakai sampai bulan ke-{end} dan hangus: pekerjaan dengan bantuan baru "
                   "selesai bulan ke-{busy}, tidak ada waktu lagi untuk memulai pekerjaan berikutnya dalam masa "
                   "bantuan.",
                   "{name}: {amount} is not used by month {end} and is lost: the work with the grant is done only "
                   "in month {busy}, too late to start the next work within the grant's period."),
    "grant_needed": ("{name}: swadaya untuk memakai seluruh bantuan sekitar {needed} (upah, bahan dan biaya lain di "
                     "luar bantuan, bulan ke-{month} s.d. {end}){first}; keluarga punya {cash} pada bulan ke-{month}.",
                     "{name}: the swadaya to use the whole grant is about {needed} (wages, materials and other costs "
                     "beyond the grant, months {month} to {end}){first}; the family has {cash} in month {month}."),
    "grant_needed_first": (", {first} di antaranya pada bulan ke-{month} untuk mulai dengan tahap bantuan pertama",
                           ", {first} of it in month {month} to start with the first tranche"),
    "part": ("{name} - sebagian, sejauh bahan bantuan ({share} %)",
             "{name} - part, as far as the grant's materials go ({share} %)"),
    "rest": ("{name} - sisanya ({share} %)", "{name} - the rest ({share} %)"),
    "unfinished": ("{name}: sisanya ({share} %) belum dibangun dalam {h} bulan",
                   "{name}: the rest ({share} %) is not built within {h} months"),
    "durations": ("Lama tiap pekerjaan (bulan, {t} tukang + {l} pekerja)",
                  "Months per package ({t} tradesmen + {l} labourers)"),
    "advice": ("Yang bisa membantu (saran)", "What would help"),
    "saran_labour": ("pekerja dari gotong royong, tukang tetap dibayar",
                     "labourers from the community, tradesmen paid"),
    "saran_option": ("{label} (lebih murah {saving})", "{label} ({saving} cheaper)"),
    "saran_template": ("tipe rumah {id}: {name}", "house type {id}: {name}"),
    "saran_loan": ("pinjaman {name} {amount}, {rate} % per tahun, {tenor} bulan, cicilan {instalment}",
                   "a {name} loan of {amount}, {rate} % a year, {tenor} months, instalments of {instalment}"),
    "saran_monthly": ("dana rumah {amount} per bulan ({more} lebih)", "{amount} a month for the house ({more} more)"),
    "saran_month": ("layak huni bulan ke-{m}", "livable in month {m}"),
    "no_work": ("Tidak ada pekerjaan yang perlu: rumah ini sudah memenuhi semua kriteria layak huni.",
                "No work is needed: this house already meets every livable-house criterion."),
    "never_improved": ("Rumah ini tidak bisa layak huni untuk {n} orang, walaupun semua perbaikan dikerjakan "
                       "({rules}). Ruang yang akan ditambah perlu digambar di data rumah (ruang dengan new: true).",
                       "This house can never be livable for {n} persons, even with every repair done ({rules}). "
                       "The rooms to add must be drawn in the house data (rooms with new: true)."),
    "raising_headroom": ("lantai naik {lifted} m dalam rencana ini; tinggi ruang tinggal {left} m, kurang dari "
                         "{least} m: dinding dan atap perlu ditinggikan juga (belum dihitung)",
                         "the floor rises {lifted} m in this plan; the rooms are left {left} m high, less than "
                         "{least} m: walls and roof must be raised too (not priced)"),
    "raising_late": ("peninggian lantai {height} m seharusnya bulan ke-{due}, baru terbiayai bulan ke-{month}",
                     "the {height} m floor raising is due in month {due} but can only be paid in month {month}"),
    "raising_unpaid": ("peninggian lantai {height} m (perlu sebelum bulan ke-{due}) tidak terbiayai dalam rencana ini",
                       "the {height} m floor raising (due before month {due}) cannot be paid within this plan"),
    "grant_spare": ("{name}: {amount} tidak terpakai sampai bulan ke-{end} dan hangus: pekerjaan yang tersisa tidak "
                    "memerlukan bahan dan upah sebanyak itu.",
                    "{name}: {amount} is not used by month {end} and is lost: the work left does not need that "
                    "much material and labour."),
}


def w(key: str, lang: str) -> str:
    return i18n.pick(WORDS, key, lang)


def status_text(plan: Plan, lang: str) -> str:
    return i18n.pick(STATUS_WORDS, plan.status, lang).format(h=plan.household.horizon)


def package_name(plan: Plan, step: int, package: str, lang: str) -> str:
    """``Fondasi dan kolom`` for a package; the step's name for a whole step ("")."""
    bill_step = next(s for s in plan.bill.steps if s.step == step)
    if not package:
        return bill_step.name(lang)
    return next(p.name(lang) for p in bill_step.packages if p.kind == package)


def percent(share: float) -> int:
    """A share of a package in whole percent, never 0 or 100 for a part of it. [%]"""
    return min(99, max(1, round(share * 100))) if share < 1 else 100


def row_name(plan: Plan, row, lang: str) -> str:
    """The work of a plan row: the package, or the part of it a grant's materials buy, or its rest."""
    name = package_name(plan, row.step, row.package, lang)
    if not row.complete:
        return w("part", lang).format(name=name, share=percent(row.share))
    if row.share < 1:
        return w("rest", lang).format(name=name, share=percent(row.share))
    return name


def _schedule_json(schedule: Schedule) -> dict:
    return {
        "schedule": [{"step": s.step, "package": s.package, "month": s.month, "cost_idr": s.cost,
                      "own_idr": s.own, "grant_materials_idr": s.grant_materials, "grant_labour_idr": s.grant_labour,
                      "cash_before_idr": s.cash_before, "cash_after_idr": s.cash_after, "finish_month": s.finish_month,
                      "total_floor_area_m2": s.total_floor_area, "livable": s.livable, "failing": list(s.failing),
                      "share": s.share, "completes_package": s.complete}
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


def saran_text(saran, lang: str) -> str:
    """One *saran* entry in words, with the month it gives."""
    rp = lambda amount: i18n.rupiah(amount, lang)           # noqa: E731 - a short local alias reads best
    f = saran.figures
    if saran.kind == "labour":
        what = w("saran_labour", lang)
    elif saran.kind == "option":
        what = w("saran_option", lang).format(label=f["label"](lang), saving=rp(f["saving"]))
    elif saran.kind == "template":
        what = w("saran_template", lang).format(id=f["template"], name=f["name"](lang))
    elif saran.kind == "loan":
        what = w("saran_loan", lang).format(name=f["name"], amount=rp(f["amount"]),
                                            rate=i18n.plain(f["annual_rate"] * 100, lang, 2), tenor=f["tenor"],
                                            instalment=rp(f["instalment"]))
    else:
        what = w("saran_monthly", lang).format(amount=rp(f["amount"]), more=rp(f["more"]))
    return f"{what}: {w('saran_month', lang).format(m=saran.livable_month)}"


def _saran_json(saran, lang: str) -> dict:
    figures = {k: (v(lang) if callable(v) else v) for k, v in saran.figures.items()}
    return {"kind": saran.kind, "changes": dict(saran.changes), "figures": figures,
            "livable_month": saran.livable_month, "text": saran_text(saran, lang)}


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
                      "labour": h.labour, "area_per_person_m2": h.area_per_person,
                      "bedrooms_needed": h.bedrooms_needed},
        "template": bill.design.template,
        "template_version": bill.design.template_version,
        "region": bill.price_list.region,
        "price_list": {"id": bill.price_list.id, "year": bill.price_list.year, "source": bill.price_list.source},
        "ahsp_edition": bill.edition.edition,
        "horizon_months": h.horizon,
        "inflation": h.inflation,
        "steps": [{"step": s.step, "name": s.name(lang), "cost_idr": s.total,
                   "duration_months": sum(plan.durations.get(p.key, 0) for p in s.packages),
                   "value": spec.value, "requires": list(spec.requires), "total_floor_area_m2": s.total_floor_area,
                   "packages": [{"package": p.kind, "name": p.name(lang), "cost_idr": p.total,
                                 "materials_idr": p.materials, "labour_idr": p.labour, "other_idr": p.other,
                                 "duration_months": plan.durations.get(p.key),
                                 "requires": [{"step": r[0], "package": r[1]} for r in p.requires]}
                                for p in s.packages]}
                  for s, spec in zip(bill.steps, bill.design.steps)],
        "total_idr": bill.total,
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
                          "lost_because": g.reason or None}
                         for g in plan.grants]
    data["alternatives"] = [{"template": a.template, "step": a.step, "total_floor_area_m2": a.floor_area}
                            for a in plan.alternatives]
    data["advice"] = [_saran_json(s, lang) for s in plan.advice]
    data["notes"] = [{"kind": kind, **figures} for kind, figures in plan.notes]
    return data


def rules_text(failing, lang: str, improvement: bool = False) -> str:
    """The livability rules in ``failing``, named for people; for a house the family lives in
    (``improvement``), the criteria of its assessment."""
    if improvement:
        criteria = criteria_rules()
        return ", ".join(criteria[r].name(lang).lower() for r in failing)
    return ", ".join(RULE_NAMES[r][1 if lang == "en" else 0] for r in failing)


def failing_at_start(plan: Plan) -> tuple[str, ...]:
    """What fails before any work: the new house's rules, or the surveyed house's criteria."""
    if plan.improvement is not None:
        return plan.improvement.assessment.failing
    return plan.start_check.failing


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.rjust(wd) if i in right else c.ljust(wd) for i, (c, wd) in enumerate(zip(r, widths))).rstrip()
            for r in rows]


def grant_lines(plan: Plan, lang: str) -> list[str]:
    """What each grant in kind pays, what is lost and the family's own share, in words."""
    rp = lambda amount: i18n.rupiah(amount, lang)           # noqa: E731
    out = []
    for g in plan.grants:
        out.append(w("grant_used", lang).format(name=g.name, materials=rp(g.used_materials), labour=rp(g.used_labour),
                                                end=g.end_month, swadaya=rp(g.swadaya)))
        lost = g.lost_materials + g.lost_labour
        if lost:
            key = {"spare": "grant_spare", "time": "grant_late"}.get(g.reason, "grant_lost")
            out.append(w(key, lang).format(name=g.name, amount=rp(lost), end=g.end_month, busy=g.busy_until))
        if g.needed:
            first = w("grant_needed_first", lang).format(first=rp(g.needed_first), month=g.month) \
                if g.needed_first else ""
            out.append(w("grant_needed", lang).format(name=g.name, needed=rp(g.needed), first=first,
                                                      month=g.month, end=g.end_month, cash=rp(g.cash)))
    return out


def plan_table(plan: Plan, lang: str = "id") -> str:
    h, bill = plan.household, plan.bill
    rp = lambda amount: i18n.rupiah(amount, lang)           # noqa: E731 - a short local alias reads best
    out = [f"{w('title', lang)} - {h.name} ({h.members} {w('persons', lang)}), {bill.price_list.region_name}",
           f"{bill.design.name(lang)}; {w('source', lang)}: {bill.price_list.id}; AHSP {bill.edition.edition}",
           ""]
    share = f" ({h.housing_share * 100:g} % {w('of_income', lang)} {rp(h.income)})" if h.housing_monthly is None else ""
    out.append(f"{w('budget', lang)}: {rp(h.budget)}{share}; {w('savings', lang)} {rp(h.savings)}")
    if h.seasonal:
        out.append("  " + w("seasonal", lang).format(months=" ".join(i18n.plain(f, lang, 2) for f in h.seasonal)))
    for g in h.grants:
        line = f"{w('grants', lang)}: {g.name} {rp(g.amount)} {w('in_month', lang)}{g.month}"
        if g.materials or g.labour:
            cash = w("in_cash", lang).format(c=rp(g.cash)) if g.cash else ""
            parts = w("in_kind", lang).format(m=rp(g.materials), l=rp(g.labour), cash=cash, end=g.month + g.period - 1)
            line += f" ({parts})"
        out.append(line)
    loan = plan.best.loan
    if loan is not None:
        out.append(f"{w('loan', lang)}: {loan.offer.name} {rp(loan.offer.amount)}, {loan.offer.annual_rate * 100:g} %, "
                   f"{loan.offer.tenor} {w('months_word', lang)}: " + w("taken", lang).format(m=loan.month) + "; "
                   + w("instalment", lang).format(amount=rp(loan.offer.instalment), first=loan.first_instalment,
                                                   last=loan.last_instalment))
    elif h.loans:
        out.append(f"{w('loan', lang)}: {w('no_loan', lang)} ({w('offers', lang)}: "
                   + ", ".join(o.name for o in h.loans) + ")")
    out.append(f"{w('status', lang)}: {status_text(plan, lang)}")
    out.append("")
    if plan.status == "never_livable" and plan.improvement is not None:
        every = {p.key for s in bill.steps for p in s.packages}
        still = still_failing(Priced(bill, plan.durations, plan.improvement), h, every)
        out.append(w("never_improved", lang).format(n=h.members, rules=rules_text(still, lang, True)))
        return "\n".join(out) + "\n"
    if plan.status == "never_livable":
        check = plan_check_all(plan)
        out.append(w("never_template", lang).format(name=bill.design.name(lang), n=h.members,
                                                    rules=rules_text(check.failing, lang)))
        if plan.alternatives:
            out.append(w("alternatives", lang).format(list="; ".join(
                w("alternative", lang).format(id=a.template, step=a.step, area=i18n.plain(a.floor_area, lang, 2))
                for a in plan.alternatives)))
        else:
            out.append(w("no_alternative", lang))
        return "\n".join(out) + "\n"
    if plan.status == "cannot_start" and plan.shortfall is not None:
        out.append(w("infeasible", lang).format(h=h.horizon, total=rp(plan.shortfall.total),
                                                 monthly=rp(plan.shortfall.per_month)))
    elif not plan.best.steps and plan.status == "livable":
        out.append(w("no_work", lang))
    else:
        rows = [[w("month", lang), w("step", lang), w("package", lang), w("cost", lang), w("grant_pays", lang),
                 w("own", lang), w("cash_after", lang), w("lived_in", lang), w("area", lang), w("livable", lang)]]
        for s in plan.best.steps:
            rows.append([str(s.month), str(s.step), row_name(plan, s, lang), rp(s.cost),
                         rp(s.grant_materials + s.grant_labour) if s.grant_materials + s.grant_labour else "-",
                         rp(s.own), rp(s.cash_after), str(s.finish_month),
                         f"{i18n.plain(s.total_floor_area, lang, 2)} m²", w("yes" if s.livable else "no", lang)])
        out.extend(_table(rows, {3, 4, 5, 6}))
    out.append("")
    for label, schedule in (("", plan.best), (w("naive", lang), plan.naive)):
        if schedule.livable_month is not None:
            line = w("livable_from", lang).format(m=schedule.livable_month)
        else:
            line = w("never", lang).format(h=h.horizon)
        out.append(f"{line}{' - ' + label if label else ''}")
    if plan.best.livable_month is not None:
        if failing_at_start(plan):
            before = w("before", lang).format(m=plan.best.livable_month)
            out.append(f"{before}: {rules_text(failing_at_start(plan), lang, plan.improvement is not None)}")
    else:
        still = plan.best.steps[-1].failing if plan.best.steps else failing_at_start(plan)
        out.append(f"{w('missing', lang)}: {rules_text(still, lang, plan.improvement is not None)}")
    if plan.best.unbuilt:
        out.append(w("unbuilt", lang).format(h=h.horizon) + ": " + ", ".join(
            f"{step} {package_name(plan, step, package, lang)}" for step, package in plan.best.unbuilt))
    if plan.best.unfinished is not None:
        step, package, left = plan.best.unfinished
        out.append(w("unfinished", lang).format(name=f"{step} {package_name(plan, step, package, lang)}",
                                                share=percent(left), h=h.horizon))
    for line in grant_lines(plan, lang):
        out.append(f"{w('notes', lang)}: {line}")
    for kind, figures in plan.notes:
        shown = {k: rp(v) if isinstance(v, int) and k not in ("month", "due") else
                 i18n.plain(v, lang, 2) if isinstance(v, float) else v for k, v in figures.items()}
        out.append(f"{w('notes', lang)}: " + w(kind, lang).format(**shown))
    if plan.advice:
        out.append("")
        out.append(f"{w('advice', lang)}:")
        out.extend(f"  - {saran_text(s, lang)}" for s in plan.advice)
    return "\n".join(out) + "\n"


def plan_check_all(plan: Plan):
    """The livability rules with every step of the template built."""
    from ..plan.livability import check
    h = plan.household
    every = tuple(s.number for s in plan.bill.design.steps)
    return check(plan.bill.design, every, h.members, h.area_per_person, h.bedrooms_needed)
