"""The incremental cache: an unchanged base re-checks from it, and a change re-checks exactly
what it touches; every report equals a check without the cache."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

import factbase
from factbase import cache as cache_module
from factbase.cache import FOLDER, Cache, CacheError, decode, encode
from factbase.mentions import Mention
from factbase.problems import Location, Problem
from factbase.values import Money, Quantity, When

CLAIMS, PER_SOURCE = 120, 20


@pytest.fixture
def project(synthetic_project: Callable[..., Path]) -> Path:
    return synthetic_project(CLAIMS, seed=3, per_source=PER_SOURCE)


def _dump(report: factbase.Report) -> str:
    return json.dumps(report.to_dict(), sort_keys=True, default=str)


def _check(path: Path) -> tuple[factbase.Report, Cache]:
    cache = Cache.beside(path)
    report = factbase.check(factbase.load(path), workers=1, cache=cache)
    cache.close()
    return report, cache


def _fresh(path: Path) -> str:
    return _dump(factbase.check(factbase.load(path), workers=1))


def _counts(cache: Cache) -> tuple[int, int]:
    return cache.hits, cache.misses


def test_unchanged_base_is_all_hits(project: Path) -> None:
    cold, first = _check(project)
    warm, second = _check(project)
    sources = CLAIMS // PER_SOURCE
    assert _counts(first) == (0, sources + CLAIMS)
    assert _counts(second) == (sources + CLAIMS, 0)
    assert _dump(warm) == _dump(cold) == _fresh(project)
    assert (project.parent / FOLDER / ".gitignore").read_text().splitlines()[-1] == "*"


def test_editing_one_claim_rechecks_that_claim(project: Path) -> None:
    _check(project)
    part = project.parent / "facts" / "part-0001.yaml"
    text = part.read_text()
    # The first claim's tags gain a word: the claim changes, nothing else does.
    edited = text.replace("    tags: [", "    tags: [edited, ", 1)
    assert edited != text
    part.write_text(edited)
    report, cache = _check(project)
    assert _counts(cache) == (CLAIMS // PER_SOURCE + CLAIMS - 1, 1)
    assert _dump(report) == _fresh(project)


def test_editing_one_source_rechecks_its_claims(project: Path) -> None:
    _check(project)
    source = project.parent / "sources" / "000" / "s000002.txt"
    source.write_text(source.read_text() + "\nOfficials in Midfield said 12 ships were late.\n")
    report, cache = _check(project)
    sources = CLAIMS // PER_SOURCE
    assert _counts(cache) == ((sources - 1) + (CLAIMS - PER_SOURCE), 1 + PER_SOURCE)
    assert _dump(report) == _fresh(project)


def test_moved_claims_are_hits_with_new_lines(project: Path) -> None:
    cold, _ = _check(project)
    part = project.parent / "facts" / "part-0001.yaml"
    part.write_text("# two lines\n# added above\n" + part.read_text())
    report, cache = _check(project)
    assert cache.misses == 0
    assert _dump(report) == _fresh(project)
    before = {p.claim_id: p.line for p in cold.problems if p.code == "value-mismatch"}
    after = {p.claim_id: p.line for p in report.problems if p.code == "value-mismatch"}
    assert before and after == {k: v + 2 for k, v in before.items()}


def test_code_change_starts_afresh(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _check(project)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version")
    _, cache = _check(project)
    assert cache.hits == 0


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


def test_unreadable_folder_turns_the_cache_off(tmp_path: Path) -> None:
    blocker = tmp_path / FOLDER
    blocker.write_text("a file where the folder should be")
    cache = Cache(blocker)
    assert not cache.enabled
    assert cache.get("claims", ["k"]) == {}
    cache.close()


@pytest.mark.parametrize(
    "value",
    [
        Mention("date", 3, 16, "Dec. 24, 2019", When("2019-12-24", "day", dt.date(2019, 12, 24), dt.date(2019, 12, 24))),
        Mention("money", 0, 12, "$9.5 million", Money(Decimal("9500000"), "USD", "about", None)),
        [Quantity(Decimal("2.5"), "year", None, Decimal("3")), (1, "a", None), {"k": [1.5, True]}],
        Problem("value-mismatch", "error", "m", "f.yaml", 3, 5, "c", "c#0", "s", 1, 2, {"found": "x"}),
        Location("f.yaml", 1, 2),
    ],
)
def test_codec_round_trip(value: object) -> None:
    assert decode(json.loads(json.dumps(encode(value)))) == value


@pytest.mark.parametrize(
    "data",
    [["os.system", "echo hi"], ["subprocess.Popen", ["L", "ls"]], ["Mention", "date"]],
)
def test_codec_builds_only_known_types(data: list[object]) -> None:
    with pytest.raises((CacheError, KeyError)):
        decode(data)


@pytest.mark.parametrize("value", [object(), {1: "non-string key"}, {"a", "set"}])
def test_codec_refuses_other_values(value: object) -> None:
    with pytest.raises(CacheError):
        encode(value)
