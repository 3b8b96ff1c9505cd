"""Correctness found while rebuilding the engine (issue M), each with its regression test."""

from __future__ import annotations

import asyncio
import gc
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasette.app import Datasette

import factbase
from factbase.cli import cli
from factbase.loader import parse_jsonl, parse_yaml

PACKAGE = Path(factbase.__file__).resolve().parent
HEAD = "factbase: 1\nsources:\n  - {id: s, path: sources/s.txt}\n"


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("12345678901234567.89", Decimal("12345678901234567.89")),
        ("0.1", Decimal("0.1")),
        ("1e3", Decimal("1e3")),
        ("-2.5E-3", Decimal("-0.0025")),
        (".5", Decimal("0.5")),
        ("1_000", "1_000"),      # YAML 1.2 core schema: digit separators are not numbers
        ("1,000", "1,000"),
        ("0o17", 15),
        ("0x1F", 31),
        ("0777", 777),
        ("123456789012345678901234567890", 123456789012345678901234567890),
    ],
)
def test_yaml_numbers_follow_the_core_schema_exactly(scalar: str, expected: object) -> None:
    data, _, problems = parse_yaml(f"a: {scalar}\n", "f.yaml")
    assert problems == []
    assert data["a"] == expected and type(data["a"]) is type(expected)


def test_a_claimed_amount_keeps_every_digit(make_project: Callable[..., Path]) -> None:
    path = make_project(HEAD + "claims:\n  - id: c\n    statement: x\n"
                        "    value: {type: money, amount: 12345678901234567.89, currency: USD}\n"
                        "    citations: [{source: s, quote: x}]\n", files={"sources/s.txt": "x\n"})
    facts = factbase.load(path)
    assert facts.records[0].value["amount"] == Decimal("12345678901234567.89")
    assert facts.claims[0].value.amount == Decimal("12345678901234567.89")  # type: ignore[union-attr]
    report = factbase.check(facts, workers=1)
    assert report.claims[0].display == "12345678901234567.89 USD"


def test_jsonl_amounts_are_exact() -> None:
    data, _, problems = parse_jsonl('{"id": "c", "value": {"amount": 12345678901234567.89}}\n', "c.jsonl")
    assert problems == []
    assert data["claims"][0]["value"]["amount"] == Decimal("12345678901234567.89")


def test_digit_separators_are_explained(make_project: Callable[..., Path]) -> None:
    path = make_project(HEAD + "claims:\n  - id: c\n    statement: x\n"
                        "    value: {type: money, amount: 1_000, currency: USD}\n"
                        "    citations: [{source: s, quote: x}]\n", files={"sources/s.txt": "x\n"})
    with pytest.raises(factbase.FactsError) as exc:
        factbase.load(path)
    [p] = exc.value.problems
    assert (p.code, p.line, p.column) == ("schema", 7, 34)
    assert p.message == ("claims.0.value.amount: '1_000' is not a number: YAML 1.2 has no digit "
                         "separators; write 1000")


@pytest.mark.parametrize("date", ["2019-02-30", "2019-13", "0000"])
def test_impossible_published_date_is_a_usage_error(tmp_path: Path, date: str) -> None:
    source = tmp_path / "a.txt"
    source.write_text("It happened last month.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["mentions", str(source), "--published", date])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_a_broken_extractor_fails_loudly() -> None:
    code = ("import sys; sys.modules['factbase.mentions.dates'] = None\n"
            "from factbase.mentions import find_mentions\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode != 0
    assert "ImportError" in done.stderr or "ModuleNotFoundError" in done.stderr


def test_render_cell_leaves_other_databases_alone(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE claims (id TEXT PRIMARY KEY, status TEXT, statement TEXT)")
        conn.execute("INSERT INTO claims VALUES ('a', 'verified', 'not a factbase claim')")

    async def run() -> str:
        ds = Datasette([str(other)])
        await ds.invoke_startup()
        return (await ds.client.get("/other/claims")).text

    page = asyncio.run(run())
    assert "not a factbase claim" in page
    assert "fb-badge" not in page and "in context" not in page


def test_the_library_never_switches_the_collector_off(seed_project: Path, tmp_path: Path) -> None:
    seen: list[bool] = []
    facts = factbase.load(seed_project)
    seen.append(gc.isenabled())
    factbase.check(facts, workers=1, progress=lambda *_: seen.append(gc.isenabled()))
    factbase.build(facts, tmp_path / "x.db", workers=1, metadata=False,
                   progress=lambda *_: seen.append(gc.isenabled()))
    assert seen and all(seen)
    for path in PACKAGE.rglob("*.py"):
        assert "gc.disable" not in path.read_text(encoding="utf-8"), path


def test_pin_and_the_loader_share_one_composer() -> None:
    users = [p.name for p in PACKAGE.rglob("*.py")
             if "yaml.compose(" in p.read_text(encoding="utf-8") or "yaml.parse(" in p.read_text(encoding="utf-8")]
    assert users == ["yamldoc.py"]
    assert "from .yamldoc import compose" in (PACKAGE / "pin.py").read_text(encoding="utf-8")
