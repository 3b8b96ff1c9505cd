"""The one encoding of a unit's outcome: plain tuples generated from the dataclass fields.

A :class:`~factbase.verify.types.SourceOutcome` (and its mentions, values, verdicts and
problems) becomes nested tuples, lists and strings that :mod:`marshal` writes in a few
microseconds and that only these classes can be read back into. The same bytes travel from a
worker to the run and sit in the cache. The encoders and decoders are generated as Python
source from each class's type hints and compiled once, so a field added to a result type is
carried everywhere without being written down again (and a run that decodes hundreds of
thousands of mentions does not walk their fields generically: that cost a microsecond a field).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import marshal
import types
import typing
import zlib
from collections import abc
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..mentions.types import Mention
from ..problems import Problem
from ..values import Clause, MentionValue
from ..verify.types import CitationVerdict, SourceOutcome, TextLayer

__all__ = ["CodecError", "Lazy", "dumps", "intact", "loads", "pack", "pack_layer", "pack_mentions",
           "unpack", "unpack_layer", "unpack_mentions"]

# Bump when the encoding changes in a way the classes' fields do not show.
LAYOUT = 7
# The first byte of an uncompressed body (a zlib stream starts with 0x78, never with 0x00).
_RAW = b"\x00"


class CodecError(Exception):
    """Bytes that are not an encoding of this version's classes."""


_CLASSES: list[type[Any]] = []
def _exact(text: str) -> Decimal | Fraction:
    return Fraction(text) if "/" in text else Decimal(text)


_NAMESPACE: dict[str, Any] = {"Decimal": Decimal, "_exact": _exact, "_date": dt.date.fromordinal,
                              "_ordinal": dt.date.toordinal, "_new": object.__new__,
                              "CodecError": CodecError}
_DAMAGE = (ValueError, TypeError, KeyError, IndexError, AttributeError, ArithmeticError)


class Lazy(Sequence[Any]):
    """A sequence kept as marshal bytes and decoded item by item on first access (a run rarely
    looks at every mention of every source it found in the cache, and bytes cost the garbage
    collector nothing)."""

    __slots__ = ("_decode", "_items", "_packed", "_raw")

    def __init__(self, raw: bytes, decode: Callable[[Any], Any]) -> None:
        self._raw: bytes | None = raw
        self._packed: list[Any] | None = None
        self._decode = decode
        self._items: list[Any] | None = None

    def _unpacked(self) -> list[Any]:
        if self._packed is None:
            try:
                self._packed = list(marshal.loads(self._raw or b"\x5b\x00\x00\x00\x00"))
            except (ValueError, TypeError, EOFError) as exc:
                raise CodecError(f"damaged items: {exc}") from exc
            self._raw = None
            self._items = [_MISSING] * len(self._packed)
        return self._packed

    def __len__(self) -> int:
        return len(self._unpacked())

    @typing.overload
    def __getitem__(self, index: int) -> Any: ...
    @typing.overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        packed = self._unpacked()
        assert self._items is not None
        found = self._items[index]
        if found is _MISSING:
            try:
                found = self._items[index] = self._decode(packed[index])
            except CodecError:
                raise
            except _DAMAGE as exc:
                raise CodecError(f"damaged item: {exc}") from exc
        return found

    def __iter__(self) -> Iterator[Any]:
        for i in range(len(self)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Lazy({len(self)} items)"


_MISSING = object()


def _expr(hint: Any, var: str, depth: int = 0, lazy: bool = False) -> tuple[str, str]:
    """Source expressions that encode and decode ``var``, a value of type ``hint``; with
    ``lazy``, a ``Sequence`` of a registered class decodes as a :class:`Lazy`."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is abc.Sequence:
        # A sequence of a registered class travels as marshal bytes of its own, so that a
        # lazy decoder holds one bytes object until the items are read.
        if args[0] not in _CLASSES:
            raise TypeError(f"the codec carries a Sequence of a registered class, not {hint!r}")
        name = args[0].__name__
        encoded = f"_mdump([_enc_{name}(_x) for _x in {var}])"
        if lazy:
            return encoded, f"_Lazy({var}, _dec_{name})"
        return encoded, f"[_dec_{name}(_x) for _x in _mload({var})]"
    if hint in (int, str, bool, float, bytes, type(None), Any) or origin is typing.Literal:
        return var, var
    if hint is Decimal:
        return f"str({var})", f"Decimal({var})"
    if origin in (typing.Union, types.UnionType) and set(args) == {Decimal, Fraction}:
        # an exact number (values.Number): "1/3" for a fraction, the decimal's digits else
        return f"str({var})", f"_exact({var})"
    if hint is dt.date:
        return f"_ordinal({var})", f"_date({var})"
    if hint in _CLASSES:
        return f"_enc_{hint.__name__}({var})", f"_dec_{hint.__name__}({var})"
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if set(rest) == {Decimal, Fraction}:
            return f"(None if {var} is None else str({var}))", f"(None if {var} is None else _exact({var}))"
        if len(rest) > 1:
            if not all(a in _CLASSES for a in rest):
                raise TypeError(f"the codec cannot carry {hint!r}")
            return f"_tag_enc({var})", f"_tag_dec({var})"
        enc, dec = _expr(rest[0], var, depth)
        if enc == var and dec == var:
            return var, var
        return f"(None if {var} is None else {enc})", f"(None if {var} is None else {dec})"
    item = f"_x{depth}"
    if origin in (list, tuple, frozenset, set):
        build = {list: "list", tuple: "tuple", frozenset: "frozenset", set: "set"}[origin]
        if origin is tuple and args and args[-1] is not Ellipsis:
            parts = [_expr(a, f"{var}[{k}]", depth + 1) for k, a in enumerate(args)]
            return ("(" + "".join(e + ", " for e, _ in parts) + ")",
                    "(" + "".join(d + ", " for _, d in parts) + ")")
        enc, dec = _expr(args[0], item, depth + 1) if args else (item, item)
        if enc == item and dec == item:
            return f"list({var})", f"{build}({var})"
        decoded = (f"[{dec} for {item} in {var}]" if build == "list"
                   else f"{build}({dec} for {item} in {var})")
        return f"[{enc} for {item} in {var}]", decoded
    if origin is dict:
        enc, dec = _expr(args[1], item, depth + 1) if args else (item, item)
        if enc == item and dec == item:
            return var, var
        return (f"{{_k{depth}: {enc} for _k{depth}, {item} in {var}.items()}}",
                f"{{_k{depth}: {dec} for _k{depth}, {item} in {var}.items()}}")
    raise TypeError(f"the codec cannot carry {hint!r}")


def _register(*classes: type[Any]) -> None:
    _CLASSES.extend(classes)
    source: list[str] = []
    for cls in classes:
        hints = typing.get_type_hints(cls)
        fields = [f.name for f in dataclasses.fields(cls) if f.init]
        name = cls.__name__
        _NAMESPACE[f"_cls_{name}"] = cls
        encoded = "".join(_expr(hints[f], f"o.{f}")[0] + ", " for f in fields)
        source.append(f"def _enc_{name}(o):\n    return ({encoded})\n")
        for suffix, lazy in (("", False), ("_lazy", True)):
            decoded = ", ".join(f"{f!r}: {_expr(hints[f], f'a[{k}]', lazy=lazy)[1]}"
                                for k, f in enumerate(fields))
            source.append(
                f"def _dec_{name}{suffix}(a):\n"
                f"    if len(a) != {len(fields)}:\n"
                f"        raise CodecError('{name}: ' + str(len(a)) + ' fields, expected {len(fields)}')\n"
                f"    o = _new(_cls_{name})\n"
                # Frozen dataclasses refuse setattr; their instance dict takes the fields anyway.
                f"    o.__dict__.update({{{decoded}}})\n"
                f"    return o\n")
    exec("\n".join(source), _NAMESPACE)  # source generated above from the classes' type hints
    _TAG_ENC.update((cls, (cls.__name__, _NAMESPACE[f"_enc_{cls.__name__}"])) for cls in _CLASSES)
    _TAG_DEC.update((cls.__name__, _NAMESPACE[f"_dec_{cls.__name__}"]) for cls in _CLASSES)


_TAG_ENC: dict[type[Any], tuple[str, Callable[[Any], Any]]] = {}
_TAG_DEC: dict[str, Callable[[Any], Any]] = {}


def _tag_enc(obj: Any) -> tuple[str, Any]:
    name, encode = _TAG_ENC[type(obj)]
    return name, encode(obj)


def _tag_dec(data: tuple[str, Any]) -> Any:
    decode = _TAG_DEC.get(data[0])
    if decode is None:
        raise CodecError(f"unknown type {data[0]!r}")
    return decode(data[1])


_NAMESPACE["_tag_enc"] = _tag_enc
_NAMESPACE["_tag_dec"] = _tag_dec
_NAMESPACE["_Lazy"] = Lazy
_NAMESPACE["_mdump"] = marshal.dumps
_NAMESPACE["_mload"] = marshal.loads

# Every type a mention's value can be is carried: a new one joins by joining the union.
_register(Clause, *typing.get_args(MentionValue), Mention, Problem, CitationVerdict, TextLayer,
          SourceOutcome)

_pack_outcome: Callable[[SourceOutcome], tuple[Any, ...]] = _NAMESPACE["_enc_SourceOutcome"]
_unpack_outcome: Callable[[Any], SourceOutcome] = _NAMESPACE["_dec_SourceOutcome"]
_unpack_outcome_lazy: Callable[[Any], SourceOutcome] = _NAMESPACE["_dec_SourceOutcome_lazy"]
_pack_mention: Callable[[Mention], Any] = _NAMESPACE["_enc_Mention"]
_unpack_mention: Callable[[Any], Mention] = _NAMESPACE["_dec_Mention"]
pack_problem: Callable[[Problem], Any] = _NAMESPACE["_enc_Problem"]
unpack_problem: Callable[[Any], Problem] = _NAMESPACE["_dec_Problem"]
pack_verdict: Callable[[CitationVerdict], Any] = _NAMESPACE["_enc_CitationVerdict"]
unpack_verdict: Callable[[Any], CitationVerdict] = _NAMESPACE["_dec_CitationVerdict"]


def pack(outcome: SourceOutcome) -> tuple[Any, ...]:
    """An outcome as plain data."""
    return _pack_outcome(outcome)


def unpack(data: Any, lazy: bool = False) -> SourceOutcome:
    """The outcome that :func:`pack` gave ``data``; with ``lazy``, its mentions decode on
    first access."""
    try:
        return (_unpack_outcome_lazy if lazy else _unpack_outcome)(data)
    except CodecError:
        raise
    except _DAMAGE as exc:
        raise CodecError(f"damaged outcome: {exc}") from exc


def pack_mentions(mentions: list[Mention]) -> list[Any]:
    return [_pack_mention(m) for m in mentions]


def unpack_mentions(data: Any) -> list[Mention]:
    try:
        return [_unpack_mention(m) for m in data]
    except CodecError:
        raise
    except _DAMAGE as exc:
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


def loads(blob: bytes, *, check: bool = True) -> Any:
    """The plain data of :func:`dumps`, or :class:`CodecError`; ``check`` false skips the
    digest, for bytes that never left the run (a worker's answer)."""
    if check and not intact(blob):
        raise CodecError("checksum mismatch")
    try:
        layout, data = marshal.loads(blob[33:] if blob[32:33] == _RAW else zlib.decompress(blob[32:]))
    except (ValueError, TypeError, EOFError, zlib.error) as exc:
        raise CodecError(f"damaged data: {exc}") from exc
    if layout != LAYOUT:
        raise CodecError("another layout")
    return data


_pack_layer_item: Callable[[TextLayer], Any] = _NAMESPACE["_enc_TextLayer"]
_unpack_layer_item: Callable[[Any], TextLayer] = _NAMESPACE["_dec_TextLayer"]


def pack_layer(text: str, layer: TextLayer) -> tuple[Any, ...]:
    """A source's text layer (its text and how it was extracted) as plain data."""
    return (text, _pack_layer_item(layer))


def unpack_layer(data: Any) -> tuple[str, TextLayer]:
    try:
        text, layer = data
        if not isinstance(text, str):
            raise CodecError("damaged text layer: no text")
        return text, _unpack_layer_item(layer)
    except CodecError:
        raise
    except _DAMAGE as exc:
        raise CodecError(f"damaged text layer: {exc}") from exc
