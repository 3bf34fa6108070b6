"""A program office's view of planning: 6,000 synthetic households, before and after work packages.

Run: python benchmarks/population.py [--count N] [--seed S]

Plans every household of rumah.program.synthetic (seed 2025, 120 months) twice:

* as before work packages: one task per build step, the whole step bought at once, a grant's
  in-kind parts counted as cash arriving in its month (what the planner did until 2026-12);
* as now: work packages (structure, enclosure, finishing), grants paid in kind, in tranches,
  within their period, a package built in part with the materials a tranche buys when the
  family cannot pay for it whole.

and prints the figures of the planning issue side by side.  Targets: never livable within the
horizon at most 35 %, first work after month 24 at most 60 %, BSPS households starting within
6 months of their grant at least 90 %.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rumah.errors import RumahError  # noqa: E402
from rumah.plan.household import parse_household  # noqa: E402
from rumah.plan.optimize import solve  # noqa: E402
from rumah.plan.planner import make_problem, plan_household  # noqa: E402
from rumah.program.batch import Planner, row_to_household  # noqa: E402
from rumah.program.synthetic import households  # noqa: E402
from rumah.schema import Where  # noqa: E402


def before(household, priced) -> tuple[int | None, int | None]:
    """(livable month, first work month) as the planner made them before work packages."""
    cash = tuple(dataclasses.replace(g, materials=0, labour=0, kind="cash") for g in household.grants)
    setup = make_problem(dataclasses.replace(household, grants=cash), priced, whole_steps=True)
    solution = solve(setup.problem)
    first = solution.starts[0][1] + 1 if solution.starts else None
    return (solution.livable_from + 1 if solution.livable_from is not None else None), first


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "   -  "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    planner = Planner()
    rows = []
    started = time.perf_counter()
    for k, cells in enumerate(households(args.count, seed=args.seed)):
        try:
            household = parse_household(row_to_household(cells), Where(f"row {k + 2}"))
            priced = planner.price(household)
            plan = plan_household(household, priced=priced)
        except RumahError:
            continue
        old_livable, old_first = before(household, priced)
        step1 = plan.bill.steps[0]
        bsps = next((g for g in household.grants if g.kind == "bsps"), None)
        rows.append({
            "old_livable": old_livable, "old_first": old_first, "livable": plan.best.livable_month,
            "first": plan.best.first_month, "naive": plan.naive.livable_month, "status": plan.status,
            "step1_months": step1.total / household.budget,
            "first_package_months": step1.packages[0].total / household.budget,
            "finishing_share": sum(p.total for p in step1.packages if not p.to_live) / step1.total,
            "bsps_month": bsps.month if bsps else None,
            "lost": sum(g.lost_materials + g.lost_labour for g in plan.grants),
            "lost_because": next((g.reason for g in plan.grants if g.reason), ""),
        })
    seconds = time.perf_counter() - started
    n = len(rows)

    def share(key: str, test) -> str:
        return percent(sum(1 for r in rows if test(r[key])), n)

    print(f"{n:,} synthetic households (seed {args.seed}), planned before and after in {seconds:.0f} s\n")
    print(f"{'':64s} {'before':>10s} {'now':>10s}")
    print(f"{'households never livable within 120 months':64s} {share('old_livable', lambda m: m is None):>10s} "
          f"{share('livable', lambda m: m is None):>10s}")
    for month in (24, 48):
        print(f"{'households whose first work starts after month ' + str(month):64s} "
              f"{share('old_first', lambda m, month=month: m is None or m > month):>10s} "
              f"{share('first', lambda m, month=month: m is None or m > month):>10s}")
    print(f"{'median cost of the first thing built, months of housing money':64s} "
          f"{statistics.median(r['step1_months'] for r in rows):8.0f} m "
          f"{statistics.median(r['first_package_months'] for r in rows):8.0f} m")
    both = [r for r in rows if r["livable"] is not None and r["naive"] is not None]
    old_both = [r for r in rows if r["old_livable"] is not None and r["naive"] is not None]
    print(f"{'months gained by planning over the naive plan (livable in both)':64s} "
          f"{statistics.mean(r['naive'] - r['old_livable'] for r in old_both):8.1f} m "
          f"{statistics.mean(r['naive'] - r['livable'] for r in both):8.1f} m")
    grants = [r for r in rows if r["bsps_month"] is not None]
    old_soon = sum(1 for r in grants if r["old_first"] is not None and r["old_first"] <= r["bsps_month"] + 6)
    soon = sum(1 for r in grants if r["first"] is not None and r["first"] <= r["bsps_month"] + 6)
    print(f"{'BSPS households that start building within 6 months of the grant':64s} "
          f"{percent(old_soon, len(grants)):>10s} {percent(soon, len(grants)):>10s}")
    # Families their house type can never house get no plan (they are told so, with the types
    # that can): they start nothing, in either column.
    planned = [r for r in grants if r["status"] != "never_livable"]
    old_soon = sum(1 for r in planned if r["old_first"] is not None and r["old_first"] <= r["bsps_month"] + 6)
    soon = sum(1 for r in planned if r["first"] is not None and r["first"] <= r["bsps_month"] + 6)
    print(f"{'  of those with a plan (not never livable in their house type)':64s} "
          f"{percent(old_soon, len(planned)):>10s} {percent(soon, len(planned)):>10s}")
    print(f"{'finishing (plaster, skim coat, paint, floor finish, ceiling) in step 1':64s} "
          f"{100 * statistics.median(r['finishing_share'] for r in rows):8.1f} % {'(later)':>10s}")
    livable_old = [r["old_livable"] for r in rows if r["old_livable"] is not None]
    livable_now = [r["livable"] for r in rows if r["livable"] is not None]
    print(f"{'median livable month of those livable within 120 months':64s} "
          f"{statistics.median(livable_old):10.0f} {statistics.median(livable_now):10.0f}")
    statuses = {s: sum(1 for r in rows if r["status"] == s) for s in
                ("livable", "not_livable_within_horizon", "never_livable", "cannot_start")}
    print("\nnow, by status: " + ", ".join(f"{k} {percent(v, n).strip()}" for k, v in statuses.items()))
    lost = [r["lost"] for r in grants]
    print(f"BSPS households losing part of the grant (not spent within 12 months): "
          f"{percent(sum(1 for x in lost if x), len(grants)).strip()}, median loss among them "
          f"Rp {statistics.median([x for x in lost if x] or [0]):,.0f}")
    reasons = {k: sum(1 for r in grants if r["lost"] and r["lost_because"] == k)
               for k in ("money", "time", "spare", "small", "sooner")}
    print("  because: " + ", ".join(f"{k} {v}" for k, v in reasons.items())
          + " (money: the family cannot add its share in time; time: the crew is busy until the period"
            " is over; spare: no work left needs it; small: too little left to start any work; sooner: its money"
            " makes the house livable sooner elsewhere)")


if __name__ == "__main__":
    main()
