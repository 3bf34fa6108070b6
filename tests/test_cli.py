"""The command line, used the way a technician uses it: commands, outputs and every error class."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import cli
from rumah import __version__
from rumah.house.template import template_paths

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str):
    result = CliRunner().invoke(cli.main, list(args))
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert result.exception is None
    else:
        assert isinstance(result.exception, SystemExit), result.exception
    return result


def all_commands(group=cli.main, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))


def test_version():
    assert __version__ in run("--version").output


@pytest.mark.parametrize("path", [p for p, _ in all_commands()], ids=" ".join)
def test_every_command_has_help(path):
    result = run(*path, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output
    command = dict(all_commands())[path]
    assert command.help and len(command.help) > 20


def test_catalog_list_shows_every_template_and_its_growth():
    result = run("catalog", "list")
    assert result.exit_code == 0
    for name in template_paths():
        assert name in result.output
    assert "21 -> 36 -> 45" in result.output and "24,75 -> 33,75 -> 42,75" in result.output


def test_catalog_show_applies_parameters():
    result = run("catalog", "show", "deret-4m5", "--set", "bay_main=3,3", "--format", "json")
    data = json.loads(result.output)
    assert data["parameters"][[p["name"] for p in data["parameters"]].index("bay_main")]["value"] == 3.3
    assert data["party_walls"] == ["left", "right"]
    text = run("catalog", "show", "risha-3x3").output
    assert "Kamar Tidur 1: 3,00 x 3,00 m = 9,00 m²" in text and "wall_height" in text


def test_prices_list_show_and_check():
    listed = run("prices", "list").output
    for region in ("kendal", "pekalongan", "pemalang", "batang", "semarang-kab", "banjar", "madiun",
                   "tangerang", "surakarta", "semarang"):
        assert f"\n{region} " in listed
    shown = json.loads(run("prices", "show", "semarang", "--format", "json").output)
    cement = next(p for p in shown["prices"] if p["code"] == "cement")
    assert cement["price_idr"] == 1200 and not cement["indicative"] and cement["from"] == "semarang-2024"
    checked = run("prices", "check", str(ROOT / "price_lists" / "surakarta-2024.yaml"))
    assert checked.exit_code == 0 and "OK" in checked.output


@pytest.mark.parametrize("region", ["kendal", "blora"])
def test_prices_in_json_carry_no_binary_noise(region):
    # Kendal's and Blora's lists inherit prices through a factor: 60000 x 1.0 must not read
    # 60000.00000000001.  A price per kilogram of a sack's price keeps its fraction.
    shown = json.loads(run("prices", "show", region, "--format", "json").output)
    figures = [p[k] for p in shown["prices"] for k in ("price_idr", "purchase_price_idr")]
    assert all(round(f, 4) == f for f in figures)
    assert all(isinstance(f, int) for f in figures if f == int(f))
    estimate = json.loads(run("estimate", "risha-3x3", "-r", region, "--format", "json").output)
    assert all(round(p["price_idr"], 4) == p["price_idr"] for p in estimate["prices_used"])


@pytest.mark.parametrize("lang, separator, decimal", [("id", ";", ","), ("en", ",", ".")])
def test_prices_show_csv_is_written_as_every_csv_here_in_its_language(lang, separator, decimal):
    import csv
    import io
    shown = json.loads(run("prices", "show", "kendal", "--format", "json").output)
    text = run("prices", "show", "kendal", "--format", "csv", "--lang", lang).output
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=separator))
    assert rows[0] == ["code", "name", "unit", "price_idr", "indicative", "from"]
    prices = {row[0]: float(row[3].replace(decimal, ".")) for row in rows[1:]}
    assert prices == {p["code"]: pytest.approx(p["price_idr"], abs=1e-4) for p in shown["prices"]}
    assert all("e" not in row[3] for row in rows[1:])


def estimate_json(*args):
    result = run("estimate", "inti-6m", "--region", "kendal", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_estimate_json_follows_the_contract_and_adds_up():
    data = estimate_json()
    assert {"template", "region", "price_list", "ahsp_edition", "steps", "total_idr"} <= set(data)
    assert set(data["price_list"]) >= {"id", "year", "source"}
    assert data["region"] == "kendal" and data["ahsp_edition"] == "se-djbk-47-2026"
    for step in data["steps"]:
        assert {"step", "name", "floor_area_m2", "total_floor_area_m2", "quantities", "lines", "total_idr",
                "materials", "labour_days"} <= set(step)
        assert step["total_idr"] == sum(line["amount_idr"] for line in step["lines"])
        for line in step["lines"]:
            assert {"code", "description", "unit", "quantity", "unit_price_idr", "amount_idr"} <= set(line)
            assert isinstance(line["amount_idr"], int) and isinstance(line["unit_price_idr"], int)
        assert step["quantities"]["floor_area"] == {"value": step["floor_area_m2"], "unit": "m2"}
    assert data["total_idr"] == sum(step["total_idr"] for step in data["steps"])
    assert [s["total_floor_area_m2"] for s in data["steps"]] == [21.0, 36.0, 45.0]


def test_estimate_json_names_each_lines_package_and_the_packages_add_up_to_the_step():
    # With overhead too: each package carries its share of it, as the plan prices the package.
    for args in ((), ("--overhead", "0.1")):
        data = estimate_json(*args)
        for step in data["steps"]:
            kinds = [p["package"] for p in step["packages"]]
            assert kinds == ["structure", "enclosure", "finishing"]
            assert sum(p["cost_idr"] for p in step["packages"]) == step["total_idr"]
            for package in step["packages"]:
                assert package["cost_idr"] == package["materials_idr"] + package["labour_idr"] + package["other_idr"]
                mine = [line for line in step["lines"] if line["package"] == package["package"]]
                # Its lines, and its share of the overhead (none without it).
                assert package["cost_idr"] >= sum(line["amount_idr"] for line in mine)
                if not args:
                    assert package["cost_idr"] == sum(line["amount_idr"] for line in mine)
            assert {line["package"] for line in step["lines"]} <= set(kinds) | ({None} if args else set())
            # Whole numbers of the contract's floats are floats all the same.
            assert all(isinstance(q["value"], float) for q in step["quantities"].values())


def test_plan_json_steps_are_the_estimates_steps_with_what_the_plan_reads(monkeypatch):
    monkeypatch.setenv("RUMAH_TODAY", "2027-06-07")
    result = run("plan", str(ROOT / "examples" / "kendal-nelayan.yaml"), "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert plan["month_one"] == "2027-06"
    # The same house priced by the estimate: the same lines, packages and totals.
    estimate = json.loads(run("estimate", plan["template"], "-r", plan["price_list"]["id"], "--set",
                              "plinth_height=0.5", "--labour", "gotong_royong", "--format", "json").output)
    shared = ("step", "floor_area_m2", "total_floor_area_m2", "quantities", "lines", "total_idr")
    assert [{k: s[k] for k in shared} for s in plan["steps"]] == [{k: s[k] for k in shared} for s in estimate["steps"]]
    assert [[{k: v for k, v in p.items() if k != "duration_months"} for p in s["packages"]] for s in plan["steps"]] \
        == [s["packages"] for s in estimate["steps"]]
    for step in plan["steps"]:
        assert step["cost_idr"] == step["total_idr"] == sum(line["amount_idr"] for line in step["lines"])
        assert {"floor_area_m2", "total_floor_area_m2", "quantities", "lines", "packages"} <= set(step)
        assert all(p["duration_months"] >= 1 for p in step["packages"])
    assert plan["total_idr"] == sum(step["total_idr"] for step in plan["steps"])
    assert all(isinstance(row["total_floor_area_m2"], float) for row in plan["schedule"])


def test_plan_json_notes_say_in_words_what_the_table_says(tmp_path):
    # A loan whose instalment is more than the family's money for the house is left out, with a note.
    text = (ROOT / "examples" / "kendal-nelayan.yaml").read_text()
    household = tmp_path / "h.yaml"
    household.write_text(text + "\nloans:\n  - {name: Koperasi, amount: 30000000, annual_rate: 0.12, "
                                "tenor_months: 12}\n")
    data = json.loads(run("plan", str(household), "--format", "json", "--lang", "en").output)
    note = next(n for n in data["notes"] if n["kind"] == "loan_too_big")
    assert note["name"] == "Koperasi" and "Koperasi" in note["text"]
    table = run("plan", str(household), "--lang", "en", "--wide").output
    assert note["text"] in " ".join(table.split())


def test_overhead_line_keeps_the_total_equal_to_the_lines():
    data = estimate_json("--overhead", "0.1")
    for step in data["steps"]:
        assert step["lines"][-1]["code"] == "overhead"
        assert step["total_idr"] == sum(line["amount_idr"] for line in step["lines"])


def test_table_total_equals_json_total_in_indonesian_format():
    total = estimate_json()["total_idr"]
    table = run("estimate", "inti-6m", "--region", "kendal").output
    assert f"TOTAL SELURUH TAHAP: Rp {total:,}".replace(",", ".") in table
    assert "Daftar harga: kendal-2024" in table and "AHSP: se-djbk-47-2026" in table
    english = run("estimate", "inti-6m", "--region", "kendal", "--lang", "en").output
    assert f"TOTAL, ALL STEPS: Rp {total:,}" in english and "Bill of quantities" in english


def test_step_option_prices_one_step():
    data = estimate_json("--step", "2")
    assert [s["step"] for s in data["steps"]] == [2]
    assert data["steps"][0]["total_floor_area_m2"] == 36.0
    assert data["total_idr"] == data["steps"][0]["total_idr"]


def test_csv_opens_in_an_indonesian_spreadsheet_and_adds_up():
    text = run("estimate", "risha-3x3", "--region", "madiun", "--format", "csv").output
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    lines = [r for r in rows if r["row"] == "line"]
    assert any("," in r["quantity"] for r in lines)                   # decimal comma
    float(lines[0]["quantity"].replace(",", "."))
    for total in (r for r in rows if r["row"] == "step_total"):
        assert int(total["amount_idr"]) == sum(int(r["amount_idr"]) for r in lines if r["step"] == total["step"])
    grand = next(r for r in rows if r["row"] == "total")
    assert int(grand["amount_idr"]) == sum(int(r["amount_idr"]) for r in lines)


def test_the_csv_names_each_lines_package_and_the_packages_add_up_to_the_step():
    # With overhead, a package's total is its lines and its share of the step's overhead line: the
    # packages add up to the step, as the plan prices them (what a BSPS tranche's RAB needs).
    text = run("estimate", "inti-6m", "--region", "madiun", "--format", "csv", "--overhead", "0.1").output
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    lines = [r for r in rows if r["row"] == "line" and r["group"] != "overhead"]
    assert {r["package"] for r in lines} == {"structure", "enclosure", "finishing"}
    for total in (r for r in rows if r["row"] == "step_total"):
        packages = [r for r in rows if r["row"] == "package_total" and r["step"] == total["step"]]
        assert sum(int(r["amount_idr"]) for r in packages) == int(total["amount_idr"])
        for package in packages:
            assert package["package"] == ""                              # a SUMIF on package: lines only
            own = sum(int(r["amount_idr"]) for r in lines
                      if r["step"] == total["step"] and r["package"] == package["code"])
            assert own <= int(package["amount_idr"]) <= own * 1.1 + 1        # its share of the 10 %


def test_materials_list_rounds_up_to_purchase_units():
    data = estimate_json("--step", "1")
    cement = next(m for m in data["steps"][0]["materials"] if m["code"] == "cement")
    assert cement["purchase_unit"] == "sak_50kg"
    # AHSP cement coefficients include losses: no allowance on top, whole sacks for what is needed.
    assert cement["waste"] == 0
    assert cement["count"] * 50 >= cement["needed"] > (cement["count"] - 1) * 50
    assert cement["bought"] == cement["count"] * 50
    assert cement["purchase"] == [{"unit": "sak_50kg", "count": cement["count"]}]
    assert cement["cost_idr"] == cement["count"] * cement["unit_price_idr"]
    for entry in data["steps"][0]["materials"]:
        # Both in the base unit: what the work takes, and what the units bought hold.
        assert entry["bought"] >= entry["needed"] * (1 + entry["waste"]) - 1e-9, entry["code"]
    trades = {d["trade"] for d in data["steps"][0]["labour_days"] if d["code"] == "L.02"}
    assert {"batu", "kayu", "besi", "cat"} <= trades
    text = run("estimate", "inti-6m", "-r", "kendal", "--materials", "--step", "1").output
    assert "sak 50 kg" in text and "Hari kerja" in text


def test_output_file_is_written_whole(tmp_path):
    out = tmp_path / "rab.json"
    result = run("estimate", "inti-6m", "-r", "kendal", "--format", "json", "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["total_idr"] > 0
    assert [p.name for p in tmp_path.iterdir()] == ["rab.json"]


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


PRICE_HEAD = "id: {id}\nregion: {name: Uji}\nyear: 2025\ncurrency: IDR\nsource: test\ncollected: '2025'\n"


@pytest.mark.parametrize("args, message", [
    (["estimate", "inti-6", "-r", "kendal"], "unknown template 'inti-6'; did you mean 'inti-6m'"),
    (["estimate", "inti-6m", "-r", "kendall"], "unknown region 'kendall'; did you mean 'kendal'"),
    (["estimate", "inti-6m", "-r", "kendal", "--set", "wall_height=9"], "expected 2.8 to 3.6 m, found 9 m"),
    (["estimate", "inti-6m", "-r", "kendal", "--set", "wal=aac"], "did you mean 'wall'"),
    (["estimate", "inti-6m", "-r", "kendal", "--set", "wall=bamboo"], "unknown choice 'bamboo'"),
    (["estimate", "inti-6m", "-r", "kendal", "--ahsp", "sni-2009"], "did you mean 'sni-2008'"),
    (["estimate", "inti-6m", "-r", "kendal", "--step", "7"], "unknown build step '7'"),
    (["catalog", "show", "risa-3x3"], "did you mean 'risha-3x3'"),
    (["prices", "show", "pekalogan"], "did you mean 'pekalongan'"),
])
def test_bad_names_and_values_exit_1_with_a_suggestion(args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output


@pytest.mark.parametrize("name, body, message", [
    ("broken-2025", "id: broken-2025\nprices:\n  cement: [1,\n", "line 4"),
    ("units-2025", PRICE_HEAD + "extends: surakarta-2024\nprices:\n  cement: {price: 60000, unit: sack}\n",
     "unit 'sack' does not convert to kg"),
    ("negative-2025", PRICE_HEAD + "extends: surakarta-2024\nprices:\n  brick_red: {price: -400, unit: piece}\n",
     "prices.brick_red.price: expected a number greater than 0 IDR, found -400"),
    ("short-2025", PRICE_HEAD + "prices:\n  cement: {price: 1200, unit: kg}\n", "no price for resource"),
    ("typo-2025", PRICE_HEAD + "extends: surakarta-2024\nprices:\n  bata_merah: {price: 500, unit: piece}\n",
     "unknown resource 'bata_merah'"),
])
def test_bad_price_list_files_exit_1_and_write_nothing(tmp_path, name, body, message):
    path = write(tmp_path, f"{name}.yaml", body.replace("{id}", name))
    out = tmp_path / "out.json"
    out.write_text("previous", encoding="utf-8")
    result = run("estimate", "inti-6m", "-r", path, "--format", "json", "-o", str(out))
    assert result.exit_code == 1, result.output
    assert message in result.output and path in result.output
    assert out.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"{name}.yaml", "out.json"])


def test_prices_check_names_missing_prices(tmp_path):
    body = PRICE_HEAD.replace("{id}", "short-2025") + "prices:\n  cement: {price: 1200, unit: kg}\n"
    path = write(tmp_path, "short-2025.yaml", body)
    result = run("prices", "check", path)
    assert result.exit_code == 1 and "missing" in result.output and "brick_red" in result.output


def test_ahsp_file_missing_a_work_item_is_refused(tmp_path):
    path = write(tmp_path, "tiny.yaml", "edition: tiny\ntitle: t\nyear: 2026\nsource: s\nitems:\n"
                 "  excavation: {code: '1', description: d, unit: m3, lines: [{resource: L.01, coefficient: 1}]}\n")
    result = run("estimate", "inti-6m", "-r", "kendal", "--ahsp", path)
    assert result.exit_code == 1 and "unknown work item" in result.output


def test_unreadable_inputs_and_outputs_exit_1(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert "is a folder" in run("estimate", "inti-6m", "-r", str(folder)).output
    missing = tmp_path / "nowhere" / "rab.txt"
    result = run("estimate", "inti-6m", "-r", "kendal", "-o", str(missing))
    assert result.exit_code == 1 and "does not exist" in result.output and not missing.parent.exists()


def test_usage_errors_exit_2():
    assert run("estimate", "inti-6m").exit_code == 2                       # --region missing
    assert run("estimate", "inti-6m", "-r", "kendal", "--set", "wall").exit_code == 2
    assert run("estimate", "inti-6m", "-r", "kendal", "--format", "xls").exit_code == 2


def test_python_dash_m_runs_the_same_cli_without_traceback():
    ok = subprocess.run([sys.executable, "-m", "rumah", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and __version__ in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "rumah", "estimate", "inti-6m", "-r", "kendall"],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "did you mean 'kendal'" in bad.stderr


def test_lang_before_the_command_is_the_commands():
    madiun = str(Path(__file__).resolve().parents[1] / "examples" / "madiun-pabrik.yaml")
    after = CliRunner().invoke(cli.main, ["plan", madiun, "--lang", "en"])
    for args in (["--lang", "en", "plan", madiun], ["--lang=en", "plan", madiun]):
        before = CliRunner().invoke(cli.main, args)
        assert before.exit_code == 0 and before.output == after.output
    assert "Staged build plan" in after.output
    # Before a group, --help or --version it sets the messages' language only.
    for args in (["--lang", "en", "--help"], ["--lang=en", "--version"], ["--lang", "en", "prices"],
                 ["--lang", "en", "register", "--help"]):
        result = CliRunner().invoke(cli.main, args, env={"LANG": "id_ID.UTF-8", "LANGUAGE": ""})
        assert "No such option" not in result.output, (args, result.output)
        if "--help" in args or "--version" in args:
            assert result.exit_code == 0
    help_text = CliRunner().invoke(cli.main, ["--lang", "en", "--help"], env={"LANG": "id_ID.UTF-8", "LANGUAGE": ""})
    assert "Staged self-help house designs" in help_text.output
    # Anywhere before the command's name too: after the program's own options, or after a group's.
    listed = CliRunner().invoke(cli.main, ["catalog", "list", "--lang", "en"]).output
    for args in (["--help", "--lang", "en"], ["catalog", "--lang", "en", "list"], ["register", "--lang=en", "--help"]):
        result = CliRunner().invoke(cli.main, args, env={"LANG": "id_ID.UTF-8", "LANGUAGE": ""})
        assert result.exit_code == 0 and "No such option" not in result.output, (args, result.output)
    assert CliRunner().invoke(cli.main, ["catalog", "--lang", "en", "list"]).output == listed
    assert "Growing core house" in listed
    assert "Staged self-help house designs" in CliRunner().invoke(
        cli.main, ["--help", "--lang", "en"], env={"LANG": "id_ID.UTF-8", "LANGUAGE": ""}).output


@pytest.mark.parametrize("lang, said", [("en", "no such file"), ("id", "berkas tidak ada")])
def test_lang_after_a_command_without_documents_sets_its_messages(tmp_path, lang, said):
    # register add, register backup and desk user add write no document in a language: --lang
    # after their names sets the language of what they say, as it does before them.
    for at in ([], ["--lang", lang]), (["--lang", lang], []):
        args = [*at[0], "register", "add", str(tmp_path / "tidak-ada.yaml"), "--by", "Sari", *at[1],
                "--db", str(tmp_path / "r.sqlite")]
        result = CliRunner().invoke(cli.main, args, env={"LANG": "C.UTF-8", "LANGUAGE": ""})
        assert result.exit_code == 1 and said in result.output, (args, result.output)


def test_rumah_today_fixes_the_plans_month_and_a_bad_one_is_refused(monkeypatch):
    # The same household planned as of two days a year apart: its plan starts a year later and its
    # prices (the Madiun list's, of 2024) have risen for a year more.
    household = str(ROOT / "examples" / "madiun-pabrik.yaml")
    totals = []
    for day in ("2026-12-07", "2027-12-07"):
        monkeypatch.setenv("RUMAH_TODAY", day)
        result = run("plan", household, "--format", "json")
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["prices_month"] == "2024-07"
        totals.append((data["total_idr"], data["total_at_month_one_idr"]))
    (bill, before), (same, after) = totals
    assert bill == same and after == round(bill * 1.03 ** (41 / 12)) and before == round(bill * 1.03 ** (29 / 12))
    monkeypatch.setenv("RUMAH_TODAY", "7-12-2026")
    result = run("plan", household)
    assert result.exit_code == 1
    assert "RUMAH_TODAY: expected a date as YYYY-MM-DD, found '7-12-2026'" in result.output


def test_the_estimate_of_a_row_house_says_what_it_assumes_of_the_party_walls():
    # deret-4m5's default has the neighbour pay half of each shared wall (about Rp 11 juta of the
    # Madiun house): the estimate says so, with the share given; a detached house says nothing.
    half = run("estimate", "deret-4m5", "-r", "madiun", "--lang", "en", "--wide").output
    whole = run("estimate", "deret-4m5", "-r", "madiun", "--lang", "en", "--wide", "--set", "party_share=1").output
    assert "Party walls: this house pays 50 % of the foundation" in half
    assert "Party walls: this house pays 100 % of the foundation" in whole
    assert "Party walls" not in run("estimate", "inti-6m", "-r", "madiun", "--lang", "en", "--wide").output


@pytest.mark.parametrize("args, said", [
    (["plan", "inti-6m"], "inti-6m: a house type, not a household file: 'rumah estimate inti-6m -r REGION' prices it"),
    (["quote", "inti-6m", "-o", "q.pdf"], "inti-6m: a house type, not a household file"),
    (["plan", "{examples}/households.csv"], "households.csv: a table of households, not one household's file: "
                                            "'rumah batch"),
    (["batch", "{examples}/kendal-nelayan.yaml", "-o", "x.csv"], "kendal-nelayan.yaml: a household file: 'rumah plan"),
    (["estimate", "{examples}/kendal-nelayan.yaml", "-r", "kendal"], "this command takes a house type"),
    (["estimate", "{examples}/households.csv", "-r", "kendal"], "households.csv: a table of households"),
    (["plan", "{root}/catalog/templates/inti-6m.yaml"], "inti-6m.yaml: a house type's file: 'rumah estimate"),
    (["batch", "{root}/catalog/templates/inti-6m.yaml", "-o", "x.csv"], "inti-6m.yaml: a house type's file"),
])
def test_a_file_of_another_kind_is_told_which_command_takes_it(tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    examples = str(ROOT / "examples")
    result = run(*[a.format(examples=examples, root=ROOT) for a in args], "--lang", "en")
    assert result.exit_code == 1 and said in result.output
    assert not list(tmp_path.iterdir())


def test_parameter_units_are_written_as_people_write_them():
    shown = run("catalog", "show", "deret-4m5", "--lang", "en", "--wide").output
    pitch = next(line for line in shown.splitlines() if line.startswith("roof_pitch"))
    share = next(line for line in shown.splitlines() if line.startswith("party_share"))
    assert "10 to 45°" in pitch and "deg" not in pitch
    assert "0.5 to 1 " in share + " " and "fraction" not in share
    refused = run("estimate", "inti-6m", "-r", "kendal", "--set", "roof_pitch=60", "--lang", "en")
    assert refused.exit_code == 1 and "expected 10 to 45°, found 60°" in refused.output


def test_a_parameter_written_with_its_unit_reads_and_a_bad_one_says_the_unit_as_shown():
    with_sign = run("estimate", "inti-6m", "-r", "kendal", "--set", "roof_pitch=35°", "--format", "json")
    plain = run("estimate", "inti-6m", "-r", "kendal", "--set", "roof_pitch=35", "--format", "json")
    assert with_sign.exit_code == 0 and with_sign.output == plain.output
    bad = run("estimate", "inti-6m", "-r", "kendal", "--set", "roof_pitch=abc", "--lang", "en")
    assert bad.exit_code == 1 and "expected a number in °, found 'abc'" in bad.output
    share = run("estimate", "deret-4m5", "-r", "kendal", "--set", "party_share=x", "--lang", "en")
    assert share.exit_code == 1 and "expected a number, found 'x'" in share.output


def test_assess_json_names_the_household_region_and_price_list_as_the_plan_does(tmp_path):
    # The file names its district by its price list's id: both say the district and the same list.
    text = (ROOT / "examples" / "kendal-rtlh.yaml").read_text()
    assert "\nregion: kendal\n" in text
    household = tmp_path / "h.yaml"
    household.write_text(text.replace("\nregion: kendal\n", "\nregion: kendal-2024\n"))
    assessed = json.loads(run("assess", str(household), "--format", "json").output)
    planned = json.loads(run("plan", str(household), "--format", "json").output)
    assert assessed["region"] == planned["region"] == "kendal"
    assert assessed["price_list"] == planned["price_list"]
    assert assessed["household"] == {"name": planned["household"]["name"], "members": planned["household"]["members"]}
