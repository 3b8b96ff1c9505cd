"""Resolving relative dates ("last month", "in April", "on Tuesday") against a reference date.

The reference is a source's ``published`` date: "YYYY", "YYYY-MM" or "YYYY-MM-DD". A relative
form resolves only when the reference is at least as precise as the form needs (a weekday or
"yesterday" needs a day, "last month" or "this past August" needs a month, "next year" needs a
year); otherwise it stays unresolved and the verifier reports ``relative-date-unresolved``.
The rules are documented in docs/dates.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..values import PRECISION_RANK, Precision, When, month_last_day

# nearest: the occurrence closest to the reference (ties go to the reference's own year);
# past / future: strictly before / after the reference; since: on or before the reference;
# ahead: on or after the reference; this: in the reference's own year (or week, for weekdays).
Direction = Literal["nearest", "past", "future", "since", "ahead", "this"]

_REFERENCE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@dataclass(frozen=True)
class Reference:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


def parse_reference(reference: str | None) -> Reference | None:
    """'2020' / '2020-01' / '2020-01-15' -> Reference; None -> None; anything else: ValueError."""
    if reference is None:
        return None
    match = _REFERENCE.fullmatch(reference.strip())
    if not match:
        raise ValueError(f"reference date must be YYYY, YYYY-MM or YYYY-MM-DD, not {reference!r}")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if year < 1 or (month is not None and not 1 <= month <= 12):
        raise ValueError(f"invalid reference date {reference!r}")
    if month is not None and day is not None:
        dt.date(year, month, day)  # raises ValueError for 2019-02-30
    return Reference(year, month, day)


# ---------------------------------------------------------------------------- building values


def unresolved(precision: Precision, needs: Precision, qualifier: str | None = None) -> When:
    """A relative date that the reference cannot resolve: ``needs`` is the precision the
    reference must have ("day" for "next week")."""
    return When(iso="", precision=precision, first=None, last=None, qualifier=qualifier,
                relative=True, needs=needs)


def year_value(first_year: int, last_year: int | None = None,
               precision: Precision = "year") -> When:
    last_year = first_year if last_year is None else last_year
    iso = f"{first_year:04d}" if last_year == first_year else f"{first_year:04d}/{last_year:04d}"
    return When(iso, precision, dt.date(first_year, 1, 1), dt.date(last_year, 12, 31))


def month_value(year: int, month: int) -> When:
    return When(f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1),
                dt.date(year, month, month_last_day(year, month)))


def months_value(year: int, month: int, count: int, precision: Precision) -> When:
    """``count`` months from year-month, as an interval ("2019-07/2019-09")."""
    end_index = year * 12 + month - 1 + count - 1
    end_year, end_month = divmod(end_index, 12)
    end_month += 1
    first = dt.date(year, month, 1)
    last = dt.date(end_year, end_month, month_last_day(end_year, end_month))
    return When(f"{year:04d}-{month:02d}/{end_year:04d}-{end_month:02d}", precision, first, last)


def day_value(first: dt.date, last: dt.date | None = None) -> When:
    last = first if last is None else last
    iso = first.isoformat() if last == first else f"{first.isoformat()}/{last.isoformat()}"
    return When(iso, "day", first, last)


def period(start: When, end: When, precision: Precision | None = None) -> When:
    """A period written with two ends ("from 2010 to March 2015", "Dec. 24-26"): the interval
    from the first day of ``start`` to the last day of ``end``, carrying both ends."""
    assert start.first is not None and end.last is not None
    coarser = max(start.precision, end.precision, key=lambda p: PRECISION_RANK[p])
    iso = f"{start.iso.split('/')[0]}/{end.iso.split('/')[-1]}"
    return When(iso, precision or coarser, start.first, end.last, None,
                start.relative or end.relative, from_=start, to=end)


def day_period(first: dt.date, last: dt.date) -> When:
    """A day, or a run of days written with two ends ("Dec. 24-26", "June 3 and 4")."""
    return day_value(first) if first == last else period(day_value(first), day_value(last))


def relative(value: When) -> When:
    ends = {} if value.from_ is None or value.to is None else {
        "from_": relative(value.from_), "to": relative(value.to)}
    return When(value.iso, value.precision, value.first, value.last, value.qualifier, True,
                value.needs, **ends)


# ---------------------------------------------------------------------------- resolution


def resolve_month_year(ref: Reference, month: int, direction: Direction) -> int | None:
    """The year of a month named without one ("in April", "this past August")."""
    if ref.month is None:
        # Only the year is known: "in April" is April of that year; "last April" is unknowable.
        return ref.year if direction in ("nearest", "since", "ahead", "this") else None
    here = ref.year * 12 + ref.month - 1
    if direction == "this":
        return ref.year
    candidates = [(year, year * 12 + month - 1) for year in (ref.year - 1, ref.year, ref.year + 1)]
    if direction == "past":
        return max(year for year, index in candidates if index < here)
    if direction == "future":
        return min(year for year, index in candidates if index > here)
    if direction == "since":
        return max(year for year, index in candidates if index <= here)
    if direction == "ahead":
        return min(year for year, index in candidates if index >= here)
    best = min(abs(index - here) for _, index in candidates)
    years = [year for year, index in candidates if abs(index - here) == best]
    return ref.year if ref.year in years else years[0]


def resolve_day_year(ref: Reference, month: int, day: int, direction: Direction) -> int | None:
    """The year of a day named without one ("on Dec. 20", "Christmas Day"). With a
    day-precision reference it is placed by the day ("was signed on Dec. 20" read on
    2004-12-16 is 2003-12-20), otherwise by the month, as :func:`resolve_month_year`."""
    today = ref.date
    if today is None or direction == "this":
        return resolve_month_year(ref, month, direction)
    here = (today.month, today.day)
    years = (ref.year - 1, ref.year, ref.year + 1)
    past = [y for y in years if (y, month, day) < (ref.year, *here)]
    ahead = [y for y in years if (y, month, day) > (ref.year, *here)]
    if direction == "past":
        return max(past)
    if direction == "future":
        return min(ahead)
    if (month, day) == here:
        return ref.year
    if direction == "since":
        return max(past)
    if direction == "ahead":
        return min(ahead)
    return resolve_month_year(ref, month, direction)


def resolve_year(ref: Reference, interval: Callable[[int], tuple[dt.date, dt.date] | None],
                 direction: Direction) -> int | None:
    """The year of a date named without one whose days in a year ``interval`` gives (a
    quarter, a season, a named day): by ``direction`` around the reference's day, or its
    month when it has no day; the reference's own year when it has neither."""
    if ref.month is None or direction == "this":
        return ref.year if direction in ("nearest", "since", "ahead", "this") else None
    low = ref.date or dt.date(ref.year, ref.month, 1)
    high = ref.date or dt.date(ref.year, ref.month, month_last_day(ref.year, ref.month))
    spans = [(year, span) for year in (ref.year - 1, ref.year, ref.year + 1)
             if (span := interval(year)) is not None]
    choices: list[int]
    if direction in ("since", "past"):
        # A past clause speaks of a period that is over by the reference ("sales in the
        # first quarter rose" read in January is last year's first quarter); a single day
        # may be the reference's own.
        choices = [y for y, (first, last) in spans
                   if (last <= high if direction == "since" else last < low)]
        return max(choices) if choices else None
    if direction in ("ahead", "future"):
        choices = [y for y, (first, last) in spans
                   if (last >= low if direction == "ahead" else first > high)]
        return min(choices) if choices else None

    def distance(span: tuple[dt.date, dt.date]) -> int:
        first, last = span
        return max((first - high).days, (low - last).days, 0)

    if not spans:
        return None
    best = min(distance(span) for _, span in spans)
    years = [year for year, span in spans if distance(span) == best]
    return ref.year if ref.year in years else years[0]


def resolve_day_word(ref: Reference, word: str) -> When | None:
    """yesterday / today / tomorrow / tonight / last night / this morning."""
    day = ref.date
    if day is None:
        return None
    offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    return day_value(day + dt.timedelta(days=offset))


def resolve_weekday(ref: Reference, weekday: int, direction: Direction) -> When | None:
    """A weekday name: bare or "on Tuesday" is the latest such day on or before the reference
    (news reports past days by name far more often than future ones) unless its clause is in
    the future tense ("ahead": on or after); "last" is strictly before, "next"/"this coming"
    strictly after, "this" is the one in the reference's week."""
    day = ref.date
    if day is None:
        return None
    if direction == "this":
        return day_value(day + dt.timedelta(days=weekday - day.weekday()))
    if direction in ("future", "ahead"):
        ahead = (weekday - day.weekday()) % 7
        if ahead == 0 and direction == "future":
            ahead = 7
        return day_value(day + dt.timedelta(days=ahead))
    back = (day.weekday() - weekday) % 7
    if direction == "past" and back == 0:
        back = 7
    return day_value(day - dt.timedelta(days=back))


def week_value(day: dt.date, weekend: bool = False) -> When:
    monday = day - dt.timedelta(days=day.weekday())
    if weekend:
        return day_value(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
    return day_value(monday, monday + dt.timedelta(days=6))


def resolve_unit(ref: Reference, unit: str, shift: int) -> When | None:
    """The week / weekend / month / quarter / financial year / year ``shift`` units from the
    reference's own. A financial year runs from April to March, as in the UK, India and
    Japan ("this financial year" read in December 2004 is April 2004 to March 2005)."""
    if unit in ("week", "weekend"):
        day = ref.date
        if day is None:
            return None
        return week_value(day + dt.timedelta(days=7 * shift), weekend=unit == "weekend")
    if unit == "month":
        if ref.month is None:
            return None
        year, month0 = divmod(ref.year * 12 + ref.month - 1 + shift, 12)
        return month_value(year, month0 + 1)
    if unit == "quarter":
        if ref.month is None:
            return None
        year, quarter = divmod(ref.year * 4 + (ref.month - 1) // 3 + shift, 4)
        return months_value(year, quarter * 3 + 1, 3, "quarter")
    if unit == "financial year":
        if ref.month is None:
            return None
        return months_value((ref.year if ref.month >= 4 else ref.year - 1) + shift, 4, 12, "year")
    return year_value(ref.year + shift)


def resolve_ago(ref: Reference, count: int, unit: str) -> When | None:
    """"two weeks ago": the day, (Monday-Sunday) week, month or year that far back."""
    if unit == "day":
        day = ref.date
        return None if day is None else day_value(day - dt.timedelta(days=count))
    if unit == "week":
        day = ref.date
        return None if day is None else week_value(day - dt.timedelta(days=7 * count))
    if ref.year - count < 1:
        return None
    return resolve_unit(ref, unit, -count)


def season_value(name_month: int, year: int) -> When:
    return months_value(year, name_month, 3, "season")


def resolve_season(ref: Reference, first_month: int, direction: Direction) -> When | None:
    """"last summer", "this winter", "next spring" (a season is named by the year it starts)."""
    if ref.month is None:
        return season_value(first_month, ref.year) if direction == "this" else None
    here = ref.year * 12 + ref.month - 1
    spans = [(year, year * 12 + first_month - 1) for year in range(ref.year - 2, ref.year + 2)]
    if direction == "past":
        year = max(y for y, start in spans if start + 2 < here)
    elif direction == "future":
        year = min(y for y, start in spans if start > here)
    else:
        # "this winter": the one the reference falls in, else the closest one.
        year = min(spans, key=lambda s: max(s[1] - here, here - s[1] - 2, 0))[0]
    return season_value(first_month, year)
