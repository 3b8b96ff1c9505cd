"""One claim against one passage, in memory: :func:`verify`.

The passage is an in-memory source and the claim a one-citation claim; the unit of work
(:func:`factbase.verify.unit.check_source`) anchors the quote and judges the span, exactly as
``factbase.check`` does for a facts file. The only shortcut is where the mentions are looked
for: around the cited span (:func:`window`) rather than in the whole passage, which is what
keeps a call on a long passage under a millisecond. The extractors look a few words either
side of a mention, never further, so a window that reaches well past the span on both sides
and is cut at whitespace finds the same mentions inside the span as the whole text does
(``tests/test_verify_api.py`` checks that over the BBC corpus).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from importlib import import_module
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .anchor import Anchor, Anchorer, QuoteQuery
from .factset import CitationRecord, ClaimRecord, FactSet
from .fixes import advise, parent_at
from .mentions import find_mentions
from .mentions.date_phrases import refers_back
from .mentions.types import Mention
from .model import VALUE_TYPES, Entity, Source, TypedValue
from .model_errors import schema_errors
from .problems import FactsError, Problem, problem
from .results import ClaimResult
from .verify.claim import STATUS_RANK, claim_status, reference_problems, typed_value, value_data
from .verify.report import citation_result, claim_result
from .verify.rules import TypedValue as Value
from .verify.types import CitationTask, SourceTask, SourceUnit
from .verify.unit import check_source

__all__ = ["CLAIM_ID", "SOURCE_ID", "verify", "window"]

# The ids that the result and its problems carry: there is no facts file to name them.
CLAIM_ID = "verify"
SOURCE_ID = "passage"

# How far past the cited span mentions are looked for, at least. The extractors' widest look
# to either side of a mention is a few dozen characters (a qualifier, a range's other end).
MARGIN = 256
# An amount's clause, qualifiers and range are read within its sentence: for money and
# quantities, the window is the span's sentences and this much around them.
SHORT_MARGIN = 64
_AMOUNT_TYPES = frozenset({"money", "quantity", "change"})
# How far back a date can find the earlier date it refers to (factbase.mentions.date_phrases
# reaches 1,500 characters), with room for its sentence.
BEFORE = 1_600

_VALUE: TypeAdapter[Value] = TypeAdapter(TypedValue)


def verify(
    value: Value | Mapping[str, Any] | str,
    text: str,
    *,
    quote: str | None = None,
    span: tuple[int, int] | None = None,
    published: str | dt.date | None = None,
    entities: Iterable[Entity | Mapping[str, Any]] = (),
    currency: str | None = None,
) -> ClaimResult:
    """Check one claimed value against one passage of text, in memory.

    For the figures, dates and names that a language model, a scraper or a reporter
    attributes to a passage: the same anchoring, extraction and rules as `factbase.check`,
    with no facts file and no source file. Nothing is written anywhere, and calls may run
    in parallel threads.

    Args:
        value: The claimed value: a shorthand string (`"$9 million"`, `"Dec. 24, 2019"`,
            `"284 companies"`), a typed value (`MoneyValue(...)`, `DateValue(...)`, ...) or
            the same as a dict (`{"type": "money", "amount": 9000000, "currency": "USD"}`).
        text: The passage.
        quote: The words of the passage that carry the value; anchored as a citation's quote
            is (exactly, then normalized, then fuzzily). Without it, the span is `span`, or
            the whole passage.
        span: Code-point offsets `(start, end)` of the cited words. With `quote`, they pick
            the occurrence (and are reported when they do not hold it); alone, they are the
            span.
        published: When the passage was published (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a
            `datetime.date`): relative dates ("last month") are resolved against it.
        entities: The people, organizations and places that a `person` or `entity` value,
            and names in the passage, refer to (`Entity` models or dicts).
        currency: The currency of a bare "$" in the passage (USD when not given).

    Returns:
        The claim's result. `status` is `verified` only when the span supports the value;
            `contradicted`, `unsupported`, `unanchored` or `invalid` otherwise, with the
            problems that say why. `citations[0]` is the span with its `evidence` (the typed
            mentions inside it, each with whether it matches). The claim is identified as
            `"verify"` and the passage as source `"passage"`; problems give the argument at
            fault as their `field_path` (`quote`, `span`, `value.amount`).

    Raises:
        FactsError: `published`, `currency` or `entities` do not validate (problem code
            `schema`, `field_path` naming the argument).
        TypeError: `text` is not a string, or `value` is neither a string, a mapping nor a
            typed value.
        ValueError: `span` is not a pair of offsets inside `text`, or `quote` is empty.

    Example:
        ```python
        result = factbase.verify("$9 million", "Japan gave $9 million to the fund.")
        assert result.status == "verified"
        ```
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    source = _passage(text, published, currency)
    declared = FactSet(root=".", entities=entities).entities if entities else []
    by_id = {e.id: e for e in reversed(declared)}
    record, claim_problems = _record(value, text, quote, span)
    data: dict[str, Any] | None = None
    if not claim_problems:
        data, invalid = typed_value(record)
        claim_problems = [invalid] if invalid is not None else []
    claim_problems += reference_problems(record, data, by_id)
    citation = record.citations[0]
    task = SourceTask(SOURCE_ID, "", "", None, source.published, source.currency, text)
    query = CitationTask(0, 0, CLAIM_ID, citation.quote, None, None, citation.start, citation.end,
                         data)
    mentions = _mentions(text, query, data, source, declared)
    outcome = check_source(SourceUnit(task, (query,), (), mentions), declared, by_id)
    verdict = outcome.verdicts[0]
    for p in (*verdict.problems, *claim_problems):
        _name_argument(p)
    facts = FactSet(root=".", claims=[record])
    status = claim_status([STATUS_RANK[verdict.status]], bool(claim_problems))
    result = claim_result(record, status, data, by_id, verdict.display)
    result.statement = record.statement or result.display
    result.citations = [citation_result(facts, verdict, outcome.mentions)]
    result.problems = claim_problems
    return result


def window(text: str, start: int, end: int, margin: int = MARGIN,
           before: int | None = BEFORE) -> tuple[int, int]:
    """The slice of ``text`` in which to look for the mentions of the span [start, end), so
    that they are found as in the whole text: before it, back to the start of its paragraph
    and at least ``BEFORE`` characters (a date like "that year" takes its value from an
    earlier one, as far back as that); after it, at least ``margin`` characters; both edges
    cut where a sentence ends (what the extractors read of a sentence, a number's clause or a
    date's tense, is then the same), or at the text's edges. With ``before`` None, the window
    reaches back only ``margin`` characters to where a sentence starts (what amounts need:
    nothing of theirs refers to an earlier sentence)."""
    lo = start - max(margin, before or 0)
    paragraph = text.rfind("\n\n", 0, start) if before is not None else None
    if paragraph is not None and paragraph < 0:
        lo = 0  # one paragraph: from the start
    elif paragraph is not None and paragraph + 2 <= lo:
        lo = paragraph + 2
    elif lo <= 0:
        lo = 0
    else:
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, lo)]
        lo = ends[-1] if ends else 0
    hi = end + margin
    if hi >= len(text):
        hi = len(text)
    else:
        found = _SENTENCE_END.search(text, hi)
        hi = found.start() + 1 if found else len(text)
    return lo, hi



# A sentence ends at a stop followed by space and a capital, or at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]*\s+(?=[A-Z\"“‘(])|\n")


# ---------------------------------------------------------------------------- arguments


def _passage(text: str, published: str | dt.date | None, currency: str | None) -> Source:
    """The passage as a source: ``published`` and ``currency`` validated as a facts file's."""
    if isinstance(published, dt.date):
        published = published.isoformat()
    try:
        return Source(id=SOURCE_ID, text=text, published=published, currency=currency)
    except ValidationError as exc:
        raise FactsError([
            problem("schema", source_id=SOURCE_ID, field_path=".".join(map(str, err.loc)),
                    field=".".join(map(str, err.loc)), reason=advise(err, None, False))
            for err in schema_errors(exc, value_at=0)
        ]) from None


def _record(value: Any, text: str, quote: str | None,
            span: tuple[int, int] | None) -> tuple[ClaimRecord, list[Problem]]:
    """The claim as a loaded claim is held, and the problems of a value given as a mapping
    that does not validate."""
    start, end = _span(span, len(text))
    if quote is None:
        start, end = (0, len(text)) if start is None or end is None else (start, end)
        quote = text[start:end]
    elif not quote.strip():
        raise ValueError("quote is empty")
    found: list[Problem] = []
    data: dict[str, Any] | str
    if isinstance(value, str):
        data = value
    elif isinstance(value, Mapping | BaseModel):
        given = value.model_dump(by_alias=True) if isinstance(value, BaseModel) else dict(value)
        try:
            data = value_data(_VALUE.validate_python(given))
        except ValidationError as exc:
            found = _value_problems(exc, given)
            data = given
    else:
        raise TypeError("value must be a shorthand string, a typed value or a mapping, "
                        f"not {type(value).__name__}")
    citation = CitationRecord(SOURCE_ID, quote, start=start, end=end)
    # A shorthand is its own statement; a typed value's is its display, set once known.
    statement = data if isinstance(data, str) else ""
    return ClaimRecord(CLAIM_ID, statement, data, (citation,)), found


def _value_problems(exc: ValidationError, given: dict[str, Any]) -> list[Problem]:
    """``invalid-value`` for each failure of a typed value given as a mapping."""
    out: list[Problem] = []
    kind = given.get("type")
    for err in schema_errors(exc, value_at=None, data=given):
        loc = err.loc[1:] if err.loc[:1] == (kind,) else err.loc
        path = ".".join(str(part) for part in ("value", *loc))
        reason = advise(dataclasses.replace(err, loc=loc), parent_at(given, loc), True) \
            if loc or err.reason.startswith("unknown value type") else (
            f"a typed value needs a `type`, one of {', '.join(VALUE_TYPES)}")
        out.append(problem("invalid-value", claim_id=CLAIM_ID, field_path=path,
                           reason=f"{path}: {reason}"))
    return out


def _span(span: tuple[int, int] | None, length: int) -> tuple[int | None, int | None]:
    if span is None:
        return None, None
    try:
        start, end = span
    except (TypeError, ValueError):
        raise ValueError(f"span must be a pair (start, end), not {span!r}") from None
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length):
        raise ValueError(f"span {span!r} is not inside the text (0-{length})")
    if start == end:
        raise ValueError(f"span {span!r} is empty")
    return start, end


def _name_argument(p: Problem) -> None:
    """A problem's field as the argument of ``verify`` it is about."""
    path = p.field_path or ""
    if path.startswith("citations.0."):
        rest = path.removeprefix("citations.0.")
        p.field_path = "span" if rest in ("start", "end") else rest


def _mentions(text: str, query: CitationTask, data: dict[str, Any] | None, source: Source,
              entities: list[Entity]) -> tuple[Mention, ...]:
    """The mentions around the span the quote anchors to (none when there is nothing to
    judge), found in a window of the passage and placed in the whole passage."""
    if data is None or data.get("type") == "quote":
        return ()
    found = Anchorer(text).anchor_many([QuoteQuery(query.quote, None, None, query.start,
                                                   query.end)])[0]
    if not isinstance(found, Anchor):
        return ()
    kind = data.get("type")

    def found_in(lo: int, hi: int) -> tuple[Mention, ...]:
        mentions = find_mentions(text[lo:hi], reference=source.published, entities=entities,
                                 currency=source.currency, context=text)
        return tuple(m.shifted(lo) for m in mentions) if lo else tuple(mentions)

    # Money and quantities refer to nothing before their sentence: the span's sentences
    # suffice; so do dates, unless the span has a phrase that takes its date from an earlier
    # one ("a year later", "the previous month": as far as 1,500 characters back). A person's
    # name may refer to its first mention: the wide window.
    if kind in _AMOUNT_TYPES or (kind == "date" and not refers_back(text[found.start:found.end])):
        return found_in(*window(text, found.start, found.end, margin=SHORT_MARGIN, before=None))
    return found_in(*window(text, found.start, found.end))


# `factbase.verify` is this function, and `factbase/verify/` the verifier's package: the
# function carries the package's namespace, so that `factbase.verify.run` (and `import
# factbase.verify.run as run`, which looks its way down attribute by attribute) still reach
# the package's modules.
verify.__dict__ = import_module(f"{__package__}.verify").__dict__
