"""Resources (labour, materials, equipment) and their units.

A resource has one *base unit*; AHSP coefficients and prices are converted to it.  Other
units are either general (gram, tonne, litre, centimetre) or the resource's own purchase
units (a 50 kg sack of cement, a 12 m bar of 10 mm steel, a 6 m length of light steel).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError, unknown
from ..i18n import N_, tr
from ..schema import Text, Where, bilingual, choice, entries, mapping, number, sequence, text
from ..yamlio import load_yaml

KINDS = ("labour", "material", "equipment")

#: Conversions that hold for every resource with the given base unit: 1 unit = factor base units.
GENERAL_UNITS: Mapping[str, Mapping[str, float]] = {
    "kg": {"g": 0.001, "ton": 1000.0},
    "m": {"cm": 0.01, "mm": 0.001},
    "m2": {"cm2": 0.0001},
    "m3": {"L": 0.001, "dm3": 0.001},
    "L": {"m3": 1000.0, "dm3": 1.0},
}

#: Labour codes every catalog must define (AHSP: pekerja, tukang, kepala tukang, mandor).
LABOUR_CODES = ("L.01", "L.02", "L.03", "L.04")


@dataclass(frozen=True)
class Resource:
    """One resource.

    code : str — the key used by AHSP lines and price lists.
    unit : str — base unit; prices and coefficients are converted to it.
    units : mapping — other unit -> how many base units one of it holds.
    purchase : tuple of str — the units a family buys in, largest first (``unit`` when not given):
        whole large units for the bulk, the smaller ones for the rest (paint by the 5 kg pail and
        the 1 kg can).
    waste : float — shopping-list allowance for breakage and offcuts, only where the AHSP
        coefficients that use the resource include none (``waste_note`` says why). [fraction]
    priced_as : str — a resource whose price per base unit a list uses for this one when it does
        not price it itself (a kaso is class III timber at its price per m3).
    """

    code: str
    name: Text
    kind: str
    unit: str
    units: Mapping[str, float] = field(default_factory=dict)
    purchase: tuple[str, ...] = ()
    waste: float = 0.0
    note: str = ""
    waste_note: str = ""
    priced_as: str = ""

    def factor(self, unit: str) -> float:
        """How many base units one ``unit`` holds; raises for a unit that does not convert."""
        if unit == self.unit:
            return 1.0
        if unit in self.units:
            return self.units[unit]
        general = GENERAL_UNITS.get(self.unit, {})
        if unit in general:
            return general[unit]
        valid = [self.unit, *self.units, *general]
        raise DataError(tr("unit {unit!r} does not convert to {base} for resource {code!r}; units it knows: {units}",
                           unit=unit, base=self.unit, code=self.code, units=", ".join(valid)))

    @property
    def purchase_unit(self) -> str:
        """The main unit a family buys in (the largest of ``purchase_units``)."""
        return self.purchase_units[0]

    @property
    def purchase_units(self) -> tuple[str, ...]:
        return self.purchase or (self.unit,)


@dataclass(frozen=True)
class Resources:
    """All resources of the catalog, by code."""

    by_code: Mapping[str, Resource]
    file: str = ""

    def __getitem__(self, code: str) -> Resource:
        try:
            return self.by_code[code]
        except KeyError:
            raise unknown(N_("resource"), code, self.by_code, self.file) from None

    def __contains__(self, code: str) -> bool:
        return code in self.by_code

    def __iter__(self):
        return iter(self.by_code.values())

    def __len__(self) -> int:
        return len(self.by_code)


def parse_resources(raw: object, where: Where) -> Resources:
    data = mapping(raw, where, required=("resources",), optional=("source", "note", "waste_rule"))
    result: dict[str, Resource] = {}
    items = entries(data["resources"], where / "resources")
    for code, spec in items.items():
        at = where / "resources" / code
        spec = mapping(spec, at, required=("name", "kind", "unit"),
                       optional=("units", "purchase", "waste", "note", "waste_note", "priced_as"))
        unit = text(spec["unit"], at / "unit")
        units = {}
        for other, value in entries(spec.get("units"), at / "units").items():
            units[other] = number(value, at / "units" / other, above=0, unit=unit)
        raw_purchase = spec.get("purchase", unit)
        listed = [raw_purchase] if isinstance(raw_purchase, str) else sequence(raw_purchase, at / "purchase")
        purchase = tuple(text(name, at / "purchase" / i) for i, name in enumerate(listed))
        if not purchase:
            raise (at / "purchase").fail(tr("expected at least one purchase unit"))
        for name in purchase:
            if name != unit and name not in units:
                raise (at / "purchase").fail(tr("purchase unit {name!r} is not {unit!r} nor one of its units",
                                                name=name, unit=unit))
        sizes = [1.0 if name == unit else units[name] for name in purchase]
        if any(a <= b for a, b in zip(sizes, sizes[1:])):
            raise (at / "purchase").fail(tr("expected purchase units from the largest to the smallest, found {units}",
                                            units=", ".join(purchase)))
        result[code] = Resource(
            code=code,
            name=bilingual(spec["name"], at / "name"),
            kind=choice(spec["kind"], at / "kind", KINDS, N_("kind")),
            unit=unit,
            units=units,
            purchase=purchase,
            waste=number(spec.get("waste", 0.0), at / "waste", minimum=0, maximum=1),
            note=text(spec.get("note", ""), at / "note", allow_empty=True),
            waste_note=text(spec.get("waste_note", ""), at / "waste_note", allow_empty=True),
            priced_as=text(spec.get("priced_as", ""), at / "priced_as", allow_empty=True),
        )
        if result[code].waste > 0 and not result[code].waste_note:
            raise (at / "waste_note").fail(tr("a waste allowance needs a waste_note saying why the AHSP coefficients "
                                              "that use the resource do not include it"))
    for code, resource in result.items():
        if not resource.priced_as:
            continue
        at = where / "resources" / code / "priced_as"
        if resource.priced_as not in result:
            raise unknown(N_("resource"), resource.priced_as, result, str(at))
        other = result[resource.priced_as]
        if other.unit != resource.unit or other.priced_as:
            if other.priced_as:
                raise at.fail(tr("expected a resource priced on its own in {unit}, found {code!r} ({other_unit}, "
                                 "itself priced as another)", unit=resource.unit, code=other.code,
                                 other_unit=other.unit))
            raise at.fail(tr("expected a resource priced on its own in {unit}, found {code!r} ({other_unit})",
                             unit=resource.unit, code=other.code, other_unit=other.unit))
    for code in LABOUR_CODES:
        if code not in result:
            raise (where / "resources").fail(tr("labour resource {code!r} is missing", code=code))
    return Resources(result, where.file)


def load_resources(path: Path) -> Resources:
    return parse_resources(load_yaml(path), Where(str(path)))
