"""Reports built by hand from ``factbase.results`` types, for the publish and Datasette tests.

They do not depend on the anchoring and extraction stages: each quote is found with
``str.find`` and each mention is written out here, so these tests check publishing alone.
The end-to-end tests (``tests/test_publish.py::test_pipeline_*``) use the real ``check``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import factbase
from factbase.loader import FactSet
from factbase.mentions import Mention
from factbase.problems import problem
from factbase.results import CitationResult, ClaimResult, Evidence, Report, SourceResult
from factbase.values import Money, Name, When

FACTS = """\
factbase: 1
title: Hand-made test database
description: Three claims on the seed article.
license: CC-BY-4.0
sources:
  - id: seed
    path: sources/east-asia-alliances.txt
    title: "East Asia’s Alliances Are Falling Apart"
    publisher: Foreign Policy
    authors: [Elliot Silverberg, Andrew Injoo Park]
    published: 2020-01
entities:
  - id: shinzo-abe
    name: Shinzo Abe
    kind: person
    aliases: [Abe, Shinzo Abe]
    roles:
      - title: Prime Minister of Japan
        aliases: [Japanese Prime Minister]
  - id: comfort-women-agreement
    name: 2015 comfort women agreement
    kind: agreement
claims:
  - id: fund
    statement: The 2015 agreement set up a $9 million joint fund.
    subject: comfort-women-agreement
    predicate: fund-amount
    value: {type: money, amount: 9000000, currency: USD}
    tags: [agreements, money]
    citations:
      - source: seed
        quote: a $9 million joint fund for the surviving comfort women
  - id: summit
    statement: Moon and Abe met at a summit in Chengdu on Dec. 24, 2019.
    value: {type: date, date: 2019-12-24}
    tags: [summits]
    citations:
      - source: seed
        quote: the Dec. 24, 2019, Moon-Abe summit in Chengdu
  - id: abe-pm
    statement: Shinzo Abe is Prime Minister of Japan.
    subject: shinzo-abe
    value: {type: person, entity: shinzo-abe, role: Prime Minister of Japan}
    note: Named with his title.
    citations:
      - source: seed
        quote: Japanese Prime Minister Shinzo Abe
  - id: wrong-fund
    statement: The joint fund held $8 million.
    subject: comfort-women-agreement
    value: {type: money, amount: 8000000, currency: USD}
    tags: [money]
    citations:
      - source: seed
        quote: a $9 million joint fund for the surviving comfort women
"""

HOSTILE = (
    'Intro. <script>alert("x")</script> and "><img src=x onerror=alert(1)> then '
    "\u202eevil\u202c text. The fund held $9 million in 2015. Tail & <b>bold</b>.\n"
)

HOSTILE_FACTS = """\
factbase: 1
title: <script>alert("title")</script>
sources:
  - id: hostile
    path: sources/hostile.txt
    title: <img src=x onerror=alert(2)>
entities: []
claims:
  - id: hostile-fund
    statement: <script>alert("statement")</script> The fund held $9 million.
    value: {type: money, amount: 9000000, currency: USD}
    tags: ["<i>tag</i>"]
    citations:
      - source: hostile
        quote: <script>alert("x")</script> and "><img src=x onerror=alert(1)>
"""


def write_project(folder: Path, facts: str = FACTS, files: dict[str, str] | None = None) -> Path:
    seed = Path(__file__).resolve().parent.parent / "sources" / "east-asia-alliances.txt"
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "east-asia-alliances.txt").write_bytes(seed.read_bytes())
    for rel, text in (files or {}).items():
        (folder / rel).write_text(text, encoding="utf-8")
    path = folder / "facts.yaml"
    path.write_text(facts, encoding="utf-8")
    return path


def _mention_at(text: str, needle: str, kind: str, value: object, after: int = 0) -> Mention:
    start = text.index(needle, after)
    return Mention(kind, start, start + len(needle), needle, value)  # type: ignore[arg-type]


def _mentions(text: str) -> list[Mention]:
    """The mentions this module knows how to find in the seed and hostile texts."""
    found: list[Mention] = []
    if "$9 million" in text:
        found.append(_mention_at(text, "$9 million", "money", Money(Decimal(9000000), "USD")))
    if "Dec. 24, 2019" in text:
        day = dt.date(2019, 12, 24)
        found.append(_mention_at(text, "Dec. 24, 2019", "date", When("2019-12-24", "day", day, day)))
    if "Shinzo Abe" in text:
        found.append(_mention_at(text, "Shinzo Abe", "entity", Name("shinzo-abe", "Shinzo Abe")))
    if "in 2015" in text:
        start = text.index("in 2015") + 3
        found.append(Mention("date", start, start + 4, "2015",
                             When("2015", "year", dt.date(2015, 1, 1), dt.date(2015, 12, 31))))
    return sorted(found, key=lambda m: m.start)


def hand_report(facts_path: Path) -> Report:
    """A Report for ``facts_path``: a claim is verified when its quote is found and a mention
    of its value's kind inside the span has the claimed amount (or any, for other kinds)."""
    facts: FactSet = factbase.load(facts_path)
    sources: list[SourceResult] = []
    texts: dict[str, str] = {}
    for s in facts.sources:
        data = (facts.root / s.path).read_bytes()
        text = data.decode("utf-8")
        texts[s.id] = text
        sources.append(SourceResult(s.id, s.path, text, hashlib.sha256(data).hexdigest(), False,
                                    _mentions(text), source=s))
    claims: list[ClaimResult] = []
    problems = []
    for claim in facts.claims:
        assert not isinstance(claim.value, str)
        value = claim.value.model_dump(mode="json", by_alias=True, exclude_none=True)
        result = ClaimResult(
            claim.id, claim.statement, "verified", claim.value.type, value,
            display=str(value.get("amount") or value.get("date") or value.get("entity") or ""),
            subject=claim.subject, predicate=claim.predicate, tags=list(claim.tags),
            file=claim.where().file, line=claim.where().line, claim=claim,
        )
        for index, citation in enumerate(claim.citations):
            text = texts[citation.source]
            start = text.find(citation.quote)
            cit = CitationResult(index, claim.id, citation.source, citation.quote)
            # Coverage counts a named entity as covered when a claim citing it is about it.
            about = {claim.subject, value.get("entity")} - {None}
            source_of = next(s for s in sources if s.id == citation.source)
            source_of.about = source_of.about | frozenset(str(e) for e in about)
            if start < 0:
                cit.status = "unanchored"
            else:
                cit.start, cit.end, cit.anchor = start, start + len(citation.quote), "exact"
                source = next(s for s in sources if s.id == citation.source)
                inside = [(i, m) for i, m in enumerate(source.mentions)
                          if start <= m.start and m.end <= cit.end]
                for i, m in inside:
                    matches = (m.kind == claim.value.type and (
                        not isinstance(m.value, Money) or m.value.amount == Decimal(str(value["amount"]))
                    )) or (m.kind == "entity" and claim.value.type == "person")
                    cit.evidence.append(Evidence(m.kind, m.start, m.end, m.text,
                                                 m.value.to_dict(), matches, str(m.value)))
                    source.covered_by.setdefault(i, []).append(claim.id)
                cit.supports = any(e.matches for e in cit.evidence) or claim.value.type == "quote"
                cit.status = "verified" if cit.supports else "contradicted"
                if not cit.supports:
                    where = claim.where("value.amount")
                    p = problem("value-mismatch", where, claim_id=claim.id, citation_id=cit.id,
                                source_id=citation.source, start=cit.start, end=cit.end,
                                found="$9 million", expected=result.display)
                    cit.problems.append(p)
            result.citations.append(cit)
            result.problems.extend(cit.problems)
        result.status = max((c.status for c in result.citations),
                            key=lambda s: ["verified", "unsupported", "contradicted",
                                           "unanchored", "stale", "invalid"].index(s))
        problems.extend(result.problems)
        claims.append(result)
    return Report(facts=facts, claims=claims, sources=sources, problems=problems)


def real_report(facts_path: Path) -> Report:
    """``factbase.check`` on the project: the real pipeline (an import error fails the test)."""
    return factbase.check(factbase.load(facts_path))
