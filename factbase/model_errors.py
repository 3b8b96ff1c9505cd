"""Validation errors of the facts.yaml models, in the words of the format.

Pydantic says what failed; a person writing facts.yaml needs to know what to write instead.
Each failure becomes a :class:`SchemaError`: the dotted path of the field, and a reason that
names the one thing to change: the known field nearest an unknown one (``qoute``: "did you
mean `quote`?", which also answers the "required field is missing" that the misspelling
causes), the allowed value nearest a wrong one, what a missing field holds, the list or
slug a value should have been. Suggestions are made only when they are close (an
optimal-string-alignment similarity of at least 0.7, or a known synonym such as ``number``
for ``quantity``); otherwise the reason lists what is allowed.

Rewrites that need the extractors (``amount: 1.6bn``, ``date: Dec 2019``,
``currency: "$"``) are made by :mod:`factbase.fixes`, which is not a type module.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .model import (
    VALUE_TYPES,
    Citation,
    Claim,
    CoverageIgnore,
    Entity,
    FactsFile,
    Source,
)

__all__ = ["VALUE_FORM_REASON", "SchemaError", "id_hint", "nearest", "schema_errors", "slug_of"]


@dataclass(frozen=True)
class SchemaError:
    """One validation failure, in the words of the format: the dotted path of the field in the
    validated object (``claims.3.value.amount``, or ``value.amount`` for one claim), why it
    is wrong and what to write instead, whether it is about the key itself (an unknown field)
    rather than its value, and the value as given (``input``, for :mod:`factbase.fixes`)."""

    loc: tuple[str | int, ...]
    reason: str
    key: bool = False
    input: Any = None
    kind: str = ""


VALUE_FORM_REASON = "expected a mapping with a `type`, or a shorthand string such as \"$9 million\""

# How close a word must be to a known one to be suggested: optimal string alignment (a
# transposition is one edit), normalized. "qoute"/"quote" is 0.8, "alias"/"aliases" 0.71,
# "colour"/"citations" 0.22.
CLOSE_ENOUGH = 0.7

# Words newcomers write for an allowed value that no spelling distance finds.
SYNONYMS: dict[str, dict[str, str]] = {
    "type": {"number": "quantity", "count": "quantity", "percent": "quantity",
             "percentage": "quantity", "measure": "quantity", "currency": "money",
             "price": "money", "cost": "money", "year": "date", "day": "date", "time": "date",
             "period": "date", "organization": "entity", "place": "entity",
             "text": "quote", "statement": "quote"},
    "kind": {"company": "organization", "firm": "organization", "government": "organization",
             "party": "organization", "agency": "organization", "ministry": "organization",
             "institution": "organization", "group": "organization", "country": "place",
             "city": "place", "region": "place", "treaty": "agreement", "accord": "agreement",
             "deal": "agreement", "law": "agreement"},
    "qualifier": {"approx": "about", "approximately": "about", "around": "about",
                  "roughly": "about", "some": "about", "almost": "nearly", "over": "more-than",
                  "above": "more-than", "under": "less-than", "below": "less-than",
                  "minimum": "at-least", "maximum": "at-most", "ca": "circa", "c": "circa"},
}

_MODELS: dict[str, type[BaseModel]] = {
    m.__name__: m for m in (FactsFile, Claim, Source, Entity, Citation, CoverageIgnore)
}


def nearest(word: str, choices: typing.Iterable[str], synonyms: dict[str, str] | None = None) -> str | None:
    """The choice closest to ``word`` when it is close enough (or ``word``'s synonym), else
    None. Close enough: a similarity of at least ``CLOSE_ENOUGH``, or one edit away from a
    word of two letters or more ("fp" for "ffp")."""
    options = {choice.lower(): choice for choice in choices}
    folded = word.strip().lower()
    if synonyms and folded in synonyms and synonyms[folded] in options:
        return options[synonyms[folded]]
    if folded in options:
        return options[folded]
    found = process.extractOne(folded, list(options), scorer=OSA.normalized_similarity)
    if found is None:
        return None
    best = str(found[0])
    close = found[1] >= CLOSE_ENOUGH or (OSA.distance(folded, best) == 1
                                         and min(len(folded), len(best)) >= 2)
    return options[best] if close else None


def id_hint(given: str, declared: typing.Iterable[str], section: str) -> str:
    """The end of an "unknown id" message: the declared id nearest ``given``, or where to
    declare it."""
    ids = sorted(set(declared))
    best = nearest(given, ids)
    if best is not None:
        return f"; did you mean {best!r}?"
    return f"; declare it under `{section}:`, or correct the id"


def slug_of(text: str) -> str:
    """``text`` as a slug: "Fund 1" -> "fund-1"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def schema_errors(exc: ValidationError, value_at: int | None = 2,
                  data: Any = None) -> list[SchemaError]:
    """The failures of a pydantic validation error. ``value_at`` is where a claim's ``value``
    sits in an error's location: 2 in a whole file (``claims``, index, ``value``), 0 when one
    claim was validated, None when no claim was (nothing to say of its two forms). ``data``
    is what was validated, when at hand: an unknown field is then never "corrected" to one
    the mapping already has."""
    errors = exc.errors(include_url=False)
    roots = _roots(exc.title)
    merged = _misspelled(errors, roots, data)
    if value_at is None:
        return [_error(e, roots, merged) for e in errors if id(e) not in merged.dropped]
    v = value_at
    # `value` is a typed mapping or a shorthand string: pydantic reports a failure of each
    # branch. The string branch's complaint is noise unless nothing else was said.
    typed_failures = {e["loc"][:v + 1] for e in errors
                      if e["loc"][v + 1:v + 2] != ("str",) and len(e["loc"]) > v + 1}
    out: list[SchemaError] = []
    for err in errors:
        raw = err["loc"]
        if id(err) in merged.dropped:
            continue
        is_value = raw[v:v + 1] == ("value",)
        if is_value and raw[v + 1:] == ("str",) and raw[:v + 1] in typed_failures:
            if err["input"] is not None and not isinstance(err["input"], dict):
                out.append(SchemaError(_clean_loc(raw[:v + 1]), VALUE_FORM_REASON,
                                       input=err["input"], kind=err["type"]))
            continue
        if err["type"] == "model_attributes_type" and is_value and len(raw) == v + 2:
            continue
        out.append(_error(err, roots, merged))
    return out


def _error(err: Any, roots: list[type[BaseModel]], merged: _Merged) -> SchemaError:
    raw = err["loc"]
    reason = merged.reasons.get(id(err)) or _reason(err, roots)
    return SchemaError(_clean_loc(raw), reason, err["type"] == "extra_forbidden",
                       input=err["input"], kind=err["type"])


def _clean_loc(raw: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's union bookkeeping ('tagged-union[...]' and the tag after it)."""
    out: list[str | int] = []
    skip = False
    for part in raw:
        if skip:
            skip = False
            continue
        if isinstance(part, str) and part.startswith(("tagged-union[", "function-")):
            skip = part.startswith("tagged-union[")
            continue
        out.append(part)
    return tuple(out)


# ---------------------------------------------------------------------------- the models


def _roots(title: str) -> list[type[BaseModel]]:
    """The model a validation error is about (by the error's title), or every value model
    when a value was validated alone."""
    model = _MODELS.get(title)
    return [model] if model is not None else _members(Claim.model_fields["value"].annotation)


def _members(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation holds: itself, the items of a list, the members of a union."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return []


def _type_tag(model: type[BaseModel]) -> str | None:
    field = model.model_fields.get("type")
    args = typing.get_args(field.annotation) if field is not None else ()
    return str(args[0]) if len(args) == 1 else None


def _models_at(roots: list[type[BaseModel]], raw: tuple[Any, ...]) -> list[type[BaseModel]]:
    """The models that may hold the mapping at the raw pydantic location ``raw``."""
    models = roots
    for part in raw:
        if isinstance(part, int) or (isinstance(part, str) and part.startswith("function-")):
            continue
        if isinstance(part, str) and part.startswith("tagged-union["):
            continue
        tagged = [m for m in models if _type_tag(m) == part]
        if tagged and not any(_field(m, part) for m in models):
            models = tagged
            continue
        found = [info for m in models if (info := _field(m, part)) is not None]
        models = [m for info in found for m in _members(info.annotation)]
        if not models:
            return []
    return models


def _field(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info
    return None


def _keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


# ---------------------------------------------------------------------------- misspelled keys


@dataclass
class _Merged:
    reasons: dict[int, str]
    dropped: set[int]


def _misspelled(errors: list[Any], roots: list[type[BaseModel]], data: Any) -> _Merged:
    """Reasons for unknown fields, with the known field each one most likely meant; the
    "required field is missing" of that field is then dropped (renaming the key fixes both)."""
    merged = _Merged({}, set())
    missing: dict[tuple[Any, ...], dict[str, Any]] = {}
    for err in errors:
        if err["type"] == "missing" and isinstance(err["loc"][-1], str):
            missing.setdefault(tuple(err["loc"][:-1]), {})[err["loc"][-1]] = err
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        parent, key = tuple(err["loc"][:-1]), str(err["loc"][-1])
        known: list[str] = []
        for model in _models_at(roots, parent):
            known.extend(k for k in _keys(model) if k not in known)
        if not known:
            continue
        given = _given_keys(data, _clean_loc(parent), missing.get(parent))
        best = nearest(key, [k for k in known if k not in given])
        if best is not None:
            merged.reasons[id(err)] = f"unknown field; did you mean `{best}`?"
            lost = missing.get(parent, {}).get(best)
            if lost is not None:
                merged.dropped.add(id(lost))
        else:
            merged.reasons[id(err)] = f"unknown field; expected one of {', '.join(known)}"
    return merged


def _given_keys(data: Any, loc: tuple[str | int, ...], missing: dict[str, Any] | None) -> set[str]:
    """The keys the mapping at ``loc`` has, as far as the data (or a "missing" error's input,
    which is that mapping) tells."""
    for err in (missing or {}).values():
        if isinstance(err["input"], dict):
            return set(err["input"])
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return set()
    return set(node) if isinstance(node, dict) else set()


# ---------------------------------------------------------------------------- reasons

_PATTERN_NAMES = {
    "^[a-z0-9][a-z0-9-]*$": "expected a slug (lowercase letters, digits and hyphens)",
    "^[0-9a-f]{64}$": "expected 64 lowercase hex digits; let `factbase pin` write it",
}
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


def _reason(err: Any, roots: list[type[BaseModel]]) -> str:
    kind = err["type"]
    raw = err["loc"]
    key = raw[-1] if raw and isinstance(raw[-1], str) else None
    given = err.get("input")
    ctx = err.get("ctx", {})
    if kind == "missing":
        return _missing(roots, raw)
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag"))
        best = nearest(tag, VALUE_TYPES, SYNONYMS["type"])
        if best is not None:
            return f"unknown value type {tag!r}; did you mean `type: {best}`?"
        return f"unknown value type {tag!r}; expected one of {', '.join(VALUE_TYPES)}"
    if kind == "union_tag_not_found":
        return f"a typed value needs a `type`: one of {', '.join(VALUE_TYPES)}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        shown = ", ".join(allowed)
        best = nearest(str(given), allowed, SYNONYMS.get(str(key))) if isinstance(given, str) else None
        if best is not None and key is not None:
            return f"{given!r} is not one of {shown}; did you mean `{key}: {best}`?"
        return f"{given!r} is not one of {shown}" if given is not None else f"expected one of {shown}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^\\d{4}"):
            return date_reason(str(given), str(key or "date"))
        if pattern == "^[a-z0-9][a-z0-9-]*$" and isinstance(given, str) and slug_of(given):
            return f"{_PATTERN_NAMES[pattern]}; write `{key}: {slug_of(given)}`"
        return _PATTERN_NAMES.get(pattern, str(err["msg"]))
    if kind == "list_type" and key is not None and isinstance(given, str | int):
        return f"expected a list; write `{key}: [{given}]`"
    if kind == "too_short":
        if key == "citations":
            return "is empty; a claim cites at least one span: add `- source: …` with its `quote: …`"
        return f"is empty; give at least {ctx.get('min_length', 1)} item"
    if kind == "string_too_short":
        return "is empty; write the text"
    if kind == "model_type":
        return f"expected a mapping of fields (`key: value` lines), not {_shown_type(given)}"
    if kind == "string_type" and given is not None:
        return f"expected text, not {_shown_type(given)}; put it in quotes"
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


def _shown_type(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return repr(value)


def _missing(roots: list[type[BaseModel]], raw: tuple[Any, ...]) -> str:
    """"required field is missing", with what to add: the field's description."""
    name = raw[-1] if raw else None
    if not isinstance(name, str):
        return "required field is missing"
    info = next((i for m in _models_at(roots, raw[:-1]) if (i := _field(m, name)) is not None), None)
    about = (info.description or "").split(". ")[0].split(" (")[0].rstrip(".") if info else ""
    if about:
        about = about[0].lower() + about[1:]
        return f"required field is missing; add `{name}:` ({about})"
    return f"required field is missing; add `{name}:`"


_NEAR_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


def date_reason(given: str, key: str = "date") -> str:
    """Why ``given`` is not a date of the format, when it looks like one."""
    near = _NEAR_ISO.match(given.strip())
    if near is not None:
        year, month, day = near.group(1), int(near.group(2)), near.group(3)
        if not 1 <= month <= 12:
            return f"{given!r} has no month {month} (months are 01 to 12); write {DATE_FORMS}"
        if day is not None and not 1 <= int(day) <= 31:
            return f"{given!r} has no day {int(day)}; write {DATE_FORMS}"
        fixed = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day is not None else "")
        return f"{given!r} is not {DATE_FORMS}; write `{key}: {fixed}` (two digits for month and day)"
    return f"{given!r} is not a date as {DATE_FORMS}"
