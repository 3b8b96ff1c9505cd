"""Anchor a cited quote to exact code-point offsets in its source (SPEC §4).

Order: the citation's own ``start``/``end`` (when they slice to the quote); an exact search;
a search in the normalized text (:mod:`factbase.textmap`) mapped back to original offsets; a
fuzzy search that is seeded by exact chunks of the quote, aligned with rapidfuzz in a window
around each seed, and refined so both ends of the span fall where the source's own words
begin and end. A fuzzy match is accepted only at or above a threshold score; below it the best
candidate is raised as a hint (:class:`AnchorError`), never returned as an anchor.

Several equally good matches are disambiguated by ``prefix``/``suffix`` (W3C
TextQuoteSelector: the text just before and after the quote) and by ``start`` (the nearest
occurrence wins). When nothing picks one, the first is returned with ``count > 1``, every
location, and the shortest prefix or suffix that would make the quote unique.

:meth:`Anchorer.anchor_many` anchors many quotes of one source at once with the same result as
:meth:`Anchorer.anchor` for each: the exact (and then the normalized) occurrences of all quotes
come from one pass of an Aho-Corasick automaton over the text instead of one scan per quote.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .find_many import find_all, find_every
from .fuzzy import char_diff, refine, seed
from .textmap import Normalized, normalize

__all__ = [
    "DEFAULT_THRESHOLD",
    "MIN_FUZZY_LENGTH",
    "Anchor",
    "AnchorError",
    "Anchorer",
    "Candidate",
    "QuoteQuery",
    "anchor",
    "char_diff",
]

Method = Literal["offsets", "exact", "normalized", "fuzzy"]

# Measured by benchmarks/anchoring.py (docs/anchoring.md has the table): quotes with up to 3
# edited characters score 84-100 (p1 89.3, median 98.1); the best look-alike elsewhere scores at
# most 76 for quotes of 40+ characters, but up to ~89 for short quotes of 20-35 characters whose
# true place was heavily rewritten. 87.5 (one edited character in eight) rejects every such
# look-alike seen in the default run and costs 0.2 % of lightly edited quotes, all under 24
# characters with 3 edits.
DEFAULT_THRESHOLD = 87.5
# Below this many (normalized) characters a fuzzy match is never accepted: a short phrase
# scores high against too many look-alikes ("in 2019" vs "in 2018").
MIN_FUZZY_LENGTH = 16

_GLOBAL_SCAN_LIMIT = 2_000_000  # unseeded quotes are scanned whole only in texts up to this



@dataclass(frozen=True)
class Candidate:
    """The best fuzzy match found for a quote: where, how good, and how it differs."""

    start: int
    end: int
    score: float
    diff: str


@dataclass(frozen=True)
class Anchor:
    """Where a quote is in its source: ``text[start:end]`` (code points, end-exclusive)."""

    start: int
    end: int
    method: Method
    score: float                    # 100.0 unless fuzzy
    count: int = 1                  # how many equally good occurrences (>1: ambiguous)
    locations: tuple[tuple[int, int], ...] = ()   # every occurrence when ambiguous
    hint: str | None = None         # for ambiguous: a prefix/suffix that makes it unique
    offsets_ok: bool | None = None  # None: no offsets given; False: given start/end were wrong

    @property
    def ambiguous(self) -> bool:
        return self.count > 1


class QuoteQuery(NamedTuple):
    """One quote to anchor with :meth:`Anchorer.anchor_many` (the arguments of
    :meth:`Anchorer.anchor`)."""

    quote: str
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = None
    end: int | None = None


class AnchorError(Exception):
    """The quote could not be anchored (problem code ``quote-not-found``).

    ``best`` is the best fuzzy candidate below the threshold, if any: a hint for the reader,
    never an anchor.
    """

    code = "quote-not-found"

    def __init__(self, message: str, best: Candidate | None = None):
        super().__init__(message)
        self.best = best


class Anchorer:
    """Anchors quotes in one source text; prepare once per text and reuse for every quote.

    The normalized text is built on first need and kept.
    """

    def __init__(self, text: str, threshold: float = DEFAULT_THRESHOLD):
        self.text = text
        self.threshold = threshold
        self._normalized: Normalized | None = None

    @property
    def normalized(self) -> Normalized:
        if self._normalized is None:
            self._normalized = normalize(self.text)
        return self._normalized

    # ------------------------------------------------------------------ the public entry

    def anchor(
        self,
        quote: str,
        prefix: str | None = None,
        suffix: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> Anchor:
        """Anchor ``quote``; raise :class:`AnchorError` when it is not found."""
        query = QuoteQuery(quote, prefix, suffix, start, end)
        early = self._preflight(query)
        if early is not None:
            return early
        return self._settle(query, self.exact(quote), self.normalized_matches, self._fuzzy_accept)

    def anchor_many(self, queries: Sequence[QuoteQuery]) -> list[Anchor | AnchorError]:
        """Anchor every query; the result for each, in order, is exactly what :meth:`anchor`
        returns for it, or the :class:`AnchorError` it raises (returned, not raised).

        The exact occurrences of all distinct quotes come from one Aho-Corasick pass over the
        text (every occurrence, overlapping ones included, so uniqueness and the ambiguity hint
        are the same as :meth:`anchor`'s); quotes without one are searched in the normalized
        text in one more pass, and the rest fuzzily, one by one. Equal queries share one result.
        """
        results: list[Anchor | AnchorError | None] = [None] * len(queries)
        todo: dict[QuoteQuery, list[int]] = {}
        for i, query in enumerate(queries):
            try:
                results[i] = self._preflight(query)
            except AnchorError as exc:
                results[i] = exc.with_traceback(None)
            if results[i] is None:
                todo.setdefault(query, []).append(i)
        if not todo:
            return _filled(results)

        quotes = list(dict.fromkeys(query.quote for query in todo))
        exact: dict[str, list[tuple[int, int]]] = {}
        for quote, starts in zip(quotes, find_all(self.text, quotes), strict=True):
            size = len(quote)
            exact[quote] = [(s, s + size) for s in starts]
        normalized = self._normalized_many([quote for quote in quotes if not exact[quote]])
        fuzzy: dict[str, tuple[list[tuple[int, int]], float] | AnchorError] = {}

        def fuzzy_accept(quote: str) -> tuple[list[tuple[int, int]], float]:
            got = fuzzy.get(quote)
            if got is None:
                try:
                    got = self._fuzzy_accept(quote)
                except AnchorError as exc:
                    got = exc
                fuzzy[quote] = got
            if isinstance(got, AnchorError):
                raise got
            return got

        for query, where in todo.items():
            result: Anchor | AnchorError
            try:
                result = self._settle(query, exact[query.quote], normalized.__getitem__,
                                      fuzzy_accept)
            except AnchorError as exc:
                result = exc.with_traceback(None)  # a traceback would keep every frame alive
            for i in where:
                results[i] = result
        return _filled(results)

    def _preflight(self, query: QuoteQuery) -> Anchor | None:
        """Reject an empty quote; accept given offsets that slice to the quote."""
        quote, _, _, start, end = query
        if not quote or quote.isspace():
            raise AnchorError("the quote is empty")
        text = self.text
        if start is not None and end is not None and 0 <= start <= end <= len(text) \
                and text[start:end] == quote:
            return Anchor(start, end, "offsets", 100.0, offsets_ok=True)
        return None

    def _settle(
        self,
        query: QuoteQuery,
        exact: list[tuple[int, int]],
        normalized: Callable[[str], list[tuple[int, int]]],
        fuzzy: Callable[[str], tuple[list[tuple[int, int]], float]],
    ) -> Anchor:
        """The exact occurrences, else the normalized ones, else the fuzzy ones: choose one."""
        quote, prefix, suffix, start, end = query
        given = (start, end) if start is not None and end is not None else None
        method: Method = "exact"
        score = 100.0
        found = exact
        if not found:
            method = "normalized"
            found = normalized(quote)
        if not found:
            method = "fuzzy"
            found, score = fuzzy(quote)
        return self._choose(found, method, score, prefix, suffix, start, given)

    # ------------------------------------------------------------------ the three searches

    def exact(self, quote: str) -> list[tuple[int, int]]:
        """Every occurrence of ``quote`` as stored (overlapping ones included)."""
        size = len(quote)
        return [(i, i + size) for i in find_every(self.text, quote)]

    def normalized_matches(self, quote: str) -> list[tuple[int, int]]:
        """Every occurrence of the normalized quote in the normalized text, in original offsets."""
        nq = normalize(quote).text.strip()
        if not nq:
            return []
        norm = self.normalized
        if nq == quote and norm.text is self.text:
            return []  # the same search as the exact one
        return self._mapped_back(nq, find_every(norm.text, nq))

    def _normalized_many(self, quotes: list[str]) -> dict[str, list[tuple[int, int]]]:
        """:meth:`normalized_matches` of every quote, from one pass over the normalized text."""
        out: dict[str, list[tuple[int, int]]] = {}
        needles: dict[str, list[str]] = {}  # normalized quote -> the quotes it stands for
        for quote in quotes:
            out[quote] = []
            nq = normalize(quote).text.strip()
            if not nq or (nq == quote and self.normalized.text is self.text):
                continue  # nothing to search, or the same search as the exact one
            needles.setdefault(nq, []).append(quote)
        if needles:
            haystack = self.normalized.text
            for nq, starts in zip(needles, find_all(haystack, list(needles)), strict=True):
                spans = self._mapped_back(nq, starts)
                for quote in needles[nq]:
                    out[quote] = spans
        return out

    def _mapped_back(self, nq: str, starts: list[int]) -> list[tuple[int, int]]:
        """Occurrences of ``nq`` in the normalized text as distinct original spans, in order."""
        norm = self.normalized
        size = len(nq)
        out: list[tuple[int, int]] = []
        seen: set[tuple[int, int]] = set()
        for i in starts:
            span = norm.to_original(i, i + size)
            if span not in seen:
                seen.add(span)
                out.append(span)
        return out

    def fuzzy_candidates(self, quote: str, diffs: bool = True) -> list[Candidate]:
        """Fuzzy candidates for ``quote`` at distinct places, best first (scores 0-100).

        Scores are Levenshtein similarities of the normalized quote and the normalized span.
        Exposed for the benchmark, which measures how far true matches and look-alikes are
        apart; :meth:`anchor` accepts only candidates at or above the threshold.
        """
        nq = normalize(quote).text.strip()
        if not nq:
            return []
        haystack = self.normalized.text
        spans = self._fuzzy_spans(nq, haystack)
        out: list[Candidate] = []
        for score, s, e in spans:
            start, end = self.normalized.to_original(s, e)
            diff = char_diff(quote, self.text[start:end]) if diffs else ""
            out.append(Candidate(start, end, score, diff))
        return out

    # ------------------------------------------------------------------ fuzzy internals

    def _fuzzy_accept(self, quote: str) -> tuple[list[tuple[int, int]], float]:
        candidates = self.fuzzy_candidates(quote, diffs=False)
        if not candidates:
            raise AnchorError("quote not found")
        best = candidates[0]
        long_enough = len(normalize(quote).text.strip()) >= MIN_FUZZY_LENGTH
        if best.score < self.threshold or not long_enough:
            diff = char_diff(quote, self.text[best.start:best.end])
            hint = Candidate(best.start, best.end, best.score, diff)
            raise AnchorError(f"quote not found (best candidate scores {best.score:.1f})", hint)
        equal = [(c.start, c.end) for c in candidates if c.score >= best.score - 1e-9]
        return equal, best.score

    def _fuzzy_spans(self, nq: str, haystack: str) -> list[tuple[float, int, int]]:
        size = len(nq)
        pad = max(8, size // 4)
        starts = seed(nq, haystack)
        if not starts and len(haystack) <= _GLOBAL_SCAN_LIMIT and haystack:
            hit = fuzz.partial_ratio_alignment(nq, haystack)
            if hit is not None and len(haystack) >= size:
                starts = [hit.dest_start]
        results: list[tuple[float, int, int]] = []
        rough: list[tuple[float, int, int]] = []
        for guess in starts:
            lo = max(0, guess - pad)
            hi = min(len(haystack), guess + size + pad)
            if hi <= lo:
                continue
            window = haystack[lo:hi]
            if len(window) >= size:
                hit = fuzz.partial_ratio_alignment(nq, window)
                s, e = (lo + hit.dest_start, lo + hit.dest_end) if hit is not None else (lo, hi)
            else:
                s, e = lo, hi
            rough.append((Levenshtein.normalized_similarity(nq, haystack[s:e]), s, e))
        # Refining costs a few hundred similarity computations: spend them only on windows
        # that could matter (near the best one, or near the threshold).
        top = max((r[0] for r in rough), default=0.0)
        for sim, s, e in rough:
            if 100 * sim >= min(top * 100 - 10, self.threshold - 15):
                results.append(refine(nq, haystack, s, e, self.threshold))
            else:
                results.append((round(100.0 * sim, 2), s, e))
        results.sort(key=lambda r: (-r[0], r[1]))
        kept: list[tuple[float, int, int]] = []
        for score, s, e in results:
            if all(e <= ks or s >= ke for _, ks, ke in kept):
                kept.append((score, s, e))
        return kept

    # ------------------------------------------------------------------ choosing one

    def _choose(
        self,
        found: list[tuple[int, int]],
        method: Method,
        score: float,
        prefix: str | None,
        suffix: str | None,
        start: int | None,
        given: tuple[int, int] | None,
    ) -> Anchor:
        def done(span: tuple[int, int], count: int = 1, locations: tuple[tuple[int, int], ...] = (),
                 hint: str | None = None) -> Anchor:
            ok = None if given is None else span == given
            return Anchor(span[0], span[1], method, score, count, locations, hint, ok)

        if given is not None and given in found:
            return done(given)
        if len(found) == 1:
            return done(found[0])
        best = found
        if prefix or suffix:
            marks = [self._context_score(span, prefix, suffix) for span in found]
            top = max(marks)
            if top > 0:
                best = [span for span, mark in zip(found, marks, strict=True) if mark == top]
            if len(best) == 1:
                return done(best[0])
        if start is not None:
            distance = [abs(s - start) for s, _ in best]
            nearest = min(distance)
            closest = [span for span, d in zip(best, distance, strict=True) if d == nearest]
            if len(closest) == 1:
                return done(closest[0])
            best = closest
        chosen = best[0]
        return done(chosen, len(best), tuple(best), self._unique_hint(chosen, found))

    def _context_score(self, span: tuple[int, int], prefix: str | None, suffix: str | None) -> int:
        """How many of prefix/suffix match the text just before/after the span (0, 1 or 2),
        compared after normalization so typography does not matter."""
        text = self.text
        mark = 0
        if prefix:
            want = normalize(prefix).text.strip()
            got = normalize(text[max(0, span[0] - 2 * len(prefix) - 16):span[0]]).text.rstrip()
            if want and got.endswith(want):
                mark += 1
        if suffix:
            want = normalize(suffix).text.strip()
            got = normalize(text[span[1]:span[1] + 2 * len(suffix) + 16]).text.lstrip()
            if want and got.startswith(want):
                mark += 1
        return mark

    def _unique_hint(self, chosen: tuple[int, int], spans: list[tuple[int, int]]) -> str | None:
        """The shortest prefix or suffix (widened to whole words) that tells ``chosen`` apart
        from every other span, as a ``prefix: "..."`` / ``suffix: "..."`` line."""
        text = self.text
        others = [span for span in spans if span != chosen]
        s, e = chosen
        options: list[tuple[int, str]] = []
        n = 1 + max((_shared(text, s, o, -1, 200) for o, _ in others), default=0)
        if n <= min(s, 200):
            while s - n > 0 and n < 240 and not text[s - n - 1].isspace():
                n += 1
            options.append((n, "prefix: " + json.dumps(text[s - n:s], ensure_ascii=False)))
        n = 1 + max((_shared(text, e, o, 1, 200) for _, o in others), default=0)
        if n <= min(len(text) - e, 200):
            while e + n < len(text) and n < 240 and not text[e + n].isspace():
                n += 1
            options.append((n, "suffix: " + json.dumps(text[e:e + n], ensure_ascii=False)))
        return min(options)[1] if options else None


# ---------------------------------------------------------------------- module helpers

_last: Anchorer | None = None


def anchor(
    text: str,
    quote: str,
    prefix: str | None = None,
    suffix: str | None = None,
    start: int | None = None,
    end: int | None = None,
    threshold: float | None = None,
) -> Anchor:
    """Anchor ``quote`` in ``text`` (see :class:`Anchorer`; raises :class:`AnchorError`).

    Reuses the prepared text of the previous call when ``text`` is the same object, so
    anchoring many quotes in one source normalizes it once.
    """
    global _last
    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    prepared = _last
    if prepared is None or prepared.text is not text or prepared.threshold != limit:
        prepared = Anchorer(text, limit)
        _last = prepared
    return prepared.anchor(quote, prefix=prefix, suffix=suffix, start=start, end=end)


def _filled(results: list[Anchor | AnchorError | None]) -> list[Anchor | AnchorError]:
    out: list[Anchor | AnchorError] = []
    for result in results:
        assert result is not None
        out.append(result)
    return out


def _shared(text: str, a: int, b: int, direction: int, limit: int) -> int:
    """How many characters before (direction -1) or after (+1) positions ``a`` and ``b`` are
    the same, up to ``limit``; a binary search over slice comparisons."""
    if direction < 0:
        lo, hi = 0, min(a, b, limit)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if text[a - mid:a] == text[b - mid:b]:
                lo = mid
            else:
                hi = mid - 1
        return lo
    lo, hi = 0, min(len(text) - a, len(text) - b, limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text[a:a + mid] == text[b:b + mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo
