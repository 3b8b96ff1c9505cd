"""What every renderer reads: a checked Report, or the problems of a facts file that did not load.

A facts file that fails to load has no claims or sources, yet CI still wants its problems in
the format it asked for; :class:`Outcome` gives the renderers one shape for both cases.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..db import BuildResult
from ..factset import FactSet
from ..problems import REGISTRY, Problem
from ..results import STATUSES, ClaimResult, Report, SourceResult
from ..sources import read_source

DOCS_URL = "https://factbase.readthedocs.io/en/latest/"
TOOL_URL = "https://factbase.readthedocs.io/"


def docs_url(code: str) -> str:
    """The docs page of a problem code."""
    kind = REGISTRY.get(code)
    return DOCS_URL + (kind.docs_anchor if kind else "problems/")


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as users and CI annotations need it: relative to the working folder when inside
    it (GitHub resolves annotation paths against the checkout), with forward slashes."""
    text = os.path.abspath(path)
    rel = os.path.relpath(text)
    shown = text if rel.startswith("..") else rel
    return shown.replace(os.sep, "/")


@dataclass(frozen=True)
class Span:
    """Where a span problem lies in its source file."""

    path: str
    start: int
    end: int
    line: int | None = None  # 1-based, counted in the source text when it was read
    column: int | None = None  # 1-based, in code points
    end_line: int | None = None
    end_column: int | None = None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of an offset, from the line start offsets."""
    line = bisect.bisect_right(starts, max(offset, 0))
    return line, offset - starts[line - 1] + 1


@dataclass
class Outcome:
    problems: list[Problem]
    claims: Sequence[ClaimResult] = field(default_factory=list)
    sources: list[SourceResult] = field(default_factory=list)
    report: Report | None = None
    facts_path: str | None = None
    # A build streams its report to the database: its facts and counts stand in for it.
    facts: FactSet | None = None
    counts: dict[str, Any] | None = None
    # problems left out by --ignore or --baseline, counted so that summaries can say so
    suppressed: int = 0
    _by_claim: dict[str, list[Problem]] | None = field(default=None, init=False, repr=False)
    _lines: dict[str, list[int]] = field(default_factory=dict, init=False, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def loaded(self) -> bool:
        return self.report is not None or self.counts is not None

    @property
    def stats(self) -> dict[str, Any]:
        if self.report is not None:
            return self.report.stats
        if self.counts is not None:
            return self.counts
        return {
            "claims": 0, "citations": 0, "sources": 0, "entities": 0,
            "errors": len(self.errors), "warnings": len(self.warnings),
            **{s: 0 for s in STATUSES},
        }

    def to_dict(self) -> dict[str, Any]:
        if self.report is not None:
            data = self.report.to_dict()
        else:
            data = {"ok": self.ok, "stats": self.stats, "claims": [], "sources": [], "problems": []}
        return data

    def source_path(self, source_id: str | None) -> str | None:
        """The shown path of a source file, or None when the source is unknown."""
        facts = self.report.facts if self.report is not None else self.facts
        if source_id is None or facts is None:
            return None
        declared = facts.source(source_id)
        if declared is not None:
            if declared.path is None:  # given as text: no file to point at
                return f"<{declared.id}>"
            return shown_path(Path(facts.root) / declared.path)
        for s in self.sources:
            if s.id == source_id:
                return shown_path(Path(facts.root) / s.path)
        return None

    def span(self, p: Problem) -> Span | None:
        """The source span of a span problem (one with start/end offsets into a source)."""
        if p.start is None or p.end is None:
            return None
        path = self.source_path(p.source_id)
        if path is None:
            return None
        starts = self._starts(p.source_id)
        if starts is None:
            return Span(path, p.start, p.end)
        line, col = _line_col(starts, p.start)
        end_line, end_col = _line_col(starts, p.end)
        return Span(path, p.start, p.end, line, col, end_line, end_col)

    def _starts(self, source_id: str | None) -> list[int] | None:
        if source_id is None:
            return None
        if source_id not in self._lines:
            text = next((s.text for s in self.sources if s.id == source_id), None)
            if text is None and self.facts is not None:
                declared = self.facts.source(source_id)
                text = read_source(self.facts, declared).text if declared is not None else None
            if text is None:
                return None
            self._lines[source_id] = _line_starts(text)
        return self._lines[source_id]

    def claim_problems(self, claim: ClaimResult) -> list[Problem]:
        """Every problem of a claim: its own and its citations', in report order."""
        if self._by_claim is None:
            self._by_claim = {}
            for p in self.problems:
                if p.claim_id is not None:
                    self._by_claim.setdefault(p.claim_id, []).append(p)
        return self._by_claim.get(claim.id, [])


def outcome(
    report: Report | BuildResult | Sequence[Problem],
    *,
    facts_path: str | os.PathLike[str] | None = None,
    suppressed: int = 0,
    facts: FactSet | None = None,
) -> Outcome:
    """Wrap a Report, a build's result (with its ``facts``), or the problems of a facts file
    that did not load."""
    if isinstance(report, BuildResult):
        return Outcome(problems=list(report.problems), facts=facts, counts=report.stats,
                       facts_path=shown_path(facts_path if facts_path is not None
                                             else facts.path if facts is not None else "facts.yaml"),
                       suppressed=suppressed)
    if isinstance(report, Report):
        path = facts_path if facts_path is not None else report.facts.path
        return Outcome(
            problems=list(report.problems),
            claims=report.claims,
            sources=list(report.sources),
            report=report,
            facts_path=shown_path(path),
            suppressed=suppressed,
        )
    return Outcome(
        problems=list(report),
        facts_path=shown_path(facts_path) if facts_path is not None else None,
        suppressed=suppressed,
    )


def tool_version() -> str:
    return __version__
