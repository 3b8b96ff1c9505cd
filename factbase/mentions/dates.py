"""Date mentions: every common English date form, with exact offsets and a normalized value.

``find_dates(text, reference=None)`` returns ``Mention(kind="date", ...)`` values sorted by
``start`` and non-overlapping. The rules (each documented in docs/dates.md):

* A mention never includes a leading "the" or a plain preposition ("in April" -> "April"),
  but does include words that change its value: qualifiers ("early", "mid-", "late", "circa",
  "before", "after", "the end of"), relative modifiers ("this past", "last", "next") and the
  opener of a range ("between ... and", "from ... to").
* Numeric dates: ``YYYY-MM-DD`` and ``YYYY/MM/DD``; with slashes or dashes ``a/b/YYYY`` is US
  month/day unless ``a`` > 12; with dots ``a.b.YYYY`` is day.month unless ``b`` > 12;
  two-digit years only with slashes (00-49 -> 20xx, 50-99 -> 19xx).
* ``YYYY-YY`` is a range when YY is a later year ("1965-66", "2011-12"); otherwise, with
  01-12, an ISO month ("2019-07").
* A bare year is a four-digit number 1000-2199 standing alone: not inside a larger number
  ("1,965", "1998.5", "555-2019"), not after a currency sign, "#" or a label word ("No.",
  "Section", "Room"), not after a count word ("more than", "nearly"), not before a count noun
  ("2000 people", "1500 GMT"), "%" or "BC".
* A month name alone counts only after a date preposition ("in", "since", "by", ...) or next
  to another month ("March to May 2019"), so "may", "Theresa May" and "the August assembly"
  are not dates. A weekday alone counts unless it is plural or part of a name ("Black
  Friday", "Sunday Times").
* Ranges: "2015-2016", "from 2010 to 2015", "between 2005 and 2010"; "A and B" is one range
  only after "between" or when B directly follows A ("2016 and 2017", "June 3 and 4"),
  otherwise two mentions ("June 3 and 10" gives "June 3" and "10"). After "from" or
  "between" the ends keep their own qualifiers ("from approximately 1990 to June 2004"); a
  range carries both ends (``When.from_``/``When.to``). "from A to B" after a word of change
  ("pushed back from 2005 to 2006") is two dates.
* Year-less dates (months, days, quarters, seasons, named days) are placed by the tense of
  their clause (``date_tense``); phrases that refer back ("that year", "a year earlier")
  take their value from the nearest earlier date or the reference (``date_phrases``).
* Fiscal years are named by the year they end in and follow the US federal calendar
  ("FY2019" = 2018-10/2019-09). Centuries are counted the popular way (20th = 1900-1999);
  "the 1800s" is a century and "the 2000s" a decade.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..values import Precision, When, qualify
from . import date_phrases as phrases
from . import date_relative as rel
from . import date_words as words
from . import date_yearless as yearless
from .date_forms import DASH, LIST_GAP, SO, Piece, S, date_or_none, scan
from .date_pieces import MONTHS_TO
from .types import Mention

_QUALIFIER_LEFT = re.compile(
    r"(?<![\w.])(?P<w>[Ee]arly|[Mm]id|[Ll]ate|[Cc]irca|c\.|ca\.|[Bb]efore|[Aa]fter|[Pp]re|[Pp]ost"
    r"|[Bb]eyond)(?:{S}|{DASH})$".replace("{S}", S).replace("{DASH}", DASH)
    + r"|(?<!\w)(?P<of>end|close|beginning|start|middle|early\s+part|latter\s+part|later\s+part"
    r"|(?:first|last|final)(?:\s+few)?\s+months)\s+of\s+(?:the\s+)?$"
    r"|(?<![\w-])(?P<in>[Ee]arly|[Ll]ate)\s+in\s+(?:the\s+)?$"
    r"|(?<![\w-])(?P<about>(?:[Oo]n|[Ii]n|[Aa]t)\s+or\s+(?:about|around)|[Aa]pproximately"
    r"|[Aa]bout|[Aa]round|[Rr]oughly|[Ss]ome\s?time\s+in)\s+$"
)
# "about", "around", "approximately", "on or about" make a date circa; not a relative span.
_ABOUT_PRECISIONS = frozenset({"day", "month", "year", "decade"})
_RANGE_GAP = re.compile(rf"{SO},?{SO}(?:(?P<dash>{DASH})|(?P<word>to|through|thru|until|till|and|&)){SO}")
_RANGE_OPENER = re.compile(r"(?<!\w)(?P<w>[Bb]etween|[Ff]rom)\s+$")
# Words that make "from A to B" a move from one date to another.
_CHANGE_LEFT = re.compile(
    r"\b(?:back|forward|delay(?:ed|s|ing)?|postpon(?:e|ed|es|ing)|mov(?:e|ed|es|ing)"
    r"|shift(?:ed|s|ing)?|chang(?:e|ed|es|ing)|switch(?:ed|es|ing)?|defer(?:red|s|ring)?"
    r"|reschedul(?:e|ed|es|ing)|bring|brought)\b(?:[^\S\n]+\S+){0,4}[^\S\n]+$")
_DAY_RUN_WORD = re.compile(r"(?<=\s)(?:to|through|until|and|&)(?=\s)")
_COMMA_GAP = re.compile(rf"{SO},{SO}")
_EARLIER_LEFT = re.compile(rf"(?<!\w)(?:[Ee]arlier|[Ll]ater){S}$")

# ---------------------------------------------------------------------------- entry point


def find_dates(text: str, reference: str | None = None) -> list[Mention]:
    """Date mentions in ``text``, sorted and non-overlapping.

    ``reference`` ("YYYY", "YYYY-MM" or "YYYY-MM-DD", a source's published date) resolves
    relative forms; without it they come back with ``relative=True`` and no interval.
    Raises ValueError for a malformed reference.
    """
    ref = rel.parse_reference(reference)
    pieces = scan(text, ref)
    _borrow_years(text, pieces)
    pieces = _resolve_all(text, pieces, ref)
    # Qualifiers and ranges first, so that a phrase that refers back ("a year earlier")
    # finds the whole period before it ("from 3 August to 24 December").
    pieces = _without_overlaps([_months_to(text, piece) for piece in pieces])
    pieces = _merge_ranges(text, [_opened(text, _qualified(text, piece)) for piece in pieces])
    pieces = phrases.resolve_anaphora(text, pieces, ref)
    return [
        Mention("date", p.start, p.end, text[p.start:p.end], p.when)
        for p in (_qualified(text, p) if p.anaphor else p for p in pieces)
        if p.when is not None
    ]


# ---------------------------------------------------------------------------- combining


def _borrow_years(text: str, pieces: list[Piece]) -> None:
    """Year-less months and days take the year of a dated piece that follows them in a list
    or range ("March to May 2019", "March, April and May 2020", "Dec. 30 to Jan. 2, 2020")."""
    for i in range(len(pieces) - 2, -1, -1):
        piece, after = pieces[i], pieces[i + 1].when
        if piece.when is not None or not piece.month or piece.months or after is None \
                or after.first is None or after.relative:
            continue
        if after.precision not in ("day", "month"):
            continue
        if not LIST_GAP.fullmatch(text, piece.end, pieces[i + 1].start):
            continue
        year = after.first.year
        if (piece.month, piece.day) > (after.first.month, after.first.day):
            year -= 1
        resolved = _with_year(piece, year)
        if resolved is not None:
            pieces[i] = resolved


def _with_year(piece: Piece, year: int) -> Piece | None:
    if not 1 <= year <= 9999:  # borrowed across year 1 or 9999: outside datetime's calendar
        return None
    if not piece.day:
        return replace(piece, when=rel.month_value(year, piece.month))
    first, last = date_or_none(year, piece.month, piece.day), date_or_none(year, piece.month, piece.day2)
    if first is None or last is None:
        return None
    return replace(piece, when=rel.day_period(first, last))


def _resolve_all(text: str, pieces: list[Piece], ref: rel.Reference | None) -> list[Piece]:
    """Give year-less pieces a year. The end of a year-less range follows its start
    ("January-March", "Dec. 30 to Jan. 2"), whatever the tense rules say about it alone."""
    resolved: list[Piece] = []
    for i, piece in enumerate(pieces):
        previous = resolved[-1].when if resolved else None
        if piece.when is None and piece.month and not piece.months and previous is not None \
                and previous.first is not None and pieces[i - 1].when is None:
            gap = _RANGE_GAP.fullmatch(text, pieces[i - 1].end, piece.start)
            if gap and gap.group("word") not in ("and", "&"):
                start = previous.first
                year = start.year
                if (piece.month, piece.day) < (start.month, start.day if piece.day else 0):
                    year += 1
                dated = _with_year(piece, year)
                if dated is not None and dated.when is not None:
                    resolved.append(replace(dated, when=rel.relative(dated.when)))
                    continue
        resolved.append(_resolve(piece, ref))
    return resolved


def _resolve(piece: Piece, ref: rel.Reference | None) -> Piece:
    if piece.when is not None or piece.anaphor is not None:
        return piece
    if piece.months or piece.holiday:
        return _resolve_yearless(piece, ref)
    precision: Precision = "day" if piece.day else "month"
    if ref is None:
        year = None
    elif piece.day:
        year = rel.resolve_day_year(ref, piece.month, piece.day, piece.direction)
    else:
        year = rel.resolve_month_year(ref, piece.month, piece.direction)
    dated = None if year is None else _with_year(piece, year)
    if dated is None or dated.when is None:
        return replace(piece, when=rel.unresolved(precision, "year"))
    return replace(dated, when=rel.relative(dated.when))


def _resolve_yearless(piece: Piece, ref: rel.Reference | None) -> Piece:
    """A quarter, half, season or named day without a year, placed around the reference."""
    precision = "day" if piece.holiday else piece.precision or "season"
    year = None if ref is None else rel.resolve_year(
        ref, lambda y: yearless.interval(piece, y), piece.direction)
    value = None if year is None else yearless.value(piece, year)
    if value is None:
        return replace(piece, when=rel.unresolved(precision, "year"))
    return replace(piece, when=rel.relative(value))


def _qualified(text: str, piece: Piece) -> Piece:
    when = piece.when
    if when is None:
        return piece
    match = _QUALIFIER_LEFT.search(text, max(0, piece.start - 32), piece.start)
    if match is None and text.startswith(("this", "This"), piece.start):
        # "earlier this month": the span takes the word, the value stays the whole month.
        earlier = _EARLIER_LEFT.search(text, max(0, piece.start - 12), piece.start)
        if earlier:
            return Piece(earlier.start(), piece.end, when)
    if match is None or when.qualifier:
        return piece
    if match.group("about"):
        qualifier = "circa"
        if when.precision not in _ABOUT_PRECISIONS:
            return piece  # "around this week": a week is not a date one can be near
    else:
        word = match.group("w") or match.group("of") or match.group("in")
        qualifier = words.QUALIFIER_WORDS[" ".join(word.lower().split())]
    if when.precision == "day" and qualifier in ("early", "mid", "late"):
        return piece
    first, last = when.first, when.last
    if first is not None and last is not None:
        first, last = qualify(first, last, qualifier)
    value = When(when.iso, when.precision, first, last, qualifier, when.relative)
    return Piece(match.start(), piece.end, value)


def _months_to(text: str, piece: Piece) -> Piece:
    """"the three months to September", "the nine months ended 30 June", "the year to
    March": the months that end with the date (business copy's way of naming a period)."""
    when = piece.when
    if when is None or when.last is None or when.precision not in ("day", "month") \
            or (when.first != when.last and when.precision == "day"):
        return piece
    lead = MONTHS_TO.search(text, max(0, piece.start - 40), piece.start)
    if lead is None:
        return piece
    raw = (lead.group("n") or "").lower()
    count = 12 if lead.group("year") else int(raw) if raw.isdigit() else words.COUNT_WORDS.get(
        raw, words.ORDINAL_WORDS.get(raw, 0))
    if not 1 <= count <= 24:
        return piece
    end = when.last
    year, month0 = divmod(end.year * 12 + end.month - 1 - (count - 1), 12)
    if year < 1:
        return piece
    if when.precision == "month":
        value = rel.months_value(year, month0 + 1, count, "month")
    else:
        value = rel.day_value(dt.date(year, month0 + 1, 1), end)
    return Piece(lead.start(), piece.end, replace(value, relative=when.relative))


def _without_overlaps(pieces: list[Piece]) -> list[Piece]:
    """A period named by its end that reached back over the piece before it ("last year ended
    August 2019": "year ended August 2019" over "last year") takes that piece in: one
    period, the words of both."""
    out: list[Piece] = []
    for piece in pieces:
        while out and piece.start < out[-1].end:
            piece = replace(piece, start=min(piece.start, out.pop().start))
        out.append(piece)
    return out


def _opened(text: str, piece: Piece) -> Piece:
    """A run of days written as one form takes its opener: "from 14 to 17 February",
    "between June 3 and 4"."""
    if piece.when is None or not piece.when.is_period:
        return piece
    opener = _RANGE_OPENER.search(text, max(0, piece.start - 10), piece.start)
    if opener is None:
        return piece
    word = _DAY_RUN_WORD.search(text, piece.start, piece.end)
    if word is None or (opener.group("w").lower() == "between") != (word.group() in ("and", "&")):
        return piece
    return replace(piece, start=opener.start())


def _merge_ranges(text: str, pieces: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        # In a list ("March, April and May 2020") "and" joins items, not the ends of a range.
        listed = bool(merged) and _COMMA_GAP.fullmatch(text, merged[-1].end, piece.start)
        if i + 1 < len(pieces) and not listed:
            joined = _join(text, piece, pieces[i + 1])
            if joined is not None:
                merged.append(joined)
                i += 2
                continue
        merged.append(piece)
        i += 1
    return merged


def _join(text: str, a: Piece, b: Piece) -> Piece | None:
    """One period from two pieces joined by a range word, or None. After "from" or
    "between" the ends may differ in precision and carry their own qualifiers ("from
    approximately 1990 to June 2004"); without an opener they may not."""
    first, second = a.when, b.when
    if first is None or second is None:
        return None
    if first.first is None or first.last is None or second.first is None or second.last is None:
        return None
    gap = _RANGE_GAP.fullmatch(text, a.end, b.start)
    if gap is None or second.first <= first.first or second.last <= first.last:
        return None
    conjunction = gap.group("word") in ("and", "&")
    opener = _RANGE_OPENER.search(text, max(0, a.start - 10), a.start)
    if opener and (opener.group("w").lower() == "between") != conjunction:
        opener = None  # "between" pairs with "and", "from" with "to" / "until" / a dash
    if opener and _CHANGE_LEFT.search(text, max(0, opener.start() - 48), opener.start()):
        return None  # "pushed back its target from 2005 to 2006": two dates, not a period
    if opener is None:
        if first.qualifier or second.qualifier or second.first <= first.last:
            return None
        if first.precision != second.precision or first.relative != second.relative:
            return None  # "signed last month through 2024" is not a range
        if conjunction and (second.first - first.last).days != 1:
            return None  # "in 2005 and 2010" are two years; "2016 and 2017" is one range
    elif _open_ended(first) or _open_ended(second):
        return None  # "from before 1990 to 2000"
    return Piece(opener.start() if opener else a.start, b.end, rel.period(first, second))


def _open_ended(value: When) -> bool:
    return value.qualifier in ("before", "after")
