"""Independent jobs spread over the machine's processors: `spread(function, items, workers)`.

The processes are forked, so `function` may be any callable, a closure included (it is inherited, never
pickled); the items and the results travel between processes and must pickle. Results come back in the
order of `items`. In a daemon process (a language written beside another, engine/parallel.py), which may
not start processes, or with one worker or one item, the jobs run here, one after the other."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

_function = None  # the function of the pool being run, inherited by its forked processes


def count(workers: int | None) -> int:
    """How many processes `workers` allows (the setting PORTFOLIO_WORKERS; None: one per processor)."""
    return workers or os.cpu_count() or 1


def spread(function, items: list, workers: int | None, chunksize: int = 1) -> list:
    """[function(item) for item in items], in up to `workers` processes (None: one per processor)."""
    global _function
    workers = count(workers)
    if workers < 2 or len(items) < 2 or multiprocessing.current_process().daemon:
        return [function(item) for item in items]
    _function = function
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(workers, len(items)), mp_context=context) as pool:
            return list(pool.map(_call, items, chunksize=chunksize))
    finally:
        _function = None


def _call(item):
    return _function(item)
