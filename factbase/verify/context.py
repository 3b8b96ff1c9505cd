"""Is the value said of the claim's subject? The subject checks of a cited span.

* ``subject-not-in-span``: the claim has a ``subject`` and the span names neither it nor one
  of its aliases;
* ``value-not-near-subject``: the span covers several sentences or names several declared
  entities, and no mention that supports the value shares its sentence (or its clause, when
  the sentence names several entities) with the subject ("The first bank agreed to pay a
  $300 million penalty. On March 3, the second bank settled" does not support a $300 million
  penalty for the second bank).

Pure functions of the source text, the span and its mentions; docs/verification.md states
the rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from ..mentions.types import Mention
from ..model import Entity
from ..problems import Problem, problem
from ..values import Name

__all__ = ["segments", "sentences", "subject_problems"]

# A sentence ends at . ! or ? (and a closing quote) before white space, or at a line break;
# not after the abbreviations of titles and companies, nor after an initial ("J. Smith").
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n")
_NOT_AN_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Gen|Col|Lt|Sgt|Rev|Hon|Gov|Sen|Rep|Co|Corp|Inc|Ltd|"
    r"Bros|No|Nos|vs|etc|approx|est|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|"
    r"\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z])\.$")
# Inside one sentence, a new clause with its own actor starts at a semicolon or at a
# contrasting conjunction ("exports rose 6% while imports added 3%").
_CLAUSE_BREAK = re.compile(r";|,?\s+(?:while|whereas|but|although|though)\s+|,\s+and\s+")
# An aside inside a sentence says something of another actor: a relative clause between
# commas ("Barclays, which owns the Woolwich, forecast..."), words between dashes ("Nissan -
# in which Renault owns a 44% stake - contributed...") or in brackets.
_ASIDE = re.compile(r",\s+(?:which|who|whose|whom|where)\b[^,;]*(?:,|(?=$))"
                    r"|\s[-–—]\s[^-–—]+\s[-–—]\s|\([^()]*\)")
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")
_RELATIVE = re.compile(r"[\s,(\-–—]*(?:which|who|whose)\b")
# The kinds of value whose mention must be near the subject (a person or entity value is
# the name itself).
_VALUE_KINDS = frozenset({"date", "money", "quantity"})


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as (start, end) ranges that cover the span."""
    out: list[tuple[int, int]] = []
    left = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.group() != "\n" and _NOT_AN_END.search(text, max(start, m.start() - 12), m.start() + 1):
            continue
        if m.end() < end:
            out.append((left, m.end()))
            left = m.end()
    out.append((left, end))
    return [(a, b) for a, b in out if text[a:b].strip()] or [(start, end)]


def segments(text: str, start: int, end: int,
             split_clauses: bool) -> list[tuple[int, int, bool]]:
    """The sentences of the span, each cut into clauses when ``split_clauses``, as (start,
    end, is an aside): a sentence's asides come first (a position belongs to the first
    segment that holds it), then the pieces between its clause breaks."""
    out: list[tuple[int, int, bool]] = []
    for a, b in sentences(text, start, end):
        if not split_clauses:
            out.append((a, b, False))
            continue
        out.extend((m.start(), m.end(), True) for m in _ASIDE.finditer(text, a, b))
        left = a
        for m in _CLAUSE_BREAK.finditer(text, a, b):
            out.append((left, m.start(), False))
            left = m.start()
        out.append((left, b, False))
    return out


def _names_of(entity: Entity) -> re.Pattern[str]:
    return _name_pattern((entity.name, *entity.aliases))


@lru_cache(maxsize=4096)
def _name_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """A name or an alias, case-sensitive, at token boundaries, any white space inside."""
    parts = [r"\s+".join(re.escape(word) for word in form.split())
             for form in sorted(forms, key=len, reverse=True) if form.strip()]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def subject_problems(text: str, span: tuple[int, int], subject: str | None,
                     entities: Mapping[str, Entity], mentions: Sequence[Mention],
                     matched: Sequence[Mention], value_type: str) -> list[Problem]:
    """The subject checks of one span (problems without a location). ``mentions`` are the
    span's, ``matched`` those that support the value."""
    if subject is None or subject not in entities:
        return []  # no subject, or an unknown one (reported on the claim)
    entity = entities[subject]
    names = [m for m in mentions if m.kind == "entity" and isinstance(m.value, Name)]
    own = [m for m in names if m.value.entity == subject]  # type: ignore[union-attr]
    if not own:
        # Searched for alone: among the span's mentions a longer name or a role may have
        # taken the subject's ("Argentina's economy minister", "the Bank" of another bank).
        own = [Mention("entity", m.start(), m.end(), m.group(), Name(subject, m.group()))
               for m in _names_of(entity).finditer(text, span[0], span[1])]
    if not own:
        return [problem("subject-not-in-span", subject=entity.name)]
    if value_type not in ("money", "quantity", "change", "date"):
        return []
    values = [m for m in matched if m.kind in _VALUE_KINDS]
    if not values:
        return []
    named = {m.value.entity for m in names} | {subject}  # type: ignore[union-attr]
    parts = segments(text, span[0], span[1], split_clauses=len(named) > 1)
    if len(parts) < 2 and len(named) < 2:
        return []

    def part_of(m: Mention) -> int:
        return next((k for k, (a, b, _) in enumerate(parts) if a <= m.start < b), -1)

    near = {part_of(m) for m in own}
    others = [m for m in names if m.value.entity != subject]  # type: ignore[union-attr]
    for k, (a, b, aside) in enumerate(parts):
        if not aside:
            continue
        # A relative clause is said of the name just before it, whoever else it names
        # ("Renault, which owns 44% of Nissan"); so is an aside that names no one else. In
        # "Nissan - in which Renault owns a 44% stake -" the stake is Renault's.
        before = [m for m in [*own, *others] if a - 4 <= m.end <= a]
        if _RELATIVE.match(text, a) and before:
            # ... unless it is passive and names the subject as its agent ("Virgin Blue,
            # which is 25% owned by Richard Branson").
            agent = any(a <= m.start < b and _BY_BEFORE.search(text, a, m.start) for m in own)
            if before[0] in own or agent:
                near.add(k)
            else:
                near.discard(k)
        elif any(m in own for m in before) and not any(a <= m.start < b for m in others):
            near.add(k)
    if any(part_of(m) in near for m in values):
        return []
    found = ", ".join(f"{m.text!r}" for m in values[:3])
    return [problem("value-not-near-subject", found=found, subject=entity.name)]
