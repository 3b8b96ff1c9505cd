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
  only after "between" or when B directly follows A ("2016 and 2017", "December 2018 and
  January 2019"), otherwise two mentions.
* Fiscal years are named by the year they end in and follow the US federal calendar
  ("FY2019" = 2018-10/2019-09). Centuries are counted the popular way (20th = 1900-1999);
  "the 1800s" is a century and "the 2000s" a decade.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..values import PRECISION_RANK, Precision, When, qualify
from . import date_relative as rel
from . import date_words as words
from .base import Mention

# ---------------------------------------------------------------------------- pattern parts


def _alt(names: list[str]) -> str:
    return "|".join(sorted((re.escape(n) for n in set(names)), key=len, reverse=True))


def _cased(names: list[str]) -> list[str]:
    return [form for name in names for form in (name.capitalize(), name.upper())]


_S = r"(?=\s)[^\S\n]*\n?[^\S\n]*"  # whitespace with at most one line break
_SO = r"[^\S\n]*"
_DASH = r"[-‐‑‒–—―]"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?![0-9])"
_DAY = r"[0-3]?[0-9](?![0-9])(?:st|nd|rd|th)?(?![A-Za-z0-9])"
_FULL_MONTH = _alt(_cased(list(words.MONTHS)))
_MONTH = rf"(?:{_FULL_MONTH}|(?:{_alt(_cased(list(words.MONTH_ABBREVIATIONS)))})\.?)(?![A-Za-z])"
_WEEKDAY = _alt(_cased(list(words.WEEKDAYS)))
_SEASON = _alt([s for name in words.SEASONS for s in (name, name.capitalize())])
_ORDINAL = _alt([w for o in words.ORDINAL_WORDS for w in (o, o.capitalize())])
_COUNT = _alt([w for c in words.COUNT_WORDS for w in (c, c.capitalize())])
_REL_YEAR = rf"(?:[Tt]his|[Ll]ast|[Nn]ext){_S}year"
_EVENTS = _alt([name for name in words.EVENTS if name != "9/11"])
_NUMBER_LEFT = r"(?<![0-9][.,\-–/])(?<![\w$€£¥₩#§])"

_ALTERNATIVES = [
    rf"(?P<ev>(?:{_EVENTS})(?![A-Za-z0-9])|(?<![0-9/])9/11(?![0-9/]))",
    rf"(?P<iso>(?<![0-9./-]){_YEAR}-[01][0-9]-[0-3][0-9](?![0-9]))",
    rf"(?P<ymd>(?<![0-9./-]){_YEAR}/[01]?[0-9]/[0-3]?[0-9](?![0-9/]))",
    rf"(?P<num>(?<![0-9./-])[0-3]?[0-9](?P<num_s>[/.-])[0-3]?[0-9](?P=num_s)(?:[0-9]{{4}}|[0-9]{{2}})"
    r"(?![0-9]|[.,/-][0-9]))",
    rf"(?P<md>(?:(?:{_WEEKDAY}),?{_S})?(?P<md_m>{_MONTH}){_S}(?P<md_d>{_DAY})"
    rf"(?:{_SO}{_DASH}{_SO}(?P<md_d2>{_DAY})(?:,?{_S}(?P<md_y>{_YEAR}))?"
    rf"|{_S}(?:to|through|and){_S}(?P<md_d3>{_DAY}),?{_S}(?P<md_y2>{_YEAR})"
    rf"|,?{_S}(?P<md_y3>{_YEAR}))?)",
    rf"(?P<dm>(?:(?:{_WEEKDAY}),?{_S})?(?<![0-9.,$])(?P<dm_d>{_DAY})"
    rf"(?:{_SO}{_DASH}{_SO}(?P<dm_d2>{_DAY}))?{_S}(?:of{_S})?(?P<dm_m>{_MONTH})"
    rf"(?:,?{_S}(?P<dm_y>{_YEAR}))?)",
    rf"(?P<my>(?P<my_m>{_MONTH}),?{_S}(?:of{_S})?(?P<my_y>{_YEAR}))",
    rf"(?P<q>(?:Q(?P<q_n>[1-4])|(?P<q_n2>[1-4])Q)(?:{_SO}|{_S}of{_S})(?P<q_y>{_YEAR}))",
    rf"(?P<qo>(?P<qo_n>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th)(?:-|{_S})quarter"
    rf"(?:{_S}of)?{_S}(?P<qo_y>{_YEAR}|{_REL_YEAR}))",
    rf"(?P<h>(?P<h_n>[Ff]irst|[Ss]econd|1st|2nd)(?:-|{_S})half(?:{_S}of)?{_S}"
    rf"(?P<h_y>{_YEAR}|{_REL_YEAR})|(?:H(?P<h_n2>[12])|(?P<h_n3>[12])H){_SO}(?P<h_y2>{_YEAR}))",
    rf"(?P<s>(?P<s_n>{_SEASON})(?:{_S}of)?{_S}(?P<s_y>{_YEAR})(?:{_DASH}(?P<s_y2>[0-9]{{2}}(?![0-9])|{_YEAR}))?)",
    rf"(?P<fy>(?:FY{_SO}|[Ff]iscal(?:-|{_S})(?:[Yy]ear{_S})?)(?P<fy_y>{_YEAR}|['’]?[0-9]{{2}}(?![0-9]))"
    rf"(?:[-–/](?P<fy_y2>{_YEAR}|[0-9]{{2}}(?![0-9])))?)",
    rf"(?P<c>(?P<c_n>[12]?[0-9](?:st|nd|rd|th)|{_ORDINAL})(?:-|{_S})[Cc]entury(?![A-Za-z]))",
    rf"(?P<dec>{_NUMBER_LEFT}(?P<dec_y>1[0-9]{{2}}0|2[01][0-9]0)['’]?s(?![\w])"
    r"|['’‘](?P<dec_yy>[0-9]0)s(?![\w]))",
    rf"(?P<yr>{_NUMBER_LEFT}(?P<yr_a>{_YEAR})(?P<yr_s>{_SO}{_DASH}{_SO}|/)"
    rf"(?P<yr_b>{_YEAR}|[0-9]{{2}}(?![0-9]))(?![.,][0-9]|[\w%]))",
    r"(?P<rd>(?:[Yy]esterday|[Tt]oday(?!['’]s)|[Tt]omorrow|[Tt]onight"
    rf"|[Ll]ast{_S}night|[Tt]his{_S}(?:morning|afternoon|evening))(?![\w]))",
    rf"(?P<rm>(?<![Tt]he )(?<![Tt]hat )(?P<rm_mod>[Tt]his{_S}past|[Tt]his{_S}coming|[Ll]ast|[Nn]ext|[Tt]his)"
    rf"{_S}(?P<rm_unit>weekend|week|month|year|{_FULL_MONTH}|{_WEEKDAY}|{_SEASON})(?![\w]|-\w))",
    rf"(?P<ago>(?<![\w,.])(?P<ago_n>[0-9]{{1,3}}|{_COUNT}){_S}(?P<ago_u>day|week|month|year)s?{_S}ago(?![\w]))",
    rf"(?P<y>{_NUMBER_LEFT}{_YEAR}(?![\w%]|[.,:][0-9]|{_SO}{_DASH}{_SO}[0-9]|{_SO}(?:percent|per cent|B\.?C)))",
    rf"(?P<bm>(?:{_alt([m.capitalize() for m in words.MONTHS])})(?![\w]))",
    rf"(?P<bw>(?:{_alt([w.capitalize() for w in words.WEEKDAYS])})(?![\w]))",
]
_MASTER = re.compile(r"(?<!\w)(?:" + "|".join(_ALTERNATIVES) + ")")

# Cheap prefilter: the places where any date form can start or continue.
_PREFILTER = re.compile(
    r"[0-9]|(?<!\w)(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN"
    r"|JUL|AUG|SEP|OCT|NOV|DEC|Mon|Tue|Wed|Thu|Fri|Sat|Sun|MON|TUE|WED|THU|FRI|SAT|SUN"
    r"|[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ast|[Nn]ext|[Tt]his|[Ss]pring|[Ss]ummer"
    r"|[Aa]utumn|[Ff]all|[Ww]inter|[Ff]iscal|FY|[Cc]entury|World|WW|Korean War|Vietnam War"
    r"|Gulf War|Iraq War|Cold War|Great|ago\b)"
)
_LEFT_MARGIN = 48
_RIGHT_MARGIN = 32

# ---------------------------------------------------------------------------- context rules

_QUALIFIER_LEFT = re.compile(
    r"(?<![\w.])(?P<w>[Ee]arly|[Mm]id|[Ll]ate|[Cc]irca|c\.|ca\.|[Bb]efore|[Aa]fter|[Pp]re|[Pp]ost)"
    rf"(?:{_S}|{_DASH})$"
    r"|(?<!\w)(?P<of>end|close|beginning|start|middle)\s+of\s+(?:the\s+)?$"
)
_RANGE_GAP = re.compile(rf"{_SO}(?:(?P<dash>{_DASH})|(?P<word>to|through|thru|until|till|and|&)){_SO}")
_RANGE_OPENER = re.compile(r"(?<!\w)(?P<w>[Bb]etween|[Ff]rom)\s+$")
_LIST_GAP = re.compile(rf"{_SO}(?:,|and|or|to|through|until|{_DASH}|,{_SO}and|,{_SO}or){_SO}")
_COMMA_GAP = re.compile(rf"{_SO},{_SO}")
_MONTH_CONTEXT = re.compile(
    r"(?<!\w)(?P<w>in|In|since|Since|until|Until|till|through|Through|during|During|by|By|before"
    r"|Before|after|After|from|From|between|Between|of|early|Early|late|Late|mid|Mid|around"
    r"|Around)[^\S\n]+$|(?<!\w)(?:[Mm]id|[Ee]arly|[Ll]ate)" + _DASH + "$"
)
_MONTH_FOLLOWER = re.compile(rf"{_SO}(?:{_DASH}|to|through|and){_SO}(?:{_FULL_MONTH})(?!\w)")
_WORD_LEFT = re.compile(r"(\S+)[^\S\n]*$")
_WORDS_RIGHT = re.compile(r"[^\S\n]+([A-Za-z]+)(?:[^\S\n]+([A-Za-z]+))?")
_CAPITAL_RIGHT = re.compile(r"[^\S\n]+([A-Z][a-z]+)")
_APPROXIMATOR = re.compile(
    r"(?<!\w)(?:" + "|".join(words.APPROXIMATORS) + r")[^\S\n]+$", re.IGNORECASE
)
_SENTENCE_START_PREP = re.compile(r"(?:^|[.!?]\s+|\n)(?:In|Since|During|By|Until)[^\S\n]+$")
_ADDRESS = re.compile(r"[^\S\n]+[A-Z][a-z]+[^\S\n]+(?:Avenue|Ave\.|Street|St\.|Road|Rd\.|Boulevard"
                      r"|Blvd\.|Drive|Lane|Way|Place|Court)\b")
_CLAUSE_START = re.compile(r"[.;!?]\s|\n")
_PAST = re.compile(
    r"\b(?:was|were|had|did|began|begun|came|took|went|said|told|announced|reported|rose|fell"
    r"|grew|signed|passed|won|lost|met|left|became|started|ended|opened|closed|launched"
    r"|approved|agreed|released|published|held|warned|died|killed|arrested|voted)\b"
)
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|would|is expected|are expected|is scheduled|are scheduled|is due"
    r"|are due|is set|are set|plans? to|upcoming|expects?)\b|'ll\b"
)
_EARLIER_LEFT = re.compile(rf"(?<!\w)(?:[Ee]arlier|[Ll]ater){_S}$")
_YEAR_PREFIXES = frozenset({"mid", "pre", "post", "early", "late"})
_COUNT_ADJECTIVES = frozenset({"more", "other", "new", "additional", "extra", "local", "foreign"})


@dataclass
class _Piece:
    """A matched date form; ``when`` is None while a year-less month or day waits for a year."""

    start: int
    end: int
    when: When | None
    month: int = 0
    day: int = 0
    day2: int = 0
    direction: rel.Direction = "nearest"


# ---------------------------------------------------------------------------- entry point


def find_dates(text: str, reference: str | None = None) -> list[Mention]:
    """Date mentions in ``text``, sorted and non-overlapping.

    ``reference`` ("YYYY", "YYYY-MM" or "YYYY-MM-DD", a source's published date) resolves
    relative forms; without it they come back with ``relative=True`` and no interval.
    Raises ValueError for a malformed reference.
    """
    ref = rel.parse_reference(reference)
    pieces = _scan(text, ref)
    _borrow_years(text, pieces)
    pieces = [_resolve(piece, ref) for piece in pieces]
    finished = [_qualified(text, piece) for piece in pieces if piece.when is not None]
    return [
        Mention("date", p.start, p.end, text[p.start:p.end], p.when)
        for p in _merge_ranges(text, finished)
        if p.when is not None
    ]


def _windows(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for hit in _PREFILTER.finditer(text):
        start = max(0, hit.start() - _LEFT_MARGIN)
        end = min(len(text), hit.end() + _RIGHT_MARGIN)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _scan(text: str, ref: rel.Reference | None) -> list[_Piece]:
    pieces: list[_Piece] = []
    for window_start, window_end in _windows(text):
        pos = max(window_start, pieces[-1].end if pieces else 0)
        while pos < window_end:
            match = _MASTER.search(text, pos, window_end)
            if match is None:
                break
            piece = _build(text, match, ref, pieces)
            if piece is None:
                pos = match.start() + 1
            else:
                pieces.append(piece)
                pos = match.end()
    return pieces


def _build(text: str, m: re.Match[str], ref: rel.Reference | None,
           previous: list[_Piece]) -> _Piece | None:
    kind = m.lastgroup
    if kind is None:
        return None
    builder = _BUILDERS[kind]
    when_or_piece = builder(text, m, ref, previous)
    if when_or_piece is None or isinstance(when_or_piece, _Piece):
        return when_or_piece
    return _Piece(m.start(), m.end(), when_or_piece)


# ---------------------------------------------------------------------------- builders

_Builder = Callable[[str, "re.Match[str]", "rel.Reference | None", list[_Piece]],
                    "When | _Piece | None"]


def _tense(text: str, start: int) -> rel.Direction:
    """How to place a month or day named without a year ("in April", "on Friday") around the
    reference: by the tense of its clause when it shows one ("was approved in March" looks
    back, "will vote in March" looks ahead), else the nearest occurrence."""
    window_start = max(0, start - 160)
    clause_start = window_start
    for boundary in _CLAUSE_START.finditer(text, window_start, start):
        clause_start = boundary.end()
    clause = text[clause_start:start]
    past, future = bool(_PAST.search(clause)), bool(_FUTURE.search(clause))
    if past and not future:
        return "since"
    if future and not past:
        return "ahead"
    return "nearest"


def _month_number(name: str) -> int:
    key = name.rstrip(".").lower()
    return words.MONTHS.get(key) or words.MONTH_ABBREVIATIONS[key]


def _day_number(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _event(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[_Piece]) -> When | None:
    left = _WORD_LEFT.search(text, max(0, m.start() - 12), m.start())
    if left and left.group(1) in words.EVENT_BLOCKERS:
        return None
    first, last, precision = words.EVENTS[m.group("ev")]
    if precision == "year":
        return rel.year_value(first.year, last.year)
    if precision == "month":
        return When(f"{first:%Y-%m}/{last:%Y-%m}", "month", first, last)
    return rel.day_value(first, last)


def _iso(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[_Piece]) -> When | None:
    year, month, day = (int(p) for p in m.group("iso").split("-"))
    date = _date(year, month, day)
    return None if date is None else rel.day_value(date)


def _ymd(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[_Piece]) -> When | None:
    year, month, day = (int(p) for p in m.group("ymd").split("/"))
    date = _date(year, month, day)
    return None if date is None else rel.day_value(date)


def _numeric(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[_Piece]) -> When | None:
    sep = m.group("num_s")
    a, b, y = m.group("num").split(sep)
    if len(y) == 2:
        if sep != "/":
            return None
        year = 2000 + int(y) if int(y) < 50 else 1900 + int(y)
    else:
        year = int(y)
        if not 1000 <= year <= 2199:
            return None
    first, second = int(a), int(b)
    if sep == ".":
        day, month = (second, first) if second > 12 >= first else (first, second)
    else:
        month, day = (second, first) if first > 12 else (first, second)
    date = _date(year, month, day)
    return None if date is None else rel.day_value(date)


def _day_piece(m: re.Match[str], month_name: str, day: str, day2: str | None,
               year: str | None, direction: rel.Direction) -> When | _Piece | None:
    month = _month_number(month_name)
    first_day = _day_number(day)
    last_day = _day_number(day2) if day2 else first_day
    if not 1 <= first_day <= last_day or (day2 and last_day == first_day):
        return None
    if year is None:
        if _date(2000, month, last_day) is None:  # 2000 is a leap year: Feb 29 stays possible
            return None
        return _Piece(m.start(), m.end(), None, month, first_day, last_day, direction)
    first, last = _date(int(year), month, first_day), _date(int(year), month, last_day)
    if first is None or last is None:
        return None
    return rel.day_value(first, last)


def _month_day(text: str, m: re.Match[str], ref: rel.Reference | None,
               prev: list[_Piece]) -> When | _Piece | None:
    return _day_piece(m, m.group("md_m"), m.group("md_d"), m.group("md_d2") or m.group("md_d3"),
                      m.group("md_y") or m.group("md_y2") or m.group("md_y3"), _tense(text, m.start()))


def _day_month(text: str, m: re.Match[str], ref: rel.Reference | None,
               prev: list[_Piece]) -> When | _Piece | None:
    return _day_piece(m, m.group("dm_m"), m.group("dm_d"), m.group("dm_d2"), m.group("dm_y"),
                      _tense(text, m.start()))


def _month_year(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[_Piece]) -> When:
    return rel.month_value(int(m.group("my_y")), _month_number(m.group("my_m")))


def _relative_year(phrase: str, ref: rel.Reference | None) -> int | None:
    """A year written as a digit string or "this/last/next year"; None when unresolvable."""
    if phrase[0].isdigit():
        return int(phrase)
    if ref is None:
        return None
    return ref.year + {"this": 0, "last": -1, "next": 1}[phrase.split()[0].lower()]


def _part_of_year(year_text: str, index: int, months: int, precision: Precision,
                  ref: rel.Reference | None) -> When:
    year = _relative_year(year_text, ref)
    if year is None:
        return rel.unresolved(precision)
    value = rel.months_value(year, (index - 1) * months + 1, months, precision)
    return value if year_text[0].isdigit() else rel.relative(value)


def _quarter(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[_Piece]) -> When:
    return _part_of_year(m.group("q_y"), int(m.group("q_n") or m.group("q_n2")), 3, "quarter", ref)


def _quarter_words(text: str, m: re.Match[str], ref: rel.Reference | None,
                   prev: list[_Piece]) -> When:
    word = m.group("qo_n").lower()
    index = words.ORDINAL_WORDS.get(word) or int(word[0])
    return _part_of_year(m.group("qo_y"), index, 3, "quarter", ref)


def _half(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[_Piece]) -> When:
    word = (m.group("h_n") or m.group("h_n2") or m.group("h_n3")).lower()
    index = words.ORDINAL_WORDS.get(word) or int(word[0])
    return _part_of_year(m.group("h_y") or m.group("h_y2"), index, 6, "half", ref)


def _later_year(year: int, suffix: str) -> int | None:
    """The end of "1965-66" / "2015-2016" / "1999-00": a later year, or None."""
    if len(suffix) == 4:
        end = int(suffix)
    else:
        end = year // 100 * 100 + int(suffix)
        if end <= year and year % 100 == 99 and suffix == "00":
            end += 100
    return end if end > year else None


def _season(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[_Piece]) -> When | None:
    first_month = words.SEASONS[m.group("s_n").lower()]
    year = int(m.group("s_y"))
    if m.group("s_y2"):
        end = _later_year(year, m.group("s_y2"))
        if end != year + 1 or first_month != 12:
            return None
    return rel.season_value(first_month, year)


def _fiscal(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[_Piece]) -> When | None:
    raw = m.group("fy_y").lstrip("'’")
    if len(raw) == 2:
        if not m.group(0).startswith("FY") and m.group("fy_y")[0] not in "'’":
            return None
        year = 2000 + int(raw) if int(raw) < 50 else 1900 + int(raw)
    else:
        year = int(raw)
    if m.group("fy_y2"):
        end = _later_year(year, m.group("fy_y2"))
        if end != year + 1:
            return None
        year = end
    return rel.months_value(year - 1, 10, 12, "year")


def _century(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[_Piece]) -> When | None:
    word = m.group("c_n").lower()
    number = words.ORDINAL_WORDS.get(word) or int(word[:-2])
    if not 2 <= number <= 22:
        return None
    start = (number - 1) * 100
    return rel.year_value(start, start + 99, "century")


def _decade(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[_Piece]) -> When | None:
    if m.group("dec_y"):
        if not _year_prefix_ok(text, m.start()):
            return None
        start = int(m.group("dec_y"))
        if start % 100 == 0 and start != 2000:
            return rel.year_value(start, start + 99, "century")
    else:
        yy = int(m.group("dec_yy"))
        start = 2000 + yy if yy < 20 else 1900 + yy
    return rel.year_value(start, start + 9, "decade")


def _year_range(text: str, m: re.Match[str], ref: rel.Reference | None,
                prev: list[_Piece]) -> When | None:
    if not _year_prefix_ok(text, m.start()):
        return None
    start, suffix = int(m.group("yr_a")), m.group("yr_b")
    spaced = m.group("yr_s").strip() != m.group("yr_s")
    if len(suffix) == 2 and spaced:
        return None
    end = _later_year(start, suffix)
    if end is not None:
        return rel.year_value(start, end)
    if len(suffix) == 2 and m.group("yr_s") == "-" and 1 <= int(suffix) <= 12:
        return rel.month_value(start, int(suffix))
    return None


def _relative_day(text: str, m: re.Match[str], ref: rel.Reference | None,
                  prev: list[_Piece]) -> When | None:
    phrase = " ".join(m.group("rd").lower().split())
    phrase = "today" if phrase.startswith("this ") or phrase == "tonight" else phrase
    value = None if ref is None else rel.resolve_day_word(ref, phrase)
    return rel.unresolved("day") if value is None else rel.relative(value)


_MODIFIERS: dict[str, rel.Direction] = {
    "this past": "past", "last": "past", "next": "future", "this coming": "future", "this": "this",
}
_SHIFT = {"past": -1, "future": 1, "this": 0}


def _relative_unit(text: str, m: re.Match[str], ref: rel.Reference | None,
                   prev: list[_Piece]) -> When | None:
    direction = _MODIFIERS[" ".join(m.group("rm_mod").lower().split())]
    unit = m.group("rm_unit")
    key = unit.lower()
    value: When | None
    precision: Precision
    if key in words.MONTHS:
        precision = "month"
        year = None if ref is None else rel.resolve_month_year(ref, words.MONTHS[key], direction)
        value = None if year is None else rel.month_value(year, words.MONTHS[key])
    elif key in words.WEEKDAYS:
        precision = "day"
        value = None if ref is None else rel.resolve_weekday(ref, words.WEEKDAYS[key], direction)
    elif key in words.SEASONS:
        precision = "season"
        value = None if ref is None else rel.resolve_season(ref, words.SEASONS[key], direction)
    else:
        precision = "year" if key == "year" else "month" if key == "month" else "day"
        value = None if ref is None else rel.resolve_unit(ref, key, _SHIFT[direction])
    return rel.unresolved(precision) if value is None else rel.relative(value)


def _ago(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[_Piece]) -> When | None:
    count_text = m.group("ago_n").lower()
    count = int(count_text) if count_text.isdigit() else words.COUNT_WORDS[count_text]
    unit = m.group("ago_u")
    precision: Precision = "day" if unit in ("day", "week") else "month" if unit == "month" else "year"
    value = None if ref is None else rel.resolve_ago(ref, count, unit)
    return rel.unresolved(precision) if value is None else rel.relative(value)


def _bare_year(text: str, m: re.Match[str], ref: rel.Reference | None,
               prev: list[_Piece]) -> When | None:
    start, end = m.start(), m.end()
    if not _year_prefix_ok(text, start):
        return None
    left = _WORD_LEFT.search(text, max(0, start - 16), start)
    if left and left.group(1).lower() in words.LABEL_WORDS:
        return None
    if _APPROXIMATOR.search(text, max(0, start - 16), start):
        return None
    right = _WORDS_RIGHT.match(text, end, min(len(text), end + 40))
    if right and _counts(text, start, left, right):
        return None
    if _ADDRESS.match(text, end, min(len(text), end + 40)):
        return None
    return rel.year_value(int(m.group("y")))


def _counts(text: str, start: int, left: re.Match[str] | None, right: re.Match[str]) -> bool:
    first, second = right.group(1), right.group(2)
    noun = first.lower()
    if noun not in words.COUNT_NOUNS and first not in words.COUNT_NOUNS:
        if not (second and noun in _COUNT_ADJECTIVES and second.lower() in words.COUNT_NOUNS):
            return False
    if noun in ("dollars", "euros", "pounds", "yen") and left and left.group(1) == "in":
        return False  # "in 2019 dollars": constant dollars of that year
    return not _SENTENCE_START_PREP.search(text, max(0, start - 12), start)


def _year_prefix_ok(text: str, start: int) -> bool:
    """A number glued to a word by a hyphen is a year only after mid-/pre-/post-/early-/late-
    ("mid-2019"), not in a model or code ("G-2019", "COVID-2019")."""
    if start >= 2 and text[start - 1] in "-‐‑–" and text[start - 2].isalpha():
        left = _WORD_LEFT.search(text, max(0, start - 12), start - 1)
        return bool(left and left.group(1).lower().split("-")[-1] in _YEAR_PREFIXES)
    return True


def _bare_month(text: str, m: re.Match[str], ref: rel.Reference | None,
                prev: list[_Piece]) -> _Piece | None:
    start, end = m.start(), m.end()
    name = m.group("bm")
    if name == "May" and text[end:end + 2] in ("'s", "’s"):
        return None
    context = _MONTH_CONTEXT.search(text, max(0, start - 12), start)
    listed = bool(prev) and _LIST_GAP.fullmatch(text, prev[-1].end, start) is not None
    if context is None and not listed and not _MONTH_FOLLOWER.match(text, end):
        return None
    since = context is not None and context.group("w") in ("since", "Since")
    direction: rel.Direction = "since" if since else _tense(text, start)
    return _Piece(start, end, None, words.MONTHS[name.lower()], 0, 0, direction)


def _bare_weekday(text: str, m: re.Match[str], ref: rel.Reference | None,
                  prev: list[_Piece]) -> When | None:
    start, end = m.start(), m.end()
    left = _WORD_LEFT.search(text, max(0, start - 12), start)
    if left and left.group(1) in words.WEEKDAY_BLOCKERS_BEFORE:
        return None
    right = _CAPITAL_RIGHT.match(text, end, min(len(text), end + 24))
    if right and right.group(1).lower() not in words.MONTHS:
        return None
    direction: rel.Direction = "ahead" if _tense(text, start) == "ahead" else "since"
    weekday = words.WEEKDAYS[m.group("bw").lower()]
    value = None if ref is None else rel.resolve_weekday(ref, weekday, direction)
    return rel.unresolved("day") if value is None else rel.relative(value)


_BUILDERS: dict[str, _Builder] = {
    "ev": _event, "iso": _iso, "ymd": _ymd, "num": _numeric, "md": _month_day, "dm": _day_month,
    "my": _month_year, "q": _quarter, "qo": _quarter_words, "h": _half, "s": _season,
    "fy": _fiscal, "c": _century, "dec": _decade, "yr": _year_range, "rd": _relative_day,
    "rm": _relative_unit, "ago": _ago, "y": _bare_year, "bm": _bare_month, "bw": _bare_weekday,
}


# ---------------------------------------------------------------------------- combining


def _borrow_years(text: str, pieces: list[_Piece]) -> None:
    """Year-less months and days take the year of a dated piece that follows them in a list
    or range ("March to May 2019", "March, April and May 2020", "Dec. 30 to Jan. 2, 2020")."""
    for i in range(len(pieces) - 2, -1, -1):
        piece, after = pieces[i], pieces[i + 1].when
        if piece.when is not None or after is None or after.first is None or after.relative:
            continue
        if after.precision not in ("day", "month"):
            continue
        if not _LIST_GAP.fullmatch(text, piece.end, pieces[i + 1].start):
            continue
        year = after.first.year
        if (piece.month, piece.day) > (after.first.month, after.first.day):
            year -= 1
        resolved = _with_year(piece, year)
        if resolved is not None:
            pieces[i] = resolved


def _with_year(piece: _Piece, year: int) -> _Piece | None:
    if not piece.day:
        return replace(piece, when=rel.month_value(year, piece.month))
    first, last = _date(year, piece.month, piece.day), _date(year, piece.month, piece.day2)
    if first is None or last is None:
        return None
    return replace(piece, when=rel.day_value(first, last))


def _resolve(piece: _Piece, ref: rel.Reference | None) -> _Piece:
    if piece.when is not None:
        return piece
    precision: Precision = "day" if piece.day else "month"
    year = None if ref is None else rel.resolve_month_year(ref, piece.month, piece.direction)
    dated = None if year is None else _with_year(piece, year)
    if dated is None or dated.when is None:
        return replace(piece, when=rel.unresolved(precision))
    return replace(dated, when=rel.relative(dated.when))


def _qualified(text: str, piece: _Piece) -> _Piece:
    when = piece.when
    assert when is not None
    match = _QUALIFIER_LEFT.search(text, max(0, piece.start - 24), piece.start)
    if match is None and text.startswith(("this", "This"), piece.start):
        # "earlier this month": the span takes the word, the value stays the whole month.
        earlier = _EARLIER_LEFT.search(text, max(0, piece.start - 12), piece.start)
        if earlier:
            return _Piece(earlier.start(), piece.end, when)
    if match is None or when.qualifier:
        return piece
    word = (match.group("w") or match.group("of")).lower()
    qualifier = words.QUALIFIER_WORDS[word]
    if when.precision == "day" and qualifier in ("early", "mid", "late"):
        return piece
    first, last = when.first, when.last
    if first is not None and last is not None:
        first, last = qualify(first, last, qualifier)
    value = When(when.iso, when.precision, first, last, qualifier, when.relative)
    return _Piece(match.start(), piece.end, value)


def _merge_ranges(text: str, pieces: list[_Piece]) -> list[_Piece]:
    merged: list[_Piece] = []
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


def _join(text: str, a: _Piece, b: _Piece) -> _Piece | None:
    first, second = a.when, b.when
    if first is None or second is None or first.qualifier or second.qualifier:
        return None
    if first.first is None or first.last is None or second.first is None or second.last is None:
        return None
    gap = _RANGE_GAP.fullmatch(text, a.end, b.start)
    if gap is None or second.first <= first.last:
        return None
    opener = _RANGE_OPENER.search(text, max(0, a.start - 10), a.start)
    opener_word = opener.group("w").lower() if opener else None
    word = gap.group("word")
    if opener is None and (first.precision != second.precision or first.relative != second.relative):
        return None  # "signed last month through 2024" is not a range
    if word in ("and", "&"):
        consecutive = (second.first - first.last).days == 1 and first.precision == second.precision
        if opener_word != "between" and not consecutive:
            return None
        if opener_word == "from":
            opener = None
    elif opener_word == "between":
        opener = None
    precision = max(first.precision, second.precision, key=lambda p: PRECISION_RANK[p])
    iso = f"{first.iso.split('/')[0]}/{second.iso.split('/')[-1]}"
    value = When(iso, precision, first.first, second.last, None, first.relative or second.relative)
    return _Piece(opener.start() if opener else a.start, b.end, value)
