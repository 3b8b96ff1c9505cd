"""The one encoding of a unit's outcome: plain tuples generated from the dataclass fields.

A :class:`~factbase.verify.types.SourceOutcome` (and its mentions, values, verdicts and
problems) becomes nested tuples, lists and strings that :mod:`marshal` writes in a few
microseconds and that only these classes can be read back into. The same bytes travel from a
worker to the run, sit in the cache, and make the snapshot of a whole run; the encoders are
derived from each class's type hints, so a field added to a result type is carried
everywhere without being written down again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import marshal
import types
import typing
import zlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..mentions.types import Mention
from ..problems import Problem
from ..values import Clause, MentionValue
from ..verify.types import CitationVerdict, SourceOutcome, TextLayer

__all__ = ["CodecError", "dumps", "loads", "pack", "pack_layer", "unpack", "unpack_layer"]

# Bump when the encoding changes in a way the classes' fields do not show.
LAYOUT = 2
# The first byte of an uncompressed body (a zlib stream starts with 0x78, never with 0x00).
_RAW = b"\x00"

Convert = Callable[[Any], Any]


class CodecError(Exception):
    """Bytes that are not an encoding of this version's classes."""


def _same(value: Any) -> Any:
    return value


class _Class:
    def __init__(self, cls: type[Any]) -> None:
        self.cls = cls
        self.names: tuple[str, ...] = ()
        self.encoders: tuple[Convert, ...] = ()
        self.decoders: tuple[Convert, ...] = ()


_CLASSES: dict[type[Any], _Class] = {}
_TAGS: dict[str, type[Any]] = {}


def _register(*classes: type[Any]) -> None:
    for cls in classes:
        _CLASSES[cls] = _Class(cls)
        _TAGS[cls.__name__] = cls
    for cls in classes:
        spec = _CLASSES[cls]
        hints = typing.get_type_hints(cls)
        fields = [f for f in dataclasses.fields(cls) if f.init]
        spec.names = tuple(f.name for f in fields)
        pairs = [_converters(hints[f.name]) for f in fields]
        spec.encoders = tuple(p[0] for p in pairs)
        spec.decoders = tuple(p[1] for p in pairs)


def _converters(hint: Any) -> tuple[Convert, Convert]:
    """(encode, decode) of a value of type ``hint``."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint in (int, str, bool, float, type(None), Any) or origin is typing.Literal:
        return _same, _same
    if hint is Decimal:
        return str, Decimal
    if hint is dt.date:
        return dt.date.toordinal, dt.date.fromordinal
    if hint in _CLASSES:
        return _encoder(hint), _decoder(hint)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if all(a in _CLASSES for a in rest) and len(rest) > 1:
            return _tagged_encode, _tagged_decode
        enc, dec = _converters(rest[0]) if len(rest) == 1 else (_same, _same)
        if enc is _same:
            return _same, _same
        return (lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v))
    if origin in (list, tuple, frozenset, set):
        if origin is tuple and args and args[-1] is not Ellipsis:
            parts = [_converters(a) for a in args]
            if all(e is _same for e, _ in parts):
                return tuple, tuple
            return (lambda v: tuple(e(x) for (e, _), x in zip(parts, v, strict=True)),
                    lambda v: tuple(d(x) for (_, d), x in zip(parts, v, strict=True)))
        enc, dec = _converters(args[0]) if args else (_same, _same)
        build: Callable[[Any], Any] = {list: list, tuple: tuple, frozenset: frozenset, set: set}[origin]
        if enc is _same:
            return (lambda v: list(v)), build
        return (lambda v: [enc(x) for x in v]), (lambda v: build(dec(x) for x in v))
    if origin is dict:
        enc, dec = _converters(args[1]) if args else (_same, _same)
        if enc is _same:
            return _same, _same
        return ((lambda v: {k: enc(x) for k, x in v.items()}),
                (lambda v: {k: dec(x) for k, x in v.items()}))
    raise TypeError(f"the codec cannot carry {hint!r}")


def _encoder(cls: type[Any]) -> Convert:
    def encode(obj: Any) -> tuple[Any, ...]:
        spec = _CLASSES[cls]
        attrs = obj.__dict__
        return tuple(e(attrs[n]) for n, e in zip(spec.names, spec.encoders, strict=True))
    return encode


def _decoder(cls: type[Any]) -> Convert:
    new = object.__new__

    def decode(data: tuple[Any, ...]) -> Any:
        spec = _CLASSES[cls]
        if len(data) != len(spec.names):
            raise CodecError(f"{cls.__name__}: {len(data)} fields, expected {len(spec.names)}")
        obj = new(cls)
        # Frozen dataclasses refuse setattr; their instance dict takes the fields all the same.
        obj.__dict__.update(zip(spec.names, (d(x) for d, x in zip(spec.decoders, data, strict=True)),
                                strict=True))
        return obj
    return decode


_ENCODE: dict[type[Any], Convert] = {}
_DECODE: dict[str, Convert] = {}


def _tagged_encode(obj: Any) -> tuple[Any, ...]:
    cls = type(obj)
    return (cls.__name__, _ENCODE[cls](obj))


def _tagged_decode(data: tuple[str, Any]) -> Any:
    decode = _DECODE.get(data[0])
    if decode is None:
        raise CodecError(f"unknown type {data[0]!r}")
    return decode(data[1])


# Every type a mention's value can be is carried: a new one joins by joining the union.
_register(Clause, *typing.get_args(MentionValue), Mention, Problem, CitationVerdict, TextLayer,
          SourceOutcome)
_ENCODE.update((cls, _encoder(cls)) for cls in _CLASSES)
_DECODE.update((cls.__name__, _decoder(cls)) for cls in _CLASSES)

_pack_outcome = _encoder(SourceOutcome)
_unpack_outcome = _decoder(SourceOutcome)
_mention = _converters(list[Mention])


def pack(outcome: SourceOutcome) -> tuple[Any, ...]:
    """An outcome as plain data."""
    return _pack_outcome(outcome)  # type: ignore[no-any-return]


def unpack(data: Any) -> SourceOutcome:
    """The outcome that :func:`pack` gave ``data``."""
    try:
        return _unpack_outcome(data)  # type: ignore[no-any-return]
    except CodecError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise CodecError(f"damaged outcome: {exc}") from exc


def pack_mentions(mentions: list[Mention]) -> list[Any]:
    return _mention[0](mentions)  # type: ignore[no-any-return]


def unpack_mentions(data: Any) -> list[Mention]:
    try:
        return _mention[1](data)  # type: ignore[no-any-return]
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise CodecError(f"damaged mentions: {exc}") from exc


# ---------------------------------------------------------------------------- bytes
#
# marshal is fast and holds only plain values, but reading malformed marshal data is not
# safe; every blob carries a SHA-256 of its body, checked before marshal sees it.


def dumps(data: Any, *, compress: bool = True) -> bytes:
    """Plain data as checked bytes, compressed unless ``compress`` is false (a text layer is
    read back on every re-check: decompressing it would cost more than the disk it saves)."""
    try:
        raw = marshal.dumps((LAYOUT, data))
    except ValueError as exc:  # a value marshal cannot hold
        raise CodecError(str(exc)) from exc
    body = zlib.compress(raw, 1) if compress else _RAW + raw
    return hashlib.sha256(body).digest() + body


def intact(blob: bytes) -> bool:
    """Whether ``blob`` still has the digest :func:`dumps` gave it."""
    return len(blob) > 32 and hashlib.sha256(blob[32:]).digest() == blob[:32]


def loads(blob: bytes) -> Any:
    """The plain data of :func:`dumps`, or :class:`CodecError`."""
    digest, body = blob[:32], blob[32:]
    if len(digest) != 32 or hashlib.sha256(body).digest() != digest:
        raise CodecError("checksum mismatch")
    try:
        layout, data = marshal.loads(body[1:] if body[:1] == _RAW else zlib.decompress(body))
    except (ValueError, TypeError, EOFError, zlib.error) as exc:
        raise CodecError(f"damaged data: {exc}") from exc
    if layout != LAYOUT:
        raise CodecError("another layout")
    return data


_layer = _converters(tuple[str, TextLayer])


def pack_layer(text: str, layer: TextLayer) -> tuple[Any, ...]:
    """A source's text layer (its text and how it was extracted) as plain data."""
    return _layer[0]((text, layer))  # type: ignore[no-any-return]


def unpack_layer(data: Any) -> tuple[str, TextLayer]:
    try:
        text, layer = _layer[1](data)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise CodecError(f"damaged text layer: {exc}") from exc
    if not isinstance(text, str):
        raise CodecError("damaged text layer: no text")
    return text, layer
