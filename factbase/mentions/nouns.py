"""Word lists for reading the noun a number counts, and the singular form of nouns."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words before a number that make it an identifier, not a count ("Article 9", "No. 5").
IDENTIFIER_WORDS = _words(
    """article section chapter page pages route flight number no no. nos nos. room model
    version item rule resolution amendment paragraph clause title highway interstate gate
    platform level grade class phase stage round game episode season volume vol vol. issue
    line district unit ward zone apartment suite building floor lot block exit channel bus
    train act part figure fig fig. table step category type size tier week day ranked pier
    terminal track verse psalm bill proposition prop precinct lane street avenue road code
    form schedule appendix annex jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug
    aug. sep sep. sept sept. oct oct. nov nov. dec dec. january february march april may june
    july august september october november december"""
)
# Function words and common verbs: the counted noun never comes after one of these.
STOP_WORDS = _words(
    """a an the of to in on at by for from with and or but nor than as that which who whom
    whose this these those it its is are was were be been being has have had do does did will
    would can could may might must shall should not no per each more less most least said
    says say told according ago earlier later before after since until while when where if so
    such also already still just only even about around into onto over under between among
    against during through across toward towards cent percent perhaps always often sometimes
    again yet then there here up down out off away back his her their our your my he she they
    we you i me him them us what how why all both some any many much few other another same
    own very too enough"""
)
# Units of measure: they make "one" a count in a compound ("one-year").
MEASURE_NOUNS = _words(
    """year month week day hour minute second decade century percent point mile kilometer
    kilometre meter metre foot inch kilogram gram pound ton tonne acre hectare liter litre
    gallon barrel seat vote"""
)
# Time units: "over five years" spans five years; it is not "more than five".
TIME_UNITS = _words("year month week day hour minute decade century quarter session")
# Words glued to a number that do not name a unit ("50-odd" is handled before).
NOT_COMPOUND = _words(
    """odd plus something somethings ish fold old long wide high deep tall thousand hundred
    million billion some and or to on in of the a by up off"""
)
# Street words: "221 Baker Street" is an address.
STREET_WORDS = _words(
    "street st. avenue ave. road rd. boulevard blvd. lane drive square place way plaza"
)
IRREGULAR_PLURALS: dict[str, str] = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "police": "police",
    "personnel": "personnel", "cattle": "cattle", "staff": "staff", "crises": "crisis",
    "analyses": "analysis", "theses": "thesis", "hypotheses": "hypothesis",
    "diagnoses": "diagnosis", "criteria": "criterion", "phenomena": "phenomenon",
    "lives": "life", "wives": "wife", "knives": "knife", "halves": "half", "wolves": "wolf",
    "shelves": "shelf", "thieves": "thief", "leaves": "leaf", "movies": "movie",
    "cookies": "cookie", "calories": "calorie", "rookies": "rookie", "pies": "pie",
    "ties": "tie", "lies": "lie", "species": "species", "series": "series",
    "aircraft": "aircraft", "sheep": "sheep", "fish": "fish", "deer": "deer",
    "heroes": "hero", "potatoes": "potato", "tomatoes": "tomato", "vetoes": "veto",
    "echoes": "echo", "buses": "bus", "gases": "gas", "tranches": "tranche",
    "niches": "niche", "caches": "cache", "headaches": "headache", "avalanches": "avalanche",
    "cliches": "cliche", "clichés": "cliché",
}
NOT_PLURAL = _words(
    """news politics economics physics mathematics means lens gas yes whereas perhaps always
    sometimes towards afterwards besides unless across thus plus various previous famous bonus
    status census campus virus chaos yen won"""
)


def is_plural(word: str) -> bool:
    """A plural noun, as far as its form tells: 'companies', 'people', 'aircraft'."""
    lowered = word.lower()
    if lowered in IRREGULAR_PLURALS:
        return True
    if len(lowered) < 3 or not lowered.endswith("s") or lowered in NOT_PLURAL:
        return False
    return not lowered.endswith(("ss", "us", "is", "'s", "’s"))


def singular(word: str) -> str:
    """'companies' -> 'company', 'apologies' -> 'apology', 'people' -> 'person'."""
    lowered = word.lower().replace("’", "'")
    if lowered in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[lowered]
    if not lowered.endswith("s") or lowered.endswith(("ss", "us", "is")) or lowered in NOT_PLURAL:
        return lowered
    if lowered.endswith("ies") and len(lowered) > 4:
        return lowered[:-3] + "y"
    if lowered.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return lowered[:-2]
    return lowered[:-1]
