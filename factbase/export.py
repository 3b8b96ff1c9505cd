"""Export the citations of a checked Report as W3C Web Annotations (JSON-LD).

One annotation per citation, in an ``AnnotationCollection``: the target is the source's URL
(or, without one, its path relative to the facts file) with a ``TextQuoteSelector`` (the
anchored span's text, with up to :data:`CONTEXT` characters before and after) and a
``TextPositionSelector`` (code-point offsets into factbase's text layer of the source); a web
snapshot's target also says when the page was fetched and where the snapshot is (``TimeState``).
The bodies are the claim's statement, its typed value (JSON) and the verdict. Annotation tools
that speak the W3C model can then show the citations on the live page. The output is
deterministic: no creation time is written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .results import CitationResult, ClaimResult, Report, SourceResult
from .sources import read_bytes, resolve_inside
from .sources.errors import LayerError
from .sources.warc import warc_response

__all__ = ["CONTEXT", "EXPORT_FORMATS", "w3c_annotations"]

EXPORT_FORMATS = ("w3c",)
CONTEXT = 32
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def w3c_annotations(report: Report) -> dict[str, Any]:
    """The report's citations as a W3C ``AnnotationCollection``."""
    sources = {s.id: s for s in report.sources}
    fetched = {s.id: _fetch_date(report, s) for s in report.sources if s.format == "warc"}
    items = []
    for claim in report.claims:
        for citation in claim.citations:
            items.append(_annotation(claim, citation, sources.get(citation.source),
                                     fetched.get(citation.source)))
    title = report.facts.title or "factbase citations"
    return {
        "@context": ANNO_CONTEXT,
        "id": "urn:factbase:annotations",
        "type": "AnnotationCollection",
        "label": title,
        "total": len(items),
        "first": {"id": "urn:factbase:annotations:page:1", "type": "AnnotationPage",
                  "startIndex": 0, "items": items},
    }


def render_w3c(report: Report) -> str:
    return json.dumps(w3c_annotations(report), indent=2, ensure_ascii=False) + "\n"


def _annotation(claim: ClaimResult, citation: CitationResult, source: SourceResult | None,
                fetched: str | None) -> dict[str, Any]:
    declared = source.source if source is not None else None
    text = source.text if source is not None else None
    target: dict[str, Any] = {
        "source": (declared.url if declared is not None and declared.url
                   else quote(declared.path if declared is not None and declared.path
                         else citation.source, safe="/")),
    }
    selectors: list[dict[str, Any]] = []
    if text is not None and citation.start is not None and citation.end is not None:
        quote_selector = {"type": "TextQuoteSelector", "exact": text[citation.start:citation.end]}
        before = text[max(0, citation.start - CONTEXT):citation.start]
        after = text[citation.end:citation.end + CONTEXT]
        if before:
            quote_selector["prefix"] = before
        if after:
            quote_selector["suffix"] = after
        selectors = [quote_selector, {"type": "TextPositionSelector", "start": citation.start,
                                      "end": citation.end}]
    else:
        selectors = [{"type": "TextQuoteSelector", "exact": citation.quote}]
    target["selector"] = selectors
    if fetched is not None and declared is not None and declared.path:
        target["state"] = {"type": "TimeState", "sourceDate": fetched,
                           "cached": quote(declared.path, safe="/")}
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "describing", "format": "text/plain",
         "value": claim.statement},
        {"type": "TextualBody", "purpose": "classifying", "format": "application/json",
         "value": json.dumps({"type": claim.value_type, **claim.value}, sort_keys=True,
                             ensure_ascii=False)},
        {"type": "TextualBody", "purpose": "assessing", "format": "text/plain",
         "value": citation.status},
    ]
    return {
        "id": f"urn:factbase:citation:{quote(claim.id)}:{citation.index}",
        "type": "Annotation",
        "motivation": "assessing",
        "body": bodies,
        "target": target,
    }


def _fetch_date(report: Report, source: SourceResult) -> str | None:
    """When a web snapshot's page was fetched (its WARC-Date)."""
    real = resolve_inside(Path(report.facts.root), source.path)
    data = read_bytes(real)[0] if real is not None else None
    if data is None:
        return None
    try:
        return warc_response(data).date
    except LayerError:
        return None
