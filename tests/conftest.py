"""Shared fixtures: the bundled catalog loaded once, and small templates built in memory."""

from __future__ import annotations

import copy
import os

import pytest

from rumah.cost.estimate import load_catalog
from rumah.cost.prices import load_price_list
from rumah.house.template import parse_template
from rumah.schema import Where

# Messages follow the reader's locale (rumah.i18n.language): the suite reads English ones unless a
# test asks for another language, whatever the locale of the machine running it.
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"
# Plans start this month and price lists' prices are risen to it (rumah.clock): the suite plans as
# of one fixed day, so that what it checks does not drift as the months go by.
os.environ["RUMAH_TODAY"] = "2026-12-07"

#: A plain 4 x 5 m one-room house: one door at the front, one window on the left, a gable roof
#: with its ridge front to back.  Small enough to measure by hand in the tests.
PLAIN = {
    "id": "plain",
    "version": 1,
    "name": {"id": "Rumah uji", "en": "Test house"},
    "grid": {"x": [4.0], "y": [5.0]},
    "steps": [{"step": 1, "name": {"id": "Satu-satunya", "en": "Only"}}],
    "rooms": [{"id": "room", "type": "living", "step": 1, "x": [0, 1], "y": [0, 1]}],
    "openings": [{"id": "D1", "type": "door_main", "room": "room", "side": "front", "at": 0.5},
                 {"id": "J1", "type": "window", "room": "room", "side": "left", "at": 0.5}],
    "roofs": [{"step": 1, "x": [0, 1], "y": [0, 1], "form": "gable", "ridge": "y"}],
}

#: Two 3 x 4 m rooms side by side, sharing one wall.
PAIR = {
    "id": "pair",
    "version": 1,
    "name": {"id": "Dua ruang", "en": "Two rooms"},
    "grid": {"x": [3.0, 3.0], "y": [4.0]},
    "steps": [{"step": 1, "name": {"id": "Satu", "en": "One"}}],
    "rooms": [{"id": "a", "type": "living", "step": 1, "x": [0, 1], "y": [0, 1]},
              {"id": "b", "type": "bedroom", "step": 1, "x": [1, 2], "y": [0, 1]}],
    "openings": [{"id": "D1", "type": "door_main", "room": "a", "side": "front", "at": 0.5},
                 {"id": "D2", "type": "door", "room": "b", "side": "left", "at": 0.5}],
    "roofs": [{"step": 1, "x": [0, 2], "y": [0, 1], "form": "gable", "ridge": "x"}],
}


def make_template(spec: dict, **changes):
    """A Template from an in-memory spec, with top-level keys replaced by ``changes``."""
    raw = copy.deepcopy(spec)
    raw.update(changes)
    return parse_template(raw, Where(f"<{raw['id']}>"))


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture(scope="session")
def old_catalog():
    return load_catalog("sni-2008")


@pytest.fixture(scope="session")
def kendal(catalog):
    return load_price_list("kendal", catalog.resources)


@pytest.fixture(scope="session")
def surakarta(catalog):
    return load_price_list("surakarta", catalog.resources)
