"""Verdicts benchmark: is ``verified`` trustworthy on claims written against real articles?

    .venv/bin/python benchmarks/verdicts.py [--errors] [--claims FOLDER]

Reads the hand-written claims of ``benchmarks/verdicts/`` (``facts.yaml`` and the per-article
files it includes), or of the folder given with ``--claims``: ``benchmarks/verdicts_heldout/``
is a second set of the same kind over ten other articles, written before the rules were tuned
on the first and never edited after its first run. Each claim is tagged ``expect-true`` (the cited span states this value of
this subject) or ``expect-wrong`` with ``wrong:<way>`` (second-value, change-vs-level,
other-role, wrong-unit, wrong-precision, wrong-subject, or wrong-value as a control).

The articles are BBC News texts of 2004-2005 (``../shared/corpus/bbc``) and are never copied
into the repository: the runner builds a temporary project, copies every cited article from
the corpus to the ``sources/<file>.txt`` path its facts file declares, and loads and checks it
with the Python API (``factbase.load``, ``factbase.check``). The corpus is found through the
environment variable ``FACTBASE_BBC_CORPUS``, else ``<repo>/../shared/corpus/bbc``, else
``/work/shared/corpus/bbc``.

It prints

- true claims verified (status ``verified``; target 100 %),
- wrong claims caught (status not ``verified``, or any problem or warning on the claim;
  target 100 %), per way,
- true claims flagged (not verified, or verified with a warning; target at most 15 %).

When the whole project cannot be loaded (a release that does not read a value form yet), each
claim is loaded on its own: a facts file in the same temporary project with all the entities,
the sources that claim cites and that one claim. A claim that cannot be loaded or checked is
not verified. A wrong claim counts as caught only when it is rejected for a reason that is not
a format error: rejections whose problems are all format codes (the "facts file" group of the
registry, ``invalid-value`` and ``unknown-role``) are counted apart as "rejected (format)".
``--errors`` lists every miss: claim id, status, problem codes and statement.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bbc_corpus import corpus_dir  # noqa: E402

import factbase  # noqa: E402
from factbase.problems import REGISTRY, FactsError, Problem  # noqa: E402

CLAIMS = REPO / "benchmarks" / "verdicts"
MAIN = "facts.yaml"
WAYS = (
    "second-value",
    "change-vs-level",
    "other-role",
    "wrong-unit",
    "wrong-precision",
    "wrong-subject",
    "wrong-value",
)
# Problems that say "this release cannot read the claim", not "the claim is wrong".
FORMAT_CODES = frozenset(
    {code for code, t in REGISTRY.items() if t.group == "facts file"} | {"invalid-value", "unknown-role"}
)
TARGET_VERIFIED = 100.0
TARGET_CAUGHT = 100.0
TARGET_FLAGGED = 15.0


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader without timestamps: "2005-01" and "2005-03-03" stay strings."""


_Loader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    return data if isinstance(data, dict) else {}


@dataclass
class Labelled:
    """A claim as written, with its label."""

    id: str
    statement: str
    tags: list[str]
    raw: dict[str, Any]

    @property
    def expect_true(self) -> bool:
        return "expect-true" in self.tags

    @property
    def way(self) -> str | None:
        for tag in self.tags:
            if tag.startswith("wrong:"):
                return tag.removeprefix("wrong:")
        return None

    @property
    def forms(self) -> list[str]:
        return [t.removeprefix("form:") for t in self.tags if t.startswith("form:")]


@dataclass
class Outcome:
    """What factbase made of one claim."""

    status: str  # a claim status, or "rejected" (could not be loaded) or "crashed"
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def codes(self) -> list[str]:
        return sorted(set(self.errors) | set(self.warnings))

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    @property
    def clean(self) -> bool:
        """Verified with no problem at all."""
        return self.verified and not self.errors and not self.warnings

    @property
    def format_rejection(self) -> bool:
        """Not verified only because this release cannot read the claim."""
        if self.verified or self.status == "crashed":
            return False
        return bool(self.errors) and set(self.errors) <= FORMAT_CODES


@dataclass
class Project:
    root: Path
    sources: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    claims: list[Labelled]


def build_project(root: Path, corpus: Path, claims_dir: Path = CLAIMS) -> Project:
    """Copy the facts files of ``claims_dir`` and every cited article into ``root``."""
    sources: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    claims: list[Labelled] = []
    for path in sorted(claims_dir.glob("*.yaml")):
        shutil.copyfile(path, root / path.name)
        doc = read_yaml(path)
        sources.extend(doc.get("sources") or [])
        entities.extend(doc.get("entities") or [])
        for raw in doc.get("claims") or []:
            claims.append(Labelled(str(raw["id"]), str(raw.get("statement", "")),
                                   [str(t) for t in raw.get("tags") or []], raw))
    for source in sources:
        target = root / str(source["path"])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus / Path(str(source["path"])).name, target)
    return Project(root, sources, entities, claims)


def _codes(problems: Iterable[Problem], severity: str) -> list[str]:
    return sorted({p.code for p in problems if p.severity == severity})


def _claim_problems(report: factbase.Report, claim_id: str) -> list[Problem]:
    result = report.claim(claim_id)
    found: list[Problem] = list(result.problems)
    for citation in result.citations:
        found.extend(citation.problems)
    found.extend(p for p in report.problems if p.claim_id == claim_id)
    return found


def outcome_of(report: factbase.Report, claim_id: str) -> Outcome:
    problems = _claim_problems(report, claim_id)
    return Outcome(report.claim(claim_id).status, _codes(problems, "error"),
                   _codes(problems, "warning"))


def check_whole(project: Project) -> tuple[dict[str, Outcome] | None, list[Problem]]:
    """Load and check the whole project; None (and the load problems) when it does not load."""
    try:
        facts = factbase.load(project.root / MAIN)
    except FactsError as exc:
        return None, list(exc.problems)
    report = factbase.check(facts)
    return {c.id: outcome_of(report, c.id) for c in project.claims}, []


def check_one(project: Project, claim: Labelled) -> Outcome:
    """Load and check one claim in a facts file of its own, in the same temporary project."""
    cited = {str(c.get("source")) for c in claim.raw.get("citations") or []}
    doc = {
        "factbase": 1,
        "sources": [s for s in project.sources if str(s.get("id")) in cited],
        "entities": project.entities,
        "claims": [claim.raw],
    }
    path = project.root / f"one-{claim.id}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        try:
            facts = factbase.load(path)
        except FactsError as exc:
            mine = list(exc.problems)
            return Outcome("rejected", _codes(mine, "error"), _codes(mine, "warning"),
                           "; ".join(sorted({p.message for p in mine if p.severity == "error"})))
        try:
            report = factbase.check(facts)
            return outcome_of(report, claim.id)
        except Exception as exc:  # a crash is a miss, never a verdict
            return Outcome("crashed", note=f"{type(exc).__name__}: {exc}".splitlines()[0])
    finally:
        path.unlink(missing_ok=True)


def pct(n: int, d: int) -> str:
    return f"{n} / {d} ({100.0 * n / d:.1f} %)" if d else f"{n} / 0"


def run(errors: bool, claims_dir: Path = CLAIMS) -> int:
    corpus = corpus_dir()
    with tempfile.TemporaryDirectory(prefix="factbase-verdicts-") as tmp:
        project = build_project(Path(tmp), corpus, claims_dir)
        try:
            outcomes, load_problems = check_whole(project)
        except Exception:
            traceback.print_exc()
            outcomes, load_problems = None, []
        if outcomes is not None:
            mode = "whole project"
        else:
            counts = Counter(p.code for p in load_problems if p.severity == "error")
            summary = ", ".join(f"{code} x{n}" for code, n in counts.most_common()) or "a crash"
            mode = f"per claim (the whole project does not load: {summary})"
            outcomes = {c.id: check_one(project, c) for c in project.claims}
        print_report(project, outcomes, mode, corpus, errors, claims_dir)
    return 0


def print_report(project: Project, outcomes: dict[str, Outcome], mode: str, corpus: Path,
                 errors: bool, claims_dir: Path = CLAIMS) -> None:
    true_claims = [c for c in project.claims if c.expect_true]
    wrong_claims = [c for c in project.claims if not c.expect_true]
    articles = {str(s.get("path")) for s in project.sources}
    print(f"verdicts benchmark: {len(project.claims)} claims over {len(articles)} articles "
          f"({len(true_claims)} true, {len(wrong_claims)} wrong)")
    print(f"claims: {_shown(claims_dir)}; corpus: {corpus}")
    print(f"factbase {factbase.__version__}; checked {mode}")
    print()

    verified = [c for c in true_claims if outcomes[c.id].verified]
    flagged = [c for c in true_claims if not outcomes[c.id].clean]
    fmt = [c for c in wrong_claims if outcomes[c.id].format_rejection]
    caught = [c for c in wrong_claims
              if not outcomes[c.id].clean and not outcomes[c.id].format_rejection]
    print(f"true claims verified:  {pct(len(verified), len(true_claims))}, target {TARGET_VERIFIED:.0f} %")
    print(f"wrong claims caught:   {pct(len(caught), len(wrong_claims))}, target {TARGET_CAUGHT:.0f} %"
          f"  (rejected (format), not counted as caught: {len(fmt)})")
    print(f"true claims flagged:   {pct(len(flagged), len(true_claims))}, target <= {TARGET_FLAGGED:.0f} %")
    print()

    print("wrong claims by way            caught               rejected (format)  verified clean")
    by_way: dict[str, list[Labelled]] = defaultdict(list)
    for c in wrong_claims:
        by_way[c.way or "?"].append(c)
    for way in [*WAYS, *sorted(set(by_way) - set(WAYS))]:
        group = by_way.get(way, [])
        if not group:
            continue
        n_caught = sum(1 for c in group if c in caught)
        n_fmt = sum(1 for c in group if c in fmt)
        n_clean = sum(1 for c in group if outcomes[c.id].clean)
        print(f"  {way:27s}  {pct(n_caught, len(group)):19s}  {n_fmt:17d}  {n_clean:14d}")
    print()

    print("true claims by form            verified             flagged")
    by_form: dict[str, list[Labelled]] = defaultdict(list)
    for c in true_claims:
        for form in c.forms or ["(untagged)"]:
            by_form[form].append(c)
    for form in sorted(by_form):
        group = by_form[form]
        n_ver = sum(1 for c in group if outcomes[c.id].verified)
        n_flag = sum(1 for c in group if not outcomes[c.id].clean)
        print(f"  {form:27s}  {pct(n_ver, len(group)):19s}  {n_flag}")
    print()

    statuses = Counter(outcomes[c.id].status for c in project.claims)
    print("statuses: " + ", ".join(f"{s} {n}" for s, n in statuses.most_common()))
    codes = Counter(code for c in project.claims for code in outcomes[c.id].codes)
    print("problem codes on claims: " + (", ".join(f"{k} {n}" for k, n in codes.most_common()) or "none"))

    if errors:
        print_misses(project, outcomes, caught, fmt)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def _line(claim: Labelled, outcome: Outcome) -> str:
    codes = ",".join(outcome.codes) or "-"
    text = f"  {claim.id}  [{outcome.status}; {codes}]  {claim.statement}"
    if outcome.note:
        text += f"\n      {outcome.note}"
    return text


def print_misses(project: Project, outcomes: dict[str, Outcome], caught: list[Labelled],
                 fmt: list[Labelled]) -> None:
    true_claims = [c for c in project.claims if c.expect_true]
    wrong_claims = [c for c in project.claims if not c.expect_true]
    sections: list[tuple[str, list[Labelled]]] = [
        ("true claims not verified", [c for c in true_claims if not outcomes[c.id].verified]),
        ("true claims verified with a warning (flagged)",
         [c for c in true_claims if outcomes[c.id].verified and not outcomes[c.id].clean]),
    ]
    for way in WAYS:
        sections.append((f"wrong claims not caught: {way}",
                         [c for c in wrong_claims if c.way == way and c not in caught and c not in fmt]))
    sections.append(("wrong claims rejected (format), not counted as caught", fmt))
    for title, group in sections:
        print()
        print(f"{title}: {len(group)}")
        for claim in group:
            print(_line(claim, outcomes[claim.id]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--errors", action="store_true",
                        help="list every miss: claim id, status, problem codes, statement")
    parser.add_argument("--claims", type=Path, default=CLAIMS, metavar="FOLDER",
                        help="folder of the labelled claims (facts.yaml and the files it includes);"
                             " default benchmarks/verdicts")
    args = parser.parse_args(argv)
    if not (args.claims / MAIN).is_file():
        parser.error(f"{args.claims}: no {MAIN} in this folder")
    return run(args.errors, args.claims)


if __name__ == "__main__":
    sys.exit(main())
