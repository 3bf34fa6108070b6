"""Timings of the build-sequence optimizer.  Run: python benchmarks/plan.py [--count N] [--milp K]

Targets (issue 3): median at most 5 ms per household at 10 steps / 120 months and at most 50 ms at
15 steps / 240 months, in-process, exact; and the ratio to a time-indexed MILP on the same problems.

Problems come from rumah.plan.reference.random_problem with a fixed seed: costs 5-40 juta a step,
1-4 months each, values 1-10, savings 0-10 juta, 0.5-3 juta a month, up to two grants and two loan
offers, 0-5 % inflation, livable once a random prerequisite-closed set of steps stands.  Two shapes
of prerequisites: "house" (each step extends the one before it seven times in ten, otherwise a
random earlier one: all need the core) and "forest" (a random earlier step, or none one time in
five: far more possible orders than a real template).  Medians, 90th percentiles and maxima are
printed because the spread is wide.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rumah.plan.optimize import solve  # noqa: E402
from rumah.plan.reference import SolverError, milp, random_problem  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=60, help="problems per size and shape")
    parser.add_argument("--milp", type=int, default=5, help="problems per size also solved by the MILP")
    parser.add_argument("--limit", type=float, default=120.0, help="time limit of one MILP run [s]")
    args = parser.parse_args()
    for shape in ("house", "forest"):
        for steps, horizon in ((10, 120), (15, 240)):
            rng = random.Random(20261123)
            problems = [random_problem(rng, steps, horizon, shape=shape) for _ in range(args.count)]
            times = []
            for problem in problems:
                start = time.perf_counter()
                solve(problem)
                times.append(time.perf_counter() - start)
            ordered = sorted(times)
            print(f"{shape:6s} {steps:2d} steps / {horizon:3d} months: median {statistics.median(times) * 1000:7.1f} ms"
                  f"  p90 {ordered[int(0.9 * len(ordered))] * 1000:8.1f} ms  max {ordered[-1] * 1000:9.1f} ms"
                  f"  (n={len(times)})")
            if shape == "house" and args.milp:
                ratios, milp_times, unfinished = [], [], 0
                for problem, ours in list(zip(problems, times))[:args.milp]:
                    start = time.perf_counter()
                    try:
                        value = milp(problem, time_limit=args.limit)
                    except SolverError:
                        unfinished += 1          # counted at the time limit: a lower bound on its time
                    else:
                        assert abs(value - solve(problem).score) <= 1e-6 * max(1.0, abs(value)), "not exact"
                    elapsed = time.perf_counter() - start
                    milp_times.append(elapsed)
                    ratios.append(elapsed / ours)
                print(f"       MILP on the first {len(ratios)}: median {statistics.median(milp_times):.2f} s "
                      f"({unfinished} stopped at the {args.limit:.0f} s limit; the others found the same optimum); "
                      f"MILP / optimizer time: median {statistics.median(ratios):,.0f}x")


if __name__ == "__main__":
    main()
