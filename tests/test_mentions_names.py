"""Names of known entities and their roles."""

from __future__ import annotations

import pytest

from factbase.mentions import find_mentions
from factbase.mentions.names import find_names, form_key
from factbase.model import Entity, Role

ENTITIES = [
    Entity(id="shinzo-abe", name="Shinzo Abe", kind="person", aliases=["Abe"],
           roles=[Role(title="Prime Minister of Japan", aliases=["Japanese Prime Minister"])]),
    Entity(id="moon-jae-in", name="Moon Jae-in", kind="person", aliases=["Moon"],
           roles=[Role(title="President of South Korea", aliases=["South Korean president"])]),
    Entity(id="donald-trump", name="Donald Trump", kind="person", aliases=["Trump"],
           roles=[Role(title="President of the United States", aliases=["U.S. President", "President"])]),
    Entity(id="barack-obama", name="Barack Obama", kind="person", aliases=["Obama"],
           roles=[Role(title="President of the United States", aliases=["President"])]),
    Entity(id="james-kelly", name="James Kelly", kind="person"),
    Entity(id="john-smith", name="John Q. Smith", kind="person"),
    Entity(id="south-korea", name="South Korea", kind="place", aliases=["Korea"]),
    Entity(id="gsomia", name="General Security of Military Information Agreement",
           kind="agreement", aliases=["GSOMIA"]),
    Entity(id="park-geun-hye", name="Park Geun-hye", kind="person", aliases=["Park"]),
    Entity(id="park-chung-hee", name="Park Chung-hee", kind="person"),
]

# (text, [(matched text, kind, entity, role)])
NAME_CASES: list[tuple[str, list[tuple[str, str, str, str | None]]]] = [
    ("Shinzo Abe met Moon.", [("Shinzo Abe", "entity", "shinzo-abe", None),
                              ("Moon", "entity", "moon-jae-in", None)]),
    # possessives with both apostrophes: the span stops before them
    ("Abe’s efforts and Trump's demands", [("Abe", "entity", "shinzo-abe", None),
                                           ("Trump", "entity", "donald-trump", None)]),
    # hyphenated Korean names, and their spelling variants
    ("Moon Jae-in said", [("Moon Jae-in", "entity", "moon-jae-in", None)]),
    ("Moon Jae-In said", [("Moon Jae-In", "entity", "moon-jae-in", None)]),
    ("Moon Jae in said", [("Moon Jae in", "entity", "moon-jae-in", None)]),
    # the optional middle initial, both ways
    ("a James A. Kelly fellow", [("James A. Kelly", "entity", "james-kelly", None)]),
    ("a James Kelly fellow", [("James Kelly", "entity", "james-kelly", None)]),
    ("John Smith spoke", [("John Smith", "entity", "john-smith", None)]),
    ("John Q. Smith spoke", [("John Q. Smith", "entity", "john-smith", None)]),
    ("John R. Smith spoke", []),
    # case-sensitive names, token boundaries
    ("the moon rose over Abeyance and Koreans", []),
    ("the Moon-Abe summit", [("Moon", "entity", "moon-jae-in", None),
                            ("Abe", "entity", "shinzo-abe", None)]),
    # the longest match wins
    ("South Korea and Korea", [("South Korea", "entity", "south-korea", None),
                               ("Korea", "entity", "south-korea", None)]),
    ("Park Chung-hee and Park", [("Park Chung-hee", "entity", "park-chung-hee", None),
                                ("Park", "entity", "park-geun-hye", None)]),
    ("the General Security of Military Information Agreement (GSOMIA)",
     [("General Security of Military Information Agreement", "entity", "gsomia", None),
      ("GSOMIA", "entity", "gsomia", None)]),
    # roles: case-insensitive, a shared role goes to the holder named nearby
    ("Japanese Prime Minister Shinzo Abe", [
        ("Japanese Prime Minister", "role", "shinzo-abe", "Prime Minister of Japan"),
        ("Shinzo Abe", "entity", "shinzo-abe", None)]),
    ("the japanese prime minister", [
        ("japanese prime minister", "role", "shinzo-abe", "Prime Minister of Japan")]),
    ("U.S. President Donald Trump", [
        ("U.S. President", "role", "donald-trump", "President of the United States"),
        ("Donald Trump", "entity", "donald-trump", None)]),
    ("under President Barack Obama", [
        ("President", "role", "barack-obama", "President of the United States"),
        ("Barack Obama", "entity", "barack-obama", None)]),
    ("the president of a society", []),
]


@pytest.mark.parametrize(("text", "expected"), NAME_CASES)
def test_names(text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
    found = find_names(text, ENTITIES)
    got = []
    for m in found:
        assert text[m.start : m.end] == m.text
        got.append((m.text, m.kind, m.value.entity, m.value.role))  # type: ignore[union-attr]
    assert got == expected
    for mention, (matched, *_rest) in zip(found, expected, strict=True):
        assert mention.start == text.index(matched, mention.start)


def test_alias_is_the_declared_form() -> None:
    (mention,) = find_names("James A. Kelly", ENTITIES)
    assert mention.value.alias == "James Kelly"  # type: ignore[union-attr]


def test_canonical_name_beats_alias_of_another_entity() -> None:
    entities = [
        Entity(id="a", name="Alpha", kind="other", aliases=["Beta"]),
        Entity(id="b", name="Beta", kind="other"),
    ]
    (mention,) = find_names("Beta", entities)
    assert mention.value.entity == "b"  # type: ignore[union-attr]


def test_kinds_filter_entity_and_role() -> None:
    text = "Japanese Prime Minister Shinzo Abe"
    assert [m.kind for m in find_mentions(text, kinds=["role"], entities=ENTITIES)] == ["role"]
    assert [m.kind for m in find_mentions(text, kinds=["entity"], entities=ENTITIES)] == ["entity"]


def test_thousands_of_entities() -> None:
    entities = [Entity(id=f"e{i}", name=f"Person Number{i}", kind="person") for i in range(3000)]
    text = "We met Person Number1234 and Person Q. Number7."
    found = find_names(text, entities)
    assert [(m.text, m.value.entity) for m in found] == [  # type: ignore[union-attr]
        ("Person Number1234", "e1234"), ("Person Q. Number7", "e7"),
    ]


@pytest.mark.parametrize(
    ("form", "key"),
    [("James A. Kelly", "james kelly"), ("Moon Jae-in", "moon jae in"),
     ("Moon  Jae–In", "moon jae in"), ("U.S. President", "u.s. president")],
)
def test_form_key(form: str, key: str) -> None:
    assert form_key(form) == key
