"""Read YAML: one document, as plain data with the position of every node (the loader), or as
a node tree (``factbase pin``, which edits the text at node positions).

Both read the same event stream from PyYAML's parser (its C parser when built with libyaml,
else the pure-Python one), with the same errors (``yaml-syntax``) and limits (``yaml-limit``).
The loader builds its data straight from the events rather than from a composed tree: a tree
of a 10,000-claim file is a million Python objects that live until the file is built, and the
garbage collector walks them again and again (it was half of a large load); events die young.

Plain scalars follow the YAML 1.2 core schema: ``yes``/``no``/``on``/``off`` stay strings,
dates stay strings, ``1_000`` is a string (digit separators are YAML 1.1), ``0o17`` and
``0x1F`` are octal and hex integers, and a number with a fraction or an exponent
(``12345678901234567.89``, ``1e3``) is a :class:`~decimal.Decimal` holding exactly the digits
written, never a float.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import yaml

from .location import Location, Marks, pack
from .problems import Problem, problem

__all__ = ["Document", "YamlLimit", "compose", "events", "parse", "scalar"]

# Documented in docs/format.md ("Limits").
MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_EXPANDED_NODES = 5_000_000
# Nodes that aliases may add on top of the document's own: building costs a few microseconds
# per expanded node, so this keeps a small file from buying seconds of work.
MAX_ALIAS_EXPANSION = 100_000

# PyYAML's C parser when it was built with libyaml, else its pure-Python one: the same events.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOATS = {
    f"{sign}{dot}": value
    for dot, value in ((".inf", float("inf")), (".Inf", float("inf")), (".INF", float("inf")))
    for sign in ("", "+")
} | {"-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
     ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan")}
_STR_TAG = "tag:yaml.org,2002:str"

# The top-level lists whose items are objects that remember where they were written.
ITEM_LISTS = ("sources", "entities", "claims", "ignore")


class YamlLimit(Exception):
    pass


def scalar(value: str, style: str | None, tag: str | None) -> Any:
    """The value of a scalar under the YAML 1.2 core schema (quoted, block or ``!!str``: the
    string as written)."""
    if style or tag == _STR_TAG:
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return Decimal(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    return _SPECIAL_FLOATS.get(value, value)


# ---------------------------------------------------------------------------- events


class _Failed(Exception):
    def __init__(self, found: Problem):
        self.problem = found


def events(text: str, file: str) -> Iterator[yaml.Event]:
    """The events of the one document in ``text``; a malformed document raises ``_Failed``
    with its ``yaml-syntax`` problem (handled by :func:`parse` and :func:`compose`)."""
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Failed(problem(
                        "yaml-syntax", _mark(file, event.start_mark),
                        reason="expected a single document in the stream, but found another"))
            yield event
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _mark(file, mark) if mark else Location(file)
        reason = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        reason = _explained(exc, text, reason) if mark else reason
        raise _Failed(problem("yaml-syntax", where, reason=reason or "invalid YAML")) from None
    except yaml.reader.ReaderError as exc:  # a control character: no mark, but a position
        before = text[: exc.position]
        where = Location(file, before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1)
        raise _Failed(problem("yaml-syntax", where,
                              reason=f"{exc.reason} (U+{exc.character:04X})")) from None
    except yaml.YAMLError as exc:
        raise _Failed(problem("yaml-syntax", Location(file, 1, 1), reason=str(exc))) from None


def _explained(exc: yaml.MarkedYAMLError, text: str, reason: str) -> str:
    """PyYAML's words, after what to change: the mistakes people make by hand (a tab, a
    colon or a quote inside an unquoted value, a line out of line, an unclosed bracket)."""
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    char = line[mark.column] if mark is not None and mark.column < len(line) else ""
    opened = exc.context_mark
    problem_text = str(exc.problem or "")
    context = str(exc.context or "")
    fix = ""
    if char == "\t" or "tab character" in problem_text:
        fix = "a tab indents this line, and YAML indents with spaces only: replace the tab with spaces"
    elif "cannot start any token" in problem_text and char:
        fix = f"a value cannot start with {char!r} unquoted: put the value in quotes"
    elif "mapping values are not allowed" in problem_text:
        fix = ("a colon and a space inside an unquoted value start a mapping: put the value in "
               "quotes")
    elif "quoted scalar" in context and "end of stream" in problem_text and opened is not None:
        fix = f"the quoted value opened at line {opened.line + 1} is never closed: add the closing quote"
    elif "flow sequence" in context and opened is not None:
        fix = f"the `[` list opened at line {opened.line + 1} is not closed: add `]`"
    elif "flow mapping" in context and opened is not None:
        fix = f"the `{{` mapping opened at line {opened.line + 1} is not closed: add `}}`"
    elif "expected key" in problem_text or "'-' indicator" in problem_text:
        indent = len(line) - len(line.lstrip(" "))
        if mark is not None and mark.column > indent:
            fix = ("text after a quoted value: if the value has quotes inside, wrap it in the "
                   "other kind of quotes ('He said \"no\"')")
        else:
            fix = "this line is indented unlike the lines above it: line it up with them"
    return f"{fix} (YAML: {reason})" if fix else reason


def _mark(file: str, mark: Any) -> Location:
    # PyYAML types marks as optional; its parsers always set them.
    return Location(file, mark.line + 1, mark.column + 1)


# ---------------------------------------------------------------------------- data


class _Owner:
    """The positions of one object's nodes (and, while loading, of its keys)."""

    __slots__ = ("key_paths", "key_positions", "paths", "positions")

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.positions: list[int] = []
        self.key_paths: list[str] = []
        self.key_positions: list[int] = []

    def marks(self, file: str) -> Marks:
        return Marks.build(file, self.paths, self.positions)

    def find(self, rel: str, key: bool) -> int | None:
        paths, positions = (self.key_paths, self.key_positions) if key else (self.paths, self.positions)
        try:
            return positions[paths.index(rel)]
        except ValueError:
            return None


class Document:
    """Where each node of one file was written: per object of the top-level lists
    (``claims.3``), and for the rest of the document."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.root = _Owner()
        self.items: dict[tuple[str, int], _Owner] = {}

    def item(self, kind: str, index: int) -> _Owner:
        owner = self.items[(kind, index)] = _Owner()
        return owner

    def at(self, path: Sequence[str | int], key: bool = False) -> Location:
        """The position of the node at ``path`` (of its key, with ``key``), or of the nearest
        enclosing node."""
        parts = list(path)
        while True:
            if len(parts) >= 2 and parts[0] in ITEM_LISTS and isinstance(parts[1], int):
                owner = self.items.get((str(parts[0]), parts[1]))
                rel = ".".join(str(p) for p in parts[2:])
            else:
                owner = self.root
                rel = ".".join(str(p) for p in parts)
            if owner is not None:
                found = owner.find(rel, key)
                if found is not None:
                    return Location(self.file, found >> 32, found & 0xFFFFFFFF)
            key = False
            if not parts:
                return Location(self.file, 1, 1)
            parts.pop()

    def marks(self, kind: str | None = None, index: int = 0) -> Marks:
        """The marks of one object of a top-level list, or (no ``kind``) of the document."""
        if kind is None:
            return self.root.marks(self.file)
        owner = self.items.get((kind, index))
        return owner.marks(self.file) if owner is not None else Marks.single(Location(self.file))


_Recording = list[yaml.Event]


class _Builder:
    """Plain data from an event stream, positions recorded, duplicate keys refused, aliases
    expanded within the limits."""

    def __init__(self, doc: Document, stream: Iterator[yaml.Event]):
        self.doc = doc
        self.stream = stream
        self.problems: list[Problem] = []
        self.nodes = 0
        self.expansion = 0
        self._joined: dict[tuple[str, str | int], str] = {}
        # anchor -> its events and the number of nodes they expand to
        self.anchors: dict[str, tuple[_Recording, int]] = {}
        self.aliased: set[str] = set()
        self._recording: list[tuple[str, _Recording, int]] = []  # anchors being recorded
        self._replay: list[Iterator[yaml.Event]] = []

    # -- the event source: the stream, or an anchor being replayed

    def next(self) -> yaml.Event:
        while self._replay:
            event = next(self._replay[-1], None)
            if event is not None:
                return event
            self._replay.pop()
        event = next(self.stream)
        for _, recording, _ in self._recording:
            recording.append(event)
        return event

    def _join(self, rel: str, key: str | int) -> str:
        found = self._joined.get((rel, key))
        if found is None:
            found = self._joined[(rel, key)] = f"{rel}.{key}" if rel else str(key)
        return found

    # -- nodes

    def document(self) -> Any:
        event = self.next()
        while not isinstance(event, yaml.DocumentStartEvent | yaml.StreamEndEvent):
            event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        data = self.node(self.next(), self.doc.root, "", 0, top=True)
        for _ in self.stream:  # the end events, and a second document's error
            pass
        return data

    def node(self, event: yaml.Event, owner: _Owner, rel: str, depth: int, top: bool = False) -> Any:
        if isinstance(event, yaml.AliasEvent):
            return self._alias(event, owner, rel, depth)
        self.nodes += 1
        if self.nodes > MAX_EXPANDED_NODES:
            raise YamlLimit(f"more than {MAX_EXPANDED_NODES:,} nodes after expanding aliases")
        if depth > MAX_DEPTH:
            raise YamlLimit(f"nesting deeper than {MAX_DEPTH} levels")
        anchor = getattr(event, "anchor", None)
        if anchor is not None and not self._replay:
            # Record the node's events (this one included) for its aliases.
            self._recording.append((anchor, [event], self.nodes))
        mark: Any = event.start_mark
        owner.paths.append(rel)
        owner.positions.append(pack(mark.line + 1, mark.column + 1))
        if isinstance(event, yaml.ScalarEvent):
            value: Any = scalar(event.value, event.style, event.tag)
        elif isinstance(event, yaml.SequenceStartEvent):
            value = self._sequence(owner, rel, depth, items=top)
        elif isinstance(event, yaml.MappingStartEvent):
            value = self._mapping(owner, rel, depth, top)
        else:
            raise YamlLimit(f"unexpected {type(event).__name__}")
        if anchor is not None and self._recording and self._recording[-1][0] == anchor and not self._replay:
            name, recording, first = self._recording.pop()
            # Nodes built while recording: expanded aliases inside it included.
            self.anchors[name] = (recording, self.nodes - first + 1)
        return value

    def _alias(self, event: yaml.AliasEvent, owner: _Owner, rel: str, depth: int) -> Any:
        name = event.anchor or ""
        found = self.anchors.get(name)
        if found is None:
            raise _Failed(problem("yaml-syntax", _mark(self.doc.file, event.start_mark),
                                  reason=f"found undefined alias {name!r}"))
        recording, size = found
        self.aliased.add(name)
        if len(self.aliased) > MAX_ALIASES:
            raise YamlLimit(f"more than {MAX_ALIASES:,} aliased nodes")
        self.expansion += size
        if self.expansion > MAX_ALIAS_EXPANSION:
            raise YamlLimit(f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} extra nodes")
        if self.nodes + size > MAX_EXPANDED_NODES:
            raise YamlLimit(f"more than {MAX_EXPANDED_NODES:,} nodes after expanding aliases")
        replay = iter(recording)
        first = next(replay)
        self._replay.append(replay)
        return self.node(first, owner, rel, depth)

    def _sequence(self, owner: _Owner, rel: str, depth: int, items: bool) -> list[Any]:
        out: list[Any] = []
        kind = rel if items and rel in ITEM_LISTS else None
        join = self._join
        event = self.next()
        i = 0
        while not isinstance(event, yaml.SequenceEndEvent):
            if kind is not None:
                out.append(self.node(event, self.doc.item(kind, i), "", depth + 1))
            else:
                out.append(self.node(event, owner, join(rel, i), depth + 1))
            i += 1
            event = self.next()
        return out

    def _mapping(self, owner: _Owner, rel: str, depth: int, top: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        event = self.next()
        while not isinstance(event, yaml.MappingEndEvent):
            key_event = event
            self.nodes += 1  # the key
            key = scalar(event.value, event.style, event.tag) if isinstance(event, yaml.ScalarEvent) else None
            if key is None or not isinstance(key, str | int | Decimal):
                self._skip(key_event)
                self._report(problem("schema", _mark(self.doc.file, key_event.start_mark),
                                     field=rel or "(document)", reason="mapping keys must be plain scalars: write the "
                                     "key as a word (`quote:`), not a list or mapping"))
                self._skip(self.next())
                event = self.next()
                continue
            value_event = self.next()
            name = str(key)
            if name in first:
                self._report(problem("duplicate-key", _mark(self.doc.file, key_event.start_mark),
                                     key=name, first_line=first[name]))
                self._skip(value_event)
                event = self.next()
                continue
            kmark: Any = key_event.start_mark
            first[name] = kmark.line + 1
            child = self._join(rel, name)
            owner.key_paths.append(child)
            owner.key_positions.append(pack(kmark.line + 1, kmark.column + 1))
            out[name] = self.node(value_event, owner, child, depth + 1, top=top)
            event = self.next()
        return out

    def _skip(self, event: yaml.Event) -> None:
        """Consume the rest of a node whose start event is ``event``."""
        level = 1 if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent) else 0
        while level:
            event = self.next()
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                level += 1
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                level -= 1

    def _report(self, found: Problem) -> None:
        # An aliased node is built once per alias; say each problem once.
        if all(p.location != found.location or p.code != found.code for p in self.problems):
            self.problems.append(found)


def parse(text: str, file: str) -> tuple[Any, Document, list[Problem]]:
    """Parse one YAML document into plain data; returns the data, where its nodes are, and
    problems (empty when all is well)."""
    doc = Document(file)
    builder = _Builder(doc, events(text, file))
    try:
        data = builder.document()
    except _Failed as exc:
        return None, doc, [exc.problem]
    except YamlLimit as exc:
        return None, doc, [problem("yaml-limit", Location(file, 1, 1), reason=str(exc))]
    except RecursionError:
        return None, doc, [problem("yaml-limit", Location(file, 1, 1),
                                   reason=f"nesting deeper than {MAX_DEPTH} levels")]
    return data, doc, builder.problems


# ---------------------------------------------------------------------------- nodes


def compose(text: str, file: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The node tree of the one document in ``text`` (PyYAML's node classes, with their marks
    and styles), or the problem that stopped it. Aliases share their anchor's node."""
    stream = events(text, file)
    anchors: dict[str, yaml.Node] = {}

    def node(event: Any, depth: int) -> yaml.Node:
        if depth > MAX_DEPTH:
            raise YamlLimit(f"nesting deeper than {MAX_DEPTH} levels")
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise _Failed(problem("yaml-syntax", _mark(file, event.start_mark),
                                      reason=f"found undefined alias {event.anchor!r}"))
            return anchors[event.anchor]
        built: yaml.Node
        if isinstance(event, yaml.ScalarEvent):
            start: Any = event.start_mark
            end: Any = event.end_mark
            built = yaml.ScalarNode(event.tag or "", event.value, start, end, style=event.style or None)
        elif isinstance(event, yaml.SequenceStartEvent):
            items = []
            child: Any = next(stream)
            while not isinstance(child, yaml.SequenceEndEvent):
                items.append(node(child, depth + 1))
                child = next(stream)
            start = event.start_mark
            end = child.end_mark
            built = yaml.SequenceNode(event.tag or "", items, start, end,
                                      flow_style=event.flow_style)
        elif isinstance(event, yaml.MappingStartEvent):
            pairs = []
            child = next(stream)
            while not isinstance(child, yaml.MappingEndEvent):
                key = node(child, depth + 1)
                pairs.append((key, node(next(stream), depth + 1)))
                child = next(stream)
            start = event.start_mark
            end = child.end_mark
            built = yaml.MappingNode(event.tag or "", pairs, start, end,
                                     flow_style=event.flow_style)
        else:
            raise YamlLimit(f"unexpected {type(event).__name__}")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            anchors[anchor] = built
        return built

    try:
        root: yaml.Node | None = None
        for event in stream:
            if isinstance(event, yaml.DocumentStartEvent):
                root = node(next(stream), 0)
        return root, []
    except _Failed as exc:
        return None, [exc.problem]
    except YamlLimit as exc:
        return None, [problem("yaml-limit", Location(file, 1, 1), reason=str(exc))]
    except RecursionError:
        return None, [problem("yaml-limit", Location(file, 1, 1),
                              reason=f"nesting deeper than {MAX_DEPTH} levels")]
