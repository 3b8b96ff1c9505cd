"""Serving hostile content: every source, claim and entity string the plugin shows is escaped,
no attribute or link can be injected, bidi controls cannot reorder text around them, and
`factbase serve --public` turns off arbitrary SQL and sets a time limit (tested through
Datasette's own client with the configuration `serve` generates)."""

from __future__ import annotations

import asyncio
import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from datasette.app import Datasette

from factbase import check, load
from factbase import serve as serve_module
from factbase.datasette import bdi, nobidi
from factbase.db import publish
from factbase.serve import BIDI_CONTROLS, safe_url

RLO = "\u202e"
XSS = "<script>alert(1)</script>"
ATTR = "\" onmouseover=\"alert(2)\" x='"
IMG = "'><img src=x onerror=alert(3)>"

SOURCE_TEXT = (
    f"Intro {XSS} and {ATTR} then {IMG}. {RLO}reversed tail. The fund held $9 million in 2015, "
    f"said Shinzo Abe{RLO}, the Prime Minister of Japan. A <b>bold</b> & end.\n"
)
# Payloads in every free-text field of facts.yaml; ids are slugs and cannot hold any.
FACTS = textwrap.dedent(f"""\
    factbase: 1
    title: {json.dumps("Title " + XSS + RLO)}
    description: {json.dumps("Description " + IMG)}
    license: {json.dumps("CC" + ATTR)}
    license_url: "javascript:alert(6)"
    include: ["more{RLO}.yaml"]
    sources:
      - id: hostile
        path: sources/hostile.txt
        title: {json.dumps("Source " + IMG + RLO)}
        publisher: {json.dumps("Publisher " + ATTR + RLO)}
        authors: [{json.dumps("Author " + XSS + RLO)}, "Second author"]
        url: "javascript:alert(4)"
        published: 2020-01
    entities:
      - id: abe
        name: {json.dumps("Shinzo Abe" + RLO)}
        kind: person
        aliases: ["Shinzo Abe", {json.dumps(XSS)}]
        description: {json.dumps("Entity " + IMG)}
        url: "javascript:alert(5)"
        roles: [{{title: {json.dumps("Prime Minister of Japan")}, aliases: [{json.dumps("PM " + ATTR)}]}}]
    claims:
      - id: fund
        statement: {json.dumps(XSS + " The fund held $9 million." + RLO)}
        subject: abe
        predicate: {json.dumps("fund" + ATTR + RLO)}
        value: {{type: money, amount: 9000000, currency: USD}}
        tags: [{json.dumps("tag" + ATTR)}, {json.dumps(RLO + "tag2")}]
        note: {json.dumps("Note " + IMG + RLO)}
        citations:
          - source: hostile
            quote: "The fund held $9 million in 2015"
      - id: pm
        statement: {json.dumps("Abe was PM " + RLO)}
        value: {{type: person, entity: abe, role: Prime Minister of Japan}}
        citations:
          - source: hostile
            quote: "said Shinzo Abe{RLO}, the Prime Minister of Japan"
      - id: injected-quote
        statement: The quote itself is hostile.
        value: {{type: quote}}
        citations:
          - source: hostile
            quote: {json.dumps(XSS + " and " + ATTR)}
      - id: missing
        statement: {json.dumps("Not found " + RLO)}
        value: {{type: quote}}
        citations:
          - source: hostile
            quote: {json.dumps("nowhere " + XSS + RLO)}
    """)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-serving")
    (folder / "sources").mkdir()
    (folder / "sources" / "hostile.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (folder / f"more{RLO}.yaml").write_text(textwrap.dedent(f"""\
        claims:
          - id: included
            statement: {json.dumps("From an included file " + RLO)}
            value: {{type: quote}}
            citations: [{{source: hostile, quote: "not in the source"}}]
        """), encoding="utf-8")
    facts = folder / "facts.yaml"
    facts.write_text(FACTS, encoding="utf-8")
    db = folder / "factbase.db"
    publish(check(load(facts)), db)
    return db


def stored_strings(db: Path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out: list[str] = []
        for (table,) in conn.execute("select name from sqlite_master where type = 'table'"):
            for row in conn.execute(f"select * from [{table}]"):
                out.extend(v for v in row if isinstance(v, str))
                out.extend(str(x) for v in row if isinstance(v, str) and v.startswith(("[", "{"))
                           for x in _json_strings(v))
        return out
    finally:
        conn.close()


def _json_strings(text: str) -> list[str]:
    try:
        value = json.loads(text)
    except ValueError:
        return []
    found: list[str] = []

    def walk(v: Any) -> None:
        if isinstance(v, str):
            found.append(v)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)

    walk(value)
    return found


async def _fetch(ds: Datasette, paths: list[str]) -> list[httpx.Response]:
    await ds.invoke_startup()
    return [await ds.client.get(p) for p in paths]


def fetch(db: Path, *paths: str, metadata: dict[str, Any] | None = None,
          settings: dict[str, Any] | None = None) -> list[httpx.Response]:
    if metadata is None:
        metadata = json.loads(db.with_suffix(".metadata.json").read_text(encoding="utf-8"))
    ds = Datasette([], immutables=[str(db)], metadata=metadata, settings=settings)
    return asyncio.run(_fetch(ds, list(paths)))


# ---------------------------------------------------------------------------- HTML checks

BLOCKS = {"p", "div", "td", "th", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
          "blockquote", "pre", "section", "title", "textarea", "option"}
# Classes that factbase.css isolates (checked against the stylesheet below).
ISOLATED_CLASSES = {"fb-before", "fb-after", "fb-context-text", "fb-source-text", "fb-quote", "fb-quote-only",
                    "fb-ref"}
ISOLATED_TAGS = {"bdi", "mark", "a"}  # bdi by HTML; mark and a by factbase.css
CUT = "\x1f"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Elements, attributes, scripts, and each text with the text of its nearest isolating
    ancestor (an element that bidi controls inside cannot reach out of)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self.stack: list[tuple[str, bool, list[str]]] = [("#root", True, [])]
        self.isolates: list[str] = []  # text content of every closed isolating element with a control

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        isolating = (tag in BLOCKS or tag in ISOLATED_TAGS or any(n == "dir" for n, _ in attrs)
                     or bool(classes & ISOLATED_CLASSES))
        self.stack.append((tag, isolating, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or len(self.stack) == 1:
            return
        while len(self.stack) > 1:
            name, isolating, texts = self.stack.pop()
            content = "".join(texts)
            if isolating:
                if any(ord(c) in BIDI_CONTROLS for c in content):
                    self.isolates.append(content)
                self.stack[-1][2].append(CUT)  # a closed isolate: the text around it is cut
            else:
                self.stack[-1][2].append(content)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack[-1][0] == "script":
            self.scripts.append(data)
        self.stack[-1][2].append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def assert_no_injection(html: str) -> None:
    page = parse(html)
    handlers = [(t, n) for t, n, _ in page.attributes if n.lower().startswith("on")]
    links = [(t, n, v) for t, n, v in page.attributes
             if n in ("href", "src", "action", "formaction")
             and re.match(r"\s*(javascript|data|vbscript):", v, re.IGNORECASE)]
    assert (handlers, links) == ([], [])
    assert [s for s in page.scripts if "alert(" in s] == []
    assert [tag for tag, n, _ in page.attributes if tag == "img" and n == "src"] == []


PLUGIN_PAGES = ["/-/factbase/claims/fund", "/-/factbase/claims/pm", "/-/factbase/claims/injected-quote",
                "/-/factbase/claims/missing", "/-/factbase/claims/included", "/-/factbase/sources/hostile"]
DATASETTE_PAGES = ["/", "/factbase", "/factbase/claims", "/factbase/citations", "/factbase/entities",
                   "/factbase/sources", "/factbase/problems", "/factbase/claim_evidence",
                   "/factbase/failing_claims", "/factbase/claims/fund", "/factbase/sources/hostile",
                   "/factbase/entities/abe", "/factbase/aliases", "/factbase/roles",
                   "/factbase/claims_about_entity?entity=abe", "/factbase/claims_citing_source?source=hostile",
                   "/factbase/search_with_evidence?q=fund"]


def test_the_hostile_claims_made_it_into_the_database(hostile_db: Path) -> None:
    strings = stored_strings(hostile_db)
    assert [any(p in s for s in strings) for p in (XSS, ATTR, IMG, RLO, "javascript:alert(4)")] == [True] * 5


@pytest.mark.parametrize("path", PLUGIN_PAGES + DATASETTE_PAGES)
def test_nothing_is_injected(hostile_db: Path, path: str) -> None:
    [response] = fetch(hostile_db, path)
    assert response.status_code == 200
    assert_no_injection(response.text)
    for raw in (XSS, ATTR, IMG, "<b>bold</b>"):
        assert raw not in response.text


@pytest.mark.parametrize("path", [*PLUGIN_PAGES, "/factbase/claims", "/factbase/citations"])
def test_bidi_controls_stay_inside_their_own_string(hostile_db: Path, path: str) -> None:
    [response] = fetch(hostile_db, path)
    strings = stored_strings(hostile_db)
    page = parse(response.text)
    assert page.isolates, "the page shows no bidi control at all"
    # Each isolating element that holds a control holds text of one stored string only, so
    # the control cannot reorder anything else on the page.
    leaks = [text for text in page.isolates
             if not any(all(piece.strip().strip("…") in s for piece in text.split(CUT)) for s in strings)]
    assert leaks == []


def test_the_stylesheet_isolates_the_source_text_classes(hostile_db: Path) -> None:
    [css] = fetch(hostile_db, "/-/factbase/static/factbase.css")
    isolated: set[str] = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css.text, flags=re.S)):
        if "unicode-bidi: isolate" in body:
            isolated |= {s.strip().rsplit(".", 1)[-1] for s in selectors.split(",")}
    assert ISOLATED_CLASSES | {"mark", "a"} <= isolated


def test_unsafe_source_links_are_not_links(hostile_db: Path) -> None:
    [response] = fetch(hostile_db, "/-/factbase/sources/hostile")
    hrefs = [v for t, n, v in parse(response.text).attributes if n == "href"]
    assert [h for h in hrefs if "alert" in h] == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://example.org/a?b=1", "https://example.org/a?b=1"), ("HTTP://example.org", "HTTP://example.org"),
     (" https://example.org ", "https://example.org"), ("javascript:alert(1)", None),
     ("JavaScript:alert(1)", None), ("java\tscript:alert(1)", None), (" javascript:alert(1)", None),
     ("data:text/html,<script>alert(1)</script>", None), ("vbscript:x", None), ("//evil.example", None),
     ("https:alert(1)", None), ("/relative", None), ("", None), (None, None), (42, None),
     ("http://[::1", None)],
)
def test_safe_url(url: object, expected: str | None) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("plain", "<bdi>plain</bdi>"), (XSS, "<bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi>"),
     (ATTR, "<bdi>&#34; onmouseover=&#34;alert(2)&#34; x=&#39;</bdi>"), (None, "<bdi></bdi>"),
     (RLO + "x", f"<bdi>{RLO}x</bdi>")],
)
def test_bdi_filter(value: str | None, expected: str) -> None:
    assert str(bdi(value)) == expected


def test_nobidi_filter() -> None:
    assert nobidi(f"a{RLO}b\u2066c\u2069\u200fd") == "abcd"


# ---------------------------------------------------------------------------- serving


def test_canned_queries_bind_their_parameters(hostile_db: Path) -> None:
    injected = "verified' or 1=1 --"
    responses = fetch(hostile_db,
                      f"/factbase/claims_by_status.json?_shape=array&status={injected}",
                      "/factbase/claims_by_status.json?_shape=array&status=unanchored",
                      "/factbase/search_with_evidence.json?_shape=array&q=" + '"fund" OR * ) (',
                      "/factbase/claims_about_entity.json?_shape=array&entity=abe')--")
    assert [r.status_code for r in responses] == [200, 200, 200, 200]
    assert [len(r.json()) for r in (responses[0], responses[3])] == [0, 0]
    assert [row["claim_id"] for row in responses[1].json()] == ["included", "missing"]


def test_databases_are_served_immutable(hostile_db: Path) -> None:
    [response] = fetch(hostile_db, "/-/databases.json")
    assert [(d["name"], d["is_mutable"]) for d in response.json()] == [("factbase", False)]


@pytest.fixture
def served(hostile_db: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What `factbase serve --public` would start: its arguments and generated metadata."""
    seen: dict[str, Any] = {}

    def run(argv: list[str]) -> int:
        args = argv[argv.index("serve") + 1:]
        seen["args"] = args
        seen["metadata"] = json.loads(Path(args[args.index("-m") + 1]).read_text(encoding="utf-8"))
        seen["settings"] = {args[i + 1]: args[i + 2] for i, a in enumerate(args) if a == "--setting"}
        return 0

    # The seam where serve() starts the Datasette process (raises if it is ever renamed,
    # rather than starting a real server).
    monkeypatch.setattr(serve_module, "_run", run)
    assert serve_module.serve(hostile_db, public=True) == 0
    return seen


def test_serve_public_starts_datasette_immutable_with_a_time_limit(served: dict[str, Any], hostile_db: Path) -> None:
    args = served["args"]
    assert args[args.index("-i") + 1] == str(hostile_db)
    assert (served["metadata"]["allow_sql"], served["settings"]["sql_time_limit_ms"]) == (
        False, str(serve_module.PUBLIC_SQL_TIME_LIMIT_MS))


def test_serve_public_config_blocks_sql_through_datasette(served: dict[str, Any], hostile_db: Path) -> None:
    settings = {k: int(v) if v.isdigit() else v for k, v in served["settings"].items()}
    sql, canned, table, limits = fetch(
        hostile_db, "/factbase.json?sql=select+1", "/factbase/claims_by_status.json?status=verified",
        "/factbase/claims.json", "/-/settings.json", metadata=served["metadata"], settings=settings)
    assert (sql.status_code, canned.status_code, table.status_code) == (403, 200, 200)
    assert limits.json()["sql_time_limit_ms"] == serve_module.PUBLIC_SQL_TIME_LIMIT_MS


def test_serve_without_public_allows_sql(hostile_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(serve_module, "_run", lambda argv: seen.append(argv) or 0)
    serve_module.serve(hostile_db)
    [sql] = fetch(hostile_db, "/factbase.json?sql=select+1")
    assert ("--setting" in seen[0], sql.status_code) == (False, 200)
