"""Data files: strict YAML, clear messages naming file, key path, expected and found."""

from __future__ import annotations

import time

import pytest
import yaml

from rumah.cost.ahsp import parse_edition
from rumah.cost.prices import load_price_list, resolve_region
from rumah.errors import DataError, UnknownNameError
from rumah.schema import Where
from rumah.yamlio import MAX_BYTES, load_yaml, parse_yaml


def test_duplicate_key_is_an_error_with_both_lines():
    expected = r"line 3, column 3: the same key .cement. is written again .key .cement. first written at line 2"
    with pytest.raises(DataError, match=expected):
        parse_yaml("prices:\n  cement: 1\n  cement: 2\n", "list.yaml")


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 9):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        bomb += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    start = time.perf_counter()
    with pytest.raises(DataError, match="alias bomb"):
        parse_yaml(bomb, "bomb.yaml")
    assert time.perf_counter() - start < 1.0


def test_syntax_error_gives_line_and_column():
    with pytest.raises(DataError, match=r"bad.yaml: line 3, column 1"):
        parse_yaml("a:\n  b: 1\n\tc: 2\n", "bad.yaml")


def test_file_problems_are_named(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(DataError, match="the limit is"):
        load_yaml(big)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("harga: Rp 1.000 \xb7".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        load_yaml(latin)
    with pytest.raises(DataError, match="no such file"):
        load_yaml(tmp_path / "missing.yaml")
    with pytest.raises(DataError, match="is a folder"):
        load_yaml(tmp_path)
    bom = tmp_path / "bom.yaml"
    bom.write_bytes("\ufeffa: 1\n".encode("utf-8"))
    assert load_yaml(bom) == {"a": 1}


def price_file(tmp_path, body: str, name: str = "mine-2025"):
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"id: {name}\nregion: {{name: Kabupaten Uji}}\nyear: 2025\ncurrency: IDR\n"
                    f"source: survey of three shops\ncollected: 2025-06\n{body}", encoding="utf-8")
    return path


def test_own_price_list_extends_a_bundled_one(tmp_path, catalog):
    path = price_file(tmp_path, "extends: surakarta-2024\nfactor: 1.1\nfactor_source: BPS IKK 2025 ratio\n"
                                "prices:\n  cement: {price: 62000, unit: sak_50kg}\n")
    mine = load_price_list(str(path), catalog.resources)
    base = load_price_list("surakarta-2024", catalog.resources)
    assert mine.price("cement").per_base == pytest.approx(1240)
    # The factor, and the rise over the 11 months from Surakarta's July 2024 to this list's June 2025.
    assert mine.price("brick_red").per_base == pytest.approx(base.price("brick_red").per_base * 1.1 * 1.03 ** (11 / 12))
    # A sourced factor keeps published prices published.
    assert not mine.price("brick_red").indicative
    # Written with a decimal comma, as an Indonesian writes it (quoted, as YAML needs it), the
    # factor is the same.
    comma = price_file(tmp_path, 'extends: surakarta-2024\nfactor: "1,1"\nfactor_source: BPS IKK 2025 ratio\n'
                                 "prices:\n  cement: {price: 62000, unit: sak_50kg}\n", name="koma-2025")
    assert load_price_list(str(comma), catalog.resources).factor == mine.factor == pytest.approx(1.1)


@pytest.mark.parametrize("body, message", [
    ("prices:\n  semen: {price: 1, unit: kg}\n", "unknown resource 'semen'"),
    ("prices:\n  cemnt: {price: 1, unit: kg}\n", "did you mean 'cement'"),
    ("prices:\n  cement: {price: 1, unit: sak}\n", "unit 'sak' does not convert to kg"),
    ("prices:\n  cement: {price: -5, unit: kg}\n", r"prices.cement.price: expected a number greater than 0"),
    ("prices:\n  cement: {price: .nan, unit: kg}\n", "expected a finite number"),
    ("prices:\n  cement: {harga: 1, unit: kg}\n", "unknown key 'harga'"),
    ("prices:\n  cement: {unit: kg}\n", "missing key 'price'"),
    ("extends: kendall-2024\nprices: {}\n", "unknown price list 'kendall-2024'"),
    ("factor: 2\nprices: {}\n", "a factor needs 'extends'"),
])
def test_bad_price_list_entries(tmp_path, catalog, body, message):
    with pytest.raises((DataError, UnknownNameError), match=message):
        load_price_list(str(price_file(tmp_path, body)), catalog.resources)


def test_price_list_id_must_match_its_file_name(tmp_path, catalog):
    path = price_file(tmp_path, "prices: {}\n")
    path.rename(tmp_path / "other-2025.yaml")
    with pytest.raises(DataError, match="expected the file name without .yaml"):
        load_price_list(str(tmp_path / "other-2025.yaml"), catalog.resources)


def test_lists_that_extend_each_other_in_a_cycle_are_refused(tmp_path, catalog):
    price_file(tmp_path, "extends: two-2025\nprices: {}\n", "one-2025")
    price_file(tmp_path, "extends: one-2025\nprices: {}\n", "two-2025")
    with pytest.raises(DataError, match="cycle"):
        load_price_list(str(tmp_path / "one-2025.yaml"), catalog.resources)


def test_region_names_resolve_to_the_newest_list_and_typos_get_a_suggestion():
    assert resolve_region("kendal").stem == "kendal-2024"
    with pytest.raises(UnknownNameError, match="did you mean 'kendal'"):
        resolve_region("kendall")


@pytest.mark.parametrize("written, stem", [("Kabupaten Semarang", "semarang-kab-2024"),
                                           ("kab. semarang", "semarang-kab-2024"),
                                           ("KAB  SEMARANG", "semarang-kab-2024"),
                                           ("Kota Semarang", "semarang-2024"), ("3322", "semarang-kab-2024"),
                                           ("3324", "kendal-2024"), ("KENDAL", "kendal-2024"),
                                           ("Kendal-2024 ", "kendal-2024")])
def test_a_district_is_found_by_its_name_or_bps_code_as_its_list_writes_them(written, stem):
    """Each bundled list's region: name and bps_code name its district too (an office's list
    writes "Kabupaten Semarang", which is not Kota Semarang's 'semarang')."""
    assert resolve_region(written).stem == stem
    listed = yaml.safe_load(resolve_region(written).read_text(encoding="utf-8"))["region"]
    assert written == listed["bps_code"] or listed["name"].lower().endswith(written.lower().split()[-1]) \
        or written.strip().lower() in (stem, stem.rsplit("-", 1)[0])


def test_a_near_miss_of_a_districts_name_is_offered_that_name():
    with pytest.raises(UnknownNameError, match="did you mean 'Kabupaten Semarang'"):
        resolve_region("Kabupaten Semarangg")


def edition(lines, extra=None):
    items = {"a": {"code": "A", "description": "a", "unit": "m2", "lines": lines}}
    items.update(extra or {})
    return {"edition": "test", "title": "t", "year": 2026, "source": "s", "items": items}


def test_ahsp_composition_is_flattened(catalog):
    raw = edition([{"item": "b", "coefficient": 2.0}, {"resource": "cement", "coefficient": 1.0}],
                  {"b": {"code": "B", "description": "b", "unit": "m", "trade": "kayu",
                         "lines": [{"resource": "cement", "coefficient": 3.0},
                                   {"resource": "sand_masonry", "coefficient": 700, "unit": "kg"}]}})
    items = parse_edition(raw, Where("t.yaml"), catalog.resources).items
    usage = {(u.resource, u.trade): u.coefficient for u in items["a"].usage}
    assert usage[("cement", "umum")] == 1.0 and usage[("cement", "kayu")] == 6.0
    assert usage[("sand_masonry", "kayu")] == pytest.approx(2 * 700 / 1400)


def test_ahsp_cycle_and_unknown_names_are_refused(catalog):
    with pytest.raises(DataError, match="cycle: a -> b -> a"):
        loop = {"b": {"code": "B", "description": "b", "unit": "m", "lines": [{"item": "a", "coefficient": 1}]}}
        parse_edition(edition([{"item": "b", "coefficient": 1}], loop), Where("t.yaml"), catalog.resources)
    with pytest.raises(UnknownNameError, match="did you mean 'cement'"):
        parse_edition(edition([{"resource": "cemen", "coefficient": 1}]), Where("t.yaml"), catalog.resources)


def test_python_objects_cannot_be_built_from_a_file():
    with pytest.raises(DataError, match=r"a tag \(!!\.\.\.\) a data file may not use: .*python/object/apply"):
        parse_yaml('!!python/object/apply:os.system ["echo hi"]\n', "evil.yaml")


@pytest.mark.parametrize("text, english, indonesian", [
    ("name: Keluarga: Slamet\n", "line 1, column 15: not valid YAML: a ':' where a value was expected",
     "baris 1, kolom 15: bukan YAML yang sah: ada ':' di tempat yang seharusnya berisi nilai"),
    ("members: [5\n", "line 2, column 1: not valid YAML: a list opened with [ is not closed with ]",
     "baris 2, kolom 1: bukan YAML yang sah: daftar yang dibuka dengan [ tidak ditutup dengan ]"),
    ("a:\n\tb: 1\n", "a character that cannot start a value (a tab?",
     "ada huruf yang tidak boleh mengawali nilai (tab?"),
    ("a: 'abc\n", "a quote opened and never closed", "ada tanda kutip yang dibuka tetapi tidak ditutup"),
])
def test_the_commonest_yaml_mistakes_are_said_in_the_readers_language(text, english, indonesian):
    from rumah import i18n
    for lang, said in (("en", english), ("id", indonesian)):
        with i18n.reading(lang), pytest.raises(DataError) as caught:
            parse_yaml(text, "h.yaml")
        assert str(caught.value).startswith("h.yaml: ") and said in str(caught.value)


@pytest.mark.parametrize("written, read", [("0x10", "0x10"), ("02400000", "02400000"), ("1_000", "1_000"),
                                           ("0o17", "0o17"), ("1_0.5", "1_0.5"), ("2400000", 2400000),
                                           ("-3", -3), ("2.5", 2.5)])
def test_numbers_in_a_data_file_are_decimals_and_other_forms_stay_text(written, read):
    # YAML 1.1 would read 0x10 as 16 and a leading zero as octal (02400000 as 655360): a Rupiah
    # amount typed so must reach the money reader as written, which reads or refuses it.
    assert parse_yaml(f"savings: {written}\n", "h.yaml") == {"savings": read}


def test_a_measure_with_an_underscore_is_refused_not_read_as_python_does():
    from rumah.schema import Where, number
    with pytest.raises(DataError, match="h.yaml: plinth: expected a number in m, found '1_0'"):
        number("1_0", Where("h.yaml") / "plinth", unit="m")
