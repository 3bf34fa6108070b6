"""The Design: rooms, walls, columns, openings and roof blocks of one house, per build step.

Geometry is computed here once, from a template and parameter values, and read by everything
downstream: the takeoff measures it, the DXF writer and the PDF drawing draw it.  Plan
coordinates are metres on the wall centre lines, ``x`` along the frontage (left to right seen
from the street) and ``y`` from the front of the house to the back.

Rules the builder follows:

* A wall stands on every grid edge between a room and no room (exterior, or *party* on a side
  shared with the neighbour) and between two rooms that are not open to each other (interior).
  A wall is built with the earliest of its rooms; the later room's step must require that one.
* A column stands at every node where walls turn, meet or end, and along a straight wall run
  longer than ``column_spacing`` (moved to an opening's jamb when it would fall in the opening).
* An opening whose step is later than its wall's is cut into the finished wall (demolition).
* Above the wall plate, a wall closes each roof where the roof stands higher than what is already
  there: a gable triangle, the end of a shed roof, the strip under a shed's high side.  Against an
  earlier (or same-step) roof only the part above that roof's surface on the shared line is built;
  on a party line the whole of it is built, shared with the neighbour at ``party_share``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from ..errors import DataError, ParameterError
from ..i18n import language, number, plain, tr
from ..schema import Text
from .entrance import EntranceSteps, entrance_steps
from .parameters import Value, resolve
from .template import OpeningType, RoomSpec, RoomType, StepSpec, Template

EPS = 1e-9


@dataclass(frozen=True)
class Room:
    """A room: a rectangle between wall centre lines. Lengths [m], area [m2]."""

    id: str
    type: str
    step: int
    x0: float
    y0: float
    x1: float
    y1: float
    name: Text
    clear_area: float = 0.0

    @property
    def area(self) -> float:
        return (self.x1 - self.x0) * (self.y1 - self.y0)

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)


@dataclass(frozen=True)
class Wall:
    """A straight wall between two grid nodes, on its centre line.

    built_as : str — ``exterior``, ``party`` or ``interior`` when it is built (decides finishes).
    final : str — what it is once the whole house stands.
    share : float — the household's share of its structure (party walls are shared). [fraction]
    rooms : (room on the left/front side, room on the right/back side); None where there is none.
    """

    id: str
    x0: float
    y0: float
    x1: float
    y1: float
    step: int
    built_as: str
    final: str
    share: float
    thickness: float
    rooms: tuple[str | None, str | None]

    @property
    def length(self) -> float:
        return abs(self.x1 - self.x0) + abs(self.y1 - self.y0)

    @property
    def along(self) -> str:
        """``x`` for a wall running along the frontage, ``y`` for one running front to back."""
        return "x" if abs(self.y1 - self.y0) < EPS else "y"


@dataclass(frozen=True)
class Column:
    """A practical column (kolom praktis) at a point [m]. ``node``: at a wall corner or junction."""

    x: float
    y: float
    step: int
    share: float
    node: bool


@dataclass(frozen=True)
class Opening:
    """A door, window or vent in a wall; ``x, y`` is its centre on the wall's centre line [m]."""

    id: str
    type: OpeningType
    wall: str
    room: str
    step: int
    x: float
    y: float
    cut: bool
    #: +1 when a door opens towards +y (or +x) of its wall, -1 towards -y (-x); 0: into its room.
    swing: float = 0.0

    @property
    def kind(self) -> str:
        return self.type.kind

    @property
    def width(self) -> float:
        return self.type.width

    @property
    def height(self) -> float:
        return self.type.height

    @property
    def area(self) -> float:
        return self.type.width * self.type.height


@dataclass(frozen=True)
class ClosingWall:
    """Wall above the wall plate that closes one side of a roof block where the roof stands
    higher than what is already there (open air, a lower roof, the neighbour's side).

    side : the block's side it stands on (front, back, left, right).
    area : area of the wall that stands. [m2]
    top : length of its top edge, along the roof's edge where the wall stands; a gable frame
        (ampig) beam runs there. [m]
    share : the household's share (``party_share`` on a party line, else 1). [fraction]
    party : on a party line: finished on the household's face only.
    """

    side: str
    area: float
    top: float
    share: float
    party: bool


@dataclass(frozen=True)
class RoofBlock:
    """A roof over a rectangle of rooms, with its overhang on each side [m].

    ``ends`` are the sides a gable or shed closes with a triangular gable wall.  ``open`` gives,
    for each side, the stretches of it (from, to, along the side) that face the open air when the
    block is built: the rest abuts earlier roofs, roofs of the same step or a party wall, and has
    no overhang or fascia.  ``free`` says which sides face the open air along their whole length;
    ``overhang`` is how far a side overhangs where it is open.  ``closing`` are the walls above
    the wall plate that close the block where it stands higher than what is there when it is
    built.
    """

    step: int
    x0: float
    y0: float
    x1: float
    y1: float
    form: str
    ridge: str
    high: str
    pitch: float
    overhang: Mapping[str, float]
    free: Mapping[str, bool]
    closing: tuple[ClosingWall, ...] = ()
    #: Stretches of each side in the open air (default: every side whole where ``free`` says).
    open: Mapping[str, tuple[tuple[float, float], ...]] = field(default_factory=dict)

    def side_length(self, side: str) -> float:
        return (self.x1 - self.x0) if side in ("front", "back") else (self.y1 - self.y0)

    def open_stretches(self, side: str) -> tuple[tuple[float, float], ...]:
        """The stretches of ``side`` that face the open air, as (from, to) along it. [m]"""
        if side in self.open:
            return self.open[side]
        _, _, start, end = self.side_line(side)
        return ((start, end),) if self.free[side] else ()

    def open_length(self, side: str) -> float:
        """How much of ``side`` faces the open air. [m]"""
        return sum(b - a for a, b in self.open_stretches(side))

    def open_at(self, side: str, s: float) -> bool:
        """Whether ``side`` faces the open air at position ``s`` along it (its ends included)."""
        return any(a - EPS <= s <= b + EPS for a, b in self.open_stretches(side))

    def hang(self, side: str, s: float) -> float:
        """The overhang of ``side`` at position ``s`` along it: none where it abuts. [m]"""
        return self.overhang[side] if self.open_at(side, s) else 0.0

    def corner(self, side: str, other: str) -> float:
        """Where along ``side`` it meets the side ``other`` (one across it). [m]"""
        _, _, start, end = self.side_line(side)
        return start if other in ("front", "left") else end

    def open_corner(self, side: str, other: str) -> bool:
        """Whether ``side`` faces the open air where it meets ``other``."""
        return self.open_at(side, self.corner(side, other))

    def corner_hangs(self) -> list[tuple[float, float]]:
        """(overhang, overhang) of the two sides at each corner where both face the open air:
        the overhangs meet there in a corner piece. [m]"""
        return [(self.overhang[a], self.overhang[b])
                for a, b in (("front", "left"), ("front", "right"), ("back", "left"), ("back", "right"))
                if self.open_corner(a, b) and self.open_corner(b, a)]

    def plan_area(self) -> float:
        """Area the roof covers in plan, with its overhangs where it faces the open air: the
        rectangle, a strip along each open stretch and a piece at each open corner. [m2]"""
        area = (self.x1 - self.x0) * (self.y1 - self.y0)
        area += sum(self.overhang[side] * self.open_length(side) for side in ("front", "back", "left", "right"))
        return area + sum(a * b for a, b in self.corner_hangs())

    @property
    def ends(self) -> tuple[str, str]:
        if self.form == "gable":
            return ("front", "back") if self.ridge == "y" else ("left", "right")
        return ("left", "right") if self.high in ("front", "back") else ("front", "back")

    @property
    def eaves(self) -> tuple[str, ...]:
        sides = tuple(s for s in ("front", "back", "left", "right") if s not in self.ends)
        return sides if self.form == "gable" else tuple(s for s in sides if s != self.high)

    @property
    def span(self) -> float:
        """Width across the slope(s): perpendicular to the ridge, or from high to low side. [m]"""
        return self.side_length(self.ends[0])

    @property
    def length(self) -> float:
        """Length along the ridge (or along the high side). [m]"""
        return self.side_length(self.eaves[0])

    @property
    def rise(self) -> float:
        """Height of the ridge (or of the high side) above the eaves line. [m]"""
        run = self.span / 2 if self.form == "gable" else self.span
        return run * math.tan(math.radians(self.pitch))

    def height(self, x: float, y: float) -> float:
        """Height of the roof surface above the wall plate over plan point (x, y) of the block,
        without the overhangs. [m]"""
        slope = math.tan(math.radians(self.pitch))
        if self.form == "gable":
            if self.ridge == "x":
                return slope * ((self.y1 - self.y0) / 2 - abs(y - (self.y0 + self.y1) / 2))
            return slope * ((self.x1 - self.x0) / 2 - abs(x - (self.x0 + self.x1) / 2))
        run = {"front": self.y1 - y, "back": y - self.y0, "left": self.x1 - x, "right": x - self.x0}[self.high]
        return slope * run

    def side_line(self, side: str) -> tuple[str, float, float, float]:
        """(axis the side runs along, its fixed coordinate, start, end) of one side. [m]"""
        if side in ("front", "back"):
            return "x", (self.y0 if side == "front" else self.y1), self.x0, self.x1
        return "y", (self.x0 if side == "left" else self.x1), self.y0, self.y1

    def profile(self, side: str, s: float) -> float:
        """Roof height above the wall plate at position ``s`` along ``side``. [m]"""
        along, fixed, _, _ = self.side_line(side)
        return self.height(s, fixed) if along == "x" else self.height(fixed, s)

    def kinks(self, side: str) -> tuple[float, ...]:
        """Positions along ``side`` where its profile changes slope (the ridge of a gable). [m]"""
        along, _, start, end = self.side_line(side)
        if self.form == "gable" and self.ridge != along:
            return ((start + end) / 2,)
        return ()


@dataclass(frozen=True)
class Design:
    """One house: everything the takeoff and the drawings need, each element tagged with its step."""

    template: str
    template_version: int
    name: Text
    values: Mapping[str, Value]
    steps: tuple[StepSpec, ...]
    rooms: tuple[Room, ...]
    walls: tuple[Wall, ...]
    columns: tuple[Column, ...]
    openings: tuple[Opening, ...]
    roofs: tuple[RoofBlock, ...]
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    room_types: Mapping[str, RoomType] = field(default_factory=dict)
    #: For each choice parameter, the numbers and words of the chosen option (wall thickness ...).
    choice_attrs: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    #: For each choice parameter, the label of the chosen option.
    choice_labels: Mapping[str, Text] = field(default_factory=dict)
    #: The template's own moves of bill lines between work packages: quantity -> (package, reason).
    package_overrides: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    #: Where the template came from, for messages.
    source_file: str = ""
    #: Steps up to the floor in front of the outside doors (rumah/house/entrance.py).
    entrances: tuple[EntranceSteps, ...] = ()

    def param(self, name: str) -> float:
        return float(self.values[name])

    def floor_area(self, step: int) -> float:
        """Floor area the step adds, measured to wall centre lines. [m2]"""
        return sum(r.area for r in self.rooms if r.step == step)

    def total_floor_area(self, step: int) -> float:
        """Floor area of the house once this step and all before it stand. [m2]"""
        return sum(r.area for r in self.rooms if r.step <= step)

    def room(self, room_id: str) -> Room:
        return next(r for r in self.rooms if r.id == room_id)

    def wall(self, wall_id: str) -> Wall:
        return next(w for w in self.walls if w.id == wall_id)

    @property
    def footprint(self) -> tuple[float, float]:
        """Width and depth of the finished house, wall centre to wall centre. [m]"""
        return self.xs[-1] - self.xs[0], self.ys[-1] - self.ys[0]

    @property
    def septic_reach(self) -> float:
        """How far in front of the house's front wall line its septic tank reaches: the tank's
        ``septic_setback`` and its depth, or 0 for a house without a toilet room. [m]"""
        if not any(self.room_types[r.type].toilet for r in self.rooms):
            return 0.0
        return tank_reach(self.values)

    @property
    def site_footprint(self) -> tuple[float, float]:
        """Width and depth the finished house takes on its plot: its :attr:`footprint` and the
        entrance steps reaching out from its walls (what has to fit on the plot). [m]"""
        xs = [self.xs[0], self.xs[-1]] + [x for e in self.entrances for x, _ in e.outline()]
        ys = [self.ys[0], self.ys[-1]] + [y for e in self.entrances for _, y in e.outline()]
        return max(xs) - min(xs), max(ys) - min(ys)


#: The septic tank: inside 1,2 x 0,9 m (the AHSP item ``septic_tank`` of catalog/ahsp, "Tangki
#: septik bata dua ruang, dalam 1,2 x 0,9 x 1,3 m") in half-brick walls (red brick, 0,15 m). [m]
TANK_INSIDE = (1.2, 0.9)
#: Its depth inside, and its chambers (catalog/ahsp: the two-chamber brick tank priced). [m]
TANK_DEPTH = 1.3
TANK_WALL = 0.15


def tank_reach(values: Mapping[str, Value]) -> float:
    """How far in front of a house's front wall line a septic tank ``septic_setback`` from it
    reaches: the setback and the tank's depth outside. [m]"""
    return float(values["septic_setback"]) + TANK_INSIDE[1] + 2 * TANK_WALL


def fits_plot(template: Template, size: tuple[float, float], plot: tuple[float, float]) -> bool:
    """Whether a house of ``template`` ``size`` (width, depth) wide and deep fits a plot of
    ``plot`` (width, depth).  A house with party walls stands between its neighbours' walls: it
    fits a plot no wider than its widest form (its grid spans at their largest), else its side
    walls would stand alone, and unpriced. [m]"""
    if size[0] > plot[0] + 1e-9 or size[1] > plot[1] + 1e-9:
        return False
    if not template.party_walls:
        return True
    return plot[0] <= widest_form(template) + 1e-9


def widest_form(template: Template) -> float:
    """The width of a template's house with every grid span at its largest. [m]"""
    return sum(template.parameters[span].maximum if isinstance(span, str) else span for span in template.grid_x)


def _ancestors(steps: Iterable[StepSpec]) -> dict[int, set[int]]:
    result: dict[int, set[int]] = {}
    for step in steps:           # steps are numbered in order, requires point backwards
        found = set(step.requires)
        for required in step.requires:
            found |= result[required]
        result[step.number] = found
    return result


@dataclass(frozen=True)
class _Plan:
    """What the builder steps share: the template, the chosen values and the grid in metres.

    cell : which room occupies each grid cell (i, j).
    """

    template: Template
    values: Mapping[str, Value]
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cell: Mapping[tuple[int, int], str]
    thickness: float
    column_size: float
    party_share: float

    @property
    def specs(self) -> dict[str, RoomSpec]:
        return {r.id: r for r in self.template.rooms}

    def fail(self, message: str) -> DataError:
        return DataError(f"{self.template.file or self.template.id}: {message}")

    def party(self, i_line: int) -> bool:
        """Whether grid line ``x = xs[i_line]`` is a party wall shared with a neighbour."""
        nx = len(self.xs) - 1
        parties = self.template.party_walls
        return (i_line == 0 and "left" in parties) or (i_line == nx and "right" in parties)


#: A wall piece on one unit grid edge: (step, built_as, final, share, (room a, room b)).
Piece = tuple


def build_design(template: Template, given: Mapping[str, object] | None = None) -> Design:
    """Build the Design of ``template`` with parameter values ``given`` (defaults elsewhere).

    The steps follow the rules in the module notes: rooms on the grid, walls where rooms end,
    columns where walls meet, openings in their walls, columns along long walls, clear floor
    areas, roofs over every room, steps up to the floor at the outside doors, and last a door
    from outside to every room after every step.
    """
    values = resolve(template.parameters, dict(given or {}), tr("template {id}", id=template.id))
    _check_roof_pitch(template, values)
    plan = _rooms_on_grid(template, values)
    pieces = _wall_pieces(plan)
    columns, node_column = _node_columns(plan, pieces)
    walls, edge_wall = _walls(plan, pieces, node_column)
    openings = _openings(plan, edge_wall)
    columns += _spaced_columns(plan, walls, openings)
    rooms = _clear_rooms(plan, walls, edge_wall)
    _check_roof_cover(plan)
    roofs = _roofs(plan)
    choices = {name: p for name, p in template.parameters.items() if p.kind == "choice"}
    design = Design(template.id, template.version, template.name, values, template.steps, tuple(rooms),
                    tuple(walls), tuple(columns), tuple(openings), roofs, plan.xs, plan.ys, template.room_types,
                    {name: dict(p.choices[values[name]].attrs) for name, p in choices.items()},
                    {name: p.choices[values[name]].label for name, p in choices.items()},
                    dict(template.packages), template.file or template.id,
                    _entrances(plan, walls, openings))
    _check_access(design, template, plan.fail)
    return design


def _check_roof_pitch(template: Template, values: Mapping[str, Value]) -> None:
    """A roof covering has a least pitch (tiles lap and need at least 30 degrees to shed rain)."""
    roof = template.parameters["roof"].choices[values["roof"]]
    if float(values["roof_pitch"]) < float(roof.attrs.get("min_pitch", 0)) - EPS:
        lang = language()
        raise ParameterError(tr("template {id}: roof {roof!r} needs a pitch of at least {least} degrees, found "
                                "roof_pitch={pitch}", id=template.id, roof=values["roof"],
                                least=plain(float(roof.attrs["min_pitch"]), lang),
                                pitch=plain(float(values["roof_pitch"]), lang)))


def _rooms_on_grid(template: Template, values: Mapping[str, Value]) -> _Plan:
    """Grid lines in metres and the room of every grid cell.

    Rooms may not overlap; rooms open to each other are built together; every step adds a room.
    """
    def coordinates(spans) -> tuple[float, ...]:
        result = [0.0]
        for span in spans:
            result.append(result[-1] + (float(values[span]) if isinstance(span, str) else span))
        return tuple(result)

    def fail(message: str) -> DataError:
        return DataError(f"{template.file or template.id}: {message}")

    cell: dict[tuple[int, int], str] = {}
    specs = {r.id: r for r in template.rooms}
    for spec in template.rooms:
        for i in range(spec.x[0], spec.x[1]):
            for j in range(spec.y[0], spec.y[1]):
                if (i, j) in cell:
                    raise fail(tr("rooms: room {room!r} overlaps room {other!r}", room=spec.id, other=cell[(i, j)]))
                cell[(i, j)] = spec.id
    for pair in template.open_pairs:
        a, b = sorted(pair)
        if specs[a].step != specs[b].step:
            raise fail(tr("open: rooms {a!r} and {b!r} are open to each other but built in different steps", a=a, b=b))
    for step in template.steps:
        if not any(r.step == step.number for r in template.rooms):
            raise fail(tr("steps: step {step} adds no room", step=step.number))
    return _Plan(template, values, coordinates(template.grid_x), coordinates(template.grid_y), cell,
                 float(template.parameters["wall"].choices[values["wall"]].attrs["thickness"]),
                 float(values["column_size"]), float(values.get("party_share", 1.0)))


def _wall_pieces(plan: _Plan) -> dict[tuple[str, int, int], Piece]:
    """A wall piece on every unit grid edge between a room and no room, or between two rooms not
    open to each other; it is built with the earlier of its rooms, whose step the later requires.

    Keys are (along, i, j): ``("y", i, j)`` runs front to back on line ``x = xs[i]``,
    ``("x", i, j)`` along the frontage on line ``y = ys[j]``.
    """
    specs, cell = plan.specs, plan.cell
    open_pairs = set(plan.template.open_pairs)
    ancestors = _ancestors(plan.template.steps)
    pieces: dict[tuple[str, int, int], Piece] = {}

    def add(key, a, b, on_party_line):
        if a == b or (a and b and frozenset((a, b)) in open_pairs):
            return
        step = min(specs[r].step for r in (a, b) if r)
        if a and b:
            early, late = sorted((specs[a].step, specs[b].step))
            if early != late and early not in ancestors[late]:
                raise plan.fail(tr("rooms {a!r} and {b!r} share a wall, so step {late} must require step {early}",
                                   a=a, b=b, late=late, early=early))
            final, built_as = "interior", ("interior" if early == late else "exterior")
        else:
            final = built_as = "party" if on_party_line else "exterior"
        pieces[key] = (step, built_as, final, plan.party_share if final == "party" else 1.0, (a, b))

    nx, ny = len(plan.xs) - 1, len(plan.ys) - 1
    for i in range(nx + 1):
        for j in range(ny):
            a, b = cell.get((i - 1, j)), cell.get((i, j))
            if a or b:
                add(("y", i, j), a, b, plan.party(i))
    for j in range(ny + 1):
        for i in range(nx):
            a, b = cell.get((i, j - 1)), cell.get((i, j))
            if a or b:
                add(("x", i, j), a, b, False)
    return pieces


def _node_columns(plan: _Plan, pieces) -> tuple[list[Column], dict[tuple[int, int], Column]]:
    """A column at every grid node where walls turn, meet, end, or change what they are (a
    straight run of one kind of wall passes a node without one)."""
    columns: list[Column] = []
    node_column: dict[tuple[int, int], Column] = {}
    for i in range(len(plan.xs)):
        for j in range(len(plan.ys)):
            around = {"-x": pieces.get(("x", i - 1, j)), "+x": pieces.get(("x", i, j)),
                      "-y": pieces.get(("y", i, j - 1)), "+y": pieces.get(("y", i, j))}
            present = {k: p for k, p in around.items() if p is not None}
            if not present:
                continue
            if set(present) in ({"-x", "+x"}, {"-y", "+y"}) and len(set(present.values())) == 1:
                continue
            column = Column(plan.xs[i], plan.ys[j], min(p[0] for p in present.values()),
                            plan.party_share if plan.party(i) else 1.0, True)
            columns.append(column)
            node_column[(i, j)] = column
    return columns, node_column


def _walls(plan: _Plan, pieces, node_column) -> tuple[list[Wall], dict[tuple[str, int, int], Wall]]:
    """Walls: runs of identical pieces from one column node to the next."""
    xs, ys = plan.xs, plan.ys
    walls: list[Wall] = []
    edge_wall: dict[tuple[str, int, int], Wall] = {}
    for along, count, lines in (("y", len(ys) - 1, range(len(xs))), ("x", len(xs) - 1, range(len(ys)))):
        for line in lines:
            k = 0
            while k < count:
                key = (along, line, k) if along == "y" else (along, k, line)
                if key not in pieces:
                    k += 1
                    continue
                keys = [key]
                while True:
                    node = (line, k + len(keys)) if along == "y" else (k + len(keys), line)
                    if node in node_column:
                        break
                    keys.append((along, line, k + len(keys)) if along == "y" else (along, k + len(keys), line))
                step, built_as, final, share, rooms = pieces[key]
                if along == "y":
                    x0 = x1 = xs[line]
                    y0, y1 = ys[k], ys[k + len(keys)]
                else:
                    y0 = y1 = ys[line]
                    x0, x1 = xs[k], xs[k + len(keys)]
                wall = Wall(f"W{len(walls) + 1}", x0, y0, x1, y1, step, built_as, final, share, plan.thickness,
                            rooms)
                walls.append(wall)
                for piece in keys:
                    edge_wall[piece] = wall
                k += len(keys)
    return walls, edge_wall


def _openings(plan: _Plan, edge_wall) -> list[Opening]:
    """Each opening in the wall on its room's side, clear of the columns at the wall's ends and of
    other openings; built with the later of the wall's rooms unless it names a later step, in
    which case it is cut into the finished wall.  Windows only on walls that stay outside."""
    xs, ys, specs, fail = plan.xs, plan.ys, plan.specs, plan.fail
    openings: list[Opening] = []
    wall_openings: dict[str, list[Opening]] = {}
    for spec in plan.template.openings:
        room = specs[spec.room]
        otype = plan.template.opening_types[spec.type]
        x0, x1, y0, y1 = xs[room.x[0]], xs[room.x[1]], ys[room.y[0]], ys[room.y[1]]
        if spec.along is not None:      # measure 'at' along part of the side only
            if spec.side in ("front", "back"):
                x0, x1 = xs[spec.along[0]], xs[spec.along[1]]
            else:
                y0, y1 = ys[spec.along[0]], ys[spec.along[1]]
        if spec.side in ("front", "back"):
            j = room.y[0] if spec.side == "front" else room.y[1]
            pos = x0 + spec.at * (x1 - x0)
            i = next((k for k in range(room.x[0], room.x[1]) if xs[k] - EPS <= pos <= xs[k + 1] + EPS), None)
            key = ("x", i, j)
        else:
            i = room.x[0] if spec.side == "left" else room.x[1]
            pos = y0 + spec.at * (y1 - y0)
            j = next((k for k in range(room.y[0], room.y[1]) if ys[k] - EPS <= pos <= ys[k + 1] + EPS), None)
            key = ("y", i, j)
        wall = edge_wall.get(key)
        label = tr("openings: {id} ({type} on the {side} side of {room!r})", id=spec.id, type=spec.type,
                   side=spec.side, room=spec.room)
        if wall is None:
            raise fail(tr("{opening}: there is no wall there", opening=label))
        lo, hi = (wall.x0, wall.x1) if wall.along == "x" else (wall.y0, wall.y1)
        margin = plan.column_size / 2
        if pos - otype.width / 2 < lo + margin - EPS or pos + otype.width / 2 > hi - margin + EPS:
            lang = language()
            raise fail(tr("{opening}: a {width} m opening at {at} m along a {length} m wall does not fit between its "
                          "columns; move it ('at') or use a smaller type", opening=label,
                          width=plain(otype.width, lang), at=number(pos - lo, lang), length=number(hi - lo, lang)))
        neighbours = [r for r in wall.rooms if r]
        earliest = max(specs[r].step for r in neighbours)
        step = spec.step or earliest
        if step < earliest:
            raise fail(tr("{opening}: step {step} is before both of its rooms stand (step {earliest})", opening=label,
                          step=step, earliest=earliest))
        if otype.kind != "door" and len(neighbours) == 2 and wall.built_as != wall.final:
            raise fail(tr("{opening}: a {kind} on a wall that becomes interior in step {step}; put it on a wall that "
                          "stays outside", opening=label, kind=otype.kind, step=max(specs[r].step for r in neighbours)))
        for other in wall_openings.get(wall.id, []):
            other_pos = other.x if wall.along == "x" else other.y
            stacked = (other.type.sill >= otype.sill + otype.height - EPS
                       or otype.sill >= other.type.sill + other.height - EPS)
            if not stacked and abs(other_pos - pos) < (other.width + otype.width) / 2 - EPS:
                raise fail(tr("{opening}: overlaps opening {other}", opening=label, other=other.id))
        opening = Opening(spec.id, otype, wall.id, spec.room, step,
                          pos if wall.along == "x" else wall.x0, wall.y0 if wall.along == "x" else pos,
                          step > wall.step)
        openings.append(opening)
        wall_openings.setdefault(wall.id, []).append(opening)
    return openings


def _entrances(plan: _Plan, walls: list[Wall], openings: list[Opening]) -> tuple[EntranceSteps, ...]:
    """Steps up to the floor in front of every entrance from the street: a door in the house's
    front that leads outside, built with the door (rules in rumah/house/entrance.py).

    Not yet at the other doors that lead outside: a back door to the yard needs steps too, but
    drawn behind the house they push the plan of a house as deep as inti-6m off 1:50 on A3, where
    its small rooms leave no room for the door and window tags; a door onto an inner light court
    (deret-4m5) has no room for a straight flight from each of its doors.  Both are left to a
    later change and said in the README.
    """
    return _front_steps(walls, openings, plan.ys[0], plan.values, float(plan.values["plinth_height"]))


def entrances_at(design: Design, height: float, values: Mapping[str, Value] | None = None) -> tuple[EntranceSteps, ...]:
    """The entrance steps ``design`` would have with its floor ``height`` above the ground (a floor
    raised later: rumah.plan.improvement), and with ``values`` of its steps' parameters (riser,
    tread, landing) in place of its own. [m]"""
    return _front_steps(design.walls, design.openings, design.ys[0], {**design.values, **(values or {})}, height)


def _front_steps(walls: list[Wall] | tuple[Wall, ...], openings: list[Opening] | tuple[Opening, ...], y_lo: float,
                 values: Mapping[str, Value], height: float) -> tuple[EntranceSteps, ...]:
    """The steps before every door in the house's front (its walls along ``y = y_lo`` with no
    room in front) that leads outside, up to a floor ``height`` above the ground. [m]"""
    by_id = {w.id: w for w in walls}
    found = []
    for opening in openings:
        wall = by_id[opening.wall]
        if opening.kind != "door" or wall.final == "party" or None not in wall.rooms:
            continue
        # Rooms are (left/front side, right/back side): the street is in front of a wall along
        # the frontage with no room on its front side.
        if wall.along != "x" or wall.rooms[0] is not None:
            continue
        steps = entrance_steps(opening.id, opening.step, (opening.x, opening.y), wall.thickness / 2, (0, -1),
                               opening.width, height, float(values["step_riser_max"]),
                               float(values["step_tread"]), float(values["entrance_landing"]),
                               float(values["entrance_margin"]))
        if steps is not None and max(y for _, y in steps.outline()) <= y_lo + EPS:   # not into a court
            found.append(steps)
    return tuple(found)


def _spaced_columns(plan: _Plan, walls: list[Wall], openings: list[Opening]) -> list[Column]:
    """Columns along walls longer than the largest spacing, moved out of openings to their jambs."""
    spacing = float(plan.values["column_spacing"])
    by_wall: dict[str, list[Opening]] = {}
    for opening in openings:
        by_wall.setdefault(opening.wall, []).append(opening)
    columns: list[Column] = []
    for wall in walls:
        columns.extend(_wall_columns(wall, spacing, plan.column_size, by_wall.get(wall.id, [])))
    return columns


def _clear_rooms(plan: _Plan, walls: list[Wall], edge_wall) -> list[Room]:
    """Rooms with their clear floor area: the centre-line rectangle less half a wall along every
    bordering wall, with the corner squares counted back where two walls meet."""
    xs, ys = plan.xs, plan.ys
    half = plan.thickness / 2
    rooms = []
    for spec in plan.template.rooms:
        x0, x1, y0, y1 = xs[spec.x[0]], xs[spec.x[1]], ys[spec.y[0]], ys[spec.y[1]]
        bordering = sum(w.length for w in walls if spec.id in w.rooms) * half
        corners = 0
        for (ci, cj), (di, dj) in (((spec.x[0], spec.y[0]), (1, 1)), ((spec.x[1], spec.y[0]), (-1, 1)),
                                   ((spec.x[0], spec.y[1]), (1, -1)), ((spec.x[1], spec.y[1]), (-1, -1))):
            along_x = edge_wall.get(("x", ci if di > 0 else ci - 1, cj))
            along_y = edge_wall.get(("y", ci, cj if dj > 0 else cj - 1))
            if along_x is not None and along_y is not None:
                corners += 1
        clear = (x1 - x0) * (y1 - y0) - bordering + corners * half * half
        name = spec.name or plan.template.room_types[spec.type].name
        rooms.append(Room(spec.id, spec.type, spec.step, x0, y0, x1, y1, name, clear))
    return rooms


def _wall_columns(wall: Wall, spacing: float, size: float, openings: list[Opening]) -> list[Column]:
    """Columns inside one wall (its ends already have theirs), at most ``spacing`` apart.

    They stand evenly along the wall; one that would fall in an opening moves to its nearer
    jamb.  When a move leaves two columns more than ``spacing`` apart, the wall takes one more
    column and they are placed again, until every panel keeps the rule.
    """
    if wall.length <= spacing + EPS:
        return []
    start = wall.x0 if wall.along == "x" else wall.y0
    count = math.ceil(wall.length / spacing - EPS) - 1
    positions: list[float] = []
    while count <= wall.length / size:
        positions = sorted({round(_out_of_openings(start + k * wall.length / (count + 1), wall, size, openings), 9)
                            for k in range(1, count + 1)})
        stations = [start, *positions, start + wall.length]
        if all(b - a <= spacing + EPS for a, b in zip(stations, stations[1:])):
            break
        count += 1
    return [Column(*((pos, wall.y0) if wall.along == "x" else (wall.x0, pos)), wall.step, wall.share, False)
            for pos in positions]


def _out_of_openings(pos: float, wall: Wall, size: float, openings: list[Opening]) -> float:
    """``pos`` along ``wall``, moved to the nearer jamb of an opening it would fall in. [m]"""
    for opening in openings:
        centre = opening.x if wall.along == "x" else opening.y
        reach = opening.width / 2 + size / 2
        if abs(pos - centre) < reach - EPS:
            before, after = centre - reach, centre + reach
            pos = before if pos - before <= after - pos else after
    return pos


def _check_roof_cover(plan: _Plan) -> None:
    """Every room is roofed: each grid cell of a room under exactly one roof, of the room's step."""
    specs, fail = plan.specs, plan.fail
    covered: dict[tuple[int, int], int] = {}
    for n, spec in enumerate(plan.template.roofs):
        for i in range(spec.x[0], spec.x[1]):
            for j in range(spec.y[0], spec.y[1]):
                room = plan.cell.get((i, j))
                if room is None:
                    raise fail(tr("roofs[{n}]: covers grid cell ({i}, {j}) where there is no room", n=n, i=i, j=j))
                if specs[room].step != spec.step:
                    raise fail(tr("roofs[{n}]: step {step} roof covers room {room!r} of step {other}", n=n,
                                  step=spec.step, room=room, other=specs[room].step))
                if (i, j) in covered:
                    raise fail(tr("roofs[{n}]: overlaps roofs[{other}]", n=n, other=covered[(i, j)]))
                covered[(i, j)] = n
    for (i, j), room in plan.cell.items():
        if (i, j) not in covered:
            raise fail(tr("roofs: room {room!r} is not fully roofed (grid cell ({i}, {j}))", room=room, i=i, j=j))


def _roofs(plan: _Plan) -> tuple[RoofBlock, ...]:
    """A roof block for every roof of the template, at the chosen pitch.  A side is free and
    overhangs by ``overhang`` where it does not abut (see :func:`_open_stretches`); a shed roof's high side must
    abut, leaning against an earlier roof.  Each block carries the walls that close it above the
    wall plate where it stands higher than what is there (see :func:`_closing_walls`)."""
    xs, ys = plan.xs, plan.ys
    overhang = float(plan.values["overhang"])
    pitch = float(plan.values["roof_pitch"])
    blocks = []
    for n, spec in enumerate(plan.template.roofs):
        open_ = {side: _open_stretches(plan, n, side) for side in ("front", "back", "left", "right")}
        free = {side: open_[side] == ((_grid_line(plan, spec, side)[1:]),) for side in open_}
        hang = {side: overhang if open_[side] else 0.0 for side in open_}
        block = RoofBlock(spec.step, xs[spec.x[0]], ys[spec.y[0]], xs[spec.x[1]], ys[spec.y[1]], spec.form,
                          spec.ridge, spec.high, pitch, hang, free, open=open_)
        if spec.form == "shed" and free[spec.high]:
            raise plan.fail(tr("roofs[{n}]: the high side ({side}) of a shed roof must lean against an earlier roof of "
                               "the house", n=n, side=spec.high))
        blocks.append(block)
    party_lines = {"left": (xs[0], "left" in plan.template.party_walls),
                   "right": (xs[-1], "right" in plan.template.party_walls)}
    return tuple(replace(block, closing=_closing_walls(block, [b for b in blocks if b is not block
                                                               and b.step <= block.step],
                                                       party_lines, plan.party_share))
                 for block in blocks)


_OPPOSITE = {"front": "back", "back": "front", "left": "right", "right": "left"}


def _closing_walls(block: RoofBlock, others: list[RoofBlock], party_lines: Mapping[str, tuple[float, bool]],
                   party_share: float) -> tuple[ClosingWall, ...]:
    """The walls above the wall plate that close ``block`` when it is built, side by side.

    Along each side the roof stands at its profile (a gable end's triangle, a shed end's slope,
    a shed's high side); what already closes it there is the surface of an earlier or same-step
    roof across the same line (``others``), or nothing in the open air.  The wall is the part of
    the profile above that: the integral of max(0, roof - below) along the side.  Two same-step
    roofs each count the part above the other, so a wall they share is counted once.  On a party
    line the neighbour's roof is not known: the whole profile is built, at ``party_share``.
    """
    walls = []
    for side in ("front", "back", "left", "right"):
        along, fixed, _, _ = block.side_line(side)
        line, shared = party_lines.get(side, (None, False))
        party = shared and abs(fixed - line) < EPS
        facing = _OPPOSITE[side]
        across = [o for o in others if o.side_line(facing)[0] == along and abs(o.side_line(facing)[1] - fixed) < EPS]
        area, top = _standing(block, side, across)
        if area > EPS:
            walls.append(ClosingWall(side, area, top, party_share if party else 1.0, party))
    return tuple(walls)


def _gap(block: RoofBlock, side: str, across: list[RoofBlock], s: float) -> float:
    """How far the roof stands above what closes it at position ``s`` along ``side``. [m]"""
    facing = _OPPOSITE[side]
    below = [o.profile(facing, s) for o in across
             if o.side_line(facing)[2] - EPS <= s <= o.side_line(facing)[3] + EPS]
    return block.profile(side, s) - max(below, default=0.0)


def _standing(block: RoofBlock, side: str, across: list[RoofBlock]) -> tuple[float, float]:
    """(area [m2], top edge [m]) of the wall standing on ``side`` above the roofs ``across`` it."""
    _, _, start, end = block.side_line(side)
    cuts = {start, end, *block.kinks(side)}
    for other in across:
        _, _, o_start, o_end = other.side_line(_OPPOSITE[side])
        cuts |= {min(max(c, start), end) for c in (o_start, o_end, *other.kinks(_OPPOSITE[side]))}
    area = top = 0.0
    points = sorted(cuts)
    for a, b in zip(points, points[1:]):
        if b - a <= EPS:
            continue
        # Between two cuts the roof and what is below it are both straight lines: read them
        # inside the interval (a neighbour that ends at a cut counts only where it stands).
        g1, g2 = _gap(block, side, across, a + (b - a) / 3), _gap(block, side, across, a + 2 * (b - a) / 3)
        gap_a, gap_b = 2 * g1 - g2, 2 * g2 - g1
        if gap_a <= EPS and gap_b <= EPS:
            continue
        if gap_a < 0 or gap_b < 0:          # they cross inside: keep the part that stands
            root = a + (b - a) * gap_a / (gap_a - gap_b)
            a, b, gap_a, gap_b = (root, b, 0.0, gap_b) if gap_a < 0 else (a, root, gap_a, 0.0)
        area += (gap_a + gap_b) / 2 * (b - a)
        top += math.hypot(b - a, block.profile(side, b) - block.profile(side, a))
    return area, top


def _grid_line(plan: _Plan, spec, side: str) -> tuple[float, float, float]:
    """(fixed coordinate, start, end) of one side of roof ``spec``, in metres."""
    xs, ys = plan.xs, plan.ys
    if side in ("front", "back"):
        return ys[spec.y[0] if side == "front" else spec.y[1]], xs[spec.x[0]], xs[spec.x[1]]
    return xs[spec.x[0] if side == "left" else spec.x[1]], ys[spec.y[0]], ys[spec.y[1]]


def _open_stretches(plan: _Plan, n: int, side: str) -> tuple[tuple[float, float], ...]:
    """The stretches of ``side`` of roof ``n`` that face the open air: not on a party wall, nor
    met by a roof of its own step or an earlier one (a later roof meets it where it already
    overhangs).  A side met along part of its length overhangs along the rest (deret-4m5's
    first roof, its back met by the kitchen's roof along the service bay only, keeps the rain
    off the living room's back wall until the bedroom is built)."""
    roofs = plan.template.roofs
    spec = roofs[n]
    fixed, start, end = _grid_line(plan, spec, side)
    if side == "left" and spec.x[0] == 0 and "left" in plan.template.party_walls:
        return ()
    if side == "right" and spec.x[1] == len(plan.xs) - 1 and "right" in plan.template.party_walls:
        return ()
    facing = _OPPOSITE[side]
    met = sorted((max(start, a), min(end, b)) for m, other in enumerate(roofs)
                 if m != n and other.step <= spec.step
                 for line, a, b in (_grid_line(plan, other, facing),)
                 if abs(line - fixed) < EPS and min(end, b) - max(start, a) > EPS)
    stretches, at = [], start
    for a, b in met:
        if a - at > EPS:
            stretches.append((at, a))
        at = max(at, b)
    if end - at > EPS:
        stretches.append((at, end))
    return tuple(stretches)


def _check_access(design: Design, template: Template, fail) -> None:
    """Every room can be reached from outside through doors or open sides, after every step."""
    wall_by_id = {w.id: w for w in design.walls}
    for step in design.steps:
        ancestors = _ancestors(design.steps)[step.number] | {step.number}
        states = [set(range(1, step.number + 1)), ancestors]
        for built in states:
            rooms = {r.id for r in design.rooms if r.step in built}
            links: dict[str, set[str]] = {r: set() for r in rooms} | {"outside": set()}
            for pair in template.open_pairs:
                a, b = sorted(pair)
                if a in rooms and b in rooms:
                    links[a].add(b)
                    links[b].add(a)
            for opening in design.openings:
                if opening.kind != "door" or opening.step not in built:
                    continue
                ends = [r if r in rooms else "outside" for r in wall_by_id[opening.wall].rooms if r]
                if len(ends) == 1:
                    ends.append("outside")
                a, b = ends
                links[a].add(b)
                links[b].add(a)
            seen, todo = {"outside"}, ["outside"]
            while todo:
                for nxt in links[todo.pop()] - seen:
                    seen.add(nxt)
                    todo.append(nxt)
            missing = sorted(rooms - seen)
            if missing:
                raise fail(tr("after step {step} (steps {built} built) no door leads to {rooms}", step=step.number,
                              built=sorted(built), rooms=", ".join(repr(m) for m in missing)))
