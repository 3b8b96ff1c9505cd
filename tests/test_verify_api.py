"""`factbase.verify`: one claim against one passage, in memory, judged as `check` judges it."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import NO_BBC, bbc_corpus

import factbase
from factbase import DateValue, FactsError, MoneyValue, QuantityValue
from factbase.mentions import find_mentions
from factbase.mentions.date_phrases import refers_back
from factbase.passage import BEFORE, SHORT_MARGIN, window

PASSAGE = ("Japan gave $9 million last month. Japan gave $9 million again. "
           "Shinzo Abe, the Japanese Prime Minister, spoke on Dec. 24, 2019, to 284 companies.")
ABE = {"id": "abe", "name": "Shinzo Abe", "kind": "person", "aliases": ["Abe"],
       "roles": [{"title": "Prime Minister of Japan", "aliases": ["Japanese Prime Minister"]}]}
PM = {"type": "person", "entity": "abe", "role": "Prime Minister of Japan"}


def _codes(result: factbase.ClaimResult) -> list[tuple[str, str | None]]:
    return [(p.code, p.field_path) for p in result.problems] + [
        (p.code, p.field_path) for c in result.citations for p in c.problems]


@pytest.mark.parametrize(("value", "kwargs", "status", "codes", "evidence"), [
    ("$9 million", {"quote": "gave $9 million last"}, "verified", [], [("$9 million", 11, True)]),
    (MoneyValue(type="money", amount=Decimal(9_000_000), currency="USD"),
     {"quote": "gave $9 million last"}, "verified", [], [("$9 million", 11, True)]),
    ({"type": "money", "amount": 9000000, "currency": "USD"}, {"quote": "gave $9 million last"},
     "verified", [], [("$9 million", 11, True)]),
    ("$8 million", {"quote": "gave $9 million last"}, "contradicted",
     [("value-mismatch", "value.amount")], [("$9 million", 11, False)]),
    # the same number in another currency: unit-mismatch, never two equal numbers "mismatched"
    ("9 million euros", {"quote": "gave $9 million last"}, "unsupported",
     [("unit-mismatch", "value.amount")], [("$9 million", 11, False)]),
    ("9 million AUD", {"quote": "gave $9 million last", "currency": "AUD"}, "verified", [],
     [("$9 million", 11, True)]),
    ("Dec. 24, 2019", {"quote": "on Dec. 24, 2019, to"}, "verified", [],
     [("Dec. 24, 2019", 113, True)]),
    (DateValue(type="date", date="2019-12"), {"quote": "on Dec. 24, 2019, to"}, "verified", [],
     [("Dec. 24, 2019", 113, True)]),
    ("2019-12-25", {"quote": "on Dec. 24, 2019, to"}, "contradicted",
     [("value-mismatch", "value.date")], [("Dec. 24, 2019", 113, False)]),
    ("2019-12", {"quote": "last month", "published": "2020-01"}, "verified", [],
     [("last month", 22, True)]),
    ("2019-12", {"quote": "last month", "published": dt.date(2020, 1, 15)}, "verified", [],
     [("last month", 22, True)]),
    ("2019-12", {"quote": "last month"}, "unsupported",
     [("relative-date-unresolved", "value.date")], [("last month", 22, False)]),
    ("284 companies", {"quote": "to 284 companies"}, "verified", [], [("284", 131, True)]),
    (QuantityValue(type="quantity", amount=Decimal(285), unit="companies"),
     {"quote": "to 284 companies"}, "contradicted", [("value-mismatch", "value.amount")],
     [("284", 131, False)]),
    ("$9 million", {"quote": "spoke on Dec. 24"}, "unsupported",
     [("value-not-found", "value.amount")], []),
    (PM, {"quote": "Shinzo Abe, the Japanese Prime Minister", "entities": [ABE]}, "verified", [],
     [("Shinzo Abe", 63, True), ("Japanese Prime Minister", 79, True)]),
    (PM, {"quote": "Shinzo Abe, the Japanese", "entities": [ABE]}, "unsupported",
     [("role-not-found", "value.entity")], [("Shinzo Abe", 63, True)]),
    # a role the entity does not declare is matched as written, with a warning
    ({"type": "person", "entity": "abe", "role": "Emperor"}, {"quote": "Shinzo Abe, the Japanese",
     "entities": [ABE]}, "unsupported",
     [("role-not-found", "value.entity"), ("undeclared-role", "value.entity")],
     [("Shinzo Abe", 63, True)]),
    ({"type": "quote"}, {"quote": "Japan gave $9 million again"}, "verified", [], []),
    # the quote picks a span; ambiguous and fuzzy quotes are said so
    ("$9 million", {"quote": "Japan gave $9 million"}, "verified",
     [("quote-ambiguous", "quote")], [("$9 million", 11, True)]),
    ("$9 million", {"quote": "Japan gave $9 milion again"}, "verified",
     [("quote-fuzzy", "quote")], [("$9 million", 45, True)]),
    ({"type": "quote"}, {"quote": "Japan gave $9 milion again"}, "unanchored",
     [("quote-fuzzy", "quote")], []),
    # spans: alone, they are the span; with a quote, they pick it (and are checked)
    ("$9 million", {"span": (45, 55)}, "verified", [], [("$9 million", 45, True)]),
    ("$9 million", {"quote": "Japan gave $9 million", "span": (34, 55)}, "verified", [],
     [("$9 million", 45, True)]),
    ("$9 million", {"quote": "Japan gave $9 million", "span": (0, 5)}, "verified",
     [("offset-mismatch", "span")], [("$9 million", 11, True)]),
    # without quote or span, the whole passage
    ("$9 million", {}, "verified", [], [("$9 million", 11, True), ("$9 million", 45, True)]),
])
def test_verify(value: Any, kwargs: dict[str, Any], status: str,
                codes: list[tuple[str, str]], evidence: list[tuple[str, int, bool]]) -> None:
    result = factbase.verify(value, PASSAGE, **kwargs)
    assert result.status == status
    assert _codes(result) == codes
    (citation,) = result.citations
    assert [(e.text, e.start, e.matches) for e in citation.evidence] == evidence
    assert citation.source == "passage" and result.id == "verify"
    if citation.start is not None:
        assert PASSAGE[citation.start:citation.end] in (kwargs.get("quote"), citation.quote) \
            or citation.anchor == "fuzzy"


@pytest.mark.parametrize(("value", "kwargs", "codes"), [
    # a bad value
    ("sometime soon", {}, [("invalid-value", "value")]),
    ("last month", {}, [("invalid-value", "value")]),
    ({"type": "money", "amount": "nine"}, {},
     [("invalid-value", "value.amount"), ("invalid-value", "value.currency")]),
    ({"type": "weight", "amount": 5}, {}, [("invalid-value", "value")]),
    ({"amount": 5}, {}, [("invalid-value", "value")]),
    # an unknown entity (a role the entity does not declare is no error: see test_verify)
    ({"type": "person", "entity": "moon"}, {"entities": [ABE]},
     [("unknown-entity", "value.entity"), ("value-mismatch", "value.entity")]),
])
def test_a_claim_that_cannot_be_judged_is_invalid(value: Any, kwargs: dict[str, Any],
                                                  codes: list[tuple[str, str]]) -> None:
    result = factbase.verify(value, PASSAGE, **kwargs)
    assert result.status == "invalid"
    assert _codes(result) == codes
    assert all(p.claim_id == "verify" and p.file is None for p in result.problems)


def test_the_messages_of_a_bad_value() -> None:
    result = factbase.verify({"type": "money", "amount": "nine"}, PASSAGE)
    assert [p.message for p in result.problems] == [
        "value.amount: 'nine' is not a number; write `amount: 9`",
        "value.currency: required field is missing; add `currency:` (an ISO 4217 currency code "
        "such as USD, JPY, KRW or EUR)"]
    result = factbase.verify({"amount": 5}, PASSAGE)
    assert result.problems[0].message == (
        "value: a typed value needs a `type`, one of date, money, quantity, change, person, entity, "
        "quote")


def test_a_quote_not_in_the_text() -> None:
    result = factbase.verify("$9 million", PASSAGE, quote="a $10 billion programme for schools")
    assert result.status == "unanchored"
    (problem,) = result.citations[0].problems
    assert (problem.code, problem.field_path, problem.claim_id, problem.source_id) == (
        "quote-not-found", "quote", "verify", "passage")
    assert problem.at == "claim verify: quote"
    assert result.citations[0].start is None and result.citations[0].evidence == []


@pytest.mark.parametrize(("kwargs", "codes"), [
    ({"published": "Jan 2020"}, [("schema", "published")]),
    ({"published": "2019-02-30"}, [("schema", "published")]),
    ({"currency": "dollars"}, [("schema", "currency")]),
    ({"entities": [{"id": "abe", "name": "Abe", "kind": "robot"}]},
     [("schema", "entities.0.kind")]),
    ({"entities": [{"id": "Abe", "kind": "person"}]},
     [("schema", "entities.0.id"), ("schema", "entities.0.name")]),
])
def test_arguments_that_describe_the_passage_are_validated(kwargs: dict[str, Any],
                                                            codes: list[tuple[str, str]]) -> None:
    with pytest.raises(FactsError) as caught:
        factbase.verify("$9 million", PASSAGE, **kwargs)
    assert [(p.code, p.field_path) for p in caught.value.problems] == codes


@pytest.mark.parametrize(("args", "kwargs", "error", "match"), [
    (("$9 million", b"bytes"), {}, TypeError, "text must be a str"),
    ((9_000_000, PASSAGE), {}, TypeError, "value must be a shorthand string"),
    (("$9 million", PASSAGE), {"span": (5, 500)}, ValueError, r"span \(5, 500\) is not inside"),
    (("$9 million", PASSAGE), {"span": (-1, 5)}, ValueError, "is not inside"),
    (("$9 million", PASSAGE), {"span": (5, 5)}, ValueError, "is empty"),
    (("$9 million", PASSAGE), {"span": 5}, ValueError, "must be a pair"),
    (("$9 million", PASSAGE), {"quote": "  "}, ValueError, "quote is empty"),
])
def test_calling_it_wrong_raises(args: tuple[Any, ...], kwargs: dict[str, Any],
                                 error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        factbase.verify(*args, **kwargs)


def test_the_result_is_a_claim_result_with_its_json() -> None:
    result = factbase.verify("$9 million", PASSAGE, quote="gave $9 million last")
    assert result.to_dict() == {
        "id": "verify", "statement": "$9 million", "status": "verified", "value_type": "money",
        "value": {"type": "money", "amount": "9000000", "currency": "USD"},
        "display": "9000000 USD", "subject": None, "predicate": None, "tags": [], "file": None,
        "line": None, "problems": [],
        "citations": [{
            "id": "verify#0", "source": "passage", "quote": "gave $9 million last",
            "start": 6, "end": 26, "anchor": "exact", "score": 100.0, "supports": True,
            "status": "verified", "problems": [], "mention": None, "mention_start": None,
            "mention_end": None, "page": None, "page_end": None,
            "evidence": [{"kind": "money", "start": 11, "end": 21, "text": "$9 million",
                          "value": {"amount": "9000000", "currency": "USD", "qualifier": None,
                                    "upper": None},
                          "matches": True, "display": "9000000 USD"}],
        }],
    }
    assert factbase.verify(MoneyValue(type="money", amount=5, currency="USD"),
                           PASSAGE).statement == "5 USD"


# ---------------------------------------------------------------------------- as check judges


def _mutated(value: dict[str, Any]) -> dict[str, Any] | None:
    """The value changed so that a span that supports it no longer does."""
    if value.get("type") in ("money", "quantity"):
        return {**value, "amount": Decimal(value["amount"]) + 1}
    if value.get("type") == "date" and value.get("date"):
        year = int(value["date"][:4]) - 3
        return {**value, "date": f"{year:04d}{value['date'][4:]}"}
    return None


def test_verify_judges_every_claim_of_the_seed_as_check_does(full_project: Path) -> None:
    facts = factbase.load(full_project)
    records = [r for r in facts.records if len(r.citations) == 1]
    wrong = [(r, _mutated(r.value)) for r in records if isinstance(r.value, dict)]
    claims = [r.fields() for r in records] + [
        {**r.fields(), "id": f"{r.id}-wrong", "value": v} for r, v in wrong if v is not None]
    rebuilt = factbase.FactSet(root=full_project.parent, sources=facts.sources,
                               entities=facts.entities, claims=claims)
    report = factbase.check(rebuilt, workers=1)
    texts = {s.id: s.text for s in report.sources}
    statuses: set[str] = set()
    for claim in report.claims:
        citation = claim.claim.citations[0] if claim.claim is not None else None
        assert citation is not None
        source = rebuilt.source(citation.source)
        assert source is not None and texts[source.id] is not None
        span = (citation.start, citation.end) if citation.start is not None else None
        result = factbase.verify(claim.claim.value, texts[source.id], quote=citation.quote,  # type: ignore[union-attr]
                                 span=span, published=source.published,
                                 entities=rebuilt.entities, currency=source.currency)
        mine, theirs = result.citations[0], claim.citations[0]
        assert (result.status, mine.start, mine.end, mine.status) == (
            claim.status, theirs.start, theirs.end, theirs.status), claim.id
        assert [e.to_dict() for e in mine.evidence] == [e.to_dict() for e in theirs.evidence]
        # verify() has no subject: check's subject warnings are the difference
        subject_codes = {"subject-not-in-span", "value-not-near-subject"}
        assert [p.code for p in mine.problems] == [p.code for p in theirs.problems
                                                   if p.code not in subject_codes], claim.id
        statuses.add(claim.status)
    assert len(report.claims) > 100
    assert {"verified", "contradicted"} <= statuses


# What an amount claim is judged on: the amounts of its span, and the names of its subject.
AMOUNT_KINDS = ("money", "quantity", "entity")


def test_the_window_finds_the_span_s_mentions_as_the_whole_text_does() -> None:
    corpus = bbc_corpus()
    if corpus is None:
        pytest.skip(NO_BBC)
    spans = dated = 0
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        whole = find_mentions(text, reference="2005-01")
        start = 0
        # every sentence, and every pair of sentences, as a cited span
        ends = [i + 1 for i, ch in enumerate(text) if ch in ".\n" and text[i + 1:i + 2] in (" ", "\n")]
        for a, b in zip([0, *ends], [*ends[1:], len(text)], strict=False):
            for lo_, hi_ in ((a, b), (start, b)):
                expected = [m for m in whole if lo_ <= m.start and m.end <= hi_]
                lo, hi = window(text, lo_, hi_)
                near = [m.shifted(lo) for m in find_mentions(text[lo:hi], reference="2005-01")]
                inside = [m for m in near if lo_ <= m.start and m.end <= hi_]
                assert inside == expected, (path.name, lo_, hi_)
                # the short window of an amount claim: its amounts and names as in the whole
                lo, hi = window(text, lo_, hi_, margin=SHORT_MARGIN, before=None)
                near = [m.shifted(lo) for m in find_mentions(text[lo:hi], reference="2005-01")]
                assert ([m for m in near if lo_ <= m.start and m.end <= hi_ and m.kind in AMOUNT_KINDS]
                        == [m for m in expected if m.kind in AMOUNT_KINDS]), (path.name, lo_, hi_)
                # ... and its dates, when no phrase of the span refers back to an earlier date
                if not refers_back(text[lo_:hi_]):
                    assert ([m for m in near if lo_ <= m.start and m.end <= hi_ and m.kind == "date"]
                            == [m for m in expected if m.kind == "date"]), (path.name, lo_, hi_)
                    dated += 1
                spans += 1
            start = a
    assert spans > 10_000 and dated > 5_000


def test_the_window_reaches_back_a_paragraph_and_cuts_at_sentences() -> None:
    sentence = "The bank cut its rate to 4.5% on Monday. "          # 41 characters
    text = "\n\n".join(sentence * 10 for _ in range(10))           # ten paragraphs of 410
    start = text.index("4.5%", 2600)                                 # in the seventh paragraph
    lo, hi = window(text, start, start + 4, margin=100)
    # back at least BEFORE characters, to where a sentence starts; forward at least 100
    assert lo <= start - BEFORE and (lo == 0 or text[lo - 2:lo] in (". ", "\n\n"))
    assert hi >= start + 4 + 100 and text[hi - 1] == "."
    assert text[lo:hi].startswith("The bank") and text[lo:hi].endswith("Monday.")


def test_the_window_takes_the_whole_paragraph_when_it_is_long() -> None:
    text = "Intro.\n\n" + "The bank cut its rate to 4.5% on Monday. " * 100
    start = text.index("4.5%", 3000)
    assert window(text, start, start + 4)[0] == len("Intro.\n\n")
    assert window("x" * 1000, 500, 510, margin=100) == (0, 1000)


# ---------------------------------------------------------------------------- threads, disk


def test_verify_is_thread_safe() -> None:
    calls = [("$9 million", {"quote": "gave $9 million last"}),
             ("$8 million", {"quote": "gave $9 million again"}),
             ("Dec. 24, 2019", {"quote": "on Dec. 24, 2019, to"}),
             ("2019-12", {"quote": "last month", "published": "2020-01"}),
             (PM, {"quote": "Shinzo Abe, the Japanese Prime Minister", "entities": [ABE]}),
             ("284 companies", {}), ("nonsense", {}),
             ("$9 million", {"quote": "not in the passage at all, really not"})] * 25
    serial = [json.dumps(factbase.verify(v, PASSAGE, **k).to_dict()) for v, k in calls]
    with ThreadPoolExecutor(8) as pool:
        parallel = list(pool.map(lambda call: json.dumps(
            factbase.verify(call[0], PASSAGE, **call[1]).to_dict()), calls))
    assert parallel == serial
    assert len(set(serial)) == 8


def test_verify_writes_nothing(tmp_path: Path) -> None:
    # An audit hook sees every file the interpreter opens for writing, every folder made and
    # every file removed or renamed, whatever library does it.
    code = """
import os, sys
sys.dont_write_bytecode = True
import factbase
written = []
def hook(event, args):
    if event == "open" and args[1] is not None and (
            any(c in str(args[1]) for c in "wax+") or (isinstance(args[2], int) and args[2] & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))):
        written.append((event, args[0]))
    elif event in ("os.mkdir", "os.remove", "os.rename", "os.replace", "os.rmdir", "sqlite3.connect"):
        written.append((event, args[0]))
sys.addaudithook(hook)
passage = "Japan gave $9 million last month, on Dec. 24, 2019, to 284 companies."
results = [factbase.verify(v, passage, quote=q, published="2020-01").status for v, q in (
    ("$9 million", "gave $9 million"), ("2019-12", "last month"), ("Dec. 24, 2019", None),
    ("285 companies", "to 284 companies"), ("$9 million", "no such words here"))]
print(results, written)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, "HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == (
        "['verified', 'verified', 'verified', 'contradicted', 'unanchored'] []")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("value", "text", "status"), [
    # an acronym's plural is a count noun like any other
    ({"type": "quantity", "amount": 163, "unit": "MPs"}, "leaving the Tories with just 163 MPs",
     "verified"),
    # a unit of several words, written right after the number, where the mention counts its noun
    ({"type": "quantity", "amount": 168, "unit": "public bodies"},
     "almost a quarter of a million jobs and 168 public bodies would go", "verified"),
    ({"type": "quantity", "amount": 168, "unit": "private bodies"},
     "almost a quarter of a million jobs and 168 public bodies would go", "unsupported"),
    # "up to" is at most, and "topped" more than: an exact claim is not what they say
    ({"type": "quantity", "amount": 2500, "unit": "jobs"},
     "Marsh cuts jobs\n\nUp to 2,500 jobs are to go at Marsh.", "contradicted"),
    ({"type": "quantity", "amount": 9, "unit": "percent"}, "growth had topped 9% in 2004",
     "contradicted"),
    ({"type": "quantity", "amount": 9, "unit": "percent", "qualifier": "more-than"},
     "growth had topped 9% in 2004", "verified"),
    ({"type": "money", "min": 50000, "max": 100000, "currency": "USD"},
     "personal financial penalties of between $50-100,000", "verified"),
])
def test_units_and_bounds_as_written(value: dict[str, object], text: str, status: str) -> None:
    assert factbase.verify(value, text).status == status


def test_the_whole_passage_decides_a_shared_currency_name() -> None:
    """Read in a window, "200 dinars" still takes the currency of the country the passage
    names far before it, as `check` reads it in the whole text."""
    filler = "Officials met again to talk about the budget and the roads. " * 60
    text = "Algeria has a new budget. " + filler + "The ministry paid 200 dinars to each family."
    quote = "The ministry paid 200 dinars to each family."
    assert [m.value.currency for m in find_mentions(text, kinds=["money"])] == ["DZD"]  # type: ignore[union-attr]
    assert factbase.verify("200 DZD", text, quote=quote).status == "verified"
    result = factbase.verify("200 IQD", text, quote=quote)
    assert (result.status, _codes(result)) == ("unsupported", [("unit-mismatch", "value.amount")])
