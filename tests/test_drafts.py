"""Claim stubs drafted from mentions load, anchor and verify as they are."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED

import factbase
from factbase.drafts import draft_claims, pinpoint, sentence_around, value_yaml
from factbase.mentions import Mention, find_mentions
from factbase.values import Clause, Money, Quantity

HEAD = """\
factbase: 1
sources:
  - id: seed
    path: sources/east-asia-alliances.txt
    published: 2020-01
"""


def test_sentence_around() -> None:
    text = "First one. The $9 million fund. Last"
    assert sentence_around(text, 15, 25) == "The $9 million fund."
    assert sentence_around(text, 33, 36) == "Last"


def test_every_drafted_stub_verifies(make_project: Callable[..., Path]) -> None:
    text = SEED.read_text(encoding="utf-8")
    mentions = find_mentions(text, reference="2020-01", kinds=("date", "money", "quantity"))
    stubs = draft_claims(text, "seed", mentions)
    report = factbase.check(factbase.load(make_project(HEAD + stubs, dedent=False)))
    assert len(report.claims) == len(mentions) > 30
    assert {c.status for c in report.claims} == {"verified"}
    assert {p.code for p in report.problems} <= {"quote-ambiguous"}


def test_as_claims_cli_drafts_only_uncovered(seed_project: Path) -> None:
    from click.testing import CliRunner

    from factbase.cli import cli

    result = CliRunner().invoke(cli, ["mentions", "seed", "--facts", str(seed_project), "--as-claims", "--kind", "money"])
    assert result.exit_code == 0, result.output
    # "$9 million" is covered by the fund claim; "$800 million" is not.
    assert "amount: 800000000" in result.stdout and "amount: 9000000," not in result.stdout
    result = CliRunner().invoke(cli, ["mentions", str(SEED), "--as-claims", "--kind", "money"])
    assert result.stdout.count("- id: money-") == 2
    assert "source: east-asia-alliances" in result.stdout


def _bbc_corpus() -> Path | None:
    import os

    env = os.environ.get("FACTBASE_BBC_CORPUS")
    candidates = [Path(env)] if env else []
    repo = Path(__file__).resolve().parent.parent
    candidates += [repo.parent / "shared" / "corpus" / "bbc", Path("/work/shared/corpus/bbc")]
    return next((path for path in candidates if path.is_dir()), None)


STEP = 10  # every tenth article; 1 checks all 300 (FACTBASE_DRAFT_STEP)


def test_drafted_officials_verify_on_real_articles(tmp_path: Path) -> None:
    """Named officials drafted from BBC articles (every tenth) load and verify as drafted:
    the entity stub declares the role as written, and the claim cites the sentence."""
    import os

    import pytest

    corpus = _bbc_corpus()
    if corpus is None:
        pytest.skip("BBC corpus not found (FACTBASE_BBC_CORPUS, ../shared/corpus/bbc)")
    articles = sorted(corpus.glob("*.txt"))[::int(os.environ.get("FACTBASE_DRAFT_STEP", STEP))]
    drafted = 0
    failing: dict[str, str] = {}
    for path in articles:
        text = path.read_text(encoding="utf-8")
        mentions = find_mentions(text, kinds=["person"])
        if not mentions:
            continue
        project = tmp_path / path.stem
        (project / "sources").mkdir(parents=True)
        (project / "sources" / path.name).write_text(text, encoding="utf-8")
        facts = (f"factbase: 1\nsources:\n  - {{id: {path.stem}, path: sources/{path.name}}}\n"
                 + draft_claims(text, path.stem, mentions))
        (project / "facts.yaml").write_text(facts, encoding="utf-8")
        report = factbase.check(factbase.load(project / "facts.yaml"))
        drafted += len(report.claims)
        failing.update({f"{path.stem}:{c.id}": c.status for c in report.claims
                        if c.status != "verified"})
        assert {p.code for p in report.problems} <= {"quote-ambiguous"}, path.name
    assert drafted > 20
    assert failing == {}
@pytest.mark.parametrize(("value", "yaml_text"), [
    (Money(Decimal(40), "USD", upper=Decimal(50)), "{type: money, min: 40, max: 50, currency: USD}"),
    (Quantity(Decimal(6), "percent", upper=Decimal(7)), '{type: quantity, min: 6, max: 7, unit: "percent"}'),
    (Quantity(Decimal(300), "person", "nearly"), '{type: quantity, amount: 300, unit: "person", qualifier: nearly}'),
    (Quantity(Decimal(50), None, "odd"), "{type: quantity, amount: 50, qualifier: odd}"),
    (Quantity(Decimal(1) / Decimal(3)), "{type: quantity, amount: 0.3333333333333333333333333333}"),
    (Quantity(Decimal(8), "percent", clause=Clause("change", "up")),
     '{type: change, of: quantity, direction: up, by: {amount: 8, unit: "percent"}}'),
    (Money(Decimal(300000000), "EUR", "about", clause=Clause("change", "down")),
     "{type: change, of: money, direction: down, by: {amount: 300000000, currency: EUR, qualifier: about}}"),
    (Money(Decimal(2100000000), "EUR", clause=Clause("level", "up", "to")),
     "{type: money, amount: 2100000000, currency: EUR}"),
])
def test_value_yaml_forms(value: Money | Quantity, yaml_text: str) -> None:
    mention = Mention("money" if isinstance(value, Money) else "quantity", 0, 1, "x", value)
    assert value_yaml(mention, set()) == yaml_text


@pytest.mark.parametrize(("sentence", "piece", "pinned"), [
    ("Reliance added 1.7%, while Reliance Energy jumped 7%.", "7%", "jumped 7%"),
    ("It ordered 30 jets at $120m each, with the option to buy 20 more.", "20", "buy 20"),
    ("Profits rose 43% to 2.4bn euros.", "43%", "43%"),
])
def test_stubs_pinpoint_their_mention(sentence: str, piece: str, pinned: str) -> None:
    start = sentence.rindex(piece) if piece != "43%" else sentence.index(piece)
    assert pinpoint(sentence, 0, len(sentence), start, start + len(piece)) == pinned
def test_a_period_with_a_qualified_end_drafts_no_claim() -> None:
    # "from approximately 1990 to June 2004": no claim value says "approximately 1990".
    text = "He worked there from approximately 1990 to June 2004, then from 2004 to 2010."
    mentions = find_mentions(text, kinds=("date",))
    assert [m.text for m in mentions] == ["from approximately 1990 to June 2004",
                                          "from 2004 to 2010"]
    stubs = draft_claims(text, "s", mentions)
    assert stubs.count("  - id: ") == 1
    assert "value: {type: date, from: '2004', to: '2010'}" in stubs



def test_a_dated_stub_pinpoints_its_date_among_others(make_project: Callable[..., Path]) -> None:
    # Two dates in one sentence are two candidates: each stub says which one it means.
    text = "In 2003, the firm launched a plan to triple sales by 2007.\n"
    stubs = draft_claims(text, "s", find_mentions(text, kinds=("date",)))
    assert [line.strip() for line in stubs.splitlines() if "mention:" in line] == [
        'mention: "2003"', 'mention: "2007"']
    head = "factbase: 1\nsources:\n  - id: s\n    path: s.txt\n    published: 2005-03\n"
    report = factbase.check(factbase.load(make_project(head + stubs, files={"s.txt": text},
                                                       dedent=False)))
    assert [(c.status, c.problems, [p.code for p in c.citations[0].problems])
            for c in report.claims] == [("verified", [], [])] * 2
