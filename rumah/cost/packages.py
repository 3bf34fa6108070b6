"""Work packages: a build step's bill divided into the parts a family builds one at a time.

Which line belongs to which package is catalog data (``catalog/packages.yaml``: by work group,
with per-quantity exceptions, each with its reason), and a template may move lines of its own.
A package's total is the sum of its lines' amounts plus its share of the step's overhead line;
the packages of a step add up to the step total exactly, to the Rupiah.

Prerequisites follow the work: within a step, each package after the one before it (structure,
then enclosure, then finishing); across steps, a package marked ``after_required_steps`` (the
structure and the enclosure) after the same package of every step the step requires: a new
room's foundation after the foundation it stands against, its roof after the roof it leans on.
A step whose package would be empty has none, and what would have required it requires what it
required.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..data import catalog_dir
from ..errors import DataError, unknown
from ..house.design import Design
from ..i18n import N_, language, plain, tr
from ..schema import Text, Where, bilingual, choice, entries, flag, mapping, number, sequence, text
from ..yamlio import load_yaml
from .ahsp import Edition
from .pricing import Bill, BillMap, Line, StepBill, round_idr
from .takeoff import QUANTITIES


@dataclass(frozen=True)
class PackageKind:
    """A kind of work package (structure, enclosure, finishing ...).

    value_share : the part of a step's value that this package brings when it is finished.
    after_required_steps : built only after the same package of every step its step requires.
    to_live : a step's rooms can be lived in once every package with ``to_live`` is finished.
    """

    id: str
    name: Text
    describe: Text
    value_share: float
    after_required_steps: bool
    to_live: bool = True


@dataclass(frozen=True)
class PackageMap:
    kinds: tuple[PackageKind, ...]
    #: work group -> (package id, reason)
    groups: Mapping[str, tuple[str, str]]
    #: quantity -> (package id, reason): exceptions to the group's package.
    lines: Mapping[str, tuple[str, str]]
    file: str = ""

    def kind(self, package: str) -> PackageKind:
        for kind in self.kinds:
            if kind.id == package:
                return kind
        raise unknown(N_("work package"), package, [k.id for k in self.kinds], self.file)

    def package_of(self, line: Line, overrides: Mapping[str, tuple[str, str]]) -> str:
        """The package a bill line belongs to: the template's word, the catalog's exception for
        its quantity, or its work group's package."""
        for table in (overrides, self.lines):
            if line.quantity_name in table:
                return table[line.quantity_name][0]
        return self.groups[line.group][0]

    def reason(self, line: Line, overrides: Mapping[str, tuple[str, str]]) -> str:
        for table in (overrides, self.lines, self.groups):
            key = line.group if table is self.groups else line.quantity_name
            if key in table:
                return table[key][1]
        return ""


@dataclass(frozen=True)
class Package:
    """One work package of one build step.

    total : the package's lines plus its share of the step's overhead. [IDR]
    materials : the part of ``total`` spent on materials (what a grant in kind can pay). [IDR]
    labour : the part spent on wages. [IDR]
    resources : resources behind its lines, (code, trade) -> base units, as for a StepBill.
    requires : (step, package id) of the packages that must be finished first.
    """

    step: int
    kind: str
    name: Text
    lines: tuple[Line, ...]
    overhead: int
    total: int
    materials: int
    labour: int
    resources: Mapping[tuple[str, str], float]
    requires: tuple[tuple[int, str], ...]
    value_share: float
    to_live: bool = True

    @property
    def key(self) -> tuple[int, str]:
        return (self.step, self.kind)

    @property
    def other(self) -> int:
        """Neither materials nor wages: equipment and overhead. [IDR]"""
        return self.total - self.materials - self.labour


def parse_package_map(raw: object, where: Where, bill_map: BillMap) -> PackageMap:
    data = mapping(raw, where, required=("packages", "groups"), optional=("lines", "source"))
    kinds = []
    for i, spec in enumerate(sequence(data["packages"], where / "packages")):
        at = where / "packages" / i
        spec = mapping(spec, at, required=("id", "name", "value_share"),
                       optional=("describe", "after_required_steps", "to_live"))
        package = text(spec["id"], at / "id")
        if any(k.id == package for k in kinds):
            raise (at / "id").fail(tr("package {package!r} is defined twice", package=package))
        name = bilingual(spec["name"], at / "name")
        kinds.append(PackageKind(package, name, bilingual(spec.get("describe", spec["name"]), at / "describe"),
                                 number(spec["value_share"], at / "value_share", minimum=0, maximum=1),
                                 flag(spec.get("after_required_steps", False), at / "after_required_steps"),
                                 flag(spec.get("to_live", True), at / "to_live")))
    if not kinds:
        raise (where / "packages").error(tr("at least one package"), data["packages"])
    if not any(k.to_live for k in kinds):
        raise (where / "packages").fail(tr("at least one package must be needed to live in a room (to_live: true)"))
    total_share = sum(k.value_share for k in kinds)
    if abs(total_share - 1.0) > 1e-9:
        raise (where / "packages").fail(tr("value shares must add up to 1, found {total}",
                                           total=plain(total_share, language(), 6)))
    ids = [k.id for k in kinds]

    def assignments(raw_table, at, keys, kind):
        table = {}
        for key, spec in entries(raw_table, at).items():
            choice(key, at / key, keys, kind)
            spec = mapping(spec, at / key, required=("package", "reason"))
            table[key] = (choice(spec["package"], at / key / "package", ids, N_("package")),
                          text(spec["reason"], at / key / "reason"))
        return table

    groups = assignments(data["groups"], where / "groups", [g for g, _ in bill_map.groups], N_("work group"))
    missing = [g for g, _ in bill_map.groups if g not in groups]
    if missing:
        raise (where / "groups").fail(tr("work group {group!r} of the bill has no package", group=missing[0]))
    lines = assignments(data.get("lines", {}), where / "lines", QUANTITIES, N_("quantity"))
    return PackageMap(tuple(kinds), groups, lines, where.file)


def load_package_map(bill_map: BillMap, path: Path | None = None) -> PackageMap:
    path = path or catalog_dir() / "packages.yaml"
    return parse_package_map(load_yaml(path), Where(str(path)), bill_map)


def check_overrides(design: Design, package_map: PackageMap) -> None:
    """The template's own package moves name real quantities and packages."""
    where = Where(design.source_file or design.template) / "packages"
    for quantity, (package, _reason) in design.package_overrides.items():
        choice(quantity, where / quantity, QUANTITIES, N_("quantity"))
        choice(package, where / quantity / "package", [k.id for k in package_map.kinds], N_("package"))


def _shares(amounts: list[int], total: int) -> list[int]:
    """``total`` divided in proportion to ``amounts``, in whole Rupiah that add up to it exactly
    (largest remainders get the odd Rupiah)."""
    whole = sum(amounts)
    if whole <= 0:
        return [0] * len(amounts)
    exact = [total * a / whole for a in amounts]
    parts = [math.floor(x) for x in exact]
    order = sorted(range(len(amounts)), key=lambda i: (exact[i] - parts[i], -i), reverse=True)
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts


def split_step(step: StepBill, design: Design, edition: Edition, package_map: PackageMap) -> tuple[Package, ...]:
    """The step's work packages, in build order; their totals add up to the step total."""
    by_kind: dict[str, list[Line]] = {k.id: [] for k in package_map.kinds}
    for line in step.lines:
        by_kind[package_map.package_of(line, design.package_overrides)].append(line)
    kinds = [k for k in package_map.kinds if by_kind[k.id]]
    subtotals = [sum(line.amount for line in by_kind[k.id]) for k in kinds]
    overheads = _shares(subtotals, step.overhead)
    packages = []
    for kind, subtotal, extra in zip(kinds, subtotals, overheads):
        lines = tuple(by_kind[kind.id])
        materials = min(subtotal, round_idr(sum(line.materials for line in lines)))
        other = min(subtotal - materials, round_idr(sum(line.equipment for line in lines)))
        resources: dict[tuple[str, str], float] = {}
        for line in lines:
            for use in edition[line.work].usage:
                slot = (use.resource, use.trade)
                resources[slot] = resources.get(slot, 0.0) + line.quantity * use.coefficient
        packages.append(Package(step.step, kind.id, kind.name, lines, extra, subtotal + extra, materials,
                                subtotal - materials - other, resources, (), kind.value_share, kind.to_live))
    if sum(p.total for p in packages) != step.total:
        raise DataError(tr("step {step}: packages add up to {sum}, not the step total {total}", step=step.step,
                           sum=sum(p.total for p in packages), total=step.total))
    return tuple(packages)


def with_packages(bill: Bill, package_map: PackageMap) -> Bill:
    """``bill`` with every step divided into work packages and the packages' prerequisites set."""
    check_overrides(bill.design, package_map)
    steps = {s.step: split_step(s, bill.design, bill.edition, package_map) for s in bill.steps}
    specs = {s.number: s for s in bill.design.steps}
    order = [k.id for k in package_map.kinds]
    present = {(n, p.kind) for n, packages in steps.items() for p in packages}

    def resolved(step: int, kind: str) -> set[tuple[int, str]]:
        """The package (step, kind), or, when the step has none of that kind, what it would need."""
        if (step, kind) in present:
            return {(step, kind)}
        return needs(step, kind)

    def needs(step: int, kind: str) -> set[tuple[int, str]]:
        found: set[tuple[int, str]] = set()
        index = order.index(kind)
        if index > 0:
            found |= resolved(step, order[index - 1])
        if package_map.kind(kind).after_required_steps:
            for required in specs[step].requires:
                if required in steps:
                    found |= resolved(required, kind)
        return found

    new_steps = []
    for s in bill.steps:
        packages = tuple(replace(p, requires=tuple(sorted(needs(s.step, p.kind),
                                                          key=lambda k: (k[0], order.index(k[1])))))
                         for p in steps[s.step])
        new_steps.append(replace(s, packages=packages))
    return replace(bill, steps=tuple(new_steps))
