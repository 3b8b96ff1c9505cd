"""The registry of problem codes.

Every problem factbase reports has a stable kebab-case ``code`` from this registry, a severity,
a title and a message template. Renderers and the generated docs page read this registry.
Every message names the one thing to change (tests/test_messages.py holds a table of
realistic mistakes and the exact text of each answer); codes are stable, messages may improve.
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
       "{path}: no such file; correct the path",
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
       "duplicate key {key!r} (first at line {first_line}); keep only one of the two",
       "A mapping repeats a key. YAML would silently keep the last value; factbase refuses."),
    _t("schema", "error", "facts file", "Invalid field",
       "{field}: {reason}",
       "A field is missing, unknown, or has a value of the wrong type or form. The reason says "
       "what to write instead: the known field nearest a misspelled one, the allowed value "
       "nearest a wrong one, the ISO form of a date written in words, the number an amount in "
       "words stands for (or the shorthand string for the whole value), the code of a currency "
       "sign or name."),
    _t("unsupported-version", "error", "facts file", "Unsupported format version",
       "factbase: {version!r} is not a supported format version; write `factbase: 1`",
       "The `factbase:` key names a format version this release does not read."),
    _t("include-not-found", "error", "facts file", "Included file not found",
       "include {pattern!r} matched no file; correct the pattern (relative to this file's "
       "folder) or remove it",
       "An `include:` entry matched no file."),
    _t("include-cycle", "error", "facts file", "Include cycle",
       "{path} is included more than once; remove the `include:` entry that reaches it again",
       "A file is reached twice through `include:`."),
    # -- references and identity
    _t("duplicate-id", "error", "references", "Duplicate id",
       "{kind} id {id!r} is already used at {first}; give this {kind} another id",
       "Two sources, entities or claims share an id."),
    _t("unknown-source", "error", "references", "Unknown source",
       "citation names source {source!r}, which is not declared{hint}",
       "A citation names a source id that no `sources:` entry declares."),
    _t("unknown-entity", "error", "references", "Unknown entity",
       "{field} names entity {entity!r}, which is not declared{hint}",
       "A claim's subject or value names an entity id that no `entities:` entry declares."),
    _t("invalid-value", "error", "values", "Invalid value",
       "{reason}",
       "A shorthand value could not be parsed, is ambiguous, or a typed value is malformed. "
       "The reason gives the typed form to write instead when the shorthand holds a value."),
    # -- sources
    _t("source-missing", "error", "sources", "Source file missing",
       "source {source!r}: {path} does not exist{hint}",
       "The file a source's `path` names does not exist."),
    _t("source-unreadable", "error", "sources", "Source unreadable",
       "source {source!r}: {path}: {reason}",
       "The source file could not be read or gives no text: a text file that is not UTF-8 or "
       "is binary; an encrypted, damaged or oversized PDF, or one with no text layer (a scan); "
       "a web snapshot with no page in it or past a size limit (docs/security.md)."),
    _t("path-outside-root", "error", "sources", "Path outside the project",
       "{path} resolves outside the project folder {root}; copy the file into that folder "
       "and give its path relative to it",
       "A path is absolute, climbs out with `..`, or is a symlink that leads outside the folder "
       "of the main facts file. Nothing of such a file is read."),
    _t("source-changed", "error", "sources", "Source changed since pinned",
       "source {source!r}: sha256 is {actual}, pinned {expected}; check the claims that cite "
       "it, then re-pin with `factbase pin`",
       "The source file no longer hashes to its pinned `sha256`. Its claims are `stale` until "
       "re-pinned with `factbase pin`."),
    _t("text-changed", "error", "sources", "Text layer changed since pinned",
       "source {source!r}: the {format} text layer's sha256 is {actual}, pinned text_sha256 "
       "{expected}; check the claims that cite it, then re-pin with `factbase pin`",
       "The source's bytes still match `sha256`, but the text factbase extracts from them no "
       "longer hashes to the pinned `text_sha256`: a new version of an extractor reads the "
       "page or PDF differently, so offsets may have moved. Its claims are `stale` (with "
       "`citation-drift` per citation) until checked and re-pinned with `factbase pin`."),
    _t("charset-mismatch", "warning", "sources", "Web page in another charset than declared",
       "source {source!r}: declared charset {label!r} ({rule}) does not decode the page; read "
       "as {used}: check that its text reads right before relying on its quotes",
       "A web page's `<meta charset>` or HTTP header names an encoding its bytes are not in. "
       "factbase reads it as UTF-8 when the bytes are valid UTF-8, else as windows-1252, and "
       "asks a person to look at the text."),
    _t("citation-drift", "warning", "sources", "Citation moved in a changed source",
       "source {source!r} changed: the quote is {state}; check the claim, then re-pin with "
       "`factbase pin`",
       "Reported for every pinned citation of a source whose sha256 no longer matches: "
       "`unchanged` (same offsets), `moved by N` (found exactly elsewhere), `edited` (found "
       "only fuzzily, with a character diff) or `lost`. Re-pin with `factbase pin` once the "
       "claims are checked again."),
    _t("unused-source", "warning", "sources", "Unused source",
       "source {source!r} is cited by no claim; cite it or remove it",
       "A declared source is cited by no claim."),
    _t("unused-entity", "warning", "references", "Unused entity",
       "entity {entity!r} is referenced by no claim; make it a claim's `subject` or value, "
       "or remove it",
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
       "start/end {given_start}-{given_end} hold {actual!r}, not the quote; remove `start` "
       "and `end`, or let `factbase pin` rewrite them",
       "The citation's `start`/`end` do not slice to the quote; the quote was searched for "
       "instead and the result is reported."),
    # -- values
    _t("value-mismatch", "error", "values", "Value contradicted by the span",
       "the span says {found}, the claim says {expected}; correct the claim's value, or cite "
       "the words that say it",
       "The cited span holds a mention of the same type with another value, and none that "
       "matches."),
    _t("value-not-found", "error", "values", "Value not in the span",
       "no {kind} mention in the span supports {expected}; quote the words that say it",
       "The cited span anchors but holds no mention of the claim's type."),
    _t("precision-mismatch", "error", "values", "Span less precise than the claim",
       "the span says {found} ({found_precision}), the claim says {expected} "
       "({expected_precision}); write {written}, or cite a span that gives the "
       "{expected_precision}",
       "The span's date is coarser than the claim's: \"December 2019\" does not support "
       "2019-12-24."),
    _t("role-not-found", "error", "values", "Role not in the span",
       "the span names {entity!r} but not the role {role!r}{hint}",
       "A person claim names a role that the span does not attach to that person: the role "
       "(nor any of its aliases) is not there as a title, or it is said of someone else "
       "(\"Foreign Secretary Jack Straw\" does not give the role to Margaret Thatcher named "
       "in the same span), or it is attached to no name at all. The hint says which."),
    _t("undeclared-role", "warning", "values", "Role not declared",
       "entity {entity!r} does not declare the role {role!r}: it was matched as written; "
       "declare it under `roles:` (with its aliases) to match its other forms",
       "A person claim names a role that its entity does not list under `roles:`. The role "
       "is matched literally (case and typography folded) as a title attached to the person, "
       "and this warning suggests declaring it."),
    _t("unit-mismatch", "error", "values", "Same number, another unit",
       "the span says {found}, the claim says {expected}; correct the claim's unit or "
       "currency, or cite the words that say it",
       "The span holds the claimed number, but of another unit or currency (\"5 km\" is not "
       "5 miles, 9 million euros is not 9 million dollars), or with no unit where the claim "
       "names one. Physical units are converted first: 5 km supports 5000 m."),
    _t("ambiguous-evidence", "warning", "values", "Several candidates in the span",
       "the span also says {others}; add `mention:` to the citation to say which one the claim means",
       "The cited span supports the claimed value, but it also holds other values of the same "
       "kind and unit that the claim could be confused with (\"cut to 4.5% from 4.75%\"). "
       "The citation's `mention:` field pinpoints the one meant and silences the warning."),
    _t("subject-not-in-span", "warning", "values", "Subject not named in the span",
       "the span names neither {subject!r} nor any of its aliases; quote the words that name "
       "it, or add the name the span uses to the entity's `aliases`",
       "The claim has a `subject`, but the cited span mentions neither the entity's name nor "
       "an alias, so nothing in the span says the value is about it."),
    _t("value-not-near-subject", "warning", "values", "Value said of someone else",
       "{found} is not in the same sentence or clause as {subject!r}; check that it is said "
       "of {subject!r}, and quote the sentence that says so",
       "The span covers several sentences or names several entities, and the mention that "
       "supports the value does not share its sentence (or clause) with the claim's subject: "
       "it may be said of something else."),
    _t("mention-not-found", "error", "values", "Pinpointed mention not in the span",
       "mention {mention!r} is not inside the quote{hint}",
       "The citation's `mention:` is not found (exactly, or after normalization) inside the "
       "anchored span of its quote."),
    _t("mention-ambiguous", "warning", "values", "Pinpointed mention ambiguous",
       "mention {mention!r} occurs {count} times in the quote (the first is used); lengthen it "
       "to pick one",
       "The citation's `mention:` occurs more than once inside its quote; the first occurrence "
       "is used. Make it longer (\"to 4.5%\") to pick one."),
    _t("relative-date-unresolved", "error", "values", "Relative date without a reference",
       "{text!r} {reason}",
       "The span's date is relative (\"last month\", \"next week\", \"in April\") and the "
       "source's `published` date cannot resolve it: the source has none, or it is less "
       "precise than the date needs (\"'next week' needs a day-precision `published` (source "
       "'eu' has 2004-12)\")."),
    _t("conflicting-claims", "error", "claims", "Conflicting claims",
       "claims {claim!r} and {other!r} give {subject}/{predicate} different values; correct "
       "one of them, or give them different predicates",
       "Two claims with the same subject and predicate have incompatible values."),
    _t("draft-claim", "warning", "claims", "Draft claim",
       "claim {claim!r} is a draft; write its statement in place of TODO",
       "The claim's `statement` is still `TODO`, the placeholder of the drafts that `factbase "
       "mentions --as-claims` writes. Its value and citation may verify, but no one has said "
       "what it claims yet; `check --strict` fails on it, so drafts stay out of a main "
       "branch."),
    _t("ignore-not-found", "error", "coverage", "Ignore entry does not anchor",
       "ignore entry for source {source!r} matches nothing; copy its quote from the source, or "
       "correct its range",
       "An `ignore:` entry's quote or range is not in its source."),
    # -- output
    _t("output-error", "error", "output", "Cannot write output",
       "{path}: {reason}",
       "An output file or database could not be written (read-only folder, full disk, lock)."),
)

REGISTRY: dict[str, ProblemType] = {t.code: t for t in PROBLEM_TYPES}


@dataclass
class Problem:
    """One problem found in the facts or their sources.

    `code` is stable (see the problem reference) and `severity` is "error" or "warning".
    `file`, `line` and `column` say where the offending text was written; `claim_id`,
    `citation_id` and `source_id` what it is about; `field_path` the field, as a dotted path
    relative to the claim or source (`citations.0.quote`); `start` and `end` the span of the
    source concerned, in code points; `details` the values the message was made from.
    """

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

    @property
    def at(self) -> str:
        """Where the problem is, for people: ``file:line:col`` when it was written in a file,
        else the claim (or source) id and the field (``claim fund: value.amount``), as for a
        FactSet built in Python."""
        if self.file is not None:
            return str(self.location)
        owner = (f"claim {self.claim_id}" if self.claim_id is not None
                 else f"source {self.source_id}" if self.source_id is not None else None)
        parts = [part for part in (owner, self.field_path) if part]
        return ": ".join(parts) if parts else str(self.location)

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
    # `hint` ends a message with the fix when there is one to tell; it may be left out.
    message = kind.template.format(**{"start": start, "end": end, "hint": "", **params})
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
    """Raised when facts cannot be loaded or built: by `factbase.load` and `factbase.loads`,
    and by `FactSet` for plain data that does not validate.

    `problems` holds every problem found, each with a code and a location (`file:line:col`,
    or a claim id and field path for facts built in Python).
    """

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = problems[0] if problems else None
        text = f"{first.at}: {first.code}: {first.message}" if first else "invalid facts"
        if len(problems) > 1:
            text += f" (and {len(problems) - 1} more)"
        super().__init__(text)
