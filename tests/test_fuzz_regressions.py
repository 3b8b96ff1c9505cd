"""Inputs that benchmarks/fuzz.py found to crash, hang or break an invariant, each pinned
down after its fix (the fuzz script's own invariants are re-checked here on the same inputs)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from factbase import FactsError, check, load
from factbase.anchor import AnchorError, anchor
from factbase.loader import parse_yaml
from factbase.mentions import Mention, find_mentions
from factbase.mentions import numbers as numbers_module
from factbase.mentions import quantities as quantities_module
from factbase.model import Entity


def well_formed(text: str, mentions: list[Mention]) -> list[tuple[str, int, int]]:
    """The fuzz invariants: offsets slice to the text, sorted, no overlaps, values serialize."""
    last = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        assert m.start >= last
        last = m.end
        m.value.to_dict()
        str(m.value)
    return [(m.kind, m.start, m.end) for m in mentions]


# ---------------------------------------------------------------------------- mentions


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # decimal.InvalidOperation in numbers.tidy: quantize past 28 digits
        ("$" + "9" * 60, None, [("money", 0, 61)]),
        ("1" * 52 + " companies", None, None),
        # ValueError: year 10000 is out of range (date_relative.month_value)
        ("next August", "9999-12-31", []),
        # OverflowError: date value out of range (date_relative.resolve_day_word)
        ("yesterday", "0001-01-01", []),
        ("tomorrow", "9999-12-31", []),
        # ValueError: year 0 is out of range (dates._with_year borrowing a year back from 0001)
        ("1,2100\nto\n2100, August, $9\U0001f1f5000", "0001-01-01", None),
        ("Dec. 30 to Jan. 2, 0001", None, None),
        ("December 30 to January 2, 9999", None, None),
    ],
)
def test_calendar_and_decimal_edges_do_not_crash(text: str, reference: str | None,
                                                 expected: list[tuple[str, int, int]] | None) -> None:
    # None: what is found is the extractors' business; that it is well formed is ours.
    found = well_formed(text, find_mentions(text, reference=reference))
    assert expected is None or found == expected


def test_huge_amounts_keep_their_text() -> None:
    [money] = find_mentions("$" + "9" * 60)
    assert (money.text, money.value.to_dict()["currency"]) == ("$" + "9" * 60, "USD")


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        ("\u2066 2019, 1,000 0001 until ago \u20a9 / \u217c $. month $" + "9" * 60 + " 1e9 29, 1st hundred",
         []),
        ("a from $, 2020s fortnight more \u200b Abe " + "1" * 240 + "'90s, -" + "1" * 160 + " mid- of BC",
         [Entity(id="e7", name="\x00\x8a\x84VN\u00d0-5\x18\u00c6", kind="place")]),
        ("\u0300 \u00b2 \u215f", []),
    ],
)
def test_fuzzed_texts_with_odd_entities(text: str, entities: list[Entity]) -> None:
    for reference in (None, "0001-01-01", "9999-12-31", "2020-01"):
        well_formed(text, find_mentions(text, reference=reference, entities=entities or None))


def test_number_word_runs_are_bounded() -> None:
    # Unbounded, "twenty twenty twenty ..." matched to its end from every word and
    # parse_words refused each: quadratic in the length of a hostile source.
    words = re.compile(numbers_module.WORDS, re.IGNORECASE)
    assert words.fullmatch(" ".join(["twenty"] * 40)) is None
    longest = ("nine hundred and ninety-nine billion nine hundred and ninety-nine million "
               "nine hundred and ninety-nine thousand nine hundred and ninety-nine")
    assert words.fullmatch(longest) is not None
    assert len(well_formed("twenty " * 3000, find_mentions("twenty " * 3000))) <= 1


def test_the_fold_look_ahead_is_bounded() -> None:
    # `\S*` before "fold" scanned to the end of every run without spaces ("(1(1(1...",
    # "'9'9'9..."), from each number in it: quadratic.
    assert "\\S*" not in quantities_module._BODY
    assert [m.text for m in find_mentions("a seventeen-fold rise, 10-fold, a hundredfold")] == [
        "seventeen-fold", "10-fold", "a hundredfold"]
    text = "(1" * 5000
    assert len(well_formed(text, find_mentions(text))) == 5000


# ---------------------------------------------------------------------------- anchor


@pytest.mark.parametrize(
    ("text", "quote", "kwargs"),
    [
        ("", "Jae-in . and \u200b -odd \ufeff", {"prefix": "", "start": -4, "end": 4}),
        ("A\u030a \u0130 \ufb01 x", "\u00c5 i\u0307 fi", {}),
        ("a\u00a0b\u2009c", "a b c", {"start": 99, "end": 2}),
    ],
)
def test_anchor_offsets_stay_inside_the_text(text: str, quote: str, kwargs: dict[str, object]) -> None:
    try:
        found = anchor(text, quote, **kwargs)  # type: ignore[arg-type]
    except AnchorError:
        return
    assert 0 <= found.start <= found.end <= len(text)


# ---------------------------------------------------------------------------- loader


def test_alias_expansion_under_the_node_limit_is_still_refused() -> None:
    # 10 levels of 4 aliases: ~1.4M nodes, under the 5M cap, and seconds of work before the
    # cap on what aliases may add (loader.MAX_ALIAS_EXPANSION).
    lines = ["factbase: 1", "a0: &a0 [x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 4) + "]" for i in range(1, 10)]
    _, _, problems = parse_yaml("\n".join(lines), "f.yaml")
    assert [(p.code, p.location.line) for p in problems] == [("yaml-limit", 1)]


@pytest.mark.parametrize(
    ("field", "value", "column"),
    [
        ("published", "'2019-02-29'", 16),   # crashed the date extractor's reference
        ("published", "'0000'", 16),
        ("published", "'\u0662\u0660\u0661\u0669'", 16),  # Arabic-Indic digits pass \d
        ("path", '"sources/a.txt\\0"', 11),   # ValueError: embedded null byte
    ],
)
def test_fields_that_crashed_check_are_schema_problems(tmp_path: Path, field: str, value: str,
                                                       column: int) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("Moon met Abe yesterday.", encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    source = {"published": f"    path: sources/a.txt\n    published: {value}\n",
              "path": f"    path: {value}\n"}[field]
    facts.write_text("factbase: 1\nsources:\n  - id: a\n" + source + textwrap.dedent("""\
        claims:
          - id: c
            statement: s
            value: {type: quote}
            citations: [{source: a, quote: Moon met Abe}]
        """), encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        check(load(facts))
    line = 5 if field == "published" else 4
    assert [(p.code, p.location.line, p.location.column) for p in caught.value.problems] == [
        ("schema", line, column)]


def test_control_characters_have_a_position() -> None:
    _, _, problems = parse_yaml("factbase: 1\ntitle: \x1b[31mred\n", "f.yaml")
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [("yaml-syntax", 2, 8)]
