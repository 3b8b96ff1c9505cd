"""The plugin's pages: a claim with its cited spans in context, and a source with every cited
span highlighted. Everything read from the database is escaped (Jinja autoescape, or
markupsafe in ``highlight``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from datasette import Forbidden, NotFound, Response

from ..serve import safe_url
from .highlight import Span, in_context, layered
from .originals import original_of, original_view, page_image

PREFIX = "/-/factbase"


async def factbase_database(datasette: Any, request: Any) -> Any:
    """The database to read: ``?database=`` if given, else the first with a factbase_build
    table."""
    wanted = request.args.get("database")
    for name, db in datasette.databases.items():
        if wanted and name != wanted:
            continue
        if await db.table_exists("factbase_build"):
            return db
    raise NotFound("No factbase database is attached")


async def _check_view(datasette: Any, request: Any, db: Any, table: str) -> None:
    allowed = await datasette.permission_allowed(
        request.actor, "view-table", resource=(db.name, table), default=True
    )
    if not allowed:
        raise Forbidden("You may not view this table")


def claim_url(datasette: Any, claim_id: str, db_name: str | None = None) -> str:
    return _url(datasette, f"claims/{claim_id}", db_name)


def source_url(datasette: Any, source_id: str, db_name: str | None = None) -> str:
    return _url(datasette, f"sources/{source_id}", db_name)


def _source_part(datasette: Any, source_id: str, db_name: str | None) -> Callable[[str], str]:
    """The URL of a part of a source's page (``original``, ``pages/1.png``)."""
    def url(rest: str) -> str:
        return _url(datasette, f"sources/{source_id}/{rest}", db_name)
    return url


def _url(datasette: Any, rest: str, db_name: str | None) -> str:
    from urllib.parse import quote

    path = datasette.urls.path(f"{PREFIX}/{quote(rest, safe='/')}")
    if db_name and len(datasette.databases) > 2:  # more than ours and _internal
        path += f"?database={quote(db_name)}"
    return str(path)


async def _rows(db: Any, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    result = await db.execute(sql, params)
    return [dict(r) for r in result.rows]


def _loads(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


async def claim_page(datasette: Any, request: Any) -> Response:
    db = await factbase_database(datasette, request)
    await _check_view(datasette, request, db, "claims")
    claim_id = request.url_vars["claim_id"]
    found = await _rows(db, "select * from claims where id = :id", {"id": claim_id})
    if not found:
        raise NotFound(f"No claim {claim_id!r}")
    claim = found[0]
    claim["tags"] = _loads(claim["tags"], [])
    claim["value_fields"] = _loads(claim["value_json"], {})
    subject = None
    if claim["subject_id"]:
        hits = await _rows(db, "select id, name, kind from entities where id = :id",
                           {"id": claim["subject_id"]})
        subject = hits[0] if hits else None
    value_entity = claim["value_fields"].get("entity") if isinstance(claim["value_fields"], dict) else None
    value_entity_row = None
    if isinstance(value_entity, str):
        hits = await _rows(db, "select id, name, kind from entities where id = :id", {"id": value_entity})
        value_entity_row = hits[0] if hits else None
    citations = await _rows(
        db,
        "select citations.*, sources.title as source_title, sources.text as source_text, "
        "sources.format as source_format, sources.url as source_url, "
        "sources.page_starts as source_page_starts "
        "from citations left join sources on sources.id = citations.source_id "
        "where claim_id = :id order by number",
        {"id": claim_id},
    )
    for c in citations:
        c["evidence"] = _loads(c["evidence"], [])
        text = c.pop("source_text")
        if text is not None and c["start"] is not None and c["end"] is not None:
            inner = [
                Span(e["start"], e["end"],
                     ("fb-evidence", "fb-match" if e.get("matches") else "fb-nomatch"),
                     (("data-kind", str(e.get("kind", ""))),))
                for e in c["evidence"]
                if isinstance(e, dict) and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
            ]
            if isinstance(c.get("mention_start"), int) and isinstance(c.get("mention_end"), int):
                # The citation's `mention:`: the words the claim says carry its value.
                inner.append(Span(c["mention_start"], c["mention_end"], ("fb-pinned",),
                                  (("data-pinned", c["mention"] or ""),)))
            c["html"] = in_context(text, c["start"], c["end"], inner,
                                   span_attrs=[("data-citation", c["id"])])
        else:
            c["html"] = None
        c["source_page"] = source_url(datasette, c["source_id"], db.name) if c["source_id"] else None
        source = {"id": c["source_id"], "text": text, "format": c.pop("source_format"),
                  "url": c.pop("source_url"), "page_starts": c.pop("source_page_starts")}
        c["original"] = await original_view(
            db, c, source, _source_part(datasette, c["source_id"], db.name),
        ) if c["source_id"] else None
    problems = await _rows(
        db, "select * from problems where claim_id = :id order by id", {"id": claim_id}
    )
    build = (await _rows(db, "select * from factbase_build", {}))[:1]
    context = {
        "claim": claim,
        "subject": subject,
        "value_entity": value_entity_row,
        "citations": citations,
        "problems": problems,
        "build": build[0] if build else {},
        "database": db.name,
        "row_url": datasette.urls.row(db.name, "claims", claim_id),
        "entity_url": lambda entity_id: datasette.urls.row(db.name, "entities", entity_id),
        "problems_url": datasette.urls.table(db.name, "problems"),
    }
    html = await datasette.render_template("factbase_claim.html", context, request=request)
    return Response.html(html)


async def source_page(datasette: Any, request: Any) -> Response:
    db = await factbase_database(datasette, request)
    await _check_view(datasette, request, db, "sources")
    source_id = request.url_vars["source_id"]
    found = await _rows(db, "select * from sources where id = :id", {"id": source_id})
    if not found:
        raise NotFound(f"No source {source_id!r}")
    source = found[0]
    source["authors"] = _loads(source["authors"], [])
    source["link"] = safe_url(source.get("url"))
    citations = await _rows(
        db,
        "select citations.id, citations.claim_id, citations.start, citations.end, "
        "citations.status, claims.statement from citations join claims on "
        "claims.id = citations.claim_id where source_id = :id and start is not null "
        "and end is not null order by start, end desc, citations.id",
        {"id": source_id},
    )
    text = source["text"] or ""
    spans = [
        Span(
            c["start"], c["end"],
            ("fb-cited", f"fb-status-{c['status']}"),
            (("data-claims", c["claim_id"]),),
            ((claim_url(datasette, c["claim_id"], db.name), c["claim_id"]),),
        )
        for c in citations
    ]
    context = {
        "source": source,
        "citations": citations,
        "html": layered(text, spans),
        "claim_url": lambda claim_id: claim_url(datasette, claim_id, db.name),
        "row_url": datasette.urls.row(db.name, "sources", source_id),
        "database": db.name,
    }
    html = await datasette.render_template("factbase_source.html", context, request=request)
    return Response.html(html)


async def original_page(datasette: Any, request: Any) -> Response:
    """The stored original of a source (a web page, snapshot or PDF)."""
    db = await factbase_database(datasette, request)
    await _check_view(datasette, request, db, "originals")
    return await original_of(db, request.url_vars["source_id"])


async def page_image_page(datasette: Any, request: Any) -> Response:
    """A PDF source's page, rendered as PNG."""
    db = await factbase_database(datasette, request)
    await _check_view(datasette, request, db, "originals")
    number = int(request.url_vars["number"])
    if not 1 <= number <= 100_000:
        raise NotFound("No such page")
    return await page_image(db, request.url_vars["source_id"], number)
