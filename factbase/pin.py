"""`factbase pin`: write each source's sha256 (and, for a web page, PDF or snapshot, the
text_sha256 of its text layer) and each citation's resolved offsets back.

The values are written into the YAML file where they are declared (included files too), as
surgical text edits at the positions PyYAML's composer reports: an existing scalar's text is
replaced, a missing key is added as a new ``key: value`` line at the mapping's indentation (or
as ``, key: value`` before the closing brace of a flow mapping). Comments, key order, quoting
and layout of everything else stay byte for byte. Files are written to a temporary file and
moved into place with ``os.replace``.

A citation that does not anchor, or anchors ambiguously, is not pinned; it is reported.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .anchor import Anchorer, AnchorError
from .hints import quote_fuzzy, quote_not_found, unknown_id
from .loader import load
from .problems import Problem, problem
from .sources import read_source
from .yamldoc import compose

__all__ = [
    "Change", "Edit", "PinResult", "SourcePins", "apply_edits", "pin", "set_fields",
    "summary_lines", "write_atomically",
]


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``new``."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class Change:
    """One field that pinning writes (or, under ``--check``, would write)."""

    file: str
    line: int
    owner: str        # "source <id>" or "claim <id> citation <n>"
    field: str        # sha256 | text_sha256 | start | end
    old: str | None
    new: str


@dataclass
class SourcePins:
    """How the citations of one source fared, for the summary of `factbase pin`.

    ``pinned``: citations that had no offsets (or only one of them) and get them;
    ``moved``: citations whose offsets were written before and change (the quote moved);
    ``unchanged``: citations already at their offsets; ``failed``: citations that could not
    be pinned (reported as problems). ``hashes`` names the hash fields that change (``sha256``,
    ``text_sha256``) and ``hashes_new`` whether they were unset before (rather than changed).
    """

    source_id: str
    pinned: int = 0
    moved: int = 0
    unchanged: int = 0
    failed: int = 0
    hashes: tuple[str, ...] = ()
    hashes_new: bool = True


@dataclass
class PinResult:
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    sources: list[SourcePins] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def pin(facts_path: str | os.PathLike[str], check: bool = False) -> PinResult:
    """Pin the facts file at ``facts_path`` and every file it includes.

    With ``check=True`` nothing is written; the result lists what would change. Raises
    :class:`factbase.FactsError` when the facts cannot be loaded.
    """
    facts = load(facts_path)
    result = PinResult()
    hashes: dict[str, str] = {}
    text_hashes: dict[str, str] = {}
    anchorers: dict[str, Anchorer] = {}
    tallies: dict[str, SourcePins] = {}
    for source in facts.sources:
        tally = tallies[source.id] = SourcePins(source.id)
        result.sources.append(tally)
        read = read_source(facts, source)
        if read.text is None or read.sha256 is None:
            result.problems.extend(read.problems)
            continue
        hashes[source.id] = read.sha256
        if read.layer is not None and read.layer.format != "text":
            text_hashes[source.id] = read.layer.sha256
        olds = {"sha256": (source.sha256, read.sha256),
                "text_sha256": (source.text_sha256, text_hashes.get(source.id))}
        changed = [(name, old) for name, (old, new) in olds.items()
                   if new is not None and old != new]
        tally.hashes = tuple(name for name, _ in changed)
        tally.hashes_new = all(old is None for _, old in changed)
        anchorers[source.id] = Anchorer(read.text)

    offsets: dict[tuple[str, int], tuple[int, int]] = {}
    for claim in facts.records:
        for index, citation in enumerate(claim.citations):
            where = claim.where(f"citations.{index}.quote")
            citation_id = f"{claim.id}#{index}"
            anchorer = anchorers.get(citation.source)
            if anchorer is None:
                if citation.source in tallies:  # its source could not be read (reported above)
                    tallies[citation.source].failed += 1
                if facts.source(citation.source) is None:
                    result.problems.append(problem(
                        "unknown-source", claim.where(f"citations.{index}.source"),
                        claim_id=claim.id, citation_id=citation_id, source_id=citation.source,
                        source=citation.source,
                        hint=unknown_id(citation.source, (s.id for s in facts.sources), "sources")))
                continue
            counts = tallies[citation.source]
            try:
                found = anchorer.anchor(citation.quote, prefix=citation.prefix,
                                        suffix=citation.suffix, start=citation.start,
                                        end=citation.end)
            except AnchorError as exc:
                hint = quote_not_found(exc.best, anchorer.text)
                result.problems.append(problem(
                    "quote-not-found", where, claim_id=claim.id, citation_id=citation_id,
                    source_id=citation.source, source=citation.source, hint=hint))
                counts.failed += 1
                continue
            if found.count > 1:
                hint = f"; add {found.hint}" if found.hint else ""
                result.problems.append(problem(
                    "quote-ambiguous", where, claim_id=claim.id, citation_id=citation_id,
                    source_id=citation.source, start=found.start, end=found.end,
                    count=found.count, source=citation.source, hint=hint))
                counts.failed += 1
                continue
            if found.method == "fuzzy":
                result.problems.append(problem(
                    "quote-fuzzy", where, claim_id=claim.id, citation_id=citation_id,
                    source_id=citation.source, start=found.start, end=found.end,
                    score=found.score, hint=quote_fuzzy(anchorer.text, found.start, found.end)))
            offsets[(claim.id, index)] = (found.start, found.end)
            if (citation.start, citation.end) == (found.start, found.end):
                counts.unchanged += 1
            elif citation.start is None or citation.end is None:
                counts.pinned += 1
            else:
                counts.moved += 1

    for path in facts.files:
        _pin_file(Path(path), facts.display_path(Path(path)), hashes, text_hashes, offsets, check,
                  result)
    return result


def summary_lines(result: PinResult, check: bool = False) -> list[str]:
    """One line per source and a total, as `factbase pin` prints them.

    ``seed: 2 pinned, 1 moved, 40 unchanged; sha256 set`` after pinning; under ``check``
    the same counts in the words of what is still to do (``2 unpinned``, ``sha256 unset``).
    """
    words = ("unpinned", "unset", "outdated") if check else ("pinned", "set", "updated")
    lines: list[str] = []
    total = SourcePins("total")
    for tally in result.sources:
        total.pinned += tally.pinned
        total.moved += tally.moved
        total.unchanged += tally.unchanged
        total.failed += tally.failed
        line = f"{tally.source_id}: {_counts(tally, words[0])}"
        if tally.hashes:
            line += f"; {' and '.join(tally.hashes)} {words[1] if tally.hashes_new else words[2]}"
        lines.append(line)
    sources = len(result.sources)
    line = f"total: {_counts(total, words[0])} in {sources} source{'s' * (sources != 1)}; "
    files = len({c.file for c in result.changes}) if check else len(result.written)
    if check:
        line += (f"{files} file{'s' * (files != 1)} would change" if result.changed
                 else "everything is pinned")
    else:
        line += f"wrote {files} file{'s' * (files != 1)}" if files else "nothing to write"
    lines.append(line)
    return lines


def _counts(tally: SourcePins, pinned: str) -> str:
    text = f"{tally.pinned} {pinned}, {tally.moved} moved, {tally.unchanged} unchanged"
    return text + (f", {tally.failed} failed" if tally.failed else "")


def _pin_file(
    path: Path,
    shown: str,
    hashes: dict[str, str],
    text_hashes: dict[str, str],
    offsets: dict[tuple[str, int], tuple[int, int]],
    check: bool,
    result: PinResult,
) -> None:
    raw = path.read_bytes()
    text = raw.decode("utf-8")  # newlines kept as they are: positions are into this text
    root, problems = compose(text, shown)
    if problems or not isinstance(root, yaml.MappingNode):
        result.problems.extend(problems)  # the loader read it a moment ago: a race
        return
    edits: list[Edit] = []
    done: set[int] = set()

    def record(node: yaml.MappingNode, owner: str, values: dict[str, str]) -> None:
        # A citation written once under an anchor (&name) and reused by alias (*name) is the
        # same node every time: edit it once.
        if id(node) in done:
            return
        done.add(id(node))
        for edit, key, old in set_fields(text, node, values):
            edits.append(edit)
            line = text.count("\n", 0, edit.start) + 1
            result.changes.append(Change(shown, line, owner, key, old, values[key]))

    for item in _items(root, "sources"):
        source_id = _scalar(item, "id")
        if source_id in hashes:
            values = {"sha256": hashes[source_id]}
            if source_id in text_hashes:
                values["text_sha256"] = text_hashes[source_id]
            record(item, f"source {source_id}", values)
    for claim in _items(root, "claims"):
        claim_id = _scalar(claim, "id")
        if claim_id is None:
            continue
        for index, citation in enumerate(_items(claim, "citations")):
            span = offsets.get((claim_id, index))
            if span is not None:
                record(citation, f"claim {claim_id} citation {index}",
                       {"start": str(span[0]), "end": str(span[1])})
    if not edits or check:
        return
    new = apply_edits(text, edits)
    if new != text:
        _write_atomically(path, new.encode("utf-8"))
        result.written.append(path)


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    for k, v in mapping.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v  # type: ignore[no-any-return]
    return None


def _scalar(mapping: yaml.MappingNode, key: str) -> str | None:
    node = _value(mapping, key)
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _items(mapping: yaml.MappingNode, key: str) -> list[yaml.MappingNode]:
    node = _value(mapping, key)
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item for item in node.value if isinstance(item, yaml.MappingNode)]


# ---------------------------------------------------------------------- surgical YAML edits

_PLAIN_SAFE = re.compile(r"^[0-9a-f]*[a-f][0-9a-f]*$|^[1-9][0-9]*$|^0$")


def _render(value: str, style: str | None) -> str:
    if style in ('"', "'"):
        return f"{style}{value}{style}"
    # a hex digest made only of digits would read as a number: quote it
    return value if _PLAIN_SAFE.match(value) else f'"{value}"'


def set_fields(
    text: str, mapping: yaml.MappingNode, values: dict[str, str]
) -> list[tuple[Edit, str, str | None]]:
    """Edits that give ``mapping`` (a node composed from ``text``) these scalar values.

    Returns ``(edit, key, old value)`` for each field that changes; fields that already hold
    the value give nothing. Existing scalars keep their quoting style.
    """
    out: list[tuple[Edit, str, str | None]] = []
    missing: list[str] = []
    for key, value in values.items():
        node = _value(mapping, key)
        if node is None:
            missing.append(key)
            continue
        if not isinstance(node, yaml.ScalarNode):
            continue  # a list or mapping where a number belongs: the loader reports it
        if node.value == value:
            continue
        a, b = node.start_mark.index, node.end_mark.index
        old = node.value if a != b and node.value not in ("null", "~", "Null", "NULL") else None
        style = node.style if node.style in ('"', "'") else None
        rendered = _render(value, style)
        if a == b:  # `key:` with nothing after the colon
            rendered = " " + rendered
        elif node.style in ("|", ">"):  # a block scalar's text runs to the next line
            rendered += "\r\n" if "\r\n" in text else "\n"
        out.append((Edit(a, b, rendered), key, old))
    if not missing:
        return out
    pairs = mapping.value
    if mapping.flow_style:
        at = pairs[-1][1].end_mark.index if pairs else mapping.start_mark.index + 1
        for n, key in enumerate(missing):
            lead = ", " if pairs or n else ""
            out.append((Edit(at, at, f"{lead}{key}: {_render(values[key], None)}"), key, None))
        return out
    newline = "\r\n" if "\r\n" in text else "\n"
    indent = " " * pairs[0][0].start_mark.column
    at = pairs[-1][1].end_mark.index
    lead = ""
    if at == 0 or text[at - 1] != "\n":
        eol = text.find("\n", at)
        if eol == -1:
            at, lead = len(text), newline
        else:
            at = eol + 1
    for n, key in enumerate(missing):
        line = f"{indent}{key}: {_render(values[key], None)}{newline}"
        out.append((Edit(at, at, (lead if n == 0 else "") + line), key, None))
    return out


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (in any order) to ``text``."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            raise ValueError(f"overlapping edits at {edit.start}")
        out.append(text[pos:edit.start])
        out.append(edit.new)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and ``os.replace``."""
    _write_atomically(path, data)


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
