"""Normalized text with a map back to the original: the one offset map in factbase.

Anchoring searches a normalized copy of the source (NFKC, curly quotes and dashes folded,
whitespace and dash runs collapsed, invisible soft hyphens and zero-width spaces dropped, a soft
hyphen that ends a line or page joined with the next word; case is kept) and must report
offsets into the text as stored. :func:`normalize` builds the normalized
text together with a piecewise map, so that nothing else in factbase does offset arithmetic.

The map is a list of pieces that tile both texts. An *identity* piece maps character for
character (most of any text: folding a curly quote to a straight one keeps the length). A *block*
piece maps a group of normalized characters to a group of original ones as a whole (a run of
spaces collapsed to one, a ligature expanded by NFKC, a base letter with its combining marks,
a deleted soft hyphen). Ranges that start or end inside a block widen to the whole block, so
the original range always covers what was matched.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["Normalized", "join_hyphenated", "normalize"]

_SINGLE_QUOTES = "‘’‚‛′‵ʹʻʼʽ＇"
_DOUBLE_QUOTES = "“”„‟″‶«»〝〞〟＂"
_DASHES = "‐‑‒–—―−⁃﹘﹣－"
# Every character str.isspace() accepts, so NBSP, the en/em spaces, line and paragraph
# separators and all ASCII controls that count as whitespace become a plain space.
_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace() and c != 0x20)
_DELETED = "\u00ad\u200b\u2060\ufeff"

_FOLD: dict[int, str] = {
    **{ord(c): "'" for c in _SINGLE_QUOTES},
    **{ord(c): '"' for c in _DOUBLE_QUOTES},
    **{ord(c): "-" for c in _DASHES},
    **{ord(c): " " for c in _SPACES},
}
_FOLD_AND_DELETE: dict[int, str | None] = {**_FOLD, **{ord(c): None for c in _DELETED}}

# Characters with combining class 0 that NFC still composes with the character before them
# (the second half of canonical pairs, Hangul vowel and trailing jamo), and those whose NFKD
# starts with a combining mark (half-width voiced sound marks). They never start a chunk.
# Computed once from the Unicode database with unicodedata and pasted here.
_JOINS_BACK = frozenset(
    chr(c) for c in (
        0x9BE, 0x9D7, 0xB3E, 0xB56, 0xB57, 0xBBE, 0xBD7, 0xCC2, 0xCD5, 0xCD6, 0xD3E, 0xD57,
        0xDCF, 0xDDF, 0xF73, 0xF75, 0xF81, 0xFB5, 0xFB7, 0x102E, 0x1B35, 0xFF9E, 0xFF9F,
        0x11127, 0x1133E, 0x11357, 0x114B0, 0x114BA, 0x114BD, 0x115AF, 0x11930,
        *range(0x1161, 0x1176), *range(0x11A8, 0x11C3),
    )
)

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_NEEDS_WORK = re.compile(r"[^ -~]|  |--")
_RUNS = re.compile(r" {2,}|-{2,}")
_HAS_DELETED = re.compile(f"[{_DELETED}]")
# A soft hyphen and the line or page break after it: a word broken at a line end (PDF text
# layers mark such hyphens; :mod:`factbase.sources.pdf`).
_SOFT_BREAK = re.compile(r"\u00ad\s*")


class _Map:
    """Pieces tiling an output text and the input text it came from.

    ``n[i]:n[i+1]`` (output) came from ``o[i]:o[i+1]`` (input); ``block[i]`` says whether the
    piece maps as a whole (True) or character for character (False, equal lengths).
    """

    __slots__ = ("block", "n", "o")

    def __init__(self) -> None:
        self.n: list[int] = [0]
        self.o: list[int] = [0]
        self.block: list[bool] = []

    def add(self, nlen: int, olen: int, block: bool) -> None:
        if nlen == 0 and olen == 0:
            return
        if not block and self.block and not self.block[-1]:
            self.n[-1] += nlen
            self.o[-1] += olen
            return
        self.block.append(block)
        self.n.append(self.n[-1] + nlen)
        self.o.append(self.o[-1] + olen)

    def back(self, start: int, end: int) -> tuple[int, int]:
        """Output range -> the smallest input range that produced it."""
        n, o, block = self.n, self.o, self.block
        if start >= end:
            if start >= n[-1]:
                return o[-1], o[-1]
            k = bisect_right(n, start) - 1
            pos = o[k] if block[k] else o[k] + start - n[k]
            return pos, pos
        k = bisect_right(n, start) - 1
        first = o[k] if block[k] else o[k] + start - n[k]
        k = bisect_right(n, end - 1) - 1
        last = o[k + 1] if block[k] else o[k] + end - n[k]
        return first, last

    def forward(self, pos: int, at_end: bool) -> int:
        """Input position -> output position, rounding outwards inside a block."""
        n, o, block = self.n, self.o, self.block
        if pos >= o[-1]:
            return n[-1]
        k = bisect_right(o, pos) - 1
        if not block[k]:
            return n[k] + pos - o[k]
        if pos == o[k]:
            return n[k]
        return n[k + 1] if at_end else n[k]


@dataclass(frozen=True, eq=False)
class Normalized:
    """A normalized text and the map back to the original it was made from."""

    original: str
    text: str
    _maps: tuple[_Map, ...] = ()

    @property
    def identity(self) -> bool:
        """True when the text was already normal (offsets are the same in both)."""
        return not self._maps

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized range (end-exclusive) to the original range that produced it.

        The original range's normalization contains the normalized slice; ranges that start
        or end inside a collapsed run or an expanded character widen to cover it.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"range {start}-{end} is outside the normalized text")
        for m in reversed(self._maps):
            start, end = m.back(start, end)
        return start, end

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        """Map an original range to the normalized range covering it (rounding outwards)."""
        if not 0 <= start <= end <= len(self.original):
            raise ValueError(f"range {start}-{end} is outside the original text")
        for m in self._maps:
            start, end = m.forward(start, False), m.forward(end, True)
        return start, end


def normalize(text: str) -> Normalized:
    """Normalize ``text`` for matching, keeping a map back to original offsets."""
    if text.isascii() and not _NEEDS_WORK.search(text):
        return Normalized(text, text)
    original = text
    maps: list[_Map] = []
    if "\u00ad" in text:
        text, joined = _join_soft_breaks(text)
        if joined is not None:
            maps.append(joined)
    folded, first = _fold_characters(text)
    if first is not None:
        maps.append(first)
    collapsed, second = _collapse_runs(folded)
    if second is not None:
        maps.append(second)
    return Normalized(original, collapsed, tuple(maps))


def join_hyphenated(text: str) -> Normalized:
    """``text`` with each soft hyphen and the whitespace after it removed ("Decem\u00adber"
    reads "December"), and the map back: what the mention extractors read."""
    if "\u00ad" not in text:
        return Normalized(text, text)
    joined, m = _join_soft_breaks(text)
    return Normalized(text, joined, (m,) if m is not None else ())


def _join_soft_breaks(text: str) -> tuple[str, _Map | None]:
    """Stage 0: a soft hyphen and the whitespace after it are deleted."""
    if not _SOFT_BREAK.search(text):
        return text, None
    out: list[str] = []
    m = _Map()
    pos = 0
    for run in _SOFT_BREAK.finditer(text):
        a, b = run.span()
        out.append(text[pos:a])
        m.add(a - pos, a - pos, False)
        m.add(0, b - a, True)
        pos = b
    out.append(text[pos:])
    m.add(len(text) - pos, len(text) - pos, False)
    return "".join(out), m


def _fold_characters(text: str) -> tuple[str, _Map | None]:
    """Stage 1: fold quotes, dashes and spaces; NFKC; drop invisible characters."""
    folded = text.translate(_FOLD)
    if folded.isascii():
        return folded, None  # one character for one: no map needed
    out: list[str] = []
    m = _Map()
    pos = 0
    for run in _NON_ASCII.finditer(folded):
        a, b = run.span()
        # The ASCII character before a run may be the base of its combining marks.
        lo = a - 1 if a > 0 else a
        chunk = folded[lo:b]
        if not _HAS_DELETED.search(chunk) and unicodedata.is_normalized("NFKC", chunk):
            continue
        out.append(folded[pos:lo])
        m.add(lo - pos, lo - pos, False)
        _fold_region(folded[lo:b], out, m)
        pos = b
    if pos == 0:
        return folded, None
    out.append(folded[pos:])
    m.add(len(folded) - pos, len(folded) - pos, False)
    return "".join(out), m


def _fold_region(region: str, out: list[str], m: _Map) -> None:
    """NFKC a region chunk by chunk: a chunk is a starter and the marks that join it."""
    i = 0
    size = len(region)
    while i < size:
        j = i + 1
        while j < size and (unicodedata.combining(region[j]) or region[j] in _JOINS_BACK):
            j += 1
        chunk = region[i:j]
        done = unicodedata.normalize("NFKC", chunk).translate(_FOLD_AND_DELETE)
        out.append(done)
        m.add(len(done), j - i, not (j - i == 1 and len(done) == 1))
        i = j


def _collapse_runs(text: str) -> tuple[str, _Map | None]:
    """Stage 2: a run of spaces becomes one space, a run of dashes one dash."""
    if not _RUNS.search(text):
        return text, None
    out: list[str] = []
    m = _Map()
    pos = 0
    for run in _RUNS.finditer(text):
        a, b = run.span()
        out.append(text[pos:a])
        m.add(a - pos, a - pos, False)
        out.append(text[a])
        m.add(1, b - a, True)
        pos = b
    out.append(text[pos:])
    m.add(len(text) - pos, len(text) - pos, False)
    return "".join(out), m
