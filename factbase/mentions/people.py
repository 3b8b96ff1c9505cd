"""Named officials: people named with a title, whether or not they are declared entities —
"Secretary of State Madeleine Albright", "Helmut Panke, BMW's group chief executive", "ONGC
chairman Subir Raha".

Rules (documented in docs/mentions.md):

* a title is a run of title words (the lexicon of ``roles.py``) that ends with a head noun:
  "group chief executive", "Foreign Secretary", "Lord Chancellor"; in "former South African
  president" it is "president" (a nationality is no title word); a plural ("analysts") is no
  one's title, nor is a head that modifies the next noun ("a pilot scheme");
* the title must be attached to a name by the grammar of ``attach.py``: a title before the
  name, an apposition on either side, or a predicate ("X is Y", "X, who is Y", "X was
  appointed Y"); a title with no name attached gives nothing;
* the mention's span is the name as written, honorifics (Mr, Dr, Sir, …) and a possessive
  left out, peerage titles (Lord, Baroness) kept; its value is :class:`~factbase.values.Person`
  with the name and the title as written (with its complement in an apposition: "director
  of the IMRG"), and the title's offsets;
* one mention per name occurrence (the first title attached to it); a name of one word needs
  the title right before it ("President Bush") or an honorific ("Mr Ghosn, who is …").
"""

from __future__ import annotations

import re

from ahocorasick_rs import AhoCorasick, MatchKind

from ..values import Person
from .attach import CLAUSE_WORDS, holder
from .roles import HEADS, MODIFIERS, NEGATING_BEFORE, is_whole_title, word_before
from .types import Mention

# Every head in one Aho-Corasick automaton over the lower-cased text: several times faster
# than a regex alternation (the heads are found in every text, person mentions wanted or not).
_HEADS = sorted(HEADS)
_HEAD_FINDER = AhoCorasick(_HEADS, matchkind=MatchKind.LeftmostLongest)


def _heads(text: str) -> list[tuple[int, int]]:
    """Where a head noun stands as a word (any case; after a hyphen too: "ex-chairman")."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ"): keep the offsets
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    out = []
    for _, start, end in _HEAD_FINDER.find_matches_as_indexes(low):
        if start and (low[start - 1].isalnum() or low[start - 1] == "_"):
            continue
        if end < len(low) and (low[end].isalnum() or low[end] in "_-‐‑"):
            continue
        out.append((start, end))
    return out
_NEXT = re.compile(r"(?:[ \t\u00a0]|[‐‑-])([^\W\d_][\w'’]*)")
# "Secretary of State", "Chancellor of the Exchequer": a capitalised head with the office it
# is of, written as one title before a name.
_OFFICE = re.compile(r" of (?:the )?(?:State|Defen[cs]e|Exchequer|Treasury|Staff|Commerce|"
                     r"Energy|Labou?r|Justice|Education|Health|Transportation|Agriculture|"
                     r"Interior|Homeland Security|Veterans Affairs|Housing)(?![\w-])")
# A title's own "of" complement ("Governor of the Reserve Bank"), kept in the role text.
_OF_COMPLEMENT = re.compile(r" of(?: the)?(?: [A-Za-z][\w'’&-]*){1,4}(?=[,.;:)]|$)")
# A head followed by a noun it modifies ("a pilot scheme", "leader board") is no title.
_NEXT_LOWER = re.compile(r"[ \t\u00a0]([a-z][a-z'’-]*)\b")
# A head that is no title alone: "General Motors", "Executive" in "Executive Order".
_NOT_ALONE = frozenset({"general", "executive", "deputy", "partner", "owner", "speaker",
                        "chair", "head", "officer"})


def find_people(text: str) -> list[Mention]:
    """Person mentions of named officials in ``text``, sorted, one per name occurrence."""
    found: list[Mention] = []
    taken: set[tuple[int, int]] = set()
    end_of_last = -1
    for head_start, head_end in _heads(text):
        if head_start < end_of_last:
            continue
        start, end = _title(text, head_start, head_end)
        end_of_last = end
        words = text[start:end].split()
        if (len(words) == 1 and words[0].casefold() in _NOT_ALONE
                and not text.startswith(" of ", end)):
            continue
        if not is_whole_title(text, start, end) or _modifies_next(text, end):
            continue
        attached = holder(text, start, end)
        if attached is None:
            continue
        if (attached.how == "title" and not attached.honorific
                and " " not in text[attached.start:attached.end]
                and (not text[start:start + 1].isupper() or _inside_proper_name(text, start))):
            # "market leader Diageo": one word after a lower-case title is a firm's name;
            # "the Family Justice Division": a capitalised title inside a proper name
            continue
        span = (attached.start, attached.end)
        if span in taken:
            continue
        taken.add(span)
        office = _OF_COMPLEMENT.match(text, end)
        role_end = office.end() if office is not None and attached.how != "title" else end
        role = text[start:role_end]
        found.append(Mention("person", span[0], span[1], text[span[0]:span[1]],
                             Person(text[span[0]:span[1]], role, start, role_end)))
    found.sort(key=lambda m: m.start)
    return found


def _inside_proper_name(text: str, start: int) -> bool:
    """Whether a capitalised word other than a sentence's first runs into the title at
    ``start`` ("Family Justice"); acronyms and possessives do not ("US President")."""
    before = word_before(text, start)
    if before is None or before[2] != " ":
        return False
    at, word, _ = before
    if not (word[0].isupper() and word[1:2].islower()) or "'" in word or "’" in word:
        return False
    return at > 0 and text[max(0, at - 2):at] not in (". ", "! ", "? ", ": ", '" ', "“ ") \
        and text[at - 1] != "\n" and not text[:at].isspace()


def _modifies_next(text: str, end: int) -> bool:
    """Whether the title that ends at ``end`` is followed by a noun it modifies ("a pilot
    scheme"): a lower-case word that is neither a verb, a preposition nor a conjunction."""
    after = _NEXT_LOWER.match(text, end)
    return after is not None and after.group(1) not in CLAUSE_WORDS


def _title(text: str, start: int, end: int) -> tuple[int, int]:
    """The run of title words around the head at [start, end): modifiers and heads before it,
    modifiers and heads after it up to the last head ("Chief Operating Officer")."""
    pos = end
    for _ in range(4):
        after = _NEXT.match(text, pos)
        if after is None:
            break
        word = after.group(1).casefold()
        if word in HEADS:
            end = pos = after.end()
        elif word in MODIFIERS:
            pos = after.end()
        else:
            break
    if text[end - 1:end].isalpha() and text[start:start + 1].isupper():
        office = _OFFICE.match(text, end)
        if office is not None:
            end = office.end()
    while True:
        before = word_before(text, start)
        if before is None or len(before[2]) != 1 or before[2] == "–":
            break
        word = before[1].casefold()
        if word not in MODIFIERS and word not in HEADS and word not in NEGATING_BEFORE:
            break
        start = before[0]
    return start, end
