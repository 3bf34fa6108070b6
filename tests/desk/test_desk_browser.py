"""A real browser at the desk: Debian's Chromium, headless, fills a whole consultation by typing
and clicking, saves the family, downloads its quote, and leaves screenshots at a laptop's and a
tablet's size (in ``RUMAH_SCREENSHOTS`` when set, to look at; else in the test's folder).
Skipped where Chromium, chromium-driver or selenium is missing."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

pytest.importorskip("flask")
pytest.importorskip("sqlalchemy")

from rumah.desk.web.app import Settings, create_app  # noqa: E402

from .browser import Served, chromium  # noqa: E402
from .test_konsultasi import ANSWERS  # noqa: E402

SIZES = {"laptop": (1366, 768), "tablet": (800, 1280)}


def wait_for(condition, seconds: float = 20.0):
    """What ``condition`` gives once it gives something; a page still loading (an element gone
    stale or not there yet) is waited for."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            found = condition()
        except (NoSuchElementException, StaleElementReferenceException):
            found = None
        except WebDriverException as exc:
            # Chromium says an element gone with the page it was on this way too.
            if "does not belong to the document" not in str(exc):
                raise
            found = None
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("the page did not get there in time")


@pytest.fixture
def served(tmp_path):
    app = create_app(Settings(register=str(tmp_path / "klinik.sqlite")))
    server = Served(app)
    yield app, server.url
    server.stop()
    app.extensions["rumah"].book.close()


@pytest.mark.parametrize("size", ["laptop", "tablet"])
def test_a_consultation_in_chromium_ends_with_the_quote_downloaded(served, tmp_path, size):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    app, url = served
    shots = Path(os.environ.get("RUMAH_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser = chromium(tmp_path / "profile", downloads, SIZES[size])
    try:
        browser.get(url + "/keluarga")
        browser.find_element(By.CSS_SELECTOR, "header button.primary").click()

        def on_question(k: int) -> bool:
            shown = browser.find_elements(By.NAME, "index")
            return bool(shown) and shown[0].get_attribute("value") == str(k)

        def answer(k: int, text: str) -> None:
            """Type ``text`` into question ``k`` and press Enter, once that question shows."""
            def attempt():
                if not on_question(k):
                    return None
                field = browser.find_element(By.ID, "answer")
                field.clear()
                field.send_keys(text, Keys.ENTER)
                return True
            wait_for(attempt)

        for k, text in enumerate(ANSWERS):
            wait_for(lambda k=k: on_question(k))
            if k == 17:
                browser.save_screenshot(str(shots / f"desk-{size}-types.png"))
            if k == 20:                                 # a wrong answer first: explained beside the field
                answer(k, "batu")
                error = wait_for(lambda: browser.find_elements(By.ID, "answer-error"))
                assert error[0].text.startswith("Tidak ada pilihan 'batu'.")
                browser.save_screenshot(str(shots / f"desk-{size}-refused.png"))
            answer(k, text)
        wait_for(lambda: browser.find_elements(By.ID, "village"))
        wait_for(lambda: "loading" not in browser.find_element(By.ID, "saran").get_attribute("class"), 60)
        browser.save_screenshot(str(shots / f"desk-{size}-done.png"))
        browser.find_element(By.ID, "village").send_keys("Bandengan")
        browser.find_element(By.ID, "technician").send_keys("Siti Rahayu", Keys.ENTER)
        link = wait_for(lambda: browser.find_elements(By.PARTIAL_LINK_TEXT, "quote.pdf"), 60)
        browser.save_screenshot(str(shots / f"desk-{size}-family.png"))
        link[0].click()
        pdf = wait_for(lambda: [p for p in downloads.glob("*.pdf")], 30)[0]
        wait_for(lambda: not list(downloads.glob("*.crdownload")))
    finally:
        browser.quit()
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    (quote,) = app.extensions["rumah"].book.quotes(1)
    assert hashlib.sha256(data).hexdigest() == quote.pdf_sha256
    assert pdf.name == f"{quote.number}-quote.pdf"
