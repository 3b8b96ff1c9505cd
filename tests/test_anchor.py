"""Anchoring quotes to exact code-point offsets (SPEC §4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factbase.anchor import (
    DEFAULT_THRESHOLD,
    MIN_FUZZY_LENGTH,
    Anchorer,
    AnchorError,
    anchor,
    char_diff,
)

SEED = Path(__file__).resolve().parent.parent / "sources" / "east-asia-alliances.txt"
TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed() -> Anchorer:
    return Anchorer(TEXT)


@pytest.mark.parametrize(
    ("quote", "start", "end", "method"),
    [
        ("a $9 million joint fund", 3838, 3861, "exact"),
        ("the Dec. 24, 2019, Moon-Abe summit in Chengdu", 3359, 3404, "exact"),
        # curly in the source, straight in the quote
        ("East Asia's Alliances", 0, 21, "normalized"),
        ('what some have called "geopolitical recession,"', 890, 937, "normalized"),
        # "––" in the source, "--" and a single dash in the quote
        ("negotiating partner--and Tokyo", 4078, 4108, "normalized"),
        ("negotiating partner-and Tokyo", 4078, 4108, "normalized"),
        ("negotiating partner — and Tokyo", 4078, 4108, "fuzzy"),
        ("negotiating partner and Tokyo", 4078, 4108, "fuzzy"),
        # one typo each
        ("a $9 milion joint fund for the surviving comfort women", 3838, 3893, "fuzzy"),
        ("forced labor claims that may impact 284 Japanese companeis", 1931, 1989, "fuzzy"),
    ],
)
def test_seed_quotes(seed: Anchorer, quote: str, start: int, end: int, method: str) -> None:
    if method == "not-found":
        with pytest.raises(AnchorError):
            seed.anchor(quote)
        return
    got = seed.anchor(quote)
    assert (got.start, got.end, got.method, got.count) == (start, end, method, 1)
    assert got.offsets_ok is None
    assert (got.score == 100.0) == (method != "fuzzy")


@pytest.mark.parametrize(
    ("text", "quote", "span", "method"),
    [
        ("He said “no” twice.", 'said "no" twice', (3, 18), "normalized"),
        ('He said "no" twice.', "said “no” twice", (3, 18), "normalized"),
        ("It’s here.", "It's", (0, 4), "normalized"),
        ("It's here.", "It’s", (0, 4), "normalized"),
        ("1990s––the end", "1990s--the", (0, 10), "normalized"),
        ("1990s--the end", "1990s––the", (0, 10), "normalized"),
        ("one\u00a0two three", "one two", (0, 7), "normalized"),
        ("one\ntwo three", "one two", (0, 7), "normalized"),
        ("one  \n  two three", "one two three", (0, 17), "normalized"),
        ("see the ﬁnal word", "final word", (8, 17), "normalized"),
        ("a quote with spaces", " with ", (7, 13), "exact"),
        ("a quote with spaces", "  with  ", (8, 12), "normalized"),
    ],
)
def test_normalized_maps_back(text: str, quote: str, span: tuple[int, int], method: str) -> None:
    got = anchor(text, quote)
    assert ((got.start, got.end), got.method) == (span, method)


def test_ambiguous_seed_paragraph(seed: Anchorer) -> None:
    # The seed's second paragraph is duplicated verbatim.
    got = seed.anchor("2019 was a tough year")
    assert (got.start, got.end, got.count) == (86, 107, 2)
    assert got.locations == ((86, 107), (402, 423))
    assert got.hint == 'prefix: "point.\\n"'


@pytest.mark.parametrize(
    ("quote", "prefix", "suffix", "start", "expected", "count"),
    [
        ("2019 was a tough year", "the breaking point.\n", None, None, (86, 107), 1),
        ("2019 was a tough year", "just being shaped.\n", None, None, (402, 423), 1),
        ("2019 was a tough year", "shaped. ", None, None, (402, 423), 1),   # typography-blind
        ("2019 was a tough year", "nowhere", None, None, (86, 107), 2),
        ("new ones are only just being shaped.", None, "\n2019 was", None, (365, 401), 1),
        ("new ones are only just being shaped.", None, "\nThe timing", None, (681, 717), 1),
        ("2019 was a tough year", None, None, 400, (402, 423), 1),
        ("2019 was a tough year", None, None, 90, (86, 107), 1),
        ("2019 was a tough year", "nowhere", None, 600, (402, 423), 1),
    ],
)
def test_disambiguation(
    seed: Anchorer,
    quote: str,
    prefix: str | None,
    suffix: str | None,
    start: int | None,
    expected: tuple[int, int],
    count: int,
) -> None:
    got = seed.anchor(quote, prefix=prefix, suffix=suffix, start=start)
    assert ((got.start, got.end), got.count) == (expected, count)


def test_ambiguous_fuzzy_match_is_counted(seed: Anchorer) -> None:
    got = seed.anchor("2019 was a tuogh year for established alliances")
    assert (got.method, got.count) == ("fuzzy", 2)
    assert got.locations == ((86, 133), (402, 449))
    assert seed.anchor("2019 was a tuogh year for established alliances", start=402).start == 402


@pytest.mark.parametrize(
    ("quote", "start", "end", "expected", "method", "ok"),
    [
        ("a $9 million joint fund", 3838, 3861, (3838, 3861), "offsets", True),
        ("a $9 million joint fund", 0, 23, (3838, 3861), "exact", False),
        ("a $9 million joint fund", 3838, 99999, (3838, 3861), "exact", False),
        ("East Asia's Alliances", 0, 21, (0, 21), "normalized", True),
        ("East Asia's Alliances", 1, 22, (0, 21), "normalized", False),
        ("2019 was a tough year", 402, 423, (402, 423), "offsets", True),
        ("2019 was a tough year", 400, 421, (402, 423), "exact", False),
        ("a $9 milion joint fund for the surviving comfort women", 3838, 3893, (3838, 3893), "fuzzy", True),
    ],
)
def test_given_offsets(
    seed: Anchorer, quote: str, start: int, end: int, expected: tuple[int, int], method: str, ok: bool
) -> None:
    got = seed.anchor(quote, start=start, end=end)
    assert ((got.start, got.end), got.method, got.offsets_ok, got.count) == (expected, method, ok, 1)


def test_not_found_gives_best_candidate(seed: Anchorer) -> None:
    quote = "a $8 bilion jont fnd for all teh surviving comfrt wmen"
    with pytest.raises(AnchorError) as info:
        seed.anchor(quote)
    best = info.value.best
    assert info.value.code == "quote-not-found"
    assert best is not None
    assert (best.start, best.end) == (3838, 3893)
    assert best.score < seed.threshold
    assert best.diff.startswith("a $[-8-]{+9+} [-b-]{+m+}i")


def test_threshold_is_configurable() -> None:
    quote = "a $8 bilion jont fnd for all teh surviving comfrt wmen"
    got = Anchorer(TEXT, threshold=70).anchor(quote)
    assert (got.start, got.end, got.method) == (3838, 3893, "fuzzy")
    assert 70 <= got.score < DEFAULT_THRESHOLD


@pytest.mark.parametrize("quote", ["", "   ", "\n\t"])
def test_empty_quote(seed: Anchorer, quote: str) -> None:
    with pytest.raises(AnchorError) as info:
        seed.anchor(quote)
    assert info.value.best is None


def test_short_quotes_never_match_fuzzily(seed: Anchorer) -> None:
    quote = "in Juky 2019"
    assert len(quote) < MIN_FUZZY_LENGTH
    with pytest.raises(AnchorError) as info:
        seed.anchor(quote)
    assert info.value.best is not None


def test_unrelated_quote(seed: Anchorer) -> None:
    with pytest.raises(AnchorError):
        seed.anchor("Zebras migrate across the Serengeti every year in vast herds.")


@pytest.mark.parametrize(
    ("quote", "found", "diff"),
    [
        ("abc", "abc", "abc"),
        ("abxc", "abc", "ab[-x-]c"),
        ("abc", "abyc", "ab{+y+}c"),
        ("a8c", "a9c", "a[-8-]{+9+}c"),
    ],
)
def test_char_diff(quote: str, found: str, diff: str) -> None:
    assert char_diff(quote, found) == diff


# --------------------------------------------------------------------------- round trips

_WORDS = st.lists(st.sampled_from(["ab", "ba", "a", "b", "abb", "baa"]), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.data())
def test_exact_round_trip(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    if quote.isspace():
        return
    got = Anchorer(text).anchor(quote)
    assert got.method == "exact"
    if got.count == 1:
        assert (got.start, got.end) == (i, j)
    else:
        assert (i, j) in got.locations
        assert got.locations[0] == (got.start, got.end)


_TYPOGRAPHY = str.maketrans({"'": "’", '"': "”", "-": "–", " ": "\u00a0"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ab", "b'a", '"a"', "a-b", "ba", "b"]), min_size=1, max_size=30),
       st.data())
def test_normalized_round_trip(words: list[str], data: st.DataObject) -> None:
    plain = " ".join(words)
    text = plain.translate(_TYPOGRAPHY)  # same length: offsets carry over
    i = data.draw(st.integers(0, len(plain) - 1))
    j = data.draw(st.integers(i + 1, len(plain)))
    quote = plain[i:j]
    if quote != quote.strip() or re.search("--", text[max(0, i - 1):j + 1]):
        return
    got = Anchorer(text).anchor(quote)
    assert got.method in {"exact", "normalized"}
    if got.count == 1:
        assert (got.start, got.end) == (i, j)
    else:
        assert (i, j) in got.locations
