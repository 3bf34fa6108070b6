"""The desk's pages through Flask's test client: a whole consultation, every bad answer re-asked
with konsultasi's own message, the quote's PDF and DXF downloads, the families and their search,
a visit that re-plans, the monthly report and two technicians editing one family."""

from __future__ import annotations

import copy
import datetime
import hashlib
import html
import io
import re

import pytest
import yaml

pytest.importorskip("flask")
pytest.importorskip("flask_wtf")
pytest.importorskip("sqlalchemy")

from rumah import i18n  # noqa: E402
from rumah.clock import today  # noqa: E402
from rumah.desk.konsultasi import Invalid, number_answer, rupiah_answer  # noqa: E402
from rumah.desk.register.families import open_register  # noqa: E402
from rumah.desk.web.app import Settings, create_app  # noqa: E402

from .test_konsultasi import ANSWERS, EXPECTED, ROOT  # noqa: E402


@pytest.fixture
def desk(tmp_path):
    app = create_app(Settings(register=str(tmp_path / "klinik.sqlite")))
    app.testing = True
    yield app, app.test_client()
    app.extensions["rumah"].book.close()


def token(client) -> str:
    page = client.get("/keluarga")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def question(page) -> tuple[int, str]:
    """The index and text of the question a page asks."""
    index = int(re.search(r'name="index" value="(\d+)"', page.text).group(1))
    text = re.search(r'<label for="answer" class="ask">([^<]*)</label>', page.text).group(1)
    return index, html.unescape(text)


def refusal(page) -> str | None:
    found = re.search(r'<p id="answer-error" class="error" role="alert">([^<]*)</p>', page.text)
    return html.unescape(found.group(1)) if found else None


def start(client, csrf: str) -> str:
    created = client.post("/konsultasi", data={"csrf_token": csrf})
    assert created.status_code == 303
    return created.headers["Location"]


def answer(client, url: str, csrf: str, text: str):
    index, _ = question(client.get(url))
    return client.post(url, data={"csrf_token": csrf, "index": str(index), "answer": text})


def consult(client, csrf: str, answers: list[str]) -> str:
    url = start(client, csrf)
    for text in answers:
        sent = answer(client, url, csrf, text)
        assert sent.status_code == 303, refusal(sent)
    return url


def draft_folder(app, url: str):
    return app.extensions["rumah"].home.folder / "konsultasi" / url.rsplit("/", 1)[-1]


def save(client, url: str, csrf: str, **fields):
    return client.post(url + "/simpan", data={"csrf_token": csrf, "technician": "Siti Rahayu", **fields})


def test_a_whole_consultation_gives_the_terminal_household_the_quote_and_the_plans(desk):
    app, client = desk
    csrf = token(client)
    url = consult(client, csrf, ANSWERS)
    # The same answers give the same household file as the terminal consultation.
    folder = draft_folder(app, url)
    assert yaml.safe_load((folder / "household.yaml").read_text(encoding="utf-8")) == EXPECTED
    done = client.get(url)
    assert "Konsultasi selesai" in done.text and 'name="index"' not in done.text
    saved = save(client, url, csrf, village="Bandengan", nik="3324-0101-0101-0007")
    assert saved.status_code == 303 and saved.headers["Location"].startswith("/keluarga/1")
    book = app.extensions["rumah"].book
    record = book.household(1)
    assert yaml.safe_load(record.yaml) == EXPECTED
    assert record.village == "Bandengan" and record.nik == "************0007"
    family = client.get("/keluarga/1")
    assert "3324010101010007" not in family.text and "************0007" in family.text
    (quote,) = book.quotes(1)
    links = re.findall(r'href="(/keluarga/1/penawaran/[^"]+)"', family.text)
    assert sorted(link.rsplit("/", 1)[-1] for link in links) == [
        "denah-potongan.dxf", "denah-tahap-1.dxf", "denah-tahap-2.dxf", "denah-tahap-3.dxf", "quote.pdf"]
    pdf = client.get(next(link for link in links if link.endswith("quote.pdf")))
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    assert hashlib.sha256(pdf.data).hexdigest() == quote.pdf_sha256          # the quote recorded is the one handed out
    assert quote.total_idr == book.plan(1).bill.total
    # Said as what it is (the list's total, not today's), beside the version the quote came from.
    row = family.text[family.text.index(f'<td class="mono">{quote.number}'):].split("</tr>")[0]
    assert "Seluruh rumah, menurut daftar harganya" in family.text
    assert re.findall(r'<td class="num">([^<]*)</td>', row)[0] == str(quote.household_version) == "1"
    import ezdxf
    for link in links:
        if link.endswith(".dxf"):
            drawing = ezdxf.read(io.StringIO(client.get(link).data.decode("utf-8")))
            # The section cuts its walls; a later step's plan tells its new walls from those standing.
            walls = ("A-SECT-WALL",) if link.endswith("-potongan.dxf") else ("A-WALL", "A-WALL-NEWW")
            assert any(drawing.modelspace().query(f"HATCH[layer=='{layer}']") for layer in walls)
    assert quote.number in pdf.headers["Content-Disposition"]


def test_every_bad_answer_is_asked_again_with_konsultasis_message(desk):
    app, client = desk
    csrf = token(client)
    url = start(client, csrf)
    assert answer(client, url, csrf, ANSWERS[0]).status_code == 303
    bad = [("lima", lambda: number_answer("lima", "id", 1, 30, whole=True)),
           ("0", lambda: number_answer("0", "id", 1, 30, whole=True))]
    for text, check in bad:
        with pytest.raises(Invalid) as expected:
            check()
        page = answer(client, url, csrf, text)
        assert page.status_code == 200
        assert refusal(page) == str(expected.value)
        assert question(page) == (1, "Jumlah anggota keluarga yang tinggal di rumah")
        assert 'value="' + text + '"' in page.text                      # what was typed stays in the field
    assert answer(client, url, csrf, "5").status_code == 303
    refused = answer(client, url, csrf, "7")                              # 7 children of 5
    assert refusal(refused) == "Angka harus antara 0 dan 4."
    for text in ("3", "kendal"):
        assert answer(client, url, csrf, text).status_code == 303
    for text in ("dua juta", "-5"):
        with pytest.raises(Invalid) as expected:
            rupiah_answer(text, "id")
        assert refusal(answer(client, url, csrf, text)) == str(expected.value)
    refused = answer(client, url, csrf, "kendall-x-y")                     # not a number: still the income question
    assert question(refused)[0] == 4
    # Every answer before the refused one is kept.
    answers = yaml.safe_load((draft_folder(app, url) / "household.yaml").read_text(encoding="utf-8"))
    assert answers["members"] == 5 and answers["region"] == "kendal" and "income_monthly" not in answers


def test_a_bad_answer_to_every_kind_of_question_is_refused(desk):
    """Yes/no, a choice from a list, a share, a plot size, a name with a control character."""
    app, client = desk
    csrf = token(client)
    url = start(client, csrf)
    refused = answer(client, url, csrf, "Keluarga\x07Slamet")
    assert refused.status_code == 200 and refusal(refused).startswith("Nama ini tidak bisa dipakai")
    for text in ANSWERS[:5]:
        assert answer(client, url, csrf, text).status_code == 303
    assert refusal(answer(client, url, csrf, "150%")) == "Angka harus antara 0 dan 100."
    for text in ANSWERS[5:8]:
        answer(client, url, csrf, text)
    assert refusal(answer(client, url, csrf, "mungkin")) == "Jawab ya atau tidak."
    for text in ["tidak", "tidak", "tidak"]:
        answer(client, url, csrf, text)
    assert refusal(answer(client, url, csrf, "1")) == "Angka harus antara 2 dan 100 m."   # plot width
    for text in ["6", "12", "tidak"]:
        answer(client, url, csrf, text)
    page = answer(client, url, csrf, "rumah-susun")
    assert refusal(page).startswith("Tidak ada pilihan 'rumah-susun'.")


def test_the_types_that_fit_are_drawn_and_buttons_answer_as_their_number_would(desk):
    app, client = desk
    csrf = token(client)
    url = consult(client, csrf, ANSWERS[:17])
    page = client.get(url)
    assert question(page)[1] == "Pilih tipe rumah (nomor atau nama)"
    cards = re.findall(r'name="pick" value="([^"]+)" class="type-card">\s*<svg', page.text)
    assert cards == ["inti-6m", "risha-3x3"]            # the types konsultasi lists for 6 x 12 m (no row house)
    index, _ = question(page)
    picked = client.post(url, data={"csrf_token": csrf, "index": str(index), "answer": "", "pick": "inti-6m"})
    assert picked.status_code == 303
    after = client.get(url)
    assert "Tinggi lantai dari tanah" in after.text                        # the flooding plot's next question
    # The running cost appears once the type is chosen: the same bill konsultasi estimates.
    from rumah.cost.estimate import estimate
    bill = estimate("inti-6m", "kendal", {"plinth_height": 0.8})          # the flooding plot's floor
    assert "Rp\u00a0" + f"{bill.total:,}".replace(",", ".") in after.text
    assert after.text.count("<svg") == len(bill.steps)


def test_changing_an_earlier_answer_asks_again_from_there_keeping_the_later_ones(desk):
    app, client = desk
    csrf = token(client)
    url = consult(client, csrf, ANSWERS[:8])
    assert client.post(url + "/kembali/1", data={"csrf_token": csrf}).status_code == 303
    page = client.get(url)
    assert question(page)[0] == 1
    assert answer(client, url, csrf, "6").status_code == 303
    # The answers given after it are offered again as defaults: Enter keeps them.
    for expected in ("3", "Kabupaten Kendal (kendal)", "Rp 2.400.000"):
        page = client.get(url)
        assert f'value="{expected}"' in page.text
        assert answer(client, url, csrf, "").status_code == 303
    answers = yaml.safe_load((draft_folder(app, url) / "household.yaml").read_text(encoding="utf-8"))
    assert answers["members"] == 6 and answers["composition"] == {"adults": 3, "children": 3}
    assert answers["income_monthly"] == 2_400_000


def test_a_name_with_markup_is_shown_as_text(desk):
    app, client = desk
    csrf = token(client)
    name = "Keluarga <script>alert('x')</script>"
    url = consult(client, csrf, [name] + ANSWERS[1:])
    assert save(client, url, csrf).status_code == 303
    for page in (client.get("/keluarga"), client.get("/keluarga/1"), client.get(url)):
        assert "<script>alert" not in page.text
        assert "&lt;script&gt;alert(" in page.text


@pytest.fixture
def families(desk, tmp_path):
    app, client = desk
    book = app.extensions["rumah"].book
    text = (ROOT / "examples" / "kendal-nelayan.yaml").read_text(encoding="utf-8")
    for family, village in [("Keluarga Bapak Slamet", "Bandengan"), ("Keluarga Ibu Sri", "Kaliwungu"),
                            ("Keluarga 100% Hidayat", "Bandengan"), ("Keluarga Budi_Santoso", "Weleri")]:
        raw = yaml.safe_load(text)
        raw["name"] = family
        book.save_household(yaml.safe_dump(raw, allow_unicode=True), by="Siti", village=village)
    return app, client, book


def listed(page) -> list[str]:
    return re.findall(r'<a href="/keluarga/\d+">([^<]*)</a>', page.text)


def test_the_families_are_listed_and_searched_by_name_or_village(families):
    app, client, book = families
    assert len(listed(client.get("/keluarga"))) == 4
    assert listed(client.get("/keluarga?q=bandengan")) == ["Keluarga 100% Hidayat", "Keluarga Bapak Slamet"]
    assert listed(client.get("/keluarga?q=SRI")) == ["Keluarga Ibu Sri"]
    # Search text is text: a wildcard or a quote is a plain character, never SQL.
    assert listed(client.get("/keluarga?q=100%25")) == ["Keluarga 100% Hidayat"]
    assert listed(client.get("/keluarga?q=_")) == ["Keluarga Budi_Santoso"]
    assert listed(client.get("/keluarga?q=%27%20OR%201%3D1%20--")) == []
    assert len(listed(client.get("/keluarga?status=waiting"))) == 4
    assert listed(client.get("/keluarga?status=livable")) == []
    assert "menunggu" in client.get("/keluarga").text


def test_a_visit_re_plans_the_rest_from_what_was_built_and_spent(families):
    app, client, book = families
    csrf = token(client)
    before = book.plan(1)
    form = client.get("/keluarga/1/kunjungan")
    assert form.status_code == 200
    # The form says which month "since month 1 of the plan" is.
    assert re.search(r"dibelanjakan untuk rumah sejak \w+ \d{4} \(bulan ke-1 rencana", html.unescape(form.text))
    packages = re.findall(r'name="built" value="([^"]+)"', form.text)
    assert "1:structure" in packages
    visited = today()
    sent = client.post("/keluarga/1/kunjungan", data={
        "csrf_token": csrf, "version": "1", "visited": visited.isoformat(), "built": ["1:structure"],
        "spent": "1,5 juta", "technician": "Budi", "note": "fondasi selesai"})
    assert sent.status_code == 303, re.findall(r'class="error" role="alert">([^<]*)', sent.text)
    record = book.household(1)
    assert record.version == 2 and record.status == "building"
    (visit,) = book.visits(1)
    assert visit["spent_idr"] == 1_500_000 and visit["packages"] == [(1, "structure")]
    after = book.plan(1)
    assert (1, "structure") in after.household.built and (1, "structure") not in before.household.built
    assert all(s.package != "structure" or s.step != 1 for s in after.best.steps)
    page = client.get("/keluarga/1")
    assert "fondasi selesai" in page.text and "membangun" in page.text
    if after.best.livable_month:
        assert f"Layak huni pada bulan ke-{after.best.livable_month}" in page.text
    # The next visit's money and grants count from this one, and its form says so by its date.
    again = html.unescape(client.get("/keluarga/1/kunjungan").text)
    said = i18n.long_date(visited, "id")
    assert f"dibelanjakan untuk rumah sejak kunjungan terakhir ({said}), Rp" in again


def test_a_visit_records_a_package_built_in_part(families):
    """The walls and roof 41 % built (the grant's first tranche): the re-plan builds the rest, not
    the whole package again."""
    app, client, book = families
    csrf = token(client)
    form = client.get("/keluarga/1/kunjungan")
    assert 'name="part-1-enclosure"' in form.text
    sent = client.post("/keluarga/1/kunjungan", data={
        "csrf_token": csrf, "version": "1", "visited": today().isoformat(), "built": ["1:structure"],
        "part-1-enclosure": "41", "technician": "Budi"})
    assert sent.status_code == 303, re.findall(r'class="error" role="alert">([^<]*)', sent.text)
    saved = yaml.safe_load(book.household(1).yaml)
    assert {"step": 1, "package": "enclosure", "share": 0.41} in saved["built"]
    rows = [row for row in book.plan(1).best.steps if (row.step, row.package) == (1, "enclosure")]
    assert sum(row.share for row in rows) == pytest.approx(0.59)
    assert "41 % pada kunjungan terakhir" in client.get("/keluarga/1/kunjungan").text
    # At the next visit the technician writes what stands then: 60 % (not 41 + 60); no more than
    # stood is refused, saying why.
    version = book.household(1).version
    again = client.post("/keluarga/1/kunjungan", data={
        "csrf_token": csrf, "version": str(version), "visited": today().isoformat(), "part-1-enclosure": "41",
        "technician": "Budi"})
    assert "Seharusnya lebih dari 41 % yang berdiri pada kunjungan terakhir" in html.unescape(again.text)
    assert book.household(1).version == version
    sent = client.post("/keluarga/1/kunjungan", data={
        "csrf_token": csrf, "version": str(version), "visited": today().isoformat(), "part-1-enclosure": "60,5",
        "technician": "Budi"})
    assert sent.status_code == 303, re.findall(r'class="error" role="alert">([^<]*)', sent.text)
    assert {"step": 1, "package": "enclosure", "share": 0.605} in yaml.safe_load(book.household(1).yaml)["built"]
    assert "60,5 % pada kunjungan terakhir" in client.get("/keluarga/1/kunjungan").text
    # The family's page says what stands of it.
    assert "Dinding dan atap, siap dihuni (60,5\u00a0%)" in html.unescape(client.get("/keluarga/1").text)


def test_a_visit_with_bad_money_says_so_beside_the_field(families):
    app, client, book = families
    csrf = token(client)
    with pytest.raises(Invalid) as expected:
        rupiah_answer("banyak", "id")
    sent = client.post("/keluarga/1/kunjungan", data={
        "csrf_token": csrf, "version": "1", "visited": "2026-13-01", "spent": "banyak", "technician": "Budi"})
    assert sent.status_code == 200
    assert str(expected.value) in sent.text and "Tulis tanggal seperti" in sent.text
    assert book.household(1).version == 1 and book.visits(1) == ()


def test_a_visit_the_register_refuses_is_told_in_the_desks_language(families, monkeypatch):
    """On a server whose own language is English, the Indonesian desk says why, in Indonesian."""
    monkeypatch.setenv("LANGUAGE", "en")
    app, client, book = families
    csrf = token(client)
    sent = client.post("/keluarga/1/kunjungan", data={
        "csrf_token": csrf, "version": "1", "visited": today().isoformat(), "spent": "50 juta",
        "technician": "Budi"})
    assert sent.status_code == 200
    said = html.unescape(" ".join(re.findall(r'class="error" role="alert">([^<]*)', sent.text)))
    assert "keluarga 1 versi 1: kunjungan mencatat Rp 50.000.000" in said, said
    assert "household" not in said
    assert book.household(1).version == 1


def test_the_visits_table_says_the_grant_each_visit_found_used(families, monkeypatch):
    """Six months on, a visit finds the first BSPS tranche spent on the foundation: the family's
    page says so in its visits (it showed the packages and the money, not the tranches)."""
    app, client, book = families
    csrf = token(client)
    later = today() + datetime.timedelta(days=185)
    monkeypatch.setenv("RUMAH_TODAY", later.isoformat())
    sent = client.post("/keluarga/1/kunjungan", data={
        "csrf_token": csrf, "version": "1", "visited": later.isoformat(), "built": ["1:structure"],
        "spent": "1 juta", "grant-0-tranches": "1", "grant-0-materials": "8.750.000", "grant-0-labour": "1 juta",
        "technician": "Budi"})
    assert sent.status_code == 303, re.findall(r'class="error" role="alert">([^<]*)', sent.text)
    page = html.unescape(client.get("/keluarga/1").text)
    assert "BSPS 2025: 1 termin cair; bahan Rp\u00a08.750.000, upah Rp\u00a01.000.000" in page


def test_the_monthly_report_counts_the_months_services(families):
    app, client, book = families
    csrf = token(client)
    day = today()
    client.post("/keluarga/2/kunjungan", data={"csrf_token": csrf, "version": "1", "visited": day.isoformat(),
                                               "built": ["1:structure"], "technician": "Budi"})
    page = client.get(f"/laporan?bulan={day:%Y-%m}")
    report = book.monthly_report(day.year, day.month)
    assert report.consultations == 4 and report.visits == 1 and report.packages_completed == 1
    rows = dict(re.findall(r"<tr><td>([^<]*)</td><td class=\"num\">([^<]*)</td></tr>", page.text))
    assert rows["Layanan diberikan"] == str(report.services)
    assert rows["Rumah tangga dibantu"] == "4" and rows["Paket pekerjaan selesai"] == "1"
    workbook = client.get(f"/laporan/unduh?bulan={day:%Y-%m}")
    assert workbook.status_code == 200 and workbook.data[:2] == b"PK"


def test_two_technicians_editing_one_family_see_what_the_other_changed(families):
    app, client, book = families
    csrf = token(client)
    first = client.post("/keluarga/1/konsultasi", data={"csrf_token": csrf}).headers["Location"]
    second = client.post("/keluarga/1/konsultasi", data={"csrf_token": csrf}).headers["Location"]

    def through(url: str, changes: dict[int, str]) -> None:
        k = 0
        while 'name="index"' in (page := client.get(url)).text:
            assert answer(client, url, csrf, changes.get(k, "")).status_code == 303, refusal(page)
            k += 1

    through(first, {4: "2,6 juta"})                                       # the income
    through(second, {7: "9 juta"})                                       # the savings
    assert save(client, first, csrf).status_code == 303
    conflict = save(client, second, csrf)
    assert conflict.status_code == 409
    assert "Petugas lain sudah menyimpan keluarga ini" in conflict.text
    # Named by the question that asks it, not by the file's key.
    assert re.search(r'<td title="income_monthly">Penghasilan keluarga per bulan</td><td>Rp\u00a0[\d.]+</td>'
                     r'<td>Rp\u00a02\.600\.000</td>', conflict.text)
    # The button's consequence is said beside it: only the changes to answers both changed are undone.
    said = "kecuali pada jawaban yang juga saya ubah: di situ jawaban saya yang disimpan"
    assert said in html.unescape(conflict.text)
    # A choice by the label the question offered, not its key.
    assert '<td title="parameters.floor">Lantai</td><td>—</td><td>Keramik 30x30</td>' in conflict.text
    # A visit opened on version 1 and sent after the first save meets the same table.
    visit = client.post("/keluarga/1/kunjungan", data={
        "csrf_token": csrf, "version": "1", "visited": today().isoformat(), "spent": "0", "technician": "Budi"})
    assert visit.status_code == 409
    assert re.search(r'<td title="income_monthly">Penghasilan keluarga per bulan</td><td>Rp\u00a0[\d.]+</td>'
                     r'<td>Rp\u00a02\.600\.000</td>', visit.text)
    assert yaml.safe_load(book.household(1).yaml)["savings"] != 9_000_000      # nothing overwritten silently
    # The visit's form keeps what was typed, on the newest version: sent again, it is recorded.
    assert 'name="version" value="2"' in visit.text and 'name="spent" value="0"' in visit.text
    resent = client.post("/keluarga/1/kunjungan", data={
        "csrf_token": csrf, "version": "2", "visited": today().isoformat(), "spent": "0", "technician": "Budi"})
    assert resent.status_code == 303 and book.household(1).version == 3 and len(book.visits(1)) == 1
    # Saving over the newest version, knowingly, keeps the second technician's answers.
    assert save(client, second, csrf, over_version="2").status_code == 409          # the visit came since
    over = save(client, second, csrf, over_version="3")
    assert over.status_code == 303
    # ... and the first technician's, in the answers the second did not change.
    saved = yaml.safe_load(book.household(1).yaml)
    assert saved["savings"] == 9_000_000 and saved["income_monthly"] == 2_600_000
    assert book.household(1).version == 4


def reopened(client, csrf: str, household_id: int, changes: dict[int, str]) -> str:
    """The family's consultation opened again and gone through, every saved answer kept but
    ``changes`` (question's index -> answer); its address."""
    url = client.post(f"/keluarga/{household_id}/konsultasi", data={"csrf_token": csrf}).headers["Location"]
    k = 0
    while 'name="index"' in (page := client.get(url)).text:
        assert answer(client, url, csrf, changes.get(k, "")).status_code == 303, refusal(page)
        k += 1
    return url


def test_a_consultation_saved_over_a_visit_keeps_what_the_visit_found(families):
    """A family reopened at the desk while a visit records its foundation built (and the tranche
    released for it): saved over the visit's version, with the savings changed, the file keeps
    the packages built and the grant as the visit left it."""
    app, client, book = families
    csrf = token(client)
    opened = reopened(client, csrf, 2, {7: "9 juta"})                      # the savings
    version = book.household(2).version
    visited = client.post("/keluarga/2/kunjungan", data={
        "csrf_token": csrf, "version": str(version), "visited": today().isoformat(), "built": ["1:structure"],
        "technician": "Budi"})
    assert visited.status_code == 303
    after_visit = yaml.safe_load(book.household(2).yaml)
    assert after_visit["built"] == [{"step": 1, "package": "structure"}]
    assert save(client, opened, csrf).status_code == 409
    assert save(client, opened, csrf, over_version=str(version + 1)).status_code == 303
    saved = yaml.safe_load(book.household(2).yaml)
    assert saved["savings"] == 9_000_000
    assert saved["built"] == after_visit["built"] and saved["grants"] == after_visit["grants"]


def test_a_save_over_refused_once_merges_over_the_newest_version_next(families):
    """Saved over version 2, refused because a second visit made version 3 meanwhile, then over
    version 3: the file saved has what the second visit found built (the draft kept the
    consultation's own answers, not the first merge), and the family's page follows."""
    app, client, book = families
    csrf = token(client)
    opened = reopened(client, csrf, 2, {7: "9 juta"})                      # the savings

    def visit(version: int, built: list[str]) -> None:
        sent = client.post("/keluarga/2/kunjungan", data={
            "csrf_token": csrf, "version": str(version), "visited": today().isoformat(), "built": built,
            "technician": "Budi"})
        assert sent.status_code == 303

    visit(1, ["1:structure"])
    assert save(client, opened, csrf).status_code == 409
    visit(2, ["1:structure", "1:enclosure"])
    assert save(client, opened, csrf, over_version="2").status_code == 409
    done = save(client, opened, csrf, over_version="3")
    assert done.status_code == 303 and done.headers["Location"].startswith("/keluarga/2")
    saved = yaml.safe_load(book.household(2).yaml)
    assert saved["savings"] == 9_000_000
    assert saved["built"] == yaml.safe_load(book.version_text(2, 3))["built"]
    assert {"step": 1, "package": "enclosure"} in saved["built"]


def test_merging_takes_a_default_written_out_for_no_change_and_refuses_another_house():
    """A choice konsultasi writes out as the default it offered is no change of this technician's:
    another's choice of it stays.  A house type changed here, while the newer version records work
    built on the old one, is not merged (the work was on the other house)."""
    from rumah.desk.register.families import merged_over
    from rumah.errors import DataError
    opened = yaml.safe_load((ROOT / "examples" / "kendal-nelayan.yaml").read_text(encoding="utf-8"))
    mine = copy.deepcopy(opened)
    mine["parameters"]["floor"] = "ceramic"                 # inti-6m's default, written out
    mine["savings"] = 9_000_000
    theirs = copy.deepcopy(opened)
    theirs["parameters"]["floor"] = "screed"
    merged = merged_over(opened, mine, theirs)
    assert merged["parameters"]["floor"] == "screed" and merged["savings"] == 9_000_000
    moved = copy.deepcopy(opened) | {"template": "risha-3x3"}
    built = copy.deepcopy(opened) | {"built": [{"step": 1, "package": "structure"}]}
    with pytest.raises(DataError, match="records work built on the house this consultation changes"):
        merged_over(opened, moved, built)
    assert merged_over(opened, moved, theirs)["template"] == "risha-3x3"


def test_a_count_of_one_family_and_a_month_that_is_none_are_said_right(tmp_path):
    """The English desk says "1 family" (it said "1 families"); a report asked for month 13 says it
    shows this month's instead of showing it silently."""
    app = create_app(Settings(register=str(tmp_path / "r.sqlite"), lang="en"))
    app.testing = True
    book = app.extensions["rumah"].book
    book.save_household((ROOT / "examples" / "kendal-nelayan.yaml").read_text(encoding="utf-8"), by="Siti")
    client = app.test_client()
    assert ">1 family<" in client.get("/keluarga").text
    page = html.unescape(client.get("/laporan?bulan=2026-13").text)
    assert "2026-13 is no month written YYYY-MM (such as 2026-12): this month's report is shown" in page
    assert "is no month" not in html.unescape(client.get(f"/laporan?bulan={today():%Y-%m}").text)
    book.close()


def test_a_consultation_left_unfinished_is_listed_until_it_is_saved(desk):
    """A tab closed halfway loses nothing: the families page lists the consultation, by the name
    answered, until it is saved in the register."""
    app, client = desk
    csrf = token(client)
    url = consult(client, csrf, ANSWERS[:3])
    assert f'<a href="{url}">{ANSWERS[0]}</a>' in client.get("/keluarga").text
    for typed in ANSWERS[3:]:
        assert answer(client, url, csrf, typed).status_code == 303
    assert save(client, url, csrf).status_code == 303
    assert f'href="{url}"' not in client.get("/keluarga").text
    # An answer changed after the save makes it unfinished again, until it is saved again.
    assert client.post(url, data={"csrf_token": csrf, "index": "1", "answer": "4"}).status_code == 303
    assert f'href="{url}"' in client.get("/keluarga").text


def test_a_register_reopened_by_another_desk_keeps_its_families(tmp_path):
    first = create_app(Settings(register=str(tmp_path / "r.sqlite")))
    text = (ROOT / "examples" / "kendal-nelayan.yaml").read_text(encoding="utf-8")
    first.extensions["rumah"].book.save_household(text, by="Siti")
    first.extensions["rumah"].book.close()
    with open_register(tmp_path / "r.sqlite") as book:
        assert book.families().total == 1
    second = create_app(Settings(register=str(tmp_path / "r.sqlite")))
    assert len(listed(second.test_client().get("/keluarga"))) == 1
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]        # sessions survive a restart
    second.extensions["rumah"].book.close()


def again_to_a_saran(client, url: str, csrf: str, asked: str, wanted) -> None:
    """The consultation at ``url`` gone through again from its first question keeping every saved
    answer (Enter), then the saran ``wanted(text)`` picks chosen by its button."""
    assert client.post(url + "/kembali/0", data={"csrf_token": csrf}).status_code == 303
    for _ in range(60):
        page = client.get(url)
        assert 'name="index"' in page.text, "the family is late: what would help is asked"
        index, text = question(page)
        chosen = ""
        if text.startswith(asked):
            offered = [html.unescape(b) for b in re.findall(r'<button[^>]*name="pick"[^>]*>(.*?)</button>', page.text,
                                                              re.S)]
            chosen = next(b.split(".")[0] for b in offered if wanted(b))
        sent = client.post(url, data={"csrf_token": csrf, "index": str(index), "answer": chosen})
        assert sent.status_code == 303, refusal(sent)
        if chosen:
            return
    raise AssertionError("no saran asked")


def test_a_saran_chosen_after_keeping_every_saved_answer_stays_the_one_chosen(desk):
    """A consultation gone through again keeping every saved answer (Enter), then a saran chosen:
    the answers kept were the saved ones, and the saran changes the saved household (the money
    for the house ...), so replayed as "the saved answer" they took the changed money, the saran
    list changed, and its number picked another saran: the page said one month where the file
    and the quote said another.  Now every page shows the plan of the household saved."""
    from rumah.plan.household import load_household
    from rumah.plan.planner import plan_household
    app, client = desk
    csrf = token(client)
    url = consult(client, csrf, ANSWERS)
    # The money that makes the house livable by month 60: the saran after it changes.
    again_to_a_saran(client, url, csrf, "Pakai salah satu saran ini?",
                     lambda b: "dana rumah" in b and "(bulan ke-60)" in b)
    household = load_household(draft_folder(app, url) / "household.yaml")
    month = plan_household(household, start=today()).best.livable_month
    shown = re.search(r"Layak huni pada bulan ke-(\d+)", client.get(url).text)
    assert household.budget > 720_000 and month == 60 and shown and int(shown.group(1)) == month


def test_the_plan_on_the_page_names_a_part_and_its_rest_as_the_quote_does(desk):
    """A package built in part with the grant's materials, and its rest later, read as such on the
    consultation's page (not as the same package twice)."""
    from rumah.documents.plan_report import row_name
    from rumah.plan.household import load_household
    from rumah.plan.planner import plan_household
    app, client = desk
    csrf = token(client)
    url = consult(client, csrf, ANSWERS)
    plan = plan_household(load_household(draft_folder(app, url) / "household.yaml"), start=today())
    parts = [s for s in plan.best.steps if s.share < 1]
    assert parts, "the BSPS family builds a package in part"
    page = html.unescape(client.get(url).text)
    for s in parts:
        assert row_name(plan, s, "id") in page
    assert "sebagian, sejauh bahan bantuan" in page and "sisanya" in page
    # Each month also as a calendar month, counted from the file's month 1 (this month).
    from rumah.documents.quote import calendar
    first = plan.best.steps[0].month
    assert f"{first} <small>{calendar(today(), first, 'id', short=True)}</small>" in page


def test_the_page_says_what_the_plan_notes_beside_its_months(desk):
    """A house too large for its plot with the steps of its floor: the consultation's page says
    so beside the livable month, as the terminal's plan and the quote do."""
    from rumah.documents.notes import note_text
    from rumah.plan.household import load_household
    from rumah.plan.planner import plan_household
    app, client = desk
    csrf = token(client)
    # A flooding plot 6 x 9,5 m, the core house, its floor raised 1,50 m: eight risers of steps.
    url = consult(client, csrf, ANSWERS[:14] + ["6", "9,5", "ya", "inti-6m", "1,5"])
    plan = plan_household(load_household(draft_folder(app, url) / "household.yaml"), start=today())
    (figures,) = [f for kind, f in plan.notes if kind == "plot_too_small"]
    said = note_text("plot_too_small", figures, "id")
    page = " ".join(html.unescape(client.get(url).text).split())
    assert said[:1].upper() + said[1:] in page


def test_a_missing_page_is_said_in_the_desks_language(desk):
    _, client = desk
    for url in ("/keluarga/99", "/konsultasi/zzz", "/tidak-ada"):
        page = client.get(url)
        assert page.status_code == 404
        assert "Halaman tidak ditemukan" in page.text and "Not Found" not in page.text


def test_the_family_page_names_months_from_the_month_its_plan_counts_from(desk, tmp_path):
    """A family saved in August without a start_month is planned by the register from August:
    the page names month 1 August, not the month it is opened in."""
    import sqlite3

    from rumah.documents.quote import calendar
    app, client = desk
    book = app.extensions["rumah"].book
    saved = book.save_household((ROOT / "examples" / "kendal-rtlh.yaml").read_text(encoding="utf-8"), by="Siti")
    connection = sqlite3.connect(tmp_path / "klinik.sqlite")
    connection.execute("update households set updated_at = '2026-08-15 10:00:00.000000'")
    connection.commit()
    connection.close()
    plan = book.plan(saved.household_id)
    assert plan.start == datetime.date(2026, 8, 15) and plan.household.start is None
    page = html.unescape(client.get(f"/keluarga/{saved.household_id}").text)
    rows = re.findall(r"<tr><td>(\d+) <small>([^<]+)</small>", page)
    assert rows and all(shown == calendar(plan.start, int(month), "id", short=True) for month, shown in rows)


def test_the_english_desk_reads_back_the_amounts_it_offers(tmp_path):
    """The English desk offers a saved amount as 'Rp 750,000'; kept with Enter, that text is what
    later pages replay, and once a saran has changed the saved money it must read back as the same
    amount (it was refused as not an amount, and the page went back to the money question)."""
    app = create_app(Settings(register=str(tmp_path / "k.sqlite"), lang="en"))
    app.testing = True
    client = app.test_client()
    csrf = token(client)
    english = {"ya": "yes", "tidak": "no", "30%": "Rp 750.000"}
    url = consult(client, csrf, [english.get(a, a) for a in ANSWERS])
    again_to_a_saran(client, url, csrf, "Make one of these changes?", lambda b: "a month for the house" in b)
    done = client.get(url)
    assert refusal(done) is None and 'name="index"' not in done.text
    app.extensions["rumah"].book.close()


def test_two_saves_of_one_draft_at_once_register_the_family_once(desk):
    """A double click on save sends two requests that the desk serves in two threads: one family,
    one version, one quote; the second is told it is saved already."""
    import threading
    app, client = desk
    csrf = token(client)
    url = consult(client, csrf, ANSWERS)
    answers = []

    def click():
        other = app.test_client()
        with client.session_transaction() as session, other.session_transaction() as copied:
            copied.update(session)
        answers.append((other, save(other, url, csrf, village="Bandengan")))

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join()
    assert sorted(a.status_code for _, a in answers) == [303, 303]
    book = app.extensions["rumah"].book
    assert len(book.family_list()) == 1
    assert book.household(1).version == 1 and len(book.quotes(1)) == 1
    pages = [other.get(a.headers["Location"]).text for other, a in answers]
    assert sum("Sudah disimpan sebagai versi 1" in page for page in pages) == 1


def test_the_plan_says_without_planning_even_when_that_is_never(desk):
    """The Kendal fisher family is livable in month 59 with the plan and not within 120 months
    without it (worked out here): the page says both, as the terminal does."""
    from rumah.plan.household import parse_household
    from rumah.plan.planner import plan_household
    from rumah.schema import Where
    plan = plan_household(parse_household(EXPECTED, Where("h.yaml")))
    assert plan.best.livable_month is not None and plan.naive.livable_month is None
    app, client = desk
    csrf = token(client)
    url = consult(client, csrf, ANSWERS)
    page = html.unescape(client.get(url).text)
    assert f"Layak huni pada bulan ke-{plan.best.livable_month}" in page
    assert "(tanpa perencanaan: belum dalam 120 bulan)" in page


def test_saving_again_after_the_quote_failed_makes_the_quote_not_a_second_version(desk, monkeypatch):
    from rumah.desk.web import views
    from rumah.errors import DataError
    app, client = desk
    csrf = token(client)
    url = consult(client, csrf, ANSWERS)
    made = views._issue_quote

    def failing(*args):
        raise DataError("the printer's folder is full")

    monkeypatch.setattr(views, "_issue_quote", failing)
    assert save(client, url, csrf).status_code == 303
    book = app.extensions["rumah"].book
    assert book.household(1).version == 1 and book.quotes(1) == ()
    monkeypatch.setattr(views, "_issue_quote", made)
    again = save(client, url, csrf)
    assert again.status_code == 303
    assert book.household(1).version == 1 and len(book.quotes(1)) == 1 and len(book.family_list()) == 1
    assert save(client, url, csrf).status_code == 303 and len(book.quotes(1)) == 1      # a third click: nothing


def test_a_refused_field_is_said_beside_it_without_the_files_english_key(desk):
    """Under the box labelled Desa/kelurahan, the reason reads "seharusnya nama paling panjang ...",
    not "village: seharusnya ..." (the file's key, in English); likewise the technician's name, and
    a visit's date the register refuses is said beside the date."""
    app, client = desk
    csrf = token(client)
    url = consult(client, csrf, ANSWERS)
    page = save(client, url, csrf, village="D" * 200, technician="T" * 200)
    said = [html.unescape(m) for m in re.findall(r'class="error" role="alert">([^<]*)', page.text)]
    assert said and all(not m.startswith(("village:", "technician:")) for m in said), said
    assert any(m.startswith("seharusnya nama paling panjang 120 karakter") for m in said), said
    assert save(client, url, csrf).status_code == 303
    book = app.extensions["rumah"].book
    last = client.post("/keluarga/1/kunjungan", data={
        "csrf_token": csrf, "version": "1", "visited": today().isoformat(), "spent": "0", "technician": "Budi"})
    assert last.status_code == 303
    early = client.post("/keluarga/1/kunjungan", data={
        "csrf_token": csrf, "version": str(book.household(1).version),
        "visited": (today() - datetime.timedelta(days=3)).isoformat(), "spent": "0", "technician": "Budi"})
    beside = re.search(r'name="visited"[^>]*required>\s*<p class="error" role="alert">([^<]*)', early.text)
    assert beside is not None and beside.group(1).startswith("seharusnya tanggal"), early.text[:3000]


def test_a_technician_new_to_the_session_issues_a_quote_under_the_name_they_write(desk):
    """Another technician (another browser, or the first one's session over) opens a family's
    page: the form to issue a quote asks the name, shown with the session's own when there is one,
    and records the quote under the name written."""
    app, client = desk
    csrf = token(client)
    assert save(client, consult(client, csrf, ANSWERS), csrf).status_code == 303
    other = app.test_client()
    page = other.get("/keluarga/1").text
    field = re.search(r'<input id="quote-technician" name="technician" value="([^"]*)"[^>]*required>', page)
    assert field is not None and field.group(1) == ""
    issued = other.post("/keluarga/1/penawaran", data={"csrf_token": token(other), "technician": "Ani Lestari"})
    assert issued.status_code == 303
    book = app.extensions["rumah"].book
    # The same quote as the first (the same plan, clinic and day): the one on record, not a second.
    assert len(book.quotes(1)) == 1
    # The name written is kept for the session, and offered on the next page.
    assert 'id="quote-technician" name="technician" value="Ani Lestari"' in other.get("/keluarga/1").text
    # The first technician's session still offers theirs.
    assert 'value="Siti Rahayu"' in client.get("/keluarga/1").text


def test_a_quote_issued_again_is_recorded_once_and_one_in_english_is_another(desk, tmp_path):
    """A double press of 'issue a new quote' records the quote once (the monthly report counted
    each press); the same quote issued from an English desk is another document with its own
    number and folder, and the Indonesian one's PDF stays as the family was given it."""
    app, client = desk
    csrf = token(client)
    assert save(client, consult(client, csrf, ANSWERS), csrf).status_code == 303
    book = app.extensions["rumah"].book
    (first,) = book.quotes(1)
    home = app.extensions["rumah"].home
    pdf = home.quote_folder(1, first.number) / "quote.pdf"
    given = pdf.read_bytes()
    for _ in range(2):
        assert client.post("/keluarga/1/penawaran", data={"csrf_token": csrf}).status_code == 303
    assert book.quotes(1) == (first,)
    english = create_app(Settings(register=str(tmp_path / "klinik.sqlite"), lang="en"))
    english.testing = True
    other = english.test_client()
    assert other.post("/keluarga/1/penawaran", data={"csrf_token": token(other), "technician": "Ani"}).status_code \
        == 303
    english.extensions["rumah"].book.close()
    numbers = [q.number for q in book.quotes(1)]
    assert len(numbers) == 2 and len(set(numbers)) == 2
    assert pdf.read_bytes() == given and hashlib.sha256(given).hexdigest() == first.pdf_sha256


def test_the_loan_a_plan_takes_is_on_the_panel_and_the_familys_page(desk):
    """A plan livable in month 27 because it borrows in month 25 says so beside the month, as the
    terminal's plan and the quote do: the loan, when it is taken and its instalments."""
    from rumah.documents.plan_report import loan_text
    app, client = desk
    csrf = token(client)
    answers = ANSWERS[:12] + ["tidak", "ya", "", "25.000.000", "6%", "60"] + ANSWERS[14:]
    url = consult(client, csrf, answers)
    book = app.extensions["rumah"].book
    assert save(client, url, csrf).status_code == 303
    plan = book.plan(1)
    said = loan_text(plan, "id")
    assert plan.best.loan is not None and said.startswith("Pinjaman: KUR Mikro Rp 25.000.000, 6 %, 60 bulan: diambil")
    assert said in html.unescape(client.get(url).text)
    assert said in html.unescape(client.get("/keluarga/1").text)


def test_a_lived_in_house_consulted_again_shows_its_repairs_and_their_plan(desk):
    """A house to repair has no house type: the panel priced nothing ('the cost shows once a
    house type is chosen') through a whole consultation.  It shows the repairs' bill and plan."""
    from rumah import i18n
    app, client = desk
    book = app.extensions["rumah"].book
    book.save_household((ROOT / "examples" / "kendal-rtlh.yaml").read_text(encoding="utf-8"), by="Siti")
    csrf = token(client)
    url = client.post("/keluarga/1/konsultasi", data={"csrf_token": csrf}).headers["Location"]
    k = 0
    while 'name="index"' in (page := client.get(url)).text and k < 60:
        assert answer(client, url, csrf, "").status_code == 303, refusal(page)
        k += 1
    page = html.unescape(client.get(url).text)
    plan = book.plan(1)
    assert plan.improvement is not None
    total = i18n.rupiah(plan.bill.total, "id").replace(" ", "\u00a0")
    panel = page[page.index('<aside class="panel">'):]
    assert re.search(rf'<tr class="total"><td>[^<]+</td><td></td><td class="num">{total}</td>', panel)
    assert f"Layak huni pada bulan ke-{plan.best.livable_month}" in page
    for step in plan.bill.steps:
        assert i18n.rupiah(step.total, "id").replace(" ", "\u00a0") in panel


def test_a_family_no_house_type_can_house_is_told_why_not_shown_an_empty_plan(desk):
    """Eight persons in the row house: its page and the consultation's panel say why and which
    types could, with no empty table of months and no 'the plan is as good as it gets'."""
    from rumah.documents.plan_report import never_livable_lines
    app, client = desk
    book = app.extensions["rumah"].book
    raw = yaml.safe_load((ROOT / "examples" / "madiun-pabrik.yaml").read_text(encoding="utf-8"))
    raw |= {"members": 8, "composition": {"adults": 2, "children": 6}, "template": "deret-4m5"}
    raw.pop("parameters", None)
    book.save_household(yaml.safe_dump(raw, allow_unicode=True), by="Siti")
    plan = book.plan(1)
    assert plan.status == "never_livable" and not plan.best.steps
    page = html.unescape(client.get("/keluarga/1").text)
    lines = never_livable_lines(plan, "id")
    assert all(line in page for line in lines) and "tidak bisa layak huni untuk 8 orang" in lines[0]
    section = page[page.index("Rencana dari versi 1"):page.index('id="penawaran"')]
    assert '<table class="money">' not in section
    csrf = token(client)
    url = client.post("/keluarga/1/konsultasi", data={"csrf_token": csrf}).headers["Location"]
    assert all(line in html.unescape(client.get(url).text) for line in lines)
    assert "Tidak ada saran" not in client.get(url + "/saran").text


def test_a_visit_dated_tomorrow_is_refused_beside_its_date_in_the_desks_words(families):
    app, client, book = families
    tomorrow = today() + datetime.timedelta(days=1)
    sent = client.post("/keluarga/1/kunjungan", data={
        "csrf_token": token(client), "version": "1", "visited": tomorrow.isoformat(), "spent": "0",
        "technician": "Budi"})
    said = re.findall(r'class="error" role="alert">([^<]*)', html.unescape(sent.text))
    assert said == [f"Kunjungan dicatat pada hari kunjungan itu, paling lambat hari ini ({today().isoformat()}); "
                    f"tertulis {tomorrow.isoformat()}."]
    assert book.visits(1) == () and book.household(1).version == 1


def test_the_familys_page_says_the_plans_notes(desk):
    """Work starting in month 3 with Rp 8 juta saved: the page says it waits for the grant, as the
    quote and the consultation's panel do."""
    from rumah.documents.notes import note_sentence

    from ..plan.test_improvement import GOOD
    app, client = desk
    book = app.extensions["rumah"].book
    house = GOOD | {"roof": {"covering": "clay_tile", "frame": "timber", "condition": "leaking"}}
    raw = {"name": "Keluarga Uji", "members": 2, "region": "kendal", "income_monthly": 3_000_000,
           "housing_share": 0.3, "savings": 8_000_000, "existing_house": house,
           "grants": [{"name": "BSPS", "kind": "bsps", "amount": 20_000_000, "month": 3}]}
    book.save_household(yaml.safe_dump(raw, allow_unicode=True), by="Siti")
    plan = book.plan(1)
    waits = dict(plan.notes)["waits_for_grant"]
    assert html.escape(note_sentence("waits_for_grant", waits, "id"), quote=False) in client.get("/keluarga/1").text
