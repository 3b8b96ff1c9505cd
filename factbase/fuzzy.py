"""Fuzzy alignment of a quote in a text: where it probably starts (seeded by exact chunks),
where its ends fall (refined with rapidfuzz), and how the text differs from it."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz.distance import Levenshtein

__all__ = ["char_diff", "refine", "seed"]

_MAX_SEED_HITS = 64      # a chunk found more often than this says nothing about where
_MAX_CANDIDATES = 8      # windows aligned per quote


def seed(nq: str, haystack: str) -> list[int]:
    """Likely start positions of ``nq`` in ``haystack``, best first, from exact chunk hits.

    The quote is cut into chunks; with up to a few edited characters most chunks survive
    intact, and each hit votes for the start it implies. Votes within a few characters of each
    other (an insertion or a deletion shifts them) are counted together.
    """
    size = len(nq)
    k = max(5, min(16, size // 8))
    if size < k:
        k = size
    offsets = list(range(0, size - k + 1, k))
    if offsets and offsets[-1] != size - k:
        offsets.append(size - k)
    votes: dict[int, set[int]] = defaultdict(set)
    for off in offsets:
        chunk = nq[off:off + k]
        hits: list[int] = []
        i = haystack.find(chunk)
        while i != -1 and len(hits) <= _MAX_SEED_HITS:
            hits.append(i)
            i = haystack.find(chunk, i + 1)
        if len(hits) > _MAX_SEED_HITS:
            continue
        for hit in hits:
            votes[hit - off].add(off)
    if not votes:
        return []
    slack = max(3, size // 8)
    clusters: list[tuple[int, int]] = []  # (-votes, start)
    diagonals = sorted(votes)
    group = [diagonals[0]]
    for d in diagonals[1:]:
        if d - group[-1] <= slack:
            group.append(d)
            continue
        clusters.append(_cluster(group, votes))
        group = [d]
    clusters.append(_cluster(group, votes))
    clusters.sort()
    return [max(0, s) for _, s in clusters[:_MAX_CANDIDATES]]


def _cluster(group: list[int], votes: dict[int, set[int]]) -> tuple[int, int]:
    chunks: set[int] = set()
    for d in group:
        chunks |= votes[d]
    # the diagonal most chunks agree on is the best guess of the start
    top = max(group, key=lambda d: (len(votes[d]), -d))
    return -len(chunks), top


def refine(nq: str, haystack: str, s: int, e: int, threshold: float) -> tuple[float, int, int]:
    """Move both ends of a rough span to where the similarity with the quote peaks.

    Ties go to the span whose length is closest to the quote's, so a substituted last
    character stays inside the span instead of being cut off.
    """
    size = len(nq)
    reach = max(4, min(32, int(size * (100 - threshold) / 100) + 3))
    limit = len(haystack)

    def sim(a: int, b: int) -> float:
        return Levenshtein.normalized_similarity(nq, haystack[a:b])

    for step in range(6):
        old = s, e
        if step:
            reach = 3  # the first pass got close; later passes only polish
        s = max(range(max(0, s - reach), min(e, s + reach + 1)),
                key=lambda a: (sim(a, e), -abs(e - a - size), -abs(a - old[0])))
        e = max(range(max(s + 1, e - reach), min(limit, e + reach) + 1),
                key=lambda b: (sim(s, b), -abs(b - s - size), -abs(b - old[1])))
        if (s, e) == old:
            break
    while s < e and haystack[s] == " ":
        s += 1
    while e > s and haystack[e - 1] == " ":
        e -= 1
    return round(100.0 * Levenshtein.normalized_similarity(nq, haystack[s:e]), 2), s, e


def char_diff(quote: str, found: str, keep: int = 12) -> str:
    """A compact character diff from the quote to the source's text: ``[-removed-]{+added+}``,
    long unchanged stretches shortened with an ellipsis."""
    parts: list[str] = []
    for op in Levenshtein.opcodes(quote, found):
        tag, i1, i2, j1, j2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        if tag == "equal":
            same = quote[i1:i2]
            if len(same) > 2 * keep + 1:
                first = i1 == 0
                last = i2 == len(quote)
                if first:
                    same = "…" + same[-keep:]
                elif last:
                    same = same[:keep] + "…"
                else:
                    same = same[:keep] + "…" + same[-keep:]
            parts.append(same)
            continue
        if i2 > i1:
            parts.append("[-" + quote[i1:i2] + "-]")
        if j2 > j1:
            parts.append("{+" + found[j1:j2] + "+}")
    return "".join(parts)
