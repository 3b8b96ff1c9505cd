"""Counts and measures: "284 Japanese companies", "twenty-one", "a dozen", "two-thirds",
"5.2 percent", "fivefold", "five-year", "50-odd", "nearly 300", "more than 1,700".

The span covers the qualifier, the number, its scale word, a range, and whatever is glued to
the number ("-odd", "-plus", "%", "percent", "-fold", "-year"); the counted noun that follows
after a space is read into ``unit`` (singular, lowercase) but left out of the span, so a name
in between ("three Toyota plants") stays a name. Rules (documented in docs/mentions.md):

* the counted noun is the first plural noun within four words, skipping adjectives and
  nationalities ("284 Japanese companies" -> company); a function word or verb stops the
  search (unit None); after a decimal ("7.1 magnitude") the next noun counts even if singular;
* "one" is a count only after a qualifier or "only/just/exactly" ("at least one"), before a
  scale or percent ("one million", "one percent"), in a ratio ("one in five") or in a compound
  with a unit of measure ("one-year"); "one another", "at one time", "new ones", "one of" are
  not counts;
* "a third", "a quarter", … are fractions only after a qualifier or "by", or before "of";
  "half" only after a qualifier ("more than half");
  "twice" is 2 times; "double", "triple" only after a qualifier or before "the/its/their";
* "over" before a time span ("over five years") means during, not more than;
* not counts: ordinals ("20th", "third", "eleventh-hour"), numbers glued to letters ("G-20",
  "F-16", "COVID-19", "5G"), identifiers ("Article 9", "No. 5", "Boeing 737", "iPhone 11",
  "221 Baker Street"), times ("3 p.m.", "10:30"), scores ("3-1"), "24/7", capitalized number
  words inside a sentence ("Group of Seven"), and bare four-digit years 1000-2199 (dates);
* "N-M" and "between N and M" are ranges (``upper``); "from N to M" is two numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..values import Quantity
from .nouns import (
    IDENTIFIER_WORDS,
    MEASURE_NOUNS,
    NOT_COMPOUND,
    STOP_WORDS,
    STREET_WORDS,
    TIME_UNITS,
    is_plural,
    singular,
)
from .numbers import (
    A_DENOMINATORS,
    DENOMINATORS,
    DIGITS,
    FRACTION,
    MULTIPLIERS,
    NUMBER_WORDS,
    QUALIFIER,
    SCALE_WORD,
    TENS,
    TRAILING,
    UNITS,
    WORDS,
    lead_start,
    lowered_same_length,
    number_starts,
    parse_amount,
    parse_fraction,
    qualifier_of,
    tidy,
)
from .types import Mention

__all__ = ["find_quantities", "is_plural", "singular"]

_FOLD_WORDS = "|".join(sorted([*UNITS, *TENS, "hundred", "thousand"], key=len, reverse=True))
_NUMBER = rf"{DIGITS}|(?i:{WORDS})"
_SMALL = rf"\d+|(?i:{'|'.join(sorted([*UNITS, *TENS], key=len, reverse=True))})"
_SCALE = rf"[ \t]+(?i:{SCALE_WORD}|hundred|dozen)\b"
_PERCENT = r"[ \t]?%|[ \t]+(?i:percent|per[ \t]cent|pct)\b|[ \t]+(?i:percentage[ \t]+points?)\b"

_LEAD = (
    rf"(?:(?P<qual>(?i:{QUALIFIER}))[ \t]+)?"
    rf"(?:(?P<only>(?i:only|just|exactly))[ \t]+)?"
    rf"(?P<between>(?i:between)[ \t]+)?"
    rf"(?:(?P<minus>(?i:minus|negative))[ \t]+)?"
)
# The same groups, never matching: for numbers with no lead words (most), a cheaper match.
_NO_LEAD = r"(?P<qual>(?!))?(?P<only>(?!))?(?P<between>(?!))?(?P<minus>(?!))?"
# The "fold" look-ahead is bounded ("seventeen-fold" is 14 characters): an unbounded \S* ran
# to the end of every long run without spaces, from each number in it, which was quadratic.
_BODY = (
    r"(?:"
    rf"(?=(?i:an?[ \t]+)?\S{{0,32}}?(?i:fold)\b)(?P<fold>(?:(?i:a[ \t]+(?=hundred|thousand))?(?i:{_FOLD_WORDS})|\d+)-?(?i:fold))\b"
    rf"|(?=[A-Za-z])(?P<times>(?i:{'|'.join(MULTIPLIERS)}))\b"
    rf"|(?=[A-Za-z])(?P<frac>(?i:{FRACTION}))\b"
    rf"|(?=[Aa])(?P<afrac>(?i:an?[ \t]+(?:{'|'.join(A_DENOMINATORS)})))\b"
    r"|(?=[Hh])(?P<half>(?i:half))\b"
    rf"|(?P<ratio>(?P<rn>{_SMALL})[ \t]+in[ \t]+(?P<rd>{_SMALL}))\b"
    rf"|(?P<n1>{_NUMBER})(?P<s1>{_SCALE})?"
    rf"(?:(?P<join>[ \t]?[-–][ \t]?|[ \t]+(?i:to|and)[ \t]+)(?P<n2>{_NUMBER})(?P<s2>{_SCALE})?)?"
    rf"(?:(?P<pct>{_PERCENT})|(?P<odd>-odd|-plus|\+)"
    r"|-(?P<compound>[a-z]+)(?P<old>-old)?\b)?"
    r")"
    rf"(?P<trail>[ \t]+(?i:{TRAILING})\b)?"
)
_BOUNDARY = r"(?<![\w$€£¥.,/:#+\-–])"
QUANTITY_RE = re.compile(_BOUNDARY + _LEAD + _BODY)
BARE_RE = re.compile(_BOUNDARY + _NO_LEAD + _BODY)
_WORD_RE = re.compile(r"[ \t]+((?:[A-Z]\.){2,}|[A-Za-z][A-Za-z’'\-]*)")
_TIME_AFTER = re.compile(r"[ \t]*(?:[ap]\.m\.|[ap]m\b|o['’]clock)|:\d", re.I)
_FROM_BEFORE = re.compile(r"(?i:\bfrom)[ \t]+$")
_FOR_BEFORE = re.compile(r"(?i:\bfor)[ \t]+$")
_BY_BEFORE = re.compile(r"(?i:\bby)[ \t]+$")
_OF_AFTER = re.compile(r"[ \t]+of\b")
_DETERMINER_AFTER = re.compile(r"[ \t]+(?:the|its|their|his|her|that|what)\b")
_TALLY_AFTER = re.compile(r"[ \t]+to[ \t]+\d")
_SENTENCE_END = frozenset(".!?\n\"“‘(—–:;")
_HYPHENS = "-‐‑–"


def find_quantities(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    """Quantity mentions in ``text``; numbers that start inside a ``skip`` span (sorted
    (start, end) pairs: dates, amounts, names already found) are not tried."""
    found: list[Mention] = []
    covered = 0
    spans = iter(skip)
    span = next(spans, None)
    # Only the places where a number starts are tried (the full pattern is slow to scan with).
    for index in number_starts(text, lowered_same_length(text)):
        while span is not None and span[1] <= index:
            span = next(spans, None)
        if index < covered or (span is not None and span[0] <= index):
            continue
        lead = lead_start(text, index)
        for start in (lead, index) if lead != index else (index,):
            match = (QUANTITY_RE if start != index else BARE_RE).match(text, start)
            mention = None if match is None else _mention(text, match)
            if mention is not None:
                found.append(mention)
                covered = mention.end
                break
    return found


def _mention(text: str, match: re.Match[str]) -> Mention | None:
    g = match.groupdict()
    form = next(
        name for name in ("fold", "times", "frac", "afrac", "half", "ratio", "n1") if g[name]
    )
    number_start = match.start(form)
    start = match.start()
    qualified = g["qual"] is not None or g["only"] is not None
    if text[number_start].isalpha() and not _word_boundary_before(text, number_start):
        return None
    if text[number_start].isupper() and not _sentence_start(text, number_start) and not qualified:
        return None  # "Group of Seven", "the Big Three"
    before = _identifier_before(text, start)
    if before == "identifier":
        return None
    parsed = _value(text, match, g, form)
    if parsed is None:
        return None
    amount, upper, unit, end, qualifier = parsed
    if g["minus"]:
        amount = -amount
    if before == "name" and not (unit or _TALLY_AFTER.match(text, end)):
        return None  # "Boeing 737", "iPhone 11": a name, not a count
    if _address_after(text, end):
        return None
    trail = g["trail"]
    if trail and match.end("trail") == match.end() and end == match.start("trail"):
        qualifier = qualifier or qualifier_of(trail)
        end = match.end("trail")
    if (g["qual"] or "").lower() == "over" and unit in TIME_UNITS and not (
        _FOR_BEFORE.search(text, max(0, start - 8), start)
    ):
        qualifier = None  # "over five years": during five years
        start = match.start("between") if g["between"] else match.end("qual") + 1
        while text[start] in " \t":
            start += 1
    if g["only"] and not g["qual"] and not g["between"]:
        start = match.start("minus") if g["minus"] else number_start
    value = Quantity(
        amount=tidy(amount), unit=unit, qualifier=qualifier,
        upper=None if upper is None else tidy(upper),
    )
    return Mention("quantity", start, end, text[start:end], value)


_Groups = dict[str, Any]
_Parsed = tuple[Decimal, Decimal | None, str | None, int, str | None]


def _value(text: str, match: re.Match[str], g: _Groups, form: str) -> _Parsed | None:
    """(amount, upper, unit, end, qualifier) of the matched number, or None if it is none."""
    qualifier = qualifier_of(g["qual"])
    end = match.end(form)
    if form == "fold":
        amount = _fold(g["fold"])
        return None if amount is None else (amount, None, "time", end, qualifier)
    if form == "times":
        word = g["times"].lower()
        if word != "twice" and qualifier is None and not _DETERMINER_AFTER.match(text, end):
            return None  # "double standards", "a triple jump"
        return Decimal(MULTIPLIERS[word]), None, "time", end, qualifier
    if form == "frac":
        fraction = parse_fraction(g["frac"])
        return None if fraction is None else (fraction, None, None, end, qualifier)
    if form == "afrac":
        start = match.start()
        by = _BY_BEFORE.search(text, max(0, start - 6), start)
        if qualifier is None and by is None and not _OF_AFTER.match(text, end):
            return None  # "a third term", "a quarter century"
        denominator = DENOMINATORS[g["afrac"].split()[-1].lower()]
        return Decimal(1) / Decimal(denominator), None, None, end, qualifier
    if form == "half":
        if qualifier is None:
            return None  # "the other half of", "half a century"
        return Decimal("0.5"), None, None, end, qualifier
    if form == "ratio":
        top, bottom = _number(g["rn"], None), _number(g["rd"], None)
        if top is None or bottom is None or not 0 < top < bottom or bottom > 1000:
            return None  # "5 in 2019", "ten in ten"
        return top / bottom, None, None, end, qualifier
    return _plain(text, match, g, qualifier)


def _plain(text: str, match: re.Match[str], g: _Groups, qualifier: str | None) -> _Parsed | None:
    first = _number(g["n1"], g["s1"])
    if first is None:
        return None
    end = match.end("s1") if g["s1"] else match.end("n1")
    if not _clean_end(text, end, g):
        return None
    start = match.start()
    word = g["n1"].lower()
    upper: Decimal | None = None
    join = g["join"]
    if join is not None:
        joiner = join.strip().lower()
        second = _number(g["n2"], g["s2"])
        accepted = (
            second is not None
            and (joiner != "and" or g["between"] is not None)
            and not (joiner == "to" and _FROM_BEFORE.search(text, max(0, start - 12), start))
        )
        if accepted and second is not None:
            if not g["s1"] and g["s2"]:
                first *= _scale(g["s2"])
            if second > first:
                upper = second
                end = match.end("s2") if g["s2"] else match.end("n2")
            elif joiner in _HYPHENS:
                return None  # a score or a tally ("3-1", "52-48"), not a range
        elif joiner in _HYPHENS:
            return None  # "5-a-side", "24-7": glued to something else
    if g["between"] and upper is None:
        return None
    tail = next((name for name in ("pct", "odd", "compound") if g[name] is not None), None)
    if tail is not None and match.start(tail) - (tail == "compound") != end:
        tail = None  # the tail belongs to a range end that was not accepted
    unit: str | None = None
    if tail == "pct":
        unit = "percentage point" if "point" in g["pct"].lower() else "percent"
        end = match.end("pct")
    elif tail == "odd":
        qualifier = "odd" if g["odd"].lower() == "-odd" else "at-least"
        end = match.end("odd")
    elif tail == "compound":
        noun = g["compound"]
        if noun in NOT_COMPOUND or noun in NUMBER_WORDS:
            return None
        if word in ("one", "a") and noun not in MEASURE_NOUNS:
            return None  # "one-sided", "one-off"
        unit = None if noun == "strong" else singular(noun)
        end = match.end("old") if g["old"] else match.end("compound")
    if _year_like(g["n1"]) and tail is None and (
        upper is not None or _counted_noun(text, end, first, words=1) is None
    ):
        return None  # a bare year ("1965", "2015-2016"): the date extractor's
    if word in ("one", "zero") and tail not in ("pct", "compound") and (
        word == "zero" or (g["qual"] is None and g["only"] is None)
    ):
        return None
    if tail in (None, "odd"):
        unit = _counted_noun(text, end, first if upper is None else upper)
    return first, upper, unit, end, qualifier


def _number(number: str | None, scale: str | None) -> Decimal | None:
    return parse_amount(number, scale, _scale)


def _scale(scale: str) -> int:
    return NUMBER_WORDS[scale.strip().lower()]


def _fold(text: str) -> Decimal | None:
    word = re.sub(r"(?i)-?fold$", "", text).strip()
    if word[0].isdigit():
        return Decimal(word)
    value = NUMBER_WORDS.get(re.sub(r"(?i)^a[ \t]+", "", word).lower())
    return None if value is None or value < 2 else Decimal(value)


def _clean_end(text: str, end: int, g: _Groups) -> bool:
    """The number is not glued to letters or digits ("5G", "20th", "3.5.1", "24/7", "3 p.m.")."""
    if end < len(text):
        after = text[end]
        if after.isalnum() or after == "_":
            return False
        if after in "./," and end + 1 < len(text) and text[end + 1].isdigit():
            return False
        if after in _HYPHENS and end + 1 < len(text) and text[end + 1].isalnum() and (
            g["compound"] is None and g["odd"] is None
            and g["n2"] is None
        ):
            return False  # "3-D", "9-to-5"
    return _TIME_AFTER.match(text, end) is None


def _word_boundary_before(text: str, index: int) -> bool:
    return index == 0 or not (text[index - 1].isalnum() or text[index - 1] in "_-")


def _sentence_start(text: str, index: int) -> bool:
    i = index - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _identifier_before(text: str, start: int) -> str | None:
    """'identifier' after "Article", "No.", "#" or another number ("387 737 jets"); 'name'
    after a capitalized word inside a sentence ("Boeing 737"); else None."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0:
        return None
    if i == start - 1:
        return "identifier" if text[i] == "#" else None
    if text[i].isdigit():
        return "identifier"
    j = i
    while j >= 0 and (text[j].isalpha() or text[j] == "."):
        j -= 1
    word = text[j + 1 : i + 1]
    if not word:
        return None
    if word.lower() in IDENTIFIER_WORDS:
        return "identifier"
    if (
        any(c.isupper() for c in word)
        and not word.endswith(".")
        and word.lower() not in STOP_WORDS
        and not _sentence_start(text, j + 1)
    ):
        return "name"
    return None


def _address_after(text: str, end: int) -> bool:
    """'221 Baker Street': up to three capitalized words, then a street word."""
    pos = end
    for _ in range(4):
        match = _WORD_RE.match(text, pos)
        if match is None or not match.group(1)[0].isupper():
            return False
        if match.group(1).lower() in STREET_WORDS or (
            match.group(1).lower() + "." in STREET_WORDS and text[match.end() : match.end() + 1] == "."
        ):
            return True
        pos = match.end()
    return False


def _year_like(number: str | None) -> bool:
    return number is not None and len(number) == 4 and number.isdigit() and 1000 <= int(number) <= 2199


def _counted_noun(text: str, end: int, amount: Decimal, words: int = 4) -> str | None:
    """The noun a number counts: the first plural noun within four words ("284 Japanese
    companies" -> "company"); for a count of one the last word before a stop; after a decimal
    ("7.1 magnitude") the next word."""
    pos = end
    last: str | None = None
    decimal = amount != amount.to_integral_value()
    for step in range(words):
        match = _WORD_RE.match(text, pos)
        if match is None:
            break
        word = match.group(1).strip("-’'")
        lowered = word.lower()
        if not word or lowered in STOP_WORDS or lowered in NUMBER_WORDS:
            break
        if decimal and step == 0 and word[0].islower():
            return singular(word)
        if amount != 1:
            if is_plural(word):
                return singular(word)
        elif last is not None and lowered.endswith(("ed", "ing")):
            break
        else:
            last = word
        pos = match.end()
        if pos < len(text) and text[pos] not in " \t":
            break  # punctuation ends the noun phrase
    if amount == 1 and last is not None and last[0].islower():
        return singular(last)
    return None
