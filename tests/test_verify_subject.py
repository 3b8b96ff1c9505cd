"""Is the value said of the claim's subject? `subject-not-in-span` and
`value-not-near-subject`, both ways, on a source written for them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import factbase

TEXT = (
    "Alpha Bank agreed to pay a $300 million penalty. On March 3, Beta Bank settled.\n"
    "Acme Corp, which owns 44% of Widget Ltd, said profits rose.\n"
    "Widget Ltd - in which Acme Corp owns a 45% stake - made 1.7bn euros in 2004.\n"
    "Beta Bank, which is 25% owned by Alpha Bank, grew.\n"
    "Alpha holds 6% while Beta Bank holds 3%.\n"
    "The fund was worth $9 million.\n"
    "Chrysler, the US unit of DaimlerChrysler, was the only carmaker to gain - with sales rising 8%.\n"
    "Mr Manuel said the South African economy grew by 3.2%, below the African average of 4%.\n"
    "Mr Hill asked whether the Lib Dems would match Labour's promise to spend £42bn by 2010.\n"
    "Mr Ghosn reduced Nissan's overheads by 20% after taking charge in 1999.\n"
    "Seoul said it would end an intelligence pact, the Security Agreement (GSOMIA), in August 2019.\n"
)
HEAD = """\
factbase: 1
sources:
  - id: s
    path: s.txt
    published: 2005-01
entities:
  - {id: alpha-bank, name: Alpha Bank, kind: organization, aliases: [Alpha]}
  - {id: beta-bank, name: Beta Bank, kind: organization}
  - {id: acme, name: Acme Corp, kind: organization}
  - {id: widget, name: Widget Ltd, kind: organization}
  - {id: chrysler, name: Chrysler, kind: organization}
  - {id: daimlerchrysler, name: DaimlerChrysler, kind: organization}
  - {id: south-africa, name: South Africa, kind: place, aliases: [South African]}
  - {id: africa, name: Africa, kind: place, aliases: [African]}
  - {id: lib-dems, name: Liberal Democrats, kind: organization, aliases: [Lib Dems]}
  - {id: labour, name: Labour, kind: organization}
  - {id: nissan, name: Nissan, kind: organization}
  - {id: ghosn, name: Carlos Ghosn, kind: person, aliases: [Mr Ghosn]}
  - {id: seoul, name: Seoul, kind: place}
  - {id: gsomia, name: Security Agreement, kind: agreement, aliases: [GSOMIA]}
claims:
"""


def check(make_project: Callable[..., Path], subject: str, value: str, quote: str,
          mention: str | None = None) -> tuple[str, list[tuple[str, str | None]]]:
    pin = f"\n        mention: \"{mention}\"" if mention else ""
    body = (f"  - id: c\n    statement: s\n    subject: {subject}\n    value: {value}\n"
            f"    citations:\n      - source: s\n        quote: \"{quote}\"{pin}\n")
    report = factbase.check(factbase.load(make_project(HEAD + body, files={"s.txt": TEXT})))
    claim = report.claim("c")
    return claim.status, [(p.code, p.field_path) for c in claim.citations for p in c.problems]


PENALTY = "Alpha Bank agreed to pay a $300 million penalty. On March 3, Beta Bank settled."
OWNS = "Acme Corp, which owns 44% of Widget Ltd, said profits rose."
STAKE = "Widget Ltd - in which Acme Corp owns a 45% stake - made 1.7bn euros in 2004."
HOLDS = "Alpha holds 6% while Beta Bank holds 3%."
OWNED = "Beta Bank, which is 25% owned by Alpha Bank, grew."
M300 = "{type: money, amount: 300000000, currency: USD}"
UNIT = "Chrysler, the US unit of DaimlerChrysler, was the only carmaker to gain - with sales rising 8%."
AVERAGE = "Mr Manuel said the South African economy grew by 3.2%, below the African average of 4%."
PROMISE = "Mr Hill asked whether the Lib Dems would match Labour's promise to spend £42bn by 2010."
OVERHEADS = "Mr Ghosn reduced Nissan's overheads by 20% after taking charge in 1999."
PACT = "Seoul said it would end an intelligence pact, the Security Agreement (GSOMIA), in August 2019."
RISE = "{type: change, of: quantity, direction: up, by: {amount: %s, unit: percent}}"


@pytest.mark.parametrize(("subject", "value", "quote", "mention", "problems"), [
    # the subject (or an alias) must be named in the span
    ("alpha-bank", M300, "Alpha Bank agreed to pay a $300 million penalty", None, []),
    ("beta-bank", M300, "Alpha Bank agreed to pay a $300 million penalty", None,
     [("subject-not-in-span", "subject")]),
    ("alpha-bank", "{type: quantity, amount: 6, unit: percent}", HOLDS, "holds 6%", []),
    ("acme", "{type: money, amount: 9000000, currency: USD}", "The fund was worth $9 million.", None,
     [("subject-not-in-span", "subject")]),
    ("acme", "{type: quote}", "The fund was worth $9 million.", None, [("subject-not-in-span", "subject")]),
    # the value must share its sentence with the subject when the span has several
    ("alpha-bank", M300, PENALTY, None, []),
    ("beta-bank", M300, PENALTY, None, [("value-not-near-subject", "subject")]),
    # "On March 3, ... settled": a past March 3 for a source of January 2005
    ("beta-bank", "{type: date, date: 2004-03-03}", PENALTY, None, []),
    ("alpha-bank", "{type: date, date: 2004-03-03}", PENALTY, None, [("value-not-near-subject", "subject")]),
    # ... and its clause when the sentence names several entities
    ("beta-bank", "{type: quantity, amount: 3, unit: percent}", HOLDS, "holds 3%", []),
    ("beta-bank", "{type: quantity, amount: 6, unit: percent}", HOLDS, "holds 6%",
     [("value-not-near-subject", "citations.0.mention")]),
    # a relative clause is said of the name before it; an aside naming another, of that one
    ("acme", "{type: quantity, amount: 44, unit: percent}", OWNS, None, []),
    ("widget", "{type: quantity, amount: 44, unit: percent}", OWNS, None, [("value-not-near-subject", "subject")]),
    ("acme", "{type: quantity, amount: 45, unit: percent}", STAKE, None, []),
    ("widget", "{type: quantity, amount: 45, unit: percent}", STAKE, None, [("value-not-near-subject", "subject")]),
    ("widget", "{type: money, amount: 1700000000, currency: EUR}", STAKE, None, []),
    ("acme", "{type: money, amount: 1700000000, currency: EUR}", STAKE, None, [("value-not-near-subject", "subject")]),
    # ... and a passive one of its agent as well
    ("alpha-bank", "{type: quantity, amount: 25, unit: percent}", OWNED, None, []),
    ("acme", "{type: quantity, amount: 25, unit: percent}", OWNED, None, [("subject-not-in-span", "subject")]),
    # an apposition after a name is said of that name, whatever it names
    ("chrysler", RISE % 8, UNIT, None, []),
    ("daimlerchrysler", RISE % 8, UNIT, None, [("value-not-near-subject", "subject")]),
    # ... and after a common noun it renames the noun: one with the clause around it
    ("gsomia", "{type: date, date: 2019-08}", PACT, None, []),
    # what moves names the actor of a change ("the South African economy grew")
    ("south-africa", RISE % 3.2, AVERAGE, None, []),
    ("africa", RISE % 3.2, AVERAGE, None,
     [("ambiguous-evidence", "value.by"), ("value-not-near-subject", "subject")]),
    # a possessive infinitive is the possessor's ("Labour's promise to spend £42bn")
    ("labour", "{type: money, amount: 42000000000, currency: GBP}", PROMISE, None, []),
    ("lib-dems", "{type: money, amount: 42000000000, currency: GBP}", PROMISE, None,
     [("value-not-near-subject", "subject")]),
    # ... but a possessive noun is no actor ("Mr Ghosn reduced Nissan's overheads by 20%")
    ("ghosn", "{type: change, of: money, direction: down, by: {amount: 20, unit: percent}}",
     OVERHEADS, None, []),
    ("nissan", "{type: change, of: money, direction: down, by: {amount: 20, unit: percent}}",
     OVERHEADS, None, []),
])
def test_subject_rules(make_project: Callable[..., Path], subject: str, value: str, quote: str,
                       mention: str | None, problems: list[tuple[str, str]]) -> None:
    assert check(make_project, subject, value, quote, mention) == ("verified", problems)


def test_subject_warnings_point_at_the_subject_line(make_project: Callable[..., Path]) -> None:
    body = (f"  - id: c\n    statement: s\n    subject: beta-bank\n    value: {M300}\n"
            f"    citations:\n      - source: s\n        quote: \"{PENALTY}\"\n")
    path = make_project(HEAD + body, files={"s.txt": TEXT})
    report = factbase.check(factbase.load(path))
    [found] = [p for p in report.problems if p.claim_id == "c"]
    assert (found.code, found.severity, found.line, found.column, found.message) == (
        "value-not-near-subject", "warning", 24, 14,
        "'$300 million' is not in the same sentence or clause as 'Beta Bank'; check that it is "
        "said of 'Beta Bank', and quote the sentence that says so")


def test_no_subject_no_check(make_project: Callable[..., Path]) -> None:
    body = (f"  - id: c\n    statement: s\n    value: {M300}\n"
            f"    citations:\n      - source: s\n        quote: \"{PENALTY}\"\n")
    report = factbase.check(factbase.load(make_project(HEAD + body, files={"s.txt": TEXT})))
    assert (report.claim("c").status, [p for p in report.problems if p.claim_id == "c"]) == ("verified", [])
