"""The one error of text-layer extraction."""

from __future__ import annotations

__all__ = ["LayerError"]


class LayerError(Exception):
    """Bytes that give no text layer; the message is the reason, for `source-unreadable`."""
