"""One claim: its typed value, the problems of its references, and its status from its
citations' verdicts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter

from ..factset import ClaimRecord
from ..hints import unknown_id
from ..model import (
    ChangePart,
    ChangeValue,
    DateValue,
    Entity,
    EntityValue,
    MoneyValue,
    PersonValue,
    QuantityValue,
    QuoteValue,
    TypedValue,
)
from ..problems import Problem, problem
from ..shorthand import ShorthandError, parse_shorthand
from .rules import Status
from .rules import TypedValue as Value

# When citations disagree, the claim takes the worst of their statuses, in this order.
STATUS_RANK: dict[str, int] = {
    "verified": 0, "unsupported": 1, "contradicted": 2, "unanchored": 3, "stale": 4, "invalid": 5,
}
STATUS_BY_RANK: tuple[Status, ...] = ("verified", "unsupported", "contradicted", "unanchored",
                                      "stale", "invalid")

_VALUE: TypeAdapter[Value] = TypeAdapter(TypedValue)


_MODELS: dict[str, type[Value]] = {
    "date": DateValue, "money": MoneyValue, "quantity": QuantityValue, "change": ChangeValue,
    "person": PersonValue, "entity": EntityValue, "quote": QuoteValue,
}


def value_model(value: dict[str, Any]) -> Value:
    """The typed value model of a claim's value as plain data (as a loaded claim holds it:
    validated already, so it is constructed, not validated again)."""
    cls = _MODELS.get(value.get("type", ""))
    if cls is None:
        return _VALUE.validate_python(value)
    fields = {("from_" if k == "from" else k): v for k, v in value.items()}
    if cls is ChangeValue:
        # model_construct does not build nested models: the parts are built here.
        for name in ("by", "to", "from_"):
            part = fields.get(name)
            if isinstance(part, dict):
                fields[name] = ChangePart.model_construct(**part)
    return cls.model_construct(**fields)


def value_data(value: Value) -> dict[str, Any]:
    """A typed value as plain data, as a loaded claim holds it."""
    return value.model_dump(by_alias=True, exclude_none=True)


def typed_value(record: ClaimRecord) -> tuple[dict[str, Any] | None, Problem | None]:
    """The claim's typed value as plain data (a shorthand string parsed), or the problem that
    stops it."""
    if not isinstance(record.value, str):
        return record.value, None  # validated when it was loaded
    try:
        return value_data(parse_shorthand(record.value)), None
    except ShorthandError as exc:
        return None, problem("invalid-value", record.where("value"), claim_id=record.id,
                             field_path="value", reason=str(exc))


def json_value(value: Any) -> Any:
    """A value as plain data in its JSON form (decimals as strings, as pydantic writes them)."""
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


def value_field(value: Value) -> str:
    """The field of a claim whose position a problem with its value points at."""
    if isinstance(value, DateValue):
        return "value.date" if value.date is not None else "value.from"
    if isinstance(value, MoneyValue | QuantityValue) and value.amount is None:
        return "value.min"
    if isinstance(value, ChangeValue):
        part = next((n for n, p in (("by", value.by), ("to", value.to), ("from", value.from_))
                     if p is not None), "of")
        return f"value.{part}"
    return {"money": "value.amount", "quantity": "value.amount", "person": "value.entity",
            "entity": "value.entity"}.get(value.type, "value")


def reference_problems(record: ClaimRecord, value: dict[str, Any] | None,
                       entities: Mapping[str, Entity]) -> list[Problem]:
    """Unknown entities the claim names (``value`` as plain data). A role its entity does not
    declare is no error: each citation matches it as written and warns `undeclared-role`."""
    out: list[Problem] = []
    if record.subject is not None and record.subject not in entities:
        out.append(problem("unknown-entity", record.where("subject"), claim_id=record.id,
                           field_path="subject", field="subject", entity=record.subject,
                           hint=unknown_id(record.subject, entities, "entities")))
    if value is not None and value.get("type") in ("person", "entity"):
        entity = entities.get(value["entity"])
        if entity is None:
            out.append(problem("unknown-entity", record.where("value.entity"), claim_id=record.id,
                               field_path="value.entity", field="value.entity", entity=value["entity"],
                               hint=unknown_id(value["entity"], entities, "entities")))
    return out


def claim_status(citation_ranks: Iterable[int], invalid: bool) -> Status:
    """The claim's status: the worst of its citations', or invalid."""
    worst = max(citation_ranks, default=0)
    if invalid:
        worst = STATUS_RANK["invalid"]
    return STATUS_BY_RANK[worst]
