"""Repairs of a house a family lives in, priced as work packages from the house's own geometry.

``catalog/repairs.yaml`` says, for each livable-house criterion, which measured quantities of
the house as it is (rumah/cost/takeoff.py, on the surveyed Design) are priced by which AHSP work
items; a repair may also need quantities only it can measure (the windows to add, the fill of a
floor raising), which the caller passes in by name.  A repair is a :class:`Package` like the
structure or enclosure of a new step, so that the planner schedules it the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..data import catalog_dir
from ..errors import DataError, unknown
from ..house.design import Design
from ..house.existing import PARTS
from ..i18n import N_, tr
from ..schema import Text, Where, bilingual, entries, integer, mapping, number, sequence, text
from ..yamlio import load_yaml
from .ahsp import Edition
from .packages import Package
from .prices import PriceList
from .pricing import Bill, Line, StepBill, round_idr, unit_prices
from .resources import Resources
from .takeoff import QUANTITIES

#: Quantities a repair measures itself rather than reading them from the house's takeoff.
OWN_QUANTITIES = (
    "new_window_cut_area", "new_window_frame_length", "new_window_area", "new_toilet_count", "new_septic_tank_count",
    "new_drain_pipe_length", "new_water_pipe_length", "new_cubicle_wall_area", "new_cubicle_plaster_area",
    "new_cubicle_door_frame_length", "new_cubicle_door_count",
    # The walls repair's new walls: the walls' area less the new windows' openings.
    "new_wall_area",
    # A floor raised (rumah.plan.improvement._raise_quantities) ...
    "raise_fill_volume", "raise_door_frame_length", "raise_window_frame_length", "raise_opening_cut_area",
    "raise_window_infill_area", "raise_plaster_area", "raise_steps_volume", "raise_steps_plaster_area",
    "raise_toilet_count",
    # ... and the walls and roof raised with it (_lift_quantities).
    "lift_wall_area", "lift_column_concrete_volume", "lift_column_formwork_area", "lift_rebar_d10_lower_mass",
    "lift_rebar_d8_lower_mass", "lift_ring_beam_concrete_volume", "lift_ring_beam_formwork_area",
    "lift_rebar_d10_upper_mass", "lift_rebar_d8_upper_mass", "lift_gable_wall_area", "lift_gable_beam_concrete_volume",
    "lift_gable_beam_formwork_area", "lift_roof_area", "lift_roof_cover_area")


@dataclass(frozen=True)
class RepairLine:
    """A quantity priced by a work item (fixed, or chosen by a parameter as in bill.yaml)."""

    quantity: str
    work: str | None
    by: str = ""
    table: Mapping[str, str] | None = None
    label: Text | None = None
    use_item: bool = False

    def work_key(self, values: Mapping[str, object]) -> str:
        return self.work if self.work is not None else self.table[str(values[self.by])]


@dataclass(frozen=True)
class RepairSpec:
    """One repair of catalog/repairs.yaml."""

    id: str
    name: Text
    criteria: tuple[str, ...]
    priority: int
    value: float
    after: tuple[str, ...]
    lines: tuple[RepairLine, ...]
    frame_lines: tuple[RepairLine, ...] = ()
    parts: Mapping[str, tuple[RepairLine, ...]] | None = None
    #: Repairs that must be finished first when the frame is replaced too (it stands on them).
    frame_after: tuple[str, ...] = ()
    #: The lines in place of ``lines`` when a sound timber frame is kept (the roof's covering).
    timber_lines: tuple[RepairLine, ...] = ()


@dataclass(frozen=True)
class RepairMap:
    repairs: Mapping[str, RepairSpec]
    raising: RepairSpec
    #: What a raising adds when it would leave the rooms too low: the walls and roof raised too.
    lifting: RepairSpec
    file: str = ""


def _lines(raw, where: Where) -> tuple[RepairLine, ...]:
    result = []
    for i, line in enumerate(sequence(raw, where)):
        at = where / i
        spec = mapping(line, at, required=("quantity", "work"), optional=("label",))
        quantity = text(spec["quantity"], at / "quantity")
        if quantity not in QUANTITIES and quantity not in OWN_QUANTITIES:
            raise unknown(N_("quantity"), quantity, list(QUANTITIES) + list(OWN_QUANTITIES), str(at / "quantity"))
        raw_label = spec.get("label")
        use_item = raw_label == "item"
        label = None if raw_label is None or use_item else bilingual(raw_label, at / "label")
        if label is None and not use_item and quantity in OWN_QUANTITIES:
            raise at.fail(tr("a quantity the repair measures itself needs a label (or label: item)"))
        work = spec["work"]
        if isinstance(work, str):
            result.append(RepairLine(quantity, work, label=label, use_item=use_item))
        else:
            table = dict(entries(work, at / "work"))
            by = text(table.pop("by", ""), at / "work" / "by")
            result.append(RepairLine(quantity, None, by, {k: text(v, at / "work" / k) for k, v in table.items()},
                                     label, use_item))
    return tuple(result)


def _spec(key: str, raw, where: Where) -> RepairSpec:
    data = mapping(raw, where, required=("name", "value"),
                   optional=("criterion", "priority", "after", "lines", "frame_lines", "frame_after", "parts",
                             "timber_lines"))
    criteria = data.get("criterion", [])
    criteria = (criteria,) if isinstance(criteria, str) else tuple(sequence(criteria, where / "criterion"))
    parts = None
    if "parts" in data:
        parts = {}
        for name, lines in entries(data["parts"], where / "parts").items():
            if name not in PARTS:
                raise unknown(N_("part"), name, PARTS, str(where / "parts"))
            parts[name] = _lines(lines, where / "parts" / name)
    criteria = tuple(text(c, where / "criterion") for c in criteria)
    return RepairSpec(key, bilingual(data["name"], where / "name"), criteria,
                      integer(data.get("priority", 99), where / "priority", minimum=1),
                      number(data["value"], where / "value", minimum=0, maximum=100),
                      tuple(text(a, where / "after") for a in sequence(data.get("after", []), where / "after")),
                      _lines(data.get("lines", []), where / "lines"), _lines(data.get("frame_lines", []),
                                                                             where / "frame_lines"), parts,
                      tuple(text(a, where / "frame_after")
                            for a in sequence(data.get("frame_after", []), where / "frame_after")),
                      _lines(data.get("timber_lines", []), where / "timber_lines"))


def load_repair_map(edition: Edition, path: Path | None = None) -> RepairMap:
    """catalog/repairs.yaml, with every work item checked against ``edition``."""
    path = path or catalog_dir() / "repairs.yaml"
    where = Where(str(path))
    data = mapping(load_yaml(path), where, required=("repairs", "raising", "lifting"), optional=("source",))
    repairs = {key: _spec(key, spec, where / "repairs" / key) for key, spec in entries(data["repairs"],
                                                                                         where / "repairs").items()}
    for spec in repairs.values():
        for key, names in (("after", spec.after), ("frame_after", spec.frame_after)):
            for after in names:
                if after not in repairs:
                    raise unknown(N_("repair"), after, repairs, str(where / "repairs" / spec.id / key))
    raising = _spec("raising", data["raising"], where / "raising")
    lifting = _spec("lifting", data["lifting"], where / "lifting")
    for spec in [*repairs.values(), raising, lifting]:
        every = list(spec.lines) + list(spec.frame_lines) + list(spec.timber_lines) + \
            [line for lines in (spec.parts or {}).values() for line in lines]
        for line in every:
            for key in ([line.work] if line.work is not None else list(line.table.values())):
                if key not in edition.items:
                    raise unknown(N_("work item"), key, edition.items, f"{path}: {spec.id}")
    return RepairMap(repairs, raising, lifting, str(path))


def repair_group(kind: str) -> str:
    """The bill group of a repair's lines: apart from the groups of new work (``roof`` ...)."""
    return f"repair_{kind}"


def price_repair(kind: str, name: Text, lines: tuple[RepairLine, ...], quantities: Mapping[str, float],
                 design: Design, edition: Edition, price_list: PriceList, resources: Resources,
                 pay: Mapping[str, float], value_share: float, overhead: float = 0.0) -> Package | None:
    """A repair package of ``lines`` with the given measured ``quantities``; None when there is
    nothing to do (every quantity zero)."""
    keys = {line.work_key(design.values) for line in lines}
    prices = unit_prices(edition, price_list, resources, pay, keys)
    priced, usage = [], {}
    for line in lines:
        value = float(quantities.get(line.quantity, 0.0))
        if value <= 1e-9:
            continue
        key = line.work_key(design.values)
        item = edition[key]
        price = prices[key]
        if line.label is not None:
            description = line.label
        elif line.use_item or line.quantity not in QUANTITIES:
            description = item.description
        else:
            description = QUANTITIES[line.quantity].label
        unit = QUANTITIES[line.quantity].unit if line.quantity in QUANTITIES else item.unit
        priced.append(Line(repair_group(kind), line.quantity, key, item.code, description, unit, value, price["total"],
                           round_idr(value * price["total"]), item.is_estimate, value * price["material"],
                           value * price["equipment"]))
        for use in item.usage:
            slot = (use.resource, use.trade)
            usage[slot] = usage.get(slot, 0.0) + value * use.coefficient
    if not priced:
        return None
    subtotal = sum(line.amount for line in priced)
    extra = round_idr(subtotal * overhead)
    materials = min(subtotal, round_idr(sum(line.materials for line in priced)))
    other = min(subtotal - materials, round_idr(sum(line.equipment for line in priced)))
    return Package(1, kind, name, tuple(priced), extra, subtotal + extra, materials, subtotal - materials - other,
                   usage, (), value_share, True)


#: What the first step of an improved house's bill is called: its repairs.
REPAIR_STEP = N_("Repairs to the house")


def with_repairs(bill: Bill, repairs: list[Package], groups: list[tuple[str, Text]]) -> Bill:
    """``bill`` with its first step (the house as it is) replaced by ``repairs``: what the family
    builds of step 1 is only what mends it.  ``groups`` name the repairs for the bill's tables."""
    first = bill.steps[0]
    lines = tuple(line for package in repairs for line in package.lines)
    resources: dict = {}
    for package in repairs:
        for slot, amount in package.resources.items():
            resources[slot] = resources.get(slot, 0.0) + amount
    overhead = sum(p.overhead for p in repairs)
    step = StepBill(first.step, REPAIR_STEP, first.floor_area, first.total_floor_area, first.quantities, lines,
                    overhead, sum(p.total for p in repairs), resources, tuple(repairs))
    if sum(p.total for p in repairs) != step.total:
        raise DataError(tr("repairs do not add up to their step"))
    used = sorted({use.resource for s in (step, *bill.steps[1:]) for line in s.lines
                   for use in bill.edition[line.work].usage})
    indicative = tuple(code for code in used if bill.price_list.price(code).indicative)
    return replace(bill, steps=(step, *bill.steps[1:]), groups=tuple(groups) + tuple(bill.groups),
                   used=tuple(used), indicative=indicative)

