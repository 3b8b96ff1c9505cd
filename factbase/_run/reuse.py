"""The cache's side of a run: which units it can give back, and what to keep of the rest.

A unit's entry is keyed by factbase's code, the source's declaration and the hash of its
bytes, every citation and ``ignore:`` entry of the unit (claims' positions in the FactSet left
out: a claim that only moved keeps its unit's entry) and the declared entities. A unit whose
entry is missing may still find its source's mentions (keyed by the text's hash, reference
date, currency, entities and code), so that editing a claim does not extract them again.

Only hashes are held for the length of a run: a unit found in the cache reads its text again
when it is handed on (and checks the hash again).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model import Entity
from ..sources import resolve_inside, sha256_bytes
from ..verify.types import CitationTask, SourceOutcome, SourceTask, SourceUnit
from . import cache as cache_module
from . import codec
from .cache import Cache, digest

__all__ = ["Hashed", "Reuse", "entities_fingerprint"]


def entities_fingerprint(entities: Sequence[Entity]) -> str:
    return digest(*(e.model_dump_json(by_alias=True) for e in entities))


class Hashed:
    """The sources of a run, each resolved once and hashed (the slow part of reading a small
    file is finding it)."""

    def __init__(self, tasks: Sequence[SourceTask]) -> None:
        self.tasks = tasks
        self.paths = [_path(task) for task in tasks]
        self.shas = [_read(task, path)[1] for task, path in zip(tasks, self.paths, strict=True)]


class Reuse:
    """What the cache holds for the units of one run. ``keys``: the units' keys when a
    snapshot of the run knew them."""

    def __init__(self, cache: Cache, units: Sequence[SourceUnit], hashed: Hashed, entities_fp: str,
                 keys: Sequence[str] | None = None) -> None:
        self.cache = cache
        self.units = units
        code = cache_module.code_fingerprint()
        self.paths = hashed.paths
        self.shas = hashed.shas
        self.mention_keys: list[str] = []
        self.keys: list[str] = list(keys) if keys is not None else []
        for unit, sha in zip(units, self.shas, strict=True):
            task = unit.source
            if keys is None:
                self.keys.append(digest("unit", code, repr(task), sha or "-", entities_fp,
                                        repr([_task_key(c) for c in unit.citations]),
                                        repr(unit.ignores)))
            self.mention_keys.append(digest("mentions", code, sha or "-", task.published or "",
                                            task.currency or "", entities_fp))
        found = cache.get("unit", [k for k, s in zip(self.keys, self.shas, strict=True) if s])
        self.found = {k: blob for k, blob in found.items() if codec.intact(blob)}
        self.mentions: dict[str, bytes] = {}
        missing = [self.mention_keys[i] for i, k in enumerate(self.keys)
                   if self.shas[i] and k not in self.found]
        if missing:
            self.mentions = cache.get("mentions", missing)

    def hit(self, i: int) -> bool:
        return self.keys[i] in self.found

    def outcome(self, i: int) -> SourceOutcome | None:
        """The cached outcome of unit ``i`` with its text read again; None when the source
        changed since it was hashed, or the entry cannot be read."""
        text, sha = _read(self.units[i].source, self.paths[i])
        if text is None or sha != self.shas[i]:
            return None
        try:
            outcome = codec.unpack(codec.loads(self.found[self.keys[i]]), lazy=True)
        except codec.CodecError:
            return None
        outcome.text = text
        return outcome

    def prepare(self, i: int) -> SourceUnit:
        """The unit to run, with its mentions when the cache has them."""
        unit = self.units[i]
        blob = self.mentions.get(self.mention_keys[i])
        if blob is None:
            return unit
        try:
            mentions = codec.unpack_mentions(codec.loads(blob))
        except codec.CodecError:
            return unit
        return SourceUnit(unit.source, unit.citations, unit.ignores, tuple(mentions))

    def store(self, i: int, outcome: SourceOutcome) -> None:
        if outcome.sha256 is None or outcome.sha256 != self.shas[i] or outcome.text is None:
            return  # not read, or changed since it was hashed
        text, outcome.text = outcome.text, None
        try:
            self.cache.put("unit", self.keys[i], codec.dumps(codec.pack(outcome)))
            if self.mention_keys[i] not in self.mentions:
                self.cache.put("mentions", self.mention_keys[i],
                               codec.dumps(codec.pack_mentions(list(outcome.mentions))))
        except codec.CodecError:
            pass
        finally:
            outcome.text = text


def _path(task: SourceTask) -> Path | None:
    return None if task.text is not None else resolve_inside(Path(task.root), task.path)


def _read(task: SourceTask, real: Path | None) -> tuple[str | None, str | None]:
    """The text and hash of a source as the unit will read it (None when it cannot)."""
    if task.text is not None:
        return task.text, sha256_bytes(task.text.encode("utf-8"))
    if real is None:
        return None, None
    try:
        data = real.read_bytes()
        return data.decode("utf-8"), sha256_bytes(data)
    except (OSError, UnicodeDecodeError):
        return None, None


def _task_key(task: CitationTask) -> tuple[Any, ...]:
    # Everything of a citation but its claim's position in the FactSet (and its ignored codes
    # in order: a frozenset's order is not).
    return tuple(sorted(task.ignore) if name == "ignore" else value
                 for name, value in zip(task._fields[1:], task[1:], strict=True))
