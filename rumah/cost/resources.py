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
from ..schema import Text, Where, bilingual, choice, entries, mapping, number, text
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
    purchase : str — the unit a family buys in (``unit`` when not given).
    waste : float — shopping-list allowance for breakage and offcuts. [fraction]
    """

    code: str
    name: Text
    kind: str
    unit: str
    units: Mapping[str, float] = field(default_factory=dict)
    purchase: str = ""
    waste: float = 0.0
    note: str = ""

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
        raise DataError(f"unit {unit!r} does not convert to {self.unit} for resource {self.code!r}; "
                        f"units it knows: {', '.join(valid)}")

    @property
    def purchase_unit(self) -> str:
        return self.purchase or self.unit


@dataclass(frozen=True)
class Resources:
    """All resources of the catalog, by code."""

    by_code: Mapping[str, Resource]
    file: str = ""

    def __getitem__(self, code: str) -> Resource:
        try:
            return self.by_code[code]
        except KeyError:
            raise unknown("resource", code, self.by_code, self.file) from None

    def __contains__(self, code: str) -> bool:
        return code in self.by_code

    def __iter__(self):
        return iter(self.by_code.values())

    def __len__(self) -> int:
        return len(self.by_code)


def parse_resources(raw: object, where: Where) -> Resources:
    data = mapping(raw, where, required=("resources",), optional=("source", "note"))
    result: dict[str, Resource] = {}
    items = entries(data["resources"], where / "resources")
    for code, spec in items.items():
        at = where / "resources" / code
        spec = mapping(spec, at, required=("name", "kind", "unit"),
                       optional=("units", "purchase", "waste", "note"))
        unit = text(spec["unit"], at / "unit")
        units = {}
        for other, value in entries(spec.get("units"), at / "units").items():
            units[other] = number(value, at / "units" / other, above=0, unit=unit)
        purchase = text(spec.get("purchase", unit), at / "purchase")
        if purchase != unit and purchase not in units:
            raise (at / "purchase").fail(f"purchase unit {purchase!r} is not {unit!r} nor one of its units")
        result[code] = Resource(
            code=code,
            name=bilingual(spec["name"], at / "name"),
            kind=choice(spec["kind"], at / "kind", KINDS, "kind"),
            unit=unit,
            units=units,
            purchase=purchase,
            waste=number(spec.get("waste", 0.0), at / "waste", minimum=0, maximum=1),
            note=text(spec.get("note", ""), at / "note", allow_empty=True),
        )
    for code in LABOUR_CODES:
        if code not in result:
            raise (where / "resources").fail(f"labour resource {code!r} is missing")
    return Resources(result, where.file)


def load_resources(path: Path) -> Resources:
    return parse_resources(load_yaml(path), Where(str(path)))
