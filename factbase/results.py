"""The Report that ``factbase.check`` returns, and what it is made of.

Everything here serializes with ``to_dict()`` to plain JSON types; the renderers in
``factbase.report`` and ``factbase.publish`` read these objects and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .problems import Problem

if TYPE_CHECKING:
    from .loader import FactSet
    from .mentions import Mention
    from .model import Claim, Source

Status = Literal["verified", "contradicted", "unsupported", "unanchored", "stale", "invalid"]
STATUSES: tuple[Status, ...] = ("verified", "contradicted", "unsupported", "unanchored", "stale", "invalid")
# When citations disagree, the claim takes the worst of their statuses, in this order.
STATUS_RANK: dict[str, int] = {
    "verified": 0, "unsupported": 1, "contradicted": 2, "unanchored": 3, "stale": 4, "invalid": 5,
}


@dataclass
class Evidence:
    """A typed mention inside a cited span, and whether it matches the claim's value."""

    kind: str
    start: int
    end: int
    text: str
    value: dict[str, Any]
    matches: bool
    display: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "matches": self.matches,
            "display": self.display,
        }


@dataclass
class CitationResult:
    index: int
    claim_id: str
    source: str
    quote: str
    start: int | None = None
    end: int | None = None
    anchor: str | None = None  # offsets | exact | normalized | fuzzy; None when not anchored
    score: float | None = None
    supports: bool = False
    status: Status = "invalid"
    evidence: list[Evidence] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.claim_id}#{self.index}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "anchor": self.anchor,
            "score": self.score,
            "supports": self.supports,
            "status": self.status,
            "evidence": [e.to_dict() for e in self.evidence],
            "problems": [p.code for p in self.problems],
        }


@dataclass
class ClaimResult:
    id: str
    statement: str
    status: Status
    value_type: str
    value: dict[str, Any]
    display: str
    subject: str | None
    predicate: str | None
    tags: list[str]
    file: str | None
    line: int | None
    citations: list[CitationResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    claim: Claim | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "statement": self.statement,
            "status": self.status,
            "value_type": self.value_type,
            "value": self.value,
            "display": self.display,
            "subject": self.subject,
            "predicate": self.predicate,
            "tags": self.tags,
            "file": self.file,
            "line": self.line,
            "citations": [c.to_dict() for c in self.citations],
            "problems": [p.code for p in self.problems],
        }


@dataclass
class SourceResult:
    """A source as read: its text, hash and every typed mention in it."""

    id: str
    path: str
    text: str | None
    sha256: str | None
    changed: bool
    mentions: list[Mention] = field(default_factory=list)
    # offsets of every mention cited by a claim's span (or ignored): mention index -> claim ids
    covered_by: dict[int, list[str]] = field(default_factory=dict)
    ignored: list[tuple[int, int, str]] = field(default_factory=list)
    source: Source | None = field(default=None, repr=False)

    @property
    def coverage(self) -> float:
        counted = [i for i in range(len(self.mentions)) if not self.is_ignored(i)]
        if not counted:
            return 1.0
        covered = sum(1 for i in counted if self.covered_by.get(i))
        return covered / len(counted)

    def is_ignored(self, index: int) -> bool:
        m = self.mentions[index]
        return any(start <= m.start and m.end <= end for start, end, _ in self.ignored)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "sha256": self.sha256,
            "changed": self.changed,
            "mentions": len(self.mentions),
            "coverage": round(self.coverage, 4),
        }


@dataclass
class Report:
    facts: FactSet = field(repr=False)
    claims: list[ClaimResult] = field(default_factory=list)
    sources: list[SourceResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def ok_strict(self) -> bool:
        return not self.problems

    @property
    def stats(self) -> dict[str, Any]:
        by_status: dict[str, int] = {s: 0 for s in STATUSES}
        for claim in self.claims:
            by_status[claim.status] += 1
        return {
            "claims": len(self.claims),
            "citations": sum(len(c.citations) for c in self.claims),
            "sources": len(self.sources),
            "entities": len(self.facts.entities),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            **by_status,
        }

    def claim(self, claim_id: str) -> ClaimResult:
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise KeyError(claim_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "stats": self.stats,
            "claims": [c.to_dict() for c in self.claims],
            "sources": [s.to_dict() for s in self.sources],
            "problems": [p.to_dict() for p in self.problems],
        }
