"""Timings of `rumah prices import` on a district-sized table.  Run: python benchmarks/prices_import.py [--rows N]

A district's whole SSH holds thousands of items (office supplies, vehicles, food ... as well as
building materials).  This writes an SSH-like table of N rows (default 20,000: the house
materials and wages among many items that match nothing), as CSV and as XLSX, and times the
import in-process (reading, matching every row against every pattern, writing and checking the
list).  Target: a whole district's table in well under ten seconds on one core.  Prints medians.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rumah.cost.resources import load_resources  # noqa: E402
from rumah.cost.ssh import import_price_list  # noqa: E402
from rumah.data import catalog_dir  # noqa: E402

HOUSE = [("Semen Portland", "50 kg", "Sak", "Rp 62.000,00"), ("Pasir Pasang", "", "m3", "225.000"),
         ("Pasir Beton", "", "m3", "275.000"), ("Bata Merah", "", "bh", "650"),
         ("Besi Beton Polos Ø 10 mm", "", "btg", "95.000"), ("Pekerja", "", "OH", "100.000"),
         ("Tukang Batu", "", "OH", "110.000"), ("Kepala Tukang", "", "OH", "125.000"), ("Mandor", "", "OH", "130.000")]
OTHER = ["Kertas HVS A4 {n} gram", "Ballpoint hitam tipe {n}", "Meja kerja kayu {n} cm", "Kursi lipat model {n}",
         "Sewa kendaraan roda {n}", "Makanan kotak paket {n}", "Tinta printer seri {n}", "Map plastik ukuran {n}"]


def write_table(folder: Path, rows: int) -> tuple[Path, Path]:
    data = []
    for n in range(rows):
        if n % 1000 < len(HOUSE):
            data.append([f"1.1.7.{n}", *HOUSE[n % 1000]])
        else:
            price = f"{10_000 + n:,}".replace(",", ".")
            data.append([f"1.1.9.{n}", OTHER[n % len(OTHER)].format(n=n % 97 + 1), "", "buah", price])
    header = ["Kode Barang", "Uraian", "Spesifikasi", "Satuan", "Harga Satuan"]
    path_csv = folder / "ssh.csv"
    with open(path_csv, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(["STANDAR SATUAN HARGA TAHUN 2025"])
        writer.writerow(header)
        writer.writerows(data)
    path_xlsx = folder / "ssh.xlsx"
    try:
        import openpyxl
    except ImportError:
        return path_csv, None
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("SSH")
    sheet.append(["STANDAR SATUAN HARGA TAHUN 2025"])
    sheet.append(header)
    for row in data:
        sheet.append(row)
    book.save(path_xlsx)
    return path_csv, path_xlsx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    resources = load_resources(catalog_dir() / "resources.yaml")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        tables = write_table(folder, args.rows)
        for table in tables:
            if table is None:
                print("xlsx: openpyxl not installed (pip install '.[xlsx]')")
                continue
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                imported, _, _ = import_price_list(table, folder / "uji-2025.yaml", resources, region="kendal",
                                                   year=2025, source="benchmark")
                times.append(time.perf_counter() - start)
            print(f"import {table.suffix[1:]:4s} {args.rows:7,d} rows ({len(imported.unmatched):,} unmatched)  "
                  f"median {statistics.median(times):6.2f} s  (min {min(times):.2f}, max {max(times):.2f}, "
                  f"n={len(times)})")


if __name__ == "__main__":
    main()
