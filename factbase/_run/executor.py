"""Where units of work run: this process, local worker processes, or a Dask cluster; all
behind :class:`concurrent.futures.Executor`, the one interface the three share.

:func:`ordered` submits batches and yields their results in submission order while a bounded
number are in flight, so results stream (memory holds a window of batches, never the run)
and every run gives the same order, whichever worker finishes first.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, ParamSpec, TypeVar

__all__ = ["SchedulerError", "SerialExecutor", "available_cpus", "dask_executor",
           "default_workers", "ordered", "process_executor", "width"]

P = ParamSpec("P")
T = TypeVar("T")


class SerialExecutor(Executor):
    """Runs each task when it is submitted, in this process."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


class SchedulerError(Exception):
    """A Dask scheduler could not be used (the extra is not installed, or it is unreachable)."""


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """``FACTBASE_WORKERS`` when set (1 turns workers off), else the CPUs available."""
    env = os.environ.get("FACTBASE_WORKERS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    return available_cpus()


def process_executor(workers: int) -> ProcessPoolExecutor:
    """Local worker processes. On Linux they are forked: they start in milliseconds with the
    extractors imported and their patterns compiled; elsewhere spawn is the safe default."""
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))


def dask_executor(address: str) -> tuple[Executor, Callable[[], None]]:
    """An executor on the Dask cluster whose scheduler listens at ``address``, and the
    function that disconnects from it. Needs the ``factbase[dask]`` extra."""
    try:
        import distributed
    except ImportError as exc:
        raise SchedulerError("--scheduler needs Dask: pip install 'factbase[dask]' "
                             f"({exc})") from exc
    try:
        make_client: Any = distributed.Client
        client = make_client(address, timeout=30, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    executor: Executor = client.get_executor(pure=False)
    return executor, client.close


def width(executor: Executor) -> int:
    """How many tasks the executor runs at once, as far as it tells (1 when it does not)."""
    for name in ("_max_workers", "max_workers"):
        found = getattr(executor, name, None)
        if isinstance(found, int) and found > 0:
            return found
    client = getattr(executor, "_client", None)
    if client is not None:  # a Dask ClientExecutor: the cluster's threads
        try:
            return max(1, int(sum(client.nthreads().values())))
        except Exception:  # the cluster is asked once; a failure only narrows the window
            return 4
    return 1


def ordered(executor: Executor, fn: Callable[..., T], batches: Iterable[tuple[Any, ...]],
            window: int) -> Iterator[T]:
    """``fn(*batch)`` for each batch on ``executor``, results in submission order, at most
    ``window`` batches in flight."""
    pending: deque[Future[T]] = deque()
    try:
        for batch in batches:
            pending.append(executor.submit(fn, *batch))
            while len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
