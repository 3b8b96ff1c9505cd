"""The plugin's pages in a real browser (Debian's chromium driven by Playwright) against a real
``datasette`` server on loopback."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hand_report import real_report
from live_server import free_port, running
from playwright import sync_api

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


@contextlib.contextmanager
def serving(db: Path) -> Iterator[str]:
    """A real ``datasette`` process serving ``db`` on loopback; its base URL."""
    port = free_port()
    args = datasette_args(db, port=port, metadata_path=config_paths(db, "0.65")[0])
    with running([sys.executable, "-m", "datasette", *args], port, db.parent / "datasette.log") as base:
        yield base


@pytest.fixture
def server(seed_project: Path) -> Iterator[str]:
    """Datasette serving the seed project built by the real pipeline (load, check, publish)."""
    from factbase.db import publish

    db = seed_project.parent / "factbase.db"
    publish(real_report(seed_project), db)
    with serving(db) as base:
        yield base


def test_claim_page_and_source_links(server: str, tmp_path: Path) -> None:
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


def test_citations_in_the_original(tmp_path: Path) -> None:
    """A PDF citation shows its pages with the span's characters boxed over the rendered page;
    a web citation links to the live page's text fragment and to the stored snapshot, which
    is served sandboxed (its scripts do not run)."""
    from source_files import write_originals_project

    import factbase

    db = tmp_path / "factbase.db"
    factbase.publish(factbase.check(factbase.load(write_originals_project(tmp_path))), db)
    with serving(db) as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(f"{base}/-/factbase/claims/report-date")
            images = page.locator("img.fb-pdf-image")
            assert images.count() == 2
            for i in range(2):
                images.nth(i).scroll_into_view_if_needed()
                page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                                       arg=images.nth(i).element_handle())
            first = images.nth(0).bounding_box()
            boxes = page.locator(".fb-pdf-page[data-page='1'] .fb-pdf-box")
            assert boxes.count() == 2 and first is not None
            for i in range(boxes.count()):
                box = boxes.nth(i).bounding_box()
                assert box is not None
                # Each highlight lies on the page picture, a line of text high.
                assert first["x"] <= box["x"] and box["x"] + box["width"] <= first["x"] + first["width"]
                assert first["y"] <= box["y"] and box["y"] + box["height"] <= first["y"] + first["height"]
                assert 5 < box["height"] < 40 and box["width"] > 10
            # The highlight sits over dark pixels (the text), not blank paper.
            inked = page.evaluate("""() => {
                const img = document.querySelector('.fb-pdf-page[data-page="2"] img');
                const box = document.querySelector('.fb-pdf-page[data-page="2"] .fb-pdf-box');
                const c = document.createElement('canvas');
                c.width = img.naturalWidth; c.height = img.naturalHeight;
                const g = c.getContext('2d'); g.drawImage(img, 0, 0);
                const r = img.getBoundingClientRect(), b = box.getBoundingClientRect();
                const sx = img.naturalWidth / r.width, sy = img.naturalHeight / r.height;
                const d = g.getImageData((b.left - r.left) * sx, (b.top - r.top) * sy,
                                         b.width * sx, b.height * sy).data;
                let dark = 0;
                for (let i = 0; i < d.length; i += 4) if (d[i] < 128) dark++;
                return dark / (d.length / 4);
            }""")
            assert inked > 0.05
            page.screenshot(path=str(tmp_path / "claim-pdf.png"), full_page=True)

            page.goto(f"{base}/-/factbase/claims/fund")
            fragment = page.locator("a.fb-fragment-link").first
            assert fragment.get_attribute("href") == (
                "https://example.test/news/fund?ref=home#:~:text=set%20up%20a%20%249%20million%20joint%20fund")
            snapshot = page.locator("a.fb-snapshot-link").nth(1)
            page.goto(base + (snapshot.get_attribute("href") or ""))
            assert page.locator("h1").text_content() == "Japan and Korea set up a fund"
            assert page.title() == "Fund set up | Example News"  # the stored script did not run
        finally:
            browser.close()
    print(f"screenshot: {tmp_path / 'claim-pdf.png'}")
