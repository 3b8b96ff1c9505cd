"""The FactSet: everything declared in a facts file and the files it includes.

Sources and entities are kept as their models. Claims are kept as compact records
(:class:`ClaimRecord`, :class:`CitationRecord`): slotted objects with the same fields as the
:class:`~factbase.model.Claim` and :class:`~factbase.model.Citation` models, the value as plain
data, and the positions of every field packed in one :class:`~factbase.location.Marks`. A
pydantic model costs some 3.5 KB a claim, a record about a third of that, which is what lets
a million claims load on one machine. ``FactSet.claims`` gives the models on demand.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar, overload

from pydantic import BaseModel, ValidationError

from .location import Location, Marks
from .model import Citation, Claim, CoverageIgnore, Entity, Source
from .model_errors import schema_errors
from .problems import FactsError, Problem, problem

__all__ = ["CitationRecord", "ClaimRecord", "FactSet", "display_path"]


class CitationRecord:
    """A citation of a loaded claim: the fields of :class:`~factbase.model.Citation`."""

    __slots__ = ("end", "mention", "prefix", "quote", "source", "start", "suffix")

    def __init__(self, source: str, quote: str, prefix: str | None = None,
                 suffix: str | None = None, start: int | None = None,
                 end: int | None = None, mention: str | None = None) -> None:
        self.source = source
        self.quote = quote
        self.prefix = prefix
        self.suffix = suffix
        self.start = start
        self.end = end
        self.mention = mention

    @classmethod
    def of(cls, model: Citation) -> CitationRecord:
        return cls(**{name: getattr(model, name) for name in cls.__slots__})

    def fields(self) -> dict[str, Any]:
        """The fields that are set, as the facts file would give them."""
        return {name: getattr(self, name) for name in Citation.model_fields
                if getattr(self, name) is not None}


class ClaimRecord:
    """A loaded claim: the fields of :class:`~factbase.model.Claim`, compactly.

    ``value`` is the typed value as plain data (``{"type": "money", "amount": Decimal(...),
    "currency": "USD"}``, keys by alias, unset fields left out) or the shorthand string as
    written.
    """

    __slots__ = ("citations", "id", "ignore", "marks", "note", "predicate", "statement",
                 "subject", "tags", "value")

    def __init__(self, id: str, statement: str, value: dict[str, Any] | str,
                 citations: tuple[CitationRecord, ...], subject: str | None = None,
                 predicate: str | None = None, tags: tuple[str, ...] = (),
                 ignore: tuple[tuple[str, str], ...] = (), note: str | None = None,
                 marks: Marks | None = None) -> None:
        self.id = id
        self.statement = statement
        self.subject = subject
        self.predicate = predicate
        self.value = value
        self.tags = tags
        self.citations = citations
        self.ignore = ignore
        self.note = note
        self.marks = marks

    @classmethod
    def of(cls, model: Claim) -> ClaimRecord:
        value: dict[str, Any] | str = (
            model.value if isinstance(model.value, str)
            else model.value.model_dump(by_alias=True, exclude_none=True)
        )
        return cls(
            id=model.id, statement=model.statement, value=value,
            citations=tuple(CitationRecord.of(c) for c in model.citations),
            subject=model.subject, predicate=model.predicate,
            tags=tuple(_intern(t) for t in model.tags),
            ignore=tuple((i.code, i.reason) for i in model.ignore), note=model.note,
            marks=model._marks,
        )

    def where(self, path: str | None = None) -> Location:
        """The location of the claim or of one of its fields (see ``Model.where``)."""
        if self.marks is None:
            return Location()
        return self.marks.at(path or "")

    @property
    def ignored_codes(self) -> frozenset[str]:
        return frozenset(code for code, _ in self.ignore) if self.ignore else _NONE

    def fields(self) -> dict[str, Any]:
        """The claim as the facts file would give it (unset fields left out)."""
        out: dict[str, Any] = {"id": self.id, "statement": self.statement}
        for name in ("subject", "predicate"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        out["value"] = self.value
        if self.tags:
            out["tags"] = list(self.tags)
        out["citations"] = [c.fields() for c in self.citations]
        if self.ignore:
            out["ignore"] = [{"code": c, "reason": r} for c, r in self.ignore]
        if self.note is not None:
            out["note"] = self.note
        return out

    def model(self) -> Claim:
        """The claim as a validated :class:`~factbase.model.Claim` (a new object each time)."""
        claim = Claim.model_validate(self.fields())
        claim._marks = self.marks
        return claim


_NONE: frozenset[str] = frozenset()
_TAGS: dict[str, str] = {}


def _intern(tag: str) -> str:
    # Tags repeat across claims; one string object each.
    return _TAGS.setdefault(tag, tag)


def _check_fields() -> None:
    # The records mirror the models: a field added to a model must be added here too.
    for record, model in ((CitationRecord, Citation), (ClaimRecord, Claim)):
        missing = set(model.model_fields) - set(record.__slots__)
        if missing:
            raise TypeError(f"{record.__name__} lacks {', '.join(sorted(missing))}")


_check_fields()


class ClaimList(Sequence[Claim]):
    """The claims of a FactSet as models, built on access."""

    def __init__(self, records: list[ClaimRecord]) -> None:
        self._records = records

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> Claim: ...
    @overload
    def __getitem__(self, index: slice) -> list[Claim]: ...
    def __getitem__(self, index: int | slice) -> Claim | list[Claim]:
        if isinstance(index, slice):
            return [r.model() for r in self._records[index]]
        return self._records[index].model()

    def __iter__(self) -> Iterator[Claim]:
        for record in self._records:
            yield record.model()


class FactSet:
    """Sources, entities and claims: everything declared in a facts file and the files it
    includes, or built in Python.

    `sources`, `entities` and `ignores` are lists of models; `records` the claims as
    compact records, and `claims` the same claims as models, built on access.

    Built in Python, each item may be a model or plain data (a dict as the facts file would
    give it). Plain data is validated by the same rules as a facts file; whatever does not
    validate raises `FactsError`, whose problems (code `schema`) name the claim or source
    and the field (`field_path`, such as `value.amount`) instead of a `file:line:col`.
    A source is a file (`path`, relative to `root`, which defaults to the working folder)
    or the text itself (`text`). Unknown sources, entities and roles, repeated ids and
    values that cannot be read are reported by `factbase.check`, as for a facts file.

    Example:
        ```python
        facts = factbase.FactSet(
            sources=[{"id": "memo", "text": "The fund was $9 million."}],
            claims=[{"id": "fund", "statement": "The fund was $9 million.",
                     "value": "$9 million",
                     "citations": [{"source": "memo", "quote": "$9 million"}]}],
        )
        ```
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        root: str | os.PathLike[str] | None = None,
        *,
        files: Iterable[Path] = (),
        title: str | None = None,
        description: str | None = None,
        license: str | None = None,
        license_url: str | None = None,
        sources: Iterable[Source | Mapping[str, Any]] = (),
        entities: Iterable[Entity | Mapping[str, Any]] = (),
        claims: Iterable[Claim | ClaimRecord | Mapping[str, Any]] = (),
        ignores: Iterable[CoverageIgnore | Mapping[str, Any]] = (),
    ) -> None:
        self.path = Path(path) if path is not None else Path("facts.yaml")
        self.root = Path(root) if root is not None else self.path.resolve().parent
        self.files: list[Path] = list(files)
        # Facts documents given as text (`factbase.loads`): name -> text.
        self.texts: dict[str, str] = {}
        self.title = title
        self.description = description
        self.license = license
        self.license_url = license_url
        problems: list[Problem] = []
        self.sources: list[Source] = _models(Source, "sources", sources, problems)
        self.entities: list[Entity] = _models(Entity, "entities", entities, problems)
        self.records: list[ClaimRecord] = [
            c if isinstance(c, ClaimRecord) else ClaimRecord.of(c)
            for c in _models(Claim, "claims", claims, problems, keep=ClaimRecord)
        ]
        self.ignores: list[CoverageIgnore] = _models(CoverageIgnore, "ignore", ignores, problems)
        if problems:
            raise FactsError(problems)
        self._sources: dict[str, Source] = {}
        self._entities: dict[str, Entity] = {}

    @property
    def claims(self) -> ClaimList:
        return ClaimList(self.records)

    def _index(self) -> None:
        self._sources = {}
        for s in self.sources:
            self._sources.setdefault(s.id, s)
        self._entities = {}
        for e in self.entities:
            self._entities.setdefault(e.id, e)

    def source(self, source_id: str) -> Source | None:
        if len(self._sources) != len(self.sources):
            self._index()
        return self._sources.get(source_id)

    def entity(self, entity_id: str) -> Entity | None:
        if len(self._entities) != len(self.entities):
            self._index()
        return self._entities.get(entity_id)

    def display_path(self, path: Path) -> str:
        return display_path(path)


_M = TypeVar("_M", bound=BaseModel)
_K = TypeVar("_K")


def _models(model: type[_M], kind: str, items: Iterable[Any], problems: list[Problem],
            keep: type[_K] | None = None) -> list[Any]:
    """The items as models (or ``keep`` instances, left as they are): plain data validated,
    its problems added to ``problems``."""
    out: list[Any] = []
    for index, item in enumerate(items):
        if isinstance(item, model) or (keep is not None and isinstance(item, keep)):
            out.append(item)
            continue
        if not isinstance(item, Mapping):
            problems.append(_schema_problem(kind, index, None, (), f"expected a {model.__name__} "
                                            f"or a mapping, not {type(item).__name__}"))
            continue
        try:
            out.append(model.model_validate(dict(item)))
        except ValidationError as exc:
            ident = item.get("id")
            ident = ident if isinstance(ident, str) else None
            seen: set[tuple[tuple[str | int, ...], str]] = set()
            for err in schema_errors(exc, value_at=0):
                if (err.loc, err.reason) not in seen:
                    seen.add((err.loc, err.reason))
                    problems.append(_schema_problem(kind, index, ident, err.loc, err.reason))
    return out


def _schema_problem(kind: str, index: int, ident: str | None, loc: tuple[str | int, ...],
                    reason: str) -> Problem:
    # Located as the checked facts' problems are: a claim's or a source's field relative to
    # its id; anything else (an entity, an `ignore:` entry, an item without a usable id) by
    # its place in the lists given.
    relative = ".".join(str(part) for part in loc)
    field = ".".join(part for part in (kind, str(index), relative) if part)
    owned = ident is not None and kind in ("claims", "sources") and bool(relative)
    return problem("schema", claim_id=ident if kind == "claims" else None,
                   source_id=ident if kind == "sources" else None,
                   field_path=relative if owned else field, field=field, reason=reason)


def display_path(path: Path | str) -> str:
    """A path as users should see it: relative to the working folder when inside it."""
    text = os.path.abspath(path)
    rel = os.path.relpath(text)
    return text if rel.startswith("..") else rel
