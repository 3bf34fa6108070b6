"""A plan sheet (rumah.documents.drawing) written as SVG text, for the web desk's small drawings.

The same Sheet the DXF and the PDF draw: walls, columns, doors, windows, rooms and their names,
grid axes and dimensions (with the texts the sheet wrote for them, where it put them).  Nothing is
measured here: every coordinate and every word comes from the sheet; this module only flips the y
axis (the street at the bottom), chooses strokes and escapes text.  Styles are SVG attributes, not
``style=``, so that a page whose Content Security Policy forbids inline styles still draws them.
The paper parts (frame, title block, schedule) are left out (the page says what the drawing is),
as are the room outlines on wall centre lines, as in the PDF.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from .drawing import CAP, PAPER_LAYERS, Sheet

#: Not drawn: the paper parts and the room outlines on wall centre lines.
SKIPPED = PAPER_LAYERS + ("A-AREA",)
#: Layers of a small drawing without its grid, bubbles and dimensions.
DETAIL = ("A-GRID", "A-GRID-IDEN", "A-ANNO-DIMS")
#: (stroke, fill of a filled polygon, stroke width in metres, dashed) per layer.
STYLE = {
    "A-WALL": ("#222", "#444", 0.03, False),
    "A-WALL-FUTR": ("#999", "none", 0.02, True),
    "A-WALL-EXST": ("#222", "#444", 0.03, False),
    "A-WALL-DEMO": ("#b22", "none", 0.03, True),
    "A-WALL-NEWW": ("#1a4f8b", "#7fa7d6", 0.03, False),
    "A-DOOR": ("#2a7a2a", "none", 0.02, False),
    "A-GLAZ": ("#1f6f9f", "none", 0.02, False),
    "S-COLS": ("#8b1a1a", "#8b1a1a", 0.01, False),
    "A-AREA-FUTR": ("#bbb", "none", 0.015, True),
    "A-GRID": ("#ccc", "none", 0.01, True),
    "A-GRID-IDEN": ("#888", "none", 0.015, False),
    "A-ANNO-DIMS": ("#a0751a", "none", 0.012, False),
    "A-ANNO-NOTE": ("#444", "none", 0.02, False),
}
TEXT_COLOUR = {"A-AREA-FUTR": "#888", "A-GRID-IDEN": "#666", "A-ANNO-DIMS": "#a0751a"}
DEFAULT = ("#444", "none", 0.02, False)
#: Room names at a readable size in a small drawing (the DXF's 0.25 m would be a speck). [m]
MIN_TEXT = 0.3


def _f(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def extents(sheet: Sheet, detail: bool) -> tuple[float, float, float, float]:
    """Bounds of what is drawn (x0, y0, x1, y1), with a small margin. [m]"""
    xs, ys = [], []
    for polygon in sheet.polygons:
        if polygon.layer not in SKIPPED:
            xs += [p[0] for p in polygon.points]
            ys += [p[1] for p in polygon.points]
    for segment in sheet.segments:
        if segment.layer not in SKIPPED and (detail or segment.layer not in DETAIL):
            xs += [segment.start[0], segment.end[0]]
            ys += [segment.start[1], segment.end[1]]
    if detail:
        for circle in sheet.circles:
            xs += [circle.centre[0] - circle.radius, circle.centre[0] + circle.radius]
            ys += [circle.centre[1] - circle.radius, circle.centre[1] + circle.radius]
        for dim in sheet.dimensions:
            (xs if dim.along == "y" else ys).append(dim.base - 0.3)
            (xs if dim.along == "y" else ys).append(dim.base + 0.3)
    for label in sheet.labels:
        if label.layer not in SKIPPED and (detail or label.layer not in DETAIL):
            ys += [label.at[1] - 0.3, label.at[1] + 0.3]
    if detail:
        for dim in sheet.dimensions:
            xs += [dim.text_at[0] - 0.3, dim.text_at[0] + 0.3]
            ys += [dim.text_at[1] - 0.3, dim.text_at[1] + 0.3]
    return min(xs) - 0.3, min(ys) - 0.3, max(xs) + 0.3, max(ys) + 0.3


def sheet_svg(sheet: Sheet, detail: bool = True, label: str = "") -> str:
    """The sheet as an ``<svg>`` element scaled to its container (viewBox in metres).

    detail : draw the grid, its bubbles and the dimensions (False for a thumbnail).
    label : what the drawing shows, for screen readers (``aria-label``).
    """
    x0, y0, x1, y1 = extents(sheet, detail)

    def pt(p: tuple[float, float]) -> str:
        return f"{_f(p[0] - x0)},{_f(y1 - p[1])}"

    def stroke(layer: str) -> str:
        colour, _, width, dashed = STYLE.get(layer, DEFAULT)
        dash = f' stroke-dasharray="{_f(width * 6)} {_f(width * 4)}"' if dashed else ""
        return f'stroke="{colour}" stroke-width="{_f(width)}"{dash}'

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(x1 - x0)} {_f(y1 - y0)}" '
           f'class="plan" role="img" aria-label={quoteattr(label)}>']
    for polygon in sheet.polygons:
        if polygon.layer in SKIPPED:
            continue
        _, fill, _, _ = STYLE.get(polygon.layer, DEFAULT)
        points = " ".join(pt(p) for p in polygon.points)
        out.append(f'<polygon points="{points}" fill="{fill if polygon.filled else "none"}" {stroke(polygon.layer)}/>')
    for segment in sheet.segments:
        if segment.layer in SKIPPED or (not detail and segment.layer in DETAIL):
            continue
        (ax, ay), (bx, by) = pt(segment.start).split(","), pt(segment.end).split(",")
        out.append(f'<line x1="{ax}" y1="{ay}" x2="{bx}" y2="{by}" {stroke(segment.layer)}/>')
    for arc in sheet.arcs:
        out.append(_arc(arc, pt, stroke(arc.layer)))
    if detail:
        for circle in sheet.circles:
            cx, cy = pt(circle.centre).split(",")
            out.append(f'<circle cx="{cx}" cy="{cy}" r="{_f(circle.radius)}" fill="white" '
                       f'{stroke(circle.layer)}/>')
        for dim in sheet.dimensions:
            out.append(_dimension(dim, pt))
    for text in sheet.labels:
        if text.layer in SKIPPED or (not detail and text.layer in DETAIL):
            continue
        x, y = pt(text.at).split(",")
        anchor = "middle" if text.align == "center" else "start"
        # The sheet's heights are cap heights; a font size is an em.
        size = max(text.height / CAP, MIN_TEXT) if detail else max(text.height / CAP * 1.4, MIN_TEXT)
        turn = f' transform="rotate({_f(-text.rotation)} {x} {y})"' if text.rotation else ""
        out.append(f'<text x="{x}" y="{y}" font-size="{_f(size)}" text-anchor="{anchor}" '
                   f'dominant-baseline="middle" fill="{TEXT_COLOUR.get(text.layer, "#222")}" '
                   f'font-family="sans-serif"{turn}>{escape(text.text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _arc(arc, pt, stroke: str) -> str:
    """A counter-clockwise arc of the plan; the y axis flipped, it turns clockwise on screen."""
    a, b = math.radians(arc.start), math.radians(arc.end)
    cx, cy = arc.centre
    start = (cx + arc.radius * math.cos(a), cy + arc.radius * math.sin(a))
    end = (cx + arc.radius * math.cos(b), cy + arc.radius * math.sin(b))
    large = 1 if (arc.end - arc.start) % 360 > 180 else 0
    r = _f(arc.radius)
    return (f'<path d="M {pt(start).replace(",", " ")} A {r} {r} 0 {large} 0 {pt(end).replace(",", " ")}" '
            f'fill="none" {stroke}/>')


def _dimension(dim, pt) -> str:
    """A dimension line at ``base`` with ticks at both ends, and the sheet's text for it where the
    sheet put it."""
    if dim.along == "x":
        p, q = (dim.p1[0], dim.base), (dim.p2[0], dim.base)
        ticks = [((x - 0.08, dim.base - 0.08), (x + 0.08, dim.base + 0.08)) for x in (p[0], q[0])]
    else:
        p, q = (dim.base, dim.p1[1]), (dim.base, dim.p2[1])
        ticks = [((dim.base - 0.08, y - 0.08), (dim.base + 0.08, y + 0.08)) for y in (p[1], q[1])]
    colour, _, width, _ = STYLE["A-ANNO-DIMS"]
    parts = []
    for a, b in [(p, q)] + ticks:
        (ax, ay), (bx, by) = pt(a).split(","), pt(b).split(",")
        parts.append(f'<line x1="{ax}" y1="{ay}" x2="{bx}" y2="{by}" stroke="{colour}" stroke-width="{_f(width)}"/>')
    label = dim.label
    x, y = pt(label.at).split(",")
    transform = f' transform="rotate({_f(-label.rotation)} {x} {y})"' if label.rotation else ""
    parts.append(f'<text x="{x}" y="{y}" font-size="{_f(label.height / CAP)}" text-anchor="middle" '
                 f'dominant-baseline="middle" fill="{colour}" font-family="sans-serif"{transform}>'
                 f'{escape(label.text)}</text>')
    return "<g>" + "".join(parts) + "</g>"
