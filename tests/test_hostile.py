"""Broken and hostile input (issue 7): every bad input gets a clear message and the right exit code,
never a traceback, and never creates, changes or half-writes an output file.

One table (``CASES``) drives the main test: each case writes its input files into a fresh folder,
runs one command through click's test runner in that folder, and checks

* the exit code: 1 for a problem with the data, 2 for a command-line usage error;
* that no traceback is printed and the command ended through ``SystemExit`` (not a crash);
* the key phrases of the message (the file, the key path, what was expected and what was found);
* that the folder is exactly as before: no output created, an output that existed before is
  byte-for-byte unchanged, and no temporary file (``.*.part``, ``.*.partial``) is left behind.

The table found thirteen real bugs when it was written (a segmentation fault on deeply nested
brackets, tracebacks from values PyYAML cannot build, unknown names without their file and key,
leftover partial files ...); all are fixed and the cases stay as regression tests.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from rumah.plan.household import load_household
from rumah.yamlio import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
HOUSEHOLD = (ROOT / "examples" / "kendal-nelayan.yaml").read_text(encoding="utf-8")
TEMPLATE = (ROOT / "catalog" / "templates" / "risha-3x3.yaml").read_text(encoding="utf-8")
CSV_LINES = (ROOT / "examples" / "households.csv").read_text(encoding="utf-8").splitlines()
#: The header and the first three households of the example CSV (all three are valid rows).
SMALL_CSV = "\n".join(CSV_LINES[:4]) + "\n"
#: A clinic's own price list, extending a bundled one (as README's "Price lists" shows).
PRICE_LIST = """\
id: mine-2025
region: {name: Kabupaten Uji, province: Jawa Tengah}
year: 2025
currency: IDR
source: survey of three shops
collected: "2025-06"
extends: kendal-2024
prices:
  cement: {price: 62000, unit: sak_50kg}
  brick_red: {price: 650, unit: piece}
"""
CLINIC = 'name: Klinik Rumah Swadaya Uji\nphone: "0294 381000"\nvalidity_days: 30\n'
AHSP = (ROOT / "catalog" / "ahsp" / "se-djbk-47-2026.yaml").read_text(encoding="utf-8")
OLD = b"an earlier output that must survive a failed run\n"
#: The billion laughs: nine levels of ten aliases each, 10^9 values once expanded.
ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8))
LOCATION = r"line \d+, column \d+"


def edit(text: str, *pairs: tuple[str, str]) -> str:
    """``text`` with each (old, new) replaced once; ``old`` must be there (the base files may change)."""
    for old, new in pairs:
        assert old in text, f"{old!r} is no longer in the base file: update the test"
        text = text.replace(old, new, 1)
    return text


def household(*pairs: tuple[str, str], name: str = "h.yaml") -> dict:
    return {name: edit(HOUSEHOLD, *pairs)}


def price_list(*pairs: tuple[str, str], name: str = "mine-2025.yaml") -> dict:
    return {name: edit(PRICE_LIST, *pairs)}


def template(*pairs: tuple[str, str]) -> dict:
    return {"t.yaml": edit(TEMPLATE, *pairs)}


def edition(*pairs: tuple[str, str]) -> dict:
    return {"e.yaml": edit(AHSP, *pairs)}


#: `rumah prices import` of t.csv into out.yaml; t.csv is a title line, a header and the rows given.
IMPORT = ("prices", "import", "t.csv", "--region", "kendal", "--year", "2025", "--source", "SSH uji", "-o", "out.yaml")


def ssh(*rows: str) -> dict:
    return {"t.csv": "SSH Kabupaten Uji 2025;;\nUraian;Satuan;Harga Satuan\n" + "".join(f"{r}\n" for r in rows)}


def table(*pairs: tuple[str, str], encoding: str = "utf-8") -> dict:
    return {"in.csv": edit(SMALL_CSV, *pairs).encode(encoding)}


@dataclass(frozen=True)
class Bad:
    """One bad input: the command, its input files, and what must come out."""

    args: tuple[str, ...]
    phrases: tuple[str, ...]
    files: Mapping[str, str | bytes] = field(default_factory=dict)
    code: int = 1
    #: A regular expression the output must also match (line and column of a YAML error ...).
    pattern: str = ""
    #: Output files that exist before the run (and must be unchanged after it).
    existing: Mapping[str, bytes] = field(default_factory=dict)
    #: The run must finish in less than this many seconds.
    seconds: float = 30.0
    #: Symbolic links (name -> target) and hard links (name -> existing file) made before the run.
    links: Mapping[str, str] = field(default_factory=dict)
    hard: Mapping[str, str] = field(default_factory=dict)


def case(id_: str, *args: str, phrases=(), marks=(), **kwargs):
    return pytest.param(Bad(tuple(args), tuple(phrases), **kwargs), id=id_, marks=marks)


HUGE = "9" * 5000  # an integer with more digits than Python converts from text by default (4300)

PLAN = ("plan", "h.yaml", "--horizon", "24", "-o", "out.txt")

CASES = [
    # -- YAML safety ------------------------------------------------------------------------------
    case("plan-alias-bomb", *PLAN, files={"h.yaml": ALIAS_BOMB}, phrases=("h.yaml", "alias bomb"), seconds=1.0),
    case("prices-check-alias-bomb", "prices", "check", "mine-2025.yaml",
         files={"mine-2025.yaml": PRICE_LIST + "bomb:\n" + "".join(f"  {line}\n" for line in ALIAS_BOMB.splitlines())},
         phrases=("mine-2025.yaml", "alias bomb"), seconds=1.0),
    case("catalog-show-template-alias-bomb", "catalog", "show", "t.yaml", "-o", "out.txt",
         files={"t.yaml": ALIAS_BOMB}, phrases=("t.yaml", "alias bomb"), seconds=1.0),
    case("quote-clinic-alias-bomb", "quote", "h.yaml", "-o", "q.pdf", "--clinic", "c.yaml",
         files={**household(), "c.yaml": ALIAS_BOMB}, phrases=("c.yaml", "alias bomb"), seconds=1.0),
    case("plan-file-over-size-limit", *PLAN, files={"h.yaml": HOUSEHOLD + "#" * MAX_BYTES},
         phrases=("h.yaml", f"the limit is {MAX_BYTES:,} bytes")),
    case("prices-check-file-over-size-limit", "prices", "check", "mine-2025.yaml",
         files={"mine-2025.yaml": PRICE_LIST + "#" * MAX_BYTES}, phrases=("mine-2025.yaml", "the limit is")),
    case("prices-check-price-typed-twice", "prices", "check", "mine-2025.yaml",
         files=price_list(("  brick_red:", "  cement: {price: 63000, unit: sak_50kg}\n  brick_red:")),
         phrases=("mine-2025.yaml", "the same key 'cement' is written again", "first written at line 9"),
         pattern=LOCATION),
    case("plan-key-written-twice", *PLAN, files=household(("housing_share: 0.30", "housing_share: 0.30\nsavings: 1")),
         phrases=("h.yaml", "the same key 'savings' is written again")),
    case("plan-not-utf8", *PLAN, files={"h.yaml": HOUSEHOLD.replace("Slamet", "Sl\xe2met").encode("latin-1")},
         phrases=("h.yaml", "not UTF-8 text (a byte 0xe2 at position", "save the file as UTF-8")),
    case("prices-check-not-utf8", "prices", "check", "mine-2025.yaml",
         files={"mine-2025.yaml": PRICE_LIST.replace("Uji", "\xdcji").encode("cp1252")},
         phrases=("mine-2025.yaml", "not UTF-8")),
    case("plan-tab-indentation", *PLAN, files=household(("  plinth_height", "\tplinth_height")),
         phrases=("h.yaml", "not valid YAML: a character that cannot start a value (a tab?"), pattern=LOCATION),
    case("plan-wrong-indentation", *PLAN, files=household(("labour: gotong_royong", "   labour: gotong_royong")),
         phrases=("h.yaml",),
         pattern=LOCATION + ": not valid YAML: a key indented less or more than the keys beside it"),
    case("plan-truncated-file", *PLAN, files={"h.yaml": HOUSEHOLD[:HOUSEHOLD.index("amount: 20000000")]},
         phrases=("h.yaml",), pattern=LOCATION + ": not valid YAML: did not find expected node content"),
    case("dxf-truncated-template", "dxf", "t.yaml", "-o", "dx", files={"t.yaml": TEMPLATE[:TEMPLATE.index("D4") + 2]},
         phrases=("t.yaml",), pattern=LOCATION),
    case("plan-python-object-tag", *PLAN,
         files=household(("name: Keluarga Bapak Slamet", 'name: !!python/object/apply:os.system ["touch pwned"]')),
         phrases=("h.yaml", "a tag (!!...) a data file may not use", "python/object"), pattern=LOCATION),
    case("prices-check-python-name-tag", "prices", "check", "mine-2025.yaml",
         files=price_list(("source: survey of three shops", "source: !!python/name:os.system")),
         phrases=("mine-2025.yaml", "a tag (!!...) a data file may not use")),
    case("plan-empty-file", *PLAN, files={"h.yaml": ""},
         phrases=("h.yaml", "expected a mapping", "found nothing")),
    case("plan-list-not-mapping", *PLAN, files={"h.yaml": "- name: Keluarga Bapak Slamet\n- members: 5\n"},
         phrases=("h.yaml", "expected a mapping", "found a list of 2 items")),
    case("prices-check-scalar-not-mapping", "prices", "check", "mine-2025.yaml", files={"mine-2025.yaml": "kendal\n"},
         phrases=("mine-2025.yaml", "expected a mapping", "'kendal'")),
    case("plan-list-key", *PLAN, files=household(("labour: gotong_royong", "? [labour, mode]\n: paid")),
         phrases=("h.yaml", "a key that is a list or mapping"), pattern=LOCATION),
    # -- schema: unknown keys and names -----------------------------------------------------------
    case("prices-check-harga-for-price", "prices", "check", "mine-2025.yaml",
         files=price_list(("cement: {price:", "cement: {harga:")),
         phrases=("mine-2025.yaml", "prices.cement.harga", "unknown key 'harga'", "price")),
    case("plan-unknown-key-did-you-mean", *PLAN, files=household(("savings:", "saving:")),
         phrases=("h.yaml", "unknown key 'saving'", "did you mean 'savings'")),
    case("plan-missing-required-key", *PLAN, files=household(("members: 5\n", "")),
         phrases=("h.yaml", "missing key 'members'")),
    case("plan-region-kendall", *PLAN, files=household(("region: kendal", "region: kendall")),
         phrases=("unknown region 'kendall'", "did you mean 'kendal'")),
    case("plan-region-kendall-names-file-and-key", *PLAN, files=household(("region: kendal", "region: kendall")),
         phrases=("h.yaml: region: unknown region 'kendall'", "did you mean 'kendal'")),
    case("quote-template-typo-names-file-and-key", "quote", "h.yaml", "-o", "q.pdf",
         files=household(("template: inti-6m", "template: inti-6")),
         phrases=("h.yaml", "template", "did you mean 'inti-6m'")),
    case("estimate-region-kendall", "estimate", "inti-6m", "--region", "kendall", "-o", "out.txt",
         phrases=("unknown region 'kendall'", "did you mean 'kendal'"), existing={"out.txt": OLD}),
    case("estimate-template-typo", "estimate", "inti-6", "--region", "kendal", "-o", "out.txt",
         phrases=("unknown template 'inti-6'", "did you mean 'inti-6m'")),
    case("prices-show-region-kendall", "prices", "show", "kendall", "-o", "out.txt",
         phrases=("unknown region 'kendall'", "did you mean 'kendal'")),
    case("prices-check-unknown-resource", "prices", "check", "mine-2025.yaml",
         files=price_list(("  cement:", "  semen:")),
         phrases=("mine-2025.yaml", "prices.semen", "did you mean 'cement'")),
    case("prices-check-unit-does-not-convert", "prices", "check", "mine-2025.yaml",
         files=price_list(("unit: sak_50kg", "unit: sak")),
         phrases=("mine-2025.yaml", "prices.cement.unit", "'sak'", "sak_50kg")),
    case("prices-check-currency", "prices", "check", "mine-2025.yaml", files=price_list(("IDR", "USD")),
         phrases=("mine-2025.yaml", "currency", "expected IDR", "'USD'")),
    case("prices-check-id-not-file-name", "prices", "check", "other-2025.yaml",
         files=price_list(name="other-2025.yaml"), phrases=("other-2025.yaml", "id", "'other-2025'", "'mine-2025'")),
    case("prices-show-factor-without-extends", "prices", "show", "mine-2025.yaml", "-o", "out.txt",
         files=price_list(("extends: kendal-2024", "factor: 1.1")), existing={"out.txt": OLD},
         phrases=("mine-2025.yaml", "factor", "needs 'extends'")),
    case("prices-check-missing-file", "prices", "check", "nowhere-2025.yaml",
         phrases=("nowhere-2025.yaml", "no such file")),
    # -- numbers ----------------------------------------------------------------------------------
    case("plan-half-a-plot-size", *PLAN, files=household(("housing_share: 0.30", "housing_share: 0.30\n"
                                                                                  "plot: {width_m: 8}")),
         phrases=("h.yaml", "plot", "'depth_m'", "width_m alone")),
    case("plan-nan-share", *PLAN, files=household(("housing_share: 0.30", "housing_share: .nan")),
         phrases=("h.yaml", "housing_share", "expected a finite number", "nan")),
    case("plan-nan-text-share", *PLAN, files=household(("housing_share: 0.30", 'housing_share: "NaN"')),
         phrases=("h.yaml", "housing_share", "finite number")),
    case("plan-inf-inflation", *PLAN, files=household(("housing_share: 0.30", "inflation: .inf")),
         phrases=("h.yaml", "inflation", "expected a finite number", "inf")),
    case("plan-negative-savings", *PLAN, files=household(('savings: "3.000.000"', "savings: -3000000")),
         phrases=("h.yaml", "savings", "an amount of 0 or more", "-3000000")),
    case("plan-negative-inflation", *PLAN, files=household(("housing_share: 0.30", "inflation: -0.02")),
         phrases=("h.yaml", "inflation", "at least 0")),
    case("plan-zero-income", *PLAN, files=household(('"2.400.000"', "0")),
         phrases=("h.yaml", "income_monthly", "an amount greater than 0", "found 0")),
    case("plan-zero-share", *PLAN, files=household(("housing_share: 0.30", "housing_share: 0")),
         phrases=("h.yaml", "housing_share", "greater than 0")),
    case("plan-share-above-one", *PLAN, files=household(("housing_share: 0.30", "housing_share: 1.5")),
         phrases=("h.yaml", "housing_share", "at most 1", "1.5")),
    # ("30%" is read, as a spreadsheet and the batch write it; a word is not.)
    case("plan-share-as-percent-text", *PLAN, files=household(("housing_share: 0.30", 'housing_share: "30 persen"')),
         phrases=("h.yaml", "housing_share", "a number", "'30 persen'")),
    case("plan-share-as-a-percentage-without-its-sign", *PLAN, files=household(("housing_share: 0.30",
                                                                                 "housing_share: 30")),
         phrases=("h.yaml", "housing_share", "such as 0.3 or 30%", "found 30")),
    case("plan-members-zero", *PLAN,
         files=household(("members: 5", "members: 0"), ("composition: {adults: 2, children: 3}\n", "")),
         phrases=("h.yaml", "members", "at least 1", "found 0")),
    case("plan-members-fraction", *PLAN, files=household(("members: 5", "members: 4.5")),
         phrases=("h.yaml", "members", "a whole number", "4.5")),
    case("plan-composition-does-not-add-up", *PLAN, files=household(("children: 3", "children: 2")),
         phrases=("h.yaml", "composition", "adults + children = 4", "members = 5")),
    case("plan-income-ten-to-the-fifteen", *PLAN, files=household(('"2.400.000"', "1000000000000000")),
         phrases=("h.yaml", "income_monthly", "at most Rp 100,000,000,000", "1000000000000000")),
    case("plan-income-float-1e15", *PLAN, files=household(('"2.400.000"', "1.0e+15")),
         phrases=("h.yaml", "income_monthly", "whole number of Rupiah")),
    case("plan-unquoted-750.000", *PLAN, files=household(('savings: "3.000.000"', "savings: 750.000")),
         phrases=("h.yaml", "savings", "found 750: a number with a dot is read as decimals, 750.000 as 750; "
                  "write 750000", 'put Indonesian thousands in quotes: "750.000"')),
    case("plan-bad-thousands-groups", *PLAN, files=household(('"2.400.000"', '"2.40.000"')),
         phrases=("h.yaml", "income_monthly", "an amount in Rupiah", "'2.40.000'")),
    case("plan-decimal-rupiah", *PLAN, files=household(('"2.400.000"', '"2400000.50"')),
         phrases=("h.yaml", "income_monthly", "an amount in Rupiah")),
    case("plan-housing-monthly-above-income", *PLAN,
         files=household(("housing_share: 0.30", 'housing_monthly: "3.000.000"')),
         phrases=("h.yaml", "housing_monthly", "at most the income (Rp 2,400,000)", "3,000,000")),
    case("plan-grant-month-outside-horizon", *PLAN, files=household(("month: 4", "month: 130")),
         phrases=("h.yaml", "grants[0].month", "within the 24-month horizon", "found 130")),
    case("plan-grant-month-zero", *PLAN, files=household(("month: 4", "month: 0")),
         phrases=("h.yaml", "grants[0].month", "at least 1")),
    case("plan-grant-materials-above-amount", *PLAN,
         files=household(("kind: bsps,", "kind: bsps, materials: 25000000,")),
         phrases=("h.yaml", "grants[0].materials", "at most the grant amount")),
    case("plan-unknown-ahsp-edition", *PLAN,
         files=household(("template: inti-6m", "template: inti-6m\nahsp: sni-2099")),
         phrases=("h.yaml", "ahsp", "unknown AHSP edition 'sni-2099'")),
    case("plan-finishing-built-on-nothing", *PLAN,
         files=household(("template: inti-6m", "template: inti-6m\nbuilt: [{step: 1, package: finishing}]")),
         phrases=("h.yaml", "built", "1:finishing is built", "expected 1:structure, 1:enclosure")),
    case("plan-step-2-built-on-nothing", *PLAN,
         files=household(("template: inti-6m", "template: inti-6m\nbuilt: [{step: 2, package: structure}]")),
         phrases=("h.yaml", "built", "2:structure is built", "expected 1:structure")),
    case("plan-a-house-type-and-a-house-to-improve", "plan", "kendal-rtlh.yaml", "-o", "out.txt",
         files={"kendal-rtlh.yaml": (ROOT / "examples" / "kendal-rtlh.yaml").read_text(encoding="utf-8").replace(
             "labour:", "template: inti-6m\nlabour:")},
         phrases=("kendal-rtlh.yaml", "template", "found both")),
    case("dxf-household-parameter-out-of-range", "dxf", "h.yaml", "-o", "dx",
         files=household(("plinth_height: 0.5", "plinth_height: 5")),
         phrases=("h.yaml", "parameters.plinth_height", "expected 0.2 to 1.5 m")),
    case("plan-start-month-a-century-ago", *PLAN,
         files=household(("template: inti-6m", "template: inti-6m\nstart_month: \"1900-01\"")),
         phrases=("h.yaml", "start_month", "from 2000 to 2099", "1900-01")),
    case("plan-grant-in-kind-of-nothing", *PLAN, files=household(("kind: bsps,", "kind: in_kind,")),
         phrases=("h.yaml", "grants[0].materials", "a grant in kind names its materials part", "found neither")),
    case("plan-cash-grant-with-a-period", *PLAN, files=household(("kind: bsps,", "kind: cash, period_months: 6,")),
         phrases=("h.yaml", "grants[0].period_months", "a cash grant is paid as money in its month", "kind: in_kind")),
    case("plan-loan-rate-500-percent", *PLAN,
         files=household(("labour:", "loans:\n  - {name: KUR, amount: 15000000, annual_rate: 5, tenor_months: 36}\n"
                                     "labour:")),
         phrases=("h.yaml", "loans[0].annual_rate", "at most 0.6", "found 5")),
    case("plan-loan-tenor-zero", *PLAN,
         files=household(("labour:", "loans:\n  - {name: KUR, amount: 15000000, annual_rate: 0.06, tenor_months: 0}\n"
                                     "labour:")),
         phrases=("h.yaml", "loans[0].tenor_months", "at least 1")),
    case("plan-crew-zero-tradesmen", *PLAN, files=household(("labour:", "crew: {tradesmen: 0}\nlabour:")),
         phrases=("h.yaml", "crew.tradesmen", "at least 1")),
    case("plan-persons-per-bedroom-zero", *PLAN,
         files=household(("labour:", "livability: {persons_per_bedroom: 0}\nlabour:")),
         phrases=("h.yaml", "livability.persons_per_bedroom", "at least 1")),
    case("plan-horizon-in-file-too-long", "plan", "h.yaml", "-o", "out.txt",
         files=household(("horizon_months: 120", "horizon_months: 6000")),
         phrases=("h.yaml", "horizon_months", "at most 600")),
    case("plan-parameter-nan", *PLAN, files=household(("plinth_height: 0.5", "plinth_height: .nan")),
         phrases=("plinth_height", "expected a number", "nan")),
    case("plan-parameter-out-of-range", *PLAN, files=household(("plinth_height: 0.5", "plinth_height: 15")),
         phrases=("plinth_height", "0.2 to 1.5 m", "found 15")),
    case("prices-check-price-nan", "prices", "check", "mine-2025.yaml", files=price_list(("62000", ".nan")),
         phrases=("mine-2025.yaml", "prices.cement.price", "finite number", "nan")),
    case("prices-check-price-inf", "prices", "check", "mine-2025.yaml", files=price_list(("62000", ".inf")),
         phrases=("mine-2025.yaml", "prices.cement.price", "finite number", "inf")),
    case("prices-check-price-negative", "prices", "check", "mine-2025.yaml", files=price_list(("62000", "-62000")),
         phrases=("mine-2025.yaml", "prices.cement.price", "greater than 0", "-62000")),
    case("prices-check-price-zero", "prices", "check", "mine-2025.yaml", files=price_list(("62000", "0")),
         phrases=("mine-2025.yaml", "prices.cement.price", "greater than 0")),
    case("prices-check-price-absurd", "prices", "check", "mine-2025.yaml", files=price_list(("62000", "1e15")),
         phrases=("mine-2025.yaml", "prices.cement.price", "at most 1,000,000,000")),
    case("prices-check-factor-zero", "prices", "check", "mine-2025.yaml",
         files=price_list(("extends: kendal-2024", "extends: kendal-2024\nfactor: 0")),
         phrases=("mine-2025.yaml", "factor", "greater than 0")),
    case("prices-check-year-two-digits", "prices", "check", "mine-2025.yaml",
         files=price_list(("year: 2025", "year: 25")),
         phrases=("mine-2025.yaml", "year", "at least 1990", "found 25")),
    # -- --set values -----------------------------------------------------------------------------
    case("estimate-set-without-equals", "estimate", "inti-6m", "--region", "kendal", "--set", "plinth_height",
         "-o", "out.txt", code=2, phrases=("--set", "expected NAME=VALUE")),
    case("estimate-set-unknown-parameter", "estimate", "inti-6m", "--region", "kendal", "--set", "plinth_heigth=1",
         "-o", "out.txt", phrases=("unknown parameter 'plinth_heigth'", "did you mean 'plinth_height'")),
    case("estimate-set-nan", "estimate", "inti-6m", "--region", "kendal", "--set", "plinth_height=nan",
         "-o", "out.txt", phrases=("'plinth_height'", "expected a number", "nan")),
    case("estimate-set-inf", "estimate", "inti-6m", "--region", "kendal", "--set", "plinth_height=inf",
         "-o", "out.txt", phrases=("'plinth_height'", "0.2 to 1.5 m", "inf")),
    case("estimate-set-thousands", "estimate", "inti-6m", "--region", "kendal", "--set", "plinth_height=1.000.000",
         "-o", "out.txt", phrases=("'plinth_height'", "expected a number in m", "'1.000.000'")),
    case("estimate-set-negative", "estimate", "inti-6m", "--region", "kendal", "--set", "wall_height=-3",
         "-o", "out.txt", phrases=("'wall_height'", "to 3.6 m", "found -3")),
    case("estimate-set-unknown-choice", "estimate", "inti-6m", "--region", "kendal", "--set", "wall=batu",
         "-o", "out.txt", phrases=("'wall'", "unknown choice 'batu'", "red_brick")),
    case("catalog-show-set-out-of-range", "catalog", "show", "inti-6m", "--set", "roof_pitch=89", "-o", "out.txt",
         existing={"out.txt": OLD}, phrases=("'roof_pitch'", "10 to 45°", "found 89°")),
    case("catalog-show-set-flag-not-yes-no", "catalog", "show", "inti-6m", "--set", "ceiling=maybe",
         phrases=("'ceiling'", "expected yes or no", "'maybe'")),
    case("catalog-show-unknown-template", "catalog", "show", "rumah-besar",
         phrases=("unknown template 'rumah-besar'",)),
    case("estimate-step-not-in-template", "estimate", "inti-6m", "--region", "kendal", "--step", "9", "-o", "out.txt",
         phrases=("unknown build step '9'", "1, 2, 3")),
    case("estimate-step-zero", "estimate", "inti-6m", "--region", "kendal", "--step", "0", code=2,
         phrases=("--step", "0 is not in the range")),
    case("estimate-overhead-too-high", "estimate", "inti-6m", "--region", "kendal", "--overhead", "0.5", code=2,
         phrases=("--overhead", "0.5")),
    case("plan-horizon-zero", "plan", "h.yaml", "--horizon", "0", files=household(), code=2,
         phrases=("--horizon", "0 is not in the range")),
    case("quote-bad-date", "quote", "h.yaml", "-o", "q.pdf", "--date", "2025-13-01", files=household(), code=2,
         phrases=("--date", "2025-13-01")),
    # -- templates --------------------------------------------------------------------------------
    case("estimate-template-step-cycle", "estimate", "t.yaml", "--region", "kendal", "-o", "out.txt",
         files=template(("{step: 1, name:", "{step: 1, requires: [2], name:"),
                        ("{step: 2, name:", "{step: 2, requires: [1], name:")),
         phrases=("t.yaml", "steps[0].requires[0]", "step 1 requires step 2", "cycle")),
    case("estimate-template-step-requires-itself", "estimate", "t.yaml", "--region", "kendal",
         files=template(("{step: 3, name:", "{step: 3, requires: [3], name:")),
         phrases=("t.yaml", "steps[2].requires[0]", "step 3 requires step 3")),
    case("dxf-template-rooms-overlap", "dxf", "t.yaml", "-o", "dx",
         files=template(("{id: bed1, type: bedroom, step: 1, x: [1, 2]",
                         "{id: bed1, type: bedroom, step: 1, x: [0, 2]")),
         phrases=("t.yaml", "rooms", "'bed1' overlaps room 'living'")),
    case("catalog-show-template-zero-span", "catalog", "show", "t.yaml",
         files=template(("x: [module, module]", "x: [module, 0]")),
         phrases=("t.yaml", "grid.x[1]", "greater than 0", "found 0")),
    case("catalog-show-template-unknown-room-type", "catalog", "show", "t.yaml",
         files=template(("type: kitchen", "type: dapur")), phrases=("t.yaml", "rooms[2].type", "'dapur'")),
    case("estimate-template-room-open-to-itself", "estimate", "t.yaml", "--region", "kendal", "-o", "out.txt",
         files=template(("roofs:", "open: [[living, living]]\nroofs:")), phrases=("t.yaml", "open")),
    # -- paths ------------------------------------------------------------------------------------
    case("plan-template-dotdot-passwd", *PLAN, files=household(("template: inti-6m", "template: ../../etc/passwd")),
         phrases=("h.yaml", "template", "a file name without a folder", "'../../etc/passwd'")),
    case("plan-region-dotdot-passwd", *PLAN, files=household(("region: kendal", "region: ../../etc/passwd")),
         phrases=("h.yaml", "region", "a file name without a folder", "'../../etc/passwd'")),
    case("plan-region-absolute-passwd", *PLAN, files=household(("region: kendal", "region: /etc/passwd")),
         phrases=("h.yaml", "region", "'/etc/passwd'")),
    case("plan-region-backslash", *PLAN, files=household(("region: kendal", "region: ..\\..\\harga.yaml")),
         phrases=("h.yaml", "region", "without a folder")),
    case("plan-ahsp-dotdot", *PLAN, files=household(("labour:", "ahsp: ../catalog/ahsp/sni-2008.yaml\nlabour:")),
         phrases=("h.yaml", "ahsp", "without a folder")),
    case("dxf-household-template-passwd", "dxf", "h.yaml", "-o", "dx",
         files=household(("template: inti-6m", "template: ../../etc/passwd")),
         phrases=("h.yaml", "template", "'../../etc/passwd'")),
    case("quote-household-region-passwd", "quote", "h.yaml", "-o", "q.pdf",
         files=household(("region: kendal", "region: /etc/passwd")), existing={"q.pdf": b"%PDF-1.4 old quote\n"},
         phrases=("h.yaml", "region", "'/etc/passwd'")),
    case("prices-check-extends-dotdot-passwd", "prices", "check", "mine-2025.yaml",
         files=price_list(("extends: kendal-2024", "extends: ../../etc/passwd")),
         phrases=("mine-2025.yaml", "extends", "the id or region of another price list", "'../../etc/passwd'")),
    case("prices-check-extends-absolute", "prices", "check", "mine-2025.yaml",
         files=price_list(("extends: kendal-2024", "extends: /etc/passwd")),
         phrases=("mine-2025.yaml", "extends", "'/etc/passwd'")),
    case("estimate-region-file-extends-passwd", "estimate", "inti-6m", "--region", "mine-2025.yaml", "-o", "out.txt",
         files=price_list(("extends: kendal-2024", "extends: ../../../../../../etc/passwd")),
         phrases=("mine-2025.yaml", "extends")),
    case("prices-check-extends-itself", "prices", "check", "mine-2025.yaml",
         files=price_list(("extends: kendal-2024", "extends: mine-2025")),
         phrases=("mine-2025.yaml", "extends", "cycle")),
    case("prices-check-extends-typo", "prices", "check", "mine-2025.yaml",
         files=price_list(("extends: kendal-2024", "extends: kendall-2024")),
         phrases=("mine-2025.yaml", "extends", "did you mean 'kendal-2024'")),
    case("plan-missing-household", "plan", "nowhere.yaml", "-o", "out.txt", phrases=("nowhere.yaml", "no such file")),
    case("plan-output-missing-folder", "plan", "h.yaml", "-o", "missing/out.txt", files=household(),
         phrases=("missing/out.txt", "folder 'missing' does not exist")),
    case("quote-output-missing-folder", "quote", "h.yaml", "-o", "missing/q.pdf", files=household(),
         phrases=("missing/q.pdf", "does not exist")),
    case("dxf-output-missing-parent", "dxf", "inti-6m", "-o", "missing/dx",
         phrases=("missing/dx", "folder 'missing' does not exist")),
    case("batch-output-missing-folder", "batch", "in.csv", "-o", "missing/res.csv", "--workers", "1",
         files=table(), phrases=("missing/res.csv", "does not exist")),
    case("plan-output-is-a-folder", "plan", "h.yaml", "-o", "adir", files={**household(), "adir/keep": "x"}, code=2,
         phrases=("'adir' is a directory",)),
    case("quote-output-is-a-folder", "quote", "h.yaml", "-o", "adir", files={**household(), "adir/keep": "x"}, code=2,
         phrases=("'adir' is a directory",)),
    case("batch-output-is-a-folder", "batch", "in.csv", "-o", "adir", files={**table(), "adir/keep": "x"}, code=2,
         phrases=("'adir' is a directory",)),
    case("dxf-output-is-a-file", "dxf", "inti-6m", "-o", "afile", existing={"afile": OLD}, code=2,
         phrases=("'afile' is a file",)),
    # -- quote and clinic -------------------------------------------------------------------------
    case("quote-clinic-phone-number-unquoted", "quote", "h.yaml", "-o", "q.pdf", "--clinic", "c.yaml",
         files={**household(), "c.yaml": edit(CLINIC, ('"0294 381000"', "2134567"))},
         existing={"q.pdf": b"%PDF-1.4 old quote\n"}, phrases=("c.yaml", "phone", "a phone number in quotes")),
    case("quote-clinic-validity-zero", "quote", "h.yaml", "-o", "q.pdf", "--clinic", "c.yaml",
         files={**household(), "c.yaml": edit(CLINIC, ("validity_days: 30", "validity_days: 0"))},
         phrases=("c.yaml", "validity_days", "at least 1")),
    case("quote-clinic-unknown-key", "quote", "h.yaml", "-o", "q.pdf", "--clinic", "c.yaml",
         files={**household(), "c.yaml": CLINIC + "alamat: Jl. Pemuda 1\n"},
         phrases=("c.yaml", "unknown key 'alamat'")),
    case("quote-household-nan", "quote", "h.yaml", "-o", "q.pdf",
         files=household(("housing_share: 0.30", "housing_share: .nan")), existing={"q.pdf": b"%PDF-1.4 old quote\n"},
         phrases=("h.yaml", "housing_share", "finite number")),
    case("quote-household-name-10000-chars", "quote", "h.yaml", "-o", "q.pdf",
         files=household(("name: Keluarga Bapak Slamet", "name: " + "Keluarga " * 1200)),
         phrases=("h.yaml", "name")),
    # -- batch ------------------------------------------------------------------------------------
    case("batch-unknown-column", "batch", "in.csv", "-o", "res.csv", "--workers", "1",
         files=table(("income_monthly", "incme_monthly")), existing={"res.csv": OLD},
         phrases=("in.csv", "header", "unknown column 'incme_monthly'", "did you mean 'income_monthly'")),
    case("batch-indonesian-column-name", "batch", "in.csv", "-o", "res.csv", "--workers", "1",
         files=table(("id,", "penghasilan,")), phrases=("in.csv", "unknown column 'penghasilan'")),
    case("batch-missing-column", "batch", "in.csv", "-o", "res.csv", "--workers", "1",
         files=table((",template,", ",")), phrases=("in.csv", "missing column 'template'")),
    case("batch-duplicate-column", "batch", "in.csv", "-o", "res.csv", "--workers", "1",
         files=table(("id,name", "name,name")), phrases=("in.csv", "column 'name' appears more than once")),
    case("batch-empty-file", "batch", "in.csv", "-o", "res.csv", "--workers", "1", files={"in.csv": b""},
         phrases=("in.csv", "expected a header row")),
    case("batch-header-not-utf8", "batch", "in.csv", "-o", "res.csv", "--workers", "1",
         files={"in.csv": SMALL_CSV.replace("name,", "n\xe4me,", 1).encode("latin-1")},
         phrases=("in.csv", "line 1", "expected UTF-8", "0xe4", "CSV UTF-8")),
    case("batch-missing-input", "batch", "nowhere.csv", "-o", "res.csv", phrases=("nowhere.csv", "not found")),
    case("batch-workers-zero", "batch", "in.csv", "-o", "res.csv", "--workers", "0", files=table(), code=2,
         phrases=("--workers",)),
    # -- values Python cannot convert -------------------------------------------------------------
    case("plan-income-5000-digits", *PLAN, files=household(('"2.400.000"', HUGE)),
         phrases=("h.yaml", "cannot be read as int"), pattern=r"line \d+, column \d+"),
    case("plan-quoted-income-5000-digits", *PLAN, files=household(('"2.400.000"', f'"{HUGE}"')),
         phrases=("h.yaml", "income_monthly")),
    case("plan-members-huge-hex", *PLAN, files=household(("members: 5", "members: 0x" + "f" * 4000)),
         phrases=("h.yaml", "members")),
    case("plan-explicit-float-tag", *PLAN, files=household(('savings: "3.000.000"', "savings: !!float abc")),
         phrases=("h.yaml", "'abc' cannot be read as float"), pattern=r"line \d+, column \d+"),
    case("prices-check-explicit-timestamp-tag", "prices", "check", "mine-2025.yaml",
         files=price_list(('collected: "2025-06"', "collected: !!timestamp juni")),
         phrases=("mine-2025.yaml", "'juni' cannot be read as timestamp"), pattern=r"line \d+, column \d+"),
]


ESTIMATE_OWN = ("estimate", "inti-6m", "--region", "kendal", "--ahsp", "e.yaml", "-o", "out.txt")

# Round two (issue 14): 250 new careless and hostile inputs, by class.
CASES += [
    # -- 1. silently wrong prices -------------------------------------------------------------------
    case("prices-check-bare-indonesian-thousands", "prices", "check", "mine-2025.yaml",
         files=price_list(("price: 62000,", "price: 62.000,")),
         phrases=("mine-2025.yaml", "prices.cement.price", "62.000", "in quotes", "62000")),
    case("prices-check-price-a-thousand-times-too-low", "prices", "check", "mine-2025.yaml",
         files=price_list(("price: 62000,", 'price: "62",')),
         phrases=("mine-2025.yaml", "prices.cement.price", "between Rp 5,500 and Rp 550,000 per sak_50kg", "Rp 62.00")),
    case("prices-check-price-1e-300", "prices", "check", "mine-2025.yaml",
         files=price_list(("price: 62000,", "price: 1e-300,")), phrases=("mine-2025.yaml", "prices.cement.price")),
    case("prices-check-price-comma-thousands", "prices", "check", "mine-2025.yaml",
         files=price_list(("price: 62000,", 'price: "62,000,000",')),
         phrases=("mine-2025.yaml", "prices.cement.price", "a price in Rupiah")),
    case("estimate-ahsp-coefficient-1e20", *ESTIMATE_OWN,
         files=edition(("{resource: L.01, coefficient: 0.1}", "{resource: L.01, coefficient: 1e20}")),
         phrases=("e.yaml", "coefficient", "at most 10,000", "1e+20")),
    case("estimate-ahsp-coefficient-1e308", *ESTIMATE_OWN,
         files=edition(("{resource: L.01, coefficient: 0.1}", "{resource: L.01, coefficient: 1.0e+308}")),
         phrases=("e.yaml", "coefficient", "at most 10,000")),
    case("estimate-ahsp-coefficient-overflow", *ESTIMATE_OWN,
         files=edition(("{resource: L.01, coefficient: 0.1}", "{resource: L.01, coefficient: 1.0e+309}")),
         phrases=("e.yaml", "coefficient", "finite number")),
    # -- 2. outputs that destroy inputs -------------------------------------------------------------
    case("plan-output-is-the-household", "plan", "h.yaml", "-o", "h.yaml", files=household(),
         phrases=("h.yaml", "-o would replace the input")),
    case("quote-output-is-the-household", "quote", "h.yaml", "-o", "h.yaml", files=household(),
         phrases=("h.yaml", "would replace the input")),
    case("quote-output-is-the-clinic", "quote", "h.yaml", "-o", "c.yaml", "--clinic", "c.yaml",
         files={**household(), "c.yaml": CLINIC}, phrases=("c.yaml", "would replace the input")),
    case("quote-output-is-the-price-list-beside-the-household", "quote", "h.yaml", "-o", "mine-2025.yaml",
         files={**household(("region: kendal", "region: mine-2025.yaml")), **price_list()},
         phrases=("mine-2025.yaml", "would replace the input")),
    case("estimate-output-is-the-template", "estimate", "t.yaml", "--region", "kendal", "-o", "t.yaml",
         files=template(), phrases=("t.yaml", "would replace the input")),
    case("estimate-output-is-the-price-list", "estimate", "inti-6m", "--region", "mine-2025.yaml",
         "-o", "mine-2025.yaml", files=price_list(), phrases=("mine-2025.yaml", "would replace the input")),
    case("estimate-output-is-the-ahsp-file", *ESTIMATE_OWN[:-1], "e.yaml", files=edition(),
         phrases=("e.yaml", "would replace the input")),
    case("estimate-output-through-a-dot-path", "estimate", "t.yaml", "--region", "kendal", "-o", "./sub/../t.yaml",
         files={**template(), "sub/keep": "x"}, phrases=("t.yaml", "would replace the input")),
    case("batch-summary-is-the-input", "batch", "in.csv", "-o", "res.csv", "--summary", "in.csv", "--workers", "1",
         files=table(), phrases=("in.csv", "--summary would replace the input")),
    case("batch-chart-is-the-results", "batch", "in.csv", "-o", "res.csv", "--chart", "res.csv", "--workers", "1",
         files=table(), existing={"res.csv": OLD}, phrases=("res.csv", "the same file")),
    case("batch-input-is-its-own-partial", "batch", ".res.csv.partial", "-o", "res.csv", "--workers", "1",
         files={".res.csv.partial": SMALL_CSV}, phrases=(".res.csv.partial", "unfinished results")),
    case("plan-output-missing-folder-with-slash", "plan", "h.yaml", "-o", "newdir/", files=household(),
         phrases=("newdir/", "folder does not exist")),
    # -- 4. injection -------------------------------------------------------------------------------
    case("plan-name-with-bidi-override", *PLAN, files=household(("Keluarga Bapak Slamet", "Keluarga \u202eBapak")),
         phrases=("h.yaml", "name", "control characters", "U+202E")),
    case("plan-name-with-escape-sequence", *PLAN,
         files=household(("name: Keluarga Bapak Slamet", 'name: "Keluarga \\e[2J Slamet"')),
         phrases=("h.yaml", "name", "control characters", "U+001B")),
    # -- 5. hangs and memory ------------------------------------------------------------------------
    case("plan-dev-zero", "plan", "/dev/zero", "-o", "out.txt", phrases=("/dev/zero", "not a regular file"),
         seconds=5.0),
    case("plan-dev-urandom", "plan", "/dev/urandom", phrases=("/dev/urandom", "not a regular file"), seconds=5.0),
    # -- 6. tracebacks ------------------------------------------------------------------------------
    case("quote-name-unbreakable-120-characters-is-fine-but-121-is-refused", "quote", "h.yaml", "-o", "q.pdf",
         files=household(("name: Keluarga Bapak Slamet", "name: " + "K" * 121)),
         phrases=("h.yaml", "name", "at most 120 characters")),
    # -- 7. absurd values ---------------------------------------------------------------------------
    case("plan-name-only-zero-width-spaces", *PLAN,
         files=household(("name: Keluarga Bapak Slamet", 'name: "\u200b\u200b\u200b"')),
         phrases=("h.yaml", "name", "letters or digits")),
    case("plan-grant-name-49000-characters", *PLAN,
         files=household(("{name: BSPS 2025,", "{name: " + "B" * 49_000 + ",")),
         phrases=("h.yaml", "grants[0].name", "at most 80 characters")),
    case("plan-loan-name-too-long", *PLAN,
         files=household(("labour:", "loans:\n  - {name: " + "K" * 81 + ", amount: 15000000, annual_rate: 0.06, "
                                     "tenor_months: 36}\nlabour:")),
         phrases=("h.yaml", "loans[0].name", "at most 80 characters")),
    case("catalog-show-template-allows-a-one-km-room", "catalog", "show", "t.yaml",
         files=template(("default: 3.0, min: 3.0, max: 3.0}", "default: 3.0, min: 3.0, max: 1000}")),
         phrases=("t.yaml", "parameters.module.max", "at most 20 m", "1000")),
    case("quote-name-with-an-emoji", "quote", "h.yaml", "-o", "q.pdf",
         files=household(("name: Keluarga Bapak Slamet", "name: Keluarga Bapak Slamet \U0001F3E0")),
         phrases=("h.yaml", "name", "U+1F3E0", "not in the quote's font")),
    case("quote-clinic-in-javanese-script", "quote", "h.yaml", "-o", "q.pdf", "--clinic", "c.yaml",
         files={**household(), "c.yaml": "name: Klinik \ua98f\ua9a2\ua9b8\n"},
         phrases=("c.yaml", "name", "U+A98F", "not in the quote's font")),
    # -- 8. late failures ---------------------------------------------------------------------------
    case("batch-summary-folder-missing", "batch", "in.csv", "-o", "res.csv", "--summary", "nope/s.json",
         "--workers", "1", files=table(), phrases=("nope/s.json", "folder 'nope' does not exist"), seconds=3.0),
    case("quote-output-folder-missing-before-planning", "quote", "h.yaml", "-o", "nope/q.pdf", files=household(),
         phrases=("nope/q.pdf", "folder 'nope' does not exist"), seconds=3.0),
    # -- 9. a district's price table (issue 19) ---------------------------------------------------------
    case("prices-import-price-in-words", *IMPORT, files=ssh("Semen Portland 50 kg;sak;enam puluh ribu"),
         phrases=("t.csv: row 3, column 3 'Harga Satuan'", "expected a price in Rupiah", "found 'enam puluh ribu'")),
    case("prices-import-empty-price", *IMPORT, files=ssh("Pasir Pasang;m3;"),
         phrases=("t.csv: row 3, column 3 'Harga Satuan'", "expected the price of Masonry sand", "empty cell")),
    case("prices-import-price-that-cannot-be-meant", *IMPORT, files=ssh("Semen Portland 50 kg;sak;Rp 620"),
         phrases=("t.csv: row 3, column 3", "expected a price of Portland cement between", "found Rp 620.00")),
    case("prices-import-price-with-two-decimal-commas", *IMPORT, files=ssh("Bata Merah;bh;6,50,00"),
         phrases=("t.csv: row 3", "expected a price in Rupiah", "found '6,50,00'")),
    case("prices-import-header-and-nothing-known", *IMPORT, files=ssh("Jasa konsultan;ls;5000000"),
         phrases=("t.csv", "expected rows whose description names a resource of the catalog", "found none in 1 row;",
                  "ssh-map.yaml")),
    case("prices-import-quote-left-open", *IMPORT,
         files=ssh('"Semen Portland 50 kg;sak;62000', "Pasir Pasang;m3;250000", "Bata Merah;bh;700"),
         phrases=("t.csv: row 3", "a quote (\") opened in column 1 'Uraian' is not closed on its line",
                  "2 more rows of the table were read into this cell")),
    # Rows priced before the quote: their prices alone would have been written, the rest lost unsaid.
    case("prices-import-quote-left-open-after-priced-rows", *IMPORT,
         files=ssh("Pasir Pasang;m3;250000", '"Semen Portland 50 kg;sak;62000', "Bata Merah;bh;700"),
         phrases=("t.csv: row 4", "a quote (\") opened in column 1 'Uraian' is not closed on its line",
                  "1 more row of the table was read into this cell, and its price with it")),
    # Closed at the start of the next line: the row's own cells and the next row's first are one cell.
    case("prices-import-quote-closed-on-the-next-line", *IMPORT,
         files=ssh('"Semen Portland 50 kg;sak;62000', 'Pasir Pasang";m3;250000', "Bata Merah;bh;700"),
         phrases=("t.csv: row 3", "a quote (\") opened in column 1 'Uraian' is not closed on its line",
                  "1 more row of the table was read into this cell, and its price with it")),
    case("prices-import-no-header", *IMPORT, files={"t.csv": "a;b;c\n1;2;3\n"},
         phrases=("t.csv", "expected a header row naming at least the description and price columns", "found none")),
    case("prices-import-header-without-unit", *IMPORT,
         files={"t.csv": "Judul\nUraian;Harga\nSemen Portland 50 kg;62000\n"},
         phrases=("t.csv: row 2", "expected a header naming the unit column", "'satuan'", "found 'Uraian', 'Harga'")),
    case("prices-import-not-utf8", *IMPORT,
         files={"t.csv": "Uraian;Satuan;Harga\nBesi \xd8 10;btg;95000\n".encode("cp1252")},
         phrases=("t.csv", "not UTF-8", "CSV UTF-8")),
    case("prices-import-old-excel", *IMPORT, files={"t.csv": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64},
         phrases=("t.csv", "old Excel workbook (.xls)", "save it as .xlsx")),
    case("prices-import-broken-xlsx", *IMPORT, files={"t.csv": b"PK\x03\x04 not really a workbook"},
         phrases=("t.csv", "not a readable XLSX workbook")),
    case("prices-import-empty-file", *IMPORT, files={"t.csv": b""}, phrases=("t.csv", "the file is empty")),
    case("prices-import-over-the-output", "prices", "import", "t.csv", "--region", "kendal", "--year", "2025",
         "--source", "x", "-o", "t.csv", files=ssh("Pasir Pasang;m3;225.000"),
         phrases=("t.csv", "would replace the input")),
    case("prices-import-unknown-region", *IMPORT[:4], "kendall", *IMPORT[5:], files=ssh("Pasir Pasang;m3;225.000"),
         phrases=("--region 'kendall'", "give --extends")),
    case("prices-import-year-out-of-range", *IMPORT[:6], "25", *IMPORT[7:], files=ssh("Pasir Pasang;m3;225.000"),
         code=2, phrases=("--year", "25")),
    case("prices-diff-unknown-list", "prices", "diff", "kendal", "kendall", "-o", "out.txt",
         phrases=("unknown region 'kendall'", "did you mean 'kendal'")),
]


def chained_lists(factor: float, depth: int) -> dict:
    """``depth`` clinic lists, each extending the one before with ``factor`` (the first extends kendal),
    their prices collected in kendal's year, so that only the factors compound (no rise between them)."""
    files = {}
    for k in range(depth):
        parent = "kendal-2024" if k == 0 else f"l{k - 1}-2025"
        files[f"l{k}-2025.yaml"] = (f"id: l{k}-2025\nregion: {{name: Uji}}\nyear: 2025\ncurrency: IDR\nsource: s\n"
                                     f"collected: '2024'\nextends: {parent}\nfactor: {factor}\nfactor_source: uji\n"
                                     "prices: {}\n")
    return files


#: The reference list's own file, with its cement at Rp 62 a kilogram instead of 1,100.
REFERENCE_LIST = (ROOT / "price_lists" / "surakarta-2024.yaml").read_text(encoding="utf-8")
# Round three (issue 14, checked again): more careless and hostile inputs of the same classes.
CASES += [
    # -- 1. silently wrong prices -------------------------------------------------------------------
    case("prices-check-english-thousands-in-quotes", "prices", "check", "mine-2025.yaml",
         files=price_list(("price: 62000,", 'price: "62,000",')),
         phrases=("mine-2025.yaml", "prices.cement.price", "a price in Rupiah", "'62,000'", '"62.000"')),
    case("estimate-english-thousands-with-rp", "estimate", "inti-6m", "--region", "mine-2025.yaml", "-o", "out.txt",
         files=price_list(("price: 650,", 'price: "Rp 1,250",')), existing={"out.txt": OLD},
         phrases=("mine-2025.yaml", "prices.brick_red.price", "'Rp 1,250'", "1250")),
    case("prices-check-decimal-comma-inside-braces", "prices", "check", "mine-2025.yaml",
         files=price_list(("price: 650,", "price: 650,5,")),
         phrases=("mine-2025.yaml", "prices.brick_red", "a comma separates entries", "in quotes")),
    case("prices-check-own-list-named-like-the-reference", "prices", "check", "mine/surakarta-2024.yaml",
         files={"mine/surakarta-2024.yaml": edit(REFERENCE_LIST,
                                                 ("  cement:\n    price: 1100", "  cement:\n    price: 62"))},
         phrases=("mine/surakarta-2024.yaml", "prices.cement.price", "between Rp 110 and Rp 11,000 per kg")),
    case("plan-price-list-factor-a-thousandth", *PLAN,
         files={**household(("region: kendal", "region: mine-2025.yaml")),
                **price_list(("extends: kendal-2024", "extends: kendal-2024\nfactor: 0.001\nfactor_source: uji"))},
         phrases=("mine-2025.yaml", "factor", "between 0.5 and 2", "0.001")),
    case("quote-price-list-factor-110-for-1.10", "quote", "h.yaml", "-o", "q.pdf",
         files={**household(("region: kendal", "region: mine-2025.yaml")),
                **price_list(("extends: kendal-2024", "extends: kendal-2024\nfactor: 110"))},
         existing={"q.pdf": b"%PDF-1.4 old quote\n"}, phrases=("mine-2025.yaml", "factor", "at most 10")),
    case("prices-check-chain-of-lists-compounds-its-factors", "prices", "check", "l3-2025.yaml",
         files=chained_lists(2.0, 4),
         phrases=("l3-2025.yaml", "factor", "inherited from l2-2025", "times the factor 2", "outside")),
    case("estimate-ahsp-coefficient-thousands-or-decimal", *ESTIMATE_OWN,
         files=edition(("{resource: L.01, coefficient: 0.75}", '{resource: L.01, coefficient: "1.009"}')),
         phrases=("e.yaml", "items.excavation.lines[0].coefficient", "'1.009'", "1009", "decimal comma")),
    case("estimate-ahsp-coefficient-in-indonesian-millions", *ESTIMATE_OWN,
         files=edition(("{resource: L.01, coefficient: 0.75}", '{resource: L.01, coefficient: "1.250.000"}')),
         phrases=("e.yaml", "items.excavation.lines[0].coefficient", "at most")),
    case("estimate-ahsp-coefficient-in-truck-loads", *ESTIMATE_OWN,
         files=edition(("{resource: sand_concrete, coefficient: 888, unit: kg}",
                        "{resource: sand_concrete, coefficient: 8880, unit: truk_engkel}")),
         phrases=("e.yaml", "coefficient", "at most 10,000 m3", "once truk_engkel is converted")),
    case("estimate-ahsp-items-made-of-items-multiply", "estimate", "inti-6m", "--region", "kendal", "--ahsp", "e.yaml",
         "--format", "csv", "-o", "out.csv",
         files=edition(("      - {item: backfill, coefficient: 1.0}", "      - {item: backfill, coefficient: 9000}"),
                       ("{resource: L.01, coefficient: 0.5}", "{resource: L.01, coefficient: 9}")),
         phrases=("e.yaml", "items.", "once the items it is made of are added up")),
]


#: Houses to improve: each row names its surveyed house, a YAML file beside the CSV.
RTLH_CSV = (ROOT / "examples" / "rtlh.csv").read_text(encoding="utf-8")
RTLH_FILES = {"in.csv": RTLH_CSV, **{name: (ROOT / "examples" / name).read_text(encoding="utf-8")
                                     for name in ("kendal-rtlh.yaml", "madiun-rtlh.yaml", "pekalongan-rtlh.yaml")}}
BATCH = ("batch", "in.csv", "-o", "res.csv", "--workers", "1")
#: A row whose price list is a clinic's file beside the CSV, which extends another one beside it.
OWN_LIST_CSV = edit(SMALL_CSV, (",madiun,", ",mine-2025.yaml,"))
OWN_LIST_FILES = {"in.csv": OWN_LIST_CSV,
                  **price_list(("extends: kendal-2024", "extends: base-2025")),
                  "base-2025.yaml": edit(PRICE_LIST, ("id: mine-2025", "id: base-2025"))}

CASES += [
    # -- 2. outputs that destroy inputs -------------------------------------------------------------
    case("plan-output-symlink-to-the-household", "plan", "h.yaml", "-o", "out.txt", files=household(),
         links={"out.txt": "h.yaml"}, phrases=("out.txt", "would replace the input h.yaml")),
    case("quote-output-hard-link-to-the-clinic", "quote", "h.yaml", "-o", "q.pdf", "--clinic", "c.yaml",
         files={**household(), "c.yaml": CLINIC}, hard={"q.pdf": "c.yaml"}, phrases=("q.pdf", "c.yaml")),
    case("batch-output-is-the-house-a-row-names", *BATCH[:3], "kendal-rtlh.yaml", *BATCH[4:], files=RTLH_FILES,
         phrases=("kendal-rtlh.yaml", "-o would replace the input kendal-rtlh.yaml"), seconds=5.0),
    case("batch-two-workers-summary-is-the-house-a-row-names", *BATCH[:4], "--summary", "madiun-rtlh.yaml",
         "--workers", "2", files=RTLH_FILES, phrases=("madiun-rtlh.yaml", "--summary would replace the input")),
    case("batch-chart-is-the-list-a-rows-price-list-extends", *BATCH, "--chart", "base-2025.yaml",
         files=OWN_LIST_FILES, phrases=("base-2025.yaml", "--chart would replace the input base-2025.yaml")),
    case("batch-summary-is-its-own-unfinished-results", *BATCH, "--summary", ".res.csv.partial", files=table(),
         phrases=(".res.csv.partial", "--summary is the same file as the unfinished results of res.csv")),
    case("batch-chart-is-its-own-lock", *BATCH, "--chart", "./.res.csv.lock", files=table(),
         phrases=(".res.csv.lock", "--chart is the same file as the lock of res.csv")),
    case("batch-summary-is-its-own-run-record", *BATCH, "--summary", ".res.csv.partial.json", files=table(),
         phrases=(".res.csv.partial.json", "the record of the run writing res.csv")),
    case("batch-partial-planted-as-a-link-to-a-house", *BATCH, files=RTLH_FILES,
         links={".res.csv.partial": "kendal-rtlh.yaml"},
         phrases=(".res.csv.partial", "would replace the input kendal-rtlh.yaml")),
    case("dxf-template-id-climbs-out-of-the-folder", "dxf", "t.yaml", "-o", "plans",
         files={**template(("id: risha-3x3", "id: ../../escaped")), "plans/keep": "x"},
         phrases=("t.yaml", "id", "letters, digits", "'../../escaped'")),
    case("dxf-template-id-is-an-absolute-path", "dxf", "h.yaml", "-o", "plans",
         files={**household(("template: inti-6m", "template: t.yaml")), **template(("id: risha-3x3", "id: /tmp/x"))},
         phrases=("t.yaml", "id", "'/tmp/x'")),
    case("dxf-output-is-a-device", "dxf", "inti-6m", "-o", "/dev/null", phrases=("/dev/null", "is not a folder")),
    # -- 8. late failures ---------------------------------------------------------------------------
    case("batch-summary-where-nothing-can-be-written", *BATCH, "--summary", "/proc/s.json", files=table(),
         phrases=("/proc/s.json", "cannot write in folder '/proc'"), seconds=5.0),
    case("batch-chart-where-nothing-can-be-written", *BATCH, "--chart", "/sys/c.png", files=table(),
         phrases=("/sys/c.png", "cannot write in folder '/sys'"), seconds=5.0),
]


QUOTE_OWN = ("quote", "h.yaml", "-o", "q.pdf")
HOUSEHOLD_OWN_TEMPLATE = household(("template: inti-6m", "template: t.yaml"))
HOUSEHOLD_OWN_AHSP = household(("template: inti-6m", "template: inti-6m\nahsp: e.yaml"))
CASES += [
    # -- 6. tracebacks: layout errors that named no field, now refused at the field ------------------
    case("quote-template-step-name-3000-characters", *QUOTE_OWN,
         files={**HOUSEHOLD_OWN_TEMPLATE, **template(("name: {id: Ruang keluarga,", "name: {id: " + "R" * 3000 + ","))},
         existing={"q.pdf": b"%PDF-1.4 old quote\n"},
         phrases=("t.yaml", "steps[1].name.id", "at most 80 characters", "3000 characters")),
    case("quote-template-room-name-3000-characters", *QUOTE_OWN,
         files={**HOUSEHOLD_OWN_TEMPLATE, **template(("name: {id: Kamar Tidur 1,", "name: {id: " + "K" * 3000 + ","))},
         phrases=("t.yaml", "rooms[1].name.id", "at most 40 characters")),
    case("quote-ahsp-description-5000-characters", *QUOTE_OWN,
         files={**HOUSEHOLD_OWN_AHSP,
                **edition(('{id: "Urugan tanah kembali, manual",', '{id: "' + "U" * 5000 + '",'))},
         phrases=("e.yaml", "items.backfill.description.id", "at most 160 characters")),
    case("quote-clinic-phone-5000-digits", *QUOTE_OWN, "--clinic", "c.yaml",
         files={**household(), "c.yaml": edit(CLINIC, ('"0294 381000"', '"' + "0" * 5000 + '"'))},
         phrases=("c.yaml", "phone", "at most 40 characters")),
    case("estimate-price-list-source-20000-characters", "estimate", "inti-6m", "--region", "mine-2025.yaml",
         "-o", "out.txt", files=price_list(("source: survey of three shops", "source: " + "s" * 20_000)),
         phrases=("mine-2025.yaml", "source", "at most 400 characters")),
    case("catalog-show-template-step-name-with-an-escape", "catalog", "show", "t.yaml", "-o", "out.txt",
         files=template(("name: {id: Ruang keluarga,", 'name: {id: "Ruang \\e[2J keluarga",')),
         phrases=("t.yaml", "steps[1].name.id", "control characters", "U+001B")),
    case("estimate-ahsp-title-with-a-bidi-override", *ESTIMATE_OWN,
         files=edition(('title: "SE Dirjen', 'title: "\u202eSE Dirjen')), phrases=("e.yaml", "title", "U+202E")),
]


RTLH = (ROOT / "examples" / "kendal-rtlh.yaml").read_text(encoding="utf-8")
CASES += [
    # -- 7. absurd values accepted --------------------------------------------------------------------
    case("quote-ahsp-description-with-an-emoji", *QUOTE_OWN,
         files={**HOUSEHOLD_OWN_AHSP,
                **edition(('{id: "Urugan tanah kembali, manual",', '{id: "Urugan tanah \U0001F6A7",'))},
         existing={"q.pdf": b"%PDF-1.4 old quote\n"},
         phrases=("e.yaml", "items.backfill.description", "U+1F6A7", "not in the quote's font")),
    case("quote-ahsp-edition-in-javanese-script", *QUOTE_OWN,
         files={**HOUSEHOLD_OWN_AHSP, **edition(("edition: se-djbk-47-2026", "edition: \ua98f\ua9a2"))},
         phrases=("e.yaml", "edition", "U+A98F", "not in the quote's font")),
    case("catalog-show-template-allows-a-house-a-kilometre-long", "catalog", "show", "t.yaml",
         files=template(("default: 3.0, min: 3.0, max: 3.0}", "default: 3.0, min: 3.0, max: 20}"),
                        ("  x: [module, module]", "  x: [" + ", ".join(["module"] * 50) + "]")),
         phrases=("t.yaml", "grid.x", "at most 40 m long", "1,000.00 m", "module at its largest")),
    case("estimate-template-allows-a-room-28-m-long", "estimate", "t.yaml", "--region", "kendal", "-o", "out.txt",
         files=template(("default: 3.0, min: 3.0, max: 3.0}", "default: 3.0, min: 3.0, max: 14}"),
                        ("{id: living, type: living, step: 1, x: [0, 1], y: [0, 1]}",
                         "{id: living, type: living, step: 1, x: [0, 2], y: [0, 1]}"),
                        ("  - {id: bed1, type: bedroom, step: 1, x: [1, 2], y: [0, 1], name: {id: Kamar Tidur 1, "
                         "en: Bedroom 1}}\n", ""),
                        ("  - {id: D2, type: door, room: bed1, side: left, at: 0.7}\n", ""),
                        ("  - {id: J2, type: window, room: bed1, side: front, at: 0.5}\n", "")),
         phrases=("t.yaml", "rooms[0].x", "room 'living'", "at most 20 m on a side", "28.00 m")),
    case("plan-template-allows-a-room-of-ten-centimetres", *PLAN,
         files={**HOUSEHOLD_OWN_TEMPLATE,
                **template(("  y: [module, module_service, module]", "  y: [module, 0.1, module]"))},
         phrases=("t.yaml", "rooms[2].y", "room 'kitchen'", "at least 1 m on a side", "0.10 m")),
    case("assess-surveyed-house-a-room-30-m-long", "assess", "h.yaml", "-o", "out.txt",
         files={"h.yaml": edit(RTLH, ("grid: {x: [3.0, 3.0], y: [3.5, 2.5]}", "grid: {x: [15.0, 15.0], y: [3.5, 2.5]}"),
                               ("{id: tamu, type: living, x: [0, 1], y: [0, 1]}",
                                "{id: tamu, type: living, x: [0, 2], y: [0, 1]}"))},
         phrases=("h.yaml", "existing_house", "room 'tamu'", "at most 20 m")),
    # -- 8. a value only the template can judge, named where the household wrote it ---------------
    case("plan-household-chooses-a-wall-the-template-lacks", *PLAN,
         files=household(("parameters:\n", "parameters:\n  wall: bamboo\n")),
         phrases=("h.yaml", "parameters.wall", "'bamboo'", "aac, concrete_block, red_brick")),
    case("plan-household-plinth-too-high", *PLAN,
         files=household(("plinth_height: 0.5 ", "plinth_height: 3 ")),
         phrases=("h.yaml", "parameters.plinth_height", "0.2 to 1.5 m", "3 m")),
    case("plan-surveyed-house-in-a-file-that-is-not-there", *PLAN,
         files=household(("template: inti-6m\n", "existing_house: rumah-darmo.yaml\n")),
         phrases=("h.yaml", "existing_house", "'rumah-darmo.yaml'", "no such file")),
    case("plan-household-gives-the-housing-money-twice", *PLAN,
         files=household(("housing_share: 0.30", 'housing_share: 0.30\nhousing_monthly: "700.000"')),
         existing={"out.txt": b"an earlier plan\n"},
         phrases=("h.yaml", "housing_monthly", "housing_share", "found both")),
    case("plan-negative-savings-written-as-text", *PLAN, files=household(('savings: "', 'savings: "-')),
         existing={"out.txt": b"an earlier plan\n"},
         phrases=("h.yaml", "savings", "an amount of 0 or more")),
    case("quote-household-sets-a-parameter-the-template-lacks", "quote", "h.yaml", "-o", "q.pdf",
         files=household(("parameters:\n", "parameters:\n  lantai: keramik\n")),
         existing={"q.pdf": b"%PDF-1.4 old quote\n"},
         phrases=("h.yaml", "parameters.lantai", "unknown parameter 'lantai'")),
]


def independent_rooms(count: int) -> str:
    """A core (living room, kitchen, WC) with ``count`` bedrooms around it, each its own step that
    needs only the core: a template that is a long list of options."""
    cells = [(x, y) for y in (0, 2) for x in range(0, 10, 2)][:count]
    steps = ["  - {step: 1, name: {id: Inti, en: Core}, value: 10}"]
    rooms = ["  - {id: living, type: living, step: 1, x: [0, 10], y: [1, 2]}",
             "  - {id: kitchen, type: kitchen, step: 1, x: [1, 2], y: [0, 1]}",
             "  - {id: wc, type: bathroom, step: 1, x: [3, 4], y: [0, 1]}"]
    openings = ["  - {id: D1, type: door_main, room: living, side: left, at: 0.5}",
                "  - {id: D2, type: door, room: kitchen, side: front, at: 0.5}",
                "  - {id: D3, type: door_wc, room: wc, side: front, at: 0.5}"]
    openings += [f"  - {{id: JL{k}, type: window, room: living, side: back, at: {(2 * k + 1.5) / 10:.3f}}}"
                 for k in range(5)]
    roofs = ["  - {step: 1, x: [0, 10], y: [1, 2], form: gable, ridge: x}",
             "  - {step: 1, x: [1, 2], y: [0, 1], form: shed, high: back}",
             "  - {step: 1, x: [3, 4], y: [0, 1], form: shed, high: back}"]
    for i, (x, y) in enumerate(cells):
        steps.append(f"  - {{step: {i + 2}, name: {{id: Kamar {i}, en: Room {i}}}, value: {3 + i % 4}, requires: [1]}}")
        rooms.append(f"  - {{id: r{i}, type: bedroom, step: {i + 2}, x: [{x}, {x + 1}], y: [{y}, {y + 1}]}}")
        openings.append(f"  - {{id: D{i}x, type: door, room: r{i}, side: {'front' if y == 0 else 'back'}, at: 0.5}}")
        if i != 1:
            openings.append(f"  - {{id: J{i}x, type: window, room: r{i}, side: {'right' if i == 2 else 'left'}, "
                            "at: 0.5}")
        roofs.append(f"  - {{step: {i + 2}, x: [{x}, {x + 1}], y: [{y}, {y + 1}], form: shed, "
                     f"high: {'back' if y == 0 else 'front'}}}")
    return "\n".join(["id: banyak", "version: 1", "name: {id: Banyak kamar, en: Many rooms}", "grid:",
                      "  x: [" + ", ".join(["2.0"] * 10) + "]", "  y: [3.0, 3.0, 3.0]", "steps:", *steps,
                      "rooms:", *rooms, "openings:", *openings, "roofs:", *roofs]) + "\n"


CASES += [
    # -- 5. hangs and memory --------------------------------------------------------------------------
    case("plan-ten-independent-rooms-and-a-rich-family", "plan", "h.yaml", "-o", "out.txt",
         files={**household(("template: inti-6m", "template: t.yaml"), ('income_monthly: "2.400.000"',
                                                                        'income_monthly: "50.000.000"')),
                "t.yaml": independent_rooms(10)},
         phrases=("h.yaml", "t.yaml", "too many ways to order the work"), seconds=20.0),
]


def snapshot(folder: Path) -> dict[str, bytes | str | None]:
    """Every file (its bytes), link (its target) and folder (None) under ``folder``."""
    return {str(p.relative_to(folder)): (f"-> {os.readlink(p)}" if p.is_symlink() else
                                         p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


def invoke(args) -> tuple:
    start = time.perf_counter()
    result = CliRunner().invoke(cli.main, list(args))
    return result, time.perf_counter() - start


@pytest.mark.parametrize("bad", CASES)
def test_bad_input_is_refused_cleanly_and_writes_nothing(bad: Bad, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, content in {**bad.files, **bad.existing}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    for name, target in bad.links.items():
        os.symlink(target, tmp_path / name)
    for name, target in bad.hard.items():
        os.link(tmp_path / target, tmp_path / name)
    before = snapshot(tmp_path)

    result, seconds = invoke(bad.args)

    output = result.output
    assert "Traceback" not in output
    assert isinstance(result.exception, SystemExit), f"crashed: {result.exception!r}"
    assert result.exit_code == bad.code, output
    for phrase in bad.phrases:
        assert phrase in output, f"{phrase!r} not in {output!r}"
    if bad.pattern:
        assert re.search(bad.pattern, output), f"{bad.pattern!r} not in {output!r}"
    assert seconds < bad.seconds
    assert not [p.name for p in tmp_path.rglob(".*") if p.name.endswith((".part", ".partial", ".partial.json"))
                and str(p.relative_to(tmp_path)) not in before]
    outputs = [bad.args[i + 1] for i, a in enumerate(bad.args[:-1]) if a in ("-o", "--output", "--summary", "--chart")]
    for name in outputs:
        if os.path.normpath(name) not in before and not name.startswith("/dev/"):
            assert not (tmp_path / name).exists(), f"{name} was created"
    assert snapshot(tmp_path) == before, "the folder changed"


def test_there_are_enough_distinct_bad_inputs():
    ids = [p.id for p in CASES]
    assert len(ids) == len(set(ids))
    args = [p.values[0].args for p in CASES]
    commands = {" ".join(a[:2]) if a[0] in ("prices", "catalog") else a[0] for a in args}
    assert {"estimate", "plan", "dxf", "quote", "batch", "prices check", "prices show", "catalog show"} <= commands
    assert len([p for p in CASES if not p.marks]) >= 45


# -- measured and special cases ----------------------------------------------------------------------

def test_alias_bomb_is_rejected_in_well_under_a_second(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(ALIAS_BOMB, encoding="utf-8")
    times = []
    for _ in range(3):
        result, seconds = invoke(["plan", str(bomb), "-o", str(tmp_path / "out.txt")])
        assert result.exit_code == 1 and "alias bomb" in result.output
        times.append(seconds)
    print(f"\nalias bomb (10^9 values) rejected by `rumah plan` in {min(times) * 1000:.1f} ms "
          f"(slowest of 3: {max(times) * 1000:.1f} ms)")
    assert max(times) < 1.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bomb.yaml"]


def test_output_where_nothing_can_be_written():
    """Root can write in a chmod 0555 folder, so the kernel's own file systems stand in for a
    read-only folder on every machine."""
    for args in (["quote", str(ROOT / "examples" / "madiun-pabrik.yaml"), "-o", "/sys/quote.pdf"],
                 ["estimate", "inti-6m", "--region", "kendal", "-o", "/proc/rab.txt"]):
        result, _ = invoke(args)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "cannot write in folder" in result.output


def test_output_into_a_read_only_folder(tmp_path):
    (tmp_path / "h.yaml").write_text(HOUSEHOLD, encoding="utf-8")
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "out.txt").write_bytes(OLD)
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user (root) who can write in a read-only folder")
        for args in (["plan", str(tmp_path / "h.yaml"), "--horizon", "24", "-o", str(folder / "out.txt")],
                     ["plan", str(tmp_path / "h.yaml"), "--horizon", "24", "-o", str(folder / "new.txt")],
                     ["dxf", "inti-6m", "-o", str(folder / "dx")]):
            result, _ = invoke(args)
            assert result.exit_code == 1 and "Traceback" not in result.output
            assert isinstance(result.exception, SystemExit)
            assert str(folder) in result.output and "cannot" in result.output
        assert sorted(p.name for p in folder.iterdir()) == ["out.txt"]
        assert (folder / "out.txt").read_bytes() == OLD
    finally:
        folder.chmod(0o755)


def test_deeply_nested_file_is_refused_not_a_crash(tmp_path):
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "rumah", "plan", str(deep)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 1, f"exit status {done.returncode}"
    assert "Traceback" not in done.stderr and "deep.yaml" in done.stderr


# -- accepted inputs: the rules that make hostile-looking input fine -----------------------------------

def test_a_5000_digit_cell_makes_only_its_row_invalid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, content in table(("2110000", HUGE)).items():
        (tmp_path / name).write_bytes(content)
    result, _ = invoke(("batch", "in.csv", "-o", "res.csv", "--workers", "1"))
    assert result.exit_code == 0, result.output
    assert "invalid: income_monthly" in (tmp_path / "res.csv").read_text(encoding="utf-8")


def test_date_like_and_base_60_looking_text_stays_text(tmp_path, monkeypatch):
    """YAML 1.1 would read 2025-02-30 as a date (and fail) and 1:30 as 90: here both are text."""
    from rumah.yamlio import parse_yaml
    assert parse_yaml("note: 2025-02-30\nsavings: 1:30\n", "x.yaml") == {"note": "2025-02-30", "savings": "1:30"}
    path = tmp_path / "h.yaml"
    path.write_text(HOUSEHOLD.replace('savings: "3.000.000"', "savings: 1:30"), encoding="utf-8")
    result, _ = invoke(("plan", str(path)))
    assert result.exit_code == 1 and "savings" in result.output and "'1:30'" in result.output


def test_household_with_a_bom_plans_fine(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + HOUSEHOLD.encode("utf-8"))
    result, _ = invoke(["plan", str(path), "--horizon", "24", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["household"]["name"] == "Keluarga Bapak Slamet"


def test_indonesian_thousands_in_quotes_are_read_as_thousands(tmp_path):
    path = tmp_path / "h.yaml"
    path.write_text(edit(HOUSEHOLD, ('"2.400.000"', '"1.250.000"'), ('savings: "3.000.000"', 'savings: "Rp 750.000"')),
                    encoding="utf-8")
    household_ = load_household(path)
    assert (household_.income, household_.savings) == (1_250_000, 750_000)
    result, _ = invoke(["plan", str(path), "--horizon", "24", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["household"]["income_monthly_idr"] == 1_250_000


def test_decimal_comma_in_set_is_accepted(tmp_path):
    out = tmp_path / "rab.json"
    result, _ = invoke(["estimate", "risha-3x3", "--region", "kendal", "--set", "plinth_height=0,8",
                        "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["parameters"]["plinth_height"] == 0.8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rab.json"]


def test_semicolon_csv_with_bom_and_decimal_commas_is_fine(tmp_path):
    source = tmp_path / "keluarga.csv"
    source.write_bytes(b"\xef\xbb\xbf" + SMALL_CSV.replace(",", ";").replace("0.35", "0,35").encode("utf-8"))
    result, _ = invoke(["batch", str(source), "-o", str(tmp_path / "hasil.csv"), "--workers", "1", "--horizon", "24"])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "hasil.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 4 and lines[0].startswith("row;id;name;")
    assert (tmp_path / "hasil.csv").read_bytes().startswith(b"\xef\xbb\xbf")        # as Excel saved the input
    assert all(";invalid" not in line for line in lines)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.csv", "keluarga.csv"]


def test_files_named_beside_the_household_are_allowed(tmp_path, monkeypatch):
    """The path rule's other half: a plain file name means a file in the household file's own folder."""
    clinic = tmp_path / "klinik"
    clinic.mkdir()
    (clinic / "harga-desa-2025.yaml").write_text(PRICE_LIST.replace("mine-2025", "harga-desa-2025"), encoding="utf-8")
    (clinic / "rumah-saya.yaml").write_text(TEMPLATE, encoding="utf-8")
    (clinic / "h.yaml").write_text(edit(HOUSEHOLD, ("region: kendal", "region: harga-desa-2025.yaml"),
                                        ("template: inti-6m", "template: rumah-saya.yaml")), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not the household's folder: names are resolved against the file's folder
    result, _ = invoke(["plan", "klinik/h.yaml", "--horizon", "24", "--format", "json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert plan["price_list"]["id"] == "harga-desa-2025" and plan["template"] == "risha-3x3"


# -- round two (issue 14): the classes that need more than one command -------------------------------

def test_quoted_indonesian_prices_are_read_as_thousands(tmp_path):
    path = tmp_path / "mine-2025.yaml"
    path.write_text(edit(PRICE_LIST, ("price: 62000,", 'price: "62.000",'), ("price: 650,", 'price: "Rp 650,00",')),
                    encoding="utf-8")
    result, _ = invoke(["prices", "show", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    prices = {p["code"]: p for p in json.loads(result.output)["prices"]}
    assert prices["cement"]["purchase_price_idr"] == pytest.approx(62_000)
    assert prices["brick_red"]["price_idr"] == pytest.approx(650)


def test_a_dxf_set_is_replaced_whole_or_not_at_all(tmp_path):
    folder = tmp_path / "dx"
    folder.mkdir()
    (folder / "inti-6m-tahap-1.dxf").write_bytes(OLD)
    (folder / "inti-6m-tahap-2.dxf").mkdir()               # step 2's file cannot be written
    result, _ = invoke(["dxf", "inti-6m", "-o", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (folder / "inti-6m-tahap-1.dxf").read_bytes() == OLD   # the earlier set's step 1 survives
    assert sorted(p.name for p in folder.iterdir()) == ["inti-6m-tahap-1.dxf", "inti-6m-tahap-2.dxf"]


def test_a_device_given_as_output_is_written_to_not_replaced():
    done = subprocess.run([sys.executable, "-m", "rumah", "estimate", "inti-6m", "--region", "kendal", "--format",
                           "json", "-o", "/dev/stdout"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["template"] == "inti-6m"
    assert Path("/dev/stdout").is_symlink() or not Path("/dev/stdout").is_file()


def test_a_full_disk_on_standard_output_is_a_clean_message():
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "rumah", "estimate", "inti-6m", "--region", "kendal"],
                              stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "No space left on device" in done.stderr


def test_a_full_disk_under_batch_leaves_no_partial_file(tmp_path, monkeypatch):
    from rumah.errors import RumahError
    from rumah.program import batch
    source = tmp_path / "in.csv"
    source.write_text(SMALL_CSV, encoding="utf-8")
    original = batch._planned_chunks

    def full(*args, **kwargs):
        for _ in original(*args, **kwargs):
            raise OSError(28, "No space left on device")
        yield from ()
    monkeypatch.setattr(batch, "_planned_chunks", full)
    with pytest.raises(RumahError, match="No space left on device"):
        batch.run_batch(source, tmp_path / "res.csv", workers=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_a_second_batch_to_the_same_results_is_refused_while_the_first_runs(tmp_path):
    import fcntl
    source = tmp_path / "in.csv"
    source.write_text(SMALL_CSV, encoding="utf-8")
    lock = tmp_path / ".res.csv.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)            # what a running batch holds
        result, _ = invoke(["batch", str(source), "-o", str(tmp_path / "res.csv"), "--workers", "1"])
    assert result.exit_code == 1 and "another rumah batch is writing it now" in result.output
    assert not (tmp_path / "res.csv").exists() and not (tmp_path / ".res.csv.partial").exists()
    # The lock is gone with the run that held it: the next run goes ahead and removes it.
    result, _ = invoke(["batch", str(source), "-o", str(tmp_path / "res.csv"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "res.csv"]


def test_spreadsheet_formulas_in_names_are_neutralised(tmp_path):
    source = tmp_path / "in.csv"
    lines = SMALL_CSV.splitlines()
    lines[1] = lines[1].replace("Keluarga", '"=HYPERLINK(""http://x"",""klik"") Keluarga"', 1)
    lines[2] = lines[2].replace(lines[2].split(",")[0], "@SUM(A1)", 1)
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert invoke(["batch", str(source), "-o", str(tmp_path / "res.csv"), "--workers", "1"])[0].exit_code == 0
    import csv
    with (tmp_path / "res.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert rows[0]["name"].startswith("'=HYPERLINK") and rows[1]["id"] == "'@SUM(A1)"
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row.values())
    assert int(rows[0]["total_cost_idr"]) > 0                     # numbers stay numbers
    own = tmp_path / "t.yaml"
    text = TEMPLATE
    start = text.index("{step: 1, name:")
    end = text.index("}", text.index("en:", start)) + 1
    own.write_text(text[:start] + '{step: 1, name: "=SUM(1+1)"' + text[end:], encoding="utf-8")
    result, _ = invoke(["estimate", str(own), "--region", "kendal", "--format", "csv", "-o", str(tmp_path / "rab.csv")])
    assert result.exit_code == 0, result.output
    rab = (tmp_path / "rab.csv").read_text(encoding="utf-8-sig")
    assert ";'=SUM(1+1);" in rab and ";=SUM" not in rab


@pytest.mark.skipif(not Path("/usr/bin/pdftotext").exists(), reason="poppler-utils is installed by .ci/run")
def test_markup_in_names_is_printed_as_text_in_the_quote(tmp_path):
    own = tmp_path / "rumah-saya.yaml"
    marked = 'name: {id: "Rumah <b>tumbuh <font size=30>RISHA'
    own.write_text(edit(TEMPLATE, ('name: {id: "Rumah tumbuh modul RISHA', marked)), encoding="utf-8")
    assert "<b>" in own.read_text(encoding="utf-8")
    household = tmp_path / "h.yaml"
    household.write_text(edit(HOUSEHOLD, ("name: Keluarga Bapak Slamet", 'name: "Keluarga <a href=x>Slamet"'),
                              ("template: inti-6m", "template: rumah-saya.yaml")), encoding="utf-8")
    result, _ = invoke(["quote", str(household), "-o", str(tmp_path / "q.pdf"), "--date", "2026-12-01"])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", str(tmp_path / "q.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Keluarga <a href=x>Slamet" in text and "<b>tumbuh <font size=30>RISHA" in " ".join(text.split())


def test_control_characters_never_reach_the_terminal(tmp_path):
    path = tmp_path / "mine-2025.yaml"
    path.write_text(edit(PRICE_LIST, ("name: Kabupaten Uji", 'name: "Kabupaten \\e[2J\\u202eUji"')), encoding="utf-8")
    result, _ = invoke(["prices", "show", str(path)])
    # A district's name is printed on the quote: refused where it is written, naming the field.
    assert result.exit_code == 1 and "region.name" in result.output and "U+001B" in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output
    # And whatever text still reaches a terminal loses its escapes and overrides on the way.
    from rumah.output import terminal_safe
    assert terminal_safe("Kabupaten \x1b[2J\u202eUji\x07") == "Kabupaten [2JUji"


def test_a_pipe_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "h.yaml"
    os.mkfifo(fifo)
    result, seconds = invoke(["plan", str(fifo)])
    assert result.exit_code == 1 and "not a regular file" in result.output and seconds < 5


def test_many_invalid_rows_are_counted_not_held(tmp_path):
    from rumah.program.batch import SHOWN_INVALID, run_batch
    source = tmp_path / "in.csv"
    header = SMALL_CSV.splitlines()[0]
    source.write_text(header + "\n" + "".join(f"X{k},Keluarga,0,,,kendal,1,,,,,,,,,,,,inti-6m,,,\n"
                                              for k in range(300)), encoding="utf-8")
    outcome = run_batch(source, tmp_path / "res.csv", workers=1)
    assert outcome.invalid_count == 300 and len(outcome.invalid) == SHOWN_INVALID


def test_old_mac_line_ends_are_read(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(SMALL_CSV.replace("\n", "\r").encode("utf-8"))
    result, _ = invoke(["batch", str(source), "-o", str(tmp_path / "res.csv"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "res.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and not [line for line in lines[1:] if ",invalid" in line]


def test_a_reopened_consultation_does_not_trust_the_types_in_its_file(tmp_path):
    saved = tmp_path / "household.yaml"
    saved.write_text("name: Keluarga Uji\nmembers: [5]\ngrants: BSPS\nloans: 5\nplot: 5\nsavings: [1]\n"
                     "composition: 3\nparameters: [wall]\nregion: kendal\n", encoding="utf-8")
    answers = ["", "4", "1", "", "3.000.000", "30%", "", "0", "tidak", "tidak", "tidak", "6", "12", "tidak",
               "1", "", "", "", "1", ""]
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(saved)], input="\n".join(answers) + "\n" * 10)
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    assert "tidak bisa dipakai" in result.output           # the unusable saved answers are said so
    assert load_household(saved).members == 4


def test_a_name_too_long_for_the_quote_is_refused_at_its_question(tmp_path):
    answers = ["K" * 200, "Keluarga Bapak Slamet"]
    result = CliRunner().invoke(cli.main, ["konsultasi", "-o", str(tmp_path / "k")], input="\n".join(answers) + "\n")
    assert "Terlalu panjang: paling banyak 120 huruf." in result.output and "Traceback" not in result.output


def test_a_new_consultation_does_not_overwrite_another_familys(tmp_path):
    folder = tmp_path / "k"
    folder.mkdir()
    (folder / "household.yaml").write_text(HOUSEHOLD, encoding="utf-8")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(cli.main, ["konsultasi", "-o", str(folder)], input="Keluarga Lain\n")
    assert result.exit_code == 1 and "already holds a consultation" in result.output
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("left", ["quote.pdf", "denah-tahap-1.dxf"])
def test_a_new_consultation_does_not_overwrite_a_quote_or_drawings_left_without_their_answers(tmp_path, left):
    folder = tmp_path / "k"
    folder.mkdir()
    (folder / left).write_bytes(b"another family's document\n")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(cli.main, ["konsultasi", "-o", str(folder)], input="Keluarga Lain\n")
    assert result.exit_code == 1 and "already holds a quote or drawings" in result.output and left in result.output
    assert "Traceback" not in result.output and snapshot(tmp_path) == before


@pytest.mark.skipif(not Path("/usr/bin/pdftotext").exists(), reason="poppler-utils is installed by .ci/run")
def test_a_long_unbreakable_name_wraps_on_the_quote(tmp_path):
    household = tmp_path / "h.yaml"
    household.write_text(edit(HOUSEHOLD, ("name: Keluarga Bapak Slamet", "name: " + "K" * 120)), encoding="utf-8")
    result, _ = invoke(["quote", str(household), "-o", str(tmp_path / "q.pdf")])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", str(tmp_path / "q.pdf"), "-"], capture_output=True, text=True).stdout
    assert "K" * 40 in text


def test_indonesian_coefficients_are_read_as_written(tmp_path):
    """A decimal comma in quotes is the decimal point an Indonesian table prints: the same bill."""
    def total(text: str) -> int:
        path = tmp_path / "e.yaml"
        path.write_text(text, encoding="utf-8")
        result, _ = invoke(["estimate", "inti-6m", "--region", "kendal", "--ahsp", str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)["total_idr"]

    written = edit(AHSP, ("{resource: L.01, coefficient: 0.75}", '{resource: L.01, coefficient: "0,75"}'),
                   ("{resource: gravel, coefficient: 1009, unit: kg}",
                    '{resource: gravel, coefficient: "1.009,0", unit: kg}'))
    assert total(written) == total(AHSP)


# -- round three: what one command line cannot show -------------------------------------------------

def test_a_refused_batch_leaves_the_running_batchs_lock_alone(tmp_path):
    """A second run is refused, and so is a third: the refused run must not remove the lock of the
    run that holds it (it did, and the third run then mixed its rows into the first's)."""
    import fcntl
    source = tmp_path / "in.csv"
    source.write_text(SMALL_CSV, encoding="utf-8")
    lock = tmp_path / ".res.csv.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)            # what a running batch holds
        inode = lock.stat().st_ino
        for _ in range(2):
            result, _ = invoke(["batch", str(source), "-o", str(tmp_path / "res.csv"), "--workers", "1"])
            assert result.exit_code == 1 and "another rumah batch is writing it now" in result.output
            assert lock.stat().st_ino == inode
    assert not (tmp_path / "res.csv").exists() and not (tmp_path / ".res.csv.partial").exists()


def test_a_resumed_batch_writes_what_an_uninterrupted_one_writes(tmp_path, monkeypatch):
    """Stopped after its first chunk and resumed, a batch's results are byte for byte those of a run
    that was never stopped, messages of invalid rows included (a row named another row's number when
    the two shared a priced house type and the error was cached)."""
    from rumah.program import batch
    lines = SMALL_CSV.splitlines()
    bad = lines[1].replace(",batang,", ",kendall,", 1)
    source = tmp_path / "in.csv"
    source.write_text("\n".join([lines[0], bad, lines[2], lines[3], bad.replace("H0000001", "H0000009"),
                                 lines[2]]) + "\n", encoding="utf-8")
    whole = tmp_path / "whole.csv"
    batch.run_batch(source, whole, workers=1, chunk_rows=2, lang="en")
    rows = whole.read_text(encoding="utf-8").splitlines()
    assert "invalid: region: unknown region 'kendall'" in rows[1] and "row 2" not in rows[4]

    original = batch._planned_chunks

    def stopped(*args, **kwargs):
        chunks = original(*args, **kwargs)
        yield next(chunks)
        raise KeyboardInterrupt                     # Ctrl-C after the first chunk
    monkeypatch.setattr(batch, "_planned_chunks", stopped)
    resumed = tmp_path / "resumed.csv"
    with pytest.raises(KeyboardInterrupt):
        batch.run_batch(source, resumed, workers=1, chunk_rows=2, lang="en")
    monkeypatch.setattr(batch, "_planned_chunks", original)
    batch._PLANNER = None                            # a new process, as a new command would be
    outcome = batch.run_batch(source, resumed, workers=1, chunk_rows=2, resume=True, lang="en")
    assert outcome.resumed_from == 2
    assert resumed.read_bytes() == whole.read_bytes()


def test_a_pipe_or_a_device_as_the_households_csv_is_refused_at_once(tmp_path):
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    for source in (str(fifo), "/dev/zero", "/dev/urandom"):
        result, seconds = invoke(["batch", source, "-o", str(tmp_path / "res.csv"), "--workers", "1"])
        assert result.exit_code == 1 and "not a regular file" in result.output and seconds < 5, result.output
        assert len(result.output) < 300                 # not 64 KB of NUL bytes quoted back
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_a_pipe_named_as_a_data_file_is_called_what_it_is(tmp_path):
    fifo = tmp_path / "mine-2025.yaml"
    os.mkfifo(fifo)
    for args in (["prices", "check", str(fifo)], ["estimate", "inti-6m", "--region", str(fifo)],
                 ["estimate", str(fifo), "--region", "kendal"], ["catalog", "show", str(fifo)]):
        result, seconds = invoke(args)
        assert result.exit_code == 1 and "is not a regular file" in result.output and seconds < 5, result.output


def test_an_unknown_column_is_quoted_back_briefly(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(SMALL_CSV.replace("name,", "n" * 60_000 + ",", 1), encoding="utf-8")
    result, _ = invoke(["batch", str(source), "-o", str(tmp_path / "res.csv"), "--workers", "1"])
    assert result.exit_code == 1 and "unknown column 'nnnn" in result.output and "n\u2026'" in result.output
    assert len(result.output) < 400


#: A saved consultation's fields set to what a hand edit or another tool might leave there.
SAVED_TYPES = [("grants", 0, "amount", "dua puluh juta"), ("grants", 0, "amount", True),
               ("grants", 0, "materials", "banyak"), ("grants", 0, "month", "April"), ("grants", 0, "name", "B" * 5000),
               ("parameters", None, "wall", "batu"), ("parameters", None, "plinth_height", "tinggi"),
               ("labour", None, None, 3), ("horizon_months", None, None, "lama"),
               ("inflation", None, None, "tiga persen"), ("crew", None, None, 5),
               ("start_month", None, None, "kemarin"), ("alamat", None, None, "Jl. Pemuda 1"),
               ("template", None, None, 5)]


@pytest.mark.parametrize("key, index, field_name, value", SAVED_TYPES,
                         ids=[f"{k}-{f or ''}-{type(v).__name__}" for k, _, f, v in SAVED_TYPES])
def test_a_reopened_consultation_checks_every_saved_field(tmp_path, key, index, field_name, value):
    """Reopened with a saved field of the wrong type and only Enter pressed, a consultation either
    finishes with a household that loads, or stops at a question that has no usable answer, saved:
    never a traceback, and never a failure after the last question."""
    import yaml
    data = yaml.safe_load(HOUSEHOLD)
    data["plot"] = {"width_m": 6, "depth_m": 12, "flood_risk": False}
    node = data if index is None else data[key][index]
    if index is None and field_name is not None:
        node = data.setdefault(key, {})
    node[field_name if field_name is not None else key] = value
    saved = tmp_path / "household.yaml"
    saved.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["konsultasi", "--from", str(saved)], input="\n" * 80)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 0:
        load_household(saved)
    else:
        assert result.exit_code == 1 and "rumah konsultasi --from" in result.output, result.output[-600:]
        assert "Error" not in result.output


def test_a_loan_at_a_vanishing_rate_is_repaid_in_equal_parts(tmp_path):
    """1 + 1e-300 / 12 is 1.0 in floating point: the annuity formula divided by zero."""
    from rumah.plan.finance import annuity
    assert annuity(15_000_000, 1e-300, 36) == pytest.approx(15_000_000 / 36)
    assert annuity(15_000_000, 0.06, 36) == pytest.approx(15_000_000 * 0.005 / (1 - 1.005 ** -36), rel=1e-12)
    household = tmp_path / "h.yaml"
    household.write_text(edit(HOUSEHOLD, ("labour:", "loans:\n  - {name: KUR, amount: 15000000, annual_rate: 1.0e-300, "
                                                     "tenor_months: 36}\nlabour:")), encoding="utf-8")
    result, _ = invoke(["plan", str(household), "--horizon", "60", "--format", "json"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["plan", "--help"], ["batch", "--help"]])
def test_what_click_itself_prints_meets_a_full_disk_cleanly(args):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "rumah", *args], stdout=full, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "No space left on device" in done.stderr and len(done.stderr) < 200


@pytest.mark.skipif(not Path("/usr/bin/pdftotext").exists(), reason="poppler-utils is installed by .ci/run")
def test_every_text_at_its_longest_lays_out_on_the_quote(tmp_path):
    """The longest texts every loader lets through, unbreakable, all in one quote: it lays out, a
    long AHSP code wraps in its column, and the footer keeps the quote's number."""
    import yaml
    template_data = yaml.safe_load(TEMPLATE)
    template_data["name"] = {"id": "N" * 120, "en": "N" * 120}
    for step in template_data["steps"]:
        step["name"] = {"id": "S" * 80, "en": "S" * 80}
    for room in template_data["rooms"]:
        room["name"] = {"id": "R" * 40, "en": "R" * 40}
    edition_data = yaml.safe_load(AHSP)
    edition_data["title"] = "T" * 200
    for item in edition_data["items"].values():
        # An item number of the edition's own form, at its longest (a key of the project's own is
        # not printed on the family's document at all).
        item["description"], item["code"] = "D" * 160, "9" + ".9" * 19 + "9"
    (tmp_path / "t.yaml").write_text(yaml.safe_dump(template_data, sort_keys=False), encoding="utf-8")
    (tmp_path / "e.yaml").write_text(yaml.safe_dump(edition_data, sort_keys=False), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(f"name: {'K' * 160}\naddress: {'A' * 160}\ntechnician: {'T' * 160}\n"
                                     f"phone: \"{'0' * 40}\"\n", encoding="utf-8")
    (tmp_path / "h.yaml").write_text(edit(HOUSEHOLD, ("name: Keluarga Bapak Slamet", "name: " + "H" * 120),
                                          ("{name: BSPS 2025,", "{name: " + "B" * 80 + ","),
                                          ("template: inti-6m", "template: t.yaml\nahsp: e.yaml")), encoding="utf-8")
    result, _ = invoke(["quote", str(tmp_path / "h.yaml"), "-o", str(tmp_path / "q.pdf"), "--clinic",
                        str(tmp_path / "c.yaml"), "--date", "2026-12-01"])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "q.pdf"), "-"], capture_output=True,
                          text=True).stdout
    number = re.search(r"quote (\S+) for", result.output).group(1)
    assert number in text.split("\f")[-2]                      # the footer of the last page
    # A code wraps in its column: no line of the appendix holds the whole 40-character code.
    assert "9.9.9.9.9" in text and "9" + ".9" * 19 + "9" not in text



def test_a_name_the_quote_cannot_print_is_refused_at_its_question(tmp_path):
    """An emoji in the family's name was accepted at the first question and refused by the quote
    after the last one; now the question itself says so and asks again."""
    answers = ["Keluarga Slamet \U0001F3E0", "Keluarga Slamet", "4", "2", "kendal", "2.400.000", "", "", "", "tidak",
               "ya", "Dana desa \ua98f", "Dana desa", "5.000.000", "6", "tidak", "", "", "tidak", "1", "", "", "", ""]
    result = CliRunner().invoke(cli.main, ["konsultasi", "-o", str(tmp_path / "k"), "--lang", "en"],
                                input="\n".join(answers) + "\n" * 10)
    assert "Traceback" not in result.output
    assert "U+1F3E0" in result.output and "U+A98F" in result.output and "not in the quote's font" in result.output
    assert result.exit_code == 0, result.output[-800:]
    saved = load_household(tmp_path / "k" / "household.yaml")
    assert saved.name == "Keluarga Slamet" and [g.name for g in saved.grants] == ["Dana desa"]


def test_a_csv_with_every_kind_of_line_end_keeps_every_row(tmp_path):
    """A lone CR (a line pasted from an old Mac spreadsheet) in a file of LF and CRLF lines cut a
    row in two and merged the next into it, with Python's 'open the file in universal-newline mode'."""
    lines = CSV_LINES[:6]
    source = tmp_path / "in.csv"
    source.write_bytes((lines[0] + "\r\n" + lines[1] + "\n" + lines[2] + "\r" + lines[3] + "\r\n" + lines[4] + "\r"
                        + lines[5] + "\n").encode("utf-8"))
    result, _ = invoke(["batch", str(source), "-o", str(tmp_path / "res.csv"), "--workers", "1"])
    assert result.exit_code == 0 and "universal-newline" not in result.output, result.output
    rows = (tmp_path / "res.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert [row.split(",")[1] for row in rows] == [line.split(",")[0] for line in lines[1:]]
    assert not [row for row in rows if ",invalid" in row]


def test_a_consultation_where_nothing_can_be_written_stops_before_its_questions(tmp_path, monkeypatch):
    result = CliRunner().invoke(cli.main, ["konsultasi", "-o", "/proc/keluarga"], input="Keluarga Uji\n")
    assert result.exit_code == 1 and "Traceback" not in result.output and result.exception.__class__ is SystemExit
    assert "/proc/keluarga: cannot make the folder" in result.output
    monkeypatch.chdir("/proc")                  # root can write in a chmod 0555 folder, not in /proc
    result = CliRunner().invoke(cli.main, ["konsultasi"], input="Keluarga Uji\n")
    assert result.exit_code == 1 and "cannot write in folder '.'" in result.output
    assert "Nama keluarga" not in result.output  # said before the first question, not after it


def test_names_too_long_for_the_file_system_are_clean_errors(tmp_path):
    # A name the file system cannot hold (over 255 bytes) is refused with the file and field,
    # never an OSError from looking it up.
    listing = tmp_path / "p.yaml"
    listing.write_text(f"id: x-2025\nregion: x\nextends: {'a' * 300}\nprices: {{}}\n", encoding="utf-8")
    too_long = str(tmp_path / ("b" * 300 + ".yaml"))
    for args in (["prices", "check", str(listing)], ["estimate", "inti-6m", "--region", too_long]):
        result, _ = invoke(args)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and "Error" in result.output
    assert "extends" in invoke(["prices", "check", str(listing)])[0].output
