"""Amounts of money: "$9 million", "US$3-4 billion", "€2.5bn", "1.2 trillion won", "nine
million dollars", "more than $800 million".

The span covers an amount qualifier before the amount ("more than $1 billion"), the currency
sign, code or name, and the scale word. Rules (documented in docs/mentions.md):

* a bare "$" or "dollars" is USD, or the source's default ``currency``; "US$", "HK$", "A$", …
  and ISO codes ("USD 5 million", "5 million EUR") are explicit;
* ranges: "$3-4 million", "$3 to $4 million", "between $3 million and $4 million" give
  ``amount`` and ``upper``; a scale written only after the second number applies to both;
  a "range" whose upper end is not larger is not a range, and "from $69 to $1,600" is two
  amounts;
* a currency name glued to a hyphen and a word is an adjective ("euro-area", "dollar-based");
* "pounds" followed by "of" is a weight, not money; "won" followed by "the", "a", "by", … is
  the verb.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal

from ..values import Money
from .numbers import (
    DIGITS,
    QUALIFIER,
    SCALE_WORD,
    TRAILING,
    WORDS,
    lead_start,
    lowered_same_length,
    number_starts,
    parse_amount,
    qualifier_of,
    scale_value,
    tidy,
    word_trie,
)
from .types import Mention

# Signs written before the number. Longest first, so "US$" wins over "$".
SYMBOLS: dict[str, str | None] = {
    "US$": "USD", "U.S.$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "SG$": "SGD", "NT$": "TWD", "R$": "BRL",
    "MX$": "MXN", "$": None, "€": "EUR", "£": "GBP", "¥": "JPY", "JP¥": "JPY", "CN¥": "CNY",
    "RMB": "CNY", "Rmb": "CNY", "₩": "KRW", "₹": "INR", "Rs": "INR", "Rs.": "INR", "₽": "RUB",
    "₺": "TRY", "₱": "PHP", "₫": "VND", "₪": "ILS", "฿": "THB", "₦": "NGN", "CHF": "CHF",
}
CODES = ["USD", "EUR", "JPY", "GBP", "CNY", "KRW", "INR", "RUB", "CHF", "CAD", "AUD", "HKD", "SGD", "NZD", "TWD", "BRL", "MXN", "ZAR", "SEK", "NOK", "DKK", "PLN", "TRY", "THB", "IDR", "MYR", "PHP", "VND", "SAR", "AED", "ILS", "EGP", "NGN", "KES", "PKR", "BDT", "ARS", "CLP", "COP", "PEN", "CZK", "HUF", "RON", "UAH", "KZT", "QAR", "KWD"]
# Currency names written after the number (lowercase keys; matched case-insensitively).
NAMES: dict[str, str | None] = {
    "dollars": None, "dollar": None, "u.s. dollars": "USD", "us dollars": "USD",
    "american dollars": "USD", "australian dollars": "AUD", "canadian dollars": "CAD",
    "hong kong dollars": "HKD", "singapore dollars": "SGD", "new zealand dollars": "NZD",
    "taiwan dollars": "TWD", "new taiwan dollars": "TWD", "euros": "EUR", "euro": "EUR",
    "yen": "JPY", "won": "KRW", "yuan": "CNY", "renminbi": "CNY", "pounds sterling": "GBP",
    "pounds": "GBP", "pound": "GBP", "rupees": "INR", "rupee": "INR", "rubles": "RUB",
    "roubles": "RUB", "ruble": "RUB", "swiss francs": "CHF", "mexican pesos": "MXN",
    "philippine pesos": "PHP", "reais": "BRL", "rand": "ZAR", "baht": "THB", "ringgit": "MYR",
    "rupiah": "IDR", "lira": "TRY", "shekels": "ILS", "dong": "VND", "riyals": "SAR",
    "dirhams": "AED", "cents": "cents", "cent": "cents", "pence": "GBP-pence",
}

# Scales after the number: words (with a space or hyphen), or abbreviations ("9m", "3 bn").
_SCALE = (
    rf"(?:[ \t]?-?[ \t]?(?i:lakh[ \t]+crores?|{SCALE_WORD}|crores?|lakhs?)\b"
    r"|(?i:k|m|b)(?![\w])|[ \t]?(?i:mn|mln|bn|bln|tn|trn)(?![\w]))"
)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SYMBOL = _alternation(list(SYMBOLS)) + "|" + "|".join(CODES)
_NAME = "|".join(
    re.escape(n).replace(r"\ ", r"[ \t]+") for n in sorted(NAMES, key=len, reverse=True)
)
_JOIN = r"[ \t]*(?:-|–|—|to|and)[ \t]*"


def _prefixed(tag: str) -> str:
    """'$9 million', 'US$3-4 billion', 'EUR 5m', '$3 million to $4 million'."""
    return (
        rf"(?P<{tag}sym>{_SYMBOL})[ \t]?(?P<{tag}n1>{DIGITS})(?P<{tag}s1>{_SCALE})?"
        rf"(?:(?P<{tag}join>{_JOIN})(?:{_SYMBOL})?[ \t]?(?P<{tag}n2>{DIGITS})(?![\d,])"
        rf"(?P<{tag}s2>{_SCALE})?)?"
    )


def _suffixed(tag: str) -> str:
    """'9 million dollars', 'nine million dollars', '1.2 trillion won', '5 million EUR'."""
    number = rf"{DIGITS}|(?i:{WORDS})"
    return (
        rf"(?P<{tag}n1>{number})(?P<{tag}s1>{_SCALE})?"
        rf"(?:(?P<{tag}join>{_JOIN})(?P<{tag}n2>{number})(?P<{tag}s2>{_SCALE})?)?"
        rf"(?:[ \t]+(?P<{tag}cur>(?i:{_NAME})|{'|'.join(CODES)})|-(?P<{tag}glued>(?i:cents?|dollars?)))"
        r"(?![\w]|-\w)"  # "euro-area", "dollar-denominated" are adjectives
    )


MONEY_RE = re.compile(
    rf"(?<![\w$€£¥.,])(?:(?P<qual>(?i:{QUALIFIER}))[ \t]+)?"
    rf"(?P<between>(?i:between)[ \t]+)?"
    rf"(?:{_prefixed('p')}|{_suffixed('s')})"
    rf"(?P<trail>[ \t]+(?i:{TRAILING}))?"
)
# Currency signs and codes (on the text) and names (on the lower-cased text) mark where money
# may be; the full pattern is only tried at number starts shortly before a mark.
SIGN_RE = re.compile(r"[$€£¥₩₹₽₺₱₫₪฿₦]")
CODE_RE = re.compile(rf"{word_trie([*CODES, 'RMB', 'Rmb', 'Rs'])}\b")
NAME_LOWER_RE = re.compile(
    word_trie([
        "dollar", "euro", "yen", "won", "yuan", "renminbi", "pound", "sterling", "rupee",
        "ruble", "rouble", "franc", "peso", "reais", "rand", "baht", "ringgit", "rupiah",
        "lira", "shekel", "dong", "riyal", "dirham", "cent", "pence",
    ])
)
NAME_ANYCASE_RE = re.compile(NAME_LOWER_RE.pattern, re.I)
REACH = 80  # how far before a currency name its number may start ("three hundred and ...")
_VERB_AFTER_WON = re.compile(
    r"[ \t]+(?:the|a|an|by|their|its|his|her|over|against|seats?|votes?|games?|races?)\b",
    re.I,
)
_WEIGHT_AFTER_POUNDS = re.compile(r"[ \t]+of\b", re.I)
_FROM_BEFORE = re.compile(r"(?i:\bfrom)[ \t]+$")


def find_money(text: str, currency: str | None = None) -> list[Mention]:
    """Money mentions in ``text``; ``currency`` is the default for a bare "$" (USD)."""
    lowered = lowered_same_length(text)
    signs = [m.start() for m in SIGN_RE.finditer(text)]
    signs.extend(
        m.start() for m in CODE_RE.finditer(text) if not (m.start() and text[m.start() - 1].isalnum())
    )
    names = (
        NAME_LOWER_RE.finditer(lowered) if lowered is not None else NAME_ANYCASE_RE.finditer(text)
    )
    marks = [*signs, *(m.start() for m in names if not (m.start() and text[m.start() - 1].isalnum()))]
    starts = set(signs)
    for sign in signs:
        # "US$", "HK$", "U.S.$": the sign starts before the "$"
        starts.update(sign - k for k in (1, 2, 4) if text[max(0, sign - k) : sign + 1] in SYMBOLS)
    if len(marks) > 64:
        # many marks: one scan of the whole text beats one small scan per mark
        every = number_starts(text, lowered)
        for mark in marks:
            starts.update(every[bisect_left(every, mark - REACH) : bisect_left(every, mark)])
    else:
        for mark in marks:
            starts.update(number_starts(text, lowered, max(0, mark - REACH), mark))
    if not starts:
        return []
    default = currency or "USD"
    found: list[Mention] = []
    covered = 0
    for index in sorted(starts):
        if index < covered:
            continue
        lead = lead_start(text, index)
        for start in (lead, index) if lead != index else (index,):
            match = MONEY_RE.match(text, start)
            mention = None if match is None else _mention(text, match, default)
            if mention is not None:
                found.append(mention)
                covered = mention.end
                break
    return found


def _mention(text: str, match: re.Match[str], default: str) -> Mention | None:
    tag = "p" if match.group("psym") is not None else "s"
    code = _currency(text, match, tag, default)
    if code is None:
        return None
    factor = Decimal(1)
    if code in ("cents", "GBP-pence"):
        factor = Decimal("0.01")
        code = default if code == "cents" else "GBP"
    first = _amount(match.group(f"{tag}n1"), match.group(f"{tag}s1"))
    if first is None:
        return None
    end = match.end(f"{tag}s1") if match.group(f"{tag}s1") else match.end(f"{tag}n1")
    upper: Decimal | None = None
    join = match.group(f"{tag}join")
    joiner = (join or "").strip().lower()
    start = match.start()
    if joiner == "to" and _FROM_BEFORE.search(text, max(0, start - 12), start):
        if tag == "s":
            return None  # "from 3 to 4 million yen": the second amount matches on its own
        join = None  # "from $69 to $1,600": two amounts, as for quantities
    if join is not None and (joiner != "and" or match.group("between")):
        second = _amount(match.group(f"{tag}n2"), match.group(f"{tag}s2"))
        if second is not None and not match.group(f"{tag}s1") and match.group(f"{tag}s2"):
            # "$3-4 million": the scale after the second number applies to the first
            first *= scale_value(_scale_word(match.group(f"{tag}s2"))) or 1
        if second is not None and second > first:
            upper = second
            end = match.end(f"{tag}s2") if match.group(f"{tag}s2") else match.end(f"{tag}n2")
    if tag == "s":
        if upper is None and join is not None:
            return None  # "3 and 4 dollars" without "between": not one amount
        end = match.end("scur") if match.group("scur") else match.end("sglued")
    qualifier = qualifier_of(match.group("qual"))
    if match.group("between") and upper is None:
        start = match.start("between") + len(match.group("between"))
        if match.group("qual"):
            return None
    elif match.group("between") and match.group("qual"):
        qualifier = qualifier_of(match.group("qual"))
    if match.group("trail") and end == match.end() - len(match.group("trail")):
        qualifier = qualifier or qualifier_of(match.group("trail"))
        end = match.end()
    value = Money(
        amount=tidy(first * factor),
        currency=code,
        qualifier=qualifier,
        upper=None if upper is None else tidy(upper * factor),
    )
    return Mention("money", start, end, text[start:end], value)


def _currency(text: str, match: re.Match[str], tag: str, default: str) -> str | None:
    if tag == "p":
        symbol = match.group("psym")
        if symbol in SYMBOLS:
            return SYMBOLS[symbol] or default
        return symbol
    name = match.group("scur") or match.group("sglued")
    if name in CODES:
        return name
    key = " ".join(name.lower().split())
    after = match.end("scur")
    if key == "won" and _VERB_AFTER_WON.match(text, after):
        return None
    if key.startswith("pound") and key != "pounds sterling" and _WEIGHT_AFTER_POUNDS.match(text, after):
        return None
    code = NAMES.get(key)
    return code or default


def _scale_word(scale: str) -> str:
    return scale.strip(" \t-")


def _amount(number: str | None, scale: str | None) -> Decimal | None:
    return parse_amount(number, scale, lambda word: scale_value(_scale_word(word)) or 1)
