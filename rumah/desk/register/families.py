"""The register's families: households and their saved versions, quotes issued, follow-up
visits and the re-plan from them, the list of families and the search.

Every saved household is a household file (YAML text) checked by the same loader as
``rumah plan`` (no second set of rules), kept with every earlier version, who saved it and when.
Two technicians editing the same family: each save names the version it started from, and a
save from a version that is no longer the newest is refused with what the other one changed
(:class:`EditConflict`), so that nobody's answers are lost without a word.

Search text is only ever a bound parameter of a ``LIKE`` (its ``%`` and ``_`` escaped):
it never reaches SQL as code.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import and_, func, insert, select, true, update

from ... import clock
from ...errors import DataError, RumahError
from ...i18n import tr
from ...plan.household import Household, parse_household
from ...plan.progress import GrantSpent, Progress, after_visit
from ...schema import Where, name
from ...yamlio import parse_yaml
from .identity import clean_nik, masked, nik_digest
from .report import MonthlyReport, family_rows, monthly_report
from .store import backup_sqlite, connect, guarded
from .tables import (
    STATUSES,
    RegisterError,
    folded,
    household_versions,
    households,
    meta,
    quotes,
    search_key,
    visit_grants,
    visit_packages,
    visit_photos,
    visits,
)

#: Longest name of a technician (who saved, who visited).
MAX_PERSON = 120
#: Longest village name.
MAX_VILLAGE = 120
#: Families on one page of the list.
PAGE = 50


class EditConflict(RumahError, ValueError):
    """A save from a version that another save has replaced meanwhile.

    changes : what the other save(s) changed, as (key path, before, after).
    """

    def __init__(self, message: str, household_id: int, opened: int, current: int, changed_by: str,
                 changed_at: datetime.datetime, changes: tuple[tuple[str, Any, Any], ...]):
        super().__init__(message)
        self.household_id, self.opened, self.current = household_id, opened, current
        self.changed_by, self.changed_at, self.changes = changed_by, changed_at, changes


@dataclass(frozen=True)
class Saved:
    household_id: int
    version: int


@dataclass(frozen=True)
class HouseholdRecord:
    """A family as the register holds it now: ``yaml`` is the newest version of its file."""

    id: int
    name: str
    village: str
    region: str
    status: str
    version: int
    nik: str              # masked: the last four digits only, or ""
    yaml: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    updated_by: str


@dataclass(frozen=True)
class VersionRecord:
    version: int
    saved_at: datetime.datetime
    saved_by: str
    source: str           # consultation or visit


@dataclass(frozen=True)
class QuoteRecord:
    id: int
    household_id: int
    household_version: int
    number: str
    issued: datetime.date
    total_idr: int
    planned_idr: int | None
    livable_month: int | None
    pdf_sha256: str


@dataclass(frozen=True)
class Visit:
    """What a technician finds at a follow-up visit.

    built : the packages found finished, as (step, package) (those the file already marks built
        may be given again).
    spent : the family's own money spent on the house since month 1 of the plan visited. [IDR]
    grants : by grant name, what its in-kind parts paid and how many tranches were released.
    cash : what the family says it holds for the house now, instead of the reckoning. [IDR]
    photos : paths of photos of the work (never of an ID card).
    parts : packages built in part, as (step, package) -> the share of the package built since
        month 1 of the plan visited.
    """

    visited: datetime.date
    built: frozenset[tuple[int, str]] = frozenset()
    spent: int = 0
    grants: Mapping[str, GrantSpent] = field(default_factory=dict)
    cash: int | None = None
    photos: tuple[str, ...] = ()
    note: str = ""
    parts: Mapping[tuple[int, str], float] = field(default_factory=dict)


@dataclass(frozen=True)
class VisitOutcome:
    """A visit recorded: the household file saved from it (``version``), its plan and status."""

    visit_id: int
    version: int
    months: int           # months since month 1 of the plan visited
    household: Household
    plan: Any             # rumah.plan.planner.Plan
    status: str


@dataclass(frozen=True)
class FamilyRow:
    id: int
    name: str
    village: str
    region: str
    status: str
    version: int
    nik: str
    updated_at: datetime.datetime


@dataclass(frozen=True)
class FamilyPage:
    rows: tuple[FamilyRow, ...]
    total: int            # families matching, on every page
    offset: int
    limit: int


def read_household(text: str, label: str) -> tuple[dict, Household]:
    """A household file's text, checked as ``rumah plan`` checks a file; its mapping as read and
    the household.  Only bundled price lists, templates and AHSP editions can be named (the
    register holds no files beside it)."""
    raw = parse_yaml(text, label)
    household = parse_household(raw, Where(label))
    return raw, household


def _label(household_id: int, version: int) -> str:
    """How a message names a saved household file, in the reader's language."""
    return tr("household {id} version {version}", id=household_id, version=version)


def check_plannable(household: Household):
    """What ``rumah plan`` checks beyond the file's own fields: the house type, the district's
    price list and the choices are known, the packages said built are packages of the house.  A
    family is not registered with a file nobody could plan.  Its priced bill
    (rumah.plan.planner.Priced)."""
    from ...cost.estimate import load_catalog
    from ...plan.planner import check_built, price_household
    priced = price_household(household, load_catalog(household.ahsp))
    check_built(household, priced)
    return priced


def _status_as_saved(household: Household, priced) -> str:
    """A saved file's status: waiting with nothing built; else as its plan says (building, or
    livable when what it has built is a livable house)."""
    if not household.built:
        return "waiting"
    from ...plan.planner import plan_household
    try:
        return status_of(plan_household(household, priced=priced, compare=False))
    except RumahError:
        return "building"


def status_of(plan) -> str:
    """waiting (nothing built), building, or livable (what is built is a livable house)."""
    if not plan.household.built:
        return "waiting"
    return "livable" if plan.problem is not None and plan.problem.livable(0) else "building"


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Key paths of a household mapping (``grants[0].month``) to their values."""
    if isinstance(value, Mapping):
        found: dict[str, Any] = {}
        for key, item in value.items():
            found.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return found or {prefix: {}}
    if isinstance(value, list):
        found = {}
        for i, item in enumerate(value):
            found.update(_flatten(item, f"{prefix}[{i}]"))
        return found or {prefix: []}
    return {prefix: float(value) if isinstance(value, float) else value}


def changes_between(before: Mapping, after: Mapping) -> tuple[tuple[str, Any, Any], ...]:
    """(key path, before, after) for every value that differs; None where a key is missing."""
    old, new = _flatten(before), _flatten(after)
    return tuple((key, old.get(key), new.get(key)) for key in sorted(set(old) | set(new))
                 if old.get(key) != new.get(key))


_MISSING = object()
#: Held while a quote is looked for and recorded (Register.record_quote).
_RECORDING = threading.Lock()


def merged_over(opened: Mapping, mine: Mapping, theirs: Mapping) -> dict:
    """A household file saved over a version newer than the one it was edited from: each value
    as ``mine`` has it where it means something else than in ``opened`` (what this technician
    changed), and as ``theirs`` has it everywhere else (what a visit found built, the tranches it
    released, another technician's answers).  Mappings (the plot, the choices) are merged key by
    key; a list (the grants, the packages built) is one value, taken whole from one side.

    A value means the same when the file reads the same with either (``2.400.000`` and
    ``2400000``; a BSPS grant with its usual terms written out or left to the default; a choice
    written as its default or left out), as konsultasi writes back what it was given.  Refused
    (DataError) when this technician changed the house (its type or its survey) while the newer
    version records work built: that work was on the other house."""
    def changed(path: tuple, before: Any, after: Any) -> bool:
        return not (before == after or _same_meaning(theirs, path, before, after))

    house = any(changed((key,), opened.get(key, _MISSING), mine.get(key, _MISSING))
                for key in ("template", "existing_house"))
    if house and opened.get("built", _MISSING) != theirs.get("built", _MISSING):
        raise DataError(tr("the newer version records work built on the house this consultation changes (its house "
                           "type or its survey): open the newer version and answer again"))
    return _merged(opened, mine, theirs, (), changed)


def _merged(opened: Mapping, mine: Mapping, theirs: Mapping, path: tuple, changed: Callable) -> dict:
    result = {}
    for key in list(mine) + [key for key in theirs if key not in mine]:
        values = (opened.get(key, _MISSING), mine.get(key, _MISSING), theirs.get(key, _MISSING))
        if all(isinstance(value, Mapping) for value in values):
            result[key] = _merged(*values, path + (key,), changed)
        elif changed(path + (key,), values[0], values[1]):
            if values[1] is not _MISSING:           # (a key this technician removed stays removed)
                result[key] = values[1]
        elif values[2] is not _MISSING:
            result[key] = values[2]
    return result


def _same_meaning(household: Mapping, path: tuple, one: Any, other: Any) -> bool:
    """Whether ``household`` reads the same with the value at ``path`` (``("parameters",
    "floor")``) given as ``one`` or as ``other`` (either may be missing)."""
    read = []
    for value in (one, other):
        changed = copy.deepcopy(dict(household))
        place = changed
        for key in path[:-1]:
            if not isinstance(place.get(key), dict):
                place[key] = {}
            place = place[key]
        if value is _MISSING:
            place.pop(path[-1], None)
        else:
            place[path[-1]] = value
        try:
            read.append(_with_choices(parse_household(changed, Where("household"))))
        except RumahError:
            return False
    return read[0] == read[1]


def _with_choices(household: Household) -> Household:
    """The household with its choices as its house type makes them: every parameter, a default
    left out as written out (or as given, when the house type cannot be read)."""
    from dataclasses import replace as replaced

    from ...house.parameters import resolve
    from ...house.template import load_template
    try:
        template = household.existing.template if household.existing is not None else load_template(household.template)
        return replaced(household, parameters=resolve(template.parameters, household.parameters, "household"))
    except RumahError:
        return household


class Register:
    """A register opened with :func:`open_register`.  ``now`` gives the clinic's local time
    (a parameter for the tests)."""

    def __init__(self, location, engine, now: Callable[[], datetime.datetime] | None = None):
        self.location, self.engine = location, engine
        self._now = now or clock.now
        self._salt: str | None = None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # -- households --------------------------------------------------------------------------

    def _digest(self, connection, nik: str) -> str:
        if self._salt is None:
            self._salt = connection.execute(select(meta.c.value).where(meta.c.key == "nik_salt")).scalar_one()
        return nik_digest(nik, self._salt)

    def _nik_values(self, connection, nik: str | None, household_id: int | None) -> dict:
        if nik is None:
            return {}
        if nik == "":
            return {"nik_digest": None, "nik_last4": None}
        digits = clean_nik(nik)
        digest = self._digest(connection, digits)
        other = connection.execute(select(households.c.id).where(households.c.nik_digest == digest)).scalar()
        if other is not None and other != household_id:
            raise DataError(tr("NIK {nik}: already registered for family number {other}", nik=masked(digits[-4:]),
                               other=other))
        return {"nik_digest": digest, "nik_last4": digits[-4:]}

    @guarded
    def save_household(self, text: str, *, by: str, household_id: int | None = None,
                       expected_version: int | None = None, village: str | None = None,
                       nik: str | None = None, source: str = "consultation") -> Saved:
        """Save a household file: a new family (no ``household_id``), or a new version of one,
        edited from ``expected_version`` (refused with :class:`EditConflict` if another save came
        first).  ``village`` None keeps the one on record; ``nik`` None keeps it, "" removes it.
        ``source``: what saved it, ``consultation`` (a family at the desk, counted as one in the
        monthly report) or ``register`` (a file entered at the office, ``rumah register add``)."""
        label = tr("household") if household_id is None else tr("household {id}", id=household_id)
        raw, household = read_household(text, label)
        status = _status_as_saved(household, check_plannable(household))
        by = name(by, Where("technician"), MAX_PERSON)
        if village is not None and village.strip():
            village = name(village, Where("village"), MAX_VILLAGE)
        now = self._now()
        with self.engine.begin() as connection:
            values = {"name": household.name, "region": household.region, "updated_at": now, "updated_by": by,
                      "status": status, **self._nik_values(connection, nik, household_id)}
            if village is not None:
                values["village"] = village.strip()
            elif household_id is not None:
                village = connection.execute(select(households.c.village)
                                             .where(households.c.id == household_id)).scalar() or ""
            values["search_key"] = search_key(household.name, (village or "").strip())
            if household_id is None:
                household_id = connection.execute(insert(households).values(
                    **values, version=1, created_at=now)).inserted_primary_key[0]
                version = 1
            else:
                if expected_version is None:
                    raise DataError(tr("{label}: say which version the changes were made to (expected_version)",
                                       label=label))
                version = expected_version + 1
                done = connection.execute(update(households).where(and_(
                    households.c.id == household_id, households.c.version == expected_version)).values(
                    **values, version=version))
                if done.rowcount != 1:
                    raise self._conflict(connection, household_id, expected_version, raw)
            connection.execute(insert(household_versions).values(
                household_id=household_id, version=version, yaml=text, saved_at=now, saved_on=now.date(),
                saved_by=by, source=source))
        return Saved(household_id, version)

    def _conflict(self, connection, household_id: int, opened: int, yours: Mapping) -> RumahError:
        row = connection.execute(select(households.c.version, households.c.updated_by, households.c.updated_at,
                                        households.c.name).where(households.c.id == household_id)).first()
        if row is None:
            return DataError(tr("household {id}: no such family in {where}", id=household_id, where=self.location))
        if opened > row.version or opened < 1:
            return DataError(tr("household {id}: version {version} does not exist (the newest is {newest})",
                                id=household_id, version=opened, newest=row.version))
        texts = dict(connection.execute(select(household_versions.c.version, household_versions.c.yaml).where(and_(
            household_versions.c.household_id == household_id,
            household_versions.c.version.in_((opened, row.version))))).all())
        before = parse_yaml(texts[opened], _label(household_id, opened))
        after = parse_yaml(texts[row.version], _label(household_id, row.version))
        changes = changes_between(before, after)
        theirs = {key for key, _, _ in changes}
        both = sorted(theirs & {key for key, _, _ in changes_between(before, yours)})
        shown = "; ".join(f"{key}: {_show(old)} -> {_show(new)}" for key, old, new in changes[:8])
        if len(changes) > 8:
            shown += f"; and {len(changes) - 8} more"
        message = (f"{row.name} (household {household_id}): {row.updated_by} saved version {row.version} at "
                   f"{row.updated_at:%Y-%m-%d %H:%M} after you opened version {opened}; your changes were not "
                   f"saved. They changed: {shown or 'nothing in the household file (village or NIK)'}")
        if both:
            message += f". You both changed: {', '.join(both)}"
        return EditConflict(message + f". Open version {row.version} and make your changes again.",
                            household_id, opened, row.version, row.updated_by, row.updated_at, changes)

    @guarded
    def household(self, household_id: int) -> HouseholdRecord:
        """A family and the newest version of its household file."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(households, household_versions.c.yaml)
                .join(household_versions, and_(household_versions.c.household_id == households.c.id,
                                               household_versions.c.version == households.c.version))
                .where(households.c.id == household_id)).first()
        if row is None:
            raise DataError(tr("household {id}: no such family in {where}", id=household_id, where=self.location))
        return HouseholdRecord(row.id, row.name, row.village, row.region, row.status, row.version,
                               masked(row.nik_last4), row.yaml, row.created_at, row.updated_at, row.updated_by)

    @guarded
    def versions(self, household_id: int) -> tuple[VersionRecord, ...]:
        """Every saved version of a family's file, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(household_versions.c.version, household_versions.c.saved_at, household_versions.c.saved_by,
                       household_versions.c.source)
                .where(household_versions.c.household_id == household_id)
                .order_by(household_versions.c.version)).all()
        return tuple(VersionRecord(*row) for row in rows)

    @guarded
    def version_text(self, household_id: int, version: int) -> str:
        with self.engine.connect() as connection:
            found = connection.execute(select(household_versions.c.yaml).where(and_(
                household_versions.c.household_id == household_id,
                household_versions.c.version == version))).scalar()
        if found is None:
            raise DataError(tr("household {id}: no version {version} in {where}", id=household_id, version=version,
                                   where=self.location))
        return found

    @guarded
    def find_nik(self, nik: str) -> int | None:
        """The family registered with this NIK, if any (matched by its digest)."""
        digits = clean_nik(nik)
        with self.engine.connect() as connection:
            digest = self._digest(connection, digits)
            return connection.execute(select(households.c.id).where(households.c.nik_digest == digest)).scalar()

    # -- the list ----------------------------------------------------------------------------

    @guarded
    def families(self, search: str | None = None, status: str | None = None, offset: int = 0,
                 limit: int = PAGE) -> FamilyPage:
        """A page of families by name (then number), those whose name or village contains
        ``search`` (any case), of one ``status`` when given."""
        conditions = []
        if search and search.strip():
            pattern = "%" + _escape_like(folded(search.strip())) + "%"
            conditions.append(households.c.search_key.like(pattern, escape="\\"))
        if status is not None:
            if status not in STATUSES:
                raise DataError(tr("status: expected one of {names}, found {found!r}", names=", ".join(STATUSES),
                                   found=status))
            conditions.append(households.c.status == status)
        where = and_(true(), *conditions)
        # Without a search the name index gives the first page at once; with one, walking that
        # index would fetch every family row by row to test it (0.2 s when nothing matches), so the
        # matches are found by one scan and sorted by the (lower case) name that starts the key.
        order = (households.c.search_key if search and search.strip() else households.c.name, households.c.id)
        with self.engine.connect() as connection:
            total = connection.execute(select(func.count()).select_from(households).where(where)).scalar_one()
            rows = connection.execute(
                select(households.c.id, households.c.name, households.c.village, households.c.region,
                       households.c.status, households.c.version, households.c.nik_last4, households.c.updated_at)
                .where(where).order_by(*order)
                .offset(max(0, offset)).limit(max(1, limit))).all()
        return FamilyPage(tuple(FamilyRow(r.id, r.name, r.village, r.region, r.status, r.version,
                                          masked(r.nik_last4), r.updated_at) for r in rows), total, offset, limit)

    # -- quotes ------------------------------------------------------------------------------

    @guarded
    def record_quote(self, household_id: int, *, number: str, issued: datetime.date, total_idr: int, pdf: bytes,
                     by: str, version: int | None = None, planned_idr: int | None = None,
                     livable_month: int | None = None) -> QuoteRecord:
        """Record a quote handed to the family: its number, date, totals and the SHA-256 digest of
        its PDF (so that a printed quote can be matched to the register)."""
        by = name(by, Where("technician"), MAX_PERSON)
        digest = hashlib.sha256(pdf).hexdigest()
        record = self.household(household_id)
        version = record.version if version is None else version
        # The same quote issued again (a second press of the button, a consultation saved again
        # with only the village changed) is the quote on record, not one more: the monthly report
        # counts each once.
        # (Looked for and recorded under one lock: two presses at once are two threads of a desk.)
        with _RECORDING:
            same = next((q for q in self.quotes(household_id) if q.number == number and q.pdf_sha256 == digest),
                        None)
            if same is not None:
                return same
            return self._insert_quote(household_id, version, number, issued, total_idr, planned_idr, livable_month,
                                      digest, by)

    def _insert_quote(self, household_id: int, version: int, number: str, issued: datetime.date, total_idr: int,
                      planned_idr: int | None, livable_month: int | None, digest: str, by: str) -> QuoteRecord:
        with self.engine.begin() as connection:
            new_id = connection.execute(insert(quotes).values(
                household_id=household_id, household_version=version, number=number, issued=issued,
                total_idr=total_idr, planned_idr=planned_idr, livable_month=livable_month, pdf_sha256=digest,
                recorded_at=self._now(), recorded_by=by)).inserted_primary_key[0]
        return QuoteRecord(new_id, household_id, version, number, issued, total_idr, planned_idr, livable_month,
                           digest)

    def record_quote_of(self, household_id: int, quote, pdf: bytes, *, by: str) -> QuoteRecord:
        """Record a :class:`rumah.documents.quote.Quote` and its PDF bytes."""
        plan = quote.plan
        return self.record_quote(household_id, number=quote.number, issued=quote.date, total_idr=plan.bill.total,
                                 pdf=pdf, by=by, planned_idr=sum(s.cost for s in plan.best.steps),
                                 livable_month=plan.best.livable_month)

    @guarded
    def quotes(self, household_id: int) -> tuple[QuoteRecord, ...]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(quotes.c.id, quotes.c.household_id, quotes.c.household_version,
                                             quotes.c.number, quotes.c.issued, quotes.c.total_idr,
                                             quotes.c.planned_idr, quotes.c.livable_month, quotes.c.pdf_sha256)
                                      .where(quotes.c.household_id == household_id)
                                      .order_by(quotes.c.issued, quotes.c.id)).all()
        return tuple(QuoteRecord(*row) for row in rows)

    # -- plans and visits --------------------------------------------------------------------

    @guarded
    def plan(self, household_id: int, catalog=None):
        """The plan of a family's newest household file (rumah.plan.planner.Plan)."""
        from ...plan.planner import plan_household
        record = self.household(household_id)
        _, household = read_household(record.yaml, _label(household_id, record.version))
        return plan_household(household, catalog, start=self._plan_start(household_id, household, record))

    @guarded
    def _plan_start(self, household_id: int, household: Household, record: HouseholdRecord) -> datetime.date:
        """The calendar month of plan month 1: the file's ``start_month``; else the month of the
        family's latest quote; else the month its newest version was saved."""
        if household.start is not None:
            return datetime.date(household.start[0], household.start[1], 1)
        with self.engine.connect() as connection:
            issued = connection.execute(select(func.max(quotes.c.issued))
                                        .where(quotes.c.household_id == household_id)).scalar()
        if issued is not None:
            return issued if isinstance(issued, datetime.date) else datetime.date.fromisoformat(str(issued))
        return record.updated_at.date()

    @guarded
    def record_visit(self, household_id: int, visit: Visit, *, by: str, expected_version: int | None = None,
                     catalog=None) -> VisitOutcome:
        """Record a follow-up visit and re-plan the rest from what was really built and spent: the
        household file moves on (plan month 1 becomes the visit's month, the packages built are
        marked ``built``, the savings are what is left, the grants what is still to come) and is
        saved as a new version; the family's status follows what is built."""
        from ...plan.planner import plan_household
        by = name(by, Where("technician"), MAX_PERSON)
        record = self.household(household_id)
        if expected_version is not None and expected_version != record.version:
            with self.engine.connect() as connection:
                yours = parse_yaml(self.version_text(household_id, expected_version), "visit")
                raise self._conflict(connection, household_id, expected_version, yours)
        label = _label(household_id, record.version)
        raw, household = read_household(record.yaml, label)
        start = self._plan_start(household_id, household, record)
        months = (visit.visited.year - start.year) * 12 + visit.visited.month - start.month
        if visit.visited > self._now().date():
            raise DataError(tr("visited: expected a date no later than today ({today}), found {found}",
                               today=self._now().date().isoformat(), found=visit.visited.isoformat()))
        last = self.last_visit(household_id)
        if last is not None and visit.visited < last:
            # What a visit records counts from the visit before it: one dated earlier would be
            # counted on top of the later one's figures.
            raise DataError(tr("visited: expected a date no earlier than the last visit recorded ({last}), found "
                               "{found}", last=last.isoformat(), found=visit.visited.isoformat()))
        progress = Progress(months, frozenset(visit.built), visit.spent, dict(visit.grants), visit.cash, start.month,
                            dict(visit.parts))
        moved = after_visit(raw, household, progress)
        moved["start_month"] = f"{visit.visited.year:04d}-{visit.visited.month:02d}"
        text = yaml.safe_dump(moved, allow_unicode=True, sort_keys=False, width=100)
        version = record.version + 1
        _, new_household = read_household(text, _label(household_id, version))
        plan = plan_household(new_household, catalog, start=visit.visited)
        status = status_of(plan)
        newly = sorted(set(new_household.built) - set(household.built))     # parts that add up too
        now = self._now()
        with self.engine.begin() as connection:
            done = connection.execute(update(households).where(and_(
                households.c.id == household_id, households.c.version == record.version)).values(
                version=version, status=status, updated_at=now, updated_by=by))
            if done.rowcount != 1:
                raise self._conflict(connection, household_id, record.version, moved)
            connection.execute(insert(household_versions).values(
                household_id=household_id, version=version, yaml=text, saved_at=now, saved_on=now.date(),
                saved_by=by, source="visit"))
            visit_id = connection.execute(insert(visits).values(
                household_id=household_id, visited=visit.visited, from_version=record.version, to_version=version,
                spent_idr=visit.spent, cash_idr=visit.cash, note=visit.note, recorded_at=now,
                recorded_by=by)).inserted_primary_key[0]
            if newly:
                connection.execute(insert(visit_packages), [{"visit_id": visit_id, "step": s, "package": p}
                                                            for s, p in newly])
            used = [{"visit_id": visit_id, "grant_name": grant, "tranches": spent.tranches,
                     "materials_idr": spent.materials, "labour_idr": spent.labour}
                    for grant, spent in sorted(visit.grants.items())]
            if used:
                connection.execute(insert(visit_grants), used)
            if visit.photos:
                connection.execute(insert(visit_photos), [{"visit_id": visit_id, "position": i, "path": str(p)}
                                                          for i, p in enumerate(visit.photos)])
        return VisitOutcome(visit_id, version, months, new_household, plan, status)

    @guarded
    def last_visit(self, household_id: int) -> datetime.date | None:
        """The date of a family's latest visit recorded, if any."""
        with self.engine.connect() as connection:
            return connection.execute(select(func.max(visits.c.visited))
                                      .where(visits.c.household_id == household_id)).scalar()

    @guarded
    def visits(self, household_id: int) -> tuple[dict, ...]:
        """A family's visits, oldest first: date, versions, money, packages found built, photos."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(visits).where(visits.c.household_id == household_id)
                                      .order_by(visits.c.visited, visits.c.id)).mappings().all()
            result = []
            for row in rows:
                packages = connection.execute(select(visit_packages.c.step, visit_packages.c.package)
                                              .where(visit_packages.c.visit_id == row["id"])).all()
                photos = connection.execute(select(visit_photos.c.path).where(visit_photos.c.visit_id == row["id"])
                                            .order_by(visit_photos.c.position)).scalars().all()
                grants = connection.execute(select(visit_grants.c.grant_name, visit_grants.c.tranches,
                                                   visit_grants.c.materials_idr, visit_grants.c.labour_idr)
                                            .where(visit_grants.c.visit_id == row["id"])
                                            .order_by(visit_grants.c.grant_name)).all()
                result.append({**row, "packages": [tuple(p) for p in packages], "photos": list(photos),
                               "grants": [tuple(g) for g in grants]})
        return tuple(result)

    # -- reports and backups ----------------------------------------------------------------

    @guarded
    def monthly_report(self, year: int, month: int) -> MonthlyReport:
        """What the clinic did in one calendar month (see :class:`MonthlyReport`)."""
        with self.engine.connect() as connection:
            return monthly_report(connection, year, month)

    @guarded
    def family_list(self) -> list[dict]:
        """Every family with its latest quote and visit, for an export."""
        with self.engine.connect() as connection:
            return family_rows(connection)

    def backup(self, target: str | Path) -> None:
        """A consistent copy of a SQLite register while it is in use (PostgreSQL: pg_dump)."""
        if self.location.path is None:
            raise RegisterError(f"{self.location}: a PostgreSQL register is backed up with the server's own "
                                "tools (pg_dump)")
        self.engine.dispose()          # nothing of ours holds the file while SQLite copies it
        backup_sqlite(self.location.path, Path(target))


def _escape_like(text: str) -> str:
    """``text`` matched literally by LIKE ... ESCAPE '\\': its wildcards made plain characters."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    shown = repr(value) if isinstance(value, str) else str(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def open_register(location: str | Path | None = None, *, create: bool = True,
                  now: Callable[[], datetime.datetime] | None = None) -> Register:
    """Open the register at ``location``: a SQLite file (created when missing and ``create``),
    a ``postgresql://`` URL, or None for ``register.sqlite`` in the user's data folder.  Its
    schema is created, or migrated from an older version."""
    where, engine = connect(location, create=create)
    return Register(where, engine, now)
