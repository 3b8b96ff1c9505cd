"""Real sources: web pages, PDFs and web snapshots read into text layers, then checked, pinned
and published like text files (issue 15)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from source_files import PAGE, make_pdf, make_warc

import factbase
from factbase.cli import cli
from factbase.sources import read_text
from factbase.sources.charset import decode_html
from factbase.sources.html import html_text
from factbase.sources.layer import extract, format_of, pages_of

# ------------------------------------------------------------------ the HTML text layer


@pytest.mark.parametrize(("markup", "text"), [
    ("<p>The rate rose <em>15</em>% to 4.5%.</p>", "The rate rose 15% to 4.5%."),
    ("<p>see <a href=x>the  report</a>.</p>", "see the report."),
    ("<p>one</p><p>two</p>", "one\ntwo"),
    ("<div>one<div>two</div>three</div>", "one\ntwo\nthree"),
    ("<p>line one<br>line two</p>", "line one\nline two"),
    ("<ul><li>a</li> <li>b</li></ul>", "a\nb"),
    ("<table><tr><td>2019</td><td>$9m</td></tr><tr><th>x</th></tr></table>", "2019\n$9m\nx"),
    ("<p>a</p><script>var s = '<p>hidden</p>';</script><p>b</p>", "a\nb"),
    ("<style>p { color: red }</style><p>styled</p>", "styled"),
    ("<p>x<!-- a comment -->y</p>", "xy"),
    ("<body><template><p>t</p></template><noscript>n</noscript><p>shown</p>", "shown"),
    ("<p>Q&amp;A &lt;b&gt; caf&eacute; &#8364;5 &#x24;9</p>", "Q&A <b> café €5 $9"),
    ("<p>$9&nbsp;million</p>", "$9 million"),
    ("<p>spaced \n\t  out</p>", "spaced out"),
    ("<pre>keep  two\n  lines</pre>", "keep  two\n  lines"),
    ("<p hidden>gone</p><span style='display: none'>gone</span><p>kept</p>", "kept"),
    ("<p>a <button>Share</button><select><option>x</option></select>b</p>", "a b"),
    ("<p>Decem&shy;ber</p>", "Decem\u00adber"),
    ("<p>bad \ufdd0 marker &#xFDD1; &#65000;</p>", "bad \ufffd marker \ufffd \ufde8"),
    ("no markup at all", "no markup at all"),
    ("", ""),
    ("<p>unclosed <b>bold <i>both</p><p>next", "unclosed bold both\nnext"),
])
def test_html_text(markup: str, text: str) -> None:
    assert html_text(markup).text == text


def test_boilerplate_regions_are_kept_in_the_text_and_listed() -> None:
    page = html_text(PAGE)
    regions = [(page.text[a:b], reason) for a, b, reason in page.regions]
    assert regions == [
        ("Example News\nWorld\nMarkets: $3 trillion traded", "boilerplate: <header>"),
        ("Related\nMarkets fell 4% on Tuesday.", "boilerplate: <aside>"),
        ("Copyright 2019 Example News. 100 Main Street.", "boilerplate: <footer>"),
    ]
    # The article's own header is content.
    assert "Japan and Korea set up a fund\nBy Jane Doe, Dec. 28, 2019\n" in page.text
    for hidden in ("$1 billion", "$2 million", "7 more stories", "99 balloons", "color"):
        assert hidden not in page.text


@pytest.mark.parametrize(("markup", "regions"), [
    ("<div role=navigation>Home</div><p>x</p>", [("Home", "boilerplate: role=navigation")]),
    ("<nav>a<nav>b</nav></nav><p>x</p>", [("a\nb", "boilerplate: <nav>")]),
    ("<article><footer>end</footer></article><footer>site</footer>",
     [("site", "boilerplate: <footer>")]),
    ("<p>x</p><nav></nav>", []),
    ("<p>x</p><form>Search <span>here</span>", [("Search here", "boilerplate: <form>")]),
])
def test_regions(markup: str, regions: list[tuple[str, str]]) -> None:
    page = html_text(markup)
    assert [(page.text[a:b], r) for a, b, r in page.regions] == regions


# ------------------------------------------------------------------ charsets


@pytest.mark.parametrize(("data", "header", "text", "rule", "mislabelled"), [
    (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "iso-8859-1", "<p>café</p>", "bom", None),
    ("<p>café</p>".encode("utf-16"), None, "<p>café</p>", "bom", None),
    (b"<p>caf\xe9</p>", "text/html; charset=ISO-8859-1", "<p>café</p>", "header", None),
    (b"<meta charset=utf-8><p>caf\xc3\xa9</p>", "text/html; charset=windows-1252",
     "<meta charset=utf-8><p>cafÃ©</p>", "header", None),
    (b"<meta charset='windows-1252'><p>\x93caf\xe9\x94</p>", None,
     "<meta charset='windows-1252'><p>“café”</p>", "meta", None),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>\x93\xfa\x96{</p>',
     None, '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>日本</p>',
     "meta", None),
    (b"<meta charset=utf-16><p>caf\xc3\xa9</p>", None, "<meta charset=utf-16><p>café</p>", "meta",
     None),
    (b"<meta charset=no-such-charset><p>caf\xc3\xa9</p>", None,
     "<meta charset=no-such-charset><p>café</p>", "utf-8", None),
    (b"<meta charset=rot13><p>abc</p>", None, "<meta charset=rot13><p>abc</p>", "utf-8", None),
    (b"<p>caf\xc3\xa9</p>", None, "<p>café</p>", "utf-8", None),
    (b"<p>caf\xe9</p>", None, "<p>café</p>", "windows-1252", None),
    # Mislabelled: says UTF-8, is windows-1252.
    (b"<meta charset=utf-8><p>caf\xe9</p>", None, "<meta charset=utf-8><p>café</p>",
     "windows-1252", ("utf-8", "meta")),
    (b"<p>\x81</p>", None, "<p>\ufffd</p>", "windows-1252", None),
])
def test_charsets(data: bytes, header: str | None, text: str, rule: str,
                  mislabelled: tuple[str, str] | None) -> None:
    from factbase.sources.charset import header_charset

    decoded = decode_html(data, header_charset(header) if header and ";" in header else header)
    assert (decoded.text, decoded.rule, decoded.mislabelled) == (text, rule, mislabelled)


def test_a_mislabelled_page_is_read_and_flagged(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(b"<meta charset=utf-8><p>The caf\xe9 cost \x805.</p>")
    read = read_text("page", str(tmp_path), "page.html")
    assert read.text == "The café cost €5."
    assert [(p.code, p.severity, p.field_path) for p in read.problems] == [
        ("charset-mismatch", "warning", "path")]
    assert "declared charset 'utf-8' (meta) does not decode the page; read as windows-1252" in \
        read.problems[0].message


# ------------------------------------------------------------------ formats, PDF and WARC layers


@pytest.mark.parametrize(("path", "declared", "fmt"), [
    ("a.txt", None, "text"), ("a.md", None, "text"), ("a", None, "text"),
    ("a.HTML", None, "html"), ("a.htm", None, "html"), ("a.xhtml", None, "html"),
    ("a.pdf", None, "pdf"), ("a.warc", None, "warc"), ("a.warc.gz", None, "warc"),
    ("a.gz", None, "text"), ("a.txt", "html", "html"), ("page.php", "html", "html"),
])
def test_format_of(path: str, declared: str | None, fmt: str) -> None:
    assert format_of(path, declared) == fmt


def test_pdf_text_layer_keeps_pages_and_marks_hyphens() -> None:
    data = make_pdf([["The fund of $9 mil-", "lion was set up", "in Decem-"],
                     ["ber 2019 in the of\ufb01ce."]])
    text, layer = extract("pdf", data)
    assert text == ("The fund of $9 mil\u00adlion was set up\r\nin Decem\u00ad\x0c"
                    "ber 2019 in the office.")
    assert (layer.format, layer.pages, layer.media_type) == ("pdf", [0, 46], "application/pdf")
    assert pages_of(layer.pages, 0, 5) == (1, 1)
    assert pages_of(layer.pages, 40, 55) == (1, 2)
    assert pages_of(layer.pages, 46, 47) == (2, 2)
    assert pages_of([], 0, 5) == (None, None)


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_reads_the_page_after_its_redirects(gzip: bool) -> None:
    data = make_warc("https://example.test/news", PAGE.encode(), gzip=gzip,
                     redirects=[("http://example.test/n", "https://example.test/news")])
    text, layer = extract("warc", data)
    assert text == html_text(PAGE).text
    assert (layer.format, layer.media_type) == ("warc", "text/html")
    assert layer.regions == html_text(PAGE).regions


def test_warc_charset_from_the_http_header() -> None:
    data = make_warc("https://example.test/", "<p>Café €5</p>".encode("cp1252"),
                     "text/html; charset=windows-1252")
    assert extract("warc", data)[0] == "Café €5"


def test_warc_of_a_pdf() -> None:
    pdf = make_pdf([["A PDF fetched from the web: $9 million."]])
    text, layer = extract("warc", make_warc("https://example.test/r.pdf", pdf, "application/pdf"))
    assert (text, layer.pages, layer.media_type) == (
        "A PDF fetched from the web: $9 million.", [0], "application/pdf")


# ------------------------------------------------------------------ checked like text files

FACTS = """\
factbase: 1
sources:
  - id: page
    path: sources/page.html
    published: 2019-12-28
  - id: report
    path: sources/report.pdf
    published: 2020-01
  - id: snapshot
    path: sources/news.warc.gz
    url: https://example.test/news
    published: 2019-12-28
claims:
  - id: fund
    statement: The 2015 agreement set up a $9 million fund.
    value: {type: money, amount: 9000000, currency: USD}
    citations:
      - source: page
        quote: set up a $9 million joint fund
      - source: snapshot
        quote: set up a $9 million joint fund
  - id: exports
    statement: Exports rose 15%.
    value: {type: change, of: quantity, direction: up, by: {amount: 15, unit: percent}}
    citations:
      - source: page
        quote: Exports rose by 15%
  - id: report-fund
    statement: The report says the fund held $9 million.
    value: {type: money, amount: 9000000, currency: USD}
    citations:
      - source: report
        quote: The fund of $9 million was set up
  - id: report-date
    statement: The fund was set up in December 2019.
    value: {type: date, date: 2019-12}
    citations:
      - source: report
        quote: set up in December 2019 in the office
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "page.html").write_text(PAGE, encoding="utf-8")
    (sources / "report.pdf").write_bytes(make_pdf(
        [["The fund of $9 mil-", "lion was set up", "in Decem-"],
         ["ber 2019 in the of\ufb01ce."]]))
    (sources / "news.warc.gz").write_bytes(make_warc("https://example.test/news", PAGE.encode()))
    facts = tmp_path / "facts.yaml"
    facts.write_text(FACTS, encoding="utf-8")
    return facts


def test_every_format_is_checked(project: Path) -> None:
    report = factbase.check(factbase.load(project))
    assert [(c.id, c.status) for c in report.claims] == [
        ("fund", "verified"), ("exports", "verified"), ("report-fund", "verified"),
        ("report-date", "verified")]
    assert [p.code for p in report.problems] == []
    by_id = {s.id: s for s in report.sources}
    assert {k: (s.format, len(s.pages)) for k, s in by_id.items()} == {
        "page": ("html", 0), "report": ("pdf", 2), "snapshot": ("warc", 0)}
    page_text = by_id["page"].text
    assert page_text is not None
    fund = report.claim("fund").citations[0]
    assert page_text[fund.start:fund.end] == "set up a $9 million joint fund"
    assert (fund.page, fund.page_end) == (None, None)
    # A quote typed without the hyphens anchors across the line and the page break.
    date = report.claim("report-date").citations[0]
    report_text = by_id["report"].text
    assert report_text is not None
    assert (date.start, date.end, date.anchor) == (28, 68, "normalized")
    assert report_text[date.start:date.end] == "set up\r\nin Decem\u00ad\x0cber 2019 in the office"
    assert (date.page, date.page_end) == (1, 2)
    money = report.claim("report-fund").citations[0]
    assert (money.anchor, money.page, money.page_end) == ("normalized", 1, 1)
    assert [e.text for e in money.evidence] == ["$9 mil\u00adlion"]
    # Boilerplate is out of coverage: the nav's, aside's and footer's numbers are not counted.
    page = by_id["page"]
    ignored = [page.mentions[i].text for i in range(len(page.mentions)) if page.is_ignored(i)]
    assert ignored == ["$3 trillion", "4%", "Tuesday", "2019"]


def test_json_report_and_database_carry_formats_and_pages(project: Path, tmp_path: Path) -> None:
    report = factbase.check(factbase.load(project))
    data = report.to_dict()
    citation = data["claims"][3]["citations"][0]
    assert (citation["page"], citation["page_end"]) == (1, 2)
    assert [(s["id"], s["format"], s["pages"]) for s in data["sources"]] == [
        ("page", "html", 0), ("report", "pdf", 2), ("snapshot", "warc", 0)]
    db = tmp_path / "out.db"
    factbase.publish(report, db)
    conn = sqlite3.connect(db)
    assert conn.execute("select id, page, page_end from citations order by id").fetchall() == [
        ("exports#0", None, None), ("fund#0", None, None), ("fund#1", None, None),
        ("report-date#0", 1, 2), ("report-fund#0", 1, 1)]
    rows = conn.execute("select id, format, pages, page_starts, text_sha256 is not null "
                        "from sources order by id").fetchall()
    assert rows == [("page", "html", None, None, 1), ("report", "pdf", 2, "[0,46]", 1),
                    ("snapshot", "warc", None, None, 1)]
    originals = conn.execute("select source_id, format, media_type, size, length(data) "
                             "from originals order by source_id").fetchall()
    sizes = {p.name: p.stat().st_size for p in (tmp_path / "sources").iterdir()}
    assert originals == [
        ("page", "html", "text/html", sizes["page.html"], sizes["page.html"]),
        ("report", "pdf", "application/pdf", sizes["report.pdf"], sizes["report.pdf"]),
        ("snapshot", "warc", "application/warc", sizes["news.warc.gz"], sizes["news.warc.gz"])]
    # The boilerplate's mentions are marked ignored, and so left out of uncovered_mentions.
    assert conn.execute("select count(*) from mentions where source_id = 'page' and ignored = 1"
                        ).fetchone() == (4,)


def test_pin_writes_text_sha256_for_extracted_formats(project: Path) -> None:
    result = CliRunner().invoke(cli, ["pin", str(project)])
    assert result.exit_code == 0, result.output
    pinned = factbase.load(project)
    assert [(s.id, s.sha256 is not None, s.text_sha256 is not None) for s in pinned.sources] == [
        ("page", True, True), ("report", True, True), ("snapshot", True, True)]
    text = project.read_text(encoding="utf-8")
    assert text.count("text_sha256: ") == 3
    report = factbase.check(pinned)
    assert report.ok and report.problems == []


def test_an_extractor_that_changes_the_text_is_drift(project: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert CliRunner().invoke(cli, ["pin", str(project)]).exit_code == 0
    from factbase.sources import layer
    from factbase.sources.html import HtmlText

    real = layer.html_text

    def upgraded(markup: str) -> HtmlText:
        page = real(markup)  # a new version that puts a line before the text
        return HtmlText("Advertisement\n" + page.text, [(a + 14, b + 14, r) for a, b, r in page.regions])

    monkeypatch.setattr(layer, "html_text", upgraded)
    report = factbase.check(factbase.load(project), cache=None)
    assert [(c.id, c.status) for c in report.claims] == [
        ("fund", "stale"), ("exports", "stale"), ("report-fund", "verified"),
        ("report-date", "verified")]
    codes = [(p.code, p.source_id, p.message.split(": ", 1)[-1]) for p in report.problems]
    assert ("text-changed", "page", codes[0][2]) == codes[0]
    assert codes[0][2].startswith("the html text layer's sha256 is ")
    assert [c for c in codes if c[0] == "citation-drift"] == [
        ("citation-drift", "page", "the quote is moved by 14; check the claim, then re-pin with `factbase pin`"),
        ("citation-drift", "snapshot", "the quote is moved by 14; check the claim, then re-pin with `factbase pin`"),
        ("citation-drift", "page", "the quote is moved by 14; check the claim, then re-pin with `factbase pin`")]
    assert {c[1] for c in codes if c[0] == "text-changed"} == {"page", "snapshot"}


def test_the_text_layer_is_cached_by_the_bytes_hash(project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from factbase._run.cache import Cache
    from factbase.sources import layer

    facts = factbase.load(project)
    cache = Cache.beside(project)
    first = factbase.check(facts, cache=cache, workers=1)
    cache.close()
    calls: list[str] = []
    real = layer.extract

    def counting(fmt: str, data: bytes, *args: object, **kwargs: object) -> object:
        calls.append(fmt)
        return real(fmt, data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("factbase.sources.extract", counting)
    # A claim changes: its unit runs again, with the text layer from the cache.
    project.write_text(FACTS.replace("Exports rose 15%.", "Exports rose by 15%."), encoding="utf-8")
    cache = Cache.beside(project)
    second = factbase.check(factbase.load(project), cache=cache, workers=1)
    cache.close()
    assert calls == []
    assert [s.text for s in second.sources] == [s.text for s in first.sources]
    assert [c.status for c in second.claims] == [c.status for c in first.claims]
    # New bytes: extracted again.
    (project.parent / "sources" / "page.html").write_text(PAGE + "\n", encoding="utf-8")
    cache = Cache.beside(project)
    factbase.check(factbase.load(project), cache=cache, workers=1)
    cache.close()
    assert calls == ["html"]


def test_mentions_command_reads_any_format(project: Path) -> None:
    result = CliRunner().invoke(cli, ["mentions", str(project.parent / "sources" / "report.pdf"),
                                      "--format", "json", "--kind", "money"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)["mentions"]
    assert [(m["start"], m["end"], m["text"]) for m in found] == [(12, 23, "$9 mil\u00adlion")]
    result = CliRunner().invoke(cli, ["mentions", "page", "--facts", str(project), "--kind", "date",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    dates = [(m["text"], m["value"]["iso"]) for m in json.loads(result.output)["mentions"]]
    assert ("last month", "2019-11") in dates
    assert ("year to Novem\u00adber 2019", "2018-12/2019-11") in dates


def test_coverage_leaves_boilerplate_out(project: Path) -> None:
    result = CliRunner().invoke(cli, ["coverage", str(project), "--format", "json"])
    data = json.loads(result.output)
    page = next(s for s in data["sources"] if s["source"] == "page")
    assert page["ignored"] == 4
    assert "$3 trillion" not in [u["text"] for u in page["uncovered"]]


def test_a_file_rewritten_in_place_is_hashed_again(project: Path) -> None:
    """The cache trusts a file whose size, inode and times are unchanged; rewriting it with
    bytes of the same size and the old modification time still changes its change time."""
    import os

    from factbase._run.cache import Cache

    assert CliRunner().invoke(cli, ["pin", str(project)]).exit_code == 0
    cache = Cache.beside(project)
    assert factbase.check(factbase.load(project), cache=cache).ok
    cache.close()
    page = project.parent / "sources" / "page.html"
    before = page.stat()
    data = page.read_bytes()
    page.write_bytes(data.replace(b"$9&nbsp;million", b"$8&nbsp;million"))
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size
    cache = Cache.beside(project)
    report = factbase.check(factbase.load(project), cache=cache)
    cache.close()
    assert ("source-changed", "page") in [(p.code, p.source_id) for p in report.problems]
    assert report.claim("fund").status == "stale"
