"""Anchorer.anchor_many: one pass for every quote of a source, the same results as anchor()."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factbase.find_many as find_many
from factbase.anchor import Anchor, Anchorer, AnchorError, QuoteQuery

SEED = Path(__file__).resolve().parent.parent / "sources" / "east-asia-alliances.txt"
TEXT = SEED.read_text(encoding="utf-8")

# How find_all searches: as shipped (few quotes in a short text: a str.find loop), always with
# the automaton, and with the automaton over windows of 7 characters, so that occurrences
# straddle window boundaries and keys are longer than a window.
MODES = ["shipped", "automaton", "tiny-windows"]


@contextmanager
def search_mode(mode: str) -> Iterator[None]:
    if mode == "shipped":
        yield
        return
    window = 7 if mode == "tiny-windows" else find_many._WINDOW
    with mock.patch.multiple(find_many, _AUTOMATON_MIN_QUOTES=0, _AUTOMATON_MIN_WORK=0,
                             _WINDOW=window, _KEY_CHARS=3, _MAX_GROUP=2):
        yield


def one_by_one(text: str, queries: list[QuoteQuery]) -> list[Anchor | AnchorError]:
    prepared = Anchorer(text)
    out: list[Anchor | AnchorError] = []
    for q in queries:
        try:
            out.append(prepared.anchor(q.quote, q.prefix, q.suffix, q.start, q.end))
        except AnchorError as exc:
            out.append(exc)
    return out


def summary(result: Anchor | AnchorError) -> object:
    """What must be identical: the whole anchor, or the error's class, message and candidate."""
    if isinstance(result, AnchorError):
        return ("error", type(result), str(result), result.code, result.best)
    return result


def assert_same(text: str, queries: list[QuoteQuery], mode: str) -> list[Anchor | AnchorError]:
    expected = one_by_one(text, queries)
    with search_mode(mode):
        got = Anchorer(text).anchor_many(queries)
    assert [summary(r) for r in got] == [summary(r) for r in expected]
    return got


# --------------------------------------------------------------------------- exact offsets


def spans(result: Anchor | AnchorError) -> tuple[object, ...]:
    if isinstance(result, AnchorError):
        return ("error", str(result))
    return (result.start, result.end, result.method, result.count, result.locations)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        # overlapping occurrences are all reported
        ("aaaa", "aa", (0, 2, "exact", 3, ((0, 2), (1, 3), (2, 4)))),
        ("abababa", "aba", (0, 3, "exact", 3, ((0, 3), (2, 5), (4, 7)))),
        # a quote inside another quote of the same batch (see the batch below)
        ("x the cat sat y", "cat", (6, 9, "exact", 1, ())),
        ("x the cat sat y", "the cat sat", (2, 13, "exact", 1, ())),
        # code points, astral characters included
        ("😀a😀b😀a", "😀a", (0, 2, "exact", 2, ((0, 2), (4, 6)))),
        ("𝔘𝔫𝔦 code 𝔘𝔫𝔦", "code 𝔘", (4, 10, "exact", 1, ())),
        # only the normalized search finds these
        ("He said “no” twice.", 'said "no" twice', (3, 18, "normalized", 1, ())),
        ("1990s––the end", "1990s--the", (0, 10, "normalized", 1, ())),
        ("one  \n  two three", "one two three", (0, 17, "normalized", 1, ())),
        ("😀 see the ﬁnal word", "final word", (10, 19, "normalized", 1, ())),
        ("a’b a’b", "a'b", (0, 3, "normalized", 2, ((0, 3), (4, 7)))),
        # nowhere
        ("abc", "xyz", ("error", "quote not found (best candidate scores 0.0)")),
        ("abc", "   ", ("error", "the quote is empty")),
        ("abc", "", ("error", "the quote is empty")),
    ],
)
def test_offsets(text: str, quote: str, expected: tuple[object, ...], mode: str) -> None:
    # Each quote is anchored in a batch with the others of its table, so the automaton holds
    # several keys (and "cat" sits inside "the cat sat").
    batch = [QuoteQuery(quote), QuoteQuery("cat"), QuoteQuery("the cat sat"), QuoteQuery("a")]
    got = assert_same(text, batch, mode)
    assert spans(got[0]) == expected


@pytest.mark.parametrize("mode", MODES)
def test_seed_batch(mode: str) -> None:
    queries = [
        QuoteQuery("a $9 million joint fund"),
        QuoteQuery("East Asia's Alliances"),                         # normalized
        QuoteQuery("2019 was a tough year"),                         # ambiguous
        QuoteQuery("2019 was a tough year", prefix="just being shaped.\n"),
        QuoteQuery("2019 was a tough year", start=400),
        QuoteQuery("2019 was a tough year", start=402, end=423),     # given offsets hold
        QuoteQuery("2019 was a tough year", start=400, end=421),     # given offsets are wrong
        QuoteQuery("a $9 milion joint fund for the surviving comfort women"),  # fuzzy
        QuoteQuery("a $8 bilion jont fnd for all teh surviving comfrt wmen"),  # best candidate
        QuoteQuery("in Juky 2019"),                                  # too short for fuzzy
        QuoteQuery(""),
        QuoteQuery("a $9 million joint fund"),                       # a duplicate
    ]
    got = assert_same(TEXT, queries, mode)
    assert [spans(r)[:4] for r in got] == [
        (3838, 3861, "exact", 1),
        (0, 21, "normalized", 1),
        (86, 107, "exact", 2),
        (402, 423, "exact", 1),
        (402, 423, "exact", 1),
        (402, 423, "offsets", 1),
        (402, 423, "exact", 1),
        (3838, 3893, "fuzzy", 1),
        ("error", "quote not found (best candidate scores 76.4)"),
        ("error", "quote not found (best candidate scores 83.3)"),
        ("error", "the quote is empty"),
        (3838, 3861, "exact", 1),
    ]
    ambiguous = got[2]
    assert isinstance(ambiguous, Anchor)
    assert ambiguous.locations == ((86, 107), (402, 423))
    assert ambiguous.hint == 'prefix: "point.\\n"'
    assert isinstance(got[6], Anchor) and got[6].offsets_ok is False
    error = got[8]
    assert isinstance(error, AnchorError) and error.best is not None
    assert (error.best.start, error.best.end) == (3838, 3893)
    assert error.__traceback__ is None  # returned, never raised to the caller
    assert got[11] is got[0]  # equal queries share one result


def test_empty_batch() -> None:
    assert Anchorer(TEXT).anchor_many([]) == []


@pytest.mark.parametrize("mode", MODES)
def test_many_quotes_share_an_opening(mode: str) -> None:
    # More quotes share their first characters than _MAX_GROUP: they get longer keys.
    sentences = [f"The Court held that claim {i} fails." for i in range(40)]
    text = " ".join(sentences * 2) + " The Court held that"
    queries = [QuoteQuery(s) for s in sentences] + [QuoteQuery("The Court held that"),
                                                  QuoteQuery("The Court held that claim 1")]
    got = assert_same(text, queries, mode)
    assert all(isinstance(r, Anchor) and r.count == 2 for r in got[:40])
    last = got[-1]
    assert isinstance(last, Anchor) and last.count == 22  # claim 1, 10-19, twice each
    every = got[-2]
    assert isinstance(every, Anchor) and every.count == 81


@pytest.mark.parametrize("mode", MODES)
def test_a_short_quote_everywhere(mode: str) -> None:
    # Every occurrence counts (as anchor() does), also when there are very many.
    text = "ab" * 50_000
    queries = [QuoteQuery("b"), QuoteQuery("ab"), QuoteQuery("bab", start=1001), QuoteQuery("ba")]
    got = assert_same(text, queries, mode)
    counts = [r.count for r in got if isinstance(r, Anchor)]
    assert counts == [50_000, 50_000, 1, 49_999]
    first = got[0]
    assert isinstance(first, Anchor) and len(first.locations) == 50_000
    assert first.locations[-1] == (99_999, 100_000)


def test_large_batch_uses_the_automaton() -> None:
    # As shipped, with enough quotes and text the automaton path runs (no patching).
    words = [f"w{i:05d}" for i in range(20_000)]
    text = " ".join(words) + " " + " ".join(words[:100])
    queries = [QuoteQuery(" ".join(words[i:i + 3])) for i in range(0, 20_000, 50)]
    assert len(queries) * len(text) >= find_many._AUTOMATON_MIN_WORK
    got = assert_same(text, queries, "shipped")
    assert [r.count for r in got if isinstance(r, Anchor)][:3] == [2, 2, 1]


# --------------------------------------------------------------------------- property


_PIECES = [
    "ab", "ba", "a", "b", "abb", " ", " ", " ", "\n", "  ", ".",
    "😀", "𝔘", "é", "e\u0301", "ﬁ", "fi", "\u00ad", "\u00a0",
    "'", "’", '"', "“", "”", "-", "–", "--", "––",
]
_TYPOGRAPHY = {"'": "’", '"': "“", "-": "–", " ": "\u00a0", "fi": "ﬁ"}


def _retype(quote: str, swaps: list[bool]) -> str:
    """A typographic variant of ``quote`` that only the normalized search can find."""
    for (plain, fancy), swap in zip(_TYPOGRAPHY.items(), swaps, strict=False):
        if swap:
            quote = quote.replace(plain, fancy) if plain in quote else quote.replace(fancy, plain)
    return quote


@st.composite
def batches(draw: st.DrawFn) -> tuple[str, list[QuoteQuery]]:
    text = "".join(draw(st.lists(st.sampled_from(_PIECES), min_size=0, max_size=60)))
    queries: list[QuoteQuery] = []
    for _ in range(draw(st.integers(0, 14))):
        kind = draw(st.sampled_from(["slice", "slice", "retyped", "random", "repeat", "long"]))
        if kind == "repeat" and queries:
            queries.append(draw(st.sampled_from(queries)))
            continue
        if kind in ("slice", "retyped", "long") and text:
            i = draw(st.integers(0, len(text) - 1))
            j = draw(st.integers(i + 1, min(len(text), i + (40 if kind == "long" else 8))))
            quote = text[i:j]
            if kind == "retyped":
                quote = _retype(quote, draw(st.lists(st.booleans(), min_size=5, max_size=5)))
        else:
            quote = "".join(draw(st.lists(st.sampled_from(_PIECES), min_size=0, max_size=8)))
        prefix = draw(st.none() | st.sampled_from(["a", "b ", "’", "x"]))
        suffix = draw(st.none() | st.sampled_from(["a", " b", "😀", "x"]))
        start = draw(st.none() | st.integers(-1, len(text) + 1))
        end = None if start is None else draw(st.none() | st.integers(start, start + 10))
        queries.append(QuoteQuery(quote, prefix, suffix, start, end))
    return text, queries


@settings(max_examples=400, deadline=None)
@given(batches(), st.sampled_from(MODES))
def test_same_as_one_by_one(batch: tuple[str, list[QuoteQuery]], mode: str) -> None:
    text, queries = batch
    assert_same(text, queries, mode)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["ab", "ba", "a", "b", "😀", "’", "'", " "]), max_size=200),
       st.data())
def test_every_overlapping_occurrence(words: list[str], data: st.DataObject) -> None:
    # Many quotes of one short text, each a slice: the automaton reports every occurrence.
    text = "".join(words)
    queries = []
    for _ in range(data.draw(st.integers(0, 30))):
        if not text:
            break
        i = data.draw(st.integers(0, len(text) - 1))
        queries.append(QuoteQuery(text[i:data.draw(st.integers(i + 1, min(len(text), i + 6)))]))
    got = assert_same(text, queries, "tiny-windows")
    for q, result in zip(queries, got, strict=True):
        if isinstance(result, Anchor) and result.method == "exact":
            everywhere = [(i, i + len(q.quote)) for i in range(len(text))
                          if text.startswith(q.quote, i)]
            assert (result.locations or ((result.start, result.end),)) == tuple(everywhere)
