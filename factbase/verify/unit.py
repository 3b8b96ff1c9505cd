"""The unit of work: one source and the citations that cite it.

:func:`check_source` is a pure function from plain data (a :class:`SourceUnit` and the
declared entities) to plain data (a :class:`SourceOutcome`): it reads the source, extracts its
typed mentions once, anchors every quote, judges each citation's span, and marks which
mentions the cited spans cover. It knows nothing of the run that calls it (which executor,
which cache), so it runs the same in this process, in a worker process or on a cluster node.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import Any

from ..anchor import Anchor, Anchorer, AnchorError, QuoteQuery, char_diff
from ..hints import quote_fuzzy, quote_not_found
from ..mentions import find_mentions
from ..mentions.types import Mention
from ..model import Entity, QuoteValue
from ..problems import problem
from ..sources import read_text
from .claim import STATUS_RANK, value_field, value_model
from .context import confusable, subject_problems
from .rules import describe, judge
from .types import CitationTask, CitationVerdict, IgnoreTask, SourceOutcome, SourceUnit

__all__ = ["check_source", "check_sources"]


def check_sources(units: Sequence[SourceUnit], entities: Sequence[Entity]) -> list[SourceOutcome]:
    """:func:`check_source` for each unit, in order (a batch, as executors get them)."""
    by_id = {e.id: e for e in reversed(entities)}
    return [check_source(unit, entities, by_id) for unit in units]


def check_source(unit: SourceUnit, entities: Sequence[Entity],
                 by_id: Mapping[str, Entity] | None = None) -> SourceOutcome:
    """Check every citation of one source."""
    if by_id is None:
        by_id = {e.id: e for e in reversed(entities)}
    task = unit.source
    read = read_text(task.id, task.root, task.path, task.sha256, task.text, format=task.format,
                     text_pinned=task.text_sha256, cached=unit.layer)
    outcome = SourceOutcome(task.id, read.sha256, read.text, read.changed, list(read.problems),
                            layer=read.layer)
    text = read.text
    if text is None:
        # The source's own problem explains why; its citations stay invalid.
        return _summed(outcome, [CitationVerdict(c.claim, c.number) for c in unit.citations])
    mentions = list(unit.mentions) if unit.mentions is not None else find_mentions(
        text, reference=task.published, entities=entities, currency=task.currency)
    outcome.mentions = mentions
    starts = [m.start for m in mentions]
    anchorer = Anchorer(text)
    # Every quote of the source in one pass over its text.
    anchors = anchorer.anchor_many([QuoteQuery(c.quote, c.prefix, c.suffix, c.start, c.end)
                                    for c in unit.citations])
    verdicts: list[CitationVerdict] = []
    for position, (citation, found) in enumerate(zip(unit.citations, anchors, strict=True)):
        verdict = _check_citation(citation, found, anchorer, mentions, starts, by_id, task.id,
                                  read.changed, task.published)
        if read.changed:
            verdict.status = "stale"  # whatever the span says now, until re-pinned
        if citation.ignore:
            verdict.problems = [p for p in verdict.problems if p.code not in citation.ignore]
        verdicts.append(verdict)
        if verdict.start is not None and verdict.end is not None:
            for i in _inside(mentions, starts, verdict.start, verdict.end):
                outcome.covered.setdefault(i, []).append(position)
    if read.layer is not None:
        # Boilerplate of a web page: in the text, out of coverage.
        outcome.ignored.extend(read.layer.regions)
    for ignore in unit.ignores:
        _ignore(ignore, anchorer, outcome, task.id)
    return _summed(outcome, verdicts)


def _summed(outcome: SourceOutcome, verdicts: list[CitationVerdict]) -> SourceOutcome:
    """The outcome with its verdicts and their summary: a status rank per verdict, and which
    have problems."""
    outcome.verdicts = verdicts
    outcome.ranks = bytes(STATUS_RANK[v.status] for v in verdicts)
    outcome.flagged = tuple(i for i, v in enumerate(verdicts) if v.problems)
    return outcome


def _check_citation(citation: CitationTask, found: Anchor | AnchorError, anchorer: Anchorer,
                    mentions: list[Mention],
                    starts: list[int], entities: Mapping[str, Entity], source_id: str,
                    changed: bool, published: str | None = None) -> CitationVerdict:
    verdict = CitationVerdict(citation.claim, citation.number)
    quote_field = f"citations.{citation.number}.quote"
    citation_id = f"{citation.claim_id}#{citation.number}"

    def report(code: str, field_path: str = quote_field, start: int | None = None,
               end: int | None = None, **params: Any) -> None:
        verdict.problems.append(problem(code, claim_id=citation.claim_id, citation_id=citation_id,
                                        source_id=source_id, start=start, end=end,
                                        field_path=field_path, **params))

    if isinstance(found, AnchorError):
        verdict.status = "unanchored"
        best = found.best
        hint = quote_not_found(best, anchorer.text)
        if changed:
            report("citation-drift", source=source_id, state="lost")
        report("quote-not-found", quote_field, best.start if best else None,
               best.end if best else None, source=source_id, hint=hint)
        return verdict
    verdict.start, verdict.end = found.start, found.end
    verdict.anchor, verdict.score = found.method, found.score
    span = (found.start, found.end)
    text = anchorer.text
    if changed and citation.start is not None:
        report("citation-drift", quote_field, *span, source=source_id,
               state=_drift(citation, found, text))
    if found.offsets_ok is False:
        actual = text[citation.start or 0:citation.end or 0]
        report("offset-mismatch", f"citations.{citation.number}.start", *span,
               actual=actual[:60], given_start=citation.start, given_end=citation.end)
    if found.count > 1:
        places = ", ".join(f"{a}-{b}" for a, b in found.locations[:10])
        more = f" and {len(found.locations) - 10} more" if len(found.locations) > 10 else ""
        hint = f" (at {places}{more}; the first is used)" + (
            f"; to pick one, add {found.hint}" if found.hint
            else "; to pick one, add `prefix:`, `suffix:` or `start:`")
        report("quote-ambiguous", quote_field, *span, count=found.count, source=source_id, hint=hint)
    value = value_model(citation.value) if citation.value is not None else None
    if value is not None:
        verdict.display = describe(value, entities)
    if found.method == "fuzzy":
        # For a quote claim the words are the claim: a near miss cannot support it.
        exact_needed = isinstance(value, QuoteValue)
        report("quote-fuzzy", quote_field, *span, score=found.score,
               hint=quote_fuzzy(text, found.start, found.end),
               severity="error" if exact_needed else None)
        if exact_needed:
            verdict.status = "unanchored"
            return verdict
    pin: tuple[int, int] | None = None
    if citation.mention is not None:
        pin = _pinpoint(citation, found, anchorer, report)
        if pin is None:
            verdict.status = "unsupported"
            return verdict
        verdict.mention_start, verdict.mention_end = pin
    if value is None:
        return verdict
    inside = _inside(mentions, starts, found.start, found.end)
    spanned = [mentions[i] for i in inside]
    judged = judge(value, spanned, entities, source_id, pin=pin, text=text,
                   span_text=text[found.start:found.end], span_start=found.start,
                   published=published,
                   confusable=confusable(text, span, citation.subject, entities, spanned))
    verdict.evidence = [(inside[i], matches) for i, matches in judged.evidence]
    if judged.status == "verified":
        matched = [spanned[i] for i, matches in judged.evidence if matches]
        judged.problems.extend(subject_problems(text, span, citation.subject, entities, spanned,
                                                matched, value.type))
    at = value_field(value)
    for p in judged.problems:
        p.claim_id, p.citation_id, p.source_id = citation.claim_id, citation_id, source_id
        p.start, p.end, p.field_path = found.start, found.end, at
        if p.code in ("subject-not-in-span", "value-not-near-subject"):
            p.field_path = "subject"
        if pin is not None and p.code != "subject-not-in-span":
            p.field_path = f"citations.{citation.number}.mention"
    verdict.problems.extend(judged.problems)
    verdict.supports = judged.status == "verified"
    verdict.status = judged.status
    return verdict


def _pinpoint(citation: CitationTask, found: Anchor, anchorer: Anchorer,
              report: Any) -> tuple[int, int] | None:
    """Where the citation's ``mention:`` is inside its anchored span (source offsets): found
    exactly or after normalization, never fuzzily; None (and the problem reported) when it is
    not there."""
    assert citation.mention is not None
    at = f"citations.{citation.number}.mention"
    inner = Anchorer(anchorer.text[found.start:found.end])
    places = inner.exact(citation.mention) or inner.normalized_matches(citation.mention)
    if not places:
        report("mention-not-found", at, found.start, found.end, mention=citation.mention,
               hint="; copy it from the quote's own words")
        return None
    start, end = places[0]
    pin = (found.start + start, found.start + end)
    if len(places) > 1:
        report("mention-ambiguous", at, *pin, mention=citation.mention, count=len(places))
    return pin


def _drift(citation: CitationTask, found: Anchor, text: str) -> str:
    """How a pinned citation fared in a changed source."""
    if found.method == "fuzzy":
        return f"edited: {char_diff(citation.quote, text[found.start:found.end])}"
    moved = found.start - (citation.start or 0)
    return "unchanged" if moved == 0 else f"moved by {moved}"


def _inside(mentions: list[Mention], starts: list[int], start: int, end: int) -> list[int]:
    """Indices of the mentions that lie wholly inside [start, end)."""
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(mentions) and mentions[i].start < end:
        if mentions[i].end <= end:
            out.append(i)
        i += 1
    return out


def _ignore(ignore: IgnoreTask, anchorer: Anchorer, outcome: SourceOutcome, source_id: str) -> None:
    """Anchor an ``ignore:`` entry of the source, or say it matches nothing."""
    at = f"ignore.{ignore.number}"
    if ignore.quote is not None:
        try:
            found = anchorer.anchor(ignore.quote, start=ignore.start, end=ignore.end)
        except AnchorError:
            outcome.problems.append(problem("ignore-not-found", source_id=source_id,
                                            field_path=f"{at}.quote", source=source_id))
            return
        outcome.ignored.append((found.start, found.end, ignore.reason))
        return
    assert ignore.start is not None and ignore.end is not None
    if ignore.end > len(anchorer.text):
        outcome.problems.append(problem("ignore-not-found", source_id=source_id,
                                        field_path=f"{at}.end", source=source_id))
        return
    outcome.ignored.append((ignore.start, ignore.end, ignore.reason))
