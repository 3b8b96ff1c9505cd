"""factbase's Datasette plugin: claim and source pages, status badges, quotes in context.

Registered through the ``datasette`` entry point in pyproject.toml, so any Datasette that runs
in factbase's environment loads it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar, cast

from datasette import Response
from datasette import hookimpl as _hookimpl
from markupsafe import Markup

from ..results import STATUSES
from ..serve import BIDI_CONTROLS
from .highlight import in_context
from .pages import PREFIX, claim_page, claim_url, original_page, page_image_page, source_page

CSS = "factbase.css"
CITATION_CONTEXT = 80
# Tables and views of a factbase database whose cells the plugin renders.
STATUS_TABLES = {"claims", "citations", "failing_claims", "claim_evidence", "date_timeline"}
CLAIM_ID_TABLES = {"failing_claims", "claim_evidence", "date_timeline", "uncovered_mentions"}
RENDERED_TABLES = STATUS_TABLES | CLAIM_ID_TABLES


F = TypeVar("F", bound=Callable[..., Any])


def hookimpl(function: F) -> F:
    return cast(F, _hookimpl(function))


def badge(status: str) -> Markup:
    return Markup('<span class="fb-badge fb-status-{0}">{0}</span>').format(status)


def bdi(value: Any) -> Markup:
    """``value`` escaped inside ``<bdi>``: bidi controls in it (U+202E and friends) cannot
    reorder the text around it."""
    return Markup("<bdi>{}</bdi>").format("" if value is None else value)


def nobidi(value: Any) -> str:
    """``value`` without bidi controls, for places that cannot hold markup (``<title>``)."""
    return "" if value is None else str(value).translate(BIDI_CONTROLS)


@hookimpl
def prepare_jinja2_environment(env: Any, datasette: Any) -> None:
    env.filters["bdi"] = bdi
    env.filters["nobidi"] = nobidi


async def _stylesheet(request: Any) -> Response:
    css = (resources.files(__package__) / "static" / CSS).read_text(encoding="utf-8")
    return Response(css, content_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [
        (rf"^{PREFIX}/claims/(?P<claim_id>[^/]+)$", claim_page),
        (rf"^{PREFIX}/sources/(?P<source_id>[^/]+)$", source_page),
        (rf"^{PREFIX}/sources/(?P<source_id>[^/]+)/original$", original_page),
        (rf"^{PREFIX}/sources/(?P<source_id>[^/]+)/pages/(?P<number>[0-9]{{1,6}})\.png$",
         page_image_page),
        (rf"^{PREFIX}/static/{CSS}$", _stylesheet),
    ]


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [str(datasette.urls.path(f"{PREFIX}/static/{CSS}"))]


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Any:
    if table is None or not isinstance(value, str) or table not in RENDERED_TABLES:
        return None
    known = _factbase_databases(datasette).get(database)
    if known is False:
        return None  # another database that happens to have a table of the same name
    if known is True:
        return _render(row, value, column, table, database, datasette)

    async def first_look() -> Any:
        db = datasette.databases.get(database)
        found = db is not None and await db.table_exists("factbase_build")
        _factbase_databases(datasette)[database] = found
        if not found:
            return None
        rendered = _render(row, value, column, table, database, datasette)
        return await rendered if inspect.isawaitable(rendered) else rendered

    return first_look()


def _factbase_databases(datasette: Any) -> dict[str, bool]:
    """Which of this Datasette's databases are factbase's (they have a factbase_build table)."""
    found: dict[str, bool] = datasette.__dict__.setdefault("_factbase_databases", {})
    return found


def _render(row: Any, value: str, column: str, table: str, database: str, datasette: Any) -> Any:
    if table in STATUS_TABLES and (column == "status" or column.endswith("_status")) and value in STATUSES:
        return badge(value)
    if column == "claim_id" and table in CLAIM_ID_TABLES:
        return Markup('<a href="{}">{}</a>').format(claim_url(datasette, value, database), value)
    if table == "claims" and column == "statement" and _has(row, "id"):
        return Markup('<bdi>{}</bdi> <a class="fb-context" href="{}">in context</a>').format(
            value, claim_url(datasette, _raw(row["id"]), database)
        )
    if table == "citations" and column == "quote" and _has(row, "source_id", "start", "end"):
        return _quote_in_context(row, datasette, database)
    return None


def _has(row: Any, *columns: str) -> bool:
    keys = row.keys() if hasattr(row, "keys") else ()
    return all(c in keys for c in columns)


def _raw(value: Any) -> Any:
    """A cell's value; Datasette expands foreign keys to {"value": ..., "label": ...}."""
    return value.get("value") if isinstance(value, dict) else value


def _quote_in_context(row: Any, datasette: Any, database: str) -> Any:
    source_id, start, end = _raw(row["source_id"]), _raw(row["start"]), _raw(row["end"])
    if source_id is None or not isinstance(start, int) or not isinstance(end, int):
        return None

    async def inner() -> Markup | None:
        db = datasette.get_database(database)
        lo = max(0, start - CITATION_CONTEXT)
        result = await db.execute(
            "select substr(text, :lo + 1, :hi - :lo) as piece, length(text) as n "
            "from sources where id = :id",
            {"lo": lo, "hi": end + CITATION_CONTEXT, "id": source_id},
        )
        first = result.first()
        if first is None or first["piece"] is None:
            return None
        html = in_context(first["piece"], start, end, context=CITATION_CONTEXT, offset=lo,
                          total=first["n"])
        return Markup('<span class="fb-quote">{}</span>').format(html)

    return inner()

