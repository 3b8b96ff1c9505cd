"""Load facts.yaml (and the files it includes) into a FactSet.

YAML is composed with PyYAML's C parser, then turned into Python data by our own small
constructor so that YAML 1.1 surprises stay off: ``yes``/``no``/``on``/``off`` stay strings,
dates stay strings, ``0777`` is the string "0777" (no octal), duplicate keys are errors, and
every value remembers its line and column. Pydantic then validates the data, and each
validation error is mapped back to the ``file:line:col`` of the offending node.
"""

from __future__ import annotations

import functools
import gc
import glob
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import yaml
from pydantic import ValidationError

from .model import Claim, CoverageIgnore, Entity, FactsFile, Model, Source
from .problems import FactsError, Location, Problem, problem

# Documented in docs/format.md ("Limits").
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_EXPANDED_NODES = 5_000_000
# Nodes that aliases may add on top of the document's own: building costs a few microseconds
# per expanded node, so this keeps a small file from buying seconds of work (an alias bomb
# under the other limits, such as 10 aliases deep of 4 each, would otherwise expand to 1M).
MAX_ALIAS_EXPANSION = 100_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Path_ = tuple[str | int, ...]
P = ParamSpec("P")
R = TypeVar("R")

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


@dataclass
class FactSet:
    """Everything declared in a facts file and the files it includes."""

    path: Path
    root: Path
    files: list[Path] = field(default_factory=list)
    title: str | None = None
    description: str | None = None
    license: str | None = None
    license_url: str | None = None
    sources: list[Source] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    ignores: list[CoverageIgnore] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sources: dict[str, Source] = {}
        self._entities: dict[str, Entity] = {}

    def _index(self) -> None:
        self._sources = {}
        for s in self.sources:
            self._sources.setdefault(s.id, s)
        self._entities = {}
        for e in self.entities:
            self._entities.setdefault(e.id, e)

    def source(self, source_id: str) -> Source | None:
        if len(self._sources) != len(self.sources):
            self._index()
        return self._sources.get(source_id)

    def entity(self, entity_id: str) -> Entity | None:
        if len(self._entities) != len(self.entities):
            self._index()
        return self._entities.get(entity_id)

    def display_path(self, path: Path) -> str:
        return display_path(path)


def display_path(path: Path | str) -> str:
    """A path as users should see it: relative to the working folder when inside it."""
    text = os.path.abspath(path)
    rel = os.path.relpath(text)
    return text if rel.startswith("..") else rel


# ---------------------------------------------------------------------------- YAML


class _Marks:
    """Line/column of every node of one file, by data path."""

    def __init__(self, file: str):
        self.file = file
        self.values: dict[Path_, Location] = {}
        self.keys: dict[Path_, Location] = {}

    def at(self, node: yaml.Node) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)


class _YamlLimit(Exception):
    pass


class _Builder:
    """Turn a composed node tree into plain data, recording marks and refusing duplicates."""

    def __init__(self, marks: _Marks):
        self.marks = marks
        self.problems: list[Problem] = []
        self.nodes = 0

    def build(self, node: yaml.Node, path: Path_ = ()) -> Any:
        self.nodes += 1
        if self.nodes > MAX_EXPANDED_NODES:
            raise _YamlLimit(f"more than {MAX_EXPANDED_NODES:,} nodes after expanding aliases")
        if len(path) > MAX_DEPTH:
            raise _YamlLimit(f"nesting deeper than {MAX_DEPTH} levels")
        self.marks.values[path] = self.marks.at(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            self.nodes += len(node.value)  # the keys, counted as _check_size counts them
            out: dict[str, Any] = {}
            first: dict[str, yaml.Node] = {}
            for key_node, value_node in node.value:
                k = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if k is None or not isinstance(k, str | int | float):
                    self._report(problem(
                        "schema", self.marks.at(key_node), field=_dotted(path), reason="mapping keys must be plain scalars"
                    ))
                    continue
                name = str(k)
                if name in first:
                    self._report(problem(
                        "duplicate-key", self.marks.at(key_node), key=name,
                        first_line=first[name].start_mark.line + 1,
                    ))
                    continue
                first[name] = key_node
                self.marks.keys[(*path, name)] = self.marks.at(key_node)
                out[name] = self.build(value_node, (*path, name))
            return out
        raise _YamlLimit(f"unsupported node {type(node).__name__}")

    def _report(self, found: Problem) -> None:
        # An aliased node is built once per alias; say each problem once.
        if all(p.location != found.location or p.code != found.code for p in self.problems):
            self.problems.append(found)

    @staticmethod
    def _scalar(node: yaml.ScalarNode) -> Any:
        value: str = node.value
        # Quoted and block scalars are strings; so is a plain one tagged str (PyYAML's YAML 1.1
        # resolver only says str when nothing else matched, or when `!!str` was written).
        if node.style or node.tag == "tag:yaml.org,2002:str":
            return value
        # YAML 1.2 core schema for plain scalars: no yes/no booleans, no octal, no dates.
        if _NULL.match(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _INT.match(value):
            return int(value.replace("_", ""))
        if _FLOAT.match(value):
            return float(value.replace("_", ""))
        return _SPECIAL_FLOATS.get(value, value)


_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"), "+.inf": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}


def _check_size(root: yaml.Node) -> None:
    """Refuse alias bombs and deep nesting before expanding anything.

    The composer shares one node object among all aliases of an anchor, so the tree is a DAG;
    its expanded size is computed bottom-up with one visit per distinct node.
    """
    size: dict[int, int] = {}
    seen: set[int] = set()
    aliased: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if depth > MAX_DEPTH:
            raise _YamlLimit(f"nesting deeper than {MAX_DEPTH} levels")
        children = _children(node)
        if done:
            total = 1 + sum(size[id(c)] for c in children)
            if total > MAX_EXPANDED_NODES:
                raise _YamlLimit(f"more than {MAX_EXPANDED_NODES:,} nodes after expanding aliases")
            # Sound before the end: every node seen so far counts at least once in the total.
            if total - len(seen) > MAX_ALIAS_EXPANSION:
                raise _YamlLimit(f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} extra nodes")
            size[key] = total
            continue
        if key in seen:
            aliased.add(key)
            if len(aliased) > MAX_ALIASES:
                raise _YamlLimit(f"more than {MAX_ALIASES:,} aliased nodes")
            if key in size:
                continue
        seen.add(key)
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path) or "(document)"


def parse_yaml(text: str, file: str) -> tuple[Any, _Marks, list[Problem]]:
    """Parse one YAML document; returns data, marks and problems (empty when all is well)."""
    marks = _Marks(file)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        reason = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        return None, marks, [problem("yaml-syntax", where, reason=reason or "invalid YAML")]
    except yaml.reader.ReaderError as exc:  # a control character: no mark, but a position
        before = text[: exc.position]
        where = Location(file, before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1)
        return None, marks, [problem("yaml-syntax", where,
                                     reason=f"{exc.reason} (U+{exc.character:04X})")]
    except yaml.YAMLError as exc:
        return None, marks, [problem("yaml-syntax", Location(file, 1, 1), reason=str(exc))]
    except RecursionError:
        return None, marks, [problem("yaml-limit", Location(file, 1, 1),
                                     reason=f"nesting deeper than {MAX_DEPTH} levels")]
    if node is None:
        return None, marks, []
    builder = _Builder(marks)
    try:
        # Without an anchor there is no alias, so the tree is as large as the text says and
        # the builder's own depth and node counts suffice; the full walk is for anchors.
        if "&" in text:
            _check_size(node)
        data = builder.build(node)
    except _YamlLimit as exc:
        return None, marks, [problem("yaml-limit", Location(file, 1, 1), reason=str(exc))]
    except RecursionError:
        return None, marks, [problem("yaml-limit", Location(file, 1, 1),
                                     reason=f"nesting deeper than {MAX_DEPTH} levels")]
    return data, marks, builder.problems


# ---------------------------------------------------------------------------- JSON Lines


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


class _DuplicateKey(ValueError):
    pass


class _NotJson(ValueError):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def _no_constant(name: str) -> Any:
    raise _NotJson(name)


def parse_jsonl(text: str, file: str) -> tuple[Any, _Marks, list[Problem]]:
    """Parse a JSON Lines file of claims (one JSON object a line; blank lines are skipped)
    into ``{"claims": [...]}``, each claim and its fields located at its line (a top-level
    field at the column of its key)."""
    marks = _Marks(file)
    claims: list[Any] = []
    problems: list[Problem] = []
    marks.values[()] = Location(file, 1, 1)
    marks.values[("claims",)] = Location(file, 1, 1)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
        except _DuplicateKey as exc:
            col = line.rfind(json.dumps(str(exc.args[0]))) + 1
            problems.append(problem("duplicate-key", Location(file, number, max(col, 1)),
                                    key=str(exc.args[0]), first_line=number))
            continue
        except _NotJson as exc:
            problems.append(problem("jsonl-syntax", Location(file, number, line.find(exc.name) + 1),
                                    reason=f"{exc.name} is not a number JSON allows"))
            continue
        except ValueError as exc:
            col = getattr(exc, "colno", 1)
            problems.append(problem("jsonl-syntax", Location(file, number, col),
                                    reason=getattr(exc, "msg", str(exc))))
            continue
        except RecursionError:
            problems.append(problem("yaml-limit", Location(file, number, 1),
                                    reason=f"nesting deeper than {MAX_DEPTH} levels"))
            continue
        if not isinstance(obj, dict):
            problems.append(problem("jsonl-syntax", Location(file, number, 1),
                                    reason="each line must be one JSON object (a claim)"))
            continue
        path: Path_ = ("claims", len(claims))
        here = Location(file, number, 1)
        marks.values[path] = here
        for key, value in obj.items():
            at = Location(file, number, max(line.find(json.dumps(key)) + 1, 1))
            marks.keys[(*path, key)] = at
            _mark_all(marks, (*path, key), value, at)
        claims.append(obj)
    return {"claims": claims}, marks, problems


def _mark_all(marks: _Marks, path: Path_, value: Any, at: Location) -> None:
    marks.values[path] = at
    if isinstance(value, dict):
        for key, item in value.items():
            _mark_all(marks, (*path, key), item, at)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _mark_all(marks, (*path, i), item, at)


# ---------------------------------------------------------------------------- validation


def _clean_loc(raw: tuple[Any, ...]) -> Path_:
    """Drop pydantic's union bookkeeping ('tagged-union[...]' and the tag after it)."""
    out: list[str | int] = []
    skip = False
    for part in raw:
        if skip:
            skip = False
            continue
        if isinstance(part, str) and part.startswith(("tagged-union[", "function-")):
            skip = part.startswith("tagged-union[")
            continue
        out.append(part)
    return tuple(out)


def _error_location(kind: str, loc: Path_, marks: _Marks) -> Location:
    if kind == "extra_forbidden" and loc in marks.keys:
        return marks.keys[loc]
    probe = loc
    while probe:
        if probe in marks.values:
            return marks.values[probe]
        probe = probe[:-1]
    return marks.values.get((), Location(marks.file, 1, 1))


def _schema_problems(exc: ValidationError, marks: _Marks) -> list[Problem]:
    out: list[Problem] = []
    seen: set[tuple[Location, str]] = set()
    errors = exc.errors(include_url=False)
    # `value` is a typed mapping or a shorthand string: pydantic reports a failure of each
    # branch. The string branch's complaint is noise unless nothing else was said.
    typed_failures = {e["loc"][:3] for e in errors if e["loc"][3:4] != ("str",) and len(e["loc"]) > 3}
    for err in errors:
        raw = err["loc"]
        if raw[3:] == ("str",) and raw[2] == "value" and raw[:3] in typed_failures:
            if err["input"] is not None and not isinstance(err["input"], dict):
                loc = _clean_loc(raw[:3])
                where = _error_location("", loc, marks)
                reason = "expected a mapping with a `type`, or a shorthand string such as \"$9 million\""
                if (where, reason) not in seen:
                    seen.add((where, reason))
                    out.append(problem("schema", where, field=_dotted(loc), reason=reason))
            continue
        if err["type"] == "model_attributes_type" and raw[2:3] == ("value",) and len(raw) == 4:
            continue
        loc = _clean_loc(raw)
        where = _error_location(err["type"], loc, marks)
        reason = _reason(err)
        if (where, reason) in seen:
            continue
        seen.add((where, reason))
        out.append(problem("schema", where, field=_dotted(loc), reason=reason))
    return out


_PATTERN_NAMES = {
    "^[a-z0-9][a-z0-9-]*$": "expected a slug (lowercase letters, digits and hyphens)",
    "^[0-9a-f]{64}$": "expected 64 lowercase hex digits",
    "^[A-Z]{3}$": "expected an ISO 4217 currency code such as USD",
}


def _reason(err: Any) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "union_tag_invalid":
        tag = err.get("ctx", {}).get("tag")
        return f"unknown value type {tag!r}; expected one of date, money, quantity, person, entity, quote"
    if kind == "string_pattern_mismatch":
        pattern = str(err.get("ctx", {}).get("pattern", ""))
        if pattern.startswith("^\\d{4}"):
            return "expected a date as YYYY, YYYY-MM or YYYY-MM-DD"
        return _PATTERN_NAMES.get(pattern, str(err["msg"]))
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


_ITEM_LISTS = {("sources",), ("entities",), ("claims",), ("ignore",)}


def _locate_all(doc: FactsFile, marks: _Marks) -> None:
    """Give every model object its own location and those of its fields, in one pass."""
    owners: dict[Path_, Model] = {(): doc}
    for i, s in enumerate(doc.sources):
        owners[("sources", i)] = s
    for i, e in enumerate(doc.entities):
        owners[("entities", i)] = e
        for j, r in enumerate(e.roles):
            owners[("entities", i, "roles", j)] = r
    for i, c in enumerate(doc.claims):
        owners[("claims", i)] = c
        for j, cit in enumerate(c.citations):
            owners[("claims", i, "citations", j)] = cit
    for i, ig in enumerate(doc.ignore):
        owners[("ignore", i)] = ig
    per_owner: dict[Path_, dict[str, Location]] = {p: {} for p in owners}
    for p, loc in marks.values.items():
        if p[:1] not in _ITEM_LISTS or len(p) <= 2:
            # The document itself answers for its own keys; items answer for theirs.
            per_owner[()][_dotted(p)] = loc
        for cut in (2, 4):
            if len(p) > cut and p[:cut] in per_owner:
                per_owner[p[:cut]][".".join(str(x) for x in p[cut:])] = loc
    for p, obj in owners.items():
        obj._where = marks.values.get(p, Location(marks.file, 1, 1))
        obj._field_where = per_owner[p]


# ---------------------------------------------------------------------------- files


def read_text_file(path: Path, shown: str, code: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 text file (BOM allowed, CRLF kept); problems carry ``code``."""
    where = Location(shown)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [problem(code, where, path=shown, reason=f"larger than {MAX_FILE_BYTES} bytes",
                                  source=shown)]
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [problem("facts-missing", where, path=shown)]
    except OSError as exc:
        return None, [problem(code, where, path=shown, reason=exc.strerror or str(exc), source=shown)]
    if b"\x00" in data[:8192]:
        return None, [problem(code, where, path=shown, reason="binary file (NUL bytes)", source=shown)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [problem(code, Location(shown, line, col), path=shown,
                              reason=f"not UTF-8 (byte 0x{data[exc.start]:02x})", source=shown)]
    return text, []


def _load_file(path: Path, expect_version: bool) -> tuple[FactsFile | None, list[Problem]]:
    shown = display_path(path)
    text, problems = read_text_file(path, shown, "facts-unreadable")
    if text is None:
        return None, problems
    if path.suffix == ".jsonl" and not expect_version:
        data, marks, problems = parse_jsonl(text, shown)
    else:
        data, marks, problems = parse_yaml(text, shown)
    if problems:
        return None, problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [problem("schema", marks.values.get((), Location(shown, 1, 1)), field="(document)",
                              reason="the document must be a mapping")]
    if expect_version:
        version = data.get("factbase")
        if version is None:
            return None, [problem("schema", Location(shown, 1, 1), field="factbase",
                                  reason="required field is missing (the format version, 1)")]
        if version != 1:
            return None, [problem("unsupported-version", marks.values.get(("factbase",)), version=version)]
    try:
        doc = FactsFile.model_validate(data)
    except ValidationError as exc:
        return None, _schema_problems(exc, marks)
    _locate_all(doc, marks)
    return doc, []


def inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def without_gc(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` with the cyclic garbage collector paused.

    Loading and checking allocate millions of small objects that all stay alive; each
    allocation burst triggers collections that walk every object created so far, which made
    the collector most of the time of a large load (benchmarks/run.py, docs/performance.md).
    These phases make little cyclic garbage, so pausing it costs next to no memory.
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper


@without_gc
def load(path: str | os.PathLike[str]) -> FactSet:
    """Load and validate a facts file and everything it includes.

    Raises :class:`factbase.FactsError` (with ``.problems``) when anything cannot be loaded.
    """
    main = Path(path)
    root = main.resolve().parent
    facts = FactSet(path=main, root=root)
    problems: list[Problem] = []
    pending: list[tuple[Path, bool, Location | None]] = [(main, True, None)]
    seen: set[Path] = set()
    while pending:
        file, is_main, included_at = pending.pop(0)
        real = file.resolve()
        if real in seen:
            problems.append(problem("include-cycle", included_at, path=display_path(file)))
            continue
        seen.add(real)
        doc, found = _load_file(file, expect_version=is_main)
        problems.extend(found)
        if doc is None:
            continue
        facts.files.append(file)
        if is_main:
            facts.title, facts.description = doc.title, doc.description
            facts.license, facts.license_url = doc.license, doc.license_url
        facts.sources.extend(doc.sources)
        facts.entities.extend(doc.entities)
        facts.claims.extend(doc.claims)
        facts.ignores.extend(doc.ignore)
        for i, pattern in enumerate(doc.include):
            where = doc.where(f"include.{i}")
            matched = _expand_include(file.parent, pattern)
            if not matched:
                problems.append(problem("include-not-found", where, pattern=pattern))
            for target in matched:
                if not inside(root, target):
                    problems.append(problem("path-outside-root", where, path=pattern, root=display_path(root)))
                    continue
                pending.append((target, False, where))
    if problems:
        raise FactsError(problems)
    facts._index()
    return facts


def _expand_include(folder: Path, pattern: str) -> list[Path]:
    if os.path.isabs(pattern):
        return [Path(pattern)] if os.path.exists(pattern) else []
    hits = sorted(glob.glob(str(folder / pattern), recursive=True))
    return [Path(h) for h in hits if os.path.isfile(h)]
