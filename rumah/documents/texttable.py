"""Text tables for a terminal: columns padded to their widest cell, and, when the table would be
wider than the terminal's 80 columns, its text columns wrapped to fit.

Numbers are never wrapped or cut: a column of numbers keeps the width of its widest number, and
its header wraps onto two lines instead.  The columns marked ``wrap`` (descriptions, names)
share what is left.  When even that is too little for the first of them (a plan has many
columns of money), its text moves onto a line of its own above the rest of the row.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

#: Columns of a terminal, unless asked otherwise (``--wide``: as wide as the table needs).
WIDTH = 80
#: Spaces between columns.
GAP = 2
#: The least width a wrapped column is squeezed to before its text gets a line of its own.
LEAST = 14


def _words(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


#: A number and its unit, or Rp and its amount, stay on one line.
_TOGETHER = re.compile(r"(?<=\bRp) (?=\d)|(?<=\d) (?=(?:%|m²|m³|m|cm|kg)(?:\W|$))")


def _wrap(text: str, width: int, **options) -> list[str]:
    joined = _TOGETHER.sub("\u00a0", text)
    return [line.replace("\u00a0", " ") for line in textwrap.wrap(joined, width, break_on_hyphens=False, **options)]


def _wrapped(text: str, width: int) -> list[str]:
    return _wrap(text, width) or [""]


def _layout(rows: Sequence[Sequence[str]], align: str, widths: list[int]) -> list[str]:
    out = []
    for row in rows:
        cells = [_wrapped(cell, width) if len(cell) > width else [cell] for cell, width in zip(row, widths)]
        for k in range(max(len(c) for c in cells)):
            parts = [(c[k] if k < len(c) else "") for c in cells]
            out.append((" " * GAP).join(p.rjust(w) if a == "r" else p.ljust(w)
                                        for p, w, a in zip(parts, widths, align)).rstrip())
    return out


def _fit(rows: Sequence[Sequence[str]], wrap: Sequence[int], width: int, least: int) -> list[int] | None:
    """Column widths within ``width``: other columns as wide as their body (their header wrapped
    at its words), the ``wrap`` columns sharing the rest; None when a wrap column gets less than
    ``least`` (or than its text, when that is shorter)."""
    header, body = rows[0], rows[1:]
    natural = [max(len(r[i]) for r in rows) for i in range(len(header))]
    widths = []
    for i in range(len(header)):
        if i in wrap:
            widths.append(0)
        else:
            widths.append(max([len(r[i]) for r in body] + [_words(header[i])]))
    room = width - sum(widths) - GAP * (len(header) - 1)
    # Share the room: a column that needs less than an equal share keeps its natural width.
    left = sorted(wrap, key=lambda i: natural[i])
    for k, i in enumerate(left):
        share = room // (len(left) - k)
        widths[i] = min(natural[i], share)
        room -= widths[i]
    if any(widths[i] < min(least, natural[i]) for i in wrap):
        return None
    return widths


def _rest_widths(rest: Sequence[Sequence[str]], wrap: Sequence[int], width: int, least: int) -> list[int]:
    """Widths of the columns after the one that took a line of its own: their text wrapped if they
    may, else as wide as they need, else with their headers wrapped."""
    widths = _fit(rest, wrap, width, least) if wrap else None
    if widths is None:
        widths = [max(len(r[i]) for r in rest) for i in range(len(rest[0]))]
        if sum(widths) + GAP * (len(widths) - 1) > width:
            widths = [max([len(r[i]) for r in rest[1:]] + [_words(rest[0][i])]) for i in range(len(rest[0]))]
    return widths


def table(rows: Sequence[Sequence[str]], align: str = "", wrap: Sequence[int] = (), width: int | None = WIDTH,
          least: int = LEAST) -> list[str]:
    """Lines of a table whose first row is its header.  ``align`` has ``l`` or ``r`` for each
    column (left by default); ``wrap`` names the columns whose text may wrap to fit ``width``
    (None: as wide as the table needs), down to ``least`` characters.

    Narrower than that, the first ``wrap`` column (with the columns before it) takes a line of
    its own in each row, and the columns after it follow on the next line, under its text."""
    align = align.ljust(len(rows[0]), "l")
    natural = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    if width is None or sum(natural) + GAP * (len(natural) - 1) <= width or not wrap:
        return _layout(rows, align, natural)
    widths = _fit(rows, wrap, width, least)
    if widths is not None:
        return _layout(rows, align, widths)
    own = wrap[0]
    lead = [natural[i] for i in range(own)]
    rest = [list(row[own + 1:]) for row in rows]
    rest_align = align[own + 1:]
    rest_wrap = [i - own - 1 for i in wrap[1:]]
    # The rest of a row goes under the text of the first, or, when it is too wide for that, two
    # spaces in from the margin.
    for indent in ((sum(lead) + GAP * own, 2) if own else (2,)):
        widths = _rest_widths(rest, rest_wrap, width - indent, least)
        if sum(widths) + GAP * (len(widths) - 1) <= width - indent:
            break
    out = []
    for row, others in zip(rows, rest):
        head = (" " * GAP).join(cell.ljust(w) for cell, w in zip(row[:own], lead))
        text = _wrapped(row[own], max(width - indent, LEAST)) if row[own] else []
        if own and (text or head.strip()):
            lines = text or [""]
            out += [(head if k == 0 else " " * len(head)) + " " * GAP + line for k, line in enumerate(lines)]
        else:
            out += text
        if any(others):
            out += [" " * indent + line for line in _layout([others], rest_align, widths)]
    return [line.rstrip() for line in out]


def fitted(lines: Sequence[str], width: int | None = WIDTH) -> str:
    """``lines`` as text, those wider than ``width`` (sentences: notes, sources) wrapped at their
    words, the lines after the first indented two more spaces than it."""
    out = []
    for line in lines:
        if width is None or len(line) <= width:
            out.append(line)
            continue
        indent = " " * (len(line) - len(line.lstrip(" ")))
        out += _wrap(line, width, subsequent_indent=indent + "  ", break_long_words=False) or [line]
    return "\n".join(out) + "\n"
