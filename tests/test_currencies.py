"""Currencies from CLDR: the tables, the ambiguity rule, minor units, and the generated cases
(every currency CLDR names in English, in every writing style; benchmarks/currency_cases.py
builds them from Babel and prints the pass rate per style)."""

from __future__ import annotations

import importlib.util
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from babel import Locale

from factbase.mentions.currencies import (
    MOST_USED,
    NOT_MONEY,
    minor_candidates,
    minor_factor,
    resolve,
    tables,
)
from factbase.mentions.money import find_money
from factbase.values import Money

ROOT = Path(__file__).resolve().parent.parent


def _cases_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "currency_cases", ROOT / "benchmarks" / "currency_cases.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["currency_cases"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


CASES = _cases_module()
BY_CURRENCY: dict[str, list[object]] = defaultdict(list)
for _case in CASES.cases():
    if not _case.by_rule:
        BY_CURRENCY[_case.currency].append(_case)


def test_every_currency_with_an_english_name_has_cases() -> None:
    english = Locale("en").currencies
    expected = {c for c in english if c not in NOT_MONEY and len(c) == 3}
    assert set(BY_CURRENCY) == expected
    assert len(expected) > 250
    assert set(tables().currencies) == expected


@pytest.mark.parametrize("code", sorted(BY_CURRENCY))
def test_generated_cases(code: str) -> None:
    failures = []
    for case in BY_CURRENCY[code]:
        if not CASES.passes(case):
            got = [(m.text, str(m.value)) for m in find_money(case.sentence, case.default)]
            failures.append(f"[{case.style}] {case.phrase!r} -> {got}")
    assert failures == []


@pytest.mark.parametrize(
    ("text", "default", "currency"),
    [
        # the phrase decides
        ("40 million Danish kroner", None, "DKK"),
        ("40 million Norwegian kroner", "DKK", "NOK"),
        ("400m Argentine pesos", "MXN", "ARS"),
        ("C$5", "USD", "CAD"),
        ("DKK 40", "SEK", "DKK"),
        # then the source's default, when it is a candidate
        ("40 million kroner", "DKK", "DKK"),
        ("kr 100", "NOK", "NOK"),
        ("$20", "CAD", "CAD"),
        ("$20", "MXN", "MXN"),
        ("400m pesos", "ARS", "ARS"),
        ("five dinars", "KWD", "KWD"),
        ("£5", "GIP", "GIP"),
        ("£5", "EGP", "GBP"),  # CLDR gives "£" to EGP in no locale: the default is no candidate
        ("Rs 500", "PKR", "PKR"),
        # else the most used
        ("$20", "EUR", "USD"),
        ("400m pesos", None, "MXN"),
        ("40 million kroner", None, "NOK"),
        ("2bn kronor", None, "SEK"),
        ("kr 100", None, "SEK"),
        ("five dinars", None, "IQD"),
        ("300 francs", None, "CHF"),
        ("¥500", None, "JPY"),
        ("¥500", "CNY", "CNY"),
        ("Rs 500", None, "INR"),
        ("20 pounds", None, "GBP"),
    ],
)
def test_which_currency(text: str, default: str | None, currency: str) -> None:
    (mention,) = find_money(text, default)
    assert isinstance(mention.value, Money)
    assert mention.text == text
    assert mention.value.currency == currency


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Algeria raised the price to 200 dinars a canister.", "DZD"),
        ("Iraq and Algeria: 200 dinars.", "IQD"),  # two named: the most used
        ("In Denmark the bill was 40 million kroner.", "DKK"),
        ("An Argentine court fined it 400m pesos.", "ARS"),
        ("Canada's Nortel lost $5bn.", "USD"),  # "$" stays US dollars wherever the story is
        ("Egypt's budget: 5bn pounds.", "GBP"),
    ],
)
def test_the_country_a_story_names(text: str, currency: str) -> None:
    (mention,) = find_money(text)
    assert isinstance(mention.value, Money)
    assert mention.value.currency == currency


def test_resolve_prefers_the_default_among_the_candidates() -> None:
    assert resolve(("USD", "CAD"), "CAD") == "CAD"
    assert resolve(("USD", "CAD"), "EUR") == "USD"
    assert resolve(("USD", "CAD"), None) == "USD"
    assert resolve(("USD", "CAD"), None, frozenset({"CAD"})) == "USD"
    assert resolve(("MXN", "ARS"), None, frozenset({"ARS"})) == "ARS"
    assert resolve(("MXN", "ARS"), "MXN", frozenset({"ARS"})) == "MXN"


def test_shared_names_are_ranked_by_use() -> None:
    table = tables()
    assert table.names["dollars"][:3] == ("USD", "AUD", "CAD")
    assert table.names["pesos"][0] == "MXN"
    assert table.names["kroner"] == ("NOK", "DKK")
    assert table.symbols["kr"] == ("SEK", "NOK", "DKK")
    assert table.symbols["$"][0] == "USD"
    assert table.dollar_prefixes["c"][0] == "CAD"
    assert table.dollar_prefixes["t"][0] == "TOP"  # CLDR's own sign before the initial rule
    assert len(MOST_USED) == len(set(MOST_USED))


@pytest.mark.parametrize(
    ("minor", "code", "shift"),
    [
        ("cents", "USD", 2), ("cent", "EUR", 2), ("pence", "GBP", 2), ("p", "GBP", 2),
        ("centimes", "CHF", 2), ("fils", "KWD", 3), ("fils", "AED", 2), ("kopecks", "RUB", 2),
        ("paise", "INR", 2), ("øre", "DKK", 2), ("cents", "GBP", None), ("sen", "JPY", None),
        ("cents", "JPY", None), ("pence", "USD", None), ("widgets", "USD", None),
    ],
)
def test_minor_units(minor: str, code: str, shift: int | None) -> None:
    assert minor_factor(minor, code) == shift


def test_minor_candidates() -> None:
    assert minor_candidates("pence")[0] == "GBP"
    assert minor_candidates("cents")[:2] == ("USD", "EUR")
    assert minor_candidates("kopecks")[0] == "RUB"


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("15 dollars 20 cents", "15.20", "USD"),
        ("£3 and 50p", "3.50", "GBP"),
        ("ten euros and 5", "10.05", "EUR"),
        ("7 CHF 25 centimes", "7.25", "CHF"),
        ("3 Kuwaiti dinars and 250 fils", "3.250", "KWD"),
        ("fifteen dollars and twenty cents", "15.20", "USD"),
        ("€5, 20 cents", "5.20", "EUR"),
    ],
)
def test_composite_amounts_are_one_mention(text: str, amount: str, currency: str) -> None:
    (mention,) = find_money(text)
    assert isinstance(mention.value, Money)
    assert (mention.text, mention.value.amount, mention.value.currency) == (
        text, Decimal(amount), currency,
    )


@pytest.mark.parametrize(
    "text",
    [
        "ten euros and 5 people",  # a bare number after "and" is a minor part only at the end
        "$5 and 3 others",
        "15 dollars 200 cents",  # more cents than a dollar holds: two amounts
    ],
)
def test_not_composite(text: str) -> None:
    assert len(find_money(text)) != 1 or find_money(text)[0].text != text
