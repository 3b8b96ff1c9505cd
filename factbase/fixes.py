"""What to write instead of a value the format refuses, worked out with the extractors.

:mod:`factbase.model_errors` says what is wrong in the format's words; some fixes need to
read the value as the extractors read source text: ``amount: 1.6bn`` is the number
1600000000 (or the whole value could be the shorthand ``"$1.6bn"``), ``date: Dec 2019`` is
``2019-12``, ``currency: "$"`` is USD (or another dollar). A fix is suggested only when the
value reads back as exactly one thing; a shorthand is suggested only when it parses back to
the same typed value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .mentions.currencies import fold, tables
from .model import DateValue, MoneyValue, QuantityValue
from .model_errors import DATE_FORMS, SchemaError
from .shorthand import ShorthandError, parse_shorthand

__all__ = ["advise", "parent_at"]

_NUMBER_KEYS = ("amount", "min", "max")
_DATE_KEYS = ("date", "from", "to", "published")
# d/m/yyyy or m/d/yyyy with both parts 12 or less: the order is a convention, not a fact.
_SLASHED = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[/.](\d{4})\s*$")


def parent_at(data: Any, loc: tuple[str | int, ...]) -> Mapping[str, Any] | None:
    """The mapping that holds the field at ``loc`` in ``data``, if there is one."""
    node = data
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node if isinstance(node, Mapping) else None


def advise(err: SchemaError, parent: Mapping[str, Any] | None, in_value: bool) -> str:
    """The error's reason, with what to write instead when the extractors can tell.
    ``in_value`` says whether the field is in a claim's ``value`` (where a shorthand string
    may stand for the whole mapping)."""
    key = err.loc[-1] if err.loc else None
    given = err.input
    if not isinstance(given, str) or not isinstance(key, str) or err.key:
        return err.reason
    if key in _NUMBER_KEYS and "is not a number" in err.reason and "separators" not in err.reason:
        return _number_fix(key, given, parent or {}, in_value) or (
            f"{given!r} is not a number; write the number in digits, such as `{key}: 9000000` "
            "for 9 million")
    if key in _DATE_KEYS and err.reason.startswith(f"{given!r} is not a date"):
        return _date_fix(key, given) or err.reason
    if key == "currency" and "is not an ISO 4217 currency code" in err.reason:
        return _currency_fix(given) or err.reason
    return err.reason


# ---------------------------------------------------------------------------- amounts


def _number_fix(key: str, given: str, parent: Mapping[str, Any], in_value: bool) -> str | None:
    kind = parent.get("type")
    currency = parent.get("currency")
    code = currency.upper() if isinstance(currency, str) else None
    read = _read_amount(given, kind, code, parent.get("unit"))
    if read is None:
        return None
    amount, said_currency = read
    fix = f"{given!r} is not a number; write `{key}: {_digits(amount)}`"
    if said_currency is not None and kind == "quantity":
        fix += f" with `type: money` and `currency: {said_currency}`"
    elif said_currency is not None and said_currency != code:
        fix += f" with `currency: {said_currency}`"
    lone = key == "amount" and not any(k in parent for k in ("min", "max", "qualifier"))
    if in_value and lone and kind in ("money", "quantity"):
        shorthand = _shorthand(given, amount, said_currency or code, kind, parent.get("unit"))
        if shorthand is not None:
            fix += f", or give the whole value as the shorthand `value: {_quoted(shorthand)}`"
    return fix


def _read_amount(given: str, kind: Any, code: str | None,
                 unit: Any) -> tuple[Decimal, str | None] | None:
    """The number ``given`` says ("1.6bn": 1600000000), and the currency it names, if any."""
    tries = [given]
    if code is not None:
        tries += [f"{code} {given}", f"{given} {code}"]
    for text in tries:
        try:
            value = parse_shorthand(text)
        except ShorthandError:
            continue
        if isinstance(value, MoneyValue) and value.amount is not None:
            return value.amount, value.currency if text == given else None
        if isinstance(value, QuantityValue) and value.amount is not None and (
                value.unit is None or kind == "quantity"):
            return Decimal(str(value.amount)), None
    return None


def _shorthand(given: str, amount: Decimal, code: str | None, kind: Any, unit: Any) -> str | None:
    """A shorthand string for the value, checked by parsing it back."""
    if kind == "money" and code is not None:
        currency = tables().currencies.get(code)
        signs = currency.symbols if currency is not None else ()
        tries = [given, *(f"{s}{given}" for s in signs), f"{code} {given}"]
        for text in tries:
            if _parses_to(text, MoneyValue, amount, currency=code):
                return text
        return None
    if kind == "quantity":
        expected = _singular(unit) if isinstance(unit, str) and unit else None
        for text in (given, f"{given} {unit}" if expected else given):
            if _parses_to(text, QuantityValue, amount, unit=expected):
                return text
    return None


def _singular(unit: str) -> str | None:
    try:
        value = parse_shorthand(f"2 {unit}")
    except ShorthandError:
        return None
    return value.unit if isinstance(value, QuantityValue) else None


def _parses_to(text: str, model: type[Any], amount: Decimal, **fields: Any) -> bool:
    try:
        value = parse_shorthand(text)
    except ShorthandError:
        return False
    return isinstance(value, model) and value.amount == amount and value.qualifier is None \
        and all(getattr(value, k) == v for k, v in fields.items())


def _digits(amount: Decimal | Any) -> str:
    text = format(Decimal(str(amount)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------------- dates


def _date_fix(key: str, given: str) -> str | None:
    slashed = _SLASHED.match(given)
    if slashed is not None and int(slashed.group(1)) <= 12 and int(slashed.group(2)) <= 12:
        a, b, year = (int(g) for g in slashed.groups())
        if a != b:
            return (f"{given!r} is ambiguous (day/month or month/day); write `{key}: "
                    f"{year}-{b:02d}-{a:02d}` or `{key}: {year}-{a:02d}-{b:02d}`")
    month_year = _MONTH_YEAR.match(given)
    if month_year is not None and 1 <= int(month_year.group(1)) <= 12:
        return f"{given!r} is not {DATE_FORMS}; write `{key}: {month_year.group(2)}-{int(month_year.group(1)):02d}`"
    try:
        value = parse_shorthand(given)
    except ShorthandError as exc:
        if "relative" in str(exc):
            return (f"{given!r} is relative; write the date itself, as {DATE_FORMS}"
                    + (" (the day it was published)" if key == "published" else ""))
        return None
    if not isinstance(value, DateValue):
        return None
    if value.date is not None and value.qualifier is None:
        return f"{given!r} is not {DATE_FORMS}; write `{key}: {value.date}`"
    if key == "date" and value.from_ is not None and value.to is not None:
        return (f"{given!r} is a period; write `from: {value.from_}` and `to: {value.to}` "
                "in place of `date`")
    if key == "date" and value.date is not None and value.qualifier is not None:
        return (f"{given!r} is not {DATE_FORMS}; write `date: {value.date}` with "
                f"`qualifier: {value.qualifier}`")
    return None


# ---------------------------------------------------------------------------- currencies


def _currency_fix(given: str) -> str | None:
    table = tables()
    text = given.strip()
    codes = table.symbols.get(text)
    what = "a currency sign"
    if not codes:
        codes, what = table.names.get(fold(text)) or (), "a currency name"
    if not codes:
        return None
    fix = f"{given!r} is {what}, not an ISO 4217 code; write `currency: {codes[0]}`"
    if len(codes) > 1:
        others = ", ".join(codes[1:5]) + (", ..." if len(codes) > 5 else "")
        fix += f" (or {others} for another)"
    return fix
