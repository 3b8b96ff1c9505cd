"""`factbase check`: formats and outputs, exit codes, --strict, --ignore, --baseline.

These tests run the real command over a checked Report built by hand (``factbase.check`` is
replaced), so that they test the command and not the pipeline; tests/test_report_e2e.py runs
the whole pipeline.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import click
import pytest
import yaml
from click.testing import CliRunner
from report_sample import sample_report

import factbase
from factbase.cli import _pair_outputs, cli, exit_code
from factbase.problems import Problem
from factbase.report import FORMATS
from factbase.results import Report


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Report]:
    """A project whose check returns the sample report; the returned function edits it."""
    monkeypatch.chdir(tmp_path)
    state: dict[str, Callable[[Report], Report]] = {"edit": lambda r: r}

    def fake_check(facts: object, **options: object) -> Report:  # workers, cache, progress
        return state["edit"](sample_report(tmp_path))

    monkeypatch.setattr(factbase, "check", fake_check, raising=False)
    sample_report(tmp_path)

    def edit(fn: Callable[[Report], Report]) -> None:
        state["edit"] = fn

    return edit


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args])
    return result.exit_code, result.stdout


def only(severity: str | None) -> Callable[[Report], Report]:
    """Keep only problems of one severity (None: no problems)."""
    def edit(report: Report) -> Report:
        report.problems = [p for p in report.problems if p.severity == severity]
        return report
    return edit


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("keep", "strict", "code"), [
    ("error", False, 1),
    ("warning", False, 0),
    ("warning", True, 1),
    (None, False, 0),
    (None, True, 0),
])
def test_exit_codes(project, fmt: str, keep: str | None, strict: bool, code: int) -> None:
    project(only(keep))
    status, out = run("--format", fmt, *(["--strict"] if strict else []))
    assert status == code
    assert out or (fmt == "github" and keep is None)


@pytest.mark.parametrize(("problems", "strict", "code"), [
    ([], False, 0),
    ([Problem("quote-fuzzy", "warning", "")], False, 0),
    ([Problem("quote-fuzzy", "warning", "")], True, 1),
    ([Problem("schema", "error", "")], False, 1),
])
def test_exit_code_function(problems: list[Problem], strict: bool, code: int) -> None:
    assert exit_code(problems, strict=strict) == code


def test_several_formats_in_one_run(project, tmp_path: Path) -> None:
    status, out = run("--format", "github", "--format", "sarif", "-o", "factbase.sarif",
                      "--format", "markdown", "-o", "summary.md", "--format", "junit",
                      "--output", "junit.xml")
    assert status == 1
    assert out.startswith("::warning file=facts.yaml,line=6,col=5,")
    assert json.loads((tmp_path / "factbase.sarif").read_text("utf-8"))["version"] == "2.1.0"
    assert (tmp_path / "summary.md").read_text("utf-8").startswith("## factbase")
    assert ET.parse(tmp_path / "junit.xml").getroot().get("tests") == "5"


def test_default_is_text_to_stdout(project) -> None:
    status, out = run()
    assert status == 1
    assert out.splitlines()[0].startswith("facts.yaml:6:5: warning unused-source")


def test_output_without_format_writes_text(project, tmp_path: Path) -> None:
    status, out = run("-o", "report.txt")
    assert (status, out) == (1, "")
    assert (tmp_path / "report.txt").read_text("utf-8").startswith("facts.yaml:6:5:")


def test_dash_is_stdout(project) -> None:
    status, out = run("-f", "json", "-o", "-")
    assert status == 1
    assert json.loads(out)["ok"] is False


@pytest.mark.parametrize(("order", "formats", "outputs", "expected"), [
    ([], [], [], [("text", None)]),
    (["formats"], ["json"], [], [("json", None)]),
    (["outputs"], [], ["r.txt"], [("text", "r.txt")]),
    (["formats", "formats", "outputs", "formats", "outputs"], ["github", "sarif", "markdown"],
     ["a.sarif", "s.md"], [("github", None), ("sarif", "a.sarif"), ("markdown", "s.md")]),
    (["formats", "strict", "outputs"], ["json"], ["r.json"], [("json", "r.json")]),
])
def test_pairing(order, formats, outputs, expected) -> None:
    assert _pair_outputs(order, formats, outputs) == expected


@pytest.mark.parametrize(("order", "formats", "outputs"), [
    (["outputs", "formats"], ["json"], ["r.json"]),  # -o before its --format
    (["formats", "outputs", "outputs"], ["json"], ["a", "b"]),  # two -o for one format
    (["formats", "outputs", "formats", "outputs"], ["json", "sarif"], ["a", "a"]),  # same file
])
def test_bad_pairing(order, formats, outputs) -> None:
    with pytest.raises(click.UsageError):
        _pair_outputs(order, formats, outputs)


@pytest.mark.parametrize("args", [
    ["-o", "a.json", "-f", "json"],
    ["-f", "json", "-o", "a", "-o", "b"],
    ["--format", "html"],
    ["--no-such-option"],
    ["missing.yaml"],
    ["--ignore", "no-such-code"],
    ["--baseline", "missing.json"],
])
def test_usage_errors(project, args: list[str]) -> None:
    assert run(*args)[0] == 2


def test_facts_folder(project, tmp_path: Path) -> None:
    assert run(str(tmp_path), "-f", "json")[0] == 1


def test_unwritable_output(project, tmp_path: Path) -> None:
    assert run("-f", "json", "-o", str(tmp_path / "no" / "such" / "dir.json"))[0] == 2


def test_internal_failure(project, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(facts: object) -> Report:
        raise RuntimeError("boom")
    monkeypatch.setattr(factbase, "check", broken, raising=False)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("fmt", "check"), [
    ("json", lambda out: [p["code"] for p in json.loads(out)["problems"]] == ["yaml-syntax"]),
    ("github", lambda out: out.startswith("::error file=facts.yaml,line=")),
    ("junit", lambda out: ET.fromstring(out).find(".//failure").get("type") == "yaml-syntax"),
    ("sarif", lambda out: json.loads(out)["runs"][0]["results"][0]["ruleId"] == "yaml-syntax"),
    ("markdown", lambda out: "`yaml-syntax`" in out),
    ("text", lambda out: ": error yaml-syntax: " in out),
])
def test_invalid_facts_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt, check) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "facts.yaml").write_text("factbase: 1\nclaims: [\n", encoding="utf-8")
    status, out = run("-f", fmt)
    assert status == 1
    assert check(out)


def test_ignore(project) -> None:
    project(only("error"))
    status, out = run("-f", "json", "--ignore", "value-mismatch", "--ignore", "quote-not-found")
    data = json.loads(out)
    assert (status, data["problems"], data["suppressed"]) == (0, [], 2)


def test_baseline_round_trip(project, tmp_path: Path) -> None:
    assert run("-f", "json", "-o", "baseline.json")[0] == 1
    # unchanged: everything is in the baseline
    status, out = run("--baseline", "baseline.json", "-f", "json")
    assert (status, json.loads(out)["problems"]) == (0, [])

    # the claims move down ten lines and one new problem appears: only it fails
    new = Problem("value-not-found", "error", "no date mention", file="facts.yaml", line=40,
                  column=3, claim_id="summit", citation_id="summit#0", source_id="seed")

    def moved(report: Report) -> Report:
        report.problems = [replace(p, line=(p.line or 0) + 10) for p in report.problems] + [new]
        return report

    project(moved)
    status, out = run("--baseline", "baseline.json", "-f", "json", "--format", "github")
    data = json.loads(out[: out.index("::")])
    assert status == 1
    assert [(p["code"], p["claim_id"]) for p in data["problems"]] == [("value-not-found", "summit")]
    assert data["suppressed"] == 4
    assert out[out.index("::"):].splitlines() == [
        "::error file=facts.yaml,line=40,col=3,title=Value not in the span (value-not-found)"
        "::no date mention%0Aclaim summit"]


def test_markdown_links_on_github(project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    monkeypatch.setenv("GITHUB_SHA", "abc123")
    out = run("-f", "markdown")[1]
    assert "(https://github.com/o/r/blob/abc123/facts.yaml#L10)" in out


REPO = Path(__file__).resolve().parent.parent


def test_the_action_runs_a_valid_command(project, tmp_path: Path) -> None:
    """The `factbase check` line of action.yml, run as the runner would run it."""
    action = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
    script = step["run"].replace("\\\n", " ")
    line = next(x for x in script.splitlines() if x.strip().startswith("factbase check"))
    values = {"$FACTS": "facts.yaml", "$ARGS": "--ignore quote-fuzzy", "$SARIF": "out.sarif",
              "$GITHUB_STEP_SUMMARY": "summary.md"}
    for name, value in values.items():
        line = line.replace(f'"{name}"', shlex.quote(value)).replace(name, value)
    args = shlex.split(line)[2:]
    result = CliRunner().invoke(cli, ["check", *args])
    assert result.exit_code == 1
    assert [x.split(" ")[0] for x in result.stdout.splitlines()] == [
        "::warning", "::error", "::error"]
    assert json.loads((tmp_path / "out.sarif").read_text("utf-8"))["runs"][0]["results"]
    assert (tmp_path / "summary.md").read_text("utf-8").startswith("## factbase")


def test_pre_commit_hook() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert (hook["id"], hook["entry"], hook["pass_filenames"]) == (
        "factbase", "factbase check", False)
