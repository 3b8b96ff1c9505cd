"""Facts built in Python (models or plain dicts, sources as files or in-memory text) and facts
given as YAML text (`loads`): validated by the same rules with the same problem codes,
located by claim id and field path, and taken unchanged by `check` and `publish`."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED

import factbase
from factbase import Citation, Claim, Entity, FactsError, FactSet, MoneyValue, Role, Source

TEXT = SEED.read_text(encoding="utf-8")

ENTITIES: list[dict[str, Any]] = [
    {"id": "shinzo-abe", "name": "Shinzo Abe", "kind": "person", "aliases": ["Abe"],
     "roles": [{"title": "Prime Minister of Japan", "aliases": ["Japanese Prime Minister"]}]},
    {"id": "comfort-women-agreement", "name": "2015 comfort women agreement",
     "kind": "agreement", "aliases": ["2015 agreement"]},
]
CLAIMS: list[dict[str, Any]] = [
    {"id": "fund", "statement": "The 2015 agreement set up a $9 million joint fund.",
     "subject": "comfort-women-agreement", "predicate": "fund-amount",
     "value": {"type": "money", "amount": 9000000, "currency": "USD"},
     "citations": [{"source": "seed",
                    "quote": "a $9 million joint fund for the surviving comfort women"}]},
    {"id": "summit", "statement": "Moon and Abe met at a summit in Chengdu on Dec. 24, 2019.",
     "value": {"type": "date", "date": "2019-12-24"},
     "citations": [{"source": "seed", "quote": "the Dec. 24, 2019, Moon-Abe summit in Chengdu"}]},
    {"id": "abe-pm", "statement": "Shinzo Abe is Prime Minister of Japan.", "subject": "shinzo-abe",
     "value": {"type": "person", "entity": "shinzo-abe", "role": "Prime Minister of Japan"},
     "citations": [{"source": "seed", "quote": "Japanese Prime Minister Shinzo Abe"}]},
]
SOURCE_FILE = {"id": "seed", "path": "sources/east-asia-alliances.txt",
               "title": "East Asia’s Alliances Are Falling Apart", "published": "2020-01"}
SOURCE_TEXT = {"id": "seed", "text": TEXT, "title": "East Asia’s Alliances Are Falling Apart",
               "published": "2020-01"}


def _comparable(report: factbase.Report) -> list[dict[str, Any]]:
    """Each claim's result without where it was written."""
    return [{k: v for k, v in c.to_dict().items() if k not in ("file", "line")}
            for c in report.claims]


@pytest.fixture
def from_yaml(seed_project: Path) -> factbase.Report:
    return factbase.check(factbase.load(seed_project), workers=1)


@pytest.mark.parametrize("how", ["dicts, source text", "dicts, source file", "models, source text",
                                 "models, source file"])
def test_a_factset_built_in_python_checks_as_the_same_facts_file(
        how: str, seed_project: Path, from_yaml: factbase.Report) -> None:
    source = SOURCE_TEXT if "text" in how else SOURCE_FILE
    if how.startswith("dicts"):
        facts = FactSet(root=seed_project.parent, sources=[source], entities=ENTITIES, claims=CLAIMS)
    else:
        facts = FactSet(root=seed_project.parent, sources=[Source(**source)],
                        entities=[Entity.model_validate(e) for e in ENTITIES],
                        claims=[Claim.model_validate(c) for c in CLAIMS])
    report = factbase.check(facts, workers=1)
    # The fund's span does not name its subject (the agreement): a warning, as from the file.
    assert report.ok and [(p.code, p.claim_id) for p in report.problems] == [
        ("subject-not-in-span", "fund")]
    assert [c.status for c in report.claims] == ["verified", "verified", "verified"]
    assert _comparable(report) == _comparable(from_yaml)
    assert report.claims[0].citations[0].start == 3838  # the same offsets as from the file
    assert report.claims[0].file is None and report.claims[0].line is None


def test_models_and_plain_data_mix() -> None:
    facts = FactSet(
        sources=[Source(id="memo", text="Japan gave $9 million in 2015.")],
        claims=[
            Claim(id="fund", statement="Japan gave $9 million.",
                  value=MoneyValue(type="money", amount=9_000_000, currency="USD"),
                  citations=[Citation(source="memo", quote="$9 million")]),
            {"id": "year", "statement": "In 2015.", "value": "2015",
             "citations": [{"source": "memo", "quote": "in 2015"}]},
        ],
    )
    report = factbase.check(facts)
    assert [(c.id, c.status) for c in report.claims] == [("fund", "verified"), ("year", "verified")]
    assert [(e.text, e.start, e.end) for e in report.claims[1].citations[0].evidence] == [
        ("2015", 25, 29)]
    assert facts.claims[0].value == MoneyValue(type="money", amount=9_000_000, currency="USD")


def _problems(**items: Any) -> list[tuple[Any, ...]]:
    with pytest.raises(FactsError) as caught:
        FactSet(**items)
    return [(p.code, p.claim_id, p.source_id, p.field_path, p.message, p.file, p.at)
            for p in caught.value.problems]


def _claim(**changes: Any) -> dict[str, Any]:
    claim = {"id": "fund", "statement": "s", "value": "$9 million",
             "citations": [{"source": "memo", "quote": "$9 million"}]}
    claim.update(changes)
    return {k: v for k, v in claim.items() if v is not None}


@pytest.mark.parametrize(("claim", "expected"), [
    (_claim(value={"type": "money", "amount": "1,000", "currency": "USD"}),
     [("fund", "value.amount", "claims.0.value.amount: '1,000' is not a number: YAML 1.2 has "
       "no digit separators; write 1000")]),
    (_claim(value={"type": "money", "amount": 5}),
     [("fund", "value.currency", "claims.0.value.currency: required field is missing; add `currency:` (an ISO 4217 "
       "currency code such as USD, JPY, KRW or EUR)")]),
    (_claim(value={"type": "weight", "amount": 5}),
     [("fund", "value", "claims.0.value: unknown value type 'weight'; expected one of date, "
       "money, quantity, change, person, entity, quote")]),
    (_claim(value=5),
     [("fund", "value", "claims.0.value: expected a mapping with a `type`, or a shorthand "
       "string such as \"$9 million\"")]),
    (_claim(value={"type": "date", "date": "2019-02-30"}),
     [("fund", "value.date", "claims.0.value.date: 2019-02-30 is not a day of the calendar: "
       "February 2019 has 28 days")]),
    (_claim(citations=[{"source": "memo", "quote": ""}]),
     [("fund", "citations.0.quote", "claims.0.citations.0.quote: is empty; write the text")]),
    (_claim(citations=[]),
     [("fund", "citations", "claims.0.citations: is empty; a claim cites at least one span: "
       "add `- source: …` with its `quote: …`")]),
    (_claim(colour="red"), [("fund", "colour", "claims.0.colour: unknown field; expected one "
                             "of id, statement, subject, predicate, value, tags, citations, "
                             "ignore, note")]),
    (_claim(statment="s", statement=None),
     [("fund", "statment", "claims.0.statment: unknown field; did you mean `statement`?")]),
    (_claim(id="Fund 1"),
     [("Fund 1", "id", "claims.0.id: expected a slug (lowercase letters, digits and hyphens); "
       "write `id: fund-1`")]),
    (_claim(id=None), [(None, "claims.0.id", "claims.0.id: required field is missing; add `id:` "
                        "(unique id of the claim)")]),
])
def test_plain_claims_that_do_not_validate(claim: dict[str, Any],
                                           expected: list[tuple[Any, ...]]) -> None:
    found = _problems(sources=[{"id": "memo", "text": "$9 million"}], claims=[claim])
    assert [(p[1], p[3], p[4]) for p in found] == expected
    assert {p[0] for p in found} == {"schema"}
    assert {p[5] for p in found} == {None}  # no file:line:col: the claim and field instead


def test_a_problem_without_a_file_is_placed_by_claim_and_field() -> None:
    found = _problems(claims=[_claim(value={"type": "money", "amount": 5})])
    assert found[0][6] == "claim fund: value.currency"
    with pytest.raises(FactsError, match=r"^claim fund: value.currency: schema: "):
        FactSet(claims=[_claim(value={"type": "money", "amount": 5})])


@pytest.mark.parametrize(("items", "expected"), [
    ({"sources": [{"id": "memo"}]},
     [("schema", None, "memo", "sources.0", "sources.0: give a `path` (a file) or a `text` "
       "(the document itself)")]),
    ({"sources": [{"id": "memo", "path": "a.txt", "text": "x"}]},
     [("schema", None, "memo", "sources.0", "sources.0: give either a `path` or a `text`, not both")]),
    ({"sources": [{"id": "memo", "text": "x", "published": "Jan 2020"}]},
     [("schema", None, "memo", "published", "sources.0.published: 'Jan 2020' is not a date as "
       "YYYY, YYYY-MM or YYYY-MM-DD")]),
    ({"entities": [{"id": "abe", "name": "Abe", "kind": "robot"}]},
     [("schema", None, None, "entities.0.kind", "entities.0.kind: 'robot' is not one of person, "
       "organization, place, agreement, event, other")]),
    ({"ignores": [{"source": "memo", "reason": "boilerplate"}]},
     [("schema", None, None, "ignore.0", "ignore.0: give a `quote`, or both `start` and `end`")]),
    ({"claims": ["fund: $9 million"]},
     [("schema", None, None, "claims.0", "claims.0: expected a Claim or a mapping, not str")]),
])
def test_other_plain_items_that_do_not_validate(items: dict[str, Any],
                                                expected: list[tuple[Any, ...]]) -> None:
    assert [p[:5] for p in _problems(**items)] == expected


def test_every_problem_is_reported_at_once() -> None:
    found = _problems(sources=[{"id": "memo"}],
                      claims=[_claim(id="a", value=5), _claim(id="b", statement="")])
    assert [(p[1] or p[2], p[3]) for p in found] == [("memo", "sources.0"), ("a", "value"),
                                                     ("b", "statement")]


def test_references_are_checked_by_check_with_claim_and_field() -> None:
    facts = FactSet(
        sources=[{"id": "memo", "text": "Abe said Japan gave $9 million."},
                 {"id": "memo", "text": "again"}],
        claims=[
            _claim(id="fund", citations=[{"source": "nowhere", "quote": "$9 million"}]),
            _claim(id="who", value={"type": "person", "entity": "abe"}, subject="japan",
                   citations=[{"source": "memo", "quote": "Abe said"}]),
            _claim(id="lost", citations=[{"source": "memo", "quote": "$10 million"}]),
            _claim(id="bad", value="sometime"),
        ])
    report = factbase.check(facts)
    found = [(p.code, p.claim_id, p.field_path, p.file) for p in report.problems]
    assert found == [
        ("duplicate-id", None, "id", None),
        ("unknown-source", "fund", "citations.0.source", None),
        ("unknown-entity", "who", "subject", None),
        ("unknown-entity", "who", "value.entity", None),
        ("value-not-found", "who", "value.entity", None),
        ("quote-not-found", "lost", "citations.0.quote", None),
        ("invalid-value", "bad", "value", None),
    ]
    assert [c.status for c in report.claims] == ["invalid", "invalid", "unanchored", "invalid"]
    assert report.problems[1].at == "claim fund: citations.0.source"


def test_an_in_memory_source_is_pinned_by_the_hash_of_its_text() -> None:
    text = "Japan gave $9 million."
    good = hashlib.sha256(text.encode()).hexdigest()
    for pinned, status, codes in ((good, "verified", []),
                                  ("0" * 64, "stale", ["source-changed"])):
        facts = FactSet(sources=[{"id": "memo", "text": text, "sha256": pinned}],
                        claims=[_claim()])
        report = factbase.check(facts)
        assert (report.claims[0].status, [p.code for p in report.problems]) == (status, codes)


def test_a_source_file_outside_the_root_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("$9 million", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    facts = FactSet(root=project, sources=[{"id": "memo", "path": "../secret.txt"}],
                    claims=[_claim()])
    report = factbase.check(facts)
    assert [(p.code, p.source_id, p.field_path) for p in report.problems] == [
        ("path-outside-root", "memo", "path")]
    assert report.claims[0].status == "invalid"


def test_publish_and_build_take_a_factset_built_in_python(tmp_path: Path) -> None:
    def facts(amount: str) -> FactSet:
        return FactSet(sources=[{"id": "memo", "text": "Japan gave $9 million."}],
                       claims=[_claim(value=amount)])

    published = factbase.publish(factbase.check(facts("$9 million")), tmp_path / "a.db",
                                 metadata=False)
    built = factbase.build(facts("$9 million"), tmp_path / "b.db", metadata=False)
    other = factbase.build(facts("$8 million"), tmp_path / "c.db", metadata=False)
    assert (tmp_path / "a.db").read_bytes() == (tmp_path / "b.db").read_bytes()
    assert published.facts_hash == built.facts_hash != other.facts_hash
    with factbase.open_db(tmp_path / "c.db") as db:
        claim = db.claim("fund")
        assert (claim.status, claim.file, db.source("memo").path, db.source("memo").text) == (
            "contradicted", None, None, "Japan gave $9 million.")


# ---------------------------------------------------------------------------- loads


def test_loads_reads_yaml_text_against_a_root(seed_project: Path,
                                             from_yaml: factbase.Report) -> None:
    text = seed_project.read_text(encoding="utf-8")
    facts = factbase.loads(text, root=seed_project.parent)
    report = factbase.check(facts, workers=1)
    assert _comparable(report) == _comparable(from_yaml)
    assert (report.claims[0].file, report.claims[0].line) == ("<string>", 21)
    assert facts.files == [] and facts.texts == {"<string>": text}


def test_loads_problems_are_at_the_name_line_and_column(tmp_path: Path) -> None:
    text = "factbase: 1\nclaims:\n  - id: fund\n    statement: s\n    value: {type: money, amount: 5}\n" \
           "    citations: [{source: memo, quote: q}]\n"
    with pytest.raises(FactsError) as caught:
        factbase.loads(text, root=tmp_path, name="inline.yaml")
    assert [(p.code, p.file, p.line, p.column, p.message) for p in caught.value.problems] == [
        ("schema", "inline.yaml", 5, 12, "claims.0.value.currency: required field is missing; "
         "add `currency:` (an ISO 4217 currency code such as USD, JPY, KRW or EUR)")]
    with pytest.raises(FactsError) as caught:
        factbase.loads("factbase: 1\nclaims: [\n")
    assert [(p.code, p.file, p.line) for p in caught.value.problems] == [("yaml-syntax", "<string>", 3)]
    with pytest.raises(FactsError) as caught:
        factbase.loads("claims: []\n")
    assert [(p.code, p.field_path) for p in caught.value.problems] == [("schema", None)]


def test_loads_includes_and_sources_are_relative_to_the_root(
        make_project: Callable[..., Path]) -> None:
    facts_path = make_project(files={"more/claims.yaml": (
        "claims:\n  - id: fund\n    statement: s\n    value: $9 million\n"
        "    citations: [{source: seed, quote: a $9 million joint fund}]\n")})
    text = ("factbase: 1\ninclude: [more/*.yaml]\nsources:\n  - id: seed\n"
            "    path: sources/east-asia-alliances.txt\n  - id: note\n    text: An inline note.\n")
    facts = factbase.loads(text, root=facts_path.parent)
    report = factbase.check(facts, workers=1)
    assert [(c.id, c.status) for c in report.claims] == [("fund", "verified")]
    assert [(p.code, p.source_id) for p in report.problems] == [("unused-source", "note")]
    assert [Path(f).name for f in facts.files] == ["claims.yaml"]


def test_inline_text_sources_in_a_facts_file(make_project: Callable[..., Path]) -> None:
    path = make_project("""\
        factbase: 1
        sources:
          - id: note
            text: |
              Japan gave $9 million in 2015.
        claims:
          - id: fund
            statement: Japan gave $9 million.
            value: $9 million
            citations: [{source: note, quote: $9 million}]
        """)
    report = factbase.check(factbase.load(path))
    assert [(c.status, c.citations[0].start) for c in report.claims] == [("verified", 11)]


def test_role_models_and_entity_models_are_the_public_ones() -> None:
    abe = Entity(id="abe", name="Shinzo Abe", kind="person",
                 roles=[Role(title="Prime Minister of Japan")])
    facts = FactSet(entities=[abe])
    assert facts.entity("abe") is abe
