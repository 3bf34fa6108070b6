"""A floor plan of one build step as plain drawing data, read from the Design.

:func:`plan_sheet` returns a :class:`~rumah.documents.drawing.Sheet` in plan coordinates
(metres; ``x`` along the frontage, ``y`` from the street to the back, so the street is at the
bottom).  What the step builds, and what stands before it, is drawn solid (after the first step,
the walls it builds hatched on ``A-WALL-NEWW``, those standing on ``A-WALL-EXST``); what later
steps add is drawn on ``*-FUTR`` layers so the family sees what comes next.  A builder also finds: the
floor level against the ground outside (``+0,30`` over ``0,00``), every door, window and vent
tagged with its type and size and listed in a schedule, the septic tank and the drain to it, the
plot boundary when the household gave its plot, the wall material, and where the section cuts.

A house the family already lives in is drawn in phases (:class:`Works`): the house as it is with
what is taken down (``*-DEMO``), then the repaired house with its kept walls (``*-EXST``) apart
from the new work (``*-NEWW``), then the rooms added.

Texts are placed where they cross nothing (rumah.documents.labels); sizes of texts, symbols and
the gaps around the plan are chosen in millimetres of paper, so the sheet is laid out for its
scale, which is the largest standard scale at which it fits an A3 sheet (rumah.documents.paper).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .. import i18n
from ..house.design import EPS, TANK_DEPTH, TANK_INSIDE, TANK_WALL, Design, Opening, Wall, tank_reach
from ..house.existing import EXISTING_TEMPLATE, TOILET_PAN, Cubicle, Toilet
from ..i18n import pt, t
from . import paper as sheet_paper
from .drawing import (
    Arc,
    Box,
    Circle,
    Dimension,
    Label,
    Point,
    Polygon,
    ScheduleRow,
    Segment,
    Sheet,
    level,
    model_extents,
    text_box,
    union,
)
from .labels import Clearance, dimension_lines, place, place_dimension, segment_hits_box, spiral
from .section import cut_line

#: Sizes on paper [mm]: text cap heights, tags, grid bubbles, and how far annotations stand off.
TEXT, TAG = 2.5, 1.8
BUBBLE = 3.5                 # grid bubble radius
GRID_GAP = 3.0               # grid line beyond the house on the side without bubbles
DIM_LINES = (13.0, 19.0, 25.0)   # dimension lines off the plan: spans, the whole, the plot
BUBBLE_OFF = 7.0             # grid bubbles beyond the outermost dimension line, or the plan
MARK = 4.5                   # the section mark's stroke beyond the walls
#: Places tried for a room's name across half the room, at most (a finer search finds no more).
SPIRAL = 12
#: How far a note may stand from what it names without a leader to it, on paper. [mm]
LEADER_FROM = 4.0
#: The drain runs this far from the toilet's left wall. [m]
DRAIN_OFF = 0.15
#: A front yard left for the tank beyond it when the house is put on a plot deeper than it. [m]
YARD_BEYOND_TANK = 1.0

@dataclass(frozen=True)
class Works:
    """What the work on a house the family lives in does to it, for one drawing.

    phase : ``before`` (the house as it is, with what is taken down), ``repair`` (the mended
        house) or ``added`` (the rooms added to it).
    removed : walls taken down and built again where they stood.
    new_openings : windows cut into walls of the house.
    new_columns : whether its practical columns are built new (the survey found none).
    toilet : the squat toilet the repairs set (drawn from the repair on, its drain from it).
    """

    phase: str
    removed: frozenset[str] = frozenset()
    new_openings: tuple[Opening, ...] = ()
    new_columns: bool = False
    toilet: Toilet | None = None


@dataclass(frozen=True)
class Site:
    """What the plan shows around the house.

    plot : the household's plot (width at the street, depth) [m], or None.
    floor : the floor's height above the ground outside [m]; None: the design's plinth height.
    septic : the first step with a septic tank (None: none is drawn; 0: the step of the first
        room with a toilet).
    notes : lines for the sheet's notes (the wall material ...).
    """

    plot: tuple[float, float] | None = None
    floor: float | None = None
    septic: int | None = 0
    notes: tuple[str, ...] = ()


def _on_edge(point: Point, box: Box) -> bool:
    """Whether ``point`` lies on an edge of ``box`` (a wall's centre line around a grid bay)."""
    x, y = point
    within_x, within_y = box[0] - EPS <= x <= box[2] + EPS, box[1] - EPS <= y <= box[3] + EPS
    return (within_y and (abs(x - box[0]) < EPS or abs(x - box[2]) < EPS)) or \
        (within_x and (abs(y - box[1]) < EPS or abs(y - box[3]) < EPS))


def opening_codes(openings, lang: str) -> dict[str, str]:
    """A tag for every type of opening, numbered by kind in the order they first appear:
    ``P1``, ``P2`` ... for doors, ``J1`` ... windows, ``BV1`` ... vents (``D``, ``W``, ``V`` in English)."""
    # Translators: the letters a tag starts with, one or two capitals (Indonesian P for pintu, J for
    # jendela, BV for bouvenlicht).
    letters = {"door": pt("door tag", "D", lang), "window": pt("window tag", "W", lang),
               "vent": pt("vent tag", "V", lang)}
    codes: dict[str, str] = {}
    counts: dict[str, int] = {}
    for o in openings:
        if o.type.name not in codes:
            counts[o.kind] = counts.get(o.kind, 0) + 1
            codes[o.type.name] = f"{letters[o.kind]}{counts[o.kind]}"
    return codes


def _wall_pieces(wall: Wall, openings: list[Opening]) -> list[tuple[float, float]]:
    """Stretches of the wall's length left solid between its openings, ends stretched by half
    the thickness so that walls meet at corners."""
    half = wall.thickness / 2
    lo, hi = ((wall.x0, wall.x1) if wall.along == "x" else (wall.y0, wall.y1))
    centres = [(o.x if wall.along == "x" else o.y, o.width / 2) for o in openings]
    cuts = sorted((c - half_width, c + half_width) for c, half_width in centres)
    pieces, start = [], lo - half
    for a, b in cuts:
        if a > start + 1e-9:
            pieces.append((start, a))
        start = max(start, b)
    if hi + half > start + 1e-9:
        pieces.append((start, hi + half))
    return pieces


def _rectangle(wall: Wall, a: float, b: float) -> tuple[Point, ...]:
    half = wall.thickness / 2
    if wall.along == "x":
        return ((a, wall.y0 - half), (b, wall.y0 - half), (b, wall.y0 + half), (a, wall.y0 + half))
    return ((wall.x0 - half, a), (wall.x0 + half, a), (wall.x0 + half, b), (wall.x0 - half, b))


def _swing_side(design: Design, opening: Opening, wall: Wall) -> float:
    """+1 when the door opens towards +y (or +x) of its wall, -1 otherwise: into its room, or
    to the side the opening says."""
    if opening.swing:
        return opening.swing
    cx, cy = design.room(opening.room).centre
    return 1.0 if (cy > wall.y0 if wall.along == "x" else cx > wall.x0) else -1.0


def _door(design: Design, opening: Opening, wall: Wall, layer: str) -> tuple[list[Segment], list[Arc]]:
    """Leaf drawn open at right angles into the room it serves, hinged at the lower jamb, with
    the quarter circle it sweeps."""
    w_ = opening.width
    side = _swing_side(design, opening, wall)
    if wall.along == "x":
        hinge = (opening.x - w_ / 2, wall.y0)
        tip = (hinge[0], hinge[1] + side * w_)
        start, end = (0.0, 90.0) if side > 0 else (270.0, 360.0)
    else:
        hinge = (wall.x0, opening.y - w_ / 2)
        tip = (hinge[0] + side * w_, hinge[1])
        start, end = (0.0, 90.0) if side > 0 else (90.0, 180.0)
    return [Segment(layer, hinge, tip, opening.id)], [Arc(layer, hinge, w_, start, end, opening.id)]


def _window(opening: Opening, wall: Wall, layer: str) -> list[Segment]:
    """Jambs, both wall faces and the glass line through the middle."""
    half, w_ = wall.thickness / 2, opening.width
    if wall.along == "x":
        a, b, y = opening.x - w_ / 2, opening.x + w_ / 2, wall.y0
        ends = [((a, y - half), (a, y + half)), ((b, y - half), (b, y + half)), ((a, y - half), (b, y - half)),
                ((a, y + half), (b, y + half)), ((a, y), (b, y))]
    else:
        a, b, x = opening.y - w_ / 2, opening.y + w_ / 2, wall.x0
        ends = [((x - half, a), (x + half, a)), ((x - half, b), (x + half, b)), ((x - half, a), (x - half, b)),
                ((x + half, a), (x + half, b)), ((x, a), (x, b))]
    return [Segment(layer, p, q, opening.id) for p, q in ends]


def _vent(opening: Opening, wall: Wall, layer: str) -> list[Segment]:
    """Vent blocks high in the wall (above the plan's cut): three short dashes on its centre line."""
    w_ = opening.width
    c = opening.x if wall.along == "x" else opening.y
    dashes = [(c - w_ / 2 + w_ * k / 5, c - w_ / 2 + w_ * (k + 1) / 5) for k in (0, 2, 4)]
    if wall.along == "x":
        return [Segment(layer, (a, wall.y0), (b, wall.y0), opening.id) for a, b in dashes]
    return [Segment(layer, (wall.x0, a), (wall.x0, b), opening.id) for a, b in dashes]


def _wall_layer(wall: Wall, step: int, works: Works | None) -> str:
    """The layer of a wall on the sheet after ``step`` (with ``works``, the phase of a repair)."""
    if works is None:
        # After the first step, the walls this step builds are told from those standing already:
        # the builder sets out, orders and checks these.
        if wall.step > step:
            return "A-WALL-FUTR"
        return "A-WALL" if step == 1 else "A-WALL-NEWW" if wall.step == step else "A-WALL-EXST"
    if works.phase == "added":
        return "A-WALL-NEWW" if wall.step == step else "A-WALL-EXST" if wall.step < step else "A-WALL-FUTR"
    if wall.step > 1:
        return "A-WALL-FUTR"
    if wall.id in works.removed:
        return "A-WALL-DEMO" if works.phase == "before" else "A-WALL-NEWW"
    return "A-WALL-EXST"


class _Plan:
    """Collects the drawing of one plan sheet at one scale."""

    def __init__(self, design: Design, step: int, lang: str, scale: int, lettering: float):
        self.design, self.step, self.lang, self.scale = design, step, lang, scale
        self.k = scale / 1000                      # metres of model per millimetre of paper
        self.text = lettering * self.k
        self.lettering = lettering
        self.tag = TAG / TEXT * lettering * self.k
        self.polygons: list[Polygon] = []
        self.segments: list[Segment] = []
        self.arcs: list[Arc] = []
        self.circles: list[Circle] = []
        self.labels: list[Label] = []
        self.dims: list[Dimension] = []
        self.clear = Clearance()
        self.swings: list[tuple[Point, ...]] = []
        #: Bounds of the entrance steps and their texts, once drawn (the section mark stays beyond).
        self.steps_box: Box | None = None
        #: Openings this sheet's step cuts into walls built before it.
        self.cuts: list[tuple[Opening, Wall]] = []
        self.noted: set[int] = set()        # the cuts whose tag says "cut the wall" (by id)
        #: The toilet room a repair closes in a room, once drawn.
        self.carved: Cubicle | None = None
        #: Whether the toilet room's name and area found room inside it (else the toilet's note says them).
        self.carved_labelled = False

    def mm(self, value: float) -> float:
        """A size given on paper for ordinary lettering [mm], in the model at this scale and
        lettering (smaller lettering draws the whole plan tighter). [m]"""
        return value * self.k * self.lettering / TEXT

    # -- the house ---------------------------------------------------------------------------
    def house(self, works: Works | None) -> list[tuple[Opening, Wall]]:
        """Walls, openings, columns and rooms; returns the openings standing on this sheet."""
        design, step = self.design, self.step
        by_wall: dict[str, list[Opening]] = {}
        cut = {o.id for o in works.new_openings} if works else set()
        before = works is not None and works.phase == "before"
        for o in list(design.openings) + list(works.new_openings if works else ()):
            by_wall.setdefault(o.wall, []).append(o)
        standing = []
        for wall in design.walls:
            layer = _wall_layer(wall, step, works)
            built = layer != "A-WALL-FUTR"
            openings = by_wall.get(wall.id, [])
            holes = [o for o in openings if o.kind in ("door", "window")]
            # A standing wall has holes only for openings made by now; one cut later is shown dashed.
            # The house as it is shows the cuts for its new windows as pieces to take down.
            if built:
                holes = [o for o in holes if o.step <= step and not (o.id in cut and before)]
            for a, b in _wall_pieces(wall, holes):
                self.polygons.append(Polygon(layer, _rectangle(wall, a, b), layer != "A-WALL-DEMO" and built, wall.id))
            for o in openings:
                centre = o.x if wall.along == "x" else o.y
                if o.id in cut and before:
                    self.polygons.append(Polygon("A-WALL-DEMO", _rectangle(wall, centre - o.width / 2,
                                                                          centre + o.width / 2), False, o.id))
                    continue
                if o.cut and o.step == step and wall.step < step and o.kind != "vent" and not before:
                    # Cut by this step into a wall an earlier one built: the piece taken out, as on
                    # the sheet of a house lived in, and a note to the builder.
                    self.polygons.append(Polygon("A-WALL-DEMO", _rectangle(wall, centre - o.width / 2,
                                                                          centre + o.width / 2), False, o.id))
                    self.cuts.append((o, wall))
                now = o.step <= step
                layer = ({"door": "A-DOOR", "window": "A-GLAZ", "vent": "A-GLAZ"}[o.kind] if now else "A-WALL-FUTR")
                if now:
                    standing.append((o, wall))
                if o.kind == "door":
                    leaf, swing = _door(design, o, wall, layer)
                    self.segments += leaf
                    self.arcs += swing
                    self.swings.append(sector(swing[0].centre, swing[0].radius, swing[0].start, swing[0].end))
                elif o.kind == "window":
                    self.segments += _window(o, wall, layer)
                else:
                    self.segments += _vent(o, wall, layer)
        size = float(design.values["column_size"]) / 2
        for c in design.columns:
            if works is not None and works.new_columns and before and c.step == 1:
                continue                            # the survey found none: they come with the repair
            if c.step <= step:
                self.polygons.append(Polygon("S-COLS", ((c.x - size, c.y - size), (c.x + size, c.y - size),
                                                        (c.x + size, c.y + size), (c.x - size, c.y + size)), True))
        for room in design.rooms:
            corners = ((room.x0, room.y0), (room.x1, room.y0), (room.x1, room.y1), (room.x0, room.y1))
            self.polygons.append(Polygon("A-AREA" if room.step <= step else "A-AREA-FUTR", corners, tag=room.id))
        if works is not None and works.toilet is not None and not before:
            self.polygons += toilet_pan(works.toilet, design.wall(works.toilet.wall).along)
            if works.toilet.cubicle is not None:
                standing.append(self.cubicle(works.toilet.cubicle))
        return standing

    def cubicle(self, cubicle: Cubicle) -> tuple[Opening, Wall]:
        """The new walls of a toilet room a repair closes, its door with its swing; returns the
        door and its wall."""
        door = cubicle.door
        for wall in cubicle.walls:
            holes = [door] if door.wall == wall.id else []
            for a, b in _wall_pieces(wall, holes):
                self.polygons.append(Polygon("A-WALL-NEWW", _rectangle(wall, a, b), True, wall.id))
        wall = next(w_ for w_ in cubicle.walls if w_.id == door.wall)
        leaf, swing = _door(self.design, door, wall, "A-DOOR")
        self.segments += leaf
        self.arcs += swing
        self.swings.append(sector(swing[0].centre, swing[0].radius, swing[0].start, swing[0].end))
        self.carved = cubicle
        return door, wall

    def house_box(self) -> Box:
        d = self.design
        half = max(w_.thickness for w_ in d.walls) / 2
        return (d.xs[0] - half, d.ys[0] - half, d.xs[-1] + half, d.ys[-1] + half)

    # -- around the house --------------------------------------------------------------------
    def septic(self, first_step: int | None, toilet: Toilet | None = None) -> Box | None:
        """The septic tank ``septic_setback`` in front of the house, in front of the first toilet
        (a toilet room, else the ``toilet`` a repair sets, within the house's width), with the
        toilet's drain; dashed when a later step builds it."""
        if first_step is None:
            return None
        design = self.design
        types = design.room_types
        toilets = sorted((r for r in design.rooms if types[r.type].toilet), key=lambda r: (r.step, r.x0))
        if first_step == 0:
            if not toilets:
                return None
            first_step = toilets[0].step
        front = design.ys[0] - float(design.values["septic_setback"])
        ow, od = TANK_INSIDE[0] + 2 * TANK_WALL, TANK_INSIDE[1] + 2 * TANK_WALL
        if toilet is not None and not toilets:
            x = min(max(toilet.x, design.xs[0] + ow / 2), design.xs[-1] - ow / 2)
        elif toilets:
            # In front of the toilet room, and far enough towards its left wall that the drain
            # running along that wall enters the tank.
            x = min(toilets[0].centre[0], self._drain_line(toilets[0]) + ow / 2 - TANK_WALL)
        else:
            x = (design.xs[0] + design.xs[-1]) / 2
        # The drain that runs straight to the front must still enter the tank moved aside.
        drain = (toilet.x if toilet is not None and not toilets else
                 self._drain_line(toilets[0]) if toilets else None)
        x = _beside_steps(x, ow, front - od, front, design, drain)
        layer = "P-SANR" if first_step <= self.step else "A-WALL-FUTR"
        outer = ((x - ow / 2, front - od), (x + ow / 2, front - od), (x + ow / 2, front), (x - ow / 2, front))
        inner = ((x - ow / 2 + TANK_WALL, front - od + TANK_WALL), (x + ow / 2 - TANK_WALL, front - od + TANK_WALL),
                 (x + ow / 2 - TANK_WALL, front - TANK_WALL), (x - ow / 2 + TANK_WALL, front - TANK_WALL))
        self.polygons += [Polygon(layer, outer, tag="septic"), Polygon(layer, inner, tag="septic")]
        if toilet is not None and not toilets and first_step <= self.step:
            # The drain of the toilet a repair sets: straight from its pan to the front and on to
            # the tank, as long as the repair prices it.
            self._drain_to(drain, toilet.y, x, ow, front, od, layer)
        elif toilets and toilets[0].step <= self.step:
            # The drain, dashed on paper (2 mm dashes): from the toilet straight to the tank, along
            # the toilet's left wall (clear of the middle of the rooms it passes under).
            self._drain_to(drain, toilets[0].centre[1], x, ow, front, od, layer)
        if toilet is None and design.template != EXISTING_TEMPLATE:
            # Every other wet room built by now drains too, as the bill prices it (its centre to
            # the front, on to the tank's line in the yard: rumah.cost.takeoff.drain_pipe_length),
            # along its own left wall: its grey water to the yard, a soakaway or the street drain.
            # Placed in the order they are built, the toilet's line kept from the start: a drain
            # laid at one step stands where it was on every later sheet.  None ends on the tank.
            taken = [drain] if drain is not None else []
            tank = (x - ow / 2, x + ow / 2)
            for room in sorted(design.rooms, key=lambda r: r.step):
                if types[room.type].wet and (not toilets or room is not toilets[0]):
                    line = self._grey_line(room, taken, front, tank)
                    taken.append(line)
                    if room.step <= self.step:
                        self._drain((line, room.centre[1]), (line, front), "P-SANR", "grey water")
        self.septic_label = (layer, x, front - od / 2, ow)
        return (x - ow / 2, front - od, x + ow / 2, front)

    def _grey_line(self, room, taken: list[float], front: float, tank: tuple[float, float]) -> float:
        """Where a wet room's drain runs to the front: along its left wall, else its right one,
        clear of the drains on those lines already, of the entrance steps and their note (a pipe
        under stone steps cannot be reached) and of the tank (grey water does not go into it),
        else just past the steps or the tank. [m]"""
        half = max(w_.thickness for w_ in self.design.walls) / 2
        kept = _flights(self.design) + ([self.steps_box] if self.steps_box else [])

        def blocked(line: float) -> bool:
            return any(abs(line - other) < DRAIN_OFF - EPS for other in taken) or any(
                x0 < line < x1 and y0 < room.centre[1] and y1 > front for x0, y0, x1, y1 in kept)

        # (Off the tank where a wall line allows: a row house's kitchen beside its WC has no line
        # but over the tank, as wide as the service bay.)
        candidates = [room.x0 + half + DRAIN_OFF + k * DRAIN_OFF for k in range(3)]
        candidates += [room.x1 - half - DRAIN_OFF - k * DRAIN_OFF for k in range(3)]
        candidates.sort(key=lambda line: tank[0] - DRAIN_OFF / 2 < line < tank[1] + DRAIN_OFF / 2)
        candidates += [x1 + DRAIN_OFF for _, _, x1, _ in kept]
        return next((line for line in candidates if not blocked(line)), candidates[0])

    def _drain_line(self, toilet) -> float:
        """Where a toilet room's drain runs to the front: along its left wall, clear of it. [m]"""
        return toilet.x0 + max(w_.thickness for w_ in self.design.walls) / 2 + DRAIN_OFF

    def _drain_to(self, along: float, start: float, x: float, ow: float, front: float, od: float, layer: str) -> None:
        """The drain at x ``along`` from the toilet (``start``) to the tank centred at ``x``: straight
        into it, or, when the tank was moved aside of the steps, on past its side to its middle
        and across to it."""
        if x - ow / 2 + TANK_WALL - EPS <= along <= x + ow / 2 - TANK_WALL + EPS:
            self._drain((along, start), (along, front), layer)
            return
        middle = front - od / 2
        self._drain((along, start), (along, middle), layer)
        self._drain((along, middle), (x - ow / 2 if along < x else x + ow / 2, middle), layer)

    def _drain(self, start: Point, end: Point, layer: str, tag: str = "drain") -> None:
        """The drain from ``start`` to ``end``, dashed on paper (dashes of about 2 mm, gaps of half
        that), its first and last dash at its ends: as long as it is priced."""
        length, dash = math.dist(start, end), self.mm(2.0)
        if length <= 1e-9:
            return
        count = max(1, round((length + dash / 2) / (dash * 1.5)))
        dash = length / (1.5 * count - 0.5)

        def at(distance: float) -> Point:
            share = min(distance, length) / length
            return (start[0] + share * (end[0] - start[0]), start[1] + share * (end[1] - start[1]))

        for k in range(count):
            self.segments.append(Segment(layer, at(k * dash * 1.5), at(k * dash * 1.5 + dash), tag))

    def cut_notes(self) -> None:
        """``bobok dinding`` beside every opening cut into a wall an earlier step built, as near
        as there is room; one placed further than :data:`LEADER_FROM` from the cut is joined to
        it by a leader ending in a dot at the cut (a note on the next wall would have the builder
        break that one)."""
        half = max(w.thickness for w in self.design.walls) / 2
        for o, wall in self.cuts:
            if id(o) in self.noted:
                continue                    # written under the opening's tag
            # In a room the cut opens, before anywhere near: a note in the next room reads as
            # that room's wall.
            rooms = [self.design.room(r) for r in wall.rooms if r is not None]
            places = [(r.x0 + half, r.y0 + half, r.x1 - half, r.y1 - half) for r in rooms] + [None]
            texts = [text_box(label) for label in self.labels]
            for within, factor in [(box, factor) for box in places for factor in (1.0, 0.85)]:
                label = Label("A-ANNO-NOTE", t("cut the wall", self.lang), (o.x, o.y), self.tag * factor)
                found = self._note_place(label, texts, within, wall.y0 == wall.y1)
                if found is not None:
                    label, leader = found
                    self.labels.append(label)
                    self.clear.box(text_box(label))
                    for segment in leader:
                        self.clear.add(segment)
                    self.segments += leader
                    break

    def _note_place(self, label: Label, texts: list[Box], within: Box | None,
                    across_y: bool) -> tuple[Label, list[Segment]] | None:
        """``label`` moved to the nearest place (within ``within``) where it touches nothing and
        its leader to where it stood (:meth:`_leader`) crosses no text, and that leader."""
        target = label.at
        box = text_box(label)
        for dx, dy in spiral(self.mm(0.5), self.mm(30.0)):
            moved_box = (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
            if within is not None and (moved_box[0] < within[0] or moved_box[1] < within[1]
                                       or moved_box[2] > within[2] or moved_box[3] > within[3]):
                continue
            if self.clear.hits(moved_box):
                continue
            leader = self._leader(moved_box, target, across_y)
            if any(segment_hits_box(s.start, s.end, text) for s in leader if s.tag == "leader" for text in texts):
                continue
            return replace(label, at=(target[0] + dx, target[1] + dy)), leader
        return None

    def _leader(self, box: Box, target: Point, across_y: bool) -> list[Segment]:
        """A leader from a note's ``box`` to ``target`` on a wall (running along x when
        ``across_y``), ending in a dot: none when the note stands within :data:`LEADER_FROM` of it.
        It leaves the wall square to it, towards the note, before turning to the note: never
        along the wall, where the wall's own lines would hide it."""
        x0, y0, x1, y1 = box
        near = (min(max(target[0], x0), x1), min(max(target[1], y0), y1))
        if math.dist(near, target) <= self.mm(LEADER_FROM):
            return []
        out = self.mm(LEADER_FROM)
        if across_y:
            knee = (target[0], target[1] + math.copysign(out, (y0 + y1) / 2 - target[1]))
        else:
            knee = (target[0] + math.copysign(out, (x0 + x1) / 2 - target[0]), target[1])
        near = (min(max(knee[0], x0), x1), min(max(knee[1], y0), y1))
        dot = self.tag * 0.25
        return [Segment("A-ANNO-NOTE", target, knee, "leader"), Segment("A-ANNO-NOTE", knee, near, "leader"),
                Segment("A-ANNO-NOTE", (target[0] - dot, target[1]), (target[0] + dot, target[1]), "dot")]

    def toilet_note(self, works: Works | None) -> None:
        """``Kloset jongkok baru`` beside the toilet a repair sets, in its room where there is
        room (near it outside the room where there is none)."""
        if works is None or works.toilet is None or works.phase != "repair":
            return
        toilet = works.toilet
        room = self.design.room(toilet.room)
        half = max(w_.thickness for w_ in self.design.walls) / 2
        text, h = t("New squat toilet", self.lang), self.tag
        if self.carved is not None and not self.carved_labelled:
            area = i18n.number(self.carved.area, self.lang) + " m²"
            text = t("New toilet room {area}, squat toilet", self.lang, area=area)
        words = text.split(" ")
        cut = min(range(1, max(2, len(words))), key=lambda k: max(len(" ".join(words[:k])), len(" ".join(words[k:]))))
        # In the room on as few lines as fit: one, two as even as they come, or a word a line.
        arrangements = [[text]] + ([[" ".join(words[:cut]), " ".join(words[cut:])]] if len(words) > 1 else [])
        arrangements += [words] if len(words) > 2 else []
        within = (room.x0 + half, room.y0 + half, room.x1 - half, room.y1 - half)
        # Smaller in its room before outside it, no smaller than the smallest room name.
        tries = [(within, lines, factor) for factor in (1.0, 0.85) for lines in arrangements]
        tries += [(None, lines, 1.0) for lines in arrangements]
        for bounds, lines, factor in tries:
            size = h * factor
            labels = [Label("A-ANNO-NOTE", line, (toilet.x, toilet.y - k * size * 1.7), size)
                      for k, line in enumerate(lines)]
            found = place(self.clear, labels, spiral(self.mm(0.5), self.mm(30.0)), within=bounds)
            if found:
                self.labels += found[0]
                return

    def plot(self, plot: tuple[float, float] | None) -> Box | None:
        """The plot boundary, the house centred on its width and set back from the street far
        enough for the septic tank (its place on the plot is a guide, not a survey)."""
        if plot is None:
            return None
        d = self.design
        width, depth = plot
        house_depth = d.ys[-1] - d.ys[0]
        # The same place in every phase and step: room for the tank whether or not it is built yet.
        needed = tank_reach(d.values) + YARD_BEYOND_TANK
        front = d.ys[0] - min(max(0.0, depth - house_depth), needed)
        left = (d.xs[0] + d.xs[-1]) / 2 - width / 2
        box = (left, front, left + width, front + depth)
        self.polygons.append(Polygon("C-PROP", ((box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])),
                                     tag="plot"))
        return box

    # -- grid and dimensions -----------------------------------------------------------------
    def dimension(self, p1: Point, p2: Point, along: str, base: float) -> None:
        length = abs(p2[0] - p1[0]) if along == "x" else abs(p2[1] - p1[1])
        if length >= 0.005:
            self.dims.append(place_dimension(self.clear, p1, p2, along, base, i18n.number(length, self.lang),
                                             self.text))

    def grid_and_dimensions(self, outer: Box, plot: Box | None, built: bool = False) -> Box:
        """Grid axes with bubbles (across the back and on the left), the spans, the whole house
        (``built``: what is built by this step, on a sheet of a step that builds less than the
        whole) and the plot dimensioned across the back and down the right.  Returns the bounds."""
        d = self.design
        xs, ys = d.xs, d.ys
        whole_x, whole_y = (xs[0], xs[-1]), (ys[0], ys[-1])
        rooms = [r for r in d.rooms if r.step <= self.step]
        if built and rooms:
            # The builder of step 1 sets out what step 1 builds: its size, not the finished house's.
            whole_x = (min(r.x0 for r in rooms), max(r.x1 for r in rooms))
            whole_y = (min(r.y0 for r in rooms), max(r.y1 for r in rooms))
        house = self.house_box()
        top = outer[3] + self.mm(DIM_LINES[2 if plot else 1] + BUBBLE_OFF + BUBBLE)
        left = outer[0] - self.mm(BUBBLE_OFF + BUBBLE)
        r = self.mm(BUBBLE)
        for k, x in enumerate(xs):
            self.segments.append(Segment("A-GRID", (x, house[1] - self.mm(GRID_GAP)), (x, top - r)))
            self.circles.append(Circle("A-GRID-IDEN", (x, top), r))
            self.labels.append(Label("A-GRID-IDEN", chr(ord("A") + k), (x, top), self.text))
        for k, y in enumerate(ys):
            self.segments.append(Segment("A-GRID", (left + r, y), (house[2] + self.mm(GRID_GAP), y)))
            self.circles.append(Circle("A-GRID-IDEN", (left, y), r))
            self.labels.append(Label("A-GRID-IDEN", str(k + 1), (left, y), self.text))
        for s in self.segments:
            if s.layer == "A-GRID":
                self.clear.segment(s.start, s.end)
        for c in self.circles:
            self.clear.arc(c.centre, c.radius, 0, 360)
        for label in self.labels:
            self.clear.box(text_box(label))
        spans_x = list(zip(xs, xs[1:]))
        spans_y = list(zip(ys, ys[1:]))
        if plot:
            spans_x = [(plot[0], xs[0])] + spans_x + [(xs[-1], plot[2])]
            spans_y = [(plot[1], ys[0])] + spans_y + [(ys[-1], plot[3])]
        lines = [(spans_x, spans_y, DIM_LINES[0]), ([whole_x], [whole_y], DIM_LINES[1])]
        if plot:
            lines.append(([(plot[0], plot[2])], [(plot[1], plot[3])], DIM_LINES[2]))
        wanted = []
        for along_x, along_y, offset in lines:
            base_x, base_y = outer[3] + self.mm(offset), outer[2] + self.mm(offset)
            for a, b in along_x:
                if abs(b - a) > 0.005:
                    wanted.append(((a, house[3] if plot is None or a in xs else plot[3]),
                                   (b, house[3] if plot is None or b in xs else plot[3]), "x", base_x))
            for a, b in along_y:
                if abs(b - a) > 0.005:
                    wanted.append(((house[2] if plot is None or a in ys else plot[2], a),
                                   (house[2] if plot is None or b in ys else plot[2], b), "y", base_y))
        for p1, p2, along, base in wanted:
            dimension_lines(self.clear, p1, p2, along, base)
        for p1, p2, along, base in wanted:
            self.dimension(p1, p2, along, base)
        return (left - r, outer[1], outer[2] + self.mm(DIM_LINES[2 if plot else 1]), top + r)

    def section_mark(self) -> list[Label]:
        """Where the section cuts: a heavy stroke just beyond the walls at each end and an arrow
        the way it looks (drawn before the dimensions, which keep clear of them).  Returns its
        letters, to be placed once the dimensions are."""
        cut = cut_line(self.design)
        house = union([b for b in (self.house_box(), self.steps_box) if b])
        gap, stroke, arrow = self.mm(1.5), self.mm(MARK), self.mm(4.0)
        head = self.mm(1.2)
        letters = []
        for end in (0, 1):
            if cut.along == "x":
                x = house[0] - gap - stroke if end == 0 else house[2] + gap
                a, b = (x, cut.at), (x + stroke, cut.at)
                tip_from = a if end == 0 else b
                tip = (tip_from[0], tip_from[1] + arrow)
                wings = ((tip[0] - head, tip[1] - head * 1.6), (tip[0] + head, tip[1] - head * 1.6))
                spot = (tip[0], tip[1] + self.text)
            else:
                y = house[1] - gap - stroke if end == 0 else house[3] + gap
                a, b = (cut.at, y), (cut.at, y + stroke)
                tip_from = a if end == 0 else b
                tip = (tip_from[0] - arrow, tip_from[1])
                wings = ((tip[0] + head * 1.6, tip[1] - head), (tip[0] + head * 1.6, tip[1] + head))
                spot = (tip[0] - self.text, tip[1])
            shapes = [Segment("A-ANNO-SYMB", a, b, "cut"), Segment("A-ANNO-SYMB", tip_from, tip, "cut"),
                      Segment("A-ANNO-SYMB", wings[0], tip, "cut"), Segment("A-ANNO-SYMB", wings[1], tip, "cut")]
            self.segments += shapes
            for s in shapes:
                self.clear.add(s)
            letters.append(Label("A-ANNO-SYMB", cut.name, spot, self.text))
        return letters

    def letters(self, letters: list[Label]) -> None:
        for label in letters:
            found = place(self.clear, [label], spiral(self.mm(0.5), self.mm(8.0)))
            self.labels += found[0] if found else [label]

    # -- texts -------------------------------------------------------------------------------
    def hold_drawing(self) -> None:
        """Everything drawn so far is something texts keep clear of."""
        for p in self.polygons:
            self.clear.polygon(p.points, p.filled)
        for s in self.segments:
            if s.layer != "A-GRID":
                self.clear.segment(s.start, s.end)
        for a in self.arcs:
            self.clear.arc(a.centre, a.radius, a.start, a.end)
        for sector in self.swings:
            self.clear.polygon(sector, True)

    def room_labels(self) -> None:
        """Name and area in every room (and the step that builds it, for later rooms), where they
        cross nothing: near the middle; turned to read upwards in a narrow room, smaller when
        they still do not fit.  A toilet room a repair closes is a room of its own (``KM/WC``),
        and the room it is carved from shows the floor left to it."""
        rooms = list(self.design.rooms)
        carved = self.carved
        if carved is not None:
            # Its labels stay within its clear floor.
            x0, y0, x1, y1 = carved.clear
            half = max(w_.thickness for w_ in self.design.walls) / 2
            toilet_room = replace(self.design.room(carved.room), id="KM/WC", x0=x0 - half, y0=y0 - half,
                                  x1=x1 + half, y1=y1 + half)
            # Last: the rooms around it keep their labels where they belong.
            rooms.append(toilet_room)
        for room in rooms:
            built = room.step <= self.step
            layer = "A-AREA-IDEN" if built else "A-AREA-FUTR"
            area = room.area
            if carved is not None and room.id == carved.room:
                area -= carved.area
            if room.id == "KM/WC":
                area, name = carved.area, t("Toilet room", self.lang)
            else:
                name = room.name(self.lang)
            area = f"{i18n.number(area, self.lang)} m²"
            words = name.split(" ")
            # A name of several words may also be written on two lines, as even as they come.
            cut = min(range(1, max(2, len(words))), key=lambda k: max(len(" ".join(words[:k])),
                                                                        len(" ".join(words[k:]))))
            wrapped = [" ".join(words[:cut]), " ".join(words[cut:])]
            names = [[name]] + ([wrapped] if len(words) > 1 else [])
            if built:
                arrangements = [n + [area] for n in names]
            else:
                later = t("(step {n})", self.lang, n=room.step)
                arrangements = [n + more for n in names for more in ([area, later], [f"{area} {later}"])]
            half = max(w_.thickness for w_ in self.design.walls) / 2
            inner = (room.x0 + half, room.y0 + half, room.x1 - half, room.y1 - half)
            cx, cy = room.centre
            reach = max(room.x1 - room.x0, room.y1 - room.y0) / 2
            upright = room.y1 - room.y0 > room.x1 - room.x0
            sizes = [(1.0, False), (0.85, False)] + ([(1.0, True), (0.85, True)] if upright else [])
            sizes += [(0.7, False), (0.7, True), (0.6, False), (0.6, True)]
            tries = [(lines, factor, turned, inner) for factor, turned in sizes for lines in arrangements]
            smallest = sizes + [(0.5, False), (0.5, True)]
            if room.id == "KM/WC":
                # A toilet room is small: its name alone, then smaller.  Never beside it: there it
                # would name the room next to it; the toilet's note says it instead.
                tries += [([name], factor, turned, inner) for factor, turned in smallest]
            else:
                # A small room whose middle its doors' tags hold (a 1,8 m kitchen): smaller still,
                # then its name on one line and its area on the next, as short as they come.
                tries += [(lines, factor, turned, inner) for factor, turned in smallest[-2:] for lines in arrangements]
                tries += [([name, area] if len(words) == 1 else wrapped + [area], factor, turned, inner)
                          for factor, turned in ((0.5, False), (0.5, True), (0.45, False), (0.45, True))]
            labels = []
            for lines, factor, turned, within in tries:
                h = self.text * factor
                step, first = h * 1.7, (len(lines) - 1) / 2 * h * 1.7
                if turned:
                    labels = [Label(layer, text, (cx - first + k * step, cy), h, rotation=90.0)
                              for k, text in enumerate(lines)]
                else:
                    labels = [Label(layer, text, (cx, cy + first - k * step), h) for k, text in enumerate(lines)]
                far = reach if within is not None else max(reach, self.mm(30.0))
                found = place(self.clear, labels, spiral(max(self.mm(1.0), far / SPIRAL), far), within=within)
                if found:
                    self.labels += found[0]
                    self.carved_labelled = self.carved_labelled or room.id == "KM/WC"
                    break
            else:
                if room.id != "KM/WC":
                    self.labels += labels

    def tags(self, standing: list[tuple[Opening, Wall]], codes: dict[str, str]) -> None:
        """Every door, window and vent standing on this sheet tagged with its type and, under it,
        width x height; on the side away from a door's swing (outside for windows), as near as
        there is room.  Only the type's tag where width x height finds no room."""
        for o, wall in standing:
            code = codes[o.type.name]
            size = f"{i18n.number(o.width, self.lang)}x{i18n.number(o.height, self.lang)}"
            h = self.tag
            centre = (o.x, o.y)
            if o.kind == "door":
                away = -_swing_side(self.design, o, wall)
            else:
                # Outside: the side of the wall with no room (rooms are on its -/+ side in that order).
                away = 1.0 if wall.rooms[1] is None and wall.rooms[0] is not None else -1.0
            full = [Label("A-DOOR-IDEN", code, (0.0, h * 0.85), h), Label("A-DOOR-IDEN", size, (0.0, -h * 0.85), h)]
            # Smaller before the size is left to the schedule (the drains under the floor take room).
            small = [replace(label, at=(0.0, label.at[1] * 0.85), height=h * 0.85) for label in full]
            short = [Label("A-DOOR-IDEN", code, (0.0, 0.0), h)]
            # An opening cut into a wall an earlier step built: its tag says so, under its size,
            # where there is room (else cut_notes writes it apart, with a leader when far).
            cut = any(o is c for c, _ in self.cuts)
            noted = full + [Label("A-ANNO-NOTE", t("cut the wall", self.lang), (0.0, -h * 2.55), h * 0.85)]
            found = None
            for labels in ((noted, full, small, short) if cut else (full, small, short)):
                box = union([text_box(lb) for lb in labels])
                across = (box[3] - box[1]) / 2 if wall.along == "x" else (box[2] - box[0]) / 2
                offsets = []
                # Away from the swing first; there, beside the entrance steps (slid further) before
                # the other side.
                for side, slides in ((away, (0.0, 0.3, -0.3, 0.6, -0.6, 0.9, -0.9, 1.2, -1.2)),
                                     (away, (1.6, -1.6, 2.0, -2.0)),
                                     (-away, (0.0, 0.3, -0.3, 0.6, -0.6, 0.9, -0.9, 1.2, -1.2))):
                    for n in range(0, 16):
                        d = wall.thickness / 2 + across + self.mm(0.5) + n * self.mm(0.8)
                        for s in slides:
                            slide = s * max(o.width, 0.6)
                            if wall.along == "x":
                                offsets.append((centre[0] + slide, centre[1] + side * d))
                            else:
                                offsets.append((centre[0] + side * d, centre[1] + slide))
                found = place(self.clear, labels, offsets)
                if found:
                    break
            if found:
                self.labels += found[0]
                if labels is noted:
                    self.noted.add(id(o))
            else:
                self.labels += [replace(lb, at=(centre[0], centre[1] + lb.at[1])) for lb in short]

    def levels(self, floor: float, house: Box) -> None:
        """``±0,00 tanah`` on the ground in front of the house and the floor's level (``+0,30``) in a
        room built by now (the first that has room for it), each with its triangle."""
        lang = self.lang
        ground = ((house[0] + house[2]) / 2, house[1] - self.mm(6))
        self.level_mark(t("{level} ground", lang, level=level(0.0, lang)), [(ground, self.mm(40), None)])
        rooms = [r for r in self.design.rooms if r.step <= self.step]
        spots = [(r.centre, max(r.x1 - r.x0, r.y1 - r.y0) / 2, (r.x0, r.y0, r.x1, r.y1)) for r in rooms]
        self.level_mark(level(floor, lang), spots)

    def courts(self, floor: float, codes: dict[str, str], house: Box) -> None:
        """An open court inside the house (a grid bay no room of the finished house covers, a row
        house's light court) onto which a door built by now opens: a note beside the house, level
        with it, that the court is the ground's level and those doors step down to it from the
        floor, with the steps not priced.  (Inside, the court holds its walls' opening tags.)"""
        d, lang = self.design, self.lang
        for i in range(len(d.xs) - 1):
            for j in range(len(d.ys) - 1):
                box = (d.xs[i], d.ys[j], d.xs[i + 1], d.ys[j + 1])
                middle = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
                if any(r.x0 <= middle[0] <= r.x1 and r.y0 <= middle[1] <= r.y1 for r in d.rooms):
                    continue
                doors = sorted({codes[o.type.name] for o in d.openings if o.kind == "door" and o.step <= self.step
                                and _on_edge((o.x, o.y), box)})
                if not doors:
                    continue
                lines = [t("Open court between grid lines {a} and {b}: {level} (ground)", lang,
                           a=j + 1, b=j + 2, level=level(0.0, lang))]
                if floor > 0:
                    lines += [t("doors {doors} step down {height} m to it;", lang, doors=", ".join(doors),
                                height=i18n.number(floor, lang)),
                              t("the steps there are not priced", lang)]
                self.note(lines, "A-ANNO-NOTE", (house[2] + self.mm(14), middle[1]), self.mm(60))

    def level_mark(self, text: str, spots) -> None:
        """A level: its triangle and its height, at the first of ``spots`` (near, reach, within)
        where they cross nothing."""
        h = self.text
        size = h * 0.9
        for (x, y), reach, within in spots:
            label = Label("A-ANNO-LEVL", text, (x + size * 0.9, y), h, "left")
            triangle = Polygon("A-ANNO-LEVL", ((x - size * 0.5, y + size * 0.45), (x + size * 0.5, y + size * 0.45),
                                               (x, y - size * 0.45)))
            found = place(self.clear, [label], spiral(self.mm(1.0), reach), [triangle], within=within)
            if found:
                self.labels += found[0]
                self.polygons += found[1]
                return

    def note(self, text_lines: list[str], layer: str, near: Point, reach: float) -> None:
        h = self.text
        labels = [Label(layer, t, (near[0], near[1] - k * h * 1.7), h) for k, t in enumerate(text_lines)]
        found = place(self.clear, labels, spiral(self.mm(1.0), reach))
        if found:
            self.labels += found[0]

    def street(self, bottom: float) -> float:
        """The street side: an arrow towards it and its name below.  Returns the new bottom."""
        d = self.design
        middle = (d.xs[0] + d.xs[-1]) / 2
        top, length = bottom - self.mm(3), self.mm(6)
        head = self.mm(1.2)
        arrow = [Segment("A-ANNO-NOTE", (middle, top), (middle, top - length)),
                 Segment("A-ANNO-NOTE", (middle - head, top - length + head * 1.6), (middle, top - length)),
                 Segment("A-ANNO-NOTE", (middle + head, top - length + head * 1.6), (middle, top - length))]
        self.segments += arrow
        for s in arrow:
            self.clear.add(s)
        label = Label("A-ANNO-NOTE", t("Front / street", self.lang), (middle, top - length - self.text * 1.4),
                      self.text)
        self.labels.append(label)
        self.clear.box(text_box(label))
        return text_box(label)[1]


def plan_sheet(design: Design, step: int, lang: str = "id", title: tuple[str, ...] = (),
               works: Works | None = None, slug: str = "", site: Site | None = None,
               scale: int | None = None, lettering: float = TEXT, tags: bool = True) -> Sheet:
    """The floor plan after ``step``: built parts solid, later parts on the future layers; with
    ``works``, a phase of the work on a house the family lives in.

    title : lines of the title block (``{scale}`` in them becomes the scale's number).
    scale : 1:``scale``; None: the largest of paper.SCALES at which the plan fits A3.
    lettering : cap height of ordinary text on paper. [mm]
    tags : whether doors, windows and vents are tagged and scheduled (a builder's sheet).
    """
    site = site or Site()
    drawn: dict[int, Sheet] = {}

    def draw(n: int) -> Sheet:
        if n not in drawn:
            drawn[n] = _draw(design, step, lang, works, site, n, lettering, tags)
        return drawn[n]

    if scale is None:
        scale = sheet_paper.pick_scale(lambda n: draw(n).extents,
                                       lambda n: _draw(design, step, lang, works, site, n, lettering, tags, True))
    sheet = draw(scale)
    paper = sheet_paper.place(sheet.extents, scale)
    title = tuple(line.replace("{scale}", str(scale)) for line in title)
    notes = list(site.notes)
    if works is None and any(p.layer == "A-WALL-DEMO" for p in sheet.polygons):
        notes.append(t("Red dashed: an opening cut into a wall built before", lang))
    polygons, segments, labels = sheet_paper.paper_parts(paper, title, notes, sheet.schedule, lang)
    return replace(sheet, polygons=sheet.polygons + tuple(polygons), segments=sheet.segments + tuple(segments),
                   labels=sheet.labels + tuple(labels), title=title, paper=paper, slug=slug)


#: Room left between a septic tank and the entrance steps beside it, to reach its lid. [m]
TANK_STEPS_GAP = 0.3


def _flights(design: Design) -> list[Box]:
    """Each flight of entrance steps with :data:`TANK_STEPS_GAP` round it: what a tank or a drain
    in the yard keeps clear of."""
    boxes = []
    for steps in design.entrances:
        xs, ys = [px for px, _ in steps.outline()], [py for _, py in steps.outline()]
        boxes.append((min(xs) - TANK_STEPS_GAP, min(ys) - TANK_STEPS_GAP,
                      max(xs) + TANK_STEPS_GAP, max(ys) + TANK_STEPS_GAP))
    return boxes


def _beside_steps(x: float, width: float, y0: float, y1: float, design: Design, drain: float | None = None) -> float:
    """The tank's centre ``x`` (a box ``width`` wide from ``y0`` to ``y1``) moved the least way
    that clears every flight of entrance steps, within the house's width if it can, and with the
    drain that runs straight to the front at ``drain`` still entering it: a tank under stone
    steps cannot be emptied."""
    flights = _flights(design)

    def clear(at: float) -> bool:
        return not any(at - width / 2 < b[2] - EPS and b[0] < at + width / 2 - EPS and y0 < b[3] - EPS and
                       b[1] < y1 - EPS for b in flights)

    def outside(at: float) -> bool:                # beyond the house's width (the plot may end)
        return not design.xs[0] + width / 2 - EPS <= at <= design.xs[-1] - width / 2 + EPS

    inside = width / 2 - TANK_WALL                   # from the tank's centre to its inner faces

    def missed(at: float) -> bool:                   # the drain passes beside the tank
        return drain is not None and not at - inside - EPS <= drain <= at + inside + EPS

    edges = [b[0] - width / 2 for b in flights] + [b[2] + width / 2 for b in flights]
    if drain is not None:
        edges += [drain - inside, drain + inside]
    found = [at for at in [x] + edges if clear(at)]
    return min(found, key=lambda at: (missed(at), outside(at), abs(at - x))) if found else x


def _draw(design: Design, step: int, lang: str, works: Works | None, site: Site, scale: int,
          lettering: float, tags: bool = True, rough: bool = False):
    """The plan's model-space drawing at 1:``scale`` (``rough``: only the bounds of its lines,
    less than the whole drawing's, to rule a scale out cheaply)."""
    p = _Plan(design, step, lang, scale, lettering)
    standing = p.house(works)
    # The steps and their note first: the drains in the yard keep clear of both.
    steps = _entrance_steps(p)
    tank = p.septic(site.septic, works.toilet if works is not None and works.phase != "before" else None)
    plot = p.plot(site.plot)
    house = p.house_box()
    outer = union([b for b in (house, tank, plot, steps) if b])
    p.hold_drawing()
    letters = p.section_mark()
    bounds = p.grid_and_dimensions(outer, plot, built=works is None)
    p.letters(letters)
    bottom = p.street(outer[1])
    if rough:
        return (bounds[0], bottom, bounds[2], bounds[3])
    openings = list(design.openings) + list(works.new_openings if works else ())
    if p.carved is not None:
        openings.append(p.carved.door)
    codes = opening_codes(openings, lang)
    if tags:
        p.tags(standing, codes)
    p.room_labels()
    p.cut_notes()
    p.toilet_note(works)
    floor = site.floor if site.floor is not None else float(design.values["plinth_height"])
    p.levels(floor, house)
    p.courts(floor, codes, house)
    if tank:
        layer, x, y, width = p.septic_label
        inside_w, inside_d = (i18n.number(v, lang) for v in TANK_INSIDE)
        lines = [t("Septic tank, two chambers", lang),
                 t("inside {w} x {d} m, {h} m deep", lang, w=inside_w, d=inside_d, h=i18n.number(TANK_DEPTH, lang))]
        if any(s.tag == "grey water" for s in p.segments):
            lines.append(t("other wet rooms' drains: to a soakaway or the street drain", lang))
        p.note(lines, layer if layer != "P-SANR" else "A-ANNO-NOTE", (x + width / 2 + p.mm(14), y), p.mm(40))
    if plot:
        size = (i18n.number(plot[2] - plot[0], lang), i18n.number(plot[3] - plot[1], lang))
        p.note([t("Plot boundary {w} x {d} m", lang, w=size[0], d=size[1]), t("(house placed as a guide)", lang)],
               "C-PROP",
               (plot[0] + p.mm(25), plot[1] + p.mm(5)), p.mm(60))
    schedule = _schedule(standing, codes, lang, _built_here(standing, step, works, p.carved)) if tags else ()
    extents = union([bounds, (bounds[0], bottom, bounds[2], bounds[3])])
    sheet = Sheet(step, len(design.steps), tuple(p.polygons), tuple(p.segments), tuple(p.arcs), tuple(p.circles),
                  tuple(p.labels), tuple(p.dims), (), extents, i18n.separators(lang)[0], "", "plan", scale,
                  None, schedule)
    return replace(sheet, extents=model_extents(sheet))


def _entrance_steps(p: _Plan) -> Box | None:
    """The steps up to the floor at the outside doors (rumah/house/entrance.py): the outline, a
    line at the front edge of the landing and of every tread but the lowest, and for steps built
    by now an arrow up to the door with ``naik`` and the risers (``5 x 0,18 m``) beyond the
    lowest step.  Steps of a later step are outlined on the future layer.  Returns their bounds,
    texts included."""
    boxes = []
    for steps in p.design.entrances:
        built = steps.step <= p.step
        layer = "A-FLOR-STRS" if built else "A-WALL-FUTR"
        tag = f"steps:{steps.door}" if built else ""       # the future layer's tags are walls'
        half = steps.width / 2
        p.polygons.append(Polygon(layer, steps.outline(), tag=tag))
        for out, _, _ in steps.nosings()[:-1]:
            p.segments.append(Segment(layer, steps.point(out, -half), steps.point(out, half), tag))
        xs, ys = zip(*steps.outline())
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
        if not built:
            continue
        head = p.mm(1.2)
        tip = steps.point(steps.landing / 2, 0.0)
        p.segments += [Segment(layer, steps.point(steps.run, 0.0), tip, tag),
                       Segment(layer, steps.point(steps.landing / 2 + head * 1.6, -head), tip, tag),
                       Segment(layer, steps.point(steps.landing / 2 + head * 1.6, head), tip, tag)]
        lines = [t("up", p.lang), t("{n} x {riser} m", p.lang, n=steps.risers,
                                    riser=i18n.number(steps.riser, p.lang))]
        h = p.text
        labels = [Label(layer, text, (0.0, -k * h * 1.7), h) for k, text in enumerate(lines)]
        sizes = [text_box(label) for label in labels]
        width = max(b[2] - b[0] for b in sizes)
        depth = sizes[0][3] - sizes[-1][1]
        # Beyond the lowest step, on the door's centre line, as far out as the texts need; slid
        # off the grid axes that run out past the house there (behind it, and on its left).
        reach = p.mm(1.5) + (depth / 2 if steps.direction[0] == 0 else width / 2)
        dx, dy = steps.direction
        axes = {(0, 1): [(steps.x - g) for g in p.design.xs], (-1, 0): [steps.y - g for g in p.design.ys]}
        half_text = (width if dx == 0 else depth) / 2 + p.mm(0.5)
        centre = steps.point(steps.run + reach, _off_axes(axes.get((dx, dy), []), half_text))
        middle = (sizes[0][3] + sizes[-1][1]) / 2            # of the texts as written about (0, 0)
        for label in labels:
            placed = replace(label, at=(centre[0], centre[1] - middle + label.at[1]))
            p.labels.append(placed)
            p.clear.box(text_box(placed))
            boxes.append(text_box(placed))
    p.steps_box = union(boxes) if boxes else None
    return p.steps_box


def _off_axes(axes: list[float], half: float) -> float:
    """The smallest slide of a text ``half`` wide on either side of 0 that keeps every axis (at
    these positions along the slide) out of it. [m]"""
    for slide in sorted([0.0] + [a + k * half for a in axes for k in (-1, 1)], key=abs):
        if all(abs(a - slide) >= half - 1e-9 for a in axes):
            return slide
    return 0.0


def _built_here(standing: list[tuple[Opening, Wall]], step: int, works: Works | None,
                carved: Cubicle | None) -> set[str]:
    """The ids of the openings standing on a sheet that its work makes: a new house's step's, the
    rooms added to a lived-in house, or the windows its repairs cut and the door of the toilet
    room they build (the house as it is makes none; its own doors stand already)."""
    if works is not None and works.phase == "before":
        return set()
    if works is not None and works.phase == "repair":
        return {o.id for o in works.new_openings} | ({carved.door.id} if carved is not None else set())
    return {o.id for o, _ in standing if o.step == step}


def _schedule(standing: list[tuple[Opening, Wall]], codes: dict[str, str], lang: str,
              new_ids: set[str]) -> tuple[ScheduleRow, ...]:
    """One row per type of opening standing on the sheet, in the order of its tags, with how many
    of them the sheet's work makes (``new_ids``)."""
    count: dict[str, int] = {}
    new: dict[str, int] = {}
    types = {}
    for o, _ in standing:
        count[o.type.name] = count.get(o.type.name, 0) + 1
        new[o.type.name] = new.get(o.type.name, 0) + (o.id in new_ids)
        types[o.type.name] = o.type
    order = sorted(count, key=lambda name: (("door", "window", "vent").index(types[name].kind),
                                            int("".join(c for c in codes[name] if c.isdigit()) or 0)))
    return tuple(ScheduleRow(codes[name], types[name].label(lang), types[name].width, types[name].height,
                             types[name].sill, count[name], new[name]) for name in order)


def toilet_pan(toilet: Toilet, along: str) -> list[Polygon]:
    """A squat toilet's pan seen from above: its rim and, towards the wall it backs onto, its
    bowl; its length runs away from that wall (``along``: the wall's direction)."""
    w, length = TOILET_PAN
    if along == "y":
        w, length = length, w
    x, y = toilet.x, toilet.y
    rim = ((x - w / 2, y - length / 2), (x + w / 2, y - length / 2), (x + w / 2, y + length / 2),
           (x - w / 2, y + length / 2))
    bowl = tuple((x + 0.3 * w * math.cos(math.radians(a)), y + 0.3 * length * math.sin(math.radians(a)))
                 for a in range(0, 360, 20))
    return [Polygon("P-SANR-FIXT", rim, tag=f"toilet:{toilet.room}"),
            Polygon("P-SANR-FIXT", bowl, tag=f"toilet:{toilet.room}")]


def sector(centre: Point, radius: float, start: float, end: float) -> tuple[Point, ...]:
    """The quarter of a circle a door sweeps, as a polygon."""
    points = [centre]
    for k in range(0, 19):
        angle = math.radians(start + (end - start) * k / 18)
        points.append((centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)))
    return tuple(points)
