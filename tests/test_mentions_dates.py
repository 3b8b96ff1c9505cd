"""Date mentions: every supported form with its normalized value.

``DATE_CASES`` also feeds the docs page of supported forms, so it reads as the specification:
(text, reference or None, [(matched text, iso, precision, qualifier)]). A relative form with
no usable reference has iso "" (the verifier reports ``relative-date-unresolved``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factbase.mentions import Mention
from factbase.mentions.date_relative import parse_reference
from factbase.mentions.dates import find_dates
from factbase.values import When, qualify

SEED = Path(__file__).resolve().parent.parent / "sources" / "east-asia-alliances.txt"

DATE_CASES: list[tuple[str, str | None, list[tuple[str, str, str, str | None]]]] = [
    # full dates
    ("the Dec. 24, 2019, summit", None, [("Dec. 24, 2019", "2019-12-24", "day", None)]),
    ("signed on 24 December 2019.", None, [("24 December 2019", "2019-12-24", "day", None)]),
    ("born on December 24th, 2019", None, [("December 24th, 2019", "2019-12-24", "day", None)]),
    ("born on August 4 1961", None, [("August 4 1961", "1961-08-04", "day", None)]),
    ("the 3rd of October 2019", None, [("3rd of October 2019", "2019-10-03", "day", None)]),
    ("on Thursday, Dec. 12, 2019, voters", None,
     [("Thursday, Dec. 12, 2019", "2019-12-12", "day", None)]),
    ("Sept. 8, 1951", None, [("Sept. 8, 1951", "1951-09-08", "day", None)]),
    ("DEC. 24, 2019", None, [("DEC. 24, 2019", "2019-12-24", "day", None)]),
    # numeric dates: ISO; US month/day unless the first number is over 12; dots day.month
    ("dated 2019-12-24", None, [("2019-12-24", "2019-12-24", "day", None)]),
    ("at 2019-12-24T10:00:00Z", None, [("2019-12-24", "2019-12-24", "day", None)]),
    ("dated 2019/12/24", None, [("2019/12/24", "2019-12-24", "day", None)]),
    ("dated 12/03/2019", None, [("12/03/2019", "2019-12-03", "day", None)]),
    ("dated 24/12/2019", None, [("24/12/2019", "2019-12-24", "day", None)]),
    ("dated 12/24/19", None, [("12/24/19", "2019-12-24", "day", None)]),
    ("dated 24.12.2019", None, [("24.12.2019", "2019-12-24", "day", None)]),
    ("dated 12-24-2019", None, [("12-24-2019", "2019-12-24", "day", None)]),
    # months
    ("in May 2017, when", None, [("May 2017", "2017-05", "month", None)]),
    ("in Sept. 2019", None, [("Sept. 2019", "2019-09", "month", None)]),
    ("in December of 2008", None, [("December of 2008", "2008-12", "month", None)]),
    ("the 2019-07 release", None, [("2019-07", "2019-07", "month", None)]),
    # years, decades, centuries
    ("a 1965 treaty", None, [("1965", "1965", "year", None)]),
    ("In 2019 alone", None, [("2019", "2019", "year", None)]),
    ("the 2019’s protests", None, [("2019", "2019", "year", None)]),
    ("In 2019 people voted.", None, [("2019", "2019", "year", None)]),
    ("in 2019 dollars", None, [("2019", "2019", "year", None)]),
    ("in the 1990s", None, [("1990s", "1990/1999", "decade", None)]),
    ("in the 1990’s", None, [("1990’s", "1990/1999", "decade", None)]),
    ("in the '80s", None, [("'80s", "1980/1989", "decade", None)]),
    ("the 2000s", None, [("2000s", "2000/2009", "decade", None)]),
    ("the 1800s", None, [("1800s", "1800/1899", "century", None)]),
    ("the 20th century", None, [("20th century", "1900/1999", "century", None)]),
    ("the twentieth century", None, [("twentieth century", "1900/1999", "century", None)]),
    ("a 21st-century economy", None, [("21st-century", "2000/2099", "century", None)]),
    # qualifiers
    ("the late 1990s", None, [("late 1990s", "1990/1999", "decade", "late")]),
    ("by mid-2019", None, [("mid-2019", "2019", "year", "mid")]),
    ("in early 2019", None, [("early 2019", "2019", "year", "early")]),
    ("in late December 2019", None, [("late December 2019", "2019-12", "month", "late")]),
    ("in the mid-'90s", None, [("mid-'90s", "1990/1999", "decade", "mid")]),
    ("by the end of 2019", None, [("end of 2019", "2019", "year", "late")]),
    ("at the beginning of 2020", None, [("beginning of 2020", "2020", "year", "early")]),
    ("the early 20th century", None, [("early 20th century", "1900/1999", "century", "early")]),
    ("circa 1500", None, [("circa 1500", "1500", "year", "circa")]),
    ("c. 1500", None, [("c. 1500", "1500", "year", "circa")]),
    ("built before 1978", None, [("before 1978", "1978", "year", "before")]),
    ("after March 31, 2021", None, [("after March 31, 2021", "2021-03-31", "day", "after")]),
    ("pre-2008 levels", None, [("pre-2008", "2008", "year", "before")]),
    # ranges
    ("the 2015-2016 achievements", None, [("2015-2016", "2015/2016", "year", None)]),
    ("the 2015–16 season", None, [("2015–16", "2015/2016", "year", None)]),
    ("the 1965-66 season", None, [("1965-66", "1965/1966", "year", None)]),
    ("in 1999-2000", None, [("1999-2000", "1999/2000", "year", None)]),
    ("the 2019/20 season", None, [("2019/20", "2019/2020", "year", None)]),
    ("flared in December 2018 and January 2019", None,
     [("December 2018 and January 2019", "2018-12/2019-01", "month", None)]),
    ("between 2005 and 2010", None, [("between 2005 and 2010", "2005/2010", "year", None)]),
    ("from 2010 to 2015", None, [("from 2010 to 2015", "2010/2015", "year", None)]),
    ("covers 1900 to 1950", None, [("1900 to 1950", "1900/1950", "year", None)]),
    ("from 1923 until 1987", None, [("from 1923 until 1987", "1923/1987", "year", None)]),
    ("of 2016 and 2017", None, [("2016 and 2017", "2016/2017", "year", None)]),
    ("in 2005 and 2010", None, [("2005", "2005", "year", None), ("2010", "2010", "year", None)]),
    ("in 2016, 2017 or 2018", None,
     [("2016", "2016", "year", None), ("2017", "2017", "year", None),
      ("2018", "2018", "year", None)]),
    ("Dec. 24-26, 2019", None, [("Dec. 24-26, 2019", "2019-12-24/2019-12-26", "day", None)]),
    ("24-26 December 2019", None,
     [("24-26 December 2019", "2019-12-24/2019-12-26", "day", None)]),
    ("June 5 to 7, 2019", None, [("June 5 to 7, 2019", "2019-06-05/2019-06-07", "day", None)]),
    ("from Dec. 30, 2019, to Jan. 2, 2020", None,
     [("from Dec. 30, 2019, to Jan. 2, 2020", "2019-12-30/2020-01-02", "day", None)]),
    ("from March to June 2020", None,
     [("from March to June 2020", "2020-03/2020-06", "month", None)]),
    ("in the 1950s and 1960s", None, [("1950s and 1960s", "1950/1969", "decade", None)]),
    ("cut in March, April and May 2020", None,
     [("March", "2020-03", "month", None), ("April", "2020-04", "month", None),
      ("May 2020", "2020-05", "month", None)]),
    # quarters, halves, seasons, fiscal years
    ("in Q3 2019", None, [("Q3 2019", "2019-07/2019-09", "quarter", None)]),
    ("in 3Q 2019", None, [("3Q 2019", "2019-07/2019-09", "quarter", None)]),
    ("the third quarter of 2019", None,
     [("third quarter of 2019", "2019-07/2019-09", "quarter", None)]),
    ("the fourth-quarter 2019 results", None,
     [("fourth-quarter 2019", "2019-10/2019-12", "quarter", None)]),
    ("in H1 2021", None, [("H1 2021", "2021-01/2021-06", "half", None)]),
    ("the second half of 2020", None,
     [("second half of 2020", "2020-07/2020-12", "half", None)]),
    ("in summer 2019", None, [("summer 2019", "2019-06/2019-08", "season", None)]),
    ("the autumn of 2017", None, [("autumn of 2017", "2017-09/2017-11", "season", None)]),
    ("the winter of 2018", None, [("winter of 2018", "2018-12/2019-02", "season", None)]),
    ("in winter 2010-11", None, [("winter 2010-11", "2010-12/2011-02", "season", None)]),
    ("for FY2019", None, [("FY2019", "2018-10/2019-09", "year", None)]),
    ("in fiscal 2021", None, [("fiscal 2021", "2020-10/2021-09", "year", None)]),
    ("fiscal year 2022 budget", None, [("fiscal year 2022", "2021-10/2022-09", "year", None)]),
    ("in FY19", None, [("FY19", "2018-10/2019-09", "year", None)]),
    ("in FY2019-20", None, [("FY2019-20", "2019-10/2020-09", "year", None)]),
    # named events
    ("during World War II", None,
     [("World War II", "1939-09-01/1945-09-02", "day", None)]),
    ("veterans of World War I", None,
     [("World War I", "1914-07-28/1918-11-11", "day", None)]),
    ("the Second World War", None,
     [("Second World War", "1939-09-01/1945-09-02", "day", None)]),
    ("the Korean War", None, [("Korean War", "1950-06-25/1953-07-27", "day", None)]),
    ("the Cold War", None, [("Cold War", "1947/1991", "year", None)]),
    ("the Great Recession", None, [("Great Recession", "2007-12/2009-06", "month", None)]),
    ("the 9/11 attacks", None, [("9/11", "2001-09-11", "day", None)]),
    # relative to the reference
    ("This past August, Seoul", "2020-01", [("This past August", "2019-08", "month", None)]),
    ("Last month, Tokyo", "2020-01", [("Last month", "2019-12", "month", None)]),
    ("elections in April", "2020-01", [("April", "2020-04", "month", None)]),
    ("began in June and have continued", "2020-01", [("June", "2019-06", "month", None)]),
    ("was approved in March", "2019-11-14", [("March", "2019-03", "month", None)]),
    ("will vote in March", "2019-11-14", [("March", "2020-03", "month", None)]),
    ("since April", "2019-11-14", [("April", "2019-04", "month", None)]),
    ("in mid-December", "2020-01", [("mid-December", "2019-12", "month", "mid")]),
    ("on Feb. 3", "2020-01", [("Feb. 3", "2020-02-03", "day", None)]),
    ("on Dec. 2", "2019-11-14", [("Dec. 2", "2019-12-02", "day", None)]),
    ("next year", "2020-01", [("next year", "2021", "year", None)]),
    ("last year", "2020-01", [("last year", "2019", "year", None)]),
    ("this year", "2020-01", [("this year", "2020", "year", None)]),
    ("late last year", "2020-01", [("late last year", "2019", "year", "late")]),
    ("earlier this month", "2022-05-18", [("earlier this month", "2022-05", "month", None)]),
    ("for this year and next year", "2019-11-14",
     [("this year and next year", "2019/2020", "year", None)]),
    ("said yesterday", "2019-11-14", [("yesterday", "2019-11-13", "day", None)]),
    ("shares closed higher today", "2019-11-14", [("today", "2019-11-14", "day", None)]),
    ("arrives tomorrow", "2019-11-14", [("tomorrow", "2019-11-15", "day", None)]),
    ("recovered this morning", "2016-11-09", [("this morning", "2016-11-09", "day", None)]),
    ("announced on Tuesday", "2019-11-14", [("Tuesday", "2019-11-12", "day", None)]),
    ("will meet on Tuesday", "2019-11-14", [("Tuesday", "2019-11-19", "day", None)]),
    ("opened last Friday", "2019-11-14", [("last Friday", "2019-11-08", "day", None)]),
    ("begins next Monday", "2022-05-18", [("next Monday", "2022-05-23", "day", None)]),
    ("Tuesday's vote", "2016-11-09", [("Tuesday", "2016-11-08", "day", None)]),
    ("two weeks ago", "2019-11-14",
     [("two weeks ago", "2019-10-28/2019-11-03", "day", None)]),
    ("three days ago", "2019-11-14", [("three days ago", "2019-11-11", "day", None)]),
    ("six months ago", "2019-11-14", [("six months ago", "2019-05", "month", None)]),
    ("two years ago", "2019-11-14", [("two years ago", "2017", "year", None)]),
    ("last week", "2019-11-14", [("last week", "2019-11-04/2019-11-10", "day", None)]),
    ("next weekend", "2019-11-14", [("next weekend", "2019-11-23/2019-11-24", "day", None)]),
    ("last summer", "2019-11-14", [("last summer", "2019-06/2019-08", "season", None)]),
    ("this winter", "2023-03-01", [("this winter", "2022-12/2023-02", "season", None)]),
    ("next spring", "2019-11-14", [("next spring", "2020-03/2020-05", "season", None)]),
    ("In August last year, it rained.", "2020-01-15",
     [("August last year", "2019-08", "month", None)]),
    ("output in the January-March quarter", "2020-01-15",
     [("January-March", "2020-01/2020-03", "month", None)]),
    ("the first quarter of this year", "2021-06",
     [("first quarter of this year", "2021-01/2021-03", "quarter", None)]),
    # relative forms without a usable reference stay unresolved
    ("This past August", None, [("This past August", "", "month", None)]),
    ("next month", None, [("next month", "", "month", None)]),
    ("in April", None, [("April", "", "month", None)]),
    ("on Tuesday", "2020-01", [("Tuesday", "", "day", None)]),
    ("yesterday", "2020", [("yesterday", "", "day", None)]),
    ("last month", "2020", [("last month", "", "month", None)]),
    ("last year", "2020", [("last year", "2019", "year", None)]),
    # tense decides a year-less month or day, per clause (date_tense)
    ("The minister said the referendum — expected on 12 June — will be close.", "2019-03-10",
     [("12 June", "2019-06-12", "day", None)]),
    ("The minister resigned in March.", "2019-11-14", [("March", "2019-03", "month", None)]),
    ("The firm was acquired in February.", "2019-01-15",
     [("February", "2018-02", "month", None)]),
    ("Officials warned Wednesday that prices would rise.", "2019-11-14",
     [("Wednesday", "2019-11-13", "day", None)]),
    ("The plant could close as soon as Tuesday.", "2019-11-14",
     [("Tuesday", "2019-11-19", "day", None)]),
    ("The store will close around Dec. 1.", "2019-11-14",
     [("around Dec. 1", "2019-12-01", "day", "circa")]),
    ("He said on Tuesday that the plant will close.", "2019-11-14",
     [("Tuesday", "2019-11-12", "day", None)]),
    ("The IEA warned demand in the first quarter would outstrip supply.", "2005-02-10",
     [("first quarter", "2005-01/2005-03", "quarter", None)]),
    ("Sales in March were up 5%.", "2019-11-14", [("March", "2019-03", "month", None)]),
    ("6% more than Wednesday's closing price", "2004-12-16",
     [("Wednesday", "2004-12-15", "day", None)]),
    ("On Monday Lib Dem chairman Alan Beith warned", "2005-01-12",
     [("Monday", "2005-01-10", "day", None)]),
    # phrases that refer back, to an earlier date or to the reference (date_phrases)
    ("In 1999 it rose. Later that year it fell.", "2005-02",
     [("1999", "1999", "year", None), ("Later that year", "1999", "year", None)]),
    ("It opened in 2000. The following year it closed.", "2005-02",
     [("2000", "2000", "year", None), ("following year", "2001", "year", None)]),
    ("Talks began in March 2004 and ended the following month.", "2005-02",
     [("March 2004", "2004-03", "month", None), ("following month", "2004-04", "month", None)]),
    ("It fell on Dec. 14, 2004, the previous Monday.", "2005",
     [("Dec. 14, 2004", "2004-12-14", "day", None),
      ("previous Monday", "2004-12-13", "day", None)]),
    ("Sales rose to $5m in the third quarter of 2004, from $3m a year earlier.", "2005-02",
     [("third quarter of 2004", "2004-07/2004-09", "quarter", None),
      ("a year earlier", "2003-07/2003-09", "quarter", None)]),
    ("up 4% on the previous year", "2005-02", [("previous year", "2004", "year", None)]),
    ("in 2004, up 4% on the previous year", "2005-02",
     [("2004", "2004", "year", None), ("previous year", "2003", "year", None)]),
    ("year-earlier profits", "2005-03", [("year-earlier", "2004-03", "month", None)]),
    ("Prices are 45% higher than a year ago.", "2005-03",
     [("a year ago", "2004-03", "month", None)]),
    ("US sales sank 12.7% in February compared to a year ago.", "2005-03",
     [("February", "2005-02", "month", None), ("a year ago", "2004-02", "month", None)]),
    ("a sharp downturn from earlier in the year", "2004-11",
     [("earlier in the year", "2004", "year", None)]),
    ("rates will rise by year end", "2004-11", [("year end", "2004", "year", "late")]),
    ("growth of 3% for the full year", "2004-11", [("full year", "2004", "year", None)]),
    ("one more rise before the end of the year", "2004-11",
     [("end of the year", "2004", "year", "late")]),
    ("since the turn of the century", "2005-01",
     [("turn of the century", "2000", "year", "circa")]),
    ("In January 48,000 fewer were approved than in the same month in 2004.", "2005-02",
     [("January", "2005-01", "month", None), ("2004", "2004", "year", None)]),
    ("in the three months to September", "2004-11",
     [("three months to September", "2004-07/2004-09", "month", None)]),
    ("in the year ended 30 June 2004", None,
     [("year ended 30 June 2004", "2003-07-01/2004-06-30", "day", None)]),
    # year-less quarters, seasons, named days, the weekend (date_yearless)
    ("Its pre-tax earnings in the fourth quarter were 77m euros.", "2005-03",
     [("fourth quarter", "2004-10/2004-12", "quarter", None)]),
    ("Its fourth-quarter earnings will be published on Jan. 29.", "2020-01-10",
     [("fourth-quarter", "2019-10/2019-12", "quarter", None),
      ("Jan. 29", "2020-01-29", "day", None)]),
    ("The economy contracted over the summer.", "2005-01",
     [("summer", "2004-06/2004-08", "season", None)]),
    ("will be available in late summer", "2005-02",
     [("late summer", "2005-06/2005-08", "season", "late")]),
    ("on Labor Day", "2019-09-10", [("Labor Day", "2019-09-02", "day", None)]),
    ("on Independence Day 2019", None, [("Independence Day 2019", "2019-07-04", "day", None)]),
    ("until Christmas Day", "2019-11-14", [("Christmas Day", "2019-12-25", "day", None)]),
    ("on New Year's Day", "2019-11-14", [("New Year's Day", "2020-01-01", "day", None)]),
    ("retail sales disappointed over Christmas", "2005-01-13",
     [("Christmas", "2004-12-25", "day", None)]),
    ("pre-Christmas sales", "2005-01-13", [("pre-Christmas", "2004-12-25", "day", "before")]),
    ("Easter Monday", "2005-03-01", [("Easter Monday", "2005-03-28", "day", None)]),
    ("at the weekend", "2004-12-28", [("weekend", "2004-12-25/2004-12-26", "day", None)]),
    ("in the 80s and 90s", None, [("80s and 90s", "1980/1999", "decade", None)]),
    # spelled-out years (date_spelled)
    ("nineteen eighty-four", None, [("nineteen eighty-four", "1984", "year", None)]),
    ("in the year two thousand and ten", None,
     [("two thousand and ten", "2010", "year", None)]),
    # lists, periods and their ends
    ("on June 3 and 4", "2019-05-01", [("June 3 and 4", "2019-06-03/2019-06-04", "day", None)]),
    ("on June 3 and 10, 2019", None,
     [("June 3", "2019-06-03", "day", None), ("10, 2019", "2019-06-10", "day", None)]),
    ("runs from 14 to 17 February", "2005-02-01",
     [("from 14 to 17 February", "2005-02-14/2005-02-17", "day", None)]),
    ("from May 2 to July 9, 2019", None,
     [("from May 2 to July 9, 2019", "2019-05-02/2019-07-09", "day", None)]),
    ("from approximately 1990 to June 2004", None,
     [("from approximately 1990 to June 2004", "1990/2004-06", "year", None)]),
    ("from on or about March 3, 2002, to on or about May 7, 2005", None,
     [("from on or about March 3, 2002, to on or about May 7, 2005", "2002-03-03/2005-05-07",
       "day", None)]),
    ("pushed back its target from 2005 to 2006", None,
     [("2005", "2005", "year", None), ("2006", "2006", "year", None)]),
    # more forms
    ("the December auction", "2005-01", [("December", "2004-12", "month", None)]),
    ("ahead of an expected May election", "2005-02", [("May", "2005-05", "month", None)]),
    ("in January of this year", "2004-10", [("January of this year", "2004-01", "month", None)]),
    ("this financial year", "2004-12",
     [("this financial year", "2004-04/2005-03", "year", None)]),
    ("next quarter", "2004-12", [("next quarter", "2005-01/2005-03", "quarter", None)]),
    ("the final quarter of 2004", None,
     [("final quarter of 2004", "2004-10/2004-12", "quarter", None)]),
    ("beyond 2009", None, [("beyond 2009", "2009", "year", "after")]),
    ("early in 2005", None, [("early in 2005", "2005", "year", "early")]),
    ("in the last months of 2004", None,
     [("last months of 2004", "2004", "year", "late")]),
    ("the Hunting Act 2004", None, [("2004", "2004", "year", None)]),
    ("next week", "2004-12", [("next week", "", "day", None)]),
]

# Text that holds no date at all.
NOT_DATES = [
    "The ministry may publish the figures now.",
    "a five-year presidency",
    "the recent G-20 summit",
    "F-16 fighter jets",
    "the COVID-19 pandemic",
    "at 10:30 a.m. and at 3 p.m.",
    "the 14:00 train",
    "at 1500 GMT",
    "Section 1983 claims",
    "under No. 1965",
    "Room 1204",
    "see page 2018",
    "Resolution 2231",
    "It cost $2019.",
    "€1999 or £2000",
    "a total of 1,965 votes",
    "284 companies",
    "2,015 footnotes",
    "Call 555-2019 now.",
    "202-555-1965",
    "(202) 555 2019",
    "More than 1500 people attended.",
    "Nearly 2000 troops",
    "about 1200 companies",
    "1600 megawatts",
    "He ran the 1500 meters.",
    "a 2000-year-old coin",
    "in 1200 BC",
    "a 2019% rise",
    "1998.5 per 100,000",
    "1,934.6 points",
    "1600 Pennsylvania Avenue",
    "the Russell 2000",
    "Theresa May said",
    "She may march on Washington.",
    "The August assembly of scholars",
    "The Sunday Times reported",
    "on Black Friday",
    "Mondays are hard.",
    "We meet every Sunday.",
    "the 1900 meter race",
    "2020 candidates for president",
    "In the second half, the visitors scored.",
    "The Bulls led in the third quarter.",
    "a new Cold War",
    "for years",
    "a year later",
    "the next year",
    "the last year of his term",
    "today’s crop of leaders",
    "Score 3-1, 24/7, 1/2 of them",
    "MH17 and the Boeing 737-800",
    "13/13/2019",
    "2019-13",
    "told BBC Radio 4's Today programme",
    "if it's 12.30 on a Saturday morning",
    "by Sunday Telegraph journalist Robert Peston",
    "Christmas shoppers filled the stores",
    "a normal Christmas",
    "the government gives £200 for winter fuel",
    "it predicts a fall in prices",
    "it predicts this fall from the current level",
    "twenty one people",
    "twenty twenty twenty",
    "Putin's year-end press conference",
    "The Summer Olympics opened.",
    "in their 80s",
]


def _summary(found: list[Mention]) -> list[tuple[str, str, str, str | None]]:
    values = [m.value for m in found]
    assert all(isinstance(v, When) for v in values)
    return [(m.text, v.iso, v.precision, v.qualifier)
            for m, v in zip(found, values, strict=True) if isinstance(v, When)]


def _expected_offsets(text: str, matched: list[str]) -> list[tuple[int, int]]:
    spans, position = [], 0
    for piece in matched:
        start = text.index(piece, position)
        spans.append((start, start + len(piece)))
        position = start + len(piece)
    return spans


@pytest.mark.parametrize(("text", "reference", "expected"), DATE_CASES)
def test_date_forms(text: str, reference: str | None,
                    expected: list[tuple[str, str, str, str | None]]) -> None:
    found = find_dates(text, reference)
    assert _summary(found) == expected
    assert [(m.start, m.end) for m in found] == _expected_offsets(text, [e[0] for e in expected])
    assert all(m.kind == "date" and text[m.start:m.end] == m.text for m in found)


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text, "2020-01-15") == []


SEED_REFERENCE = "2020-01"
# Every date mention of the seed article, in order: (text, iso, precision, qualifier).
SEED_DATES = [
    ("2019", "2019", "year", None),
    ("2019", "2019", "year", None),
    ("2019", "2019", "year", None),
    ("May 2017", "2017-05", "month", None),
    ("2015", "2015", "year", None),
    ("World War II", "1939-09-01/1945-09-02", "day", None),
    ("2018", "2018", "year", None),
    ("December 2018 and January 2019", "2018-12/2019-01", "month", None),
    ("July 2019", "2019-07", "month", None),
    ("This past August", "2019-08", "month", None),
    ("2016", "2016", "year", None),
    ("November 2019", "2019-11", "month", None),
    ("Dec. 24, 2019", "2019-12-24", "day", None),
    ("1965", "1965", "year", None),
    ("1998", "1998", "year", None),
    ("1965", "1965", "year", None),
    ("2015", "2015", "year", None),
    ("2015", "2015", "year", None),
    ("2015", "2015", "year", None),
    ("2005", "2005", "year", None),
    ("1965", "1965", "year", None),
    ("2015", "2015", "year", None),
    ("1965", "1965", "year", None),
    ("2015-2016", "2015/2016", "year", None),
    ("2016 and 2017", "2016/2017", "year", None),
    ("mid-2019", "2019", "year", "mid"),
    ("April", "2020-04", "month", None),
    ("2020", "2020", "year", None),
    ("Last month", "2019-12", "month", None),
    ("World War II", "1939-09-01/1945-09-02", "day", None),
]


def test_seed_article_dates() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = find_dates(text, SEED_REFERENCE)
    assert _summary(found) == SEED_DATES
    # Offsets located independently: each expected text searched after the previous one, with
    # enough context to land on the right occurrence.
    anchors = [
        "2019 strained", "2019 was a tough", "2019 was a tough", "May 2017", "a 2015 agreement",
        "World War II", "2018, after", "December 2018 and January 2019", "July 2019",
        "This past August", "2016.", "November 2019", "Dec. 24, 2019", "1965 treaty",
        "1998 joint", "1965 agreement", "2015 settlement", "2015 comfort", "2015 agreement",
        "2005 that", "1965 treaty", "2015 agreement", "1965.", "2015-2016", "2016 and 2017",
        "mid-2019", "April,", "2020,", "Last month", "World War II",
    ]
    position, expected = 0, []
    for anchor, (piece, *_rest) in zip(anchors, SEED_DATES, strict=True):
        start = text.index(anchor, position) + anchor.index(piece)
        expected.append((start, start + len(piece)))
        position = start + len(piece)
    assert [(m.start, m.end) for m in found] == expected
    relative = [m.text for m in found if isinstance(m.value, When) and m.value.relative]
    assert relative == ["This past August", "April", "Last month"]


def test_qualified_windows_agree_with_values_qualify() -> None:
    (mention,) = find_dates("by mid-2019")
    assert isinstance(mention.value, When)
    assert (mention.value.first, mention.value.last) == qualify(
        dt.date(2019, 1, 1), dt.date(2019, 12, 31), "mid")
    (before,) = find_dates("built before 1978")
    assert isinstance(before.value, When)
    assert before.value.last == dt.date(1977, 12, 31)


def test_resolved_intervals() -> None:
    (fiscal,) = find_dates("in FY2019")
    assert isinstance(fiscal.value, When)
    assert (fiscal.value.first, fiscal.value.last) == (dt.date(2018, 10, 1), dt.date(2019, 9, 30))
    (unresolved,) = find_dates("last month")
    assert unresolved.value == When("", "month", None, None, None, True, needs="month")


@pytest.mark.parametrize(("reference", "expected"), [
    ("2020", (2020, None, None)),
    ("2020-01", (2020, 1, None)),
    ("2020-01-15", (2020, 1, 15)),
    (None, None),
])
def test_parse_reference(reference: str | None, expected: tuple[int, int | None, int | None] | None) -> None:
    parsed = parse_reference(reference)
    assert (None if parsed is None else (parsed.year, parsed.month, parsed.day)) == expected


@pytest.mark.parametrize("reference", ["January 2020", "2020-13", "2019-02-30", "20", ""])
def test_bad_reference_is_a_value_error(reference: str) -> None:
    with pytest.raises(ValueError):
        find_dates("in April", reference)


@pytest.mark.parametrize(("text", "reference", "needs"), [
    ("next week", "2004-12", "day"),
    ("on Tuesday", "2020-01", "day"),
    ("yesterday", "2020", "day"),
    ("last month", "2020", "month"),
    ("this past August", "2020", "month"),
    ("in April", None, "year"),
    ("this August", None, "year"),
    ("the previous month", "2020", "month"),
    ("a year ago", None, "year"),
    ("at the weekend", "2004-12", "day"),
])
def test_unresolved_dates_say_what_reference_they_need(text: str, reference: str | None,
                                                       needs: str) -> None:
    (mention,) = find_dates(text, reference)
    assert isinstance(mention.value, When)
    assert (mention.value.iso, mention.value.needs) == ("", needs)
    assert mention.value.to_dict()["needs"] == needs


def test_periods_carry_their_ends_with_their_qualifiers() -> None:
    (period,) = find_dates("from approximately 1990 to June 2004")
    value = period.value
    assert isinstance(value, When) and value.from_ is not None and value.to is not None
    assert (value.from_.iso, value.from_.qualifier, value.to.iso, value.to.qualifier) == (
        "1990", "circa", "2004-06", None)
    assert (value.first, value.last, value.qualifier) == (
        dt.date(1989, 1, 1), dt.date(2004, 6, 30), None)
    assert value.to_dict()["from"]["qualifier"] == "circa"
    (legal,) = find_dates("from on or about March 3, 2002, to on or about May 7, 2005")
    ends = legal.value
    assert isinstance(ends, When) and ends.from_ is not None and ends.to is not None
    assert (ends.from_.first, ends.from_.last, ends.to.first, ends.to.last) == (
        dt.date(2002, 3, 2), dt.date(2002, 3, 4), dt.date(2005, 5, 6), dt.date(2005, 5, 8))
    (between,) = find_dates("between 1998 and 2003")
    assert isinstance(between.value, When) and between.value.is_period
    # A run of days written as one form is a period too; a single date is not.
    (days,) = find_dates("Dec. 24-26, 2019")
    assert isinstance(days.value, When) and days.value.is_period
    (single,) = find_dates("Dec. 24, 2019")
    assert isinstance(single.value, When) and not single.value.is_period
    assert "from" not in single.value.to_dict()


def test_period_mentions_round_trip_the_codec() -> None:
    from factbase._run import codec

    found = find_dates("from approximately 1990 to June 2004, and next week", "2004-12")
    assert codec.unpack_mentions(codec.pack_mentions(found)) == found


# Days from calendars, not from our rules: US federal holidays and the UK/Christian calendar
# of 2019.
@pytest.mark.parametrize(("name", "day"), [
    ("Labor Day", "2019-09-02"), ("Memorial Day", "2019-05-27"), ("Thanksgiving", "2019-11-28"),
    ("Martin Luther King Jr. Day", "2019-01-21"), ("Presidents' Day", "2019-02-18"),
    ("Columbus Day", "2019-10-14"), ("Easter Sunday", "2019-04-21"), ("Good Friday", "2019-04-19"),
    ("Easter Monday", "2019-04-22"), ("Shrove Tuesday", "2019-03-05"),
    ("Ash Wednesday", "2019-03-06"), ("Mothering Sunday", "2019-03-31"),
    ("Whit Monday", "2019-06-10"), ("Remembrance Sunday", "2019-11-10"),
    ("Boxing Day", "2019-12-26"), ("St Patrick’s Day", "2019-03-17"),
    ("Independence Day", "2019-07-04"), ("New Year's Eve", "2019-12-31"),
])
def test_named_days_in_2019(name: str, day: str) -> None:
    (mention,) = find_dates(f"on {name} 2019")
    assert isinstance(mention.value, When)
    assert (mention.text, mention.value.iso) == (f"{name} 2019", day)


# ---------------------------------------------------------------------------- properties

_TOKENS = [
    "2019", "1965", "Dec.", "24,", "December", "May", "may", "in", "In", "April", "last",
    "month", "this", "past", "August", "Tuesday", "mid-", "early", "the", "1990s", "'90s", "and",
    "between", "from", "to", "-", "–", "Q3", "FY", "fiscal", "summer", "of", "World", "War",
    "II", "ago", "two", "weeks", "$", "1,965", "companies", "9/11", "12/24/19", "2015-2016",
    "century", "20th", ".", ",", "\n", "yesterday", "next", "year", "Section",
    "that", "following", "previous", "earlier", "later", "a", "Christmas", "Day", "Labor",
    "quarter", "third", "profits", "nineteen", "eighty-four", "weekend", "approximately",
    "on or about", "June", "3", "4", "will", "said", "90s", "months", "ended", "financial",
]
_date_like = st.lists(st.sampled_from(_TOKENS), max_size=30).map(" ".join)
_references = st.sampled_from([None, "2020", "2020-01", "2019-11-14"])


def _check_invariants(text: str, reference: str | None) -> None:
    found = find_dates(text, reference)
    previous_end = 0
    for mention in found:
        assert text[mention.start:mention.end] == mention.text
        assert mention.start >= previous_end and mention.end > mention.start
        previous_end = mention.end
        value = mention.value
        assert isinstance(value, When)
        assert value.resolved == bool(value.iso)
        if value.first is not None and value.last is not None:
            assert value.first <= value.last


@settings(max_examples=300, deadline=None)
@given(_date_like, _references)
# "year ended August 2019" reached back over "last year": one period now.
@example("last year ended August 2019", None)
def test_offsets_slice_and_never_overlap(text: str, reference: str | None) -> None:
    _check_invariants(text, reference)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), _references)
def test_arbitrary_unicode_never_raises(text: str, reference: str | None) -> None:
    _check_invariants(text, reference)


@settings(max_examples=200, deadline=None)
@given(_date_like, _references, st.integers(min_value=1, max_value=50))
def test_a_prefix_of_spaces_shifts_offsets(text: str, reference: str | None, shift: int) -> None:
    plain = [(m.start, m.end, m.value) for m in find_dates(text, reference)]
    shifted = [(m.start - shift, m.end - shift, m.value)
               for m in find_dates(" " * shift + text, reference)]
    assert shifted == plain
