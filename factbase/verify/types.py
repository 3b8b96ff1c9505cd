"""The unit of work's input and output: plain data, picklable, with nothing of the run in it.

A :class:`SourceUnit` is one source with every citation that cites it; checking it
(:func:`factbase.verify.unit.check_source`) gives a :class:`SourceOutcome`: the source's text
and hash, its typed mentions, and a :class:`CitationVerdict` for each citation. Units travel
to worker processes or cluster nodes and outcomes come back, in the one encoding of
:mod:`factbase._run.codec`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, overload

from ..mentions.types import Mention
from ..problems import Problem

__all__ = ["CitationTask", "CitationVerdict", "ClaimProblems", "Finished", "IgnoreTask",
           "SourceOutcome", "SourceTask", "SourceUnit", "TextLayer", "verdict_at"]


@dataclass(frozen=True)
class SourceTask:
    """Which source to read and how to read its mentions."""

    id: str
    root: str                       # the project folder; ``path`` is relative to it
    path: str
    sha256: str | None = None       # pinned
    published: str | None = None    # the reference date of relative dates
    currency: str | None = None     # the currency of a bare "$"
    text: str | None = None         # a source given in memory instead of a file
    format: str | None = None       # declared format (text, html, pdf, warc); else by extension
    text_sha256: str | None = None  # pinned hash of the text layer


@dataclass
class TextLayer:
    """How a source's bytes became its text, beside the text itself: what the cache keeps by
    the bytes' hash, so that a re-check does not extract the text again."""

    format: str                     # text | html | pdf | warc
    source_sha256: str | None       # SHA-256 of the bytes it was extracted from
    sha256: str                     # SHA-256 of the text's UTF-8 (what `text_sha256` pins)
    # Offset where each page starts in the text (a PDF); empty for formats without pages.
    pages: list[int] = field(default_factory=list)
    # Boilerplate (navigation, footers, asides...): (start, end, reason), left out of coverage.
    regions: list[tuple[int, int, str]] = field(default_factory=list)
    # Problems found while extracting (a mislabelled charset), reported on every read.
    problems: list[Problem] = field(default_factory=list)
    media_type: str | None = None   # the document's type (a web snapshot's response)


class CitationTask(NamedTuple):
    """One citation to anchor and judge. (A tuple: a run plans one per citation, and a tuple
    costs a fifth of a frozen dataclass to make.)"""

    claim: int                      # index of the claim in the FactSet
    number: int                     # index of the citation in the claim, from 0
    claim_id: str
    quote: str
    prefix: str | None
    suffix: str | None
    start: int | None
    end: int | None
    value: dict[str, Any] | None    # the claim's typed value as plain data; None: not judged
    ignore: frozenset[str] = frozenset()  # problem codes the claim accepts
    mention: str | None = None      # words of the quote that pinpoint the value's mention
    subject: str | None = None      # the claim's subject (an entity id)


class IgnoreTask(NamedTuple):
    """An ``ignore:`` entry of the source: a span that coverage does not count."""

    number: int                     # index in FactSet.ignores
    quote: str | None
    start: int | None
    end: int | None
    reason: str


@dataclass(frozen=True)
class SourceUnit:
    """A source with the citations that cite it: the unit of work."""

    source: SourceTask
    citations: tuple[CitationTask, ...] = ()
    ignores: tuple[IgnoreTask, ...] = ()
    # The source's mentions when an earlier run found them (from the cache); else None.
    mentions: tuple[Mention, ...] | None = None
    # The source's text layer when an earlier run extracted it from the same bytes (from the
    # cache): (text, layer); else None.
    layer: tuple[str, TextLayer] | None = None


@dataclass
class CitationVerdict:
    """What one citation's span says of its claim's value."""

    claim: int
    index: int
    start: int | None = None
    end: int | None = None
    anchor: str | None = None       # offsets | exact | normalized | fuzzy
    score: float | None = None
    supports: bool = False
    status: str = "invalid"
    display: str | None = None      # the claimed value as people write it, once judged
    mention_start: int | None = None  # where the citation's `mention:` is in the source
    mention_end: int | None = None
    # (index of a mention in SourceOutcome.mentions, whether it matches the value)
    evidence: list[tuple[int, bool]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class SourceOutcome:
    """Everything a unit found: the source as read, its mentions, a verdict per citation (in
    the unit's order), which mentions each cited span covers, and the ignored ranges."""

    id: str
    sha256: str | None
    text: str | None
    changed: bool
    problems: list[Problem] = field(default_factory=list)
    # A list from the unit; decoded from the cache, a sequence that decodes on access.
    mentions: Sequence[Mention] = field(default_factory=list)
    # One per citation of the unit, in its order. Read them with `verdict_at`, which pairs a
    # verdict with its citation (an outcome from the cache may have been planned with the
    # claims at other positions).
    verdicts: Sequence[CitationVerdict] = field(default_factory=list)
    # One byte per verdict: its status's rank (factbase.verify.claim.STATUS_RANK); and the
    # positions of the verdicts that have problems. A run reads these, not the verdicts.
    ranks: bytes = b""
    flagged: tuple[int, ...] = ()
    # mention index -> positions (in the unit's citations) of the citations whose span covers it
    covered: dict[int, list[int]] = field(default_factory=dict)
    ignored: list[tuple[int, int, str]] = field(default_factory=list)
    # How the text was extracted (format, text hash, pages, boilerplate); None when unread.
    layer: TextLayer | None = None


def verdict_at(unit: SourceUnit, outcome: SourceOutcome, position: int) -> CitationVerdict:
    """The verdict on the unit's citation at ``position``, with that citation's claim and
    index."""
    verdict = outcome.verdicts[position]
    task = unit.citations[position]
    verdict.claim, verdict.index = task.claim, task.number
    return verdict


class ClaimProblems(Sequence[list[Problem]]):
    """Each claim's own problems, stored for the claims that have any (``found``)."""

    def __init__(self, length: int, found: dict[int, list[Problem]]) -> None:
        self.length = length
        self.found = found

    def __len__(self) -> int:
        return self.length

    @overload
    def __getitem__(self, index: int) -> list[Problem]: ...
    @overload
    def __getitem__(self, index: slice) -> list[list[Problem]]: ...
    def __getitem__(self, index: int | slice) -> list[Problem] | list[list[Problem]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.length))]
        return list(self.found.get(index, ()))


@dataclass
class Finished:
    """What a run knows once every unit is done: each claim's status and own problems, the
    citations of undeclared sources, and the problems found across claims."""

    statuses: Sequence[str]                   # per claim
    claim_problems: ClaimProblems             # per claim, its own (not its citations')
    unplaced: list[CitationVerdict]           # citations of undeclared sources
    head: list[Problem]                       # duplicate ids
    tail: list[Problem]                       # across claims: conflicts, unused
    ignores: list[Problem]                    # `ignore:` entries of undeclared sources
    values: Sequence[dict[str, Any] | None]   # per claim, the typed value as plain data
