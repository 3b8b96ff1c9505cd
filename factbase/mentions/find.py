"""The dispatcher over the per-kind extractors: every kind of mention in one call.

The extractors are imported here, eagerly: one that fails to import fails loudly, never as a
kind that silently finds nothing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from ..textmap import join_hyphenated
from .clauses import annotate_clauses
from .dates import find_dates
from .money import find_money
from .names import find_names
from .people import find_people
from .quantities import find_quantities
from .types import KINDS, Mention

if TYPE_CHECKING:
    from ..model import Entity

def find_mentions(
    text: str,
    reference: str | None = None,
    kinds: Iterable[str] | None = None,
    entities: Sequence[Entity] | None = None,
    currency: str | None = None,
    *,
    context: str | None = None,
) -> list[Mention]:
    """Typed mentions in ``text``.

    ``reference`` (YYYY, YYYY-MM or YYYY-MM-DD) resolves relative dates; ``kinds`` limits the
    kinds; ``entities`` are the known entities whose names, aliases and roles are matched;
    ``currency`` is the default currency of a bare "$" (USD when None). When ``text`` is a
    window of a longer document, ``context`` is that document: the countries it names decide
    a currency name or sign that several countries share ("200 dinars" in a story about
    Algeria), as they would in the whole text.

    Overlaps resolve to one mention: dates and money first (the longer wins, a date on a tie),
    then names (the longest wins), then named officials (``person``: a person named with a
    title who is not a declared entity), then quantities only outside all of them. Dates and money
    are always extracted when quantities are wanted, so that a year or the number of an amount
    is never reported as a count. Then each money and quantity mention is given what it is
    in its clause (:func:`~factbase.mentions.clauses.annotate_clauses`: a level or a change,
    and its links), over all the amounts of the text whichever of the two is asked for.

    A word broken by a soft hyphen at a line end (a PDF's "Decem-/ber") is read whole; the
    mention's offsets and text are the source's own.

    Raises ValueError for an unknown kind or a malformed ``reference``.
    """
    if "\u00ad" in text:
        joined = join_hyphenated(text)
        if joined.text != text:
            found = find_mentions(joined.text, reference, kinds, entities, currency,
                                  context=context)
            return [m.moved(lambda a, b: joined.to_original(a, b), text) for m in found]
    wanted = _wanted(kinds)
    # Every amount is read whenever one kind of amount is wanted: a money mention's clause
    # links to the quantities around it ("rose 8% to $4.7bn") and the other way round.
    amounts = bool(wanted & {"money", "quantity"})
    need_dates = "date" in wanted or amounts
    need_names = bool(entities) and (bool(wanted & {"entity", "role"}) or amounts)

    first: list[Mention] = []
    if need_dates:
        first.extend(find_dates(text, reference))
    if amounts:
        first.extend(find_money(text, currency, context))
    first.sort(key=_start)
    # a date and an amount over the same words: the longer wins, a date on a tie
    kept = sweep(first, lambda new, old: (new.end - new.start, new.kind == "date")
                 > (old.end - old.start, old.kind == "date"))
    if need_names and entities:
        kept = _merge(kept, find_names(text, entities))
    if "person" in wanted or amounts:
        # named officials who are not declared entities: a declared name wins the overlap
        kept = _merge(kept, find_people(text))
    if amounts:
        kept = _merge(kept, find_quantities(text, [(m.start, m.end) for m in kept]))
        kept = annotate_clauses(text, kept)
    return [m for m in kept if m.kind in wanted]


def _start(mention: Mention) -> int:
    return mention.start


def sweep(items: list[Mention], better: Callable[[Mention, Mention], bool]) -> list[Mention]:
    """Non-overlapping mentions from ``items`` (sorted by start): of two that overlap, the
    one ``better`` prefers. One pass, no quadratic insertions."""
    out: list[Mention] = []
    for item in items:
        if out and out[-1].end > item.start:
            if better(item, out[-1]):
                out[-1] = item
            continue
        out.append(item)
    return out


def _merge(kept: list[Mention], more: list[Mention]) -> list[Mention]:
    """``kept`` plus the mentions of ``more`` that overlap none of it (both sorted)."""
    starts = [m.start for m in kept]
    added = []
    for mention in more:
        i = bisect_right(starts, mention.start)
        if i and kept[i - 1].end > mention.start:
            continue
        if i < len(kept) and kept[i].start < mention.end:
            continue
        added.append(mention)
    if not added:
        return kept
    return sorted([*kept, *added], key=_start)


def _wanted(kinds: Iterable[str] | None) -> set[str]:
    if kinds is None:
        return set(KINDS)
    wanted = set(kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"unknown mention kind(s): {', '.join(sorted(unknown))}")
    return wanted
