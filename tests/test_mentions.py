"""The dispatcher ``find_mentions``: kinds, overlaps, and properties that hold for any text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factbase.mentions import KINDS, Mention, find_mentions
from factbase.model import Entity, Role
from factbase.values import Money, Quantity, When

ENTITIES = [
    Entity(id="shinzo-abe", name="Shinzo Abe", kind="person", aliases=["Abe"],
           roles=[Role(title="Prime Minister of Japan", aliases=["Japanese Prime Minister"])]),
    Entity(id="moon-jae-in", name="Moon Jae-in", kind="person", aliases=["Moon"]),
    Entity(id="five-star", name="Five Star Movement", kind="organization"),
    Entity(id="g20", name="G-20", kind="organization"),
]


def _summary(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in mentions]


# (text, kinds, [(kind, matched text)])
OVERLAP_CASES: list[tuple[str, tuple[str, ...] | None, list[tuple[str, str]]]] = [
    # a day inside a full date, a year inside a date: one date mention
    ("the Dec. 24, 2019, Moon-Abe summit", None,
     [("date", "Dec. 24, 2019"), ("entity", "Moon"), ("entity", "Abe")]),
    ("the 1965 treaty", None, [("date", "1965")]),
    # the number inside an amount is not a count, even when only counts are asked for
    ("a $9 million joint fund", None, [("money", "$9 million")]),
    ("a $9 million joint fund", ("quantity",), []),
    ("In 2019, 284 companies", ("quantity",), [("quantity", "284")]),
    ("In 2019, 284 companies", ("date",), [("date", "2019")]),
    # names win over counts
    ("Five Star Movement leaders met.", None, [("entity", "Five Star Movement")]),
    ("Five Star Movement leaders met.", ("quantity",), []),
    ("the G-20 summit", None, [("entity", "G-20")]),
    ("Japanese Prime Minister Shinzo Abe", None,
     [("role", "Japanese Prime Minister"), ("entity", "Shinzo Abe")]),
]


@pytest.mark.parametrize(("text", "kinds", "expected"), OVERLAP_CASES)
def test_overlaps(text: str, kinds: tuple[str, ...] | None, expected: list[tuple[str, str]]) -> None:
    assert _summary(find_mentions(text, reference="2020-01", kinds=kinds, entities=ENTITIES)) == expected


def test_values_by_kind() -> None:
    text = "In July 2019, Abe cut $9 million from 284 Japanese companies."
    found = find_mentions(text, reference="2020-01", entities=ENTITIES)
    assert [m.kind for m in found] == ["date", "entity", "money", "quantity"]
    date, name, money, count = (m.value for m in found)
    assert isinstance(date, When) and date.iso == "2019-07"
    assert name.to_dict() == {"entity": "shinzo-abe", "alias": "Abe", "role": None}
    assert money == Money(Decimal(9000000), "USD")
    assert count == Quantity(Decimal(284), "company")


def test_relative_dates_use_the_reference() -> None:
    (mention,) = find_mentions("Last month, Tokyo acted.", reference="2020-01", kinds=["date"])
    assert isinstance(mention.value, When)
    assert mention.value.iso == "2019-12"


def test_default_currency() -> None:
    (mention,) = find_mentions("It cost $20.", currency="CAD")
    assert mention.value == Money(Decimal(20), "CAD")


def test_unknown_kind() -> None:
    with pytest.raises(ValueError):
        find_mentions("text", kinds=["colour"])


def test_no_entities_no_names() -> None:
    assert find_mentions("Shinzo Abe", kinds=["entity", "role"]) == []


def test_to_dict() -> None:
    (mention,) = find_mentions("$3-4 million")
    assert mention.to_dict() == {
        "kind": "money", "start": 0, "end": 12, "text": "$3-4 million",
        "value": {"amount": "3000000", "currency": "USD", "qualifier": None, "upper": "4000000"},
    }


# ---------------------------------------------------------------------------- properties

FRAGMENTS = [
    "$9 million", "US$3-4 billion", "284 Japanese companies", "Dec. 24, 2019", "May 2017",
    "fivefold", "five-year", "50-odd", "nearly 300", "more than 1,700", "two-thirds", "Abe",
    "Abe’s", "Shinzo Abe", "Moon Jae-in", "Japanese Prime Minister", "G-20", "one another",
    "1965", "2015-2016", "last month", "in April", "5.2%", "a dozen", "twenty-one", "€2.5bn",
    " ", " ", ", ", ". ", "-", "and", "the", "of", "\n", "’", "'s", "1", "9", "$", "between",
    "won", "pounds", "Five Star Movement", "percent", "times",
]
news_like = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)


def _check_invariants(text: str, mentions: list[Mention]) -> None:
    previous_end = 0
    for m in mentions:
        assert m.kind in KINDS
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end  # sorted and non-overlapping
        previous_end = m.end


@settings(max_examples=150, deadline=None)
@given(news_like)
def test_invariants_on_news_like_text(text: str) -> None:
    _check_invariants(text, find_mentions(text, reference="2020-01", entities=ENTITIES))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    _check_invariants(text, find_mentions(text, reference="2020-01", entities=ENTITIES))
    _check_invariants(text, find_mentions(text, entities=ENTITIES, currency="EUR"))


@settings(max_examples=100, deadline=None)
@given(news_like)
def test_same_text_twice_gives_the_same_mentions_shifted(text: str) -> None:
    separator = "\n¶\n"
    once = find_mentions(text, reference="2020-01", entities=ENTITIES)
    twice = find_mentions(text + separator + text, reference="2020-01", entities=ENTITIES)
    shift = len(text) + len(separator)
    expected = once + [
        Mention(m.kind, m.start + shift, m.end + shift, m.text, m.value) for m in once
    ]
    assert twice == expected


@settings(max_examples=100, deadline=None)
@given(news_like, st.integers(min_value=1, max_value=5))
def test_leading_spaces_shift_offsets(text: str, pad: int) -> None:
    once = find_mentions(text, reference="2020-01", entities=ENTITIES)
    padded = find_mentions(" " * pad + text, reference="2020-01", entities=ENTITIES)
    assert [(m.start + pad, m.end + pad, m.kind, m.value) for m in once] == [
        (m.start, m.end, m.kind, m.value) for m in padded
    ]
