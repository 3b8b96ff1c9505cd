"""Generated money cases: every currency CLDR names in English, in every writing style, and
the pass rate of factbase's money extractor per style.

    .venv/bin/python benchmarks/currency_cases.py [--failures N]

The cases are built from CLDR reference data through Babel (names, plural names, symbols in
English and in the currency's own territories' languages, decimal digits, ``format_currency``
in English and in the currency's own locale), not from factbase's tables nor from any other
extractor's tests. Each case is a phrase inside a sentence ("The bill came to EUR 20, they
said."); it passes when ``find_money`` finds exactly the phrase, with its amount and currency.

Ambiguous forms (a sign or name that CLDR gives to several currencies: "$", "kr", "£",
"pesos", "dollars") are run with the source's default currency set to the intended one, as a
reader of that source would know it: the case passes when the default decides. The rows marked
"by rule" are forms docs/mentions.md says are not read (ISO codes that are English words in
lower case, one-letter signs, names that are everyday words without their adjective); they are
counted as failures here, and tests/test_currencies.py runs every other case.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale, localedata
from babel.core import get_global
from babel.numbers import format_currency, get_currency_name, get_currency_precision

from factbase.mentions.currencies import (
    CAPITAL_WORDS,
    COMMON_WORDS,
    NOT_MONEY,
    SYMBOL_ALIASES,
    WORDLIKE_CODES,
    fold,
)
from factbase.mentions.money import find_money
from factbase.values import Money

SENTENCE = "The bill came to {}, they said."
WORDS = {5: "five", 10: "ten", 20: "twenty", 40: "forty", 70: "seventy"}


@dataclass(frozen=True)
class Case:
    style: str
    phrase: str
    amount: Decimal
    currency: str
    default: str | None  # the source's default currency, for ambiguous forms
    by_rule: bool = False  # a form the documented rules leave out

    @property
    def sentence(self) -> str:
        return SENTENCE.format(self.phrase)


def _current() -> set[str]:
    found: set[str] = set()
    for history in get_global("territory_currencies").values():
        found.update(code for code, _start, end, tender in history if end is None and tender)
    return found


def _home_locales(code: str) -> list[str]:
    """The locales of the territories that use ``code`` today, in their official languages."""
    available = set(localedata.locale_identifiers())
    languages = get_global("territory_languages")
    found = []
    for territory, history in sorted(get_global("territory_currencies").items()):
        if any(c == code and end is None and tender for c, _s, end, tender in history):
            for language, info in sorted(languages.get(territory, {}).items()):
                identifier = f"{language}_{territory}"
                if "official" in str(info.get("official_status", "")) and identifier in available:
                    found.append(identifier)
    return found


def _symbols(codes: list[str], current: set[str]) -> dict[str, set[str]]:
    """Every sign CLDR gives each currency, in English and in its home locales."""
    english = Locale("en")
    signs: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        symbol = english.currency_symbols.get(code)
        if symbol and symbol != code:
            signs[code].add(symbol)
        if code in current:
            for identifier in _home_locales(code):
                symbol = Locale.parse(identifier).currency_symbols.get(code)
                if symbol and symbol != code:
                    signs[code].add(symbol)
    return signs


def _news_sign(sign: str, code: str) -> bool:
    """Whether English news writes ``sign`` for another currency than ``code``."""
    return sign in SYMBOL_ALIASES and code not in SYMBOL_ALIASES[sign]


def _latin(sign: str) -> bool:
    import unicodedata

    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in sign) and not any(
        unicodedata.category(c) in ("Cf",) for c in sign
    )


def cases() -> list[Case]:
    english = Locale("en")
    current = _current()
    codes = sorted(c for c in english.currencies if c not in NOT_MONEY and len(c) == 3)
    signs = _symbols(codes, current)
    owners: dict[str, set[str]] = defaultdict(set)
    for code, symbols in signs.items():
        for symbol in symbols:
            owners[symbol].add(code)
    names: dict[str, set[str]] = defaultdict(set)  # plural name's last word -> currencies
    for code in codes:
        for count in (1, 2):
            names[get_currency_name(code, count=count, locale="en").lower().split()[-1]].add(code)
    out: list[Case] = []
    for index, code in enumerate(codes):
        out.extend(_cases_of(index, code, code in current, signs.get(code, set()), owners, names))
    return out


def _cases_of(
    index: int,
    code: str,
    current: bool,
    signs: set[str],
    owners: dict[str, set[str]],
    names: dict[str, set[str]],
) -> Iterator[Case]:
    n = 10 + (index * 37) % 890  # a whole amount that varies by currency
    digits = get_currency_precision(code)
    fraction = Decimal(n) + Decimal(index % 97 + 1) / 100 if digits >= 2 else Decimal(n)
    fraction_text = f"{fraction:.2f}" if digits >= 2 else str(n)
    capital_word = code in CAPITAL_WORDS

    yield Case("code before, spaced", f"{code} {fraction_text}", fraction, code, None,
               by_rule=capital_word and fraction < 100 and digits == 0)
    yield Case("code before, glued", f"{code}{n * 10}", Decimal(n * 10), code, None,
               by_rule=capital_word and n * 10 < 100)
    yield Case("code after, spaced", f"{fraction_text} {code}", fraction, code, None)
    yield Case("code after, glued", f"{fraction_text}{code}", fraction, code, None)
    if current:
        yield Case("code in lower case", f"{n} {code.lower()}", Decimal(n), code, None,
                   by_rule=code in WORDLIKE_CODES)
    yield Case("code, scale m/bn", f"{code} {n}m", Decimal(n) * 10**6, code, None)
    yield Case("code, scale word", f"{n} million {code}", Decimal(n) * 10**6, code, None)

    for sign in sorted(signs):
        if not _latin(sign):
            continue  # signs in other scripts are not written in English text
        # "C$", "Rs.": CLDR gives them to one currency (the córdoba, the Sri Lankan rupee),
        # English news to another (the Canadian dollar, the Indian rupee): shared
        shared = len(owners[sign]) > 1 or sign == "$" or _news_sign(sign, code)
        default = code if shared else None
        one_letter = len(sign) == 1 and sign.isalpha()
        before_rule = one_letter and sign != "R"  # the rand's "R" is read before an amount
        capital_pair = sign.isalpha() and sign.isupper() and len(sign) <= 2
        label = "shared" if shared else "own"
        yield Case(f"sign before ({label})", f"{sign}{fraction_text}", fraction, code, default,
                   by_rule=before_rule)
        yield Case(f"sign after ({label})", f"{fraction_text} {sign}", fraction, code, default,
                   by_rule=one_letter or capital_pair)
        yield Case(f"sign, scale m/bn ({label})", f"{sign}{n}bn", Decimal(n) * 10**9, code,
                   default, by_rule=before_rule)

    name = get_currency_name(code, locale="en")
    plural = get_currency_name(code, count=2, locale="en")
    if "(" in name or "(" in plural:
        return  # "Belarusian Ruble (2000–2016)" is not written so in text
    yield Case("name, singular", f"1 {name}", Decimal(1), code, None)
    yield Case("name, plural", f"{fraction_text} {plural}", fraction, code, None)
    yield Case("name, scale m/bn", f"{n}m {plural}", Decimal(n) * 10**6, code, None)
    yield Case("name, scale word", f"{n} million {plural}", Decimal(n) * 10**6, code, None)
    word = WORDS[(5, 10, 20, 40, 70)[index % 5]]
    value = Decimal((5, 10, 20, 40, 70)[index % 5])
    yield Case("name, number in words", f"{word} {plural}", value, code, None)
    if current:
        unit = plural.split()[-1]
        shared = len(names[unit.lower()]) > 1
        yield Case(
            "unit alone" + (" (shared)" if shared else " (own)"), f"{n} {unit}", Decimal(n),
            code, code if shared else None, by_rule=fold(unit) in COMMON_WORDS,
        )
    if digits > 0 and current:
        minor = Decimal(5) / Decimal(10) ** digits
        yield Case("composite, major and bare minor", f"ten {plural} and 5", 10 + minor, code,
                   None)
        if plural.lower().endswith(("dollars", "euros")):
            yield Case("composite, cents", f"15 {plural} 20 cents", Decimal("15.20"), code,
                       None)
    yield Case("fraction of a scale", f"half a million {plural}", Decimal(500000), code, None)
    if current:
        for identifier in ("en", *_home_locales(code)[:1]):
            locale = Locale.parse(identifier)
            if locale.default_numbering_system != "latn":
                continue
            amount = Decimal("1234567.5") if digits else Decimal(1234567)
            text = format_currency(amount, code, locale=identifier)
            text = text.replace("\u200f", "").replace("\u200e", "").replace("\u061c", "")
            written = [s for s in owners if s in text and code in owners[s]]
            sign = code if code in text or not written else max(written, key=len)
            shared = len(owners.get(sign, ())) > 1 or sign == "$" or _news_sign(sign, code)
            # a sign of one letter ("R", "K") is never read; two capitals not after the number
            left_out = (sign.isalpha() and len(sign) == 1 and not text.startswith("R")) or (
                sign.isalpha() and len(sign) == 2 and sign.isupper() and not text.startswith(sign)
            )
            style = "CLDR format, English" if identifier == "en" else "CLDR format, home locale"
            yield Case(style, text, amount, code, code if shared else None,
                       by_rule=left_out or not _latin(text))


def passes(case: Case) -> bool:
    found = find_money(case.sentence, case.default)
    start = case.sentence.index(case.phrase)
    return len(found) == 1 and found[0].start == start and found[0].text == case.phrase and (
        isinstance(found[0].value, Money)
        and found[0].value.amount == case.amount
        and found[0].value.currency == case.currency
        and found[0].value.upper is None
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", type=int, default=0, help="print N failing cases")
    args = parser.parse_args(argv)
    every = cases()
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    failures: list[tuple[Case, str]] = []
    for case in every:
        row = rows[case.style]
        ok = passes(case)
        row[0] += 1
        row[1] += ok
        row[2] += case.by_rule
        if not ok and not case.by_rule:
            got = [(m.text, str(m.value)) for m in find_money(case.sentence, case.default)]
            failures.append((case, repr(got)))
    currencies = len({c.currency for c in every})
    print(f"generated currency cases: {len(every)} over {currencies} currencies (CLDR, Babel)")
    print(f"  {'style':38} {'cases':>6} {'passed':>7} {'rate':>7} {'by rule':>8}")
    total = [0, 0, 0]
    for style, (count, passed, by_rule) in rows.items():
        print(f"  {style:38} {count:6d} {passed:7d} {passed / count:7.3f} {by_rule:8d}")
        total = [total[0] + count, total[1] + passed, total[2] + by_rule]
    print(f"  {'all':38} {total[0]:6d} {total[1]:7d} {total[1] / total[0]:7.3f} {total[2]:8d}")
    handled = total[0] - total[2]
    passed_handled = sum(passes(c) for c in every if not c.by_rule)
    print(f"  {'all but the forms left out by rule':38} {handled:6d} {passed_handled:7d} "
          f"{passed_handled / handled:7.3f}")
    for case, got in failures[: args.failures]:
        print(f"  FAIL [{case.style}] {case.phrase!r} want {case.amount} {case.currency}"
              f" (default {case.default}) got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
