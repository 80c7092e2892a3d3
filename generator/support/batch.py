"""Many files in one command: every core at work, results in input order, a progress bar.

``sec16 validate``, ``build`` and ``import`` hand each file to ``run``. Past a few dozen files
the work goes to a pool of worker processes (one per core); results come back in input order,
so output is the same as from a single process. The worker's state (schema folder, options) is
passed to it explicitly, so this works with every multiprocessing start method.

A progress bar is drawn on standard error only when it is a terminal, and only when asked for
(never with ``--format json``); it is erased before anything else is printed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any, TextIO, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Below this many files one process is faster than starting workers.
PARALLEL_FROM = 48


def workers() -> int:
    """How many worker processes: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


class Progress:
    """A one-line progress bar on a terminal's standard error; silent anywhere else."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.label = label
        self.done = 0
        self.shown = False
        self.last = 0.0
        try:
            self.enabled = total > 1 and self.stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self.last > 0.1 or self.done == self.total):
            self.last = now
            width = 30
            filled = width * self.done // self.total
            bar = "#" * filled + "." * (width - filled)
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        """Erase the bar (before other output, and at the end)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


class Workers:
    """Worker processes for a batch of ``expected`` items, started as soon as this is entered.

    Starting them before the command has even checked its input files lets each worker load
    what it needs (``initializer``: lxml, the schemas, the rules) on its own core while this
    process does that checking, instead of loading everything here first. With fewer than
    ``PARALLEL_FROM`` items, or one core, no process is started and ``run`` works here.
    """

    def __init__(
        self,
        expected: int,
        *,
        initializer: Callable[..., None] | None = None,
        initargs: Iterable[Any] = (),
    ) -> None:
        self.count = workers()
        self.initializer = initializer
        self.initargs = tuple(initargs)
        self.parallel = expected >= PARALLEL_FROM and self.count > 1
        self.pool: Any = None

    def __enter__(self) -> Workers:
        if self.parallel:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(
                self.count, initializer=_worker_start, initargs=(self.initializer, self.initargs)
            )
            self.pool.submit(int)  # the workers start now (and prepare), not at the first item
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self.pool is not None:
            # Ctrl-C or an error: drop the work not started instead of waiting for it.
            self.pool.shutdown(wait=error is None, cancel_futures=error is not None)

    def run(
        self,
        function: Callable[[Item], Result],
        items: Sequence[Item],
        progress: Progress | None = None,
    ) -> Iterator[Result]:
        """``function`` over ``items``, in input order (``function``, items and results must be
        picklable when there are workers)."""
        if self.pool is None:
            _fewer_collections()
            if self.initializer is not None:
                self.initializer(*self.initargs)
            results: Iterable[Result] = map(function, items)
        else:
            parts = self.pool.map(partial(_each, function), _chunks(items, self.count))
            results = (result for part in parts for result in part)
        for result in results:
            if progress is not None:
                progress.advance()
            yield result


#: The most items sent to a worker at once, and the fewest (but for the last chunk).
LARGEST_CHUNK, SMALLEST_CHUNK = 64, 4


def _chunks(items: Sequence[Item], workers: int) -> list[Sequence[Item]]:
    """``items`` cut into chunks that shrink as the work runs out.

    Each chunk is a quarter of what is left for each worker, between ``SMALLEST_CHUNK`` and
    ``LARGEST_CHUNK`` items: large chunks while there is much to do (few messages between
    processes), small ones at the end, so that the workers finish together instead of one
    waiting for another's last 64 files.
    """
    chunks: list[Sequence[Item]] = []
    start = 0
    while start < len(items):
        left = len(items) - start
        size = max(SMALLEST_CHUNK, min(LARGEST_CHUNK, left // (workers * 4)))
        chunks.append(items[start : start + size])
        start += size
    return chunks


def _each(function: Callable[[Item], Result], chunk: Sequence[Item]) -> list[Result]:
    """``function`` over one chunk, in a worker."""
    return [function(item) for item in chunk]


def run(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    initializer: Callable[..., None] | None = None,
    initargs: Iterable[Any] = (),
    progress: Progress | None = None,
) -> Iterator[Result]:
    """``function`` over ``items``, in input order, in worker processes when there are many.

    ``initializer(*initargs)`` prepares each worker (and this process, when it does the work
    itself). ``function`` and the items and results must be picklable.
    """
    with Workers(len(items), initializer=initializer, initargs=initargs) as pool:
        yield from pool.run(function, items, progress)


def _worker_start(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """In each worker: leave Ctrl-C to the main process, which stops the pool; then prepare."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _fewer_collections()
    if initializer is not None:
        initializer(*initargs)


def _fewer_collections() -> None:
    """Let the cyclic garbage collector run less often while files are processed.

    Checking a file allocates thousands of short-lived objects (element proxies, tuples, the
    index) that reference counting frees without help; the collector, started every 700
    allocations by default, would otherwise walk them again and again (about 4 % of the time).
    """
    import gc

    gc.freeze()  # what is loaded by now lives as long as the process
    gc.set_threshold(50_000, 20, 20)
