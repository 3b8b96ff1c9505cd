"""The whole pipeline through `factbase check`: a facts file with one failing claim, in every
format, validated against the published schemas; and a baseline round-trip on real files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner

from factbase.cli import cli
from factbase.report import FORMATS
from factbase.report.schema import report_schema

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0.json").read_text("utf-8"))

HEAD = """\
factbase: 1
sources:
  - id: seed
    path: sources/east-asia-alliances.txt
    published: 2020-01
claims:
"""
FUND = """\
  - id: fund
    statement: The 2015 agreement set up a $9 million joint fund.
    value: {type: money, amount: 9000000, currency: USD}
    citations:
      - source: seed
        quote: a $9 million joint fund for the surviving comfort women
"""
WRONG = """\
  - id: fund-wrong
    statement: The 2015 agreement set up an $8 million joint fund.
    value: {type: money, amount: 8000000, currency: USD}
    citations:
      - source: seed
        quote: a $9 million joint fund for the surviving comfort women
"""
NEW = """\
  - id: fund-yen
    statement: The fund held 9 million yen.
    value: {type: money, amount: 9000000, currency: JPY}
    citations:
      - source: seed
        quote: a $9 million joint fund for the surviving comfort women
"""


@pytest.fixture
def project(make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    path = make_project(HEAD + FUND + WRONG, dedent=False)
    monkeypatch.chdir(path.parent)
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args])
    return result.exit_code, result.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_failing_claim_fails_every_format(project: Path, fmt: str) -> None:
    status, out = run("--format", fmt)
    assert status == 1
    assert "value-mismatch" in out


def test_json_validates_against_the_published_schema(project: Path) -> None:
    data = json.loads(run("-f", "json")[1])
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    assert [(c["id"], c["status"]) for c in data["claims"]] == [
        ("fund", "verified"), ("fund-wrong", "contradicted")]
    assert [(p["code"], p["claim_id"]) for p in data["problems"]] == [
        ("value-mismatch", "fund-wrong")]


def test_sarif_validates_and_points_into_both_files(project: Path) -> None:
    log = json.loads(run("-f", "sarif")[1])
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    (result,) = log["runs"][0]["results"]
    facts, span = (loc["physicalLocation"] for loc in result["locations"])
    text = (project.parent / "sources" / "east-asia-alliances.txt").read_text("utf-8")
    quote = "a $9 million joint fund for the surviving comfort women"
    assert facts["artifactLocation"]["uri"] == "facts.yaml"
    assert facts["region"]["startLine"] > 12  # in the second claim
    assert span["artifactLocation"]["uri"] == "sources/east-asia-alliances.txt"
    offset, length = span["region"]["charOffset"], span["region"]["charLength"]
    assert quote.find(text[offset:offset + length]) >= 0  # the span lies inside the quote


def test_junit_has_one_failing_case(project: Path) -> None:
    root = ET.fromstring(run("-f", "junit")[1])
    assert [(c.get("name"), c.find("failure") is not None) for c in root.iter("testcase")] == [
        ("fund", False), ("fund-wrong", True)]


def test_baseline_round_trip(project: Path) -> None:
    assert run("-f", "json", "-o", "baseline.json")[0] == 1
    assert run("--baseline", "baseline.json")[0] == 0
    # a new failing claim at the top moves every other claim down: only it fails
    project.write_text(HEAD + NEW + FUND + WRONG, encoding="utf-8")
    status, out = run("--baseline", "baseline.json", "-f", "json")
    data = json.loads(out)
    assert status == 1
    assert [p["claim_id"] for p in data["problems"]] == ["fund-yen"]
    assert data["suppressed"] == 1


def test_invalid_facts_file(project: Path) -> None:
    project.write_text(HEAD + "  - id: Not A Slug\n", encoding="utf-8")
    status, out = run("-f", "json")
    data = json.loads(out)
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    assert status == 1
    assert {p["code"] for p in data["problems"]} == {"schema"}
