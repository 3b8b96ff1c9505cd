"""The shape of the published database, declared once.

Tables, columns, keys, labels, indexes, full-text search and views are data here;
``ensure_db_shape(db)`` applies them idempotently, :mod:`factbase.db.write` fills the tables
and ``factbase.serve`` reads the same declarations to write Datasette's metadata. Columns that
mirror a facts.yaml field take their SQL type and description from the pydantic model, and
columns that hold a result of checking take theirs from the result type's field
(:mod:`factbase.results`), so nothing is described twice.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from typing import Any, Union

from pydantic import BaseModel
from sqlite_utils import Database

from ..model import Citation, Claim, Entity, FactsFile, Role, Source, field_descriptions
from ..results import COVERAGE_DESCRIPTION, CitationResult, ClaimResult, SourceResult

ColumnType = type[str] | type[int] | type[float] | type[bytes]

PAGE_SIZE = 4096


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    pk: str | tuple[str, ...]
    # (column, other table, other column)
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    label_column: str | None = None
    not_null: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _sql_type(annotation: Any) -> ColumnType:
    """The column type that stores a model field: lists and dicts are JSON text."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _sql_type(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        kinds = {_sql_type(a) for a in typing.get_args(annotation) if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else str
    if annotation is bool or annotation is int:
        return int
    if annotation is float:
        return float
    return str


def field(model: type[BaseModel], name: str, column: str | None = None,
          type_: ColumnType | None = None) -> Column:
    """A column that stores the model field ``name`` (by alias), described by the model."""
    info = next(f for key, f in model.model_fields.items() if (f.alias or key) == name)
    return Column(column or name, type_ or _sql_type(info.annotation),
                  field_descriptions(model)[name])


def col(name: str, type_: ColumnType, description: str) -> Column:
    """A column with no field behind it (a number of the build, a key)."""
    return Column(name, type_, description)


def result(cls: type[Any], name: str, column: str | None = None,
           type_: ColumnType | None = None) -> Column:
    """A column that stores the result field ``name`` of ``cls``, described by it."""
    found = next(f for f in dataclasses.fields(cls) if f.name == name)
    kind = type_ or {"bool": int, "int": int, "float": float}.get(
        str(found.type).split(" ")[0].removesuffix("|"), str)
    return Column(column or name, kind, found.metadata["description"])



TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        "The stored documents that claims cite, with their full text.",
        (
            field(Source, "id"),
            field(Source, "title"),
            field(Source, "publisher"),
            field(Source, "authors"),
            field(Source, "published"),
            field(Source, "url"),
            field(Source, "path"),
            result(SourceResult, "sha256"),
            field(Source, "sha256", column="pinned_sha256"),
            field(Source, "currency"),
            result(SourceResult, "changed", type_=int),
            result(SourceResult, "format"),
            result(SourceResult, "text_sha256"),
            field(Source, "text_sha256", column="pinned_text_sha256"),
            col("pages", int, "Number of pages (a PDF); null for formats without pages."),
            col("page_starts", str,
                "Offset in the text where each page starts, as a JSON array; null without pages."),
            col("length", int, "Length of the text in Unicode code points."),
            col("mentions", int, "Number of typed mentions found in the text."),
            col("coverage", float, COVERAGE_DESCRIPTION),
            col("text", str, "The full text; citation offsets are code points into it."),
        ),
        pk="id",
        label_column="title",
    ),
    Table(
        "entities",
        "People, organizations, places, agreements and events that claims are about.",
        (
            field(Entity, "id"),
            field(Entity, "name"),
            field(Entity, "kind"),
            field(Entity, "description"),
            field(Entity, "url"),
        ),
        pk="id",
        label_column="name",
    ),
    Table(
        "aliases",
        "Other names of entities, as the sources use them.",
        (
            col("entity_id", str, "Id of the entity."),
            col("alias", str, field_descriptions(Entity)["aliases"]),
        ),
        pk=("entity_id", "alias"),
        foreign_keys=(("entity_id", "entities", "id"),),
    ),
    Table(
        "roles",
        "Roles that entities hold, as the sources name them.",
        (
            col("entity_id", str, "Id of the entity."),
            field(Role, "title"),
            field(Role, "aliases"),
        ),
        pk=("entity_id", "title"),
        foreign_keys=(("entity_id", "entities", "id"),),
    ),
    Table(
        "claims",
        "Factual claims, each with a typed value and the verdict of checking its citations.",
        (
            field(Claim, "id"),
            field(Claim, "statement"),
            field(Claim, "subject", column="subject_id"),
            field(Claim, "predicate"),
            result(ClaimResult, "value_type"),
            field(Claim, "value", type_=str),
            col("value_json", str, "The typed value as JSON."),
            result(ClaimResult, "status"),
            field(Claim, "tags"),
            col("source_ids", str, "Ids of the cited sources, as a JSON array."),
            col("citations", int, "Number of citations."),
            col("problems", int, "Number of problems reported for the claim."),
            field(Claim, "note"),
            col("file", str, "The facts file that declares the claim."),
            col("line", int, "Line of the claim in that file."),
        ),
        pk="id",
        foreign_keys=(("subject_id", "entities", "id"),),
        label_column="statement",
        not_null=("statement", "status", "value_type"),
    ),
    Table(
        "citations",
        "The spans of sources that claims cite, anchored to code-point offsets.",
        (
            col("id", str, "Claim id and citation number, such as comfort-women-fund#0."),
            col("claim_id", str, "Id of the citing claim."),
            col("number", int, "Position of the citation in the claim, from 0."),
            field(Citation, "source", column="source_id"),
            field(Citation, "quote"),
            field(Citation, "start"),
            field(Citation, "end"),
            result(CitationResult, "page", type_=int),
            result(CitationResult, "page_end", type_=int),
            result(CitationResult, "anchor"),
            result(CitationResult, "score", type_=float),
            result(CitationResult, "supports", type_=int),
            result(CitationResult, "status"),
            result(CitationResult, "evidence", type_=str),
            field(Citation, "mention"),
            result(CitationResult, "mention_start", type_=int),
            result(CitationResult, "mention_end", type_=int),
        ),
        pk="id",
        foreign_keys=(("claim_id", "claims", "id"), ("source_id", "sources", "id")),
        label_column="quote",
        not_null=("claim_id", "quote", "status"),
    ),
    Table(
        "problems",
        "Every problem the check reported, with its stable code and location.",
        (
            col("id", int, "Number of the problem in this build."),
            col("code", str, "Stable problem code; see the problem reference."),
            col("severity", str, "error or warning."),
            col("message", str, "What is wrong."),
            col("claim_id", str, "The claim concerned, if any."),
            col("citation_id", str, "The citation concerned, if any."),
            col("source_id", str, "The source concerned, if any."),
            col("file", str, "The facts file where the problem is."),
            col("line", int, "Line in that file."),
            col("column", int, "Column in that file."),
            col("start", int, "Start of the source span concerned, in code points."),
            col("end", int, "End of the source span concerned, exclusive."),
        ),
        pk="id",
        foreign_keys=(
            ("claim_id", "claims", "id"),
            ("citation_id", "citations", "id"),
            ("source_id", "sources", "id"),
        ),
        label_column="code",
        not_null=("code", "severity", "message"),
    ),
    Table(
        "mentions",
        "Typed mentions (dates, money, quantities, names) found in the sources.",
        (
            col("id", int, "Number of the mention in this build."),
            col("source_id", str, "Id of the source."),
            col("start", int, "Start offset in code points."),
            col("end", int, "End offset in code points, exclusive."),
            col("text", str, "The mention as written."),
            col("kind", str, "date, money, quantity, entity or role."),
            col("value", str, "The normalized value, for reading."),
            col("value_json", str, "The normalized value as JSON."),
            col("claim_id", str, "A claim whose cited span covers the mention (the first by id), or empty."),
            col("claim_ids", str, "Every claim whose cited span covers the mention, as a JSON array."),
            col("ignored", int, "1 when the mention lies inside an ignore: range."),
            col("coverage", str,
                "What the mention is to coverage: covered, uncovered, ignored, or repeated (a "
                "later mention of a named entity already counted in its source; a named entity "
                "is covered when some claim citing the source is about it)."),
        ),
        pk="id",
        foreign_keys=(("source_id", "sources", "id"), ("claim_id", "claims", "id")),
        label_column="text",
        not_null=("source_id", "kind"),
    ),
    Table(
        "originals",
        "The stored documents as read, for web pages, PDFs and web snapshots: the claim page "
        "renders a PDF's pages from them and serves a snapshot of a web page.",
        (
            col("source_id", str, "Id of the source."),
            result(SourceResult, "format"),
            col("media_type", str, "The document's media type (a snapshot's recorded page's)."),
            col("size", int, "Size in bytes."),
            result(SourceResult, "sha256"),
            col("data", bytes, "The bytes."),
        ),
        pk="source_id",
        foreign_keys=(("source_id", "sources", "id"),),
    ),
    Table(
        "factbase_build",
        "One row describing this build: factbase version, a hash of its inputs, and counts.",
        (
            col("id", int, "Always 1."),
            col("factbase_version", str, "Version of factbase that built the database."),
            col("facts_hash", str,
                "SHA-256 over the facts files and the sources' hashes; equal inputs, equal hash."),
            field(FactsFile, "title"),
            field(FactsFile, "description"),
            field(FactsFile, "license"),
            field(FactsFile, "license_url"),
            col("ok", int, "1 when the check found no errors."),
            col("claims", int, "Number of claims."),
            col("citations", int, "Number of citations."),
            col("sources", int, "Number of sources."),
            col("entities", int, "Number of entities."),
            col("mentions", int, "Number of typed mentions in the sources."),
            col("errors", int, "Number of errors."),
            col("warnings", int, "Number of warnings."),
            col("verified", int, "Claims verified."),
            col("contradicted", int, "Claims contradicted."),
            col("unsupported", int, "Claims unsupported."),
            col("unanchored", int, "Claims unanchored."),
            col("stale", int, "Claims stale."),
            col("invalid", int, "Claims invalid."),
        ),
        pk="id",
    ),
)

TABLE = {t.name: t for t in TABLES}

# (table, columns): looked up by the plugin's pages, the canned queries and Datasette's facets.
# Status is the usual filter, so (status, x) indexes cover the claims page sorted by id and
# its facets once filtered by status; without them SQLite scans every claim.
INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("claims", ("status", "id")),
    ("claims", ("status", "value_type")),
    ("claims", ("status", "subject_id")),
    ("claims", ("subject_id",)),
    ("claims", ("value_type",)),
    ("citations", ("claim_id",)),
    ("citations", ("source_id", "start")),
    ("problems", ("claim_id",)),
    ("problems", ("source_id",)),
    ("problems", ("code",)),
    ("mentions", ("source_id", "start")),
    ("mentions", ("claim_id",)),
    ("mentions", ("coverage", "source_id", "start")),
    ("aliases", ("alias",)),
)

FTS: dict[str, tuple[str, ...]] = {
    "claims": ("statement", "note"),
    "sources": ("title", "text"),
}

# The span a citation anchors, sliced out of its source; SQLite's substr counts code points,
# as the offsets do.
SPAN_SQL = "substr(sources.text, citations.start + 1, citations.end - citations.start)"

# First and last day of a partial ISO date {d} (YYYY, YYYY-MM or YYYY-MM-DD), as text.
FIRST_DAY_SQL = ("CASE length({d}) WHEN 4 THEN {d} || '-01-01' WHEN 7 THEN {d} || '-01' "
              "ELSE {d} END")
LAST_DAY_SQL = ("CASE length({d}) WHEN 4 THEN {d} || '-12-31' "
             "WHEN 7 THEN date({d} || '-01', '+1 month', '-1 day') ELSE {d} END")
DATE_FROM_SQL = "coalesce(json_extract(claims.value_json, '$.date'), json_extract(claims.value_json, '$.from'))"
DATE_TO_SQL = "coalesce(json_extract(claims.value_json, '$.date'), json_extract(claims.value_json, '$.to'))"

VIEWS: dict[str, str] = {
    "claim_evidence": f"""
SELECT claims.id AS claim_id, claims.statement, claims.status AS claim_status,
  claims.value, citations.id AS citation_id, citations.source_id, citations.start,
  citations.end, citations.anchor, citations.supports, citations.status AS citation_status,
  {SPAN_SQL} AS span, citations.evidence
FROM claims JOIN citations ON citations.claim_id = claims.id
LEFT JOIN sources ON sources.id = citations.source_id
ORDER BY claims.id, citations.number""",
    "failing_claims": """
SELECT claims.id, claims.statement, claims.status, claims.value, claims.file, claims.line,
  (SELECT group_concat(code, ' ') FROM (SELECT DISTINCT code FROM problems
     WHERE problems.claim_id = claims.id ORDER BY code)) AS codes
FROM claims WHERE claims.status != 'verified'
ORDER BY claims.file, claims.line, claims.id""",
    "uncovered_mentions": """
SELECT mentions.id, mentions.source_id, mentions.start, mentions.end, mentions.kind,
  mentions.text, mentions.value,
  substr(sources.text, max(mentions.start - 60, 0) + 1,
         mentions.end - max(mentions.start - 60, 0) + 60) AS context
FROM mentions JOIN sources ON sources.id = mentions.source_id
WHERE mentions.coverage = 'uncovered'
ORDER BY mentions.source_id, mentions.start""",
    "date_timeline": f"""
SELECT {FIRST_DAY_SQL.format(d=DATE_FROM_SQL)} AS first_day,
  {LAST_DAY_SQL.format(d=DATE_TO_SQL)} AS last_day,
  json_extract(claims.value_json, '$.qualifier') AS qualifier,
  claims.id AS claim_id, claims.statement, claims.status, claims.value, claims.subject_id
FROM claims WHERE claims.value_type = 'date'
ORDER BY first_day, last_day, claims.id""",
}


def create_tables(db: Database) -> None:
    """Create every table that does not exist yet, without indexes or full-text search."""
    for table in TABLES:
        db.table(table.name).create(
            {c.name: c.type for c in table.columns},
            pk=table.pk,
            foreign_keys=list(table.foreign_keys),
            not_null=set(table.not_null),
            if_not_exists=True,
        )


def ensure_db_shape(db: Database) -> None:
    """Apply the declared shape: tables, indexes, full-text search and views. Idempotent."""
    create_tables(db)
    for table_name, columns in INDEXES:
        db.table(table_name).create_index(
            columns, index_name=f"idx_{table_name}_{'_'.join(columns)}", if_not_exists=True
        )
    for table_name, columns in FTS.items():
        if db.table(table_name).detect_fts() is None:
            db.table(table_name).enable_fts(columns, fts_version="FTS5")
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)



def reference_markdown() -> str:
    """The tables, keys, indexes, search and views, for docs/database.md."""
    names = {str: "TEXT", int: "INTEGER", float: "REAL", bytes: "BLOB"}
    out: list[str] = []
    for table in TABLES:
        pk = ", ".join(table.pk) if isinstance(table.pk, tuple) else table.pk
        out.append(f"### {table.name}\n\n{table.description} Primary key: `{pk}`."
                   + (f" Label column: `{table.label_column}`." if table.label_column else "")
                   + (f" Full-text search over {', '.join(f'`{c}`' for c in FTS[table.name])}."
                      if table.name in FTS else "")
                   + "\n\n| column | type | description |\n| --- | --- | --- |")
        fks = {c: f"{t}.{o}" for c, t, o in table.foreign_keys}
        for c in table.columns:
            ref = f" References `{fks[c.name]}`." if c.name in fks else ""
            desc = (c.description + ref).replace("|", "\\|")
            out.append(f"| `{c.name}` | {names[c.type]} | {desc} |")
        out.append("")
    out.append("### Indexes\n")
    out += [f"- `{t}({', '.join(cols)})`" for t, cols in INDEXES]
    out.append("\n### Views\n")
    for name, sql in VIEWS.items():
        out.append(f"#### {name}\n\n```sql\n{sql.strip()}\n```\n")
    return "\n".join(out)
