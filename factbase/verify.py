"""Decide, claim by claim, whether the cited spans support the claimed values.

For each source: read it, extract every typed mention once. For each citation: anchor the
quote, take the mentions inside the anchored span of the source's own text (never the quote),
and compare them with the claim's typed value (rules in :mod:`factbase.values`). Then the
checks across claims: duplicate ids, unknown references, conflicts, unused declarations, and
coverage of each source's mentions by cited spans.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .anchor import Anchor, Anchorer, AnchorError, char_diff
from .cache import (
    Cache,
    CacheError,
    claim_key,
    entities_fingerprint,
    pack_claim,
    source_state,
    unpack_claim,
)
from .loader import FactSet, without_gc
from .mentions import Mention
from .mentions.nouns import singular
from .model import (
    Citation,
    Claim,
    DateValue,
    Entity,
    EntityValue,
    MoneyValue,
    PersonValue,
    QuantityValue,
    QuoteValue,
    Source,
)
from .parallel import prepare_sources
from .problems import Location, Problem, problem
from .results import (
    STATUS_RANK,
    CitationResult,
    ClaimResult,
    Evidence,
    Report,
    SourceResult,
    Status,
)
from .shorthand import ShorthandError, parse_shorthand
from .snapshot import lookup, store
from .sources import SourceText, read_source
from .values import (
    Money,
    Name,
    Quantity,
    When,
    amounts_agree,
    claimed_interval,
    compare_dates,
    format_decimal,
)

TypedClaimValue = DateValue | MoneyValue | QuantityValue | PersonValue | EntityValue | QuoteValue
MENTION_KIND = {"date": "date", "money": "money", "quantity": "quantity", "person": "entity", "entity": "entity"}


@dataclass
class _Source:
    text: SourceText
    result: SourceResult
    anchorer: Anchorer | None
    starts: list[int]


Progress = Callable[[str, int, int], None]


@without_gc
def check(
    facts: FactSet,
    *,
    workers: int | None = None,
    cache: Cache | None = None,
    progress: Progress | None = None,
) -> Report:
    """Check every claim of a FactSet; returns a :class:`~factbase.results.Report`.

    ``workers`` sets how many processes extract mentions (None: by size and CPUs, see
    :mod:`factbase.parallel`; 1: none). ``cache`` reuses the work of earlier checks
    (:mod:`factbase.cache`). ``progress(phase, done, total)`` is called as sources and claims
    are done. None of these change the report.
    """
    unique = _unique(facts.sources)
    texts = [read_source(facts, s) for s in unique]
    snapshot_key, snapshot = lookup(cache, facts, unique, texts)
    if snapshot is not None:
        if progress is not None:
            progress("sources", len(unique), len(unique))
            progress("claims", len(facts.claims), len(facts.claims))
        return snapshot
    report = Report(facts=facts)
    problems = report.problems
    problems.extend(_duplicate_ids(facts))
    entities_fp = entities_fingerprint(facts.entities) if cache is not None else ""
    step = (lambda done, total: progress("sources", done, total)) if progress is not None else None
    keys, entries = _cached_claims(facts, unique, texts, cache, entities_fp)
    # Worker processes, when used, check the claims not cached along with the sources.
    checked: dict[int, ClaimResult] = {}
    todo = [i for i in range(len(facts.claims)) if not keys or keys[i] not in entries]
    prepared_all = prepare_sources(facts, unique, workers=workers, cache=cache,
                                   entities_fp=entities_fp, progress=step, texts=texts,
                                   claims=todo, checked=checked)
    sources = {s.id: _prepared(s, text, mentions) for s, (text, mentions) in zip(unique, prepared_all, strict=True)}
    for prepared in sources.values():
        problems.extend(prepared.text.problems)
        report.sources.append(prepared.result)

    head = len(problems)
    for result in _check_claims(facts, sources, cache, keys, entries, checked, progress):
        report.claims.append(result)
        problems.extend(result.problems)
        for cit in result.citations:
            problems.extend(cit.problems)

    claims_end = len(problems)
    problems.extend(_conflicts(facts, report.claims))
    problems.extend(_unused(facts))
    problems.extend(_coverage(facts, sources, report.claims))
    store(cache, snapshot_key, report, head, len(problems) - claims_end)
    return report


def _cached_claims(
    facts: FactSet, sources: list[Source], texts: list[SourceText], cache: Cache | None, entities_fp: str,
) -> tuple[list[str], dict[str, Any]]:
    """The cache key of every claim (none without a cache) and the entries found for them."""
    if cache is None or not cache.enabled:
        return [], {}
    states = {s.id: source_state(s, t) for s, t in zip(sources, texts, strict=True)}
    keys = [claim_key(c, [states.get(cit.source, "unknown") for cit in c.citations], entities_fp)
            for c in facts.claims]
    return keys, cache.get("claims", keys)


def _check_claims(
    facts: FactSet, sources: dict[str, _Source], cache: Cache | None, keys: list[str],
    entries: dict[str, Any], checked: dict[int, ClaimResult], progress: Progress | None,
) -> Iterator[ClaimResult]:
    total = len(facts.claims)
    for index, claim in enumerate(facts.claims):
        if progress is not None and index % 1000 == 0:
            progress("claims", index, total)
        entry = entries.get(keys[index]) if keys else None
        result: ClaimResult | None = None
        if entry is not None:
            try:
                result = unpack_claim(entry, claim)
            except (CacheError, KeyError, TypeError, ValueError, AttributeError):
                result = None
        if result is None:
            result = checked.get(index)
            if result is not None:
                result.claim = claim
            else:
                result = _check_claim(facts, claim, sources)
            if cache is not None and keys:
                packed = pack_claim(result, claim)
                if packed is not None:
                    cache.put("claims", keys[index], packed)
        yield result
    if progress is not None:
        progress("claims", total, total)


def _unique(items: Iterable[Any]) -> list[Any]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.id not in seen:
            seen.add(item.id)
            out.append(item)
    return out


def _prepared(source: Source, text: SourceText, mentions: list[Mention]) -> _Source:
    result = SourceResult(
        id=source.id, path=source.path, text=text.text, sha256=text.sha256, changed=text.changed,
        mentions=mentions, source=source,
    )
    anchorer = Anchorer(text.text) if text.text is not None else None
    return _Source(text, result, anchorer, [m.start for m in mentions])


# ---------------------------------------------------------------------------- one claim


def _check_claim(facts: FactSet, claim: Claim, sources: dict[str, _Source]) -> ClaimResult:
    problems: list[Problem] = []
    value, value_problem = _typed_value(claim)
    if value_problem:
        problems.append(value_problem)
    problems.extend(_reference_problems(facts, claim, value))
    result = ClaimResult(
        id=claim.id, statement=claim.statement, status="invalid",
        value_type=value.type if value else "invalid",
        value=value.model_dump(mode="json", by_alias=True, exclude_none=True) if value else {"shorthand": claim.value},
        display=describe(value, facts) if value else str(claim.value),
        subject=claim.subject, predicate=claim.predicate, tags=list(claim.tags),
        file=claim.where().file, line=claim.where().line, claim=claim,
    )
    for index, citation in enumerate(claim.citations):
        cited = _check_citation(facts, claim, index, citation, value, sources)
        prepared = sources.get(citation.source)
        if prepared is not None and prepared.text.changed:
            cited.status = "stale"  # whatever the span says now, until re-pinned
        result.citations.append(cited)
    statuses: list[Status] = [c.status for c in result.citations]
    if problems:
        statuses.append("invalid")
    result.status = max(statuses, key=lambda s: STATUS_RANK[s])
    ignored = {i.code for i in claim.ignore}
    if ignored:
        problems = [p for p in problems if p.code not in ignored]
        for cit in result.citations:
            cit.problems = [p for p in cit.problems if p.code not in ignored]
    result.problems = problems
    return result


def _typed_value(claim: Claim) -> tuple[TypedClaimValue | None, Problem | None]:
    if not isinstance(claim.value, str):
        return claim.value, None
    try:
        return parse_shorthand(claim.value), None
    except ShorthandError as exc:
        return None, problem("invalid-value", claim.where("value"), claim_id=claim.id, reason=str(exc))


def _reference_problems(facts: FactSet, claim: Claim, value: TypedClaimValue | None) -> list[Problem]:
    out: list[Problem] = []
    if claim.subject is not None and facts.entity(claim.subject) is None:
        out.append(problem("unknown-entity", claim.where("subject"), claim_id=claim.id,
                           field="subject", entity=claim.subject))
    if isinstance(value, PersonValue | EntityValue):
        entity = facts.entity(value.entity)
        if entity is None:
            out.append(problem("unknown-entity", claim.where("value.entity"), claim_id=claim.id,
                               field="value.entity", entity=value.entity))
        elif isinstance(value, PersonValue) and value.role is not None and _role(entity, value.role) is None:
            out.append(problem("unknown-role", claim.where("value.role"), claim_id=claim.id,
                               entity=entity.id, role=value.role))
    return out


def _role(entity: Entity, title: str) -> set[str] | None:
    """Every form of the role ``title`` (its title and aliases), lowercased."""
    wanted = title.casefold()
    for role in entity.roles:
        forms = {role.title.casefold(), *(a.casefold() for a in role.aliases)}
        if wanted in forms:
            return forms
    return None


def _check_citation(
    facts: FactSet, claim: Claim, index: int, citation: Citation,
    value: TypedClaimValue | None, sources: dict[str, _Source],
) -> CitationResult:
    result = CitationResult(index=index, claim_id=claim.id, source=citation.source, quote=citation.quote)
    where = claim.where(f"citations.{index}.quote")

    def report(code: str, at: Location, start: int | None = None, end: int | None = None, **params: Any) -> None:
        result.problems.append(problem(code, at, claim_id=claim.id, citation_id=result.id,
                                       source_id=citation.source, start=start, end=end, **params))

    prepared = sources.get(citation.source)
    if prepared is None:
        report("unknown-source", claim.where(f"citations.{index}.source"), source=citation.source)
        return result
    if prepared.anchorer is None:
        return result  # the source's own problem explains why
    try:
        found = prepared.anchorer.anchor(
            citation.quote, prefix=citation.prefix, suffix=citation.suffix,
            start=citation.start, end=citation.end,
        )
    except AnchorError as exc:
        result.status = "unanchored"
        best = exc.best
        hint = f"; best candidate at {best.start}-{best.end} (score {best.score:.1f}): {best.diff}" if best else ""
        if prepared.text.changed:
            report("citation-drift", where, source=citation.source, state="lost")
        report("quote-not-found", where, best.start if best else None, best.end if best else None,
               source=citation.source, hint=hint)
        return result
    result.start, result.end, result.anchor, result.score = found.start, found.end, found.method, found.score
    span = (found.start, found.end)
    if prepared.text.changed and citation.start is not None:
        report("citation-drift", where, *span, source=citation.source,
               state=_drift(citation, found, prepared.result.text or ""))
    if found.offsets_ok is False:
        text = prepared.result.text or ""
        actual = text[citation.start or 0:citation.end or 0]
        report("offset-mismatch", claim.where(f"citations.{index}.start"), *span,
               actual=actual[:60], given_start=citation.start, given_end=citation.end)
    if found.count > 1:
        places = ", ".join(f"{a}-{b}" for a, b in found.locations[:10])
        more = f" and {len(found.locations) - 10} more" if len(found.locations) > 10 else ""
        hint = f" (at {places}{more}; the first is used)" + (f"; to pick one, add {found.hint}" if found.hint else "")
        report("quote-ambiguous", where, *span, count=found.count, source=citation.source, hint=hint)
    if found.method == "fuzzy":
        # For a quote claim the words are the claim: a near miss cannot support it.
        exact_needed = isinstance(value, QuoteValue)
        report("quote-fuzzy", where, *span, score=found.score, hint="",
               severity="error" if exact_needed else None)
        if exact_needed:
            result.status = "unanchored"
            return result
    if value is None:
        return result
    mentions = _inside(prepared, found.start, found.end)
    status, value_problems, evidence = judge(facts, claim, value, mentions, prepared.result.source)
    result.evidence = evidence
    for p in value_problems:
        p.file, p.line, p.column = _value_where(claim, value)
        p.claim_id, p.citation_id, p.source_id = claim.id, result.id, citation.source
        p.start, p.end = found.start, found.end
    result.problems.extend(value_problems)
    result.supports = status == "verified"
    result.status = status
    return result


def _drift(citation: Citation, found: Anchor, text: str) -> str:
    """How a pinned citation fared in a changed source."""
    if found.method == "fuzzy":
        return f"edited: {char_diff(citation.quote, text[found.start:found.end])}"
    moved = found.start - (citation.start or 0)
    return "unchanged" if moved == 0 else f"moved by {moved}"


def _value_where(claim: Claim, value: TypedClaimValue) -> tuple[str | None, int | None, int | None]:
    field = {"money": "value.amount", "quantity": "value.amount", "date": "value.date",
             "person": "value.entity", "entity": "value.entity"}.get(value.type, "value")
    if isinstance(value, DateValue) and value.date is None:
        field = "value.from"
    loc: Location = claim.where(field)
    return loc.file, loc.line, loc.column


def _inside(prepared: _Source, start: int, end: int) -> list[Mention]:
    return [prepared.result.mentions[i] for i in _indices_inside(prepared, start, end)]


# The two steps a worker process runs (factbase.parallel).
prepare = _prepared
check_claim = _check_claim


# ---------------------------------------------------------------------------- the rules


def judge(
    facts: FactSet, claim: Claim, value: TypedClaimValue, mentions: list[Mention], source: Any,
) -> tuple[Status, list[Problem], list[Evidence]]:
    """Compare a claim's typed value with the mentions of one anchored span."""
    if isinstance(value, QuoteValue):
        return "verified", [], []
    kind = MENTION_KIND[value.type]
    relevant = [m for m in mentions if m.kind == kind or (kind == "entity" and m.kind == "role")]
    evidence = [Evidence(m.kind, m.start, m.end, m.text, m.value.to_dict(), False, str(m.value)) for m in relevant]
    expected = describe(value, facts)

    if isinstance(value, DateValue):
        interval = claimed_interval(value.date, value.from_, value.to, value.qualifier)
        outcomes = [compare_dates((interval[0], interval[1]), m.value) if isinstance(m.value, When) else "mismatch"
                    for m in relevant]
        for ev, outcome in zip(evidence, outcomes, strict=True):
            ev.matches = outcome == "match"
        if "match" in outcomes:
            return "verified", [], evidence
        if "unresolved" in outcomes:
            m = relevant[outcomes.index("unresolved")]
            return "unsupported", [problem("relative-date-unresolved", text=m.text,
                                           source=source.id if source else "?")], evidence
        if "coarser" in outcomes:
            m = relevant[outcomes.index("coarser")]
            assert isinstance(m.value, When)
            return "contradicted", [problem("precision-mismatch", found=m.text, found_precision=m.value.precision,
                                            expected=expected, expected_precision=interval[2])], evidence
        return _no_match("date", expected, relevant, evidence)

    if isinstance(value, MoneyValue):
        for ev, m in zip(evidence, relevant, strict=True):
            ev.matches = isinstance(m.value, Money) and m.value.currency == value.currency and amounts_agree(
                value.amount, value.qualifier, m.value.amount, m.value.qualifier, m.value.upper)
        return _verdict("money", expected, relevant, evidence)

    if isinstance(value, QuantityValue):
        unit = singular(value.unit) if value.unit else None
        same_unit = []
        for ev, m in zip(evidence, relevant, strict=True):
            if not isinstance(m.value, Quantity):
                continue
            if unit is not None and m.value.unit is not None and singular(m.value.unit) != unit:
                continue  # another measure altogether: neither support nor contradiction
            same_unit.append(ev)
            ev.matches = (unit is None or m.value.unit is not None) and amounts_agree(
                value.amount, value.qualifier, m.value.amount, m.value.qualifier, m.value.upper)
        kept = [m for m, ev in zip(relevant, evidence, strict=True) if ev in same_unit]
        return _verdict("quantity", expected, kept, evidence)

    assert isinstance(value, PersonValue | EntityValue)
    names = [ev for ev, m in zip(evidence, relevant, strict=True)
             if m.kind == "entity" and isinstance(m.value, Name) and m.value.entity == value.entity]
    for ev in names:
        ev.matches = True
    if not names:
        others = [m for m in relevant if m.kind == "entity"]
        return _no_match("entity", expected, others, evidence)
    if isinstance(value, PersonValue) and value.role is not None:
        entity = facts.entity(value.entity)
        forms = _role(entity, value.role) if entity else None
        if forms is None:
            return "verified", [], evidence  # the unknown role is reported on the claim
        roles = [ev for ev, m in zip(evidence, relevant, strict=True)
                 if m.kind == "role" and isinstance(m.value, Name)
                 and (m.value.alias.casefold() in forms or (m.value.role or "").casefold() in forms)]
        if not roles:
            return "unsupported", [problem("role-not-found", entity=value.entity, role=value.role)], evidence
        for ev in roles:
            ev.matches = True
    return "verified", [], evidence


def _verdict(kind: str, expected: str, relevant: list[Mention], evidence: list[Evidence]) -> tuple[Status, list[Problem], list[Evidence]]:
    if any(ev.matches for ev in evidence):
        return "verified", [], evidence
    return _no_match(kind, expected, relevant, evidence)


def _no_match(kind: str, expected: str, relevant: list[Mention], evidence: list[Evidence]) -> tuple[Status, list[Problem], list[Evidence]]:
    if relevant:
        found = ", ".join(f"{m.text!r} ({m.value})" for m in relevant[:5])
        return "contradicted", [problem("value-mismatch", found=found, expected=expected)], evidence
    return "unsupported", [problem("value-not-found", kind=kind, expected=expected)], evidence


def describe(value: TypedClaimValue, facts: FactSet | None = None) -> str:
    """A short human form of a claimed value: "9000000 USD", "2019-12-24", "Shinzo Abe (Prime
    Minister of Japan)"."""
    if isinstance(value, DateValue):
        text = value.date or f"{value.from_}/{value.to}"
        return f"{value.qualifier} {text}" if value.qualifier else text
    if isinstance(value, MoneyValue):
        text = f"{format_decimal(value.amount)} {value.currency}"
        return f"{value.qualifier} {text}" if value.qualifier else text
    if isinstance(value, QuantityValue):
        text = format_decimal(value.amount) + (f" {value.unit}" if value.unit else "")
        return f"{value.qualifier} {text}" if value.qualifier else text
    if isinstance(value, PersonValue | EntityValue):
        entity = facts.entity(value.entity) if facts else None
        name = entity.name if entity else value.entity
        role = value.role if isinstance(value, PersonValue) else None
        return f"{name} ({role})" if role else name
    return "(quote)"


# ---------------------------------------------------------------------------- across claims


def _duplicate_ids(facts: FactSet) -> list[Problem]:
    out: list[Problem] = []
    for kind, items in (("source", facts.sources), ("entity", facts.entities), ("claim", facts.claims)):
        # The first of each id, whose location is looked up only when the id repeats.
        first: dict[str, Any] = {}
        for item in items:
            if item.id in first:
                out.append(problem("duplicate-id", item.where("id"), kind=kind, id=item.id,
                                   first=str(first[item.id].where("id")),
                                   claim_id=item.id if kind == "claim" else None,
                                   source_id=item.id if kind == "source" else None))
            else:
                first[item.id] = item
    return out


def _comparable(value: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((k, str(v)) for k, v in value.items()))


def _conflicts(facts: FactSet, claims: list[ClaimResult]) -> list[Problem]:
    out: list[Problem] = []
    first: dict[tuple[str, str], ClaimResult] = {}
    for result in claims:
        if result.subject is None or result.predicate is None or result.value_type == "invalid":
            continue
        key = (result.subject, result.predicate)
        other = first.get(key)
        if other is None:
            first[key] = result
            continue
        if not _compatible(other, result):
            assert result.claim is not None
            out.append(problem(
                "conflicting-claims", result.claim.where("value"), claim_id=result.id,
                claim=result.id, other=f"{other.id} ({other.file}:{other.line})",
                subject=result.subject, predicate=result.predicate,
            ))
    return out


def _compatible(a: ClaimResult, b: ClaimResult) -> bool:
    if a.value_type != b.value_type:
        return False
    if a.value_type == "date":
        ia = _date_interval(a.value)
        ib = _date_interval(b.value)
        # Compatible when one lies inside the other (2019-12 and 2019-12-24 agree).
        return (ia[0] <= ib[0] and ib[1] <= ia[1]) or (ib[0] <= ia[0] and ia[1] <= ib[1])
    return _comparable(a.value) == _comparable(b.value)


def _date_interval(value: dict[str, Any]) -> tuple[dt.date, dt.date]:
    first, last, _ = claimed_interval(value.get("date"), value.get("from"), value.get("to"), value.get("qualifier"))
    return first, last


def _unused(facts: FactSet) -> list[Problem]:
    cited = {c.source for claim in facts.claims for c in claim.citations}
    cited |= {i.source for i in facts.ignores}
    out = [problem("unused-source", s.where("id"), source_id=s.id, source=s.id)
           for s in _unique(facts.sources) if s.id not in cited]
    referenced: set[str] = set()
    for claim in facts.claims:
        if claim.subject:
            referenced.add(claim.subject)
        if isinstance(claim.value, PersonValue | EntityValue):
            referenced.add(claim.value.entity)
    out += [problem("unused-entity", e.where("id"), entity=e.id)
            for e in _unique(facts.entities) if e.id not in referenced]
    return out


def _coverage(facts: FactSet, sources: dict[str, _Source], claims: list[ClaimResult]) -> list[Problem]:
    """Mark which mentions each cited span covers; anchor the `ignore:` entries."""
    out: list[Problem] = []
    for result in claims:
        for cit in result.citations:
            prepared = sources.get(cit.source)
            if prepared is None or cit.start is None or cit.end is None:
                continue
            for i in _indices_inside(prepared, cit.start, cit.end):
                prepared.result.covered_by.setdefault(i, []).append(result.id)
    for ignore in facts.ignores:
        prepared = sources.get(ignore.source)
        if prepared is None:
            out.append(problem("unknown-source", ignore.where("source"), source=ignore.source))
            continue
        if prepared.anchorer is None:
            continue
        if ignore.quote is not None:
            try:
                found = prepared.anchorer.anchor(ignore.quote, start=ignore.start, end=ignore.end)
            except AnchorError:
                out.append(problem("ignore-not-found", ignore.where("quote"), source_id=ignore.source,
                                   source=ignore.source))
                continue
            span = (found.start, found.end)
        else:
            assert ignore.start is not None and ignore.end is not None
            if prepared.result.text is None or ignore.end > len(prepared.result.text):
                out.append(problem("ignore-not-found", ignore.where("end"), source_id=ignore.source,
                                   source=ignore.source))
                continue
            span = (ignore.start, ignore.end)
        prepared.result.ignored.append((span[0], span[1], ignore.reason))
    return out


def _indices_inside(prepared: _Source, start: int, end: int) -> list[int]:
    """Indices of the mentions that lie wholly inside [start, end)."""
    mentions = prepared.result.mentions
    i = bisect.bisect_left(prepared.starts, start)
    out = []
    while i < len(mentions) and mentions[i].start < end:
        if mentions[i].end <= end:
            out.append(i)
        i += 1
    return out
