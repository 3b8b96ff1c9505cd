"""The JSON report (SPEC §6) and its published JSON Schema."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from report_sample import FUND_END, FUND_START, sample_report

from factbase.cli import cli
from factbase.problems import Problem
from factbase.report import render
from factbase.report.baseline import fingerprint
from factbase.report.schema import report_schema


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    return sample_report(tmp_path)


def validate(data: dict) -> None:
    jsonschema.Draft202012Validator(report_schema()).validate(data)


def test_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(report_schema())


def test_report_validates(report) -> None:
    validate(json.loads(render(report, "json")))


def test_report_shape(report) -> None:
    data = json.loads(render(report, "json"))
    assert list(data) == ["report", "version", "facts", "ok", "stats", "suppressed", "claims",
                          "sources", "problems"]
    assert (data["ok"], data["facts"], data["suppressed"]) == (False, "facts.yaml", 0)
    assert [(c["id"], c["status"]) for c in data["claims"]] == [
        ("fund", "contradicted"), ("summit", "verified"), ("visit", "unanchored"),
        ("treaty", "verified")]
    citation = data["claims"][0]["citations"][0]
    assert (citation["source"], citation["start"], citation["end"], citation["anchor"]) == (
        "seed", FUND_START - 5, FUND_END, "exact")
    assert [(e["start"], e["end"], e["matches"]) for e in citation["evidence"]] == [
        (FUND_START, FUND_END, False)]
    assert [(p["code"], p["line"], p["fingerprint"]) for p in data["problems"]] == [
        (p.code, p.line, fingerprint(p)) for p in report.problems]
    assert {k: data["stats"][k] for k in ("claims", "errors", "warnings", "verified")} == {
        "claims": 4, "errors": 2, "warnings": 2, "verified": 2}


def test_the_schema_catches_drift(report) -> None:
    data = json.loads(render(report, "json"))
    data["claims"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        validate(data)
    data = json.loads(render(report, "json"))
    data["problems"][0]["code"] = "no-such-code"
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_load_failure_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    problems = [Problem("yaml-syntax", "error", "bad", file="facts.yaml", line=2, column=1)]
    data = json.loads(render(problems, "json", facts_path="facts.yaml"))
    validate(data)
    assert (data["ok"], data["claims"], data["stats"]["errors"]) == (False, [], 1)


def test_decimals_are_numbers(report) -> None:
    report.claims[0].value = {"type": "money", "amount": Decimal("9000000"), "currency": "USD"}
    report.claims[1].value = {"type": "quantity", "amount": Decimal("0.5"), "unit": None}
    data = json.loads(render(report, "json"))
    assert data["claims"][0]["value"]["amount"] == 9000000
    assert data["claims"][1]["value"]["amount"] == 0.5


@pytest.mark.parametrize(("args", "expected_id"), [
    (["schema", "--report"], "https://factbase.dev/schema/report-1.json"),
    (["schema"], "https://factbase.dev/schema/facts-1.json"),
])
def test_schema_command(args: list[str], expected_id: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$id"] == expected_id
    jsonschema.Draft202012Validator.check_schema(schema)
    if "--report" in args:
        assert schema == report_schema()
