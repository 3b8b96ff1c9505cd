"""What the date forms share: the pattern parts (whitespace, years, days, month and weekday
names), the pieces they produce before they are combined, and small text helpers (the word
before a position, sentence and paragraph breaks).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from ..values import Precision, When
from . import date_relative as rel
from . import date_words as words

S = r"(?=\s)[^\S\n]*\n?[^\S\n]*"  # whitespace with at most one line break
SO = r"[^\S\n]*"
DASH = r"[-‐‑‒–—―]"

# ---------------------------------------------------------------------------- pattern parts


def alt(names: list[str]) -> str:
    return "|".join(sorted((re.escape(n) for n in set(names)), key=len, reverse=True))


def cased(names: list[str]) -> list[str]:
    return [form for name in names for form in (name.capitalize(), name.upper())]


YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?![0-9])"
DAY = r"[0-3]?[0-9](?![0-9])(?:st|nd|rd|th)?(?![A-Za-z0-9])"
FULL_MONTH = alt(cased(list(words.MONTHS)))
MONTH = rf"(?:{FULL_MONTH}|(?:{alt(cased(list(words.MONTH_ABBREVIATIONS)))})\.?)(?![A-Za-z])"
WEEKDAY = alt(cased(list(words.WEEKDAYS)))
SEASON = alt([s for name in words.SEASONS for s in (name, name.capitalize())])
ORDINAL = alt([w for o in words.ORDINAL_WORDS for w in (o, o.capitalize())])
COUNT = alt([w for c in words.COUNT_WORDS for w in (c, c.capitalize())])
REL_YEAR = rf"(?:[Tt]his|[Ll]ast|[Nn]ext){S}year"

AnaphorOp = Literal["same", "shift", "weekday"]
Scope = Literal["sentence", "paragraph", "text", "none"]


@dataclass(frozen=True)
class Anaphor:
    """How a phrase that refers back ("that year", "a year earlier", "the previous Monday")
    takes its value from an earlier date (its *antecedent*), or from the reference.

    ``same``: the antecedent's ``unit`` ("that year": its year); ``shift``: ``count`` units
    away, either the antecedent itself at its own precision (``keep_precision``: "a year
    earlier" than the third quarter of 2004 is the third quarter of 2003) or the unit next to
    the antecedent's ("the previous year" of March 2004 is 2003); ``weekday``: the
    ``weekday`` strictly before (``count`` < 0) or after the antecedent's day. The antecedent
    is the nearest earlier resolved date within ``scope``; without one, ``fallback`` says
    whether the reference stands in for it ("a year ago" read on 2005-03 is 2004-03).
    ``qualifier`` applies to the value ("year end" is late in the year)."""

    op: AnaphorOp
    unit: str
    count: int = 0
    scope: Scope = "text"
    fallback: bool = False
    weekday: int = 0
    keep_precision: bool = False
    qualifier: str | None = None


@dataclass
class Piece:
    """A matched date form; ``when`` is None while a year-less date waits for a year (a month
    or day: ``month``/``day``/``day2``; a quarter, half or season: ``month`` and ``months``;
    a named day: ``holiday``), or while a phrase that refers back waits for its antecedent
    (``anaphor``)."""

    start: int
    end: int
    when: When | None
    month: int = 0
    day: int = 0
    day2: int = 0
    direction: rel.Direction = "nearest"
    holiday: str | None = None
    anaphor: Anaphor | None = None
    months: int = 0                      # a year-less quarter, half or season: its length
    precision: Precision | None = None   # ... and its precision


def month_number(name: str) -> int:
    key = name.rstrip(".").lower()
    return words.MONTHS.get(key) or words.MONTH_ABBREVIATIONS[key]


def date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def left_word(text: str, position: int) -> str:
    """The word (run of non-space characters, at most 24) before ``position``."""
    end = position
    while end > 0 and text[end - 1] in " \t\u00a0":
        end -= 1
    begin = end
    while begin > 0 and end - begin < 24 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end]


# A sentence ends at . ! ? (and a closing quote or bracket) before whitespace and a capital
# or an opening quote; "Dec. 24" and "U.S. officials" do not end one. A paragraph ends at a
# line break.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z\"“‘'(])|\n")
_PARAGRAPH_END = re.compile(r"\n")


# "the three months to September", "the year ended 30 June": a period named by its end.
MONTHS_TO = re.compile(
    r"(?<![\w-])(?:(?P<n>[0-9]{1,2}|[a-z]+)[^\S\n]+months|(?P<year>year))[^\S\n]+"
    r"(?:to|ending|ended|through|until)[^\S\n]+$")


def same_scope(text: str, begin: int, end: int, scope: Scope) -> bool:
    """True when no sentence (or paragraph) ends between ``begin`` and ``end``."""
    if scope in ("text", "none"):
        return scope == "text"
    pattern = _SENTENCE_END if scope == "sentence" else _PARAGRAPH_END
    return pattern.search(text, begin, end) is None


_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'”’)]*\s+|\n\s*|[\"“‘]\s*)$")


def sentence_start(text: str, position: int) -> bool:
    """True when ``position`` opens a sentence (or a quotation)."""
    return _SENTENCE_START.search(text, max(0, position - 4), position) is not None
