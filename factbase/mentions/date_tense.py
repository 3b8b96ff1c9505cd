"""Tense decides where a date written without its year falls: before or after the reference.

``direction(text, start, end)`` reads the clause around a year-less month, day, weekday or
holiday and returns how to place it (``since``: the latest occurrence on or before the
reference; ``ahead``: the first on or after it; ``nearest`` when the clause shows no tense).
The rule, stated in docs/dates.md:

* The clause is the stretch of the sentence around the date, cut at sentence ends,
  semicolons and line breaks (at most 160 characters to the left, 100 to the right).
* Tense markers are verb forms: past ones ("was", "had", "said", "resigned", "was acquired",
  any other lowercase ``-ed`` verb) and future ones ("will", "'ll", "would", "shall",
  "expected", "due", "scheduled", "plans to", "likely to", modal "could"/"may"/"might",
  ...). A participle after "be" is future ("to be held", "will be announced"); after
  "been" or "had" a future participle is past ("had been due to"), after "than" or "as"
  it marks nothing ("faster than expected").
* Present forms ("is", "says", "begins", "has") and -ing verbs ("hitting", "coming into
  force") mark no tense but still count as the nearest verb, except a present after "when",
  "once" or "until", which speaks of the future ("when he makes his announcement on
  Monday").
* The nearest verb marker before the date decides; without one, the nearest after it: in
  "The minister said the referendum, expected on 12 June, will ..." the nearest marker
  before 12 June is "expected", so the date is the coming 12 June although the reporting
  verb is past; in "He said on Tuesday that the plant will close" it is "said"; in "Sales in
  March were up" it is "were", after the date. A reporting verb ("said", "warned") whose
  next word starts the reported clause rather than an adverbial ("said on Tuesday") gives
  way to a marker after the date: in "the IEA warned demand in the first quarter would
  outstrip supply" the date is in the reported clause.
* Words that place an event ahead of another ("ahead of", "in time for", "as soon as",
  "upcoming", "next") look ahead only in a clause with no verb marker: "as soon as Tuesday"
  is the coming Tuesday, "were imposed ahead of its flotation in August" the past August.
"""

from __future__ import annotations

import re
from typing import Literal

Tense = Literal["past", "future", "none"]

_LEFT_REACH = 160
_RIGHT_REACH = 100
# A sentence ends at . ! ? (and any closing quote or bracket) before a space, at ; or a line
# break. "Dec. 24" and "U.S. officials" cut a clause too early at worst, never too late.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s|;|\n|[—–]\s*[\"“]")

_IRREGULAR_PAST = frozenset(["was", "were", "had", "did", "began", "begun", "came", "took", "taken", "went", "gone", "said", "told", "rose", "risen", "fell", "fallen", "grew", "grown", "won", "lost", "met", "left", "became", "made", "saw", "seen", "sold", "bought", "paid", "held", "hit", "put", "quit", "ran", "gave", "given", "got", "brought", "thought", "spoke", "spoken", "wrote", "written", "broke", "broken", "chose", "chosen", "drove", "driven", "fled", "fought", "found", "knew", "known", "led", "meant", "sent", "spent", "stood", "struck", "swore", "taught", "threw", "thrown", "understood", "wore", "sank", "shrank", "slid", "sprang", "stole", "stuck", "stung", "swung", "tore", "withdrew", "withdrawn", "forgave", "forgot", "oversaw", "overtook", "undertook", "upheld", "bore", "born", "bred", "dealt", "dug", "drew", "drawn", "ate", "eaten", "flew", "flown", "froze", "hung", "kept", "laid", "lent", "lit", "rode", "rung", "sought", "shook", "shot", "shut", "slept", "sped", "spun", "split", "spread", "swept", "woke", "woken", "wound", "been"])

# Words ending in -ed that are not past verbs (or not reliably).
_NOT_PAST = frozenset(["need", "speed", "seed", "feed", "breed", "greed", "deed", "weed", "heed", "reed", "indeed", "proceed", "exceed", "succeed", "bleed", "bed", "red", "shed", "hundred", "kindred", "sacred", "naked", "wicked", "wretched", "rugged", "ragged", "crooked", "jagged", "beloved", "aged", "based", "related", "limited", "united", "detailed", "advanced", "skilled", "interested", "concerned", "supposed", "alleged", "unprecedented", "embed", "hatred", "bred", "sled", "shred", "wed", "fled"])

# Participles that look ahead: "expected on 12 June", "scheduled for Tuesday".
_FUTURE_PARTICIPLES = frozenset(["expected", "scheduled", "planned", "slated", "proposed", "intended", "predicted", "forecast", "forecasted", "anticipated", "projected", "timetabled", "earmarked", "pencilled", "penciled", "billed", "due"])

_PRESENT = frozenset(["is", "are", "am", "says", "begins", "starts", "runs", "opens", "ends", "closes", "remains", "continues", "takes", "comes", "goes", "meets", "holds", "faces", "gets", "makes", "does", "has", "have"])

# A reporting verb governs a date right after it ("said on Tuesday"), not one inside the
# clause it reports ("said profits for the year to March would fall").
_REPORTING = frozenset({"said", "told", "warned", "announced", "added", "reported", "stated",
                        "claimed", "argued", "insisted", "predicted", "suggested", "revealed",
                        "confirmed", "believed", "thought", "hoped", "says", "forecast",
                        "estimated", "signalled", "signaled", "indicated"})
_ADJUNCT_STARTERS = frozenset({
    "on", "in", "at", "during", "last", "this", "next", "yesterday", "today", "earlier",
    "later", "early", "late", "before", "after", "by", "since", "until", "from", "over", "for",
    "as", "when", "while", "shortly", "just", "also", "again", "publicly", "previously",
})
_TIME_CONJUNCTIONS = frozenset({"when", "once", "until", "till"})
# After these an -ing word is a noun ("the meeting on Tuesday", "with a view to launching"),
# not the verb of the clause.
_DETERMINERS = frozenset({
    "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that",
    "these", "those", "of", "every", "each", "any", "no", "some", "to", "for", "by", "on",
    "in", "after", "before", "without", "about", "from", "with", "at",
})

# Verb phrases that look ahead.
_FUTURE_VERBS = re.compile(
    r"\b(?:will|shall|would|won't|wouldn't|could|might|must|should|may|going to|is to|are to"
    r"|plans? to|planning to|aims? to|aiming to|hopes? to|intends? to|wants? to|expects?"
    r"|likely to|set to|about to|poised to|ready to)\b|'ll\b|’ll\b"
)
# Words that place an event ahead of something, not of the reference; they count only when
# the clause has no verb marker: "as soon as Tuesday", but "were imposed ahead of its
# flotation in August" is past.
_FUTURE_RELATIONS = re.compile(
    r"\b(?:in time for|ahead of|as soon as|as early as|upcoming|forthcoming|next|coming)\b"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
Marker = tuple[int, int, Tense]


def direction(text: str, start: int, end: int) -> Literal["since", "ahead", "nearest"]:
    """How to place a year-less date at [start, end) around the reference, by the tense of
    its clause (docs/dates.md)."""
    found = tense(text, start, end)
    return "since" if found == "past" else "ahead" if found == "future" else "nearest"


def tense(text: str, start: int, end: int) -> Tense:
    """The tense of the verb marker nearest before [start, end) in its clause, else of the
    nearest one after it, else of the nearest relational word ("ahead of")."""
    left_start = max(0, start - _LEFT_REACH)
    clause_start = left_start
    for boundary in _BOUNDARY.finditer(text, left_start, start):
        clause_start = boundary.end()
    right_end = min(len(text), end + _RIGHT_REACH)
    stop = _BOUNDARY.search(text, end, right_end)
    clause_end = stop.start() if stop else right_end

    verbs = _verb_markers(text, clause_start, clause_end)
    before = [m for m in verbs if m[1] <= start]
    after = [m for m in verbs if m[0] >= end]
    if before:
        nearest = max(before, key=lambda m: m[1])
        between = text[nearest[1]:start].split()
        reported = text[nearest[0]:nearest[1]].lower() in _REPORTING and bool(between) \
            and between[0].lower() not in _ADJUNCT_STARTERS
        if not (reported and after):
            return nearest[2]
        # "warned demand in the first quarter would outstrip supply": the date belongs to
        # the reported clause, whose verb follows it.
    if after:
        return min(after, key=lambda m: m[0])[2]
    relations = [m for m in _FUTURE_RELATIONS.finditer(text, clause_start, clause_end)
                 if m.end() <= start or m.start() >= end]
    return "future" if relations else "none"


def _verb_markers(text: str, begin: int, stop: int) -> list[Marker]:
    found: list[Marker] = [
        (m.start(), m.end(), "future") for m in _FUTURE_VERBS.finditer(text, begin, stop)
    ]
    taken = {m[0] for m in found}
    previous: list[str] = []
    for word_match in _WORD.finditer(text, begin, stop):
        word = word_match.group()
        # Verbs are lowercase; "Alfred", "Said" and "United" are names.
        kind = _verb_tense(word.lower(), previous) if word[0].islower() else None
        if kind is not None and word_match.start() not in taken:
            found.append((word_match.start(), word_match.end(), kind))
        previous = [*previous[-2:], word.lower()]
    return found


def _verb_tense(word: str, previous: list[str]) -> Tense | None:
    """The tense a word marks, "none" for a present verb, None when it is no verb marker."""
    before = previous[-1] if previous else ""
    if word in _FUTURE_PARTICIPLES:
        if before in ("been", "had"):
            return "past"          # "had been due to welcome"
        if before in ("than", "as"):
            return None            # "faster than expected"
        return "future"
    if word in _PRESENT:
        # "when he makes his announcement on Monday": a present tense in a clause of time
        # speaks of the future.
        return "future" if _TIME_CONJUNCTIONS.intersection(previous[-2:]) else "none"
    if len(word) > 5 and word.endswith("ing") and before not in _DETERMINERS:
        return "none"  # "hitting 1.6% in December", "coming into force on 1 January"
    past = word in _IRREGULAR_PAST or (
        len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST
    )
    if not past:
        return None
    if before in ("be", "being"):
        return "future" if before == "be" else "none"  # "to be held", "will be announced"
    if before in ("is", "are", "am"):
        return "none"  # present passive: "is held every May"
    return "past"
