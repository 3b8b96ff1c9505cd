"""The cache's side of a run: which units it can give back, and what to keep of the rest.

A unit's entry is keyed by factbase's code, the text extractors' versions, the source's
declaration and the hash of its bytes, every citation and ``ignore:`` entry of the unit
(claims' positions in the FactSet left out: a claim that only moved keeps its unit's entry)
and the declared entities. A unit whose entry is missing may still find its source's mentions
(keyed by the text's hash, format, reference date, currency, entities and code), so that
editing a claim does not extract them again; and the text layer of a web page, PDF or snapshot
(keyed by the bytes' hash), so that no claim edit parses the document again.

Only hashes are held for the length of a run for text files: a unit found in the cache reads
its text again when it is handed on (and checks the hash again). A web page's, PDF's or
snapshot's file that has not changed on disk since it was hashed (same size, inode,
modification and change times: what git trusts) is not even read: its hash is kept by that
stat key.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model import Entity
from ..sources import read_bytes, resolve_inside, sha256_bytes
from ..sources.errors import LayerError
from ..sources.layer import extractor_fingerprint, format_of, plain_text
from ..verify.types import CitationTask, SourceOutcome, SourceTask, SourceUnit, TextLayer
from . import cache as cache_module
from . import codec
from .cache import Cache, digest

__all__ = ["Hashed", "Reuse", "entities_fingerprint"]


def entities_fingerprint(entities: Sequence[Entity]) -> str:
    return digest(*(e.model_dump_json(by_alias=True) for e in entities))


class Hashed:
    """The sources of a run, each resolved once and hashed (the slow part of reading a small
    file is finding it). A web page, PDF or snapshot unchanged on disk since a run hashed it
    takes its hash from ``cache`` and is not read."""

    def __init__(self, tasks: Sequence[SourceTask], cache: Cache | None = None) -> None:
        self.tasks = tasks
        self.code = cache_module.code_fingerprint()
        self.extractors = extractor_fingerprint()
        self.formats = [format_of(task.path, task.format) if task.text is None else "text"
                        for task in tasks]
        folders: dict[tuple[str, str], Path | None] = {}
        stats = [_stat_key(task, fmt, folders) for task, fmt in zip(tasks, self.formats, strict=True)]
        wanted = [k for k in stats if k is not None]
        known = cache.get("stat", wanted) if cache is not None and wanted else {}
        self.paths: list[Path | None] = []
        self.shas: list[str | None] = []
        # The cache key of the text layer of each web page, PDF or snapshot; None for text.
        self.layer_keys: list[str | None] = []
        for task, fmt, stat_key in zip(tasks, self.formats, stats, strict=True):
            path = _path(task)
            blob = known.get(stat_key) if stat_key is not None else None
            if blob is not None and len(blob) == 64:
                sha: str | None = blob.decode("ascii")
            else:
                sha = _hash(task, path)
                if cache is not None and stat_key is not None and sha is not None:
                    cache.put("stat", stat_key, sha.encode("ascii"))
            self.paths.append(path)
            self.shas.append(sha)
            self.layer_keys.append(None if fmt == "text" or sha is None else
                                   digest("text", self.code, self.extractors, fmt, sha))


class Reuse:
    """What the cache holds for the units of one run. ``keys``: the units' keys when a
    snapshot of the run knew them."""

    def __init__(self, cache: Cache, units: Sequence[SourceUnit], hashed: Hashed, entities_fp: str,
                 keys: Sequence[str] | None = None) -> None:
        self.cache = cache
        self.units = units
        code, extractors = hashed.code, hashed.extractors
        self.paths = hashed.paths
        self.shas = hashed.shas
        self.layer_keys = hashed.layer_keys
        self.mention_keys: list[str] = []
        self.keys: list[str] = list(keys) if keys is not None else []
        for unit, sha, fmt in zip(units, self.shas, hashed.formats, strict=True):
            task = unit.source
            if keys is None:
                self.keys.append(digest("unit", code, extractors, repr(task), sha or "-",
                                        entities_fp, repr([_task_key(c) for c in unit.citations]),
                                        repr(unit.ignores)))
            self.mention_keys.append(digest("mentions", code, extractors, sha or "-", fmt,
                                            task.published or "", task.currency or "", entities_fp))
        wanted = [k for k in self.layer_keys if k is not None]
        self.layers: dict[str, tuple[str, TextLayer]] = {}
        for key, blob in (cache.get("text", wanted) if wanted else {}).items():
            with contextlib.suppress(codec.CodecError):
                self.layers[key] = codec.unpack_layer(codec.loads(blob))
        found = cache.get("unit", [k for k, s in zip(self.keys, self.shas, strict=True) if s])
        self.found = {k: blob for k, blob in found.items() if codec.intact(blob)}
        self.mentions: dict[str, bytes] = {}
        missing = [self.mention_keys[i] for i, k in enumerate(self.keys)
                   if self.shas[i] and k not in self.found]
        if missing:
            self.mentions = cache.get("mentions", missing)

    def _layer(self, i: int) -> tuple[str, TextLayer] | None:
        key = self.layer_keys[i]
        return self.layers.get(key) if key is not None else None

    def hit(self, i: int) -> bool:
        return self.keys[i] in self.found and (self.layer_keys[i] is None or
                                               self._layer(i) is not None)

    def outcome(self, i: int) -> SourceOutcome | None:
        """The cached outcome of unit ``i`` with its text; None when the source changed since
        it was hashed, or the entry cannot be read."""
        layer = self._layer(i)
        if layer is not None:
            text: str | None = layer[0]
        else:
            text, sha = _read_text(self.units[i].source, self.paths[i])
            if text is None or sha != self.shas[i]:
                return None
        try:
            outcome = codec.unpack(codec.loads(self.found[self.keys[i]]), lazy=True)
        except codec.CodecError:
            return None
        outcome.text = text
        return outcome

    def prepare(self, i: int) -> SourceUnit:
        """The unit to run, with its text layer and mentions when the cache has them."""
        unit = self.units[i]
        layer = self._layer(i)
        blob = self.mentions.get(self.mention_keys[i])
        mentions = None
        if blob is not None:
            try:
                mentions = tuple(codec.unpack_mentions(codec.loads(blob)))
            except codec.CodecError:
                mentions = None
        if layer is None and mentions is None:
            return unit
        return SourceUnit(unit.source, unit.citations, unit.ignores, mentions, layer)

    def store(self, i: int, outcome: SourceOutcome) -> None:
        if outcome.sha256 is None or outcome.sha256 != self.shas[i] or outcome.text is None:
            return  # not read, or changed since it was hashed
        text, outcome.text = outcome.text, None
        try:
            self.cache.put("unit", self.keys[i], codec.dumps(codec.pack(outcome)))
            if self.mention_keys[i] not in self.mentions:
                self.cache.put("mentions", self.mention_keys[i],
                               codec.dumps(codec.pack_mentions(list(outcome.mentions))))
            key = self.layer_keys[i]
            if key is not None and key not in self.layers and outcome.layer is not None:
                # Uncompressed: read back on every re-check, decompressing costs more than
                # the disk it saves.
                self.cache.put("text", key, codec.dumps(codec.pack_layer(text, outcome.layer),
                                                        compress=False))
                self.layers[key] = (text, outcome.layer)
        except codec.CodecError:
            pass
        finally:
            outcome.text = text


def _path(task: SourceTask) -> Path | None:
    return None if task.text is not None else resolve_inside(Path(task.root), task.path)


def _hash(task: SourceTask, real: Path | None) -> str | None:
    """The hash of a source's bytes as the unit will read them (None when it cannot)."""
    if task.text is not None:
        return sha256_bytes(task.text.encode("utf-8"))
    if real is None:
        return None
    data, _ = read_bytes(real)
    return None if data is None else sha256_bytes(data)


def _read_text(task: SourceTask, real: Path | None) -> tuple[str | None, str | None]:
    """The text and hash of a text source (None when it cannot be read)."""
    if task.text is not None:
        return task.text, sha256_bytes(task.text.encode("utf-8"))
    if real is None:
        return None, None
    data, _ = read_bytes(real)
    if data is None:
        return None, None
    try:
        return plain_text(data), sha256_bytes(data)
    except LayerError:
        return None, None


def _stat_key(task: SourceTask, fmt: str, folders: dict[tuple[str, str], Path | None]) -> str | None:
    """The cache key of a web page's, PDF's or snapshot's file as it is on disk now (None for
    text files, which are read anyway, and for files that cannot be looked at). ``folders``
    keeps the real path of each folder of this run: most sources share one."""
    if task.text is not None or fmt == "text":
        return None
    folder, name = os.path.split(task.path)
    if name in ("", ".", ".."):
        return None
    key = (task.root, folder)
    if key not in folders:
        folders[key] = resolve_inside(Path(task.root), folder or ".")
    real_folder = folders[key]
    if real_folder is None:
        return None
    real = real_folder / name
    try:
        st = os.lstat(real)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return None  # a link: read it the long way, which resolves and checks where it leads
    return digest("stat", str(real), str(st.st_size), str(st.st_ino), str(st.st_dev),
                  str(st.st_mtime_ns), str(st.st_ctime_ns))


def _task_key(task: CitationTask) -> tuple[Any, ...]:
    # Everything of a citation but its claim's position in the FactSet (and its ignored codes
    # in order: a frozenset's order is not).
    return tuple(sorted(task.ignore) if name == "ignore" else value
                 for name, value in zip(task._fields[1:], task[1:], strict=True))
