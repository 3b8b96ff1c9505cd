"""Read every source and extract its typed mentions: from the cache, in worker processes, or
in this process.

Extracting mentions is most of a check's work, and it depends on one source at a time (its
text, reference date and currency) and the declared entities; so the work is split by
source. Sources are read here (reading is cheap, and the text's hash is the cache key); the
texts whose mentions are not cached go to worker processes in chunks, in order, and come
back as mention lists. The same function runs in either place, so the results are the same
as a serial run's.

Workers are used when there is enough text for them to pay off (``PARALLEL_MIN_CHARS``) and
more than one CPU is available; ``workers=1`` forces a serial run and ``FACTBASE_WORKERS``
sets the default.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .cache import Cache, CacheError, mentions_entry, mentions_from, mentions_key
from .mentions import Mention, find_mentions
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
) -> list[tuple[SourceText, list[Mention]]]:
    """Each source read, with its mentions (empty when it could not be read), in order."""
    texts = [read_source(facts, s) for s in sources]
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
    if count > 1 and chars >= PARALLEL_MIN_CHARS:
        # Compile the name patterns once, here, so that forked workers inherit them.
        find_mentions("", entities=facts.entities)
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
