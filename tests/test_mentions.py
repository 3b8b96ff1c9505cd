"""The dispatcher ``find_mentions``: kinds, overlaps, and properties that hold for any text."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factbase.cli import cli
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
# A number word glued to a currency ("oneUS$") was money only when a later mark's window
# happened to reach it.
@example("$9 milliontwenty-oneUS$3-4 billion")
def test_same_text_twice_gives_the_same_mentions_shifted(text: str) -> None:
    separator = "\n¶\n"
    once = find_mentions(text, reference="2020-01", entities=ENTITIES)
    twice = find_mentions(text + separator + text, reference="2020-01", entities=ENTITIES)
    shift = len(text) + len(separator)
    expected = once + [m.shifted(shift) for m in once]
    assert twice == expected


@settings(max_examples=100, deadline=None)
@given(news_like, st.integers(min_value=1, max_value=5))
# A capitalised first word after leading spaces still begins the text; "G-20Dec" is no name.
@example("Japanese Prime Minister G-20Dec. 24, 2019", 1)
def test_leading_spaces_shift_offsets(text: str, pad: int) -> None:
    once = find_mentions(text, reference="2020-01", entities=ENTITIES)
    padded = find_mentions(" " * pad + text, reference="2020-01", entities=ENTITIES)
    assert [m.shifted(pad) for m in once] == padded


# ---------------------------------------------------------------------------- the CLI

SEED_TEXT = (Path(__file__).resolve().parent.parent / "sources" / "east-asia-alliances.txt")


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["mentions", *args])


def test_cli_json_lists_the_seed_money() -> None:
    result = _run(str(SEED_TEXT), "--published", "2020-01", "--kind", "money", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert [(m["start"], m["end"], m["value"]["amount"], m["value"]["currency"])
            for m in data["mentions"]] == [
        (text.index("$9 million"), text.index("$9 million") + 10, "9000000", "USD"),
        (text.index("$800 million"), text.index("$800 million") + 12, "800000000", "USD"),
    ]


def test_cli_text_table() -> None:
    result = _run(str(SEED_TEXT), "--published", "2020-01", "--kind", "quantity")
    assert result.exit_code == 0
    assert "fivefold" in result.output and "5 time" in result.output


def test_cli_resolves_relative_dates() -> None:
    result = _run(str(SEED_TEXT), "--published", "2020-01", "--kind", "date", "--format", "json")
    last_month = [m for m in json.loads(result.output)["mentions"] if m["text"] == "Last month"]
    assert [m["value"]["iso"] for m in last_month] == ["2019-12"]


def test_cli_source_id_with_facts(seed_project: Path) -> None:
    result = _run("seed", "--facts", str(seed_project), "--kind", "role", "--format", "json")
    assert result.exit_code == 0
    roles = json.loads(result.output)["mentions"]
    assert [(m["text"], m["value"]["entity"]) for m in roles] == [
        ("Japanese Prime Minister", "shinzo-abe")
    ]


@pytest.mark.parametrize(
    "args",
    [("missing.txt",), (str(SEED_TEXT), "--published", "2020-13"),
     (str(SEED_TEXT), "--kind", "colour"), (str(SEED_TEXT), "--format", "xml")],
)
def test_cli_usage_errors(args: tuple[str, ...]) -> None:
    assert _run(*args).exit_code == 2


def test_cli_unknown_source_id(seed_project: Path) -> None:
    assert _run("no-such-source", "--facts", str(seed_project)).exit_code == 2


def test_letters_that_lengthen_when_lower_cased() -> None:
    # "İ".lower() is two code points: the scanners then work on the text itself
    text = "İstanbul: İ 284 companies paid $9 million, nearly 300 people"
    found = find_mentions(text, kinds=["money", "quantity"])
    assert [(m.text, str(m.value)) for m in found] == [
        ("284", "284 company"), ("$9 million", "9000000 USD"), ("nearly 300", "nearly 300 person"),
    ]
    for m in found:
        assert text[m.start : m.end] == m.text
