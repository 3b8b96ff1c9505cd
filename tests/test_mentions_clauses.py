"""What an amount is in its clause: levels, changes, directions and links, with exact offsets.

``CLAUSE_CASES`` also feeds docs/mentions.md: (text, [(start, end, mention text, role,
direction, side, change, to, from, pair, subject)]) for every money and quantity mention of
the text; a plain amount has role None (no clause). Links are start offsets of other mentions.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import NO_BBC, bbc_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from factbase._run import codec
from factbase.mentions import find_mentions
from factbase.mentions.clauses import annotate_clauses
from factbase.values import Clause, Money, Quantity

Row = tuple[Any, ...]
REPO = Path(__file__).resolve().parent.parent

CLAUSE_CASES: list[tuple[str, list[Row]]] = [
    ('Sales rose 8% to 4.7 million units.', [
        (11, 13, '8%', 'change', 'up', None, None, 17, None, None, 'Sales'),
        (17, 28, '4.7 million', 'level', 'up', 'to', 11, None, None, None, 'Sales'),
    ]),
    ('Profit rose by €300m to €2.1bn.', [
        (15, 20, '€300m', 'change', 'up', None, None, 24, None, None, 'Profit'),
        (24, 30, '€2.1bn', 'level', 'up', 'to', 15, None, None, None, 'Profit'),
    ]),
    ('The deficit was cut by 400m euros to 2.5bn euros.', [
        (23, 33, '400m euros', 'change', 'down', None, None, 37, None, None, 'deficit'),
        (37, 48, '2.5bn euros', 'level', 'down', 'to', 23, None, None, None, 'deficit'),
    ]),
    ('Inflation was 2.1%, up from 3% a year earlier.', [
        (14, 18, '2.1%', 'level', 'up', 'to', None, None, None, 28, None),
        (28, 30, '3%', 'level', 'up', 'from', None, None, None, 14, None),
    ]),
    ('Shares fell 46% on Monday.', [
        (12, 15, '46%', 'change', 'down', None, None, None, None, None, 'Shares'),
    ]),
    ('The bank cut its rate to 4.5% from 4.75%.', [
        (25, 29, '4.5%', 'level', 'down', 'to', None, None, None, 35, 'bank'),
        (35, 40, '4.75%', 'level', 'down', 'from', None, None, None, 25, 'bank'),
    ]),
    ('Exports rose 6% while imports added 3%.', [
        (13, 15, '6%', 'change', 'up', None, None, None, None, None, 'Exports'),
        (36, 38, '3%', 'change', 'up', None, None, None, None, None, 'imports'),
    ]),
    ('Shares rose $1.64 to $47.10.', [
        (12, 17, '$1.64', 'change', 'up', None, None, 21, None, None, 'Shares'),
        (21, 27, '$47.10', 'level', 'up', 'to', 12, None, None, None, 'Shares'),
    ]),
    ('Asylum claims were up 23,600 to 27,700.', [
        (22, 28, '23,600', 'change', 'up', None, None, 32, None, None, None),
        (32, 38, '27,700', 'level', 'up', 'to', 22, None, None, None, None),
    ]),
    ('The unemployment rate went up to 5.5% from 5.4% in September.', [
        (33, 37, '5.5%', 'level', 'up', 'to', None, None, None, 43, None),
        (43, 47, '5.4%', 'level', 'up', 'from', None, None, None, 33, None),
    ]),
    ('The Dow closed down 0.89 points, or 0.01%, at 10,385.48.', [
        (20, 24, '0.89', 'change', 'down', None, None, 46, None, None, None),
        (36, 41, '0.01%', 'change', 'down', None, None, 46, None, None, None),
        (46, 55, '10,385.48', 'level', 'down', 'to', 20, None, None, None, None),
    ]),
    ('Renault enjoyed a 43% rise in net profits to 2.4bn euros ($3.1bn; £2.9bn) as sales rose 8% to 40.7bn euros.', [
        (18, 21, '43%', 'change', 'up', None, None, 45, None, None, None),
        (45, 56, '2.4bn euros', 'level', 'up', 'to', 18, None, None, None, None),
        (58, 64, '$3.1bn', 'level', 'up', 'to', 18, None, None, None, None),
        (66, 72, '£2.9bn', 'level', 'up', 'to', 18, None, None, None, None),
        (88, 90, '8%', 'change', 'up', None, None, 94, None, None, 'sales'),
        (94, 106, '40.7bn euros', 'level', 'up', 'to', 88, None, None, None, 'sales'),
    ]),
    ('People will spend £4bn online, an increase of 64% on 2003.', [
        (18, 22, '£4bn', 'level', 'up', 'to', 46, None, None, None, None),
        (46, 49, '64%', 'change', 'up', None, None, 18, None, None, None),
    ]),
    ('Just over 54 million people have broadband, up from 34 million a year ago.', [
        (5, 20, 'over 54 million', 'level', 'up', 'to', None, None, None, 52, None),
        (52, 62, '34 million', 'level', 'up', 'from', None, None, None, 5, None),
    ]),
    ('The bank lifted interest rates 0.25% to 5.5%.', [
        (31, 36, '0.25%', 'change', 'up', None, None, 40, None, None, 'bank'),
        (40, 44, '5.5%', 'level', 'up', 'to', 31, None, None, None, 'bank'),
    ]),
    ('Spending will rise by 9.4% and 8.1% respectively.', [
        (22, 26, '9.4%', 'change', 'up', None, None, None, None, None, 'Spending'),
        (31, 35, '8.1%', 'change', 'up', None, None, None, None, None, 'Spending'),
    ]),
    ('Inflation dipped below 20% in December.', [
        (17, 26, 'below 20%', 'level', 'down', 'to', None, None, None, None, 'Inflation'),
    ]),
    ('Ford is cutting production by another 10,000 vehicles, or 1.2%.', [
        (38, 44, '10,000', 'change', 'down', None, None, None, None, None, 'Ford'),
        (58, 62, '1.2%', 'change', 'down', None, None, None, None, None, 'Ford'),
    ]),
    ('There had been falling cigarette sales of 13% in New York and 16% in Ireland.', [
        (42, 45, '13%', 'change', 'down', None, None, None, None, None, None),
        (62, 65, '16%', 'change', 'down', None, None, None, None, None, None),
    ]),
    ('Fiat shares rose 4.5% by 0900 GMT to 6.2 euros.', [
        (17, 21, '4.5%', 'change', 'up', None, None, 37, None, None, 'Fiat shares'),
        (37, 46, '6.2 euros', 'level', 'up', 'to', 17, None, None, None, 'Fiat shares'),
    ]),
    ('The economy would grow by an average of 3.2%.', [
        (40, 44, '3.2%', 'change', 'up', None, None, None, None, None, 'economy'),
    ]),
    ('Prices rose a seasonally adjusted 0.5% in February.', [
        (34, 38, '0.5%', 'change', 'up', None, None, None, None, None, 'Prices'),
    ]),
    ('Shares closed 12% down on Wednesday.', [
        (14, 17, '12%', 'change', 'down', None, None, None, None, None, None),
    ]),
    ('Profits will be between 10% to 15% lower than last year.', [
        (16, 34, 'between 10% to 15%', 'change', 'down', None, None, None, None, None, None),
    ]),
    ('Labour would spend £60bn more.', [
        (19, 24, '£60bn', 'change', 'up', None, None, None, None, None, None),
    ]),
    ('Loans fell to 79,000 from 82,000 in December.', [
        (14, 20, '79,000', 'level', 'down', 'to', None, None, None, 26, 'Loans'),
        (26, 32, '82,000', 'level', 'down', 'from', None, None, None, 14, 'Loans'),
    ]),
    ('The Commission has urged an increase to 1.26%.', [
        (40, 45, '1.26%', 'level', 'up', 'to', None, None, None, None, None),
    ]),
    ('Minutes of the meeting which pushed rates up to 2.25% showed that.', [
        (48, 53, '2.25%', 'level', 'up', 'to', None, None, None, None, None),
    ]),
    ('Brent crude gained $1.32 to $44.45.', [
        (19, 24, '$1.32', 'change', 'up', None, None, 28, None, None, 'Brent crude'),
        (28, 34, '$44.45', 'level', 'up', 'to', 19, None, None, None, 'Brent crude'),
    ]),
    ('Sales were down 3.1% at 1.06 million.', [
        (16, 20, '3.1%', 'change', 'down', None, None, 24, None, None, None),
        (24, 36, '1.06 million', 'level', 'down', 'to', 16, None, None, None, None),
    ]),
    ('The firm cut 3,000 jobs and lost $5m.', [
        (13, 18, '3,000', None, None, None, None, None, None, None, None),
        (33, 36, '$5m', None, None, None, None, None, None, None, None),
    ]),
    ('Abe cut $9 million from 284 Japanese companies.', [
        (8, 18, '$9 million', None, None, None, None, None, None, None, None),
        (24, 27, '284', None, None, None, None, None, None, None, None),
    ]),
    ('GDP growth of 1.5% is forecast.', [
        (14, 18, '1.5%', None, None, None, None, None, None, None, None),
    ]),
    ('They plan deep cuts of £35bn.', [
        (23, 28, '£35bn', None, None, None, None, None, None, None, None),
    ]),
    ('Women were 18% more likely than men to apply.', [
        (11, 14, '18%', None, None, None, None, None, None, None, None),
    ]),
    ('Rates were held at 4.75% for a third month.', [
        (19, 24, '4.75%', None, None, None, None, None, None, None, None),
    ]),
    ('A $9 million fund was set up.', [
        (2, 12, '$9 million', None, None, None, None, None, None, None, None),
    ]),
    ('Rates went up five times from November 2003.', [
        (14, 18, 'five', None, None, None, None, None, None, None, None),
    ]),
    ('It offered tickets that were 50% cheaper.', [
        (29, 32, '50%', None, None, None, None, None, None, None, None),
    ]),
    ('It has 225 orders and options on 193 more.', [
        (7, 10, '225', None, None, None, None, None, None, None, None),
        (33, 36, '193', None, None, None, None, None, None, None, None),
    ]),
    ('Prices fell 0.2% in December, with inflation running at a three year low.', [
        (12, 16, '0.2%', 'change', 'down', None, None, None, None, None, 'Prices'),
        (58, 63, 'three', None, None, None, None, None, None, None, None),
    ]),
    ('The rate has risen from the 46-year low of 1% in June.', [
        (28, 35, '46-year', None, None, None, None, None, None, None, None),
        (43, 45, '1%', None, None, None, None, None, None, None, None),
    ]),
    ('Turnout was 80% or higher.', [
        (12, 25, '80% or higher', None, None, None, None, None, None, None, None),
    ]),
    ('Fines of $5m or less apply.', [
        (9, 20, '$5m or less', None, None, None, None, None, None, None, None),
    ]),
    ('Britons aged 65 or over were asked.', [
        (13, 23, '65 or over', None, None, None, None, None, None, None, None),
    ]),
    ('It will take a year or so.', [
    ]),
]


def _rows(text: str) -> list[Row]:
    rows = []
    for m in find_mentions(text, reference="2005-01-01", kinds=("money", "quantity")):
        assert text[m.start : m.end] == m.text
        assert isinstance(m.value, Money | Quantity)
        c = m.value.clause
        rows.append((m.start, m.end, m.text) + (
            (None,) * 8 if c is None
            else (c.role, c.direction, c.side, c.change, c.to, c.from_, c.pair, c.subject)))
    return rows


@pytest.mark.parametrize(("text", "expected"), CLAUSE_CASES)
def test_clauses(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a range read after a movement is a change and its new level
        ("Shares rose $1.64 to $47.10.", [Money(Decimal("1.64"), "USD"), Money(Decimal("47.10"), "USD")]),
        ("Asylum claims were up 23,600 to 27,700.", [Quantity(Decimal(23600)), Quantity(Decimal(27700))]),
        # without one it stays a range
        ("Tickets cost $40 to $50.", [Money(Decimal(40), "USD", upper=Decimal(50))]),
        ("Growth of between 6 and 7 per cent.", [Quantity(Decimal(6), "percent", upper=Decimal(7))]),
        ("Profits will be between 10% to 15% lower.",
         [Quantity(Decimal(10), "percent", upper=Decimal(15))]),
        # qualifiers after the number
        ("Turnout was 80% or higher.", [Quantity(Decimal(80), "percent", "at-least")]),
        ("Fines of $5m or less apply.", [Money(Decimal(5000000), "USD", "at-most")]),
        ("Britons aged 65 or over were asked.", [Quantity(Decimal(65), "year", "at-least")]),
        ("Groups of 20 or fewer were seen.", [Quantity(Decimal(20), None, "at-most")]),
        ("Children aged 12 and under go free.", [Quantity(Decimal(12), "year", "at-most")]),
        ("It lasts 3 hours or so.", [Quantity(Decimal(3), "hour", "about")]),
        ("Costs of £2m and above were cut.", [Money(Decimal(2000000), "GBP", "at-least")]),
        # "up to" after a verb of motion is the level reached; elsewhere it is "at most"
        ("The rate went up to 5.5% from 5.4%.", [Quantity(Decimal("5.5"), "percent"), Quantity(Decimal("5.4"), "percent")]),
        ("Losses are up to 70% of the value.", [Quantity(Decimal(70), "percent", "at-most")]),
        # a verb of downward movement, or one in another sentence, does not make "up to" a level
        ("It will cut up to 2,500 jobs.", [Quantity(Decimal(2500), "job", "at-most")]),
        ("Marsh cuts 2,500 jobs\n\nUp to 2,500 jobs are to go.",
         [Quantity(Decimal(2500), "job"), Quantity(Decimal(2500), "job", "at-most")]),
        # a bound passed: money and shares only
        ("Growth had topped 9% in 2004.", [Quantity(Decimal(9), "percent", "more-than")]),
        ("Sales exceeded $1bn last year.", [Money(Decimal(1000000000), "USD", "more-than")]),
    ],
)
def test_values_after_the_clause(text: str, values: list[Money | Quantity]) -> None:
    found = find_mentions(text, kinds=("money", "quantity"))
    assert [_plain(m.value) for m in found] == values


def _plain(value: Any) -> Any:
    return type(value)(**{**value.__dict__, "clause": None})


def test_every_kind_selection_gives_the_same_clauses() -> None:
    text = "Profit rose by €300m to 2,100 shops as sales rose 8% to 4.7 million units."
    both = {m.start: m for m in find_mentions(text, kinds=("money", "quantity"))}
    for kind in ("money", "quantity"):
        for m in find_mentions(text, kinds=(kind,)):
            assert m == both[m.start]


def test_clauses_cross_the_codec() -> None:
    text = "Renault enjoyed a 43% rise in net profits to 2.4bn euros ($3.1bn) as sales rose 8% to 40.7bn euros."
    found = find_mentions(text)
    assert any(isinstance(m.value, Money | Quantity) and m.value.clause is not None for m in found)
    assert codec.unpack_mentions(codec.loads(codec.dumps(codec.pack_mentions(found)))) == found


def test_cli_table_shows_the_clause(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factbase.cli import cli

    source = tmp_path / "s.txt"
    source.write_text("Sales rose 8% to 4.7 million units.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["mentions", str(source), "--kind", "quantity"])
    assert result.exit_code == 0
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    assert "quantity 11 13 8% 8 percent change up (to @17)" in lines
    assert "quantity 17 28 4.7 million 4700000 unit level to up (change @11)" in lines


def test_clause_to_dict() -> None:
    clause = Clause("level", "down", "to", change=5, pair=9, subject="loans")
    assert clause.to_dict() == {"role": "level", "direction": "down", "side": "to", "change": 5,
                                "to": None, "from": None, "pair": 9, "subject": "loans"}
    assert Quantity(Decimal(3), "percent", clause=clause).to_dict()["clause"] == clause.to_dict()
    assert "clause" not in Quantity(Decimal(3), "percent").to_dict()


PIECES = [
    "Sales", "rose", "fell", "by", "to", "from", "up", "down", "8%", "4.7 million", "$1.64",
    "£2bn", "while", "imports", "added", "3%", ",", ".", "or", "and", "a", "rise", "of",
    "an increase", "at", "10,385.48", "or more", "between 6 and 7 per cent", "$40 to $50",
    "cut", "its rate", "compared with", "half", "one", "(", ")", "$3.1bn", ";",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24))
def test_clauses_keep_the_mention_invariants(pieces: list[str]) -> None:
    """Whatever the words, the mentions stay sorted, non-overlapping and exact, every link
    points at the start of another amount, and the links agree with each other."""
    text = " ".join(pieces)
    _check_invariants(text, find_mentions(text))


def test_clauses_on_real_news() -> None:
    """The same invariants over the 300 BBC articles, which hold hundreds of changes."""
    corpus = bbc_corpus()
    if corpus is None:
        pytest.skip(NO_BBC)
    roles: dict[str, int] = {"change": 0, "level": 0}
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = find_mentions(text)
        _check_invariants(text, found)
        for m in found:
            clause = getattr(m.value, "clause", None)
            if clause is not None:
                roles[clause.role] += 1
    assert roles["change"] > 150 and roles["level"] > 100


def _check_invariants(text: str, found: list[Any]) -> None:
    amounts = {m.start: m for m in found if isinstance(m.value, Money | Quantity)}
    end = 0
    for m in found:
        assert text[m.start : m.end] == m.text and m.start >= end and m.end > m.start
        end = m.end
    for m in amounts.values():
        c = m.value.clause
        if c is None:
            continue
        for link in (c.change, c.to, c.from_, c.pair):
            assert link is None or (link in amounts and link != m.start)
        if c.role == "change":
            assert c.side is None and c.change is None and c.pair is None
            for link, side in ((c.to, "to"), (c.from_, "from")):
                if link is not None:
                    level = amounts[link].value.clause
                    assert level is not None and level.role == "level" and level.side == side
        else:
            assert c.to is None and c.from_ is None
            if c.pair is not None:  # the other side pairs back (with this or what this converts)
                other = amounts[c.pair].value.clause
                assert other is not None and other.side != c.side and other.pair is not None
                assert amounts[other.pair].value.clause.side == c.side


def test_annotate_clauses_leaves_texts_without_amounts_alone() -> None:
    found = find_mentions("It happened on 3 May 2004.", reference="2005-01-01")
    assert annotate_clauses("It happened on 3 May 2004.", found) is found
