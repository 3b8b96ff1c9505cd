"""Whether a cited span gives a person a role: the role, as a title, attached to that person.

A declared role matches by its title and aliases; a role the entity does not declare matches
as written. Either way the match is folded for case and typography and must stand as a whole
title (``factbase.mentions.roles``), and it supports the claim only when the grammar of
``factbase.mentions.attach`` attaches it to one of the person's names in the span — never
when it is said of someone else, and never when it is attached to no name. Pure: a function
of the span's text and its mentions. docs/verification.md states the rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..mentions.attach import holder
from ..mentions.roles import find_forms
from ..mentions.types import Mention
from ..model import Entity
from ..values import Name


def role_forms(entity: Entity, title: str) -> set[str] | None:
    """Every form of the role ``title`` of ``entity`` (its title and aliases), casefolded;
    None when the entity has no such role."""
    wanted = title.casefold()
    for role in entity.roles:
        forms = {role.title.casefold(), *(a.casefold() for a in role.aliases)}
        if wanted in forms:
            return forms
    return None


@dataclass
class RoleSupport:
    """What a span says of a claimed role: the offsets (in the source) of each occurrence
    attached to the person, each occurrence attached to someone else (with that name), and
    each occurrence attached to no name."""

    declared: bool
    attached: list[tuple[int, int]] = field(default_factory=list)
    elsewhere: list[tuple[str, str]] = field(default_factory=list)  # (role as written, name)
    loose: list[str] = field(default_factory=list)

    def hint(self) -> str:
        """Why the role is not the person's, for the `role-not-found` message."""
        if self.elsewhere:
            said = ", ".join(f"{role!r} to {name!r}" for role, name in self.elsewhere[:3])
            return f" (the span gives {said})"
        if self.loose:
            return f" ({self.loose[0]!r} is attached to no name)"
        return ""


def role_support(role: str, entity: Entity | None, mentions: Sequence[Mention],
                 names: Sequence[int], entities: Mapping[str, Entity], span_text: str,
                 span_start: int) -> RoleSupport:
    """Where the span ``span_text`` (which starts at ``span_start`` in its source) attaches
    ``role`` to the person named by ``mentions[i]`` for ``i`` in ``names``."""
    forms = role_forms(entity, role) if entity is not None else None
    result = RoleSupport(declared=forms is not None)
    if forms is None:
        forms = {role}
    own = [(mentions[i].start - span_start, mentions[i].end - span_start) for i in names]
    # every person named in the span, declared or not: the role may be attached to any
    known = sorted({*own, *(
        (m.start - span_start, m.end - span_start) for m in mentions
        if m.kind == "person" or (m.kind == "entity" and isinstance(m.value, Name)
                                  and _is_person(entities.get(m.value.entity)))
    )})
    for start, end in find_forms(span_text, forms):
        attached = holder(span_text, start, end, known, pronouns=True)
        written = span_text[start:end]
        if attached is None:
            result.loose.append(written)
        elif any(a < attached.end and attached.start < b for a, b in own):
            result.attached.append((start + span_start, end + span_start))
        else:
            result.elsewhere.append((written, span_text[attached.start:attached.end]))
    return result


def _is_person(entity: Entity | None) -> bool:
    return entity is not None and entity.kind == "person"
