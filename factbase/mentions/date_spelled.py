"""Years written in words: "nineteen eighty-four", "Nineteen Eighty-Four", "nineteen oh
five", "nineteen hundred", "twenty twenty", "the year two thousand and ten".

Alternatives of the master pattern in ``date_forms``. The rules (docs/dates.md):

* A century word from "thirteen" to "twenty" followed by "hundred", "oh" and a digit word,
  or a number from ten to ninety-nine is a year: "nineteen eighty-four" is 1984, "nineteen
  hundred and five" 1905. "twenty one" (21) and "twelve fifteen" (a time) are not years, nor
  is a spelled year before a count noun, "hours" or "GMT".
* "two thousand" with an optional "and" and a number below a hundred is a year only after
  "year" ("the year two thousand and ten" is 2010; the mention is the number words).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..values import When
from . import date_relative as rel
from . import date_words as words
from .date_pieces import Piece

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_CENTURIES = {w: n for w, n in {**_TEENS, "twenty": 20}.items() if n >= 13}


def _words(names: dict[str, int]) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


_SP = r"[^\S\n]+"
_J = r"(?:-|[^\S\n]+)"  # joins tens and units: "eighty-four", "eighty four"
_BELOW_100 = rf"(?:(?:{_words(_TENS)})(?:{_J}(?:{_words(_UNITS)}))?|{_words(_TEENS)}|{_words(_UNITS)})"
_TEN_TO_99 = rf"(?:(?:{_words(_TENS)})(?:{_J}(?:{_words(_UNITS)}))?|{_words(_TEENS)})"

ALTERNATIVES = [
    rf"(?P<sy>(?i:(?P<sy_c>{_words(_CENTURIES)}){_J}(?:hundred(?:(?:{_SP}and)?{_SP}"
    rf"(?P<sy_h>{_BELOW_100}))?|oh{_J}(?P<sy_o>{_words(_UNITS)})|(?P<sy_r>{_TEN_TO_99}))"
    rf"|two{_SP}thousand(?:(?:{_SP}and)?{_SP}(?P<sy_t>{_BELOW_100}))?)(?![\w-]))",
]
KEYWORDS = (*_CENTURIES, "two thousand")
UPPER_KEYWORDS = (*(w.capitalize() for w in _CENTURIES), "Two thousand", "Two Thousand")
LOOK_BACK: tuple[str, ...] = ()

Builder = Callable[[str, "re.Match[str]", "rel.Reference | None", list[Piece]],
                   "When | Piece | None"]

_YEAR_LEFT = re.compile(r"\b[Yy]ear[^\S\n]+$")
_NOT_AFTER = frozenset({"hours", "hrs", "gmt", "utc", "bst", "o'clock", "am", "pm"})
_RIGHT_WORD = re.compile(r"[^\S\n-]*[\s-]([A-Za-z']+)")
_LEFT_WORD = re.compile(r"([A-Za-z]+)[\s-]+$")
_NUMBER_WORDS = frozenset({*_UNITS, *_TEENS, *_TENS, "hundred", "thousand", "million",
                           "billion", "oh"})


def _number(text: str) -> int:
    """"eighty-four" -> 84, "ten" -> 10."""
    total = 0
    for word in re.split(r"[-\s]+", text.lower()):
        total += _UNITS.get(word) or _TEENS.get(word) or _TENS.get(word, 0)
    return total


def _spelled_year(text: str, m: re.Match[str], ref: rel.Reference | None,
                  prev: list[Piece]) -> When | None:
    start, end = m.start(), m.end()
    right = _RIGHT_WORD.match(text, end, min(len(text), end + 24))
    if right:
        word = right.group(1).lower()
        if word in _NOT_AFTER or word in words.COUNT_NOUNS or word in _NUMBER_WORDS:
            return None
    left = _LEFT_WORD.search(text, max(0, start - 16), start)
    if left and left.group(1).lower() in _NUMBER_WORDS:
        return None  # part of a longer run of number words
    if m.group("sy_c") is None:
        if not _YEAR_LEFT.search(text, max(0, start - 12), start):
            return None
        rest = m.group("sy_t")
        return rel.year_value(2000 + (_number(rest) if rest else 0))
    century = _CENTURIES[m.group("sy_c").lower()] * 100
    for group in ("sy_h", "sy_o", "sy_r"):
        if m.group(group):
            return rel.year_value(century + _number(m.group(group)))
    return rel.year_value(century)


BUILDERS: dict[str, Builder] = {"sy": _spelled_year}
