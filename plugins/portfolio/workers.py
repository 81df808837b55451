"""Independent jobs spread over the machine's processors: `spread(function, items, workers)`.

The processes are forked, so `function` may be any callable, a closure included (it is inherited, never
pickled); the items and the results travel between processes and must pickle. Results come back in the
order of `items`. In a daemon process (a language written beside another, engine/parallel.py), which may
not start processes, or with one worker or one item, the jobs run here, one after the other."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

_function = None  # the function of the pool being run, inherited by its forked processes


def spread(function, items: list, workers: int, chunksize: int = 1) -> list:
    """[function(item) for item in items], in up to `workers` processes."""
    global _function
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
