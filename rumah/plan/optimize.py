"""The build-sequence optimizer: which step when, and whether to borrow, never short of cash.

The problem (all plain numbers, no YAML): build steps with a cost at month 0, a duration in
months, a value and prerequisites; a household with savings, a monthly housing budget, grants
arriving in given months, and loan offers.  Months are counted from 0 here (people see them
from 1).  At the start of month ``t`` the household has had ``savings + budget * t`` plus the
grants of months ``<= t``, plus a loan's amount from the month it is taken, less instalments
(each month after it is taken, for its tenor), less what it has paid for steps.  A step started
in month ``t`` is paid in full then, at its cost escalated to that month, and is lived in from
month ``t + duration``.  One crew builds one step at a time.

Objective: the house is livable as early as possible, then as much value as possible is enjoyed
for as long as possible: ``sum(value * months enjoyed) + L * months livable``, with ``L`` larger
than any possible value sum so that an earlier livable month always wins.

Why the search below is exact:

1. Once the loan decision is fixed (which offer, taken in which month), the money available
   only grows with time (instalments never exceed the budget) and prices only rise, so for a
   fixed order, starting every step as soon as money allows is optimal.
2. A loan is best taken in a month in which some step starts: taking it earlier only starts
   instalments sooner, and no step starts in between to use the money.  That step may start
   later than the money would allow, to put the instalments off: the search tries every month.
3. So a plan is an order of prerequisite-closed sets, and two partial plans that reach the same
   set of steps can be compared: one that is done no later, has spent no more, has earned no
   less value, and holds the same loan offer taken no earlier (or has taken none, like the
   other) leaves every continuation open to the other.  The search keeps only the partial
   plans no other one dominates, set by set.

Reference methods that check this (brute force over all orders, and a time-indexed MILP) are in
:mod:`rumah.reference`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..cost.pricing import round_idr
from .finance import escalation
from .household import LoanOffer


@dataclass(frozen=True)
class Task:
    """One build step as the optimizer sees it.

    cost : price at month 0. [IDR]
    duration : months from start until the family can use it. [month]
    value : how much the family gains from it per month.
    requires : indices (into the problem's tasks) that must be finished first.
    """

    step: int
    cost: int
    duration: int
    value: float
    requires: tuple[int, ...] = ()


@dataclass(frozen=True)
class Problem:
    tasks: tuple[Task, ...]
    horizon: int
    savings: int
    budget: int
    #: (month, amount) pairs, months from 0.
    grants: tuple[tuple[int, int], ...] = ()
    loans: tuple[LoanOffer, ...] = ()
    inflation: float = 0.0
    #: Given a bitmask of finished tasks, is the house livable?
    livable: Callable[[int], bool] = field(default=lambda mask: False, compare=False)

    @cached_property
    def cost_table(self) -> list[list[int]]:
        """Cost of each task if started in each month. [IDR]"""
        return [_escalated(task.cost, self.inflation, self.horizon) for task in self.tasks]

    @cached_property
    def base_cash(self) -> list[int]:
        """Money received by the start of each month, before any loan or spending. [IDR]"""
        arriving = [0] * self.horizon
        for month, amount in self.grants:
            if month < self.horizon:
                arriving[max(month, 0)] += amount
        cash, granted = [], 0
        for t in range(self.horizon):
            granted += arriving[t]
            cash.append(self.savings + self.budget * t + granted)
        return cash

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


@lru_cache(maxsize=4096)
def _escalated(cost: int, inflation: float, horizon: int) -> list[int]:
    """``cost`` escalated to each month of the horizon (shared: many households build the same
    step at the same prices; callers never modify the list). [IDR]"""
    return [round_idr(cost * f) for f in _factors(inflation, horizon)]


@lru_cache(maxsize=64)
def _factors(inflation: float, horizon: int) -> tuple[float, ...]:
    return tuple(escalation(inflation, t) for t in range(horizon))


@dataclass(frozen=True)
class Solution:
    """A plan: (task index, start month) in build order, the loan taken, and its score."""

    starts: tuple[tuple[int, int], ...]
    loan: tuple[int, int] | None
    score: float
    livable_from: int | None     # first month (from 0) the family lives in a livable house
    spent: int


def _first_month(problem: Problem, task: int, free: int, spent: int, loan, extra: int = 0) -> int | None:
    """First month from ``free`` in which ``task`` can be paid (``extra`` money on top)."""
    costs, base = problem.cost_table[task], problem.base_cash
    if loan is None:
        for t in range(free, problem.horizon):
            if base[t] - spent + extra >= costs[t]:
                return t
        return None
    row, taken = problem.loan_table[loan[0]], loan[1]
    for t in range(free, problem.horizon):
        if base[t] - spent + extra + (row[t - taken] if t >= taken else 0) >= costs[t]:
            return t
    return None


def _label(problem: Problem, label, task: int, mask: int, t: int, loan):
    """``label`` extended by ``task`` started in month ``t``, holding ``loan``."""
    free, spent, score, liv, _, starts = label
    info = problem.tasks[task]
    finish = t + info.duration
    horizon = problem.horizon
    score += info.value * max(0, horizon - finish)
    new_mask = mask | (1 << task)
    if liv is None and problem.livable(new_mask):
        liv = finish
        score += problem.livable_weight * max(0, horizon - finish)
    return new_mask, (finish, spent + problem.cost_table[task][t], score, liv, loan, starts + ((task, t),))


def _extensions(problem: Problem, label, task: int, mask: int, take: int | None):
    """Ways to add ``task`` next: as early as money allows; or, taking loan offer ``take`` as it
    starts, in every month from the first the loan makes possible."""
    free, spent, _, _, loan, _ = label
    if take is None:
        t = _first_month(problem, task, free, spent, loan)
        if t is not None:
            yield _label(problem, label, task, mask, t, loan)
        return
    amount = problem.loans[take].amount
    first = _first_month(problem, task, free, spent, None, amount)
    if first is None:
        return
    costs, base = problem.cost_table[task], problem.base_cash
    for t in range(first, problem.horizon):
        if base[t] - spent + amount >= costs[t]:
            yield _label(problem, label, task, mask, t, (take, t))


def _better(a, b) -> bool:
    """Preference between complete plans: higher score; then more steps built (a step finished
    after the horizon scores nothing but still gives the family a room); then less spent."""
    return (a[2], len(a[5]), -a[1]) > (b[2], len(b[5]), -b[1])


def _to_solution(label) -> Solution:
    return Solution(label[5], label[4], label[2], label[3], label[1])



def solve(problem: Problem) -> Solution:
    """The exact optimum over orders, start months and the loan decision.

    Dynamic programming over prerequisite-closed sets of steps (see the module notes), with a
    bound: a partial plan that cannot beat the best complete plan found so far, even if every
    remaining step could start the moment the crew is free, is dropped.  The search first runs
    without loans, which gives a good plan to beat.
    """
    best = _search(problem, allow_loans=False, incumbent=None)
    if problem.loans:
        # A plan to beat: the best order without a loan, with each offer taken as a step starts.
        order = [task for task, _ in best[5]]
        months = sorted({0} | {start for _, start in best[5]})
        for k in range(len(problem.loans)):
            for month in months:
                found = simulate(problem, order, (k, month))
                candidate = (0, found.spent, found.score, found.livable_from, found.loan, found.starts)
                if _better(candidate, best):
                    best = candidate
        best = _search(problem, allow_loans=True, incumbent=best)
    return _to_solution(best)


def _bound(problem: Problem, label, mask: int, bounds) -> float:
    """Most score any continuation of ``label`` could still add (an upper bound): every remaining
    step as if it could start the moment the crew is free, and livability as soon as the crew
    time and the money the remaining required steps need allow."""
    free, _, _, liv, _, _ = label
    horizon = problem.horizon
    extra = 0.0
    for value, duration in bounds.remaining(mask):
        extra += value * max(0, horizon - free - duration)
    if liv is None:
        earliest = bounds.earliest_livable(mask, free, label[1], label[4])
        if earliest is not None:
            extra += problem.livable_weight * max(0, horizon - earliest)
    return extra


class _Bounds:
    """Helpers for the upper bound, with what depends only on the set of finished steps cached."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.required = getattr(problem.livable, "required", None)
        self.most_loan = max((offer.amount for offer in problem.loans), default=0)
        self._remaining: dict[int, list] = {}
        self._needed: dict[int, tuple] = {}

    def remaining(self, mask: int) -> list[tuple[float, int]]:
        """(value, duration) of each unfinished step."""
        found = self._remaining.get(mask)
        if found is None:
            found = [(t.value, t.duration) for i, t in enumerate(self.problem.tasks) if not mask >> i & 1]
            self._remaining[mask] = found
        return found

    def month_with(self, money: int, free: int, spent: int, loan) -> int:
        """First month from ``free`` with ``money`` on hand beyond ``spent`` (the horizon if never).
        Money on hand never falls, since instalments never exceed the budget."""
        problem = self.problem
        base, low, high = problem.base_cash, free, problem.horizon
        while low < high:
            t = (low + high) // 2
            loan_money = self.most_loan if loan is None else problem.loan_cash(loan, t)
            if base[t] - spent + loan_money >= money:
                high = t
            else:
                low = t + 1
        return low

    def earliest_livable(self, mask: int, free: int, spent: int, loan) -> int | None:
        """Earliest month the house could be livable, or None if no later step can make it so."""
        need = self._needed.get(mask)
        if need is None:
            need = self._needed[mask] = self._need(mask)
        if not need:
            return None
        months, money, shortest = need
        if money is None:
            return free + shortest            # any livability rule: one more step must finish
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
        if self.required is None:
            return (0, None, min(tasks[i].duration for i in remaining))
        needed = [i for i in remaining if self.required >> i & 1]
        if not needed:
            return ()
        return (sum(tasks[i].duration for i in needed), sum(tasks[i].cost for i in needed),
                min(tasks[i].duration for i in needed))


#: Scores are sums of floats: a plan is only cut when it falls short by more than rounding.
_TOLERANCE = 1e-6


def _search(problem: Problem, allow_loans: bool, incumbent):
    n = len(problem.tasks)
    needs = [sum(1 << r for r in task.requires) for task in problem.tasks]
    start = (0, 0, 0.0, None, None, ())
    if problem.livable(0):
        start = (0, 0, problem.livable_weight * problem.horizon, 0, None, ())
    best = start if incumbent is None or _better(start, incumbent) else incumbent
    bounds = _Bounds(problem)
    frontier: dict[int, dict] = {0: {_group(start): [start]}}
    for _ in range(n):
        following: dict[int, dict] = {}
        for mask, groups in frontier.items():
            for label in [label for labels in groups.values() for label in labels]:
                if label[2] + _bound(problem, label, mask, bounds) < best[2] - _TOLERANCE:
                    continue
                takes = [None] if label[4] is not None or not allow_loans else [None, *range(len(problem.loans))]
                for task in range(n):
                    if mask >> task & 1 or needs[task] & ~mask:
                        continue
                    for take in takes:
                        for new_mask, new in _extensions(problem, label, task, mask, take):
                            if take is not None:
                                # Counting the loan as if it had no instalments bounds every later
                                # month too (later means less value and more spent): stop here.
                                free_loan = new[:4] + (None,) + new[5:]
                                if new[2] + _bound(problem, free_loan, new_mask, bounds) < best[2] - _TOLERANCE:
                                    break
                            if new[2] + _bound(problem, new, new_mask, bounds) < best[2] - _TOLERANCE:
                                continue
                            _insert(following.setdefault(new_mask, {}), new)
                            if _better(new, best):
                                best = new
        frontier = following
        if not frontier:
            break
    return best


def _group(label):
    """Partial plans are compared only within a group: same loan offer (or none), and livable or not."""
    return (label[4][0] if label[4] is not None else None, label[3] is not None)


def _dominates(a, b) -> bool:
    """Partial plan ``a`` (of the same group) leaves every continuation of ``b`` open and scores
    no less; a loan of the same offer taken no earlier never takes more from now on."""
    return (a[0] <= b[0] and a[1] <= b[1] and a[2] >= b[2]
            and (a[4] is None or a[4][1] >= b[4][1]))


def _insert(groups: dict, new) -> None:
    """Add ``new`` to a set's partial plans unless one dominates it; drop those it dominates."""
    labels = groups.setdefault(_group(new), [])
    for old in labels:
        if _dominates(old, new):
            return
    labels[:] = [old for old in labels if not _dominates(new, old)]
    labels.append(new)


def simulate(problem: Problem, order: Sequence[int], loan: tuple[int, int] | None = None) -> Solution:
    """Build ``order`` with every step as early as money allows, holding ``loan = (offer, month
    taken)`` from the start; stop at the first step that cannot be paid within the horizon."""
    label = (0, 0, 0.0, None, loan, ())
    if problem.livable(0):
        label = (0, 0, problem.livable_weight * problem.horizon, 0, loan, ())
    mask = 0
    for task in order:
        t = _first_month(problem, task, label[0], label[1], loan)
        if t is None:
            break
        mask, label = _label(problem, label, task, mask, t, loan)
    used = loan if loan is not None and label[5] and label[5][-1][1] >= loan[1] else None
    return Solution(label[5], used, label[2], label[3], label[1])


def naive(problem: Problem) -> Solution:
    """The plan without planning: steps in template order, each as soon as savings cover it, no loan."""
    order = sorted(range(len(problem.tasks)), key=lambda i: problem.tasks[i].step)
    return simulate(problem, order)
