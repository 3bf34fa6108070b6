"""What to buy and who works how long: the resources behind a step's bill.

Materials are summed over the step's lines and bought as shops sell them: sacks, bars, boxes,
timber pieces of a stated section and length, and for a few things a large unit with smaller
ones for the rest (paint by the 5 kg pail and the 1 kg can, cable by the roll and the metre).
AHSP coefficients already include normal losses, so nothing is added on top, except the
stated allowance of the few resources whose coefficients are bare geometric counts
(``waste`` and ``waste_note`` in ``catalog/resources.yaml``).  The cost is what the family pays
at the shop: a little more than the bill's material share, by the rounding up to whole units.
Labour is person-days per role and trade.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..schema import Text
from .prices import PriceList
from .pricing import StepBill, round_idr
from .resources import Resource, Resources

#: Below this a purchase count is rounding noise: 10.000000001 sacks is 10 sacks.
_EPS = 1e-9


@dataclass(frozen=True)
class Purchase:
    """One material to buy.

    needed : float — quantity the work consumes (the bill's quantity). [base unit]
    waste : float — allowance added before buying, where the AHSP coefficients have none. [fraction]
    parts : ((purchase unit, count), ...) — what to buy, largest unit first.
    bought : float — what those units hold, at least ``needed`` plus the allowance. [base unit]
    unit_price : float — price of one of the main (first) purchase unit. [IDR]
    cost : int — sum of count x price of each part, rounded. [IDR]
    part_prices : price of one unit of each part, in the order of ``parts``. [IDR]
    """

    code: str
    name: Text
    unit: str
    needed: float
    waste: float
    parts: tuple[tuple[str, int], ...]
    bought: float
    unit_price: float
    cost: int
    indicative: bool
    part_prices: tuple[float, ...] = ()

    @property
    def purchase_unit(self) -> str:
        """The main unit bought (the largest)."""
        return self.parts[0][0]

    @property
    def count(self) -> int:
        """How many of the main unit are bought."""
        return self.parts[0][1]


@dataclass(frozen=True)
class LabourDays:
    """Person-days of one labour role (L.01 ... L.04) in one trade. [OH]"""

    code: str
    name: Text
    trade: str
    days: float


def purchase_counts(amount: float, resource: Resource, nearest: bool = False) -> tuple[tuple[str, int], ...]:
    """Whole purchase units that hold ``amount`` [base unit]: as many of each larger unit as the
    amount fills, the smallest unit rounded up for the rest (``nearest``: to the nearest whole
    one); where the smaller units would hold as much as one more of a larger unit, that larger
    unit instead (it costs the same or less and is fewer things to carry)."""
    units = resource.purchase_units
    sizes = [resource.factor(u) for u in units]
    counts = []
    rest = amount
    for size in sizes[:-1]:
        count = math.floor(rest / size + _EPS)
        counts.append(count)
        rest -= count * size
    last = math.floor(rest / sizes[-1] + 0.5) if nearest else math.ceil(rest / sizes[-1] - _EPS)
    counts.append(max(0, last))
    for i in range(len(sizes) - 1, 0, -1):
        if sum(c * s for c, s in zip(counts[i:], sizes[i:])) >= sizes[i - 1] - _EPS:
            counts[i - 1] += 1
            counts[i:] = [0] * (len(sizes) - i)
    parts = tuple((u, c) for u, c in zip(units, counts) if c > 0)
    return parts or ((units[-1], 0),)


def shopping_list(step: StepBill, resources: Resources, price_list: PriceList, nearest: bool = False) -> list[Purchase]:
    """Materials the step needs, as shops sell them, in catalog order.

    nearest : each material to the nearest whole unit rather than up, and those that come to
        none left out: for a part of a work package, whose rest buys what it leaves (rounded up,
        every part would buy a door and the toilet again, and the parts more than the whole).
    """
    needed: dict[str, float] = {}
    for (code, _trade), amount in step.resources.items():
        if resources[code].kind != "labour":
            needed[code] = needed.get(code, 0.0) + amount
    result = []
    for resource in resources:
        amount = needed.get(resource.code, 0.0)
        if amount <= _EPS:
            continue
        parts = purchase_counts(amount * (1 + resource.waste), resource, nearest)
        if nearest and not any(count for _, count in parts):
            continue
        price = price_list.price(resource.code)
        bought = sum(count * resource.factor(unit) for unit, count in parts)
        cost = sum(count * price.per_base * resource.factor(unit) for unit, count in parts)
        each = tuple(price.per_base * resource.factor(unit) for unit, _ in parts)
        result.append(Purchase(resource.code, resource.name, resource.unit, amount, resource.waste, parts,
                               bought, each[0], round_idr(cost), price.indicative, each))
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
