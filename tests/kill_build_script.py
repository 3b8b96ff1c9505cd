"""Kill `factbase.publish` with SIGKILL at random moments and check the database each time.

A synthetic project of ``--claims`` claims is checked twice (two versions of the facts, so
two different databases A and B); then, ``--iterations`` times, a forked child publishes A and
B in turn into one destination until the parent kills it with SIGKILL after a random delay.
After each kill the destination must be byte-identical to A or to B (builds are
deterministic, so anything else is a torn file), open read-only, and pass SQLite's
``integrity_check``; the next build must not wait on the dead child's lock. Kills that left a
temporary file behind landed mid-build; kills after which the file changed came after a
replace. One more build at the end must get the lock and clear the leftovers.

Run: .venv/bin/python tests/kill_build_script.py [--iterations 50] [--claims 2000] [--seed 0]
Exit status 0 when every check held; the last line is a JSON summary.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factbase import check, load
from factbase.db import publish
from factbase.results import Report


def make_project(folder: Path, claims: int, version: str) -> Path:
    """A facts file of ``claims`` money claims over one generated source."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    lines = [f"Item {i} of the {version} list cost ${i + 1} million in 2019." for i in range(claims)]
    (folder / "sources" / "items.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = ["factbase: 1", f"title: Kill test {version}", "sources:",
           "  - {id: items, path: sources/items.txt, published: 2020-01}", "claims:"]
    for i in range(claims):
        out.append(f"  - id: item-{i}\n    statement: Item {i} cost ${i + 1} million.\n"
                   f"    value: {{type: money, amount: {(i + 1) * 1_000_000}, currency: USD}}\n"
                   f"    citations: [{{source: items, quote: \"Item {i} of the {version} list cost "
                   f"${i + 1} million\"}}]")
    facts = folder / "facts.yaml"
    facts.write_text("\n".join(out) + "\n", encoding="utf-8")
    return facts


def digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "missing"


def intact(path: Path) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ok = conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        return ok and conn.execute("select count(*) from claims").fetchone()[0] > 0
    finally:
        conn.close()


def child(reports: list[Report], dest: Path, first: int) -> None:
    """Publish the reports in turn, starting with ``first``, forever (until killed)."""
    try:
        i = first
        while True:
            publish(reports[i % 2], dest, metadata=True)
            i += 1
    finally:
        os._exit(1)  # never run the parent's cleanup in the child


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds a build may wait")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="factbase-kill-") as tmp:
        work = Path(tmp)
        reports = [check(load(make_project(work / v, args.claims, v))) for v in ("a", "b")]
        out = work / "out"
        out.mkdir()
        dest = out / "factbase.db"
        expected = {}
        for name, report in zip("ab", reports, strict=True):
            began = time.perf_counter()
            publish(report, dest)
            build_seconds = time.perf_counter() - began
            expected[digest(dest)] = name

        failures: list[str] = []
        seen: dict[str, int] = {"a": 0, "b": 0}
        replaced = mid_build = 0
        for iteration in range(args.iterations):
            before = expected.get(digest(dest))
            if before is None:
                break  # already reported as torn
            pid = os.fork()
            if pid == 0:
                # Start with the other database, so that every finished build changes the file.
                child(reports, dest, first=1 if before == "a" else 0)
            # Up to three builds' time: kills land anywhere in a build, the replace included.
            time.sleep(rng.uniform(0, 3 * build_seconds))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            now = digest(dest)
            if now not in expected:
                failures.append(f"iteration {iteration}: torn database (sha256 {now[:12]})")
            elif not intact(dest):
                failures.append(f"iteration {iteration}: integrity_check failed")
            else:
                seen[expected[now]] += 1
                replaced += expected[now] != before
            mid_build += bool(list(out.glob(".factbase.db.*.tmp*")))
            for config in out.glob("*.metadata.json"):
                try:
                    json.loads(config.read_text(encoding="utf-8"))
                except ValueError:
                    failures.append(f"iteration {iteration}: {config.name} is not JSON")

        # A build after the kills: it must get the lock the dead children held, and clear
        # their temporary files.
        began = time.perf_counter()
        publish(reports[0], dest)
        if time.perf_counter() - began > args.timeout:
            failures.append("the build after the kills waited on a lock")
        remaining = sorted(p.name for p in out.glob(".factbase.db.*.tmp*"))
        if remaining:
            failures.append(f"temporary files left after a clean build: {remaining}")
        if digest(dest) not in expected or expected[digest(dest)] != "a":
            failures.append("the clean build did not write database A")

    for failure in failures:
        print(failure)
    summary = {"iterations": args.iterations, "claims": args.claims, "build_seconds": round(build_seconds, 3),
               "ended_as_a": seen["a"], "ended_as_b": seen["b"], "replaced": replaced,
               "killed_mid_build": mid_build, "failures": len(failures)}
    print(json.dumps(summary))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
