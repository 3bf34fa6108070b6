"""Pricing: quantities x AHSP work items x regional prices = a bill of quantities per step.

Money rule (the README states it too): a work item's unit price is kept exact
(sum of coefficient x price over its resources, labour scaled by the labour mode); each bill
line's amount is ``quantity x unit price`` rounded half up to a whole Rupiah, once; a step's
total is the sum of its line amounts plus, when an overhead and profit rate is set, one more
line of ``rate x that sum`` rounded the same way; the house total is the sum of step totals.
Every printed total therefore equals the sum of the printed lines beneath it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..data import catalog_dir
from ..errors import DataError, unknown
from ..house.design import Design
from ..i18n import N_, Message, language, plain, tr
from ..schema import Text, Where, bilingual, choice, entries, mapping, number, sequence, text
from ..yamlio import load_yaml
from .ahsp import Edition
from .prices import PriceList
from .resources import Resources
from .takeoff import QUANTITIES, takeoff


def round_idr(amount: float) -> int:
    """Round a non-negative amount half up to whole Rupiah."""
    return int(math.floor(amount + 0.5))


@dataclass(frozen=True)
class BillRule:
    """One line of ``catalog/bill.yaml``: a quantity priced by a work item (maybe by a parameter)."""

    group: str
    quantity: str
    work: str | None            # a fixed work key, or None when chosen ``by`` a parameter
    by: str = ""
    table: Mapping[str, str] = field(default_factory=dict)
    #: What the line says: a text of its own, or None for "the quantity's label", or the word
    #: ``item`` (stored as ``use_item``) for the AHSP item's own description.
    label: Text | None = None
    use_item: bool = False

    def work_key(self, values: Mapping[str, object]) -> str:
        return self.work if self.work is not None else self.table[str(values[self.by])]


@dataclass(frozen=True)
class BillMap:
    groups: tuple[tuple[str, Text], ...]
    rules: tuple[BillRule, ...]
    labour_modes: Mapping[str, Mapping[str, float]]
    labour_notes: Mapping[str, Text]


def parse_bill_map(raw: object, where: Where) -> BillMap:
    data = mapping(raw, where, required=("groups", "labour_modes"), optional=("source",))
    groups, rules = [], []
    for i, group in enumerate(sequence(data["groups"], where / "groups")):
        at = where / "groups" / i
        group = mapping(group, at, required=("id", "name", "lines"))
        gid = text(group["id"], at / "id")
        groups.append((gid, bilingual(group["name"], at / "name")))
        for j, line in enumerate(sequence(group["lines"], at / "lines")):
            lat = at / "lines" / j
            line = mapping(line, lat, required=("quantity", "work"), optional=("label",))
            name = choice(line["quantity"], lat / "quantity", QUANTITIES, N_("quantity"))
            work = line["work"]
            raw_label = line.get("label")
            use_item = raw_label == "item"
            label = None if raw_label is None or use_item else bilingual(raw_label, lat / "label")
            if isinstance(work, str):
                rules.append(BillRule(gid, name, work, label=label, use_item=use_item))
            else:
                table = dict(entries(work, lat / "work"))
                by = text(table.pop("by", ""), lat / "work" / "by")
                rules.append(BillRule(gid, name, None, by, {k: text(v, lat / "work" / k) for k, v in table.items()},
                                      label, use_item))
    modes, notes = {}, {}
    for mode, spec in entries(data["labour_modes"], where / "labour_modes").items():
        at = where / "labour_modes" / mode
        spec = mapping(spec, at, required=("label", "pay"))
        notes[mode] = bilingual(spec["label"], at / "label")
        modes[mode] = {code: number(v, at / "pay" / code, minimum=0, maximum=1)
                       for code, v in entries(spec["pay"], at / "pay").items()}
    return BillMap(tuple(groups), tuple(rules), modes, notes)


def load_bill_map(path: Path | None = None) -> BillMap:
    path = path or catalog_dir() / "bill.yaml"
    return parse_bill_map(load_yaml(path), Where(str(path)))


def check_bill_map(bill_map: BillMap, edition: Edition, parameters: Mapping[str, object]) -> None:
    """Every work key the bill can ask for exists in the edition, for every parameter choice."""
    for rule in bill_map.rules:
        keys = [rule.work] if rule.work is not None else list(rule.table.values())
        if rule.work is None:
            param = parameters.get(rule.by)
            choices = getattr(param, "choices", None)
            if not choices:
                raise DataError(tr("bill: quantity {quantity!r} is priced by parameter {parameter!r}, which is not a "
                                   "choice parameter", quantity=rule.quantity, parameter=rule.by))
            missing = set(choices) - set(rule.table)
            if missing:
                raise DataError(tr("bill: quantity {quantity!r} has no work item for {parameter}={value!r}",
                                   quantity=rule.quantity, parameter=rule.by, value=sorted(missing)[0]))
        for key in keys:
            if key not in edition.items:
                raise unknown(N_("work item"), key, edition.items, tr("bill ({file})", file=edition.file))


@dataclass(frozen=True)
class Line:
    """A priced line. ``quantity`` [unit], ``unit_price`` exact [IDR], ``amount`` rounded [IDR].

    materials, equipment : exact parts of the amount spent on materials and on equipment; the
    rest is wages. [IDR]
    """

    group: str
    quantity_name: str
    work: str
    code: str
    description: Text
    unit: str
    quantity: float
    unit_price: float
    amount: int
    estimate: bool
    materials: float = 0.0
    equipment: float = 0.0


@dataclass(frozen=True)
class StepBill:
    step: int
    name: Text
    floor_area: float
    total_floor_area: float
    quantities: Mapping[str, float]
    lines: tuple[Line, ...]
    overhead: int
    total: int
    #: Resources behind the lines: (resource code, trade) -> base units.
    resources: Mapping[tuple[str, str], float]
    #: The step's bill divided into work packages, in build order; their totals add up to ``total``.
    packages: tuple = ()

    @property
    def subtotal(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class Bill:
    design: Design
    edition: Edition
    price_list: PriceList
    labour: str
    overhead_rate: float
    steps: tuple[StepBill, ...]
    groups: tuple[tuple[str, Text], ...]
    #: Codes of priced resources the bill uses, and which of them are indicative.
    used: tuple[str, ...]
    indicative: tuple[str, ...]
    labour_note: Text

    @property
    def total(self) -> int:
        return sum(step.total for step in self.steps)


@dataclass(frozen=True)
class WithChoice:
    """A quantity's label followed by the option chosen for its work: ``Walls (red brick)``."""

    label: Message
    choice: Text

    def __call__(self, lang: str) -> str:
        return f"{self.label(lang)} ({self.choice(lang).lower()})"


def _describe(rule: BillRule, item, quantity, design: Design) -> Text:
    """A line's text: its own label, the item's description, or the quantity's label
    followed by the chosen option when the work depends on a choice (walls, floor)."""
    if rule.label is not None:
        return rule.label
    if rule.use_item:
        return item.description
    if rule.work is None:
        chosen = design.choice_labels[rule.by]
        return WithChoice(quantity.label, chosen)
    return quantity.label


def unit_prices(edition: Edition, price_list: PriceList, resources: Resources,
                pay: Mapping[str, float], keys) -> dict[str, dict[str, float]]:
    """Exact unit price of each work key, in all and by kind of resource (labour, material,
    equipment). [IDR per unit of work]"""
    result = {}
    for key in keys:
        item = edition[key]
        parts = {"labour": 0.0, "material": 0.0, "equipment": 0.0}
        for use in item.usage:
            price = price_list.price(use.resource).per_base
            kind = resources[use.resource].kind
            if kind == "labour":
                price *= pay.get(use.resource, 1.0)
            parts[kind] += use.coefficient * price
        result[key] = parts | {"total": sum(parts.values())}
    return result


def price_bill(design: Design, edition: Edition, price_list: PriceList, resources: Resources,
               bill_map: BillMap, *, labour: str = "paid", overhead: float = 0.0,
               steps: list[int] | None = None) -> Bill:
    """Price the design's steps (all by default) into a :class:`Bill`
    (:func:`rumah.cost.packages.with_packages` then divides each step into work packages)."""
    if labour not in bill_map.labour_modes:
        raise unknown(N_("labour mode"), labour, bill_map.labour_modes)
    if not 0.0 <= overhead <= 0.15:
        # Permen PUPR 1/2022: overhead and profit at most 15 %.
        lang = language()
        raise DataError(tr("overhead and profit: expected 0 to {most} (at most 15 %, Permen PUPR 1/2022), found "
                           "{found}", most=plain(0.15, lang), found=plain(overhead, lang, 6)))
    pay = bill_map.labour_modes[labour]
    rules = [(r, r.work_key(design.values)) for r in bill_map.rules]
    prices = unit_prices(edition, price_list, resources, pay, {key for _, key in rules})
    measured = takeoff(design, steps)
    step_bills, used = [], set()
    for step_number, quantities in measured.items():
        lines, usage = [], {}
        for rule, key in rules:
            value = quantities[rule.quantity]
            if value <= 1e-9:
                continue
            item = edition[key]
            q = QUANTITIES[rule.quantity]
            price = prices[key]
            lines.append(Line(rule.group, rule.quantity, key, item.code, _describe(rule, item, q, design), q.unit,
                              value, price["total"], round_idr(value * price["total"]), item.is_estimate,
                              value * price["material"], value * price["equipment"]))
            for use in item.usage:
                slot = (use.resource, use.trade)
                usage[slot] = usage.get(slot, 0.0) + value * use.coefficient
                used.add(use.resource)
        subtotal = sum(line.amount for line in lines)
        extra = round_idr(subtotal * overhead)
        spec = next(s for s in design.steps if s.number == step_number)
        step_bills.append(StepBill(step_number, spec.name, design.floor_area(step_number),
                                   design.total_floor_area(step_number), quantities, tuple(lines), extra,
                                   subtotal + extra, usage))
    used_codes = tuple(sorted(used))
    indicative = tuple(c for c in used_codes if price_list.price(c).indicative)
    return Bill(design, edition, price_list, labour, overhead, tuple(step_bills), bill_map.groups,
                used_codes, indicative, bill_map.labour_notes[labour])
