"""Names of known entities and their roles; roles as titles; named officials."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factbase.mentions import find_mentions
from factbase.mentions.attach import holder
from factbase.mentions.names import find_names, form_key
from factbase.mentions.roles import find_forms, fold
from factbase.model import Entity, Role
from factbase.values import Person

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


# -- roles as titles (docs/format.md): where a role matches, folded for case and typography

TITLE_CASES: list[tuple[str, list[str], list[str]]] = [
    ("Chief Maria Lopez said", ["Chief"], ["Chief"]),
    ("Deputy Chief Maria Lopez said", ["Chief"], []),
    ("Chief Executive Maria Lopez said", ["Chief"], []),
    ("the Attorney General's Office said", ["Attorney General"], []),
    ("the Attorney General’s report said", ["Attorney General"], ["Attorney General"]),
    ("Vice-President Dick Cheney", ["President"], []),
    ("Vice-President Dick Cheney", ["vice president"], ["Vice-President"]),
    ("president-elect Joe Biden", ["president"], []),
    ("under President Barack Obama", ["President"], ["President"]),
    ("Under Secretary Jane Roe", ["Secretary"], []),
    ("the under-secretary", ["secretary"], []),
    ("the shadow chancellor, Oliver Letwin", ["chancellor"], []),
    ("the shadow chancellor, Oliver Letwin", ["Shadow Chancellor"], ["shadow chancellor"]),
    ("a co-chairman", ["chairman"], []),
    ("FOREIGN SECRETARY Jack Straw", ["foreign secretary"], ["FOREIGN SECRETARY"]),
    ("the then newly\u2011elected  president, Moon", ["Newly-Elected President"], ["newly\u2011elected  president"]),
    ("Presidents and presidential hopefuls", ["president"], []),
    ("Former U.S. Defense Secretary James Mattis", ["U.S. Defense Secretary"], ["U.S. Defense Secretary"]),
]


@pytest.mark.parametrize(("text", "forms", "expected"), TITLE_CASES)
def test_roles_match_as_whole_titles(text: str, forms: list[str], expected: list[str]) -> None:
    assert [text[a:b] for a, b in find_forms(text, forms)] == expected


@pytest.mark.parametrize(("written", "folded"), [
    ("Vice-President", "vice president"), ("  Prime   Minister ", "prime minister"),
    ("Children’s Minister", "children's minister"), ("ﬁnance minister", "finance minister"),
])
def test_fold(written: str, folded: str) -> None:
    assert fold(written) == folded


# -- whose role it is: (text, role as written, the name it is attached to or None)
ATTACH_CASES: list[tuple[str, str, str | None]] = [
    ("Foreign Secretary Jack Straw said", "Foreign Secretary", "Jack Straw"),
    ("said finance minister Mr Manuel.", "finance minister", "Manuel"),
    ("said Ian Macfarlane, Governor of the Reserve Bank.", "Governor", "Ian Macfarlane"),
    ("Helmut Panke, BMW's group chief executive, said", "group chief executive", "Helmut Panke"),
    ("Howard Archer, economist at Global Insight said", "economist", "Howard Archer"),
    ("Mr Saakashvili, elected president in January, said", "president", "Saakashvili"),
    ("Yesterday Argentina's economy minister, Roberto Lavagna, said", "economy minister", "Roberto Lavagna"),
    ("As chief operating officer, Toshiyuki Shiga will run Nissan.", "chief operating officer", "Toshiyuki Shiga"),
    ("the political ambitions of its founder, Mikhail Khodorkovsky, who is in jail", "founder", "Mikhail Khodorkovsky"),
    ("Named home secretary after the 2001 general election, Mr Blunkett had", "home secretary", "Blunkett"),
    ("Mr Ghosn, who masterminded its recovery, will remain chief executive.", "chief executive", "Ghosn"),
    ("Mr Ghosn is to become chairman and chief executive of Renault", "chief executive", "Ghosn"),
    ("Jane Roe, who is chief executive, said", "chief executive", "Jane Roe"),
    ("Damien Hockney who is now Veritas' deputy leader.", "deputy leader", "Damien Hockney"),
    ("Sir John Gieve was Home Office permanent secretary.", "permanent secretary", "John Gieve"),
    ("Tomita Koji previously served as head of the ministry's North American Affairs Bureau", "North American Affairs Bureau", "Tomita Koji"),
    ("Dina Mehta is an Indian blogger.", "blogger", "Dina Mehta"),
    ("Ann Lee is the president of the society and a fellow at the Pacific Forum. She is a consultant.", "consultant", "Ann Lee"),
    # not attached
    ("In a letter to Tony Blair, the chairman said", "chairman", None),
    ("In a letter to the chairman, John Smith said the plan failed.", "chairman", None),
    ("He replaced Herbert Demel as chief executive.", "chief executive", None),
    ("Peter Smith is a close ally of the president.", "president", None),
    ("Robin Cook said he hoped Mr Brown would be premier at some point.", "premier", None),
    ("the trade and industry secretary has said. Patricia Hewitt agreed.", "trade and industry secretary", None),
    ("Abe’s special adviser spoke.", "special adviser", None),
    ("said Smith, the chairman.", "chairman", None),
]


@pytest.mark.parametrize(("text", "role", "name"), ATTACH_CASES)
def test_holder(text: str, role: str, name: str | None) -> None:
    start = text.index(role)
    found = holder(text, start, start + len(role), pronouns=True)
    assert (None if found is None else text[found.start:found.end]) == name


def test_known_names_count_with_one_word() -> None:
    text = "said Smith, the chairman."
    at = text.index("chairman")
    smith = (text.index("Smith"), text.index("Smith") + 5)
    found = holder(text, at, at + 8, known=[smith])
    assert found is not None and (found.start, found.end, found.how) == (*smith, "apposition")


# -- named officials: (text, [(name, role)])
PEOPLE_CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("Secretary of State Madeleine Albright said", [("Madeleine Albright", "Secretary of State")]),
    ("Helmut Panke, BMW's group chief executive, said", [("Helmut Panke", "group chief executive")]),
    ("ONGC chairman Subir Raha told reporters", [("Subir Raha", "chairman")]),
    ("said James Roper, director of the IMRG.", [("James Roper", "director of the IMRG")]),
    ("Argentina's economy minister, Roberto Lavagna, said", [("Roberto Lavagna", "economy minister")]),
    ("Sir John Gieve was Home Office permanent secretary.", [("John Gieve", "permanent secretary")]),
    ("Mr Ghosn, who masterminded its recovery, will remain chief executive.", [("Ghosn", "chief executive")]),
    ("Lord Chancellor Lord Falconer said", [("Lord Falconer", "Lord Chancellor")]),
    ("President George W Bush said", [("George W Bush", "President")]),
    ("Dina Mehta is an Indian blogger.", [("Dina Mehta", "blogger")]),
    ("US Treasury Under-Secretary John Taylor said", [("John Taylor", "Treasury Under-Secretary")]),
    ("said Ken Kutaragi, Chief Operating Officer of Sony.", [("Ken Kutaragi", "Chief Operating Officer of Sony")]),
    ("U.S. President Donald Trump’s upending", [("Donald Trump", "President")]),
    ("the Lord Chief Justice, Lord Woolf, said", [("Lord Woolf", "Lord Chief Justice")]),
    # not named officials
    ("The rest was bought by market leader Diageo.", []),
    ("after telecom regulator Ofcom said", []),
    ("the new Imam Khomeini International Airport", []),
    ("In a letter to Tony Blair, the chairman said", []),
    ("He replaced Herbert Demel as chief executive.", []),
    ("Analysts said the chairmen were wrong.", []),
    ("a UK-based pilot scheme", []),
    ("Peter Smith is a close ally of the president.", []),
    ("the president of the Family Justice Division, said", []),
    ("General Motors said", []),
    ("ABN Amro chief Asian strategist Eddie Wong said", [("Eddie Wong", "strategist")]),
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE_CASES)
def test_named_officials(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_mentions(text, kinds=["person"])
    got = []
    for m in found:
        assert m.kind == "person" and isinstance(m.value, Person)
        assert text[m.start:m.end] == m.text == m.value.name
        assert text[m.value.role_start:m.value.role_end] == m.value.role
        got.append((m.value.name, m.value.role))
    assert got == expected


def test_declared_names_win_over_named_officials() -> None:
    text = "U.S. President Donald Trump said"
    assert [m.kind for m in find_mentions(text, entities=ENTITIES)] == ["role", "entity"]
    assert [m.kind for m in find_mentions(text)] == ["person"]
    assert find_mentions(text)[0].to_dict() == {
        "kind": "person", "start": 15, "end": 27, "text": "Donald Trump",
        "value": {"name": "Donald Trump", "role": "President", "role_start": 5, "role_end": 14}}


ROLE_MENTION_CASES: list[tuple[str, list[tuple[str, str, str, str | None]]]] = [
    # a one-word role needs the name it is attached to; a declared holder's role said of an
    # undeclared person is no one's
    ("The President said", []),
    ("President Emmanuel Macron said", []),
    ("Deputy President Barack Obama", [("Barack Obama", "entity", "barack-obama", None)]),
]


@pytest.mark.parametrize(("text", "expected"), ROLE_MENTION_CASES)
def test_role_mentions_need_their_person(text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
    got = [(m.text, m.kind, m.value.entity, m.value.role)  # type: ignore[union-attr]
           for m in find_names(text, ENTITIES)]
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"abcAB ,.'’-\n", "President ", "chairman ", "Mr ", "John ",
                                 "Smith", " said", " is ", " the ", "of ", "who "]),
                max_size=40).map("".join))
def test_people_spans_are_exact(text: str) -> None:
    for m in find_mentions(text, kinds=["person"]):
        assert isinstance(m.value, Person)
        assert text[m.start:m.end] == m.text == m.value.name and m.text.strip() == m.text
        assert text[m.value.role_start:m.value.role_end] == m.value.role


def test_coverage_lists_named_officials(make_project: Callable[..., Path]) -> None:
    import factbase
    from factbase.coverage import coverage

    text = "ONGC chairman Subir Raha said profits rose 5%. Foreign Secretary Jack Straw agreed.\n"
    facts = """\
factbase: 1
sources: [{id: s, path: sources/s.txt}]
entities: [{id: jack-straw, name: Jack Straw, kind: person, roles: [{title: Foreign Secretary}]}]
claims:
  - id: straw
    statement: Jack Straw is Foreign Secretary.
    value: {type: person, entity: jack-straw, role: Foreign Secretary}
    citations: [{source: s, quote: Foreign Secretary Jack Straw agreed}]
"""
    report = factbase.check(factbase.load(make_project(facts, files={"sources/s.txt": text})))
    assert report.claim("straw").status == "verified"
    (source,) = coverage(report)
    assert [(u.mention.kind, u.mention.text, str(u.mention.value)) for u in source.uncovered] == [
        ("person", "Subir Raha", "Subir Raha (chairman)"), ("quantity", "5%", "5 percent")]


OFFICIALS = [
    Entity(id="tim-cole", name="Tim Cole", kind="person", roles=[Role(title="Analyst at Jupiter", aliases=["analyst"])]),
    Entity(id="maria-lopez", name="Maria Lopez", kind="person", roles=[Role(title="Chief")]),
    Entity(id="jane-roe", name="Jane Roe", kind="person", roles=[Role(title="Attorney General")]),
]


@pytest.mark.parametrize(("text", "expected"), [
    ("said analyst Tim Cole.", [("analyst", "role", "tim-cole"), ("Tim Cole", "entity", "tim-cole")]),
    ("Tim Cole, an analyst, said", [("Tim Cole", "entity", "tim-cole"), ("analyst", "role", "tim-cole")]),
    # one-word role far from any name: no role mention, though Tim Cole holds it
    ('"It is early," said one analyst. Tim Cole said the market was calm.', [("Tim Cole", "entity", "tim-cole")]),
    ("Chief Maria Lopez said", [("Chief", "role", "maria-lopez"), ("Maria Lopez", "entity", "maria-lopez")]),
    ("Deputy Chief Maria Lopez said", [("Maria Lopez", "entity", "maria-lopez")]),
    ("Attorney General Jane Roe said", [("Attorney General", "role", "jane-roe"), ("Jane Roe", "entity", "jane-roe")]),
    ("Jane Roe and the Attorney General's Office said", [("Jane Roe", "entity", "jane-roe")]),
])
def test_role_mentions_are_whole_attached_titles(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = [(m.text, m.kind, m.value.entity) for m in find_names(text, OFFICIALS)]  # type: ignore[union-attr]
    assert got == expected
