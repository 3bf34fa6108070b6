"""Sheets for every build step of a template or a household's house, with their title blocks."""

from __future__ import annotations

import datetime
from pathlib import Path

from .. import i18n
from ..house.design import Design, build_design
from ..house.template import load_template
from .drawing import Sheet, plan_sheet


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
        word = i18n.word("step", lang)
        lines = [f"{design.name(lang)} ({design.template} v{design.template_version})",
                 f"{word} {step.number} / {len(design.steps)}: {step.name(lang)} - "
                 f"{i18n.number(design.total_floor_area(step.number), lang)} m²",
                 ("Skala 1:100, satuan meter" if lang != "en" else "Scale 1:100, units metres")
                 + f"; {date.isoformat()}"]
        if who:
            lines.insert(1, who)
        sheets.append(plan_sheet(design, step.number, lang, tuple(lines)))
    return sheets


def household_label(household, lang: str) -> str:
    label = "Keluarga" if lang != "en" else "Household"
    return f"{label}: {household.name} ({household.members}), {household.region}"
