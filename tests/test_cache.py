"""The incremental cache: an unchanged base re-checks from it, and a change re-checks exactly
the units of work it touches; every report equals a check without the cache."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import factbase
from factbase._run import cache as cache_module
from factbase._run.cache import FOLDER, Cache

CLAIMS, PER_SOURCE = 120, 20
SOURCES = CLAIMS // PER_SOURCE


@pytest.fixture
def project(synthetic_project: Callable[..., Path]) -> Path:
    return synthetic_project(CLAIMS, seed=3, per_source=PER_SOURCE)


def _dump(report: factbase.Report) -> str:
    return json.dumps(report.to_dict(), sort_keys=True, default=str)


def _check(path: Path, workers: int = 1) -> tuple[factbase.Report, Cache]:
    cache = Cache.beside(path)
    report = factbase.check(factbase.load(path), workers=workers, cache=cache)
    cache.close()
    return report, cache


def _fresh(path: Path) -> str:
    return _dump(factbase.check(factbase.load(path), workers=1))


def _counts(cache: Cache) -> tuple[int, int]:
    return cache.hits, cache.misses


def test_unchanged_base_is_all_hits(project: Path) -> None:
    cold, first = _check(project)
    warm, second = _check(project)
    # cold: the run's snapshot, every unit and every source's mentions missed; warm: the
    # snapshot and every unit found
    assert _counts(first) == (0, 1 + 2 * SOURCES)
    assert _counts(second) == (1 + SOURCES, 0)
    assert _dump(warm) == _dump(cold) == _fresh(project)
    assert (project.parent / FOLDER / ".gitignore").read_text().splitlines()[-1] == "*"


def test_worker_processes_fill_the_same_cache(project: Path) -> None:
    _check(project, workers=2)
    warm, cache = _check(project)
    assert _counts(cache) == (1 + SOURCES, 0)
    assert _dump(warm) == _fresh(project)


def test_editing_one_claim_rechecks_its_source_without_extracting(project: Path) -> None:
    _check(project)
    part = project.parent / "facts" / "part-0001.yaml"
    text = part.read_text()
    # The first claim's quote loses its last word: its unit changes, its mentions do not.
    edited = re.sub(r'(quote: ".*) \S+"', r'\1"', text, count=1)
    assert edited != text
    part.write_text(edited)
    report, cache = _check(project)
    # the run's snapshot and the edited source's unit miss, its mentions are found
    assert _counts(cache) == (SOURCES - 1 + 1, 2)
    assert _dump(report) == _fresh(project)


def test_editing_one_source_rechecks_it(project: Path) -> None:
    _check(project)
    source = project.parent / "sources" / "000" / "s000002.txt"
    source.write_text(source.read_text() + "\nOfficials in Midfield said 12 ships were late.\n")
    report, cache = _check(project)
    # the snapshot, the source's unit and its mentions miss
    assert _counts(cache) == (SOURCES - 1, 3)
    assert _dump(report) == _fresh(project)


def test_editing_a_statement_keeps_every_unit(project: Path) -> None:
    _check(project)
    part = project.parent / "facts" / "part-0001.yaml"
    part.write_text(part.read_text().replace("statement: \"", "statement: \"Edited. ", 1))
    report, cache = _check(project)
    assert _counts(cache) == (SOURCES, 1)  # only the run's snapshot misses
    assert report.claims[0].statement.startswith("Edited. ")
    assert _dump(report) == _fresh(project)


def test_moved_claims_are_hits_with_new_lines(project: Path) -> None:
    cold, _ = _check(project)
    part = project.parent / "facts" / "part-0001.yaml"
    part.write_text("# two lines\n# added above\n" + part.read_text())
    report, cache = _check(project)
    assert cache.misses == 1  # the run's snapshot: the file's bytes changed
    assert _dump(report) == _fresh(project)
    before = {p.claim_id: p.line for p in cold.problems if p.code == "value-mismatch"}
    after = {p.claim_id: p.line for p in report.problems if p.code == "value-mismatch"}
    assert before and after == {k: v + 2 for k, v in before.items()}


def test_code_change_starts_afresh(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _check(project)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version")
    _, cache = _check(project)
    assert cache.hits == 0


def test_code_fingerprint_covers_the_package_only() -> None:
    # The docs generator lives outside the package: editing it keeps users' caches.
    cache_module.code_fingerprint.cache_clear()
    package = Path(cache_module.__file__).resolve().parent.parent
    assert package.name == "factbase"
    assert not (package / "docgen.py").exists()


@pytest.mark.parametrize("damage", [b"not a database", b""])
def test_damaged_cache_is_ignored(project: Path, damage: bytes) -> None:
    _check(project)
    db = project.parent / FOLDER / "cache.sqlite"
    for extra in db.parent.glob("cache.sqlite-*"):
        extra.unlink()
    db.write_bytes(damage * 100)
    report, cache = _check(project)
    assert _dump(report) == _fresh(project)
    assert cache.hits == 0


def test_damaged_entries_are_checked_again(project: Path) -> None:
    import sqlite3

    _check(project)
    with sqlite3.connect(project.parent / FOLDER / "cache.sqlite") as conn:
        conn.execute("UPDATE unit SET data = substr(data, 1, 40) || x'00' || substr(data, 42)")
    report, _ = _check(project)
    assert _dump(report) == _fresh(project)


def test_unreadable_folder_turns_the_cache_off(tmp_path: Path) -> None:
    blocker = tmp_path / FOLDER
    blocker.write_text("a file where the folder should be")
    cache = Cache(blocker)
    assert not cache.enabled
    assert cache.get("unit", ["k"]) == {}
    cache.close()


def test_the_snapshot_of_a_run_equals_a_fresh_check(project: Path) -> None:
    import sqlite3

    cold, _ = _check(project)
    warm, _ = _check(project)
    assert _dump(warm) == _dump(cold) == _fresh(project)
    # Without the snapshot (pruned, damaged), the units alone give the same report.
    with sqlite3.connect(project.parent / FOLDER / "cache.sqlite") as conn:
        conn.execute("UPDATE run SET data = x'00'")
    again, cache = _check(project)
    assert _counts(cache) == (1 + SOURCES, 0)  # the snapshot is found, then refused
    assert _dump(again) == _dump(cold)


def test_a_warm_check_builds_nothing_it_is_not_asked_for(project: Path) -> None:
    from factbase._run.codec import Lazy

    cold, _ = _check(project)
    warm, _ = _check(project)
    assert warm.stats == cold.stats and warm.problems == cold.problems
    assert all(isinstance(s.mentions, Lazy) for s in warm.sources)
    assert warm.claims._built == [None] * CLAIMS  # type: ignore[attr-defined]
    # Read, they are the same as the cold check's.
    assert [c.to_dict() for c in warm.claims] == [c.to_dict() for c in cold.claims]
    assert [list(s.mentions) for s in warm.sources] == [list(s.mentions) for s in cold.sources]
