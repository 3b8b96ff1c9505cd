"""The whole pipeline on the repository's own facts.yaml: check, build, serve; and bad input
through the CLI giving a problem code at file:line:col, exit 1 and no traceback."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from factbase.cli import cli


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_bundled_facts_all_verified(full_project: Path) -> None:
    code, out, _ = invoke("check", str(full_project), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["ok"] is True
    assert report["stats"]["claims"] >= 90
    assert {c["status"] for c in report["claims"]} == {"verified"}
    # Not one warning: no value is ambiguous (no `mention:` needed), every quote names its
    # claim's subject or the claim says why it need not (`ignore:` with a reason), and the
    # strict check that CI runs passes.
    assert report["problems"] == []
    assert invoke("check", str(full_project), "--strict")[0] == 0


def test_bundled_facts_full_coverage(full_project: Path) -> None:
    code, out, _ = invoke("coverage", str(full_project), "--format", "json", "--min", "100")
    assert code == 0
    assert json.loads(out)["percent"] == 100.0


def test_changed_fund_amount_fails_at_its_line(full_project: Path) -> None:
    text = full_project.read_text(encoding="utf-8")
    text = text.replace("value: {type: money, amount: 9000000, currency: USD}",
                        "value: {type: money, amount: 8000000, currency: USD}")
    full_project.write_text(text, encoding="utf-8")
    line = text[: text.index("amount: 8000000")].count("\n") + 1
    code, out, _ = invoke("check", str(full_project), "--format", "json")
    assert code == 1
    problems = json.loads(out)["problems"]
    assert [(p["code"], p["line"], p["claim_id"]) for p in problems if p["severity"] == "error"] == [
        ("value-mismatch", line, "comfort-women-fund")]


def test_build_writes_the_tables_and_offsets(full_project: Path) -> None:
    db_path = full_project.parent / "factbase.db"
    code, _, _ = invoke("build", str(full_project), "-o", str(db_path), "-q")
    assert code == 0
    db = sqlite3.connect(db_path)
    tables = {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}
    assert {"sources", "entities", "aliases", "claims", "citations", "problems", "mentions", "factbase_build"} <= tables
    text = db.execute("select text from sources where id = 'fp-east-asia-alliances'").fetchone()[0]
    rows = db.execute("select quote, start, end, anchor from citations").fetchall()
    assert rows and all(text[start:end] == quote for quote, start, end, anchor in rows if anchor == "exact")
    fund = db.execute("select start, end from citations where claim_id = 'comfort-women-fund'").fetchone()
    assert text[fund[0]:fund[1]].startswith("the 2015 settlement establishing a $9 million joint fund")
    assert db.execute("select count(*) from claims where status = 'verified'").fetchone()[0] == \
        db.execute("select count(*) from claims").fetchone()[0]


def test_datasette_serves_the_built_database(full_project: Path) -> None:
    from datasette.app import Datasette

    db_path = full_project.parent / "factbase.db"
    assert invoke("build", str(full_project), "-o", str(db_path), "-q")[0] == 0

    async def fetch() -> dict[str, object]:
        ds = Datasette([str(db_path)])
        response = await ds.client.get("/factbase/claims.json?_shape=objects&id=comfort-women-fund")
        assert response.status_code == 200
        return response.json()  # type: ignore[no-any-return]

    rows = asyncio.run(fetch())["rows"]
    assert [(r["id"], r["status"]) for r in rows] == [("comfort-women-fund", "verified")]  # type: ignore[index]


def test_build_is_byte_identical(full_project: Path) -> None:
    a, b = full_project.parent / "a.db", full_project.parent / "b.db"
    assert invoke("build", str(full_project), "-o", str(a), "-q")[0] == 0
    assert invoke("build", str(full_project), "-o", str(b), "-q")[0] == 0
    assert a.read_bytes() == b.read_bytes()


GOOD = """\
factbase: 1
sources:
  - id: seed
    path: sources/east-asia-alliances.txt
claims:
  - id: fund
    statement: The fund.
    value: {type: money, amount: 9000000, currency: USD}
    citations: [{source: seed, quote: a $9 million joint fund}]
"""


@pytest.mark.parametrize(
    ("facts", "code", "line", "column"),
    [
        (GOOD.replace("claims:", "claims: ["), "yaml-syntax", 6, 3),
        (GOOD.replace("statement:", "statment:"), "schema", 7, 5),
        (GOOD.replace("    statement: The fund.\n", "    statement: The fund.\n    statement: Again.\n"), "duplicate-key", 8, 5),
        (GOOD.replace("path: sources/east-asia-alliances.txt", "path: ../../etc/passwd"), "path-outside-root", 4, 11),
        (GOOD.replace("path: sources/east-asia-alliances.txt", "path: latin1.txt"), "source-unreadable", 4, 11),
    ],
)
def test_bad_input_is_located(make_project: Callable[..., Path], tmp_path: Path, facts: str, code: str, line: int, column: int) -> None:
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 $9 million".encode("latin-1"))
    path = make_project(facts)
    exit_code, out, err = invoke("check", str(path))
    assert exit_code == 1
    assert "Traceback" not in out + err
    assert re.search(rf"facts\.yaml:{line}:{column}:? .*{code}", out + err), out + err


def test_missing_facts_file_is_a_usage_error(tmp_path: Path) -> None:
    assert invoke("check", str(tmp_path / "nope.yaml"))[0] == 2


def test_public_api_names(seed_project: Path) -> None:
    import factbase
    import factbase.db  # binding a submodule must not shadow a function

    report = factbase.check(factbase.load(seed_project))
    for name in ("a.db", "b.db"):
        factbase.publish(report, seed_project.parent / name)
    assert (seed_project.parent / "a.db").read_bytes() == (seed_project.parent / "b.db").read_bytes()
    from factbase.anchor import anchor
    from factbase.mentions import find_mentions

    assert (anchor("It was a $9 million fund.", "$9 million").start, find_mentions("in May 2017")[0].value.iso) == (9, "2017-05")  # type: ignore[union-attr]
