"""The Markdown step summary: counts by status, failing claims with links, other problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_sample import sample_report

from factbase.problems import Problem
from factbase.report import render
from factbase.report.markdown import MAX_ROWS, cell


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    return sample_report(tmp_path)


def rows(md: str) -> list[list[str]]:
    """The cells of every table row but the separators, split at unescaped pipes."""
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])]
            for line in md.splitlines() if line.startswith("| ")]


def test_counts_by_status(report) -> None:
    md = render(report, "markdown")
    assert md.splitlines()[0] == "## factbase: ❌ factbase found problems"
    counts = rows(md)[1:8]
    assert counts == [["✅ verified", "2"], ["❌ contradicted", "1"], ["⚠️ unsupported", "0"],
                      ["❓ unanchored", "1"], ["🕓 stale", "0"], ["🚫 invalid", "0"],
                      ["**total**", "**4**"]]


def test_failing_claims_link_to_their_lines(report) -> None:
    table = [r for r in rows(render(report, "markdown")) if "`" in r[0]]
    assert [(r[0], r[1], r[2].split(")")[0]) for r in table] == [
        ("[facts.yaml:10](facts.yaml#L10) `fund`", "❌ contradicted",
         "[`value-mismatch`](https://factbase.readthedocs.io/en/latest/problems/#value-mismatch"),
        ("[facts.yaml:23](facts.yaml#L23) `visit`", "❓ unanchored",
         "[`quote-not-found`](https://factbase.readthedocs.io/en/latest/problems/#quote-not-found"),
        ("[facts.yaml:29](facts.yaml#L29) `treaty`", "✅ verified",
         "[`quote-fuzzy`](https://factbase.readthedocs.io/en/latest/problems/#quote-fuzzy"),
    ]


def test_link_base(report) -> None:
    md = render(report, "markdown", link_base="https://github.com/o/r/blob/abc/")
    assert "[facts.yaml:10](https://github.com/o/r/blob/abc/facts.yaml#L10) `fund`" in md
    assert "| [facts.yaml:6](https://github.com/o/r/blob/abc/facts.yaml#L6) | warning |" in md


def test_all_verified(report) -> None:
    report.problems = []
    for claim in report.claims:
        claim.status = "verified"
        claim.problems = []
    md = render(report, "markdown")
    assert md.splitlines()[0] == "## factbase: ✅ all claims check out"
    assert "### Claims with problems" not in md
    assert "### Other problems" not in md


def test_warnings_only_pass_unless_strict(report) -> None:
    report.problems = [p for p in report.problems if p.severity == "warning"]
    assert render(report, "markdown").startswith("## factbase: ✅")
    assert render(report, "markdown", strict=True).startswith("## factbase: ❌")


def test_rows_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    problems = [Problem("schema", "error", f"claims.{i}.id: bad", file="facts.yaml", line=i + 1)
                for i in range(MAX_ROWS + 5)]
    table = rows(render(problems, "markdown"))
    assert len(table) == 1 + MAX_ROWS + 1
    assert table[-1] == ["…", "", "5 more problems"]


@pytest.mark.parametrize(("text", "expected"), [
    ("plain text", "plain text"),
    ("a | b", "a \\| b"),
    ("line\nbreak", "line break"),
    ("<script>", "\\<script\\>"),
    ("*not bold* `code` [link](x)", "\\*not bold\\* \\`code\\` \\[link\\](x)"),
    ("back\\slash", "back\\\\slash"),
])
def test_cell(text: str, expected: str) -> None:
    assert cell(text) == expected
