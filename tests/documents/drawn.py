"""The sheets of every bundled template and example household, drawn once for all the test
modules that read them (drawing them is the slow part of these tests)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rumah.documents.drawing import Sheet
from rumah.documents.sheets import step_sheets
from rumah.house.template import template_paths

TEMPLATES = sorted(template_paths())
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HOUSEHOLDS = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
SOURCES = TEMPLATES + HOUSEHOLDS


@cache
def sheets_of(source: str, lang: str = "id") -> tuple[Sheet, ...]:
    """Every plan sheet of ``source`` (a template id or a household file), then its section."""
    return tuple(step_sheets(source, lang=lang)[0])
