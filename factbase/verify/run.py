"""The run: plan a unit of work per source, send the units to an executor, stream their
outcomes back in order, and finish with each claim's status and the checks across claims.

:class:`Run` is the engine; its consumers are :func:`check` (an in-memory
:class:`~factbase.results.Report`) and ``factbase.db.build`` (rows written to SQLite as units
finish). Only the claims' compact index (a status per claim) and the problems stay in memory
for the length of a run; each outcome is handed on and dropped.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._run import codec
from .._run.cache import Cache, code_fingerprint, digest
from .._run.executor import SerialExecutor, default_workers, ordered, process_executor, width
from ..factset import ClaimRecord, FactSet
from ..mentions.types import Mention
from ..model import Entity
from ..problems import Problem, problem
from ..results import (
    CitationResult,
    ClaimResult,
    Evidence,
    Report,
    SourceResult,
)
from ..sources import locate, read_bytes, resolve_inside, sha256_bytes
from ..sources.errors import LayerError
from ..sources.layer import extractor_fingerprint, format_of, pages_of, plain_text, text_sha256
from ..values import claimed_interval
from .claim import (
    STATUS_RANK,
    claim_status,
    reference_problems,
    typed_value,
    value_data,
    value_model,
)
from .rules import describe
from .types import (
    CitationTask,
    CitationVerdict,
    IgnoreTask,
    SourceOutcome,
    SourceTask,
    SourceUnit,
    TextLayer,
)
from .unit import check_sources

__all__ = ["Progress", "Run", "check"]

Progress = Callable[[str, int, int], None]

# Below this much text to check, starting processes costs more than it saves.
PARALLEL_MIN_BYTES = 1_000_000
# A batch (one task for the executor) holds about this much work: bytes of text, plus a
# share for each citation.
BATCH_COST = 256_000
CITATION_COST = 200


def check(
    facts: FactSet,
    *,
    executor: Executor | None = None,
    workers: int | None = None,
    cache: Cache | None = None,
    progress: Progress | None = None,
) -> Report:
    """Check every claim of a FactSet; returns a :class:`~factbase.results.Report`.

    ``executor`` runs the units of work (one per source): any
    :class:`concurrent.futures.Executor`, such as a ``ProcessPoolExecutor`` or a Dask
    client's ``get_executor()``; it is left running. Without one, ``workers`` decides: 1
    checks in this process, N in N local processes, None picks by the size of the base and
    the CPUs (``FACTBASE_WORKERS`` sets the default). ``cache`` reuses earlier work
    (``factbase._run.cache``); ``progress(phase, done, total)`` is called as sources and claims
    are done. None of these change the report.
    """
    run = Run(facts, executor=executor, workers=workers, cache=cache, progress=progress)
    builder = ReportBuilder(facts)
    for unit, outcome in run.outcomes():
        builder.add(unit, outcome)
    return builder.finish(run.finish())


# ---------------------------------------------------------------------------- the plan


@dataclass
class Finished:
    """What a run knows once every unit is done."""

    statuses: list[str]                       # per claim
    claim_problems: list[list[Problem]]       # per claim, its own (not its citations')
    unplaced: list[CitationVerdict]           # citations of undeclared sources
    head: list[Problem]                       # duplicate ids
    tail: list[Problem]                       # across claims: conflicts, unused
    ignores: list[Problem]                    # `ignore:` entries of undeclared sources
    values: list[dict[str, Any] | None]       # per claim, the typed value as plain data


@dataclass
class _Plan:
    units: list[SourceUnit] = field(default_factory=list)
    sources: list[Any] = field(default_factory=list)      # the declaration of each unit
    values: list[dict[str, Any] | None] = field(default_factory=list)
    claim_problems: list[list[Problem]] = field(default_factory=list)
    unplaced: list[CitationVerdict] = field(default_factory=list)
    head: list[Problem] = field(default_factory=list)
    ignore_problems: list[Problem] = field(default_factory=list)


class Run:
    """One check of a FactSet. Iterate :meth:`outcomes`, then call :meth:`finish`."""

    def __init__(self, facts: FactSet, *, executor: Executor | None = None,
                 workers: int | None = None, cache: Cache | None = None,
                 progress: Progress | None = None) -> None:
        self.facts = facts
        self.entities: dict[str, Entity] = {}
        for e in facts.entities:
            self.entities.setdefault(e.id, e)
        self.cache = cache if cache is not None and cache.enabled else None
        self.progress = progress
        self._executor = executor
        self._workers = workers
        self.plan = self._plan()
        self.ranks = bytearray(len(facts.records))
        self._done = False

    # -- planning

    def _plan(self) -> _Plan:
        facts = self.facts
        plan = _Plan(head=_duplicate_ids(facts))
        unit_of: dict[str, int] = {}
        citations: list[list[CitationTask]] = []
        ignores: list[list[IgnoreTask]] = []
        root = str(facts.root)
        for source in facts.sources:
            if source.id in unit_of:
                continue
            unit_of[source.id] = len(plan.sources)
            plan.sources.append(source)
            citations.append([])
            ignores.append([])
        for ci, record in enumerate(facts.records):
            value, invalid = typed_value(record)
            found = [invalid] if invalid is not None else []
            found += reference_problems(record, value, self.entities)
            plan.claim_problems.append(found)
            data = None if value is None else (
                record.value if isinstance(record.value, dict) else value_data(value))
            plan.values.append(data)
            ignored = record.ignored_codes
            for index, citation in enumerate(record.citations):
                at = unit_of.get(citation.source)
                if at is None:
                    verdict = CitationVerdict(ci, index)
                    p = problem("unknown-source", record.where(f"citations.{index}.source"),
                                claim_id=record.id, citation_id=f"{record.id}#{index}",
                                source_id=citation.source, field_path=f"citations.{index}.source",
                                source=citation.source)
                    verdict.problems = [p] if p.code not in ignored else []
                    plan.unplaced.append(verdict)
                    continue
                citations[at].append(CitationTask(
                    ci, index, record.id, citation.quote, citation.prefix, citation.suffix,
                    citation.start, citation.end, data, ignored))
        for ii, ignore in enumerate(facts.ignores):
            at = unit_of.get(ignore.source)
            if at is None:
                plan.ignore_problems.append(problem("unknown-source", ignore.where("source"),
                                                    field_path=f"ignore.{ii}.source",
                                                    source=ignore.source))
                continue
            ignores[at].append(IgnoreTask(ii, ignore.quote, ignore.start, ignore.end, ignore.reason))
        for source, cits, igs in zip(plan.sources, citations, ignores, strict=True):
            task = SourceTask(source.id, root, source.path, source.sha256, source.published,
                              source.currency, format=source.format,
                              text_sha256=source.text_sha256)
            plan.units.append(SourceUnit(task, tuple(cits), tuple(igs)))
        return plan

    # -- running

    def outcomes(self) -> Iterator[tuple[SourceUnit, SourceOutcome]]:
        """Each unit with its outcome, in plan order, problems located in the facts files."""
        units = self.plan.units
        total = len(units)
        executor, close = self._executor_for(units)
        entities = tuple(self.entities.values())
        done = 0
        try:
            for unit, outcome in self._outcomes(executor, entities):
                self._locate(unit, outcome)
                for position, verdict in enumerate(outcome.verdicts):
                    task = unit.citations[position]
                    verdict.claim, verdict.index = task.claim, task.index
                    rank = STATUS_RANK[verdict.status]
                    if rank > self.ranks[task.claim]:
                        self.ranks[task.claim] = rank
                done += 1
                if self.progress is not None and (done % 50 == 0 or done == total):
                    self.progress("sources", done, total)
                yield unit, outcome
        finally:
            close()
        self._done = True

    def _executor_for(self, units: list[SourceUnit]) -> tuple[Executor, Callable[[], None]]:
        if self._executor is not None:
            return self._executor, lambda: None
        count = self._workers if self._workers is not None else default_workers()
        if count > 1 and self._workers is None and _size(units) < PARALLEL_MIN_BYTES:
            count = 1
        if count <= 1 or len(units) < 2:
            return SerialExecutor(), lambda: None
        pool = process_executor(min(count, len(units)))
        return pool, lambda: pool.shutdown(cancel_futures=True)

    def _outcomes(self, executor: Executor,
                  entities: tuple[Entity, ...]) -> Iterator[tuple[SourceUnit, SourceOutcome]]:
        serial = isinstance(executor, SerialExecutor)
        cached = _Cached(self.cache, self.plan.units, entities) if self.cache is not None else None
        window = max(2, 2 * width(executor))

        def batches() -> Iterator[tuple[Any, ...]]:
            batch: list[SourceUnit] = []
            cost = 0
            for i, unit in enumerate(self.plan.units):
                if cached is not None and cached.hit(i):
                    continue
                todo = cached.prepare(i) if cached is not None else unit
                batch.append(todo)
                cost += _cost(todo)
                if serial or cost >= BATCH_COST:
                    yield (batch, entities, not serial)
                    batch, cost = [], 0
            if batch:
                yield (batch, entities, not serial)

        results = ordered(executor, _work, batches(), window)
        pending: list[Any] = []
        for i, unit in enumerate(self.plan.units):
            if cached is not None and cached.hit(i):
                yield unit, cached.outcome(i)
                continue
            while not pending:
                pending = list(reversed(next(results)))
            item = pending.pop()
            outcome = codec.unpack(codec.loads(item)) if isinstance(item, bytes) else item
            if cached is not None:
                cached.store(i, outcome, item if isinstance(item, bytes) else None)
            yield unit, outcome

    def _locate(self, unit: SourceUnit, outcome: SourceOutcome) -> None:
        """Give the outcome's problems their positions in the facts files."""
        records = self.facts.records
        for p in outcome.problems:
            index = ignore_index(p)
            if index is not None:
                locate(p, self.facts.ignores[index].where((p.field_path or "").split(".", 2)[2]))
                continue
            source = self.facts.source(unit.source.id)
            if source is not None:
                locate(p, source.where(p.field_path))
        for position, verdict in enumerate(outcome.verdicts):
            record = records[unit.citations[position].claim]
            for p in verdict.problems:
                locate(p, record.where(p.field_path))

    # -- finishing

    def finish(self) -> Finished:
        """Each claim's status and the problems found across claims; call after
        :meth:`outcomes` is exhausted."""
        if not self._done:
            raise RuntimeError("finish() before every outcome was read")
        plan = self.plan
        for verdict in plan.unplaced:
            if STATUS_RANK["invalid"] > self.ranks[verdict.claim]:
                self.ranks[verdict.claim] = STATUS_RANK["invalid"]
        records = self.facts.records
        statuses: list[str] = []
        claim_problems: list[list[Problem]] = []
        total = len(records)
        for ci, record in enumerate(records):
            found = plan.claim_problems[ci]
            cited = bool(record.citations)
            statuses.append(claim_status([self.ranks[ci]] if cited else [], bool(found)))
            ignored = record.ignored_codes
            claim_problems.append([p for p in found if p.code not in ignored] if ignored else found)
            if self.progress is not None and ci % 10000 == 0:
                self.progress("claims", ci, total)
        if self.progress is not None:
            self.progress("claims", total, total)
        tail = [*_conflicts(self.facts, plan.values, statuses), *_unused(self.facts)]
        return Finished(statuses, claim_problems, plan.unplaced, plan.head, tail,
                        plan.ignore_problems, plan.values)


def _work(units: list[SourceUnit], entities: tuple[Entity, ...], encode: bool) -> list[Any]:
    """The task an executor runs: a batch of units, their outcomes encoded for the trip back
    (the encoding the cache keeps as well)."""
    outcomes = check_sources(units, entities)
    if not encode:
        return list(outcomes)
    return [codec.dumps(codec.pack(o)) for o in outcomes]


def _size(units: list[SourceUnit]) -> int:
    total = 0
    for unit in units:
        total += _cost(unit)
    return total


def _cost(unit: SourceUnit) -> int:
    task = unit.source
    if task.text is not None:
        size = len(task.text)
    else:
        real = resolve_inside(Path(task.root), task.path)
        try:
            size = os.stat(real).st_size if real is not None else 0
        except OSError:
            size = 0
    return size + CITATION_COST * len(unit.citations)


# ---------------------------------------------------------------------------- the cache


class _Cached:
    """The cache's side of a run: which units it holds, which text layers it holds (by the
    hash of the bytes they were extracted from), and what to store."""

    def __init__(self, cache: Cache, units: list[SourceUnit], entities: tuple[Entity, ...]) -> None:
        self.cache = cache
        self.units = units
        code = code_fingerprint()
        extractors = extractor_fingerprint()
        entities_fp = digest(*(e.model_dump_json(by_alias=True) for e in entities))
        self.layers: list[tuple[str, TextLayer] | None] = []
        self.shas: list[str | None] = []
        self.keys: list[str] = []
        self.mention_keys: list[str] = []
        self.layer_keys: list[str | None] = []
        # A web page, PDF or snapshot that has not changed since it was hashed (same size,
        # inode, modification and change times: what git trusts) is not read again.
        folders: dict[tuple[str, str], Path | None] = {}
        stats = [_stat_key(unit.source, folders) for unit in units]
        known = cache.get("stat", [k for k in stats if k is not None])
        for unit, stat_key in zip(units, stats, strict=True):
            task = unit.source
            blob = known.get(stat_key) if stat_key is not None else None
            if blob is not None and len(blob) == 64:
                sha: str | None = blob.decode("ascii")
                layer: tuple[str, TextLayer] | None = None
                layer_key: str | None = digest("text", code, extractors,
                                               format_of(task.path, task.format), sha or "")
            else:
                layer, sha, layer_key = _read(task, code, extractors)
                if stat_key is not None and sha is not None and layer_key is not None:
                    cache.put("stat", stat_key, sha.encode("ascii"))
            self.layers.append(layer)
            self.shas.append(sha)
            self.layer_keys.append(layer_key)
            self.keys.append(digest("unit", code, extractors, repr(task), sha or "-", entities_fp,
                                    repr([_task_key(c) for c in unit.citations]), repr(unit.ignores)))
            self.mention_keys.append(digest("mentions", code, extractors, sha or "-",
                                            task.published or "", task.currency or "",
                                            entities_fp, task.format or ""))
        wanted = [k for k in self.layer_keys if k is not None]
        self.stored_layers = cache.get("text", wanted) if wanted else {}
        for i, key in enumerate(self.layer_keys):
            blob = self.stored_layers.get(key) if key is not None else None
            if blob is None:
                continue
            try:
                self.layers[i] = codec.unpack_layer(codec.loads(blob))
            except codec.CodecError:
                del self.stored_layers[key]  # type: ignore[arg-type]
        found = cache.get("unit", [k for k, s in zip(self.keys, self.shas, strict=True) if s])
        self.found = {k: blob for k, blob in found.items() if codec.intact(blob)}
        self.mentions: dict[str, bytes] = {}
        missing = [self.mention_keys[i] for i, k in enumerate(self.keys)
                   if self.shas[i] and k not in self.found]
        if missing:
            self.mentions = cache.get("mentions", missing)

    def hit(self, i: int) -> bool:
        return self.keys[i] in self.found and self.layers[i] is not None

    def outcome(self, i: int) -> SourceOutcome:
        outcome = codec.unpack(codec.loads(self.found[self.keys[i]]))
        layer = self.layers[i]
        assert layer is not None
        outcome.text = layer[0]
        return outcome

    def prepare(self, i: int) -> SourceUnit:
        """The unit to run, with its text layer and mentions when the cache has them."""
        unit = self.units[i]
        layer = self.layers[i] if self.layer_keys[i] is not None else None
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

    def store(self, i: int, outcome: SourceOutcome, blob: bytes | None) -> None:
        if outcome.sha256 is None or outcome.sha256 != self.shas[i] or outcome.text is None:
            return  # not read, or changed since it was hashed
        text, outcome.text = outcome.text, None
        try:
            self.cache.put("unit", self.keys[i], codec.dumps(codec.pack(outcome)))
            if self.mention_keys[i] not in self.mentions:
                self.cache.put("mentions", self.mention_keys[i],
                               codec.dumps(codec.pack_mentions(outcome.mentions)))
            key = self.layer_keys[i]
            if key is not None and key not in self.stored_layers and outcome.layer is not None:
                self.cache.put("text", key, codec.dumps(codec.pack_layer(text, outcome.layer),
                                                        compress=False))
                self.layers[i] = (text, outcome.layer)
        except codec.CodecError:
            pass
        finally:
            outcome.text = text


def _stat_key(task: SourceTask, folders: dict[tuple[str, str], Path | None]) -> str | None:
    """The cache key of a web page's, PDF's or snapshot's file as it is on disk now (None for
    text files, which are read anyway, and for files that cannot be looked at). ``folders``
    keeps the real path of each folder of this run: most sources share one."""
    if task.text is not None or format_of(task.path, task.format) == "text":
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


def _read(task: SourceTask, code: str, extractors: str,
          ) -> tuple[tuple[str, TextLayer] | None, str | None, str | None]:
    """What the parent knows of a source before its unit runs: the text layer when it is a
    text file (decoding is cheaper than a cache look-up), the bytes' hash, and the cache key
    of the text layer of any other format."""
    if task.text is not None:
        return (task.text, TextLayer("text", None, text_sha256(task.text))), \
            sha256_bytes(task.text.encode("utf-8")), None
    real = resolve_inside(Path(task.root), task.path)
    if real is None:
        return None, None, None
    data, _ = read_bytes(real)
    if data is None:
        return None, None, None
    sha = sha256_bytes(data)
    fmt = format_of(task.path, task.format)
    if fmt != "text":
        return None, sha, digest("text", code, extractors, fmt, sha)
    try:
        text = plain_text(data)
    except LayerError:
        return None, None, None
    return (text, TextLayer("text", sha, text_sha256(text))), sha, None


def _task_key(task: CitationTask) -> tuple[Any, ...]:
    # Everything of a citation but its claim's position in the FactSet: claims that only
    # moved keep their units' entries.
    return (task.index, task.claim_id, task.quote, task.prefix, task.suffix, task.start,
            task.end, task.value, sorted(task.ignore))


# ---------------------------------------------------------------------------- the report


def results_of(facts: FactSet, unit: SourceUnit,
               outcome: SourceOutcome) -> tuple[SourceResult, list[CitationResult]]:
    """A unit's outcome as result types: the source as read, and each citation of it."""
    records = facts.records
    covered_by = {mi: sorted({records[unit.citations[k].claim].id for k in positions})
                  for mi, positions in outcome.covered.items()}
    layer = outcome.layer
    pages = layer.pages if layer is not None else []
    source = SourceResult(
        id=outcome.id, path=unit.source.path, text=outcome.text, sha256=outcome.sha256,
        changed=outcome.changed, mentions=outcome.mentions, covered_by=covered_by,
        ignored=outcome.ignored, source=facts.source(unit.source.id),
        format=layer.format if layer is not None else format_of(unit.source.path, unit.source.format),
        text_sha256=layer.sha256 if layer is not None else None, pages=pages)
    return source, [citation_result(facts, v, outcome.mentions, pages) for v in outcome.verdicts]


def citation_result(facts: FactSet, verdict: CitationVerdict, mentions: list[Mention],
                    pages: list[int] | None = None) -> CitationResult:
    record = facts.records[verdict.claim]
    citation = record.citations[verdict.index]
    page, page_end = pages_of(pages or [], verdict.start, verdict.end)
    return CitationResult(
        index=verdict.index, claim_id=record.id, source=citation.source, quote=citation.quote,
        start=verdict.start, end=verdict.end, anchor=verdict.anchor, score=verdict.score,
        page=page, page_end=page_end,
        supports=verdict.supports, status=verdict.status,  # type: ignore[arg-type]
        evidence=[Evidence.of(mentions[i], matches) for i, matches in verdict.evidence],
        problems=verdict.problems)


class ProblemList:
    """Collects a run's problems as outcomes arrive, and lists them in report order: duplicate
    ids, the sources', each claim's own then its citations', the checks across claims, the
    ``ignore:`` entries'."""

    def __init__(self) -> None:
        self.sources: list[Problem] = []
        self.ignores: list[Problem] = []
        self.citations: dict[int, list[tuple[int, list[Problem]]]] = {}

    def add(self, outcome: SourceOutcome) -> None:
        for p in outcome.problems:
            (self.sources if ignore_index(p) is None else self.ignores).append(p)
        for verdict in outcome.verdicts:
            self.add_verdict(verdict)

    def add_verdict(self, verdict: CitationVerdict) -> None:
        if verdict.problems:
            self.citations.setdefault(verdict.claim, []).append((verdict.index, verdict.problems))

    def of_claim(self, finished: Finished, ci: int) -> list[Problem]:
        """A claim's problems: its own, then its citations' in citation order."""
        out = list(finished.claim_problems[ci])
        for _, found in sorted(self.citations.get(ci, ()), key=lambda pair: pair[0]):
            out.extend(found)
        return out

    def ordered(self, finished: Finished) -> list[Problem]:
        for verdict in finished.unplaced:
            self.add_verdict(verdict)
        out = [*finished.head, *self.sources]
        for ci in range(len(finished.statuses)):
            out.extend(self.of_claim(finished, ci))
        out.extend(finished.tail)
        out.extend(sorted([*finished.ignores, *self.ignores], key=lambda p: ignore_index(p) or 0))
        return out


class ReportBuilder:
    """Builds the in-memory Report from a run's outcomes: one consumer of the stream."""

    def __init__(self, facts: FactSet) -> None:
        self.facts = facts
        self.sources: list[SourceResult] = []
        self.problems = ProblemList()
        self.citations: dict[int, list[CitationResult]] = {}

    def add(self, unit: SourceUnit, outcome: SourceOutcome) -> None:
        source, citations = results_of(self.facts, unit, outcome)
        self.sources.append(source)
        self.problems.add(outcome)
        for verdict, result in zip(outcome.verdicts, citations, strict=True):
            self.citations.setdefault(verdict.claim, []).append(result)

    def finish(self, finished: Finished) -> Report:
        facts = self.facts
        report = Report(facts=facts, sources=self.sources)
        for verdict in finished.unplaced:
            self.citations.setdefault(verdict.claim, []).append(citation_result(facts, verdict, []))
        entities = {e.id: e for e in reversed(facts.entities)}
        for ci, record in enumerate(facts.records):
            result = claim_result(record, finished.statuses[ci], finished.values[ci], entities)
            result.citations = sorted(self.citations.get(ci, ()), key=lambda c: c.index)
            result.problems = finished.claim_problems[ci]
            report.claims.append(result)
        report.problems = self.problems.ordered(finished)
        return report


def ignore_index(p: Problem) -> int | None:
    """The index of the ``ignore:`` entry a problem is about, if it is about one."""
    path = p.field_path or ""
    if not path.startswith("ignore."):
        return None
    return int(path.split(".", 2)[1])


def claim_result(record: ClaimRecord, status: str, data: dict[str, Any] | None,
                 entities: Mapping[str, Entity]) -> ClaimResult:
    """A claim's result, without its citations and problems."""
    where = record.where()
    if data is None:
        value_type, value, display = "invalid", {"shorthand": record.value}, str(record.value)
    else:
        typed = value_model(data)
        value_type = typed.type
        value = typed.model_dump(mode="json", by_alias=True, exclude_none=True)
        display = describe(typed, entities)
    return ClaimResult(
        id=record.id, statement=record.statement, status=status,  # type: ignore[arg-type]
        value_type=value_type, value=value, display=display, subject=record.subject,
        predicate=record.predicate, tags=list(record.tags), file=where.file, line=where.line,
        claim=record)


# ---------------------------------------------------------------------------- across claims


def _duplicate_ids(facts: FactSet) -> list[Problem]:
    out: list[Problem] = []
    for kind, items in (("source", facts.sources), ("entity", facts.entities), ("claim", facts.records)):
        # The first of each id, whose location is looked up only when the id repeats.
        first: dict[str, Any] = {}
        for item in items:
            if item.id in first:
                out.append(problem("duplicate-id", item.where("id"), kind=kind, id=item.id,
                                   first=str(first[item.id].where("id")),
                                   claim_id=item.id if kind == "claim" else None,
                                   source_id=item.id if kind == "source" else None,
                                   field_path="id"))
            else:
                first[item.id] = item
    return out


def _comparable(value: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((k, str(v)) for k, v in value.items()))


def _conflicts(facts: FactSet, values: list[dict[str, Any] | None], statuses: list[str]) -> list[Problem]:
    out: list[Problem] = []
    first: dict[tuple[str, str], int] = {}
    records = facts.records
    for ci, record in enumerate(records):
        value = values[ci]
        if record.subject is None or record.predicate is None or value is None:
            continue
        key = (record.subject, record.predicate)
        other = first.get(key)
        if other is None:
            first[key] = ci
            continue
        other_value = values[other]
        assert other_value is not None
        if not _compatible(other_value, value):
            where = records[other].where()
            out.append(problem(
                "conflicting-claims", record.where("value"), claim_id=record.id,
                claim=record.id, other=f"{records[other].id} ({where.file}:{where.line})",
                subject=record.subject, predicate=record.predicate, field_path="value",
            ))
    return out


def _compatible(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    if a.get("type") != b.get("type"):
        return False
    if a.get("type") == "date":
        ia = _date_interval(a)
        ib = _date_interval(b)
        # Compatible when one lies inside the other (2019-12 and 2019-12-24 agree).
        return (ia[0] <= ib[0] and ib[1] <= ia[1]) or (ib[0] <= ia[0] and ia[1] <= ib[1])
    return _comparable(a) == _comparable(b)


def _date_interval(value: Mapping[str, Any]) -> tuple[dt.date, dt.date]:
    first, last, _ = claimed_interval(value.get("date"), value.get("from"), value.get("to"),
                                      value.get("qualifier"))
    return first, last


def _unused(facts: FactSet) -> list[Problem]:
    cited = {c.source for record in facts.records for c in record.citations}
    cited |= {i.source for i in facts.ignores}
    seen: set[str] = set()
    out: list[Problem] = []
    for s in facts.sources:
        if s.id not in seen:
            seen.add(s.id)
            if s.id not in cited:
                out.append(problem("unused-source", s.where("id"), source_id=s.id, source=s.id,
                                   field_path="id"))
    referenced: set[str] = set()
    for record in facts.records:
        if record.subject:
            referenced.add(record.subject)
        value = record.value
        if isinstance(value, dict) and value.get("type") in ("person", "entity"):
            referenced.add(value["entity"])
    seen = set()
    for e in facts.entities:
        if e.id not in seen:
            seen.add(e.id)
            if e.id not in referenced:
                out.append(problem("unused-entity", e.where("id"), entity=e.id, field_path="id"))
    return out
