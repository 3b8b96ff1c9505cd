"""docs/mentions.md is generated from the test tables and must not be stale."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_mentions", ROOT / "docs" / "gen_mentions.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mentions_page_is_current() -> None:
    generator = _generator()
    page = (ROOT / "docs" / "mentions.md").read_text(encoding="utf-8")
    assert page == generator.render(), "docs/mentions.md is stale: run docs/gen_mentions.py"


def test_page_lists_every_case() -> None:
    generator = _generator()
    page = generator.render()
    money = generator._tests("test_mentions_money")
    quantities = generator._tests("test_mentions_quantities")
    assert money is not None and quantities is not None
    for text, *_rest in [*money.MONEY_CASES, *quantities.QUANTITY_CASES]:
        assert f"`{text}`" in page


def test_labelled_corpus_is_built_from_its_sources() -> None:
    spec = importlib.util.spec_from_file_location(
        "corpus_build", ROOT / "benchmarks" / "corpus_build.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, "run benchmarks/corpus_build.py"
