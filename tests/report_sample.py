"""A Report built by hand from the results types, for the renderer tests.

facts.yaml declares two sources (``seed`` is cited; ``other`` is not) and four claims:
``fund`` is contradicted ($8 million in the span, $9 million claimed), ``summit`` is verified,
``visit`` is unanchored, ``treaty`` is verified through a fuzzy match (a warning).
"""

from __future__ import annotations

from pathlib import Path

from factbase.loader import FactSet
from factbase.model import Source
from factbase.problems import Problem
from factbase.results import CitationResult, ClaimResult, Evidence, Report, SourceResult

SEED_TEXT = "Line one.\nThe fund held $8 million in 2015.\nA treaty was signd in 1965.\n"
FUND_START = SEED_TEXT.index("$8 million")  # 24
FUND_END = FUND_START + len("$8 million")  # 34
TREATY_START = SEED_TEXT.index("A treaty")  # 44
TREATY_END = SEED_TEXT.index(" in 1965")  # 62


def value_mismatch() -> Problem:
    return Problem("value-mismatch", "error", "the span says $8 million, the claim says $9 million",
                   file="facts.yaml", line=14, column=11, claim_id="fund", citation_id="fund#0",
                   source_id="seed", start=FUND_START, end=FUND_END)


def quote_not_found() -> Problem:
    return Problem("quote-not-found", "error", "quote not found in source 'seed'",
                   file="facts.yaml", line=26, column=16, claim_id="visit",
                   citation_id="visit#0", source_id="seed")


def quote_fuzzy() -> Problem:
    return Problem("quote-fuzzy", "warning", "quote matched fuzzily at 44-62 (score 94.1)",
                   file="facts.yaml", line=32, column=16, claim_id="treaty",
                   citation_id="treaty#0", source_id="seed", start=TREATY_START, end=TREATY_END)


def unused_source() -> Problem:
    return Problem("unused-source", "warning", "source 'other' is cited by no claim",
                   file="facts.yaml", line=6, column=5, source_id="other",
                   details={"source": "other"})


def _claim(cid: str, status: str, line: int, problems: list[Problem],
           citation: CitationResult) -> ClaimResult:
    return ClaimResult(id=cid, statement=f"Statement of {cid}.", status=status,  # type: ignore[arg-type]
                       value_type="quote", value={"type": "quote"}, display="", subject=None,
                       predicate=None, tags=[], file="facts.yaml", line=line,
                       citations=[citation], problems=problems)


def sample_report(root: Path) -> Report:
    """Write the project under ``root`` and return its hand-built Report."""
    (root / "sources").mkdir(exist_ok=True)
    (root / "sources" / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (root / "sources" / "other.txt").write_text("Nothing here.\n", encoding="utf-8")
    (root / "facts.yaml").write_text("factbase: 1\n", encoding="utf-8")
    facts = FactSet(path=root / "facts.yaml", root=root, files=[root / "facts.yaml"],
                    sources=[Source(id="seed", path="sources/seed.txt"),
                             Source(id="other", path="sources/other.txt")])
    mismatch, missing, fuzzy, unused = value_mismatch(), quote_not_found(), quote_fuzzy(), unused_source()
    fund = _claim("fund", "contradicted", 10, [mismatch], CitationResult(
        0, "fund", "seed", "held $8 million", FUND_START - 5, FUND_END, "exact", None, False,
        "contradicted", [Evidence("money", FUND_START, FUND_END, "$8 million",
                                  {"amount": "8000000", "currency": "USD"}, False)], [mismatch]))
    summit = _claim("summit", "verified", 17, [], CitationResult(
        0, "summit", "seed", "in 2015", 35, 42, "exact", None, True, "verified"))
    visit = _claim("visit", "unanchored", 23, [missing], CitationResult(
        0, "visit", "seed", "a visit to Seoul", problems=[missing], status="unanchored"))
    treaty = _claim("treaty", "verified", 29, [fuzzy], CitationResult(
        0, "treaty", "seed", "A treaty was signed", TREATY_START, TREATY_END, "fuzzy", 94.1,
        True, "verified", problems=[fuzzy]))
    return Report(
        facts=facts,
        claims=[fund, summit, visit, treaty],
        sources=[SourceResult("seed", "sources/seed.txt", SEED_TEXT, None, False),
                 SourceResult("other", "sources/other.txt", "Nothing here.\n", None, False)],
        problems=[unused, mismatch, missing, fuzzy],
    )
