"""A family seen again: packages already built are not planned again, their rooms are lived in,
and the money left is what the family had less what it spent."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from rumah.errors import DataError
from rumah.plan.household import load_household, parse_household
from rumah.plan.planner import plan_household
from rumah.plan.progress import GrantSpent, Progress, after_visit, cash_now
from rumah.schema import Where
from rumah.yamlio import load_yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KENDAL = EXAMPLES / "kendal-nelayan.yaml"


def kendal(**changes):
    raw = load_yaml(KENDAL)
    raw.update(changes)
    return raw, parse_household(raw, Where("kendal.yaml"))


def test_built_packages_are_not_planned_again():
    household = load_household(KENDAL)
    built = frozenset({(1, "structure"), (1, "enclosure")})
    plan = plan_household(replace(household, built=built), start=None)
    planned = {(row.step, row.package) for row in plan.best.steps}
    assert not planned & built
    assert (1, "finishing") in planned or (1, "finishing") in plan.best.unbuilt
    # The naive plan builds what is left of step 1 (its finishing) as its first step.
    assert plan.naive.steps[0].step == 1 and plan.naive.steps[0].cost < plan.bill.steps[0].total


def test_built_rooms_are_lived_in_from_the_start():
    household = load_household(KENDAL)
    before = plan_household(household)
    after = plan_household(replace(household, built=frozenset({(1, "structure"), (1, "enclosure")})))
    step_one = after.bill.design.total_floor_area(1)
    assert before.start_check.floor_area == 0
    assert after.start_check.floor_area == pytest.approx(step_one)
    # Lived in from month 1: the first package of the plan already shows step 1's rooms.
    assert after.best.steps[0].total_floor_area >= step_one


def test_a_built_package_that_is_not_in_the_bill_is_named():
    raw, _ = kendal(built=[{"step": 1, "package": "structur"}])
    household = parse_household(raw, Where("kendal.yaml"))
    with pytest.raises(DataError, match=r"kendal.yaml: built: .*1:structur.*1:structure"):
        plan_household(household)


def test_a_package_listed_twice_in_built_is_refused():
    raw = load_yaml(KENDAL)
    raw["built"] = [{"step": 1, "package": "structure"}, {"step": 1, "package": "structure"}]
    with pytest.raises(DataError, match=r"built\[1\]: step 1 package 'structure' is already listed"):
        parse_household(raw, Where("kendal.yaml"))


def test_cash_at_a_visit_is_what_came_in_less_what_was_spent():
    # Rp 2.400.000 x 0,30 = Rp 720.000 a month; savings Rp 3.000.000; BSPS pays in kind only.
    _, household = kendal()
    progress = Progress(months=6, spent=5_000_000)
    assert cash_now(household, progress) == 3_000_000 + 6 * 720_000 - 5_000_000
    # A cash grant of month 7 has come by the start of month 7 (the visit's month); one of month 8 not.
    _, with_cash = kendal(grants=[{"name": "Desa", "amount": 1_000_000, "month": 7},
                                  {"name": "Kabupaten", "amount": 2_000_000, "month": 8}])
    assert cash_now(with_cash, progress) == 3_000_000 + 6 * 720_000 + 1_000_000 - 5_000_000
    assert cash_now(household, Progress(months=6, spent=999, cash=1_234_000)) == 1_234_000


def test_spending_more_than_the_file_allows_asks_for_the_cash():
    _, household = kendal()
    with pytest.raises(DataError, match="give the cash the family holds now"):
        cash_now(household, Progress(months=1, spent=10_000_000))


def test_after_a_visit_the_grant_is_what_is_still_to_come():
    # BSPS 2025 of Rp 20 juta in month 4: 17,5 materials in two tranches of 8,75, 2,5 wages, usable in
    # months 4-15.  Visit in month 7 (6 months on): the first tranche released and 8 juta of it spent,
    # 1 juta of wages paid.
    raw, household = kendal()
    spent = GrantSpent(materials=8_000_000, labour=1_000_000, tranches=1)
    moved = after_visit(raw, household, Progress(6, frozenset({(1, "structure")}), 4_000_000,
                                                 {"BSPS 2025": spent}))
    grant = moved["grants"][0]
    assert grant["materials"] == 17_500_000 - 8_000_000
    assert grant["labour"] == 2_500_000 - 1_000_000
    assert grant["amount"] == 9_500_000 + 1_500_000
    assert grant["month"] == 1 and grant["period_months"] == 15 - 6
    # 0,75 juta released and not spent, usable now; then the second tranche of 8,75.
    again = parse_household(moved, Where("after.yaml"))
    assert again.grants[0].tranche_amounts() == (750_000, 8_750_000)
    assert moved["savings"] == 3_000_000 + 6 * 720_000 - 4_000_000
    assert moved["built"] == [{"step": 1, "package": "structure"}]


def test_a_grant_that_came_sooner_than_the_file_said_is_in_month_one_after_the_visit():
    # BSPS 2025 due in month 4; the visit a month on finds its first tranche delivered and 5 juta
    # of it spent.  It has come: the file the visit writes has it in month 1, its tranche released,
    # its period ending in month 15 as before (months 2-15, 14 months from the new month 1).
    raw, household = kendal()
    spent = GrantSpent(materials=5_000_000, labour=0, tranches=1)
    moved = after_visit(raw, household, Progress(1, frozenset(), 0, {"BSPS 2025": spent}))
    grant = moved["grants"][0]
    assert grant["month"] == 1 and grant["released_tranches"] == 1 and grant["period_months"] == 15 - 1
    again = parse_household(moved, Where("after.yaml"))
    assert again.grants[0].tranche_amounts() == (8_750_000 - 5_000_000, 8_750_000)


def test_the_last_bsps_tranche_left_stays_one_tranche():
    """The first tranche (8,75 juta) released and all spent: the 8,75 juta still to come is one
    tranche, usable at once, not split in two again by BSPS's own terms."""
    raw, household = kendal()
    moved = after_visit(raw, household, Progress(3, frozenset({(1, "structure")}), 0,
                                                 {"BSPS 2025": GrantSpent(8_750_000, 0, 1)}))
    assert moved["grants"][0]["kind"] == "bsps" and moved["grants"][0]["tranches"] == [1.0]
    again = parse_household(moved, Where("after.yaml"))
    assert again.grants[0].tranche_amounts() == (8_750_000,)


@pytest.mark.parametrize("spent, field, most", [(GrantSpent(materials=17_500_001), "materials paid", "Rp 17.500.000"),
                                                (GrantSpent(labour=2_600_000), "wages paid", "Rp 2.500.000"),
                                                (GrantSpent(materials=1, tranches=3), "tranches released", "2")])
def test_a_visit_cannot_say_a_grant_paid_more_than_it_holds(spent, field, most):
    """What a visit says a grant paid goes into the program's report: no more than the grant's
    parts (17,5 juta of materials in 2 tranches, 2,5 juta of wages), and nothing written."""
    raw, household = kendal()
    before = dict(raw)
    with pytest.raises(DataError, match=f"grant 'BSPS 2025': {field}: expected at most {most}"):
        after_visit(raw, household, Progress(6, grants={"BSPS 2025": spent}))
    assert raw == before


def test_a_seasonal_familys_money_at_a_visit_counts_from_the_plans_first_month():
    """Rp 1 juta a month, lean (0,4) in December, January and February; no start_month in the
    file, planned in December: three months on it has had 0,4 + 0,4 + 0,4 juta, not January to
    March's 0,4 + 0,4 + 1."""
    raw = load_yaml(KENDAL)
    del raw["housing_share"]
    raw.update(housing_monthly=1_000_000, savings=1_000_000, seasonal=[0.4, 0.4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.4])
    household = parse_household(raw, Where("kendal.yaml"))
    assert household.start is None
    assert cash_now(household, Progress(3, first_month=12)) == 1_000_000 + 3 * 400_000
    assert cash_now(household, Progress(3, first_month=1)) == 1_000_000 + 400_000 + 400_000 + 1_000_000


def test_a_grant_whose_period_is_over_is_gone_and_a_later_one_moves_up():
    raw, household = kendal(grants=[{"name": "BSPS 2025", "kind": "bsps", "amount": 20_000_000, "month": 4,
                                     "period_months": 3},
                                    {"name": "Desa", "amount": 1_000_000, "month": 12}])
    moved = after_visit(raw, household, Progress(6))
    assert [g["name"] for g in moved["grants"]] == ["Desa"]
    assert moved["grants"][0]["month"] == 12 - 6


def test_a_visit_in_the_first_month_that_found_nothing_gives_the_same_plan():
    raw, household = kendal(start_month="2026-03")
    moved = after_visit(raw, household, Progress(0))
    again = parse_household(moved, Where("after.yaml"))
    first, second = plan_household(household), plan_household(again)
    assert [(r.step, r.package, r.month, r.cost, r.own) for r in first.best.steps] == \
           [(r.step, r.package, r.month, r.cost, r.own) for r in second.best.steps]
    assert moved["start_month"] == "2026-03"


def test_a_visit_later_moves_the_calendar_and_keeps_the_month_money():
    raw, household = kendal(start_month="2026-11")
    moved = after_visit(raw, household, Progress(3))
    assert moved["start_month"] == "2027-02"
    # Nothing spent: the plan from the visit has, in its month k, the money of month k + 3 before.
    again = parse_household(moved, Where("after.yaml"))
    first = plan_household(household)
    later = plan_household(again)
    assert later.problem.base_cash[0] == first.problem.base_cash[3]


def built_quote(tmp_path, built):
    from rumah.documents.quote import make_quote
    raw = load_yaml(KENDAL)
    raw["built"] = [{"step": step, "package": kind} for step, kind in built]
    path = tmp_path / f"kendal-built-{len(built)}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return make_quote(path, date=datetime.date(2026, 12, 1))


def test_the_family_moves_in_when_what_is_left_of_its_first_rooms_is_finished(tmp_path):
    from rumah.documents.quote import family_page, lived_in_month
    quote = built_quote(tmp_path, [(1, "structure")])
    plan = quote.plan
    # Step 1's structure stands already: its rooms are lived in once its enclosure is finished.
    enclosure = [row for row in plan.best.steps if (row.step, row.package) == (1, "enclosure") and row.complete]
    assert enclosure
    assert lived_in_month(plan, plan.best, 1) == enclosure[0].finish_month
    assert family_page(quote).move_in_month == enclosure[0].finish_month
    # Everything needed to live in step 1 built already: lived in from month 1, in either plan.
    whole = built_quote(tmp_path, [(1, "structure"), (1, "enclosure")])
    assert lived_in_month(whole.plan, whole.plan.best, 1) == lived_in_month(whole.plan, whole.plan.naive, 1) == 1


def test_what_is_built_is_said_and_not_bought_again(tmp_path):
    from rumah.cost.materials import shopping_list
    from rumah.documents.plan_report import plan_json, plan_table
    from rumah.documents.quote import step_materials
    quote = built_quote(tmp_path, [(1, "structure")])
    plan = quote.plan
    structure, enclosure, finishing = plan.bill.steps[0].packages
    assert plan.built == ((1, "structure", structure.total),)
    assert plan_json(plan)["household"]["built"] == [{"step": 1, "package": "structure", "share": 1.0,
                                                      "cost_idr": structure.total}]
    text = " ".join(plan_table(plan, width=None).split())
    assert "Sudah dibangun: tahap 1 (fondasi dan kolom), senilai Rp " + f"{structure.total:,}".replace(",", ".") in text
    # Step 1's shopping list is that of its enclosure and finishing, with nothing of its structure.
    step, purchases, _ = step_materials(quote)[0]
    left = {}
    for package in (enclosure, finishing):
        for key, amount in package.resources.items():
            left[key] = left.get(key, 0.0) + amount
    expected = shopping_list(replace(step, resources=left), quote.catalog.resources, plan.bill.price_list)
    assert [(p.code, p.cost) for p in purchases] == [(p.code, p.cost) for p in expected]
    whole = shopping_list(plan.bill.steps[0], quote.catalog.resources, plan.bill.price_list)
    assert sum(p.cost for p in purchases) < sum(p.cost for p in whole)
    only_structure = {code for (code, _), amount in structure.resources.items() if amount} - \
        {code for (code, _), amount in left.items() if amount}
    assert only_structure and not only_structure & {p.code for p in purchases}
    # A step with nothing left to build has no shopping list.
    everything = built_quote(tmp_path, [(1, "structure"), (1, "enclosure"), (1, "finishing")])
    assert [step.step for step, _, _ in step_materials(everything)] == [2, 3]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by .ci/run")
def test_a_family_living_in_what_it_built_is_not_told_to_move_in_and_a_finished_house_is_quoted(tmp_path):
    from rumah.documents.quote_pdf import render_quote
    for built, says in (([(1, "structure"), (1, "enclosure")], "Ruangan tahap 1 sudah dibangun"),
                        ([(s, k) for s in (1, 2, 3) for k in ("structure", "enclosure", "finishing")],
                         "Rumah layak huni untuk 5 orang: Desember 2026 (bulan ke-1)")):
        quote = built_quote(tmp_path, built)
        path = tmp_path / f"q{len(built)}.pdf"
        path.write_bytes(render_quote(quote))
        first = " ".join(subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True,
                                        text=True, check=True).stdout.split())
        assert says in first and "Pindah ke rumah sendiri" not in first
        # A house with nothing left to build asks for no money to be put aside for it.
        assert ("Sisihkan tiap bulan" in first) == (len(built) < 9)


def test_a_re_plan_keeps_the_prices_the_family_was_first_planned_at_risen_since():
    """Planned from January 2026, seen in May (4 months on): the re-plan's month-0 costs are the
    first plan's costs of month 5 (the Kendal list's prices of July 2024 risen 22 months at 3 % a
    year, not 18 again), so the rest of the house comes out no cheaper at every visit."""
    from rumah.cost.estimate import load_catalog
    from rumah.plan.planner import make_problem, price_age, price_household
    raw, household = kendal(start_month="2026-01")
    moved = after_visit(raw, household, Progress(4))
    assert moved["start_month"] == "2026-05" and "prices_from" not in moved
    again = parse_household(moved, Where("after.yaml"))
    priced = price_household(household, load_catalog(household.ahsp))
    listed = priced.bill.price_list
    assert listed.dated == (2024, 7)
    assert price_age(household, listed) == 18 and price_age(again, listed) == 22
    first = make_problem(household, priced, price_age=18).problem
    later = make_problem(again, priced, price_age=22).problem
    for before, task in zip(first.cost_table, later.tasks):
        assert abs(task.cost - before[4]) <= 1
    # The plans themselves: every package costs in the re-plan what the first plan's prices say
    # for its calendar month (to the Rupiah's rounding).
    replan = plan_household(again)
    costs = {(s.step, s.package): s.cost for s in replan.best.steps if s.complete and s.share == 1.0}
    index = {key: k for k, key in enumerate((t.step, t.package) for t in first.tasks)}
    for row in replan.best.steps:
        if (row.step, row.package) in costs and row.share == 1.0:
            assert abs(row.cost - first.cost_table[index[(row.step, row.package)]][row.month - 1 + 4]) <= 2


def test_prices_from_after_month_one_is_refused():
    raw = load_yaml(KENDAL) | {"start_month": "2026-01", "prices_from": "2026-03"}
    with pytest.raises(DataError, match=r"prices_from: expected a month no later than start_month \(2026-01\), "
                                        r"found 2026-03"):
        parse_household(raw, Where("kendal.yaml"))


def test_a_tranche_released_at_one_visit_is_not_released_again_at_the_next():
    """BSPS's two tranches both released at the first visit, half the materials spent: the 8,75
    juta left is a tranche released already.  The next visit spends it without a new release
    (the program counts 2 tranches, not 3), and cannot say one more was released."""
    raw, household = kendal()
    first = after_visit(raw, household, Progress(4, frozenset({(1, "structure")}), 0,
                                                 {"BSPS 2025": GrantSpent(8_750_000, 1_000_000, 2)}))
    grant = first["grants"][0]
    assert grant["materials"] == 8_750_000 and grant["released_tranches"] == 1 and grant["tranches"] == [1.0]
    again = parse_household(first, Where("v2.yaml"))
    assert again.grants[0].released == 1
    second = after_visit(first, again, Progress(2, grants={"BSPS 2025": GrantSpent(8_750_000, 0, 0)}))
    assert second["grants"][0]["materials"] == 0
    with pytest.raises(DataError, match="tranches released: expected at most 0"):
        after_visit(first, again, Progress(2, grants={"BSPS 2025": GrantSpent(8_750_000, 0, 1)}))


@pytest.mark.parametrize("progress, what", [(Progress(3, spent=-2_000_000), "spent"),
                                            (Progress(3, cash=-1), "cash"),
                                            (Progress(3, grants={"BSPS 2025": GrantSpent(-5_000_000, 0, 0)}),
                                             "BSPS 2025: materials"),
                                            (Progress(3, grants={"BSPS 2025": GrantSpent(0, 0, -1)}),
                                             "BSPS 2025: tranches")])
def test_a_visits_negative_figure_is_refused_naming_it(progress, what):
    raw, household = kendal()
    with pytest.raises(DataError, match=f"the visit's {what}: expected 0 or more"):
        after_visit(raw, household, progress)


def test_materials_paid_with_no_tranche_released_is_refused():
    raw, household = kendal()
    with pytest.raises(DataError, match="materials paid, but no tranche released"):
        after_visit(raw, household, Progress(6, grants={"BSPS 2025": GrantSpent(17_500_000, 0, 0)}))


def test_a_package_built_in_part_leaves_its_rest_to_plan_and_buy():
    """The walls and roof of step 1 built 41 % (the part the grant's first tranche bought): the plan
    builds the rest, 59 % of the package at its month's prices, and says what stands.  (Prices
    of plan month 1: the bill's as they are.)"""
    from rumah.documents.plan_report import plan_table
    raw, household = kendal(built=[{"step": 1, "package": "structure"},
                                   {"step": 1, "package": "enclosure", "share": 0.41}],
                            start_month="2026-12", prices_from="2026-12")
    assert household.built == frozenset({(1, "structure")})
    assert household.built_parts == (((1, "enclosure"), 0.41),)
    plan = plan_household(household)
    whole = next(p for p in plan.bill.steps[0].packages if p.kind == "enclosure")
    rows = [row for row in plan.best.steps if (row.step, row.package) == (1, "enclosure")]
    assert sum(row.share for row in rows) == pytest.approx(0.59)
    first = plan.problem.cost_table[[(t.step, t.package) for t in plan.problem.tasks].index((1, "enclosure"))]
    assert first[0] == pytest.approx(whole.total * 0.59, abs=1)
    assert sum(cost for *_, cost in plan.built_in_part) == round(whole.total * 0.41)
    text = " ".join(plan_table(plan, "en").split())
    assert "walls and roof, ready to live in, 41 % of it" in text
    assert "Walls and roof, ready to live in - the rest (59 %)" in text      # its row names the rest


def test_a_visit_adds_parts_until_the_package_is_built():
    raw, household = kendal(built=[{"step": 1, "package": "structure"}])
    first = after_visit(raw, household, Progress(3, parts={(1, "enclosure"): 0.41}))
    assert {"step": 1, "package": "enclosure", "share": 0.41} in first["built"]
    again = parse_household(first, Where("v2.yaml"))
    second = after_visit(first, again, Progress(2, parts={(1, "enclosure"): 0.59}))
    assert {"step": 1, "package": "enclosure"} in second["built"]
    assert parse_household(second, Where("v3.yaml")).built_parts == ()
    with pytest.raises(DataError, match="expected a share above 0 and below 1"):
        after_visit(raw, household, Progress(3, parts={(1, "enclosure"): 1.2}))


def test_a_part_built_on_nothing_is_refused():
    """Walls built in part need the structure they stand on, as walls built whole do."""
    raw, household = kendal(built=[{"step": 1, "package": "enclosure", "share": 0.4}])
    with pytest.raises(DataError, match="1:enclosure is built, so the work it stands on must be too"):
        plan_household(household)
