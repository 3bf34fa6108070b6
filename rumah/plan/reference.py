"""Slow, obviously-correct planners that the fast one is checked against, and random problems.

* :func:`brute_force` tries every order that respects the prerequisites, with no loan or with
  every offer taken in every month, and builds each order as early as money allows.
* :func:`milp` states the whole problem as a time-indexed mixed-integer programme, one binary per
  (step, start month) and per (loan, month taken), and lets ``scipy.optimize.milp`` (HiGHS) solve
  it.  It makes no use of the structure the fast planner relies on, which is what makes it a fair
  check; it handles livability given as "these steps are finished" (:class:`Livable`).

Neither is meant for real households: the brute force grows with the number of orders, the MILP
with steps x months.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import RumahError
from .household import LoanOffer
from .optimize import Problem, Solution, Task, simulate


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
    """Best plan over all orders and loan decisions, each order built as early as money allows."""
    best = None
    loans = [None] + [(k, month) for k in range(len(problem.loans)) for month in range(problem.horizon)]
    for order in orders(problem):
        for loan in loans:
            found = simulate(problem, order, loan)
            if best is None or (found.score, -found.spent) > (best.score, -best.spent):
                best = found
    return best


def milp(problem: Problem, time_limit: float = 120.0) -> float:
    """Optimal objective value by a time-indexed MILP (livability must be a :class:`Livable`)."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint
    from scipy.optimize import milp as scipy_milp
    from scipy.sparse import lil_matrix

    if not isinstance(problem.livable, Livable):
        raise TypeError("milp() needs livability given as a Livable set of tasks")
    n, horizon, offers = len(problem.tasks), problem.horizon, problem.loans
    x = lambda s, t: s * horizon + t                           # noqa: E731 - index helpers read best inline
    z = lambda k, t: n * horizon + k * horizon + t             # noqa: E731
    y = lambda u: n * horizon + len(offers) * horizon + u      # noqa: E731
    count = n * horizon + len(offers) * horizon + horizon
    scale = 1e-6                                               # money in millions keeps HiGHS's tolerances meaningful
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

    for s in range(n):                                         # each step at most once
        row({x(s, t): 1.0 for t in range(horizon)}, -np.inf, 1.0)
    for s, task in enumerate(problem.tasks):                   # prerequisites finished before the start
        for r in task.requires:
            done = problem.tasks[r].duration
            for t in range(horizon):
                coefficients = {x(s, t): 1.0}
                for t2 in range(0, t - done + 1):
                    coefficients[x(r, t2)] = coefficients.get(x(r, t2), 0.0) - 1.0
                row(coefficients, -np.inf, 0.0)
    for u in range(horizon):                                   # one crew: one step under way at a time
        coefficients = {}
        for s, task in enumerate(problem.tasks):
            for t in range(max(0, u - task.duration + 1), u + 1):
                coefficients[x(s, t)] = 1.0
        row(coefficients, -np.inf, 1.0)
    row({z(k, t): 1.0 for k in range(len(offers)) for t in range(horizon)}, -np.inf, 1.0)
    costs, base = problem.cost_table, problem.base_cash
    for u in range(horizon):                                   # never short of money
        coefficients = {}
        for s in range(n):
            for t in range(u + 1):
                coefficients[x(s, t)] = costs[s][t] * scale
        for k, offer in enumerate(offers):
            for t in range(u + 1):
                coefficients[z(k, t)] = -(offer.amount - offer.instalment * min(u - t, offer.tenor)) * scale
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
    result = scipy_milp(objective, constraints=LinearConstraint(matrix.tocsr(), lower, upper),
                        integrality=np.ones(count), bounds=Bounds(0, 1),
                        options={"time_limit": time_limit, "mip_rel_gap": 0.0})
    if result.status != 0 or result.x is None:
        raise SolverError(f"MILP solver did not finish: {result.message}")
    return -float(result.fun)


def random_problem(rng: random.Random, steps: int, horizon: int, loans: int = 2, shape: str = "house") -> Problem:
    """A random household and growing house.

    shape : ``house`` — every step after the first extends the step before it (seven times in
        ten) or a random earlier one, so that all of them need the core and a few branch off, as
        a growing house does; ``forest`` — each step extends a random earlier one or (one time
        in five) needs nothing at all, which allows far more orders than any real template (a
        harder test for the search).
    """
    tasks = []
    for i in range(steps):
        requires = ()
        if i and shape == "house":
            requires = (i - 1,) if rng.random() < 0.7 else (rng.randrange(i),)
        elif i and rng.random() < 0.8:
            requires = (rng.randrange(i),)
        tasks.append(Task(i + 1, rng.randrange(5, 41) * 1_000_000, rng.randint(1, 4), float(rng.randint(1, 10)),
                          requires))
    budget = rng.randrange(5, 31) * 100_000
    offers = []
    for k in range(rng.randint(0, loans)):
        offer = LoanOffer(f"loan {k + 1}", rng.randrange(5, 31) * 1_000_000, rng.choice([0.0, 0.03, 0.06, 0.12]),
                          rng.choice([12, 24, 36, 60]))
        if offer.instalment <= budget:
            offers.append(offer)
    grants = tuple((rng.randrange(horizon), rng.randrange(5, 21) * 1_000_000) for _ in range(rng.randint(0, 2)))
    needs = {i: set(t.requires) for i, t in enumerate(tasks)}
    required = set()
    for seed in rng.sample(range(steps), k=min(steps, rng.randint(1, 3))):
        todo = [seed]
        while todo:
            item = todo.pop()
            if item not in required:
                required.add(item)
                todo.extend(needs[item])
    return Problem(tuple(tasks), horizon, rng.randrange(0, 11) * 1_000_000, budget, grants, tuple(offers),
                   rng.choice([0.0, 0.02, 0.05]), Livable(sum(1 << r for r in required)))
