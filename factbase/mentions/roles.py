"""Roles as titles: the words titles are made of, how a written role is folded for matching,
and where a role matches as a whole title (never as a word inside a longer title or a name).

Rules (documented in docs/mentions.md):

* a role is compared folded: Unicode NFKC, case-folded, curly quotes as straight ones, every
  hyphen and dash as a space, runs of whitespace as one space ("Vice-President" = "vice
  president"); nothing else (no stemming, "U.S." is not "US");
* a role matches only at word boundaries, and only as a whole title: not after a word that
  makes another title of it ("Deputy Chief", "Vice President", "shadow chancellor", "acting
  president", "co-chairman", "under-secretary"), not before a word that continues the title
  ("Chief Executive", "Attorney General", "president-elect"), and not before a possessive
  that names an institution ("the Attorney General's Office").

The role lexicon (``HEADS``, ``MODIFIERS``) lists the English job titles news text uses; the
named-officials extractor (``people.py``) reads it. It is ours: the title lists of
name-parsing libraries are written for parsing a name string ("Dr. Jane Doe III") and hold
honorifics, nationalities and pronouns, not the head nouns of titles in running text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
    "-": " ", "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " ",
    "\u00a0": " ",
})

# Words that, right before a title, make another title of it: a deputy chief is not the chief.
NEGATING_BEFORE = frozenset({
    "deputy", "vice", "assistant", "associate", "acting", "shadow", "under", "sub",
    "lieutenant", "co", "prospective", "incoming", "would-be", "honorary",
})
# Words that, right after a title, continue it into another one: "Chief Executive",
# "Attorney General", "Secretary General", "president-elect".
CONTINUING_AFTER = frozenset({
    "general", "executive", "executives", "secretary", "minister", "justice", "constable",
    "whip", "inspector", "elect", "designate", "of-state",
})

# Head nouns of titles: the last word of "group chief executive", "finance minister".
HEADS = frozenset({
    "president", "chairman", "chairwoman", "chairperson", "chair", "chief", "executive",
    "officer", "director", "manager", "head", "boss", "leader", "founder", "co-founder",
    "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "chancellor",
    "premier", "governor", "treasurer", "senator", "congressman", "congresswoman", "mp",
    "mep", "msp", "judge", "prosecutor", "attorney", "lawyer", "solicitor", "barrister", "qc",
    "commissioner", "ambassador", "envoy", "consul", "mayor", "councillor", "administrator",
    "analyst", "economist", "strategist", "consultant", "adviser", "advisor", "researcher",
    "scientist", "professor", "lecturer", "editor", "correspondent", "journalist", "reporter",
    "columnist", "presenter", "producer", "writer", "author", "blogger", "designer",
    "architect", "engineer", "inventor", "entrepreneur", "investor", "banker", "trader",
    "broker", "auditor", "accountant", "inspector", "superintendent", "constable",
    "commander", "admiral", "colonel", "archbishop", "bishop", "cardinal", "coach",
    "captain", "striker", "winger", "goalkeeper", "dj", "landowner", "patriarch", "supremo",
    "ceo", "cfo", "coo", "cto", "vice-chairman", "vice-president",
    "director-general", "secretary-general", "general", "justice", "whip", "speaker",
    "deputy", "partner", "owner", "publisher", "curator", "dean", "provost",
    "rector", "chaplain", "pastor", "rabbi", "imam", "diplomat", "negotiator", "regulator",
    "ombudsman", "auditor-general", "controller", "comptroller", "registrar", "clerk",
    "physician", "surgeon", "doctor", "psychologist", "psychiatrist", "futurologist",
    "neuroscientist", "expert", "specialist", "campaigner", "activist",
    "organiser", "organizer", "chef", "pilot", "sheriff", "detective", "chieftain",
    "co-chairman", "under-secretary",
})
# Words that build a title in front of its head: "chief", "finance", "foreign".
MODIFIERS = frozenset({
    "chief", "senior", "deputy", "vice", "assistant", "associate", "acting", "executive",
    "managing", "general", "group", "joint", "former", "ex", "non-executive", "finance",
    "foreign", "home", "economy", "economic", "trade", "health", "education", "transport",
    "defence", "defense", "interior", "justice", "environment", "energy", "culture",
    "sport", "sports", "media", "tourism", "agriculture", "shadow", "prime", "first",
    "permanent", "principal", "lead", "technology", "technical", "marketing", "sales",
    "commercial", "research", "credit", "bond", "equity", "insurance", "telecoms",
    "oil", "fund", "policy", "financial", "operating", "regional", "national",
    "international", "global", "affairs", "monetary", "treasury", "interim", "founding",
    "co", "lord", "outgoing", "party", "opposition", "government", "cabinet", "junior",
    "special", "political", "legal", "investment", "industry", "market", "retail",
    "property", "currency", "security", "development", "communications", "press",
    "information", "parliamentary", "district", "state", "federal", "union", "council",
    "board", "company", "club", "team", "news", "business", "science", "attorney",
    "solicitor", "secretary", "director", "minister", "president", "chairman", "county",
    "city", "local", "revenue",
})


def fold(text: str) -> str:
    """A written role as it is compared: NFKC, case-folded, typography unified, whitespace
    collapsed. "Vice-President" and "vice  president" fold alike."""
    folded = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    return " ".join(folded.split())


def fold_map(text: str) -> tuple[str, list[int]]:
    """``text`` folded as :func:`fold` folds it (without the strip), and for each folded
    character the offset of the character of ``text`` it comes from, with ``len(text)``
    appended (so an end-exclusive folded offset maps back too)."""
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char).translate(_TYPOGRAPHY).casefold()
        for f in folded:
            if f.isspace():
                if out and out[-1] == " ":
                    continue
                f = " "
            out.append(f)
            where.append(i)
    where.append(len(text))
    return "".join(out), where


def find_forms(text: str, forms: Iterable[str]) -> list[tuple[int, int]]:
    """Where any of ``forms`` (compared folded) occurs in ``text`` as a whole title, as
    sorted, non-overlapping (start, end) offsets of ``text`` (the longest form wins)."""
    folded, where = fold_map(text)
    found: list[tuple[int, int]] = []
    for form in {fold(f) for f in forms}:
        if not form:
            continue
        at = folded.find(form)
        while at >= 0:
            stop = at + len(form)
            if ((at == 0 or not folded[at - 1].isalnum())
                    and (stop == len(folded) or not folded[stop].isalnum())):
                start, end = where[at], where[stop - 1] + 1
                if is_whole_title(text, start, end):
                    found.append((start, end))
            at = folded.find(form, at + 1)
    found.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for span in found:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


_SEPARATORS = " \t\u00a0‐‑–-"


def word_before(text: str, start: int) -> tuple[int, str, str] | None:
    """The word right before ``start`` across one to three spaces or hyphens: its start, the
    word, and the separator; None when there is none. (A backward scan: a regex anchored at
    ``start`` would be tried from every position of its window.)"""
    pos = start
    while pos > 0 and start - pos < 3 and text[pos - 1] in _SEPARATORS:
        pos -= 1
    if pos == start or (pos > 0 and text[pos - 1] in _SEPARATORS):
        return None
    end = pos
    while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "'’_"):
        pos -= 1
    while pos < end and not text[pos].isalpha():
        pos += 1
    if pos == end:
        return None
    return pos, text[pos:end], text[end:start]
_WORD_AFTER = re.compile(r"^[ \t\u00a0‐‑–-]+([^\W\d_][\w'’‐‑-]*)")
_HYPHEN_AFTER = re.compile(r"^[‐‑-]([^\W\d_]+)")
_INSTITUTION_AFTER = re.compile(r"^['’]s\s+[A-Z]")


def is_whole_title(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands as a title of its own there (see the rules)."""
    before = word_before(text, start)
    # "under" is a preposition ("under President Obama") unless it is written as part of the
    # title: "under-secretary", "Under Secretary"
    if (before is not None and before[1].casefold() in NEGATING_BEFORE
            and (before[1] != "under" or before[2] != " ")):
        return False
    tail = text[end:end + 40]
    if _INSTITUTION_AFTER.match(tail):
        return False
    hyphen = _HYPHEN_AFTER.match(tail)
    if hyphen is not None and hyphen.group(1).casefold() in CONTINUING_AFTER:
        return False
    after = _WORD_AFTER.match(tail)
    return not (after is not None and hyphen is None
                and after.group(1).casefold() in CONTINUING_AFTER)
