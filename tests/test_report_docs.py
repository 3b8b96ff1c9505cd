"""The outputs that docs/reports.md and docs/index.md show are the real ones: each is produced
again here and compared. ``FACTBASE_UPDATE_DOCS=1`` writes the fresh outputs into the pages
(then review the diff)."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FACTS, REPO, SEED

from factbase.cli import cli

DOCS = REPO / "docs"
UPDATE = os.environ.get("FACTBASE_UPDATE_DOCS") == "1"
# The repository and commit docs/reports.md says its markdown example ran for.
GITHUB = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "example/project",
          "GITHUB_SHA": "4f2c1e9"}


def _block(page: str, heading: str | None, fence: str) -> re.Match[str]:
    """The first fenced block ``fence`` after ``heading`` (a ``## `` line), or in the page."""
    start = page.index(f"\n## {heading}\n") if heading is not None else 0
    found = re.compile(rf"^```{fence}\n(.*?)^```\n", re.S | re.M).search(page, start)
    assert found is not None, f"no ```{fence} block after {heading!r}"
    return found


def _compare(path: Path, heading: str | None, fence: str, actual: str) -> None:
    page = path.read_text(encoding="utf-8")
    found = _block(page, heading, fence)
    if UPDATE and found.group(1) != actual:
        path.write_text(page[:found.start(1)] + actual + page[found.end(1):], encoding="utf-8")
        return
    assert found.group(1) == actual, f"{path.name} ## {heading}: the example is stale"


def _project(tmp_path: Path, facts: str) -> Path:
    (tmp_path / "sources").mkdir()
    shutil.copyfile(SEED, tmp_path / "sources" / SEED.name)
    (tmp_path / "facts.yaml").write_text(facts, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("fmt", "fence"), [
    ("text", "text"), ("json", "json"), ("junit", "xml"), ("sarif", "json"),
    ("github", "text"), ("markdown", "markdown"),
])
def test_report_examples_are_real(fmt: str, fence: str, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    page = DOCS / "reports.md"
    facts = _block(page.read_text(encoding="utf-8"), None, "yaml").group(1)
    monkeypatch.chdir(_project(tmp_path, facts))
    env = GITHUB if fmt == "markdown" else {k: "" for k in GITHUB}
    result = CliRunner().invoke(cli, ["check", "facts.yaml", "--no-cache", "--format", fmt], env=env)
    assert result.exit_code == 1, result.output
    output = result.stdout
    if fmt == "sarif":  # the page shows the rule of its example, not all of them
        sarif = json.loads(output)
        assert json.dumps(sarif, indent=2, ensure_ascii=False) + "\n" == output
        driver = sarif["runs"][0]["tool"]["driver"]
        used = {r["ruleId"] for r in sarif["runs"][0]["results"]}
        driver["rules"] = [rule for rule in driver["rules"] if rule["id"] in used]
        output = json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"
    _compare(page, fmt, fence, output)
    if fmt == "markdown":  # and the same Markdown, rendered, closes the page
        text = page.read_text(encoding="utf-8")
        assert text[text.index("\nRendered:\n\n") + len("\nRendered:\n\n"):] == output


def test_quickstart_failure_is_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/index.md: the bundled facts with the fund's amount changed to 8000000."""
    facts = FACTS.read_text(encoding="utf-8")
    fund = facts.index("id: comfort-women-fund")
    amount = facts.index("amount: 9000000", fund)
    changed = facts[:amount] + "amount: 8000000" + facts[amount + len("amount: 9000000"):]
    monkeypatch.chdir(_project(tmp_path, changed))
    result = CliRunner().invoke(cli, ["check", "facts.yaml", "--no-cache"])
    assert result.exit_code == 1, result.output
    _compare(DOCS / "index.md", None, "text", "$ factbase check facts.yaml\n" + result.stdout)
