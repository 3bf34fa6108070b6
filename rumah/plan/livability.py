"""Is the house, as far as it is built, livable for this household (rumah layak huni)?

Rules (DOMAIN.md section 2), checked for a set of finished build steps:

* ``area``: floor area per person at least 7.2 m2 (PUPR livable-house criteria; Permensos
  20/2017), or 9 m2 under the RSS standard (Kepmen Kimpraswil 403/KPTS/M/2002);
* ``toilet`` and ``kitchen``: the house has a bathroom with a toilet and a kitchen;
* ``bedrooms``: one bedroom for every ``persons_per_bedroom`` members (3 by default; a rule
  of thumb, stated);
* ``light``: daylight openings at least 10 % of the floor area (RLH criteria);
* ``air``: ventilation openings at least 5 % of the floor area (Kepmen 403/2002, RLH criteria).

Structural safety, the third pillar, is built into every step of every template.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..house.design import Design

RULES = ("area", "toilet", "kitchen", "bedrooms", "light", "air")
#: Daylight openings at least this share of the floor area (RLH criteria).
LIGHT_SHARE = 0.10
#: Ventilation openings at least this share of the floor area (Kepmen 403/2002; RLH criteria).
AIR_SHARE = 0.05


@dataclass(frozen=True)
class Check:
    """The rules for one built state: which hold and the figures behind them."""

    floor_area: float
    area_needed: float
    bedrooms: int
    bedrooms_needed: int
    light_area: float
    air_area: float
    has_toilet: bool
    has_kitchen: bool

    @cached_property
    def failing(self) -> tuple[str, ...]:
        held = {
            "area": self.floor_area >= self.area_needed - 1e-9,
            "toilet": self.has_toilet,
            "kitchen": self.has_kitchen,
            "bedrooms": self.bedrooms >= self.bedrooms_needed,
            "light": self.light_area >= LIGHT_SHARE * self.floor_area - 1e-9,
            "air": self.air_area >= AIR_SHARE * self.floor_area - 1e-9,
        }
        return tuple(rule for rule in RULES if not held[rule])

    @cached_property
    def livable(self) -> bool:
        return self.floor_area > 0 and not self.failing


def check(design: Design, built: Iterable[int], members: int, area_per_person: float,
          bedrooms_needed: int) -> Check:
    """The livability rules for the house once the steps in ``built`` are finished."""
    built = set(built)
    rooms = [r for r in design.rooms if r.step in built]
    types = design.room_types
    openings = [o for o in design.openings if o.step in built]
    return Check(
        floor_area=sum(r.area for r in rooms),
        area_needed=members * area_per_person,
        bedrooms=sum(1 for r in rooms if types[r.type].sleeping),
        bedrooms_needed=bedrooms_needed,
        light_area=sum(o.area * o.type.light for o in openings),
        air_area=sum(o.area * o.type.air for o in openings),
        has_toilet=any(types[r.type].toilet for r in rooms),
        has_kitchen=any(r.type == "kitchen" for r in rooms),
    )
