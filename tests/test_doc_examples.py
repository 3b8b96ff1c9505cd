"""Every Python example in docs/ (and the README) runs, and so does every example in the
public API's docstrings, which docs/api.md shows.

Examples are run with Sybil: the ```python blocks of a page share one namespace, in order, as
a reader would type them, and a block written as a doctest (``>>>``) has its output checked.
They run in a temporary copy of the repository's facts.yaml and sources/, so that "facts.yaml"
and "factbase.db" mean what the pages say.
"""

from __future__ import annotations

import doctest
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

import factbase

REPO = Path(__file__).resolve().parent.parent
PAGES = sorted([*(REPO / "docs").glob("*.md"), REPO / "README.md"])
WITH_PYTHON = [p for p in PAGES if "```python" in p.read_text(encoding="utf-8")]
SYBIL = Sybil(parsers=[PythonCodeBlockParser(doctest_optionflags=doctest.NORMALIZE_WHITESPACE),
                       SkipParser()])
_BLOCK = re.compile(r"```python\n(.*?)```", re.S)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "sources", tmp_path / "sources")
    shutil.copyfile(REPO / "facts.yaml", tmp_path / "facts.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_pages_with_python_are_found() -> None:
    names = {p.name for p in WITH_PYTHON}
    assert {"python.md", "api.md", "index.md", "anchoring.md", "README.md"} <= names


@pytest.mark.parametrize("page", WITH_PYTHON, ids=lambda p: p.name)
def test_python_examples_of_the_page_run(page: Path, project: Path) -> None:
    document = SYBIL.parse(page)
    examples = list(document)
    blocks = page.read_text(encoding="utf-8").count("```python")
    assert len(examples) >= blocks > 0
    for example in examples:
        example.evaluate()


def _docstring_examples() -> list[tuple[str, str]]:
    out = []
    for name in factbase.__all__:
        if name == "__version__":
            continue
        doc = getattr(factbase, name).__doc__ or ""
        for i, block in enumerate(_BLOCK.findall(textwrap.dedent(doc))):
            out.append((f"{name}-{i}", textwrap.dedent(block)))
    return out


EXAMPLES = _docstring_examples()


def test_the_docstring_examples_are_found() -> None:
    assert {name.rsplit("-", 1)[0] for name, _ in EXAMPLES} >= {
        "FactSet", "loads", "verify", "open_db"}


@pytest.mark.parametrize(("name", "code"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_docstring_examples_run(name: str, code: str, project: Path) -> None:
    factbase.publish(factbase.check(factbase.load("facts.yaml")), "factbase.db", metadata=False)
    exec(compile(code, f"<{name}>", "exec"), {"factbase": factbase})
