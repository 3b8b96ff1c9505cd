"""Crash-safe publishing: SIGKILL during builds, concurrent builds, unwritable destinations."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from factbase import check, load
from factbase.cli import cli
from factbase.db import PublishError, publish
from factbase.db import write as PUBLISH_MODULE
from factbase.db.write import build_lock
from factbase.results import Report

SCRIPT = Path(__file__).with_name("kill_build_script.py")
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="fork, SIGKILL and flock are POSIX")


@pytest.fixture
def report(seed_project: Path) -> Report:
    return check(load(seed_project))


@POSIX
def test_fifty_kills_leave_the_previous_database_intact() -> None:
    # 400 claims keep one build near a tenth of a second, so the 50 kills take seconds; the
    # script's default (2,000 claims) is the slower run for benchmarks.
    done = subprocess.run([sys.executable, str(SCRIPT), "--iterations", "50", "--claims", "400"],
                          capture_output=True, text=True, timeout=300, check=False)
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert (done.returncode, summary["failures"]) == (0, 0), done.stdout
    assert summary["ended_as_a"] + summary["ended_as_b"] == 50
    # Kills landed both inside builds and after replaces (each is near-certain in 50 tries).
    assert (summary["killed_mid_build"] > 0, summary["replaced"] > 0) == (True, True)


def test_a_failed_build_keeps_the_old_file(report: Report, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "factbase.db"
    publish(report, dest)
    old = dest.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(PUBLISH_MODULE.os, "replace", fail)
    with pytest.raises(PublishError) as caught:
        publish(report, dest)
    assert [p.code for p in caught.value.problems] == ["output-error"]
    assert dest.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_the_file_and_its_folder_are_synced(report: Report, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync-dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        calls.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(PUBLISH_MODULE.os, "fsync", fsync)
    monkeypatch.setattr(PUBLISH_MODULE.os, "replace", replace)
    publish(report, tmp_path / "factbase.db", metadata=False)
    assert calls == ["fsync-file", "replace", "fsync-dir"]


def test_stale_temporary_files_of_a_killed_build_are_removed(report: Report, tmp_path: Path) -> None:
    dest = tmp_path / "factbase.db"
    stale = [tmp_path / ".factbase.db.abc123.tmp", tmp_path / ".factbase.db.abc123.tmp-journal"]
    for path in stale:
        path.write_bytes(b"half a database")
    other = tmp_path / ".other.db.abc123.tmp"
    other.write_bytes(b"not ours")
    publish(report, dest, metadata=False)
    assert [p.exists() for p in stale] == [False, False]
    assert other.exists()


@POSIX
def test_concurrent_builds_take_turns(report: Report, tmp_path: Path) -> None:
    dest = tmp_path / "factbase.db"
    with build_lock(dest):
        worker = threading.Thread(target=publish, args=(report, dest), kwargs={"metadata": False})
        worker.start()
        worker.join(0.5)
        # flock locks belong to open files, so a second open in this process waits like another
        # process would: the build cannot start while the lock is held.
        assert (worker.is_alive(), dest.exists()) == (True, False)
    worker.join(30)
    assert (worker.is_alive(), dest.exists()) == (False, True)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@POSIX
def test_two_processes_building_at_once_both_finish_with_one_whole_file(seed_project: Path,
                                                                      tmp_path: Path) -> None:
    dest = tmp_path / "out" / "factbase.db"
    dest.parent.mkdir()
    command = [str(Path(sys.executable).with_name("factbase")), "build", str(seed_project), "-o", str(dest), "-q"]
    procs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(3)]
    codes = [p.wait(120) for p in procs]
    assert codes == [0, 0, 0]
    conn = sqlite3.connect(f"file:{dest}?mode=ro", uri=True)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.close()
    # The lock was on the folder: no lock file is left beside the database.
    assert sorted(p.name for p in dest.parent.iterdir()) == ["factbase.db", "factbase.metadata.json"]


@POSIX
def test_builds_of_two_databases_in_one_folder_take_turns(report: Report, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with build_lock(out / "a.db"):
        worker = threading.Thread(target=publish, args=(report, out / "b.db"),
                                  kwargs={"metadata": False})
        worker.start()
        worker.join(0.5)
        assert (worker.is_alive(), (out / "b.db").exists()) == (True, False)
    worker.join(30)
    assert sorted(p.name for p in out.iterdir()) == ["b.db"]


def test_the_lock_file_of_an_older_factbase_is_removed(report: Report, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".factbase.db.lock").write_bytes(b"")
    (out / ".other.db.lock").write_bytes(b"")
    publish(report, out / "factbase.db", metadata=False)
    assert sorted(p.name for p in out.iterdir()) == [".other.db.lock", "factbase.db"]


def test_cli_build_leaves_only_the_database_and_its_configuration(seed_project: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, ["build", str(seed_project), "-o", str(out / "facts.db"), "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["facts.db", "facts.metadata.json"]


@POSIX
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_destination_is_an_output_error_with_exit_2(seed_project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = CliRunner().invoke(cli, ["build", str(seed_project), "-o", str(folder / "x.db"), "-q"])
    finally:
        folder.chmod(0o755)
    assert (result.exit_code, "output-error" in result.output) == (2, True)


def test_unwritable_destination_exits_2(seed_project: Path, tmp_path: Path) -> None:
    # A destination inside a regular file: no folder to write in, whoever runs the test.
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(seed_project), "-o", str(blocker / "x.db"), "-q"])
    assert (result.exit_code, "output-error" in result.output) == (2, True)


def test_read_only_old_database_is_replaced_not_written_in_place(report: Report, tmp_path: Path) -> None:
    dest = tmp_path / "factbase.db"
    publish(report, dest, metadata=False)
    dest.chmod(0o444)
    inode = dest.stat().st_ino
    publish(report, dest, metadata=False)
    assert dest.stat().st_ino != inode


@POSIX
def test_the_lock_is_released_when_its_holder_is_killed(report: Report, tmp_path: Path) -> None:
    dest = tmp_path / "factbase.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from factbase.db.write import build_lock\n"
         "with build_lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(600)",
         str(dest)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    holder.kill()
    holder.wait(10)
    worker = threading.Thread(target=publish, args=(report, dest), kwargs={"metadata": False})
    worker.start()
    worker.join(60)  # a lock that outlived its holder would keep the build waiting
    assert (worker.is_alive(), dest.exists()) == (False, True)


def test_build_into_a_missing_folder_says_what_to_do(seed_project: Path, tmp_path: Path) -> None:
    dest = tmp_path / "missing" / "x.db"
    result = CliRunner().invoke(cli, ["build", str(seed_project), "-o", str(dest), "-q"])
    assert result.exit_code == 2
    assert result.stderr == (f"factbase: error output-error: {dest}: the folder {dest.parent} "
                             "does not exist; create it, or write the database elsewhere\n")
