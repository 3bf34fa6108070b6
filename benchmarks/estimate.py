"""Timings of the estimate path.  Run: python benchmarks/estimate.py [--runs N]

Targets (issue 2): `rumah --help` and `rumah estimate ... --format json` from a cold process at
most 0.35 s median; one template at one step in-process at most 5 ms.  Prints medians and the
spread (min-max) so that the machine's noise is visible.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def command() -> list[str]:
    installed = shutil.which("rumah")
    return [installed] if installed else [sys.executable, str(ROOT / "cli.py")]


def cold(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd="/")
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float], unit: str = "s", scale: float = 1.0) -> None:
    values = [t * scale for t in times]
    print(f"{label:55s} median {statistics.median(values):8.3f} {unit}   "
          f"(min {min(values):.3f}, max {max(values):.3f}, n={len(values)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    print(f"python {sys.version.split()[0]}, command: {' '.join(command())}")
    report("cold: python -c pass (interpreter start-up)", cold([sys.executable, "-c", "pass"], runs))
    report("cold: rumah --help", cold(command() + ["--help"], runs))
    report("cold: rumah estimate inti-6m --region kendal --format json",
           cold(command() + ["estimate", "inti-6m", "--region", "kendal", "--format", "json"], runs))

    from rumah.cost.estimate import load_catalog
    from rumah.cost.prices import load_price_list
    from rumah.cost.pricing import price_bill
    from rumah.house.design import build_design
    from rumah.house.template import load_template

    catalog = load_catalog()
    price_list = load_price_list("kendal", catalog.resources)
    template = load_template("inti-6m")
    for label, step in (("in-process: design + price inti-6m step 1", [1]),
                        ("in-process: design + price inti-6m all 3 steps", None)):
        times = []
        for _ in range(max(runs * 10, 200)):
            start = time.perf_counter()
            design = build_design(template, {})
            price_bill(design, catalog.edition, price_list, catalog.resources, catalog.bill_map, steps=step)
            times.append(time.perf_counter() - start)
        report(label, times, "ms", 1000)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        catalog = load_catalog()
        load_price_list("kendal", catalog.resources)
        load_template("inti-6m")
        times.append(time.perf_counter() - start)
    report("in-process: load catalog, price list, template", times, "ms", 1000)


if __name__ == "__main__":
    main()
