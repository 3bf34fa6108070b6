"""The house a family already lives in: its rooms on a grid, its components and their condition.

A technician surveys the house (*rumah tidak layak huni*, RTLH, as BSPS verification forms record
it: roof, walls, floor, structure, openings, toilet and septic tank, water, power, floor level
against the ground and the last flood) and writes it in the household file::

    existing_house:
      grid: {x: [3.0, 3.0], y: [4.0, 2.5]}        # metres between wall centre lines
      rooms:
        - {id: tamu, type: living, x: [0, 1], y: [0, 1]}
        - {id: kamar, type: bedroom, x: [1, 2], y: [0, 1]}
        - {id: dapur, type: kitchen, x: [0, 2], y: [1, 2]}
        - {id: kamar2, type: bedroom, x: [2, 3], y: [0, 1], new: true}   # a room to add
      openings:
        - {id: P1, type: door_main, room: tamu, side: front}
        - {id: J1, type: window_small, room: kamar, side: front}
      wall_height: 2.6
      floor_height: 0.1                            # floor above the ground [m]
      roof: {covering: clay_tile, frame: timber, condition: leaking}
      walls: {material: bamboo, condition: damaged}
      floor: earth
      structure: {foundation: false, sloof: false, columns: false, ring_beam: false}
      toilet: false
      septic_tank: false
      water: true
      electricity: true

The rooms and openings become a template of one step ("the house as it is") and, when some rooms
are new, a second step that adds them; its Design is measured like any other (the roof area of
the house, the walls to replace, the floor over earth).  Nothing is judged here: the assessment
(rumah.plan.assessment) says what fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..errors import DataError, ParameterError
from ..i18n import N_, tr
from ..schema import Where, choice, flag, mapping, number, sequence
from .design import EPS, Design, Opening, Wall, build_design
from .template import Template, parse_template, span_pair

ROOF_COVERINGS = ("clay_tile", "concrete_tile", "metal", "asbestos", "thatch", "plastic")
ROOF_FRAMES = ("timber", "bamboo", "steel")
WALL_MATERIALS = ("bamboo", "board", "brick_unplastered", "brick", "block")
FLOOR_MATERIALS = ("earth", "screed", "tile")
CONDITIONS = ("good", "damaged", "leaking", "broken")
STRUCTURE = ("foundation", "sloof", "columns", "ring_beam")
#: The parts a repair builds only where the survey found them missing (catalog/repairs.yaml ``parts``).
PARTS = STRUCTURE + ("toilet", "septic_tank")

#: Steps of the house's template: the house as it is, and the rooms to add.
EXISTING_STEP, NEW_STEP = 1, 2
#: The template id a surveyed house's design carries.
EXISTING_TEMPLATE = "rumah-yang-ada"
#: The opening type (catalog/openings.yaml) of the windows a repair adds.
NEW_WINDOW = "window"
STEP_NAMES = {EXISTING_STEP: N_("The house as it is"), NEW_STEP: N_("New rooms")}


@dataclass(frozen=True)
class Components:
    """What the survey found, component by component."""

    roof_covering: str
    roof_frame: str
    roof_condition: str
    wall_material: str
    wall_condition: str
    floor: str
    structure: Mapping[str, bool]
    toilet: bool
    septic_tank: bool
    water: bool
    electricity: bool

    def present(self, part: str) -> bool:
        """Whether the survey found ``part`` (of :data:`PARTS`) in the house."""
        return self.structure[part] if part in self.structure else bool(getattr(self, part))


@dataclass(frozen=True)
class ExistingHouse:
    """The surveyed house: its Design (step 1 the house as it is, step 2 the rooms to add, if
    any), its components, and its floor height above the ground. [m]"""

    design: Design
    template: Template
    components: Components
    wall_height: float
    floor_height: float
    #: Rooms the tool added because the house, with the rooms the survey names as new, is too
    #: small for the family (see :func:`rooms_to_add`): their ids.
    added: tuple[str, ...] = ()
    #: Where they stand: ``back`` (behind the house) or ``right`` (beside it).
    added_at: str = ""

    @property
    def has_new_rooms(self) -> bool:
        return any(r.step == NEW_STEP for r in self.design.rooms)


def _roofs(rooms: list[dict], grid: Mapping, before: list[dict] = ()) -> list[dict]:
    """The roofs a surveyor who gives none most likely saw: over each step's rooms, gable roofs
    on few rectangles of whole rooms, taken the largest first (one over a rectangular house, two
    over an L-shaped one: its long arm and the wing; a greedy choice, not always the fewest: a
    staggered house may get three where two would do), each with its ridge along its longer side
    (a square's from front to back, as before), or carrying on an earlier step's ridge that
    runs into it (``before``: the surveyed roofs, when rooms are added to them).  A roof per
    room put a gable over every room of a row: three ridges and six gable ends over three rooms
    side by side."""
    spans = {axis: [_metres(v) for v in grid[axis]] if isinstance(grid.get(axis), list) else []
             for axis in ("x", "y")}

    def length(axis: str, span: tuple[int, int]) -> float:
        return sum(spans[axis][span[0]:span[1]]) or float(span[1] - span[0])

    roofs = []
    for step in sorted({r["step"] for r in rooms}):
        left = [r for r in rooms if r["step"] == step]
        while left:
            blocks = list(_room_blocks(left)) or [(tuple(r["x"]), tuple(r["y"])) for r in left]
            # (Rooms that overlap fill no rectangle: a roof each, and the template refuses them.)
            bx, by = max(blocks, key=lambda b: (length("x", b[0]) * length("y", b[1]), -b[1][0], -b[0][0]))
            ridge = _continued([*before, *roofs], bx, by) or ("x" if length("x", bx) > length("y", by) + 1e-9 else "y")
            roofs.append({"step": step, "x": list(bx), "y": list(by), "form": "gable", "ridge": ridge})
            left = [r for r in left if not _inside(r, bx, by)]
    return roofs


def _continued(roofs: list[dict], x: tuple[int, int], y: tuple[int, int]) -> str | None:
    """The ridge of an earlier step's roof that ``(x, y)`` carries on: one whose whole side it
    meets with its own, the ridge running into that side (rooms added behind a house under a
    ridge from front to back extend the same roof)."""
    for roof in roofs:
        rx, ry, ridge = tuple(roof["x"]), tuple(roof["y"]), roof.get("ridge", "y")
        if roof.get("form") != "gable":
            continue
        if ridge == "y" and rx == x and (ry[1] == y[0] or y[1] == ry[0]):
            return "y"
        if ridge == "x" and ry == y and (rx[1] == x[0] or x[1] == rx[0]):
            return "x"
    return None


def _metres(value) -> float:
    """A grid span in metres, ``3.5`` or ``"3,5"`` (the template's own check refuses one that is
    not a length, later; it counts as nothing here)."""
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return 0.0


def _inside(room: dict, x: tuple[int, int], y: tuple[int, int]) -> bool:
    return x[0] <= room["x"][0] and room["x"][1] <= x[1] and y[0] <= room["y"][0] and room["y"][1] <= y[1]


def _room_blocks(rooms: list[dict]):
    """Every rectangle of grid cells that ``rooms`` fill exactly with whole rooms, as (x, y) spans."""
    xs = sorted({v for r in rooms for v in r["x"]})
    ys = sorted({v for r in rooms for v in r["y"]})
    for i, x0 in enumerate(xs):
        for x1 in xs[i + 1:]:
            for j, y0 in enumerate(ys):
                for y1 in ys[j + 1:]:
                    inside = [r for r in rooms if _inside(r, (x0, x1), (y0, y1))]
                    filled = sum((r["x"][1] - r["x"][0]) * (r["y"][1] - r["y"][0]) for r in inside)
                    if inside and filled == (x1 - x0) * (y1 - y0):
                        yield (x0, x1), (y0, y1)


@dataclass(frozen=True)
class Need:
    """What the family needs of its house: floor area [m2], bedrooms, and the plot (width,
    depth) [m] when known, within which any room added must stay."""

    area: float
    bedrooms: int
    plot: tuple[float, float] | None = None


#: Depth of the row of bedrooms added to a house too small for its family: 3 m, the RISHA module
#: and a common simple-house bedroom of 3 x 3 m (a stated project rule).
ADDED_DEPTH = 3.0
#: The narrowest bay a bedroom is added in: a bed and the way past it (a stated project rule). [m]
ADDED_WIDTH = 2.4


def rooms_to_add(rooms: list[dict], openings: list[dict], grid: Mapping[str, list], need: Need, area: float,
                 bedrooms: int, private: set[str] = frozenset()) -> tuple[str, list[dict], list[dict]] | None:
    """Bedrooms to add on the house's own grid when it is too small for the family.

    A row of rooms :data:`ADDED_DEPTH` deep goes behind the house (or, where the plot is too
    shallow, beside it on the right), one grid bay at a time from the left (or the front),
    each behind a room it opens from, until the floor area and the bedrooms are enough.  A bay
    narrower than :data:`ADDED_WIDTH`, behind a room of a ``private`` type (a bathroom or a
    bedroom: no one walks through it to bed) or behind a room with a door or window in that
    wall (it would open into the new room) is passed over: the technician draws those by hand.
    Returns (the grid axis extended, the rooms, their openings: a door from the room in
    front and a window outside), or None when the house is large enough or no row fits.

    area, bedrooms : what the house has with the rooms the survey already adds.
    """
    if area >= need.area - 1e-9 and bedrooms >= need.bedrooms:
        return None
    for axis, across in (("y", "x"), ("x", "y")):
        spans = [float(v) for v in grid[axis]]
        if need.plot is not None:
            room_for = need.plot[1] if axis == "y" else need.plot[0]
            if sum(spans) + ADDED_DEPTH > room_for + 1e-9:
                continue
        edge = len(spans)
        bays = [float(v) for v in grid[across]]
        added, doors = [], []
        have_area, have_beds = area, bedrooms
        for bay in range(len(bays)):
            if have_area >= need.area - 1e-9 and have_beds >= need.bedrooms:
                break
            front = next((r for r in rooms if r[axis][1] == edge and r[across][0] <= bay < r[across][1]), None)
            outward = "back" if axis == "y" else "right"
            if front is None or bays[bay] < ADDED_WIDTH - 1e-9 or front["type"] in private or any(
                    o["room"] == front["id"] and o["side"] == outward for o in openings):
                continue
            room_id = f"tambah{len(added) + 1}"
            added.append({"id": room_id, "type": "bedroom", across: [bay, bay + 1], axis: [edge, edge + 1],
                          "step": NEW_STEP})
            inward = "front" if axis == "y" else "left"
            doors += [{"id": f"PT{len(added)}", "type": "door", "room": room_id, "side": inward},
                      {"id": f"JT{len(added)}", "type": NEW_WINDOW, "room": room_id, "side": outward}]
            have_area += bays[bay] * ADDED_DEPTH
            have_beds += 1
        if added and have_area >= need.area - 1e-9 and have_beds >= need.bedrooms:
            return axis, added, doors
    return None


#: The roof choice (catalog/parameters.yaml) of each surveyed covering a choice lays: a roof mended,
#: or taken off and put back, in kind.  Thatch, plastic and asbestos have none.
ROOF_IN_KIND = {"clay_tile": "timber_clay_tile", "concrete_tile": "steel_concrete_tile", "metal": "steel_metal"}


def roof_in_kind(covering: str) -> str | None:
    """The roof choice that mends a surveyed roof in kind: clay tiles for a clay-tile roof,
    concrete tiles for a concrete-tile one; None for a covering no choice lays (the household's
    roof choice then, metal sheet by default).  A family mends what it has unless it chooses
    otherwise, and a repair priced in another covering is not the repair it will buy."""
    return ROOF_IN_KIND.get(covering)


#: A house type's parameters a house to improve takes from its survey, with why a choice of them
#: is refused: the survey's heights would overrule it without a word.
SURVEYED_HEIGHTS = {
    "plinth_height": N_("a house to improve stands at the floor height its survey measured "
                        "(existing_house.floor_height); a floor raised above floods is planned from the plot's flood "
                        "record (plot.flood)"),
    "wall_height": N_("a house to improve has the wall height its survey measured (existing_house.wall_height); "
                      "walls raised with a floor come from the plot's flood record (plot.flood)"),
}


def _no_new_heights(values: Mapping[str, Any]) -> None:
    """A house to improve has the walls and floor its survey measured: a house type's wall or
    floor height chosen for it is refused, saying where those heights are given."""
    for name, why in SURVEYED_HEIGHTS.items():
        if name in values:
            error = ParameterError(tr(why))
            error.parameter = name
            raise error


def parse_existing(raw: Any, where: Where, values: Mapping[str, Any] | None = None,
                   need: Need | None = None) -> ExistingHouse:
    """Read ``existing_house:`` of a household file and build the house's Design.

    values : the household's parameter choices for new work (walls, roof, floor ...), which
        also price the repairs.
    need : what the family needs; when the house (with any rooms the survey marks ``new``) is
        too small, bedrooms are added on its grid (:func:`rooms_to_add`).
    """
    data = mapping(raw, where, required=("grid", "rooms", "roof", "walls", "floor"),
                   optional=("openings", "roofs", "wall_height", "floor_height", "structure", "toilet",
                             "septic_tank", "water", "electricity"))
    wall_height = number(data.get("wall_height", 2.8), where / "wall_height", minimum=2.0, maximum=4.0, unit="m")
    floor_height = number(data.get("floor_height", 0.1), where / "floor_height", minimum=0.0, maximum=2.0, unit="m")
    _no_new_heights(values or {})
    grid = mapping(data["grid"], where / "grid", required=("x", "y"))
    rooms = []
    for i, room in enumerate(sequence(data["rooms"], where / "rooms")):
        at = where / "rooms" / i
        spec = mapping(room, at, required=("id", "type", "x", "y"), optional=("name", "new"))
        new = flag(spec.pop("new", False), at / "new")
        # Grid spans checked here already: the default roofs are worked out from them.
        lines = {"x": len(sequence(grid["x"], where / "grid" / "x")) + 1,
                 "y": len(sequence(grid["y"], where / "grid" / "y")) + 1}
        spec = dict(spec) | {k: list(span_pair(spec[k], at / k, lines[k])) for k in ("x", "y")}
        rooms.append(dict(spec) | {"step": NEW_STEP if new else EXISTING_STEP})
    if not any(r["step"] == EXISTING_STEP for r in rooms):
        raise (where / "rooms").fail(tr("expected at least one room of the house as it is (not new: true)"))
    step_of = {r["id"]: r["step"] for r in rooms if isinstance(r.get("id"), str)}
    openings = []
    for i, opening in enumerate(sequence(data.get("openings", []), where / "openings")):
        at = where / "openings" / i
        spec = dict(mapping(opening, at, required=("id", "type", "room", "side"), optional=("at", "along", "new")))
        new = flag(spec.pop("new", False), at / "new")
        if new and step_of.get(spec["room"]) == EXISTING_STEP:
            if NEW_STEP not in step_of.values():
                raise (at / "new").fail(tr("a door or window marked new is cut into the house with the rooms to "
                                           "add, and no room is marked new: true (the windows the house needs for "
                                           "daylight and air are added by the assessment)"))
            spec["step"] = NEW_STEP            # a door or window cut into a wall of the house
        openings.append(spec)
    steps = [{"step": EXISTING_STEP, "name": STEP_NAMES[EXISTING_STEP], "value": 10}]
    if any(r["step"] == NEW_STEP for r in rooms):
        steps.append({"step": NEW_STEP, "name": STEP_NAMES[NEW_STEP],
                      "requires": [EXISTING_STEP], "value": 6})
    roofs = data.get("roofs")
    if roofs is None:
        roofs = _roofs(rooms, grid)
    else:
        roofs = [dict(mapping(r, where / "roofs" / i, required=("x", "y", "form"), optional=("ridge", "high")))
                 for i, r in enumerate(sequence(roofs, where / "roofs"))]
        for r in roofs:
            cells = [room for room in rooms if room["x"][0] <= r["x"][0] < room["x"][1]
                     and room["y"][0] <= r["y"][0] < room["y"][1]]
            r["step"] = cells[0]["step"] if cells else EXISTING_STEP
    template_raw = {
        "id": EXISTING_TEMPLATE, "version": 1,
        "name": N_("The existing house"),
        "grid": grid,
        # An existing house has the walls and floor it has: lower walls and a floor at the ground
        # are what the survey measures, not choices within a new design's ranges.
        "parameters": {"wall_height": {"min": 2.0, "max": 4.0}, "plinth_height": {"min": 0.0, "max": 2.0}},
        "steps": steps, "rooms": rooms, "openings": openings, "roofs": roofs,
    }
    # What the geometry refuses (rooms overlapping, an opening over another) names the survey.
    template = replace(parse_template(template_raw, where), file=str(where))
    roof = mapping(data["roof"], where / "roof", required=("covering",), optional=("frame", "condition"))
    covering = choice(roof["covering"], where / "roof" / "covering", ROOF_COVERINGS, N_("roof covering"))
    frame = choice(roof.get("frame", "timber"), where / "roof" / "frame", ROOF_FRAMES, N_("roof frame"))
    given = {"roof": ROOF_IN_KIND[covering]} if covering in ROOF_IN_KIND else {}
    given |= dict(values or {}) | {"wall_height": wall_height, "plinth_height": floor_height}
    design = build_design(template, given)
    added: tuple[str, ...] = ()
    added_at = ""
    if need is not None:
        sleeping = {name for name, kind in template.room_types.items() if kind.sleeping}
        extra = rooms_to_add(rooms, openings, grid, need, sum(r.area for r in design.rooms),
                             sum(1 for r in design.rooms if r.type in sleeping),
                             {name for name, kind in template.room_types.items() if kind.toilet or kind.sleeping})
        if extra is not None:
            axis, new_rooms, new_openings = extra
            surveyed = template, design
            grid = dict(grid) | {axis: list(grid[axis]) + [ADDED_DEPTH]}
            if not any(r["step"] == NEW_STEP for r in template_raw["steps"]):
                template_raw["steps"] = steps + [{"step": NEW_STEP, "name": STEP_NAMES[NEW_STEP],
                                                  "requires": [EXISTING_STEP], "value": 6}]
            more_roofs = (roofs + _roofs(new_rooms, grid, roofs) if data.get("roofs") is not None
                          else _roofs(rooms + new_rooms, grid))
            template_raw |= {"grid": grid, "rooms": rooms + new_rooms, "roofs": more_roofs}
            try:
                template = replace(parse_template(template_raw | {"openings": openings + new_openings}, where),
                                   file=str(where))
                design = build_design(template, given)
                added = tuple(r["id"] for r in new_rooms)
                added_at = "back" if axis == "y" else "right"
            except DataError:
                template, design = surveyed     # the rooms do not fit the house's own rules: as surveyed
    walls = mapping(data["walls"], where / "walls", required=("material",), optional=("condition",))
    structure = mapping(data.get("structure", {}), where / "structure", optional=STRUCTURE)
    components = Components(
        roof_covering=covering,
        roof_frame=frame,
        roof_condition=choice(roof.get("condition", "good"), where / "roof" / "condition", CONDITIONS, N_("condition")),
        wall_material=choice(walls["material"], where / "walls" / "material", WALL_MATERIALS, N_("wall material")),
        wall_condition=choice(walls.get("condition", "good"), where / "walls" / "condition", CONDITIONS,
                              N_("condition")),
        floor=choice(data["floor"], where / "floor", FLOOR_MATERIALS, N_("floor")),
        structure={part: flag(structure.get(part, False), where / "structure" / part) for part in STRUCTURE},
        toilet=flag(data.get("toilet", False), where / "toilet"),
        septic_tank=flag(data.get("septic_tank", False), where / "septic_tank"),
        water=flag(data.get("water", False), where / "water"),
        electricity=flag(data.get("electricity", False), where / "electricity"),
    )
    # The survey does not record the steps up to the door (the family has its way in): none are
    # drawn or priced for the house as it is; a floor raising builds them (rumah.plan.improvement).
    # A room to add with a door from the street gets its steps like a new house's.
    design = replace(design, entrances=tuple(e for e in design.entrances if e.step != EXISTING_STEP))
    return ExistingHouse(design, template, components, wall_height, floor_height, added, added_at)


def with_values(house: ExistingHouse, values: Mapping[str, Any]) -> ExistingHouse:
    """The same surveyed house with other choices for its new work (``{"wall": "aac"}`` ...):
    its Design built again, so that the repairs are priced with them."""
    return replace(house, design=build_design(house.template, dict(house.design.values) | dict(values)))


#: Clear wall kept between a new window and a column, a corner or another opening. [m]
WINDOW_CLEARANCE = 0.3


def place_windows(house: ExistingHouse, count: int, kind: str = NEW_WINDOW,
                  toilet: Toilet | None = None) -> tuple[Opening, ...]:
    """Where ``count`` new windows (of opening type ``kind``) go in the house as it is: one at a
    time, in the room with the least daylight for its floor that has an outside wall with room
    for one, in the middle of that wall's longest free stretch.  Fewer than ``count`` when the
    outside walls are full.  The walls of a toilet room the repairs close (``toilet``) are not
    free: a window there lights the toilet, not the room."""
    design = house.design
    otype = house.template.opening_types[kind]
    rooms = {r.id: r for r in design.rooms if r.step == EXISTING_STEP}
    light = {room: 0.0 for room in rooms}
    taken: dict[str, list[tuple[float, float]]] = {}
    for o in design.openings:
        if o.room in light and o.step == EXISTING_STEP:
            light[o.room] += o.area * o.type.light
        centre = o.x if design.wall(o.wall).along == "x" else o.y
        taken.setdefault(o.wall, []).append((centre - o.width / 2, centre + o.width / 2))
    outside = [w for w in design.walls if w.step == EXISTING_STEP and w.final == "exterior"
               and any(r in rooms for r in w.rooms if r)]
    if toilet is not None and toilet.cubicle is not None:
        fx0, fy0, fx1, fy1 = toilet.cubicle.footprint
        reach = max(w.thickness for w in design.walls)
        for w in outside:
            if w.along == "x" and fy0 - reach < w.y0 < fy1 + reach and _overlaps((fx0, 0, fx1, 1), (w.x0, 0, w.x1, 1)):
                taken.setdefault(w.id, []).append((fx0, fx1))
            elif w.along == "y" and fx0 - reach < w.x0 < fx1 + reach and \
                    _overlaps((0, fy0, 1, fy1), (0, w.y0, 1, w.y1)):
                taken.setdefault(w.id, []).append((fy0, fy1))
    edge = float(design.values["column_size"]) / 2 + WINDOW_CLEARANCE
    placed: list[Opening] = []
    for n in range(1, count + 1):
        best = None
        for wall in outside:
            room = next(r for r in wall.rooms if r in rooms)
            lo, hi = (wall.x0, wall.x1) if wall.along == "x" else (wall.y0, wall.y1)
            start, stretches = lo + edge, []
            for a, b in sorted(taken.get(wall.id, [])):
                stretches.append((start, a - WINDOW_CLEARANCE))
                start = max(start, b + WINDOW_CLEARANCE)
            stretches.append((start, hi - edge))
            a, b = max(stretches, key=lambda s: s[1] - s[0])
            if b - a < otype.width - EPS:
                continue
            rank = (light[room] / rooms[room].area, -(b - a), wall.id)
            if best is None or rank < best[0]:
                best = (rank, wall, room, (a + b) / 2)
        if best is None:
            break
        _, wall, room, centre = best
        x, y = (centre, wall.y0) if wall.along == "x" else (wall.x0, centre)
        placed.append(Opening(f"JB{n}", otype, wall.id, room, EXISTING_STEP, x, y, True))
        light[room] += otype.width * otype.height * otype.light
        taken.setdefault(wall.id, []).append((centre - otype.width / 2, centre + otype.width / 2))
    return tuple(placed)


#: The floor a squat toilet takes in a room: 0,9 m along the wall it backs onto and 1,2 m out
#: from it (a stated project rule: the common least size of a WC cubicle for a squat toilet).
TOILET_SPACE = (0.9, 1.2)
#: The pan of a squat toilet (kloset jongkok), as drawn: width and length (a common size). [m]
TOILET_PAN = (0.45, 0.6)
#: Clear floor between the back of the pan and the wall it backs onto. [m]
TOILET_BACK = 0.15


@dataclass(frozen=True)
class Toilet:
    """Where the repairs set a squat toilet in the house as it is.

    room : the room it stands in.
    x, y : the centre of the pan, where its drain and its water pipe start. [m]
    space : the floor it takes (x0, y0, x1, y1), against ``wall``. [m]
    wall : the wall it backs onto (its pan's length runs away from it).
    """

    room: str
    x: float
    y: float
    space: tuple[float, float, float, float]
    wall: str
    #: The toilet room (bilik WC) closed round it when the house has none.
    cubicle: Cubicle | None = None


#: The clear floor of a toilet room (bilik WC) built round a new squat toilet: 1,2 m along the
#: wall the toilet backs onto and 1,5 m out from it (a stated rule of thumb: the squat toilet's
#: 0,9 x 1,2 m (:data:`TOILET_SPACE`) with room to turn and to hang a door that opens out; the
#: KM/WC of 1,2 x 1,5 m is the smallest common in simple houses). [m]
CUBICLE = (1.2, 1.5)
#: The stretch of a kitchen's wall kept free beside a toilet room: a cooking bench of 1,2 m and
#: room to stand at its end (a stated project rule). [m]
KITCHEN_BENCH = 1.5
#: The door of a toilet room: the smallest door type of the catalog (catalog/openings.yaml).
CUBICLE_DOOR = "door_wc"


@dataclass(frozen=True)
class Cubicle:
    """A toilet room carved from a corner of a room of the house as it is.

    clear : its clear floor (x0, y0, x1, y1) between wall faces. [m]
    partitions : the two new walls that close it with the room's own walls.
    door : the door, in the partition that faces the room's middle; it opens out.
    """

    room: str
    clear: tuple[float, float, float, float]
    footprint: tuple[float, float, float, float]
    walls: tuple[Wall, ...]
    door: Opening

    @property
    def area(self) -> float:
        """Its floor to the centre lines of its walls, as rooms are measured (its new walls are
        as thick as the house's, so this is the floor it takes from its room). [m2]"""
        x0, y0, x1, y1 = self.footprint
        return (x1 - x0) * (y1 - y0)

    @property
    def wall_length(self) -> float:
        """Its new walls' length along their centre lines (each from the face of the room's wall
        it meets to the centre of the other). [m]"""
        return sum(w.length for w in self.walls)


def _reach(design: Design, opening: Opening) -> tuple[float, float, float, float]:
    """The floor a door keeps clear on both sides of its wall: as wide as the door and as deep
    as its leaf is wide (where it swings, and the way through it). [m]"""
    wall = design.wall(opening.wall)
    w = opening.width
    if wall.along == "x":
        return (opening.x - w / 2, wall.y0 - w, opening.x + w / 2, wall.y0 + w)
    return (wall.x0 - w, opening.y - w / 2, wall.x0 + w, opening.y + w / 2)


def _swing(cubicle: Cubicle, at_back: bool) -> tuple[float, float, float, float]:
    """The floor the toilet room's door swings over, out into its room (towards the front when
    the toilet room is at the back). [m]"""
    door = cubicle.door
    leaf = door.width
    y0, y1 = (door.y - leaf, door.y) if at_back else (door.y, door.y + leaf)
    return (door.x - leaf / 2, y0, door.x + leaf / 2, y1)


def _overlaps(a, b) -> bool:
    return a[0] < b[2] - EPS and b[0] < a[2] - EPS and a[1] < b[3] - EPS and b[1] < a[3] - EPS


def _corner_wall(design: Design, along: str, at: float, lo: float, hi: float) -> Wall | None:
    """The wall of the house on the line ``at`` (y for a wall along x, x for one along y) that
    runs from ``lo`` to ``hi`` (its own axis) at least."""
    for w in design.walls:
        if w.along != along or w.step != EXISTING_STEP:
            continue
        line, a, b = (w.y0, w.x0, w.x1) if along == "x" else (w.x0, w.y0, w.y1)
        if abs(line - at) < EPS and min(a, b) - EPS <= lo and hi <= max(a, b) + EPS:
            return w
    return None


def _cubicle(house: ExistingHouse, room, at_back: bool, left: bool, half: float) -> Cubicle | None:
    """A toilet room of :data:`CUBICLE` in the (back or front, left or right) corner of ``room``,
    closed by two new walls as thick as the house's; None where the room's own walls do not
    close that corner."""
    design = house.design
    width, depth = CUBICLE
    t = 2 * half
    x0, y0, x1, y1 = room.x0 + half, room.y0 + half, room.x1 - half, room.y1 - half
    door_type = house.template.opening_types[CUBICLE_DOOR]
    # Its door opens out into the room: the room leaves the leaf room to swing beyond the new
    # wall, not only the small room itself.
    if x1 - x0 < width + t - EPS or y1 - y0 < depth + t + door_type.width - EPS:
        return None
    cx0, cx1 = (x0, x0 + width) if left else (x1 - width, x1)
    cy0, cy1 = (y1 - depth, y1) if at_back else (y0, y0 + depth)
    fx = (cx0, cx1 + t) if left else (cx0 - t, cx1)
    fy = (cy0 - t, cy1) if at_back else (cy0, cy1 + t)
    if _corner_wall(design, "x", room.y1 if at_back else room.y0, *fx) is None or \
            _corner_wall(design, "y", room.x0 if left else room.x1, *fy) is None:
        return None
    # Centre lines: the wall across the room from the side wall's face to the middle of the
    # wall along it, which runs from the back (or front) wall's face.
    front_y = cy0 - half if at_back else cy1 + half
    side_x = cx1 + half if left else cx0 - half
    across = Wall("WC1", x0 if left else side_x, front_y, side_x if left else x1, front_y, EXISTING_STEP,
                  "interior", "interior", 1.0, t, (room.id, None))
    along = Wall("WC2", side_x, front_y if at_back else y0, side_x, y1 if at_back else front_y, EXISTING_STEP,
                 "interior", "interior", 1.0, t, (room.id, None))
    # The door opens out of the small room, into the room it is carved from.
    door = Opening("PWC", door_type, across.id, room.id, EXISTING_STEP, (cx0 + cx1) / 2, front_y, True,
                   -1.0 if at_back else 1.0)
    return Cubicle(room.id, (cx0, cy0, cx1, cy1), (fx[0], fy[0], fx[1], fy[1]), (across, along), door)


def _clear_of_windows(design: Design, cubicle: Cubicle) -> bool:
    """Whether no window or vent of the house stands where a new wall of ``cubicle`` meets a wall."""
    ends = []
    for w in cubicle.walls:
        ends += [(w.x0, w.y0), (w.x1, w.y1)]
    for o in design.openings:
        if o.kind == "door":                # (windows of rooms to add too: they go through the same walls)
            continue
        wall = design.wall(o.wall)
        for x, y in ends:
            if wall.along == "x" and abs(y - wall.y0) < 2 * EPS + cubicle.walls[0].thickness and \
                    abs(x - o.x) < o.width / 2 + cubicle.walls[0].thickness:
                return False
            if wall.along == "y" and abs(x - wall.x0) < 2 * EPS + cubicle.walls[0].thickness and \
                    abs(y - o.y) < o.width / 2 + cubicle.walls[0].thickness:
                return False
    return True


def place_toilet(house: ExistingHouse) -> Toilet | None:
    """Where the squat toilet a repair installs goes, and the toilet room (bilik WC) closed round
    it, by a stated rule (the survey gives no place).

    A house with a toilet room (a KM/WC) has the toilet in the middle of that room, where a new
    house's takeoff measures its drain from, and gets no new walls.  Otherwise a toilet room of
    :data:`CUBICLE` is closed in a corner of a room of the house as it is by two new walls and a
    KM/WC door in the wall across the room (it opens out, into the room's middle, never onto the
    stretch of wall beside the toilet room, where a kitchen's cooking bench stands).  Rooms nobody
    sleeps in first, and among them wet rooms (a kitchen has water and a drain), then rooms not
    lived in, then living rooms; bedrooms last; a room against the back wall first.  A kitchen
    must keep :data:`KITCHEN_BENCH` of free wall beside the toilet room (its cooking bench),
    unless no other room has a place.  In a room, the back corner before the front one and the
    corner on an outside wall before an inner one; the corner must be closed by the room's own
    walls, its toilet room keep clear of every door (the floor a door swings over and the way
    through it), and its new walls meet no window.  The pan stands in the middle of the toilet
    room, backing onto the room's back (or front) wall.  None when no room has such a corner
    (the technician places it by hand).
    """
    design = house.design
    types = design.room_types
    back = design.ys[-1]
    half = max(w.thickness for w in design.walls) / 2
    for room in design.rooms:
        if room.step == EXISTING_STEP and types[room.type].toilet:
            wall = next(w for w in design.walls if w.along == "x" and abs(w.y0 - room.y1) < EPS
                        and min(w.x0, w.x1) - EPS <= room.centre[0] <= max(w.x0, w.x1) + EPS)
            return Toilet(room.id, *room.centre, (room.x0 + half, room.y0 + half, room.x1 - half, room.y1 - half),
                          wall.id)
    # Every door, those to rooms being added included: a toilet room built over one would be the
    # way into the new room.
    doors = [_reach(design, o) for o in design.openings if o.kind == "door"]
    rooms = [r for r in design.rooms if r.step == EXISTING_STEP]
    living = {"living", "family", "dining"}

    def rank(room):
        kind = types[room.type]
        return (kind.sleeping, not kind.wet, room.type in living, abs(room.y1 - back) > EPS, room.x0)

    def bench_left(room, cubicle) -> bool:
        if not types[room.type].wet or types[room.type].toilet:
            return True
        return (room.x1 - room.x0 - 2 * half) - (cubicle.footprint[2] - cubicle.footprint[0]) >= KITCHEN_BENCH - EPS

    for strict in (True, False):
        for room in sorted(rooms, key=rank):
            corners = []
            for at_back in (True, False):
                for left in (True, False):
                    side = design.xs[0] if left else design.xs[-1]
                    outside = abs((room.x0 if left else room.x1) - side) < EPS
                    corners.append(((not at_back, not outside, not left), at_back, left))
            for _, at_back, left in sorted(corners):
                cubicle = _cubicle(house, room, at_back, left, half)
                # Clear of every door's swing, and its own door's swing clear of them too.
                if cubicle is None or any(_overlaps(cubicle.footprint, reach) or
                                          _overlaps(_swing(cubicle, at_back), reach) for reach in doors):
                    continue
                if not _clear_of_windows(design, cubicle) or (strict and not bench_left(room, cubicle)):
                    continue
                cx0, cy0, cx1, cy1 = cubicle.clear
                wall = _corner_wall(design, "x", room.y1 if at_back else room.y0, cx0, cx1)
                from_wall = TOILET_BACK + TOILET_PAN[1] / 2
                centre_y = cy1 - from_wall if at_back else cy0 + from_wall
                width, depth = TOILET_SPACE
                sy0 = cy1 - depth if at_back else cy0
                space = ((cx0 + cx1 - width) / 2, sy0, (cx0 + cx1 + width) / 2, sy0 + depth)
                return Toilet(room.id, (cx0 + cx1) / 2, centre_y, space, wall.id, cubicle)
    return None
