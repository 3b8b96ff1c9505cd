"""Where things are written: a file position, and the positions of an object's fields.

A facts file of a million claims has some fifteen million nodes, and each problem points at
one of them (``file:line:col``). :class:`Marks` keeps the positions of one object's fields in
one packed array, indexed by a :class:`Shape` (the object's field paths in document order)
that all objects of the same structure share, so that remembering where everything was
written costs a few bytes a node rather than an object a node.

This module imports nothing else of factbase.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Location", "Marks", "Shape", "shape"]

# A position packs into one integer: the line above the column's bits.
_COLUMN_BITS = 32
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


@dataclass(frozen=True)
class Location:
    """Where a problem is: a facts file position (1-based line and column)."""

    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file or "<facts>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


def pack(line: int, column: int) -> int:
    return (line << _COLUMN_BITS) | column


class Shape:
    """The field paths of an object, in the order their positions are stored.

    Paths are dotted and relative to the object: ``""`` is the object itself, then
    ``value``, ``value.amount``, ``citations.0.quote``... Shapes are interned by
    :func:`shape`, so the thousands of claims written alike share one.
    """

    __slots__ = ("index", "paths")

    def __init__(self, paths: tuple[str, ...]) -> None:
        self.paths = paths
        self.index = {p: i for i, p in enumerate(paths)}

    def __reduce__(self) -> tuple[object, tuple[tuple[str, ...]]]:
        return shape, (self.paths,)


_SHAPES: dict[tuple[str, ...], Shape] = {}


def shape(paths: tuple[str, ...]) -> Shape:
    """The interned :class:`Shape` of these paths."""
    found = _SHAPES.get(paths)
    if found is None:
        found = _SHAPES[paths] = Shape(paths)
    return found


class Marks:
    """The positions of one object's fields in one file."""

    __slots__ = ("file", "packed", "prefix", "shape")

    def __init__(self, file: str | None, shape: Shape, packed: array[int], prefix: str = "") -> None:
        self.file = file
        self.shape = shape
        self.packed = packed
        self.prefix = prefix  # for a nested object: its path inside the object marked

    @classmethod
    def single(cls, where: Location) -> Marks:
        """Marks that know only where the object itself is."""
        positions = array("q", [pack(where.line or 0, where.column or 0)])
        return cls(where.file, shape(("",)), positions)

    @classmethod
    def build(cls, file: str | None, paths: Sequence[str], positions: Sequence[int]) -> Marks:
        return cls(file, shape(tuple(paths)), array("q", positions))

    def child(self, prefix: str) -> Marks:
        """The marks of a nested object (``roles.0``), sharing these positions."""
        return Marks(self.file, self.shape, self.packed, self._full(prefix))

    def _full(self, path: str) -> str:
        if not self.prefix:
            return path
        return f"{self.prefix}.{path}" if path else self.prefix

    def at(self, path: str = "") -> Location:
        """The position of the field at ``path`` (dotted, relative to the object), or of
        the nearest enclosing field that has one."""
        index = self.shape.index
        path = self._full(path)
        while True:
            i = index.get(path)
            if i is not None:
                packed = self.packed[i]
                line = packed >> _COLUMN_BITS
                if line == 0:
                    return Location(self.file)
                return Location(self.file, line, packed & _COLUMN_MASK)
            if not path:
                return Location(self.file)
            cut = path.rfind(".")
            path = path[:cut] if cut != -1 else ""

    def __reduce__(self) -> tuple[object, tuple[str | None, Shape, array[int], str]]:
        return Marks, (self.file, self.shape, self.packed, self.prefix)
