"""A citation in the original: a PDF's page with the span's characters highlighted, a web
page's live URL with a text fragment, and the stored snapshot.

The stored bytes come from the database's ``originals`` table (``factbase build`` fills it for
web pages, PDFs and snapshots), so a database served anywhere can show them. A PDF page is
rendered to PNG on request (pypdfium2) and the span's character boxes are drawn over it by the
claim page, as percentages of the page, so that the picture scales. A snapshot is served under
``Content-Security-Policy: sandbox``: a stored page's scripts never run on this site's origin.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from datasette import NotFound, Response

from ..serve import safe_url
from ..sources.errors import LayerError
from ..sources.pdf import render_page, span_boxes
from ..sources.warc import warc_response

__all__ = ["MAX_PAGES_SHOWN", "fragment_url", "original_of", "original_view", "page_image"]

MAX_PAGES_SHOWN = 3
# A text fragment names a short span whole, a longer one by its first and last words.
FRAGMENT_WORDS = 5
FRAGMENT_WHOLE = 80
_SANDBOX = {"Content-Security-Policy": "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
            "X-Content-Type-Options": "nosniff", "Cache-Control": "max-age=3600"}


def _encode(text: str) -> str:
    # The directive's own syntax uses - , & : they are escaped inside its terms.
    return quote(text, safe="").replace("-", "%2D")


def fragment_url(url: str | None, span: str) -> str | None:
    """``url`` with a text fragment (``#:~:text=``) that makes a browser scroll to ``span``
    and highlight it; None for a URL that is not http(s)."""
    safe = safe_url(url)
    if safe is None or not span.strip():
        return None
    lines = [" ".join(line.replace("\u00ad", "").split()) for line in re.split(r"[\n\f\r]+", span)]
    lines = [line for line in lines if line]
    if not lines:
        return None
    base = safe.split("#", 1)[0]
    if len(lines) == 1 and len(lines[0]) <= FRAGMENT_WHOLE:
        return f"{base}#:~:text={_encode(lines[0])}"
    first = " ".join(lines[0].split()[:FRAGMENT_WORDS])
    last = " ".join(lines[-1].split()[-FRAGMENT_WORDS:])
    return f"{base}#:~:text={_encode(first)},{_encode(last)}"


async def original_view(db: Any, citation: dict[str, Any], source: dict[str, Any],
                        url_for: Callable[[str], str]) -> dict[str, Any] | None:
    """What the claim page shows of a citation in its original, or None. ``url_for(rest)`` is
    the URL of the source's page ``rest`` (``original``, ``pages/2.png``)."""
    start, end = citation.get("start"), citation.get("end")
    fmt = source.get("format")
    if start is None or end is None or fmt not in ("html", "pdf", "warc"):
        return None
    view: dict[str, Any] = {"snapshot_url": None, "fragment_url": None, "pages": []}
    has_original = bool((await db.execute(
        "select count(*) from originals where source_id = :id", {"id": source["id"]})).rows[0][0])
    if fmt in ("html", "warc"):
        span = (source.get("text") or "")[start:end]
        view["fragment_url"] = fragment_url(source.get("url"), span)
        if has_original:
            view["snapshot_url"] = url_for("original")
        return view if view["fragment_url"] or view["snapshot_url"] else None
    starts = _starts(source.get("page_starts"))
    if not has_original or not starts:
        return None
    data = (await db.execute("select data from originals where source_id = :id",
                             {"id": source["id"]})).rows[0][0]
    first, last = citation.get("page") or 1, citation.get("page_end") or citation.get("page") or 1
    loop = asyncio.get_running_loop()
    for number in range(first, min(last, first + MAX_PAGES_SHOWN - 1) + 1):
        page_start = starts[number - 1]
        page_end = starts[number] - 1 if number < len(starts) else len(source.get("text") or "")
        local = (max(start, page_start) - page_start, min(end, page_end) - page_start)
        try:
            (width, height), boxes = await loop.run_in_executor(
                None, span_boxes, data, number - 1, local[0], local[1])
        except LayerError:
            return None
        if not width or not height:
            continue
        view["pages"].append({
            "number": number,
            "image_url": url_for(f"pages/{number}.png"),
            "ratio": f"{height / width * 100:.4f}",
            "boxes": [{"left": f"{a / width * 100:.3f}", "top": f"{b / height * 100:.3f}",
                       "width": f"{(c - a) / width * 100:.3f}",
                       "height": f"{(d - b) / height * 100:.3f}"} for a, b, c, d in boxes],
        })
    view["snapshot_url"] = url_for("original")
    return view


def _starts(value: Any) -> list[int]:
    try:
        found = json.loads(value) if isinstance(value, str) else []
    except ValueError:
        return []
    return [int(x) for x in found if isinstance(x, int)] if isinstance(found, list) else []


async def _stored(db: Any, source_id: str) -> tuple[str, bytes]:
    rows = (await db.execute("select format, data from originals where source_id = :id",
                             {"id": source_id})).rows
    if not rows or not isinstance(rows[0][1], bytes):
        raise NotFound(f"No stored original of source {source_id!r}")
    return str(rows[0][0]), rows[0][1]


async def original_of(db: Any, source_id: str) -> Response:
    """The stored document: a web page (or a snapshot's page) sandboxed, a PDF as a PDF."""
    fmt, data = await _stored(db, source_id)
    if fmt == "pdf":
        return Response(data, content_type="application/pdf",
                        headers={"Content-Disposition": "inline", **_SANDBOX})
    content_type = "text/html; charset=utf-8"
    body = data
    if fmt == "warc":
        try:
            page = warc_response(data)
        except LayerError as exc:
            raise NotFound(f"The snapshot of {source_id!r} holds no page: {exc}") from None
        body = page.body
        content_type = page.content_type or page.media_type or "application/octet-stream"
    return Response(body, content_type=content_type, headers=_SANDBOX)


async def page_image(db: Any, source_id: str, number: int) -> Response:
    fmt, data = await _stored(db, source_id)
    if fmt != "pdf":
        raise NotFound(f"Source {source_id!r} has no pages")
    loop = asyncio.get_running_loop()
    try:
        png = await loop.run_in_executor(None, render_page, data, number - 1)
    except LayerError as exc:
        raise NotFound(f"Source {source_id!r} cannot be rendered: {exc}") from None
    if png is None:
        raise NotFound(f"Source {source_id!r} has no page {number}")
    return Response(png, content_type="image/png", headers={"Cache-Control": "max-age=3600"})
