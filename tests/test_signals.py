"""A run stopped by a signal leaves the earlier output or a complete new one, never a torn file.

(rumah batch is killed mid-run in tests/test_batch.py.)
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOUSEHOLD = ROOT / "examples" / "madiun-pabrik.yaml"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_quote_stopped_at_any_moment(tmp_path, signum):
    output = tmp_path / "quote.pdf"
    seen = set()
    for delay in (0.05, 0.25, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0):
        output.write_bytes(b"earlier quote")
        process = subprocess.Popen([sys.executable, "-m", "rumah", "quote", str(HOUSEHOLD), "-o", str(output)],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signum)
        process.wait()
        data = output.read_bytes()
        if data == b"earlier quote":
            seen.add("earlier")
        else:
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), f"torn file after {delay} s"
            seen.add("new")
        if signum == signal.SIGTERM:
            # Terminated politely, the run removes its temporary file.
            assert sorted(p.name for p in tmp_path.iterdir()) == ["quote.pdf"]
            # (-SIGTERM: stopped while Python was still starting, before any handler or file.)
            assert process.returncode in (0, 128 + signal.SIGTERM, -signal.SIGTERM)
    assert "earlier" in seen
