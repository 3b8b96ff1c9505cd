"""SARIF 2.1.0: valid against the official schema, one rule per code, exact locations, stable
fingerprints."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from report_sample import FUND_END, FUND_START, TREATY_END, TREATY_START, sample_report

from factbase.problems import PROBLEM_TYPES, Problem
from factbase.report import render
from factbase.report.baseline import FINGERPRINT_KEY

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0.json").read_text("utf-8"))


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    return sample_report(tmp_path)


def sarif(report, **opts) -> dict:
    return json.loads(render(report, "sarif", **opts))


def test_valid_against_the_official_schema(report) -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif(report))


def test_load_failure_is_valid_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    problems = [Problem("yaml-syntax", "error", "mapping values are not allowed here",
                        file="facts.yaml", line=3, column=7)]
    log = sarif(problems, facts_path="facts.yaml")
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    (result,) = log["runs"][0]["results"]
    assert result["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "facts.yaml"}, "region": {"startLine": 3, "startColumn": 7}}}]


def test_the_schema_rejects_a_broken_log(report) -> None:
    # the validation above can fail: a result without a message is not SARIF
    log = sarif(report)
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_one_rule_per_registry_code(report) -> None:
    run = sarif(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [t.code for t in PROBLEM_TYPES]
    by_id = {r["id"]: r for r in rules}
    assert by_id["quote-not-found"]["helpUri"] == (
        "https://factbase.readthedocs.io/en/latest/problems/#quote-not-found")
    assert by_id["quote-not-found"]["name"] == "QuoteNotFound"
    assert by_id["quote-ambiguous"]["defaultConfiguration"] == {"level": "warning"}
    assert by_id["value-mismatch"]["defaultConfiguration"] == {"level": "error"}
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]


def test_results(report) -> None:
    run = sarif(report)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("unused-source", "warning"), ("value-mismatch", "error"),
        ("quote-not-found", "error"), ("quote-fuzzy", "warning"),
    ]


@pytest.mark.parametrize(("index", "expected"), [
    # unused-source: in facts.yaml only
    (0, [{"uri": "facts.yaml", "region": {"startLine": 6, "startColumn": 5}}]),
    # value-mismatch: facts.yaml, then the span in the source ("$8 million" on line 2)
    (1, [{"uri": "facts.yaml", "region": {"startLine": 14, "startColumn": 11}},
         {"uri": "sources/seed.txt", "region": {
             "charOffset": FUND_START, "charLength": FUND_END - FUND_START,
             "startLine": 2, "startColumn": 15, "endLine": 2, "endColumn": 25}}]),
    # quote-not-found: no span
    (2, [{"uri": "facts.yaml", "region": {"startLine": 26, "startColumn": 16}}]),
    (3, [{"uri": "facts.yaml", "region": {"startLine": 32, "startColumn": 16}},
         {"uri": "sources/seed.txt", "region": {
             "charOffset": TREATY_START, "charLength": TREATY_END - TREATY_START,
             "startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 19}}]),
])
def test_locations(report, index: int, expected: list[dict]) -> None:
    result = sarif(report)["runs"][0]["results"][index]
    got = [{"uri": loc["physicalLocation"]["artifactLocation"]["uri"],
            "region": loc["physicalLocation"]["region"]} for loc in result["locations"]]
    assert got == expected


def test_fingerprints_survive_unrelated_edits(report) -> None:
    before = [r["partialFingerprints"][FINGERPRINT_KEY] for r in sarif(report)["runs"][0]["results"]]
    # the claims move down ten lines and the source gains a paragraph at its start
    report.problems = [replace(p, line=(p.line or 0) + 10,
                               start=None if p.start is None else p.start + 40,
                               end=None if p.end is None else p.end + 40) for p in report.problems]
    after = [r["partialFingerprints"][FINGERPRINT_KEY] for r in sarif(report)["runs"][0]["results"]]
    assert after == before
    assert len(set(before)) == len(before)


def test_output_is_deterministic(report) -> None:
    assert render(report, "sarif") == render(report, "sarif")
