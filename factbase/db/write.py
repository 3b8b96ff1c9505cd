"""Write the database file: atomically, deterministically, in batches as rows arrive.

Rows go into a temporary file in the destination's folder, inside one transaction; the
indexes, full-text search and views are added at the end, then the file is synced and moved
into place with ``os.replace``. Nothing records the wall clock, the page size and journal
mode are fixed, and rows arrive in a fixed order, so the same inputs give a byte-identical
file.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database

try:
    import fcntl
except ImportError:  # not POSIX: builds are not serialized
    fcntl = None  # type: ignore[assignment]

from .shape import PAGE_SIZE, TABLE, create_tables, ensure_db_shape

__all__ = ["Writer", "build_lock"]

# Builds before issue 16 locked a file ``.NAME.lock`` kept beside the database.
_LEGACY_LOCK = ".{name}.lock"


@contextlib.contextmanager
def build_lock(dest: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on the destination's folder itself (waiting for it).

    The lock is taken on an open descriptor of the folder, so no lock file is left beside the
    database. A lock file could not be deleted safely either: a build waiting on it would then
    hold a lock on a file that the next build no longer sees. A folder cannot be swapped for
    another while the database is written into it, and the kernel drops the lock when its
    holder dies, even by SIGKILL. Builds of different databases in one folder take turns too,
    which costs only time. While the lock is held no other build writes here, so temporary
    files of this destination that are left over belong to a killed build and are removed,
    and so is the lock file of an older factbase.
    """
    folder = dest.parent if str(dest.parent) else Path(".")
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(folder, flags)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        for stale in folder.glob(f".{glob.escape(dest.name)}.*.tmp*"):  # and SQLite's -journal
            with contextlib.suppress(OSError):
                stale.unlink()
        with contextlib.suppress(OSError):
            (folder / _LEGACY_LOCK.format(name=dest.name)).unlink()
        yield
    finally:
        os.close(fd)


class Writer:
    """A new database at ``dest``: insert rows table by table, then :meth:`commit` (which
    moves it into place) or :meth:`abort`. Use it under :func:`build_lock`."""

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self.folder = dest.parent if str(dest.parent) else Path(".")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=self.folder)
        os.close(fd)
        self.tmp = Path(tmp_name)
        self._sql: dict[str, str] = {}
        try:
            self.conn = sqlite3.connect(self.tmp)
            # Both must be set before the first table exists; WAL would leave a -wal file and
            # a header that depends on checkpoints, so the rollback journal it is.
            self.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            self.conn.execute("PRAGMA journal_mode = DELETE")
            self.db = Database(self.conn)
            self.conn.execute("BEGIN")
            create_tables(self.db)
        except BaseException:
            self.abort()
            raise

    def insert(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        """Insert rows (tuples in the table's column order) into ``table``."""
        if not rows:
            return
        sql = self._sql.get(table)
        if sql is None:
            names = TABLE[table].column_names
            columns = ", ".join(f"[{n}]" for n in names)
            sql = self._sql[table] = (f"INSERT INTO [{table}] ({columns}) "
                                      f"VALUES ({', '.join('?' * len(names))})")
        self.conn.executemany(sql, rows)

    def commit(self) -> None:
        """Add the indexes, search and views, then move the file into place."""
        try:
            ensure_db_shape(self.db)
            self.conn.commit()
            # No VACUUM: the file is new and nothing was deleted, so it has no free pages to
            # reclaim, and the same statements in the same order give the same bytes.
            self.conn.execute("ANALYZE")
            self.conn.commit()
            self.conn.close()
            with open(self.tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.chmod(self.tmp, 0o644)
            os.replace(self.tmp, self.dest)
            _fsync_folder(self.folder)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()
        with contextlib.suppress(OSError):
            self.tmp.unlink()


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
