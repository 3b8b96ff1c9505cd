"""Quantity mentions: every supported form with its normalized value, and what is not a count.

``QUANTITY_CASES`` also feeds docs/mentions.md: (text, [(matched text, amount, unit,
qualifier, upper)]).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from factbase.mentions import find_mentions
from factbase.mentions.quantities import find_quantities, singular
from factbase.values import Money, Quantity

SEED = Path(__file__).resolve().parent.parent / "sources" / "east-asia-alliances.txt"

QUANTITY_CASES: list[tuple[str, list[tuple[str, str, str | None, str | None, str | None]]]] = [
    # digits and the counted noun
    ("claims that may impact 284 Japanese companies",
     [("284", "284", "company", None, None)]),
    ("to uphold three key diplomatic accords", [("three", "3", "accord", None, None)]),
    ("The army sent 1,200 troops.", [("1,200", "1200", "troop", None, None)]),
    ("a crowd of 3.5 million people", [("3.5 million", "3500000", "person", None, None)]),
    ("twenty-one guns", [("twenty-one", "21", "gun", None, None)]),
    ("three hundred and fifty delegates", [("three hundred and fifty", "350", "delegate", None, None)]),
    ("a dozen eggs", [("a dozen", "12", "egg", None, None)]),
    ("two dozen reporters", [("two dozen", "24", "reporter", None, None)]),
    ("a million people", [("a million", "1000000", "person", None, None)]),
    ("It has 40 members.", [("40", "40", "member", None, None)]),
    ("five South Koreans", [("five", "5", "korean", None, None)]),
    ("six children and two women", [("six", "6", "child", None, None), ("two", "2", "woman", None, None)]),
    ("The vote was delayed by 300 votes cast late.", [("300", "300", "vote", None, None)]),
    ("Seven people died.", [("Seven", "7", "person", None, None)]),
    ("about 2,000", [("about 2,000", "2000", None, "about", None)]),
    # fractions
    ("two-thirds of the members", [("two-thirds", "0.6666666666666666666666666667", None, None, None)]),
    ("three-quarters of voters", [("three-quarters", "0.75", None, None, None)]),
    ("one-half of it", [("one-half", "0.5", None, None, None)]),
    # percentages
    ("unemployment rose to 5.2 percent", [("5.2 percent", "5.2", "percent", None, None)]),
    ("a 3% rise", [("3%", "3", "percent", None, None)]),
    ("up 12 per cent", [("12 per cent", "12", "percent", None, None)]),
    ("Fifty-five percent of voters", [("Fifty-five percent", "55", "percent", None, None)]),
    ("cut by 2.5 percentage points", [("2.5 percentage points", "2.5", "percentage point", None, None)]),
    ("3-4 percent", [("3-4 percent", "3", "percent", None, "4")]),
    # multipliers
    ("the fivefold increase in defense spending", [("fivefold", "5", "time", None, None)]),
    ("a tenfold rise", [("tenfold", "10", "time", None, None)]),
    ("grew threefold", [("threefold", "3", "time", None, None)]),
    ("a 2-fold change", [("2-fold", "2", "time", None, None)]),
    ("three times as many", [("three", "3", "time", None, None)]),
    # compounds
    ("his five-year presidency", [("five-year", "5", "year", None, None)]),
    ("a 15-member council", [("15-member", "15", "member", None, None)]),
    ("a 21-year-old man", [("21-year-old", "21", "year", None, None)]),
    ("a one-year term", [("one-year", "1", "year", None, None)]),
    ("a 24-hour strike", [("24-hour", "24", "hour", None, None)]),
    # qualifiers
    ("Japan's 50-odd official apologies", [("50-odd", "50", "apology", "odd", None)]),
    ("nearly 300 people", [("nearly 300", "300", "person", "nearly", None)]),
    ("more than 1,700 troops", [("more than 1,700", "1700", "troop", "more-than", None)]),
    ("at least 82 people were killed", [("at least 82", "82", "person", "at-least", None)]),
    ("about 40 miles", [("about 40", "40", "mile", "about", None)]),
    ("some 300 workers", [("some 300", "300", "worker", "about", None)]),
    ("roughly 60 ships", [("roughly 60", "60", "ship", "about", None)]),
    ("an estimated 3,000 people", [("an estimated 3,000", "3000", "person", "about", None)]),
    ("no fewer than 20 ministers", [("no fewer than 20", "20", "minister", "at-least", None)]),
    ("fewer than 10 seats", [("fewer than 10", "10", "seat", "less-than", None)]),
    ("up to 5 years", [("up to 5", "5", "year", "at-most", None)]),
    ("almost 90 days", [("almost 90", "90", "day", "nearly", None)]),
    ("50-plus nations", [("50-plus", "50", "nation", "at-least", None)]),
    ("300 or more", [("300 or more", "300", None, "at-least", None)]),
    ("at least one person", [("at least one", "1", "person", "at-least", None)]),
    ("only one country", [("one", "1", "country", None, None)]),
    # ranges
    ("10-15 people", [("10-15", "10", "person", None, "15")]),
    ("between 300 and 400 people", [("between 300 and 400", "300", "person", None, "400")]),
    ("from 10 to 15 percent", [("10", "10", None, None, None), ("15 percent", "15", "percent", None, None)]),
    # a year with a counted noun is a count
    ("1965 people signed", [("1965", "1965", "person", None, None)]),
]

NOT_QUANTITIES = [
    "2019 strained old ties to the breaking point.",
    "the recent G-20 summit in Osaka",
    "sold F-16 jets",
    "COVID-19 cases",
    "during World War II",
    "Seoul's eleventh-hour decision",
    "at one time or another",
    "new ones are only just being shaped",
    "to trust one another",
    "one of the leaders",
    "One result has been",
    "the 20th century",
    "its third term",
    "Article 9 of the constitution",
    "No. 5 on the list",
    "at 3 p.m. on Monday",
    "at 10:30",
    "won 3-1",
    "open 24/7",
    "the Group of Seven",
    "5G networks",
    "a 3-D printer",
    "a one-sided deal",
    "hundreds of people",
    "dozens of protesters",
    "the 1965 treaty",
    "the 2015-2016 achievements",
    "version 2.5.1",
]


def _values(text: str) -> list[tuple[str, Decimal, str | None, str | None, Decimal | None]]:
    out = []
    for m in find_quantities(text):
        assert isinstance(m.value, Quantity)
        assert text[m.start : m.end] == m.text
        out.append((m.text, m.value.amount, m.value.unit, m.value.qualifier, m.value.upper))
    return out


@pytest.mark.parametrize(("text", "expected"), QUANTITY_CASES)
def test_quantity_forms(
    text: str, expected: list[tuple[str, str, str | None, str | None, str | None]]
) -> None:
    want = [
        (t, Decimal(a), u, q, None if up is None else Decimal(up)) for t, a, u, q, up in expected
    ]
    assert _values(text) == want


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text: str) -> None:
    assert _values(text) == []


@pytest.mark.parametrize(
    ("plural", "singular_form"),
    [("companies", "company"), ("apologies", "apology"), ("accords", "accord"),
     ("people", "person"), ("children", "child"), ("times", "time"), ("boxes", "box"),
     ("churches", "church"), ("lives", "life"), ("crises", "crisis"), ("cases", "case"),
     ("years", "year"), ("series", "series"), ("news", "news"), ("Koreans", "korean")],
)
def test_singular(plural: str, singular_form: str) -> None:
    assert singular(plural) == singular_form


def test_seed_money_and_quantities() -> None:
    """Every money and quantity mention of the seed article, and nothing else."""
    text = SEED.read_text(encoding="utf-8")
    found = [
        (m.kind, m.start, m.end, m.value)
        for m in find_mentions(text, reference="2020-01", kinds=("money", "quantity"))
    ]
    expected = [
        ("quantity", "284", Quantity(Decimal(284), "company")),
        ("quantity", "three key", Quantity(Decimal(3), "accord")),
        ("money", "$9 million", Money(Decimal(9000000), "USD")),
        ("money", "$800 million", Money(Decimal(800000000), "USD")),
        ("quantity", "five-year", Quantity(Decimal(5), "year")),
        ("quantity", "50-odd", Quantity(Decimal(50), "apology", "odd")),
        ("quantity", "fivefold", Quantity(Decimal(5), "time")),
    ]
    want = []
    for kind, anchor, value in expected:
        start = text.index(anchor)
        matched = {"three key": "three"}.get(anchor, anchor)
        want.append((kind, start, start + len(matched), value))
    assert found == want
