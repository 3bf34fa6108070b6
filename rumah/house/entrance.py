"""Entrance steps (trap masuk): a solid flight from the ground up to a raised floor at an outside door.

A floor ``plinth_height`` above the ground needs a way in.  In front of the door from the street
(rumah/house/design.py ``_entrances`` says which doors those are; a back door or a door onto an
inner court gets none yet), the builder lays a solid block of steps: a landing at floor level in
front of the door, then treads down to the ground.  The rules (parameters in
catalog/parameters.yaml, with their sources):

* Risers are all alike and none is higher than ``step_riser_max``: ``ceil(height / riser_max)``
  of them.  When a single riser is enough (the floor at most ``step_riser_max`` above the
  ground) the door's own sill is that step and no steps are built.
* The landing, ``entrance_landing`` deep, is the top step: level with the floor.  Below it come
  ``risers - 1`` treads, each ``step_tread`` deep.
* The flight is as wide as the door plus ``entrance_margin`` on either side, centred on it, and
  starts at the outside face of the wall.

Plain data only: the Design places one :class:`EntranceSteps` per entrance from the street
(rumah/house/design.py), the takeoff measures it, the drawings draw it.  Plan coordinates as in
the Design. [m]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Tolerance on lengths. [m]
EPS = 1e-9


def risers_needed(height: float, riser_max: float) -> int:
    """Risers from the ground to a floor ``height`` above it, none higher than ``riser_max``;
    0 when one riser is enough (the door's sill is that step). [m]"""
    if height <= riser_max + EPS:
        return 0
    return math.ceil(height / riser_max - EPS)


@dataclass(frozen=True)
class EntranceSteps:
    """The steps in front of one outside door.

    door : id of the door (an Opening of the Design).
    step : the build step that builds them (the door's).
    x, y : the door's centre on the wall's centre line. [m]
    face : distance from the wall's centre line to its outside face, where the steps start. [m]
    direction : the way down and out, a unit vector along ``x`` or ``y`` (``(0, -1)``: towards
        the street).
    width : across the flight (door width plus the margins). [m]
    height : floor level above the ground. [m]
    risers : how many risers, all ``height / risers`` high.
    tread : depth of each tread below the landing. [m]
    landing : depth of the landing, level with the floor, in front of the door. [m]
    """

    door: str
    step: int
    x: float
    y: float
    face: float
    direction: tuple[int, int]
    width: float
    height: float
    risers: int
    tread: float
    landing: float

    @property
    def riser(self) -> float:
        """Height of each riser. [m]"""
        return self.height / self.risers

    @property
    def treads(self) -> int:
        """Treads below the landing."""
        return self.risers - 1

    @property
    def run(self) -> float:
        """How far the steps reach out from the wall's face: landing and treads. [m]"""
        return self.landing + self.treads * self.tread

    @property
    def profile_area(self) -> float:
        """Area of the flight's side (its section along the way up): the landing's block the full
        height, each tread's block as high as its top (``k`` risers for the ``k``-th from the
        ground). [m2]"""
        return self.landing * self.height + self.tread * self.riser * self.treads * (self.treads + 1) / 2

    @property
    def volume(self) -> float:
        """Solid volume of the flight. [m3]"""
        return self.width * self.profile_area

    @property
    def faces_area(self) -> float:
        """Exposed faces: the top of the landing and the treads, every riser and both sides. [m2]"""
        return self.width * self.run + self.width * self.height + 2 * self.profile_area

    def outline(self) -> tuple[tuple[float, float], ...]:
        """Footprint in plan: the flight's four corners, the two at the wall's face first. [m]"""
        return (self.point(0.0, -self.width / 2), self.point(0.0, self.width / 2),
                self.point(self.run, self.width / 2), self.point(self.run, -self.width / 2))

    def nosings(self) -> tuple[tuple[float, float, float], ...]:
        """Each step from the landing down: (distance of its front edge out from the wall's face,
        height of its top above the ground, its depth). [m]"""
        edges = [(self.landing, self.height, self.landing)]
        for k in range(1, self.treads + 1):
            edges.append((self.landing + k * self.tread, self.height - k * self.riser, self.tread))
        return tuple(edges)

    def point(self, out: float, across: float) -> tuple[float, float]:
        """The plan point ``out`` from the wall's face along the way down and ``across`` from the
        door's centre line. [m]"""
        dx, dy = self.direction
        start = self.face + out
        return (self.x + dx * start - dy * across, self.y + dy * start + dx * across)


def entrance_steps(door: str, step: int, centre: tuple[float, float], face: float, direction: tuple[int, int],
                   door_width: float, height: float, riser_max: float, tread: float, landing: float,
                   margin: float) -> EntranceSteps | None:
    """The steps in front of a door ``door_width`` wide whose floor stands ``height`` above the
    ground; None when none are needed (see :func:`risers_needed`). Lengths [m]."""
    risers = risers_needed(height, riser_max)
    if risers == 0:
        return None
    return EntranceSteps(door, step, centre[0], centre[1], face, direction, door_width + 2 * margin, height,
                         risers, tread, landing)
