"""Drafts worth editing: `factbase mentions --as-claims` (issue 16, part 4).

Ids prefixed with the source and unique across files, entity-occurrence stubs on request only,
a subject suggested from the nearest declared entity, the quote cut to the clause that carries
the mention (unique, with a prefix when needed), unresolved relative dates with a comment, the
`draft-claim` warning, `--into FILE`; and every draft loads, anchors exactly once and verifies.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import NO_BBC, SEED, bbc_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factbase
from factbase.cli import cli
from factbase.draft_spans import clause_span, sentence_around
from factbase.drafts import draft_claims, pinpoint, value_yaml
from factbase.mentions import Mention, find_mentions
from factbase.values import Clause, Money, Quantity

HEAD = """\
factbase: 1
sources:
  - id: seed
    path: sources/east-asia-alliances.txt
    published: 2020-01
"""

ACME = ("Globex takeover talk\n\n"
        "Acme Corp said sales rose 8% to $4.7bn in 2004, while Globex shares fell 3%. "
        "Acme Corp, which employs 1,200 people, opened a plant last month.\n\n"
        "The firm said profits rose 5%. Analysts expect more.\n\n"
        "The firm said profits rose 5%.\n")
ACME_FACTS = """\
factbase: 1
sources:
  - id: acme
    path: sources/acme.txt
entities:
  - {id: acme, name: Acme Corp, kind: organization}
  - {id: globex, name: Globex, kind: organization}
"""
HEADER = ("# 8 drafts from acme: write each statement in place of TODO, check the value and "
          "subject, delete the drafts you do not keep\n")
ACME_CLAIMS = """\
  - id: acme-quantity-8  # quantity '8%' at 48-50
    statement: TODO
    subject: acme
    value: {type: change, of: quantity, direction: up, by: {amount: 8, unit: "percent"}}
    citations:
      - source: acme
        quote: "Acme Corp said sales rose 8% to $4.7bn in 2004"
  - id: acme-money-4-7bn  # money '$4.7bn' at 54-60
    statement: TODO
    subject: acme
    value: {type: money, amount: 4700000000, currency: USD}
    citations:
      - source: acme
        quote: "Acme Corp said sales rose 8% to $4.7bn in 2004"
  - id: acme-date-2004  # date '2004' at 64-68
    statement: TODO
    subject: acme
    value: {type: date, date: '2004'}
    citations:
      - source: acme
        quote: "Acme Corp said sales rose 8% to $4.7bn in 2004"
  - id: acme-quantity-3  # quantity '3%' at 95-97
    statement: TODO
    subject: globex
    value: {type: change, of: quantity, direction: down, by: {amount: 3, unit: "percent"}}
    citations:
      - source: acme
        quote: "Globex shares fell 3%."
  - id: acme-quantity-1-200  # quantity '1,200' at 124-129
    statement: TODO
    subject: acme
    value: {type: quantity, amount: 1200, unit: "person"}
    citations:
      - source: acme
        quote: "Acme Corp, which employs 1,200 people"
  - id: acme-date-last-month  # date 'last month' at 153-163
    # "last month" needs the source's published date; until then the value is the quote
    statement: TODO
    value: {type: quote}
    citations:
      - source: acme
        quote: "Acme Corp, which employs 1,200 people, opened a plant last month."
  - id: acme-quantity-5  # quantity '5%' at 193-195
    statement: TODO
    value: {type: change, of: quantity, direction: up, by: {amount: 5, unit: "percent"}}
    citations:
      - source: acme
        quote: "The firm said profits rose 5%."
        prefix: "month."
  - id: acme-quantity-5-2  # quantity '5%' at 247-249
    statement: TODO
    value: {type: change, of: quantity, direction: up, by: {amount: 5, unit: "percent"}}
    citations:
      - source: acme
        quote: "The firm said profits rose 5%."
        prefix: "more."
"""


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    """A project with the ACME article and its two entities; returns facts.yaml."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "acme.txt").write_text(ACME, encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text(ACME_FACTS, encoding="utf-8")
    return facts


# ---------------------------------------------------------------------------- the drafts


def test_drafts_of_a_source(acme: Path) -> None:
    result = run("mentions", "acme", "--facts", acme, "--as-claims")
    assert result.exit_code == 0, result.output
    assert result.stdout == HEADER + "claims:\n" + ACME_CLAIMS


def test_untouched_drafts_check_with_one_warning_each(acme: Path) -> None:
    drafts = run("mentions", "acme", "--facts", acme, "--as-claims").stdout
    acme.write_text(ACME_FACTS + drafts, encoding="utf-8")
    report = factbase.check(factbase.load(acme))
    assert [c.status for c in report.claims] == ["verified"] * 8
    assert [c.anchor for claim in report.claims for c in claim.citations] == ["exact"] * 8
    lines = [n for n, line in enumerate(acme.read_text(encoding="utf-8").splitlines(), 1)
             if line == "    statement: TODO"]
    assert lines == [11, 18, 25, 32, 39, 47, 53, 60]
    assert [(p.code, p.line, p.column, p.claim_id) for p in report.problems] == [
        ("draft-claim", line, 16, claim)
        for line, claim in zip(lines, ["acme-quantity-8", "acme-money-4-7bn", "acme-date-2004",
                                       "acme-quantity-3", "acme-quantity-1-200",
                                       "acme-date-last-month", "acme-quantity-5",
                                       "acme-quantity-5-2"], strict=True)]
    assert report.problems[0].message == (
        "claim 'acme-quantity-8' is a draft; write its statement in place of TODO")
    assert report.problems[0].severity == "warning"
    assert run("check", acme).exit_code == 0
    strict = run("check", acme, "--strict")
    assert strict.exit_code == 1
    assert "warning draft-claim: claim 'acme-quantity-8' is a draft; write its statement in " \
           "place of TODO [claim acme-quantity-8]" in strict.stdout


def _keep(drafts: str, ids: list[str], statements: dict[str, str]) -> str:
    """The drafted claims whose ids are in ``ids``, with their statements written."""
    items: list[list[str]] = []
    for line in drafts.splitlines():
        if line.startswith("  - id: "):
            items.append([line])
        elif items and line.startswith("    "):
            items[-1].append(line)
    out: list[str] = []
    for item in items:
        claim_id = item[0].split()[2]
        if claim_id in ids:
            out += [f"    statement: {statements[claim_id]}"
                    if line == "    statement: TODO" and claim_id in statements else line
                    for line in item]
    return "\n".join(out) + "\n"


def test_three_filled_drafts_check_clean(acme: Path) -> None:
    """The authoring path: draft, write three statements, keep those three (or leave the
    others as drafts): check exits 0, and --strict too once the others are gone."""
    drafts = run("mentions", "acme", "--facts", acme, "--as-claims").stdout
    written = {"acme-quantity-8": "Acme Corp's sales rose 8% in 2004.",
               "acme-date-2004": "Acme Corp reported its 2004 sales.",
               "acme-quantity-3": "Globex shares fell 3%."}
    acme.write_text(ACME_FACTS + "claims:\n" + _keep(drafts, list(written), written),
                    encoding="utf-8")
    report = factbase.check(factbase.load(acme))
    assert [(c.id, c.status) for c in report.claims] == [
        ("acme-quantity-8", "verified"), ("acme-date-2004", "verified"),
        ("acme-quantity-3", "verified")]
    assert report.problems == []
    assert run("check", acme, "--strict").exit_code == 0
    everything = _keep(drafts, [line.split()[2] for line in ACME_CLAIMS.splitlines()
                                if line.startswith("  - id: ")], written)
    acme.write_text(ACME_FACTS + "claims:\n" + everything, encoding="utf-8")
    result = run("check", acme)
    assert result.exit_code == 0
    assert result.stdout.count("warning draft-claim") == 5
    assert result.stdout.endswith("8 claims: 8 verified; 0 errors, 5 warnings\n")


@pytest.mark.parametrize(("statement", "warned"), [
    ("TODO", True),
    ("  TODO ", True),
    ("TODO: the sales", False),
    ("todo", False),
    ("Acme Corp's sales rose 8%.", False),
])
def test_draft_claim_is_the_placeholder_exactly(make_project: Callable[..., Path], statement: str,
                                                warned: bool) -> None:
    facts = make_project(HEAD + f"""\
claims:
  - id: fund
    statement: {json.dumps(statement)}
    value: {{type: money, amount: 9000000, currency: USD}}
    citations: [{{source: seed, quote: a $9 million joint fund}}]
""", dedent=False)
    report = factbase.check(factbase.load(facts))
    assert [p.code for p in report.problems] == (["draft-claim"] if warned else [])
    assert report.claims[0].status == "verified"


def test_a_draft_may_accept_the_warning(make_project: Callable[..., Path]) -> None:
    facts = make_project(HEAD + """\
claims:
  - id: fund
    statement: TODO
    value: {type: money, amount: 9000000, currency: USD}
    citations: [{source: seed, quote: a $9 million joint fund}]
    ignore: [{code: draft-claim, reason: kept as a draft on purpose}]
""", dedent=False)
    assert factbase.check(factbase.load(facts)).problems == []


# ---------------------------------------------------------------------------- ids


def test_ids_number_on_past_the_ids_in_use(acme: Path) -> None:
    # A claim already called acme-quantity-8 (about something else): the draft numbers on.
    acme.write_text(ACME_FACTS + """\
claims:
  - id: acme-quantity-8
    statement: Globex is in talks.
    value: {type: quote}
    citations: [{source: acme, quote: Globex takeover talk}]
  - id: acme-quantity-8-2
    statement: Analysts expect more.
    value: {type: quote}
    citations: [{source: acme, quote: Analysts expect more.}]
""", encoding="utf-8")
    out = run("mentions", "acme", "--facts", acme, "--as-claims", "--kind", "quantity").stdout
    assert [line.split()[2] for line in out.splitlines() if line.startswith("  - id: ")] == [
        "acme-quantity-8-3", "acme-quantity-3", "acme-quantity-1-200", "acme-quantity-5",
        "acme-quantity-5-2"]


def _two_sources(root: Path) -> Path:
    """The ACME project with a second source holding the same text."""
    (root / "sources" / "copy.txt").write_text(ACME, encoding="utf-8")
    facts = root / "facts.yaml"
    facts.write_text(ACME_FACTS.replace(
        "entities:", "  - id: acme-copy\n    path: sources/copy.txt\nentities:"), encoding="utf-8")
    return facts


def test_two_sources_drafted_into_two_files_never_clash(acme: Path) -> None:
    facts = _two_sources(acme.parent)
    (facts.parent / "drafts").mkdir()
    for source in ("acme", "acme-copy"):
        out = run("mentions", source, "--facts", facts, "--as-claims").stdout
        (facts.parent / "drafts" / f"{source}.yaml").write_text(out, encoding="utf-8")
        if "include:" not in facts.read_text(encoding="utf-8"):
            facts.write_text(facts.read_text(encoding="utf-8") + "include: [drafts/*.yaml]\n",
                             encoding="utf-8")
    report = factbase.check(factbase.load(facts))
    ids = [c.id for c in report.claims]
    assert len(ids) == len(set(ids)) == 16
    # drafts/acme-copy.yaml sorts before drafts/acme.yaml
    assert ids[:3] == ["acme-copy-quantity-8", "acme-copy-money-4-7bn", "acme-copy-date-2004"]
    assert ids[8:11] == ["acme-quantity-8", "acme-money-4-7bn", "acme-date-2004"]
    assert {p.code for p in report.problems} == {"draft-claim"}


def test_two_sources_drafted_into_one_file(acme: Path) -> None:
    facts = _two_sources(acme.parent)
    drafts = facts.parent / "drafts.yaml"
    first = run("mentions", "acme", "--facts", facts, "--as-claims", "--into", drafts)
    assert first.exit_code == 0
    assert first.stderr == (f"added 8 drafts from acme to {drafts}\n"
                            f"note: {facts} does not include {drafts}: add it to its `include:` "
                            "list so that check sees the drafts\n")
    facts.write_text(facts.read_text(encoding="utf-8") + "include: [drafts.yaml]\n", encoding="utf-8")
    second = run("mentions", "acme-copy", "--facts", facts, "--as-claims", "--into", drafts)
    assert (second.exit_code, second.stderr) == (0, f"added 8 drafts from acme-copy to {drafts}\n")
    # Drafting the first source again drafts nothing: its drafts cover its mentions.
    again = run("mentions", "acme", "--facts", facts, "--as-claims", "--into", drafts)
    assert (again.exit_code, again.stderr) == (0, f"added 0 drafts from acme to {drafts}\n")
    text = drafts.read_text(encoding="utf-8")
    assert text.count("claims:") == 1
    assert text.startswith("claims:\n  " + HEADER + ACME_CLAIMS + "  # 8 drafts from acme-copy")
    report = factbase.check(factbase.load(facts))
    assert len(report.claims) == 16
    assert {p.code for p in report.problems} == {"draft-claim"}


def test_into_a_file_not_included_still_numbers_on(acme: Path) -> None:
    drafts = acme.parent / "drafts.yaml"
    for _ in range(2):
        assert run("mentions", "acme", "--facts", acme, "--as-claims", "--kind", "date",
                   "--into", drafts).exit_code == 0
    ids = [line.split()[2] for line in drafts.read_text(encoding="utf-8").splitlines()
           if line.startswith("  - id: ")]
    assert ids == ["acme-date-2004", "acme-date-last-month", "acme-date-2004-2",
                   "acme-date-last-month-2"]


# ---------------------------------------------------------------------------- --into


MEMO = "The board approved a budget of $9 million in 2019.\n"
MEMO_SOURCES = "factbase: 1\nsources:\n  - {id: memo, path: memo.txt}\n"
MEMO_DRAFT = """\
{indent}- id: memo-money-9-million  # money '$9 million' at 31-41
{indent}  statement: TODO
{indent}  value: {{type: money, amount: 9000000, currency: USD}}
{indent}  citations:
{indent}    - source: memo
{indent}      quote: "The board approved a budget of $9 million in 2019."
"""
MEMO_HEADER = ("{indent}# 1 draft from memo: write each statement in place of TODO, check the value "
               "and subject, delete the drafts you do not keep\n")


@pytest.mark.parametrize(("before", "after"), [
    # no claims yet: a `claims:` list at the end
    (MEMO_SOURCES, MEMO_SOURCES + "claims:\n" + (MEMO_HEADER + MEMO_DRAFT).format(indent="  ")),
    # a block list indented by two, then a comment: the drafts go after its last item
    (MEMO_SOURCES + "claims:\n  - id: old\n    statement: Old.\n    value: {type: quote}\n"
     "    citations: [{source: memo, quote: The board}]\n# the end\n",
     MEMO_SOURCES + "claims:\n  - id: old\n    statement: Old.\n    value: {type: quote}\n"
     "    citations: [{source: memo, quote: The board}]\n"
     + (MEMO_HEADER + MEMO_DRAFT).format(indent="  ") + "# the end\n"),
    # a block list at the margin: the drafts follow its indentation
    (MEMO_SOURCES + "claims:\n- id: old\n  statement: Old.\n  value: {type: quote}\n"
     "  citations: [{source: memo, quote: The board}]\n",
     MEMO_SOURCES + "claims:\n- id: old\n  statement: Old.\n  value: {type: quote}\n"
     "  citations: [{source: memo, quote: The board}]\n"
     + (MEMO_HEADER + MEMO_DRAFT).format(indent="")),
    # an empty list
    (MEMO_SOURCES + "claims: []\n",
     MEMO_SOURCES + "claims:\n" + (MEMO_HEADER + MEMO_DRAFT).format(indent="  ")),
])
def test_into_adds_under_the_claims_list(tmp_path: Path, before: str, after: str) -> None:
    (tmp_path / "memo.txt").write_text(MEMO, encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text(before, encoding="utf-8")
    result = run("mentions", "memo", "--facts", facts, "--as-claims", "--kind", "money",
                 "--into", facts)
    assert (result.exit_code, result.stderr) == (0, f"added 1 draft from memo to {facts}\n")
    assert facts.read_text(encoding="utf-8") == after
    factbase.load(facts)


@pytest.mark.parametrize(("before", "message"), [
    (MEMO_SOURCES + "claims: [{id: x, statement: X, value: {type: quote}, "
     "citations: [{source: memo, quote: The board}]}]\n",
     "error: cannot add drafts to `claims:` at line 4: write it as a block list (one `- ` item "
     "a line)\n"),
    ("- just\n- a list\n", "error: {facts}: not a mapping of sources, entities and claims\n"),
    ("claims: [\n", "error: {facts}:2:1: yaml-syntax: while parsing a flow node did not find "
     "expected node content\n"),
])
def test_into_refuses_what_it_cannot_edit(tmp_path: Path, before: str, message: str) -> None:
    (tmp_path / "memo.txt").write_text(MEMO, encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text(MEMO_SOURCES, encoding="utf-8")
    target = tmp_path / "other.yaml"
    target.write_text(before, encoding="utf-8")
    result = run("mentions", "memo", "--facts", facts, "--as-claims", "--into", target)
    assert result.exit_code == 1
    assert result.stderr.startswith(message.format(facts=target))
    assert target.read_text(encoding="utf-8") == before


def test_into_needs_as_claims(acme: Path) -> None:
    result = run("mentions", "acme", "--facts", acme, "--into", acme.parent / "d.yaml")
    assert result.exit_code == 2
    assert "--into needs --as-claims" in result.stderr


# ---------------------------------------------------------------------------- kinds


def test_entity_stubs_are_drafted_on_request_only(tmp_path: Path) -> None:
    text = ("Acme Corp chief executive Jane Roe said Acme Corp sold 40 jets in 2004. "
            "Acme Corp will build more.\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text("factbase: 1\nsources:\n  - {id: a, path: a.txt}\nentities:\n"
                     "  - {id: acme, name: Acme Corp, kind: organization}\n", encoding="utf-8")
    plain = run("mentions", "a", "--facts", facts, "--as-claims").stdout
    assert [line.split()[2] for line in plain.splitlines() if line.startswith("  - id: ")] == [
        "a-quantity-40", "a-date-2004"]
    assert "entities:" not in plain
    names = run("mentions", "a", "--facts", facts, "--as-claims", "--kind", "entity",
                "--kind", "person").stdout
    assert names == """\
# 2 drafts from a: write each statement in place of TODO, check the value and subject, delete the drafts you do not keep
entities:
  - id: jane-roe  # named with a title at 26-34
    name: "Jane Roe"
    kind: person
    roles:
      - title: "chief executive"
claims:
  - id: a-entity-acme-corp  # entity 'Acme Corp' at 0-9
    statement: TODO
    value: {type: entity, entity: acme}
    citations:
      - source: a
        quote: "Acme Corp chief executive Jane Roe said Acme Corp sold 40 jets in 2004."
  - id: a-person-jane-roe  # person 'Jane Roe' at 26-34
    statement: TODO
    value: {type: person, entity: jane-roe, role: "chief executive"}
    citations:
      - source: a
        quote: "Acme Corp chief executive Jane Roe said Acme Corp sold 40 jets in 2004."
"""
    facts.write_text(facts.read_text(encoding="utf-8").replace("entities:\n", "")
                     .replace("  - {id: acme", "entities:\n  - {id: acme") , encoding="utf-8")
    assert run("mentions", "a", "--facts", facts, "--as-claims", "--kind", "entity",
               "--kind", "person", "--into", facts).exit_code == 0
    report = factbase.check(factbase.load(facts))
    assert [(c.id, c.status) for c in report.claims] == [
        ("a-entity-acme-corp", "verified"), ("a-person-jane-roe", "verified")]


# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("published", "comment", "value"), [
    (None, '"next week" needs the source\'s published date; until then the value is the quote',
     "{type: quote}"),
    ("2004-12", '"next week" needs the source\'s published date to the day (it has 2004-12); '
     "until then the value is the quote", "{type: quote}"),
    ("2004-12-01", None, "{type: date, from: '2004-12-06', to: '2004-12-12'}"),
])
def test_unresolved_relative_dates_say_what_they_need(tmp_path: Path, published: str | None,
                                                      comment: str | None, value: str) -> None:
    (tmp_path / "a.txt").write_text("The talks will resume next week in Geneva.\n", encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    date = f", published: {published}" if published else ""
    facts.write_text(f"factbase: 1\nsources:\n  - {{id: a, path: a.txt{date}}}\n", encoding="utf-8")
    out = run("mentions", "a", "--facts", facts, "--as-claims").stdout
    lines = out.splitlines()
    assert lines[2] == "  - id: a-date-next-week  # date 'next week' at 22-31"
    assert (lines[3] == f"    # {comment}") if comment else lines[3] == "    statement: TODO"
    assert f"    value: {value}" in lines
    facts.write_text(facts.read_text(encoding="utf-8") + out, encoding="utf-8")
    report = factbase.check(factbase.load(facts))
    assert [c.status for c in report.claims] == ["verified"]
    assert [p.code for p in report.problems] == ["draft-claim"]


# ---------------------------------------------------------------------------- quotes


@pytest.mark.parametrize(("sentence", "piece", "quote"), [
    ("Allied Domecq shares in London rose 4% by 1200 GMT, while Pernod shares in Paris "
     "slipped 1.2%.", "4%", "Allied Domecq shares in London rose 4% by 1200 GMT"),
    ("Allied Domecq shares in London rose 4% by 1200 GMT, while Pernod shares in Paris "
     "slipped 1.2%.", "1.2%", "Pernod shares in Paris slipped 1.2%."),
    # a relative clause from the name before it; a semicolon in brackets cuts nothing
    ("Pernod is about 9% smaller than Allied Domecq, which has a capitalisation of £5.7bn "
     "($10.7bn; 8.2bn euros).", "8.2bn euros",
     "Allied Domecq, which has a capitalisation of £5.7bn ($10.7bn; 8.2bn euros)."),
    # the relative clause after the mention is left out
    ("Pernod is about 9% smaller than Allied Domecq, which has a capitalisation of £5.7bn.",
     "9%", "Pernod is about 9% smaller than Allied Domecq"),
    # a change with the level it reaches, cut before "but"
    ("Sales rose 8% to $4.7bn in the year to March, but profits fell.", "8%",
     "Sales rose 8% to $4.7bn in the year to March"),
    ("Sales rose 8% to $4.7bn in the year to March, but profits fell.", "$4.7bn",
     "Sales rose 8% to $4.7bn in the year to March"),
    # a clause too short to say anything alone: the sentence
    ("Exports rose 6%; imports 3%.", "3%", "Exports rose 6%; imports 3%."),
    # "Mr." ends no sentence
    ("Mr. Smith said the firm sold 300 cars. It was a record.", "300",
     "Mr. Smith said the firm sold 300 cars."),
    # the sentence of the mention, not of the paragraph
    ("Output fell. Prices rose 2% in May, and wages stayed flat.", "2%",
     "Prices rose 2% in May"),
])
def test_the_quote_is_the_clause_that_carries_the_mention(sentence: str, piece: str,
                                                         quote: str) -> None:
    text = "Title\n\n" + sentence + "\n"
    found = find_mentions(text, reference="2005-01")
    (m,) = [m for m in found if m.text.endswith(piece) and text.index(piece, m.start) < m.end]
    start, end = clause_span(text, m, found)
    assert text[start:end] == quote


def test_sentence_around() -> None:
    text = "First one. The $9 million fund. Last"
    assert sentence_around(text, 15, 25) == "The $9 million fund."
    assert sentence_around(text, 33, 36) == "Last"


# ---------------------------------------------------------------------------- the seed, real text


def test_every_drafted_stub_verifies(make_project: Callable[..., Path]) -> None:
    text = SEED.read_text(encoding="utf-8")
    mentions = find_mentions(text, reference="2020-01", kinds=("date", "money", "quantity"))
    stubs = draft_claims(text, "seed", mentions, reference="2020-01")
    report = factbase.check(factbase.load(make_project(HEAD + stubs, dedent=False)))
    assert len(report.claims) == len(mentions) > 30
    assert {c.status for c in report.claims} == {"verified"}
    assert {c.anchor for claim in report.claims for c in claim.citations} == {"exact"}
    assert {p.code for p in report.problems} == {"draft-claim"}
    assert len(report.problems) == len(report.claims)


def test_as_claims_cli_drafts_only_uncovered(seed_project: Path) -> None:
    result = run("mentions", "seed", "--facts", seed_project, "--as-claims", "--kind", "money")
    assert result.exit_code == 0, result.output
    # "$9 million" is covered by the fund claim; "$800 million" is not.
    assert "amount: 800000000" in result.stdout and "amount: 9000000," not in result.stdout
    result = run("mentions", SEED, "--as-claims", "--kind", "money")
    assert result.stdout.count("- id: east-asia-alliances-money-") == 2
    assert "source: east-asia-alliances" in result.stdout


STEP = 10  # every tenth article; 1 checks all 300 (FACTBASE_DRAFT_STEP)


def test_drafted_officials_verify_on_real_articles(tmp_path: Path) -> None:
    """Named officials drafted from BBC articles (every tenth) load and verify as drafted:
    the entity stub declares the role as written, and the claim cites its clause."""
    corpus = bbc_corpus()
    if corpus is None:
        pytest.skip(NO_BBC)
    articles = sorted(corpus.glob("*.txt"))[::int(os.environ.get("FACTBASE_DRAFT_STEP", STEP))]
    drafted = 0
    failing: dict[str, str] = {}
    for path in articles:
        text = path.read_text(encoding="utf-8")
        mentions = find_mentions(text, kinds=["person"])
        if not mentions:
            continue
        project = tmp_path / path.stem
        (project / "sources").mkdir(parents=True)
        (project / "sources" / path.name).write_text(text, encoding="utf-8")
        facts = (f"factbase: 1\nsources:\n  - {{id: {path.stem}, path: sources/{path.name}}}\n"
                 + draft_claims(text, path.stem, mentions))
        (project / "facts.yaml").write_text(facts, encoding="utf-8")
        report = factbase.check(factbase.load(project / "facts.yaml"))
        drafted += len(report.claims)
        failing.update({f"{path.stem}:{c.id}": c.status for c in report.claims
                        if c.status != "verified"})
        assert {p.code for p in report.problems} <= {"draft-claim"}, path.name
    assert drafted > 20
    assert failing == {}


# A few entities the BBC articles name often, so that drafts suggest subjects.
BBC_ENTITIES = """\
entities:
  - {id: uk, name: UK, kind: place, aliases: [Britain, United Kingdom]}
  - {id: us, name: US, kind: place, aliases: [United States, America]}
  - {id: eu, name: EU, kind: organization, aliases: [European Union]}
  - {id: labour, name: Labour, kind: organization}
  - {id: tories, name: Conservatives, kind: organization, aliases: [Tory, Tories]}
  - {id: bbc, name: BBC, kind: organization}
  - {id: microsoft, name: Microsoft, kind: organization}
  - {id: gordon-brown, name: Gordon Brown, kind: person, aliases: [Mr Brown]}
  - {id: tony-blair, name: Tony Blair, kind: person, aliases: [Mr Blair]}
  - {id: china, name: China, kind: place}
  - {id: japan, name: Japan, kind: place}
  - {id: germany, name: Germany, kind: place}
"""


def _articles() -> list[Path]:
    corpus = bbc_corpus()
    return sorted(corpus.glob("*.txt")) if corpus is not None else []


@pytest.mark.skipif(not _articles(), reason=NO_BBC)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(_articles() or [Path("unused")]),
       published=st.sampled_from([None, "2005", "2005-01", "2005-02-14"]))
def test_drafts_of_any_bbc_article_anchor_exactly_once(path: Path, published: str | None) -> None:
    """Whatever the article and its published date, its drafts (dates, amounts, quantities
    and named officials) load, each quote anchors exactly once, and each draft verifies."""
    with tempfile.TemporaryDirectory(prefix="factbase-drafts-") as tmp:
        root = Path(tmp)
        (root / "sources").mkdir()
        (root / "sources" / "a.txt").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        facts = root / "facts.yaml"
        date = f"\n    published: {published}" if published else ""
        facts.write_text(f"factbase: 1\nsources:\n  - id: a\n    path: sources/a.txt{date}\n"
                         + BBC_ENTITIES, encoding="utf-8")
        result = run("mentions", "a", "--facts", facts, "--as-claims", "--kind", "date",
                     "--kind", "money", "--kind", "quantity", "--kind", "person", "--into", facts)
        assert result.exit_code == 0, result.output
        report = factbase.check(factbase.load(facts))
    assert report.claims, path.name
    citations = [c for claim in report.claims for c in claim.citations]
    assert {c.anchor for c in citations} == {"exact"}, path.name
    assert [(c.claim_id, [p.code for p in c.problems]) for c in citations if c.problems] == []
    assert {c.status for c in report.claims} == {"verified"}
    assert {p.code for p in report.problems} <= {"draft-claim", "unused-entity"}


# ---------------------------------------------------------------------------- values


@pytest.mark.parametrize(("value", "yaml_text"), [
    (Money(Decimal(40), "USD", upper=Decimal(50)), "{type: money, min: 40, max: 50, currency: USD}"),
    (Quantity(Decimal(6), "percent", upper=Decimal(7)), '{type: quantity, min: 6, max: 7, unit: "percent"}'),
    (Quantity(Decimal(300), "person", "nearly"), '{type: quantity, amount: 300, unit: "person", qualifier: nearly}'),
    (Quantity(Decimal(50), None, "odd"), "{type: quantity, amount: 50, qualifier: odd}"),
    (Quantity(Decimal(1) / Decimal(3)), "{type: quantity, amount: 0.3333333333333333333333333333}"),
    (Quantity(Decimal(8), "percent", clause=Clause("change", "up")),
     '{type: change, of: quantity, direction: up, by: {amount: 8, unit: "percent"}}'),
    (Money(Decimal(300000000), "EUR", "about", clause=Clause("change", "down")),
     "{type: change, of: money, direction: down, by: {amount: 300000000, currency: EUR, qualifier: about}}"),
    (Money(Decimal(2100000000), "EUR", clause=Clause("level", "up", "to")),
     "{type: money, amount: 2100000000, currency: EUR}"),
])
def test_value_yaml_forms(value: Money | Quantity, yaml_text: str) -> None:
    mention = Mention("money" if isinstance(value, Money) else "quantity", 0, 1, "x", value)
    assert value_yaml(mention, set()) == yaml_text


@pytest.mark.parametrize(("sentence", "piece", "pinned"), [
    ("Reliance added 1.7%, while Reliance Energy jumped 7%.", "7%", "jumped 7%"),
    ("It ordered 30 jets at $120m each, with the option to buy 20 more.", "20", "buy 20"),
    ("Profits rose 43% to 2.4bn euros.", "43%", "43%"),
])
def test_stubs_pinpoint_their_mention(sentence: str, piece: str, pinned: str) -> None:
    start = sentence.rindex(piece) if piece != "43%" else sentence.index(piece)
    assert pinpoint(sentence, 0, len(sentence), start, start + len(piece)) == pinned


def test_a_clause_with_other_candidates_pinpoints_its_mention(tmp_path: Path) -> None:
    # "cut to 4.5% from 4.75%": two levels of one unit; each draft says which it is about.
    (tmp_path / "a.txt").write_text("The bank cut its rate to 4.5% from 4.75% on Thursday.\n",
                                    encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text("factbase: 1\nsources:\n  - {id: a, path: a.txt}\n", encoding="utf-8")
    out = run("mentions", "a", "--facts", facts, "--as-claims", "--kind", "quantity").stdout
    assert [line.strip() for line in out.splitlines() if "mention:" in line] == [
        'mention: "4.5%"', 'mention: "4.75%"']
    facts.write_text(facts.read_text(encoding="utf-8") + out, encoding="utf-8")
    report = factbase.check(factbase.load(facts))
    assert [p.code for p in report.problems] == ["draft-claim", "draft-claim"]


def test_a_period_with_a_qualified_end_drafts_no_claim() -> None:
    # "from approximately 1990 to June 2004": no claim value says "approximately 1990".
    text = "He worked there from approximately 1990 to June 2004, then from 2004 to 2010."
    mentions = find_mentions(text, kinds=("date",))
    assert [m.text for m in mentions] == ["from approximately 1990 to June 2004",
                                          "from 2004 to 2010"]
    stubs = draft_claims(text, "s", mentions)
    assert stubs.count("  - id: ") == 1
    assert "value: {type: date, from: '2004', to: '2010'}" in stubs



def test_a_dated_stub_pinpoints_its_date_among_others(make_project: Callable[..., Path]) -> None:
    # Two dates in one sentence are two candidates: each stub says which one it means.
    text = "In 2003, the firm launched a plan to triple sales by 2007.\n"
    stubs = draft_claims(text, "s", find_mentions(text, kinds=("date",)))
    assert [line.strip() for line in stubs.splitlines() if "mention:" in line] == [
        'mention: "2003"', 'mention: "2007"']
    head = "factbase: 1\nsources:\n  - id: s\n    path: s.txt\n    published: 2005-03\n"
    report = factbase.check(factbase.load(make_project(head + stubs, files={"s.txt": text},
                                                       dedent=False)))
    assert [(c.status, c.problems, [p.code for p in c.citations[0].problems])
            for c in report.claims] == [("verified", [], [])] * 2
def test_the_docs_show_real_drafts(acme: Path) -> None:
    """docs/drafting.md's example is what the command prints for this article (a selection of
    its drafts, each verbatim)."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "drafting.md").read_text(encoding="utf-8")
    shown = page.split("```yaml\n", 1)[1].split("```", 1)[0]
    printed = run("mentions", "acme", "--facts", acme, "--as-claims").stdout
    head, claims = shown.split("claims:\n", 1)
    assert printed.startswith(head + "claims:\n")
    items = ["  - id: " + item for item in claims.split("  - id: ")[1:]]
    assert len(items) == 4
    for item in items:
        assert item in printed
