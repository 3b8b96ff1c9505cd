"""`factbase add`: store a document under ``sources/`` and declare it in the facts file.

SOURCE is a file (copied under ``sources/`` next to the facts file, unless it is already in
the project) or an http(s) URL (fetched and kept as a web snapshot, ``sources/ID.warc.gz``:
:mod:`factbase.fetch`). The document must give a text layer. Its title, authors, publisher
and publication date are read from the document itself (:mod:`factbase.sources.meta`), and a
source entry with its ``sha256`` (and ``text_sha256`` for a page, PDF or snapshot) is appended
to the ``sources:`` of the facts file as a text edit: comments and formatting stay as they are,
as with ``factbase pin``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from .fetch import FetchError, fetch
from .pin import Edit, apply_edits, write_atomically
from .sources import resolve_inside, sha256_bytes
from .sources.errors import LayerError
from .sources.layer import extract, format_of
from .sources.meta import document_meta
from .verify.types import TextLayer
from .yamldoc import compose

__all__ = ["AddError", "Added", "add"]

NEW_FACTS = "factbase: 1\nsources:\n"
_SLUG = re.compile(r"[^a-z0-9]+")


class AddError(Exception):
    """The source could not be added; the message says why."""


@dataclass
class Added:
    id: str
    path: str                               # relative to the facts file's folder
    entry: dict[str, Any]                   # the fields written, in order
    facts: Path
    lines: str                              # the YAML text appended
    notes: list[str] = field(default_factory=list)
    redirects: list[tuple[str, int, str]] = field(default_factory=list)


def is_url(source: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source))


def add(source: str, facts_path: str | os.PathLike[str] = "facts.yaml", *,
        source_id: str | None = None, timeout: float | None = None,
        **fetch_options: Any) -> Added:
    """Add SOURCE to the facts file at ``facts_path`` (created when missing)."""
    facts = Path(facts_path)
    if facts.exists():
        try:
            text = facts.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise AddError(f"{facts}: not UTF-8") from None
    else:
        text = NEW_FACTS
    root = facts.resolve().parent
    node, ids, paths = _sources_of(text, str(facts))
    if source_id is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", source_id):
        raise AddError(f"--id {source_id!r}: use lowercase letters, digits and hyphens")
    if source_id is not None and source_id in ids:
        raise AddError(f"a source with id {source_id!r} is already declared")
    notes: list[str] = []
    redirects: list[tuple[str, int, str]] = []
    url: str | None = None
    if is_url(source):
        options = dict(fetch_options)
        if timeout is not None:
            options["timeout"] = timeout
        try:
            fetched = fetch(source, **options)
        except FetchError as exc:
            raise AddError(str(exc)) from None
        url, data, redirects = fetched.url, fetched.warc, fetched.redirects
        wanted = source_id or _unique(_slug(_url_name(fetched.url)), ids)
        relative, fmt = f"sources/{wanted}.warc.gz", "warc"
        target = root / relative
        if relative in paths or target.exists():
            raise AddError(f"{relative} already exists; give another --id")
        layer = _text_layer(fmt, data, source)
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_new(target, data)
    else:
        path = Path(source)
        if not path.is_file():
            raise AddError(f"{source}: no such file")
        data = path.read_bytes()
        fmt = format_of(path.name)
        layer = _text_layer(fmt, data, source)
        inside = resolve_inside(root, os.path.relpath(path.resolve(), root))
        if inside is not None and inside == path.resolve():
            relative = inside.relative_to(root).as_posix()
        else:
            relative = _copy(path, data, root)
        wanted = source_id or _unique(_slug(_stem(path.name)), ids)
    meta = document_meta(fmt, data)
    entry: dict[str, Any] = {"id": wanted, "path": relative}
    if meta.title:
        entry["title"] = meta.title
    if meta.publisher:
        entry["publisher"] = meta.publisher
    if meta.authors:
        entry["authors"] = meta.authors
    if meta.published:
        entry["published"] = meta.published
    else:
        notes.append("no publication date found in the document: set `published` so that "
                     "relative dates (\"last month\") resolve")
    if url:
        entry["url"] = url
    entry["sha256"] = sha256_bytes(data)
    if fmt != "text":
        entry["text_sha256"] = layer.sha256
    new_text, lines = _append(text, node, entry)
    if facts.exists():
        write_atomically(facts, new_text.encode("utf-8"))
    else:
        facts.write_text(new_text, encoding="utf-8")
    return Added(wanted, relative, entry, facts, lines, notes, redirects)


def _text_layer(fmt: str, data: bytes, source: str) -> TextLayer:
    try:
        return extract(fmt, data)[1]
    except LayerError as exc:
        raise AddError(f"{source}: no text to cite: {exc}") from None


def _copy(path: Path, data: bytes, root: Path) -> str:
    """Copy ``path`` under ``sources/``, next to an existing file of the same name only when
    the bytes differ (name-2.ext, ...)."""
    folder = root / "sources"
    folder.mkdir(exist_ok=True)
    name = path.name
    stem, suffix = _stem(name), name[len(_stem(name)):]
    for n in range(1, 1000):
        candidate = folder / (name if n == 1 else f"{stem}-{n}{suffix}")
        if candidate.exists():
            if sha256_bytes(candidate.read_bytes()) == sha256_bytes(data):
                return candidate.relative_to(root).as_posix()
            continue
        _write_new(candidate, data)
        return candidate.relative_to(root).as_posix()
    raise AddError(f"{name}: too many files of that name under sources/")


def _write_new(path: Path, data: bytes) -> None:
    """Write a new file whole or not at all: to a temporary name, then renamed."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _stem(name: str) -> str:
    lower = name.lower()
    for ending in (".warc.gz", ".html", ".htm", ".xhtml", ".pdf", ".warc", ".txt", ".md"):
        if lower.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    return name.rsplit(".", 1)[0] if "." in name[1:] else name


def _url_name(url: str) -> str:
    parts = urlsplit(url)
    segments = [s for s in unquote(parts.path).split("/") if s]
    return _stem(segments[-1]) if segments else parts.hostname or "page"


def _slug(name: str) -> str:
    slug = _SLUG.sub("-", name.lower()).strip("-")[:60].strip("-")
    return slug or "source"


def _unique(slug: str, ids: set[str]) -> str:
    if slug not in ids:
        return slug
    n = 2
    while f"{slug}-{n}" in ids:
        n += 1
    return f"{slug}-{n}"


def _sources_of(text: str, shown: str,
                ) -> tuple[tuple[yaml.Node, yaml.Node] | None, set[str], set[str]]:
    """The ``sources:`` key and value nodes of the facts file, and the ids and paths declared
    there."""
    root, problems = compose(text, shown)
    if problems:
        raise AddError(f"{problems[0].location}: {problems[0].message}")
    if root is None:
        return None, set(), set()
    if not isinstance(root, yaml.MappingNode):
        raise AddError(f"{shown}: not a mapping of sources, entities and claims")
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "sources":
            ids: set[str] = set()
            paths: set[str] = set()
            if isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    if isinstance(item, yaml.MappingNode):
                        for k, v in item.value:
                            if isinstance(v, yaml.ScalarNode) and k.value == "id":
                                ids.add(v.value)
                            if isinstance(v, yaml.ScalarNode) and k.value == "path":
                                paths.add(v.value)
            return (key, value), ids, paths
    return None, set(), set()


_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")


def _scalar(value: str) -> str:
    """A YAML scalar for ``value``: plain when it reads back as the same string (factbase
    reads YAML 1.2, where a date is text), else double-quoted."""
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return value
    if _PLAIN.match(value) and not re.fullmatch(r"[0-9._-]+|true|false|null", value, re.IGNORECASE):
        return value
    return json.dumps(value, ensure_ascii=False)


def _render(entry: dict[str, Any], dash: str, indent: str, newline: str) -> str:
    lines = []
    for n, (key, value) in enumerate(entry.items()):
        shown = ("[" + ", ".join(_scalar(v) for v in value) + "]" if isinstance(value, list)
                 else _scalar(str(value)))
        lines.append(f"{dash if n == 0 else indent}{key}: {shown}{newline}")
    return "".join(lines)


def _append(text: str, found: tuple[yaml.Node, yaml.Node] | None,
            entry: dict[str, Any]) -> tuple[str, str]:
    """``text`` with the entry appended to its sources, and the lines added."""
    newline = "\r\n" if "\r\n" in text else "\n"
    if found is None:  # no `sources:` yet: a new block at the end
        lines = _render(entry, "  - ", "    ", newline)
        lead = "" if not text or text.endswith("\n") else newline
        added = f"sources:{newline}{lines}"
        return text + lead + added, lines
    key, value = found
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        first = value.value[0]
        line_start = text.rfind("\n", 0, first.start_mark.index) + 1
        prefix = text[line_start:first.start_mark.index]   # "  - "
        dash = prefix if prefix.strip() == "-" else " " * (first.start_mark.column - 2) + "- "
        indent = " " * len(dash)
        at = _last_scalar_end(value.value[-1])
        eol = text.find("\n", at)
        at = len(text) if eol == -1 else eol + 1
        lines = _render(entry, dash, indent, newline)
        lead = "" if at == 0 or text[at - 1] == "\n" else newline
        return apply_edits(text, [Edit(at, at, lead + lines)]), lines
    column = key.start_mark.column
    dash = " " * (column + 2) + "- "
    lines = _render(entry, dash, " " * len(dash), newline)
    if isinstance(value, yaml.SequenceNode) and value.flow_style and value.value:
        flow = "{" + ", ".join(
            f"{k}: " + ("[" + ", ".join(_scalar(x) for x in v) + "]" if isinstance(v, list)
                        else _scalar(str(v))) for k, v in entry.items()) + "}"
        at = _last_scalar_end(value.value[-1])
        return apply_edits(text, [Edit(at, at, f", {flow}")]), flow + newline
    # `sources: []` or `sources:` with nothing: the value becomes a block sequence.
    a, b = value.start_mark.index, value.end_mark.index
    if isinstance(value, yaml.ScalarNode) and a == b:
        a = b = key.end_mark.index + 1 if text[key.end_mark.index:key.end_mark.index + 1] == ":" \
            else key.end_mark.index
    eol = text.find("\n", b)
    rest = text[b:eol if eol != -1 else len(text)]
    if rest.strip() and not rest.strip().startswith("#"):
        raise AddError("cannot append to this `sources:` value; write it as a list")
    return apply_edits(text, [Edit(a, b, newline + lines.rstrip("\r\n"))]), lines


def _last_scalar_end(node: yaml.Node) -> int:
    """Where the last scalar inside ``node`` ends (a block collection's own end mark lies
    after the comments that follow it)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        last = node.value[-1]
        if isinstance(node, yaml.MappingNode):
            last = last[1]
        if isinstance(node, yaml.SequenceNode | yaml.MappingNode) and node.flow_style:
            return int(node.end_mark.index)
        node = last
    return int(node.end_mark.index)
