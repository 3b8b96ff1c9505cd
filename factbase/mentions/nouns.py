"""Reading the noun a number counts ("284 Japanese companies" -> company), the word lists it
uses, and the singular form of nouns."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from .numbers import NUMBER_WORDS


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
    own very too enough every throughout within without via versus vs itself himself herself
    themselves ourselves yourself"""
)
# Words skipped, not stopped at, on the way to the counted noun: "three other executives",
# "one more briefing", "two further rounds".
SKIP_WORDS = _words("other more further additional extra")
# Plural nouns used attributively before the noun that is counted: "two ratings agencies"
# (agency), "two cosmetics brands" (brand).
ATTRIBUTIVE_PLURALS = _words(
    """ratings cosmetics sales savings arms sports goods earnings communications electronics
    securities services systems operations customs futures options works"""
)
# Singular nouns that a number makes attributive: "a three year programme", "the 25 nation
# EU", "a 10 mile walk" (the number counts them though the noun is singular).
ATTRIBUTIVE_NOUNS = _words(
    """year month week day hour minute second decade century mile kilometre kilometer metre
    meter foot inch yard kilogram gram pound ton tonne acre hectare litre liter gallon barrel
    nation member country state seat storey story page point lane bedroom room screen game
    match race stage set"""
)
# Nouns after "one" that make it the article "a (certain)", not a count: "in one case", "one
# analyst said", "one day", "one thing".
ONE_NOT_COUNTED = _words(
    """thing case day time way point side hand instance reason example moment stage knee foot
    eye leg arm analyst dealer trader source official observer expert insider pupil student
    banker economist commentator critic resident witness man woman person fan user reader
    viewer voter diplomat aide spokesman spokeswoman spokesperson executive employee worker
    manager director minister mp mep member friend colleague girl boy child guy lady gentleman
    night morning evening afternoon occasion stage sort kind"""
)
# Units written as symbols after a number, glued or spaced ("80GB", "18Mbps", "5 km"), and
# the unit each names (singular, as docs/mentions.md lists). Case matters: "MB" is a megabyte,
# "mb" nothing. "m" (metre or million?) and "g" are left out.
UNIT_ABBREVIATIONS: dict[str, str] = {
    "KB": "kilobyte", "kB": "kilobyte", "MB": "megabyte", "GB": "gigabyte", "TB": "terabyte",
    "kbps": "kilobit per second", "Kbps": "kilobit per second", "Mbps": "megabit per second",
    "Gbps": "gigabit per second", "kHz": "kilohertz", "MHz": "megahertz", "GHz": "gigahertz",
    "km": "kilometre", "cm": "centimetre", "mm": "millimetre", "kg": "kilogram",
    "mg": "milligram", "ml": "millilitre", "mph": "mile per hour", "kph": "kilometre per hour",
    "km/h": "kilometre per hour", "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt",
    "kWh": "kilowatt hour", "MWh": "megawatt hour", "GWh": "gigawatt hour",
    "TWh": "terawatt hour", "lb": "pound", "lbs": "pound", "oz": "ounce", "ft": "foot",
    "sq km": "square kilometre", "sq miles": "square mile", "ha": "hectare",
}
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
    """odd plus something somethings ish fold old long wide high deep tall rated thousand hundred
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


# ---------------------------------------------------------------------------- counted nouns

# A word after a number: an acronym with dots ("U.S."), or letters with inner hyphens and
# apostrophes, after an opening quote at most ('1,500 "safety whistleblowers"').
WORD_AFTER_RE = re.compile(r"[ \t]+[\"“‘']?((?:[A-Z]\.){2,}|[A-Za-z][A-Za-z’'\-]*)")
_POSSESSIVE = ("'s", "’s")
_OTHER_AFTER = re.compile(r"[^.!?;\n]{0,80}?\b(?:another|the other|the others)\b", re.I)
_ONE_NOT_AFTER = frozenset({"the", "no", "any", "every", "each", "which", "either", "neither"})
_ACCORDING_TO = re.compile(r"\baccording[ \t]+to[ \t]+$", re.I)


def counted_noun(text: str, end: int, amount: Decimal | Fraction, words: int = 4) -> str | None:
    """The noun a number counts, singular and lowercase, or None.

    The first plural noun within four words ("284 Japanese companies" -> "company"), skipping
    "other"/"more" and proper nouns that only look plural ("two Texas bank accounts" ->
    "account"), and the second of two plurals in a row ("two ratings agencies" -> "agency");
    a singular unit of measure used attributively ("a three year programme" -> "year"); for a
    count of one the last word before a stop ("one prison suicide every" -> "suicide") or a
    possessive ("one month's data" -> "month"); after a decimal ("7.1 magnitude") the next
    word. A function word, a verb form or punctuation ends the search.
    """
    pos = end
    last: str | None = None
    decimal = amount != int(amount)
    for step in range(words):
        match = WORD_AFTER_RE.match(text, pos)
        if match is None:
            break
        word = match.group(1).strip("-’'")
        lowered = word.lower()
        acronym = len(word) > 1 and word.isupper()
        pos = match.end()
        glued = pos < len(text) and text[pos] not in " \t"  # punctuation ends the noun phrase
        if lowered in SKIP_WORDS:
            if glued:
                break
            continue
        if not word or lowered in NUMBER_WORDS or (lowered in STOP_WORDS and not acronym):
            break
        if decimal and step == 0 and word[0].islower():
            return singular(word)
        if amount != 1:
            if is_plural(word):
                head = None if glued else _later_plural(text, pos, word, words - step - 1)
                return head or singular(word)
            if step == 0 and lowered in ATTRIBUTIVE_NOUNS and word[0].islower() and not glued:
                follow = WORD_AFTER_RE.match(text, pos)
                if follow is not None and follow.group(1).lower() not in STOP_WORDS and not (
                    is_plural(follow.group(1))
                ):
                    return lowered  # "a three year programme", "the 25 nation EU"
        else:
            if step == 0 and is_plural(word) and not lowered.endswith(_POSSESSIVE):
                return None  # "one divides": a verb, not a noun that one counts
            if lowered.endswith(_POSSESSIVE):
                return singular(lowered[:-2]) if word[0].islower() else None
            if last is not None and lowered.endswith(("ed", "ing")):
                break
            last = word
        if glued:
            break
    if amount == 1 and last is not None and last[0].islower():
        return singular(last)
    return None


def _later_plural(text: str, pos: int, word: str, words: int) -> str | None:
    """The counted noun after a plural that only modifies it: a proper noun that looks
    plural ("two Texas bank accounts", "150 Robosapiens remote control robots") or a plural
    used attributively ("two ratings agencies"); None when ``word`` is the head."""
    if word[0].islower() and word.lower() not in ATTRIBUTIVE_PLURALS:
        return None
    for _ in range(words):
        match = WORD_AFTER_RE.match(text, pos)
        if match is None:
            return None
        after = match.group(1)
        if not after[:1].islower() or after.lower() in STOP_WORDS or after.lower() in NUMBER_WORDS:
            return None
        if is_plural(after):
            return singular(after)
        pos = match.end()
        if pos < len(text) and text[pos] not in " \t":
            return None
    return None


def one_counts(text: str, start: int, end: int) -> str | None:
    """The noun that a bare "one" at [start, end) counts, when it states a number ("charged
    with one felony", "this one issue", "one more briefing") rather than standing for "a" or
    a pronoun ("one analyst said", "in one case", "one of", "no one", "one ... another"):
    the singular noun, else None."""
    if text[start].isupper():
        return None  # "One result was", "One user has": "a", at a sentence's start
    before = text[max(0, start - 12) : start].split()
    if before and before[-1].lower() in _ONE_NOT_AFTER:
        return None
    if before and before[-1] == "In":
        return None  # "In one message, he wrote": "a"
    if _ACCORDING_TO.search(text, max(0, start - 16), start):
        return None  # "according to one estimate"
    unit = counted_noun(text, end, Decimal(1))
    if unit is None or unit in ONE_NOT_COUNTED:
        return None
    if _OTHER_AFTER.match(text, end):
        return None  # "elected for one party then defecting to another"
    return unit
