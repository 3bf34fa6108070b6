"""A household's staged build plan: its bill, its money and the optimizer, put together.

Months shown to people count from 1: month 1 is the first month of the plan.  A step "starts"
in the month it is paid for and can be lived in from its ``finish_month``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..cost.estimate import Catalog, estimate, load_catalog
from ..cost.materials import duration_days
from ..cost.prices import load_price_list
from ..cost.pricing import Bill
from ..errors import UnknownNameError
from ..house.template import load_template
from ..schema import Where
from .household import Household, LoanOffer, load_household
from .livability import Check, check
from .optimize import Problem, Solution, Task, naive, solve

#: Working days in a month of building (six-day weeks less rest days; a stated project default).
WORKING_DAYS_PER_MONTH = 25


@dataclass(frozen=True)
class Scheduled:
    """One step in a plan (months from 1; money in whole Rupiah)."""

    step: int
    month: int
    finish_month: int
    cost: int
    cash_before: int
    cash_after: int
    total_floor_area: float
    livable: bool
    failing: tuple[str, ...]


@dataclass(frozen=True)
class LoanTaken:
    offer: LoanOffer
    month: int

    @property
    def first_instalment(self) -> int:
        return self.month + 1

    @property
    def last_instalment(self) -> int:
        return self.month + self.offer.tenor


@dataclass(frozen=True)
class Schedule:
    """A plan: the steps in build order, the loan, and when the house becomes livable."""

    steps: tuple[Scheduled, ...]
    loan: LoanTaken | None
    livable_month: int | None
    objective: float
    unbuilt: tuple[int, ...]


@dataclass(frozen=True)
class Shortfall:
    """Why nothing can be built: the cheapest first step and the money missing for it. [IDR]"""

    step: int
    total: int
    per_month: int


@dataclass(frozen=True)
class Plan:
    household: Household
    bill: Bill
    problem: Problem
    durations: tuple[int, ...]
    best: Schedule
    naive: Schedule
    start_check: Check
    shortfall: Shortfall | None
    #: (kind, figures) pairs: things the technician should know (a loan whose instalment is too
    #: big for the budget; a grant's materials part the plan's steps cannot use up).
    notes: tuple[tuple[str, dict], ...]

    @property
    def feasible(self) -> bool:
        return bool(self.best.steps)


class Priced:
    """A bill, its step durations for one crew, and what households sharing it share: the
    livability of each set of built steps and the materials cost of each step, worked out once."""

    def __init__(self, bill: Bill, durations: tuple[int, ...]):
        self.bill, self.durations = bill, durations
        self._checks: dict = {}
        self._materials: dict[int, float] = {}

    def check(self, built: tuple[int, ...], household: Household) -> Check:
        key = (built, household.members, household.area_per_person, household.bedrooms_needed)
        found = self._checks.get(key)
        if found is None:
            found = self._checks[key] = check(self.bill.design, built, household.members,
                                              household.area_per_person, household.bedrooms_needed)
        return found

    def materials_cost(self, step: int) -> float:
        """What the step's materials cost at month-0 prices. [IDR]"""
        if step not in self._materials:
            bill = self.bill
            step_bill = next(s for s in bill.steps if s.step == step)
            self._materials[step] = sum(amount * bill.price_list.price(code).per_base
                                        for (code, _trade), amount in step_bill.resources.items()
                                        if not code.startswith("L."))
        return self._materials[step]


def make_problem(household: Household, priced: Priced) -> tuple[Problem, tuple]:
    """The optimizer's problem for ``household`` and its bill (step costs at month 0)."""
    bill, durations = priced.bill, priced.durations
    design = bill.design
    notes = []
    offers = []
    for offer in household.loans:
        if offer.instalment > household.budget:
            notes.append(("loan_too_big", {"name": offer.name, "instalment": offer.instalment,
                                           "budget": household.budget}))
        else:
            offers.append(offer)
    index = {s.number: i for i, s in enumerate(design.steps)}
    tasks = tuple(Task(s.number, bill.steps[i].total, durations[i], s.value,
                       tuple(index[r] for r in s.requires)) for i, s in enumerate(design.steps))
    numbers = [s.number for s in design.steps]
    masks: dict[int, bool] = {}

    def livable(mask: int) -> bool:
        found = masks.get(mask)
        if found is None:
            built = tuple(n for i, n in enumerate(numbers) if mask >> i & 1)
            found = masks[mask] = priced.check(built, household).livable
        return found

    problem = Problem(tasks, household.horizon, household.savings, household.budget,
                      tuple((g.month - 1, g.amount) for g in household.grants), tuple(offers),
                      household.inflation, livable)
    return problem, tuple(notes)


def _schedule(problem: Problem, solution: Solution, household: Household, priced: Priced) -> Schedule:
    built, spent, rows = [], 0, []
    for task, t in solution.starts:
        cost = problem.cost_table[task][t]
        before = problem.base_cash[t] + problem.loan_cash(solution.loan, t) - spent
        spent += cost
        built.append(problem.tasks[task].step)
        state = priced.check(tuple(sorted(built)), household)
        rows.append(Scheduled(problem.tasks[task].step, t + 1, t + problem.tasks[task].duration + 1, cost,
                              before, before - cost, state.floor_area, state.livable, state.failing))
    loan = None
    if solution.loan is not None:
        loan = LoanTaken(problem.loans[solution.loan[0]], solution.loan[1] + 1)
    unbuilt = tuple(t.step for i, t in enumerate(problem.tasks) if i not in {task for task, _ in solution.starts})
    livable = solution.livable_from + 1 if solution.livable_from is not None else None
    return Schedule(tuple(rows), loan, livable, solution.score, unbuilt)


def _shortfall(problem: Problem) -> Shortfall | None:
    """Money missing to start any first step within the horizon (None if one can start)."""
    best = None
    loan = max((offer.amount for offer in problem.loans), default=0)
    for i, task in enumerate(problem.tasks):
        if task.requires:
            continue
        costs = problem.cost_table[i]
        missing = min(costs[t] - problem.base_cash[t] - loan for t in range(problem.horizon))
        if missing <= 0:
            return None
        monthly = min(math.ceil((costs[t] - problem.base_cash[t] - loan) / t) for t in range(1, problem.horizon)) \
            if problem.horizon > 1 else missing
        if best is None or missing < best.total:
            best = Shortfall(task.step, missing, monthly)
    return best


def price_household(household: Household, catalog: Catalog) -> Priced:
    """The household's bill and each step's duration in months (with its crew)."""
    where = Where(household.file)
    try:
        template = load_template(household.template)
    except UnknownNameError as exc:
        raise (where / "template").fail(str(exc)) from None
    try:
        price_list = load_price_list(household.region, catalog.resources)
    except UnknownNameError as exc:
        raise (where / "region").fail(str(exc)) from None
    bill = estimate(template, price_list, household.parameters, labour=household.labour, catalog=catalog)
    durations = tuple(max(1, math.ceil(duration_days(step, household.crew) / WORKING_DAYS_PER_MONTH - 1e-9))
                      for step in bill.steps)
    return Priced(bill, durations)


def plan_household(household: Household | str | Path, catalog: Catalog | None = None,
                   horizon: int | None = None, priced: Priced | None = None) -> Plan:
    """Price the household's house, then plan its steps against its money, exactly.

    priced : the household's bill and durations from :func:`price_household`, when already known
    (many households share a house type, district, choices and crew).
    """
    if not isinstance(household, Household):
        household = load_household(household, horizon)
    if priced is None:
        priced = price_household(household, catalog or load_catalog(household.ahsp))
    bill = priced.bill
    problem, notes = make_problem(household, priced)
    best = solve(problem)
    plain = naive(problem)
    notes = list(notes) + _grant_notes(household, priced, problem, best)
    return Plan(household, bill, problem, priced.durations, _schedule(problem, best, household, priced),
                _schedule(problem, plain, household, priced), priced.check((), household),
                _shortfall(problem) if not best.starts else None, tuple(notes))


def _grant_notes(household: Household, priced: Priced, problem: Problem, solution: Solution) -> list:
    """Grants whose materials part the planned steps cannot use up.

    From each grant's month on, the steps built must buy at least the materials of every grant
    arriving from then on, at the prices paid when they are built.
    """
    if not solution.starts:
        return []
    bought_from: list[tuple[int, float]] = []
    for task, t in solution.starts:
        info = problem.tasks[task]
        escalated = problem.cost_table[task][t] / info.cost if info.cost else 1.0
        bought_from.append((t, priced.materials_cost(info.step) * escalated))
    notes = []
    for month in sorted({g.month for g in household.grants if g.materials}):
        later = [g for g in household.grants if g.materials and g.month >= month]
        needed = sum(g.materials for g in later)
        bought = int(sum(cost for t, cost in bought_from if t >= month - 1))
        if bought < needed:
            notes.append(("grant_materials", {"name": ", ".join(g.name for g in later), "materials": needed,
                                              "month": month, "bought": bought}))
            break
    return notes
