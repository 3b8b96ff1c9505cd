"""Coverage that means something: `factbase coverage` (issue 16, part 5).

A named entity counts once per source and is covered when some claim citing the source is
about it; dates, amounts, quantities and named officials are covered by a cited span; `--kind`
chooses kinds; the last line explains the exit status; the database's `uncovered_mentions`
view lists what the command lists, row for row.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import NO_BBC, bbc_corpus

import factbase
from factbase.cli import cli
from factbase.coverage import coverage, outcome

ACME = ("Globex takeover talk\n\n"
        "Acme Corp said sales rose 8% to $4.7bn in 2004, while Globex shares fell 3%. "
        "Acme Corp, which employs 1,200 people, opened a plant last month.\n\n"
        "The firm said profits rose 5%. Analysts expect more.\n\n"
        "The firm said profits rose 5%.\n")
HEAD = """\
factbase: 1
sources:
  - id: acme
    path: sources/acme.txt
entities:
  - {id: acme, name: Acme Corp, kind: organization}
  - {id: globex, name: Globex, kind: organization}
"""
SALES = """\
  - id: sales
    statement: Acme Corp's sales rose 8% in 2004.
    subject: acme
    value: {type: change, of: quantity, direction: up, by: {amount: 8, unit: percent}}
    citations:
      - source: acme
        quote: Acme Corp said sales rose 8% to $4.7bn in 2004
"""
LISTED = """\
acme (sources/acme.txt): 40.0 % of 10 mentions covered, 0 ignored
  0-6 entity 'Globex' = globex (named 2 times)  [Globex] takeover talk Acme Corp said sales ros…
  95-97 quantity '3%' = 3 percent  …4.7bn in 2004, while Globex shares fell [3%]. Acme Corp, which employs 1,200 people,…
  124-129 quantity '1,200' = 1200 person  …hares fell 3%. Acme Corp, which employs [1,200] people, opened a plant last month. The…
  153-163 date 'last month' = unresolved date  …ch employs 1,200 people, opened a plant [last month]. The firm said profits rose 5%. Analys…
  193-195 quantity '5%' = 5 percent  …last month. The firm said profits rose [5%]. Analysts expect more. The firm said p…
  247-249 quantity '5%' = 5 percent  …xpect more. The firm said profits rose [5%].
"""


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "acme.txt").write_text(ACME, encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text(HEAD + "claims:\n" + SALES, encoding="utf-8")
    return facts


def test_a_named_entity_counts_once_and_is_covered_by_a_claim_about_it(project: Path) -> None:
    # Acme Corp is named twice and is the sales claim's subject: covered, counted once.
    # Globex is named twice and no claim is about it: one uncovered line, "named 2 times".
    # 10 counted: acme, globex, 8%, $4.7bn, 2004, 3%, 1,200, last month, 5%, 5%.
    result = run("coverage", project)
    assert result.exit_code == 0
    assert result.stdout == LISTED + "exit 0: 40.0 % covered overall (no --min given)\n"


@pytest.mark.parametrize(("claim", "globex"), [
    # the span names Globex, but the claim is not about it
    ("""\
  - id: fell
    statement: Shares fell 3%.
    value: {type: change, of: quantity, direction: down, by: {amount: 3, unit: percent}}
    citations: [{source: acme, quote: Globex shares fell 3%.}]
""", "uncovered"),
    # its subject
    ("""\
  - id: fell
    statement: Globex shares fell 3%.
    subject: globex
    value: {type: change, of: quantity, direction: down, by: {amount: 3, unit: percent}}
    citations: [{source: acme, quote: Globex shares fell 3%.}]
""", "covered"),
    # its value's entity, with a span that does not even name it twice
    ("""\
  - id: target
    statement: Globex is the target.
    value: {type: entity, entity: globex}
    citations: [{source: acme, quote: Globex takeover talk}]
""", "covered"),
    # about Globex, but citing another source
    ("""\
  - id: target
    statement: Globex is the target.
    value: {type: entity, entity: globex}
    citations: [{source: other, quote: Globex is a target}]
""", "uncovered"),
])
def test_about_means_subject_or_value_citing_the_source(project: Path, claim: str,
                                                        globex: str) -> None:
    (project.parent / "sources" / "other.txt").write_text("Globex is a target.\n", encoding="utf-8")
    project.write_text(HEAD.replace("entities:", "  - id: other\n    path: sources/other.txt\n"
                                    "entities:") + "claims:\n" + SALES + claim, encoding="utf-8")
    report = factbase.check(factbase.load(project))
    (acme, other) = coverage(report, ["entity"])
    listed = [(u.mention.text, u.occurrences) for u in acme.uncovered]
    assert listed == ([("Globex", 2)] if globex == "uncovered" else [])
    assert (acme.mentions, acme.covered) == (2, 1 if globex == "uncovered" else 2)
    assert other.source_id == "other"


def test_ignored_mentions_leave_the_next_one_to_count(project: Path) -> None:
    project.write_text(HEAD + "claims:\n" + SALES + """\
ignore:
  - {source: acme, quote: Globex takeover talk, reason: the headline}
""", encoding="utf-8")
    result = run("coverage", project, "--kind", "entity", "--format", "json")
    data = json.loads(result.stdout)
    (source,) = data["sources"]
    assert (source["mentions"], source["covered"], source["ignored"]) == (3, 1, 1)
    assert [(u["start"], u["text"], u["occurrences"]) for u in source["uncovered"]] == [
        (76, "Globex", 1)]


@pytest.mark.parametrize(("kinds", "counted", "covered", "listed"), [
    ((), 10, 4, ["Globex", "3%", "1,200", "last month", "5%", "5%"]),
    (("entity",), 2, 1, ["Globex"]),
    (("date",), 2, 1, ["last month"]),
    (("money", "quantity"), 6, 2, ["3%", "1,200", "5%", "5%"]),
    (("person", "role"), 0, 0, []),
])
def test_kind_chooses_what_is_counted(project: Path, kinds: tuple[str, ...], counted: int,
                                      covered: int, listed: list[str]) -> None:
    args = [a for kind in kinds for a in ("--kind", kind)]
    data = json.loads(run("coverage", project, *args, "--format", "json").stdout)
    (source,) = data["sources"]
    assert (source["mentions"], source["covered"]) == (counted, covered)
    assert [u["text"] for u in source["uncovered"]] == listed
    assert source["percent"] == (round(100 * covered / counted, 2) if counted else 100.0)


def test_kind_is_checked(project: Path) -> None:
    result = run("coverage", project, "--kind", "names")
    assert result.exit_code == 2
    assert "Invalid value for '--kind'" in result.stderr


# ---------------------------------------------------------------------------- exit status


@pytest.mark.parametrize(("args", "status", "last"), [
    ((), 0, "exit 0: 40.0 % covered overall (no --min given)"),
    (("--min", "40"), 0, "exit 0: every source is covered at least 40 % (--min); 40.0 % covered overall"),
    (("--min", "60"), 1, "exit 1: source acme is covered 40.0 %, below --min 60"),
    (("--min", "42.5"), 1, "exit 1: source acme is covered 40.0 %, below --min 42.5"),
    (("--min", "60", "--kind", "entity"), 1, "exit 1: source acme is covered 50.0 %, below --min 60"),
    (("--min", "50", "--kind", "entity"), 0,
     "exit 0: every source is covered at least 50 % (--min); 50.0 % covered overall"),
])
def test_the_last_line_explains_the_exit_status(project: Path, args: tuple[str, ...],
                                                 status: int, last: str) -> None:
    result = run("coverage", project, *args)
    assert result.exit_code == status
    assert result.stdout.splitlines()[-1] == last
    data = json.loads(run("coverage", project, *args, "--format", "json").stdout)
    assert (data["exit_status"], data["exit_reason"]) == (status, last)


def test_several_sources_below_the_minimum(project: Path) -> None:
    (project.parent / "sources" / "b.txt").write_text("Prices rose 4% in May.\n", encoding="utf-8")
    project.write_text(HEAD.replace("entities:", "  - id: b\n    path: sources/b.txt\nentities:")
                       + "claims:\n" + SALES, encoding="utf-8")
    result = run("coverage", project, "--min", "50")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        "exit 1: 2 sources are covered below --min 50: acme 40.0 %, b 0.0 %")


def test_errors_in_the_facts_explain_the_exit_status(project: Path) -> None:
    project.write_text(HEAD + "claims:\n" + SALES.replace("8%", "9%").replace("amount: 8", "amount: 9"),
                       encoding="utf-8")
    result = run("coverage", project)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "exit 1: the facts have 1 error (factbase check lists them)"


def test_facts_that_do_not_load(project: Path) -> None:
    project.write_text(HEAD + "claims: [\n", encoding="utf-8")
    result = run("coverage", project)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"exit 1: {project} does not load"


@pytest.mark.parametrize(("minimum", "errors", "expected"), [
    (None, 0, (0, "exit 0: 100.0 % covered overall (no --min given)")),
    (100.0, 0, (0, "exit 0: every source is covered at least 100 % (--min); 100.0 % covered overall")),
    (None, 2, (1, "exit 1: the facts have 2 errors (factbase check lists them)")),
])
def test_outcome_with_nothing_to_cover(minimum: float | None, errors: int,
                                       expected: tuple[int, str]) -> None:
    assert outcome([], minimum, errors) == expected


# ---------------------------------------------------------------------------- the database


BBC_FACTS = """\
factbase: 1
sources:
  - {id: business-005, path: sources/business-005.txt, published: 2005-01}
entities:
  - {id: allied-domecq, name: Allied Domecq, kind: organization, aliases: [Domecq, Allied]}
  - {id: pernod-ricard, name: Pernod Ricard, kind: organization, aliases: [Pernod]}
  - {id: seagram, name: Seagram, kind: organization}
  - {id: diageo, name: Diageo, kind: organization}
  - {id: lvmh, name: LVMH, kind: organization}
claims:
  - id: domecq-shares
    statement: Allied Domecq shares rose 4%.
    subject: allied-domecq
    value: {type: change, of: quantity, direction: up, by: {amount: 4, unit: percent}}
    citations: [{source: business-005, quote: Allied Domecq shares in London rose 4%}]
"""


REPO = Path(__file__).resolve().parent.parent


def _case(root: Path, case: str) -> Path:
    """The facts file of a project: the ACME one, the repository's own, or a BBC article."""
    root.mkdir()
    if case == "seed":
        shutil.copytree(REPO / "sources", root / "sources")
        shutil.copyfile(REPO / "facts.yaml", root / "facts.yaml")
        return root / "facts.yaml"
    (root / "sources").mkdir()
    if case == "acme":
        (root / "sources" / "acme.txt").write_text(ACME, encoding="utf-8")
        (root / "facts.yaml").write_text(HEAD + "claims:\n" + SALES, encoding="utf-8")
        return root / "facts.yaml"
    corpus = bbc_corpus()
    if corpus is None:
        pytest.skip(NO_BBC)
    article = corpus / "business-005.txt"
    (root / "sources" / article.name).write_bytes(article.read_bytes())
    (root / "facts.yaml").write_text(BBC_FACTS, encoding="utf-8")
    return root / "facts.yaml"


@pytest.mark.parametrize("case", ["acme", "seed", "bbc"])
def test_the_view_lists_what_the_command_lists(tmp_path: Path, case: str) -> None:
    """`uncovered_mentions` of a built database against `coverage --format json`, row for
    row, and each source's `coverage` column against the command's percent."""
    facts = _case(tmp_path / case, case)
    data = json.loads(run("coverage", facts, "--format", "json").stdout)
    listed = [(s["source"], u["start"], u["end"], u["kind"], u["text"])
              for s in data["sources"] for u in s["uncovered"]]
    db = tmp_path / f"{case}.db"
    assert run("build", facts, "-o", db).exit_code in (0, 1)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source_id, start, end, kind, text FROM uncovered_mentions"
                            ).fetchall()
        percents = dict(conn.execute("SELECT id, coverage FROM sources").fetchall())
    assert rows == listed
    assert percents == {s["source"]: pytest.approx(s["percent"] / 100, abs=1e-4)
                        for s in data["sources"]}
    expected = {"acme": 6, "seed": 0, "bbc": 18}[case]
    assert len(rows) == expected


def test_the_mentions_table_says_what_each_mention_is_to_coverage(project: Path,
                                                                   tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    assert run("build", project, "-o", db).exit_code == 0
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT text, kind, coverage, claim_id FROM mentions ORDER BY start"
                            ).fetchall()
    assert rows == [
        ("Globex", "entity", "uncovered", None),
        ("Acme Corp", "entity", "covered", "sales"),
        ("8%", "quantity", "covered", "sales"),
        ("$4.7bn", "money", "covered", "sales"),
        ("2004", "date", "covered", "sales"),
        ("Globex", "entity", "repeated", None),
        ("3%", "quantity", "uncovered", None),
        ("Acme Corp", "entity", "repeated", None),
        ("1,200", "quantity", "uncovered", None),
        ("last month", "date", "uncovered", None),
        ("5%", "quantity", "uncovered", None),
        ("5%", "quantity", "uncovered", None),
    ]


def test_the_docs_show_real_coverage(project: Path) -> None:
    """docs/drafting.md's coverage example is what the command prints (lines cut with "...")."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "drafting.md").read_text(encoding="utf-8")
    shown = page.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    printed = run("coverage", project, "--min", "60").stdout.splitlines()
    assert shown[:2] == printed[:2]
    assert printed[2].startswith(shown[2].removesuffix("…"))
    assert shown[3] == "  ..."
    assert shown[4] == printed[-1]


def test_drafts_cover_nothing_until_written(project: Path) -> None:
    """Drafting every mention covers nothing (and drafting again adds nothing); writing a
    draft's statement covers its mention, and its subject."""
    project.write_text(HEAD, encoding="utf-8")
    assert run("mentions", "acme", "--facts", project, "--as-claims", "--kind", "date",
               "--kind", "money", "--kind", "quantity", "--kind", "entity",
               "--into", project).exit_code == 0
    data = json.loads(run("coverage", project, "--format", "json").stdout)
    assert (data["sources"][0]["mentions"], data["sources"][0]["covered"]) == (10, 0)
    again = run("mentions", "acme", "--facts", project, "--as-claims", "--kind", "date",
                "--kind", "money", "--kind", "quantity", "--kind", "entity")
    assert again.stdout == ("# nothing to draft from acme: claims or drafts cover every mention\n"
                            "claims: []\n")
    text = project.read_text(encoding="utf-8")
    at = text.index("statement: TODO", text.index("- id: acme-quantity-3 "))
    project.write_text(text[:at] + "statement: Globex shares fell 3%." + text[at + 15:],
                       encoding="utf-8")
    data = json.loads(run("coverage", project, "--format", "json").stdout)
    (source,) = data["sources"]
    # The 3% (its span) and Globex (the draft's subject) are covered now.
    assert (source["mentions"], source["covered"]) == (10, 2)
    assert "Globex" not in [u["text"] for u in source["uncovered"]]
    db = project.parent / "f.db"
    assert run("build", project, "-o", db).exit_code == 0
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT text FROM uncovered_mentions").fetchall()
    assert [r[0] for r in rows] == [u["text"] for u in source["uncovered"]]
