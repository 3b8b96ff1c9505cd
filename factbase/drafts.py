"""Draft claims (YAML) for the mentions of a source that no claim covers yet.

Each draft carries the mention's typed value, cites the clause that carries it (a quote that
anchors exactly once, with a ``prefix`` when the words recur), suggests as ``subject`` the
nearest declared entity that the checks would accept, and has the statement ``TODO``: the
``draft-claim`` warning stays until a person writes it. docs/drafting.md states the rules.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .anchor import Anchor, Anchorer, QuoteQuery
from .draft_spans import (
    Mentions,
    clause_span,
    sentence_span,
    subject_holds,
    suggest_subject,
    unique_prefix,
)
from .factset import FactSet
from .mentions import Mention
from .model import Entity
from .values import Money, Name, Number, Person, Quantity, When, format_decimal
from .verify.across import DRAFT_STATEMENT
from .yamldoc import parse

# What `mentions --as-claims` drafts unless `--kind` says otherwise: the values an article
# states. A declared entity's every name, and each named official, are drafted on request.
DRAFT_KINDS = ("date", "money", "quantity")


@dataclass
class DraftClaim:
    """One drafted claim: the mention it is about, its typed value (flow-style YAML), and its
    citation of ``quote`` (with a ``prefix`` when the quote recurs, ``pinpoint`` words when
    the quote holds other candidates for the value)."""

    id: str
    mention: Mention
    value: str
    source_id: str
    quote: str
    subject: str | None = None
    prefix: str | None = None
    pinpoint: str | None = None
    comment: str | None = None

    def lines(self) -> list[str]:
        """The draft as the lines of a YAML list item, for a top-level `claims:`."""
        m = self.mention
        out = [f"  - id: {self.id}  # {m.kind} {m.text!r} at {m.start}-{m.end}"]
        if self.comment is not None:
            out.append(f"    # {self.comment}")
        out.append(f"    statement: {DRAFT_STATEMENT}")
        if self.subject is not None:
            out.append(f"    subject: {self.subject}")
        out += [f"    value: {self.value}",
                "    citations:",
                f"      - source: {self.source_id}",
                f"        quote: {_string(self.quote)}"]
        if self.prefix is not None:
            out.append(f"        prefix: {_string(self.prefix)}")
        if self.pinpoint is not None:
            out.append(f"        mention: {_string(self.pinpoint)}")
        return out

    def data(self) -> dict[str, Any]:
        """The draft as plain data, as the facts file will give it."""
        citation = {"source": self.source_id, "quote": self.quote, "prefix": self.prefix,
                    "mention": self.pinpoint}
        return {"id": self.id, "statement": DRAFT_STATEMENT, "subject": self.subject,
                "value": _flow(self.value),
                "citations": [{k: v for k, v in citation.items() if v is not None}]}


@dataclass
class Drafts:
    """The drafts of one source: entity stubs (YAML list items for a top-level `entities:`)
    and claims."""

    source_id: str
    entities: list[str] = field(default_factory=list)
    claims: list[DraftClaim] = field(default_factory=list)
    # Comments on the mentions left undrafted, and why.
    skipped: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.claims)

    @property
    def header(self) -> str:
        return (f"# {self.count} draft{'s' if self.count != 1 else ''} from {self.source_id}: "
                "write each statement in place of TODO, check the value and subject, delete the "
                "drafts you do not keep")

    def claim_lines(self) -> list[str]:
        return [line for claim in self.claims for line in claim.lines()]

    def yaml(self) -> str:
        """A YAML document of its own: the drafts under `entities:` and `claims:`."""
        skipped = [f"# {s}" for s in self.skipped]
        if not self.count:
            nothing = (f"# nothing to draft from {self.source_id}: claims or drafts cover "
                       "every mention")
            return "\n".join([nothing, *skipped, "claims: []"]) + "\n"
        lines = [self.header, *skipped]
        if self.entities:
            lines += ["entities:", *self.entities]
        lines += ["claims:", *self.claim_lines()]
        return "\n".join(lines) + "\n"


def draft_claims(text: str, source_id: str, mentions: Iterable[Mention], *,
                 context: Sequence[Mention] | None = None, entities: Sequence[Entity] = (),
                 taken: Iterable[str] = (), reference: str | None = None,
                 currency: str | None = None) -> str:
    """The drafts of ``mentions`` as one YAML document (see :func:`draft`)."""
    return draft(text, source_id, mentions, context=context, entities=entities, taken=taken,
                 reference=reference, currency=currency).yaml()


def draft(text: str, source_id: str, mentions: Iterable[Mention], *,
          context: Sequence[Mention] | None = None, entities: Sequence[Entity] = (),
          taken: Iterable[str] = (), reference: str | None = None,
          currency: str | None = None) -> Drafts:
    """Draft a claim for each of ``mentions`` (of ``text``, the source ``source_id``), in text
    order; named officials (``person`` mentions) also get an entity stub each.

    ``context``: every mention of the text (default ``mentions``), where clauses may not be
    cut and the candidates for a subject. ``entities``: the declared entities. ``taken``: ids
    already used (claim ids go on numbering past them). ``reference`` and ``currency``: the
    source's published date and currency, if any.

    The drafts are then checked as drafted, by the verifier itself on ``text``: a draft whose
    citation would warn ``ambiguous-evidence`` is given the words that pinpoint its mention,
    and one whose subject would draw a subject warning loses the subject.
    """
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    around = Mentions(context if context is not None else mentions)
    by_id = {e.id: e for e in reversed(entities)}
    persons = {e.id for e in entities if e.kind == "person"}
    used = set(taken)
    stubs, official_ids = official_stubs(mentions, {e.id for e in entities} | used)
    out = Drafts(source_id, stubs[1:])
    anchorer = Anchorer(text)
    spans: list[tuple[int, int]] = []
    for m in mentions:
        comment: str | None = None
        if isinstance(m.value, Person):
            value: str | None = official_value_yaml(m.value, official_ids[m.value.name])
        elif isinstance(m.value, When) and not m.value.resolved:
            value, comment = "{type: quote}", unresolved_comment(m, reference)
        else:
            value = value_yaml(m, persons)
        if value is None:
            continue
        start, end = clause_span(text, m, around)
        subject, start, end = suggest_subject(text, m, around, by_id, start, end)
        spans.append((start, end))
        out.claims.append(DraftClaim(_claim_id(source_id, m, used), m, value, source_id,
                                     text[start:end], subject, comment=comment))
    # Every quote's occurrences in one pass over the text; the few that recur are told apart.
    found = anchorer.anchor_many([QuoteQuery(d.quote) for d in out.claims])
    for d, (start, end), anchored in zip(out.claims, spans, found, strict=True):
        if isinstance(anchored, Anchor) and not anchored.ambiguous:
            continue
        d.prefix = unique_prefix(anchorer, start, end)
        if d.prefix is None:
            start, end = sentence_span(text, start, end)
            d.quote, d.prefix = text[start:end], unique_prefix(anchorer, start, end)
            if d.subject is not None and not subject_holds(text, d.mention, around, by_id,
                                                           d.subject, start, end):
                d.subject = None
    if out.claims:
        _settle(out, text, entities, reference, currency, anchorer)
    return out


def _settle(drafts: Drafts, text: str, entities: Sequence[Entity], reference: str | None,
            currency: str | None, anchorer: Anchorer) -> None:
    """Check the drafts as drafted, and mend what the checks would warn about: pinpoint the
    mention of a draft whose span holds other candidates; drop a subject the span does not
    show the value is about."""
    from .verify.run import check

    stubs = _flow("\n".join(["entities:", *drafts.entities]))["entities"] if drafts.entities else []
    facts = FactSet(sources=[{"id": drafts.source_id, "text": text, "published": reference,
                              "currency": currency}],
                    entities=[*entities, *stubs], claims=[d.data() for d in drafts.claims])
    report = check(facts, workers=1)
    kept: list[DraftClaim] = []
    for d, claim in zip(drafts.claims, report.claims, strict=True):
        if claim.status != "verified":
            # The extractors read the mention one way and the verifier the span another (a
            # title given to the wrong person): no draft, and a comment that says why.
            m, why = d.mention, "; ".join(p.message for c in claim.citations for p in c.problems)
            drafts.skipped.append(f"not drafted: {m.kind} {m.text!r} at {m.start}-{m.end}, whose "
                                  f"draft would be {claim.status} ({why})")
            continue
        kept.append(d)
        codes = {p.code for c in claim.citations for p in c.problems}
        if "ambiguous-evidence" in codes and d.pinpoint is None:
            found = anchorer.anchor(d.quote, prefix=d.prefix)
            d.pinpoint = pinpoint(text, found.start, found.end, d.mention.start, d.mention.end)
        if codes & {"subject-not-in-span", "value-not-near-subject"}:
            d.subject = None
    if len(kept) < len(drafts.claims):
        # An entity stub whose person claim is not drafted is not drafted either.
        named = {d.data()["value"].get("entity") for d in kept}
        drafts.entities = _stubs_of(drafts.entities, named)
    drafts.claims = kept


def _stubs_of(lines: list[str], ids: set[str]) -> list[str]:
    """The entity stubs among ``lines`` (YAML list items) whose id is one of ``ids``."""
    out: list[str] = []
    keep = False
    for line in lines:
        if line.startswith("  - id: "):
            keep = line.split()[2] in ids
        if keep:
            out.append(line)
    return out


def _flow(value: str) -> Any:
    """Plain data from YAML text, read as the loader reads a facts file."""
    data, _, problems = parse(value, "<draft>")
    assert not problems, problems
    return data


def draft_source(text: str, source_id: str, found: Sequence[Mention], *,
                 kinds: Collection[str] = DRAFT_KINDS, facts: FactSet | None = None,
                 reference: str | None = None, currency: str | None = None,
                 taken: Iterable[str] = ()) -> Drafts:
    """The drafts of a source's mentions of ``kinds`` (``found``: all its mentions). With
    ``facts`` that declare ``source_id``, only the mentions no claim covers yet are drafted;
    the ids of ``facts``' claims, and ``taken``, are not given again."""
    wanted = [m for m in found if m.kind in kinds]
    entities: Sequence[Entity] = ()
    used = set(taken)
    if facts is not None:
        entities = facts.entities
        used |= {r.id for r in facts.records}
        if facts.source(source_id) is not None:
            from .coverage import uncovered_in
            from .verify.run import check

            wanted = uncovered_in(check(facts), source_id, kinds)
    return draft(text, source_id, wanted, context=found, entities=entities, taken=used,
                 reference=reference, currency=currency)


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _claim_id(source_id: str, m: Mention, used: set[str]) -> str:
    """``SOURCE-KIND-SLUG``, numbered on (``-2``, ``-3``...) past every id in ``used``."""
    slug = re.sub(r"[^a-z0-9]+", "-", m.text.casefold()).strip("-")[:40].strip("-") or "mention"
    base = f"{source_id}-{m.kind}-{slug}"
    claim_id, n = base, 2
    while claim_id in used:
        claim_id, n = f"{base}-{n}", n + 1
    used.add(claim_id)
    return claim_id


def unresolved_comment(m: Mention, reference: str | None) -> str:
    """What a relative date with no reference needs, for the comment of its draft."""
    assert isinstance(m.value, When)
    needs = m.value.needs
    if reference is None or needs is None:
        need = "the source's published date"
    else:
        need = f"the source's published date to the {needs} (it has {reference})"
    return f"{json.dumps(m.text, ensure_ascii=False)} needs {need}; until then the value is the quote"


# ---------------------------------------------------------------------------- values


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
