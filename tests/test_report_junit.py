"""JUnit XML: parsed back and checked case by case."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from report_sample import sample_report

from factbase.problems import Problem
from factbase.report import render


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    return sample_report(tmp_path)


def cases(xml: str) -> list[tuple[str, str, str | None, str | None]]:
    """(suite, case, failure type or None, line) for every testcase."""
    root = ET.fromstring(xml)
    out = []
    for suite in root.iter("testsuite"):
        for case in suite.iter("testcase"):
            failure = case.find("failure")
            out.append((suite.get("name"), case.get("name"),
                        None if failure is None else failure.get("type"), case.get("line")))
    return out


def test_cases(report) -> None:
    assert cases(render(report, "junit")) == [
        ("seed", "fund", "value-mismatch", "10"),
        ("seed", "summit", None, "17"),
        ("seed", "visit", "quote-not-found", "23"),
        ("seed", "treaty", None, "29"),  # a warning does not fail
        ("other", "source other", None, "6"),
    ]


def test_strict_fails_warnings(report) -> None:
    assert cases(render(report, "junit", strict=True)) == [
        ("seed", "fund", "value-mismatch", "10"),
        ("seed", "summit", None, "17"),
        ("seed", "visit", "quote-not-found", "23"),
        ("seed", "treaty", "quote-fuzzy", "29"),
        ("other", "source other", "unused-source", "6"),
    ]


@pytest.mark.parametrize(("strict", "counts"), [
    (False, {"factbase": ("5", "2"), "seed": ("4", "2"), "other": ("1", "0")}),
    (True, {"factbase": ("5", "4"), "seed": ("4", "3"), "other": ("1", "1")}),
])
def test_counts(report, strict: bool, counts: dict[str, tuple[str, str]]) -> None:
    root = ET.fromstring(render(report, "junit", strict=strict))
    got = {el.get("name"): (el.get("tests"), el.get("failures"))
           for el in [root, *root.iter("testsuite")]}
    assert got == counts


def test_failure_lists_every_problem(report) -> None:
    report.claims[0].problems.append(report.problems[1])  # the same claim fails twice
    extra = Problem("value-not-found", "error", "no money mention", file="facts.yaml", line=15,
                    column=3, claim_id="fund", citation_id="fund#1", source_id="seed")
    report.problems.append(extra)
    root = ET.fromstring(render(report, "junit"))
    failure = next(c for c in root.iter("testcase") if c.get("name") == "fund").find("failure")
    assert failure is not None
    assert failure.get("type") == "value-mismatch"
    assert [line.split(": ")[1] for line in (failure.text or "").splitlines()] == [
        "error value-mismatch", "error value-not-found"]


def test_load_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    problems = [Problem("duplicate-key", "error", "duplicate key 'id'", file="facts.yaml",
                        line=4, column=3),
                Problem("schema", "error", "claims.0.value: required", file="facts.yaml",
                        line=9, column=5)]
    assert cases(render(problems, "junit", facts_path="facts.yaml")) == [
        ("facts.yaml", "duplicate-key at facts.yaml:4:3", "duplicate-key", "4"),
        ("facts.yaml", "schema at facts.yaml:9:5", "schema", "9"),
    ]


def test_control_characters_do_not_break_the_xml(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    problems = [Problem("yaml-syntax", "error", "bad byte \x00 here\x1b", file="facts.yaml", line=1)]
    root = ET.fromstring(render(problems, "junit"))
    failure = root.find("./testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "bad byte \ufffd here\ufffd"
