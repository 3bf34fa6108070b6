"""Placing texts where they cross nothing: no other text, wall, door swing, grid line or dimension.

A :class:`Clearance` holds what is already drawn (lines, arcs as short chords, filled areas and
the boxes of placed texts) in a coarse grid of cells, and answers whether a text box would touch
any of it.  A text is offered a list of candidate places in order of preference and takes the
first free one.  Pure geometry on plain data: the same tests read the finished sheet.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .drawing import Box, Dimension, Label, Point, Polygon, Segment, boxes_overlap, text_box, text_width, union

#: Side of the grid cells that index what is drawn. [m]
CELL = 0.5
#: Largest angle an arc is cut into for the chords that stand for it. [degrees]
ARC_STEP = 5.0


def segment_hits_box(a: Point, b: Point, box: Box) -> bool:
    """Whether the segment from ``a`` to ``b`` touches the inside of ``box`` (Liang-Barsky)."""
    x0, y0, x1, y1 = box
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if abs(p) < 1e-12:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return True


def inside(point: Point, polygon: Sequence[Point]) -> bool:
    """Whether ``point`` lies inside ``polygon`` (even-odd rule)."""
    x, y = point
    result = False
    for (xa, ya), (xb, yb) in zip(polygon, list(polygon[1:]) + [polygon[0]]):
        if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
            result = not result
    return result


def arc_chords(centre: Point, radius: float, start: float, end: float) -> list[tuple[Point, Point]]:
    """Short chords along an arc, counter-clockwise from ``start`` to ``end`` degrees."""
    sweep = (end - start) % 360 or 360.0
    n = max(1, math.ceil(sweep / ARC_STEP))
    points = [(centre[0] + radius * math.cos(math.radians(start + sweep * k / n)),
               centre[1] + radius * math.sin(math.radians(start + sweep * k / n))) for k in range(n + 1)]
    return list(zip(points, points[1:]))


class Clearance:
    """What a new text must keep clear of."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        self._items: list[tuple[str, object, Box]] = []

    def _index(self, box: Box, item: tuple[str, object]) -> None:
        self._items.append(item + (box,))
        k = len(self._items) - 1
        for i in range(math.floor(box[0] / CELL), math.floor(box[2] / CELL) + 1):
            for j in range(math.floor(box[1] / CELL), math.floor(box[3] / CELL) + 1):
                self._cells[(i, j)].append(k)

    def segment(self, a: Point, b: Point) -> None:
        self._index(union([a * 2, b * 2]), ("segment", (a, b)))

    def arc(self, centre: Point, radius: float, start: float, end: float) -> None:
        for a, b in arc_chords(centre, radius, start, end):
            self.segment(a, b)

    def polygon(self, points: Sequence[Point], filled: bool) -> None:
        for a, b in zip(points, list(points[1:]) + [points[0]]):
            self.segment(a, b)
        if filled:
            self._index(union([p * 2 for p in points]), ("area", tuple(points)))

    def box(self, box: Box) -> None:
        self._index(box, ("box", box))

    def add(self, shape) -> None:
        """Keep clear of a drawn Segment or Polygon."""
        if isinstance(shape, Segment):
            self.segment(shape.start, shape.end)
        else:
            self.polygon(shape.points, shape.filled)

    def hits(self, box: Box) -> bool:
        """Whether ``box`` touches anything held."""
        seen = set()
        x0, y0, x1, y1 = box
        for i in range(math.floor(x0 / CELL), math.floor(x1 / CELL) + 1):
            for j in range(math.floor(y0 / CELL), math.floor(y1 / CELL) + 1):
                for k in self._cells.get((i, j), ()):
                    if k in seen:
                        continue
                    seen.add(k)
                    kind, item, bounds = self._items[k]
                    # Bounds first: most of what a cell holds lies clear of the box.
                    if bounds[0] > x1 or bounds[2] < x0 or bounds[1] > y1 or bounds[3] < y0:
                        continue
                    if kind == "box" and boxes_overlap(box, item):
                        return True
                    if kind == "segment" and segment_hits_box(*item, box):
                        return True
                    if kind == "area" and (inside(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), item)
                                           or any(box[0] < x < box[2] and box[1] < y < box[3] for x, y in item)):
                        return True
        return False


def moved(labels: Sequence[Label], dx: float, dy: float) -> list[Label]:
    return [Label(lb.layer, lb.text, (lb.at[0] + dx, lb.at[1] + dy), lb.height, lb.align, lb.rotation)
            for lb in labels]


def shifted(shapes: Sequence, dx: float, dy: float) -> list:
    result = []
    for s in shapes:
        if isinstance(s, Segment):
            result.append(Segment(s.layer, (s.start[0] + dx, s.start[1] + dy), (s.end[0] + dx, s.end[1] + dy), s.tag))
        else:
            result.append(Polygon(s.layer, tuple((x + dx, y + dy) for x, y in s.points), s.filled, s.tag, s.pattern))
    return result


def group_box(labels: Sequence[Label], shapes: Sequence = ()) -> Box:
    boxes = [text_box(lb) for lb in labels]
    for s in shapes:
        points = (s.start, s.end) if isinstance(s, Segment) else s.points
        boxes.append(union([p * 2 for p in points]))
    return union(boxes)


def _shift(box: Box, dx: float, dy: float) -> Box:
    return (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)


def place(clear: Clearance, labels: Sequence[Label], offsets: Iterable[Point], shapes: Sequence = (),
          within: Box | None = None) -> tuple[list[Label], list] | None:
    """``labels`` (and ``shapes`` drawn with them) moved by the first of ``offsets`` at which no
    text box touches anything in ``clear`` (and all stays ``within``); held in ``clear``.

    Texts drawn with shapes are one mark (a level's triangle and its height): nothing may pass
    between them either, so the box around them all must be clear too (a drain running between
    the triangle and ``±0,00 tanah`` reads as crossing the mark)."""
    boxes = [text_box(lb) for lb in labels]
    drawn = group_box([], shapes) if shapes else None
    whole = union(boxes + ([drawn] if drawn else []))
    for dx, dy in offsets:
        if within is not None and (whole[0] + dx < within[0] or whole[1] + dy < within[1]
                                   or whole[2] + dx > within[2] or whole[3] + dy > within[3]):
            continue
        moved_boxes = [_shift(b, dx, dy) for b in boxes]
        if any(clear.hits(b) for b in moved_boxes):
            continue
        if drawn is not None and (clear.hits(_shift(drawn, dx, dy)) or clear.hits(_shift(whole, dx, dy))):
            continue
        for b in moved_boxes:
            clear.box(b)
        extra = shifted(shapes, dx, dy)
        for s in extra:
            clear.add(s)
        return moved(labels, dx, dy), extra
    return None


@lru_cache(maxsize=256)
def spiral(step: float, reach: float) -> tuple[Point, ...]:
    """Offsets on a square grid of ``step`` out to ``reach``, nearest first. [m]"""
    n = int(reach / step)
    cells = sorted(((i, j) for i in range(-n, n + 1) for j in range(-n, n + 1)),
                   key=lambda c: (c[0] * c[0] + c[1] * c[1], abs(c[1]), c))
    return tuple((i * step, j * step) for i, j in cells)


def dimension_lines(clear: Clearance, p1: Point, p2: Point, along: str, base: float) -> None:
    """Keep texts clear of a dimension's extension lines and its line."""
    feet = ((p1[0], base), (p2[0], base)) if along == "x" else ((base, p1[1]), (base, p2[1]))
    clear.segment(p1, feet[0])
    clear.segment(p2, feet[1])
    clear.segment(*feet)


def place_dimension(clear: Clearance, p1: Point, p2: Point, along: str, base: float, text: str,
                    height: float) -> Dimension:
    """A dimension whose text crosses nothing: above its line (left of it, reading upwards, for
    a vertical one) in the middle, else slid along the line, else a row further out; one too
    short for its text, over its middle a row or two further out, else beyond an end.  Its text
    box is then held in ``clear``."""
    lo, hi = (min(p1[0], p2[0]), max(p1[0], p2[0])) if along == "x" else (min(p1[1], p2[1]), max(p1[1], p2[1]))
    h = height
    width = text_width(text, h)
    room = (hi - lo) - width - 2 * h                # how far the text may slide between the extension lines
    mid = (lo + hi) / 2
    spots = []
    for lift in (h * 1.0, h * 2.6, h * 4.2):        # clear of the line: see drawing.text_box
        if room >= 0:
            spots += [(mid, lift)] + [(mid + f * room / 2, lift) for f in (0.5, -0.5, 1.0, -1.0)]
        else:
            spots += [(mid, lift), (hi + width / 2 + h, lift), (lo - width / 2 - h, lift)]
    if room < 0:
        # Too short for its text: a row further out, its middle within its own span, first (text
        # beside the line sits over the next span of a chain and is read as that span's: a
        # foundation's depth beside the plinth), then beside the line, then over it.
        half = (hi - lo) / 2
        spots = [(mid + f * half, lift) for lift in (h * 2.6, h * 4.2, h * 5.8) for f in (0.0, 0.5, -0.5, 0.9, -0.9)] \
            + spots[1:3] + spots[4:6] + spots[7:] + spots[:1]
    chosen = None
    for along_at, lift in spots:
        at = (along_at, base + lift) if along == "x" else (base - lift, along_at)
        candidate = Dimension(p1, p2, along, base, text, at, h)
        if not clear.hits(text_box(candidate.label)):
            chosen = candidate
            break
    if chosen is None:
        along_at, lift = spots[0]
        at = (along_at, base + lift) if along == "x" else (base - lift, along_at)
        chosen = Dimension(p1, p2, along, base, text, at, h)
    clear.box(text_box(chosen.label))
    return chosen
