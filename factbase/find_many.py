"""Every occurrence of many needles in one text, in one pass.

The exact (and normalized) search of :meth:`factbase.anchor.Anchorer.anchor_many`: an
Aho-Corasick automaton over short keys (the needles' first characters), each hit confirmed with
``str.startswith``; a ``str.find`` loop per needle when there are few needles or a short text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ahocorasick_rs import AhoCorasick

__all__ = ["find_all", "find_every"]

# One-pass search (anchor_many; docs/anchoring.md has the measurements). The automaton holds
# each quote's first _KEY_CHARS characters, and a hit is confirmed with str.startswith: short
# keys build over 10x faster and take a tenth of the memory of whole quotes, and almost every
# hit of a 16-character key is a real occurrence. More than _MAX_GROUP quotes sharing a key get
# longer keys (twice as long, until they part), so a common opening ("The Court held that")
# does not make every hit try every quote.
_KEY_CHARS = 16
_MAX_GROUP = 8
# The text is scanned in windows of this many characters (overlapping by the longest key), so
# the list of matches the automaton hands back at once stays bounded even for a short quote
# that occurs on every line.
_WINDOW = 1 << 20
# A str.find loop per quote is faster than building and running an automaton for few quotes or
# short texts: str.find scans ~10x faster per character than the automaton walks, and each key
# costs a few microseconds to build. Measured crossover: ~12 quotes in 1-10 M characters, ~60
# in 50,000; none below ~200 in 5,000. The automaton is used once both limits are reached.
_AUTOMATON_MIN_QUOTES = 16
_AUTOMATON_MIN_WORK = 5_000_000  # distinct quotes x characters of text


def find_every(haystack: str, needle: str) -> list[int]:
    """The start of every occurrence of ``needle`` (overlapping ones included), ascending."""
    out: list[int] = []
    i = haystack.find(needle)
    while i != -1:
        out.append(i)
        i = haystack.find(needle, i + 1)
    return out


def find_all(haystack: str, needles: Sequence[str]) -> list[list[int]]:
    """:func:`find_every` for each of the distinct, non-empty ``needles``, in one pass of an
    Aho-Corasick automaton over ``haystack`` (or a str.find loop each, when there are few)."""
    count = len(needles)
    if count < _AUTOMATON_MIN_QUOTES or count * len(haystack) < _AUTOMATON_MIN_WORK:
        return [find_every(haystack, needle) for needle in needles]
    keys, groups = _keys(needles)
    automaton = AhoCorasick(keys, store_patterns=False)
    out: list[list[int]] = [[] for _ in needles]
    # A member whose needle is the key itself needs no check (True marks it).
    checks = [[(i, len(needles[i]) == len(key)) for i in group]
              for key, group in zip(keys, groups, strict=True)]
    startswith = haystack.startswith
    step = _WINDOW
    reach = step + max(map(len, keys)) - 1  # a key starting in a window ends inside it
    size = len(haystack)
    for lo in range(0, size, step):
        window = haystack if lo == 0 and size <= reach else haystack[lo:lo + reach]
        for k, s, _ in automaton.find_matches_as_indexes(window, overlapping=True):
            if s >= step:
                continue  # the next window reports it
            pos = lo + s
            for i, whole in checks[k]:
                if whole or startswith(needles[i], pos):
                    out[i].append(pos)
    return out


def _keys(needles: Sequence[str]) -> tuple[list[str], list[list[int]]]:
    """Automaton keys (distinct prefixes of the needles) and, for each, the needles it heads."""
    found: dict[str, list[int]] = {}
    length = _KEY_CHARS
    todo = list(range(len(needles)))
    while todo:
        heads: dict[str, list[int]] = defaultdict(list)
        for i in todo:
            heads[needles[i][:length]].append(i)
        todo = []
        for key, group in heads.items():
            if len(group) <= _MAX_GROUP:
                found.setdefault(key, []).extend(group)
                continue
            for i in group:  # too many share this key: the longer ones get a longer key
                if len(needles[i]) > length:
                    todo.append(i)
                else:
                    found.setdefault(key, []).append(i)
        length *= 2
    return list(found), list(found.values())
