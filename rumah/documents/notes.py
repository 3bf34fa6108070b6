"""Notes a plan carries for the technician and the family (a loan too big for the budget, rooms
added to a house too small, floor raisings late or leaving rooms too low), in words."""

from __future__ import annotations

from .. import i18n

WORDS = {
    "loan_too_big": ("pinjaman {name}: cicilan {instalment} lebih besar dari dana rumah {budget} di bulan tersempit; "
                     "tidak dipakai",
                     "loan {name}: instalment {instalment} is more than the {budget} for the house in the leanest "
                     "month; not considered"),
    "rooms_added": ("rumah ini terlalu kecil untuk {members} orang: ditambah {count} kamar tidur, {area} m², di "
                    "{where} rumah (lihat gambar ruang yang ditambah); ubah di data rumah bila perlu",
                    "this house is too small for {members} persons: the plan adds bedrooms of {area} m² in all "
                    "(rooms: {count}) at the {where} of the house (see the drawing of the rooms added); change them "
                    "in the house data if need be"),
    "side_back": ("belakang", "back"),
    "side_right": ("samping kanan", "right side"),
    "raising_headroom": ("lantai naik {lifted} m dalam rencana ini; tinggi ruang tinggal {left} m, kurang dari "
                         "{least} m: dinding dan atap perlu ditinggikan juga (belum dihitung)",
                         "the floor rises {lifted} m in this plan; the rooms are left {left} m high, less than "
                         "{least} m: walls and roof must be raised too (not priced)"),
    "raising_late": ("peninggian lantai {height} m seharusnya bulan ke-{due}, baru terbiayai bulan ke-{month}",
                     "the {height} m floor raising is due in month {due} but can only be paid in month {month}"),
    "raising_unpaid": ("peninggian lantai {height} m (perlu sebelum bulan ke-{due}) tidak terbiayai dalam rencana ini",
                       "the {height} m floor raising (due before month {due}) cannot be paid within this plan"),
}

#: Figures of notes that are counts or months, not Rupiah.
PLAIN_FIGURES = ("month", "due", "count", "members")


def note_text(kind: str, figures: dict, lang: str) -> str:
    """One note of a plan in words: whole numbers as Rupiah (but counts and months), lengths and
    heights with a decimal comma, a side of the house in words."""
    shown = {k: i18n.rupiah(v, lang) if isinstance(v, int) and k not in PLAIN_FIGURES else
             i18n.plain(v, lang, 2) if isinstance(v, float) else v for k, v in figures.items()}
    if "where" in shown:
        shown["where"] = i18n.pick(WORDS, f"side_{shown['where']}", lang)
    return i18n.pick(WORDS, kind, lang).format(**shown)
