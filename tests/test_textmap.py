"""The normalized text and its map back to original offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factbase.textmap import normalize

CASES = [
    ("plain ascii text", "plain ascii text"),
    ("East Asia’s Alliances", "East Asia's Alliances"),
    ("“geopolitical recession,”", '"geopolitical recession,"'),
    ("‚low‘ „low“ ′prime″", "'low' \"low\" 'prime\""),
    ("Moon–Abe", "Moon-Abe"),
    ("a — b ― c ‒ d − e", "a - b - c - d - e"),
    ("1990s––the", "1990s-the"),
    ("1990s--the", "1990s-the"),
    ("a\u00a0b", "a b"),
    ("line one\n\nline   two\t\tend", "line one line two end"),
    ("\u2003em\u2002space", " em space"),
    ("ﬁne ﬂow", "fine flow"),
    ("wait…", "wait..."),
    ("Cafe\u0301", "Café"),
    ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
    ("ｶﾞ", "ガ"),
    ("CASE Is Kept", "CASE Is Kept"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_normalized_text(text: str, expected: str) -> None:
    assert normalize(text).text == expected


MAPS = [
    # (text, normalized range, original range)
    ("plain", (1, 3), (1, 3)),
    ("East Asia’s Alliances", (9, 11), (9, 11)),
    ("a  b", (1, 2), (1, 3)),
    ("a  b", (2, 3), (3, 4)),
    ("a \n b c", (0, 5), (0, 7)),
    ("x––y", (1, 2), (1, 3)),
    ("xﬁy", (1, 2), (1, 2)),      # "f" of the ligature widens to the whole ligature
    ("xﬁy", (2, 4), (1, 3)),
    ("Cafe\u0301 au lait", (3, 4), (3, 5)),
    ("soft\u00adhyphen", (0, 4), (0, 4)),
    ("soft\u00adhyphen", (4, 10), (5, 11)),
    ("a  b", (3, 3), (4, 4)),
    ("a  b", (2, 2), (3, 3)),
]


@pytest.mark.parametrize(("text", "normalized", "original"), MAPS)
def test_to_original(text: str, normalized: tuple[int, int], original: tuple[int, int]) -> None:
    assert normalize(text).to_original(*normalized) == original


@pytest.mark.parametrize(
    ("text", "original", "normalized"),
    [
        ("a  b", (0, 4), (0, 3)),
        ("a  b", (2, 3), (1, 2)),
        ("x––y z", (4, 6), (3, 5)),
        ("plain", (2, 4), (2, 4)),
    ],
)
def test_to_normalized(text: str, original: tuple[int, int], normalized: tuple[int, int]) -> None:
    assert normalize(text).to_normalized(*original) == normalized


def test_identity_fast_path() -> None:
    text = "ASCII with single spaces - and one dash."
    norm = normalize(text)
    assert norm.identity
    assert norm.text is text


def test_out_of_range() -> None:
    with pytest.raises(ValueError):
        normalize("abc").to_original(2, 5)


_ALPHABET = st.sampled_from(
    list("ab -'\"\n\t") + list("’‘“”–—―−\u00a0\u2003ﬁ…\u0301\u00ad\u200béｶﾞ가\u1161")
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join), st.data())
def test_map_back_contains_the_slice(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    i = data.draw(st.integers(0, len(norm.text)))
    j = data.draw(st.integers(i, len(norm.text)))
    a, b = norm.to_original(i, j)
    assert 0 <= a <= b <= len(text)
    assert norm.text[i:j] in normalize(text[a:b]).text
    # monotonic: a range further right never maps further left
    if j < len(norm.text):
        a2, b2 = norm.to_original(i + 1, j + 1)
        assert a2 >= a and b2 >= b


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_maps_inside(text: str) -> None:
    norm = normalize(text)
    n = len(norm.text)
    for i in range(0, n + 1, 3):
        a, b = norm.to_original(i, n)
        assert 0 <= a <= b <= len(text)
        assert norm.text[i:n] in normalize(text[a:b]).text
