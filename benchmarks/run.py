"""factbase at scale: load, check and build against floors measured on the same files.

For each size, a project is generated (benchmarks/generate.py, cached in --workdir), then fresh
processes measure the floors, the pipeline and the streamed build, so that the peak RSS of each
is its own:

* floors: YAML parse of every facts file with PyYAML's C loader (``yaml.load`` with
  ``CSafeLoader``); ``str.find`` of every cited quote in its source (reading the sources
  included); raw ``sqlite3.executemany`` of the database's rows into plain tables, one
  transaction (the rows read back from the database the build wrote);
* pipeline: ``factbase.load``; ``factbase.check`` cold with the cache being written, with the
  default workers; the same with one worker (``--serial``); ``factbase.check`` again from the
  cache (warm); ``factbase.publish`` of the report (the database writing alone);
* build: ``factbase build`` as the CLI runs it (load, then check streamed into the database, no
  cache), in its own process: its time and peak RSS;
* one source of 10 MB with 20,000 cited quotes, anchored in one pass (``Anchorer.anchor_many``).

Printed ratios and their targets: check (load + cold check) / (YAML + find floors) <= 1.5;
publish / executemany floor <= 1.5; warm / cold check <= 0.10; serial / parallel check >= 1.7 on
2 CPUs (with the machine's own capacity for two processes, measured in the same run); the time of
the largest size over the one 10x smaller <= 11; peak RSS of the build <= 3 GB at 1M claims;
>= 20,000 quotes/s on the large source. Times are wall-clock seconds, with process CPU seconds
in brackets (on a busy machine the CPU time is the steadier figure).

Run: .venv/bin/python benchmarks/run.py [--sizes 10k,100k] [--quick] [--serial] [--large]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

TARGETS = {"check": 1.5, "build": 1.5, "warm": 0.10, "speedup": 1.7, "scaling": 11.0, "rss_gb": 3.0,
           "quotes_per_s": 20_000}


def _size(text: str) -> int:
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * scale)


def _timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _facts_files(project: Path) -> list[Path]:
    return [project / "facts.yaml", *sorted((project / "facts").glob("*.yaml"))]


# ---------------------------------------------------------------------------- floors


def measure_floors(project: Path) -> dict[str, Any]:
    import yaml

    quotes: list[tuple[str, str]] = []
    paths: dict[str, str] = {}

    def parse() -> None:
        for file in _facts_files(project):
            data = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            quotes.extend((c["source"], c["quote"]) for claim in data.get("claims") or []
                          for c in claim["citations"])
            paths.update((s["id"], s["path"]) for s in data.get("sources") or [])

    # Collecting the quotes is a few list appends per claim: part of the floor, as it is
    # part of what load does.
    _, yaml_wall, yaml_cpu = _timed(parse)

    def find() -> int:
        texts = {sid: (project / rel).read_text(encoding="utf-8") for sid, rel in paths.items()}
        return sum(texts[sid].find(q) >= 0 for sid, q in quotes)

    found, find_wall, find_cpu = _timed(find)
    return {"yaml": [yaml_wall, yaml_cpu], "find": [find_wall, find_cpu], "quotes": len(quotes),
            "found": found, "rss_mb": _peak_rss_mb()}


def executemany_floor(db_path: Path, folder: Path) -> tuple[float, int]:
    """Raw ``executemany`` of every row of the database at ``db_path`` into plain tables, in
    one transaction: the same rows the build wrote. Returns the time and the number of rows."""
    source = sqlite3.connect(db_path)
    tables = [r[0] for r in source.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%' "
        "AND name NOT LIKE 'sqlite_%'")]
    rows = {t: source.execute(f"SELECT * FROM [{t}]").fetchall() for t in tables}
    columns = {t: [c[1] for c in source.execute(f"PRAGMA table_info([{t}])")] for t in tables}
    source.close()
    path = folder / "floor.db"
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    start = time.perf_counter()
    with conn:
        for table, table_rows in rows.items():
            if not table_rows:
                continue
            names = ", ".join(f'"{c}"' for c in columns[table])
            conn.execute(f'CREATE TABLE "{table}" ({names})')
            conn.executemany(f'INSERT INTO "{table}" VALUES ({", ".join("?" * len(columns[table]))})',
                             table_rows)
    elapsed = time.perf_counter() - start
    conn.close()
    path.unlink()
    return elapsed, sum(len(r) for r in rows.values())


# ---------------------------------------------------------------------------- pipeline


def measure_pipeline(project: Path, serial: bool, workers: int | None) -> dict[str, Any]:
    import factbase
    from factbase._run.cache import FOLDER, Cache

    shutil.rmtree(project / FOLDER, ignore_errors=True)
    out: dict[str, Any] = {}
    facts, *out["load"] = _timed(lambda: factbase.load(project / "facts.yaml"))

    def cached_check() -> tuple[Any, Cache]:
        cache = Cache.beside(project / "facts.yaml")
        report = factbase.check(facts, workers=workers, cache=cache)
        cache.close()
        return report, cache

    (report, _), *out["check"] = _timed(cached_check)
    out["statuses"] = report.stats
    with tempfile.TemporaryDirectory(dir=project) as tmp:
        db = Path(tmp) / "factbase.db"
        _, *out["build"] = _timed(lambda r=report: factbase.publish(r, db, metadata=False))
        out["rss_mb"] = _peak_rss_mb()
        out["children_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        out["executemany"], out["rows"] = executemany_floor(db, Path(tmp))
    # The checks below run as a command's check does, without an earlier report alive in the
    # process (its objects would slow the collector and the forks of the runs timed here).
    del report
    gc.collect()

    def check_only(count: int | None) -> None:
        factbase.check(facts, workers=count)

    if serial:
        # Both after the cold check, so both find the name patterns compiled.
        _, *out["check_serial"] = _timed(lambda: check_only(1))
        _, *out["check_parallel"] = _timed(lambda: check_only(workers))
    (_, warm_cache), *out["check_warm"] = _timed(cached_check)
    out["warm_hits"] = [warm_cache.hits, warm_cache.misses]
    return out


def measure_build(project: Path, workers: int | None) -> dict[str, Any]:
    """``factbase build`` as the CLI runs it, streamed, without a cache: time and peak RSS."""
    import factbase

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(dir=project) as tmp:
        def build() -> Any:
            facts = factbase.load(project / "facts.yaml")
            return factbase.build(facts, Path(tmp) / "factbase.db", workers=workers, metadata=False)

        result, *out["build_streamed"] = _timed(build)
        out["statuses"] = result.stats
    out["rss_mb"] = _peak_rss_mb()
    out["children_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out


# ---------------------------------------------------------------------------- driver


def _spin(_: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - start


def parallel_capacity() -> float:
    """How much faster two busy processes get through twice the work of one, here and now:
    2.0 on two free CPUs. A shared or throttled machine gives less, and bounds the
    serial / parallel ratio the same way."""
    import multiprocessing

    one = _spin(0)
    with multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn").Pool(2) as pool:
        start = time.perf_counter()
        pool.map(_spin, [0, 1])
        two = time.perf_counter() - start
    return 2 * one / two



def _child(args: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *args], check=True, stdout=subprocess.PIPE, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def ensure_project(workdir: Path, claims: int, seed: int) -> Path:
    from generate import generate

    project = workdir / f"claims-{claims}-seed-{seed}"
    summary = project / "expected.json"
    if not summary.exists() or json.loads(summary.read_text()).get("claims") != claims:
        start = time.perf_counter()
        generate(project, claims=claims, seed=seed)
        print(f"  generated {project} in {time.perf_counter() - start:.1f}s", flush=True)
    return project


def _fmt(pair: list[float]) -> str:
    return f"{pair[0]:8.2f}s [{pair[1]:7.2f}]"


def report_size(claims: int, floors: dict[str, Any], run: dict[str, Any], built: dict[str, Any] | None,
                expected: dict[str, Any]) -> dict[str, float]:
    yaml_f, find_f = floors["yaml"][0], floors["find"][0]
    check_total = run["load"][0] + run["check"][0]
    ratios = {
        "load/yaml": run["load"][0] / yaml_f,
        "check": check_total / (yaml_f + find_f),
        "check_cpu": (run["load"][1] + run["check"][1]) / (floors["yaml"][1] + floors["find"][1]),
        "build": run["build"][0] / run["executemany"],
        "warm": run["check_warm"][0] / run["check"][0],
        "total": built["build_streamed"][0] if built else check_total + run["build"][0],
    }
    if "check_serial" in run:
        ratios["speedup"] = run["check_serial"][0] / run["check_parallel"][0]
    print(f"\n== {claims:,} claims ({expected['sources']:,} sources, {expected['files']} facts files, "
          f"{run['rows']:,} database rows)")
    print(f"  floors   yaml {_fmt(floors['yaml'])}  find {_fmt(floors['find'])}  "
          f"executemany {run['executemany']:8.2f}s")
    print(f"  load     {_fmt(run['load'])}   load / yaml floor           {ratios['load/yaml']:6.2f}")
    print(f"  check    {_fmt(run['check'])}   (load+check) / (yaml+find)  {ratios['check']:6.2f}"
          f"  (CPU {ratios['check_cpu']:.2f})  target <= {TARGETS['check']}")
    if "check_serial" in run:
        print(f"  parallel {_fmt(run['check_parallel'])}   (no cache, patterns compiled)")
        print(f"  serial   {_fmt(run['check_serial'])}   serial / parallel check     {ratios['speedup']:6.2f}"
              f"  target >= {TARGETS['speedup']} on 2 CPUs")
    print(f"  warm     {_fmt(run['check_warm'])}   warm / cold check           {ratios['warm']:6.2f}"
          f"  target <= {TARGETS['warm']}  (hits {run['warm_hits'][0]:,}, misses {run['warm_hits'][1]:,})")
    print(f"  publish  {_fmt(run['build'])}   publish / executemany       {ratios['build']:6.2f}"
          f"  target <= {TARGETS['build']}")
    print(f"  peak RSS {run['rss_mb']:8.0f} MB of the check process with its Report (workers "
          f"{run['children_rss_mb']:.0f} MB, floors process {floors['rss_mb']:.0f} MB)")
    if built is not None:
        print(f"  build    {_fmt(built['build_streamed'])}   `factbase build` (load, check streamed "
              f"into the database, no cache)")
        print(f"  peak RSS {built['rss_mb']:8.0f} MB of the build (workers {built['children_rss_mb']:.0f} MB)"
              f"  target <= {TARGETS['rss_gb']} GB at 1M")
    statuses = {k: v for k, v in run["statuses"].items() if k in expected["statuses"] and v}
    agree = all(run["statuses"].get(k) == v for k, v in expected["statuses"].items())
    if built is not None:
        agree = agree and all(built["statuses"].get(k) == v for k, v in expected["statuses"].items())
    print(f"  statuses {statuses}  {'= expected' if agree else '!= expected ' + str(expected['statuses'])}")
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k", help="claim counts, e.g. 10k,100k,1m")
    parser.add_argument("--quick", action="store_true", help="one small size (2k claims)")
    parser.add_argument("--serial", action="store_true", help="also time a one-worker check")
    parser.add_argument("--workers", type=int, default=None, help="workers of the timed check")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "factbase-bench")
    parser.add_argument("--large", action="store_true",
                        help="also one 10 MB source with 20,000 quotes, anchored in one pass")
    parser.add_argument("--no-build", action="store_true",
                        help="leave out the streamed build in its own process")
    parser.add_argument("--build-only", action="store_true",
                        help="only the floors and the streamed build (for 1M claims: the check "
                             "process holds a whole Report)")
    parser.add_argument("--child", choices=["floors", "pipeline", "build"], help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "floors":
        print(json.dumps(measure_floors(args.project)))
        return
    if args.child == "pipeline":
        print(json.dumps(measure_pipeline(args.project, args.serial, args.workers)))
        return
    if args.child == "build":
        print(json.dumps(measure_build(args.project, args.workers)))
        return

    sizes = [2_000] if args.quick else [_size(s) for s in args.sizes.split(",")]
    args.workdir.mkdir(parents=True, exist_ok=True)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"factbase benchmark: sizes {sizes}, seed {args.seed}, {cpus} CPUs, Python {sys.version.split()[0]}")
    if args.serial:
        print(f"  parallel capacity: 2 busy processes do {parallel_capacity():.2f}x the work of one "
              "(2.00 on two free CPUs; bounds serial / parallel)")
    totals: dict[int, float] = {}
    for claims in sizes:
        project = ensure_project(args.workdir, claims, args.seed)
        expected = json.loads((project / "expected.json").read_text())
        floors = _child(["--child", "floors", "--project", str(project)])
        workers = ["--workers", str(args.workers)] if args.workers else []
        built = None if args.no_build else _child(["--child", "build", "--project", str(project), *workers])
        if args.build_only:
            assert built is not None, "--build-only and --no-build exclude each other"
            report_build_only(claims, floors, built, expected)
            totals[claims] = built["build_streamed"][0]
            continue
        extra = (["--serial"] if args.serial else []) + workers
        run = _child(["--child", "pipeline", "--project", str(project), *extra])
        totals[claims] = report_size(claims, floors, run, built, expected)["total"]
    ordered = sorted(totals)
    for small, large in itertools.pairwise(ordered):
        if large == 10 * small:
            print(f"\nscaling {large:,} / {small:,} claims (`factbase build`): "
                  f"{totals[large] / totals[small]:.2f}  target <= {TARGETS['scaling']}")
    if args.large:
        print("\n== one 10 MB source, 20,000 quotes (benchmarks/anchoring.py --large)")
        from anchoring import large

        large(seed=args.seed, megabytes=10.0, n_quotes=20_000, subset=400)


def report_build_only(claims: int, floors: dict[str, Any], built: dict[str, Any],
                      expected: dict[str, Any]) -> None:
    print(f"\n== {claims:,} claims ({expected['sources']:,} sources, {expected['files']} facts files)")
    print(f"  floors   yaml {_fmt(floors['yaml'])}  find {_fmt(floors['find'])}")
    print(f"  build    {_fmt(built['build_streamed'])}   `factbase build` (load, check streamed "
          f"into the database, no cache); / (yaml+find) "
          f"{built['build_streamed'][0] / (floors['yaml'][0] + floors['find'][0]):.2f}")
    print(f"  peak RSS {built['rss_mb']:8.0f} MB of the build (workers {built['children_rss_mb']:.0f} MB)"
          f"  target <= {TARGETS['rss_gb']} GB at 1M")
    agree = all(built["statuses"].get(k) == v for k, v in expected["statuses"].items())
    print(f"  statuses {'= expected' if agree else '!= expected ' + str(expected['statuses'])}")


if __name__ == "__main__":
    main()
