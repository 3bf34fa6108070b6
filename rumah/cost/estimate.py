"""One call from names to a priced bill divided into work packages: what ``estimate`` and the planner use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..data import catalog_dir
from ..house.design import Design, build_design
from ..house.template import Template, load_template
from .ahsp import Edition, load_edition
from .packages import PackageMap, load_package_map, with_packages
from .prices import PriceList, load_price_list
from .pricing import Bill, BillMap, check_bill_map, load_bill_map, price_bill
from .resources import Resources, load_resources


@dataclass(frozen=True)
class Catalog:
    """The shared catalog files, loaded once."""

    resources: Resources
    edition: Edition
    bill_map: BillMap
    packages: PackageMap


def load_catalog(edition: str | None = None) -> Catalog:
    """Resources, an AHSP edition (the newest when None), the bill map and the work packages."""
    resources = load_resources(catalog_dir() / "resources.yaml")
    bill_map = load_bill_map()
    return Catalog(resources, load_edition(edition, resources), bill_map, load_package_map(bill_map))


def estimate(template: str | Template, region: str | PriceList, values: Mapping[str, object] | None = None, *,
             edition: str | None = None, labour: str = "paid", overhead: float = 0.0,
             steps: list[int] | None = None, catalog: Catalog | None = None) -> Bill:
    """Price ``template`` (id, path or Template) for ``region`` (name, id, path or PriceList).

    values : parameter values by name (strings are parsed: ``"3,2"`` is 3.2).
    steps : the build steps to price; all when None.
    """
    catalog = catalog or load_catalog(edition)
    if not isinstance(template, Template):
        template = load_template(template)
    if not isinstance(region, PriceList):
        region = load_price_list(region, catalog.resources)
    check_bill_map(catalog.bill_map, catalog.edition, template.parameters)
    design: Design = build_design(template, values or {})
    if steps is not None:
        for number in steps:
            template.step(number)
    bill = price_bill(design, catalog.edition, region, catalog.resources, catalog.bill_map,
                      labour=labour, overhead=overhead, steps=steps)
    return with_packages(bill, catalog.packages)
