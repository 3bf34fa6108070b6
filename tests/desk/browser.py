"""Debian's Chromium, headless, driven by selenium through Debian's chromedriver; and a desk
served on a free loopback port in a thread, for the tests that use a real browser."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = ("/usr/bin/chromium", "/usr/lib/chromium/chromium")
DRIVER = "/usr/bin/chromedriver"
#: Chromium started for a closed network: no first-run, sync, updates or background traffic.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")


def chromium(profile: Path, downloads: Path, size: tuple[int, int]):
    """A headless Chromium of its own (a fresh profile), downloading into ``downloads``; the
    test is skipped where Chromium, its driver or selenium is missing."""
    webdriver = pytest.importorskip("selenium.webdriver")
    binary = next((path for path in CHROMIUM if Path(path).exists()), None) or shutil.which("chromium")
    if binary is None or not Path(DRIVER).exists():
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={size[0]},{size[1]}")
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False,
                                              "plugins.always_open_pdf_externally": True})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


class Served:
    """A WSGI application served on 127.0.0.1 on a free port, in a thread, until ``stop``."""

    def __init__(self, app):
        from werkzeug.serving import make_server
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(10)
