"""The registry of problem codes.

Every problem factbase reports has a stable kebab-case ``code`` from this registry, a severity,
a title and a message template. Renderers and the generated docs page read this registry;
tests assert codes, never message text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .location import Location

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class ProblemType:
    code: str
    severity: Severity
    title: str
    template: str
    description: str
    group: str

    @property
    def docs_anchor(self) -> str:
        return f"problems/#{self.code}"


def _t(code: str, severity: Severity, group: str, title: str, template: str, description: str) -> ProblemType:
    return ProblemType(code, severity, title, template, description, group)


PROBLEM_TYPES: tuple[ProblemType, ...] = (
    # -- the facts file itself
    _t("facts-missing", "error", "facts file", "Facts file not found",
       "{path}: no such file",
       "The facts file (or a file named by `include:`) does not exist."),
    _t("facts-unreadable", "error", "facts file", "Facts file unreadable",
       "{path}: {reason}",
       "The facts file could not be read: not UTF-8, binary, too large, or a permission error."),
    _t("yaml-syntax", "error", "facts file", "YAML syntax error",
       "{reason}",
       "The file is not well-formed YAML."),
    _t("jsonl-syntax", "error", "facts file", "JSON Lines syntax error",
       "{reason}",
       "A line of an included `.jsonl` file is not one JSON object (one claim per line)."),
    _t("yaml-limit", "error", "facts file", "YAML resource limit exceeded",
       "{reason}",
       "The YAML document exceeds a documented limit (aliases, nesting depth or size). "
       "Such documents are rejected before they are expanded, so an alias bomb costs nothing."),
    _t("duplicate-key", "error", "facts file", "Duplicate mapping key",
       "duplicate key {key!r} (first at line {first_line})",
       "A mapping repeats a key. YAML would silently keep the last value; factbase refuses."),
    _t("schema", "error", "facts file", "Invalid field",
       "{field}: {reason}",
       "A field is missing, unknown, or has a value of the wrong type or form."),
    _t("unsupported-version", "error", "facts file", "Unsupported format version",
       "factbase: {version!r} is not a supported format version (expected 1)",
       "The `factbase:` key names a format version this release does not read."),
    _t("include-not-found", "error", "facts file", "Included file not found",
       "include {pattern!r} matched no file",
       "An `include:` entry matched no file."),
    _t("include-cycle", "error", "facts file", "Include cycle",
       "{path} is included more than once",
       "A file is reached twice through `include:`."),
    # -- references and identity
    _t("duplicate-id", "error", "references", "Duplicate id",
       "{kind} id {id!r} is already used at {first}",
       "Two sources, entities or claims share an id."),
    _t("unknown-source", "error", "references", "Unknown source",
       "citation names source {source!r}, which is not declared",
       "A citation names a source id that no `sources:` entry declares."),
    _t("unknown-entity", "error", "references", "Unknown entity",
       "{field} names entity {entity!r}, which is not declared",
       "A claim's subject or value names an entity id that no `entities:` entry declares."),
    _t("unknown-role", "error", "references", "Unknown role",
       "entity {entity!r} has no role {role!r}",
       "A person value names a role that the entity does not list under `roles:`."),
    _t("invalid-value", "error", "values", "Invalid value",
       "{reason}",
       "A shorthand value could not be parsed, is ambiguous, or a typed value is malformed."),
    # -- sources
    _t("source-missing", "error", "sources", "Source file missing",
       "source {source!r}: {path} does not exist",
       "The file a source's `path` names does not exist."),
    _t("source-unreadable", "error", "sources", "Source unreadable",
       "source {source!r}: {path}: {reason}",
       "The source file could not be read or gives no text: a text file that is not UTF-8 or "
       "is binary; an encrypted, damaged or oversized PDF, or one with no text layer (a scan); "
       "a web snapshot with no page in it or past a size limit (docs/security.md)."),
    _t("path-outside-root", "error", "sources", "Path outside the project",
       "{path} resolves outside the project folder {root}",
       "A path is absolute, climbs out with `..`, or is a symlink that leads outside the folder "
       "of the main facts file. Nothing of such a file is read."),
    _t("source-changed", "error", "sources", "Source changed since pinned",
       "source {source!r}: sha256 is {actual}, pinned {expected}",
       "The source file no longer hashes to its pinned `sha256`. Its claims are `stale` until "
       "re-pinned with `factbase pin`."),
    _t("text-changed", "error", "sources", "Text layer changed since pinned",
       "source {source!r}: the {format} text layer's sha256 is {actual}, pinned text_sha256 "
       "{expected}",
       "The source's bytes still match `sha256`, but the text factbase extracts from them no "
       "longer hashes to the pinned `text_sha256`: a new version of an extractor reads the "
       "page or PDF differently, so offsets may have moved. Its claims are `stale` (with "
       "`citation-drift` per citation) until checked and re-pinned with `factbase pin`."),
    _t("charset-mismatch", "warning", "sources", "Web page in another charset than declared",
       "source {source!r}: declared charset {label!r} ({rule}) does not decode the page; read "
       "as {used}",
       "A web page's `<meta charset>` or HTTP header names an encoding its bytes are not in. "
       "factbase reads it as UTF-8 when the bytes are valid UTF-8, else as windows-1252, and "
       "asks a person to look at the text."),
    _t("citation-drift", "warning", "sources", "Citation moved in a changed source",
       "source {source!r} changed: the quote is {state}",
       "Reported for every pinned citation of a source whose sha256 no longer matches: "
       "`unchanged` (same offsets), `moved by N` (found exactly elsewhere), `edited` (found "
       "only fuzzily, with a character diff) or `lost`. Re-pin with `factbase pin` once the "
       "claims are checked again."),
    _t("unused-source", "warning", "sources", "Unused source",
       "source {source!r} is cited by no claim",
       "A declared source is cited by no claim."),
    _t("unused-entity", "warning", "references", "Unused entity",
       "entity {entity!r} is referenced by no claim",
       "A declared entity is neither a claim's subject nor its value."),
    # -- anchoring
    _t("quote-not-found", "error", "anchoring", "Quote not found",
       "quote not found in source {source!r}{hint}",
       "The quote is not in the source, exactly, after normalization, or fuzzily above the "
       "threshold. The best candidate, if any, is given as a hint, never as an anchor."),
    _t("quote-ambiguous", "warning", "anchoring", "Quote ambiguous",
       "quote occurs {count} times in source {source!r}{hint}",
       "The quote occurs more than once and neither `prefix`/`suffix` nor `start` picks one. "
       "The first occurrence is used; the message gives the shortest prefix or suffix that "
       "would make it unique."),
    _t("quote-fuzzy", "warning", "anchoring", "Quote matched fuzzily",
       "quote matched fuzzily at {start}-{end} (score {score:.1f}){hint}",
       "The quote was found only by fuzzy matching; the span is the source's own text."),
    _t("offset-mismatch", "error", "anchoring", "Offsets do not match the quote",
       "start/end {given_start}-{given_end} hold {actual!r}, not the quote",
       "The citation's `start`/`end` do not slice to the quote; the quote was searched for "
       "instead and the result is reported."),
    # -- values
    _t("value-mismatch", "error", "values", "Value contradicted by the span",
       "the span says {found}, the claim says {expected}",
       "The cited span holds a mention of the same type with another value, and none that "
       "matches."),
    _t("value-not-found", "error", "values", "Value not in the span",
       "no {kind} mention in the span supports {expected}",
       "The cited span anchors but holds no mention of the claim's type."),
    _t("precision-mismatch", "error", "values", "Span less precise than the claim",
       "the span says {found} ({found_precision}), the claim says {expected} ({expected_precision})",
       "The span's date is coarser than the claim's: \"December 2019\" does not support "
       "2019-12-24."),
    _t("role-not-found", "error", "values", "Role not in the span",
       "the span names {entity!r} but not the role {role!r}",
       "A person claim names a role that the span does not mention (nor any of its aliases)."),
    _t("relative-date-unresolved", "error", "values", "Relative date without a reference",
       "{text!r} is relative and source {source!r} has no `published` date",
       "The span's date is relative (\"last month\") and the source declares no `published` "
       "date to resolve it against."),
    _t("conflicting-claims", "error", "claims", "Conflicting claims",
       "claims {claim!r} and {other!r} give {subject}/{predicate} different values",
       "Two claims with the same subject and predicate have incompatible values."),
    _t("ignore-not-found", "error", "coverage", "Ignore entry does not anchor",
       "ignore entry for source {source!r} matches nothing",
       "An `ignore:` entry's quote or range is not in its source."),
    # -- output
    _t("output-error", "error", "output", "Cannot write output",
       "{path}: {reason}",
       "An output file or database could not be written (read-only folder, full disk, lock)."),
)

REGISTRY: dict[str, ProblemType] = {t.code: t for t in PROBLEM_TYPES}


@dataclass
class Problem:
    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    claim_id: str | None = None
    citation_id: str | None = None
    source_id: str | None = None
    start: int | None = None
    end: int | None = None
    details: dict[str, Any] = field(default_factory=dict)
    # The field of the claim (or source, entity) the problem is about, as a dotted path
    # ("citations.0.quote"): where the problem is when there is no file to point into.
    field_path: str | None = None

    @property
    def type(self) -> ProblemType:
        return REGISTRY[self.code]

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "claim_id": self.claim_id,
            "citation_id": self.citation_id,
            "source_id": self.source_id,
            "start": self.start,
            "end": self.end,
            "details": self.details,
            "field_path": self.field_path,
        }


def problem(
    code: str,
    where: Location | None = None,
    *,
    claim_id: str | None = None,
    citation_id: str | None = None,
    source_id: str | None = None,
    start: int | None = None,
    end: int | None = None,
    severity: Severity | None = None,
    field_path: str | None = None,
    **params: Any,
) -> Problem:
    """Build a problem from its registered code; ``params`` fill the message template."""
    kind = REGISTRY[code]
    message = kind.template.format(**{"start": start, "end": end, **params})
    where = where or Location()
    details = {k: v for k, v in params.items() if isinstance(v, str | int | float | bool | None)}
    return Problem(
        code=code,
        severity=severity or kind.severity,
        message=message,
        file=where.file,
        line=where.line,
        column=where.column,
        claim_id=claim_id,
        citation_id=citation_id,
        source_id=source_id,
        start=start,
        end=end,
        details=details,
        field_path=field_path,
    )


class FactsError(Exception):
    """Raised by :func:`factbase.load` when the facts file cannot be loaded.

    ``problems`` holds every problem found, each with a code and a location.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = problems[0] if problems else None
        text = f"{first.location}: {first.code}: {first.message}" if first else "invalid facts"
        if len(problems) > 1:
            text += f" (and {len(problems) - 1} more)"
        super().__init__(text)
