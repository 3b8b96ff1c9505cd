"""The date forms: one master regex of every form, the prefilter that finds where a form can
start, and a builder per form that turns a match into a value (or rejects it by its context).

``scan(text, ref)`` returns the matched pieces in order; ``dates.find_dates`` combines them
(years borrowed across lists, qualifiers, ranges). The rules are listed in ``dates.py`` and
documented in docs/dates.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ..values import Precision, When
from . import date_phrases as phrases
from . import date_relative as rel
from . import date_tense
from . import date_words as words
from .date_pieces import DASH, SO, Piece, S, date_or_none, left_word

__all__ = ["DASH", "LIST_GAP", "SO", "Piece", "S", "date_or_none", "scan"]

# ---------------------------------------------------------------------------- pattern parts


def _alt(names: list[str]) -> str:
    return "|".join(sorted((re.escape(n) for n in set(names)), key=len, reverse=True))


def _cased(names: list[str]) -> list[str]:
    return [form for name in names for form in (name.capitalize(), name.upper())]


_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?![0-9])"
_DAY = r"[0-3]?[0-9](?![0-9])(?:st|nd|rd|th)?(?![A-Za-z0-9])"
_FULL_MONTH = _alt(_cased(list(words.MONTHS)))
_MONTH = rf"(?:{_FULL_MONTH}|(?:{_alt(_cased(list(words.MONTH_ABBREVIATIONS)))})\.?)(?![A-Za-z])"
_WEEKDAY = _alt(_cased(list(words.WEEKDAYS)))
_SEASON = _alt([s for name in words.SEASONS for s in (name, name.capitalize())])
_ORDINAL = _alt([w for o in words.ORDINAL_WORDS for w in (o, o.capitalize())])
_COUNT = _alt([w for c in words.COUNT_WORDS for w in (c, c.capitalize())])
_REL_YEAR = rf"(?:[Tt]his|[Ll]ast|[Nn]ext){S}year"
_EVENTS = _alt([name for name in words.EVENTS if name != "9/11"])
_NUMBER_LEFT = r"(?<![0-9][.,\-–/])(?<![\w$€£¥₩#§])"

_ALTERNATIVES = [
    rf"(?P<ev>(?:{_EVENTS})(?![A-Za-z0-9])|(?<![0-9/])9/11(?![0-9/]))",
    rf"(?P<iso>(?<![0-9./-]){_YEAR}-[01][0-9]-[0-3][0-9](?![0-9]))",
    rf"(?P<ymd>(?<![0-9./-]){_YEAR}/[01]?[0-9]/[0-3]?[0-9](?![0-9/]))",
    r"(?P<num>(?<![0-9./-])[0-3]?[0-9](?P<num_s>[/.-])[0-3]?[0-9](?P=num_s)(?:[0-9]{4}|[0-9]{2})"
    r"(?![0-9]|[.,/-][0-9]))",
    rf"(?P<md>(?:(?:{_WEEKDAY}),?{S})?(?P<md_m>{_MONTH}){S}(?P<md_d>{_DAY})"
    rf"(?:{SO}{DASH}{SO}(?P<md_d2>{_DAY})(?:,?{S}(?P<md_y>{_YEAR}))?"
    rf"|{S}(?:to|through|and){S}(?P<md_d3>{_DAY}),?{S}(?P<md_y2>{_YEAR})"
    rf"|,?{S}(?P<md_y3>{_YEAR}))?)",
    rf"(?P<dm>(?:(?:{_WEEKDAY}),?{S})?(?<![0-9.,$])(?P<dm_d>{_DAY})"
    rf"(?:{SO}{DASH}{SO}(?P<dm_d2>{_DAY}))?{S}(?:of{S})?(?P<dm_m>{_MONTH})"
    rf"(?:,?{S}(?P<dm_y>{_YEAR}))?)",
    rf"(?P<my>(?P<my_m>{_MONTH}),?{S}(?:of{S})?(?P<my_y>{_YEAR}))",
    rf"(?P<q>(?:Q(?P<q_n>[1-4])|(?P<q_n2>[1-4])Q)(?:{SO}|{S}of{S})(?P<q_y>{_YEAR}))",
    rf"(?P<qo>(?P<qo_n>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th)(?:-|{S})quarter"
    rf"(?:{S}of)?{S}(?P<qo_y>{_YEAR}|{_REL_YEAR}))",
    rf"(?P<h>(?P<h_n>[Ff]irst|[Ss]econd|1st|2nd)(?:-|{S})half(?:{S}of)?{S}"
    rf"(?P<h_y>{_YEAR}|{_REL_YEAR})|(?:H(?P<h_n2>[12])|(?P<h_n3>[12])H){SO}(?P<h_y2>{_YEAR}))",
    rf"(?P<s>(?P<s_n>{_SEASON})(?:{S}of)?{S}(?P<s_y>{_YEAR})(?:{DASH}(?P<s_y2>[0-9]{{2}}(?![0-9])|{_YEAR}))?)",
    rf"(?P<fy>(?:FY{SO}|[Ff]iscal(?:-|{S})(?:[Yy]ear{S})?)(?P<fy_y>{_YEAR}|['’]?[0-9]{{2}}(?![0-9]))"
    rf"(?:[-–/](?P<fy_y2>{_YEAR}|[0-9]{{2}}(?![0-9])))?)",
    rf"(?P<c>(?P<c_n>[12]?[0-9](?:st|nd|rd|th)|{_ORDINAL})(?:-|{S})[Cc]entury(?![A-Za-z]))",
    rf"(?P<dec>{_NUMBER_LEFT}(?P<dec_y>1[0-9]{{2}}0|2[01][0-9]0)['’]?s(?![\w])"
    r"|['’‘](?P<dec_yy>[0-9]0)s(?![\w]))",
    rf"(?P<yr>{_NUMBER_LEFT}(?P<yr_a>{_YEAR})(?P<yr_s>{SO}{DASH}{SO}|/)"
    rf"(?P<yr_b>{_YEAR}|[0-9]{{2}}(?![0-9]))(?![.,][0-9]|[\w%]))",
    r"(?P<rd>(?:[Yy]esterday|[Tt]oday(?!['’]s)|[Tt]omorrow|[Tt]onight"
    rf"|[Ll]ast{S}night|[Tt]his{S}(?:morning|afternoon|evening))(?![\w]))",
    rf"(?P<mry>(?P<mry_m>{_FULL_MONTH}){S}(?:of{S})?(?P<mry_y>{_REL_YEAR})(?![\w]|-\w))",
    rf"(?P<rm>(?<![Tt]he )(?P<rm_mod>[Tt]his{S}past|[Tt]his{S}coming|[Ll]ast|[Nn]ext|[Tt]his)"
    rf"{S}(?P<rm_unit>weekend|week|month|year|{_FULL_MONTH}|{_WEEKDAY}|{_SEASON})(?![\w]|-\w))",
    *phrases.ALTERNATIVES,
    rf"(?P<ago>(?<![\w,.])(?P<ago_n>[0-9]{{1,3}}|{_COUNT}){S}(?P<ago_u>day|week|month|year)s?{S}ago(?![\w]))",
    rf"(?P<y>{_NUMBER_LEFT}{_YEAR}(?![\w%]|[.,:][0-9]|{SO}{DASH}{SO}[0-9]|{SO}(?:percent|per cent|B\.?C)))",
    rf"(?P<bm>(?:{_alt([m.capitalize() for m in words.MONTHS])})(?![\w]))",
    rf"(?P<bw>(?:{_alt([w.capitalize() for w in words.WEEKDAYS])})(?![\w]))",
]
_MASTER = re.compile(r"(?<!\w)(?:" + "|".join(_ALTERNATIVES) + ")")

# Prefilter: the places where a date form can start. Two regexes, because sre scans fast only
# when every alternative starts with a literal and those first characters are rare (digits and
# capitals); the lowercase keywords get a pass of their own.
_UPPER_WORDS = [
    *(m[:3].capitalize() for m in words.MONTHS), *(m[:3].upper() for m in words.MONTHS),
    *(w[:3].capitalize() for w in words.WEEKDAYS), *(w[:3].upper() for w in words.WEEKDAYS),
    "Yesterday", "Today", "Tomorrow", "Tonight", "Last", "Next", "This", "World", "WW",
    "Korean", "Vietnam", "Persian", "Gulf", "Iraq", "Cold", "Great", "First", "Second",
    "Third", "Fourth", "Twent", "Nineteenth", "Eighteenth", "Seventeenth", "Sixteenth",
    "Fifteenth", "Fourteenth", "Thirteenth", "Twelfth", "Eleventh", "Tenth", "Ninth",
    "Eighth", "Seventh", "Sixth", "Fifth", "FY", "Spring", "Summer", "Autumn", "Fall",
    "Winter", "Fiscal", "Q", "H", *phrases.UPPER_KEYWORDS,
]
_PREFILTER_UPPER = re.compile("|".join(sorted(set(_UPPER_WORDS), key=len, reverse=True)))
_PREFILTER_DIGITS = re.compile(r"[0-9]+")
_PREFILTER_LOWER = re.compile(
    "yesterday|today|tomorrow|tonight|last|next|this|ago|century|first|second|third|fourth"
    "|spring|summer|autumn|fall|winter|fiscal|" + "|".join(phrases.KEYWORDS)
    + "|(?<=of the )(?:month|decade)"
)
# Forms whose first word is not a keyword end with one: "two weeks ago", "twentieth century",
# "a year earlier".
_LOOK_BACK = ("ago", "century", *phrases.LOOK_BACK)
_WORD_START = re.compile(r"(?<!\w)\w")


# ---------------------------------------------------------------------------- context rules

LIST_GAP = re.compile(rf"{SO}(?:,|and|or|to|through|until|{DASH}|,{SO}and|,{SO}or){SO}")
_MONTH_CONTEXT = re.compile(
    r"(?<!\w)(?P<w>in|In|since|Since|until|Until|till|through|Through|during|During|by|By|before"
    r"|Before|after|After|from|From|between|Between|of|early|Early|late|Late|mid|Mid|around"
    r"|Around)[^\S\n]+$|(?<!\w)(?:[Mm]id|[Ee]arly|[Ll]ate)" + DASH + "$"
)
_MONTH_FOLLOWER = re.compile(rf"{SO}(?:{DASH}|to|through|and){SO}(?:{_FULL_MONTH})(?!\w)")
_WORDS_RIGHT = re.compile(r"[^\S\n]+([A-Za-z]+)(?:[^\S\n]+([A-Za-z]+))?")
_CAPITAL_RIGHT = re.compile(r"[^\S\n]+([A-Z][a-z]+)")
_APPROXIMATOR = re.compile(
    r"(?<!\w)(?:" + "|".join(words.APPROXIMATORS) + r")[^\S\n]+$", re.IGNORECASE
)
_ABOUT_WORD = re.compile(r"(?i:approximately|about|around|roughly)\b")
_APPROXIMATE_YEAR_AFTER = frozenset({"from", "between", "since", "in", "until", "till", "by",
                                     "or", "circa"})
_RANGE_END_GAP = re.compile(rf"{SO},?{SO}(?:to|and|until|through){SO}")
# "on Monday", "since Sunday" stay dates before a capital; "by Sunday Telegraph journalist"
# does not.
_WEEKDAY_PREPOSITIONS = frozenset({"on", "since", "until", "till", "before", "after"})
_AHEAD_OF = re.compile(r"(?:ahead of|before|until|till|for|awaiting|await)[^\S\n]+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'”’)]*\s+|\n\s*|[\"“‘]\s*)$")
_SENTENCE_PREPOSITIONS = frozenset({"In", "Since", "During", "By", "Until"})
_ADDRESS = re.compile(r"[^\S\n]+[A-Z][a-z]+[^\S\n]+(?:Avenue|Ave\.|Street|St\.|Road|Rd\.|Boulevard"
                      r"|Blvd\.|Drive|Lane|Way|Place|Court)\b")
_PHONE_LEFT = re.compile(r"(?<![0-9])[0-9]{3}[ .]$")  # "(202) 555 2019"
# "a 2000-year-old coin", "a 1500-page report", "the 1000-strong force"
_MEASURE_RIGHT = re.compile(
    r"[-‐‑](?:year|month|week|day|hour|mile|kilometer|kilometre|km|meter|metre|foot|page|ton"
    r"|tonne|point|seat|member|man|strong|acre|square)s?\b"
)
_YEAR_PREFIXES = frozenset({"mid", "pre", "post", "early", "late"})
_COUNT_ADJECTIVES = frozenset({"more", "other", "new", "additional", "extra", "local", "foreign"})



def _candidates(text: str) -> list[int]:
    starts = {hit.start() for hit in _PREFILTER_UPPER.finditer(text)}
    for hit in _PREFILTER_DIGITS.finditer(text):
        position = hit.start()
        starts.add(position)
        if position and text[position - 1] in "'’‘":
            starts.add(position - 1)  # "'90s"
    for hit in _PREFILTER_LOWER.finditer(text):
        position = hit.start()
        starts.add(position)
        if hit.group() in _LOOK_BACK:
            lefts = [w.start() for w in _WORD_START.finditer(text, max(0, position - 32), position)]
            starts.update(lefts[-2:])
    return sorted(starts)


def scan(text: str, ref: rel.Reference | None) -> list[Piece]:
    pieces: list[Piece] = []
    end = 0
    for position in _candidates(text):
        if position < end:
            continue
        match = _MASTER.match(text, position)
        if match is None:
            continue
        piece = _build(text, match, ref, pieces)
        if piece is not None:
            pieces.append(piece)
            end = match.end()
    return pieces


def _build(text: str, m: re.Match[str], ref: rel.Reference | None,
           previous: list[Piece]) -> Piece | None:
    kind = m.lastgroup
    if kind is None:
        return None
    builder = _BUILDERS[kind]
    try:
        when_or_piece = builder(text, m, ref, previous)
    except (ValueError, OverflowError):
        # Outside datetime's years 1-9999 ("next August" from a 9999-12-31 reference,
        # "yesterday" from 0001-01-01): no date to report.
        return None
    if when_or_piece is None or isinstance(when_or_piece, Piece):
        return when_or_piece
    return Piece(m.start(), m.end(), when_or_piece)


# ---------------------------------------------------------------------------- builders

_Builder = Callable[[str, "re.Match[str]", "rel.Reference | None", list[Piece]],
                    "When | Piece | None"]


def _month_number(name: str) -> int:
    key = name.rstrip(".").lower()
    return words.MONTHS.get(key) or words.MONTH_ABBREVIATIONS[key]


def _day_number(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _event(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When | None:
    if left_word(text, m.start()) in words.EVENT_BLOCKERS:
        return None
    first, last, precision = words.EVENTS[m.group("ev")]
    if precision == "year":
        return rel.year_value(first.year, last.year)
    if precision == "month":
        return When(f"{first:%Y-%m}/{last:%Y-%m}", "month", first, last)
    return rel.day_value(first, last)


def _iso(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When | None:
    year, month, day = (int(p) for p in m.group("iso").split("-"))
    date = date_or_none(year, month, day)
    return None if date is None else rel.day_value(date)


def _ymd(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When | None:
    year, month, day = (int(p) for p in m.group("ymd").split("/"))
    date = date_or_none(year, month, day)
    return None if date is None else rel.day_value(date)


def _numeric(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When | None:
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
    date = date_or_none(year, month, day)
    return None if date is None else rel.day_value(date)


def _day_piece(m: re.Match[str], month_name: str, day: str, day2: str | None,
               year: str | None, direction: rel.Direction) -> When | Piece | None:
    month = _month_number(month_name)
    first_day = _day_number(day)
    last_day = _day_number(day2) if day2 else first_day
    if not 1 <= first_day <= last_day or (day2 and last_day == first_day):
        return None
    if year is None:
        if date_or_none(2000, month, last_day) is None:  # 2000 is a leap year: Feb 29 stays possible
            return None
        return Piece(m.start(), m.end(), None, month, first_day, last_day, direction)
    first, last = date_or_none(int(year), month, first_day), date_or_none(int(year), month, last_day)
    if first is None or last is None:
        return None
    return rel.day_period(first, last)


def _month_day(text: str, m: re.Match[str], ref: rel.Reference | None,
               prev: list[Piece]) -> When | Piece | None:
    return _day_piece(m, m.group("md_m"), m.group("md_d"), m.group("md_d2") or m.group("md_d3"),
                      m.group("md_y") or m.group("md_y2") or m.group("md_y3"),
                      date_tense.direction(text, m.start(), m.end()))


def _day_month(text: str, m: re.Match[str], ref: rel.Reference | None,
               prev: list[Piece]) -> When | Piece | None:
    return _day_piece(m, m.group("dm_m"), m.group("dm_d"), m.group("dm_d2"), m.group("dm_y"),
                      date_tense.direction(text, m.start(), m.end()))


def _month_year(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When:
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
        return rel.unresolved(precision, "year")
    value = rel.months_value(year, (index - 1) * months + 1, months, precision)
    return value if year_text[0].isdigit() else rel.relative(value)


def _quarter(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When:
    return _part_of_year(m.group("q_y"), int(m.group("q_n") or m.group("q_n2")), 3, "quarter", ref)


def _quarter_words(text: str, m: re.Match[str], ref: rel.Reference | None,
                   prev: list[Piece]) -> When:
    word = m.group("qo_n").lower()
    index = words.ORDINAL_WORDS.get(word) or int(word[0])
    return _part_of_year(m.group("qo_y"), index, 3, "quarter", ref)


def _half(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When:
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


def _season(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When | None:
    first_month = words.SEASONS[m.group("s_n").lower()]
    year = int(m.group("s_y"))
    if m.group("s_y2"):
        end = _later_year(year, m.group("s_y2"))
        if end != year + 1 or first_month != 12:
            return None
    return rel.season_value(first_month, year)


def _fiscal(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When | None:
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


def _century(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When | None:
    word = m.group("c_n").lower()
    number = words.ORDINAL_WORDS.get(word) or int(word[:-2])
    if not 2 <= number <= 22:
        return None
    start = (number - 1) * 100
    return rel.year_value(start, start + 99, "century")


def _decade(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When | None:
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
                prev: list[Piece]) -> When | None:
    if not _year_prefix_ok(text, m.start()) or left_word(text, m.start()).lower() in words.LABEL_WORDS:
        return None
    start, suffix = int(m.group("yr_a")), m.group("yr_b")
    spaced = m.group("yr_s").strip() != m.group("yr_s")
    if len(suffix) == 2 and spaced:
        return None
    end = _later_year(start, suffix)
    if end is not None:
        return rel.period(rel.year_value(start), rel.year_value(end))
    if len(suffix) == 2 and m.group("yr_s") == "-" and 1 <= int(suffix) <= 12:
        return rel.month_value(start, int(suffix))
    return None


def _relative_day(text: str, m: re.Match[str], ref: rel.Reference | None,
                  prev: list[Piece]) -> When | None:
    phrase = " ".join(m.group("rd").lower().split())
    if m.group("rd").startswith("Today") and not _sentence_start(text, m.start()):
        return None  # "told BBC Radio 4's Today programme": a name
    phrase = "today" if phrase.startswith("this ") or phrase == "tonight" else phrase
    value = None if ref is None else rel.resolve_day_word(ref, phrase)
    return rel.unresolved("day", "day") if value is None else rel.relative(value)


_MODIFIERS: dict[str, rel.Direction] = {
    "this past": "past", "last": "past", "next": "future", "this coming": "future", "this": "this",
}
_SHIFT = {"past": -1, "future": 1, "this": 0}


def _relative_unit(text: str, m: re.Match[str], ref: rel.Reference | None,
                   prev: list[Piece]) -> When | None:
    direction = _MODIFIERS[" ".join(m.group("rm_mod").lower().split())]
    unit = m.group("rm_unit")
    key = unit.lower()
    value: When | None
    precision: Precision
    needs: Precision = "year" if direction == "this" else "month"
    if key in words.MONTHS:
        precision = "month"
        year = None if ref is None else rel.resolve_month_year(ref, words.MONTHS[key], direction)
        value = None if year is None else rel.month_value(year, words.MONTHS[key])
    elif key in words.WEEKDAYS:
        precision = needs = "day"
        value = None if ref is None else rel.resolve_weekday(ref, words.WEEKDAYS[key], direction)
    elif key in words.SEASONS:
        precision = "season"
        value = None if ref is None else rel.resolve_season(ref, words.SEASONS[key], direction)
    else:
        precision = needs = "year" if key == "year" else "month" if key == "month" else "day"
        value = None if ref is None else rel.resolve_unit(ref, key, _SHIFT[direction])
    return rel.unresolved(precision, needs) if value is None else rel.relative(value)


def _month_relative_year(text: str, m: re.Match[str], ref: rel.Reference | None,
                         prev: list[Piece]) -> When:
    """"August last year", "March next year"."""
    year = _relative_year(m.group("mry_y"), ref)
    if year is None:
        return rel.unresolved("month", "year")
    return rel.relative(rel.month_value(year, _month_number(m.group("mry_m"))))


def _ago(text: str, m: re.Match[str], ref: rel.Reference | None,
         prev: list[Piece]) -> When | Piece | None:
    count_text = m.group("ago_n").lower()
    count = int(count_text) if count_text.isdigit() else words.COUNT_WORDS[count_text]
    unit = m.group("ago_u")
    if unit == "year" and count == 1:
        return phrases.year_ago(text, m.start(), m.end())
    precision: Precision = "day" if unit in ("day", "week") else "month" if unit == "month" else "year"
    value = None if ref is None else rel.resolve_ago(ref, count, unit)
    return rel.unresolved(precision, precision) if value is None else rel.relative(value)


def _bare_year(text: str, m: re.Match[str], ref: rel.Reference | None,
               prev: list[Piece]) -> When | None:
    start, end = m.start(), m.end()
    if not _year_prefix_ok(text, start):
        return None
    left = left_word(text, start)
    if left.lower() in words.LABEL_WORDS:
        return None
    approximate = _APPROXIMATOR.search(text, max(0, start - 16), start)
    if approximate and not _approximate_year(text, approximate.start(), prev):
        return None
    if _PHONE_LEFT.search(text, max(0, start - 4), start) or _MEASURE_RIGHT.match(text, end):
        return None
    right = _WORDS_RIGHT.match(text, end, min(len(text), end + 40))
    if right and _counts(text, start, left, right):
        return None
    if _ADDRESS.match(text, end, min(len(text), end + 40)):
        return None
    return rel.year_value(int(m.group("y")))


def _approximate_year(text: str, position: int, prev: list[Piece]) -> bool:
    """"from approximately 1990", "in about 1965": an approximate year after a date word,
    or as the second end of a range ("from 1990 to around 2004"); "about 2000" alone is a
    count."""
    if not _ABOUT_WORD.match(text, position):
        return False
    before = left_word(text, position)
    if before.lower() in _APPROXIMATE_YEAR_AFTER:
        return True
    return before in ("to", "and") and bool(prev) and \
        _RANGE_END_GAP.fullmatch(text, prev[-1].end, position) is not None


def _counts(text: str, start: int, left: str, right: re.Match[str]) -> bool:
    first, second = right.group(1), right.group(2)
    noun = first.lower()
    counted = noun in words.COUNT_NOUNS or first in words.COUNT_NOUNS or bool(
        second and noun in _COUNT_ADJECTIVES and second.lower() in words.COUNT_NOUNS
    )
    if not counted:
        return False
    if noun in ("dollars", "euros", "pounds", "yen") and left == "in":
        return False  # "in 2019 dollars": constant dollars of that year
    return not _sentence_initial(text, start, left)


def _sentence_initial(text: str, position: int, left: str) -> bool:
    """"In 2019 people voted": the number follows a sentence-initial preposition."""
    if left not in _SENTENCE_PREPOSITIONS:
        return False
    begin = position
    while begin > 0 and text[begin - 1] in " \t\u00a0":
        begin -= 1
    begin -= len(left)
    while begin > 0 and text[begin - 1] in " \t\u00a0":
        begin -= 1
    return begin == 0 or text[begin - 1] in ".!?\n\"“"


def _sentence_start(text: str, position: int) -> bool:
    return _SENTENCE_START.search(text, max(0, position - 4), position) is not None


def _year_prefix_ok(text: str, start: int) -> bool:
    """A number glued to a word by a hyphen is a year only after mid-/pre-/post-/early-/late-
    ("mid-2019"), not in a model or code ("G-2019", "COVID-2019")."""
    if start >= 2 and text[start - 1] in "-‐‑–" and text[start - 2].isalpha():
        return left_word(text, start - 1).lower().split("-")[-1] in _YEAR_PREFIXES
    return True


def _bare_month(text: str, m: re.Match[str], ref: rel.Reference | None,
                prev: list[Piece]) -> Piece | None:
    start, end = m.start(), m.end()
    name = m.group("bm")
    if name == "May" and text[end:end + 2] in ("'s", "’s"):
        return None
    context = _MONTH_CONTEXT.search(text, max(0, start - 12), start)
    listed = bool(prev) and LIST_GAP.fullmatch(text, prev[-1].end, start) is not None
    if context is None and not listed and not _MONTH_FOLLOWER.match(text, end):
        return None
    since = context is not None and context.group("w") in ("since", "Since")
    direction: rel.Direction = "since" if since else date_tense.direction(text, start, end)
    return Piece(start, end, None, words.MONTHS[name.lower()], 0, 0, direction)


def _bare_weekday(text: str, m: re.Match[str], ref: rel.Reference | None,
                  prev: list[Piece]) -> When | None:
    start, end = m.start(), m.end()
    if left_word(text, start) in words.WEEKDAY_BLOCKERS_BEFORE:  # "Black Friday", "every Sunday"
        return None
    before = left_word(text, start)
    right = _CAPITAL_RIGHT.match(text, end, min(len(text), end + 24))
    if right and right.group(1).lower() not in words.MONTHS \
            and before.lower() not in _WEEKDAY_PREPOSITIONS:
        return None  # "Sunday Times", but "On Monday Lib Dem chairman Alan Beith warned"
    if before in ("a", "any"):
        return None  # "on a Saturday morning": any Saturday
    direction: rel.Direction
    if text.startswith(("'s", "’s"), end):
        # "Wednesday's closing price" is past, "ahead of Sunday's election" coming.
        ahead = _AHEAD_OF.search(text, max(0, start - 16), start)
        direction = "ahead" if ahead else "since"
    else:
        direction = "ahead" if date_tense.direction(text, start, end) == "ahead" else "since"
    weekday = words.WEEKDAYS[m.group("bw").lower()]
    value = None if ref is None else rel.resolve_weekday(ref, weekday, direction)
    return rel.unresolved("day", "day") if value is None else rel.relative(value)


_BUILDERS: dict[str, _Builder] = {
    "ev": _event, "iso": _iso, "ymd": _ymd, "num": _numeric, "md": _month_day, "dm": _day_month,
    "my": _month_year, "q": _quarter, "qo": _quarter_words, "h": _half, "s": _season,
    "fy": _fiscal, "c": _century, "dec": _decade, "yr": _year_range, "rd": _relative_day,
    **phrases.BUILDERS,
    "mry": _month_relative_year, "rm": _relative_unit, "ago": _ago, "y": _bare_year, "bm": _bare_month, "bw": _bare_weekday,
}


