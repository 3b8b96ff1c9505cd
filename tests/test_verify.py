"""Verification: statuses and problem codes for claim x span, and the checks across claims.

Each rule has a case that passes and a case that fails when the rule is loosened."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import factbase
from factbase.results import Report

SOURCE = "sources/east-asia-alliances.txt"
HEAD = f"""\
factbase: 1
sources:
  - id: seed
    path: {SOURCE}
    published: 2020-01
entities:
  - id: shinzo-abe
    name: Shinzo Abe
    kind: person
    aliases: [Abe]
    roles: [{{title: Prime Minister of Japan, aliases: [Japanese Prime Minister]}}]
  - id: koji-tomita
    name: Koji Tomita
    kind: person
    aliases: [Tomita]
    roles: [{{title: Japanese ambassador to South Korea, aliases: [new ambassador to Seoul]}}]
claims:
"""


def claim(value: str, quote: str, claim_id: str = "c", extra: str = "") -> str:
    return (f"  - id: {claim_id}\n    statement: s\n    value: {value}\n{extra}"
            f"    citations:\n      - source: seed\n        quote: \"{quote}\"\n")


def run(make_project: Callable[..., Path], body: str, head: str = HEAD) -> Report:
    return factbase.check(factbase.load(make_project(head + body)))


def outcome(report: Report, claim_id: str = "c") -> tuple[str, list[str]]:
    result = report.claim(claim_id)
    codes = [p.code for p in result.problems] + [p.code for c in result.citations for p in c.problems]
    return result.status, codes


def test_seed_project_all_verified(seed_project: Path) -> None:
    report = factbase.check(factbase.load(seed_project))
    assert report.ok
    assert [(c.id, c.status) for c in report.claims] == [
        ("fund", "verified"), ("summit", "verified"), ("abe-pm", "verified")]
    fund = report.claim("fund").citations[0]
    text = (seed_project.parent / SOURCE).read_text(encoding="utf-8")
    start = text.index("a $9 million joint fund")
    assert (fund.start, fund.end, fund.anchor) == (start, start + len("a $9 million joint fund for the surviving comfort women"), "exact")
    money = [e for e in fund.evidence if e.kind == "money"]
    assert [(e.text, e.start, e.value["amount"], e.value["currency"], e.matches) for e in money] == [
        ("$9 million", text.index("$9 million"), "9000000", "USD", True)]


@pytest.mark.parametrize(
    ("value", "quote", "status", "codes"),
    [
        # money: exact amount and currency
        ("{type: money, amount: 9000000, currency: USD}", "a $9 million joint fund", "verified", []),
        ("{type: money, amount: 8000000, currency: USD}", "a $9 million joint fund", "contradicted", ["value-mismatch"]),
        ("{type: money, amount: 9000000000, currency: USD}", "a $9 million joint fund", "contradicted", ["value-mismatch"]),
        ("{type: money, amount: 9000000, currency: JPY}", "a $9 million joint fund", "unsupported", ["unit-mismatch"]),
        ("{type: money, amount: 9000000, currency: USD, qualifier: about}", "a $9 million joint fund", "verified", []),
        ("{type: money, amount: 9000000, currency: USD}", "joint fund for the surviving", "unsupported", ["value-not-found"]),
        ("'$9 million'", "a $9 million joint fund", "verified", []),
        ("'$8 million'", "a $9 million joint fund", "contradicted", ["value-mismatch"]),
        # dates: a finer mention supports a coarser claim, never the reverse
        ("{type: date, date: 2019-12-24}", "the Dec. 24, 2019, Moon-Abe summit", "verified", []),
        ("{type: date, date: 2019-12}", "the Dec. 24, 2019, Moon-Abe summit", "verified", []),
        ("{type: date, date: 2019-12-25}", "the Dec. 24, 2019, Moon-Abe summit", "contradicted", ["value-mismatch"]),
        ("{type: date, date: 2019-07-15}", "In July 2019, the government", "contradicted", ["precision-mismatch"]),
        ("{type: date, date: 2019-07}", "In July 2019, the government", "verified", []),
        ("{type: date, from: 2018-12, to: 2019-01}", "in December 2018 and January 2019", "verified", []),
        ("{type: date, date: 2019-08}", "This past August, Seoul announced", "verified", []),
        ("{type: date, date: 2019-12}", "Last month, Tokyo deployed", "verified", []),
        ("{type: date, date: 2018-12}", "Last month, Tokyo deployed", "contradicted", ["value-mismatch"]),
        ("'Dec. 24, 2019'", "the Dec. 24, 2019, Moon-Abe summit", "verified", []),
        # quantities: amount, unit folding, qualifiers
        ("{type: quantity, amount: 284, unit: companies}", "may impact 284 Japanese companies", "verified", []),
        ("{type: quantity, amount: 284, unit: company}", "may impact 284 Japanese companies", "verified", []),
        ("{type: quantity, amount: 284}", "may impact 284 Japanese companies", "verified", []),
        ("{type: quantity, amount: 285, unit: companies}", "may impact 284 Japanese companies", "contradicted", ["value-mismatch"]),
        ("{type: quantity, amount: 284, unit: people}", "may impact 284 Japanese companies", "unsupported", ["unit-mismatch"]),
        ("{type: quantity, amount: 50, qualifier: about}", "Japan’s 50-odd official apologies", "verified", []),
        ("{type: quantity, amount: 50, qualifier: at-least}", "Japan’s 50-odd official apologies", "verified", []),
        ("{type: quantity, amount: 50}", "Japan’s 50-odd official apologies", "contradicted", ["value-mismatch"]),
        ("{type: quantity, amount: 5, unit: times}", "the fivefold increase in defense spending", "verified", []),
        ("{type: quantity, amount: 5, unit: years}", "constitutionally limited five-year presidency", "verified", []),
        # people and roles
        ("{type: person, entity: shinzo-abe, role: Prime Minister of Japan}", "Japanese Prime Minister Shinzo Abe", "verified", []),
        ("{type: person, entity: shinzo-abe}", "Japanese Prime Minister Shinzo Abe", "verified", []),
        ("{type: person, entity: shinzo-abe, role: Prime Minister of Japan}", "Abe’s determined opposition", "unsupported", ["role-not-found"]),
        ("{type: person, entity: koji-tomita, role: Japanese ambassador to South Korea}", "a new ambassador to Seoul, Koji Tomita", "verified", []),
        ("{type: person, entity: koji-tomita}", "Japanese Prime Minister Shinzo Abe", "contradicted", ["value-mismatch"]),
        ("{type: entity, entity: shinzo-abe}", "Abe’s determined opposition", "verified", []),
        ("{type: entity, entity: shinzo-abe}", "a $9 million joint fund", "unsupported", ["value-not-found"]),
        # quotes only need to anchor
        ("{type: quote}", "a $9 million joint fund", "verified", []),
        ("{type: quote}", "a $9 billion joint fund", "unanchored", ["quote-fuzzy"]),
        ("{type: quote}", "an entirely different sentence that is nowhere", "unanchored", ["quote-not-found"]),
    ],
)
def test_rules(make_project: Callable[..., Path], value: str, quote: str, status: str, codes: list[str]) -> None:
    assert outcome(run(make_project, claim(value, quote))) == (status, codes)


def test_value_check_reads_the_source_not_the_quote(make_project: Callable[..., Path]) -> None:
    # The quote anchors after normalization (straight apostrophe); evidence comes from the
    # source's own text at the span.
    report = run(make_project, claim("{type: quantity, amount: 50, qualifier: about}", "Japan's 50-odd official apologies"))
    cit = report.claim("c").citations[0]
    assert cit.anchor == "normalized" and report.claim("c").status == "verified"
    assert [e.text for e in cit.evidence if e.kind == "quantity"] == ["50-odd"]


def test_relative_date_without_published(make_project: Callable[..., Path]) -> None:
    head = HEAD.replace("    published: 2020-01\n", "")
    report = run(make_project, claim("{type: date, date: 2019-12}", "Last month, Tokyo deployed"), head=head)
    assert outcome(report) == ("unsupported", ["relative-date-unresolved"])


def test_value_problem_located_at_the_value(make_project: Callable[..., Path]) -> None:
    report = run(make_project, claim("{type: money, amount: 8000000, currency: USD}", "a $9 million joint fund"))
    (p,) = report.errors
    assert (p.code, p.line, p.column, p.claim_id, p.citation_id, p.source_id) == ("value-mismatch", 20, 34, "c", "c#0", "seed")


def test_unknown_source_and_entity(make_project: Callable[..., Path]) -> None:
    body = ("  - id: c\n    statement: s\n    subject: nobody\n    value: {type: entity, entity: ghost}\n"
            "    citations: [{source: elsewhere, quote: x}]\n")
    report = run(make_project, body)
    assert outcome(report) == ("invalid", ["unknown-entity", "unknown-entity", "unknown-source"])


def test_undeclared_role_is_matched_as_written(make_project: Callable[..., Path]) -> None:
    # never invalid: the role is looked for as written, and a warning suggests declaring it
    report = run(make_project, claim("{type: person, entity: shinzo-abe, role: Emperor}", "Japanese Prime Minister Shinzo Abe"))
    assert outcome(report) == ("unsupported", ["role-not-found", "undeclared-role"])
    report = run(make_project, claim("{type: person, entity: shinzo-abe, role: prime minister}", "Japanese Prime Minister Shinzo Abe"))
    assert outcome(report) == ("verified", ["undeclared-role"])
    (warning,) = [p for p in report.warnings if p.code == "undeclared-role"]
    assert (warning.severity, warning.details["role"], warning.details["entity"]) == ("warning", "prime minister", "shinzo-abe")


# People and their roles (docs/verification.md, "People and roles"): a role supports a person
# claim only when the span attaches it, as a whole title, to that person.
PEOPLE_SOURCE = """\
Foreign Secretary Jack Straw said the UK would veto any cut to the rebate secured by Margaret Thatcher in 1984.
Argentina's economy minister, Roberto Lavagna, said the results would be ready on Thursday.
Helmut Panke, BMW's group chief executive, said sales had risen.
As chief operating officer, Toshiyuki Shiga will run Nissan, although Mr Ghosn, who masterminded its recovery, will remain chief executive.
Andrew Park is the president of the Sejong Society. He is a political consultant in Washington.
Sir John Gieve was appointed permanent secretary in 2001.
Peter Smith is a close ally of the president.
In a letter to the chairman, Anna Berg said the plan had failed.
Deputy Chief Maria Lopez declined to comment.
South Korea’s then newly elected president, Moon Jae-in, walked back the deal.
Analysts were cautious. "It is early," said one analyst. Tim Cole said the market was calm.
Vice President Dick Cheney spoke first.
"""
PEOPLE_HEAD = """\
factbase: 1
sources:
  - {id: seed, path: sources/people.txt, published: 2005-02}
entities:
  - {id: jack-straw, name: Jack Straw, kind: person, roles: [{title: Foreign Secretary}]}
  - id: margaret-thatcher
    name: Margaret Thatcher
    kind: person
    roles: [{title: Prime Minister of the United Kingdom, aliases: [prime minister]}]
  - id: roberto-lavagna
    name: Roberto Lavagna
    kind: person
    roles: [{title: Economy minister of Argentina, aliases: [economy minister]}]
  - {id: helmut-panke, name: Helmut Panke, kind: person}
  - id: toshiyuki-shiga
    name: Toshiyuki Shiga
    kind: person
    roles:
      - {title: Chief operating officer of Nissan, aliases: [chief operating officer]}
      - {title: Chief executive of Nissan, aliases: [chief executive]}
  - id: carlos-ghosn
    name: Carlos Ghosn
    kind: person
    aliases: [Mr Ghosn]
    roles:
      - {title: Chief executive of Nissan, aliases: [chief executive]}
      - {title: Chief operating officer of Nissan, aliases: [chief operating officer]}
  - {id: andrew-park, name: Andrew Park, kind: person}
  - {id: john-gieve, name: Sir John Gieve, kind: person, aliases: [John Gieve]}
  - {id: peter-smith, name: Peter Smith, kind: person, roles: [{title: President}]}
  - {id: anna-berg, name: Anna Berg, kind: person, roles: [{title: Chairman, aliases: [chairman]}]}
  - {id: maria-lopez, name: Maria Lopez, kind: person, roles: [{title: Chief}]}
  - {id: moon-jae-in, name: Moon Jae-in, kind: person}
  - {id: tim-cole, name: Tim Cole, kind: person, roles: [{title: analyst}]}
  - {id: dick-cheney, name: Dick Cheney, kind: person}
claims:
"""
_L = PEOPLE_SOURCE.splitlines()


@pytest.mark.parametrize(
    ("value", "quote", "status", "codes"),
    [
        # a title before the name
        ("{type: person, entity: jack-straw, role: Foreign Secretary}", _L[0], "verified", []),
        # ... is that name's, not another person's in the same span, declared or not
        ("{type: person, entity: margaret-thatcher, role: Prime Minister of the United Kingdom}", _L[0], "unsupported", ["role-not-found"]),
        ("{type: person, entity: margaret-thatcher, role: Foreign Secretary}", _L[0], "unsupported", ["role-not-found", "undeclared-role"]),
        # apposition before and after the name
        ("{type: person, entity: roberto-lavagna, role: Economy minister of Argentina}", _L[1], "verified", []),
        ("{type: person, entity: helmut-panke, role: group chief executive}", _L[2], "verified", ["undeclared-role"]),
        ("{type: person, entity: helmut-panke, role: chief executive}", _L[2], "verified", ["undeclared-role"]),
        ("{type: person, entity: helmut-panke, role: chairman}", _L[2], "unsupported", ["role-not-found", "undeclared-role"]),
        # "As ROLE, X" and "X, who …, will remain ROLE": each role to its own person
        ("{type: person, entity: toshiyuki-shiga, role: Chief operating officer of Nissan}", _L[3], "verified", []),
        ("{type: person, entity: toshiyuki-shiga, role: Chief executive of Nissan}", _L[3], "unsupported", ["role-not-found"]),
        ("{type: person, entity: carlos-ghosn, role: Chief executive of Nissan}", _L[3], "verified", []),
        ("{type: person, entity: carlos-ghosn, role: Chief operating officer of Nissan}", _L[3], "unsupported", ["role-not-found"]),
        # predicates: "X is Y", "He is Y" after a sentence about X, "X was appointed Y"
        ("{type: person, entity: andrew-park, role: President of the Sejong Society}", _L[4], "verified", ["undeclared-role"]),
        ("{type: person, entity: andrew-park, role: political consultant}", _L[4], "verified", ["undeclared-role"]),
        ("{type: person, entity: andrew-park, role: consultant in Washington}", _L[4], "verified", ["undeclared-role"]),
        ("{type: person, entity: andrew-park, role: political consultant}", _L[4].split(". ")[1], "unsupported", ["value-not-found"]),
        ("{type: person, entity: john-gieve, role: permanent secretary}", _L[5], "verified", ["undeclared-role"]),
        # a role the predicate only complements, or a preposition's object, is not attached
        ("{type: person, entity: peter-smith, role: President}", _L[6], "unsupported", ["role-not-found"]),
        ("{type: person, entity: anna-berg, role: Chairman}", _L[7], "unsupported", ["role-not-found"]),
        # a role inside another title is not that role
        ("{type: person, entity: maria-lopez, role: Chief}", _L[8], "unsupported", ["role-not-found"]),
        ("{type: person, entity: dick-cheney, role: President}", _L[11], "unsupported", ["role-not-found", "undeclared-role"]),
        ("{type: person, entity: dick-cheney, role: vice-president}", _L[11], "verified", ["undeclared-role"]),
        # undeclared roles fold case and typography: "president" is "then newly elected president"'s head
        ("{type: person, entity: moon-jae-in, role: president}", _L[9], "verified", ["undeclared-role"]),
        ("{type: person, entity: moon-jae-in, role: Newly-Elected President}", _L[9], "verified", ["undeclared-role"]),
        ("{type: person, entity: moon-jae-in, role: prime minister}", _L[9], "unsupported", ["role-not-found", "undeclared-role"]),
        # a one-word role far from any name supports no one
        ("{type: person, entity: tim-cole, role: analyst}", _L[10], "unsupported", ["role-not-found"]),
    ],
)
def test_people_and_roles(make_project: Callable[..., Path], value: str, quote: str, status: str,
                          codes: list[str]) -> None:
    body = claim(value, quote.replace('"', '\\"'))
    report = factbase.check(factbase.load(make_project(PEOPLE_HEAD + body,
                                                       files={"sources/people.txt": PEOPLE_SOURCE})))
    assert outcome(report) == (status, codes)


def test_role_said_of_someone_else_names_them(make_project: Callable[..., Path]) -> None:
    body = claim("{type: person, entity: margaret-thatcher, role: Foreign Secretary}", _L[0])
    report = factbase.check(factbase.load(make_project(PEOPLE_HEAD + body,
                                                       files={"sources/people.txt": PEOPLE_SOURCE})))
    (error,) = report.errors
    assert error.message == ("the span names 'margaret-thatcher' but not the role 'Foreign Secretary' "
                             "(the span gives 'Foreign Secretary' to 'Jack Straw'); check "
                             "which person the claim is about")


def test_role_evidence_is_the_attached_role_mention(make_project: Callable[..., Path]) -> None:
    body = claim("{type: person, entity: carlos-ghosn, role: Chief executive of Nissan}", _L[3])
    report = factbase.check(factbase.load(make_project(PEOPLE_HEAD + body,
                                                       files={"sources/people.txt": PEOPLE_SOURCE})))
    evidence = report.claim("c").citations[0].evidence
    assert [(e.kind, e.text, e.matches) for e in evidence if e.kind in ("entity", "role")] == [
        ("role", "chief operating officer", False), ("entity", "Toshiyuki Shiga", False),
        ("entity", "Mr Ghosn", True), ("role", "chief executive", True)]


def test_duplicate_ids(make_project: Callable[..., Path]) -> None:
    body = claim("{type: quote}", "a $9 million joint fund") + claim("{type: quote}", "joint fund")
    report = run(make_project, body)
    assert [(p.code, p.line) for p in report.errors] == [("duplicate-id", 24)]


def test_conflicting_claims(make_project: Callable[..., Path]) -> None:
    extra = "    subject: shinzo-abe\n    predicate: fund\n"
    body = (claim("{type: money, amount: 9000000, currency: USD}", "a $9 million joint fund", "a", extra)
            + claim("{type: money, amount: 8000000, currency: USD}", "a $9 million joint fund", "b", extra))
    codes = [p.code for p in run(make_project, body).errors]
    assert codes.count("conflicting-claims") == 1


def test_compatible_dates_do_not_conflict(make_project: Callable[..., Path]) -> None:
    extra = "    subject: shinzo-abe\n    predicate: met\n"
    body = (claim("{type: date, date: 2019-12}", "the Dec. 24, 2019, Moon-Abe summit", "a", extra)
            + claim("{type: date, date: 2019-12-24}", "the Dec. 24, 2019, Moon-Abe summit", "b", extra))
    assert run(make_project, body).ok


def test_unused_source_and_entity_warn(make_project: Callable[..., Path]) -> None:
    head = HEAD.replace("claims:\n", "  - {id: spare, name: Spare, kind: other}\nclaims:\n").replace(
        "entities:", f"  - {{id: unused, path: {SOURCE}}}\nentities:")
    report = run(make_project, claim("{type: quote}", "a $9 million joint fund"), head=head)
    assert report.ok
    assert sorted(p.code for p in report.warnings) == ["unused-entity", "unused-entity", "unused-entity", "unused-source"]


def test_ambiguous_quote_warns(make_project: Callable[..., Path]) -> None:
    report = run(make_project, claim("{type: date, date: 2019}", "2019 was a tough year"))
    assert outcome(report) == ("verified", ["quote-ambiguous"])
    assert report.ok


def test_claim_ignore(make_project: Callable[..., Path]) -> None:
    extra = "    ignore: [{code: quote-ambiguous, reason: the paragraph is printed twice}]\n"
    report = run(make_project, claim("{type: date, date: 2019}", "2019 was a tough year", extra=extra))
    assert outcome(report) == ("verified", [])


def test_changed_source_is_stale(make_project: Callable[..., Path]) -> None:
    head = HEAD.replace("    published: 2020-01\n", "    published: 2020-01\n    sha256: " + "a" * 64 + "\n")
    report = run(make_project, claim("{type: quote}", "a $9 million joint fund"), head=head)
    assert report.claim("c").status == "stale"
    assert [p.code for p in report.errors] == ["source-changed"]


def test_pinned_source_is_fine(make_project: Callable[..., Path], tmp_path: Path) -> None:
    path = make_project(HEAD + claim("{type: quote}", "a $9 million joint fund"))
    digest = hashlib.sha256((tmp_path / SOURCE).read_bytes()).hexdigest()
    path.write_text(path.read_text().replace("    published: 2020-01\n", f"    published: 2020-01\n    sha256: {digest}\n"))
    assert factbase.check(factbase.load(path)).ok


@pytest.mark.parametrize("bad_path", ["../outside.txt", "/etc/hostname", "link.txt"])
def test_source_outside_root(make_project: Callable[..., Path], tmp_path: Path, bad_path: str) -> None:
    (tmp_path.parent / "outside.txt").write_text("secret")
    os.symlink(tmp_path.parent / "outside.txt", tmp_path / "link.txt")
    head = HEAD.replace(f"path: {SOURCE}", f"path: {bad_path}")
    report = run(make_project, claim("{type: quote}", "secret"), head=head)
    assert [p.code for p in report.errors] == ["path-outside-root"]
    assert report.claim("c").status == "invalid"


def test_missing_and_unreadable_sources(make_project: Callable[..., Path], tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    head = HEAD.replace(f"path: {SOURCE}", "path: latin1.txt")
    report = run(make_project, claim("{type: quote}", "caf"), head=head)
    assert [(p.code, p.line) for p in report.errors] == [("source-unreadable", 4)]
    head = HEAD.replace(f"path: {SOURCE}", "path: nothing.txt")
    report = run(make_project, claim("{type: quote}", "caf"), head=head)
    assert [p.code for p in report.errors] == ["source-missing"]


def test_shorthand_ambiguous_is_invalid(make_project: Callable[..., Path]) -> None:
    report = run(make_project, claim("'2019 and $9 million'", "a $9 million joint fund"))
    assert outcome(report) == ("invalid", ["invalid-value"])


def test_coverage_of_cited_spans(seed_project: Path) -> None:
    report = factbase.check(factbase.load(seed_project))
    (source,) = report.sources
    covered = {source.mentions[i].text for i in source.covered_by}
    assert {"$9 million", "Dec. 24, 2019", "Shinzo Abe"} <= covered
    assert 0 < source.coverage < 1


def test_drift_report_on_a_changed_source(make_project: Callable[..., Path], tmp_path: Path) -> None:
    text = (Path(__file__).parent.parent / SOURCE).read_text(encoding="utf-8")
    pins = {q: text.index(q) for q in ("a $9 million joint fund", "Japanese Prime Minister Shinzo Abe",
                                       "In July 2019", "Last month, Tokyo deployed")}
    body = "".join(
        f"  - id: c{i}\n    statement: s\n    value: {{type: quote}}\n    citations:\n"
        f"      - {{source: seed, quote: \"{q}\", start: {start}, end: {start + len(q)}}}\n"
        for i, (q, start) in enumerate(pins.items()))
    head = HEAD.replace("    published: 2020-01\n", "    published: 2020-01\n    sha256: " + "a" * 64 + "\n")
    path = make_project(head + body)
    changed = text.replace("Tensions persist despite", "Tensions still persist despite")  # shifts what follows
    changed = changed.replace("Last month, Tokyo deployed", "Last month, Tokio deployed")
    (tmp_path / SOURCE).write_text(changed, encoding="utf-8")
    report = factbase.check(factbase.load(path))
    drift = {p.claim_id: p.details["state"] for p in report.problems if p.code == "citation-drift"}
    assert drift["c1"] == "unchanged" and drift["c2"] == "unchanged"
    assert drift["c0"] == "moved by 6"
    assert drift["c3"].startswith("edited: ") and "Tok" in drift["c3"]
    assert {c.status for c in report.claims} == {"stale"}


# ---------------------------------------------------------------------------- dates: periods

DATES_SOURCE = (
    "The exhibition ran from May 2 to July 9, 2019, in the old hall. "
    "The fair opened on June 3, 2019. "
    "He worked there from approximately 1990 to June 2004. "
    "The scheme ran from on or about March 3, 2002, to on or about May 7, 2005. "
    "Prices were frozen between 1998 and 2003. "
    "The comfort women suffered during World War II. "
    "Growth was slow in the 80s and 90s. "
    "Prices rose in the late 1990s. "
    "The option ran between January 2004 and July 2009. "
    "Ministers will meet next week.\n"
)
DATES_HEAD = """\
factbase: 1
sources:
  - id: eu
    path: sources/dates.txt
    published: 2004-12
claims:
"""


def date_claim(value: str, quote: str) -> str:
    return (f"  - id: c\n    statement: s\n    value: {value}\n"
            f"    citations:\n      - source: eu\n        quote: \"{quote}\"\n")


@pytest.mark.parametrize(
    ("value", "quote", "status", "codes"),
    [
        # a single date: supported by either end of a period mention, or by the whole of it
        ("{type: date, date: 2019-07-09}", "ran from May 2 to July 9, 2019", "verified", []),
        ("{type: date, date: 2019-05-02}", "ran from May 2 to July 9, 2019", "verified", []),
        ("{type: date, date: 2019}", "ran from May 2 to July 9, 2019", "verified", []),
        ("{type: date, date: 2019-07-10}", "ran from May 2 to July 9, 2019", "contradicted",
         ["value-mismatch"]),
        ("{type: date, date: 2019-06-03}", "ran from May 2 to July 9, 2019", "contradicted",
         ["precision-mismatch"]),
        ("{type: date, date: 2004-06}", "from approximately 1990 to June 2004", "verified", []),
        ("{type: date, date: 1990}", "from approximately 1990 to June 2004", "contradicted",
         ["precision-mismatch"]),
        ("{type: date, date: 2001}", "between 1998 and 2003", "contradicted",
         ["precision-mismatch"]),
        # a period: only a mention whose ends lie inside the claimed ends
        ("{type: date, from: 2019-05-02, to: 2019-07-09}", "ran from May 2 to July 9, 2019",
         "verified", []),
        ("{type: date, from: 2019-05, to: 2019-07}", "ran from May 2 to July 9, 2019",
         "verified", []),
        ("{type: date, from: 2019-05-02, to: 2019-07-10}", "ran from May 2 to July 9, 2019",
         "contradicted", ["value-mismatch"]),
        ("{type: date, from: 2019-05-01, to: 2019-07-09}", "ran from May 2 to July 9, 2019",
         "contradicted", ["value-mismatch"]),
        ("{type: date, from: 2019-05, to: 2019-07}", "The fair opened on June 3, 2019.",
         "unsupported", ["value-not-found"]),
        ("{type: date, from: 1998, to: 2003}", "between 1998 and 2003", "verified", []),
        ("{type: date, from: 1999, to: 2003}", "between 1998 and 2003", "contradicted",
         ["value-mismatch"]),
        ("{type: date, from: 1990, to: 2004-06}", "from approximately 1990 to June 2004",
         "contradicted", ["precision-mismatch"]),
        ("{type: date, from: 1985, to: 2004}", "from approximately 1990 to June 2004",
         "contradicted", ["value-mismatch"]),
        ("{type: date, from: 2002-03-03, to: 2005-05-07}",
         "from on or about March 3, 2002, to on or about May 7, 2005", "contradicted",
         ["precision-mismatch"]),
        ("{type: date, from: 2002-03, to: 2005-05}",
         "from on or about March 3, 2002, to on or about May 7, 2005", "verified", []),
        # an end written as a date is one: "January 2004" does not state 2004-01-01; a decade
        # (which no claim can write) counts by its first and last day
        ("{type: date, from: 2004-01-01, to: 2009-07-31}", "between January 2004 and July 2009",
         "contradicted", ["precision-mismatch"]),
        ("{type: date, from: 2004-01-01, to: 2009-07}", "between January 2004 and July 2009",
         "contradicted", ["precision-mismatch"]),
        ("{type: date, from: 2004-01, to: 2009-07}", "between January 2004 and July 2009",
         "verified", []),
        ("{type: date, from: 2004, to: 2009}", "between January 2004 and July 2009",
         "verified", []),
        ("{type: date, from: 1998-06, to: 2003}", "between 1998 and 2003", "contradicted",
         ["precision-mismatch"]),
        ("{type: date, from: 1980, to: 1999}", "in the 80s and 90s", "verified", []),
        ("{type: date, from: 1980, to: 1998}", "in the 80s and 90s", "contradicted",
         ["precision-mismatch"]),
        ("{type: date, from: 1970, to: 1999}", "in the 80s and 90s", "contradicted",
         ["value-mismatch"]),
        ("{type: date, from: 1990, to: 1999, qualifier: late}", "in the late 1990s", "verified",
         []),
        ("{type: date, from: 1990, to: 1999}", "in the late 1990s", "unsupported",
         ["value-not-found"]),
        ("{type: date, from: 1939, to: 1945}", "during World War II", "verified", []),
        ("{type: date, from: 1940, to: 1945}", "during World War II", "contradicted",
         ["value-mismatch"]),
        ("{type: date, from: 1939, to: 1945, qualifier: circa}", "during World War II",
         "unsupported", ["value-not-found"]),
    ],
)
def test_date_periods_and_their_ends(make_project: Callable[..., Path], value: str, quote: str,
                                     status: str, codes: list[str]) -> None:
    path = make_project(DATES_HEAD + date_claim(value, quote),
                        files={"sources/dates.txt": DATES_SOURCE})
    assert outcome(factbase.check(factbase.load(path))) == (status, codes)


def test_relative_date_names_the_precision_it_needs(make_project: Callable[..., Path]) -> None:
    path = make_project(DATES_HEAD + date_claim("{type: date, date: 2004-12}",
                                                "Ministers will meet next week."),
                        files={"sources/dates.txt": DATES_SOURCE})
    report = factbase.check(factbase.load(path))
    (problem,) = report.claim("c").citations[0].problems
    assert (problem.code, problem.message) == (
        "relative-date-unresolved",
        "'next week' needs a day-precision `published` (source 'eu' has 2004-12); give the "
        "source's `published` to the day")
    assert (problem.details["text"], problem.details["source"]) == ("next week", "eu")
