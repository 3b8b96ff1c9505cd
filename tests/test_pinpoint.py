"""The citation's `mention:`: a pinpoint of the mention that carries the claimed value,
through check, the reports, pin, the database and the claim page."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasette.app import Datasette

import factbase
from factbase.cli import cli
from factbase.db import publish

TEXT = "Intro. The bank cut its rate to 4.5% from 4.75% on Monday, to 4.5% again.\n"
HEAD = """\
factbase: 1
sources:
  - id: s
    path: s.txt
claims:
  - id: rate
    statement: The bank cut its rate to 4.5%.
    value: {type: quantity, amount: 4.5, unit: percent}
    citations:
      - source: s
        quote: cut its rate to 4.5% from 4.75%
"""


def project(make_project: Callable[..., Path], mention: str | None) -> Path:
    body = HEAD + (f"        mention: \"{mention}\"\n" if mention is not None else "")
    return make_project(body, files={"s.txt": TEXT})


def citation_of(path: Path) -> tuple[str, factbase.results.CitationResult]:
    report = factbase.check(factbase.load(path))
    claim = report.claim("rate")
    return claim.status, claim.citations[0]


@pytest.mark.parametrize(("mention", "status", "codes", "pinned"), [
    (None, "verified", ["ambiguous-evidence"], None),
    ("to 4.5%", "verified", [], "to 4.5%"),
    ("4.5%", "verified", [], "4.5%"),
    ("4.75%", "contradicted", ["value-mismatch"], "4.75%"),
    ("to  4.5%", "verified", [], "to 4.5%"),          # found after normalization
    ("%", "verified", ["mention-ambiguous"], "%"),      # several in the quote: the first
    ("to 3%", "unsupported", ["mention-not-found"], None),
    ("on Monday", "unsupported", ["mention-not-found"], None),  # outside the quote
])
def test_mention_pinpoints(make_project: Callable[..., Path], mention: str | None, status: str,
                           codes: list[str], pinned: str | None) -> None:
    got_status, citation = citation_of(project(make_project, mention))
    assert (got_status, [p.code for p in citation.problems]) == (status, codes)
    quote_start = TEXT.index("cut its rate")
    if pinned is None:
        assert (citation.mention_start, citation.mention_end) == (None, None)
    else:
        start = TEXT.index(pinned, quote_start)
        assert (citation.mention_start, citation.mention_end) == (start, start + len(pinned))
    assert citation.mention == mention


def test_mention_problems_point_at_the_mention_field(make_project: Callable[..., Path]) -> None:
    report = factbase.check(factbase.load(project(make_project, "to 3%")))
    [found] = report.problems
    assert (found.code, found.severity, found.line, found.column, found.field_path, found.message) == (
        "mention-not-found", "error", 12, 18, "citations.0.mention",
        "mention 'to 3%' is not inside the quote; copy it from the quote's own words")


def test_strict_fails_on_ambiguous_evidence(make_project: Callable[..., Path]) -> None:
    path = project(make_project, None)
    runner = CliRunner()
    assert runner.invoke(cli, ["check", str(path)]).exit_code == 0
    assert runner.invoke(cli, ["check", str(path), "--strict"]).exit_code == 1
    assert runner.invoke(cli, ["check", str(project(make_project, "to 4.5%")), "--strict"]).exit_code == 0


def test_json_report_carries_the_pinpoint(make_project: Callable[..., Path]) -> None:
    result = CliRunner().invoke(cli, ["check", str(project(make_project, "to 4.5%")), "--format", "json"])
    citation = json.loads(result.stdout)["claims"][0]["citations"][0]
    start = TEXT.index("to 4.5%")
    assert (citation["mention"], citation["mention_start"], citation["mention_end"]) == (
        "to 4.5%", start, start + len("to 4.5%"))


def test_pin_never_guesses_a_mention(make_project: Callable[..., Path]) -> None:
    path = project(make_project, None)
    assert CliRunner().invoke(cli, ["pin", str(path)]).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "mention" not in text and "start:" in text
    pinned = project(make_project, "to 4.5%")
    assert CliRunner().invoke(cli, ["pin", str(pinned)]).exit_code == 0
    assert pinned.read_text(encoding="utf-8").count('mention: "to 4.5%"') == 1
    assert citation_of(pinned)[0] == "verified"


@pytest.fixture
def db(make_project: Callable[..., Path]) -> Path:
    path = project(make_project, "to 4.5%")
    out = path.parent / "factbase.db"
    publish(factbase.check(factbase.load(path)), out)
    return out


def test_database_columns(db: Path) -> None:
    row = sqlite3.connect(db).execute(
        "select mention, mention_start, mention_end, substr(sources.text, mention_start + 1, "
        "mention_end - mention_start) from citations join sources on sources.id = source_id").fetchone()
    start = TEXT.index("to 4.5%")
    assert row == ("to 4.5%", start, start + 7, "to 4.5%")


def test_claim_page_highlights_the_pinpointed_mention(db: Path) -> None:
    metadata = json.loads(db.with_suffix(".metadata.json").read_text(encoding="utf-8"))

    async def page() -> str:
        ds = Datasette([], immutables=[str(db)], metadata=metadata)
        await ds.invoke_startup()
        response = await ds.client.get("/-/factbase/claims/rate")
        assert response.status_code == 200
        return str(response.text)

    html = asyncio.run(page())
    pinned = re.findall(r'<mark class="([^"]*fb-pinned[^"]*)"[^>]*data-pinned="to 4.5%"[^>]*>([^<]*)</mark>', html)
    # the pinpoint covers "to " alone and "4.5%" together with the evidence mention
    assert [text for _, text in pinned] == ["to ", "4.5%"]
    assert "fb-evidence" in pinned[1][0] and "fb-match" in pinned[1][0]
    assert 'Pinpointed mention: <q class="fb-pinned-text" dir="auto">to 4.5%</q>' in html
