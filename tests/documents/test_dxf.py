"""DXF plans and sections: read back, they show what the Design holds and what the sheet computed
(dimension values and texts where they were placed); they pass audit, carry an A3 layout at the
stated scale, and LibreCAD prints them on A3."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import ezdxf
import pytest
from click.testing import CliRunner

import cli
from rumah.cost.takeoff import takeoff
from rumah.documents.drawing import LAYERS, PAPER_LAYERS, shoelace
from rumah.documents.dxf import APP, LINETYPES, STYLE, sheet_document, write_sheet, write_steps
from rumah.documents.floorplan import plan_sheet
from rumah.documents.section import cut_line, section_sheet
from rumah.house.design import build_design
from rumah.house.template import load_template

from .drawn import EXAMPLES, TEMPLATES, sheets_of

KENDAL_RTLH = str(EXAMPLES / "kendal-rtlh.yaml")
SOURCES = TEMPLATES + [KENDAL_RTLH]


def tags(msp, layers):
    found = {}
    for entity in msp.query("LWPOLYLINE"):
        if entity.dxf.layer in layers and entity.has_xdata(APP):
            found.setdefault(entity.get_xdata(APP)[0].value, []).append(entity)
    return found


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """source -> [(sheet, path)] for every sheet of the templates and a house lived in."""
    folder = tmp_path_factory.mktemp("dxf")
    result = {}
    for name in SOURCES:
        sheets, stem = list(sheets_of(name)), Path(name).stem
        result[name] = list(zip(sheets, write_steps(sheets, folder, stem, fixed_meta=True)))
    return result


def plans(written, name):
    return [(sheet, path) for sheet, path in written[name] if sheet.kind == "plan"]


@pytest.mark.parametrize("name", SOURCES)
def test_every_sheet_passes_audit_and_is_in_metres(written, name):
    for _, path in written[name]:
        doc = ezdxf.readfile(path)
        assert doc.dxfversion >= "AC1024"                       # R2010 or later
        assert doc.header["$INSUNITS"] == 6                      # metres
        auditor = doc.audit()
        assert not auditor.has_errors, auditor.errors
        assert set(LAYERS) <= {layer.dxf.name for layer in doc.layers}
    kinds = [sheet.kind for sheet, _ in written[name]]
    assert kinds.count("section") == 1 and written[name][-1][1].name.endswith("-potongan.dxf")


@pytest.mark.parametrize("name", TEMPLATES)
def test_rooms_read_back_have_the_designs_areas(written, name):
    design = build_design(load_template(name))
    quantities = takeoff(design)
    for step, (_, path) in zip(design.steps, plans(written, name)):
        msp = ezdxf.readfile(path).modelspace()
        rooms = tags(msp, {"A-AREA"})
        built = {r.id: r for r in design.rooms if r.step <= step.number}
        assert set(rooms) == set(built)
        areas = {room: shoelace([tuple(p[:2]) for p in entities[0].get_points()]) for room, entities in rooms.items()}
        for room_id, room in built.items():
            assert areas[room_id] == pytest.approx(room.area)
        total = sum(quantities[s.number]["floor_area"] for s in design.steps if s.number <= step.number)
        assert sum(areas.values()) == pytest.approx(total)
        later = tags(msp, {"A-AREA-FUTR"})
        assert set(later) == {r.id for r in design.rooms if r.step > step.number}


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_wall_door_and_window_appears(written, name):
    design = build_design(load_template(name))
    for step, (_, path) in zip(design.steps, plans(written, name)):
        msp = ezdxf.readfile(path).modelspace()
        walls = tags(msp, {"A-WALL", "A-WALL-EXST", "A-WALL-NEWW", "A-WALL-FUTR"})
        assert set(walls) == {w.id for w in design.walls}
        for wall in design.walls:
            # The first step's walls are all new; after it, this step's (hatched) are told from
            # those standing already.
            if wall.step > step.number:
                layer = "A-WALL-FUTR"
            elif step.number == 1:
                layer = "A-WALL"
            else:
                layer = "A-WALL-NEWW" if wall.step == step.number else "A-WALL-EXST"
            assert {e.dxf.layer for e in walls[wall.id]} == {layer}
        arcs = {e.get_xdata(APP)[0].value for e in msp.query("ARC[layer=='A-DOOR']")}
        assert arcs == {o.id for o in design.openings if o.kind == "door" and o.step <= step.number}
        glass = {e.get_xdata(APP)[0].value for e in msp.query("LINE[layer=='A-GLAZ']")}
        assert glass == {o.id for o in design.openings if o.kind in ("window", "vent") and o.step <= step.number}
        columns = msp.query("LWPOLYLINE[layer=='S-COLS']")
        assert len(columns) == sum(1 for c in design.columns if c.step <= step.number)


@pytest.mark.parametrize("name", SOURCES)
def test_dimensions_read_back_as_the_sheet_computed_them(written, name):
    """Each DIMENSION measures the sheet's length, shows its text (metres, two decimals, decimal
    comma) and puts it where the sheet placed it; the style and the header (which LibreCAD reads)
    say the same."""
    for sheet, path in written[name]:
        doc = ezdxf.readfile(path)
        dims = list(doc.modelspace().query("DIMENSION"))
        assert len(dims) == len(sheet.dimensions)
        for entity, dim in zip(dims, sheet.dimensions):
            assert entity.get_measurement() == pytest.approx(dim.length)
            assert tuple(entity.dxf.text_midpoint)[:2] == pytest.approx(dim.text_at)
            shown = [e.text for e in doc.blocks.get(entity.dxf.geometry) if e.dxftype() == "MTEXT"]
            assert shown == [dim.text]
            assert re.fullmatch(r"\d+,\d\d", dim.text)
            assert float(dim.text.replace(",", ".")) == pytest.approx(dim.length, abs=0.005)
        style = doc.dimstyles.get("RUMAH")
        for key, value in (("dimlfac", 1.0), ("dimdec", 2), ("dimzin", 0), ("dimdsep", ord(",")), ("dimlunit", 2)):
            assert style.dxf.get(key) == value
            assert doc.header[f"${key.upper()}"] == value
        assert doc.header["$DIMSTYLE"] == "RUMAH"
    if name in TEMPLATES:
        design = build_design(load_template(name))
        spans = {f"{b - a:.2f}".replace(".", ",") for axis in (design.xs, design.ys) for a, b in zip(axis, axis[1:])}
        assert spans <= {dim.text for dim in written[name][0][0].dimensions}


def test_english_dimensions_use_a_decimal_point(tmp_path):
    sheet = plan_sheet(build_design(load_template("inti-6m")), 1, "en")
    write_sheet(sheet, tmp_path / "en.dxf")
    doc = ezdxf.readfile(tmp_path / "en.dxf")
    assert doc.header["$DIMDSEP"] == ord(".")
    shown = {e.text for d in doc.modelspace().query("DIMENSION") for e in doc.blocks.get(d.dxf.geometry)
             if e.dxftype() == "MTEXT"}
    assert {"3.00", "1.50", "6.00"} <= shown


@pytest.mark.parametrize("name", SOURCES)
def test_texts_read_back_where_the_sheet_placed_them(written, name):
    for sheet, path in written[name]:
        doc = ezdxf.readfile(path)
        layout = doc.layouts.get(sheet.paper.name)
        for space, paper in ((doc.modelspace(), False), (layout, True)):
            found = Counter((t.dxf.text, round(t.dxf.align_point[0], 6), round(t.dxf.align_point[1], 6),
                             round(t.dxf.height, 6), round(t.dxf.rotation, 6)) for t in space.query("TEXT"))
            wanted = Counter((lb.text, round(lb.at[0], 6), round(lb.at[1], 6), round(lb.height, 6),
                              round(lb.rotation, 6)) for lb in sheet.labels if (lb.layer in PAPER_LAYERS) == paper)
            assert found == wanted
            # Never dashed, even on a dashed layer (LibreCAD dashes a text's strokes otherwise).
            assert {t.dxf.linetype for t in space.query("TEXT")} <= {"Continuous"}


@pytest.mark.parametrize("name", SOURCES)
def test_an_a3_layout_shows_the_model_at_the_stated_scale(written, name):
    for sheet, path in written[name]:
        doc = ezdxf.readfile(path)
        paper = sheet.paper
        layouts = [name for name in doc.layouts.names() if name != "Model"]
        assert layouts == ["A3"]
        layout = doc.layouts.get("A3")
        settings = layout.dxf_layout.dxf
        assert (settings.paper_width, settings.paper_height) == (420.0, 297.0)
        # The layout prints 1000/scale mm of paper for each metre drawn on it: 10 mm at 1:100.
        assert settings.scale_numerator / settings.scale_denominator == pytest.approx(1000 / sheet.scale)
        (viewport,) = [v for v in layout.query("VIEWPORT") if v.dxf.id != 1]
        x0, y0, x1, y1 = paper.viewport
        assert viewport.dxf.height == pytest.approx(y1 - y0) == pytest.approx(viewport.dxf.view_height)
        assert tuple(viewport.dxf.view_center_point)[:2] == pytest.approx(tuple(viewport.dxf.center)[:2])
        # Its plot origin puts the paper's corner at the paper's lower left.
        assert settings.plot_origin_x_offset == pytest.approx(-paper.origin[0] * 1000 / sheet.scale)
        assert settings.plot_origin_y_offset == pytest.approx(-paper.origin[1] * 1000 / sheet.scale)
        titles = [t.dxf.text for t in layout.query("TEXT[layer=='A-ANNO-TTLB']")]
        assert any(f"Skala 1:{sheet.scale}, satuan meter" in t for t in titles)
        assert not doc.modelspace().query("TEXT[layer=='A-ANNO-TTLB']")
        # What LibreCAD reads to print the model on the same sheet (metres of paper).
        assert tuple(doc.header["$PLIMMIN"])[:2] == (0.0, 0.0)
        assert tuple(doc.header["$PLIMMAX"])[:2] == pytest.approx((0.42, 0.297))
        assert doc.header["$PSVPSCALE"] == pytest.approx(1 / sheet.scale)
        assert tuple(doc.header["$PINSBASE"])[:2] == pytest.approx((-paper.origin[0] / sheet.scale,
                                                                    -paper.origin[1] / sheet.scale))


def test_dashes_are_drawn_in_millimetres_of_paper(written):
    for sheet, path in written["inti-6m"]:
        doc = ezdxf.readfile(path)
        scale = doc.header["$LTSCALE"] * 1000
        assert scale == pytest.approx(sheet.scale)
        dash = doc.linetypes.get("DASHED").pattern_tags.tags
        lengths = [t.value for t in dash if t.code == 49]
        # 3 mm dashes and 1,5 mm gaps on paper whatever the scale (not 1,27 m at 1:100).
        assert lengths == pytest.approx([3.0, -1.5]) == LINETYPES["DASHED"][1][1:]
        assert lengths[0] * doc.header["$LTSCALE"] == pytest.approx(3.0 * sheet.scale / 1000)


def test_every_layer_reads_on_white_paper():
    assert not [name for name, (colour, _, _) in STYLE.items() if colour in (2, 4)]     # yellow, cyan


def test_fixed_metadata_makes_files_identical(tmp_path):
    sheet = sheets_of("risha-3x3")[0]
    write_sheet(sheet, tmp_path / "a.dxf", fixed_meta=True)
    write_sheet(sheet, tmp_path / "b.dxf", fixed_meta=True)
    assert (tmp_path / "a.dxf").read_bytes() == (tmp_path / "b.dxf").read_bytes()


def test_cli_writes_one_file_per_step_and_the_section(tmp_path):
    result = CliRunner().invoke(cli.main, ["dxf", str(EXAMPLES / "pekalongan-rob.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["pekalongan-rob-potongan.dxf"] + [f"pekalongan-rob-tahap-{n}.dxf" for n in (1, 2, 3)]
    doc = ezdxf.readfile(tmp_path / "out" / files[1])
    assert any("Keluarga Bapak Tarno" in t.dxf.text for t in doc.layouts.get("A3").query("TEXT"))
    bad = CliRunner().invoke(cli.main, ["dxf", "inti-6", "-o", str(tmp_path / "x")])
    assert bad.exit_code == 1 and "did you mean 'inti-6m'" in bad.output and not (tmp_path / "x").exists()


def test_a_house_lived_in_is_drawn_in_its_phases_with_its_section(written):
    names = [path.name for _, path in written[KENDAL_RTLH]]
    assert names == ["kendal-rtlh-ada.dxf", "kendal-rtlh-perbaikan.dxf", "kendal-rtlh-potongan.dxf"]
    before = ezdxf.readfile(written[KENDAL_RTLH][0][1]).modelspace()
    repaired = ezdxf.readfile(written[KENDAL_RTLH][1][1]).modelspace()
    assert before.query("LWPOLYLINE[layer=='A-WALL-DEMO']") and repaired.query("HATCH[layer=='A-WALL-NEWW']")
    assert repaired.query("LWPOLYLINE[layer=='C-PROP']") and repaired.query("LWPOLYLINE[layer=='P-SANR']")


@pytest.mark.skipif(shutil.which("librecad") is None, reason="LibreCAD is installed by .ci/run")
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils is installed by .ci/run")
def test_librecad_prints_every_sheet_on_a3(written, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in SOURCES:
        for _, path in written[name]:
            copy = tmp_path / path.name
            shutil.copy(path, copy)
            result = subprocess.run(["librecad", "dxf2pdf", str(copy)], capture_output=True, text=True,
                                    env=env, timeout=120)
            assert result.returncode == 0, result.stderr
            pdf = copy.with_suffix(".pdf")
            log = result.stdout + result.stderr
            assert pdf.read_bytes().startswith(b"%PDF") and f'to "{pdf}" DONE' in log
            assert "error" not in log.lower()
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
            width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
            # A3 landscape: 420 x 297 mm = 1190.6 x 841.9 points.
            assert (width, height) == pytest.approx((420 / 25.4 * 72, 297 / 25.4 * 72), abs=1.0), path.name


def test_plans_render_to_png_with_ezdxfs_drawing_addon(tmp_path):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from ezdxf.addons.drawing import matplotlib as draw
    sheets = sheets_of("risha-3x3")
    for path in write_steps([sheets[0], sheets[-1]], tmp_path, "x", fixed_meta=True):
        layout = ezdxf.readfile(path).layouts.get("A3")
        png = tmp_path / f"{path.stem}.png"
        draw.qsave(layout, str(png), bg="#FFFFFF", dpi=40)
        assert png.stat().st_size > 5000


def test_a_new_set_replaces_the_sheets_of_an_earlier_one_of_the_same_name(tmp_path):
    """The same household file, first a new house (three steps and a section), then a lived-in
    house to improve (three phases and a section): the folder holds the new set alone, and a
    file that is no sheet of ours stays."""
    household, folder = tmp_path / "rumah.yaml", tmp_path / "gambar"
    shutil.copy(EXAMPLES / "kendal-nelayan.yaml", household)
    assert CliRunner().invoke(cli.main, ["dxf", str(household), "-o", str(folder)]).exit_code == 0
    first = {p.name for p in folder.iterdir()}
    (folder / "rumah-catatan.dxf").write_text("0\nEOF\n")
    shutil.copy(EXAMPLES / "kendal-rtlh.yaml", household)
    result = CliRunner().invoke(cli.main, ["dxf", str(household), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    written = {Path(line.strip()).name for line in result.output.splitlines() if line.strip().endswith(".dxf")}
    assert "rumah-tahap-1.dxf" in first and "rumah-tahap-1.dxf" not in written
    assert {p.name for p in folder.iterdir()} == written | {"rumah-catatan.dxf"}


#: Where LibreCAD keeps the patterns it fills a hatch with, by the hatch's name (Debian's package).
LIBRECAD_PATTERNS = Path("/usr/share/librecad/patterns")


@pytest.mark.skipif(not LIBRECAD_PATTERNS.is_dir(), reason="LibreCAD is installed by .ci/run")
@pytest.mark.parametrize("name", ["deret-4m5", str(EXAMPLES / "pekalongan-rtlh.yaml")], ids=lambda s: Path(s).stem)
def test_every_hatch_is_one_librecad_fills_and_carries_the_pattern_others_draw(name):
    """LibreCAD 2.2 fills a hatch from its own library, by name, and left the stone (ANSI37), the
    bedding (GRAVEL) and the sand (AR-SAND) empty.  Every pattern is written under a name it
    knows, and carries the ISO definition ezdxf and AutoCAD draw: the stone crossed at 45° and
    135°, its angle given to LibreCAD in the radians it reads."""
    known = {p.stem.upper() for p in LIBRECAD_PATTERNS.glob("*.dxf")}
    section = [s for s in sheets_of(name) if s.kind == "section"][0]
    doc = sheet_document(section)
    hatches = [h for h in doc.modelspace().query("HATCH") if h.dxf.solid_fill == 0]
    assert {h.dxf.pattern_name for h in hatches} <= known
    # Stone: the foundations, and the entrance steps where the cut passes them.
    stones = [q for q in section.polygons if q.pattern == "ANSI37"]
    crossed = [h for h in hatches if h.dxf.layer in ("S-SECT-FNDN", "A-FLOR-STRS") and h.dxf.pattern_name == "ANSI31"]
    assert len(crossed) == 2 * len(stones) > 0
    assert {round(line.angle) for h in crossed for line in h.pattern.lines} == {45, 135}
    assert {round(math.degrees(h.dxf.pattern_angle)) for h in crossed} == {0, 90}
    # The bedding's stones and the floor's sand and concrete are filled too, each with its lines.
    layers = Counter((h.dxf.layer, h.dxf.pattern_name) for h in hatches)
    assert layers[("S-SECT-FNDN", "MILLSTONE")] == len([q for q in stones if q.layer == "S-SECT-FNDN"])
    assert layers[("A-SECT-FLOR", "SAND")] == layers[("A-SECT-FLOR", "AR-CONC")] > 0
    assert all(h.pattern.lines for h in hatches)
def _entrance_read_back(path, door):
    """(outline points, step edge lines, texts) tagged with the steps of ``door`` in a DXF."""
    msp = ezdxf.readfile(path).modelspace()
    tag = f"steps:{door}"
    outline = [[tuple(p[:2]) for p in e.get_points()] for e in msp.query("LWPOLYLINE[layer=='A-FLOR-STRS']")
               if e.has_xdata(APP) and e.get_xdata(APP)[0].value == tag]
    lines = [e for e in msp.query("LINE[layer=='A-FLOR-STRS']") if e.get_xdata(APP)[0].value == tag]
    texts = [t.dxf.text for t in msp.query("TEXT[layer=='A-FLOR-STRS']")]
    return outline, lines, texts


def test_the_plan_shows_the_entrance_steps_that_are_priced(tmp_path):
    # A 1.0 m plinth on the row house: the front door's steps, measured off the DXF, give back the
    # volume the bill prices.
    design = build_design(load_template("deret-4m5"), {"plinth_height": 1.0})
    write_sheet(plan_sheet(design, 1), tmp_path / "plan.dxf")
    (outline,), lines, texts = _entrance_read_back(tmp_path / "plan.dxf", "D1")
    xs, ys = [p[0] for p in outline], [p[1] for p in outline]
    width, run = max(xs) - min(xs), max(ys) - min(ys)
    face = max(ys)                                          # the front wall's outside face
    across = [line for line in lines if abs(line.dxf.start[1] - line.dxf.end[1]) < 1e-9]   # not the arrow
    edges = sorted({round(face - line.dxf.start[1], 9) for line in across})
    landing, treads = edges[0], len(edges)                 # the landing's edge and each tread's but the lowest
    tread = (run - landing) / treads
    assert "naik" in texts
    risers, riser = next(re.fullmatch(r"(\d+) x (\d+,\d+) m", t).groups() for t in texts if " x " in t)
    assert int(risers) == treads + 1 and float(riser.replace(",", ".")) * int(risers) == pytest.approx(1.0)
    height, n = 1.0, treads + 1
    volume = width * (landing * height + tread * (height / n) * n * (n - 1) / 2)
    assert volume == pytest.approx(takeoff(design)[1]["entrance_steps_volume"])
    assert (width, landing, tread, n) == pytest.approx((0.9 + 2 * 0.15, 0.9, 0.3, 5))


def test_the_section_through_the_entrance_shows_the_steps_profile(tmp_path):
    # The row house's section runs front to back through the front door: the steps' profile times
    # their width is the volume priced.
    design = build_design(load_template("deret-4m5"), {"plinth_height": 1.0})
    steps = design.entrances[0]
    assert cut_line(design).along == "y" and abs(cut_line(design).at - steps.x) < steps.width / 2
    write_sheet(section_sheet(design), tmp_path / "section.dxf")
    msp = ezdxf.readfile(tmp_path / "section.dxf").modelspace()
    (profile,) = [[tuple(p[:2]) for p in e.get_points()] for e in msp.query("LWPOLYLINE[layer=='A-FLOR-STRS']")]
    assert max(y for _, y in profile) == pytest.approx(1.0) and min(y for _, y in profile) == pytest.approx(0.0)
    assert len({round(y, 9) for _, y in profile if y > 0}) == 5                  # one level per riser
    assert shoelace(profile) * steps.width == pytest.approx(takeoff(design)[1]["entrance_steps_volume"])


def test_a_section_that_misses_the_entrance_draws_no_steps(written):
    # inti-6m's section runs across the house, parallel to the front wall.
    section = written["inti-6m"][-1][0]
    assert cut_line(build_design(load_template("inti-6m"))).along == "x"
    assert not [p for p in section.polygons if p.layer == "A-FLOR-STRS"]


def test_the_toilet_room_drawn_has_the_walls_and_door_priced(tmp_path):
    from rumah.cost.estimate import load_catalog
    from rumah.cost.prices import load_price_list
    from rumah.plan.household import load_household
    from rumah.plan.improvement import improve
    catalog = load_catalog()
    household = load_household(EXAMPLES / "kendal-rtlh.yaml")
    improvement = improve(household, catalog, load_price_list("kendal", catalog.resources))
    sanitation = next(p for p in improvement.bill.steps[0].packages if p.kind == "sanitation")
    priced = sum(line.quantity for line in sanitation.lines if line.quantity_name == "new_cubicle_wall_area")
    repaired = sheets_of(str(EXAMPLES / "kendal-rtlh.yaml"))[1]
    write_sheet(repaired, tmp_path / "perbaikan.dxf", fixed_meta=True)
    msp = ezdxf.readfile(tmp_path / "perbaikan.dxf").modelspace()
    pieces = [e for e in msp.query("LWPOLYLINE[layer=='A-WALL-NEWW']")
              if e.has_xdata(APP) and e.get_xdata(APP)[0].value in ("WC1", "WC2")]
    assert pieces
    thickness = max(w.thickness for w in household.existing.design.walls)
    # Each piece is its wall's thickness wide; its length, less the half thickness it runs into
    # the walls it meets at each end of a wall, adds up to the lengths priced (and the door's gap).
    drawn = 0.0
    for piece in pieces:
        points = [p[:2] for p in piece.get_points()]
        xs, ys = [x for x, _ in points], [y for _, y in points]
        width, depth = max(xs) - min(xs), max(ys) - min(ys)
        assert min(width, depth) == pytest.approx(thickness)
        drawn += max(width, depth)
    door_width = 0.7
    # Two walls, each drawn a half thickness longer at both ends.
    length = drawn - 2 * thickness + door_width
    assert length * household.existing.wall_height - door_width * 2.0 == pytest.approx(priced)
    assert len(msp.query("ARC[layer=='A-DOOR']").filter(lambda e: e.get_xdata(APP)[0].value == "PWC")) == 1
    texts = {e.dxf.text for e in msp.query("TEXT MTEXT") if e.dxftype() == "TEXT"}
    # Named inside it (the area too where there is room), or by the toilet's note: never beside
    # it, where the name would fall in the living room.
    assert "KM/WC" in texts or "KM/WC baru 2,17 m², kloset jongkok" in texts
    (living,) = [r for r in household.existing.design.rooms if r.id == "tamu"] or [None]
    if living is not None:
        inside = [e for e in msp.query("TEXT") if e.dxf.text.startswith("KM/WC") and
                  living.x0 < e.dxf.insert[0] < living.x1 and living.y0 < e.dxf.insert[1] < living.y1]
        assert not inside
    assert "5,33 m²" in texts                     # the kitchen, 7,50 m² less the toilet room


def test_the_sheets_after_the_first_say_what_the_hatched_walls_are(written):
    said = []
    for _, path in plans(written, "inti-6m"):
        doc = ezdxf.readfile(path)
        texts = " ".join(e.dxf.text if e.dxftype() == "TEXT" else e.plain_text()
                         for layout in doc.layouts for e in layout.query("TEXT MTEXT"))
        said.append(" ".join(texts.split()))
    # (The note is wrapped over lines of the sheet's notes.)
    assert [("Arsir: dinding yang dibangun tahap ini" in text and "dinding yang sudah berdiri" in text)
            for text in said] == [False, True, True]
    assert ["tahap berikutnya" in text for text in said] == [True, True, False]
