"""Read every source and extract its typed mentions: from the cache, in worker processes, or
in this process.

Extracting mentions is most of a check's work, and it depends on one source at a time (its
text, reference date and currency) and the declared entities; so the work is split by
source. Sources are read here (reading is cheap, and the text's hash is the cache key); the
texts whose mentions are not cached go to worker processes in chunks, in order, and come
back as mention lists. Forked workers also check the claims (see ``_fork_and_check``). The
same functions run in either place, so the results are the same as a serial run's.

Workers are used when there is enough text for them to pay off (``PARALLEL_MIN_CHARS``) and
more than one CPU is available; ``workers=1`` forces a serial run and ``FACTBASE_WORKERS``
sets the default.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .cache import Cache, CacheError, mentions_entry, mentions_from, mentions_key
from .mentions import Mention, find_mentions
from .results import ClaimResult
from .sources import SourceText, read_source

if TYPE_CHECKING:
    from .loader import FactSet
    from .model import Entity, Source

# Below this much text to extract, starting processes costs more than it saves.
PARALLEL_MIN_CHARS = 1_000_000
_CHUNK_CHARS = 200_000

Progress = Callable[[int, int], None]
_Task = tuple[str, str | None, str | None]  # text, reference date, currency

_entities: Sequence[Entity] = ()


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """``FACTBASE_WORKERS`` when set (1 turns workers off), else the CPUs available."""
    env = os.environ.get("FACTBASE_WORKERS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    return available_cpus()


def extract(task: _Task, entities: Sequence[Entity]) -> list[Mention]:
    text, reference, currency = task
    return find_mentions(text, reference=reference, entities=entities, currency=currency)


def _init_worker(entities: Sequence[Entity]) -> None:
    global _entities
    _entities = entities


def _extract_chunk(tasks: list[_Task]) -> list[list[Mention]]:
    return [extract(task, _entities) for task in tasks]


def _chunks(tasks: list[_Task]) -> list[list[_Task]]:
    out: list[list[_Task]] = []
    size = 0
    for task in tasks:
        if not out or size >= _CHUNK_CHARS:
            out.append([])
            size = 0
        out[-1].append(task)
        size += len(task[0])
    return out


def _context() -> Any:
    # fork starts a worker in milliseconds with the extractors imported and their patterns
    # compiled; elsewhere (macOS, Windows) spawn is the safe default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def prepare_sources(
    facts: FactSet,
    sources: Sequence[Source],
    *,
    workers: int | None = None,
    cache: Cache | None = None,
    entities_fp: str = "",
    progress: Progress | None = None,
    texts: Sequence[SourceText] | None = None,
    claims: Sequence[int] = (),
    checked: dict[int, ClaimResult] | None = None,
) -> list[tuple[SourceText, list[Mention]]]:
    """Each source read (or as already read in ``texts``), with its mentions (empty when it
    could not be read), in order.

    When workers are used (forked), they also check the claims ``claims`` (indices into
    ``facts.claims``), each in the worker that extracts its first cited source, and put the
    results in ``checked`` (without ``.claim``); claims left out of ``checked`` are for the
    caller to check.
    """
    texts = list(texts) if texts is not None else [read_source(facts, s) for s in sources]
    mentions: list[list[Mention] | None] = [None] * len(texts)
    todo = [i for i, t in enumerate(texts) if t.text is not None]
    for i, t in enumerate(texts):
        if t.text is None:
            mentions[i] = []

    keys: dict[int, str] = {}
    if cache is not None and cache.enabled:
        keys = {i: mentions_key(texts[i].sha256 or "", sources[i], entities_fp) for i in todo}
        found = cache.get("mentions", list(keys.values()))
        missing = []
        for i in todo:
            entry = found.get(keys[i])
            if entry is not None:
                try:
                    mentions[i] = mentions_from(entry)
                    continue
                except (CacheError, KeyError, TypeError, ValueError):
                    pass
            missing.append(i)
        todo = missing

    total = len(texts)
    done = total - len(todo)
    if progress is not None:
        progress(done, total)
    tasks: list[_Task] = [(texts[i].text or "", sources[i].published, sources[i].currency) for i in todo]
    chars = sum(len(t[0]) for t in tasks)
    count = workers if workers is not None else default_workers()
    count = min(count, max(1, len(tasks)))
    results: list[list[Mention]] = []
    spread = count > 1 and chars >= PARALLEL_MIN_CHARS
    if spread:
        # Compile the name patterns once, here, so that forked workers inherit them.
        find_mentions("", entities=facts.entities)
    if spread and checked is not None and _context().get_start_method() == "fork":
        def extracted(n: int) -> None:
            if progress is not None:
                progress(done + n, total)

        results = _fork_and_check(facts, sources, texts, mentions, todo, claims, checked, count, extracted)
    elif spread:
        with _context().Pool(count, initializer=_init_worker, initargs=(facts.entities,)) as pool:
            for chunk in pool.imap(_extract_chunk, _chunks(tasks)):
                results.extend(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
    else:
        for task in tasks:
            results.append(extract(task, facts.entities))
            done += 1
            if progress is not None and (done % 50 == 0 or done == total):
                progress(done, total)
    for i, found_mentions in zip(todo, results, strict=True):
        mentions[i] = found_mentions
        if cache is not None and i in keys:
            cache.put("mentions", keys[i], mentions_entry(found_mentions))
    return [(t, m if m is not None else []) for t, m in zip(texts, mentions, strict=True)]


# ---------------------------------------------------------------------------- claims too
#
# With fork, the workers inherit the FactSet, the texts and the mentions already known, so a
# task names only indices: sources to extract, claims to check. Each claim goes with its
# first cited source; a claim that also cites a source of another task extracts that one
# again in its worker (the same result; rare). What comes back is the new mentions and the
# claim results, so the main process no longer anchors and judges every claim.


@dataclass
class _Shared:
    facts: FactSet
    sources: Sequence[Source]
    texts: Sequence[SourceText]
    mentions: list[list[Mention] | None]
    index: dict[str, int]


_shared: _Shared | None = None

_Work = tuple[list[int], list[int]]  # sources to extract, claims to check
_Done = tuple[list[list[Mention]], list[tuple[int, ClaimResult]]]


def _mentions_of(shared: _Shared, i: int) -> list[Mention]:
    found = shared.mentions[i]
    if found is None:
        source = shared.sources[i]
        task = (shared.texts[i].text or "", source.published, source.currency)
        found = shared.mentions[i] = extract(task, shared.facts.entities)
    return found


def _work(work: _Work) -> _Done:
    from .verify import check_claim, prepare

    shared = _shared
    assert shared is not None
    extract_ids, claim_ids = work
    new = [_mentions_of(shared, i) for i in extract_ids]
    prepared: dict[int, Any] = {}
    results = []
    for ci in claim_ids:
        claim = shared.facts.claims[ci]
        cited = {}
        for cit in claim.citations:
            si = shared.index.get(cit.source)
            if si is None:
                continue
            if si not in prepared:
                prepared[si] = prepare(shared.sources[si], shared.texts[si], _mentions_of(shared, si))
            cited[cit.source] = prepared[si]
        result = check_claim(shared.facts, claim, cited)
        result.claim = None  # the main process has it; not worth sending back
        results.append((ci, result))
    return new, results


def _plan(sources: Sequence[Source], texts: Sequence[SourceText], todo: list[int], claims: Sequence[int],
          facts: FactSet, index: dict[str, int]) -> list[_Work]:
    """Tasks of about ``_CHUNK_CHARS`` of text each, sources in order, each claim with the
    task of its first cited source (or the first task)."""
    by_source: dict[int, list[int]] = {}
    for ci in claims:
        cits = facts.claims[ci].citations
        si = index.get(cits[0].source, -1) if cits else -1
        by_source.setdefault(si, []).append(ci)
    extract_set = set(todo)
    work: list[_Work] = []
    size = _CHUNK_CHARS
    for si in range(len(sources)):
        if si not in extract_set and si not in by_source:
            continue
        if size >= _CHUNK_CHARS:
            work.append(([], []))
            size = 0
        if si in extract_set:
            work[-1][0].append(si)
            size += len(texts[si].text or "")
        work[-1][1].extend(by_source.pop(si, ()))
        size += 100 * len(work[-1][1])
    rest = [ci for group in by_source.values() for ci in group]
    if rest:
        if not work:
            work.append(([], []))
        work[0][1].extend(rest)
        work[0][1].sort()
    return work


def _fork_and_check(facts: FactSet, sources: Sequence[Source], texts: Sequence[SourceText],
                    mentions: list[list[Mention] | None], todo: list[int], claims: Sequence[int],
                    checked: dict[int, ClaimResult], count: int,
                    progress: Callable[[int], None]) -> list[list[Mention]]:
    global _shared
    index: dict[str, int] = {}
    for i, source in enumerate(sources):
        index.setdefault(source.id, i)
    work = _plan(sources, texts, todo, claims, facts, index)
    _shared = _Shared(facts, sources, texts, mentions, index)
    found: dict[int, list[Mention]] = {}
    try:
        with _context().Pool(count) as pool:
            for (extract_ids, _), (new, results) in zip(work, pool.imap(_work, work), strict=True):
                found.update(zip(extract_ids, new, strict=True))
                checked.update(results)
                progress(len(found))
    finally:
        _shared = None
    return [found[i] for i in todo]
