"""GitHub workflow-command lines: exact output, and the runner's escaping rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from report_sample import sample_report

from factbase.problems import Problem
from factbase.report import render
from factbase.report.github import escape_data, escape_property


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    return sample_report(tmp_path)


def test_lines_are_exact(report) -> None:
    assert render(report, "github").splitlines() == [
        "::warning file=facts.yaml,line=6,col=5,title=Unused source (unused-source)"
        "::source 'other' is cited by no claim",
        "::error file=facts.yaml,line=14,col=11,title=Value contradicted by the span (value-mismatch)"
        "::the span says $8 million, the claim says $9 million%0Aspan 24-34 in sources/seed.txt:2:15"
        "%0Aclaim fund",
        "::error file=facts.yaml,line=26,col=16,title=Quote not found (quote-not-found)"
        "::quote not found in source 'seed'%0Aclaim visit",
        "::warning file=facts.yaml,line=32,col=16,title=Quote matched fuzzily (quote-fuzzy)"
        "::quote matched fuzzily at 44-62 (score 94.1)%0Aspan 44-62 in sources/seed.txt:3:1"
        "%0Aclaim treaty",
    ]


def test_no_problems_no_lines(report) -> None:
    report.problems = []
    assert render(report, "github") == ""


@pytest.mark.parametrize(("text", "data", "prop"), [
    ("plain", "plain", "plain"),
    ("100%", "100%25", "100%25"),
    ("a\nb", "a%0Ab", "a%0Ab"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("k: v, w", "k: v, w", "k%3A v%2C w"),
    ("%0A", "%250A", "%250A"),  # an escape sequence in the text is not taken for one
    ("C:\\x,y", "C:\\x,y", "C%3A\\x%2Cy"),
])
def test_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_properties_and_message_are_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    p = Problem("schema", "error", "claims.0.id: bad, really: 100%\nsee docs",
                file="a,b:c.yaml", line=3, column=1)
    assert render([p], "github") == (
        "::error file=a%2Cb%3Ac.yaml,line=3,col=1,title=Invalid field (schema)"
        "::claims.0.id: bad, really: 100%25%0Asee docs\n"
    )


def test_problem_without_location_names_the_facts_file(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    p = Problem("facts-unreadable", "error", "facts.yaml: not UTF-8")
    out = render([p], "github", facts_path=tmp_path / "facts.yaml")
    assert out == ("::error file=facts.yaml,title=Facts file unreadable (facts-unreadable)"
                   "::facts.yaml: not UTF-8\n")


def unescape(text: str) -> str:
    """What the runner does (the % escape is undone last)."""
    for seq, ch in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(seq, ch)
    return text


@given(st.text())
def test_escaping_round_trips(text: str) -> None:
    data, prop = escape_data(text), escape_property(text)
    assert unescape(data) == text
    assert unescape(prop) == text
    assert not {"\r", "\n"} & set(data)
    assert not {"\r", "\n", ":", ","} & set(prop)
