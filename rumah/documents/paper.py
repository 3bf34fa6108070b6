"""A drawing put on a sheet of A3 paper: its scale, the frame, the title block and the schedule.

The paper is laid out in millimetres (ISO 5457: a 20 mm binding edge on the left, 10 mm on the
other sides) and placed in the model at the drawing's scale, so that its parts share the model's
coordinates: the DXF writer puts them in paper space under a viewport at 1:1 to them, and
LibreCAD, which has no paper space and shows paper-space entities in the model, shows the same
sheet.  The right-hand column holds, from the top, the door and window schedule, the notes and
the title block; the drawing is centred in the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import i18n
from ..i18n import pt, t
from .drawing import Box, Label, Paper, Point, Polygon, ScheduleRow, Segment, text_width

#: ISO A3, landscape. [mm]
A3 = ("A3", 420.0, 297.0)
#: Frame margins: left (binding), bottom, right, top (ISO 5457). [mm]
MARGINS = (20.0, 10.0, 10.0, 10.0)
#: Width of the column for the schedule, the notes and the title block. [mm]
COLUMN = 125.0
#: Space kept between the drawing and the frame or the column. [mm]
GAP = 6.0
#: Scales a builder's ruler knows, largest drawing first.
SCALES = (50, 100, 200)
#: Cap heights on paper: ordinary text, the sheet's title. [mm]
TEXT, TITLE = 2.5, 3.5


def drawing_area(size=A3) -> Box:
    """The part of the paper left for the drawing (x0, y0, x1, y1). [mm]"""
    _, width, height = size
    left, bottom, right, top = MARGINS
    return (left + GAP, bottom + GAP, width - right - COLUMN - GAP, height - top - GAP)


def fits(extents: Box, scale: int, size=A3) -> bool:
    """Whether a drawing of ``extents`` [m] fits the drawing area at 1:``scale``."""
    x0, y0, x1, y1 = drawing_area(size)
    return (extents[2] - extents[0]) * 1000 / scale <= x1 - x0 and (extents[3] - extents[1]) * 1000 / scale <= y1 - y0


def pick_scale(extents_at, at_least=None, size=A3) -> int:
    """The largest of :data:`SCALES` whose drawing fits; ``extents_at(scale)`` measures it and
    ``at_least(scale)``, when given, is a cheaper part of it that rules a scale out first."""
    for scale in SCALES:
        if at_least is not None and not fits(at_least(scale), scale, size):
            continue
        if fits(extents_at(scale), scale, size):
            return scale
    return SCALES[-1]


def place(extents: Box, scale: int, size=A3) -> Paper:
    """Paper under a drawing of ``extents`` [m] at 1:``scale``, the drawing centred in its area."""
    name, width, height = size
    k = scale / 1000
    a = drawing_area(size)
    centre = ((extents[0] + extents[2]) / 2, (extents[1] + extents[3]) / 2)
    origin = (centre[0] - (a[0] + a[2]) / 2 * k, centre[1] - (a[1] + a[3]) / 2 * k)
    viewport = (origin[0] + a[0] * k, origin[1] + a[1] * k, origin[0] + a[2] * k, origin[1] + a[3] * k)
    return Paper(name, width, height, scale, origin, viewport)


def wrap(text: str, height: float, width: float) -> list[str]:
    """``text`` cut at spaces into lines no longer than ``width`` (same unit as ``height``)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(f"{lines[-1]} {word}", height) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _stack(pen, lines: list[tuple[str, float]], x: float, bottom: float) -> float:
    """Lines of text from ``bottom`` up, each clear of the one below (see drawing.text_box: the
    letters reach 0.95 of the height below their middle and 0.66 above).  Returns the top. [mm]"""
    top = bottom
    for text, height in lines:
        middle = top + 0.4 + 0.95 * height
        pen.text("A-ANNO-TTLB", text, x, middle, height)
        top = middle + 0.66 * height
    return top


class _Pen:
    """Draws on the paper in millimetres, into model coordinates."""

    def __init__(self, paper: Paper):
        self.paper, self.k = paper, paper.scale / 1000
        self.polygons: list[Polygon] = []
        self.segments: list[Segment] = []
        self.labels: list[Label] = []

    def p(self, x: float, y: float) -> Point:
        return self.paper.at(x, y)

    def box(self, layer: str, x0: float, y0: float, x1: float, y1: float) -> None:
        self.polygons.append(Polygon(layer, (self.p(x0, y0), self.p(x1, y0), self.p(x1, y1), self.p(x0, y1))))

    def line(self, layer: str, x0: float, y0: float, x1: float, y1: float) -> None:
        self.segments.append(Segment(layer, self.p(x0, y0), self.p(x1, y1)))

    def text(self, layer: str, text: str, x: float, y: float, height: float = TEXT, align: str = "left") -> None:
        self.labels.append(Label(layer, text, self.p(x, y), height * self.k, align))


def paper_parts(paper: Paper, title: Sequence[str], notes: Sequence[str], schedule: Sequence[ScheduleRow],
                lang: str = "id") -> tuple[list[Polygon], list[Segment], list[Label]]:
    """The frame, the title block (``title``: its first line is the sheet's name), the ``notes``
    above it and the door and window schedule at the top of the column."""
    pen = _Pen(paper)
    left, bottom, right, top = MARGINS
    x1, y1 = paper.width - right, paper.height - top
    pen.box("A-ANNO-TTLB", left, bottom, x1, y1)
    x0 = x1 - COLUMN
    pen.line("A-ANNO-TTLB", x0, bottom, x0, y1)
    inner = COLUMN - 6
    # The title block, from the bottom of the column up.
    # One way of writing square metres on the sheet: a template's name says ``m2``, the areas ``m²``.
    title = [i18n.superscript_units(line) for line in title]
    notes = [i18n.superscript_units(note) for note in notes]
    rows = []
    for k, line in enumerate(title):
        height = TITLE if k == 0 else TEXT
        rows += [(piece, height) for piece in wrap(line, height, inner)]
    y = _stack(pen, [(piece, height) for piece, height in reversed(rows)], x0 + 3, bottom + 2)
    pen.line("A-ANNO-TTLB", x0, y + 1, x1, y + 1)
    # The notes above it.
    lines = [piece for note in notes for piece in wrap(note, TEXT, inner)]
    if lines:
        y = _stack(pen, [(piece, TEXT) for piece in reversed(lines)], x0 + 3, y + 2)
        pen.line("A-ANNO-TTLB", x0, y + 1, x1, y + 1)
    if schedule:
        _schedule(pen, schedule, x0, y1, lang)
    return pen.polygons, pen.segments, pen.labels


#: Widths of the schedule's columns: tag, type, width x height, sill, count, built in this step. [mm]
COLUMNS = (12.0, 39.0, 27.0, 15.5, 13.5, 18.0)
ROW = 5.0


def _schedule(pen: _Pen, schedule: Sequence[ScheduleRow], x0: float, top: float, lang: str) -> None:
    """The door, window and vent schedule: one row per type."""
    y = top - 3 - TEXT
    pen.text("A-ANNO-SCHD", t("Door, window and vent schedule", lang), x0 + 3, y + TEXT / 2)
    y -= 3
    rows = [[pt("schedule column", "Tag", lang), pt("schedule column", "Type", lang),
             pt("schedule column", "Width x height", lang), pt("schedule column", "Sill", lang),
             pt("schedule column", "Count", lang), pt("schedule column", "This step", lang)]]
    for row in schedule:
        rows.append([row.code, row.name, f"{i18n.number(row.width, lang)} x {i18n.number(row.height, lang)}",
                     i18n.number(row.sill, lang), str(row.count), str(row.new) if row.new else "-"])
    widths = list(COLUMNS)
    text = 2.0
    for cells in rows:
        x = x0
        pen.line("A-ANNO-SCHD", x0, y, x0 + sum(widths), y)
        for cell, width in zip(cells, widths):
            shown = cell
            while text_width(shown, text) > width - 2 and len(shown) > 1:
                shown = shown[:-2] + "."
            pen.text("A-ANNO-SCHD", shown, x + 1, y - ROW / 2, text)
            x += width
        y -= ROW
    pen.line("A-ANNO-SCHD", x0, y, x0 + sum(widths), y)
    x = x0
    for width in [0.0] + widths:
        x += width
        pen.line("A-ANNO-SCHD", x, y, x, y + ROW * len(rows))
