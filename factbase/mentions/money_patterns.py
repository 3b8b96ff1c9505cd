"""The patterns that find money, built once from the CLDR tables, and the reading of the
number next to a currency. :mod:`.money` applies them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from ahocorasick_rs import AhoCorasick, MatchKind

from .currencies import Tables, countries, fold, minor_names, tables
from .numbers import (
    DECIMAL_COMMA,
    DIGITS,
    FRACTION_OF_SCALE,
    INDIAN_DIGITS,
    LOCALE_DIGITS,
    SCALE_WORD,
    WORDS,
    parse_amount,
    parse_fraction_of_scale,
    parse_grouped,
    scale_value,
    trie_pattern,
)

# Scales after the number: words (with a space or hyphen), or abbreviations ("9m", "3 bn").
SCALE = (
    rf"(?:[ \t]?-?[ \t]?(?i:lakh[ \t]+crores?|{SCALE_WORD}|crores?|lakhs?)\b"
    r"|(?i:k|m|b)(?![\w])|[ \t]?(?i:mn|mln|bn|bln|tn|trn)(?![\w]))"
)
# A number next to a currency: the most specific groupings first, "1,234.5" with a guard so
# that "1.234,56" is not read as 1.234.
AMOUNT_DIGITS = (
    rf"{INDIAN_DIGITS}|{LOCALE_DIGITS}|(?:{DIGITS})(?![.,]\d)|{DECIMAL_COMMA}"
)
AMOUNT_RE = re.compile(
    rf"(?P<frac>(?i:{FRACTION_OF_SCALE}))(?![\w])"
    rf"|(?P<num>{AMOUNT_DIGITS}|(?i:{WORDS}))(?P<scale>{SCALE})?"
)
DIGIT_AMOUNT_RE = re.compile(rf"(?P<num>{AMOUNT_DIGITS})(?P<scale>{SCALE})?")

SPACE = "[ \t\u00a0\u202f]"

# Accented Latin letters -> their base letter, one code point for one, so that offsets in the
# folded text are offsets in the text ("krónur" is found as "kronur").
FOLD_TABLE = {
    code: base
    for code in range(0xC0, 0x250)
    if len(base := fold(chr(code))) == 1 and base != chr(code).lower()
}
FOLD_TABLE.update({ord("ʻ"): "'", ord("’"): "'"})


@lru_cache(maxsize=4)
def fold_text(text: str) -> str:
    """``text`` lower-cased with accents dropped, of the same length."""
    plain = text.translate(FOLD_TABLE).lower()
    if len(plain) == len(text):
        return plain
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text.translate(FOLD_TABLE))


@dataclass(frozen=True)
class Patterns:
    """The regexes built from the CLDR tables (once per process)."""

    tables: Tables
    signs: dict[str, tuple[str, ...]]  # sign with plain spaces -> currencies, best first
    sign_marks: AhoCorasick  # where a sign or code may be, on the text
    word_marks: AhoCorasick  # where a name, a minor unit or a code may be, on the folded text
    prefix: re.Pattern[str]  # a sign or code before the number, on the text
    after_sign: re.Pattern[str]  # a sign after the number, on the text
    after_name: re.Pattern[str]  # a name after the number, on the folded text
    before_name: re.Pattern[str]  # a name with its adjective before the number, folded text
    minor: re.Pattern[str]  # a minor unit after a number, on the folded text
    modifiers: dict[str, tuple[str, ...]]  # "us", "euro", "canadian" -> currencies (cents)
    countries: dict[str, frozenset[str]]  # "Algeria", "Algerian" -> currencies in use there
    country_words: list[str]
    country_marks: AhoCorasick


def trie(words: list[str]) -> str:
    """A trie regex of ``words`` where a space matches any run of spaces and tabs."""
    return trie_pattern([
        ["[ \t]+" if char == " " else re.escape(char) for char in word] for word in words
    ])


def sign_key(sign: str) -> str:
    """A sign with its inner spaces plain: "F\u202fCFA" -> "F CFA"."""
    return re.sub(r"[\s\u202f]", " ", sign)


def sign_trie(signs: list[str]) -> str:
    """A trie regex of ``signs`` where a space matches any space CLDR writes inside a sign."""
    return trie_pattern([
        [SPACE if char == " " else re.escape(char) for char in sign] for sign in signs
    ])


@cache
def compiled() -> Patterns:
    table = tables()
    signs: dict[str, tuple[str, ...]] = {}
    for sign, codes in table.symbols.items():
        key = sign_key(sign)
        signs[key] = tuple(dict.fromkeys([*signs.get(key, ()), *codes]))
    # Marks are found with Aho–Corasick (twenty times faster than a regex of the same words);
    # a match inside a word ("cent" in "percent") is dropped afterwards.
    spelled = {s.replace(" ", space) for s in signs for space in (" ", "\u00a0", "\u202f")}
    sign_marks = AhoCorasick(
        sorted({*table.codes, *spelled, "¢"}), matchkind=MatchKind.LeftmostLongest
    )
    names = sorted(table.names)
    minors = minor_names()
    word_marks = AhoCorasick(
        sorted(
            {n.split()[-1] for n in names} | set(minors)
            | {c.lower() for c in table.anycase_codes}
        ),
        matchkind=MatchKind.LeftmostLongest,
    )
    # a sign or code before the number, the longest that ends at a word end ("$US" before
    # "$"; "Rs" but not in "Rsx"), or letters before "$"
    word_end = r"(?:(?<![^\W\d_])|(?![^\W\d_]))"
    prefix = re.compile(
        rf"(?P<dollar>(?:[A-Za-z]{{1,3}}|U\.S\.){SPACE}?\$)"
        rf"|(?P<sign>{sign_trie(sorted({*signs, *table.codes}))}){word_end}"
        rf"|(?P<code>[A-Za-z]{{3}})(?![^\W\d_])"
    )
    # after the number, not a sign that is one letter or two capitals ("5 MT" is tonnes)
    after_signs = [
        s for s in signs if not (s.isalpha() and (len(s) == 1 or (len(s) == 2 and s.isupper())))
    ]
    after_sign = re.compile(
        rf"{SPACE}?(?:(?P<sign>{sign_trie(sorted(after_signs))}){word_end}"
        rf"|(?P<code>[A-Za-z]{{3}})(?![^\W\d_]))"
    )
    after_name = re.compile(
        rf"(?P<glue>[ \t]+|-)(?P<name>{trie(names)})(?![a-z])"
    )
    # "Australian dollar 29.4bn": only a name of two words or more, so that "the dollar 1.30"
    # (an exchange rate) and "pounds 5" stay out
    before_name = re.compile(
        rf"(?P<name>{trie([n for n in names if ' ' in n and '(' not in n])})[ \t]+(?=\d)"
    )
    modifiers: dict[str, set[str]] = {}
    for code, currency in table.currencies.items():
        for form in (fold(currency.name), fold(currency.plural)):
            words = form.split()
            if len(words) > 1 and "(" not in form:
                modifiers.setdefault(" ".join(words[:-1]), set()).add(code)
            modifiers.setdefault(form, set()).add(code)
    for alias in ("u.s.", "american"):
        modifiers.setdefault(alias, set()).add("USD")
    ranked = {m: tuple(c for c in table.names.get(m, ()) if c in codes) or tuple(sorted(codes))
              for m, codes in modifiers.items()}
    minor = re.compile(
        rf"(?:(?P<mod>{trie(sorted(modifiers))})[ \t]+)?(?P<minor>{trie(minors)})(?![a-z])"
    )
    places = countries()
    country_words = sorted(places)
    return Patterns(table, signs, sign_marks, word_marks, prefix, after_sign, after_name,
                     before_name, minor, ranked, places, country_words,
                     AhoCorasick(country_words, matchkind=MatchKind.LeftmostLongest))


@dataclass(frozen=True)
class Amount:
    """A number read at a position: its value, where it ends, and its kind."""

    value: Decimal
    end: int
    scaled: bool  # "5 million", "5m", "half a million"
    integer: bool


def read_amount(text: str, pos: int, digits_only: bool = False) -> Amount | None:
    match = (DIGIT_AMOUNT_RE if digits_only else AMOUNT_RE).match(text, pos)
    if match is None:
        return None
    if not digits_only and match.group("frac"):
        value = parse_fraction_of_scale(match.group("frac"))
        return None if value is None else Amount(value, match.end(), True, False)
    number, scale = match.group("num"), match.group("scale")
    if number[0].isdigit():
        value = parse_grouped(number)
        if scale:
            value *= scale_of(scale)
    else:
        parsed = parse_amount(number, scale, scale_of)
        if parsed is None:
            return None
        value = parsed
    return Amount(value, match.end(), bool(scale), value == value.to_integral_value())


def scale_of(word: str) -> int:
    return scale_value(word.strip(" \t-")) or 1


def scale_text(text: str, pos: int, amount: Amount) -> str:
    """The scale word of an amount read from ``pos`` ("million" in "4 million")."""
    match = AMOUNT_RE.match(text, pos) or DIGIT_AMOUNT_RE.match(text, pos)
    return (match.group("scale") or "") if match is not None and "scale" in match.groupdict() else ""


_THOUSANDS = re.compile(r"\d{1,3},000")


def thousands_shared(text: str, first: Amount, second: Amount, pos: int, joiner: str,
                      one_sign: bool) -> bool:
    """"$50-100,000" is $50,000 to $100,000: a small whole number, a dash, and a number in
    thousands of the same magnitude once the first is read in thousands too (not "$5-100,000",
    not "$50 to $100,000")."""
    if not one_sign or joiner not in ("-", "–", "—") or first.scaled or second.scaled:
        return False
    if not first.integer or not 0 < first.value < 1000:
        return False
    if _THOUSANDS.fullmatch(text, pos, second.end) is None:
        return False
    low = first.value * 1000
    return low < second.value <= low * 10
