"""The Mention type: a typed value found in text, with its exact offsets."""

from __future__ import annotations

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

    def shifted(self, by: int) -> Mention:
        """The same mention with every offset moved by ``by``: a mention found in a slice of a
        text that starts at ``by``, placed in the whole text."""
        value = self.value
        if isinstance(value, Money | Quantity) and value.clause is not None:
            value = replace(value, clause=value.clause.shifted(by))
        elif isinstance(value, Person):
            value = replace(value, role_start=value.role_start + by, role_end=value.role_end + by)
        return Mention(self.kind, self.start + by, self.end + by, self.text, value)
