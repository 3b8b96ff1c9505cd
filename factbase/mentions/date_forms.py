"""The date forms: one master regex of every form, the prefilter that finds where a form can
start, and a builder per form that turns a match into a value (or rejects it by its context).

``scan(text, ref)`` returns the matched pieces in order; ``dates.find_dates`` combines them
(years borrowed across lists, qualifiers, ranges). The rules are listed in ``dates.py`` and
documented in docs/dates.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..values import Precision, When
from . import date_deictic as deictic
from . import date_phrases as phrases
from . import date_relative as rel
from . import date_spelled as spelled
from . import date_tense
from . import date_words as words
from . import date_yearless as yearless
from .date_pieces import (
    DASH,
    DAY,
    FULL_MONTH,
    MONTH,
    MONTHS_TO,
    ORDINAL,
    REL_YEAR,
    SEASON,
    SO,
    WEEKDAY,
    YEAR,
    Piece,
    S,
    alt,
    date_or_none,
    left_word,
    month_number,
    sentence_start,
)
from .numbers import word_trie

__all__ = ["DASH", "LIST_GAP", "SO", "Piece", "S", "date_or_none", "scan"]

# The second day of "June 3 and 4", "June 5 to 7": not "June 5 to 7%" nor "3.5".
_SECOND_DAY = rf"{DAY}(?![%]|[.,][0-9])"
_EVENTS = alt([name for name in words.EVENTS if name != "9/11"])
_NUMBER_LEFT = r"(?<![0-9][.,\-–/])(?<![\w$€£¥₩#§])"

# The forms kept in modules of their own, in the order they are tried.
_FORM_MODULES = (deictic, phrases, yearless, spelled)
_FORM_ALTERNATIVES = [a for module in _FORM_MODULES for a in module.ALTERNATIVES]

_ALTERNATIVES = [
    rf"(?P<ev>(?:{_EVENTS})(?![A-Za-z0-9])|(?<![0-9/])9/11(?![0-9/]))",
    rf"(?P<iso>(?<![0-9./-]){YEAR}-[01][0-9]-[0-3][0-9](?![0-9]))",
    rf"(?P<ymd>(?<![0-9./-]){YEAR}/[01]?[0-9]/[0-3]?[0-9](?![0-9/]))",
    r"(?P<num>(?<![0-9./-])[0-3]?[0-9](?P<num_s>[/.-])[0-3]?[0-9](?P=num_s)(?:[0-9]{4}|[0-9]{2})"
    r"(?![0-9]|[.,/-][0-9]))",
    rf"(?P<md>(?:(?:{WEEKDAY}),?{S})?(?P<md_m>{MONTH}){S}(?P<md_d>{DAY})"
    rf"(?:(?:{SO}{DASH}{SO}|{S}(?P<md_w>to|through|until|and|&){S})(?P<md_d2>{_SECOND_DAY})"
    rf"(?:,?{S}(?P<md_y>{YEAR}))?|,?{S}(?P<md_y3>{YEAR}))?)",
    rf"(?P<dm>(?:(?:{WEEKDAY}),?{S})?(?<![0-9.,$])(?P<dm_d>{DAY})"
    rf"(?:(?:{SO}{DASH}{SO}|{S}(?P<dm_w>to|through|until|and|&){S})(?P<dm_d2>{DAY}))?"
    rf"{S}(?:of{S})?(?P<dm_m>{MONTH})(?:,?{S}(?P<dm_y>{YEAR}))?)",
    rf"(?P<my>(?P<my_m>{MONTH}),?{S}(?:of{S})?(?P<my_y>{YEAR}))",
    rf"(?P<q>(?:Q(?P<q_n>[1-4])|(?P<q_n2>[1-4])Q)(?:{SO}|{S}of{S})(?P<q_y>{YEAR}))",
    rf"(?P<qo>(?P<qo_n>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]inal|[Ll]ast|1st|2nd|3rd|4th)"
    rf"(?:-|{S})quarter"
    rf"(?:{S}of)?{S}(?P<qo_y>{YEAR}|{REL_YEAR}))",
    rf"(?P<h>(?P<h_n>[Ff]irst|[Ss]econd|1st|2nd)(?:-|{S})half(?:{S}of)?{S}"
    rf"(?P<h_y>{YEAR}|{REL_YEAR})|(?:H(?P<h_n2>[12])|(?P<h_n3>[12])H){SO}(?P<h_y2>{YEAR}))",
    rf"(?P<s>(?P<s_n>{SEASON})(?:{S}of)?{S}(?P<s_y>{YEAR})(?:{DASH}(?P<s_y2>[0-9]{{2}}(?![0-9])|{YEAR}))?)",
    rf"(?P<fy>(?:FY{SO}|[Ff]iscal(?:-|{S})(?:[Yy]ear{S})?)(?P<fy_y>{YEAR}|['’]?[0-9]{{2}}(?![0-9]))"
    rf"(?:[-–/](?P<fy_y2>{YEAR}|[0-9]{{2}}(?![0-9])))?)",
    rf"(?P<c>(?P<c_n>[12]?[0-9](?:st|nd|rd|th)|{ORDINAL})(?:-|{S})[Cc]entury(?![A-Za-z]))",
    rf"(?P<dec>{_NUMBER_LEFT}(?P<dec_y>1[0-9]{{2}}0|2[01][0-9]0)['’]?s(?![\w])"
    r"|['’‘](?P<dec_yy>[0-9]0)s(?![\w]))",
    rf"(?P<yr>{_NUMBER_LEFT}(?P<yr_a>{YEAR})(?P<yr_s>{SO}{DASH}{SO}|/)"
    rf"(?P<yr_b>{YEAR}|[0-9]{{2}}(?![0-9]))(?![.,][0-9]|[\w%]))",
    *_FORM_ALTERNATIVES,
    rf"(?P<y>{_NUMBER_LEFT}{YEAR}(?![\w%]|[.,:][0-9]|{SO}{DASH}{SO}[0-9]|{SO}(?:percent|per cent|B\.?C)))",
    rf"(?P<bm>(?:{alt([m.capitalize() for m in words.MONTHS])})(?![\w]))",
    rf"(?P<bw>(?:{alt([w.capitalize() for w in words.WEEKDAYS])})(?![\w]))",
]


def _master(names: frozenset[str] | None, exclude: frozenset[str] = frozenset()) -> re.Pattern[str]:
    chosen = [a for a in _ALTERNATIVES
              if (names is None or _name(a) in names) and _name(a) not in exclude]
    return re.compile(r"(?<!\w)(?:" + "|".join(chosen) + ")")


def _name(alternative: str) -> str:
    return alternative[4:alternative.index(">")]  # "(?P<name>..."


# `re` tries the alternatives one by one, so a position is matched only against the forms
# that can start with its first character: a digit (or an apostrophe: "'90s"), or a letter.
_DIGIT_FORMS = frozenset({"ev", "iso", "ymd", "num", "dm", "q", "qo", "h", "c", "dec", "yr",
                          "ago", "ann", "yq", "yh", "d90", "y"})
_DIGIT_ONLY = frozenset({"iso", "ymd", "num", "dec", "yr", "d90", "y"})
_MASTER_DIGIT = _master(_DIGIT_FORMS)
_MASTER_WORD = _master(None, _DIGIT_ONLY)

# Prefilter: the places where a date form can start. Two regexes, because sre scans fast only
# when every alternative starts with a literal and those first characters are rare (digits and
# capitals); the lowercase keywords get a pass of their own.
_UPPER_WORDS = [
    *(m[:3].capitalize() for m in words.MONTHS), *(m[:3].upper() for m in words.MONTHS),
    *(w[:3].capitalize() for w in words.WEEKDAYS), *(w[:3].upper() for w in words.WEEKDAYS),
    "World", "WW",
    "Korean", "Vietnam", "Persian", "Gulf", "Iraq", "Cold", "Great", "First", "Second",
    "Third", "Fourth", "Twent", "Nineteenth", "Eighteenth", "Seventeenth", "Sixteenth",
    "Fifteenth", "Fourteenth", "Thirteenth", "Twelfth", "Eleventh", "Tenth", "Ninth",
    "Eighth", "Seventh", "Sixth", "Fifth", "FY", "Spring", "Summer", "Autumn", "Fall",
    "Winter", "Fiscal", "Q", "H", *(w for module in _FORM_MODULES for w in module.UPPER_KEYWORDS),
]
# As tries: `re` tries the alternatives of a plain alternation one by one.
_PREFILTER_UPPER = re.compile(word_trie(sorted(set(_UPPER_WORDS))))
_PREFILTER_DIGITS = re.compile(r"[0-9]+")
_PREFILTER_LOWER = re.compile(word_trie(sorted({
    "century", "first", "second", "third", "fourth", "spring", "summer", "autumn", "fall",
    "winter", "fiscal", *(w for module in _FORM_MODULES for w in module.KEYWORDS)})))
# Forms whose first word is not a keyword end with one: "two weeks ago", "twentieth century",
# "a year earlier".
_LOOK_BACK = ("century", *(w for module in _FORM_MODULES for w in module.LOOK_BACK))
_WORD_START = re.compile(r"(?<!\w)\w")


# ---------------------------------------------------------------------------- context rules

LIST_GAP = re.compile(rf"{SO}(?:,|and|or|to|through|until|{DASH}|,{SO}and|,{SO}or){SO}")
_MONTH_CONTEXT = re.compile(
    r"(?<!\w)(?P<w>in|In|since|Since|until|Until|till|through|Through|during|During|by|By|before"
    r"|Before|after|After|from|From|between|Between|of|early|Early|late|Late|mid|Mid|around"
    r"|Around)[^\S\n]+$|(?<!\w)(?:[Mm]id|[Ee]arly|[Ll]ate)" + DASH + "$"
)
_MONTH_FOLLOWER = re.compile(rf"{SO}(?:{DASH}|to|through|and){SO}(?:{FULL_MONTH})(?!\w)")
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
        if text.startswith("of the ", position):
            starts.add(position + len("of the "))  # "the end of the month"
            continue
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
        first = text[position]
        master = _MASTER_DIGIT if first.isdigit() or first in "'’‘" else _MASTER_WORD
        match = master.match(text, position)
        if match is None:
            continue
        built = _build(text, match, ref, pieces)
        if built:
            pieces.extend(built)
            end = match.end()
    return pieces


def _build(text: str, m: re.Match[str], ref: rel.Reference | None,
           previous: list[Piece]) -> list[Piece]:
    kind = m.lastgroup
    if kind is None:
        return []
    builder = _BUILDERS[kind]
    try:
        built = builder(text, m, ref, previous)
    except (ValueError, OverflowError):
        # Outside datetime's years 1-9999 ("next August" from a 9999-12-31 reference,
        # "yesterday" from 0001-01-01): no date to report.
        return []
    if built is None:
        return []
    if isinstance(built, list):
        return built
    return [built if isinstance(built, Piece) else Piece(m.start(), m.end(), built)]


# ---------------------------------------------------------------------------- builders

_Builder = Callable[[str, "re.Match[str]", "rel.Reference | None", list[Piece]],
                    "When | Piece | list[Piece] | None"]


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
    month = month_number(month_name)
    first_day = _day_number(day)
    last_day = _day_number(day2) if day2 else first_day
    if not 1 <= first_day <= last_day or (day2 and last_day == first_day):
        return None
    if year is None:
        if not _whole_month_days(month, first_day, last_day):
            return None
        return Piece(m.start(), m.end(), None, month, first_day, last_day, direction)
    first, last = date_or_none(int(year), month, first_day), date_or_none(int(year), month, last_day)
    if first is None or last is None:
        return None
    return rel.day_period(first, last)


def _whole_month_days(month: int, first_day: int, last_day: int) -> bool:
    # 2000 is a leap year: Feb 29 stays possible until the year is known.
    return date_or_none(2000, month, first_day) is not None and \
        date_or_none(2000, month, last_day) is not None


def _month_day(text: str, m: re.Match[str], ref: rel.Reference | None,
               prev: list[Piece]) -> When | Piece | list[Piece] | None:
    year = m.group("md_y") or m.group("md_y3")
    # The tense matters only to a day written without its year.
    direction = "nearest" if year else date_tense.direction(text, m.start(), m.end())
    if m.group("md_w") and not m.group("md_y") and _counted(text, m.end()):
        # "on June 3 and 4 people": the second number counts
        alone = _day_piece(m, m.group("md_m"), m.group("md_d"), None, None, direction)
        return None if alone is None else _at(m.start(), m.end("md_d"), alone)
    if _listed(text, m, "md"):
        # "June 3 and 10": two days, the second written without its month
        first = _day_piece(m, m.group("md_m"), m.group("md_d"), None, year, direction)
        second = _day_piece(m, m.group("md_m"), m.group("md_d2"), None, year, direction)
        return None if first is None else _two(m, m.end("md_d"), m.start("md_d2"), first, second)
    return _day_piece(m, m.group("md_m"), m.group("md_d"), m.group("md_d2"), year, direction)


def _day_month(text: str, m: re.Match[str], ref: rel.Reference | None,
               prev: list[Piece]) -> When | Piece | list[Piece] | None:
    direction = "nearest" if m.group("dm_y") else date_tense.direction(text, m.start(), m.end())
    if _listed(text, m, "dm"):
        first = _day_piece(m, m.group("dm_m"), m.group("dm_d"), None, m.group("dm_y"), direction)
        second = _day_piece(m, m.group("dm_m"), m.group("dm_d2"), None, m.group("dm_y"),
                            direction)
        return None if first is None else _two(m, m.end("dm_d"), m.start("dm_d2"), first, second)
    return _day_piece(m, m.group("dm_m"), m.group("dm_d"), m.group("dm_d2"), m.group("dm_y"),
                      direction)


def _counted(text: str, end: int) -> bool:
    right = _WORDS_RIGHT.match(text, end, min(len(text), end + 40))
    return right is not None and right.group(1).lower() in words.COUNT_NOUNS


def _listed(text: str, m: re.Match[str], form: str) -> bool:
    """Two days joined by "and" that are not consecutive: a list, not a run of days."""
    if m.group(f"{form}_w") not in ("and", "&"):
        return False
    return _day_number(m.group(f"{form}_d2")) != _day_number(m.group(f"{form}_d")) + 1


def _two(m: re.Match[str], first_end: int, second_start: int, first: When | Piece,
         second: When | Piece | None) -> list[Piece]:
    """The two days of "June 3 and 10" as two pieces: "June 3" and "10"."""
    if second is None:
        return []
    return [_at(m.start(), first_end, first), _at(second_start, m.end(), second)]


def _at(start: int, end: int, part: When | Piece) -> Piece:
    if isinstance(part, Piece):
        return Piece(start, end, None, part.month, part.day, part.day2, part.direction)
    return Piece(start, end, part)


def _month_year(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When:
    return rel.month_value(int(m.group("my_y")), month_number(m.group("my_m")))


def _part_of_year(year_text: str, index: int, months: int, precision: Precision,
                  ref: rel.Reference | None) -> When:
    year = deictic.relative_year(year_text, ref)
    if year is None:
        return rel.unresolved(precision, "year")
    value = rel.months_value(year, (index - 1) * months + 1, months, precision)
    return value if year_text[0].isdigit() else rel.relative(value)


def _quarter(text: str, m: re.Match[str], ref: rel.Reference | None, prev: list[Piece]) -> When:
    return _part_of_year(m.group("q_y"), int(m.group("q_n") or m.group("q_n2")), 3, "quarter", ref)


def _quarter_words(text: str, m: re.Match[str], ref: rel.Reference | None,
                   prev: list[Piece]) -> When:
    word = m.group("qo_n").lower()
    index = 4 if word in ("final", "last") else words.ORDINAL_WORDS.get(word) or int(word[0])
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
    if context is None and not listed and not _MONTH_FOLLOWER.match(text, end) \
            and not _names_an_occasion(text, start, end, name) \
            and not MONTHS_TO.search(text, max(0, start - 40), start):
        return None
    since = context is not None and context.group("w") in ("since", "Since")
    direction: rel.Direction = "since" if since else date_tense.direction(text, start, end)
    return Piece(start, end, None, words.MONTHS[name.lower()], 0, 0, direction)


def _names_an_occasion(text: str, start: int, end: int, name: str) -> bool:
    """A month that modifies an occasion names its date: "the December auction", "an
    expected May election", "February's meeting", "for February delivery"; not after a
    capitalized word ("Theresa May election")."""
    before = left_word(text, start)
    if before[:1].isupper() and not sentence_start(text, start):
        return False
    if name != "May" and text.startswith(("'s", "’s"), end):
        return True
    following = _WORDS_RIGHT.match(text, end, min(len(text), end + 40))
    return following is not None and following.group(1) in words.OCCASIONS


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
    "fy": _fiscal, "c": _century, "dec": _decade, "yr": _year_range,
    **{name: b for module in _FORM_MODULES for name, b in module.BUILDERS.items()},
    "y": _bare_year, "bm": _bare_month, "bw": _bare_weekday,
}


