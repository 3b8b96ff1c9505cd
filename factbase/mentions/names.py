"""Names of known entities and their roles: "Shinzo Abe", "Abe’s", "Moon Jae-in",
"James A. Kelly", "Japanese Prime Minister".

Rules (documented in docs/mentions.md):

* an entity's ``name`` and ``aliases`` give mentions of kind ``entity``; each role's ``title``
  and ``aliases`` give mentions of kind ``role``;
* matches sit at token boundaries (no letter or digit on either side); a possessive "’s" or
  "'s" after a name is left out of the span;
* names are case-sensitive ("Moon" is not "moon"); role titles of two or more words are not
  ("prime minister"), one-word role forms are ("President", not "the president of a club");
* a one-word name right before a hyphenated given name is part of another person's name:
  "Kim" does not match in "Kim Yo-jong";
* whitespace inside a name matches any run of whitespace; a hyphen inside a name matches a
  hyphen, a dash or a space, and the letter after it matches either case ("Moon Jae-in" =
  "Moon Jae-In" = "Moon Jae in");
* a person's name of two or more words matches with or without one middle initial after the
  first word: "James Kelly" matches "James A. Kelly", and "James A. Kelly" matches "James
  Kelly" (but not "James B. Kelly");
* the longest match wins; when two entities share a form, the one whose canonical name it
  is wins, then the one declared first;
* a role matches only as a whole title: not inside another title ("Chief" in "Deputy Chief
  Maria Lopez", "President" in "Vice President") nor before a possessive that names an
  institution ("the Attorney General's Office"); see docs/format.md;
* a role attached to a name by the grammar of titles, appositions and predicates ("U.S.
  President Joe Biden", "Moon Jae-in, South Korea's president", "Abe was prime minister")
  goes to that person, and gives no mention when that person does not hold it ("President
  Macron" when only Biden is "President") or is not declared; a role attached to no name goes,
  when it has two words or more, to the holder named nearest (within 80 characters), else to
  its only holder; a one-word role ("President", "analyst") attached to no name, and a form
  several entities share with none of them near, give no mention.

One regex per entity set (a trie of the forms, so thousands of names cost little more than
one) is compiled and cached.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..values import Name
from .attach import holder
from .numbers import trie_pattern
from .roles import is_whole_title
from .types import Mention, MentionKind

if TYPE_CHECKING:
    from ..model import Entity

_HYPHENS = "‐‑–-"  # the ASCII hyphen last, so it is literal inside [...]
_INITIAL_RE = re.compile(r"^[A-Z]\.$")
_KEY_SPACE_RE = re.compile(rf"[\s{_HYPHENS}]+")
_KEY_INITIAL_RE = re.compile(r"(?<=\w) [a-z]\.(?= )")
ROLE_NEAR = 80
ATTACH_NEAR = 240
_GIVEN_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]+[‐‑-][a-z]+\b")

EntityKey = tuple[tuple[str, str, str, tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]], ...]


_Candidate = tuple[int, int, MentionKind]


@dataclass(frozen=True)
class _Target:
    entity: str
    form: str
    role: str | None
    canonical: bool
    order: int


# The entities last matched and their matcher. A check passes the same entities for every
# source, and building the key below costs about a millisecond per source for a few hundred
# entities. Comparing the tuples is cheap: equal items are mostly the same objects, which
# compare by identity; held here, their ids cannot be reused. (An entity changed in place
# after a match is not seen; the loader never does that.)
_last: tuple[tuple[Entity, ...], _Matcher] | None = None


def find_names(text: str, entities: Sequence[Entity]) -> list[Mention]:
    """Entity and role mentions in ``text``, sorted, non-overlapping."""
    global _last
    items = tuple(entities)
    last = _last
    if last is not None and last[0] == items:
        return last[1].find(text)
    key: EntityKey = tuple(
        (
            e.id, e.kind, e.name, tuple(e.aliases),
            tuple((r.title, tuple(r.aliases)) for r in e.roles),
        )
        for e in entities
    )
    matcher = _matcher(key)
    _last = (items, matcher)
    return matcher.find(text)


@lru_cache(maxsize=16)
def _matcher(key: EntityKey) -> _Matcher:
    return _Matcher(key)


def form_key(form: str) -> str:
    """The lookup key of a written form: case-folded, hyphens and spaces unified, a middle
    initial dropped ("James A.  Kelly" -> "james kelly")."""
    folded = _KEY_SPACE_RE.sub(" ", form.strip()).casefold()
    return _KEY_INITIAL_RE.sub("", folded)


class _Matcher:
    def __init__(self, key: EntityKey) -> None:
        self.names: dict[str, _Target] = {}
        self.roles: dict[str, list[_Target]] = {}
        self.persons = {entity for entity, kind, *_rest in key if kind == "person"}
        name_forms: list[list[str]] = []
        role_forms: list[list[str]] = []
        for order, (entity, kind, name, aliases, roles) in enumerate(key):
            for form in (name, *aliases):
                if not form.strip():
                    continue
                target = _Target(entity, form, None, form == name, order)
                k = form_key(form)
                held = self.names.get(k)
                if held is None or (target.canonical and not held.canonical):
                    self.names[k] = target
                name_forms.extend(_atoms(form, kind == "person"))
            for title, role_aliases in roles:
                for form in (title, *role_aliases):
                    if not form.strip():
                        continue
                    k = form_key(form)
                    targets = self.roles.setdefault(k, [])
                    if all(t.entity != entity for t in targets):
                        targets.append(_Target(entity, form, title, form == title, order))
                    # one-word role forms ("President") keep their case: "the president of a
                    # club" is no one's role; longer titles match in any case
                    role_forms.extend(_atoms(form, False, any_case=len(form.split()) > 1))
        self.name_re = _compile(name_forms)
        self.role_re = _compile(role_forms)
        self.keys: dict[str, str] = {}

    def key(self, span: str) -> str:
        key = self.keys.get(span)
        if key is None:
            key = self.keys[span] = form_key(span)
            if len(self.keys) > 100_000:
                self.keys.clear()
        return key

    def find(self, text: str) -> list[Mention]:
        candidates: list[_Candidate] = []
        for pattern, kind in ((self.name_re, "entity"), (self.role_re, "role")):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                start = m.start()
                # the token boundary before the name, checked here: a leading lookbehind
                # would stop `re` from skipping ahead to the possible first letters
                if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                    continue
                end = m.end()
                if (
                    kind == "entity"
                    and text[end + 1 : end + 2].isupper()
                    and " " not in m.group()
                    and _GIVEN_NAME_AFTER.match(text, end)
                ):
                    continue  # "Kim Yo-jong" is not "Kim": a one-word name before a given name
                candidates.append((start, end, kind))  # type: ignore[arg-type]
        if not candidates:
            return []
        candidates.sort()
        kept: list[_Candidate] = []
        for candidate in candidates:  # the longest of overlapping candidates wins
            if kept and kept[-1][1] > candidate[0]:
                if candidate[1] - candidate[0] > kept[-1][1] - kept[-1][0]:
                    kept[-1] = candidate
                continue
            kept.append(candidate)
        found: list[Mention] = []
        roles: list[tuple[int, int, str]] = []
        named: list[tuple[int, int, str]] = []
        for start, end, kind in kept:
            span = text[start:end]
            if kind == "role":
                roles.append((start, end, span))
                continue
            target = self.names.get(self.key(span))
            if target is not None:
                named.append((start, end, target.entity))
                found.append(Mention("entity", start, end, span, Name(target.entity, target.form)))
        if not roles:
            return found
        positions = [position for position, _, _ in named]
        for start, end, span in roles:
            targets = self.roles.get(self.key(span))
            if not targets or not is_whole_title(text, start, end):
                continue
            role = self._holder(text, targets, start, end, named, positions)
            if role is None:
                continue
            found.append(Mention("role", start, end, span, Name(role.entity, role.form, role.role)))
        found.sort(key=lambda m: m.start)
        return found


    def _holder(
        self, text: str, targets: list[_Target], start: int, end: int,
        named: list[tuple[int, int, str]], positions: list[int],
    ) -> _Target | None:
        """Whose role a role mention names: the person named right next to it if any ("U.S.
        President Joe Biden", "the prime minister, Abe"), and nobody when that person does not
        hold the role ("President Macron" with only Biden as "President"); else the holder
        named nearest within ROLE_NEAR characters; else the only holder; else nobody."""
        by_entity = {t.entity: t for t in targets}
        low = bisect_left(positions, start - ROLE_NEAR)
        high = bisect_right(positions, end + ROLE_NEAR)
        near = [named[i] for i in range(bisect_left(positions, start - ATTACH_NEAR),
                                         bisect_right(positions, end + ATTACH_NEAR))
                if named[i][2] in self.persons]
        attached = holder(text, start, end, [(a, b) for a, b, _ in near])
        if attached is not None:
            for other_start, other_end, entity in near:
                if other_start < attached.end and attached.start < other_end:
                    return by_entity.get(entity)
            return None  # said of a person who is not declared
        if " " not in targets[0].form.strip():
            return None  # a one-word role ("President", "analyst") needs its name
        best: tuple[int, int] | None = None
        chosen: _Target | None = None
        for i in range(low, high):
            position, _, entity = named[i]
            if entity in by_entity:
                rank = (abs(position - start), by_entity[entity].order)
                if best is None or rank < best:
                    best, chosen = rank, by_entity[entity]
        if chosen is None and len(targets) == 1:
            return targets[0]
        return chosen


def _atoms(form: str, person: bool, any_case: bool = False) -> list[list[str]]:
    """The form as a list of regex atoms (one list per variant), for the trie."""
    words = form.split()
    variants = [words]
    if person and len(words) >= 2 and words[0][:1].isupper() and not _INITIAL_RE.match(words[0]):
        if len(words) >= 3 and _INITIAL_RE.match(words[1]):
            variants.append([words[0], *words[2:]])  # "James A. Kelly" -> also "James Kelly"
        else:
            variants.append([words[0], "\0initial", *words[1:]])  # and "James X. Kelly"
    out: list[list[str]] = []
    for variant in variants:
        atoms: list[str] = []
        for i, word in enumerate(variant):
            if i:
                atoms.append(r"\s+")
            if word == "\0initial":
                atoms.append(r"[A-Z]\.")
                continue
            after_hyphen = False
            for char in word:
                if char in _HYPHENS:
                    atoms.append(rf"(?:[{_HYPHENS}]|[ \t])")
                    after_hyphen = True
                elif (after_hyphen or any_case) and char.lower() != char.upper():
                    # character classes, not re.IGNORECASE: `re` then still skips quickly
                    # to the possible first letters
                    atoms.append(f"[{char.lower()}{char.upper()}]")
                    after_hyphen = False
                else:
                    atoms.append(re.escape(char))
        out.append(atoms)
    return out


def _compile(forms: list[list[str]]) -> re.Pattern[str] | None:
    if not forms:
        return None
    return re.compile(rf"(?:{trie_pattern(forms)})(?![\w])")
