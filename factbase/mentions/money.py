"""Amounts of money in every currency CLDR names in English: "$9 million", "US$3-4 billion",
"€2.5bn", "1.2 trillion won", "nine million dollars", "400m pesos", "5,000 ₴", "70p".

The span covers an amount qualifier before the amount ("more than $1 billion"), the currency
sign, code or name, the scale word, and a minor unit that completes the amount ("£3 and 50p").
The currencies, their names, plurals and signs come from CLDR (through Babel); see
``factbase/mentions/currencies.py``. Rules:

* written forms: a sign before or after the number ("$5", "12 €", "30 $", "5,000 ₴",
  "kr 100", "100 kr"); an ISO code before or after, spaced or not, in capitals or, for codes
  that are not English words, in any case ("USD250", "EUR 20", "99.9EUR", "40 gbp"); a
  currency name after the number, singular or plural, with or without its adjective ("15
  ringgit", "five dinars", "40 million Danish kroner"); dollars with a country prefix in any
  case and spacing ("HK$", "hk $", "C$", "A$", "NZ$", "US$", "USD$", "CAD$");
* one-letter signs ("K", "Q", "P") are not read (too often something else), except the
  rand's "R" before an amount of at least 100, with decimals or with a scale ("R250", "R9.99",
  "R5bn"; not "R2"); capital two-letter signs only before the number ("QR 100", not "5 MT",
  which is tonnes); ISO codes that are English words ("ALL", "TOP", "TRY", "CAD") count only
  in capitals, not inside an all-capitals passage, and "TOP 10", "ALL 5" (a word before a
  small whole number) not at all; "mark", "real", "dram", "colon", "sol", "kip" and "crown"
  are currencies only with their adjective ("German marks", "Brazilian real");
* names English news uses that CLDR does not list are aliases: "U.S. dollars", "sterling",
  "quid", "renminbi", "reais", "roubles", "Deutschmarks", "Czech crowns", "Israeli shekels";
  so are signs: "US$", "C$", "S$", "Can$", "RMB", "Rs", "NIS", "E£", "QR", "Tk", "SFr";
* numbers: digits with "1,234.56", Indian ("1,23,45,678") or other CLDR groupings ("1.234,56
  €", "1 234,56 €" with a no-break space, "CHF 1’234.50"); number words; scales "k", "m",
  "bn", "million", "lakh", "crore" ("Rs 5 lakh crore"); fractions of a scale ("half a million
  pounds", "a quarter of a million euros", "three-quarters of a billion pounds", "two and a
  half billion dollars");
* which currency a shared name or sign means: the phrase first ("Danish kroner", "Argentine
  pesos", "C$", "HK$", an ISO code); else the source's default ``currency`` when it is one of
  the currencies that name or sign can mean (a "$" in a source whose currency is CAD is CAD);
  else, when the text names the country (or its adjective: "Algeria", "Danish") of exactly one
  of them, that one ("200 dinars" in a story about Algeria is DZD) — except where the most
  used is USD or GBP, which news writes "$", "dollars", "£" and "pounds" for wherever the
  story is (a "$" in a story about Canada stays USD); else the most-used of them: USD for "$" and "dollars", GBP for "£" and "pounds", JPY for
  "¥", MXN for "pesos", SEK for "kr", NOK for "kroner", CHF for "francs", INR for "rupees" and
  "Rs", IQD for "dinars" (the order is foreign-exchange turnover, then the size of the
  issuer's economy);
* composite amounts are one mention in the currency of the major unit: "15 dollars 20 cents",
  "£3 and 50p", "ten euros and 5", "7 CHF 25 centimes"; the minor unit is worth 10 to the
  minus CLDR's decimal digits of that currency (cents of a dollar 0.01, fils of a Kuwaiti
  dinar 0.001); a minor unit alone is an amount too ("99 cents", "70p", "99¢", "22 euro
  cents"), in the most-used currency it divides (or the source's default);
* ranges: "$3-4 million", "$3 to $4 million", "between $3 million and $4 million",
  "between 150 euros and 300 euros" give ``amount`` and ``upper``; a scale written only after
  the second number applies to both, and so do its thousands in "$50-100,000" (50,000 to
  100,000, when the two ends are then of one magnitude); a "range" whose upper end is not
  larger is not a range;
  "from $69 to $1,600" and "rose $1.64 to $47.10" (a change, then the level) are two amounts;
* a singular currency name glued to a hyphen and a word is an adjective ("euro-area",
  "dollar-based"), but a number glued to it is money ("a 4bn-euro debt");
* "pounds" followed by "of" is a weight, not money; "won" followed by "the", "a", "by", … is
  the verb;
* a currency name with its adjective right before a number is that number's currency
  ("Australian dollar 29.4bn"), unless the number is a share, points or a bare year; a name
  of one word before a number is not read ("the dollar 1.30" is an exchange rate);
* a sign or code right before another number is that number's, not the one before it ("spend
  by 2008 £60bn more" is £60bn, not 2008 pounds).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

from ..values import Money
from .currencies import (
    CAPITAL_WORDS,
    COMMON_WORDS,
    WORDLIKE_CODES,
    Tables,
    minor_candidates,
    minor_factor,
    resolve,
)
from .money_patterns import (
    Amount,
    Patterns,
    compiled,
    fold_text,
    read_amount,
    scale_of,
    scale_text,
    sign_key,
    thousands_shared,
)
from .numbers import (
    QUALIFIER,
    TRAILING,
    lead_start,
    number_starts,
    qualifier_of,
    tidy,
)
from .types import Mention

REACH = 80  # how far before a currency name its number may start ("three hundred and ...")

_JOIN_RE = re.compile(r"[ \t]*(?:-|–|—|to|and)[ \t]*", re.I)
_LEAD_RE = re.compile(
    rf"(?:(?P<qual>(?i:{QUALIFIER}))[ \t]+)?(?P<between>(?i:between)[ \t]+)?"
)
_TRAIL_RE = re.compile(rf"[ \t]+(?i:{TRAILING})\b")
_VERB_AFTER_WON = re.compile(
    r"[ \t]+(?:the|a|an|by|their|its|his|her|over|against|seats?|votes?|games?|races?)\b",
    re.I,
)
_WEIGHT_AFTER_POUNDS = re.compile(r"[ \t]+of\b", re.I)
_NUMBER_NEXT = re.compile(r"[ \t\u00a0\u202f]?\d")
_FROM_BEFORE = re.compile(r"(?i:\bfrom)[ \t]+$")
_BETWEEN_BEFORE = re.compile(r"(?i:\bbetween)[ \t]+$")
# Words after which "X to Y" is a change and then a level ("rose $1.64 to $47.10").
_CHANGE_BEFORE = re.compile(
    r"(?i:\b(?:rose|rise|rises|risen|rising|fell|fall|falls|fallen|falling|gained|gains?|lost|"
    r"loses?|down|up|by|climbed|climbs?|dropped|drops?|jumped|jumps?|slipped|slips?|added|"
    r"adds?|increased|decreased|declined|edged|eased|soared|plunged|slumped|tumbled|surged|"
    r"shed|sheds|grew|grows?|cut|raised|lowered))[ \t]+$"
)
_LOWER = re.compile(r"[a-z]")

@dataclass(frozen=True)
class _Currency:
    """A currency written next to a number: its candidates (best first), where it ends, the
    minor unit when it is one ("cents", "pence"), and whether it came after the number."""

    candidates: tuple[str, ...]
    end: int
    minor: str | None = None
    after: bool = False
    modified: bool = False  # a minor unit named with its currency: "euro cents"


# Letters before "$" that are also English words: read as a prefix only when glued ("US$5"
# but not "told us $5", "rose to $5", "a $5 bill").
_WORD_PREFIXES = frozenset({
    "a", "i", "to", "do", "us", "co", "na", "mo", "no", "so", "in", "on", "at", "by", "or",
    "as", "an", "of", "up", "it", "is", "be", "he", "we", "me", "my", "go", "ca", "ar", "bs",
    "cl", "br", "ni", "sr", "ws", "the", "and", "for", "but", "not", "was", "are", "has",
})


def _code(word: str, table: Tables, text: str, start: int, end: int) -> tuple[str, ...]:
    """An ISO code as written: capitals, or any case for codes that are not English words."""
    upper = word.upper()
    if word == upper and upper in table.codes:
        if upper in WORDLIKE_CODES and not _LOWER.search(
            text, max(0, start - 30), min(len(text), end + 30)
        ):
            return ()  # "TRY 5 TIPS" in a headline in capitals
        return (upper,)
    if upper in table.anycase_codes and (word.islower() or word.istitle()):
        return (upper,)
    return ()


def _prefix(text: str, pos: int, patterns: Patterns) -> _Currency | None:
    """A sign or code before a number at ``pos``: "$", "US$", "hk $", "€", "Rs.", "EUR"."""
    match = patterns.prefix.match(text, pos)
    if match is None:
        return None
    table = patterns.tables
    dollar = match.group("dollar")
    if dollar:
        letters = dollar.rstrip("$ \t\u00a0\u202f")
        spaced = dollar[len(letters) :] != "$"
        key = "us" if letters == "U.S." else letters.lower()
        candidates = table.dollar_prefixes.get(key)
        if candidates is None or (len(letters) == 1 and not letters.isupper()):
            return None
        if spaced and (len(letters) == 1 or (key in _WORD_PREFIXES and letters != "US")):
            return None
        return _Currency(candidates, match.end())
    word = match.group("sign") or match.group("code")
    if sign_key(word) in patterns.signs and word not in table.codes:
        return _Currency(patterns.signs[sign_key(word)], match.end())
    codes = _code(word, table, text, pos, match.end())
    return _Currency(codes, match.end()) if codes else None


def _after(text: str, pos: int, patterns: Patterns, amount: Amount) -> _Currency | None:
    """A sign, code, name or minor unit after a number ending at ``pos``."""
    if pos and text[pos - 1].isalpha() and text[pos : pos + 1].isalpha() and not _digit_scaled(text, pos):
        return None  # "oneUS$", "tenpence": a number word glued to letters is not a number
    table = patterns.tables
    match = patterns.after_sign.match(text, pos)
    if match is not None and _next_amount_owns(text, match.end(), patterns):
        match = None  # "by 2008 £60bn": the sign is the next amount's, not this number's
    if match is not None:
        symbol = match.group("sign")
        if symbol and sign_key(symbol) in patterns.signs:
            return _Currency(patterns.signs[sign_key(symbol)], match.end(), after=True)
        codes = _code(match.group("code"), table, text, match.start("code"), match.end())
        if codes:
            return _Currency(codes, match.end(), after=True)
    minor = _minor_alone(text, pos, patterns)
    if minor is not None and (minor.modified or minor.minor not in table.names):
        return minor  # before the names: "22 euro cents" is not 22 euros
    folded = fold_text(text)
    match = patterns.after_name.match(folded, pos)
    if match is None:
        return minor
    name = " ".join(match.group("name").split())
    end = match.end()
    glued = match.group("glue") == "-"
    hyphenated = folded.startswith("-", end) and folded[end + 1 : end + 2].isalpha()
    if hyphenated and (glued or not name.endswith("s")):
        return None  # "euro-area", "dollar-denominated": adjectives; "euros-worth" is money
    if glued and not (amount.scaled or text[pos - 1].isdigit()):
        return None
    last = name.split()[-1]
    if last == "won" and _VERB_AFTER_WON.match(text, end):
        return None
    if last.startswith("pound") and "sterling" not in name and _WEIGHT_AFTER_POUNDS.match(
        text, end
    ):
        return None
    if name in COMMON_WORDS:
        return None
    return _Currency(table.names[name], end, after=True)


def _digit_scaled(text: str, end: int) -> bool:
    """Whether the letters ending at ``end`` follow a digit ("2bn" in "2bnEUR")."""
    start = end
    while start and text[start - 1].isalpha():
        start -= 1
    return start > 0 and text[start - 1].isdigit()


def _next_amount_owns(text: str, pos: int, patterns: Patterns) -> bool:
    """Whether a sign or code ending at ``pos`` is the prefix of the number right after it
    ("2008 £60bn"), not the suffix of the one before: a number follows, and it is no minor
    unit of a composite amount ("7 CHF 25 centimes")."""
    number = _NUMBER_NEXT.match(text, pos)
    if number is None:
        return False
    amount = read_amount(text, number.end() - 1, digits_only=True)
    return amount is None or _minor_alone(text, amount.end, patterns) is None


def _minor_alone(text: str, pos: int, patterns: Patterns) -> _Currency | None:
    """A minor unit after a number: "99 cents", "70p", "22 euro cents", "50 kopecks"."""
    folded = fold_text(text)
    cent_sign = _CENT_SIGN.match(text, pos)
    if cent_sign is not None:  # "99¢", "99 ¢"
        return _Currency(minor_candidates("cent"), cent_sign.end(), minor="cent", after=True)
    if folded.startswith("p", pos):
        if pos and text[pos - 1].isdigit() and _GLUED_PENCE.match(folded, pos):
            return _Currency(minor_candidates("p"), pos + 1, minor="p", after=True)
        return None
    space = _SPACES.match(folded, pos)
    if space is None:
        return None
    match = patterns.minor.match(folded, space.end())
    if match is None:
        return None
    minor = match.group("minor")
    if match.group("mod"):
        modified = patterns.modifiers.get(" ".join(match.group("mod").split()), ())
        candidates = tuple(c for c in modified if minor_factor(minor, c) is not None)
    else:
        candidates = minor_candidates(minor)
    if not candidates:
        return None
    return _Currency(
        candidates, match.end(), minor=minor, after=True, modified=bool(match.group("mod"))
    )


_PENCE_MARK = re.compile(r"\dp(?![a-z])")
_LETTER_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CENT_SIGN = re.compile(r"[ \t]?¢")
_GLUED_PENCE = re.compile(r"p(?![a-z]|\.m\b|\.\s?m\.)")
_SPACES = re.compile(r"[ \t]+|-(?=[a-z])")  # "50 cents", "a 50-cent coin"
_COMPOSITE_RE = re.compile(r"(?:[ \t]*,)?[ \t]+(?:(?P<and>and)[ \t]+)?", re.I)
# after "ten euros and 5": the end of the phrase, not a noun ("and 5 people")
_BARE_END = re.compile(r"[ \t]*(?:$|[^\w \t$€£¥%.,]|[.,](?!\d))")


def _composite(
    text: str, pos: int, code: str, bare: bool, patterns: Patterns
) -> tuple[Decimal, int] | None:
    """The minor part after a whole major amount ending at ``pos``: " 20 cents", " and 50p",
    and, when ``bare``, " and 5" at the end of the phrase."""
    currency = patterns.tables.currencies.get(code)
    if currency is None or currency.digits == 0:
        return None
    joint = _COMPOSITE_RE.match(text, pos)
    if joint is None:
        return None
    number = read_amount(text, joint.end())
    if number is None or number.scaled or not number.integer or number.value >= 10**currency.digits:
        return None
    minor = _minor_alone(text, number.end, patterns)
    if minor is not None and minor.minor is not None:
        shift = minor_factor(minor.minor, code)
        if shift is None:
            return None
        return number.value / Decimal(10) ** shift, minor.end
    if bare and joint.group("and") and _BARE_END.match(text, number.end):
        return number.value / Decimal(10) ** currency.digits, number.end
    return None


def find_money(text: str, currency: str | None = None, context: str | None = None) -> list[Mention]:
    """Money mentions in ``text``; ``currency`` is the source's default for a name or sign
    that several currencies share (a bare "$" is USD without it); ``context``, the whole
    document when ``text`` is a part of it, is where the countries that decide such a name
    are looked for (``text`` itself by default)."""
    patterns = compiled()
    folded = fold_text(text)
    signs = [
        start for _, start, _ in patterns.sign_marks.find_matches_as_indexes(text)
        if not (start and text[start - 1].isalpha() and text[start] in _LETTER_START)
    ]
    words = [
        start for _, start, end in patterns.word_marks.find_matches_as_indexes(folded)
        if not (start and folded[start - 1].isalpha()) and not folded[end : end + 1].isalpha()
    ]
    words.extend(m.start() + 1 for m in _PENCE_MARK.finditer(folded))
    named = _names_before_numbers(folded, words, patterns)
    marks = sorted({*signs, *words})
    if not marks:
        return []
    starts = set(marks)
    for sign in signs:
        if text[sign] == "$":
            # "US$", "HK$", "hk $", "U.S.$", "USD$": the sign starts before the "$"
            starts.update(
                sign - k for k in range(1, 6)
                if sign - k >= 0 and text[sign - k].isalpha()
            )
    if len(marks) > 64:
        # many marks: one scan of the whole text beats one small scan per mark
        every = number_starts(text, folded)
        for mark in marks:
            starts.update(every[bisect_left(every, mark - REACH) : bisect_left(every, mark)])
    else:
        for mark in marks:
            starts.update(number_starts(text, folded, max(0, mark - REACH), mark))
    starts.update(named)
    found: list[Mention] = []
    covered = 0
    mentioned = _Mentioned(text if context is None else context, patterns)
    for index in sorted(starts):
        if index < covered:
            continue
        lead = lead_start(text, index)
        for start in (lead, index) if lead != index else (index,):
            mention = _mention_at(text, start, currency, patterns, mentioned)
            if mention is not None:
                found.append(mention)
                covered = mention.end
                break
    return _ranges(text, found)


_NAME_REACH = 40  # how far before a currency name's last word its adjective may start


def _names_before_numbers(folded: str, words: list[int], patterns: Patterns) -> list[int]:
    """Where a currency name written with its adjective starts, when a number follows it
    ("Australian dollar 29.4bn"): the starts of such names that end at a word mark."""
    out: list[int] = []
    for mark in words:
        end = mark
        while end < len(folded) and folded[end].isalpha():
            end += 1
        if not _NUMBER_NEXT.match(folded, end):
            continue
        for start in range(max(0, mark - _NAME_REACH), mark):
            if start and folded[start - 1].isalpha():
                continue
            match = patterns.before_name.match(folded, start)
            if match is not None and match.end("name") == end:
                out.append(start)
                break
    return out


class _Mentioned:
    """The currencies of the countries a text names, found only when a shared name or sign
    needs them (once per text)."""

    def __init__(self, text: str, patterns: Patterns) -> None:
        self._text = text
        self._patterns = patterns
        self._codes: frozenset[str] | None = None

    def codes(self, candidates: tuple[str, ...]) -> frozenset[str]:
        if len(candidates) < 2:
            return frozenset()
        if self._codes is None:
            words = self._patterns.countries
            found: set[str] = set()
            for index, start, end in self._patterns.country_marks.find_matches_as_indexes(
                self._text
            ):
                before = self._text[start - 1 : start]
                after = self._text[end : end + 1]
                if not (before.isalnum() or after.isalnum()):
                    found.update(words[self._patterns.country_words[index]])
            self._codes = frozenset(found)
        return self._codes


def _mention_at(
    text: str, start: int, default: str | None, patterns: Patterns, mentioned: _Mentioned
) -> Mention | None:
    if start and (text[start - 1].isalnum() or text[start - 1] in "$€£¥.,"):
        return None
    lead = _LEAD_RE.match(text, start)
    assert lead is not None  # every part of it is optional
    pos = lead.end()
    prefix = _prefix(text, pos, patterns)
    if prefix is not None:
        at = prefix.end + (1 if text[prefix.end : prefix.end + 1] in _GAP else 0)
        first = read_amount(text, at, digits_only=True)
        if first is None:
            return None
        small = first.integer and first.value < 100 and not first.scaled
        if small and text[pos : pos + 3] in CAPITAL_WORDS:
            return None  # "TOP 10", "ALL 5": a word, unless the amount says money
        if small and text[pos] == "R" and prefix.end == pos + 1:
            return None  # "R2-D2": the rand's "R" only before "R250", "R5bn", "R9.99"
        code = resolve(prefix.candidates, default, mentioned.codes(prefix.candidates))
        return _prefixed(text, lead, code, first, patterns)
    named = _named_prefix(text, lead, patterns, default, mentioned)
    if named is not None:
        return named
    first = read_amount(text, pos)
    if first is None:
        return None
    # a range "3-4 million yen": the currency after the second number
    second: Amount | None = None
    join = _JOIN_RE.match(text, first.end)
    if join is not None and join.group().strip():
        second = read_amount(text, join.end())
    after = None
    if second is not None:
        after = _after(text, second.end, patterns, second)
        if after is None or after.minor:
            second = None
    if second is None:
        after = _after(text, first.end, patterns, first)
    if after is None:
        return None
    code = resolve(after.candidates, default, mentioned.codes(after.candidates))
    if after.minor is not None:
        shift = minor_factor(after.minor, code)
        if shift is None:
            return None
        return _build(text, lead, code, first.value / Decimal(10) ** shift, None, after.end)
    return _suffixed(text, lead, code, first, second, after, patterns)


_GAP = (" ", "\t", "\u00a0", "\u202f")
# After a number, what makes it no amount of the currency named before it: a share ("the
# Australian dollar 1.2% higher"), points, or a bare year ("the Hong Kong dollar 1983 peg").
_NOT_MONEY_AFTER = re.compile(r"[ \t]?%|[ \t]+(?:percent|per[ \t]cent|pct|points?)\b", re.I)


def _named_prefix(text: str, lead: re.Match[str], patterns: Patterns, default: str | None,
                  mentioned: _Mentioned) -> Mention | None:
    """A currency name with its adjective before a number: "Australian dollar 29.4bn"."""
    match = patterns.before_name.match(fold_text(text), lead.end())
    if match is None:
        return None
    amount = read_amount(text, match.end(), digits_only=True)
    if amount is None or _NOT_MONEY_AFTER.match(text, amount.end):
        return None
    if amount.integer and not amount.scaled and 1000 <= amount.value <= 2199:
        return None
    candidates = patterns.tables.names[" ".join(match.group("name").split())]
    code = resolve(candidates, default, mentioned.codes(candidates))
    return _build(text, lead, code, amount.value, None, amount.end)


def _prefixed(
    text: str, lead: re.Match[str], code: str, first: Amount, patterns: Patterns
) -> Mention | None:
    """'$9 million', 'US$3-4 billion', '$3 million to $4 million', '£3 and 50p'."""
    start = lead.start()
    value, upper, end = first.value, None, first.end
    join = _JOIN_RE.match(text, first.end)
    if join is not None and join.group().strip():
        joiner = join.group().strip().lower()
        pos = join.end()
        again = _prefix(text, pos, patterns)
        if again is not None:
            pos = again.end + (1 if text[again.end : again.end + 1] in _GAP else 0)
        second = read_amount(text, pos, digits_only=True)
        if second is not None and _is_range(text, start, joiner, bool(lead.group("between"))):
            low = value
            if not first.scaled and second.scaled:
                # "$3-4 million": the scale after the second number applies to the first
                low = value * scale_of(scale_text(text, pos, second))
            elif thousands_shared(text, first, second, pos, joiner, again is None):
                low = value * 1000  # "$50-100,000": the thousands of the second apply to both
            if second.value > low:
                value, upper, end = low, second.value, second.end
    if upper is None and not first.scaled and first.integer:
        minor = _composite(text, end, code, False, patterns)
        if minor is not None:
            value, end = value + minor[0], minor[1]
    return _build(text, lead, code, value, upper, end)


def _suffixed(
    text: str,
    lead: re.Match[str],
    code: str,
    first: Amount,
    second: Amount | None,
    after: _Currency,
    patterns: Patterns,
) -> Mention | None:
    """'9 million dollars', '3-4 million yen', '5 million EUR', '12 €', '15 dollars 20 cents'."""
    start = lead.start()
    value, upper, end = first.value, None, after.end
    if second is not None:
        joiner = text[first.end : second.end].strip()[:3].lower()
        if joiner.startswith("to") and _FROM_BEFORE.search(text, max(0, start - 12), start):
            return None  # "from 3 to 4 million yen": the second amount matches on its own
        if joiner.startswith("and") and not lead.group("between"):
            return None  # "3 and 4 dollars" without "between": not one amount
        low = value
        if not first.scaled and second.scaled:
            low = value * scale_of(scale_text(text, text.index(joiner[0], first.end) + 1, second))
        if second.value <= low:
            return None
        value, upper = low, second.value
    elif not first.scaled and first.integer:
        minor = _composite(text, end, code, True, patterns)
        if minor is not None:
            value, end = value + minor[0], minor[1]
    return _build(text, lead, code, value, upper, end)


def _is_range(text: str, start: int, joiner: str, between: bool) -> bool:
    if joiner == "and":
        return between
    before = text[max(0, start - 16) : start]
    return not (joiner == "to" and (_FROM_BEFORE.search(before) or _CHANGE_BEFORE.search(before)))


def _build(
    text: str,
    lead: re.Match[str],
    code: str,
    value: Decimal,
    upper: Decimal | None,
    end: int,
) -> Mention | None:
    start = lead.start()
    qualifier = qualifier_of(lead.group("qual"))
    if lead.group("between") and upper is None:
        # "between $3 and ...": the range is not this amount's; the amount starts after it
        if lead.group("qual"):
            return None
        start = lead.end()
        qualifier = None
    trail = _TRAIL_RE.match(text, end)
    if trail is not None:
        qualifier = qualifier or qualifier_of(trail.group())
        end = trail.end()
    money = Money(
        amount=tidy(value),
        currency=code,
        qualifier=qualifier,
        upper=None if upper is None else tidy(upper),
    )
    return Mention("money", start, end, text[start:end], money)


def _ranges(text: str, found: list[Mention]) -> list[Mention]:
    """Two amounts named alike and joined as a range are one: "between 150 euros and 300
    euros", "150 euros to 300 euros"."""
    out: list[Mention] = []
    for mention in found:
        last = out[-1] if out else None
        if last is not None and _joins(text, last, mention):
            assert isinstance(last.value, Money) and isinstance(mention.value, Money)
            start = last.start
            between = _BETWEEN_BEFORE.search(text, max(0, start - 12), start)
            if between is not None:
                start = between.start()
            value = Money(last.value.amount, last.value.currency, last.value.qualifier,
                          mention.value.amount)
            out[-1] = Mention("money", start, mention.end, text[start : mention.end], value)
            continue
        out.append(mention)
    return out


def _joins(text: str, low: Mention, high: Mention) -> bool:
    if not (isinstance(low.value, Money) and isinstance(high.value, Money)):
        return False
    if low.value.currency != high.value.currency or low.value.upper or high.value.upper:
        return False
    if high.value.qualifier or high.value.amount <= low.value.amount:
        return False
    word = text[low.end : high.start].strip().lower()
    if word in ("-", "–", "—", "to"):
        before = text[max(0, low.start - 16) : low.start]
        return not (_FROM_BEFORE.search(before) or _CHANGE_BEFORE.search(before))
    if word == "and":
        return bool(_BETWEEN_BEFORE.search(text, max(0, low.start - 12), low.start))
    return False
