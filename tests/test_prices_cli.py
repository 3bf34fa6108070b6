"""`rumah prices import`, `rumah prices diff`, and "factor unknown" wherever a resident or a
technician reads a price list's provenance."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from rumah.cost.estimate import estimate
from rumah.cost.prices import load_price_list
from tests.cost.test_ssh import BY_HAND, row_of, write_csv, write_xlsx

PRICE_LIST = """\
id: {name}
region: {{name: Kabupaten Uji}}
year: 2025
currency: IDR
source: survey of three shops
collected: "2025-06"
extends: surakarta-2024
{factor}prices:
  cement: {{price: 62000, unit: sak_50kg}}
"""


def run(*args, input=None):
    result = CliRunner().invoke(cli.main, [str(a) for a in args], input=input)
    assert result.exit_code == 0, result.output
    return result.output


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture()
def derived(tmp_path):
    """A clinic's list extending Surakarta's with no factor: everything it inherits is unadjusted."""
    path = tmp_path / "uji-2025.yaml"
    path.write_text(PRICE_LIST.format(name="uji-2025", factor=""), encoding="utf-8")
    return path


def test_a_list_without_a_sourced_factor_says_unknown_in_prices_list_and_show(derived):
    listed = run("prices", "list", "--wide")                          # each list on one line
    kendal = next(line for line in listed.splitlines() if line.startswith("kendal "))
    assert "belum diketahui" in kendal and "1.0" not in kendal and "1,0" not in kendal
    english = run("prices", "list", "--lang", "en", "--wide")
    assert "unknown" in next(line for line in english.splitlines() if line.startswith("kendal "))
    surakarta = next(line for line in english.splitlines() if line.startswith("surakarta "))
    assert "unknown" not in surakarta                                  # it extends nothing
    rows = json.loads(run("prices", "list", "--format", "json"))
    assert {r["id"]: (r["factor"], r["factor_status"]) for r in rows}["kendal-2024"] == (None, "unknown")
    shown = flat(run("prices", "show", derived, "--lang", "en"))
    # Never "x 1.0" for a factor nobody published; the 11 months from July 2024 to June 2025 are a rise.
    assert "surakarta-2024 -> uji-2025: factor unknown, risen 11 months to this list's month at 3 % a year " \
           "(x 1.0275)" in shown and "uji-2025: x" not in shown
    data = json.loads(run("prices", "show", derived, "--format", "json"))
    assert data["factor"] is None and data["factor_status"] == "unknown"


def test_the_estimate_says_factor_unknown_in_its_table_and_json(derived):
    table = flat(run("estimate", "inti-6m", "--region", derived))
    assert "Faktor wilayah: surakarta-2024 -> uji-2025: faktor belum diketahui" in table
    assert "tidak disesuaikan antarkabupaten/kota" in table
    english = flat(run("estimate", "inti-6m", "--region", "kendal", "--lang", "en"))
    assert "semarang-2024 -> kendal-2024: factor unknown; surakarta-2024 -> semarang-2024: factor unknown" in english
    data = json.loads(run("estimate", "inti-6m", "--region", derived, "--format", "json"))
    assert data["price_list"]["factor"] is None and data["price_list"]["factor_status"] == "unknown"
    assert "faktor belum diketahui" in data["price_list"]["factor_text"]
    used = {p["code"]: p for p in data["prices_used"]}
    assert len(used) == data["indicative_prices"]["of"]
    assert {code for code, p in used.items() if p["indicative"]} == set(data["indicative_prices"]["codes"])
    assert used["brick_red"]["unadjusted"] and used["brick_red"]["indicative"]
    assert not used["cement"]["unadjusted"] and used["cement"]["from"] == "uji-2025"


def test_the_plan_says_factor_unknown(tmp_path):
    from tests.documents.test_quote import MADIUN
    text = flat(run("plan", MADIUN, "--horizon", "36"))
    assert "surakarta-2024 -> madiun-2024: faktor belum diketahui" in text
    data = json.loads(run("plan", MADIUN, "--horizon", "36", "--format", "json"))
    assert data["price_list"]["factor_status"] == "unknown"


def test_a_sourced_factor_is_shown_as_a_number_not_unknown(tmp_path):
    path = tmp_path / "uji-2025.yaml"
    path.write_text(PRICE_LIST.format(name="uji-2025", factor="factor: 1.05\nfactor_source: a published ratio\n"),
                    encoding="utf-8")
    shown = flat(run("prices", "show", path, "--lang", "en"))
    assert "surakarta-2024 -> uji-2025: x 1.05 (a published ratio)" in shown and "unknown" not in shown


def test_an_imported_price_carries_its_row_into_the_estimate(tmp_path, catalog):
    write_csv(tmp_path / "ssh.csv", ";")
    out = tmp_path / "kendal-2025.yaml"
    report = run("prices", "import", tmp_path / "ssh.csv", "--region", "kendal", "--year", "2025",
                 "--source", "SSH Kabupaten Kendal 2025", "-o", out, "--lang", "en")
    assert f"{out}: kendal-2025, {len(BY_HAND)} prices from" in flat(report)
    assert "rows that match no resource (2):" in report and "Kertas HVS A4" in report
    assert "several rows price one resource:" in report and "(the mapping prefers its pattern)" in report
    assert run("prices", "check", out).startswith(f"{out}: OK - kendal-2025")
    data = json.loads(run("estimate", "inti-6m", "--region", out, "--format", "json"))
    cement = next(p for p in data["prices_used"] if p["code"] == "cement")
    assert cement["source_row"] == {"table": "ssh.csv", "sheet": "", "row": row_of("Semen Portland", "50 kg"),
                                    "description": "Semen Portland - 50 kg", "unit": "Sak", "price": "Rp 62.000,00"}
    assert cement["price_idr"] == pytest.approx(1240) and not cement["indicative"]
    table = flat(run("estimate", "inti-6m", "--region", out))
    assert "harga dari tabel ssh.csv" in table
    shown = flat(run("prices", "show", out, "--lang", "en"))
    assert f"kendal-2025 (ssh.csv, row {row_of('Semen Portland', '50 kg')}: Semen Portland - 50 kg (Sak)" in shown


def test_import_json_report_lists_every_row_left_over(tmp_path, catalog):
    write_xlsx(tmp_path / "ssh.xlsx")
    out = tmp_path / "kendal-2025.yaml"
    report = json.loads(run("prices", "import", tmp_path / "ssh.xlsx", "--region", "kendal", "--year", "2025",
                            "--source", "SSH", "-o", out, "--format", "json"))
    assert report["headers"] == [{"sheet": "SSH 2025", "row": row_of("Semen Portland") - 1}]
    assert report["sheets_without_prices"] == ["Petunjuk"]
    assert [r["description"] for r in report["unmatched"]] == ["Besi Beton Ulir D 10", "Kertas HVS A4"]
    pole = row_of("Dolken kayu Ø 8-10 / 400 cm")
    assert [(u["code"], u["row"]) for u in report["unusable"]] == [("pole_dolken", pole)]
    assert {c["code"]: c["how"] for c in report["choices"]} == {"cement": "mapping", "L.02": "mapping"}
    assert len(report["prices"]) + len(report["inherited"]) + len(report["priced_as"]) == len(catalog.resources)


def test_the_technician_is_asked_at_a_terminal(tmp_path):
    write_csv(tmp_path / "ssh.csv", ",")
    out = tmp_path / "kendal-2025.yaml"
    # L.02 first (keep the mason: Enter), then cement: the second row, the 40 kg sack.
    report = run("prices", "import", tmp_path / "ssh.csv", "--region", "kendal", "--year", "2025", "--source", "SSH",
                 "-o", out, "--choose", "ask", "--lang", "id", input="\n2\n")
    # The questions in the reader's language (--lang id here), like the report.
    assert "cement (Semen Portland): 2 baris" in report and "(dipilih di sini)" in report
    data = json.loads(run("prices", "show", out, "--format", "json"))
    cement = next(p for p in data["prices"] if p["code"] == "cement")
    assert cement["price_idr"] == pytest.approx(50_000 / 40)


def test_diff_shows_each_change_and_each_templates_total_worked_by_hand(tmp_path, catalog):
    mine = tmp_path / "uji-2025.yaml"
    # Collected in Surakarta's own month, so that what it inherits is not risen.
    mine.write_text(PRICE_LIST.format(name="uji-2025", factor="").replace('"2025-06"', '"2024-07"'), encoding="utf-8")
    data = json.loads(run("prices", "diff", "surakarta", mine, "--format", "json"))
    changes = {p["code"]: p for p in data["prices"]}
    # Only cement differs: Rp 55,000 a sack (1,100 a kg) -> 62,000 (1,240 a kg): +12.73 %.
    assert data["changed"] == 1
    assert changes["cement"]["a_idr"] == 1100 and changes["cement"]["b_idr"] == pytest.approx(1240)
    assert changes["cement"]["change"] == pytest.approx(140 / 1100)
    assert changes["brick_red"]["change"] == 0 and changes["brick_red"]["b_indicative"]
    surakarta = load_price_list("surakarta", catalog.resources)
    for effect in data["templates"]:
        bill = estimate(effect["template"], surakarta, catalog=catalog)
        assert effect["total_a_idr"] == bill.total
        # By hand: the cement the house uses, times Rp 140 a kg more; each line is rounded once.
        cement_kg = sum(q for step in bill.steps for (code, _), q in step.resources.items() if code == "cement")
        lines = sum(len(step.lines) for step in bill.steps)
        assert abs(effect["difference_idr"] - cement_kg * 140) <= lines
        assert effect["change"] == pytest.approx(effect["difference_idr"] / effect["total_a_idr"])
    assert {e["template"] for e in data["templates"]} == {"deret-4m5", "inti-6m", "risha-3x3"}
    table = run("prices", "diff", "surakarta", mine, "--wide")
    cement_line = next(line for line in table.splitlines() if line.startswith("cement "))
    assert "55.000" in cement_line and "62.000" in cement_line and "+12,7 %" in cement_line
    assert f"1 dari {len(catalog.resources)} harga berbeda" in table           # Indonesian unless --lang en
    assert f"1 of {len(catalog.resources)} prices differ" in run("prices", "diff", "surakarta", mine, "--lang", "en")
    # Collected 11 months later, every price it inherits is risen over them.
    mine.write_text(PRICE_LIST.format(name="uji-2025", factor=""), encoding="utf-8")
    later = {p["code"]: p for p in json.loads(run("prices", "diff", "surakarta", mine, "--format", "json"))["prices"]}
    assert later["brick_red"]["change"] == pytest.approx(1.03 ** (11 / 12) - 1)


def test_blora_is_a_sourced_central_java_list_and_says_it_is_a_copy(catalog):
    blora = load_price_list("blora", catalog.resources)
    assert blora.id == "blora-2025" and blora.province == "Jawa Tengah" and "salinan sekunder" in blora.source
    # DOMAIN.md section 9: the prices of the list, each from its row.
    published = {"L.01": 96_000, "L.02": 106_000, "L.03": 122_000, "L.04": 133_000, "cement": 1_450,
                 "sand_concrete": 221 * 1400, "gravel": 244 * 1350, "sand_fill": 244_200, "nails": 17_600,
                 "plywood": 123_700, "timber_meranti": 1_976_000, "steel_c75": 148_500 / 6, "water": 50}
    for code, value in published.items():
        price = blora.price(code)
        assert price.per_base == pytest.approx(value) and not price.indicative, code
        assert price.source is not None and price.source.table == "ssh-blora-2025.csv"
    for code in ("brick_red", "stone_rubble", "steel_d10", "tile_roof_concrete", "paint_int"):
        assert blora.price(code).indicative and blora.price(code).origin != "blora-2025"
    assert blora.factor is None and blora.extends == "semarang-2024"


def test_without_openpyxl_a_workbook_gets_a_clear_message_and_nothing_is_written(tmp_path, monkeypatch):
    write_xlsx(tmp_path / "ssh.xlsx")
    before = (tmp_path / "ssh.xlsx").read_bytes()
    monkeypatch.setitem(sys.modules, "openpyxl", None)          # as if rumah[xlsx] were not installed
    result = CliRunner().invoke(cli.main, ["prices", "import", str(tmp_path / "ssh.xlsx"), "--region", "kendal",
                                           "--year", "2025", "--source", "SSH", "-o", str(tmp_path / "k.yaml")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "ssh.xlsx: reading an XLSX workbook needs openpyxl: pip install 'rumah[xlsx]'" in result.output
    assert not (tmp_path / "k.yaml").exists() and (tmp_path / "ssh.xlsx").read_bytes() == before


def test_a_price_list_beside_the_household_is_named_by_its_id_on_the_quote_and_drawings(tmp_path, catalog):
    """Not by the path it was read from on the clinic's computer: the family reads 'kendal-2025'."""
    import ezdxf
    write_csv(tmp_path / "ssh.csv", ";")
    run("prices", "import", tmp_path / "ssh.csv", "--region", "kendal", "--year", "2025", "--source", "SSH",
        "-o", tmp_path / "kendal-2025.yaml")
    household = tmp_path / "slamet.yaml"
    text = (Path(__file__).resolve().parents[1] / "examples" / "kendal-nelayan.yaml").read_text(encoding="utf-8")
    household.write_text(text.replace("region: kendal", "region: kendal-2025.yaml"), encoding="utf-8")
    run("quote", household, "-o", tmp_path / "q.pdf")
    pages = subprocess.run(["pdftotext", "-layout", str(tmp_path / "q.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "(kendal-2025)" in pages and str(tmp_path) not in pages
    run("dxf", household, "-o", tmp_path / "dxf")
    drawings = sorted((tmp_path / "dxf").glob("*.dxf"))
    assert drawings
    for path in drawings:
        texts = " ".join(e.plain_text() if e.dxftype() == "MTEXT" else e.dxf.text
                         for layout in ezdxf.readfile(path).layouts for e in layout.query("TEXT MTEXT"))
        assert str(tmp_path) not in texts, path
        assert "kendal-2025" in texts, path


def test_importing_a_bundled_lists_own_table_again_extends_what_that_list_extends(tmp_path, catalog):
    # A Blora clinic imports Blora's 2025 SSH as blora-2025, the id of the bundled list it stands in
    # for: the new list extends semarang-2024, as the bundled one does (it cannot extend itself),
    # and prices what the table gives as the bundled list does.
    table = Path(__file__).resolve().parent.parent / "examples" / "ssh-blora-2025.csv"
    out = tmp_path / "blora-2025.yaml"
    run("prices", "import", table, "-r", "blora", "--year", 2025, "--source", "SSH Kab. Blora 2025", "-o", out)
    mine, bundled = load_price_list(str(out), catalog.resources), load_price_list("blora", catalog.resources)
    assert mine.id == "blora-2025" and mine.extends == bundled.extends == "semarang-2024"
    assert mine.price("cement").per_base == bundled.price("cement").per_base == 1_450


def test_prices_check_refuses_a_character_the_quote_cannot_print(tmp_path):
    # A quote priced with the list prints its source: an emoji there would be an empty box on every
    # family's quote, so the check refuses it as the quote would, naming the file and field.
    source = (Path(__file__).resolve().parent.parent / "price_lists" / "blora-2025.yaml").read_text(encoding="utf-8")
    path = tmp_path / "rumah-2025.yaml"
    renamed = source.replace('id: "blora-2025"', 'id: "rumah-2025"')
    path.write_text(renamed.replace('source: "', 'source: "\U0001f3e0 ', 1), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["prices", "check", str(path), "--lang", "en"])
    assert result.exit_code == 1
    assert f"{path}: source: the character '\U0001f3e0' (U+1F3E0) is not in the quote's font" in result.output


def test_prices_check_refuses_an_unprintable_source_up_the_chain_of_extends(tmp_path):
    # The quote prints the source of every list the prices come from: a list whose parent has an
    # emoji in its source is refused too, naming the parent's file.
    parent = (Path(__file__).resolve().parent.parent / "price_lists" / "semarang-2024.yaml").read_text(encoding="utf-8")
    parent = parent.replace("id: semarang-2024", "id: induk-2025").replace('source: "', 'source: "\U0001f3e0 ', 1)
    (tmp_path / "induk-2025.yaml").write_text(parent, encoding="utf-8")
    child = tmp_path / "anak-2025.yaml"
    child.write_text('id: "anak-2025"\nregion: {name: Kabupaten Anak}\nyear: 2025\ncurrency: IDR\nsource: "uji"\n'
                     'collected: "2025"\nextends: induk-2025\nfactor: unknown\nprices: {}\n', encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["prices", "check", str(child), "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert f"{tmp_path / 'induk-2025.yaml'}: source: the character '\U0001f3e0'" in result.output


def test_a_diff_of_lists_of_two_months_says_what_part_of_the_change_is_time(catalog):
    """Blora's inherited prices are Semarang's risen 12 months: +3 % that is not the district."""
    table = flat(run("prices", "diff", "semarang", "blora"))
    assert "Harga A adalah harga Juli 2024, harga B harga Juli 2025" in table
    data = json.loads(run("prices", "diff", "semarang", "blora", "--format", "json"))
    assert (data["a"]["prices_month"], data["b"]["prices_month"]) == ("2024-07", "2025-07")
    brick = next(p for p in data["prices"] if p["code"] == "brick_red")
    assert brick["change"] == pytest.approx(0.03)
    # Lists of one month say nothing of it.
    assert "Harga A adalah harga" not in flat(run("prices", "diff", "semarang", "kendal"))
