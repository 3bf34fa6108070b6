"""Timing of the PDF quote from a cold process.  Run: python benchmarks/quote.py [--runs N]

Target (issue 5): one quote with drawings at most 1.5 s from a cold process.  Each run starts a
new Python process (``python -m rumah quote ...``), so imports, catalog loading, planning,
drawing and writing the PDF are all counted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("household", nargs="?", default=str(ROOT / "examples" / "madiun-pabrik.yaml"))
    args = parser.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "quote.pdf"
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "rumah", "quote", args.household, "-o", str(out)], check=True,
                           cwd=ROOT, capture_output=True)
            times.append(time.perf_counter() - start)
        size = out.stat().st_size
    times.sort()
    print(f"quote, cold process: median {statistics.median(times):.3f} s, min {times[0]:.3f} s, "
          f"max {times[-1]:.3f} s over {args.runs} runs; {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
