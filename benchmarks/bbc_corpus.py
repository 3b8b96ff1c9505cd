"""Where the BBC articles are: read where they lie, never copied into the repository."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def find_corpus() -> Path | None:
    """The BBC article folder: ``FACTBASE_BBC_CORPUS``, else ``<repo>/../shared/corpus/bbc``,
    else ``/work/shared/corpus/bbc``; None when none of them exists."""
    env = os.environ.get("FACTBASE_BBC_CORPUS")
    candidates = [Path(env)] if env else []
    candidates += [REPO.parent / "shared" / "corpus" / "bbc", Path("/work/shared/corpus/bbc")]
    return next((path for path in candidates if path.is_dir()), None)


def corpus_dir() -> Path:
    """:func:`find_corpus`, or the benchmark stops and says where to put the corpus."""
    found = find_corpus()
    if found is None:
        raise SystemExit("BBC corpus not found: set FACTBASE_BBC_CORPUS or put it at ../shared/corpus/bbc")
    return found
