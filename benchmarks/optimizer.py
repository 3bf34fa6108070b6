"""Timings of the build-sequence optimizer.  Run: python benchmarks/optimizer.py [--count N] [--stress K]

1. Package problems of the bundled templates, as real households make them: the synthetic
   households of rumah.program.synthetic (seed 2025), priced, each turned into its problem of
   work packages (grants in kind, loans, seasonal money where the household has them) and
   solved in-process.  Families their house type can never house are not planned (the planner
   tells them so first) and are left out.  Targets: median at most 1 ms, 99th percentile at
   most 20 ms.
2. Any problem up to 24 tasks and 240 months, of any shape: random problems with 24 tasks in
   every shape (a growing house, a forest, work packages of eight steps, and 22 steps that each
   need only the first), with loans, grants in kind and inflation.  Each must answer within 5 s:
   exactly, or with ProblemTooLarge.  Prints the slowest answer of each shape.

Medians and percentiles, because the spread is wide; the machine has 2 shared cores, so beside
the wall-clock times the CPU time of the process (time.process_time) is given: other programs
running at the same time lengthen the first, hardly the second.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rumah.errors import RumahError  # noqa: E402
from rumah.plan.household import LoanOffer, parse_household  # noqa: E402
from rumah.plan.optimize import Credit, Problem, ProblemTooLarge, Task, solve  # noqa: E402
from rumah.plan.planner import make_problem, never_livable  # noqa: E402
from rumah.plan.reference import Livable, random_problem  # noqa: E402
from rumah.program.batch import Planner, row_to_household  # noqa: E402
from rumah.program.synthetic import households  # noqa: E402
from rumah.schema import Where  # noqa: E402


def percentile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def template_problems(count: int) -> list[Problem]:
    planner, problems = Planner(), []
    for k, cells in enumerate(households(count, seed=2025)):
        try:
            household = parse_household(row_to_household(cells), Where(f"row {k + 2}"))
            priced = planner.price(household)
        except RumahError:
            continue
        if not never_livable(household, priced):
            problems.append(make_problem(household, priced).problem)
    return problems


def independent(rng: random.Random, horizon: int) -> Problem:
    """22 optional steps that each need only the core: the shape that ran for minutes."""
    tasks = (Task(1, 30_000_000, 2, 10.0),) + tuple(
        Task(k, rng.randrange(2, 15) * 1_000_000, rng.randint(1, 3), float(rng.randint(1, 5)), (0,))
        for k in range(2, 25))
    return Problem(tasks, horizon, 20_000_000, 3_000_000, loans=(LoanOffer("kredit", 20_000_000, 0.06, 36),),
                   inflation=0.03, livable=Livable(1), credits=(Credit("materials", 3, 15, (8_750_000, 8_750_000)),))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=3000, help="synthetic households")
    parser.add_argument("--stress", type=int, default=3, help="random 24-task problems per shape")
    args = parser.parse_args()

    problems = template_problems(args.count)
    times, cpu = [], []
    for problem in problems:
        start, start_cpu = time.perf_counter(), time.process_time()
        solve(problem)
        cpu.append(time.process_time() - start_cpu)
        times.append(time.perf_counter() - start)
    for name, values in (("wall clock", times), ("CPU time", cpu)):
        ordered = sorted(values)
        print(f"package problems of the bundled templates ({len(problems)} households), {name}: "
              f"median {statistics.median(values) * 1000:.2f} ms, p90 {percentile(ordered, 0.9) * 1000:.1f} ms, "
              f"p99 {percentile(ordered, 0.99) * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms")
    by_kind: dict[str, list[float]] = {}
    for problem, seconds in zip(problems, times):
        kind = ("loan" if problem.loans else "no loan") + (", grant in kind" if problem.credits else "")
        by_kind.setdefault(kind, []).append(seconds)
    for kind, values in sorted(by_kind.items()):
        values.sort()
        print(f"    {kind:24s} n={len(values):5d}  median {statistics.median(values) * 1000:6.2f} ms  "
              f"p99 {percentile(values, 0.99) * 1000:6.1f} ms  (wall clock)")

    rng = random.Random(20261202)
    shapes = {
        "house": lambda: random_problem(rng, 24, 240, shape="house", credits=True, tranches=2),
        "forest": lambda: random_problem(rng, 24, 240, shape="forest", credits=True, tranches=2),
        "packages (8 steps)": lambda: random_problem(rng, 8, 240, shape="packages", credits=True, tranches=2),
        "22 independent steps": lambda: independent(rng, 240),
    }
    print("\n24 tasks, 240 months (answer within 5 s, exactly or 'too large'):")
    for name, make in shapes.items():
        slowest, slowest_cpu, outcomes = 0.0, 0.0, []
        for _ in range(args.stress):
            problem = make()
            start, start_cpu = time.perf_counter(), time.process_time()
            try:
                solve(problem)
                outcomes.append("exact")
            except ProblemTooLarge:
                outcomes.append("too large")
            slowest = max(slowest, time.perf_counter() - start)
            slowest_cpu = max(slowest_cpu, time.process_time() - start_cpu)
        print(f"    {name:22s} slowest {slowest:5.2f} s wall clock, {slowest_cpu:5.2f} s CPU  "
              f"({', '.join(outcomes)})")


if __name__ == "__main__":
    main()
