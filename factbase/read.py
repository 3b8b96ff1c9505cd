"""Read a published database back, typed: :func:`open_db`.

What Datasette serves, as the result types that ``factbase.check`` returns: claims as
:class:`~factbase.results.ClaimResult` (with their citations, evidence and problems),
problems as :class:`~factbase.problems.Problem`, entities as models. Tables are read by the
names :mod:`factbase.db.shape` declares, through sqlite-utils, read-only.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.request import pathname2url

from sqlite_utils import Database

from .db.shape import TABLE
from .model import Entity, Role
from .problems import Problem
from .results import STATUSES, CitationResult, ClaimResult, Evidence

__all__ = ["BuildInfo", "FactbaseDB", "PublishedSource", "open_db"]

# Claims are read this many at a time, with their citations and problems.
BATCH = 500

_EVIDENCE_FIELDS = {f.name for f in dataclasses.fields(Evidence)}


@dataclass(frozen=True)
class PublishedSource:
    """A source as published: its declaration, what the check read, and its coverage."""

    id: str
    title: str | None
    publisher: str | None
    authors: list[str]
    published: str | None
    url: str | None
    path: str | None
    sha256: str | None
    """SHA-256 of the text as read (null when it could not be read)."""
    pinned_sha256: str | None
    currency: str | None
    changed: bool
    """Whether the source no longer matches its pinned sha256."""
    length: int | None
    """Length of the text in code points."""
    mentions: int
    """Number of typed mentions in the text."""
    coverage: float | None
    """Share of typed mentions that some claim's cited span covers."""
    text: str | None = None
    """The text, when asked for (`source(id)`, or `sources(text=True)`)."""


@dataclass(frozen=True)
class BuildInfo:
    """The build that wrote the database: its version, inputs and counts."""

    factbase_version: str
    facts_hash: str
    title: str | None
    ok: bool
    counts: dict[str, int]
    """Claims, citations, sources, entities, mentions, errors, warnings, and claims by
    status."""


class FactbaseDB:
    """A published factbase database, open read-only. Use `open_db` to open one; close it
    with `close()` or a `with` block."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"{self.path}: no such database")
        uri = f"file:{pathname2url(str(self.path.resolve()))}?mode=ro"
        conn = sqlite3.connect(uri, uri=True)
        self.db = Database(conn)
        try:
            tables = set(self.db.table_names())
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise ValueError(f"{self.path}: not a SQLite database ({exc})") from None
        missing = {"factbase_build", "claims", "citations", "problems", "sources"} - tables
        if missing:
            conn.close()
            raise ValueError(f"{self.path}: not a factbase database (no table "
                             f"{', '.join(sorted(missing))})")

    # -- claims

    def claims(self, *, status: str | Iterable[str] | None = None,
               subject: str | Iterable[str] | None = None, tag: str | None = None,
               value_type: str | Iterable[str] | None = None,
               source: str | None = None) -> list[ClaimResult]:
        """The claims that match every filter given, by id, each with its citations (and
        their evidence) and problems.

        Args:
            status: A status or several (`"contradicted"`, `("unsupported", "unanchored")`).
            subject: The id of the entity the claims are about, or several.
            tag: A tag the claims carry.
            value_type: `date`, `money`, `quantity`, `person`, `entity`, `quote` or
                `invalid`, or several.
            source: The id of a source the claims cite.

        Raises:
            ValueError: `status` names no status.
        """
        where: list[str] = []
        params: list[Any] = []
        statuses = _values(status)
        if statuses is not None:
            unknown = sorted(set(statuses) - set(STATUSES))
            if unknown:
                raise ValueError(f"unknown status {', '.join(map(repr, unknown))}; expected "
                                 f"one of {', '.join(STATUSES)}")
        for column, wanted in (("status", statuses), ("subject_id", _values(subject)),
                               ("value_type", _values(value_type))):
            if wanted is not None:
                where.append(f"[{column}] IN ({', '.join('?' * len(wanted))})")
                params.extend(wanted)
        if tag is not None:
            where.append("EXISTS (SELECT 1 FROM json_each(claims.tags) WHERE json_each.value = ?)")
            params.append(tag)
        if source is not None:
            where.append("EXISTS (SELECT 1 FROM citations WHERE citations.claim_id = claims.id "
                         "AND citations.source_id = ?)")
            params.append(source)
        sql = f"SELECT * FROM [{TABLE['claims'].name}]"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        return list(self._with_details(self.db.query(sql, params)))

    def claim(self, claim_id: str) -> ClaimResult:
        """One claim with its citations (and their evidence) and problems.

        Raises:
            KeyError: no claim has this id.
        """
        rows = list(self.db.query(f"SELECT * FROM [{TABLE['claims'].name}] WHERE id = ?",
                                  [claim_id]))
        if not rows:
            raise KeyError(claim_id)
        return next(self._with_details(rows))

    def _with_details(self, rows: Iterable[dict[str, Any]]) -> Iterator[ClaimResult]:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                yield from self._claims(batch)
                batch = []
        if batch:
            yield from self._claims(batch)

    def _claims(self, rows: list[dict[str, Any]]) -> list[ClaimResult]:
        ids = [row["id"] for row in rows]
        marks = ", ".join("?" * len(ids))
        citations: dict[str, list[CitationResult]] = {}
        by_id: dict[str, CitationResult] = {}
        for row in self.db.query(f"SELECT * FROM [{TABLE['citations'].name}] WHERE claim_id IN "
                                 f"({marks}) ORDER BY claim_id, number", ids):
            citation = _citation(row)
            citations.setdefault(row["claim_id"], []).append(citation)
            by_id[row["id"]] = citation
        own: dict[str, list[Problem]] = {}
        for row in self.db.query(f"SELECT * FROM [{TABLE['problems'].name}] WHERE claim_id IN "
                                 f"({marks}) ORDER BY id", ids):
            found = _problem(row)
            cited = by_id.get(row["citation_id"] or "")
            if cited is not None:
                cited.problems.append(found)
            else:
                own.setdefault(row["claim_id"], []).append(found)
        return [_claim(row, citations.get(row["id"], []), own.get(row["id"], [])) for row in rows]

    # -- the rest

    def problems(self, *, code: str | Iterable[str] | None = None,
                 severity: str | None = None, claim: str | None = None,
                 source: str | None = None) -> list[Problem]:
        """The problems the check reported, in the database's order, filtered by code(s),
        severity (`"error"` or `"warning"`), claim id or source id."""
        where: list[str] = []
        params: list[Any] = []
        for column, wanted in (("code", _values(code)), ("severity", _values(severity)),
                               ("claim_id", _values(claim)), ("source_id", _values(source))):
            if wanted is not None:
                where.append(f"[{column}] IN ({', '.join('?' * len(wanted))})")
                params.extend(wanted)
        sql = f"SELECT * FROM [{TABLE['problems'].name}]"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_problem(row) for row in self.db.query(sql + " ORDER BY id", params)]

    def sources(self, *, text: bool = False) -> list[PublishedSource]:
        """Every source, by id; with `text`, each with its full text."""
        columns = "*" if text else "id, title, publisher, authors, published, url, path, " \
            "sha256, pinned_sha256, currency, changed, length, mentions, coverage"
        return [_source(row) for row in self.db.query(
            f"SELECT {columns} FROM [{TABLE['sources'].name}] ORDER BY id")]

    def source(self, source_id: str) -> PublishedSource:
        """One source, with its text.

        Raises:
            KeyError: no source has this id.
        """
        rows = list(self.db.query(f"SELECT * FROM [{TABLE['sources'].name}] WHERE id = ?",
                                  [source_id]))
        if not rows:
            raise KeyError(source_id)
        return _source(rows[0])

    def entities(self) -> list[Entity]:
        """Every entity, by id, with its aliases and roles, as models."""
        aliases: dict[str, list[str]] = {}
        for row in self.db.query(f"SELECT * FROM [{TABLE['aliases'].name}] ORDER BY entity_id, alias"):
            aliases.setdefault(row["entity_id"], []).append(row["alias"])
        roles: dict[str, list[Role]] = {}
        for row in self.db.query(f"SELECT * FROM [{TABLE['roles'].name}] ORDER BY entity_id, title"):
            roles.setdefault(row["entity_id"], []).append(
                Role(title=row["title"], aliases=json.loads(row["aliases"] or "[]")))
        return [Entity(id=row["id"], name=row["name"], kind=row["kind"],
                       description=row["description"], url=row["url"],
                       aliases=aliases.get(row["id"], []), roles=roles.get(row["id"], []))
                for row in self.db.query(f"SELECT * FROM [{TABLE['entities'].name}] ORDER BY id")]

    @property
    def info(self) -> BuildInfo:
        """The build that wrote the database."""
        row = next(iter(self.db.query(f"SELECT * FROM [{TABLE['factbase_build'].name}]")))
        fixed = {"id", "factbase_version", "facts_hash", "title", "description", "license",
                 "license_url", "ok"}
        counts = {k: int(v) for k, v in row.items() if k not in fixed and isinstance(v, int)}
        return BuildInfo(row["factbase_version"], row["facts_hash"], row["title"],
                         bool(row["ok"]), counts)

    def close(self) -> None:
        """Close the database."""
        self.db.conn.close()

    def __enter__(self) -> FactbaseDB:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<FactbaseDB {str(self.path)!r}>"


def open_db(path: str | os.PathLike[str]) -> FactbaseDB:
    """Open a database that `factbase build` or `factbase.publish` wrote, read-only, for
    typed, filtered access without SQL.

    Raises:
        FileNotFoundError: there is no file at `path`.
        ValueError: the file is not a factbase database.

    Example:
        ```python
        with factbase.open_db("factbase.db") as db:
            failing = db.claims(status=("contradicted", "unsupported"))
            fund = db.claim("comfort-women-fund")
            assert fund.citations[0].evidence[0].text == "$9 million"
        ```
    """
    return FactbaseDB(path)


# ---------------------------------------------------------------------------- rows


def _values(given: str | Iterable[str] | None) -> Sequence[str] | None:
    if given is None:
        return None
    return [given] if isinstance(given, str) else list(given)


def _claim(row: dict[str, Any], citations: list[CitationResult],
           problems: list[Problem]) -> ClaimResult:
    return ClaimResult(
        id=row["id"], statement=row["statement"], status=row["status"],
        value_type=row["value_type"], value=json.loads(row["value_json"] or "{}"),
        display=row["value"] or "", subject=row["subject_id"], predicate=row["predicate"],
        tags=json.loads(row["tags"] or "[]"), file=row["file"], line=row["line"],
        citations=citations, problems=problems)


def _citation(row: dict[str, Any]) -> CitationResult:
    evidence = [Evidence(**{k: v for k, v in e.items() if k in _EVIDENCE_FIELDS})
                for e in json.loads(row["evidence"] or "[]")]
    return CitationResult(
        index=row["number"], claim_id=row["claim_id"], source=row["source_id"] or "",
        quote=row["quote"], start=row["start"], end=row["end"], anchor=row["anchor"],
        score=row["score"], supports=bool(row["supports"]), status=row["status"],
        evidence=evidence)


def _problem(row: dict[str, Any]) -> Problem:
    return Problem(code=row["code"], severity=row["severity"], message=row["message"],
                   file=row["file"], line=row["line"], column=row["column"],
                   claim_id=row["claim_id"], citation_id=row["citation_id"],
                   source_id=row["source_id"], start=row["start"], end=row["end"])


def _source(row: dict[str, Any]) -> PublishedSource:
    return PublishedSource(
        id=row["id"], title=row["title"], publisher=row["publisher"],
        authors=json.loads(row["authors"] or "[]"), published=row["published"], url=row["url"],
        path=row["path"], sha256=row["sha256"], pinned_sha256=row["pinned_sha256"],
        currency=row["currency"], changed=bool(row["changed"]), length=row["length"],
        mentions=row["mentions"] or 0, coverage=row["coverage"], text=row.get("text"))
