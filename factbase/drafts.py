"""Draft claim stubs (YAML) for mentions that no claim covers yet.

Each stub carries the mention's typed value and cites the sentence around it; an editor
writes the statement, checks the value, and trims the quote.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from .mentions import Mention
from .values import Money, Name, Number, Person, Quantity, When, format_decimal

_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) that holds [start, end), without surrounding whitespace."""
    left, right = sentence_span(text, start, end)
    return text[left:right]


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where :func:`sentence_around` is in ``text``."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    stop = _SENTENCE_END.search(text, end)
    right = stop.end() if stop else len(text)
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def pinpoint(text: str, quote_start: int, quote_end: int, start: int, end: int) -> str | None:
    """The shortest words around ``text[start:end]`` that occur once in the quote
    ``text[quote_start:quote_end]``: the mention's text itself, or it with up to three words
    before or after ("jumped 7%" where the quote also says "1.7%"); None when none is."""
    quote = text[quote_start:quote_end]
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", quote)]
    first = next((k for k, (a, b) in enumerate(words) if quote_start + b > start), 0)
    last = next((k for k, (a, b) in enumerate(words) if quote_start + b >= end), len(words) - 1)
    candidates = [(start - quote_start, end - quote_start)]
    for extra in range(1, 4):
        if first - extra >= 0:
            candidates.append((words[first - extra][0], end - quote_start))
        if last + extra < len(words):
            candidates.append((start - quote_start, words[last + extra][1]))
    for a, b in candidates:
        piece = quote[a:b]
        if piece.strip() and quote.count(piece) == 1:
            return piece
    return None


def source_slug(path: str) -> str:
    """A source id for a file: its name without extension, as a slug."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[^a-z0-9]+", "-", stem.casefold()).strip("-") or "source"


def value_yaml(mention: Mention, person_ids: set[str]) -> str | None:
    """The flow-style YAML of a mention's typed value, or None when it cannot be a value."""
    v = mention.value
    if isinstance(v, When):
        if not v.resolved:
            return None
        if (v.from_ is not None and v.from_.qualifier) or (v.to is not None and v.to.qualifier):
            return None  # "from approximately 1990 to June 2004": no claim value says that
        qualifier = f", qualifier: {v.qualifier}" if v.qualifier in ("early", "mid", "late", "circa", "before", "after") else ""
        if "/" in v.iso:
            first, last = v.iso.split("/", 1)
            return f"{{type: date, from: '{first}', to: '{last}'{qualifier}}}"
        return f"{{type: date, date: '{v.iso}'{qualifier}}}"
    if isinstance(v, Money | Quantity) and v.clause is not None and v.clause.role == "change":
        return _change_yaml(v)
    if isinstance(v, Money):
        return (f"{{type: money, {_amount(v.amount, v.upper)}, currency: {v.currency}"
                f"{_qualifier(v.qualifier)}}}")
    if isinstance(v, Quantity):
        unit = f", unit: {json.dumps(v.unit)}" if v.unit else ""
        return f"{{type: quantity, {_amount(v.amount, v.upper)}{unit}{_qualifier(v.qualifier)}}}"
    if isinstance(v, Name):
        if v.role is not None:
            return f"{{type: person, entity: {v.entity}, role: {json.dumps(v.role, ensure_ascii=False)}}}"
        kind = "person" if v.entity in person_ids else "entity"
        return f"{{type: {kind}, entity: {v.entity}}}"
    return None


def _change_yaml(v: Money | Quantity) -> str:
    """A change mention ("rose 8%") as a change value: its direction and how much it moved."""
    assert v.clause is not None
    if isinstance(v, Money):
        of, measure = "money", f", currency: {v.currency}"
    else:
        of, measure = "quantity", f", unit: {json.dumps(v.unit)}" if v.unit else ""
    direction = f", direction: {v.clause.direction}" if v.clause.direction else ""
    return (f"{{type: change, of: {of}{direction}, by: {{{_amount(v.amount, v.upper)}{measure}"
            f"{_qualifier(v.qualifier)}}}}}")


def _amount(amount: Number, upper: Number | None) -> str:
    """``amount: 40``, or ``min: 40, max: 50`` for a range ("$40 to $50")."""
    if upper is None:
        return f"amount: {format_decimal(amount)}"
    return f"min: {format_decimal(amount)}, max: {format_decimal(upper)}"


def _qualifier(q: str | None) -> str:
    # Claims take every qualifier mentions report (about, nearly, odd, at-least, ...).
    return f", qualifier: {q}" if q else ""


def draft_claims(
    text: str, source_id: str, mentions: Iterable[Mention], person_ids: Iterable[str] = (),
    entity_ids: Iterable[str] = (),
) -> str:
    """YAML `claims:` stubs, one per mention, in text order; named officials (``person``
    mentions) also get an `entities:` stub each (see :func:`official_stubs`), whose ids
    avoid ``entity_ids``."""
    persons = set(person_ids)
    mentions = list(mentions)
    stubs, official_ids = official_stubs(mentions, entity_ids)
    lines = [*stubs, "claims:"]
    used: set[str] = set()
    for m in mentions:
        if isinstance(m.value, Person):
            value: str | None = official_value_yaml(m.value, official_ids[m.value.name])
            quote_start, quote_end = min(m.start, m.value.role_start), max(m.end, m.value.role_end)
        else:
            value = value_yaml(m, persons)
            quote_start, quote_end = m.start, m.end
        if value is None:
            continue
        slug = re.sub(r"[^a-z0-9]+", "-", m.text.casefold()).strip("-")[:40] or "mention"
        claim_id = f"{m.kind}-{slug}"
        n = 2
        while claim_id in used:
            claim_id, n = f"{m.kind}-{slug}-{n}", n + 1
        used.add(claim_id)
        quote_start, quote_end = sentence_span(text, quote_start, quote_end)
        quote = text[quote_start:quote_end]
        lines += [
            f"  - id: {claim_id}  # {m.kind} {m.text!r} at {m.start}-{m.end}",
            "    statement: TODO",
            f"    value: {value}",
            "    citations:",
            f"      - source: {source_id}",
            f"        quote: {json.dumps(quote, ensure_ascii=False)}",
        ]
        pinned = pinpoint(text, quote_start, quote_end, m.start, m.end) if m.kind in (
            "money", "quantity", "date") else None
        if pinned is not None:
            # The stub knows which mention it is about: it says so, in case the sentence
            # holds other amounts or dates (docs/verification.md, "Several candidates").
            lines.append(f"        mention: {json.dumps(pinned, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def official_stubs(mentions: Iterable[Mention], entity_ids: Iterable[str] = ()) -> tuple[list[str], dict[str, str]]:
    """YAML `entities:` stubs for the named officials among ``mentions`` (one per name, with
    every role it is given, as written), and the id given to each name. Ids are slugs of the
    name that avoid ``entity_ids``; no stub, no lines."""
    taken = set(entity_ids)
    ids: dict[str, str] = {}
    roles: dict[str, list[str]] = {}
    where: dict[str, Mention] = {}
    for m in mentions:
        if not isinstance(m.value, Person):
            continue
        name = m.value.name
        if name not in ids:
            slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "person"
            entity_id, n = slug, 2
            while entity_id in taken:
                entity_id, n = f"{slug}-{n}", n + 1
            taken.add(entity_id)
            ids[name], roles[name], where[name] = entity_id, [], m
        if m.value.role not in roles[name]:
            roles[name].append(m.value.role)
    if not ids:
        return [], ids
    lines = ["entities:"]
    for name, entity_id in ids.items():
        m = where[name]
        lines += [
            f"  - id: {entity_id}  # named with a title at {m.start}-{m.end}",
            f"    name: {json.dumps(name, ensure_ascii=False)}",
            "    kind: person",
            "    roles:",
            *(f"      - title: {json.dumps(role, ensure_ascii=False)}" for role in roles[name]),
        ]
    return lines, ids


def official_value_yaml(person: Person, entity_id: str) -> str:
    """The flow-style YAML of a named official's person claim."""
    return f"{{type: person, entity: {entity_id}, role: {json.dumps(person.role, ensure_ascii=False)}}}"
