"""Floors above the flood on sinking land: when a floor must be raised, and by how much.

On the north coast the land sinks (Kota Pekalongan about 6 cm a year, Kendal about 3; DOMAIN.md
section 8) and the tide does not: a floor's height above the last flood falls by the subsidence
every year.  A floor must be raised before it stands less than the margin above the last flood;
each raising lifts it to that margin plus :data:`YEARS_AHEAD` years of sinking, as families do,
raising "to the last flood height plus a margin" every few years (Panjang Wetan raised three
times since 2010), so the next raising is that many years away.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .household import Flood

#: Years of sinking a raising allows for before the next: a stated project choice between the
#: every-four-years of Panjang Wetan and the every-seven-years cost estimate (DOMAIN.md section 8).
YEARS_AHEAD = 5


@dataclass(frozen=True)
class Raising:
    """One raising: due by ``due_month`` (the last month, from 1, with the floor still the margin
    above the last flood; 1 when it is already lower), lifting the floor by ``height``, made in
    month ``made`` (from 1: its due month unless the plan can make it only later). [m]"""

    number: int
    due_month: int
    height: float
    made: int = 0

    @property
    def month(self) -> int:
        """The month the raising is made, which its height is worked out for."""
        return max(self.due_month, self.made)


def raisings(floor_height: float, flood: Flood, horizon: int, made: int = 1) -> list[Raising]:
    """Every raising a floor ``floor_height`` above today's ground needs within ``horizon`` months,
    the first made in month ``made`` if that is after it is due: the land goes on sinking until
    then, so it lifts the floor by as much more, and the next ones follow from it."""
    target = flood.margin + flood.subsidence * YEARS_AHEAD
    above = floor_height - flood.last_height          # today
    found: list[Raising] = []
    month = 1
    while True:
        if above < flood.margin - 1e-9:
            due = month
        elif flood.subsidence <= 0:
            return found
        else:
            # The tolerance keeps a floor that reaches the margin in a whole number of months
            # (0.15 m at 3 cm a year: 60) from being raised a month early by rounding.
            due = month + math.floor((above - flood.margin) / flood.subsidence * 12 + 1e-9)
        if due > horizon:
            return found
        build = max(due, made) if not found else due
        sunk = flood.subsidence * (build - month) / 12
        height = target - (above - sunk)
        found.append(Raising(len(found) + 1, due, round(height, 3), build))
        above, month = target, build
        if flood.subsidence <= 0:
            return found
