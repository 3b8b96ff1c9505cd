"""Shared fixtures: a temporary project laid out like a real one."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The docs generator lives outside the package (tools/), as the benchmarks do.
sys.path.insert(0, str(REPO / "tools"))
SEED = REPO / "sources" / "east-asia-alliances.txt"
FACTS = REPO / "facts.yaml"
NO_BBC = "BBC corpus not found (FACTBASE_BBC_CORPUS, ../shared/corpus/bbc)"


def bbc_corpus() -> Path | None:
    """The BBC articles that no one here wrote (read where they are, never copied into the
    repository): FACTBASE_BBC_CORPUS, else ../shared/corpus/bbc beside the clone."""
    env = os.environ.get("FACTBASE_BBC_CORPUS")
    candidates = [Path(env)] if env else []
    candidates += [REPO.parent / "shared" / "corpus" / "bbc", Path("/work/shared/corpus/bbc")]
    return next((path for path in candidates if (path / "business-005.txt").is_file()), None)

SMALL_FACTS = """\
factbase: 1
title: Seed test
sources:
  - id: seed
    path: sources/east-asia-alliances.txt
    title: "East Asia’s Alliances Are Falling Apart"
    published: 2020-01
entities:
  - id: shinzo-abe
    name: Shinzo Abe
    kind: person
    aliases: [Abe]
    roles:
      - title: Prime Minister of Japan
        aliases: [Japanese Prime Minister]
  - id: comfort-women-agreement
    name: 2015 comfort women agreement
    kind: agreement
    aliases: [2015 agreement]
claims:
  - id: fund
    statement: The 2015 agreement set up a $9 million joint fund.
    subject: comfort-women-agreement
    predicate: fund-amount
    value: {type: money, amount: 9000000, currency: USD}
    citations:
      - source: seed
        quote: a $9 million joint fund for the surviving comfort women
  - id: summit
    statement: Moon and Abe met at a summit in Chengdu on Dec. 24, 2019.
    value: {type: date, date: 2019-12-24}
    citations:
      - source: seed
        quote: the Dec. 24, 2019, Moon-Abe summit in Chengdu
  - id: abe-pm
    statement: Shinzo Abe is Prime Minister of Japan.
    subject: shinzo-abe
    value: {type: person, entity: shinzo-abe, role: Prime Minister of Japan}
    citations:
      - source: seed
        quote: Japanese Prime Minister Shinzo Abe
"""


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Lay out a project in a temp folder: facts.yaml (given text) and the seed source.

    Returns the facts.yaml path. ``files`` adds more files (relative path -> text).
    """

    def make(facts: str = SMALL_FACTS, files: dict[str, str] | None = None, dedent: bool = True) -> Path:
        (tmp_path / "sources").mkdir(exist_ok=True)
        shutil.copyfile(SEED, tmp_path / "sources" / "east-asia-alliances.txt")
        for rel, text in (files or {}).items():
            target = tmp_path / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        path = tmp_path / "facts.yaml"
        path.write_text(textwrap.dedent(facts) if dedent else facts, encoding="utf-8")
        return path

    return make


@pytest.fixture
def seed_project(make_project: Callable[..., Path]) -> Path:
    """A small facts.yaml over the seed article (three verified claims)."""
    return make_project()


@pytest.fixture
def synthetic_project(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Callable[..., Path]:
    """A generated project (benchmarks/generate.py), made once per session per arguments and
    copied into the test's tmp folder; returns its facts.yaml."""

    def make(claims: int, seed: int, per_source: int = 20) -> Path:
        sys.path.insert(0, str(REPO / "benchmarks"))
        from generate import generate

        base = tmp_path_factory.getbasetemp() / f"synthetic-{claims}-{seed}-{per_source}"
        if not base.exists():
            generate(base, claims=claims, seed=seed, per_source=per_source)
        shutil.copytree(base, tmp_path / "p")
        return tmp_path / "p" / "facts.yaml"

    return make


@pytest.fixture
def full_project(tmp_path: Path) -> Path:
    """A copy of the repository's own facts.yaml and sources."""
    shutil.copytree(REPO / "sources", tmp_path / "sources")
    shutil.copyfile(FACTS, tmp_path / "facts.yaml")
    return tmp_path / "facts.yaml"
