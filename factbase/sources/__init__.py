"""Read source documents: resolve their paths safely, hash their bytes, extract their text
layer (one module per format: :mod:`.layer` dispatches), and check their pins.

Offsets everywhere in factbase are code points into a source's text layer: for a text file the
text exactly as stored (a BOM or CRLF line ends included), for a web page, a PDF or a web
snapshot the text that :mod:`.layer` extracts. Normalization for anchoring lives in
:mod:`factbase.textmap`.

:func:`read_text` works on plain data (it runs inside a unit of work, possibly on another
machine); its problems name the source and the field they are about (``path``, ``sha256``),
and :func:`read_source` gives them the source's location in the facts file.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..hints import missing_file
from ..location import Location
from ..problems import Problem, problem
from ..verify.types import TextLayer
from .layer import FORMATS, LayerError, extract, format_of, text_sha256

if TYPE_CHECKING:
    from ..factset import FactSet
    from ..model import Source

__all__ = [
    "FORMATS", "MAX_SOURCE_BYTES", "SourceText", "TextLayer", "format_of", "locate", "read_bytes",
    "read_file", "read_source", "read_text", "resolve_inside", "sha256_bytes", "text_sha256",
]

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
    # How the text was extracted (format, its hash, pages, boilerplate); None when unread.
    layer: TextLayer | None = None

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
              text: str | None = None, *, format: str | None = None,
              text_pinned: str | None = None,
              cached: tuple[str, TextLayer] | None = None) -> SourceText:
    """Read the source ``source_id`` at ``path`` (relative to the project folder ``root``),
    or take the ``text`` given in memory; hash it, extract its text layer in ``format`` (else
    by the file name), and check the pinned sha256 and text_sha256. ``cached`` is a layer an
    earlier run extracted: used when it was extracted from the same bytes. Problems are
    collected on the result, never raised."""
    def fail(code: str, at: str, real: Path | None = None, **params: Any) -> SourceText:
        return SourceText(source_id, real, None, None, problems=[problem(
            code, source_id=source_id, field_path=at, **params)])

    if text is not None:
        data = text.encode("utf-8")
        digest = sha256_bytes(data)
        layer = TextLayer("text", digest, text_sha256(text))
        return _pinned(SourceText(source_id, None, text, digest, layer=layer), pinned, text_pinned)
    real = resolve_inside(Path(root), path)
    if real is None:
        return fail("path-outside-root", "path", path=path, root=root)
    if not real.exists():
        return fail("source-missing", "path", real, source=source_id, path=path,
                    hint=missing_file(root, path))
    raw, reason = read_bytes(real)
    if raw is None:
        return fail("source-unreadable", "path", real, source=source_id, path=path, reason=reason)
    digest = sha256_bytes(raw)
    if cached is not None and cached[1].source_sha256 == digest:
        decoded, layer = cached
        layer.problems = [dataclasses.replace(p) for p in layer.problems]
    else:
        try:
            decoded, layer = extract(format_of(path, format), raw, source_id, digest)
        except LayerError as exc:
            result = fail("source-unreadable", "path", real, source=source_id, path=path,
                          reason=str(exc))
            result.sha256 = digest
            return result
    result = SourceText(source_id, real, decoded, digest, problems=list(layer.problems),
                        layer=layer)
    return _pinned(result, pinned, text_pinned)


def read_file(path: Path, format: str | None = None) -> tuple[str | None, str]:
    """The text layer of any file (no project, no pins): the text, or None and the reason."""
    raw, reason = read_bytes(path)
    if raw is None:
        return None, reason
    try:
        return extract(format_of(path.name, format), raw)[0], ""
    except LayerError as exc:
        return None, str(exc)


def _pinned(result: SourceText, pinned: str | None, text_pinned: str | None) -> SourceText:
    if pinned is not None and pinned != result.sha256:
        result.changed = True
        result.problems.append(problem(
            "source-changed", source_id=result.id, field_path="sha256", source=result.id,
            actual=result.sha256, expected=pinned,
        ))
        return result  # new bytes: a new text too, said once
    layer = result.layer
    if text_pinned is not None and layer is not None and text_pinned != layer.sha256:
        # The same bytes, another text: the extractor changed. Offsets may have moved.
        result.changed = True
        result.problems.append(problem(
            "text-changed", source_id=result.id, field_path="text_sha256", source=result.id,
            actual=layer.sha256, expected=text_pinned, format=layer.format,
        ))
    return result


def read_source(facts: FactSet, source: Source) -> SourceText:
    """Read one source of a FactSet, its problems located in the facts file."""
    result = read_text(source.id, str(facts.root), source.path or "", source.sha256,
                       source.text, format=source.format, text_pinned=source.text_sha256)
    for p in result.problems:
        locate(p, source.where(p.field_path))
    return result


def locate(p: Problem, where: Location) -> None:
    """Give a problem the facts-file position ``where``."""
    p.file, p.line, p.column = where.file, where.line, where.column


def read_bytes(path: Path) -> tuple[bytes | None, str]:
    """A source file's bytes, or None and the reason (not a file, too large, an OS error)."""
    try:
        if not path.is_file():
            return None, "not a regular file"
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return None, f"larger than {MAX_SOURCE_BYTES} bytes"
        data = path.read_bytes()
    except OSError as exc:
        return None, exc.strerror or str(exc)
    if len(data) > MAX_SOURCE_BYTES:
        return None, f"larger than {MAX_SOURCE_BYTES} bytes"
    return data, ""
