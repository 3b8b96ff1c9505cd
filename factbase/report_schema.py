"""The JSON Schema of the JSON report (``factbase check --format json``).

Published by ``factbase schema --report`` so that consumers can validate what they read; the
problem codes and statuses come from the registry and ``results``, so they cannot drift.
"""

from __future__ import annotations

from typing import Any

from .problems import REGISTRY
from .results import STATUSES

_NULLABLE_INT: dict[str, Any] = {"type": ["integer", "null"]}
_NULLABLE_STR: dict[str, Any] = {"type": ["string", "null"]}


def _object(properties: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def report_schema() -> dict[str, Any]:
    status = {"enum": list(STATUSES), "description": "Verdict of a claim or citation."}
    code = {"enum": sorted(REGISTRY), "description": "Problem code (see the problem-code reference)."}
    offset = {"type": ["integer", "null"], "minimum": 0,
              "description": "Code-point offset into the source text; end is exclusive."}
    evidence = _object({
        "kind": {"type": "string", "description": "Mention kind: date, money, quantity, entity, role."},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
        "text": {"type": "string", "description": "The mention's text in the source."},
        "value": {"type": "object", "description": "The mention's typed value."},
        "matches": {"type": "boolean", "description": "Whether it matches the claim's value."},
        "display": {"type": "string"},
    }, "A typed mention inside a cited span.")
    citation = _object({
        "id": {"type": "string", "description": "claim id, '#', citation index (from 0)."},
        "source": {"type": "string"},
        "quote": {"type": "string"},
        "start": offset,
        "end": offset,
        "anchor": {"enum": ["offsets", "exact", "normalized", "fuzzy", None],
                   "description": "How the quote was found; null when it was not."},
        "score": {"type": ["number", "null"], "description": "Fuzzy match score (0-100)."},
        "supports": {"type": "boolean"},
        "status": status,
        "evidence": {"type": "array", "items": {"$ref": "#/$defs/evidence"}},
        "problems": {"type": "array", "items": code},
    }, "One cited span of a claim.")
    claim = _object({
        "id": {"type": "string"},
        "statement": {"type": "string"},
        "status": status,
        "value_type": {"type": "string"},
        "value": {"type": "object", "description": "The claim's typed value."},
        "display": {"type": "string", "description": "The value, as people write it."},
        "subject": _NULLABLE_STR,
        "predicate": _NULLABLE_STR,
        "tags": {"type": "array", "items": {"type": "string"}},
        "file": _NULLABLE_STR,
        "line": _NULLABLE_INT,
        "citations": {"type": "array", "items": {"$ref": "#/$defs/citation"}},
        "problems": {"type": "array", "items": code},
    }, "A claim and its verdict.")
    source = _object({
        "id": {"type": "string"},
        "path": {"type": "string"},
        "sha256": _NULLABLE_STR,
        "changed": {"type": "boolean"},
        "mentions": {"type": "integer", "minimum": 0},
        "coverage": {"type": "number", "minimum": 0, "maximum": 1},
    }, "A source as read.")
    problem = _object({
        "code": code,
        "severity": {"enum": ["error", "warning"]},
        "message": {"type": "string"},
        "file": _NULLABLE_STR,
        "line": _NULLABLE_INT,
        "column": _NULLABLE_INT,
        "claim_id": _NULLABLE_STR,
        "citation_id": _NULLABLE_STR,
        "source_id": _NULLABLE_STR,
        "start": offset,
        "end": offset,
        "details": {"type": "object", "description": "The values that filled the message."},
        "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{32}$",
                        "description": "Stable id of the problem, for --baseline."},
    }, "A problem, with its location.")
    counts = {s: {"type": "integer", "minimum": 0} for s in
              ("claims", "citations", "sources", "entities", "errors", "warnings", *STATUSES)}
    stats = _object(counts, "Counts of claims by status, and of problems by severity.")
    schema = _object({
        "report": {"const": 1, "description": "Version of this report format."},
        "version": {"type": "string", "description": "Version of factbase that wrote it."},
        "facts": _NULLABLE_STR,
        "ok": {"type": "boolean", "description": "True when no error was found."},
        "stats": {"$ref": "#/$defs/stats"},
        "suppressed": {"type": "integer", "minimum": 0,
                       "description": "Problems accepted by --ignore or --baseline, not listed."},
        "claims": {"type": "array", "items": {"$ref": "#/$defs/claim"}},
        "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
        "problems": {"type": "array", "items": {"$ref": "#/$defs/problem"}},
    }, "The result of `factbase check`.")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://factbase.dev/schema/report-1.json",
        "title": "factbase check report, version 1",
        **schema,
        "$defs": {"stats": stats, "claim": claim, "citation": citation, "evidence": evidence,
                  "source": source, "problem": problem},
    }
