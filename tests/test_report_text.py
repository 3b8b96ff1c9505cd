"""The text report: plain lines for pipes and editors, rich styles for terminals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_sample import sample_report

from factbase.problems import Problem
from factbase.report import render


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    return sample_report(tmp_path)


def test_plain_lines(report) -> None:
    lines = render(report, "text").splitlines()
    # file:line:col: severity code, as compilers and editors expect
    assert [line.split(": ", 2)[:2] for line in lines if not line.startswith(" ")][:-1] == [
        ["facts.yaml:6:5", "warning unused-source"],
        ["facts.yaml:14:11", "error value-mismatch"],
        ["facts.yaml:26:16", "error quote-not-found"],
        ["facts.yaml:32:16", "warning quote-fuzzy"],
    ]
    assert [line for line in lines if line.startswith(" ")] == [
        "    span 24-34 at sources/seed.txt:2:15",
        "    span 44-62 at sources/seed.txt:3:1",
    ]
    assert lines[-1] == "4 claims: 2 verified, 1 contradicted, 1 unanchored; 2 errors, 2 warnings"
    assert "\x1b[" not in render(report, "text")


def test_color(report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    colored = render(report, "text", color=True)
    assert "\x1b[" in colored
    # the same words as the plain report, only styled
    plain = render(report, "text")
    assert re.sub(r"\x1b\[[0-9;]*m", "", colored) == plain


def test_no_problems(report) -> None:
    report.problems = []
    assert render(report, "text") == (
        "4 claims: 2 verified, 1 contradicted, 1 unanchored; 0 errors, 0 warnings\n")


def test_suppressed_are_counted(report) -> None:
    report.problems = []
    assert render(report, "text", suppressed=3).splitlines()[-1].endswith(
        "0 errors, 0 warnings (3 accepted by --ignore or the baseline)")


def test_load_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    problems = [Problem("yaml-syntax", "error", "bad", file="facts.yaml", line=2, column=1)]
    assert render(problems, "text").splitlines() == [
        "facts.yaml:2:1: error yaml-syntax: bad",
        "facts file not loaded; 1 error, 0 warnings",
    ]


def test_markup_in_messages_is_not_interpreted(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    problems = [Problem("schema", "error", "[bold]x[/bold] is not a slug", file="f.yaml", line=1)]
    assert "[bold]x[/bold]" in render(problems, "text", color=True)


def test_unknown_format(report) -> None:
    with pytest.raises(ValueError):
        render(report, "html")
