"""Text-layer throughput of real sources: web pages (MB/s) and PDFs (pages/s), cold and warm.

The documents are made from the 300 BBC articles (env ``FACTBASE_BBC_CORPUS``, else
``<repo>/../shared/corpus/bbc``, else ``/work/shared/corpus/bbc``), read at run time:

* web pages: each article set in a news-site page (head with meta tags, JSON-LD, a style
  sheet and scripts; a header with navigation; the article with a byline, inline markup and
  entities; an aside of related links; a footer), about 60 KB each;
* PDFs: the articles set with fpdf2 (the test extra) into 10 PDFs of 30 articles each, a line
  per sentence, pages as they fall.

Measured in the same run:

* floor (the raw library call): the page decoded and parsed by selectolax (Lexbor), with the
  text of its body taken in one call (``LexborHTMLParser(html).body.text()``); each PDF opened
  by pypdfium2 with each page's text taken (``get_textpage().get_text_range()``);
* cold: factbase's text layer of the same bytes (``factbase.sources.layer.extract``: charset,
  visible text, block breaks, boilerplate regions; PDF pages, hyphens, page offsets);
* warm: what a re-check does instead, the run's own cache step (``factbase.verify.run``):
  each file looked at (its hash is taken again only when its size, inode or times changed),
  its layer, cached by the bytes' hash, read from the cache (SQLite), checked and decoded;
* check: ``factbase.check`` of a project citing every page once, cold (no cache) and warm
  (cache filled, one claim edited so that its unit runs again).

Targets: cold <= 1.3x the floor; warm <= 5 % of cold. Each figure is the best of --repeat runs.

Run: .venv/bin/python benchmarks/sources.py [--repeat 3] [--pages 300] [--pdfs 10]
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bbc_corpus import corpus_dir  # noqa: E402

TARGETS = {"cold": 1.3, "warm": 0.05}


def articles(limit: int) -> list[tuple[str, str, list[str]]]:
    """(name, title, paragraphs) of the first ``limit`` articles, by file name."""
    out = []
    for path in sorted(corpus_dir().glob("*.txt"))[:limit]:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > 1:
            out.append((path.stem, lines[0], lines[1:]))
    return out


NAV = "".join(f'<li class="nav-item"><a class="nav-link" href="/section/{i}">Section {i}</a></li>'
              for i in range(60))
SCRIPT = "var config = {" + ",".join(f'"k{i}": "value {i} <p>not text</p>"' for i in range(600)) + "};"
STYLE = "".join(f".c{i} {{ margin: {i}px; color: #{i:06x}; }}\n" for i in range(400))


def page(name: str, title: str, paragraphs: list[str]) -> bytes:
    body = "\n".join(
        f'<p class="story-body__text">{html.escape(p).replace(" million", "&nbsp;million")}</p>'
        if i % 3 else f"<p><strong>{html.escape(p[:40])}</strong>{html.escape(p[40:])}</p>"
        for i, p in enumerate(paragraphs))
    related = "".join(f'<li><a href="/news/{name}-{i}">Related story {i}: markets moved 2%</a></li>'
                      for i in range(20))
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} - BBC News</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="2005-01-01T00:00:00Z">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{html.escape(title)}",
"datePublished": "2005-01-01"}}</script>
<style>{STYLE}</style><script>{SCRIPT}</script></head>
<body><header class="site-header"><a href="/">BBC News</a><nav><ul>{NAV}</ul></nav></header>
<main><article><header><h1 class="story-headline">{html.escape(title)}</h1>
<p class="byline">By a reporter, <time datetime="2005-01-01">1 January 2005</time></p></header>
<!-- story body starts -->
{body}
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside></article></main>
<footer><p>Copyright &copy; 2005 BBC. <a href="/terms">Terms</a></p><ul>{NAV}</ul></footer>
<script>{SCRIPT}</script></body></html>""".encode()


def pdfs(items: list[tuple[str, str, list[str]]], count: int) -> list[bytes]:
    from fpdf import FPDF

    sys.path.insert(0, str(REPO / "tests"))
    from source_files import font

    per = max(1, len(items) // count)
    out = []
    for k in range(count):
        pdf = FPDF()
        pdf.add_font("body", "", str(font()))
        pdf.set_font("body", size=11)
        pdf.add_page()
        for _, title, paragraphs in items[k * per:(k + 1) * per]:
            pdf.multi_cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
            for p in paragraphs:
                pdf.multi_cell(0, 5, p, new_x="LMARGIN", new_y="NEXT")
        out.append(bytes(pdf.output()))
    return out


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """(best wall seconds, its CPU seconds) over ``repeat`` runs."""
    runs = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    return min(runs)


def raw_html(pages: list[bytes]) -> None:
    from selectolax.lexbor import LexborHTMLParser

    for data in pages:
        body = LexborHTMLParser(data.decode("utf-8")).body
        assert body is not None
        body.text()


def raw_pdf(files: list[bytes]) -> int:
    import pypdfium2 as pdfium

    pages = 0
    for data in files:
        doc = pdfium.PdfDocument(data)
        for i in range(len(doc)):
            p = doc[i]
            tp = p.get_textpage()
            tp.get_text_range()
            tp.close()
            p.close()
            pages += 1
        doc.close()
    return pages


def cold(fmt: str, files: list[bytes]) -> None:
    from factbase.sources.layer import extract

    for data in files:
        extract(fmt, data)


def layer_project(folder: Path, fmt: str, files: list[bytes]) -> Path:
    """A project declaring each file as a source (no claims: the text layer alone)."""
    (folder / "sources").mkdir(parents=True)
    lines = ["factbase: 1", "sources:"]
    for i, data in enumerate(files):
        (folder / "sources" / f"doc{i}.{fmt}").write_bytes(data)
        lines += [f"  - id: doc{i}", f"    path: sources/doc{i}.{fmt}"]
    facts = folder / "facts.yaml"
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return facts


def fill_cache(facts: Path) -> None:
    """Check once with the cache: it keeps every text layer (and each file's hash)."""
    import factbase
    from factbase._run.cache import Cache

    cache = Cache.beside(facts)
    factbase.check(factbase.load(facts), cache=cache, workers=1)
    cache.close()


def warm(facts: Path) -> Callable[[], None]:
    """What a re-check does for the text layers: the run's own cache step
    (``factbase.verify.run._Cached``): each file looked at, its hash and its layer taken
    from the cache and decoded. The facts are loaded and the run planned beforehand."""
    import factbase
    from factbase._run.cache import Cache
    from factbase.verify.run import Run, _Cached

    units = Run(factbase.load(facts)).plan.units

    def step() -> None:
        cache = Cache.beside(facts)
        cached = _Cached(cache, units, ())
        assert all(layer is not None for layer in cached.layers), "the cache lost layers"
        cache.close()

    return step


def check_project(folder: Path, items: list[tuple[str, str, list[str]]], pages: list[bytes]) -> Path:
    from factbase.sources.html import html_text

    (folder / "sources").mkdir(parents=True)
    lines = ["factbase: 1", "sources:"]
    claims = ["claims:"]
    for i, ((name, _, _), data) in enumerate(zip(items, pages, strict=True)):
        (folder / "sources" / f"{name}.html").write_bytes(data)
        lines += [f"  - id: s{i}", f"    path: sources/{name}.html", "    published: 2005-01"]
        text = html_text(data.decode("utf-8")).text
        quote = text[text.index("\n", text.index("1 January 2005")) + 1:][:60].strip()
        claims += [f"  - id: c{i}", "    statement: S.", "    value: {type: quote}",
                   "    citations:", f"      - source: s{i}", f"        quote: {json.dumps(quote)}"]
    facts = folder / "facts.yaml"
    facts.write_text("\n".join(lines + claims) + "\n", encoding="utf-8")
    return facts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--pdfs", type=int, default=10)
    args = parser.parse_args(argv)

    items = articles(args.pages)
    pages = [page(*item) for item in items]
    documents = pdfs(items, args.pdfs)
    megabytes = sum(map(len, pages)) / 1e6
    page_count = raw_pdf(documents)
    print(f"{len(pages)} web pages, {megabytes:.1f} MB; {len(documents)} PDFs, {page_count} pages; "
          f"best of {args.repeat}\n")

    rows: list[tuple[str, float, float, str]] = []
    html_floor = best(lambda: raw_html(pages), args.repeat)
    html_cold = best(lambda: cold("html", pages), args.repeat)
    pdf_floor = best(lambda: raw_pdf(documents), args.repeat)
    pdf_cold = best(lambda: cold("pdf", documents), args.repeat)
    scratch = Path(tempfile.mkdtemp(prefix="factbase-sources-bench-"))
    try:
        html_facts = layer_project(scratch / "html", "html", pages)
        pdf_facts = layer_project(scratch / "pdf", "pdf", documents)
        fill_cache(html_facts)
        fill_cache(pdf_facts)
        html_warm = best(warm(html_facts), args.repeat)
        pdf_warm = best(warm(pdf_facts), args.repeat)
        project = check_project(scratch / "project", items, pages)
        check_cold, check_warm = check_figures(project, args.repeat)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    def html_rate(t: tuple[float, float]) -> str:
        return f"{megabytes / t[0]:8.1f} MB/s"

    def pdf_rate(t: tuple[float, float]) -> str:
        return f"{page_count / t[0]:8.0f} pages/s"

    rows += [
        ("html floor (selectolax parse + body.text)", *html_floor, html_rate(html_floor)),
        ("html cold (factbase text layer)", *html_cold, html_rate(html_cold)),
        ("html warm (cached layer, by the file's hash)", *html_warm, html_rate(html_warm)),
        ("pdf floor (pypdfium2 get_text_range)", *pdf_floor, pdf_rate(pdf_floor)),
        ("pdf cold (factbase text layer)", *pdf_cold, pdf_rate(pdf_cold)),
        ("pdf warm (cached layer, by the file's hash)", *pdf_warm, pdf_rate(pdf_warm)),
        (f"check, {len(pages)} pages, cold (no cache)", *check_cold, ""),
        ("check, warm (cache, one claim edited)", *check_warm, ""),
    ]
    print(f"{'':44} {'wall s':>8} {'cpu s':>8}  rate")
    for name, wall, cpu, rate in rows:
        print(f"{name:44} {wall:8.3f} {cpu:8.3f}  {rate}")
    ratios = [
        ("html cold / floor", html_cold[0] / html_floor[0], TARGETS["cold"]),
        ("pdf cold / floor", pdf_cold[0] / pdf_floor[0], TARGETS["cold"]),
        ("html warm / cold", html_warm[0] / html_cold[0], TARGETS["warm"]),
        ("pdf warm / cold", pdf_warm[0] / pdf_cold[0], TARGETS["warm"]),
        ("check warm / cold", check_warm[0] / check_cold[0], None),
    ]
    print()
    failed = False
    for name, ratio, target in ratios:
        verdict = "" if target is None else ("ok" if ratio <= target else "OVER")
        failed |= verdict == "OVER"
        shown = "" if target is None else f"(target <= {target:g})"
        print(f"{name:22} {ratio:6.3f}  {shown:16} {verdict}")
    return 1 if failed else 0


def check_figures(facts: Path, repeat: int) -> tuple[tuple[float, float], tuple[float, float]]:
    import factbase
    from factbase._run.cache import FOLDER, Cache

    loaded = factbase.load(facts)
    cold_time = best(lambda: factbase.check(loaded, workers=1), repeat)
    cache = Cache.beside(facts)
    factbase.check(loaded, cache=cache, workers=1)
    cache.close()
    original = facts.read_text(encoding="utf-8")
    edits = iter(range(1_000_000))

    def warm_check() -> None:
        facts.write_text(original.replace("statement: S.", f"statement: S{next(edits)}.", 1),
                         encoding="utf-8")
        run_cache = Cache.beside(facts)
        factbase.check(factbase.load(facts), cache=run_cache, workers=1)
        run_cache.close()

    warm_time = best(warm_check, repeat)
    shutil.rmtree(facts.parent / FOLDER, ignore_errors=True)
    return cold_time, warm_time


if __name__ == "__main__":
    raise SystemExit(main())
