"""The optimizer is exact: it matches brute force and a time-indexed MILP, and never runs dry."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rumah.plan.finance import annuity
from rumah.plan.household import LoanOffer
from rumah.plan.optimize import Problem, Task, naive, solve
from rumah.plan.reference import Livable, brute_force, milp, orders, random_problem


def test_annuity_matches_numpys_documented_payment():
    # numpy-financial documents pmt(0.075/12, 12*15, 200000) = -1854.0247200054619.
    assert annuity(200_000, 0.075, 180) == pytest.approx(1854.0247200054619, rel=1e-12)
    assert annuity(12_000, 0.0, 12) == 1000
    assert LoanOffer("x", 200_000, 0.075, 180).instalment == 1855          # rounded up to the Rupiah


def small_problems(count: int, seed: int, max_orders: int):
    rng = random.Random(seed)
    found = []
    while len(found) < count:
        problem = random_problem(rng, rng.randint(1, 8), rng.choice([12, 18, 24]),
                                 shape=rng.choice(["house", "forest"]))
        if sum(1 for _ in orders(problem)) <= max_orders:
            found.append(problem)
    return found


def test_optimum_equals_brute_force_on_200_random_problems():
    for problem in small_problems(200, seed=11, max_orders=120):
        best, reference = solve(problem), brute_force(problem)
        assert best.score == pytest.approx(reference.score), problem
        assert best.score >= naive(problem).score


def test_optimum_equals_a_time_indexed_milp_on_20_random_problems():
    rng = random.Random(5)
    for _ in range(20):
        problem = random_problem(rng, rng.randint(2, 5), 18)
        assert solve(problem).score == pytest.approx(milp(problem), rel=1e-9, abs=1e-6)


def test_the_loan_step_may_start_late_to_put_instalments_off():
    """Found by comparing with the MILP: the first step could start in month 0 with the loan, but
    borrowing (and starting) a month later leaves enough money for a dearer step in month 17."""
    rng = random.Random(2)
    random_problem(rng, rng.randint(2, 6), 36, shape="forest")
    problem = random_problem(rng, rng.randint(2, 6), 36, shape="forest")
    best = solve(problem)
    assert best.score == pytest.approx(milp(problem)) == 361
    first_task, first_month = best.starts[0]
    assert problem.base_cash[0] + problem.loans[best.loan[0]].amount >= problem.cost_table[first_task][0]
    assert best.loan[1] == first_month == 1


def cash_path(problem: Problem, solution) -> list[int]:
    spent, path = 0, []
    starts = dict((t, task) for task, t in solution.starts)
    for t in range(problem.horizon):
        if t in starts:
            spent += problem.cost_table[starts[t]][t]
        path.append(problem.base_cash[t] + problem.loan_cash(solution.loan, t) - spent)
    return path


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 10_000), steps=st.integers(1, 7), horizon=st.sampled_from([12, 36, 60]))
def test_cash_never_goes_below_zero_and_prerequisites_hold(seed, steps, horizon):
    problem = random_problem(random.Random(seed), steps, horizon)
    for solution in (solve(problem), naive(problem)):
        assert min(cash_path(problem, solution)) >= 0
        finish = {}
        free = 0
        for task, t in solution.starts:
            assert t >= free                                    # one crew, one step at a time
            for required in problem.tasks[task].requires:
                assert required in finish and finish[required] <= t
            finish[task] = free = t + problem.tasks[task].duration


def test_livability_month_by_hand():
    # Two steps: 10 juta (2 months) then 6 juta (1 month); livable once both stand.
    # Savings 4 juta, 1 juta a month, no inflation: step 1 can start in month 6 (4 + 6 = 10),
    # finishes at 8; step 2 needs 6 juta more: month 6 + 6 = 12, so it starts in month 12 and the
    # house is livable from month 13 (months counted from 0).
    tasks = (Task(1, 10_000_000, 2, 5.0), Task(2, 6_000_000, 1, 5.0, (0,)))
    problem = Problem(tasks, 36, 4_000_000, 1_000_000, livable=Livable(0b11))
    best = solve(problem)
    assert best.starts == ((0, 6), (1, 12)) and best.livable_from == 13
    weight = problem.livable_weight
    assert best.score == pytest.approx(5 * (36 - 8) + 5 * (36 - 13) + weight * (36 - 13))


def test_a_loan_makes_the_house_livable_earlier_when_it_pays():
    tasks = (Task(1, 10_000_000, 2, 5.0), Task(2, 6_000_000, 1, 5.0, (0,)))
    offer = LoanOffer("kredit", 8_000_000, 0.06, 24)
    problem = Problem(tasks, 36, 4_000_000, 1_000_000, loans=(offer,), livable=Livable(0b11))
    best = solve(problem)
    assert best.loan is not None and best.livable_from < naive(problem).livable_from
    assert min(cash_path(problem, best)) >= 0
