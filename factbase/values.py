"""Typed values found in text, and the rules that compare them with claimed values.

The mention extractors (``factbase.mentions``) produce :class:`When`, :class:`Money`,
:class:`Quantity`, :class:`Name` and :class:`Person` values; the verifier compares them with a claim's
typed value using the functions at the end of this module.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, TypeAlias

Precision = Literal["day", "month", "season", "quarter", "half", "year", "decade", "century", "open"]
PRECISION_RANK: dict[str, int] = {
    "day": 0, "month": 1, "season": 2, "quarter": 2, "half": 3, "year": 4, "decade": 5, "century": 6,
    "open": 7,
}

# An exact number: a Decimal when it has a finite decimal form (0.5, 0.75, 284), else a
# Fraction (1/3, 2/3, 1/6). "a third" is 1/3, never 0.3333333333333333333333333333.
Number: TypeAlias = Decimal | Fraction

MIN_DATE = dt.date(1, 1, 1)
MAX_DATE = dt.date(9999, 12, 31)


# ---------------------------------------------------------------------------- values


@dataclass(frozen=True)
class When:
    """A date or interval found in text.

    ``first`` and ``last`` are inclusive days; ``iso`` is the ISO form ("2019", "2019-07",
    "2019-12-24", or "start/end" for intervals); ``precision`` is the unit of the coarsest end.
    A relative mention ("last month") with no reference date has ``resolved`` False and no
    interval; ``needs`` then says how precise the reference must be to resolve it ("day" for
    "next week").

    A period written with two ends ("from approximately 1990 to June 2004", "2015-16",
    "Dec. 24-26, 2019", "World War II") also carries its ends, each with its own qualifier:
    ``from_`` and ``to``. ``first``/``last`` then run from the first day of ``from_`` to the
    last day of ``to``, and ``qualifier`` stays None.
    """

    iso: str
    precision: Precision
    first: dt.date | None
    last: dt.date | None
    qualifier: str | None = None
    relative: bool = False
    needs: Precision | None = None
    from_: When | None = None
    to: When | None = None

    @property
    def resolved(self) -> bool:
        return self.first is not None and self.last is not None

    @property
    def is_period(self) -> bool:
        return self.from_ is not None and self.to is not None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "iso": self.iso,
            "precision": self.precision,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "qualifier": self.qualifier,
            "relative": self.relative,
        }
        if self.needs is not None:
            out["needs"] = self.needs
        if self.from_ is not None and self.to is not None:
            out["from"] = self.from_.to_dict()
            out["to"] = self.to.to_dict()
        return out

    def __str__(self) -> str:
        text = self.iso or "unresolved date"
        return f"{self.qualifier} {text}" if self.qualifier else text


@dataclass(frozen=True)
class Clause:
    """What an amount is in its clause: a level ("4.7 million") or a change ("rose 8%"), and
    how it is linked to the others of the same movement.

    In "rose 8% to 4.7 million", 8 % is a ``change`` with direction ``up`` whose ``to`` is
    the start offset of the mention "4.7 million", a ``level`` with side ``to``, direction
    ``up`` and ``change`` pointing back at "8%". In "cut to 4.5% from 4.75%" both are levels:
    4.5 % on the ``to`` side, 4.75 % on the ``from`` side, direction ``down``, each with
    ``pair`` pointing at the other. ``subject`` is the noun phrase that moves, as written
    ("exports" in "exports rose 6% while imports added 3%"), when the clause shows it.

    A mention whose clause says nothing (a plain amount: "a $9 million fund") has no
    ``Clause`` at all (``clause`` None): it is a level.
    """

    role: Literal["level", "change"] = "level"
    direction: Literal["up", "down"] | None = None
    side: Literal["to", "from"] | None = None   # a level reached, or left
    change: int | None = None                    # a level's change mention (start offset)
    to: int | None = None                        # a change's new level (start offset)
    from_: int | None = None                     # a change's old level (start offset)
    pair: int | None = None                      # a level's level on the other side (start offset)
    subject: str | None = None                   # what moves, as written ("exports")

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "direction": self.direction, "side": self.side,
                "change": self.change, "to": self.to, "from": self.from_, "pair": self.pair,
                "subject": self.subject}

    def __str__(self) -> str:
        """'change up (to @17)', 'level to down (pair @35)': role, side, direction, links."""
        words = " ".join(w for w in (self.role, self.side, self.direction) if w)
        links = ", ".join(f"{name} @{at}" for name, at in (("change", self.change), ("to", self.to),
                                                            ("from", self.from_), ("pair", self.pair))
                          if at is not None)
        return f"{words} ({links})" if links else words

    def shifted(self, by: int) -> Clause:
        """The same clause with its offsets moved by ``by`` (for mentions found in a slice
        of a text)."""
        def move(offset: int | None) -> int | None:
            return None if offset is None else offset + by
        return replace(self, change=move(self.change), to=move(self.to), from_=move(self.from_),
                       pair=move(self.pair))


@dataclass(frozen=True)
class Money:
    """An amount of money. ``upper`` is set for ranges ("$3-4 million"); ``clause`` says what
    it is in its clause, when known (None: a plain level)."""

    amount: Decimal
    currency: str
    qualifier: str | None = None
    upper: Decimal | None = None
    clause: Clause | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": str(self.amount),
            "currency": self.currency,
            "qualifier": self.qualifier,
            "upper": None if self.upper is None else str(self.upper),
            **({"clause": self.clause.to_dict()} if self.clause is not None else {}),
        }

    def __str__(self) -> str:
        amount = format_decimal(self.amount)
        if self.upper is not None:
            amount += f"-{format_decimal(self.upper)}"
        text = f"{amount} {self.currency}"
        return f"{self.qualifier} {text}" if self.qualifier else text


@dataclass(frozen=True)
class Quantity:
    """A count or measure. ``unit`` is the counted noun in singular form, when clear;
    ``clause`` as for :class:`Money`. ``amount`` and ``upper`` are exact: a
    :class:`~fractions.Fraction` when the number has no finite decimal form ("a third")."""

    amount: Number
    unit: str | None = None
    qualifier: str | None = None
    upper: Number | None = None
    clause: Clause | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": str(self.amount),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "upper": None if self.upper is None else str(self.upper),
            **({"clause": self.clause.to_dict()} if self.clause is not None else {}),
        }

    def __str__(self) -> str:
        text = format_decimal(self.amount)
        if self.upper is not None:
            text += f"-{format_decimal(self.upper)}"
        if self.unit:
            text += f" {self.unit}"
        return f"{self.qualifier} {text}" if self.qualifier else text


@dataclass(frozen=True)
class Name:
    """A known entity named in text, or one of its roles (``role`` set, for kind ``role``)."""

    entity: str
    alias: str
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "alias": self.alias, "role": self.role}

    def __str__(self) -> str:
        return f"{self.entity} ({self.role})" if self.role else self.entity


@dataclass(frozen=True)
class Person:
    """A person named with a title in text, who need not be a declared entity: "Helmut Panke,
    BMW's group chief executive" -> name "Helmut Panke", role "group chief executive".
    ``name`` is written as in the text (honorifics left out); ``role`` is the title as
    written; ``role_start``/``role_end`` are its code-point offsets in the source."""

    name: str
    role: str
    role_start: int
    role_end: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "role_start": self.role_start,
                "role_end": self.role_end}

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


MentionValue = When | Money | Quantity | Name | Person


def format_decimal(value: Number) -> str:
    """9000000 -> '9000000', 2.50 -> '2.5' (never scientific notation); a fraction as
    'numerator/denominator' ('1/3'), the form facts.yaml accepts."""
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    text = format(value.normalize(), "f")
    return text


def exact_number(value: Fraction | int) -> Number:
    """The canonical exact form of a rational: a Decimal when it has a finite decimal form
    (3/4 -> Decimal('0.75')), else the Fraction (1/3)."""
    fraction = Fraction(value)
    denominator = fraction.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return fraction
    places = max(twos, fives)
    return Decimal(fraction.numerator * 10**places // fraction.denominator).scaleb(-places)


def parse_exact(text: str) -> Number:
    """A number as facts.yaml writes it: a decimal ('0.75', '1e3') or an exact fraction
    ('1/3', '-2/3'). Raises ValueError."""
    if "/" in text:
        top, _, bottom = text.partition("/")
        if not (top.strip().lstrip("+-").isdigit() and bottom.strip().isdigit()):
            raise ValueError(f"{text!r} is not a fraction: write it as 1/3")
        if int(bottom) == 0:
            raise ValueError(f"{text!r} divides by zero")
        return exact_number(Fraction(int(top), int(bottom)))
    return Decimal(text)


# ---------------------------------------------------------------------------- dates


def month_last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def partial_date_interval(text: str) -> tuple[dt.date, dt.date, Precision]:
    """'2019' -> (2019-01-01, 2019-12-31, 'year'); '2019-12' -> month; '2019-12-24' -> day."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year"
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, 1), dt.date(year, month, month_last_day(year, month)), "month"
    day = dt.date(parts[0], parts[1], parts[2])
    return day, day, "day"


def qualify(first: dt.date, last: dt.date, qualifier: str | None) -> tuple[dt.date, dt.date]:
    """Apply a date qualifier to an inclusive interval.

    The windows, documented in docs/verification.md. The interval is cut into whole years when
    it is made of whole years (and at least three), else into whole months (at least three),
    else into days; with n units and k = n // 3: early is the first k units, late the last k,
    mid what lies between (2019: Jan-Apr, May-Aug, Sep-Dec; the 1990s: 1990-92, 1993-96,
    1997-99; December 2019: 1-10, 11-21, 22-31).
    circa: the interval widened by its own length on each side (circa 2019 = 2018-2020);
    before: everything up to the day before ``first``; after: everything from the day after
    ``last``.
    """
    if qualifier is None:
        return first, last
    if qualifier in ("early", "mid", "late"):
        cuts = _units(first, last)
        n = len(cuts)
        k = max(n // 3, 1)
        ends = [_safe_shift(c, -1) for c in cuts[1:]] + [last]
        if qualifier == "early":
            return cuts[0], ends[k - 1]
        if qualifier == "late":
            return cuts[n - k], last
        if n - 2 * k <= 0:
            return first, last
        return cuts[k], ends[n - k - 1]
    if qualifier == "circa":
        return _circa(first, last)
    if qualifier == "before":
        return MIN_DATE, _safe_shift(first, -1)
    if qualifier == "after":
        return _safe_shift(last, 1), MAX_DATE
    raise ValueError(f"unknown date qualifier {qualifier!r}")


def _circa(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """Widen [first, last] by its own length on each side, in whole years or months if it is
    made of them."""
    next_day = _safe_shift(last, 1)
    if first.day == 1 and next_day.day == 1:
        months = (next_day.year - first.year) * 12 + next_day.month - first.month
        lo = first.year * 12 + first.month - 1 - months
        hi = next_day.year * 12 + next_day.month - 1 + months
        if lo >= 1 * 12 and hi < 10000 * 12:
            return dt.date(lo // 12, lo % 12 + 1, 1), _safe_shift(dt.date(hi // 12, hi % 12 + 1, 1), -1)
        return MIN_DATE, MAX_DATE
    days = (last - first).days + 1
    return _safe_shift(first, -days), _safe_shift(last, days)


def _units(first: dt.date, last: dt.date) -> list[dt.date]:
    """Start days of the whole years, else months, else days that make up [first, last]."""
    next_day = _safe_shift(last, 1)
    if (first.month, first.day, next_day.month, next_day.day) == (1, 1, 1, 1) and next_day.year - first.year >= 3:
        return [dt.date(y, 1, 1) for y in range(first.year, next_day.year)]
    if first.day == 1 and next_day.day == 1:
        months = (next_day.year - first.year) * 12 + next_day.month - first.month
        if months >= 3:
            return [dt.date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
                    for i in range(months)]
    return [_safe_shift(first, i) for i in range((last - first).days + 1)]


def _safe_shift(day: dt.date, delta: int) -> dt.date:
    try:
        return day + dt.timedelta(days=delta)
    except OverflowError:
        return MIN_DATE if delta < 0 else MAX_DATE


# ---------------------------------------------------------------------------- amounts

# How far "about" reaches either side of a number, as a fraction of it (docs/verification.md).
ABOUT_TOLERANCE = Decimal("0.1")


@dataclass(frozen=True)
class Bound:
    value: Fraction | None  # None: unbounded
    closed: bool


def amount_interval(amount: Number, qualifier: str | None, upper: Number | None = None) -> tuple[Bound, Bound]:
    """The values a qualified number admits, as exact fractions (a Decimal and a Fraction
    compare without rounding: 1/3 is not 0.3333).

    exact: [a, a]; a range a-b: [a, b]; about: [a - 10 %, a + 10 %]; nearly: [a - 10 %, a);
    odd ("50-odd"): (a, a + 10 %]; at-least: [a, inf); more-than: (a, inf);
    at-most: (-inf, a]; less-than: (-inf, a).
    """
    low = Fraction(amount)
    top = low if upper is None else Fraction(upper)
    slack = abs(low) * _TOLERANCE
    if qualifier is None:
        return Bound(low, True), Bound(top, True)
    if qualifier == "about":
        return Bound(low - slack, True), Bound(top + slack, True)
    if qualifier == "nearly":
        return Bound(low - slack, True), Bound(top, False)
    if qualifier == "odd":
        return Bound(low, False), Bound(top + slack, True)
    if qualifier == "at-least":
        return Bound(low, True), Bound(None, False)
    if qualifier == "more-than":
        return Bound(low, False), Bound(None, False)
    if qualifier == "at-most":
        return Bound(None, False), Bound(top, True)
    if qualifier == "less-than":
        return Bound(None, False), Bound(top, False)
    raise ValueError(f"unknown amount qualifier {qualifier!r}")


_TOLERANCE = Fraction(ABOUT_TOLERANCE)


def _lower_inside(inner: Bound, outer: Bound) -> bool:
    if outer.value is None:
        return True
    if inner.value is None:
        return False
    if inner.value > outer.value:
        return True
    return inner.value == outer.value and (outer.closed or not inner.closed)


def _upper_inside(inner: Bound, outer: Bound) -> bool:
    if outer.value is None:
        return True
    if inner.value is None:
        return False
    if inner.value < outer.value:
        return True
    return inner.value == outer.value and (outer.closed or not inner.closed)


def amounts_agree(
    claimed: Number, claimed_qualifier: str | None, found: Number, found_qualifier: str | None,
    found_upper: Number | None = None,
) -> bool:
    """True when every value the found number admits is one the claimed number admits.
    Exact for fractions: a claimed 1/3 agrees with "a third", not with 0.3333."""
    c_lo, c_hi = amount_interval(claimed, claimed_qualifier)
    f_lo, f_hi = amount_interval(found, found_qualifier, found_upper)
    return _lower_inside(f_lo, c_lo) and _upper_inside(f_hi, c_hi)


# ---------------------------------------------------------------------------- dates vs claims

Outcome = Literal["match", "mismatch", "coarser", "unresolved"]


def claimed_interval(date: str | None, start: str | None, end: str | None, qualifier: str | None) -> tuple[dt.date, dt.date, Precision]:
    """The inclusive interval a claimed date (or from/to) covers, after its qualifier."""
    if date is not None:
        first, last, precision = partial_date_interval(date)
    else:
        assert start is not None and end is not None
        first, _, p1 = partial_date_interval(start)
        _, last, p2 = partial_date_interval(end)
        precision = max(p1, p2, key=lambda p: PRECISION_RANK[p])
    first, last = qualify(first, last, qualifier)
    return first, last, precision


def compare_dates(claim: tuple[dt.date, dt.date], found: When) -> Outcome:
    """A found date supports a claimed interval when it lies inside it. A found date that
    strictly contains the claim is coarser: "December 2019" for a claimed 2019-12-24."""
    if not found.resolved:
        return "unresolved"
    assert found.first is not None and found.last is not None
    c_first, c_last = claim
    if c_first <= found.first and found.last <= c_last:
        return "match"
    if found.first <= c_first and c_last <= found.last:
        return "coarser"
    return "mismatch"
