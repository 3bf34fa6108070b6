"""Plain-data summaries of the catalog and the price lists, for ``catalog`` and ``prices`` commands."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .. import i18n
from ..cost.compare import Comparison
from ..cost.prices import PriceList, bundled_lists, load_price_list
from ..cost.resources import Resources
from ..cost.ssh import Imported
from ..errors import DataError
from ..house.design import build_design
from ..house.template import Template, load_template, template_paths
from ..i18n import ntr, tr
from ..tables import cell_text
from .provenance import factor_cell, factor_text, link_json


def template_summary(template: Template, values: Mapping[str, object] | None = None, lang: str = "id") -> dict:
    """A template's identity, steps with their areas, parameters and rooms."""
    design = build_design(template, values or {})
    return {
        "id": template.id,
        "version": template.version,
        "name": template.name(lang),
        "description": template.description(lang),
        "source": template.source,
        "frontage_m": template.frontage,
        # The finished house on wall centre lines: what has to fit on the plot.
        "width_m": design.xs[-1] - design.xs[0],
        "depth_m": design.ys[-1] - design.ys[0],
        "party_walls": list(template.party_walls),
        "steps": [{"step": s.number, "name": s.name(lang), "requires": list(s.requires), "value": s.value,
                   "floor_area_m2": design.floor_area(s.number),
                   "total_floor_area_m2": design.total_floor_area(s.number),
                   "rooms": [{"id": r.id, "name": r.name(lang), "type": r.type, "area_m2": r.area,
                              "width_m": r.x1 - r.x0, "depth_m": r.y1 - r.y0}
                             for r in design.rooms if r.step == s.number]}
                  for s in design.steps],
        "parameters": [{"name": p.name, "label": p.label(lang), "kind": p.kind, "value": design.values[p.name],
                        "default": p.default, "unit": p.unit, "allowed": p.range_text(lang),
                        "min": p.minimum, "max": p.maximum, "choices": list(p.choices)}
                       for p in template.parameters.values()],
    }


def list_templates(lang: str = "id") -> list[dict]:
    return [template_summary(load_template(name), lang=lang) for name in template_paths()]


def price_list_summary(price_list: PriceList, resources: Resources, lang: str = "id") -> dict:
    missing = [r.code for r in resources if r.code not in price_list.prices]
    return {
        "id": price_list.id,
        "region": price_list.region,
        "region_name": price_list.region_name,
        "bps_code": price_list.bps_code,
        "province": price_list.province,
        "year": price_list.year,
        "source": price_list.source,
        "collected": price_list.collected,
        "extends": price_list.extends,
        # null while nobody published the factor: the inherited prices are then used as they are.
        "factor": price_list.factor,
        "factor_status": price_list.factor_status or None,
        "factor_source": price_list.factor_source,
        "factor_shown": factor_cell(price_list, lang),
        "factor_text": factor_text(price_list, lang),
        "factors": [link_json(link) for link in price_list.links],
        "note": price_list.note,
        "prices": [{"code": code, "name": resources[code].name(lang), "unit": resources[code].unit,
                    "price_idr": p.per_base, "purchase_unit": resources[code].purchase_unit,
                    "purchase_price_idr": p.per_base * resources[code].factor(resources[code].purchase_unit),
                    "indicative": p.indicative, "unadjusted": p.unadjusted,
                    "from": f"{p.origin} ({p.priced_as})" if p.priced_as else p.origin, "note": p.note,
                    "source_row": p.source.as_dict() if p.source is not None else None,
                    "source_label": p.source.label() if p.source is not None else ""}
                   for code, p in price_list.prices.items()],
        "indicative_count": price_list.indicative_count,
        "missing": missing,
    }


def list_price_lists(resources: Resources, lang: str = "id") -> list[dict]:
    return [price_list_summary(load_price_list(str(path), resources), resources, lang)
            for path in bundled_lists().values()]


def check_price_list(path: str, resources: Resources, lang: str = "id") -> dict:
    """Load a price list file and check that it prices every catalog resource."""
    if not Path(path).is_file():
        raise DataError(tr("{file}: no such file", file=path))
    summary = price_list_summary(load_price_list(path, resources), resources, lang)
    if summary["missing"]:
        shown = ", ".join(summary["missing"])
        raise DataError(ntr("{file}: prices: expected a price for every resource of the catalog, found {n} missing "
                            "({codes}); add it or 'extends' a list that has it",
                            "{file}: prices: expected a price for every resource of the catalog, found {n} missing "
                            "({codes}); add them or 'extends' a list that has them", len(summary["missing"]),
                            file=path, codes=shown))
    return summary


# ---------------------------------------------------------------------------------- prices import and diff

def _row_json(row) -> dict:
    return {"sheet": row.sheet, "row": row.number, "description": row.description,
            "specification": row.specification, "unit": row.unit,
            "price": row.price if isinstance(row.price, (int, float)) else cell_text(row.price)}


def import_report_json(imported: Imported, price_list: PriceList, output: str, resources: Resources,
                       lang: str = "id") -> dict:
    """What ``rumah prices import`` did: the file written, each price with its row, the rows left over."""
    return {
        "output": output, "id": price_list.id, "table": imported.table,
        "delimiter": imported.delimiter or None,
        "headers": [{"sheet": sheet, "row": row} for sheet, row in imported.headers],
        "sheets_without_prices": list(imported.skipped_sheets),
        "rows": imported.rows,
        "prices": [{"code": code, "name": resources[code].name(lang), "price": m.price, "unit": m.unit,
                    "price_per_base_idr": m.per_base, "base_unit": resources[code].unit,
                    "row": _row_json(m.row), "pattern": m.rank + 1}
                   for code, m in imported.prices.items()],
        "choices": [{"code": c.resource, "how": c.how, "chosen": _row_json(c.chosen.row),
                     "others": [_row_json(m.row) for m in c.others]} for c in imported.choices],
        "unmatched": [_row_json(row) for row in imported.unmatched],
        "unusable": [_row_json(u.row) | {"code": u.resource, "reason": u.reason} for u in imported.unusable],
        "inherited": [{"code": code, "from": price_list.price(code).origin,
                       "indicative": price_list.price(code).indicative} for code in imported.missing],
        "priced_as": [{"code": code, "as": resources[code].priced_as} for code in imported.derived],
        "extends": price_list.extends,
        "factor_text": factor_text(price_list, lang),
    }


#: Unmatched rows shown in the table report; the JSON report lists them all.
SHOWN_UNMATCHED = 40


def _where(row) -> str:
    return (f"{row.sheet}, " if row.sheet else "") + f"row {row.number}"


def import_report_table(imported: Imported, price_list: PriceList, output: str, resources: Resources,
                        lang: str = "id") -> str:
    how = {"mapping": "the mapping prefers its pattern", "first": "first of the rows matching the same pattern",
           "asked": "chosen here"}
    separated = {";": "';' separated", ",": "',' separated", "\t": "tab separated"}.get(imported.delimiter, "")
    headers = ", ".join((f"sheet {s!r} " if s else "") + f"header at row {r}" for s, r in imported.headers)
    out = [f"{output}: {price_list.id}, {len(imported.prices)} prices from {imported.table} "
           f"({imported.rows} described rows; {headers}{'; ' + separated if separated else ''})"]
    if imported.skipped_sheets:
        out.append("sheets without a price table: " + ", ".join(repr(s) for s in imported.skipped_sheets))
    out.append("")
    rows = [["code", "row", "as written", "price", "per", "= per base unit"]]
    for code, m in imported.prices.items():
        unit = resources[code].unit
        rows.append([code, _where(m.row), m.row.label(),
                     i18n.rupiah(round(m.price), lang), i18n.unit_name(m.unit, lang),
                     f"{i18n.rupiah(round(m.per_base), lang)} / {i18n.unit_name(unit, lang)}"
                     if m.per_base >= 100 else f"Rp {i18n.number(m.per_base, lang, 2)} / {i18n.unit_name(unit, lang)}"])
    out.append(_plain_table(rows))
    if imported.choices:
        out.append("several rows price one resource:")
        for c in imported.choices:
            others = "; ".join(f"{_where(m.row)} {m.row.description!r} {cell_text(m.row.price)}" for m in c.others)
            out.append(f"  {c.resource}: {_where(c.chosen.row)} {c.chosen.row.description!r} taken "
                       f"({how[c.how]}); also {others}")
        out.append("")
    if imported.unusable:
        out.append(f"rows that match a resource in a unit it does not know ({len(imported.unusable)}), not used:")
        out += [f"  {_where(u.row)}: {u.row.label()}: {u.reason}" for u in imported.unusable]
        out.append("")
    if imported.unmatched:
        out.append(f"rows that match no resource ({len(imported.unmatched)}):")
        out += [f"  {_where(row)}: {row.label()}" for row in imported.unmatched[:SHOWN_UNMATCHED]]
        if len(imported.unmatched) > SHOWN_UNMATCHED:
            out.append(f"  ... and {len(imported.unmatched) - SHOWN_UNMATCHED} more (--format json lists them all)")
        out.append("")
    if imported.derived:
        out.append("priced as another resource of the table: "
                   + ", ".join(f"{code} (as {resources[code].priced_as})" for code in imported.derived))
    if imported.missing:
        out.append(f"not in the table, inherited from {price_list.extends} ({len(imported.missing)}, indicative): "
                   + ", ".join(imported.missing))
    out.append(factor_text(price_list, lang))
    return "\n".join(out) + "\n"


def _plain_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows) + "\n"


def _percent(value: float | None, lang: str) -> str:
    if value is None:
        return "-"
    return ("+" if value > 0 else "") + i18n.number(value * 100, lang, 1) + " %"


def diff_json(comparison: Comparison, lang: str = "id") -> dict:
    a, b = comparison.a, comparison.b
    return {
        "a": {"id": a.id, "year": a.year, "source": a.source, "factor_text": factor_text(a, lang)},
        "b": {"id": b.id, "year": b.year, "source": b.source, "factor_text": factor_text(b, lang)},
        "prices": [{"code": c.code, "unit": comparison.resources[c.code].unit,
                    "a_idr": c.a, "b_idr": c.b, "change": c.change,
                    "a_indicative": c.a_indicative, "b_indicative": c.b_indicative}
                   for c in comparison.changes],
        "changed": sum(1 for c in comparison.changes if c.a != c.b),
        "templates": [{"template": t.template, "name": t.name(lang), "total_a_idr": t.total_a,
                       "total_b_idr": t.total_b, "difference_idr": t.difference, "change": t.change}
                      for t in comparison.templates],
        "template_terms": {"parameters": "defaults", "labour": "paid", "overhead": 0,
                           "ahsp_edition": comparison.edition},
    }


def diff_table(comparison: Comparison, lang: str = "id") -> str:
    a, b = comparison.a, comparison.b
    resources = comparison.resources
    out = [f"A: {a.id} ({a.region_name}, {a.year})", f"B: {b.id} ({b.region_name}, {b.year})"]
    out += [f"   {side}: {factor_text(pl, lang)}" for side, pl in (("A", a), ("B", b)) if pl.links]
    out.append("")
    def shown(value, indicative, factor):
        if value is None:
            return "-"
        return i18n.rupiah(round(value * factor), lang, False) + ("*" if indicative else "")

    rows = [["code", "name", "per", "A", "B", "change"]]
    for c in comparison.changes:
        unit = resources[c.code].purchase_unit
        factor = resources[c.code].factor(unit)
        rows.append([c.code, resources[c.code].name(lang), i18n.unit_name(unit, lang),
                     shown(c.a, c.a_indicative, factor), shown(c.b, c.b_indicative, factor),
                     _percent(c.change, lang) if c.a != c.b else ""])
    out.append(_plain_table(rows).rstrip("\n"))
    changed = sum(1 for c in comparison.changes if c.a != c.b)
    out.append(f"{changed} of {len(comparison.changes)} prices differ; * indicative")
    out.append("")
    out.append(f"Templates (default parameters, paid labour, no overhead, AHSP {comparison.edition}):")
    rows = [["template", "A", "B", "difference", "change"]]
    for t in comparison.templates:
        rows.append([t.template, i18n.rupiah(t.total_a, lang), i18n.rupiah(t.total_b, lang),
                     ("+" if t.difference > 0 else "") + i18n.rupiah(t.difference, lang).replace("Rp -", "-Rp "),
                     _percent(t.change, lang)])
    out.append(_plain_table(rows))
    return "\n".join(out)
