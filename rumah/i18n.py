"""Words and number formats for what people read: Indonesian by default, English with ``en``.

Residents read ``Rp 1.234.567`` and ``12,50``; English readers get ``Rp 1,234,567`` and
``12.50``.
"""

from __future__ import annotations

import re

LANGS = ("id", "en")

WORDS = {
    "step": ("Tahap", "Step"),
    "bill_title": ("Rencana Anggaran Biaya (RAB)", "Bill of quantities"),
    "no": ("No", "No"),
    "description": ("Uraian pekerjaan", "Work"),
    "code": ("Kode AHSP", "AHSP code"),
    "quantity": ("Volume", "Quantity"),
    "unit": ("Sat", "Unit"),
    "unit_price": ("Harga satuan", "Unit price"),
    "amount": ("Jumlah", "Amount"),
    "subtotal": ("Jumlah", "Subtotal"),
    "step_total": ("Total tahap", "Total for step"),
    "grand_total": ("TOTAL SELURUH TAHAP", "TOTAL, ALL STEPS"),
    "floor_area": ("luas lantai", "floor area"),
    "total_area": ("luas rumah setelah tahap ini", "house area after this step"),
    "overhead": ("Overhead dan keuntungan", "Overhead and profit"),
    "template": ("Tipe rumah", "House type"),
    "price_list": ("Daftar harga", "Price list"),
    "source": ("sumber", "source"),
    "ahsp": ("AHSP", "AHSP"),
    "labour": ("Tenaga kerja", "Labour"),
    "indicative": ("Harga indikatif (belum bersumber resmi)", "Indicative prices (no published source)"),
    "of": ("dari", "of"),
    "estimate_items": ("Item AHSP hasil perkiraan (bukan koefisien terbit)",
                       "AHSP items estimated (no published coefficients)"),
    "rounding": ("Pembulatan: jumlah tiap baris = volume x harga satuan (tidak dibulatkan), dibulatkan ke "
                 "rupiah terdekat; total = jumlah baris.",
                 "Rounding: each line = quantity x exact unit price, rounded to the nearest rupiah; "
                 "totals = sum of lines."),
    "materials_title": ("Daftar belanja bahan", "Shopping list"),
    "material": ("Bahan", "Material"),
    "needed": ("Kebutuhan", "Needed"),
    "waste": ("Susut", "Waste"),
    "buy": ("Beli", "Buy"),
    "price_each": ("Harga per satuan beli", "Price per purchase unit"),
    "cost": ("Biaya", "Cost"),
    "shop_total": ("Total belanja bahan", "Total materials"),
    "labour_title": ("Hari kerja (orang-hari)", "Labour (person-days)"),
    "days": ("OH", "days"),
    "duration": ("sekitar {days} hari kerja untuk {tradesmen} tukang dan {labourers} pekerja",
                 "about {days} working days for {tradesmen} tradesmen and {labourers} labourers"),
    "parameters": ("Pilihan", "Choices"),
    "edition_year": ("edisi", "edition"),
    "marked": ("ditandai *", "marked *"),
    "to": ("s.d.", "to"),
    "one_of": ("salah satu dari", "one of"),
    "yes": ("ya", "yes"),
    "no_": ("tidak", "no"),
    "requires": ("perlu tahap", "requires step"),
    "parameter": ("parameter", "parameter"),
    "value": ("nilai", "value"),
    "allowed": ("boleh", "allowed"),
    "source_label": ("sumber", "source"),
}

UNITS = {
    "piece": ("bh", "pc"), "point": ("titik", "point"), "sheet": ("lbr", "sheet"), "unit": ("unit", "unit"),
    "set": ("set", "set"), "OH": ("OH", "day"), "ls": ("ls", "ls"),
}

_CONTAINERS = {"sak": ("sak", "sack"), "batang": ("batang", "length"), "dus": ("dus", "box"),
               "pail": ("pail", "pail"), "roll": ("rol", "roll"), "truk": ("truk", "truck"),
               "kaleng": ("kaleng", "can")}

#: Timber pieces, named by section (cm) and length: ``kaso_5x7_4m`` -> ``kaso 5/7, 4 m``.
_PIECES = {"papan": ("papan", "board"), "kaso": ("kaso", "batten"), "usuk": ("usuk", "rafter"),
           "reng": ("reng", "tile batten"), "balok": ("balok", "beam")}
_PIECE = re.compile(r"(\d+)x(\d+)_(\d+(?:\.\d+)?)m")


def pick(words: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    """``words[key]`` is an (Indonesian, English) pair: the one for ``lang``."""
    ind, en = words[key]
    return en if lang == "en" else ind


def word(key: str, lang: str) -> str:
    return pick(WORDS, key, lang)


def unit_name(unit: str, lang: str) -> str:
    """A unit as people write it: ``piece`` -> ``bh``; ``sak_50kg`` -> ``sak 50 kg``."""
    if unit in UNITS:
        return UNITS[unit][1 if lang == "en" else 0]
    head, sep, tail = unit.partition("_")
    piece = _PIECE.fullmatch(tail) if head in _PIECES else None
    if piece:
        return f"{_PIECES[head][1 if lang == 'en' else 0]} {piece.group(1)}/{piece.group(2)}, {piece.group(3)} m"
    if sep and head in _CONTAINERS:
        name = _CONTAINERS[head][1 if lang == "en" else 0]
        match = re.fullmatch(r"(\d+(?:\.\d+)?)([a-zA-Z]*)", tail)
        if match and match.group(2):
            return f"{name} {match.group(1)} {match.group(2)}"
        if match:
            return f"{name} ({'isi' if lang != 'en' else 'of'} {match.group(1)})"
    return unit


def purchase_text(parts, lang: str) -> str:
    """What to buy, from (unit, count) pairs: ``2 pail 5 kg + 3 kaleng 1 kg``."""
    return " + ".join(f"{count} {unit_name(unit, lang)}" for unit, count in parts)


def prices_text(prices, lang: str) -> str:
    """The price of one of each unit bought, in the order of ``purchase_text``: ``250.000 / 50.000``."""
    return " / ".join(rupiah(round(price), lang, False) for price in prices)


def number(value: float, lang: str, decimals: int = 2) -> str:
    """``1234.5`` -> ``1.234,50`` (id) or ``1,234.50`` (en)."""
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def plain(value: float, lang: str, decimals: int = 3) -> str:
    """A measurement without trailing zeros: ``0.015`` -> ``0,015``; ``3.0`` -> ``3``."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang != "en" else text


def rupiah(amount: int, lang: str, prefix: bool = True) -> str:
    """``1234567`` -> ``Rp 1.234.567`` (id) or ``Rp 1,234,567`` (en)."""
    text = number(amount, lang, 0)
    return f"Rp {text}" if prefix else text
