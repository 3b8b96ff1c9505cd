"""The authoring path, measured: add four BBC articles, draft claims, fill them in, cover one.

    .venv/bin/python benchmarks/drafts_path.py

What a newcomer meets between `factbase add` and a clean `factbase check` (issue 16, parts 4
and 5), on four articles of the BBC corpus (``../shared/corpus/bbc``, read at run time, never
copied into the repository) and the entities a person would declare for them
(``benchmarks/drafts_path/entities.yaml``):

* drafting, per article, with ``factbase mentions SOURCE --facts facts.yaml --as-claims``
  (the CLI, in process), into one file per source (``drafts/SOURCE.yaml``, included by
  facts.yaml) and, in a second project, into one file for all four (appended with ``--into``
  when the command has it, else the printed YAML appended as ``>>`` would): drafts and entity
  stubs per article, exit statuses, whether the drafts of the later articles clash with the
  earlier ones (``duplicate-id``), the median length of a drafted quote;
* ``factbase check`` on the untouched drafts: its exit status and problems by code;
* the same once a person has written every statement (``statement: TODO`` replaced): how many
  drafts load and check without an error;
* coverage of business-005 written up by hand, every fact a claim
  (``benchmarks/drafts_path/business-005.yaml``), and the rows of the database's
  ``uncovered_mentions`` view against the mentions ``factbase coverage`` lists, on that project
  and on the four articles with their entities and no claims.

The corpus is found through ``FACTBASE_BBC_CORPUS``, else ``<repo>/../shared/corpus/bbc``, else
``/work/shared/corpus/bbc``.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bbc_corpus import corpus_dir  # noqa: E402
from click.testing import CliRunner, Result  # noqa: E402

import factbase  # noqa: E402
from factbase.cli import cli  # noqa: E402

ARTICLES = ("business-005", "business-009", "politics-002", "tech-011")
DATA = REPO / "benchmarks" / "drafts_path"
FILLED = "statement: Filled in by a person."


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def new_project(root: Path, corpus: Path) -> Path:
    """A project with the four articles added (`factbase add`) and their entities."""
    root.mkdir(parents=True)
    facts = root / "facts.yaml"
    for name in ARTICLES:
        result = run("add", str(corpus / f"{name}.txt"), "--facts", str(facts))
        assert result.exit_code == 0, result.output
    entities = (DATA / "entities.yaml").read_text(encoding="utf-8")
    facts.write_text(facts.read_text(encoding="utf-8") + entities, encoding="utf-8")
    return facts


def include(facts: Path, pattern: str) -> None:
    text = facts.read_text(encoding="utf-8")
    if "\ninclude:" not in text:
        facts.write_text(text + f"include: [{pattern}]\n", encoding="utf-8")


def has_into() -> bool:
    return "--into" in run("mentions", "--help").output


def draft_all(facts: Path, one_file: bool, into: bool) -> list[dict[str, Any]]:
    """Draft the four articles in turn (each drafting sees the drafts before it)."""
    root = facts.parent
    rows = []
    for name in ARTICLES:
        target = root / ("drafts.yaml" if one_file else f"drafts/{name}.yaml")
        target.parent.mkdir(exist_ok=True)
        args = ["mentions", name, "--facts", str(facts), "--as-claims"]
        result = run(*args, "--into", str(target)) if into else run(*args)
        printed = result.stdout
        if result.exit_code == 0 and not into:
            with target.open("a", encoding="utf-8") as out:
                out.write(printed)
        if result.exit_code == 0:
            include(facts, "drafts.yaml" if one_file else "drafts/*.yaml")
        drafted = printed if not into else target.read_text(encoding="utf-8")
        rows.append({"article": name, "exit": result.exit_code, "printed": printed,
                     "error": result.output.strip().splitlines()[:1] if result.exit_code else [],
                     "claims": count_items(printed, "claims") if not into else None,
                     "stubs": count_items(printed, "entities") if not into else None,
                     "file": drafted})
    if into:  # the drafts of each article are those the file gained
        before = 0
        for row in rows:
            claims = count_items(row["file"], "claims")
            row["claims"], before = claims - before, claims
            row["stubs"] = None
    return rows


def count_items(text: str, key: str) -> int:
    """The items of a top-level list in drafted YAML, counted on its lines (the text need not
    load: the list may be repeated)."""
    count, inside = 0, False
    for line in text.splitlines():
        if re.match(r"^[A-Za-z_]+:", line):
            inside = line.startswith(f"{key}:")
        elif inside and re.match(r"^  - ", line):
            count += 1
    return count


def quotes(text: str) -> list[str]:
    out = []
    for m in re.finditer(r"^\s+quote: (.+)$", text, re.M):
        raw = m.group(1)
        out.append(json.loads(raw) if raw.startswith('"') else raw)
    return out


def check(facts: Path) -> tuple[int, Counter[str], factbase.Report | None, str]:
    result = run("check", str(facts), "--format", "json")
    codes: Counter[str] = Counter()
    try:
        report = factbase.check(factbase.load(facts))
    except factbase.FactsError as exc:
        codes.update(p.code for p in exc.problems)
        return result.exit_code, codes, None, exc.problems[0].message
    codes.update(p.code for p in report.problems)
    return result.exit_code, codes, report, ""


def fill_in(root: Path) -> None:
    for path in [root / "drafts.yaml", *sorted((root / "drafts").glob("*.yaml"))]:
        if path.exists():
            path.write_text(path.read_text(encoding="utf-8").replace("statement: TODO", FILLED),
                            encoding="utf-8")


def clean_claims(report: factbase.Report) -> int:
    """Claims with no error of their own or of their citations."""
    return sum(1 for c in report.claims
               if not any(p.severity == "error"
                          for p in [*c.problems, *(q for cit in c.citations for q in cit.problems)]))


def coverage_vs_view(facts: Path) -> tuple[float, int, int, int]:
    """Coverage %, mentions listed by `factbase coverage --format json`, lines of its text
    output that list a mention, and rows of the built database's uncovered_mentions view."""
    result = run("coverage", str(facts), "--format", "json")
    data = json.loads(result.stdout)
    listed = sum(len(s["uncovered"]) for s in data["sources"])
    text = run("coverage", str(facts)).stdout
    lines = sum(1 for line in text.splitlines() if line.startswith("  "))
    db = facts.parent / "factbase.db"
    built = run("build", str(facts), "-o", str(db))
    assert db.exists(), built.output
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT count(*) FROM uncovered_mentions").fetchone()[0]
    return data["percent"], listed, lines, rows


def subjects_agree(drafted: Path, corpus: Path) -> tuple[int, int]:
    """How many drafts of business-005 suggest the subject that the hand-written claim of the
    same typed value gives (drafts without a subject count as disagreeing), of those compared.
    The hand-written claims were written before drafts suggested subjects."""
    with tempfile.TemporaryDirectory(prefix="factbase-drafts-subjects-") as tmp:
        root = Path(tmp)
        (root / "sources").mkdir()
        shutil.copyfile(corpus / "business-005.txt", root / "sources" / "business-005.txt")
        shutil.copyfile(DATA / "business-005.yaml", root / "facts.yaml")
        shutil.copyfile(drafted, root / "drafts.yaml")
        with (root / "facts.yaml").open("a", encoding="utf-8") as out:
            out.write("include: [drafts.yaml]\n")
        records = factbase.load(root / "facts.yaml").records
    # A quote value says nothing to match by: those drafts (unresolved dates) are left out.
    hand = {json.dumps(r.value, sort_keys=True, default=str): r.subject
            for r in records if not r.id.startswith("business-005-")
            and not (isinstance(r.value, dict) and r.value.get("type") == "quote")}
    agree = compared = 0
    for r in records:
        key = json.dumps(r.value, sort_keys=True, default=str)
        if r.id.startswith("business-005-") and key in hand:
            compared += 1
            agree += r.subject == hand[key]
    return agree, compared


def main() -> int:
    corpus = corpus_dir()
    print(f"drafts path: {', '.join(ARTICLES)} from {corpus}")
    with tempfile.TemporaryDirectory(prefix="factbase-drafts-path-") as tmp:
        layouts = [("one file per source drafts/SOURCE.yaml (printed, > FILE)", False, False),
                   ("one file drafts.yaml (printed, >> drafts.yaml)", True, False)]
        if has_into():
            layouts.append(("one file drafts.yaml (--into drafts.yaml)", True, True))
        for n, (layout, one_file, into) in enumerate(layouts):
            facts = new_project(Path(tmp) / f"layout-{n}", corpus)
            print(f"\n== drafted into {layout}")
            rows = draft_all(facts, one_file, into)
            for row in rows:
                stubs = "" if row["stubs"] is None else f", {row['stubs']} entity stubs"
                error = f"  ({row['error'][0]})" if row["error"] else ""
                print(f"  {row['article']}: exit {row['exit']}, {row['claims']} drafts{stubs}{error}")
            drafted = sum(r["claims"] or 0 for r in rows)
            texts = [facts.parent / "drafts.yaml"] if one_file else sorted(
                (facts.parent / "drafts").glob("*.yaml"))
            lengths = [len(q) for p in texts for q in quotes(p.read_text(encoding="utf-8"))]
            if lengths:
                print(f"  quotes: median {statistics.median(lengths):.0f} characters, "
                      f"mean {statistics.mean(lengths):.0f}, longest {max(lengths)}")
            code, codes, report, first = check(facts)
            loaded = "loads" if report is not None else f"does not load: {first}"
            print(f"  check, drafts untouched: exit {code}, {loaded}; problems: "
                  + (", ".join(f"{c} {n}" for c, n in codes.most_common()) or "none"))
            fill_in(facts.parent)
            code, codes, report, first = check(facts)
            if report is None:
                print(f"  check, statements filled in: exit {code}, does not load ({first}); "
                      f"0 of {drafted} drafts check")
            else:
                print(f"  check, statements filled in: exit {code}; "
                      f"{clean_claims(report)} of {len(report.claims)} drafts check without an "
                      "error; statuses " + ", ".join(
                          f"{s} {n}" for s, n in Counter(c.status for c in report.claims).most_common())
                      + "; problems: " + (", ".join(f"{c} {n}" for c, n in codes.most_common()) or "none"))
                data = json.loads(run("coverage", str(facts), "--format", "json").stdout)
                print(f"  coverage once every draft is written: {data['percent']:.1f} % "
                      f"({sum(len(s['uncovered']) for s in data['sources'])} listed)")
        agree, compared = subjects_agree(Path(tmp) / "layout-0" / "drafts" / "business-005.yaml",
                                         corpus)
        print(f"\n== subjects drafted for business-005 against the hand-written claims of the "
              f"same values: {agree} of {compared} agree")
        written = Path(tmp) / "written"
        (written / "sources").mkdir(parents=True)
        shutil.copyfile(corpus / "business-005.txt", written / "sources" / "business-005.txt")
        shutil.copyfile(DATA / "business-005.yaml", written / "facts.yaml")
        percent, listed, lines, rows = coverage_vs_view(written / "facts.yaml")
        print("\n== business-005 written up by hand "
              f"({len(factbase.load(written / 'facts.yaml').records)} claims)")
        print(f"  coverage {percent:.1f} %; coverage lists {listed} mentions ({lines} lines), "
              f"uncovered_mentions has {rows} rows")
        bare = new_project(Path(tmp) / "bare", corpus)
        percent, listed, lines, rows = coverage_vs_view(bare)
        print("\n== the four articles with their entities, no claims")
        print(f"  coverage {percent:.1f} %; coverage lists {listed} mentions ({lines} lines), "
              f"uncovered_mentions has {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
