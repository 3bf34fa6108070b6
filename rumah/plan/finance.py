"""Money over time: loan instalments and construction price escalation."""

from __future__ import annotations

import math


def annuity(principal: float, annual_rate: float, months: int) -> float:
    """Equal monthly instalment that repays ``principal`` over ``months``. [IDR per month]

    The annuity formula P r / (1 - (1 + r)^-n) with monthly rate r = annual_rate / 12; an
    interest-free loan is repaid in equal parts.
    """
    if months <= 0:
        raise ValueError("a loan needs at least one month to repay")
    rate = annual_rate / 12
    if rate == 0:
        return principal / months
    return principal * rate / (1 - (1 + rate) ** -months)


def escalation(yearly_rate: float, month: int) -> float:
    """Price factor ``month`` months from now at a yearly construction inflation rate."""
    return math.pow(1 + yearly_rate, month / 12)
