"""The quote's first page is what the family reads alone; the rest is the appendix.

Each quote is read back with poppler's ``pdftotext``: the first page alone (``-f 1 -l 1``) must say
the month the house becomes livable as a calendar month, the money to put aside each month and
the first work package in words, in Indonesian and in English; no page may show a parameter's
or an AHSP item's internal name.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from rumah import i18n
from rumah.cost.estimate import load_catalog
from rumah.documents.plan_report import grant_lines, plan_json, row_name, saran_text
from rumah.documents.quote import family_page, make_quote, superscript_units
from rumah.documents.quote_pdf import render_quote
from rumah.house.template import load_template

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DATE = datetime.date(2026, 12, 1)
HOUSEHOLDS = ("kendal-nelayan", "madiun-pabrik", "pekalongan-rob", "kendal-rtlh")
MONTHS = {"id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
                 "November", "Desember"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"]}

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by .ci/run")


def in_calendar(month: int, lang: str) -> str:
    """Plan month ``month`` counted from December 2026 (month 1), by hand."""
    index = DATE.month - 1 + month - 1
    return f"{MONTHS[lang][index % 12]} {DATE.year + index // 12}"


def pdf_pages(path: Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    span = ([] if first is None else ["-f", str(first)]) + ([] if last is None else ["-l", str(last)])
    return subprocess.run(["pdftotext", *span, *(["-layout"] if layout else []), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module", params=[(name, lang) for name in HOUSEHOLDS for lang in ("id", "en")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def quote(request, tmp_path_factory):
    name, lang = request.param
    made = make_quote(EXAMPLES / f"{name}.yaml", lang=lang, date=DATE)
    path = tmp_path_factory.mktemp("family") / f"{name}-{lang}.pdf"
    path.write_bytes(render_quote(made))
    return made, path


def words(text: str) -> str:
    return " ".join(text.split())


@needs_poppler
def test_the_first_page_says_when_to_move_in_what_to_put_aside_and_what_to_build_first(quote):
    made, path = quote
    plan, lang = made.plan, made.lang
    first = words(pdf_pages(path, 1, 1))
    assert plan.status == "livable"
    # The month the house is livable, as a calendar month and year.
    assert in_calendar(plan.best.livable_month, lang) in first
    # What to put aside each month.
    assert i18n.rupiah(plan.household.budget, lang) in first
    # Each package of the plan in words, with its start month; the first one's shopping list.
    step = plan.best.steps[0]
    bill_step = next(s for s in plan.bill.steps if s.step == step.step)
    package = next(p for p in bill_step.packages if p.kind == step.package).name(lang)
    # (A part built first is said to be one: its list is that part's.)
    named = row_name(plan, step, lang) if step.share < 1 else package
    shopping = "Belanja pertama" if lang == "id" else "First shopping"
    assert f"{shopping}: {named} ({in_calendar(step.month, lang)})" in first
    for row in plan.best.steps:
        assert in_calendar(row.month, lang) in first
    # The grant's own share (swadaya) of the family, month by month, and the loan, if any.
    for grant in plan.grants:
        for row in plan.best.steps:
            if grant.month <= row.month <= grant.end_month and row.own:
                assert i18n.rupiah(row.own, lang) in first
        # The least own money that keeps the whole grant, even where the plan adds more.
        assert i18n.rupiah(grant.needed, lang) in first or not grant.needed
    loan = plan.best.loan
    if loan is not None:
        assert in_calendar(loan.month, lang) in first and i18n.rupiah(loan.offer.instalment, lang) in first
        # What the loan costs in all: every instalment of its tenor, and the interest in it.
        repaid = loan.offer.instalment * loan.offer.tenor
        assert i18n.rupiah(repaid, lang) in first and i18n.rupiah(repaid - loan.offer.amount, lang) in first
    # What the shop asks for the first work beyond the materials the plan pays for it, said before
    # the family stands at the counter short of it.
    page = family_page(made)
    materials = round(next(p for s in plan.bill.steps if s.step == step.step for p in s.packages
                           if p.kind == step.package).materials * step.share)
    assert page.first_materials == materials
    if page.purchases_total > materials:
        more = i18n.rupiah(page.purchases_total - materials, lang)
        assert (f"Itu {more} lebih banyak" if lang == "id" else f"That is {more} more") in first
    # What planning buys over building step after step alone: months, or the house itself.
    naive = plan.naive.livable_month
    if naive is None:
        said = "tidak akan layak huni dalam" if lang == "id" else "the house would not be livable within"
    elif naive > plan.best.livable_month:
        said = "lebih cepat daripada membangun" if lang == "id" else "sooner than building step after step"
    else:
        said = None
    assert said is None or said in first
    # The rest is the appendix, from page 2.
    appendix = "Lampiran: rincian rencana" if lang == "id" else "Appendix: the plan in detail"
    assert appendix not in first and appendix in words(pdf_pages(path, 2, 2))


@needs_poppler
def test_both_pages_give_each_work_the_month_it_is_done_in(quote):
    """Page 1's "done" and the appendix's "done in month" are the same month, the last month of
    work: a package started in month 13 that takes two months is done in month 14, and its
    rooms are lived in from month 15."""
    made, path = quote
    lang, steps = made.lang, made.plan.best.steps
    calendar = "|".join(MONTHS[lang])
    first = {}
    for line in pdf_pages(path, 1, 1, layout=True).splitlines():
        found = re.match(rf"\s*((?:{calendar}) \d{{4}})\s.*?\s((?:{calendar}) \d{{4}})\s+Rp", line)
        if found:
            first.setdefault(found[1], []).append(found[2])
    appendix = {}
    for line in pdf_pages(path, 2, 3, layout=True).splitlines():
        found = re.match(r"\s*(\d+)\s+(\d+)\. .*\s(\d+)\s+[\d.,]+ m²", line)
        if found:
            appendix[(int(found[1]), int(found[2]))] = int(found[3])
    checked = 0
    for s in steps:
        months = s.finish_month - s.month                    # months of work: lived in from finish_month
        done = s.month + months - 1 if months else s.month
        if (s.month, s.step) in appendix:
            assert appendix[(s.month, s.step)] == done, s
            checked += 1
        if in_calendar(s.month, lang) in first:
            assert in_calendar(done, lang) in first[in_calendar(s.month, lang)], s
            checked += 1
    assert checked >= len(steps)         # most rows read on both pages (a long name may wrap)
    assert any(s.finish_month - s.month > 1 for s in steps)       # work of two months or more is shown


@needs_poppler
def test_no_page_shows_a_parameter_or_an_ahsp_items_internal_name(quote):
    made, path = quote
    text = pdf_pages(path)
    design = made.plan.bill.design
    template = load_template(design.template) if made.plan.improvement is None else None
    names = set(design.values)
    if template is not None:
        for parameter in template.parameters.values():
            names |= set(parameter.choices)
    names |= {choice for choice in ("red_brick", "concrete_block", "steel_metal", "timber_clay_tile",
                                    "steel_concrete_tile", "gotong_royong")}
    for name in sorted(names):
        if "_" in name:
            assert name not in text, name
    assert not re.search(r"[a-z]+_[a-z_]+ = ", text)               # no "wall_height = 3"
    edition = load_catalog().edition
    for item in edition.items.values():
        # The project's keys of the items it composed (setting_out, earth_fill); an English one-word
        # key (ceiling) is a word in an English quote, so it is looked for in Indonesian only.
        if not re.fullmatch(r"\d+(\.\d+)+", item.code) and ("_" in item.code or made.lang == "id"):
            assert not re.search(rf"\b{item.code}\b", text), item.code
    # Square and cubic metres are written one way.
    assert not re.search(r"\bm[23]\b", text)


@needs_poppler
def test_the_indonesian_first_page_has_no_english_and_english_counts_agree(quote):
    made, path = quote
    first = words(pdf_pages(path, 1, 1))
    if made.lang == "id":
        english = {"the", "and", "month", "months", "from", "loan", "grant", "walls", "roof", "step", "your"}
        assert not english & set(re.findall(r"[a-z]+", first))
    else:
        everything = words(pdf_pages(path))
        assert not re.search(r"\b1 (months|persons|children|adults|kinds|prices|tradesmen|labourers|bedrooms|"
                             r"new windows)\b", everything)
        assert not re.search(r"\b([02-9]|\d\d+) (month|person|child|adult|bedroom)\b", everything)
        # The livable-house rule names the bedrooms this family needs, counted.
        n = made.plan.household.bedrooms_needed
        assert f"a kitchen, {n} bedroom{'s' if n != 1 else ''}, enough windows" in everything


@needs_poppler
def test_no_page_holds_only_the_signatures_or_the_grand_total(quote):
    made, path = quote
    pages = pdf_pages(path).split("\f")
    signatures = "7. Tanda tangan" if made.lang == "id" else "7. Signatures"
    sources = "6. Dasar perhitungan" if made.lang == "id" else "6. Assumptions and sources"
    grand = i18n.t("TOTAL, ALL STEPS", made.lang)
    signed = next(page for page in pages if signatures in page)
    assert sources in signed
    total = next(page for page in pages if grand in page)
    assert re.search(r"^[A-Z]\.\d+\s", total, re.MULTILINE)      # with lines of the bill above it


@needs_poppler
def test_the_drawings_heading_stands_on_the_page_of_the_first_drawing(quote):
    """The house section's heading is never left alone at the foot of a page, its first drawing
    on the next (as it was for the Kendal fisher family's quote)."""
    made, path = quote
    lang = made.lang
    improved = made.plan.improvement is not None
    heading = i18n.t("3. The house: now and repaired" if improved else "3. The house, step by step", lang)
    first = i18n.t("The house as it is", lang) if improved else \
        f"{i18n.t('Step', lang)} 1: {made.plan.bill.steps[0].name(lang)}".split(" (")[0]
    page = next(page for page in pdf_pages(path).split("\f") if heading in page)
    assert first.split()[0] in page and words(first)[:12] in words(page), first


def test_the_first_pages_figures_add_up_to_the_plan(quote):
    made, _ = quote
    plan = made.plan
    page = family_page(made)
    assert sum(w.cost for w in page.works) == sum(s.cost for s in plan.best.steps) == page.planned_total
    assert sum(w.own for w in page.works) + sum(w.grant for w in page.works) == page.planned_total
    assert [w.makes_livable for w in page.works].count(True) == 1
    marked = next(w for w in page.works if w.makes_livable)
    assert marked.finish_month == plan.best.livable_month
    for terms, grant in zip(page.grants, plan.grants):
        assert sum(amount for _, amount in terms.swadaya) == grant.swadaya
    assert len(page.purchases) <= 8
    assert all(a.cost >= b.cost for a, b in zip(page.purchases, page.purchases[1:]))


def test_units_are_written_with_superscripts():
    written = superscript_units("Rumah inti 21 m2, 9 m3 pasir, kabel 2,5 mm2")
    assert written == "Rumah inti 21 m², 9 m³ pasir, kabel 2,5 mm²"
    assert superscript_units("km2 m20 M2") == "km2 m20 M2"


@needs_poppler
def test_the_first_page_stays_one_page_with_the_longest_names_allowed(tmp_path):
    text = (EXAMPLES / "pekalongan-rob.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Keluarga Bapak Tarno", "name: " + ("Keluarga Bapak Tarno Wijayakusuma " * 4)[:120])
    text = text.replace("{name: BSPS 2025,", "{name: " + ("Bantuan Stimulan Perumahan Swadaya " * 3)[:80] + ",")
    text = text.replace("{name: KUR Mikro,", "{name: " + "K" * 80 + ",")
    household = tmp_path / "panjang.yaml"
    household.write_text(text, encoding="utf-8")
    path = tmp_path / "q.pdf"
    made = make_quote(household, date=DATE, advice=True)
    assert made.plan.advice
    path.write_bytes(render_quote(made))
    first, second = words(pdf_pages(path, 1, 1)), words(pdf_pages(path, 2, 2))
    assert "Belanja pertama" in first and "Rincian untuk pendamping" in first    # the page's last lines
    assert second.startswith("Lampiran: rincian rencana")
    # Not in type a family cannot read: what the appendix holds anyway is left to it first.
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    from rumah.documents.quote_pdf import MOST_SHRINK, Layout
    page = Layout(made, A4[0] - 36 * mm, A4[1] - 34 * mm - 12).story()[0]
    # (Names this long leave the saran and every item of the first shopping to the appendix, and
    # are then shrunk as much as they need: no more.)
    left = f"Yang bisa membantu (saran): {len(made.plan.advice)} perubahan, di lampiran." in first \
        and "lampiran mendaftar kebutuhan tiap tahap utuh" in first
    assert getattr(page, "_scale", 1.0) <= MOST_SHRINK or left
    assert left
    every = words(pdf_pages(path, 2))
    assert all(words(saran_text(a, "id"))[:40] in every for a in made.plan.advice)


@needs_poppler
def test_a_loan_the_money_cannot_repay_is_said_so_not_called_unneeded(tmp_path):
    # The Pekalongan family offered KUR Mikro of 150 juta over 36 months: its instalment (about
    # Rp 4,6 juta) is more than the family's housing money, so the plan leaves it out, and the
    # first page says why rather than "Loan: none needed".
    text = (EXAMPLES / "pekalongan-rob.yaml").read_text(encoding="utf-8")
    text = text.replace("{name: KUR Mikro, amount: 15000000,", "{name: KUR Mikro, amount: 150000000,")
    household = tmp_path / "besar.yaml"
    household.write_text(text, encoding="utf-8")
    made = make_quote(household, date=DATE)
    assert [kind for kind, _ in made.plan.notes].count("loan_too_big") == 1 and not made.plan.problem.loans
    path = tmp_path / "q.pdf"
    path.write_bytes(render_quote(made))
    first = words(pdf_pages(path, 1, 1))
    assert "Pinjaman tidak dipakai (KUR Mikro): cicilannya" in first and "Pinjaman: tidak perlu" not in first


def test_a_step_finished_after_the_horizon_is_not_said_to_be_lived_in():
    """Work started in the horizon's last months may finish after it; the quote's table then says
    the step is not lived in within the horizon, as the livable month does (not month 124 of 120)."""
    from dataclasses import replace

    from rumah.documents.quote import lived_in_month
    from rumah.plan.household import load_household
    from rumah.plan.planner import plan_household
    household = load_household(EXAMPLES / "kendal-nelayan.yaml")
    past = 0
    for horizon in range(30, 100, 2):
        plan = plan_household(replace(household, horizon=horizon, grants=()), start=DATE)
        for schedule in (plan.best, plan.naive):
            finishes = [s.finish_month for s in schedule.steps if s.complete]
            past += any(f > horizon for f in finishes)
            for step in plan.bill.steps:
                month = lived_in_month(plan, schedule, step.step)
                assert month is None or month <= horizon
    assert past                        # some work did finish after the horizon


@needs_poppler
def test_a_quote_printed_later_keeps_the_months_of_the_files_own_start(tmp_path):
    """A fisher family's file from the consultation says its plan starts in January 2026 (its
    grant and lean months count from there).  Printed again in June, the quote is dated June but
    its months are still those of the plan: month 1 is January, and every work's month on page 1
    and in the appendix is the plan's month, named from January."""
    import yaml
    raw = yaml.safe_load((EXAMPLES / "kendal-nelayan.yaml").read_text(encoding="utf-8"))
    raw["start_month"] = "2026-01"
    path = tmp_path / "nelayan.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    later = datetime.date(2026, 6, 15)
    made = make_quote(path, lang="id", date=later)
    pdf = tmp_path / "q.pdf"
    pdf.write_bytes(render_quote(made))
    january = made.plan
    assert january.best.steps and january.household.start == (2026, 1)

    def named(month: int) -> str:                    # plan month, counted from January 2026 by hand
        return f"{MONTHS['id'][(month - 1) % 12]} {2026 + (month - 1) // 12}"

    text = words(pdf_pages(pdf))
    assert "Bulan ke-1 = Januari 2026" in text and "15 Juni 2026" in text
    first = words(pdf_pages(pdf, 1, 1))
    for s in january.best.steps[:3]:
        assert named(s.month) in first, s
    # Page 1 says first that its months before June are past, for a family reading it alone.
    assert first.index("Rencana ini dimulai Januari 2026 (bulan ke-1) dan dicetak 15 Juni 2026: bulan-bulan "
                       "sebelum Juni 2026 sudah lewat.") < first.index("Sisihkan")
    # Printed in its own first month, it says nothing of the kind.
    again = tmp_path / "again.pdf"
    again.write_bytes(render_quote(make_quote(path, lang="id", date=datetime.date(2026, 1, 20))))
    assert "sudah lewat" not in words(pdf_pages(again, 1, 1))


TWO_GRANTS = """name: Keluarga Natura
members: 4
region: kendal
income_monthly: 3000000
housing_share: 0.30
savings: 2000000
grants:
  - {name: Bahan desa, kind: in_kind, amount: 12000000, materials: 12000000, labour: 0, month: 3,
     period_months: 12, tranches: [0.5, 0.5]}
  - {name: Upah desa, kind: in_kind, amount: 3000000, materials: 0, labour: 3000000, month: 3, period_months: 12}
template: inti-6m
labour: paid
"""


@needs_poppler
def test_each_grant_in_kind_says_what_it_pays_for_and_the_own_money_is_said_once(tmp_path):
    """A village gives the materials and another fund the wages, over the same months: each
    grant's block names its own part and the work it pays (the materials grant is not said to
    pay wages), and the family's own money in those months is listed once, not under both."""
    path = tmp_path / "natura.yaml"
    path.write_text(TWO_GRANTS, encoding="utf-8")
    made = make_quote(path, lang="id", date=DATE)
    plan, page = made.plan, family_page(made)
    materials, wages = page.grants
    for terms, index in ((materials, 0), (wages, 1)):
        paid = {(s.step, s.package) for s in plan.best.steps if index in s.grants}
        assert paid and set(terms.pays_for) == paid
    assert all(s.grant_labour == 0 for s in plan.best.steps if s.grants == (0,))
    assert (materials.materials, materials.labour, wages.materials, wages.labour) == (12_000_000, 0, 0, 3_000_000)
    pdf = tmp_path / "q.pdf"
    pdf.write_bytes(render_quote(made))
    first = words(pdf_pages(pdf, 1, 1))
    assert "Bahan desa: bahan Rp 12.000.000 Membayar bahan untuk:" in first
    assert "Upah desa: upah Rp 3.000.000 Membayar upah untuk:" in first
    assert "sama seperti untuk Bahan desa di atas" in first
    # What each needs alone overstates what the two need together (one pays the wages of what the
    # other's materials build): the least own money that keeps both is theirs together, said once.
    together = [g.needed for g in plan.grants]
    assert together[0] == together[1] and [g.needed_first for g in plan.grants] == [plan.grants[0].needed_first] * 2
    assert "Supaya bantuan terpakai semua" not in first
    assert first.count("Supaya Bahan desa + Upah desa terpakai semua") == 1
    assert f"sekitar {i18n.rupiah(together[0], 'id')} uang sendiri dalam masa itu, untuk semuanya bersama" in first
    own = i18n.rupiah(materials.swadaya[0][1], "id")
    assert first.count(own + " pada") == 1
    # The plan's notes say it once too, and each grant names the other in the plan's JSON.
    notes = " ".join(grant_lines(plan, "en"))
    assert notes.count("swadaya to use these grants whole, together, is about") == 1
    assert "the swadaya to use the whole grant" not in notes
    used = plan_json(plan, "en")["grant_use"]
    assert [g["swadaya_needed_with"] for g in used] == [["Upah desa"], ["Bahan desa"]]


@needs_poppler
def test_a_grant_the_family_cannot_use_is_headed_by_what_it_gives_and_said_lost(tmp_path):
    """Paid labour, no savings and Rp 300.000 a month: in the BSPS's first month the family builds
    the part the grant's materials and wages pay alone, and in its last the part its 1,5 juta add
    wages to; the rest is lost (it lost all of it: the part of all the first tranche's materials
    asked wages it never had in the grant's six months).  The heading gives the grant's parts (not
    what is used of them), and the next lines say what it pays for and what is lost."""
    path = tmp_path / "rugi.yaml"
    path.write_text("name: Keluarga Rugi\nmembers: 4\nregion: kendal\nincome_monthly: 1500000\nhousing_share: 0.20\n"
                    "savings: 0\ngrants:\n  - {name: BSPS 2026, kind: bsps, amount: 20000000, month: 1, "
                    "period_months: 6}\ntemplate: inti-6m\nlabour: paid\n", encoding="utf-8")
    made = make_quote(path, lang="id", date=DATE)
    use = made.plan.grants[0]
    assert use.used_labour == 2_500_000 and 0 < use.used_materials < 17_500_000 and use.reason == "money"
    paid = [row for row in made.plan.best.steps if row.month <= 6]
    assert [row.month for row in paid] == [1, 6] and paid[0].own == 0 and paid[1].own == 1_500_000 == 5 * 300_000
    lost = i18n.rupiah(use.lost_materials + use.lost_labour, "id")
    pdf = tmp_path / "q.pdf"
    pdf.write_bytes(render_quote(made))
    first = words(pdf_pages(pdf, 1, 1))
    assert "BSPS 2026: bahan Rp 17.500.000 dan upah Rp 2.500.000 Membayar bahan dan upah untuk:" in first
    assert f"{lost} dari bantuan tidak terpakai" in first and "bahan Rp 0" not in first


@needs_poppler
def test_a_grant_lost_because_the_crew_is_busy_is_not_said_to_need_more_money(tmp_path):
    """A BSPS grant of two months: its first tranche's foundation keeps the crew busy through its
    last month, and the rest is lost for want of time.  The first page said 'to use it all, have
    about Rp 380.000 of your own money', which no money would have done; it now says what the
    plan says."""
    path = tmp_path / "sibuk.yaml"
    path.write_text("name: Keluarga Sibuk\nmembers: 4\nregion: kendal\nincome_monthly: 1500000\nsavings: 0\n"
                    "grants:\n  - {name: BSPS, kind: bsps, amount: 20000000, month: 1, period_months: 2}\n"
                    "template: inti-6m\nlabour: gotong_royong\n", encoding="utf-8")
    made = make_quote(path, lang="id", date=DATE)
    (use,) = made.plan.grants
    assert use.reason == "time" and use.needed > 0 and use.busy_until - 1 == use.end_month == 2
    pdf = tmp_path / "q.pdf"
    pdf.write_bytes(render_quote(made))
    first = words(pdf_pages(pdf, 1, 1))
    lost = i18n.rupiah(use.lost_materials + use.lost_labour, "id")
    month = in_calendar(2, "id")
    assert f"{lost} dari bantuan tidak terpakai sampai {month} dan hangus: tukang sibuk dengan pekerjaan bantuan " \
           f"sampai {month}" in first
    assert "supaya terpakai semua" not in first
    # Nor does the plan name an amount of own money that would use the whole grant: none would.
    from rumah.documents.plan_report import plan_table
    assert "swadaya untuk memakai seluruh bantuan" not in " ".join(plan_table(made.plan, "id").split())


@needs_poppler
def test_the_first_page_says_how_many_more_saran_the_appendix_holds(tmp_path):
    made = make_quote(EXAMPLES / "kendal-nelayan.yaml", lang="id", date=DATE, advice=True)
    advice = made.plan.advice
    assert len(advice) > 4
    pdf = tmp_path / "q.pdf"
    pdf.write_bytes(render_quote(made))
    first, appendix = words(pdf_pages(pdf, 1, 1)), words(pdf_pages(pdf, 2))
    assert f"dan {len(advice) - 4} lagi, di lampiran" in first
    from rumah.documents.plan_report import saran_text
    assert all(words(saran_text(a, "id"))[:40] in appendix for a in advice[4:])     # the rest are there


@needs_poppler
def test_the_first_shopping_of_a_part_lists_only_that_part(tmp_path):
    """Pekalongan's fishers start with the part of the structure the grant's first tranche buys
    (44 %): the first shopping list is that part's, not the whole package's (each material its
    share, to the nearest whole unit shops sell: the rest of the package buys what it leaves), and
    its heading says it is a part."""

    from rumah.cost.materials import shopping_list
    made = make_quote(EXAMPLES / "pekalongan-rob.yaml", lang="id", date=DATE)
    first = made.plan.best.steps[0]
    assert first.share < 1.0
    page = family_page(made)
    package = next(p for s in made.plan.bill.steps if s.step == first.step for p in s.packages
                   if p.kind == first.package)
    whole = {item.code: item for item in shopping_list(package, made.catalog.resources, made.plan.bill.price_list)}
    resources = {r.code: r for r in made.catalog.resources}
    for item in page.purchases:
        assert item.needed == pytest.approx(whole[item.code].needed * first.share)
        assert item.cost <= whole[item.code].cost
        # Never more than half the smallest unit sold away from its share (rounded up, the parts
        # of a package bought together more than the whole).
        smallest = resources[item.code].factor(resources[item.code].purchase_units[-1])
        assert abs(item.bought - item.needed * (1 + item.waste)) <= smallest / 2 + 1e-9
    assert page.purchases_total < sum(item.cost for item in whole.values())
    path = tmp_path / "q.pdf"
    path.write_bytes(render_quote(made))
    text = words(pdf_pages(path, 1, 1))
    assert "sebagian, sejauh bahan bantuan" in text.split("Belanja pertama")[1][:200]


def test_money_a_grant_gives_as_money_is_on_the_first_page(tmp_path):
    """The first page's own money must add up: a cash grant, and the money part of a grant in
    kind, are said there with their month (the appendix gives a grant's three parts)."""
    raw = yaml.safe_load((EXAMPLES / "kendal-nelayan.yaml").read_text(encoding="utf-8"))
    raw["grants"] = [{"name": "Bantuan CSR", "kind": "in_kind", "amount": 17_000_000, "materials": 12_000_000,
                      "labour": 3_000_000, "month": 3},
                     {"name": "Dana desa", "amount": 5_000_000, "month": 2},
                     {"name": "Upah PKK", "kind": "in_kind", "amount": 3_000_000, "labour": 3_000_000, "month": 3}]
    household = tmp_path / "tunai.yaml"
    household.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    path = tmp_path / "q.pdf"
    path.write_bytes(render_quote(make_quote(household, date=DATE)))
    first = words(pdf_pages(path, 1, 1))
    # In the order they come: month 2 is January 2027, month 3 February.
    village = f"Dana desa memberi Rp 5.000.000 berupa uang pada {in_calendar(2, 'id')}: ikut dipakai."
    csr = f"Bantuan CSR memberi Rp 2.000.000 berupa uang pada {in_calendar(3, 'id')}: ikut dipakai."
    assert village in first and csr in first and first.index(village) < first.index(csr)
    appendix = words(pdf_pages(path, 2))
    assert "Bantuan CSR: Rp 17.000.000, bulan ke-3 (Rp 12.000.000 bahan, Rp 3.000.000 upah, Rp 2.000.000 " \
           "uang tunai;" in appendix
    # A grant of wages alone gives its wages, not "Rp 0 bahan".
    assert "Upah PKK: Rp 3.000.000, bulan ke-3 (Rp 3.000.000 upah; dipakai sampai" in appendix
    assert "Rp 0 bahan" not in appendix and "bahan Rp 0 " not in appendix
    assert "Upah PKK: upah Rp " in appendix


@needs_poppler
def test_the_price_rise_is_credited_to_bps_only_when_it_is_the_default(tmp_path):
    text = (EXAMPLES / "kendal-nelayan.yaml").read_text(encoding="utf-8")
    assert "inflation" not in text
    for rate, says, never in ((None, "IHPB konstruksi BPS 2022-2024, 1,2 sampai 6,9 %", "sesuai berkas"),
                              ("0.08", "8 % per tahun (sesuai berkas data keluarga)", "BPS, 2022")):
        household = tmp_path / f"naik-{rate}.yaml"
        household.write_text(text + (f"\ninflation: {rate}\n" if rate else ""), encoding="utf-8")
        path = tmp_path / f"q-{rate}.pdf"
        path.write_bytes(render_quote(make_quote(household, date=DATE)))
        sources = words(pdf_pages(path)).split("Dasar perhitungan dan sumber")[1]
        assert says in sources and never not in sources
        # No price list's source is a developer's note in English.
        assert "DOMAIN.md" not in sources and "price list found" not in sources


@pytest.mark.parametrize("name", ["pekalongan-rob", "kendal-nelayan", "madiun-pabrik"])
def test_the_parts_of_a_package_add_up_to_what_the_plan_builds_of_it(name, tmp_path):
    from rumah.documents.plan_report import part_percents
    from rumah.plan.planner import plan_household
    raw = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    # A grant of three tranches and little money of the family's own: packages built in parts.
    raw["grants"] = [{"name": "BSPS", "kind": "bsps", "amount": 20_000_000, "month": 2,
                      "tranches": [0.3, 0.3, 0.4]}]
    raw["savings"] = 0
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    plan = plan_household(path)
    packages = {(r.step, r.package) for r in plan.best.steps if r.share < 1}
    assert packages
    for key in packages:
        parts = [r for r in plan.best.steps if (r.step, r.package) == key]
        shown = [part_percents(plan, r) for r in parts]
        assert sum(shown) == round(100 * sum(r.share for r in parts))
        assert all(abs(p - 100 * r.share) < 1 for p, r in zip(shown, parts))


@needs_poppler
def test_that_no_house_type_fits_the_plot_is_said_once(tmp_path):
    raw = yaml.safe_load((EXAMPLES / "pekalongan-rob.yaml").read_text(encoding="utf-8"))
    raw.update(members=6, composition={"adults": 4, "children": 2}, template="deret-4m5",
               plot={"width_m": 4, "depth_m": 8, "flood_risk": True})
    household = tmp_path / "sempit.yaml"
    household.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    made = make_quote(household, date=DATE)
    assert made.plan.status == "never_livable" and not made.plan.alternatives
    path = tmp_path / "q.pdf"
    path.write_bytes(render_quote(made))
    first = words(pdf_pages(path, 1, 1)).lower()
    assert first.count("tidak ada tipe rumah bawaan yang muat") == 1 and "4,00 x 8,00 m" in first
