"""A family seen again: the household as it stands after building some of its house.

A follow-up visit finds which work packages are finished, how much of its own money the family
has spent and what its grants in kind have paid.  :func:`after_visit` turns the household file
planned before into the household file to plan the rest from: plan month 1 becomes the month of
the visit, the packages built are marked ``built`` (the planner plans them no more and counts
their rooms as lived in), the savings are what is left, and the grants are what is still to
come.  The planner is the same; only its inputs move on.

Money left follows the planner's own rule (``README``, "Money"): by the start of plan month
*m + 1* the family has had its savings, the housing money of months 1 ... *m* and its cash
grants of months up to *m + 1*; less what it spent of its own.  A family that says how much it
holds now (a loan taken, an income that changed) gives ``cash`` instead.

Prices: the bill is priced from the household's price list, as for any plan, risen with its
``inflation`` from the month the list's prices hold (or the file's ``prices_from``) to the new
plan month 1: a package costs in the re-plan what it cost in the first plan for the same calendar
month, and the rest of the house comes out no cheaper for having been planned again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import DataError
from ..i18n import N_, language, ntr, rupiah, tr
from .household import Grant, Household


@dataclass(frozen=True)
class GrantSpent:
    """What one grant in kind has paid since plan month 1.

    materials, labour : what its parts paid for. [IDR]
    tranches : how many tranches of its materials part have been released.
    """

    materials: int = 0
    labour: int = 0
    tranches: int = 0


@dataclass(frozen=True)
class Progress:
    """What a follow-up visit found, counted from plan month 1 of the household file.

    months : whole months from plan month 1 to the month of the visit (0: the same month). [month]
    built : every package finished so far, as (step, package), those of the file included.
    spent : the family's own money spent on the house since plan month 1. [IDR]
    grants : by grant name, what grants in kind have paid since plan month 1.
    cash : what the family holds for the house now, when it says (instead of the reckoning). [IDR]
    first_month : the calendar month (1-12) of plan month 1 when the household file does not say
        (the month it was planned in: a seasonal family's lean months are counted from it).
    parts : packages built in part since plan month 1, as (step, package) -> the share of the
        whole package built since (the part a grant's materials bought, say).
    """

    months: int
    built: frozenset[tuple[int, str]] = frozenset()
    spent: int = 0
    grants: Mapping[str, GrantSpent] = field(default_factory=dict)
    cash: int | None = None
    first_month: int = 1
    parts: Mapping[tuple[int, str], float] = field(default_factory=dict)


def money_received(household: Household, months: int, first_month: int = 1) -> int:
    """Savings, housing money and cash grants the family has had by the start of plan month
    ``months + 1``, with nothing spent; plan month 1 in calendar month ``first_month`` when the
    household file does not say. [IDR]"""
    if household.seasonal:
        first = household.start[1] if household.start else first_month
        budgets = household.budgets(first)
        income = sum(budgets[k % 12] for k in range(months))
    else:
        income = household.budget * months
    grants = sum(g.cash for g in household.grants if g.month <= months + 1)
    return household.savings + income + grants


def cash_now(household: Household, progress: Progress) -> int:
    """What the family holds for its house at the visit. [IDR]"""
    if progress.cash is not None:
        return progress.cash
    received = money_received(household, progress.months, progress.first_month)
    if progress.spent > received:
        lang = language()
        raise DataError(tr("{file}: the visit says {spent} of the family's own money was spent, but by month {month} "
                           "of the plan the household file gives it only {received}; give the cash the family holds "
                           "now instead", file=household.file or household.name,
                           spent=rupiah(progress.spent, lang), month=progress.months + 1,
                           received=rupiah(received, lang)))
    return received - progress.spent


def _grant_left(raw: Mapping[str, Any], grant: Grant, spent: GrantSpent, months: int) -> dict | None:
    """The grant as it stands for a plan starting at month ``months + 1``; None when nothing of it
    is still to come (its cash paid, its period over)."""
    cash = grant.cash if grant.month > months + 1 else 0
    end = grant.month + grant.period - 1            # last month its in-kind parts may be used
    materials = labour = carried = 0
    tranches: tuple[float, ...] = (1.0,)
    if end > months and (grant.materials or grant.labour):
        materials = max(0, grant.materials - spent.materials)
        labour = max(0, grant.labour - spent.labour)
        amounts = grant.tranche_amounts()
        # Released by now: those of this visit, and one released before plan month 1.
        released = min(spent.tranches + grant.released, len(amounts))
        # Released but not yet spent is usable at once; the tranches still to come follow.
        leftover = sum(amounts[:released]) - min(spent.materials, sum(amounts[:released])) if released else 0
        parts = [p for p in [leftover, *amounts[released:]] if p > 0]
        if materials and parts:
            scale = sum(parts)
            tranches = tuple(p / scale for p in parts)
        carried = 1 if leftover > 0 and materials else 0
    if cash + materials + labour == 0:
        return None
    # A tranche released by now means the grant has come, sooner than the file said if need be:
    # in plan month 1 (its period still ends when the file said).
    month = 1 if carried else max(1, grant.month - months)
    left = {key: value for key, value in raw.items()
            if key not in ("materials", "labour", "tranches", "period_months", "released_tranches")}
    left.update(amount=cash + materials + labour, month=month)
    if materials or labour:
        left.update(materials=materials, labour=labour, period_months=end - months - month + 1)
        if carried:
            left["released_tranches"] = 1       # its first tranche is one released already
        if materials and (len(tranches) > 1 or left.get("kind") == "bsps"):
            # One tranche left is said too: BSPS's own terms would split it in two again.
            left["tranches"] = list(tranches)
        if left.get("kind", "cash") == "cash":
            left["kind"] = "in_kind"
    elif left.get("kind") in ("in_kind", "bsps"):
        left["kind"] = "cash"
    return left


def _check_spent(household: Household, grant: Grant, spent: GrantSpent) -> None:
    """What a visit says a grant in kind paid is what the grant (as it stood at plan month 1) can
    have paid: no more of each part than it holds, no more tranches than it has.  (A program office
    reports these sums to the ministry.  A grant may come sooner than the file expected it: the
    visit says what happened.)"""
    file = household.file or household.name
    lang = language()
    for part, paid, most in ((N_("materials"), spent.materials, grant.materials),
                             (N_("wages"), spent.labour, grant.labour)):
        if paid > most:
            raise DataError(tr("{file}: grant {grant!r}: {part} paid: expected at most {most} (what it had still to "
                               "pay), found {found}", file=file, grant=grant.name, part=tr(part),
                               most=rupiah(most, lang), found=rupiah(paid, lang)))
    # Tranches still to be released: a first one released before plan month 1 is not again.
    count = len(grant.tranche_amounts()) - grant.released if grant.materials else 0
    if spent.materials and not spent.tranches and not grant.released and count:
        raise DataError(tr("{file}: grant {grant!r}: materials paid, but no tranche released: expected at least 1 "
                           "tranche", file=file, grant=grant.name))
    if spent.tranches > count:
        raise DataError(ntr("{file}: grant {grant!r}: tranches released: expected at most {n} (what it had still to "
                            "release), found {found}", "{file}: grant {grant!r}: tranches released: expected at most "
                            "{n} (what it had still to release), found {found}", count, file=file, grant=grant.name,
                            found=spent.tranches))


def after_visit(raw: Mapping[str, Any], household: Household, progress: Progress) -> dict:
    """The household file to plan the rest from, given the file planned before (``raw``, as read,
    and ``household``, as parsed from it) and what the visit found.

    Every field the visit does not move (the family, its income, the house and its choices,
    notes) is kept as written."""
    if progress.months < 0:
        raise DataError(ntr("{file}: the visit is {n} month before month 1 of the plan",
                            "{file}: the visit is {n} months before month 1 of the plan", -progress.months,
                            file=household.file or household.name))
    file = household.file or household.name
    figures = [("spent", progress.spent)] + ([("cash", progress.cash)] if progress.cash is not None else [])
    for grant, paid in sorted(progress.grants.items()):
        figures += [(f"{grant}: materials", paid.materials), (f"{grant}: labour", paid.labour),
                    (f"{grant}: tranches", paid.tranches)]
    for what, value in figures:
        if value < 0:
            raise DataError(tr("{file}: the visit's {what}: expected 0 or more, found {found}", file=file, what=what,
                               found=value))
    unknown = set(progress.grants) - {g.name for g in household.grants}
    if unknown:
        raise DataError(tr("{file}: the visit names grant {grant!r}, which the household file does not have",
                           file=household.file or household.name, grant=sorted(unknown)[0]))
    for grant in household.grants:
        _check_spent(household, grant, progress.grants.get(grant.name, GrantSpent()))
    for key, share in progress.parts.items():
        if not 0 < share < 1:
            raise DataError(tr("{file}: the visit's part of step {step} {package!r}: expected a share above 0 and "
                               "below 1, found {found}", file=file, step=key[0], package=key[1], found=share))
    result = dict(raw)
    result["savings"] = cash_now(household, progress)
    built = set(household.built) | set(progress.built)
    # A part built at this visit adds to a part built before; all of it is the package built.
    shares = dict(household.built_parts)
    for key, share in progress.parts.items():
        if key not in built:
            shares[key] = shares.get(key, 0.0) + share
    built |= {key for key, share in shares.items() if share >= 1 - 1e-3}
    entries = [{"step": step, "package": package} for step, package in sorted(built)]
    entries += [{"step": step, "package": package, "share": round(share, 3)}
                for (step, package), share in sorted(shares.items()) if (step, package) not in built]
    result["built"] = sorted(entries, key=lambda e: (e["step"], e["package"]))
    grants = []
    for raw_grant, grant in zip(raw.get("grants") or [], household.grants):
        left = _grant_left(raw_grant, grant, progress.grants.get(grant.name, GrantSpent()), progress.months)
        if left is not None:
            grants.append(left)
    result["grants"] = grants
    if household.start is not None:
        year, month = household.start
        total = year * 12 + month - 1 + progress.months
        result["start_month"] = f"{total // 12:04d}-{total % 12 + 1:02d}"
    return result
