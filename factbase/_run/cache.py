"""The incremental-check cache in ``.factbase-cache/`` next to the facts file.

Five kinds of entries, each under a SHA-256 key of everything it depends on:

* ``unit``: the outcome of one source's unit of work, keyed by factbase's code, the source's
  declaration and the hash of its bytes, every citation and ``ignore:`` entry of the unit
  (with its claim's value) and the declared entities. The source text is not stored (it is
  read again to check the hash);
* ``mentions``: the typed mentions of a source text, keyed by the text's hash, its reference
  date and currency, the entities and the code; so that a unit whose claims changed does not
  extract its mentions again;
* ``text``: the text layer of a web page, PDF or snapshot (its text, format, hash, pages and
  boilerplate regions), keyed by the hash of the bytes it was extracted from, the format, the
  code and the versions of the extracting libraries; so that a re-check reads and hashes the
  bytes but does not parse them again;
* ``stat``: the SHA-256 of a web page's, PDF's or snapshot's bytes, keyed by its path, size,
  inode, device, modification and change times: a file none of which changed since it was
  hashed is not read again (git trusts the same; ``--no-cache`` reads everything);
* ``run``: the keys of every unit of the last run and the problems found across claims, keyed
  by the code, the facts files' bytes and the sources' hashes; a run of an unchanged base then
  computes no unit key.

Entries are bytes of :mod:`factbase._run.codec`, checked by a digest before they are decoded,
into factbase's own result types only: a cache file from elsewhere can at worst be wrong, not
run code. It still decides results, so it is not meant to be committed (a ``.gitignore``
inside the folder keeps it out of git) or shared from untrusted builds. Any cache error (a
locked, corrupt or read-only database) turns the cache off for the run; it never fails a check.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from .. import __version__

__all__ = ["FILE", "FOLDER", "Cache", "code_fingerprint", "digest"]

FOLDER = ".factbase-cache"
FILE = "cache.sqlite"
KINDS = ("unit", "mentions", "text", "stat", "run")
# The cache is pruned to what the last check used once it holds this many times as much.
PRUNE_FACTOR = 2


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """factbase's version and a hash of its own code, so that any change to the rules
    (even without a version bump, as during development) starts a fresh cache."""
    found = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        found.update(path.relative_to(package).as_posix().encode() + b"\0")
        found.update(path.read_bytes())
    return found.hexdigest()


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class Cache:
    """Key -> bytes store in ``FOLDER/FILE`` (SQLite); every failure turns it off."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.enabled = True
        self.hits = 0
        self.misses = 0
        self._used: dict[str, set[str]] = {k: set() for k in KINDS}
        self._pending: dict[str, list[tuple[str, bytes]]] = {k: [] for k in KINDS}
        self._conn: sqlite3.Connection | None = None
        try:
            folder.mkdir(exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by factbase: the cache is not meant to be committed\n*\n")
            self._conn = sqlite3.connect(folder / FILE, timeout=5)
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            for table in KINDS:
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

    def get(self, kind: str, keys: Sequence[str]) -> dict[str, bytes]:
        """The entries found for ``keys`` (missing keys are left out)."""
        if self._conn is None or not keys:
            return {}
        out: dict[str, bytes] = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                marks = ",".join("?" * len(chunk))
                for key, blob in self._conn.execute(
                    f"SELECT key, data FROM {kind} WHERE key IN ({marks})", chunk
                ):
                    if isinstance(blob, bytes):
                        out[key] = blob
        except sqlite3.Error:
            self._off()
            return {}
        self._used[kind].update(keys)
        self.hits += len(out)
        self.misses += len(set(keys)) - len(out)
        return out

    def put(self, kind: str, key: str, blob: bytes) -> None:
        if self._conn is None:
            return
        self._used[kind].add(key)
        self._pending[kind].append((key, blob))

    def keep(self, kind: str, keys: Iterable[str]) -> None:
        """Count entries as used without reading them (a run found from its snapshot)."""
        self._used[kind].update(keys)

    def close(self) -> None:
        """Write what was put, prune entries no check needs any more, close."""
        conn = self._conn
        if conn is None:
            return
        try:
            with conn:
                for kind, rows in self._pending.items():
                    conn.executemany(f"INSERT OR REPLACE INTO {kind} (key, data) VALUES (?, ?)", rows)
                    rows.clear()
            for kind, used in self._used.items():
                (total,) = conn.execute(f"SELECT count(*) FROM {kind}").fetchone()
                if total > PRUNE_FACTOR * len(used) + (1 if kind == "run" else 1000):
                    with conn:
                        conn.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                        conn.execute("DELETE FROM used")
                        conn.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in used))
                        conn.execute(f"DELETE FROM {kind} WHERE key NOT IN (SELECT key FROM used)")
        except sqlite3.Error:
            pass
        self._off()
