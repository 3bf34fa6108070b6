"""DXF plans: read back, they show what the Design holds; they pass audit and open in LibreCAD."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import ezdxf
import pytest
from click.testing import CliRunner

import cli
from rumah.cost.takeoff import takeoff
from rumah.documents.drawing import LAYERS, plan_sheet, shoelace
from rumah.documents.dxf import APP, write_sheet, write_steps
from rumah.documents.sheets import step_sheets
from rumah.house.design import build_design
from rumah.house.template import load_template, template_paths

TEMPLATES = sorted(template_paths())


def tags(msp, layers):
    found = {}
    for entity in msp.query("LWPOLYLINE"):
        if entity.dxf.layer in layers and entity.has_xdata(APP):
            found.setdefault(entity.get_xdata(APP)[0].value, []).append(entity)
    return found


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dxf")
    result = {}
    for name in TEMPLATES:
        sheets, stem = step_sheets(name)
        result[name] = write_steps(sheets, folder, stem, fixed_meta=True)
    return result


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_step_passes_audit_and_is_in_metres(written, name):
    for path in written[name]:
        doc = ezdxf.readfile(path)
        assert doc.dxfversion >= "AC1024"                       # R2010 or later
        assert doc.header["$INSUNITS"] == 6                      # metres
        auditor = doc.audit()
        assert not auditor.has_errors, auditor.errors
        assert set(LAYERS) <= {layer.dxf.name for layer in doc.layers}


@pytest.mark.parametrize("name", TEMPLATES)
def test_rooms_read_back_have_the_designs_areas(written, name):
    design = build_design(load_template(name))
    quantities = takeoff(design)
    for step, path in zip(design.steps, written[name]):
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
    for step, path in zip(design.steps, written[name]):
        msp = ezdxf.readfile(path).modelspace()
        walls = tags(msp, {"A-WALL", "A-WALL-FUTR"})
        assert set(walls) == {w.id for w in design.walls}
        for wall in design.walls:
            layer = "A-WALL" if wall.step <= step.number else "A-WALL-FUTR"
            assert {e.dxf.layer for e in walls[wall.id]} == {layer}
        arcs = {e.get_xdata(APP)[0].value for e in msp.query("ARC[layer=='A-DOOR']")}
        assert arcs == {o.id for o in design.openings if o.kind == "door" and o.step <= step.number}
        glass = {e.get_xdata(APP)[0].value for e in msp.query("LINE[layer=='A-GLAZ']")}
        assert glass == {o.id for o in design.openings if o.kind == "window" and o.step <= step.number}
        assert len(msp.query("DIMENSION")) == len(design.xs) + len(design.ys)
        columns = msp.query("LWPOLYLINE[layer=='S-COLS']")
        assert len(columns) == sum(1 for c in design.columns if c.step <= step.number)


def test_labels_are_indonesian_by_default_and_english_on_request():
    design = build_design(load_template("inti-6m"))
    texts = {label.text for label in plan_sheet(design, 3).labels}
    assert {"Ruang Tamu", "Kamar Tidur 1", "Dapur", "KM/WC", "10,50 m²"} <= texts
    english = {label.text for label in plan_sheet(design, 3, "en").labels}
    assert {"Living room", "Bedroom 1", "Kitchen", "Bathroom/WC", "10.50 m²"} <= english


def test_fixed_metadata_makes_files_identical(tmp_path):
    sheet = step_sheets("risha-3x3")[0][0]
    write_sheet(sheet, tmp_path / "a.dxf", fixed_meta=True)
    write_sheet(sheet, tmp_path / "b.dxf", fixed_meta=True)
    assert (tmp_path / "a.dxf").read_bytes() == (tmp_path / "b.dxf").read_bytes()


def test_cli_writes_one_file_per_step_for_a_household(tmp_path):
    examples = Path(__file__).resolve().parents[2] / "examples"
    result = CliRunner().invoke(cli.main, ["dxf", str(examples / "pekalongan-rob.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == [f"pekalongan-rob-tahap-{n}.dxf" for n in (1, 2, 3)]
    msp = ezdxf.readfile(tmp_path / "out" / files[0]).modelspace()
    assert any("Keluarga Bapak Tarno" in t.dxf.text for t in msp.query("TEXT"))
    bad = CliRunner().invoke(cli.main, ["dxf", "inti-6", "-o", str(tmp_path / "x")])
    assert bad.exit_code == 1 and "did you mean 'inti-6m'" in bad.output and not (tmp_path / "x").exists()


@pytest.mark.skipif(shutil.which("librecad") is None, reason="LibreCAD is installed by .ci/run")
def test_librecad_prints_every_step_of_every_template(written, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in TEMPLATES:
        for path in written[name]:
            copy = tmp_path / path.name
            shutil.copy(path, copy)
            result = subprocess.run(["librecad", "dxf2pdf", str(copy)], capture_output=True, text=True,
                                    env=env, timeout=120)
            assert result.returncode == 0, result.stderr
            pdf = copy.with_suffix(".pdf")
            log = result.stdout + result.stderr
            assert pdf.read_bytes().startswith(b"%PDF") and f'to "{pdf}" DONE' in log
            assert "error" not in log.lower()


def test_plans_render_to_png_with_ezdxfs_drawing_addon(tmp_path):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from ezdxf.addons.drawing import matplotlib as draw
    doc = ezdxf.readfile(write_steps(step_sheets("inti-6m")[0][:1], tmp_path, "x", fixed_meta=True)[0])
    draw.qsave(doc.modelspace(), str(tmp_path / "plan.png"), bg="#FFFFFF", dpi=60)
    assert (tmp_path / "plan.png").stat().st_size > 5000
