"""Drawings as plain data: polygons, lines, arcs, texts and dimensions, and the sheet that holds them.

Nothing here knows DXF or PDF.  A :class:`Sheet` is drawn in model coordinates (metres; on a
plan ``x`` along the frontage, ``y`` from the street to the back; on a section ``x`` along the
cut and ``y`` the height above the ground).  The parts that belong on paper (the frame, the
title block, the door and window schedule) are drawn in the same coordinates, at the sheet's
scale, on the layers named in :data:`PAPER_LAYERS`: the DXF writer puts them in paper space and
the PDF quote leaves them out.

Text sizes are chosen on paper (millimetres of cap height) and turned into metres by the
sheet's scale, so a sheet is laid out for one scale; :func:`text_box` is the room a text takes,
which the label placing (rumah.documents.labels) and the tests read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .. import i18n

#: Layer names (AIA CAD layer guidelines) and what they hold.
LAYERS = {
    "A-WALL": "walls standing after this step",
    "A-WALL-FUTR": "walls, openings, rooms and the septic tank of later steps; in a section, later floor raisings",
    "A-WALL-EXST": "walls standing before this step or repair, that stay",
    "A-WALL-DEMO": "walls, and cuts for new windows, to take down",
    "A-WALL-NEWW": "walls this step or repair builds",
    "A-DOOR": "doors: leaf and swing",
    "A-GLAZ": "windows",
    "A-DOOR-IDEN": "door, window and vent tags: type and width x height",
    "S-COLS": "practical columns",
    "A-AREA": "room outlines on wall centre lines",
    "A-AREA-IDEN": "room names and areas",
    "A-AREA-FUTR": "rooms of later steps",
    "A-GRID": "grid axes",
    "A-GRID-IDEN": "grid labels",
    "A-ANNO-DIMS": "dimensions",
    "A-ANNO-LEVL": "levels: the ground outside (0,00) and the floor",
    "A-ANNO-SYMB": "where the section cuts the plan",
    "A-ANNO-NOTE": "notes on the drawing: the street side, what a part is made of",
    "A-FLOR-STRS": "entrance steps: outline, the edge of every step, the way up and the risers",
    "P-SANR": "septic tank and the toilet's drain",
    "P-SANR-FIXT": "the squat toilet a repair sets in a room",
    "C-PROP": "plot boundary",
    "C-TOPO": "the ground in a section",
    "A-SECT-WALL": "walls cut by the section",
    "A-SECT-FLOR": "the floor and what it is laid on, cut by the section",
    "A-SECT-ROOF": "the roof in section: covering line, eaves and ridge",
    "A-SECT-CLNG": "the ceiling",
    "S-SECT-FNDN": "stone foundation and its bedding, cut by the section",
    "S-SECT-CONC": "sloof and ring beam, cut by the section",
    "A-ANNO-TTLB": "sheet frame and title block (paper space)",
    "A-ANNO-SCHD": "door and window schedule (paper space)",
    "A-ANNO-VPRT": "the viewport's edge (not printed)",
}
#: Layers drawn on paper, not in the model.
PAPER_LAYERS = ("A-ANNO-TTLB", "A-ANNO-SCHD")

#: Cap height of Bitstream Vera (the PDF's font; DejaVu Sans, ezdxf's usual choice, has the same
#: metrics) as a share of its em.  DXF text heights are cap heights; the PDF sets the font size to
#: height / CAP so that both show the same letters.
CAP = 0.729
#: Advance widths of Bitstream Vera *Bold* (the wider face) in em, rounded up by character class;
#: tests check the estimate against reportlab's own metrics for every text drawn.
_NARROW, _SLIM, _WIDE = " .,:;'|!iljI", "ftrJ()-/[]°²", "mwMW"
#: Room kept around a text, as a share of its height: texts never touch.
PAD = 0.12

Point = tuple[float, float]
Box = tuple[float, float, float, float]


def _em(char: str) -> float:
    if char in _NARROW:
        return 0.40
    if char in _SLIM:
        return 0.50
    if char in _WIDE:
        return 1.11
    if char.islower() or char.isdigit():
        return 0.72
    if char.isupper() or char in "+±×=<>&#%?$":
        return 0.86
    return 1.0


@lru_cache(maxsize=4096)
def _ems(text: str) -> float:
    return sum(_em(c) for c in text)


def text_width(text: str, height: float) -> float:
    """Length of ``text`` written with cap height ``height``, at most. [m]"""
    return _ems(text) * height / CAP


@dataclass(frozen=True)
class Polygon:
    layer: str
    points: tuple[Point, ...]
    filled: bool = False
    tag: str = ""                 # the Design element it draws (wall id, room id)
    #: A hatch pattern (DXF name, e.g. ``ANSI31``) instead of a solid fill; empty: solid.
    pattern: str = ""


@dataclass(frozen=True)
class Segment:
    layer: str
    start: Point
    end: Point
    tag: str = ""


@dataclass(frozen=True)
class Arc:
    """A circular arc, counter-clockwise from ``start`` to ``end`` degrees."""

    layer: str
    centre: Point
    radius: float
    start: float
    end: float
    tag: str = ""


@dataclass(frozen=True)
class Circle:
    layer: str
    centre: Point
    radius: float


@dataclass(frozen=True)
class Label:
    """A line of text; ``at`` is the middle of its cap height, at its centre (``center``) or at
    its start (``left``).  ``rotation`` 90 reads upwards."""

    layer: str
    text: str
    at: Point
    height: float = 0.25          # 2,5 mm at 1:100
    align: str = "center"         # center | left
    rotation: float = 0.0


@dataclass(frozen=True)
class Dimension:
    """A linear dimension from ``p1`` to ``p2`` measured ``along`` x or y, its line at ``base``
    (a y for ``x``, an x for ``y``), its ``text`` (the length as people read it) centred at
    ``text_at``."""

    p1: Point
    p2: Point
    along: str
    base: float
    text: str
    text_at: Point
    height: float

    @property
    def length(self) -> float:
        return abs(self.p2[0] - self.p1[0]) if self.along == "x" else abs(self.p2[1] - self.p1[1])

    @property
    def label(self) -> Label:
        """The dimension's text as a label (vertical dimensions read upwards)."""
        return Label("A-ANNO-DIMS", self.text, self.text_at, self.height, "center", 0.0 if self.along == "x" else 90.0)


@dataclass(frozen=True)
class Paper:
    """The sheet of paper a drawing is printed on, placed in model coordinates.

    name : ISO size (``A3``); width, height : its size [mm], landscape.
    scale : the drawing's scale 1:``scale``.
    origin : where the paper's lower left corner falls in the model. [m]
    viewport : the part of the model the paper shows (x0, y0, x1, y1). [m]
    """

    name: str
    width: float
    height: float
    scale: int
    origin: Point
    viewport: Box

    def at(self, x: float, y: float) -> Point:
        """The model point under the paper point (``x``, ``y``) [mm]."""
        k = self.scale / 1000
        return (self.origin[0] + x * k, self.origin[1] + y * k)


@dataclass(frozen=True)
class ScheduleRow:
    """One type of door, window or vent on a sheet: its tag, name, size [m], how many stand, and
    how many of them the sheet's step builds (what the builder orders for it)."""

    code: str
    name: str
    width: float
    height: float
    sill: float
    count: int
    new: int = 0


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
    #: Bounds of what is drawn in the model (x0, y0, x1, y1). [m]
    extents: Box = (0.0, 0.0, 0.0, 0.0)
    decimal: str = ","
    #: Names the file of the sheet (``tahap-2``, ``perbaikan``, ``potongan``); empty: ``tahap-`` and the step.
    slug: str = ""
    #: ``plan`` or ``section``.
    kind: str = "plan"
    #: The drawing's scale 1:``scale``; texts are sized for it.
    scale: int = 100
    paper: Paper | None = None
    schedule: tuple[ScheduleRow, ...] = field(default=())

    def model(self, layer: str) -> bool:
        return layer not in PAPER_LAYERS


def text_box(label: Label) -> Box:
    """The rectangle a label's letters stay within, with :data:`PAD` around them. [m]

    Cap height ``h`` centred on ``at``: descenders reach 0.33 h below the base line and the
    highest signs (accents, superscript two) 0.54 h above the middle.
    """
    h = label.height
    width = text_width(label.text, h)
    pad = PAD * h
    if label.align == "center":
        a, b = -width / 2 - pad, width / 2 + pad
    else:
        a, b = -pad, width + pad
    below, above = -0.83 * h - pad, 0.54 * h + pad
    x, y = label.at
    if label.rotation % 180 == 0:
        return (x + a, y + below, x + b, y + above)
    # Upwards: the text runs along y, the letters' tops face -x.
    return (x - above, y + a, x - below, y + b)


def boxes_overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def union(boxes) -> Box:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def model_extents(sheet: Sheet) -> Box:
    """Bounds of everything drawn in the model (not the paper parts), texts included. [m]"""
    boxes = []
    for polygon in sheet.polygons:
        if sheet.model(polygon.layer):
            boxes.append(union([(x, y, x, y) for x, y in polygon.points]))
    for segment in sheet.segments:
        if sheet.model(segment.layer):
            boxes.append(union([segment.start * 2, segment.end * 2]))
    for arc in sheet.arcs:
        boxes.append((arc.centre[0] - arc.radius, arc.centre[1] - arc.radius,
                      arc.centre[0] + arc.radius, arc.centre[1] + arc.radius))
    for circle in sheet.circles:
        boxes.append((circle.centre[0] - circle.radius, circle.centre[1] - circle.radius,
                      circle.centre[0] + circle.radius, circle.centre[1] + circle.radius))
    boxes += [text_box(label) for label in sheet.labels if sheet.model(label.layer)]
    for dim in sheet.dimensions:
        boxes.append(text_box(dim.label))
        boxes.append(union([dim.p1 * 2, dim.p2 * 2]))
        boxes.append((dim.p1[0], dim.base, dim.p1[0], dim.base) if dim.along == "x" else (dim.base, dim.p1[1]) * 2)
    return union(boxes)


def level(value: float, lang: str) -> str:
    """A level above the ground outside, as a plan writes it: ``+0,30``; the ground ``±0,00``."""
    if abs(value) < 0.005:
        return "±" + i18n.number(0.0, lang)
    return ("+" if value > 0 else "-") + i18n.number(abs(value), lang)


def shoelace(points) -> float:
    """Area of a simple polygon. [m2]"""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2
