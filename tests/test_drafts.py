"""Claim stubs drafted from mentions load, anchor and verify as they are."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import SEED

import factbase
from factbase.drafts import draft_claims, sentence_around
from factbase.mentions import find_mentions

HEAD = """\
factbase: 1
sources:
  - id: seed
    path: sources/east-asia-alliances.txt
    published: 2020-01
"""


def test_sentence_around() -> None:
    text = "First one. The $9 million fund. Last"
    assert sentence_around(text, 15, 25) == "The $9 million fund."
    assert sentence_around(text, 33, 36) == "Last"


def test_every_drafted_stub_verifies(make_project: Callable[..., Path]) -> None:
    text = SEED.read_text(encoding="utf-8")
    mentions = find_mentions(text, reference="2020-01", kinds=("date", "money", "quantity"))
    stubs = draft_claims(text, "seed", mentions)
    report = factbase.check(factbase.load(make_project(HEAD + stubs, dedent=False)))
    assert len(report.claims) == len(mentions) > 30
    assert {c.status for c in report.claims} == {"verified"}
    assert {p.code for p in report.problems} <= {"quote-ambiguous"}


def test_as_claims_cli_drafts_only_uncovered(seed_project: Path) -> None:
    from click.testing import CliRunner

    from factbase.cli import cli

    result = CliRunner().invoke(cli, ["mentions", "seed", "--facts", str(seed_project), "--as-claims", "--kind", "money"])
    assert result.exit_code == 0, result.output
    # "$9 million" is covered by the fund claim; "$800 million" is not.
    assert "amount: 800000000" in result.stdout and "amount: 9000000," not in result.stdout
    result = CliRunner().invoke(cli, ["mentions", str(SEED), "--as-claims", "--kind", "money"])
    assert result.stdout.count("- id: money-") == 2
    assert "source: east-asia-alliances" in result.stdout


def test_a_period_with_a_qualified_end_drafts_no_claim() -> None:
    # "from approximately 1990 to June 2004": no claim value says "approximately 1990".
    text = "He worked there from approximately 1990 to June 2004, then from 2004 to 2010."
    mentions = find_mentions(text, kinds=("date",))
    assert [m.text for m in mentions] == ["from approximately 1990 to June 2004",
                                          "from 2004 to 2010"]
    stubs = draft_claims(text, "s", mentions)
    assert stubs.count("  - id: ") == 1
    assert "value: {type: date, from: '2004', to: '2010'}" in stubs

