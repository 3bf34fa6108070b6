"""What would help (*saran*): changes a family could make, each planned with the same optimizer.

For a family whose house is not livable within :data:`ADVICE_MONTHS` months, a fixed set of
changes is tried, one at a time: community labour; each cheaper option of the walls, roof and
floor; each bundled house type that fits the plot and can house the family; each loan offer the
clinic has on file (``catalog/loans.yaml``) that the family has not; and the smallest monthly
amount for the house (up to half the income) that makes it livable by month 24, 36 and 60.  Those
that help are listed with the livable month they give.  For a family that loses part of a grant,
community labour and the loan offers are also tried for what they keep of it: one that keeps more
and makes the house livable no later is listed with the amount it keeps.  Every entry carries the
change as household-file fields (:func:`apply`), so that applying it and planning again gives the
month it promised.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from ..cost.estimate import Catalog, load_catalog
from ..data import catalog_dir
from ..errors import RumahError
from ..house.design import fits_plot
from ..house.existing import with_values
from ..house.template import load_template
from ..schema import Where, mapping, sequence, text
from ..yamlio import load_yaml
from . import optimize
from .household import MOST_INCOME_SHARE, Household, LoanOffer, parse_loan
from .optimize import ProblemTooLarge, search_budget
from .planner import Plan, Priced, bundled_designs, carried, livable_month, on_plot, plan_household, price_household

#: A family not livable within this many months is told what would help: two years is as long as
#: most families can wait in a house that fails them (a stated project threshold).
ADVICE_MONTHS = 24
#: Months by which the smallest monthly amount for the house is worked out; for a family not
#: livable within its plan's horizon, by the horizon too (when none of these can be reached,
#: the amount that makes the house livable at all is still advice a family can act on).
TARGETS = (24, 36, 60)


@dataclass(frozen=True)
class Saran:
    """One change that helps.

    kind : ``labour``, ``option``, ``template``, ``loan`` or ``monthly``.
    changes : the household-file fields that make the change (see :func:`apply`).
    figures : what people read: the option, template, loan or amount.
    livable_month : the month the house is livable with the change (months from 1); None for a
        change that helps only by keeping more of a grant (``figures["grant_kept"]``) and leaves the
        house not livable within the plan's months, as it is now.
    """

    kind: str
    changes: Mapping[str, Any]
    figures: Mapping[str, Any]
    livable_month: int | None


def apply(raw: Mapping[str, Any], changes: Mapping[str, Any]) -> dict:
    """A household file's content with ``changes`` made: parameters are merged (or, with another
    house type, replaced: the old type's may not exist in the new one), loans added,
    ``housing_monthly`` replaces the share; everything else is replaced."""
    result = copy.deepcopy(dict(raw))
    if "template" in changes:
        result.pop("parameters", None)
    for key, value in changes.items():
        if key == "parameters":
            result["parameters"] = dict(result.get("parameters") or {}) | dict(value)
        elif key == "loans_added":
            result["loans"] = list(result.get("loans") or []) + [dict(v) for v in value]
        elif key == "housing_monthly":
            result.pop("housing_share", None)
            result["housing_monthly"] = value
        else:
            result[key] = copy.deepcopy(value)
    return result


@cache
def loans_on_file(path: str | None = None) -> tuple[tuple[LoanOffer, str], ...]:
    """The loan offers a clinic has on file, with the source of each."""
    file = path or str(catalog_dir() / "loans.yaml")
    where = Where(file)
    data = mapping(load_yaml(Path(file)), where, required=("offers",), optional=("source", "note"))
    offers = []
    for i, raw in enumerate(sequence(data["offers"], where / "offers")):
        at = where / "offers" / i
        spec = dict(mapping(raw, at, required=("name", "amount", "annual_rate", "tenor_months", "source"),
                            optional=("note",)))
        source = text(spec.pop("source"), at / "source")
        spec.pop("note", None)
        offers.append((parse_loan(spec, at), source))
    return tuple(offers)


#: Partial plans (weighed as in one search, rumah.plan.optimize) that all the searches of the advice
#: may make together, in plans' worth: twice what one plan may, so that what would help a family takes
#: at most about as long again as its plan, however many variants are tried; those not reached are
#: not offered.
ADVICE_LABELS = 2


def advise(plan: Plan, catalog: Catalog | None = None, months: int = ADVICE_MONTHS) -> Plan:
    """``plan`` with what would help, when its house is not livable within ``months`` months, or
    when it loses part of a grant."""
    if plan.status == "livable" and plan.best.livable_month <= months and not _lost(plan):
        return plan
    with search_budget(ADVICE_LABELS * optimize.MAX_LABELS):
        return _advise(plan, catalog)


def _advise(plan: Plan, catalog: Catalog | None) -> Plan:
    household = plan.household
    catalog = catalog or load_catalog(household.ahsp)
    current = plan.best.livable_month
    found: list[Saran] = []
    # Each saran's household and its bill: what would help is weighed again for a grant's loss.
    made: dict[int, tuple[Household, Priced]] = {}
    cache: dict = {}
    lists: dict = {}            # the price list and templates, read once for all the variants

    def priced_for(changed: Household) -> Priced:
        # (A surveyed house's design follows its parameters: with_values builds it from them.)
        key = (changed.template, changed.labour, tuple(sorted((k, str(v)) for k, v in changed.parameters.items())),
               changed.existing is not None)
        if key not in cache:
            cache[key] = price_household(changed, catalog, loaded=lists)
        return cache[key]

    def helps(month: int | None) -> bool:
        return month is not None and (current is None or month < current)

    def offer(kind: str, changes: dict, figures: dict, changed: Household) -> None:
        try:
            priced = priced_for(changed)
            month = livable_month(changed, priced, start=plan.start)[1]
        except RumahError:
            return                      # a change the template cannot take (a pitch too low ...)
        if helps(month):
            found.append(Saran(kind, changes, figures, month))
            made[id(found[-1])] = (changed, priced)

    levers = _levers(household)
    for lever in levers:
        if lever[0] == "labour":
            offer(*lever)
    template = plan.bill.design
    # An improved house is its own template: its repairs take the wall, roof and floor choices too.
    loaded = household.existing.template if household.existing is not None else load_template(household.template)
    # A lived-in house's plan may have its first floor raising sized for a late month (made after
    # it is due: planned again until the raising holds): the changes are then weighed against the
    # house priced as its file prices it, from which a plan of the changed file starts too.
    first = plan.improvement.raisings[0][0] if plan.improvement is not None and plan.improvement.raisings else None
    fresh = price_household(household, catalog, loaded=lists) \
        if first is not None and first.made > first.due_month else Priced(plan.bill, plan.durations, plan.improvement)
    # What is still to build: a family seen again after building some packages saves only on the rest.
    base_total = _to_build(fresh.bill, household)
    for name in ("wall", "roof", "floor"):
        parameter = loaded.parameters.get(name)
        if parameter is None or parameter.kind != "choice":
            continue
        chosen = template.values[name]
        for option in parameter.choices:
            if option == chosen:
                continue
            params = dict(household.parameters) | {name: option}
            changed = replace(household, parameters=params)
            try:
                if household.existing is not None:
                    # The surveyed house's repairs are priced from its own design: built again.
                    changed = replace(changed, existing=with_values(household.existing, {name: option}))
                priced = priced_for(changed)
            except RumahError:
                continue
            total = _to_build(priced.bill, changed)
            if total >= base_total:
                continue
            offer("option", {"parameters": {name: option}},
                  {"parameter": name, "option": option, "label": parameter.choices[option].label,
                   "saving": base_total - total}, changed)
    # Another house type only for a family that has built nothing yet: what it built belongs to its own.
    for name, other, design in bundled_designs() if household.existing is None and not household.built else ():
        if name == household.template:
            continue
        kept = carried(household.parameters, other)
        if household.plot is not None and not fits_plot(other, on_plot(other, design, kept), household.plot):
            continue
        figures = {"template": name, "name": other.name}
        dropped = sorted(set(household.parameters) - set(kept))
        if dropped:
            # The present type's own choices (or values the other does not allow) go with it:
            # said, so that a technician changing the file by hand removes them too.
            figures["dropped"] = dropped
        if other.party_walls:
            # A row house is priced with its neighbours paying their share of the side walls: said,
            # for a family whose plot may have no neighbour to share them with.
            figures["party_share"] = float(kept.get("party_share", design.values["party_share"]))
        offer("template", {"template": name, "parameters": kept} if kept else {"template": name},
              figures, replace(household, template=name, parameters=kept))
    for lever in levers:
        if lever[0] == "loan":
            offer(*lever)
    priced = fresh
    targets = TARGETS + ((household.horizon,) if current is None and household.horizon not in TARGETS else ())
    targets = tuple(sorted(targets))
    for target in targets:
        if target > household.horizon or (current is not None and current <= target):
            continue
        try:
            amount = _smallest_monthly(household, priced, target, plan.start)
            if amount is None or any(s.kind == "monthly" and s.changes["housing_monthly"] == amount for s in found):
                continue                # none, or the amount for an earlier target reaches this one too
            changed = replace(household, housing_monthly=amount)
            month = livable_month(changed, priced, start=plan.start)[1]
        except ProblemTooLarge:
            continue                    # out of time: no amount rather than a wrong one
        found.append(Saran("monthly", {"housing_monthly": amount},
                           {"amount": amount, "more": amount - household.budget, "by": target,
                            "income_share": round(amount / household.income, 3),
                            # A seasonal family's amount is its usual month's: the lean ones keep their share.
                            "seasonal": bool(household.seasonal)}, month))
        made[id(found[-1])] = (changed, priced)
    if _lost(plan):
        found = [_with_grant_change(plan, s, *made[id(s)]) for s in found]
        found += _keeping_grants(plan, [lever for lever in levers if not any(
            s.kind == lever[0] and s.changes == lever[1] for s in found)], priced_for)
    found.sort(key=lambda s: (s.livable_month is None, s.livable_month or 0, s.kind))
    return replace(plan, advice=tuple(found))


def _with_grant_change(plan: Plan, saran: Saran, changed: Household, priced: Priced) -> Saran:
    """For a plan that loses part of a grant: ``saran`` (made as ``changed``, priced ``priced``)
    with what it changes of that loss, more kept (``grant_kept``) or more lost
    (``grant_lost_more``), as the family's own plan with it shows; as it is when it changes nothing."""
    try:
        other = plan_household(changed, priced=priced, start=plan.start, compare=False)
    except (RumahError, ProblemTooLarge):
        return saran
    change = _lost(plan) - _lost(other)
    if change > 0:
        return replace(saran, figures=dict(saran.figures) | {"grant_kept": change})
    if change < 0:
        return replace(saran, figures=dict(saran.figures) | {"grant_lost_more": -change})
    return saran


def _lost(plan: Plan) -> int:
    """What the plan loses of its grants in kind (not used within their periods). [IDR]"""
    return sum(g.lost_materials + g.lost_labour for g in plan.grants)


def _levers(household: Household) -> list[tuple[str, dict, dict, Household]]:
    """The changes of labour and money tried for any family: community labour (for one paying
    its labourers), and each loan offer on file it has not, however its file writes the name
    ("kur mikro"); as (kind, changes, figures, the household changed)."""
    levers = []
    if household.labour == "paid":
        levers.append(("labour", {"labour": "gotong_royong"}, {}, replace(household, labour="gotong_royong")))
    held = {" ".join(o.name.casefold().split()) for o in household.loans}
    for loan, source in loans_on_file():
        if " ".join(loan.name.casefold().split()) not in held:
            levers.append(("loan", {"loans_added": [{"name": loan.name, "amount": loan.amount,
                                                     "annual_rate": loan.annual_rate, "tenor_months": loan.tenor}]},
                           {"name": loan.name, "amount": loan.amount, "annual_rate": loan.annual_rate,
                            "tenor": loan.tenor, "instalment": loan.instalment, "source": source},
                           replace(household, loans=household.loans + (loan,))))
    return levers


def _keeping_grants(plan: Plan, levers, priced_for) -> list[Saran]:
    """For a plan that loses part of a grant: the ``levers`` (:func:`_levers`) not listed for a
    sooner livable month, tried for what they keep of the grant (wages the family need not pay,
    money in the grant's months).  One that keeps more, and makes the house livable no later, is
    listed with what it keeps."""
    lost, current = _lost(plan), plan.best.livable_month
    out = []
    for kind, changes, figures, changed in levers:
        try:
            other = plan_household(changed, priced=priced_for(changed), start=plan.start, compare=False)
        except (RumahError, ProblemTooLarge):
            continue
        month, kept = other.best.livable_month, lost - _lost(other)
        if kept <= 0 or (current is not None and (month is None or month > current)):
            continue
        out.append(Saran(kind, changes, figures | {"grant_kept": kept}, month))
    return out


def _to_build(bill, household: Household) -> int:
    """What the packages of ``bill`` the household has not built yet cost at the bill's prices. [IDR]"""
    return sum(p.total for step in bill.steps for p in step.packages if p.key not in household.built)


def _smallest_monthly(household: Household, priced: Priced, target: int,
                      start: datetime.date | None = None) -> int | None:
    """The smallest monthly amount for the house (whole thousands of Rupiah, at most
    :data:`MOST_INCOME_SHARE` of the income) that makes the house livable by month ``target``;
    None if even that much cannot.  Bisection: more money each month never makes the house
    livable later."""
    def by_target(amount: int) -> bool:
        month = livable_month(replace(household, housing_monthly=amount), priced, start=start)[1]
        return month is not None and month <= target

    low, high = household.budget // 1000, int(household.income * MOST_INCOME_SHARE) // 1000
    if low >= high or not by_target(high * 1000):
        return None
    while high - low > 1:
        middle = (low + high) // 2
        if by_target(middle * 1000):
            high = middle
        else:
            low = middle
    return high * 1000

