"""Draft claim stubs (YAML) for mentions that no claim covers yet.

Each stub carries the mention's typed value and cites the sentence around it; an editor
writes the statement, checks the value, and trims the quote.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from .mentions import Mention
from .values import Money, Name, Person, Quantity, When, format_decimal

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
        quote = sentence_around(text, quote_start, quote_end)
        lines += [
            f"  - id: {claim_id}  # {m.kind} {m.text!r} at {m.start}-{m.end}",
            "    statement: TODO",
            f"    value: {value}",
            "    citations:",
            f"      - source: {source_id}",
            f"        quote: {json.dumps(quote, ensure_ascii=False)}",
        ]
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
