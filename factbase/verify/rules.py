"""The judging rules: does a span's typed mentions support a claimed value?

Pure functions of a typed value and the mentions of one anchored span; nothing here reads a
file, anchors a quote or knows about the run. docs/verification.md states the rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..mentions.types import Mention
from ..model import (
    ChangeValue,
    DateValue,
    Entity,
    EntityValue,
    MoneyValue,
    PersonValue,
    QuantityValue,
    QuoteValue,
)
from ..model_errors import nearest
from ..problems import Problem, problem
from ..values import (
    Name,
    When,
    claimed_interval,
    compare_dates,
    partial_date_interval,
)
from .amounts import Confusable, describe_change, describe_wanted, judge_amount, wanted_of
from .person import role_forms, role_support

Status = Literal["verified", "contradicted", "unsupported", "unanchored", "stale", "invalid"]
TypedValue = (DateValue | MoneyValue | QuantityValue | ChangeValue | PersonValue | EntityValue
              | QuoteValue)

# The mention kind that can support each value type.
MENTION_KIND = {"date": "date", "money": "money", "quantity": "quantity", "person": "entity",
                "entity": "entity"}


@dataclass
class Verdict:
    """The judgement of one span: a status, its problems (without a location: the caller
    knows where the value is written), and the evidence, as (position in the mentions
    judged, whether it matches)."""

    status: Status
    problems: list[Problem] = field(default_factory=list)
    evidence: list[tuple[int, bool]] = field(default_factory=list)


def describe(value: TypedValue, entities: Mapping[str, Entity] | None = None) -> str:
    """A short human form of a claimed value: "9000000 USD", "2019-12-24", "Shinzo Abe (Prime
    Minister of Japan)"."""
    if isinstance(value, DateValue):
        text = value.date or f"{value.from_}/{value.to}"
        return f"{value.qualifier} {text}" if value.qualifier else text
    if isinstance(value, MoneyValue | QuantityValue):
        return describe_wanted(wanted_of(value))
    if isinstance(value, ChangeValue):
        return describe_change(value)
    if isinstance(value, PersonValue | EntityValue):
        entity = entities.get(value.entity) if entities is not None else None
        name = entity.name if entity else value.entity
        role = value.role if isinstance(value, PersonValue) else None
        return f"{name} ({role})" if role else name
    return "(quote)"


def judge(value: TypedValue, mentions: Sequence[Mention], entities: Mapping[str, Entity],
          source_id: str, *, pin: tuple[int, int] | None = None,
          text: str | None = None, span_text: str | None = None, span_start: int = 0,
          published: str | None = None, confusable: Confusable | None = None) -> Verdict:
    """Compare a claim's typed value with the mentions of one anchored span. ``pin`` is the
    range of the citation's ``mention:`` (source offsets): only the mentions that overlap it
    can support the value. ``text`` is the source's text (offsets of the mentions index it),
    where a unit the extractors did not read is looked for. ``span_text`` is the span's own
    text and ``span_start`` its offset in the source: a person's role is looked for there
    (without it, only declared role mentions count). ``published`` is the source's reference
    date, named when a relative date cannot be resolved. ``confusable`` tells whether another
    value of the span could be confused with the matched one, as the span says whom each is
    of (None: all can); a value with such rivals is verified with ``ambiguous-evidence``."""
    if isinstance(value, QuoteValue):
        return Verdict("verified")
    if isinstance(value, MoneyValue | QuantityValue | ChangeValue):
        return Verdict(*judge_amount(value, mentions, lambda: describe(value, entities), pin, text,
                                     confusable))
    if pin is not None:
        # The pinpointed mentions only; evidence positions are mapped back to the span's, and
        # the span's other values are no rivals: the citation says which one it means.
        kept = [i for i, m in enumerate(mentions) if m.start < pin[1] and pin[0] < m.end]
        verdict = judge(value, [mentions[i] for i in kept], entities, source_id, text=text,
                        span_text=span_text, span_start=span_start, published=published)
        verdict.evidence = [(kept[i], matches) for i, matches in verdict.evidence]
        return verdict
    kind = MENTION_KIND[value.type]
    relevant = [i for i, m in enumerate(mentions)
                if m.kind == kind or (kind == "entity" and m.kind == "role")]
    expected = describe(value, entities)

    if isinstance(value, DateValue):
        return _judge_date(value, mentions, relevant, expected, source_id, published, confusable)

    assert isinstance(value, PersonValue | EntityValue)
    return _judge_person(value, mentions, relevant, entities, expected, span_text, span_start)


def _judge_person(value: PersonValue | EntityValue, mentions: Sequence[Mention],
                  relevant: list[int], entities: Mapping[str, Entity], expected: str,
                  span_text: str | None, span_start: int) -> Verdict:
    """The person (or entity) must be named in the span; a claimed role must be attached to
    that person there, as a title (docs/verification.md, "People and roles")."""
    names = [i for i in relevant if mentions[i].kind == "entity"
             and isinstance(mentions[i].value, Name) and mentions[i].value.entity == value.entity]  # type: ignore[union-attr]
    if not names:
        others = [i for i in relevant if mentions[i].kind == "entity"]
        return _no_match("entity", expected, mentions, others, [(i, False) for i in relevant])
    matching = set(names)
    if not isinstance(value, PersonValue) or value.role is None:
        return Verdict("verified", [], [(i, i in matching) for i in relevant])
    entity = entities.get(value.entity)
    if span_text is None:  # no text to read: the declared role mentions of the person
        forms = role_forms(entity, value.role) if entity else None
        roles = {i for i in relevant if mentions[i].kind == "role" and forms is not None
                 and _role_in(mentions[i], forms) and mentions[i].value.entity == value.entity}  # type: ignore[union-attr]
        status: Status = "verified" if roles else "unsupported"
        found = [] if roles else [problem("role-not-found", entity=value.entity, role=value.role,
                                          hint=_role_fix(entity, value.role))]
        if forms is None:
            found.append(problem("undeclared-role", entity=value.entity, role=value.role))
        return Verdict(status, found, [(i, i in matching or i in roles) for i in relevant])
    support = role_support(value.role, entity, mentions, names, entities, span_text, span_start)
    warnings = [] if support.declared else [problem("undeclared-role", entity=value.entity,
                                                    role=value.role)]
    if not support.attached:
        return Verdict("unsupported", [problem("role-not-found", entity=value.entity,
                                               role=value.role,
                                               hint=support.hint() + _role_fix(
                                                   entity, value.role, bool(support.elsewhere))),
                                       *warnings],
                       [(i, i in matching) for i in relevant])
    for i in relevant:  # the role's own mentions that lie on an attached occurrence
        m = mentions[i]
        if m.kind in ("role", "person") and any(a < m.end and m.start < b for a, b in support.attached):
            matching.add(i)
    return Verdict("verified", warnings, [(i, i in matching) for i in relevant])


def _role_fix(entity: Entity | None, role: str, elsewhere: bool = False) -> str:
    """What to change when a role is not found: the person, when the span gives the role to
    someone else; else the declared role the claim most likely meant, or the words to quote."""
    if elsewhere:
        return "; check which person the claim is about"
    declared = [r.title for r in entity.roles] if entity is not None else []
    forms = {form.casefold() for r in (entity.roles if entity else []) for form in (r.title, *r.aliases)}
    if declared and role.casefold() not in forms:
        best = nearest(role, declared)
        if best is not None:
            return f"; did you mean the declared role {best!r}?"
        shown = ", ".join(repr(title) for title in declared[:5])
        return f"; the entity declares {shown}: claim one of them, or quote the words that give {role!r}"
    return "; quote the words that give the role with the name"


# ---------------------------------------------------------------------------- dates

_OUTCOME_RANK = {"match": 0, "coarser": 1, "unresolved": 2}


def _judge_date(value: DateValue, mentions: Sequence[Mention], relevant: list[int],
                expected: str, source_id: str, published: str | None,
                confusable: Confusable | None = None) -> Verdict:
    """A date claim against the date mentions of a span (docs/verification.md):

    * a single date (``date:``) is supported by a mention that lies inside it, or by either
      end of a period mention ("from May 2 to July 9" supports July 9);
    * a period (``from``/``to``) is supported only by a mention that starts inside its
      ``from`` and ends inside its ``to`` (for a period mention: whose ends lie inside them),
      never by one date that falls inside the period;
    * a span that also holds a date of another time (one whose days do not overlap the
      match's) could mean that one: the match is verified with ``ambiguous-evidence`` ("In
      2003 the firm launched a plan to triple sales by 2007" for a claimed 2007).
    """
    first, last, precision = claimed_interval(value.date, value.from_, value.to, value.qualifier)
    if value.date is None:
        assert value.from_ is not None and value.to is not None
        ends = (_interval(value.from_), _interval(value.to))
        outcomes = [_period_outcome(ends, (first, last), value.qualifier, mentions[i].value)
                    for i in relevant]
    else:
        outcomes = [_date_outcome((first, last), mentions[i].value) for i in relevant]
    evidence = [(i, o == "match") for i, o in zip(relevant, outcomes, strict=True)]
    if "match" in outcomes:
        best = mentions[relevant[outcomes.index("match")]]
        rivals = _date_rivals(best, [mentions[i] for i in relevant], confusable)
        if not rivals:
            return Verdict("verified", [], evidence)
        shown = ", ".join(f"{m.text!r} ({m.value})" for m in rivals[:5])
        return Verdict("verified", [problem("ambiguous-evidence", others=shown)], evidence)
    if "unresolved" in outcomes:
        m = mentions[relevant[outcomes.index("unresolved")]]
        reason = _unresolved_reason(m, source_id, published)
        return Verdict("unsupported", [problem("relative-date-unresolved", text=m.text,
                                               source=source_id, reason=reason)], evidence)
    if "coarser" in outcomes:
        m = mentions[relevant[outcomes.index("coarser")]]
        assert isinstance(m.value, When)
        return Verdict("contradicted", [problem(
            "precision-mismatch", found=m.text, found_precision=m.value.precision,
            expected=expected, expected_precision=precision,
            written=f"`date: {m.value.iso}`" if value.date is not None and "/" not in m.value.iso
            else "the span's date")], evidence)
    if value.date is None and "mismatch" not in outcomes:
        # Only single dates inside the claimed period: they do not state the period, nor
        # contradict it.
        return Verdict("unsupported", [problem("value-not-found", kind="date period",
                                               expected=expected)], evidence)
    return _no_match("date", expected, mentions, relevant, evidence)


def _date_rivals(best: Mention, found: Sequence[Mention],
                 confusable: Confusable | None) -> list[Mention]:
    """The dates of the span that a claimed date could be confused with: resolved dates
    whose days do not overlap the match's ("2003" for a match "2007"; never "December 2007"
    nor "2007" again), one per value, unless the span says they are another entity's or
    part of a name ("the 2015 agreement")."""
    assert isinstance(best.value, When) and best.value.first and best.value.last
    first, last = best.value.first, best.value.last
    out: list[Mention] = []
    seen: set[str] = set()
    for m in found:
        when = m.value
        if m is best or not isinstance(when, When) or when.first is None or when.last is None:
            continue
        if when.last >= first and when.first <= last:
            continue  # the same time, or a part of it
        if when.iso in seen or (confusable is not None and not confusable(best, m)):
            continue
        seen.add(when.iso)
        out.append(m)
    return out


def _interval(partial: str) -> tuple[dt.date, dt.date]:
    first, last, _ = partial_date_interval(partial)
    return first, last


def _best(outcomes: list[str]) -> str:
    return min(outcomes, key=lambda o: _OUTCOME_RANK.get(o, 3))


def _date_outcome(claim: tuple[dt.date, dt.date], found: object) -> str:
    """match / coarser / unresolved / mismatch of one mention for a claimed single date;
    a period mention's ends are tried too."""
    if not isinstance(found, When):
        return "mismatch"
    outcome: str = compare_dates(claim, found)
    if outcome != "match" and found.from_ is not None and found.to is not None:
        outcome = _best([outcome, compare_dates(claim, found.from_),
                         compare_dates(claim, found.to)])
    return outcome


def _period_outcome(ends: tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]],
                    claim: tuple[dt.date, dt.date], qualifier: str | None, found: object) -> str:
    """One mention for a claimed period: "match" when it starts inside the claimed ``from``
    and ends inside the claimed ``to`` (an end that carries a qualifier, "from approximately
    1990", must lie wholly inside the claimed end), "coarser" when it covers them less
    precisely, "inside" when it is a date within the period (no support, no contradiction),
    else "mismatch". A qualified claimed period ("late 1990s") takes a mention of exactly its
    days, or a period mention that lies inside it."""
    if not isinstance(found, When):
        return "mismatch"
    if not found.resolved:
        return "unresolved"
    assert found.first is not None and found.last is not None
    if qualifier is not None:
        if (found.first, found.last) == claim:
            return "match"
        outcome = compare_dates(claim, found)
        return outcome if found.is_period or outcome != "match" else "inside"
    start = _end_outcome(ends[0], found.from_, found.first)
    end = _end_outcome(ends[1], found.to, found.last)
    if (start, end) == ("match", "match"):
        return "match"
    if {start, end} <= {"match", "coarser"}:
        return "coarser"
    if not found.is_period and compare_dates(claim, found) == "match":
        return "inside"
    return "mismatch"


def _end_outcome(claimed: tuple[dt.date, dt.date], end: When | None, day: dt.date) -> str:
    """One end of a mention against one claimed end. An end the mention writes as a date
    (with a precision) must lie wholly inside the claimed end, as any date must: "January
    2004" does not state the claimed start 2004-01-01 ("coarser"), "May 2" lies inside the
    claimed start 2019-05. An end coarser than a year (a decade: "the 80s"), or a period with
    no written ends (a named event), is compared by its first (or last) ``day``, since a
    claim cannot be written at that precision: "the 80s and 90s" state 1980 to 1999."""
    if end is not None and (end.qualifier is not None or end.precision in _WRITABLE):
        return compare_dates(claimed, end)
    if claimed[0] <= day <= claimed[1]:
        return "match"
    if end is not None and end.first is not None and end.last is not None \
            and end.first <= claimed[0] and claimed[1] <= end.last:
        return "coarser"
    return "mismatch"


# The precisions of a period mention's end compared as a whole date: a claimed end can be
# written as precisely (or, for a season, quarter or half, as a year that holds it). Coarser
# ends (decade, century) are compared by their first or last day.
_WRITABLE = frozenset({"day", "month", "season", "quarter", "half", "year"})


def _unresolved_reason(mention: Mention, source_id: str, published: str | None) -> str:
    found = mention.value
    needs = found.needs if isinstance(found, When) else None
    if published is None:
        return (f"is relative and source {source_id!r} has no `published` date; add it to the "
                "source (YYYY-MM-DD)")
    if needs is None:
        return (f"cannot be resolved against the `published` date of source {source_id!r} "
                f"({published}); claim the date only if the text gives it, or check `published`")
    return (f"needs a {needs}-precision `published` (source {source_id!r} has {published}); "
            f"give the source's `published` to the {needs}")


def _role_in(mention: Mention, forms: set[str]) -> bool:
    found = mention.value
    return isinstance(found, Name) and (found.alias.casefold() in forms
                                        or (found.role or "").casefold() in forms)


def _no_match(kind: str, expected: str, mentions: Sequence[Mention], relevant: list[int],
              evidence: list[tuple[int, bool]]) -> Verdict:
    if relevant:
        found = ", ".join(f"{mentions[i].text!r} ({mentions[i].value})" for i in relevant[:5])
        return Verdict("contradicted", [problem("value-mismatch", found=found, expected=expected)],
                       evidence)
    return Verdict("unsupported", [problem("value-not-found", kind=kind, expected=expected)], evidence)
