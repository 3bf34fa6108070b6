"""Throughput and memory of rumah batch.  Run: python benchmarks/batch.py [--count N] [--runs R]

Targets (issue 6): at least 2,000 households planned per second on the 2-core development machine
(synthetic households, exact optimizer, full output); 1,000,000 households with peak memory under
500 MB (``--count 1000000 --runs 1``).  Each run is a fresh ``python -m rumah batch`` process, timed
from start to finish (pricing the distinct houses, planning, writing and the summary included).
Memory is the largest sum of resident memory over the batch process and its workers, sampled
every 0.2 s from /proc.  Also reports, for a few of the same households, how long the time-indexed
MILP (rumah.plan.reference.milp) takes, and the ratio to the exact optimizer's per-household time.

``--rows no-grant`` and ``--rows grant`` time the rows without a grant and those with one apart: a
row with a grant is planned twice (with and without it, for its grant's effect in months), and
``--grants N`` plans every row without a grant a second time with a BSPS grant.

The machine is shared: beside the wall clock, each run's CPU time (the batch process and its
workers, from getrusage) gives households per CPU second, and that times the workers is the rate
the run would have had with its cores to itself.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rumah.program.synthetic import FIELDS, households  # noqa: E402


def tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants. [bytes]"""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def children_cpu() -> float:
    """CPU seconds of the finished child processes (and theirs). [s]"""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(source: Path, output: Path, workers: int, extra: tuple[str, ...] = ()) -> tuple[float, int, float]:
    start, start_cpu = time.perf_counter(), children_cpu()
    process = subprocess.Popen([sys.executable, "-m", "rumah", "batch", str(source), "-o", str(output),
                                "--workers", str(workers), "--summary", str(output) + ".json", *extra],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.2)
    if process.returncode:
        raise SystemExit(process.stderr.read().decode())
    return time.perf_counter() - start, peak, children_cpu() - start_cpu


def milp_ratio(count: int, per_household: float) -> None:
    from rumah.plan.household import parse_household
    from rumah.plan.planner import make_problem
    from rumah.plan.reference import Livable, SolverError, milp
    from rumah.program.batch import Planner, row_to_household
    from rumah.schema import Where
    planner, times = Planner(), []
    for k, row in enumerate(households(count, seed=99)):
        household = parse_household(row_to_household(row), Where(f"row {k}"))
        problem, _ = make_problem(household, planner.price(household))
        # The MILP models livability as "these steps are all built": the smallest livable set.
        n = len(problem.tasks)
        livable = [m for m in range(1 << n) if problem.livable(m)]
        minimal = min(livable, key=lambda m: bin(m).count("1"), default=0)
        problem = dataclasses.replace(problem, livable=Livable(minimal))
        start = time.perf_counter()
        with contextlib.suppress(SolverError):          # timed out: the time spent is the figure
            milp(problem, time_limit=120)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"MILP, {count} of the same households: median {median:.2f} s each "
          f"(min {min(times):.2f}, max {max(times):.2f}); {median / per_household:,.0f} x the batch time per household")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--milp", type=int, default=5, help="households also solved by the MILP (0: none)")
    parser.add_argument("--rows", choices=("all", "no-grant", "grant"), default="all",
                        help="all synthetic rows, only those without a grant, or only those with one (each of "
                             "those is planned twice: with and without its grant)")
    parser.add_argument("--grants", type=int, default=None, metavar="N",
                        help="pass --grants N: every row without a grant is planned a second time, with one")
    args = parser.parse_args()
    extra = ("--grants", str(args.grants)) if args.grants else ()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "households.csv"
        keep = {"all": lambda row: True, "no-grant": lambda row: not row["grant_name"],
                "grant": lambda row: bool(row["grant_name"])}[args.rows]
        with source.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, FIELDS, lineterminator="\n")
            writer.writeheader()
            rows = (row for row in households(10 * args.count, seed=42) if keep(row))
            writer.writerows(row for _, row in zip(range(args.count), rows))
        print(f"{args.count:,} synthetic households ({args.rows}{', ' + ' '.join(extra) if extra else ''}), "
              f"{source.stat().st_size / 1e6:.1f} MB of CSV")
        best = None
        for workers in (int(w) for w in args.workers.split(",")):
            rates, peaks, cpu_rates = [], [], []
            for _ in range(args.runs):
                seconds, peak, cpu = timed_run(source, Path(folder) / "out.csv", workers, extra)
                rates.append(args.count / seconds)
                cpu_rates.append(args.count / cpu)
                peaks.append(peak)
            rate = statistics.median(rates)
            best = max(best or 0, rate)
            per_cpu = statistics.median(cpu_rates)
            print(f"workers {workers}: median {rate:,.0f} households/s (min {min(rates):,.0f}, max {max(rates):,.0f}) "
                  f"over {args.runs} runs; peak memory {max(peaks) / 2**20:,.0f} MB; "
                  f"{per_cpu:,.0f} households per CPU second, x {workers} = {per_cpu * workers:,.0f}/s "
                  f"on {workers} free cores")
    if args.milp:
        milp_ratio(args.milp, 1 / best)


if __name__ == "__main__":
    main()
