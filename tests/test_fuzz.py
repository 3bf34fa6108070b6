"""Property-based fuzzing of the three loaders a clinic feeds by hand (issue 7).

Starting from the valid example households, bundled templates and bundled price lists, hypothesis
mutates them

* as text: characters and lines deleted, inserted, replaced, duplicated or swapped, digits swapped,
  tabs inserted, the file truncated;
* as data: one node of the parsed file replaced by a hostile value (None, "", -1, 0, 1e308, NaN,
  "NaN", ".inf", "1.250.000", very long strings, lists, mappings, booleans ...), a key deleted or an
  unknown key added;

and checks that the loader either returns normally or raises :class:`rumah.errors.RumahError`: any
other exception is a failure.  A household that loads is also planned (horizon 24 months, through
the loader's ``horizon`` argument), and the plan too must return or raise RumahError only.

``COUNTS`` records every example run and how it ended; the last test prints the totals.
"""

from __future__ import annotations

import copy
import math
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rumah.cost.estimate import load_catalog
from rumah.cost.prices import load_price_list
from rumah.cost.resources import load_resources
from rumah.data import catalog_dir, price_list_dir
from rumah.errors import RumahError
from rumah.house.template import load_template, parse_template
from rumah.plan.household import load_household, parse_household
from rumah.plan.planner import plan_household
from rumah.schema import Where

ROOT = Path(__file__).resolve().parent.parent
HOUSEHOLDS = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.yaml"))}
TEMPLATES = {p.name: p.read_text(encoding="utf-8") for p in sorted((catalog_dir() / "templates").glob("*.yaml"))}
PRICE_LISTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(price_list_dir().glob("*.yaml"))}
RESOURCES = load_resources(catalog_dir() / "resources.yaml")
CATALOGS: dict = {None: load_catalog()}
HORIZON = 24

#: Examples run per loader and way of mutating, and how each ended ("ok" or "error").
COUNTS: Counter = Counter()

#: RUMAH_FUZZ_EXAMPLES=5000 for a longer hunt; the default keeps the file near 15 seconds.
FUZZ = settings(max_examples=int(os.environ.get("RUMAH_FUZZ_EXAMPLES", "120")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

#: Values a spreadsheet, a chat app or a careless edit can put where a value should be.
HOSTILE = [None, "", " ", -1, 0, 1, -0.0, 0.5, 1e308, -1e308, 5e-324, float("nan"), float("inf"), float("-inf"),
           "NaN", "nan", ".inf", "-.inf", "inf", "1.250.000", "750.000", "Rp 2.500.000", "2,5", "1/0", "0/0",
           "62.000", "Rp 62.000,00", "1.100,50", "62.000,-", "62.5", "1e-300", "1e20", "1e308", "Rp", ",5",
           "30%", "yes", "no", "null", "~", "x" * 10_000, "🏠" * 500, "\x00", "\t", "../../etc/passwd", "/etc/passwd",
           "kendal.yaml", "inti-6m", "kendal", True, False, [], [None], [1, 2, 3], [[[]]], {}, {"a": 1},
           {"price": 1, "unit": "kg"}, 10**20, -(10**20), 2**63, 12345678901234567890.0]
VALUES = st.one_of(st.sampled_from(HOSTILE), st.integers(-(10**30), 10**30), st.floats(allow_nan=True),
                   st.text(max_size=30), st.booleans())
#: Characters worth inserting into YAML: its syntax, digits, separators, odd whitespace, non-ASCII.
YAML_CHARS = st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?.\t\n\r 0123456789eE_+aZ\u00a0\ufeff\u2028é"))


# -- text mutations ---------------------------------------------------------------------------------

@st.composite
def text_mutation(draw, text: str) -> str:
    """``text`` after one to four random edits."""
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        n = max(len(text), 1)
        op = draw(st.sampled_from(["delete", "insert", "replace", "delete_line", "duplicate_line", "swap_lines",
                                   "swap_digits", "tab", "truncate", "digit", "indent", "dedent"]))
        at = draw(st.integers(0, n - 1))
        if op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        elif op == "insert":
            text = text[:at] + "".join(draw(st.lists(YAML_CHARS, min_size=1, max_size=6))) + text[at:]
        elif op == "replace":
            text = text[:at] + draw(YAML_CHARS) + text[at + 1:]
        elif op in ("delete_line", "duplicate_line", "tab", "indent", "dedent"):
            i = draw(st.integers(0, len(lines) - 1))
            if op == "delete_line":
                del lines[i]
            elif op == "duplicate_line":
                lines.insert(i, lines[i])
            elif op == "tab":
                lines[i] = "\t" + lines[i]
            elif op == "indent":
                lines[i] = "  " + lines[i]
            else:
                lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i].lstrip()
            text = "\n".join(lines)
        elif op == "swap_lines":
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op == "swap_digits":
            digits = [k for k, c in enumerate(text) if c.isdigit()]
            if len(digits) >= 2:
                i, j = sorted(draw(st.lists(st.sampled_from(digits), min_size=2, max_size=2)))
                text = text[:i] + text[j] + text[i + 1:j] + text[i] + text[j + 1:]
        elif op == "digit":
            digits = [k for k, c in enumerate(text) if c.isdigit()]
            if digits:
                k = draw(st.sampled_from(digits))
                text = text[:k] + draw(st.sampled_from("0123456789.,")) + text[k + 1:]
        else:  # truncate
            text = text[:at]
    return text


# -- data mutations ---------------------------------------------------------------------------------

def nodes(data: Any, path: tuple = ()) -> list[tuple]:
    """The path of every node below the root (mapping keys and list indexes)."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append(path + (key,))
            found += nodes(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.append(path + (i,))
            found += nodes(value, path + (i,))
    return found


@st.composite
def data_mutation(draw, text: str) -> Any:
    """The parsed ``text`` with one to three nodes replaced, deleted or given an unknown sibling."""
    data = yaml.safe_load(text)
    for _ in range(draw(st.integers(1, 3))):
        paths = nodes(data)
        if not paths:
            return copy.deepcopy(draw(VALUES))
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        op = draw(st.sampled_from(["replace", "replace", "replace", "delete", "unknown_key"]))
        if op == "replace":
            parent[path[-1]] = copy.deepcopy(draw(VALUES))
        elif op == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["harga", "Price", "regoin", "", "extra", "1"]))] = copy.deepcopy(draw(VALUES))
        else:
            parent.append(copy.deepcopy(draw(VALUES)))
    return data


# -- the property -------------------------------------------------------------------------------------

def clean(kind: str, load: Callable[[], Any]) -> Any:
    """Run ``load``: a result, or None after a RumahError.  Anything else fails the test."""
    try:
        result = load()
    except RumahError as exc:
        assert str(exc), "a RumahError with no message"
        COUNTS[kind, "error"] += 1
        return None
    COUNTS[kind, "ok"] += 1
    return result


def plan(household) -> None:
    def run():
        if household.ahsp not in CATALOGS:
            CATALOGS[household.ahsp] = load_catalog(household.ahsp)
        result = plan_household(household, CATALOGS[household.ahsp])
        assert result.household.horizon == HORIZON
        for step in result.best.steps:
            assert 1 <= step.month <= HORIZON and step.cost >= 0
        assert all(math.isfinite(line.amount) for step in result.bill.steps for line in step.lines)
    clean("plan", run)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def write(folder: Path, name: str, content: str) -> Path:
    """``content`` in a fresh subfolder of ``folder`` (so that no example sees another's files)."""
    path = Path(tempfile.mkdtemp(dir=folder)) / name
    path.write_text(content, encoding="utf-8")
    return path


@FUZZ
@given(data=st.data())
def test_household_text_mutations(folder, data):
    name = data.draw(st.sampled_from(sorted(HOUSEHOLDS)))
    path = write(folder, name, data.draw(text_mutation(HOUSEHOLDS[name])))
    household = clean("household text", lambda: load_household(path, horizon=HORIZON))
    if household is not None:
        plan(household)


@FUZZ
@given(data=st.data())
def test_household_data_mutations(data):
    name = data.draw(st.sampled_from(sorted(HOUSEHOLDS)))
    raw = data.draw(data_mutation(HOUSEHOLDS[name]))
    household = clean("household data", lambda: parse_household(raw, Where(name), HORIZON))
    if household is not None:
        plan(household)


@FUZZ
@given(data=st.data())
def test_template_text_mutations(folder, data):
    name = data.draw(st.sampled_from(sorted(TEMPLATES)))
    path = write(folder, name, data.draw(text_mutation(TEMPLATES[name])))
    clean("template text", lambda: load_template(str(path)))


@FUZZ
@given(data=st.data())
def test_template_data_mutations(data):
    name = data.draw(st.sampled_from(sorted(TEMPLATES)))
    raw = data.draw(data_mutation(TEMPLATES[name]))
    clean("template data", lambda: parse_template(raw, Where(name)))


@FUZZ
@given(data=st.data())
def test_price_list_text_mutations(folder, data):
    name = data.draw(st.sampled_from(sorted(PRICE_LISTS)))
    path = write(folder, name, data.draw(text_mutation(PRICE_LISTS[name])))
    clean("price list text", lambda: load_price_list(str(path), RESOURCES))


@FUZZ
@given(data=st.data())
def test_price_list_data_mutations(folder, data):
    name = data.draw(st.sampled_from(sorted(PRICE_LISTS)))
    raw = data.draw(data_mutation(PRICE_LISTS[name]))
    path = write(folder, name, yaml.safe_dump(raw, allow_unicode=True, sort_keys=False))
    clean("price list data", lambda: load_price_list(str(path), RESOURCES))


def indonesian(amount: int, form: str) -> str:
    """``amount`` written as a price list or an SSH table may have it, or (``comma``) with English
    thousands, which an Indonesian reads as decimals."""
    dotted = f"{amount:,}".replace(",", ".")
    return {"dots": dotted, "rp": f"Rp {dotted}", "rp-cents": f"Rp {dotted},00", "dash": f"{dotted},-",
            "plain": str(amount), "rp-dot": f"Rp. {dotted}", "spaced": f"{amount:,}".replace(",", " "),
            "cents": f"{dotted},00", "comma": f"{amount:,}"}[form]


FORMS = ["dots", "rp", "rp-cents", "dash", "plain", "rp-dot", "spaced", "cents", "comma"]


UNITS = {"cement": "sak_50kg", "brick_red": "piece", "L.02": "OH", "sand_concrete": "m3"}
REFERENCE = load_price_list("surakarta-2024", RESOURCES)


@FUZZ
@given(data=st.data(), scale=st.floats(0.2, 5.0), form=st.sampled_from(FORMS), quoted=st.booleans(), wild=st.booleans())
def test_price_list_prices_in_indonesian_forms(folder, data, scale, form, quoted, wild):
    """A price written in an Indonesian form, quoted, is read as the amount it says; unquoted it is
    read the same or refused with a message, never misread.  A wild amount (1 to 10^12) is read
    right or refused as implausible."""
    code = data.draw(st.sampled_from(sorted(UNITS)))
    usual = {c: round(REFERENCE.price(c).per_base * RESOURCES[c].factor(u)) for c, u in UNITS.items()}
    amount = data.draw(st.integers(1, 10**12)) if wild else max(1, round(usual[code] * scale))
    written = indonesian(amount, form)
    value = f'"{written}"' if quoted else written
    prices = "".join(f"  {c}: {{price: {value if c == code else usual[c]}, unit: {u}}}\n" for c, u in UNITS.items())
    text = ("id: uji-2025\nregion: {name: Uji}\nyear: 2025\ncurrency: IDR\nsource: uji\ncollected: '2025'\n"
            f"extends: kendal-2024\nprices:\n{prices}")
    path = write(folder, "uji-2025.yaml", text)
    loaded = clean("price list forms", lambda: load_price_list(str(path), RESOURCES))
    if loaded is not None:
        per_unit = loaded.price(code).per_base * RESOURCES[code].factor(UNITS[code])
        assert per_unit == pytest.approx(amount), (written, quoted)
    elif quoted and not wild and (form != "comma" or amount < 1000):
        pytest.fail(f"a plausible quoted price {written!r} was refused")


AHSP_FILES = {p.name: p.read_text(encoding="utf-8") for p in sorted((catalog_dir() / "ahsp").glob("*.yaml"))}


@FUZZ
@given(data=st.data())
def test_ahsp_coefficients_hostile_or_indonesian(folder, data):
    """An AHSP edition whose coefficients are replaced by hostile values or Indonesian number forms
    loads or is refused with a message; a coefficient that loads is finite and within bounds."""
    from rumah.cost.ahsp import load_edition
    name = data.draw(st.sampled_from(sorted(AHSP_FILES)))
    raw = yaml.safe_load(AHSP_FILES[name])
    items = list(raw["items"])
    for _ in range(data.draw(st.integers(1, 3))):
        item = raw["items"][data.draw(st.sampled_from(items))]
        line = data.draw(st.sampled_from(item["lines"]))
        line["coefficient"] = data.draw(st.one_of(VALUES, st.sampled_from(["0,5", "1.250", "1,5", "11.500"])))
    path = write(folder, name, yaml.safe_dump(raw, allow_unicode=True, sort_keys=False))
    edition = clean("ahsp data", lambda: load_edition(str(path), RESOURCES))
    if edition is not None:
        assert all(math.isfinite(u.coefficient) and u.coefficient >= 0 for i in edition.items.values()
                   for u in i.usage)


def coefficient_text(value: float, form: str) -> str:
    """A coefficient as an Indonesian table prints it: a decimal comma, thousands grouped by dots."""
    whole, _, decimals = f"{value:.6f}".rstrip("0").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return {"comma": f'"{grouped},{decimals or 0}"', "plain": repr(value), "quoted-point": f'"{value!r}"'}[form]


EDITIONS = {name: load_catalog(Path(name).stem).edition for name in AHSP_FILES}
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
AHSP_DATA = {name: yaml.load(text, Loader=LOADER) for name, text in AHSP_FILES.items()}
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@FUZZ
@given(data=st.data(), form=st.sampled_from(["comma", "plain", "quoted-point"]))
def test_ahsp_coefficients_in_indonesian_forms(folder, data, form):
    """Coefficients rewritten with a decimal comma (and thousands dots) in quotes load to the very
    same flattened coefficients; the quoted point form loads the same or is refused as ambiguous."""
    from rumah.cost.ahsp import load_edition
    name = data.draw(st.sampled_from(sorted(AHSP_FILES)))
    raw = copy.deepcopy(AHSP_DATA[name])
    lines = [line for item in raw["items"].values() for line in item["lines"]]
    chosen = data.draw(st.lists(st.sampled_from(range(len(lines))), min_size=1, max_size=8, unique=True))
    originals = {k: float(lines[k]["coefficient"]) for k in chosen}
    for k in chosen:
        lines[k]["coefficient"] = f"@@{k}@@"
    text = yaml.dump(raw, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    for k in chosen:
        text = text.replace(f"'@@{k}@@'", coefficient_text(originals[k], form))
    path = write(folder, name, text)
    edition = clean("ahsp forms", lambda: load_edition(str(path), RESOURCES))
    if edition is None:
        assert form == "quoted-point", "a coefficient with a decimal comma was refused"
        return
    for key, item in EDITIONS[name].items.items():
        expected = {(u.resource, u.trade): u.coefficient for u in item.usage}
        found = {(u.resource, u.trade): u.coefficient for u in edition.items[key].usage}
        assert found.keys() == expected.keys()
        assert all(found[k] == pytest.approx(v, rel=1e-9) for k, v in expected.items()), key


def test_zz_examples_run(capsys):
    """Report how many examples ran (this test runs last in the file)."""
    kinds = sorted({kind for kind, _ in COUNTS})
    lines = [f"{kind:18} {COUNTS[kind, 'ok'] + COUNTS[kind, 'error']:5} examples: "
             f"{COUNTS[kind, 'ok']:4} loaded, {COUNTS[kind, 'error']:4} clean errors" for kind in kinds]
    total = sum(COUNTS[kind, outcome] for kind in kinds if kind != "plan" for outcome in ("ok", "error"))
    with capsys.disabled():
        print("\nfuzzing: " + f"{total} loader examples\n  " + "\n  ".join(lines))
    if COUNTS:  # empty when this test is run on its own
        assert total >= 6 * 50
        # Plans and coefficients rewritten in Indonesian forms are meant to load (a refusal is rare).
        assert all(COUNTS[kind, "error"] > 0 for kind in kinds if kind not in ("plan", "ahsp forms"))
