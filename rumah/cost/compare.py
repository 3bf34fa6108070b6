"""Two price lists side by side: what each resource costs in each, and what that does to a house.

A technician checking a new year's list (or a district's own against the bundled guess) sees
each price and its change, and the total of every bundled template priced with each list, at
the template's default parameters, paid labour, no overhead and the catalog's AHSP edition.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..house.template import load_template, template_paths
from ..schema import Text
from .estimate import Catalog, estimate
from .prices import PriceList, load_price_list
from .resources import Resources


@dataclass(frozen=True)
class PriceChange:
    """One resource's price in list A and in list B, per base unit (None: the list has none). [IDR]"""

    code: str
    a: float | None
    b: float | None
    a_indicative: bool
    b_indicative: bool

    @property
    def change(self) -> float | None:
        """(B - A) / A. [fraction]"""
        if self.a is None or self.b is None:
            return None
        return (self.b - self.a) / self.a


@dataclass(frozen=True)
class TemplateEffect:
    """A bundled template's total priced with list A and with list B. [IDR]"""

    template: str
    name: Text
    total_a: int
    total_b: int

    @property
    def difference(self) -> int:
        return self.total_b - self.total_a

    @property
    def change(self) -> float:
        return self.difference / self.total_a


@dataclass(frozen=True)
class Comparison:
    a: PriceList
    b: PriceList
    changes: tuple[PriceChange, ...]
    templates: tuple[TemplateEffect, ...]
    edition: str
    resources: Resources


def compare_prices(a: PriceList, b: PriceList, codes) -> tuple[PriceChange, ...]:
    """Each of ``codes`` (catalog order) priced by either list."""
    out = []
    for code in codes:
        pa, pb = a.prices.get(code), b.prices.get(code)
        if pa is None and pb is None:
            continue
        out.append(PriceChange(code, pa.per_base if pa else None, pb.per_base if pb else None,
                               bool(pa and pa.indicative), bool(pb and pb.indicative)))
    return tuple(out)


def compare_lists(a: str | PriceList, b: str | PriceList, catalog: Catalog) -> Comparison:
    """Compare two lists (names, ids, files or loaded lists) price by price and on every bundled template."""
    resources = catalog.resources
    if not isinstance(a, PriceList):
        a = load_price_list(a, resources)
    if not isinstance(b, PriceList):
        b = load_price_list(b, resources)
    effects = []
    for name in template_paths():
        template = load_template(name)
        total_a = estimate(template, a, catalog=catalog).total
        total_b = estimate(template, b, catalog=catalog).total
        effects.append(TemplateEffect(template.id, template.name, total_a, total_b))
    return Comparison(a, b, compare_prices(a, b, [r.code for r in resources]), tuple(effects),
                      catalog.edition.edition, resources)
