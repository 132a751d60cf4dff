"""Spread independent per-article work over the machine's cores, keeping the input order."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Generator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a worker pool costs more (start-up, pickling) than it saves.
MIN_ITEMS_FOR_POOL = 64


def workers() -> int:
    """Worker processes to use: PIPELINE_WORKERS, else the cores this process may run on."""
    setting = os.environ.get("PIPELINE_WORKERS")
    if setting:
        return max(1, int(setting))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def ordered_map(func: Callable[[T], R], items: Sequence[T]) -> Generator[R, None, None]:
    """`func(item)` for each of `items`, in order, in worker processes when there is enough
    work; results are yielded as they come, so a caller need not hold them all at once.

    `func` must be a module-level function and items and results picklable.
    """
    count = workers()
    if count < 2 or len(items) < MIN_ITEMS_FOR_POOL:
        yield from (func(item) for item in items)
        return
    import multiprocessing  # (not for a rebuild that reads a file or two)
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(items) // (count * 4))
    # fork starts workers at once with everything imported (forkserver costs about 3 s more on
    # 1000 articles), but forking a process that runs threads (a test's servers, a browser
    # driver) can deadlock the child: then forkserver.
    method = "fork" if threading.active_count() == 1 and sys.platform == "linux" else "forkserver"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        yield from pool.map(func, items, chunksize=chunk)
