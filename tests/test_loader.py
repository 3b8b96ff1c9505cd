"""The loader: YAML with line marks, YAML 1.2 scalars, duplicate keys, schema errors at
file:line:col, includes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

import factbase
from factbase.loader import parse_yaml
from factbase.model import MoneyValue

HEAD = "factbase: 1\nsources:\n  - {id: s, path: sources/east-asia-alliances.txt}\n"


def codes(exc: pytest.ExceptionInfo[factbase.FactsError]) -> list[tuple[str, int | None, int | None]]:
    return [(p.code, p.line, p.column) for p in exc.value.problems]


def test_seed_project_loads(seed_project: Path) -> None:
    facts = factbase.load(seed_project)
    assert [c.id for c in facts.claims] == ["fund", "summit", "abe-pm"]
    assert facts.source("seed") is not None and facts.source("seed").published == "2020-01"  # type: ignore[union-attr]
    fund = facts.claims[0]
    assert isinstance(fund.value, MoneyValue) and fund.value.amount == Decimal("9000000")
    assert (fund.where().line, fund.where().column) == (21, 5)
    assert (fund.where("value.amount").line, fund.where("value.amount").column) == (25, 34)
    assert fund.where("citations.0.quote").line == 28


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("a: yes", {"a": "yes"}),
        ("a: no", {"a": "no"}),
        ("a: on", {"a": "on"}),
        ("a: 2020-01-15", {"a": "2020-01-15"}),
        ("a: 2020-01", {"a": "2020-01"}),
        ("a: 0777", {"a": 777}),
        ("a: true", {"a": True}),
        ("a: ~", {"a": None}),
        ("a:", {"a": None}),
        ("a: 1.5", {"a": 1.5}),
        ("a: '1.5'", {"a": "1.5"}),
        ("a: !!str 12", {"a": "12"}),
        ("a: 12:30", {"a": "12:30"}),
        ("a: [x, 'y']", {"a": ["x", "y"]}),
    ],
)
def test_yaml_12_scalars(yaml_text: str, expected: object) -> None:
    data, _, problems = parse_yaml(yaml_text, "f.yaml")
    assert problems == []
    assert data == expected


def test_marks_are_one_based() -> None:
    _, doc, _ = parse_yaml("a:\n  b: [1, 2]\n", "f.yaml")
    assert (doc.at(("a", "b", 1)).line, doc.at(("a", "b", 1)).column) == (2, 10)


def test_yaml_syntax_error(make_project: Callable[..., Path]) -> None:
    path = make_project(HEAD + "claims: [\n  - x\n")
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(path)
    assert codes(exc)[0][0] == "yaml-syntax"
    assert codes(exc)[0][1] == 5


def test_duplicate_key(make_project: Callable[..., Path]) -> None:
    path = make_project(HEAD + "title: a\ntitle: b\n")
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(path)
    assert codes(exc) == [("duplicate-key", 5, 1)]


def test_unknown_field_points_at_key(make_project: Callable[..., Path]) -> None:
    path = make_project(HEAD + "claims:\n  - id: c\n    statment: x\n    statement: x\n"
                        "    value: {type: quote}\n    citations: [{source: s, quote: x}]\n")
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(path)
    assert codes(exc) == [("schema", 6, 5)]
    assert exc.value.problems[0].details["field"] == "claims.0.statment"


@pytest.mark.parametrize(
    ("value", "field", "column"),
    [
        ("{type: money, amount: x, currency: USD}", "claims.0.value.amount", 34),
        ("{type: money, amount: 1, currency: us}", "claims.0.value.currency", 47),
        ("{type: mony, amount: 1}", "claims.0.value", 12),
        ("{type: date, date: 2019-13}", "claims.0.value.date", 31),
        ("{type: date}", "claims.0.value", 12),
        ("5", "claims.0.value", 12),
    ],
)
def test_value_errors_located(make_project: Callable[..., Path], value: str, field: str, column: int) -> None:
    path = make_project(HEAD + f"claims:\n  - id: c\n    statement: x\n    value: {value}\n"
                        "    citations: [{source: s, quote: x}]\n")
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(path)
    assert codes(exc) == [("schema", 7, column)]
    assert exc.value.problems[0].details["field"] == field


def test_missing_version(make_project: Callable[..., Path]) -> None:
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(make_project("sources: []\n"))
    assert codes(exc) == [("schema", 1, 1)]


def test_unsupported_version(make_project: Callable[..., Path]) -> None:
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(make_project("factbase: 2\n"))
    assert codes(exc) == [("unsupported-version", 1, 11)]


def test_not_a_mapping(make_project: Callable[..., Path]) -> None:
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(make_project("- a\n- b\n"))
    assert codes(exc)[0][0] == "schema"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(tmp_path / "nope.yaml")
    assert codes(exc)[0][0] == "facts-missing"


def test_non_utf8_facts_file(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_bytes(b"factbase: 1\ntitle: caf\xe9\n")
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(path)
    assert codes(exc) == [("facts-unreadable", 2, 11)]


def test_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_bytes(b"\xef\xbb\xbffactbase: 1\r\ntitle: x\r\n")
    assert factbase.load(path).title == "x"


def test_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    lines = ["factbase: 1", 'a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    path = tmp_path / "facts.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(path)
    assert codes(exc)[0][0] == "yaml-limit"


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("factbase: 1\ntitle: " + "[" * 200 + "]" * 200 + "\n")
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(path)
    assert codes(exc)[0][0] == "yaml-limit"


def test_include(make_project: Callable[..., Path]) -> None:
    more = ("claims:\n  - id: extra\n    statement: x\n    value: {type: quote}\n"
            "    citations: [{source: s, quote: Moon-Abe summit}]\n")
    path = make_project(HEAD + "include: [more/*.yaml]\n", files={"more/a.yaml": more})
    facts = factbase.load(path)
    assert [c.id for c in facts.claims] == ["extra"]
    assert facts.claims[0].where().file is not None and facts.claims[0].where().file.endswith("a.yaml")  # type: ignore[union-attr]
    assert facts.claims[0].where().line == 2
    assert len(facts.files) == 2


def test_include_not_found(make_project: Callable[..., Path]) -> None:
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(make_project(HEAD + "include: [nothing/*.yaml]\n"))
    assert codes(exc) == [("include-not-found", 4, 11)]


def test_include_cycle(make_project: Callable[..., Path]) -> None:
    path = make_project(HEAD + "include: [a.yaml]\n", files={"a.yaml": "include: [a.yaml]\n"})
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(path)
    assert codes(exc)[0][0] == "include-cycle"


def test_include_outside_root(make_project: Callable[..., Path], tmp_path: Path) -> None:
    path = make_project(HEAD + "include: [../*.yaml]\n")
    (tmp_path.parent / "outside.yaml").write_text("claims: []\n")
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(path)
    assert "path-outside-root" in [c[0] for c in codes(exc)]
