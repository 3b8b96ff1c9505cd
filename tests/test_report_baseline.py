"""Fingerprints, baselines and --ignore."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from report_sample import quote_fuzzy, quote_not_found, sample_report, unused_source, value_mismatch

from factbase.problems import Problem
from factbase.report import render
from factbase.report.baseline import (
    Baseline,
    BaselineError,
    apply,
    filter_problems,
    fingerprint,
    load_baseline,
    unknown_codes,
)

PROBLEMS = [value_mismatch(), quote_not_found(), quote_fuzzy(), unused_source()]


@given(
    line=st.none() | st.integers(1, 10**6),
    column=st.none() | st.integers(1, 500),
    shift=st.integers(0, 10**6),
    message=st.text(max_size=50),
    index=st.integers(0, 3),
)
def test_fingerprint_ignores_where(line, column, shift, message, index) -> None:
    p = PROBLEMS[index]
    moved = replace(p, line=line, column=column, message=message,
                    start=None if p.start is None else p.start + shift,
                    end=None if p.end is None else p.end + shift,
                    details={**p.details, "score": 12.5, "first_line": line})
    assert fingerprint(moved) == fingerprint(p)


@pytest.mark.parametrize("change", [
    {"code": "value-not-found"},
    {"claim_id": "other-claim"},
    {"citation_id": "fund#1"},
    {"source_id": "other-source"},
])
def test_fingerprint_changes_with_what(change: dict) -> None:
    p = value_mismatch()
    assert fingerprint(replace(p, **change)) != fingerprint(p)


@pytest.mark.parametrize(("a", "b", "same"), [
    # list positions in schema paths move when unrelated entries are added
    ({"field": "claims.3.value"}, {"field": "claims.7.value"}, True),
    ({"field": "claims.3.value"}, {"field": "claims.3.statement"}, False),
    ({"kind": "claim", "id": "fund"}, {"kind": "claim", "id": "visit"}, False),
    ({"key": "id", "first_line": 3}, {"key": "id", "first_line": 9}, True),
])
def test_fingerprint_of_file_problems(a: dict, b: dict, same: bool) -> None:
    pa = Problem("schema", "error", "x", file="facts.yaml", line=1, details=a)
    pb = Problem("schema", "error", "y", file="facts.yaml", line=40, details=b)
    assert (fingerprint(pa) == fingerprint(pb)) is same


def test_fingerprint_is_fixed() -> None:
    # baselines are files in users' repositories: the fingerprint must not change by accident
    assert fingerprint(value_mismatch()) == "1caa53f2d307813281bf378043d21901"  # sha256 of code, claim, index, source


def test_filter_counts_multiplicity() -> None:
    p = value_mismatch()
    baseline = Baseline.from_problems([p])
    result = filter_problems([p, replace(p, line=99)], baseline=baseline)
    assert ([x.line for x in result.kept], [x.line for x in result.baselined]) == ([99], [14])


def test_filter_ignore_and_baseline() -> None:
    baseline = Baseline.from_problems([value_mismatch()])
    result = filter_problems(PROBLEMS, baseline=baseline, ignore=["unused-source"])
    assert [p.code for p in result.kept] == ["quote-not-found", "quote-fuzzy"]
    assert [p.code for p in result.ignored] == ["unused-source"]
    assert [p.code for p in result.baselined] == ["value-mismatch"]
    assert result.suppressed == 2


def test_apply_keeps_statuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = sample_report(tmp_path)
    filtered, result = apply(report, ignore=["value-mismatch"])
    assert [p.code for p in filtered.problems] == ["unused-source", "quote-not-found", "quote-fuzzy"]
    fund = filtered.claim("fund")
    assert (fund.status, fund.problems, fund.citations[0].problems) == ("contradicted", [], [])
    assert filtered.ok is False and result.suppressed == 1
    # the original is untouched
    assert [p.code for p in report.claim("fund").problems] == ["value-mismatch"]


def test_baseline_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = sample_report(tmp_path)
    (tmp_path / "baseline.json").write_text(render(report, "json"), encoding="utf-8")
    baseline = load_baseline(tmp_path / "baseline.json")
    assert len(baseline) == 4
    # the claims move down, and one new problem appears
    new = Problem("value-not-found", "error", "no date", file="facts.yaml", line=50, column=3,
                  claim_id="summit", citation_id="summit#0", source_id="seed")
    report.problems = [replace(p, line=(p.line or 0) + 20) for p in report.problems] + [new]
    filtered, _ = apply(report, baseline=baseline)
    assert filtered.problems == [new]


@pytest.mark.parametrize(("content", "fragment"), [
    (None, "cannot read"),
    ("{not json", "not JSON"),
    ("[1, 2]", "no `problems`"),
    ('{"problems": [{"code": "schema"}]}', "no `fingerprint`"),
])
def test_bad_baselines(tmp_path: Path, content: str | None, fragment: str) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError):
        load_baseline(path)


def test_an_empty_baseline_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"problems": []}), encoding="utf-8")
    assert len(load_baseline(path)) == 0


@pytest.mark.parametrize(("codes", "unknown"), [
    (["quote-fuzzy", "unused-source"], []),
    (["quote-fuzzy", "no-such-code", "typo"], ["no-such-code", "typo"]),
    ([], []),
])
def test_unknown_codes(codes: list[str], unknown: list[str]) -> None:
    assert unknown_codes(codes) == unknown
