"""Drafts round-trip on real text: the claim stubs `factbase mentions SOURCE --facts F
--as-claims` drafts from BBC News articles all verify as drafted, with no problem at all.

A sample of the corpus (``../shared/corpus/bbc``), copied into a temporary project at run
time; ``benchmarks/drafts_roundtrip.py`` runs all 300 articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import factbase
from factbase.cli import cli

REPO = Path(__file__).resolve().parent.parent
# Articles with ranges ("$40 to $50"), fractions, percentages and several amounts a sentence.
SAMPLE = ("business-055", "business-093", "business-101", "business-160", "business-247",
          "business-335", "business-351", "business-379", "politics-104", "politics-164",
          "tech-146", "tech-393")
HEAD = "factbase: 1\nsources:\n  - id: article\n    path: article.txt\n"


def corpus() -> Path:
    env = os.environ.get("FACTBASE_BBC_CORPUS")
    for candidate in ([Path(env)] if env else []) + [REPO.parent / "shared" / "corpus" / "bbc",
                                                     Path("/work/shared/corpus/bbc")]:
        if candidate.is_dir():
            return candidate
    pytest.skip("BBC corpus not found (set FACTBASE_BBC_CORPUS or put it at ../shared/corpus/bbc)")


@pytest.mark.parametrize("name", SAMPLE)
def test_drafted_stubs_verify(tmp_path: Path, name: str) -> None:
    article = corpus() / f"{name}.txt"
    (tmp_path / "article.txt").write_bytes(article.read_bytes())
    facts = tmp_path / "facts.yaml"
    facts.write_text(HEAD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["mentions", "article", "--facts", str(facts), "--as-claims"])
    assert result.exit_code == 0, result.output
    facts.write_text(HEAD + result.stdout, encoding="utf-8")
    report = factbase.check(factbase.load(facts))
    assert len(report.claims) >= 3
    failing = [(c.id, c.status, [p.code for cit in c.citations for p in cit.problems])
               for c in report.claims
               if c.status != "verified" or any(cit.problems for cit in c.citations)]
    assert failing == []
