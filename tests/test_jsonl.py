"""JSON Lines facts files: one claim per line, through `include:`, with line numbers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SMALL_FACTS

import factbase
from factbase import FactsError

FUND = {
    "id": "fund-jsonl",
    "statement": "The 2015 agreement set up a $9 million joint fund.",
    "value": {"type": "money", "amount": 9000000, "currency": "USD"},
    "citations": [{"source": "seed", "quote": "a $9 million joint fund for the surviving comfort women"}],
}
SUMMIT = {
    "id": "summit-jsonl",
    "statement": "Moon and Abe met on Dec. 24, 2019.",
    "value": {"type": "date", "date": "2019-12-24"},
    "citations": [{"source": "seed", "quote": "the Dec. 24, 2019, Moon-Abe summit in Chengdu"}],
}
WITH_INCLUDE = SMALL_FACTS.replace("title: Seed test\n", "title: Seed test\ninclude: [machine/*.jsonl]\n")


def _lines(*claims: object) -> str:
    return "".join(json.dumps(c) + "\n" if not isinstance(c, str) else c + "\n" for c in claims)


def test_claims_load_and_check(make_project: Callable[..., Path]) -> None:
    path = make_project(WITH_INCLUDE, files={"machine/a.jsonl": _lines(FUND, "", SUMMIT)})
    facts = factbase.load(path)
    ids = [c.id for c in facts.claims]
    assert ids[-2:] == ["fund-jsonl", "summit-jsonl"]
    assert [(c.where().line, c.where().column) for c in facts.claims[-2:]] == [(1, 1), (3, 1)]
    report = factbase.check(facts)
    assert {c.id: c.status for c in report.claims}["fund-jsonl"] == "verified"
    assert {c.id: c.status for c in report.claims}["summit-jsonl"] == "verified"


@pytest.mark.parametrize(
    ("lines", "code", "line", "column"),
    [
        (["{\"id\": \"a\",", json.dumps(FUND)], "jsonl-syntax", 1, 12),
        ([json.dumps(FUND), "[1, 2]"], "jsonl-syntax", 2, 1),
        ([json.dumps(FUND), '{"id": "x", "id": "y"}'], "duplicate-key", 2, 13),
        ([json.dumps(FUND), '{"id": "x", "amount": NaN}'], "jsonl-syntax", 2, 23),
        ([json.dumps({**FUND, "colour": "red"})], "schema", 1, json.dumps({**FUND, "colour": "red"}).find('"colour"') + 1),
        (["", json.dumps({**FUND, "value": {"type": "money", "amount": 1, "currency": "$"}})], "schema", 2,
         json.dumps(FUND).find('"value"') + 1),
    ],
)
def test_problems_point_at_the_line(make_project: Callable[..., Path], lines: list[str], code: str,
                                    line: int, column: int) -> None:
    path = make_project(WITH_INCLUDE, files={"machine/a.jsonl": _lines(*lines)})
    with pytest.raises(FactsError) as info:
        factbase.load(path)
    found = [(p.code, p.line, p.column) for p in info.value.problems]
    assert found == [(code, line, column)]
    assert info.value.problems[0].file is not None and info.value.problems[0].file.endswith("a.jsonl")


def test_check_problems_carry_the_line(make_project: Callable[..., Path]) -> None:
    wrong = {**FUND, "id": "wrong", "value": {"type": "money", "amount": 8000000, "currency": "USD"}}
    path = make_project(WITH_INCLUDE, files={"machine/a.jsonl": _lines(FUND, wrong)})
    report = factbase.check(factbase.load(path))
    mismatch = [p for p in report.problems if p.code == "value-mismatch"]
    assert [(p.claim_id, p.line) for p in mismatch] == [("wrong", 2)]


def test_main_file_stays_yaml(tmp_path: Path) -> None:
    main = tmp_path / "facts.jsonl"
    main.write_text("factbase: 1\n", encoding="utf-8")
    assert list(factbase.load(main).claims) == []
