"""The published database: its shape (:mod:`.shape`), its rows (:mod:`.rows`) and the
file (:mod:`.write`).

:func:`build` checks a FactSet and streams each source's rows into the database as its unit
of work finishes, so that a build holds one unit and the claims' compact index, never the
whole report. :func:`publish` writes a Report that is already in memory. Both write the same
rows in the same order: the same inputs give a byte-identical file either way.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._run.cache import Cache
from ..factset import FactSet
from ..problems import FactsError, Problem, problem
from ..results import CitationResult, ClaimResult, Report, SourceResult, stats_of
from ..verify.report import ProblemList, citation_result, claim_result, results_of
from ..verify.run import Progress, Run
from ..verify.types import verdict_at
from .rows import Rows
from .write import Writer, build_lock

__all__ = ["BuildResult", "PublishError", "build", "publish"]


class PublishError(FactsError):
    """The database could not be written; ``problems`` holds one ``output-error``."""


@dataclass
class BuildResult:
    """What a build wrote, and what the check found."""

    path: Path
    facts_hash: str
    counts: dict[str, int]
    size: int
    config_files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


# Kept for the name users know from the first release.
PublishResult = BuildResult


def publish(report: Report, path: str | os.PathLike[str], *, metadata: bool = True,
            datasette_config: str = "0.65") -> BuildResult:
    """Write ``report`` to the SQLite database at ``path``, atomically.

    With ``metadata`` the Datasette configuration is written next to the database (see
    ``factbase.serve.write_config``; ``datasette_config`` is "0.65" or "1.0").
    """
    facts = report.facts

    def sources() -> Iterator[tuple[SourceResult, list[CitationResult]]]:
        declared = {s.id for s in report.sources}
        by_source: dict[str, list[CitationResult]] = {}
        rest: list[CitationResult] = []
        seen: set[str] = set()
        for claim in report.claims:
            if claim.id in seen:
                continue  # a repeated id is reported; the first claim is published
            seen.add(claim.id)
            for cit in claim.citations:
                if cit.source in declared:
                    by_source.setdefault(cit.source, []).append(cit)
                else:
                    rest.append(cit)
        for source in report.sources:
            yield source, by_source.pop(source.id, [])
        # Citations of undeclared sources, last, as a build writes them.
        if rest:
            yield _NO_SOURCE, rest

    return _write(facts, Path(path), sources(), lambda: (report.claims, report.problems, report.stats),
                  metadata, datasette_config)


_NO_SOURCE = SourceResult(id="", path="", text=None, sha256=None, changed=False)


def build(facts: FactSet, path: str | os.PathLike[str], *, executor: Executor | None = None,
          workers: int | None = None, cache: Cache | None = None, progress: Progress | None = None,
          metadata: bool = True, datasette_config: str = "0.65") -> BuildResult:
    """Check ``facts`` and write the database at ``path``, each source's rows as its unit of
    work finishes (see ``factbase.check`` for ``executor``, ``workers``, ``cache`` and
    ``progress``). The check's problems and counts are on the result."""
    run = Run(facts, executor=executor, workers=workers, cache=cache, progress=progress)
    problems = ProblemList()
    entities = {e.id: e for e in reversed(facts.entities)}
    first: dict[str, int] = {}
    for ci, record in enumerate(facts.records):
        first.setdefault(record.id, ci)
    repeated = len(first) != len(facts.records)

    displays: dict[int, str] = {}

    def sources() -> Iterator[tuple[SourceResult, list[CitationResult]]]:
        for unit, outcome in run.outcomes():
            problems.add(unit, outcome)
            for position in range(len(unit.citations)):
                verdict = verdict_at(unit, outcome, position)
                if verdict.display is not None:
                    displays[verdict.claim] = verdict.display
            source, citations = results_of(facts, unit, outcome)
            if repeated:  # a repeated id is reported; the first claim is published
                citations = [c for task, c in zip(unit.citations, citations, strict=True)
                             if first[c.claim_id] == task.claim]
            yield source, citations
        finished = run.finish()
        unplaced = [citation_result(facts, v, []) for v in finished.unplaced
                    if not repeated or first[facts.records[v.claim].id] == v.claim]
        if unplaced:
            yield _NO_SOURCE, unplaced
        state["finished"] = finished

    state: dict[str, Any] = {}

    def final() -> tuple[Iterable[ClaimResult], list[Problem], dict[str, Any]]:
        finished = state["finished"]
        listed = problems.ordered(finished)
        claims = (claim_result(record, finished.statuses[ci], finished.values[ci], entities,
                               displays.get(ci))
                  for ci, record in enumerate(facts.records))
        by_status: dict[str, int] = {}
        for status in finished.statuses:
            by_status[status] = by_status.get(status, 0) + 1
        citations = sum(len(r.citations) for r in facts.records)
        stats = stats_of(facts, len(facts.records), citations, len(run.plan.units), by_status, listed)
        return claims, listed, stats

    return _write(facts, Path(path), sources(), final, metadata, datasette_config)


def _write(facts: FactSet, dest: Path,
           sources: Iterator[tuple[SourceResult, list[CitationResult]]],
           final: Any, metadata: bool, datasette_config: str) -> BuildResult:
    rows = Rows(facts)
    config_files: list[Path] = []
    try:
        # Two builds into one destination take turns: the lock covers the database and its
        # Datasette configuration, so the pair always comes from one build.
        with build_lock(dest):
            writer = Writer(dest)
            try:
                for source, citations in sources:
                    if source is _NO_SOURCE:
                        writer.insert("citations", rows.citations(citations))
                        continue
                    for table, table_rows in rows.source(source, citations).items():
                        writer.insert(table, table_rows)
                claims, problems, stats = final()
                counts: dict[str, int] = {}
                for p in problems:
                    if p.claim_id is not None:
                        counts[p.claim_id] = counts.get(p.claim_id, 0) + 1
                writer.insert("claims", rows.claims(claims, counts))
                writer.insert("problems", rows.problems(problems))
                for table, table_rows in rows.entities().items():
                    writer.insert(table, table_rows)
                by_status = {k: v for k, v in stats.items() if k in _STATUS_KEYS}
                writer.insert("factbase_build", [rows.build(
                    not any(p.severity == "error" for p in problems), by_status,
                    stats["errors"], stats["warnings"])])
                writer.commit()
            except BaseException:
                writer.abort()
                raise
            if metadata:
                from ..serve import write_config

                config_files = write_config(dest, version=datasette_config)
    except (OSError, sqlite3.Error) as exc:
        raise PublishError([problem("output-error", path=str(dest), reason=_reason(exc, dest))]) from exc
    counts_out = dict(rows.counts)
    counts_out["factbase_build"] = 1
    return BuildResult(dest, rows.facts_hash(), counts_out, dest.stat().st_size, config_files,
                       problems, stats)


def _reason(exc: OSError | sqlite3.Error, dest: Path) -> str:
    """Why the database could not be written, and what to change."""
    folder = dest.parent if str(dest.parent) else Path(".")
    if isinstance(exc, OSError) and exc.errno == errno.ENOENT and not folder.is_dir():
        return f"the folder {folder} does not exist; create it, or write the database elsewhere"
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{exc.strerror or exc}; write the database to a folder you can write to"
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return f"{exc.strerror or exc}; free some space, or write the database elsewhere"
    if isinstance(exc, OSError) and exc.errno == errno.ENOTDIR:
        return f"{exc.strerror or exc}: a file stands where a folder should; write the database elsewhere"
    return f"{exc}; check that the folder can be written to and has room"


_STATUS_KEYS = {"verified", "contradicted", "unsupported", "unanchored", "stale", "invalid"}
