"""The clinic that issues a quote: its name, address, technician and how long a quote holds.

A clinic file is optional (``rumah quote --clinic clinic.yaml``)::

    name: Klinik Rumah Swadaya Kendal
    address: Jl. Soekarno-Hatta 1, Kendal
    technician: Ir. Siti Rahayu
    phone: "0294 381000"
    validity_days: 30

Without one, the quote names a generic clinic and leaves the technician's name to be written
by hand on the signature line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..schema import Where, integer, mapping, name, printed
from ..yamlio import load_yaml

#: Days a quote's prices hold by default.  Building-material prices in the district price lists
#: are collected once or twice a year and move by a few per cent a year (DOMAIN.md section 4), so
#: a month is a fair promise; a clinic sets its own.
DEFAULT_VALIDITY_DAYS = 30


@dataclass(frozen=True)
class Clinic:
    name: str = "Klinik Rumah Swadaya"
    address: str = ""
    technician: str = ""
    phone: str = ""
    validity_days: int = DEFAULT_VALIDITY_DAYS
    file: str = ""


def _line(value, where: Where) -> str:
    """A text that has to fit a line of the quote's header (empty allowed)."""
    if isinstance(value, str) and not value.strip():
        return ""
    return name(value, where, 160)


def _phone(value, where: Where) -> str:
    # YAML reads 0294381000 as a number (and 02134567 as octal): the leading zero would be lost.
    if not isinstance(value, str):
        raise where.error('a phone number in quotes, such as "0294 381000"', value)
    return printed(value, where, 40, allow_empty=True)


def load_clinic(path: str | Path | None) -> Clinic:
    """The clinic described in ``path``, or the generic one when ``path`` is None."""
    if path is None:
        return Clinic()
    where = Where(str(path))
    raw = mapping(load_yaml(Path(path)), where, required=("name",),
                  optional=("address", "technician", "phone", "validity_days"))
    return Clinic(
        name=name(raw["name"], where / "name", 160),
        address=_line(raw.get("address", ""), where / "address"),
        technician=_line(raw.get("technician", ""), where / "technician"),
        phone=_phone(raw.get("phone", ""), where / "phone"),
        validity_days=integer(raw.get("validity_days", DEFAULT_VALIDITY_DAYS), where / "validity_days",
                              minimum=1, maximum=365),
        file=str(path),
    )
