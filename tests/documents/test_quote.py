"""The PDF quote: what the family reads equals what the plan computed.

Text is read back with poppler's ``pdftotext`` and fonts with ``pdffonts`` (Debian package
poppler-utils, installed by .ci/run).
"""

from __future__ import annotations

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
from rumah.documents.clinic import load_clinic
from rumah.documents.drawing import model_extents
from rumah.documents.pdfsheet import SheetDrawing, drawn_extents
from rumah.errors import DataError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MADIUN = str(EXAMPLES / "madiun-pabrik.yaml")
PEKALONGAN = str(EXAMPLES / "pekalongan-rob.yaml")
DATE = "2026-12-01"   # the month of the suite's today (conftest): the plans' month 1

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                   reason="poppler-utils is installed by .ci/run")


def run(*args):
    result = CliRunner().invoke(cli.main, list(args))
    return result


def write_quote(folder: Path, household: str = MADIUN, *extra: str) -> Path:
    path = folder / "quote.pdf"
    result = run("quote", household, "-o", str(path), "--date", DATE, *extra)
    assert result.exit_code == 0, result.output
    return path


def plan_data(household: str = MADIUN, *extra: str) -> dict:
    result = run("plan", household, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def madiun(tmp_path_factory):
    path = write_quote(tmp_path_factory.mktemp("quote"))
    return path, plan_data()


@needs_poppler
def test_quote_shows_the_plans_figures(madiun):
    path, plan = madiun
    text = pdf_text(path)
    assert plan["household"]["name"] in text
    for step in plan["steps"]:
        assert step["name"] in text
        assert i18n.rupiah(step["cost_idr"], "id") in text          # the step's total at today's prices
    assert i18n.rupiah(plan["total_idr"], "id") in text
    assert re.search(r"Rp \d{1,3}(\.\d{3})+", text)
    for row in plan["schedule"]:
        # The plan's table prints amounts without "Rp" (its headers say Rp), one row per package.
        for key in ("cost_idr", "own_idr", "cash_after_idr"):
            assert i18n.rupiah(row[key], "id", False) in text
    assert f"bulan ke-{plan['livable_month']}" in text
    assert f"layak huni bulan ke-{plan['naive']['livable_month']}" in text
    loan = plan["loan"]
    assert i18n.rupiah(loan["instalment_idr"], "id") in text
    assert f"bulan ke-{loan['first_instalment_month']} s.d. {loan['last_instalment_month']}" in text
    planned = sum(row["cost_idr"] for row in plan["schedule"])
    assert re.search(r"Jumlah biaya\s+" + re.escape(i18n.rupiah(planned, "id", False)), text)


@needs_poppler
def test_the_quote_says_what_would_help_as_the_plan_does(tmp_path):
    # Madiun's family on one wage of Rp 3 juta is livable only after two years: the plan lists what
    # would help, and so must the page the family takes home.
    late = tmp_path / "satu-gaji.yaml"
    late.write_text(Path(MADIUN).read_text(encoding="utf-8").replace('income_monthly: "4.300.000"',
                                                                      'income_monthly: "3.000.000"'), encoding="utf-8")
    plan = plan_data(str(late))
    assert plan["advice"] and plan["livable_month"] > 24
    text = " ".join(pdf_text(write_quote(tmp_path, str(late))).split())
    assert "Yang bisa membantu" in text
    for saran in plan["advice"]:
        assert saran["text"] in text
    # On the family's page, each with its calendar month beside the plan month.
    first_page = " ".join(subprocess.run(["pdftotext", "-l", "1", str(tmp_path / "quote.pdf"), "-"],
                                         capture_output=True, text=True, check=True).stdout.split())
    for saran in plan["advice"][:4]:
        assert re.search(rf"layak huni \w+ \d{{4}} \(bulan ke-{saran['livable_month']}\)", first_page)


@needs_poppler
def test_printed_totals_are_the_sums_of_their_lines(madiun):
    """The appendix: every group subtotal, step total and the grand total, read back from the PDF."""
    path, plan = madiun
    text = pdf_text(path)

    def amount(cell: str) -> int:
        return int(cell.replace("Rp", "").replace(".", "").strip())

    appendix = text[text.index("Rincian biaya lengkap (RAB)"):]
    step_totals = []
    for number, block in enumerate(re.split(r"\n\s*Tahap \d+: ", appendix)[1:], 1):
        lines, groups = [], []
        for line in block.splitlines():
            priced = re.match(r"\s*[A-Z]\.\d+\s.*?\s(\d{1,3}(?:\.\d{3})*)\s*$", line)
            subtotal = re.match(r"\s*Jumlah [A-Z]\s+(\d{1,3}(?:\.\d{3})*)\s*$", line)
            total = re.match(rf"\s*Jumlah tahap {number}\s+(Rp [\d.]+)\s*$", line)
            if priced:
                lines.append(amount(priced.group(1)))
            elif subtotal:
                groups.append(amount(subtotal.group(1)))
                assert groups[-1] == sum(lines), f"step {number}, subtotal {len(groups)}"
                lines = []
            elif total:
                assert amount(total.group(1)) == sum(groups)
                step_totals.append(sum(groups))
                break
    assert step_totals == [s["cost_idr"] for s in plan["steps"]]
    grand = re.search(i18n.t("TOTAL, ALL STEPS", "id") + r"\s+(Rp [\d.]+)", appendix)
    assert amount(grand.group(1)) == sum(step_totals) == plan["total_idr"]


@needs_poppler
def test_every_font_is_embedded_and_the_pages_are_sensible(madiun):
    path, _ = madiun
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows, "no fonts at all"
    for row in rows:
        assert row.split()[-5] == "yes", row        # the emb column
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 5 <= pages <= 20


@needs_poppler
def test_drawings_show_the_designs_dimensions(madiun):
    path, plan = madiun
    text = pdf_text(path)
    from rumah.house.design import build_design
    from rumah.house.template import load_template
    design = build_design(load_template(plan["template"]), plan_household_parameters())
    width, depth = design.xs[-1] - design.xs[0], design.ys[-1] - design.ys[0]
    assert f"{width:.2f}".replace(".", ",") in text
    assert f"{depth:.2f}".replace(".", ",") in text
    for room in design.rooms:
        assert room.name("id") in text


def plan_household_parameters() -> dict:
    from rumah.plan.household import load_household
    return dict(load_household(MADIUN).parameters)


def test_same_inputs_give_the_same_file_and_number(tmp_path):
    first = write_quote(tmp_path)
    again = tmp_path / "again.pdf"
    result = run("quote", MADIUN, "-o", str(again), "--date", DATE)
    assert first.read_bytes() == again.read_bytes()
    number = re.search(r"quote (RS-\S+)", result.output).group(1)
    # The date fixes the calendar months and the validity; the household fixes the rest.
    later = run("quote", MADIUN, "-o", str(tmp_path / "later.pdf"), "--date", "2027-01-05").output
    other = run("quote", PEKALONGAN, "-o", str(tmp_path / "p.pdf"), "--date", DATE).output
    assert number not in later and number not in other
    # Another plot is another quote (its drawings show it), though the plan's months are the same.
    plotted = tmp_path / "plot.yaml"
    plotted.write_text(Path(MADIUN).read_text() + "\nplot: {width_m: 9, depth_m: 15}\n")
    wider = tmp_path / "wider.yaml"
    wider.write_text(Path(MADIUN).read_text() + "\nplot: {width_m: 10, depth_m: 15}\n")
    numbers = {re.search(r"quote (RS-\S+)", run("quote", str(f), "-o", str(tmp_path / f"{f.stem}.pdf"),
                                                 "--date", DATE).output).group(1) for f in (plotted, wider)}
    assert len(numbers) == 2 and number not in numbers


@needs_poppler
def test_english_quote(tmp_path):
    path = write_quote(tmp_path, MADIUN, "--lang", "en")
    text = pdf_text(path)
    plan = plan_data(MADIUN, "--lang", "en")
    for heading in ("The plan, month by month", "The house, step by step", "Shopping list", "Signatures"):
        assert heading in text
    assert i18n.rupiah(plan["total_idr"], "en") in text
    assert "Rencana bulan demi bulan" not in text
    assert "surakarta-2024 -> madiun-2024: factor unknown" in " ".join(text.split())


@needs_poppler
def test_the_quote_says_the_regional_factor_is_unknown_not_one(madiun):
    """Madiun's list copies Surakarta's prices with no published factor: the family is told so."""
    path, plan = madiun
    text = " ".join(pdf_text(path).split())
    assert plan["price_list"]["factor_status"] == "unknown"
    assert "Faktor wilayah: surakarta-2024 -> madiun-2024: faktor belum diketahui." in text
    assert "tidak disesuaikan antarkabupaten/kota dan bersifat indikatif" in text
    assert "x 1,0" not in text


@needs_poppler
def test_the_quote_names_the_table_imported_prices_came_from(tmp_path):
    from tests.cost.test_ssh import write_csv
    write_csv(tmp_path / "ssh-madiun.csv", ";")
    result = run("prices", "import", str(tmp_path / "ssh-madiun.csv"), "--region", "madiun", "--year", "2025",
                 "--source", "SSH Kabupaten Madiun 2025", "-o", str(tmp_path / "madiun-2025.yaml"))
    assert result.exit_code == 0, result.output
    household = tmp_path / "h.yaml"
    household.write_text(Path(MADIUN).read_text(encoding="utf-8").replace("region: madiun", "region: madiun-2025.yaml"),
                         encoding="utf-8")
    text = " ".join(pdf_text(write_quote(tmp_path, str(household))).split())
    assert "madiun-2024 -> madiun-2025: faktor belum diketahui" in text
    assert "harga dari tabel ssh-madiun.csv" in text


@needs_poppler
def test_a_family_that_cannot_start_is_told_plainly_what_is_missing(tmp_path):
    household = tmp_path / "alone.yaml"
    text = Path(PEKALONGAN).read_text(encoding="utf-8")
    household.write_text(text[:text.index("grants:")] + text[text.index("template:"):], encoding="utf-8")
    path = write_quote(tmp_path, str(household), "--horizon", "12")
    plan = plan_data(str(household), "--horizon", "12")
    assert plan["status"] == "cannot_start"
    text = " ".join(pdf_text(path).split())
    assert "pekerjaan pertama belum bisa dimulai dalam 12 bulan" in text
    assert i18n.rupiah(plan["shortfall"]["total_idr"], "id") in text
    assert i18n.rupiah(plan["shortfall"]["per_month_idr"], "id") in text
    assert "Rencana bulan demi bulan" not in text     # no schedule to show


def test_clinic_file(tmp_path):
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Klinik Kendal\ntechnician: Siti\nvalidity_days: 14\n", encoding="utf-8")
    loaded = load_clinic(clinic)
    assert (loaded.name, loaded.technician, loaded.validity_days) == ("Klinik Kendal", "Siti", 14)
    clinic.write_text("name: Klinik Kendal\ntechnisian: Siti\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"clinic.yaml: technisian: unknown key .*technician"):
        load_clinic(clinic)


def test_bad_input_leaves_an_earlier_quote_untouched(tmp_path):
    target = tmp_path / "quote.pdf"
    target.write_bytes(b"earlier quote")
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Klinik\nvalidity_days: 0\n", encoding="utf-8")
    result = run("quote", MADIUN, "-o", str(target), "--clinic", str(clinic))
    assert result.exit_code == 1
    assert "validity_days" in result.output and "at least 1" in result.output
    assert "Traceback" not in result.output
    assert target.read_bytes() == b"earlier quote"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.yaml", "quote.pdf"]
    missing = run("quote", MADIUN, "-o", str(tmp_path / "no" / "quote.pdf"))
    assert missing.exit_code == 1 and "does not exist" in missing.output


def test_sheets_are_drawn_at_the_largest_standard_scale_that_fits_the_page():
    from rumah.documents.quote import LETTERING, PLAN_BOX, QUOTE_SCALES, fitted
    from rumah.documents.sheets import design_sheets
    from rumah.house.design import build_design
    from rumah.house.template import load_template
    design = build_design(load_template("inti-6m"), {})
    sheets = fitted(lambda n: design_sheets(design, "id", None, None, n, LETTERING, False), *PLAN_BOX)
    scale = sheets[0].scale
    assert scale in QUOTE_SCALES and {s.scale for s in sheets} == {scale}
    width, height = PLAN_BOX[0] * 72 / 25.4, PLAN_BOX[1] * 72 / 25.4
    for sheet in sheets:
        drawing = SheetDrawing(sheet, "Helvetica", "Helvetica-Bold")
        assert drawing.width <= width and drawing.height <= height
        x0, y0, x1, y1 = drawn_extents(sheet)
        # One metre of plan is 1000/scale millimetres of paper.
        assert drawing.width == pytest.approx((x1 - x0) * 1000 / scale * 72 / 25.4)
        assert x0 < design.xs[0] and x1 > design.xs[-1] and y0 < design.ys[0] and y1 > design.ys[-1]
    # The next larger scale, its texts laid out again, does not fit.
    larger = [n for n in QUOTE_SCALES if n < scale]
    if larger:
        again = design_sheets(design, "id", None, None, larger[-1], LETTERING, False)
        sizes = [model_extents(s) for s in again]
        n = larger[-1]
        assert any((e[2] - e[0]) * 1000 / n + 4 > PLAN_BOX[0] or (e[3] - e[1]) * 1000 / n + 4 > PLAN_BOX[1]
                   for e in sizes)


@needs_poppler
def test_the_quote_shows_the_section_and_what_the_plans_tell_a_builder(madiun):
    path, _ = madiun
    text = pdf_text(path)
    words = " ".join(text.split())
    assert "Potongan A-A" in words
    for phrase in ("±0,00 tanah", "+0,30", "Tangki septik", "Pondasi batu kali 1:4", "Ring balok 0,12 x 0,15 m",
                   "Sloof 0,15 x 0,20 m"):
        assert phrase in words, phrase
    assert "3,00" in words and "±0,00" in words


@pytest.mark.parametrize("extra, phrase", [
    (["--date", "9999-12-01"], "expected a date from 2000 to 2099, found 9999-12-01"),
    (["--date", "0001-01-01"], "expected a date from 2000 to 2099, found 0001-01-01"),
    (["--date", "23-11-2026"], "expected a date as YYYY-MM-DD (2026-12-01 for 1 December 2026), found '23-11-2026'"),
    (["--date", "2026-02-30"], "expected a day of the calendar, found '2026-02-30': there is no such day"),
])
def test_bad_dates_are_refused(tmp_path, extra, phrase):
    result = run("quote", MADIUN, "-o", str(tmp_path / "q.pdf"), *extra)
    assert result.exit_code in (1, 2) and phrase in result.output and "Traceback" not in result.output
    assert "%Y" not in result.output
    assert not list(tmp_path.iterdir())


@needs_poppler
def test_a_loan_too_big_for_the_budget_is_explained(tmp_path):
    household = tmp_path / "besar.yaml"
    text = Path(MADIUN).read_text(encoding="utf-8").replace("amount: 25000000,", "amount: 250000000,")
    household.write_text(text, encoding="utf-8")
    plan = plan_data(str(household))
    assert plan["notes"][0]["kind"] == "loan_too_big"
    words = " ".join(pdf_text(write_quote(tmp_path, str(household))).split())
    assert "Pinjaman tidak dipakai (KUR Mikro)" in words
    assert i18n.rupiah(plan["notes"][0]["instalment"], "id") in words


def first_page_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", "-l", "1", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


@needs_poppler
@pytest.mark.parametrize("prices", ["madiun", "blora", "sourced"])
def test_page_one_says_when_the_prices_are_estimates(tmp_path, prices):
    """A family reads page 1 alone: it says how many of the prices used are indicative, as the
    estimate counts them (Madiun's list inherits every price through an unknown factor, Blora's
    table prices 14 resources itself, and a list whose every price is sourced says nothing)."""
    household = tmp_path / "h.yaml"
    region = {"madiun": "madiun", "blora": "blora", "sourced": "surakarta-sourced.yaml"}[prices]
    if prices == "sourced":
        sourced = (Path(cli.__file__).parent / "price_lists" / "surakarta-2024.yaml").read_text(encoding="utf-8")
        (tmp_path / "surakarta-sourced.yaml").write_text(
            sourced.replace("id: surakarta-2024", "id: surakarta-sourced").replace("    indicative: true\n", ""),
            encoding="utf-8")
    household.write_text(Path(MADIUN).read_text(encoding="utf-8").replace("region: madiun", f"region: {region}"),
                         encoding="utf-8")
    given = yaml.safe_load(household.read_text(encoding="utf-8"))
    choices = [arg for name, value in given["parameters"].items() for arg in ("--set", f"{name}={value}")]
    counts = json.loads(run("estimate", given["template"], "--region", region if prices != "sourced" else
                            str(tmp_path / region), *choices, "--format", "json").output)["indicative_prices"]
    text = first_page_text(write_quote(tmp_path, str(household)))
    every = "Semua harga yang dipakai di sini indikatif"
    some = f"{counts['count']} dari {counts['of']} harga yang dipakai di sini indikatif"
    assert (every in text) == (prices == "madiun")
    assert (some in text) == (prices == "blora")
    if prices == "sourced":
        assert counts["count"] == 0 and "indikatif" not in text


def test_the_area_chart_starts_from_the_house_the_family_lives_in():
    """The Kendal family lives in its 36 m² house while it is repaired: the chart's lived-in area
    is that from month 1, not 0 until the first repair is done."""
    from reportlab.graphics.charts.lineplots import LinePlot

    from rumah.documents.quote import make_quote
    from rumah.documents.quote_pdf import Layout
    quote = make_quote(EXAMPLES / "kendal-rtlh.yaml", lang="id")
    lived = quote.plan.start_check.floor_area
    assert lived > 0
    drawing = Layout(quote, 170 * 2.83).charts()[-1]
    (plot,) = [item for item in drawing.contents if isinstance(item, LinePlot)]
    area = plot.data[0]
    assert area[0] == (1, pytest.approx(lived))
    assert min(value for _, value in area) == pytest.approx(lived)


def test_the_quotes_notes_name_no_parameter_the_plan_text_does():
    """The technician's plan text says which choice to change (plinth_height); the family's quote
    says the same without the parameter's name."""
    from rumah.documents.notes import note_sentence, note_text
    figures = {"floor": 0.5, "margin": 0.3, "last": 0.4, "needed": 1.0, "due": 1, "now": True, "years": 5}
    for lang in ("id", "en"):
        assert "(plinth_height)" in note_text("floor_below_flood", figures, lang)
        sentence = note_sentence("floor_below_flood", figures, lang)
        assert "plinth_height" not in sentence and "1,00 m" in sentence.replace("1.00", "1,00")
    septic = {"setback": 2.0, "reach": 3.2, "room": 2.2, "nearer": 1.0}
    assert "septic_setback" not in note_sentence("septic_off_plot", septic, "id")
    assert "(septic_setback)" in note_text("septic_off_plot", septic, "id")


def test_repairs_built_since_the_survey_are_said_put_right(tmp_path):
    """The Kendal house with its structure and toilet built since it was surveyed: the plan's
    'not yet met' and the quote's table of the house no longer say they fail."""
    from rumah.documents.plan_report import failing_at_start
    from rumah.plan.household import load_household
    from rumah.plan.planner import plan_household
    text = (EXAMPLES / "kendal-rtlh.yaml").read_text(encoding="utf-8")
    path = tmp_path / "dibangun.yaml"
    path.write_text(text + "built: [{step: 1, package: structure}, {step: 1, package: sanitation}]\n",
                    encoding="utf-8")
    before = plan_household(load_household(EXAMPLES / "kendal-rtlh.yaml"))
    after = plan_household(load_household(path))
    assert {"structure", "sanitation"} <= set(failing_at_start(before))
    assert set(failing_at_start(after)) == set(failing_at_start(before)) - {"structure", "sanitation"}
    result = CliRunner().invoke(cli.main, ["quote", str(path), "-o", str(tmp_path / "q.pdf")])
    assert result.exit_code == 0, result.output
    pages = " ".join(subprocess.run(["pdftotext", str(tmp_path / "q.pdf"), "-"], capture_output=True, text=True,
                                    check=True).stdout.split())
    assert len(re.findall(r"(?<!\w)sudah diperbaiki", pages)) == 2          # not "sesudah diperbaiki"


def test_a_house_to_improve_is_lived_in_from_month_one_in_the_comparison():
    """The family lives in the house it repairs all along: 'Step 1 lived in from month' is 1, with
    the plan and without, not the month its last repair is done."""
    from rumah.documents.quote import lived_in_month, make_quote
    quote = make_quote(EXAMPLES / "kendal-rtlh.yaml", lang="id")
    plan = quote.plan
    assert plan.best.livable_month > 1
    assert lived_in_month(plan, plan.best, 1) == lived_in_month(plan, plan.naive, 1) == 1


@needs_poppler
def test_the_comparison_says_what_each_plan_asks_of_the_familys_own_money(tmp_path):
    """A leaking roof, Rp 8 juta saved and a BSPS grant in month 3: the plan waits for the grant
    and is livable two months after the family's own plan, which pays the roof itself and loses
    the grant; the comparison shows both, own money included, and the note says why."""
    from ..plan.test_improvement import GOOD
    house = GOOD | {"roof": {"covering": "clay_tile", "frame": "timber", "condition": "leaking"}}
    raw = {"name": "Keluarga Uji", "members": 2, "region": "kendal", "income_monthly": 3_000_000,
           "housing_share": 0.3, "savings": 8_000_000, "existing_house": house,
           "grants": [{"name": "BSPS", "kind": "bsps", "amount": 20_000_000, "month": 3}]}
    household = tmp_path / "h.yaml"
    household.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    plan = plan_data(str(household))
    own = [sum(row["own_idr"] for row in schedule) for schedule in (plan["schedule"], plan["naive"]["schedule"])]
    assert own[0] == 0 < own[1] and plan["livable_month"] == plan["naive"]["livable_month"] + 2
    text = " ".join(pdf_text(write_quote(tmp_path, str(household))).split())
    assert f"Uang sendiri untuk pekerjaan Rp 0 {i18n.rupiah(own[1], 'id')}" in text
    assert "Pekerjaan menunggu BSPS bulan ke-3" in text
    # Page 1 does not ask the family to put money aside, nor its savings, for work the grant pays
    # whole, and says why the work waits.
    page = " ".join(pdf_text(tmp_path / "quote.pdf").split("\f")[0].split())
    assert ("Bantuan membayar seluruh pekerjaan dalam rencana ini: tidak perlu uang keluarga sendiri. Tabungan "
            "sekarang, Rp 8.000.000, tetap milik keluarga. Pekerjaan menunggu BSPS bulan ke-3") in page
    assert "ikut dipakai" not in text and "Sisihkan tiap bulan" not in page


@needs_poppler
def test_a_family_that_cannot_start_is_not_told_grants_pay_for_the_work(tmp_path):
    """No step planned and no grant: the savings go in (when the money comes), no word of grants."""
    raw = {"name": "Keluarga Uji", "members": 4, "region": "kendal", "income_monthly": 500_000,
           "housing_share": 0.1, "savings": 1_000_000, "template": "inti-6m", "horizon_months": 24}
    household = tmp_path / "h.yaml"
    household.write_text(yaml.safe_dump(raw), encoding="utf-8")
    assert plan_data(str(household))["status"] == "cannot_start"
    text = " ".join(pdf_text(write_quote(tmp_path, str(household))).split())
    assert "Bantuan membayar seluruh pekerjaan" not in text and "tetap milik keluarga" not in text
    assert "Tabungan sekarang, Rp 1.000.000, ikut dipakai" in text


@needs_poppler
def test_a_house_whose_last_work_ends_in_the_plans_last_month_is_quoted(tmp_path):
    """The toilet done in month 3 of a 3-month plan: livable from month 4, past the plan.  The
    quote failed (no livable month to name the row that makes it livable) and the table said
    'not yet met:' with nothing after it."""
    from ..plan.test_improvement import GOOD
    house = GOOD | {"roof": {"covering": "clay_tile", "frame": "timber", "condition": "leaking"},
                    "toilet": False, "septic_tank": False}
    raw = {"name": "Keluarga Uji", "members": 2, "region": "kendal", "income_monthly": 3_000_000,
           "housing_share": 0.3, "savings": 8_000_000, "existing_house": house, "horizon_months": 3,
           "grants": [{"name": "BSPS", "kind": "bsps", "amount": 20_000_000, "month": 3}]}
    household = tmp_path / "h.yaml"
    household.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    plan = plan_data(str(household))
    # Its row is not livable either: the work ends after the plan's months (the table says when).
    assert plan["status"] == "not_livable_within_horizon" and not plan["schedule"][-1]["livable"]
    last = plan["schedule"][-1]
    table = " ".join(run("plan", str(household)).output.split())
    assert (f"Pekerjaan terakhir selesai bulan ke-3: rumah layak huni mulai bulan ke-{last['finish_month']}, "
            "sesudah bulan-bulan rencana ini") in table and "Belum terpenuhi: " not in table
    text = pdf_text(write_quote(tmp_path, str(household)))
    assert "rumah layak huni" not in text.split("Kapan memperbaiki apa")[1].split("Total")[0]


@needs_poppler
def test_the_sources_count_a_lists_own_estimates_apart_from_its_source(madiun):
    """Madiun's prices are Surakarta's, whose list marks some of its entries as its own estimates
    (not from the RAB it names): the quote does not credit those to the RAB."""
    from rumah.cost.estimate import load_catalog
    from rumah.plan.planner import plan_household
    from rumah.yamlio import load_yaml
    path, _ = madiun
    used = plan_household(Path(MADIUN)).bill.used
    written = load_yaml(Path(__file__).resolve().parents[2] / "price_lists" / "surakarta-2024.yaml")["prices"]
    resources = load_catalog().resources
    # (A resource the list does not price takes the price of the one it is priced as: kaso timber.)
    own = sum(1 for code in used if written.get(code, written.get(resources[code].priced_as, {})).get("indicative"))
    assert 0 < own < len(used)
    text = " ".join(pdf_text(path).split())
    assert f"surakarta-2024 (Kota Surakarta 2024, sumber: “RAB gedung pemerintah Kota Surakarta 2024 (salinan " \
           f"sekunder)”): {len(used)} harga, {own} di antaranya perkiraan daftar itu sendiri, bukan dari sumber " \
           "tersebut." in text


@needs_poppler
def test_the_sources_give_each_trades_wage_a_day_from_the_price_list(madiun):
    """A supervisor checks the labour lines by the wage of a day: each trade the bill pays, at the
    price list's rate."""
    path, plan = madiun
    text = " ".join(pdf_text(path).split())
    shown = json.loads(run("prices", "show", plan["price_list"]["id"], "--format", "json").output)
    wages = {p["code"]: p for p in shown["prices"] if p["code"].startswith("L.")}
    said = "; ".join(f"{p['name']} {i18n.rupiah(round(p['price_idr']), 'id')}" for p in wages.values())
    assert f"Upah sehari dalam daftar harga {plan['price_list']['id']}: {said}." in text
