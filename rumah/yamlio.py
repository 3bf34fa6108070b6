"""Reading YAML files safely.

Only PyYAML's safe loader is used (no Python objects can be built from a file), and three
things the plain safe loader lets through are refused: a key written twice in one mapping
(PyYAML keeps the last silently, so a price typed twice would pass unnoticed), a file
larger than :data:`MAX_BYTES`, and a document whose aliases expand to more than
:data:`MAX_VALUES` values (an "alias bomb").  Errors give the file, line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

#: Largest data file accepted.  The biggest bundled file is a few tens of kilobytes. [byte]
MAX_BYTES = 2_000_000
#: Most values a document may expand to once aliases are followed.
MAX_VALUES = 200_000

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, refusing duplicate keys."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key that is a list or mapping", key_node.start_mark) from None
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    f"key {key!r} first written at line {first.line + 1}", first,
                    f"the same key {key!r} is written again", key_node.start_mark)
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


def _count_values(data: Any, budget: int) -> int:
    """Walk ``data`` as a tree (shared parts counted each time); stop past ``budget``."""
    stack = [data]
    count = 0
    while stack:
        item = stack.pop()
        count += 1
        if count > budget:
            break
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def parse_yaml(text: str, name: str) -> Any:
    """Parse YAML ``text`` (from a file called ``name``) with the strict safe loader."""
    # _StrictLoader is PyYAML's safe loader with duplicate keys refused; it is driven directly so
    # that no other loader can be passed by mistake.
    loader = _StrictLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        what = exc.problem or "not valid YAML"
        context = f" ({exc.context})" if exc.context and exc.context_mark is not None else ""
        raise DataError(f"{name}: {where}{what}{context}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{name}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    if _count_values(data, MAX_VALUES) > MAX_VALUES:
        raise DataError(f"{name}: expands to more than {MAX_VALUES:,} values through aliases; "
                        "refused (is it an alias bomb?)")
    return data


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a byte-order mark is allowed) with a size limit."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DataError(f"{path}: file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a folder, expected a file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text (byte {exc.start} cannot be decoded); "
                        "save the file as UTF-8") from None


def load_yaml(path: Path) -> Any:
    """Read and parse one YAML file."""
    return parse_yaml(read_text(path), str(path))
