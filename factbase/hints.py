"""The ends of check-time messages that say what to change: the source's own words for a
quote that is not quite there, the declared id nearest an unknown one, the file nearest a
missing path. Each returns the text that fills a template's ``{hint}`` (empty when there is
nothing to tell)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .model_errors import id_hint, nearest

__all__ = ["missing_file", "quote_fuzzy", "quote_not_found", "unknown_id"]

# Longer passages are shown cut in the middle: the message stays one readable line.
_SHOWN = 160


def _shown(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= _SHOWN:
        return flat
    half = _SHOWN // 2 - 1
    return f"{flat[:half]}…{flat[-half:]}"


def quote_not_found(best: Any, text: str) -> str:
    """``best`` is the anchorer's best candidate below the threshold (or None)."""
    if best is None:
        return "; copy the words from the source exactly"
    start, end = _whole_words(text, best.start, best.end)
    found = _shown(text[start:end])
    return (f"; the closest passage (at {best.start}-{best.end}, score {best.score:.1f}) reads "
            f"\"{found}\": quote the source's words exactly (diff: {best.diff})")


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to whole words: a fuzzy candidate may end inside one ("comp")."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def quote_fuzzy(text: str, start: int, end: int) -> str:
    """The source's own words at a fuzzy anchor, to copy into ``quote``."""
    return f"; the source reads \"{_shown(text[start:end])}\": copy it into `quote`"


def unknown_id(given: str, declared: Iterable[str], section: str) -> str:
    return id_hint(given, declared, section)


def missing_file(root: str | os.PathLike[str], path: str) -> str:
    """The file of the same folder whose name is nearest the missing one's, if close."""
    wanted = Path(path)
    folder = Path(root) / wanted.parent
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
    except OSError:
        names = []
    best = nearest(wanted.name, names)
    if best is None:
        return "; correct `path`, or put the file there"
    return f"; did you mean {(wanted.parent / best).as_posix()}?"
