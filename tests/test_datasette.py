"""The published database through Datasette's own client: JSON, canned queries, facets,
search, the plugin's pages and cells, escaping of hostile sources, and the generated config."""

from __future__ import annotations

import asyncio
import html
import json
import re
from pathlib import Path

import httpx
import pytest
import yaml
from click.testing import CliRunner
from datasette.app import Datasette
from hand_report import HOSTILE, HOSTILE_FACTS, hand_report, real_report, write_project
from hypothesis import given
from hypothesis import strategies as st
from page_marks import marks

from factbase.cli import cli
from factbase.datasette.highlight import Span, in_context, layered
from factbase.db import publish
from factbase.db import shape as dbshape
from factbase.serve import (
    QUERIES,
    datasette_args,
    datasette_metadata,
    datasette_settings,
    queries_markdown,
    split_for_1_0,
    write_config,
)

SEED_TEXT = (Path(__file__).resolve().parent.parent / "sources" / "east-asia-alliances.txt").read_text(
    encoding="utf-8"
)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("project")
    path = folder / "factbase.db"
    publish(hand_report(write_project(folder)), path)
    return path


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    facts = write_project(folder, HOSTILE_FACTS, {"sources/hostile.txt": HOSTILE})
    path = folder / "factbase.db"
    publish(hand_report(facts), path)
    return path


def fetch(db_path: Path, *paths: str, public: bool = False) -> list[httpx.Response]:
    metadata = json.loads(db_path.with_suffix(".metadata.json").read_text(encoding="utf-8"))
    if public:
        metadata["allow_sql"] = False

    async def run() -> list[httpx.Response]:
        ds = Datasette([], immutables=[str(db_path)], metadata=metadata)
        await ds.invoke_startup()
        return [await ds.client.get(p) for p in paths]

    return asyncio.run(run())


def get(db_path: Path, path: str) -> httpx.Response:
    return fetch(db_path, path)[0]


# ---------------------------------------------------------------------------- JSON and queries


def test_claims_json(db_path: Path) -> None:
    response = get(db_path, "/factbase/claims.json?_shape=array")
    assert response.status_code == 200
    rows = {r["id"]: r for r in response.json()}
    assert sorted(rows) == ["abe-pm", "fund", "summit", "wrong-fund"]
    assert rows["fund"]["status"] == "verified"
    assert rows["wrong-fund"]["status"] == "contradicted"


@pytest.mark.parametrize(
    ("query", "params", "key", "expected"),
    [
        ("claims_about_entity", "entity=shinzo-abe", "claim_id", ["abe-pm"]),
        ("claims_about_entity", "entity=comfort-women-agreement", "claim_id", ["fund", "wrong-fund"]),
        ("claims_citing_source", "source=seed", "claim_id", ["abe-pm", "summit", "fund", "wrong-fund"]),
        ("claims_by_status", "status=contradicted", "claim_id", ["wrong-fund"]),
        ("claims_by_status", "status=verified", "claim_id", ["abe-pm", "fund", "summit"]),
        ("date_claims_between", "start=2019&end=2019", "claim_id", ["summit"]),
        ("date_claims_between", "start=2019-12-24&end=2020", "claim_id", ["summit"]),
        ("date_claims_between", "start=2019-12-25&end=2020", "claim_id", []),
        ("date_claims_between", "start=2019-01&end=2019-11", "claim_id", []),
        ("search_with_evidence", "q=fund", "claim_id", ["fund", "wrong-fund"]),
        ("search_with_evidence", "q=Chengdu", "claim_id", ["summit"]),
        ('search_with_evidence', 'q=%22unbalanced', "claim_id", []),
    ],
)
def test_canned_queries(db_path: Path, query: str, params: str, key: str, expected: list[str]) -> None:
    response = get(db_path, f"/factbase/{query}.json?_shape=array&{params}")
    assert response.status_code == 200, response.text
    got = [r[key] for r in response.json()]
    assert sorted(got) == sorted(expected)
    if query == "claims_citing_source":
        starts = [r["start"] for r in response.json()]
        assert starts == sorted(starts)


def test_search_with_evidence_gives_the_span(db_path: Path) -> None:
    rows = get(db_path, "/factbase/search_with_evidence.json?_shape=array&q=Chengdu").json()
    assert rows[0]["span"] == SEED_TEXT[rows[0]["start"]:rows[0]["end"]]
    assert rows[0]["span"] == "the Dec. 24, 2019, Moon-Abe summit in Chengdu"


def test_facets(db_path: Path) -> None:
    data = get(db_path, "/factbase/claims.json").json()
    facets = data["facet_results"]
    status = {r["value"]: r["count"] for r in facets["status"]["results"]}
    assert status == {"verified": 3, "contradicted": 1}
    tags = {r["value"]: r["count"] for r in facets["tags"]["results"]}
    assert tags == {"money": 2, "agreements": 1, "summits": 1}
    assert {r["value"]: r["count"] for r in facets["value_type"]["results"]} == {
        "money": 2, "date": 1, "person": 1
    }
    assert {r["value"]: r["count"] for r in facets["source_ids"]["results"]} == {"seed": 4}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/factbase/claims.json?_search=fund&_shape=array", ["fund", "wrong-fund"]),
        ("/factbase/claims.json?_search=Chengdu&_shape=array", ["summit"]),
        ("/factbase/sources.json?_search=GSOMIA&_shape=array", ["seed"]),
        ("/factbase/claims.json?_search=zzzz&_shape=array", []),
    ],
)
def test_table_search(db_path: Path, path: str, expected: list[str]) -> None:
    assert sorted(r["id"] for r in get(db_path, path).json()) == expected


@pytest.mark.parametrize("view", sorted(dbshape.VIEWS))
def test_views_render(db_path: Path, view: str) -> None:
    assert get(db_path, f"/factbase/{view}").status_code == 200
    assert get(db_path, f"/factbase/{view}.json").status_code == 200


def test_metadata_reaches_datasette(db_path: Path) -> None:
    data = get(db_path, "/-/metadata.json").json()
    assert data["title"] == "Hand-made test database"
    assert data["license"] == "CC-BY-4.0"
    tables = data["databases"]["factbase"]["tables"]
    assert tables["claims"]["label_column"] == "statement"
    page = get(db_path, "/factbase/claims").text
    assert dbshape.TABLE["claims"].description in page


# ---------------------------------------------------------------------------- plugin pages


def test_claim_page_highlights_the_span(db_path: Path) -> None:
    response = get(db_path, "/-/factbase/claims/fund")
    assert response.status_code == 200
    spans = marks(response.text, "fb-span")
    assert len(spans) == 1
    attrs, text = spans[0]
    start, end = int(attrs["data-start"] or -1), int(attrs["data-end"] or -1)
    assert (start, end) == (SEED_TEXT.index("a $9 million joint"), SEED_TEXT.index("a $9 million joint") + 55)
    assert text == SEED_TEXT[start:end]
    evidence = marks(response.text, "fb-evidence")
    assert [(a["class"], t) for a, t in evidence] == [("fb-depth-1 fb-evidence fb-match", "$9 million")]
    before = marks(response.text, "fb-before")[0][1]
    assert before == "…" + SEED_TEXT[start - 300:start]
    assert 'href="/-/factbase/sources/seed"' in response.text
    assert 'href="/factbase/entities/comfort-women-agreement"' in response.text


def test_claim_page_lists_problems(db_path: Path) -> None:
    page = get(db_path, "/-/factbase/claims/wrong-fund").text
    assert "<code>value-mismatch</code>" in page
    assert marks(page, "fb-evidence")[0][0]["class"] == "fb-depth-1 fb-evidence fb-nomatch"
    assert 'class="fb-badge fb-status-contradicted"' in page


@pytest.mark.parametrize("path", ["/-/factbase/claims/nope", "/-/factbase/sources/nope",
                                  "/-/factbase/claims/fund?database=other"])
def test_missing_pages(db_path: Path, path: str) -> None:
    assert get(db_path, path).status_code == 404


def test_source_page_links_every_cited_span(db_path: Path) -> None:
    page = get(db_path, "/-/factbase/sources/seed").text
    cited = marks(page, "fb-cited")
    claims = {c for attrs, _ in cited for c in (attrs["data-claims"] or "").split()}
    assert claims == {"abe-pm", "fund", "summit", "wrong-fund"}
    # fund and wrong-fund cite the same span: one piece, two claims, two links
    shared = [attrs for attrs, text in cited if text.startswith("a $9 million")]
    assert shared[0]["data-claims"] == "fund wrong-fund"
    assert "fb-depth-2" in (shared[0]["class"] or "")
    for claim_id in ("abe-pm", "fund", "summit", "wrong-fund"):
        assert f'<a class="fb-ref" href="/-/factbase/claims/{claim_id}">{claim_id}</a>' in page
    assert plain_text(page.split('<div class="fb-source-text">', 1)[1].split("</div>", 1)[0]) == SEED_TEXT


def plain_text(markup: str) -> str:
    """The text of highlighted markup: links to claims dropped, marks unwrapped."""
    markup = re.sub(r'<a class="fb-ref" href="[^"]*">[^<]*</a>', "", markup)
    return html.unescape(re.sub(r"</?mark\b[^>]*>", "", markup))


def test_render_cell(db_path: Path) -> None:
    claims = get(db_path, "/factbase/claims").text
    assert '<span class="fb-badge fb-status-verified">verified</span>' in claims
    assert '<a class="fb-context" href="/-/factbase/claims/fund">in context</a>' in claims
    citations = get(db_path, "/factbase/citations").text
    spans = marks(citations, "fb-span")
    assert {t for _, t in spans} >= {"a $9 million joint fund for the surviving comfort women"}
    for attrs, text in spans:
        assert SEED_TEXT[int(attrs["data-start"] or 0):int(attrs["data-end"] or 0)] == text
    evidence = get(db_path, "/factbase/claim_evidence").text
    assert '<a href="/-/factbase/claims/summit">summit</a>' in evidence


def test_stylesheet(db_path: Path) -> None:
    css, page = fetch(db_path, "/-/factbase/static/factbase.css", "/factbase/claims")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert ".fb-badge" in css.text
    assert '/-/factbase/static/factbase.css' in page.text


# ---------------------------------------------------------------------------- hostile text


HOSTILE_PAGES = [
    "/-/factbase/claims/hostile-fund",
    "/-/factbase/sources/hostile",
    "/factbase/citations",
    "/factbase/claims",
    "/factbase/claim_evidence",
    "/factbase",
    "/",
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_source_is_escaped(hostile_db: Path, path: str) -> None:
    response = get(hostile_db, path)
    assert response.status_code == 200
    page = response.text
    for raw in ('<script>alert("x")', '<script>alert("statement")', '<script>alert("title")',
                "<img src=x onerror", "<i>tag</i>", "<b>bold</b>"):
        assert raw not in page


def test_hostile_span_text_survives(hostile_db: Path) -> None:
    page = get(hostile_db, "/-/factbase/claims/hostile-fund").text
    [(attrs, text)] = marks(page, "fb-span")
    start, end = int(attrs["data-start"] or 0), int(attrs["data-end"] or 0)
    assert text == HOSTILE[start:end] == '<script>alert("x")</script> and "><img src=x onerror=alert(1)>'
    source = get(hostile_db, "/-/factbase/sources/hostile").text
    assert "\u202eevil\u202c" in source  # kept as text; the CSS isolates it


# ---------------------------------------------------------------------------- highlighting


@given(
    st.text(alphabet=st.sampled_from(list("ab<>&\"' \n\u202e")), max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=5),
)
def test_layered_keeps_the_text(text: str, bounds: list[tuple[int, int]]) -> None:
    spans = [Span(min(a, b), max(a, b), ("x",), (("data-n", str(i)),), (("/c", f"<{i}>"),))
             for i, (a, b) in enumerate(bounds)]
    assert plain_text(str(layered(text, spans))) == text


@given(st.text(max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_in_context_span_is_the_slice(text: str, a: int, b: int) -> None:
    start, end = min(a, b), max(a, b)
    [(_, inner)] = marks(str(in_context(text, start, end, context=5)), "fb-span")
    s, e = min(start, len(text)), min(end, len(text))
    assert inner == text[s:e]


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("abcdef", [Span(1, 3, ("x",))], 'a<mark class="fb-depth-1 x">bc</mark>def'),
        ("abcdef", [Span(1, 4, ("x",)), Span(2, 5, ("y",))],
         'a<mark class="fb-depth-1 x">b</mark><mark class="fb-depth-2 x y">cd</mark>'
         '<mark class="fb-depth-1 y">e</mark>f'),
        ("a<b", [Span(0, 3, ("x",), (("data-c", 'q"'),))],
         '<mark class="fb-depth-1 x" data-c="q&#34;">a&lt;b</mark>'),
        ("ab", [Span(1, 1, (), (), (("/c", "c"),))], 'a<a class="fb-ref" href="/c">c</a>b'),
    ],
)
def test_layered_cases(text: str, spans: list[Span], expected: str) -> None:
    assert str(layered(text, spans)) == expected


# ---------------------------------------------------------------------------- config files


def test_metadata_columns_and_queries(db_path: Path) -> None:
    metadata = datasette_metadata(db_path)
    database = metadata["databases"]["factbase"]
    for table in dbshape.TABLES:
        entry = database["tables"][table.name]
        assert entry["columns"] == {c.name: c.description for c in table.columns}
        assert entry["license"] == "CC-BY-4.0"
        assert entry["source"] == "Foreign Policy: East Asia’s Alliances Are Falling Apart"
    assert sorted(database["queries"]) == sorted(QUERIES)
    assert database["tables"]["claims"]["facets"][2] == {"array": "tags"}
    assert "allow_sql" not in metadata
    assert datasette_metadata(db_path, public=True)["allow_sql"] is False


def test_split_for_1_0_keeps_everything(db_path: Path) -> None:
    metadata = datasette_metadata(db_path, public=True)
    meta, config = split_for_1_0(metadata)
    assert meta["title"] == metadata["title"]
    assert config["allow_sql"] is False
    db_meta, db_config = meta["databases"]["factbase"], config["databases"]["factbase"]
    assert db_config["queries"] == metadata["databases"]["factbase"]["queries"]
    for name, table in metadata["databases"]["factbase"]["tables"].items():
        merged = {**db_meta["tables"].get(name, {}), **db_config["tables"].get(name, {})}
        assert merged == table
        assert "facets" not in db_meta["tables"].get(name, {})
        assert "columns" not in db_config["tables"].get(name, {})


def test_write_config_1_0(db_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "factbase.db"
    copy.write_bytes(db_path.read_bytes())
    written = write_config(copy, version="1.0")
    assert [p.name for p in written] == ["factbase.metadata.yml", "factbase.datasette.yml"]
    meta = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    config = yaml.safe_load(written[1].read_text(encoding="utf-8"))
    assert meta["license"] == "CC-BY-4.0"
    assert "claims_by_status" in config["databases"]["factbase"]["queries"]


def test_public_mode_blocks_sql_but_not_canned_queries(db_path: Path) -> None:
    sql, canned = fetch(db_path, "/factbase.json?sql=select+1",
                        "/factbase/claims_by_status.json?status=verified", public=True)
    assert sql.status_code == 403
    assert canned.status_code == 200


@pytest.mark.parametrize(
    ("public", "expected"),
    [
        (False, ["serve", "-i", "x.db", "--host", "127.0.0.1", "--port", "8001", "-m", "x.metadata.json"]),
        (True, ["serve", "-i", "x.db", "--host", "127.0.0.1", "--port", "8001", "-m", "x.metadata.json",
                "--setting", "sql_time_limit_ms", "1000"]),
    ],
)
def test_datasette_args(db_path: Path, public: bool, expected: list[str]) -> None:
    args = datasette_args(db_path, public=public, metadata_path=Path("x.metadata.json"))
    assert args == [str(db_path) if a == "x.db" else a for a in expected]


def test_large_tables_make_wide_facets_opt_in(db_path: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("factbase.serve.LARGE_TABLE_ROWS", 3)
    facets = datasette_metadata(db_path)["databases"]["factbase"]["tables"]["claims"]["facets"]
    assert facets == ["status", "value_type"]
    assert datasette_settings(db_path) == {"suggest_facets": False}
    assert datasette_args(db_path, metadata_path=None)[-3:] == ["--setting", "suggest_facets", "off"]


# ---------------------------------------------------------------------------- CLI


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["serve", "missing.db"], 2),
        (["build", "missing.yaml"], 2),
        (["serve", "--port", "70000"], 2),
    ],
)
def test_cli_usage_errors(args: list[str], code: int, tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, args).exit_code == code


def test_cli_build_writes_db_and_config(seed_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_report(seed_project)
    monkeypatch.chdir(seed_project.parent)
    result = CliRunner().invoke(cli, ["build", "-q", "--datasette-config", "1.0"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in seed_project.parent.iterdir() if p.name.startswith("factbase")) == [
        "factbase.datasette.yml", "factbase.db", "factbase.metadata.yml"
    ]


def test_canned_query_docs_are_current() -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "datasette.md").read_text(encoding="utf-8")
    block = page.split("<!-- generated: canned-queries -->\n", 1)[1].split("<!-- /generated -->", 1)[0]
    assert block == queries_markdown().rstrip() + "\n"
