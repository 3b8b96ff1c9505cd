"""Report rendering benchmark: each format against a plain ``json.dumps`` of the report.

Builds a synthetic report (deterministic) with --claims claims over one source, a problem on
every third claim (half of them span problems), and times each renderer of
``factbase.report`` plus the baseline filter. The baseline measured in the same run is
``json.dumps(report.to_dict())``: a ratio of 3 means the format takes three times as long as
that dump. Also prints problems/s through ``--baseline`` filtering.

Run: .venv/bin/python benchmarks/reports.py [--claims 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factbase.loader import FactSet
from factbase.model import Source
from factbase.problems import Problem
from factbase.report import FORMATS, render
from factbase.report.baseline import Baseline, apply
from factbase.results import CitationResult, ClaimResult, Report, SourceResult


def synthetic(root: Path, claims: int) -> Report:
    text = "".join(f"Paragraph {i} says the fund held ${i} million in {1900 + i % 120}.\n"
                   for i in range(claims))
    (root / "sources").mkdir(exist_ok=True)
    (root / "sources" / "s.txt").write_text(text, encoding="utf-8")
    facts = FactSet(path=root / "facts.yaml", root=root, sources=[Source(id="s", path="sources/s.txt")])
    results: list[ClaimResult] = []
    problems: list[Problem] = []
    offset = 0
    for i in range(claims):
        line_len = len(f"Paragraph {i} says the fund held ${i} million in {1900 + i % 120}.\n")
        cid = f"claim-{i}"
        mine: list[Problem] = []
        if i % 3 == 0:
            span = i % 2 == 0
            mine.append(Problem(
                "value-mismatch" if span else "quote-not-found", "error",
                f"problem of {cid}: the span says ${i} million", file="facts.yaml",
                line=6 * i + 10, column=11, claim_id=cid, citation_id=f"{cid}#0", source_id="s",
                start=offset if span else None, end=offset + line_len - 1 if span else None))
        citation = CitationResult(0, cid, "s", "quote", offset, offset + line_len - 1, "exact",
                                  100.0, not mine, "contradicted" if mine else "verified",
                                  problems=list(mine))
        results.append(ClaimResult(cid, f"Statement {i}.", "contradicted" if mine else "verified",
                                   "money", {"type": "money", "amount": str(i * 10**6),
                                             "currency": "USD"}, f"{i} million USD", None, None,
                                   [], "facts.yaml", 6 * i + 7, [citation], list(mine)))
        problems.extend(mine)
        offset += line_len
    return Report(facts=facts, claims=results,
                  sources=[SourceResult("s", "sources/s.txt", text, None, False)],
                  problems=problems)


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        report = synthetic(Path(tmp), args.claims)
        base = best(lambda: json.dumps(report.to_dict()), args.repeat)
        print(f"{args.claims} claims, {len(report.problems)} problems; "
              f"baseline json.dumps(report.to_dict()): {base * 1000:.1f} ms")
        for fmt in FORMATS:
            t = best(lambda fmt=fmt: render(report, fmt), args.repeat)
            print(f"  {fmt:<9} {t * 1000:8.1f} ms  ratio {t / base:5.2f}")
        t = best(lambda: render(report, "text", color=True), args.repeat)
        print(f"  {'text+rich':<9} {t * 1000:8.1f} ms  ratio {t / base:5.2f}")
        baseline = Baseline.from_problems(report.problems[::2])
        t = best(lambda: apply(report, baseline=baseline), args.repeat)
        print(f"  baseline filter {t * 1000:8.1f} ms  ratio {t / base:5.2f}  "
              f"({len(report.problems) / t:,.0f} problems/s)")


if __name__ == "__main__":
    main()
