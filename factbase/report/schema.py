"""The JSON Schema of the JSON report (``factbase check --format json``).

Published by ``factbase schema --report`` so that consumers can validate what they read. The
claims, citations, evidence and sources are described by their result types' fields
(:mod:`factbase.results`), the problem codes and statuses come from the registry, so none of
them can drift from what the report holds.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..problems import REGISTRY
from ..results import STATUSES, CitationResult, ClaimResult, Evidence, SourceResult

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


def _of(cls: type[Any]) -> dict[str, Any]:
    """The schema of a result type's JSON form, from its fields' metadata."""
    properties: dict[str, Any] = {}
    for name, description, schema in getattr(cls, "EXTRA", ()):
        if name == "id":
            properties[name] = {**schema, "description": description}
    for f in dataclasses.fields(cls):
        if f.metadata.get("json", True) is False:
            continue
        properties[f.name] = {**f.metadata["schema"], "description": f.metadata["description"]}
    for name, description, schema in getattr(cls, "EXTRA", ()):
        if name != "id":
            properties[name] = {**schema, "description": description}
    return _object(properties, " ".join((cls.__doc__ or "").split()))


def report_schema() -> dict[str, Any]:
    code = {"enum": sorted(REGISTRY), "description": "Problem code (see the problem-code reference)."}
    offset = {"type": ["integer", "null"], "minimum": 0,
              "description": "Code-point offset into the source text; end is exclusive."}
    evidence, citation, claim, source = (_of(c) for c in (Evidence, CitationResult, ClaimResult,
                                                           SourceResult))
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
        "field_path": {"type": ["string", "null"],
                       "description": "The field of the claim, source or entity the problem is "
                                      "about, as a dotted path (citations.0.quote)."},
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
