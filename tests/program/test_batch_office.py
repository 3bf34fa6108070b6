"""What a district housing office reads from rumah batch: the grant's effect on every household
with a grant, the summary per district and per house type, how many more families N grants would
make livable in time (counted here by hand, from plans of each household), and the workbook read
back with openpyxl."""

from __future__ import annotations

import csv
import json
import statistics
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from rumah.plan.household import parse_grant, parse_household
from rumah.plan.planner import plan_household
from rumah.program.batch import TRIAL_GRANT, row_to_household
from rumah.schema import Where

HEADER = "id,name,members,region,income_monthly,housing_share,template,labour,grant_name,grant_kind,grant_amount," \
         "grant_month"
#: Households of three in Kendal building a row house with community labour; only their incomes
#: differ (so a BSPS grant brings some of them within 24 or 60 months and not others), and one has
#: a BSPS grant of its own, its income written as people say it.
ROWS = [
    "A,Keluarga A,3,kendal,6000000,0.30,deret-4m5,gotong_royong,,,,",
    "B,Keluarga B,3,kendal,5500000,0.30,deret-4m5,gotong_royong,,,,",
    "C,=SUM(A1),3,kendal,8000000,0.30,deret-4m5,gotong_royong,,,,",
    "D,Keluarga D,3,kendal,2000000,0.30,deret-4m5,gotong_royong,,,,",
    "E,Keluarga E,3,kendal,2400000,0.30,deret-4m5,gotong_royong,,,,",
    "F,Keluarga F,3,madiun,2600000,0.30,inti-6m,gotong_royong,,,,",
    'G,Keluarga G,3,madiun,"2,5 juta",0.30,deret-4m5,gotong_royong,BSPS,bsps,20000000,3',
]


def run(*args):
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    folder = tmp_path_factory.mktemp("office")
    source = folder / "households.csv"
    source.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    result = run("batch", source, "-o", folder / "out.csv", "--summary", folder / "summary.json", "--grants", 1,
                 "--workers", 1)
    assert result.exit_code == 0, result.output
    return folder, source, read(folder / "out.csv"), json.loads((folder / "summary.json").read_text())


def by_hand(source: Path) -> dict[str, tuple]:
    """Each household's livable month as it is, and with a BSPS grant (or without its own)."""
    with source.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    found = {}
    for row in rows:
        household = parse_household(row_to_household(row), Where(row["id"]))
        plan = plan_household(household)
        if household.grants:
            other = plan_household(replace(household, grants=()))
        else:
            trial = parse_grant(dict(TRIAL_GRANT), Where("trial"), household.horizon)
            other = plan_household(replace(household, grants=(trial,)))
        found[row["id"]] = (plan.best.livable_month, other.best.livable_month, household.budget)
    return found


def test_every_household_without_a_grant_counts_among_those_the_trial_grants_could_go_to(tmp_path):
    """A household the trial grant leaves not livable within the horizon is planned with it all
    the same and is one of the households without a grant; it was not counted (a review's office
    of five showed four)."""
    source = tmp_path / "h.csv"
    source.write_text("\n".join([HEADER, ROWS[0], "H,Keluarga H,3,kendal,1000000,0.05,deret-4m5,paid,,,,"]) + "\n",
                      encoding="utf-8")
    result = run("batch", source, "-o", tmp_path / "out.csv", "--summary", tmp_path / "s.json", "--grants", 1,
                 "--workers", 1)
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in read(tmp_path / "out.csv")}
    assert rows["A"]["livable_month_with_bsps"] and not rows["H"]["livable_month_with_bsps"]
    assert rows["H"]["status"] in ("not_livable_within_horizon", "cannot_start")
    scenario = json.loads((tmp_path / "s.json").read_text())["grant_effect"]["scenario"]
    assert scenario["households_without_grant"] == 2


def test_every_household_with_a_grant_has_its_month_with_and_without_it(office):
    _, source, rows, _ = office
    hand = by_hand(source)
    g = next(r for r in rows if r["id"] == "G")
    with_grant, without, budget = hand["G"]
    assert int(g["budget_monthly_idr"]) == budget == 750_000           # "2,5 juta" a month x 0.30
    assert int(g["livable_month"]) == with_grant
    assert int(g["livable_month_without_grant"]) == without and g["without_grant_status"] == "livable"
    assert int(g["months_gained_by_grant"]) == without - with_grant > 0
    for r in rows:
        if r["id"] != "G":
            assert r["livable_month_without_grant"] == r["months_gained_by_grant"] == ""
            assert int(r["livable_month_with_bsps"]) == hand[r["id"]][1]   # --grants: the trial grant
    assert g["status_text"] == f"layak huni mulai bulan ke-{g['livable_month']} (dalam 120 bulan)"


def test_n_grants_counted_by_hand(office, tmp_path):
    _, source, _, summary = office
    hand = by_hand(source)
    scenario = summary["grant_effect"]["scenario"]
    for target in (24, 60):
        # A grant helps a household without one if it brings its house within the target.
        helped = {i: (now or 10 ** 6) - trial for i, (now, trial, _) in hand.items()
                  if i != "G" and trial is not None and trial <= target and (now is None or now > target)}
        assert helped, target                                            # the rows were chosen so
        assert scenario[f"more_livable_within_{target}"] == min(1, len(helped))
        most = max(helped, key=helped.get)
        assert scenario[f"rows_for_{target}"] == [ROWS.index(next(r for r in ROWS if r.startswith(most + ","))) + 2]
    assert scenario["households_without_grant"] == 6
    # Enough grants for every one of them:
    result = run("batch", source, "-o", tmp_path / "out.csv", "--summary", tmp_path / "s.json", "--grants", 100,
                 "--workers", 1)
    assert result.exit_code == 0, result.output
    again = json.loads((tmp_path / "s.json").read_text())["grant_effect"]["scenario"]
    for target in (24, 60):
        helped = [i for i, (now, trial, _) in hand.items() if i != "G" and trial is not None and trial <= target
                  and (now is None or now > target)]
        assert again[f"more_livable_within_{target}"] == len(helped)
    assert f"100 BSPS grants to the households they help most: {again['more_livable_within_24']} more families " \
           "livable within 24 months" in result.output
    # One grant is counted as one, in both languages' grammar.
    one = run("batch", source, "-o", tmp_path / "one.csv", "--grants", 1, "--workers", 1, "--lang", "en")
    assert "1 BSPS grant to the household it helps most: 1 more family livable within 24 months" in one.output


def test_the_summary_per_district_and_per_house_type_adds_up(office):
    _, _, rows, summary = office
    for key, column in (("by_region", "region"), ("by_template", "template")):
        groups = summary[key]
        assert set(groups) == {r[column] for r in rows}
        for name, figures in groups.items():
            mine = [r for r in rows if r[column] == name]
            assert figures["households"] == len(mine)
            assert figures["status"]["livable"] == sum(r["status"] == "livable" for r in mine)
            assert figures["total_cost_idr"] == sum(int(r["total_cost_idr"]) for r in mine)
            assert figures["grants_idr"] == sum(int(r["grants_idr"]) for r in mine)
            months = sorted(int(r["livable_month"]) for r in mine if r["livable_month"])
            assert figures["livable_within_24"] == sum(m <= 24 for m in months)
            assert figures["median_livable_month"] == (statistics.median(months) if months else None)
    assert sum(g["households"] for g in summary["by_region"].values()) == summary["households"]
    # Households given a grant, and those of them livable with it (whose months gained are known).
    valid = [r for r in rows if not r["status"].startswith("invalid") and r["status"] != "empty"]
    effect = summary["grant_effect"]
    assert effect["households_given_a_grant"] == sum(int(r["grants_idr"] or 0) > 0 for r in valid)
    assert effect["households_with_grant"] == sum(bool(r["months_gained_by_grant"]) for r in valid)
    assert effect["households_with_grant"] <= effect["households_given_a_grant"]


def test_the_workbook_reads_back_with_indonesian_headers_and_typed_cells(office, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    _, source, rows, _ = office
    result = run("batch", source, "-o", tmp_path / "hasil.xlsx", "--format", "xlsx", "--grants", 1, "--workers", 1)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.xlsx"]        # no results CSV left behind
    book = openpyxl.load_workbook(tmp_path / "hasil.xlsx")
    assert book.sheetnames == ["Ringkasan", "Keluarga"]
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True) if row and row[0]}
    assert summary["Keluarga dalam daftar (termasuk baris tidak sah)"] == len(rows)
    assert "Kabupaten Kendal" in summary and "Kabupaten Madiun" in summary           # per district, by name
    sheet = book["Keluarga"]
    head = [c.value for c in sheet[1]]
    for header in ("Baris", "Nama", "Kabupaten/kota", "Tipe rumah", "Hasil", "Layak huni mulai bulan",
                   "Tanpa bantuan: layak huni mulai bulan", "Lebih cepat karena bantuan (bulan)",
                   "Untuk rumah per bulan (Rp)", "Tahap 1, fondasi dan kolom: bulan"):
        assert header in head, header
    column = {name: k for k, name in enumerate(head)}
    for cells, row in zip(sheet.iter_rows(min_row=2), rows):
        value = {name: cells[k].value for name, k in column.items()}
        assert value["Baris"] == int(row["row"]) and isinstance(value["Baris"], int)
        assert value["Layak huni mulai bulan"] == int(row["livable_month"])
        assert isinstance(value["Untuk rumah per bulan (Rp)"], int)
        assert value["Hasil"] == row["status_text"]
        if row["id"] == "C":
            assert value["Nama"] == "=SUM(A1)" and cells[column["Nama"]].data_type == "s"   # text, not a formula
    # The households the one more BSPS grant goes to, marked in a column a target to filter by, the
    # rows the summary lists.
    for target in (24, 60):
        mark = head.index(f"Penerima 1 BSPS tambahan ({target} bulan)")
        marked = sorted(cells[0].value for cells in sheet.iter_rows(min_row=2) if cells[mark].value == "ya")
        listed = summary[f"Baris keluarga tersebut ({target} bulan)"]
        assert marked == [int(n) for n in str(listed or "").split()]
    english = run("batch", source, "-o", tmp_path / "en.xlsx", "--format", "xlsx", "--lang", "en", "--workers", 1)
    assert english.exit_code == 0, english.output
    book = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert book.sheetnames == ["Summary", "Households"]
    assert "Livable from month" in [c.value for c in book["Households"][1]]
    english_head = [c.value for c in book["Households"][1]]
    month = book["Households"][2][english_head.index("Livable from month")].value
    assert book["Households"]["F2"].value == f"livable from month {month} (within 120 months)"


def test_the_summary_median_is_the_median_of_the_values_counted():
    """Medians are kept from counts of each value (a million households need no list): for an
    even count it is halfway between the two middle values, as statistics.median gives."""
    import random

    from rumah.program.batch import _median
    generator = random.Random(3)
    for _ in range(300):
        values = [generator.randint(1, 12) for _ in range(generator.randint(1, 9))]
        counts: dict[int, int] = {}
        for v in values:
            counts[v] = counts.get(v, 0) + 1
        assert _median(counts) == statistics.median(values), values
    assert _median({61: 1, 74: 1}) == 67.5 and _median({}) is None


def test_each_row_says_why_its_grant_is_lost_and_the_own_money_it_needs(tmp_path):
    """Households with a BSPS grant, from comfortable to so poor that part of the grant is lost
    for want of money or of time: the row gives what rumah plan's JSON gives for the household
    (why it is lost, the own money the whole grant needs, the money in the grant month)."""
    header = "id,name,members,region,income_monthly,housing_share,savings,template,labour,grant_name,grant_kind," \
             "grant_amount,grant_month,grant_period_months"
    rows = [f"{k},Keluarga {k},4,kendal,{income},0.25,{savings},inti-6m,paid,BSPS,bsps,20000000,{month},{period}"
            for k, (income, savings, month, period) in enumerate([(6_000_000, 5_000_000, 2, 12),
                                                                  (2_000_000, 0, 1, 12), (1_400_000, 0, 3, 6),
                                                                  (3_000_000, 500_000, 6, 3),
                                                                  (6_000_000, 5_000_000, 2, 2)])]
    source = tmp_path / "bsps.csv"
    source.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    assert run("batch", source, "-o", tmp_path / "out.csv", "--workers", 1).exit_code == 0
    reasons = set()
    for row, line in zip(read(tmp_path / "out.csv"), rows):
        cells = dict(zip(header.split(","), line.split(",")))
        data = json.loads(run("plan", _as_file(tmp_path, cells), "--format", "json").output)
        (use,) = data["grant_use"]
        assert row["grant_lost_because"] == (use["lost_because"] or "")
        assert int(row["swadaya_needed_idr"]) == use["swadaya_needed_idr"]
        assert int(row["cash_in_grant_month_idr"]) == use["cash_in_grant_month_idr"]
        assert int(row["grant_lost_idr"]) == use["lost_materials_idr"] + use["lost_labour_idr"]
        assert (row["grant_lost_because"] == "") == (row["grant_lost_idr"] == "0")
        reasons.add(row["grant_lost_because"])
    assert reasons == {"", "money", "time"}


def _as_file(folder: Path, cells: dict) -> Path:
    """The household of a CSV row as a household file, for rumah plan."""
    import yaml
    path = folder / f"h{cells['id']}.yaml"
    path.write_text(yaml.safe_dump(row_to_household(cells), allow_unicode=True), encoding="utf-8")
    return path


def test_the_reason_column_gives_one_word_per_grant_in_kind():
    """Two grants in kind, the first losing nothing and the second losing for want of money: the
    reason column tells which (one word each, '-' for none); the swadaya of two grants of
    different months adds up, and the money in hand is the first grant's month's."""
    from types import SimpleNamespace

    from rumah.plan.planner import GrantUse
    from rumah.program.batch import _grant_need
    uses = (GrantUse(0, "Desa", 3, 14, 5_000_000, 0, 0, 0, 1_000_000, 700_000, 100_000, 900_000, ""),
            GrantUse(1, "BSPS", 20, 31, 8_000_000, 0, 9_500_000, 2_500_000, 0, 4_000_000, 0, 300_000, "money"))
    assert _grant_need(SimpleNamespace(grants=uses)) == ["- money", 4_700_000, 900_000]
    assert _grant_need(SimpleNamespace(grants=uses[:1])) == ["", 700_000, 900_000]
    assert _grant_need(SimpleNamespace(grants=())) == ["", "", ""]


def test_a_plan_shorter_than_a_target_leaves_the_target_unknown(office, tmp_path):
    """Planned over 30 months, a house not livable within them may or may not be livable by month
    60: the summary says how many such households it does not know about, rather than counting
    them as not livable by 60, and no grant is said to bring a household within 60 months that
    might be there without it."""
    from rumah.program.report import summary_rows
    folder, source, long_rows, long = office
    result = run("batch", source, "-o", tmp_path / "short.csv", "--summary", tmp_path / "short.json",
                 "--grants", 1, "--horizon", 30, "--workers", 1)
    assert result.exit_code == 0, result.output
    rows, short = read(tmp_path / "short.csv"), json.loads((tmp_path / "short.json").read_text())
    assert {r["horizon_months"] for r in rows} == {"30"} and {r["horizon_months"] for r in long_rows} == {"120"}
    not_known = [r["id"] for r in rows if not r["livable_month"] and r["status"] != "never_livable"]
    assert short["unknown_within"] == {"24": 0, "60": len(not_known)} and not_known
    assert long["unknown_within"] == {"24": 0, "60": 0}
    # The long plans settle what the short ones left open.
    assert short["livable_within"]["60"] <= long["livable_within"]["60"] <= \
        short["livable_within"]["60"] + short["unknown_within"]["60"]
    long_month = {r["row"]: int(r["livable_month"] or 10 ** 6) for r in long_rows}
    assert all(long_month[str(row)] > 60 for row in short["grant_effect"]["scenario"]["rows_for_60"])
    # The households the trial grant makes livable within 30 months, not livable without it in
    # their 30 months: whether it brings them within 60 is not known, and the office is told so.
    trial = [r for r in rows if r["livable_month_with_bsps"] and not r["livable_month"]]
    assert short["grant_effect"]["scenario"]["not_known_within_60"] == len(trial) > 0
    assert long["grant_effect"]["scenario"]["not_known_within_60"] == 0
    assert "not known for" in result.output or "belum diketahui untuk" in result.output
    labels = dict(summary_rows(short, "en"))
    assert labels["Not known within 60 months (planned for fewer months, not livable within them)"] == len(not_known)
    assert not any(label.startswith("Not known") for label, _ in summary_rows(long, "en"))
    kendal = short["by_region"]["kendal"]
    assert kendal["unknown_within_60"] == sum(1 for r in rows if r["id"] in not_known and r["region"] == "kendal")


def test_the_workbook_says_why_a_row_was_not_planned_and_how_it_fares_without_its_grant(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    source = tmp_path / "households.csv"
    source.write_text("\n".join([HEADER, ROWS[-1], "H,Keluarga H,dua,kendal,2500000,0.30,deret-4m5,,,,,"]) + "\n",
                      encoding="utf-8")
    result = run("batch", source, "-o", tmp_path / "hasil.xlsx", "--workers", 1)
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(tmp_path / "hasil.xlsx")["Keluarga"]
    head = [c.value for c in sheet[1]]
    granted, invalid = ({name: c.value for name, c in zip(head, cells)} for cells in sheet.iter_rows(min_row=2))
    assert invalid["Hasil"].startswith("Tidak direncanakan: members: ")
    # The family with a BSPS grant: its plan without it, in words, beside the month.
    assert granted["Tanpa bantuan"] in ("Layak huni dalam rencana", "Belum layak huni dalam rencana")


def test_a_list_of_rows_longer_than_an_excel_cell_points_to_its_column(office):
    """Excel holds 32,767 characters a cell and openpyxl cuts what is longer without a word (a row
    number in half): 7,200 households picked are said by count, marked on the households sheet."""
    from rumah.program.report import EXCEL_CELL, summary_rows
    summary = office[3]
    picked = list(range(2, 7202))
    scenario = summary["grant_effect"]["scenario"] | {"grants": 7200, "rows_for_24": picked,
                                                      "rows_for_60": [2, 3, 4]}
    rows = dict(summary_rows(summary | {"grant_effect": summary["grant_effect"] | {"scenario": scenario}}, "id"))
    assert len(" ".join(map(str, picked))) > EXCEL_CELL
    assert rows["Baris keluarga tersebut (24 bulan)"] == ("7200 keluarga: ditandai di kolom 'Penerima 7200 "
                                                          "BSPS tambahan (24 bulan)' pada lembar 'Keluarga'")
    assert rows["Baris keluarga tersebut (60 bulan)"] == "2 3 4"
