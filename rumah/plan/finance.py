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
    # 1 - (1 + r)^-n written so that it does not round to 0 for a tiny rate (1e-300 a year: 1 + r
    # is 1.0 in floating point, and the plain formula divided by zero).
    return principal * rate / -math.expm1(-months * math.log1p(rate))


def escalation(yearly_rate: float, month: int) -> float:
    """Price factor ``month`` months from now at a yearly construction inflation rate."""
    return math.pow(1 + yearly_rate, month / 12)
