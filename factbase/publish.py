"""Publish a Report as a SQLite database that Datasette serves.

The build is atomic and deterministic: rows are sorted by their keys and numbered in that
order, nothing records the wall clock, the page size and journal mode are fixed, and the file
is written under a temporary name in the destination's folder, synced and then moved
into place with ``os.replace``. The same inputs give a byte-identical file.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import operator
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

try:
    import fcntl
except ImportError:  # not POSIX: builds are not serialized
    fcntl = None  # type: ignore[assignment]

from . import __version__
from .dbshape import PAGE_SIZE, TABLES, Table, create_tables, ensure_db_shape
from .loader import without_gc
from .problems import FactsError, problem
from .results import STATUSES
from .values import Money, Quantity

if TYPE_CHECKING:
    from .results import ClaimResult, Evidence, Report

Row = dict[str, Any]


class PublishError(FactsError):
    """The database could not be written; ``problems`` holds one ``output-error``."""


@dataclass(frozen=True)
class PublishResult:
    path: Path
    facts_hash: str
    counts: dict[str, int]
    size: int
    config_files: list[Path] = field(default_factory=list)


# One encoder for every value: ``json.dumps`` with options builds a new one per call, which
# was a fifth of a build's time.
_ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode


# What that encoder does with a string (ensure_ascii off), without the method call around it.
_STRING: Callable[[str], str] = encode_basestring


def to_json(value: Any) -> str:
    """Compact JSON with sorted keys, so equal values give equal text."""
    return _ENCODE(value)


def _evidence_json(evidence: list[Evidence], values: dict[Any, str]) -> str:
    """``to_json([e.to_dict() for e in evidence])``, written out directly: it is one per
    citation, and each mention value is encoded once (``values`` remembers them)."""
    if not evidence:
        return "[]"
    parts = []
    for e in evidence:
        key = tuple(e.value.items())
        value = values.get(key)
        if value is None:
            value = values[key] = _ENCODE(e.value)
        # The keys of Evidence.to_dict, sorted.
        parts.append(f'{{"display":{_STRING(e.display)},"end":{int(e.end)},"kind":{_STRING(e.kind)},'
                     f'"matches":{"true" if e.matches else "false"},"start":{int(e.start)},'
                     f'"text":{_STRING(e.text)},"value":{value}}}')
    return f"[{','.join(parts)}]"


@without_gc
def publish(report: Report, path: str | os.PathLike[str], *, metadata: bool = True,
            datasette_config: str = "0.65") -> PublishResult:
    """Write ``report`` to the SQLite database at ``path``, atomically.

    With ``metadata`` the Datasette configuration is written next to the database (see
    ``factbase.serve.write_config``; ``datasette_config`` is "0.65" or "1.0").
    """
    dest = Path(path)
    rows = database_rows(report)
    config_files: list[Path] = []
    try:
        # Two builds into one destination take turns: the lock covers the database and its
        # Datasette configuration, so the pair always comes from one build.
        with build_lock(dest):
            write_rows(dest, rows)
            if metadata:
                from .serve import write_config

                config_files = write_config(dest, version=datasette_config)
    except (OSError, sqlite3.Error) as exc:
        raise PublishError([problem("output-error", path=str(dest), reason=str(exc))]) from exc
    counts = {name: len(table_rows) for name, table_rows in rows.items()}
    build = rows["factbase_build"][0]
    return PublishResult(dest, build["facts_hash"], counts, dest.stat().st_size, config_files)


# ---------------------------------------------------------------------------- the file


def lock_path(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.lock")


@contextlib.contextmanager
def build_lock(dest: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``.NAME.lock`` next to ``dest`` (waiting for it).

    The lock file stays: deleting it would let a waiting build lock a file that a new build
    no longer sees. The kernel drops the lock when its holder dies, even by SIGKILL. While it
    is held no other build writes here, so temporary files of this destination that are left
    over belong to a killed build and are removed.
    """
    folder = dest.parent if str(dest.parent) else Path(".")
    fd = os.open(lock_path(dest), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        for stale in folder.glob(f".{glob.escape(dest.name)}.*.tmp*"):  # and SQLite's -journal
            with contextlib.suppress(OSError):
                stale.unlink()
        yield
    finally:
        os.close(fd)


def write_rows(dest: Path, rows: dict[str, list[Row]]) -> None:
    """Write ``rows`` (table name -> rows, as ``database_rows`` gives them) to ``dest``,
    atomically, in the declared shape."""
    folder = dest.parent if str(dest.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _build(tmp, rows)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
        _fsync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _build(tmp: Path, rows: dict[str, list[Row]]) -> None:
    conn = sqlite3.connect(tmp)
    try:
        # Both must be set before the first table exists; WAL would leave a -wal file and a
        # header that depends on checkpoints, so the rollback journal it is.
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode = DELETE")
        db = Database(conn)
        with db.atomic():
            create_tables(db)
            for table in TABLES:
                _insert(conn, table, rows[table.name])
            ensure_db_shape(db)
        # No VACUUM: the file is new and nothing was deleted, so it has no free pages to
        # reclaim (measured: the same size with and without), and the same statements in the
        # same order give the same bytes. It cost a fifth of the build.
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        conn.close()


def _insert(conn: sqlite3.Connection, table: Table, rows: list[Row]) -> None:
    """Insert ``rows`` into a table that ``create_tables`` made, in order, in one statement
    per table (sqlite-utils' ``insert_all`` spent as long on its own bookkeeping as SQLite
    did on the rows); a column a row leaves out is NULL."""
    if not rows:
        return
    names = table.column_names
    columns = ", ".join(f"[{n}]" for n in names)
    sql = f"INSERT INTO [{table.name}] ({columns}) VALUES ({', '.join('?' * len(names))})"
    try:
        # All tuples first, so that a row with a column left out fails before any insert.
        params: list[tuple[Any, ...]] = list(map(operator.itemgetter(*names), rows))
    except KeyError:
        params = [tuple(row.get(n) for n in names) for row in rows]
    conn.executemany(sql, params)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------- rows


def _key(*parts: Any) -> tuple[Any, ...]:
    """A sort key that puts None first and never compares None with a value."""
    return tuple((p is not None, p if p is not None else 0) for p in parts)


def _unique(rows: Iterable[Row], *key: str) -> list[Row]:
    """Rows sorted by ``key``; a repeated key keeps its first row (the check reports it)."""
    seen: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        seen.setdefault(tuple(row[k] for k in key), row)
    return [seen[k] for k in sorted(seen, key=lambda k: _key(*k))]


def _relative(file: str | None, root: Path) -> str | None:
    """A facts file path relative to the project root, so the database does not depend on
    where the project sits or where the command ran."""
    if file is None:
        return None
    absolute = Path(os.path.abspath(file))
    try:
        return absolute.relative_to(Path(os.path.abspath(root))).as_posix()
    except ValueError:
        return file


def _relative_memo(root: Path) -> Callable[[str | None], str | None]:
    """``_relative`` under one root, each file worked out once: a base has a few facts
    files and a row for every claim and problem."""
    memo: dict[str | None, str | None] = {}

    def relative(file: str | None) -> str | None:
        try:
            return memo[file]
        except KeyError:
            found = memo[file] = _relative(file, root)
            return found

    return relative


def facts_hash(report: Report) -> str:
    """SHA-256 over the facts files (relative name and bytes, by name) and the sources
    (id and sha256, by id)."""
    facts = report.facts
    digest = hashlib.sha256()
    files = sorted((_relative(str(f), facts.root) or str(f), Path(f)) for f in facts.files)
    for name, file in files:
        try:
            data = file.read_bytes()
        except OSError:
            data = b""
        digest.update(f"file {name} {len(data)}\n".encode())
        digest.update(data)
    for source in sorted(report.sources, key=lambda s: s.id):
        digest.update(f"source {source.id} {source.sha256 or '-'}\n".encode())
    return digest.hexdigest()


def database_rows(report: Report) -> dict[str, list[Row]]:
    """Every table's rows, sorted and deduplicated by primary key."""
    facts = report.facts
    relative = _relative_memo(facts.root)
    read = {s.id: s for s in report.sources}

    sources = _unique(
        (
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher,
                "authors": to_json(s.authors),
                "published": s.published,
                "url": s.url,
                "path": s.path,
                "sha256": read[s.id].sha256 if s.id in read else None,
                "pinned_sha256": s.sha256,
                "currency": s.currency,
                "changed": int(read[s.id].changed) if s.id in read else 0,
                "length": len(read[s.id].text or "") if s.id in read else None,
                "mentions": len(read[s.id].mentions) if s.id in read else 0,
                "coverage": round(read[s.id].coverage, 6) if s.id in read else None,
                "text": read[s.id].text if s.id in read else None,
            }
            for s in facts.sources
        ),
        "id",
    )
    source_ids = {r["id"] for r in sources}

    entities = _unique(
        ({"id": e.id, "name": e.name, "kind": e.kind, "description": e.description, "url": e.url}
         for e in facts.entities),
        "id",
    )
    entity_ids = {r["id"] for r in entities}
    first_entity = {e.id: e for e in reversed(facts.entities)}
    aliases = _unique(
        ({"entity_id": e.id, "alias": a} for e in first_entity.values() for a in e.aliases),
        "entity_id", "alias",
    )
    roles = _unique(
        ({"entity_id": e.id, "title": r.title, "aliases": to_json(r.aliases)}
         for e in first_entity.values() for r in e.roles),
        "entity_id", "title",
    )

    claim_results: dict[str, ClaimResult] = {}
    for c in report.claims:
        claim_results.setdefault(c.id, c)
    claims: list[Row] = []
    citations: list[Row] = []
    evidence_values: dict[Any, str] = {}
    for c in claim_results.values():
        claims.append({
            "id": c.id,
            "statement": c.statement,
            "subject_id": c.subject if c.subject in entity_ids else None,
            "predicate": c.predicate,
            "value_type": c.value_type,
            "value": c.display,
            "value_json": to_json(c.value),
            "status": c.status,
            "tags": to_json(c.tags) if c.tags else "[]",
            "source_ids": to_json(sorted({x.source for x in c.citations})),
            "citations": len(c.citations),
            "problems": len(c.problems),
            "note": c.claim.note if c.claim is not None else None,
            "file": relative(c.file),
            "line": c.line,
        })
        for cit in c.citations:
            citations.append({
                "id": cit.id,
                "claim_id": c.id,
                "number": cit.index,
                "source_id": cit.source if cit.source in source_ids else None,
                "quote": cit.quote,
                "start": cit.start,
                "end": cit.end,
                "anchor": cit.anchor,
                "score": cit.score,
                "supports": int(cit.supports),
                "status": cit.status,
                "evidence": _evidence_json(cit.evidence, evidence_values),
            })
    claims = _unique(claims, "id")
    citations = _unique(citations, "id")
    claim_ids = {r["id"] for r in claims}
    citation_ids = {r["id"] for r in citations}

    problems: list[Row] = sorted(
        (
            {
                "code": p.code,
                "severity": p.severity,
                "message": p.message,
                "claim_id": p.claim_id if p.claim_id in claim_ids else None,
                "citation_id": p.citation_id if p.citation_id in citation_ids else None,
                "source_id": p.source_id if p.source_id in source_ids else None,
                "file": relative(p.file),
                "line": p.line,
                "column": p.column,
                "start": p.start,
                "end": p.end,
            }
            for p in report.problems
        ),
        key=lambda r: _key(r["file"], r["line"], r["column"], r["code"], r["claim_id"],
                           r["citation_id"], r["source_id"], r["start"], r["message"]),
    )
    for number, row in enumerate(problems, 1):
        row["id"] = number

    # Sources repeat the same dates, amounts and names: each value is written out once.
    value_texts: dict[Any, tuple[str, str]] = {}
    mentions: list[Row] = []
    for s in report.sources:
        if s.id not in source_ids:
            continue
        for index, m in enumerate(s.mentions):
            cover = s.covered_by.get(index)
            covering = sorted(cid for cid in cover if cid in claim_ids) if cover else []
            value = m.value
            # Equal Decimals may print differently (1.0 and 1), so their text is in the key.
            key = (value, str(value.amount), str(value.upper)) if isinstance(value, Money | Quantity) else value
            texts = value_texts.get(key)
            if texts is None:
                texts = value_texts[key] = (str(value), to_json(value.to_dict()))
            mentions.append({
                "source_id": s.id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "kind": m.kind,
                "value": texts[0],
                "value_json": texts[1],
                "claim_id": covering[0] if covering else None,
                "claim_ids": to_json(covering) if covering else "[]",
                "ignored": int(bool(s.ignored) and s.is_ignored(index)),
            })
    # None of these is ever None (see _key).
    mentions.sort(key=operator.itemgetter("source_id", "start", "end", "kind", "text"))
    for number, row in enumerate(mentions, 1):
        row["id"] = number

    by_status: dict[str, int] = {s: 0 for s in STATUSES}
    for claim_row in claims:
        by_status[claim_row["status"]] = by_status.get(claim_row["status"], 0) + 1
    build: Row = {
        "id": 1,
        "factbase_version": __version__,
        "facts_hash": facts_hash(report),
        "title": facts.title,
        "description": facts.description,
        "license": facts.license,
        "license_url": facts.license_url,
        "ok": int(report.ok),
        "claims": len(claims),
        "citations": len(citations),
        "sources": len(sources),
        "entities": len(entities),
        "mentions": len(mentions),
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        **by_status,
    }
    return {
        "sources": sources,
        "entities": entities,
        "aliases": aliases,
        "roles": roles,
        "claims": claims,
        "citations": citations,
        "problems": problems,
        "mentions": mentions,
        "factbase_build": [build],
    }
