"""Timing of the register with 50,000 families.
Run: python benchmarks/register.py [--households N] [--runs N] [--db URL]

Target (issue 18): the list of families (its first page, and a search by name or village) and
the monthly report each under 200 ms with 50,000 households.  The register is filled in bulk
(the households' files are the three examples under generated names and villages), with two
years of saved versions, quotes for about two families in three and follow-up visits (with
packages and grant tranches) for about one in three, so that the report has months to sift.
Each figure is the median over ``--runs`` calls of the library function the desk calls, on a
register opened afresh (a SQLite file in a temporary folder by default, or ``--db`` a
PostgreSQL URL whose register tables are replaced).
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rumah.desk.register.families import open_register  # noqa: E402
from rumah.desk.register.tables import (  # noqa: E402
    household_versions,
    households,
    quotes,
    search_key,
    visit_grants,
    visit_packages,
    visits,
)

FIRST = ("Slamet", "Sri", "Tini", "Darmo", "Sutrisno", "Wahyuni", "Budi", "Siti", "Agus", "Rahayu", "Joko",
         "Endang", "Bambang", "Suparmi", "Heru", "Lestari", "Yanto", "Ningsih", "Eko", "Purwanti")
VILLAGES = ("Bandengan", "Kaliwungu", "Sukolilo", "Wonosari", "Karanganyar", "Tambakrejo", "Sidomulyo",
            "Pekuncen", "Kemiri", "Mojosari", "Banyuurip", "Ngawen", "Kutoharjo", "Jetis", "Pandes")
EXAMPLES = ("kendal-nelayan.yaml", "madiun-pabrik.yaml", "pekalongan-rob.yaml")
PACKAGES = ((1, "structure"), (1, "enclosure"), (1, "finishing"), (2, "structure"), (2, "enclosure"))


def fill(book, count: int, seed: int = 18) -> None:
    """``count`` families with versions, quotes and visits over 2025-2026, inserted in bulk."""
    rng = random.Random(seed)
    files = [(ROOT / "examples" / name).read_text(encoding="utf-8") for name in EXAMPLES]
    regions = ("kendal", "madiun", "pekalongan")
    start = datetime.datetime(2025, 1, 1, 8, 0)
    rows, versions, quote_rows, visit_rows, package_rows, grant_rows = [], [], [], [], [], []
    visit_id = 0
    for number in range(1, count + 1):
        kind = rng.randrange(3)
        created = start + datetime.timedelta(days=rng.randrange(700), minutes=rng.randrange(480))
        name = f"Keluarga {rng.choice(('Bapak', 'Ibu'))} {rng.choice(FIRST)} {number}"
        status = rng.choice(("waiting", "waiting", "building", "livable"))
        body = files[kind]
        village = rng.choice(VILLAGES)
        rows.append({"id": number, "name": name, "village": village, "search_key": search_key(name, village),
                     "region": regions[kind],
                     "status": status, "version": 1, "created_at": created, "updated_at": created,
                     "updated_by": rng.choice(("Siti", "Budi", "Heru"))})
        versions.append({"household_id": number, "version": 1, "yaml": body, "saved_at": created,
                         "saved_on": created.date(), "saved_by": "Siti", "source": "consultation"})
        if rng.random() < 0.65:
            issued = (created + datetime.timedelta(days=rng.randrange(3))).date()
            quote_rows.append({"household_id": number, "household_version": 1, "number": f"RS-X-{number:08X}",
                               "issued": issued, "total_idr": rng.randrange(60_000_000, 140_000_000),
                               "planned_idr": None, "livable_month": rng.randrange(1, 90),
                               "pdf_sha256": f"{number:064x}", "recorded_at": created, "recorded_by": "Siti"})
        if status != "waiting":
            visit_id += 1
            visited = (created + datetime.timedelta(days=30 + rng.randrange(300))).date()
            visit_rows.append({"id": visit_id, "household_id": number, "visited": visited, "from_version": 1,
                               "to_version": 1, "spent_idr": rng.randrange(0, 9_000_000), "cash_idr": None,
                               "note": "", "recorded_at": created, "recorded_by": "Budi"})
            for step, package in PACKAGES[:rng.randrange(1, len(PACKAGES) + 1)]:
                package_rows.append({"visit_id": visit_id, "step": step, "package": package})
            if kind == 0:
                grant_rows.append({"visit_id": visit_id, "grant_name": "BSPS 2025", "tranches": rng.randrange(1, 3),
                                   "materials_idr": 8_750_000, "labour_idr": 1_250_000})
    with book.engine.begin() as connection:
        for table, data in ((households, rows), (household_versions, versions), (quotes, quote_rows),
                            (visits, visit_rows), (visit_packages, package_rows), (visit_grants, grant_rows)):
            for at in range(0, len(data), 5000):
                connection.execute(insert(table), data[at:at + 5000])
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT setval('households_id_seq', :n)"), {"n": count})
            connection.execute(text("ANALYZE"))
        else:
            connection.execute(text("ANALYZE"))


def median_ms(call, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        begin = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--db", default=None, help="a postgresql:// URL (default: a SQLite file in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        location = args.db or str(Path(folder) / "register.sqlite")
        book = open_register(location)
        if args.db:
            with book.engine.begin() as connection:
                for table in ("visit_photos", "visit_grants", "visit_packages", "visits", "quotes",
                              "household_versions", "households"):
                    connection.execute(text(f"DELETE FROM {table}"))
        begin = time.perf_counter()
        fill(book, args.households)
        print(f"filled {args.households:,} households in {time.perf_counter() - begin:.1f} s ({book.location})")
        book.close()
        book = open_register(location, create=False)
        cases = [
            ("list, first page", lambda: book.families()),
            ("list, page 500", lambda: book.families(offset=500 * 50)),
            ("search by name 'slamet'", lambda: book.families(search="slamet")),
            ("search by village 'kaliwungu'", lambda: book.families(search="kaliwungu")),
            ("search matching nothing", lambda: book.families(search="tidak-ada-100%")),
            ("list of status 'building'", lambda: book.families(status="building")),
            ("monthly report 2026-03", lambda: book.monthly_report(2026, 3)),
        ]
        print(f"median over {args.runs} calls (target under 200 ms each):")
        for label, call in cases:
            ms, result = median_ms(call, args.runs)
            size = f"{result.total:,} matching" if hasattr(result, "total") else \
                f"{result.services:,} services, {result.households_assisted:,} households"
            print(f"  {label:32s} {ms:8.1f} ms   ({size})")
        # The export a program office downloads every month: every family on the second sheet.
        from rumah.desk.register.export import workbook
        begin = time.perf_counter()
        listed = book.family_list()
        data = workbook(book.monthly_report(2026, 3), listed, "id")
        print(f"  {'xlsx export, once':32s} {(time.perf_counter() - begin) * 1000:8.1f} ms   "
              f"({len(listed):,} families, {len(data) / 1e6:.1f} MB)")
        book.close()


if __name__ == "__main__":
    main()
