"""Whole-report snapshots: an unchanged base re-checks by loading one blob.

The per-claim and per-source entries of :mod:`factbase.cache` make an edit cheap, but an
unchanged base still rebuilt every result from its own entry and ran the checks across
claims. A snapshot holds the whole report of the last check under one key: a hash of
factbase's code, every facts file (its name and bytes), every source as read (its text's hash
or why it could not be read) and the working folder (problems name files relative to it).
When the key matches, the report is rebuilt from the snapshot alone.

The snapshot trusts that the FactSet is what its files say: a FactSet built or changed in
memory after loading should be checked without a cache.

The blob is ``marshal`` of plain tuples, lists, dicts, strings and numbers, compressed; it is
decoded into factbase's own result types field by field, so like the rest of the cache it can
at worst be wrong, never run code. Values that ``marshal`` cannot hold, or a blob of another
layout, simply mean no snapshot.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import marshal
import os
import zlib
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .mentions import Mention
from .problems import Problem
from .results import CitationResult, ClaimResult, Evidence, Report, SourceResult
from .values import Money, Name, Quantity, When

if TYPE_CHECKING:
    from .cache import Cache
    from .loader import FactSet
    from .model import Source
    from .sources import SourceText

LAYOUT = 1

_PROBLEM = tuple(f.name for f in dataclasses.fields(Problem))
_EVIDENCE = tuple(f.name for f in dataclasses.fields(Evidence))
_CITATION = tuple(f.name for f in dataclasses.fields(CitationResult))
_CLAIM = tuple(f.name for f in dataclasses.fields(ClaimResult) if f.name != "claim")
_MENTION = ("kind", "start", "end", "text", "value")
_VALUES: dict[str, tuple[type[Any], tuple[str, ...]]] = {
    "W": (When, ("iso", "precision", "first", "last", "qualifier", "relative")),
    "M": (Money, ("amount", "currency", "qualifier", "upper")),
    "Q": (Quantity, ("amount", "unit", "qualifier", "upper")),
    "N": (Name, ("entity", "alias", "role")),
}
_TAG = {cls: tag for tag, (cls, _) in _VALUES.items()}


class SnapshotError(Exception):
    pass


def report_key(code: str, facts: FactSet, texts: Sequence[SourceText]) -> str:
    """The key of a check of ``facts`` with the sources as read in ``texts``."""
    digest = hashlib.sha256(f"report\x1f{LAYOUT}\x1f{code}\x1f{os.getcwd()}\x1f{facts.path}\n".encode())
    counts = (len(facts.files), len(facts.sources), len(facts.entities), len(facts.claims), len(facts.ignores))
    digest.update(repr(counts).encode())
    for file in facts.files:
        data = file.read_bytes()  # OSError: no snapshot
        digest.update(f"\nfile {file} {len(data)}\n".encode())
        digest.update(data)
    for text in texts:
        read = [(p.code, p.message) for p in text.problems]
        digest.update(f"\nsource {text.source.id} {text.sha256} {int(text.changed)} {read!r}".encode())
    return digest.hexdigest()


# ---------------------------------------------------------------------------- encode


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.toordinal()
    return value


def _problem(p: Problem) -> tuple[Any, ...]:
    attrs = p.__dict__
    return tuple(attrs[f] for f in _PROBLEM)


def encode_report(report: Report, head: int, tail: int) -> bytes:
    """The snapshot of ``report``. Its problems are the first ``head`` ones, then those of its
    claims in order, then the last ``tail`` ones; a check builds them in that order."""
    values: dict[tuple[Any, ...], int] = {}

    def value_index(value: Any) -> int:
        tag = _TAG[type(value)]
        attrs = value.__dict__
        key = (tag, *(_plain(attrs[f]) for f in _VALUES[tag][1]))
        found = values.get(key)
        if found is None:
            found = values[key] = len(values)
        return found

    sources = [
        (
            [(m.kind, m.start, m.end, m.text, value_index(m.value)) for m in s.mentions],
            s.covered_by,
            s.ignored,
        )
        for s in report.sources
    ]
    claims = []
    for c in report.claims:
        attrs = c.__dict__
        citations = []
        for cit in c.citations:
            cattrs = cit.__dict__
            citations.append(tuple(
                [tuple(e.__dict__[f] for f in _EVIDENCE) for e in cit.evidence] if f == "evidence"
                else [_problem(p) for p in cit.problems] if f == "problems"
                else cattrs[f]
                for f in _CITATION
            ))
        claims.append(tuple(
            citations if f == "citations"
            else [_problem(p) for p in c.problems] if f == "problems"
            else attrs[f]
            for f in _CLAIM
        ))
    problems = report.problems
    data = (
        LAYOUT,
        list(values),
        sources,
        claims,
        [_problem(p) for p in problems[:head]],
        [_problem(p) for p in problems[len(problems) - tail:]],
    )
    try:
        return zlib.compress(marshal.dumps(data), 1)
    except ValueError as exc:  # a value marshal cannot hold
        raise SnapshotError(str(exc)) from exc


# ---------------------------------------------------------------------------- decode


def _new(cls: type[Any], names: tuple[str, ...], fields: Sequence[Any]) -> Any:
    if len(fields) != len(names):
        raise SnapshotError(f"{cls.__name__}: field count changed")
    obj = object.__new__(cls)
    # Frozen dataclasses refuse setattr; their instance dict takes the fields all the same.
    obj.__dict__.update(zip(names, fields, strict=True))
    return obj


def _value(data: tuple[Any, ...]) -> Any:
    cls, names = _VALUES[data[0]]
    fields = list(data[1:])
    if cls is When:
        fields[2] = None if fields[2] is None else dt.date.fromordinal(fields[2])
        fields[3] = None if fields[3] is None else dt.date.fromordinal(fields[3])
    elif cls is Money or cls is Quantity:
        fields[0] = Decimal(fields[0])
        fields[3] = None if fields[3] is None else Decimal(fields[3])
    return _new(cls, names, fields)


def decode_report(blob: bytes, facts: FactSet, sources: Sequence[Source],
                  texts: Sequence[SourceText]) -> Report:
    """The report a snapshot holds, tied to ``facts`` (its claims, in order) and to the
    unique ``sources`` as read in ``texts``."""
    try:
        data = marshal.loads(zlib.decompress(blob))
        layout, value_data, source_data, claim_data, head, tail = data
        if layout != LAYOUT or len(source_data) != len(sources) or len(claim_data) != len(facts.claims):
            raise SnapshotError("snapshot of another layout or base")
        return _decode(facts, sources, texts, value_data, source_data, claim_data, head, tail)
    except SnapshotError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, EOFError, zlib.error) as exc:
        raise SnapshotError(f"damaged snapshot: {exc}") from exc


def _decode(facts: FactSet, sources: Sequence[Source], texts: Sequence[SourceText],
            value_data: list[Any], source_data: list[Any], claim_data: list[Any],
            head: list[Any], tail: list[Any]) -> Report:
    values = [_value(v) for v in value_data]
    new = object.__new__
    report = Report(facts=facts)
    problems = report.problems
    problems.extend(_new(Problem, _PROBLEM, p) for p in head)
    for source, text, (mention_data, covered_by, ignored) in zip(sources, texts, source_data, strict=True):
        mentions: list[Mention] = []
        append = mentions.append
        for kind, start, end, mtext, index in mention_data:
            m = new(Mention)
            m.__dict__.update(kind=kind, start=start, end=end, text=mtext, value=values[index])
            append(m)
        report.sources.append(SourceResult(
            id=source.id, path=source.path, text=text.text, sha256=text.sha256, changed=text.changed,
            mentions=mentions, covered_by=covered_by, ignored=[tuple(i) for i in ignored], source=source,
        ))
    citation_at = _CITATION.index("evidence"), _CITATION.index("problems")
    claim_at = _CLAIM.index("citations"), _CLAIM.index("problems")
    for claim, fields in zip(facts.claims, claim_data, strict=True):
        citations = []
        for cit_fields in fields[claim_at[0]]:
            cit_fields = list(cit_fields)
            cit_fields[citation_at[0]] = [_new(Evidence, _EVIDENCE, e) for e in cit_fields[citation_at[0]]]
            cit_fields[citation_at[1]] = [_new(Problem, _PROBLEM, p) for p in cit_fields[citation_at[1]]]
            citations.append(_new(CitationResult, _CITATION, cit_fields))
        fields = list(fields)
        fields[claim_at[0]] = citations
        fields[claim_at[1]] = [_new(Problem, _PROBLEM, p) for p in fields[claim_at[1]]]
        result: ClaimResult = _new(ClaimResult, _CLAIM, fields)
        result.claim = claim
        report.claims.append(result)
        # The same objects, in the order a check lists them.
        problems.extend(result.problems)
        for cit in citations:
            problems.extend(cit.problems)
    problems.extend(_new(Problem, _PROBLEM, p) for p in tail)
    return report


# ---------------------------------------------------------------------------- with a cache


def lookup(cache: Cache | None, facts: FactSet, sources: Sequence[Source],
           texts: Sequence[SourceText]) -> tuple[str | None, Report | None]:
    """The snapshot key of this check (None: no snapshot) and the report stored under it."""
    if cache is None or not cache.enabled:
        return None, None
    from .cache import code_fingerprint

    try:
        key = report_key(code_fingerprint(), facts, texts)
    except OSError:
        return None, None
    blob = cache.get_report(key)
    if blob is None:
        return key, None
    try:
        report = decode_report(blob, facts, sources, texts)
    except SnapshotError:
        return key, None
    # Everything came from the cache: count it as the entries would have been.
    cache.hits += sum(t.text is not None for t in texts) + len(facts.claims)
    cache.report_hit = True
    return key, report


def store(cache: Cache | None, key: str | None, report: Report, head: int, tail: int) -> None:
    if cache is None or key is None or not cache.enabled:
        return
    with contextlib.suppress(SnapshotError, KeyError):
        cache.put_report(key, encode_report(report, head, tail))
