"""What the desk shows beside the questions as the consultation goes: the house types that fit
with small drawings, the running cost, the plan's livable month and the *saran*.

All of it is the library's own: the bill from rumah.cost (through the shared Library), the plan
from rumah.plan.planner, the saran from rumah.plan.advice, the drawings from the same sheets as
the DXF (rumah.documents.drawing) written as SVG.  The household is taken as the consultation
has it so far, with what is not asked yet left to the household file's own defaults: until the
family's money and its house type are known, there is no plan to show.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import yaml

from ... import i18n
from ...clock import today
from ...errors import RumahError
from ...kept import Kept
from ...schema import Where
from ..library import Library


@dataclass(frozen=True)
class Running:
    """The consultation's figures so far.

    steps : (step number, name, total floor area [m2], cost [IDR]) per build step.
    total : the whole house at the prices of ``listed``. [IDR]
    plan : the plan of the household so far (None until it can be planned).
    listed : the month the price list's prices hold (``Juli 2024``); the plan's costs are risen
        from it, or from the household's ``prices_from``.
    """

    template: str
    steps: tuple[tuple[int, str, float, int], ...]
    total: int
    price_list: str
    edition: str
    plan: Any = None
    key: str = ""
    listed: str = ""


class Panel:
    """The side of the consultation's page, computed from its answers with one shared Library."""

    def __init__(self, library: Library):
        self.library = library
        self._drawings = Kept()                 # by what they were made from
        self._saran = Kept(64)

    # -- drawings ----------------------------------------------------------------------------

    def drawing(self, template: str, values: dict, step: int | None, lang: str, detail: bool = False) -> str:
        """The plan after ``step`` (the finished house when None) of ``template`` as SVG."""
        key = (template, tuple(sorted((k, repr(v)) for k, v in values.items())), step, lang, detail)

        def make() -> str:
            from ...documents.floorplan import plan_sheet
            from ...documents.svg import sheet_svg
            from ...house.design import build_design
            design = build_design(self.library.template(template), values)
            number = step or design.steps[-1].number
            label = f"{design.name(lang)}: {design.steps[number - 1].name(lang)}"
            # Laid out for a screen: 1:100 with 2,5 mm letters (0,25 m), no door and window tags.
            return sheet_svg(plan_sheet(design, number, lang, scale=100, tags=False), detail=detail, label=label)
        return self._drawings.get(key, make)

    def templates_told(self, told: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
        """The template ids named in what the consultation told before a question, with the line
        that names each, in the order told (the types that fit, as konsultasi lists them)."""
        names = set(self.library.template_names())
        found = []
        for line in told:
            head = line.strip().split(":", 1)[0]
            candidate = head.split(". ", 1)[-1].strip()
            if candidate.endswith(")") and "(" in candidate:
                candidate = candidate.rsplit("(", 1)[1][:-1]     # "Rumah inti tumbuh 6 m (inti-6m)"
            if candidate in names and candidate not in [n for n, _ in found]:
                found.append((candidate, line.strip()))
        return found

    # -- cost and plan -----------------------------------------------------------------------

    def running(self, answers: dict, lang: str) -> Running | None:
        """The bill and plan of the household so far; None before a house type is chosen, or,
        for a house the family lives in (``existing_house``, no type), before it can be planned:
        its bill is that of its repairs (``template`` then empty: no type to draw)."""
        template, region = answers.get("template"), answers.get("region")
        if not isinstance(region, str):
            return None
        if not isinstance(template, str):
            if not isinstance(answers.get("existing_house"), dict):
                return None
            plan, key = self._plan(answers)
            if plan is None:
                return None
            template, bill = "", plan.bill
        else:
            values = answers.get("parameters") if isinstance(answers.get("parameters"), dict) else {}
            labour = answers.get("labour") if answers.get("labour") in ("paid", "gotong_royong") else "paid"
            try:
                bill = self.library.estimate(template, region, values, labour)
            except RumahError:
                return None
            plan, key = self._plan(answers)
        steps = tuple((s.step, s.name(lang), s.total_floor_area, s.total) for s in bill.steps)
        listed = i18n.month_year(*(plan.prices_month if plan is not None else bill.price_list.dated), lang)
        return Running(template, steps, bill.total, bill.price_list.id, bill.edition.edition, plan, key, listed)

    def household_text(self, answers: dict) -> str:
        """The household file the answers make so far (the consultation's own working keys,
        those beginning with ``_``, left out)."""
        kept = {k: v for k, v in answers.items() if not str(k).startswith("_")}
        return yaml.safe_dump(kept, allow_unicode=True, sort_keys=True)

    def _plan(self, answers: dict):
        from ...plan.household import parse_household
        from ...plan.planner import plan_household
        text = self.household_text(answers)
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        try:
            household = parse_household(yaml.safe_load(text), Where("konsultasi"))
            priced = self.library.priced(household)
            plan = plan_household(household, self.library.catalog(household.ahsp), priced=priced,
                                  start=today())
        except RumahError:
            return None, ""
        return plan, key

    def saran(self, answers: dict, lang: str) -> tuple[Any, list[str]] | None:
        """The plan with its *saran* (what would help) and the saran in words; None when the
        household cannot be planned yet.  Trying each change takes about a second, so the page
        asks for this on its own, after it has shown."""
        plan, key = self._plan(answers)
        if plan is None:
            return None

        def make():
            from ...documents.plan_report import saran_text
            from ...plan.advice import advise
            advised = advise(plan, self.library.catalog(plan.household.ahsp))
            return advised, [saran_text(s, lang) for s in advised.advice]
        return self._saran.get((key, lang), make)
