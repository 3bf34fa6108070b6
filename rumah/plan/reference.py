"""Slow, obviously-correct planners that the fast one is checked against, and random problems.

* :func:`brute_force` tries every order that respects the prerequisites, every start month of
  every task, whole and in part (as far as the materials credit goes, then the rest), and every
  loan decision (no loan, or each offer taken in each month).  It relies on none of the
  optimizer's arguments (first payable months, dominance, bounds): only on the fact that what is
  still to come depends on the tasks finished, the rest of a task built in part, the month, the
  money spent, the credits drawn, the loan and whether the house is livable yet, so equal states
  are searched once.
* :func:`milp` states the whole problem as a time-indexed mixed-integer programme, one binary per
  (task, start month) and per (loan, month taken), and a continuous amount per (credit, task,
  start month) that the credit pays, and lets ``scipy.optimize.milp`` (HiGHS) solve it.  It may
  spend a credit in any way the rules allow, not only as it comes, which is what makes it a fair
  check of rule 2 of :mod:`rumah.plan.optimize`.  It handles credits of one tranche, livability
  given as "these tasks are finished" (:class:`Livable`), and no parts (``Problem.parts`` False:
  a part's size depends on the credit left, which a linear programme cannot state).

Neither is meant for real households: the brute force grows with orders and months, the MILP
with tasks x months.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import RumahError
from .household import LoanOffer
from .optimize import Credit, Problem, Solution, Task, _label, _progress, _rest, _start, _to_solution, draw, split


class SolverError(RumahError, RuntimeError):
    """The MILP solver did not return an optimal solution."""


@dataclass(frozen=True)
class Livable:
    """Livability reached once every task in ``required`` (a bitmask) is finished."""

    required: int

    def __call__(self, mask: int) -> bool:
        return self.required != 0 and mask & self.required == self.required


def orders(problem: Problem) -> Iterator[tuple[int, ...]]:
    """Every order of all tasks that respects the prerequisites."""
    n = len(problem.tasks)
    needs = [sum(1 << r for r in task.requires) for task in problem.tasks]

    def extend(prefix: tuple[int, ...], mask: int):
        if len(prefix) == n:
            yield prefix
            return
        for task in range(n):
            if not mask >> task & 1 and not needs[task] & ~mask:
                yield from extend(prefix + (task,), mask | (1 << task))

    yield from extend((), 0)


def brute_force(problem: Problem) -> Solution:
    """Best plan over all orders, all start months and all loan decisions."""
    n, horizon = len(problem.tasks), problem.horizon
    needs = [sum(1 << r for r in task.requires) for task in problem.tasks]
    best_label = None

    def money(label, t: int) -> int:
        return problem.base_cash[t] + problem.loan_cash(label[4], t) - label[1]

    def search(label, mask: int, seen: dict) -> None:
        nonlocal best_label
        key = (label[2], _progress(problem, label), -label[1])
        if best_label is None or key > (best_label[2], _progress(problem, best_label), -best_label[1]):
            best_label = label
        state = (mask, label[0], label[1], label[6], label[3] is not None, label[7])
        # What can still be added depends only on the state; the score so far is carried along,
        # so a state reached again with no better score cannot lead anywhere better.
        if seen.get(state, float("-inf")) >= label[2]:
            return
        seen[state] = label[2]
        for task in range(n) if label[7] is None else (label[7][0],):
            if mask >> task & 1 or needs[task] & ~mask:
                continue
            rest = _rest(label, task)
            for t in range(label[0], horizon):
                whole = draw(problem, task, t, label[6], rest)[0]
                if money(label, t) >= whole:
                    new_mask, new = _label(problem, label, task, mask, t, label[4])
                    search(new, new_mask, seen)
                part = split(problem, task, t, label[6], rest, money(label, t))
                if part is not None and money(label, t) >= part.own:
                    new_mask, new = _label(problem, label, task, mask, t, label[4], in_part=True)
                    search(new, new_mask, seen)

    plans = [None] + [(k, month) for k in range(len(problem.loans)) for month in range(horizon)]
    for loan in plans:
        search(_start(problem, loan), 0, {})
    return _to_solution(best_label)


def milp(problem: Problem, time_limit: float = 120.0) -> float:
    """Optimal objective value by a time-indexed MILP (livability must be a :class:`Livable`)."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint
    from scipy.optimize import milp as scipy_milp
    from scipy.sparse import lil_matrix

    if not isinstance(problem.livable, Livable):
        raise TypeError("milp() needs livability given as a Livable set of tasks")
    if any(len(credit.tranches) != 1 for credit in problem.credits):
        raise TypeError("milp() handles credits of one tranche only")
    if problem.parts and problem.credits:
        raise TypeError("milp() handles no parts: give it a Problem with parts=False")
    n, horizon, offers = len(problem.tasks), problem.horizon, problem.loans
    x = lambda s, t: s * horizon + t                           # noqa: E731 - index helpers read best inline
    z = lambda k, t: n * horizon + k * horizon + t             # noqa: E731
    y = lambda u: n * horizon + len(offers) * horizon + u      # noqa: E731
    binaries = n * horizon + len(offers) * horizon + horizon
    paid: dict[tuple[int, int, int], int] = {}                 # (credit, task, month) -> variable
    for c, credit in enumerate(problem.credits):
        for s in range(n):
            for t in range(credit.start, min(credit.end, horizon)):
                paid[(c, s, t)] = binaries + len(paid)
    count = binaries + len(paid)
    # Money in millions keeps HiGHS's tolerances meaningful; what credits pay is in millions too.
    scale = 1e-6
    objective = np.zeros(count)
    for s, task in enumerate(problem.tasks):
        for t in range(horizon):
            objective[x(s, t)] = -task.value * max(0, horizon - t - task.duration)
    for u in range(horizon):
        objective[y(u)] = -problem.livable_weight
    rows, lower, upper = [], [], []

    def row(coefficients: dict[int, float], low: float, high: float) -> None:
        rows.append(coefficients)
        lower.append(low)
        upper.append(high)

    for s in range(n):                                         # each task at most once
        row({x(s, t): 1.0 for t in range(horizon)}, -np.inf, 1.0)
    for s, task in enumerate(problem.tasks):                   # prerequisites finished before the start
        for r in task.requires:
            done = problem.tasks[r].duration
            for t in range(horizon):
                coefficients = {x(s, t): 1.0}
                for t2 in range(0, t - done + 1):
                    coefficients[x(r, t2)] = coefficients.get(x(r, t2), 0.0) - 1.0
                row(coefficients, -np.inf, 0.0)
    for u in range(horizon):                                   # one crew: one task under way at a time
        coefficients = {}
        for s, task in enumerate(problem.tasks):
            for t in range(max(0, u - task.duration + 1), u + 1):
                coefficients[x(s, t)] = 1.0
        row(coefficients, -np.inf, 1.0)
    row({z(k, t): 1.0 for k in range(len(offers)) for t in range(horizon)}, -np.inf, 1.0)
    parts = problem.part_tables
    for c, credit in enumerate(problem.credits):               # a credit pays at most its total ...
        row({v: 1.0 for (cc, _, _), v in paid.items() if cc == c}, -np.inf, credit.total * scale)
    for s in range(n):                                         # ... and, with the others of its kind,
        for t in range(horizon):                               # at most that part of a task started then
            for kind in ("materials", "labour"):
                coefficients = {v: 1.0 for (cc, ss, tt), v in paid.items()
                                if ss == s and tt == t and problem.credits[cc].kind == kind}
                if coefficients:
                    coefficients[x(s, t)] = -parts[kind][s][t] * scale
                    row(coefficients, -np.inf, 0.0)
    costs, base = problem.cost_table, problem.base_cash
    for u in range(horizon):                                   # never short of money
        coefficients = {}
        for s in range(n):
            for t in range(u + 1):
                coefficients[x(s, t)] = costs[s][t] * scale
        for k, offer in enumerate(offers):
            for t in range(u + 1):
                coefficients[z(k, t)] = -(offer.amount - offer.instalment * min(u - t, offer.tenor)) * scale
        for (_, _, t), v in paid.items():
            if t <= u:
                coefficients[v] = -1.0
        row(coefficients, -np.inf, base[u] * scale)
    required = [s for s in range(n) if problem.livable.required >> s & 1]
    for u in range(horizon):                                   # livable in month u only if all required are done
        for r in required:
            coefficients = {y(u): 1.0}
            for t in range(0, u - problem.tasks[r].duration + 1):
                coefficients[x(r, t)] = -1.0
            row(coefficients, -np.inf, 0.0)
        if not required:
            row({y(u): 1.0}, -np.inf, 0.0)
    matrix = lil_matrix((len(rows), count))
    for i, coefficients in enumerate(rows):
        for j, value in coefficients.items():
            matrix[i, j] = value
    integrality = np.zeros(count)
    integrality[:binaries] = 1
    upper_bounds = np.ones(count)
    upper_bounds[binaries:] = np.inf
    result = scipy_milp(objective, constraints=LinearConstraint(matrix.tocsr(), lower, upper),
                        integrality=integrality, bounds=Bounds(0, upper_bounds),
                        options={"time_limit": time_limit, "mip_rel_gap": 0.0})
    if result.status != 0 or result.x is None:
        raise SolverError(f"MILP solver did not finish: {result.message}")
    return -float(result.fun)


def random_problem(rng: random.Random, steps: int, horizon: int, loans: int = 2, shape: str = "house",
                   credits: bool = False, tranches: int = 1, seasonal: bool = False, parts: bool = True,
                   kind_grants: int = 1) -> Problem:
    """A random household and growing house.

    shape : ``house`` — every task after the first extends the one before it (seven times in
        ten) or a random earlier one, so that all of them need the core and a few branch off, as
        a growing house does; ``forest`` — each task extends a random earlier one or (one time
        in five) needs nothing at all, which allows far more orders than any real template (a
        harder test for the search); ``packages`` — steps of three work packages each (structure,
        enclosure, finishing) like a real template's, ``steps`` of them.
    credits : a grant paid in kind (a materials and a labour part, ``tranches`` tranches of the
        materials part) over a period of 3 to 12 months, besides any cash grants; ``kind_grants``
        of them, each with its own period.
    seasonal : the housing money falls to 30-70 % in two to four lean months of every year.
    parts : whether a task may be built in part with a materials credit (``Problem.parts``).
    """
    tasks = []
    if shape == "packages":
        for s in range(steps):
            base = len(tasks)
            cost = rng.randrange(10, 61) * 1_000_000
            for k, (name, share) in enumerate((("structure", 0.3), ("enclosure", 0.45), ("finishing", 0.25))):
                requires = (base + k - 1,) if k else ()
                if s and k < 2:
                    requires += (base - 3 + k,)
                part = int(cost * share)
                materials = int(part * rng.uniform(0.4, 0.7))
                tasks.append(Task(s + 1, part, rng.randint(1, 3), float(rng.randint(1, 10)) * (0, 0.8, 0.2)[k],
                                  requires, materials, part - materials, name))
    else:
        for i in range(steps):
            requires = ()
            if i and shape == "house":
                requires = (i - 1,) if rng.random() < 0.7 else (rng.randrange(i),)
            elif i and rng.random() < 0.8:
                requires = (rng.randrange(i),)
            cost = rng.randrange(5, 41) * 1_000_000
            materials = int(cost * rng.uniform(0.4, 0.7))
            tasks.append(Task(i + 1, cost, rng.randint(1, 4), float(rng.randint(1, 10)), requires,
                              materials, cost - materials))
    budget = rng.randrange(5, 31) * 100_000
    budgets: tuple[int, ...] = ()
    if seasonal:
        lean = set(rng.sample(range(12), k=rng.randint(2, 4)))
        share = rng.choice([0.3, 0.5, 0.7])
        budgets = tuple(int(budget * share) if m in lean else budget for m in range(12))
    least = min(budgets) if budgets else budget
    offers = []
    for k in range(rng.randint(0, loans)):
        offer = LoanOffer(f"loan {k + 1}", rng.randrange(5, 31) * 1_000_000, rng.choice([0.0, 0.03, 0.06, 0.12]),
                          rng.choice([12, 24, 36, 60]))
        if offer.instalment <= least:
            offers.append(offer)
    grants = tuple((rng.randrange(horizon), rng.randrange(5, 21) * 1_000_000) for _ in range(rng.randint(0, 2)))
    kind_credits: list[Credit] = []
    for grant in range(kind_grants if credits else 0):
        start = rng.randrange(horizon)
        end = start + rng.randint(3, 12)
        materials = rng.randrange(5, 21) * 1_000_000
        # ``tranches`` nearly equal tranches, the last taking what rounding leaves.
        amounts = tuple(materials // tranches for _ in range(tranches - 1))
        amounts += (materials - sum(amounts),)
        kind_credits += [Credit("materials", start, end, amounts, grant),
                         Credit("labour", start, end, (rng.randrange(1, 6) * 500_000,), grant)]
    kind_credits.sort(key=lambda c: (c.end, c.start))
    needs = {i: set(t.requires) for i, t in enumerate(tasks)}
    required = set()
    candidates = [i for i, t in enumerate(tasks) if t.package in ("", "enclosure")]
    for seed in rng.sample(candidates, k=min(len(candidates), rng.randint(1, 3))):
        todo = [seed]
        while todo:
            item = todo.pop()
            if item not in required:
                required.add(item)
                todo.extend(needs[item])
    return Problem(tuple(tasks), horizon, rng.randrange(0, 11) * 1_000_000, budget, grants, tuple(offers),
                   rng.choice([0.0, 0.02, 0.05]), Livable(sum(1 << r for r in required)), tuple(kind_credits), budgets,
                   parts)
