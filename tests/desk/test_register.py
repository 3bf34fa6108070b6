"""The register: its schema and migrations, families and their versions, the version check,
NIKs, search, visits and the re-plan from them, and the monthly report, on SQLite and (where a
server is given) PostgreSQL."""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
import yaml

pytest.importorskip("sqlalchemy")

from sqlalchemy import create_engine, inspect, text  # noqa: E402

from rumah.desk.register.families import EditConflict, Visit, open_register  # noqa: E402
from rumah.desk.register.store import Location  # noqa: E402
from rumah.desk.register.tables import SCHEMA_VERSION, RegisterError, metadata  # noqa: E402
from rumah.errors import DataError  # noqa: E402
from rumah.plan.progress import GrantSpent  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KENDAL = (EXAMPLES / "kendal-nelayan.yaml").read_text(encoding="utf-8")
MADIUN = (EXAMPLES / "madiun-pabrik.yaml").read_text(encoding="utf-8")


def named(household_text: str, new_name: str) -> str:
    """The same household file under another family name."""
    lines = [f"name: {json.dumps(new_name)}" if line.startswith("name:") else line
             for line in household_text.splitlines()]
    return "\n".join(lines) + "\n"


class Clock:
    """The clinic's clock, set by the test."""

    def __init__(self, when: datetime.datetime):
        self.when = when

    def __call__(self) -> datetime.datetime:
        return self.when


def engine_of(location: str):
    where = Location(location)
    return create_engine(where.url if where.url is not None else f"sqlite:///{where.path}")


# -- schema ---------------------------------------------------------------------------------------

def test_a_new_register_has_every_table_at_the_current_version(location):
    open_register(location).close()
    engine = engine_of(location)
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == set(metadata.tables)
        version = connection.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
        salt = connection.execute(text("SELECT value FROM meta WHERE key = 'nik_salt'")).scalar()
    engine.dispose()
    assert int(version) == SCHEMA_VERSION == 3
    assert len(salt) == 32


#: Schema version 1 as it was, written out by hand: households, their versions, quotes.
VERSION_1 = (
    "CREATE TABLE meta (key VARCHAR(40) PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE households (id {serial} PRIMARY KEY, name VARCHAR(120) NOT NULL, "
    "village VARCHAR(120) DEFAULT '' NOT NULL, region VARCHAR(200) NOT NULL, nik_digest VARCHAR(64), "
    "nik_last4 VARCHAR(4), version INTEGER NOT NULL, created_at TIMESTAMP NOT NULL, "
    "updated_at TIMESTAMP NOT NULL, updated_by VARCHAR(120) NOT NULL, "
    "CONSTRAINT households_nik_digest_key UNIQUE (nik_digest))",
    "CREATE INDEX households_name ON households (name)",
    "CREATE INDEX households_village ON households (village)",
    "CREATE TABLE household_versions (id {serial} PRIMARY KEY, household_id INTEGER NOT NULL "
    "REFERENCES households (id) ON DELETE CASCADE, version INTEGER NOT NULL, yaml TEXT NOT NULL, "
    "saved_at TIMESTAMP NOT NULL, saved_by VARCHAR(120) NOT NULL, "
    "CONSTRAINT household_versions_key UNIQUE (household_id, version))",
    "CREATE TABLE quotes (id {serial} PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id) "
    "ON DELETE CASCADE, household_version INTEGER NOT NULL, number VARCHAR(40) NOT NULL, issued DATE NOT NULL, "
    "total_idr BIGINT NOT NULL, planned_idr BIGINT, livable_month INTEGER, pdf_sha256 VARCHAR(64) NOT NULL, "
    "recorded_at TIMESTAMP NOT NULL, recorded_by VARCHAR(120) NOT NULL)",
    "INSERT INTO meta VALUES ('schema_version', '1'), ('nik_salt', '00112233445566778899aabbccddeeff')",
)


def write_version_1(location: str) -> None:
    engine = engine_of(location)
    serial = "SERIAL" if engine.dialect.name == "postgresql" else "INTEGER"
    with engine.begin() as connection:
        for statement in VERSION_1:
            connection.execute(text(statement.format(serial=serial)))
        connection.execute(text(
            "INSERT INTO households (name, village, region, version, created_at, updated_at, updated_by) "
            "VALUES ('Keluarga Bapak Slamet', 'Bandengan', 'kendal', 1, '2026-05-02 10:00:00', "
            "'2026-05-02 10:00:00', 'Siti')"))
        connection.execute(text("INSERT INTO household_versions (household_id, version, yaml, saved_at, saved_by) "
                                "VALUES (1, 1, :yaml, '2026-05-02 10:00:00', 'Siti')"), {"yaml": KENDAL})
        connection.execute(text("INSERT INTO quotes (household_id, household_version, number, issued, total_idr, "
                                "pdf_sha256, recorded_at, recorded_by) VALUES (1, 1, 'RS-KENDAL-0001', "
                                "'2026-05-02', 95000000, :digest, '2026-05-02 10:05:00', 'Siti')"),
                           {"digest": "ab" * 32})
    engine.dispose()


def test_a_version_1_register_is_migrated_and_keeps_its_families(location):
    write_version_1(location)
    clock = Clock(datetime.datetime(2026, 8, 1, 9, 0))
    with open_register(location, create=False, now=clock) as book:
        family = book.household(1)
        assert (family.name, family.village, family.status, family.version) == \
               ("Keluarga Bapak Slamet", "Bandengan", "waiting", 1)
        assert family.yaml == KENDAL
        assert [q.number for q in book.quotes(1)] == ["RS-KENDAL-0001"]
        assert book.families(search="bandeng").total == book.families(search="SLAMET").total == 1
        # The day of the old version is filled in from when it was saved: it counts in May's report.
        assert book.monthly_report(2026, 5).consultations == 1
        # What version 2 added works on the migrated register.
        outcome = book.record_visit(1, Visit(datetime.date(2026, 8, 1), frozenset({(1, "structure")}), 0),
                                    by="Budi")
        assert outcome.status == "building"
    engine = engine_of(location)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == "3"
    engine.dispose()


def test_a_search_finds_a_name_with_any_apostrophe_or_none(location):
    """Ma'ruf typed on a phone is Ma’ruf, and often maruf: each finds the family, whichever was
    saved; a register of version 2, whose keys kept the apostrophe, is found so once opened."""
    raw = yaml.safe_load(KENDAL)
    with open_register(location) as book:
        for name in ("Keluarga Bapak Ma'ruf", "Keluarga Ibu Ma’rifah"):
            book.save_household(yaml.safe_dump(raw | {"name": name}, allow_unicode=True), by="Siti")
        for typed, found in (("ma'ruf", 1), ("ma’ruf", 1), ("maʼruf", 1), ("MARUF", 1), ("ma'r", 2), ("marif", 1)):
            assert book.families(search=typed).total == found, typed
    engine = engine_of(location)
    with engine.begin() as connection:
        connection.execute(text("UPDATE households SET search_key = lower(name) || char(10)"
                                if engine.dialect.name == "sqlite" else
                                "UPDATE households SET search_key = lower(name) || chr(10)"))
        connection.execute(text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
    engine.dispose()
    with open_register(location, create=False) as book:
        assert book.families(search="maruf").total == 1


def test_a_register_from_a_newer_rumah_is_refused(location):
    open_register(location).close()
    engine = engine_of(location)
    with engine.begin() as connection:
        connection.execute(text("UPDATE meta SET value = '9' WHERE key = 'schema_version'"))
    engine.dispose()
    with pytest.raises(RegisterError, match="schema version 9 is newer than this rumah knows \\(3\\)"):
        open_register(location)


def test_a_database_of_something_else_is_not_taken_for_a_register(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(RegisterError, match=r"other.sqlite: a database, but not a rumah register .*invoices"):
        open_register(path)


# -- households and versions ---------------------------------------------------------------------

def test_every_version_is_kept_with_who_and_when(location):
    clock = Clock(datetime.datetime(2026, 7, 1, 9, 0))
    with open_register(location, now=clock) as book:
        first = book.save_household(KENDAL, by="Siti", village="Bandengan")
        clock.when = datetime.datetime(2026, 7, 2, 14, 30)
        second = book.save_household(KENDAL.replace('"2.400.000"', '"2.600.000"'), by="Budi",
                                     household_id=first.household_id, expected_version=1)
        assert second.version == 2
        versions = book.versions(first.household_id)
        assert [(v.version, v.saved_by, v.saved_at.day) for v in versions] == [(1, "Siti", 1), (2, "Budi", 2)]
        assert book.version_text(first.household_id, 1) == KENDAL
        assert '"2.600.000"' in book.household(first.household_id).yaml


def test_a_household_file_is_checked_as_rumah_plan_checks_it(location):
    with open_register(location) as book:
        with pytest.raises(DataError, match=r"household: income_monthly: expected an amount in Rupiah"):
            book.save_household(KENDAL.replace('"2.400.000"', '"lots"'), by="Siti")
        with pytest.raises(DataError, match="household: region: expected a bundled name"):
            book.save_household(KENDAL.replace("region: kendal", "region: ../../etc/passwd"), by="Siti")
        assert book.families().total == 0


def test_two_technicians_editing_one_family_the_stale_save_is_refused(location):
    # Two registers are two connections, as two desks would be.
    with open_register(location) as siti, open_register(location) as budi:
        family = siti.save_household(KENDAL, by="Siti").household_id
        opened_by_siti = siti.household(family).version
        opened_by_budi = budi.household(family).version
        budi.save_household(KENDAL.replace('"2.400.000"', '"2.600.000"'), by="Budi", household_id=family,
                            expected_version=opened_by_budi)
        with pytest.raises(EditConflict) as refused:
            siti.save_household(KENDAL.replace('"2.400.000"', '"2.500.000"'), by="Siti", household_id=family,
                                expected_version=opened_by_siti)
        conflict = refused.value
        assert (conflict.opened, conflict.current, conflict.changed_by) == (1, 2, "Budi")
        assert conflict.changes == (("income_monthly", "2.400.000", "2.600.000"),)
        assert "Budi saved version 2" in str(conflict) and "You both changed: income_monthly" in str(conflict)
        # Budi's answer stands; Siti saves again from the newest version.
        assert '"2.600.000"' in siti.household(family).yaml
        assert siti.save_household(KENDAL, by="Siti", household_id=family, expected_version=2).version == 3


# -- NIK ----------------------------------------------------------------------------------------

NIK = "3324011203850007"


def test_a_nik_is_never_stored_whole(tmp_path):
    path = tmp_path / "register.sqlite"
    with open_register(path) as book:
        family = book.save_household(KENDAL, by="Siti", nik="3324 0112 0385 0007").household_id
        assert book.household(family).nik == "************0007"
        assert book.families().rows[0].nik == "************0007"
        assert book.find_nik(NIK) == family
        assert book.find_nik("3324011203850008") is None
        with pytest.raises(DataError, match=r"NIK \*+0007: already registered for family number 1"):
            book.save_household(MADIUN, by="Budi", nik=NIK)
        data = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    for form in (NIK, "3324 0112 0385 0007", NIK[:12]):
        assert form.encode() not in data and form.encode("utf-16-le") not in data
    assert b"0007" in data          # the last four digits are kept, to show


def test_a_wrong_nik_is_refused_without_repeating_it(location):
    with open_register(location) as book, pytest.raises(DataError) as refused:
        book.save_household(KENDAL, by="Siti", nik="33240112038500071")
    assert "expected a NIK of 16 digits, found 17 digits" in str(refused.value)
    assert "33240112038500071" not in str(refused.value)


# -- the list and the search ---------------------------------------------------------------------

AWKWARD = ("Keluarga O'Brien", "Bu Tini 100% lunas", "Pak a_b", "Bu Sri\"; DROP TABLE households; --",
           "Keluarga Slamet", "Keluarga Slamet Dua", "Pak Back\\slash")


def test_search_text_is_matched_literally_and_never_runs_as_sql(location):
    with open_register(location) as book:
        for i, family in enumerate(AWKWARD):
            book.save_household(named(KENDAL, family), by="Siti", village="Bandengan" if i % 2 else "Kaliwungu")

        def found(text):
            return sorted(r.name for r in book.families(search=text).rows)

        assert found("%") == ["Bu Tini 100% lunas"]
        assert found("_") == ["Pak a_b"]
        assert found("'") == ["Keluarga O'Brien"]
        assert found("\\") == ["Pak Back\\slash"]
        assert found("\"; DROP TABLE households; --") == ["Bu Sri\"; DROP TABLE households; --"]
        assert found("' OR '1'='1") == []
        assert found("slamet") == ["Keluarga Slamet", "Keluarga Slamet Dua"]
        assert len(found("BANDENGAN")) == 3 and len(found("kaliwungu")) == 4
        assert book.families().total == len(AWKWARD)


def test_the_list_pages_by_name(location):
    with open_register(location) as book:
        for i in range(7):
            book.save_household(named(KENDAL, f"Keluarga {chr(ord('G') - i)}"), by="Siti")
        first = book.families(limit=3)
        second = book.families(offset=3, limit=3)
        assert [r.name for r in first.rows] == ["Keluarga A", "Keluarga B", "Keluarga C"]
        assert [r.name for r in second.rows] == ["Keluarga D", "Keluarga E", "Keluarga F"]
        assert first.total == second.total == 7
        assert book.families(status="building").total == 0


# -- visits ------------------------------------------------------------------------------------

def test_a_visit_replans_the_rest_from_what_was_built_and_spent(location):
    # Kendal fisher family: Rp 2.400.000 x 0,30 = Rp 720.000 a month, savings Rp 3.000.000; a quote of
    # 10 January 2026 makes January month 1.  Visit on 3 July: 6 months on.  Step 1's structure was built
    # with the first BSPS tranche (Rp 8.750.000 of materials) and Rp 4.000.000 of the family's own money.
    with open_register(location, now=Clock(datetime.datetime(2026, 7, 3, 10, 0))) as book:
        family = book.save_household(KENDAL, by="Siti").household_id
        book.record_quote(family, number="RS-KENDAL-TEST", issued=datetime.date(2026, 1, 10), total_idr=1,
                          pdf=b"%PDF", by="Siti")
        visit = Visit(datetime.date(2026, 7, 3), frozenset({(1, "structure")}), spent=4_000_000,
                      grants={"BSPS 2025": GrantSpent(materials=8_750_000, tranches=1)},
                      photos=("foto/fondasi.jpg",))
        outcome = book.record_visit(family, visit, by="Budi")
        assert outcome.months == 6
        cash = 3_000_000 + 6 * 720_000 - 4_000_000
        household = outcome.household
        assert household.savings == cash == 3_320_000
        assert household.built == frozenset({(1, "structure")})
        assert household.start == (2026, 7)
        bsps = household.grants[0]
        assert (bsps.materials, bsps.labour, bsps.month, bsps.period) == (8_750_000, 2_500_000, 1, 9)
        plan = outcome.plan
        planned = [(row.step, row.package) for row in plan.best.steps]
        assert (1, "structure") not in planned
        # The money before each package is the cash left plus the months' money, less what was paid.
        paid = 0
        for row in plan.best.steps:
            assert row.cash_before == cash + 720_000 * (row.month - 1) - paid
            paid += row.own
        assert outcome.status == "building" and book.household(family).status == "building"
        saved = book.household(family)
        assert saved.version == 2 and "savings: 3320000" in saved.yaml
        assert book.versions(family)[-1].source == "visit"
        recorded = book.visits(family)[0]
        assert recorded["packages"] == [(1, "structure")] and recorded["photos"] == ["foto/fondasi.jpg"]


def test_a_visit_dated_after_today_is_refused_and_nothing_saved(location):
    """A mistyped year (2072 for 2027) would credit decades of housing money as savings."""
    with open_register(location, now=Clock(datetime.datetime(2027, 3, 10, 9, 0))) as book:
        family = book.save_household(KENDAL, by="Siti").household_id
        with pytest.raises(DataError, match=r"visited: expected a date no later than today \(2027-03-10\), found "
                                            r"2072-03-10"):
            book.record_visit(family, Visit(datetime.date(2072, 3, 10), frozenset()), by="Siti")
        assert book.household(family).version == 1 and book.visits(family) == ()


def test_every_method_that_reads_the_register_says_its_errors_as_the_registers():
    """A database error met by a method the desk calls is the register's message, never a raw
    driver error (a 500 at the desk): each such method is guarded.  The others only close the
    register, copy its file, or hand on to guarded methods."""
    import inspect

    from rumah.desk.register.families import Register
    unguarded = {name for name, method in inspect.getmembers(Register, inspect.isfunction)
                 if not name.startswith("_") and not hasattr(method, "__wrapped__")}
    assert unguarded == {"backup", "close", "record_quote_of"}


def test_a_visit_dated_before_the_last_one_is_refused_and_nothing_saved(location):
    """What a visit records counts from the visit before it: one typed with an earlier date after
    a later one would be counted on top of it (two tranches for one)."""
    with open_register(location, now=Clock(datetime.datetime(2026, 6, 28, 9, 0))) as book:
        family = book.save_household(KENDAL, by="Siti").household_id
        book.record_visit(family, Visit(datetime.date(2026, 6, 20), frozenset()), by="Siti")
        with pytest.raises(DataError, match=r"visited: expected a date no earlier than the last visit recorded "
                                            r"\(2026-06-20\), found 2026-06-05"):
            book.record_visit(family, Visit(datetime.date(2026, 6, 5), frozenset()), by="Siti")
        assert book.household(family).version == 2 and len(book.visits(family)) == 1
        assert book.last_visit(family) == datetime.date(2026, 6, 20)
        # The same day again is a second visit that day, as it may be.
        book.record_visit(family, Visit(datetime.date(2026, 6, 20), frozenset()), by="Siti")
        assert len(book.visits(family)) == 2


def test_a_family_whose_built_rooms_are_livable_is_livable(location):
    with open_register(location, now=Clock(datetime.datetime(2026, 3, 20, 9, 0))) as book:
        family = book.save_household(KENDAL, by="Siti").household_id
        everything = frozenset((step, kind) for step in (1, 2, 3) for kind in ("structure", "enclosure"))
        outcome = book.record_visit(family, Visit(datetime.date(2026, 3, 20), everything, cash=0), by="Siti")
        assert outcome.status == "livable"
        assert [r.name for r in book.families(status="livable").rows] == ["Keluarga Bapak Slamet"]


def test_one_quote_pressed_twice_at_once_is_recorded_once(location, monkeypatch):
    """Two presses of 'issue the quote' at once are two threads of the desk: the quote on record is
    looked for and recorded under one lock, so it is recorded once."""
    import threading
    import time

    from rumah.desk.register.families import Register
    with open_register(location) as book:
        family = book.save_household(KENDAL, by="Siti").household_id
        looked = Register.quotes

        def slow(self, household_id):
            found = looked(self, household_id)
            time.sleep(0.2)                     # both presses look before either records
            return found

        monkeypatch.setattr(Register, "quotes", slow)
        threads = [threading.Thread(target=book.record_quote, args=(family,), kwargs=dict(
            number="RS-KENDAL-0001", issued=datetime.date(2026, 7, 1), total_idr=1, pdf=b"q", by="Siti"))
            for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        monkeypatch.undo()
        assert len(book.quotes(family)) == 1


# -- the monthly report -------------------------------------------------------------------------

def test_the_monthly_report_counts_services_households_packages_and_tranches(location):
    clock = Clock(datetime.datetime(2026, 6, 30, 16, 0))
    with open_register(location, now=clock) as book:
        # June: one family registered (a June consultation, outside July's report).
        june = book.save_household(named(KENDAL, "Keluarga Juni"), by="Siti", village="Bandengan").household_id
        book.record_quote(june, number="Q-JUNI", issued=datetime.date(2026, 6, 30), total_idr=1, pdf=b"a", by="Siti")
        # July 1: two new families; the first saved twice that day (one consultation), again on July 8.
        clock.when = datetime.datetime(2026, 7, 1, 9, 0)
        # (Its village written as the other desk writes it: the same village.)
        one = book.save_household(named(KENDAL, "Keluarga Satu"), by="Siti", village="bandengan").household_id
        clock.when = datetime.datetime(2026, 7, 1, 11, 0)
        book.save_household(named(KENDAL, "Keluarga Satu"), by="Siti", household_id=one, expected_version=1)
        two = book.save_household(named(MADIUN, "Keluarga Dua"), by="Budi", village="Nambangan").household_id
        clock.when = datetime.datetime(2026, 7, 8, 10, 0)
        book.save_household(named(KENDAL, "Keluarga Satu"), by="Siti", household_id=one, expected_version=2)
        # Quotes: two in July (one each), and one on 1 August.
        book.record_quote(one, number="Q-1", issued=datetime.date(2026, 7, 8), total_idr=1, pdf=b"b", by="Siti")
        book.record_quote(two, number="Q-2", issued=datetime.date(2026, 7, 31), total_idr=1, pdf=b"c", by="Budi")
        book.record_quote(two, number="Q-3", issued=datetime.date(2026, 8, 1), total_idr=1, pdf=b"d", by="Budi")
        # Visits in July to the June family: structure and enclosure of step 1 (then finishing, already
        # built structure given again, not counted twice); the first BSPS tranche and wages.
        clock.when = datetime.datetime(2026, 7, 20, 10, 0)
        book.record_visit(june, Visit(datetime.date(2026, 7, 20), frozenset({(1, "structure"), (1, "enclosure")}),
                                      spent=1_000_000, grants={"BSPS 2025": GrantSpent(8_750_000, 1_000_000, 1)}),
                          by="Budi")
        clock.when = datetime.datetime(2026, 7, 28, 10, 0)
        book.record_visit(june, Visit(datetime.date(2026, 7, 28), frozenset({(1, "structure"), (1, "finishing")}),
                                      spent=500_000), by="Budi")
        report = book.monthly_report(2026, 7)
        june_report = book.monthly_report(2026, 6)
    # Consultations: Satu on July 1 and July 8, Dua on July 1 (the visits' re-plans are not consultations).
    assert report.consultations == 3
    assert (report.quotes, report.visits) == (2, 2)
    assert report.services == 7
    assert report.households_assisted == 3            # Satu, Dua, Juni (visited)
    assert report.new_households == 2
    assert report.packages_completed == 3
    assert report.packages_by_kind == {"enclosure": 1, "finishing": 1, "structure": 1}
    assert (report.tranches_used, report.grant_materials_idr, report.grant_labour_idr) == (1, 8_750_000, 1_000_000)
    assert report.own_spent_idr == 1_500_000
    assert report.statuses == {"waiting": 2, "building": 1, "livable": 0}
    assert (june_report.consultations, june_report.quotes, june_report.households_assisted,
            june_report.new_households) == (1, 1, 1, 1)
    # Village by village: Satu and Juni in Bandengan (however written), Dua in Nambangan; each
    # figure of the whole is the sum of the villages'.
    bandengan, nambangan = report.villages["Bandengan"], report.villages["Nambangan"]
    assert list(report.villages) == ["Bandengan", "Nambangan"]
    assert (bandengan.consultations, bandengan.quotes, bandengan.visits, bandengan.households_assisted,
            bandengan.new_households, bandengan.packages_completed, bandengan.tranches_used,
            bandengan.own_spent_idr) == (2, 1, 2, 2, 1, 3, 1, 1_500_000)
    assert (nambangan.consultations, nambangan.quotes, nambangan.visits, nambangan.households_assisted,
            nambangan.new_households, nambangan.packages_completed) == (1, 1, 0, 1, 1, 0)
    assert bandengan.statuses == {"waiting": 1, "building": 1, "livable": 0}
    for key in ("consultations", "quotes", "visits", "services", "households_assisted", "new_households",
                "packages_completed", "tranches_used", "grant_materials_idr", "grant_labour_idr", "own_spent_idr"):
        assert getattr(report, key) == sum(getattr(v, key) for v in report.villages.values()), key
    for status, count in report.statuses.items():
        assert count == sum(v.statuses[status] for v in report.villages.values())


# -- the file --------------------------------------------------------------------------------------

def private(path: Path) -> bool:
    return stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0


def test_the_register_file_is_its_owners_only(tmp_path):
    path = tmp_path / "register.sqlite"
    with open_register(path) as book:
        book.save_household(KENDAL, by="Siti")
        for kept in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert private(kept), kept
        book.backup(tmp_path / "copy.sqlite")
    assert private(tmp_path / "copy.sqlite")
    with sqlite3.connect(path) as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    os.chmod(path, 0o644)                       # a copy made carelessly
    open_register(path).close()
    assert private(path)


def test_a_default_register_goes_in_the_users_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with open_register() as book:
        assert book.location.path == tmp_path / "data" / "rumah" / "register.sqlite"
        book.save_household(KENDAL, by="Siti")
    assert stat.S_IMODE(os.stat(tmp_path / "data" / "rumah").st_mode) == 0o700


def test_a_backup_made_while_in_use_holds_every_family(tmp_path):
    path = tmp_path / "register.sqlite"
    with open_register(path) as book:
        for family in ("Keluarga A", "Keluarga B"):
            book.save_household(named(KENDAL, family), by="Siti")
        other = open_register(path)          # another desk, holding the register open
        other.families()
        book.backup(tmp_path / "copy.sqlite")
        other.close()
    with open_register(tmp_path / "copy.sqlite", create=False) as copy:
        assert [r.name for r in copy.families().rows] == ["Keluarga A", "Keluarga B"]


def test_a_quote_issued_is_recorded_with_its_pdfs_digest(tmp_path):
    import hashlib

    from rumah.documents.quote import make_quote
    from rumah.documents.quote_pdf import write_quote
    quote = make_quote(EXAMPLES / "kendal-nelayan.yaml", date=datetime.date(2026, 7, 1))
    write_quote(tmp_path / "penawaran.pdf", quote)
    pdf = (tmp_path / "penawaran.pdf").read_bytes()
    with open_register(tmp_path / "register.sqlite") as book:
        family = book.save_household(KENDAL, by="Siti").household_id
        recorded = book.record_quote_of(family, quote, pdf, by="Siti")
        assert book.quotes(family) == (recorded,)
    assert recorded.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert (recorded.number, recorded.issued, recorded.total_idr) == (quote.number, datetime.date(2026, 7, 1),
                                                                      quote.plan.bill.total)
    assert recorded.planned_idr == sum(row.cost for row in quote.plan.best.steps)
    assert recorded.livable_month == quote.plan.best.livable_month and recorded.household_version == 1
