"""Phrases that take their date from an earlier one or from the reference: "that year",
"later that year", "the following month", "a year earlier", "year-earlier", "a year ago",
"the previous Monday", "earlier in the year", "by year end", "the full year", "the end of
the year", "the turn of the century".

The forms here are alternatives of the master pattern in ``date_forms``; their builders
return a piece with an :class:`~factbase.mentions.date_pieces.Anaphor` and no value, and
:func:`resolve_anaphora` gives them one once every earlier date is resolved. The rules
(docs/dates.md):

* A phrase that refers back takes its value from the nearest earlier resolved date (its
  antecedent). "that year", "the same month", "the following year", "a day later" need
  one (within 1,500 characters); without it they are not reported.
* "a year earlier", "two months earlier", "the previous year", "the year before", "the
  previous Monday" look for the antecedent in the same paragraph; without one they count
  back from the reference: "the previous year" is the year before the reference's,
  "a year earlier" the reference one year back at the reference's own precision.
* "a year ago", "year-ago", "year-earlier" name the period compared, a year back: the
  antecedent's when the phrase is a comparison in the same sentence ("sales in February
  fell 12% compared to a year ago": February, a year back), else the reference one year
  back at the reference's precision ("a year ago" read on 2005-03 is 2004-03).
* "earlier in the year", "later in the month", "by year end", "the end of the year", "the
  full year", "the end of the decade" are the year (month, decade) of a date earlier in
  the same sentence, else the reference's; "year end" is late in the year, "the turn of
  the century" circa the century's first year nearest the reference.
* A value resolved from an absolute antecedent is not relative; one resolved from a
  relative antecedent or from the reference is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from ..values import Precision, When, month_last_day, qualify
from . import date_relative as rel
from . import date_words as words
from .date_pieces import Anaphor, Piece, left_word, same_scope

_WEEKDAY = "|".join(w.capitalize() for w in words.WEEKDAYS)
_COUNT = "|".join(sorted((c for word in words.COUNT_WORDS for c in (word, word.capitalize())),
                         key=len, reverse=True))
_UNIT = r"year|month|week|day"
_SP = r"[^\S\n]+"

# Alternatives of the master pattern (date_forms); every group name starts with "an".
ALTERNATIVES = [
    rf"(?P<anthat>(?:(?:[Ll]ater|[Ee]arlier){_SP})?[Tt]hat{_SP}(?P<anthat_u>{_UNIT})(?![\w-]))",
    rf"(?P<ansame>(?<=[Tt]he )same{_SP}(?P<ansame_u>{_UNIT})(?![\w-]))",
    rf"(?P<anfol>(?<=[Tt]he )(?:following|subsequent){_SP}(?P<anfol_u>{_UNIT}|quarter|{_WEEKDAY})"
    r"(?![\w-]))",
    rf"(?P<annext>(?<=[Tt]he )next{_SP}day(?![\w-]))",
    rf"(?P<anprev>(?<=[Tt]he )(?:previous|preceding|prior){_SP}(?P<anprev_u>{_UNIT}|quarter"
    rf"|{_WEEKDAY})(?![\w-]))",
    rf"(?P<anbef>(?<=[Tt]he )(?P<anbef_u>{_UNIT}){_SP}before(?=[^\S\n]*(?:[.,;:!?)]|$)))",
    rf"(?P<ann>(?<![\w,.])(?P<ann_c>{_COUNT}|[0-9]{{1,2}}){_SP}(?P<ann_u>{_UNIT})s?{_SP}"
    r"(?P<ann_d>earlier|later)(?![\w-]))",
    r"(?P<anadj>[Yy]ear[-‐‑](?:earlier|ago)(?=[^\S\n]+[a-z]))",
    rf"(?P<anin>(?:[Ee]arlier|[Ll]ater){_SP}in{_SP}the{_SP}(?P<anin_u>year|month|week)(?![\w-]))",
    r"(?P<anof>(?<=of the )(?P<anof_u>year|month|decade|century)(?![\w-]))",
    r"(?P<anye>(?<!-)[Yy]ear[- ]end(?![\w-]))",
    rf"(?P<anfull>(?<=[Tt]he )full[- ]year(?![\w-]|{_SP}[0-9]))",
]
# Lowercase words where these forms start (the master's prefilter); "earlier" and "later"
# also end "a year earlier", so the two words before them are tried too.
_UNITS = ("year", "month", "week", "day")
KEYWORDS = (*(f"that {u}" for u in _UNITS), *(f"same {u}" for u in _UNITS),
            *(f"{u} before" for u in _UNITS), "following", "subsequent", "next day", "previous",
            "preceding", "prior", "earlier", "later", "year-", "year‐", "year‑", "year end",
            "full year", "full-year", "of the year", "of the month", "of the decade",
            "of the century")
UPPER_KEYWORDS = (*(f"That {u}" for u in _UNITS), "Later that", "Later in", "Earlier that",
                  "Earlier in", "Year-", "Year end")
LOOK_BACK = ("earlier", "later")


def refers_back(text: str) -> bool:
    """Whether ``text`` may hold a phrase of this module (one that takes its date from an
    earlier one): the prefilter's words, in any case."""
    lowered = text.lower()
    return any(k in lowered for k in KEYWORDS) or any(k.lower() in lowered for k in UPPER_KEYWORDS)

_TEXT_REACH = 1500
_OF_ANOTHER = re.compile(r"[^\S\n]+(?:in|of|last|a|the|next|this)\b")
_OF_QUALIFIED = frozenset({"end", "close", "start", "beginning", "middle"})
_COMPARISON_LEFT = re.compile(
    r"(?:\b(?:from|than|on|over|against|versus|vs\.?|with|to)|\bsame\s+(?:period|month|quarter"
    r"|time|week|day))[^\S\n]+$", re.IGNORECASE)
_YEAR_END_LEFT = frozenset({"by", "at", "before", "until", "till", "towards", "toward", "around",
                            "after", "since", "from", "for", "the", "of", "to"})

Builder = Callable[[str, "re.Match[str]", "rel.Reference | None", list[Piece]],
                   "When | Piece | None"]


def _piece(m: re.Match[str], anaphor: Anaphor) -> Piece:
    return Piece(m.start(), m.end(), None, anaphor=anaphor)


def _unit(word: str) -> str:
    word = word.lower()
    return "weekday" if word in words.WEEKDAYS else word


def _that(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> Piece:
    return _piece(m, Anaphor("same", m.group("anthat_u").lower()))


def _same(text: str, m: re.Match[str], ref: rel.Reference | None,
          prev: list[Piece]) -> Piece | None:
    if _OF_ANOTHER.match(text, m.end()):
        return None  # "the same month in 2004", "the same day last year": another date
    return _piece(m, Anaphor("same", m.group("ansame_u").lower()))


def _following(text: str, m: re.Match[str], ref: rel.Reference | None,
               prev: list[Piece]) -> Piece:
    word = m.group("anfol_u")
    if word.lower() in words.WEEKDAYS:
        return _piece(m, Anaphor("weekday", "day", 1, weekday=words.WEEKDAYS[word.lower()]))
    return _piece(m, Anaphor("shift", word.lower(), 1))


def _next_day(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> Piece:
    return _piece(m, Anaphor("shift", "day", 1))


def _previous(text: str, m: re.Match[str], ref: rel.Reference | None,
              prev: list[Piece]) -> Piece:
    word = m.group("anprev_u")
    if word.lower() in words.WEEKDAYS:
        return _piece(m, Anaphor("weekday", "day", -1, "paragraph", True,
                                 words.WEEKDAYS[word.lower()]))
    return _piece(m, Anaphor("shift", word.lower(), -1, "paragraph", True))


def _before(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> Piece:
    return _piece(m, Anaphor("shift", m.group("anbef_u").lower(), -1, "paragraph", True))


def _count(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> Piece:
    raw = m.group("ann_c").lower()
    count = int(raw) if raw.isdigit() else words.COUNT_WORDS[raw]
    if m.group("ann_d") == "later":
        return _piece(m, Anaphor("shift", m.group("ann_u"), count, keep_precision=True))
    return _piece(m, Anaphor("shift", m.group("ann_u"), -count, "paragraph", True,
                             keep_precision=True))


def _year_adjective(text: str, m: re.Match[str], ref: rel.Reference | None,
                    prev: list[Piece]) -> Piece:
    """"year-earlier", "year-ago" (before a noun): the period compared, a year back."""
    return _piece(m, Anaphor("shift", "year", -1, "sentence", True, keep_precision=True))


def year_ago(text: str, start: int, end: int) -> Piece:
    """"a year ago": a year back from the period compared in the same sentence when it is a
    comparison ("compared to a year ago"), else from the reference at its precision."""
    compared = _COMPARISON_LEFT.search(text, max(0, start - 24), start) is not None
    return Piece(start, end, None, anaphor=Anaphor(
        "shift", "year", -1, "sentence" if compared else "none", True, keep_precision=True))


def _in_the(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> Piece:
    return _piece(m, Anaphor("same", m.group("anin_u").lower(), 0, "sentence", True))


def _of_the(text: str, m: re.Match[str], ref: rel.Reference | None,
            prev: list[Piece]) -> When | Piece | None:
    """"the end of the year", "the turn of the century" (the qualifier comes from the words
    before, as for any date)."""
    before = left_word(text, m.start() - len("of the ")).lower()
    unit = m.group("anof_u")
    if unit == "century":
        if before != "turn":
            return None
        if ref is None:
            return Piece(text.rindex("turn", 0, m.start()), m.end(),
                         rel.unresolved("year", "year", "circa"))
        year = (ref.year + 50) // 100 * 100
        first, last = qualify(dt.date(year, 1, 1), dt.date(year, 12, 31), "circa")
        turn = text.rindex("turn", 0, m.start())
        return Piece(turn, m.end(), When(f"{year:04d}", "year", first, last, "circa", True))
    if before not in _OF_QUALIFIED:
        return None
    return _piece(m, Anaphor("same", unit, 0, "sentence", True))


def _year_end(text: str, m: re.Match[str], ref: rel.Reference | None,
              prev: list[Piece]) -> Piece | None:
    if left_word(text, m.start()).lower() not in _YEAR_END_LEFT:
        return None  # "a year-end press conference"
    return _piece(m, Anaphor("same", "year", 0, "sentence", True, qualifier="late"))


def _full_year(text: str, m: re.Match[str], ref: rel.Reference | None,
               prev: list[Piece]) -> Piece:
    return _piece(m, Anaphor("same", "year", 0, "sentence", True))


BUILDERS: dict[str, Builder] = {
    "anthat": _that, "ansame": _same, "anfol": _following, "annext": _next_day,
    "anprev": _previous, "anbef": _before, "ann": _count, "anadj": _year_adjective,
    "anin": _in_the, "anof": _of_the, "anye": _year_end, "anfull": _full_year,
}


# ---------------------------------------------------------------------------- resolution


def resolve_anaphora(text: str, pieces: list[Piece], ref: rel.Reference | None) -> list[Piece]:
    """Give each phrase that refers back its value, in text order (a resolved phrase can be
    the antecedent of the next); drop those that cannot be resolved."""
    out: list[Piece] = []
    antecedent: Piece | None = None
    for piece in pieces:
        if piece.anaphor is None:
            out.append(piece)
            if _usable(piece.when):
                antecedent = piece
            continue
        value = _resolve(text, piece, antecedent, ref)
        if value is None:
            continue
        resolved = replace(piece, when=value)
        out.append(resolved)
        # "a year earlier" names a compared period, not the time the text moves on to.
        if value.resolved and not (piece.anaphor.op == "shift" and piece.anaphor.count < 0):
            antecedent = resolved
    return out


def _usable(value: When | None) -> bool:
    return value is not None and value.resolved and value.qualifier not in ("before", "after")


def _resolve(text: str, piece: Piece, antecedent: Piece | None,
             ref: rel.Reference | None) -> When | None:
    spec = piece.anaphor
    assert spec is not None
    value: When | None = None
    if antecedent is not None and antecedent.when is not None and _in_scope(
            text, antecedent, piece, spec):
        try:
            value = _from_antecedent(spec, antecedent.when)
        except (ValueError, OverflowError):
            value = None
        if value is not None and antecedent.when.relative:
            value = rel.relative(value)
    if value is None and spec.fallback:
        try:
            value = _from_reference(spec, ref)
        except (ValueError, OverflowError):
            return None
    if value is None or spec.qualifier is None or value.first is None or value.last is None:
        return value
    first, last = qualify(value.first, value.last, spec.qualifier)
    return replace(value, first=first, last=last, qualifier=spec.qualifier)


def _in_scope(text: str, antecedent: Piece, piece: Piece, spec: Anaphor) -> bool:
    if spec.scope == "none":
        return False
    if spec.scope == "text":
        return piece.start - antecedent.end <= _TEXT_REACH
    return same_scope(text, antecedent.end, piece.start, spec.scope)


def _from_antecedent(spec: Anaphor, found: When) -> When | None:
    assert found.first is not None and found.last is not None
    first, last = found.first, found.last
    if spec.op == "same":
        return _same_unit(spec.unit, first, last, found.precision)
    if spec.op == "weekday":
        if first != last:
            return None
        return rel.resolve_weekday(rel.Reference(first.year, first.month, first.day),
                                   spec.weekday, "future" if spec.count > 0 else "past")
    if spec.keep_precision:
        return shift(found, spec.unit, spec.count)
    # "the previous year", "the following month": the unit itself, next to the antecedent's.
    base = _same_unit(spec.unit, first, last, found.precision) if spec.unit != "quarter" \
        else found
    return None if base is None else shift(base, spec.unit, spec.count)


def _same_unit(unit: str, first: dt.date, last: dt.date, precision: Precision) -> When | None:
    if unit == "year":
        return rel.year_value(first.year) if first.year == last.year else None
    if unit == "month":
        same = (first.year, first.month) == (last.year, last.month)
        return rel.month_value(first.year, first.month) if same else None
    if unit == "decade":
        decade = first.year // 10 * 10
        return rel.year_value(decade, decade + 9, "decade") if last.year < decade + 10 else None
    if first != last or precision != "day":
        return None
    return rel.week_value(first) if unit == "week" else rel.day_value(first)


_SHIFTABLE: dict[str, frozenset[str]] = {
    "year": frozenset({"day", "month", "season", "quarter", "half", "year"}),
    "quarter": frozenset({"quarter"}),
    "month": frozenset({"day", "month"}),
    "week": frozenset({"day"}),
    "day": frozenset({"day"}),
}


def shift(found: When, unit: str, count: int) -> When | None:
    """``found`` moved by ``count`` units, at its own precision ("a year earlier" than the
    third quarter of 2004 is the third quarter of 2003); None when the unit is finer than
    the date ("a day later" than March)."""
    if found.precision not in _SHIFTABLE.get(unit, frozenset()) or found.first is None \
            or found.last is None:
        return None
    first, last = found.first, found.last
    if unit in ("day", "week"):
        days = dt.timedelta(days=count * (7 if unit == "week" else 1))
        return rel.day_value(first + days, last + days)
    months = count * {"year": 12, "quarter": 3, "month": 1}[unit]
    if found.precision == "day":
        return rel.day_value(_add_months(first, months), _add_months(last, months))
    year, month0 = divmod(first.year * 12 + first.month - 1 + months, 12)
    end_year, end_month0 = divmod(last.year * 12 + last.month - 1 + months, 12)
    if found.precision == "year" and first.month == 1 and last.month == 12:
        return rel.year_value(year, end_year)
    span = (end_year * 12 + end_month0) - (year * 12 + month0) + 1
    if span == 1:
        return rel.month_value(year, month0 + 1)
    return rel.months_value(year, month0 + 1, span, found.precision)


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month0 + 1, min(day.day, month_last_day(year, month0 + 1)))


def _from_reference(spec: Anaphor, ref: rel.Reference | None) -> When | None:
    """The phrase read against the reference: the reference's own year (month, day) for
    "same", the reference moved for "shift" (at the reference's precision with
    ``keep_precision``), the weekday before it for "the previous Monday"."""
    needs: Precision = "day" if spec.unit in ("day", "week", "weekday") else \
        "month" if spec.unit in ("month", "quarter") else "year"
    precision: Precision = needs if spec.unit != "decade" else "decade"
    if ref is None:
        return rel.unresolved(precision, needs)
    value: When | None
    if spec.op == "weekday":
        value = rel.resolve_weekday(ref, spec.weekday, "past" if spec.count < 0 else "future")
    elif spec.op == "same":
        value = _reference_unit(ref, spec.unit)
    elif spec.keep_precision:
        value = shift(_reference_value(ref), spec.unit, spec.count)
    elif spec.unit == "quarter":
        value = None if ref.month is None else shift(rel.months_value(
            ref.year, (ref.month - 1) // 3 * 3 + 1, 3, "quarter"), "quarter", spec.count)
    else:
        value = rel.resolve_unit(ref, spec.unit, spec.count) if spec.unit != "day" else (
            None if ref.date is None else rel.day_value(ref.date + dt.timedelta(days=spec.count)))
    return rel.unresolved(precision, needs) if value is None else rel.relative(value)


def _reference_value(ref: rel.Reference) -> When:
    if ref.date is not None:
        return rel.day_value(ref.date)
    if ref.month is not None:
        return rel.month_value(ref.year, ref.month)
    return rel.year_value(ref.year)


def _reference_unit(ref: rel.Reference, unit: str) -> When | None:
    if unit == "decade":
        decade = ref.year // 10 * 10
        return rel.year_value(decade, decade + 9, "decade")
    if unit == "year":
        return rel.year_value(ref.year)
    if unit == "month":
        return None if ref.month is None else rel.month_value(ref.year, ref.month)
    if ref.date is None:
        return None
    return rel.week_value(ref.date) if unit == "week" else rel.day_value(ref.date)
