"""The Mention type and the dispatcher over the per-kind extractors."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..values import MentionValue

if TYPE_CHECKING:
    from ..model import Entity

MentionKind = Literal["date", "money", "quantity", "entity", "role"]
KINDS: tuple[MentionKind, ...] = ("date", "money", "quantity", "entity", "role")


@dataclass(frozen=True)
class Mention:
    kind: MentionKind
    start: int
    end: int
    text: str
    value: MentionValue

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value.to_dict(),
        }


def find_mentions(
    text: str,
    reference: str | None = None,
    kinds: Iterable[str] | None = None,
    entities: Sequence[Entity] | None = None,
    currency: str | None = None,
) -> list[Mention]:
    """Typed mentions in ``text``.

    ``reference`` (YYYY, YYYY-MM or YYYY-MM-DD) resolves relative dates; ``kinds`` limits the
    kinds; ``entities`` are the known entities whose names, aliases and roles are matched;
    ``currency`` is the default currency of a bare "$" (USD when None).

    Overlaps resolve to one mention: dates and money first (the longer wins, a date on a tie),
    then names (the longest wins), then quantities only outside all of them. Dates and money
    are always extracted when quantities are wanted, so that a year or the number of an amount
    is never reported as a count.
    """
    wanted = _wanted(kinds)
    need_dates = bool(wanted & {"date", "quantity"})
    need_money = bool(wanted & {"money", "quantity"})
    need_names = bool(entities) and bool(wanted & {"entity", "role", "quantity"})

    first: list[Mention] = []
    if need_dates:
        first.extend(_find_dates(text, reference))
    if need_money:
        from .money import find_money

        first.extend(find_money(text, currency))
    taken = _Spans()
    kept: list[Mention] = []
    for mention in sorted(first, key=lambda m: (m.start - m.end, m.kind != "date", m.start)):
        if taken.add(mention.start, mention.end):
            kept.append(mention)
    if need_names and entities:
        from .names import find_names

        for mention in find_names(text, entities):
            if taken.add(mention.start, mention.end):
                kept.append(mention)
    if "quantity" in wanted:
        from .quantities import find_quantities

        for mention in find_quantities(text):
            if taken.add(mention.start, mention.end):
                kept.append(mention)
    return sorted((m for m in kept if m.kind in wanted), key=lambda m: (m.start, m.end))


def _wanted(kinds: Iterable[str] | None) -> set[str]:
    if kinds is None:
        return set(KINDS)
    wanted = set(kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"unknown mention kind(s): {', '.join(sorted(unknown))}")
    return wanted


def _find_dates(text: str, reference: str | None) -> list[Mention]:
    # The date extractor lives in its own module; until it exists, there are no dates.
    try:
        from .dates import find_dates
    except ImportError:
        return []
    return find_dates(text, reference)


class _Spans:
    """Non-overlapping [start, end) spans, kept sorted for bisection."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> bool:
        """Add the span unless it overlaps one already taken; True if added."""
        i = bisect_right(self._starts, start)
        if i > 0 and self._ends[i - 1] > start:
            return False
        if i < len(self._starts) and self._starts[i] < end:
            return False
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True
