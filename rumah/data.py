"""Where the bundled catalog and price lists are.

In a source checkout they sit at the top of the repository (``catalog/``, ``price_lists/``);
an installed wheel carries them inside the package as ``rumah/_data/``.  Nothing is read
here: these functions only name folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def catalog_dir() -> Path:
    """The folder holding ``templates/``, ``ahsp/``, ``resources.yaml`` and friends."""
    return _bundled("catalog")


def price_list_dir() -> Path:
    """The folder holding the bundled regional price lists."""
    return _bundled("price_lists")
