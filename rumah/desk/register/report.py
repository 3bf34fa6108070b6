"""The register's monthly report to the program, and the list of families for an export.

The clinics report services delivered and households assisted; the BSPS program tracks
progress and tranches (DOMAIN.md section 7).  In a calendar month:

- services delivered: consultations (a family's file saved at the desk, counted once a family a
  day), quotes issued and follow-up visits;
- households assisted: families with at least one of those services;
- packages completed: work packages found finished at the month's visits (those not already
  marked built);
- grant tranches used: tranches of grants in kind released, as recorded at the month's visits,
  with what their materials and labour parts paid; and the families' own money spent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from sqlalchemy import and_, distinct, func, literal, select, union_all
from sqlalchemy.engine import Connection

from .identity import masked
from .tables import STATUSES, folded, household_versions, households, quotes, visit_grants, visit_packages, visits


@dataclass(frozen=True)
class MonthlyReport:
    """What a clinic did in one calendar month (money in whole Rupiah).

    statuses : families by status now (waiting, building, livable), not at the month's end.
    villages : the same report for each village (desa/kelurahan) of the register, by name
        ("" for families saved without one); the clinic's figures are their sums.
    """

    year: int
    month: int
    consultations: int
    quotes: int
    visits: int
    households_assisted: int
    new_households: int
    packages_completed: int
    packages_by_kind: dict[str, int]
    tranches_used: int
    grant_materials_idr: int
    grant_labour_idr: int
    own_spent_idr: int
    statuses: dict[str, int]
    villages: dict[str, MonthlyReport] = field(default_factory=dict)

    @property
    def services(self) -> int:
        return self.consultations + self.quotes + self.visits

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def month_range(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    """The first day of the month and of the next."""
    first = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return first, following


_COUNTS = ("consultations", "quotes", "visits", "households_assisted", "new_households", "tranches_used",
           "grant_materials_idr", "grant_labour_idr", "own_spent_idr")


def _by_village(figures: dict[str, dict]) -> dict[str, dict]:
    """The figures of one village written in several ways ("Bandengan", "bandengan ") added up
    under one name, as the register's search and its check for a family entered twice see them
    (:func:`rumah.desk.register.tables.folded`): the spelling written trimmed and capitalised,
    when one is."""
    spellings: dict[str, list[str]] = {}
    for place in figures:
        spellings.setdefault(" ".join(folded(place).split()), []).append(place)
    merged = {}
    for places in spellings.values():
        name = min(places, key=lambda p: (p != p.strip(), p.strip() == p.strip().lower(), p)).strip()
        total: dict = {}
        for place in places:
            for key, value in figures[place].items():
                if isinstance(value, dict):
                    for k, v in value.items():
                        total.setdefault(key, {})[k] = total.get(key, {}).get(k, 0) + v
                else:
                    total[key] = total.get(key, 0) + value
        merged[name] = total
    return merged


def monthly_report(connection: Connection, year: int, month: int) -> MonthlyReport:
    """The month's report, village by village and for the whole register (each figure of the
    whole is the sum of the villages': a family belongs to one village)."""
    first, following = month_range(year, month)
    village = households.c.village
    figures: dict[str, dict] = {}

    def add(key: str, rows) -> None:
        for place, value in rows:
            figures.setdefault(place or "", {})[key] = value

    def by_village(source, *columns):
        """``columns`` of ``source`` grouped by the village of the family its ``household_id`` names."""
        return (select(village, *columns).select_from(source)
                .join(households, households.c.id == source.c.household_id).group_by(village))

    saved = household_versions.c
    consulted = (select(saved.household_id, saved.saved_on).distinct()
                 .where(and_(saved.source == "consultation", saved.saved_on >= first, saved.saved_on < following))
                 .subquery())
    add("consultations", connection.execute(by_village(consulted, func.count())).all())
    in_month_quotes = and_(quotes.c.issued >= first, quotes.c.issued < following)
    in_month_visits = and_(visits.c.visited >= first, visits.c.visited < following)
    add("quotes", connection.execute(by_village(quotes, func.count()).where(in_month_quotes)).all())
    for place, count, spent in connection.execute(
            by_village(visits, func.count(), func.coalesce(func.sum(visits.c.spent_idr), 0))
            .where(in_month_visits)).all():
        figures.setdefault(place or "", {}).update(visits=count, own_spent_idr=int(spent))
    served = union_all(select(consulted.c.household_id.label("household_id")),
                       select(quotes.c.household_id).where(in_month_quotes),
                       select(visits.c.household_id).where(in_month_visits)).subquery()
    assisted = by_village(served, func.count(distinct(served.c.household_id)))
    add("households_assisted", connection.execute(assisted).all())
    start = datetime.datetime.combine(first, datetime.time())
    end = datetime.datetime.combine(following, datetime.time())
    add("new_households", connection.execute(
        select(village, func.count()).where(and_(households.c.created_at >= start, households.c.created_at < end))
        .group_by(village)).all())
    for place, kind, count in connection.execute(
            select(village, visit_packages.c.package, func.count())
            .join(visits, visits.c.id == visit_packages.c.visit_id)
            .join(households, households.c.id == visits.c.household_id)
            .where(in_month_visits).group_by(village, visit_packages.c.package)).all():
        figures.setdefault(place or "", {}).setdefault("kinds", {})[kind] = count
    for place, tranches, materials, labour in connection.execute(
            select(village, func.coalesce(func.sum(visit_grants.c.tranches), 0),
                   func.coalesce(func.sum(visit_grants.c.materials_idr), 0),
                   func.coalesce(func.sum(visit_grants.c.labour_idr), 0))
            .join(visits, visits.c.id == visit_grants.c.visit_id)
            .join(households, households.c.id == visits.c.household_id)
            .where(in_month_visits).group_by(village)).all():
        figures.setdefault(place or "", {}).update(tranches_used=int(tranches), grant_materials_idr=int(materials),
                                                   grant_labour_idr=int(labour))
    for place, status, count in connection.execute(
            select(village, households.c.status, func.count()).group_by(village, households.c.status)).all():
        figures.setdefault(place or "", {}).setdefault("statuses", {})[status] = count
    villages = {place: _report(year, month, found) for place, found in sorted(_by_village(figures).items())}
    whole = {key: sum(getattr(r, key) for r in villages.values()) for key in _COUNTS}
    kinds: dict[str, int] = {}
    statuses = dict.fromkeys(STATUSES, 0)
    for report in villages.values():
        for kind, count in report.packages_by_kind.items():
            kinds[kind] = kinds.get(kind, 0) + count
        for status, count in report.statuses.items():
            statuses[status] += count
    return MonthlyReport(year, month, whole["consultations"], whole["quotes"], whole["visits"],
                         whole["households_assisted"], whole["new_households"], sum(kinds.values()),
                         dict(sorted(kinds.items())), whole["tranches_used"], whole["grant_materials_idr"],
                         whole["grant_labour_idr"], whole["own_spent_idr"], statuses, villages)


def _report(year: int, month: int, found: dict) -> MonthlyReport:
    """One village's report from the figures found for it (none found: nothing done)."""
    kinds = found.get("kinds", {})
    statuses = found.get("statuses", {})
    return MonthlyReport(year, month, *(int(found.get(key, 0)) for key in _COUNTS[:5]), sum(kinds.values()),
                         dict(sorted(kinds.items())), *(int(found.get(key, 0)) for key in _COUNTS[5:]),
                         {status: statuses.get(status, 0) for status in STATUSES})


def family_rows(connection: Connection) -> list[dict]:
    """Every family, by name, with its latest quote (number, date, total) and latest visit."""
    latest_quote = (select(quotes.c.household_id, func.max(quotes.c.id).label("quote_id"))
                    .group_by(quotes.c.household_id).subquery())
    last_visit = (select(visits.c.household_id, func.max(visits.c.visited).label("visited"),
                         func.count().label("visits"))
                  .group_by(visits.c.household_id).subquery())
    rows = connection.execute(
        select(households.c.id, households.c.name, households.c.village, households.c.region, households.c.status,
               households.c.nik_last4, households.c.version, households.c.created_at, households.c.updated_at,
               households.c.updated_by, quotes.c.number, quotes.c.issued, quotes.c.total_idr,
               func.coalesce(last_visit.c.visits, literal(0)).label("visits"), last_visit.c.visited)
        .select_from(households)
        .outerjoin(latest_quote, latest_quote.c.household_id == households.c.id)
        .outerjoin(quotes, quotes.c.id == latest_quote.c.quote_id)
        .outerjoin(last_visit, last_visit.c.household_id == households.c.id)
        .order_by(households.c.name, households.c.id)).mappings().all()
    return [{**row, "nik": masked(row["nik_last4"])} for row in rows]
