"""Counts and measures: "284 Japanese companies", "twenty-one", "a dozen", "two-thirds",
"5.2 percent", "fivefold", "five-year", "50-odd", "nearly 300", "more than 1,700".

The span covers the qualifier, the number, its scale word, a range, and whatever is glued to
the number ("-odd", "-plus", "%", "percent", "-fold", "-year"); the counted noun that follows
after a space is read into ``unit`` (singular, lowercase) but left out of the span, so a name
in between ("three Toyota plants") stays a name. Rules (documented in docs/mentions.md):

* the counted noun is the first plural noun within four words, skipping adjectives and
  nationalities ("284 Japanese companies" -> company); a function word or verb stops the
  search (unit None); after a decimal ("7.1 magnitude") the next noun counts even if singular;
* a singular unit of measure after the number is read as used attributively: "a three year
  programme", "the 25 nation EU", "a 10-mile walk" -> year, nation, mile; "aged 44" counts
  years; symbols glued or spaced are units ("80GB" -> gigabyte, "18Mbps" -> megabit per
  second, "5 km" -> kilometre); "18m people", "300m entries" scale by a million only before
  the noun they count;
* "one" is a count after a qualifier or "only/just/exactly" ("at least one"), before a scale
  or percent ("one million", "one percent"), in a ratio ("one in five"), in a range ("one or
  two"), in a compound with a unit of measure ("one-year"), and before the noun it counts
  ("charged with one felony", "this one issue", "one more briefing"); not when it stands for
  "a" or is a pronoun: "One result has been", "one analyst said", "in one case", "one
  thing", "one of the leaders", "no one", "the only one to", "one ... another";
* fractions are exact: "a third" is 1/3 and "two-thirds" 2/3 (fractions, as they have no
  finite decimal form), "three-quarters" 0.75, "one in six" 1/6, "four out of five" 0.8;
  "a third", "a quarter", … are fractions after a qualifier or "by", before "of", or before
  "percentage point" ("a quarter percentage point" -> 0.25 percentage point); "a quarter of
  a million" is 250000, "two and a half years" 2.5 years;
  "half" is 0.5 ("half of the loans", "half were repaid", "half-hour" -> 0.5 hour, "half a
  million" -> 500000), except after "first", "second", "other" …, in compounds that are not
  measures ("half-sister", "half-year") and capitalized inside a sentence ("Half Life");
  "twice" is 2 times; "double", "triple" only after a qualifier or before "the/its/their";
* "over" before a time span ("over five years") means during, not more than;
* not counts: ordinals ("20th", "third", "eleventh-hour"), numbers glued to letters ("G-20",
  "F-16", "COVID-19", "5G"), identifiers ("Article 9", "No. 5", "Boeing 737", "iPhone 11",
  "Xbox 2", "221 Baker Street"), telephone, case and model numbers ("212-555-0187",
  "08-cr-00123", "737-800"), times ("3 p.m.", "10:30", "1200 GMT", "0900"), scores ("3-1"),
  "24/7", age ratings ("18-rated"), capitalized number words inside a sentence ("Group of
  Seven"; a title-case headline is not a sentence: "Jailed for Six Years" counts), and bare
  four-digit years 1000-2199 (dates);
* "N-M", "N to M", "N or M" and "between N and M" are ranges (``upper``), the percent sign on
  either end or both ("6-7%", "between 3% and 6%", "70% to 80%"); "from N to M" is two
  numbers, and so is a change and its new level ("up 23,600 to 27,700": see clauses).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..values import Number, Quantity, exact_number
from .identifiers import identifier_end
from .nouns import (
    IDENTIFIER_WORDS,
    MEASURE_NOUNS,
    NOT_COMPOUND,
    STOP_WORDS,
    STREET_WORDS,
    TIME_UNITS,
    UNIT_ABBREVIATIONS,
    counted_noun,
    is_plural,
    one_counts,
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
    QUALIFIER_WORDS,
    SCALE_WORD,
    SCALES,
    TENS,
    TRAILING,
    UNITS,
    WORDS,
    exact_fraction,
    exact_ratio,
    lead_start,
    lowered_same_length,
    number_starts,
    parse_amount,
    qualifier_of,
    tidy,
)
from .types import Mention

__all__ = ["find_quantities", "is_plural", "singular"]

_FOLD_WORDS = "|".join(sorted([*UNITS, *TENS, "hundred", "thousand"], key=len, reverse=True))
_NUMBER = rf"{DIGITS}|(?i:{WORDS})"
_SMALL = rf"\d{1,3}(?:,\d{3})*(?![\d.])|(?i:{'|'.join(sorted([*UNITS, *TENS], key=len, reverse=True))})"
_SCALE = rf"[ \t]+(?i:{SCALE_WORD}|hundred|dozen)\b"
_PERCENT = r"[ \t]?%|[ \t]+(?i:percent|per[ \t]cent|pct)\b|[ \t]+(?i:percentage[ \t]+points?)\b"
_ABBREVIATION = "|".join(re.escape(a) for a in sorted(UNIT_ABBREVIATIONS, key=len, reverse=True))
# "one fifth" as well as "one-fifth" (not "one quarter": a period of the year)
_FRACTION = (rf"(?i:{FRACTION})|(?i:one)[ \t]+(?i:{'|'.join(d for d in DENOMINATORS if not d.endswith('s') and d not in ('half', 'quarter', 'fourth'))})")

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
    rf"|(?=[A-Za-z])(?P<frac>{_FRACTION})\b"
    rf"|(?=[Aa])(?P<afrac>(?i:an?[ \t]+(?:{'|'.join(A_DENOMINATORS)})))\b"
    r"|(?=[Hh])(?P<half>(?i:half))\b"
    rf"|(?P<ratio>(?P<rn>{_SMALL})[ \t]+(?:in|out[ \t]+of)[ \t]+(?P<rd>{_SMALL}))\b"
    rf"|(?P<n1>{_NUMBER})(?P<s1>{_SCALE})?(?P<pct1>{_PERCENT})?"
    rf"(?:(?P<join>[ \t]?[-–][ \t]?|[ \t]+(?i:to|and|or)[ \t]+)(?P<n2>{_NUMBER})(?P<s2>{_SCALE})?)?"
    rf"(?:(?P<pct>{_PERCENT})|(?P<odd>-odd|-plus|\+)"
    rf"|(?P<abbr>[ \t]?(?:{_ABBREVIATION}))(?![\w/])|(?<=\d)(?P<mscale>m|bn)\b"
    r"|-(?P<compound>[a-z]+)(?P<old>-olds?)?\b)?"
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
_SCALE_WORDS = "|".join(SCALES)
_POINT_AFTER = re.compile(r"[ \t]+(?:of[ \t]+an?[ \t]+)?percentage[ \t]+points?\b", re.I)
_OF_SCALE_AFTER = re.compile(rf"[ \t]+of[ \t]+an?[ \t]+({_SCALE_WORDS})\b", re.I)
_A_SCALE_AFTER = re.compile(rf"[ \t]+an?[ \t]+({_SCALE_WORDS})\b", re.I)
_A_NOUN_AFTER = re.compile(r"[ \t]+an?[ \t]+([a-z]+)\b")
_AND_A_HALF = re.compile(rf"[ \t]+and[ \t]+a[ \t]+half\b(?:[ \t]+({_SCALE_WORDS})\b)?", re.I)
_COMPOUND_AFTER = re.compile(r"[-‐‑]([A-Za-z]+)\b")
_PREVIOUS_WORD = re.compile(r"([A-Za-z][A-Za-z\-]*)[ \t]+$")
_NOT_BEFORE_HALF = frozenset({
    "first", "second", "third", "fourth", "other", "latter", "former", "back", "top", "bottom",
    "last", "next", "previous", "opening", "closing", "final", "better", "worse", "lower",
    "upper", "a", "an", "the", "this", "that", "his", "her", "its", "their", "our", "my", "your",
    "each", "every"})
_THE_BEFORE = re.compile(r"(?i:\bthe)[ \t]+$")
_AGED_BEFORE = re.compile(r"(?i:\baged)[ \t]+(?:(?:between|about|around|over|under)[ \t]+)?$")
_WEEKDAY_BEFORE = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)[ \t]+\Z")
# What may follow a number that comes right after a name: "Labour 35%" is a share, "Boeing
# 737 jets" a model.
_UNITS_AFTER_NAME = frozenset({"percent", "percentage point", "time"})
# First words of qualifier phrases ("About 40", "Nearly 300" start sentences).
QUALIFIER_STARTS = frozenset(
    word.split()[0] for word in (*QUALIFIER_WORDS, "only", "just", "exactly", "between", "minus"))
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
        if text[index].isdigit():
            code = identifier_end(text, index)
            if code is not None:
                covered = code  # "212-555-0187", "737-800", "1200 GMT": not counts
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
    if (text[number_start].isupper() and not _sentence_start(text, number_start)
            and not qualified and not _title_line(text, number_start)):
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
    if before is not None and not (unit or _TALLY_AFTER.match(text, end)):
        return None  # "Boeing 737", "iPhone 11", "Xbox 2 may be unveiled": a name, not a count
    if before == "name" and unit not in _UNITS_AFTER_NAME and not (
        _TALLY_AFTER.match(text, end) or g["qual"] or g["s1"]
        or _WEEKDAY_BEFORE.search(text, max(0, start - 12), start)
    ):
        return None  # "Commodore 64 enthusiasts", "Boeing 737 jets": a model, not a count
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
    elif g["qual"] and g["qual"][:4].lower() in ("just", "well"):
        start = match.start("qual") + 4  # "just over a third": the span is "over a third"
        while text[start] in " \t":
            start += 1
    if g["only"] and not g["qual"] and not g["between"]:
        start = match.start("minus") if g["minus"] else number_start
    value = Quantity(
        amount=_tidy(amount), unit=unit, qualifier=qualifier,
        upper=None if upper is None else _tidy(upper),
    )
    return Mention("quantity", start, end, text[start:end], value)


_Groups = dict[str, Any]
_Parsed = tuple[Number, Number | None, str | None, int, str | None]


def _tidy(value: Number) -> Number:
    return value if isinstance(value, Fraction) else tidy(value)


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
        fraction = exact_fraction(g["frac"])
        return None if fraction is None else _of_scale(text, fraction, end, qualifier)
    if form == "afrac":
        start = match.start()
        by = _BY_BEFORE.search(text, max(0, start - 6), start)
        point = _POINT_AFTER.match(text, end)
        if qualifier is None and by is None and point is None and not _OF_AFTER.match(text, end):
            return None  # "a third term", "a quarter century"
        fraction = exact_number(Fraction(1, DENOMINATORS[g["afrac"].split()[-1].lower()]))
        if point is not None:
            return fraction, None, "percentage point", end, qualifier
        return _of_scale(text, fraction, end, qualifier)
    if form == "half":
        return _half(text, match.start("half"), end, qualifier)
    if form == "ratio":
        top, bottom = _number(g["rn"], None), _number(g["rd"], None)
        if top is None or bottom is None or not 0 < top < bottom or bottom > 1000:
            return None  # "ten in ten"
        return exact_ratio(top, bottom), None, None, end, qualifier
    return _plain(text, match, g, qualifier)


def _of_scale(text: str, fraction: Number, end: int, qualifier: str | None) -> _Parsed:
    """A fraction, or a fraction of a scale ("a quarter of a million jobs" -> 250000 job)."""
    scaled = _OF_SCALE_AFTER.match(text, end)
    if scaled is None:
        return fraction, None, None, end, qualifier
    amount = exact_number(Fraction(fraction) * SCALES[scaled.group(1).lower()])
    end = scaled.end()
    return amount, None, counted_noun(text, end, amount), end, qualifier


def _half(text: str, start: int, end: int, qualifier: str | None) -> _Parsed | None:
    """"half" alone: 0.5 of something ("half the population", "half were repaid"), of a
    measure ("half-hour", "half an hour"), or of a scale ("half a million people")."""
    half = Decimal("0.5")
    compound = _COMPOUND_AFTER.match(text, end)
    if compound is not None:
        noun = compound.group(1).lower()
        if noun not in MEASURE_NOUNS or noun == "year":
            return None  # "half-sister", "half-time", "half-year results"
        return half, None, noun, compound.end(), qualifier  # "the half-hour programme"
    previous = _PREVIOUS_WORD.search(text, max(0, start - 16), start)
    if previous is not None and (previous.group(1).lower() in _NOT_BEFORE_HALF
                                 or "-" in previous.group(1)):
        return None  # "the second half of", "his half", "the lame-duck half", "a year and a half"
    scaled = _A_SCALE_AFTER.match(text, end)
    if scaled is not None:
        amount = half * SCALES[scaled.group(1).lower()]
        return amount, None, counted_noun(text, scaled.end(), amount), scaled.end(), qualifier
    measure = _A_NOUN_AFTER.match(text, end)
    if measure is not None and measure.group(1).lower() in MEASURE_NOUNS:
        return half, None, measure.group(1).lower(), end, qualifier  # "half an hour"
    return half, None, None, end, qualifier


def _plain(text: str, match: re.Match[str], g: _Groups, qualifier: str | None) -> _Parsed | None:
    first = _number(g["n1"], g["s1"])
    if first is None:
        return None
    end = match.end("s1") if g["s1"] else match.end("n1")
    glued = next((name for name in ("abbr", "mscale") if g[name] is not None
                  and match.start(name) == end and g["join"] is None), None)
    if glued is None and not _clean_end(text, end, g):
        return None
    start = match.start()
    word = g["n1"].lower()
    upper: Decimal | None = None
    half = None if (g["join"] or g["pct1"] or g["s1"] or glued) else _AND_A_HALF.match(text, end)
    if half is not None:  # "two and a half years", "one and a half million"
        first = (first + Decimal("0.5")) * (_scale(half.group(1)) if half.group(1) else 1)
        end = half.end()
    join = g["join"]
    if join is not None and half is None:
        joiner = join.strip().lower()
        second = _number(g["n2"], g["s2"])
        accepted = (
            second is not None
            and (joiner != "and" or g["between"] is not None)
            and not (joiner == "to" and _FROM_BEFORE.search(text, max(0, start - 12), start))
            and (g["pct1"] is None or (
                g["pct"] is not None and ("point" in g["pct1"].lower()) == ("point" in g["pct"].lower())))
        )
        if accepted and second is not None:
            if not g["s1"] and g["s2"]:
                first *= _scale(g["s2"])
            if second > first:
                upper = second
                end = match.end("s2") if g["s2"] else match.end("n2")
            elif joiner in _HYPHENS and g["pct1"] is None:
                return None  # a score or a tally ("3-1", "52-48"), not a range
        elif joiner in _HYPHENS and g["pct1"] is None:
            return None  # "5-a-side", "24-7": glued to something else
    if g["between"] and upper is None:
        return None
    tail: str | None
    if g["pct1"] is not None and upper is None:
        tail = "pct1"  # "5%", whatever follows it
    else:
        tail = next((name for name in ("pct", "odd", "abbr", "mscale", "compound")
                     if g[name] is not None), None)
        if tail is not None and match.start(tail) - (tail == "compound") != end:
            tail = None  # the tail belongs to a range end that was not accepted
    unit: str | None = None
    if tail in ("pct", "pct1"):
        unit = "percentage point" if "point" in g[tail].lower() else "percent"
        end = match.end(tail)
    elif tail == "odd":
        qualifier = "odd" if g["odd"].lower() == "-odd" else "at-least"
        end = match.end("odd")
    elif tail == "abbr":
        unit = UNIT_ABBREVIATIONS[g["abbr"].strip()]
        end = match.end("abbr")
    elif tail == "mscale":
        scale = 10**6 if g["mscale"] == "m" else 10**9
        first, upper = first * scale, None if upper is None else upper * scale
        end = match.end("mscale")
        unit = counted_noun(text, end, first)
        if unit is None or not _clean_end(text, end, g):
            return None  # "the 100m race", "294.3m": a million only before what it counts
    elif tail == "compound":
        noun = g["compound"]
        if noun in NOT_COMPOUND or noun in NUMBER_WORDS:
            return None
        if word in ("one", "a") and noun not in MEASURE_NOUNS:
            return None  # "one-sided", "one-off"
        unit = None if noun == "strong" else singular(noun)
        end = match.end("old") if g["old"] else match.end("compound")
    if glued is not None and tail != glued:
        return None  # "5G": glued to letters that are no unit
    if _year_like(g["n1"]) and tail is None and half is None and (
        upper is not None or counted_noun(text, end, first, words=1) is None
    ):
        return None  # a bare year ("1965", "2015-2016"): the date extractor's
    if word in ("one", "zero") and upper is None and half is None and tail not in (
        "pct", "pct1", "compound", "abbr"
    ):
        if word == "zero":
            return None
        if g["qual"] is None and g["only"] is None:
            unit = one_counts(text, match.start("n1"), end)
            if unit is None:
                return None  # "one of", "one analyst said", "in one case"
            return first, upper, unit, end, qualifier
        if g["only"] is not None and g["qual"] is None and _THE_BEFORE.search(
            text, max(0, start - 8), start
        ):
            return None  # "the only one to confess": a pronoun
    if tail in (None, "odd"):
        unit = counted_noun(text, end, first if upper is None else upper)
        if unit is None and _AGED_BEFORE.search(text, max(0, start - 16), start):
            unit = "year"  # "aged 44", "aged between 16 and 24"
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


def _title_line(text: str, index: int) -> bool:
    """Whether the line around ``index`` is a title-case headline ("Jailed for Six Years"):
    short, and every word of four letters or more capitalized."""
    left = text.rfind("\n", max(0, index - 160), index) + 1
    right = text.find("\n", index, index + 160)
    if (left == 0 and index > 160) or (right < 0 and len(text) - index > 160):
        return False
    words = _LETTERS.findall(text, left, len(text) if right < 0 else right)
    long = [w for w in words if len(w) > 3]
    return len(long) >= 2 and words[0][0].isupper() and all(w[0].isupper() for w in long)


_LETTERS = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _identifier_before(text: str, start: int) -> str | None:
    """'identifier' after "Article", "No.", "#" or another number ("387 737 jets"); 'name'
    after a capitalized word inside a sentence ("Boeing 737"); 'initial' after a capitalized
    word that starts a sentence and is no function word ("Xbox 2 may be unveiled": a name
    too, unless a unit follows); else None."""
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
    ):
        if not _sentence_start(text, j + 1):
            return "name"
        if word.lower() not in QUALIFIER_STARTS:
            return "initial"
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
