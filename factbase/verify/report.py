"""The in-memory Report: one consumer of a run's stream of outcomes.

The Report is built from the same compact data the run streams: each source's outcome (whose
mentions, when they came from the cache, decode only when someone reads them) and each
claim's verdicts. Claims become :class:`~factbase.results.ClaimResult` objects when they are
read (``report.claims[i]``, iteration), not before: a check whose caller only wants the
problems and the counts never builds them. Row-writing consumers (``factbase.db``) use
:func:`results_of` and :func:`claim_result` one source or claim at a time.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

from ..factset import ClaimRecord, FactSet
from ..mentions.types import Mention
from ..model import Entity
from ..problems import Problem
from ..results import CitationResult, ClaimResult, Evidence, Report, SourceResult
from ..sources.layer import format_of, pages_of
from .across import is_draft
from .claim import json_value, value_model
from .rules import describe
from .types import CitationVerdict, Finished, SourceOutcome, SourceUnit, verdict_at

__all__ = ["ProblemList", "ReportBuilder", "citation_result", "claim_result", "ignore_index",
           "results_of"]


def results_of(facts: FactSet, unit: SourceUnit,
               outcome: SourceOutcome) -> tuple[SourceResult, list[CitationResult]]:
    """A unit's outcome as result types: the source as read, and each citation of it."""
    pages = _pages(outcome)
    return source_result(facts, unit, outcome), [
        citation_result(facts, verdict_at(unit, outcome, k), outcome.mentions, pages)
        for k in range(len(unit.citations))]


def _pages(outcome: SourceOutcome) -> list[int]:
    return outcome.layer.pages if outcome.layer is not None else []


def source_result(facts: FactSet, unit: SourceUnit, outcome: SourceOutcome) -> SourceResult:
    layer = outcome.layer
    written, drafts, drafted = about(facts, unit)
    return SourceResult(
        id=outcome.id, path=unit.source.path, text=outcome.text, sha256=outcome.sha256,
        changed=outcome.changed, mentions=outcome.mentions,
        covered_by=CoveredBy(facts, unit, outcome.covered), ignored=outcome.ignored,
        about=written, drafts=drafts, drafts_about=drafted,
        source=facts.source(unit.source.id),
        format=layer.format if layer is not None else format_of(unit.source.path,
                                                                unit.source.format),
        text_sha256=layer.sha256 if layer is not None else None, pages=_pages(outcome))


def about(facts: FactSet, unit: SourceUnit) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What the claims citing the unit's source are about (each one's subject, and the entity
    of a person or entity value): the entities of the written claims, the ids of the drafts
    (statement still TODO), and the entities of the drafts."""
    written: set[str] = set()
    drafts: set[str] = set()
    drafted: set[str] = set()
    records = facts.records
    for c in unit.citations:
        if is_draft(records[c.claim].statement):
            drafts.add(c.claim_id)
            out = drafted
        else:
            out = written
        if c.subject is not None:
            out.add(c.subject)
        value = c.value
        if value is not None and value.get("type") in ("person", "entity"):
            out.add(value["entity"])
    return frozenset(written), frozenset(drafts), frozenset(drafted)


class CoveredBy(Mapping[int, list[str]]):
    """Mention index -> ids of the claims whose cited span covers it, worked out on access
    from the outcome's citation positions."""

    def __init__(self, facts: FactSet, unit: SourceUnit, covered: dict[int, list[int]]) -> None:
        self._facts = facts
        self._unit = unit
        self._covered = covered

    def __getitem__(self, index: int) -> list[str]:
        records, citations = self._facts.records, self._unit.citations
        return sorted({records[citations[k].claim].id for k in self._covered[index]})

    def __iter__(self) -> Iterator[int]:
        return iter(self._covered)

    def __len__(self) -> int:
        return len(self._covered)


def citation_result(facts: FactSet, verdict: CitationVerdict, mentions: Sequence[Mention],
                    pages: Sequence[int] = ()) -> CitationResult:
    """A verdict as a result; ``pages``: where each page of its source's text starts."""
    record = facts.records[verdict.claim]
    citation = record.citations[verdict.index]
    page, page_end = pages_of(list(pages), verdict.start, verdict.end) if pages else (None, None)
    return CitationResult(
        index=verdict.index, claim_id=record.id, source=citation.source, quote=citation.quote,
        start=verdict.start, end=verdict.end, anchor=verdict.anchor, score=verdict.score,
        page=page, page_end=page_end,
        supports=verdict.supports, status=verdict.status,  # type: ignore[arg-type]
        evidence=[Evidence.of(mentions[i], matches) for i, matches in verdict.evidence],
        problems=verdict.problems, mention=citation.mention, mention_start=verdict.mention_start,
        mention_end=verdict.mention_end)


def claim_result(record: ClaimRecord, status: str, data: dict[str, Any] | None,
                 entities: Mapping[str, Entity], display: str | None = None) -> ClaimResult:
    """A claim's result, without its citations and problems. ``display`` is the value as
    people write it when a unit of work has described it already."""
    where = record.where()
    if data is None:
        value_type, value, display = "invalid", {"shorthand": record.value}, str(record.value)
    else:
        value_type = data["type"]
        value = json_value(data)
        if display is None:
            display = describe(value_model(data), entities)
    return ClaimResult(
        id=record.id, statement=record.statement, status=status,  # type: ignore[arg-type]
        value_type=value_type, value=value, display=display, subject=record.subject,
        predicate=record.predicate, tags=list(record.tags), file=where.file, line=where.line,
        claim=record)


def ignore_index(p: Problem) -> int | None:
    """The index of the ``ignore:`` entry a problem is about, if it is about one."""
    path = p.field_path or ""
    if not path.startswith("ignore."):
        return None
    return int(path.split(".", 2)[1])


class ProblemList:
    """Collects a run's problems as outcomes arrive, and lists them in report order: duplicate
    ids, the sources', each claim's own then its citations', the checks across claims, the
    ``ignore:`` entries'."""

    def __init__(self) -> None:
        self.sources: list[Problem] = []
        self.ignores: list[Problem] = []
        self.citations: dict[int, list[tuple[int, list[Problem]]]] = {}

    def add(self, unit: SourceUnit, outcome: SourceOutcome) -> None:
        for p in outcome.problems:
            (self.sources if ignore_index(p) is None else self.ignores).append(p)
        for position in outcome.flagged:
            self.add_verdict(verdict_at(unit, outcome, position))

    def add_verdict(self, verdict: CitationVerdict) -> None:
        if verdict.problems:
            self.citations.setdefault(verdict.claim, []).append((verdict.index, verdict.problems))

    def ordered(self, finished: Finished) -> list[Problem]:
        for verdict in finished.unplaced:
            self.add_verdict(verdict)
        out = [*finished.head, *self.sources]
        for ci in sorted(finished.claim_problems.found.keys() | self.citations.keys()):
            out.extend(finished.claim_problems.found.get(ci, ()))
            for _, found in sorted(self.citations.get(ci, ()), key=lambda pair: pair[0]):
                out.extend(found)
        out.extend(finished.tail)
        out.extend(sorted([*finished.ignores, *self.ignores], key=lambda p: ignore_index(p) or 0))
        return out


class ReportBuilder:
    """Builds the in-memory Report from a run's outcomes. It keeps the outcomes (whose verdicts
    and mentions may still be undecoded bytes) and where each claim's citations are in them;
    the claims' results are built when they are read."""

    def __init__(self, facts: FactSet) -> None:
        self.facts = facts
        self.units: list[tuple[SourceUnit, SourceOutcome]] = []
        self.sources: list[SourceResult] = []
        self.problems = ProblemList()
        # claim index -> (unit number << 32) | position of its first citation, or -1; the
        # others of a claim cited more than once are in `more`. Arrays, not objects: a
        # million claims cost eight megabytes here.
        self.first = array("q", [-1]) * len(facts.records)
        self.more: dict[int, list[int]] = {}
        self.unplaced: dict[int, list[CitationVerdict]] = {}

    def add(self, unit: SourceUnit, outcome: SourceOutcome) -> None:
        number = len(self.units)
        self.units.append((unit, outcome))
        self.sources.append(source_result(self.facts, unit, outcome))
        self.problems.add(unit, outcome)
        first = self.first
        for position, task in enumerate(unit.citations):
            at = (number << 32) | position
            if first[task.claim] == -1:
                first[task.claim] = at
            else:
                self.more.setdefault(task.claim, []).append(at)

    def finish(self, finished: Finished) -> Report:
        for verdict in finished.unplaced:
            self.unplaced.setdefault(verdict.claim, []).append(verdict)
        by_status: dict[str, int] = {}
        for status in finished.statuses:
            by_status[status] = by_status.get(status, 0) + 1
        return Report(facts=self.facts, claims=ClaimResults(self, finished), sources=self.sources,
                      problems=self.problems.ordered(finished), counts=by_status)

    def citations_of(self, ci: int) -> list[tuple[CitationVerdict, Sequence[Mention], list[int]]]:
        """Each verdict on the claim's citations, with the mentions and page starts of its
        source."""
        out: list[tuple[CitationVerdict, Sequence[Mention], list[int]]] = []
        first = self.first[ci]
        for at in ([first] if first != -1 else []) + self.more.get(ci, []):
            unit, outcome = self.units[at >> 32]
            out.append((verdict_at(unit, outcome, at & 0xFFFFFFFF), outcome.mentions,
                        _pages(outcome)))
        out.extend((v, (), []) for v in self.unplaced.get(ci, ()))
        return out


class ClaimResults(Sequence[ClaimResult]):
    """The claims of a Report, each built when it is first read, then kept."""

    def __init__(self, builder: ReportBuilder, finished: Finished) -> None:
        self._builder = builder
        self._finished = finished
        self._entities = {e.id: e for e in reversed(builder.facts.entities)}
        self._built: list[ClaimResult | None] = [None] * len(builder.facts.records)

    def __len__(self) -> int:
        return len(self._built)

    @overload
    def __getitem__(self, index: int) -> ClaimResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[ClaimResult]: ...
    def __getitem__(self, index: int | slice) -> ClaimResult | list[ClaimResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        found = self._built[index]
        if found is None:
            found = self._built[index] = self._build(index % len(self._built))
        return found

    def __iter__(self) -> Iterator[ClaimResult]:
        for i in range(len(self._built)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ClaimResults({len(self)} claims)"

    def _build(self, ci: int) -> ClaimResult:
        builder, finished = self._builder, self._finished
        facts = builder.facts
        record = facts.records[ci]
        cited = builder.citations_of(ci)
        display = next((v.display for v, _, _ in cited if v.display is not None), None)
        result = claim_result(record, finished.statuses[ci], finished.values[ci], self._entities,
                              display)
        result.citations = sorted((citation_result(facts, v, mentions, pages) for v, mentions, pages in cited),
                                  key=lambda c: c.index)
        result.problems = finished.claim_problems[ci]
        return result
