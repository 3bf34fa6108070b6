"""Where the bundled catalog and price lists are.

In a source checkout they sit at the top of the repository (``catalog/``, ``price_lists/``);
an installed wheel carries them inside the package as ``rumah/_data/``.  Nothing is read
here: these functions only name folders and files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .errors import DataError, unknown
from .i18n import tr

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def find(name: str, bundled: Mapping[str, Path], kind: str) -> Path:
    """A bundled file by its name, or a file of the user's when ``name`` looks like a path;
    ``kind`` (a text of the catalog, marked with ``N_``) says what it is."""
    path = Path(name)
    if name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name:
        try:
            folder, regular, there = path.is_dir(), path.is_file(), path.exists()
        except OSError as exc:          # a name too long for the file system, say
            raise DataError(tr("{file}: cannot be read ({reason})", file=name[:80], reason=exc.strerror)) from None
        if folder:
            raise DataError(tr("{file}: is a folder, expected a {kind} file", file=name, kind=tr(kind)))
        if not regular:
            if there:
                raise DataError(tr("{file}: is not a regular file (a device or a pipe); give the name of a {kind} file",
                                   file=name, kind=tr(kind)))
            raise DataError(tr("{file}: no such {kind} file", file=name, kind=tr(kind)))
        return path
    if name in bundled:
        return bundled[name]
    raise unknown(kind, name, bundled)


def catalog_dir() -> Path:
    """The folder holding ``templates/``, ``ahsp/``, ``resources.yaml`` and friends."""
    return _bundled("catalog")


def price_list_dir() -> Path:
    """The folder holding the bundled regional price lists."""
    return _bundled("price_lists")
