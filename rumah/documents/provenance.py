"""Where a bill's prices come from, in the words every output uses.

One place says how a price list derives from the one it extends ("factor unknown" while nobody
published the factor, never "x 1.0"), and which table row an imported price was read from, so
that the estimate (table and JSON), the plan, the quote and ``rumah prices`` all say the same.
"""

from __future__ import annotations

from .. import i18n
from ..cost.prices import DEFAULT_INFLATION, Link, PriceList
from ..cost.resources import Resources
from ..i18n import nt, t


def factor_cell(price_list: PriceList, lang: str) -> str:
    """The factor of a list as a short cell: ``-`` (extends none), ``belum diketahui`` or ``1,0387``."""
    if not price_list.extends:
        return "-"
    if price_list.factor is None:
        return t("unknown", lang)
    return i18n.plain(price_list.factor, lang, 4)


def _link_text(link: Link, lang: str) -> str:
    if link.factor is None:
        text = f"{link.extends} -> {link.list_id}: " + t("factor unknown", lang)
    else:
        text = f"{link.extends} -> {link.list_id}: x {i18n.plain(link.factor, lang, 4)} ({link.source})"
    if link.months:
        rate, rise = i18n.plain(DEFAULT_INFLATION * 100, lang, 1) + " %", i18n.plain(link.rise, lang, 4)
        if link.months > 0:
            text += ", " + nt("risen {n} month to this list's month at {rate} a year (x {rise})",
                              "risen {n} months to this list's month at {rate} a year (x {rise})", link.months,
                              lang, rate=rate, rise=rise)
        else:
            text += ", " + nt("lowered {n} month back to this list's month at {rate} a year (x {rise})",
                              "lowered {n} months back to this list's month at {rate} a year (x {rise})",
                              -link.months, lang, rate=rate, rise=rise)
    return text


def factor_text(price_list: PriceList, lang: str) -> str:
    """How the list's inherited prices were scaled, down the chain of ``extends``; empty for a
    list that extends none."""
    if not price_list.links:
        return ""
    text = t("Regional factor: {links}.", lang, links="; ".join(_link_text(link, lang) for link in price_list.links))
    if price_list.unknown_factors:
        text += " " + t("Prices inherited through a factor that is unknown are not adjusted from one district to "
                        "the other and are indicative.", lang)
    return text


def link_json(link: Link) -> dict:
    return {"list": link.list_id, "extends": link.extends, "factor": link.factor,
            "status": "unknown" if link.factor is None else "sourced", "source": link.source,
            "months": link.months, "rise": link.rise,
            "ikk": None if link.ikk is None else {
                "edition": link.ikk.edition, "reference": link.ikk.reference,
                "region": {"name": link.ikk.region.region, "value": link.ikk.region.value,
                           "source": link.ikk.region.source},
                "base": {"name": link.ikk.base.region, "value": link.ikk.base.value, "source": link.ikk.base.source}}}


def price_list_json(price_list: PriceList, lang: str = "id") -> dict:
    """The list's identity and how it derives from others (``factor`` is null while unknown)."""
    return {"id": price_list.id, "year": price_list.year, "source": price_list.source,
            "region_name": price_list.region_name, "collected": price_list.collected,
            "extends": price_list.extends or None, "factor": price_list.factor,
            "factor_status": price_list.factor_status or None,
            "factor_text": factor_text(price_list, lang),
            "factors": [link_json(link) for link in price_list.links]}


def price_figure(amount: float) -> int | float:
    """A unit price for JSON: exact to a hundredth of a sen (a price per kilogram of a sack's
    price keeps its fraction), without the binary noise of a factor (60000.00000000001 is
    60000), and whole prices as whole numbers. [IDR]"""
    kept = round(amount, 4)
    return int(kept) if kept == int(kept) else kept


def prices_json(price_list: PriceList, codes, resources: Resources, lang: str = "id") -> list[dict]:
    """Each price behind ``codes``: per base unit, whether indicative, the list it was written in,
    whether it was inherited unadjusted, and the table row it was imported from."""
    out = []
    for code in codes:
        price = price_list.price(code)
        out.append({"code": code, "name": resources[code].name(lang), "unit": resources[code].unit,
                    "price_idr": price_figure(price.per_base), "indicative": price.indicative, "from": price.origin,
                    "unadjusted": price.unadjusted, "rise": price.rise,
                    "source_row": price.source.as_dict() if price.source is not None else None})
    return out


def imported_text(price_list: PriceList, codes, lang: str) -> str:
    """``12 harga dari tabel ssh-kendal-2025.xlsx`` for the prices of ``codes`` read from a table."""
    rows = [price_list.price(code).source for code in codes]
    tables = sorted({row.table for row in rows if row is not None})
    if not tables:
        return ""
    return nt("{n} price from the table {tables}", "{n} prices from the table {tables}",
              sum(row is not None for row in rows), lang, tables=", ".join(tables))
