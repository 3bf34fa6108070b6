"""Quantities measured from a Design, per build step.

Each quantity is a named pure function of the design and a step number, registered in
:data:`QUANTITIES` with its unit and a label; the bill (``catalog/bill.yaml``) refers to
quantities by these names.  A step's quantities are what that step adds to the house.

Measuring rules (stated once, here and in the README):

* Lengths of walls, foundations, sloofs and ring beams are taken on wall centre lines; the
  overlap and gap at corners cancel.  Party walls count at the household's ``party_share``.
* Stone strip foundation: a trapezoid, ``foundation_top`` wide at the top and
  ``foundation_bottom`` at the bottom, from ``foundation_depth`` below ground up to the
  underside of the sloof (floor level minus the sloof depth), on a stone bedding
  (aanstamping) in a trench ``trench_clearance`` wider than the foundation on each side.
  Backfill is the trench less bedding and the stone below ground.
* Columns run from the sloof top (floor level) to the ring beam underside.  Longitudinal bars
  are four dia 10 (Persyaratan Pokok Rumah yang Lebih Aman).  Bars anchor and lap by ``bar_lap``
  diameters (40 d, Pedoman Teknis Rumah dan Bangunan Gedung Tahan Gempa, Ditjen Cipta Karya):
  a column's bars run that far into the sloof and into the ring beam; the bars of each sloof,
  ring beam and gable frame member (one wall, one closing wall's top edge) run that far into the
  member they meet at each end, or half of it where they continue straight into a member of the
  same step (two halves make one lap); a bar longer than a 12 m stock bar is lapped once more
  for every further stock bar.  Stirrups are dia 8 at ``stirrup_spacing`` with two 75 mm hooks
  (6 d but at least 75 mm, SNI 2847), from one end of each member to the other:
  ``ceil(length / spacing) + 1`` of them.
* Brick area: wall length less the columns in it, times the wall height, less openings built
  with the wall; an opening cut into an older wall is demolition instead.  The walls closing a
  roof above the wall plate (rumah/house/design.py: gable triangles, shed ends, the strip under
  a shed's high side, less what an earlier roof already closes; on a party line at the party
  share) are brick too, less the band of the gable frame beam along their top edge.  Plaster,
  skim coat and paint cover each finished face over the wall and ring beam height (outside faces
  also the plinth), less openings, and the closing walls whole.
* Roof area is the sloped area including overhangs: plan run / cos(pitch) for each slope.  A
  timber roof's purlins, ridge and wall plates run the ridge's length, a line at most
  :data:`PURLIN_SPACING` apart up each slope; trusses stand every :data:`PURLIN_SPAN` between
  gables farther apart than that.
* Entrance steps (rumah/house/entrance.py): a solid block of stone masonry in front of each
  outside door, the landing the full floor height and each tread as high as its top, plastered on
  its top, its risers and both sides; built in the door's step.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from ..house.design import EPS, Design, Wall
from ..house.existing import EXISTING_TEMPLATE
from ..i18n import N_, Message

#: Mass of steel bars per metre: 7850 kg/m3 x pi/4 x d^2. [kg/m]
BAR_MASS = {10: 7850 * math.pi / 4 * 0.010 ** 2, 8: 7850 * math.pi / 4 * 0.008 ** 2}
#: Each stirrup end is bent 6 d_b but at least 75 mm (SNI 2847 seismic hook). [m]
HOOK = 0.075
#: Setting-out boards stand this far outside the building line (DOMAIN worked example: 2(L+2)+2(W+2)). [m]
BOARD_OFFSET = 1.0
#: Reinforcing bars are sold 12 m long (catalog/resources.yaml, batang_12m). [m]
STOCK_BAR = 12.0
#: Face width of a 6/12 timber frame (kusen, SE DJBK 47/2026 3.11.3.4): a window's sash fills the
#: opening less this on every side. [m]
FRAME_FACE = 0.06


def sash_area(width: float, height: float) -> float:
    """Area of the sash inside a window's frame: the wall opening less the frame all round. [m2]"""
    return max(0.0, width - 2 * FRAME_FACE) * max(0.0, height - 2 * FRAME_FACE)


def stirrup_count(length: float, spacing: float) -> int:
    """Stirrups along one member, from one end to the other, at most ``spacing`` apart."""
    return math.ceil(length / spacing - 1e-9) + 1


def bar_length(run: float, lap: float) -> float:
    """Length of one bar line of ``run`` [m] (anchorages included) cut from 12 m stock bars,
    with a lap of ``lap`` [m] wherever one stock bar ends and the next begins. [m]"""
    if run <= STOCK_BAR + 1e-9:
        return run
    splices = math.ceil((run - STOCK_BAR) / (STOCK_BAR - lap) - 1e-9)
    return run + splices * lap


@dataclass(frozen=True)
class Quantity:
    name: str
    unit: str
    label: Message
    function: Callable[[Measure, int], float]


QUANTITIES: dict[str, Quantity] = {}


def quantity(unit: str, label: Message):
    """Register a quantity function under its own name; ``label`` is its text in the catalog."""
    def register(function: Callable[[Measure, int], float]) -> Callable[[Measure, int], float]:
        QUANTITIES[function.__name__] = Quantity(function.__name__, unit, label, function)
        return function
    return register


class Measure:
    """A Design with the figures every quantity needs, computed once."""

    def __init__(self, design: Design):
        self.design = design
        p = design.param
        self.wall_height = p("wall_height")
        self.plinth = p("plinth_height")
        self.depth = p("foundation_depth")
        self.top, self.bottom = p("foundation_top"), p("foundation_bottom")
        self.bedding = p("bedding_thickness")
        self.clearance = p("trench_clearance")
        self.sloof = (p("sloof_width"), p("sloof_depth"))
        self.column = p("column_size")
        self.ring = (p("ring_beam_width"), p("ring_beam_depth"))
        self.gable_beam = (p("gable_beam_width"), p("gable_beam_depth"))
        self.stirrup_spacing = p("stirrup_spacing")
        self.cover = p("concrete_cover")
        self.lap = p("bar_lap") * 0.010         # in diameters of the dia 10 bars [m]
        self.ceiling = bool(design.values["ceiling"])
        self.cos_pitch = math.cos(math.radians(p("roof_pitch")))

    # -- shared pieces -------------------------------------------------------------------------
    def walls(self, step: int) -> list[Wall]:
        return [w for w in self.design.walls if w.step == step]

    @cached_property
    def stone_height(self) -> float:
        """Height of the stone foundation: bottom to sloof underside. [m]"""
        return self.depth + self.plinth - self.sloof[1]

    @cached_property
    def stone_section(self) -> float:
        return (self.top + self.bottom) / 2 * self.stone_height

    @cached_property
    def stone_section_below_ground(self) -> float:
        width_at_ground = self.bottom - (self.bottom - self.top) * self.depth / self.stone_height
        return (self.bottom + width_at_ground) / 2 * self.depth

    @cached_property
    def trench(self) -> tuple[float, float]:
        """Trench width and depth. [m]"""
        return self.bottom + 2 * self.clearance, self.depth + self.bedding

    @cached_property
    def intermediate_columns(self) -> dict[str, int]:
        """Number of columns standing inside each wall (not at its ends)."""
        counts = {w.id: 0 for w in self.design.walls}
        for c in self.design.columns:
            if c.node:
                continue
            for w in self.design.walls:
                on_x = w.along == "x" and abs(c.y - w.y0) < EPS and w.x0 < c.x < w.x1
                on_y = w.along == "y" and abs(c.x - w.x0) < EPS and w.y0 < c.y < w.y1
                if on_x or on_y:
                    counts[w.id] += 1
        return counts

    @cached_property
    def openings_by_wall(self) -> dict[str, list]:
        result: dict[str, list] = {}
        for o in self.design.openings:
            result.setdefault(o.wall, []).append(o)
        return result

    def built_openings_area(self, wall: Wall) -> float:
        """Area of the openings left in a wall as it is built (not cut later). [m2]"""
        return sum(o.area for o in self.openings_by_wall.get(wall.id, []) if not o.cut)

    def faces(self, wall: Wall) -> tuple[int, int]:
        """(outside faces, inside faces) finished when the wall is built."""
        if wall.built_as == "exterior":
            return 1, 1
        if wall.built_as == "party":
            return 0, 1
        return 0, 2

    def column_height(self) -> float:
        return self.wall_height

    def stirrup_length(self, width: float, depth: float) -> float:
        return 2 * ((width - 2 * self.cover) + (depth - 2 * self.cover)) + 2 * HOOK

    def straight_ends(self, wall: Wall) -> int:
        """How many ends of ``wall`` continue straight into another wall of the same step."""
        ends = ((wall.x0, wall.y0), (wall.x1, wall.y1))
        count = 0
        for other in self.design.walls:
            if other is wall or other.step != wall.step or other.along != wall.along:
                continue          # two walls along one axis that share an end run on in one line
            others = ((other.x0, other.y0), (other.x1, other.y1))
            count += sum(1 for e in ends for o in others if abs(e[0] - o[0]) < EPS and abs(e[1] - o[1]) < EPS)
        return count

    def beam_bar(self, wall: Wall) -> float:
        """One bar of the sloof or ring beam on ``wall``: its length, anchored into the members it
        meets (``lap``) or lapped half-and-half with a straight continuation. [m]"""
        straight = self.straight_ends(wall)
        return bar_length(wall.length + (2 - straight) * self.lap + straight * self.lap / 2, self.lap)

    def wall_length(self, step: int) -> float:
        """Centre-line length of the walls the step adds, at the household's share: the length of
        its foundation, sloof and ring beam too. [m]"""
        return sum(w.length * w.share for w in self.walls(step))

    def columns(self, step: int) -> float:
        """Columns the step adds, at the household's share."""
        return sum(c.share for c in self.design.columns if c.step == step)

    def roofs(self, step: int):
        return [r for r in self.design.roofs if r.step == step]

    def runs(self, roof) -> dict[str, float]:
        """Plan run of each slope, eave side -> run from ridge (or high side) to the eave edge,
        where the eave overhangs. [m]"""
        if roof.form == "gable":
            return {side: roof.span / 2 + roof.overhang[side] for side in roof.eaves}
        return {roof.eaves[0]: roof.span + roof.overhang[roof.eaves[0]]}

    def roof_plan_area(self, roof) -> float:
        """Area the roof covers in plan with its overhangs where it faces the open air
        (:meth:`RoofBlock.plan_area`), less what an earlier roof it continues already covers of
        it (:meth:`continued`). [m2]"""
        area = roof.plan_area()
        for end in roof.ends:
            carried = self.continued(roof, end)
            if carried:
                # The earlier roof's overhang over this end: across the span and the eave
                # overhangs that reach the end, as deep as it overhangs (never below nothing).
                across = roof.side_length(end) + sum(roof.hang(eave, roof.corner(eave, end)) for eave in roof.eaves)
                area -= carried * across
        return max(0.0, area)

    def ridge_run(self, roof) -> float:
        """Length along the ridge (or along the high side), with the overhang of each end that
        is open where the ridge meets it, less what an earlier roof it continues already covers
        (never less than nothing). [m]"""
        middle = {side: sum(roof.side_line(side)[2:]) / 2 for side in roof.ends}
        return max(0.0, roof.length + sum(roof.hang(e, middle[e]) - self.continued(roof, e) for e in roof.ends))

    def eave_fascia(self, roof, side: str) -> float:
        """Fascia along eave ``side``: its open stretches, carried over the overhang of an end
        where both are open at their corner, less what an earlier roof it continues covers. [m]"""
        length = roof.open_length(side)
        for end in roof.ends:
            if roof.open_corner(side, end):
                length += roof.hang(end, roof.corner(end, side)) - self.continued(roof, end)
        return max(0.0, length)

    def barge_fascia(self, roof, end: str) -> float:
        """Fascia up the slope(s) of end ``end``, in plan: its open stretches, carried over the
        overhang of an eave where both are open at their corner. [m]"""
        length = roof.open_length(end)
        if not length:
            return 0.0
        return length + sum(roof.hang(eave, roof.corner(eave, end)) for eave in roof.eaves
                            if roof.open_corner(end, eave))

    def continued(self, roof, end: str) -> float:
        """How far an earlier roof of the same section (form, ridge, span, pitch) already reaches
        over ``end`` of ``roof``: its overhang there, built when that side was open air.  The roof
        carries on from it: its covering, battens, ridge and fascia start where the overhang ends,
        not at the wall line again (inti-6m's core roof, continued back by steps 2 and 3). [m]"""
        if roof.free[end] or self.design.template == EXISTING_TEMPLATE:
            # (A surveyed house's roof is measured as the survey found it, not as the template's
            # overhang would have it: rooms added behind it start from its wall.)
            return 0.0
        facing = {"front": "back", "back": "front", "left": "right", "right": "left"}[end]
        along, fixed, start, stop = roof.side_line(end)
        for other in self.design.roofs:
            o_along, o_fixed, o_start, o_stop = other.side_line(facing)
            if other.step < roof.step and other.free[facing] and o_along == along and abs(o_fixed - fixed) < 1e-9 \
                    and abs(o_start - start) < 1e-9 and abs(o_stop - stop) < 1e-9 and other.form == roof.form \
                    and other.ridge == roof.ridge and other.high == roof.high and other.pitch == roof.pitch:
                return other.overhang[facing]
        return 0.0

    def closing_walls(self, step: int):
        """Walls above the wall plate that close the step's roofs (gables and the like)."""
        return [w for r in self.roofs(step) for w in r.closing]

    def gable_area(self, step: int) -> float:
        """Area of the walls closing the step's roofs, at the household's share. [m2]"""
        return sum(w.area * w.share for w in self.closing_walls(step))

    def clear_area(self, step: int) -> float:
        return sum(r.clear_area for r in self.design.rooms if r.step == step)

    def rooms(self, step: int):
        return [r for r in self.design.rooms if r.step == step]


# -- preparation and earthworks ----------------------------------------------------------------
@quantity("m2", N_("Floor area (wall centre lines)"))
def floor_area(m: Measure, step: int) -> float:
    return m.design.floor_area(step)


@quantity("m2", N_("Clear floor area"))
def floor_clear_area(m: Measure, step: int) -> float:
    return m.clear_area(step)


@quantity("m", N_("Setting-out boards"))
def setting_out_length(m: Measure, step: int) -> float:
    rooms = m.rooms(step)
    width = max(r.x1 for r in rooms) - min(r.x0 for r in rooms)
    depth = max(r.y1 for r in rooms) - min(r.y0 for r in rooms)
    return 2 * (width + 2 * BOARD_OFFSET) + 2 * (depth + 2 * BOARD_OFFSET)


@quantity("m3", N_("Foundation trench excavation"))
def excavation_volume(m: Measure, step: int) -> float:
    width, depth = m.trench
    return width * depth * m.wall_length(step)


@quantity("m3", N_("Dry stone bedding"))
def bedding_volume(m: Measure, step: int) -> float:
    return m.bottom * m.bedding * m.wall_length(step)


@quantity("m3", N_("Stone strip foundation 1:4"))
def foundation_volume(m: Measure, step: int) -> float:
    return m.stone_section * m.wall_length(step)


@quantity("m3", N_("Trench backfill"))
def backfill_volume(m: Measure, step: int) -> float:
    width, depth = m.trench
    per_metre = width * depth - m.bottom * m.bedding - m.stone_section_below_ground
    return per_metre * m.wall_length(step)


@quantity("m3", N_("Floor fill (raising the floor)"))
def floor_fill_volume(m: Measure, step: int) -> float:
    d = m.design
    finish = float(d.choice_attrs["floor"]["finish"])
    thickness = m.plinth - d.param("sand_bed") - d.param("floor_slab") - finish
    return m.clear_area(step) * max(0.0, thickness)


def _spoil(m: Measure, step: int) -> float:
    """Soil dug for the step's foundations and not put back in the trenches. [m3]"""
    return max(0.0, excavation_volume(m, step) - backfill_volume(m, step))


@quantity("m3", N_("Floor fill from the dug soil"))
def floor_fill_site_volume(m: Measure, step: int) -> float:
    # The soil dug for the foundations lies on site: it fills the floor first, one m3 dug (in the
    # ground) for one m3 compacted (a stated assumption: loosened soil compacts back to about its
    # volume in the ground).
    return min(floor_fill_volume(m, step), _spoil(m, step))


@quantity("m3", N_("Floor fill, earth brought in"))
def floor_fill_bought_volume(m: Measure, step: int) -> float:
    return floor_fill_volume(m, step) - floor_fill_site_volume(m, step)


@quantity("m3", N_("Sand bed under the floor"))
def floor_sand_volume(m: Measure, step: int) -> float:
    return m.clear_area(step) * m.design.param("sand_bed")


@quantity("m3", N_("Lean concrete floor slab"))
def lean_concrete_volume(m: Measure, step: int) -> float:
    return m.clear_area(step) * m.design.param("floor_slab")


# -- structure ---------------------------------------------------------------------------------
@quantity("m3", N_("Sloof concrete"))
def sloof_concrete_volume(m: Measure, step: int) -> float:
    return m.sloof[0] * m.sloof[1] * m.wall_length(step)


@quantity("m2", N_("Sloof formwork"))
def sloof_formwork_area(m: Measure, step: int) -> float:
    return 2 * m.sloof[1] * m.wall_length(step)


@quantity("unit", N_("Practical columns"))
def column_count(m: Measure, step: int) -> float:
    return m.columns(step)


@quantity("m3", N_("Column concrete"))
def column_concrete_volume(m: Measure, step: int) -> float:
    return m.columns(step) * m.column ** 2 * m.column_height()


@quantity("m2", N_("Column formwork"))
def column_formwork_area(m: Measure, step: int) -> float:
    # Two faces: the other two are bonded into the brickwork (toothing).
    return m.columns(step) * 2 * m.column * m.column_height()


@quantity("m3", N_("Ring beam concrete"))
def ring_beam_concrete_volume(m: Measure, step: int) -> float:
    return m.ring[0] * m.ring[1] * m.wall_length(step)


@quantity("m2", N_("Ring beam formwork"))
def ring_beam_formwork_area(m: Measure, step: int) -> float:
    return 2 * m.ring[1] * m.wall_length(step)


def _gable_beam_length(m: Measure, step: int) -> float:
    """The gable frame (balok ampig) runs along the top edge of every wall closing a roof. [m]"""
    return sum(w.top * w.share for w in m.closing_walls(step))


@quantity("m3", N_("Gable frame concrete"))
def gable_beam_concrete_volume(m: Measure, step: int) -> float:
    return m.gable_beam[0] * m.gable_beam[1] * _gable_beam_length(m, step)


@quantity("m2", N_("Gable frame formwork"))
def gable_beam_formwork_area(m: Measure, step: int) -> float:
    return 2 * m.gable_beam[1] * _gable_beam_length(m, step)


def _d10_lengths(m: Measure, step: int) -> dict[str, float]:
    """Length of dia 10 bars by member: four in every member, with their anchorages and laps. [m]"""
    beams = sum(4 * m.beam_bar(w) * w.share for w in m.walls(step))
    return {"sloof": beams, "columns": 4 * m.columns(step) * bar_length(m.column_height() + 2 * m.lap, m.lap),
            "ring": beams,
            "gables": sum(4 * bar_length(w.top + 2 * m.lap, m.lap) * w.share for w in m.closing_walls(step))}


def _d8_lengths(m: Measure, step: int) -> dict[str, float]:
    """Length of dia 8 stirrups by member. [m]"""
    s = m.stirrup_spacing
    along = sum(stirrup_count(w.length, s) * w.share for w in m.walls(step))
    return {"sloof": along * m.stirrup_length(*m.sloof),
            "columns": m.columns(step) * stirrup_count(m.column_height(), s) * m.stirrup_length(m.column, m.column),
            "ring": along * m.stirrup_length(*m.ring),
            "gables": (sum(stirrup_count(w.top, s) * w.share for w in m.closing_walls(step))
                       * m.stirrup_length(*m.gable_beam))}


def _d10_length(m: Measure, step: int, lower: bool) -> float:
    """Length of dia 10 bars of the lower members (sloof, columns) or the upper ones (ring beam,
    gable frame). [m]"""
    found = _d10_lengths(m, step)
    return found["sloof"] + found["columns"] if lower else found["ring"] + found["gables"]


def _d8_length(m: Measure, step: int, lower: bool) -> float:
    """Length of dia 8 stirrups, lower or upper members as for dia 10. [m]"""
    found = _d8_lengths(m, step)
    return found["sloof"] + found["columns"] if lower else found["ring"] + found["gables"]


# Each member's bars alone: a repair builds only the members a house lacks (catalog/repairs.yaml).
@quantity("kg", N_("Rebar dia 10, sloof"))
def rebar_d10_sloof_mass(m: Measure, step: int) -> float:
    return _d10_lengths(m, step)["sloof"] * BAR_MASS[10]


@quantity("kg", N_("Rebar dia 10, columns"))
def rebar_d10_column_mass(m: Measure, step: int) -> float:
    return _d10_lengths(m, step)["columns"] * BAR_MASS[10]


@quantity("kg", N_("Rebar dia 10, ring beam"))
def rebar_d10_ring_mass(m: Measure, step: int) -> float:
    return _d10_lengths(m, step)["ring"] * BAR_MASS[10]


@quantity("kg", N_("Rebar dia 10, gable frame"))
def rebar_d10_gable_mass(m: Measure, step: int) -> float:
    return _d10_lengths(m, step)["gables"] * BAR_MASS[10]


@quantity("kg", N_("Stirrups dia 8, sloof"))
def rebar_d8_sloof_mass(m: Measure, step: int) -> float:
    return _d8_lengths(m, step)["sloof"] * BAR_MASS[8]


@quantity("kg", N_("Stirrups dia 8, columns"))
def rebar_d8_column_mass(m: Measure, step: int) -> float:
    return _d8_lengths(m, step)["columns"] * BAR_MASS[8]


@quantity("kg", N_("Stirrups dia 8, ring beam"))
def rebar_d8_ring_mass(m: Measure, step: int) -> float:
    return _d8_lengths(m, step)["ring"] * BAR_MASS[8]


@quantity("kg", N_("Stirrups dia 8, gable frame"))
def rebar_d8_gable_mass(m: Measure, step: int) -> float:
    return _d8_lengths(m, step)["gables"] * BAR_MASS[8]


@quantity("kg", N_("Rebar dia 10, sloof and columns"))
def rebar_d10_lower_mass(m: Measure, step: int) -> float:
    return _d10_length(m, step, lower=True) * BAR_MASS[10]


@quantity("kg", N_("Rebar dia 10, ring beam and gable frame"))
def rebar_d10_upper_mass(m: Measure, step: int) -> float:
    return _d10_length(m, step, lower=False) * BAR_MASS[10]


@quantity("kg", N_("Rebar dia 10 (sloof, columns, ring beam, gable)"))
def rebar_d10_mass(m: Measure, step: int) -> float:
    return rebar_d10_lower_mass(m, step) + rebar_d10_upper_mass(m, step)


@quantity("kg", N_("Stirrups dia 8, sloof and columns"))
def rebar_d8_lower_mass(m: Measure, step: int) -> float:
    return _d8_length(m, step, lower=True) * BAR_MASS[8]


@quantity("kg", N_("Stirrups dia 8, ring beam and gable frame"))
def rebar_d8_upper_mass(m: Measure, step: int) -> float:
    return _d8_length(m, step, lower=False) * BAR_MASS[8]


@quantity("kg", N_("Stirrups dia 8"))
def rebar_d8_mass(m: Measure, step: int) -> float:
    return rebar_d8_lower_mass(m, step) + rebar_d8_upper_mass(m, step)


# -- walls -------------------------------------------------------------------------------------
@quantity("m2", N_("Walls"))
def wall_area(m: Measure, step: int) -> float:
    total = 0.0
    for w in m.walls(step):
        net_length = w.length - m.column * (1 + m.intermediate_columns[w.id])   # half a column at each end
        total += (net_length * m.wall_height - m.built_openings_area(w)) * w.share
    return total


@quantity("m2", N_("Gable walls"))
def gable_wall_area(m: Measure, step: int) -> float:
    # The gable frame beam takes a band as deep as itself along the top edge out of the brickwork.
    depth = m.gable_beam[1]
    return sum(max(0.0, w.area - w.top * depth) * w.share for w in m.closing_walls(step))


@quantity("m2", N_("Cutting openings into existing walls"))
def demolition_area(m: Measure, step: int) -> float:
    return sum(o.area for o in m.design.openings if o.cut and o.step == step)


def _face_areas(m: Measure, step: int) -> tuple[float, float]:
    """(outside, inside) finished face areas the step adds. [m2]"""
    outside = inside = 0.0
    height = m.wall_height + m.ring[1]
    for w in m.walls(step):
        n_out, n_in = m.faces(w)
        holes = m.built_openings_area(w)
        outside += n_out * (w.length * (height + m.plinth) - holes)
        inside += n_in * (w.length * height - holes)
    # Closing walls are plastered like the walls below them: outside where they face the weather
    # (not on a party line, which is the neighbour's side), inside unless a ceiling hides them.
    walls = m.closing_walls(step)
    outside += sum(w.area for w in walls if not w.party)
    inside += 0.0 if m.ceiling else sum(w.area for w in walls)
    return outside, inside


@quantity("m2", N_("Plaster 1:4, 15 mm"))
def plaster_area(m: Measure, step: int) -> float:
    return sum(_face_areas(m, step))


@quantity("m2", N_("Skim coat"))
def skim_area(m: Measure, step: int) -> float:
    return sum(_face_areas(m, step))


@quantity("m2", N_("Interior wall paint"))
def paint_interior_area(m: Measure, step: int) -> float:
    return _face_areas(m, step)[1]


@quantity("m2", N_("Exterior wall paint"))
def paint_exterior_area(m: Measure, step: int) -> float:
    return _face_areas(m, step)[0]


# -- entrance steps ----------------------------------------------------------------------------
def _entrances(m: Measure, step: int):
    return [e for e in m.design.entrances if e.step == step]


@quantity("m3", N_("Entrance steps, stone masonry 1:4"))
def entrance_steps_volume(m: Measure, step: int) -> float:
    # A solid block of rubble stone from the ground up: the landing the full height, each tread
    # as high as its top (rumah/house/entrance.py).
    return sum(e.volume for e in _entrances(m, step))


@quantity("m2", N_("Entrance steps, plaster 1:4"))
def entrance_steps_plaster_area(m: Measure, step: int) -> float:
    # Treads and landing, risers and both sides: a rubble-stone top is too rough to walk on.
    return sum(e.faces_area for e in _entrances(m, step))


# -- floor and ceiling -------------------------------------------------------------------------
@quantity("m2", N_("Floor finish"))
def floor_finish_area(m: Measure, step: int) -> float:
    return m.clear_area(step)


@quantity("m2", N_("Ceiling"))
def ceiling_area(m: Measure, step: int) -> float:
    return m.clear_area(step) if m.ceiling else 0.0


# -- roof --------------------------------------------------------------------------------------
@quantity("m2", N_("Roof area (sloped, with overhangs)"))
def roof_area(m: Measure, step: int) -> float:
    # Every slope has the roof's pitch, overhangs included: the sloped area is the plan's over
    # the cosine.
    return sum(m.roof_plan_area(r) for r in m.roofs(step)) / m.cos_pitch


@quantity("m", N_("Ridge"))
def ridge_length(m: Measure, step: int) -> float:
    return sum(m.ridge_run(r) for r in m.roofs(step) if r.form == "gable")


#: Purlins (gording) of a timber roof lie at most this far apart up the slope, from the wall plate
#: to the ridge: the span of the 5/7 rafters laid on them (rule of thumb). [m]
PURLIN_SPACING = 1.2
#: The farthest a 6/12 class II purlin spans between its supports (the gable walls, a truss);
#: farther, trusses stand between the gables (rule of thumb). [m]
PURLIN_SPAN = 3.5
#: Section of the timber purlins, ridge, wall plates and truss members: balok 6/12 (rule of thumb
#: for a small house's roof; the section the timber is bought in, resources.yaml). [m2]
TIMBER_SECTION = 0.06 * 0.12


def _timber_roofs(m: Measure, step: int) -> list:
    """The step's roofs when the roof chosen is framed in timber (a light-steel truss, priced by
    the m2 of roof, holds its own purlins)."""
    return m.roofs(step) if m.design.choice_attrs.get("roof", {}).get("frame") == "timber" else []


def purlin_lines(roof, cos_pitch: float) -> int:
    """Lines of timber along a roof: on each slope the wall plate and a purlin at most
    :data:`PURLIN_SPACING` apart up to the ridge, and the ridge itself (a shed: its high side)."""
    slope = (roof.span / 2 if roof.form == "gable" else roof.span) / cos_pitch
    per_slope = math.ceil(slope / PURLIN_SPACING - 1e-9)
    return (2 * per_slope + 1) if roof.form == "gable" else (per_slope + 1)


def truss_count(roof) -> int:
    """Trusses between a roof's two ends (gable walls, or the roof it continues): one every
    :data:`PURLIN_SPAN` along it, none when the purlins span it."""
    return max(0, math.ceil(roof.length / PURLIN_SPAN - 1e-9) - 1)


def truss_members(roof, pitch: float) -> float:
    """Length of one truss's members across the span: a gable's king-post truss (tie beam, two
    rafters, king post, two struts from its foot to the rafters' middle); a shed's half of one
    (tie beam, rafter, post at the high side, one strut). [m]"""
    span, cos, tan = roof.span, math.cos(math.radians(pitch)), math.tan(math.radians(pitch))
    if roof.form == "gable":
        return span + span / cos + span / 2 * tan + 2 * math.hypot(span / 4, span / 4 * tan)
    return span + span / cos + span * tan + math.hypot(span / 2, span / 2 * tan)


@quantity("m3", N_("Timber purlins, ridge and wall plates 6/12"))
def purlin_volume(m: Measure, step: int) -> float:
    # Along the roof as far as its covering reaches (open ends' overhangs carried on the purlins).
    return sum(purlin_lines(r, m.cos_pitch) * m.ridge_run(r) for r in _timber_roofs(m, step)) * TIMBER_SECTION


@quantity("m3", N_("Timber roof trusses 6/12"))
def truss_volume(m: Measure, step: int) -> float:
    return sum(truss_count(r) * truss_members(r, r.pitch) for r in _timber_roofs(m, step)) * TIMBER_SECTION


@quantity("m", N_("Fascia boards"))
def fascia_length(m: Measure, step: int) -> float:
    # Along the eaves (level), and up the slopes of the open ends (a gable's barge boards, a
    # shed's sloping sides).
    return sum(sum(m.eave_fascia(r, side) for side in r.eaves)
               + sum(m.barge_fascia(r, end) for end in r.ends) / m.cos_pitch for r in m.roofs(step))


# -- doors, windows, vents ---------------------------------------------------------------------
def _openings(m: Measure, step: int, kind: str):
    return [o for o in m.design.openings if o.step == step and o.kind == kind]


@quantity("m", N_("Timber door and window frames 6/12"))
def frame_length(m: Measure, step: int) -> float:
    doors = sum(2 * o.height + o.width for o in _openings(m, step, "door"))
    windows = sum(2 * (o.height + o.width) for o in _openings(m, step, "window"))
    return doors + windows


@quantity("piece", N_("Door leaves"))
def door_count(m: Measure, step: int) -> float:
    return float(len(_openings(m, step, "door")))


@quantity("m2", N_("Glazed window sashes"))
def window_area(m: Measure, step: int) -> float:
    # The sash fills the frame, not the wall opening (1.2 x 1.2 m opening: 1.08 x 1.08 m sash).
    return sum(sash_area(o.width, o.height) for o in _openings(m, step, "window"))


@quantity("m2", N_("Vent blocks"))
def vent_area(m: Measure, step: int) -> float:
    return sum(o.area for o in _openings(m, step, "vent"))


# -- sanitation and electrical -----------------------------------------------------------------
def _types(m: Measure):
    return m.design.room_types


@quantity("unit", N_("Squat toilets"))
def toilet_count(m: Measure, step: int) -> float:
    return float(sum(1 for r in m.rooms(step) if _types(m)[r.type].toilet))


@quantity("unit", N_("Septic tank"))
def septic_tank_count(m: Measure, step: int) -> float:
    toilets = [r.step for r in m.design.rooms if _types(m)[r.type].toilet]
    return 1.0 if toilets and min(toilets) == step else 0.0


@quantity("m", N_("PVC drain pipe 3 in"))
def drain_pipe_length(m: Measure, step: int) -> float:
    setback = m.design.param("septic_setback")
    return sum(r.centre[1] + setback for r in m.rooms(step) if _types(m)[r.type].wet)


@quantity("m", N_("PVC water pipe 1/2 in"))
def water_pipe_length(m: Measure, step: int) -> float:
    return sum(r.centre[0] + r.centre[1] for r in m.rooms(step) if _types(m)[r.type].wet)


@quantity("point", N_("Lighting points"))
def lighting_points(m: Measure, step: int) -> float:
    return float(sum(_types(m)[r.type].lights for r in m.rooms(step)))


@quantity("point", N_("Socket points"))
def socket_points(m: Measure, step: int) -> float:
    return float(sum(_types(m)[r.type].sockets for r in m.rooms(step)))


@quantity("unit", N_("Electrical panel (MCB)"))
def electric_panel_count(m: Measure, step: int) -> float:
    return 1.0 if step == min(s.number for s in m.design.steps) else 0.0


def takeoff(design: Design, steps: list[int] | None = None) -> dict[int, dict[str, float]]:
    """All quantities of the chosen steps (every step by default): step -> name -> value."""
    measure = Measure(design)
    numbers = steps if steps is not None else [s.number for s in design.steps]
    return {n: {name: q.function(measure, n) for name, q in QUANTITIES.items()} for n in numbers}


def units() -> Mapping[str, str]:
    return {name: q.unit for name, q in QUANTITIES.items()}
