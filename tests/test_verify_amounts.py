"""Judging money, quantity and change values: levels and changes, movements, ranges,
qualifiers, units, and several candidates in one span.

The mentions are built by hand, with the :class:`~factbase.values.Clause` the numbers
extractor gives them, so each rule is tested on its own; every rule has a case that
passes and one that fails when the rule is loosened.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from factbase.mentions.types import Mention
from factbase.model import TypedValue
from factbase.values import Clause, Money, Quantity
from factbase.verify.amounts import describe_wanted, movements, wanted_of
from factbase.verify.rules import describe, judge

_VALUE: TypeAdapter[Any] = TypeAdapter(TypedValue)


def value(flow: str) -> Any:
    return _VALUE.validate_python(yaml.safe_load(flow))


def at(text: str, piece: str, nth: int = 0) -> int:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return start


def amount(text: str, piece: str, kind: str, number: str, measure: str | None = None, *,
           upper: str | None = None, qualifier: str | None = None, clause: Clause | None = None,
           nth: int = 0) -> Mention:
    start = at(text, piece, nth)
    if kind == "money":
        assert measure is not None
        found: Money | Quantity = Money(Decimal(number), measure, qualifier,
                                        None if upper is None else Decimal(upper), clause)
    else:
        found = Quantity(Decimal(number), measure, qualifier,
                         None if upper is None else Decimal(upper), clause)
    return Mention(kind, start, start + len(piece), piece, found)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- the spans

CUT = "the bank cut its rate to 4.5% from 4.75%"
CUT_MENTIONS = [
    amount(CUT, "4.5%", "quantity", "4.5", "percent", clause=Clause("level", "down", "to")),
    amount(CUT, "4.75%", "quantity", "4.75", "percent", clause=Clause("level", "down", "from")),
]
PROFIT = "profit rose by €300m to €2.1bn"
PROFIT_MENTIONS = [
    amount(PROFIT, "€300m", "money", "300000000", "EUR",
           clause=Clause("change", "up", to=at(PROFIT, "€2.1bn"))),
    amount(PROFIT, "€2.1bn", "money", "2100000000", "EUR",
           clause=Clause("level", "up", "to", change=at(PROFIT, "€300m"))),
]
TRADE = "exports rose 6% while imports added 3%"
TRADE_MENTIONS = [
    amount(TRADE, "6%", "quantity", "6", "percent", clause=Clause("change", "up")),
    amount(TRADE, "3%", "quantity", "3", "percent", clause=Clause("change", "up")),
]
NET = "a 43% rise in net profits to 2.4bn euros as sales rose 8% to 40.7bn euros"
NET_MENTIONS = [
    amount(NET, "43%", "quantity", "43", "percent",
           clause=Clause("change", "up", to=at(NET, "2.4bn euros"))),
    amount(NET, "2.4bn euros", "money", "2400000000", "EUR",
           clause=Clause("level", "up", "to", change=at(NET, "43%"))),
    amount(NET, "8%", "quantity", "8", "percent",
           clause=Clause("change", "up", to=at(NET, "40.7bn euros"))),
    amount(NET, "40.7bn euros", "money", "40700000000", "EUR",
           clause=Clause("level", "up", "to", change=at(NET, "8%"))),
]
RATE = "raised rates by 0.25 percentage points to 5.5%"
RATE_MENTIONS = [
    amount(RATE, "0.25 percentage points", "quantity", "0.25", "percentage point",
           clause=Clause("change", "up", to=at(RATE, "5.5%"))),
    amount(RATE, "5.5%", "quantity", "5.5", "percent",
           clause=Clause("level", "up", "to", change=at(RATE, "0.25"))),
]
RUN = "a 5 km run and 2m barrels a day"
RUN_MENTIONS = [
    amount(RUN, "5 km", "quantity", "5", "km"),
    amount(RUN, "2m", "quantity", "2000000", "barrel"),
]
FUND = "a $9 million fund"
FUND_MENTIONS = [amount(FUND, "$9 million", "money", "9000000", "USD")]
RANGE = "growth of 6-7% and prices of $40 to $50 with 6.5% inflation"
RANGE_MENTIONS = [
    amount(RANGE, "6-7%", "quantity", "6", "percent", upper="7"),
    amount(RANGE, "$40 to $50", "money", "40", "USD", upper="50"),
    amount(RANGE, "6.5%", "quantity", "6.5", "percent"),
]
ROUGH = "nearly 300 people, 50-odd towns and 80% or higher"
ROUGH_MENTIONS = [
    amount(ROUGH, "nearly 300", "quantity", "300", "person", qualifier="nearly"),
    amount(ROUGH, "50-odd", "quantity", "50", "town", qualifier="odd"),
    amount(ROUGH, "80% or higher", "quantity", "80", "percent", qualifier="at-least"),
]
SAME = "4.5% in March and 4.5% in April, against 3% in May"
SAME_MENTIONS = [
    amount(SAME, "4.5%", "quantity", "4.5", "percent"),
    amount(SAME, "4.5%", "quantity", "4.5", "percent", nth=1),
    amount(SAME, "3%", "quantity", "3", "percent"),
]
TENANTS = "300,000 council and housing association tenants, and 20,000 more"
TENANTS_MENTIONS = [
    amount(TENANTS, "300,000", "quantity", "300000"),
    amount(TENANTS, "20,000", "quantity", "20000"),
]
RANGES = "growth of 6-7% after 4-5% in 2003"
RANGES_MENTIONS = [
    amount(RANGES, "6-7%", "quantity", "6", "percent", upper="7"),
    amount(RANGES, "4-5%", "quantity", "4", "percent", upper="5"),
]
RISES = "prices rose 0.9% and would rise by just under 6%"
RISES_MENTIONS = [
    amount(RISES, "0.9%", "quantity", "0.9", "percent", clause=Clause("change", "up")),
    amount(RISES, "under 6%", "quantity", "6", "percent", qualifier="less-than",
           clause=Clause("change", "up")),
]
CUTS = "cut overheads by 20% and the workforce by about 200,000"
CUTS_MENTIONS = [
    amount(CUTS, "20%", "quantity", "20", "percent", clause=Clause("change", "down")),
    amount(CUTS, "about 200,000", "quantity", "200000", qualifier="about",
           clause=Clause("change", "down")),
]
SPANS = {"cut": (CUT, CUT_MENTIONS), "profit": (PROFIT, PROFIT_MENTIONS),
         "trade": (TRADE, TRADE_MENTIONS), "net": (NET, NET_MENTIONS),
         "rate": (RATE, RATE_MENTIONS), "run": (RUN, RUN_MENTIONS), "fund": (FUND, FUND_MENTIONS),
         "range": (RANGE, RANGE_MENTIONS), "rough": (ROUGH, ROUGH_MENTIONS),
         "same": (SAME, SAME_MENTIONS), "tenants": (TENANTS, TENANTS_MENTIONS),
         "ranges": (RANGES, RANGES_MENTIONS), "rises": (RISES, RISES_MENTIONS),
         "cuts": (CUTS, CUTS_MENTIONS)}


def verdict(span: str, flow: str, pin: str | None = None) -> tuple[str, list[str], list[str]]:
    """(status, problem codes, texts of the matching mentions)."""
    text, mentions = SPANS[span]
    pinned = None if pin is None else (at(text, pin), at(text, pin) + len(pin))
    result = judge(value(flow), mentions, {}, "s", pin=pinned, text=text)
    return (result.status, [p.code for p in result.problems],
            [mentions[i].text for i, matches in result.evidence if matches])


@pytest.mark.parametrize(("span", "flow", "pin", "expected"), [
    # A plain value is matched by levels only: a change never supports it.
    ("profit", "{type: money, amount: 2100000000, currency: EUR}", None, ("verified", [], ["€2.1bn"])),
    ("profit", "{type: money, amount: 300000000, currency: EUR}", None, ("contradicted", ["value-mismatch"], [])),
    ("trade", "{type: quantity, amount: 6, unit: percent}", None, ("contradicted", ["value-mismatch"], [])),
    ("cut", "{type: quantity, amount: 4.6, unit: percent}", None, ("contradicted", ["value-mismatch"], [])),
    # Several candidates: the level left is another value; a pinpoint says which is meant.
    ("cut", "{type: quantity, amount: 4.5, unit: percent}", None, ("verified", ["ambiguous-evidence"], ["4.5%"])),
    ("cut", "{type: quantity, amount: 4.5, unit: percent}", "to 4.5%", ("verified", [], ["4.5%"])),
    ("cut", "{type: quantity, amount: 4.75, unit: percent}", "to 4.5%", ("contradicted", ["value-mismatch"], [])),
    ("trade", "{type: change, of: quantity, direction: up, by: {amount: 6, unit: percent}}", None,
     ("verified", ["ambiguous-evidence"], ["6%"])),
    ("trade", "{type: change, of: quantity, direction: up, by: {amount: 6, unit: percent}}", "rose 6%",
     ("verified", [], ["6%"])),
    ("trade", "{type: change, of: quantity, direction: up, by: {amount: 3, unit: percent}}", "rose 6%",
     ("contradicted", ["value-mismatch"], [])),
    # Two mentions of the same value are one candidate; another value makes two.
    ("same", "{type: quantity, amount: 3, unit: percent}", None, ("verified", ["ambiguous-evidence"], ["3%"])),
    ("fund", "{type: money, amount: 9000000, currency: USD}", None, ("verified", [], ["$9 million"])),
    # Changes: each part against its member of one movement, and the direction.
    ("profit", "{type: change, of: money, direction: up, by: {amount: 300000000, currency: EUR}, to: {amount: 2100000000, currency: EUR}}",
     None, ("verified", [], ["€300m", "€2.1bn"])),
    ("profit", "{type: change, of: money, by: {amount: 300000000, currency: EUR}}", None,
     ("verified", [], ["€300m", "€2.1bn"])),
    ("profit", "{type: change, of: money, direction: down, by: {amount: 300000000, currency: EUR}}", None,
     ("contradicted", ["value-mismatch"], [])),
    ("profit", "{type: change, of: money, direction: up, by: {amount: 2100000000, currency: EUR}}", None,
     ("contradicted", ["value-mismatch"], [])),
    ("profit", "{type: change, of: money, direction: up, by: {amount: 300000000, currency: EUR}, to: {amount: 2000000000, currency: EUR}}",
     None, ("contradicted", ["value-mismatch"], [])),
    ("cut", "{type: change, of: quantity, direction: down, to: {amount: 4.5, unit: percent}, from: {amount: 4.75, unit: percent}}",
     None, ("verified", [], ["4.5%", "4.75%"])),
    ("cut", "{type: change, of: quantity, direction: up, to: {amount: 4.5, unit: percent}}", None,
     ("contradicted", ["value-mismatch"], [])),
    ("cut", "{type: change, of: quantity, direction: down, to: {amount: 4.75, unit: percent}}", None,
     ("contradicted", ["value-mismatch"], [])),
    ("cut", "{type: change, of: quantity, direction: down, from: {amount: 4.75, unit: percent}}", None,
     ("verified", [], ["4.5%", "4.75%"])),
    # Both parts of one movement name it; one part alone may be the other movement's.
    ("net", "{type: change, of: money, direction: up, by: {amount: 43, unit: percent}, to: {amount: 2400000000, currency: EUR}}",
     None, ("verified", [], ["43%", "2.4bn euros"])),
    ("net", "{type: change, of: money, direction: up, by: {amount: 8, unit: percent}}", None,
     ("verified", ["ambiguous-evidence"], ["8%", "40.7bn euros"])),
    ("net", "{type: change, of: money, direction: up, by: {amount: 8, unit: percent}, to: {amount: 2400000000, currency: EUR}}",
     None, ("contradicted", ["value-mismatch"], [])),
    # A qualified change two movements satisfy, and a change of no unit, are candidates too.
    ("rises", "{type: change, of: money, direction: up, by: {amount: 6, unit: percent, qualifier: less-than}}",
     None, ("verified", ["ambiguous-evidence"], ["0.9%", "under 6%"])),
    ("rises", "{type: change, of: money, direction: up, by: {amount: 6, unit: percent, qualifier: less-than}}",
     "under 6%", ("verified", [], ["under 6%"])),
    ("cuts", "{type: change, of: money, direction: down, by: {amount: 20, unit: percent}}", None,
     ("verified", ["ambiguous-evidence"], ["20%"])),
    ("cuts", "{type: change, of: money, direction: down, by: {amount: 20, unit: percent}}", "by 20%",
     ("verified", [], ["20%"])),
    # Percentage points are not percent.
    ("rate", "{type: change, of: quantity, direction: up, by: {amount: 0.25, unit: percentage points}, to: {amount: 5.5, unit: '%'}}",
     None, ("verified", [], ["0.25 percentage points", "5.5%"])),
    ("rate", "{type: change, of: quantity, direction: up, by: {amount: 0.25, unit: percent}}", None,
     ("unsupported", ["unit-mismatch"], [])),
    # Units: normalized, converted when physical; the same number of another unit is a unit
    # mismatch, never a value mismatch.
    ("run", "{type: quantity, amount: 5000, unit: m}", None, ("verified", [], ["5 km"])),
    ("run", "{type: quantity, amount: 5, unit: kilometres}", None, ("verified", [], ["5 km"])),
    ("run", "{type: quantity, amount: 5, unit: miles}", None, ("unsupported", ["unit-mismatch"], [])),
    ("run", "{type: quantity, amount: 6, unit: km}", None, ("contradicted", ["value-mismatch"], [])),
    ("run", "{type: quantity, amount: 2000000, unit: barrels}", None, ("verified", [], ["2m"])),
    ("run", "{type: quantity, amount: 2000000, unit: gallons}", None, ("unsupported", ["unit-mismatch"], [])),
    ("fund", "{type: money, amount: 9000000, currency: EUR}", None, ("unsupported", ["unit-mismatch"], [])),
    ("fund", "{type: money, amount: 8000000, currency: EUR}", None, ("contradicted", ["value-mismatch"], [])),
    ("fund", "{type: quantity, amount: 9000000}", None, ("unsupported", ["unit-mismatch"], [])),
    ("rate", "{type: quantity, amount: 5.5, unit: per cent}", None, ("verified", [], ["5.5%"])),
    ("rate", "{type: quantity, amount: 5.5, unit: pct}", None, ("verified", [], ["5.5%"])),
    ("rate", "{type: quantity, amount: 5.5, unit: percentage points}", None, ("unsupported", ["unit-mismatch"], [])),
    # A number with no unit takes the claimed unit the text writes a few words after it.
    ("tenants", "{type: quantity, amount: 300000, unit: tenants}", None, ("verified", ["ambiguous-evidence"], ["300,000"])),
    ("tenants", "{type: quantity, amount: 300000, unit: homes}", None, ("unsupported", ["unit-mismatch"], [])),
    # Ranges: matched by a range inside the claimed one, never by one number.
    # ... and a claimed range is confused with another range only, never with one number.
    ("range", "{type: quantity, min: 6, max: 7, unit: percent}", None, ("verified", [], ["6-7%"])),
    ("ranges", "{type: quantity, min: 6, max: 7, unit: percent}", None, ("verified", ["ambiguous-evidence"], ["6-7%"])),
    ("range", "{type: quantity, min: 6, max: 7, unit: percent}", "6-7%", ("verified", [], ["6-7%"])),
    ("range", "{type: quantity, min: 5, max: 6, unit: percent}", "6-7%", ("contradicted", ["value-mismatch"], [])),
    ("range", "{type: quantity, amount: 6, unit: percent}", "6-7%", ("contradicted", ["value-mismatch"], [])),
    ("range", "{type: quantity, min: 6, max: 7, unit: percent}", "6.5%", ("contradicted", ["value-mismatch"], [])),
    ("range", "{type: money, min: 40, max: 50, currency: USD}", None, ("verified", [], ["$40 to $50"])),
    ("range", "{type: money, amount: 40, currency: USD}", None, ("contradicted", ["value-mismatch"], [])),
    # Qualifiers mentions report are claimed as well.
    ("rough", "{type: quantity, amount: 300, unit: people, qualifier: nearly}", None, ("verified", [], ["nearly 300"])),
    ("rough", "{type: quantity, amount: 300, unit: people}", None, ("contradicted", ["value-mismatch"], [])),
    ("rough", "{type: quantity, amount: 50, unit: towns, qualifier: odd}", None, ("verified", [], ["50-odd"])),
    ("rough", "{type: quantity, amount: 50, unit: towns}", None, ("contradicted", ["value-mismatch"], [])),
    ("rough", "{type: quantity, amount: 80, unit: percent, qualifier: at-least}", None, ("verified", [], ["80% or higher"])),
    ("rough", "{type: quantity, amount: 80, unit: percent}", None, ("contradicted", ["value-mismatch"], [])),
])
def test_amount_rules(span: str, flow: str, pin: str | None, expected: tuple[str, list[str], list[str]]) -> None:
    assert verdict(span, flow, pin) == expected


def test_messages_never_show_two_equal_numbers() -> None:
    text, mentions = SPANS["run"]
    result = judge(value("{type: quantity, amount: 5, unit: miles}"), mentions, {}, "s", text=text)
    assert [p.message for p in result.problems] == [
        "the span says '5 km' (5 km), the claim says 5 miles; correct the claim's unit or "
        "currency, or cite the words that say it"]
    result = judge(value("{type: quantity, amount: 4.5, unit: percent}"), CUT_MENTIONS, {}, "s")
    assert [p.message for p in result.problems] == [
        "the span also says '4.75%' (from 4.75 percent); add `mention:` to the citation to say "
        "which one the claim means"]
    result = judge(value("{type: money, amount: 300000000, currency: EUR}"), PROFIT_MENTIONS, {}, "s")
    assert [p.message for p in result.problems] == [
        "the span says '€300m' (up 300000000 EUR, a change), the claim says 300000000 EUR; "
        "correct the claim's value, or cite the words that say it"]


def test_movements_follow_the_clause_links() -> None:
    found = movements(NET_MENTIONS)
    assert [(m.by, m.to, m.from_, m.direction) for m in found] == [(0, 1, None, "up"), (2, 3, None, "up")]
    found = movements(CUT_MENTIONS)
    assert [(m.by, m.to, m.from_, m.direction) for m in found] == [(None, 0, 1, "down")]
    assert movements(SAME_MENTIONS) == []


@pytest.mark.parametrize(("flow", "shown"), [
    ("{type: money, amount: 9000000, currency: USD, qualifier: about}", "about 9000000 USD"),
    ("{type: quantity, min: 6, max: 7, unit: percent}", "6-7 percent"),
    ("{type: change, of: money, direction: up, by: {amount: 43, unit: percent}, to: {amount: 2400000000, currency: EUR}}",
     "up by 43 percent to 2400000000 EUR"),
    ("{type: change, of: quantity, from: {amount: 3.9, unit: percent}}", "changed from 3.9 percent"),
])
def test_describe(flow: str, shown: str) -> None:
    assert describe(value(flow)) == shown


def test_wanted_of_a_part_is_money_only_with_a_currency() -> None:
    change = value("{type: change, of: money, by: {amount: 43, unit: percent}}")
    assert wanted_of(change.by).kind == "quantity"
    assert describe_wanted(wanted_of(change.by)) == "43 percent"
