"""The incremental-check cache in ``.factbase-cache/`` next to the facts file.

Two things are kept, each under a SHA-256 key of everything it depends on:

* the typed mentions of each source text, keyed by the text's hash, the source's reference
  date and currency, the declared entities and factbase's code;
* the result of each claim, keyed by the claim's content, the state of every source it cites
  (its declaration and its text's hash, or why it could not be read), the declared entities
  and factbase's code.

So an unchanged base re-checks from the cache, an edited claim is checked again alone, and an
edited source has its mentions extracted again and the claims that cite it checked again.
Checks across claims (duplicates, conflicts, unused declarations, coverage) always run.

Where a problem sits in a facts file is not part of a claim's key: each cached problem
remembers which field of its claim it points at, and takes that field's location from the
claim as loaded now, so a claim that only moved (lines added above it) is a cache hit.

Entries are JSON through a codec that only builds factbase's own result types, never
arbitrary objects: a cache file from elsewhere can at worst be wrong, not run code. It is
still input that decides results, so it is not meant to be committed (a ``.gitignore`` inside
the folder keeps it out of git) or shared from untrusted builds. Any cache error (a locked,
corrupt or read-only database) turns the cache off for the run; it never fails a check.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .mentions import Mention
from .problems import Location, Problem
from .results import CitationResult, ClaimResult, Evidence
from .values import Money, Name, Quantity, When

if TYPE_CHECKING:
    from .model import Claim, Entity, Source
    from .sources import SourceText

FOLDER = ".factbase-cache"
FILE = "cache.sqlite"
# The cache is pruned to what the last check used once it holds this many times as much.
PRUNE_FACTOR = 2

_TYPES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (Mention, When, Money, Quantity, Name, Problem, Location, ClaimResult,
                CitationResult, Evidence)
}


class CacheError(Exception):
    pass


# ---------------------------------------------------------------------------- keys


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """factbase's version and a hash of its own code, so that any change to the rules
    (even without a version bump, as during development) starts a fresh cache."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def entities_fingerprint(entities: Sequence[Entity]) -> str:
    digest = hashlib.sha256()
    for e in entities:
        digest.update(e.model_dump_json(by_alias=True).encode() + b"\n")
    return digest.hexdigest()


def source_state(source: Source, text: SourceText | None) -> str:
    """What a claim's result depends on of one cited source."""
    if text is None:
        return "unknown"
    read = text.sha256 if text.text is not None else "unread:" + ",".join(p.code for p in text.problems)
    return f"{source.model_dump_json(by_alias=True)}|{read}|{int(text.changed)}"


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def mentions_key(text_sha256: str, source: Source, entities_fp: str) -> str:
    return _hash("mentions", code_fingerprint(), text_sha256, source.published or "",
                 source.currency or "", entities_fp)


def claim_key(claim: Claim, states: Iterable[str], entities_fp: str) -> str:
    return _hash("claim", code_fingerprint(), claim.model_dump_json(by_alias=True), *states, entities_fp)


# ---------------------------------------------------------------------------- codec
#
# Every JSON array starts with a tag: "L" a list, "T" a tuple, "D" a Decimal, "d" a date, or
# the name of one of factbase's result types followed by its fields in declaration order.
# JSON objects are plain dicts with string keys. Nothing else can be built.

_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in _TYPES.items()
}


def encode(value: Any) -> Any:
    """Plain JSON data for factbase's result types (the dataclasses in ``_TYPES``)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    kind = type(value)
    if kind is list:
        return ["L", *map(encode, value)]
    if kind is dict:
        if not all(type(k) is str for k in value):
            raise CacheError("dict with non-string keys")
        return {k: encode(v) for k, v in value.items()}
    if kind is tuple:
        return ["T", *map(encode, value)]
    if kind is Decimal:
        return ["D", str(value)]
    if kind is dt.date:
        return ["d", value.isoformat()]
    name = kind.__name__
    if _TYPES.get(name) is kind:
        attrs = value.__dict__
        return [name, *(encode(attrs[f]) for f in _FIELDS[name])]
    raise CacheError(f"cannot cache a {name}")


def decode(data: Any) -> Any:
    kind = type(data)
    if kind is dict:
        return {k: decode(v) for k, v in data.items()}
    if kind is not list:
        return data
    tag = data[0]
    if tag == "L":
        return [decode(v) for v in data[1:]]
    if tag == "T":
        return tuple(decode(v) for v in data[1:])
    if tag == "D":
        return Decimal(data[1])
    if tag == "d":
        return dt.date.fromisoformat(data[1])
    cls = _TYPES[tag]
    names = _FIELDS[tag]
    if len(names) != len(data) - 1:
        raise CacheError(f"{tag}: field count changed")
    obj: Any = object.__new__(cls)
    # Frozen dataclasses refuse setattr; their instance dict takes the fields all the same.
    obj.__dict__.update(zip(names, map(decode, data[1:]), strict=True))
    return obj


def _pack(value: Any) -> bytes:
    return zlib.compress(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode(), 1)


def _unpack(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob))


# ---------------------------------------------------------------------------- claims


def _field_of(claim: Claim, problem: Problem) -> str | None:
    """The field of ``claim`` that ``problem`` points at: "" for the claim itself, a dotted
    path such as "citations.0.quote", or None when it points elsewhere (not cacheable)."""
    if problem.file is None and problem.line is None:
        return "-"
    here = claim.where()
    if (problem.file, problem.line, problem.column) == (here.file, here.line, here.column):
        return ""
    best: str | None = None
    for name, loc in claim._field_where.items():
        if (loc.file, loc.line, loc.column) == (problem.file, problem.line, problem.column) and (
            best is None or len(name) > len(best)
        ):
            best = name
    return best


def _all_problems(result: ClaimResult) -> list[Problem]:
    return [*result.problems, *(p for cit in result.citations for p in cit.problems)]


def pack_claim(result: ClaimResult, claim: Claim) -> Any | None:
    """The cache entry of a claim's result, or None when it cannot be cached."""
    fields = []
    for p in _all_problems(result):
        name = _field_of(claim, p)
        if name is None:
            return None
        fields.append(name)
    saved_claim, saved_file, saved_line = result.claim, result.file, result.line
    result.claim, result.file, result.line = None, None, None
    try:
        return {"result": encode(result), "fields": fields}
    except CacheError:
        return None
    finally:
        result.claim, result.file, result.line = saved_claim, saved_file, saved_line


def unpack_claim(entry: Any, claim: Claim) -> ClaimResult:
    """A cached result, its locations taken from ``claim`` as loaded now."""
    result = decode(entry["result"])
    if not isinstance(result, ClaimResult):
        raise CacheError("not a claim result")
    here = claim.where()
    result.claim, result.file, result.line = claim, here.file, here.line
    problems = _all_problems(result)
    if len(problems) != len(entry["fields"]):
        raise CacheError("problem count changed")
    for p, name in zip(problems, entry["fields"], strict=True):
        if name == "-":
            continue
        loc = claim.where(name) if name else here
        p.file, p.line, p.column = loc.file, loc.line, loc.column
    return result


# ---------------------------------------------------------------------------- the store


class Cache:
    """Key -> entry store in ``FOLDER/FILE`` (SQLite); every failure turns it off."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.enabled = True
        self.hits = 0
        self.misses = 0
        self._used: dict[str, set[str]] = {"mentions": set(), "claims": set()}
        self._pending: dict[str, list[tuple[str, bytes]]] = {"mentions": [], "claims": []}
        self._conn: sqlite3.Connection | None = None
        # The whole-report snapshot to write (key, blob), and whether one was used: then the
        # entries were not looked at, and must not be pruned as unused.
        self._report: tuple[str, bytes] | None = None
        self.report_hit = False
        try:
            folder.mkdir(exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by factbase: the cache is not meant to be committed\n*\n")
            self._conn = sqlite3.connect(folder / FILE, timeout=5)
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            for table in (*self._used, "reports"):
                self._conn.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, data BLOB)")
            self._conn.commit()
        except (OSError, sqlite3.Error):
            self._off()

    @classmethod
    def beside(cls, facts_path: Path) -> Cache:
        return cls(facts_path.resolve().parent / FOLDER)

    def _off(self) -> None:
        self.enabled = False
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def get(self, table: str, keys: Sequence[str]) -> dict[str, Any]:
        """The entries found for ``keys`` (missing keys are left out)."""
        if self._conn is None or not keys:
            return {}
        out: dict[str, Any] = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                marks = ",".join("?" * len(chunk))
                for key, blob in self._conn.execute(
                    f"SELECT key, data FROM {table} WHERE key IN ({marks})", chunk
                ):
                    out[key] = blob
        except sqlite3.Error:
            self._off()
            return {}
        self._used[table].update(keys)
        found: dict[str, Any] = {}
        for key, blob in out.items():
            try:
                found[key] = _unpack(blob)
            except (ValueError, zlib.error):
                continue
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put(self, table: str, key: str, entry: Any) -> None:
        if self._conn is None:
            return
        self._used[table].add(key)
        self._pending[table].append((key, _pack(entry)))

    def get_report(self, key: str) -> bytes | None:
        """The snapshot of a whole report stored under ``key`` (see :mod:`factbase.snapshot`)."""
        if self._conn is None:
            return None
        try:
            row = self._conn.execute("SELECT data FROM reports WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            self._off()
            return None
        if row is None or not isinstance(row[0], bytes) or len(row[0]) < 32:
            return None
        # A digest in front: a damaged blob is found before it is decoded.
        digest, blob = row[0][:32], row[0][32:]
        return blob if hashlib.sha256(blob).digest() == digest else None

    def put_report(self, key: str, blob: bytes) -> None:
        """Keep ``blob`` as the only snapshot, written on ``close``."""
        if self._conn is not None:
            self._report = (key, hashlib.sha256(blob).digest() + blob)

    def close(self) -> None:
        """Write what was put, prune entries no check needs any more, close."""
        conn = self._conn
        if conn is None:
            return
        try:
            with conn:
                for table, rows in self._pending.items():
                    conn.executemany(f"INSERT OR REPLACE INTO {table} (key, data) VALUES (?, ?)", rows)
                    rows.clear()
                if self._report is not None:
                    conn.execute("DELETE FROM reports")
                    conn.execute("INSERT INTO reports (key, data) VALUES (?, ?)", self._report)
                    self._report = None
            if self.report_hit:
                self._off()
                return
            for table, used in self._used.items():
                (total,) = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
                if total > PRUNE_FACTOR * len(used) + 1000:
                    with conn:
                        conn.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                        conn.execute("DELETE FROM used")
                        conn.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in used))
                        conn.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM used)")
        except sqlite3.Error:
            pass
        self._off()


def mentions_entry(mentions: list[Mention]) -> Any:
    return encode(mentions)


def mentions_from(entry: Any) -> list[Mention]:
    mentions = decode(entry)
    if not isinstance(mentions, list) or not all(isinstance(m, Mention) for m in mentions):
        raise CacheError("not a list of mentions")
    return mentions
