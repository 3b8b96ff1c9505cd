"""Drafts round-trip: do the claim stubs factbase drafts from an article verify as drafted?

    .venv/bin/python benchmarks/drafts_roundtrip.py [--limit N] [--errors]

For every article of the BBC corpus (``../shared/corpus/bbc``, read at run time, never copied
into the repository) the runner makes a temporary project with that one source and the
entities the verdicts benchmark declares (``benchmarks/verdicts/*.yaml``: people with their
roles, companies, countries; so names and roles are drafted too), runs
``factbase mentions SOURCE --facts facts.yaml --as-claims --kind ... --into facts.yaml`` (the
CLI, in process, every kind), which adds the stubs to the facts file, and checks it. A stub is a claim whose value is the mention's
own typed value, citing the sentence around it, so every stub should verify: one that does
not is a disagreement between the extractors and the verifier (or a drafting bug).

It prints the stubs drafted, verified and failing, by mention kind, the problem codes of the
failures, and how many verified stubs carry a warning. ``--errors`` lists every failing stub.
The corpus is found through ``FACTBASE_BBC_CORPUS``, else ``<repo>/../shared/corpus/bbc``,
else ``/work/shared/corpus/bbc``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bbc_corpus import corpus_dir  # noqa: E402
from click.testing import CliRunner  # noqa: E402

import factbase  # noqa: E402
from factbase.cli import cli  # noqa: E402

# Every kind, the entity-occurrence drafts (entity, role, person) included.
KINDS = ("date", "money", "quantity", "entity", "role", "person")
HEAD = """factbase: 1
sources:
  - id: article
    path: sources/article.txt
"""


def entities_yaml() -> str:
    """The entities of the verdicts benchmark, as a YAML ``entities:`` block."""
    entities: list[Any] = []
    seen: set[str] = set()
    for path in sorted((REPO / "benchmarks" / "verdicts").glob("*.yaml")):
        for entity in yaml.safe_load(path.read_text(encoding="utf-8")).get("entities") or []:
            if entity["id"] not in seen:
                seen.add(entity["id"])
                entities.append(entity)
    return yaml.safe_dump({"entities": entities}, allow_unicode=True, sort_keys=False)


def round_trip(article: Path, root: Path, entities: str = "") -> tuple[list[tuple[str, str, list[str], list[str], str]], str]:
    """Draft the stubs of one article and check them: (claim id, status, error codes,
    warning codes, value) per stub, and the stubs' YAML."""
    (root / "sources").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(article, root / "sources" / "article.txt")
    facts = root / "facts.yaml"
    facts.write_text(HEAD + entities, encoding="utf-8")
    kinds = [arg for kind in KINDS for arg in ("--kind", kind)]
    result = CliRunner().invoke(cli, ["mentions", "article", "--facts", str(facts), "--as-claims",
                                      *kinds, "--into", str(facts)])
    if result.exit_code != 0:
        raise RuntimeError(f"{article.name}: mentions --as-claims exited {result.exit_code}: "
                           f"{result.output[-500:]}")
    stubs = facts.read_text(encoding="utf-8")
    report = factbase.check(factbase.load(facts))
    out = []
    for claim in report.claims:
        # Every draft warns `draft-claim` until its statement is written: not counted.
        problems = [p for c in claim.citations for p in c.problems] + list(claim.problems)
        errors = sorted({p.code for p in problems if p.severity == "error"})
        warnings = sorted({p.code for p in problems if p.severity == "warning"})
        out.append((claim.id, claim.status, errors, warnings, claim.display))
    return out, stubs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--errors", action="store_true", help="list every failing stub")
    parser.add_argument("--no-entities", action="store_true",
                        help="declare no entities (dates, money and quantities only)")
    args = parser.parse_args(argv)
    corpus = corpus_dir()
    articles = sorted(corpus.glob("*.txt"))[: args.limit]
    entities = "" if args.no_entities else entities_yaml()
    drafted: Counter[str] = Counter()
    verified: Counter[str] = Counter()
    warned: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    warning_codes: Counter[str] = Counter()
    failures: list[str] = []
    shape: Counter[str] = Counter()
    lengths: list[int] = []
    started = time.perf_counter()
    for article in articles:
        with tempfile.TemporaryDirectory(prefix="factbase-drafts-") as tmp:
            results, stubs = round_trip(article, Path(tmp), entities)
        shape["subject"] += stubs.count("\n    subject: ")
        shape["prefix"] += stubs.count("\n        prefix: ")
        shape["mention"] += stubs.count("\n        mention: ")
        shape["unresolved date"] += stubs.count("needs the source's published date")
        shape["not drafted"] += stubs.count("# not drafted: ")
        lengths += [len(json.loads(q)) for q in re.findall(r'\n        quote: (".*")', stubs)]
        for claim_id, status, errors, warnings, display in results:
            kind = claim_id.split("-")[1]  # article-KIND-...
            drafted[kind] += 1
            if status == "verified":
                verified[kind] += 1
                if warnings:
                    warned[kind] += 1
                    warning_codes.update(warnings)
            else:
                codes.update(errors or [status])
                failures.append(f"  {article.name} {claim_id} [{status}; {','.join(errors)}] {display}")
    elapsed = time.perf_counter() - started
    total, ok = sum(drafted.values()), sum(verified.values())
    declared = "no entities" if args.no_entities else f"{entities.count('- id: ')} entities"
    print(f"drafts round-trip: {len(articles)} BBC articles from {corpus} ({declared}), "
          f"{elapsed:.1f} s")
    print(f"drafted {total}, verified {ok} ({100.0 * ok / total if total else 0:.1f} %), "
          f"failing {total - ok}; verified with a warning {sum(warned.values())}")
    print()
    print("kind        drafted  verified  failing  warned")
    for kind in sorted(drafted):
        print(f"  {kind:9s} {drafted[kind]:8d} {verified[kind]:9d} "
              f"{drafted[kind] - verified[kind]:8d} {warned[kind]:7d}")
    print()
    print(f"quotes: median {statistics.median(lengths) if lengths else 0:.0f} characters; drafts "
          + ", ".join(f"with a {k} {n}" if k in ("subject", "prefix", "mention") else f"{k} {n}"
                      for k, n in shape.items()))
    print()
    print("failing by code: " + (", ".join(f"{c} {n}" for c, n in codes.most_common()) or "none"))
    print("warnings on verified stubs: "
          + (", ".join(f"{c} {n}" for c, n in warning_codes.most_common()) or "none"))
    if args.errors and failures:
        print()
        print(f"failing stubs: {len(failures)}")
        print("\n".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
