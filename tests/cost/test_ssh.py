"""Importing a district's price table (SSH/HSPK): rows matched by catalog/ssh-map.yaml, prices read
as written and converted to each resource's unit by hand, rows left over reported."""

from __future__ import annotations

import csv
import math

import pytest

from rumah.cost.prices import load_price_list
from rumah.cost.ssh import import_price_list, import_table, load_ssh_map, normalise
from rumah.errors import DataError

#: Title lines, a blank line, then the header, as district tables open.
TITLE = [["STANDAR SATUAN HARGA (SSH) KABUPATEN UJI TAHUN ANGGARAN 2025", "", "", "", ""], ["", "", "", "", ""]]
HEADER = ["Kode Barang", "Uraian", "Spesifikasi", "Satuan", "Harga Satuan (Rp)"]
#: An SSH-like table: thousands dots, Rp prefixes, decimal commas; units sak, m3, kg, bh, btg, OH.
ROWS = [
    ["1.1.7.01.01", "Semen Portland", "50 kg", "Sak", "Rp 62.000,00"],
    ["1.1.7.01.02", "Semen Portland", "40 kg", "Zak", "Rp 50.000,00"],
    ["1.1.7.02.01", "Pasir Pasang", "", "m3", "225.000"],
    ["1.1.7.02.02", "Pasir Beton", "", "kg", "Rp 200"],
    ["1.1.7.03.01", "Bata Merah", "5 x 11 x 22 cm", "bh", "650"],
    ["1.1.7.04.01", "Besi Beton Polos Ø 10 mm", "panjang 12 m", "btg", "Rp. 95.000,-"],
    ["1.1.7.04.02", "Besi Beton Ulir D 10", "BJTS 420", "btg", "110.000"],
    ["1.1.8.01", "Pekerja", "", "OH", "100.000"],
    ["1.1.8.02", "Tukang Kayu", "", "OH", "112.000"],
    ["1.1.8.03", "Tukang Batu", "", "OH", "110.000"],
    ["1.1.8.04", "Kepala Tukang", "", "OH", "125.000"],
    ["1.1.9.01", "Kertas HVS A4", "80 gram", "Rim", "55.000"],
    ["1.1.9.02", "Dolken kayu Ø 8-10 / 400 cm", "", "M1", "14.600"],
]
FIRST = len(TITLE) + 2          # spreadsheet row of the first data row (after the titles and the header)


def row_of(description: str, spec: str = "") -> int:
    return FIRST + next(i for i, r in enumerate(ROWS) if r[1] == description and (not spec or r[2] == spec))


#: 12 m bar of 10 mm: pi/4 x (0.010 m)^2 x 7850 kg/m3 x 12 m.
BAR_D10_KG = math.pi / 4 * 0.010 ** 2 * 7850 * 12
#: What each imported price must be per base unit, worked out by hand from ROWS.
BY_HAND = {
    "cement": 62_000 / 50,                  # Rp per kg: a sack of 50 kg (the mapping prefers it to 40 kg)
    "sand_masonry": 225_000,                # Rp per m3
    "sand_concrete": 200 * 1400,            # Rp per m3 from Rp per kg, AHSP sand 1400 kg/m3
    "brick_red": 650,                       # Rp per piece
    "steel_d10": 95_000 / BAR_D10_KG,       # Rp per kg from Rp per 12 m bar
    "L.01": 100_000,
    "L.02": 110_000,                        # the mason, preferred to the carpenter
    "L.03": 125_000,
}


def write_csv(path, delimiter: str, rows=None) -> None:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        for row in TITLE + [HEADER] + (ROWS if rows is None else rows):
            writer.writerow(row)


def write_xlsx(path, rows=None) -> None:
    """The table as a workbook: a first sheet with no prices, numbers as numbers where they are plain."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Petunjuk"
    book.active["A1"] = "Daftar harga ini berlaku untuk tahun anggaran 2025"
    sheet = book.create_sheet("SSH 2025")
    for row in TITLE + [HEADER]:
        sheet.append(row)
    for row in ROWS if rows is None else rows:
        price = row[4]
        plain = price.replace(".", "")
        sheet.append(row[:4] + [int(plain) if plain.isdigit() else price])
    book.save(path)


@pytest.fixture(scope="module")
def ssh_map(catalog):
    return load_ssh_map(catalog.resources)


def do_import(catalog, table, tmp_path, **options):
    return import_price_list(table, tmp_path / "uji-2025.yaml", catalog.resources, region="kendal", year=2025,
                             source="SSH Kabupaten Uji 2025", **options)


@pytest.mark.parametrize("form", [";", ",", "xlsx"])
def test_each_price_is_the_rows_price_converted_by_hand(catalog, tmp_path, form):
    table = tmp_path / ("ssh.xlsx" if form == "xlsx" else "ssh.csv")
    write_xlsx(table) if form == "xlsx" else write_csv(table, form)
    imported, _, prices = do_import(catalog, table, tmp_path)
    assert set(imported.prices) == set(BY_HAND)
    for code, expected in BY_HAND.items():
        assert prices.price(code).per_base == pytest.approx(expected, rel=1e-4), code
        assert not prices.price(code).indicative and prices.price(code).origin == "uji-2025"
    # Each price carries its row: sheet, row number, description as written.
    cement = prices.price("cement").source
    assert cement.row == row_of("Semen Portland", "50 kg") and cement.unit == "Sak"
    assert cement.description == "Semen Portland - 50 kg"
    assert cement.sheet == ("SSH 2025" if form == "xlsx" else "")
    assert imported.delimiter == ("" if form == "xlsx" else form)


def test_a_resource_the_table_lacks_is_inherited_indicative_through_an_unknown_factor(catalog, tmp_path):
    write_csv(tmp_path / "ssh.csv", ";")
    imported, _, prices = do_import(catalog, tmp_path / "ssh.csv", tmp_path)
    kendal = load_price_list("kendal-2024", catalog.resources)
    assert "gravel" in imported.missing
    # Not adjusted between districts; risen from kendal-2024's July 2024 to the table's July 2025.
    assert prices.price("gravel").per_base == pytest.approx(kendal.price("gravel").per_base * 1.03)
    assert prices.price("gravel").indicative and prices.price("gravel").unadjusted
    assert prices.extends == "kendal-2024" and prices.factor is None and prices.factor_status == "unknown"
    assert len(imported.missing) + len(imported.derived) + len(imported.prices) == len(catalog.resources)


def test_unmatched_unusable_and_doubly_matched_rows_are_reported(catalog, tmp_path):
    write_csv(tmp_path / "ssh.csv", ";")
    imported, text, _ = do_import(catalog, tmp_path / "ssh.csv", tmp_path)
    # The deformed bar matches no resource (the catalog prices plain bars), nor does paper.
    assert [r.number for r in imported.unmatched] == [row_of("Besi Beton Ulir D 10"), row_of("Kertas HVS A4")]
    (pole,) = imported.unusable
    assert pole.resource == "pole_dolken" and pole.row.number == row_of("Dolken kayu Ø 8-10 / 400 cm")
    assert "'M1' (m) does not convert to piece" in pole.reason("en")
    choices = {c.resource: c for c in imported.choices}
    assert set(choices) == {"cement", "L.02"}
    assert choices["cement"].how == "mapping"
    assert choices["cement"].chosen.row.number == row_of("Semen Portland", "50 kg")
    assert [m.row.number for m in choices["cement"].others] == [row_of("Semen Portland", "40 kg")]
    assert choices["L.02"].chosen.row.description == "Tukang Batu"
    # The file says so beside the entry.
    assert (f"# 2 rows price cement; row {row_of('Semen Portland', '50 kg')} taken (the mapping prefers its "
            f"pattern); also row {row_of('Semen Portland', '40 kg')}") in text


def test_rows_matching_the_same_pattern_are_taken_in_table_order_and_said_so(catalog, tmp_path):
    rows = [["1", "Air", "", "Liter", "50"], ["2", "Air bersih", "", "liter", "60"]]
    write_csv(tmp_path / "ssh.csv", ";", rows)
    imported, _, prices = do_import(catalog, tmp_path / "ssh.csv", tmp_path)
    (choice,) = imported.choices
    assert choice.how == "first" and choice.chosen.row.description == "Air"
    assert prices.price("water").per_base == 50          # water's base unit is the litre


def test_a_technician_can_choose_another_row(catalog, tmp_path):
    write_csv(tmp_path / "ssh.csv", ";")
    asked = []

    def choose(code, matches, default):
        asked.append((code, [m.row.number for m in matches], default))
        return len(matches) - 1 if code == "cement" else default
    imported, _, prices = do_import(catalog, tmp_path / "ssh.csv", tmp_path, choose=choose)
    # Asked in catalog order, each time with the mapping's choice as the default.
    assert [(code, default) for code, _, default in asked] == [("L.02", 0), ("cement", 0)]
    assert prices.price("cement").per_base == pytest.approx(50_000 / 40)
    assert {c.resource: c.how for c in imported.choices}["cement"] == "asked"


def test_a_new_region_needs_its_name_and_the_list_it_extends(catalog, tmp_path):
    write_csv(tmp_path / "ssh.csv", ";")
    with pytest.raises(DataError, match="give --extends"):
        import_price_list(tmp_path / "ssh.csv", tmp_path / "uji-2025.yaml", catalog.resources, region="uji",
                          year=2025, source="x")
    _, _, prices = import_price_list(tmp_path / "ssh.csv", tmp_path / "uji-2025.yaml", catalog.resources,
                                     region="uji", region_name="Kabupaten Uji", year=2025, source="x",
                                     extends="semarang-2024")
    assert prices.region_name == "Kabupaten Uji" and prices.extends == "semarang-2024"


def test_prices_written_as_a_spreadsheet_shows_them_read_alike(catalog, tmp_path):
    # The same price four ways: each one is Rp 62,000 per sack.
    for written in ("62000", "62.000", "Rp 62.000,00", "Rp. 62.000,-"):
        write_csv(tmp_path / "ssh.csv", ";", [["1", "Semen Portland 50 kg", "", "sak", written]])
        _, _, prices = do_import(catalog, tmp_path / "ssh.csv", tmp_path)
        assert prices.price("cement").per_base == pytest.approx(1240), written


def test_a_bad_price_names_the_file_row_and_column(catalog, tmp_path):
    write_csv(tmp_path / "ssh.csv", ";", [["1", "Pasir Pasang", "", "m3", "dua ratus ribu"]])
    with pytest.raises(DataError) as error:
        do_import(catalog, tmp_path / "ssh.csv", tmp_path)
    message = str(error.value)
    assert f"ssh.csv: row {FIRST}, column 5 'Harga Satuan (Rp)'" in message
    assert "expected a price in Rupiah" in message and "found 'dua ratus ribu'" in message


def test_a_price_that_cannot_be_meant_is_refused_not_imported(catalog, tmp_path):
    # Rp 620 a sack: a zero lost, or the price of a kilogram.
    write_csv(tmp_path / "ssh.csv", ";", [["1", "Semen Portland 50 kg", "", "sak", "620"]])
    with pytest.raises(DataError, match=r"row 4, column 5 .*expected a price of Portland cement between"):
        do_import(catalog, tmp_path / "ssh.csv", tmp_path)


@pytest.mark.parametrize("description, code", [
    ("Semen Portland 50 kg", "cement"), ("Semen PCC 50 Kg", "cement"), ("Semen Putih 40 kg", None),
    ("Semen Warna", "cement_coloured"), ("Pasir Pasang", "sand_masonry"), ("Pasir Beton", "sand_concrete"),
    ("Pasir Urug", "sand_fill"), ("Batu Pecah Mesin 1/2", "gravel"), ("Batu pecah 5/7 (makadam)", None),
    ("Batu Belah / Batu Kali", "stone_rubble"), ("Pasangan Batu Kali 1:4", None), ("Bata Merah", "brick_red"),
    ("Bata Ringan 10 x 20 x 60", "aac_block"), ("Mortar perekat bata ringan 40 kg", "aac_adhesive"),
    ("Besi Beton Polos ø 8 mm", "steel_d8"), ("Besi Beton Polos Ø10", "steel_d10"), ("Besi beton ulir D10", None),
    ("Besi Beton Polos Ø 12 mm", None), ("Kawat Beton / Bendrat", "tie_wire"), ("Kepala Tukang", "L.03"),
    ("Tukang Batu", "L.02"), ("Pekerja", "L.01"), ("Mandor", "L.04"), ("Multiplek 9 mm", "plywood"),
    ("Multiplek 18 mm", None), ("Keramik 30x30 cm", "tile_ceramic_30"), ("Keramik 40 x 40", "tile_ceramic_40"),
    ("Genteng Beton", "tile_roof_concrete"), ("Genteng Beton Bubungan", "tile_ridge"),
    ("Baja Ringan Kanal C 75", "steel_c75"), ("Reng Baja Ringan", "steel_r32"), ("Kloset Jongkok", "toilet_squat"),
    ("Pipa PVC 3\" AW", "pvc_pipe_3in"), ("Pipa PVC 1/2 inch", "pvc_pipe_half_in"), ("Pipa PVC 1 1/2\"", None),
    ("Kabel NYM 2 x 2,5 mm", "cable_nym"), ("Kaca Bening 3 mm", "glass_3mm"), ("Kaca Polos 5 mm", None),
    ("GRC 4 mm 120x240", "ceiling_board"), ("Kertas HVS A4", None),
    # A longer word for masonry sand; boards of another size than a whole sheet are cut pieces.
    ("Pasir Pasangan", "sand_masonry"), ("Multiplek 9 mm 1220 x 2440 mm", "plywood"),
    ("Multiplek 9 mm 60 x 120", None), ("Papan GRC 4 mm 60x120 cm", None),
])
def test_the_mapping_tells_near_misses_apart(catalog, ssh_map, description, code):
    best = {code: pattern.rank for code, pattern in ssh_map.matching(normalise(description)).items()}
    if code is None:
        assert not best, best
    else:
        assert code in best and len(best) == 1, best


def test_the_screen_passes_every_row_a_pattern_matches(ssh_map):
    """The one-search screen must never drop a row that some pattern matches."""
    for row in ROWS:
        text = normalise(f"{row[1]} {row[2]}")
        if any(p.matches(text) for p in ssh_map.patterns):
            assert ssh_map.screen.search(text), row


def test_every_pattern_unit_converts_for_its_resource(catalog, ssh_map):
    for pattern in ssh_map.patterns:
        for unit in pattern.units.values():
            assert catalog.resources[pattern.resource].factor(unit) > 0


@pytest.mark.parametrize("delimiter", [";", ","])
def test_sipds_standar_harga_layout_reads_the_items_description_not_its_groups(catalog, tmp_path, delimiter):
    """SIPD's export has a group column before the item's ("Uraian Kelompok Barang", then "Uraian
    Barang"): the prices are the items', as by hand."""
    header = ["Kode Kelompok Barang", "Uraian Kelompok Barang", "ID Standar Harga", "Kode Barang", "Uraian Barang",
              "Spesifikasi", "Satuan", "Harga Satuan", "Kode Rekening"]
    rows = [["1.1.7.01", "Bahan Bangunan", str(k), code, description, spec, unit, price, "5.1.02"]
            for k, (code, description, spec, unit, price) in enumerate(ROWS, 1)]
    with open(tmp_path / "sipd.csv", "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=delimiter).writerows([header] + rows)
    imported, _, prices = do_import(catalog, tmp_path / "sipd.csv", tmp_path)
    assert set(imported.prices) == set(BY_HAND)
    for code, expected in BY_HAND.items():
        assert prices.price(code).per_base == pytest.approx(expected, rel=1e-4), code


@pytest.mark.parametrize("form", [";", "xlsx"])
def test_a_description_merged_down_over_its_sizes_names_each_of_them(catalog, tmp_path, form):
    """"Semen Portland" merged over its 40 kg and 50 kg rows holds its text in the first only: the
    50 kg sack, the one the mapping prefers, is read all the same (Rp 62.000 / 50 kg); a row with
    no unit under a description (a note) takes nothing."""
    rows = [list(r) for r in ROWS]
    rows[0], rows[1] = rows[1], rows[0]             # 40 kg first, then 50 kg
    rows[1][1] = ""
    rows.insert(2, ["", "", "harga franco gudang", "", ""])
    # Rows of sums and taxes, a size without a price: none of them a next size of the item above.
    bricks = next(k for k, r in enumerate(rows) if r[1] == "Bata Merah")
    rows[bricks + 1:bricks + 1] = [["", "", "Jumlah", "bh", "700"], ["", "", "PPN 11%", "%", "11"],
                                   ["", "", "5 x 10 x 20 cm", "bh", "-"]]
    table = tmp_path / ("ssh.xlsx" if form == "xlsx" else "ssh.csv")
    if form == "xlsx":
        write_xlsx(table, rows)
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.load_workbook(table)
        book["SSH 2025"].merge_cells(f"B{FIRST}:B{FIRST + 1}")
        book.save(table)
    else:
        write_csv(table, form, rows)
    imported, _, prices = do_import(catalog, table, tmp_path)
    assert prices.price("cement").per_base == pytest.approx(BY_HAND["cement"], rel=1e-4)
    assert set(imported.prices) == set(BY_HAND)
    # The 40 kg and 50 kg sacks are two rows of cement; the bricks' sum, tax and unpriced size none.
    read = imported.rows
    assert read == len(ROWS)
    assert not any(u.row.description == "Bata Merah" for u in imported.unusable)


def test_a_table_without_a_header_is_refused_with_the_names_looked_for(catalog, ssh_map, tmp_path):
    (tmp_path / "t.csv").write_text("a;b;c\n1;2;3\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"t.csv: expected a header row naming at least the description and price "
                                        r"columns \(description: 'uraian barang'"):
        import_table(tmp_path / "t.csv", catalog.resources, ssh_map)


@pytest.mark.parametrize("delimiter", [";", ","])
def test_a_description_with_the_delimiter_on_its_first_line_is_read(catalog, tmp_path, delimiter):
    """A description on two lines whose first line holds the delimiter as often as a row has cells
    after it, but ends in words, not a price: a description, not a row read into a quote left
    open (which ends in its row's price)."""
    rows = [list(r) for r in ROWS]
    rows[-1][1] = f"Kertas HVS A4{delimiter} putih{delimiter} polos{delimiter} rim\n(kantor)"
    # A specification whose first line ends in a number, its second starting no row.
    rows[5][2] = f"panjang 12 m{delimiter} polos{delimiter} 10\nmm"
    write_csv(tmp_path / "ssh.csv", delimiter, rows)
    _, _, prices = do_import(catalog, tmp_path / "ssh.csv", tmp_path)
    assert prices.price("cement").per_base == pytest.approx(BY_HAND["cement"], rel=1e-4)


@pytest.mark.parametrize("delimiter", [";", ","])
def test_a_description_on_two_lines_is_read_and_a_quote_left_open_is_refused(catalog, tmp_path, delimiter):
    """A line break within a cell (quoted, as spreadsheets write it) is part of the description; a
    quote left open reads the table's next rows into one cell, and the list their prices are lost
    from is not written."""
    rows = [list(r) for r in ROWS]
    rows[0][2] = "50 kg\nkemasan kertas"
    write_csv(tmp_path / "ssh.csv", delimiter, rows)
    imported, _, prices = do_import(catalog, tmp_path / "ssh.csv", tmp_path)
    assert prices.price("cement").per_base == pytest.approx(BY_HAND["cement"], rel=1e-4)
    cut = row_of("Pasir Beton")
    lines = (tmp_path / "ssh.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    # The Pasir Beton line opens a quote it never closes: the lines after it are read into its cell.
    target = cut - 1 + 1                                 # one line more: the cement row's line break
    assert lines[target].split(delimiter)[1] == "Pasir Beton"
    lines[target] = lines[target].replace("Pasir Beton", '"Pasir Beton', 1)
    (tmp_path / "ssh.csv").write_text("".join(lines), encoding="utf-8")
    (tmp_path / "uji-2025.yaml").write_text("earlier\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        do_import(catalog, tmp_path / "ssh.csv", tmp_path)
    # With ';' every row after it; with ',' the rows up to the next quoted price ("Rp. 95.000,-"),
    # whose quote closes the cell: the Bata Merah row and the Besi Beton row's first cells.
    swallowed = len(ROWS) - ROWS.index(next(r for r in ROWS if r[1] == "Pasir Beton")) - 1 if delimiter == ";" else 2
    assert str(error.value).startswith(f"{tmp_path / 'ssh.csv'}: row {cut}")
    assert f"column 2 'Uraian' is not closed on its line: {swallowed} more rows of the table" in str(error.value)
    assert (tmp_path / "uji-2025.yaml").read_text(encoding="utf-8") == "earlier\n"


def test_the_written_list_says_how_its_inherited_prices_were_risen(catalog, tmp_path):
    write_csv(tmp_path / "ssh.csv", ";")

    def head(**options) -> str:
        text = do_import(catalog, tmp_path / "ssh.csv", tmp_path, **options)[1]
        return " ".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#"))

    assert "inherited from kendal-2024 (risen 12 months to this list's month at 3 % a year, not adjusted" in head()
    assert "inherited from kendal-2024 (not adjusted between districts)" in head(collected="2024-07")


#: Rows that write a size other than the one the mapping's unit holds, each priced by hand from
#: the size written: (code, row, Rp per base unit).
SIZED = [
    # A 6 m bar of 10 mm is half a 12 m one (its mass is by length).
    ("steel_d10", ["", "Besi Beton Polos", "Ø 10 mm x 6 m", "btg", "46.000"], 46_000 / (BAR_D10_KG / 2)),
    # Written "P = 6 m", with the size in the unit cell.
    ("steel_d8", ["", "Besi Beton Polos Ø 8 mm", "", "Btg 6 m", "29.000"],
     29_000 / (math.pi / 4 * 0.008 ** 2 * 7850 * 6)),
    # A 1 kg can, which the catalog sells paint in too; a 25 kg pail, which it does not.
    ("paint_int", ["", "Cat Tembok Interior", "Kaleng 1 kg", "Kaleng", "55.000"], 55_000 / 1),
    ("paint_ext", ["", "Cat Tembok Eksterior", "Pail 25 kg", "Pail", "1.650.000"], 1_650_000 / 25),
    # A roll of 100 m, a 6 m PVC pipe, a 3 m conduit, a 4 m light-steel channel.
    ("cable_nym", ["", "Kabel NYM 2x2,5 mm", "Roll 100 m", "Roll", "1.150.000"], 1_150_000 / 100),
    ("pvc_pipe_3in", ["", 'Pipa PVC 3"', "panjang 6 meter", "btg", "200.000"], 200_000 / 6),
    ("conduit", ["", "Pipa Conduit 20 mm", "panjang 3 m", "btg", "12.000"], 12_000 / 3),
    ("steel_c75", ["", "Baja Ringan C75", "panjang 4 m", "btg", "66.000"], 66_000 / 4),
    # A sack whose size only the unit cell says.
    ("cement", ["", "Semen Portland", "", "Zak 50 kg", "66.000"], 66_000 / 50),
    # A pole counted in batang is one pole.
    ("pole_dolken", ["", "Dolken kayu Ø 8-10", "400 cm", "btg", "14.600"], 14_600),
]


def test_a_size_the_row_writes_rules_over_the_size_the_mapping_assumes(catalog, tmp_path):
    """A 6 m bar was read as a 12 m one (steel at half its price), a 1 kg can as a 5 kg pail (paint
    at a fifth), a 100 m roll as a 50 m one: the size a row writes is the size priced."""
    write_csv(tmp_path / "ssh.csv", ";", [row for _, row, _ in SIZED])
    imported, _, prices = do_import(catalog, tmp_path / "ssh.csv", tmp_path)
    assert not imported.unusable
    for code, row, per_base in SIZED:
        assert prices.price(code).per_base == pytest.approx(per_base, rel=1e-4), code     # (7,398 kg a 12 m bar)
        assert prices.price(code).source.price == row[4]           # the row as written, beside it
    # The can is read in the catalog's own 1 kg can.
    assert imported.prices["paint_int"].unit == "kaleng_1kg"
    # A row that writes two lengths says neither which its price is for: not used.
    write_csv(tmp_path / "two.csv", ";", [["", "Besi Beton Polos Ø 10 mm", "panjang 6 m atau 12 m", "btg", "46.000"],
                                          ["", "Pekerja", "", "OH", "100.000"]])
    imported, _, _ = do_import(catalog, tmp_path / "two.csv", tmp_path)
    assert "steel_d10" not in imported.prices
    assert [u.resource for u in imported.unusable] == ["steel_d10"]


def test_of_two_price_columns_the_lists_year_is_read_or_the_table_refused(catalog, tmp_path):
    """A table of last year's and this year's prices: the column naming the list's year is read;
    "Harga Lama" and "Harga Baru" say no year, and the table is refused (the first column, last
    year's prices, was read as this year's)."""
    rows = [["", "Pekerja", "", "OH", "100.000", "110.000"], ["", "Tukang Batu", "", "OH", "115.000", "125.000"]]

    def table(first: str, second: str):
        path = tmp_path / "dua.csv"
        with open(path, "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, delimiter=";")
            writer.writerows([HEADER[:4] + [first, second], *rows])
        return path

    _, _, prices = do_import(catalog, table("Harga Satuan 2024 (Rp)", "Harga Satuan 2025 (Rp)"), tmp_path)
    assert prices.price("L.01").per_base == 110_000 and prices.price("L.02").per_base == 125_000
    with pytest.raises(DataError, match=r"dua.csv: row 1: expected one price column, found 2: 'Harga Lama', "
                                        r"'Harga Baru'"):
        do_import(catalog, table("Harga Lama", "Harga Baru"), tmp_path)
    # A column beside the price that is no price (a share of local content) is not a second one.
    _, _, prices = do_import(catalog, table("Harga Satuan (Rp)", "Nilai TKDN (%)"), tmp_path)
    assert prices.price("L.01").per_base == 100_000


def test_a_priced_row_without_a_description_is_reported_not_passed_over(catalog, tmp_path):
    """A row with a unit and a price whose description cell is empty (and no size to name, so no
    description from above) matches nothing: it is listed as such, not dropped from the report."""
    write_csv(tmp_path / "ssh.csv", ";", [["", "Pekerja", "", "OH", "100.000"], ["", "", "", "btg", "46.000"],
                                          ["", "", "", "", ""]])
    imported, _, _ = do_import(catalog, tmp_path / "ssh.csv", tmp_path)
    assert [(row.number, row.label("en")) for row in imported.unmatched] == [(FIRST + 1, "no description (btg) 46.000")]
    assert imported.rows == 1                                 # the rows with a description
