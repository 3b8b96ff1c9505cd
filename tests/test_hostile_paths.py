"""Paths from strangers: sources and includes stay inside the project; nothing of an outside
file is read or printed; special files do not hang the check."""

from __future__ import annotations

import json
import os
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from factbase import FactsError, check, load
from factbase.cli import cli
from factbase.sources import resolve_inside

SECRET = "OUTSIDE-SECRET-7f3a"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp/project/ with a source, and tmp/secret.txt + tmp/secret.yaml outside it."""
    root = tmp_path / "project"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "a.txt").write_text("Japan paid $9 million in 2019.", encoding="utf-8")
    (tmp_path / "secret.txt").write_text(f"{SECRET} $9 million", encoding="utf-8")
    (tmp_path / "secret.yaml").write_text(f"claims: []\n# {SECRET}\n", encoding="utf-8")
    return root


def facts_with_source(root: Path, path: str) -> Path:
    facts = root / "facts.yaml"
    facts.write_text(textwrap.dedent(f"""\
        factbase: 1
        sources:
          - id: s
            path: {json.dumps(path)}
        claims:
          - id: c
            statement: Japan paid $9 million.
            value: {{type: money, amount: 9000000, currency: USD}}
            citations: [{{source: s, quote: "$9 million"}}]
        """), encoding="utf-8")
    return facts


def source_codes(facts: Path) -> list[str]:
    report = check(load(facts))
    return sorted({p.code for p in report.problems if p.source_id == "s" or p.code.startswith(("path", "source"))})


@pytest.mark.parametrize(
    "path",
    ["../secret.txt", "sources/../../secret.txt", "{outside}/secret.txt", "~/secret.txt",
     "sources/../../project/../secret.txt", "/etc/passwd", "/proc/self/environ", "/dev/zero"],
)
def test_paths_leaving_the_project_are_refused(project: Path, path: str) -> None:
    facts = facts_with_source(project, path.format(outside=project.parent))
    assert source_codes(facts) == ["path-outside-root"]


def test_symlink_to_an_outside_file_is_refused(project: Path) -> None:
    (project / "sources" / "link.txt").symlink_to(project.parent / "secret.txt")
    assert source_codes(facts_with_source(project, "sources/link.txt")) == ["path-outside-root"]


def test_symlinked_folder_leading_outside_is_refused(project: Path) -> None:
    (project / "elsewhere").symlink_to(project.parent, target_is_directory=True)
    assert source_codes(facts_with_source(project, "elsewhere/secret.txt")) == ["path-outside-root"]


def test_symlink_inside_the_project_is_followed(project: Path) -> None:
    (project / "sources" / "alias.txt").symlink_to(project / "sources" / "a.txt")
    report = check(load(facts_with_source(project, "sources/alias.txt")))
    assert [c.status for c in report.claims] == ["verified"]


def test_nothing_of_an_outside_file_reaches_any_output(project: Path, tmp_path: Path) -> None:
    (project / "sources" / "link.txt").symlink_to(project.parent / "secret.txt")
    facts = facts_with_source(project, "sources/link.txt")
    runner = CliRunner()
    outputs = [runner.invoke(cli, ["check", str(facts), "--format", fmt]).output
               for fmt in ("text", "json", "sarif", "markdown", "junit", "github")]
    db = tmp_path / "out.db"
    built = runner.invoke(cli, ["build", str(facts), "-o", str(db)])
    assert [SECRET in out for out in [*outputs, built.output]] == [False] * 7
    assert SECRET.encode() not in db.read_bytes()


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [("../secret.yaml", ["path-outside-root"]), ("../*.yaml", ["path-outside-root"]),
     ("{outside}/secret.yaml", ["path-outside-root"]), ("**/../../secret.yaml", ["path-outside-root"]),
     ("/etc/passwd", ["path-outside-root"]), ("link.yaml", ["path-outside-root"])],
)
def test_includes_leaving_the_project_are_refused(project: Path, pattern: str, expected: list[str]) -> None:
    (project / "link.yaml").symlink_to(project.parent / "secret.yaml")
    facts = project / "facts.yaml"
    facts.write_text(f"factbase: 1\ninclude: [{json.dumps(pattern.format(outside=project.parent))}]\n",
                     encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        load(facts)
    assert [p.code for p in caught.value.problems] == expected
    assert all(SECRET not in p.message for p in caught.value.problems)


@pytest.mark.parametrize(
    ("relative", "inside"),
    [("sources/a.txt", True), ("sources/./a.txt", True), ("sources//a.txt", True),
     ("sources/../sources/a.txt", True), ("..", False), ("../project/sources/a.txt", True),
     ("/abs", False), ("~", False), ("a\x00b", False), ("sources/\u202ea.txt", True)],
)
def test_resolve_inside(project: Path, relative: str, inside: bool) -> None:
    assert (resolve_inside(project, relative) is not None) == inside


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_source_is_unreadable_not_a_hang(project: Path) -> None:
    os.mkfifo(project / "sources" / "pipe.txt")
    facts = facts_with_source(project, "sources/pipe.txt")
    found: list[list[str]] = []
    worker = threading.Thread(target=lambda: found.append(source_codes(facts)), daemon=True)
    worker.start()
    worker.join(60)  # reading a FIFO with no writer would block forever
    assert found == [["source-unreadable"]]


@pytest.mark.parametrize(
    ("make", "code"),
    [("folder", "source-unreadable"), ("binary", "source-unreadable"), ("latin1", "source-unreadable"),
     ("missing", "source-missing")],
)
def test_special_and_broken_sources(project: Path, make: str, code: str) -> None:
    target = project / "sources" / "x.txt"
    if make == "folder":
        target.mkdir()
    elif make == "binary":
        target.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    elif make == "latin1":
        target.write_bytes("café $9 million".encode("latin-1"))
    assert source_codes(facts_with_source(project, "sources/x.txt")) == [code]


def test_source_size_limit(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("factbase.sources.MAX_SOURCE_BYTES", 10)
    assert source_codes(facts_with_source(project, "sources/a.txt")) == ["source-unreadable"]
