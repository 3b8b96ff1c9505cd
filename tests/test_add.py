"""`factbase add`: files copied under sources/, URLs fetched from a server on 127.0.0.1 into web
snapshots, metadata read from the documents, the facts file edited in place (issue 15)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from source_files import PAGE, make_pdf, make_scan

import factbase
from factbase.add import AddError, add
from factbase.cli import cli
from factbase.sources.layer import extract
from factbase.sources.warc import warc_response

REPORT = make_pdf([["Annual report: the fund held $9 million."]], title="Annual Report 2019",
                  author="Jane Doe; John Roe", created="2020-03-05T10:00:00")

ROUTES: dict[str, tuple[int, list[tuple[str, str]], bytes]] = {
    "/news/fund-set-up.html": (200, [("Content-Type", "text/html; charset=utf-8")], PAGE.encode()),
    "/old": (301, [("Location", "/news/fund-set-up.html")], b""),
    "/chain": (302, [("Location", "http://127.0.0.1:{port}/old")], b""),
    "/report.pdf": (200, [("Content-Type", "application/pdf")], REPORT),
    "/scan.pdf": (200, [("Content-Type", "application/pdf")], make_scan()),
    "/missing": (404, [("Content-Type", "text/plain")], b"not here"),
    "/to-file": (301, [("Location", "file:///etc/passwd")], b""),
    "/loop": (301, [("Location", "/loop")], b""),
    "/zipped": (200, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                gzip.compress(b"<title>Zipped</title><p>The fund held $9 million.</p>")),
    "/big": (200, [("Content-Type", "text/html")], b"<p>" + b"x" * 300_000),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
        status, headers, body = ROUTES.get(self.path, (404, [], b""))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value.replace("{port}", str(self.server.server_address[1])))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client may give up (a size limit): nothing to do then.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


FACTS = """\
factbase: 1
# The sources we cite.
sources:
  - id: seed   # the first one
    path: sources/seed.txt
    published: 2020-01

# People and places.
entities: []
claims: []
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "seed.txt").write_text("Seed text.\n", encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text(FACTS, encoding="utf-8")
    return facts


def test_add_a_url_then_cite_and_verify_it(server: str, project: Path) -> None:
    result = CliRunner().invoke(cli, ["add", f"{server}/chain", "--facts", str(project)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"followed 302 {server}/chain -> {server}/old"
    assert lines[1] == f"followed 301 {server}/old -> {server}/news/fund-set-up.html"
    assert lines[2] == f"added source 'fund-set-up' (sources/fund-set-up.warc.gz) to {project}:"
    text = project.read_text(encoding="utf-8")
    # The entry is appended to the list, comments and layout kept byte for byte.
    assert text.startswith(FACTS.split("\n# People")[0] + "  - id: fund-set-up\n")
    assert text.endswith("\n# People and places.\nentities: []\nclaims: []\n")
    entry = yaml.safe_load(text)["sources"][1]
    data = (project.parent / "sources" / "fund-set-up.warc.gz").read_bytes()
    assert entry == {
        "id": "fund-set-up", "path": "sources/fund-set-up.warc.gz",
        "title": "Japan and Korea set up a fund", "publisher": "Example News",
        "authors": ["Jane Doe", "John Roe"], "published": dt.date(2019, 12, 28),
        "url": f"{server}/news/fund-set-up.html", "sha256": entry["sha256"],
        "text_sha256": extract("warc", data)[1].sha256}
    # The snapshot: the redirects, then the page, each request with its response and time.
    import io

    from warcio.archiveiterator import ArchiveIterator

    records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                r.http_headers.get_statuscode() if r.http_headers and r.rec_type == "response" else None)
               for r in ArchiveIterator(io.BytesIO(data))]
    assert records == [
        ("warcinfo", None, None),
        ("request", f"{server}/chain", None), ("response", f"{server}/chain", "302"),
        ("request", f"{server}/old", None), ("response", f"{server}/old", "301"),
        ("request", f"{server}/news/fund-set-up.html", None),
        ("response", f"{server}/news/fund-set-up.html", "200")]
    assert warc_response(data).date is not None
    # Cite it: "last month" resolves against the page's own publication date.
    with project.open("a", encoding="utf-8") as handle:
        handle.write(
            "  - id: said\n    statement: Officials spoke in November 2019.\n"
            "    value: {type: date, date: 2019-11}\n    citations:\n"
            "      - source: fund-set-up\n        quote: officials said last month\n"
            "  - id: fund\n    statement: A $9 million fund.\n"
            "    value: {type: money, amount: 9000000, currency: USD}\n    citations:\n"
            "      - source: fund-set-up\n        quote: a $9 million joint fund\n")
    text = project.read_text(encoding="utf-8").replace("claims: []\n", "claims:\n")
    project.write_text(text, encoding="utf-8")
    report = factbase.check(factbase.load(project))
    assert [(c.id, c.status) for c in report.claims] == [("said", "verified"), ("fund", "verified")]
    assert [p.code for p in report.problems] == ["unused-source"]


def test_add_a_pdf_url_reads_its_metadata(server: str, project: Path) -> None:
    added = add(f"{server}/report.pdf", project)
    assert (added.id, added.path) == ("report", "sources/report.warc.gz")
    assert {k: added.entry.get(k) for k in ("title", "authors", "published")} == {
        "title": "Annual Report 2019", "authors": ["Jane Doe", "John Roe"],
        "published": "2020-03-05"}


def test_content_encoding_is_kept_and_undone_on_reading(server: str, project: Path) -> None:
    added = add(f"{server}/zipped", project, source_id="zipped-page")
    data = (project.parent / added.path).read_bytes()
    assert extract("warc", data)[0] == "The fund held $9 million."
    assert added.entry["title"] == "Zipped"
    assert added.notes == ["no publication date found in the document: set `published` so that "
                           "relative dates (\"last month\") resolve"]


@pytest.mark.parametrize(("path", "options", "message"), [
    ("/missing", {}, "{server}/missing: HTTP 404 Not Found"),
    ("/to-file", {}, "file:///etc/passwd: only http and https URLs are fetched, not file"),
    ("/loop", {}, "{server}/loop: more than 10 redirects"),
    ("/big", {"max_bytes": 100_000}, "{server}/big: 300003 bytes, more than the limit of 100000"),
    ("/slow", {"timeout": 0.3}, "{server}/slow: no answer within 0.3 s"),
    ("/scan.pdf", {}, "{server}/scan.pdf: no text to cite: no text layer: 1 page of images only "
                      "(a scan?); cite a text version or an OCR of it"),
])
def test_fetch_failures(server: str, project: Path, path: str, options: dict[str, float],
                        message: str) -> None:
    before = project.read_bytes()
    with pytest.raises(AddError) as caught:
        add(f"{server}{path}", project, **options)  # type: ignore[arg-type]
    assert str(caught.value) == message.format(server=server)
    assert project.read_bytes() == before
    assert sorted(p.name for p in (project.parent / "sources").iterdir()) == ["seed.txt"]


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x.html", "file:///etc/passwd", "javascript://x"])
def test_only_http_and_https(project: Path, url: str) -> None:
    result = CliRunner().invoke(cli, ["add", url, "--facts", str(project)])
    assert result.exit_code == 1
    assert "only http and https URLs are fetched" in result.output


def test_add_a_file_copies_it(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere")
    (outside / "Annual Report.pdf").write_bytes(REPORT)
    result = CliRunner().invoke(cli, ["add", str(outside / "Annual Report.pdf"), "--facts",
                                      str(project)])
    assert result.exit_code == 0, result.output
    assert (project.parent / "sources" / "Annual Report.pdf").read_bytes() == REPORT
    entry = yaml.safe_load(project.read_text(encoding="utf-8"))["sources"][-1]
    assert (entry["id"], entry["path"], entry["title"]) == (
        "annual-report", "sources/Annual Report.pdf", "Annual Report 2019")
    # The same name with other bytes: a second file; the same bytes: the same file.
    (outside / "Annual Report.pdf").write_bytes(make_pdf([["Another report."]]))
    second = add(str(outside / "Annual Report.pdf"), project)
    assert (second.id, second.path) == ("annual-report-2", "sources/Annual Report-2.pdf")
    third = add(str(outside / "Annual Report.pdf"), project, source_id="again")
    assert third.path == "sources/Annual Report-2.pdf"
    facts = factbase.load(project)
    assert [s.id for s in facts.sources] == ["seed", "annual-report", "annual-report-2", "again"]


def test_a_file_inside_the_project_stays_where_it_is(project: Path) -> None:
    page = project.parent / "pages" / "story.html"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    added = add(str(page), project)
    assert (added.id, added.path) == ("story", "pages/story.html")
    assert not (project.parent / "sources" / "story.html").exists()


@pytest.mark.parametrize(("facts", "expected"), [
    ("factbase: 1\nsources: []\nclaims: []\n",
     "factbase: 1\nsources: \n  - id: note\n    path: sources/note.txt\n    sha256: {sha}\nclaims: []\n"),
    ("factbase: 1\nsources:\nclaims: []\n",
     "factbase: 1\nsources:\n  - id: note\n    path: sources/note.txt\n    sha256: {sha}\nclaims: []\n"),
    ("factbase: 1\nclaims: []",
     "factbase: 1\nclaims: []\nsources:\n  - id: note\n    path: sources/note.txt\n    sha256: {sha}\n"),
    ("factbase: 1\nsources: [{id: a, path: a.txt}]\n",
     "factbase: 1\nsources: [{id: a, path: a.txt}, {id: note, path: sources/note.txt, sha256: {sha}}]\n"),
    ("factbase: 1\nsources:\n- id: a\n  path: a.txt\n  authors:\n  - X\n# end\n",
     "factbase: 1\nsources:\n- id: a\n  path: a.txt\n  authors:\n  - X\n- id: note\n  path: sources/note.txt\n  sha256: {sha}\n# end\n"),
    ("factbase: 1\r\nsources:\r\n  - id: a\r\n    path: a.txt\r\n",
     "factbase: 1\r\nsources:\r\n  - id: a\r\n    path: a.txt\r\n  - id: note\r\n    path: sources/note.txt\r\n    sha256: {sha}\r\n"),
])
def test_facts_file_layouts(tmp_path: Path, facts: str, expected: str) -> None:
    import hashlib

    path = tmp_path / "project" / "facts.yaml"
    path.parent.mkdir()
    path.write_bytes(facts.encode())
    note = tmp_path / "in" / "note.txt"
    note.parent.mkdir()
    note.write_bytes(b"A plain note.\n")
    add(str(note), path)
    sha = hashlib.sha256(b"A plain note.\n").hexdigest()
    assert path.read_bytes().decode() == expected.replace("{sha}", sha)


def test_a_missing_facts_file_is_created(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("# A note\n", encoding="utf-8")
    added = add(str(note), tmp_path / "facts.yaml")
    assert added.path == "note.md"
    assert factbase.load(tmp_path / "facts.yaml").sources[0].id == "note"


@pytest.mark.parametrize(("args", "message"), [
    (["--id", "seed"], "a source with id 'seed' is already declared"),
    (["--id", "Bad Id"], "--id 'Bad Id': use lowercase letters, digits and hyphens"),
])
def test_bad_ids(project: Path, args: list[str], message: str) -> None:
    note = project.parent / "note.txt"
    note.write_text("x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["add", str(note), "--facts", str(project), *args])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {message}"


def test_unreadable_files_are_refused(project: Path, tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_scan())
    result = CliRunner().invoke(cli, ["add", str(scan), "--facts", str(project)])
    assert result.exit_code == 1
    assert "no text to cite: no text layer" in result.output
    result = CliRunner().invoke(cli, ["add", str(tmp_path / "nope.pdf"), "--facts", str(project)])
    assert (result.exit_code, result.output.strip()) == (1, f"error: {tmp_path / 'nope.pdf'}: no such file")
