"""Today's date, as every plan, quote and drawing reads it.

Plan month 1 is this month unless a household file says otherwise, and a price list's prices are
risen from the month they hold to it: a plan made today differs from one made next month.
``RUMAH_TODAY=YYYY-MM-DD`` in the environment fixes the day, so that a run can be repeated as of
that day (the test suite, an example reprinted, a quote checked later).
"""

from __future__ import annotations

import datetime
import os

from .errors import DataError
from .i18n import tr

#: The environment variable that fixes today's date.
VARIABLE = "RUMAH_TODAY"


def today() -> datetime.date:
    """Today, or the day :data:`VARIABLE` names."""
    given = os.environ.get(VARIABLE, "").strip()
    if not given:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(given)
    except ValueError:
        raise DataError(tr("{variable}: expected a date as YYYY-MM-DD, found {found!r}", variable=VARIABLE,
                            found=given[:40])) from None


def now() -> datetime.datetime:
    """This moment, on the day :func:`today` gives (a register's records, a visit's check)."""
    moment = datetime.datetime.now()
    day = today()
    return moment if day == moment.date() else datetime.datetime.combine(day, moment.time())
