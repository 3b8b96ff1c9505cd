"""Money mentions: every supported form with its normalized value.

``MONEY_CASES`` also feeds docs/mentions.md (the page of supported forms), so it reads as the
specification: (text, currency default or None, [(matched text, amount, currency, qualifier,
upper)]).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from factbase.mentions.money import find_money
from factbase.values import Money

MONEY_CASES: list[tuple[str, str | None, list[tuple[str, str, str, str | None, str | None]]]] = [
    # signs
    ("a $9 million joint fund", None, [("$9 million", "9000000", "USD", None, None)]),
    ("Japan's original $800 million in restitution", None,
     [("$800 million", "800000000", "USD", None, None)]),
    ("It cost $1,250.50 in all.", None, [("$1,250.50", "1250.5", "USD", None, None)]),
    ("a bill of US$4.2 billion", None, [("US$4.2 billion", "4200000000", "USD", None, None)]),
    ("HK$10 a ride", None, [("HK$10", "10", "HKD", None, None)]),
    ("A$5 million for farmers", None, [("A$5 million", "5000000", "AUD", None, None)]),
    ("a €2.5bn takeover", None, [("€2.5bn", "2500000000", "EUR", None, None)]),
    ("£300m in grants", None, [("£300m", "300000000", "GBP", None, None)]),
    ("a ¥1 trillion stimulus", None, [("¥1 trillion", "1000000000000", "JPY", None, None)]),
    ("₩2.3 trillion in bonds", None, [("₩2.3 trillion", "2300000000000", "KRW", None, None)]),
    ("₹500 crore for roads", None, [("₹500 crore", "5000000000", "INR", None, None)]),
    ("a $500k bonus", None, [("$500k", "500000", "USD", None, None)]),
    ("a $9-million fund", None, [("$9-million", "9000000", "USD", None, None)]),
    ("raised $5B last year", None, [("$5B", "5000000000", "USD", None, None)]),
    # ISO codes before and after the number
    ("USD 5 million in aid", None, [("USD 5 million", "5000000", "USD", None, None)]),
    ("a EUR 40m loan", None, [("EUR 40m", "40000000", "EUR", None, None)]),
    ("worth 5 million EUR", None, [("5 million EUR", "5000000", "EUR", None, None)]),
    ("RMB 3 billion of bonds", None, [("RMB 3 billion", "3000000000", "CNY", None, None)]),
    # currency names
    ("nine million dollars", None, [("nine million dollars", "9000000", "USD", None, None)]),
    ("a million dollars", None, [("a million dollars", "1000000", "USD", None, None)]),
    ("1.2 trillion won", None, [("1.2 trillion won", "1200000000000", "KRW", None, None)]),
    ("500 billion yen", None, [("500 billion yen", "500000000000", "JPY", None, None)]),
    ("3 billion yuan", None, [("3 billion yuan", "3000000000", "CNY", None, None)]),
    ("20 billion renminbi", None, [("20 billion renminbi", "20000000000", "CNY", None, None)]),
    ("40 million euros", None, [("40 million euros", "40000000", "EUR", None, None)]),
    ("5 million pounds", None, [("5 million pounds", "5000000", "GBP", None, None)]),
    ("2 million U.S. dollars", None, [("2 million U.S. dollars", "2000000", "USD", None, None)]),
    ("10 million Hong Kong dollars", None,
     [("10 million Hong Kong dollars", "10000000", "HKD", None, None)]),
    ("80 million Swiss francs", None, [("80 million Swiss francs", "80000000", "CHF", None, None)]),
    ("99 cents a share", None, [("99 cents", "0.99", "USD", None, None)]),
    ("a record Australian dollar 29.4bn", None,
     [("Australian dollar 29.4bn", "29400000000", "AUD", None, None)]),
    ("spend by 2008 £60bn more", None, [("£60bn", "60000000000", "GBP", None, None)]),
    ("three hundred and fifty million dollars", None,
     [("three hundred and fifty million dollars", "350000000", "USD", None, None)]),
    # ranges
    ("$3-4 million", None, [("$3-4 million", "3000000", "USD", None, "4000000")]),
    ("US$3–4 billion", None, [("US$3–4 billion", "3000000000", "USD", None, "4000000000")]),
    ("$3 to $4 million", None, [("$3 to $4 million", "3000000", "USD", None, "4000000")]),
    # the thousands of the second end apply to the first when both are then of one magnitude
    ("between $50-100,000", None, [("between $50-100,000", "50000", "USD", None, "100000")]),
    ("$50-60,000", None, [("$50-60,000", "50000", "USD", None, "60000")]),
    ("$5-100,000", None, [("$5-100,000", "5", "USD", None, "100000")]),
    ("$50 to $100,000", None, [("$50 to $100,000", "50", "USD", None, "100000")]),
    ("between $3 million and $4 million", None,
     [("between $3 million and $4 million", "3000000", "USD", None, "4000000")]),
    ("3-4 million yen", None, [("3-4 million yen", "3000000", "JPY", None, "4000000")]),
    ("$3 million and $4 million respectively", None,
     [("$3 million", "3000000", "USD", None, None), ("$4 million", "4000000", "USD", None, None)]),
    # qualifiers
    ("more than $1 billion", None, [("more than $1 billion", "1000000000", "USD", "more-than", None)]),
    ("about $300", None, [("about $300", "300", "USD", "about", None)]),
    ("an estimated $2 billion", None, [("an estimated $2 billion", "2000000000", "USD", "about", None)]),
    ("at least $82 million", None, [("at least $82 million", "82000000", "USD", "at-least", None)]),
    ("up to $5 million", None, [("up to $5 million", "5000000", "USD", "at-most", None)]),
    ("nearly €1 billion", None, [("nearly €1 billion", "1000000000", "EUR", "nearly", None)]),
    ("less than $10", None, [("less than $10", "10", "USD", "less-than", None)]),
    ("$300 or more", None, [("$300 or more", "300", "USD", "at-least", None)]),
    # every CLDR currency, in every writing style (issue 13)
    ("400m pesos", None, [("400m pesos", "400000000", "MXN", None, None)]),
    ("400m Argentine pesos", None, [("400m Argentine pesos", "400000000", "ARS", None, None)]),
    ("2bn kronor", None, [("2bn kronor", "2000000000", "SEK", None, None)]),
    ("40 million Danish kroner", None,
     [("40 million Danish kroner", "40000000", "DKK", None, None)]),
    ("300 million Swiss francs", None,
     [("300 million Swiss francs", "300000000", "CHF", None, None)]),
    ("15 ringgit", None, [("15 ringgit", "15", "MYR", None, None)]),
    ("five dinars", None, [("five dinars", "5", "IQD", None, None)]),
    ("five dinars", "JOD", [("five dinars", "5", "JOD", None, None)]),
    ("5,000 ₴", None, [("5,000 ₴", "5000", "UAH", None, None)]),
    ("70p", None, [("70p", "0.7", "GBP", None, None)]),
    ("8.5p a share", None, [("8.5p", "0.085", "GBP", None, None)]),
    ("99¢", None, [("99¢", "0.99", "USD", None, None)]),
    ("a 50-cent coin", None, [("50-cent", "0.5", "USD", None, None)]),
    ("22 euro cents", None, [("22 euro cents", "0.22", "EUR", None, None)]),
    ("USD250", None, [("USD250", "250", "USD", None, None)]),
    ("EUR4.50", None, [("EUR4.50", "4.5", "EUR", None, None)]),
    ("99.9EUR", None, [("99.9EUR", "99.9", "EUR", None, None)]),
    ("EUR 20", None, [("EUR 20", "20", "EUR", None, None)]),
    ("40 gbp", None, [("40 gbp", "40", "GBP", None, None)]),
    ("12 €", None, [("12 €", "12", "EUR", None, None)]),
    ("30 $", None, [("30 $", "30", "USD", None, None)]),
    ("100 kr", "DKK", [("100 kr", "100", "DKK", None, None)]),
    ("hk $20", None, [("hk $20", "20", "HKD", None, None)]),
    ("C$5", None, [("C$5", "5", "CAD", None, None)]),
    ("S$5", None, [("S$5", "5", "SGD", None, None)]),
    ("NZ$5", None, [("NZ$5", "5", "NZD", None, None)]),
    ("R$5", None, [("R$5", "5", "BRL", None, None)]),
    ("USD$5", None, [("USD$5", "5", "USD", None, None)]),
    ("CAD$5", None, [("CAD$5", "5", "CAD", None, None)]),
    ("R250 in fees", None, [("R250", "250", "ZAR", None, None)]),
    ("a quarter of a million euros", None,
     [("a quarter of a million euros", "250000", "EUR", None, None)]),
    ("three-quarters of a billion pounds", None,
     [("three-quarters of a billion pounds", "750000000", "GBP", None, None)]),
    ("half a million pounds", None, [("half a million pounds", "500000", "GBP", None, None)]),
    ("two and a half billion dollars", None,
     [("two and a half billion dollars", "2500000000", "USD", None, None)]),
    ("1,23,45,678 rupees", None, [("1,23,45,678 rupees", "12345678", "INR", None, None)]),
    ("Rs 5 lakh", None, [("Rs 5 lakh", "500000", "INR", None, None)]),
    ("2.5 crore rupees", None, [("2.5 crore rupees", "25000000", "INR", None, None)]),
    ("1.234,56 €", None, [("1.234,56 €", "1234.56", "EUR", None, None)]),
    ("CHF 1’234.50", None, [("CHF 1’234.50", "1234.5", "CHF", None, None)]),
    ("15 dollars 20 cents", None, [("15 dollars 20 cents", "15.2", "USD", None, None)]),
    ("£3 and 50p", None, [("£3 and 50p", "3.5", "GBP", None, None)]),
    ("ten euros and 5.", None, [("ten euros and 5", "10.05", "EUR", None, None)]),
    ("7 CHF 25 centimes", None, [("7 CHF 25 centimes", "7.25", "CHF", None, None)]),
    ("between 150 euros and 300 euros", None,
     [("between 150 euros and 300 euros", "150", "EUR", None, "300")]),
    ("crude rose $1.64 to $47.10", None,
     [("$1.64", "1.64", "USD", None, None), ("$47.10", "47.1", "USD", None, None)]),
    ("a 4bn-euro debt", None, [("4bn-euro", "4000000000", "EUR", None, None)]),
    # the default currency of a bare "$"
    ("C$ is explicit but $20 is not", "CAD", [("$20", "20", "CAD", None, None)]),
    ("20 dollars", "AUD", [("20 dollars", "20", "AUD", None, None)]),
    ("US$20 stays USD", "AUD", [("US$20", "20", "USD", None, None)]),
]

NOT_MONEY = [
    "twenty-oneUS$ in a run-together line",  # a number word glued to a currency sign
    "oneUS$3 and tenpounds",
    "200 pounds of beef",
    "The Democrats won the seat.",
    "He won 3 games.",
    "Dollars and cents matter.",
    "In 2019, the economy grew.",
    "the dollar fell",
    "a multimillion-dollar deal",
    "the TOP 10 songs",
    "all 5 members",
    "he will try 3 times",
    "R2-D2 and C-3PO",
    "Q3 results",
    "5 MT of steel",
    "told us $ was",
    "10 marks out of 20",
    "the real 5",
    "the Australian dollar 1.2% higher",
    "the Hong Kong dollar 1983 peg",
    "the dollar 1.30 against the euro",
]


@pytest.mark.parametrize(("text", "currency", "expected"), MONEY_CASES)
def test_money_forms(
    text: str, currency: str | None, expected: list[tuple[str, str, str, str | None, str | None]]
) -> None:
    found = find_money(text, currency)
    got = [
        (m.text, m.value.amount, m.value.currency, m.value.qualifier, m.value.upper)
        for m in found
        if isinstance(m.value, Money)
    ]
    want = [
        (t, Decimal(a), c, q, None if u is None else Decimal(u)) for t, a, c, q, u in expected
    ]
    assert got == want
    for mention, (matched, *_rest) in zip(found, expected, strict=True):
        assert mention.kind == "money"
        assert mention.start == text.index(matched)
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text: str) -> None:
    assert find_money(text) == []


def test_amounts_are_exact_decimals() -> None:
    (mention,) = find_money("$9 million")
    assert isinstance(mention.value, Money)
    assert mention.value.amount == Decimal(9000000)
    assert str(mention.value.amount) == "9000000"
