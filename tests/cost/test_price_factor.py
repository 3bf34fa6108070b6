"""A factor is unknown until it has a source: a number with its publication, or a ratio of two BPS
IKK values of one edition and reference city, each of its own district."""

from __future__ import annotations

from pathlib import Path

import pytest

from rumah.cost.prices import bundled_lists, load_price_list
from rumah.errors import DataError

#: A hypothetical IKK for Kota Semarang of the 2025 edition: no published value was found, so the
#: tests use a round one; 105.94 is Kabupaten Semarang's published IKK 2025 (DOMAIN.md section 9).
HYPOTHETICAL_KOTA_SEMARANG = 100.0
IKK = """\
factor:
  ikk:
    edition: 2025
    reference: Kota Surabaya
    region: {name: Kabupaten Semarang, value: 105.94, source: "BPS Kab. Semarang"}
    base: {name: Kota Semarang, value: 100.0, source: "hypothetical, for this test"}
"""


def price_file(tmp_path, body: str, region: str = "Kabupaten Semarang", name: str = "mine-2025"):
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"id: {name}\nregion: {{name: {region}}}\nyear: 2025\ncurrency: IDR\n"
                    f"source: survey of three shops\ncollected: 2025-06\nextends: semarang-2024\n{body}"
                    "prices:\n  cement: {price: 62000, unit: sak_50kg}\n", encoding="utf-8")
    return str(path)


def test_no_bundled_list_claims_a_factor_nobody_published(catalog):
    for list_id, path in bundled_lists().items():
        prices = load_price_list(str(path), catalog.resources)
        if prices.extends:
            assert prices.factor is None or prices.factor_source, list_id
            assert all(link.factor is None or link.source for link in prices.links)
        else:
            assert prices.factor is None and prices.factor_status == ""


#: From semarang-2024 (collected "2024": July) to the test list's June 2025, at 3 % a year.
RISE_11_MONTHS = 1.03 ** (11 / 12)


def test_without_a_factor_inherited_prices_are_not_adjusted_between_districts_and_marked(catalog, tmp_path):
    for body in ("", "factor: unknown\n"):
        mine = load_price_list(price_file(tmp_path, body), catalog.resources)
        semarang = load_price_list("semarang-2024", catalog.resources)
        assert mine.factor is None and mine.factor_status == "unknown"
        # Only risen over the 11 months from Semarang's month to this list's.
        assert mine.price("brick_red").per_base == pytest.approx(semarang.price("brick_red").per_base * RISE_11_MONTHS)
        assert mine.price("brick_red").indicative and mine.price("brick_red").unadjusted
        # Its own price is neither.
        assert not mine.price("cement").indicative and not mine.price("cement").unadjusted
        assert [(link.list_id, link.extends, link.factor) for link in mine.links] == [
            ("mine-2025", "semarang-2024", None), ("semarang-2024", "surakarta-2024", None)]


def test_a_factor_from_two_ikk_values_scales_and_names_both(catalog, tmp_path):
    mine = load_price_list(price_file(tmp_path, IKK), catalog.resources)
    semarang = load_price_list("semarang-2024", catalog.resources)
    assert mine.factor == pytest.approx(105.94 / HYPOTHETICAL_KOTA_SEMARANG)
    assert mine.price("brick_red").per_base == pytest.approx(
        semarang.price("brick_red").per_base * 1.0594 * RISE_11_MONTHS)
    # Semarang's own brick price is published, and stays so through a sourced factor ...
    assert not mine.price("brick_red").indicative and not mine.price("brick_red").unadjusted
    # ... while what Semarang itself inherited through an unknown factor stays indicative.
    assert mine.price("nails").indicative and mine.price("nails").unadjusted
    assert "BPS IKK 2025 (reference Kota Surabaya = 100)" in mine.factor_source
    assert "Kabupaten Semarang 105.94" in mine.factor_source and "Kota Semarang 100" in mine.factor_source


def dated_file(tmp_path, name: str, collected: str, extends: str, own: str = "") -> str:
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"id: {name}\nregion: {{name: Somewhere}}\nyear: {name[-4:]}\ncurrency: IDR\nsource: a survey\n"
                    f"collected: \"{collected}\"\nextends: {extends}\nprices: {{{own}}}\n", encoding="utf-8")
    return str(path)


def test_inherited_prices_are_risen_from_their_list_month_to_the_inheriting_one(catalog, tmp_path):
    semarang = load_price_list("semarang-2024", catalog.resources)       # July 2024
    brick = semarang.price("brick_red").per_base
    # The same month: as they are.
    same = load_price_list(dated_file(tmp_path, "same-2024", "2024-07", "semarang-2024"), catalog.resources)
    assert same.price("brick_red").per_base == brick and same.price("brick_red").rise == 1.0
    # A year on, then that list extended 11 months later again: the rises compose, 23 months in all.
    later = dated_file(tmp_path, "later-2025", "Juli 2025", "semarang-2024", "cement: {price: 1200, unit: kg}")
    assert load_price_list(later, catalog.resources).price("brick_red").per_base == pytest.approx(brick * 1.03)
    latest = load_price_list(dated_file(tmp_path, "latest-2026", "2026-06", "later-2025"), catalog.resources)
    assert latest.price("brick_red").per_base == pytest.approx(brick * 1.03 ** (23 / 12))
    assert latest.price("brick_red").rise == pytest.approx(1.03 ** (23 / 12))
    # later-2025's own cement, written for July 2025, is risen 11 months only.
    assert latest.price("cement").per_base == pytest.approx(1200 * 1.03 ** (11 / 12))
    assert [link.months for link in latest.links] == [11, 12, 0]
    # A list of an earlier month extending a later one takes its prices lowered to its month.
    earlier = load_price_list(dated_file(tmp_path, "earlier-2024", "2024-01", "later-2025"), catalog.resources)
    assert earlier.price("brick_red").per_base == pytest.approx(brick * 1.03 ** (-6 / 12))
    assert earlier.dated == (2024, 1)


def test_the_rise_is_said_with_the_factor(catalog, tmp_path):
    from rumah.documents.provenance import factor_text
    later = load_price_list(dated_file(tmp_path, "later-2025", "2025-07", "semarang-2024"), catalog.resources)
    assert "semarang-2024 -> later-2025: factor unknown, risen 12 months to this list's month at 3 % a year " \
           "(x 1.03)" in factor_text(later, "en")
    assert "dinaikkan 12 bulan" in factor_text(later, "id")
    earlier = load_price_list(dated_file(tmp_path, "earlier-2024", "2024-01", "semarang-2024"), catalog.resources)
    assert "lowered 6 months back to this list's month at 3 % a year (x 0.9853)" in factor_text(earlier, "en")


@pytest.mark.parametrize("body, region, message", [
    # The base value must be of the region of the list being scaled (Kota Semarang), not another.
    (IKK.replace("name: Kota Semarang", "name: Kota Surabaya"), "Kabupaten Semarang",
     "factor.ikk.base.name: expected the IKK of the region of semarang-2024"),
    (IKK, "Kabupaten Kendal", "factor.ikk.region.name: expected the IKK of this list's region ('Kabupaten Kendal')"),
    (IKK.replace("    reference: Kota Surabaya\n", ""), "Kabupaten Semarang", "factor.ikk: missing key 'reference'"),
    (IKK.replace(', source: "BPS Kab. Semarang"', ""), "Kabupaten Semarang", "missing key 'source'"),
    ("factor: 1.0\n", "Kabupaten Semarang", "factor_source: expected the source of the factor 1"),
    ("factor: 1.1\nfactor_source: null\n", "Kabupaten Semarang", "write 'factor: unknown'"),
    ("factor: unknown\nfactor_source: BPS\n", "Kabupaten Semarang", "the factor is unknown"),
    ("factor: satu\n", "Kabupaten Semarang", "expected a number with its factor_source, an IKK ratio"),
])
def test_a_factor_without_a_matching_source_is_refused(catalog, tmp_path, body, region, message):
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_price_list(price_file(tmp_path, body, region), catalog.resources)


def test_a_plain_factor_with_its_source_is_kept(catalog, tmp_path):
    mine = load_price_list(price_file(tmp_path, "factor: 1.05\nfactor_source: a published ratio\n"),
                           catalog.resources)
    assert mine.factor == 1.05 and mine.factor_source == "a published ratio" and mine.factor_status == "sourced"


def test_kabupaten_semarang_does_not_use_its_ikk_without_a_matching_base(catalog):
    """Its one published IKK (105.94) has no Kota Semarang value of the same edition to divide by."""
    kab = load_price_list("semarang-kab-2024", catalog.resources)
    assert kab.factor is None and kab.extends == "semarang-2024"
    assert "105.94" in kab.note and "unknown" in kab.note


@pytest.mark.parametrize("collected, month", [("2025-06", (2025, 6)), ("2024", (2024, 7)),
                                              ("2023  # the base list's year", (2023, 7)),
                                              ("Maret 2025", (2025, 3)), ("march 2024", (2024, 3)),
                                              ("undated workbook", (2025, 7))])
def test_a_lists_prices_hold_in_the_month_it_was_collected_or_the_middle_of_its_year(catalog, tmp_path, collected,
                                                                                    month):
    path = Path(price_file(tmp_path, "factor: 1.0\nfactor_source: test\n"))
    path.write_text(path.read_text(encoding="utf-8").replace("collected: 2025-06", f'collected: "{collected}"'),
                    encoding="utf-8")
    assert load_price_list(str(path), catalog.resources).dated == month


def test_a_plan_prices_the_list_risen_from_its_month_to_plan_month_one(catalog, tmp_path):
    # The same family, its plan starting in December 2026, priced from a list collected in June
    # 2025 (18 months before) and from the same list said to hold since December 2026 (as it is):
    # every package's month-0 cost is the second's risen 18 months at the family's 3 % a year.
    from rumah.cost.pricing import round_idr
    from rumah.plan.finance import escalation
    from rumah.plan.household import parse_household
    from rumah.plan.planner import make_problem, price_age, price_household
    from rumah.schema import Where
    path = price_file(tmp_path, "factor: 1.0\nfactor_source: test\n")
    raw = {"name": "Uji", "members": 4, "region": Path(path).name, "income_monthly": 3_000_000,
           "template": "inti-6m", "start_month": "2026-12"}
    listed = parse_household(raw, Where("a.yaml"), folder=tmp_path)
    pinned = parse_household(raw | {"prices_from": "2026-12"}, Where("b.yaml"), folder=tmp_path)
    priced = price_household(listed, catalog)
    assert price_age(listed, priced.bill.price_list) == 18 and price_age(pinned, priced.bill.price_list) == 0
    risen = make_problem(listed, priced, price_age=18).problem
    as_is = make_problem(pinned, priced).problem
    for a, b in zip(risen.tasks, as_is.tasks):
        assert a.cost == round_idr(b.cost * escalation(0.03, 18))
    # A plan month 1 before the list's month takes its prices as they are.
    early = parse_household(raw | {"start_month": "2025-01"}, Where("c.yaml"), folder=tmp_path)
    assert price_age(early, priced.bill.price_list) == 0


def test_a_collected_month_that_is_no_month_is_refused_naming_the_field(catalog, tmp_path):
    path = Path(price_file(tmp_path, "factor: 1.0\nfactor_source: test\n"))
    path.write_text(path.read_text(encoding="utf-8").replace("collected: 2025-06", 'collected: "2024-13"'),
                    encoding="utf-8")
    with pytest.raises(DataError, match=r"mine-2025.yaml: collected: expected the month the prices were collected, "
                                        r"YYYY-MM with a month from 01 to 12, or a year, found '2024-13'"):
        load_price_list(str(path), catalog.resources)
