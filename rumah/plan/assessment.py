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
from ..schema import Text, Where, bilingual, entries, mapping, text
from ..yamlio import load_yaml
from .household import Household
from .livability import AIR_SHARE, LIGHT_SHARE, check

WORDS = {
    "clay_tile": ("genteng tanah liat", "clay tiles"), "concrete_tile": ("genteng beton", "concrete tiles"),
    "metal": ("atap metal", "metal sheet"), "asbestos": ("asbes", "asbestos sheet"), "thatch": ("rumbia", "thatch"),
    "plastic": ("terpal/plastik", "plastic sheet"), "timber": ("rangka kayu", "timber frame"),
    "bamboo": ("bambu", "bamboo"), "steel": ("rangka baja", "steel frame"), "board": ("papan", "boards"),
    "brick_unplastered": ("bata tanpa plester", "unplastered brick"), "brick": ("bata", "brick"),
    "block": ("batako", "concrete block"), "earth": ("tanah", "earth"), "screed": ("plester semen", "cement screed"),
    "tile": ("keramik/tegel", "tiles"), "good": ("baik", "sound"), "damaged": ("rusak", "damaged"),
    "leaking": ("bocor", "leaking"), "broken": ("rusak berat", "broken"),
    "foundation": ("fondasi", "foundation"), "sloof": ("sloof", "sloof"), "columns": ("kolom", "columns"),
    "ring_beam": ("ring balok", "ring beam"), "missing": ("tidak ada: {parts}", "missing: {parts}"),
    "all_present": ("semua ada", "all present"), "toilet": ("kakus", "toilet"),
    "septic_tank": ("tangki septik", "septic tank"), "none": ("tidak ada", "none"),
    "share": ("{a} m² dari {f} m² ({p} %)", "{a} m² of {f} m² ({p} %)"),
    "per_person": ("{a} m² untuk {n} orang ({p} m² per orang)", "{a} m² for {n} persons ({p} m² a person)"),
    "bedrooms": ("{b} kamar untuk {n} orang", "{b} bedrooms for {n} persons"),
    "flood": ("lantai {d} m {w} banjir terakhir", "floor {d} m {w} the last flood"),
    "above": ("di atas", "above"), "below": ("di bawah", "below"),
}


@dataclass(frozen=True)
class Rule:
    id: str
    name: Text
    rule: Text
    source: str


@cache
def _rules(path: str) -> dict[str, Rule]:
    where = Where(path)
    data = mapping(load_yaml(Path(path)), where, required=("criteria",), optional=("source",))
    rules = {}
    for key, spec in entries(data["criteria"], where / "criteria").items():
        at = where / "criteria" / key
        spec = mapping(spec, at, required=("name", "rule", "source"))
        rules[key] = Rule(key, bilingual(spec["name"], at / "name"), bilingual(spec["rule"], at / "rule"),
                          text(spec["source"], at / "source"))
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
    measured: Text
    rule: Text
    source: str


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


def _name(key: str) -> Text:
    return Text(*WORDS[key])


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
    found: dict[str, tuple[bool, Text]] = {}

    missing = [p for p, present in parts.structure.items() if not present]
    found["structure"] = (not missing, Text(WORDS["missing"][0].format(parts=", ".join(WORDS[p][0] for p in missing)),
                                            WORDS["missing"][1].format(parts=", ".join(WORDS[p][1] for p in missing)))
                          if missing else _name("all_present"))
    roof_ok = parts.roof_condition == "good" and parts.roof_covering not in ("thatch", "plastic")
    frame_bad = parts.roof_frame == "bamboo" or parts.roof_condition == "broken"
    found["roof"] = (roof_ok and not frame_bad, Text(
        f"{WORDS[parts.roof_covering][0]}, {WORDS[parts.roof_frame][0]}, {WORDS[parts.roof_condition][0]}",
        f"{WORDS[parts.roof_covering][1]}, {WORDS[parts.roof_frame][1]}, {WORDS[parts.roof_condition][1]}"))
    walls_ok = parts.wall_material not in ("bamboo", "board") and parts.wall_condition == "good"
    found["walls"] = (walls_ok, Text(f"{WORDS[parts.wall_material][0]}, {WORDS[parts.wall_condition][0]}",
                                      f"{WORDS[parts.wall_material][1]}, {WORDS[parts.wall_condition][1]}"))
    found["floor"] = (parts.floor != "earth", _name(parts.floor))

    def share(value: float, floor: float) -> Text:
        figures = {"a": value, "f": floor, "p": 100 * value / floor if floor else 0}
        return Text(WORDS["share"][0].format(**{k: i18n.plain(v, "id", 2) for k, v in figures.items()}),
                    WORDS["share"][1].format(**{k: i18n.plain(v, "en", 2) for k, v in figures.items()}))

    floor = state.floor_area
    found["light"] = (state.light_area >= LIGHT_SHARE * floor - 1e-9, share(state.light_area, floor))
    found["ventilation"] = (state.air_area >= AIR_SHARE * floor - 1e-9, share(state.air_area, floor))
    sanitation = [w for w, present in (("toilet", parts.toilet), ("septic_tank", parts.septic_tank)) if present]
    found["sanitation"] = (parts.toilet and parts.septic_tank,
                           Text(", ".join(WORDS[w][0] for w in sanitation) or WORDS["none"][0],
                                ", ".join(WORDS[w][1] for w in sanitation) or WORDS["none"][1]))
    per = floor / household.members
    found["area"] = (floor >= household.members * household.area_per_person - 1e-9,
                     Text(WORDS["per_person"][0].format(a=i18n.plain(floor, "id", 2), n=household.members,
                                                        p=i18n.plain(per, "id", 1)),
                          WORDS["per_person"][1].format(a=i18n.plain(floor, "en", 2), n=household.members,
                                                        p=i18n.plain(per, "en", 1))))
    found["bedrooms"] = (state.bedrooms >= household.bedrooms_needed,
                         Text(WORDS["bedrooms"][0].format(b=state.bedrooms, n=household.members),
                              WORDS["bedrooms"][1].format(b=state.bedrooms, n=household.members)))
    flood = household.flood
    if flood is not None:
        above = house.floor_height - flood.last_height
        side = WORDS["above" if above >= 0 else "below"]
        found["flood"] = (above >= flood.margin - 1e-9, Text(
            WORDS["flood"][0].format(d=i18n.plain(abs(above), "id", 2), w=side[0]),
            WORDS["flood"][1].format(d=i18n.plain(abs(above), "en", 2), w=side[1])))
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
