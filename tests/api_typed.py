"""A small program that uses every public name of factbase, typed: `mypy --strict` must accept it
(tests/test_api_typed.py runs mypy on it, and runs it), so the public API stays usable from
typed code. Not a test module itself (no ``test_`` prefix)."""

from __future__ import annotations

import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import factbase
from factbase import (
    ChangePart,
    ChangeValue,
    Citation,
    CitationResult,
    Claim,
    ClaimResult,
    DateValue,
    Entity,
    EntityValue,
    Evidence,
    FactsError,
    FactSet,
    MoneyValue,
    PersonValue,
    Problem,
    QuantityValue,
    QuoteValue,
    Report,
    Role,
    Source,
)

TEXT = "Shinzo Abe, the Japanese Prime Minister, said Japan paid $9 million on Dec. 24, 2019, to 284 companies."


def facts() -> FactSet:
    abe = Entity(id="abe", name="Shinzo Abe", kind="person",
                 roles=[Role(title="Prime Minister of Japan", aliases=["Japanese Prime Minister"])])
    japan = Entity(id="japan", name="Japan", kind="place")
    values: list[tuple[str, DateValue | MoneyValue | QuantityValue | ChangeValue | PersonValue
                       | EntityValue | QuoteValue, str]] = [
        ("paid", MoneyValue(type="money", amount=Decimal(9_000_000), currency="USD"), "$9 million"),
        ("day", DateValue(type="date", date="2019-12-24"), "Dec. 24, 2019"),
        ("firms", QuantityValue(type="quantity", amount=Decimal(284), unit="companies"), "284 companies"),
        ("pm", PersonValue(type="person", entity="abe", role="Prime Minister of Japan"),
         "Shinzo Abe, the Japanese Prime Minister"),
        ("where", EntityValue(type="entity", entity="japan"), "said Japan paid"),
        ("said", QuoteValue(type="quote"), "said Japan paid"),
    ]
    claims = [Claim(id=cid, statement=f"Claim {cid}.", value=value,
                    citations=[Citation(source="memo", quote=quote)])
              for cid, value, quote in values]
    return FactSet(sources=[Source(id="memo", text=TEXT, published="2020-01")],
                   entities=[abe, japan], claims=claims)


def change() -> ChangeValue:
    """A change value (the memo states no movement, so it is not among the claims above)."""
    return ChangeValue(type="change", of="money", direction="up",
                       by=ChangePart(amount=Decimal(9_000_000), currency="USD"))


def summary(result: ClaimResult) -> str:
    citation: CitationResult = result.citations[0]
    evidence: list[Evidence] = citation.evidence
    problems: list[Problem] = [*result.problems, *citation.problems]
    return f"{result.id} {result.status} {[e.text for e in evidence]} {[p.code for p in problems]}"


def main() -> int:
    report: Report = factbase.check(facts())
    lines = [summary(claim) for claim in report.claims]
    one: ClaimResult = factbase.verify("$9 million", TEXT, quote="paid $9 million")
    lines.append(summary(one))
    try:
        factbase.loads("factbase: 1\nclaims: [{id: x}]\n")
    except FactsError as error:
        lines.append(" ".join(p.at for p in error.problems))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.yaml"
        path.write_text("factbase: 1\nsources: [{id: memo, text: 'It cost $5.'}]\n", encoding="utf-8")
        loaded: FactSet = factbase.load(path)
        factbase.publish(report, Path(folder) / "a.db", metadata=False)
        factbase.build(loaded, Path(folder) / "b.db", metadata=False)
        with factbase.open_db(Path(folder) / "a.db") as db:
            lines.append(" ".join(f"{c.id}:{c.status}" for c in db.claims(status="verified")))
    lines.append(change().type)
    lines.append(factbase.__version__)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
