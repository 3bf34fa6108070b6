"""Timing of DXF writing.  Run: python benchmarks/dxf.py [--runs N]

Target (issue 4): writing all steps of one template, and its section (issue 16), at most 0.5 s
in-process (the first call also imports ezdxf, which is timed separately).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rumah.documents.dxf import write_steps  # noqa: E402
from rumah.documents.sheets import step_sheets  # noqa: E402
from rumah.house.template import template_paths  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    start = time.perf_counter()
    import ezdxf  # noqa: F401
    print(f"import ezdxf: {time.perf_counter() - start:.3f} s")
    with tempfile.TemporaryDirectory() as folder:
        for name in template_paths():
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                sheets, stem = step_sheets(name)
                write_steps(sheets, folder, stem)
                times.append(time.perf_counter() - start)
            print(f"{name:10s} all {len(sheets)} sheets: median {statistics.median(times):.3f} s "
                  f"(min {min(times):.3f}, max {max(times):.3f}, n={runs})")


if __name__ == "__main__":
    main()
