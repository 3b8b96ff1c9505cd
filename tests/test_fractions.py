"""Exact fractions: "a third" is 1/3 in mentions, in facts.yaml (`amount: 1/3`), in the
comparison rules, in drafts and through the codec; never 0.3333333333333333333333333333."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import factbase
from factbase._run import codec
from factbase.drafts import draft_claims
from factbase.mentions import find_mentions
from factbase.model import QuantityValue
from factbase.values import (
    Number,
    Quantity,
    amounts_agree,
    exact_number,
    format_decimal,
    parse_exact,
)
from factbase.verify.claim import value_data, value_model

TEXT = ("Sales rose by more than a third last year. Two-thirds of the members agreed; one in six "
        "stayed away and three-quarters voted.\n")
HEAD = """\
factbase: 1
sources:
  - id: src
    path: sources/src.txt
    published: 2005-01
claims:
"""


@given(st.fractions(min_value=-10**6, max_value=10**6, max_denominator=10**4))
def test_exact_number_keeps_the_value(value: Fraction) -> None:
    number = exact_number(value)
    assert Fraction(number) == value
    terminating = set(_prime_factors(value.denominator)) <= {2, 5}
    assert isinstance(number, Decimal) is terminating


def _prime_factors(n: int) -> list[int]:
    out, k = [], 2
    while n > 1:
        while n % k == 0:
            out.append(k)
            n //= k
        k += 1
    return out


@pytest.mark.parametrize(
    ("text", "number", "shown"),
    [("1/3", Fraction(1, 3), "1/3"), ("-2/3", Fraction(-2, 3), "-2/3"), ("3/4", Decimal("0.75"), "0.75"),
     ("2/4", Decimal("0.5"), "0.5"), ("6/3", Decimal(2), "2"), ("0.25", Decimal("0.25"), "0.25")],
)
def test_parse_and_format(text: str, number: Number, shown: str) -> None:
    parsed = parse_exact(text)
    assert parsed == number and type(parsed) is type(number)
    assert format_decimal(parsed) == shown


@pytest.mark.parametrize("text", ["1/0", "x/3", "1/3/4", "1.5/3"])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"fraction|zero"):
        parse_exact(text)


@pytest.mark.parametrize(
    ("claimed", "cq", "found", "fq", "agree"),
    [
        (Fraction(1, 3), None, Fraction(1, 3), None, True),
        (Decimal("0.3333"), None, Fraction(1, 3), None, False),
        (Decimal("0.3333333333333333333333333333"), None, Fraction(1, 3), None, False),
        (Fraction(1, 3), None, Decimal("0.3333333333333333333333333333"), None, False),
        (Fraction(1, 3), "about", Decimal("0.33"), None, True),   # within 10 % of a third
        (Fraction(1, 3), "about", Decimal("0.37"), None, False),  # 0.3667 is the edge
        (Fraction(1, 3), "at-least", Fraction(1, 3), "more-than", True),
        (Fraction(1, 3), "more-than", Fraction(1, 3), None, False),
        (Decimal("0.5"), None, Fraction(1, 2), None, True),
        (Fraction(2, 3), "less-than", Decimal("0.66"), None, True),
        (Fraction(2, 3), "less-than", Fraction(2, 3), None, False),
    ],
)
def test_amounts_agree_exactly(claimed: Number, cq: str | None, found: Number, fq: str | None,
                               agree: bool) -> None:
    assert amounts_agree(claimed, cq, found, fq) is agree


def test_mentions_are_exact() -> None:
    values = {m.text: m.value.amount for m in find_mentions(TEXT, kinds=("quantity",))
              if isinstance(m.value, Quantity)}
    assert values == {"more than a third": Fraction(1, 3), "Two-thirds": Fraction(2, 3),
                      "one in six": Fraction(1, 6), "three-quarters": Decimal("0.75")}


@pytest.mark.parametrize(
    ("written", "amount"),
    [("1/3", Fraction(1, 3)), ("'2/3'", Fraction(2, 3)), ("3/4", Decimal("0.75")), ("0.5", Decimal("0.5"))],
)
def test_facts_yaml_takes_fractions(make_project: Callable[..., Path], written: str,
                                    amount: Number) -> None:
    facts = make_project(HEAD + f"""\
  - id: share
    statement: A share.
    value: {{type: quantity, amount: {written}}}
    citations:
      - source: src
        quote: Sales rose
""", files={"sources/src.txt": TEXT}, dedent=False)
    loaded = factbase.load(facts)
    for model in (value_model(loaded.records[0].value), loaded.claims[0].value):  # type: ignore[arg-type]
        assert isinstance(model, QuantityValue) and model.amount == amount
        assert type(model.amount) is type(amount)


def test_a_fraction_that_divides_by_zero_is_a_schema_error(make_project: Callable[..., Path]) -> None:
    facts = make_project(HEAD + """\
  - id: share
    statement: A share.
    value: {type: quantity, amount: 1/0}
    citations:
      - source: src
        quote: Sales rose
""", files={"sources/src.txt": TEXT}, dedent=False)
    with pytest.raises(factbase.FactsError) as info:
        factbase.load(facts)
    problem = next(p for p in info.value.problems if p.code == "schema")
    assert "'1/0' divides by zero" in problem.message
    assert (problem.line, problem.column) == (9, 37)


@pytest.mark.parametrize(
    ("amount", "qualifier", "status"),
    [("2/3", None, "verified"), ("0.6667", None, "contradicted"),
     ("0.6666666666666666666666666667", None, "contradicted"), ("2/3", "about", "verified"),
     ("0.67", "about", "verified")],
)
def test_a_claimed_fraction_is_checked_exactly(make_project: Callable[..., Path], amount: str,
                                               qualifier: str | None, status: str) -> None:
    q = f", qualifier: {qualifier}" if qualifier else ""
    facts = make_project(HEAD + f"""\
  - id: two-thirds
    statement: Two-thirds agreed.
    value: {{type: quantity, amount: {amount}{q}}}
    citations:
      - source: src
        quote: Two-thirds of the members agreed
""", files={"sources/src.txt": TEXT}, dedent=False)
    report = factbase.check(factbase.load(facts))
    assert [c.status for c in report.claims] == [status]


def test_drafts_write_fractions_that_verify(make_project: Callable[..., Path]) -> None:
    mentions = find_mentions(TEXT, reference="2005-01", kinds=("quantity",))
    stubs = draft_claims(TEXT, "src", mentions)
    assert "amount: 1/3, qualifier: more-than" in stubs and "amount: 2/3}" in stubs
    assert "amount: 1/6}" in stubs and "amount: 0.75}" in stubs and "0.333" not in stubs
    facts = make_project(HEAD + stubs.split("claims:\n", 1)[1], files={"sources/src.txt": TEXT},
                         dedent=False)
    report = factbase.check(factbase.load(facts))
    assert [c.status for c in report.claims] == ["verified"] * 4


def test_plain_data_and_json_keep_the_fraction() -> None:
    value = QuantityValue(type="quantity", amount="1/3", unit="percent")
    data = value_data(value)
    assert data["amount"] == "1/3"  # plain data (and so the cache key) holds the text
    assert value_model(data).amount == Fraction(1, 3)  # type: ignore[union-attr]
    assert json.loads(value.model_dump_json())["amount"] == "1/3"
    schema = QuantityValue.model_json_schema()["properties"]["amount"]
    assert {"type": "string", "pattern": r"^[-+]?[0-9]+/[0-9]+$"} in schema["anyOf"]


def test_codec_carries_fractions() -> None:
    found = find_mentions(TEXT, kinds=("quantity",))
    back = codec.unpack_mentions(codec.loads(codec.dumps(codec.pack_mentions(found))))
    assert back == found
    assert [type(m.value.amount) for m in back] == [type(m.value.amount) for m in found]  # type: ignore[union-attr]
