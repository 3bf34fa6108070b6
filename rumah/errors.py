"""The project's exceptions.

Every error a user can cause by their data is a :class:`RumahError`.  Each one mixes in the
built-in it resembles, so callers that do not know this project can still catch
``ValueError`` or ``LookupError``.  Messages follow one form: where (file and key path),
what was expected, what was found, and the nearest valid name when a name is wrong.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .i18n import ntr, tr


class RumahError(Exception):
    """Base class of every error caused by the user's data or command line."""


class DataError(RumahError, ValueError):
    """A data file (template, AHSP edition, price list, household) is not valid.

    where : the place the message names (a rumah.schema.Where), when it names one.
    missing : the key found missing there, when that is what is wrong.
    """

    where = None
    missing: str | None = None


class UnknownNameError(RumahError, LookupError):
    """A name (template, region, resource, work item, parameter) does not exist."""


class ParameterError(RumahError, ValueError):
    """A template parameter value is outside what the template allows (``parameter``: its name,
    when one given value is at fault)."""

    parameter: str | None = None


def nearest(name: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` names from ``candidates`` that look like ``name``: those that contain it first
    (``income_monthly`` for ``income``), then those spelt alike, then those it contains."""
    candidates = list(candidates)
    lowered = name.lower()
    same = [c for c in candidates if c.lower() == lowered.strip()]
    longer = [c for c in candidates if len(lowered) >= 3 and lowered in c.lower() and c.lower() != lowered]
    shorter = [c for c in candidates if len(c) >= 3 and c.lower() in lowered and c.lower() != lowered]
    # Spelt alike but for letter case too ("BPS" for "bsps").
    folded = {c.lower(): c for c in candidates}
    alike = difflib.get_close_matches(name, candidates, n=n, cutoff=0.6) + \
        [folded[c] for c in difflib.get_close_matches(lowered, list(folded), n=n, cutoff=0.6)]
    return list(dict.fromkeys(same + longer + alike + shorter))[:n]


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A sentence suggesting the nearest names, or listing the valid ones when few."""
    candidates = sorted(set(candidates))
    close = nearest(name, candidates)
    if close:
        separator = " " + tr("or") + " "
        return tr("did you mean {names}?", names=separator.join(repr(c) for c in close))
    if len(candidates) <= 12:
        return tr("valid names: {names}", names=", ".join(candidates))
    return ntr("{n} valid name; none is close", "{n} valid names; none is close", len(candidates))


#: Longest part of an unknown name quoted back (a header of 64 KB of NUL bytes is not repeated).
SHOWN = 60


def cut(name: str) -> str:
    """``name`` cut to :data:`SHOWN` characters (an ellipsis says so), to be quoted in a message."""
    return name if len(name) <= SHOWN else name[:SHOWN] + "\u2026"


def unknown(kind: str, name: str, candidates: Iterable[str], where: str | None = None) -> UnknownNameError:
    """Build the error for an unknown ``kind`` (an English text of the catalog, marked with
    ``N_`` where it is written) called ``name``."""
    prefix = f"{where}: " if where else ""
    return UnknownNameError(prefix + tr("unknown {kind} {name!r}; {hint}", kind=tr(kind), name=cut(name),
                                        hint=did_you_mean(name[:200], candidates)))
