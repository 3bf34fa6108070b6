"""Template parameters: what a technician may change, with defaults and allowed ranges.

Parameters shared by every template (wall height, plinth height, wall, roof and floor
choices ...) are defined once in ``catalog/parameters.yaml``; a template may narrow them or
add its own (grid spans).  Values arrive as text from the command line (``--set
wall_height=3,2``) or as YAML values from a household file and are checked here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Union

from ..errors import ParameterError, cut, did_you_mean
from ..i18n import N_, language, plain, t, tr
from ..schema import Text, Where, bilingual, choice, entries, flag, folded, mapping, number, text
from ..yamlio import load_yaml

Value = Union[float, str, bool]  # noqa: UP007 - an alias evaluated at import on Python 3.10

#: The largest value a parameter in each unit may allow: a room span, a height or a depth of a
#: single-storey house is never more than 20 m (a fixed grid span has the same bound); a roof
#: pitch never more than 60 degrees.  A range beyond them is a typing mistake (a 1 km room).
LARGEST = {"m": 20.0, "deg": 60.0}

_TRUE = {"true", "yes", "ya", "y", "1", "on"}
_FALSE = {"false", "no", "tidak", "n", "0", "off"}


@dataclass(frozen=True)
class Choice:
    """One option of a choice parameter, with the numbers the design needs from it."""

    name: str
    label: Text
    attrs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Parameter:
    """A parameter.  ``kind`` is ``number``, ``choice`` or ``flag``."""

    name: str
    label: Text
    kind: str
    default: Value
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: Mapping[str, Choice] = field(default_factory=dict)
    note: str = ""

    def check(self, value: Any, where: str) -> Value:
        """Check a YAML value (number, text or yes/no) and return it in the parameter's type."""
        if self.kind == "flag":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
                return value.strip().lower() in _TRUE
            raise ParameterError(tr("{where}: parameter {name!r}: expected yes or no, found {value!r}", where=where,
                                    name=self.name, value=value))
        if self.kind == "choice":
            value = str(value).strip() if not isinstance(value, bool) else value
            if isinstance(value, str) and value not in self.choices:
                value = folded(value, self.choices) or value
            if value not in self.choices:
                raise ParameterError(tr("{where}: parameter {name!r}: unknown choice {value!r}; {hint}", where=where,
                                        name=self.name, value=value, hint=did_you_mean(str(value), self.choices)))
            return value
        if isinstance(value, str):
            cleaned = value.strip().replace(",", ".")
            shown = UNIT_SIGNS.get(self.unit, self.unit)
            for sign in {self.unit, shown} - {""}:
                cleaned = cleaned.removesuffix(sign).strip()    # "45°", "0,8 m": as catalog show writes it
            try:
                if "_" in cleaned:
                    raise ValueError(cleaned)          # Python reads 1_0 as 10; nobody writes a measure so
                value = float(cleaned)
            except ValueError:
                if shown:
                    raise ParameterError(tr("{where}: parameter {name!r}: expected a number in {unit}, found {value!r}",
                                            where=where, name=self.name, unit=shown, value=value)) from None
                raise ParameterError(tr("{where}: parameter {name!r}: expected a number, found {value!r}",
                                        where=where, name=self.name, value=value)) from None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise ParameterError(tr("{where}: parameter {name!r}: expected a number, found {value!r}", where=where,
                                    name=self.name, value=value))
        low = self.minimum if self.minimum is not None else float("-inf")
        high = self.maximum if self.maximum is not None else float("inf")
        if not low <= value <= high:
            lang = language()
            found = self.with_unit(plain(value, lang, 6))
            raise ParameterError(tr("{where}: parameter {name!r}: expected {allowed}, found {value}", where=where,
                                    name=self.name, allowed=self.range_text(lang), value=found))
        return float(value)

    def range_text(self, lang: str = "en") -> str:
        """What the parameter allows, in ``lang``: ``0,2 sampai 1,5 m``."""
        if self.kind == "choice":
            return t("one of {choices}", lang, choices=", ".join(self.choices))
        if self.kind == "flag":
            return t("yes or no", lang)
        return self.with_unit(t("{low} to {high}", lang, low=plain(self.minimum, lang, 6),
                                high=plain(self.maximum, lang, 6)))

    def with_unit(self, text: str) -> str:
        """``text`` (a number or a range) with the parameter's unit as people write it: ``45°``,
        ``1,5 m``, a share bare."""
        unit = UNIT_SIGNS.get(self.unit, self.unit)
        return f"{text}{unit}" if unit == "°" else f"{text} {unit}".rstrip()


#: Units as people write them beside a number (a template writes ``deg``, ``m2``; a share has none).
UNIT_SIGNS = {"deg": "°", "m2": "m²", "m3": "m³", "fraction": ""}


def parse_parameter(name: str, raw: Any, where: Where, base: Parameter | None = None) -> Parameter:
    """Read one parameter; with ``base``, the entry narrows or re-labels a shared parameter."""
    data = mapping(raw, where, optional=("label", "unit", "default", "min", "max", "choices", "type", "note"))
    if base is None:
        if "label" not in data or "default" not in data:
            raise where.fail(tr("a new parameter needs 'label' and 'default'"))
        kind = "choice" if "choices" in data else ("flag" if data.get("type") == "flag" else "number")
        base = Parameter(name, bilingual(data["label"], where / "label"), kind, data["default"])
        if kind == "number" and ("min" not in data or "max" not in data):
            raise where.fail(tr("a number parameter needs 'min' and 'max'"))
    elif "choices" in data and base.kind != "choice":
        raise (where / "choices").fail(tr("{name!r} is not a choice parameter", name=name))
    changes: dict[str, Any] = {}
    if "label" in data:
        changes["label"] = bilingual(data["label"], where / "label")
    if "unit" in data:
        changes["unit"] = text(data["unit"], where / "unit")
    if "note" in data:
        changes["note"] = text(data["note"], where / "note")
    if base.kind == "number":
        unit = changes.get("unit", base.unit)
        largest = LARGEST.get(unit)
        changes["minimum"] = number(data.get("min", base.minimum), where / "min", maximum=largest, unit=unit)
        changes["maximum"] = number(data.get("max", base.maximum), where / "max", minimum=changes["minimum"],
                                    maximum=largest, unit=unit)
    if "choices" in data:
        choices = {}
        for key, spec in entries(data["choices"], where / "choices").items():
            at = where / "choices" / key
            spec = dict(spec) if isinstance(spec, Mapping) else {"label": spec}
            if "label" not in spec:
                raise at.fail(tr("missing key {key!r}", key="label"))
            attrs = {k: v for k, v in spec.items() if k != "label"}
            for k, v in attrs.items():
                if not isinstance(v, (int, float, str)) or isinstance(v, bool):
                    raise (at / k).error(tr("a number or text"), v)
            choices[key] = Choice(key, bilingual(spec["label"], at / "label"), attrs)
        if base.choices:
            for key in choices:
                choice(key, where / "choices" / key, base.choices, N_("choice"))
        changes["choices"] = choices
    parameter = replace(base, **changes)
    if base.kind == "flag" and "default" in data:
        parameter = replace(parameter, default=flag(data["default"], where / "default"))
    elif "default" in data or base.kind != "flag":
        default = data.get("default", base.default)
        place = where / "default"
        try:
            parameter = replace(parameter, default=parameter.check(default, str(place)))
        except ParameterError as exc:
            # The message names the place already: it is raised with it, not named again.
            raise place.fail(str(exc).removeprefix(f"{place}: ")) from None
    return parameter


def parse_parameters(raw: Any, where: Where, shared: Mapping[str, Parameter] | None = None) -> dict[str, Parameter]:
    result = dict(shared or {})
    for name, spec in entries(raw, where).items():
        result[name] = parse_parameter(name, spec, where / name, result.get(name))
    return result


def load_shared_parameters(path: Path) -> dict[str, Parameter]:
    data = mapping(load_yaml(path), Where(str(path)), required=("parameters",), optional=("source", "note"))
    return parse_parameters(data["parameters"], Where(str(path)) / "parameters")


def resolve(parameters: Mapping[str, Parameter], given: Mapping[str, Any], where: str) -> dict[str, Value]:
    """Defaults overlaid with ``given`` values, each checked against its parameter."""
    values: dict[str, Value] = {name: p.default for name, p in parameters.items()}
    for name, value in given.items():
        if name not in parameters:
            error = ParameterError(tr("{where}: unknown parameter {name!r}; {hint} (rumah catalog show lists a "
                                      "house type's parameters)", where=where, name=cut(name),
                                      hint=did_you_mean(name[:200], parameters)))
            error.parameter = name
            raise error
        try:
            values[name] = parameters[name].check(value, where)
        except ParameterError as exc:
            exc.parameter = name            # for a caller that names the place itself
            raise
    return values


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["wall=aac", "wall_height=3,2"]`` -> ``{"wall": "aac", "wall_height": "3,2"}``."""
    result = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(tr("--set {pair!r}: expected NAME=VALUE, for example wall_height=3.0", pair=pair))
        result[name.strip()] = value.strip()
    return result
