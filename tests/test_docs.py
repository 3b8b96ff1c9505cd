"""The docs: generated references in sync, every command and code documented, README and CI
agree, mkdocs nav complete."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from docgen import stale_pages

from factbase.cli import cli
from factbase.problems import PROBLEM_TYPES

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def test_generated_pages_are_current() -> None:
    stale = [p.name for p in stale_pages(DOCS)]
    assert stale == [], f"run `python tools/docgen.py` to regenerate {stale}"


def test_every_command_is_in_the_cli_reference() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"## factbase {name}\n" in text


def test_every_problem_code_is_documented() -> None:
    text = (DOCS / "problems.md").read_text(encoding="utf-8")
    for t in PROBLEM_TYPES:
        assert f"### {t.code}\n" in text
    assert len({t.code for t in PROBLEM_TYPES}) == len(PROBLEM_TYPES)
    assert all(re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", t.code) for t in PROBLEM_TYPES)


def test_readme_opens_with_two_commands_and_ci_runs_the_second() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    first, second = blocks[0], blocks[1]
    assert readme.index("```bash") < readme.index("\n\n", readme.index("# factbase")) + 3
    assert "\n" not in first and "\n" not in second
    assert "factbase build facts.yaml" in first and "factbase serve" in first
    assert "pytest" in second
    assert second in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_mkdocs_nav_lists_every_page() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = {next(iter(item.values())) for item in config["nav"]}
    pages = {p.name for p in DOCS.glob("*.md")}
    assert pages <= listed, f"pages missing from mkdocs.yml nav: {pages - listed}"
