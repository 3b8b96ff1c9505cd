"""Shorthand values: ``value: "$9 million"`` parsed by the same extractors as source text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .mentions import find_mentions
from .mentions.nouns import singular
from .mentions.types import Mention
from .model import DateValue, MoneyValue, QuantityValue
from .values import Money, Quantity, When

CLAIM_QUALIFIERS = {"about", "nearly", "odd", "at-least", "at-most", "more-than", "less-than"}
DATE_QUALIFIERS = {"early", "mid", "late", "circa", "before", "after"}


class ShorthandError(ValueError):
    pass


def parse_shorthand(text: str) -> DateValue | MoneyValue | QuantityValue:
    """The typed value a shorthand string stands for.

    The whole string must be one date, money or quantity mention; anything else (nothing
    found, several values, a relative date) asks for the explicit form. A range ("6-7%",
    "$40 to $50") is a value with ``min`` and ``max``.
    """
    stripped = text.strip()
    mentions = find_mentions(stripped, kinds=("date", "money", "quantity"))
    if not _whole(stripped, mentions):
        raise ShorthandError(_not_one_value(text, stripped, mentions))
    value = mentions[0].value
    if isinstance(value, When):
        return _date(text, value)
    if isinstance(value, Money | Quantity):
        qualifier = value.qualifier
        if qualifier is not None and qualifier not in CLAIM_QUALIFIERS:
            raise ShorthandError(f"shorthand {text!r} has qualifier {qualifier!r}, which a claim's "
                                 f"value cannot carry; write the typed form {_typed(value)}")
        number: dict[str, Any] = (
            {"amount": value.amount} if value.upper is None else {"min": value.amount, "max": value.upper})
        if isinstance(value, Money):
            return MoneyValue(type="money", currency=value.currency, qualifier=qualifier, **number)
        return QuantityValue(type="quantity", unit=value.unit, qualifier=qualifier, **number)
    raise ShorthandError(f"shorthand {text!r} is not a date, amount or quantity")


def _not_one_value(text: str, stripped: str, mentions: list[Mention]) -> str:
    """Why a shorthand is not one value, and the typed form to write instead."""
    if not mentions:
        return (f"shorthand {text!r} holds no date, amount or quantity; write one (\"$9 "
                "million\", \"Dec. 24, 2019\", \"284 companies\"), or a typed value such as "
                "{type: entity, entity: ID} or {type: quote}")
    first = mentions[0]
    if len(mentions) == 1:
        unit = stripped[first.end:].split()[-1:] if isinstance(first.value, Quantity) else []
        return (f"shorthand {text!r} is not one value (found {first.text!r}); write the typed "
                f"form {_typed(first.value, ' '.join(unit) or None)}")
    found = ", ".join(repr(m.text) for m in mentions[:4])
    return (f"shorthand {text!r} holds several values ({found}); keep the one the claim means, "
            f"or write its typed form, such as {_typed(first.value)}")


def _typed(value: object, unit: str | None = None) -> str:
    """The typed form of an extracted value, as a YAML flow mapping."""
    parts: list[str] = []
    if isinstance(value, Money | Quantity):
        parts.append(f"type: {'money' if isinstance(value, Money) else 'quantity'}")
        parts += ([f"amount: {value.amount}"] if value.upper is None
                  else [f"min: {value.amount}", f"max: {value.upper}"])
        if isinstance(value, Money):
            parts.append(f"currency: {value.currency}")
        elif unit or value.unit:
            parts.append(f"unit: {unit or value.unit}")
        if value.qualifier in CLAIM_QUALIFIERS:
            parts.append(f"qualifier: {value.qualifier}")
    elif isinstance(value, When) and not value.relative:
        parts.append("type: date")
        if "/" not in value.iso and value.iso:
            parts.append(f"date: {value.iso}")
        elif value.iso.count("/") == 1:
            start, end = value.iso.split("/")
            parts += [f"from: {start}", f"to: {end}"]
        else:
            return "{type: date, from: YYYY-MM-DD, to: YYYY-MM-DD}"
        if value.qualifier in DATE_QUALIFIERS:
            parts.append(f"qualifier: {value.qualifier}")
    else:
        return "{type: ...} (docs/format.md)"
    return "{" + ", ".join(parts) + "}"


def _whole(text: str, mentions: list[Mention]) -> bool:
    """Whether the mentions are one value that is the whole text: a quantity's mention is
    its number ("284"), and the counted noun after it ("companies") is its unit."""
    if len(mentions) != 1 or mentions[0].start != 0:
        return False
    found = mentions[0]
    if found.end == len(text):
        return True
    rest = text[found.end:].strip()
    return isinstance(found.value, Quantity) and found.value.unit is not None \
        and singular(rest) == found.value.unit


def _date(text: str, value: When) -> DateValue:
    if value.relative:
        raise ShorthandError(f"shorthand {text!r} is a relative date; write the date it means "
                             "(\"December 2019\", \"Dec. 24, 2019\")")
    qualifier = value.qualifier if value.qualifier in DATE_QUALIFIERS else None
    if "/" not in value.iso and value.precision in ("day", "month", "year"):
        return DateValue(type="date", date=value.iso, qualifier=qualifier)
    if value.first is None or value.last is None or qualifier is not None:
        raise ShorthandError(f"shorthand {text!r} is not a plain date; write the typed form "
                             f"{_typed(value)}")
    start, end = _partial(value.first, value.last)
    return DateValue(type="date", **{"from": start}, to=end)


def _partial(first: dt.date, last: dt.date) -> tuple[str, str]:
    """The coarsest partial dates that span [first, last] exactly."""
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year), str(last.year)
    if first.day == 1 and (last + dt.timedelta(days=1)).day == 1:
        return first.strftime("%Y-%m"), last.strftime("%Y-%m")
    return first.isoformat(), last.isoformat()
