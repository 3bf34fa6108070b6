"""What the commands print for a terminal fits 80 columns (``--wide``: the full width, the same
figures); ``rumah plan`` plans several households; ``--materials --format csv`` is the shopping
list."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli

ROOT = Path(__file__).resolve().parent.parent
KENDAL = str(ROOT / "examples" / "kendal-nelayan.yaml")
MADIUN = str(ROOT / "examples" / "madiun-pabrik.yaml")
RTLH = str(ROOT / "examples" / "kendal-rtlh.yaml")


def run(*args: str) -> str:
    result = CliRunner().invoke(cli.main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def figures(text: str) -> Counter:
    """Every number of a text (1.234.567, 21,00, 4-5 ...), counted."""
    return Counter(re.findall(r"\d[\d.,]*\d|\d", text))


COMMANDS = {
    "bill": ("estimate", "inti-6m", "-r", "kendal"),
    "bill in English": ("estimate", "risha-3x3", "-r", "madiun", "--lang", "en"),
    "shopping list": ("estimate", "inti-6m", "-r", "kendal", "--materials", "--step", "1"),
    "plan": ("plan", KENDAL),
    "plan in English": ("plan", MADIUN, "--lang", "en"),
    "assessment": ("assess", RTLH),
    "template": ("catalog", "show", "inti-6m"),
    "templates": ("catalog", "list"),
    "price lists": ("prices", "list"),
    "prices": ("prices", "show", "pekalongan"),
}


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_output_fits_eighty_columns_and_wide_shows_the_same_figures(args):
    narrow = run(*args)
    assert max(len(line) for line in narrow.splitlines()) <= 80
    wide = run(*args, "--wide")
    assert figures(wide) == figures(narrow)
    assert sorted(wide.split()) == sorted(narrow.split())         # every word, only placed otherwise


def test_wide_tables_are_wider_than_a_terminal():
    assert max(len(line) for line in run("estimate", "inti-6m", "-r", "kendal", "--wide").splitlines()) > 80


def test_plan_takes_several_household_files_one_plan_after_another():
    text = run("plan", KENDAL, MADIUN)
    assert text == run("plan", KENDAL) + "\n" + run("plan", MADIUN)
    assert text.index("Keluarga Bapak Slamet") < text.index("Keluarga Ibu Wulan")


def test_plan_of_several_households_as_json_is_the_list_of_their_plans():
    both = json.loads(run("plan", KENDAL, MADIUN, "--format", "json"))
    assert both == [json.loads(run("plan", KENDAL, "--format", "json")),
                    json.loads(run("plan", MADIUN, "--format", "json"))]


def test_a_bad_household_among_several_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: X\nmembers: 0\nregion: kendal\nincome_monthly: 1000000\ntemplate: inti-6m\n",
                   encoding="utf-8")
    out = tmp_path / "plans.json"
    result = CliRunner().invoke(cli.main, ["plan", KENDAL, str(bad), "--format", "json", "-o", str(out)])
    assert result.exit_code == 1 and f"{bad}: members" in result.output
    assert not out.exists()


def test_materials_as_csv_is_the_shopping_list_whose_totals_add_up():
    text = run("estimate", "inti-6m", "-r", "kendal", "--materials", "--format", "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    kinds = {row["row"] for row in rows}
    assert kinds == {"material", "materials_total", "labour", "total"}    # no bill line
    data = json.loads(run("estimate", "inti-6m", "-r", "kendal", "--format", "json"))
    for step in data["steps"]:
        bought = [r for r in rows if r["row"] == "material" and int(r["step"]) == step["step"]]
        assert [r["code"] for r in bought] == [m["code"] for m in step["materials"]]
        assert [int(r["cost_idr"]) for r in bought] == [m["cost_idr"] for m in step["materials"]]
        subtotal = next(r for r in rows if r["row"] == "materials_total" and int(r["step"]) == step["step"])
        assert int(subtotal["cost_idr"]) == sum(int(r["cost_idr"]) for r in bought)
        days = [r for r in rows if r["row"] == "labour" and int(r["step"]) == step["step"]]
        assert [float(r["needed"].replace(",", ".")) for r in days] == pytest.approx(
            [d["days"] for d in step["labour_days"]], abs=1e-6)
        # Each role and trade once: six rows of "Tukang" told apart by their trade.
        assert len({r["name"] for r in days}) == len(days)
    total = next(r for r in rows if r["row"] == "total")
    assert int(total["cost_idr"]) == sum(int(r["cost_idr"]) for r in rows if r["row"] == "material")
    cement = next(r for r in rows if r["code"] == "cement")
    assert cement["buy"].endswith("sak 50 kg") and "," in cement["needed"]
