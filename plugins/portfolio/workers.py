"""Work spread over the machine's processors: `spread(function, items, workers)` runs independent jobs
side by side; `later(function, workers)` runs one job beside this process while it goes on.

The processes are forked, so `function` may be any callable, a closure included (it is inherited, never
pickled); the items and the results travel between processes and must pickle. Results come back in the
order of `items`. In a daemon process (a job of `later` without `spreads`, such as a language written
beside another, engine/parallel.py), which may not start processes, or with one worker or one item, the
jobs run here, one after the other."""

from __future__ import annotations

import multiprocessing
import os
import traceback
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


class LaterError(RuntimeError):
    """A job run beside this process failed (its message holds the job's traceback)."""


class Later:
    """The value of a job run beside this process: `result()` waits for it and raises what the job raised."""

    def __init__(self, function, workers: int | None, spreads: bool = False):
        self._done, self._value, self._process = False, None, None
        if count(workers) < 2 or not hasattr(os, "fork") or multiprocessing.current_process().daemon:
            self._done, self._value = True, function()
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        # A daemon process may not start others: `spreads` makes one that may (the job's own `spread`).
        self._process = context.Process(target=_send_result, args=(function, send), daemon=not spreads)
        self._process.start()
        send.close()

    @property
    def here(self) -> bool:
        """Whether the job ran in this process (one worker, or a daemon process)."""
        return self._process is None

    def ready(self) -> bool:
        """Whether `result()` would return (or raise) without waiting."""
        return self._done or self._receive.poll()

    def result(self):
        if not self._done:
            try:
                outcome = self._receive.recv()
            except EOFError:
                outcome = ("error", f"the process stopped (exit code {self._process.exitcode})")
            self._process.join()
            if outcome[0] == "error":
                raise LaterError(outcome[1])
            self._done, self._value = True, outcome[1]
        return self._value

    def cancel(self) -> None:
        """Stop the job (its result is no longer wanted)."""
        if self._process is not None and not self._done:
            self._process.kill()
            self._process.join()


def later(function, workers: int | None, spreads: bool = False) -> Later:
    """`function()` run in a forked process while this one goes on (here and now with one worker); with
    `spreads`, the job may spread its own work over processes."""
    return Later(function, workers, spreads)


def _send_result(function, send) -> None:
    try:
        send.send(("done", function()))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        send.send(("error", traceback.format_exc()))
    finally:
        send.close()
