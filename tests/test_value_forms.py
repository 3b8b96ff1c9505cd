"""The value forms of issue J in facts.yaml: ranges, changes, the qualifiers mentions report,
and the citation's `mention:`; what is malformed is a schema problem at its line and column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import factbase
from factbase.model import json_schema
from factbase.problems import FactsError

HEAD = """\
factbase: 1
sources:
  - id: s
    path: s.txt
claims:
  - id: c
    statement: s
"""


def load(make_project: Callable[..., Path], value: str, citation: str = "{source: s, quote: rose}") -> factbase.FactSet:
    body = f"    value: {value}\n    citations: [{citation}]\n"
    return factbase.load(make_project(HEAD + body, files={"s.txt": "Sales rose 8% to 40.7bn euros.\n"}))


@pytest.mark.parametrize("value", [
    "{type: quantity, min: 6, max: 7, unit: percent}",
    "{type: money, min: 40, max: 50, currency: USD, qualifier: about}",
    "{type: quantity, amount: 300, qualifier: nearly}",
    "{type: quantity, amount: 50, qualifier: odd}",
    "{type: change, of: money, direction: up, by: {amount: 8, unit: percent}, to: {amount: 40700000000, currency: EUR}}",
    "{type: change, of: money, by: {amount: 300000000, currency: EUR}}",
    "{type: change, of: quantity, direction: down, to: {amount: 29, unit: percent}, from: {amount: 30, unit: percent}}",
    "{type: change, of: quantity, by: {min: 10, max: 15, unit: percent, qualifier: about}}",
])
def test_value_forms_load(make_project: Callable[..., Path], value: str) -> None:
    facts = load(make_project, value)
    assert facts.records[0].value["type"] in ("money", "quantity", "change")


@pytest.mark.parametrize(("value", "citation", "column", "message"), [
    ("{type: quantity, amount: 6, min: 5, max: 7}", None, 12,
     "claims.0.value: give either `amount`, or `min` and `max`, not both"),
    ("{type: quantity, min: 5}", None, 12, "claims.0.value: give either `amount`, or both `min` and `max`"),
    ("{type: money, min: 7, max: 5, currency: USD}", None, 12, "claims.0.value: `max` is less than `min`"),
    ("{type: change, of: quantity}", None, 12, "claims.0.value: give at least one of `by`, `to` and `from`"),
    ("{type: change, of: money, to: {amount: 5}}", None, 12,
     "claims.0.value: `to` of a change of money needs a `currency`"),
    ("{type: change, of: quantity, from: {amount: 5, currency: USD}}", None, 12,
     "claims.0.value: `from` of a change of quantity has no `currency`"),
    ("{type: change, of: quantity, by: {amount: 5, currency: USD}}", None, 12,
     "claims.0.value: `by` of a change of quantity has no `currency`"),
    ("{type: change, of: money, by: {amount: 5, currency: USD, unit: percent}}", None, 42,
     "claims.0.value.by: give a `currency` or a `unit`, not both"),
    ("{type: change, of: stocks, by: {amount: 5}}", None, 31,
     "claims.0.value.of: 'stocks' is not one of money, quantity"),
    ("{type: quantity, amount: 5}", "{source: s, quote: rose, mention: ' '}", 17,
     "claims.0.citations.0: `mention` is blank"),
    ("{type: growth, amount: 5}", None, 12,
     "claims.0.value: unknown value type 'growth'; expected one of date, money, quantity, change, person, entity, quote"),
])
def test_malformed_forms(make_project: Callable[..., Path], value: str, citation: str | None,
                         column: int, message: str) -> None:
    with pytest.raises(FactsError) as err:
        load(make_project, value, citation or "{source: s, quote: rose}")
    line = 8 if citation is None else 9
    assert [(p.code, p.line, p.column, p.message) for p in err.value.problems] == [
        ("schema", line, column, message)]


def test_json_schema_has_the_forms() -> None:
    defs = json_schema()["$defs"]
    assert set(defs["ChangeValue"]["properties"]) == {"type", "of", "direction", "by", "to", "from"}
    assert {"amount", "min", "max", "currency", "unit", "qualifier"} == set(defs["ChangePart"]["properties"])
    assert {"min", "max"} <= set(defs["QuantityValue"]["properties"]) & set(defs["MoneyValue"]["properties"])
    assert "mention" in defs["Citation"]["properties"]
    qualifiers = defs["QuantityValue"]["properties"]["qualifier"]["anyOf"][0]["enum"]
    assert qualifiers == ["about", "nearly", "odd", "at-least", "at-most", "more-than", "less-than"]


def test_change_values_conflict_on_the_same_predicate(make_project: Callable[..., Path]) -> None:
    two = HEAD.replace("claims:\n  - id: c\n    statement: s\n", "claims:\n") + "".join(
        f"  - id: {cid}\n    statement: s\n    subject: s-co\n    predicate: sales\n"
        f"    value: {{type: change, of: quantity, direction: up, by: {{amount: {n}, unit: percent}}}}\n"
        f"    citations: [{{source: s, quote: rose 8%}}]\n" for cid, n in (("a", 8), ("b", 9)))
    two = two.replace("claims:\n", "entities: [{id: s-co, name: Sales, kind: organization}]\nclaims:\n")
    report = factbase.check(factbase.load(make_project(two, files={"s.txt": "Sales rose 8% to 40.7bn euros.\n"})))
    assert [(p.code, p.claim_id) for p in report.problems if p.code == "conflicting-claims"] == [
        ("conflicting-claims", "b")]


@pytest.mark.parametrize(("shorthand", "quote", "status"), [
    ("'6-7%'", "inflation of 6-7% on", "verified"),
    ("'6-7%'", "inflation of 6% on", "contradicted"),
    ("'$40 to $50'", "cost $40 to $50 each", "verified"),
    ("'$40 to $50'", "cost $40 each", "contradicted"),
])
def test_shorthand_ranges(make_project: Callable[..., Path], shorthand: str, quote: str, status: str) -> None:
    body = HEAD + f"    value: {shorthand}\n    citations: [{{source: s, quote: {quote}}}]\n"
    # Levels, not changes ("rose 6-7%" is a change: a plain claim is matched by levels only).
    text = ("Analysts saw inflation of 6-7% on Monday and inflation of 6% on Tuesday; tickets "
            "cost $40 to $50 each, or cost $40 each.\n")
    report = factbase.check(factbase.load(make_project(body, files={"s.txt": text})))
    assert report.claim("c").status == status
