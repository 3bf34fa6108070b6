"""A guided consultation at the clinic desk: questions in, a household file out.

The session asks one thing at a time, checks each answer at once (an invalid answer is explained
and asked again) and saves what it has after every answer, so that a consultation cut short can
be reopened with its saved file: every saved answer is offered again as the default, and Enter
keeps it.  Nothing here reads a keyboard or prints: the caller passes a :class:`Desk` that asks
and tells (the command line uses click; tests use a script).
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import yaml

from ..errors import RumahError, nearest
from ..i18n import pick as pick_word
from ..output import release_input, write_atomic
from ..plan.household import MAX_NAME, MAX_OFFER_NAME, money, parse_household
from ..schema import Where
from ..schema import name as checked_name
from .library import Library


class Invalid(ValueError):
    """An answer that cannot be used; the message says why, in the desk's language."""


class Desk(Protocol):
    def ask(self, question: str, default: str | None, check: Callable[[str], Any]) -> Any:
        """Ask until ``check`` accepts the answer (it raises :class:`Invalid` otherwise); an empty
        answer means ``default``."""

    def tell(self, text: str) -> None:
        """Show the family something (an explanation, a running estimate)."""


WORDS = {
    "name": ("Nama keluarga (misalnya Keluarga Bapak Slamet)", "Family name (e.g. Keluarga Bapak Slamet)"),
    "members": ("Jumlah anggota keluarga yang tinggal di rumah", "People living in the house"),
    "children": ("Berapa di antaranya anak-anak", "How many of them are children"),
    "region": ("Kabupaten/kota (daftar harga)", "District (price list)"),
    "regions": ("Daftar harga yang tersedia: {names}", "Price lists available: {names}"),
    "income": ("Penghasilan keluarga per bulan (Rp, misalnya 2.400.000 atau 2,4 juta)",
               "Household income per month (Rp, e.g. 2.400.000 or 2,4 juta)"),
    "share": ("Bagian penghasilan untuk membangun rumah (misalnya 30%)",
              "Share of income for building the house (e.g. 30%)"),
    "share_help": ("Biasanya sekitar 30 % (angka yang dipakai bank untuk cicilan). Tanyakan yang sanggup keluarga.",
                   "Usually about 30 % (the share banks use for instalments). Ask what the family can manage."),
    "savings": ("Tabungan yang bisa dipakai sekarang (Rp)", "Savings available now (Rp)"),
    "bsps": ("Mendapat bantuan BSPS? (ya/tidak)", "Receiving a BSPS grant? (yes/no)"),
    "bsps_amount": ("Nilai bantuan (Rp)", "Grant amount (Rp)"),
    "bsps_materials": ("Bagian yang berupa bahan bangunan (Rp)", "Part given as building materials (Rp)"),
    "bsps_month": ("Bantuan cair pada bulan ke- (1 = bulan ini)", "Grant arrives in month (1 = this month)"),
    "other_grant": ("Ada bantuan lain (desa, CSR, keluarga)? (ya/tidak)",
                    "Any other grant (village, company, relatives)? (yes/no)"),
    "other_name": ("Nama bantuan", "Grant name"),
    "loan": ("Bisa mengambil pinjaman? (ya/tidak)", "Could the family take a loan? (yes/no)"),
    "loan_name": ("Nama pinjaman", "Loan name"),
    "loan_amount": ("Besar pinjaman (Rp)", "Loan amount (Rp)"),
    "loan_rate": ("Bunga per tahun (misalnya 6%)", "Interest a year (e.g. 6%)"),
    "loan_tenor": ("Lama mencicil (bulan)", "Months to repay"),
    "plot_width": ("Lebar tanah di sisi jalan (m)", "Plot width at the street (m)"),
    "plot_depth": ("Panjang tanah ke belakang (m)", "Plot depth (m)"),
    "flood": ("Tanah sering banjir atau kena rob? (ya/tidak)", "Does the plot flood (rain or tide)? (yes/no)"),
    "fits": ("Tipe rumah yang muat di tanah {w} x {d} m:", "House types that fit a {w} x {d} m plot:"),
    "none_fit": ("Tidak ada tipe yang muat di tanah ini; semua tipe ditampilkan.",
                 "No type fits this plot; all types are shown."),
    "template": ("Pilih tipe rumah (nomor atau kode)", "Choose a house type (number or id)"),
    "plinth": ("Tinggi lantai dari tanah (m; tanah banjir: 0,5 sampai 1,0)",
               "Floor height above the ground (m; flooding plots: 0.5 to 1.0)"),
    "choice": ("{label} (nomor atau kode)", "{label} (number or id)"),
    "labour": ("Tukang dibayar semua (1), atau pekerja dari gotong royong (2)?",
               "All labour paid (1), or labourers from the community, gotong royong (2)?"),
    "estimate": ("Perkiraan biaya (harga hari ini, daftar {prices}, AHSP {ahsp}): {steps}; seluruhnya {total}",
                 "Estimated cost (today's prices, list {prices}, AHSP {ahsp}): {steps}; in all {total}"),
    "effect": ("{n}. {label} ({id}): {delta}", "{n}. {label} ({id}): {delta}"),
    "same": ("pilihan sekarang", "current choice"),
    "not_number": ("Jawab dengan angka.", "Answer with a number."),
    "yes_no": ("Jawab ya atau tidak.", "Answer yes or no."),
    "between": ("Angka harus antara {lo} dan {hi}.", "The number must be between {lo} and {hi}."),
    "not_money": ("Tulis jumlah rupiah, misalnya 2.400.000 atau 2,4 juta.",
                  "Write an amount in rupiah, e.g. 2.400.000 or 2,4 juta."),
    "unknown": ("Tidak ada pilihan {answer!r}.", "There is no choice {answer!r}."),
    "maybe": (" Mungkin maksudnya: {names}?", " Did you mean: {names}?"),
    "empty": ("Jawaban tidak boleh kosong.", "The answer cannot be empty."),
    "saved_unusable": ("  (jawaban tersimpan {value} tidak bisa dipakai; jawab lagi)",
                       "  (the saved answer {value} cannot be used; answer again)"),
    "saved_dropped": ("  (isian tersimpan {key}: {value} tidak bisa dipakai dan tidak disimpan: {reason})",
                      "  (the saved {key}: {value} cannot be used and is left out: {reason})"),
    "too_long": ("Terlalu panjang: paling banyak {n} huruf.", "Too long: at most {n} characters."),
    "bad_name": ("Nama ini tidak bisa dipakai: {reason}.", "This name cannot be used: {reason}."),
    "no_glyph": ("huruf {ch} ({code}) tidak ada di huruf cetak penawaran; tulis tanpa huruf itu",
                 "the character {ch} ({code}) is not in the quote's font; write it without it"),
}

YES = {"ya", "y", "yes", "iya", "1", "benar"}
NO = {"tidak", "t", "no", "n", "tdk", "0", "bukan", "gak", "nggak"}


def w(key: str, lang: str) -> str:
    return pick_word(WORDS, key, lang)


def rupiah_answer(text: str, lang: str) -> int:
    """``2.400.000``, ``2400000``, ``Rp 2.400.000``, ``2,4 juta`` or ``750 ribu`` in Rupiah."""
    cleaned = text.strip().lower().replace("rp", "").strip()
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*(juta|jt|ribu|rb)", cleaned)
    if match:
        factor = 1_000_000 if match.group(2) in ("juta", "jt") else 1_000
        cleaned = str(round(float(match.group(1).replace(",", ".")) * factor))
    try:
        return money(cleaned.replace(" ", ""), Where("answer"))
    except RumahError:
        raise Invalid(w("not_money", lang)) from None


def number_answer(text: str, lang: str, lo: float, hi: float, whole: bool = False) -> float:
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = int(cleaned) if whole else float(cleaned)
    except ValueError:
        raise Invalid(w("not_number", lang)) from None
    if not lo <= value <= hi:
        raise Invalid(w("between", lang).format(lo=_plain(lo, lang), hi=_plain(hi, lang)))
    return value


def share_answer(text: str, lang: str) -> float:
    value = number_answer(text, lang, 0, 100)
    share = value / 100 if text.strip().endswith("%") or value > 1 else value
    if not 0 < share <= 1:
        raise Invalid(w("between", lang).format(lo="1%", hi="100%"))
    return share


def rate_answer(text: str, lang: str) -> float:
    """A yearly interest rate: ``6%``, ``6`` (taken as per cent) or ``0,06``; at most 60 %."""
    value = number_answer(text, lang, 0, 60)
    rate = value / 100 if text.strip().endswith("%") or value >= 1 else value
    if rate > 0.6:
        raise Invalid(w("between", lang).format(lo="0%", hi="60%"))
    return rate


def yes_no(text: str, lang: str) -> bool:
    answer = text.strip().lower()
    if answer in YES:
        return True
    if answer in NO:
        return False
    raise Invalid(w("yes_no", lang))


def pick(text: str, lang: str, options: list[str]) -> str:
    """One of ``options`` by its number in the list shown, its id, or a close spelling."""
    answer = text.strip()
    if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1]
    if answer in options:
        return answer
    close = nearest(answer, options)
    if len(close) == 1 and answer:
        return close[0]
    message = w("unknown", lang).format(answer=answer)
    if close:
        message += w("maybe", lang).format(names=", ".join(close))
    raise Invalid(message)


class Consultation:
    """One family's consultation; ``answers`` is the household file being built."""

    def __init__(self, desk: Desk, path: Path | None, lang: str = "id", saved: dict | None = None,
                 locate: Callable[[str], Path] | None = None, library: Library | None = None):
        """``path`` is where the household file is saved; when None, ``locate(family name)`` gives
        it once the name is known.  ``library`` keeps the templates and prices loaded (the web
        desk shares one between its consultations)."""
        self.desk, self.path, self.lang, self.locate = desk, path, lang, locate
        self.saved = saved or {}
        # A reopened file keeps everything not asked (inflation, crew, notes ...): the session only
        # overwrites what it asks, so no saved answer is ever lost.
        self.answers: dict = copy.deepcopy(self.saved)
        self._rp = lambda amount: _rupiah_shown(amount, lang)
        self._num = lambda value: _plain(value, lang)
        self.library = library or Library()

    # -- asking and saving --------------------------------------------------------------------

    def ask(self, key: str, question: str, check: Callable[[str], Any], default: Any = None,
            shown: Callable[[Any], str] = str) -> Any:
        """Ask, offering the saved answer (or ``default``); store the answer under ``key``."""
        previous = self._offer(key, check, default)
        try:
            offered = None if previous is None else shown(previous)
        except (TypeError, ValueError):
            offered = str(previous)                   # as written in the file, e.g. "2.400.000"

        def checked(text: str) -> Any:
            # Enter keeps the saved answer itself, not its printed form (Rp 2,400,000 in English).
            if previous is not None and text.strip() in ("", offered):
                return previous
            return check(text)

        value = self.desk.ask(question, offered, checked)
        _put(self.answers, key, value)
        if key == "name" and self.path is None and self.locate is not None:
            self.path = self.locate(value)
        self.save(complete=False)
        return value

    def _offer(self, key: str, check: Callable[[str], Any], default: Any) -> Any:
        """The answer to offer: the saved one if it passes the question's own check (a reopened
        file may hold anything), else the default, held to the same check (a default may come
        from the file too: the amount of a saved grant); nothing when neither passes."""
        for value in (_get(self.saved, key), default):
            if value is None:
                continue
            try:
                return check(_as_answer(value, self.lang))
            except Invalid:
                self.desk.tell(w("saved_unusable", self.lang).format(value=_briefly(value)))
        return None

    def save(self, complete: bool) -> None:
        head = "" if complete else ("# Konsultasi belum selesai: lanjutkan dengan `rumah konsultasi --from "
                                    f"{self.path}`\n")
        if self.path is None:
            return
        body = yaml.safe_dump(self.answers, allow_unicode=True, sort_keys=False, default_flow_style=False)
        write_atomic(self.path, head + body)

    # -- the questions ------------------------------------------------------------------------

    def _drop_unusable(self) -> None:
        """Fields the questions do not ask (inflation, crew, seasonal ...) are kept as the file has
        them, unless one could not be used: then it is said and left out now, rather than failing
        the quote after every question has been answered."""
        base = {"name": "Keluarga", "members": 1, "region": "kendal", "income_monthly": 1_000_000,
                "template": "inti-6m"}
        folder = self.path.parent if self.path is not None else None
        for key in list(self.saved):
            if key in ASKED or str(key).startswith("_"):      # _bsps ...: answers of an unfinished grant
                continue
            value = self.saved[key]
            try:
                parse_household(base | {key: value}, Where("answer"), None, folder)
            except RumahError as exc:
                reason = str(exc).split(": ", 2)[-1]
                self.desk.tell(w("saved_dropped", self.lang).format(key=_briefly(key), value=_briefly(value),
                                                                    reason=reason[:160]))
                self.answers.pop(key, None)
                self.saved.pop(key, None)

    def run(self) -> dict:
        lang = self.lang
        rp = self._rp
        self._drop_unusable()
        self.ask("name", w("name", lang), lambda t: _name_answer(t, lang, MAX_NAME))
        members = self.ask("members", w("members", lang), lambda t: number_answer(t, lang, 1, 30, whole=True))
        children = self.ask("composition.children", w("children", lang),
                            lambda t: number_answer(t, lang, 0, members - 1, whole=True), default=0)
        self.answers["composition"] = {"adults": members - children, "children": children}
        regions = _regions()
        self.desk.tell(w("regions", lang).format(names=", ".join(regions)))
        self.ask("region", w("region", lang), lambda t: pick(t, lang, regions))
        self.ask("income_monthly", w("income", lang), lambda t: rupiah_answer(t, lang), shown=rp)
        self.desk.tell(w("share_help", lang))
        self.ask("housing_share", w("share", lang), lambda t: share_answer(t, lang), default=0.30,
                 shown=lambda v: f"{v * 100:g}%")
        self.ask("savings", w("savings", lang), lambda t: rupiah_answer(t, lang), default=0, shown=rp)
        self._grant()
        self._loan()
        width = self.ask("plot.width_m", w("plot_width", lang), lambda t: number_answer(t, lang, 2, 100),
                         default=6.0, shown=self._num)
        depth = self.ask("plot.depth_m", w("plot_depth", lang), lambda t: number_answer(t, lang, 3, 200),
                         default=12.0, shown=self._num)
        raised = _number(_get(self.saved, "parameters.plinth_height")) >= 0.5
        flood = self.ask("plot.flood_risk", w("flood", lang), lambda t: yes_no(t, lang), default=raised,
                         shown=lambda v: _yes_no_shown(v, lang))
        self._house(width, depth, flood)
        labour = self.ask("labour", w("labour", lang), lambda t: pick(t, lang, ["paid", "gotong_royong"]),
                          default="paid")
        self.answers["labour"] = labour
        self.answers["horizon_months"] = _get(self.saved, "horizon_months", 120)   # checked on reopening
        self.save(complete=True)
        return self.answers

    def _grant(self) -> None:
        """BSPS, then any other grant; the saved file's grants are the defaults."""
        lang = self.lang
        saved = _get(self.saved, "grants", []) or []
        bsps = next((g for g in saved if str(g.get("name", "")).upper().startswith("BSPS")
                     or g.get("kind") == "bsps"), None)
        other = next((g for g in saved if g is not bsps), None)
        grants = []
        if self.ask("_bsps.given", w("bsps", lang), lambda t: yes_no(t, lang), default=bsps is not None,
                    shown=lambda v: _yes_no_shown(v, lang)):
            bsps = bsps or {}
            # BSPS 2025 (Permen PKP 10/2025): Rp 20 juta, of which 17.5 juta materials.
            amount = self.ask("_bsps.amount", w("bsps_amount", lang), lambda t: rupiah_answer(t, lang),
                              default=bsps.get("amount", 20_000_000), shown=self._rp)
            materials = self.ask("_bsps.materials", w("bsps_materials", lang),
                                 lambda t: _at_most(rupiah_answer(t, lang), amount, lang),
                                 default=bsps.get("materials", min(17_500_000, amount)), shown=self._rp)
            month = self.ask("_bsps.month", w("bsps_month", lang),
                             lambda t: number_answer(t, lang, 1, 120, whole=True), default=bsps.get("month", 1))
            # What the questions do not cover (tranches, period) stays as the saved file had it; a
            # name that could not be a grant's is put right.
            name = bsps.get("name", "BSPS")
            try:
                name = checked_name(name, Where("answer"), MAX_OFFER_NAME)
            except RumahError as exc:
                self.desk.tell(w("saved_dropped", lang).format(key="grants.name", value=_briefly(name),
                                                               reason=str(exc).split(": ", 2)[-1][:160]))
                name = "BSPS"
            grants.append(dict(bsps) | {"name": name, "kind": "bsps", "amount": amount, "materials": materials,
                                        "labour": amount - materials, "month": month})
        if self.ask("_other.given", w("other_grant", lang), lambda t: yes_no(t, lang), default=other is not None,
                    shown=lambda v: _yes_no_shown(v, lang)):
            other = other or {}
            name = self.ask("_other.name", w("other_name", lang), lambda t: _name_answer(t, lang, MAX_OFFER_NAME),
                            default=other.get("name"))
            amount = self.ask("_other.amount", w("bsps_amount", lang), lambda t: rupiah_answer(t, lang),
                              default=other.get("amount"), shown=self._rp)
            month = self.ask("_other.month", w("bsps_month", lang),
                             lambda t: number_answer(t, lang, 1, 120, whole=True), default=other.get("month", 1))
            grants.append(dict(other) | {"name": name, "amount": amount, "month": month})
        # Grants beyond the two asked about stay as they were written.
        grants += [g for g in saved if g is not bsps and g is not other]
        self.answers.pop("_bsps", None)
        self.answers.pop("_other", None)
        self.answers.pop("grants", None)
        if grants:
            self.answers["grants"] = grants
        self.save(complete=False)

    def _loan(self) -> None:
        lang = self.lang
        had = bool(_get(self.saved, "loans", []))
        if not self.ask("_loan", w("loan", lang), lambda t: yes_no(t, lang), default=had,
                        shown=lambda v: _yes_no_shown(v, lang)):
            self.answers.pop("_loan")
            self.answers.pop("loans", None)
            self.save(complete=False)
            return
        self.answers.pop("_loan")
        self.ask("loans.0.name", w("loan_name", lang), lambda t: _name_answer(t, lang, MAX_OFFER_NAME),
                 default="KUR Mikro")
        self.ask("loans.0.amount", w("loan_amount", lang), lambda t: rupiah_answer(t, lang), default=10_000_000,
                 shown=self._rp)
        self.ask("loans.0.annual_rate", w("loan_rate", lang), lambda t: rate_answer(t, lang), default=0.06,
                 shown=lambda v: f"{v * 100:g}%")
        self.ask("loans.0.tenor_months", w("loan_tenor", lang), lambda t: number_answer(t, lang, 1, 360, whole=True),
                 default=36)

    def _house(self, width: float, depth: float, flood: bool) -> None:
        lang = self.lang
        footprints = {name: self.library.summary(name, lang) for name in self.library.template_names()}
        fitting = [n for n, s in footprints.items() if s["width_m"] <= width + 1e-9 and s["depth_m"] <= depth + 1e-9]
        if fitting:
            self.desk.tell(w("fits", lang).format(w=self._num(width), d=self._num(depth)))
        else:
            self.desk.tell(w("none_fit", lang))
            fitting = list(footprints)
        for k, name in enumerate(fitting, 1):
            s = footprints[name]
            areas = " -> ".join(f"{self._num(step['total_floor_area_m2'])}" for step in s["steps"])
            self.desk.tell(f"  {k}. {name}: {s['name']} ({self._num(s['width_m'])} x {self._num(s['depth_m'])} m; "
                           f"m2 {areas})")
        template = self.ask("template", w("template", lang), lambda t: pick(t, lang, fitting),
                            default=fitting[0] if fitting else None)
        # Parameters set by hand in a reopened file stay; those asked below are asked again.
        known = self.library.template(template).parameters
        kept = {k: v for k, v in (_get(self.saved, "parameters", {}) or {}).items()
                if k in known and k not in ("plinth_height", "wall", "roof", "floor")}
        self.answers["parameters"] = kept
        if flood:
            self.ask("parameters.plinth_height", w("plinth", lang), lambda t: number_answer(t, lang, 0.2, 1.5),
                     default=0.8, shown=self._num)
        self._show_estimate(template)
        loaded = self.library.template(template)
        for name in ("wall", "roof", "floor"):
            parameter = loaded.parameters.get(name)
            if parameter is None or parameter.kind != "choice":
                continue
            options = list(parameter.choices)
            current = _get(self.saved, f"parameters.{name}", parameter.default)
            if not isinstance(current, str) or current not in options:
                if current is not None:
                    self.desk.tell(w("saved_unusable", lang).format(value=_briefly(current)))
                current = parameter.default
            deltas = self._price_effects(template, name, options, current)
            for k, option in enumerate(options, 1):
                delta = w("same", lang) if option == current else _signed(deltas[option], lang)
                self.desk.tell("  " + w("effect", lang).format(n=k, label=parameter.choices[option].label(lang),
                                                               id=option, delta=delta))
            self.ask(f"parameters.{name}", w("choice", lang).format(label=parameter.label(lang)),
                     lambda t, options=options: pick(t, lang, options), default=current)
        self._show_estimate(template)

    def _estimate(self, template: str, values: dict):
        # Every option of every choice is priced: the library loads the catalog once and keeps bills.
        labour = _get(self.saved, "labour", "paid")
        return self.library.estimate(template, self.answers["region"], values,
                                     labour if labour in ("paid", "gotong_royong") else "paid")

    def _price_effects(self, template: str, name: str, options: list[str], current: str) -> dict[str, int]:
        base = dict(self.answers.get("parameters", {}))
        totals = {option: self._estimate(template, base | {name: option}).total for option in options}
        return {option: totals[option] - totals[current] for option in options}

    def _show_estimate(self, template: str) -> None:
        bill = self._estimate(template, dict(self.answers.get("parameters", {})))
        steps = ", ".join(f"{s.step}: {self._rp(s.total)}" for s in bill.steps)
        self.desk.tell(w("estimate", self.lang).format(steps=steps, total=self._rp(bill.total),
                                                       prices=bill.price_list.id,
                                                       ahsp=bill.edition.edition))


#: What the questions ask (each saved answer is checked as it is offered again); every other field
#: of a saved file is checked on reopening.
ASKED = frozenset({"name", "members", "composition", "region", "income_monthly", "housing_share", "savings",
                   "grants", "loans", "plot", "template", "parameters", "labour"})
#: The shape of the answers a saved file may hold: a value of another shape is dropped (and asked again).
SHAPES = {"grants": list, "loans": list, "plot": dict, "parameters": dict, "composition": dict}


def load_saved(path: Path) -> dict:
    """A saved (maybe unfinished) consultation: its answers, to be offered again.  Answers of the
    wrong shape (a list of members, a grant that is a word) are dropped: every one kept is
    checked again when it is offered."""
    from ..yamlio import load_yaml
    raw = load_yaml(path)
    release_input(path)        # the consultation saves its answers back into it
    if not isinstance(raw, dict):
        raise RumahError(f"{path}: expected a household file (key: value lines)")
    answers = {}
    for key, value in raw.items():
        shape = SHAPES.get(key)
        if shape is not None and not isinstance(value, shape):
            continue
        if shape is list:
            value = [item for item in value if isinstance(item, dict)]
        answers[key] = value
    for key in ("grants", "loans"):
        for item in answers.get(key, []):
            for field in list(item):
                if isinstance(item[field], (list, dict)):
                    del item[field]
    return answers


def _as_answer(value: Any, lang: str) -> str:
    """A saved value as the text a technician would type for it."""
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("ya" if value else "tidak")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, dict)) or value is None:
        return "\x00"                        # never a valid answer
    return str(value)


def _number(value: Any) -> float:
    """A saved number as a float, or 0 when it is none (text, a list, yes/no ...)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    return float(value) if math.isfinite(value) else 0.0


def _briefly(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _regions() -> list[str]:
    from ..cost.prices import bundled_lists, region_of
    return sorted({region_of(i) for i in bundled_lists()})


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
        raise Invalid(w("bad_name", lang).format(reason=w("no_glyph", lang).format(ch=bad, code=f"U+{ord(bad):04X}")))
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
    return f"{value:g}" if lang == "en" else f"{value:g}".replace(".", ",")


def _rupiah_shown(amount: int, lang: str = "id") -> str:
    from ..i18n import rupiah
    return rupiah(int(amount), lang)


def _signed(amount: int, lang: str) -> str:
    sign = "+" if amount >= 0 else "-"
    return f"{sign}{_rupiah_shown(abs(amount), lang)}"


def _yes_no_shown(value: bool, lang: str) -> str:
    return ("yes" if value else "no") if lang == "en" else ("ya" if value else "tidak")

