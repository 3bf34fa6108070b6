"""Sheets for every build step of a template or a household's house, with their title blocks;
for a house the family lives in, a sheet for each phase of its improvement."""

from __future__ import annotations

import datetime
from pathlib import Path

from .. import i18n
from ..house.design import Design, build_design
from ..house.template import load_template
from ..i18n import N_, t
from .drawing import Sheet, Works, plan_sheet

#: The phases of improving a house the family lives in, as drawn: (phase, file name, title).
PHASES = {
    "before": ("ada", N_("The house as it is, and what is taken down")),
    "repair": ("perbaikan", N_("The house repaired")),
    "added": ("tambah", N_("The rooms added")),
}
#: How the phases are drawn, said on each sheet (the layers are named in the README).
LEGEND = N_("Solid: walls kept; hatched: new walls; dashed: taken down")
#: The scale of every sheet, said in its title block.
SCALE = N_("Scale 1:100, units metres")


def step_sheets(source: str, values: dict | None = None, lang: str = "id",
                date: datetime.date | None = None) -> tuple[list[Sheet], str]:
    """Sheets of every step of ``source`` (a template id or file, or a household YAML file), and
    a file-name stem.  ``values`` override parameters."""
    household = None
    if source.endswith((".yaml", ".yml")) and Path(source).is_file():
        from ..yamlio import load_yaml
        raw = load_yaml(Path(source))
        if isinstance(raw, dict) and "members" in raw:
            from ..plan.household import load_household
            household = load_household(source)
    if household is not None and household.existing is not None:
        return improvement_sheets(household, improve_household(household), lang, date), Path(source).stem
    if household is not None:
        template = load_template(household.template)
        design = build_design(template, dict(household.parameters) | dict(values or {}))
        who = household_label(household, lang)
        stem = Path(source).stem
    else:
        template = load_template(source)
        design = build_design(template, values or {})
        who = ""
        stem = template.id
    return design_sheets(design, lang, date, who), stem


def design_sheets(design: Design, lang: str = "id", date: datetime.date | None = None, who: str = "") -> list[Sheet]:
    """One sheet per build step of ``design``; ``who`` names the household in the title block."""
    date = date or datetime.date.today()
    sheets = []
    for step in design.steps:
        lines = [f"{design.name(lang)} ({design.template} v{design.template_version})",
                 t("Step {step} / {steps}: {name}", lang, step=step.number, steps=len(design.steps),
                   name=step.name(lang)) + f" - {i18n.number(design.total_floor_area(step.number), lang)} m²",
                 f"{SCALE(lang)}; {date.isoformat()}"]
        if who:
            lines.insert(1, who)
        sheets.append(plan_sheet(design, step.number, lang, tuple(lines)))
    return sheets


def household_label(household, lang: str) -> str:
    return t("Household: {name} ({members}), {region}", lang, name=household.name, members=household.members,
             region=household.region)


def improve_household(household):
    """The household's improvement (its assessment and repairs), priced for its district."""
    from ..cost.estimate import load_catalog
    from ..cost.prices import load_price_list
    from ..errors import UnknownNameError
    from ..plan.improvement import improve
    from ..schema import Where
    catalog = load_catalog(household.ahsp)
    try:
        price_list = load_price_list(household.region, catalog.resources)
    except UnknownNameError as exc:
        raise (Where(household.file) / "region").fail(str(exc)) from None
    return improve(household, catalog, price_list)


def works(improvement, phase: str) -> Works:
    """What the repairs of ``improvement`` do to the house, for the drawing of ``phase``."""
    house_design = improvement.bill.design
    repairs = set(improvement.fixes)
    removed = frozenset(w.id for w in house_design.walls if w.step == 1) if "walls" in repairs else frozenset()
    columns = "structure" in repairs and not improvement.house.components.present("columns")
    return Works(phase, removed, improvement.new_windows, columns)


def improvement_sheets(household, improvement, lang: str = "id", date: datetime.date | None = None) -> list[Sheet]:
    """The house as it is with what is taken down, the house repaired, and the rooms added (when
    there are any): one sheet each, with the same title block as a new house's steps."""
    date = date or datetime.date.today()
    design = improvement.bill.design
    phases = ["before", "repair"] + (["added"] if len(design.steps) > 1 else [])
    sheets = []
    for k, phase in enumerate(phases, 1):
        slug, name = PHASES[phase]
        step = 2 if phase == "added" else 1
        lines = (f"{name(lang)} ({k} / {len(phases)}) - {i18n.number(design.total_floor_area(step), lang)} m²",
                 household_label(household, lang),
                 LEGEND(lang),
                 f"{SCALE(lang)}; {date.isoformat()}")
        sheets.append(plan_sheet(design, step, lang, lines, works(improvement, phase), slug))
    return sheets
