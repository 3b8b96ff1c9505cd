"""Real source documents made in the tests: PDFs (fpdf2), web snapshots (warcio), pages."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# A TrueType font with the ligature glyphs; fontconfig (which chromium needs) brings one.
FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)


def font() -> Path:
    for path in FONTS:
        if path.exists():
            return path
    raise RuntimeError(f"no TrueType font at {', '.join(map(str, FONTS))}: "
                       "apt-get install fonts-dejavu-core")


def make_pdf(pages: Sequence[Sequence[str]], *, title: str | None = None,
             author: str | None = None, created: str | None = None,
             password: str | None = None) -> bytes:
    """A PDF with one line of text per item, page by page, set in a Unicode font (so that
    ligature characters such as U+FB01 are glyphs of their own)."""
    pdf = FPDF()
    pdf.add_font("body", "", str(font()))
    pdf.set_font("body", size=12)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if created:
        import datetime as dt
        pdf.set_creation_date(dt.datetime.fromisoformat(created).replace(tzinfo=dt.UTC))
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_scan() -> bytes:
    """A PDF whose only page is a picture of text: no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 100), "white")
    ImageDraw.Draw(image).text((10, 40), "The fund held $9 million.", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=150)
    return bytes(pdf.output())


def make_warc(url: str, body: bytes, content_type: str = "text/html; charset=utf-8", *,
              status: str = "200 OK", redirects: Sequence[tuple[str, str]] = (),
              gzip: bool = True, date: str = "2020-01-15T10:00:00Z") -> bytes:
    """A WARC with, for each redirect (from, to), a request and a 301 response, then the
    page's request and response."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    hops = [*redirects, (url, None)]
    for source, target in hops:
        request = StatusAndHeaders(f"GET {source} HTTP/1.1", [("Host", "example.test")],
                                   is_http_request=True)
        writer.write_record(writer.create_warc_record(
            source, "request", payload=io.BytesIO(b""), http_headers=request,
            warc_headers_dict={"WARC-Date": date}))
        if target is not None:
            headers = StatusAndHeaders("301 Moved Permanently", [("Location", target),
                                                                 ("Content-Length", "0")],
                                       protocol="HTTP/1.1")
            payload = b""
        else:
            headers = StatusAndHeaders(status, [("Content-Type", content_type),
                                                ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            payload = body
        writer.write_record(writer.create_warc_record(
            source, "response", payload=io.BytesIO(payload), http_headers=headers,
            warc_headers_dict={"WARC-Date": date}))
    return out.getvalue()


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Fund set up | Example News</title>
<meta property="og:title" content="Japan and Korea set up a fund">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2019-12-28T09:00:00Z">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Japan and Korea set up a fund",
 "datePublished": "2019-12-28", "author": [{"@type": "Person", "name": "Jane Doe"},
 {"@type": "Person", "name": "John Roe"}], "publisher": {"@type": "Organization", "name": "Example News"}}</script>
<style>.x { color: red }</style>
<script>var tracking = "<p>$1 billion</p>";</script>
</head><body>
<header><a href="/">Example News</a><nav><ul><li><a href="/world">World</a></li>
<li><a href="/markets">Markets: $3 trillion traded</a></li></ul></nav></header>
<main><article>
<h1>Japan and Korea set up a fund</h1>
<p class="byline">By Jane Doe, <time datetime="2019-12-28">Dec. 28, 2019</time></p>
<!-- an editor's comment: $2 million -->
<p>The 2015 agreement set up a <em>$9&nbsp;million</em> joint fund for the surviving
   comfort women, officials said <a href="/more">last month</a>.</p>
<p>Exports rose by <b>15</b>% in the year to Novem&shy;ber 2019.</p>
<noscript><p>Enable JavaScript to see 7 more stories.</p></noscript>
<template><p>Template text: 99 balloons.</p></template>
<aside><h2>Related</h2><p>Markets fell 4% on Tuesday.</p></aside>
</article></main>
<footer><p>Copyright 2019 Example News. 100 Main Street.</p></footer>
</body></html>
"""


SNAPSHOT_PAGE = PAGE.replace("</body>", "<script>document.title = 'scripts ran';</script></body>")

ORIGINALS_FACTS = """\
factbase: 1
sources:
  - id: page
    path: sources/page.html
    url: https://example.test/news/fund?ref=home#top
  - id: report
    path: sources/report.pdf
  - id: snapshot
    path: sources/news.warc.gz
    url: https://example.test/news
  - id: seed
    path: sources/seed.txt
claims:
  - id: fund
    statement: The 2015 agreement set up a $9 million fund.
    value: {type: money, amount: 9000000, currency: USD}
    citations:
      - source: page
        quote: set up a $9 million joint fund
      - source: snapshot
        quote: set up a $9 million joint fund for the surviving comfort women, officials said last month. Exports rose
      - source: seed
        quote: $9 million
  - id: report-date
    statement: The fund was set up in December 2019.
    value: {type: date, date: 2019-12}
    citations:
      - source: report
        quote: set up in December 2019 in the office
"""


def write_originals_project(folder: Path) -> Path:
    """A project citing a web page, a PDF, a web snapshot and a text file."""
    sources = folder / "sources"
    sources.mkdir()
    (sources / "page.html").write_text(PAGE, encoding="utf-8")
    (sources / "report.pdf").write_bytes(make_pdf(
        [["The fund of $9 mil-", "lion was set up", "in Decem-"], ["ber 2019 in the of\ufb01ce."]]))
    (sources / "news.warc.gz").write_bytes(make_warc("https://example.test/news",
                                                     SNAPSHOT_PAGE.encode()))
    (sources / "seed.txt").write_text("It held $9 million.\n", encoding="utf-8")
    facts = folder / "facts.yaml"
    facts.write_text(ORIGINALS_FACTS, encoding="utf-8")
    return facts
