"""Whose role is it: the person a role in text is attached to, by the grammar of news prose.

Rules (documented in docs/mentions.md):

* **title before the name**: "Foreign Secretary Jack Straw", "ONGC chairman Subir Raha",
  "finance minister Mr Manuel";
* **apposition after the name**: "Helmut Panke, BMW's group chief executive", "Ian
  Macfarlane, Governor of the Reserve Bank.", "Mr Saakashvili, elected president in
  January" (the role is not followed by a verb of its own: in "to Tony Blair, the chairman
  said" the chairman is someone else);
* **apposition before the name**: "Argentina's economy minister, Roberto Lavagna, said",
  "As chief operating officer, Toshiyuki Shiga will run", "a new ambassador to Seoul, Koji
  Tomita" (a role that is the object of a preposition is not: "in a letter to the chairman,
  John Smith said");
* **predicate**: "X is / was / became / will remain / was appointed / served as Y", "X, who
  is Y", "X, who masterminded its recovery, will remain Y", "He is Y" right after a sentence
  whose subject is X; the words between the verb and the role are the role's own phrase
  ("the president of the Sejong Society and a nonresident fellow"), never a phrase the role
  only complements ("a key ally of the president");
* anything else is no attachment: a role in another clause or sentence, "replaced X as
  chief executive", "X's spokesman" (X's is whose spokesman, not who).

A name is one to five capitalised words (initials, "Mc"/"O'" names, hyphenated given names and
particles such as "de" or "van" inside), without honorifics (Mr, Mrs, Ms, Dr, Prof, Sir, Dame;
peerage titles such as Lord are part of the name). A name of one word counts after a title
("President Bush"), after an honorific ("Mr Ghosn, who …"), or when it is a known name (a
declared entity's); elsewhere a name needs two words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .roles import HEADS

Span = tuple[int, int]

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame",
                        "rev", "mr.", "mrs.", "ms.", "dr.", "prof.", "rev."})
PEERAGE = frozenset({"lord", "lady", "baroness", "baron", "viscount", "earl"})
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "dos", "das", "du", "la", "le",
                        "bin", "al", "del", "della", "di", "ter", "ten", "y"})
# Capitalised words that do not begin (or are not) a person's name.
NOT_NAME = frozenset(["the", "a", "an", "this", "that", "these", "those", "there", "here", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "but", "and", "or", "so", "yet", "if", "when", "while", "after", "before", "as", "at", "by", "for", "from", "in", "into", "of", "on", "to", "with", "without", "also", "then", "now", "today", "yesterday", "tomorrow", "meanwhile", "however", "earlier", "later", "last", "next", "first", "speaking", "according", "instead", "still", "only", "even", "just", "both", "all", "some", "many", "most", "several", "such", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "mr", "mrs", "ms", "dr", "prof", "sir", "dame", "rev", "conservative", "conservatives", "labour", "tory", "tories", "liberal", "democrat", "democrats", "democratic", "republican", "republicans", "green", "greens", "socialist", "unionist", "nationalist", "independent", "british", "american", "english", "french", "german", "spanish", "italian", "russian", "chinese", "japanese", "indian", "irish", "scottish", "welsh", "european", "african", "australian", "canadian", "korean", "brazilian", "mexican", "dutch", "swiss", "swedish", "israeli", "palestinian", "iraqi", "iranian", "pakistani", "turkish", "greek", "polish", "ukrainian", "argentine", "argentinian", "us", "uk", "eu", "un", "nato", "bank", "group", "party", "council", "commission", "ministry", "office", "department", "association", "institute", "university", "fund", "federation", "union", "corporation", "corp", "inc", "ltd", "plc", "airline", "airlines", "airways", "motors", "research", "markets", "securities", "capital", "partners", "news", "post", "times", "street", "house", "court", "committee", "agency", "authority", "board", "service", "services", "industries", "international", "holdings", "energy", "unit", "centre", "center", "foundation", "trust", "society", "club", "league", "exchange", "government", "parliament", "treasury", "cabinet", "assembly", "senate", "congress", "police", "army", "navy", "forces", "company", "companies", "intelligence", "reserve", "economics"])

# Verbs and words that end a role's phrase: a clause of its own begins.
_CLAUSE = frozenset(["said", "says", "say", "told", "tells", "added", "adds", "warned", "warns", "argued", "argues", "claimed", "claims", "announced", "insisted", "insists", "stated", "states", "wrote", "writes", "asked", "asks", "explained", "explains", "believes", "believed", "thinks", "thought", "expects", "hopes", "hoped", "wants", "wanted", "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "did", "does", "do", "became", "becomes", "become", "gets", "got", "made", "makes", "took", "takes", "gave", "gives", "called", "calls", "urged", "urges", "admitted", "denied", "described", "noted", "pointed", "suggested", "revealed", "confirmed", "predicted", "accused", "defended", "welcomed", "criticised", "criticized", "questioned", "responded", "replied", "commented", "declined", "refused", "agreed", "promised", "vowed", "stressed", "reported", "resigned", "joined", "left", "met", "led", "leads", "runs", "ran", "plans", "planned", "decided", "tried", "failed", "helped", "faces", "faced", "remains", "remained", "stepped", "quit", "put", "see", "sees", "saw", "knows", "knew", "goes", "went", "came", "comes", "looks", "looked", "seemed", "seems", "told", "telling", "saying", "adding", "who", "which", "that", "whose", "whom", "when", "where", "while", "because", "although", "though", "but", "if", "than", "whether"])
_PREPOSITIONS = frozenset(["of", "for", "at", "to", "in", "on", "with", "from", "by", "about", "against", "into", "over", "under", "after", "before", "since", "until", "during", "between", "among", "within", "without", "across", "behind", "via", "per", "towards", "toward", "upon", "as"])
# The words after which a title's phrase is over (a verb, a preposition, a conjunction).
CLAUSE_WORDS = _CLAUSE | _PREPOSITIONS | frozenset({"and", "or", "nor", "also", "himself",
                                                     "herself", "now", "then", "too"})
_BARE_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "my",
                               "your"})

# Verb phrases that make their object a role of their subject ("X was appointed Y").
_COPULAS = tuple(sorted((tuple(p.split()) for p in """
is|was|are|were|be|been|became|becomes|become|remains|remained|is to become|was to become|
will be|will become|will remain|has been|had been|have been|
was appointed|is appointed|has been appointed|had been appointed|will be appointed|
was named|has been named|was made|was elected|has been elected|was re-elected|
was promoted to|served as|serves as|has served as|works as|worked as|took over as|
was installed as|was confirmed as|is now|was once|is also|was also|is currently|remains as
""".replace("\n", "").split("|")), key=len, reverse=True))
_COPULA_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _copula in _COPULAS:
    _COPULA_BY_LAST.setdefault(_copula[-1], []).append(_copula)
_ADVERB = re.compile(r"^(?:[a-z]+ly|now|also|still|then|once|previously|later|soon)$")

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’‐‑-]*[^\W_])?")
_SPACE = re.compile(r"[ \t\u00a0]{1,3}")
_NAME_WORD = r"(?<![\w.'’‐‑-])(?:[A-Z]\.|[^\W\d_](?:[\w'’‐‑-]*[^\W_])?)"
_NAME_HEAD = re.compile(rf"{_NAME_WORD}(?:[ \t\u00a0]{{1,2}}{_NAME_WORD}){{0,6}}")
_NAME_TAIL = re.compile(rf"(?:{_NAME_WORD}[ \t\u00a0]{{1,2}}){{0,6}}{_NAME_WORD}$")
_WORD_IN = re.compile(_NAME_WORD)
_FOLLOWER = re.compile(r"[ \t\u00a0]{1,2}([^\W\d_][\w'’‐‑-]*)")
_POSSESSIVE = re.compile(r"['’]s?$")
_ENDS_CLAUSE = re.compile(r"[.!?;:\"“”()\[\]\n]")


@dataclass(frozen=True)
class Attachment:
    """The name a role is attached to: its offsets (honorific left out), how it is attached,
    and whether an honorific stood before it."""

    start: int
    end: int
    how: str  # "title", "apposition", "predicate"
    honorific: bool = False


def _name_like(word: str) -> bool:
    # No digits: "G-20Dec" (a run-together "G-20" and "Dec.") names no one.
    return word[0].isupper() and (any(c.islower() for c in word) or len(word) <= 2) \
        and not any(c.isdigit() for c in word)


def _stops_name(word: str) -> bool:
    folded = word.casefold().rstrip(".")
    return folded in NOT_NAME or folded in HEADS or folded in HONORIFICS


def name_at(text: str, pos: int, known: Sequence[Span] = ()) -> tuple[Span, bool] | None:
    """The name that starts at ``pos`` (after an optional honorific), and whether an
    honorific stood before it; None when no name starts there."""
    honorific = False
    token = _TOKEN.match(text, pos)
    if token is not None and token.group().casefold() in HONORIFICS:
        after = token.end() + (1 if text[token.end():token.end() + 1] == "." else 0)
        space = _SPACE.match(text, after)
        if space is not None:
            honorific, pos = True, space.end()
    for start, end in known:
        if start == pos:
            return (start, end), honorific
    run = _NAME_HEAD.match(text, pos)
    if run is None:
        return None
    words: list[tuple[int, int, str]] = []
    for m in _WORD_IN.finditer(text, run.start(), run.end()):
        word = m.group()
        possessive = _POSSESSIVE.search(word) if ("'" in word or "’" in word) else None
        stop = m.end()
        if possessive is not None:
            word = word[:possessive.start()]
            stop = m.start() + len(word)
        particle = bool(words) and (word in _PARTICLES or (
            word == "of" and words[0][2].casefold() in PEERAGE))  # "Lord Irvine of Lairg"
        if not word or not (_name_like(word) or particle):
            break
        if _stops_name(word) and not particle:
            break
        words.append((m.start(), stop, word))
        if possessive is not None:
            break
    while words and (words[-1][2] in _PARTICLES or words[-1][2] == "of"):
        words.pop()
    if not words or len(words) > 5:
        return None
    stop = words[-1][1]
    follower = _FOLLOWER.match(text, stop)
    if follower is not None and (follower.group(1)[0].isupper()
                                 or follower.group(1).casefold() in HEADS):
        # "Imam Khomeini International Airport", "chief Asian strategist": the capitalised
        # words go on, so they name something else, or modify a title
        return None
    return (words[0][0], stop), honorific


def name_after(text: str, at: int, known: Sequence[Span] = ()) -> tuple[Span, bool] | None:
    """The name that starts after the spaces at ``at``; see :func:`name_at`."""
    space = _SPACE.match(text, at)
    return None if space is None else name_at(text, space.end(), known)


def name_before(text: str, end: int, known: Sequence[Span] = ()) -> tuple[Span, bool] | None:
    """The name that ends at ``end`` (leading sentence adverbs, party and nationality words
    left out), and whether an honorific stands before it; None when no name ends there."""
    for start, stop in known:
        if stop == end:
            return (start, stop), _honorific_before(text, start)
    run = _NAME_TAIL.search(text, max(0, end - 60), end)
    if run is None:
        return None
    words = [(m.start(), m.end(), m.group()) for m in _WORD_IN.finditer(text, run.start(), end)]
    kept: list[tuple[int, int, str]] = []
    for start, stop, word in reversed(words):
        if word in _PARTICLES and kept:
            kept.insert(0, (start, stop, word))
            continue
        if not _name_like(word) or _stops_name(word):
            break
        kept.insert(0, (start, stop, word))
    while kept and kept[0][2] in _PARTICLES:
        kept.pop(0)
    if not kept or len(kept) > 5 or kept[-1][1] != end:
        return None
    return (kept[0][0], kept[-1][1]), _honorific_before(text, kept[0][0])


def _honorific_before(text: str, start: int) -> bool:
    before = re.search(r"([A-Za-z]+)\.?[ \u00a0]+$", text[max(0, start - 12):start])
    return before is not None and before.group(1).casefold() in HONORIFICS


def _counts(span: Span, text: str, honorific: bool, known: Sequence[Span]) -> bool:
    """A name of one word counts after an honorific, or when it is a known name."""
    return (honorific or any(c.isspace() for c in text[span[0]:span[1]])
            or any(start <= span[0] and span[1] <= end for start, end in known))


def holder(text: str, start: int, end: int, known: Sequence[Span] = (),
           pronouns: bool = False) -> Attachment | None:
    """The name the role ``text[start:end]`` is attached to, or None (see the rules).

    ``known`` are spans of names known to be people's (declared entities): they are taken as
    they are. With ``pronouns``, "He is Y" / "She was Y" attaches Y to the name that begins
    the sentence before."""
    found = name_after(text, end, known)
    if found is not None:
        return Attachment(found[0][0], found[0][1], "title", found[1])
    np_start = _phrase_start(text, start)
    tail = complement_end(text, end)
    comma = _COMMA_BEFORE.search(text, max(0, np_start - 4), np_start)
    if comma is not None:
        # apposition after the name: "X, [the Org's] ROLE[ of …][,.]"; the role is not the
        # subject of a verb of its own ("to Tony Blair, the chairman said")
        if _VERB_NEXT.match(text, tail) and text[np_start:np_start + 4].casefold() in _ARTICLE_LED:
            return None
        found = name_before(text, comma.start(), known)
        if found is not None:
            if _counts(found[0], text, found[1], known):
                return Attachment(found[0][0], found[0][1], "apposition", found[1])
            return None
    # apposition before the name: "[the Org's] ROLE[ of …], X"
    after = _COMMA_AFTER.match(text, tail)
    if after is not None:
        found = name_at(text, after.end(), known)
        if (found is not None and _counts(found[0], text, found[1], known)
                and (not _object_of_preposition(text, np_start)
                     or _CLOSED.match(text, found[0][1]))):
            return Attachment(found[0][0], found[0][1], "apposition", found[1])
    # predicate: "X [, who …,] is / was appointed / served as [the …] ROLE"
    return _predicate(text, start, known, pronouns)


_ARTICLE_LED = frozenset({"the ", "a ", "an ", "this", "that"}) | {w[:4] for w in ("the ", "a ", "an ")}
_COMMA_BEFORE = re.compile(r",[ \t\u00a0]{1,2}$")
_CLOSED = re.compile(r"['’]?s?(?:[,.;:)]|$)")
_COMMA_AFTER = re.compile(r",[ \t\u00a0]{1,2}")
_VERB_NEXT = re.compile(r"[ \t\u00a0]+(?:" + "|".join(
    sorted(_CLAUSE - {"who", "which", "that", "whose", "whom", "when", "where", "while",
                      "because", "although", "though", "but", "if", "than", "whether"})) + r")\b")


def _words_before(text: str, at: int, limit: int) -> list[tuple[int, int, str]]:
    """Up to ``limit`` words right before ``at`` in its clause (after the last comma or
    clause punctuation), in text order."""
    window = max(0, at - 160)
    chunk = text[window:at]
    cut = max(chunk.rfind(c) for c in ".!?;:\"“”()\n,")
    if cut >= 0:
        window += cut + 1
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, window, at)]
    return tokens[-limit:]


def _phrase_start(text: str, start: int) -> int:
    """Where the noun phrase of the role at ``start`` begins: back over modifiers,
    possessives and capitalised words to a determiner (included) or to a verb, preposition
    or clause boundary (excluded)."""
    pos = start
    for token_start, token_end, word in reversed(_words_before(text, start, 6)):
        if text[token_end:pos].strip(" \t\u00a0‐‑-"):
            break
        folded = word.casefold()
        if folded in _BARE_DETERMINERS:
            return token_start
        if folded in _CLAUSE or folded in _PREPOSITIONS:
            break
        pos = token_start
    return pos


def _object_of_preposition(text: str, np_start: int) -> bool:
    """Whether the phrase at ``np_start`` is a preposition's object ("to the chairman"); a
    sentence that opens with "As" ("As chief operating officer, X") is not."""
    before = _words_before(text, np_start, 1)
    if not before or text[before[-1][1]:np_start].strip():
        return False
    word = before[-1][2]
    return word != "As" and word.casefold() in _PREPOSITIONS


_COMPLEMENT_WORD = re.compile(r"[\w'’‐‑-]*\w")


def complement_end(text: str, end: int) -> int:
    """The end of the role's complement ("of the European Commission", "at CIBC World
    Markets"): up to ten words in the clause, opening with a preposition or an article,
    with no verb of a clause of its own."""
    pos = end
    for count in range(10):
        if text[pos:pos + 1] != " ":
            break
        token = _COMPLEMENT_WORD.match(text, pos + 1)
        if token is None:
            break
        folded = token.group().casefold()
        if folded in _CLAUSE:
            break
        if count == 0 and folded not in _PREPOSITIONS and folded not in {"the", "a", "an"}:
            break
        pos = token.end()
    return pos


def _predicate(text: str, start: int, known: Sequence[Span], pronouns: bool) -> Attachment | None:
    """"X [, who …,] is / was appointed / served as [zone] ROLE": the subject X."""
    words = _words_before(text, start, 20)
    if words and text[words[-1][1]:start].strip(" \t\u00a0‐‑-'’"):
        return None
    for cut in range(len(words), 0, -1):
        for copula in _COPULA_BY_LAST.get(words[cut - 1][2].casefold(), ()):
            n = len(copula)
            if cut - n >= 0 and tuple(w[2].casefold() for w in words[cut - n:cut]) == copula:
                if not _zone_ok(words[cut:]):
                    return None
                return _subject(text, words[cut - n][0], known, pronouns)
        if words[cut - 1][2].casefold() in _CLAUSE:
            return None
    return None


def _zone_ok(zone: list[tuple[int, int, str]]) -> bool:
    """The words between the verb and the role are the role's own phrase: no verb, a
    preposition only after a title word ("head of the …"), at most twelve words."""
    if len(zone) > 12:
        return False
    seen_head = False
    for _, _, word in zone:
        folded = _POSSESSIVE.sub("", word.casefold())
        if folded in _CLAUSE:
            return False
        if folded in _PREPOSITIONS and not seen_head:
            return False
        if folded in HEADS:
            seen_head = True
    return True


_WHO_CLAUSE = re.compile(r",?[ \t\u00a0]+who\b[^,.;:!?\"“”]{0,120},?[ \t\u00a0]*$")


def _skip_spaces_back(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] in " \t\u00a0":
        pos -= 1
    return pos

# a sentence ends at . ! ? after a lowercase letter, a digit or a bracket (not after the
# initial of "James A. Kelly" or the "S." of "U.S."), or at a line break
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])[.!?][\"”’']?\s+|\n\s*")
_PRONOUN = re.compile(r"(?<![^\s\"“])(?:He|She)$")


def _subject(text: str, verb_start: int, known: Sequence[Span], pronouns: bool) -> Attachment | None:
    """The name that is the subject of the verb at ``verb_start``: right before it, after
    an adverb ("Tomita previously served"), or before a "who" clause ("Mr Ghosn, who
    masterminded its recovery, will remain")."""
    window = max(0, verb_start - 200)
    pos = _skip_spaces_back(text, verb_start)
    if pos == verb_start:
        return None
    word = pos
    while word > window and "a" <= text[word - 1] <= "z":
        word -= 1
    adverb = text[word:pos]
    if adverb and _ADVERB.match(adverb) and adverb not in _CLAUSE:
        pos = _skip_spaces_back(text, word)
        if pos == word:
            return None
    who = _WHO_CLAUSE.search(text, window, verb_start) if "who" in text[window:verb_start] else None
    if who is not None:
        pos = who.start()
    found = name_before(text, pos, known)
    if found is not None and _counts(found[0], text, found[1], known):
        return Attachment(found[0][0], found[0][1], "predicate", found[1])
    if pronouns and who is None:
        pronoun = _PRONOUN.search(text, max(0, pos - 4), pos)
        if pronoun is not None:
            return _antecedent(text, pronoun.start(), known)
    return None


def _antecedent(text: str, pronoun: int, known: Sequence[Span]) -> Attachment | None:
    """The name that begins the sentence before the sentence-opening pronoun at
    ``pronoun``."""
    before = text[:pronoun].rstrip()
    if not before.endswith((".", "!", "?")):
        return None
    begin = 0
    for boundary in _SENTENCE_END.finditer(before, 0, len(before) - 1):
        begin = boundary.end()
    found = name_at(text, begin, known)
    if found is not None and _counts(found[0], text, found[1], known):
        return Attachment(found[0][0], found[0][1], "predicate", found[1])
    return None
