"""Hostile documents: every one gives a problem code with the reason, never a traceback."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from source_files import PAGE, make_pdf, make_scan, make_warc

import factbase
from factbase.cli import cli
from factbase.sources import read_text
from factbase.sources.errors import LayerError
from factbase.sources.html import html_text
from factbase.sources.layer import extract

GOOD_PDF = make_pdf([["The fund held $9 million."], ["Second page."]])


def _bomb(size: int) -> bytes:
    """A gzip member that decompresses to ``size`` bytes from a few hundred."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as handle:
        handle.write(b"WARC/1.0\r\nWARC-Type: response\r\n")
        chunk = b"\0" * (1 << 20)
        for _ in range(size >> 20):
            handle.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize(("name", "fmt", "data", "reason"), [
    ("encrypted", "pdf", make_pdf([["secret"]], password="pw"),
     "encrypted PDF (a password is needed to read it)"),
    ("corrupt", "pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8,
     "not a readable PDF (Failed to load document (PDFium: Data format error))"),
    ("truncated", "pdf", GOOD_PDF[: len(GOOD_PDF) // 2],
     "not a readable PDF (Failed to load document (PDFium: Data format error))"),
    ("damaged-page", "pdf", GOOD_PDF.replace(b"/Type /Page\n", b"/Type /Pagx\n", 1),
     "page 1 of the PDF is damaged (Failed to load page.)"),
    ("junk-warc-headers", "warc", b"WARC/1.0\r\n" + b"\0" * 70_000,
     "not a readable WARC (no end of the first record's headers in 65536 bytes)"),
    ("empty", "pdf", b"", "not a readable PDF (Failed to load document (PDFium: Data format error))"),
    ("scan", "pdf", make_scan(),
     "no text layer: 1 page of images only (a scan?); cite a text version or an OCR of it"),
    ("no-page", "warc", make_warc("https://x.test/", b"<p>gone</p>", status="404 Not Found"),
     "the snapshot records no page (no response with a 2xx status)"),
    ("junk", "warc", b"hello world\r\n\r\n",
     "not a readable WARC (ArchiveLoadFailed: Unknown archive format, first line: ['hello', 'world'])"),
    ("bad-gzip", "warc", b"\x1f\x8b\x08\x00garbage",
     "not a readable gzip file (cut short)"),
    ("image", "warc", make_warc("https://x.test/a.png", b"\x89PNG\r\n", "image/png"),
     "the recorded page is image/png, not HTML, PDF or text"),
    ("binary-text", "text", b"abc\x00def", "binary file (NUL bytes)"),
    ("latin1-text", "text", b"caf\xe9", "not UTF-8 (byte 0xe9 at byte offset 3)"),
    ("deep-html", "html", b"<div>" * 5000 + b"x",
     "elements nested 5000 deep, more than the limit of 4096"),
])
def test_unreadable_documents(name: str, fmt: str, data: bytes, reason: str) -> None:
    with pytest.raises(LayerError) as caught:
        extract(fmt, data)
    assert str(caught.value) == reason


def test_a_decompression_bomb_stops_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("factbase.sources.warc.MAX_WARC_EXPANDED", 4 << 20)
    bomb = _bomb(64 << 20)
    assert len(bomb) < 100_000
    with pytest.raises(LayerError, match=r"decompresses to more than 4194304 bytes"):
        extract("warc", bomb)


def test_a_content_encoding_bomb_stops_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("factbase.sources.warc.MAX_WARC_EXPANDED", 1 << 20)
    body = gzip.compress(b"<p>" + b"a" * (8 << 20), 9)
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                          ("Content-Encoding", "gzip"),
                                          ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://x.test/", "response",
                                                  payload=io.BytesIO(body), http_headers=headers))
    with pytest.raises(LayerError, match=r"the page decompresses to more than 1048576 bytes"):
        extract("warc", out.getvalue())


def test_page_and_size_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("factbase.sources.pdf.MAX_PDF_PAGES", 1)
    with pytest.raises(LayerError, match=r"^2 pages, more than the limit of 1$"):
        extract("pdf", GOOD_PDF)
    monkeypatch.setattr("factbase.sources.html.MAX_HTML_BYTES", 100)
    with pytest.raises(LayerError, match=r"^a web page of 101 characters, more than the limit of 100$"):
        html_text("x" * 101)


@pytest.mark.parametrize("markup", [
    "<p>unclosed <b><i>tags", "</p></div></body></html>", "<<<>>>", "<p <p <p>", "<!-- open",
    "<script>never closed", "<table><td>a<tr>b</table>c", "<svg><p>x</svg>y", "\x00\x01<p>\x02",
    "<a href='" + "x" * 100_000, "<p>" + "&amp;" * 10_000, "<!DOCTYPE html><html><html><body><body>",
    "<frameset><frame></frameset>", "<math><mi>x</mi></math> y",
])
def test_malformed_html_gives_text_not_an_error(markup: str) -> None:
    assert isinstance(html_text(markup).text, str)


@pytest.mark.parametrize(("file", "data", "code", "reason"), [
    ("scan.pdf", make_scan(), "source-unreadable", "no text layer"),
    ("locked.pdf", make_pdf([["x"]], password="pw"), "source-unreadable", "encrypted PDF"),
    ("cut.warc.gz", make_warc("https://x.test/", PAGE.encode())[:200], "source-unreadable",
     "no end of the first record's headers"),
    ("page.html", b"<meta charset=utf-8><p>caf\xe9</p>", "charset-mismatch", "read as windows-1252"),
])
def test_check_reports_them_with_codes(tmp_path: Path, file: str, data: bytes, code: str,
                                       reason: str) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / file).write_bytes(data)
    (tmp_path / "facts.yaml").write_text(
        "factbase: 1\nsources:\n  - id: doc\n    path: sources/" + file + "\nclaims:\n"
        "  - id: c\n    statement: S.\n    value: {type: quote}\n    citations:\n"
        "      - source: doc\n        quote: café\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "facts.yaml")])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "facts.yaml:4:11: " in result.output
    line = next(line for line in result.output.splitlines() if f" {code}: " in line)
    assert reason in line
    assert result.exit_code == (0 if code == "charset-mismatch" else 1)


def test_unreadable_keeps_the_hash(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(make_scan())
    read = read_text("scan", str(tmp_path), "scan.pdf")
    assert read.text is None and read.sha256 is not None and read.layer is None
    assert [p.code for p in read.problems] == ["source-unreadable"]


def test_a_declared_format_overrides_the_name(tmp_path: Path) -> None:
    (tmp_path / "page.php").write_text("<p>The fund held <b>$9</b> million.</p>", encoding="utf-8")
    read = read_text("p", str(tmp_path), "page.php", format="html")
    assert read.text == "The fund held $9 million."
    plain = read_text("p", str(tmp_path), "page.php")
    assert plain.text == "<p>The fund held <b>$9</b> million.</p>"


def test_format_field_is_validated(tmp_path: Path) -> None:
    (tmp_path / "facts.yaml").write_text(
        "factbase: 1\nsources:\n  - id: doc\n    path: a.txt\n    format: docx\n", encoding="utf-8")
    with pytest.raises(factbase.FactsError) as caught:
        factbase.load(tmp_path / "facts.yaml")
    assert [(p.code, p.line) for p in caught.value.problems] == [("schema", 5)]


def test_a_damaged_snapshot_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    data = make_warc("https://x.test/a b", PAGE.encode(), gzip=False)
    data = data.replace(b"Content-Length: 1", b"Content-Length: 2", 1)
    text, _ = extract("warc", data)
    assert text.startswith("Example News\n")
    assert capfd.readouterr() == ("", "")
