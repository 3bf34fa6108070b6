"""The bundled catalog, templates and price lists a consultation reads, loaded once and kept.

A terminal consultation asks each question once; the web desk replays the consultation from its
first question at every answer (so that every answer is checked by the same code, in the same
order), and would read and parse the same YAML files and price the same house again each time.
A :class:`Library` keeps what it has loaded and priced for as long as it lives: the desk keeps
one while it runs (restart it to read changed files), the terminal makes a fresh one for each
session.  The results are the library's own (frozen objects): nothing here computes a price.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from ..kept import Kept

#: Priced bills kept (a bill of one house is a few hundred kilobytes at most).
KEPT_BILLS = 256


class Library:
    """Loaded templates, their summaries, price lists, the catalog and priced bills."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._catalogs: dict[str | None, Any] = {}
        self._templates: dict[str, Any] = {}
        self._summaries: dict[tuple[str, str], dict] = {}
        self._prices: dict[tuple[str, str | None], Any] = {}
        self._bills, self._priced, self._plans = Kept(KEPT_BILLS), Kept(KEPT_BILLS), Kept(KEPT_BILLS)
        self._regions: dict[str, str] | None = None

    def warm(self, lang: str) -> None:
        """Load the catalog and every template's summary now (the desk does this in the
        background as it starts, so that the first family does not wait for it)."""
        self.catalog()
        for name in self.template_names():
            self.summary(name, lang)

    def catalog(self, edition: str | None = None):
        """The AHSP edition (newest when None), resources, bill map and packages."""
        with self._lock:
            if edition not in self._catalogs:
                from ..cost.estimate import load_catalog
                self._catalogs[edition] = load_catalog(edition)
            return self._catalogs[edition]

    def template(self, name: str):
        with self._lock:
            if name not in self._templates:
                from ..house.template import load_template
                self._templates[name] = load_template(name)
            return self._templates[name]

    def regions(self) -> dict[str, str]:
        """Bundled regions and the district each names: ``{"kendal": "Kabupaten Kendal (kendal)"}``,
        read once."""
        with self._lock:
            if self._regions is None:
                from ..cost.prices import bundled_lists, region_of
                from ..yamlio import load_yaml
                found = {}
                for list_id, path in sorted(bundled_lists().items()):
                    raw = load_yaml(path)
                    region = raw.get("region") if isinstance(raw, dict) else None
                    name = region.get("name") if isinstance(region, dict) else None
                    found[region_of(list_id)] = f"{name} ({region_of(list_id)})" if name else region_of(list_id)
                self._regions = dict(sorted(found.items()))
            return self._regions

    def template_names(self) -> list[str]:
        from ..house.template import template_paths
        return list(template_paths())

    def summary(self, name: str, lang: str) -> dict:
        """The template's steps, areas and footprint (rumah.documents.listing.template_summary)."""
        with self._lock:
            key = (name, lang)
            if key not in self._summaries:
                from ..documents.listing import template_summary
                self._summaries[key] = template_summary(self.template(name), lang=lang)
            return self._summaries[key]

    def price_list(self, region: str, edition: str | None = None):
        with self._lock:
            key = (region, edition)
            if key not in self._prices:
                from ..cost.prices import load_price_list
                self._prices[key] = load_price_list(region, self.catalog(edition).resources)
            return self._prices[key]

    def estimate(self, template: str, region: str, values: Mapping[str, Any], labour: str = "paid"):
        """rumah.cost.estimate.estimate of the bundled ``template`` for ``region``, kept."""
        from ..cost.estimate import estimate
        key = (template, region, tuple(sorted((k, repr(v)) for k, v in values.items())), labour)
        return self._bills.get(key, lambda: estimate(self.template(template), self.price_list(region), dict(values),
                                                     labour=labour, catalog=self.catalog()))

    def priced(self, household):
        """rumah.plan.planner.price_household of ``household``, kept for a new house of a bundled
        template (the bill depends only on its template, district, choices, labour and crew)."""
        from ..plan.planner import price_household
        if household.existing is not None:
            return price_household(household, self.catalog(household.ahsp))
        key = (household.template, household.region, household.ahsp, household.labour, repr(household.crew),
               tuple(sorted((k, repr(v)) for k, v in dict(household.parameters).items())))
        return self._priced.get(key, lambda: price_household(household, self.catalog(household.ahsp)))

    def plan(self, household, start):
        """rumah.plan.planner.plan_household of ``household`` from month 1 = ``start`` (a date),
        kept: a consultation plans the same answers again after each question (and the web desk
        replays all of them at every page)."""
        from ..plan.planner import plan_household
        return self._plans.get(("plan", repr(household), start),
                               lambda: plan_household(household, priced=self.priced(household), start=start))

    def advised(self, plan, advise):
        """``advise(plan, catalog)`` (rumah.plan.advice: a second or two), kept for the plan."""
        return self._plans.get(("advised", repr(plan.household), repr(plan.best), plan.start),
                               lambda: advise(plan, self.catalog(plan.household.ahsp)))
