"""Datasette configuration for a published database, and the command that serves it.

``factbase build`` writes ``<name>.metadata.json`` (Datasette 0.65) next to ``<name>.db``; with
``--datasette-config 1.0`` it writes the 1.0 split instead, ``<name>.metadata.yml`` (what the
data is: titles, descriptions, license, attribution) and ``<name>.datasette.yml`` (how it is
served: facets, sort orders, search, canned queries, permissions, settings). Both are made
from one description, ``datasette_metadata``, which reads the database and ``factbase.db.shape``.
"""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Literal

import yaml

from .db.shape import FIRST_DAY_SQL, FTS, LAST_DAY_SQL, SPAN_SQL, TABLES, VIEWS

ConfigVersion = Literal["0.65", "1.0"]
CONFIG_VERSIONS: tuple[str, ...] = ("0.65", "1.0")
PUBLIC_SQL_TIME_LIMIT_MS = 1000
# Above this many rows a table's array facets (a json_each over every row) and Datasette's
# facet suggestions cost hundreds of milliseconds per page, so they become opt-in
# (?_facet_array=tags) instead of default. Documented in docs/datasette.md.
LARGE_TABLE_ROWS = 10_000

# Keys that describe the data (1.0's metadata.yml); everything else configures the server
# (1.0's datasette.yml).
METADATA_KEYS = {"title", "description", "description_html", "license", "license_url",
                 "source", "source_url", "about", "about_url", "columns"}

FACETS: dict[str, list[Any]] = {
    "claims": ["status", "value_type", {"array": "tags"}, {"array": "source_ids"}, "subject_id"],
    "citations": ["status", "source_id", "anchor", "supports"],
    "problems": ["severity", "code", "source_id"],
    "mentions": ["kind", "source_id"],
    "entities": ["kind"],
    "failing_claims": ["status"],
    "uncovered_mentions": ["kind", "source_id"],
    "date_timeline": ["status"],
}
# Facets over many distinct values (arrays, and the claims' subjects) that become opt-in above
# LARGE_TABLE_ROWS: each costs a full scan and a grouping on every page of the table.
OPT_IN_WHEN_LARGE: list[Any] = [{"array": "tags"}, {"array": "source_ids"}, "subject_id"]
SORT: dict[str, str] = {"mentions": "id", "problems": "id", "sources": "id", "entities": "name"}

VIEW_DESCRIPTIONS = {
    "claim_evidence": "Each citation of each claim, with the exact span of the source it anchors to.",
    "failing_claims": "Claims that are not verified, with their problem codes.",
    "uncovered_mentions": "Mentions in the sources that no claim covers: dates, amounts, quantities and named officials outside every cited span, and named entities (once per source) that no claim citing the source is about.",
    "date_timeline": "Date claims in order, each as its first and last day.",
}

_CLAIM_COLUMNS = "claims.id as claim_id, claims.statement, claims.status, claims.value"


QUERIES: dict[str, dict[str, str]] = {
    "claims_about_entity": {
        "title": "Claims about an entity",
        "description": "Claims whose subject or value is the entity with this id (such as shinzo-abe).",
        "sql": f"select {_CLAIM_COLUMNS}, claims.predicate, claims.subject_id from claims\n"
               "where claims.subject_id = :entity\n"
               "   or json_extract(claims.value_json, '$.entity') = :entity\n"
               "order by claims.id",
    },
    "claims_citing_source": {
        "title": "Claims citing a source",
        "description": "Every citation of the source with this id, in the order of the text, "
                       "with the span it anchors to.",
        "sql": f"select {_CLAIM_COLUMNS}, citations.id as citation_id, citations.start,\n"
               f"  citations.end, {SPAN_SQL} as span\n"
               "from citations join claims on claims.id = citations.claim_id\n"
               "join sources on sources.id = citations.source_id\n"
               "where citations.source_id = :source\n"
               "order by citations.start, citations.id",
    },
    "claims_by_status": {
        "title": "Claims by status",
        "description": "Claims with this verdict: verified, contradicted, unsupported, "
                       "unanchored, stale or invalid.",
        "sql": "select claims.id as claim_id, claims.statement, claims.value, claims.file, claims.line\n"
               "from claims where claims.status = :status order by claims.id",
    },
    "date_claims_between": {
        "title": "Date claims between two dates",
        "description": "Date claims whose date overlaps the period from `start` to `end` "
                       "(each YYYY, YYYY-MM or YYYY-MM-DD).",
        "sql": "select * from date_timeline\n"
               f"where last_day >= {FIRST_DAY_SQL.format(d=':start')}\n"
               f"  and first_day <= {LAST_DAY_SQL.format(d=':end')}\n"
               "order by first_day, last_day, claim_id",
    },
    "search_with_evidence": {
        "title": "Search claims, with evidence",
        "description": "Full-text search of the claims' statements; each hit comes with the "
                       "spans of the sources its citations anchor to.",
        "sql": f"select {_CLAIM_COLUMNS}, citations.source_id, citations.start, citations.end,\n"
               f"  {SPAN_SQL} as span\n"
               "from claims_fts join claims on claims.rowid = claims_fts.rowid\n"
               "left join citations on citations.claim_id = claims.id\n"
               "left join sources on sources.id = citations.source_id\n"
               "where claims_fts match escape_fts(:q)\n"
               "order by claims_fts.rank, claims.id, citations.number",
    },
}

def config_paths(db_path: Path, version: str) -> list[Path]:
    stem = db_path.with_suffix("")
    if version == "1.0":
        return [Path(f"{stem}.metadata.yml"), Path(f"{stem}.datasette.yml")]
    return [Path(f"{stem}.metadata.json")]


def _build_row(db_path: Path) -> dict[str, Any]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro&immutable=1", uri=True)
    try:
        conn.row_factory = sqlite3.Row
        build = conn.execute("select * from factbase_build").fetchone()
        sources = conn.execute(
            "select id, title, publisher, url from sources order by id"
        ).fetchall()
        counts = {name: conn.execute(f"select count(*) from [{name}]").fetchone()[0]
                  for name in FACETS if name not in VIEWS}
    finally:
        conn.close()
    row = dict(build) if build else {}
    row["_sources"] = [dict(s) for s in sources]
    row["_counts"] = counts
    return row


def safe_url(url: Any) -> str | None:
    """``url`` when it is http(s); None for javascript:, data: and anything else that a link
    must not open. Datasette turns metadata URLs into links, and so does the plugin."""
    if not isinstance(url, str):
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _attribution(sources: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    names = []
    for s in sources:
        parts = [p for p in (s["publisher"], s["title"]) if p]
        names.append(": ".join(parts) if parts else s["id"])
    if not names:
        return None, None
    urls = [s["url"] for s in sources if safe_url(s["url"])]
    return plain("; ".join(names)), urls[0] if len(sources) == 1 and urls else None


# Embeddings, overrides, isolates and marks: invisible, and they reorder the text after them.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                                       "\u200e\u200f\u061c"))


def plain(text: Any) -> Any:
    """``text`` without bidi controls. Datasette shows metadata strings in its own header and
    footer, where nothing isolates them, so they would reorder the page around them."""
    return text.translate(BIDI_CONTROLS) if isinstance(text, str) else text


def datasette_metadata(db_path: str | Path, *, public: bool = False) -> dict[str, Any]:
    """The whole Datasette description of a factbase database, in 0.65's metadata form."""
    db_path = Path(db_path)
    build = _build_row(db_path)
    title = plain(build.get("title")) or "factbase"
    source, source_url = _attribution(build["_sources"])
    common: dict[str, Any] = {
        "license": plain(build.get("license")),
        "license_url": safe_url(build.get("license_url")),
        "source": source,
        "source_url": source_url,
    }
    common = {k: v for k, v in common.items() if v}
    tables: dict[str, Any] = {}
    for table in TABLES:
        entry: dict[str, Any] = {
            "description": table.description,
            "columns": {c.name: c.description for c in table.columns},
            **common,
        }
        if table.label_column:
            entry["label_column"] = table.label_column
        if table.name in FACETS:
            large = build["_counts"].get(table.name, 0) > LARGE_TABLE_ROWS
            entry["facets"] = [f for f in FACETS[table.name] if not (large and f in OPT_IN_WHEN_LARGE)]
        if table.name in SORT:
            entry["sort"] = SORT[table.name]
        if table.name in FTS:
            entry["fts_table"] = f"{table.name}_fts"
            entry["fts_pk"] = "rowid"
            entry["searchmode"] = "escaped"
        tables[table.name] = entry
    for view in VIEWS:
        entry = {"description": VIEW_DESCRIPTIONS[view], **common}
        if view in FACETS:
            entry["facets"] = FACETS[view]
        tables[view] = entry
    database: dict[str, Any] = {
        "title": title,
        "description": plain(build.get("description")) or "Claims checked against the exact spans of their sources.",
        **common,
        "tables": tables,
        "queries": {name: dict(q) for name, q in QUERIES.items()},
    }
    metadata: dict[str, Any] = {
        "title": title,
        "description": database["description"],
        **common,
        "about": f"Built with factbase {build.get('factbase_version', '')}".strip(),
        "databases": {db_path.stem: database},
    }
    if public:
        metadata["allow_sql"] = False
    return metadata


def split_for_1_0(metadata: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Datasette 1.0's (metadata.yml, datasette.yml) from one 0.65 metadata description."""

    def split(node: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        meta = {k: v for k, v in node.items() if k in METADATA_KEYS}
        config = {k: v for k, v in node.items() if k not in METADATA_KEYS and k not in ("databases", "tables")}
        return meta, config

    meta, config = split(metadata)
    for name, database in metadata.get("databases", {}).items():
        db_meta, db_config = split(database)
        for table_name, table in database.get("tables", {}).items():
            t_meta, t_config = split(table)
            if t_meta:
                db_meta.setdefault("tables", {})[table_name] = t_meta
            if t_config:
                db_config.setdefault("tables", {})[table_name] = t_config
        meta.setdefault("databases", {})[name] = db_meta
        config.setdefault("databases", {})[name] = db_config
    return meta, config


def write_config(db_path: str | Path, *, version: str = "0.65") -> list[Path]:
    """Write the Datasette configuration next to ``db_path``; returns the files written."""
    if version not in CONFIG_VERSIONS:
        raise ValueError(f"unknown Datasette config version {version!r}")
    db_path = Path(db_path)
    metadata = datasette_metadata(db_path)
    paths = config_paths(db_path, version)
    if version == "1.0":
        meta, config = split_for_1_0(metadata)
        settings = datasette_settings(db_path)
        if settings:
            config["settings"] = settings
        texts = [yaml.safe_dump(meta, sort_keys=False, allow_unicode=True),
                 yaml.safe_dump(config, sort_keys=False, allow_unicode=True)]
    else:
        texts = [json.dumps(metadata, indent=2, ensure_ascii=False) + "\n"]
    for path, text in zip(paths, texts, strict=True):
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return paths


def datasette_settings(db_path: str | Path, *, public: bool = False) -> dict[str, Any]:
    """Datasette settings for the database: a query time limit when public; no facet
    suggestions on large tables."""
    settings: dict[str, Any] = {}
    if public:
        settings["sql_time_limit_ms"] = PUBLIC_SQL_TIME_LIMIT_MS
    if max(_build_row(Path(db_path))["_counts"].values(), default=0) > LARGE_TABLE_ROWS:
        settings["suggest_facets"] = False
    return settings


def datasette_args(db_path: str | Path, *, host: str = "127.0.0.1", port: int = 8001,
                   public: bool = False, metadata_path: Path | None = None,
                   settings: dict[str, Any] | None = None) -> list[str]:
    """Arguments of ``datasette serve`` for a factbase database (immutable, with metadata).

    ``settings`` defaults to ``datasette_settings(db_path, public=public)``.
    """
    args = ["serve", "-i", str(db_path), "--host", host, "--port", str(port)]
    if metadata_path is not None:
        args += ["-m", str(metadata_path)]
    if settings is None:
        settings = datasette_settings(db_path, public=public)
    for name, value in settings.items():
        text = ("on" if value else "off") if isinstance(value, bool) else str(value)
        args += ["--setting", name, text]
    return args


def serve(db_path: str | Path, *, host: str = "127.0.0.1", port: int = 8001,
          public: bool = False) -> int:
    """Run Datasette on ``db_path`` until it stops; returns its exit status.

    The metadata is regenerated from the database when missing; with ``public`` arbitrary
    SQL is turned off (canned queries stay) and queries get a time limit.
    """
    db_path = Path(db_path)
    metadata_path = config_paths(db_path, "0.65")[0]
    with tempfile.TemporaryDirectory(prefix="factbase-serve-") as folder:
        if public or not metadata_path.exists():
            if metadata_path.exists():
                metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
            else:
                metadata = datasette_metadata(db_path)
            if public:
                metadata["allow_sql"] = False
            metadata_path = Path(folder) / "metadata.json"
            metadata_path.write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        args = datasette_args(db_path, host=host, port=port, public=public, metadata_path=metadata_path)
        return _run([sys.executable, "-m", "datasette", *args])


def _run(command: list[str]) -> int:
    """Run Datasette as a child; stopping factbase (Ctrl-C or SIGTERM) stops it too."""
    process = subprocess.Popen(command)

    def forward(signum: int, frame: object) -> None:
        process.send_signal(signum)

    try:
        previous = signal.signal(signal.SIGTERM, forward)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        return process.wait()
    except KeyboardInterrupt:  # the terminal sent SIGINT to Datasette as well
        return 0 if process.wait() in (0, -signal.SIGINT) else 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if process.poll() is None:
            process.terminate()
            process.wait()


def queries_markdown() -> str:
    """The canned queries, for docs/datasette.md."""
    out: list[str] = []
    for name, q in QUERIES.items():
        params = sorted(set(re.findall(r":(\w+)", q["sql"])))
        example = "&".join(f"{p}=…" for p in params)
        out.append(f"### {q['title']}\n\n{q['description']}\n\n"
                   f"`/factbase/{name}?{example}` — parameters: "
                   + ", ".join(f"`{p}`" for p in params)
                   + f"\n\n```sql\n{q['sql']}\n```\n")
    return "\n".join(out)
