"""Coverage: which typed mentions of each source no cited span covers.

A mention is covered when it lies wholly inside the anchored span of some claim's citation,
and ignored when it lies inside an `ignore:` entry. Coverage is covered / (all - ignored).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .mentions import Mention
from .results import Report, SourceResult

CONTEXT = 40


@dataclass
class Uncovered:
    mention: Mention
    context: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.mention.to_dict(), "display": str(self.mention.value), "context": self.context}


@dataclass
class SourceCoverage:
    source_id: str
    path: str
    mentions: int
    covered: int
    ignored: int
    uncovered: list[Uncovered] = field(default_factory=list)

    @property
    def percent(self) -> float:
        counted = self.mentions - self.ignored
        return 100.0 if counted == 0 else 100.0 * self.covered / counted

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source_id,
            "path": self.path,
            "mentions": self.mentions,
            "covered": self.covered,
            "ignored": self.ignored,
            "percent": round(self.percent, 2),
            "uncovered": [u.to_dict() for u in self.uncovered],
        }


def coverage(report: Report) -> list[SourceCoverage]:
    """Per source, the mentions that no cited span covers (ignored ones left out)."""
    return [source_coverage(s) for s in report.sources if s.text is not None]


def source_coverage(source: SourceResult) -> SourceCoverage:
    assert source.text is not None
    result = SourceCoverage(source.id, source.path, len(source.mentions), 0, 0)
    for i, m in enumerate(source.mentions):
        if source.is_ignored(i):
            result.ignored += 1
        elif source.covered_by.get(i):
            result.covered += 1
        else:
            result.uncovered.append(Uncovered(m, context(source.text, m.start, m.end)))
    return result


def uncovered_in(report: Report, source_id: str) -> list[Mention]:
    """The mentions of one source that no cited span covers and no `ignore:` entry holds."""
    for source in report.sources:
        if source.id == source_id and source.text is not None:
            return [u.mention for u in source_coverage(source).uncovered]
    return []


def context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """The mention with ``width`` characters either side, on one line, the mention in [brackets]."""
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    flat = " ".join(f"{before}[{text[start:end]}]{after}".split())
    return ("…" if start > width else "") + flat + ("…" if end + width < len(text) else "")


def total_percent(items: list[SourceCoverage]) -> float:
    counted = sum(c.mentions - c.ignored for c in items)
    covered = sum(c.covered for c in items)
    return 100.0 if counted == 0 else 100.0 * covered / counted
