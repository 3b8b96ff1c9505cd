"""Load facts.yaml (and the files it includes) into a FactSet.

YAML is composed with PyYAML's C parser (:func:`compose`, which ``factbase pin`` shares),
then turned into Python data by our own small builder, following the YAML 1.2 core schema
for plain scalars: ``yes``/``no``/``on``/``off`` stay strings, dates stay strings, ``1_000``
is a string (digit separators are YAML 1.1), ``0o17``/``0x1F`` are octal and hex integers,
and a number with a fraction or exponent (``12345678901234567.89``, ``1e3``) is a
:class:`~decimal.Decimal` with exactly the digits written, never a float. Duplicate keys are
errors. The builder records where every node was written, packed per object
(:mod:`factbase.location`). Pydantic then validates the data, and each validation error is
mapped back to the ``file:line:col`` of the offending node. Claims are kept as compact
records (:mod:`factbase.factset`).
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import yamldoc
from .factset import ClaimRecord, FactSet, display_path
from .fixes import advise, parent_at
from .location import Location, pack
from .model import FactsFile
from .model_errors import schema_errors
from .problems import FactsError, Problem, problem
from .yamldoc import MAX_DEPTH, Document

__all__ = ["FactSet", "load", "loads", "parse_jsonl", "parse_yaml", "read_text_file"]

# Documented in docs/format.md ("Limits").
MAX_FILE_BYTES = 64 * 1024 * 1024


def parse_yaml(text: str, file: str) -> tuple[Any, Document, list[Problem]]:
    """Parse one YAML document: its data, where its nodes are, and problems."""
    return yamldoc.parse(text, file)


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


def parse_jsonl(text: str, file: str) -> tuple[Any, Document, list[Problem]]:
    """Parse a JSON Lines file of claims (one JSON object a line; blank lines are skipped)
    into ``{"claims": [...]}``, each claim and its fields located at its line (a top-level
    field at the column of its key). Numbers with a fraction are exact decimals."""
    doc = Document(file)
    doc.root.paths.extend(["", "claims"])
    doc.root.positions.extend([pack(1, 1), pack(1, 1)])
    claims: list[Any] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line, object_pairs_hook=_no_duplicates, parse_constant=_no_constant,
                             parse_float=Decimal)
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
        owner = doc.item("claims", len(claims))
        here = pack(number, 1)
        owner.paths.append("")
        owner.positions.append(here)
        for key, value in obj.items():
            at = pack(number, max(line.find(json.dumps(key)) + 1, 1))
            owner.key_paths.append(key)
            owner.key_positions.append(at)
            _mark_all(owner, key, value, at)
        claims.append(obj)
    return {"claims": claims}, doc, problems


def _mark_all(owner: Any, rel: str, value: Any, at: int) -> None:
    owner.paths.append(rel)
    owner.positions.append(at)
    if isinstance(value, dict):
        for key, item in value.items():
            _mark_all(owner, f"{rel}.{key}", item, at)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _mark_all(owner, f"{rel}.{i}", item, at)


# ---------------------------------------------------------------------------- validation


def _dotted(path: Sequence[str | int]) -> str:
    return ".".join(str(p) for p in path) or "(document)"


def schema_problems(exc: ValidationError, doc: Document, data: Any = None) -> list[Problem]:
    """The problems of a pydantic validation error, each at the position of its node, each
    saying what to write instead where that can be told (``data`` is what was validated)."""
    out: list[Problem] = []
    seen: set[tuple[Location, str]] = set()
    for err in schema_errors(exc, data=data):
        where = doc.at(err.loc, key=err.key)
        in_value = len(err.loc) > 3 and err.loc[0] == "claims" and err.loc[2] == "value"
        reason = advise(err, parent_at(data, err.loc), in_value)
        if (where, reason) in seen:
            continue
        seen.add((where, reason))
        out.append(problem("schema", where, field=_dotted(err.loc), reason=reason))
    return out


def _locate(model: FactsFile, doc: Document) -> None:
    """Give every model object of the file the positions of its fields."""
    model._marks = doc.marks()
    for kind, items in (("sources", model.sources), ("entities", model.entities),
                        ("ignore", model.ignore)):
        for i, item in enumerate(items):
            item._marks = doc.marks(kind, i)
    for e in model.entities:
        marks = e._marks
        if marks is not None:
            for j, role in enumerate(e.roles):
                role._marks = marks.child(f"roles.{j}")


# ---------------------------------------------------------------------------- files


def read_text_file(path: Path, shown: str, code: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 text file (BOM allowed, CRLF kept); problems carry ``code``."""
    where = Location(shown)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [problem(code, where, path=shown, reason=f"larger than {MAX_FILE_BYTES} bytes; split it into files "
                                  "joined with `include:`",
                                  source=shown)]
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [problem("facts-missing", where, path=shown)]
    except OSError as exc:
        return None, [problem(code, where, path=shown, reason=exc.strerror or str(exc), source=shown)]
    if b"\x00" in data[:8192]:
        return None, [problem(code, where, path=shown, reason="binary file (NUL bytes); a facts file is YAML text",
                              source=shown)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [problem(code, Location(shown, line, col), path=shown,
                              reason=f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
                              source=shown)]
    return text, []


def _load_file(path: Path, expect_version: bool, given: str | None = None,
               name: str | None = None) -> tuple[FactsFile | None, list[ClaimRecord], list[Problem]]:
    shown = name if name is not None else display_path(path)
    if given is None:
        text, problems = read_text_file(path, shown, "facts-unreadable")
        if text is None:
            return None, [], problems
    else:
        text = given
    if path.suffix == ".jsonl" and not expect_version:
        data, doc, problems = parse_jsonl(text, shown)
    else:
        data, doc, problems = parse_yaml(text, shown)
    if problems:
        return None, [], problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [], [problem("schema", doc.at(()), field="(document)",
                                  reason="the document must be a mapping: start it with "
                                         "`factbase: 1`, then `sources:`, `claims:`...")]
    if expect_version:
        version = data.get("factbase")
        if version is None:
            return None, [], [problem("schema", Location(shown, 1, 1), field="factbase",
                                      reason="required field is missing; add `factbase: 1` (the format "
                                             "version) as the first line")]
        if version != 1:
            return None, [], [problem("unsupported-version", doc.at(("factbase",)), version=version)]
    try:
        model = FactsFile.model_validate(data)
    except ValidationError as exc:
        return None, [], schema_problems(exc, doc, data)
    del data
    _locate(model, doc)
    records = []
    for i, claim in enumerate(model.claims):
        record = ClaimRecord.of(claim)
        record.marks = doc.marks("claims", i)
        records.append(record)
    model.claims = []  # kept as records only
    return model, records, []


def inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def load(path: str | os.PathLike[str]) -> FactSet:
    """Load and validate a facts file and everything it includes.

    Raises `FactsError` (with `.problems`, each at its `file:line:col`) when anything
    cannot be loaded.
    """
    main = Path(path)
    return _load(main, main.resolve().parent)


def loads(text: str, *, root: str | os.PathLike[str] | None = None,
          name: str = "<string>") -> FactSet:
    """Load and validate facts given as YAML text.

    Source paths and `include:` patterns are relative to `root` (the working folder when
    not given), and must stay inside it. Problems are located at `name:line:col`. Raises
    `FactsError` when anything cannot be loaded.

    Example:
        ```python
        facts = factbase.loads('''
        factbase: 1
        sources:
          - id: memo
            text: The fund was $9 million.
        claims:
          - id: fund
            statement: The fund was $9 million.
            value: $9 million
            citations: [{source: memo, quote: $9 million}]
        ''')
        ```
    """
    base = Path(root) if root is not None else Path.cwd()
    return _load(base / name, base.resolve(), given=text, name=name)


def _load(main: Path, root: Path, given: str | None = None, name: str | None = None) -> FactSet:
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
        text_given = given is not None and is_main
        doc, records, found = _load_file(file, expect_version=is_main,
                                         given=given if text_given else None,
                                         name=name if text_given else None)
        problems.extend(found)
        if doc is None:
            continue
        if text_given:
            assert given is not None
            facts.texts[str(name)] = given  # hashed with the files: no file holds it
        else:
            facts.files.append(file)
        if is_main:
            facts.title, facts.description = doc.title, doc.description
            facts.license, facts.license_url = doc.license, doc.license_url
        facts.sources.extend(doc.sources)
        facts.entities.extend(doc.entities)
        facts.records.extend(records)
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
    return facts


def _expand_include(folder: Path, pattern: str) -> list[Path]:
    if os.path.isabs(pattern):
        return [Path(pattern)] if os.path.exists(pattern) else []
    hits = sorted(glob.glob(str(folder / pattern), recursive=True))
    return [Path(h) for h in hits if os.path.isfile(h)]
