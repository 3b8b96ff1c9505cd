"""Whole-report snapshots: an unchanged base is rebuilt from one blob, equal to a fresh check;
any change to an input, or a damaged blob, means no snapshot."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

import factbase
from factbase import snapshot
from factbase.cache import FILE, FOLDER, Cache
from factbase.publish import publish

CLAIMS, PER_SOURCE = 60, 20
SEED = Path(__file__).resolve().parent.parent / "facts.yaml"


@pytest.fixture
def project(synthetic_project: Callable[..., Path]) -> Path:
    return synthetic_project(CLAIMS, seed=5, per_source=PER_SOURCE)


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """The bundled example: relative dates, roles, problems of many kinds."""
    shutil.copy(SEED, tmp_path / "facts.yaml")
    shutil.copytree(SEED.parent / "sources", tmp_path / "sources")
    return tmp_path / "facts.yaml"


def _check(path: Path) -> tuple[factbase.Report, Cache]:
    cache = Cache.beside(path)
    report = factbase.check(factbase.load(path), workers=1, cache=cache)
    cache.close()
    return report, cache


def _dump(report: factbase.Report) -> str:
    return json.dumps(report.to_dict(), sort_keys=True, default=str)


def _deep(report: factbase.Report) -> list[object]:
    """What to_dict leaves out: mentions, coverage, problems with every field."""
    return [
        [(s.mentions, s.covered_by, s.ignored, s.text, s.source) for s in report.sources],
        [p.__dict__ for p in report.problems],
        [(c.claim, [(cit.evidence, cit.score) for cit in c.citations]) for c in report.claims],
    ]


@pytest.mark.parametrize("which", ["project", "seed"])
def test_unchanged_base_loads_the_snapshot(which: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(which)
    cold, first = _check(path)
    warm, second = _check(path)
    assert (first.report_hit, second.report_hit) == (False, True)
    assert _dump(warm) == _dump(cold)
    assert _deep(warm) == _deep(cold)
    # The report's problems are the claims' own objects, as in a fresh check.
    ids = {id(p) for c in warm.claims for p in [*c.problems, *(q for cit in c.citations for q in cit.problems)]}
    assert ids <= {id(p) for p in warm.problems}
    a, b = path.parent / "a.db", path.parent / "b.db"
    publish(cold, a, metadata=False)
    publish(warm, b, metadata=False)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("edit", ["claim", "source", "move"])
def test_any_change_misses_the_snapshot(project: Path, edit: str) -> None:
    _check(project)
    if edit == "claim":
        part = project.parent / "facts" / "part-0001.yaml"
        part.write_text(part.read_text().replace("    tags: [", "    tags: [edited, ", 1))
    elif edit == "source":
        source = project.parent / "sources" / "000" / "s000002.txt"
        source.write_text(source.read_text() + "\nIn 2003 the port handled 12 ships.\n")
    else:
        part = project.parent / "facts" / "part-0001.yaml"
        part.write_text("# moved\n" + part.read_text())
    report, cache = _check(project)
    assert not cache.report_hit
    assert _dump(report) == _dump(factbase.check(factbase.load(project), workers=1))
    _, again = _check(project)
    assert again.report_hit


def test_damaged_snapshot_is_ignored(project: Path) -> None:
    cold, _ = _check(project)
    db = sqlite3.connect(project.parent / FOLDER / FILE)
    with db:
        db.execute("UPDATE reports SET data = substr(data, 1, 40) || x'00ff' || substr(data, 43)")
    db.close()
    report, cache = _check(project)
    assert not cache.report_hit
    assert _dump(report) == _dump(cold)


def test_snapshot_hit_keeps_the_entries(project: Path) -> None:
    _check(project)
    _check(project)  # from the snapshot: nothing may be pruned as unused
    part = project.parent / "facts" / "part-0001.yaml"
    part.write_text(part.read_text().replace("    tags: [", "    tags: [edited, ", 1))
    _, cache = _check(project)
    assert (cache.hits, cache.misses) == (CLAIMS // PER_SOURCE + CLAIMS - 1, 1)


@pytest.mark.parametrize("blob", [b"", b"not zlib", snapshot.zlib.compress(b"not marshal"),
                                  snapshot.zlib.compress(snapshot.marshal.dumps((snapshot.LAYOUT + 1,)))])
def test_decode_refuses_bad_blobs(project: Path, blob: bytes) -> None:
    facts = factbase.load(project)
    with pytest.raises(snapshot.SnapshotError):
        snapshot.decode_report(blob, facts, facts.sources, [])
