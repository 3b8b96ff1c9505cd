"""Numbers in text: digits and English number words -> Decimal, shared by money and quantities.

Rules (documented in docs/mentions.md):

* digits: ``284``, ``1,700`` (comma groups of exactly three), ``3.5``;
* number words: ``twenty-one``, ``three hundred and fifty``, ``two million``, ``a dozen``,
  ``two dozen``, ``a hundred``; "a"/"an" counts as one only before a scale word or "dozen";
* scale words multiply: ``1.2 million`` = 1200000 (and ``k``, ``m``, ``bn`` for money);
* hyphenated fractions: ``two-thirds``, ``three-quarters``, ``one-half``; fractions are exact
  (``exact_fraction``): "two-thirds" is 2/3, a :class:`~fractions.Fraction`, because it has no
  finite decimal form; "three-quarters" is the decimal 0.75.

Everything here is pure parsing; where a number is a count, an amount or part of a date is
decided by the extractors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation, getcontext
from fractions import Fraction
from functools import lru_cache

from ..values import Number, exact_number

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}
# Abbreviated scales, accepted after money amounts only ("$9m", "€2.5bn", "$500k").
SCALE_ABBREVIATIONS: dict[str, int] = {
    "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9, "bn": 10**9, "bln": 10**9,
    "tn": 10**12, "trn": 10**12,
}
# South Asian scales, for rupee amounts ("Rs 500 crore").
MONEY_SCALES: dict[str, int] = {"lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7}
DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}

NUMBER_WORDS: dict[str, int] = {**UNITS, **TENS, "hundred": 100, "dozen": 12, **SCALES}
# Multipliers written as one word ("twice"; "double" and "triple" only in some contexts).
MULTIPLIERS: dict[str, int] = {"twice": 2, "double": 2, "triple": 3, "quadruple": 4}
A_DENOMINATORS = ("third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_WORD = _alternation(list(NUMBER_WORDS))
_SCALE = _alternation([*SCALES, "hundred", "dozen"])

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A run of number words. "and" is allowed only after hundred/thousand/million/billion
# ("three hundred and fifty"), so "between one and two" stays two numbers. The run is capped
# (the longest number in words, "nine hundred and ninety-nine billion ... ninety-nine", has
# 27 words): unbounded, "twenty twenty twenty ..." matched to its end from every word, and
# parse_words refused each, which made a hostile source quadratic.
WORDS = (
    rf"(?:an?\s+(?=(?:{_SCALE})\b))?(?:{_WORD})"
    rf"(?:(?:[ \t]+|-|(?<=hundred)[ \t]+and[ \t]+|(?<=thousand)[ \t]+and[ \t]+"
    rf"|(?<=million)[ \t]+and[ \t]+|(?<=billion)[ \t]+and[ \t]+)(?:{_WORD})\b){{0,32}}"
)
SCALE_WORD = _alternation(list(SCALES))
FRACTION = (
    rf"(?:{_alternation([*UNITS, *TENS])})-(?:{_alternation(list(DENOMINATORS))})"
    rf"|(?:{_alternation([w for w in UNITS if w not in ('zero', 'one')])})[ \t]+"
    rf"(?:{_alternation([d for d in DENOMINATORS if d.endswith('s')])})"
)

_TOKEN_RE = re.compile(r"[a-z]+")


def parse_digits(text: str) -> Decimal:
    """'1,700' -> 1700, '3.5' -> 3.5."""
    return Decimal(text.replace(",", ""))


def parse_words(text: str) -> tuple[Decimal, int] | None:
    """Value of the longest valid prefix of a run of number words, and its length in chars.

    'three hundred and fifty' -> (350, 23); 'a dozen' -> (12, 7); 'five five' -> (5, 4).
    Returns None when not even the first word is a number.
    """
    lowered = text.lower()
    tokens = [(m.group(), m.end()) for m in _TOKEN_RE.finditer(lowered)]
    total = 0
    current = 0
    last = ""  # the class of the previous token: unit, teen, tens, hundred, scale, a
    best: tuple[Decimal, int] | None = None
    last_scale = 10**18
    i = 0
    if tokens and tokens[0][0] in ("a", "an"):
        current = 1
        last = "a"
        i = 1
    while i < len(tokens):
        word, end = tokens[i]
        if word == "and":
            if last != "hundred" and last != "scale":
                break
            i += 1
            continue
        if last == "dozen" or (last == "a" and word not in NUMBER_WORDS):
            break
        if word in UNITS:
            value = UNITS[word]
            kind = "teen" if value >= 10 else "unit"
            if last in ("unit", "teen", "a") or (last == "tens" and kind == "teen"):
                break
            if last == "tens" and value == 0:
                break
            current += value
            last = kind
        elif word in TENS:
            if last in ("unit", "teen", "tens", "a"):
                break
            current += TENS[word]
            last = "tens"
        elif word == "hundred":
            # "three hundred", "nineteen hundred", "a hundred"; never "hundred" alone or twice
            if last not in ("unit", "teen", "a") or current >= 100:
                break
            current *= 100
            last = "hundred"
        elif word == "dozen":
            if last not in ("unit", "teen", "tens", "a"):
                break
            current *= 12
            last = "dozen"
        elif word in SCALES:
            scale = SCALES[word]
            if (last in ("", "scale") and current == 0) or scale >= last_scale:
                break
            total += (current or 1) * scale
            current = 0
            last_scale = scale
            last = "scale"
        else:
            break
        i += 1
        best = (Decimal(total + current), end)
    return best


def parse_fraction(text: str) -> Decimal | None:
    """'two-thirds' -> 2/3, 'three quarters' -> 0.75."""
    parts = re.split(r"[-\s]+", text.lower())
    if len(parts) != 2:
        return None
    numerator = UNITS.get(parts[0], TENS.get(parts[0]))
    denominator = DENOMINATORS.get(parts[1])
    if numerator is None or denominator is None:
        return None
    return Decimal(numerator) / Decimal(denominator)


def exact_fraction(text: str) -> Number | None:
    """'two-thirds' -> Fraction(2, 3), 'three quarters' -> Decimal('0.75'), 'one fifth' ->
    Decimal('0.2'): the exact value, a Fraction only when it has no finite decimal form."""
    parts = re.split(r"[-\s]+", text.lower())
    if len(parts) != 2:
        return None
    numerator = UNITS.get(parts[0], TENS.get(parts[0]))
    denominator = DENOMINATORS.get(parts[1])
    if numerator is None or denominator is None:
        return None
    return exact_number(Fraction(numerator, denominator))


def exact_ratio(top: Number, bottom: Number) -> Number:
    """top / bottom, exactly: 1 in 6 -> Fraction(1, 6), 4 out of 5 -> Decimal('0.8')."""
    return exact_number(Fraction(top) / Fraction(bottom))


def parse_number(text: str) -> Decimal | None:
    """Digits or number words, optionally followed by a scale word: '1.2 million' -> 1200000."""
    stripped = text.strip()
    match = re.fullmatch(rf"({DIGITS})(?:[\s-]*({SCALE_WORD}|hundred|dozen))?", stripped, re.I)
    if match:
        try:
            value = parse_digits(match.group(1))
        except InvalidOperation:
            return None
        if match.group(2):
            value *= NUMBER_WORDS[match.group(2).lower()]
        return value
    parsed = parse_words(stripped)
    if parsed is None or parsed[1] != len(stripped):
        return None
    return parsed[0]


def parse_amount(number: str | None, scale: str | None, multiplier: Callable[[str], int]) -> Decimal | None:
    """The value of a number in digits or words ("9", "nine", "1,700") times its scale word
    ("million"), whose multiplier the caller's table gives; None when the words do not parse."""
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
        value *= multiplier(scale)
    return value


def scale_value(word: str) -> int | None:
    """Multiplier of a scale word or abbreviation ('million', 'bn', 'crore'), else None."""
    lowered = " ".join(word.lower().split())
    if lowered.startswith("lakh crore"):
        return 10**12
    if lowered in SCALES:
        return SCALES[lowered]
    if lowered in ("hundred",):
        return 100
    if lowered in MONEY_SCALES:
        return MONEY_SCALES[lowered]
    return SCALE_ABBREVIATIONS.get(lowered)


def tidy(value: Decimal) -> Decimal:
    """Drop a meaningless fractional part: 1200000.0 -> 1200000 (keeps 2.5 as 2.5)."""
    if value == value.to_integral_value():
        # quantize raises past the context's precision (28 digits); such amounts stay as is.
        return value.quantize(Decimal(1)) if value.adjusted() < getcontext().prec else value
    return value.normalize()


# ---------------------------------------------------------------------------- qualifiers

# Words before a number that say how exact it is, mapped to the qualifier vocabulary shared
# by money and quantities (the verifier maps these onto the claim qualifiers).
QUALIFIER_WORDS: dict[str, str] = {
    "about": "about", "around": "about", "roughly": "about", "some": "about",
    "approximately": "about", "an estimated": "about", "an approximate": "about",
    "at least": "at-least", "no fewer than": "at-least", "no less than": "at-least",
    "a minimum of": "at-least",
    "at most": "at-most", "up to": "at-most", "no more than": "at-most", "as many as": "at-most",
    "as much as": "at-most", "a maximum of": "at-most",
    "more than": "more-than", "over": "more-than", "above": "more-than",
    "upwards of": "more-than", "in excess of": "more-than", "just over": "more-than",
    "well over": "more-than", "well above": "more-than",
    "less than": "less-than", "fewer than": "less-than", "under": "less-than",
    "below": "less-than", "just under": "less-than", "just below": "less-than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly",
}
# Words after a number.
TRAILING_QUALIFIERS: dict[str, str] = {
    "or more": "at-least", "or so": "about", "or fewer": "at-most", "or less": "at-most",
}
QUALIFIER = "|".join(
    sorted((w.replace(" ", r"[ \t]+") for w in QUALIFIER_WORDS), key=len, reverse=True)
)
TRAILING = "|".join(w.replace(" ", r"[ \t]+") for w in TRAILING_QUALIFIERS)


def qualifier_of(words: str | None) -> str | None:
    if not words:
        return None
    key = " ".join(words.lower().split())
    return QUALIFIER_WORDS.get(key) or TRAILING_QUALIFIERS.get(key)


# ---------------------------------------------------------------------------- anchors

# Where a number may start: a digit, or a number word at a word start. Scanned on the
# lower-cased text (case-insensitive alternations are several times slower in `re`), or on the
# text itself when lower-casing changes its length (a few non-ASCII letters do).
Trie = dict[str, "Trie"]


def trie_pattern(sequences: list[list[str]]) -> str:
    """A regex matching any of ``sequences`` (each a list of regex atoms), built as a trie:
    `re` tries alternatives one by one, so shared prefixes make it several times faster
    ("t(?:en|h(?:ree|irty)|...)" rather than "ten|three|thirty|...")."""
    trie: Trie = {}
    for atoms in sequences:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def render(node: Trie) -> str:
        branches = [atom + render(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(trie)


def word_trie(words: list[str]) -> str:
    """A trie regex matching any of ``words`` literally."""
    return trie_pattern([[re.escape(char) for char in word] for word in words])


_ANCHOR_WORDS = word_trie([*NUMBER_WORDS, *DENOMINATORS, *MULTIPLIERS])
DIGITS_RE = re.compile(r"\d[\d,.]*")
ANCHOR_LOWER_RE = re.compile(rf"\b{_ANCHOR_WORDS}")
ANCHOR_ANYCASE_RE = re.compile(rf"\b{_ANCHOR_WORDS}", re.I)
# Words that "a"/"an" may stand before as a number: "a million", "a dozen", "a third".
_SCALE_STARTS = ("hundred", "thousand", "million", "billion", "trillion", "dozen", *A_DENOMINATORS)


@lru_cache(maxsize=4)
def lowered_same_length(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset, else None (cached: the money and the
    quantity extractors both ask, for the same text)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def number_starts(text: str, lowered: str | None, pos: int = 0, endpos: int | None = None) -> list[int]:
    """Offsets where a number may start, in order: digits, number words, and "a"/"an" before
    a scale word ("a million")."""
    if pos == 0 and endpos is None:
        return list(_all_number_starts(text, lowered))
    return _number_starts(text, lowered, pos, endpos)


@lru_cache(maxsize=4)
def _all_number_starts(text: str, lowered: str | None) -> tuple[int, ...]:
    return tuple(_number_starts(text, lowered, 0, None))


def _number_starts(text: str, lowered: str | None, pos: int, endpos: int | None) -> list[int]:
    end = len(text) if endpos is None else endpos
    starts = [m.start() for m in DIGITS_RE.finditer(text, pos, end)]
    words = (
        ANCHOR_LOWER_RE.finditer(lowered, pos, end)
        if lowered is not None
        else ANCHOR_ANYCASE_RE.finditer(text, pos, end)
    )
    for m in words:
        index = m.start()
        if text[index : index + 8].lower().startswith(_SCALE_STARTS):
            for article in ("a ", "an "):
                k = index - len(article)
                if k >= 0 and text[k:index].lower() == article and (
                    k == 0 or not text[k - 1].isalnum()
                ):
                    index = k
        starts.append(index)
    starts.sort()
    return starts


QUALIFIER_PHRASES: frozenset[str] = frozenset(QUALIFIER_WORDS)
ONLY_WORDS: frozenset[str] = frozenset({"only", "just", "exactly"})
BETWEEN_WORDS: frozenset[str] = frozenset({"between"})
MINUS_WORDS: frozenset[str] = frozenset({"minus", "negative"})


_LAST_LEAD_WORDS = frozenset(
    phrase.split()[-1]
    for phrase in (*QUALIFIER_PHRASES, *ONLY_WORDS, *BETWEEN_WORDS, *MINUS_WORDS)
)


_WORDS_BEFORE_RE = re.compile(r"(?:(?<![\w])[A-Za-z]+[ \t]+){1,6}$")
_ALPHA_RE = re.compile(r"[A-Za-z]+")
_LEAD_GROUPS = ((MINUS_WORDS, 1), (BETWEEN_WORDS, 1), (ONLY_WORDS, 1), (QUALIFIER_PHRASES, 3))


def lead_start(text: str, index: int) -> int:
    """Start of the qualifier, "only", "between" and "minus" words before a number at
    ``index``: "more than 1,700" -> the start of "more", "between 300 and 400" -> of "between"."""
    j = index
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    k = j
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    if j == index or text[k:j].lower() not in _LAST_LEAD_WORDS:
        return index  # the common case, decided without peeling words
    run = _WORDS_BEFORE_RE.search(text, max(0, index - 64), index)
    if run is None:
        return index
    words = [(m.start(), m.group().lower()) for m in _ALPHA_RE.finditer(text, run.start(), index)]
    left = len(words)
    start = index
    # peel, from the number leftwards: "minus", "between", "only", then a qualifier phrase
    for group, longest in _LEAD_GROUPS:
        for size in range(min(longest, left), 0, -1):
            if " ".join(w for _, w in words[left - size : left]) in group:
                left -= size
                start = words[left][0]
                break
    return start


# ---------------------------------------------------------------------------- money numbers

# Digit groupings other than "1,234,567.89", accepted next to a currency: Indian lakh/crore
# grouping ("1,23,45,678"), and the groupings CLDR gives other locales ("1.234,56",
# "1.234.567", "1 234,56" with a no-break or thin space, "1’234.56").
INDIAN_DIGITS = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?!\d|,\d)"
LOCALE_DIGITS = (
    r"\d{1,3}(?:\.\d{3})+,\d{1,2}(?!\d|[,.]\d)"
    r"|\d{1,3}(?:\.\d{3}){2,}(?!\d|[,.]\d)"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009'’]\d{3})+(?:[.,]\d{1,2})?(?![\d])"
)
# "4,50": a comma before one or two final digits is a decimal comma ("1,234" never is).
DECIMAL_COMMA = r"\d+,\d{1,2}(?!\d|[,.]\d)"

_GROUP_SEPARATORS = str.maketrans("", "", "\u00a0\u202f\u2009'’")


def parse_grouped(text: str) -> Decimal:
    """Digits in any of the groupings above: '1,23,45,678' -> 12345678, '1.234,56' ->
    1234.56, '1 234,5' -> 1234.5, '4,50' -> 4.5, '1,234.5' -> 1234.5."""
    plain = text.translate(_GROUP_SEPARATORS)
    comma, dot = plain.rfind(","), plain.rfind(".")
    if comma > dot and len(plain) - comma - 1 in (1, 2):
        return Decimal(plain.replace(".", "").replace(",", "."))  # decimal comma
    if dot > comma and plain.count(".") == 1:
        return Decimal(plain.replace(",", ""))
    return Decimal(plain.replace(",", "").replace(".", ""))


# Fractions of a scale word: "half a million", "a quarter of a billion", "three-quarters of a
# million", "two and a half billion", "a half-million".
_PARTS = _alternation([*UNITS, *TENS])
FRACTION_OF_SCALE = (
    rf"(?:(?:(?:an?|one)[ \t-]+)?(?:half|third|quarter|fifth|tenth)"
    rf"|(?:{_PARTS})[ \t-]+(?:thirds|quarters|fifths|tenths))[ \t]+of[ \t]+an?[ \t]+(?:{SCALE_WORD})"
    rf"|half[ \t]+an?[ \t]+(?:{SCALE_WORD})"
    rf"|an?[ \t]+half[ \t-]+(?:{SCALE_WORD})"
    rf"|(?:\d+|{_PARTS})[ \t]+and[ \t]+a[ \t]+half[ \t]+(?:{SCALE_WORD})"
)
_FRACTION_PARTS_RE = re.compile(r"[a-z]+|\d+")


def parse_fraction_of_scale(text: str) -> Decimal | None:
    """'half a million' -> 500000, 'three-quarters of a billion' -> 750000000, 'two and a
    half million' -> 2500000; None when ``text`` is not such a phrase."""
    words = _FRACTION_PARTS_RE.findall(text.lower())
    if not words or words[-1] not in SCALES:
        return None
    scale = Decimal(SCALES[words[-1]])
    if "and" in words:  # "<n> and a half <scale>"
        head = words[0]
        whole = Decimal(head) if head.isdigit() else Decimal(UNITS.get(head, TENS.get(head, -1)))
        return None if whole < 0 else (whole + Decimal("0.5")) * scale
    numerator = Decimal(1)
    rest = [w for w in words[:-1] if w not in ("a", "an", "of")]
    if rest and (rest[0] in UNITS or rest[0] in TENS):
        numerator = Decimal(UNITS.get(rest[0], TENS.get(rest[0], 1)))
        rest = rest[1:]
    if not rest or rest[0] not in DENOMINATORS:
        return None
    return numerator / Decimal(DENOMINATORS[rest[0]]) * scale
