"""Database rows from a run's results: tuples in the columns' declared order.

:class:`Rows` turns one source's results (its :class:`~factbase.results.SourceResult` and the
citations that cite it) into rows as soon as the source is checked, and the claims, problems,
entities and the build's own row at the end. ``factbase build`` feeds it a run's outcomes as
they stream in; ``publish(report)`` feeds it a Report in the same order; so both write the
same rows, and the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from .. import __version__
from ..factset import FactSet
from ..model import Entity
from ..problems import Problem
from ..results import STATUSES, CitationResult, ClaimResult, CoverageState, Evidence, SourceResult
from ..sources import read_bytes, resolve_inside, sha256_bytes
from ..values import Money, Quantity
from .shape import TABLE

Row = tuple[Any, ...]

_MEDIA_TYPES = {"html": "text/html", "pdf": "application/pdf", "warc": "application/warc"}

# One encoder for every value: ``json.dumps`` with options builds a new one per call.
_ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode
_STRING: Callable[[str], str] = encode_basestring


def to_json(value: Any) -> str:
    """Compact JSON with sorted keys, so equal values give equal text."""
    return _ENCODE(value)


def _key(*parts: Any) -> tuple[Any, ...]:
    """A sort key that puts None first and never compares None with a value."""
    return tuple((p is not None, p if p is not None else 0) for p in parts)


def relative_to(root: Path) -> Callable[[str | None], str | None]:
    """A facts file path relative to the project root (each file worked out once), so the
    database does not depend on where the project sits or where the command ran."""
    memo: dict[str | None, str | None] = {}
    base = Path(os.path.abspath(root))

    def relative(file: str | None) -> str | None:
        try:
            return memo[file]
        except KeyError:
            pass
        found: str | None = file
        if file is not None:
            try:
                found = Path(os.path.abspath(file)).relative_to(base).as_posix()
            except ValueError:
                found = file
        memo[file] = found
        return found

    return relative


class Rows:
    """Rows of every table of one build, made as results arrive."""

    def __init__(self, facts: FactSet) -> None:
        self.facts = facts
        self.relative = relative_to(facts.root)
        self.entity_ids = {e.id for e in facts.entities}
        self.source_ids: set[str] = {s.id for s in facts.sources}
        self.claim_ids: set[str] = set()
        self.shas: dict[str, str | None] = {}
        self.counts: dict[str, int] = {t: 0 for t in TABLE}
        self._value_texts: dict[Any, tuple[str, str]] = {}
        self._evidence_values: dict[Any, str] = {}

    # -- one source at a time

    def source(self, source: SourceResult, citations: Iterable[CitationResult]) -> dict[str, list[Row]]:
        """The rows of a checked source: the source, its mentions, the citations of it."""
        declared = source.source
        self.shas[source.id] = source.sha256
        out: dict[str, list[Row]] = {"sources": [], "mentions": [], "citations": [],
                                     "originals": []}
        states = source.coverage_states()
        if declared is not None:
            pages = source.pages
            out["sources"].append((
                source.id, declared.title, declared.publisher, to_json(declared.authors),
                declared.published, declared.url, declared.path, source.sha256, declared.sha256,
                declared.currency, int(source.changed), source.format, source.text_sha256,
                declared.text_sha256, len(pages) if pages else None,
                to_json(pages) if pages else None,
                len(source.text) if source.text is not None else None,
                len(source.mentions),
                round(source.coverage_of(states), 6) if source.text is not None else None,
                source.text,
            ))
            out["originals"] = self._original(source, declared.path or "")
        out["mentions"] = self._mentions(source, states)
        out["citations"] = self.citations(citations)
        self.counts["sources"] += len(out["sources"])
        self.counts["originals"] += len(out["originals"])
        self.counts["mentions"] += len(out["mentions"])
        return out

    def _original(self, source: SourceResult, path: str) -> list[Row]:
        """The stored bytes of a web page, PDF or snapshot, when they are still those that
        were checked (a text file's text is its original)."""
        if source.format == "text" or source.text is None or source.sha256 is None:
            return []
        real = resolve_inside(self.facts.root, path)
        data = read_bytes(real)[0] if real is not None else None
        if data is None or sha256_bytes(data) != source.sha256:
            return []
        return [(source.id, source.format, _MEDIA_TYPES.get(source.format), len(data),
                 source.sha256, data)]

    def _mentions(self, source: SourceResult, states: list[CoverageState | None]) -> list[Row]:
        rows: list[Row] = []
        number = self.counts["mentions"]
        texts = self._value_texts
        covered_by = source.covered_by
        for index, m in enumerate(source.mentions):
            covering = covered_by.get(index)
            value = m.value
            # Equal Decimals may print differently (1.0 and 1), so their text is in the key.
            key = (value, str(value.amount), str(value.upper)) if isinstance(value, Money | Quantity) else value
            shown = texts.get(key)
            if shown is None:
                shown = texts[key] = (str(value), to_json(value.to_dict()))
            number += 1
            rows.append((
                number, source.id, m.start, m.end, m.text, m.kind, shown[0], shown[1],
                covering[0] if covering else None, to_json(covering) if covering else "[]",
                int(states[index] == "ignored"), states[index],
            ))
        return rows

    def citations(self, citations: Iterable[CitationResult]) -> list[Row]:
        rows: list[Row] = []
        for c in citations:
            self.counts["citations"] += 1
            rows.append((
                c.id, c.claim_id, c.index, c.source if c.source in self.source_ids else None,
                c.quote, c.start, c.end, c.page, c.page_end, c.anchor, c.score, int(c.supports),
                c.status, self._evidence(c.evidence), c.mention, c.mention_start, c.mention_end,
            ))
        return rows

    def _evidence(self, evidence: list[Evidence]) -> str:
        """``to_json([e.to_dict() for e in evidence])``, written out directly: it is one per
        citation, and each mention value is encoded once."""
        if not evidence:
            return "[]"
        values = self._evidence_values
        parts = []
        for e in evidence:
            # A value with nested parts (a clause, a period's ends) has no hashable key.
            key = tuple(e.value.items()) if "clause" not in e.value and "from" not in e.value else None
            value = values.get(key) if key is not None else None
            if value is None:
                value = _ENCODE(e.value)
                if key is not None:
                    values[key] = value
            # The keys of Evidence.to_dict, sorted.
            parts.append(f'{{"display":{_STRING(e.display)},"end":{int(e.end)},"kind":{_STRING(e.kind)},'
                         f'"matches":{"true" if e.matches else "false"},"start":{int(e.start)},'
                         f'"text":{_STRING(e.text)},"value":{value}}}')
        return f"[{','.join(parts)}]"

    # -- at the end

    def claims(self, results: Iterable[ClaimResult], problem_counts: Mapping[str, int]) -> list[Row]:
        """Claim rows, sorted by id (the first of a repeated id). Call before :meth:`problems`,
        which keeps the claim ids that have a row."""
        rows: list[Row] = []
        seen = self.claim_ids
        for c in results:
            if c.id in seen:
                continue
            seen.add(c.id)
            record = c.claim
            rows.append((
                c.id, c.statement, c.subject if c.subject in self.entity_ids else None,
                c.predicate, c.value_type, c.display, to_json(c.value), c.status,
                to_json(c.tags) if c.tags else "[]",
                to_json(sorted({cit.source for cit in record.citations})) if record is not None else "[]",
                len(record.citations) if record is not None else len(c.citations),
                problem_counts.get(c.id, 0),
                record.note if record is not None else None,
                self.relative(c.file), c.line,
            ))
        rows.sort(key=lambda r: r[0])
        self.counts["claims"] = len(rows)
        return rows

    def problems(self, problems: Iterable[Problem]) -> list[Row]:
        """Problem rows, in a stable order, numbered."""
        keyed = []
        claim_ids, source_ids = self.claim_ids, self.source_ids
        relative = self.relative
        for p in problems:
            citation = p.citation_id if p.claim_id in claim_ids else None
            row = (p.code, p.severity, p.message, p.claim_id if p.claim_id in claim_ids else None,
                   citation, p.source_id if p.source_id in source_ids else None,
                   relative(p.file), p.line, p.column, p.start, p.end)
            keyed.append((_key(row[6], row[7], row[8], row[0], row[3], row[4], row[5], row[9], row[2]), row))
        keyed.sort(key=lambda pair: pair[0])
        self.counts["problems"] = len(keyed)
        return [(number, *row) for number, (_, row) in enumerate(keyed, 1)]

    def entities(self) -> dict[str, list[Row]]:
        first: dict[str, Entity] = {}
        for e in self.facts.entities:
            first.setdefault(e.id, e)
        out: dict[str, list[Row]] = {
            "entities": [(e.id, e.name, e.kind, e.description, e.url) for _, e in sorted(first.items())],
            "aliases": sorted({(e.id, a) for e in first.values() for a in e.aliases}),
            "roles": sorted({(e.id, r.title): (e.id, r.title, to_json(r.aliases))
                             for e in reversed(list(first.values())) for r in reversed(e.roles)}.values()),
        }
        for name, rows in out.items():
            self.counts[name] = len(rows)
        return out

    def build(self, ok: bool, by_status: Mapping[str, int], errors: int, warnings: int) -> Row:
        facts = self.facts
        return (1, __version__, self.facts_hash(), facts.title, facts.description, facts.license,
                facts.license_url, int(ok), self.counts["claims"], self.counts["citations"],
                self.counts["sources"], self.counts["entities"], self.counts["mentions"], errors,
                warnings, *(by_status.get(s, 0) for s in STATUSES))

    def _declarations(self) -> dict[str, Any]:
        facts = self.facts
        return {
            "sources": [s.model_dump(mode="json", by_alias=True, exclude_none=True) for s in facts.sources],
            "entities": [e.model_dump(mode="json", by_alias=True, exclude_none=True) for e in facts.entities],
            "claims": [r.fields() for r in facts.records],
            "ignore": [i.model_dump(mode="json", by_alias=True, exclude_none=True) for i in facts.ignores],
            "about": [facts.title, facts.description, facts.license, facts.license_url],
        }

    def facts_hash(self) -> str:
        """SHA-256 over the facts files (relative name and bytes, by name), or the facts as
        declared when they were built in Python, and the sources (id and sha256, by id)."""
        digest = hashlib.sha256()
        files = sorted((self.relative(str(f)) or str(f), Path(f)) for f in self.facts.files)
        for name, file in files:
            try:
                data = file.read_bytes()
            except OSError:
                data = b""
            digest.update(f"file {name} {len(data)}\n".encode())
            digest.update(data)
        # Facts given as text (`loads`), or built in Python: no file holds them.
        for name, text in sorted(self.facts.texts.items()):
            data = text.encode("utf-8")
            digest.update(f"text {name} {len(data)}\n".encode())
            digest.update(data)
        if not files and not self.facts.texts:
            data = to_json(self._declarations()).encode("utf-8")
            digest.update(f"declared {len(data)}\n".encode())
            digest.update(data)
        for source_id in sorted(self.shas):
            digest.update(f"source {source_id} {self.shas[source_id] or '-'}\n".encode())
        return digest.hexdigest()
