"""The register's tables, its schema version, and the migrations from older versions.

The schema is written once in SQLAlchemy Core and created the same way in SQLite and in
PostgreSQL.  ``meta`` holds ``schema_version``; :func:`prepare` creates a new register at the
current version, or brings an older one up to it one migration at a time, each in its own
transaction, recording the version it reached.

Versions:

1. households, every saved version of each household file, quotes issued.
2. follow-up visits (the packages found built, the grants' tranches used, photos), each
   household's status (waiting, building, livable) and search key, the kind of each saved
   version (consultation or visit) and the day it was saved, for the monthly report.
"""

from __future__ import annotations

import secrets
import unicodedata

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine

from ...errors import RumahError
from ...i18n import tr

SCHEMA_VERSION = 3

#: Statuses of a family in the register: nothing built yet, building, living in a livable house.
STATUSES = ("waiting", "building", "livable")
#: What saved a household version: a consultation (at the desk) or a follow-up visit's re-plan.
SOURCES = ("consultation", "visit")


class RegisterError(RumahError, OSError):
    """The register cannot be opened or used: missing, locked, damaged, or from a newer rumah."""


#: Apostrophes as keyboards and phones type them (Ma'ruf, Ma’ruf, Maʼruf): all read as the plain one.
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc`\u00b4", "'"))


def folded(text: str) -> str:
    """``text`` as the search compares it: its compatibility form, lower case, every apostrophe
    the plain one."""
    return unicodedata.normalize("NFKC", text).lower().translate(_APOSTROPHES)


def search_key(family: str, village: str) -> str:
    """What the search looks in, one per line (a search for text spanning two finds nothing, as it
    should): the name and the village :func:`folded`, and, when they hold apostrophes, again
    without them, so that any apostrophe, or none (maruf), finds Ma'ruf.  The key begins with the
    name: a search's results are sorted by it."""
    lines = [folded(family), folded(village)]
    lines += [line.replace("'", "") for line in lines if "'" in line]
    return "\n".join(lines)


metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

households = Table(
    "households", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(120), nullable=False),
    Column("village", String(120), nullable=False, server_default=""),
    Column("region", String(200), nullable=False),
    Column("status", String(16), nullable=False, server_default="waiting"),
    # Name and village in lower case (Python's, which knows more than ASCII), for the search: one
    # plain LIKE on one column scans 50,000 families several times faster than lower() on two.
    Column("search_key", Text, nullable=False, server_default=""),
    # The national ID number is never stored whole: a slow salted digest (to find a family and to
    # see that it has not been registered before) and its last four digits (to show).
    Column("nik_digest", String(64), nullable=True),
    Column("nik_last4", String(4), nullable=True),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("updated_by", String(120), nullable=False),
    UniqueConstraint("nik_digest", name="households_nik_digest_key"),
    Index("households_name", "name"),
    Index("households_village", "village"),
    Index("households_status", "status"),
    Index("households_created_at", "created_at"),
)

household_versions = Table(
    "household_versions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("household_id", Integer, ForeignKey("households.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("yaml", Text, nullable=False),
    Column("saved_at", DateTime, nullable=False),
    Column("saved_on", Date, nullable=False),
    Column("saved_by", String(120), nullable=False),
    Column("source", String(16), nullable=False, server_default="consultation"),
    UniqueConstraint("household_id", "version", name="household_versions_key"),
    Index("household_versions_saved_on", "saved_on"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("household_id", Integer, ForeignKey("households.id", ondelete="CASCADE"), nullable=False),
    Column("household_version", Integer, nullable=False),
    Column("number", String(40), nullable=False),
    Column("issued", Date, nullable=False),
    Column("total_idr", BigInteger, nullable=False),
    Column("planned_idr", BigInteger, nullable=True),
    Column("livable_month", Integer, nullable=True),
    Column("pdf_sha256", String(64), nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    Column("recorded_by", String(120), nullable=False),
    Index("quotes_household", "household_id"),
    Index("quotes_issued", "issued"),
)

visits = Table(
    "visits", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("household_id", Integer, ForeignKey("households.id", ondelete="CASCADE"), nullable=False),
    Column("visited", Date, nullable=False),
    Column("from_version", Integer, nullable=False),
    Column("to_version", Integer, nullable=False),
    Column("spent_idr", BigInteger, nullable=False),
    Column("cash_idr", BigInteger, nullable=True),
    Column("note", Text, nullable=False, server_default=""),
    Column("recorded_at", DateTime, nullable=False),
    Column("recorded_by", String(120), nullable=False),
    Index("visits_household", "household_id"),
    Index("visits_visited", "visited"),
)

visit_packages = Table(
    "visit_packages", metadata,
    Column("visit_id", Integer, ForeignKey("visits.id", ondelete="CASCADE"), nullable=False),
    Column("step", Integer, nullable=False),
    Column("package", String(40), nullable=False),
    PrimaryKeyConstraint("visit_id", "step", "package", name="visit_packages_key"),
)

visit_grants = Table(
    "visit_grants", metadata,
    Column("visit_id", Integer, ForeignKey("visits.id", ondelete="CASCADE"), nullable=False),
    Column("grant_name", String(80), nullable=False),
    Column("tranches", Integer, nullable=False),
    Column("materials_idr", BigInteger, nullable=False),
    Column("labour_idr", BigInteger, nullable=False),
    PrimaryKeyConstraint("visit_id", "grant_name", name="visit_grants_key"),
)

visit_photos = Table(
    "visit_photos", metadata,
    Column("visit_id", Integer, ForeignKey("visits.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("path", Text, nullable=False),
    PrimaryKeyConstraint("visit_id", "position", name="visit_photos_key"),
)

def foreign(names) -> RegisterError:
    """Another program's database, refused by the tables it has (``names``)."""
    return RegisterError(tr("a database, but not a rumah register (it has no 'meta' table; found tables {tables})",
                            tables=", ".join(sorted(names)[:6])))


def schema_version(connection: Connection) -> int | None:
    """The version recorded in ``meta``; None for an empty database."""
    names = set(inspect(connection).get_table_names())
    if not names:
        return None
    if "meta" not in names:
        raise foreign(names)
    found = connection.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    if found is None or not str(found).isdigit():
        raise RegisterError(tr("a rumah register without a valid schema version (found {found!r} in meta)",
                               found=found))
    return int(found)


def _set_version(connection: Connection, version: int) -> None:
    connection.execute(update(meta).where(meta.c.key == "schema_version").values(value=str(version)))


def _migrate_1_to_2(connection: Connection) -> None:
    """Visits and their details; each household's status; the kind and day of saved versions."""
    for table in (visits, visit_packages, visit_grants, visit_photos):
        table.create(connection)
    connection.execute(text("ALTER TABLE households ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'waiting'"))
    connection.execute(text("ALTER TABLE households ADD COLUMN search_key TEXT NOT NULL DEFAULT ''"))
    _search_keys(connection)
    connection.execute(text("ALTER TABLE household_versions ADD COLUMN source VARCHAR(16) NOT NULL "
                            "DEFAULT 'consultation'"))
    connection.execute(text("ALTER TABLE household_versions ADD COLUMN saved_on DATE"))
    # The day each version was saved, from when it was saved (the first ten characters of an
    # ISO time in SQLite; a cast in PostgreSQL).
    if connection.dialect.name == "sqlite":
        connection.execute(text("UPDATE household_versions SET saved_on = substr(saved_at, 1, 10)"))
    else:
        connection.execute(text("UPDATE household_versions SET saved_on = CAST(saved_at AS DATE)"))
        connection.execute(text("ALTER TABLE household_versions ALTER COLUMN saved_on SET NOT NULL"))
    # Plain SQL: an Index object made here would join the current tables' metadata as a second copy.
    connection.execute(text("CREATE INDEX households_status ON households (status)"))
    connection.execute(text("CREATE INDEX households_created_at ON households (created_at)"))
    connection.execute(text("CREATE INDEX household_versions_saved_on ON household_versions (saved_on)"))


def _search_keys(connection: Connection) -> None:
    """Every family's search key worked out again (:func:`search_key`)."""
    found = connection.execute(select(households.c.id, households.c.name, households.c.village)).all()
    if found:
        connection.execute(update(households).where(households.c.id == bindparam("key")).values(
            search_key=bindparam("search")), [{"key": i, "search": search_key(n, v)} for i, n, v in found])


def _migrate_2_to_3(connection: Connection) -> None:
    """Search keys without apostrophes (:func:`folded`)."""
    _search_keys(connection)


#: migration[n] brings a register from version n to n + 1.
MIGRATIONS = {1: _migrate_1_to_2, 2: _migrate_2_to_3}


def prepare(engine: Engine, create: bool) -> int:
    """Create the register's tables (``create``) or bring an older register up to
    :data:`SCHEMA_VERSION`; the version it was found at (0 for a new one)."""
    with engine.begin() as connection:
        found = schema_version(connection)
        if found is None:
            if not create:
                raise RegisterError(tr("an empty database, not yet a register"))
            metadata.create_all(connection)
            connection.execute(meta.insert(), [
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                # Per-register salt of the NIK digests: the same NIK gives different digests in
                # different registers, so that one register's digests cannot be matched to another's.
                {"key": "nik_salt", "value": secrets.token_hex(16)},
            ])
            return 0
    if found > SCHEMA_VERSION:
        raise RegisterError(tr("register schema version {found} is newer than this rumah knows ({known}); update "
                               "rumah to open it", found=found, known=SCHEMA_VERSION))
    for version in range(found, SCHEMA_VERSION):
        with engine.begin() as connection:
            MIGRATIONS[version](connection)
            _set_version(connection, version + 1)
    return found
