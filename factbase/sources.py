"""Read source documents: resolve their paths safely, decode, hash, and check their pins.

Offsets everywhere in factbase are code points into the text exactly as stored (a BOM or CRLF
line ends included); normalization for anchoring lives in :mod:`factbase.textmap`.

:func:`read_text` works on plain data (it runs inside a unit of work, possibly on another
machine); its problems name the source and the field they are about (``path``, ``sha256``),
and :func:`read_source` gives them the source's location in the facts file.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .location import Location
from .problems import Problem, problem

if TYPE_CHECKING:
    from .factset import FactSet
    from .model import Source

MAX_SOURCE_BYTES = 256 * 1024 * 1024


@dataclass
class SourceText:
    """A source as read."""

    id: str
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


def read_text(source_id: str, root: str, path: str, pinned: str | None = None,
              text: str | None = None) -> SourceText:
    """Read the source ``source_id`` at ``path`` (relative to the project folder ``root``),
    or take the ``text`` given in memory; hash it and check the pinned sha256. Problems are
    collected on the result, never raised."""
    def fail(code: str, at: str, real: Path | None = None, **params: Any) -> SourceText:
        return SourceText(source_id, real, None, None, problems=[problem(
            code, source_id=source_id, field_path=at, **params)])

    if text is not None:
        data = text.encode("utf-8")
        return _pinned(SourceText(source_id, None, text, sha256_bytes(data)), pinned)
    real = resolve_inside(Path(root), path)
    if real is None:
        return fail("path-outside-root", "path", path=path, root=root)
    if not real.exists():
        return fail("source-missing", "path", real, source=source_id, path=path)
    raw, reason = _read_bytes(real)
    if raw is None:
        return fail("source-unreadable", "path", real, source=source_id, path=path, reason=reason)
    data = raw
    digest = sha256_bytes(data)
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        result = fail("source-unreadable", "path", real, source=source_id, path=path,
                      reason=f"not UTF-8 (byte 0x{data[exc.start]:02x} at byte offset {exc.start})")
        result.sha256 = digest
        return result
    return _pinned(SourceText(source_id, real, decoded, digest), pinned)


def _pinned(result: SourceText, pinned: str | None) -> SourceText:
    if pinned is not None and pinned != result.sha256:
        result.changed = True
        result.problems.append(problem(
            "source-changed", source_id=result.id, field_path="sha256", source=result.id,
            actual=result.sha256, expected=pinned,
        ))
    return result


def read_source(facts: FactSet, source: Source) -> SourceText:
    """Read one source of a FactSet, its problems located in the facts file."""
    result = read_text(source.id, str(facts.root), source.path or "", source.sha256, source.text)
    for p in result.problems:
        locate(p, source.where(p.field_path))
    return result


def locate(p: Problem, where: Location) -> None:
    """Give a problem the facts-file position ``where``."""
    p.file, p.line, p.column = where.file, where.line, where.column


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
