"""Draft claim stubs (YAML) for mentions that no claim covers yet.

Each stub carries the mention's typed value and cites the sentence around it; an editor
writes the statement, checks the value, and trims the quote.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from .mentions import Mention
from .values import Money, Name, Quantity, When, format_decimal

_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) that holds [start, end), without surrounding whitespace."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    stop = _SENTENCE_END.search(text, end)
    right = stop.end() if stop else len(text)
    return text[left:right].strip()


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
    if isinstance(v, Money):
        return f"{{type: money, amount: {format_decimal(v.amount)}, currency: {v.currency}{_qualifier(v.qualifier)}}}"
    if isinstance(v, Quantity):
        unit = f", unit: {json.dumps(v.unit)}" if v.unit else ""
        return f"{{type: quantity, amount: {format_decimal(v.amount)}{unit}{_qualifier(v.qualifier)}}}"
    if isinstance(v, Name):
        if v.role is not None:
            return f"{{type: person, entity: {v.entity}, role: {json.dumps(v.role, ensure_ascii=False)}}}"
        kind = "person" if v.entity in person_ids else "entity"
        return f"{{type: {kind}, entity: {v.entity}}}"
    return None


def _qualifier(q: str | None) -> str:
    # The text's "nearly" and "odd" have no claim qualifier of their own: "about" admits both.
    mapped = {"nearly": "about", "odd": "about"}.get(q or "", q)
    return f", qualifier: {mapped}" if mapped else ""


def draft_claims(
    text: str, source_id: str, mentions: Iterable[Mention], person_ids: Iterable[str] = (),
) -> str:
    """YAML `claims:` stubs, one per mention, in text order."""
    persons = set(person_ids)
    lines = ["claims:"]
    used: set[str] = set()
    for m in mentions:
        value = value_yaml(m, persons)
        if value is None:
            continue
        slug = re.sub(r"[^a-z0-9]+", "-", m.text.casefold()).strip("-")[:40] or "mention"
        claim_id = f"{m.kind}-{slug}"
        n = 2
        while claim_id in used:
            claim_id, n = f"{m.kind}-{slug}-{n}", n + 1
        used.add(claim_id)
        quote = sentence_around(text, m.start, m.end)
        lines += [
            f"  - id: {claim_id}  # {m.kind} {m.text!r} at {m.start}-{m.end}",
            "    statement: TODO",
            f"    value: {value}",
            "    citations:",
            f"      - source: {source_id}",
            f"        quote: {json.dumps(quote, ensure_ascii=False)}",
        ]
    return "\n".join(lines) + "\n"
