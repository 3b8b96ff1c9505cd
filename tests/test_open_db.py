"""`factbase.open_db`: a published database read back as the types `check` returns."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

import factbase
from factbase.read import BuildInfo, PublishedSource

MIXED = """\
factbase: 1
sources:
  - id: seed
    path: sources/east-asia-alliances.txt
    title: "East Asia’s Alliances Are Falling Apart"
    published: 2020-01
  - id: memo
    text: Japan gave $9 million in 2015.
entities:
  - id: shinzo-abe
    name: Shinzo Abe
    kind: person
    aliases: [Abe]
    roles:
      - title: Prime Minister of Japan
        aliases: [Japanese Prime Minister]
  - id: comfort-women-agreement
    name: 2015 comfort women agreement
    kind: agreement
claims:
  - id: fund
    statement: The 2015 agreement set up a $9 million joint fund.
    subject: comfort-women-agreement
    value: {type: money, amount: 9000000, currency: USD}
    tags: [money, agreements]
    citations:
      - source: seed
        quote: a $9 million joint fund for the surviving comfort women
      - source: memo
        quote: gave $9 million
  - id: fund-wrong
    statement: The fund was $8 million.
    subject: comfort-women-agreement
    value: $8 million
    tags: [money]
    citations:
      - source: seed
        quote: a $9 million joint fund
  - id: abe-pm
    statement: Shinzo Abe is Prime Minister of Japan.
    subject: shinzo-abe
    value: {type: person, entity: shinzo-abe, role: Prime Minister of Japan}
    citations:
      - source: seed
        quote: Japanese Prime Minister Shinzo Abe
  - id: lost
    statement: A quote that is not there.
    value: "2019"
    tags: [dates]
    citations:
      - source: seed
        quote: words that the article never says at all
"""


@pytest.fixture
def published(make_project: Callable[..., Path]) -> tuple[factbase.Report, Path]:
    path = make_project(MIXED, dedent=False)
    report = factbase.check(factbase.load(path), workers=1)
    db = path.parent / "factbase.db"
    factbase.publish(report, db, metadata=False)
    return report, db


def _as_checked(claim: factbase.ClaimResult) -> dict[str, object]:
    # The database names facts files relative to the project, the report as the user does.
    return {**claim.to_dict(), "file": Path(claim.file).name if claim.file else None}


def test_every_claim_reads_back_as_check_reported_it(
        published: tuple[factbase.Report, Path]) -> None:
    report, path = published
    with factbase.open_db(path) as db:
        claims = db.claims()
    assert [c.id for c in claims] == ["abe-pm", "fund", "fund-wrong", "lost"]
    expected = sorted(report.claims, key=lambda c: c.id)
    assert [c.to_dict() for c in claims] == [_as_checked(c) for c in expected]
    assert {c.file for c in claims} == {"facts.yaml"}
    # problems come back whole, not only their codes
    lost = next(c for c in claims if c.id == "lost")
    (problem,) = lost.citations[0].problems
    assert (problem.code, problem.severity, problem.file, problem.line, problem.claim_id,
            problem.citation_id, problem.source_id) == (
        "quote-not-found", "error", "facts.yaml", 52, "lost", "lost#0", "seed")
    assert problem.message == next(p for p in report.problems if p.claim_id == "lost").message


@pytest.mark.parametrize(("filters", "ids"), [
    ({}, ["abe-pm", "fund", "fund-wrong", "lost"]),
    ({"status": "verified"}, ["abe-pm", "fund"]),
    ({"status": ("contradicted", "unanchored")}, ["fund-wrong", "lost"]),
    ({"subject": "comfort-women-agreement"}, ["fund", "fund-wrong"]),
    ({"subject": ["shinzo-abe", "nobody"]}, ["abe-pm"]),
    ({"tag": "money"}, ["fund", "fund-wrong"]),
    ({"tag": "agreements"}, ["fund"]),
    ({"tag": "mone"}, []),
    ({"value_type": "money"}, ["fund", "fund-wrong"]),
    ({"source": "memo"}, ["fund"]),
    ({"tag": "money", "status": "verified"}, ["fund"]),
    ({"subject": "comfort-women-agreement", "status": "verified", "source": "seed"}, ["fund"]),
])
def test_claims_filter(published: tuple[factbase.Report, Path], filters: dict[str, object],
                       ids: list[str]) -> None:
    with factbase.open_db(published[1]) as db:
        assert [c.id for c in db.claims(**filters)] == ids  # type: ignore[arg-type]


def test_one_claim_with_its_citations_and_evidence(published: tuple[factbase.Report, Path]) -> None:
    with factbase.open_db(published[1]) as db:
        fund = db.claim("fund")
        with pytest.raises(KeyError):
            db.claim("nope")
    assert (fund.status, fund.value, fund.display, fund.tags) == (
        "verified", {"type": "money", "amount": "9000000", "currency": "USD"}, "9000000 USD",
        ["money", "agreements"])
    assert [(c.id, c.source, c.start, c.end, c.status) for c in fund.citations] == [
        ("fund#0", "seed", 3838, 3893, "verified"), ("fund#1", "memo", 6, 21, "verified")]
    assert [(e.kind, e.text, e.start, e.matches, e.value["amount"]) for e in fund.citations[1].evidence] == [
        ("money", "$9 million", 11, True, "9000000")]


def test_unknown_status_is_an_error(published: tuple[factbase.Report, Path]) -> None:
    with factbase.open_db(published[1]) as db, pytest.raises(ValueError, match="unknown status 'verfied'"):
        db.claims(status="verfied")


def test_problems_sources_entities_and_the_build(published: tuple[factbase.Report, Path]) -> None:
    report, path = published
    with factbase.open_db(path) as db:
        assert [(p.code, p.claim_id) for p in db.problems()] == [
            (p.code, p.claim_id) for p in sorted(report.problems, key=lambda p: (p.line or 0))]
        assert [p.claim_id for p in db.problems(code="value-mismatch")] == ["fund-wrong"]
        assert [p.code for p in db.problems(claim="lost", severity="error")] == ["quote-not-found"]
        sources = db.sources()
        assert [(s.id, s.path, s.text, s.mentions > 0, s.changed) for s in sources] == [
            ("memo", None, None, True, False),
            ("seed", "sources/east-asia-alliances.txt", None, True, False)]
        memo = db.source("memo")
        assert memo == PublishedSource(
            id="memo", title=None, publisher=None, authors=[], published=None, url=None,
            path=None, sha256=sources[0].sha256, pinned_sha256=None, currency=None,
            changed=False, length=30, mentions=2, coverage=0.5,
            text="Japan gave $9 million in 2015.")
        assert [s.text is not None for s in db.sources(text=True)] == [True, True]
        with pytest.raises(KeyError):
            db.source("nope")
        entities = db.entities()
        assert [e.model_dump() for e in entities] == [
            e.model_dump() for e in sorted(report.facts.entities, key=lambda e: e.id)]
        info = db.info
    assert isinstance(info, BuildInfo)
    assert (info.factbase_version, info.ok, info.counts["claims"], info.counts["verified"],
            info.counts["contradicted"], info.counts["unanchored"]) == (
        factbase.__version__, False, 4, 2, 1, 1)


def test_a_database_from_build_reads_the_same(published: tuple[factbase.Report, Path],
                                             tmp_path: Path) -> None:
    report, path = published
    other = tmp_path / "built.db"
    factbase.build(report.facts, other, workers=1, metadata=False)
    with factbase.open_db(path) as a, factbase.open_db(other) as b:
        assert [c.to_dict() for c in a.claims()] == [c.to_dict() for c in b.claims()]


def test_many_claims_are_read_in_batches(synthetic_project: Callable[..., Path],
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import factbase.read

    facts = factbase.load(synthetic_project(1200, seed=3))
    report = factbase.check(facts, workers=1)
    factbase.publish(report, tmp_path / "big.db", metadata=False)
    monkeypatch.setattr(factbase.read, "BATCH", 7)
    with factbase.open_db(tmp_path / "big.db") as db:
        claims = db.claims()
        assert len(claims) == 1200
        assert [c.to_dict() for c in claims] == [
            {**_as_checked(c), "file": c.file and str(Path(c.file).relative_to(facts.root))}
            for c in sorted(report.claims, key=lambda c: c.id)]
        failing = db.claims(status=("contradicted", "unsupported", "unanchored", "invalid"))
    assert {c.id for c in failing} == {c.id for c in report.claims if c.status != "verified"}


def test_the_database_is_opened_read_only(published: tuple[factbase.Report, Path]) -> None:
    before = published[1].read_bytes()
    with factbase.open_db(published[1]) as db, pytest.raises(sqlite3.OperationalError,
                                                             match="readonly"):
        db.db.execute("DELETE FROM claims")
    assert published[1].read_bytes() == before


def test_what_is_not_a_factbase_database(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such database"):
        factbase.open_db(tmp_path / "missing.db")
    (tmp_path / "text.db").write_text("not a database at all, just some words\n" * 100)
    with pytest.raises(ValueError, match="not a SQLite database"):
        factbase.open_db(tmp_path / "text.db")
    conn = sqlite3.connect(tmp_path / "other.db")
    conn.execute("CREATE TABLE things (id INTEGER)")
    conn.close()
    with pytest.raises(ValueError, match="not a factbase database"):
        factbase.open_db(tmp_path / "other.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db", "text.db"]
