"""Dates named without their year that the text and the reference place: quarters and halves
of a year in business copy ("the third quarter", "fourth-quarter profits"), seasons ("in the
summer", "by late summer"), named days ("Christmas Day", "Labor Day", "over Christmas"),
"the weekend", and decades without their century ("the 90s").

Alternatives of the master pattern in ``date_forms``. A quarter, half, season or named day
without a year is placed like a month without one (``date_tense``): the latest occurrence
that began on or before the reference when its clause is past, the first that has not ended
when it is future, else the one nearest the reference. The rules (docs/dates.md):

* A quarter or half without a year counts only in a sentence about money or figures (an
  amount, a percentage, or a word such as "profit", "sales", "growth", "output"): in sports
  copy "the third quarter" is a period of play. "Final" and "last quarter of 2004" are the
  fourth quarter.
* A season without a year counts after a date word ("in", "during", "through", "over",
  "by", "from", "since", "until", "before", "after", "for"), optionally with "the" and
  "early"/"mid"/"late"; "fall" only in "in the fall" at the end of a phrase.
* A named day counts as written ("Christmas Day", "Easter Monday", "Labor Day 2019");
  "Christmas", "Easter", "Halloween" and "Thanksgiving" alone count only where they name a
  time: not before a noun they modify ("Christmas shoppers"), nor after "a" or "every"
  ("a normal Christmas"). "pre-Christmas" and "post-Christmas" are before and after it.
* "the weekend" after "at", "over", "on", "during", "since", "until", "by", "after" or
  "before" is the last Saturday-Sunday on or before the reference (the coming one when its
  clause is future); it needs a day-precision reference.
* "the 90s" (after "the", optionally "early"/"mid"/"late") is the decade 1990-1999.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ..values import When
from . import date_holidays as holidays
from . import date_relative as rel
from . import date_tense
from .date_pieces import SEASON, YEAR, Piece, S, left_word, sentence_start
from .date_words import SEASONS

_HOLIDAY_NAMES = "|".join(sorted((re.escape(n) for n in holidays.HOLIDAYS), key=len,
                                 reverse=True))

ALTERNATIVES = [
    r"(?P<yq>(?P<yq_n>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]inal|1st|2nd|3rd|4th)(?:-|[^\S\n]+)"
    r"quarter(?![\w-])(?![^\S\n]+(?:of[^\S\n]+)?(?:[0-9]|this\b|last\b|next\b|the\b)))",
    r"(?P<yh>(?P<yh_n>[Ff]irst|[Ss]econd|1st|2nd)(?:-|[^\S\n]+)half(?![\w-])"
    r"(?P<yh_of>[^\S\n]+of[^\S\n]+the[^\S\n]+year(?![\w-]))?)",
    rf"(?P<ys>(?:{SEASON})(?![\w-]))",
    rf"(?P<hd>(?:{_HOLIDAY_NAMES})(?![\w-])(?:,?{S}(?P<hd_y>{YEAR}))?)",
    r"(?P<wkd>(?<=the )weekend(?![\w-]))",
    r"(?P<d90>(?<![\w'’‘$£€-])(?P<d90_d>[2-9]0)s(?![\w'’]))",
]
KEYWORDS = ("first", "second", "third", "fourth", "final", "spring", "summer", "autumn",
            "winter", "fall", "weekend")
UPPER_KEYWORDS = ("First", "Second", "Third", "Fourth", "Final", "Spring", "Summer", "Autumn",
                  "Winter", "Fall", *holidays.HOLIDAYS)
LOOK_BACK: tuple[str, ...] = ()

Builder = Callable[[str, "re.Match[str]", "rel.Reference | None", list[Piece]],
                   "When | Piece | None"]

# A sentence about money or figures: where "the third quarter" is a part of a year.
_FIGURES = re.compile(
    r"[%£$€¥]|\b(?:per\s?cent|percent|profits?|earnings|sales|revenues?|turnover|growth|output"
    r"|production|GDP|economy|economic|results|loss(?:es)?|income|demand|prices?|inflation"
    r"|dividends?|shares|exports?|imports?|spending|investment|deficit|borrowing|lending"
    r"|unemployment|jobs|figures|forecasts?|quarterly|billion|million|bn|euros?|dollars"
    r"|pounds|yen)\b", re.IGNORECASE)
# A quarter or half that qualifies its results ("fourth-quarter earnings will be published")
# is one that is over, whatever the tense of the clause.
_RESULTS_RIGHT = re.compile(
    r"[^\S\n]+(?:[a-z-]+[^\S\n]+)?(?:earnings|results|profits?|loss(?:es)?|revenues?|sales"
    r"|figures|turnover|income|GDP|growth)\b")
_SENTENCE = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“‘])|\n")
_SEASON_LEFT = re.compile(
    r"(?:\b(?:[Ii]n|[Dd]uring|[Tt]hrough|[Tt]hroughout|[Oo]ver|[Bb]y|[Ff]rom|[Ss]ince|[Uu]ntil"
    r"|[Tt]ill|[Bb]efore|[Aa]fter|[Ff]or)[^\S\n]+(?:the[^\S\n]+)?(?:(?:early|mid|late)[^\S\n-]*-?"
    r"[^\S\n]*)?|\b(?:[Ee]arly|[Ll]ate|[Mm]id)(?:[^\S\n]+|-))$")
_SINCE_LEFT = re.compile(r"\b[Ss]ince[^\S\n]+(?:the[^\S\n]+)?(?:(?:early|mid|late)[\s-]+)?$")
_FALL_RIGHT = re.compile(r"[^\S\n]*(?:[.,;:!?)]|$)")
_CAPITAL_RIGHT = re.compile(r"[^\S\n]+[A-Z]")
_WEEKEND_LEFT = frozenset({"at", "over", "on", "during", "since", "until", "by", "after",
                           "before"})
_DECADE_LEFT = re.compile(r"(?:\b[Tt]he[^\S\n]+(?:(?:early|mid|late)(?:[^\S\n]+|-))?"
                          r"|\b[Tt]he[^\S\n]+mid-|\b(?:and|to)[^\S\n]+)$")
# After a loose holiday name these words make it a time ("over the Christmas period");
# any other lowercase word makes it a modifier ("Christmas shoppers").
_PERIOD_NOUNS = frozenset({"period", "season", "holiday", "holidays", "break", "week", "weekend",
                           "time", "day", "days", "eve", "fortnight", "run-up", "months",
                           "month", "term", "recess"})
_FUNCTION_WORDS = frozenset(["and", "or", "but", "nor", "to", "in", "on", "at", "of", "for", "with", "when", "while", "as", "than", "was", "were", "is", "are", "has", "had", "have", "will", "would", "could", "should", "may", "might", "can", "did", "does", "do", "this", "that", "these", "those", "the", "a", "an", "it", "its", "his", "her", "their", "we", "they", "he", "she", "you", "i", "so", "because", "if", "though", "although", "before", "after", "since", "until", "till", "by", "from", "into", "onwards"])
_GENERIC_LEFT = frozenset({"a", "an", "every", "each", "any"})
_LOWER_RIGHT = re.compile(r"[^\S\n]+([a-z][a-z-]*)")
_MODIFIER_LEFT = re.compile(r"\b([Tt]his|[Ll]ast|[Nn]ext)[^\S\n]+$")
_MODIFIERS: dict[str, rel.Direction] = {"this": "nearest", "last": "past", "next": "future"}


def _figures_nearby(text: str, start: int, end: int) -> bool:
    left = max(0, start - 200)
    for boundary in _SENTENCE.finditer(text, left, start):
        left = boundary.end()
    stop = _SENTENCE.search(text, end, min(len(text), end + 200))
    right = stop.start() if stop else min(len(text), end + 200)
    return _FIGURES.search(text, left, right) is not None


def _part(m: re.Match[str], first_month: int, months: int, precision: str,
          text: str) -> Piece:
    return Piece(m.start(), m.end(), None, first_month, months=months,
                 precision=precision,  # type: ignore[arg-type]
                 direction=date_tense.direction(text, m.start(), m.end()))


_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "final": 4}


def _quarter(text: str, m: re.Match[str], ref: rel.Reference | None,
             prev: list[Piece]) -> Piece | None:
    if not _figures_nearby(text, m.start(), m.end()):
        return None
    index = _ORDINAL[m.group("yq_n").lower()]
    piece = _part(m, (index - 1) * 3 + 1, 3, "quarter", text)
    if _RESULTS_RIGHT.match(text, m.end()):
        piece.direction = "since"
    return piece


def _half(text: str, m: re.Match[str], ref: rel.Reference | None,
          prev: list[Piece]) -> Piece | None:
    if not m.group("yh_of") and not _figures_nearby(text, m.start(), m.end()):
        return None
    index = _ORDINAL[m.group("yh_n").lower()]
    piece = _part(m, (index - 1) * 6 + 1, 6, "half", text)
    if _RESULTS_RIGHT.match(text, m.end()):
        piece.direction = "since"
    return piece


def _season(text: str, m: re.Match[str], ref: rel.Reference | None,
            prev: list[Piece]) -> Piece | None:
    start, end = m.start(), m.end()
    name = m.group("ys")
    if not _SEASON_LEFT.search(text, max(0, start - 32), start):
        return None
    if name[0].isupper() and _CAPITAL_RIGHT.match(text, end):
        return None  # "the Summer Olympics", "the Spring Statement"
    if name.lower() == "fall" and not (text[max(0, start - 7):start].lower() == "in the "
                                       and _FALL_RIGHT.match(text, end)):
        return None  # "a fall in prices"
    if _modifies(text, end):
        return None  # "for winter fuel", "the winter cold"
    piece = _part(m, SEASONS[name.lower()], 3, "season", text)
    if _SINCE_LEFT.search(text, max(0, start - 24), start):
        piece.direction = "since"  # "since the summer"
    return piece


def _modifies(text: str, end: int) -> bool:
    """True when a lowercase word that is not a period noun nor a function word follows:
    "Christmas shoppers", "winter fuel"."""
    following = _LOWER_RIGHT.match(text, end, min(len(text), end + 30))
    if following is None:
        return False
    word = following.group(1)
    return word not in _PERIOD_NOUNS and word not in _FUNCTION_WORDS


def _named_day(text: str, m: re.Match[str], ref: rel.Reference | None,
               prev: list[Piece]) -> When | Piece | None:
    name = text[m.start():m.end()] if m.group("hd_y") is None else \
        text[m.start():m.start("hd_y")].rstrip(" ,\n\t")
    if name in holidays.LOOSE and m.group("hd_y") is None and not _names_a_time(text, m):
        return None
    year = m.group("hd_y")
    if year is not None:
        day = holidays.holiday_date(name, int(year))
        return None if day is None else rel.day_value(day)
    modifier = _MODIFIER_LEFT.search(text, max(0, m.start() - 6), m.start())
    if modifier:
        # "this Christmas", "last Easter", "next Thanksgiving"
        direction: rel.Direction = _MODIFIERS[modifier.group(1).lower()]
        return Piece(modifier.start(), m.end(), None, holiday=name, direction=direction)
    return Piece(m.start(), m.end(), None, holiday=name,
                 direction=date_tense.direction(text, m.start(), m.end()))


def _names_a_time(text: str, m: re.Match[str]) -> bool:
    """"over Christmas", "their worst Christmas", "the Christmas period", "pre-Christmas";
    not "Christmas shoppers", "a normal Christmas"."""
    start, end = m.start(), m.end()
    if text[max(0, start - 4):start].lower() in ("pre-", "ost-"):
        return True
    before = [w.lower() for w in text[max(0, start - 40):start].split()[-2:]]
    if _GENERIC_LEFT.intersection(before):
        return False
    return not _modifies(text, end)


def _weekend(text: str, m: re.Match[str], ref: rel.Reference | None,
             prev: list[Piece]) -> When | None:
    if left_word(text, m.start() - 4).lower() not in _WEEKEND_LEFT:
        return None
    future = date_tense.direction(text, m.start(), m.end()) == "ahead"
    day = None if ref is None else ref.date
    if day is None:
        return rel.unresolved("day", "day")
    saturday = day + dt.timedelta(days=(5 - day.weekday()) % 7) if future else \
        day - dt.timedelta(days=(day.weekday() - 5) % 7)
    return rel.relative(rel.week_value(saturday, weekend=True))


def _decade(text: str, m: re.Match[str], ref: rel.Reference | None,
            prev: list[Piece]) -> When | None:
    start = m.start()
    left = _DECADE_LEFT.search(text, max(0, start - 16), start)
    if left is None or sentence_start(text, start):
        return None
    # "the 80s and 90s": after "and" or "to" only as the second of two decades
    second = left.group().split()[0] in ("and", "to")
    if second and (not prev or prev[-1].when is None or prev[-1].when.precision != "decade"
                   or start - prev[-1].end > 6):
        return None
    first = 1900 + int(m.group("d90_d"))
    return rel.year_value(first, first + 9, "decade")


BUILDERS: dict[str, Builder] = {
    "yq": _quarter, "yh": _half, "ys": _season, "hd": _named_day, "wkd": _weekend,
    "d90": _decade,
}


def interval(piece: Piece, year: int) -> tuple[dt.date, dt.date] | None:
    """The days a year-less quarter, half, season or named day covers in ``year`` (None
    outside the calendar's years 1-9999)."""
    found = value(piece, year)
    if found is None or found.first is None or found.last is None:
        return None
    return found.first, found.last


def value(piece: Piece, year: int) -> When | None:
    if piece.holiday is not None:
        day = holidays.holiday_date(piece.holiday, year)
        return None if day is None else rel.day_value(day)
    assert piece.precision is not None
    try:
        return rel.months_value(year, piece.month, piece.months, piece.precision)
    except (ValueError, OverflowError):
        return None
