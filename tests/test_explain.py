"""`factbase explain CLAIM`: the claim page in the terminal, with exact text and exit statuses."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from source_files import make_pdf

from factbase import check, load
from factbase.cli import cli
from factbase.report.explain import context_bounds, lines, nearest_claims, render

FACTS = """\
factbase: 1
sources:
  - id: seed
    path: sources/east-asia-alliances.txt
    title: "East Asia’s Alliances Are Falling Apart"
    published: 2020-01
  - id: memo
    path: sources/memo.pdf
entities:
  - id: shinzo-abe
    name: Shinzo Abe
    kind: person
    aliases: [Abe]
claims:
  - id: fund
    statement: The 2015 agreement set up a $9 million joint fund.
    value: {type: money, amount: 9000000, currency: USD}
    citations:
      - source: seed
        quote: a $9 million joint fund for the surviving comfort women
  - id: fund-wrong
    statement: The 2015 agreement set up an $8 million joint fund.
    value: {type: money, amount: 8000000, currency: USD}
    citations:
      - source: seed
        quote: a $9 million joint fund for the surviving comfort women
  - id: fund-missing
    statement: The fund was $9 million.
    value: "$9 million"
    citations:
      - source: seed
        quote: a joint fund of nine million dollars
  - id: summit
    statement: Moon and Abe met at a summit.
    subject: shinzo-abe
    value: {type: date, date: 2019-12}
    citations:
      - source: seed
        quote: the Dec. 24, 2019, Moon-Abe summit in Chengdu
        mention: Dec. 24
  - id: abe
    statement: Abe was at the summit in Chengdu.
    value: {type: entity, entity: shinzo-abe}
    citations:
      - source: seed
        quote: the Dec. 24, 2019, Moon-Abe summit in Chengdu
  - id: geopolitical-recession
    statement: Some call it a geopolitical recession.
    value: {type: quote}
    citations:
      - source: seed
        quote: what some have called “geopolitical recession,”
  - id: fund-abe
    statement: Abe's government paid into a $9 million fund.
    subject: shinzo-abe
    value: {type: money, amount: 9000000, currency: USD}
    citations:
      - source: seed
        quote: a $9 million joint fund for the surviving comfort women
  - id: fund-later
    statement: The fund was set up later.
    value: "next week"
    citations:
      - source: seed
        quote: a $9 million joint fund for the surviving comfort women
  - id: memo-budget
    statement: The memo puts the budget at $4 million.
    value: {type: money, amount: 4000000, currency: USD}
    citations:
      - source: memo
        quote: a budget of $4 million
"""

SEED_HEAD = "citation 1 of 1: source seed (East Asia’s Alliances Are Falling Apart), "

EXPECTED = {
    "fund": (0, f"""\
claim fund (facts.yaml:15)
  The 2015 agreement set up a $9 million joint fund.
  value: money 9000000 USD
  status: verified

{SEED_HEAD}characters 3838-3893 (anchored exact)
  …as the basis for future cooperation, and the 2015 settlement establishing [a $9 million joint fund for the surviving comfort women] and promising to “irreversibly” settle all compensation issues. Japan has made…
  mentions:
    ✓ money  "$9 million"  3840-3850  = 9000000 USD  matches
  verdict: verified: "$9 million" (money 9000000 USD) supports 9000000 USD
"""),
    "fund-wrong": (1, f"""\
claim fund-wrong (facts.yaml:21)
  The 2015 agreement set up an $8 million joint fund.
  value: money 8000000 USD
  status: contradicted

{SEED_HEAD}characters 3838-3893 (anchored exact)
  …as the basis for future cooperation, and the 2015 settlement establishing [a $9 million joint fund for the surviving comfort women] and promising to “irreversibly” settle all compensation issues. Japan has made…
  mentions:
    ✗ money  "$9 million"  3840-3850  = 9000000 USD  does not match
  verdict: contradicted (value-mismatch): the span says '$9 million' (9000000 USD), the claim says 8000000 USD; correct the claim's value, or cite the words that say it
"""),
    "fund-missing": (1, f"""\
claim fund-missing (facts.yaml:27)
  The fund was $9 million.
  value: money 9000000 USD
  status: unanchored

{SEED_HEAD}not anchored
  quote: "a joint fund of nine million dollars"
  verdict: unanchored (quote-not-found): quote not found in source 'seed'; the closest passage (at 3849-3887, score 52.6) reads "million joint fund for the surviving comfort": quote the source's words exactly (diff: [-a-]{{+n+}} joint fund {{+f+}}o[-f-]{{+r+}} [-ni-]{{+th+}}[-n-]e [-mill-]{{+surv+}}i{{+v+}}[-o-]{{+i+}}n{{+g+}} [-d-]{{+c+}}o[-lla-]{{+mfo+}}r[-s-]{{+t+}})
"""),
    "summit": (0, f"""\
claim summit (facts.yaml:33)
  Moon and Abe met at a summit.
  value: date 2019-12
  status: verified

{SEED_HEAD}characters 3359-3404 (anchored exact)
  …Tensions persist despite Japan’s partial removal of export controls ahead of [the Dec. 24, 2019, Moon-Abe summit in Chengdu], China, with both sides still unwilling to take steps to reset relations.…
  pinpointed mention: "Dec. 24" (characters 3363-3370)
  mentions:
    ✓ date  "Dec. 24, 2019"  3363-3376  = 2019-12-24  matches
  verdict: verified: "Dec. 24, 2019" (date 2019-12-24) supports 2019-12
"""),
    "abe": (0, f"""\
claim abe (facts.yaml:41)
  Abe was at the summit in Chengdu.
  value: entity Shinzo Abe
  status: verified

{SEED_HEAD}characters 3359-3404 (anchored exact)
  …Tensions persist despite Japan’s partial removal of export controls ahead of [the Dec. 24, 2019, Moon-Abe summit in Chengdu], China, with both sides still unwilling to take steps to reset relations.…
  mentions:
    ✓ entity  "Abe"  3383-3386  = shinzo-abe  matches
  verdict: verified: "Abe" (entity shinzo-abe) supports Shinzo Abe
"""),
    "geopolitical-recession": (0, f"""\
claim geopolitical-recession (facts.yaml:47)
  Some call it a geopolitical recession.
  value: quote
  status: verified

{SEED_HEAD}characters 890-937 (anchored exact)
  …concerning past agreements, trade, and security—testifies to a new climate of [what some have called “geopolitical recession,”] marked by heightened great-power competition, a breakdown of international…
  mentions: none of a typed kind in the span
  verdict: verified: the quote is in the source, and a quote value asks nothing more
"""),
    "fund-abe": (0, f"""\
claim fund-abe (facts.yaml:53)
  Abe's government paid into a $9 million fund.
  value: money 9000000 USD
  status: verified

{SEED_HEAD}characters 3838-3893 (anchored exact)
  …as the basis for future cooperation, and the 2015 settlement establishing [a $9 million joint fund for the surviving comfort women] and promising to “irreversibly” settle all compensation issues. Japan has made…
  mentions:
    ✓ money  "$9 million"  3840-3850  = 9000000 USD  matches
  verdict: verified: "$9 million" (money 9000000 USD) supports 9000000 USD
  problems:
    warning subject-not-in-span: the span names neither 'Shinzo Abe' nor any of its aliases; quote the words that name it, or add the name the span uses to the entity's `aliases`
"""),
    "fund-later": (1, f"""\
claim fund-later (facts.yaml:60)
  The fund was set up later.
  value: invalid next week
  status: invalid

{SEED_HEAD}characters 3838-3893 (anchored exact)
  …as the basis for future cooperation, and the 2015 settlement establishing [a $9 million joint fund for the surviving comfort women] and promising to “irreversibly” settle all compensation issues. Japan has made…
  mentions: none of a typed kind in the span
  verdict: invalid: the claim's value is not valid (see the claim's problems)

claim problems:
  error invalid-value: shorthand 'next week' is a relative date; write the date it means ("December 2019", "Dec. 24, 2019")
"""),
    "memo-budget": (0, """\
claim memo-budget (facts.yaml:66)
  The memo puts the budget at $4 million.
  value: money 4000000 USD
  status: verified

citation 1 of 1: source memo, page 2, characters 49-71 (anchored exact)
  The first page of the memo. The second page sets [a budget of $4 million] for the year.
  mentions:
    ✓ money  "$4 million"  61-71  = 4000000 USD  matches
  verdict: verified: "$4 million" (money 4000000 USD) supports 4000000 USD
"""),
}


@pytest.fixture
def project(make_project: Callable[..., Path], tmp_path: Path) -> Path:
    path = make_project(FACTS, dedent=False)
    (tmp_path / "sources" / "memo.pdf").write_bytes(make_pdf(
        [["The first page of the memo."], ["The second page sets a budget of $4 million", "for the year."]]))
    return path


@pytest.fixture
def in_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project.parent)  # so that the claims are declared at facts.yaml:LINE
    return project


@pytest.mark.parametrize("claim_id", list(EXPECTED))
def test_the_explanation_of_each_verdict(in_project: Path, claim_id: str) -> None:
    result = CliRunner().invoke(cli, ["explain", claim_id])
    assert (result.exit_code, result.stdout) == EXPECTED[claim_id]


def test_no_color_is_plain_and_color_is_the_same_text_styled(in_project: Path) -> None:
    report = check(load("facts.yaml"))
    plain = render(report, "fund")
    assert CliRunner().invoke(cli, ["explain", "fund", "--no-color"]).stdout == plain
    styled = render(report, "fund", color=True)
    assert "\x1b[" in styled
    assert re.sub(r"\x1b\[[0-9;]*m", "", styled) == plain


@pytest.mark.parametrize(("claim_id", "text", "style"), [
    ("fund", "$9 million", "bold green"),        # money, matching: bold in its kind's colour
    ("fund-wrong", "$9 million", "green"),       # money, not matching: its colour only
    ("summit", "Dec. 24, 2019", "bold cyan"),    # a date
    ("abe", "Abe", "bold yellow"),               # an entity
])
def test_mentions_in_the_span_are_coloured_by_kind(in_project: Path, claim_id: str, text: str,
                                                   style: str) -> None:
    report = check(load("facts.yaml"))
    line = next(t for t in lines(report, claim_id) if t.plain.startswith("  …"))
    at = line.plain.index(text)
    styles = [str(s.style) for s in line.spans if s.start == at and s.end == at + len(text)]
    assert styles == [style]


def test_json_is_the_claim_result_of_the_report(in_project: Path) -> None:
    result = CliRunner().invoke(cli, ["explain", "fund-wrong", "facts.yaml", "--format", "json"])
    assert result.exit_code == 1
    expected = check(load("facts.yaml")).claim("fund-wrong").to_dict()
    assert json.loads(result.stdout) == expected
    assert result.stdout == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(("claim_id", "message"), [
    ("fund-wrnog", "no claim 'fund-wrnog' in facts.yaml; did you mean fund-wrong, fund-missing, fund-later?"),
    ("budget", "no claim 'budget' in facts.yaml; did you mean memo-budget?"),
    ("zebra", "no claim 'zebra' in facts.yaml (9 claims)"),
])
def test_an_unknown_claim_is_a_usage_error_with_the_nearest_ids(in_project: Path, claim_id: str,
                                                                message: str) -> None:
    result = CliRunner().invoke(cli, ["explain", claim_id])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"
    assert result.stdout == ""


def test_facts_that_do_not_load_exit_1(tmp_path: Path) -> None:
    (tmp_path / "facts.yaml").write_text("factbase: 1\nclaims: [{id: x}]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["explain", "x", str(tmp_path)])
    assert result.exit_code == 1
    assert "error schema: claims.0.statement: required field is missing" in result.stderr
    assert CliRunner().invoke(cli, ["explain", "x", str(tmp_path / "nope.yaml")]).exit_code == 2


@pytest.mark.parametrize(("text", "start", "end", "width", "bounds"), [
    ("one two three four five", 8, 13, 4, (4, 13)),    # "two [three]": " four" needs 5
    ("one two three four five", 8, 13, 6, (4, 18)),    # cut back to the space before "two"
    ("one two three four five", 0, 3, 80, (0, 23)),    # the text's ends need no cut
    ("abcdefghij", 4, 6, 2, (4, 6)),                    # no space nearby: no context
    ("one\ntwo three\tfour", 8, 13, 4, (4, 13)),        # any whitespace is a word boundary
])
def test_context_bounds(text: str, start: int, end: int, width: int,
                        bounds: tuple[int, int]) -> None:
    assert context_bounds(text, start, end, width) == bounds


@pytest.mark.parametrize(("wanted", "near"), [
    ("fund-wrnog", ["fund-wrong", "fund-missing"]),   # close spellings
    ("fundd", ["fund"]),
    ("budget", ["memo-budget"]),                      # ids that contain it
    ("fund-", ["fund", "fund-wrong", "fund-missing"]),
    ("x", []),
])
def test_nearest_claims(wanted: str, near: list[str]) -> None:
    ids = ["fund", "fund-wrong", "fund-missing", "summit", "memo-budget"]
    assert nearest_claims(ids, wanted) == near
