"""Units: one normal form for claims and mentions, and conversion of physical units (pint)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from factbase.mentions.units import conversion, convert, normalize_unit


@pytest.mark.parametrize(("unit", "normal"), [
    ("%", "percent"), ("per cent", "percent"), ("Percent", "percent"), ("pct", "percent"),
    ("per  cent", "percent"), ("percentage points", "percentage point"), ("pp", "percentage point"),
    ("percentage point", "percentage point"), ("points", "point"), ("times", "time"),
    ("companies", "company"), ("Companies", "company"), ("people", "person"), ("years", "year"),
    ("metres", "metre"), ("barrels", "barrel"), ("km/h", "km/h"), ("Mbps", "Mbps"), ("MW", "MW"),
    ("Britons", "briton"), ("new homes", "new home"), (None, None), ("  ", None),
    # an acronym's plural is counted, not a symbol
    ("MPs", "mp"), ("CDs", "cd"), ("Tory MPs", "tory mp"),
])
def test_normalize_unit(unit: str | None, normal: str | None) -> None:
    assert normalize_unit(unit) == normal


@pytest.mark.parametrize(("found", "claimed", "factor"), [
    ("percent", "%", "1"), ("company", "companies", "1"), ("km", "m", "1000"),
    ("kilometres", "metres", "1000"), ("m", "km", "0.001"), ("mile", "km", "1.609344"),
    ("kbps", "Mbps", "0.001"), ("mg", "g", "0.001"), ("tonnes", "kg", "1000"),
    # not the same measure: another count noun, another dimension, a count noun pint knows
    # otherwise, percent against points, a unit on one side only
    ("company", "firms", None), ("km", "kg", None), ("barrels", "gallons", None),
    ("points", "inches", None), ("percent", "percentage points", None), (None, "km", None),
    ("km", None, None), ("dozen", "time", None),
])
def test_conversion(found: str | None, claimed: str | None, factor: str | None) -> None:
    got = conversion(found, claimed)
    assert (None if got is None else got.normalize()) == (None if factor is None else Decimal(factor).normalize())


def test_convert_keeps_the_digits_a_conversion_vouches_for() -> None:
    months = conversion("months", "years")
    assert months is not None
    assert convert(Decimal(24), months) == Decimal(2)
    assert convert(Decimal(18), months) == Decimal("1.5")
    assert convert(Decimal("12345678901234567"), Decimal(1)) == Decimal("12345678901234567")
