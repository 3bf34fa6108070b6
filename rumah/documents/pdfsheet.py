"""A sheet (rumah.documents.drawing) drawn into a PDF with reportlab, at the sheet's scale, as vector graphics.

The same Sheet the DXF writer draws: walls, columns, doors, windows, tags, rooms and their labels,
levels, grid axes, dimensions with the texts the sheet wrote, the septic tank and the plot; or a
section with its hatched walls and foundations.  The paper parts (frame, title block, schedule)
are left out: the quote prints its own heading beside the drawing.  Lines of later steps are grey
and dashed, as on the DXF's ``*-FUTR`` layers; in a house the family lives in, walls to take
down are dashed and new walls hatched, as in the DXF.  Texts are set with their cap height equal
to the sheet's text height, as DXF text heights are.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .drawing import CAP, PAPER_LAYERS, Dimension, Sheet, model_extents

#: Scales a builder's ruler knows, tried from the largest drawing down.
SCALES = (50, 75, 100, 125, 150, 200, 250)
GREY = colors.Color(0.55, 0.55, 0.55)
FUTURE = ("A-WALL-FUTR", "A-AREA-FUTR")
#: Dashed like the future, but black: what is taken down from a house the family lives in.
DEMOLISHED = ("A-WALL-DEMO",)
#: Filled with diagonal lines instead of solid, as the DXF hatches them.
HATCHED = {"A-WALL-NEWW": "ANSI31"}
#: Spacing of the hatch lines on paper. [pt]
HATCH_STEP = 1.6
#: Filled black: walls and columns of the plan, concrete cut by the section.
SOLID = ("A-WALL", "A-WALL-EXST", "S-COLS", "S-SECT-CONC")
#: Not drawn: room outlines on wall centre lines, which would double the wall lines at this size.
OUTLINES = ("A-AREA", "A-AREA-FUTR")
WIDTHS = {"A-WALL": 0.8, "A-WALL-EXST": 0.8, "A-WALL-NEWW": 0.8, "A-WALL-DEMO": 0.6, "A-WALL-FUTR": 0.5,
          "S-COLS": 0.6, "A-GRID": 0.25, "A-ANNO-DIMS": 0.3, "A-ANNO-SYMB": 0.9, "A-SECT-WALL": 0.6,
          "A-SECT-ROOF": 0.6, "S-SECT-FNDN": 0.5, "C-TOPO": 0.5, "A-ANNO-NOTE": 0.3}


def drawn_extents(sheet: Sheet) -> tuple[float, float, float, float]:
    """Bounds of everything drawn in the model (the paper parts left out), with a small margin. [m]"""
    x0, y0, x1, y1 = model_extents(sheet)
    margin = 2 * sheet.scale / 1000                     # 2 mm of paper
    return x0 - margin, y0 - margin, x1 + margin, y1 + margin


def fits(sheet: Sheet, width: float, height: float) -> bool:
    """Whether ``sheet`` drawn at its scale fits ``width`` x ``height`` points."""
    x0, y0, x1, y1 = drawn_extents(sheet)
    unit = 1000 * mm / sheet.scale
    return (x1 - x0) * unit <= width and (y1 - y0) * unit <= height


class SheetDrawing(Flowable):
    """A Flowable drawing ``sheet`` at its scale 1:``sheet.scale`` (1 m = 1000/scale mm)."""

    def __init__(self, sheet: Sheet, font: str, bold: str):
        super().__init__()
        self.sheet, self.scale, self.font, self.bold = sheet, sheet.scale, font, bold
        self.bounds = drawn_extents(sheet)
        self.unit = 1000 * mm / sheet.scale
        x0, y0, x1, y1 = self.bounds
        self.width, self.height = (x1 - x0) * self.unit, (y1 - y0) * self.unit

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def _xy(self, point) -> tuple[float, float]:
        return (point[0] - self.bounds[0]) * self.unit, (point[1] - self.bounds[1]) * self.unit

    def _pen(self, layer: str) -> None:
        c = self.canv
        future = layer in FUTURE
        c.setStrokeColor(GREY if future or layer.startswith("A-GRID") or layer == "A-SECT-FLOR" else colors.black)
        dashed = future or layer in DEMOLISHED
        c.setDash([3, 2] if dashed else ([6, 2, 1, 2] if layer == "A-GRID" else
                                         ([4, 1.5, 1, 1.5, 1, 1.5] if layer == "C-PROP" else [])))
        c.setLineWidth(WIDTHS.get(layer, 0.45))

    def draw(self) -> None:
        c, sheet = self.canv, self.sheet
        c.saveState()
        c.setLineJoin(1)
        for polygon in sheet.polygons:
            if polygon.layer in PAPER_LAYERS + OUTLINES:
                continue
            self._pen(polygon.layer)
            points = [self._xy(p) for p in polygon.points]
            path = c.beginPath()
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            path.close()
            pattern = polygon.pattern or HATCHED.get(polygon.layer, "")
            if polygon.filled and pattern:
                self._hatch(path, points, pattern)
                continue
            c.setFillColor(colors.black if polygon.layer in SOLID else colors.Color(0.25, 0.25, 0.25))
            c.drawPath(path, stroke=1, fill=1 if polygon.filled else 0)
        for segment in sheet.segments:
            if segment.layer in PAPER_LAYERS:
                continue
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
            if label.layer in PAPER_LAYERS:
                continue
            bold = label.layer == "A-AREA-IDEN" and not label.text[0].isdigit()
            self._text(label.text, label.at, label.height, label.align, label.rotation,
                       GREY if label.layer in FUTURE else colors.black, bold)
        c.restoreState()

    def _text(self, text: str, at, height: float, align: str, rotation: float, colour, bold=False) -> None:
        """``text`` with its cap height ``height`` [m], the middle of its capitals at ``at``."""
        c = self.canv
        size = height * self.unit / CAP
        c.saveState()
        c.setFillColor(colour)
        c.setFont(self.bold if bold else self.font, size)
        c.translate(*self._xy(at))
        c.rotate(rotation)
        if align == "center":
            c.drawCentredString(0, -height * self.unit / 2, text)
        else:
            c.drawString(0, -height * self.unit / 2, text)
        c.restoreState()

    def _hatch(self, path, points, pattern: str) -> None:
        """The outline of ``path`` with lines inside it (clipped to it): diagonal for masonry
        (ANSI31), crossed for stone (ANSI37), light grey for concrete, sand and gravel."""
        c = self.canv
        if pattern not in ("ANSI31", "ANSI37"):
            c.setFillColor(colors.Color(0.82, 0.82, 0.82))
            c.drawPath(path, stroke=1, fill=1)
            return
        c.drawPath(path, stroke=1, fill=0)
        c.saveState()
        c.clipPath(path, stroke=0, fill=0)
        c.setLineWidth(0.3)
        c.setDash([])
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        tall = max(ys) - min(ys)
        x = min(xs) - tall
        while x < max(xs):
            c.line(x, min(ys), x + tall, max(ys))
            if pattern == "ANSI37":
                c.line(x + tall, min(ys), x, max(ys))
            x += HATCH_STEP * (2 if pattern == "ANSI37" else 1)
        c.restoreState()

    def _dimension(self, dim: Dimension) -> None:
        """Extension lines, the dimension line with oblique ticks, and the sheet's text for it."""
        c = self.canv
        self._pen("A-ANNO-DIMS")
        if dim.along == "x":
            a, b = (dim.p1[0], dim.base), (dim.p2[0], dim.base)
        else:
            a, b = (dim.base, dim.p1[1]), (dim.base, dim.p2[1])
        for point, foot in ((dim.p1, a), (dim.p2, b)):
            c.line(*self._xy(point), *self._xy(foot))
        (ax, ay), (bx, by) = self._xy(a), self._xy(b)
        c.line(ax, ay, bx, by)
        tick = 1.5
        for x, y in ((ax, ay), (bx, by)):
            c.line(x - tick, y - tick, x + tick, y + tick)
        label = dim.label
        self._text(label.text, label.at, label.height, "center", label.rotation, colors.black)
