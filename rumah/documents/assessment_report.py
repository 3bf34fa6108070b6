"""A surveyed house's assessment (rumah.plan.assessment) as JSON data or as a text a technician
reads out: criterion by criterion, what was measured, the rule and where the rule comes from, and
the repairs the failures lead to."""

from __future__ import annotations

from .. import i18n
from ..i18n import nt, t
from ..plan.assessment import Assessment
from ..plan.assessment import rules as criteria_rules
from .notes import note_sentence
from .texttable import WIDTH, fitted, table


def assessment_json(assessment: Assessment, lang: str = "id") -> dict:
    return {
        "livable": assessment.livable,
        "failing": list(assessment.failing),
        "windows_to_add": assessment.windows,
        "roof_frame_to_replace": assessment.frame,
        "criteria": [{"criterion": c.id, "name": c.name(lang), "passed": c.passed, "measured": c.measured(lang),
                      "rule": c.rule(lang), "source": c.source(lang)} for c in assessment.criteria],
    }


def repairs_json(improvement, lang: str = "id") -> list[dict]:
    """The priced repair packages (and the packages of rooms to add), with what each fixes; a
    floor raising with the month it is due by and its height."""
    raisings = {kind: raising for raising, kind in improvement.raisings}
    out = []
    for step in improvement.bill.steps:
        for package in step.packages:
            out.append({"step": step.step, "package": package.kind, "name": package.name(lang),
                        "cost_idr": package.total, "fixes": list(improvement.fixes.get(package.kind, ()))
                        if step.step == 1 else []})
            if step.step == 1 and package.kind in raisings:
                raising = raisings[package.kind]
                out[-1] |= {"due_month": raising.due_month, "height_m": raising.height}
    return out


def still_failing_repaired(household, improvement) -> tuple[str, ...]:
    """The criteria the house fails even with every repair done and every room added."""
    from ..plan.planner import Priced, still_failing
    every = {p.key for step in improvement.bill.steps for p in step.packages}
    return still_failing(Priced(improvement.bill, {}, improvement), household, every)


def criteria_text(criteria, lang: str) -> str:
    """Criteria of a surveyed house's assessment, named for people: ``sanitasi, luas per orang``."""
    named = criteria_rules()
    return ", ".join(named[c].name(lang).lower() for c in criteria)


def never_repaired_text(members: int, still: tuple[str, ...], lang: str) -> str:
    """Why a house the family lives in can never be livable for them: the criteria it fails with
    every repair done; and, when those are about room (area, bedrooms), that the rooms to add
    must be drawn: no repair adds floor area or bedrooms."""
    text = nt("This house can never be livable for {n} person, even with every repair done ({rules}).",
              "This house can never be livable for {n} persons, even with every repair done ({rules}).",
              members, lang, rules=criteria_text(still, lang))
    if {"area", "bedrooms"} & set(still):
        text += " " + t("The rooms to add must be drawn in the house data (rooms with new: true).", lang)
    return text


def _numbered_sources(assessment: Assessment, lang: str) -> list[str]:
    seen: list[str] = []
    for c in assessment.criteria:
        if c.source(lang) not in seen:
            seen.append(c.source(lang))
    return seen


def assessment_table(household, improvement, lang: str = "id", width: int | None = WIDTH) -> str:
    """The assessment, then the repairs it leads to, priced; ``width`` columns wide (None: as wide
    as it needs)."""
    assessment = improvement.assessment
    bill = improvement.bill
    rp = lambda amount: i18n.rupiah(amount, lang)           # noqa: E731
    out = [t("House assessment", lang) + f" - {household.name} ("
           + nt("{n} person", "{n} persons", household.members, lang) + f"), {bill.price_list.region_name}", ""]
    sources = _numbered_sources(assessment, lang)
    rows = [[t("Criterion", lang), t("Result", lang), t("Found", lang), t("Rule", lang)]]
    for c in assessment.criteria:
        rows.append([c.name(lang), t("passes", lang) if c.passed else t("FAILS", lang), c.measured(lang),
                     f"{c.rule(lang)} [{sources.index(c.source(lang)) + 1}]"])
    out += table(rows, wrap=(2, 3), width=width)
    out.append("")
    if assessment.livable and any(step.packages for step in bill.steps):
        # A house livable now may still need its floor raised later, as the land sinks.
        out.append(t("This house meets every livable-house criterion now; its floor must be raised before the "
                     "sinking land brings it too close to the flood.", lang))
    elif assessment.livable:
        out.append(t("This house meets every livable-house criterion: no repair is needed.", lang))
    else:
        out.append(nt("{n} of {total} criteria fails.", "{n} of {total} criteria fail.", len(assessment.failing), lang,
                      total=len(assessment.criteria)))
    added = [(kind, figures) for kind, figures in improvement.notes if kind == "rooms_added"]
    for kind, figures in added:
        out.append(note_sentence(kind, figures, lang))
    still = still_failing_repaired(household, improvement) if not assessment.livable else ()
    if still:
        # As the plan says it (rumah.documents.plan_report).
        out.append(never_repaired_text(household.members, still, lang))
    names = {c.id: c.name(lang) for c in assessment.criteria}
    due = {kind: raising.due_month for raising, kind in improvement.raisings if kind in improvement.deferred}
    lines = []
    for step in bill.steps:
        for package in step.packages:
            fixed = improvement.fixes.get(package.kind, ()) if step.step == 1 else ()
            label = package.name(lang) if step.step == 1 else t("Rooms to add: {name}", lang, name=package.name(lang))
            if fixed:
                label += " - " + t("for {criteria}", lang, criteria=", ".join(names[f].lower() for f in fixed))
            elif step.step == 1 and package.kind in due:
                label += " - " + t("by month {m}", lang, m=due[package.kind])
            lines.append((label, rp(package.total)))
    if lines:
        out.append("")
        out.append(t("Repairs priced (prices {price_list}, AHSP {edition})", lang, price_list=bill.price_list.id,
                     edition=bill.edition.edition) + ":")
        total = rp(sum(p.total for s in bill.steps for p in s.packages))
        out += ["  " + line for line in table([["", ""], *lines, ["", total]], "lr", wrap=(0,),
                                               width=None if width is None else width - 2)[1:]]
        out.append(t("Schedule the family can pay: rumah plan {file}", lang, file=household.file))
    out.append("")
    out.append(t("Sources of the rules", lang) + ":")
    out += [f"  [{i}] {source}" for i, source in enumerate(sources, 1)]
    return fitted(out, width)
