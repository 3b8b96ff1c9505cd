"""Counts and measures: "284 Japanese companies", "twenty-one", "a dozen", "two-thirds",
"5.2 percent", "fivefold", "five-year", "50-odd", "nearly 300", "more than 1,700".

The span covers the qualifier, the number, its scale word, a range, and whatever is glued to
the number ("-odd", "-plus", "%", "percent", "-fold", "-year"); the counted noun that follows
after a space is read into ``unit`` (singular, lowercase) but left out of the span, so a name
in between ("three Toyota plants") stays a name. Rules (documented in docs/mentions.md):

* the counted noun is the first plural noun within four words, skipping adjectives and
  nationalities ("284 Japanese companies" -> company); a function word or verb stops the
  search (unit None);
* "one" is a count only after a qualifier or "only/just/exactly" ("at least one"), before a
  scale or percent ("one million", "one percent"), or in a compound with a unit of measure
  ("one-year"); "one another", "at one time", "new ones", "one of" are not counts;
* not counts: ordinals ("20th", "third", "eleventh-hour"), numbers glued to letters ("G-20",
  "F-16", "COVID-19", "5G"), identifiers ("Article 9", "No. 5", "Boeing 737"), times
  ("3 p.m.", "10:30"), scores and fractions with a slash ("3-1", "24/7"), capitalized number
  words inside a sentence ("Group of Seven"), and bare four-digit years 1000-2199 (dates);
* "N-M" and "between N and M" are ranges (``upper``); "from N to M" is two numbers.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..values import Quantity
from .base import Mention
from .numbers import (
    DIGITS,
    FRACTION,
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
    parse_digits,
    parse_fraction,
    parse_words,
    qualifier_of,
    tidy,
)

_MULTIPLIER_WORDS = "|".join(
    sorted([*UNITS, *TENS, "hundred", "thousand"], key=len, reverse=True)
)
_NUMBER = rf"{DIGITS}|(?i:{WORDS})"
_SCALE = rf"[ \t]+(?i:{SCALE_WORD}|hundred|dozen)\b"
_PERCENT = r"[ \t]?%|[ \t]+(?i:percent|per[ \t]cent|pct)\b|[ \t]+(?i:percentage[ \t]+points?)\b"

QUANTITY_RE = re.compile(
    rf"(?<![\w$€£¥.,/:#+\-–])"
    rf"(?:(?P<qual>(?i:{QUALIFIER}))[ \t]+)?"
    rf"(?:(?P<only>(?i:only|just|exactly))[ \t]+)?"
    rf"(?P<between>(?i:between)[ \t]+)?"
    r"(?:"
    rf"(?P<mult>(?:(?i:a[ \t]+(?=hundred|thousand))?(?i:{_MULTIPLIER_WORDS})|\d+)-?(?i:fold))\b"
    rf"|(?P<frac>(?i:{FRACTION}))\b"
    rf"|(?P<n1>{_NUMBER})(?P<s1>{_SCALE})?"
    rf"(?:(?P<join>[ \t]?[-–][ \t]?|[ \t]+(?i:to|and)[ \t]+)(?P<n2>{_NUMBER})(?P<s2>{_SCALE})?)?"
    rf"(?:(?P<pct>{_PERCENT})|(?P<odd>-odd|-plus|\+)"
    r"|-(?P<compound>[a-z]+)(?P<old>-old)?\b)?"
    r")"
    rf"(?P<trail>[ \t]+(?i:{TRAILING})\b)?"
)
# Words before a number that make it an identifier, not a count ("Article 9", "No. 5").
IDENTIFIER_WORDS = frozenset(
    ["article", "section", "chapter", "page", "pages", "route", "flight", "number", "no", "nos", "room", "model", "version", "item", "rule", "resolution", "amendment", "paragraph", "clause", "title", "highway", "interstate", "gate", "platform", "level", "grade", "class", "phase", "stage", "round", "game", "episode", "season", "volume", "vol", "issue", "line", "district", "unit", "ward", "zone", "apartment", "suite", "building", "floor", "lot", "block", "exit", "channel", "bus", "train", "act", "part", "figure", "fig", "table", "step", "category", "type", "size", "tier", "week", "day", "ranked", "no.", "pier", "terminal", "track", "verse", "psalm", "bill", "proposition", "prop", "precinct", "lane", "street", "avenue", "road", "code", "form", "schedule", "appendix", "annex", "annexe", "annexes", "jan", "jan.", "feb", "feb.", "mar", "mar.", "apr", "apr.", "jun", "jun.", "jul", "jul.", "aug", "aug.", "sep", "sep.", "sept", "sept.", "oct", "oct.", "nov", "nov.", "dec", "dec.", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
)
# Function words and common verbs: the counted noun is not after one of these.
STOP_WORDS = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "nor", "than", "as", "that", "which", "who", "whom", "whose", "this", "these", "those", "it", "its", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "may", "might", "must", "shall", "should", "not", "no", "per", "each", "more", "less", "most", "least", "said", "says", "say", "told", "according", "ago", "earlier", "later", "before", "after", "since", "until", "while", "when", "where", "if", "so", "such", "also", "already", "still", "just", "only", "even", "about", "around", "into", "onto", "over", "under", "between", "among", "against", "during", "through", "across", "toward", "towards", "per", "cent", "percent", "perhaps", "always", "often", "sometimes", "again", "yet", "then", "there", "here", "up", "down", "out", "off", "away", "back", "his", "her", "their", "our", "your", "my", "he", "she", "they", "we", "you", "i", "me", "him", "them", "us", "what", "how", "why", "all", "both", "some", "any", "many", "much", "few", "other", "another", "same", "own", "very", "too", "enough"]
)
# Units of measure that make "one" a count in a compound ("one-year") or before it.
MEASURE_NOUNS = frozenset(
    ["year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "percent", "point", "mile", "kilometer", "kilometre", "meter", "metre", "foot", "inch", "kilogram", "gram", "pound", "ton", "tonne", "acre", "hectare", "liter", "litre", "gallon", "barrel", "seat", "vote"]
)
NOT_COMPOUND = frozenset(
    ["odd", "plus", "something", "somethings", "ish", "fold", "old", "long", "wide", "high", "deep", "tall", "thousand", "hundred", "million", "billion", "some", "and", "or", "to", "on", "in", "of", "the", "a", "by", "up", "off"]
)
IRREGULAR_PLURALS: dict[str, str] = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "police": "police",
    "personnel": "personnel", "cattle": "cattle", "staff": "staff", "crises": "crisis",
    "analyses": "analysis", "theses": "thesis", "hypotheses": "hypothesis",
    "diagnoses": "diagnosis", "criteria": "criterion", "phenomena": "phenomenon",
    "lives": "life", "wives": "wife", "knives": "knife", "halves": "half", "wolves": "wolf",
    "shelves": "shelf", "thieves": "thief", "leaves": "leaf", "movies": "movie",
    "cookies": "cookie", "calories": "calorie", "rookies": "rookie", "pies": "pie",
    "ties": "tie", "lies": "lie", "species": "species", "series": "series", "aircraft": "aircraft",
    "sheep": "sheep", "fish": "fish", "deer": "deer", "yen": "yen", "won": "won",
    "heroes": "hero", "potatoes": "potato", "tomatoes": "tomato", "vetoes": "veto",
    "echoes": "echo",
}
NOT_PLURAL = frozenset(
    ["news", "politics", "economics", "physics", "mathematics", "means", "lens", "gas", "yes", "whereas", "perhaps", "always", "sometimes", "towards", "afterwards", "besides", "unless", "across", "thus", "plus", "various", "previous", "famous", "bonus", "status", "census", "campus", "virus", "chaos"]
)
_WORD_RE = re.compile(r"[ \t]+([A-Za-z][A-Za-z’'\-]*)")
_TIME_AFTER = re.compile(r"[ \t]*(?:[ap]\.m\.|[ap]m\b|o['’]clock)|:\d", re.I)
_FROM_BEFORE = re.compile(r"(?i:\bfrom)[ \t]+$")
_SENTENCE_END = frozenset(".!?\n\"“‘(—–:;")


def find_quantities(text: str) -> list[Mention]:
    """Quantity mentions in ``text``."""
    found: list[Mention] = []
    covered = 0
    # Only the places where a number starts are tried (the full pattern is slow to scan with).
    for index in number_starts(text, lowered_same_length(text)):
        if index < covered:
            continue
        lead = lead_start(text, index)
        for start in (lead, index) if lead != index else (index,):
            match = QUANTITY_RE.match(text, start)
            mention = None if match is None else _mention(text, match)
            if mention is not None:
                found.append(mention)
                covered = mention.end
                break
    return found


def _mention(text: str, match: re.Match[str]) -> Mention | None:
    start, end = match.start(), match.end()
    qualifier = qualifier_of(match.group("qual"))
    number_start = match.start("mult") if match.group("mult") else (
        match.start("frac") if match.group("frac") else match.start("n1")
    )
    if text[number_start].isalpha() and not _word_boundary_before(text, number_start):
        return None
    if text[number_start].isupper() and not _sentence_start(text, number_start) and (
        match.group("qual") is None and match.group("only") is None
    ):
        return None  # "Group of Seven", "the Big Three"
    if _identifier_before(text, start):
        return None
    if match.group("mult"):
        amount = _multiplier(match.group("mult"))
        if amount is None:
            return None
        return _build(text, match, start, match.end("mult"), amount, "time", qualifier, None)
    if match.group("frac"):
        amount = parse_fraction(match.group("frac"))
        if amount is None:
            return None
        return _build(text, match, start, match.end("frac"), amount, None, qualifier, None)
    first = _number(match.group("n1"), match.group("s1"))
    if first is None:
        return None
    n1_end = match.end("s1") if match.group("s1") else match.end("n1")
    if not _clean_end(text, n1_end, match):
        return None
    lowered = match.group("n1").lower()
    upper: Decimal | None = None
    end = n1_end
    join = match.group("join")
    if join is not None:
        second = _number(match.group("n2"), match.group("s2"))
        accepted = second is not None and (
            join.strip().lower() != "and" or match.group("between") is not None
        ) and not (join.strip().lower() == "to" and _FROM_BEFORE.search(text, max(0, start - 12), start))
        if accepted and second is not None:
            if not match.group("s1") and match.group("s2"):
                first *= _scale(match.group("s2"))
            if second <= first:
                if join.strip() in ("-", "–"):
                    return None  # a score or a vote ("3-1", "52-48"), not a range
                accepted = False
            else:
                upper = second
                end = match.end("s2") if match.group("s2") else match.end("n2")
        if not accepted and join.strip() in ("-", "–"):
            return None  # "5-a-side", "24-7": glued to something else
    else:
        end = n1_end
    if match.group("between") and upper is None:
        return None
    tail_groups = ("pct", "odd", "compound")
    tail = next((g for g in tail_groups if match.group(g) is not None), None)
    tail_end = match.end(tail) if tail else end
    tail_start = match.start(tail) - 1 if tail == "compound" else (match.start(tail) if tail else end)
    if tail is not None and tail_start != end:
        tail = None  # the tail belongs to a range end that was not accepted
        tail_end = end
    unit: str | None = None
    if tail == "pct":
        pct = match.group("pct").lower()
        unit = "percentage point" if "point" in pct else "percent"
        end = tail_end
    elif tail == "odd":
        odd = match.group("odd").lower()
        qualifier = "odd" if odd == "-odd" else "at-least"
        end = tail_end
    elif tail == "compound":
        word = match.group("compound")
        if word in NOT_COMPOUND or word in NUMBER_WORDS:
            return None
        if lowered in ("one", "a") and word not in MEASURE_NOUNS:
            return None  # "one-sided", "one-off"
        unit = None if word == "strong" else singular(word)
        end = match.end("old") if match.group("old") else tail_end
    bare_year = _year_like(match.group("n1")) and tail is None and (
        upper is None or _year_like(match.group("n2"))
    )
    if bare_year and (upper is not None or _counted_noun(text, end, first, words=1) is None):
        return None  # a bare year ("1965", "2015-2016"): the date extractor's
    if lowered in ("one", "zero") and tail != "pct" and tail != "compound":
        if match.group("qual") is None and match.group("only") is None:
            return None
        if lowered == "zero":
            return None
    if match.group("trail") and match.end("trail") == match.end() and end == match.start("trail"):
        qualifier = qualifier or qualifier_of(match.group("trail"))
        end = match.end("trail")
    if unit is None and tail in (None, "odd"):
        unit = _counted_noun(text, end, first if upper is None else upper)
    if match.group("only") and not match.group("qual") and not match.group("between"):
        start = number_start  # "only one": the count is "one"
    value = Quantity(amount=tidy(first), unit=unit, qualifier=qualifier,
                     upper=None if upper is None else tidy(upper))
    return Mention("quantity", start, end, text[start:end], value)


def _build(
    text: str, match: re.Match[str], start: int, end: int, amount: Decimal, unit: str | None,
    qualifier: str | None, upper: Decimal | None,
) -> Mention:
    if match.group("only") and not match.group("qual"):
        start = match.start("mult") if match.group("mult") else match.start("frac")
    value = Quantity(amount=tidy(amount), unit=unit, qualifier=qualifier, upper=upper)
    return Mention("quantity", start, end, text[start:end], value)


def _number(number: str | None, scale: str | None) -> Decimal | None:
    if number is None:
        return None
    if number[0].isdigit():
        value = parse_digits(number)
    else:
        parsed = parse_words(number)
        if parsed is None or parsed[1] != len(number):
            return None
        value = parsed[0]
    if scale:
        value *= _scale(scale)
    return value


def _scale(scale: str) -> int:
    return NUMBER_WORDS[scale.strip().lower()]


def _multiplier(text: str) -> Decimal | None:
    word = re.sub(r"(?i)-?fold$", "", text).strip()
    if word[0].isdigit():
        return Decimal(word)
    word = re.sub(r"(?i)^a[ \t]+", "", word).lower()
    value = NUMBER_WORDS.get(word)
    return None if value is None or value < 2 else Decimal(value)


def _clean_end(text: str, end: int, match: re.Match[str]) -> bool:
    """The number is not glued to letters or digits ("5G", "20th", "3.5.1", "24/7", "3 p.m.")."""
    if end < len(text):
        after = text[end]
        if after.isalnum() or after == "_":
            return False
        if after in "./," and end + 1 < len(text) and text[end + 1].isdigit():
            return False
        if after in "-‐‑–" and end + 1 < len(text) and text[end + 1].isalnum() and (
            match.group("compound") is None and match.group("odd") is None
            and match.group("n2") is None
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


def _identifier_before(text: str, start: int) -> bool:
    """'Article 9', 'No. 5', '#3', 'Boeing 737'."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or i == start - 1:
        return i >= 0 and text[i] == "#"
    j = i
    while j >= 0 and (text[j].isalpha() or text[j] == "."):
        j -= 1
    word = text[j + 1 : i + 1]
    if not word:
        return False
    if word.lower() in IDENTIFIER_WORDS:
        return True
    # a capitalized word inside a sentence names a thing: "Boeing 737", "Windows 10"
    return word[0].isupper() and not word.endswith(".") and not _sentence_start(text, j + 1) and (
        word.lower() not in STOP_WORDS
    )


def _year_like(number: str | None) -> bool:
    return number is not None and len(number) == 4 and number.isdigit() and 1000 <= int(number) <= 2199


def _counted_noun(text: str, end: int, amount: Decimal, words: int = 4) -> str | None:
    """The noun a number counts: the first plural noun within four words ("284 Japanese
    companies" -> "company"), or for a count of one the last word before a stop."""
    pos = end
    last_content: str | None = None
    for _ in range(words):
        match = _WORD_RE.match(text, pos)
        if match is None:
            break
        word = match.group(1).strip("-’'")
        lowered = word.lower()
        if lowered in STOP_WORDS or lowered in NUMBER_WORDS:
            break
        if amount != 1:
            if is_plural(word):
                return singular(word)
        elif last_content is not None and (lowered.endswith("ed") or lowered.endswith("ing")):
            break
        else:
            last_content = word
        if word[0].islower() and lowered.endswith("ly"):
            break  # an adverb: "300 roughly", "three quickly"
        pos = match.end()
        if pos < len(text) and text[pos] not in " \t":
            break  # punctuation ends the noun phrase
    if amount == 1 and last_content is not None and last_content[0].islower():
        return singular(last_content)
    return None


def is_plural(word: str) -> bool:
    lowered = word.lower()
    if lowered in IRREGULAR_PLURALS:
        return lowered not in ("yen", "won")
    if len(lowered) < 3 or not lowered.endswith("s") or lowered in NOT_PLURAL:
        return False
    return not lowered.endswith(("ss", "us", "is", "'s", "’s"))


def singular(word: str) -> str:
    """'companies' -> 'company', 'apologies' -> 'apology', 'people' -> 'person'."""
    lowered = word.lower().replace("’", "'")
    if lowered in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[lowered]
    if not lowered.endswith("s") or lowered.endswith(("ss", "us", "is")) or lowered in NOT_PLURAL:
        return lowered
    if lowered.endswith("ies") and len(lowered) > 4:
        return lowered[:-3] + "y"
    if lowered.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return lowered[:-2]
    return lowered[:-1]
