"""Words and number formats for what people read, from one gettext catalog per language.

The English text is the message id; ``rumah/locale/<lang>/LC_MESSAGES/rumah.po`` holds its
translation (Indonesian, ``id``, is shipped) and ``rumah.mo`` is that file compiled, which is all
the standard library's :mod:`gettext` reads at run time.  A new language is one more ``.po`` file
(README, Languages); no code names the languages.

Two readers, two functions:

- documents (the bill, the plan, the quote, the DXF title block) are written in the language they
  are asked for: ``t("Bill of quantities", lang)``, ``nt("{n} person", "{n} persons", n, lang)``;
- what the command line says (help, prompts, messages, errors) is in the reader's own language,
  from ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` as every gettext program reads them:
  ``tr("no such file")``, ``ntr(...)``.

Numbers follow the language too: residents read ``Rp 1.234.567`` and ``12,50``; English readers
``Rp 1,234,567`` and ``12.50``.  The separators are entries of the catalog (context ``decimal
separator`` and ``thousands separator``), so a new language brings its own.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import os
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

#: The gettext domain: ``<LOCALE_DIR>/<lang>/LC_MESSAGES/rumah.mo``.
DOMAIN = "rumah"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The language the message ids are written in.
SOURCE = "en"
#: What documents are written in unless another language is asked for.
DOCUMENT_DEFAULT = "id"
#: The variables gettext reads for the reader's language, first set first.
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
#: A language that outranks the environment's while a document is being written (:func:`reading`).
_DOCUMENT: ContextVar[str | None] = ContextVar("rumah_document_language", default=None)


def languages() -> tuple[str, ...]:
    """The languages documents can be written in: each compiled catalog, and English."""
    found = sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return tuple(found) + (SOURCE,)


@functools.cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The translations of ``lang``.  A language other than Indonesian falls back to Indonesian for
    what its translators have not done yet (a Javanese reader reads Indonesian, not English);
    English and an unknown language read the message ids."""
    if lang == SOURCE:
        return gettext.NullTranslations()
    chain = [lang] if lang == DOCUMENT_DEFAULT else [lang, DOCUMENT_DEFAULT]
    return gettext.translation(DOMAIN, str(LOCALE_DIR), languages=chain, fallback=True)


def N_(message: str) -> Message:  # noqa: N802 - the name gettext's tools look for
    """Mark ``message`` for the catalog without translating it yet (a constant of a module)."""
    return Message(message)


class Message(str):
    """An English text of the catalog that translates itself when called: ``N_("mason")("id")``."""

    __slots__ = ()

    def __call__(self, lang: str) -> str:
        return t(self, lang)


def t(message: str, lang: str, /, **fields) -> str:
    """``message`` in ``lang``, its ``{fields}`` filled in."""
    text = catalog(lang).gettext(message)
    return text.format(**fields) if fields else text


def nt(singular: str, plural: str, n: int, lang: str, /, **fields) -> str:
    """The form of a counted phrase for ``n`` in ``lang`` (``1 month``, ``2 months``; Indonesian
    has one form: ``1 bulan``, ``2 bulan``); ``{n}`` and ``{fields}`` filled in."""
    return catalog(lang).ngettext(singular, plural, n).format(n=n, **fields)


def pt(context: str, message: str, lang: str, /, **fields) -> str:
    """``message`` in ``lang`` where the English word alone is ambiguous (``context`` tells which)."""
    text = catalog(lang).pgettext(context, message)
    return text.format(**fields) if fields else text


@dataclass(frozen=True)
class Phrase:
    """A sentence of the catalog with its figures, said in whatever language it is asked for:
    ``phrase("{a} m² of {f} m²", a=0.58, f=36.0)("id")`` -> ``0,58 m² dari 36 m²``.  A figure
    that is a float is written with the language's decimal separator (at most two decimals), a
    text of the catalog (a :class:`Message` or another phrase) in that language, and a tuple of
    them as a list; anything else as it is.  Made where the figures are known (the planner),
    read where the language is (a document)."""

    message: str
    figures: tuple[tuple[str, object], ...] = ()
    plural: str | None = None
    count: int = 0

    def __call__(self, lang: str) -> str:
        shown = {name: _figure(value, lang) for name, value in self.figures}
        if self.plural is not None:
            return nt(self.message, self.plural, self.count, lang, **shown)
        return t(self.message, lang, **shown)


def _figure(value, lang: str) -> str:
    if isinstance(value, float):
        return plain(value, lang, 2)
    if isinstance(value, tuple):
        return ", ".join(_figure(v, lang) for v in value)
    if callable(value):
        return value(lang)
    return str(value)


def phrase(message: str, /, **figures) -> Phrase:
    """A :class:`Phrase` of ``message`` (an English text of the catalog) with ``figures``."""
    return Phrase(message, tuple(figures.items()))


def nphrase(singular: str, plural: str, n: int, /, **figures) -> Phrase:
    """A counted :class:`Phrase`: the form for ``n`` of the phrase in each language."""
    return Phrase(singular, tuple(figures.items()), plural, n)


def language() -> str:
    """The reader's language: the first of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
    that is set, as gettext reads it (``id_ID.UTF-8`` -> ``id``; ``C`` -> English).  The command
    line's ``--lang`` sets ``LANGUAGE``.  Within :func:`reading`, the language it names."""
    chosen = _DOCUMENT.get()
    if chosen is not None:
        return chosen
    return _reader(tuple(os.environ.get(name, "") for name in ENVIRONMENT))


@functools.lru_cache(maxsize=64)
def _reader(environment: tuple[str, ...]) -> str:
    found = gettext.find(DOMAIN, str(LOCALE_DIR))
    return Path(found).parent.parent.name if found else SOURCE


@contextlib.contextmanager
def reading(lang: str) -> Iterator[None]:
    """Messages made within are in ``lang``: for a document that quotes them (a batch's results
    give an invalid row's reason in the results' language, not the computer's)."""
    token = _DOCUMENT.set(lang)
    try:
        yield
    finally:
        _DOCUMENT.reset(token)


def tr(message: str, /, **fields) -> str:
    """``message`` in the reader's language (help, prompts, messages and errors)."""
    return t(message, language(), **fields)


def ntr(singular: str, plural: str, n: int, /, **fields) -> str:
    """A counted phrase in the reader's language."""
    return nt(singular, plural, n, language(), **fields)


def pick(words: dict[str, tuple[str, str] | Message], key: str, lang: str) -> str:
    """``words[key]`` in ``lang``: a text of the catalog (``N_("...")``), or, in the modules not
    yet moved to the catalog, an (Indonesian, English) pair.  New words go into the catalog."""
    entry = words[key]
    if isinstance(entry, Message):
        return entry(lang)
    ind, en = entry
    return en if lang == "en" else ind


def NN_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - marked like N_
    """Mark a counted word for the catalog, its two English forms, without translating it yet."""
    return (singular, plural)


_UNITS = {"piece": NN_("pc", "pcs"), "point": NN_("point", "points"), "sheet": NN_("sheet", "sheets"),
          "unit": NN_("unit", "units"), "set": NN_("set", "sets"), "OH": NN_("person-day", "person-days"),
          "ls": NN_("ls", "ls")}
_CONTAINERS = {"sak": NN_("sack", "sacks"), "batang": NN_("length", "lengths"), "dus": NN_("box", "boxes"),
               "pail": NN_("pail", "pails"), "roll": NN_("roll", "rolls"), "truk": NN_("truck", "trucks"),
               "kaleng": NN_("can", "cans")}

#: Timber pieces, named by section (cm) and length: ``kaso_5x7_4m`` -> ``kaso 5/7, 4 m``.
_PIECES = {"papan": NN_("board", "boards"), "kaso": NN_("batten", "battens"), "usuk": NN_("rafter", "rafters"),
           "reng": NN_("tile batten", "tile battens"), "balok": NN_("beam", "beams")}
_PIECE = re.compile(r"(\d+)x(\d+)_(\d+(?:\.\d+)?)m")


def unit_name(unit: str, lang: str, count: int = 1) -> str:
    """A unit as people write it, for ``count`` of them: ``piece`` -> ``bh``; ``sak_50kg`` ->
    ``sak 50 kg`` (in English ``3 sacks 50 kg``)."""
    if unit in _UNITS:
        return nt(*_UNITS[unit], count, lang)
    head, sep, tail = unit.partition("_")
    piece = _PIECE.fullmatch(tail) if head in _PIECES else None
    if piece:
        return nt(*_PIECES[head], count, lang) + f" {piece.group(1)}/{piece.group(2)}, {piece.group(3)} m"
    if sep and head in _CONTAINERS:
        name = nt(*_CONTAINERS[head], count, lang)
        match = re.fullmatch(r"(\d+(?:\.\d+)?)([a-zA-Z]*)", tail)
        if match and match.group(2):
            return f"{name} {match.group(1)} {match.group(2)}"
        if match:
            return t("{unit} (of {count})", lang, unit=name, count=match.group(1))
    return unit


def purchase_text(parts, lang: str) -> str:
    """What to buy, from (unit, count) pairs: ``2 pail 5 kg + 3 kaleng 1 kg``."""
    return " + ".join(f"{number(count, lang, 0)} {unit_name(unit, lang, count)}" for unit, count in parts)


def prices_text(prices, lang: str) -> str:
    """The price of one of each unit bought, in the order of ``purchase_text``: ``250.000 / 50.000``."""
    return " / ".join(rupiah(round(price), lang, False) for price in prices)


@functools.cache
def separators(lang: str) -> tuple[str, str]:
    """(decimal, thousands) separators of ``lang``: ``(",", ".")`` for Indonesian."""
    return (pt("decimal separator", ".", lang), pt("thousands separator", ",", lang))


def number(value: float, lang: str, decimals: int = 2) -> str:
    """``1234.5`` -> ``1.234,50`` (id) or ``1,234.50`` (en)."""
    text = f"{value:,.{decimals}f}"
    decimal, thousands = separators(lang)
    if (decimal, thousands) == (".", ","):
        return text
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)


def plain(value: float, lang: str, decimals: int = 3) -> str:
    """A measurement without trailing zeros or thousands separators: ``0.015`` -> ``0,015``;
    ``3.0`` -> ``3``."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", separators(lang)[0])


def figure(value: float, lang: str) -> str:
    """A number a message quotes, exactly enough and readably: ``1e9`` -> ``1.000.000.000``,
    ``0.15`` -> ``0,15`` (id); beyond 10^15 or below 10^-6 as Python writes it (``1e+20``)."""
    if value != 0 and (abs(value) >= 1e15 or abs(value) < 1e-6):
        return f"{value:g}".replace(".", separators(lang)[0])
    if float(value).is_integer():
        return number(value, lang, 0)
    text = number(value, lang, 6).rstrip("0")
    return text[:-1] if text.endswith(separators(lang)[0]) else text


#: The months of the year, as dates and plans name them.
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def joined(items: list[str], lang: str) -> str:
    """``a, b and c`` (``a, b dan c``)."""
    if len(items) < 2:
        return "".join(items)
    return t("{items} and {last}", lang, items=", ".join(items[:-1]), last=items[-1])


def month_names(months: tuple[int, ...], lang: str) -> str:
    """Calendar months 1-12 in words: ``Januari, Februari dan Desember``."""
    return joined([MONTHS[m - 1](lang) for m in months], lang)


def month_year(year: int, month: int, lang: str) -> str:
    """A calendar month as people write it: ``Juli 2024`` (id), ``July 2024`` (en)."""
    return f"{MONTHS[month - 1](lang)} {year}"


def long_date(date, lang: str) -> str:
    """A date as people write it: ``7 Desember 2026`` (id), ``7 December 2026`` (en)."""
    return f"{date.day} {MONTHS[date.month - 1](lang)} {date.year}"


#: Units written with a superscript where people read them: ``m2`` -> ``m²``.
_UNIT_POWER = re.compile(r"\b(mm|cm|m)([23])\b")


def superscript_units(text: str) -> str:
    """``Rumah inti 21 m2`` -> ``Rumah inti 21 m²``: one way of writing square and cubic metres in
    the whole document (template and material names are written ``m2`` in the catalog)."""
    return _UNIT_POWER.sub(lambda m: m.group(1) + ("²" if m.group(2) == "2" else "³"), text)


def rupiah(amount: int, lang: str, prefix: bool = True) -> str:
    """``1234567`` -> ``Rp 1.234.567`` (id) or ``Rp 1,234,567`` (en)."""
    text = number(amount, lang, 0)
    return f"Rp {text}" if prefix else text
