"""The plugin's pages in a real browser (Debian's chromium driven by Playwright) against a real
``datasette`` server on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from hand_report import real_report_or_skip

from factbase.serve import config_paths, datasette_args

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
SEED_TEXT = (Path(__file__).resolve().parent.parent / "sources" / "east-asia-alliances.txt").read_text(
    encoding="utf-8"
)

# Skipped on a machine without chromium, but never in CI (CI set), where .ci/run installs it.
pytestmark = pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"),
                                reason="/usr/bin/chromium is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(seed_project: Path) -> Iterator[str]:
    """Datasette serving the seed project built by the real pipeline (load, check, publish)."""
    from factbase.db import publish

    folder = seed_project.parent
    db = folder / "factbase.db"
    publish(real_report_or_skip(seed_project), db)
    port = _free_port()
    args = datasette_args(db, port=port, metadata_path=config_paths(db, "0.65")[0])
    log = (folder / "datasette.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "datasette", *args], stdout=log,
                               stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "datasette.log").read_text()) from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_claim_page_and_source_links(server: str, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(f"{server}/-/factbase/claims/fund")
            span = page.locator("mark.fb-span")
            assert span.count() == 1
            start = int(span.get_attribute("data-start") or -1)
            end = int(span.get_attribute("data-end") or -1)
            assert span.text_content() == SEED_TEXT[start:end]
            assert page.locator("mark.fb-span mark.fb-evidence").text_content() == "$9 million"
            badge = page.locator(".fb-verdict .fb-badge")
            assert badge.text_content() == "verified"
            # the stylesheet is loaded and applied
            assert badge.evaluate("e => getComputedStyle(e).borderRadius") != "0px"
            page.screenshot(path=str(tmp_path / "claim-fund.png"), full_page=True)

            page.click("a.fb-source")
            page.wait_for_url(f"{server}/-/factbase/sources/seed")
            page.screenshot(path=str(tmp_path / "source-seed.png"), full_page=True)
            page.click('a.fb-ref[href="/-/factbase/claims/summit"]')
            page.wait_for_url(f"{server}/-/factbase/claims/summit")
            assert page.locator("h1.fb-statement").text_content() == (
                "Moon and Abe met at a summit in Chengdu on Dec. 24, 2019."
            )
            span = page.locator("mark.fb-span")
            start = int(span.get_attribute("data-start") or -1)
            end = int(span.get_attribute("data-end") or -1)
            assert span.text_content() == SEED_TEXT[start:end] == "the Dec. 24, 2019, Moon-Abe summit in Chengdu"
        finally:
            browser.close()
    assert (tmp_path / "claim-fund.png").stat().st_size > 0
    print(f"screenshots: {tmp_path / 'claim-fund.png'} {tmp_path / 'source-seed.png'}")
