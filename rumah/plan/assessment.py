"""Is the house a family lives in livable (rumah layak huni)?  Criterion by criterion, with the
measured value, the rule and its source (catalog/criteria.yaml).

Structural safety, roof, walls and floor come from the survey (rumah.house.existing); daylight,
ventilation, area per person and bedrooms are measured on the house's Design with the same rules
as a new house (rumah.plan.livability); sanitation needs a toilet with a septic tank; a plot that
floods needs its floor above the last flood by the stated margin.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import i18n
from ..data import catalog_dir
from ..house.existing import EXISTING_STEP, NEW_WINDOW, ExistingHouse
from ..house.template import OpeningType
from ..i18n import N_, Message, Phrase, nphrase, phrase
from ..schema import Text, Where, bilingual, entries, mapping
from ..yamlio import load_yaml
from .household import Household
from .livability import AIR_SHARE, LIGHT_SHARE, check

#: What the survey found, in words.
WORDS = {
    "clay_tile": N_("clay tiles"), "concrete_tile": N_("concrete tiles"), "metal": N_("metal sheet"),
    "asbestos": N_("asbestos sheet"), "thatch": N_("thatch"), "plastic": N_("plastic sheet"),
    "timber": N_("timber frame"), "bamboo": N_("bamboo"), "steel": N_("steel frame"), "board": N_("boards"),
    "brick_unplastered": N_("unplastered brick"), "brick": N_("brick"), "block": N_("concrete block"),
    "earth": N_("earth"), "screed": N_("cement screed"), "tile": N_("tiles"), "good": N_("sound"),
    "damaged": N_("damaged"), "leaking": N_("leaking"), "broken": N_("broken"), "foundation": N_("foundation"),
    "sloof": N_("sloof"), "columns": N_("columns"), "ring_beam": N_("ring beam"), "all_present": N_("all present"),
    "toilet": N_("toilet"), "septic_tank": N_("septic tank"), "none": N_("none"),
}


@dataclass(frozen=True)
class Rule:
    id: str
    name: Text
    rule: Text
    source: Text


@cache
def _rules(path: str) -> dict[str, Rule]:
    where = Where(path)
    data = mapping(load_yaml(Path(path)), where, required=("criteria",), optional=("source",))
    rules = {}
    for key, spec in entries(data["criteria"], where / "criteria").items():
        at = where / "criteria" / key
        spec = mapping(spec, at, required=("name", "rule", "source"))
        rules[key] = Rule(key, bilingual(spec["name"], at / "name"), bilingual(spec["rule"], at / "rule"),
                          bilingual(spec["source"], at / "source"))
    return rules


def rules() -> dict[str, Rule]:
    """The criteria of catalog/criteria.yaml by id, in order."""
    return _rules(str(catalog_dir() / "criteria.yaml"))


@dataclass(frozen=True)
class Criterion:
    """One criterion for one house: pass or fail, what was measured, the rule and its source."""

    id: str
    name: Text
    passed: bool
    measured: Phrase | Message
    rule: Text
    source: Text


@dataclass(frozen=True)
class Assessment:
    criteria: tuple[Criterion, ...]
    #: Windows to add (of rumah.house.existing.NEW_WINDOW) for daylight and ventilation to hold.
    windows: int
    #: Whether the roof frame must be replaced with the covering (bamboo, or a broken roof).
    frame: bool

    @property
    def failing(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria if not c.passed)

    @property
    def livable(self) -> bool:
        return not self.failing

    def criterion(self, key: str) -> Criterion:
        return next(c for c in self.criteria if c.id == key)


def windows_needed(floor: float, light: float, air: float, window: OpeningType) -> int:
    """Windows of type ``window`` that bring daylight to 10 % and ventilation to 5 % of ``floor``."""
    glass = window.width * window.height * window.light
    opening = window.width * window.height * window.air
    need = max((LIGHT_SHARE * floor - light) / glass, (AIR_SHARE * floor - air) / opening, 0.0)
    return math.ceil(need - 1e-9)


def assess(household: Household, house: ExistingHouse | None = None) -> Assessment:
    """The house as it is, criterion by criterion."""
    house = house or household.existing
    parts = house.components
    known = rules()
    design = house.design
    state = check(design, (EXISTING_STEP,), household.members, household.area_per_person,
                  household.bedrooms_needed)
    found: dict[str, tuple[bool, Phrase | Message]] = {}

    missing = [p for p, present in parts.structure.items() if not present]
    found["structure"] = (not missing, phrase("missing: {parts}", parts=tuple(WORDS[p] for p in missing))
                          if missing else WORDS["all_present"])
    roof_ok = parts.roof_condition == "good" and parts.roof_covering not in ("thatch", "plastic")
    frame_bad = parts.roof_frame == "bamboo" or parts.roof_condition == "broken"
    found["roof"] = (roof_ok and not frame_bad, phrase("{covering}, {frame}, {condition}",
                                                       covering=WORDS[parts.roof_covering],
                                                       frame=WORDS[parts.roof_frame],
                                                       condition=WORDS[parts.roof_condition]))
    walls_ok = parts.wall_material not in ("bamboo", "board") and parts.wall_condition == "good"
    found["walls"] = (walls_ok, phrase("{material}, {condition}", material=WORDS[parts.wall_material],
                                       condition=WORDS[parts.wall_condition]))
    found["floor"] = (parts.floor != "earth", WORDS[parts.floor])

    def share(value: float, floor: float) -> Phrase:
        return phrase("{a} m² of {f} m² ({p} %)", a=round(value, 2), f=round(floor, 2),
                      p=round(100 * value / floor if floor else 0.0, 2))

    floor = state.floor_area
    found["light"] = (state.light_area >= LIGHT_SHARE * floor - 1e-9, share(state.light_area, floor))
    found["ventilation"] = (state.air_area >= AIR_SHARE * floor - 1e-9, share(state.air_area, floor))
    sanitation = tuple(WORDS[w] for w, present in (("toilet", parts.toilet), ("septic_tank", parts.septic_tank))
                       if present)
    # Translators: what a house has of a toilet and a septic tank, as a list: "toilet, septic tank".
    found["sanitation"] = (parts.toilet and parts.septic_tank,
                           phrase("{parts}", parts=sanitation) if sanitation else WORDS["none"])
    per = floor / household.members
    found["area"] = (floor >= household.members * household.area_per_person - 1e-9,
                     nphrase("{a} m² for {n} person ({p} m² a person)", "{a} m² for {n} persons ({p} m² a person)",
                             household.members, a=round(floor, 2), p=round(per, 1)))
    found["bedrooms"] = (state.bedrooms >= household.bedrooms_needed,
                         nphrase("{bedrooms} for {n} person", "{bedrooms} for {n} persons", household.members,
                                 bedrooms=nphrase("{n} bedroom", "{n} bedrooms", state.bedrooms)))
    flood = household.flood
    if flood is not None:
        above = house.floor_height - flood.last_height
        if above >= 0:
            said = phrase("floor {d} m above the last flood", d=round(abs(above), 2))
        else:
            said = phrase("floor {d} m below the last flood", d=round(abs(above), 2))
        found["flood"] = (above >= flood.margin - 1e-9, said)
    criteria = []
    for key, rule in known.items():
        if key not in found:
            continue
        passed, measured = found[key]
        criteria.append(Criterion(key, rule.name, passed, measured, _rule_text(rule, household), rule.source))
    return Assessment(tuple(criteria), windows_needed(floor, state.light_area, state.air_area,
                                                     house.template.opening_types[NEW_WINDOW])
                      if not (found["light"][0] and found["ventilation"][0]) else 0,
                      frame_bad)


def _rule_text(rule: Rule, household: Household) -> Text:
    """The rule with this household's figures in it (its area standard, its persons per bedroom)."""
    figures = {"a": household.area_per_person, "p": household.persons_per_bedroom,
               "m": household.flood.margin if household.flood else 0.0}
    return Text(rule.rule.id.format(**{k: i18n.plain(v, "id", 2) for k, v in figures.items()}),
                rule.rule.en.format(**{k: i18n.plain(v, "en", 2) for k, v in figures.items()}))
