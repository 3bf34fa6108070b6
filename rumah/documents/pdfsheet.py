"""A plan sheet (rumah.documents.drawing) drawn into a PDF with reportlab, to scale, as vector graphics.

The same Sheet the DXF writer draws: walls, columns, doors, windows, rooms and their labels,
grid axes and dimensions.  The DXF title block is left out (the quote prints its own heading
beside the drawing).  Lines of later steps are grey and dashed, as on the DXF's ``*-FUTR`` layers; in a
house the family lives in, walls to take down are dashed and new walls hatched, as in the DXF.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .drawing import Dimension, Sheet

#: Scales a builder's ruler knows, tried from the largest drawing down.
SCALES = (50, 75, 100, 125, 150, 200, 250)
#: Smallest text printed on a plan. [pt]
MIN_TEXT = 6.0
GREY = colors.Color(0.55, 0.55, 0.55)
FUTURE = ("A-WALL-FUTR", "A-AREA-FUTR")
#: Dashed like the future, but black: what is taken down from a house the family lives in.
DEMOLISHED = ("A-WALL-DEMO",)
#: Filled with diagonal lines instead of solid, as the DXF hatches them: new walls of a house lived in.
HATCHED = ("A-WALL-NEWW",)
#: Spacing of the hatch lines on paper. [pt]
HATCH_STEP = 1.6
#: Not drawn: the title block (the quote has its own) and room outlines on wall centre lines,
#: which would double the wall lines at this size.
SKIPPED = ("A-ANNO-TTLB", "A-AREA")
OUTLINES = ("A-AREA", "A-AREA-FUTR")


def drawn_extents(sheet: Sheet) -> tuple[float, float, float, float]:
    """Bounds of everything drawn except the title block. [m]"""
    xs, ys = [], []
    for polygon in sheet.polygons:
        if polygon.layer not in SKIPPED + OUTLINES:
            xs += [p[0] for p in polygon.points]
            ys += [p[1] for p in polygon.points]
    for segment in sheet.segments:
        xs += [segment.start[0], segment.end[0]]
        ys += [segment.start[1], segment.end[1]]
    for circle in sheet.circles:
        xs += [circle.centre[0] - circle.radius, circle.centre[0] + circle.radius]
        ys += [circle.centre[1] - circle.radius, circle.centre[1] + circle.radius]
    for dim in sheet.dimensions:
        (xs if dim.along == "y" else ys).append(dim.base)
    for label in sheet.labels:
        if label.layer not in SKIPPED:
            ys += [label.at[1] - 0.2, label.at[1] + 0.2]
    return min(xs) - 0.3, min(ys) - 0.3, max(xs) + 0.5, max(ys) + 0.3


def pick_scale(sheet: Sheet, width: float, height: float) -> int:
    """The largest standard scale (1:N) at which the sheet fits ``width`` x ``height`` points."""
    x0, y0, x1, y1 = drawn_extents(sheet)
    for n in SCALES:
        if (x1 - x0) * 1000 * mm / n <= width and (y1 - y0) * 1000 * mm / n <= height:
            return n
    return SCALES[-1]


class SheetDrawing(Flowable):
    """A Flowable drawing ``sheet`` at 1:``scale`` (metres on paper: 1 m = 1000/scale mm)."""

    def __init__(self, sheet: Sheet, scale: int, font: str, bold: str):
        super().__init__()
        self.sheet, self.scale, self.font, self.bold = sheet, scale, font, bold
        self.bounds = drawn_extents(sheet)
        self.unit = 1000 * mm / scale
        x0, y0, x1, y1 = self.bounds
        self.width, self.height = (x1 - x0) * self.unit, (y1 - y0) * self.unit

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def _xy(self, point) -> tuple[float, float]:
        return (point[0] - self.bounds[0]) * self.unit, (point[1] - self.bounds[1]) * self.unit

    def _pen(self, layer: str) -> None:
        c = self.canv
        future = layer in FUTURE
        c.setStrokeColor(GREY if future or layer.startswith("A-GRID") else colors.black)
        c.setDash([3, 2] if future or layer in DEMOLISHED else ([6, 2, 1, 2] if layer == "A-GRID" else []))
        widths = {"A-WALL": 0.8, "A-WALL-EXST": 0.8, "A-WALL-NEWW": 0.8, "A-WALL-DEMO": 0.6, "A-WALL-FUTR": 0.5,
                  "S-COLS": 0.6, "A-GRID": 0.25, "A-ANNO-DIMS": 0.3}
        c.setLineWidth(widths.get(layer, 0.45))

    def draw(self) -> None:
        c, sheet = self.canv, self.sheet
        c.saveState()
        c.setLineJoin(1)
        for polygon in sheet.polygons:
            if polygon.layer in SKIPPED + OUTLINES:
                continue
            self._pen(polygon.layer)
            path = c.beginPath()
            first, *rest = [self._xy(p) for p in polygon.points]
            path.moveTo(*first)
            for point in rest:
                path.lineTo(*point)
            path.close()
            if polygon.layer in HATCHED and polygon.filled:
                self._hatch(path, [self._xy(p) for p in polygon.points])
                continue
            solid = polygon.layer in ("A-WALL", "A-WALL-EXST")
            c.setFillColor(colors.black if solid else colors.Color(0.25, 0.25, 0.25))
            c.drawPath(path, stroke=1, fill=1 if polygon.filled else 0)
        for segment in sheet.segments:
            self._pen(segment.layer)
            c.line(*self._xy(segment.start), *self._xy(segment.end))
        for arc in sheet.arcs:
            self._pen(arc.layer)
            cx, cy = self._xy(arc.centre)
            r = arc.radius * self.unit
            c.setLineWidth(0.3)
            c.arc(cx - r, cy - r, cx + r, cy + r, arc.start, arc.end - arc.start)
        for circle in sheet.circles:
            self._pen("A-GRID-IDEN")
            c.setDash([])
            c.circle(*self._xy(circle.centre), circle.radius * self.unit, stroke=1, fill=0)
        for dim in sheet.dimensions:
            self._dimension(dim)
        for label in sheet.labels:
            if label.layer in SKIPPED:
                continue
            size = max(MIN_TEXT, label.height * self.unit * 0.9)
            c.setFillColor(GREY if label.layer in FUTURE else colors.black)
            c.setFont(self.bold if label.layer == "A-AREA-IDEN" and not label.text[0].isdigit() else self.font, size)
            x, y = self._xy(label.at)
            if label.align == "center":
                c.drawCentredString(x, y - size * 0.35, label.text)
            else:
                c.drawString(x, y - size * 0.35, label.text)
        c.restoreState()

    def _hatch(self, path, points) -> None:
        """The outline of ``path`` with diagonal lines inside it (clipped to it)."""
        c = self.canv
        c.drawPath(path, stroke=1, fill=0)
        c.saveState()
        c.clipPath(path, stroke=0, fill=0)
        c.setLineWidth(0.3)
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        x, top = min(xs) - (max(ys) - min(ys)), max(ys)
        while x < max(xs):
            c.line(x, min(ys), x + (top - min(ys)), top)
            x += HATCH_STEP
        c.restoreState()

    def _dimension(self, dim: Dimension) -> None:
        """Extension lines, the dimension line with oblique ticks, and the length in metres."""
        c = self.canv
        self._pen("A-ANNO-DIMS")
        if dim.along == "x":
            a, b = (dim.p1[0], dim.base), (dim.p2[0], dim.base)
            length = abs(dim.p2[0] - dim.p1[0])
        else:
            a, b = (dim.base, dim.p1[1]), (dim.base, dim.p2[1])
            length = abs(dim.p2[1] - dim.p1[1])
        for point, foot in ((dim.p1, a), (dim.p2, b)):
            c.line(*self._xy(point), *self._xy(foot))
        (ax, ay), (bx, by) = self._xy(a), self._xy(b)
        c.line(ax, ay, bx, by)
        tick = 1.5
        for x, y in ((ax, ay), (bx, by)):
            c.line(x - tick, y - tick, x + tick, y + tick)
        text = f"{length:.2f}".replace(".", self.sheet.decimal)
        c.setFillColor(colors.black)
        c.setFont(self.font, MIN_TEXT)
        if dim.along == "x":
            c.drawCentredString((ax + bx) / 2, ay + 1.2, text)
        else:
            c.saveState()
            c.translate(ax - 1.2, (ay + by) / 2)
            c.rotate(90)
            c.drawCentredString(0, 0, text)
            c.restoreState()
