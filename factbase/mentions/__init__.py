"""Typed mentions in text: dates, money, quantities and names of known entities.

``find_mentions(text, reference=None, kinds=None, entities=None)`` returns mentions sorted by
``start``, non-overlapping, each with ``text == source[start:end]``.
"""

from __future__ import annotations

from .find import find_mentions
from .types import KINDS, Mention, MentionKind

__all__ = ["KINDS", "Mention", "MentionKind", "find_mentions"]
