"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One rule per problem code of the registry. A result is located in the facts file (line and
column) and, for a span problem, also in the source file (character offset and length, in
code points, as ``run.columnKind`` says). ``partialFingerprints`` hold the fingerprint of
:mod:`factbase.report.baseline`, which does not change when unrelated lines move.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..problems import PROBLEM_TYPES, REGISTRY, Problem, ProblemType
from .baseline import FINGERPRINT_KEY, fingerprint
from .outcome import TOOL_URL, Outcome, docs_url, tool_version

SCHEMA_URL = "https://json.schemastore.org/sarif-2.1.0.json"
_RULE_INDEX = {t.code: i for i, t in enumerate(PROBLEM_TYPES)}


def _rule_name(code: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^a-z0-9]+", code) if part)


def rule(t: ProblemType) -> dict[str, Any]:
    url = docs_url(t.code)
    return {
        "id": t.code,
        "name": _rule_name(t.code),
        "shortDescription": {"text": t.title},
        "fullDescription": {"text": t.description},
        "help": {
            "text": f"{t.description} See {url}",
            "markdown": f"**{t.title}** (`{t.code}`): {t.description}\n\n[Documentation]({url})",
        },
        "helpUri": url,
        "defaultConfiguration": {"level": t.severity},
        "properties": {"tags": ["factbase", t.group]},
    }


def _facts_location(p: Problem, result: Outcome) -> dict[str, Any] | None:
    path = p.file or result.facts_path
    if not path:
        return None
    physical: dict[str, Any] = {"artifactLocation": {"uri": path}}
    # GitHub code scanning needs a start line; a problem of the whole file points at line 1
    region: dict[str, Any] = {"startLine": p.line if p.line is not None else 1}
    if p.line is not None and p.column is not None:
        region["startColumn"] = p.column
    physical["region"] = region
    return {"physicalLocation": physical}


def _span_location(p: Problem, result: Outcome) -> dict[str, Any] | None:
    span = result.span(p)
    if span is None:
        return None
    region: dict[str, Any] = {"charOffset": span.start, "charLength": span.end - span.start}
    if span.line is not None:
        region.update(startLine=span.line, startColumn=span.column,
                      endLine=span.end_line, endColumn=span.end_column)
    return {
        "physicalLocation": {"artifactLocation": {"uri": span.path}, "region": region},
        "message": {"text": f"cited span {span.start}-{span.end}"},
    }


def result_object(p: Problem, result: Outcome) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": p.code,
        "level": "error" if p.severity == "error" else "warning",
        "message": {"text": p.message},
    }
    if p.code in _RULE_INDEX:
        out["ruleIndex"] = _RULE_INDEX[p.code]
    locations = [loc for loc in (_facts_location(p, result), _span_location(p, result)) if loc]
    if locations:
        out["locations"] = locations
    out["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(p)}
    props = {k: v for k, v in (("claim", p.claim_id), ("citation", p.citation_id),
                               ("source", p.source_id)) if v is not None}
    if props:
        out["properties"] = props
    return out


def to_dict(result: Outcome) -> dict[str, Any]:
    rules = [rule(t) for t in PROBLEM_TYPES]
    unknown = sorted({p.code for p in result.problems if p.code not in REGISTRY})
    for code in unknown:  # a code added without a registry entry still gets a rule
        rules.append({"id": code, "name": _rule_name(code), "helpUri": docs_url(code)})
    return {
        "$schema": SCHEMA_URL,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factbase",
                        "version": tool_version(),
                        "semanticVersion": tool_version(),
                        "informationUri": TOOL_URL,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [result_object(p, result) for p in result.problems],
                "invocations": [{"executionSuccessful": True}],
            }
        ],
    }


def render(result: Outcome, **_: Any) -> str:
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"
