"""Sheets for every build step of a template or a household's house, with their title blocks and
notes, and the section through the house; for a house the family lives in, a sheet for each
phase of its improvement and the section of the house repaired."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import i18n
from ..clock import today
from ..house.design import Design, build_design, entrances_at
from ..house.template import load_template
from ..i18n import N_, nt, t, tr
from .drawing import Sheet, level
from .floorplan import Site, Works, plan_sheet
from .section import Level, section_sheet

if TYPE_CHECKING:
    from ..plan.improvement import Improvement

#: The notes that say which floor level each raising makes (a first raising with the repairs when
#: the floor is already too low; the later ones dashed).
RAISED_NOW = N_("Floor raising {n}, with the repairs: from {before} to {after} ({cm} cm)")
RAISED_LATER = N_("Floor raising {n}, later (dashed): from {before} to {after} ({cm} cm)")
#: Added to a raising's note when the walls and roof go up with it: drawn in the section for the
#: raising made with the repairs, not for a later one.
WALLS_RAISED = N_("; the walls and roof go up {cm} cm with it, the new ring beam at {ring}")
WALLS_RAISED_LATER = N_("; the walls and roof go up {cm} cm with it, the new ring beam at {ring} (not drawn)")
#: The phases of improving a house the family lives in, as drawn: phase -> file name.
PHASES = {"before": "ada", "repair": "perbaikan", "added": "tambah"}


def phase_title(phase: str, lang: str) -> str:
    return {"before": t("The house as it is, and what is taken down", lang),
            "repair": t("The house repaired", lang),
            "added": t("The rooms added", lang)}[phase]


def legend(lang: str) -> str:
    """How the phases are drawn, said on each sheet (the layers are named in the README): the
    rooms of a later step are dashed too, in grey (a builder reading black dashes only would take
    a planned WC for one to pull down)."""
    return t("Solid black: walls kept; hatched: new walls; black dashed: taken down; grey dashed: later steps", lang)


def scale_line(lang: str, date: datetime.date) -> str:
    """The title block's scale and date (``7 Desember 2026``: as residents and builders write a
    date); ``{scale}`` is filled in once the sheet has its scale."""
    return t("Scale 1:{scale}, units metres", lang) + f"; {i18n.long_date(date, lang)}"


def step_sheets(source: str, values: dict | None = None, lang: str = "id",
                date: datetime.date | None = None) -> tuple[list[Sheet], str]:
    """Sheets of every step of ``source`` (a template id or file, or a household YAML file), then
    its section, and a file-name stem.  ``values`` override parameters."""
    household = None
    if source.endswith((".yaml", ".yml")) and Path(source).is_file():
        from ..yamlio import load_yaml
        raw = load_yaml(Path(source))
        if isinstance(raw, dict) and "members" in raw:
            from ..plan.household import load_household
            household = load_household(source)
    if household is not None and household.existing is not None:
        if values:
            household = _with_choices(raw, household, values, Path(source).parent)
        improvement = improve_household(household, date)
        return (improvement_sheets(household, improvement, lang, date)
                + [improvement_section(household, improvement, lang, date)], Path(source).stem)
    if household is not None:
        from ..errors import ParameterError, UnknownNameError
        from ..schema import Where
        where = Where(household.file)
        try:
            template = load_template(household.template)
        except UnknownNameError as exc:
            raise (where / "template").fail(str(exc)) from None
        try:
            design = build_design(template, dict(household.parameters) | dict(values or {}))
        except ParameterError as exc:
            if not exc.parameter or exc.parameter in (values or {}):
                raise                           # the command line's --set, said as it is
            raise (where / "parameters" / exc.parameter).fail(str(exc)) from None
        stem = Path(source).stem
    else:
        template = load_template(source)
        design = build_design(template, values or {})
        stem = template.id
    return (design_sheets(design, lang, date, household)
            + [design_section(design, lang, date, household)], stem)


def household_sheets(plan, lang: str = "id", date: datetime.date | None = None) -> list[Sheet]:
    """The builder's A3 sheets of a household's plan (rumah.plan.planner.Plan): the plan of every
    step (or every phase of improving the house it lives in), then the section."""
    if plan.improvement is not None:
        return (improvement_sheets(plan.household, plan.improvement, lang, date)
                + [improvement_section(plan.household, plan.improvement, lang, date)])
    design = plan.bill.design
    return design_sheets(design, lang, date, plan.household) + [design_section(design, lang, date, plan.household)]


def site_of(design: Design, household, lang: str) -> Site:
    """What the plans show around a new house: the household's plot and its notes."""
    thickness = max(w.thickness for w in design.walls)
    notes = [t("Walls: {wall}, {t} m thick (plastered both sides)", lang, wall=design.choice_labels["wall"](lang),
               t=i18n.number(thickness, lang)),
             t("Level ±0.00 = the ground in front; floor {floor}", lang,
               floor=level(float(design.values["plinth_height"]), lang))]
    flood = household.flood if household is not None else None
    if flood is not None:
        notes.append(t("Last flood {h} above the ground", lang, h=level(flood.last_height, lang)))
    plot = household.plot if household is not None else None
    if household is not None:
        from ..plan.planner import flood_notes, septic_notes
        if plot is not None and septic_notes(household, design):
            # Drawn in front all the same, past the plot's edge: the builder must know it is a guide.
            notes.append(t("The septic tank does not fit the plot in front: place it where there is room", lang))
        for _, figures in flood_notes(household, design):
            # The builder builds the floor the sheet gives: the flood's reach is said on it.
            notes.append(t("Floor below the last flood and its margin: build it {h} high", lang,
                           h=level(figures["needed"], lang)))
    if len(design.steps) > 1:
        notes.append(t("Grey and dashed: later steps", lang))
    return Site(plot=plot, notes=tuple(notes))


def _title(design: Design, lang: str, date: datetime.date, who: str, line: str) -> tuple[str, ...]:
    lines = [f"{design.name(lang)} ({design.template} v{design.template_version})", line, scale_line(lang, date)]
    if who:
        lines.insert(1, who)
    return tuple(lines)


def design_sheets(design: Design, lang: str = "id", date: datetime.date | None = None, household=None,
                  scale: int | None = None, lettering: float | None = None, tags: bool = True) -> list[Sheet]:
    """One sheet per build step of ``design``; ``household`` (optional) names the family in the
    title block and gives the plot.  ``scale``, ``lettering``, ``tags``: as for plan_sheet."""
    date = date or today()
    who = household_label(household, lang) if household is not None else ""
    site = site_of(design, household, lang)
    extra = {} if lettering is None else {"lettering": lettering}
    sheets = []
    last = design.steps[-1].number
    later = site.notes[-1:] if len(design.steps) > 1 else ()
    for step in design.steps:
        notes = site.notes[:len(site.notes) - len(later)]
        if step.number > 1:
            # (rumah.documents.floorplan draws the walls this step builds apart from those standing.)
            notes += (t("Hatched: the walls this step builds; solid: the walls standing", lang),)
        if step.number != last:
            notes += later                                  # the last has no later steps to show dashed
        line = t("Step {n} / {total}: {name} - {area} m²", lang, n=step.number, total=len(design.steps),
                 name=step.name(lang), area=i18n.number(design.total_floor_area(step.number), lang))
        sheets.append(plan_sheet(design, step.number, lang, _title(design, lang, date, who, line),
                                 site=replace(site, notes=notes), scale=scale, tags=tags, **extra))
    return sheets


def design_section(design: Design, lang: str = "id", date: datetime.date | None = None, household=None,
                   scale: int | None = None, lettering: float | None = None) -> Sheet:
    """The section through the whole house of ``design``, on its own sheet."""
    date = date or today()
    who = household_label(household, lang) if household is not None else ""
    site = site_of(design, household, lang)
    flood = household.flood.last_height if household is not None and household.flood is not None else None
    extra = {} if lettering is None else {"lettering": lettering}
    title = _title(design, lang, date, who,
                   t("The whole house (every step); where A-A cuts is marked on the plans", lang))
    return section_sheet(design, lang, title, flood=flood, notes=site.notes[:2], scale=scale, **extra)


#: A surveyed house's own measures: its survey gives them (existing_house), not a choice.
SURVEYED = {"wall_height": "existing_house.wall_height", "plinth_height": "existing_house.floor_height"}


def _with_choices(raw: dict, household, values: dict, folder: Path):
    """The household of a surveyed house read again with the command line's ``--set`` over its
    file's parameters (its repairs hang on them from the start: the new walls' material ...).
    A measure the survey gives, or a choice its repairs cannot take, is refused as the command
    line's."""
    from ..errors import DataError, ParameterError
    from ..plan.household import parse_household
    from ..schema import Where
    for name in values:
        if name in SURVEYED:
            raise ParameterError(tr("--set {name}: a house to improve keeps its surveyed measure; change {field} in "
                                    "{file}", name=name, field=SURVEYED[name], file=household.file))
    merged = dict(raw) | {"parameters": dict(raw.get("parameters") or {}) | dict(values)}
    try:
        return parse_household(merged, Where(household.file), folder=folder)
    except DataError as exc:
        refused = getattr(exc, "refused", None)
        given = next((name for name in values if refused is not None
                      and (name == exc.parameter or f"parameter {name!r}" in refused)), None)
        if given is None:
            raise
        raise ParameterError(f"--set {given}: {refused}") from None


def household_label(household, lang: str) -> str:
    # A price list beside the household file is named as the list is (its file's stem), not by
    # the path it was read from on the clinic's computer.
    region = household.region
    if region.endswith((".yaml", ".yml")):
        region = Path(region).stem
    return nt("For: {name}, {n} person; prices {region}", "For: {name}, {n} persons; prices {region}",
              household.members, lang, name=household.name, region=region)


def improve_household(household, date: datetime.date | None = None):
    """The household's improvement (its assessment and repairs, priced for its district) as its
    plan from ``date`` makes it: a first floor raising made later than it is due is as high as
    the plan, and the quote, make it for the month it is made in."""
    from ..plan.planner import plan_household
    return plan_household(household, compare=False, start=date).improvement


def works(improvement, phase: str) -> Works:
    """What the repairs of ``improvement`` do to the house, for the drawing of ``phase``."""
    house_design = improvement.bill.design
    repairs = set(improvement.fixes)
    removed = frozenset(w.id for w in house_design.walls if w.step == 1) if "walls" in repairs else frozenset()
    columns = "structure" in repairs and not improvement.house.components.present("columns")
    return Works(phase, removed, improvement.new_windows, columns, improvement.new_toilet)


def repaired_floor(improvement) -> float:
    """The floor's height above the ground once repaired: raised now when it is already too low. [m]"""
    now = improvement.raised_now
    return improvement.house.floor_height + (now.height if now is not None else 0.0)


def later_floors(improvement, lang: str) -> tuple[Level, ...]:
    """The floor raisings planned after the repairs (the land sinks), each at its level above the
    ground, which sinks with the house: the repaired floor plus every raising up to it. [m]"""
    floor = repaired_floor(improvement)
    levels = []
    for raising, _ in improvement.raisings:
        if raising.due_month == 1:
            continue                        # raised with the repairs: the repaired floor
        floor += raising.height
        levels.append(Level(round(floor, 3), t("raising {n}", lang, n=raising.number)))
    return tuple(levels)


def floor_name(improvement, lang: str) -> str:
    """What the repaired floor's level mark says: the raising that put it there, if one did."""
    now = improvement.raised_now
    return t("raising {n}", lang, n=now.number) if now is not None else ""


def raising_notes(improvement, lang: str) -> tuple[str, ...]:
    """One note per floor raising, saying which level is which (the plan names each raising by
    its height in centimetres)."""
    notes = []
    floor = improvement.house.floor_height
    ring = floor + improvement.house.wall_height
    for raising, _ in improvement.raisings:
        before, floor = floor, floor + raising.height
        message = RAISED_NOW if raising.due_month == 1 else RAISED_LATER
        said = t(message, lang, n=raising.number, before=level(before, lang), after=level(floor, lang),
                 cm=round(raising.height * 100))
        band = improvement.wall_bands.get(raising.number)
        if band:
            ring += band
            said += t(WALLS_RAISED if raising.due_month == 1 else WALLS_RAISED_LATER, lang, cm=round(band * 100),
                      ring=level(ring, lang))
        notes.append(said)
    return tuple(notes)


def _improvement_site(household, improvement, phase: str, lang: str) -> Site:
    """The plot, the floor level, the septic tank and the walls, for one phase of the work."""
    from ..plan.assessment import WORDS as MATERIALS
    house = improvement.house
    design = improvement.bill.design
    floor = house.floor_height if phase == "before" else repaired_floor(improvement)
    types = design.room_types
    new_toilet_room = any(types[r.type].toilet for r in design.rooms if r.step == 2)
    if house.components.septic_tank or phase != "before" and "sanitation" in improvement.fixes:
        septic = 1
    elif phase == "added" and new_toilet_room:
        septic = 2
    else:
        septic = None
    old = i18n.pick(MATERIALS, house.components.wall_material, lang)
    thickness = max(w.thickness for w in design.walls)
    notes = [legend(lang),
             t("Walls as they are: {old}; new walls: {new}, {t} m thick", lang, old=old,
               new=design.choice_labels["wall"](lang), t=i18n.number(thickness, lang)),
             t("Level ±0.00 = the ground in front; floor {floor}", lang, floor=level(floor, lang))]
    if household.flood is not None:
        notes.append(t("Last flood {h} above the ground", lang, h=level(household.flood.last_height, lang)))
    if phase != "before" and household.plot is not None:
        from ..plan.planner import new_tank_reach, septic_notes
        if septic_notes(household, design, new_tank_reach(improvement, design)):
            notes.append(t("The septic tank does not fit the plot in front: place it where there is room", lang))
    if phase == "repair":
        notes += raising_notes(improvement, lang)
    return Site(plot=household.plot, floor=floor, septic=septic, notes=tuple(notes))


def improvement_sheets(household, improvement, lang: str = "id", date: datetime.date | None = None,
                       scale: int | None = None, lettering: float | None = None, tags: bool = True) -> list[Sheet]:
    """The house as it is with what is taken down, the house repaired, and the rooms added (when
    there are any): one sheet each, with the same title block as a new house's steps."""
    date = date or today()
    design = improvement.bill.design
    phases = ["before", "repair"] + (["added"] if len(design.steps) > 1 else [])
    extra = {} if lettering is None else {"lettering": lettering}
    sheets = []
    for k, phase in enumerate(phases, 1):
        slug = PHASES[phase]
        step = 2 if phase == "added" else 1
        # The plan's step the sheet builds (the repairs are step 1, the rooms added step 2, as
        # the plan and the quote number them), and the sheet's number apart: "3 / 3" read as a
        # step sent a builder told "step 2" to the repairs' sheet.
        title = phase_title(phase, lang) if phase == "before" else \
            t("{title} (step {step})", lang, title=phase_title(phase, lang), step=step)
        number = t("sheet {k} of {n}", lang, k=k, n=len(phases))
        lines = (f"{title} - {i18n.number(design.total_floor_area(step), lang)} m² - {number}",
                 household_label(household, lang), scale_line(lang, date))
        site = _improvement_site(household, improvement, phase, lang)
        shown = design if phase == "before" else with_steps(improvement, site.floor)
        sheets.append(plan_sheet(shown, step, lang, lines, works(improvement, phase), slug, site, scale, tags=tags,
                                 **extra))
    return sheets


def with_steps(improvement: Improvement, floor: float) -> Design:
    """The improved house's design with the entrance steps up to its repaired floor ``floor``
    above the ground, when the repairs raise it (the raising builds them up, and
    rumah.plan.improvement prices them); a house whose floor stays where it is has whatever way
    in it has, unsurveyed: none is drawn. [m]"""
    design = improvement.bill.design
    if improvement.raised_now is None:
        return design
    return replace(design, entrances=entrances_at(design, floor))


def improvement_section(household, improvement, lang: str = "id", date: datetime.date | None = None,
                        scale: int | None = None, lettering: float | None = None) -> Sheet:
    """The section through the house repaired (and with its rooms added)."""
    from ..plan.assessment import WORDS as MATERIALS
    date = date or today()
    design = improvement.bill.design
    site = _improvement_site(household, improvement, "repair", lang)
    parts = improvement.house.components
    walls = (design.choice_labels["wall"](lang) if "walls" in improvement.fixes
             else i18n.pick(MATERIALS, parts.wall_material, lang))
    # The roof as it is, unless the repairs replace it: its covering (and its frame, when that
    # goes too) as the new work's roof choice.
    if improvement.mends("roof") and improvement.assessment.frame:
        roof = design.choice_labels["roof"](lang)
    else:
        covering = design.choice_attrs["roof"]["cover"] if improvement.mends("roof") else parts.roof_covering
        roof = t("{covering}, {frame}", lang, covering=i18n.pick(MATERIALS, str(covering), lang),
                 frame=i18n.pick(MATERIALS, parts.roof_frame, lang))
    flood = household.flood.last_height if household.flood is not None else None
    extra = {} if lettering is None else {"lettering": lettering}
    title = (t("The whole house (every step); where A-A cuts is marked on the plans", lang),
             household_label(household, lang), scale_line(lang, date))
    # The house as repaired: its steps up to the repaired floor, and its walls as high as the
    # raising made with the repairs builds them (a later raising's are said in the notes).
    shown = with_steps(improvement, site.floor)
    # With the windows the repairs cut (where A-A crosses one, it is drawn cut, as on the plan).
    shown = replace(shown, openings=tuple(shown.openings) + tuple(improvement.new_windows))
    now = improvement.raised_now
    if now is not None and now.number in improvement.wall_bands:
        height = float(shown.values["wall_height"]) + improvement.wall_bands[now.number]
        shown = replace(shown, values=dict(shown.values) | {"wall_height": height})
    return section_sheet(shown, lang, title, floor=site.floor, flood=flood,
                         wall_name=walls, notes=site.notes[1:3] + raising_notes(improvement, lang), scale=scale,
                         floor_name=floor_name(improvement, lang), later=later_floors(improvement, lang),
                         roof_name=roof, finish_name=i18n.pick(MATERIALS, repaired_finish(improvement), lang), **extra)


def repaired_finish(improvement: Improvement) -> str:
    """The floor's finish once repaired, as the survey's words name it: a new floor (over earth, or
    raised with the repairs) is a cement screed (tiles are the family's later work); else the
    floor as it is."""
    raised = improvement.raised_now is not None
    return "screed" if raised or "floor" in improvement.fixes else improvement.house.components.floor
