"""Named days: the holidays and observances news copy dates things by ("Christmas Day",
"Labor Day", "Independence Day", "New Year's Day", "Easter Monday").

Each name maps to a rule that gives its day in any year: a fixed day, the n-th weekday of a
month, or a distance from Easter Sunday (computed by ``dateutil.easter``, the Gregorian
computus). Where a name is kept by several countries on different days, the table holds the
day most English-language news means by the bare name: "Independence Day" is 4 July,
"Labor Day" (US spelling) the first Monday of September, "Thanksgiving" the fourth Thursday
of November. Names as written, case-sensitive; the table is listed in docs/dates.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta, weekday

_WEEKDAYS = [weekday(i) for i in range(7)]


@dataclass(frozen=True)
class Rule:
    """The day of a named day in a year: ``month``/``day`` fixed; or the ``nth`` (1-4, or -1
    for the last) ``weekday`` (0 = Monday) of ``month``; or ``easter`` days from Easter
    Sunday."""

    month: int = 0
    day: int = 0
    weekday: int | None = None
    nth: int = 0
    easter: int | None = None

    def date(self, year: int) -> dt.date:
        if self.easter is not None:
            sunday: dt.date = easter(year)
            return sunday + dt.timedelta(days=self.easter)
        if self.weekday is None:
            return dt.date(year, self.month, self.day)
        # The n-th such weekday counted from the 1st, or (n < 0) back from the 31st (or the
        # month's last day).
        anchor = dt.date(year, self.month, 1) + relativedelta(day=1 if self.nth > 0 else 31)
        found: dt.date = anchor + relativedelta(weekday=_WEEKDAYS[self.weekday](self.nth))
        return found


def _fixed(month: int, day: int) -> Rule:
    return Rule(month, day)


def _nth(n: int, weekday_: int, month: int) -> Rule:
    return Rule(month, 0, weekday_, n)


def _easter(days: int) -> Rule:
    return Rule(easter=days)


def _spellings(*names: str) -> list[str]:
    """Each name with a straight and a curly apostrophe, and "St" with and without a dot."""
    out: list[str] = []
    for name in names:
        for form in {name, name.replace("'", "’")}:
            out.append(form)
            if form.startswith("St "):
                out.append("St. " + form[3:])
                out.append("Saint " + form[3:])
    return out


_MON, _THU, _SUN = 0, 3, 6

_TABLE: list[tuple[tuple[str, ...], Rule]] = [
    (("New Year's Day", "New Years Day"), _fixed(1, 1)),
    (("New Year's Eve", "New Years Eve", "Hogmanay"), _fixed(12, 31)),
    (("Christmas Day", "Christmas"), _fixed(12, 25)),
    (("Christmas Eve",), _fixed(12, 24)),
    (("Boxing Day",), _fixed(12, 26)),
    (("Valentine's Day", "St Valentine's Day"), _fixed(2, 14)),
    (("St Patrick's Day",), _fixed(3, 17)),
    (("St David's Day",), _fixed(3, 1)),
    (("St George's Day",), _fixed(4, 23)),
    (("St Andrew's Day",), _fixed(11, 30)),
    (("April Fools' Day", "April Fool's Day"), _fixed(4, 1)),
    (("May Day",), _fixed(5, 1)),
    (("Independence Day",), _fixed(7, 4)),
    (("Bastille Day",), _fixed(7, 14)),
    (("Canada Day",), _fixed(7, 1)),
    (("Australia Day",), _fixed(1, 26)),
    (("Anzac Day",), _fixed(4, 25)),
    (("Burns Night",), _fixed(1, 25)),
    (("Juneteenth",), _fixed(6, 19)),
    (("Halloween", "Hallowe'en"), _fixed(10, 31)),
    (("Guy Fawkes Night", "Bonfire Night"), _fixed(11, 5)),
    (("Armistice Day", "Remembrance Day", "Veterans Day", "Veterans' Day"), _fixed(11, 11)),
    (("Remembrance Sunday",), _nth(2, _SUN, 11)),
    (("Martin Luther King Day", "Martin Luther King Jr. Day", "MLK Day"), _nth(3, _MON, 1)),
    (("Presidents' Day", "Presidents Day", "President's Day"), _nth(3, _MON, 2)),
    (("Memorial Day",), _nth(-1, _MON, 5)),
    (("Labor Day",), _nth(1, _MON, 9)),
    (("Columbus Day",), _nth(2, _MON, 10)),
    (("Thanksgiving Day", "Thanksgiving"), _nth(4, _THU, 11)),
    (("Easter Sunday", "Easter Day", "Easter"), _easter(0)),
    (("Good Friday",), _easter(-2)),
    (("Easter Monday",), _easter(1)),
    (("Maundy Thursday",), _easter(-3)),
    (("Palm Sunday",), _easter(-7)),
    (("Ash Wednesday",), _easter(-46)),
    (("Shrove Tuesday", "Pancake Day", "Mardi Gras"), _easter(-47)),
    (("Mothering Sunday",), _easter(-21)),
    (("Ascension Day",), _easter(39)),
    (("Whit Sunday", "Pentecost"), _easter(49)),
    (("Whit Monday",), _easter(50)),
]

HOLIDAYS: dict[str, Rule] = {
    spelled: rule for names, rule in _TABLE for spelled in _spellings(*names)
}
# Names that are also used for a season or as a modifier ("Christmas shoppers", "Easter
# eggs"): they count only where they name a time (docs/dates.md).
LOOSE = frozenset({"Christmas", "Easter", "Halloween", "Hallowe'en", "Hallowe’en",
                   "Thanksgiving", "Hogmanay", "Pentecost", "Mardi Gras", "Juneteenth"})


def holiday_date(name: str, year: int) -> dt.date | None:
    """The day ``name`` falls on in ``year``, or None outside the calendar."""
    try:
        return HOLIDAYS[name].date(year)
    except (ValueError, OverflowError):
        return None


def table() -> list[tuple[tuple[str, ...], Rule]]:
    """The named days, for the docs."""
    return list(_TABLE)
