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
from ..i18n import N_, nt, ntr, t, tr
from ..tables import cell_text
from .provenance import factor_cell, factor_text, link_json, price_figure
from .texttable import WIDTH, fitted, table


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
        # With the entrance steps at the template's own floor height: what the plot must hold.
        "site_width_m": design.site_footprint[0],
        "site_depth_m": design.site_footprint[1],
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
        # null while nobody published the factor: the inherited prices are then not adjusted between
        # districts (only risen to the list's month).
        "factor": price_list.factor,
        "factor_status": price_list.factor_status or None,
        "factor_source": price_list.factor_source,
        "factor_shown": factor_cell(price_list, lang),
        "factor_text": factor_text(price_list, lang),
        "factors": [link_json(link) for link in price_list.links],
        "note": price_list.note,
        "prices": [{"code": code, "name": resources[code].name(lang), "unit": resources[code].unit,
                    "price_idr": price_figure(p.per_base), "purchase_unit": resources[code].purchase_unit,
                    "purchase_price_idr": price_figure(
                        p.per_base * resources[code].factor(resources[code].purchase_unit)),
                    "indicative": p.indicative, "unadjusted": p.unadjusted, "rise": p.rise,
                    "from": f"{p.origin} ({p.priced_as})" if p.priced_as else p.origin, "note": p.note,
                    "source_row": p.source.as_dict() if p.source is not None else None,
                    "source_label": p.source.label(lang) if p.source is not None else ""}
                   for code, p in price_list.prices.items()],
        "indicative_count": price_list.indicative_count,
        "missing": missing,
    }


def list_price_lists(resources: Resources, lang: str = "id") -> list[dict]:
    return [price_list_summary(load_price_list(str(path), resources), resources, lang)
            for path in bundled_lists().values()]


def check_price_list(path: str, resources: Resources, lang: str = "id") -> dict:
    """Load a price list file and check that it prices every catalog resource."""
    if not Path(path).exists():
        raise DataError(tr("{file}: no such file", file=path))
    listed = load_price_list(path, resources)
    # What every quote priced with it prints: checked here, not first when a family's quote fails.
    from .quote import price_list_fields
    from .quote_pdf import refuse_unprintable
    refuse_unprintable(price_list_fields(listed, resources))
    summary = price_list_summary(listed, resources, lang)
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
        "unusable": [_row_json(u.row) | {"code": u.resource, "reason": u.reason(lang)} for u in imported.unusable],
        "inherited": [{"code": code, "from": price_list.price(code).origin,
                       "indicative": price_list.price(code).indicative} for code in imported.missing],
        "priced_as": [{"code": code, "as": resources[code].priced_as} for code in imported.derived],
        "extends": price_list.extends,
        "factor_text": factor_text(price_list, lang),
    }


#: Unmatched rows shown in the table report; the JSON report lists them all.
SHOWN_UNMATCHED = 40


def _where(row, lang: str) -> str:
    if row.sheet:
        return t("{sheet}, row {row}", lang, sheet=row.sheet, row=row.number)
    return t("row {row}", lang, row=row.number)


def import_report_table(imported: Imported, price_list: PriceList, output: str, resources: Resources,
                        lang: str = "id", width: int | None = WIDTH) -> str:
    """What ``rumah prices import`` did, for the technician: the list written, each price with the
    row it was read from, the choices among rows, and the rows left over."""
    how = {"mapping": N_("the mapping prefers its pattern"), "first": N_("first of the rows matching the same pattern"),
           "asked": N_("chosen here")}
    separated = {";": N_("';' separated"), ",": N_("',' separated"), "\t": N_("tab separated")}.get(
        imported.delimiter)
    headers = ", ".join(t("sheet {sheet!r}, header at row {row}", lang, sheet=s, row=r) if s else
                        t("header at row {row}", lang, row=r) for s, r in imported.headers)
    read = nt("{n} described row", "{n} described rows", imported.rows, lang) + "; " + headers
    if separated:
        read += "; " + separated(lang)
    out = [t("{file}: {id}, {prices} from {table} ({read})", lang, file=output, id=price_list.id,
             prices=nt("{n} price", "{n} prices", len(imported.prices), lang), table=imported.table, read=read)]
    if imported.skipped_sheets:
        out.append(t("sheets without a price table: {sheets}", lang,
                     sheets=", ".join(repr(s) for s in imported.skipped_sheets)))
    out.append("")
    rows = [[t("code", lang), t("row", lang), t("as written", lang), t("price", lang), t("per", lang),
             t("= per base unit", lang)]]
    for code, m in imported.prices.items():
        unit = resources[code].unit
        rows.append([code, _where(m.row, lang), m.row.label(lang),
                     i18n.rupiah(round(m.price), lang), i18n.unit_name(m.unit, lang),
                     f"{i18n.rupiah(round(m.per_base), lang)} / {i18n.unit_name(unit, lang)}"
                     if m.per_base >= 100 else f"Rp {i18n.number(m.per_base, lang, 2)} / {i18n.unit_name(unit, lang)}"])
    out += table(rows, "lllrlr", wrap=(2,), width=width)
    out.append("")
    if imported.choices:
        out.append(t("several rows price one resource:", lang))
        for c in imported.choices:
            others = "; ".join(f"{_where(m.row, lang)} {m.row.description!r} {cell_text(m.row.price)}"
                               for m in c.others)
            out.append("  " + t("{code}: {row} {description!r} taken ({how}); also {others}", lang, code=c.resource,
                                row=_where(c.chosen.row, lang), description=c.chosen.row.description,
                                how=how[c.how](lang), others=others))
        out.append("")
    if imported.unusable:
        out.append(nt("rows that match a resource in a unit it does not know ({n}), not used:",
                      "rows that match a resource in a unit it does not know ({n}), not used:",
                      len(imported.unusable), lang))
        out += [f"  {_where(u.row, lang)}: {u.row.label(lang)}: {u.reason(lang)}" for u in imported.unusable]
        out.append("")
    if imported.unmatched:
        out.append(nt("rows that match no resource ({n}):", "rows that match no resource ({n}):",
                      len(imported.unmatched), lang))
        out += [f"  {_where(row, lang)}: {row.label(lang)}" for row in imported.unmatched[:SHOWN_UNMATCHED]]
        if len(imported.unmatched) > SHOWN_UNMATCHED:
            out.append("  " + t("... and {n} more (--format json lists them all)", lang,
                                n=len(imported.unmatched) - SHOWN_UNMATCHED))
        out.append("")
    if imported.derived:
        derived = [t("{code} (as {other})", lang, code=code, other=resources[code].priced_as)
                   for code in imported.derived]
        out.append(t("priced as another resource of the table: {codes}", lang, codes=", ".join(derived)))
    if imported.missing:
        out.append(nt("not in the table, inherited from {list} ({n}, indicative): {codes}",
                      "not in the table, inherited from {list} ({n}, indicative): {codes}", len(imported.missing),
                      lang, list=price_list.extends, codes=", ".join(imported.missing)))
    out.append(factor_text(price_list, lang))
    return fitted(out, width)


def _percent(value: float | None, lang: str) -> str:
    if value is None:
        return "-"
    return ("+" if value > 0 else "") + i18n.number(value * 100, lang, 1) + " %"


def diff_json(comparison: Comparison, lang: str = "id") -> dict:
    a, b = comparison.a, comparison.b
    return {
        "a": {"id": a.id, "year": a.year, "source": a.source, "factor_text": factor_text(a, lang),
              "prices_month": "{:04d}-{:02d}".format(*a.dated)},
        "b": {"id": b.id, "year": b.year, "source": b.source, "factor_text": factor_text(b, lang),
              "prices_month": "{:04d}-{:02d}".format(*b.dated)},
        "prices": [{"code": c.code, "unit": comparison.resources[c.code].unit,
                    "a_idr": price_figure(c.a), "b_idr": price_figure(c.b), "change": c.change,
                    "a_indicative": c.a_indicative, "b_indicative": c.b_indicative}
                   for c in comparison.changes],
        "changed": sum(1 for c in comparison.changes if c.a != c.b),
        "templates": [{"template": t.template, "name": t.name(lang), "total_a_idr": t.total_a,
                       "total_b_idr": t.total_b, "difference_idr": t.difference, "change": t.change}
                      for t in comparison.templates],
        "template_terms": {"parameters": "defaults", "labour": "paid", "overhead": 0.0,
                           "ahsp_edition": comparison.edition},
    }


def diff_table(comparison: Comparison, lang: str = "id", width: int | None = WIDTH) -> str:
    """Two price lists side by side: each price and its change, and what they make of each template."""
    a, b = comparison.a, comparison.b
    resources = comparison.resources
    out = [f"A: {a.id} ({a.region_name}, {a.year})", f"B: {b.id} ({b.region_name}, {b.year})"]
    out += [f"   {side}: {factor_text(pl, lang)}" for side, pl in (("A", a), ("B", b)) if pl.links]
    if a.dated != b.dated:
        # A change may be the months between the lists, not the districts: said before the rows.
        out.append(t("The prices of A are of {a}, those of B of {b}: a price one list takes from the other differs by "
                     "the rise over the months between them.", lang, a=i18n.month_year(*a.dated, lang),
                     b=i18n.month_year(*b.dated, lang)))
    out.append("")

    def shown(value, indicative, factor):
        if value is None:
            return "-"
        return i18n.rupiah(round(value * factor), lang, False) + ("*" if indicative else "")

    rows = [[t("code", lang), t("name", lang), t("per", lang), "A", "B", t("change", lang)]]
    for c in comparison.changes:
        unit = resources[c.code].purchase_unit
        factor = resources[c.code].factor(unit)
        rows.append([c.code, resources[c.code].name(lang), i18n.unit_name(unit, lang),
                     shown(c.a, c.a_indicative, factor), shown(c.b, c.b_indicative, factor),
                     _percent(c.change, lang) if c.a != c.b else ""])
    out += table(rows, "lllrrr", wrap=(1,), width=width)
    changed = sum(1 for c in comparison.changes if c.a != c.b)
    out.append(nt("{n} of {total} prices differ; * indicative", "{n} of {total} prices differ; * indicative",
                  changed, lang, total=len(comparison.changes)))
    out.append("")
    out.append(t("Templates (default parameters, paid labour, no overhead, AHSP {edition}):", lang,
                 edition=comparison.edition))
    rows = [[t("template", lang), "A", "B", t("difference", lang), t("change", lang)]]
    for tpl in comparison.templates:
        rows.append([tpl.template, i18n.rupiah(tpl.total_a, lang), i18n.rupiah(tpl.total_b, lang),
                     ("+" if tpl.difference > 0 else "") + i18n.rupiah(tpl.difference, lang).replace("Rp -", "-Rp "),
                     _percent(tpl.change, lang)])
    out += table(rows, "lrrrr", width=width)
    return fitted(out, width)
