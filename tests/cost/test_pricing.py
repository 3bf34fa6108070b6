"""Invariants of priced bills, over random templates, parameters, regions and prices."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rumah.cost.estimate import estimate
from rumah.cost.prices import load_price_list
from rumah.cost.pricing import price_bill, round_idr
from rumah.house.design import build_design

from ..strategies import REGIONS, TEMPLATES, houses, parameter_values

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def scaled(price_list, factor: float, only: str | None = None):
    prices = {code: dataclasses.replace(p, per_base=p.per_base * (factor if only in (None, code) else 1.0))
              for code, p in price_list.prices.items()}
    return dataclasses.replace(price_list, prices=prices)


def test_round_half_up():
    assert [round_idr(x) for x in (0.49, 0.5, 1.5, 2.5, 1234.5)] == [0, 1, 2, 3, 1235]


@SETTINGS
@given(house=houses(), region=st.sampled_from(REGIONS), overhead=st.sampled_from([0.0, 0.1, 0.15]),
       labour=st.sampled_from(["paid", "gotong_royong"]))
def test_totals_equal_the_sum_of_their_lines(catalog, house, region, overhead, labour):
    template_id, values = house
    bill = estimate(TEMPLATES[template_id], region, values, overhead=overhead, labour=labour, catalog=catalog)
    for step in bill.steps:
        assert all(isinstance(line.amount, int) and line.amount >= 0 for line in step.lines)
        assert step.total == sum(line.amount for line in step.lines) + step.overhead
        assert step.overhead == round_idr(overhead * step.subtotal)
    assert bill.total == sum(step.total for step in bill.steps)


@SETTINGS
@given(house=houses())
def test_doubling_every_price_doubles_the_total(catalog, kendal, house):
    template_id, values = house
    design = build_design(TEMPLATES[template_id], values)
    args = (catalog.edition, kendal, catalog.resources, catalog.bill_map)
    base = price_bill(design, *args)
    double = price_bill(design, catalog.edition, scaled(kendal, 2.0), catalog.resources, catalog.bill_map)
    for one, two in zip(base.steps, double.steps):
        # Each line rounds once: doubling can move a line by at most one Rupiah.
        assert abs(two.total - 2 * one.total) <= len(one.lines)


@SETTINGS
@given(house=houses(), data=st.data())
def test_raising_one_price_never_lowers_a_total(catalog, kendal, house, data):
    template_id, values = house
    design = build_design(TEMPLATES[template_id], values)
    code = data.draw(st.sampled_from(sorted(kendal.prices)))
    factor = data.draw(st.floats(1.0, 5.0))
    base = price_bill(design, catalog.edition, kendal, catalog.resources, catalog.bill_map)
    dearer = price_bill(design, catalog.edition, scaled(kendal, factor, code), catalog.resources, catalog.bill_map)
    for one, two in zip(base.steps, dearer.steps):
        assert two.total >= one.total
        for a, b in zip(one.lines, two.lines):
            assert b.amount >= a.amount


@SETTINGS
@given(data=st.data(), template_id=st.sampled_from(sorted(TEMPLATES)))
def test_a_larger_module_never_lowers_floor_area(template_id, data):
    template = TEMPLATES[template_id]
    spans = sorted({s for s in template.grid_x + template.grid_y if isinstance(s, str)})
    values = data.draw(parameter_values(template_id))
    name = data.draw(st.sampled_from(spans))
    p = template.parameters[name]
    small = data.draw(st.floats(p.minimum, p.maximum))
    large = data.draw(st.floats(small, p.maximum))
    one = build_design(template, values | {name: small})
    two = build_design(template, values | {name: large})
    for step in one.steps:
        assert two.total_floor_area(step.number) >= one.total_floor_area(step.number) - 1e-9


def test_gotong_royong_is_cheaper_but_buys_the_same_materials(catalog, kendal):
    paid = estimate("inti-6m", kendal, catalog=catalog)
    community = estimate("inti-6m", kendal, labour="gotong_royong", catalog=catalog)
    assert community.total < paid.total
    for a, b in zip(paid.steps, community.steps):
        assert a.resources == b.resources


def test_overhead_is_its_own_line_and_within_the_regulated_cap(catalog, kendal):
    bill = estimate("deret-4m5", kendal, overhead=0.1, catalog=catalog)
    for step in bill.steps:
        assert step.overhead == round_idr(0.1 * step.subtotal) > 0
    with pytest.raises(ValueError, match="at most 15 %"):
        estimate("deret-4m5", kendal, overhead=0.2, catalog=catalog)


def test_both_ahsp_editions_price_every_template(catalog, old_catalog):
    for name in TEMPLATES:
        for cat in (catalog, old_catalog):
            bill = estimate(name, "surakarta", catalog=cat)
            assert bill.total > 0
            assert bill.edition.edition in ("se-djbk-47-2026", "sni-2008")


def test_indicative_prices_are_counted(catalog):
    surakarta = estimate("inti-6m", "surakarta", catalog=catalog)
    kendal = estimate("inti-6m", "kendal", catalog=catalog)
    # Kendal inherits through a factor nobody published: every price it uses is indicative.
    assert len(kendal.indicative) == len(kendal.used)
    # Surakarta's own published prices are not.
    assert 0 < len(surakarta.indicative) < len(surakarta.used)
    assert "cement" not in surakarta.indicative and "cement" in kendal.indicative


def test_a_price_per_sack_is_the_same_as_per_kilogram(catalog):
    surakarta = load_price_list("surakarta", catalog.resources)
    cement = catalog.resources["cement"]
    assert cement.factor("sak_50kg") == 50
    assert surakarta.price("cement").per_base * cement.factor("sak_50kg") == pytest.approx(55_000)


def test_duration_follows_the_crew(catalog, kendal):
    from rumah.cost.materials import Crew, duration_days
    step = estimate("inti-6m", kendal, steps=[1], catalog=catalog).steps[0]
    labourers = sum(v for (code, _), v in step.resources.items() if code == "L.01")
    tradesmen = sum(v for (code, _), v in step.resources.items() if code == "L.02")
    assert duration_days(step, Crew(2, 2)) == pytest.approx(max(labourers, tradesmen) / 2)
    assert duration_days(step, Crew(4, 4)) == pytest.approx(duration_days(step, Crew(2, 2)) / 2)
    assert duration_days(step, Crew(1, 10)) == pytest.approx(max(tradesmen, labourers / 10))


def test_practical_column_formwork_is_the_formwork_share_of_2_2_1_10_1(catalog):
    """SE DJBK 47/2026 2.2.1.10.1 prices 1 m' of an 11 x 11 practical column; its formwork (two
    formed faces, 2 x 0.11 = 0.22 m2 per m') is 0.002 m3 of timber, 0.01 kg of nails, the
    carpenter's 0.02 OH and a third of the labourer's 0.18 OH."""
    per_metre = {use.resource: use.coefficient * 0.22 for use in catalog.edition["formwork_column"].usage}
    assert per_metre["timber_formwork"] == pytest.approx(0.002, rel=1e-3)
    assert per_metre["nails"] == pytest.approx(0.01, rel=1e-2)
    assert per_metre["L.02"] == pytest.approx(0.02, rel=1e-3)
    assert per_metre["L.01"] == pytest.approx(0.18 / 3, rel=1e-3)
    # 2.2.1.10.2, 10 x 15 practical beam formed on two 0.15 m sides: 0.003 m3, 0.02 kg, 0.2 L, 0.033 OH.
    per_metre = {use.resource: use.coefficient * 0.30 for use in catalog.edition["formwork_beam"].usage}
    assert per_metre["timber_formwork"] == pytest.approx(0.003, rel=1e-3)
    assert per_metre["form_oil"] == pytest.approx(0.2, rel=1e-3)
    assert per_metre["L.02"] == pytest.approx(0.033, rel=1e-3)


def test_formwork_boards_are_used_three_times_and_need_no_plywood_or_props(catalog, old_catalog):
    # SE DJBK 47/2026 2.2.1.3.2 (3 uses) has 0.018 m3 of timber where SNI 2008 has 0.045 (one use).
    for edition in (catalog.edition, old_catalog.edition):
        sloof = {use.resource: use.coefficient for use in edition["formwork_sloof"].usage}
        assert sloof["timber_formwork"] == pytest.approx(0.045 / 2.5)
        for key in ("formwork_sloof", "formwork_column", "formwork_beam"):
            used = {use.resource for use in edition[key].usage}
            assert not used & {"plywood", "pole_dolken", "timber_meranti"}, (edition.edition, key)


def test_formwork_no_longer_costs_several_times_the_concrete_it_forms(catalog, kendal):
    """Issue 16: single-use structural formwork with plywood and props cost three times the
    concrete of the practical columns and beams it formed."""
    for name in TEMPLATES:
        step = estimate(name, kendal, steps=[1], catalog=catalog).steps[0]
        formwork = sum(line.amount for line in step.lines if line.work.startswith("formwork"))
        concrete = sum(line.amount for line in step.lines if line.quantity_name.endswith("concrete_volume"))
        assert formwork < 1.5 * concrete, name
        assert formwork < 0.05 * step.total, name


def test_cement_screed_priced_by_hand_and_cheaper_than_ceramic(catalog, kendal):
    """The screed item (SE DJBK 47/2026 file, `estimate`): 30 mm of mortar 1:4 (2 x 6.24 kg of
    cement and 2 x 0.024 m3 of sand, as two coats of plaster 3.7.4) with a skim finish (3.25 kg,
    3.7.8), laid with the labour of the ceramic floor 3.9.8.4."""
    price = {code: kendal.price(code).per_base for code in ("cement", "sand_masonry", "L.01", "L.02", "L.03", "L.04")}
    by_hand = ((2 * 6.24 + 3.25) * price["cement"] + 2 * 0.024 * price["sand_masonry"]
               + 0.1429 * price["L.01"] + 0.0714 * price["L.02"] + 0.0071 * price["L.03"] + 0.0024 * price["L.04"])
    screed = estimate("inti-6m", kendal, {"floor": "screed"}, steps=[1], catalog=catalog).steps[0]
    line = next(line for line in screed.lines if line.quantity_name == "floor_finish_area")
    assert line.work == "floor_screed"
    assert line.unit_price == pytest.approx(by_hand)
    assert line.amount == round_idr(line.quantity * by_hand)
    ceramic = estimate("inti-6m", kendal, steps=[1], catalog=catalog).steps[0]
    tiles = next(line for line in ceramic.lines if line.quantity_name == "floor_finish_area")
    # Screed is the cheap floor: well under half the price of ceramic tiles, and fewer labour days.
    assert line.unit_price < 0.5 * tiles.unit_price
    assert line.quantity == tiles.quantity
    screed_days, ceramic_days = (sum(v for (code, _), v in s.resources.items() if code in ("L.01", "L.02"))
                                 for s in (screed, ceramic))
    assert screed_days <= ceramic_days
