"""House templates: the parametric description a :class:`~rumah.house.design.Design` is built from.

A template places rectangular rooms on a grid whose spans are parameters, says which build
step adds each room, puts doors, windows and vents on room edges, and covers each step with
roof blocks.  This module only reads and checks the file; geometry happens in ``design``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .. import i18n
from ..data import catalog_dir, find
from ..errors import unknown
from ..i18n import N_, language, ntr, plain, tr
from ..schema import (
    DECIMAL_COMMA,
    Text,
    Where,
    bilingual,
    choice,
    entries,
    integer,
    mapping,
    number,
    printed,
    sequence,
    text,
)
from ..yamlio import load_yaml
from .parameters import Parameter, load_shared_parameters, parse_parameters

SIDES = ("front", "back", "left", "right")
ROOF_FORMS = ("gable", "shed")


@dataclass(frozen=True)
class RoomType:
    name: Text
    lights: int = 1
    sockets: int = 0
    wet: bool = False
    toilet: bool = False
    sleeping: bool = False


@dataclass(frozen=True)
class OpeningType:
    """A door, window or vent size.  Lengths [m]; ``light`` and ``air`` are shares of w x h."""

    name: str
    kind: str
    label: Text
    width: float
    height: float
    sill: float = 0.0
    light: float = 0.0
    air: float = 0.0


@dataclass(frozen=True)
class StepSpec:
    number: int
    name: Text
    requires: tuple[int, ...]
    value: float


@dataclass(frozen=True)
class RoomSpec:
    id: str
    type: str
    step: int
    x: tuple[int, int]
    y: tuple[int, int]
    name: Text | None


@dataclass(frozen=True)
class OpeningSpec:
    id: str
    type: str
    room: str
    side: str
    at: float
    step: int | None
    #: Grid lines [from, to] along the side that ``at`` is measured on (the whole side when None).
    along: tuple[int, int] | None = None


@dataclass(frozen=True)
class RoofSpec:
    step: int
    x: tuple[int, int]
    y: tuple[int, int]
    form: str
    ridge: str        # gable: direction of the ridge, "x" or "y"
    high: str         # shed: the side that stands high, against an earlier part of the house


@dataclass(frozen=True)
class Template:
    id: str
    version: int
    name: Text
    description: Text
    source: str
    frontage: float
    parameters: Mapping[str, Parameter]
    grid_x: tuple[str | float, ...]
    grid_y: tuple[str | float, ...]
    party_walls: tuple[str, ...]
    steps: tuple[StepSpec, ...]
    rooms: tuple[RoomSpec, ...]
    open_pairs: tuple[frozenset[str], ...]
    openings: tuple[OpeningSpec, ...]
    roofs: tuple[RoofSpec, ...]
    room_types: Mapping[str, RoomType]
    opening_types: Mapping[str, OpeningType]
    file: str = ""
    #: Bill lines this template moves to another work package: quantity -> (package, reason).
    #: Checked against the catalog's packages and quantities when the bill is divided.
    packages: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def step(self, number: int) -> StepSpec:
        for step in self.steps:
            if step.number == number:
                return step
        raise unknown(N_("build step"), str(number), [str(s.number) for s in self.steps],
                      tr("template {id}", id=self.id))


def span_pair(value: object, where: Where, lines: int) -> tuple[int, int]:
    pair = sequence(value, where)
    if len(pair) != 2:
        raise where.error(tr("two grid line numbers [from, to]"), value)
    a = integer(pair[0], where / 0, minimum=0, maximum=lines - 1)
    b = integer(pair[1], where / 1, minimum=0, maximum=lines - 1)
    if b <= a:
        raise where.error(tr("[from, to] with from < to"), value)
    return a, b


def _spans(value: object, where: Where, parameters: Mapping[str, Parameter]) -> tuple[str | float, ...]:
    spans = []
    for i, span in enumerate(sequence(value, where)):
        if isinstance(span, str) and not DECIMAL_COMMA.match(span.strip()):
            if span not in parameters or parameters[span].kind != "number":
                raise unknown(N_("number parameter"), span, [n for n, p in parameters.items() if p.kind == "number"],
                              str(where / i))
            spans.append(span)
        else:
            spans.append(number(span, where / i, above=0, maximum=20, unit="m"))
    if not spans:
        raise where.error(tr("at least one span"), value)
    return tuple(spans)


@cache
def _catalog_tables(folder: str) -> tuple[dict, dict, dict]:
    root = Path(folder)
    shared = load_shared_parameters(root / "parameters.yaml")
    where = Where(str(root / "room_types.yaml"))
    data = mapping(load_yaml(root / "room_types.yaml"), where, required=("types",), optional=("source",))
    room_types = {}
    for name, spec in entries(data["types"], where / "types").items():
        at = where / "types" / name
        spec = mapping(spec, at, required=("name",), optional=("lights", "sockets", "wet", "toilet", "sleeping"))
        room_types[name] = RoomType(bilingual(spec["name"], at / "name"),
                                    integer(spec.get("lights", 1), at / "lights", minimum=0, maximum=10),
                                    integer(spec.get("sockets", 0), at / "sockets", minimum=0, maximum=10),
                                    bool(spec.get("wet", False)), bool(spec.get("toilet", False)),
                                    bool(spec.get("sleeping", False)))
    where = Where(str(root / "openings.yaml"))
    data = mapping(load_yaml(root / "openings.yaml"), where, required=("types",), optional=("source",))
    opening_types = {}
    for name, spec in entries(data["types"], where / "types").items():
        at = where / "types" / name
        spec = mapping(spec, at, required=("kind", "name", "width", "height"), optional=("sill", "light", "air"))
        opening_types[name] = OpeningType(
            name, choice(spec["kind"], at / "kind", ("door", "window", "vent"), N_("kind")),
            bilingual(spec["name"], at / "name"),
            number(spec["width"], at / "width", above=0, maximum=5, unit="m"),
            number(spec["height"], at / "height", above=0, maximum=3, unit="m"),
            number(spec.get("sill", 0.0), at / "sill", minimum=0, maximum=3, unit="m"),
            number(spec.get("light", 0.0), at / "light", minimum=0, maximum=1),
            number(spec.get("air", 0.0), at / "air", minimum=0, maximum=1))
    return shared, room_types, opening_types


def shared_parameters(folder: Path | None = None) -> Mapping[str, Parameter]:
    """The parameters every template shares (catalog/parameters.yaml), by name."""
    return _catalog_tables(str(folder or catalog_dir()))[0]


def shared_parameter_names(folder: Path | None = None) -> frozenset[str]:
    """The names of :func:`shared_parameters`."""
    return frozenset(shared_parameters(folder))


def parse_template(raw: object, where: Where, folder: Path | None = None) -> Template:
    """Check a template file's content and return a :class:`Template`."""
    shared, room_types, opening_types = _catalog_tables(str(folder or catalog_dir()))
    data = mapping(raw, where, required=("id", "version", "name", "grid", "steps", "rooms", "openings", "roofs"),
                   optional=("description", "source", "frontage", "parameters", "party_walls", "open", "packages"))
    parameters = parse_parameters(data.get("parameters"), where / "parameters", shared)
    grid = mapping(data["grid"], where / "grid", required=("x", "y"))
    grid_x = _spans(grid["x"], where / "grid" / "x", parameters)
    grid_y = _spans(grid["y"], where / "grid" / "y", parameters)

    steps = []
    for i, raw_step in enumerate(sequence(data["steps"], where / "steps")):
        at = where / "steps" / i
        spec = mapping(raw_step, at, required=("step", "name"), optional=("requires", "value"))
        number_ = integer(spec["step"], at / "step", minimum=1, maximum=50)
        if number_ != i + 1:
            raise (at / "step").error(tr("step {step} (steps are numbered 1, 2, 3 ... in order)", step=i + 1), number_)
        requires = spec.get("requires", [number_ - 1] if number_ > 1 else [])
        checked = []
        for j, r in enumerate(sequence(requires, at / "requires")):
            r = integer(r, at / "requires" / j, minimum=1)
            if r >= number_:
                raise (at / "requires" / j).fail(tr(
                    "step {step} requires step {other}, which is not before it; a step may only require earlier steps "
                    "(so the steps can never wait for each other in a cycle)", step=number_, other=r))
            checked.append(r)
        requires = tuple(checked)
        steps.append(StepSpec(number_, bilingual(spec["name"], at / "name", TEXT_LIMITS["step"]), requires,
                              number(spec.get("value", 1.0), at / "value", minimum=0, maximum=1000)))
    if not steps:
        raise (where / "steps").error(tr("at least one build step"), data["steps"])
    step_numbers = [s.number for s in steps]

    rooms = []
    for i, raw_room in enumerate(sequence(data["rooms"], where / "rooms")):
        at = where / "rooms" / i
        spec = mapping(raw_room, at, required=("id", "type", "step", "x", "y"), optional=("name",))
        room_id = text(spec["id"], at / "id")
        if any(r.id == room_id for r in rooms):
            raise (at / "id").fail(tr("room id {id!r} is used twice", id=room_id))
        rooms.append(RoomSpec(
            room_id, choice(spec["type"], at / "type", room_types, N_("room type")),
            integer(spec["step"], at / "step", minimum=1, maximum=len(steps)),
            span_pair(spec["x"], at / "x", len(grid_x) + 1), span_pair(spec["y"], at / "y", len(grid_y) + 1),
            bilingual(spec["name"], at / "name", TEXT_LIMITS["room"]) if "name" in spec else None))
    room_ids = [r.id for r in rooms]
    _check_sizes(rooms, grid_x, grid_y, parameters, where)

    open_pairs = []
    for i, pair in enumerate(sequence(data.get("open", []), where / "open")):
        pair = sequence(pair, where / "open" / i)
        if len(pair) != 2:
            raise (where / "open" / i).error(tr("two room ids"), pair)
        rooms_open = frozenset(choice(p, where / "open" / i / j, room_ids, N_("room")) for j, p in enumerate(pair))
        if len(rooms_open) != 2:
            raise (where / "open" / i).error(tr("two different room ids"), pair)
        open_pairs.append(rooms_open)

    openings = []
    for i, raw_opening in enumerate(sequence(data["openings"], where / "openings")):
        at = where / "openings" / i
        spec = mapping(raw_opening, at, required=("id", "type", "room", "side"), optional=("at", "step", "along"))
        opening_id = text(spec["id"], at / "id")
        if any(o.id == opening_id for o in openings):
            raise (at / "id").fail(tr("opening id {id!r} is used twice", id=opening_id))
        room = rooms[room_ids.index(choice(spec["room"], at / "room", room_ids, N_("room")))]
        side = choice(spec["side"], at / "side", SIDES, N_("side"))
        along = None
        if "along" in spec:
            low, high = room.x if side in ("front", "back") else room.y
            lines = len(grid_x) + 1 if side in ("front", "back") else len(grid_y) + 1
            along = span_pair(spec["along"], at / "along", lines)
            if along[0] < low or along[1] > high:
                raise (at / "along").error(tr("grid lines within the room's side [{low}, {high}]", low=low, high=high),
                                           spec["along"])
        openings.append(OpeningSpec(
            opening_id, choice(spec["type"], at / "type", opening_types, N_("opening type")), room.id, side,
            number(spec.get("at", 0.5), at / "at", above=0, maximum=1),
            integer(spec["step"], at / "step", minimum=1, maximum=len(steps)) if "step" in spec else None, along))

    roofs = []
    for i, raw_roof in enumerate(sequence(data["roofs"], where / "roofs")):
        at = where / "roofs" / i
        spec = mapping(raw_roof, at, required=("step", "x", "y", "form"), optional=("ridge", "high"))
        form = choice(spec["form"], at / "form", ROOF_FORMS, N_("roof form"))
        if form == "gable" and "ridge" not in spec:
            raise at.fail(tr("a gable roof needs 'ridge: x' or 'ridge: y' (the direction of the ridge line)"))
        if form == "shed" and "high" not in spec:
            raise at.fail(tr("a shed roof needs 'high:' (front, back, left or right: the side against the house)"))
        roofs.append(RoofSpec(
            integer(spec["step"], at / "step", minimum=1, maximum=len(steps)),
            span_pair(spec["x"], at / "x", len(grid_x) + 1), span_pair(spec["y"], at / "y", len(grid_y) + 1),
            form, choice(spec.get("ridge", "x"), at / "ridge", ("x", "y"), N_("ridge direction")),
            choice(spec.get("high", "back"), at / "high", SIDES, N_("side"))))

    party = tuple(choice(p, where / "party_walls" / i, ("left", "right"), N_("side"))
                  for i, p in enumerate(sequence(data.get("party_walls", []), where / "party_walls")))
    if party and "party_share" not in parameters:
        raise (where / "parameters").fail(tr("a template with party walls needs a 'party_share' parameter"))
    del step_numbers
    packages = {}
    for quantity, spec in entries(data.get("packages", {}), where / "packages").items():
        at = where / "packages" / quantity
        spec = mapping(spec, at, required=("package", "reason"))
        packages[quantity] = (text(spec["package"], at / "package"), text(spec["reason"], at / "reason"))
    return Template(
        id=_template_id(data["id"], where / "id"),
        version=integer(data["version"], where / "version", minimum=1),
        name=bilingual(data["name"], where / "name", TEXT_LIMITS["name"]),
        description=bilingual(data.get("description", data["name"]), where / "description",
                              TEXT_LIMITS["description"]),
        source=printed(data.get("source", ""), where / "source", TEXT_LIMITS["source"], allow_empty=True),
        frontage=number(data.get("frontage", 0.0), where / "frontage", minimum=0, unit="m"),
        parameters=parameters, grid_x=grid_x, grid_y=grid_y, party_walls=party, steps=tuple(steps),
        rooms=tuple(rooms), open_pairs=tuple(open_pairs), openings=tuple(openings), roofs=tuple(roofs),
        room_types=room_types, opening_types=opening_types, file=where.file, packages=packages)


#: Room and house sizes a template may allow, at any values of its parameters. [m]  A room side of
#: more than 20 m is beyond any span of a single-storey house (the bound of one grid span,
#: rumah.house.parameters.LARGEST); one under 1 m cannot take a door (the narrowest, to a WC, is
#: 0.7 m between its jambs); a plot is 60 to 200 m2 (Kepmen 403/2002, DOMAIN.md section 2), so no
#: house on one is longer than 40 m.
ROOM_SIDE = (1.0, 20.0)
HOUSE_SIDE = 40.0


def _check_sizes(rooms, grid_x, grid_y, parameters, where: Where) -> None:
    """Every room within ROOM_SIDE and the house within HOUSE_SIDE, at the smallest and at the
    largest values the template's parameters allow (a room grows with every span it covers)."""
    def spans(grid, largest: bool) -> list[float]:
        values = []
        for span in grid:
            if isinstance(span, str):
                parameter = parameters[span]
                bound = parameter.maximum if largest else parameter.minimum
                values.append(float(bound if bound is not None else parameter.default))
            else:
                values.append(float(span))
        return values

    def which(grid, low: int, high: int) -> str:
        named = sorted({s for s in grid[low:high] if isinstance(s, str)})
        return ntr(" (with {names} at its largest)", " (with {names} at their largest)", len(named),
                   names=", ".join(named)) if named else ""

    lang = language()
    for largest in (True, False):
        xs, ys = spans(grid_x, largest), spans(grid_y, largest)
        for axis, values, grid in (("x", xs, grid_x), ("y", ys, grid_y)):
            if largest and sum(values) > HOUSE_SIDE + 1e-9:
                raise (where / "grid" / axis).fail(tr(
                    "expected a house at most {most} m long on each side, found {found} m{which}; no plot of the "
                    "programme (60 to 200 m2) holds it", most=plain(HOUSE_SIDE, lang),
                    found=i18n.number(sum(values), lang), which=which(grid, 0, len(grid))))
        for i, room in enumerate(rooms):
            for axis, (low, high), values, grid in (("x", room.x, xs, grid_x), ("y", room.y, ys, grid_y)):
                side = sum(values[low:high])
                if largest and side > ROOM_SIDE[1] + 1e-9:
                    raise (where / "rooms" / i / axis).fail(tr(
                        "room {room!r}: expected a room at most {most} m on a side, found {found} m{which}; narrow "
                        "the parameter's range or the room", room=room.id, most=plain(ROOM_SIDE[1], lang),
                        found=i18n.number(side, lang), which=which(grid, low, high)))
                if not largest and side < ROOM_SIDE[0] - 1e-9:
                    raise (where / "rooms" / i / axis).fail(tr(
                        "room {room!r}: expected a room at least {least} m on a side, found {found} m at the smallest "
                        "values allowed; it could not take a door", room=room.id, least=plain(ROOM_SIDE[0], lang),
                        found=i18n.number(side, lang)))


#: Longest texts of a template that people read, in characters: each must fit its place on the quote
#: (a step name heads a section and fills a table cell; a room name labels a room on the drawings).
TEXT_LIMITS = {"name": 120, "description": 400, "source": 400, "step": 80, "room": 40}

#: A template id names files (the DXF plans ``<id>-tahap-1.dxf``) and shows in every document: a
#: plain name, never a path (``../../x``) nor anything a terminal or a spreadsheet would act on.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,59}")


def _template_id(value: object, where: Where) -> str:
    found = text(value, where)
    if not _ID.fullmatch(found):
        raise where.error(tr("an id of letters, digits, '-' and '_' (at most 60, such as 'inti-6m')"), found)
    return found


def template_paths() -> dict[str, Path]:
    return {p.stem: p for p in sorted((catalog_dir() / "templates").glob("*.yaml"))}


def load_template(name: str) -> Template:
    """A bundled template by id, or a template file by path."""
    path = find(name, template_paths(), N_("template"))
    template = parse_template(load_yaml(path), Where(str(path)))
    if path.parent == catalog_dir() / "templates" and template.id != path.stem:
        raise (Where(str(path)) / "id").fail(tr("expected {name!r} (the file name), found {id!r}", name=path.stem,
                                                id=template.id))
    return template
