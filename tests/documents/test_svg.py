"""The desk's SVG drawings are the DXF's sheets: every wall, door swing and room name of the
sheet, at the sheet's coordinates with the y axis flipped, and text that stays text."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from rumah.documents.drawing import Label
from rumah.documents.floorplan import plan_sheet
from rumah.documents.svg import SKIPPED, extents, sheet_svg
from rumah.house.design import build_design
from rumah.house.template import load_template

SVG = "{http://www.w3.org/2000/svg}"


def sheet(step: int = 2):
    return plan_sheet(build_design(load_template("inti-6m"), {}), step, "id")


def test_every_polygon_of_the_sheet_is_drawn_where_the_sheet_puts_it_flipped():
    drawn = sheet()
    root = ET.fromstring(sheet_svg(drawn))
    polygons = root.findall(f"{SVG}polygon")
    kept = [p for p in drawn.polygons if p.layer not in SKIPPED]
    assert len(polygons) == len(kept)
    x0, y0, x1, y1 = extents(drawn, True)
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    assert abs(width - (x1 - x0)) < 1e-3 and abs(height - (y1 - y0)) < 1e-3
    for element, polygon in zip(polygons, kept):
        points = [tuple(float(v) for v in pair.split(",")) for pair in element.get("points").split()]
        assert all(abs(sx - (x - x0)) < 1e-3 and abs(sy - (y1 - y)) < 1e-3
                   for (sx, sy), (x, y) in zip(points, polygon.points))
        assert (element.get("fill") != "none") == polygon.filled


def test_the_paper_parts_are_left_out():
    drawn = sheet()
    root = ET.fromstring(sheet_svg(drawn))
    kept = [s for s in drawn.segments if s.layer not in SKIPPED]
    assert len(root.findall(f"{SVG}line")) == len(kept) < len(drawn.segments)
    x0, y0, x1, y1 = extents(drawn, True)
    assert x1 - x0 < 15 and y1 - y0 < 20                 # the plan, not the A3 sheet around it


def test_door_swings_room_names_and_dimensions_come_from_the_sheet():
    drawn = sheet()
    root = ET.fromstring(sheet_svg(drawn))
    assert len(root.findall(f"{SVG}path")) == len(drawn.arcs)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for label in drawn.labels:
        if label.layer not in SKIPPED:
            assert label.text in texts
    assert len(root.findall(f"{SVG}g")) == len(drawn.dimensions)
    # Each dimension shows the sheet's own text (metres, two decimals, decimal comma).
    shown = sorted(g.find(f"{SVG}text").text for g in root.findall(f"{SVG}g"))
    assert shown == sorted(d.text for d in drawn.dimensions)
    # A thumbnail leaves out the grid, its bubbles and the dimensions, and nothing else.
    small = ET.fromstring(sheet_svg(drawn, detail=False))
    assert not small.findall(f"{SVG}circle") and not small.findall(f"{SVG}g")
    assert len(small.findall(f"{SVG}polygon")) == len(root.findall(f"{SVG}polygon"))


def test_text_with_markup_stays_text():
    drawn = sheet(1)
    odd = dataclasses.replace(drawn, labels=drawn.labels + (Label("A-AREA-IDEN", "<script>&</script>", (1, 1)),))
    svg = sheet_svg(odd, label='"><script>')
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    assert "<script>&</script>" in [t.text for t in root.iter(f"{SVG}text")]
    assert root.get("aria-label") == '"><script>'
