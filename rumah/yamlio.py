"""Reading YAML files safely.

Only PyYAML's safe loader is used (no Python objects can be built from a file), and three
things the plain safe loader lets through are refused: a key written twice in one mapping
(PyYAML keeps the last silently, so a price typed twice would pass unnoticed), a file
larger than :data:`MAX_BYTES`, and a document whose aliases expand to more than
:data:`MAX_VALUES` values (an "alias bomb").  Errors give the file, line and column.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError
from .i18n import N_, language, number, tr
from .output import note_input

#: Largest data file accepted.  The biggest bundled file is a few tens of kilobytes. [byte]
MAX_BYTES = 2_000_000
#: Most values a document may expand to once aliases are followed.
MAX_VALUES = 200_000
#: Deepest nesting of [ ] and { } accepted (the C parser recurses on its own stack; 50,000 levels
#: crash the interpreter).  The bundled files nest four levels.
MAX_DEPTH = 64

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Refused(yaml.constructor.ConstructorError):
    """A problem this project's loader finds (its message is already the reader's)."""


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, refusing duplicate keys."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                raise _Refused(
                    None, None, tr("a key that is a list or mapping"), key_node.start_mark) from None
            if first is not None:
                raise _Refused(
                    tr("key {key!r} first written at line {line}", key=key, line=first.line + 1), first,
                    tr("the same key {key!r} is written again", key=key), key_node.start_mark)
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError) as exc:
            # A value PyYAML recognises but cannot build (!!int abc, a 5,000-digit number): say where.
            shown = str(node.value)[:40] if isinstance(node.value, str) else node.tag
            raise _Refused(
                None, None, tr("the value {value!r} cannot be read as {kind} ({error})", value=shown,
                               kind=node.tag.rsplit(":", 1)[-1], error=type(exc).__name__), node.start_mark) from None


# YAML 1.1 reads 1:30 as the number 90 (base 60), 2025-02-30 as a date, 0x10 as 16, 02400000 (a
# leading zero) as the octal 655360 and 1_000 as 1000; data files want none of them.  Integers and
# floats are recognised as decimals only; the rest stays text, for the readers to judge (money
# reads "02400000" as written, and refuses "0x10").
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^(?:[-+]?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?|\.[0-9]+(?:[eE][-+][0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()}
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))


class YamlFloat(float):
    """A float as written in the file: ``62.000`` is 62.0 to YAML, but Indonesians write
    thousands with dots, so money readers look at ``text`` before they believe the number."""

    __slots__ = ("text",)

    def __reduce__(self):
        return (float, (float(self),))


def _construct_float(loader, node):  # noqa: ANN001 - PyYAML's signature
    value = YamlFloat(loader.construct_yaml_float(node))
    value.text = node.value
    return value


_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
# Written back (a reopened consultation saves what it read) as the plain number it is.
yaml.SafeDumper.add_representer(YamlFloat, yaml.representer.SafeRepresenter.represent_float)


def written_as_thousands(value: Any) -> bool:
    """Whether ``value`` is a YAML float written like Indonesian thousands (``62.000``, ``1.250.000``)."""
    return isinstance(value, YamlFloat) and bool(re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+", value.text.strip()))


_SPECIAL = re.compile(r"[\[\]{}\"'#\n]")


def _too_deep(text: str) -> bool:
    """Whether [ ] and { } nest deeper than MAX_DEPTH (quoted text and comments skipped).

    Only the characters that matter are visited, so the scan costs little on every load."""
    depth = 0
    quote = ""
    comment = False
    for match in _SPECIAL.finditer(text):
        char = match.group()
        previous = text[match.start() - 1] if match.start() else "\n"
        if comment:
            comment = char != "\n"
        elif quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and previous in " \t\n[{,:":
            quote = char
        elif char == "#" and previous in " \t\n":
            comment = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth = max(0, depth - 1)
    return False


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
    if _too_deep(text):
        raise DataError(tr("{file}: lists or mappings nested more than {depth} levels deep; refused", file=name,
                           depth=MAX_DEPTH))
    loader = _StrictLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = tr("line {line}, column {column}: ", line=mark.line + 1, column=mark.column + 1) if mark else ""
        raise DataError(f"{name}: {where}{_yaml_problem(exc)}") from None
    except yaml.YAMLError as exc:
        raise DataError(tr("{file}: not valid YAML: {error}", file=name, error=exc)) from None
    except (ValueError, TypeError, AttributeError, KeyError, OverflowError, RecursionError) as exc:
        # A value PyYAML recognises but cannot build: !!int abc, a 5,000-digit number ...
        detail = str(exc)[:120] or type(exc).__name__
        raise DataError(tr("{file}: a value cannot be read ({error})", file=name, error=detail)) from None
    finally:
        loader.dispose()
    if _count_values(data, MAX_VALUES) > MAX_VALUES:
        raise DataError(tr("{file}: expands to more than {count} values through aliases; refused (is it an alias "
                           "bomb?)", file=name, count=number(MAX_VALUES, language(), 0)))
    return data


#: PyYAML's problems a technician editing a file by hand meets most, said with what to do:
#: (words of PyYAML's problem, with libyaml or without, what the message says).  Others keep
#: PyYAML's own words.
YAML_PROBLEMS = (
    ("mapping values are not allowed", N_("a ':' where a value was expected: put a value that holds ':' in "
                                          "quotes, or line the key up with the keys above it")),
    ("did not find expected ',' or ']'", N_("a list opened with [ is not closed with ]")),
    ("did not find expected ',' or '}'", N_("a mapping opened with a curly bracket is not closed with one")),
    ("found a tab character", N_("a tab: indent with spaces")),
    ("that cannot start any token", N_("a character that cannot start a value (a tab? indent with spaces; or put "
                                       "the value in quotes)")),
    ("could not determine a constructor", N_("a tag (!!...) a data file may not use: {found}")),
    ("found undefined alias", N_("an alias (*name) with no anchor (&name) before it")),
    ("found unexpected end of stream", N_("a quote opened and never closed")),
    ("did not find expected key", N_("a key indented less or more than the keys beside it")),
    ("expected <block end>", N_("a line indented less or more than the lines beside it")),
    ("could not find expected ':'", N_("a key without ':' after it (a space after the colon, as in "
                                       "'members: 5')")),
)


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    """What is wrong, in the reader's language when it is one of :data:`YAML_PROBLEMS`."""
    problem = exc.problem or ""
    if exc.context and exc.context_mark is not None:
        problem += f" ({exc.context})"
    if isinstance(exc, _Refused):
        return problem
    for words, said in YAML_PROBLEMS:
        if words in problem:
            # (The one quoted thing PyYAML names, a tag, is said as found.)
            found = problem.split("'")[1] if problem.count("'") >= 2 else ""
            return tr("not valid YAML: {problem}", problem=said(language()).replace("{found}", found))
    return tr("not valid YAML: {problem}", problem=problem) if problem else tr("not valid YAML")


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a byte-order mark is allowed) with a size limit.

    Only regular files are read (a device such as /dev/zero or a pipe has no size to check and
    may never end), and never more than the limit plus one byte, whatever size the file claims.
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise DataError(tr("{file}: is a folder, expected a file", file=path))
        if not stat.S_ISREG(info.st_mode):
            raise DataError(tr("{file}: is not a regular file (a device or a pipe); give the name of a file",
                               file=path))
        lang = language()
        if info.st_size > MAX_BYTES:
            raise DataError(tr("{file}: file is {size} bytes; the limit is {limit} bytes", file=path,
                               size=number(info.st_size, lang, 0), limit=number(MAX_BYTES, lang, 0)))
        with open(path, "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise DataError(tr("{file}: file is more than {limit} bytes; the limit is {limit} bytes", file=path,
                               limit=number(MAX_BYTES, lang, 0)))
    except FileNotFoundError:
        raise DataError(tr("{file}: no such file", file=path)) from None
    except IsADirectoryError:
        raise DataError(tr("{file}: is a folder, expected a file", file=path)) from None
    except OSError as exc:
        raise DataError(tr("{file}: cannot be read ({reason})", file=path, reason=exc.strerror or exc)) from None
    note_input(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(tr("{file}: not UTF-8 text (a byte 0x{value:02x} at position {at} cannot be decoded); save "
                           "the file as UTF-8", file=path, value=raw[exc.start], at=exc.start)) from None


def load_yaml(path: Path) -> Any:
    """Read and parse one YAML file."""
    return parse_yaml(read_text(path), str(path))
