"""The Mention type: a typed value found in text, with its exact offsets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..values import MentionValue, Money, Person, Quantity

MentionKind = Literal["date", "money", "quantity", "entity", "role", "person"]
KINDS: tuple[MentionKind, ...] = ("date", "money", "quantity", "entity", "role", "person")


@dataclass(frozen=True)
class Mention:
    """A typed value in text: ``text == source[start:end]`` (code points, end-exclusive)."""

    kind: MentionKind
    start: int
    end: int
    text: str
    value: MentionValue

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value.to_dict(),
        }

    def moved(self, to: Callable[[int, int], tuple[int, int]], text: str) -> Mention:
        """The same mention with every range mapped by ``to`` (a range of a text the mention
        was found in -> the range in ``text`` that it came from), its text taken from there."""
        def point(offset: int | None) -> int | None:
            return None if offset is None else to(offset, offset)[0]

        start, end = to(self.start, self.end)
        value = self.value
        if isinstance(value, Money | Quantity) and value.clause is not None:
            c = value.clause
            value = replace(value, clause=replace(c, change=point(c.change), to=point(c.to),
                                                  from_=point(c.from_), pair=point(c.pair)))
        elif isinstance(value, Person):
            role_start, role_end = to(value.role_start, value.role_end)
            value = replace(value, role_start=role_start, role_end=role_end)
        return Mention(self.kind, start, end, text[start:end], value)

    def shifted(self, by: int) -> Mention:
        """The same mention with every offset moved by ``by``: a mention found in a slice of a
        text that starts at ``by``, placed in the whole text."""
        value = self.value
        if isinstance(value, Money | Quantity) and value.clause is not None:
            value = replace(value, clause=value.clause.shifted(by))
        elif isinstance(value, Person):
            value = replace(value, role_start=value.role_start + by, role_end=value.role_end + by)
        return Mention(self.kind, self.start + by, self.end + by, self.text, value)
