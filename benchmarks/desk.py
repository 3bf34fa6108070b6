"""Timing of the desk's pages through Flask's test client.
Run: python benchmarks/desk.py [--runs N]

Target (issue 18): a page answers in under 100 ms at the desk.  A whole consultation (the fisher
family of tests/desk/test_konsultasi.py) is answered ``--runs`` times, each in a consultation of
its own, on one desk (as a clinic keeps one running): for every question, the answer sent
(POST: the consultation replayed with it, checked, saved) and the next question shown (GET: the
consultation replayed, the cost, plan and drawings beside it).  The first consultation warms the
desk (the catalog and price list loaded, the bills priced) and is left out of the medians; its
slowest page is printed apart.  Then the family list, a search, a family's page and the monthly
report, with the families the runs saved.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rumah.desk.web.app import Settings, create_app  # noqa: E402
from tests.desk.test_konsultasi import ANSWERS  # noqa: E402


def timed(call):
    start = time.perf_counter()
    response = call()
    return (time.perf_counter() - start) * 1000, response


def consultation(client, csrf: str) -> list[tuple[str, float, float]]:
    """(question, answer ms, next page ms) for each question of one consultation, saved at the end."""
    url = client.post("/konsultasi", data={"csrf_token": csrf}).headers["Location"]
    rows = []
    page = client.get(url)
    for text in ANSWERS:
        index = re.search(r'name="index" value="(\d+)"', page.text).group(1)
        question = re.search(r'class="ask">([^<]*)<', page.text).group(1)
        form = {"csrf_token": csrf, "index": index, "answer": text}
        sent_ms, sent = timed(lambda form=form: client.post(url, data=form))
        assert sent.status_code == 303, question
        shown_ms, page = timed(lambda: client.get(url))
        rows.append((question, sent_ms, shown_ms))
    saved = client.post(url + "/simpan", data={"csrf_token": csrf, "technician": "Siti", "village": "Bandengan"})
    assert saved.status_code == 303
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="consultations timed after the first (default 7)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(register=str(Path(folder) / "klinik.sqlite")))
        client = app.test_client()
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/keluarga").text).group(1)
        warm = consultation(client, csrf)
        worst = max(warm, key=lambda row: max(row[1], row[2]))
        print(f"first consultation (cold desk): slowest page {max(worst[1], worst[2]):.0f} ms at {worst[0]!r}")
        runs = [consultation(client, csrf) for _ in range(args.runs)]
        print(f"\nmedian over {args.runs} consultations, ms      answer sent   next question shown")
        every = []
        for k, (question, _, _) in enumerate(warm):
            sent = statistics.median(run[k][1] for run in runs)
            shown = statistics.median(run[k][2] for run in runs)
            every += [run[k][1] for run in runs] + [run[k][2] for run in runs]
            print(f"  {k + 1:2d}. {question[:44]:44s} {sent:8.1f} {shown:14.1f}")
        print(f"all consultation pages: median {statistics.median(every):.1f} ms, slowest {max(every):.1f} ms, "
              f"{sum(ms >= 100 for ms in every)} of {len(every)} at 100 ms or more")
        pages = {"family list": "/keluarga", "search 'slamet'": "/keluarga?q=slamet", "a family's page": "/keluarga/1",
                 "monthly report": "/laporan"}
        print()
        for label, path in pages.items():
            times = [timed(lambda path=path: client.get(path))[0] for _ in range(max(5, args.runs))]
            print(f"  {label:16s} median {statistics.median(times):6.1f} ms")
        app.extensions["rumah"].book.close()


if __name__ == "__main__":
    main()
