"""The checks across claims: repeated ids, claims that give one subject and predicate
different values, and declared sources and entities nothing uses. They run on the claims'
compact index (their records and plain values), not on any unit's outcome."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from ..factset import FactSet
from ..problems import Problem, problem
from ..values import claimed_interval

__all__ = ["conflicts", "drafts", "duplicate_ids", "is_draft", "unused"]

# The statement `factbase mentions --as-claims` writes in each draft (factbase/drafts.py).
DRAFT_STATEMENT = "TODO"

def duplicate_ids(facts: FactSet) -> list[Problem]:
    """A second source, entity or claim with an id already used."""
    out: list[Problem] = []
    for kind, items in (("source", facts.sources), ("entity", facts.entities), ("claim", facts.records)):
        # The first of each id, whose location is looked up only when the id repeats.
        first: dict[str, Any] = {}
        for item in items:
            if item.id in first:
                out.append(problem("duplicate-id", item.where("id"), kind=kind, id=item.id,
                                   first=str(first[item.id].where("id")),
                                   claim_id=item.id if kind == "claim" else None,
                                   source_id=item.id if kind == "source" else None,
                                   field_path="id"))
            else:
                first[item.id] = item
    return out


def _comparable(value: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((k, str(v)) for k, v in value.items()))


def conflicts(facts: FactSet, values: Sequence[dict[str, Any] | None]) -> list[Problem]:
    """Claims with the same subject and predicate whose values cannot both hold."""
    out: list[Problem] = []
    first: dict[tuple[str, str], int] = {}
    records = facts.records
    for ci, record in enumerate(records):
        value = values[ci]
        if record.subject is None or record.predicate is None or value is None:
            continue
        key = (record.subject, record.predicate)
        other = first.get(key)
        if other is None:
            first[key] = ci
            continue
        other_value = values[other]
        assert other_value is not None
        if not _compatible(other_value, value):
            where = records[other].where()
            out.append(problem(
                "conflicting-claims", record.where("value"), claim_id=record.id,
                claim=record.id, other=f"{records[other].id} ({where.file}:{where.line})",
                subject=record.subject, predicate=record.predicate, field_path="value",
            ))
    return out


def _compatible(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    if a.get("type") != b.get("type"):
        return False
    if a.get("type") == "date":
        ia = _date_interval(a)
        ib = _date_interval(b)
        # Compatible when one lies inside the other (2019-12 and 2019-12-24 agree).
        return (ia[0] <= ib[0] and ib[1] <= ia[1]) or (ib[0] <= ia[0] and ia[1] <= ib[1])
    return _comparable(a) == _comparable(b)


def _date_interval(value: Mapping[str, Any]) -> tuple[dt.date, dt.date]:
    first, last, _ = claimed_interval(value.get("date"), value.get("from"), value.get("to"),
                                      value.get("qualifier"))
    return first, last


def is_draft(statement: str) -> bool:
    """Whether a claim's statement is still the drafts' placeholder."""
    return statement.strip() == DRAFT_STATEMENT


def drafts(facts: FactSet) -> list[Problem]:
    """Claims whose statement is still the drafts' placeholder (``draft-claim``). A warning,
    not a problem of the claim's own: a draft's value and citation are checked as any
    claim's, and its status stays theirs."""
    out: list[Problem] = []
    for record in facts.records:
        if is_draft(record.statement) and "draft-claim" not in record.ignored_codes:
            out.append(problem("draft-claim", record.where("statement"), claim_id=record.id,
                               claim=record.id, field_path="statement"))
    return out


def unused(facts: FactSet) -> list[Problem]:
    """Sources no claim cites and entities no claim names."""
    cited = {c.source for record in facts.records for c in record.citations}
    cited |= {i.source for i in facts.ignores}
    seen: set[str] = set()
    out: list[Problem] = []
    for s in facts.sources:
        if s.id not in seen:
            seen.add(s.id)
            if s.id not in cited:
                out.append(problem("unused-source", s.where("id"), source_id=s.id, source=s.id,
                                   field_path="id"))
    referenced: set[str] = set()
    for record in facts.records:
        if record.subject:
            referenced.add(record.subject)
        value = record.value
        if isinstance(value, dict) and value.get("type") in ("person", "entity"):
            referenced.add(value["entity"])
    seen = set()
    for e in facts.entities:
        if e.id not in seen:
            seen.add(e.id)
            if e.id not in referenced:
                out.append(problem("unused-entity", e.where("id"), entity=e.id, field_path="id"))
    return out
