"""Registers to test on: a SQLite file always, and PostgreSQL where ``RUMAH_TEST_PG_URL`` names a
server (``.ci/run`` starts one); without it those tests are skipped."""

from __future__ import annotations

import os

import pytest

PG_URL = os.environ.get("RUMAH_TEST_PG_URL")
#: Every table the register has had, dropped before each PostgreSQL test.
TABLES = ("visit_photos", "visit_grants", "visit_packages", "visits", "quotes", "household_versions",
          "households", "meta")


def empty_postgresql() -> str:
    """The test server's database, emptied of any register; its URL."""
    pytest.importorskip("psycopg")
    from sqlalchemy import create_engine, text

    from rumah.desk.register.store import Location
    engine = create_engine(Location(PG_URL).url)
    with engine.begin() as connection:
        for table in TABLES:
            connection.execute(text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    engine.dispose()
    return PG_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    """Where a new register goes: a SQLite file, or the PostgreSQL test database."""
    pytest.importorskip("sqlalchemy")
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite")
    if not PG_URL:
        pytest.skip("no PostgreSQL server given (set RUMAH_TEST_PG_URL)")
    return empty_postgresql()
