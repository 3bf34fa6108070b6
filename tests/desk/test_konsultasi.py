"""rumah konsultasi driven by a script on standard input, as a technician would answer."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import cli
from rumah import i18n
from rumah.clock import today

ROOT = Path(__file__).resolve().parents[2]

#: A fisher family in Kendal: one answer per question, in the order asked ("" keeps the default).
ANSWERS = ["Keluarga Bapak Slamet", "5", "3", "kendall", "2,4 juta", "30%",
           "",                            # the same money every month
           "3.000.000",
           "ya", "", "", "4",             # BSPS: default amount and materials, arriving in month 4
           "tidak",                       # no other grant
           "tidak",                       # no loan
           "6", "12", "ya",               # plot 6 x 12 m, floods
           "inti-6m", "0,5",              # the core house, floor 0.5 m up
           "2", "", "screed",             # concrete block walls, default roof, cement screed floor
           "2",                           # gotong royong
           ""]                            # none of the changes that would help

EXPECTED = {
    "name": "Keluarga Bapak Slamet", "members": 5, "composition": {"adults": 2, "children": 3},
    "region": "kendal", "income_monthly": 2_400_000, "housing_share": 0.3, "savings": 3_000_000,
    "grants": [{"name": "BSPS", "kind": "bsps", "amount": 20_000_000, "materials": 17_500_000,
                "labour": 2_500_000, "month": 4}],
    "plot": {"width_m": 6.0, "depth_m": 12.0, "flood_risk": True},
    "template": "inti-6m",
    "parameters": {"plinth_height": 0.5, "wall": "concrete_block", "roof": "steel_metal", "floor": "screed"},
    "labour": "gotong_royong", "horizon_months": 120,
    # Plan month 1 is the consultation's month (today's, in these tests).
    "start_month": today().strftime("%Y-%m"),
}


def consult(folder: Path, answers: list[str], *extra: str):
    return CliRunner().invoke(cli.main, ["konsultasi", "-o", str(folder), *extra],
                              input="".join(a + "\n" for a in answers))


def saved(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_full_consultation_writes_the_household_the_plan_and_the_quote(tmp_path):
    result = consult(tmp_path / "slamet", ANSWERS)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "slamet"
    assert saved(folder / "household.yaml") == EXPECTED
    assert "-> Kabupaten Kendal (kendal)" in result.output               # the spelling put right, and said
    assert "2. Batako: -Rp" in result.output                            # price effects shown
    assert "Perkiraan biaya" in result.output and "Rencana pembangunan bertahap" in result.output
    # A month of the plan is echoed with its calendar month (month 1 is this one, December 2026),
    # and "no lean months" as the word.
    assert "-> 4 (Maret 2027)" in result.output and "[1 (Desember 2026)]" in result.output
    assert "1 2 12; tidak: sama setiap bulan) [tidak]:" in result.output
    # Labour, the largest choice, with its effect as the walls, roof and floor have theirs: the
    # difference of the two bills of the household saved.
    from rumah.plan.household import parse_household
    from rumah.plan.planner import plan_household
    from rumah.schema import Where
    bills = {labour: plan_household(parse_household(EXPECTED | {"labour": labour}, Where("h.yaml"))).bill.total
             for labour in ("paid", "gotong_royong")}
    saved_by = i18n.rupiah(bills["paid"] - bills["gotong_royong"], "id")
    assert "1. Tukang dan pekerja dibayar semua: pilihan sekarang; " in result.output
    assert f"2. Pekerja dari gotong royong, tukang tetap dibayar: -{saved_by}; layak huni mulai" in result.output
    # With the first amounts, how many of the prices behind them are indicative, as the estimate counts.
    choices = [arg for name, value in EXPECTED["parameters"].items() for arg in ("--set", f"{name}={value}")]
    counts = json.loads(CliRunner().invoke(cli.main, ["estimate", "inti-6m", "--region", "kendal", *choices,
                                                      "--format", "json"]).output)["indicative_prices"]
    estimate = result.output.index("Perkiraan biaya")
    said = result.output.index(f"{counts['count']} dari {counts['of']} harga indikatif", estimate)
    assert said < result.output.index("Rencana pembangunan bertahap")
    assert (folder / "quote.pdf").read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in folder.glob("*.dxf")) == (["denah-potongan.dxf"]
                                                            + [f"denah-tahap-{n}.dxf" for n in (1, 2, 3)])
    plan = CliRunner().invoke(cli.main, ["plan", str(folder / "household.yaml")])
    assert plan.exit_code == 0 and "Keluarga Bapak Slamet" in plan.output
    # The last estimate gives the list's total at its month and the same house risen to the
    # consultation's, the figure the house types were offered with; each names its month.
    from rumah.plan.planner import plan_household
    final = plan_household(folder / "household.yaml")
    last = result.output[result.output.rindex("Perkiraan biaya"):].split("\n")[0]
    assert "harga Juli 2024" in last and f"seluruhnya {i18n.rupiah(final.bill.total, 'id')}" in last
    assert f"atau {i18n.rupiah(final.total_at_start, 'id')} dengan harga Desember 2026" in last
    # The plan on the desk's screen says what would help, as `rumah plan` does.
    advice = json.loads(CliRunner().invoke(cli.main, ["plan", str(folder / "household.yaml"), "--format",
                                                      "json"]).output)["advice"]
    assert advice and "Yang bisa membantu (saran):" in result.output
    # Each as the plan says it, its month as a calendar month (the consultation's, today's) too.
    from rumah.documents.quote import calendar
    for saran in advice:
        what, month = saran["text"].rsplit(": ", 1)[0], saran["livable_month"]
        when = calendar(today(), month, "id")
        assert f"{what}: layak huni {when} (bulan ke-{month})" in result.output


def test_the_household_file_starts_its_plan_in_the_consultations_month(tmp_path):
    """A consultation held (or dated) in July plans from July; planned again later, the file
    gives the same months and prices, not plans from the month it is opened in."""
    from rumah.plan.household import load_household
    from rumah.plan.planner import plan_household
    result = consult(tmp_path / "slamet", ANSWERS, "--date", "2026-07-01")
    assert result.exit_code == 0, result.output
    path = tmp_path / "slamet" / "household.yaml"
    assert saved(path)["start_month"] == "2026-07"
    later = plan_household(load_household(path), start=datetime.date(2027, 2, 1))
    then = plan_household(load_household(path), start=datetime.date(2026, 7, 1))
    assert later.best.steps == then.best.steps and later.household.start == (2026, 7)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by .ci/run")
def test_a_file_reopened_in_a_later_month_plans_from_that_month_and_says_so(tmp_path):
    """Held in July, reopened in the next February: the answers are given as of February
    (savings now, a grant's month from now), so the plans, the file and the quote start there;
    the technician is told the month moved.  Before, the quote dated February planned the
    foundation for the July before."""
    folder = tmp_path / "slamet"
    assert consult(folder, ANSWERS, "--date", "2026-07-01").exit_code == 0
    household = folder / "household.yaml"
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(household), "--date", "2027-02-01"],
                                input="\n" * 60)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "direncanakan mulai 2026-07; konsultasi ini merencanakan mulai 2027-02" in flat
    assert saved(household)["start_month"] == "2027-02"
    text = subprocess.run(["pdftotext", str(folder / "quote.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Bulan ke-1 = Februari 2027" in " ".join(text.split())
    # The grant due in October 2026 (month 4 from July) is due already in February: month 1.
    assert saved(household)["grants"][0]["month"] == 1


def test_a_file_reopened_later_keeps_its_grants_calendar_month(tmp_path):
    """Held in December with the grant in month 7 (June), reopened in March: Enter keeps June,
    month 4 now, where it moved the grant to September."""
    answers = ANSWERS[:11] + ["7"] + ANSWERS[12:]
    folder = tmp_path / "slamet"
    assert consult(folder, answers, "--date", "2026-12-01").exit_code == 0
    household = folder / "household.yaml"
    assert saved(household)["grants"][0]["month"] == 7
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(household), "--date", "2027-03-01"],
                                input="\n" * 60)
    assert result.exit_code == 0, result.output
    assert saved(household)["grants"][0]["month"] == 4 and saved(household)["start_month"] == "2027-03"


def test_invalid_answers_are_explained_and_asked_again(tmp_path):
    answers = ANSWERS[:1] + ["lima", "0", "5", "7", "3", "kendal", "dua juta", "-5", "0", "2.400.000", "150%",
                             "30%"] + ANSWERS[6:]
    result = consult(tmp_path / "slamet", answers)
    assert result.exit_code == 0, result.output
    assert "Jawab dengan angka." in result.output                       # "lima"
    assert "Angka harus antara 1 dan 30." in result.output              # 0 members
    assert "Angka harus antara 0 dan 4." in result.output               # 7 children of 5
    assert result.output.count("Tulis jumlah rupiah") == 1              # "dua juta"
    assert "Jumlah uang tidak bisa kurang dari nol" in result.output    # "-5"
    assert "Penghasilan harus lebih dari Rp 0" in result.output         # "0": nothing to plan with
    assert saved(tmp_path / "slamet" / "household.yaml") == EXPECTED


def test_the_way_to_resume_keeps_the_clinic_and_the_date(tmp_path):
    """Resumed as the screen says, the quote keeps the clinic's name and the plan its month."""
    clinic = tmp_path / "klinik.yaml"
    clinic.write_text("name: Klinik Rumah Swadaya Kaliwungu\n", encoding="utf-8")
    folder = tmp_path / "slamet"
    result = consult(folder, ANSWERS[:9], "--clinic", str(clinic), "--date", "2027-01-15")
    assert result.exit_code == 1
    said = f"rumah konsultasi --from {folder / 'household.yaml'} --clinic {clinic} --date 2027-01-15 --lang id"
    assert said in " ".join(result.output.split())


def test_end_of_input_leaves_a_file_to_resume_from(tmp_path):
    folder = tmp_path / "slamet"
    result = consult(folder, ANSWERS[:9])                                 # stops in the grant questions
    assert result.exit_code == 1
    # In the conversation's language (Indonesian), on this English computer too.
    assert f"Disimpan: {folder / 'household.yaml'} - rumah konsultasi --from" in result.output
    partial = folder / "household.yaml"
    text = partial.read_text(encoding="utf-8")
    assert text.startswith("# Konsultasi belum selesai")
    assert saved(partial)["savings"] == 3_000_000 and "template" not in saved(partial)
    assert sorted(p.name for p in folder.iterdir()) == ["household.yaml"]   # no quote, no temporary files
    # Reopened: every saved answer is the default, so Enter carries on where it stopped.
    resumed = consult(folder, [""] * 8 + ANSWERS[8:], "--from", str(partial))
    assert resumed.exit_code == 0, resumed.output
    assert saved(partial) == EXPECTED
    assert (folder / "quote.pdf").exists()


@pytest.mark.parametrize("stop", [7, 8])
def test_a_consultation_stopped_after_the_seasons_keeps_them(tmp_path, stop):
    """Stopped at the lean months' shares (7 answers) or at the savings (8): reopened, Enter keeps
    January and February at 40 %, and the file says so."""
    answers = ANSWERS[:6] + ["Jan Feb", "40%"] + ANSWERS[7:]
    folder = tmp_path / "nelayan"
    assert consult(folder, answers[:stop]).exit_code == 1
    resumed = consult(folder, [""] * stop + answers[stop:], "--from", str(folder / "household.yaml"))
    assert resumed.exit_code == 0, resumed.output
    assert "tidak bisa dipakai" not in resumed.output
    assert saved(folder / "household.yaml")["seasonal"] == [0.4, 0.4] + [1.0] * 10


@pytest.mark.parametrize("text, rate", [("6%", 0.06), ("6", 0.06), ("0,06", 0.06), ("3%", 0.03), ("0,25", 0.25),
                                        ("0,5", None), ("0.3", None)])
def test_a_bare_rate_that_would_be_more_than_a_quarter_a_year_is_asked_again(text, rate):
    """"0,5" is as likely half a per cent a month as 50 % a year: asked again with a per cent sign."""
    from rumah.desk.konsultasi import Invalid, rate_answer
    if rate is None:
        with pytest.raises(Invalid, match="per cent sign"):
            rate_answer(text, "en")
    else:
        assert rate_answer(text, "en") == pytest.approx(rate)


@pytest.mark.parametrize("text", ["200.000", "1.500.000", "Rp. 200.000,-", "Rp 200.000", "rp200000"])
def test_a_lean_months_share_that_looks_like_money_is_asked_again(text):
    from rumah.desk.konsultasi import Invalid, shares_answer
    with pytest.raises(Invalid, match="looks like an amount of money"):
        shares_answer(text, "en", 3)
    assert shares_answer("40%", "en", 3) == shares_answer("0,4", "en", 3) == (0.4, 0.4, 0.4)


def test_from_changes_one_answer_and_regenerates(tmp_path):
    folder = tmp_path / "slamet"
    assert consult(folder, ANSWERS).exit_code == 0
    first_quote = (folder / "quote.pdf").read_bytes()
    household = folder / "household.yaml"
    answers = [""] * len(ANSWERS)
    answers[7] = "9.000.000"                                              # more savings, nothing else
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(household)],
                                input="".join(a + "\n" for a in answers))
    assert result.exit_code == 0, result.output
    assert saved(household) == EXPECTED | {"savings": 9_000_000}
    assert (folder / "quote.pdf").read_bytes() != first_quote


def test_a_second_grant_and_a_loan(tmp_path):
    answers = ANSWERS[:12] + ["ya", "Dana desa", "5 juta", "6",          # a village grant in month 6
                              "ya", "", "15.000.000", "6%", "36"] + ANSWERS[14:]
    result = consult(tmp_path / "slamet", answers)
    assert result.exit_code == 0, result.output
    household = saved(tmp_path / "slamet" / "household.yaml")
    assert household["grants"] == EXPECTED["grants"] + [{"name": "Dana desa", "amount": 5_000_000, "month": 6}]
    assert household["loans"] == [{"name": "KUR Mikro", "amount": 15_000_000, "annual_rate": 0.06,
                                   "tenor_months": 36}]
    assert "_bsps" not in household and "_other" not in household


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("example", ["kendal-nelayan", "madiun-pabrik", "pekalongan-rob"])
def test_reopening_a_household_and_pressing_enter_changes_nothing(tmp_path, example, lang):
    from rumah.plan.household import load_household
    original = ROOT / "examples" / f"{example}.yaml"
    copy = tmp_path / f"{example}.yaml"
    copy.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(copy), "--lang", lang], input="\n" * 60)
    assert result.exit_code == 0, result.output
    before, after = load_household(original), load_household(copy)
    # A file without a plot gets the plot the questions asked for (their defaults, kept by Enter);
    # one without a start month, the month of the consultation, from which its plans were shown.
    fields = [f for f in before.__dataclass_fields__
              if f not in ("file", "note", "parameters", "plot", "flood_risk", "start")]
    assert {f: getattr(after, f) for f in fields} == {f: getattr(before, f) for f in fields}
    now = today()
    assert after.start == (before.start or (now.year, now.month))
    # Choices the file left to their defaults are now written out; the house is the same.
    from rumah.house.design import build_design
    from rumah.house.template import load_template
    template = load_template(before.template)
    assert build_design(template, after.parameters).values == build_design(template, before.parameters).values


@pytest.mark.parametrize("answered", [3, 11])
def test_interrupting_a_reopened_file_leaves_it_as_it_was_and_keeps_the_answers_beside_it(tmp_path, answered):
    """Stopped after 3 answers, or within the grant's questions (11): the finished file, which the
    quote beside it was made from, is not touched (no 'unfinished' mark, no half-asked grant that
    rumah plan refuses); the answers so far wait in household.unfinished.yaml, and that finished
    writes household.yaml and goes."""
    folder = tmp_path / "slamet"
    assert consult(folder, ANSWERS).exit_code == 0
    household = folder / "household.yaml"
    before = household.read_bytes()
    stopped = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(household)], input="\n" * answered)
    assert stopped.exit_code == 1
    assert household.read_bytes() == before
    assert CliRunner().invoke(cli.main, ["plan", str(household)]).exit_code == 0
    draft = folder / "household.unfinished.yaml"
    assert f"Disimpan: {draft} - rumah konsultasi --from" in stopped.output
    assert draft.read_text(encoding="utf-8").startswith("# Konsultasi belum selesai")
    # Reopening the finished file again does not overwrite the answers waiting in the draft.
    kept = draft.read_bytes()
    again = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(household)], input="\n" * 3)
    assert again.exit_code == 1 and f"carry on with --from {draft}" in again.output
    assert draft.read_bytes() == kept and household.read_bytes() == before
    resumed = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(draft)], input="\n" * 40)
    assert resumed.exit_code == 0, resumed.output
    assert saved(household) == EXPECTED and not draft.exists()
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".yaml") == ["household.yaml"]


def test_a_district_is_taken_for_a_slip_of_its_name_and_only_suggested_for_a_name_merely_alike():
    """'kendall' is Kendal mistyped and 'surakrta' Surakarta; 'jakarta' is not Surakarta nor
    'sumatra' Semarang: their prices are another district's, so they are asked again, with
    the names alike suggested."""
    from rumah.desk.konsultasi import Invalid, pick
    regions = ["banjar", "batang", "blora", "kendal", "madiun", "pekalongan", "pemalang", "semarang",
               "semarang-kab", "surakarta", "tangerang"]
    assert [pick(a, "id", regions) for a in ("kendall", "surakrta", "madion", "Kendal", "4", "KENDAL", "bolra")] == \
        ["kendal", "surakarta", "madiun", "kendal", "kendal", "kendal", "blora"]
    for answer, suggested in (("jakarta", "surakarta"), ("sumatra", "semarang")):
        with pytest.raises(Invalid, match=f"'{answer}'.*{suggested}"):
            pick(answer, "id", regions)
    # By the names shown: shortened, mistyped a letter a word, begun, or the code in brackets.
    named = {"kendal": "Kabupaten Kendal (kendal)", "pemalang": "Kabupaten Pemalang (pemalang)",
             "semarang": "Kota Semarang (semarang)", "semarang-kab": "Kabupaten Semarang (semarang-kab)",
             "madiun": "Kabupaten Madiun (madiun)"}
    assert [pick(a, "id", list(named), named) for a in ("kab. kendal", "Kab Semarang", "kota semarang")] == \
        ["kendal", "semarang-kab", "semarang"]
    with pytest.raises(Invalid):
        pick("kota madiun", "id", list(named), named)        # a city, not the regency of that name
    walls = {"red_brick": "Bata merah", "concrete_block": "Batako", "aac": "Bata ringan (AAC)"}
    assert [pick(a, "id", list(walls), walls) for a in ("Bat ringan", "AAC", "bata merh")] == \
        ["aac", "aac", "red_brick"]
    with pytest.raises(Invalid):
        pick("bata", "id", list(walls), walls)              # three walls begin so: asked again
    labour = {"paid": "All paid: tradesmen and labourers", "gotong_royong": "Community labour, tradesmen paid"}
    assert [pick(a, "en", list(labour), labour) for a in ("piad", "comunity labour")] == ["paid", "gotong_royong"]


def test_a_late_family_nothing_helps_is_told_so(tmp_path):
    """Six persons on Rp 1,2 juta in Pekalongan: no house is livable within the ten years, and
    none of the changes tried makes one livable: the consultation says so rather than nothing."""
    answers = ["Keluarga Uji", "6", "4", "pekalongan", "1.200.000", "30%", "", "2.000.000", "tidak", "tidak",
               "tidak", "7", "15", "tidak"] + [""] * 10
    result = consult(tmp_path / "uji", answers, "--date", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert "belum layak huni dalam 120 bulan" in result.output
    assert "Tidak ada saran: rencana ini sudah sebaik yang bisa dicapai" in result.output
    assert "Pakai salah satu saran ini?" not in result.output


def test_a_bsps_split_far_from_bspss_own_is_questioned_and_kept(tmp_path):
    """BSPS gives 87,5 % of its amount as materials; a technician who types 1 juta for 17,5 is told
    the share that answer makes (the family's wages part grows from 2,5 to 19 juta), and the answer
    stands: some grants are split otherwise.  A grant of another amount is offered BSPS's share of
    it.  (Each consultation stops after the grant questions: what they save is what is tested.)"""
    for folder, answers, parts, questioned in (
            ("odd", ["", "1 juta", "4"], (1_000_000, 19_000_000), True),
            ("usual", ["", "", "4"], (17_500_000, 2_500_000), False),
            ("larger", ["35 juta", "", "4"], (30_625_000, 4_375_000), False)):        # 35 x 17,5 / 20
        result = consult(tmp_path / folder, ANSWERS[:9] + answers + ["tidak"])
        assert result.exit_code == 1 and "--from" in result.output                  # stopped, as asked
        grant = saved(tmp_path / folder / "household.yaml")["grants"][0]
        assert (grant["materials"], grant["labour"]) == parts
        said = "BSPS biasanya memberi 87,5 % bantuan sebagai bahan, Rp 17.500.000 dari Rp 20.000.000; " \
               "bantuan ini memberi 5 %, sisanya sebagai upah"
        assert (said in result.output) == questioned, result.output


@pytest.mark.parametrize("example", ["kendal-rtlh", "pekalongan-rtlh"])
def test_reopening_a_surveyed_house_keeps_its_survey(tmp_path, example):
    """A household file with an ``existing_house`` (a family living in a house to repair),
    reopened with every saved answer kept: the survey stays as it was, the plan repairs that house
    (as ``rumah plan`` plans the file), and nothing is said to be unusable.  (It was dropped as
    "a house type and a house both given" and the file rewritten without it.)"""
    examples = Path(__file__).resolve().parents[2] / "examples"
    saved = tmp_path / "k" / "household.yaml"
    saved.parent.mkdir()
    shutil.copy(examples / f"{example}.yaml", saved)
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(saved), "--date", "2026-12-01"],
                                input="\n" * 80)
    assert result.exit_code == 0, result.output[-800:]
    assert "tidak bisa dipakai" not in result.output and "cannot be used" not in result.output
    kept = yaml.safe_load(saved.read_text(encoding="utf-8"))
    original = yaml.safe_load((examples / f"{example}.yaml").read_text(encoding="utf-8"))
    assert kept["existing_house"] == original["existing_house"] and "template" not in kept
    # A plot with a flood record is said to flood (Enter keeps it so).
    if "flood" in original.get("plot", {}):
        assert kept["plot"]["flood"] == original["plot"]["flood"] and kept["plot"]["flood_risk"] is True
    from rumah.plan.household import load_household
    from rumah.plan.planner import plan_household
    planned = plan_household(load_household(saved), start=datetime.date(2026, 12, 1))
    assert planned.improvement is not None
    assert f"Rumah layak huni mulai bulan ke-{planned.best.livable_month}" in result.output


def test_a_grant_or_loan_of_rp_0_is_taken_as_none(tmp_path):
    """Rp 0 for the BSPS grant or the loan: no grant, no loan (a household file refuses an amount
    of nothing, which used to end the consultation with an error after the last question)."""
    assert ANSWERS[8:14] == ["ya", "", "", "4", "tidak", "tidak"]     # BSPS, other grant, loan
    answers = ANSWERS[:8] + ["ya", "0", "tidak", "ya", "KUR", "0"] + ANSWERS[14:]
    result = consult(tmp_path / "nol", answers)
    assert result.exit_code == 0, result.output[-800:]
    assert result.output.count("Rp 0: dianggap tidak ada.") == 2
    household = saved(tmp_path / "nol" / "household.yaml")
    assert "grants" not in household and "loans" not in household


def test_a_bsps_amount_changed_offers_the_usual_materials_part_of_it(tmp_path):
    """A reopened file whose BSPS grant said Rp 0 (materials Rp 0): answered 20 juta, the
    materials part offered is 87,5 % of it, not the Rp 0 saved for the old amount."""
    raw = dict(EXPECTED) | {"grants": [{"name": "BSPS", "kind": "bsps", "amount": 0, "materials": 0, "month": 4}]}
    path = tmp_path / "k" / "household.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # name, members, children, region, income, share, seasons, savings, BSPS yes, then the amount.
    answers = [""] * 9 + ["20 juta"] + [""] * 40
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(path)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output[-600:]
    assert "Bagian yang berupa bahan bangunan (Rp) [Rp 17.500.000]" in result.output
    (grant,) = saved(path)["grants"]
    assert (grant["amount"], grant["materials"]) == (20_000_000, 17_500_000)


def test_a_bsps_materials_part_saved_as_text_is_kept_on_reopening(tmp_path):
    """The saved amount written as the file may write it ("20.000.000"), kept with Enter: its
    saved materials part (15 juta) is offered and kept, not replaced by the usual 87,5 %."""
    raw = dict(EXPECTED) | {"grants": [{"name": "BSPS", "kind": "bsps", "amount": "20.000.000",
                                        "materials": "15.000.000", "month": 4}]}
    path = tmp_path / "k" / "household.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(path)], input="\n" * 60)
    assert result.exit_code == 0, result.output[-600:]
    (grant,) = saved(path)["grants"]
    assert (grant["amount"], grant["materials"], grant["labour"]) == (20_000_000, 15_000_000, 5_000_000)


def test_one_person_is_not_asked_for_children_and_districts_are_numbered(tmp_path):
    """A family of one is an adult: the children question, whose only answer would be 0 ("between
    0 and 0"), is not asked.  The districts are listed with the numbers that pick them."""
    answers = [ANSWERS[0], "1"] + ANSWERS[3:]
    result = consult(tmp_path / "satu", answers)
    assert result.exit_code == 0, result.output[-600:]
    assert "antara 0 dan 0" not in result.output
    assert saved(tmp_path / "satu" / "household.yaml")["composition"] == {"adults": 1, "children": 0}
    listed = result.output.split("Daftar harga yang tersedia: ", 1)[1].split("\n", 1)[0]
    names = listed.split(", ")
    assert len(names) > 3 and all(name.startswith(f"{k}. ") for k, name in enumerate(names, 1))
    assert any(name.endswith("Kabupaten Kendal (kendal)") for name in names)


@pytest.mark.parametrize("text, no", [("ya", False), ("nggih", False), ("enggak", True), ("ga", True), ("ndak", True),
                                      ("ora", True), ("mboten", True)])
def test_yes_and_no_as_technicians_type_them(text, no):
    from rumah.desk.konsultasi import yes_no
    assert yes_no(text, "id") is not no


@pytest.mark.parametrize("text, month", [("4", 4), ("Juni", 4), ("maret", 1), ("Feb", 12), ("desember", 10),
                                         ("Juni 2027", 16), ("maret 2026", 1)])
def test_a_grants_month_may_be_named_counting_this_month_as_one(text, month):
    """Asked on 10 March 2026: June is plan month 4, March this month, February next year's."""
    from rumah.desk.konsultasi import plan_month_answer
    assert plan_month_answer(text, "id", datetime.date(2026, 3, 10)) == month


@pytest.mark.parametrize("text, months", [("36", 36), ("36 bulan", 36), ("5 tahun", 60), ("1,5 tahun", 18),
                                          ("3 th", 36), ("2 years", 24), ("1,3 tahun", None)])
def test_months_to_repay_may_be_said_in_years(text, months):
    from rumah.desk.konsultasi import Invalid, tenor_answer
    if months is None:
        with pytest.raises(Invalid, match="whole months"):
            tenor_answer(text, "en")
    else:
        assert tenor_answer(text, "id") == months


def test_a_saved_loan_rate_above_a_quarter_is_offered_again_as_it_was(tmp_path):
    """A cooperative's 30 % a year, saved as 0.3: reopened, Enter keeps 30 %, not the 6 % default."""
    folder = tmp_path / "koperasi"
    folder.mkdir()
    text = (ROOT / "examples" / "madiun-pabrik.yaml").read_text(encoding="utf-8")
    assert "annual_rate: 0.06" in text
    (folder / "household.yaml").write_text(text.replace("annual_rate: 0.06", "annual_rate: 0.30", 1),
                                           encoding="utf-8")
    result = consult(folder, [""] * 60, "--from", str(folder / "household.yaml"))
    assert result.exit_code == 0, result.output
    assert "tidak bisa dipakai" not in result.output and "[30%]" in result.output
    assert saved(folder / "household.yaml")["loans"][0]["annual_rate"] == pytest.approx(0.3)


def test_a_saved_share_and_rate_are_offered_with_a_decimal_comma_and_kept(tmp_path):
    """27,5 %, not 27.5%, on an Indonesian desk; Enter keeps the very share and rate."""
    raw = yaml.safe_load((ROOT / "examples" / "madiun-pabrik.yaml").read_text(encoding="utf-8"))
    raw["housing_share"] = 0.275
    raw["loans"][0]["annual_rate"] = 0.065
    copy = tmp_path / "h.yaml"
    copy.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(copy)], input="\n" * 60)
    assert result.exit_code == 0, result.output
    assert "[27,5%]" in result.output and "[6,5%]" in result.output and "27.5%" not in result.output
    kept = saved(copy)
    assert kept["housing_share"] == 0.275 and kept["loans"][0]["annual_rate"] == 0.065


@pytest.mark.parametrize("function, args, said", [
    # More than half the income, as a share or an amount (the most a saran asks, rumah.plan.advice).
    ("budget_answer", ("100%", "id", 2_400_000), "lebih dari separuh penghasilan (Rp 2.400.000)"),
    ("budget_answer", ("1.300.000", "id", 2_400_000), "lebih dari separuh penghasilan"),
    # A small number with no sign: a share in per cent or an amount in juta? (2,5 was taken as 2,5 %.)
    ("budget_answer", ("2,5", "id", 2_400_000), "2,5 terbaca sebagai 2,5% dari penghasilan (Rp 60.000 sebulan): "
                                                "tulis 2,5% untuk itu, atau 2,5 juta untuk jumlah rupiah."),
    ("rupiah_answer", ("-2.000.000", "id"), "Jumlah uang tidak bisa kurang dari nol: tulis 0 bila tidak ada."),
    ("rupiah_answer", ("Rp -2.000.000", "id"), "Jumlah uang tidak bisa kurang dari nol"),
    ("budget_answer", ("1", "id", 2_400_000), "1 terbaca sebagai 1% dari penghasilan (Rp 24.000 sebulan)"),
    # A grant typed in thousands.
    ("offer_answer", ("2.500", "id"), "Rp 2.500 terlalu kecil untuk bantuan atau pinjaman: tulis jumlah lengkapnya, "
                                      "misalnya 2.500.000 atau 2,5 juta."),
    # Half a per cent a month typed as a rate a year.
    ("rate_answer", ("0,5%", "id"), "0,5% setahun lebih kecil daripada bunga pemberi pinjaman mana pun; bila itu "
                                    "bunga sebulan, tulis bunga setahun (6%)"),
    # Less than any lender asks even a month: no rate a year to suggest that would be refused too.
    ("rate_answer", ("0,05%", "id"), "0,05% setahun lebih kecil daripada bunga pemberi pinjaman mana pun, juga bila "
                                     "itu bunga sebulan"),
])
def test_an_answer_no_family_means_is_asked_again(function, args, said):
    from rumah.desk import konsultasi
    from rumah.desk.konsultasi import Invalid
    with pytest.raises(Invalid, match=re.escape(said)):
        getattr(konsultasi, function)(*args)


def test_the_plausible_neighbours_of_those_answers_pass():
    from rumah.desk.konsultasi import budget_answer, offer_answer, rate_answer
    assert budget_answer("50%", "id", 2_400_000) == ("share", 0.5)
    assert budget_answer("2,5%", "id", 2_400_000) == ("share", 0.025) == budget_answer("0,025", "id", 2_400_000)
    assert budget_answer("5", "id", 2_400_000) == ("share", 0.05)
    assert budget_answer("1.200.000", "id", 2_400_000) == ("monthly", 1_200_000)
    assert offer_answer("0", "id") == 0 and offer_answer("100.000", "id") == 100_000
    assert rate_answer("0%", "id") == 0 and rate_answer("3%", "id") == pytest.approx(0.03)


@pytest.mark.parametrize("typed, yearly", [("1,5% per bulan", 0.18), ("1,5 %/bln", 0.18), ("0,5 per bulan", 0.06),
                                           ("1.5% a month", 0.18), ("2% sebulan", 0.24), ("0 per bulan", 0.0)])
def test_a_rate_a_month_as_cooperatives_quote_it_is_taken_as_twelve_times_that_a_year(typed, yearly):
    from rumah.desk.konsultasi import rate_answer
    assert rate_answer(typed, "id") == pytest.approx(yearly)


@pytest.mark.parametrize("typed, yearly", [("1,5", "18%"), ("2%", "24%"), ("1%", "12%")])
def test_a_rate_below_the_cheapest_lenders_is_asked_again_as_a_rate_a_month(typed, yearly):
    """The cheapest loan of catalog/loans.yaml is 3 % a year: 1,5 or 2 % typed for the rate a year
    is a cooperative's rate a month, which made the loan look almost free."""
    from rumah.desk.konsultasi import Invalid, rate_answer
    with pytest.raises(Invalid, match=re.escape(f"tulis bunga setahun ({yearly})")):
        rate_answer(typed, "id")


@pytest.mark.parametrize("typed, kind, meant", [("20", "offer", "20.000.000"), ("2", "income", "2.000.000"),
                                                ("250", "income", "250.000"), ("2.500", "offer", "2.500.000")])
def test_the_whole_amount_suggested_for_one_in_thousands_is_itself_taken(typed, kind, meant):
    """'20' for a grant is 20 juta, not Rp 20.000, which is refused too: the hint offers an amount
    the question takes."""
    from rumah.desk.konsultasi import Invalid, _income_answer, offer_answer
    answer = offer_answer if kind == "offer" else _income_answer
    with pytest.raises(Invalid) as refused:
        answer(typed, "id")
    assert f"misalnya {meant} atau" in str(refused.value)
    assert answer(meant, "id") > 0


def test_a_grant_the_plan_would_lose_in_part_is_said_with_the_livable_month(tmp_path):
    """Not only among the notes after the last question: the loss is said with the estimate."""
    from rumah.plan.planner import plan_household
    # Pekalongan's grant to be spent within its own month: the septic tank uses some of it, and
    # the floor raising, two months' work that would end after it, has only the first tranche,
    # which leaves the family more to pay than it has: the rest is lost.
    copy = tmp_path / "p.yaml"
    text = (ROOT / "examples" / "pekalongan-rtlh.yaml").read_text(encoding="utf-8")
    copy.write_text(text.replace("month: 2}", "month: 2, period_months: 1}"), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(copy)], input="\n" * 60)
    assert result.exit_code == 0, result.output
    plan = plan_household(copy)
    (use,) = plan.grants
    lost = use.lost_materials + use.lost_labour
    assert lost > 0 and use.used_materials + use.used_labour > 0
    said = (f"{use.name}: {i18n.rupiah(lost, 'id')} darinya tidak terpakai sampai bulan ke-{use.end_month} dan "
            "hangus (sebabnya: di catatan rencana).")
    assert said in result.output
    assert result.output.index(said) < result.output.index("Rencana pembangunan bertahap")


def test_a_surveyed_clay_tile_roof_is_offered_mended_in_kind(tmp_path):
    """Madiun's leaking clay-tile roof: the roof question offers clay tiles as the choice now, and
    Enter keeps them (it offered metal sheet, and saved it, undoing the mend in kind)."""
    copy = tmp_path / "m.yaml"
    copy.write_text((ROOT / "examples" / "madiun-rtlh.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(copy)], input="\n" * 60)
    assert result.exit_code == 0, result.output
    assert "Rangka kayu + genteng tanah liat: pilihan sekarang" in result.output
    assert saved(copy)["parameters"]["roof"] == "timber_clay_tile"


def test_a_saved_answer_its_question_refuses_is_shown_as_typed_with_the_reason(tmp_path):
    """A file saved with 60 % of the income for the house, more than any answer may now be."""
    raw = yaml.safe_load((ROOT / "examples" / "madiun-pabrik.yaml").read_text(encoding="utf-8"))
    raw["housing_share"] = 0.6
    copy = tmp_path / "h.yaml"
    copy.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(copy)], input="\n" * 60)
    assert result.exit_code == 0, result.output
    assert "(jawaban tersimpan 60% tidak bisa dipakai: Itu lebih dari separuh penghasilan (Rp 4.300.000)" in \
        result.output
    assert "('share', 0.6)" not in result.output and saved(copy)["housing_share"] == 0.3


def test_a_house_type_chosen_too_big_for_the_plot_is_said_as_it_is_chosen(tmp_path):
    """On a plot 5 x 9 m no house type fits; the core house chosen all the same is said at once to
    be larger than the plot, with its size and its steps', not first in the quote."""
    answers = ANSWERS[:14] + ["5", "9", "tidak", "inti-6m"] + ANSWERS[18:]
    result = consult(tmp_path / "sempit", answers)
    assert result.exit_code == 0, result.output
    said = "perlu 6,00 x 8,78 m dengan tangga masuknya: lebih besar dari kavling (5,00 x 9,00 m)"
    assert said in result.output
    assert result.output.index(said) < result.output.index("Perkiraan biaya", result.output.index("Pilih tipe rumah"))


def test_after_a_visit_the_grant_question_asks_what_is_still_to_come(tmp_path):
    """A visit leaves in the file what is still to come of the grant (Rp 16 juta of 20): the
    question says so, or a technician 'correcting' it to 20 juta counts what it paid twice."""
    raw = yaml.safe_load((ROOT / "examples" / "kendal-nelayan.yaml").read_text(encoding="utf-8"))
    raw["built"] = [{"step": 1, "package": "structure"}]
    raw["grants"][0]["amount"] = 16_000_000
    raw["grants"][0]["materials"] = 13_500_000
    copy = tmp_path / "h.yaml"
    copy.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(copy)], input="\n" * 60)
    assert result.exit_code == 0, result.output
    assert "Nilai bantuan yang masih akan diterima, sesudah yang sudah dipakai untuk pekerjaan yang dibangun (Rp) " \
           "[Rp 16.000.000]" in result.output
    # A file without work built asks for the grant's amount, as before.
    plain = CliRunner().invoke(cli.main, ["konsultasi", "-o", str(tmp_path / "baru")],
                               input="".join(a + "\n" for a in ANSWERS))
    assert "Nilai bantuan (Rp)" in plain.output and "masih akan diterima" not in plain.output


def test_an_option_alike_by_its_id_and_its_name_is_suggested_once():
    from rumah.desk.konsultasi import Invalid, pick
    with pytest.raises(Invalid) as refused:
        pick("brick", "en", ["red_brick", "aac"], {"red_brick": "Red brick", "aac": "AAC block"})
    assert str(refused.value).count("Red brick") == 1


def test_a_consultation_stopped_before_any_answer_says_nothing_was_saved(tmp_path):
    """Stopped at the first question, no file was written: no "Saved: ..." pointing at none."""
    folder = tmp_path / "keluarga"
    result = CliRunner().invoke(cli.main, ["konsultasi", "-o", str(folder)], input="")
    assert result.exit_code == 1
    assert "Disimpan" not in result.output and not (folder / "household.yaml").exists()
    # After an answer, the draft is there and is named.
    result = CliRunner().invoke(cli.main, ["konsultasi", "-o", str(folder)], input="Keluarga Uji\n")
    assert result.exit_code == 1 and (folder / "household.yaml").is_file()
    assert f"Disimpan: {folder / 'household.yaml'}" in result.output


@pytest.mark.parametrize("lang, typed, whole", [("id", "2.400", "2.400.000"), ("en", "2,400", "2,400,000")])
def test_money_typed_in_thousands_is_asked_again_with_the_whole_amount(lang, typed, whole):
    """'2.400' is Rp 2.400 in Indonesian, not 2,4 %: as an income or the money for the house a
    month it is too little for any family, and asked again with the amount it most likely means."""
    from rumah.desk.konsultasi import LEAST_INCOME, LEAST_MONTHLY, Invalid, _income_answer, budget_answer
    for answer in (lambda: _income_answer(typed, lang), lambda: budget_answer(typed, lang, 3_000_000)):
        with pytest.raises(Invalid) as refused:
            answer()
        assert whole in str(refused.value)
    # A share written as the language writes a fraction, and whole amounts, are taken.
    fraction = "0,3" if lang == "id" else "0.3"
    assert budget_answer(fraction, lang, 3_000_000) == ("share", pytest.approx(0.3))
    assert budget_answer("30", lang, 3_000_000) == ("share", pytest.approx(0.3))
    assert budget_answer(f"{LEAST_MONTHLY}", lang, 3_000_000) == ("monthly", LEAST_MONTHLY)
    assert _income_answer(f"{LEAST_INCOME}", lang) == LEAST_INCOME


@pytest.mark.parametrize("typed, metres", [("6", 6.0), ("6,5 m", 6.5), ("6 meter", 6.0), ("650 cm", 6.5),
                                           ("80cm", 0.8), ("0,8", 0.8)])
def test_a_length_is_taken_with_its_unit(typed, metres):
    """A plot 6,5 m wide or a floor 80 cm high, typed as people write them (they were refused)."""
    from rumah.desk.konsultasi import metres_answer
    assert metres_answer(typed, "id", 0, 200) == pytest.approx(metres)


@pytest.mark.parametrize("typed", ["6", "6 cm", "6 cm/tahun", "6 cm per tahun", "6 cm a year"])
def test_sinking_is_taken_in_centimetres_a_year_with_or_without_its_unit(typed):
    from rumah.desk.konsultasi import per_year_answer
    assert per_year_answer(typed, "id", 0, 30) == 6


def test_a_length_out_of_bounds_or_in_words_is_asked_again():
    from rumah.desk.konsultasi import Invalid, metres_answer
    for typed in ("250 cm", "enam", "6 km"):
        with pytest.raises(Invalid):
            metres_answer(typed, "id", 0.2, 1.5)


def test_a_missing_file_to_reopen_is_refused_as_every_command_refuses_one(tmp_path):
    """Exit 1 and the file named, as rumah plan says it (it was click's usage error, exit 2), and
    nothing made for the family."""
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(tmp_path / "tidak-ada.yaml"),
                                           "-o", str(tmp_path / "k")], input="")
    assert result.exit_code == 1 and f"{tmp_path / 'tidak-ada.yaml'}: " in result.output
    assert not (tmp_path / "k").exists()


def _examples(text: str) -> list[str]:
    """The answers a question or a message offers as examples: what follows "e.g." (or
    "misalnya", or "years:" in a question that offers years) up to the closing bracket, each
    split at its "or"s."""
    found = re.findall(r"(?:e\.g\.|misalnya|years:|tahun:)\s*([^)]*)", text)
    assert found, text
    pieces = [piece for given in found for piece in re.split(r",? (?:or|atau) ", given.rstrip("."))]
    return [piece.strip() for piece in pieces if piece.strip()]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_examples_a_question_gives_are_answers_it_takes_in_its_language(lang):
    """The English desk showed Indonesian examples (2.400.000, 5 tahun, Juni): each example is now
    written as the question's language writes it, and taken as an answer."""
    from rumah.desk.konsultasi import _income_answer, budget_answer, plan_month_answer, tenor_answer, w
    asked = datetime.date(2026, 3, 10)
    takes = {"income": lambda text: _income_answer(text, lang),
             "not_money": lambda text: _income_answer(text, lang),
             "budget": lambda text: budget_answer(text, lang, 3_000_000),
             "loan_tenor": lambda text: tenor_answer(text, lang),
             "not_whole_months": lambda text: tenor_answer(text, lang),
             "bsps_month": lambda text: plan_month_answer(text, lang, asked)}
    # Numbers as the language writes them: no decimal sign or thousands of the other language.
    foreign = {"id": r"\d\.\d{1,2}\b|\d,\d{3}\b", "en": r"\d,\d{1,2}\b|\d\.\d{3}\b"}[lang]
    for key, take in takes.items():
        examples = _examples(w(key, lang))
        assert examples, key
        for example in examples:
            take(example)                                   # Invalid would fail the test
            assert not re.search(foreign, example), (key, example)
    assert _income_answer(_examples(w("income", lang))[0], lang) == 2_400_000
    assert tenor_answer(_examples(w("not_whole_months", lang))[1], lang) == 18
    assert plan_month_answer(_examples(w("bsps_month", lang))[0], lang, asked) == 4


def test_lean_months_shares_follow_the_months_in_the_order_typed(tmp_path):
    """A fisher's lean season over the new year, typed 'Des Jan Feb' then '10% 20% 30%': December
    is the 10 % month (the shares were paired with the months sorted, December last)."""
    answers = ANSWERS[:6] + ["Des Jan Feb", "10% 20% 30%"] + ANSWERS[8:]
    folder = tmp_path / "nelayan"
    result = consult(folder, answers)
    assert result.exit_code == 0, result.output
    seasonal = saved(folder / "household.yaml")["seasonal"]
    assert (seasonal[11], seasonal[0], seasonal[1]) == (0.1, 0.2, 0.3) and seasonal[2:11] == [1.0] * 9


def test_a_finished_file_reopened_for_another_family_stays_as_it_is(tmp_path, monkeypatch):
    """A survey kept as a starting point (or an example), reopened for a family of another name:
    the new family gets a folder of its own, and the file it started from is not written over."""
    monkeypatch.chdir(tmp_path)
    start = tmp_path / "tpl" / "rtlh-template.yaml"
    start.parent.mkdir()
    text = (ROOT / "examples" / "kendal-rtlh.yaml").read_text(encoding="utf-8")
    start.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(start)],
                                input="Keluarga Ibu Baru\n" + "\n" * 80)
    assert result.exit_code == 0, result.output
    assert start.read_text(encoding="utf-8") == text and sorted(p.name for p in start.parent.iterdir()) == [
        "rtlh-template.yaml"]
    made = tmp_path / "konsultasi-keluarga-ibu-baru"
    assert saved(made / "household.yaml")["name"] == "Keluarga Ibu Baru" and (made / "quote.pdf").is_file()
    assert "Keluarga lain, bukan keluarga di" in result.output
    # The same family (its name written in another case) carries on in its own file.
    again = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(made / "household.yaml")],
                               input="keluarga ibu baru\n" + "\n" * 80)
    assert again.exit_code == 0 and "Keluarga lain" not in again.output
    assert saved(made / "household.yaml")["name"] == "keluarga ibu baru"


@pytest.mark.parametrize("typed, meant", [("tidak ada", False), ("Tidak ada.", False), ("belum", False),
                                          ("belum ada", False), ("ada", True), ("punya", True), ("ya", True)])
def test_yes_and_no_are_taken_as_families_say_them(typed, meant):
    """'Ada bantuan lain?' is answered 'tidak ada' or 'belum', not 'tidak'."""
    from rumah.desk.konsultasi import yes_no
    assert yes_no(typed, "id") is meant


@pytest.mark.parametrize("typed", ["30 persen", "30 Persen", "30 percent", "30%"])
def test_a_share_written_in_words_is_a_share(typed):
    from rumah.desk.konsultasi import budget_answer
    assert budget_answer(typed, "id", 2_000_000) == ("share", pytest.approx(0.3))


def test_savings_typed_in_thousands_and_a_past_month_are_asked_again():
    from rumah.desk.konsultasi import Invalid, plan_month_answer, savings_answer
    with pytest.raises(Invalid, match=re.escape("misalnya 2.500.000 atau 2,5 juta, atau 0 bila tidak ada")):
        savings_answer("2500", "id")
    assert savings_answer("0", "id") == 0 and savings_answer("50.000", "id") == 50_000
    with pytest.raises(Invalid, match="Juni 2026 sudah lewat: bulan ke-1 rencana ini Desember 2026"):
        plan_month_answer("Juni 2026", "id", datetime.date(2026, 12, 8))
    assert plan_month_answer("Juni 2027", "id", datetime.date(2026, 12, 8)) == 7


@pytest.mark.parametrize("typed", ["Kab.Kendal", "KAB.KENDAL", "Kab. Kendal", "kendal"])
def test_a_district_abbreviated_without_a_space_is_found(typed):
    from rumah.desk.konsultasi import pick
    regions = {"kendal": "Kabupaten Kendal", "semarang": "Kota Semarang"}
    assert pick(typed, "id", list(regions), regions) == "kendal"


def test_another_family_from_a_file_naming_its_survey_file_takes_the_survey_along(tmp_path, monkeypatch):
    """The survey kept as a starting point names its house's file beside it: the new family's
    folder gets a copy, and its file plans (it named a path the household file refuses)."""
    monkeypatch.chdir(tmp_path)
    raw = yaml.safe_load((ROOT / "examples" / "kendal-rtlh.yaml").read_text(encoding="utf-8"))
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "rumah-darmo.yaml").write_text(
        yaml.safe_dump({"existing_house": raw.pop("existing_house")}, allow_unicode=True), encoding="utf-8")
    start = tmp_path / "tpl" / "darmo.yaml"
    start.write_text(yaml.safe_dump(raw | {"existing_house": "rumah-darmo.yaml"}, allow_unicode=True),
                     encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(start)],
                                input="Keluarga Ibu Baru\n" + "\n" * 80)
    assert result.exit_code == 0, result.output
    made = tmp_path / "konsultasi-keluarga-ibu-baru"
    assert saved(made / "household.yaml")["existing_house"] == "rumah-darmo.yaml"
    assert (made / "rumah-darmo.yaml").is_file() and (made / "quote.pdf").is_file()


def test_a_name_corrected_in_a_consultations_own_file_stays_in_it(tmp_path):
    """In a family's own household.yaml a new name is a correction, not another family."""
    folder = tmp_path / "slamet"
    assert consult(folder, ANSWERS).exit_code == 0
    again = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(folder / "household.yaml")],
                               input="Keluarga Bapak Slamet Riyadi\n" + "\n" * 60)
    assert again.exit_code == 0 and "Keluarga lain" not in again.output
    assert saved(folder / "household.yaml")["name"] == "Keluarga Bapak Slamet Riyadi"


def reopened_with_a_grant(tmp_path, period: int, day: str):
    """A December consultation with its BSPS grant in January (month 2) to spend within ``period``
    months, reopened on ``day``: the result and the file."""
    folder = tmp_path / "slamet"
    assert consult(folder, ANSWERS[:11] + ["2"] + ANSWERS[12:], "--date", "2026-12-01").exit_code == 0
    household = folder / "household.yaml"
    data = saved(household)
    data["grants"][0]["period_months"] = period
    household.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(household), "--date", day], input="\n" * 60)
    assert result.exit_code == 0, result.output
    return result, household


def test_a_grant_come_already_keeps_only_what_is_left_of_its_period(tmp_path):
    """Made in December with the grant in January (month 2) to spend within 6 months, reopened in
    March: it came two months ago, and March to June are left of its period, not six months more."""
    _, household = reopened_with_a_grant(tmp_path, 6, "2027-03-01")
    # January 2027 is month 2 from December: two months on (March), one month of the six used.
    grant = saved(household)["grants"][0]
    assert (grant["month"], grant["period_months"]) == (1, 4)


def test_a_rate_a_month_below_any_lender_is_asked_again_as_such():
    """'0,2 per bulan' is 2,4 % a year: said as a rate a month, not told to write it as one."""
    from rumah.desk.konsultasi import Invalid, rate_answer
    with pytest.raises(Invalid, match=re.escape("0,2% sebulan sama dengan 2,4% setahun")):
        rate_answer("0,2 per bulan", "id")


def test_a_grant_whose_period_ended_before_a_reopening_is_said_to_have_lapsed(tmp_path):
    result, _ = reopened_with_a_grant(tmp_path, 3, "2027-10-01")
    assert "masa pakainya berakhir sebelum bulan ini" in " ".join(result.output.split())
