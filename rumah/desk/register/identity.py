"""The national ID number (NIK): checked, then kept only as a digest and its last four digits.

Public BSPS repositories have published NIKs and ID-card scans (DOMAIN.md section 7); the
register never stores a NIK whole and never keeps an image of a card.  A NIK has 16 digits
(Permendagri 7/2019: 6 for the region, 6 for the birth date, 4 for the serial), so there are
few enough plausible NIKs that a fast hash would be undone by trying them all: the digest is
scrypt (memory-hard, about 30 ms a NIK here) salted per register.  A salt set in the
environment (``RUMAH_NIK_PEPPER``) is added when present, so that a copy of the database alone
is not enough to try NIKs against it.
"""

from __future__ import annotations

import hashlib
import os

from ...errors import DataError
from ...i18n import ntr, tr

NIK_DIGITS = 16
#: scrypt cost: n = 2**14, r = 8 (16 MiB of memory a digest), the parameters Python's
#: documentation and OWASP's password storage cheat sheet give as a sound minimum.
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 32}


def clean_nik(value: str, where: str = "NIK") -> str:
    """The 16 digits of a NIK typed with or without spaces, dots or dashes."""
    if not isinstance(value, str):
        raise DataError(tr("{where}: expected 16 digits, found {found}", where=where,
                           found=type(value).__name__))
    digits = "".join(ch for ch in value if ch not in " .-")
    if len(digits) != NIK_DIGITS or not digits.isascii() or not digits.isdigit():
        # The value itself is not repeated: an error message may be logged or shown on a screen.
        counted = digits.isascii() and (digits.isdigit() or not digits)
        shown = ntr("{n} digit", "{n} digits", len(digits)) if counted else tr("other characters")
        raise DataError(tr("{where}: expected a NIK of {n} digits, found {found}", where=where, n=NIK_DIGITS,
                           found=shown))
    return digits


def nik_digest(nik: str, salt: str) -> str:
    """The salted scrypt digest of a NIK, in hex: the same NIK gives the same digest in one
    register (to find a family by it, and to see that it is registered once)."""
    pepper = os.environ.get("RUMAH_NIK_PEPPER", "")
    key = hashlib.scrypt(nik.encode("ascii"), salt=(salt + pepper).encode("utf-8"), **_SCRYPT)
    return key.hex()


def masked(last4: str | None) -> str:
    """What a screen or a list shows of a NIK: its last four digits only."""
    return "" if not last4 else "*" * (NIK_DIGITS - 4) + last4
