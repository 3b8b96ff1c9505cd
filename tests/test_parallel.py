"""Parallel checking: work split by source across processes, results identical to serial."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import factbase
from factbase import parallel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "project"
    generate(out, claims=300, seed=7, per_source=20)
    return out / "facts.yaml"


def _dump(report: factbase.Report) -> str:
    return json.dumps(report.to_dict(), sort_keys=True, default=str)


@pytest.mark.parametrize("workers", [2, 3])
def test_parallel_equals_serial(project: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(parallel, "_CHUNK_CHARS", 5_000)  # several chunks per worker
    facts = factbase.load(project)
    serial = factbase.check(facts, workers=1)
    spread = factbase.check(facts, workers=workers)
    assert _dump(spread) == _dump(serial)
    assert [s.mentions for s in spread.sources] == [s.mentions for s in serial.sources]


def test_progress_reports_every_source(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    seen: list[tuple[str, int, int]] = []
    factbase.check(factbase.load(project), workers=2, progress=lambda *a: seen.append(a))
    sources = [s for s in seen if s[0] == "sources"]
    claims = [s for s in seen if s[0] == "claims"]
    assert sources[0] == ("sources", 0, 15) and sources[-1] == ("sources", 15, 15)
    assert claims[-1] == ("claims", 300, 300)


@pytest.mark.parametrize(
    ("env", "expected"),
    [("1", 1), ("4", 4), ("", None), ("zero", None), ("0", None)],
)
def test_default_workers(env: str, expected: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTBASE_WORKERS", env)
    assert parallel.default_workers() == (expected or parallel.available_cpus())


@pytest.mark.parametrize(
    ("sizes", "chunk", "expected"),
    [([1, 1, 1], 2, [2, 1]), ([5], 2, [1]), ([1, 5, 1, 1], 3, [2, 2]), ([], 3, [])],
)
def test_chunks(sizes: list[int], chunk: int, expected: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_CHUNK_CHARS", chunk)
    tasks = [("x" * n, None, None) for n in sizes]
    chunks = parallel._chunks(tasks)
    assert [len(c) for c in chunks] == expected
    assert [t for c in chunks for t in c] == tasks
