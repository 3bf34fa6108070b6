"""A floor plan of one build step as plain drawing data, read from the Design.

Nothing here knows DXF or PDF: :func:`plan_sheet` returns polygons, lines, arcs, texts and
dimensions in plan coordinates (metres; ``x`` along the frontage, ``y`` from the street to the
back, so the street is at the bottom of the sheet).  The DXF writer and the PDF quote draw the
same sheet.  What the step builds, and what stands before it, is drawn solid; what later steps
add is drawn on ``*-FUTR`` layers so the family sees what comes next.

A house the family already lives in is drawn in phases (:class:`Works`): the house as it is with
what is taken down (``*-DEMO``), then the repaired house with its kept walls (``*-EXST``) apart
from the new work (``*-NEWW``), then the rooms added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import i18n
from ..house.design import Design, Opening, Wall

#: Layer names (AIA CAD layer guidelines) and what they hold.
LAYERS = {
    "A-WALL": "walls standing after this step",
    "A-WALL-FUTR": "walls of later steps",
    "A-WALL-EXST": "walls of the house as it is that stay",
    "A-WALL-DEMO": "walls, and cuts for new windows, to take down",
    "A-WALL-NEWW": "walls built new in a house lived in",
    "A-DOOR": "doors: leaf and swing",
    "A-GLAZ": "windows",
    "S-COLS": "practical columns",
    "A-AREA": "room outlines on wall centre lines",
    "A-AREA-IDEN": "room names and areas",
    "A-AREA-FUTR": "rooms of later steps",
    "A-GRID": "grid axes",
    "A-GRID-IDEN": "grid labels",
    "A-ANNO-DIMS": "dimensions",
    "A-ANNO-TTLB": "title block",
    "A-ANNO-NOTE": "notes on the plan: the street side",
}
#: Text heights in drawing units (metres): 2.5 mm and 3.5 mm at 1:100.
TEXT, TITLE = 0.25, 0.35
GRID_OVERRUN = 1.5
BUBBLE = 0.3


@dataclass(frozen=True)
class Polygon:
    layer: str
    points: tuple[tuple[float, float], ...]
    filled: bool = False
    tag: str = ""                 # the Design element it draws (wall id, room id)


@dataclass(frozen=True)
class Segment:
    layer: str
    start: tuple[float, float]
    end: tuple[float, float]
    tag: str = ""


@dataclass(frozen=True)
class Arc:
    """A circular arc, counter-clockwise from ``start`` to ``end`` degrees."""

    layer: str
    centre: tuple[float, float]
    radius: float
    start: float
    end: float
    tag: str = ""


@dataclass(frozen=True)
class Circle:
    layer: str
    centre: tuple[float, float]
    radius: float


@dataclass(frozen=True)
class Label:
    layer: str
    text: str
    at: tuple[float, float]
    height: float = TEXT
    align: str = "center"         # center | left


@dataclass(frozen=True)
class Dimension:
    """A linear dimension between two points, its line ``offset`` away on the outside."""

    p1: tuple[float, float]
    p2: tuple[float, float]
    along: str                    # x (horizontal) or y (vertical)
    base: float                   # y of the dimension line (along x) or its x (along y)


@dataclass(frozen=True)
class Works:
    """What the work on a house the family lives in does to it, for one drawing.

    phase : ``before`` (the house as it is, with what is taken down), ``repair`` (the mended
        house) or ``added`` (the rooms added to it).
    removed : walls taken down and built again where they stood.
    new_openings : windows cut into walls of the house.
    new_columns : whether its practical columns are built new (the survey found none).
    """

    phase: str
    removed: frozenset[str] = frozenset()
    new_openings: tuple[Opening, ...] = ()
    new_columns: bool = False


@dataclass(frozen=True)
class Sheet:
    step: int
    steps: int
    polygons: tuple[Polygon, ...]
    segments: tuple[Segment, ...]
    arcs: tuple[Arc, ...]
    circles: tuple[Circle, ...]
    labels: tuple[Label, ...]
    dimensions: tuple[Dimension, ...]
    title: tuple[str, ...]
    extents: tuple[float, float, float, float] = field(default=(0.0, 0.0, 0.0, 0.0))
    decimal: str = ","
    #: Names the file of the sheet (``tahap-2``, ``perbaikan``); empty: ``tahap-`` and the step.
    slug: str = ""


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


def _rectangle(wall: Wall, a: float, b: float) -> tuple[tuple[float, float], ...]:
    half = wall.thickness / 2
    if wall.along == "x":
        return ((a, wall.y0 - half), (b, wall.y0 - half), (b, wall.y0 + half), (a, wall.y0 + half))
    return ((wall.x0 - half, a), (wall.x0 + half, a), (wall.x0 + half, b), (wall.x0 - half, b))


def _door(design: Design, opening: Opening, wall: Wall, layer: str) -> tuple[list[Segment], list[Arc]]:
    """Leaf drawn open at right angles into the room it serves, hinged at the lower jamb, with
    the quarter circle it sweeps."""
    room = design.room(opening.room)
    cx, cy = room.centre
    w = opening.width
    if wall.along == "x":
        side = 1.0 if cy > wall.y0 else -1.0
        hinge = (opening.x - w / 2, wall.y0)
        tip = (hinge[0], hinge[1] + side * w)
        start, end = (0.0, 90.0) if side > 0 else (270.0, 360.0)
    else:
        side = 1.0 if cx > wall.x0 else -1.0
        hinge = (wall.x0, opening.y - w / 2)
        tip = (hinge[0] + side * w, hinge[1])
        start, end = (0.0, 90.0) if side > 0 else (90.0, 180.0)
    return [Segment(layer, hinge, tip, opening.id)], [Arc(layer, hinge, w, start, end, opening.id)]


def _window(opening: Opening, wall: Wall, layer: str) -> list[Segment]:
    """Jambs, both wall faces and the glass line through the middle."""
    half, w = wall.thickness / 2, opening.width
    if wall.along == "x":
        a, b, y = opening.x - w / 2, opening.x + w / 2, wall.y0
        ends = [((a, y - half), (a, y + half)), ((b, y - half), (b, y + half)), ((a, y - half), (b, y - half)),
                ((a, y + half), (b, y + half)), ((a, y), (b, y))]
    else:
        a, b, x = opening.y - w / 2, opening.y + w / 2, wall.x0
        ends = [((x - half, a), (x + half, a)), ((x - half, b), (x + half, b)), ((x - half, a), (x - half, b)),
                ((x + half, a), (x + half, b)), ((x, a), (x, b))]
    return [Segment(layer, p, q, opening.id) for p, q in ends]


def _wall_layer(wall: Wall, step: int, works: Works | None) -> str:
    """The layer of a wall on the sheet after ``step`` (with ``works``, the phase of a repair)."""
    if works is None:
        return "A-WALL" if wall.step <= step else "A-WALL-FUTR"
    if works.phase == "added":
        return "A-WALL-NEWW" if wall.step == step else "A-WALL-EXST" if wall.step < step else "A-WALL-FUTR"
    if wall.step > 1:
        return "A-WALL-FUTR"
    if wall.id in works.removed:
        return "A-WALL-DEMO" if works.phase == "before" else "A-WALL-NEWW"
    return "A-WALL-EXST"


def plan_sheet(design: Design, step: int, lang: str = "id", title: tuple[str, ...] = (),
               works: Works | None = None, slug: str = "") -> Sheet:
    """The floor plan after ``step``: built parts solid, later parts on the future layers; with
    ``works``, a phase of the work on a house the family lives in."""
    polygons, segments, arcs, circles, labels = [], [], [], [], []
    by_wall: dict[str, list[Opening]] = {}
    cut = {o.id for o in works.new_openings} if works else set()
    for o in list(design.openings) + list(works.new_openings if works else ()):
        if o.kind in ("door", "window"):
            by_wall.setdefault(o.wall, []).append(o)
    for wall in design.walls:
        layer = _wall_layer(wall, step, works)
        built = layer != "A-WALL-FUTR"
        openings = by_wall.get(wall.id, [])
        # A standing wall has holes only for openings made by now; one cut later is shown dashed.
        # The house as it is shows the cuts for its new windows as pieces to take down.
        made = [o for o in openings if o.step <= step and not (o.id in cut and works.phase == "before")]
        holes = made if built else openings
        for a, b in _wall_pieces(wall, holes):
            polygons.append(Polygon(layer, _rectangle(wall, a, b), layer != "A-WALL-DEMO" and built, wall.id))
        for o in openings:
            if o.id in cut and works.phase == "before":
                centre = o.x if wall.along == "x" else o.y
                polygons.append(Polygon("A-WALL-DEMO", _rectangle(wall, centre - o.width / 2, centre + o.width / 2),
                                        False, o.id))
                continue
            layer = ("A-DOOR" if o.kind == "door" else "A-GLAZ") if o.step <= step else "A-WALL-FUTR"
            if o.kind == "door":
                leaf, swing = _door(design, o, wall, layer)
                segments += leaf
                arcs += swing
            else:
                segments += _window(o, wall, layer)
    size = float(design.values["column_size"]) / 2
    for c in design.columns:
        if works is not None and works.new_columns and works.phase == "before" and c.step == 1:
            continue                            # the survey found none: they come with the repair
        if c.step <= step:
            polygons.append(Polygon("S-COLS", ((c.x - size, c.y - size), (c.x + size, c.y - size),
                                               (c.x + size, c.y + size), (c.x - size, c.y + size)), filled=True))
    for room in design.rooms:
        built = room.step <= step
        corners = ((room.x0, room.y0), (room.x1, room.y0), (room.x1, room.y1), (room.x0, room.y1))
        polygons.append(Polygon("A-AREA" if built else "A-AREA-FUTR", corners, tag=room.id))
        cx, cy = room.centre
        layer = "A-AREA-IDEN" if built else "A-AREA-FUTR"
        area = f"{i18n.number(room.area, lang)} m²"
        if not built:
            area = i18n.t("step {step}: {area}", lang, step=room.step, area=area)
        labels.append(Label(layer, room.name(lang), (cx, cy + TEXT * 0.7)))
        labels.append(Label(layer, area, (cx, cy - TEXT * 0.7)))

    xs, ys = design.xs, design.ys
    left, right, front, back = xs[0], xs[-1], ys[0], ys[-1]
    for k, x in enumerate(xs):
        segments.append(Segment("A-GRID", (x, front - GRID_OVERRUN), (x, back + GRID_OVERRUN)))
        circles.append(Circle("A-GRID-IDEN", (x, front - GRID_OVERRUN - BUBBLE), BUBBLE))
        labels.append(Label("A-GRID-IDEN", chr(ord("A") + k), (x, front - GRID_OVERRUN - BUBBLE)))
    for k, y in enumerate(ys):
        segments.append(Segment("A-GRID", (left - GRID_OVERRUN, y), (right + GRID_OVERRUN, y)))
        circles.append(Circle("A-GRID-IDEN", (left - GRID_OVERRUN - BUBBLE, y), BUBBLE))
        labels.append(Label("A-GRID-IDEN", str(k + 1), (left - GRID_OVERRUN - BUBBLE, y)))
    dims = [Dimension((a, front), (b, front), "x", front - 0.8) for a, b in zip(xs, xs[1:])]
    dims.append(Dimension((left, front), (right, front), "x", front - 1.2))
    dims += [Dimension((right, a), (right, b), "y", right + 0.8) for a, b in zip(ys, ys[1:])]
    dims.append(Dimension((right, front), (right, back), "y", right + 1.2))
    street = i18n.t("Front / street", lang)
    # Below the grid bubbles; the arrow is drawn, not typed: not every CAD or PDF font has the glyph.
    middle, below = (left + right) / 2, front - GRID_OVERRUN - 2 * BUBBLE - 0.15
    labels.append(Label("A-ANNO-NOTE", street, (middle, below - 0.95)))
    segments += [Segment("A-ANNO-NOTE", (middle, below), (middle, below - 0.6)),
                 Segment("A-ANNO-NOTE", (middle - 0.12, below - 0.4), (middle, below - 0.6)),
                 Segment("A-ANNO-NOTE", (middle + 0.12, below - 0.4), (middle, below - 0.6))]
    extents = (left - GRID_OVERRUN - 2 * BUBBLE - 0.5, below - 1.3, right + GRID_OVERRUN + 1.5,
               back + GRID_OVERRUN + 0.5)
    ty = extents[1] - 0.6
    for k, line in enumerate(title):
        labels.append(Label("A-ANNO-TTLB", line, (extents[0], ty - k * TITLE * 1.6), TITLE if k == 0 else TEXT, "left"))
    # Wide enough for the longest line (a character is at most about 0.72 of the text height wide).
    width = max([extents[2] - extents[0]] + [len(line) * (TITLE if k == 0 else TEXT) * 0.72
                                              for k, line in enumerate(title)])
    box_bottom = ty - len(title) * TITLE * 1.6
    box_left, box_right, box_top = extents[0] - 0.2, extents[0] + width + 0.2, ty + TITLE * 1.2
    polygons.append(Polygon("A-ANNO-TTLB", ((box_left, box_top), (box_right, box_top), (box_right, box_bottom),
                                           (box_left, box_bottom))))
    extents = (box_left, box_bottom, max(extents[2], box_right), extents[3])
    return Sheet(step, len(design.steps), tuple(polygons), tuple(segments), tuple(arcs), tuple(circles),
                 tuple(labels), tuple(dims), title, extents, i18n.separators(lang)[0], slug)


def shoelace(points) -> float:
    """Area of a simple polygon. [m2]"""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2

