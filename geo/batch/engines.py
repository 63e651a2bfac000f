"""Where batch work runs: in this process, in a local process pool, or on a Dask cluster.

An engine maps one function over a stream of tasks and yields the results **in task order**,
whichever worker finished first, keeping only a bounded number of tasks in flight (so a
million-row input never sits in memory twice and results stream out as they are ready). The
engines run the same function on the same tasks, so their outputs are identical; only where
the work happens differs.

- :class:`InlineEngine`: this process, one task after the other (one worker, or tiny inputs).
- :class:`LocalEngine`: a pool of worker processes on this machine (``forkserver`` on POSIX:
  fresh interpreters, no open SQLite handle or thread copied by ``fork``).
- :class:`DaskEngine`: Dask distributed, on the scheduler at ``address`` or on a
  ``LocalCluster`` it starts and stops itself. Workers must be able to import ``geo``
  (install shiproute on them) and find the same data (same package versions).
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from geo.errors import BadInput

__all__ = ["Engine", "InlineEngine", "LocalEngine", "DaskEngine", "make_engine", "default_workers", "ENGINES"]

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")


def default_workers() -> int:
    """The cores this process may use (its CPU affinity where the OS tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class Engine(Protocol):
    """Maps ``func`` over ``tasks``, yielding results in task order."""

    workers: int

    def map_ordered(self, func: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class InlineEngine:
    """Runs every task in this process, in order."""

    workers = 1

    def map_ordered(self, func: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        for task in tasks:
            yield func(task)

    def close(self) -> None:
        pass

    def __enter__(self) -> InlineEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _watch_parent() -> None:
    """End this worker when the process that started the pool is gone (killed with SIGKILL,
    say) instead of waiting forever for tasks that will never come. The direct parent may be
    the fork server, which itself lives on as long as any worker does: watch the pool's owner,
    through the pipe multiprocessing keeps open to it."""
    import multiprocessing.connection

    parent = multiprocessing.parent_process()
    if parent is not None and parent.sentinel is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)
    import time

    parent_pid = os.getppid()
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(1)


def _init_worker() -> None:
    import signal

    # Ctrl-C is for the main process, which stops the pool; workers printing tracebacks of
    # their own would only bury its message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, daemon=True).start()


def _pool_context() -> multiprocessing.context.BaseContext:
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # Import the batch code and what it runs once, in the fork server: each worker is then a
        # cheap fork of it instead of a second or more of imports. (Nothing is opened there: the
        # gazetteer's SQLite handle is opened in each worker, on first use.)
        ctx.set_forkserver_preload(["numpy", "geo.batch.runner", "geo.pair", "geo.places.gazetteer", "geo.text.claims",
                                    "geo.verdict", "geo.geodesy", "geo.text.article"])
        return ctx
    return multiprocessing.get_context("spawn")


class LocalEngine:
    """A pool of ``workers`` processes on this machine; at most ``ahead`` tasks per worker are
    queued beyond the one being written, which bounds memory and keeps the order cheap."""

    def __init__(self, workers: int, *, ahead: int = 2) -> None:
        from concurrent.futures import ProcessPoolExecutor

        if workers < 1:
            raise BadInput(f"--workers must be at least 1, not {workers!r}")
        self.workers = workers
        self._ahead = ahead
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(), initializer=_init_worker)

    def map_ordered(self, func: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        pending: collections.deque = collections.deque()
        limit = self.workers * (self._ahead + 1)
        for task in tasks:
            pending.append(self._pool.submit(func, task))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DaskEngine:
    """Dask distributed: the scheduler at ``address`` (``tcp://host:8786``), or, without one, a
    ``LocalCluster`` of ``workers`` single-threaded worker processes started here."""

    def __init__(self, address: str | None = None, *, workers: int | None = None, ahead: int = 3) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise BadInput(
                "--engine dask needs Dask distributed, which is not installed; "
                "install it with: pip install 'shiproute[dask]' (or pip install 'dask[distributed]')"
            ) from None
        self._cluster = None
        if address:
            try:
                self._client = Client(address, timeout="20s")
            except (OSError, TimeoutError, ValueError) as exc:  # ValueError: not an address at all
                raise BadInput(
                    f"cannot reach the Dask scheduler at {address!r}: {exc}; check the address "
                    "(tcp://HOST:8786) or leave out --scheduler to run a local cluster"
                ) from None
            counted = len(self._client.scheduler_info().get("workers", {}))
            self.workers = max(1, workers or counted or 1)
        else:
            self.workers = max(1, workers or default_workers())
            # processes=True: the work is CPU-bound Python, threads would share one GIL.
            self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=40)
            self._client = Client(self._cluster)
        self._ahead = ahead

    def map_ordered(self, func: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        pending: collections.deque = collections.deque()
        limit = self.workers * (self._ahead + 1)
        for task in tasks:
            # pure=False: two equal tasks are still two pieces of work with their own results.
            pending.append(self._client.submit(func, task, pure=False))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_engine(name: str, *, workers: int | None = None, scheduler: str | None = None,
                tasks: int | None = None) -> Any:
    """The engine called ``name`` (``local`` or ``dask``).

    ``workers`` defaults to the usable cores. With ``local``, one worker (or a job of a single
    task, ``tasks == 1``) runs in this process: a pool would only add its start-up time.
    ``scheduler`` is a Dask scheduler address, for ``dask`` only.
    """
    if name not in ENGINES:
        raise BadInput(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise BadInput(f"--workers must be at least 1, not {workers!r}")
    if name == "dask":
        return DaskEngine(scheduler, workers=workers)
    if scheduler:
        raise BadInput("--scheduler is for --engine dask; leave it out with --engine local")
    count = workers or default_workers()
    if tasks is not None:
        count = min(count, max(1, tasks))
    return InlineEngine() if count == 1 else LocalEngine(count)
