"""What a technician and a family read about a house to improve: `rumah assess`, the plan, the
quote and the drawings say what the assessment and the repairs computed."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import ezdxf
import pytest
import yaml
from click.testing import CliRunner

import cli
from rumah import i18n
from rumah.plan.household import load_household
from rumah.plan.planner import plan_household

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KENDAL = EXAMPLES / "kendal-rtlh.yaml"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by .ci/run")


def run(*args: str):
    result = CliRunner().invoke(cli.main, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def kendal_plan(catalog):
    return plan_household(load_household(KENDAL), catalog)


def test_assess_json_gives_every_criterion_with_rule_and_source(kendal_plan):
    result = run("assess", KENDAL, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assessment = kendal_plan.improvement.assessment
    assert [c["criterion"] for c in data["criteria"]] == [c.id for c in assessment.criteria]
    assert {c["criterion"] for c in data["criteria"] if not c["passed"]} == set(data["failing"])
    assert data["failing"] == list(assessment.failing) and data["livable"] is False
    assert all(c["rule"] and c["source"] and c["measured"] for c in data["criteria"])
    repairs = {r["package"]: r for r in data["repairs"]}
    packages = {p.kind: p for p in kendal_plan.bill.steps[0].packages}
    assert set(repairs) == set(packages)
    for kind, package in packages.items():
        assert repairs[kind]["cost_idr"] == package.total
        assert set(repairs[kind]["fixes"]) <= set(assessment.failing)
    assert set().union(*(r["fixes"] for r in data["repairs"])) == set(assessment.failing)
    assert data["price_list"]["id"] == "kendal-2024" and data["region"] == "kendal"


def test_assess_table_names_each_failing_criterion_and_the_repairs_total(kendal_plan):
    result = run("assess", KENDAL)
    assert result.exit_code == 0, result.output
    for criterion in kendal_plan.improvement.assessment.criteria:
        line = next(line for line in result.output.splitlines() if line.startswith(criterion.name.id))
        assert ("TIDAK" in line) != criterion.passed
    total = sum(p.total for p in kendal_plan.bill.steps[0].packages)
    assert i18n.rupiah(total, "id") in result.output
    english = run("assess", KENDAL, "--lang", "en")
    assert "Structural safety" in english.output and "Keamanan struktur" not in english.output


def test_assess_a_household_without_a_house_is_a_clear_error():
    result = run("assess", EXAMPLES / "kendal-nelayan.yaml")
    assert result.exit_code == 1
    assert "existing_house" in result.output and "kendal-nelayan.yaml" in result.output


@pytest.mark.parametrize(("change", "phrase"), [
    (("walls", "material", "cardboard"), "walls.material"),
    (("roof", "condition", "fine"), "roof.condition"),
    (("floor", None, 5), "existing_house.floor"),
    (("wall_height", None, 9), "existing_house.wall_height"),
    (("rooms", None, []), "at least one room"),
])
def test_a_bad_survey_names_the_file_and_the_field(tmp_path, change, phrase):
    import yaml
    raw = yaml.safe_load(KENDAL.read_text())
    key, sub, value = change
    if sub is None:
        raw["existing_house"][key] = value
    else:
        raw["existing_house"][key][sub] = value
    path = tmp_path / "rusak.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True))
    before = path.read_bytes()
    for command in ("assess", "plan"):
        result = run(command, path)
        assert result.exit_code == 1, result.output
        assert "rusak.yaml" in result.output and phrase in result.output, result.output
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["rusak.yaml"]


def _window_cut_into_the_house(house):
    house["openings"].append({"id": "J9", "type": "window", "room": "kamar2", "side": "back", "new": True})


def _room_over_another(house):
    house["rooms"].append({"id": "gudang", "type": "storage", "x": [0, 1], "y": [0, 1]})


def _window_over_a_door(house):
    house["openings"].append({"id": "J9", "type": "window", "room": "dapur", "side": "back"})


@pytest.mark.parametrize(("change", "phrases"), [
    # No room is to be added: a door or window marked new in a room of the house has no step to
    # be cut in (it said 'openings[6].step: expected at most 1', a key nobody wrote).
    (_window_cut_into_the_house, ["existing_house.openings[6].new", "new: true"]),
    # What the house's geometry refuses names the survey's key, not a template's.
    (_room_over_another, ["existing_house", "rooms", "'gudang' overlaps room 'tamu'"]),
    (_window_over_a_door, ["existing_house", "openings", "J9", "overlaps opening P3"]),
])
def test_a_survey_the_house_cannot_be_built_from_names_the_field(tmp_path, change, phrases):
    import yaml
    raw = yaml.safe_load(KENDAL.read_text())
    change(raw["existing_house"])
    path = tmp_path / "rusak.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True))
    result = run("assess", path)
    assert result.exit_code == 1, result.output
    assert "rusak.yaml" in result.output and all(p in result.output for p in phrases), result.output
    assert "step" not in result.output


@pytest.mark.parametrize("name", ["../rumah.yaml", "/etc/rumah.yaml", "sub/rumah.yaml"])
def test_a_house_file_outside_the_household_folder_is_refused_in_its_own_words(tmp_path, name):
    import yaml
    raw = yaml.safe_load(KENDAL.read_text())
    raw["existing_house"] = name
    path = tmp_path / "keluarga.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True))
    result = run("assess", path)
    assert result.exit_code == 1
    assert "keluarga.yaml: existing_house" in result.output and name in result.output
    # There are no bundled houses: the message speaks of a file beside the household file only.
    assert "bundled" not in result.output and "beside the household file" in result.output


def _survey(tmp_path, change, members=None, plot=None):
    import yaml
    raw = yaml.safe_load((EXAMPLES / "pekalongan-rtlh.yaml").read_text())
    raw["existing_house"].update(change)
    if members is not None:
        raw["members"], raw["composition"] = members, {"adults": 2, "children": members - 2}
    if plot is not None:
        raw["plot"] = plot
    path = tmp_path / "keluarga.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True))
    return path


def test_a_house_livable_now_whose_floor_will_sink_is_not_told_it_needs_no_work(tmp_path, catalog):
    # The Pekalongan house with its septic tank, its floor 0.50 above a 0.40 m flood on land
    # sinking 12 cm a year: livable today, raised by month 21 and again by month 81.
    path = _survey(tmp_path, {"septic_tank": True, "floor_height": 0.9},
                   plot={"flood": {"last_height_m": 0.4, "subsidence_cm_per_year": 12}})
    improvement = plan_household(load_household(path), catalog).improvement
    assert improvement.assessment.livable
    due = [(r.due_month, kind) for r, kind in improvement.raisings]
    assert [month for month, _ in due] == [21, 81]
    table = run("assess", path, "--wide").output
    assert "tidak perlu perbaikan" not in table and "sekarang" in table
    for month, _ in due:
        line = next(line for line in table.splitlines() if "Tinggikan lantai" in line and f"ke-{month}" in line)
        assert "paling lambat bulan" in line
    english = run("assess", path, "--lang", "en", "--wide").output
    assert "no repair is needed" not in english and "by month 21" in english
    data = json.loads(run("assess", path, "--format", "json").output)
    raised = [(r["due_month"], r["package"], r["height_m"]) for r in data["repairs"] if "due_month" in r]
    assert raised == [(month, kind, round(r.height, 3)) for (month, kind), (r, _) in zip(due, improvement.raisings)]


def test_a_house_no_repair_or_added_room_can_make_livable_says_so(tmp_path, catalog):
    # Nine persons in the 36 m2 house on a plot with no room behind it or beside it: the
    # technician must draw the rooms to add; the assessment says so, as the plan does.
    path = _survey(tmp_path, {"septic_tank": True}, members=9, plot={"width_m": 6, "depth_m": 6})
    plan = plan_household(load_household(path), catalog)
    assert plan.status == "never_livable"
    table = run("assess", path, "--wide").output
    assert "tidak bisa layak huni untuk 9 orang" in table and "new: true" in table
    assert "never be livable for 9 persons" in run("assess", path, "--lang", "en", "--wide").output


def kendal_for_six(tmp_path, catalog):
    """The Kendal house to improve, for six persons: (its file, its plan)."""
    import yaml
    raw = yaml.safe_load(KENDAL.read_text(encoding="utf-8"))
    raw["members"] = 6
    raw.pop("composition")
    path = tmp_path / "enam.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path, plan_household(load_household(path), catalog)


def test_only_a_house_short_of_room_is_told_to_draw_the_rooms_to_add(tmp_path, catalog, monkeypatch):
    # The six persons in the Kendal house lack floor area, which only rooms to add can give: the
    # plan and the assessment say the rooms must be drawn.  A house left failing on daylight alone
    # (as a surveyed house could be, were its repairs not enough) is not told to add rooms.
    from rumah.documents import assessment_report, plan_report
    _, plan = kendal_for_six(tmp_path, catalog)
    assert plan.status == "never_livable"
    short = plan_report.plan_table(plan, "en", width=None)
    assert "even with every repair done (floor area per person). The rooms to add must be drawn" in short
    monkeypatch.setattr(plan_report, "never_met", lambda plan: ("light",))
    monkeypatch.setattr(assessment_report, "still_failing_repaired", lambda household, improvement: ("light",))
    for lang, said, rooms in (("en", "even with every repair done (daylight).", "rooms to add"),
                              ("id", "walaupun semua perbaikan dikerjakan (pencahayaan).", "Ruang yang akan ditambah")):
        for text in (plan_report.plan_table(plan, lang, width=None),
                     assessment_report.assessment_table(plan.household, plan.improvement, lang, width=None)):
            assert said in text and rooms not in text and "new: true" not in text


@needs_poppler
def test_the_quote_of_a_house_never_livable_names_what_every_repair_leaves(tmp_path, catalog):
    # The Kendal house for six persons: its repairs fix the structure, walls, floor, light, air
    # and toilet the survey found failing; only the floor area per person is left, and the
    # quote says so, as the plan does (not the rules of a house type built whole).
    from rumah.documents.plan_report import never_met
    path, plan = kendal_for_six(tmp_path, catalog)
    assert plan.status == "never_livable"
    assert never_met(plan) == ("area",) and len(plan.improvement.assessment.failing) > 1
    pdf = tmp_path / "q.pdf"
    assert run("quote", path, "-o", pdf, "--date", "2026-12-06").exit_code == 0
    text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "walaupun semua perbaikan dikerjakan (belum terpenuhi: luas per orang)" in flat
    assert "semua tahap dibangun" not in flat and "tipe rumah ini" not in flat


def test_plan_json_lists_the_repairs_month_by_month(kendal_plan):
    result = run("plan", KENDAL, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rows = [(s["step"], s["package"], s["month"], s["cost_idr"]) for s in data["schedule"]]
    assert rows == [(s.step, s.package, s.month, s.cost) for s in kendal_plan.best.steps]
    assert data["livable_month"] == kendal_plan.best.livable_month
    assert data["status"] == "livable"


@needs_poppler
def test_the_quote_shows_the_assessment_and_the_repairs(tmp_path, kendal_plan):
    path = tmp_path / "q.pdf"
    result = run("quote", KENDAL, "-o", path, "--date", "2026-12-06")
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for criterion in kendal_plan.improvement.assessment.criteria:
        assert criterion.name.id in flat
        assert " ".join(criterion.measured("id").split()) in flat
    for package in kendal_plan.bill.steps[0].packages:
        assert package.name.id in flat
        assert i18n.rupiah(package.total, "id", prefix=False) in flat
    assert f"bulan ke-{kendal_plan.best.livable_month}" in flat


def test_dxf_draws_the_house_in_phases_on_their_own_layers(tmp_path, kendal_plan):
    result = run("dxf", KENDAL, "-o", tmp_path / "gambar")
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "gambar").iterdir())
    assert files == ["kendal-rtlh-ada.dxf", "kendal-rtlh-perbaikan.dxf", "kendal-rtlh-potongan.dxf"]
    design = kendal_plan.bill.design
    walls = {w.id for w in design.walls if w.step == 1}
    before = ezdxf.readfile(tmp_path / "gambar" / "kendal-rtlh-ada.dxf").modelspace()
    after = ezdxf.readfile(tmp_path / "gambar" / "kendal-rtlh-perbaikan.dxf").modelspace()

    def tagged(msp, layer):
        found = set()
        for entity in msp.query(f'LWPOLYLINE[layer=="{layer}"]'):
            if entity.has_xdata("RUMAH"):
                found |= {value for code, value in entity.get_xdata("RUMAH") if code == 1000}
        return found

    # Bamboo walls: every wall of the house is taken down and built again in block.
    assert walls <= tagged(before, "A-WALL-DEMO")
    assert walls <= tagged(after, "A-WALL-NEWW")
    assert not tagged(after, "A-WALL-DEMO")
    # The windows the repair adds are cut in the house as it is and stand in the repaired one.
    added = {o.id for o in kendal_plan.improvement.new_windows}
    assert added and added <= tagged(before, "A-WALL-DEMO")
    glazing = {value for e in after.query('LINE[layer=="A-GLAZ"]') if e.has_xdata("RUMAH")
               for code, value in e.get_xdata("RUMAH") if code == 1000}
    assert added <= glazing


def test_a_house_whose_walls_stay_keeps_them_on_the_existing_layer(tmp_path, catalog):
    result = run("dxf", EXAMPLES / "madiun-rtlh.yaml", "-o", tmp_path / "g")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "g").iterdir())
    assert names == ["madiun-rtlh-ada.dxf", "madiun-rtlh-perbaikan.dxf", "madiun-rtlh-potongan.dxf",
                     "madiun-rtlh-tambah.dxf"]
    repaired = ezdxf.readfile(tmp_path / "g" / "madiun-rtlh-perbaikan.dxf").modelspace()
    added = ezdxf.readfile(tmp_path / "g" / "madiun-rtlh-tambah.dxf").modelspace()
    assert len(repaired.query('LWPOLYLINE[layer=="A-WALL-EXST"]')) > 0
    assert len(repaired.query('LWPOLYLINE[layer=="A-WALL-NEWW"]')) == 0
    assert len(added.query('LWPOLYLINE[layer=="A-WALL-NEWW"]')) > 0


def test_batch_plans_houses_to_improve_from_files_beside_the_csv(tmp_path, catalog):
    for name in ("rtlh.csv", "kendal-rtlh.yaml", "madiun-rtlh.yaml", "pekalongan-rtlh.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    out = tmp_path / "hasil.csv"
    result = run("batch", tmp_path / "rtlh.csv", "-o", out, "--workers", "1")
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 6
    # Each row planned alone, from the same cells and the house file beside the CSV, gives the
    # same status, months and failing criteria.
    from rumah.plan.household import parse_household
    from rumah.program.batch import row_to_household
    from rumah.schema import Where
    with (tmp_path / "rtlh.csv").open(encoding="utf-8") as stream:
        cells = list(csv.DictReader(stream))
    for row, given in zip(rows, cells):
        alone = plan_household(parse_household(row_to_household(given), Where("row"), folder=tmp_path), catalog)
        assert row["status"] == alone.status
        assert row["livable_month"] == str(alone.best.livable_month or "")
        assert row["assessment_failing"].split() == list(alone.improvement.assessment.failing)
        assert row["schedule"] == " ".join(f"{s.step}:{s.package}:{s.month}:{s.cost}" for s in alone.best.steps)
    # Six persons in a house of 40.5 m2 with its room added: never livable, said so; its repairs
    # are planned all the same, and its grant pays for them: the summary counts it used, not as
    # a grant waiting for another house type.
    r004 = next(r for r in rows if r["id"] == "R004")
    assert r004["status"] == "never_livable" and r004["schedule"] and int(r004["grant_used_idr"]) > 0
    from rumah.program.batch import summarize
    summary = summarize(out)
    assert summary["grants_not_planned_idr"] == 0
    assert summary["grants_idr"] == summary["grants_used_idr"] + summary["grants_lost_idr"] + \
        summary["grants_cash_idr"]


def test_a_house_too_small_for_the_family_still_has_its_repairs_planned(tmp_path, catalog):
    # Six persons in the Kendal house: no repair gives them floor area enough, but its roof,
    # walls, floor and toilet harm them whatever its size.  The plan builds every repair, with
    # the grant, in the months the same house's plan for its four persons builds them (the
    # repairs are the same; only whether they end in a livable house differs), and says at once
    # that the house stays too small.
    path, plan = kendal_for_six(tmp_path, catalog)
    four = plan_household(load_household(KENDAL), catalog)
    assert plan.status == "never_livable" and plan.best.livable_month is None
    assert four.status == "livable"
    every = {(s.step, p.kind) for s in plan.bill.steps for p in s.packages}
    assert {(s.step, s.package) for s in plan.best.steps if s.complete} == every
    assert [(s.step, s.package, s.month, s.cost) for s in plan.best.steps] == \
        [(s.step, s.package, s.month, s.cost) for s in four.best.steps]
    assert sum(g.used_materials + g.used_labour for g in plan.grants) == \
        sum(g.used_materials + g.used_labour for g in four.grants) > 0
    from rumah.documents.plan_report import plan_table
    table = plan_table(plan, "en", width=None)
    assert table.index("can never be livable for 6 persons") < table.index("A toilet and a septic tank")
    assert "The house is not livable within" not in table and "Not yet met: floor area per person" in table


def _read(path):
    """(pan outlines, drain lines, texts) of a plan DXF, as read back."""
    msp = ezdxf.readfile(path).modelspace()
    pans = [[tuple(p)[:2] for p in e.get_points("xy")] for e in msp.query('LWPOLYLINE[layer=="P-SANR-FIXT"]')]
    drain = [(e.dxf.start, e.dxf.end) for e in msp.query('LINE[layer=="P-SANR"]')]
    texts = [e.dxf.text for e in msp.query("TEXT")]
    return pans, drain, texts


@pytest.mark.parametrize("name", ["kendal-rtlh", "madiun-rtlh", "pekalongan-rtlh"])
def test_the_toilet_the_repairs_price_is_drawn_where_its_drain_is_measured(tmp_path, catalog, name):
    """A squat toilet the repairs buy stands on the repaired plan, in a kitchen or another room
    no one sleeps or sits in, clear of every door; its drain runs from it to the septic tank
    as long as the bill prices it.  A house whose toilet room brings its own has none drawn."""
    from rumah.documents.floorplan import sector
    from rumah.house.existing import TOILET_SPACE
    path = EXAMPLES / f"{name}.yaml"
    plan = plan_household(load_household(path), catalog)
    improvement = plan.improvement
    lines = [line for package in plan.bill.steps[0].packages for line in package.lines]
    priced = {line.quantity_name: line.quantity for line in lines}
    assert run("dxf", path, "-o", tmp_path).exit_code == 0
    pans, drain, texts = _read(tmp_path / f"{name}-perbaikan.dxf")
    if "new_toilet_count" not in priced:
        assert improvement.new_toilet is None and not pans
        return
    toilet = improvement.new_toilet
    design = plan.bill.design
    room = design.room(toilet.room)
    assert design.room_types[room.type].wet and not design.room_types[room.type].sleeping
    # The pan stands within the room, in the floor it takes, and that floor is clear of every
    # door's swing.
    xs = [x for pan in pans for x, _ in pan]
    ys = [y for pan in pans for _, y in pan]
    x0, y0, x1, y1 = toilet.space
    assert x1 - x0 == pytest.approx(TOILET_SPACE[0]) and y1 - y0 == pytest.approx(TOILET_SPACE[1])
    assert x0 <= min(xs) and max(xs) <= x1 and y0 <= min(ys) and max(ys) <= y1
    assert room.x0 < x0 and x1 < room.x1 and room.y0 < y0 and y1 < room.y1
    msp = ezdxf.readfile(tmp_path / f"{name}-perbaikan.dxf").modelspace()
    swings = msp.query('ARC[layer=="A-DOOR"]')
    assert swings
    for arc in swings:
        swept = sector(tuple(arc.dxf.center)[:2], arc.dxf.radius, arc.dxf.start_angle, arc.dxf.end_angle)
        assert not any(x0 < px < x1 and y0 < py < y1 for px, py in swept)
    assert "Kloset" in texts and "baru" in " ".join(texts)
    # The drain drawn from the pan to the tank is the drain the bill prices.
    setback = float(design.values["septic_setback"])
    along = {round(a[0], 6) for a, b in drain}
    assert len(along) == 1
    top, bottom = max(max(a[1], b[1]) for a, b in drain), min(min(a[1], b[1]) for a, b in drain)
    assert top == pytest.approx(toilet.y) and bottom == pytest.approx(design.ys[0] - setback)
    assert priced["new_drain_pipe_length"] == pytest.approx(top - bottom)
    assert priced["new_water_pipe_length"] == pytest.approx(toilet.x - design.xs[0] + toilet.y - design.ys[0])


def test_the_septic_tank_a_repair_builds_stays_on_the_sheet_of_the_rooms_added(tmp_path):
    import yaml
    raw = yaml.safe_load(KENDAL.read_text(encoding="utf-8"))
    raw["plot"] = {"width_m": 8, "depth_m": 15}
    house = raw["existing_house"]
    house["grid"]["y"].append(3.0)
    house["rooms"].append({"id": "tambah", "type": "bedroom", "x": [1, 2], "y": [2, 3], "new": True})
    house["openings"].append({"id": "P9", "type": "door", "room": "tambah", "side": "front"})
    path = tmp_path / "tambah.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert run("dxf", path, "-o", tmp_path / "g").exit_code == 0
    for phase in ("perbaikan", "tambah"):
        msp = ezdxf.readfile(tmp_path / "g" / f"tambah-{phase}.dxf").modelspace()
        assert len(msp.query('LWPOLYLINE[layer=="P-SANR"]')) == 2, phase
        assert len(msp.query('LWPOLYLINE[layer=="P-SANR-FIXT"]')) == 2, phase


def test_windows_and_doors_read_over_the_new_walls_hatch(tmp_path):
    """The Kendal house's new block walls are hatched: the hatch stops at every opening, and
    no window or door is drawn in a colour of the walls around it (the blue windows vanished in
    blue hatched walls in ezdxf's renderer)."""
    assert run("dxf", KENDAL, "-o", tmp_path).exit_code == 0
    doc = ezdxf.readfile(tmp_path / "kendal-rtlh-perbaikan.dxf")
    msp = doc.modelspace()

    def colour(entity):
        return entity.dxf.color if entity.dxf.color not in (0, 256) else doc.layers.get(entity.dxf.layer).color

    walls = {colour(e) for e in msp.query('HATCH LWPOLYLINE[layer=="A-WALL-NEWW"]')}
    openings = msp.query('LINE ARC[layer=="A-GLAZ" | layer=="A-DOOR"]')
    assert walls and len(openings) > 0
    assert not walls & {colour(e) for e in openings}
    hatches = [[tuple(v)[:2] for v in h.paths[0].vertices] for h in msp.query('HATCH[layer=="A-WALL-NEWW"]')]
    for line in msp.query('LINE[layer=="A-GLAZ"]'):
        middle = ((line.dxf.start[0] + line.dxf.end[0]) / 2, (line.dxf.start[1] + line.dxf.end[1]) / 2)
        for points in hatches:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            assert not (min(xs) + 1e-6 < middle[0] < max(xs) - 1e-6 and min(ys) + 1e-6 < middle[1] < max(ys) - 1e-6)


def test_the_repaired_plan_draws_the_steps_the_raising_prices(tmp_path, catalog):
    # Pekalongan's floor goes from 0,10 m (the sill is the step: none drawn as the house is) to
    # 1,00 m with the repairs: the repaired plan draws the flight the first raising prices, its
    # risers as the bill counts them, and the volume measured off the drawing is the bill's.
    result = run("dxf", EXAMPLES / "pekalongan-rtlh.yaml", "-o", tmp_path / "g")
    assert result.exit_code == 0, result.output
    before = ezdxf.readfile(tmp_path / "g" / "pekalongan-rtlh-ada.dxf").modelspace()
    after = ezdxf.readfile(tmp_path / "g" / "pekalongan-rtlh-perbaikan.dxf").modelspace()
    assert not before.query("LWPOLYLINE[layer=='A-FLOR-STRS']")
    (outline,) = [[tuple(p[:2]) for p in e.get_points()] for e in after.query("LWPOLYLINE[layer=='A-FLOR-STRS']")]
    texts = [t.dxf.text for t in after.query("TEXT[layer=='A-FLOR-STRS']")]
    assert "naik" in texts and "5 x 0,20 m" in texts
    xs, ys = [p[0] for p in outline], [p[1] for p in outline]
    width, run_out = max(xs) - min(xs), max(ys) - min(ys)
    assert run_out == pytest.approx(0.90 + 4 * 0.30)
    plan = plan_household(load_household(EXAMPLES / "pekalongan-rtlh.yaml"), catalog)
    first = next(p for p in plan.improvement.bill.steps[0].packages if p.kind == "raising_1")
    volume = sum(line.quantity for line in first.lines if line.quantity_name == "raise_steps_volume")
    assert volume == pytest.approx(width * (0.90 * 1.0 + 0.30 * 0.20 * 4 * 5 / 2))


@pytest.mark.parametrize("example, roof, floor", [
    # A sound clay-tile roof on timber stays: the section names it, not the new work's default.
    ("pekalongan-rtlh", "genteng tanah liat, rangka kayu", "plester semen"),
    # A leaking clay-tile roof is mended in kind, on the frame it keeps.
    ("madiun-rtlh", "genteng tanah liat, rangka kayu", "plester semen"),
])
def test_the_repaired_section_names_the_roof_and_floor_the_house_will_have(tmp_path, example, roof, floor):
    result = run("dxf", EXAMPLES / f"{example}.yaml", "-o", tmp_path / "g")
    assert result.exit_code == 0, result.output
    msp = ezdxf.readfile(tmp_path / "g" / f"{example}-potongan.dxf").modelspace()
    words = " ".join(" ".join(e.dxf.text if e.dxftype() == "TEXT" else e.text for e in msp.query("TEXT MTEXT")).split())
    assert f"Atap: {roof}, kemiringan" in words
    assert f"Lantai: {floor};" in words
    assert "baja ringan" not in words and "Keramik" not in words


def test_a_repaired_plan_draws_no_steps_it_does_not_price(tmp_path):
    # Madiun's floor stays 0,25 m above the ground: the family has its way in, which the survey
    # does not record and no repair builds; no steps are drawn on any sheet.
    result = run("dxf", EXAMPLES / "madiun-rtlh.yaml", "-o", tmp_path / "g")
    assert result.exit_code == 0, result.output
    for path in (tmp_path / "g").glob("*.dxf"):
        assert not ezdxf.readfile(path).modelspace().query("*[layer=='A-FLOR-STRS']"), path.name


@needs_poppler
def test_the_quote_says_each_note_as_a_sentence(tmp_path):
    # The plan's notes, in the quote's appendix, each a sentence of its own: the raising that
    # lifts the walls too is no longer read as the tail of the note before it.
    path = tmp_path / "q.pdf"
    assert run("quote", EXAMPLES / "pekalongan-rtlh.yaml", "-o", path).exit_code == 0
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Peninggian lantai ke-1 saja akan menyisakan tinggi ruang 2,10 m" in text
    assert "(sudah dihitung dalam peninggian itu)." in text
    # Its repairs use none of the new work's choices (the walls raised are of its own brick): the
    # design is the house as surveyed, not a light-steel roof and ceramic floor it will not get.
    assert "Rumah yang ada (rumah-yang-ada versi 1): rumah sesuai hasil survei. " in text


@pytest.mark.parametrize("frame, said, unsaid", [
    ("timber", "untuk pekerjaan baru atap metal di atas rangka kayu yang ada.", "baja ringan"),
    ("bamboo", "untuk pekerjaan baru atap rangka baja ringan + atap metal, kemiringan 30°.", "rangka kayu"),
])
def test_the_quote_names_only_the_new_works_choices_the_repairs_use(tmp_path, frame, said, unsaid):
    # A house whose only repair is its roof: the sources name the new covering, on the sound
    # timber frame kept, or with the steel frame that replaces a bamboo one; never the new
    # house's floor, ceiling or wall height.
    raw = yaml.safe_load((EXAMPLES / "kendal-rtlh.yaml").read_text(encoding="utf-8"))
    raw["existing_house"]["roof"] = {"covering": "asbestos", "frame": frame, "condition": "damaged"}
    raw["existing_house"]["walls"] = {"material": "brick", "condition": "good"}
    raw["existing_house"]["floor"] = "tile"
    raw["existing_house"]["structure"] = {"foundation": True, "sloof": True, "columns": True, "ring_beam": True}
    raw["existing_house"].update({"toilet": True, "septic_tank": True})
    path = tmp_path / "atap.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    pdf = tmp_path / "q.pdf"
    result = run("quote", path, "-o", pdf)
    assert result.exit_code == 0, result.output
    words = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                    check=True).stdout.split())
    line = words[words.index("Desain rumah:"):words.index("- Harga:")]
    assert said in line and unsaid not in line and "keramik" not in line and "plafon" not in line


def test_the_repaired_section_draws_the_walls_as_high_as_the_raising_builds_them(tmp_path, catalog):
    # Pekalongan's floor goes up 0,90 m with the repairs, and its 3,00 m walls with it, by the
    # band the bill prices: the section marks the new ring beam at the surveyed floor (+0,10) plus
    # the walls and the band, and the rooms' height above the highest floor the plan raises.
    plan = plan_household(load_household(EXAMPLES / "pekalongan-rtlh.yaml"), catalog)
    band = plan.improvement.wall_bands[1]
    ring = 0.10 + 3.00 + band
    result = run("dxf", EXAMPLES / "pekalongan-rtlh.yaml", "-o", tmp_path / "g")
    assert result.exit_code == 0, result.output
    msp = ezdxf.readfile(tmp_path / "g" / "pekalongan-rtlh-potongan.dxf").modelspace()
    texts = {e.dxf.text if e.dxftype() == "TEXT" else e.text for e in msp.query("TEXT MTEXT")}
    assert f"+{i18n.number(ring, 'id')}" in texts
    assert "+3,10" not in texts                                     # the old ring beam's level
    highest = 0.10 + sum(r.height for r, _ in plan.improvement.raisings)
    assert any(d.get_measurement() == pytest.approx(ring - highest) for d in msp.query("DIMENSION"))


def test_the_schedule_of_a_lived_in_house_counts_as_built_only_what_its_repairs_make(kendal_plan):
    """Kendal's house as it is makes nothing; its repairs cut the new windows and build the toilet
    room's door; its own doors and windows stand already (a builder would order them again)."""
    from rumah.documents.sheets import improvement_sheets
    improvement = kendal_plan.improvement
    before, repair, *_ = improvement_sheets(kendal_plan.household, improvement)
    assert sum(row.count for row in before.schedule) > 0 and not any(row.new for row in before.schedule)
    made = len(improvement.new_windows) + (1 if improvement.new_toilet is not None and
                                           improvement.new_toilet.cubicle is not None else 0)
    assert made and sum(row.new for row in repair.schedule) == made


@pytest.mark.parametrize("depth, said", [(7.0, True), (20.0, False)])
def test_a_lived_in_house_whose_new_septic_tank_has_no_room_in_front_is_told(catalog, depth, said):
    from dataclasses import replace

    from rumah.documents.sheets import improvement_sheets
    household = load_household(KENDAL)
    household = replace(household, plot=(8.0, depth))
    plan = plan_household(household, catalog)
    assert "sanitation" in plan.improvement.fixes and not plan.improvement.house.components.septic_tank
    design = plan.improvement.bill.design
    found = [f for kind, f in plan.notes if kind == "septic_off_plot"]
    assert bool(found) == said
    if said:
        # In front of the house: the plot less the house's depth, against the setback and the tank.
        assert found[0]["room"] == pytest.approx(depth - (design.ys[-1] - design.ys[0]))
        assert found[0]["reach"] == pytest.approx(float(design.values["septic_setback"]) + 1.2)
    before, repair, *_ = improvement_sheets(household, plan.improvement)
    # (The notes' lines are the paper's labels, a long one wrapped: its first words suffice.)
    assert not any("tidak muat" in label.text for label in before.labels)
    assert any("tidak muat" in label.text for label in repair.labels) == said


def _dxf_texts(path) -> str:
    doc = ezdxf.readfile(path)
    return " ".join(e.dxf.text if e.dxftype() == "TEXT" else e.text
                    for layout in doc.layouts for e in layout.query("TEXT MTEXT"))


def test_dxf_of_a_house_to_improve_takes_the_command_lines_choices_or_refuses_them(tmp_path):
    # --set overrides the household file's choices for its repairs too (the new walls), as for a
    # new house's; a choice the repairs cannot take is refused naming it, and nothing is written.
    plain = run("dxf", KENDAL, "-o", tmp_path / "a")
    aac = run("dxf", KENDAL, "--set", "wall=aac", "-o", tmp_path / "b")
    assert plain.exit_code == 0 and aac.exit_code == 0, aac.output
    assert "dinding baru: Batako" in _dxf_texts(tmp_path / "a" / "kendal-rtlh-perbaikan.dxf")
    assert "dinding baru: Bata ringan" in _dxf_texts(tmp_path / "b" / "kendal-rtlh-perbaikan.dxf")
    bad = run("dxf", KENDAL, "--set", "wall=bata", "-o", tmp_path / "c")
    assert bad.exit_code == 1 and "--set wall:" in bad.output and "'bata'" in bad.output
    assert "parameters.wall" not in bad.output                  # the file says concrete_block
    # The survey gives the house's own measures: a --set of one would be ignored, so it is refused.
    surveyed = run("dxf", KENDAL, "--set", "plinth_height=0,6", "-o", tmp_path / "c", "--lang", "en")
    assert surveyed.exit_code == 1 and "change existing_house.floor_height in" in surveyed.output
    assert not (tmp_path / "c").exists()


def test_a_choice_a_house_to_improve_cannot_take_names_the_file_and_field(tmp_path):
    raw = KENDAL.read_text(encoding="utf-8").replace("parameters: {wall: concrete_block}", "parameters: {wall: batako}")
    assert "batako" in raw
    path = tmp_path / "salah.yaml"
    path.write_text(raw, encoding="utf-8")
    for command in ("plan", "assess", "dxf"):
        result = run(command, path, *(("-o", tmp_path / "g") if command == "dxf" else ()))
        assert result.exit_code == 1, (command, result.output)
        assert f"{path}: parameters.wall:" in result.output and "'batako'" in result.output


def test_the_criteria_sources_are_in_the_readers_language_and_name_no_project_file():
    # The sources are printed to the family (the assessment, the quote's sources): Indonesian in
    # an Indonesian document, and never a file of this project's own (DOMAIN.md).
    from rumah.plan.assessment import rules
    for rule in rules().values():
        assert "DOMAIN" not in rule.source("id") + rule.source("en")
    indonesian = " ".join(run("assess", EXAMPLES / "pekalongan-rtlh.yaml", "--wide").output.split())
    english = " ".join(run("assess", EXAMPLES / "pekalongan-rtlh.yaml", "--wide", "--lang", "en").output.split())
    assert "kriteria RLH Kementerian PUPR" in indonesian and "criteria" not in indonesian
    assert "PUPR RLH criteria" in english and "praktik pesisir" not in english
