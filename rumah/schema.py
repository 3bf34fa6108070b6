"""Validation at the boundary: raw YAML values in, checked Python values out.

Loaders walk a parsed file with a :class:`Where` (file name and key path) and call the
small checkers here.  Each checker either returns a clean value or raises
:class:`~rumah.errors.DataError` with the file, the key path, what was expected and what
was found.  Nothing past a loader touches raw dictionaries.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .errors import DataError, cut, did_you_mean
from .i18n import N_, Message, figure, language, ntr, separators, tr


@dataclass(frozen=True)
class Where:
    """A place in a data file: the file and the key path inside it."""

    file: str
    path: tuple[str | int, ...] = ()

    def __truediv__(self, key: str | int) -> Where:
        return Where(self.file, self.path + (key,))

    def __str__(self) -> str:
        if not self.path:
            return self.file
        keys = ""
        for key in self.path:
            keys += f"[{key}]" if isinstance(key, int) else (f".{key}" if keys else str(key))
        return f"{self.file}: {keys}"

    def error(self, expected: str, found: Any) -> DataError:
        """The error for a value that is not what was expected."""
        return self._placed(DataError(tr("{where}: expected {expected}, found {found}", where=self,
                                         expected=expected, found=describe(found))))

    def fail(self, message: str) -> DataError:
        return self._placed(DataError(f"{self}: {message}"))

    def _placed(self, error: DataError) -> DataError:
        # Where the message points, for a caller that names the place its own way (a batch row
        # names its CSV column).
        error.where = self
        return error


def describe(value: Any) -> str:
    """Say what a raw value is, briefly, for an error message."""
    if value is None:
        return tr("nothing (empty value)")
    if isinstance(value, bool):
        return tr("{value!r} (yes/no)", value=value)
    if isinstance(value, Mapping):
        return tr("a mapping with keys {keys}", keys=", ".join(str(k) for k in list(value)[:6]))
    if isinstance(value, list):
        return ntr("a list of {n} item", "a list of {n} items", len(value))
    if isinstance(value, int) and value.bit_length() > 200:
        return tr("a whole number of about {n} digits", n=int(value.bit_length() * 0.30103))
    if isinstance(value, float):
        # As it was written (the shortest form that reads back the same), with the reader's
        # decimal mark: 1,5 to an Indonesian (to whom 1.5 reads as fifteen hundred), -62000 as -62000.
        text = repr(value)
        text = text[:-2] if text.endswith(".0") else text
        return text.replace(".", separators(language())[0])
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def mapping(value: Any, where: Where, required: Iterable[str] = (), optional: Iterable[str] = ()) -> dict:
    """Check that ``value`` is a mapping with the required keys and no unknown ones."""
    if not isinstance(value, Mapping):
        raise where.error(tr("a mapping (key: value lines)"), value)
    required = tuple(required)
    allowed = set(required) | set(optional)
    for key in value:
        if not isinstance(key, str):
            raise _not_a_key(key, where)
        if key not in allowed:
            raise (where / cut(key)).fail(tr("unknown key {key!r}; {hint}", key=cut(key),
                                             hint=did_you_mean(key[:200], allowed)))
    for key in required:
        if key not in value:
            error = where.fail(tr("missing key {key!r}", key=key))
            error.missing = key
            raise error
    return dict(value)


def _not_a_key(key: Any, where: Where) -> DataError:
    if isinstance(key, int) and not isinstance(key, bool):
        # {price: 62,500, unit: kg}: inside { } YAML splits at the comma, and 500 becomes a key.
        return where.fail(tr("expected a text key, found the number {key}: inside {{ }} a comma separates entries, "
                             "so a number written with a comma (62,500 or 0,75) is cut in two there; write it "
                             "without the comma, or in quotes (\"62.500\", \"0,75\")", key=key))
    return (where / str(key)).error(tr("a text key"), key)


def entries(value: Any, where: Where) -> dict:
    """A mapping whose keys are names (resources, items, parameters ...)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise where.error(tr("a mapping of names"), value)
    for key in value:
        if not isinstance(key, str) or not key:
            raise (where / str(key)).error(tr("a name"), key)
    return dict(value)


def sequence(value: Any, where: Where) -> list:
    if not isinstance(value, list):
        raise where.error(tr("a list"), value)
    return value


def text(value: Any, where: Where, *, allow_empty: bool = False) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise where.error(tr("text"), value)
    result = str(value).strip()
    if not result and not allow_empty:
        raise where.error(tr("non-empty text"), value)
    return result


#: ``2,6`` or ``-0,5``: one comma between digits, the decimals after it.
DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


def _a_number(unit: str) -> str:
    """What a number was expected to be: "a number in m" (a bare "a number m" reads as if m were
    part of the number)."""
    return tr("a number in {unit}", unit=unit) if unit else tr("a number")


def number(value: Any, where: Where, *, minimum: float | None = None, maximum: float | None = None,
           above: float | None = None, unit: str = "") -> float:
    """A finite real number within bounds; a fraction string such as ``"1/1400"`` is accepted, and
    so is a decimal comma (``"2,6"``, ``0,30`` unquoted), as template parameters take it: an
    Indonesian writes one.  ``unit`` is a unit symbol (``m``, ``m2``), written after the bounds as
    it is."""
    unit_text = f" {unit}" if unit else ""
    lang = language()
    if isinstance(value, bool):
        raise where.error(_a_number(unit), value)
    if isinstance(value, str):
        if DECIMAL_COMMA.match(value.strip()):
            value = value.strip().replace(",", ".")
        if "_" in value:
            # Python reads 1_0 as 10; nobody writes a measure so.
            raise where.error(_a_number(unit), value)
        try:
            value = float(Fraction(value.strip())) if "/" in value else float(value.strip())
        except (ValueError, ZeroDivisionError):
            raise where.error(_a_number(unit), value) from None
    if not isinstance(value, (int, float)):
        raise where.error(_a_number(unit), value)
    value = float(value)
    if not math.isfinite(value):
        raise where.error(tr("a finite number in {unit}", unit=unit) if unit else tr("a finite number"), value)
    if minimum is not None and value < minimum:
        raise where.error(tr("a number of at least {least}", least=figure(minimum, lang)) + unit_text, value)
    if maximum is not None and value > maximum:
        raise where.error(tr("a number of at most {most}", most=figure(maximum, lang)) + unit_text, value)
    if above is not None and value <= above:
        raise where.error(tr("a number greater than {bound}", bound=figure(above, lang)) + unit_text, value)
    return value


def proportion(value: Any, where: Where, *, minimum: float | None = None, maximum: float = 1.0,
              above: float | None = None) -> float:
    """A share (of an income, a yearly rate) as :func:`number` reads it, or written as a percentage
    (``30%``, ``2,5 %``), as a spreadsheet shows it; a percentage written without its sign (``30``
    for a share of at most 1) is refused with both ways to write it."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*%\s*", value):
        percent = float(value.strip()[:-1].strip().replace(",", "."))
        return number(percent / 100, where, minimum=minimum, maximum=maximum, above=above)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and max(maximum, 2) <= value <= 100 * maximum:
        lang = language()
        example = value / 100
        raise where.error(tr("a share of at most {most}, such as {fraction} or {percent}%",
                             most=figure(maximum, lang), fraction=figure(example, lang), percent=figure(value, lang)),
                          value)
    return number(value, where, minimum=minimum, maximum=maximum, above=above)


def integer(value: Any, where: Where, *, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]+", value.strip()):
        value = int(value.strip())                  # "04", a month written with its zero, as YAML leaves it
    if isinstance(value, bool) or not isinstance(value, int):
        raise where.error(tr("a whole number"), value)
    if minimum is not None and value < minimum:
        raise where.error(tr("a whole number of at least {least}", least=minimum), value)
    if maximum is not None and value > maximum:
        raise where.error(tr("a whole number of at most {most}", most=maximum), value)
    return value


def choice(value: Any, where: Where, choices: Iterable[str], kind: str = N_("value")) -> str:
    """One of ``choices``; ``kind`` (a text of the catalog, marked with ``N_``) names what it is."""
    choices = list(choices)
    if isinstance(value, str) and value not in choices:
        # "BSPS" or "RLH " as a spreadsheet writes them: the one choice spelt so, in any case.
        value = folded(value, choices) or value
    if not isinstance(value, str) or value not in choices:
        if isinstance(value, str):
            raise where.fail(tr("unknown {kind} {name!r}; {hint}", kind=tr(kind), name=cut(value),
                                hint=did_you_mean(value[:200], choices)))
        raise where.error(tr("one of {choices}", choices=", ".join(choices)), value)
    return value


def folded(value: str, choices: Iterable[str]) -> str | None:
    """The one of ``choices`` that ``value`` names but for letter case and spaces around it
    (None when none does, or more than one)."""
    wanted = value.strip().casefold()
    found = [c for c in choices if c.casefold() == wanted]
    return found[0] if len(found) == 1 else None


def flag(value: Any, where: Where) -> bool:
    if not isinstance(value, bool):
        raise where.error(tr("true or false"), value)
    return value


def bilingual(value: Any, where: Where, limit: int | None = None) -> Text:
    """A text in Indonesian and English: ``{id: ..., en: ...}`` (English may be omitted); a text
    of the catalog (:class:`~rumah.i18n.Message`, from a template made in code) stays one.  With a
    ``limit``, each is held to the rules of a :func:`name` that long (it is printed for people)."""
    if isinstance(value, Message):
        return value

    def one(item: Any, at: Where) -> str:
        return text(item, at) if limit is None else name(item, at, limit, "text")

    if isinstance(value, str):
        return Text(one(value, where), one(value, where))
    data = mapping(value, where, required=("id",), optional=("en",))
    ind = one(data["id"], where / "id")
    return Text(ind, one(data.get("en", ind), where / "en"))


def printed(value: Any, where: Where, limit: int, *, allow_empty: bool = False) -> str:
    """A text printed on the quote or a drawing (a source, a code, a title): a :func:`name` of at
    most ``limit`` characters, or empty when allowed."""
    if allow_empty and (value is None or (isinstance(value, str) and not value.strip())):
        return ""
    return name(value, where, limit, "text")


@dataclass(frozen=True)
class Text:
    """A short text in Indonesian (``id``) and English (``en``)."""

    id: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")


def spreadsheet_cell(value: str) -> str:
    """A text cell that Excel and LibreOffice will not run as a formula: one that begins with
    ``= + - @``, a tab or a carriage return gets a leading apostrophe (OWASP, CSV injection;
    DOMAIN.md section 10).  Numbers, negative ones included, stay numbers."""
    if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.match(value):
        return "'" + value
    return value


def unguarded(text: str) -> str:
    """A cell read back without the apostrophe :func:`spreadsheet_cell` put before it."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text


#: Bidirectional-text controls: they can make a name read backwards or hide what follows it.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C))


def name(value: Any, where: Where, limit: int, what: str = "name") -> str:
    """A name people read (a family, a grant, a loan, a clinic): text of at most ``limit``
    characters, with no control or bidirectional-override characters, and with something
    visible in it (a name of zero-width spaces is no name)."""
    import unicodedata
    result = text(value, where)
    if len(result) > limit:
        expected = (tr("a text of at most {limit} characters", limit=limit) if what == "text" else
                    tr("a name of at most {limit} characters", limit=limit))
        raise where.error(expected, ntr("{n} character", "{n} characters", len(result)))
    for ch in result:
        if unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS:
            raise where.fail(tr("expected a name without control characters, found U+{code:04X} in it", code=ord(ch)))
    if not any(unicodedata.category(ch)[0] in "LNPS" for ch in result):
        raise where.error(tr("a name with letters or digits in it"), tr("only invisible characters"))
    return result
