"""Several candidates in one span (`ambiguous-evidence`), both ways: which other values a
claimed value could be confused with, on a source read by the real extractors.

A span that holds the claimed value and another value of the same kind said of the same
thing is verified with a warning that asks a person to look (docs/verification.md,
"Several candidates"); a value the span says is another entity's, or that is part of a
name, or that cannot be of the claimed kind, is no such candidate.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import factbase

TEXT = (
    "In 2003, the firm launched a plan to triple sales by 2007.\n"
    "Sales peaked in December 2003, the best month of 2003.\n"
    "The 2015 agreement was meant to end the row over revelations in 2005.\n"
    "Prices have risen 0.9% this year, and would rise by just under 6% in the year to December.\n"
    "Mr Ghosn reduced Nissan's overheads by 20% and trimmed its workforce by about 200,000.\n"
    "There were one million in negative equity and three million unemployed.\n"
    "Toyota sales jumped 11% while rival Nissan notched up a 10% increase.\n"
    "Of the bondholders, 38.4% reside in Argentina, 15.6% in Italy, 10.3% in Switzerland.\n"
    "GM sold 3 million cars in the US and 4 million in China.\n"
    "At 2.6%, inflation is within the 2-3% target range, above the 1-2% range of 2003.\n"
)
HEAD = """\
factbase: 1
sources:
  - id: s
    path: s.txt
    published: 2005-03
entities:
  - {id: nissan, name: Nissan, kind: organization}
  - {id: toyota, name: Toyota, kind: organization}
  - {id: gm, name: General Motors, kind: organization, aliases: [GM]}
  - {id: argentina, name: Argentina, kind: place}
  - {id: italy, name: Italy, kind: place}
  - {id: switzerland, name: Switzerland, kind: place}
  - {id: usa, name: United States, kind: place, aliases: [US]}
  - {id: china, name: China, kind: place}
  - id: agreement
    name: 2015 Japan-South Korea comfort women agreement
    kind: agreement
    aliases: [2015 agreement]
  - id: carlos-ghosn
    name: Carlos Ghosn
    kind: person
    aliases: [Mr Ghosn]
claims:
"""


def check(make_project: Callable[..., Path], value: str, quote: str, subject: str | None = None,
          mention: str | None = None) -> tuple[str, list[str]]:
    about = f"    subject: {subject}\n" if subject else ""
    pin = f"\n        mention: \"{mention}\"" if mention else ""
    body = (f"  - id: c\n    statement: s\n{about}    value: {value}\n"
            f"    citations:\n      - source: s\n        quote: \"{quote}\"{pin}\n")
    report = factbase.check(factbase.load(make_project(HEAD + body, files={"s.txt": TEXT})))
    claim = report.claim("c")
    return claim.status, [p.code for c in claim.citations for p in c.problems]


PLAN = "In 2003, the firm launched a plan to triple sales by 2007."
PEAK = "Sales peaked in December 2003, the best month of 2003."
ROW = "The 2015 agreement was meant to end the row over revelations in 2005."
PRICES = "Prices have risen 0.9% this year, and would rise by just under 6% in the year to December."
GHOSN = "Mr Ghosn reduced Nissan's overheads by 20% and trimmed its workforce by about 200,000."
EQUITY = "There were one million in negative equity and three million unemployed."
CARS = "Toyota sales jumped 11% while rival Nissan notched up a 10% increase."
BONDS = "Of the bondholders, 38.4% reside in Argentina, 15.6% in Italy, 10.3% in Switzerland."
GM = "GM sold 3 million cars in the US and 4 million in China."
TARGET = "At 2.6%, inflation is within the 2-3% target range, above the 1-2% range of 2003."
UP = "{type: change, of: money, direction: up, by: {amount: %s, unit: percent%s}}"
DOWN = "{type: change, of: quantity, direction: down, by: {amount: %s, unit: percent}}"
AMBIGUOUS = ("verified", ["ambiguous-evidence"])
CLEAN = ("verified", [])


@pytest.mark.parametrize(("value", "quote", "subject", "mention", "expected"), [
    # Dates: another date of another time is a candidate; a pinpoint says which is meant.
    ("{type: date, date: 2007}", PLAN, None, None, AMBIGUOUS),
    ("{type: date, date: 2003}", PLAN, None, None, AMBIGUOUS),
    ("{type: date, date: 2003}", PLAN, None, "In 2003", CLEAN),
    # ... but not a date that holds the match, or lies in it: the same time.
    ("{type: date, date: 2003-12}", PEAK, None, None, CLEAN),
    ("{type: date, date: 2003}", PEAK, None, None, CLEAN),
    # ... nor a year that is part of a declared name ("the 2015 agreement").
    ("{type: date, date: 2005}", ROW, None, None, CLEAN),
    ("{type: date, date: 2005}", ROW, "agreement", None, CLEAN),
    # A qualified change that two movements satisfy names neither beyond doubt.
    (UP % (6, ", qualifier: less-than"), PRICES, None, None, AMBIGUOUS),
    (UP % (6, ", qualifier: less-than"), PRICES, None, "under 6%", CLEAN),
    (UP % (6, ""), PRICES, None, None, ("contradicted", ["value-mismatch"])),
    # Another change of no unit may be what the claim is about ("by 20%" of the workforce?).
    (DOWN % 20, GHOSN, None, None, AMBIGUOUS),
    (DOWN % 20, GHOSN, None, "overheads by 20%", CLEAN),
    # A number of no unit before the match, with words of its own, counts something else.
    ("{type: quantity, amount: 3000000, unit: unemployed}", EQUITY, None, None, CLEAN),
    ("{type: quantity, amount: 1000000, unit: unemployed}", EQUITY, None, None,
     ("unsupported", ["unit-mismatch"])),
    # A value said of another entity of the subject's sort is that entity's, not a candidate.
    (UP % (10, ""), CARS, "nissan", None, CLEAN),
    (UP % (11, ""), CARS, "toyota", None, CLEAN),
    (UP % (10, ""), CARS, None, None, AMBIGUOUS),
    ("{type: quantity, amount: 15.6, unit: percent}", BONDS, "italy", None, CLEAN),
    ("{type: quantity, amount: 15.6, unit: percent}", BONDS, None, None, AMBIGUOUS),
    # ... but a place named beside an organization says where, not whose.
    ("{type: quantity, amount: 3000000, unit: cars}", GM, "gm", None, AMBIGUOUS),
    # A range claim is confused with another range only: one number cannot be what it means.
    ("{type: quantity, min: 2, max: 3, unit: percent}", TARGET, None, None, AMBIGUOUS),
    ("{type: quantity, min: 2, max: 3, unit: percent}", TARGET, None, "2-3% target", CLEAN),
    ("{type: quantity, min: 2, max: 3, unit: percent}", "inflation is within the 2-3% target range",
     None, None, CLEAN),
    ("{type: quantity, amount: 2.6, unit: percent}", TARGET, None, None, AMBIGUOUS),
])
def test_candidates(make_project: Callable[..., Path], value: str, quote: str, subject: str | None,
                    mention: str | None, expected: tuple[str, list[str]]) -> None:
    assert check(make_project, value, quote, subject, mention) == expected


def test_the_warning_lists_the_other_candidates(make_project: Callable[..., Path]) -> None:
    body = ("  - id: c\n    statement: s\n    value: {type: date, date: 2007}\n"
            f"    citations:\n      - source: s\n        quote: \"{PLAN}\"\n")
    report = factbase.check(factbase.load(make_project(HEAD + body, files={"s.txt": TEXT})))
    [found] = report.claim("c").citations[0].problems
    assert (found.code, found.severity, found.message) == (
        "ambiguous-evidence", "warning",
        "the span also says '2003' (2003); add `mention:` to the citation to say which one "
        "the claim means")
