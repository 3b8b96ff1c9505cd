"""Is the value said of the claim's subject? The subject checks of a cited span.

* ``subject-not-in-span``: the claim has a ``subject`` and the span names neither it nor one
  of its aliases;
* ``value-not-near-subject``: the span covers several sentences or names several declared
  entities, and no mention that supports the value shares its sentence (or its clause, when
  the sentence names several entities) with the subject ("The first bank agreed to pay a
  $300 million penalty. On March 3, the second bank settled" does not support a $300 million
  penalty for the second bank); or the value's own clause says it is another entity's: what
  moves names another entity ("the South African economy had grown by 3.2%" is not Africa's
  growth), the value is in another entity's possessive infinitive ("Labour's promise to
  spend £42bn" is not the Liberal Democrats' promise), or it is part of another entity's
  declared name.

:func:`confusable` tells the judging rules which other values of a span the claimed one
could be confused with: not a value that is part of a declared name ("the 2015 agreement"),
and, for a claim with a subject, not one said of another entity of the subject's sort
("Toyota sales jumped 11% while rival Nissan notched up a 10% increase").

Pure functions of the source text, the span and its mentions; docs/verification.md states
the rules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from ..mentions.types import Mention
from ..model import Entity
from ..problems import Problem, problem
from ..values import Name

__all__ = ["confusable", "segments", "sentences", "subject_problems"]

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
# commas ("Barclays, which owns the Woolwich, forecast..."), an apposition between commas
# ("Chrysler, the US unit of Germany's DaimlerChrysler, was..."), words between dashes
# ("Nissan - in which Renault owns a 44% stake - contributed...") or in brackets.
_ASIDE = re.compile(r",\s+(?:which|who|whose|whom|where)\b[^,;]*(?:,|(?=$))"
                    r"|,\s+(?:the|a|an)\s[^,;]*,"
                    r"|\s[-–—]\s[^-–—]+\s[-–—]\s|\([^()]*\)")
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")
_RELATIVE = re.compile(r"[\s,(\-–—]*(?:which|who|whose)\b")
# An apposition is said of the name just before it, whatever it names.
_APPOSITION = re.compile(r",\s+(?:the|a|an)\s")
# A possessive infinitive: the possessor is the actor of the verb ("Labour's promise to
# spend £42bn", "GM's plan to cut 3,000 jobs"): up to three words between the noun and "to".
_POSSESSIVE_INFINITIVE = re.compile(r"\s+(?:[\w-]+\s+){1,3}?to\s+[a-z]\w*\b")
_GAP_BREAK = re.compile(r"[;.!?]|,\s|\s(?:and|but|while|whereas)\s")
# Inside a clause, the items of a list or of a coordination ("15.6% in Italy, 10.3% in
# Switzerland", "1.5% in Germany and 2.2% in France") each belong to the entity they name.
_ITEM_BREAK = re.compile(r";|,\s+|\s+(?:and|or|while|whereas|but|although|though)\s+")
# Entities of one sort are each other's alternatives; a place named beside an organization
# ("GM sold 4 million cars in China") says where, not who.
_SORT = {"person": "actor", "organization": "actor"}
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
        apposition = _APPOSITION.match(text, a) is not None
        if apposition and not before:
            # An apposition after a common noun renames it ("an intelligence-sharing
            # agreement, the General Security of Military Information Agreement (GSOMIA),"):
            # one with the clause around it.
            host = next((j for j, (c, d, inner) in enumerate(parts) if not inner and c <= a - 1 < d), -1)
            if k in near or host in near:
                near.update((k, host))
            continue
        if (_RELATIVE.match(text, a) or apposition) and before:
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
        # ... unless it is part of another entity's name, or its own clause says it is
        # another entity's, of the subject's sort.
        sort = _sort(entity)
        declared = declared_names(text, span, entities, mentions)
        whose = [_inside(m, declared) or _said_of(text, span, m, names, own) for m in values]
        values = [m for m, w in zip(values, whose, strict=True)
                  if w is not None and w != subject and _sort(entities.get(w)) == sort]
        if len(values) < len(whose):
            return []
    found = ", ".join(f"{m.text!r}" for m in values[:3])
    return [problem("value-not-near-subject", found=found, subject=entity.name)]


def _sort(entity: Entity | None) -> str:
    return "?" if entity is None else _SORT.get(entity.kind, entity.kind)


def _said_of(text: str, span: tuple[int, int], value: Mention, names: Sequence[Mention],
             own: Sequence[Mention]) -> str | None:
    """The entity the value's own clause says it is of, when it says so: the entity named
    by what moves (the clause's subject, "the South African economy had grown by 3.2%";
    not when the subject is named after it, as the object of the verb), or
    the possessor of an infinitive the value is in ("Labour's promise to spend £42bn").
    A name inside a longer name is that name's ("African" in "South African"). None when
    the clause names no one, or the subject among others."""
    clause = getattr(value.value, "clause", None)
    phrase = getattr(clause, "subject", None)
    if phrase:
        at = text.rfind(phrase, span[0], value.start)
        # ... unless the subject is named between them, as what a verb acts on ("Mr Ghosn
        # reduced Nissan's overheads by 20%": Nissan's overheads moved).
        if at >= 0 and not any(at + len(phrase) <= m.start and m.end <= value.start for m in own):
            inside = [m for m in [*names, *own] if at <= m.start and m.end <= at + len(phrase)]
            inside = [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end
                                                   and (o.end - o.start) > (m.end - m.start)
                                                   for o in inside)]
            found = {m.value.entity for m in inside}  # type: ignore[union-attr]
            if len(found) == 1:
                return found.pop()
    before = [m for m in names if span[0] <= m.end <= value.start]
    if not before:
        return None
    last = before[-1]
    gap = text[last.end:value.start]
    mark = re.match(r"['’]s?", gap)
    if mark is None and not re.search(r"['’]s?$", last.text):
        return None  # not a possessive
    words = gap[mark.end():] if mark else gap
    if _POSSESSIVE_INFINITIVE.match(words) and not _GAP_BREAK.search(words):
        return last.value.entity  # type: ignore[union-attr]
    return None


def declared_names(text: str, span: tuple[int, int], entities: Mapping[str, Entity],
                   mentions: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """Every declared name in the span that may hold a value, as (start, end, entity id):
    the name mentions, and the names with a digit that the extractors left to a date or an
    amount ("the 2015 agreement" when an entity declares that alias)."""
    found = [(m.start, m.end, m.value.entity) for m in mentions
             if m.kind == "entity" and isinstance(m.value, Name)
             and span[0] <= m.start and m.end <= span[1]]
    for entity in _numbered(entities):
        found += [(m.start(), m.end(), entity.id)
                  for m in _names_of(entity).finditer(text, span[0], span[1])]
    return found


_NUMBERED: dict[int, tuple[Mapping[str, Entity], list[Entity]]] = {}


def _numbered(entities: Mapping[str, Entity]) -> list[Entity]:
    """The entities with a digit in a name or alias (kept for the last few mappings, as one
    unit of work judges all its citations against the same one)."""
    kept = _NUMBERED.get(id(entities))
    if kept is not None and kept[0] is entities:
        return kept[1]
    found = [e for e in entities.values()
             if any(ch.isdigit() for form in (e.name, *e.aliases) for ch in form)]
    if len(_NUMBERED) > 8:
        _NUMBERED.clear()
    _NUMBERED[id(entities)] = (entities, found)
    return found


def _inside(m: Mention, names: Sequence[tuple[int, int, str]]) -> str | None:
    """The entity whose declared name holds the mention (a value that is part of a name)."""
    return next((e for a, b, e in names if a <= m.start and m.end <= b and (a, b) != (m.start, m.end)),
                None)


def confusable(text: str, span: tuple[int, int], subject: str | None,
               entities: Mapping[str, Entity],
               mentions: Sequence[Mention]) -> Callable[[Mention, Mention], bool]:
    """Whether a rival value of the span (second) could be confused with the matched one
    (first), as the span says what each is of:

    * a value inside a declared name is part of the name: a rival there is no value of its
      own ("the 2015 agreement" when an entity declares that alias), and a match there is
      the named thing's beyond confusion ("a 1998 joint declaration affirming the 1965
      agreement": the declaration's name says its year; whose name it is, is the subject
      check's business);
    * for a claim with a subject, a rival in another item than the match's, when the match's
      item names the subject and the rival's only entities of the subject's sort other than
      it: in "Toyota sales jumped 11% while rival Nissan notched up a 10% increase", "38.4%
      reside in Argentina, 15.6% in Italy" or "1.5% in Germany and 2.2% in France" each
      value is its entity's. An item is a piece of a sentence between clause breaks, commas
      and "and"/"or".

    What it needs is read from the span on the first question only: most spans have no
    rival to weigh.
    """
    declared: list[tuple[int, int, str]] | None = None
    known: tuple[list[int], set[int], set[int]] | None = None

    def in_a_name(m: Mention) -> bool:
        nonlocal declared
        if declared is None:
            declared = declared_names(text, span, entities, mentions)
        return _inside(m, declared) is not None

    def items() -> tuple[list[int], set[int], set[int]]:
        """The item breaks of the span, the items that name the subject, and those that name
        only others of its sort."""
        assert subject is not None
        sort = _sort(entities[subject])
        names = [m for m in mentions if m.kind == "entity" and isinstance(m.value, Name)
                 and span[0] <= m.start and m.end <= span[1]]
        own_at = [m.start for m in names if m.value.entity == subject]  # type: ignore[union-attr]
        own_at += [m.start() for m in _names_of(entities[subject]).finditer(text, span[0], span[1])]
        others = [m.start for m in names if m.value.entity != subject  # type: ignore[union-attr]
                  and _sort(entities.get(m.value.entity)) == sort]  # type: ignore[union-attr]
        cuts: list[int] = []
        for a, b in sentences(text, span[0], span[1]):
            cuts.append(a)
            cuts.extend(m.end() for m in _ITEM_BREAK.finditer(text, a, b))
        cuts.sort()
        mine = {bisect.bisect_right(cuts, at) for at in own_at}
        return cuts, mine, {bisect.bisect_right(cuts, at) for at in others} - mine

    def could_be(match: Mention, rival: Mention) -> bool:
        if in_a_name(rival) or in_a_name(match):
            return False
        nonlocal known
        if subject is None or subject not in entities:
            return True
        if known is None:
            known = items()
        cuts, mine, theirs = known
        return not (bisect.bisect_right(cuts, match.start) in mine
                    and bisect.bisect_right(cuts, rival.start) in theirs)

    return could_be
