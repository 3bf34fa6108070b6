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
of the first are checked).  A task built whole (not ``divisible``) that finishes within a credit's
period draws on its later tranches too: the works the released tranche buys are checked while the
job goes on and the next tranche is delivered to the same site, so one job is never short of a
grant that its own works would release; once it is done, every tranche of that credit is out (a
stated rule: how much it drew then never changes what is released, so a job started later, dearer,
never releases more).  For such a task, a credit's last month from which the job still ends within
its period starts a stretch of its own (rule 1 below).

Parts.  A task whose materials are more than the materials credit released so far may be built
in part (``Problem.parts``), whether or not the household could pay for it whole: the part that
all those materials buy, with the same share of the task's wages and other costs (at
the task's month-0 proportions, so a part's price does not depend on its month), paid by the
labour credit as far as it goes and then by the household; the rest of the task later, as a
whole or again in part when a next tranche comes.  This is how a grant paid as materials is
spent: the shop delivers what the tranche buys, the family adds the wages, and what its own
money cannot pay yet is left for later (DOMAIN.md section 7, "a household that cannot add its
swadaya leaves parts unbuilt").  A part is allowed even when the whole could be paid: a part
brings the next tranche sooner and keeps the family's money, and were it allowed only when the
whole cannot be paid, less money (a task started a month later, a loan taken sooner) could make a
better plan, which no search by first payable months would find.  Nothing else is started
between a part and the rest of its task (the crew finishes what it started); a part takes its
share of the task's months, rounded up to a whole month, and so does the rest; the task's value
and its part in livability come when the rest is finished.  A part buys at least
:data:`MIN_PART_SHARE` of the task: the last crumbs of a tranche start no work (a whole crew-month
for Rp 150.000 of walls is no builder's plan); they stay unused, and are lost if nothing else takes
them.  The less credit is left, the smaller the part, so this keeps rules 2 and 4 below.

Money-limited parts.  In the first and the last month a materials credit can be used, a
household that cannot pay the part all its materials buy (or, where they would buy the whole
rest, the whole) may build the largest part its money pays for: the shop delivers only what
the family can add the wages for (at once, when the grant comes; or before the rest of the
credit lapses), not nothing (a stated rule: a facilitator buys less rather than let a family
wait or a tranche lapse whole).  It draws the credit that ends first, first.  Only in those
months: in between, a part waits for the money to use all the materials, so the search tries
a money-limited part in the first month of each stretch a credit begins and the last of each
stretch a credit ends, and nowhere else, as the reference methods do.

Objective: the house is livable as early as possible, then as much value as possible is enjoyed
for as long as possible: ``sum(value * months enjoyed) + L * months livable``, with ``L`` larger
than any possible value sum, so that an earlier livable month always wins.  Among plans that
score the same: more tasks built (then more of a task built in part, by its price), then the
loan taken latest (none is latest of all), then less of the household's own money spent, then
the offer that asks less to repay, then fewer starts (a task whole rather than in parts).

Why the search below is exact:

1. Once the loan decision is fixed (which offer, taken in which month), the money on hand only
   grows with time: every month's housing money is at least the instalment of every loan offer
   considered (the planner leaves out offers whose instalment a lean month cannot pay), and
   prices only rise.  Within a stretch of months in which the same credits are usable, a task's
   own cost does not fall, so starting it at the first month it can be paid is best; a later
   start is worth trying only at the first payable month of each later stretch in which a
   credit begins (once a credit's period ends, a later start is dearer, has no more credit and
   leaves no more of it).
2. Credits are best used as they come: a Rupiah of credit used now is a Rupiah of own money kept,
   and own money pays for anything, at any time.  A part's own cost depends only on the credit it
   uses, which is the same within a stretch, while a later part buys a smaller share of the task
   (materials cost more) and leaves a larger rest: it too is best started at the first month of
   its stretch in which it can be paid.
3. A loan is best taken in a month in which some task starts that could not be paid for that
   month without it: taken with a task the money already covers, the same plan with the loan
   taken at the next task's start (or not at all) pays fewer instalments.  That task may start
   later than the loan would allow, to put the instalments off: the search tries every month.
4. So a plan is an order of prerequisite-closed sets, and two partial plans that reach the same
   set of tasks (with the same task, or none, built in part) can be compared: one that is done no
   later, has spent no more of its own money, has earned no less value, holds the same loan offer
   taken no earlier (or none, like the other), has had as many tranches released, has drawn no
   more of each credit and has no more left of the task built in part (less of it costs no more,
   whole or in part, and takes no longer) leaves every continuation open to the other.  Where
   tasks may be built in part, it must have drawn the same of each materials credit: a part
   takes all the materials released, so more of them left makes a dearer part, one the family
   may not pay in time, or none once they cover the whole task.  The search keeps only the
   partial plans no other dominates.
5. Once the house is livable, with no loan held, no credit left and no task built in part, a
   partial plan ``a`` that is free later or has spent more than ``b`` (the same tasks done) can
   still do whatever ``b`` does, ``d`` months later: ``d`` the months ``a`` is free later, or
   the months the money it spent more takes to come in at the least a month brings, less the
   most the remaining tasks' prices can rise in a month.  Each task then finishes ``d`` months
   later (or not within the horizon) and loses at most ``d`` months of its value; so if ``a``
   leads ``b`` in score by more than ``d`` times the remaining values, ``b`` can never win and
   is dropped (:func:`_outscores`).

Reference methods that check this (brute force over orders, start months and parts, and a
time-indexed MILP) are in :mod:`rumah.plan.reference`.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate

from ..cost.pricing import round_idr
from ..errors import RumahError
from ..i18n import language, ntr, number, tr
from ..kept import Kept
from .finance import escalation
from .household import LoanOffer

#: Partial plans the search may create before it says the problem is too large.  Two to eight
#: seconds of work on the development machine, by the shape of the problem (a partial plan with
#: grants in kind costs more; benchmarks/optimizer.py measures the rate).
MAX_LABELS = 150_000
#: Tasks of the problems the bound above was measured on (three steps of three work packages).  A
#: partial plan of a problem with more tasks costs more to make (the bound and the dominance checks
#: walk every task): it counts as tasks / REFERENCE_TASKS partial plans, so that the bound is one of
#: time whatever the problem's size (22 steps that each need only the first: 67 tasks, 23 s and
#: 183 MB before it was weighed so, about 3 s now).
REFERENCE_TASKS = 9

#: The money "before the hold" (:attr:`Problem.hold`): more than any house costs, so that no work is
#: payable then.
_NOTHING = 10 ** 15

_SHARED: ContextVar[_Budget | None] = ContextVar("rumah_search_budget", default=None)
#: Partial plans a search without a plan to beat makes before it asks for one (its fallback):
#: three times as many as a median search of a household with a grant in kind needs.
FALLBACK_LABELS = 200
#: Processor seconds a search may take before it says the problem is too large, whatever the
#: count: answers come within 5 s.  A real household's search takes milliseconds, so this only
#: ever stops the problems that are too large anyway.
MAX_SECONDS = 4.0
#: Seconds by the clock a search may take: on a machine busy with other work (other workers, the
#: desk's other threads) it gets less of the processor, and the person waiting still has an
#: answer within 5 s.
MAX_WALL_SECONDS = 4.5


#: The least share of a task a part may build (a stated project rule): a fiftieth of its materials,
#: some Rp 300.000 to 500.000 of a package of the bundled houses.  Measured on the 6,000 synthetic
#: households (benchmarks/population.py): BSPS households losing part of their grant 1.2 % with no
#: least share, 1.7 % with this one, 1.9 % with a twentieth, 2.5 % with a tenth; a larger share
#: loses families real money to spare the builder a short job.
MIN_PART_SHARE = 0.02
#: The bound's tables by (tasks, work livability needs), for 128 sets of tasks (the desk plans in
#: threads: the store is thread-safe).
_BOUND_CACHES = Kept(128)
#: Keys each of those tables may keep after a solve (it is emptied past them): the houses of the
#: bundled templates leave from 4 to about 60.  With 128 sets of tasks kept that is at most
#: 64,000 keys, about 40 MB at worst (measured: 1.7-2.5 MB for 4,000 keys of 12-30 tasks).
MAX_BOUND_KEYS = 250


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
    divisible : whether it may be built in part (``Problem.parts``); work that leaves the house
        open until it is finished (a floor raising that takes the roof off) is built whole, and
        draws a credit's later tranches as it goes (module notes).
    """

    step: int
    cost: int
    duration: int
    value: float
    requires: tuple[int, ...] = ()
    materials: int = 0
    labour: int = 0
    package: str = ""
    divisible: bool = True


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
    #: Whether a task may be built in part with the materials a credit has released (module notes).
    parts: bool = True
    #: No work starts before this month (a plan that waits for a grant paid in kind): to the search
    #: no money has come in before it, loans included, and from it all the money has.
    hold: int = 0

    def __post_init__(self):
        # Tables the search fills as it asks (plain attributes: cheaper to reach than cached
        # properties, and a solve uses them all):
        #   _steady_months  steady month by (task, margin)
        #   break_cache     where the stretches of months begin, by credit state and month (_breaks)
        #   _rests          the tables of a task's rest, by (task, share)
        #   _wholes         ``rest_costs`` of each whole task (the search asks millions of times)
        #   available_cache the credit a task can draw, by credit state and month (_available)
        for name in ("_steady_months", "break_cache", "_rests", "available_cache"):
            object.__setattr__(self, name, {})
        object.__setattr__(self, "_wholes", [None] * len(self.tasks))

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
        if self.hold:
            # Less than any loan and task could ever make up; the months stay in order.
            cash = [-_NOTHING] * min(self.hold, horizon) + cash[self.hold:]
        return cash

    def steady(self, task: int, margin: int = 0) -> int:
        """The first month from which the money received grows at least as fast as the task's
        cost (``margin`` Rupiah a month faster): once payable from then on, it stays payable
        (without credits).  Worked out for a task when first asked."""
        found = self._steady_months.get((task, margin))
        if found is None:
            cost = self.tasks[task].cost
            if self.least_growth >= _most_growth(cost, self.inflation, self.horizon) + margin:
                found = 0               # the money always grows faster: no need to walk the months
            else:
                found = _steady(self.base_cash, self.cost_table[task], margin)
            self._steady_months[(task, margin)] = found
        return found

    @property
    def least_growth(self) -> int:
        """No more than the money received grows from one month to the next: a month's housing
        money, and cash grants only add to it. [IDR]"""
        return min(self.budgets) if self.budgets else self.budget

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
    def same_drawn(self) -> tuple[bool, ...]:
        """For each credit, whether one partial plan leaves another's continuations open only
        when it has drawn the same of it (rule 4): a materials credit when tasks may be built in
        part, for a part takes all the materials released, and more of them left makes a dearer
        part, or none once they cover the whole task.  Empty when that holds of none."""
        same = tuple(self.parts and credit.kind == "materials" for credit in self.credits)
        return same if any(same) else ()

    @cached_property
    def credit_start(self) -> tuple:
        """The credit state before anything is drawn: (tranches released, drawn) per credit."""
        return tuple((1, 0) for _ in self.credits)

    @cached_property
    def spent_credits(self) -> tuple:
        """The credit state once no credit can be used any more (and of a problem without any)."""
        return tuple(None for _ in self.credits)

    @cached_property
    def bound_caches(self) -> tuple[dict, dict, dict]:
        """What the bound works out by set of finished tasks: it depends only on the tasks and the
        work livability needs, so it is kept for every search of the problem and of every other
        problem with the same tasks (the households of a batch who build the same house)."""
        # The tasks as plain tuples: hashed and compared without a call per task and field.
        key = tuple((t.cost, t.duration, t.value, t.requires) for t in self.tasks)
        return _BOUND_CACHES.get((key, getattr(self.livable, "required", None)), lambda: ({}, {}, {}))

    def rest_costs(self, task: int, rest: float) -> tuple[list[int], int]:
        """What the ``rest`` (a share, 0 < rest <= 1) of ``task`` still to build costs if started in
        each month, and a month from which the money received grows at least as fast (see
        :meth:`steady`; for a share, with a Rupiah a month to spare for its rounding). [IDR]"""
        if rest >= 1.0:
            found = self._wholes[task]
            if found is None:
                found = self._wholes[task] = (self.cost_table[task], self.steady(task))
            return found
        found = self._rests.get((task, rest))
        if found is None:
            found = self._rests[(task, rest)] = (_scaled(self.tasks[task].cost, self.inflation, self.horizon, rest),
                                                 self.steady(task, 1))
        return found

    def rest_parts(self, task: int, rest: float) -> tuple[list[int], list[int]]:
        """The materials and the wages of the ``rest`` of ``task``, by month (what credits pay). [IDR]"""
        if rest >= 1.0:
            tables = self.part_tables
            return tables["materials"][task], tables["labour"][task]
        info = self.tasks[task]
        return _scaled_parts(info.cost, info.materials, info.labour, self.inflation, self.horizon, rest)

    def rest_tables(self, task: int, rest: float) -> tuple[list[int], list[int], list[int], int]:
        """(cost, materials, wages) by month of the ``rest`` of ``task``, and its steady month. [IDR]"""
        costs, steady = self.rest_costs(task, rest)
        return (costs, *self.rest_parts(task, rest), steady)

    def duration(self, task: int, share: float = 1.0) -> int:
        """Months that ``share`` of ``task`` takes: its share of the task's months, at least one. [month]"""
        months = self.tasks[task].duration
        if share >= 1.0:
            return months
        return max(1, math.ceil(share * months - 1e-9))


def _steady(base: list[int], costs: list[int], margin: int = 0) -> int:
    """The first month from which ``base`` grows at least as fast as ``costs`` (by ``margin``
    more each month) to the end."""
    k = len(costs) - 1
    while k > 0 and base[k] - costs[k] >= base[k - 1] - costs[k - 1] + margin:
        k -= 1
    return k


@lru_cache(maxsize=4096)
def _escalated(cost: int, inflation: float, horizon: int) -> list[int]:
    """``cost`` escalated to each month of the horizon (shared: many households build the same
    step at the same prices; callers never modify the list). [IDR]"""
    return [round_idr(cost * f) for f in _factors(inflation, horizon)]


@lru_cache(maxsize=1024)
def _scaled(cost: int, inflation: float, horizon: int, rest: float) -> list[int]:
    """The ``rest`` (a share) of ``cost`` escalated to each month, rounded half up as round_idr
    does (shared: the households of a batch who build the same house with the same grant leave
    the same rests). [IDR]"""
    return [int(rest * c + 0.5) for c in _escalated(cost, inflation, horizon)]


@lru_cache(maxsize=1024)
def _scaled_parts(cost: int, materials: int, labour: int, inflation: float, horizon: int,
                  rest: float) -> tuple[list[int], list[int]]:
    """The materials and the wages of the ``rest`` of a task, by month, never more than the
    rest's cost (shared like :func:`_scaled`). [IDR]"""
    costs = _scaled(cost, inflation, horizon, rest)
    whole_materials, whole_wages = _parts(cost, materials, labour, inflation, horizon)
    materials_rest = [min(int(rest * m + 0.5), c) for m, c in zip(whole_materials, costs)]
    wages_rest = [min(int(rest * w + 0.5), c - m) for w, c, m in zip(whole_wages, costs, materials_rest)]
    return materials_rest, wages_rest


@lru_cache(maxsize=4096)
def _most_growth(cost: int, inflation: float, horizon: int) -> int:
    """The most ``cost``, escalated, grows from one month to the next (shared). [IDR]"""
    costs = _escalated(cost, inflation, horizon)
    return max((b - a for a, b in zip(costs, costs[1:])), default=0)


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
    """A plan: (task index, start month) in build order, the loan taken, and its score.  A task
    built in parts appears once per part; every appearance but its last is a part, and so is its
    last when it is the task ``pending`` (a part whose rest is not built within the horizon)."""

    starts: tuple[tuple[int, int], ...]
    loan: tuple[int, int] | None
    score: float
    livable_from: int | None     # first month (from 0, within the horizon) of a livable house
    spent: int                   # the household's own money paid for tasks [IDR]
    pending: int | None = None


# A label is a partial plan: (free, spent, score, livable, loan, starts, credits, part)
#   free     month the crew is free (the last task's finish)
#   spent    own money paid so far
#   score    objective so far
#   livable  month the house became livable, or None
#   loan     (offer, month taken) or None
#   starts   ((task, month), ...) in build order
#   credits  per credit: (tranches released, drawn), or None once it can no longer be used
#   part     (task, share still to build) of a task built in part, or None


def draw(problem: Problem, task: int, t: int, state: tuple, rest: float = 1.0) -> tuple[int, tuple, tuple[int, ...]]:
    """Start ``task`` (the ``rest`` of it still to build) in month ``t`` with credit ``state``:
    (own money it needs, the new state, what each credit pays)."""
    own = problem.rest_costs(task, rest)[0][t]
    if not problem.credits:
        return own, state, ()
    materials, wages = problem.rest_parts(task, rest)
    need_materials, need_wages = materials[t], wages[t]
    info = problem.tasks[task]
    finish = t + info.duration if not info.divisible else None
    new, used = [], []
    for credit, current in zip(problem.credits, state):
        if current is None or not credit.start <= t < credit.end:
            new.append(current)
            used.append(0)
            continue
        released, drawn = current
        usable_all = finish is not None and finish <= credit.end
        usable = _usable(credit, current, usable_all)
        if credit.kind == "materials":
            paid = min(need_materials, usable)
            need_materials -= paid
        else:
            paid = min(need_wages, usable)
            need_wages -= paid
        own -= paid
        drawn += paid
        if paid > 0:
            # The next tranche comes once this task is finished; a job built whole within the
            # period has had them all delivered (module notes).
            released = len(credit.tranches) if usable_all else min(released + 1, len(credit.tranches))
        new.append(None if drawn >= credit.total else (released, drawn))
        used.append(paid)
    return own, tuple(new), tuple(used)


@dataclass(frozen=True)
class Part:
    """A task built in part in month ``t``: what it costs and who pays. [IDR]"""

    cost: int
    own: int
    state: tuple
    used: tuple[int, ...]
    share: float                  # the share of the whole task it builds
    #: The household's money, not the materials credit, set how much it builds.
    by_money: bool = False


def part_price(problem: Problem, task: int, materials: int, labour_credit: int) -> tuple[int, int]:
    """(cost, own money) of the part of ``task`` that ``materials`` buy: its wages and other costs
    in the task's month-0 proportions to its materials, rounded up; the wages paid by
    ``labour_credit`` as far as it goes. [IDR]"""
    info = problem.tasks[task]
    other = max(0, info.cost - info.materials - info.labour)
    wages = -(-materials * info.labour // info.materials)
    cost = materials + wages - (-materials * other // info.materials)
    return cost, cost - materials - min(wages, labour_credit)


def split(problem: Problem, task: int, t: int, state: tuple, rest: float = 1.0, cash: int | None = None) -> Part | None:
    """``task`` (the ``rest`` of it) built in month ``t`` only as far as the materials credit
    released so far goes; None when there is no such part (parts not allowed, no materials
    credit usable then, or enough of it for the whole rest).  Given the household's ``cash``, in
    the first or the last month a materials credit can be used (:func:`money_month`), a part the
    household cannot pay buys instead what its money pays for (the module notes), and so does one
    where the credit would buy the whole rest."""
    info = problem.tasks[task]
    if not problem.parts or not problem.credits or info.materials <= 0 or not info.divisible:
        return None
    materials_credit, labour_credit = _available(problem, state, t)
    if materials_credit <= 0:
        return None
    whole = problem.part_tables["materials"][task][t]
    rest_materials = problem.rest_parts(task, rest)[0][t]
    bought = materials_credit
    if cash is not None and money_month(problem, state, t):
        bought = _money_part(problem, task, min(materials_credit, rest_materials), labour_credit, cash, whole, rest)
        if bought is None:
            return None
    elif materials_credit >= rest_materials:
        return None
    share = bought / whole
    if share < MIN_PART_SHARE:
        return None
    cost, own = part_price(problem, task, bought, labour_credit)
    wages = cost - own - bought                                # what the labour credit pays
    materials = bought                                         # what the materials credits pay
    new, used = [], []
    for credit, current in zip(problem.credits, state):
        paid = 0
        if current is not None and credit.start <= t < credit.end:
            released, drawn = current
            if credit.kind == "materials":
                paid = min(materials, credit.released[released] - drawn)
                materials -= paid
            else:
                paid = min(wages, credit.released[released] - drawn)
                wages -= paid
            drawn += paid
            if paid > 0 and released < len(credit.tranches):
                released += 1
            current = None if drawn >= credit.total else (released, drawn)
        new.append(current)
        used.append(paid)
    return Part(cost, own, tuple(new), tuple(used), share, bought < materials_credit)


def money_month(problem: Problem, state: tuple, t: int) -> bool:
    """Whether ``t`` is the first or the last month in which a materials credit still usable can
    be used (where a part may be limited by the household's money: the module notes)."""
    return any(current is not None and credit.kind == "materials" and (t == credit.start or t == credit.end - 1)
               and credit.start <= t < credit.end for credit, current in zip(problem.credits, state))


def _money_part(problem: Problem, task: int, most: int, labour_credit: int, cash: int, whole: int,
                rest: float) -> int | None:
    """The materials of the largest part of ``task``, of at most ``most`` (the materials credit
    usable, or the whole rest's), whose own cost ``cash`` pays; ``most`` itself when it does
    and builds less than the rest; None when not even the least part (:data:`MIN_PART_SHARE`)
    can be paid, or when the credit buys the whole rest and the household can pay it. [IDR]"""
    least = math.ceil(MIN_PART_SHARE * whole)
    if most < least or part_price(problem, task, least, labour_credit)[1] > cash:
        return None
    if part_price(problem, task, most, labour_credit)[1] <= cash:
        # All of it paid: the plain part, or (the credit buying the whole rest) no part at all.
        return most if most / whole < rest - 1e-9 else None
    low, high = least, most                    # own(low) <= cash < own(high): own never falls
    while high - low > 1:
        middle = (low + high) // 2
        if part_price(problem, task, middle, labour_credit)[1] <= cash:
            low = middle
        else:
            high = middle
    return low


def _expire(problem: Problem, state: tuple, free: int) -> tuple:
    """Credits no later task can use (their period is over when the crew is free) are gone."""
    for credit, current in zip(problem.credits, state):
        if current is not None and free >= credit.end:
            return tuple([None if current is None or free >= credit.end else current
                          for credit, current in zip(problem.credits, state)])
    return state                    # (most often: nothing ends, and the state is the same object)


def _breaks(problem: Problem, state: tuple, free: int) -> list[int]:
    """Months from ``free`` at which the usable credits change: the start of each stretch (the
    caller never changes the list: it is shared)."""
    if not problem.credits:
        return [free]
    found = problem.break_cache.get((state, free))
    if found is None:
        found = problem.break_cache[(state, free)] = _stretches(problem, state, free)
    return found


def _spills(problem: Problem, task: int, state: tuple, t: int, stop: int, rest: float) -> list[int]:
    """Months of ``(t, stop)`` in which ``task`` started would first draw on a credit it does not
    draw on in month ``t``: a later grant's credit of a kind an earlier one pays first, which the
    task's dearer price then reaches, and whose next tranche that releases.  Rule 1's first
    payable month is not always best then (a start a little later, dearer, may bring a tranche
    sooner); each such month is tried as well.  Only with two grants in kind of one kind usable."""
    kinds: set[str] = set()
    waiting = []
    for k, (credit, current) in enumerate(zip(problem.credits, state)):
        if current is None or not credit.start <= t < credit.end:
            continue
        if credit.kind in kinds and current[0] < len(credit.tranches):
            waiting.append(k)
        kinds.add(credit.kind)
    if not waiting:
        return []
    used = draw(problem, task, t, state, rest)[2]
    waiting = [k for k in waiting if not used[k]]
    found = []
    for month in range(t + 1, stop):
        if not waiting:
            break
        used = draw(problem, task, month, state, rest)[2]
        if any(used[k] for k in waiting):
            found.append(month)
            waiting = [k for k in waiting if not used[k]]
    return found


def _task_breaks(problem: Problem, task: int, state: tuple, free: int) -> list[int]:
    """:func:`_breaks` for ``task``: a task built whole also starts a stretch at the first month
    from which it would end after a usable credit's period (it draws less of that credit then)."""
    breaks = _breaks(problem, state, free)
    info = problem.tasks[task]
    if info.divisible or not problem.credits:
        return breaks
    ends = {c.end - info.duration + 1 for c, current in zip(problem.credits, state) if current is not None}
    extra = [m for m in ends if free < m < problem.horizon and m not in breaks]
    return sorted(breaks + extra) if extra else breaks


def _stretches(problem: Problem, state: tuple, free: int) -> list[int]:
    months, horizon = [free], problem.horizon
    for credit, current in zip(problem.credits, state):
        if current is not None:
            if free < credit.start < horizon:
                months.append(credit.start)
            if free < credit.end < horizon:
                months.append(credit.end)
    return months if len(months) == 1 else sorted(set(months))


def _available(problem: Problem, state: tuple, t: int, duration: int | None = None) -> tuple[int, int]:
    """Credit a task started in month ``t`` can draw: (materials, wages); given the ``duration``
    of a task built whole, a credit whose period it ends within gives all its tranches. [IDR]"""
    key = (state, t) if duration is None else (state, t, duration)
    found = problem.available_cache.get(key)
    if found is not None:
        return found
    materials = labour = 0
    for credit, current in zip(problem.credits, state):
        if current is not None and credit.start <= t < credit.end:
            amount = _usable(credit, current, duration is not None and t + duration <= credit.end)
            if credit.kind == "materials":
                materials += amount
            else:
                labour += amount
    found = problem.available_cache[key] = (materials, labour)
    return found


def _usable(credit: Credit, current: tuple[int, int], every: bool) -> int:
    """What a credit (``current``: tranches released, drawn) has left for a task: of the tranches
    released, or (``every``: a job built whole that ends within its period) of all of them. [IDR]"""
    return (credit.total if every else credit.released[current[0]]) - current[1]


def _whole_own_costs(problem: Problem, task: int, state: tuple, start: int, stop: int):
    """:func:`_own_costs` of a task built whole: what the credits pay depends on whether it would
    finish within their periods, so it is worked out month by month."""
    costs, (materials, labour) = problem.rest_costs(task, 1.0)[0], problem.rest_parts(task, 1.0)
    duration = problem.tasks[task].duration
    for t in range(start, stop):
        usable_m, usable_l = _available(problem, state, t, duration)
        m, w = materials[t], labour[t]
        yield t, costs[t] - (m if m < usable_m else usable_m) - (w if w < usable_l else usable_l)


def _own_costs(problem: Problem, task: int, state: tuple, start: int, stop: int, rest: float = 1.0):
    """(month, own money the task's rest needs if started then) for every month of ``[start, stop)``.

    Within a stretch of months the usable credits are the same, so what they can pay is worked
    out once per stretch (what :func:`draw` would give, without building the new state)."""
    costs = problem.rest_costs(task, rest)[0]
    if not problem.credits or not any(state):
        for t in range(start, stop):
            yield t, costs[t]
        return
    if not problem.tasks[task].divisible:
        yield from _whole_own_costs(problem, task, state, start, stop)
        return
    materials, labour = problem.rest_parts(task, rest)
    breaks = [m for m in _breaks(problem, state, start) if m < stop] + [stop]
    for a, b in zip(breaks, breaks[1:]):
        usable_m, usable_l = _available(problem, state, a)
        for t in range(a, b):
            m, w = materials[t], labour[t]
            yield t, costs[t] - (m if m < usable_m else usable_m) - (w if w < usable_l else usable_l)


def _first_covered(problem: Problem, costs: list[int], steady: int, start: int, stop: int, limit: int) -> int | None:
    """First month in ``[start, stop)`` whose money received, plus ``limit``, covers ``costs``;
    by bisection from the month on which the money grows at least as fast as the cost."""
    base = problem.base_cash
    steady = max(start, min(stop, steady))
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
             state: tuple, rest: float = 1.0) -> int | None:
    """First month in ``[start, stop)`` in which ``task`` (its ``rest``) can be paid as a whole."""
    limit = extra - spent
    base = problem.base_cash
    if loan is None:
        costs, steady = problem.rest_costs(task, rest)
        if not problem.credits or not any(state):
            return _first_covered(problem, costs, steady, start, stop, limit)
        breaks = [m for m in _breaks(problem, state, start) if m < stop] + [stop]
        for a, b in zip(breaks, breaks[1:]):
            t = _covered_in(problem, task, rest, state, a, b, limit)
            if t is not None:
                return t
        return None
    row, taken = problem.loan_table[loan[0]], loan[1]
    repaid = taken + problem.loans[loan[0]].tenor
    if not any(state):
        # No credit to draw: the task's own cost is its cost (written out: this is the hot loop).
        costs, steady = problem.rest_costs(task, rest)
        until = max(start, repaid) if repaid < stop else stop
        for t in range(start, until):
            if costs[t] <= base[t] + limit + (row[t - taken] if t >= taken else 0):
                return t
        if repaid >= stop:
            return None
        # Once the loan is repaid its net money no longer changes: from then on, as without it.
        return _first_covered(problem, costs, steady, max(start, repaid), stop, limit + row[repaid - taken])
    for t, own in _own_costs(problem, task, state, start, stop, rest):
        if own <= base[t] + limit + (row[t - taken] if t >= taken else 0):
            return t
    return None


def _covered_in(problem: Problem, task: int, rest: float, state: tuple, a: int, b: int, limit: int) -> int | None:
    """First month of the stretch ``[a, b)`` (the same credits usable all through it) in which the
    money received, plus ``limit``, pays for what the credits leave of ``task`` (its ``rest``)."""
    costs, steady = problem.rest_costs(task, rest)
    if not problem.tasks[task].divisible:
        base = problem.base_cash
        return next((t for t, own in _whole_own_costs(problem, task, state, a, b) if own <= base[t] + limit), None)
    usable_m, usable_l = _available(problem, state, a)
    if not usable_m and not usable_l:
        # No credit usable in these months: the first month the money covers the cost.
        return _first_covered(problem, costs, steady, a, b, limit)
    # What the credits leave to pay, month by month (as _own_costs gives it).
    materials, wages = problem.rest_parts(task, rest)
    base = problem.base_cash
    for t in range(a, b):
        m, w = materials[t], wages[t]
        if costs[t] - (m if m < usable_m else usable_m) - (w if w < usable_l else usable_l) <= base[t] + limit:
            return t
    return None


def _rest(label, task: int) -> float:
    """The share of ``task`` still to build in partial plan ``label``."""
    part = label[7]
    return part[1] if part is not None and part[0] == task else 1.0


def _label(problem: Problem, label, task: int, mask: int, t: int, loan, in_part: bool = False, own: int | None = None):
    """``label`` extended by ``task`` started in month ``t``, holding ``loan``: the whole of what is
    left of it, or (``in_part``) the part the materials credit released so far buys.  ``own``:
    what the whole costs the household, when the caller knows it (no credit is usable)."""
    free, spent, score, liv, _, starts, state, pending = label[:8]
    rest = pending[1] if pending is not None and pending[0] == task else 1.0
    horizon = problem.horizon
    if in_part:
        part = split(problem, task, t, state, rest, problem.base_cash[t] + problem.loan_cash(loan, t) - spent)
        finish = t + problem.duration(task, part.share)
        state = _expire(problem, part.state, finish)
        return mask, (finish, spent + part.own, score, liv, loan, starts + ((task, t),), state,
                      (task, rest - part.share))
    info = problem.tasks[task]
    finish = t + (info.duration if pending is None else problem.duration(task, rest))
    if own is None:
        if state != problem.spent_credits:
            own, state, _ = draw(problem, task, t, state, rest)
            state = _expire(problem, state, finish)
        else:
            own = problem.rest_costs(task, rest)[0][t]
    if finish < horizon:
        score += info.value * (horizon - finish)
    new_mask = mask | (1 << task)
    if liv is None and finish < horizon and problem.livable(new_mask):
        liv = finish
        score += problem.livable_weight * (horizon - finish)
    return new_mask, (finish, spent + own, score, liv, loan, starts + ((task, t),), state, None)


def _extensions(problem: Problem, label, task: int, mask: int, take: int | None, cut=None):
    """Ways to add ``task`` next: at the first payable month of each stretch of months with the
    same usable credits; or, taking loan offer ``take`` as it starts, in every month from the
    first the loan makes possible in which the task needs it.  Each as a whole, and in part
    where a materials credit can buy some but not all of its materials.

    cut : with a loan, ``cut(mask, label)`` says that a plan cannot win even had the loan no
        instalments; a later start in the same stretch of months cannot either (it starts
        later, spends no less and has the loan's money no sooner): the stretch is left there.
    """
    free, spent, _, _, loan, _, state = label[:7]
    rest = _rest(label, task)
    horizon = problem.horizon
    live = state != problem.spent_credits
    if problem.parts and live:
        yield from _part_extensions(problem, label, task, mask, take, rest, cut)
    if take is None:
        if not live:
            t = _payable(problem, task, free, horizon, spent, loan, 0, state, rest)
            if t is not None:
                yield _label(problem, label, task, mask, t, loan)
            return
        whole = not problem.tasks[task].divisible
        breaks = _task_breaks(problem, task, state, free) + [horizon]
        starting = None
        for start, stop in zip(breaks, breaks[1:]):
            if starting is not None and start not in starting and not whole:
                # Later, with no credit that was not usable before: dearer, no more credit
                # (and less of it left), less value: no better than the start already made.
                # (Not so for a task built whole: started later it may draw another credit and be
                # done with all its tranches, so every stretch is tried.)
                continue
            if loan is None:
                t = _covered_in(problem, task, rest, state, start, stop, -spent)
            else:
                t = _payable(problem, task, start, stop, spent, loan, 0, state, rest)
            if t is not None:
                if starting is None:
                    starting = {c.start for c, s in zip(problem.credits, state) if s is not None}
                yield _label(problem, label, task, mask, t, loan)
                for later in _spills(problem, task, state, t, stop, rest):
                    own = draw(problem, task, later, state, rest)[0]
                    if own <= problem.base_cash[later] - spent + problem.loan_cash(loan, later):
                        yield _label(problem, label, task, mask, later, loan)
        return
    amount = problem.loans[take].amount
    first = _payable(problem, task, free, horizon, spent, None, amount, state, rest)
    if first is None:
        return
    base = problem.base_cash
    # From this month on the task's own cost never again outgrows the money coming in.
    settled = max(problem.rest_costs(task, rest)[1],
                  max((c.end for c, s in zip(problem.credits, state) if s is not None), default=0))
    stretches = _task_breaks(problem, task, state, first)[1:] + [horizon]
    credits = any(state)
    costs = problem.rest_costs(task, rest)[0]

    def months_from(start: int):
        """(month, own money the task needs then) from ``start`` to the horizon."""
        if credits:
            return _own_costs(problem, task, state, start, horizon, rest)
        return zip(range(start, horizon), costs[start:horizon])

    months = months_from(first)
    while True:
        for t, own in months:
            money = base[t] - spent
            # A loan taken with a task that could be paid without it is better taken with the next
            # task (or not at all): the same starts, fewer instalments (rule 3 of the module notes).
            if money >= own:
                if t >= settled:
                    return                  # payable without the loan in every later month too
                continue
            if money + amount >= own:
                new_mask, new = _label(problem, label, task, mask, t, (take, t))
                if cut is not None and cut(new_mask, new):
                    months = months_from(next(m for m in stretches if m > t))    # the next stretch
                    break
                yield new_mask, new
        else:
            return


def _part_extensions(problem: Problem, label, task: int, mask: int, take: int | None, rest: float, cut):
    """The part of ``task`` that the materials credit buys, in each stretch of months in which
    one is usable: in the first month it can be paid (its own cost is the same all through the
    stretch), or, taking loan offer ``take``, in every such month in which
    it needs the loan."""
    free, spent, _, _, loan, _, state = label[:7]
    info = problem.tasks[task]
    if info.materials <= 0 or not info.divisible or not any(state):
        return
    horizon = problem.horizon
    base = problem.base_cash
    breaks = _breaks(problem, state, free) + [horizon]
    lent = problem.loans[take].amount if take is not None else 0
    materials = None

    for a, b in zip(breaks, breaks[1:]):
        usable_m, usable_l = _available(problem, state, a)
        if usable_m <= 0:
            continue
        if materials is None:
            costs, materials, wages, _ = problem.rest_tables(task, rest)
        _, own = part_price(problem, task, usable_m, usable_l)
        # The money on hand never falls: the first month it pays for the part, by bisection.
        if take is None and loan is not None:
            low, high = a, b
            while low < high:
                middle = (low + high) // 2
                if base[middle] - spent + problem.loan_cash(loan, middle) >= own:
                    high = middle
                else:
                    low = middle + 1
        else:
            low = bisect_left(base, own + spent - lent, a, b)
        if problem.inflation >= 0:
            # Prices never fall: the months in which the credit buys the whole rest come first.
            low = bisect_right(materials, usable_m, low, b)
        more = None
        whole = problem.part_tables["materials"][task]
        yield from _money_parts(problem, label, task, mask, take, rest, a, b, own, cut)
        for t in range(low, b):
            if usable_m >= materials[t]:
                continue                # the credit buys the whole rest: no part
            if usable_m / whole[t] < MIN_PART_SHARE:
                if problem.inflation >= 0:
                    break               # and less of it in every later month
                continue                # too small a part (split gives none)
            money = base[t] - spent + (problem.loan_cash(loan, t) if take is None else lent)
            if money < own:
                continue                # the part cannot be paid
            if money >= costs[t] - usable_m - min(wages[t], usable_l):
                # With no credit still to come (a tranche of a credit usable here, or a credit
                # that begins later and could pay for the rest), a part where the whole could be
                # paid is never better: part and rest cost no less, finish no sooner and draw no
                # less.
                if more is None:
                    more = any(current is not None and (a < credit.start < horizon or
                                                        credit.start <= a < credit.end and
                                                        current[0] < len(credit.tranches))
                               for credit, current in zip(problem.credits, state))
                if not more:
                    if take is None:
                        break           # the whole is payable: no part in this stretch
                    continue
            if take is None:
                yield _label(problem, label, task, mask, t, loan, in_part=True)
                break
            if money - lent >= own:
                break                   # payable without the loan from here to the stretch's end
            new_mask, new = _label(problem, label, task, mask, t, (take, t), in_part=True)
            if cut is not None and cut(new_mask, new):
                break
            yield new_mask, new


def _money_parts(problem: Problem, label, task: int, mask: int, take: int | None, rest: float, a: int, b: int,
                 own: int, cut):
    """In a stretch ``[a, b)`` that begins with the first month a materials credit can be used,
    or ends with its last, the part of ``task`` the household's money pays for then, when it
    cannot pay the part that all the credit buys (``own``; or, when the credit would buy the
    whole rest, the whole): a money-limited part (:func:`split`).  Taking loan offer ``take`` as
    it starts, too, when even the loan leaves it short."""
    state, spent, loan = label[6], label[1], label[4]
    lent = problem.loans[take].amount if take is not None else 0
    costs, materials, wages, _ = problem.rest_tables(task, rest)
    for t in dict.fromkeys((a, b - 1)):
        if not a <= t < b or not money_month(problem, state, t):
            continue
        money = problem.base_cash[t] - spent + (problem.loan_cash(loan, t) if take is None else lent)
        usable_m, usable_l = _available(problem, state, t)
        if usable_m >= materials[t]:
            if money >= costs[t] - materials[t] - min(wages[t], usable_l):
                continue                # the whole rest is paid: no part
        elif money >= own:
            continue                    # the part of all the credit is paid: the plain part
        part = split(problem, task, t, state, rest, money)
        if part is None or part.own > money:
            continue
        if take is None:
            yield _label(problem, label, task, mask, t, loan, in_part=True)
            continue
        if money - lent >= part.own:
            continue                    # paid without the loan: taken later, or not at all
        new_mask, new = _label(problem, label, task, mask, t, (take, t), in_part=True)
        if cut is None or not cut(new_mask, new):
            yield new_mask, new


def _progress(problem: Problem, label) -> tuple[int, float]:
    """Tasks finished (or started in full); then what is built of a task built in part, at its
    month-0 price: more work built (80 % of a small foundation is less than 30 % of the walls and
    roof, and uses less of a grant). [-, IDR]"""
    part = label[7]
    done = len({task for task, _ in label[5]})
    if part is None:
        return done, 0.0
    return done - 1, (1.0 - part[1]) * problem.tasks[part[0]].cost


def _key(problem: Problem, label) -> tuple:
    """Preference between complete plans: higher score; then more tasks built (a task finished
    after the horizon scores nothing but still gives the family a room), then more of a task
    built in part, by its price; then the loan taken latest (none at all is latest); then less of the
    household's own money spent; then, of two offers that build the same, the one that asks
    less to repay (then the first on file); then fewer starts (a task whole rather than a part
    and its rest in the same months)."""
    loan = label[4]
    if loan is None:
        month, repaid, offer = float("inf"), 0, -1
    else:
        terms = problem.loans[loan[0]]
        month, repaid, offer = loan[1], terms.instalment * terms.tenor, loan[0]
    return (label[2], _progress(problem, label), month, -label[1], -repaid, -offer, -len(label[5]))


def _better(problem: Problem, a, b) -> bool:
    if a[2] != b[2]:
        return a[2] > b[2]            # scores seldom tie: the rest of the key only when they do
    return _key(problem, a) > _key(problem, b)


def _to_solution(label) -> Solution:
    return Solution(label[5], label[4], label[2], label[3], label[1], label[7][0] if label[7] is not None else None)


def _start(problem: Problem, loan=None):
    label = (0, 0, 0.0, None, loan, (), problem.credit_start, None)
    if problem.livable(0):
        label = (0, 0, problem.livable_weight * problem.horizon, 0, loan, (), problem.credit_start, None)
    return label


def solve(problem: Problem) -> Solution:
    """The exact optimum over orders, start months, parts and the loan decision.

    Dynamic programming over prerequisite-closed sets of tasks (see the module notes), with a
    bound: a partial plan that cannot beat the best complete plan found so far, even if every
    remaining task could start the moment the crew is free, is dropped.  With a loan offer it
    starts from plans made without search (:func:`_greedy` and :func:`_follow`) to beat; without
    one, it asks for the greedy plan only if it runs long (:data:`FALLBACK_LABELS`).  Raises
    :class:`ProblemTooLarge` rather than run for minutes.
    """
    try:
        return _to_solution(_solve(problem))
    finally:
        # The bound's tables outlive the problem (they serve the next with the same tasks), but a
        # task built in part adds keys by the share left of it, which differs between households,
        # and a large problem adds a key for every set of tasks it reached: kept within bounds.
        for table in problem.bound_caches:
            if len(table) > MAX_BOUND_KEYS:
                table.clear()


def _solve(problem: Problem):
    budget = _Budget(len(problem.tasks), problem=problem)
    if not problem.loans:
        # Without a loan most searches are done in fewer partial plans than a plan to beat costs
        # to make (the bound and rule 5 prune well enough); the few that run long get one.
        return _search(problem, allow_loans=False, incumbent=None, budget=budget, fallback=_greedy)
    # Plans to beat: the greedy plan, and the same order with each offer taken in each month in
    # which it would pay for a task of it.
    best = _greedy(problem)
    order = [task for task, _ in best[5]]
    for k in range(len(problem.loans)):
        for month in _loan_months(problem, order, k):
            candidate = _follow(problem, order, (k, month))
            if _better(problem, candidate, best):
                best = candidate
    return _search(problem, allow_loans=True, incumbent=best, budget=budget)


class _Budget:
    """Counts the partial plans made (weighed by the problem's size) and, every thousand, the
    processor time and the time by the clock taken, so that a search too large stops with a
    message; and, within :func:`search_budget`, all the searches made together."""

    def __init__(self, tasks: int = REFERENCE_TASKS, limit: float | None = None, problem: Problem | None = None):
        self.labels = 0.0
        self.weight = max(1.0, tasks / REFERENCE_TASKS)
        self.problem = problem
        self.limit = MAX_LABELS if limit is None else limit
        self.started, self.wall_started = time.process_time(), time.perf_counter()
        self.made = 0
        self.next_clock = 1024
        # The searches' shared budget, when the search is made within search_budget.
        self.shared = _SHARED.get()

    def spend(self, n: int = 1) -> None:
        cost = n * self.weight
        self.labels += cost
        self.made += n
        if self.made >= self.next_clock or self.labels > self.limit:
            self._check()
        shared = self.shared
        if shared is not None:
            shared.labels += cost
            if shared.labels > shared.limit:
                raise ProblemTooLarge(tr("the searches together took more than their share of time; stopped"))

    def _check(self) -> None:
        """Stop if too many partial plans are made, or (every 1,024) too much time is taken."""
        over_time = False
        if self.made >= self.next_clock:
            self.next_clock = self.made + 1024
            over_time = (time.process_time() - self.started > MAX_SECONDS
                         or time.perf_counter() - self.wall_started > MAX_WALL_SECONDS)
        if self.labels > self.limit or over_time:
            lang = language()
            raise ProblemTooLarge(tr(
                "too many ways to order the work to plan exactly (more than {made} partial plans in {seconds} s); "
                "plan with {advice}", made=number(self.made, lang, 0),
                seconds=number(time.perf_counter() - self.wall_started, lang, 1),
                advice=(" " + tr("or") + " ").join(_too_large_advice(self.problem))))


def _too_large_advice(problem: Problem | None) -> list[str]:
    """What to plan with instead, for a problem too large to search: what makes it large (many
    grants in kind or tranches, a long horizon, many work packages), or all of them."""
    advice = []
    if problem is not None:
        grants = len({credit.grant for credit in problem.credits})
        tranches = sum(len(credit.tranches) for credit in problem.credits if credit.kind == "materials")
        if grants > 2 or tranches > 4:
            held = ntr("{n} grant in kind", "{n} grants in kind", grants)
            advice.append(tr("fewer grants paid in kind or fewer tranches (the household has {grants}, {tranches} "
                             "tranches of materials)", grants=held, tranches=tranches))
        if problem.horizon > 240:
            advice.append(tr("a shorter horizon (it is {months} months)", months=problem.horizon))
    if problem is None or len(problem.tasks) > 12 or not advice:
        advice.append(tr("a house type whose steps have fewer independent choices (more 'requires'), or fewer "
                         "steps"))
    return advice


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
    remaining required tasks need allow (with the credits still usable as if they could pay
    for anything)."""
    free, part = label[0], label[7]
    horizon = problem.horizon
    # sum(value * (horizon - free - done)) over the pairs with free + done < horizon.
    found = bounds.remaining_cache.get(mask if part is None else (mask, part[0], problem.duration(*part)))
    dones, sums, weighted = found if found is not None else bounds.remaining(mask, part)
    k = bisect_left(dones, horizon - free)
    extra = (horizon - free) * sums[k] - weighted[k]
    if label[3] is None:
        state, credit, split = label[6], 0, False
        if any(state):
            # Every credit still usable as if it could pay anything, any time: more than it ever can.
            credit = sum(c.total - s[1] for c, s in zip(problem.credits, state) if s is not None)
            split = problem.parts and any(s is not None and c.kind == "materials"
                                          for c, s in zip(problem.credits, state))
        earliest = bounds.earliest_livable(mask, part, free, label[1], label[4], credit, split)
        if earliest is not None and earliest < horizon:
            extra += problem.livable_weight * (horizon - earliest)
    return extra


class _Bounds:
    """Helpers for the upper bound, with what depends only on the set of finished tasks cached."""

    def __init__(self, problem: Problem, loans: bool = True):
        self.problem = problem
        self.required = getattr(problem.livable, "required", None)
        # A plan that has not borrowed may still borrow the most any offer lends (when it may).
        self.most_loan = max((offer.amount for offer in problem.loans), default=0) if loans else 0
        # Neither depends on money or loans: every problem with the same tasks shares them.
        self.remaining_cache, self._needed, self._left = problem.bound_caches
        # A price escalated to month t rises over the next d months by price(t) * (f(d) - 1),
        # and f(d) - 1 <= d * (f(1) - 1) * f(d): at most d * rise * month-0 price (shift_terms).
        # (Falling prices, which no household file allows, are counted as steady ones.)
        top = escalation(max(0.0, problem.inflation), problem.horizon)
        self.rise = (escalation(max(0.0, problem.inflation), 1) - 1) * top * top

    def _months(self, mask: int, part) -> list[tuple[int, int]]:
        """(task, months still to work on it) of every unfinished task; a task built in part
        needs only its rest's months, and a task yet to be split takes no fewer months in parts
        than whole."""
        problem = self.problem
        return [(i, problem.duration(i, part[1]) if part is not None and part[0] == i else t.duration)
                for i, t in enumerate(problem.tasks) if not mask >> i & 1]

    def remaining(self, mask: int, part=None) -> tuple[list[int], list[float], list[float]]:
        """The unfinished tasks' positive values from the highest down, the k-th set against the
        months of work the k shortest unfinished tasks take together (k = 1, 2 ...), given as
        three lists: those months, the sums of the first k values and the sums of the first k
        values times their months (the last two from k = 0)."""
        key = mask if part is None else (mask, part[0], self.problem.duration(part[0], part[1]))
        found = self.remaining_cache.get(key)
        if found is None:
            left = self._months(mask, part)
            values = sorted((self.problem.tasks[i].value for i, _ in left), reverse=True)
            dones, sums, weighted, done = [], [0.0], [0.0], 0
            for value, duration in zip(values, sorted(months for _, months in left)):
                done += duration
                if value > 0:
                    dones.append(done)
                    sums.append(sums[-1] + value)
                    weighted.append(weighted[-1] + value * done)
            found = self.remaining_cache[key] = (dones, sums, weighted)
        return found

    def shift_terms(self, mask: int) -> tuple[float, float, int]:
        """For plans that have finished the tasks of ``mask`` (:func:`_outscores`): the least the
        money received grows in a month, less the most the remaining tasks' prices can rise in a
        month; the remaining tasks' values together; and a Rupiah for the rounding of each
        remaining task's price, and one more."""
        found = self._left.get(mask)
        if found is None:
            left = [task for i, task in enumerate(self.problem.tasks) if not mask >> i & 1]
            found = self._left[mask] = (sum(task.cost for task in left),
                                        sum(task.value for task in left if task.value > 0), len(left) + 1)
        costs, values, slack = found
        return self.problem.least_growth - self.rise * costs, values, slack

    def month_with(self, money: int, free: int, spent: int, loan, credit: int) -> int:
        """First month from ``free`` with ``money`` on hand beyond ``spent``, counting ``credit``
        as money, for a plan holding ``loan`` (the horizon if never).  Money on hand never falls,
        since instalments never exceed a month's housing money.  (Without a loan, a bisection of
        the money received: :meth:`earliest_livable` makes it.)"""
        problem = self.problem
        low, high, base = free, problem.horizon, problem.base_cash
        row, taken = problem.loan_table[loan[0]], loan[1]
        need = money + spent - credit
        while low < high:
            t = (low + high) // 2
            if base[t] + (row[t - taken] if t >= taken else 0) >= need:
                high = t
            else:
                low = t + 1
        return low

    def earliest_livable(self, mask: int, part, free: int, spent: int, loan, credit: int,
                         split: bool = False) -> int | None:
        """Earliest month the house could be livable, or None when no task is left.  ``split``:
        a task may still be built in parts, whose last may take as little as a month."""
        if part is None:
            need = self._needed.get(mask)
            if need is None:
                need = self._needed[mask] = self._need(mask)
        else:
            need = self._part_need(mask, *part)
        if not need:
            return None
        months, money, shortest = need
        if money is None:
            return free + shortest            # any livability rule: one more task must finish
        horizon = self.problem.horizon
        if loan is not None:
            month = self.month_with(money, free, spent, loan, credit)
        elif free < horizon:
            # The money received, plus the most any offer lends: a bisection.
            month = bisect_left(self.problem.base_cash, money + spent - credit - self.most_loan, free, horizon)
        else:
            month = free
        if month == horizon:
            return month
        # The last work starts once all the money is there; it takes its months, or, if it is the
        # rest of a task built in part, as little as one (and a task of no months none at all).
        return max(free + months, month + (min(1, shortest) if split else shortest))

    def _need(self, mask: int) -> tuple:
        """(crew months, month-0 money, shortest duration) still needed for livability, () when no
        task is left."""
        left = self._others(mask)
        if left is None:
            return ()
        months, money, shortest, count, any_shortest = left
        if not count:
            # Nothing known to be needed, or all of it done: one more task must finish.
            return (0, None, any_shortest)
        # Less a Rupiah a task for the rounding of parts and rests.
        return (months, money - 2 * len(self.problem.tasks), shortest)

    def _part_need(self, mask: int, task: int, share: float) -> tuple:
        """What :meth:`_need` gives when ``share`` of ``task`` is still to build: worked out from
        the other unfinished tasks (kept by set and task, as every household shares them) and the
        rest's months and price, which differ from household to household."""
        key = (mask, task)
        left = self._needed.get(key)
        if left is None:
            left = self._needed[key] = (self._others(mask | 1 << task),
                                        bool(self.required and self.required >> task & 1))
        others, required = left
        months = self.problem.duration(task, share)
        if others is None:
            others = (0, 0, None, 0, None)
        total, money, shortest, count, any_shortest = others
        if required:
            money += self.problem.tasks[task].cost * share
            return (total + months, int(money) - 2 * len(self.problem.tasks),
                    months if shortest is None else min(shortest, months))
        if count:
            return (total, money - 2 * len(self.problem.tasks), shortest)
        return (0, None, months if any_shortest is None else min(any_shortest, months))

    def _others(self, mask: int) -> tuple | None:
        """Of the tasks not in ``mask`` (None if there are none): the months, the month-0 price
        and the shortest duration of those livability needs, how many they are, and the shortest
        duration of any."""
        tasks, required = self.problem.tasks, self.required
        left = [i for i in range(len(tasks)) if not mask >> i & 1]
        if not left:
            return None
        needed = [i for i in left if required and required >> i & 1]
        return (sum(tasks[i].duration for i in needed), sum(tasks[i].cost for i in needed),
                min((tasks[i].duration for i in needed), default=None), len(needed),
                min(tasks[i].duration for i in left))


#: Scores are sums of floats: a plan is only cut when it falls short by more than rounding.
_TOLERANCE = 1e-6


def _search(problem: Problem, allow_loans: bool, incumbent, budget: _Budget, begin: tuple[int, tuple] | None = None,
            fallback: Callable | None = None):
    """The best plan (as a label), better than ``incumbent`` (a plan to beat, or None).

    begin : (set of finished tasks, partial plan) to continue rather than the empty plan (the
        tests ask what a partial plan can still become).
    fallback : makes a plan to beat (``fallback(problem)``) once the search has made
        :data:`FALLBACK_LABELS` partial plans.
    """
    n = len(problem.tasks)
    needs = [sum(1 << r for r in task.requires) for task in problem.tasks]
    bounds = _Bounds(problem, allow_loans)
    mask, start = begin if begin is not None else (0, _start(problem))
    start = start[:8]
    best = start if incumbent is None or _better(problem, start, incumbent) else incumbent
    # Each partial plan carries its ceiling (score + bound) as a ninth element, worked out once.
    start = start + (start[2] + _bound(problem, start, mask, bounds),)
    frontier: dict[int, dict] = {mask: {_group(start): [start]}}
    offers = range(len(problem.loans))
    everything = range(n)
    open_tasks: dict[int, list[int]] = {}      # by set of finished tasks: those that may start
    shifts: dict[int, tuple] = {}              # by set of finished tasks: bounds.shift_terms
    spent_credits, horizon = problem.spent_credits, problem.horizon

    # The last plan ``cut`` kept, and its bound: the same as its own once the house is livable
    # (the loan only counts for the livable month), so not worked out twice.
    kept: list = [None, 0.0]

    def cut(new_mask: int, new) -> bool:
        """Whether a plan with a loan cannot win even were the loan free of instalments."""
        budget.spend()
        free_loan = new[:4] + (None,) + new[5:]
        bound = _bound(problem, free_loan, new_mask, bounds)
        if new[2] + bound < best[2] - _TOLERANCE:
            return True
        kept[0], kept[1] = new, bound
        return False

    # Each round adds a task, or a part of one, to every partial plan (parts are few: each uses
    # a tranche or more).
    while frontier:
        if fallback is not None and budget.made >= FALLBACK_LABELS:
            found = fallback(problem)
            if _better(problem, found, best):
                best = found
            fallback = None
        following: dict[int, dict] = {}
        for mask, groups in frontier.items():
            for label in [label for labels in groups.values() for label in labels]:
                if label[8] < best[2] - _TOLERANCE:
                    continue
                takes = (None,) if label[4] is not None or not allow_loans else (None, *offers)
                # The crew finishes a task built in part before it starts another.
                if label[7] is None:
                    ready = open_tasks.get(mask)
                    if ready is None:
                        ready = open_tasks[mask] = [task for task in everything
                                                    if not mask >> task & 1 and not needs[task] & ~mask]
                else:
                    ready = (label[7][0],)
                plain = label[6] == spent_credits
                made = 0                        # partial plans made from this one (one call to spend)
                for task in ready:
                    for take in takes:
                        if plain and take is None:
                            # No credit left and no loan to take: the task at the first month the
                            # money pays for it (what _extensions gives, without its generator).
                            rest = 1.0 if label[7] is None else label[7][1]      # (ready holds only its task)
                            costs, steady = problem.rest_costs(task, rest)
                            if label[4] is None:
                                t = _first_covered(problem, costs, steady, label[0], horizon, -label[1])
                            else:
                                t = _payable(problem, task, label[0], horizon, label[1], label[4], 0, label[6], rest)
                            extensions = () if t is None else \
                                (_label(problem, label, task, mask, t, label[4], own=costs[t]),)
                        else:
                            extensions = _extensions(problem, label, task, mask, take, cut)
                        for new_mask, new in extensions:
                            made += 1
                            if new[3] is not None and kept[0] is new:
                                ceiling = new[2] + kept[1]
                            else:
                                ceiling = new[2] + _bound(problem, new, new_mask, bounds)
                            if ceiling < best[2] - _TOLERANCE:
                                continue
                            new = new + (ceiling,)
                            shift = None
                            if new[3] is not None and new[4] is None and new[7] is None and new[6] == spent_credits:
                                shift = shifts.get(new_mask)
                                if shift is None:
                                    shift = shifts[new_mask] = bounds.shift_terms(new_mask)
                            _insert(problem, following.setdefault(new_mask, {}), new, shift)
                            if new[2] >= best[2] and _better(problem, new, best):
                                best = new
                if made:
                    budget.spend(made)
        frontier = following
    return best


def _group(label):
    """Partial plans are compared only within a group: same loan offer (or none), livable or not,
    as many tranches released of each credit still usable, and the same task built in part (or
    none)."""
    loan, state, part = label[4], label[6], label[7]
    return (loan[0] if loan is not None else None, label[3] is not None, _released(state) if state else (),
            part[0] if part is not None else None)


@lru_cache(maxsize=4096)
def _released(state: tuple) -> tuple:
    """The tranches released of each credit still usable (None for one that is not)."""
    return tuple([None if c is None else c[0] for c in state])


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
    return a[1] + gap <= b[1] and _holds(a, b, problem.same_drawn)


def _holds(a, b, same: tuple[bool, ...] = ()) -> bool:
    """Partial plan ``a`` (of the same group as ``b``) has no more left of the task built in part
    (less of it costs no more, whole or in part, and takes no longer) and has drawn no more of
    any credit, and the same of each credit ``same`` says (:attr:`Problem.same_drawn`)."""
    if a[7] is not None and a[7][1] > b[7][1]:
        return False
    for x, y in zip(a[6], b[6]):  # noqa: SIM110 - a plain loop: this runs millions of times
        if x is not None and x[1] > y[1]:
            return False
    if same:
        for x, y, equal in zip(a[6], b[6], same):
            if equal and x is not None and x[1] != y[1]:
                return False
    return True


def _insert(problem: Problem, groups: dict, new, shift: tuple | None = None) -> None:
    """Add ``new`` to a set's partial plans unless one dominates it; drop those it dominates.
    ``shift``: the set's :meth:`_Bounds.shift_terms`, when ``new`` (and so every plan of its
    group) is livable, holds no loan, no credit and no task built in part (:func:`_outscores`)."""
    labels = groups.setdefault(_group(new), [])
    free, spent, score = new[:3]
    same = problem.same_drawn
    if shift is not None:
        # _outscores, its first test written out: a plan scoring less outscores none.
        for old in labels:
            if old[2] >= score and _outscores(old, new, shift):
                return
        kept = [old for old in labels if not (score >= old[2] and _outscores(new, old, shift))]
    elif new[4] is None:
        # Without a loan (most plans) the money test is on what was spent: written out.
        for old in labels:
            if old[0] <= free and old[2] >= score and old[1] <= spent and _holds(old, new, same):
                return
        kept = [old for old in labels
                if not (free <= old[0] and score >= old[2] and spent <= old[1] and _holds(new, old, same))]
    else:
        # The first test of _dominates written out: most pairs fail it.
        for old in labels:
            if old[0] <= free and old[2] >= score and _dominates(problem, old, new):
                return
        kept = [old for old in labels
                if not (free <= old[0] and score >= old[2] and _dominates(problem, new, old))]
    if len(kept) < len(labels):
        labels[:] = kept
    labels.append(new)


def _outscores(a, b, shift: tuple[float, float, int]) -> bool:
    """Partial plan ``a`` leaves ``b`` nothing to win (both livable, the same tasks done, with no
    loan, credit or task built in part): ``a`` dominates ``b`` as :func:`_insert` tests, or is so
    far ahead in score that ``b``'s best continuation, made ``d`` months later from ``a``, still
    scores less (rule 5 of the module notes)."""
    later, more = a[0] - b[0], a[1] - b[1]
    if more <= 0 and later <= 0:
        return a[2] >= b[2]
    growth, values, slack = shift
    if more > 0:
        if growth <= 0:
            return False
        later = max(later, math.ceil((more + slack) / growth))
    return a[2] - b[2] > later * values + _TOLERANCE


def _greedy(problem: Problem):
    """A plan to beat, made without search: the work needed to live first (by step), then the
    rest, each task as early as money allows, in part where that is earlier."""
    needed = getattr(problem.livable, "required", 0) or 0
    needs = [sum(1 << r for r in task.requires) for task in problem.tasks]
    label, mask = _start(problem), 0
    best = label
    while True:
        ready = [i for i in range(len(problem.tasks)) if not mask >> i & 1 and not needs[i] & ~mask]
        if label[7] is not None:
            ready = [label[7][0]]
        if not ready:
            return best
        task = min(ready, key=lambda i: (not needed >> i & 1, problem.tasks[i].step, i))
        found = _earliest(problem, label, task, mask)
        if found is None:
            return best
        mask, label = found
        if _better(problem, label, best):
            best = label


def _follow(problem: Problem, order: Sequence[int], loan: tuple[int, int] | None, before=None):
    """The plan that builds ``order`` (a task once per part, as a plan lists it) holding ``loan``
    from the start: each task, or part, as early as money allows (a task whole when that is as
    early).  A plan to beat, not the best.  ``before(label, mask, task)`` is told of each task
    (or part) before it is added."""
    label, mask = _start(problem, loan), 0
    for task in order:
        if mask >> task & 1:
            continue                    # built whole where the plan built it in parts
        # The crew finishes a task built in part before it starts another: a task the plan built
        # whole may be built in part here, when that is earlier, and its rest comes first.
        while label[7] is not None and label[7][0] != task:
            if before is not None:
                before(label, mask, label[7][0])
            found = _earliest(problem, label, label[7][0], mask)
            if found is None:
                break
            mask, label = found
        if label[7] is not None and label[7][0] != task:
            break
        if before is not None:
            before(label, mask, task)
        found = _earliest(problem, label, task, mask)
        if found is None:
            break
        mask, label = found
    if loan is not None and label[5] and label[5][-1][1] < loan[1]:
        return label[:4] + (None,) + label[5:]     # nothing was built once the loan came
    return label


def _loan_months(problem: Problem, order: Sequence[int], offer: int) -> list[int]:
    """Building ``order`` without a loan, each as early as money allows: the first month in which
    the money of loan ``offer`` would pay for each task (sooner than without it, or as soon)."""
    amount, months = problem.loans[offer].amount, set()

    def before(label, mask: int, task: int) -> None:
        month = _payable(problem, task, label[0], problem.horizon, label[1], None, amount, label[6],
                         _rest(label, task))
        if month is not None:
            months.add(month)

    _follow(problem, order, None, before)
    return sorted(months)


def _earliest(problem: Problem, label, task: int, mask: int):
    """``label`` extended by ``task`` (or a part of it) as early as money allows, whole when that
    is as early; None when it cannot be paid within the horizon."""
    rest = _rest(label, task)
    t = _payable(problem, task, label[0], problem.horizon, label[1], label[4], 0, label[6], rest)
    if problem.parts and label[6] != problem.spent_credits:
        # The first part offered is the earliest (the stretches come in order); before the
        # first month the whole can be paid, nothing rules a part out for being payable whole.
        part = next(_part_extensions(problem, label, task, mask, None, rest, None), None)
        if part is not None and (t is None or part[1][5][-1][1] < t):
            return part
    return None if t is None else _label(problem, label, task, mask, t, label[4])


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
    """How one start of a plan is paid. [IDR]

    share : the share of the whole task this start builds (1.0: all of it at once).
    complete : whether the task is finished with it (False for a part with a rest to come).
    duration : months it takes. [month]
    """

    task: int
    month: int
    cost: int
    own: int
    credits: tuple[int, ...]
    cash_before: int
    cash_after: int
    share: float = 1.0
    complete: bool = True
    duration: int = 1
    #: A part whose size the household's money set (not the materials credit released).
    by_money: bool = False


def replay(problem: Problem, solution: Solution) -> list[Paid]:
    """The plan's starts with what each costs, what credits pay and the cash around it."""
    state, spent, rows = problem.credit_start, 0, []
    to_come = {} if solution.pending is None else {solution.pending: 1}
    for task, _ in solution.starts:
        to_come[task] = to_come.get(task, 0) + 1
    rests: dict[int, float] = {}
    for task, t in solution.starts:
        to_come[task] -= 1
        rest = rests.get(task, 1.0)
        before = problem.base_cash[t] + problem.loan_cash(solution.loan, t) - spent
        by_money = False
        if to_come[task]:
            part = split(problem, task, t, state, rest, before)
            cost, own, state, used, share = part.cost, part.own, part.state, part.used, part.share
            by_money = part.by_money
            rests[task] = rest - share
        else:
            own, state, used = draw(problem, task, t, state, rest)
            cost, share = problem.rest_costs(task, rest)[0][t], rest
        months = problem.duration(task, share)
        spent += own
        rows.append(Paid(task, t, cost, own, used, before, before - own, share, not to_come[task], months, by_money))
        state = _expire(problem, state, t + months)
    return rows
