"""Where a draft's quote is, and what it is about.

The quote is the clause that carries the mention (cut at the clause breaks of its sentence,
never inside brackets or a mention), unique in the source or given a ``prefix``; the subject
suggested is the nearest declared entity that the verifier's subject checks accept. Pure
functions of the text and its mentions; docs/drafting.md states the rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence

from .anchor import Anchorer
from .mentions import Mention
from .model import Entity
from .values import Money, Name, Person, Quantity, When
from .verify.context import sentences, subject_problems

__all__ = ["Mentions", "clause_span", "sentence_around", "sentence_span", "subject_holds", "suggest_subject",
           "unique_prefix"]

# Inside a sentence a new clause starts at a semicolon, at a contrasting conjunction, or at ",
# and" (the breaks of the verifier's subject check, factbase.verify.context).
_CLAUSE_BREAK = re.compile(r";\s*|,?\s+(?:while|whereas|but|although|though)\s+|,\s+and\s+")
# A relative clause said of the name before it: ", which has a capitalisation of £5.7bn".
_RELATIVE = re.compile(r",\s+(?:which|who|whose|whom|where)\b(?:[^,;()]|,(?=\d)|\([^()]*\))*(?=,|$)")
_OPEN, _CLOSE = "([{", ")]}"
# A clause shorter than this many words says too little to cite alone: its sentence is cited.
MIN_WORDS = 4
_WORD = re.compile(r"\S+")
# How far back a prefix may reach to tell a recurring quote apart.
MAX_PREFIX = 120


class Mentions:
    """The mentions of a text, sorted, with the ones inside a range found by bisection (a
    draft looks at the mentions of its sentence, not at all of them)."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.all = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.all]

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions wholly inside [start, end)."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [m for m in self.all[lo:hi] if m.end <= end]


def _index(context: Sequence[Mention] | Mentions) -> Mentions:
    return context if isinstance(context, Mentions) else Mentions(context)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence that holds [start, end), without surrounding white space."""
    left, right = sentence_span(text, start, end)
    return text[left:right]


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence (or sentences) holding [start, end) is, trimmed: sentences end as
    the verifier's do (not after "Mr." or an initial), and never cross a line break."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    if para_end == -1:
        para_end = len(text)
    if para_end < end:  # a mention across lines: its lines
        para_end = end
    left, right = start, end
    for a, b in sentences(text, para_start, para_end):
        if a <= start < b or a < end <= b:
            left, right = min(left, a), max(right, b)
    return _trim(text, left, right)


def _trim(text: str, left: int, right: int) -> tuple[int, int]:
    while left < right and text[left].isspace():
        left += 1
    while right > left and (text[right - 1].isspace() or text[right - 1] in ",;:"):
        right -= 1
    return left, right


def clause_span(text: str, m: Mention,
                context: Sequence[Mention] | Mentions = ()) -> tuple[int, int]:
    """Where the clause that carries ``m`` is: its sentence cut at the clause breaks that lie
    outside brackets and outside every mention of ``context``, with the pieces that hold the
    mention's linked amounts (or a named official's title); a relative clause ("Allied Domecq,
    which has a capitalisation of £5.7bn") from the name before it; a relative clause after
    the mention left out. A clause of fewer than MIN_WORDS words gives way to its sentence."""
    start, end = _extent(m)
    s_start, s_end = sentence_span(text, start, end)
    inside = _index(context).within(s_start, s_end)

    def free(at: int) -> bool:
        return _depth(text, s_start, at) == 0 and not any(o.start < at < o.end for o in inside)

    cuts = [s_start]
    for b in _CLAUSE_BREAK.finditer(text, s_start, s_end):
        if free(b.start()) and b.start() > s_start:
            cuts.append(b.end())
    cuts.append(s_end)
    pieces = [(cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1)]
    # The piece boundaries lie after each break: a piece ends with the break that ends it.
    first = next(k for k, (a, b) in enumerate(pieces) if a <= start < b or k == len(pieces) - 1)
    last = next(k for k, (a, b) in enumerate(pieces) if a < end <= b or k == len(pieces) - 1)
    left, right = pieces[min(first, last)][0], pieces[max(first, last)][1]
    right = _before_break(text, left, right)
    for rel in _RELATIVE.finditer(text, left, right):
        if not free(rel.start()):
            continue
        if rel.start() <= start and end <= rel.end():
            left = max(left, _name_before(text, rel.start(), inside))
            right = rel.end()
        elif rel.start() >= end and rel.end() >= right - 1:
            right = rel.start()
    left, right = _trim(text, left, right)
    if len(text[left:right].split()) < MIN_WORDS:
        return s_start, s_end
    return left, right


_PROPER = re.compile(r"(?<![\w'’&.-])(?:[A-Z][\w'’&.-]*\s+)*[A-Z][\w'’&.-]*$")


def _name_before(text: str, at: int, context: Sequence[Mention]) -> int:
    """Where the name just before ``at`` starts (a declared entity's, else a run of
    capitalized words: "Allied Domecq, which"); 0 when there is none."""
    names = [o for o in context if isinstance(o.value, Name) and at - 4 <= o.end <= at]
    if names:
        return names[-1].start
    words = _PROPER.search(text, max(0, at - 80), at)
    return words.start() if words is not None else 0


def _extent(m: Mention) -> tuple[int, int]:
    """The mention with what belongs to it: a named official's title, an amount's linked
    amounts (the level a change reaches, the change a level comes from)."""
    start, end = m.start, m.end
    value = m.value
    if isinstance(value, Person):
        start, end = min(start, value.role_start), max(end, value.role_end)
    if isinstance(value, Money | Quantity) and value.clause is not None:
        c = value.clause
        for at in (c.change, c.to, c.from_, c.pair):
            if at is not None:
                start, end = min(start, at), max(end, at + 1)
    return start, end


def _depth(text: str, start: int, at: int) -> int:
    """How many brackets are open at ``at``, counting from ``start``."""
    depth = 0
    for ch in text[start:at]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
    return depth


def _before_break(text: str, left: int, right: int) -> int:
    """``right`` moved back before the clause break that ends the piece, if one does."""
    for b in _CLAUSE_BREAK.finditer(text, left, right):
        if b.end() == right and b.start() > left:
            return b.start()
    return right


def unique_prefix(anchorer: Anchorer, start: int, end: int) -> str | None:
    """None when ``text[start:end]`` occurs once; else the fewest whole words before it that
    make it anchor there (as a citation's ``prefix``), or None when none within MAX_PREFIX
    characters does."""
    text = anchorer.text
    quote = text[start:end]
    if len(anchorer.exact(quote)) == 1:
        return None
    words = [w.start() for w in _WORD.finditer(text, max(0, start - MAX_PREFIX), start)]
    for at in reversed(words):
        prefix = text[at:start].strip()
        found = anchorer.anchor(quote, prefix=prefix)
        if not found.ambiguous and (found.start, found.end) == (start, end):
            return prefix
    return None


# ---------------------------------------------------------------------------- subjects


_VALUE_TYPES = {"date": "date", "money": "money", "quantity": "quantity"}


def suggest_subject(text: str, m: Mention, context: Sequence[Mention] | Mentions,
                    entities: Mapping[str, Entity], start: int, end: int,
                    ) -> tuple[str | None, int, int]:
    """The declared entity a draft of ``m`` is likely about, and its quote widened to name it:
    the nearest named entity (by offset; before the value, else after it) of the clause, else
    of the sentence, that the verifier's subject checks accept for the widened quote. (None,
    start, end) when there is none, for unresolved dates, and for values that are names."""
    kind = _VALUE_TYPES.get(m.kind)
    if kind is None or not entities or (isinstance(m.value, When) and not m.value.resolved):
        return None, start, end
    if isinstance(m.value, Money | Quantity) and m.value.clause is not None \
            and m.value.clause.role == "change":
        kind = "change"
    s_start, s_end = sentence_span(text, start, end)
    index = _index(context)
    names = [o for o in index.within(s_start, s_end)
             if isinstance(o.value, Name) and o.value.entity in entities]

    def rank(o: Mention) -> tuple[bool, bool, int]:
        # The clause first, then the sentence; in each, the names before the value first
        # (an English clause names what it is about before it says the value: "Pernod has
        # reduced the debt it took on to fund the Seagram purchase to just 1.8bn euros").
        in_clause = start <= o.start and o.end <= end
        after = o.start >= m.end
        distance = o.start - m.end if after else m.start - o.end
        return (not in_clause, after, distance)

    tried: set[str] = set()
    for o in sorted(names, key=rank):
        assert isinstance(o.value, Name)
        entity = o.value.entity
        if entity in tried:
            continue
        tried.add(entity)
        a, b = _trim(text, min(start, o.start), max(end, o.end))
        if subject_holds(text, m, index, entities, entity, a, b, kind):
            return entity, a, b
    return None, start, end


def subject_holds(text: str, m: Mention, context: Sequence[Mention] | Mentions,
                   entities: Mapping[str, Entity], entity: str, start: int, end: int,
                   kind: str | None = None) -> bool:
    """Whether the verifier's subject checks accept ``entity`` as the subject of a draft of
    ``m`` citing ``text[start:end]``."""
    if kind is None:
        kind = _VALUE_TYPES[m.kind]
        if isinstance(m.value, Money | Quantity) and m.value.clause is not None \
                and m.value.clause.role == "change":
            kind = "change"
    spanned = _index(context).within(start, end)
    return not subject_problems(text, (start, end), entity, entities, spanned, [m], kind)
