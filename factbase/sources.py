"""Read source documents: resolve their paths safely, decode, hash, and check their pins.

Offsets everywhere in factbase are code points into the text exactly as stored (a BOM or CRLF
line ends included); normalization for anchoring lives in :mod:`factbase.textmap`.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem, problem

if TYPE_CHECKING:
    from .loader import FactSet
    from .model import Source

MAX_SOURCE_BYTES = 256 * 1024 * 1024


@dataclass
class SourceText:
    """A source as read from disk."""

    source: Source
    path: Path | None
    text: str | None
    sha256: str | None
    changed: bool = False
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.text is not None


def resolve_inside(root: Path, relative: str) -> Path | None:
    """The real path of ``relative`` under ``root``, or None when it would leave ``root``.

    Absolute paths, ``..`` that climbs out, and symlinks that lead outside are all refused,
    before anything of the target is read.
    """
    if os.path.isabs(relative) or relative.startswith("~") or "\x00" in relative:
        return None
    real_root = _real(root)
    candidate = (real_root / relative).resolve()
    try:
        candidate.relative_to(real_root)
    except ValueError:
        return None
    return candidate


@functools.lru_cache(maxsize=64)
def _real(root: Path) -> Path:
    # One project root serves thousands of sources: resolve it once.
    return root.resolve()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source(facts: FactSet, source: Source) -> SourceText:
    """Read one source of a FactSet; problems are collected on the result, never raised."""
    where = source.where("path")
    shown = source.path
    path = resolve_inside(facts.root, source.path)
    if path is None:
        return SourceText(source, None, None, None, problems=[problem(
            "path-outside-root", where, source_id=source.id, path=shown, root=str(facts.root),
        )])
    if not path.exists():
        return SourceText(source, path, None, None, problems=[problem(
            "source-missing", where, source_id=source.id, source=source.id, path=shown,
        )])
    data, reason = _read_bytes(path)
    if data is None:
        return SourceText(source, path, None, None, problems=[problem(
            "source-unreadable", where, source_id=source.id, source=source.id, path=shown, reason=reason,
        )])
    digest = sha256_bytes(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return SourceText(source, path, None, digest, problems=[problem(
            "source-unreadable", where, source_id=source.id, source=source.id, path=shown,
            reason=f"not UTF-8 (byte 0x{data[exc.start]:02x} at byte offset {exc.start})",
        )])
    result = SourceText(source, path, text, digest)
    if source.sha256 is not None and source.sha256 != digest:
        result.changed = True
        result.problems.append(problem(
            "source-changed", source.where("sha256"), source_id=source.id, source=source.id,
            actual=digest, expected=source.sha256,
        ))
    return result


def _read_bytes(path: Path) -> tuple[bytes | None, str]:
    try:
        if not path.is_file():
            return None, "not a regular file"
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return None, f"larger than {MAX_SOURCE_BYTES} bytes"
        data = path.read_bytes()
    except OSError as exc:
        return None, exc.strerror or str(exc)
    if b"\x00" in data:
        return None, "binary file (NUL bytes)"
    return data, ""
