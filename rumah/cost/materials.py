"""What to buy and who works how long: the resources behind a step's bill.

Materials are summed over the step's lines, a waste allowance is added (per resource, from
``catalog/resources.yaml``), and the result is rounded *up* to whole purchase units (sacks,
bars, boxes ...).  Their cost is purchase units x the price of one purchase unit, so it is
what the family pays at the shop and is usually a little more than the bill's material
share.  Labour is person-days per role and trade.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..schema import Text
from .prices import PriceList
from .pricing import StepBill, round_idr
from .resources import Resources


@dataclass(frozen=True)
class Purchase:
    """One material to buy.

    needed : float — quantity the work consumes, before waste. [base unit]
    count : int — purchase units to buy, after waste, rounded up. [purchase unit]
    unit_price : float — price of one purchase unit. [IDR]
    cost : int — count x unit_price, rounded. [IDR]
    """

    code: str
    name: Text
    unit: str
    needed: float
    waste: float
    purchase_unit: str
    count: int
    unit_price: float
    cost: int
    indicative: bool


@dataclass(frozen=True)
class LabourDays:
    """Person-days of one labour role (L.01 ... L.04) in one trade. [OH]"""

    code: str
    name: Text
    trade: str
    days: float


def shopping_list(step: StepBill, resources: Resources, price_list: PriceList) -> list[Purchase]:
    """Materials the step needs, in purchase units, in catalog order."""
    needed: dict[str, float] = {}
    for (code, _trade), amount in step.resources.items():
        if resources[code].kind != "labour":
            needed[code] = needed.get(code, 0.0) + amount
    result = []
    for resource in resources:
        amount = needed.get(resource.code, 0.0)
        if amount <= 1e-9:
            continue
        per_purchase = resource.factor(resource.purchase_unit)
        # A tiny epsilon keeps 10.000000001 sacks from becoming 11.
        count = math.ceil(amount * (1 + resource.waste) / per_purchase - 1e-9)
        price = price_list.price(resource.code)
        unit_price = price.per_base * per_purchase
        result.append(Purchase(resource.code, resource.name, resource.unit, amount, resource.waste,
                               resource.purchase_unit, count, unit_price, round_idr(count * unit_price),
                               price.indicative))
    return result


def labour_days(step: StepBill, resources: Resources) -> list[LabourDays]:
    """Person-days per labour role; tradesmen (L.02) and head tradesmen (L.03) split by trade."""
    days: dict[tuple[str, str], float] = {}
    for (code, trade), amount in step.resources.items():
        if resources[code].kind != "labour":
            continue
        key = (code, trade if code in ("L.02", "L.03") else "")
        days[key] = days.get(key, 0.0) + amount
    return [LabourDays(code, resources[code].name, trade, value)
            for (code, trade), value in sorted(days.items()) if value > 1e-9]


@dataclass(frozen=True)
class Crew:
    """Who builds: tradesmen (tukang) and labourers (pekerja) working each day."""

    tradesmen: int = 2
    labourers: int = 2


#: The crew a bill assumes when the household names none: two tradesmen and two labourers, the
#: size of crew a small self-help site commonly has (a stated project default, not a regulation).
DEFAULT_CREW = Crew()


def duration_days(step: StepBill, crew: Crew = DEFAULT_CREW) -> float:
    """Working days the step (or a work package: anything with ``resources``) takes for ``crew``.

    Tradesmen's person-days (L.02) are shared by the tradesmen, labourers' (L.01) by the
    labourers; the role that needs longer sets the pace.  Head tradesman and foreman days are
    part-time supervision and do not lengthen the work. [day]
    """
    days = {"L.01": 0.0, "L.02": 0.0}
    for (code, _trade), amount in step.resources.items():
        if code in days:
            days[code] += amount
    return max(days["L.02"] / max(crew.tradesmen, 1), days["L.01"] / max(crew.labourers, 1))
