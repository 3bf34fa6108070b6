"""A guided consultation at the clinic desk: questions in, a household file out.

The session asks one thing at a time, checks each answer at once (an invalid answer is explained
and asked again) and saves what it has after every answer, so that a consultation cut short can
be reopened with its saved file: every saved answer is offered again as the default, and Enter
keeps it; a question the saved file never answered says so.  Once the money and the house are
known, the session plans the house for this family and says the month it becomes livable, and
says it again after every choice that changes it; a house that comes late, or cannot be started,
gets its *saran* (what would help) before the end.  Nothing here reads a keyboard or prints: the
caller passes a :class:`Desk` that asks and tells (the command line uses click; tests use a
script).  Everything the technician reads is in the desk's language, from the catalog.
"""

from __future__ import annotations

import copy
import datetime
import math
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import yaml

from .. import i18n
from ..clock import today
from ..errors import RumahError, nearest
from ..house.design import fits_plot
from ..house.existing import SURVEYED_HEIGHTS
from ..i18n import N_, nt, plain, rupiah, t, tr
from ..output import release_input, write_atomic
from ..plan.household import (  # the least income and offer: below, an amount typed in thousands
    BSPS_MATERIALS_SHARE,
    DEFAULT_GRANT_PERIOD,
    LEAST_INCOME,
    LEAST_OFFER,
    MAX_NAME,
    MAX_OFFER_NAME,
    MOST_INCOME_SHARE,
    money,
    named_bsps,
    parse_grant,
    parse_household,
    standing_size,
    year_month,
)
from ..schema import Where, folded
from ..schema import name as checked_name
from .library import Library


class Invalid(ValueError):
    """An answer that cannot be used; the message says why, in the desk's language."""


class Desk(Protocol):
    def ask(self, question: str, default: str | None, check: Callable[[str], Any],
            shown: Callable[[Any], str] = str, note: str = "") -> Any:
        """Ask until ``check`` accepts the answer (it raises :class:`Invalid` otherwise); an empty
        answer means ``default``.  ``shown`` writes an accepted value in words (to confirm a number
        picked from a list); ``note`` says something of the question itself ("not answered yet"),
        apart from its text, which stays the same from one asking to the next."""

    def tell(self, text: str) -> None:
        """Show the family something (an explanation, a running estimate)."""


WORDS = {
    "name": N_("Family name (e.g. Keluarga Bapak Slamet)"),
    "members": N_("People living in the house"),
    "children": N_("How many of them are children"),
    "region": N_("District (price list)"),
    "regions": N_("Price lists available: {names}"),
    "income": N_("Household income per month (Rp, e.g. 2,400,000 or 2.4 juta)"),
    "budget": N_("Money for building the house each month: a share of the income (e.g. 30%) or an amount "
                 "(e.g. 750,000 or 0.75 juta)"),
    "budget_help": N_("Usually about 30 per cent of the income (the share banks use for instalments). Ask what "
                      "the family can manage."),
    "season_months": N_("Months when that money is different (a lean season, e.g. Jan Feb Dec or 1 2 12; "
                        "no: the same every month)"),
    "season_shares": N_("The money of those months, as a share of a usual month's (e.g. 40%, or one per month: "
                        "40%, 40%, 50%)"),
    "savings": N_("Savings available now (Rp)"),
    "bsps": N_("Receiving a BSPS grant? (yes/no)"),
    "bsps_amount": N_("Grant amount (Rp)"),
    "grant_amount_left": N_("Grant amount still to come, after what it has paid for the work built (Rp)"),
    "bsps_materials": N_("Part given as building materials (Rp)"),
    "bsps_month": N_("Grant arrives in month (1 = this month; or the month's name, e.g. June)"),
    "other_grant": N_("Any other grant (village, company, relatives)? (yes/no)"),
    "other_name": N_("Grant name"),
    "loan": N_("Could the family take a loan? (yes/no)"),
    "loan_name": N_("Loan name"),
    "loan_amount": N_("Loan amount (Rp)"),
    "loan_rate": N_("Interest a year (e.g. 6%)"),
    "loan_tenor": N_("Months to repay (or years: 5 years)"),
    "plot_width": N_("Plot width at the street (m)"),
    "plot_depth": N_("Plot depth (m)"),
    "flood": N_("Does the plot flood (rain or tide)? (yes/no)"),
    "flood_height": N_("Height of the last flood above the ground by the house (m; 0 if it stayed off the plot)"),
    "subsidence": N_("How fast the land sinks (cm a year; about 6 in Kota Pekalongan, 3 on the Kendal coast, 0 "
                     "where it does not sink)"),
    "fits": N_("House types that fit the plot of {w} x {d} m and can house {n}, planned for this family:"),
    "none_house": N_("No house type that fits this plot can house {n}; the types that fit are shown."),
    "none_fit": N_("No type fits this plot; all types are shown."),
    "type_line": N_("{k}. {name} ({id}): {w} x {d} m, {areas} m²; {cost} at the prices of {month}, first work "
                    "{first}; {outcome}"),
    "too_small": N_("Too small for {n}: {names}."),
    "template": N_("Choose a house type (number or name)"),
    "plinth": N_("Floor height above the ground (m; flooding plots: 0.5 to 1.0)"),
    "choice": N_("{label} (number or name)"),
    "labour": N_("Labour: everyone paid, or labourers from the community (gotong royong)? (number)"),
    "labour_paid": N_("Tradesmen and labourers all paid"),
    "labour_community": N_("Labourers from the community (gotong royong), tradesmen paid"),
    "estimate": N_("Estimated cost (prices of {listed}, list {prices}, AHSP {ahsp}): {steps}; in all {total}, "
                   "{risen} at the prices of {month}"),
    "step_cost": N_("step {n}: {cost}"),
    "effect": N_("{n}. {label}: {delta}; {outcome}"),
    "same": N_("current choice"),
    "outcome": N_("For this family: {outcome}."),
    "livable": N_("livable from {cal} (month {m})"),
    "not_livable": N_("not livable within {h}"),
    "never": N_("never livable for {n} in this house type"),
    "cannot": N_("the first work cannot start within {h}: {total} missing, or {monthly} more a month"),
    "saran": N_("What would help:"),
    "saran_pick": N_("Make one of these changes? (its number; Enter: none)"),
    "saran_made": N_("Changed: {what}."),
    "choice_none": N_("{label}: the repairs build none, whatever is chosen; not asked."),
    "no_saran": N_("No saran: the plan is as good as the changes tried can make it."),
    "no_saran_start": N_("No saran: none of the changes tried makes the house livable within the months planned "
                         "(some may let work start, as the choices above show); what is missing is said above."),
    "another_family": N_("Another family than {file}'s: that file stays as it is, and this consultation is saved "
                         "in {path}."),
    "start_moved": N_("This file planned from {before}; this consultation plans from {now} (month 1): the savings "
                      "are as of now, and a grant's month is counted from now, in the same calendar month (one "
                      "due already is due now). Check them."),
    "not_number": N_("Answer with a number."),
    "yes_no": N_("Answer yes or no."),
    "between": N_("The number must be between {lo} and {hi}."),
    "not_money": N_("Write an amount in rupiah, e.g. 2,400,000 or 2.4 juta."),
    "zero_none": N_("Rp 0: taken as none."),
    "chosen_too_big": N_("{name} takes {w} x {d} m with its entrance steps: more than the plot ({pw} x {pd} m). "
                         "It is planned all the same; the quote says it does not fit."),
    "steps_past_plot": N_("With the floor {h} m up, the house and its entrance steps take {w} x {d} m: more than "
                          "the plot ({pw} x {pd} m). A lower floor, or another house type (reopen with --from)."),
    "no_income": N_("The income must be more than Rp 0: the money for the house comes from it."),
    "more_than_income": N_("That is more than the income ({income}); write a share or a smaller amount."),
    "grant_lost": N_("{name}: {amount} of it would not be used by month {end} and would be lost (why: in the notes "
                     "with the plan)."),
    "more_than_half": N_("That is more than half the income ({income}): what is left would not keep the family "
                         "month after month. Write what the family can put aside for the house."),
    "too_little_savings": N_("{amount} is too little for savings: write the whole amount, e.g. {meant} or "
                             "{spoken}, or 0 for none."),
    "month_past": N_("{month} is past: this plan's month 1 is {now}. A grant that has come already is month 1."),
    "too_little_offer": N_("{amount} is too little for a grant or a loan: write the whole amount, e.g. {meant} or "
                           "{spoken}."),
    "too_little_income": N_("{amount} a month is too little for an income: write the whole amount, e.g. {meant} "
                            "or {spoken}."),
    "negative_money": N_("An amount of money cannot be less than nothing: write 0 for none."),
    "share_or_juta": N_("{typed} is read as {share}% of the income ({amount} a month): write {share}% for that, "
                        "or {typed} juta for an amount."),
    "too_little_monthly": N_("{amount} a month is too little for the house: write the whole amount, e.g. {meant} "
                             "or {spoken}, or a share of the income such as 30%."),
    "grant_lapsed": N_("{name}: its period to be used in ended before this month; check whether it is still to come."),
    "rate_month_too_low": N_("{value} a month is {yearly} a year: less than any lender asks; an interest-free loan "
                             "is 0%."),
    "rate_far_too_low": N_("{value} a year is less than any lender asks, even as a rate a month; an interest-free "
                           "loan is 0%."),
    "rate_too_low": N_("{value} a year is less than any lender asks; if it is a rate a month, write the rate a "
                       "year ({yearly}); an interest-free loan is 0%."),
    "not_month": N_("Write months as numbers 1 to 12 or names (Jan Feb Dec), separated by spaces."),
    "shares_count": N_("Write one share, or one for each of the {n} months."),
    "share_not_amount": N_("{value} looks like an amount of money: write the share of a usual month's money "
                           "(e.g. 40%)."),
    "rate_unclear": N_("{value} would be {percent} % a year: write the rate with a per cent sign (e.g. 6%). A "
                       "rate a month times 12 is the rate a year (0.5% a month is 6% a year)."),
    "not_whole_months": N_("Write the months to repay as whole months (e.g. 18, or 1.5 years)."),
    "unknown": N_("There is no choice {answer!r}."),
    "maybe": N_(" Did you mean: {names}?"),
    "empty": N_("The answer cannot be empty."),
    "saved_unusable": N_("  (the saved answer {value} cannot be used; answer again)"),
    "saved_refused": N_("  (the saved answer {value} cannot be used: {reason} Answer again.)"),
    "bsps_split": N_("  (BSPS usually gives {usual} % of the grant as materials, {materials} of {amount}; "
                     "this grant gives {given} %, the rest as wages: check the grant's letter)"),
    "other_not_bsps": N_("BSPS is asked above (it is given once): name this grant by who gives it."),
    "saved_dropped": N_("  (the saved {key}: {value} cannot be used and is left out: {reason})"),
    "unanswered": N_("(not answered yet)"),
    "too_long": N_("Too long: at most {n} characters."),
    "bad_name": N_("This name cannot be used: {reason}."),
    "no_glyph": N_("the character {ch} ({code}) is not in the quote's font; write it without it"),
    "unfinished": N_("Consultation not finished: carry on with `rumah konsultasi --from {path}`"),
}

#: Yes and no as technicians type them, Javanese included (nggih / ora, mboten, ndak).
YES = {"ya", "y", "yes", "iya", "1", "benar", "nggih", "inggih", "ada", "punya", "sudah", "mau", "bisa"}
NO = {"tidak", "t", "no", "n", "tdk", "0", "bukan", "gak", "nggak", "enggak", "ga", "ngga", "ndak", "ora", "mboten",
      "tidak ada", "tak ada", "gak ada", "nggak ada", "belum", "belum ada", "tidak punya", "tidak bisa", "none"}
#: Month names and their short forms, English and Indonesian, as a technician may type them.
MONTH_NAMES = {name: k for k, names in enumerate(
    (("januari", "january", "jan"), ("februari", "february", "feb", "peb"), ("maret", "march", "mar"),
     ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
     ("agustus", "august", "agu", "agt", "aug"), ("september", "sep", "sept"), ("oktober", "october", "okt", "oct"),
     ("november", "nov", "nop"), ("desember", "december", "des", "dec")), 1) for name in names}
#: A family not livable within this many months is shown what would help (rumah.plan.advice).
LATE = 24


def w(key: str, lang: str) -> str:
    return WORDS[key](lang)


#: An amount grouped in thousands the English way, as the English desk writes it: ``Rp 1,719,000``.
_ENGLISH_GROUPS = re.compile(r"(?:rp\.?\s*)?(\d{1,3}(?:,\d{3})+)", re.IGNORECASE)


def rupiah_answer(text: str, lang: str) -> int:
    """``2.400.000``, ``2400000``, ``Rp 2.400.000``, ``2,4 juta`` or ``750 ribu`` in Rupiah (in
    English also ``Rp 2,400,000``, the form the English desk offers its saved answers in)."""
    cleaned = text.strip()
    grouped = _ENGLISH_GROUPS.fullmatch(cleaned) if lang == "en" else None
    if grouped:
        cleaned = grouped.group(1).replace(",", "")
    try:
        return money(cleaned, Where("answer"))
    except RumahError:
        if re.match(r"\s*(rp\.?\s*)?[-\u2212]\s*\d", cleaned, re.IGNORECASE):
            raise Invalid(w("negative_money", lang)) from None
        raise Invalid(w("not_money", lang)) from None


#: Less than any family puts into its house in a month: an amount typed in thousands. [IDR]
LEAST_MONTHLY = 10_000
#: A number without a sign below this, for the money for the house, may be a share in per cent or
#: an amount in juta: it is asked again (a stated rule: 5 % is less than any family the clinics
#: meet sets aside, and 5 juta more than most can a month).
AMBIGUOUS_SHARE = 5


def _in_thousands(key: str, amount: int, lang: str, least: int = 0) -> Invalid:
    """``amount`` refused as one typed in thousands (``key`` says what for), with the whole
    amount it was most likely meant to be, written both ways: in juta when the thousands would
    still be less than ``least`` (``20`` for a grant is 20 juta, not Rp 20.000, itself refused)."""
    meant = amount * 1000 if amount * 1000 >= least else amount * 1_000_000
    return Invalid(w(key, lang).format(amount=_rupiah_shown(amount, lang), meant=i18n.number(meant, lang, 0),
                                       spoken=f"{_plain(meant / 1_000_000, lang)} juta"))


def _income_answer(text: str, lang: str) -> int:
    """An income: an amount above nothing (a household file refuses Rp 0, and nothing can be
    planned); one below :data:`LEAST_INCOME` is asked again."""
    income = rupiah_answer(text, lang)
    if income <= 0:
        raise Invalid(w("no_income", lang))
    if income < LEAST_INCOME:
        raise _in_thousands("too_little_income", income, lang, LEAST_INCOME)
    return income


def _typed_number(text: str, lang: str) -> float | None:
    """A plain number as the language writes it: ``2.400`` is two thousand four hundred in
    Indonesian (``2,400`` in English), ``0,3`` a fraction; None when it is not one."""
    thousands = r"\d{1,3}(\.\d{3})+" if lang == "id" else r"\d{1,3}(,\d{3})+"
    if re.fullmatch(thousands, text):
        return float(re.sub(r"[.,]", "", text))
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def number_answer(text: str, lang: str, lo: float, hi: float, whole: bool = False) -> float:
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = int(cleaned) if whole else float(cleaned)
    except ValueError:
        raise Invalid(w("not_number", lang)) from None
    return _within(value, lang, lo, hi)


def _within(value: float, lang: str, lo: float, hi: float, unit: str = "") -> float:
    """``value`` when it is from ``lo`` to ``hi``; else what is expected, the bound written with
    ``unit`` (`` m``) when the answer has one."""
    if not lo <= value <= hi:
        raise Invalid(w("between", lang).format(lo=_plain(lo, lang), hi=_plain(hi, lang) + unit))
    return value


def metres_answer(text: str, lang: str, lo: float, hi: float) -> float:
    """A length in metres, as people write it: ``6``, ``6,5 m``, ``6 meter``, ``650 cm``, ``80cm``."""
    found = re.fullmatch(r"([0-9]+(?:[.,][0-9]+)?)\s*(cm|m|meter|metre|meters|metres)?\.?", text.strip().lower())
    if found is None:
        return number_answer(text, lang, lo, hi)            # (says what it expects)
    value = float(found.group(1).replace(",", "."))
    return _within(value / 100 if found.group(2) == "cm" else value, lang, lo, hi, " m")


def per_year_answer(text: str, lang: str, lo: float, hi: float) -> float:
    """Centimetres a year, with or without the unit: ``6``, ``6 cm``, ``6 cm/tahun``, ``6 cm a year``."""
    cleaned = re.sub(r"\s*cm\s*(/\s*(th|thn|tahun|year|yr)|per\s+(tahun|year)|a\s+year|setahun)?\.?$", "",
                     text.strip().lower())
    return number_answer(cleaned, lang, lo, hi)


def share_answer(text: str, lang: str) -> float:
    text = _per_cent_word(text)
    value = number_answer(text, lang, 0, 100)
    share = value / 100 if text.strip().endswith("%") or value > 1 else value
    if not 0 < share <= 1:
        raise Invalid(w("between", lang).format(lo="1%", hi="100%"))
    return share


def _per_cent_word(text: str) -> str:
    """``30 persen``, ``30 percent``, ``30 pct`` written as ``30%``."""
    return re.sub(r"(?i)\s*(?:persen|percent|per cent|pct|prosen)\.?\s*$", "%", text.strip())


def budget_answer(text: str, lang: str, income: int) -> tuple[str, float | int]:
    """The money for the house each month: ``("share", 0.3)`` from ``30%``, ``30`` or ``0,3``;
    ``("monthly", 750000)`` from ``750.000``, ``Rp 750.000`` or ``0,75 juta``."""
    text = _per_cent_word(text)
    cleaned = text.strip().lower()
    spoken = any(word in cleaned for word in ("juta", "jt", "ribu", "rb", "rp"))
    number = _typed_number(cleaned.rstrip("%").strip(), lang)
    if not spoken and number is not None and (cleaned.endswith("%") or number <= 100):
        if not cleaned.endswith("%") and 1 <= number < AMBIGUOUS_SHARE:
            # "2,5": 2,5 % of the income (a few ten thousand Rupiah) or 2,5 juta? Asked, not guessed.
            share = number / 100
            raise Invalid(w("share_or_juta", lang).format(
                typed=text.strip(), share=_plain(number, lang), amount=_rupiah_shown(round(share * income), lang)))
        share = share_answer(text, lang)
        if share > MOST_INCOME_SHARE:
            raise Invalid(w("more_than_half", lang).format(income=_rupiah_shown(income, lang)))
        return "share", share
    amount = rupiah_answer(text, lang)
    if amount <= 0:
        raise Invalid(w("not_money", lang))
    if amount < LEAST_MONTHLY:
        raise _in_thousands("too_little_monthly", amount, lang, LEAST_MONTHLY)
    if amount > income:
        raise Invalid(w("more_than_income", lang).format(income=_rupiah_shown(income, lang)))
    if amount > MOST_INCOME_SHARE * income:
        raise Invalid(w("more_than_half", lang).format(income=_rupiah_shown(income, lang)))
    return "monthly", amount




#: Less than anyone calls savings: an amount typed in thousands ("2500" for 2,5 juta), asked again.
LEAST_SAVINGS = 10_000


def savings_answer(text: str, lang: str) -> int:
    """The savings (0: none); an amount below :data:`LEAST_SAVINGS` is asked again."""
    amount = rupiah_answer(text, lang)
    if 0 < amount < LEAST_SAVINGS:
        raise _in_thousands("too_little_savings", amount, lang, LEAST_SAVINGS)
    return amount


def offer_answer(text: str, lang: str) -> int:
    """A grant's or a loan's amount (0: none); one below :data:`LEAST_OFFER` is asked again."""
    amount = rupiah_answer(text, lang)
    if 0 < amount < LEAST_OFFER:
        raise _in_thousands("too_little_offer", amount, lang, LEAST_OFFER)
    return amount


def months_answer(text: str, lang: str) -> tuple[int, ...]:
    """Calendar months from ``1 2 12``, ``Jan Feb Des`` or ``januari, februari``; none from ``tidak``."""
    cleaned = text.strip().lower()
    if cleaned in NO or cleaned in ("-", "none", "tidak ada"):
        return ()
    found = []
    for part in re.split(r"[\s,;/]+", cleaned):
        if not part:
            continue
        if part.isdigit() and 1 <= int(part) <= 12:
            found.append(int(part))
        elif part in MONTH_NAMES:
            found.append(MONTH_NAMES[part])
        else:
            raise Invalid(w("not_month", lang))
    # In the order typed: the shares asked next are given in it (a lean season over the new
    # year, "Des Jan Feb", then "10% 20% 30%", is December's 10 %).
    return tuple(dict.fromkeys(found))


def tenor_answer(text: str, lang: str) -> int:
    """Months to repay: ``36`` or ``36 bulan``, or years as a lender says them (``5 tahun``,
    ``1,5 tahun``, ``3 th``, ``2 years``): whole months."""
    found = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*(tahun|thn|th|years?|yrs?|bulan|bln|months?)?\.?\s*", text.lower())
    if found and found.group(2) and found.group(2)[0] in "ty":
        months = float(found.group(1).replace(",", ".")) * 12
        if abs(months - round(months)) > 1e-9:
            raise Invalid(w("not_whole_months", lang))
        return int(number_answer(str(round(months)), lang, 1, 360, whole=True))
    if found:
        return int(number_answer(found.group(1), lang, 1, 360, whole=True))
    return int(number_answer(text, lang, 1, 360, whole=True))


def plan_month_answer(text: str, lang: str, today: datetime.date) -> int:
    """A month of the plan (1 = this month, up to 120), or a calendar month's name: its next
    coming, this month's own name being month 1 (``Juni`` said in March is month 4), or with its
    year (``Juni 2027``)."""
    parts = text.strip().lower().split()
    if parts and parts[0] in MONTH_NAMES and len(parts) <= 2:
        month = MONTH_NAMES[parts[0]]
        if len(parts) == 1:
            return (month - today.month) % 12 + 1
        if parts[1].isdigit():
            ahead = (int(parts[1]) - today.year) * 12 + month - today.month + 1
            if ahead < 1:
                raise Invalid(w("month_past", lang).format(month=i18n.month_year(int(parts[1]), month, lang),
                                                           now=i18n.month_year(today.year, today.month, lang)))
            if not ahead <= 120:
                raise Invalid(w("between", lang).format(lo=_plain(1, lang), hi=_plain(120, lang)))
            return ahead
    return int(number_answer(text, lang, 1, 120, whole=True))


def shares_answer(text: str, lang: str, count: int) -> tuple[float, ...]:
    """One share of a usual month's money (``40%``, ``0,4``), or one for each of ``count`` months."""
    if re.match(r"(?i)\s*rp\.?\s*\d", text):
        raise Invalid(w("share_not_amount", lang).format(value=text.strip()))
    parts = [part.rstrip(",") for part in text.replace(";", " ").split() if part.rstrip(",")]
    shares = []
    for part in parts:
        if re.fullmatch(r"(?:rp\.?\s*)?\d{1,3}(?:\.\d{3})+(?:,-?)?", part.strip().lower()):
            raise Invalid(w("share_not_amount", lang).format(value=part))
        value = number_answer(part, lang, 0, 200)
        shares.append(value / 100 if part.endswith("%") or value > 2 else value)
    if len(shares) == 1:
        shares *= count
    if len(shares) != count:
        raise Invalid(w("shares_count", lang).format(n=count))
    if any(not 0 <= share <= 2 for share in shares):
        raise Invalid(w("between", lang).format(lo="0%", hi="200%"))
    return tuple(shares)


#: The most a rate written as a bare fraction (``0,06``) may be: a stated project bound, above
#: the dearest KUR and cooperative loans of catalog/loans.yaml and the examples (12 %).
MOST_BARE_RATE = 0.25


#: Less than any lender asks a year (the cheapest of catalog/loans.yaml, KUR Super Mikro, is
#: 3 %): a rate a month typed as a rate a year (1,5 %), asked again.  A cheaper loan than that
#: can be written in the household file.
LEAST_RATE = 0.03

#: "1,5 % per bulan", "1,5%/bln", "1.5% a month": a rate a month, as cooperatives quote it.
_A_MONTH = re.compile(r"\s*(?:persen\s*|percent\s*)?(?:per\s*bulan|per\s*bln|sebulan|bulanan|/\s*bl?n|/\s*bulan|"
                      r"a\s+month|per\s+month|monthly|/\s*month|/\s*mo)\.?$")


def rate_answer(text: str, lang: str) -> float:
    """A yearly interest rate: ``6%``, ``6`` (taken as per cent) or ``0,06``; at most 60 %.  A
    bare number below 1 that would be more than :data:`MOST_BARE_RATE` a year is refused: "0,5"
    is as likely half a per cent (a month, as KUR is often quoted) as 50 % a year."""
    monthly = _A_MONTH.search(text.strip().lower())
    if monthly is not None:
        # A rate a month (simple interest, as it is quoted) is twelve times that a year; its
        # number is a per cent, with or without the sign ("0,5 per bulan").
        figure = text.strip()[:monthly.start()].strip().rstrip("%").strip() or "x"
        yearly = number_answer(figure, lang, 0, 5) / 100 * 12
        if 0 < yearly < LEAST_RATE:
            raise Invalid(w("rate_month_too_low", lang).format(value=_percent(yearly / 12, lang),
                                                               yearly=_percent(yearly, lang)))
        return yearly
    value = number_answer(text, lang, 0, 60)
    percent = text.strip().endswith("%")
    if not percent and value < 1 and value > MOST_BARE_RATE:
        raise Invalid(w("rate_unclear", lang).format(value=text.strip(), percent=_plain(value * 100, lang)))
    rate = value / 100 if percent or value >= 1 else value
    if rate > 0.6:
        raise Invalid(w("between", lang).format(lo="0%", hi="60%"))
    if 0 < rate < LEAST_RATE:
        if rate * 12 >= LEAST_RATE:
            raise Invalid(w("rate_too_low", lang).format(value=_percent(rate, lang), yearly=_percent(rate * 12, lang)))
        raise Invalid(w("rate_far_too_low", lang).format(value=_percent(rate, lang)))
    return rate


def yes_no(text: str, lang: str) -> bool:
    """Yes or no as people answer ("ada?" - "tidak ada", "belum"), spaces and a full stop aside."""
    answer = " ".join(text.strip().lower().rstrip(".!").split())
    if answer in YES:
        return True
    if answer in NO:
        return False
    raise Invalid(w("yes_no", lang))


def pick(text: str, lang: str, options: list[str], labels: dict[str, str] | None = None) -> str:
    """One of ``options`` by its number in the list shown, its name as shown (``labels``), its id,
    or a close spelling of either."""
    # "Kab.Kendal" is "Kab. Kendal": an abbreviation's full stop parts words.
    answer = re.sub(r"\.(?=[^\W\d])", ". ", text.strip())
    if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1]
    ids = {option.lower(): option for option in options}
    if answer.lower() in ids:
        return ids[answer.lower()]
    labels = labels or {}
    by_label = {label.lower(): option for option, label in labels.items()}
    if answer.lower() in by_label:
        return by_label[answer.lower()]
    # The one option whose id or name the answer is a slip of; names merely alike are suggested.
    slips = {option for name, option in (*ids.items(), *by_label.items()) if _a_slip(answer, name)}
    if answer and len(slips) == 1:
        return slips.pop()
    close = [ids[name] for name in nearest(answer.lower(), list(ids))]
    close_labels = nearest(answer.lower(), list(by_label))
    message = w("unknown", lang).format(answer=answer)
    # (An option whose id and name are both alike is named once.)
    names = list(dict.fromkeys([labels.get(c, c) for c in close] + [labels[by_label[c]] for c in close_labels]))
    if names:
        message += w("maybe", lang).format(names=", ".join(names))
    raise Invalid(message)


def _a_slip(answer: str, name: str) -> bool:
    """Whether ``answer`` is ``name`` mistyped (``kendall``, ``madion``, ``bolra``, ``piad``),
    shortened (``kab. kendal``), begun (``pekal``, ``community``) or the code in its brackets
    (``AAC`` for ``Bata ringan (AAC)``), word by word, and so taken for it without asking: a name
    merely alike (``jakarta`` for Surakarta, ``sumatra`` for Semarang, ``Kabupaten Pemalang`` for
    ``kab semarang``) is only suggested."""
    said = _words(re.sub(r"^kab\b\.?", "kabupaten", answer.strip().lower()))
    bracket = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", name.strip().lower())
    for target in [name] + ([bracket.group(1), bracket.group(2)] if bracket else []):
        words = _words(target)
        if not said or len(said) > len(words):
            continue
        pairs = list(zip(said, words))
        last, word = pairs[-1]
        # Each word with a slip at the most (a letter in five); the last may be begun.
        if all(_slips(a, b) <= max(1, len(b) // 5) for a, b in pairs[:-1]) and (
                _slips(last, word) <= max(1, len(word) // 5) or (len(last) >= 3 and word.startswith(last))):
            return True
    return False


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _slips(a: str, b: str) -> int:
    """Letters wrong, missing, extra or swapped with their neighbour between ``a`` and ``b``."""
    previous, row = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (x != y))
            if previous is not None and i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], previous[j - 2] + 1)
        previous, row = row, current
    return row[-1]


#: Top-level keys of the household file in the order the questions come (an answer to a later
#: one means the earlier optional ones were answered, even when their answer left no key).
ORDER = ("name", "members", "composition", "region", "income_monthly", "housing_share", "housing_monthly",
         "seasonal", "savings", "grants", "loans", "plot", "template", "parameters", "labour")
#: Questions whose "no" writes nothing into the file, and the key their answer goes into.
#: How far a BSPS grant's materials share may stray from BSPS's own (87.5 %) before konsultasi says
#: so: ten points, beyond any rounding of a grant's parts to whole Rupiah or thousands.
SPLIT_TOLERANCE = 0.10
OPTIONAL = {"_season": "seasonal", "_bsps": "grants", "_other": "grants", "_loan": "loans"}


class Consultation:
    """One family's consultation; ``answers`` is the household file being built.

    date : the day of the consultation: month 1 of the plans shown (default today).
    library : keeps the templates, prices, bills and plans loaded (the web desk shares one between
        its consultations, which it replays from the first question at every answer).
    """

    def __init__(self, desk: Desk, path: Path | None, lang: str = "id", saved: dict | None = None,
                 locate: Callable[[str], Path] | None = None, date: datetime.date | None = None,
                 library: Library | None = None, draft: Path | None = None):
        """``path`` is where the household file is saved; when None, ``locate(family name)`` gives
        it once the name is known.  ``draft``: where the answers are saved until the last one, when
        ``path`` holds a finished file that a consultation stopped halfway must not spoil."""
        self.desk, self.path, self.lang, self.locate, self.draft = desk, path, lang, locate, draft
        self.saved = saved or {}
        # A reopened file keeps everything not asked (inflation, crew, notes ...): the session only
        # overwrites what it asks, so no saved answer is ever lost.
        self.answers: dict = copy.deepcopy(self.saved)
        self.date = date or today()
        self._rp = lambda amount: _rupiah_shown(amount, lang)
        self._num = lambda value: _plain(value, lang)
        # Lengths as the drawings and the quote write them: 6,00 m, 0,80 m.
        self._m = lambda value: i18n.number(value, lang, 2)
        self.library = library or Library()
        self._shown: tuple | None = None
        self.plan = None
        #: The plan of the answers as saved at the end, with what would help when it is late
        #: (None when a change was made after it was worked out): the quote can use it as it is.
        self.final = None

    def _amount_question(self, grant: dict) -> str:
        """The grant's amount; after a follow-up visit (work recorded built), the file holds what is
        still to come of it, and the question says so: writing the whole grant again would count
        what it has paid twice."""
        if self.saved.get("built") and grant.get("amount") is not None:
            return w("grant_amount_left", self.lang)
        return w("bsps_amount", self.lang)

    def _plan_month(self, month: int) -> str:
        """A month of the plan with its calendar month: ``4 (Maret 2027)`` (month 1 is this one)."""
        from ..documents.quote import calendar
        return f"{month} ({calendar(self.date, month, self.lang)})"

    # -- asking and saving --------------------------------------------------------------------

    def ask(self, key: str, question: str, check: Callable[[str], Any], default: Any = None,
            shown: Callable[[Any], str] = str, saved: Any = None) -> Any:
        """Ask, offering the saved answer (or ``default``); store the answer under ``key``.
        ``saved`` is the saved answer when it is not written under ``key`` in the file."""
        previous = self._offer(key, check, default, saved)
        try:
            offered = None if previous is None else shown(previous)
        except (TypeError, ValueError):
            offered = str(previous)                   # as written in the file, e.g. "2.400.000"
        note = w("unanswered", self.lang) if self.saved and not self._answered(key) else ""

        def checked(text: str) -> Any:
            # Enter keeps the saved answer itself, not its printed form (Rp 2,400,000 in English).
            if previous is not None and text.strip() in ("", offered):
                return previous
            return check(text)

        value = self.desk.ask(question, offered, checked, shown, note)
        _put(self.answers, key, value)
        if key == "name" and self.path is None and self.locate is not None:
            self.path = self.locate(value)
        elif key == "name" and self._another_family(value):
            # A finished file reopened for a family of another name (a survey kept as a starting
            # point, an example): this family gets a folder of its own; the file stays as it is.
            if self.draft is not None:
                self.draft.unlink(missing_ok=True)
                self.draft = None
            kept, self.path = self.path, self.locate(value)
            survey = self.answers.get("existing_house")
            if isinstance(survey, str):
                # The survey's own file, named beside the file kept: copied beside the new one
                # (a household file names it without a folder).
                source, copied = kept.parent / survey, self.path.parent / survey
                if source.is_file() and not copied.exists():
                    shutil.copy2(source, copied)
            self.desk.tell(w("another_family", self.lang).format(file=kept, path=self.path))
        self.save(complete=False)
        return value

    def _another_family(self, name: str) -> bool:
        """Whether ``name`` is another family's than the finished file reopened (kept unwritten):
        a file that is not a consultation's own (household.yaml: there a new name is a correction)."""
        before = self.saved.get("name")
        return (self.locate is not None and self.draft is not None and self.path is not None
                and self.path.is_file() and self.path.name != "household.yaml" and isinstance(before, str)
                and " ".join(name.casefold().split()) != " ".join(before.casefold().split()))

    def _answered(self, key: str) -> bool:
        """Whether the saved file answered this question (its own key, or, for a question whose
        "no" writes nothing, any question asked after it)."""
        head = key.split(".")[0]
        if _get(self.saved, key) is not None or (head == "_housing" and ("housing_share" in self.saved
                                                                        or "housing_monthly" in self.saved)):
            return True
        if key == "plot.flood_risk" and _get(self.saved, "plot.flood") is not None:
            return True                     # a flood record says the plot floods
        if head in OPTIONAL:
            top = OPTIONAL[head]
            later = ORDER[ORDER.index(top) + 1:]
            return top in self.saved or any(k in self.saved for k in later)
        return False

    def _offer(self, key: str, check: Callable[[str], Any], default: Any, saved: Any = None) -> Any:
        """The answer to offer: the saved one if it passes the question's own check (a reopened
        file may hold anything), else the default, held to the same check (a default may come
        from the file too: the amount of a saved grant); nothing when neither passes."""
        saved = _get(self.saved, key) if saved is None else saved
        for value in (saved, default):
            if value is None:
                continue
            typed = _as_answer(value, self.lang)
            try:
                return check(typed)
            except Invalid as refused:
                # As a technician would have typed it (60%, not ('share', 0.6)), and why not.
                shown = typed if typed != "\x00" else _briefly(value)
                self.desk.tell(w("saved_refused", self.lang).format(value=_briefly(shown), reason=refused))
        return None

    @property
    def saved_at(self) -> Path | None:
        """Where the answers so far are saved: the draft, while there is one, else the file."""
        return self.draft if self.draft is not None else self.path

    def save(self, complete: bool) -> None:
        if self.path is None:
            return
        where = self.path if complete else self.saved_at
        head = "" if complete else "# " + w("unfinished", self.lang).format(path=where) + "\n"
        # The plans shown start in the consultation's month (run() sets it: _start_now): the file
        # says so, so that planning it later starts where the family was told.
        self.answers.setdefault("start_month", f"{self.date.year}-{self.date.month:02d}")
        body = yaml.safe_dump(self.answers, allow_unicode=True, sort_keys=False, default_flow_style=False)
        write_atomic(where, head + body)
        if complete and self.draft is not None:
            self.draft.unlink(missing_ok=True)
            self.draft = None

    # -- the questions ------------------------------------------------------------------------

    def _start_now(self) -> None:
        """The plans start in the consultation's month: every answer is given as of now (savings
        now, a grant's month counted from this one).  A file reopened in a later month had its
        month 1 in the month it was made: said, so that the technician checks those answers."""
        now = f"{self.date.year}-{self.date.month:02d}"
        before = self.saved.get("start_month")
        try:
            then = year_month(before, Where("start_month")) if before is not None else None
        except RumahError:
            then = None
        if before is not None and then != (self.date.year, self.date.month):
            self.desk.tell(w("start_moved", self.lang).format(before=str(before)[:20], now=now))
        if then is not None:
            self._keep_calendar_months((self.date.year - then[0]) * 12 + self.date.month - then[1])
        self.answers["start_month"] = now

    def _keep_calendar_months(self, moved: int) -> None:
        """A file made ``moved`` months before this consultation counts its grants' months from
        its own month 1: the defaults now count them from this one, so that Enter keeps the
        calendar month (a grant due in June stays June).  One already due is due now (month 1)."""
        if moved <= 0:
            return
        for grant in self.saved.get("grants") or []:
            month = grant.get("month")
            if not isinstance(month, int) or isinstance(month, bool):
                continue
            in_kind = grant.get("kind") in ("bsps", "in_kind") or "materials" in grant or "labour" in grant \
                or named_bsps(grant)
            if month - moved < 1 and in_kind:
                # Come already: what is left of its period runs from now (none left: it has lapsed).
                period = grant.get("period_months", DEFAULT_GRANT_PERIOD)
                if isinstance(period, int) and not isinstance(period, bool):
                    left = period - (moved - month + 1)
                    grant["period_months"] = max(1, left)
                    if left < 1:
                        self.desk.tell(w("grant_lapsed", self.lang).format(name=_briefly(grant.get("name", ""))))
            grant["month"] = max(1, month - moved)
        for place in ("_bsps.month", "_other.month"):
            month = _get(self.saved, place)
            if isinstance(month, int) and not isinstance(month, bool):
                _put(self.saved, place, max(1, month - moved))

    def _rupiah(self, value: Any) -> int | None:
        """A saved amount as a number of Rupiah, or None when it is none or not one."""
        if value is None:
            return None
        try:
            return rupiah_answer(_as_answer(value, self.lang), self.lang)
        except Invalid:
            return None

    def _drop_unusable(self) -> None:
        """Fields the questions do not ask (inflation, crew, ...) are kept as the file has them,
        unless one could not be used: then it is said and left out now, rather than failing the
        quote after every question has been answered."""
        base = {"name": "Keluarga", "members": 1, "region": "kendal", "income_monthly": 1_000_000,
                "template": "inti-6m"}
        folder = self.path.parent if self.path is not None else None
        for key in list(self.saved):
            if key in ASKED or str(key).startswith("_"):      # _bsps ...: answers of an unfinished grant
                continue
            value = self.saved[key]
            # A surveyed house stands in place of a house type: tried without one.
            trial = {k: v for k, v in base.items() if k != "template"} if key == "existing_house" else base
            try:
                parse_household(trial | {key: value}, Where("answer"), None, folder)
            except RumahError as exc:
                reason = str(exc).split(": ", 2)[-1]
                self.desk.tell(w("saved_dropped", self.lang).format(key=_briefly(key), value=_briefly(value),
                                                                    reason=reason[:160]))
                self.answers.pop(key, None)
                self.saved.pop(key, None)
        # An answer asked later that could not be planned with (labour 3) waits for its question.
        if self.answers.get("labour") not in (None, "paid", "gotong_royong"):
            self.answers.pop("labour")

    def run(self) -> dict:
        lang = self.lang
        self._drop_unusable()
        self._start_now()
        self.ask("name", w("name", lang), lambda text: _name_answer(text, lang, MAX_NAME))
        members = self.ask("members", w("members", lang), lambda text: number_answer(text, lang, 1, 30, whole=True))
        # One person living alone is an adult: no question whose only answer is 0.
        children = 0 if members == 1 else \
            self.ask("composition.children", w("children", lang),
                     lambda text: number_answer(text, lang, 0, members - 1, whole=True), default=0)
        self.answers["composition"] = {"adults": members - children, "children": children}
        regions = self.library.regions()
        # Numbered: a number picks one too.
        self.desk.tell(w("regions", lang).format(names=", ".join(f"{k}. {name}" for k, name in
                                                                 enumerate(regions.values(), 1))))
        self.ask("region", w("region", lang), lambda text: pick(text, lang, list(regions), regions),
                 shown=lambda region: regions.get(region, region))
        self._money()
        self._grant()
        self._loan()
        # A file without a plot that names its house type: a plot that house fills, as the default.
        wide, deep = 6.0, 12.0
        kept = _get(self.saved, "template")
        if isinstance(kept, str) and kept in self.library.template_names():
            house = self.library.summary(kept, lang)
            # A row house fills its plot's width between the neighbours' walls.
            wide = house["width_m"] if house["party_walls"] else max(wide, house["width_m"])
            deep = max(deep, house["depth_m"])
        # A house the family lives in stands on the plot: the plot is at least as large, either
        # way round (a house may stand turned to its street).
        house = self._standing()
        least = (min(house), None) if house else (2.0, 3.0)
        width = self.ask("plot.width_m", w("plot_width", lang),
                         lambda text: metres_answer(text, lang, least[0], 100),
                         default=max(wide, house[0] if house else least[0]), shown=self._m)
        if house:
            least = (width, house[1] if width >= house[0] - 1e-9 else house[0])
        depth = self.ask("plot.depth_m", w("plot_depth", lang),
                         lambda text: metres_answer(text, lang, least[1], 200), default=max(deep, least[1]),
                         shown=self._m)
        # A plot with a flood record (a surveyed house on sinking land) floods; else a raised floor
        # saved says it does.
        raised = _get(self.saved, "plot.flood") is not None or \
            _number(_get(self.saved, "parameters.plinth_height")) >= 0.5
        flood = self.ask("plot.flood_risk", w("flood", lang), lambda text: yes_no(text, lang), default=raised,
                         shown=lambda v: _yes_no_shown(v, lang))
        self._flood_record(flood)
        self._house(width, depth, flood)
        labels = {"paid": w("labour_paid", lang), "gotong_royong": w("labour_community", lang)}
        # Each with its effect on the price and the livable month, as the walls, roof and floor:
        # community labour is the largest choice the family makes.
        current = self.answers.get("labour") if self.answers.get("labour") in labels else "paid"
        self._tell_effects(labels, {option: self._plan_with({"labour": option}) for option in labels}, current)
        self.ask("labour", w("labour", lang), lambda text: pick(text, lang, list(labels), labels),
                 default=current, shown=lambda option: labels.get(option, option))
        self.answers["horizon_months"] = _get(self.saved, "horizon_months", 120)
        self._report()
        self._saran()
        self.save(complete=True)
        return self.answers

    def _money(self) -> None:
        """Income, the money for the house each month (a share or an amount), its seasons, savings."""
        lang = self.lang
        income = self.ask("income_monthly", w("income", lang), lambda text: _income_answer(text, lang), shown=self._rp)
        self.desk.tell(w("budget_help", lang))
        saved = None
        if self.saved.get("housing_monthly") is not None:
            saved = ("monthly", _get(self.saved, "housing_monthly"))
        elif self.saved.get("housing_share") is not None:
            saved = ("share", _get(self.saved, "housing_share"))

        def shown(value) -> str:
            kind, amount = value
            return self._rp(amount) if kind == "monthly" else _percent(float(amount), lang)

        kind, amount = self.ask("_housing", w("budget", lang), lambda text: budget_answer(text, lang, income),
                                default=("share", 0.30), shown=shown, saved=saved)
        self.answers.pop("_housing")
        # One of the two, in the place the saved file had it.
        self.answers.pop("housing_monthly" if kind == "share" else "housing_share", None)
        self.answers["housing_share" if kind == "share" else "housing_monthly"] = amount
        # Seasons: the months whose money differs from a usual month's, and their shares of it.
        # A consultation stopped after them has them as it asked them (``_season``), not yet as
        # the file's twelve shares.
        pattern = _get(self.saved, "seasonal")
        if pattern is None:
            pattern = _season_pattern(_get(self.saved, "_season"))
        usable = isinstance(pattern, list) and len(pattern) == 12 and all(
            not isinstance(v, bool) and isinstance(v, (int, float)) and 0 <= v <= 2 for v in pattern)
        if pattern is not None and not usable:
            self.desk.tell(w("saved_unusable", lang).format(value=_briefly(pattern)))
        pattern = pattern if usable else None
        saved_months = tuple(k for k, share in enumerate(pattern or (), 1) if share != 1) if pattern else None
        if saved_months is None:
            # Stopped before their shares were asked: the months alone.
            saved_months = _saved_months(_get(self.saved, "_season.months"))
        months = self.ask("_season.months", w("season_months", lang), lambda text: months_answer(text, lang),
                          default=(), shown=lambda chosen: _month_list(chosen, lang) or t("no", lang),
                          saved=_month_list(saved_months, lang) if saved_months else None)
        if not months:
            self.answers.pop("seasonal", None)
        else:
            saved_shares = None
            if pattern:
                kept = [_percent(float(pattern[m - 1]), lang) for m in months]
                saved_shares = kept[0] if len(set(kept)) == 1 else " ".join(kept)
            shares = self.ask("_season.shares", w("season_shares", lang),
                              lambda text: shares_answer(text, lang, len(months)), default=None,
                              shown=lambda shares: _shares_shown(shares, lang), saved=saved_shares)
            by_month = dict(zip(months, shares))
            self.answers["seasonal"] = [by_month.get(m, 1.0) for m in range(1, 13)]
        self.answers.pop("_season", None)
        self.ask("savings", w("savings", lang), lambda text: savings_answer(text, lang), default=0, shown=self._rp)

    def _grant(self) -> None:
        """BSPS, then any other grant; the saved file's grants are the defaults."""
        lang = self.lang
        saved = _get(self.saved, "grants", []) or []
        bsps = next((g for g in saved if _is_bsps(g)), None)
        # BSPS is given to a household once: another saved (a file written before that was
        # refused) is said and left out, or the file could never be saved again.
        for twice in [g for g in saved if g is not bsps and _is_bsps(g)]:
            self.desk.tell(w("saved_dropped", lang).format(
                key="grants", value=_briefly(twice.get("name", "BSPS")),
                reason=t("BSPS is given to a household once; the first is kept", lang)))
            saved = [g for g in saved if g is not twice]
        other = next((g for g in saved if g is not bsps), None)
        grants = []
        if self.ask("_bsps.given", w("bsps", lang), lambda text: yes_no(text, lang), default=bsps is not None,
                    shown=lambda v: _yes_no_shown(v, lang)):
            bsps = bsps or {}
            # BSPS 2025 (Permen PKP 10/2025): Rp 20 juta, of which 17.5 juta materials.
            amount = self.ask("_bsps.amount", self._amount_question(bsps), lambda text: offer_answer(text, lang),
                              default=bsps.get("amount", 20_000_000), shown=self._rp)
        else:
            amount = None
        if amount == 0:
            # A grant of nothing is no grant (a household file refuses one).
            self.desk.tell(w("zero_none", lang))
        elif amount is not None:
            bsps = bsps or {}
            usual = round(amount * BSPS_MATERIALS_SHARE)
            # The saved materials part belongs to the saved amount: for another amount, the usual
            # share.  (Both as the file writes them: "20.000.000" is 20 juta.)
            kept = bsps.get("materials") if self._rupiah(bsps.get("amount")) == amount else None
            same = _get(self.saved, "_bsps.amount") is None or self._rupiah(_get(self.saved, "_bsps.amount")) == amount
            materials = self.ask("_bsps.materials", w("bsps_materials", lang),
                                 lambda text: _at_most(rupiah_answer(text, lang), amount, lang),
                                 default=usual if kept is None else kept, shown=self._rp,
                                 saved=None if same else usual)
            if amount and abs(materials / amount - BSPS_MATERIALS_SHARE) > SPLIT_TOLERANCE:
                # A slip of a digit (1 juta for 10) changes what the family must add in wages.
                self.desk.tell(w("bsps_split", lang).format(
                    usual=plain(BSPS_MATERIALS_SHARE * 100, lang, 1), materials=self._rp(usual),
                    amount=self._rp(amount), given=plain(materials / amount * 100, lang, 1)))
            month = self.ask("_bsps.month", w("bsps_month", lang),
                             lambda text: plan_month_answer(text, lang, self.date), default=bsps.get("month", 1),
                             shown=self._plan_month)
            # What the questions do not cover (tranches, period) stays as the saved file had it; a
            # name that could not be a grant's is put right.
            name = bsps.get("name", "BSPS")
            try:
                name = checked_name(name, Where("answer"), MAX_OFFER_NAME)
            except RumahError as exc:
                self.desk.tell(w("saved_dropped", lang).format(key="grants.name", value=_briefly(name),
                                                               reason=str(exc).split(": ", 2)[-1][:160]))
                name = "BSPS"
            grants.append(self._arrived(bsps, month) | {"name": name, "kind": "bsps", "amount": amount,
                                                         "materials": materials, "labour": amount - materials,
                                                         "month": month})
        if self.ask("_other.given", w("other_grant", lang), lambda text: yes_no(text, lang), default=other is not None,
                    shown=lambda v: _yes_no_shown(v, lang)):
            other = other or {}
            given_bsps = bool(grants)

            def other_name(text: str) -> str:
                found = _name_answer(text, lang, MAX_OFFER_NAME)
                if given_bsps and found.strip().upper().startswith("BSPS"):
                    # (A grant named BSPS is one on BSPS's terms, and BSPS is given once.)
                    raise Invalid(w("other_not_bsps", lang))
                return found

            name = self.ask("_other.name", w("other_name", lang), other_name, default=other.get("name"))
            amount = self.ask("_other.amount", self._amount_question(other), lambda text: offer_answer(text, lang),
                              default=other.get("amount"), shown=self._rp)
            if amount == 0:
                self.desk.tell(w("zero_none", lang))
            else:
                month = self.ask("_other.month", w("bsps_month", lang),
                                 lambda text: plan_month_answer(text, lang, self.date),
                                 default=other.get("month", 1), shown=self._plan_month)
                grants.append(self._arrived(other, month) | {"name": name, "amount": amount, "month": month})
        # Grants beyond the two asked about stay as they were written.
        grants += [g for g in saved if g is not bsps and g is not other]
        grants = [self._usable_terms(grant) for grant in grants]
        self.answers.pop("_bsps", None)
        self.answers.pop("_other", None)
        self.answers.pop("grants", None)
        if grants:
            self.answers["grants"] = grants
        self.save(complete=False)

    def _usable_terms(self, grant: dict) -> dict:
        """The grant with each saved term the questions do not ask (its tranches, its period ...)
        that cannot be used with the answers given left out, and said: the grant's months and
        parts are asked, the rest is kept as the file has it (a visit's tranches left included)."""
        kept = dict(grant)
        while True:
            try:
                parse_grant(kept, Where("answer"), 600)     # (the month is asked within the horizon)
                return kept
            except RumahError as exc:
                place = getattr(exc, "where", None)
                field = place.path[0] if place is not None and place.path else None
                if field not in kept or field in GRANT_ASKED:
                    return kept             # an answer, checked as it was asked
                self.desk.tell(w("saved_dropped", self.lang).format(
                    key=f"grants.{field}", value=_briefly(kept.pop(field)), reason=str(exc).split(": ", 2)[-1][:160]))

    def _arrived(self, grant: dict, month: int) -> dict:
        """The saved grant's terms for a grant answered to arrive in ``month``: a tranche released
        before month 1 (a follow-up visit's) only for a grant that has come, in month 1."""
        kept = dict(grant)
        if month != 1 and kept.pop("released_tranches", None):
            self.desk.tell(w("saved_dropped", self.lang).format(
                key="grants.released_tranches", value=1,
                reason=t("a tranche released already belongs to a grant that has come, in month 1", self.lang)))
        return kept

    def _loan(self) -> None:
        lang = self.lang
        had = bool(_get(self.saved, "loans", []))
        if not self.ask("_loan", w("loan", lang), lambda text: yes_no(text, lang), default=had,
                        shown=lambda v: _yes_no_shown(v, lang)):
            self.answers.pop("_loan")
            self.answers.pop("loans", None)
            self.save(complete=False)
            return
        self.answers.pop("_loan")
        self.ask("loans.0.name", w("loan_name", lang), lambda text: _name_answer(text, lang, MAX_OFFER_NAME),
                 default="KUR Mikro")
        if not self.ask("loans.0.amount", w("loan_amount", lang), lambda text: offer_answer(text, lang),
                        default=10_000_000, shown=self._rp):
            # A loan of nothing is no loan (a household file refuses one); loans beyond the one
            # asked about stay as they were written.
            self.desk.tell(w("zero_none", lang))
            others = (self.answers.get("loans") or [])[1:]
            self.answers.pop("loans", None)
            if others:
                self.answers["loans"] = others
            self.save(complete=False)
            return
        # A saved rate is offered as the per cent it is: a bare "0.3" is a question now (rate_answer).
        saved_rate = _get(self.saved, "loans.0.annual_rate")
        offered = _percent(saved_rate, lang) if not isinstance(saved_rate, bool) and \
            isinstance(saved_rate, (int, float)) else None
        self.ask("loans.0.annual_rate", w("loan_rate", lang), lambda text: rate_answer(text, lang), default=0.06,
                 shown=lambda v: _percent(v, lang), saved=offered)
        self.ask("loans.0.tenor_months", w("loan_tenor", lang), lambda text: tenor_answer(text, lang), default=36)

    def _flood_record(self, flood: bool) -> None:
        """For a house the family lives in on a plot that floods: the last flood's height and how
        fast the land sinks, from which its floor raisings are planned (rumah.plan.flood; without
        them a flooding plot raises nothing).  A plot said not to flood keeps no record, new
        house or old."""
        lang = self.lang
        plot = self.answers.setdefault("plot", {})
        if not flood:
            plot.pop("flood", None)     # a record saved before would still raise the floor
            return
        if "existing_house" not in self.answers:
            return                      # a new house's floor height is asked with the house
        self.ask("plot.flood.last_height_m", w("flood_height", lang), lambda text: metres_answer(text, lang, 0, 3),
                 shown=self._m)
        self.ask("plot.flood.subsidence_cm_per_year", w("subsidence", lang),
                 lambda text: per_year_answer(text, lang, 0, 30), default=SUBSIDENCE.get(self.answers.get("region")),
                 shown=self._num)

    def _standing(self) -> tuple[float, float] | None:
        """Width and depth of the surveyed house the family lives in, rounded up to the centimetre
        (None when there is none, or its survey cannot be read: that is said where it is used)."""
        house = self.answers.get("existing_house")
        if house is None:
            return None
        trial = {"name": "Keluarga", "members": 1, "region": "kendal", "income_monthly": 1_000_000,
                 "existing_house": house}
        try:
            household = parse_household(trial, Where("answer"), None, self.path.parent if self.path else None)
        except RumahError:
            return None
        return tuple(math.ceil(size * 100 - 1e-6) / 100 for size in standing_size(household.existing))

    def _house(self, width: float, depth: float, flood: bool) -> None:
        """The house types that fit the plot and can house the family, each planned for it; then
        the floor height on a flooding plot and the walls, roof and floor, each with its effect.
        A house the family lives in (``existing_house``) is kept: its repairs take the choices."""
        from ..plan.planner import bundled_designs, carried, on_plot
        lang = self.lang
        if "existing_house" in self.answers:
            # Its heights are the survey's: a new house's wall or floor height in a reopened file
            # goes (the house would be refused with them).
            given = self.answers.get("parameters")
            if isinstance(given, dict):
                self.answers["parameters"] = {k: v for k, v in given.items() if k not in SURVEYED_HEIGHTS}
            household = self._household()
            if household is None or household.existing is None:
                return
            self.answers.pop("template", None)
            self.answers["parameters"] = {k: v for k, v in self._kept(household.existing.template).items()
                                          if k not in SURVEYED_HEIGHTS}
            self._report()
            self._choices(household.existing.template)
            return
        members = self.answers["members"]
        persons = nt("{n} person", "{n} persons", members, lang)
        templates = {name: self.library.template(name) for name in self.library.template_names()}
        summaries = {name: dict(self.library.summary(name, lang)) for name in templates}
        for summary in summaries.values():
            summary["name"] = i18n.superscript_units(summary["name"])
        saved_plinth = _number(_get(self.saved, "parameters.plinth_height"))
        plinth = {"plinth_height": saved_plinth if 0.2 <= saved_plinth <= 1.5 else 0.8} if flood else {}
        # A house fits with its entrance steps, as high as the floor it will have.
        designs = {name: design for name, _, design in bundled_designs()}
        sizes = {n: on_plot(templates[n], designs[n], carried(self._steps() | plinth, templates[n])) if n in designs
                 else (s["site_width_m"], s["site_depth_m"]) for n, s in summaries.items()}
        fitting = [n for n in summaries if fits_plot(templates[n], sizes[n], (width, depth))]
        plans = {name: self._plan_with({"template": name, "parameters": self._kept(templates[name]) | plinth})
                 for name in (fitting or list(summaries))}
        # The saved file's house type stays on offer if it fits, even for a family it cannot house.
        kept = _get(self.saved, "template")
        able = [n for n in plans if plans[n] is not None and plans[n].status != "never_livable"]
        housing = [n for n in plans if n in able or (n == kept and n in fitting)]
        if fitting and able:
            # (Headed "can house" only when one can: the saved type alone may not.)
            self.desk.tell(w("fits", lang).format(w=self._m(width), d=self._m(depth), n=persons))
            offered = housing
        else:
            self.desk.tell(w("none_fit", lang) if not fitting else w("none_house", lang).format(n=persons))
            offered = list(plans)
        for k, name in enumerate(offered, 1):
            s, plan = summaries[name], plans[name]
            areas = " -> ".join(self._num(step["total_floor_area_m2"]) for step in s["steps"])
            first = _first_package_cost(plan) if plan is not None else None
            self.desk.tell("  " + w("type_line", lang).format(
                k=k, name=s["name"], id=name, w=self._m(s["width_m"]), d=self._m(s["depth_m"]), areas=areas,
                cost=self._rp(plan.total_at_start) if plan else "-", first=self._rp(first) if first else "-",
                month=i18n.month_year(self.date.year, self.date.month, lang),
                outcome=self._outcome(plan) if plan else "-"))
        small = [summaries[n]["name"] for n in fitting if n not in offered]
        if small:
            self.desk.tell("  " + w("too_small", lang).format(n=persons, names="; ".join(small)))
        names = {name: summaries[name]["name"] for name in offered}
        template = self.ask("template", w("template", lang), lambda text: pick(text, lang, offered, names),
                            default=_soonest(offered, plans), shown=lambda name: names.get(name, name))
        # Parameters set by hand in a reopened file stay; those asked below are asked again.
        self.answers["parameters"] = self._kept(templates[template]) | plinth
        if template not in fitting:
            # Said as it is chosen, not first among the notes after the last question.
            self.desk.tell(w("chosen_too_big", lang).format(
                name=summaries[template]["name"], w=self._m(sizes[template][0]), d=self._m(sizes[template][1]),
                pw=self._m(width), pd=self._m(depth)))
        self._report()
        if flood:
            height = self.ask("parameters.plinth_height", w("plinth", lang),
                              lambda text: metres_answer(text, lang, 0.2, 1.5), default=0.8, shown=self._m)
            if template in designs:
                # The house types were offered with the steps of a 0,8 m floor (or the saved one).
                size = on_plot(templates[template], designs[template],
                               carried(self._steps() | {"plinth_height": height}, templates[template]))
                if size[1] > depth + 1e-9:                  # the steps add depth, never width
                    self.desk.tell(w("steps_past_plot", lang).format(
                        h=self._m(height), w=self._m(size[0]), d=self._m(size[1]), pw=self._m(width),
                        pd=self._m(depth)))
            self._report()
        self._choices(templates[template])

    def _choices(self, loaded) -> None:
        """Walls, roof and floor, each option with its effect on the price and on the livable month."""
        lang = self.lang
        for name in ("wall", "roof", "floor"):
            parameter = loaded.parameters.get(name)
            if parameter is None or parameter.kind != "choice":
                continue
            options = list(parameter.choices)
            labels = {option: parameter.choices[option].label(lang) for option in options}
            current = _get(self.saved, f"parameters.{name}", self._surveyed_choice(name) or parameter.default)
            if isinstance(current, str) and current not in options:
                current = folded(current, options) or current        # "AAC", as the plan takes it
            if not isinstance(current, str) or current not in options:
                if current is not None:
                    self.desk.tell(w("saved_unusable", lang).format(value=_briefly(current)))
                current = parameter.default
            base = self._plan_with({})
            plans = {option: base if option == current else
                     self._plan_with({"parameters": dict(self.answers["parameters"]) | {name: option}})
                     for option in options}
            if "existing_house" in self.answers and base is not None and all(
                    plan is not None and plan.bill.total == base.bill.total for plan in plans.values()):
                # The repairs build none of it (a sound roof is kept): nothing to choose.
                self.desk.tell(w("choice_none", lang).format(label=parameter.label(lang)))
                continue
            self._tell_effects(labels, plans, current)
            self.ask(f"parameters.{name}", w("choice", lang).format(label=parameter.label(lang)),
                     lambda text, options=options, labels=labels: pick(text, lang, options, labels), default=current,
                     shown=lambda option, labels=labels: labels.get(option, option))
            self._report()

    def _tell_effects(self, labels: dict[str, str], plans: dict, current: str) -> None:
        """Each option numbered, with what it changes from the ``current`` one: the price and the
        livable month of its plan (``plans``, by option; None where it cannot be planned)."""
        lang, base = self.lang, plans[current]
        for k, option in enumerate(labels, 1):
            other = plans[option]
            if option == current:
                effect = w("same", lang)
            else:
                effect = _signed(other.bill.total - base.bill.total, lang) if other and base else "-"
            outcome = self._outcome(other) if other else "-"
            self.desk.tell("  " + w("effect", lang).format(n=k, label=labels[option], delta=effect, outcome=outcome))

    def _surveyed_choice(self, name: str) -> str | None:
        """For a house the family lives in, the choice its survey makes the default: the roof
        mended in kind (clay tiles for a clay-tile roof, rumah.house.existing.roof_in_kind)."""
        house = self.answers.get("existing_house")
        roof = house.get("roof") if isinstance(house, dict) else None
        if name != "roof" or not isinstance(roof, dict) or not isinstance(roof.get("covering"), str):
            return None
        from ..house.existing import roof_in_kind
        return roof_in_kind(roof["covering"])

    def _steps(self) -> dict:
        """The saved file's choices of its entrance steps (treads, risers, landing; not the floor
        height, asked on a flooding plot only): a house type fits its plot with them."""
        from ..plan.planner import STEP_PARAMETERS
        saved = _get(self.saved, "parameters", {}) or {}
        return {k: v for k, v in saved.items() if k in STEP_PARAMETERS and k != "plinth_height"}

    def _kept(self, template) -> dict:
        """The saved file's parameters that this template has (the floor height, asked on a
        flooding plot only, aside), each of them a value the template takes."""
        known = template.parameters
        kept = {}
        for k, v in (_get(self.saved, "parameters", {}) or {}).items():
            if k not in known or k == "plinth_height":
                continue
            try:
                kept[k] = known[k].check(v, "answer")
            except (RumahError, ValueError, TypeError):
                continue                     # a value the template cannot take: its default stands
        return kept

    def _saran(self) -> None:
        """For a house that comes late or cannot be started: what would help, and the choice to
        make one of those changes now."""
        from ..documents.plan_report import saran_text
        from ..documents.quote import calendar, month_one
        from ..plan.advice import advise, apply
        lang = self.lang
        plan = self.final = self.plan
        losing = plan is not None and any(g.lost_materials or g.lost_labour for g in plan.grants)
        if plan is None or plan.status == "never_livable" or (plan.status == "livable" and
                                                                plan.best.livable_month <= LATE and not losing):
            return
        advised = self.final = self.library.advised(plan, advise)
        helps = advised.advice          # house types among them fit the plot (rumah.plan.advice)
        if not helps:
            self.desk.tell(w("no_saran_start" if plan.status == "cannot_start" else "no_saran", lang))
            return
        first = month_one(plan.household, self.date)
        when = lambda month: calendar(first, month, lang)         # noqa: E731 - reads best inline
        self.desk.tell(w("saran", lang))
        for k, saran in enumerate(helps, 1):
            self.desk.tell(f"  {k}. {saran_text(saran, lang, when)}")
        numbers = [str(k) for k in range(1, len(helps) + 1)]
        chosen = self.desk.ask(w("saran_pick", lang), "", lambda text: pick(text, lang, numbers) if text.strip()
                               else "", str)
        if not chosen:
            return
        saran = helps[int(chosen) - 1]
        self.final = None
        self.answers = apply(self.answers, saran.changes)
        self.save(complete=False)
        self.desk.tell(w("saran_made", lang).format(what=saran_text(saran, lang, when)))
        self._report(always=True)

    # -- the plan for this family -------------------------------------------------------------

    def _household(self, changes: dict | None = None):
        """The household of the answers so far with ``changes`` (None when it cannot be read yet)."""
        from ..plan.household import parse_household
        raw = {k: v for k, v in self.answers.items() if not k.startswith("_")} | (changes or {})
        try:
            return parse_household(raw, Where(str(self.path or "konsultasi")),
                                   folder=self.path.parent if self.path else None)
        except RumahError:
            return None

    def _plan_with(self, changes: dict):
        """The plan for this family with its answers so far and ``changes`` (None when the
        answers cannot be planned yet)."""
        household = self._household(changes)
        if household is None:
            return None
        try:
            return self.library.plan(household, self.date)
        except RumahError:
            return None

    def _outcome(self, plan) -> str:
        """What the plan gives this family, in a few words: the livable month as a calendar month."""
        from ..documents.quote import calendar, month_one
        lang, h = self.lang, plan.household
        months = nt("{n} month", "{n} months", h.horizon, lang)
        if plan.status == "livable":
            m = plan.best.livable_month
            return w("livable", lang).format(cal=calendar(month_one(h, self.date), m, lang), m=m)
        if plan.status == "never_livable":
            return w("never", lang).format(n=nt("{n} person", "{n} persons", h.members, lang))
        if plan.status == "cannot_start":
            short = plan.shortfall
            return w("cannot", lang).format(h=months, total=self._rp(short.total) if short else "-",
                                            monthly=self._rp(short.per_month) if short else "-")
        return w("not_livable", lang).format(h=months)

    def _report(self, always: bool = False) -> None:
        """The estimate and the livable month for this family, when they changed since last shown."""
        plan = self._plan_with({})
        if plan is None:
            return
        self.plan = plan
        lost = [(g.name, g.lost_materials + g.lost_labour, g.end_month) for g in plan.grants
                if g.lost_materials + g.lost_labour]
        shown = (plan.bill.total, plan.status, plan.best.livable_month, tuple(lost))
        if shown == self._shown and not always:
            return
        self._shown = shown
        from ..documents.plan_report import prices_month_text
        lang, bill = self.lang, plan.bill
        steps = ", ".join(w("step_cost", lang).format(n=s.step, cost=self._rp(s.total)) for s in bill.steps)
        self.desk.tell(w("estimate", lang).format(steps=steps, total=self._rp(bill.total), prices=bill.price_list.id,
                                                  ahsp=bill.edition.edition, listed=prices_month_text(plan, lang),
                                                  risen=self._rp(plan.total_at_start),
                                                  month=i18n.month_year(self.date.year, self.date.month, lang)))
        if bill.indicative:
            # Said with the first amount, not only at the end: the family hears these figures now.
            self.desk.tell(nt("{n} of the {m} prices is indicative (no published source for the district): "
                              "the amounts are estimates, to check at a local shop.",
                              "{n} of the {m} prices are indicative (no published source for the district): "
                              "the amounts are estimates, to check at a local shop.",
                              len(bill.indicative), lang, m=len(bill.used)))
        self.desk.tell(w("outcome", lang).format(outcome=self._outcome(plan)))
        for name, amount, end in lost:
            # Said with the livable month, not only among the notes at the end.
            self.desk.tell(w("grant_lost", lang).format(name=name, amount=self._rp(amount), end=end))


def _first_package_cost(plan) -> int | None:
    """The price of the work the plan starts with (or of the house's first package) in plan month
    1, the consultation's: the bill's risen from the month its prices hold, as the house's total
    beside it is (:meth:`rumah.plan.planner.Plan.at_start`)."""
    if plan.best.steps:
        first = plan.best.steps[0]
        step = next(s for s in plan.bill.steps if s.step == first.step)
        cost = next((p.total for p in step.packages if p.kind == first.package), step.total)
    else:
        step = plan.bill.steps[0]
        cost = step.packages[0].total if step.packages else step.total
    return plan.at_start(cost)


#: How fast the land sinks where a district's rate is known, offered as the answer [cm a year]:
#: DOMAIN.md section 8 (Kota Pekalongan about 6, Badan Geologi: offered for the Kabupaten's coast
#: beside it too; the Kendal coast about 3, its regional secretary).  Elsewhere the technician says.
SUBSIDENCE = {"pekalongan": 6.0, "kendal": 3.0}


#: The question that answers a field of the household file (its first key), for a page that says
#: what changed: the words of the question, not the file's key.
QUESTION_OF = {"name": "name", "members": "members", "composition": "children", "region": "region",
               "income_monthly": "income", "housing_share": "budget", "housing_monthly": "budget",
               "seasonal": "season_months", "savings": "savings", "grants": "bsps", "loans": "loan",
               "template": "template", "labour": "labour"}
#: The same for the fields of the plot, a grant and a loan.
FIELD_QUESTION_OF = {
    "plot": {"width_m": "plot_width", "depth_m": "plot_depth", "flood_risk": "flood", "flood": "flood_height"},
    "grants": {"amount": "bsps_amount", "materials": "bsps_materials", "month": "bsps_month", "name": "other_name"},
    "loans": {"name": "loan_name", "amount": "loan_amount", "annual_rate": "loan_rate", "tenor_months": "loan_tenor"}}


def question_of(path: str, lang: str) -> str:
    """What a technician was asked for the field at key path ``path`` (``income_monthly``,
    ``grants[0].tranches[0]``, ``plot.width_m``), in a few words; the path itself when no
    question asks it."""
    parts = [part.rstrip("]") for part in re.split(r"[.\[]", path)]
    head = parts[0]
    fields = [part for part in parts[1:] if not part.isdigit()]
    if head == "parameters" and fields:
        from ..house.template import shared_parameters
        parameter = shared_parameters().get(fields[0])
        return parameter.label(lang) if parameter is not None else path
    key = FIELD_QUESTION_OF.get(head, {}).get(fields[0] if fields else "") or QUESTION_OF.get(head)
    if key is None:
        return path
    words = w(key, lang)
    # The question's own words, without its examples and answer hints in brackets.
    return re.split(r" \(|\?", words, maxsplit=1)[0].strip()


def _soonest(names: list[str], plans: dict) -> str:
    """The house type livable soonest for this family (then the cheapest); of types whose first
    work cannot start, the one that misses the least to start."""
    def key(name: str):
        plan = plans[name]
        if plan is None:
            return (3, 0, 0)
        month = plan.best.livable_month
        rank = 0 if month is not None else 1 if plan.status == "not_livable_within_horizon" else 2
        if rank == 2 and plan.shortfall is not None:
            return (rank, 0, plan.shortfall.total)
        return (rank, month or 0, plan.bill.total)
    return min(names, key=key)


#: What the questions ask (each saved answer is checked as it is offered again); every other field
#: of a saved file is checked on reopening.
ASKED = frozenset({"name", "members", "composition", "region", "income_monthly", "housing_share", "housing_monthly",
                   "seasonal", "savings", "grants", "loans", "plot", "template", "parameters", "labour"})
#: What the questions ask of a grant; its other terms are kept as saved, when they can be used.
GRANT_ASKED = frozenset({"name", "kind", "amount", "materials", "labour", "month"})
#: The shape of the answers a saved file may hold: a value of another shape is dropped (and asked again).
SHAPES = {"grants": list, "loans": list, "plot": dict, "parameters": dict, "composition": dict, "seasonal": list}


def load_saved(path: Path) -> dict:
    """A saved (maybe unfinished) consultation: its answers, to be offered again.  Answers of the
    wrong shape (a list of members, a grant that is a word) are dropped: every one kept is
    checked again when it is offered."""
    from ..yamlio import load_yaml
    raw = load_yaml(path)
    release_input(path)        # the consultation saves its answers back into it
    if not isinstance(raw, dict):
        raise RumahError(tr("{file}: expected a household file (key: value lines)", file=path))
    answers = {}
    for key, value in raw.items():
        shape = SHAPES.get(key)
        if shape is not None and not isinstance(value, shape):
            continue
        if shape is list and key != "seasonal":
            value = [item for item in value if isinstance(item, dict)]
        answers[key] = value
    for key in ("grants", "loans"):
        for item in answers.get(key, []):
            for field in list(item):
                if key == "grants" and field == "tranches" and isinstance(item[field], list) and all(
                        isinstance(v, (int, float, str)) and not isinstance(v, bool) for v in item[field]):
                    continue        # the shares left of a grant (a visit writes those released off)
                if isinstance(item[field], (list, dict)):
                    del item[field]
    return answers


def _saved_months(value: Any) -> tuple[int, ...] | None:
    """Calendar months as an unfinished file keeps the lean months asked (``[1, 2]``); None when
    that is not what it holds."""
    if not isinstance(value, list) or not value:
        return None
    if not all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in value):
        return None
    return tuple(sorted(set(value)))


def _season_pattern(season: Any) -> list | None:
    """The twelve shares of a year from the seasons' answers as an unfinished file keeps them
    (``{months: [1, 2], shares: [0.4, 0.4]}``); None when they are not all there."""
    if not isinstance(season, dict):
        return None
    months, shares = season.get("months"), season.get("shares")
    if _saved_months(months) is None or not isinstance(shares, list) or len(months) != len(shares):
        return None
    pattern: list = [1.0] * 12
    for month, share in zip(months, shares):
        pattern[month - 1] = share
    return pattern


def _as_answer(value: Any, lang: str) -> str:
    """A saved value as the text a technician would type for it."""
    if isinstance(value, bool):
        return _yes_no_shown(value, lang)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, tuple) and len(value) == 2 and value[0] in ("share", "monthly"):
        amount = _number(value[1])
        if not amount:
            return "\x00"
        return _percent(amount, lang) if value[0] == "share" else f"Rp {value[1]}"
    if value == ():
        return t("no", lang)                 # no months of their own (the seasons' question)
    if isinstance(value, (list, dict, tuple)) or value is None:
        return "\x00"                        # never a valid answer
    return str(value)


def _number(value: Any) -> float:
    """A saved number as a float, or 0 when it is none (text, a list, yes/no ...)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    return float(value) if math.isfinite(value) else 0.0


def _briefly(value: Any) -> str:
    """A saved value as the technician can read it: a text or number as written, a record by its
    fields' names (never Python's braces)."""
    if isinstance(value, dict):
        shown = "(" + ", ".join(str(k) for k in value) + ")"
    elif isinstance(value, list):
        shown = "[" + ", ".join(_briefly(v) for v in value) + "]"
    else:
        shown = str(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _percent(share: float, lang: str) -> str:
    """A share as a per cent a technician would type, with the language's decimal mark: ``27,5%``."""
    return f"{i18n.plain(share * 100, lang, 4)}%"


def _shares_shown(shares, lang: str) -> str:
    """``40%`` for one share of every month, ``40% 40% 50%`` for one each."""
    shown = [_percent(share, lang) for share in shares]
    return shown[0] if len(set(shown)) == 1 else " ".join(shown)


def _month_list(months, lang: str) -> str:
    from ..documents.quote import MONTHS
    return " ".join(MONTHS[m - 1](lang)[:3] for m in months)


def _is_bsps(grant: dict) -> bool:
    """Whether a saved grant is BSPS: its kind says so, or, saying none, its name (as a household
    file reads it)."""
    return str(grant.get("kind") or "").strip().lower() == "bsps" or named_bsps(grant)


def _name_answer(text: str, lang: str, limit: int) -> str:
    """A name, held to the rules of the household file (length, no control characters, something
    visible), so that what is accepted here also fits the quote."""
    if not text.strip():
        raise Invalid(w("empty", lang))
    if len(text.strip()) > limit:
        raise Invalid(w("too_long", lang).format(n=limit))
    try:
        checked = checked_name(text, Where("answer"), limit)
    except RumahError as exc:
        raise Invalid(w("bad_name", lang).format(reason=str(exc).split(": ", 2)[-1])) from None
    from ..documents.quote_pdf import missing_glyph
    bad = missing_glyph(checked)
    if bad is not None:
        # Asked here, not found when the quote is made after the last question.
        code = f"U+{ord(bad):04X}"
        raise Invalid(w("bad_name", lang).format(reason=w("no_glyph", lang).format(ch=bad, code=code)))
    return checked


def _at_most(value: int, limit: int, lang: str) -> int:
    if value > limit:
        raise Invalid(w("between", lang).format(lo=0, hi=_rupiah_shown(limit, lang)))
    return value


def _get(data: dict, key: str, default: Any = None) -> Any:
    node: Any = data
    for part in key.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return default
    return node


def _put(data: dict, key: str, value: Any) -> None:
    parts = key.split(".")
    node: Any = data
    for part, following in zip(parts, parts[1:]):
        if part.isdigit():
            index = int(part)
            while len(node) <= index:
                node.append({})
            node = node[index]
        else:
            node = node.setdefault(part, [] if following.isdigit() else {})
    last = parts[-1]
    if last.isdigit():
        node.append(value)
    else:
        node[last] = value


def _plain(value: float, lang: str = "id") -> str:
    return plain(value, lang, 3)


def _rupiah_shown(amount: int, lang: str = "id") -> str:
    return rupiah(int(amount), lang)


def _signed(amount: int, lang: str) -> str:
    sign = "+" if amount >= 0 else "-"
    return f"{sign}{_rupiah_shown(abs(amount), lang)}"


def _yes_no_shown(value: bool, lang: str) -> str:
    return t("yes", lang) if value else t("no", lang)
