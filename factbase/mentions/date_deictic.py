"""Forms relative to the reference date: "yesterday", "tonight", "last month", "this past
August", "next Friday", "August last year", "two weeks ago".

Alternatives of the master pattern in ``date_forms``; the resolution rules are in
``date_relative`` and docs/dates.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..values import Precision, When
from . import date_phrases as phrases
from . import date_relative as rel
from . import date_words as words
from .date_pieces import (
    COUNT,
    FULL_MONTH,
    REL_YEAR,
    SEASON,
    WEEKDAY,
    Piece,
    S,
    month_number,
    sentence_start,
)

ALTERNATIVES = [
    r"(?P<rd>(?:[Yy]esterday|[Tt]oday(?!['’]s)|[Tt]omorrow|[Tt]onight"
    rf"|[Ll]ast{S}night|[Tt]his{S}(?:morning|afternoon|evening))(?![\w]))",
    rf"(?P<mry>(?P<mry_m>{FULL_MONTH}){S}(?:of{S})?(?P<mry_y>{REL_YEAR})(?![\w]|-\w))",
    rf"(?P<rm>(?<![Tt]he )(?P<rm_mod>[Tt]his{S}past|[Tt]his{S}coming|[Ll]ast|[Nn]ext|[Tt]his)"
    rf"{S}(?P<rm_unit>weekend|week|month|quarter|financial{S}year|year|{FULL_MONTH}|{WEEKDAY}"
    rf"|{SEASON})(?![\w]|-\w))",
    rf"(?P<ago>(?<![\w,.])(?P<ago_n>[0-9]{{1,3}}|{COUNT}){S}(?P<ago_u>day|week|month|year)s?{S}ago(?![\w]))",
]
_FALL_NOUN = re.compile(r"[^\S\n]+(?:in|from|of|to|by|back|below|since|was|is|would|will)\b")
KEYWORDS = ("yesterday", "today", "tomorrow", "tonight", "last", "next", "this", "ago")
UPPER_KEYWORDS = ("Yesterday", "Today", "Tomorrow", "Tonight", "Last", "Next", "This")
LOOK_BACK = ("ago",)

Builder = Callable[[str, "re.Match[str]", "rel.Reference | None", list[Piece]],
                   "When | Piece | None"]


def relative_year(phrase: str, ref: rel.Reference | None) -> int | None:
    """A year written as a digit string or "this/last/next year"; None when unresolvable."""
    if phrase[0].isdigit():
        return int(phrase)
    if ref is None:
        return None
    return ref.year + {"this": 0, "last": -1, "next": 1}[phrase.split()[0].lower()]


def _relative_day(text: str, m: re.Match[str], ref: rel.Reference | None,
                  prev: list[Piece]) -> When | None:
    phrase = " ".join(m.group("rd").lower().split())
    if m.group("rd").startswith("Today") and not sentence_start(text, m.start()):
        return None  # "told BBC Radio 4's Today programme": a name
    phrase = "today" if phrase.startswith("this ") or phrase == "tonight" else phrase
    value = None if ref is None else rel.resolve_day_word(ref, phrase)
    return rel.unresolved("day", "day") if value is None else rel.relative(value)


_MODIFIERS: dict[str, rel.Direction] = {
    "this past": "past", "last": "past", "next": "future", "this coming": "future", "this": "this",
}
_SHIFT = {"past": -1, "future": 1, "this": 0}


def _relative_unit(text: str, m: re.Match[str], ref: rel.Reference | None,
                   prev: list[Piece]) -> When | None:
    direction = _MODIFIERS[" ".join(m.group("rm_mod").lower().split())]
    unit = m.group("rm_unit")
    key = " ".join(unit.lower().split())
    if key == "fall" and _FALL_NOUN.match(text, m.end()):
        return None  # "it predicts this fall from the current 2.1% level"
    value: When | None
    precision: Precision
    needs: Precision = "year" if direction == "this" else "month"
    if key in words.MONTHS:
        precision = "month"
        year = None if ref is None else rel.resolve_month_year(ref, words.MONTHS[key], direction)
        value = None if year is None else rel.month_value(year, words.MONTHS[key])
    elif key in words.WEEKDAYS:
        precision = needs = "day"
        value = None if ref is None else rel.resolve_weekday(ref, words.WEEKDAYS[key], direction)
    elif key in words.SEASONS:
        precision = "season"
        value = None if ref is None else rel.resolve_season(ref, words.SEASONS[key], direction)
    else:
        precision = needs = "year" if key == "year" else "month" if key == "month" else "day"
        if key in ("quarter", "financial year"):
            precision, needs = ("quarter" if key == "quarter" else "year"), "month"
        value = None if ref is None else rel.resolve_unit(ref, key, _SHIFT[direction])
    return rel.unresolved(precision, needs) if value is None else rel.relative(value)


def _month_relative_year(text: str, m: re.Match[str], ref: rel.Reference | None,
                         prev: list[Piece]) -> When:
    """"August last year", "March next year"."""
    year = relative_year(m.group("mry_y"), ref)
    if year is None:
        return rel.unresolved("month", "year")
    return rel.relative(rel.month_value(year, month_number(m.group("mry_m"))))


def _ago(text: str, m: re.Match[str], ref: rel.Reference | None,
         prev: list[Piece]) -> When | Piece | None:
    count_text = m.group("ago_n").lower()
    count = int(count_text) if count_text.isdigit() else words.COUNT_WORDS[count_text]
    unit = m.group("ago_u")
    if unit == "year" and count == 1:
        return phrases.year_ago(text, m.start(), m.end())
    precision: Precision = "day" if unit in ("day", "week") else "month" if unit == "month" else "year"
    value = None if ref is None else rel.resolve_ago(ref, count, unit)
    return rel.unresolved(precision, precision) if value is None else rel.relative(value)


BUILDERS: dict[str, Builder] = {
    "rd": _relative_day, "mry": _month_relative_year, "rm": _relative_unit, "ago": _ago,
}
