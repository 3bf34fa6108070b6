"""The build-sequence optimizer: which work package when, and whether to borrow, never short of cash.

The problem (plain numbers, no YAML): tasks (the work packages of the build steps) with a cost at
month 0, the part of it that is materials and the part that is wages, a duration in months, a
value and prerequisites; a household with savings, its housing money for each month, cash
grants arriving in given months, grants paid in kind (*credits*), and loan offers.  Months are
counted from 0 here (people see them from 1).

Money.  At the start of month ``t`` the household has its savings, the housing money of months
``0 .. t-1``, the cash grants of months ``<= t``, and a loan's amount from the month it is taken,
less instalments (each month after it is taken, for its tenor), less what it has paid for tasks
itself.  A task started in month ``t`` is paid in full then, at its cost escalated to that month,
and is finished (lived in, if it opens rooms) from month ``t + duration``.  One crew builds one
task at a time.

Credits.  A grant's materials part pays only the materials of tasks started within its period
``[start, end)``, its labour part only their wages; each is used as far as it goes, the rest of the
task paid from the household's own money, and what is left at the end of the period is lost.  A
credit comes in tranches: the first usable from ``start``, each next one once a task paid in part
from the credit since the last release is finished (BSPS pays its second tranche after the works
of the first are checked).

Objective: the house is livable as early as possible, then as much value as possible is enjoyed
for as long as possible: ``sum(value * months enjoyed) + L * months livable``, with ``L`` larger
than any possible value sum, so that an earlier livable month always wins.  Among plans that
score the same: more tasks built, then the loan taken latest (none is latest of all), then less
of the household's own money spent.

Why the search below is exact:

1. Once the loan decision is fixed (which offer, taken in which month), the money on hand only
   grows with time: every month's housing money is at least the instalment of every loan offer
   considered (the planner leaves out offers whose instalment a lean month cannot pay), and
   prices only rise.  Within a stretch of months in which the same credits are usable, a task's
   own cost does not fall, so starting it at the first month it can be paid is best; a later
   start is worth trying only at the first payable month of each later stretch (a credit's
   period begins or ends).
2. Credits are best used as they come: a Rupiah of credit used now is a Rupiah of own money kept,
   and own money pays for anything, at any time.
3. A loan is best taken in a month in which some task starts that could not be paid for that
   month without it: taken with a task the money already covers, the same plan with the loan
   taken at the next task's start (or not at all) pays fewer instalments.  That task may start
   later than the loan would allow, to put the instalments off: the search tries every month.
4. So a plan is an order of prerequisite-closed sets, and two partial plans that reach the same
   set of tasks can be compared: one that is done no later, has spent no more of its own money,
   has earned no less value, holds the same loan offer taken no earlier (or none, like the
   other), has had as many tranches released and has drawn no more of each credit leaves every
   continuation open to the other.  The search keeps only the partial plans no other dominates.

Reference methods that check this (brute force over orders and start months, and a time-indexed
MILP) are in :mod:`rumah.plan.reference`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate

from ..cost.pricing import round_idr
from ..errors import RumahError
from .finance import escalation
from .household import LoanOffer

#: Partial plans the search may create before it says the problem is too large.  About three
#: seconds of work on the development machine (benchmarks/optimizer.py measures the rate).
MAX_LABELS = 150_000
#: Tasks of the problems the bound above was measured on (three steps of three work packages).  A
#: partial plan of a problem with more tasks costs more to make (the bound and the dominance checks
#: walk every task): it counts as tasks / REFERENCE_TASKS partial plans, so that the bound is one of
#: time whatever the problem's size (22 steps that each need only the first: 67 tasks, 23 s and
#: 183 MB before it was weighed so, about 3 s now).
REFERENCE_TASKS = 9

_SHARED: ContextVar[_Budget | None] = ContextVar("rumah_search_budget", default=None)


class ProblemTooLarge(RumahError, ValueError):
    """The plan has too many ways to order its work to be searched exactly in reasonable time."""


@dataclass(frozen=True)
class Task:
    """One work package (or a whole build step) as the optimizer sees it.

    cost : price at month 0. [IDR]
    duration : months from start until it is finished. [month]
    value : how much the family gains from it per month once it is finished.
    requires : indices (into the problem's tasks) that must be finished first.
    materials, labour : the parts of ``cost`` that are materials and wages (what credits pay). [IDR]
    package : the work package it is (``structure`` ...), or "" for a whole step.
    """

    step: int
    cost: int
    duration: int
    value: float
    requires: tuple[int, ...] = ()
    materials: int = 0
    labour: int = 0
    package: str = ""


@dataclass(frozen=True)
class Credit:
    """A part of a grant paid in kind.

    kind : ``materials`` or ``labour``: which part of a task's cost it pays.
    start, end : tasks started in months ``start <= t < end`` may use it (months from 0).
    tranches : the amounts released one after another. [IDR]
    grant : index of the household's grant it belongs to (for reports).
    """

    kind: str
    start: int
    end: int
    tranches: tuple[int, ...]
    grant: int = 0

    @cached_property
    def released(self) -> tuple[int, ...]:
        """Money released once ``r`` tranches are out: ``released[r]``. [IDR]"""
        total, out = 0, [0]
        for amount in self.tranches:
            total += amount
            out.append(total)
        return tuple(out)

    @property
    def total(self) -> int:
        return self.released[-1]


@dataclass(frozen=True)
class Problem:
    tasks: tuple[Task, ...]
    horizon: int
    savings: int
    budget: int
    #: (month, amount) pairs of cash grants, months from 0.
    grants: tuple[tuple[int, int], ...] = ()
    loans: tuple[LoanOffer, ...] = ()
    inflation: float = 0.0
    #: Given a bitmask of finished tasks, is the house livable?
    livable: Callable[[int], bool] = field(default=lambda mask: False, compare=False)
    #: Grants paid in kind, in the order their credit is used (earliest end first).
    credits: tuple[Credit, ...] = ()
    #: The housing money of each month when it is not always ``budget`` (seasonal income). [IDR]
    budgets: tuple[int, ...] = ()

    def monthly(self, t: int) -> int:
        """Housing money that comes in during month ``t``. [IDR]"""
        return self.budgets[t % len(self.budgets)] if self.budgets else self.budget

    @cached_property
    def cost_table(self) -> list[list[int]]:
        """Cost of each task if started in each month. [IDR]"""
        return [_escalated(task.cost, self.inflation, self.horizon) for task in self.tasks]

    @cached_property
    def part_tables(self) -> dict[str, list[list[int]]]:
        """Materials and wages of each task if started in each month; never more than its cost. [IDR]"""
        parts = [_parts(task.cost, task.materials, task.labour, self.inflation, self.horizon) for task in self.tasks]
        return {"materials": [m for m, _ in parts], "labour": [w for _, w in parts]}

    @cached_property
    def base_cash(self) -> list[int]:
        """Money received by the start of each month, before any loan or spending. [IDR]"""
        horizon = self.horizon
        if self.budgets:
            incomes = [self.budgets[t % len(self.budgets)] for t in range(horizon)]
            cash = list(accumulate(incomes[:-1], initial=self.savings))
        else:
            budget, savings = self.budget, self.savings
            cash = [savings + budget * t for t in range(horizon)]
        if self.grants:
            arriving = [0] * horizon
            for month, amount in self.grants:
                if month < horizon:
                    arriving[max(month, 0)] += amount
            cash = [c + g for c, g in zip(cash, accumulate(arriving))]
        return cash

    @cached_property
    def steady(self) -> list[int]:
        """For each task, the first month from which the money received grows at least as fast
        as the task's cost: once payable from then on, it stays payable (without credits)."""
        base, result = self.base_cash, []
        for costs in self.cost_table:
            k = self.horizon - 1
            while k > 0 and base[k] - costs[k] >= base[k - 1] - costs[k - 1]:
                k -= 1
            result.append(k)
        return result

    @cached_property
    def livable_weight(self) -> float:
        return sum(task.value for task in self.tasks) * self.horizon + 1.0

    @cached_property
    def loan_table(self) -> list[list[int]]:
        """Net money from each offer ``k``, ``j`` months after it is taken: ``loan_table[k][j]``. [IDR]"""
        return [[offer.amount - offer.instalment * min(j, offer.tenor) for j in range(self.horizon + 1)]
                for offer in self.loans]

    def loan_cash(self, loan: tuple[int, int] | None, t: int) -> int:
        """Net money from loan ``(offer, month taken)`` by the start of month ``t``. [IDR]"""
        if loan is None or t < loan[1]:
            return 0
        return self.loan_table[loan[0]][t - loan[1]]

    @cached_property
    def credit_start(self) -> tuple:
        """The credit state before anything is drawn: (tranches released, drawn) per credit."""
        return tuple((1, 0) for _ in self.credits)


@lru_cache(maxsize=4096)
def _escalated(cost: int, inflation: float, horizon: int) -> list[int]:
    """``cost`` escalated to each month of the horizon (shared: many households build the same
    step at the same prices; callers never modify the list). [IDR]"""
    return [round_idr(cost * f) for f in _factors(inflation, horizon)]


@lru_cache(maxsize=4096)
def _parts(cost: int, materials: int, labour: int, inflation: float, horizon: int) -> tuple[list[int], list[int]]:
    """A task's materials and wages escalated to each month (shared like :func:`_escalated`):
    the wages are what the escalated cost leaves after the materials and the task's other costs
    (equipment), so that the three add up to the cost, as they do at month 0, and a task of
    materials and wages only is paid whole by a grant that covers both. [IDR]"""
    costs, escalated = _escalated(cost, inflation, horizon), _escalated(materials, inflation, horizon)
    if not labour:
        return escalated, [0] * horizon
    others = _escalated(max(0, cost - materials - labour), inflation, horizon)
    return escalated, [max(0, c - m - o) for c, m, o in zip(costs, escalated, others)]


@lru_cache(maxsize=64)
def _factors(inflation: float, horizon: int) -> tuple[float, ...]:
    return tuple(escalation(inflation, t) for t in range(horizon))


@dataclass(frozen=True)
class Solution:
    """A plan: (task index, start month) in build order, the loan taken, and its score."""

    starts: tuple[tuple[int, int], ...]
    loan: tuple[int, int] | None
    score: float
    livable_from: int | None     # first month (from 0, within the horizon) of a livable house
    spent: int                   # the household's own money paid for tasks [IDR]


# A label is a partial plan: (free, spent, score, livable, loan, starts, credits)
#   free     month the crew is free (the last task's finish)
#   spent    own money paid so far
#   score    objective so far
#   livable  month the house became livable, or None
#   loan     (offer, month taken) or None
#   starts   ((task, month), ...) in build order
#   credits  per credit: (tranches released, drawn), or None once it can no longer be used


def draw(problem: Problem, task: int, t: int, state: tuple) -> tuple[int, tuple, tuple[int, ...]]:
    """Start ``task`` in month ``t`` with credit ``state``: (own money it needs, the new state,
    what each credit pays)."""
    own = problem.cost_table[task][t]
    if not problem.credits:
        return own, state, ()
    need = {"materials": problem.part_tables["materials"][task][t], "labour": problem.part_tables["labour"][task][t]}
    new, used = [], []
    for credit, current in zip(problem.credits, state):
        if current is None or not credit.start <= t < credit.end:
            new.append(current)
            used.append(0)
            continue
        released, drawn = current
        paid = min(need[credit.kind], credit.released[released] - drawn)
        need[credit.kind] -= paid
        own -= paid
        drawn += paid
        if paid > 0 and released < len(credit.tranches):
            released += 1                 # the next tranche comes once this task is finished
        new.append(None if drawn >= credit.total else (released, drawn))
        used.append(paid)
    return own, tuple(new), tuple(used)


def _expire(problem: Problem, state: tuple, free: int) -> tuple:
    """Credits no later task can use (their period is over when the crew is free) are gone."""
    if not problem.credits:
        return state
    return tuple(None if current is None or free >= credit.end else current
                 for credit, current in zip(problem.credits, state))


def _breaks(problem: Problem, state: tuple, free: int) -> list[int]:
    """Months from ``free`` at which the usable credits change: the start of each stretch."""
    if not problem.credits:
        return [free]
    months = {free}
    for credit, current in zip(problem.credits, state):
        if current is not None:
            months.update(m for m in (credit.start, credit.end) if free < m < problem.horizon)
    return sorted(months)


def _available(problem: Problem, state: tuple, t: int) -> tuple[int, int]:
    """Credit a task started in month ``t`` can draw: (materials, wages). [IDR]"""
    materials = labour = 0
    for credit, current in zip(problem.credits, state):
        if current is not None and credit.start <= t < credit.end:
            amount = credit.released[current[0]] - current[1]
            if credit.kind == "materials":
                materials += amount
            else:
                labour += amount
    return materials, labour


def _own_costs(problem: Problem, task: int, state: tuple, start: int, stop: int):
    """(month, own money the task needs if started then) for every month of ``[start, stop)``.

    Within a stretch of months the usable credits are the same, so what they can pay is worked
    out once per stretch (what :func:`draw` would give, without building the new state)."""
    costs = problem.cost_table[task]
    if not problem.credits or all(current is None for current in state):
        for t in range(start, stop):
            yield t, costs[t]
        return
    materials, labour = problem.part_tables["materials"][task], problem.part_tables["labour"][task]
    breaks = [m for m in _breaks(problem, state, start) if m < stop] + [stop]
    for a, b in zip(breaks, breaks[1:]):
        usable_m, usable_l = _available(problem, state, a)
        for t in range(a, b):
            m, w = materials[t], labour[t]
            yield t, costs[t] - (m if m < usable_m else usable_m) - (w if w < usable_l else usable_l)


def _first_covered(problem: Problem, task: int, start: int, stop: int, limit: int) -> int | None:
    """First month in ``[start, stop)`` whose money received, plus ``limit``, covers the task's
    cost; by bisection from the month on which the money grows at least as fast as the cost."""
    base, costs = problem.base_cash, problem.cost_table[task]
    steady = max(start, min(stop, problem.steady[task]))
    for t in range(start, steady):
        if costs[t] <= base[t] + limit:
            return t
    low, high = steady, stop
    if low >= high or costs[high - 1] > base[high - 1] + limit:
        return None
    high -= 1
    while low < high:
        middle = (low + high) // 2
        if costs[middle] <= base[middle] + limit:
            high = middle
        else:
            low = middle + 1
    return low


def _payable(problem: Problem, task: int, start: int, stop: int, spent: int, loan, extra: int,
             state: tuple) -> int | None:
    """First month in ``[start, stop)`` in which ``task`` can be paid."""
    limit = extra - spent
    base = problem.base_cash
    if loan is None:
        if not problem.credits or all(current is None for current in state):
            return _first_covered(problem, task, start, stop, limit)
        for t, own in _own_costs(problem, task, state, start, stop):
            if own <= base[t] + limit:
                return t
        return None
    row, taken = problem.loan_table[loan[0]], loan[1]
    for t, own in _own_costs(problem, task, state, start, stop):
        if own <= base[t] + limit + (row[t - taken] if t >= taken else 0):
            return t
    return None


def _label(problem: Problem, label, task: int, mask: int, t: int, loan):
    """``label`` extended by ``task`` started in month ``t``, holding ``loan``."""
    free, spent, score, liv, _, starts, state = label[:7]
    info = problem.tasks[task]
    finish = t + info.duration
    horizon = problem.horizon
    if problem.credits:
        own, state, _ = draw(problem, task, t, state)
        state = _expire(problem, state, finish)
    else:
        own = problem.cost_table[task][t]
    if finish < horizon:
        score += info.value * (horizon - finish)
    new_mask = mask | (1 << task)
    if liv is None and finish < horizon and problem.livable(new_mask):
        liv = finish
        score += problem.livable_weight * (horizon - finish)
    return new_mask, (finish, spent + own, score, liv, loan, starts + ((task, t),), state)


def _extensions(problem: Problem, label, task: int, mask: int, take: int | None):
    """Ways to add ``task`` next: at the first payable month of each stretch of months with the
    same usable credits; or, taking loan offer ``take`` as it starts, in every month from the
    first the loan makes possible in which the task needs it."""
    free, spent, _, _, loan, _, state = label[:7]
    horizon = problem.horizon
    if take is None:
        if not problem.credits:
            t = _payable(problem, task, free, horizon, spent, loan, 0, state)
            if t is not None:
                yield _label(problem, label, task, mask, t, loan)
            return
        breaks = _breaks(problem, state, free) + [horizon]
        for start, stop in zip(breaks, breaks[1:]):
            t = _payable(problem, task, start, stop, spent, loan, 0, state)
            if t is not None:
                yield _label(problem, label, task, mask, t, loan)
        return
    amount = problem.loans[take].amount
    first = _payable(problem, task, free, horizon, spent, None, amount, state)
    if first is None:
        return
    base = problem.base_cash
    # From this month on the task's own cost never again outgrows the money coming in.
    settled = max(problem.steady[task], max((c.end for c, s in zip(problem.credits, state) if s is not None),
                                            default=0))
    for t, own in _own_costs(problem, task, state, first, horizon):
        money = base[t] - spent
        # A loan taken with a task that could be paid without it is better taken with the next
        # task (or not at all): the same starts, fewer instalments (rule 3 of the module notes).
        if money >= own:
            if t >= settled:
                return                  # payable without the loan in every later month too
            continue
        if money + amount >= own:
            yield _label(problem, label, task, mask, t, (take, t))


def _key(label) -> tuple:
    """Preference between complete plans: higher score; then more tasks built (a task finished
    after the horizon scores nothing but still gives the family a room); then the loan taken
    latest (none at all is latest); then less of the household's own money spent."""
    loan = label[4]
    return (label[2], len(label[5]), float("inf") if loan is None else loan[1], -label[1])


def _better(a, b) -> bool:
    return _key(a) > _key(b)


def _to_solution(label) -> Solution:
    return Solution(label[5], label[4], label[2], label[3], label[1])


def _start(problem: Problem, loan=None):
    label = (0, 0, 0.0, None, loan, (), problem.credit_start)
    if problem.livable(0):
        label = (0, 0, problem.livable_weight * problem.horizon, 0, loan, (), problem.credit_start)
    return label


def solve(problem: Problem) -> Solution:
    """The exact optimum over orders, start months and the loan decision.

    Dynamic programming over prerequisite-closed sets of tasks (see the module notes), with a
    bound: a partial plan that cannot beat the best complete plan found so far, even if every
    remaining task could start the moment the crew is free, is dropped.  The search first runs
    without loans, which gives a good plan to beat.  Raises :class:`ProblemTooLarge` rather than
    run for minutes.
    """
    budget = _Budget(len(problem.tasks))
    best = _search(problem, allow_loans=False, incumbent=None, budget=budget)
    if problem.loans:
        # A plan to beat: the best order without a loan, with each offer taken as a task starts.
        order = [task for task, _ in best[5]]
        months = sorted({0} | {start for _, start in best[5]})
        for k in range(len(problem.loans)):
            for month in months:
                found = simulate(problem, order, (k, month))
                candidate = (0, found.spent, found.score, found.livable_from, found.loan, found.starts, ())
                if _better(candidate, best):
                    best = candidate
        best = _search(problem, allow_loans=True, incumbent=best, budget=budget)
    return _to_solution(best)


class _Budget:
    """Counts the partial plans made (weighed by the problem's size), so that a search too large
    stops with a message; and, within :func:`search_budget`, all the searches made together."""

    def __init__(self, tasks: int = REFERENCE_TASKS, limit: float | None = None):
        self.labels = 0.0
        self.weight = max(1.0, tasks / REFERENCE_TASKS)
        self.limit = MAX_LABELS if limit is None else limit

    def spend(self, n: int = 1) -> None:
        cost = n * self.weight
        self.labels += cost
        if self.labels > self.limit:
            raise ProblemTooLarge(
                f"too many ways to order the work to plan exactly (more than {MAX_LABELS:,} partial plans); "
                "give the template's steps fewer independent choices (more 'requires'), or plan fewer steps")
        shared = _SHARED.get()
        if shared is not None:
            shared.labels += cost
            if shared.labels > shared.limit:
                raise ProblemTooLarge("the searches together took more than their share of time; stopped")


@contextmanager
def search_budget(labels: float):
    """Every search made within the block shares ``labels`` partial plans (weighed as in one
    search) besides its own bound: a caller that searches many variants of a problem (what would
    help a family) stops, with ProblemTooLarge, after a bounded time in all."""
    token = _SHARED.set(_Budget(limit=labels))
    try:
        yield
    finally:
        _SHARED.reset(token)


def _bound(problem: Problem, label, mask: int, bounds) -> float:
    """Most score any continuation of ``label`` could still add (an upper bound): the k-th task to
    finish from now finishes no earlier than the k shortest remaining tasks take, one after
    another from the moment the crew is free, and the highest values are set against the
    earliest of those months; livability comes no sooner than the crew time and the money the
    remaining required tasks need allow."""
    free, liv = label[0], label[3]
    horizon = problem.horizon
    extra = 0.0
    for value, done in bounds.remaining(mask):
        finish = free + done
        if finish >= horizon:
            break
        extra += value * (horizon - finish)
    if liv is None:
        earliest = bounds.earliest_livable(mask, free, label[1], label[4])
        if earliest is not None and earliest < horizon:
            extra += problem.livable_weight * (horizon - earliest)
    return extra


class _Bounds:
    """Helpers for the upper bound, with what depends only on the set of finished tasks cached."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.required = getattr(problem.livable, "required", None)
        self.most_loan = max((offer.amount for offer in problem.loans), default=0)
        # Every credit as if it could pay anything, any time: more than it ever can.
        self.most_credit = sum(credit.total for credit in problem.credits)
        self._remaining: dict[int, list] = {}
        self._needed: dict[int, tuple] = {}

    def remaining(self, mask: int) -> list[tuple[float, int]]:
        """Pairs (value, months): the unfinished tasks' values from the highest down, each with the
        months of work the k shortest unfinished tasks take together (k = 1, 2 ...)."""
        found = self._remaining.get(mask)
        if found is None:
            left = [t for i, t in enumerate(self.problem.tasks) if not mask >> i & 1]
            values = sorted((t.value for t in left), reverse=True)
            found, done = [], 0
            for value, duration in zip(values, sorted(t.duration for t in left)):
                done += duration
                if value > 0:
                    found.append((value, done))
            self._remaining[mask] = found
        return found

    def month_with(self, money: int, free: int, spent: int, loan) -> int:
        """First month from ``free`` with ``money`` on hand beyond ``spent`` (the horizon if never).
        Money on hand never falls, since instalments never exceed a month's housing money."""
        problem = self.problem
        base, low, high = problem.base_cash, free, problem.horizon
        while low < high:
            t = (low + high) // 2
            loan_money = self.most_loan if loan is None else problem.loan_cash(loan, t)
            if base[t] - spent + loan_money + self.most_credit >= money:
                high = t
            else:
                low = t + 1
        return low

    def earliest_livable(self, mask: int, free: int, spent: int, loan) -> int | None:
        """Earliest month the house could be livable, or None when no task is left."""
        need = self._needed.get(mask)
        if need is None:
            need = self._needed[mask] = self._need(mask)
        if not need:
            return None
        months, money, shortest = need
        if money is None:
            return free + shortest            # any livability rule: one more task must finish
        month = self.month_with(money, free, spent, loan)
        if month == self.problem.horizon:
            return month
        return max(free + months, month + shortest)

    def _need(self, mask: int) -> tuple:
        """(crew months, month-0 money, shortest duration) still needed for livability."""
        tasks = self.problem.tasks
        remaining = [i for i in range(len(tasks)) if not mask >> i & 1]
        if not remaining:
            return ()
        needed = [i for i in remaining if self.required and self.required >> i & 1]
        if not needed:
            # Nothing known to be needed, or all of it done: one more task must finish.
            return (0, None, min(tasks[i].duration for i in remaining))
        return (sum(tasks[i].duration for i in needed), sum(tasks[i].cost for i in needed),
                min(tasks[i].duration for i in needed))


#: Scores are sums of floats: a plan is only cut when it falls short by more than rounding.
_TOLERANCE = 1e-6


def _search(problem: Problem, allow_loans: bool, incumbent, budget: _Budget):
    n = len(problem.tasks)
    needs = [sum(1 << r for r in task.requires) for task in problem.tasks]
    bounds = _Bounds(problem)
    start = _start(problem)
    best = start if incumbent is None or _better(start, incumbent) else incumbent
    # Each partial plan carries its ceiling (score + bound) as an eighth element, worked out once.
    start = start + (start[2] + _bound(problem, start, 0, bounds),)
    frontier: dict[int, dict] = {0: {_group(start): [start]}}
    offers = range(len(problem.loans))
    for _ in range(n):
        following: dict[int, dict] = {}
        for mask, groups in frontier.items():
            for label in [label for labels in groups.values() for label in labels]:
                if label[7] < best[2] - _TOLERANCE:
                    continue
                takes = (None,) if label[4] is not None or not allow_loans else (None, *offers)
                for task in range(n):
                    if mask >> task & 1 or needs[task] & ~mask:
                        continue
                    for take in takes:
                        for new_mask, new in _extensions(problem, label, task, mask, take):
                            budget.spend()
                            if take is not None:
                                # Counting the loan as if it had no instalments bounds every later
                                # month too (later means less value and more spent): stop here.
                                free_loan = new[:4] + (None,) + new[5:]
                                if new[2] + _bound(problem, free_loan, new_mask, bounds) < best[2] - _TOLERANCE:
                                    break
                            ceiling = new[2] + _bound(problem, new, new_mask, bounds)
                            if ceiling < best[2] - _TOLERANCE:
                                continue
                            new = new + (ceiling,)
                            _insert(problem, following.setdefault(new_mask, {}), new)
                            if new[2] >= best[2] and _better(new, best):
                                best = new
        frontier = following
        if not frontier:
            break
    return best


def _group(label):
    """Partial plans are compared only within a group: same loan offer (or none), livable or not,
    and as many tranches released of each credit still usable."""
    credits = tuple(None if c is None else c[0] for c in label[6])
    return (label[4][0] if label[4] is not None else None, label[3] is not None, credits)


def _dominates(problem: Problem, a, b) -> bool:
    """Partial plan ``a`` (of the same group) leaves every continuation of ``b`` open and scores
    no less: it is free no later and, at every month ``b`` could still start a task, has at least
    as much money on hand (the two loans of the same offer may be taken in different months: the
    one taken later has paid fewer instalments so far) and at least as much of every credit."""
    if a[0] > b[0] or a[2] < b[2]:
        return False
    gap = 0
    if a[4] is not None:
        offer = problem.loans[a[4][0]]
        taken_a, taken_b, tenor = a[4][1], b[4][1], offer.tenor
        if taken_a <= taken_b:
            if taken_a < taken_b and a[2] <= b[2] + _TOLERANCE:
                return False        # equal plans: keep the one that borrows later
            # From b's free month on, a has paid this many more instalments (never more later).
            gap = offer.instalment * (min(b[0] - taken_a, tenor) - min(b[0] - taken_b, tenor))
        else:
            # a has paid fewer instalments at every month; fewest more by the end of the horizon.
            end = problem.horizon - 1
            gap = -offer.instalment * (min(end - taken_b, tenor) - min(end - taken_a, tenor))
    if a[1] + gap > b[1]:
        return False
    return all(x is None or x[1] <= y[1] for x, y in zip(a[6], b[6]))


def _insert(problem: Problem, groups: dict, new) -> None:
    """Add ``new`` to a set's partial plans unless one dominates it; drop those it dominates."""
    labels = groups.setdefault(_group(new), [])
    for old in labels:
        if _dominates(problem, old, new):
            return
    if any(_dominates(problem, new, old) for old in labels):
        labels[:] = [old for old in labels if not _dominates(problem, new, old)]
    labels.append(new)


def simulate(problem: Problem, order: Sequence[int], loan: tuple[int, int] | None = None) -> Solution:
    """Build ``order`` with every task as early as money allows, holding ``loan = (offer, month
    taken)`` from the start; stop at the first task that cannot be paid within the horizon."""
    label = _start(problem, loan)
    mask = 0
    for task in order:
        t = _payable(problem, task, label[0], problem.horizon, label[1], loan, 0, label[6])
        if t is None:
            break
        mask, label = _label(problem, label, task, mask, t, loan)
    used = loan if loan is not None and label[5] and label[5][-1][1] >= loan[1] else None
    return Solution(label[5], used, label[2], label[3], label[1])


def naive(problem: Problem) -> Solution:
    """The plan without planning: tasks in template order, each as soon as money covers it, no loan."""
    order = sorted(range(len(problem.tasks)), key=lambda i: problem.tasks[i].step)
    return simulate(problem, order)


@dataclass(frozen=True)
class Paid:
    """How one start of a plan is paid. [IDR]"""

    task: int
    month: int
    cost: int
    own: int
    credits: tuple[int, ...]
    cash_before: int
    cash_after: int


def replay(problem: Problem, solution: Solution) -> list[Paid]:
    """The plan's starts with what each costs, what credits pay and the cash around it."""
    state, spent, rows = problem.credit_start, 0, []
    free = 0
    for task, t in solution.starts:
        own, state, used = draw(problem, task, t, state)
        before = problem.base_cash[t] + problem.loan_cash(solution.loan, t) - spent
        spent += own
        rows.append(Paid(task, t, problem.cost_table[task][t], own, used, before, before - own))
        free = t + problem.tasks[task].duration
        state = _expire(problem, state, free)
    return rows
