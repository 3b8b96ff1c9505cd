"""The claim page shows a citation in the original: a PDF page with the span's boxes, a web
page's text-fragment link and its stored snapshot (issue 15). Driven through Datasette's own
client on a database built by the real pipeline."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import httpx
import pytest
from datasette.app import Datasette
from source_files import PAGE, SNAPSHOT_PAGE, write_originals_project

import factbase
from factbase.datasette.originals import fragment_url


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("originals")
    path = folder / "factbase.db"
    factbase.publish(factbase.check(factbase.load(write_originals_project(folder))), path)
    return path


def fetch(db: Path, *paths: str) -> list[httpx.Response]:
    metadata = json.loads(db.with_suffix(".metadata.json").read_text(encoding="utf-8"))

    async def run() -> list[httpx.Response]:
        ds = Datasette([], immutables=[str(db)], metadata=metadata)
        await ds.invoke_startup()
        return [await ds.client.get(p) for p in paths]

    return asyncio.run(run())


@pytest.mark.parametrize(("url", "span", "expected"), [
    ("https://example.test/a", "a $9 million fund",
     "https://example.test/a#:~:text=a%20%249%20million%20fund"),
    ("https://example.test/a#old", "well-known, and 5%&more",
     "https://example.test/a#:~:text=well%2Dknown%2C%20and%205%25%26more"),
    ("https://example.test/a", "first line\nsecond   line",
     "https://example.test/a#:~:text=first%20line,second%20line"),
    ("https://example.test/a", "one two three four five six " * 5,
     "https://example.test/a#:~:text=one%20two%20three%20four%20five,two%20three%20four%20five%20six"),
    ("https://example.test/a", "Decem\u00adber  2019", "https://example.test/a#:~:text=December%202019"),
    ("javascript:alert(1)", "x", None),
    (None, "x", None),
    ("https://example.test/a", " \n ", None),
])
def test_fragment_url(url: str | None, span: str, expected: str | None) -> None:
    assert fragment_url(url, span) == expected


def test_pdf_citation_shows_its_pages_with_boxes(db: Path) -> None:
    page, image, missing = fetch(db, "/-/factbase/claims/report-date",
                                 "/-/factbase/sources/report/pages/2.png",
                                 "/-/factbase/sources/report/pages/3.png")
    assert page.status_code == 200
    html = page.text
    assert "page 1–2, characters 28–68" in html
    figures = re.findall(r'<figure class="fb-pdf-page" data-page="(\d)">', html)
    assert figures == ["1", "2"]
    assert '<img class="fb-pdf-image" src="/-/factbase/sources/report/pages/1.png"' in html
    boxes = re.findall(r'<span class="fb-pdf-box" style="left: ([\d.]+)%; top: ([\d.]+)%; '
                       r'width: ([\d.]+)%; height: ([\d.]+)%"></span>', html)
    # Page 1: "set up" and "in Decem-" on two lines; page 2: "ber 2019 in the office" on one.
    assert len(boxes) == 3
    for left, top, width, height in boxes:
        assert 0 <= float(left) < 100 and 0 <= float(top) < 100
        assert 0 < float(width) <= 100 and 0 < float(height) < 10
    assert float(boxes[1][1]) > float(boxes[0][1])  # the second line is lower
    assert (image.status_code, image.headers["content-type"]) == (200, "image/png")
    assert image.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert missing.status_code == 404


def test_web_citation_links_to_the_live_page_and_the_snapshot(db: Path) -> None:
    (page,) = fetch(db, "/-/factbase/claims/fund")
    html = page.text
    links = re.findall(r'<a class="fb-fragment-link" href="([^"]+)"', html)
    assert links == [
        "https://example.test/news/fund?ref=home#:~:text=set%20up%20a%20%249%20million%20joint%20fund",
        "https://example.test/news#:~:text=set%20up%20a%20%249%20million,Exports%20rose",
    ]
    snapshots = re.findall(r'<a class="fb-snapshot-link" href="([^"]+)"', html)
    assert snapshots == ["/-/factbase/sources/page/original", "/-/factbase/sources/snapshot/original"]
    assert html.count("fb-original-links") == 2  # the text file's citation has none


def test_snapshots_are_served_sandboxed(db: Path) -> None:
    page, snapshot, pdf, text = fetch(db, "/-/factbase/sources/page/original",
                                      "/-/factbase/sources/snapshot/original",
                                      "/-/factbase/sources/report/original",
                                      "/-/factbase/sources/seed/original")
    assert page.status_code == 200 and page.text == PAGE
    assert page.headers["content-security-policy"].startswith("sandbox;")
    assert snapshot.status_code == 200 and snapshot.text == SNAPSHOT_PAGE
    assert snapshot.headers["content-type"] == "text/html; charset=utf-8"
    assert snapshot.headers["content-security-policy"].startswith("sandbox;")
    assert (pdf.status_code, pdf.headers["content-type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF")
    assert text.status_code == 404
