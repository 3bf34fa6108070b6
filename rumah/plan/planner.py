"""A household's staged build plan: its bill in work packages, its money and the optimizer.

Months shown to people count from 1: month 1 is the first month of the plan.  A package "starts"
in the month it is paid for and is finished by its ``finish_month``; a step's rooms are lived in
once its packages needed to live (structure, enclosure) are finished; finishing comes any time.

Every plan ends in one of four words (:data:`STATUSES`), the same in plan JSON, batch results and
the quote: the house is livable within the horizon; it is not; the template can never house
this family (told before any planning); or not even the first package can be paid for.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..clock import today
from ..cost.estimate import Catalog, estimate, load_catalog
from ..cost.materials import duration_days
from ..cost.packages import Package
from ..cost.prices import PriceList, load_price_list, months_between
from ..cost.pricing import Bill, round_idr
from ..errors import ParameterError, RumahError, UnknownNameError, did_you_mean
from ..house.design import Design, build_design, entrances_at, fits_plot, tank_reach, widest_form
from ..house.template import Template, load_template, shared_parameter_names, shared_parameters, template_paths
from ..i18n import tr
from ..schema import Where
from .finance import escalation
from .flood import YEARS_AHEAD, raisings
from .household import Household, LoanOffer, load_household
from .livability import AIR_SHARE, LIGHT_SHARE, Check, check
from .optimize import (
    MIN_PART_SHARE,
    Credit,
    Paid,
    Problem,
    ProblemTooLarge,
    Solution,
    Task,
    money_month,
    naive,
    part_price,
    replay,
    solve,
)

#: Working days in a month of building (six-day weeks less rest days; a stated project default).
WORKING_DAYS_PER_MONTH = 25

STATUSES = ("livable", "not_livable_within_horizon", "never_livable", "cannot_start")


@dataclass(frozen=True)
class Scheduled:
    """One work package (or, in the naive plan, a whole step) in a plan, or a part of one. Months
    from 1; money in whole Rupiah: ``cost`` = ``own`` (the family's money) + what grants in kind pay.

    share : the share of the whole package this row builds (1.0 for all of it at once; less for
        the part a grant's materials buy, and for the rest built after it).
    complete : whether the package is finished with this row (False for a part with a rest to come).
    """

    step: int
    package: str
    month: int
    finish_month: int
    cost: int
    own: int
    grant_materials: int
    grant_labour: int
    cash_before: int
    cash_after: int
    total_floor_area: float
    livable: bool
    failing: tuple[str, ...]
    share: float = 1.0
    complete: bool = True
    #: The household's grants in kind (indices into its grants) that pay part of it.
    grants: tuple[int, ...] = ()
    #: A part the family's money set the size of (not the grant's materials released).
    by_money: bool = False

    @property
    def last_month(self) -> int:
        """The last month of work on it (what "done in" means wherever people read a plan)."""
        return last_month_of_work(self.month, self.finish_month)


def last_month_of_work(month: int, finish_month: int) -> int:
    """Work started in ``month`` and finished from ``finish_month`` (lived in from then) is done
    in the month before, or in its first month when it takes less than a month."""
    return max(month, finish_month - 1)


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
    """A plan: the packages in build order, the loan, and when the house becomes livable.

    livable_month : the first month (from 1) the family lives in a livable house, within the
        horizon; None when that is not within the horizon.
    unbuilt : (step, package) of what is not started within the horizon.
    unfinished : (step, package, share still to build) of a package built in part whose rest
        is not started within the horizon, or None.
    """

    steps: tuple[Scheduled, ...]
    loan: LoanTaken | None
    livable_month: int | None
    objective: float
    unbuilt: tuple[tuple[int, str], ...]
    unfinished: tuple[int, str, float] | None = None

    @property
    def first_month(self) -> int | None:
        """The month the first work starts."""
        return self.steps[0].month if self.steps else None


@dataclass(frozen=True)
class Shortfall:
    """Why nothing can be built: the cheapest first package and the money missing for it, in all
    or each month (rounded up to a thousand: what a family is told to add). [IDR]"""

    step: int
    package: str
    total: int
    per_month: int


@dataclass(frozen=True)
class Alternative:
    """A bundled template that can house the family, and the step after which it first can."""

    template: str
    step: int
    floor_area: float


@dataclass(frozen=True)
class GrantUse:
    """What a grant's parts pay in the plan, what is lost, and the family's own share (swadaya).

    used / lost : per part (materials, labour) within the grant's period. [IDR]
    swadaya : the family's own money for the packages started within the period. [IDR]
    needed : the family's own money that the work bought with the whole grant needs (its wages
        beyond the labour part, its other costs, the materials of a package beyond what the
        grant buys of it), at the grant month's prices: the swadaya to use the whole grant. [IDR]
    needed_first : of ``needed``, what the work of the first tranche needs: the money to have
        by the grant month to start at once. [IDR]
    together : the other grants in kind whose periods overlap this one's, directly or through
        another (a village's materials and a fund's wages in the same months).  The work the
        grants buy together needs less of the family's money than each would alone (one pays the
        wages of what the other's materials build): ``needed`` and ``needed_first`` are then the
        group's, the same for each (``needed_first`` with only the grants of the first month).
    cash : the family's money at the start of the grant month in this plan. [IDR]
    reason : why a part is lost: ``money`` (the family cannot add its share of the work the rest
        would buy within the period), ``time`` (the crew is busy until the period is over: month
        ``busy_until``), ``spare`` (no work left needs it), ``small`` (too little is left to start
        any work: less than the least part of every package left), ``sooner`` (the family has the money
        its share needs in the grant month, and the plan puts it elsewhere: by the grant's last
        month into work the grant does not pay, or into materials it could have paid, or keeps it
        for work after the grant's months; for work that makes the house livable sooner, or for
        more of it), or "" when nothing is lost.
    """

    grant: int
    name: str
    month: int
    end_month: int
    used_materials: int
    used_labour: int
    lost_materials: int
    lost_labour: int
    swadaya: int
    needed: int
    needed_first: int = 0
    cash: int = 0
    reason: str = ""
    busy_until: int = 0
    together: tuple[int, ...] = ()


@dataclass(frozen=True)
class Plan:
    household: Household
    bill: Bill
    problem: Problem | None
    durations: dict
    best: Schedule
    naive: Schedule
    start_check: Check
    shortfall: Shortfall | None
    status: str
    #: (kind, figures) pairs: things the technician should know (a loan whose instalment is too
    #: big for the budget; a grant's in-kind part that the plan cannot use up).
    notes: tuple[tuple[str, dict], ...]
    grants: tuple[GrantUse, ...] = ()
    #: For a family this template can never house: bundled templates that can.
    alternatives: tuple[Alternative, ...] = ()
    #: The changes that would help (filled by :func:`rumah.plan.advice.advise`).
    advice: tuple = ()
    #: For a house the family lives in: its assessment and repairs.
    improvement: object = None
    #: The date whose month was month 1 when the household file gives no ``start_month`` (what
    #: another plan of the family, made to compare, must count from too); None for today.
    start: datetime.date | None = None

    @property
    def feasible(self) -> bool:
        return bool(self.best.steps)

    @property
    def built(self) -> tuple[tuple[int, str, int], ...]:
        """The work packages the family built before this plan, in the bill's order, each with
        its price in the bill: (step, package, cost). [IDR]"""
        return tuple((step.step, package.kind, package.total) for step in self.bill.steps
                     for package in step.packages if (step.step, package.kind) in self.household.built)

    @property
    def built_in_part(self) -> tuple[tuple[int, str, float, int], ...]:
        """The work packages the family built a part of before this plan: (step, package, share
        built, what that share costs in the bill). [IDR]"""
        shares = dict(self.household.built_parts)
        return tuple((step.step, package.kind, shares[package.key], round_idr(package.total * shares[package.key]))
                     for step in self.bill.steps for package in step.packages if package.key in shares)

    @property
    def prices_month(self) -> tuple[int, int]:
        """(year, month) the bill's prices hold (:func:`price_month`)."""
        return price_month(self.household, self.bill.price_list)

    @property
    def total_at_start(self) -> int:
        """The whole house at plan month 1's prices (:meth:`at_start`). [IDR]"""
        return self.at_start(self.bill.total)

    def at_start(self, amount: int) -> int:
        """An ``amount`` of the bill at plan month 1's prices: risen with the household's
        inflation since :attr:`prices_month`, as the plan's costs are. [IDR]"""
        age = price_age(self.household, self.bill.price_list, self.start)
        return round_idr(amount * escalation(self.household.inflation, age)) if age else amount

    @property
    def built_cost(self) -> int:
        """What the work built before this plan is worth at the bill's prices (those of
        :attr:`prices_month`), parts included. [IDR]"""
        return sum(cost for _, _, cost in self.built) + sum(cost for *_, cost in self.built_in_part)


class Priced:
    """A bill, its package and step durations for one crew, and what households sharing it share:
    the livability of each set of lived-in steps, worked out once."""

    def __init__(self, bill: Bill, durations: dict[tuple[int, str], int], improvement=None):
        self.bill, self.durations = bill, durations
        #: For a house the family lives in: its assessment and repairs (rumah.plan.improvement).
        self.improvement = improvement
        self._checks: dict = {}
        self._masks: dict = {}
        self._required: dict = {}

    @property
    def deferred(self) -> frozenset[str]:
        """Packages planned after the optimizer (later floor raisings)."""
        return self.improvement.deferred if self.improvement is not None else frozenset()

    def mask_cache(self, household: Household, tasks: tuple) -> dict[int, bool]:
        """Livability by bitmask of finished tasks, shared by households of the same rules whose
        problems have the same kind of ``tasks`` (see :func:`make_problem`)."""
        # Bits number the tasks left to build: households that have built different packages
        # number them differently.
        return self._masks.setdefault(self._rules(household, tasks), {})

    def required(self, household: Household, tasks: tuple, work_out) -> int:
        """The tasks every livable house needs (``work_out()``), shared like :meth:`mask_cache`."""
        key = self._rules(household, tasks)
        found = self._required.get(key)
        if found is None:
            found = self._required[key] = work_out()
        return found

    @staticmethod
    def _rules(household: Household, tasks: tuple) -> tuple:
        return (tasks, household.members, household.area_per_person, household.bedrooms_needed, household.built)

    def check(self, built: tuple[int, ...], household: Household) -> Check:
        key = (built, household.members, household.area_per_person, household.bedrooms_needed)
        found = self._checks.get(key)
        if found is None:
            found = self._checks[key] = check(self.bill.design, built, household.members,
                                              household.area_per_person, household.bedrooms_needed)
        return found

    def step_duration(self, step: int) -> int:
        return sum(months for (number, kind), months in self.durations.items()
                   if number == step and kind not in self.deferred)


def _months(package, crew) -> int:
    """Months a package (or step) takes for ``crew``, in whole months of building, at least one."""
    return max(1, math.ceil(duration_days(package, crew) / WORKING_DAYS_PER_MONTH - 1e-9))


def price_household(household: Household, catalog: Catalog, made: int = 1, loaded: dict | None = None) -> Priced:
    """The household's bill and each package's duration in months (with its crew); ``made``: the
    month a lived-in house's first floor raising is made (:func:`rumah.plan.improvement.improve`).

    ``loaded``: price lists and templates already read, by region (and AHSP edition) or template
    name, for a caller that prices many houses in one run with one catalog for each edition (a
    batch reads its few districts' lists once, not once for each house type and choice); filled
    as they are read.
    """
    where = Where(household.file)
    if loaded is None:
        loaded = {}
    try:
        key = ("price list", household.region, household.ahsp)
        price_list = loaded.get(key) or loaded.setdefault(key, load_price_list(household.region, catalog.resources))
    except UnknownNameError as exc:
        raise (where / "region").fail(str(exc)) from None
    improvement = None
    if household.existing is not None:
        from .improvement import improve
        improvement = improve(household, catalog, price_list, made)
        bill = improvement.bill
    else:
        try:
            key = ("template", household.template)
            template = loaded.get(key) or loaded.setdefault(key, load_template(household.template))
        except UnknownNameError as exc:
            raise (where / "template").fail(str(exc)) from None
        try:
            bill = estimate(template, price_list, household.parameters, labour=household.labour, catalog=catalog)
        except ParameterError as exc:
            place = where / "parameters"
            raise (place / exc.parameter if exc.parameter else place).fail(str(exc)) from None
    durations = {package.key: _months(package, household.crew)
                 for step in bill.steps for package in step.packages}
    return Priced(bill, durations, improvement)


@dataclass(frozen=True)
class Setup:
    """A household's problem for the optimizer, and what maps its tasks back to the bill."""

    problem: Problem
    keys: tuple[tuple[int, str], ...]      # (step, package) of each task; package "" for a whole step
    notes: tuple[tuple[str, dict], ...]
    #: The bill's prices risen to plan month 1 (``price_age`` months at the household's inflation).
    rise: float = 1.0


def risen_parts(total: float, materials: float, labour: float, rise: float = 1.0) -> tuple[int, int, int]:
    """Cost, materials and wages of a bill's amounts risen by ``rise``: the wages are what the cost
    leaves after the materials and the other costs, each rounded once, so that a package of
    materials and wages only is paid whole by a grant of both (not a Rupiah short). [IDR]"""
    cost, bought = round_idr(total * rise), round_idr(materials * rise)
    return cost, bought, max(0, cost - bought - round_idr((total - materials - labour) * rise))


def month_one(household: Household, start: datetime.date | None = None) -> datetime.date:
    """The first day of plan month 1: the household file's ``start_month`` when it has one (its
    plan counts its months, grant months and seasons from there, whenever it is printed), else
    the month of ``start`` (default today)."""
    if household.start is not None:
        return datetime.date(household.start[0], household.start[1], 1)
    return (start or today()).replace(day=1)


def price_month(household: Household, price_list: PriceList) -> tuple[int, int]:
    """(year, month) the prices of the household's bill hold: its ``prices_from``, else its price
    list's own (:attr:`rumah.cost.prices.PriceList.dated`)."""
    return household.prices_from or price_list.dated


def price_age(household: Household, price_list: PriceList, start: datetime.date | None = None) -> int:
    """Months from :func:`price_month` to plan month 1: how long the bill's prices have been
    rising (a list of 2024 used in 2026 is priced as 2026's).  A plan month 1 before the list's
    own month takes its prices as they are. [month]"""
    first = month_one(household, start)
    age = months_between(price_month(household, price_list), (first.year, first.month))
    if household.prices_from is None:
        return max(0, age)
    earliest = min((price_list.year - 1, 1), price_list.dated)
    if household.prices_from < earliest:
        # A list's prices hold for its year; a year's standard price list (SSH) is set from the
        # year before's (and a list may say it was collected earlier still).  Earlier, the prices
        # would be risen over years they never stood in (a 2024 list said to hold from 2000
        # doubled a house's cost).
        raise (Where(household.file) / "prices_from").fail(tr(
            "expected a month no earlier than {earliest}: price list {list} is for {year} (a year's standard price "
            "list is set from the prices of the year before), found {found}",
            earliest="{:04d}-{:02d}".format(*earliest), list=price_list.id, year=price_list.year,
            found="{:04d}-{:02d}".format(*household.prices_from)))
    if age < 0:
        found = "{:04d}-{:02d}".format(*household.prices_from)
        first = f"{first.year:04d}-{first.month:02d}"
        raise (Where(household.file) / "prices_from").fail(tr(
            "expected a month no later than plan month 1 ({start}), found {found}", start=first, found=found))
    return age


def make_problem(household: Household, priced: Priced, whole_steps: bool = False,
                 first_month: int = 1, to_live_only: bool = False, price_age: int = 0) -> Setup:
    """The optimizer's problem for ``household`` and its bill (costs at month 0).

    whole_steps : one task per build step, every package of it bought and built together (the
        plan a family makes alone); otherwise one task per work package.
    first_month : the calendar month (1-12) of plan month 1, for seasonal income.
    to_live_only : only the packages that rooms need to be lived in, and what they stand on (see
        :func:`livable_month`).
    price_age : months the bill's prices have been rising before plan month 1 (:func:`price_age`):
        the costs at month 0 are the bill's risen with the household's inflation for as long.
    """
    bill = priced.bill
    design = bill.design
    notes = []
    budgets = household.budgets(first_month)
    least = min(budgets) if budgets else household.budget
    offers = []
    for offer in household.loans:
        if offer.instalment > least:
            notes.append(("loan_too_big", {"name": offer.name, "instalment": offer.instalment, "budget": least}))
        else:
            offers.append(offer)
    specs = {s.number: s for s in design.steps}
    deferred = priced.deferred
    rise = escalation(household.inflation, price_age) if price_age else 1.0

    def rest(package, amount: int) -> float:
        """Of a package built in part before the plan, only its rest is to build."""
        return amount * household.left_to_build(package.key)

    built = household.built
    tasks, keys = [], []
    if whole_steps:
        # A step the family has finished is no task; one it has begun is the rest of its packages.
        remaining = {step.step: [p for p in step.packages if p.kind not in deferred and p.key not in built]
                     for step in bill.steps}
        index = {n: i for i, n in enumerate(n for n in (s.number for s in design.steps) if remaining.get(n))}
        for step in bill.steps:
            spec = specs[step.step]
            planned = remaining[step.step]
            if not planned:
                continue
            # A new house's package shares add up to its step's value; repairs are valued each.
            value = spec.value if priced.improvement is None else sum(spec.value * p.value_share for p in planned)
            cost, materials, labour = risen_parts(sum(rest(p, p.total) for p in planned),
                                                  sum(rest(p, p.materials) for p in planned),
                                                  sum(rest(p, p.labour) for p in planned), rise)
            tasks.append(Task(step.step, cost, priced.step_duration(step.step), value,
                              tuple(index[r] for r in spec.requires if r in index), materials, labour))
            keys.append((step.step, ""))
    else:
        packages = [p for s in bill.steps for p in s.packages if p.kind not in deferred and p.key not in built]
        if to_live_only:
            packages = _to_live(packages)
        index = {p.key: i for i, p in enumerate(packages)}
        for package in packages:
            months = priced.durations[package.key]
            if household.left_to_build(package.key) < 1:
                months = max(1, math.ceil(months * household.left_to_build(package.key) - 1e-9))
            cost, materials, labour = risen_parts(rest(package, package.total), rest(package, package.materials),
                                                  rest(package, package.labour), rise)
            tasks.append(Task(package.step, cost, months, specs[package.step].value * package.value_share,
                              tuple(index[r] for r in package.requires if r in index), materials, labour,
                              package.kind, not _opens_roof(priced, package)))
            keys.append(package.key)
    to_live = {s.step: {p.kind for p in s.packages if p.to_live and p.kind not in deferred} for s in bill.steps}
    # A step whose packages needed to live in it are built is lived in from the start.
    lived = {step for step, kinds in to_live.items() if kinds and all((step, k) in built for k in kinds)}
    needed = [(step, package in to_live[step] or (package == "" and step not in lived)) for step, package in keys]
    kind = (whole_steps, to_live_only)
    masks = priced.mask_cache(household, kind)
    if priced.improvement is not None:
        livable = _improved_livable(priced, household, keys, masks)
    else:
        livable = _new_livable(priced, household, needed, to_live, masks, lived)
        livable.required = priced.required(household, kind, lambda: _required_tasks(design, needed, priced, household))
    credits = []
    cash_grants = []
    for g_index, grant in enumerate(household.grants):
        start, end = grant.month - 1, grant.month - 1 + grant.period
        if grant.cash:
            cash_grants.append((grant.month - 1, grant.cash))
        if grant.materials:
            credits.append(Credit("materials", start, end, grant.tranche_amounts(), g_index))
        if grant.labour:
            credits.append(Credit("labour", start, end, (grant.labour,), g_index))
    credits.sort(key=lambda c: (c.end, c.start))
    problem = Problem(tuple(tasks), household.horizon, household.savings, household.budget, tuple(cash_grants),
                      tuple(offers), household.inflation, livable, tuple(credits), budgets)
    return Setup(problem, tuple(keys), tuple(notes), rise)


def _to_live(packages: list[Package]) -> list[Package]:
    """Of ``packages`` (in build order), those needed to live in their rooms and every package
    they stand on."""
    requires = {p.key: p.requires for p in packages}
    wanted, waiting = set(), [p.key for p in packages if p.to_live]
    while waiting:
        key = waiting.pop()
        if key not in wanted:
            wanted.add(key)
            waiting += requires.get(key, ())
    return [p for p in packages if p.key in wanted]


def _new_livable(priced: Priced, household: Household, needed, to_live, masks, lived=frozenset()):
    """Livability of a new house: the rules hold for the steps whose packages needed to live in
    them are finished (``lived``: those the family had built before the plan)."""
    steps_needed = {step: sum(1 for s, n in needed if s == step and n) for step in to_live}

    def livable(mask: int) -> bool:
        found = masks.get(mask)
        if found is None:
            done: dict[int, int] = {}
            for i, (step, need) in enumerate(needed):
                if need and mask >> i & 1:
                    done[step] = done.get(step, 0) + 1
            built = tuple(step for step, count in done.items() if count == steps_needed[step])
            built += tuple(lived)
            found = masks[mask] = priced.check(tuple(sorted(built)), household).livable
        return found

    return livable


def lived_steps(priced: Priced, finished: set[tuple[int, str]]) -> tuple[int, ...]:
    """Steps whose rooms are lived in once the packages ``finished`` stand: the house as it is
    always, for an improvement."""
    lived = []
    for step in priced.bill.steps:
        if priced.improvement is not None and step.step == 1:
            lived.append(1)
            continue
        kinds = {p.kind for p in step.packages if p.to_live}
        if (step.step, "") in finished or (kinds and all((step.step, k) in finished for k in kinds)):
            lived.append(step.step)
    return tuple(lived)


def still_failing(priced: Priced, household: Household, finished: set[tuple[int, str]]) -> tuple[str, ...]:
    """For an improved house: the criteria still failing once the packages ``finished`` stand."""
    improvement = priced.improvement
    whole = (1, "") in finished
    fixed = set()
    for kind, criteria in improvement.fixes.items():
        if whole or (1, kind) in finished:
            fixed.update(criteria)
    measured = ("area", "bedrooms", "light", "ventilation")
    lived = lived_steps(priced, finished)
    design = priced.bill.design
    if any(design.room_types[r.type].toilet for r in design.rooms if r.step in lived and r.step != 1):
        fixed.add("sanitation")                 # a bathroom added with the new rooms
    failing = [c for c in improvement.assessment.failing if c not in fixed and c not in measured]
    state = priced.check(lived, household)
    windows = whole or (1, "windows") in finished
    light = state.light_area + (improvement.added_light if windows else 0.0)
    air = state.air_area + (improvement.added_air if windows else 0.0)
    if state.floor_area < state.area_needed - 1e-9:
        failing.append("area")
    if state.bedrooms < state.bedrooms_needed:
        failing.append("bedrooms")
    if light < LIGHT_SHARE * state.floor_area - 1e-9:
        failing.append("light")
    if air < AIR_SHARE * state.floor_area - 1e-9:
        failing.append("ventilation")
    return tuple(failing)


def _improved_livable(priced: Priced, household: Household, keys, masks):
    """Livability of an improved house: every criterion holds once its repair is finished, the
    area and bedrooms count the rooms added, daylight and air the windows added."""
    def livable(mask: int) -> bool:
        found = masks.get(mask)
        if found is None:
            finished = set(household.built) | {key for i, key in enumerate(keys) if mask >> i & 1}
            found = masks[mask] = not still_failing(priced, household, finished)
        return found

    # Every livable house has had each repair of a surveyed failure (but the windows, which added
    # rooms might make up for): the optimizer's bound counts their time and money.
    needed = {k for k, criteria in priced.improvement.fixes.items() if set(criteria) - {"light", "ventilation"}}
    livable.required = sum(1 << i for i, (step, kind) in enumerate(keys) if step == 1 and kind in needed)
    return livable


def _required_tasks(design: Design, needed: list[tuple[int, bool]], priced: Priced, household: Household) -> int:
    """Tasks every livable house needs (those to live in of the steps that every smallest livable
    set of steps holds), as a bitmask: the optimizer's bound counts their time and money."""
    numbers = [s.number for s in design.steps]
    if len(numbers) > 12:
        return 0                      # too many sets to try; the bound then counts one more task
    requires = {s.number: set(s.requires) for s in design.steps}
    livable_sets = []
    for bits in range(1, 1 << len(numbers)):
        chosen = {n for k, n in enumerate(numbers) if bits >> k & 1}
        if all(requires[n] <= chosen for n in chosen) and priced.check(tuple(sorted(chosen)), household).livable:
            livable_sets.append(chosen)
    if not livable_sets:
        return 0
    common = set.intersection(*livable_sets)
    return sum(1 << i for i, (step, need) in enumerate(needed) if need and step in common)


def _schedule(setup: Setup, solution: Solution, household: Household, priced: Priced) -> Schedule:
    problem = setup.problem
    built: set[tuple[int, str]] = set(household.built)
    rows = []
    mask = 0
    left = 1.0
    lived = False                       # a row before was livable
    for paid in replay(problem, solution):
        step, package = setup.keys[paid.task]
        # Of a package built in part before the plan, a row builds a share of what was left.
        share = paid.share * household.left_to_build((step, package))
        if paid.complete:
            built.add((step, package))
            mask |= 1 << paid.task
        state = priced.check(lived_steps(priced, built), household)
        failing = still_failing(priced, household, built) if priced.improvement is not None else state.failing
        materials, labour, grants = _credit_parts(problem, paid)
        finish = paid.month + paid.duration + 1
        # Livable with this work done, within the horizon (a plan's last work may end after it:
        # a house livable before it stays so).
        livable = lived = problem.livable(mask) and (paid.month + paid.duration < problem.horizon or lived)
        rows.append(Scheduled(step, package, paid.month + 1, finish, paid.cost, paid.own, materials, labour,
                              paid.cash_before, paid.cash_after, state.floor_area, livable, failing,
                              share, paid.complete, grants, paid.by_money))
        left = 1.0 if paid.complete else left - paid.share
    loan = None
    if solution.loan is not None:
        loan = LoanTaken(problem.loans[solution.loan[0]], solution.loan[1] + 1)
    started = {task for task, _ in solution.starts}
    unbuilt = tuple(setup.keys[i] for i in range(len(problem.tasks)) if i not in started)
    unfinished = None
    if solution.pending is not None:
        key = setup.keys[solution.pending]
        unfinished = key + (left * household.left_to_build(key),)
    livable = solution.livable_from + 1 if solution.livable_from is not None else None
    return Schedule(tuple(rows), loan, livable, solution.score, unbuilt, unfinished)


def _credit_parts(problem: Problem, paid: Paid) -> tuple[int, int, tuple[int, ...]]:
    """What grants in kind pay of a start: (materials, wages, the grants that pay)."""
    materials = sum(u for u, c in zip(paid.credits, problem.credits) if c.kind == "materials")
    labour = sum(u for u, c in zip(paid.credits, problem.credits) if c.kind == "labour")
    return materials, labour, tuple(sorted({c.grant for u, c in zip(paid.credits, problem.credits) if u > 0}))


def _shortfall(setup: Setup) -> Shortfall | None:
    """Money missing to start any first package within the horizon (None if one can start).

    A grant in kind pays only the materials (its first tranche) and the wages of work started
    within its months: the family's own money must pay the rest, or the share of the rest of the
    part that the tranche's materials buy (a grant's materials alone start nothing)."""
    problem = setup.problem
    best = None
    loan = max((offer.amount for offer in problem.loans), default=0)
    for i, task in enumerate(problem.tasks):
        if task.requires:
            continue
        short = [_own_part(problem, i, t) - problem.base_cash[t] - loan for t in range(problem.horizon)]
        missing = min(short)
        if missing <= 0:
            return None
        monthly = min(math.ceil(short[t] / t) for t in range(1, problem.horizon)) if problem.horizon > 1 else missing
        monthly = -(-monthly // 1000) * 1000
        if best is None or missing < best.total:
            step, package = setup.keys[i]
            best = Shortfall(step, package, missing, monthly)
    return best


def _opens_roof(priced: Priced, package: Package) -> bool:
    """Whether ``package`` is a floor raising that takes the roof off to build the walls up: built
    whole, not in parts months apart with the house open to the rain between them."""
    improvement = priced.improvement
    if improvement is None or not package.kind.startswith("raising_"):
        return False
    return int(package.kind.removeprefix("raising_")) in improvement.wall_bands


def _own_part(problem: Problem, task: int, t: int) -> int:
    """The least own money that starts ``task`` in month ``t``: the whole, or (where a part may
    be built) the part the released materials buy, or in a grant's first or last month the least
    part, priced as the search prices it, less what the grants usable then pay (a task built whole
    that ends within a grant's period, all of it). [IDR]"""
    cost = problem.cost_table[task][t]
    materials, wages = problem.part_tables["materials"][task][t], problem.part_tables["labour"][task][t]
    info = problem.tasks[task]
    given = {"materials": 0, "labour": 0}
    for credit in problem.credits:
        if credit.start <= t < credit.end:
            every = not info.divisible and t + info.duration <= credit.end
            given[credit.kind] += credit.total if every else credit.tranches[0]
    whole = cost - min(materials, given["materials"]) - min(wages, given["labour"])
    if not problem.parts or not info.divisible or not materials or not given["materials"]:
        return whole
    least = math.ceil(MIN_PART_SHARE * materials)
    if money_month(problem, problem.credit_start, t) and least <= min(given["materials"], materials):
        # In a grant's first or last month a part may be as small as the family's money makes it
        # (rumah.plan.optimize, money-limited parts): the least part starts the work.
        whole = min(whole, part_price(problem, task, least, given["labour"])[1])
    if not given["materials"] < materials or given["materials"] < MIN_PART_SHARE * materials:
        return whole
    return min(whole, part_price(problem, task, given["materials"], given["labour"])[1])


def _grant_use(household: Household, problem: Problem, solution: Solution) -> tuple[GrantUse, ...]:
    """Each grant in kind: what its parts pay, what is lost, and the family's own share."""
    rows = replay(problem, solution)
    result = []
    in_kind = [(k, g) for k, g in enumerate(household.grants) if g.materials or g.labour]
    groups = _same_months(in_kind)
    joint: dict[tuple[int, ...], tuple[int, int]] = {}
    paid_by = {k: {"materials": 0, "labour": 0} for k, _ in in_kind}
    for paid in rows:
        for amount, credit in zip(paid.credits, problem.credits):
            paid_by[credit.grant][credit.kind] += amount
    # Wages of a grant of wages alone, or that the plan loses, are counted on packages built whole
    # (_swadaya): what using them really asks of the family.
    whole_wages = {k: not g.materials or g.labour > paid_by[k]["labour"] for k, g in in_kind}
    for g_index, grant in in_kind:
        start, end = grant.month - 1, grant.month - 1 + grant.period
        used = paid_by[g_index]
        in_period = [paid for paid in rows if start <= paid.month < end]
        swadaya = sum(paid.own for paid in in_period)
        spent = sum(paid.own for paid in rows if paid.month < start)
        month = min(start, problem.horizon - 1)
        cash = problem.base_cash[month] + problem.loan_cash(solution.loan, month) - spent
        needs, unplaced = _whole_grant_needs(problem, rows, [grant], whole_wages[g_index])
        needed, needed_first = sum(needs), needs[0]
        together = tuple(k for k in groups[g_index] if k != g_index)
        if together:
            # What the grants of the same months need together, worked out once for the group
            # (what is lost stays each one's own).
            if groups[g_index] not in joint:
                joint[groups[g_index]] = _group_needs(problem, rows, [household.grants[k] for k in groups[g_index]],
                                                      any(whole_wages[k] for k in groups[g_index]))
            needed, needed_first = joint[groups[g_index]]
        # The crew is free once the last work started within the period is done.
        busy = max((paid.month + paid.duration for paid in in_period), default=start)
        lost = grant.materials + grant.labour - used["materials"] - used["labour"]
        # (What no work can take is worked out from shares of prices: it may fall short of the
        # Rupiah-exact loss by a Rupiah of rounding a package.)
        spare = unplaced + len(problem.tasks) + 1 >= lost
        # Or every package is built within the grant's months (or before them), the rest of a
        # package built in part included: no work is left that the rest could go to.  Unless the
        # family paid, in those months, materials the grant could have (a package built whole
        # before the next tranche came, which a part would have brought): the plan chose that.
        mine = [k for k, credit in enumerate(problem.credits) if credit.grant == g_index]
        bought = any(_own_materials(problem, paid) > 1000 for paid in in_period)
        finished = {paid.task for paid in rows if paid.month < end and paid.complete}
        spare = spare or (len(finished) == len(problem.tasks) and not bought)
        if lost and spare and not together:
            # A grant that cannot be used whole asks no own money to use it whole (a grant of a
            # group keeps the group's figure, which every grant of it shows alike).
            needed = needed_first = 0
        # The plan can be said to put the family's money into other work only when it pays, by
        # the grant's last month, for work this grant does not pay, or for materials it could, or
        # keeps what the grant's work needs for work after it (a later grant's, say).
        last = min(end, problem.horizon) - 1
        kept = problem.base_cash[last] + problem.loan_cash(solution.loan, last) \
            - sum(paid.own for paid in rows if paid.month <= last) + swadaya >= needed
        elsewhere = bought or kept or any(paid.own > 0 and not any(paid.credits[k] for k in mine)
                                          for paid in rows if paid.month < end)
        # A part in the grant's last month that took all the family's money (the most its money
        # paid for: rumah.plan.optimize, money-limited parts) leaves the rest for want of money,
        # though the crew is busy past the period with it.
        limited = any(not paid.complete and paid.month == end - 1 and paid.cash_after < 1000 for paid in in_period)
        reason = "" if not lost else "spare" if spare else "money" if limited else "time" if busy >= end else \
            "small" if _crumbs(problem, rows, grant.materials - used["materials"], grant.labour - used["labour"], end) \
            else "sooner" if cash >= needed and elsewhere else "money"
        result.append(GrantUse(g_index, grant.name, grant.month, grant.month + grant.period - 1,
                               used["materials"], used["labour"], grant.materials - used["materials"],
                               grant.labour - used["labour"], swadaya, needed, needed_first, cash,
                               reason, busy + 1, together))
    return tuple(result)


def _own_materials(problem: Problem, paid) -> int:
    """What the family paid of the materials of one start of a plan (no materials credit paid
    them). [IDR]"""
    materials = problem.rest_parts(paid.task, paid.share)[0][paid.month]
    drawn = sum(amount for amount, credit in zip(paid.credits, problem.credits) if credit.kind == "materials")
    return max(0, materials - drawn)


def _crumbs(problem: Problem, rows: list, materials: int, labour: int, end: int) -> bool:
    """Whether the materials left of a grant are too little to start any work: less than the
    least part (:data:`MIN_PART_SHARE`) of every package that could start by the grant's last
    month (not finished then, the work it stands on finished), at that month's prices, and no
    wages left that other work could use."""
    if not materials or labour:
        return False
    finished = {paid.task for paid in rows if paid.complete and paid.month < end}
    month = min(end, problem.horizon) - 1
    whole = problem.part_tables["materials"]
    left = [task for task, info in enumerate(problem.tasks) if task not in finished and whole[task][month] > 0
            and all(r in finished for r in info.requires)]
    # (A package built whole takes any materials left towards it: never too small for one.)
    return bool(left) and all(problem.tasks[task].divisible and materials < MIN_PART_SHARE * whole[task][month]
                              for task in left)


def _same_months(in_kind: list) -> dict[int, tuple[int, ...]]:
    """For each grant in kind (index, grant), the grants whose months overlap it, directly or
    through another (a village's materials, a fund's wages overlapping both, a second materials
    grant after): the group whose swadaya is worked out together, the earliest first."""
    group = {k: {k} for k, _ in in_kind}
    for a, first in in_kind:
        for b, second in in_kind:
            if a < b and first.month < second.month + second.period and second.month < first.month + first.period:
                joined = group[a] | group[b]
                for k in joined:
                    group[k] = joined
    months = dict(in_kind)
    return {k: tuple(sorted(found, key=lambda j: (months[j].month, j))) for k, found in group.items()}


def _group_needs(problem: Problem, rows: list, group: list, whole_wages: bool = False) -> tuple[int, int]:
    """(own money the work using the whole of a group of grants needs, of it what to have at the
    start): the second from the grants that start in the first one's month only. [IDR]"""
    first = [g for g in group if g.month == group[0].month]
    needs = _whole_grant_needs(problem, rows, group, whole_wages)[0]
    if len(first) == len(group):
        return sum(needs), needs[0]
    return sum(needs), min(sum(needs), _whole_grant_needs(problem, rows, first, whole_wages)[0][0])


def _whole_grant_needs(problem: Problem, rows: list, grants: list,
                       whole_wages: bool = False) -> tuple[list[int], int]:
    """:func:`_swadaya` of ``grants`` (one grant, or those of the same months, the earliest first)
    from the first one's month: the packages in plan order from that month, then the rest in bill
    order, each as far as the grants' materials (tranche by tranche, one grant's after the other's)
    and wages go."""
    start = grants[0].month - 1
    month = min(start, problem.horizon - 1)
    before = {paid.task for paid in rows if paid.month < start}
    order = list(dict.fromkeys(paid.task for paid in rows if paid.month >= start and paid.task not in before))
    order += [i for i in range(len(problem.tasks)) if i not in order and i not in before]
    tranches = tuple(amount for grant in grants for amount in grant.tranche_amounts())
    ends = tuple(grant.month - 1 + grant.period for grant in grants for _ in grant.tranche_amounts())
    return _swadaya(problem, order, month, tranches, sum(grant.labour for grant in grants), ends, whole_wages)


def _swadaya(problem: Problem, order: list[int], t: int, tranches: tuple[int, ...],
             labour: int, ends: tuple[int, ...] | None = None, whole_wages: bool = False) -> tuple[list[int], int]:
    """The family's own money that the work bought with each tranche of a grant needs, building
    ``order`` at month ``t``'s prices: each package as far as the grant's materials go (with its
    wages and other costs in the same share, the wages paid by the grant's labour part as far as
    it goes; a package built whole, whole, with the next tranches' materials too when it would end
    by the month ``ends`` gives for each tranche, the end of its grant's period), then the next.
    The labour part left when the materials are spent buys the wages of a share of the next
    packages, whose materials the family adds: an estimate, as the plan lays those wages in the
    packages it builds whole anyway.  With ``whole_wages`` (a grant of wages alone, or one whose
    wages the plan loses) it buys those of the rest of a package built whole, as the optimizer
    builds no part without a grant's materials: what using them really asks of the family.  At
    one month's prices, so rounded up to the thousand Rupiah; with what of the grant no work
    left can take. [IDR]"""
    costs, materials, wages = problem.cost_table, problem.part_tables["materials"], problem.part_tables["labour"]
    left = {task: 1.0 for task in order}
    pool = [float(amount) for amount in tranches]       # what each tranche has still to buy
    needs = []
    for k in range(len(pool)):
        own, last = 0.0, k == len(pool) - 1
        for task in order:
            if pool[k] <= 0 and (not last or labour <= 0):
                break
            m, w, c = materials[task][t], wages[task][t], costs[task][t]
            share = min(left[task], pool[k] / m) if m > 0 else 0.0
            if last and w > 0 and labour > share * w and share < left[task]:
                # The labour part left once the materials are spent: the wages of the rest of the
                # package built whole, or of the share they pay.
                share = left[task] if whole_wages else min(left[task], max(share, labour / w))
            if share <= 0:
                continue
            if problem.tasks[task].divisible:
                paid_m = min(share * m, pool[k])
                pool[k] -= paid_m
            else:
                # Built whole: this tranche and the next ones, delivered as the job goes on, pay
                # its materials as far as they go; the family adds the rest.
                share, paid_m = left[task], 0.0
                finish = t + problem.tasks[task].duration
                for j in range(k, len(pool)):
                    if j > k and ends is not None and finish > ends[j]:
                        continue
                    take = min(pool[j], m - paid_m)
                    pool[j] -= take
                    paid_m += take
            paid_w = min(share * w, labour)
            labour -= paid_w
            left[task] -= share
            own += share * c - paid_m - paid_w
        # Up to the thousand: a family that puts aside the figure it is told has enough.
        needs.append(1000 * max(0, math.ceil(own / 1000 - 1e-6)))
    return needs, round_idr(sum(pool) + labour)


def never_livable(household: Household, priced: Priced) -> bool:
    """Whether even the whole house of this template (or the improved house with every repair
    and room added) fails the family (area, bedrooms ...)."""
    if priced.improvement is not None:
        every = {p.key for s in priced.bill.steps for p in s.packages}
        return bool(still_failing(priced, household, every))
    every = tuple(s.number for s in priced.bill.design.steps)
    return not priced.check(every, household).livable


#: A floor raising is planned in the year before it is due (a stated project choice: early enough
#: to find the months the money allows, late enough not to raise a floor that could wait).
RAISE_LEAD = 12


def _place_raisings(schedule: Schedule, setup: Setup, priced: Priced, household: Household,
                    solution: Solution) -> tuple[Schedule, list, Problem, Solution]:
    """The later floor raisings put into a plan: each in the first month from a year before it
    is due in which the crew is free and the plan, with it, is paid for every month.  A raising
    started within a grant's period draws on what the grant has left, like any package.  A
    raising that cannot be paid by its month is planned as soon as it can, and said.
    Returns the schedule, its notes, and the problem and solution with the raisings as tasks
    (what the grants' use is read from)."""
    problem = setup.problem
    packages = {p.kind: p for p in priced.bill.steps[0].packages}
    kinds = [(raising, kind) for raising, kind in priced.improvement.raisings
             if kind in priced.deferred and (1, kind) not in household.built]
    extra = []
    for _, kind in kinds:
        package = packages[kind]
        # Risen to plan month 1 as every other package is (the optimizer rises them on from there).
        cost, materials, wages = risen_parts(package.total, package.materials, package.labour, setup.rise)
        extra.append(Task(1, cost, priced.durations[package.key], 0.0, (), materials, wages, kind,
                          not _opens_roof(priced, package)))
    extra = tuple(extra)
    extended = replace(problem, tasks=problem.tasks + extra)
    starts = list(solution.starts)
    notes = []
    unbuilt = list(schedule.unbuilt)

    def first_paid(task: int, months: int, span) -> tuple[list | None, int, list]:
        """(starts with ``task`` in the first month of ``span`` the crew is free and the plan is
        paid every month, that month, how each start is paid), or (None, 0, [])."""
        for month in span:
            t = month - 1
            if any(not (t + months <= s or t >= s + extended.tasks[i].duration) for i, s in starts):
                continue
            trial = sorted(starts + [(task, t)], key=lambda start: start[1])
            paid = replay(extended, replace(solution, starts=tuple(trial)))
            if all(p.cash_after >= 0 for p in paid):
                return trial, month, paid
        return None, 0, []

    def granted(paid: list, task: int) -> bool:
        return any(any(p.credits) for p in paid if p.task == task)

    keys = list(setup.keys) + [packages[kind].key for _, kind in kinds]
    for n, (raising, kind) in enumerate(kinds):
        task, months = len(problem.tasks) + n, extra[n].duration
        lead = max(1, raising.due_month - RAISE_LEAD)
        placed, month, paid = first_paid(task, months, range(lead, household.horizon + 1))
        if placed is None or not granted(paid, task):
            # A grant in kind that would pay for it in its months, and be lost for want of work
            # otherwise: the raising is built then (after the raising before it), when the family
            # pays less in all, rather than pay it all later.  (A raising that would leave the
            # rooms lower than HEADROOM raises the walls and roof with it: the rooms keep their
            # height whenever it is built.)
            before = (1, f"raising_{raising.number - 1}")
            after = max((s + extended.tasks[i].duration + 1 for i, s in starts if keys[i] == before), default=1)
            # (A grant's materials and wages parts share their months: each period tried once.)
            for start, end in sorted({(credit.start, credit.end) for credit in problem.credits}):
                span = range(max(start + 1, after), min(end + 1, lead))
                early, at, early_paid = first_paid(task, months, span)
                if early is not None and granted(early_paid, task) and \
                        (placed is None or sum(p.own for p in early_paid) < sum(p.own for p in paid)):
                    placed, month, paid = early, at, early_paid
            if placed is not None and month < lead:
                notes.append(("raising_with_grant", {"due": raising.due_month, "month": month,
                                                     "height": raising.height}))
        if placed is None:
            unbuilt.append(packages[kind].key)
            notes.append(("raising_unpaid", {"due": raising.due_month, "height": raising.height}))
            continue
        if month > raising.due_month:
            notes.append(("raising_late", {"due": raising.due_month, "month": month, "height": raising.height}))
        starts = placed
    solution = replace(solution, starts=tuple(starts))
    # (A package built in parts has a row for each part: told apart by their months.)
    planned = {(r.step, r.package, r.month): r for r in schedule.steps}
    rows: list[Scheduled] = []
    for paid in replay(extended, solution):
        step, package = keys[paid.task]
        materials, labour, grants = _credit_parts(extended, paid)
        money = dict(cost=paid.cost, own=paid.own, grant_materials=materials, grant_labour=labour,
                     cash_before=paid.cash_before, cash_after=paid.cash_after, grants=grants,
                     by_money=paid.by_money)
        if (step, package, paid.month + 1) in planned:
            rows.append(replace(planned[(step, package, paid.month + 1)], **money))
            continue
        # A raising changes no criterion before it is due: the house is as the work before it
        # left it (or as it is, when nothing comes before).
        before = rows[-1] if rows else None
        if before is None:
            failing = still_failing(priced, household, set(household.built))
            area, livable = priced.check(lived_steps(priced, set(household.built)), household).floor_area, not failing
        else:
            failing, area, livable = before.failing, before.total_floor_area, before.livable
        rows.append(Scheduled(step, package, paid.month + 1, paid.month + 1 + extended.tasks[paid.task].duration,
                              total_floor_area=area, livable=livable, failing=failing, **money))
    built = {(r.step, r.package) for r in rows}
    return (replace(schedule, steps=tuple(rows), unbuilt=tuple(k for k in unbuilt if k not in built)), notes,
            extended, solution)


def alternatives(household: Household) -> tuple[Alternative, ...]:
    """Bundled templates (at their defaults) that can house this family and fit its plot (when
    known, with the family's floor height, treads, risers and landing where the template allows
    them: its entrance steps stand on the plot too), each with the step after which (with the
    steps it requires) it first can."""
    steps = tuple((name, str(household.parameters[name])) for name in STEP_PARAMETERS
                  if name in household.parameters)
    return _alternatives(household.members, household.area_per_person, household.bedrooms_needed, household.plot,
                         steps)


def carried(parameters: Mapping[str, Any], other: Template) -> dict:
    """The family's choices that another house type takes as they are: the shared parameters
    (not a template's own spans: inti-6m's depth_front is a bedroom, deret-4m5's a living room),
    where the other type allows the value."""
    kept = {}
    for name, value in parameters.items():
        if name in shared_parameter_names() and name in other.parameters:
            try:
                other.parameters[name].check(value, other.id)
            except (RumahError, ValueError):
                continue                            # out of its range: its default stands
            kept[name] = value
    return kept


#: The parameters that shape a house's entrance steps, and so what it takes of its plot.
STEP_PARAMETERS = ("plinth_height", "step_riser_max", "step_tread", "entrance_landing", "entrance_margin")


def on_plot(template: Template, design: Design, kept: Mapping[str, Any]) -> tuple[float, float]:
    """What ``design`` (``template``'s at its defaults) takes on its plot with the family's
    choices among ``kept`` (:func:`carried`) that shape its entrance steps: as high as its floor,
    with its treads, risers and landing. [m]"""
    steps = {name: template.parameters[name].check(kept[name], template.id)
             for name in STEP_PARAMETERS if name in kept and name in template.parameters}
    if not steps:
        return design.site_footprint
    height = float(steps.get("plinth_height", design.values["plinth_height"]))
    return replace(design, entrances=entrances_at(design, height, steps)).site_footprint


@cache
def bundled_designs() -> tuple[tuple[str, Template, Design], ...]:
    """Every bundled template and its house at the template's defaults, built once."""
    templates = ((name, load_template(name)) for name in template_paths())
    return tuple((name, template, build_design(template, {})) for name, template in templates)


@lru_cache(maxsize=512)
def _alternatives(members: int, area_per_person: float, bedrooms: int,
                  plot: tuple[float, float] | None, steps: tuple[tuple[str, str], ...] = ()) -> tuple[Alternative, ...]:
    found = []
    for name, template, design in bundled_designs():
        kept = carried(dict(steps), template)
        if plot is not None and not fits_plot(template, on_plot(template, design, kept), plot):
            continue
        for step in design.steps:
            built = tuple(s.number for s in design.steps if s.number <= step.number)
            if check(design, built, members, area_per_person, bedrooms).livable:
                found.append(Alternative(name, step.number, design.total_floor_area(step.number)))
                break
    return tuple(found)


def flood_notes(household: Household, design: Design) -> tuple[tuple[str, dict], ...]:
    """A note when a new house's floor stands, or will stand within the plan, less than the margin
    above the plot's last flood as the land sinks (a house to improve gets its raisings instead):
    how high to build it to stay above for :data:`rumah.plan.flood.YEARS_AHEAD` years of sinking."""
    flood = household.flood
    if flood is None or household.existing is not None:
        return ()
    floor = float(design.values["plinth_height"])
    due = raisings(floor, flood, household.horizon)
    if not due:
        return ()
    # Too low now: the margin above the flood, and five years of sinking on top; too low later:
    # five years more than it has.
    low = floor - flood.last_height < flood.margin - 1e-9
    needed = round((flood.last_height + flood.margin if low else floor) + flood.subsidence * YEARS_AHEAD, 2)
    return (("floor_below_flood", {"floor": floor, "last": float(flood.last_height), "margin": float(flood.margin),
                                   "needed": float(needed), "due": 1 if low else due[0].due_month, "now": low,
                                   "years": YEARS_AHEAD if flood.subsidence > 0 else 0}),)


def new_tank_reach(improvement, design: Design) -> float:
    """How far in front of a lived-in house the septic tank its repairs install reaches (0: they
    install none, or the house has one). [m]"""
    if improvement is None or "sanitation" not in improvement.fixes or improvement.house.components.septic_tank:
        return 0.0
    return tank_reach(design.values)


def septic_notes(household: Household, design: Design, reach: float | None = None) -> tuple[tuple[str, dict], ...]:
    """A note when the house fits its plot but its septic tank, ``septic_setback`` in front of it,
    does not: the tank must go where the plot has room (the drawings place it in front).
    ``reach``: the tank's reach in front of the house, when not the new house's own."""
    room = household.plot[1] - (design.ys[-1] - design.ys[0])
    reach = design.septic_reach if reach is None else reach
    if not reach or reach <= room + 1e-9:
        return ()
    setback = float(design.values["septic_setback"])
    # Nearer only where the least setback the catalog allows would leave the tank on the plot.
    nearest = setback - (reach - room)
    least = float(shared_parameters()["septic_setback"].minimum)
    return (("septic_off_plot", {"room": round(float(room), 2), "reach": round(reach, 2), "setback": setback,
                                 "nearer": round(nearest, 2) if nearest >= least - 1e-9 else 0.0}),)


def _plot_notes(household: Household, priced: Priced) -> tuple[tuple[str, dict], ...]:
    """What the plot asks of the house: :func:`_fit_notes`, then :func:`flood_notes`."""
    design = priced.bill.design
    return _fit_notes(household, priced) + flood_notes(household, design)


def _fit_notes(household: Household, priced: Priced) -> tuple[tuple[str, dict], ...]:
    """A note when the whole house of the household's template is larger than its plot (it cannot
    be built there as planned), with the bundled house types that fit the plot and the family, or
    when it fits and its septic tank does not (:func:`septic_notes`)."""
    design = priced.bill.design
    if household.plot is None:
        return ()
    if household.existing is not None:
        # The house stands: only the tank its repairs add may not fit in front of it.
        return septic_notes(household, design, new_tank_reach(priced.improvement, design))
    template = load_template(household.template)
    if fits_plot(template, design.site_footprint, household.plot):
        return septic_notes(household, design)
    width, depth = design.site_footprint
    # (Not its own house type: at the template's defaults it may fit, with a lower floor and
    # fewer steps, or narrower spans, but not as this family chose it.)
    fitting = ", ".join(dict.fromkeys(a.template for a in alternatives(household) if a.template != household.template))
    # The entrance steps' reach beyond the walls, said apart: the walls alone may fit.
    steps = round(max(width - design.footprint[0], depth - design.footprint[1]), 2)
    figures = {"width": float(design.footprint[0]), "depth": float(design.footprint[1]),
               "plot_width": float(household.plot[0]), "plot_depth": float(household.plot[1]),
               "fitting": fitting, "steps": float(steps)}
    if width <= household.plot[0] + 1e-9 and depth <= household.plot[1] + 1e-9:
        # A row house on a plot wider than its widest form: its side walls would stand alone.
        return (("plot_too_wide", figures | {"widest": float(widest_form(template))}),)
    return (("plot_too_small", figures),)


def check_built(household: Household, priced: Priced) -> None:
    """Every package a household says it has built is a package of its bill."""
    parts = {key for key, _ in household.built_parts}
    if not household.built and not parts:
        return
    keys = {p.key for step in priced.bill.steps for p in step.packages}
    for step, package in sorted(household.built | parts):
        if (step, package) not in keys:
            names = [f"{s}:{k}" for s, k in sorted(keys)]
            found = f"{step}:{package}"
            raise (Where(household.file) / "built").fail(tr(
                "expected packages of this house (step:package), found {found}; {hint}", found=found,
                hint=did_you_mean(found, names)))
    # A package of a new house stands on the packages of its step before it (walls on the
    # structure, plaster on the walls): built alone, the plan would drop it and build what it
    # stands on after it.  (The repairs of a lived-in house stand on nothing of their step.)
    if household.existing is not None:
        return
    # A step's structure stands against the structure of the steps it requires.
    requires = {spec.number: spec.requires for spec in priced.bill.design.steps}
    for step in priced.bill.steps:
        kinds = [p.kind for p in step.packages]
        for k, kind in enumerate(kinds):
            missing = [f"{step.step}:{below}" for below in kinds[:k] if (step.step, below) not in household.built]
            if kind == "structure":
                missing += [f"{r}:{kind}" for r in requires.get(step.step, ()) if (r, kind) not in household.built]
            if ((step.step, kind) in household.built or (step.step, kind) in parts) and missing:
                found = f"{step.step}:{kind}"
                raise (Where(household.file) / "built").fail(tr(
                    "{found} is built, so the work it stands on must be too: expected {missing} in built as well",
                    found=found, missing=", ".join(missing)))


def _paid_by_grants(problem: Problem, solution: Solution) -> tuple[int, int]:
    """What the grants paid in kind pay in ``solution`` [IDR], and the month after its last work
    is done (months from 0), from one replay."""
    rows = replay(problem, solution)
    return sum(sum(paid.credits) for paid in rows), max((paid.month + paid.duration for paid in rows), default=0)


def _waiting_for_grants(household: Household, problem: Problem, best: Solution) -> tuple[Solution, list]:
    """The plan to follow, and a note: ``best``, or the best plan that starts no work before a
    month up to that of a grant paid in kind, when that plan uses more of the grants and is
    livable later by no more months than the grant money it keeps would take the family to put
    aside in them.

    The optimizer's first aim is the earliest livable month, so a family with savings is planned
    to start at once: a house that needs only a new roof is roofed in month 1 with the family's
    money, and the BSPS grant of month 3 finds no work left and is lost.  A facilitator would wait
    for it: Rp 6.8 juta of grant kept is nine months of that family's housing money, for two
    months of waiting.  Months of housing money are the measure of what money is worth to the
    family.  Each month up to the last grant's is tried (a village's grant may come before the
    BSPS; work started a month before a grant may leave it as much to pay for, sooner); of those
    worth it, the one that keeps the most beyond the months' money.  The note says what the choice
    was, either way (declined, of the grants' own months)."""
    if not problem.credits or not best.starts:
        return best, []
    used, finished = _paid_by_grants(problem, best)
    if used >= sum(credit.total for credit in problem.credits):
        return best, []
    begins = best.starts[0][1]
    chosen = declined = None
    arrivals = sorted({credit.start for credit in problem.credits if begins < credit.start < problem.horizon})
    # Every month from the one after the plan's first start to the last grant's: starting a little
    # before a grant may use as much of it as waiting for it, and be livable sooner (the family
    # builds what its own money pays, then the grant's work).
    waited = None
    for hold in range(begins + 1, arrivals[-1] + 1) if arrivals else ():
        # A plan whose work starts no sooner than a later month is also the best from any month
        # up to that one (and none starting from a month, none from later ones): solved once.
        if waited is None or (waited.starts and hold > waited.starts[0][1]):
            waited = _solved(household, replace(problem, hold=hold))
        if not waited.starts:
            continue
        paid, done = _paid_by_grants(problem, waited)
        kept = paid - used
        if kept <= 0:
            continue
        if best.livable_from is not None:
            if waited.livable_from is None:
                continue
            since, later = best.livable_from, waited.livable_from - best.livable_from
        else:
            # Never livable in this plan (a lived-in house too small, or not within the horizon):
            # the months are those the last work is done later.
            since, later = finished, max(0, done - finished)
        # What the family puts into its house in the months it waits (its lean months too).
        worth = sum(problem.monthly(t) for t in range(since, min(since + later, problem.horizon)))
        # Every grant that comes in the month of the next grant (a village's materials with the
        # BSPS): "Desa + BSPS".
        arrives = next(month for month in arrivals if month >= hold)
        indices = dict.fromkeys(c.grant for c in problem.credits if c.start == arrives)
        grant = " + ".join(household.grants[k].name for k in indices)
        figures = {"grant": grant, "month": arrives + 1, "kept": kept, "months": later,
                   "livable": best.livable_from is not None}
        first = waited.starts[0][1]
        if first < arrives:
            figures["start"] = first + 1            # started before the grant comes
        if kept >= worth:
            if chosen is None or kept - worth > chosen[0]:
                chosen = (kept - worth, waited, figures)
        elif hold == arrives and (declined is None or kept > declined["kept"]):
            declined = figures
    if chosen is not None:
        return chosen[1], [("waits_for_grant", chosen[2])]
    return best, [("grant_not_waited", declined)] if declined is not None else []


def _solved(household: Household, problem: Problem) -> Solution:
    """The best plan of ``problem``; one too large to plan is said naming the household."""
    try:
        return solve(problem)
    except ProblemTooLarge as exc:
        raise ProblemTooLarge(f"{household.file}: {household.template or 'existing_house'}: {exc}") from None


def livable_month(household: Household, priced: Priced, start: datetime.date | None = None) -> tuple[str, int | None]:
    """The status and livable month (None if not livable within the horizon) of the household's
    best plan, as :func:`plan_household` gives them, worked out on the packages needed to live
    when that gives the same month.

    Without a grant in kind it does: leaving out a package that no room needs to be lived in only
    keeps money and frees the crew, so every plan's rooms could be lived in as soon without it,
    and the best plan's first aim is the earliest livable month.  With a grant in kind a finishing
    package can use materials or bring a tranche sooner, and a lived-in house's repairs are
    livable by their own rules: those are planned whole.  (The batch's plan without its grant and
    each trial of what would help read only these two.)
    """
    if priced.improvement is None and not any(g.materials or g.labour for g in household.grants) \
            and not never_livable(household, priced):
        check_built(household, priced)
        problem = make_problem(household, priced, first_month=month_one(household, start).month, to_live_only=True,
                               price_age=price_age(household, priced.bill.price_list, start)).problem
        if problem.tasks:
            best = _solved(household, problem)
            if best.starts:
                # (None started: a package no room needs might have; the whole plan says.)
                if best.livable_from is None:
                    return "not_livable_within_horizon", None
                return "livable", best.livable_from + 1
    plan = plan_household(household, priced=priced, start=start, compare=False)
    return plan.status, plan.best.livable_month


def plan_household(household: Household | str | Path, catalog: Catalog | None = None,
                   horizon: int | None = None, priced: Priced | None = None,
                   start: datetime.date | None = None, compare: bool = True) -> Plan:
    """Price the household's house, then plan its work packages against its money, exactly.

    priced : the household's bill and durations from :func:`price_household`, when already known
        (many households share a house type, district, choices and crew).
    start : the date of plan month 1 when the household file does not say (for seasonal income;
        default today).
    compare : also make the naive plan (the family's own, whole steps in order) to show beside
        the best; False leaves it empty, for callers that read only the best plan (the batch's
        plan without the grant, what would help), and saves its work.
    """
    if not isinstance(household, Household):
        household = load_household(household, horizon)
    if priced is None:
        catalog = catalog or load_catalog(household.ahsp)
        priced = price_household(household, catalog)
    plan = _plan_priced(household, priced, start, compare)
    made = _late_raising(plan)
    rounds = 0
    while made is not None and rounds < RESIZE_ROUNDS:
        # Sized for the month it is made in, a higher raising costs more and may come later
        # still: after the first round it is sized half as far again beyond (a little higher
        # than needed rather than a round more).
        sized = plan.improvement.raisings[0][0].month
        ahead = made if rounds == 0 else made + (made - sized) // 2
        catalog = catalog or load_catalog(household.ahsp)
        plan = _plan_priced(household, price_household(household, catalog, min(ahead, plan.household.horizon)),
                            start, compare)
        made = _late_raising(plan)
        rounds += 1
    if made is not None:
        raising = plan.improvement.raisings[0][0]
        short = round(plan.household.flood.subsidence * (made - raising.month) / 12, 2)
        plan = replace(plan, notes=plan.notes + (("raising_short", {"number": raising.number, "month": made,
                                                                      "sized": raising.month, "short": short}),))
    return plan


#: Times a plan is made again with its first floor raising sized for the month it is made in,
#: when that month comes later still (a higher raising costs more): a stated bound (most plans
#: settle in one or two rounds; one that has not is said, with how much higher to raise it).
RESIZE_ROUNDS = 6


def _late_raising(plan: Plan) -> int | None:
    """The month a lived-in house's first floor raising is made in, when that is later than the
    month its height was worked out for by a centimetre of sinking or more (None otherwise)."""
    improvement = plan.improvement
    if improvement is None or not improvement.raisings or plan.household.flood is None:
        return None
    raising, kind = improvement.raisings[0]
    made = next((row.month for row in plan.best.steps if row.package == kind), None)
    if made is None or made <= raising.month:
        return None
    return made if plan.household.flood.subsidence * (made - raising.month) / 12 >= 0.01 else None


def _plan_priced(household: Household, priced: Priced, start: datetime.date | None, compare: bool) -> Plan:
    """:func:`plan_household` with the household's bill and durations priced."""
    bill = priced.bill
    first_month = month_one(household, start).month
    age = price_age(household, priced.bill.price_list, start)
    check_built(household, priced)
    setup = make_problem(household, priced, first_month=first_month, price_age=age)
    setup = replace(setup, notes=_plot_notes(household, priced) + setup.notes)
    start_check = priced.check(lived_steps(priced, set(household.built)), household)
    empty = Schedule((), None, None, 0.0, tuple(setup.keys))
    never = never_livable(household, priced)
    if never and priced.improvement is None:
        return Plan(household, bill, setup.problem, priced.durations, empty, empty, start_check, None,
                    "never_livable", setup.notes, alternatives=alternatives(household),
                    improvement=priced.improvement, start=start)
    best, waiting = _waiting_for_grants(household, setup.problem, _solved(household, setup.problem))
    schedule = _schedule(setup, best, household, priced)
    notes = list(setup.notes) + (list(priced.improvement.notes) if priced.improvement is not None else [])
    notes += waiting
    # A house that already meets every criterion has no work to plan now (but its later raisings).
    nothing_now = not setup.problem.tasks
    problem, solution = setup.problem, best
    if priced.deferred and (best.starts or nothing_now):
        schedule, placed, problem, solution = _place_raisings(schedule, setup, priced, household, best)
        notes += placed
    if never:
        # A lived-in house too small for the family: its repairs are planned all the same (a roof
        # that leaks or no toilet harms the family whatever the house's size), and it stays never
        # livable until the rooms it lacks are drawn in its data.
        status = "never_livable"
    elif not best.starts and not nothing_now:
        status = "cannot_start"
    elif schedule.livable_month is None:
        status = "not_livable_within_horizon"
    else:
        status = "livable"
    if compare:
        steps = make_problem(household, priced, whole_steps=True, first_month=first_month, price_age=age)
        plain = _schedule(steps, naive(steps.problem), household, priced)
    else:
        plain = empty
    return Plan(household, bill, setup.problem, priced.durations, schedule, plain, start_check,
                _shortfall(setup) if status == "cannot_start" else None, status, tuple(notes),
                _grant_use(household, problem, solution), improvement=priced.improvement, start=start)
