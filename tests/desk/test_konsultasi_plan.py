"""The consultation plans as it asks: house types by what fits the plot and houses the family, the
livable month shown as soon as money and house are known and again after every change, what
would help a late house, the money as a share or an amount and its seasons, and --from telling
which questions were never answered.  Driven by scripts on standard input, as the tests of
test_konsultasi.py are."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import cli
from rumah.plan.household import load_household, parse_household
from rumah.plan.planner import STATUSES, plan_household
from rumah.schema import Where

from .test_konsultasi import ANSWERS, EXPECTED, ROOT

DATE = datetime.date(2026, 12, 1)
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]


def consult(folder: Path, answers: list[str], *extra: str):
    return CliRunner().invoke(cli.main, ["konsultasi", "-o", str(folder), "--date", DATE.isoformat(), *extra],
                              input="".join(a + "\n" for a in answers))


def outcome(raw: dict) -> str:
    """What the desk must say of a household, worked out here from its plan, by hand."""
    plan = plan_household(parse_household(raw, Where("h.yaml")), start=DATE)
    if plan.best.livable_month is None:
        assert plan.status == "not_livable_within_horizon"
        return "belum layak huni dalam 120 bulan"
    m = plan.best.livable_month
    index = DATE.month - 1 + m - 1
    return f"layak huni mulai {MONTHS[index % 12]} {DATE.year + index // 12} (bulan ke-{m})"


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def test_the_livable_month_is_shown_once_money_and_house_are_known_and_after_every_change(tmp_path):
    result = consult(tmp_path / "k", ANSWERS)
    assert result.exit_code == 0, result.output
    out = result.output
    # Nothing is planned before the house type is known ...
    assert "Untuk keluarga ini" not in out[:out.index("Pilih tipe rumah")]
    # ... and right after it, the month for this family with what it said so far (a flooding plot
    # gets the 0,8 m floor the next question offers, labour is paid until asked).
    so_far = {k: v for k, v in EXPECTED.items() if k not in ("labour", "horizon_months")}
    so_far["parameters"] = {"plinth_height": 0.8}
    first = between(out, "Pilih tipe rumah", "Tinggi lantai")
    assert f"Untuk keluarga ini: {outcome(so_far)}." in first
    # The floor height changes it, and it is said again at once.
    so_far["parameters"] = {"plinth_height": 0.5}
    assert f"Untuk keluarga ini: {outcome(so_far)}." in between(out, "Tinggi lantai", "Dinding (nomor")
    # The last word before the end is the plan of the household saved, labour included.
    final = out[:out.index("Rencana pembangunan bertahap")].rsplit("Untuk keluarga ini: ", 1)[1].split(".\n")[0]
    assert final == outcome(EXPECTED)
    assert "gotong royong" in between(out, "Tenaga kerja", "Untuk keluarga ini")


def test_house_types_are_those_that_fit_the_plot_and_the_default_is_livable_soonest(tmp_path):
    # A 6 m plot that does not flood: the row house (4,5-5 m between neighbours' walls) is not offered.
    answers = ANSWERS[:16] + ["tidak"]
    result = consult(tmp_path / "k", answers)
    listing = between(result.output, "Tipe rumah yang muat", "Pilih tipe rumah")
    assert "Rumah inti tumbuh 6 m" in listing and "RISHA" in listing and "deret" not in listing
    so_far = {k: v for k, v in EXPECTED.items() if k not in ("labour", "horizon_months", "parameters", "template")}
    so_far["plot"] = {"width_m": 6.0, "depth_m": 12.0, "flood_risk": False}
    plans = {name: plan_household(parse_household(so_far | {"template": name}, Where("h.yaml")), start=DATE)
             for name in ("inti-6m", "risha-3x3")}
    soonest = min(plans, key=lambda n: (plans[n].best.livable_month or 999, plans[n].bill.total))
    names = {"inti-6m": "Rumah inti tumbuh 6 m (21 -> 36 -> 45 m²)", "risha-3x3": "Rumah tumbuh modul RISHA 3 x 3 m"}
    assert f"Pilih tipe rumah (nomor atau nama) [{names[soonest]}]" in result.output
    for name, plan in plans.items():
        line = next(line for line in listing.splitlines() if f"{names[name]} ({name}):" in line)
        assert outcome(so_far | {"template": name}) in line
        # The whole house at the consultation month's prices (the list's risen to it), as plan JSON's
        # total_at_month_one_idr and the batch's total_cost_idr.
        risen = f"Rp {plan.total_at_start:,}".replace(",", ".")
        assert f"{risen} dengan harga Desember 2026" in line and plan.total_at_start > plan.bill.total
    # A 4,5 m plot between neighbours: the row house alone.
    narrow = ANSWERS[:14] + ["4,5", "12", "tidak"]
    listing = between(consult(tmp_path / "n", narrow).output, "Tipe rumah yang muat", "Pilih tipe rumah")
    assert "Rumah deret lahan sempit" in listing and "Rumah inti" not in listing


def test_house_types_fit_the_plot_with_the_steps_of_the_floor_they_will_have(tmp_path):
    # A plot 6 x 9 m: the core house (7,5 m deep) fits with the steps of its own 0,30 m floor
    # (1,275 m out from its wall), and the RISHA house (7,8 m) does not.  On a flooding plot the
    # consultation gives a 0,80 m floor: four risers, 1,875 m out, and no house type fits.
    dry = between(consult(tmp_path / "d", ANSWERS[:14] + ["6", "9", "tidak"]).output, "Tipe rumah", "Pilih tipe rumah")
    assert "Rumah inti tumbuh 6 m" in dry and "RISHA" not in dry
    wet = consult(tmp_path / "w", ANSWERS[:14] + ["6", "9", "ya"]).output
    assert "Tidak ada tipe yang muat di tanah ini" in wet


def test_the_technician_reads_words_not_codes(tmp_path):
    typed = [("2" if answer == "screed" else answer) for answer in ANSWERS]      # numbers, not ids
    for lang, folder in (("id", "id"), ("en", "en")):
        result = consult(tmp_path / folder, typed, "--lang", lang)
        assert result.exit_code == 0, result.output
        codes = r"red_brick|steel_metal|concrete_block|gotong_royong|steel_concrete_tile|timber_clay_tile"
        # In Indonesian, the English ids of one word are codes too (in English they are words).
        assert not re.search(codes + (r"|ceramic|\bscreed\b|\bpaid\b|\baac\b" if lang == "id" else ""), result.output)
        if lang == "en":
            assert "Walls (number or name) [Red brick]" in result.output and "Dinding" not in result.output


def test_a_late_house_gets_what_would_help_before_the_end_and_one_change_can_be_made(tmp_path):
    result = consult(tmp_path / "k", ANSWERS[:-1] + ["1"])
    assert result.exit_code == 0, result.output
    out = result.output
    helps = between(out, "Yang bisa membantu:", "Pakai salah satu saran")
    first = re.search(r"  1\. (.*): layak huni \w+ \d{4} \(bulan ke-(\d+)\)", helps)
    assert first and out.index("Yang bisa membantu:") < out.index("Rencana pembangunan bertahap")
    household = yaml.safe_load((tmp_path / "k" / "household.yaml").read_text(encoding="utf-8"))
    assert household != EXPECTED                                   # the change was made and saved ...
    plan = plan_household(load_household(tmp_path / "k" / "household.yaml"), start=DATE)
    assert plan.best.livable_month == int(first.group(2))          # ... and gives the month it promised
    assert f"(bulan ke-{first.group(2)})" in out[out.index("Diubah:"):]
    # The month as the family counts it, a calendar month from the consultation's.
    from rumah.documents.quote import calendar
    assert f": layak huni {calendar(DATE, int(first.group(2)), 'id')} (bulan ke-{first.group(2)})" in helps


def test_money_for_the_house_may_be_an_amount_and_follow_the_seasons(tmp_path):
    answers = ANSWERS[:5] + ["5 juta", "0,75 juta", "Jan Feb Des", "40%"] + ANSWERS[7:]
    result = consult(tmp_path / "k", answers)
    assert result.exit_code == 0, result.output
    assert "Itu lebih dari penghasilan (Rp 2.400.000)" in result.output
    saved = yaml.safe_load((tmp_path / "k" / "household.yaml").read_text(encoding="utf-8"))
    assert saved["housing_monthly"] == 750_000 and "housing_share" not in saved
    assert saved["seasonal"] == [0.4, 0.4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.4]
    assert load_household(tmp_path / "k" / "household.yaml").budget == 750_000
    # Reopened, Enter keeps both.
    again = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(tmp_path / "k" / "household.yaml"),
                                          "--date", DATE.isoformat()], input="\n" * 40)
    assert again.exit_code == 0, again.output
    assert "[Rp 750.000]" in again.output and "[Jan Feb Des]" in again.output and "[40%]" in again.output
    assert yaml.safe_load((tmp_path / "k" / "household.yaml").read_text(encoding="utf-8")) == saved


def test_from_marks_the_questions_never_answered(tmp_path):
    folder = tmp_path / "k"
    stopped = consult(folder, ANSWERS[:8])                           # stops after the savings
    assert stopped.exit_code == 1
    resumed = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(folder / "household.yaml"), "--date",
                                            DATE.isoformat()], input="".join(a + "\n" for a in [""] * 8 + ANSWERS[8:]))
    assert resumed.exit_code == 0, resumed.output
    prompts = [line for line in resumed.output.splitlines() if re.search(r"\[.*\]: ", line) or line.endswith("]: ")]
    answered, later = prompts[:8], prompts[8:]
    assert not any("belum dijawab" in line for line in answered), answered
    for question in ("Mendapat bantuan BSPS?", "Lebar tanah", "Pilih tipe rumah", "Tenaga kerja"):
        line = next(line for line in later if question in line)
        assert "(belum dijawab)" in line, line
    # A finished file has every question answered, even those answered "no".
    reopened = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(folder / "household.yaml")],
                                  input="\n" * 40)
    assert reopened.exit_code == 0 and "belum dijawab" not in reopened.output


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by .ci/run")
def test_the_clinic_and_the_date_reach_the_quote(tmp_path):
    clinic = tmp_path / "klinik.yaml"
    clinic.write_text("name: Klinik Rumah Swadaya Kendal\ntechnician: Siti Rahayu\n", encoding="utf-8")
    result = consult(tmp_path / "k", ANSWERS, "--clinic", str(clinic))
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", str(tmp_path / "k" / "quote.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Klinik Rumah Swadaya Kendal" in text and "Siti Rahayu" in text and "Tanggal: 1 Desember 2026" in text
    bad = consult(tmp_path / "b", ANSWERS, "--clinic", str(tmp_path / "missing.yaml"))
    assert bad.exit_code == 1 and not (tmp_path / "b" / "household.yaml").exists()


def test_a_floor_too_high_for_the_plot_with_its_steps_is_said_at_once(tmp_path):
    # A flooding plot 6 x 9,5 m takes the core house with the steps of a 0,80 m floor (7,5 +
    # 1,875 = 9,375 m); at 1,50 m, eight risers reach 0,075 + 0,90 + 7 x 0,30 = 3,075 m out, and
    # the house with them (10,575 m) does not fit: said when the floor is answered, not only in
    # the plan at the end.
    answers = ANSWERS[:14] + ["6", "9,5", "ya", "inti-6m", "1,5"] + ANSWERS[19:]
    out = " ".join(consult(tmp_path / "k", answers).output.split())
    said = between(out, "Tinggi lantai", "Dinding (nomor")
    from rumah import i18n
    deep = i18n.number(7.5 + 0.075 + 0.90 + 7 * 0.30, "id", 2)
    assert (f"Dengan lantai 1,50 m di atas tanah, rumah dan trap tangga masuknya memakai 6,00 x {deep} m: lebih "
            "dari tanahnya (6,00 x 9,50 m)") in said
    fine = " ".join(consult(tmp_path / "f", ANSWERS[:14] + ["6", "9,5", "ya", "inti-6m", "0,8"]
                            + ANSWERS[19:]).output.split())
    assert "trap tangga masuknya memakai" not in fine


def test_a_family_that_cannot_start_is_offered_the_type_it_misses_least_and_told_no_saran_lets_it_start(tmp_path):
    """Rp 150.000 a month, no savings: neither type's first work can start within 120 months.  The
    type offered first is the one missing the least to start, worked out here from both plans, and
    'no saran' says that nothing tried makes it livable, not that the plan is as good as can be."""
    raw = {"name": "Keluarga Ibu Sarmi", "members": 3, "composition": {"adults": 1, "children": 2},
           "region": "kendal", "income_monthly": 1_200_000, "housing_monthly": 150_000, "savings": 0,
           "plot": {"width_m": 6.0, "depth_m": 12.0, "flood_risk": False}, "labour": "paid",
           "horizon_months": 120, "start_month": f"{DATE.year}-{DATE.month:02d}"}
    plans = {name: plan_household(parse_household(raw | {"template": name}, Where("h.yaml")), start=DATE)
             for name in ("inti-6m", "risha-3x3")}
    assert {plan.status for plan in plans.values()} == {"cannot_start"}
    least = min(plans, key=lambda name: plans[name].shortfall.total)
    path = tmp_path / "sarmi.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = consult(tmp_path / "out", [""] * 40, "--from", str(path))
    assert result.exit_code == 0, result.output
    names = {"inti-6m": "Rumah inti tumbuh 6 m (21 -> 36 -> 45 m²)", "risha-3x3": "Rumah tumbuh modul RISHA 3 x 3 m"}
    assert f"Pilih tipe rumah (nomor atau nama) (belum dijawab) [{names[least]}]" in result.output
    assert "tidak satu pun perubahan yang dicoba membuat rumah layak huni dalam bulan-bulan yang direncanakan" \
           in result.output
    assert "sudah sebaik" not in result.output


def test_a_lived_in_house_on_a_plot_that_floods_is_asked_the_flood_and_its_floor_raisings_planned(tmp_path):
    """The Kendal house to improve, its floor 0,15 m up: the plot floods, the last flood stood
    0,60 m, the land sinks as the Kendal coast does (3 cm a year, offered): the file keeps the
    record and the plan raises the floor, as rumah plan does from that file.  Said not to flood
    again, the record goes."""
    folder = tmp_path / "rtlh"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "kendal-rtlh.yaml", folder / "household.yaml")
    before_flood = 16
    result = consult(folder, [""] * before_flood + ["ya", "0,6", ""] + [""] * 30, "--from",
                     str(folder / "household.yaml"))
    assert result.exit_code == 0, result.output
    assert "Tinggi banjir terakhir di atas tanah" in result.output
    assert "Seberapa cepat tanah turun (cm per tahun; sekitar 6 di Kota Pekalongan, 3 di pesisir Kendal, 0 bila " \
           "tidak turun) (belum dijawab) [3]" in result.output
    saved = yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))
    assert saved["plot"]["flood"] == {"last_height_m": 0.6, "subsidence_cm_per_year": 3.0}
    plan = plan_household(load_household(folder / "household.yaml"), start=DATE)
    assert any(row.package.startswith("raising_") for row in plan.best.steps)
    again = consult(folder, [""] * before_flood + ["tidak"] + [""] * 30, "--from", str(folder / "household.yaml"))
    assert again.exit_code == 0, again.output
    assert "flood" not in yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))["plot"]


def test_a_lived_in_houses_plot_is_at_least_the_house(tmp_path):
    """The Kendal house to improve stands 6 m wide and 6 m deep: a plot width of 5 m is asked
    again (the file would be refused), and the depth offered is the plot's as saved."""
    folder = tmp_path / "rtlh"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "kendal-rtlh.yaml", folder / "household.yaml")
    before_plot = 14
    result = consult(folder, [""] * before_plot + ["5", "6,5"] + [""] * 30, "--from", str(folder / "household.yaml"))
    assert result.exit_code == 0, result.output
    assert "Lebar tanah di sisi jalan (m) [8,00]: 5\n  ! Angka harus antara 6 dan 100 m.\n" in result.output
    saved = yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))
    assert saved["plot"]["width_m"] == 6.5 and saved["plot"]["depth_m"] == 12


def test_a_grants_terms_not_asked_are_kept_as_a_visit_left_them_or_dropped_when_unusable(tmp_path):
    """A visit leaves the Kendal fisher's BSPS at the half not yet delivered, one tranche left:
    reopened with every answer kept, the file keeps that tranche and its period, and the plan is
    the one rumah plan makes of the file (it was planned as two tranches again).  Shares that do
    not add up are said and left out."""
    folder = tmp_path / "nelayan"
    folder.mkdir()
    raw = yaml.safe_load((ROOT / "examples" / "kendal-nelayan.yaml").read_text(encoding="utf-8"))
    raw["grants"] = [{"name": "BSPS 2025", "kind": "bsps", "amount": 10_000_000, "materials": 8_750_000,
                      "labour": 1_250_000, "month": 4, "tranches": [1.0], "period_months": 9}]
    raw["start_month"] = DATE.strftime("%Y-%m")
    (folder / "household.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    before = plan_household(load_household(folder / "household.yaml"))
    result = consult(folder, [""] * 80, "--from", str(folder / "household.yaml"))
    assert result.exit_code == 0, result.output
    kept = yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))["grants"]
    assert [(g["amount"], g["tranches"], g["period_months"]) for g in kept] == [(10_000_000, [1.0], 9)]
    after = plan_household(load_household(folder / "household.yaml"))
    assert [(r.step, r.package, r.month, r.cost) for r in after.best.steps] == \
        [(r.step, r.package, r.month, r.cost) for r in before.best.steps]
    raw["grants"][0]["tranches"] = [0.7, 0.7]
    (folder / "household.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    again = consult(folder, [""] * 80, "--from", str(folder / "household.yaml"))
    assert again.exit_code == 0, again.output
    assert "(isian tersimpan grants.tranches: [0.7, 0.7] tidak bisa dipakai dan tidak disimpan: seharusnya " \
           "bagian-bagian yang jumlahnya 1, tertulis 1,4)" in again.output
    assert "tranches" not in yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))["grants"][0]


def test_a_second_bsps_grant_is_left_out_and_an_other_grant_may_not_be_named_bsps(tmp_path):
    """A file with two BSPS grants (written before the household file refused it) is reopened:
    the second is said and left out, and the file saves (it could never be saved again).  With
    BSPS answered, the other grant may not be named BSPS: it would be a second one."""
    folder = tmp_path / "nelayan"
    folder.mkdir()
    raw = yaml.safe_load((ROOT / "examples" / "kendal-nelayan.yaml").read_text(encoding="utf-8"))
    raw["grants"].append({"name": "BSPS 2026", "kind": "bsps", "amount": 20_000_000, "month": 16})
    (folder / "household.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    result = consult(folder, [""] * 80, "--from", str(folder / "household.yaml"))
    assert result.exit_code == 0, result.output
    assert "(isian tersimpan grants: BSPS 2026 tidak bisa dipakai dan tidak disimpan: BSPS diberikan kepada " \
           "satu rumah tangga sekali saja; yang pertama disimpan)" in result.output
    assert [g["name"] for g in yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))["grants"]] \
        == ["BSPS 2025"]
    before_other = 12
    again = consult(folder, [""] * before_other + ["ya", "BSPS tambahan", "Bantuan desa", "2 juta", ""] + [""] * 60,
                    "--from", str(folder / "household.yaml"))
    assert again.exit_code == 0, again.output
    assert "BSPS sudah ditanyakan di atas (diberikan sekali saja): namai bantuan ini menurut pemberinya." \
        in again.output
    kept = yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))["grants"]
    assert [(g["name"], g["amount"]) for g in kept] == [("BSPS 2025", 20_000_000), ("Bantuan desa", 2_000_000)]


def test_a_flood_record_answers_whether_the_plot_floods(tmp_path):
    """pekalongan-rtlh.yaml has plot.flood and no flood_risk: the question is answered (yes), and
    the record's figures are offered."""
    folder = tmp_path / "rob"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "pekalongan-rtlh.yaml", folder / "household.yaml")
    result = consult(folder, [""] * 60, "--from", str(folder / "household.yaml"))
    assert result.exit_code == 0, result.output
    assert "Tanah sering banjir atau kena rob? (ya/tidak) [ya]:" in result.output
    assert "Tinggi banjir terakhir di atas tanah di dekat rumah (m; 0 bila tidak sampai ke tanah ini) [0,40]" in \
        result.output
    saved = yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))
    assert saved["plot"]["flood"] == {"last_height_m": 0.4, "subsidence_cm_per_year": 6}


def test_a_lived_in_houses_choice_its_repairs_do_not_build_is_not_asked(tmp_path):
    """The Kendal house keeps its sound roof and its repairs lay a concrete floor whatever floor is
    chosen: roof and floor are said not asked (every option priced the same, worked out here);
    the walls its repairs build are asked, each with its price."""
    from rumah.cost.estimate import load_catalog
    from rumah.plan.planner import price_household
    folder = tmp_path / "rtlh"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "kendal-rtlh.yaml", folder / "household.yaml")
    raw = yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))
    household = load_household(folder / "household.yaml")
    catalog = load_catalog(household.ahsp)
    for name, asked in (("roof", False), ("floor", False), ("wall", True)):
        options = household.existing.template.parameters[name].choices
        totals = {price_household(parse_household(raw | {"parameters": dict(raw.get("parameters") or {}) | {name: o}},
                                                  Where(str(folder / "household.yaml"))), catalog).bill.total
                  for o in options}
        assert (len(totals) > 1) is asked, name
    result = consult(folder, [""] * 60, "--from", str(folder / "household.yaml"))
    assert result.exit_code == 0, result.output
    assert "Atap: perbaikan tidak membuatnya baru, apa pun pilihannya; tidak ditanyakan." in result.output
    assert "Lantai: perbaikan tidak membuatnya baru" in result.output
    assert "Atap (nomor atau nama)" not in result.output and "Dinding (nomor atau nama)" in result.output


def test_a_new_house_said_not_to_flood_keeps_no_flood_record(tmp_path):
    """A saved record (0,80 m, 6 cm a year) would still raise the floor of a plot said not to flood."""
    folder = tmp_path / "rob"
    folder.mkdir()
    raw = yaml.safe_load((ROOT / "examples" / "pekalongan-rob.yaml").read_text(encoding="utf-8"))
    raw["plot"] = {"width_m": 5, "depth_m": 12, "flood": {"last_height_m": 0.8, "subsidence_cm_per_year": 6}}
    (folder / "household.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    first = consult(folder, [""] * 80, "--from", str(folder / "household.yaml"))
    before_flood = first.output[:first.output.index("Tanah sering banjir")].count("]: ")
    result = consult(folder, [""] * before_flood + ["tidak"] + [""] * 60, "--from", str(folder / "household.yaml"))
    assert result.exit_code == 0, result.output
    saved = yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))
    assert saved["plot"]["flood_risk"] is False and "flood" not in saved["plot"]
    assert not any(kind == "floor_below_flood" for kind, _ in plan_household(load_household(folder / "household.yaml"),
                                                                             start=DATE).notes)


def test_a_lived_in_house_reopened_with_a_new_houses_heights_drops_them(tmp_path):
    """A file that once planned a new house (walls 3,0 m, floor 0,4 m up) now names the house the
    family lives in: its heights are the survey's, and the plan would refuse the file with them.
    The consultation ends with a plan, and the file keeps the choices the repairs take."""
    folder = tmp_path / "rtlh"
    folder.mkdir()
    raw = yaml.safe_load((ROOT / "examples" / "kendal-rtlh.yaml").read_text(encoding="utf-8"))
    raw["parameters"] = dict(raw.get("parameters") or {}) | {"wall_height": 3.0, "plinth_height": 0.4}
    (folder / "household.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = consult(folder, [""] * 60, "--from", str(folder / "household.yaml"))
    assert result.exit_code == 0, result.output
    saved = yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))
    assert saved["parameters"] == {k: v for k, v in raw["parameters"].items()
                                   if k not in ("wall_height", "plinth_height")}
    assert plan_household(load_household(folder / "household.yaml"), start=DATE).status in STATUSES


def test_a_grant_answered_to_come_later_loses_the_tranche_a_visit_said_was_released(tmp_path):
    """A follow-up file has its BSPS in month 1 with a tranche already released; answered to come
    in month 3, the tranche on site cannot stand (the plan would refuse the file): it is left out,
    and said so, and the consultation ends with a plan."""
    folder = tmp_path / "visit"
    folder.mkdir()
    raw = yaml.safe_load((ROOT / "examples" / "kendal-nelayan.yaml").read_text(encoding="utf-8"))
    raw["grants"] = [{"name": "BSPS 2025", "kind": "BSPS", "amount": 20_000_000, "month": 1, "released_tranches": 1}]
    (folder / "household.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    first = consult(folder, [""] * 80, "--from", str(folder / "household.yaml"))
    assert first.exit_code == 0, first.output
    before = first.output[:first.output.index("Bantuan cair pada bulan ke-")].count("]: ")
    result = consult(folder, [""] * before + ["3"] + [""] * 80, "--from", str(folder / "household.yaml"))
    assert result.exit_code == 0, result.output
    assert "grants.released_tranches: 1 tidak bisa dipakai" in result.output
    saved = yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))
    assert saved["grants"][0]["month"] == 3 and "released_tranches" not in saved["grants"][0]
    assert plan_household(load_household(folder / "household.yaml"), start=DATE).status in STATUSES


def test_a_saved_choice_in_capitals_is_the_choice_it_names(tmp_path):
    """wall: AAC, as the plan takes it: offered as the current choice, not refused."""
    folder = tmp_path / "caps"
    folder.mkdir()
    raw = yaml.safe_load((ROOT / "examples" / "madiun-pabrik.yaml").read_text(encoding="utf-8"))
    raw["parameters"] = dict(raw.get("parameters") or {}) | {"wall": "AAC"}
    (folder / "household.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = consult(folder, [""] * 80, "--from", str(folder / "household.yaml"))
    assert result.exit_code == 0, result.output
    assert "tidak bisa dipakai" not in result.output
    saved = yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8"))
    assert saved["parameters"]["wall"] == "aac"


def test_a_reopened_type_that_cannot_house_the_family_is_not_headed_as_one_that_can(tmp_path):
    """A family of seven on a plot only the row house fits, reopened: the list says no type that
    fits can house them, not 'types that fit and can house 7' over the one that cannot."""
    raw = {"name": "Keluarga Bapak Tujuh", "members": 7, "composition": {"adults": 2, "children": 5},
           "region": "pekalongan", "income_monthly": 3_000_000, "housing_share": 0.3, "savings": 2_000_000,
           "template": "deret-4m5", "plot": {"width_m": 4.6, "depth_m": 14.0, "flood_risk": False},
           "labour": "paid", "horizon_months": 120}
    folder = tmp_path / "tujuh"
    folder.mkdir()
    path = folder / "household.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = consult(folder, [""] * 60, "--from", str(path))
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "Tidak ada tipe yang muat di tanah ini dan cukup untuk 7 orang; tipe yang muat ditampilkan." in flat
    assert "dan cukup untuk 7 orang, direncanakan" not in flat
