"""Comparison rules of factbase/values.py, each tested both ways."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from factbase.mentions.nouns import singular
from factbase.values import (
    When,
    amounts_agree,
    claimed_interval,
    compare_dates,
    partial_date_interval,
    qualify,
)

D = dt.date


def when(first: str, last: str, precision: str = "day") -> When:
    return When(iso=first, precision=precision, first=D.fromisoformat(first), last=D.fromisoformat(last))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", (D(2019, 1, 1), D(2019, 12, 31), "year")),
        ("2019-02", (D(2019, 2, 1), D(2019, 2, 28), "month")),
        ("2020-02", (D(2020, 2, 1), D(2020, 2, 29), "month")),
        ("2019-12-24", (D(2019, 12, 24), D(2019, 12, 24), "day")),
    ],
)
def test_partial_date_interval(text: str, expected: tuple[dt.date, dt.date, str]) -> None:
    assert partial_date_interval(text) == expected


@pytest.mark.parametrize(
    ("claim", "found", "outcome"),
    [
        # a finer mention inside supports a coarser claim
        (("2019-12", None, None, None), when("2019-12-24", "2019-12-24"), "match"),
        (("2019", None, None, None), when("2019-12-24", "2019-12-24"), "match"),
        (("2019-12-24", None, None, None), when("2019-12-24", "2019-12-24"), "match"),
        # a coarser mention never supports a finer claim
        (("2019-12-24", None, None, None), when("2019-12-01", "2019-12-31", "month"), "coarser"),
        (("2019-12", None, None, None), when("2019-01-01", "2019-12-31", "year"), "coarser"),
        # another date altogether
        (("2019-12-24", None, None, None), when("2019-12-25", "2019-12-25"), "mismatch"),
        (("2018", None, None, None), when("2019-01-01", "2019-12-31", "year"), "mismatch"),
        # intervals
        ((None, "2018-12", "2019-01", None), when("2018-12-01", "2019-01-31", "month"), "match"),
        ((None, "2018-12", "2019-01", None), when("2018-12-01", "2019-02-28", "month"), "coarser"),
        # qualifiers: mid 2019 is the middle third of the year
        (("2019", None, None, "mid"), when("2019-07-01", "2019-07-31", "month"), "match"),
        (("2019", None, None, "mid"), when("2019-01-01", "2019-01-31", "month"), "mismatch"),
        (("2019", None, None, "early"), when("2019-02-01", "2019-02-28", "month"), "match"),
        (("2019", None, None, "late"), when("2019-02-01", "2019-02-28", "month"), "mismatch"),
        (("2019", None, None, "before"), when("2018-05-01", "2018-05-31", "month"), "match"),
        (("2019", None, None, "after"), when("2018-05-01", "2018-05-31", "month"), "mismatch"),
        (("2019", None, None, "circa"), when("2018-01-01", "2018-12-31", "year"), "match"),
    ],
)
def test_compare_dates(claim: tuple[str | None, str | None, str | None, str | None], found: When, outcome: str) -> None:
    first, last, _ = claimed_interval(*claim)
    assert compare_dates((first, last), found) == outcome


def test_unresolved_relative_date() -> None:
    found = When(iso="", precision="month", first=None, last=None, relative=True)
    assert compare_dates((D(2019, 12, 1), D(2019, 12, 31)), found) == "unresolved"


def test_qualify_windows() -> None:
    first, last = D(2019, 1, 1), D(2019, 12, 31)
    assert qualify(first, last, "early") == (D(2019, 1, 1), D(2019, 4, 30))
    assert qualify(first, last, "mid") == (D(2019, 5, 1), D(2019, 8, 31))
    assert qualify(first, last, "late") == (D(2019, 9, 1), D(2019, 12, 31))
    assert qualify(D(1990, 1, 1), D(1999, 12, 31), "late") == (D(1997, 1, 1), D(1999, 12, 31))
    assert qualify(D(1990, 1, 1), D(1999, 12, 31), "mid") == (D(1993, 1, 1), D(1996, 12, 31))
    assert qualify(D(2019, 12, 1), D(2019, 12, 31), "early") == (D(2019, 12, 1), D(2019, 12, 10))
    assert qualify(D(2019, 12, 1), D(2019, 12, 31), "late") == (D(2019, 12, 22), D(2019, 12, 31))
    assert qualify(first, last, "circa") == (D(2018, 1, 1), D(2020, 12, 31))
    assert qualify(D(1, 1, 1), D(1, 12, 31), "before") == (D(1, 1, 1), D(1, 1, 1))


M = Decimal


@pytest.mark.parametrize(
    ("claimed", "cq", "found", "fq", "upper", "agree"),
    [
        (M(9000000), None, M(9000000), None, None, True),
        (M(9000000), None, M(9000000000), None, None, False),
        (M(9000000), None, M(8000000), None, None, False),
        (M(9000000), None, M(9000000), "about", None, False),  # a vaguer span can't back an exact claim
        (M(9000000), "about", M(9000000), None, None, True),
        (M(9000000), "about", M(9500000), None, None, True),
        (M(9000000), "about", M(10000000), None, None, False),  # beyond the 10 % tolerance
        (M(50), None, M(50), "odd", None, False),  # "50-odd" is not exactly 50
        (M(50), "about", M(50), "odd", None, True),
        (M(50), "at-least", M(50), "odd", None, True),
        (M(50), "more-than", M(50), "odd", None, True),
        (M(50), "at-least", M(49), None, None, False),
        (M(1700), "more-than", M(1700), "more-than", None, True),
        (M(1700), "more-than", M(1700), None, None, False),
        (M(1700), "at-least", M(1700), "more-than", None, True),
        (M(300), "less-than", M(300), "nearly", None, True),
        (M(300), None, M(300), "nearly", None, False),
        (M(300), "at-most", M(300), None, None, True),
        (M(300), "at-most", M(301), None, None, False),
        (M(3000000), "at-least", M(3000000), None, M(4000000), True),  # "$3-4 million"
        (M(3000000), None, M(3000000), None, M(4000000), False),
    ],
)
def test_amounts_agree(claimed: Decimal, cq: str | None, found: Decimal, fq: str | None, upper: Decimal | None, agree: bool) -> None:
    assert amounts_agree(claimed, cq, found, fq, upper) is agree


@pytest.mark.parametrize(
    ("plural", "single"),
    [("companies", "company"), ("times", "time"), ("apologies", "apology"), ("years", "year"),
     ("people", "person"), ("percent", "percent"), ("accords", "accord"), ("boxes", "box"),
     ("company", "company"), ("bus", "bus"), ("crisis", "crisis"), ("Japanese companies", "japanese company")],
)
def test_singular(plural: str, single: str) -> None:
    assert singular(plural) == single
