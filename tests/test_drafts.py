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
