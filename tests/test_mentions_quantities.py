"""Quantity mentions: every supported form with its normalized value, and what is not a count.

``QUANTITY_CASES`` also feeds docs/mentions.md: (text, [(matched text, amount, unit,
qualifier, upper)]); an amount written "2/3" is that exact fraction.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from factbase.mentions import find_mentions
from factbase.mentions.quantities import find_quantities, singular
from factbase.values import Money, Number, Quantity

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
    # fractions: exact (a Fraction when there is no finite decimal form)
    ("two-thirds of the members", [("two-thirds", "2/3", None, None, None)]),
    ("three-quarters of voters", [("three-quarters", "0.75", None, None, None)]),
    ("one-half of it", [("one-half", "0.5", None, None, None)]),
    ("a third of voters", [("a third", "1/3", None, None, None)]),
    ("one fifth of the European total", [("one fifth", "0.2", None, None, None)]),
    ("one in six cars", [("one in six", "1/6", None, None, None)]),
    ("four out of five key issues", [("four out of five", "0.8", None, None, None)]),
    ("just over a third of the money", [("over a third", "1/3", None, "more-than", None)]),
    ("two and a half years", [("two and a half", "2.5", "year", None, None)]),
    ("almost a quarter of a million jobs",
     [("almost a quarter of a million", "250000", "job", "nearly", None)]),
    ("raised rates by a quarter percentage point",
     [("a quarter", "0.25", "percentage point", None, None)]),
    # half alone
    ("half of the loans were repaid", [("half", "0.5", None, None, None)]),
    ("Half were repaid.", [("Half", "0.5", None, None, None)]),
    ("more than half of them", [("more than half", "0.5", None, "more-than", None)]),
    ("the half-hour programme", [("half-hour", "0.5", "hour", None, None)]),
    ("within half an hour, episodes", [("half", "0.5", "hour", None, None)]),
    ("half a million people", [("half a million", "500000", "person", None, None)]),
    # "one" that states a number
    ("He was charged with one felony.", [("one", "1", "felony", None, None)]),
    ("this one issue. He is able", [("one", "1", "issue", None, None)]),
    ("even one more briefing, or one more book",
     [("one", "1", "briefing", None, None), ("one", "1", "book", None, None)]),
    ("weight on one month's economic data", [("one", "1", "month", None, None)]),
    # a title-case headline is not a sentence
    ("Jailed for Six Years", [("Six", "6", "year", None, None)]),
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
    ("21-year-olds elected", [("21-year-olds", "21", "year", None, None)]),
    # attributive units, ages and unit symbols
    ("the 25 nation EU", [("25", "25", "nation", None, None)]),
    ("a three year programme", [("three", "3", "year", None, None)]),
    ("a 10-mile walk", [("10-mile", "10", "mile", None, None)]),
    ("over a twenty year period", [("twenty", "20", "year", None, None)]),
    ("the 27 member states", [("27", "27", "state", None, None)]),
    ("He died aged 44.", [("44", "44", "year", None, None)]),
    ("80GB hard drives", [("80GB", "80", "gigabyte", None, None)]),
    ("speeds of 18Mbps", [("18Mbps", "18", "megabit per second", None, None)]),
    ("a 5 km race", [("5 km", "5", "kilometre", None, None)]),
    ("1m barrels of oil", [("1m", "1000000", "barrel", None, None)]),
    ("18m people expect", [("18m", "18000000", "person", None, None)]),
    # the counted noun past modifiers
    ("three other ex-managers", [("three", "3", "ex-manager", None, None)]),
    ("two ratings agencies", [("two", "2", "agency", None, None)]),
    ("two Texas bank accounts", [("two", "2", "account", None, None)]),
    ("more than 300 US shareholders", [("more than 300", "300", "shareholder", "more-than", None)]),
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
    ("6-7% growth", [("6-7%", "6", "percent", None, "7")]),
    ("between 3% and 6% from now", [("between 3% and 6%", "3", "percent", None, "6")]),
    ("About 70% to 80% of bondholders", [("About 70% to 80%", "70", "percent", "about", "80")]),
    ("one or two quarters", [("one or two", "1", "quarter", None, "2")]),
    ("two or three warning letters", [("two or three", "2", "letter", None, "3")]),
    ("one to two weeks", [("one to two", "1", "week", None, "2")]),
    ("0.25 percentage points to 0.5%",  # points and percent: no range
     [("0.25 percentage points", "0.25", "percentage point", None, None), ("0.5%", "0.5", "percent", None, None)]),
    ("Labour 35%, Tories 33%", [("35%", "35", "percent", None, None), ("33%", "33", "percent", None, None)]),
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
    # telephone, case and model numbers, times of day
    "Call 212-555-0187 now.",
    "Call (212) 555-0187 today.",
    "call +44 20 7946 0958 today",
    "the 737-800 aircraft",
    "its 747-400 fleet",
    "case 08-cr-00123 was filed",
    "case No. 08-cr-00123 was filed",
    "at 1200 GMT on Monday",
    "trading opened at 0900.",
    "At 0619 GMT the dollar was up",
    "by 12.30 GMT",
    # names
    "Xbox 2 may be unveiled in summer",
    "Microsoft's Xbox 2 console",
    "the 18-rated games",
    "the 100m race",
    # "one" for "a", and pronouns
    "one dealer, who asked not to be named",
    "In one case, an email showed",
    "said one analyst.",
    "One result was deflation",
    "no one will check",
    "the only one to confess",
    "elected for one party then defecting to another",
    "according to one estimate",
    # "half" that is no fraction
    "his half-sister Sadie",
    "the lame-duck half of his term",
    "the other half of the deal",
    "half-year results",
]


def _number(text: str) -> Number:
    """'2/3' -> Fraction(2, 3), '0.5' -> Decimal('0.5')."""
    return Fraction(text) if "/" in text else Decimal(text)


def _values(text: str) -> list[tuple[str, Number, str | None, str | None, Number | None]]:
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
        (t, _number(a), u, q, None if up is None else _number(up)) for t, a, u, q, up in expected
    ]
    found = _values(text)
    assert found == want
    # exact means the type too: a Fraction only when there is no finite decimal form
    assert [type(f[1]) for f in found] == [type(w[1]) for w in want]


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
