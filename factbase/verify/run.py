"""The run: plan a unit of work per source, send the units to an executor, stream their
outcomes back in order, and finish with each claim's status and the checks across claims.

:class:`Run` is the engine; its consumers are :func:`check` (an in-memory
:class:`~factbase.results.Report`) and ``factbase.db.build`` (rows written to SQLite as units
finish). Only the claims' compact index (a status per claim) and the problems stay in memory
for the length of a run; each outcome is handed on and dropped.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any, overload

from .._run import codec, snapshot
from .._run.cache import Cache
from .._run.executor import SerialExecutor, default_workers, ordered, process_executor, width
from .._run.reuse import Hashed, Reuse, entities_fingerprint
from .._run.snapshot import Snapshot, run_key
from ..factset import ClaimRecord, FactSet
from ..hints import unknown_id
from ..model import Entity, Source
from ..problems import Problem, problem
from ..results import Report
from ..sources import locate
from .across import conflicts, drafts, duplicate_ids, unused
from .claim import STATUS_BY_RANK, STATUS_RANK, reference_problems, typed_value
from .report import ReportBuilder, ignore_index
from .types import (
    CitationTask,
    CitationVerdict,
    ClaimProblems,
    Finished,
    IgnoreTask,
    SourceOutcome,
    SourceTask,
    SourceUnit,
    verdict_at,
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
    """Check every claim of a FactSet; returns a `Report`.

    ``executor`` runs the units of work (one per source): any
    ``concurrent.futures.Executor``, such as a ``ProcessPoolExecutor`` or a Dask
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
class _Plan:
    units: list[SourceUnit] = field(default_factory=list)
    sources: list[Any] = field(default_factory=list)      # the declaration of each unit
    values: Sequence[dict[str, Any] | None] = field(default_factory=list)
    claim_problems: ClaimProblems = field(default_factory=lambda: ClaimProblems(0, {}))
    unplaced: list[CitationVerdict] = field(default_factory=list)
    head: list[Problem] = field(default_factory=list)
    ignore_problems: list[Problem] = field(default_factory=list)


class _Values(Sequence[dict[str, Any] | None]):
    """The claims' typed values as plain data, worked out on first need (a run rebuilt from
    its snapshot rarely needs them all)."""

    def __init__(self, records: list[ClaimRecord]) -> None:
        self.records = records
        self.known: dict[int, dict[str, Any] | None] = {}

    def __len__(self) -> int:
        return len(self.records)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any] | None: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any] | None]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any] | None] | None:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index not in self.known:
            self.known[index] = typed_value(self.records[index])[0]
        return self.known[index]


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
        self._unit_costs: list[int | None] | None = None
        self.ranks = bytearray(len(facts.records))
        self._done = False
        self.reuse: Reuse | None = None
        self.snapshot: Snapshot | None = None
        self._snapshot_key: str | None = None
        sources: list[Source] = []
        seen: set[str] = set()
        for source in facts.sources:
            if source.id not in seen:
                seen.add(source.id)
                sources.append(source)
        root = str(facts.root)
        tasks = [SourceTask(s.id, root, s.path or "", s.sha256, s.published, s.currency, s.text,
                            format=s.format, text_sha256=s.text_sha256)
                 for s in sources]
        if self.cache is None:
            self.plan = self._plan(sources, tasks)
            return
        hashed = Hashed(tasks, self.cache)
        entities_fp = entities_fingerprint(tuple(self.entities.values()))
        self._snapshot_key = run_key(facts, hashed.shas, entities_fp)
        if self._snapshot_key is not None:
            self.snapshot = snapshot.lookup(self.cache, self._snapshot_key)
        if self.snapshot is not None and len(self.snapshot.unit_keys) == len(tasks):
            self.plan = self._replan(sources, tasks, self.snapshot)
            keys: list[str] | None = self.snapshot.unit_keys
        else:
            self.snapshot = None
            self.plan = self._plan(sources, tasks)
            keys = None
        self.reuse = Reuse(self.cache, self.plan.units, hashed, entities_fp, keys)

    # -- planning

    def _plan(self, sources: list[Source], tasks: list[SourceTask]) -> _Plan:
        facts = self.facts
        plan = _Plan(head=duplicate_ids(facts), sources=sources)
        unit_of = {source.id: i for i, source in enumerate(sources)}
        citations: list[list[CitationTask]] = [[] for _ in sources]
        ignores = self._ignores(unit_of, plan)
        values: list[dict[str, Any] | None] = []
        plan.values = values
        plan.claim_problems = ClaimProblems(len(facts.records), {})
        for ci, record in enumerate(facts.records):
            data, invalid = typed_value(record)
            found = [invalid] if invalid is not None else []
            found += reference_problems(record, data, self.entities)
            if found:
                plan.claim_problems.found[ci] = found
            values.append(data)
            ignored = record.ignored_codes
            for index, citation in enumerate(record.citations):
                at = unit_of.get(citation.source)
                if at is None:
                    verdict = CitationVerdict(ci, index)
                    p = problem("unknown-source", record.where(f"citations.{index}.source"),
                                claim_id=record.id, citation_id=f"{record.id}#{index}",
                                source_id=citation.source, field_path=f"citations.{index}.source",
                                source=citation.source,
                                hint=unknown_id(citation.source, unit_of, "sources"))
                    verdict.problems = [p] if p.code not in ignored else []
                    plan.unplaced.append(verdict)
                    continue
                citations[at].append(CitationTask(
                    ci, index, record.id, citation.quote, citation.prefix, citation.suffix,
                    citation.start, citation.end, data, ignored, citation.mention,
                    record.subject))
        plan.units = [SourceUnit(task, tuple(cits), tuple(igs))
                      for task, cits, igs in zip(tasks, citations, ignores, strict=True)]
        return plan

    def _ignores(self, unit_of: dict[str, int], plan: _Plan) -> list[tuple[IgnoreTask, ...]]:
        """The `ignore:` entries of each unit's source (those of undeclared sources reported)."""
        found: list[list[IgnoreTask]] = [[] for _ in unit_of]
        for number, ignore in enumerate(self.facts.ignores):
            at = unit_of.get(ignore.source)
            if at is None:
                plan.ignore_problems.append(problem("unknown-source", ignore.where("source"),
                                                    field_path=f"ignore.{number}.source",
                                                    source=ignore.source,
                                                    hint=unknown_id(ignore.source, unit_of,
                                                                    "sources")))
                continue
            found[at].append(IgnoreTask(number, ignore.quote, ignore.start, ignore.end, ignore.reason))
        return [tuple(f) for f in found]

    def _replan(self, sources: list[Source], tasks: list[SourceTask], snap: Snapshot) -> _Plan:
        """The plan of an unchanged base, rebuilt from its snapshot: no claim is looked at
        beyond the citations its units hold."""
        facts = self.facts
        records = facts.records
        plan = _Plan(sources=sources, head=snap.head, unplaced=snap.unplaced,
                     ignore_problems=[])
        unit_of = {source.id: i for i, source in enumerate(sources)}
        ignores = self._ignores(unit_of, plan)
        plan.ignore_problems = snap.ignore_problems
        plan.values = _Values(records)
        plan.claim_problems = ClaimProblems(len(records), snap.claim_problems)
        for task, igs, claims, numbers in zip(tasks, ignores, snap.claims, snap.numbers, strict=True):
            cits = []
            for ci, number in zip(claims, numbers, strict=True):
                record = records[ci]
                citation = record.citations[number]
                cits.append(CitationTask(ci, number, record.id, citation.quote, citation.prefix,
                                         citation.suffix, citation.start, citation.end,
                                         plan.values[ci], record.ignored_codes,
                                         citation.mention, record.subject))
            plan.units.append(SourceUnit(task, tuple(cits), igs))
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
                ranks, citations = self.ranks, unit.citations
                for position, rank in enumerate(outcome.ranks):
                    claim = citations[position].claim
                    if rank > ranks[claim]:
                        ranks[claim] = rank
                done += 1
                if self.progress is not None and (done % 50 == 0 or done == total):
                    self.progress("sources", done, total)
                yield unit, outcome
        finally:
            close()
        self._done = True

    def _cost_at(self, i: int) -> int:
        """:func:`_cost` of the plan's unit ``i``, once (a file's size is one ``stat``)."""
        costs = self._unit_costs
        if costs is None:
            costs = self._unit_costs = [None] * len(self.plan.units)
        cost = costs[i]
        if cost is None:
            cost = costs[i] = _cost(self.plan.units[i])
        return cost

    def _executor_for(self, units: list[SourceUnit]) -> tuple[Executor, Callable[[], None]]:
        if self._executor is not None:
            return self._executor, lambda: None
        count = self._workers if self._workers is not None else default_workers()
        if count > 1 and self._workers is None and sum(map(self._cost_at, range(len(units)))) < PARALLEL_MIN_BYTES:
            count = 1
        if count <= 1 or len(units) < 2:
            return SerialExecutor(), lambda: None
        pool = process_executor(min(count, len(units)))
        return pool, lambda: pool.shutdown(cancel_futures=True)

    def _outcomes(self, executor: Executor,
                  entities: tuple[Entity, ...]) -> Iterator[tuple[SourceUnit, SourceOutcome]]:
        serial = isinstance(executor, SerialExecutor)
        cached = self.reuse
        window = max(2, 2 * width(executor))

        def batches() -> Iterator[tuple[Any, ...]]:
            batch: list[SourceUnit] = []
            cost = 0
            for i, unit in enumerate(self.plan.units):
                if cached is not None and cached.hit(i):
                    continue
                todo = cached.prepare(i) if cached is not None else unit
                batch.append(todo)
                cost += self._cost_at(i)
                if serial or cost >= BATCH_COST:
                    yield (batch, entities, not serial)
                    batch, cost = [], 0
            if batch:
                yield (batch, entities, not serial)

        results = ordered(executor, _work, batches(), window)
        pending: list[Any] = []
        for i, unit in enumerate(self.plan.units):
            if cached is not None and cached.hit(i):
                found = cached.outcome(i)
                # A source that changed since it was hashed is checked here and now.
                yield unit, found if found is not None else check_sources([unit], entities)[0]
                continue
            while not pending:
                pending = list(reversed(next(results)))
            item = pending.pop()
            # From a worker: its verdicts and mentions decode when they are read. The bytes
            # came straight from the worker, so their digest is not checked again.
            outcome = (codec.unpack(codec.loads(item, check=False), lazy=True)
                       if isinstance(item, bytes) else item)
            if cached is not None:
                cached.store(i, outcome)
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
        for position in outcome.flagged:
            verdict = verdict_at(unit, outcome, position)
            record = records[verdict.claim]
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
        total = len(records)
        ranks = self.ranks
        if self.snapshot is not None:
            tail = self.snapshot.tail
        else:
            tail = [*conflicts(self.facts, plan.values), *drafts(self.facts), *unused(self.facts)]
            self._store(tail)
        # A claim with problems of its own is invalid (even when it accepts their codes).
        claim_problems = ClaimProblems(total, dict(plan.claim_problems.found))
        for ci, found in claim_problems.found.items():
            ranks[ci] = STATUS_RANK["invalid"]
            ignored = records[ci].ignored_codes
            if ignored:
                claim_problems.found[ci] = [p for p in found if p.code not in ignored]
        statuses = [STATUS_BY_RANK[rank] for rank in ranks]
        if self.progress is not None:
            self.progress("claims", total, total)
        return Finished(statuses, claim_problems, plan.unplaced, plan.head, tail,
                        plan.ignore_problems, plan.values)

    def _store(self, tail: list[Problem]) -> None:
        """Keep the snapshot of this run, so that a run of the same base need not plan."""
        if self.cache is None or self.reuse is None or self._snapshot_key is None:
            return
        plan = self.plan
        snapshot.store(self.cache, self._snapshot_key, Snapshot(
            unit_keys=self.reuse.keys,
            claims=[array("q", (c.claim for c in unit.citations)) for unit in plan.units],
            numbers=[array("q", (c.number for c in unit.citations)) for unit in plan.units],
            claim_problems=plan.claim_problems.found, unplaced=plan.unplaced, head=plan.head,
            ignore_problems=plan.ignore_problems, tail=tail))


def _work(units: list[SourceUnit], entities: tuple[Entity, ...], encode: bool) -> list[Any]:
    """The task an executor runs: a batch of units, their outcomes encoded for the trip back
    (the encoding the cache keeps as well). Not compressed: the run decodes every outcome in
    one process, where inflating them cost more than the pipe saves (a cluster's transport
    compresses its own frames)."""
    outcomes = check_sources(units, entities)
    if not encode:
        return list(outcomes)
    return [codec.dumps(codec.pack(o), compress=False) for o in outcomes]


def _cost(unit: SourceUnit) -> int:
    """About how much work a unit is: its bytes of text and a share per citation. An estimate
    for batching only: the file is not resolved (the unit does that, safely, when it reads)."""
    task = unit.source
    if task.text is not None:
        size = len(task.text)
    else:
        try:
            size = os.stat(os.path.join(task.root, task.path)).st_size
        except (OSError, ValueError):
            size = 0
    return size + CITATION_COST * len(unit.citations)


