"""Plain-data summaries of the catalog and the price lists, for ``catalog`` and ``prices`` commands."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..cost.prices import PriceList, bundled_lists, load_price_list
from ..cost.resources import Resources
from ..errors import DataError
from ..house.design import build_design
from ..house.template import Template, load_template, template_paths
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
                        "default": p.default, "unit": p.unit, "allowed": p.range_text(),
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
        raise DataError(f"{path}: no such file")
    summary = price_list_summary(load_price_list(path, resources), resources, lang)
    if summary["missing"]:
        shown = ", ".join(summary["missing"])
        raise DataError(f"{path}: prices: expected a price for every resource of the catalog, found "
                        f"{len(summary['missing'])} missing ({shown}); add them or 'extends' a list that has them")
    return summary

