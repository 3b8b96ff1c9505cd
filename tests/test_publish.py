"""factbase.publish: the SQLite file itself — tables, keys, offsets, search, views, bytes."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from hand_report import FACTS, hand_report, real_report, write_project

from factbase.db import PublishError, publish
from factbase.db import shape as dbshape
from factbase.db import write as write_module
from factbase.model import Citation, Claim, Entity, Source, field_descriptions
from factbase.results import Report

SEED_TEXT = (Path(__file__).resolve().parent.parent / "sources" / "east-asia-alliances.txt").read_text(
    encoding="utf-8"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return hand_report(write_project(tmp_path_factory.mktemp("project")))


@pytest.fixture(scope="module")
def db_path(report: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("out") / "factbase.db"
    publish(report, path)
    return path


@pytest.fixture
def conn(db_path: Path) -> Iterator[sqlite3.Connection]:
    c = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    yield c
    c.close()


def test_tables_and_views(conn: sqlite3.Connection) -> None:
    names = {r[0]: r[1] for r in conn.execute("select name, type from sqlite_master")}
    for table in dbshape.TABLES:
        assert names[table.name] == "table"
        assert [r[1] for r in conn.execute(f"pragma table_info([{table.name}])")] == table.column_names
    for view in dbshape.VIEWS:
        assert names[view] == "view"
    assert names["claims_fts"] == names["sources_fts"] == "table"


@pytest.mark.parametrize(
    ("table", "column", "other_table", "other_column"),
    [
        ("aliases", "entity_id", "entities", "id"),
        ("roles", "entity_id", "entities", "id"),
        ("claims", "subject_id", "entities", "id"),
        ("citations", "claim_id", "claims", "id"),
        ("citations", "source_id", "sources", "id"),
        ("problems", "claim_id", "claims", "id"),
        ("problems", "citation_id", "citations", "id"),
        ("problems", "source_id", "sources", "id"),
        ("mentions", "source_id", "sources", "id"),
        ("mentions", "claim_id", "claims", "id"),
    ],
)
def test_foreign_keys(conn: sqlite3.Connection, table: str, column: str, other_table: str,
                      other_column: str) -> None:
    fks = {(r[3], r[2], r[4]) for r in conn.execute(f"pragma foreign_key_list([{table}])")}
    assert (column, other_table, other_column) in fks


def test_foreign_keys_hold(conn: sqlite3.Connection) -> None:
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]


@pytest.mark.parametrize(
    ("claim_id", "status", "value_type", "subject_id", "value_json", "tags"),
    [
        ("abe-pm", "verified", "person", "shinzo-abe",
         '{"entity":"shinzo-abe","role":"Prime Minister of Japan","type":"person"}', "[]"),
        ("fund", "verified", "money", "comfort-women-agreement",
         '{"amount":"9000000","currency":"USD","type":"money"}', '["agreements","money"]'),
        ("summit", "verified", "date", None, '{"date":"2019-12-24","type":"date"}', '["summits"]'),
        ("wrong-fund", "contradicted", "money", "comfort-women-agreement",
         '{"amount":"8000000","currency":"USD","type":"money"}', '["money"]'),
    ],
)
def test_claim_rows(conn: sqlite3.Connection, claim_id: str, status: str, value_type: str,
                    subject_id: str | None, value_json: str, tags: str) -> None:
    row = conn.execute(
        "select status, value_type, subject_id, value_json, tags, source_ids, file from claims "
        "where id = ?", (claim_id,)
    ).fetchone()
    assert row == (status, value_type, subject_id, value_json, tags, '["seed"]', "facts.yaml")


def test_claims_sorted_by_id(conn: sqlite3.Connection) -> None:
    ids = [r[0] for r in conn.execute("select id from claims order by rowid")]
    assert ids == ["abe-pm", "fund", "summit", "wrong-fund"]


@pytest.mark.parametrize(
    ("citation_id", "quote"),
    [
        ("abe-pm#0", "Japanese Prime Minister Shinzo Abe"),
        ("fund#0", "a $9 million joint fund for the surviving comfort women"),
        ("summit#0", "the Dec. 24, 2019, Moon-Abe summit in Chengdu"),
    ],
)
def test_citation_offsets_slice_to_quote(conn: sqlite3.Connection, citation_id: str, quote: str) -> None:
    start, end, span = conn.execute(
        "select start, end, span from claim_evidence where citation_id = ?", (citation_id,)
    ).fetchone()
    assert start == SEED_TEXT.index(quote)
    assert end == start + len(quote)
    assert SEED_TEXT[start:end] == span == quote


def test_source_row(conn: sqlite3.Connection) -> None:
    row = conn.execute(
        "select id, title, publisher, authors, published, path, length, text, changed from sources"
    ).fetchone()
    assert row == ("seed", "East Asia’s Alliances Are Falling Apart", "Foreign Policy",
                   '["Elliot Silverberg","Andrew Injoo Park"]', "2020-01",
                   "sources/east-asia-alliances.txt", len(SEED_TEXT), SEED_TEXT, 0)


def test_entities_aliases_roles(conn: sqlite3.Connection) -> None:
    assert conn.execute("select * from aliases order by rowid").fetchall() == [
        ("shinzo-abe", "Abe"), ("shinzo-abe", "Shinzo Abe")
    ]
    assert conn.execute("select * from roles").fetchall() == [
        ("shinzo-abe", "Prime Minister of Japan", '["Japanese Prime Minister"]')
    ]
    assert [r[0] for r in conn.execute("select id from entities order by rowid")] == [
        "comfort-women-agreement", "shinzo-abe"
    ]


def test_mentions_and_coverage(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        "select source_id, start, end, text, kind, claim_id, claim_ids from mentions order by id"
    ).fetchall()
    for source_id, start, end, text, _, _, _ in rows:
        assert source_id == "seed" and SEED_TEXT[start:end] == text
    by_text = {r[3]: (r[4], r[5], r[6]) for r in rows}
    assert by_text["$9 million"] == ("money", "fund", '["fund","wrong-fund"]')
    assert by_text["Dec. 24, 2019"] == ("date", "summit", '["summit"]')


def test_problems(conn: sqlite3.Connection) -> None:
    assert conn.execute(
        "select id, code, severity, claim_id, citation_id, source_id, file, line, start, end "
        "from problems"
    ).fetchall() == [
        (1, "value-mismatch", "error", "wrong-fund", "wrong-fund#0", "seed", "facts.yaml",
         FACTS.splitlines().index("    value: {type: money, amount: 8000000, currency: USD}") + 1,
         SEED_TEXT.index("a $9 million joint"), SEED_TEXT.index("a $9 million joint") + 55)
    ]


@pytest.mark.parametrize(
    ("table", "query", "expected"),
    [
        ("claims", "fund", ["fund", "wrong-fund"]),
        ("claims", "chengdu", ["summit"]),
        ("claims", "nothing-like-this", []),
        ("sources", "Chengdu", ["seed"]),
        ("sources", "GSOMIA", ["seed"]),
    ],
)
def test_full_text_search(conn: sqlite3.Connection, table: str, query: str, expected: list[str]) -> None:
    rows = conn.execute(
        f"select id from {table} where rowid in (select rowid from {table}_fts "
        f"where {table}_fts match ?) order by id", (f'"{query}"',)
    ).fetchall()
    assert [r[0] for r in rows] == expected


@pytest.mark.parametrize("fts", ["claims_fts", "sources_fts"])
def test_full_text_index_matches_its_table(db_path: Path, fts: str) -> None:
    # integrity-check compares an external-content index with its table, rowid by rowid.
    c = sqlite3.connect(db_path)
    try:
        c.execute(f"insert into {fts}({fts}) values('integrity-check')")
    finally:
        c.close()


def test_views(conn: sqlite3.Connection) -> None:
    assert conn.execute("select id, status, codes from failing_claims").fetchall() == [
        ("wrong-fund", "contradicted", "value-mismatch")
    ]
    assert conn.execute("select first_day, last_day, claim_id from date_timeline").fetchall() == [
        ("2019-12-24", "2019-12-24", "summit")
    ]
    covered = conn.execute("select count(*) from uncovered_mentions").fetchone()[0]
    assert covered == 0


@pytest.mark.parametrize(
    ("partial", "first", "last"),
    [
        ("2019", "2019-01-01", "2019-12-31"),
        ("2019-12", "2019-12-01", "2019-12-31"),
        ("2020-02", "2020-02-01", "2020-02-29"),
        ("2019-02", "2019-02-01", "2019-02-28"),
        ("2019-12-24", "2019-12-24", "2019-12-24"),
    ],
)
def test_partial_date_bounds(partial: str, first: str, last: str) -> None:
    c = sqlite3.connect(":memory:")
    sql = f"select {dbshape.FIRST_DAY_SQL.format(d=':d')}, {dbshape.LAST_DAY_SQL.format(d=':d')}"
    assert c.execute(sql, {"d": partial}).fetchone() == (first, last)


def test_build_row(conn: sqlite3.Connection, report: Report) -> None:
    row = conn.execute(
        "select id, factbase_version, length(facts_hash), title, license, ok, claims, citations, "
        "sources, entities, mentions, errors, verified, contradicted from factbase_build"
    ).fetchone()
    assert row == (1, "0.1.0", 64, "Hand-made test database", "CC-BY-4.0", 0, 4, 4, 1, 2, 3, 1, 3, 1)


def test_file_settings(conn: sqlite3.Connection) -> None:
    assert conn.execute("pragma page_size").fetchone() == (dbshape.PAGE_SIZE,)
    assert conn.execute("pragma journal_mode").fetchone() == ("delete",)
    assert conn.execute("select count(*) from sqlite_master where name = 'sqlite_stat1'").fetchone() == (1,)


def test_same_inputs_same_bytes(report: Report, db_path: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    publish(report, again, metadata=False)
    publish(report, again, metadata=False)  # over an existing file, too
    assert again.read_bytes() == db_path.read_bytes()


def test_same_project_elsewhere_same_bytes(db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "deeper"
    other.mkdir(parents=True)
    report = hand_report(write_project(other))
    publish(report, tmp_path / "other.db", metadata=False)
    assert (tmp_path / "other.db").read_bytes() == db_path.read_bytes()


def test_changed_source_changes_hash(tmp_path: Path, conn: sqlite3.Connection) -> None:
    facts = write_project(tmp_path)
    path = facts.parent / "sources" / "east-asia-alliances.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    publish(hand_report(facts), tmp_path / "changed.db", metadata=False)
    changed = sqlite3.connect(tmp_path / "changed.db")
    try:
        new = changed.execute("select facts_hash from factbase_build").fetchone()
    finally:
        changed.close()
    assert new != conn.execute("select facts_hash from factbase_build").fetchone()


def test_ensure_db_shape_is_idempotent(db_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(db_path.read_bytes())
    db = sqlite_utils.Database(copy)
    before = db.execute("select type, name, sql from sqlite_master order by name").fetchall()
    dbshape.ensure_db_shape(db)
    dbshape.ensure_db_shape(db)
    assert db.execute("select type, name, sql from sqlite_master order by name").fetchall() == before
    db.close()


@pytest.mark.parametrize(
    ("table", "column", "description"),
    [
        ("claims", "statement", field_descriptions(Claim)["statement"]),
        ("claims", "subject_id", field_descriptions(Claim)["subject"]),
        ("claims", "tags", field_descriptions(Claim)["tags"]),
        ("citations", "quote", field_descriptions(Citation)["quote"]),
        ("citations", "start", field_descriptions(Citation)["start"]),
        ("sources", "published", field_descriptions(Source)["published"]),
        ("entities", "kind", field_descriptions(Entity)["kind"]),
    ],
)
def test_column_descriptions_come_from_the_models(table: str, column: str, description: str) -> None:
    columns = {c.name: c for c in dbshape.TABLE[table].columns}
    assert columns[column].description == description


@pytest.mark.parametrize(
    ("table", "column", "sql_type"),
    [("citations", "start", int), ("sources", "authors", str), ("claims", "line", int),
     ("citations", "score", float), ("sources", "published", str)],
)
def test_column_types(table: str, column: str, sql_type: type) -> None:
    assert {c.name: c.type for c in dbshape.TABLE[table].columns}[column] is sql_type


def test_unwritable_destination_is_an_output_error(report: Report, tmp_path: Path) -> None:
    with pytest.raises(PublishError) as caught:
        publish(report, tmp_path / "missing-folder" / "factbase.db")
    assert [p.code for p in caught.value.problems] == ["output-error"]
    assert caught.value.problems[0].message == (
        f"{tmp_path / 'missing-folder' / 'factbase.db'}: the folder {tmp_path / 'missing-folder'} "
        "does not exist; create it, or write the database elsewhere")



def test_failed_build_leaves_old_file_and_no_temp(report: Report, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "factbase.db"
    publish(report, dest, metadata=False)
    old = dest.read_bytes()

    def broken(db: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(write_module, "ensure_db_shape", broken)
    with pytest.raises(PublishError):
        publish(report, dest, metadata=False)
    assert dest.read_bytes() == old
    assert sorted(os.listdir(tmp_path)) == ["factbase.db"]  # no temporary file, no lock file


def test_duplicate_ids_keep_the_first(report: Report, tmp_path: Path) -> None:
    import copy

    doubled = copy.copy(report)
    doubled.claims = [*report.claims, report.claims[0]]
    publish(doubled, tmp_path / "d.db", metadata=False)
    c = sqlite3.connect(tmp_path / "d.db")
    try:
        assert c.execute("select count(*) from claims").fetchone() == (len(report.claims),)
    finally:
        c.close()


def test_unknown_references_are_null(report: Report, tmp_path: Path) -> None:
    import copy

    claim = copy.deepcopy(report.claims[0])
    claim.id, claim.subject, claim.status = "ghost", "no-such-entity", "invalid"
    for cit in claim.citations:
        cit.claim_id, cit.source = "ghost", "no-such-source"
    changed = copy.copy(report)
    changed.claims = [*report.claims, claim]
    publish(changed, tmp_path / "u.db", metadata=False)
    c = sqlite3.connect(tmp_path / "u.db")
    try:
        assert c.execute("select subject_id from claims where id = 'ghost'").fetchone() == (None,)
        assert c.execute("select source_id from citations where claim_id = 'ghost'").fetchone() == (None,)
        assert c.execute("pragma foreign_key_check").fetchall() == []
    finally:
        c.close()


def test_pipeline_build_is_byte_identical(seed_project: Path, tmp_path: Path) -> None:
    """The real load + check + publish on the seed project."""
    import factbase

    report = real_report(seed_project)
    publish(report, tmp_path / "a.db", metadata=False)
    publish(factbase.check(factbase.load(seed_project)), tmp_path / "b.db", metadata=False)
    assert (tmp_path / "a.db").read_bytes() == (tmp_path / "b.db").read_bytes()
    c = sqlite3.connect(tmp_path / "a.db")
    try:
        for start, end, quote, span in c.execute(
            "select citations.start, citations.end, citations.quote, "
            "substr(sources.text, citations.start + 1, citations.end - citations.start) "
            "from citations join sources on sources.id = citations.source_id"
        ):
            assert span == quote
            assert end - start == len(quote)
        assert c.execute("select count(*) from claims").fetchone() == (3,)
    finally:
        c.close()


def test_database_docs_are_current() -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "database.md").read_text(encoding="utf-8")
    block = page.split("<!-- generated: database -->\n", 1)[1].split("<!-- /generated -->", 1)[0]
    assert block == dbshape.reference_markdown().rstrip() + "\n"
