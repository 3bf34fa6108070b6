"""rumah batch: many households from a CSV, in order, resumable, on a pool or a Dask cluster."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from rumah.output import write_atomic
from rumah.plan.household import bundled_names
from rumah.plan.planner import STATUSES
from rumah.program.batch import RESULT_COLUMNS, run_batch, summarize
from rumah.program.synthetic import FIELDS, households

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "households.csv"


def run(*args):
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def read(path: Path, delimiter: str = ",") -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream, delimiter=delimiter))


def synthetic(path: Path, count: int, seed: int = 5) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(households(count, seed))
    return path


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    result = run("batch", EXAMPLE, "-o", folder / "out.csv", "--summary", folder / "summary.json",
                 "--workers", 1)
    assert result.exit_code == 0, result.output
    return folder, result


def test_one_row_per_input_row_in_order(example):
    folder, _ = example
    source, results = read(EXAMPLE), read(folder / "out.csv")
    assert len(source) >= 50
    assert [r["id"] for r in results] == [r["id"] for r in source]
    assert [int(r["row"]) for r in results] == list(range(2, len(source) + 2))
    assert list(results[0]) == list(RESULT_COLUMNS)
    assert len({r["region"] for r in source}) >= 8


def test_bad_rows_are_reported_with_their_number_and_do_not_stop_the_run(example):
    folder, result = example
    results = read(folder / "out.csv")
    invalid = [r for r in results if r["status"].startswith("invalid: ")]
    assert 3 <= len(invalid) < len(results) / 4
    reasons = {r["id"]: r["status"] for r in invalid}
    # The rows made wrong on purpose (README: six of them, ids X...) are those refused, and only those.
    assert set(reasons) == {r["id"] for r in results if r["id"].startswith("X")} and len(reasons) == 6
    assert "members" in reasons["X0000001"]
    # The results are in Indonesian (no --lang), the reasons too, whatever the computer's language.
    assert reasons["X0000002"] == "invalid: region: daerah 'kendall' tidak dikenal; maksudnya 'kendal'?"
    for r in invalid:
        # Said on the terminal too, by row, in the reader's language (test_the_terminal_hears_...).
        assert f"row {r['row']}: invalid: " in result.output
    valid = [r for r in results if not r["status"].startswith("invalid")]
    assert {r["status"] for r in valid} <= set(STATUSES)
    assert all(int(r["total_cost_idr"]) > 0 for r in valid)


def test_an_invalid_rows_reason_is_in_the_language_of_the_results(tmp_path):
    """A reason is part of the results: in --lang's language (Indonesian unless asked), not the
    computer's, whether the row is refused while read (cells missing) or while planned."""
    source = tmp_path / "h.csv"
    source.write_text("id,name,members,region,income_monthly,template\nA,Ani,4,kendall,2500000,inti-6m\nB,4\n",
                      encoding="utf-8")
    expected = {"id": ["invalid: region: daerah 'kendall' tidak dikenal; maksudnya 'kendal'?",
                       "invalid: seharusnya 6 sel, ada 2"],
                "en": ["invalid: region: unknown region 'kendall'; did you mean 'kendal'?",
                       "invalid: expected 6 cells, found 2"]}
    for lang, locale in (("id", "C"), ("en", "id_ID.UTF-8")):
        out = tmp_path / f"out-{lang}.csv"
        result = CliRunner().invoke(cli.main, ["batch", str(source), "-o", str(out), "--workers", "1", "--lang", lang],
                                    env={"LANG": locale, "LANGUAGE": ""})
        assert result.exit_code == 0, result.output
        assert [r["status"] for r in read(out)] == expected[lang]
    # Without --lang the results are Indonesian, on an English computer too.
    result = CliRunner().invoke(cli.main, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--workers", "2"],
                                env={"LANG": "C", "LANGUAGE": ""})
    assert result.exit_code == 0, result.output
    assert [r["status"] for r in read(tmp_path / "out.csv")] == expected["id"]


GOOD_ROW = {"id": "B1", "name": "Keluarga Baik", "members": "4", "region": "kendal", "income_monthly": "2500000",
            "savings": "1000000", "template": "inti-6m"}


def test_a_family_its_house_type_never_houses_is_given_the_types_that_can(tmp_path):
    """Six in deret-4m5 (42,75 m2 whole, 43,2 needed): the row names the house types `rumah plan`
    names, from the step after which each can house them; seven, whom no bundled type can house,
    get none; a family the type houses, nothing.  A program office could not act on the first
    rows (a review): their status said only never livable."""
    from rumah.plan.household import parse_household
    from rumah.plan.planner import plan_household
    from rumah.program.batch import row_to_household
    from rumah.schema import Where
    rows = [GOOD_ROW | {"id": f"m{members}", "members": str(members), "template": "deret-4m5"} for members in (6, 7, 3)]
    source = tmp_path / "h.csv"
    with source.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert run("batch", source, "-o", tmp_path / "out.csv", "--workers", 1).exit_code == 0
    found = {r["id"]: (r["status"], r["house_types"]) for r in read(tmp_path / "out.csv")}
    plan = plan_household(parse_household(row_to_household(rows[0]), Where("row")))
    named = " ".join(f"{a.template}:{a.step}" for a in plan.alternatives)
    assert named and "deret-4m5" not in named
    assert found == {"m6": ("never_livable", named), "m7": ("never_livable", "none"), "m3": ("livable", "")}


def test_a_plot_size_says_whether_the_whole_house_fits_it(tmp_path):
    """A program office learns which house types are larger than the families' plots: the row
    says so as `rumah plan` of the same household notes it (the whole house's footprint against
    the plot, a decimal comma read as Indonesian spreadsheets write it), and the summary counts
    them among the rows that give a plot size."""
    from rumah.house.design import fits_plot
    from rumah.house.template import load_template
    from rumah.plan.household import parse_household
    from rumah.plan.planner import plan_household
    from rumah.program.batch import row_to_household
    from rumah.schema import Where
    rows = [GOOD_ROW | {"id": "small", "plot_width_m": "5,5", "plot_depth_m": "12"},
            GOOD_ROW | {"id": "roomy", "plot_width_m": "10", "plot_depth_m": "15"},
            GOOD_ROW | {"id": "shallow", "plot_width_m": "8", "plot_depth_m": "7.4"},
            GOOD_ROW | {"id": "no-steps", "plot_width_m": "8", "plot_depth_m": "8"},
            GOOD_ROW | {"id": "unsaid", "plot_width_m": "", "plot_depth_m": ""}]
    source = tmp_path / "h.csv"
    with source.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = run("batch", source, "-o", tmp_path / "out.csv", "--summary", tmp_path / "s.json", "--workers", 1)
    assert result.exit_code == 0, result.output
    found = {r["id"]: r["fits_plot"] for r in read(tmp_path / "out.csv")}
    for row in rows[:4]:
        household = parse_household(row_to_household(row), Where("row"))
        plan = plan_household(household)
        assert household.plot == (float(row["plot_width_m"].replace(",", ".")), float(row["plot_depth_m"]))
        fits = fits_plot(load_template("inti-6m"), plan.bill.design.site_footprint, household.plot)
        assert found[row["id"]] == ("yes" if fits else "no")
        assert fits != any(key == "plot_too_small" for key, _ in plan.notes)
    # inti-6m is 6 m wide and 7,5 m deep whole, and its front steps reach 1,275 m out from the
    # wall's centre line (0,30 m floor: a 0,90 m landing and one 0,30 m tread, half a 0,15 m
    # wall): 5,5 m is too narrow, 7,4 m too shallow, 8 m too shallow for the steps.
    assert found == {"small": "no", "roomy": "yes", "shallow": "no", "no-steps": "no", "unsaid": ""}
    assert json.loads((tmp_path / "s.json").read_text())["plots"] == {"given": 4, "too_small": 3}


@pytest.mark.parametrize("cells, reason", [
    ({"grant_name": "BSPS", "grant_kind": "bsps", "grant_amount": "", "grant_month": "3"},
     "grant_amount: expected a value, found an empty cell"),
    ({"grant_name": "BSPS", "grant_kind": "bsps", "grant_month": "3"},
     "grant_amount: expected a value, found no such column"),
    ({"grant2_name": "Desa", "grant2_month": "3"}, "grant2_amount: expected a value, found no such column"),
    ({"loan_name": "KUR", "loan_amount": "10000000", "loan_rate": "6", "loan_tenor": "36"},
     "loan_rate: expected a number of at most 0.6, found 6"),
    ({"loan2_name": "KUR", "loan2_amount": "10000000", "loan2_rate": "0.06", "loan2_tenor": " "},
     "loan2_tenor: expected a value, found an empty cell"),
    ({"loan2_name": "KUR", "loan2_amount": "10000000", "loan2_rate": "0.06"},
     "loan2_tenor: expected a value, found no such column"),
    ({"region": ""}, "region: expected a value, found an empty cell"),
    ({"adults": "dua"}, "adults: expected a whole number"),
    ({"adults": "2", "children": "3"}, "adults + children: adults + children = 5, but members = 4"),
    ({"param_plinth_height": "abc"}, "param_plinth_height: template inti-6m: parameter 'plinth_height': expected a "
                                     "number in m, found 'abc'"),
    ({"flood_last_height_m": "0.4"}, "flood_subsidence_cm_per_year: expected a value, found no such column"),
    # (deret-4m5's own: another house type has it, so only this row is wrong.)
    ({"param_bay_main": "3.0"}, "param_bay_main: template inti-6m: unknown parameter 'bay_main'"),
    ({"income_monthly": "-2500000"}, "income_monthly: expected an amount greater than 0, found '-2500000'"),
    ({"savings": "-1.000"}, "savings: expected an amount of 0 or more, found '-1.000'"),
    ({"plot_width_m": "lebar", "plot_depth_m": "12"}, "plot_width_m: expected a number in m, found 'lebar'"),
    # Half a plot size fits no house: said, not left out.
    ({"plot_width_m": "8", "plot_depth_m": ""}, "plot_depth_m: expected a value, found an empty cell"),
    ({"plot_depth_m": "12"}, "plot_width_m: expected a value, found no such column"),
])
def test_a_bad_cell_is_named_by_its_column(tmp_path, cells, reason):
    """The office fixes a CSV, not a household file: a bad or empty cell is named by its column,
    not by the place it takes in a household file (grants[0].amount)."""
    row = GOOD_ROW | cells
    source = tmp_path / "h.csv"
    with source.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, list(row), lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
    result = run("batch", source, "-o", tmp_path / "out.csv", "--workers", 1, "--lang", "en")
    assert result.exit_code == 0, result.output
    status = read(tmp_path / "out.csv")[0]["status"]
    assert status.startswith(f"invalid: {reason}"), status


def test_summary_totals_are_the_sums_of_the_rows(example):
    folder, _ = example
    rows = read(folder / "out.csv")
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    valid = [r for r in rows if not r["status"].startswith("invalid")]
    assert summary["households"] == len(rows)
    assert summary["status"]["invalid"] == len(rows) - len(valid)
    # The whole houses of those their house type never houses (new houses) are counted apart.
    unhoused = [r for r in valid if r["status"] == "never_livable" and not r["assessment_failing"]]
    assert unhoused
    assert summary["total_cost_never_livable_idr"] == sum(int(r["total_cost_idr"]) for r in unhoused) > 0
    assert summary["total_cost_idr"] == sum(int(r["total_cost_idr"]) for r in valid if r not in unhoused)
    for group in ("by_region", "by_template"):
        assert sum(g["total_cost_idr"] for g in summary[group].values()) == summary["total_cost_idr"]
        assert sum(g["total_cost_never_livable_idr"] for g in summary[group].values()) == \
            summary["total_cost_never_livable_idr"]
    assert summary["grants_idr"] == sum(int(r["grants_idr"]) for r in valid)
    # Every Rupiah of the grants is accounted for: used, lost, cash, or waiting for another house type.
    assert summary["grants_idr"] == summary["grants_used_idr"] + summary["grants_lost_idr"] + \
        summary["grants_cash_idr"] + summary["grants_not_planned_idr"]
    assert summary["grants_not_planned_idr"] == sum(int(r["grants_idr"]) for r in valid
                                                   if r["status"] == "never_livable") > 0
    planned = sum(int(r["planned_cost_idr"]) for r in valid)
    assert summary["planned_spending_idr"] == planned == sum(summary["spending_by_month_idr"])
    assert sum(summary["spending_by_year_idr"]) == planned
    livable = [r for r in valid if r["livable_month"]]
    assert summary["livable_by_month"][-1] == summary["livable"]["households"] == len(livable)
    assert summary["cannot_start"]["missing_idr"] == sum(int(r["shortfall_idr"] or 0) for r in valid)
    assert summary["livable_by_month"] == sorted(summary["livable_by_month"])


def test_a_district_is_one_however_its_rows_name_it_and_each_row_says_its_sources(tmp_path, monkeypatch):
    """KENDAL, kendal-2024 and "Kendal " are one district, priced from one list; the row names the
    list, the AHSP edition and the calendar month of its plan month 1 (its start_month, or this
    month), and the summary counts them, with where the list's prices come from."""
    from rumah.cost.estimate import load_catalog
    from rumah.cost.prices import load_price_list
    monkeypatch.setenv("RUMAH_TODAY", "2026-12-07")
    path = tmp_path / "kendal.csv"
    path.write_text("name,members,region,income_monthly,template,start_month\n"
                    "A,4,KENDAL,3000000,inti-6m,\nB,4,kendal-2024,3000000,inti-6m,2027-03\n"
                    "C,4,Kendal ,3000000,risha-3x3,\nD,4,surakarta,3000000,risha-3x3,\n", encoding="utf-8")
    run_batch(path, tmp_path / "out.csv", workers=1)
    rows = read(tmp_path / "out.csv")
    catalog = load_catalog(None)
    assert [(r["region"], r["price_list"], r["ahsp"], r["month_one"]) for r in rows] == [
        ("kendal", "kendal-2024", catalog.edition.edition, "2026-12"),
        ("kendal", "kendal-2024", catalog.edition.edition, "2027-03"),
        ("kendal", "kendal-2024", catalog.edition.edition, "2026-12"),
        ("surakarta", "surakarta-2024", catalog.edition.edition, "2026-12")]
    summary = summarize(tmp_path / "out.csv")
    assert {name: group["households"] for name, group in summary["by_region"].items()} == \
        {"kendal": 3, "surakarta": 1}
    assert summary["month_one"] == {"2026-12": 3, "2027-03": 1}
    assert summary["ahsp_editions"] == {catalog.edition.edition: 4}
    kendal = load_price_list("kendal-2024", catalog.resources)
    assert summary["price_lists"]["kendal-2024"] == {
        "households": 3, "region_name": kendal.region_name, "year": kendal.year, "source": kendal.source,
        "collected": kendal.collected, "extends": kendal.extends,
        "unknown_factors": [f"{link.list_id} -> {link.extends}" for link in kendal.unknown_factors]}
    assert summary["price_lists"]["kendal-2024"]["unknown_factors"]
    assert summary["price_lists"]["surakarta-2024"]["unknown_factors"] == []
    # An office's own list, of the bundled one's id, beside the CSV: counted apart, by its file,
    # not described as the bundled list.
    (tmp_path / "kendal-2024.yaml").write_text(
        "id: kendal-2024\nregion: {name: Kabupaten Kendal, bps_code: '3324', province: Jawa Tengah}\n"
        "year: 2024\ncurrency: IDR\nsource: Daftar harga kantor\ncollected: '2024'\nextends: surakarta-2024\n"
        "factor: 1.2\nfactor_source: survei kantor 2024\nprices: {}\n", encoding="utf-8")
    path.write_text("name,members,region,income_monthly,template\nA,4,kendal-2024.yaml,3000000,inti-6m\n"
                    "B,4,kendal,3000000,inti-6m\n", encoding="utf-8")
    run_batch(path, tmp_path / "own.csv", workers=1)
    assert [r["price_list"] for r in read(tmp_path / "own.csv")] == ["kendal-2024.yaml", "kendal-2024"]
    lists = summarize(tmp_path / "own.csv")["price_lists"]
    assert lists["kendal-2024.yaml"] == {"households": 1} and lists["kendal-2024"]["households"] == 1


def test_more_grants_go_to_a_family_once_though_it_is_listed_twice(tmp_path):
    """--grants 2, where the family a trial grant helps most is listed on two rows (the same id):
    one grant goes to it, the other to the family it goes to when the list has it once."""
    rows = [row for row in households(300, 11) if not row["grant_name"]]

    def chosen(listed: list[dict], name: str) -> list[str]:
        path = tmp_path / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, FIELDS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(listed)
        run_batch(path, tmp_path / f"{name}-out.csv", workers=1, trial=True)
        results = read(tmp_path / f"{name}-out.csv")
        scenario = summarize(tmp_path / f"{name}-out.csv", grants=2)["grant_effect"]["scenario"]
        return [results[number - 2]["id"] for number in scenario["rows_for_60"]]

    once = chosen(rows, "once")
    assert len(once) == 2
    # Both families listed again: without the rule, the one helped most would take both grants.
    again = [row for row in rows if row["id"] in once]
    assert sorted(chosen(rows + again, "twice")) == sorted(once)


def test_a_row_is_planned_exactly_like_the_household_file(tmp_path):
    """The Madiun example household, flattened into a CSV row, gives the figures of rumah plan."""
    path = tmp_path / "one.csv"
    path.write_text("name;members;adults;children;region;income_monthly;housing_share;savings;loan_name;loan_amount;"
                    "loan_rate;loan_tenor;loan2_name;loan2_amount;loan2_rate;loan2_tenor;template;param_wall;"
                    "labour;horizon_months\n"
                    "Keluarga Ibu Wulan;3;2;1;madiun;4.300.000;0,30;6.000.000;KUR Mikro;25000000;6%;60;"
                    "Koperasi pabrik;10000000;0,12;24;risha-3x3;concrete_block;paid;120\n", encoding="utf-8")
    run_batch(path, tmp_path / "out.csv", workers=1)
    row = read(tmp_path / "out.csv", ";")[0]
    plan = json.loads(run("plan", ROOT / "examples" / "madiun-pabrik.yaml", "--format", "json").output)
    assert row["status"] == plan["status"] == "livable"
    # The whole house at plan month 1's prices: the Madiun list's (of 2024) risen to it.
    assert int(row["total_cost_idr"]) == plan["total_at_month_one_idr"] > plan["total_idr"]
    assert plan["prices_month"] == "2024-07"
    assert int(row["livable_month"]) == plan["livable_month"]
    assert int(row["naive_livable_month"]) == plan["naive"]["livable_month"]
    assert int(row["loan_month"]) == plan["loan"]["month"] and row["loan_name"] == plan["loan"]["name"]
    assert row["schedule"] == " ".join(f"{s['step']}:{s['package']}:{s['month']}:{s['cost_idr']}"
                                       for s in plan["schedule"])
    for s in plan["schedule"]:
        assert int(row[f"step{s['step']}_{s['package']}_month"]) == s["month"]
    assert int(row["first_step_month"]) == plan["first_work_month"] == plan["schedule"][0]["month"]
    assert int(row["budget_monthly_idr"]) == plan["household"]["budget_monthly_idr"]


def test_each_price_list_and_house_type_is_read_once_and_prices_as_alone(tmp_path, monkeypatch):
    """Houses of several types and choices in one district share its list, read once, and each
    house type is read once; each is priced as a household file of its own is (the same bill, to
    the Rupiah)."""
    import rumah.yamlio
    from rumah.cost.estimate import load_catalog
    from rumah.plan.household import parse_household
    from rumah.plan.planner import price_household
    from rumah.program.batch import Planner
    from rumah.schema import Where

    reads: list[str] = []
    original = rumah.yamlio.load_yaml
    monkeypatch.setattr(rumah.yamlio, "load_yaml", lambda path: reads.append(Path(path).name) or original(path))
    for module in ("rumah.cost.prices", "rumah.house.template"):
        monkeypatch.setattr(f"{module}.load_yaml", rumah.yamlio.load_yaml)
    planner = Planner()
    houses = [parse_household({"name": "K", "members": 4, "region": "madiun", "income_monthly": 3_000_000,
                               "template": template, "parameters": parameters}, Where(f"row {n}"))
              for n, (template, parameters) in enumerate([("inti-6m", {}), ("risha-3x3", {}),
                                                          ("inti-6m", {"wall": "concrete_block"}),
                                                          ("deret-4m5", {}), ("risha-3x3", {"plinth_height": 0.5})])]
    bills = [planner.price(houses[0]).bill]
    assert {"madiun-2024.yaml", "inti-6m.yaml"} <= set(reads)
    # After the first house, only the house types not met yet are read.
    reads.clear()
    bills += [planner.price(house).bill for house in houses[1:]]
    assert sorted(reads) == ["deret-4m5.yaml", "risha-3x3.yaml"]
    monkeypatch.undo()
    for house, bill in zip(houses, bills):
        alone = price_household(house, load_catalog(house.ahsp)).bill
        assert [(line.code, line.amount) for step in bill.steps for line in step.lines] == \
            [(line.code, line.amount) for step in alone.steps for line in step.lines]
        assert bill.total == alone.total


def test_a_row_naming_a_household_file_as_its_house_is_planned_as_that_file(tmp_path):
    """examples/rtlh.csv's first row is the Kendal family of kendal-rtlh.yaml, naming that file as
    its house: the file's choices (concrete block walls) and plot count as its flood record does,
    and the row plans as rumah plan plans the file (it lost both, silently: month 28, not 25)."""
    rows = read(ROOT / "examples" / "rtlh.csv")
    assert rows[0]["existing_house"] == "kendal-rtlh.yaml"
    assert not any(k.startswith(("param_", "plot_")) for k in rows[0])
    run_batch(ROOT / "examples" / "rtlh.csv", tmp_path / "out.csv", workers=1)
    row = read(tmp_path / "out.csv")[0]
    plan = json.loads(run("plan", ROOT / "examples" / "kendal-rtlh.yaml", "--format", "json").output)
    assert int(row["livable_month"]) == plan["livable_month"]
    assert int(row["total_cost_idr"]) == plan["total_at_month_one_idr"]
    assert row["schedule"] == " ".join(f"{s['step']}:{s['package']}:{s['month']}:{s['cost_idr']}"
                                       for s in plan["schedule"])


def test_semicolons_bom_and_decimal_commas_give_the_same_results(example, tmp_path):
    folder, _ = example
    rows = read(EXAMPLE)
    localized = tmp_path / "households-id.csv"
    with localized.open("w", newline="", encoding="utf-8-sig") as stream:
        writer = csv.DictWriter(stream, list(rows[0]), delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: v.replace(".", ",") if k in ("housing_share", "loan_rate") and "." in v else v
                             for k, v in row.items()})
    assert run("batch", localized, "-o", tmp_path / "out.csv", "--workers", 1, "--summary",
               tmp_path / "s.json").exit_code == 0
    assert read(tmp_path / "out.csv", ";") == read(folder / "out.csv")
    # Given back as Excel gave it: with a BOM, so that a double click opens it as UTF-8; its summary
    # reads it as the plain file's.
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbfrow;id;")
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["households"] == len(rows)
    # A run stopped after its header resumes past it.
    from rumah.program.batch import _resume_point
    partial = tmp_path / "partial.csv"
    partial.write_bytes((tmp_path / "out.csv").read_bytes().splitlines(keepends=True)[0])
    assert _resume_point(partial, ";") == 0 and partial.read_bytes().startswith(b"\xef\xbb\xbfrow;")


def test_choices_written_in_capitals_are_the_same_choices(tmp_path):
    """A program office's spreadsheet writes BSPS, Gotong_Royong, AAC, RLH: each is the one choice
    it names, as the bundled names of districts and house types already were; a choice no
    capitals make right is still refused, with the name it is closest to."""
    header = "id,name,members,region,income_monthly,savings,grant_name,grant_kind,grant_amount,grant_month," \
             "labour,standard,template,param_wall\n"
    cells = "H1,Keluarga Uji,4,kendal,2400000,1000000,BSPS,{kind},20000000,3,{labour},{standard},inti-6m,{wall}\n"
    plain = cells.format(kind="bsps", labour="gotong_royong", standard="rlh", wall="aac")
    shouting = cells.format(kind="BSPS", labour="Gotong_Royong ", standard="RLH", wall="AAC")
    for name, row in (("plain.csv", plain), ("shouting.csv", shouting)):
        (tmp_path / name).write_text(header + row, encoding="utf-8")
        run_batch(tmp_path / name, tmp_path / f"out-{name}", workers=1)
    planned = read(tmp_path / "out-plain.csv")
    assert planned[0]["status"] == "livable"
    assert read(tmp_path / "out-shouting.csv") == planned
    (tmp_path / "typo.csv").write_text(header + cells.format(kind="BPS", labour="paid", standard="rlh", wall="aac"),
                                       encoding="utf-8")
    run_batch(tmp_path / "typo.csv", tmp_path / "out-typo.csv", workers=1, lang="en")
    assert read(tmp_path / "out-typo.csv")[0]["status"] == "invalid: grant_kind: unknown grant kind 'BPS'; " \
                                                         "did you mean 'bsps'?"


def test_process_pool_and_dask_cluster_give_the_same_rows(example, tmp_path):
    folder, _ = example
    expected = (folder / "out.csv").read_bytes()
    run_batch(EXAMPLE, tmp_path / "pool.csv", workers=2, chunk_rows=7)
    assert (tmp_path / "pool.csv").read_bytes() == expected
    distributed = pytest.importorskip("distributed")
    # The dashboard on a free port: None takes 8787, which another cluster on the machine (another
    # run of the tests) may hold, and the warning that says so fails the test.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0") \
            as cluster:
        result = run("batch", EXAMPLE, "-o", tmp_path / "dask.csv", "--scheduler", cluster.scheduler_address)
        assert result.exit_code == 0, result.output
    assert (tmp_path / "dask.csv").read_bytes() == expected


def killed_part_way(source: Path, output: Path, workers: int, rows: int) -> list[int]:
    """Run a batch in its own process and kill it outright (SIGKILL) once ``rows`` rows are in its
    partial results; the process ids of its children when it was killed."""
    partial = output.with_name(f".{output.name}.partial")
    process = subprocess.Popen([sys.executable, "-m", "rumah", "batch", str(source), "-o", str(output),
                                "--workers", str(workers)], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if partial.exists() and partial.read_bytes().count(b"\n") > rows:
            break
        time.sleep(0.05)
    children = [int(pid) for pid in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return children


def test_killed_run_resumes_to_exactly_the_uninterrupted_rows(tmp_path):
    source = synthetic(tmp_path / "many.csv", 1500)
    output = tmp_path / "out.csv"
    output.write_text("an earlier result\n", encoding="utf-8")
    partial = tmp_path / ".out.csv.partial"
    killed_part_way(source, output, 1, 600)
    assert output.read_text(encoding="utf-8") == "an earlier result\n"      # untouched by the killed run
    done = partial.read_bytes().count(b"\n") - 1
    assert 0 < done < 1500
    with partial.open("ab") as stream:
        # A row cut short and a line written after it (a disk that lost a block), then a line torn
        # as if killed mid-write: the rows before them are kept, the rest planned again.
        stream.write(f"{done + 2},H99,torn\n".encode() + b"junk\n" + b"1234,H99,torn")
    result = run("batch", source, "-o", output, "--resume", "--workers", 2)
    assert result.exit_code == 0, result.output
    assert f"{done} kept" in result.output
    assert not partial.exists()
    run_batch(source, tmp_path / "whole.csv", workers=1)
    assert output.read_bytes() == (tmp_path / "whole.csv").read_bytes()


def test_a_resumed_run_says_the_invalid_rows_of_the_part_planned_before(tmp_path):
    """A run stopped after the example's first 30 rows, resumed: the invalid rows among those are
    listed on standard error too, as the uninterrupted run lists them (only the resumed part's were)."""
    from rumah.program.batch import Options as BatchOptions
    from rumah.program.batch import _fingerprint, _partial_paths, open_table
    whole = run("batch", EXAMPLE, "-o", tmp_path / "whole.csv", "--workers", 1, "--lang", "en")
    assert whole.exit_code == 0
    lines = (tmp_path / "whole.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    early = [line for line in lines[1:31] if ",invalid" in line or '"invalid' in line]
    assert early
    output = tmp_path / "out.csv"
    partial, state = _partial_paths(output)
    partial.write_text("".join(lines[:31]), encoding="utf-8")
    state.write_text(json.dumps(_fingerprint(open_table(EXAMPLE), BatchOptions(None, ",", str(EXAMPLE.parent), "en",
                                                                               False))), encoding="utf-8")
    resumed = run("batch", EXAMPLE, "-o", output, "--resume", "--workers", 1, "--lang", "en")
    assert resumed.exit_code == 0, resumed.output
    said = [line for line in resumed.output.splitlines() if ": row " in line and "invalid" in line]
    assert said == [line for line in whole.output.splitlines() if ": row " in line and "invalid" in line]
    assert output.read_bytes() == (tmp_path / "whole.csv").read_bytes()


def test_a_run_with_workers_killed_outright_can_be_resumed_at_once(tmp_path):
    """kill -9 of a batch with a pool of workers: they end once their batch is gone, and with them
    the copies of its lock that fork gave them; a --resume started at once is not refused."""
    source = synthetic(tmp_path / "many.csv", 3000)
    output = tmp_path / "out.csv"
    children = killed_part_way(source, output, 2, 1000)
    assert children                                    # the pool's workers
    result = run("batch", source, "-o", output, "--resume", "--workers", 2)
    assert result.exit_code == 0, result.output
    assert not any(Path(f"/proc/{pid}").exists() and "rumah" in Path(f"/proc/{pid}/cmdline").read_text(
        errors="replace") for pid in children)
    run_batch(source, tmp_path / "whole.csv", workers=1)
    assert output.read_bytes() == (tmp_path / "whole.csv").read_bytes()


def test_a_run_stopped_by_an_older_version_is_planned_again_under_todays_header(tmp_path):
    """A partial results file whose header has other columns (written by a rumah before a column
    was added) keeps none of its rows: all are planned again, and the results have today's header."""
    from rumah.program.batch import Options as BatchOptions
    from rumah.program.batch import _fingerprint, _partial_paths, open_table
    source = synthetic(tmp_path / "a.csv", 6)
    output = tmp_path / "out.csv"
    partial, state = _partial_paths(output)
    older = [c for c in RESULT_COLUMNS if c not in ("horizon_months", "fits_plot")]
    partial.write_text(",".join(older) + "\n" + "2,H1," + ",".join([""] * (len(older) - 2)) + "\n",
                                encoding="utf-8")
    table = open_table(source)
    state.write_text(json.dumps(_fingerprint(table, BatchOptions(None, ",", str(tmp_path), "id", False))),
                              encoding="utf-8")
    result = run("batch", source, "-o", output, "--resume", "--workers", 1)
    assert result.exit_code == 0, result.output
    run_batch(source, tmp_path / "whole.csv", workers=1)
    assert output.read_bytes() == (tmp_path / "whole.csv").read_bytes()


def test_resume_refuses_a_run_stopped_in_another_month(tmp_path, monkeypatch):
    """Stopped on 31 December, resumed on 2 January: its rows would count plan month 1 from two
    calendar months (and price them so); refused, saying so, the partial results kept."""
    from rumah.program.batch import Options as BatchOptions
    from rumah.program.batch import _fingerprint, _partial_paths, open_table
    source = synthetic(tmp_path / "a.csv", 6)
    output = tmp_path / "out.csv"
    partial, state = _partial_paths(output)
    partial.write_text(",".join(RESULT_COLUMNS) + "\n", encoding="utf-8")
    monkeypatch.setenv("RUMAH_TODAY", "2026-12-31")
    state.write_text(json.dumps(_fingerprint(open_table(source), BatchOptions(None, ",", str(tmp_path), "en",
                                                                              False))), encoding="utf-8")
    monkeypatch.setenv("RUMAH_TODAY", "2027-01-02")
    result = run("batch", source, "-o", output, "--resume", "--workers", 1, "--lang", "en")
    assert result.exit_code == 1
    assert "cannot resume: the unfinished run planned from 2026-12 as month 1, and it is 2027-01 now" \
        in result.output
    assert not output.exists() and partial.read_text(encoding="utf-8") == ",".join(RESULT_COLUMNS) + "\n"
    monkeypatch.setenv("RUMAH_TODAY", "2026-12-31")
    assert run("batch", source, "-o", output, "--resume", "--workers", 1, "--lang", "en").exit_code == 0


def test_every_row_of_a_run_plans_from_the_day_the_run_began(monkeypatch):
    """A run begun on 31 December plans the rows it reaches after midnight from December too (each
    row read the clock: a run across the end of a month planned from two months)."""
    from rumah.program.batch import Options as BatchOptions
    from rumah.program.batch import Planner
    monkeypatch.setenv("RUMAH_TODAY", "2027-01-01")
    cells = {"name": "K", "members": "4", "region": "kendal", "income_monthly": "3000000", "template": "inti-6m"}
    row = dict(zip(RESULT_COLUMNS, Planner().row(2, cells, BatchOptions(day="2026-12-31"))))
    assert row["month_one"] == "2026-12"
    assert dict(zip(RESULT_COLUMNS, Planner().row(2, cells, BatchOptions())))["month_one"] == "2027-01"


def test_resume_refuses_a_changed_input(tmp_path):
    source = synthetic(tmp_path / "a.csv", 20)
    (tmp_path / ".out.csv.partial").write_text(",".join(RESULT_COLUMNS) + "\n", encoding="utf-8")
    (tmp_path / ".out.csv.partial.json").write_text('{"input": "elsewhere"}', encoding="utf-8")
    result = run("batch", source, "-o", tmp_path / "out.csv", "--resume", "--workers", 1)
    assert result.exit_code == 1 and "cannot resume" in result.output
    assert not (tmp_path / "out.csv").exists()


def test_resume_refuses_when_a_file_the_rows_name_changed(tmp_path):
    """A survey edited while the run was stopped: the rows planned before and after it would be
    of two different houses.  The resume is refused, naming the file; unchanged, it goes on."""
    import shutil

    from rumah.program.batch import Options as BatchOptions
    from rumah.program.batch import _fingerprint, _partial_paths, open_table
    for name in ("rtlh.csv", "kendal-rtlh.yaml", "pekalongan-rtlh.yaml", "madiun-rtlh.yaml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    source, output = tmp_path / "rtlh.csv", tmp_path / "out.csv"
    partial, state = _partial_paths(output)

    def stopped(lang: str) -> None:
        # What a run stopped before any row was written leaves beside its output.
        partial.write_text(",".join(RESULT_COLUMNS) + "\n", encoding="utf-8")
        record = _fingerprint(open_table(source), BatchOptions(None, ",", str(tmp_path), lang, False))
        state.write_text(json.dumps(record), encoding="utf-8")

    stopped("en")
    survey = tmp_path / "kendal-rtlh.yaml"
    survey.write_text(survey.read_text(encoding="utf-8") + "\n# diperbaiki\n", encoding="utf-8")
    result = run("batch", source, "-o", output, "--resume", "--workers", 1, "--lang", "en")
    assert result.exit_code == 1, result.output
    assert "kendal-rtlh.yaml changed since the unfinished run began" in result.output
    assert partial.exists() and not output.exists()
    stopped("id")
    result = run("batch", source, "-o", output, "--resume", "--workers", 1)
    assert result.exit_code == 0, result.output
    run_batch(source, tmp_path / "whole.csv", workers=1)
    assert output.read_bytes() == (tmp_path / "whole.csv").read_bytes()


@pytest.mark.parametrize("content, phrase", [
    (b"name,members,region,income_monthly,template,harga\n", "unknown column 'harga'"),
    (b"name,members,region,income,template\n", "did you mean 'income_monthly'"),
    (b"name,members,region,template\n", "missing column 'income_monthly'"),
    # A parameter no house type has: every row would be invalid; said once, at the header.
    (b"name,members,region,income_monthly,template,param_plinth_heigth\n",
     "column 'param_plinth_heigth' sets a parameter no house type has; did you mean 'param_plinth_height'"),
    (b"\n", "header row"),
    (b"name,members,region,income_monthly,template\xe9\n", "UTF-8"),
])
def test_unreadable_tables_are_refused_cleanly(tmp_path, content, phrase):
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    result = run("batch", source, "-o", tmp_path / "out.csv", "--workers", 1)
    assert result.exit_code == 1, result.output
    assert phrase in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.csv").exists()


def test_chart_is_a_png(example, tmp_path):
    pytest.importorskip("matplotlib")
    result = run("batch", EXAMPLE, "-o", tmp_path / "out.csv", "--chart", tmp_path / "chart.png", "--workers", 1)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert summarize(tmp_path / "out.csv")["households"] == len(read(EXAMPLE))


def test_the_charts_title_counts_the_households_planned(tmp_path, monkeypatch):
    """The rows with invalid data are no households the money is for: the title counts those
    planned (it counted every row)."""
    matplotlib = pytest.importorskip("matplotlib")
    titles: list[str] = []
    original = matplotlib.axes.Axes.set_title
    monkeypatch.setattr(matplotlib.axes.Axes, "set_title",
                        lambda self, label, *a, **k: titles.append(label) or original(self, label, *a, **k))
    result = run("batch", EXAMPLE, "-o", tmp_path / "out.csv", "--chart", tmp_path / "chart.png", "--workers", 1,
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    summary = summarize(tmp_path / "out.csv")
    assert summary["status"]["invalid"] > 0
    planned = summary["households"] - summary["status"]["invalid"]
    assert f"{planned} households: money needed for building each month" in titles


def test_written_files_get_the_usual_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        run_batch(synthetic(tmp_path / "a.csv", 3), tmp_path / "out.csv", workers=1)
        write_atomic(tmp_path / "quote.pdf", b"%PDF")
    finally:
        os.umask(mask)
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "quote.pdf").stat().st_mode & 0o777 == 0o644


def test_a_bad_row_spoils_only_itself(tmp_path):
    """A Latin-1 byte, a runaway cell, a blank line: each marks its own row; the rest are planned."""
    good = "Keluarga Ibu Sri,4,madiun,3500000,inti-6m\n"
    source = tmp_path / "mixed.csv"
    source.write_bytes(b"name,members,region,income_monthly,template\n" + good.encode()
                       + b"Keluarga \xe9,3,kendal,2000000,inti-6m\n" + good.encode()
                       + ("Keluarga Ibu Rina,3,kendal," + "9" * 200_000 + ",inti-6m\n").encode()
                       + b",,,,\n" + good.encode())
    result = run("batch", source, "-o", tmp_path / "out.csv", "--workers", 1, "--summary", tmp_path / "s.json",
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    rows = read(tmp_path / "out.csv")
    assert [r["row"] for r in rows] == ["2", "3", "4", "5", "6", "7"]
    statuses = [r["status"].split(":")[0] for r in rows]
    assert [s if s not in STATUSES else "planned" for s in statuses] == \
        ["planned", "invalid", "planned", "invalid", "empty", "planned"]
    assert "line 3: expected UTF-8 text, found byte 0xe9" in rows[1]["status"]
    assert "line 5: longer than 100,000 bytes" in rows[3]["status"]
    summary = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert summary["households"] == 5 and summary["status"]["empty"] == 1


def test_output_cannot_overwrite_the_input_and_a_dead_scheduler_writes_nothing(tmp_path):
    source = synthetic(tmp_path / "in.csv", 5)
    before = source.read_bytes()
    result = run("batch", source, "-o", source)
    assert result.exit_code == 1 and "would replace the input" in result.output
    assert source.read_bytes() == before
    for address in ("tcp://127.0.0.1:1", "foo"):
        result = run("batch", source, "-o", tmp_path / "out.csv", "--scheduler", address)
        assert result.exit_code == 1 and "cannot connect" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_a_quote_left_open_is_named_with_the_lines_it_swallowed(tmp_path):
    """A name typed with an opening quote and no closing one reads the next lines into one cell:
    the row says so, with the lines not planned; closed on a later line, the row is said the same
    (no cell but a note may hold a line end), and the rows after it are planned."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:6]
    name = header.split(",").index("name")
    cells = rows[0].split(",")
    cells[name] = '"' + cells[name]
    source = tmp_path / "open.csv"
    source.write_text("\n".join([header, ",".join(cells), *rows[1:]]) + "\n", encoding="utf-8")
    run_batch(source, tmp_path / "out.csv", workers=1, lang="en")
    (row,) = read(tmp_path / "out.csv")
    assert row["status"].startswith("invalid: a quote") and "column name" in row["status"]
    assert row["id"] == cells[0] and row["id"]                    # the id, read before the quote, is kept
    assert row["region"] == row["template"] == ""                 # what follows it is other lines' cells
    assert "lines 2 to 6 of the file were read as this one row" in row["status"]
    assert "what lines 3 to 6 hold is not planned" in row["status"]
    # Closed by a later quote, the row may have the right number of cells: a line end where no
    # text may have one (a name) still says a quote was left open.
    cells = rows[0].split(",")
    cells[name] = '"' + cells[name]
    later = rows[3].split(",")
    later[name] = f'{later[name]}"'
    source.write_text("\n".join([header, ",".join(cells), *rows[1:3], ",".join(later), rows[4]]) + "\n",
                      encoding="utf-8")
    run_batch(source, tmp_path / "out.csv", workers=1, lang="en")
    first = read(tmp_path / "out.csv")[0]
    assert first["status"].startswith("invalid: a quote") and "lines 2 to 5 of the file" in first["status"]
    cells = rows[0].split(",")
    cells[name] = f'"{cells[name]}\nRT 02 RW 05"'
    source.write_text("\n".join([header, ",".join(cells), *rows[1:]]) + "\n", encoding="utf-8")
    run_batch(source, tmp_path / "out.csv", workers=1, lang="en")
    planned = read(tmp_path / "out.csv")
    # A name may not hold a line end: said as the line break it is; the rows after it are planned.
    assert len(planned) == 5 and planned[0]["status"].startswith("invalid: name: the value is on more than one line")
    assert all(not row["status"].startswith("invalid") for row in planned[1:])
    assert not any(r["status"].startswith("invalid") for r in planned[1:])


def test_a_line_break_typed_in_a_cell_is_said_as_such_not_as_a_quote_left_open(tmp_path):
    """"Keluarga<Alt+Enter>Baris" is valid CSV: the row is whole and the next is planned; its name
    is refused for its line break, not as a quote that swallowed the next line."""
    source = tmp_path / "baris.csv"
    source.write_text('name,members,region,income_monthly,template\n"Keluarga\nBaris",4,kendal,3000000,inti-6m\n'
                      "B,4,kendal,3000000,inti-6m\n", encoding="utf-8")
    result = run("batch", source, "-o", tmp_path / "out.csv", "--workers", 1, "--lang", "en")
    assert result.exit_code == 0, result.output
    first, second = read(tmp_path / "out.csv")
    assert first["status"] == "invalid: name: the value is on more than one line (a line break typed in the cell, " \
                              "Alt+Enter); write it on one line"
    assert second["status"] == "livable"


def test_results_to_a_pipe_or_a_link_to_standard_output_arrive_and_the_link_stays(tmp_path):
    """``-o /dev/stdout`` of a run whose output goes to a file, or a link to a process's output,
    is written to (the link stays a link: as root the machine's /dev/stdout was replaced by a file
    of results), with the run's own words on standard error; a named pipe gets the rows too."""
    source = tmp_path / "keluarga.csv"
    source.write_text("".join(EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:4]), encoding="utf-8")
    link = tmp_path / "keluar"
    link.symlink_to("/proc/self/fd/1")
    # Run with ">> got.csv": the results are added after what the file held.
    (tmp_path / "got.csv").write_text("earlier line\n", encoding="utf-8")
    with (tmp_path / "got.csv").open("a") as got:
        done = subprocess.run([sys.executable, "-m", "rumah", "batch", str(source), "-o", str(link), "--workers", "1"],
                              cwd=ROOT, stdout=got, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    earlier, results = (tmp_path / "got.csv").read_text(encoding="utf-8").split("\n", 1)
    assert earlier == "earlier line"
    (tmp_path / "got.csv").write_text(results, encoding="utf-8")
    rows = read(tmp_path / "got.csv")
    assert [r["row"] for r in rows] == ["2", "3", "4"]
    assert "3 households" in done.stderr or "3 keluarga" in done.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]        # nothing worked on beside it
    fifo = tmp_path / "pipa"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    done = subprocess.run([sys.executable, "-m", "rumah", "batch", str(source), "-o", str(fifo), "--workers", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    received = reader.communicate(timeout=60)[0]
    assert done.returncode == 0, done.stderr
    assert fifo.is_fifo() and received.splitlines()[0].startswith("row,id,") and len(received.splitlines()) == 4
    # A pipe cannot be carried on from.
    again = run("batch", source, "-o", "/dev/null", "--resume")
    assert again.exit_code == 2 and "--resume" in again.output


def test_the_results_format_follows_the_files_ending(tmp_path):
    source = tmp_path / "keluarga.csv"
    source.write_text("".join(EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:3]), encoding="utf-8")
    made = run("batch", source, "-o", tmp_path / "hasil.xlsx", "--workers", 1)
    assert made.exit_code == 0, made.output
    assert (tmp_path / "hasil.xlsx").read_bytes()[:2] == b"PK"                 # a workbook, not CSV text
    for name, fmt in (("hasil.csv", "xlsx"), ("lain.xlsx", "csv")):
        refused = run("batch", source, "-o", tmp_path / name, "--format", fmt)
        assert refused.exit_code == 2 and "--format" in refused.output and not (tmp_path / name).exists()


def test_rows_that_meet_the_same_pricing_error_are_told_it_alike(tmp_path):
    """The second row of a house type, district and choices shares the first's priced house, and
    its error: it must read as the first's, by its column, or a run's results would depend on which
    row of each worker came first (and a resumed run differ from a whole one)."""
    source = tmp_path / "sama.csv"
    row = "Keluarga {n},4,kendal,2500000,0.30,1000000,inti-6m,5\n"
    source.write_text("name,members,region,income_monthly,housing_share,savings,template,param_plinth_height\n"
                      + row.format(n="A") + row.format(n="B") + row.format(n="C"), encoding="utf-8")
    result = run("batch", source, "-o", tmp_path / "hasil.csv", "--workers", 1)
    assert result.exit_code == 0, result.output
    reasons = [r["status"] for r in read(tmp_path / "hasil.csv")]
    assert reasons[0].startswith("invalid: param_plinth_height: ") and reasons == [reasons[0]] * 3


def test_what_a_spreadsheet_leaves_in_a_csv_gives_the_same_results(example, tmp_path):
    """Column names in capitals, columns cleared but kept (no name, empty cells), a tab for the
    separator, bundled names written "Kendal" or "INTI-6M": the example's results, row for row."""
    folder, _ = example
    rows = read(EXAMPLE)
    spread = tmp_path / "dari-excel.txt"
    with spread.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, delimiter="\t", lineterminator="\r\n")
        writer.writerow([c.upper() for c in rows[0]] + ["", ""])
        for row in rows:
            cells = {k: (v.title() if k == "region" else v.upper()) if k in ("region", "template") and
                     v in bundled_names() else v for k, v in row.items()}
            writer.writerow(list(cells.values()) + ["", " "])
    result = run("batch", spread, "-o", tmp_path / "out.csv", "--workers", 1)
    assert result.exit_code == 0, result.output
    planned = read(tmp_path / "out.csv", "\t")
    expected = read(folder / "out.csv")
    # The same plans; only the names are given back as written.
    for row in planned + expected:
        row["region"], row["template"] = row["region"].lower(), row["template"].lower()
    assert planned == expected


def test_a_row_that_cannot_be_read_keeps_its_id_and_name_and_a_nameless_column_is_named(tmp_path):
    source = tmp_path / "rusak.csv"
    source.write_text("id,name,members,region,income_monthly,template\n"
                      "K1,Keluarga Lebih,4,kendal,2500000,inti-6m,sisa\n"
                      "K2,Keluarga Baik,4,Kendal,2500000,inti-6m\n"
                      "K3,Keluarga Jauh,4,Kab. Kendall,2500000,inti-6m\n", encoding="utf-8")
    result = run("batch", source, "-o", tmp_path / "hasil.csv", "--workers", 1)
    assert result.exit_code == 0, result.output
    first, second, third = read(tmp_path / "hasil.csv")
    assert (first["id"], first["name"]) == ("K1", "Keluarga Lebih") and first["status"].startswith("invalid: ")
    assert not second["status"].startswith("invalid")
    # What the row wrote is what the message quotes.
    assert "'Kab. Kendall'" in third["status"] and "'Kabupaten Kendal'" in third["status"]
    source.write_text("id,name,,members,region,income_monthly,template\n", encoding="utf-8")
    refused = run("batch", source, "-o", tmp_path / "lain.csv")
    assert refused.exit_code == 1 and "column 3 has no name" in refused.output


def test_numbers_a_program_exports_with_a_decimal_point_are_read_as_written(tmp_path):
    """Whole Rupiah written "2500000.00" and a count written "4.0" (as pandas and English-locale
    spreadsheets export them) plan as 2500000 and 4; "1.000.00" is neither, and is refused."""
    header = "id,name,members,region,income_monthly,savings,template\n"
    source = tmp_path / "ekspor.csv"
    source.write_text(header + "A,Keluarga A,4,kendal,2500000,1500000,inti-6m\n"
                      "B,Keluarga A,4.0,kendal,2500000.00,1500000.0,inti-6m\n"
                      "C,Keluarga A,4,kendal,1.000.00,0,inti-6m\n", encoding="utf-8")
    result = run("batch", source, "-o", tmp_path / "hasil.csv", "--workers", 1)
    assert result.exit_code == 0, result.output
    first, second, third = read(tmp_path / "hasil.csv")
    assert {k: v for k, v in first.items() if k not in ("row", "id")} == \
        {k: v for k, v in second.items() if k not in ("row", "id")}
    assert third["status"].startswith("invalid: income_monthly: ")


def test_a_run_stopped_politely_says_how_to_carry_on(tmp_path):
    source = synthetic(tmp_path / "many.csv", 1500)
    output = tmp_path / "out.csv"
    partial = tmp_path / ".out.csv.partial"
    process = subprocess.Popen([sys.executable, "-m", "rumah", "batch", str(source), "-o", str(output),
                                "--workers", "1", "--lang", "en"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, env={**os.environ, "LANGUAGE": "en"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if partial.exists() and partial.read_bytes().count(b"\n") > 200:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    error = process.communicate(timeout=60)[1]
    assert process.returncode == 128 + 15
    assert "stopped; the rows planned so far are kept" in error and "--resume" in error
    assert partial.exists() and not output.exists()


def test_an_id_given_to_two_rows_is_said_and_listed_in_the_summary(tmp_path):
    source = tmp_path / "ganda.csv"
    row = "{id},Keluarga {n},4,kendal,2500000,inti-6m\n"
    source.write_text("id,name,members,region,income_monthly,template\n" + row.format(id="A1", n="A")
                      + row.format(id="B1", n="B") + row.format(id="A1", n="A lagi") + row.format(id="", n="C")
                      + row.format(id="", n="D"), encoding="utf-8")
    result = run("batch", source, "-o", tmp_path / "hasil.csv", "--summary", tmp_path / "s.json", "--lang", "en")
    assert result.exit_code == 0
    summary = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    # Rows without an id are not the same family.
    assert summary["duplicate_ids"] == {"ids": 1, "rows": {"A1": {"rows": 2, "first": [2, 4]}}}
    assert summary["households"] == 5
    assert "1 id is given to more than one row" in result.output and "A1 in rows 2, 4" in result.output
    # And where the totals are read: the workbook's summary.
    from rumah.program.report import summary_rows
    assert dict(summary_rows(summary, "id"))["Id yang dipakai lebih dari satu baris (setiap baris dihitung)"] == \
        "1: A1 (baris 2, 4)"
    # An id a spreadsheet would read as a formula, on twelve planned rows and a row not planned:
    # the id as written, the planned rows counted, the first ten of them given.
    source.write_text("id,name,members,region,income_monthly,template\n"
                      + "".join(row.format(id="-", n=k) for k in range(12))
                      + "-,Keluarga X,dua,kendal,2500000,inti-6m\n", encoding="utf-8")
    result = run("batch", source, "-o", tmp_path / "hasil.csv", "--summary", tmp_path / "s.json", "--lang", "en")
    summary = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert summary["duplicate_ids"] == {"ids": 1, "rows": {"-": {"rows": 12, "first": list(range(2, 12))}}}
    assert "- in rows 2, 3, 4, 5, 6, ..." in result.output


def test_a_value_in_a_column_without_a_name_is_named_by_its_number(tmp_path):
    source = tmp_path / "kosong.csv"
    source.write_text("id,name,members,region,income_monthly,template,,\n"
                      "A1,Keluarga A,4,kendal,2500000,inti-6m,,\n"
                      "A2,Keluarga B,4,kendal,2500000,inti-6m,,x\n", encoding="utf-8")
    result = run("batch", source, "-o", tmp_path / "hasil.csv", "--lang", "en")
    assert result.exit_code == 0, result.output
    planned, refused = read(tmp_path / "hasil.csv")
    assert not planned["status"].startswith("invalid")
    assert refused["status"] == "invalid: column 8 has no name in the header, but this row has a value in it; " \
                                "name the column or clear the cell" and refused["id"] == "A2"


def test_the_terminal_hears_an_invalid_row_in_its_language_and_the_results_keep_theirs(tmp_path, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")
    source = tmp_path / "salah.csv"
    source.write_text("name,members,region,income_monthly,template\nA,dua,kendal,2500000,inti-6m\n", encoding="utf-8")
    result = run("batch", source, "-o", tmp_path / "hasil.csv", "--workers", 1)
    assert result.exit_code == 0
    assert "row 2: invalid: members: expected a whole number, found 'dua'" in result.output
    (row,) = read(tmp_path / "hasil.csv")
    assert row["status"].startswith("invalid: members: seharusnya bilangan bulat")
    # An Indonesian terminal hears it all in Indonesian, the results' word "invalid" too.
    monkeypatch.setenv("LANGUAGE", "id")
    said = run("batch", source, "-o", tmp_path / "hasil2.csv", "--workers", 1).output
    assert "baris 2: tidak sah: members: seharusnya bilangan bulat" in said and "invalid" not in said


def test_a_rows_prices_from_raises_its_whole_house_and_one_after_month_one_is_refused(tmp_path):
    """The same family planned from June 2026 with prices of that month (the bill as it is), of
    January 2024 (29 months before, at 3 % a year) and, without prices_from, of its price list
    (a list of 2024: July, 23 months before): its whole house costs the bill risen for as long;
    prices of a month after plan month 1 are refused, naming the column."""
    from rumah.cost.pricing import round_idr
    from rumah.plan.finance import escalation
    (row,) = households(1, seed=3)
    rows = [row | {"id": "a", "start_month": "2026-06", "prices_from": "2026-06"},
            row | {"id": "b", "start_month": "2026-06", "prices_from": "2024-01"},
            row | {"id": "c", "prices_from": "2099-01"},
            row | {"id": "d", "start_month": "2026-06"}]
    path = tmp_path / "rows.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, [*FIELDS, "start_month", "prices_from"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = run("batch", path, "-o", tmp_path / "out.csv", "--workers", 1)
    assert result.exit_code == 0, result.output
    a, b, c, d = read(tmp_path / "out.csv")
    inflation = 0.03                                   # the household file's default
    assert int(b["total_cost_idr"]) == round_idr(int(a["total_cost_idr"]) * escalation(inflation, 29))
    assert int(d["total_cost_idr"]) == round_idr(int(a["total_cost_idr"]) * escalation(inflation, 23))
    assert int(b["planned_cost_idr"]) > int(a["planned_cost_idr"])
    # (The results' language is Indonesian by default.)
    assert c["status"].startswith("invalid: prices_from: seharusnya bulan yang tidak lebih lambat dari bulan ke-1")


def test_a_value_split_by_an_unquoted_comma_is_refused_not_planned_a_column_askew(tmp_path):
    """'0,6' unquoted in a ','-separated file is two cells: every later value a column too far
    (a flood 0 m high sinking 6 cm a year), and the optional cells at the end were empty, so the
    row looked whole.  More cells than the header has are refused, with the likely cause."""
    (tmp_path / "pekalongan-rtlh.yaml").write_text(
        (ROOT / "examples" / "pekalongan-rtlh.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    source = tmp_path / "rtlh.csv"
    source.write_text("id,name,members,region,income_monthly,existing_house,flood_last_height_m,"
                      "flood_subsidence_cm_per_year\n"
                      "R1,Keluarga Rohman,4,pekalongan,2500000,pekalongan-rtlh.yaml,0,6,\n"
                      "R2,Keluarga Rohman,4,pekalongan,2500000,pekalongan-rtlh.yaml,\"0,6\",10\n", encoding="utf-8")
    result = run("batch", source, "-o", tmp_path / "hasil.csv", "--workers", 1)
    assert result.exit_code == 0, result.output
    first, second = read(tmp_path / "hasil.csv")
    assert first["status"] == ("invalid: seharusnya 8 sel, ada 9; ada koma di dalam nilai, misalnya 2,5 juta atau "
                               "0,6? Beri tanda kutip pada nilai itu, atau simpan berkas dengan ';' di antara sel")
    assert not second["status"].startswith("invalid")


def test_a_surveyed_house_named_by_its_household_file_brings_that_files_flood_record(tmp_path):
    """examples/pekalongan-rtlh.yaml records its plot's last flood (0,40 m) and sinking (6 cm a
    year).  A row naming it with the flood cells empty was planned as if the plot never flooded:
    livable in month 2 and the grant lost as not needed.  It is planned as the row that gives the
    record; a row's own record still wins."""
    (tmp_path / "pekalongan-rtlh.yaml").write_text(
        (ROOT / "examples" / "pekalongan-rtlh.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    rows = list(csv.reader((ROOT / "examples" / "rtlh.csv").read_text(encoding="utf-8").splitlines()))
    head, given = rows[0], next(r for r in rows if r[0] == "R005")
    empty, other = list(given), list(given)
    for cells, height, sinking in ((empty, "", ""), (other, "0,9", "1")):
        cells[0] += height or "-kosong"
        cells[head.index("flood_last_height_m")] = height
        cells[head.index("flood_subsidence_cm_per_year")] = sinking
    source = tmp_path / "rtlh.csv"
    with source.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([head, given, empty, other])
    assert run("batch", source, "-o", tmp_path / "hasil.csv", "--workers", 1).exit_code == 0
    planned = {row["id"]: row for row in read(tmp_path / "hasil.csv")}
    columns = ("status", "livable_month", "assessment_failing", "grant_used_idr", "total_cost_idr")
    assert "flood" in planned["R005"]["assessment_failing"].split()
    assert [planned["R005-kosong"][c] for c in columns] == [planned["R005"][c] for c in columns]
    assert planned["R0050,9"]["total_cost_idr"] != planned["R005"]["total_cost_idr"]


def test_an_empty_template_cell_is_named_as_the_cell_it_is(tmp_path):
    source = tmp_path / "kosong.csv"
    source.write_text("id,name,members,region,income_monthly,template\nA,Keluarga A,4,kendal,2500000,\n",
                      encoding="utf-8")
    assert run("batch", source, "-o", tmp_path / "hasil.csv", "--workers", 1, "--lang", "en").exit_code == 0
    (row,) = read(tmp_path / "hasil.csv")
    assert row["status"] == "invalid: template: expected a value, found an empty cell"
