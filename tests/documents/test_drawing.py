"""Drawings as data: what a builder reads on a plan or the section is what the Design holds, and
no text crosses another text, a wall, a door's swing or any line (checked on the sheet itself,
with geometry of its own, for every template, step and example)."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from rumah.documents.drawing import CAP, PAPER_LAYERS, Segment, Sheet, shoelace, text_box, text_width
from rumah.documents.floorplan import TANK_INSIDE, TANK_WALL, plan_sheet
from rumah.documents.section import cut_line, section_sheet
from rumah.house.design import build_design
from rumah.house.template import load_template

from .drawn import EXAMPLES, HOUSEHOLDS, SOURCES, TEMPLATES, sheets_of


# -- texts cross nothing -------------------------------------------------------------------------
def linework(sheet: Sheet, paper: bool) -> np.ndarray:
    """Points every centimetre (of the model) along every line, arc and outline of the sheet's
    model (or its paper). [m]"""
    step = 0.01 * sheet.scale / 100
    points = []

    def line(a, b):
        n = max(1, math.ceil(math.dist(a, b) / step))
        t = np.linspace(0.0, 1.0, n + 1)[:, None]
        points.append(np.asarray(a) * (1 - t) + np.asarray(b) * t)

    def on(layer):
        return (layer in PAPER_LAYERS) == paper

    for polygon in sheet.polygons:
        if on(polygon.layer):
            for a, b in zip(polygon.points, polygon.points[1:] + polygon.points[:1]):
                line(a, b)
    for segment in sheet.segments:
        if on(segment.layer):
            line(segment.start, segment.end)
    if not paper:
        for arc in sheet.arcs + tuple(sheet.circles):
            start, end = (arc.start, arc.end) if hasattr(arc, "start") else (0.0, 360.0)
            sweep = (end - start) % 360 or 360.0
            n = max(8, math.ceil(arc.radius * math.radians(sweep) / step))
            angles = np.radians(start + np.linspace(0.0, sweep, n))
            points.append(np.column_stack([arc.centre[0] + arc.radius * np.cos(angles),
                                           arc.centre[1] + arc.radius * np.sin(angles)]))
        for dim in sheet.dimensions:
            feet = (((dim.p1[0], dim.base), (dim.p2[0], dim.base)) if dim.along == "x"
                    else ((dim.base, dim.p1[1]), (dim.base, dim.p2[1])))
            line(dim.p1, feet[0])
            line(dim.p2, feet[1])
            line(*feet)
    return np.concatenate(points) if points else np.zeros((0, 2))


def areas(sheet: Sheet) -> list[tuple[tuple[float, float], ...]]:
    """Filled walls and columns, and the quarter circle every door sweeps."""
    found = [p.points for p in sheet.polygons if p.filled and p.layer not in PAPER_LAYERS]
    for arc in sheet.arcs:
        angles = [math.radians(arc.start + (arc.end - arc.start) * k / 24) for k in range(25)]
        found.append((arc.centre,) + tuple((arc.centre[0] + arc.radius * math.cos(a),
                                            arc.centre[1] + arc.radius * math.sin(a)) for a in angles))
    return found


def inside(point, polygon) -> bool:
    x, y = point
    result = False
    for (xa, ya), (xb, yb) in zip(polygon, polygon[1:] + polygon[:1]):
        if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
            result = not result
    return result


def texts(sheet: Sheet, paper: bool):
    labels = [lb for lb in sheet.labels if (lb.layer in PAPER_LAYERS) == paper]
    if not paper:
        labels += [dim.label for dim in sheet.dimensions]
    return labels


def crossings(sheet: Sheet, paper: bool) -> list[str]:
    """What the sheet's texts touch: another text, a line, a filled wall or a door's swing."""
    labels = texts(sheet, paper)
    boxes = np.array([text_box(lb) for lb in labels])
    found = []
    # Shrunk by a tenth of a millimetre of paper: touching is not crossing.
    eps = 0.0001 * sheet.scale
    inner = boxes + np.array([eps, eps, -eps, -eps])
    overlap = ((inner[:, None, 0] < inner[None, :, 2]) & (inner[None, :, 0] < inner[:, None, 2])
               & (inner[:, None, 1] < inner[None, :, 3]) & (inner[None, :, 1] < inner[:, None, 3]))
    for i, j in zip(*np.nonzero(np.triu(overlap, 1))):
        found.append(f"{labels[i].text!r} overlaps {labels[j].text!r}")
    points = linework(sheet, paper)
    hit = ((points[:, None, 0] > inner[None, :, 0]) & (points[:, None, 0] < inner[None, :, 2])
           & (points[:, None, 1] > inner[None, :, 1]) & (points[:, None, 1] < inner[None, :, 3]))
    for i in np.nonzero(hit.any(axis=0))[0]:
        found.append(f"{labels[i].text!r} crosses a line at {tuple(points[hit[:, i]][0].round(3))}")
    if not paper:
        filled = areas(sheet)
        for i, (x0, y0, x1, y1) in enumerate(inner):
            probes = [((x0 + x1) / 2, (y0 + y1) / 2), (x0, y0), (x1, y0), (x1, y1), (x0, y1)]
            near = [a for a in filled if min(x for x, _ in a) < x1 and max(x for x, _ in a) > x0
                    and min(y for _, y in a) < y1 and max(y for _, y in a) > y0]
            if any(inside(p, area) for area in near for p in probes):
                found.append(f"{labels[i].text!r} lies on a wall or a door's swing")
    return found


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: Path(s).stem)
def test_no_text_crosses_another_text_a_wall_a_door_swing_or_a_line(source):
    for sheet in sheets_of(source):
        where = f"{sheet.kind} {sheet.slug or sheet.step}"
        assert [where] + crossings(sheet, paper=False) == [where]
        assert [where] + crossings(sheet, paper=True) == [where]


@pytest.mark.parametrize("values", [{"width_service": 1.8, "depth_service": 1.8}, {"plinth_height": 1.5}],
                         ids=["small-kitchen", "high-floor"])
def test_a_small_room_at_a_range_end_names_itself_without_crossing_a_tag(values):
    # inti-6m's 1,8 m kitchen holds its door tags in its middle; at 1:100 (a 1,5 m floor) its back
    # kitchen label crossed a wall: the label finds a smaller size or two lines that fit.
    from rumah.documents.sheets import step_sheets
    for sheet in step_sheets("inti-6m", values)[0]:
        if sheet.kind == "plan":
            where = f"step {sheet.step}"
            assert [where] + crossings(sheet, paper=False) == [where]


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: Path(s).stem)
def test_the_drawing_lies_in_the_viewport_beside_the_title_column(source):
    for sheet in sheets_of(source):
        in_viewport(sheet)


def in_viewport(sheet):
    paper = sheet.paper
    x0, y0, x1, y1 = paper.viewport
    for label in texts(sheet, paper=False):
        a, b, c, d = text_box(label)
        assert x0 <= a and c <= x1 and y0 <= b and d <= y1, label.text
    column = paper.at(paper.width - 10 - 125, 0)[0]            # paper.COLUMN right of the frame
    assert x1 <= column
    width = paper.width - 10 - 125 - 20 - 12                  # frame margins, column, gaps
    assert paper.viewport[2] - paper.viewport[0] == pytest.approx(width * sheet.scale / 1000)


def test_text_boxes_hold_the_letters_of_the_pdf_font():
    """The width the boxes allow is at least what Bitstream Vera (bold, the wider face) takes."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("TestVeraBd", str(folder / "VeraBd.ttf")))
    words = {lb.text for source in SOURCES for sheet in sheets_of(source) for lb in sheet.labels}
    words |= {d.text for source in SOURCES for sheet in sheets_of(source) for d in sheet.dimensions}
    assert len(words) > 100
    for text in words:
        real = pdfmetrics.stringWidth(text, "TestVeraBd", 1.0) / CAP      # per unit of cap height
        assert text_width(text, 1.0) >= real - 1e-9, text


# -- what the plan says ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", TEMPLATES)
def test_dimensions_read_metres_with_two_decimals_and_the_readers_decimal_sign(name):
    design = build_design(load_template(name))
    last = max(r.step for r in design.rooms)
    for lang, sign in (("id", ","), ("en", ".")):
        for step in (1, last):
            sheet = plan_sheet(design, step, lang)
            spans = sorted(round(b - a, 6) for axis in (design.xs, design.ys) for a, b in zip(axis, axis[1:]))
            # The overall size is what is built by the sheet's step (the step-1 builder sets out
            # step 1), the whole house on the last step's sheet.
            built = [r for r in design.rooms if r.step <= step]
            spans += [round(max(r.x1 for r in built) - min(r.x0 for r in built), 6),
                      round(max(r.y1 for r in built) - min(r.y0 for r in built), 6)]
            if step == last:
                assert spans[-2:] == [round(design.xs[-1] - design.xs[0], 6), round(design.ys[-1] - design.ys[0], 6)]
            assert sorted(round(d.length, 6) for d in sheet.dimensions) == sorted(spans)
        for dim in sheet.dimensions:
            whole, decimals = dim.text.split(sign)
            assert len(decimals) == 2 and float(f"{whole}.{decimals}") == pytest.approx(dim.length)


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: Path(s).stem)
def test_each_height_of_a_section_is_written_beside_its_own_span(source):
    """The heights down a section (foundation, plinth, wall, roof) are a chain of short spans: a
    text too long for its span is moved a row further out, not beside the next span, where a
    builder reads the foundation's depth as the plinth's (seen: 0,60 beside a 0,90 plinth)."""
    for lang in ("id", "en"):
        section = sheets_of(source, lang)[-1]
        assert section.kind == "section"
        chain = [d for d in section.dimensions if d.along == "y"]
        assert len(chain) >= 4
        for dim in chain:
            low, high = sorted((dim.p1[1], dim.p2[1]))
            assert low <= dim.text_at[1] <= high, (dim.text, low, high, dim.text_at)


def levels(sheet) -> set[str]:
    return {lb.text for lb in sheet.labels if lb.layer == "A-ANNO-LEVL"}


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: Path(s).stem)
def test_every_plan_gives_the_floor_level_against_the_ground(source):
    from rumah.documents.drawing import level
    for sheet in sheets_of(source):
        if sheet.kind == "plan":
            floor = [t for t in levels(sheet) if t.startswith("+")]
            assert "±0,00 tanah" in levels(sheet) and len(floor) == 1
    design = build_design(load_template(source)) if source in TEMPLATES else None
    if design is not None:
        assert floor == [level(design.param("plinth_height"), "id")] == ["+0,30"]


def test_a_floor_raised_above_the_flood_says_so():
    assert "+0,90" in levels(sheets_of(str(EXAMPLES / "pekalongan-rob.yaml"))[0])      # plinth_height 0.9
    # The house lived in (floor 0,10 m, last flood 0,40 m) is raised with the repairs.
    before, repaired = sheets_of(str(EXAMPLES / "pekalongan-rtlh.yaml"))[:2]
    assert "+0,10" in levels(before)
    raised = [t for t in levels(repaired) if t.startswith("+")]
    # Above the flood, with the margin.
    assert raised and float(raised[0][1:].replace(",", ".")) >= 0.4 + 0.3
    assert "±0.00 ground" in levels(plan_sheet(build_design(load_template("deret-4m5")), 1, "en"))


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_door_window_and_vent_is_tagged_and_scheduled(name):
    design = build_design(load_template(name))
    for step, sheet in zip(design.steps, sheets_of(name)):
        standing = [o for o in design.openings if o.step <= step.number]
        counts = {}
        for o in standing:
            counts[o.type.name] = counts.get(o.type.name, 0) + 1
        rows = {row.code: row for row in sheet.schedule}
        assert sum(row.count for row in sheet.schedule) == len(standing)
        # What this step builds, which the builder orders for it.
        assert sum(row.new for row in sheet.schedule) == sum(o.step == step.number for o in standing)
        assert sorted(row.count for row in rows.values()) == sorted(counts.values())
        tags = [lb for lb in sheet.labels if lb.layer == "A-DOOR-IDEN"]
        for code, row in rows.items():
            otype = next(o.type for o in standing if o.type.label("id") == row.name)
            assert (row.width, row.height, row.sill) == (otype.width, otype.height, otype.sill)
            mine = [lb for lb in tags if lb.text == code]
            assert len(mine) == row.count                  # every one of them tagged
            size = f"{row.width:.2f}x{row.height:.2f}".replace(".", ",")
            for tag in mine:
                # Width x height right under the tag, where there is room for it.
                under = [lb for lb in tags if lb.at[0] == pytest.approx(tag.at[0])
                         and lb.at[1] == pytest.approx(tag.at[1] - 1.7 * tag.height)]
                assert [lb.text for lb in under] in ([size], [])
        sized = [lb for lb in tags if "x" in lb.text]
        assert len(sized) >= len(standing) - 1


def test_the_septic_tank_stands_its_setback_in_front_of_the_first_toilet():
    design = build_design(load_template("inti-6m"), {"septic_setback": 3.0})
    sheet = plan_sheet(design, 1)
    outer, inner = [p.points for p in sheet.polygons if p.tag == "septic"]
    assert shoelace(list(inner)) == pytest.approx(TANK_INSIDE[0] * TANK_INSIDE[1])
    assert shoelace(list(outer)) == pytest.approx((TANK_INSIDE[0] + 2 * TANK_WALL) * (TANK_INSIDE[1] + 2 * TANK_WALL))
    assert max(y for _, y in outer) == pytest.approx(design.ys[0] - 3.0)
    wc = design.room("wc")
    assert sum(x for x, _ in outer) / 4 == pytest.approx(wc.centre[0])
    drain = [s for s in sheet.segments if s.tag == "drain"]
    assert min(s.end[1] for s in drain) == pytest.approx(design.ys[0] - 3.0)
    assert max(s.start[1] for s in drain) == pytest.approx(wc.centre[1])
    assert wc.x0 < drain[0].start[0] < wc.x1 and min(x for x, _ in outer) < drain[0].start[0] < max(x for x, _ in outer)
    # The tank priced (catalog/ahsp): two chambers, 1,2 x 0,9 x 1,3 m inside; the depth said as such.
    tank = {"Tangki septik dua ruang", "ukuran dalam 1,20 x 0,90 m, kedalaman 1,30 m"}
    assert tank <= {lb.text for lb in sheet.labels}


def test_the_plot_given_by_the_household_is_drawn_and_dimensioned():
    repaired = sheets_of(str(EXAMPLES / "kendal-rtlh.yaml"))[1]          # plot: 8 x 12 m
    (plot,) = [p.points for p in repaired.polygons if p.layer == "C-PROP"]
    xs, ys = [x for x, _ in plot], [y for _, y in plot]
    assert (max(xs) - min(xs), max(ys) - min(ys)) == pytest.approx((8.0, 12.0))
    assert {"8,00", "12,00"} <= {d.text for d in repaired.dimensions}
    assert "Batas tanah 8,00 x 12,00 m" in {lb.text for lb in repaired.labels}
    # The house (6 x 6 m) lies on it.
    assert min(xs) <= 0 and max(xs) >= 6 and min(ys) <= 0 and max(ys) >= 6
    assert not [p for p in sheets_of("inti-6m")[0].polygons if p.layer == "C-PROP"]


def test_the_wall_material_and_scale_are_on_the_sheet():
    sheet = sheets_of("risha-3x3")[0]
    paper = [lb.text for lb in sheet.labels if lb.layer in PAPER_LAYERS]
    assert "Dinding: Bata merah, tebal 0,15 m (plester dua sisi)" in " ".join(paper)
    assert any(f"Skala 1:{sheet.scale}, satuan meter" in t for t in paper)
    before = sheets_of(str(EXAMPLES / "kendal-rtlh.yaml"))[0]
    assert "Dinding yang ada: bambu; dinding baru: Batako" in " ".join(lb.text for lb in before.labels)


@pytest.mark.parametrize("name", TEMPLATES)
def test_plans_are_drawn_at_the_largest_scale_that_fits_a3(name):
    from rumah.documents import paper
    design = build_design(load_template(name))
    sheet = plan_sheet(design, 1)
    assert sheet.scale in paper.SCALES and paper.fits(sheet.extents, sheet.scale)
    for larger in (n for n in paper.SCALES if n < sheet.scale):
        assert not paper.fits(plan_sheet(design, 1, scale=larger).extents, larger)


# -- the section ------------------------------------------------------------------------------------
def section_of(name: str, values: dict | None = None, lang: str = "id"):
    design = build_design(load_template(name), values or {})
    return design, section_sheet(design, lang)


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_section_draws_the_structure_the_takeoff_measures(name):
    design, sheet = section_of(name)
    p = design.param
    cut = cut_line(design)
    if cut.along == "x":
        crossed = [w for w in design.walls if w.along == "y" and w.y0 < cut.at < w.y1]
    else:
        crossed = [w for w in design.walls if w.along == "x" and w.x0 < cut.at < w.x1]
    concrete = [q.points for q in sheet.polygons if q.layer == "S-SECT-CONC"]
    sloofs = [q for q in concrete if max(y for _, y in q) == pytest.approx(p("plinth_height"))]
    rings = [q for q in concrete if min(y for _, y in q) == pytest.approx(p("plinth_height") + p("wall_height"))]
    assert len(sloofs) == len(rings) == len(crossed)
    for q in sloofs:
        assert shoelace(list(q)) == pytest.approx(p("sloof_width") * p("sloof_depth"))
    for q in rings:
        assert shoelace(list(q)) == pytest.approx(p("ring_beam_width") * p("ring_beam_depth"))
    stones = [q.points for q in sheet.polygons if q.layer == "S-SECT-FNDN" and q.pattern == "ANSI37"]
    height = p("foundation_depth") + p("plinth_height") - p("sloof_depth")      # as the takeoff's stone_height
    for q in stones:
        assert shoelace(list(q)) == pytest.approx((p("foundation_top") + p("foundation_bottom")) / 2 * height)
        assert min(y for _, y in q) == pytest.approx(-p("foundation_depth"))
    walls = [q.points for q in sheet.polygons if q.layer == "A-SECT-WALL" and not q.tag.startswith("closing-")]
    assert max(y for q in walls for _, y in q) == pytest.approx(p("plinth_height") + p("wall_height"))
    # The roof at its pitch, its eaves the overhang beyond the wall.
    roof = [q.points for q in sheet.polygons if q.layer == "A-SECT-ROOF"]
    slopes = {round(abs((b[1] - a[1]) / (b[0] - a[0])), 6) for q in roof for a, b in zip(q, q[1:])
              if abs(b[0] - a[0]) > 1e-6 and abs(b[1] - a[1]) > 1e-6}
    assert slopes <= {round(math.tan(math.radians(p("roof_pitch"))), 6)}
    texts = {d.text for d in sheet.dimensions}
    for value in (p("foundation_depth"), p("plinth_height"), p("wall_height"), p("overhang")):
        assert f"{value:.2f}".replace(".", ",") in texts


@pytest.mark.parametrize("example", ["kendal-rtlh", "madiun-rtlh"])
def test_the_section_of_a_repaired_house_cuts_the_windows_the_repairs_add(example):
    """kendal-rtlh's repairs add a window in each side wall, both across section A-A: the section
    draws them cut, as the plan draws them (it drew both walls solid)."""
    from rumah.documents.sheets import improve_household, improvement_section
    from rumah.plan.household import load_household
    household = load_household(EXAMPLES / f"{example}.yaml")
    improvement = improve_household(household)
    cut = cut_line(improvement.bill.design)
    walls = {w.id: w for w in improvement.bill.design.walls}
    crossed = [o for o in improvement.new_windows if walls[o.wall].along != cut.along
               and abs((o.x if walls[o.wall].along == "x" else o.y) - cut.at) < o.width / 2]
    assert crossed
    sheet = improvement_section(household, improvement)
    glazed = {p.tag for p in sheet.polygons if p.layer == "A-GLAZ"}
    assert {o.id for o in crossed} <= glazed


def test_a_repaired_houses_sheets_name_the_plans_step_they_build_and_the_grey_dashes():
    """madiun-rtlh: the plan builds the repairs as step 1 and the new WC as step 2; the sheet of
    the rooms added says step 2 (it said "3 / 3"), the sheets are numbered apart, and the legend
    says grey dashes are a later step's (the future WC read as a wall to pull down)."""
    from rumah.documents.sheets import improve_household, improvement_sheets
    from rumah.plan.household import load_household
    from rumah.plan.planner import plan_household
    household = load_household(EXAMPLES / "madiun-rtlh.yaml")
    plan = plan_household(household, compare=False)
    added = {row.step for row in plan.best.steps if row.package in ("structure", "enclosure", "finishing")}
    assert added == {2}
    sheets = improvement_sheets(household, improve_household(household))
    titles = [sheet.title[0] for sheet in sheets]
    assert titles[1].startswith("Rumah sesudah perbaikan (tahap 1) - ") and titles[1].endswith("lembar 2 dari 3")
    assert titles[2].startswith("Ruang yang ditambah (tahap 2) - ") and titles[2].endswith("lembar 3 dari 3")
    for sheet in sheets:
        written = " ".join(lb.text for lb in sheet.labels if not sheet.model(lb.layer))
        assert "putus-putus hitam: dibongkar; putus-putus abu-abu:" in written and "tahap berikutnya" in written


def test_a_ceiling_is_drawn_only_when_chosen():
    _, plain = section_of("inti-6m")
    design, ceiling = section_of("inti-6m", {"ceiling": True})
    assert not [s for s in plain.segments if s.layer == "A-SECT-CLNG"]
    lines = [s for s in ceiling.segments if s.layer == "A-SECT-CLNG"]
    height = design.param("plinth_height") + design.param("wall_height")
    assert lines and {round(s.start[1], 6) for s in lines} == {round(height, 6)}
    assert "Plafon" in {lb.text for lb in ceiling.labels}


def test_a_raised_floor_and_the_last_flood_show_in_the_section():
    sections = [s for s in sheets_of(str(EXAMPLES / "pekalongan-rtlh.yaml")) if s.kind == "section"]
    (sheet,) = sections
    levels = {lb.text for lb in sheet.labels if lb.layer == "A-ANNO-LEVL"}
    assert "+0,40" in levels                                   # the last flood (plot: flood last_height_m 0.4)
    assert "±0,00" in levels
    _, rob = section_of("deret-4m5", {"plinth_height": 0.9})
    assert "+0,90" in {lb.text for lb in rob.labels}


@pytest.mark.parametrize("household", HOUSEHOLDS, ids=lambda s: Path(s).stem)
def test_the_quotes_drawings_cross_nothing_either(household):
    """The quote lays the same drawings out again for its A4 page (smaller lettering, its own
    scale, no tags): its texts too cross nothing."""
    from rumah.documents.quote import make_quote
    quote = make_quote(household)
    for sheet in quote.sheets + (quote.section,):
        assert [sheet.slug or sheet.step] + crossings(sheet, paper=False) == [sheet.slug or sheet.step]


def test_a_house_raised_twice_shows_the_second_raising_with_its_level():
    """pekalongan-rtlh: the floor +0,10 stands 0,30 below the last flood +0,40.  The first
    raising lifts it to the margin (0,30) plus five years of sinking (5 x 0,06) above the flood:
    0,40 + 0,60 = +1,00 (90 cm); five years later the land has sunk 0,30 and the second raising
    lifts it 30 cm again, to +1,30 above the ground, which sinks with the house."""
    (sheet,) = [s for s in sheets_of(str(EXAMPLES / "pekalongan-rtlh.yaml")) if s.kind == "section"]
    first, second = 0.10 + 0.90, 0.10 + 0.90 + 0.30
    later = [p for p in sheet.polygons if p.layer == "A-WALL-FUTR" and p.tag.startswith("later-floor-")]
    # Dashed in each of the two rooms the cut crosses, from the floor of the first raising up.
    assert {p.tag for p in later} == {"later-floor-1-tamu", "later-floor-1-kamar"}
    assert min(y for p in later for _, y in p.points) == pytest.approx(first)
    assert max(y for p in later for _, y in p.points) == pytest.approx(second)
    levels = [lb for lb in sheet.labels if lb.layer == "A-ANNO-LEVL"]
    assert {"+1,00", "+1,30"} <= {lb.text.split(" ")[0] for lb in levels}
    chain = [d for d in sheet.dimensions if d.along == "y"]
    assert any(d.text == "0,30" and {round(d.p1[1], 6), round(d.p2[1], 6)} == {first, second} for d in chain)
    # Which level is which: each raising named in the notes, with its levels and height.
    lines = sorted((lb for lb in sheet.labels if lb.layer == "A-ANNO-TTLB"), key=lambda lb: -lb.at[1])
    notes = " ".join(lb.text for lb in lines)
    assert "+0,10" in notes and "+1,00 (90 cm)" in notes and "+1,30 (30 cm)" in notes


def _height_at(line, x):
    """A polyline's height at ``x``, its end segments carried on beyond its ends."""
    pairs = list(zip(line, line[1:]))
    for (x0, y0), (x1, y1) in pairs:
        if min(x0, x1) - 1e-9 <= x <= max(x0, x1) + 1e-9 and x1 != x0:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    (x0, y0), (x1, y1) = pairs[0] if x < line[0][0] else pairs[-1]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: Path(s).stem)
def test_every_roof_bears_at_its_ends_on_a_ring_beam_or_a_closing_wall(source):
    """deret-4m5's bedroom shed (high at the front, against the living room's eaves) stood 1,73 m
    above the ring beam with nothing under it: at each end of a roof along the cut, its covering
    lies on the ring beam (its eaves), or on the gable frame beam of a brick wall that rises from
    the ring beam (the roof's depth, 0,10 m, lies between covering and beam)."""
    (sheet,) = [s for s in sheets_of(source) if s.kind == "section"]
    concrete = [p for p in sheet.polygons if p.layer == "S-SECT-CONC"]
    rings = {}
    for p in concrete:
        if not p.tag.startswith("closing-") and max(y for _, y in p.points) > rings.get(p.tag, (0, -1e9))[1]:
            rings[p.tag] = (sum(x for x, _ in p.points) / 4, max(y for _, y in p.points))
    beams = [p for p in concrete if p.tag.startswith("closing-")]
    walls = [p for p in sheet.polygons if p.layer == "A-SECT-WALL"]
    pitch = math.tan(math.radians(30.0))
    for roof in (p for p in sheet.polygons if p.layer == "A-SECT-ROOF"):
        covering = list(roof.points[:len(roof.points) // 2])
        depth = 0.10 * math.sqrt(1 + pitch * pitch) + 1e-6
        x0, x1 = covering[0][0], covering[-1][0]
        under = sorted(x for x, _ in rings.values() if x0 - 0.2 <= x <= x1 + 0.2)
        for end in (under[0], under[-1]):
            z = _height_at(covering, end)
            ring = next(top for x, top in rings.values() if abs(x - end) < 1e-6)
            if abs(z - ring) < 1e-6:
                continue                                    # on the ring beam: the eaves
            beam = [b for b in beams if min(x for x, _ in b.points) < end < max(x for x, _ in b.points)]
            assert beam, f"roof {roof.tag} floats {z - ring:.2f} m above the ring beam at {end:.2f}"
            top = _height_at(sorted(b for b in beam[0].points if b[1] > min(y for _, y in beam[0].points)), end)
            assert top < z <= top + depth
            bottom = min(y for _, y in beam[0].points)
            brick = [w for w in walls if w.tag == beam[0].tag]
            assert brick and min(y for _, y in brick[0].points) == pytest.approx(ring)
            assert max(y for _, y in brick[0].points) == pytest.approx(bottom)


def level_marks(sheet: Sheet) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each level's height and the box around it and its triangle (the triangle nearest it)."""
    triangles = [p for p in sheet.polygons if p.layer == "A-ANNO-LEVL" and len(p.points) == 3]
    marks = []
    for label in (lb for lb in sheet.labels if lb.layer == "A-ANNO-LEVL"):
        box = text_box(label)
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        nearest = min(triangles, key=lambda p: math.dist(centre, p.points[2]))
        xs, ys = [x for x, _ in nearest.points] + [box[0], box[2]], [y for _, y in nearest.points] + [box[1], box[3]]
        marks.append((label.text, (min(xs), min(ys), max(xs), max(ys))))
    return marks


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: Path(s).stem)
def test_no_line_passes_through_a_level_mark(source):
    """risha-3x3's drain ran between the triangle of ``±0,00 tanah`` and its text: a level mark
    is read as one, and no line (the drain's dashes read as one line) crosses it."""
    for sheet in sheets_of(source):
        others = replace(sheet, polygons=tuple(p for p in sheet.polygons if p.layer != "A-ANNO-LEVL"),
                         segments=tuple(s for s in sheet.segments if s.layer != "A-ANNO-LEVL"))
        drains = [s for s in sheet.segments if s.tag == "drain"]
        if drains:
            ys = [y for s in drains for y in (s.start[1], s.end[1])]
            x = drains[0].start[0]
            others = replace(others, segments=others.segments + (Segment("P-SANR", (x, min(ys)), (x, max(ys))),))
        points = linework(others, paper=False)
        eps = 0.0001 * sheet.scale
        for text, (x0, y0, x1, y1) in level_marks(sheet):
            inside_mark = ((points[:, 0] > x0 + eps) & (points[:, 0] < x1 - eps)
                           & (points[:, 1] > y0 + eps) & (points[:, 1] < y1 - eps))
            assert not inside_mark.any(), f"{sheet.slug or sheet.step}: a line crosses {text!r}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: Path(s).stem)
def test_the_drain_runs_into_the_septic_tank(source):
    """risha-3x3's drain ran along its toilet room's left wall and ended beside the tank, centred
    on the room further right: on every sheet the drain ends at the tank's front wall, within its
    inside."""
    for sheet in sheets_of(source):
        drains = [s for s in sheet.segments if s.tag == "drain"]
        if not drains:
            continue
        (x,) = {round(x, 9) for s in drains for x in (s.start[0], s.end[0])}       # one straight line
        outer, inner = [p.points for p in sheet.polygons if p.tag == "septic"]
        assert min(px for px, _ in inner) <= x <= max(px for px, _ in inner), sheet.slug or sheet.step
        assert min(y for s in drains for y in (s.start[1], s.end[1])) == pytest.approx(max(y for _, y in outer))


@pytest.mark.parametrize("name, values", [("inti-6m", {}), ("risha-3x3", {}), ("deret-4m5", {}),
                                          ("inti-6m", {"width_main": 3.6, "plinth_height": 1.2}),
                                          ("inti-6m", {"width_main": 2.7, "width_service": 1.2}),
                                          ("deret-4m5", {"plinth_height": 0.9})])
def test_the_drains_drawn_are_the_drain_pipe_the_bill_prices(name, values):
    """Every wet room's drain is drawn as the bill prices it (its centre to the front and on to
    the tank's line, rumah.cost.takeoff.drain_pipe_length): inti-6m priced 9,80 m of drain for
    its kitchen and WC and drew the WC's 4,90 m.  Two drains on one wall line are drawn side by
    side, and none runs under the entrance steps or their note."""
    from rumah.cost.takeoff import takeoff
    design = build_design(load_template(name), values)
    priced = takeoff(design)
    laid: set[float] = set()
    for step in sorted(priced):
        sheet = plan_sheet(design, step, "id")
        runs: dict[float, list[float]] = {}
        for s in sheet.segments:
            if s.tag in ("drain", "grey water"):
                runs.setdefault(round(s.start[0], 9), []).extend([s.start[1], s.end[1]])
                assert s.start[0] == pytest.approx(s.end[0]), "a straight run"
        drawn = sum(max(ys) - min(ys) for ys in runs.values())
        billed = sum(priced[k]["drain_pipe_length"] for k in priced if k <= step)
        assert drawn == pytest.approx(billed, abs=1e-6), step
        wet = [r for r in design.rooms if design.room_types[r.type].wet and r.step <= step]
        assert len(runs) == len(wet)
        # A drain laid at one step stands where it was on later sheets.
        assert set(runs) >= laid
        laid = set(runs)
        for flight in design.entrances:
            xs, ys = zip(*flight.outline())
            for x, along in runs.items():
                assert not (min(xs) < x < max(xs) and min(ys) < max(along) and max(ys) > min(along)), (step, x)


@pytest.mark.parametrize("lang, written", [("id", "7 Desember 2026"), ("en", "7 December 2026")])
def test_the_title_block_writes_the_date_as_people_do(lang, written):
    import datetime

    from rumah.documents.sheets import step_sheets
    for source in ("inti-6m", str(EXAMPLES / "pekalongan-rtlh.yaml")):
        sheets, _ = step_sheets(source, lang=lang, date=datetime.date(2026, 12, 7))
        for sheet in sheets:
            title = [lb.text for lb in sheet.labels if lb.layer == "A-ANNO-TTLB"]
            assert any(line.endswith(f"; {written}") for line in title), title
            assert not any("2026-12-07" in line for line in title)


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: Path(s).stem)
def test_square_metres_are_written_one_way_on_every_sheet(source):
    """inti-6m's name says ``(21 -> 36 -> 45 m2)`` and its areas ``21,00 m²``: the sheet writes ``m²``."""
    import re
    for sheet in sheets_of(source):
        texts = [lb.text for lb in sheet.labels] + [d.text for d in sheet.dimensions]
        assert not [text for text in texts if re.search(r"\bm[23]\b", text)]
@pytest.mark.parametrize("name", TEMPLATES, ids=lambda s: Path(s).stem)
def test_an_opening_a_step_cuts_into_an_older_wall_is_marked_where_the_bill_prices_it(name):
    """A door a later step cuts through a wall an earlier step built: its sheet draws the piece
    of wall taken out (red, dashed) with ``bobok dinding`` beside it and says so in its notes,
    and the bill prices the same openings' area as demolition in that step."""
    from rumah.cost.takeoff import takeoff
    design = build_design(load_template(name), {})
    quantities = takeoff(design)
    sheets = [s for s in sheets_of(name) if s.kind == "plan"]
    for sheet in sheets:
        step = sheet.step
        walls = {w.id: w for w in design.walls}
        cut = [o for o in design.openings if o.cut and o.step == step and walls[o.wall].step < step]
        marked = {p.tag for p in sheet.polygons if p.layer == "A-WALL-DEMO"}
        assert marked == {o.id for o in cut if o.kind != "vent"}, step
        assert quantities[step]["demolition_area"] == pytest.approx(sum(o.area for o in cut))
        notes = [lb for lb in sheet.labels if lb.text == "bobok dinding"]
        assert len(notes) == len(marked)
        assert_notes_by_their_cuts(sheet, [o for o in cut if o.kind != "vent"], notes)
        legend = any(lb.text.startswith("Merah putus-putus: bukaan dibobok") for lb in sheet.labels)
        assert legend == bool(marked)


def assert_notes_by_their_cuts(sheet: Sheet, cuts: list, notes: list) -> None:
    """Each cut's ``bobok dinding`` stands within LEADER_FROM of it on paper, or a leader runs
    from the cut (its dot there) to the note; and no leader crosses a text."""
    from rumah.documents.floorplan import LEADER_FROM
    near = LEADER_FROM * sheet.scale / 1000 * 1.05
    leaders = [s for s in sheet.segments if s.tag == "leader" and s.layer == "A-ANNO-NOTE"]

    def gap(point, box) -> float:
        return math.dist(point, (min(max(point[0], box[0]), box[2]), min(max(point[1], box[1]), box[3])))

    def tag_over(note) -> tuple | None:
        """The box of the door tag the note is written under (its code and size right above it)."""
        above = [lb for lb in sheet.labels if abs(lb.at[0] - note.at[0]) < 1e-6
                 and 0 < lb.at[1] - note.at[1] < 5 * note.height]
        if len(above) != 2:
            return None
        boxes = [text_box(lb) for lb in above]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))

    for o in cuts:
        boxes = [text_box(lb) for lb in notes]
        if any(gap((o.x, o.y), box) <= near for box in boxes):
            continue
        # Under the opening's own tag, where the tags stand (FloorPlan.tags: beside the opening,
        # slid along its wall at most 1,2 of its widths and 16 rows of 0,8 mm out).
        reach = 1.2 * max(o.width, 0.6) + (16 * 0.8 + 8) * sheet.scale / 1000
        if any((box := tag_over(lb)) is not None and gap((o.x, o.y), box) <= reach for lb in notes):
            continue
        first = [s for s in leaders if math.dist(s.start, (o.x, o.y)) < 1e-6]
        assert len(first) == 1, (sheet.step, o.id)
        then = [s for s in leaders if math.dist(s.start, first[0].end) < 1e-6]
        end = (then or first)[-1].end
        assert any(gap(end, box) < 1e-6 for box in boxes), (sheet.step, o.id)
    others = [text_box(lb) for lb in sheet.labels if lb.text != "bobok dinding"]
    from rumah.documents.labels import segment_hits_box
    assert not [s for s in leaders for box in others if segment_hits_box(s.start, s.end, box)]


@pytest.mark.parametrize("name, values", [("risha-3x3", {}), ("deret-4m5", {}), ("inti-6m", {"width_main": 3.6}),
                                          ("inti-6m", {"width_main": 3.6, "depth_front": 3.0}),
                                          ("deret-4m5", {"plinth_height": 0.9})])
def test_a_cut_is_named_beside_it_or_joined_to_its_name(name, values):
    """The note that an opening is cut into an older wall stands by the cut, under its tag or
    near, or is joined to it by a leader: on risha-3x3's step 2 it stood 2,66 m off, on the wall
    of the next room, where the builder would have broken the wrong wall."""
    design = build_design(load_template(name), values)
    walls = {w.id: w for w in design.walls}
    for step in range(2, len({r.step for r in design.rooms}) + 1):
        sheet = plan_sheet(design, step, "id")
        cut = [o for o in design.openings if o.cut and o.step == step and walls[o.wall].step < step
               and o.kind != "vent"]
        notes = [lb for lb in sheet.labels if lb.text == "bobok dinding"]
        assert len(notes) == len(cut), step
        assert_notes_by_their_cuts(sheet, cut, notes)


@pytest.mark.parametrize("plinth", [0.3, 0.9])
def test_doors_onto_the_row_houses_open_court_say_how_far_they_step_down(plinth):
    # deret-4m5's court stays open ground between rows 3 and 4: its kitchen door (from step 1) and
    # bedroom 2's (step 3) step down from the floor to it, with no steps priced; the sheets say so.
    design = build_design(load_template("deret-4m5"), {"plinth_height": plinth})
    drop = f"{plinth:.2f}".replace(".", ",")
    for step, doors in ((1, "pintu P2 turun"), (3, "pintu P2, P4 turun")):
        texts = " ".join(label.text for label in plan_sheet(design, step, "id").labels)
        assert "Taman dalam antara as 3 dan 4: ±0,00 (tanah)" in texts
        assert f"{doors} {drop} m ke taman;" in texts and "anak tangga di situ belum dihitung biayanya" in texts
    # A house with no open court says nothing of one.
    inti = build_design(load_template("inti-6m"), {})
    assert not any("Taman dalam" in label.text for s in range(1, 4) for label in plan_sheet(inti, s, "id").labels)


TINY_FLOODED = """
name: Keluarga Uji
members: 2
region: pekalongan
income_monthly: 1200000
housing_share: 0.3
plot: {width_m: 6, depth_m: 9, flood: {last_height_m: 0.3, subsidence_cm_per_year: 5}}
existing_house:
  grid: {x: [3.5], y: [3.0, 2.5]}
  rooms:
    - {id: kamar, type: bedroom, x: [0, 1], y: [0, 1]}
    - {id: dapur, type: kitchen, x: [0, 1], y: [1, 2]}
  openings:
    - {id: P1, type: door_main, room: kamar, side: front, at: 0.3}
    - {id: P2, type: door, room: dapur, side: back}
    - {id: J1, type: window_small, room: kamar, side: front, at: 0.8}
  wall_height: 2.5
  floor_height: 0.0
  roof: {covering: clay_tile, frame: timber, condition: good}
  walls: {material: brick, condition: good}
  floor: earth
  structure: {foundation: true, sloof: true, columns: true, ring_beam: true}
  toilet: false
  septic_tank: false
  water: true
  electricity: true
"""


@pytest.mark.parametrize("front", [False, True])
def test_the_septic_tank_keeps_clear_of_the_entrance_steps(tmp_path, front):
    # A 3,5 m wide house whose floor is raised about a metre: the front door's steps reach 2,4 m
    # out, past the 1,5 m setback where the tank goes, in front of the toilet.  Under the steps
    # the tank could not be emptied: it moves aside, clear of them by at least 0,3 m.
    # (front: a bathroom beside the front door, its drain beside the steps: the tank moved clear
    # of them cannot stand under it, and the drain turns to reach it.)
    path = tmp_path / "kecil.yaml"
    text = TINY_FLOODED
    if front:
        text = text.replace("grid: {x: [3.5]", "grid: {x: [2.0, 1.5]").replace(
            "- {id: kamar, type: bedroom, x: [0, 1], y: [0, 1]}",
            "- {id: kamar, type: bedroom, x: [0, 1], y: [0, 1]}\n    - {id: wc, type: bathroom, x: [1, 2], y: [0, 1]}"
        ).replace("x: [0, 1], y: [1, 2]}", "x: [0, 2], y: [1, 2]}").replace("toilet: false", "toilet: true").replace(
            "at: 0.3}", "at: 0.7}").replace("- {id: J1, type: window_small, room: kamar, side: front, at: 0.8}",
                                            "- {id: J1, type: window_small, room: kamar, side: left}\n"
                                            "    - {id: P3, type: door_wc, room: wc, side: left}\n"
                                            "    - {id: J2, type: window_small, room: wc, side: right}")
    path.write_text(text, encoding="utf-8")
    plans = [s for s in sheets_of(str(path)) if s.kind != "section"]
    repaired = plans[-1]
    tank = next(p for p in repaired.polygons if p.tag == "septic")
    steps = next(p for p in repaired.polygons if p.tag.startswith("steps:"))

    def box(polygon):
        xs, ys = [x for x, _ in polygon.points], [y for _, y in polygon.points]
        return min(xs), min(ys), max(xs), max(ys)

    (tx0, ty0, tx1, ty1), (sx0, sy0, sx1, _) = box(tank), box(steps)
    assert sy0 < ty1                          # the steps reach as far out as the tank
    assert tx0 >= sx1 + 0.3 - 1e-6 or tx1 <= sx0 - 0.3 + 1e-6
    # The toilet's drain still ends at the tank.
    ends = [point for segment in repaired.segments if segment.tag == "drain" for point in (segment.start, segment.end)]
    assert any(tx0 - 1e-6 <= px <= tx1 + 1e-6 and ty0 - 1e-6 <= py <= ty1 + 1e-6 for px, py in ends)
    if front:
        # The drain runs beside the steps, clear of the tank's span: it turns to reach the tank.
        xs = {round(x, 6) for segment in repaired.segments if segment.tag == "drain"
              for x in (segment.start[0], segment.end[0])}
        assert len(xs) == 2                  # down at the drain line, then across
        return
    # A tank wanted right in front of the door (x = 1,05 m, 1,5 m wide) moves the least way to
    # the steps' left or right edge (0,45 and 1,65 m), 0,3 m more and its half-width beyond: as
    # far either way, the right keeps it within the house's 3,5 m.
    from rumah.documents.floorplan import _beside_steps
    from rumah.house.design import entrances_at
    from rumah.plan.household import load_household
    design = load_household(path).existing.design
    design = replace(design, entrances=entrances_at(design, 1.1))
    assert _beside_steps(1.05, 1.5, ty0, ty1, design) == pytest.approx(1.65 + 0.3 + 0.75)
    assert _beside_steps(2.75, 1.5, ty0, ty1, design) == 2.75           # clear already
