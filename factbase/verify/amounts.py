"""Judging amounts: money, quantity and change values against a span's amount mentions.

Pure functions, like :mod:`factbase.verify.rules` (whose ``judge`` calls :func:`judge_amount`);
docs/verification.md states the rules:

* a plain money or quantity value is matched by *level* mentions only (a mention whose
  :class:`~factbase.values.Clause` says it is a change never supports it);
* a change value is matched by one *movement* of the span: a change mention with the levels it
  links to (``to``, ``from``), or a pair of levels reached and left ("cut to 4.5% from
  4.75%"); every part the claim gives must match its member of the movement, and the
  direction must be the movement's;
* units are compared in their normal form and physical units converted
  (:mod:`factbase.mentions.units`); the same number of another unit or currency is
  ``unit-mismatch``, never a ``value-mismatch`` that shows two equal numbers;
* when the span holds other values that the claimed one could be confused with (levels of
  the same currency or unit for a plain value, other movements for a change), the verdict
  carries ``ambiguous-evidence``, unless the citation pinpoints its mention (``mention:``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from ..mentions.types import Mention
from ..mentions.units import conversion, convert, normalize_unit
from ..model import ChangePart, ChangeValue, MoneyValue, QuantityValue
from ..problems import Problem, problem
from ..values import Clause, Money, Number, Quantity, amount_interval, format_decimal

__all__ = ["Confusable", "Judged", "Wanted", "describe_change", "describe_wanted", "judge_amount",
           "wanted_of"]

Fit = Literal["match", "other-value", "vague", "foreign", "other-unit", "unrelated"]
# Whether a rival value (second) could be confused with the matched one (first), as the span
# says whom each is of (:func:`factbase.verify.context.confusable`).
Confusable = Callable[[Mention, Mention], bool]
LEVEL = Clause()
# How many found values a message lists.
SHOWN = 5


@dataclass(frozen=True)
class Wanted:
    """One claimed amount: a number or a range, of a currency or a unit, with its qualifier."""

    kind: Literal["money", "quantity"]
    low: Number
    high: Number | None = None           # a range's upper end
    currency: str | None = None
    unit: str | None = None
    qualifier: str | None = None


def wanted_of(value: MoneyValue | QuantityValue | ChangePart) -> Wanted:
    """The claimed amount of a money or quantity value, or of one part of a change."""
    low = value.amount if value.amount is not None else value.min
    assert low is not None  # the models require `amount` or `min`
    high = None if value.amount is not None else value.max
    if isinstance(value, MoneyValue):
        return Wanted("money", low, high, currency=value.currency, qualifier=value.qualifier)
    if isinstance(value, QuantityValue):
        return Wanted("quantity", low, high, unit=value.unit, qualifier=value.qualifier)
    # A part is money when it names a currency ("by 300m euros"); else a number with a unit,
    # whatever moved ("43% rise in net profits").
    return Wanted("money" if value.currency is not None else "quantity", low, high,
                  currency=value.currency, unit=value.unit, qualifier=value.qualifier)


def describe_wanted(w: Wanted) -> str:
    """"9000000 USD", "6-7 percent", "about 2.5 percent"."""
    text = format_decimal(w.low)
    if w.high is not None:
        text += f"-{format_decimal(w.high)}"
    if w.currency:
        text += f" {w.currency}"
    elif w.unit:
        text += f" {w.unit}"
    return f"{w.qualifier} {text}" if w.qualifier else text


def describe_change(value: ChangeValue) -> str:
    """"up by 43 percent to 2400000000 EUR", "down to 4.5 percent from 4.75 percent"."""
    words: list[str] = [value.direction or "changed"]
    for name, part in (("by", value.by), ("to", value.to), ("from", value.from_)):
        if part is not None:
            words.append(f"{name} {describe_wanted(wanted_of(part))}")
    return " ".join(words)


# ---------------------------------------------------------------------------- one amount


def clause_of(m: Mention) -> Clause:
    value = m.value
    clause = value.clause if isinstance(value, Money | Quantity) else None
    return clause if clause is not None else LEVEL


def _agrees(w: Wanted, amount: Number, upper: Number | None, qualifier: str | None) -> bool:
    """Every value the found number admits is one the claimed amount admits; a claimed range
    is matched by a range only."""
    if w.high is not None and upper is None:
        return False
    c_lo, c_hi = amount_interval(w.low, w.qualifier, w.high)
    f_lo, f_hi = amount_interval(amount, qualifier, upper)
    lower_ok = c_lo.value is None or (f_lo.value is not None and (
        f_lo.value > c_lo.value or (f_lo.value == c_lo.value and (c_lo.closed or not f_lo.closed))))
    upper_ok = c_hi.value is None or (f_hi.value is not None and (
        f_hi.value < c_hi.value or (f_hi.value == c_hi.value and (c_hi.closed or not f_hi.closed))))
    return lower_ok and upper_ok


def fit(w: Wanted, m: Mention, text: str | None = None) -> Fit:
    """How a mention stands to a claimed amount, its role in its clause aside:

    ``match``: same currency or unit (after conversion), and the value agrees;
    ``other-value``: same currency or unit, another value;
    ``vague``: another value, and the mention names no unit where the claim does;
    ``foreign``: money in another currency, another amount;
    ``other-unit``: the same number, of another unit or currency (or of no unit);
    ``unrelated``: another measure and another number.

    A number whose mention names no unit matches a claimed unit that the source ``text``
    (when given) writes within a few words after it: "300,000 council and housing
    association tenants" for 300000 tenants.
    """
    found = m.value
    if not isinstance(found, Money | Quantity):
        return "unrelated"
    same_number = _agrees(w, found.amount, found.upper, found.qualifier)
    if isinstance(found, Money):
        if w.kind == "money" and found.currency == w.currency:
            return "match" if same_number else "other-value"
        if same_number:
            return "other-unit"
        return "foreign" if w.kind == "money" else "unrelated"
    if w.kind == "money":
        return "other-unit" if same_number else "unrelated"
    if w.unit is None or normalize_unit(w.unit) is None:
        return "match" if same_number else "other-value"
    if found.unit is None:
        if same_number and text is not None and _unit_after(text, m.end, w.unit):
            return "match"
        return "other-unit" if same_number else "vague"
    factor = conversion(found.unit, w.unit)
    if factor is None:
        if same_number and text is not None and _unit_written(text, m.end, w.unit, found.unit):
            return "match"
        return "other-unit" if same_number else "unrelated"
    if factor != 1 and same_number:
        return "other-unit"  # "5 km" for a claimed 5 miles: the same number, not the same length
    upper = None if found.upper is None else convert(found.upper, factor)
    return "match" if _agrees(w, convert(found.amount, factor), upper, found.qualifier) else "other-value"


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|[.!?;:]")
# How many words after a number its unit may come ("300,000 council and housing association
# tenants").
UNIT_WORDS = 5


def _unit_after(text: str, end: int, unit: str) -> bool:
    """Whether one of the few words after ``end`` (in the same sentence) is ``unit``."""
    wanted = normalize_unit(unit)
    if wanted is None or " " in wanted:
        return False
    for k, word in enumerate(_WORD.finditer(text, end, min(len(text), end + 80))):
        if k >= UNIT_WORDS or not word.group()[0].isalpha():
            return False
        if normalize_unit(word.group()) == wanted:
            return True
    return False


def _unit_written(text: str, end: int, unit: str, noun: str) -> bool:
    """Whether the claimed unit of several words is written right after the number, and the
    mention's unit is its last word: "168 public bodies" for 168 public bodies, where the
    mention counts bodies."""
    wanted = unit.split()
    if len(wanted) < 2 or normalize_unit(wanted[-1]) != normalize_unit(noun):
        return False
    written = [w.group() for w in _WORD.finditer(text, end, min(len(text), end + 120))][:len(wanted)]
    return (len(written) == len(wanted)
            and all(a.lower() == b.lower() for a, b in zip(written[:-1], wanted[:-1], strict=True))
            and normalize_unit(written[-1]) == normalize_unit(wanted[-1]))


def _same_value(a: Mention, b: Mention) -> bool:
    va, vb = a.value, b.value
    assert isinstance(va, Money | Quantity) and isinstance(vb, Money | Quantity)
    return (va.amount, va.upper, va.qualifier) == (vb.amount, vb.upper, vb.qualifier)


def _rivals(w: Wanted, mentions: Sequence[Mention], matches: list[int], fits: dict[int, Fit],
            levels: list[int], text: str | None, confusable: Confusable | None) -> list[int]:
    """The span's levels that the claimed value could be confused with: those of the same
    currency or unit (or of no unit, when it may share the match's: :func:`_may_share_unit`)
    with another value than the match that is the claimed value itself (or the first match,
    when none is). A claimed range is confused only with other ranges: one number can never
    be what it means. ``confusable`` (from the subject) drops the values said of another
    entity."""
    best = next((i for i in matches if _is_claimed(w, mentions[i])), matches[0])
    out: list[int] = []
    for i in levels:
        if fits[i] not in ("match", "other-value", "vague") or _same_value(mentions[i], mentions[best]):
            continue
        if w.high is not None and _upper(mentions[i]) is None:
            continue
        if fits[i] == "vague" and not _may_share_unit(text, mentions[best], mentions[i]):
            continue
        if confusable is not None and not confusable(mentions[best], mentions[i]):
            continue
        out.append(i)
    return out


def _upper(m: Mention) -> Number | None:
    value = m.value
    return value.upper if isinstance(value, Money | Quantity) else None


# Between two numbers that share one unit ("5 and 6 million cars", "5 to 6 cars").
_SHARED_UNIT_GAP = re.compile(r"\s*(?:,\s*)?(?:and|or|to|nor|-|–|—)\s*", re.IGNORECASE)


def _may_share_unit(text: str | None, match: Mention, other: Mention) -> bool:
    """Whether a number that names no unit may be of the unit of the match: when it comes
    after it (English leaves out a repeated unit: "5 million cars in 2003 and 6 million in
    2004"), or right before it joined by a conjunction ("5 and 6 million cars"). A number
    before the match, followed by other words, is of the noun those words name ("one million
    in negative equity and three million unemployed")."""
    if text is None or other.start >= match.end:
        return True
    return _SHARED_UNIT_GAP.fullmatch(text, other.end, match.start) is not None


def _is_claimed(w: Wanted, m: Mention) -> bool:
    value = m.value
    assert isinstance(value, Money | Quantity)
    return (value.amount, value.upper, value.qualifier) == (w.low, w.high, w.qualifier)


def show(m: Mention) -> str:
    """A found mention as messages list it: "'8%' (up 8 percent, a change)"."""
    clause = clause_of(m)
    what = str(m.value)
    if clause.role == "change":
        what = f"{clause.direction or 'a change of'} {what}, a change"
    elif clause.side is not None:
        what = f"{clause.side} {what}"
    return f"{m.text!r} ({what})"


def _listed(mentions: Sequence[Mention], indices: Sequence[int]) -> str:
    seen: list[str] = []
    for i in indices:
        text = show(mentions[i])
        if text not in seen:
            seen.append(text)
    more = f" and {len(seen) - SHOWN} more" if len(seen) > SHOWN else ""
    return ", ".join(seen[:SHOWN]) + more


def _overlaps(m: Mention, pin: tuple[int, int] | None) -> bool:
    return pin is None or (m.start < pin[1] and pin[0] < m.end)


# ---------------------------------------------------------------------------- judging


class Judged(NamedTuple):
    """A verdict's fields (``rules.Verdict`` is built from them)."""

    status: Literal["verified", "contradicted", "unsupported"]
    problems: list[Problem]
    evidence: list[tuple[int, bool]]


def judge_amount(value: MoneyValue | QuantityValue | ChangeValue, mentions: Sequence[Mention],
                 expected: Callable[[], str], pin: tuple[int, int] | None = None,
                 text: str | None = None, confusable: Confusable | None = None) -> Judged:
    """Judge a money, quantity or change value against the mentions of one span. ``pin`` is
    the range of the citation's ``mention:``: only mentions that overlap it can match, and
    the span's other values are not reported as ambiguous. ``text`` is the source's text,
    where units the extractors did not read are looked for. ``expected`` gives the claimed
    value as messages show it (only a problem needs it). ``confusable`` tells whether another
    value of the span could be confused with the matched one (None: all can)."""
    if isinstance(value, ChangeValue):
        return _judge_change(value, mentions, expected, pin, text, confusable)
    return _judge_level(wanted_of(value), mentions, expected, pin, text, confusable)


def _judge_level(w: Wanted, mentions: Sequence[Mention], expected: Callable[[], str],
                 pin: tuple[int, int] | None, text: str | None,
                 confusable: Confusable | None = None) -> Judged:
    amounts = [i for i, m in enumerate(mentions) if m.kind in ("money", "quantity")]
    fits = {i: fit(w, mentions[i], text) for i in amounts}
    levels = [i for i in amounts if clause_of(mentions[i]).role == "level"]
    pool = [i for i in levels if _overlaps(mentions[i], pin)]
    matches = [i for i in pool if fits[i] == "match"]
    evidence = [(i, i in matches) for i in amounts if mentions[i].kind == w.kind]
    if matches:
        rivals = [] if pin is not None else _rivals(w, mentions, matches, fits, levels, text,
                                                     confusable)
        problems = [problem("ambiguous-evidence", others=_listed(mentions, rivals))] if rivals else []
        return Judged("verified", problems, evidence)
    as_change = [i for i in amounts if clause_of(mentions[i]).role == "change"
                 and _overlaps(mentions[i], pin) and fits[i] == "match"]
    if as_change:
        return Judged("contradicted", [problem("value-mismatch", found=_listed(mentions, as_change),
                                                expected=expected())], evidence)
    # Another value of the same currency or unit contradicts; the same number of another
    # unit says more than a number of no unit.
    contrary = [i for i in pool if fits[i] in ("other-value", "foreign") and mentions[i].kind == w.kind]
    if contrary:
        return Judged("contradicted", [problem("value-mismatch", found=_listed(mentions, contrary),
                                                expected=expected())], evidence)
    units = [i for i in amounts if fits[i] == "other-unit" and _overlaps(mentions[i], pin)]
    if units:
        return Judged("unsupported", [problem("unit-mismatch", found=_listed(mentions, units),
                                               expected=expected())], evidence)
    vague = [i for i in pool if fits[i] == "vague" and mentions[i].kind == w.kind]
    if vague:
        return Judged("contradicted", [problem("value-mismatch", found=_listed(mentions, vague),
                                                expected=expected())], evidence)
    return Judged("unsupported", [problem("value-not-found", kind=w.kind, expected=expected())],
                   evidence)


# ---------------------------------------------------------------------------- changes


@dataclass
class Movement:
    """One movement of a span: the change mention (``by``) and the levels reached (``to``) and
    left (``from``), as positions in the judged mentions; and its direction."""

    by: int | None = None
    to: int | None = None
    from_: int | None = None
    direction: str | None = None

    def members(self) -> list[int]:
        return [i for i in (self.by, self.to, self.from_) if i is not None]


def movements(mentions: Sequence[Mention]) -> list[Movement]:
    """The movements of a span, from the clauses of its amount mentions: each change with the
    levels it links to, then the levels reached or left that no change links to, a level
    reached paired with the level left next to it ("to 4.5% from 4.75%")."""
    at = {m.start: i for i, m in enumerate(mentions) if m.kind in ("money", "quantity")}
    out: list[Movement] = []
    linked: set[int] = set()
    for i, m in enumerate(mentions):
        clause = clause_of(m)
        if m.kind not in ("money", "quantity") or clause.role != "change":
            continue
        move = Movement(by=i, direction=clause.direction)
        move.to = at.get(clause.to) if clause.to is not None else None
        move.from_ = at.get(clause.from_) if clause.from_ is not None else None
        for j, other in enumerate(mentions):  # levels that name this change as theirs
            side = clause_of(other).side if clause_of(other).change == m.start else None
            if side == "to" and move.to is None:
                move.to = j
            elif side == "from" and move.from_ is None:
                move.from_ = j
        linked.update(move.members())
        out.append(move)
    loose = [i for i, m in enumerate(mentions) if i not in linked and m.kind in ("money", "quantity")
             and clause_of(m).role == "level" and clause_of(m).side is not None]
    k = 0
    while k < len(loose):
        i = loose[k]
        clause = clause_of(mentions[i])
        move = Movement(direction=clause.direction)
        setattr(move, "to" if clause.side == "to" else "from_", i)
        if k + 1 < len(loose):
            j = loose[k + 1]
            paired = clause_of(mentions[j])
            if paired.side is not None and paired.side != clause.side and (
                    paired.direction == clause.direction or None in (paired.direction, clause.direction)):
                setattr(move, "to" if paired.side == "to" else "from_", j)
                move.direction = move.direction or paired.direction
                k += 1
        out.append(move)
        k += 1
    return out


_PARTS = (("by", "by"), ("to", "to"), ("from", "from_"))


def _change_rivals(wanted: dict[str, Wanted], mentions: Sequence[Mention], moves: list[Movement],
                   fits: list[dict[str, Fit | None]], matching: list[int], text: str | None,
                   confusable: Confusable | None) -> list[int]:
    """The members of the span's other movements, in the part the claim gives, that the
    claimed change could be confused with: of the same currency or unit, or of no unit when
    it may share the match's (:func:`_may_share_unit`), with another value than the matched
    movement's. A second movement that matches too counts when its value is another ("rose
    0.9%" and "rise by just under 6%" both satisfy a claimed rise of less than 6%); the
    matched movement is the one that states the claimed value itself, when one does."""
    (name, w), = wanted.items()
    best_move = next((k for k in matching
                      if _is_claimed(w, mentions[getattr(moves[k], name)])), matching[0])
    best = mentions[getattr(moves[best_move], name)]
    out: list[int] = []
    for k, move in enumerate(moves):
        i = getattr(move, name)
        if k == best_move or i is None or fits[k][name] not in ("match", "other-value", "vague"):
            continue
        other = mentions[i]
        if _same_value(other, best) or (w.high is not None and _upper(other) is None):
            continue
        if fits[k][name] == "vague" and not _may_share_unit(text, best, other):
            continue
        if confusable is not None and not confusable(best, other):
            continue
        out.append(i)
    return out


def _judge_change(value: ChangeValue, mentions: Sequence[Mention], expected: Callable[[], str],
                  pin: tuple[int, int] | None, text: str | None,
                  confusable: Confusable | None = None) -> Judged:
    wanted = {name: wanted_of(part) for name, part in
              (("by", value.by), ("to", value.to), ("from_", value.from_)) if part is not None}
    amounts = [i for i, m in enumerate(mentions) if m.kind in ("money", "quantity")]
    moves = movements(mentions)

    def member_fits(move: Movement) -> dict[str, Fit | None]:
        out: dict[str, Fit | None] = {}
        for name, w in wanted.items():
            i = getattr(move, name)
            out[name] = None if i is None else fit(w, mentions[i], text)
        return out

    fits = [member_fits(move) for move in moves]
    pinned = [any(_overlaps(mentions[i], pin) for i in move.members()) for move in moves]
    direction_ok = [value.direction is None or move.direction == value.direction for move in moves]
    matching = [k for k in range(len(moves)) if pinned[k] and direction_ok[k]
                and all(f == "match" for f in fits[k].values())]
    matched = {i for k in matching for i in moves[k].members()}
    evidence = [(i, i in matched) for i in amounts]
    if matching:
        # Two or three parts matched in one linked movement name it beyond confusion ("rose
        # 43% to 2.4bn euros"); one part alone may be another movement's.
        specific = len(wanted) > 1
        rivals = [] if pin is not None or specific else _change_rivals(
            wanted, mentions, moves, fits, matching, text, confusable)
        problems = [problem("ambiguous-evidence", others=_listed(mentions, rivals))] if rivals else []
        return Judged("verified", problems, evidence)
    # Why not: the closest movements, a level where the claim has a change, or a unit.
    near = [i for k in range(len(moves)) if pinned[k]
            for name, f in fits[k].items() if f in ("match", "other-value")
            for i in [getattr(moves[k], name)] if i is not None]
    by = wanted.get("by")
    as_level = [] if by is None else [
        i for i in amounts if clause_of(mentions[i]).role == "level" and _overlaps(mentions[i], pin)
        and fit(by, mentions[i]) == "match"]
    if near or as_level:
        return Judged("contradicted", [problem("value-mismatch",
                                                found=_listed(mentions, [*near, *as_level]),
                                                expected=expected())], evidence)
    units = [i for k in range(len(moves)) if pinned[k]
             for name, f in fits[k].items() if f == "other-unit"
             for i in [getattr(moves[k], name)] if i is not None]
    if units:
        return Judged("unsupported", [problem("unit-mismatch", found=_listed(mentions, units),
                                               expected=expected())], evidence)
    return Judged("unsupported", [problem("value-not-found", kind="change", expected=expected())],
                   evidence)
