"""The Report that ``factbase.check`` returns, and what it is made of.

Each result type declares its fields once, with a description and JSON Schema in the field's
metadata: ``to_dict()`` (the JSON report), the report's JSON Schema
(:mod:`factbase.report.schema`) and the database's column descriptions (:mod:`factbase.db`)
are all generated from them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .mentions.types import Mention
from .problems import REGISTRY, Problem
from .values import Name

if TYPE_CHECKING:
    from .factset import ClaimRecord, FactSet
    from .model import Source

Status = Literal["verified", "contradicted", "unsupported", "unanchored", "stale", "invalid"]
STATUSES: tuple[Status, ...] = ("verified", "contradicted", "unsupported", "unanchored", "stale", "invalid")
# What a mention is to coverage: covered, uncovered, inside an `ignore:` range, or a later
# mention of a named entity already counted in its source (docs/drafting.md, "Coverage").
CoverageState = Literal["covered", "uncovered", "ignored", "repeated"]
STATUS_DESCRIPTION = "Verdict: verified, contradicted, unsupported, unanchored, stale or invalid."

_OFFSET = {"type": ["integer", "null"], "minimum": 0}
_STATUS = {"enum": list(STATUSES)}
_CODES = {"type": "array", "items": {"enum": sorted(REGISTRY)}}


COVERAGE_DESCRIPTION = (
    "Share of the source's typed mentions (outside ignored ranges) that claims cover: a date, "
    "amount, quantity or named official inside some claim's cited span; a named entity, "
    "counted once, when some claim citing the source is about it. Drafts (statement TODO) "
    "cover nothing.")


def doc(description: str, schema: dict[str, Any] | None = None, *,
        json: Callable[[Any], Any] | bool = True, **extra: Any) -> dict[str, Any]:
    """Field metadata: what it means, its JSON Schema, and how (or whether) ``to_dict``
    writes it."""
    return {"description": description, "schema": schema or {}, "json": json, **extra}


def _codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def as_dict(obj: Any) -> dict[str, Any]:
    """The JSON form of a result: its fields as their metadata says, then its extra keys."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        how = f.metadata.get("json", True)
        if how is False:
            continue
        value = getattr(obj, f.name)
        if callable(how) and how is not True:
            value = how(value)
        elif isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
            value = [v.to_dict() for v in value]
        out[f.name] = value
    for name, _, _ in getattr(type(obj), "EXTRA", ()):
        out[name] = getattr(obj, name)
    return out


@dataclass
class Evidence:
    """A typed mention inside a cited span, and whether it matches the claim's value."""

    kind: str = field(metadata=doc("Mention kind: date, money, quantity, entity, role.",
                                   {"type": "string"}))
    start: int = field(metadata=doc("Code-point offset of the mention in the source text.",
                                    {"type": "integer", "minimum": 0}))
    end: int = field(metadata=doc("Where the mention ends, exclusive.", {"type": "integer", "minimum": 0}))
    text: str = field(metadata=doc("The mention's text in the source.", {"type": "string"}))
    value: dict[str, Any] = field(metadata=doc("The mention's typed value.", {"type": "object"}))
    matches: bool = field(metadata=doc("Whether it matches the claim's value.", {"type": "boolean"}))
    display: str = field(default="", metadata=doc("The value, as people write it.", {"type": "string"}))

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)

    @classmethod
    def of(cls, mention: Mention, matches: bool) -> Evidence:
        return cls(mention.kind, mention.start, mention.end, mention.text, mention.value.to_dict(),
                   matches, str(mention.value))


@dataclass
class CitationResult:
    """One cited span of a claim, and what it says of the claim's value."""

    index: int = field(metadata=doc("Position of the citation in its claim, from 0.", json=False))
    claim_id: str = field(metadata=doc("Id of the citing claim.", json=False))
    source: str = field(metadata=doc("Id of the cited source.", {"type": "string"}))
    quote: str = field(metadata=doc("The quote as the claim gives it.", {"type": "string"}))
    start: int | None = field(default=None, metadata=doc(
        "Code-point offset where the anchored span starts; null when not anchored.", _OFFSET))
    end: int | None = field(default=None, metadata=doc(
        "Code-point offset where the anchored span ends, exclusive.", _OFFSET))
    anchor: str | None = field(default=None, metadata=doc(
        "How the quote was anchored: offsets, exact, normalized or fuzzy; null when it was not.",
        {"enum": ["offsets", "exact", "normalized", "fuzzy", None]}))
    score: float | None = field(default=None, metadata=doc(
        "Fuzzy match score (0-100).", {"type": ["number", "null"]}))
    supports: bool = field(default=False, metadata=doc(
        "Whether the span supports the claim's value.", {"type": "boolean"}))
    status: Status = field(default="invalid", metadata=doc(STATUS_DESCRIPTION, _STATUS))
    evidence: list[Evidence] = field(default_factory=list, metadata=doc(
        "Typed mentions inside the span, each with whether it matches.",
        {"type": "array", "items": {"$ref": "#/$defs/evidence"}}))
    problems: list[Problem] = field(default_factory=list, metadata=doc(
        "Codes of the citation's problems.", _CODES, json=_codes))
    mention: str | None = field(default=None, metadata=doc(
        "The citation's `mention:`, the words that pinpoint the value's mention; null when "
        "not given.", {"type": ["string", "null"]}))
    mention_start: int | None = field(default=None, metadata=doc(
        "Code-point offset where the pinpointed mention starts; null without `mention:` or "
        "when it is not found in the span.", _OFFSET))
    mention_end: int | None = field(default=None, metadata=doc(
        "Where the pinpointed mention ends, exclusive.", _OFFSET))
    page: int | None = field(default=None, metadata=doc(
        "Page (from 1) where the anchored span starts, in a source with pages (a PDF); null "
        "otherwise.", {"type": ["integer", "null"], "minimum": 1}))
    page_end: int | None = field(default=None, metadata=doc(
        "Page (from 1) where the anchored span ends; null without pages.",
        {"type": ["integer", "null"], "minimum": 1}))

    EXTRA = (("id", "Claim id, '#', citation index (from 0).", {"type": "string"}),)

    @property
    def id(self) -> str:
        return f"{self.claim_id}#{self.index}"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **as_dict(self)}


@dataclass
class ClaimResult:
    """A claim and its verdict."""

    id: str = field(metadata=doc("Id of the claim.", {"type": "string"}))
    statement: str = field(metadata=doc("The claim in one sentence.", {"type": "string"}))
    status: Status = field(metadata=doc(STATUS_DESCRIPTION, _STATUS))
    value_type: str = field(metadata=doc(
        "Type of the value: date, money, quantity, change, person, entity, quote, or invalid.",
        {"type": "string"}))
    value: dict[str, Any] = field(metadata=doc("The claim's typed value.", {"type": "object"}))
    display: str = field(metadata=doc("The value, as people write it.", {"type": "string"}))
    subject: str | None = field(metadata=doc("Id of the entity the claim is about.",
                                             {"type": ["string", "null"]}))
    predicate: str | None = field(metadata=doc("What the claim says of its subject.",
                                               {"type": ["string", "null"]}))
    tags: list[str] = field(metadata=doc("Free-form tags.", {"type": "array", "items": {"type": "string"}}))
    file: str | None = field(metadata=doc("The facts file that declares the claim.",
                                          {"type": ["string", "null"]}))
    line: int | None = field(metadata=doc("Line of the claim in that file.", {"type": ["integer", "null"]}))
    citations: list[CitationResult] = field(default_factory=list, metadata=doc(
        "The claim's citations.", {"type": "array", "items": {"$ref": "#/$defs/citation"}}))
    problems: list[Problem] = field(default_factory=list, metadata=doc(
        "Codes of the claim's own problems (its citations' are with them).", _CODES, json=_codes))
    claim: ClaimRecord | None = field(default=None, repr=False, metadata=doc("The claim as loaded.", json=False))

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


@dataclass
class SourceResult:
    """A source as read: its text, hash and every typed mention in it."""

    id: str = field(metadata=doc("Id of the source.", {"type": "string"}))
    path: str = field(metadata=doc("Path of the source file, as declared.", {"type": "string"}))
    text: str | None = field(metadata=doc("The text; null when it could not be read.", json=False))
    sha256: str | None = field(metadata=doc("SHA-256 of the file's bytes as read.",
                                            {"type": ["string", "null"]}))
    changed: bool = field(metadata=doc(
        "Whether the file no longer matches its pinned sha256, or its text layer its pinned "
        "text_sha256.", {"type": "boolean"}))
    mentions: Sequence[Mention] = field(default_factory=list, metadata=doc(
        "Number of typed mentions in the text.", {"type": "integer", "minimum": 0}, json=len))
    # mention index -> ids of the claims whose cited span covers it
    covered_by: Mapping[int, list[str]] = field(default_factory=dict, metadata=doc(
        "Claims covering each mention.", json=False))
    ignored: list[tuple[int, int, str]] = field(default_factory=list, metadata=doc(
        "Ranges that `ignore:` entries take out of coverage.", json=False))
    source: Source | None = field(default=None, repr=False, metadata=doc("The declaration.", json=False))
    format: str = field(default="text", metadata=doc(
        "How the text layer was read: text, html, pdf or warc.",
        {"enum": ["text", "html", "pdf", "warc"]}))
    text_sha256: str | None = field(default=None, metadata=doc(
        "SHA-256 of the text layer (UTF-8), as extracted; null when it could not be read.",
        {"type": ["string", "null"]}))
    pages: list[int] = field(default_factory=list, metadata=doc(
        "Number of pages (a PDF); 0 for formats without pages.",
        {"type": "integer", "minimum": 0}, json=len))

    about: frozenset[str] = field(default_factory=frozenset, metadata=doc(
        "Entities that some claim citing the source is about: its subject, or the entity of "
        "its person or entity value (drafts left out).", json=False))
    drafts: frozenset[str] = field(default_factory=frozenset, metadata=doc(
        "Ids of the drafts (claims whose statement is still TODO) that cite the source.",
        json=False))
    drafts_about: frozenset[str] = field(default_factory=frozenset, metadata=doc(
        "Entities that some draft citing the source is about.", json=False))

    EXTRA = (("coverage", COVERAGE_DESCRIPTION, {"type": "number", "minimum": 0, "maximum": 1}),)

    @property
    def coverage(self) -> float:
        return self.coverage_of(self.coverage_states())

    @staticmethod
    def coverage_of(states: Sequence[CoverageState | None]) -> float:
        """The share of counted mentions that are covered, given their states."""
        covered = states.count("covered")
        counted = covered + states.count("uncovered")
        return 1.0 if counted == 0 else covered / counted

    def coverage_states(self, kinds: Collection[str] | None = None,
                        drafts: bool = False) -> list[CoverageState | None]:
        """What each mention is to coverage (None when it is not of ``kinds``).

        A named entity (a mention of kind ``entity`` or ``role``) counts once per source: its
        first mention outside ``ignore:`` ranges is covered when some claim citing the source
        is about it (``about``), and its later mentions are ``repeated``. Any other mention is
        covered when it lies inside some claim's cited span (``covered_by``). A draft covers
        nothing until its statement is written, unless ``drafts`` (what drafting skips)."""
        states: list[CoverageState | None] = []
        counted: set[str] = set()
        about = self.about | self.drafts_about if drafts else self.about
        skip = frozenset() if drafts else self.drafts
        ranges = self.ignored
        covered_by = self.covered_by
        for i, m in enumerate(self.mentions):
            if kinds is not None and m.kind not in kinds:
                states.append(None)
            elif ranges and any(start <= m.start and m.end <= end for start, end, _ in ranges):
                states.append("ignored")
            elif isinstance(m.value, Name):
                entity = m.value.entity
                if entity in counted:
                    states.append("repeated")
                else:
                    counted.add(entity)
                    states.append("covered" if entity in about else "uncovered")
            else:
                covering = covered_by.get(i)
                if not covering:
                    states.append("uncovered")
                elif skip:
                    states.append("covered" if any(c not in skip for c in covering) else "uncovered")
                else:
                    states.append("covered")
        return states

    def is_ignored(self, index: int) -> bool:
        m = self.mentions[index]
        return any(start <= m.start and m.end <= end for start, end, _ in self.ignored)

    def to_dict(self) -> dict[str, Any]:
        return {**as_dict(self), "coverage": round(self.coverage, 4)}


def stats_of(facts: FactSet, claims: int, citations: int, sources: int,
             by_status: dict[str, int], problems: list[Problem]) -> dict[str, Any]:
    """Counts of claims by status, and of problems by severity."""
    errors = sum(1 for p in problems if p.severity == "error")
    return {
        "claims": claims,
        "citations": citations,
        "sources": sources,
        "entities": len(facts.entities),
        "errors": errors,
        "warnings": len(problems) - errors,
        **{s: by_status.get(s, 0) for s in STATUSES},
    }


@dataclass
class Report:
    """The result of a check: every claim's verdict, every source as read, every problem.

    A check's Report builds its claims' results when they are read; ``counts`` (claims by
    status) lets ``stats`` answer without building them."""

    facts: FactSet = field(repr=False)
    claims: Sequence[ClaimResult] = field(default_factory=list)
    sources: list[SourceResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] | None = field(default=None, repr=False)

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
        by_status = self.counts
        if by_status is None or len(self.claims) != len(self.facts.records):
            by_status = {}
            for claim in self.claims:
                by_status[claim.status] = by_status.get(claim.status, 0) + 1
            citations = sum(len(c.citations) for c in self.claims)
        else:
            citations = sum(len(r.citations) for r in self.facts.records)
        return stats_of(self.facts, len(self.claims), citations, len(self.sources), by_status,
                        self.problems)

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
