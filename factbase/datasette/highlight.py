"""Source text as HTML with spans highlighted, every character escaped.

Offsets are code points into the source text, as stored in the database. Python's ``str``
slices by code points, so no offset arithmetic beyond slicing happens here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

CONTEXT = 300


@dataclass(frozen=True)
class Span:
    """A highlighted range: ``classes`` for CSS, ``attrs`` for data attributes, and links
    (href, label) placed where the span starts."""

    start: int
    end: int
    classes: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()
    links: tuple[tuple[str, str], ...] = field(default=())


def _attrs(pairs: Sequence[tuple[str, str]]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in pairs)


def _clamp(spans: Sequence[Span], lo: int, hi: int) -> list[Span]:
    out = []
    for s in spans:
        start, end = max(s.start, lo), min(s.end, hi)
        if start < end or (start == end == s.start and lo <= start <= hi):
            out.append(Span(start, end, s.classes, s.attrs, s.links if s.start >= lo else ()))
    return out


def layered(text: str, spans: Sequence[Span], lo: int = 0, hi: int | None = None) -> Markup:
    """``text[lo:hi]`` with every span marked, overlaps included.

    The text is cut at every span boundary; each piece covered by spans becomes one
    ``<mark>`` carrying the union of their classes, a depth class (how many spans cover it)
    and the covering spans' data attributes joined by spaces. A span's links come just before
    its first piece, so overlapping spans each keep their own link.
    """
    hi = len(text) if hi is None else hi
    spans = _clamp(spans, lo, hi)
    cuts = sorted({lo, hi, *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
    parts: list[str] = []
    for a, b in zip(cuts, [*cuts[1:], hi], strict=True):
        for s in sorted(starts.get(a, []), key=lambda s: (-(s.end - s.start), s.attrs)):
            parts.extend(
                f'<a class="fb-ref" href="{escape(href)}">{escape(label)}</a>' for href, label in s.links
            )
        if a >= b:
            continue
        covering = [s for s in spans if s.start <= a and b <= s.end]
        piece = str(escape(text[a:b]))
        if not covering:
            parts.append(piece)
            continue
        classes = sorted({c for s in covering for c in s.classes} | {f"fb-depth-{min(len(covering), 3)}"})
        merged: dict[str, list[str]] = {}
        for s in covering:
            for name, value in s.attrs:
                if value not in merged.setdefault(name, []):
                    merged[name].append(value)
        attrs = [("class", " ".join(classes))] + [(k, " ".join(v)) for k, v in sorted(merged.items())]
        parts.append(f"<mark{_attrs(attrs)}>{piece}</mark>")
    return Markup("".join(parts))


def in_context(text: str, start: int, end: int, inner: Sequence[Span] = (),
               context: int = CONTEXT, span_attrs: Sequence[tuple[str, str]] = (),
               offset: int = 0, total: int | None = None) -> Markup:
    """The span ``start:end`` inside up to ``context`` code points on each side.

    ``text`` is the source text, or a piece of it that begins at code point ``offset`` of a
    text ``total`` code points long; ``start``, ``end`` and the ``inner`` spans are offsets
    into the whole text. The span is one ``<mark class="fb-span">`` element whose text content
    is exactly the source's ``[start:end]``; ``inner`` spans (evidence mentions) are marked
    inside it.
    """
    total = offset + len(text) if total is None else total
    start, end = max(offset, min(start, offset + len(text))), max(offset, min(end, offset + len(text)))
    start, end = start - offset, end - offset
    lo, hi = max(0, start - context), min(len(text), end + context)
    before = ("…" if lo + offset > 0 else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi + offset < total else "")
    attrs = [("class", "fb-span"), ("data-start", str(start + offset)),
             ("data-end", str(end + offset)), *span_attrs]
    shifted = [Span(s.start - offset, s.end - offset, s.classes, s.attrs, s.links) for s in inner]
    body = layered(text, shifted, start, end)
    return Markup(
        f'<span class="fb-before">{escape(before)}</span>'
        f"<mark{_attrs(attrs)}>{body}</mark>"
        f'<span class="fb-after">{escape(after)}</span>'
    )
