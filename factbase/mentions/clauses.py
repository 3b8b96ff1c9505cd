"""What each amount is in its clause: a level or a change, its direction, and its links.

``annotate_clauses(text, mentions)`` runs after the extractors, over the money and quantity
mentions of a text, and gives each that its clause says something about a ``Clause``; a
plain amount ("a $9 million fund") keeps ``clause`` None and is a level. Rules (documented
in docs/mentions.md):

* a change: the amount right after a movement verb ("sales rose 8%", "sank 12.7%", "rose a
  seasonally adjusted 0.5%"), after "by" in a clause with one ("cut production by 3%", "grown
  by an average of 3.2%"), after "up"/"down" ("up 23,600", "closed down 0.89 points"),
  before a change noun ("a 43% rise", "an 8% fall") or after one and "of" ("an increase of
  64%", "falling cigarette sales of 13%"), before "up", "down", "higher", "lower" ("12% down
  on Wednesday"), before "more"/"less than" ("10% more than"; money also at a clause's end:
  "spend £60bn more."), and the amounts listed after one ("by 9.4% and 8.1%"; ", or 1.2%" is
  the same change in another unit). A verb that moves its object ("cut", "raised", "lost",
  "added") makes a change of a share or points only ("cut rates 0.25%", "lifted interest
  rates 0.25%"), or of any amount before its new level ("gained $1.32 to $44.45"): "cut 3,000
  jobs" counts jobs, "lost $5m" is a loss. "growth of 6%" is a rate (a level), and so are
  "cuts of £35bn"; a count of times ("went up five times") and a number that modifies a noun
  ("the 46-year low") are never levels or changes;
* a level reached or left: "to" and "from" after a movement in the same clause ("rose 8% to
  4.7 million", "cut to 4.5% from 4.75%", "up from 3%", "an increase to 1.26%", "from their
  current 4.75%"), "at" right after a change ("closed down 0.89 points at 10,385.48"), and a
  qualified level after a verb ("dipped below 20%"); "compared with" as "from";
* direction: that of the movement word (up: rise, climb, jump, raise, lift, up, higher, ...;
  down: fall, drop, sink, cut, reduce, halve, down, lower, ...);
* links by start offset: a change's ``to`` and ``from_`` levels and each level's ``change``
  and ``pair`` (the level on the other side), when the movement has one change (and its
  ", or" restatements), one level reached and one left; an apposition links back to the
  level before it ("spend £4bn ..., an increase of 64%" -> £4bn is the level reached; "54
  million people ..., up from 34 million" -> 34 million left, 54 million reached);
* ``subject``: the noun phrase before the movement verb, as written ("exports" and
  "imports" in "exports rose 6% while imports added 3%": two changes, each its own);
* a clause ends at a sentence end, ";", ":", and at "while", "whereas", "but", "although",
  "as" ("as sales rose 8%");
* conversions in parentheses take the clause of the amount they convert ("2.4bn euros
  ($3.1bn; £2.9bn)");
* "X to Y" read as a range by an extractor is a change and its new level after a movement
  ("rose $1.64 to $47.10", "up 23,600 to 27,700", "rose by €300m to €2.1bn"), and "up to" after
  a verb of upward motion in the same clause is the level reached, not "at most" ("went up to
  5.5% from 5.4%"; but "cut up to 2,500 jobs" is at most 2,500);
* "topped", "exceeded", "surpassed" right before money or a percentage make it a bound passed,
  `more-than` ("growth had topped 9%"), never for counts ("topped 5 charts");
* qualifiers after the number: "or more", "or higher", "or above", "or over", "and over",
  "or greater", "or older" (at-least), "or less", "or fewer", "or lower", "or below", "or
  under", "and under", "or younger" (at-most), "or so" (about), for money and quantities.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from ..values import Clause, Money, Quantity
from .clause_words import (
    ADVERBS_AFTER,
    ADVERBS_BEFORE,
    AFTER_ADVERB,
    ANY_MOVE,
    CHANGE_NOUNS,
    EXCEEDED,
    FILLERS,
    LEVEL_QUALIFIERS,
    MOVES,
    MOVES_OBJECT,
    OF_FILLERS,
    PHRASAL,
    TRAILING,
    UP_TO_VERBS,
    VERBISH,
    Direction,
    words,
)
from .nouns import singular
from .types import Mention

__all__ = ["annotate_clauses"]

AMOUNTS = ("money", "quantity")
_TOKEN = re.compile(r"[A-Za-z]+(?:[-’'][A-Za-z]+)*")
_BOUNDARY = re.compile(
    r"[.!?;:](?=\s)|\n|\b(?=[wbat])(?:while|whilst|whereas|but|although|though"
    r"|as\b(?!\s+(?:much|many|well|high|low|little|few|far|long|soon|part|of|a|an)\b))\b"
)
_TRAILING = re.compile(
    rf"[ \t]+(?:or|and)[ \t]+({'|'.join(TRAILING)})\b(?![ \t]*(?:than[ \t]+)?[\d$€£¥])", re.I)
# The word after an amount (past "annual", "year-on-year" ...) and what follows it.
_AFTER = re.compile(
    r"[ \t]*[\"'”’]?[ \t]*(?:(?:year-on-year|annual|annualised|quarterly|monthly|overall)[ \t]+)?"
    r"([A-Za-z]+)\b(?:[ \t]*([^\sA-Za-z]|[A-Za-z]+))?")
_UNIT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
_TO_JOIN = re.compile(r"[ \t]+to[ \t]+")
_TO_LATER = re.compile(r"[^.;:!?]{0,48}?\bto[ \t]+(?:an?[ \t]+)?[\d$€£¥]")
_TO_AMOUNT = re.compile(r"[ \t]+to[ \t]+(?:an?[ \t]+)?[\d$€£¥]")
_UP_TO = re.compile(r"(?i:up)[ \t]+(?i:to)[ \t]+")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+$")
_FROM_AFTER = re.compile(r"[ \t]+(?:from|compared[ \t]+(?:with|to))[ \t]+", re.I)
_CONVERSION_GAP = re.compile(r"\s*\(\s*$")
_CHAIN_GAP = re.compile(r"\s*[;,/]\s*$")
_APPOSITION = re.compile(r"[,\-–—]\s*(?:(?:an?|the)\s+)?$")
_PREPOSITIONS = words("to from by of in at on for with into than as per over under")
_SUBJECT_STOPS = words("that said says according to")
_DETERMINERS = words("the a an its their his her this these those")
_PERCENTS = ("percent", "percentage point", "point")
_WINDOW = 240   # characters searched back for a clause's start
_CUE_TOKENS = 12  # tokens searched back for the movement of a "to", "from", "by" or "at"
_CUE_CHARS = 120  # ... within so many characters
_GAP = 80         # characters read back for the words right before an amount
_AT_TOKENS = 3    # "closed down 0.89 points, or 0.01%, at": "at" close after its change
_RELATIVES = words("that which who whom whose where when")


@dataclass
class _Read:
    role: Literal["level", "change"]
    direction: Direction | None = None
    side: Literal["to", "from"] | None = None
    movement: int | None = None      # where its movement word is (or its own start)
    alias: bool = False              # ", or 1.2%": the same change in another unit
    subject: str | None = None
    appositive: bool = False         # ", an increase of 64%", ", up from 34 million"
    converts: int | None = None      # the index of the amount a conversion converts
    change: int | None = None
    to: int | None = None
    from_: int | None = None
    pair: int | None = None


@dataclass(frozen=True)
class _Cue:
    position: int
    direction: Direction | None
    movement: int
    subject: str | None
    transitive: bool = False  # a verb that moves its object ("cut", "raised")
    role: Literal["level", "change"] | None = None  # when the cue is an amount already read


def annotate_clauses(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` (sorted, non-overlapping) with each money and quantity mention's value
    given its :class:`~factbase.values.Clause` where its clause says what it is; a range
    that is a change and its level split in two, qualifiers after the number read."""
    if not any(m.kind in AMOUNTS for m in mentions):
        return mentions
    mentions = _reshape(text, mentions)
    reads: dict[int, _Read] = {}
    for i, mention in enumerate(mentions):
        if mention.kind in AMOUNTS and not _aside(mention):
            read = _conversion(text, mentions, i, reads) or _read(text, mentions, i, reads)
            if read is not None:
                reads[i] = read
    _link(text, mentions, reads)
    out = list(mentions)
    for i, read in reads.items():
        value = out[i].value
        assert isinstance(value, Money | Quantity)
        clause = Clause(role=read.role, direction=read.direction, side=read.side,
                        change=read.change, to=read.to, from_=read.from_, pair=read.pair,
                        subject=read.subject)
        out[i] = replace(out[i], value=replace(value, clause=clause))
    return out


# ---------------------------------------------------------------------------- reshaping


def _reshape(text: str, mentions: list[Mention]) -> list[Mention]:
    """Trailing qualifiers read, "went up to N" made a level, and "rose $1.64 to $47.10"
    split into the change and its level."""
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        if m.kind not in AMOUNTS:
            out.append(m)
            continue
        value = m.value
        assert isinstance(value, Money | Quantity)
        limit = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        trailing = _TRAILING.match(text, m.end) or _trailing_after_unit(text, m, value)
        if trailing is not None and trailing.end() <= limit and value.qualifier is None:
            value = replace(value, qualifier=TRAILING[trailing.group(1).lower()])
            m = replace(m, end=trailing.end(), text=text[m.start : trailing.end()], value=value)
        if value.qualifier is None and _exceeded(text, m, value):
            before = _WORD_BEFORE.search(text, max(0, m.start - 20), m.start)
            assert before is not None
            value = replace(value, qualifier="more-than")
            m = replace(m, start=before.start(1), text=text[before.start(1) : m.end], value=value)
        up_to = _UP_TO.match(m.text)
        if up_to is not None and value.qualifier == "at-most" and _up_to_moves(text, m):
            start = m.start + up_to.end()
            value = replace(value, qualifier=None)
            m = replace(m, start=start, text=text[start : m.end], value=value)
        if value.upper is not None and _TO_JOIN.search(m.text) and _changes_before(text, mentions, i, m.start):
            out.extend(_split(text, m, value))
            continue
        out.append(m)
    return out


def _trailing_after_unit(text: str, m: Mention, value: Money | Quantity) -> re.Match[str] | None:
    """"3 hours or so", "20 years or more": the qualifier after the counted noun."""
    if not isinstance(value, Quantity) or value.unit is None or " " in value.unit:
        return None
    word = _UNIT_WORD.match(text, m.end)
    if word is None or singular(word.group(1)) != value.unit:
        return None
    return _TRAILING.match(text, word.end())


def _exceeded(text: str, m: Mention, value: Money | Quantity) -> bool:
    """"growth had topped 9%", "sales exceeded $1bn": a bound passed (money and shares only)."""
    if isinstance(value, Quantity) and value.unit != "percent":
        return False
    before = _WORD_BEFORE.search(text, max(0, m.start - 20), m.start)
    return before is not None and before.group(1).lower() in EXCEEDED


def _up_to_moves(text: str, m: Mention) -> bool:
    """"went up to 5.5%", "up to 5.5% from 5.4%": a level reached, not "at most". Only a verb
    of upward movement in the same clause makes it so: "cut up to 2,500 jobs" is at most, and
    so is "Up to 2,500 jobs" after a headline that says "cuts"."""
    start = _clause_start(text, m.start)
    before = [w.lower() for w in _TOKEN.findall(text, max(start, m.start - 40), m.start)[-3:]]
    moves = any(w in UP_TO_VERBS or ANY_MOVE.get(w) == "up" for w in before)
    return moves or bool(_FROM_AFTER.match(text, m.end))


def _changes_before(text: str, mentions: list[Mention], i: int, start: int) -> bool:
    """Whether the words before the range at ``i`` make it a change and its new level
    ("rose $1.64 to $47.10", "up 23,600 to 27,700", "lifted rates 0.25% to 5.5%")."""
    if mentions[i].text[:8].lower() == "between ":
        return False  # "between 10% to 15% lower": a range, whatever it is
    read = _read(text, mentions, i, {})
    return read is not None and read.role == "change" and (read.movement or 0) < start


def _split(text: str, m: Mention, value: Money | Quantity) -> list[Mention]:
    join = _TO_JOIN.search(m.text)
    assert join is not None and value.upper is not None
    first_end, second_start = m.start + join.start(), m.start + join.end()
    first = replace(m, end=first_end, text=text[m.start : first_end], value=replace(value, upper=None))
    reached: Money | Quantity = (
        Money(value.upper, value.currency) if isinstance(value, Money)
        else Quantity(value.upper, value.unit)
    )
    second = replace(m, start=second_start, text=text[second_start : m.end], value=reached)
    return [first, second]


# ---------------------------------------------------------------------------- reading


def _clause_start(text: str, start: int) -> int:
    """Where the clause around ``start`` begins: after the last boundary before it, at most
    ``_WINDOW`` characters back."""
    ends = _boundaries(text)
    k = bisect_right(ends, start) - 1
    return max(ends[k] if k >= 0 else 0, start - _WINDOW, 0)


@lru_cache(maxsize=4)
def _boundaries(text: str) -> list[int]:
    # One scan per text (cached: every amount of the text asks), not one per amount.
    return [match.end() for match in _BOUNDARY.finditer(text)]


def _gap_words(text: str, mentions: list[Mention], i: int, start: int) -> tuple[list[str], list[int]]:
    """The words between the mention before (or the clause's start) and ``start``,
    lowercased, with the fillers at their end dropped ("rose a seasonally adjusted")."""
    left = max(_clause_start(text, start), start - _GAP)
    if i and mentions[i - 1].end > left:
        left = mentions[i - 1].end
    found = [(m.group().lower(), m.start()) for m in _TOKEN.finditer(text, left, start)]
    while found:
        word = found[-1][0]
        if word in FILLERS:
            found.pop()
        elif word == "of" and len(found) > 1 and found[-2][0] in OF_FILLERS:
            del found[-2:]
        else:
            break
    return [w for w, _ in found], [p for _, p in found]


def _read(text: str, mentions: list[Mention], i: int, reads: dict[int, _Read]) -> _Read | None:
    m = mentions[i]
    words, positions = _gap_words(text, mentions, i, m.start)
    w0 = words[-1] if words else None
    w1 = words[-2] if len(words) > 1 else None
    at = positions[-1] if positions else m.start
    lowered = m.text.lower()

    if w0 in ANY_MOVE and lowered.startswith(LEVEL_QUALIFIERS):
        return _Read("level", ANY_MOVE[w0], "to", at, subject=_subject(text, at))  # "dipped below 20%"
    if w0 in ("from", "to") or (w0 == "with" and w1 == "compared"):
        side: Literal["to", "from"] = "to" if w0 == "to" else "from"
        if w0 == "from" and w1 in ADVERBS_BEFORE:  # "up from 3%"
            apposition = _APPOSITION.search(text, max(0, positions[-2] - 4), positions[-2]) is not None
            return _Read("level", ADVERBS_BEFORE[w1], side, positions[-2], appositive=apposition)
        cue = _cue(text, mentions, reads, i, at)
        if cue is None or (side == "from" and cue.role is None and cue.transitive
                           and not _TO_LATER.match(text, m.end)):
            return None  # "cut $9 million from 284 companies": where from, not a level left
        return _Read("level", cue.direction, side, cue.movement, subject=cue.subject)
    if w0 == "at":
        cue = _cue(text, mentions, reads, i, at)
        if (cue is not None and cue.role == "change"
                and len(_TOKEN.findall(text, cue.position, at)) <= _AT_TOKENS):
            return _Read("level", cue.direction, "to", cue.movement, subject=cue.subject)
        return None
    if w0 == "by":
        cue = _cue(text, mentions, reads, i, at)
        if cue is not None:
            return _Read("change", cue.direction, None, cue.movement, subject=cue.subject)
        if _TO_AMOUNT.match(text, m.end):
            return _Read("change", None, None, m.start)  # "by 400m euros to 2.5bn euros"
        return None
    if w0 in MOVES or (w0 in MOVES_OBJECT and (_share(m) or _TO_AMOUNT.match(text, m.end)
                                                or _to_range(m))):
        return _Read("change", ANY_MOVE[w0], None, at, subject=_subject(text, at))
    if w0 in ADVERBS_BEFORE and w1 not in PHRASAL:
        appositive = _APPOSITION.search(text, max(0, at - 4), at) is not None
        subject = _subject(text, positions[-2]) if w1 in ANY_MOVE else None
        return _Read("change", ADVERBS_BEFORE[w0], None, at, subject=subject, appositive=appositive)
    if w0 == "of":
        for word, position in zip(reversed(words[-4:-1]), reversed(positions[-4:-1]), strict=True):
            if word in CHANGE_NOUNS and word not in ("cut", "cuts"):
                article = _APPOSITION.search(text, max(0, position - 8), position) is not None
                return _Read("change", CHANGE_NOUNS[word], None, position, appositive=article)
            if word.endswith("ing") and word in ANY_MOVE:
                return _Read("change", ANY_MOVE[word], None, position)
    after = _after(text, m)
    if after is not None:
        return after
    if words:
        verb = _verb_with_object(text, words, positions, m)
        if verb is not None:
            return verb
    return _listed(text, mentions, i, reads, words)


def _aside(m: Mention) -> bool:
    """Amounts that never move: a count of times ("went up five times", "twice") and a
    number that modifies a noun ("the 46-year low", "a five-year plan")."""
    value = m.value
    return isinstance(value, Quantity) and value.unit is not None and (
        value.unit == "time" or f"-{value.unit}" in m.text.lower())


def _to_range(m: Mention) -> bool:
    """"$1.32 to $44.45": a range joined by "to" (after a verb: a change and its level)."""
    return isinstance(m.value, Money | Quantity) and m.value.upper is not None and bool(
        _TO_JOIN.search(m.text))


def _share(m: Mention) -> bool:
    """A share or points ("0.25%", "2 percentage points"): what a verb that moves its object
    changes by."""
    return isinstance(m.value, Quantity) and m.value.unit in _PERCENTS


def _after(text: str, m: Mention) -> _Read | None:
    """A change named after its amount: "a 43% rise", "12% down on Wednesday", "£60bn more"."""
    after = _AFTER.match(text, m.end)
    if after is None:
        return None
    word = after.group(1).lower()
    if word in CHANGE_NOUNS:
        return _Read("change", CHANGE_NOUNS[word], None, after.start(1))
    following = after.group(2)
    # "£60bn more.", "10% more than": not "options on 193 more" (more of them)
    if word in ("more", "less") and (following or "").lower() != "than" and not (
            m.kind == "money" and (following is None or not following[0].isalpha())):
        return None
    if word in ADVERBS_AFTER and (following is None or not following[0].isalpha()
                                  or following.lower() in AFTER_ADVERB):
        return _Read("change", ADVERBS_AFTER[word], None, after.start(1))
    return None


def _verb_with_object(text: str, words: list[str], positions: list[int], m: Mention) -> _Read | None:
    """"lifted interest rates 0.25%": a verb, its object, then the share it moves it by."""
    for back in range(1, min(5, len(words)) + 1):
        word = words[-back]
        if word in _PREPOSITIONS or word in VERBISH or word in _RELATIVES:
            return None
        if back == 1:
            continue
        if word in ANY_MOVE:
            if not _share(m):
                return None
            return _Read("change", ANY_MOVE[word], None, positions[-back],
                         subject=_subject(text, positions[-back]))
    return None


def _listed(text: str, mentions: list[Mention], i: int, reads: dict[int, _Read],
            words: list[str]) -> _Read | None:
    """The next value of a list after a change ("by 9.4% and 8.1%", "by 4.3% in 2005 and
    4.2% in 2006", "by another 10,000 vehicles, or 1.2%")."""
    m = mentions[i]
    clause = _clause_start(text, m.start)
    j = i - 1
    while j >= 0 and mentions[j].kind not in AMOUNTS and mentions[j].end >= clause:
        j -= 1
    if j < 0 or mentions[j].kind not in AMOUNTS or mentions[j].end < clause or j not in reads \
            or reads[j].role != "change":
        return None
    between = _TOKEN.findall(text, mentions[j].end, m.start)
    lowered = [w.lower() for w in between]
    if len(lowered) > 8 or not ({"and", "or"} & set(lowered) or "," in text[mentions[j].end : m.start]):
        return None
    if any(w in VERBISH or w in ANY_MOVE or w in ("to", "from", "by") for w in lowered):
        return None
    previous = reads[j]
    alias = bool(lowered) and lowered[-1] == "or" and "," in text[mentions[j].end : m.start]
    return _Read("change", previous.direction, None, previous.movement, alias=alias,
                 subject=previous.subject)


def _cue(text: str, mentions: list[Mention], reads: dict[int, _Read], i: int,
         position: int) -> _Cue | None:
    """The movement that a "to", "from", "by" or "at" at ``position`` belongs to: the nearest
    movement word or read amount before it in its clause."""
    clause = _clause_start(text, position)
    words = list(_TOKEN.finditer(text, max(clause, position - _CUE_CHARS), position))[-_CUE_TOKENS:]
    word_cue: _Cue | None = None
    for match in reversed(words):
        word = match.group().lower()
        if word in ANY_MOVE or word in CHANGE_NOUNS or word in ADVERBS_BEFORE:
            direction = ANY_MOVE.get(word) or CHANGE_NOUNS.get(word) or ADVERBS_BEFORE[word]
            subject = _subject(text, match.start()) if word in ANY_MOVE else None
            word_cue = _Cue(match.start(), direction, match.start(), subject, word in MOVES_OBJECT)
            break
    for j in range(i - 1, -1, -1):
        previous = mentions[j]
        if previous.end <= max(clause, words[0].start() if words else position):
            break
        if j in reads and reads[j].movement is not None and previous.kind in AMOUNTS:
            read = reads[j]
            if word_cue is None or previous.start > word_cue.position:
                assert read.movement is not None
                return _Cue(previous.start, read.direction, read.movement, read.subject,
                            role=read.role)
            break
    return word_cue


def _subject(text: str, verb: int) -> str | None:
    """The noun phrase before a movement verb, as written: "exports" in "exports rose 6%",
    "US truck sales" in "GM added that US truck sales fell 9%"."""
    left = _clause_start(text, verb)
    comma = text.rfind(",", left, verb)
    if comma >= 0:
        left = comma + 1
    tokens = list(_TOKEN.finditer(text, left, verb))
    if tokens and (tokens[-1].group().lower() in FILLERS or tokens[-1].group().lower() in _DETERMINERS):
        return None  # "a 43% rise", "urged an increase": a noun, with no subject before it
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k].group().lower() in _SUBJECT_STOPS:
            tokens = tokens[k + 1 :]
            break
    while tokens and (tokens[-1].group().lower() in VERBISH or tokens[-1].group().endswith("ly")
                      or tokens[-1].group().lower() in ("up", "down")):
        tokens.pop()
    for k, token in enumerate(tokens):
        if token.group().lower() in _PREPOSITIONS:
            tokens = tokens[:k]
            break
    while tokens and tokens[0].group().lower() in _DETERMINERS:
        tokens.pop(0)
    if not tokens or len(tokens) > 6:
        return None
    return text[tokens[0].start() : tokens[-1].end()]


def _conversion(text: str, mentions: list[Mention], i: int, reads: dict[int, _Read]) -> _Read | None:
    """A conversion in parentheses takes the clause of the amount it converts: "2.4bn euros
    ($3.1bn; £2.9bn)"."""
    m = mentions[i]
    if m.kind != "money" or i == 0 or mentions[i - 1].kind != "money":
        return None
    gap = text[mentions[i - 1].end : m.start]
    head = i - 1
    if not _CONVERSION_GAP.match(gap):
        if not _CHAIN_GAP.match(gap) or i < 2 or mentions[i - 2].kind != "money" or not \
                _CONVERSION_GAP.match(text[mentions[i - 2].end : mentions[i - 1].start]):
            return None
        head = i - 2
    read = reads.get(head)
    if read is None:
        return None
    return _Read(read.role, read.direction, read.side, None, subject=read.subject, converts=head)


# ---------------------------------------------------------------------------- linking


def _link(text: str, mentions: list[Mention], reads: dict[int, _Read]) -> None:
    """Links within each movement, and appositions back to the level before them."""
    movements: dict[int, list[int]] = {}
    for i, read in reads.items():
        if read.movement is not None:
            movements.setdefault(read.movement, []).append(i)
    for members in movements.values():
        changes = [i for i in members if reads[i].role == "change"]
        heads = [i for i in changes if not reads[i].alias]
        tos = [i for i in members if reads[i].side == "to"]
        froms = [i for i in members if reads[i].side == "from"]
        if len(heads) == 1:
            for c in changes:
                reads[c].to = mentions[tos[0]].start if len(tos) == 1 else None
                reads[c].from_ = mentions[froms[0]].start if len(froms) == 1 else None
        for levels, others in ((tos, froms), (froms, tos)):
            for level in levels:
                if len(heads) == 1:
                    reads[level].change = mentions[heads[0]].start
                if len(levels) == 1 and len(others) == 1:
                    reads[level].pair = mentions[others[0]].start
    for i in sorted(reads):
        read = reads[i]
        if not read.appositive or (read.role == "change" and read.to is not None):
            continue
        if read.role == "level" and (read.side != "from" or read.pair is not None):
            continue
        before = _level_before(text, mentions, reads, i)
        if before is None:
            continue
        reads[before] = _Read("level", read.direction, "to", read.movement)
        if read.role == "change":
            read.to = mentions[before].start
            reads[before].change = mentions[i].start
        else:
            read.pair = mentions[before].start
            reads[before].pair = mentions[i].start
    _copy_links(reads)


def _level_before(text: str, mentions: list[Mention], reads: dict[int, _Read], i: int) -> int | None:
    """The plain amount an apposition at ``i`` speaks of: the nearest before it in its
    sentence, of the same kind (or any kind, for a change in percent)."""
    m = mentions[i]
    floor = max(0, m.start - _WINDOW)
    sentence = max(text.rfind(". ", floor, m.start), text.rfind("\n", floor, m.start), floor - 1) + 1
    for j in range(i - 1, -1, -1):
        other = mentions[j]
        if other.start < sentence:
            return None
        if other.kind not in AMOUNTS or j in reads:
            continue
        if other.kind == m.kind or _share(m):
            return j
        return None
    return None


def _copy_links(reads: dict[int, _Read]) -> None:
    """A conversion links where the amount it converts links."""
    for read in reads.values():
        if read.converts is not None and read.converts in reads:
            head = reads[read.converts]
            read.change, read.to, read.from_, read.pair = head.change, head.to, head.from_, head.pair
