"""Python's cycle collector paused while a burst of objects is made, and passing less often during a build:
each of its full passes walks every object of the process (but those frozen), and a burst of new objects
sets off several of them for nothing."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused(free_young: bool = False):
    """The collector off inside the block, back on after (when it was on); `free_young`: then collect the
    young generation, where everything the block made still is, to free the cycles it left."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            if free_young:
                gc.collect(0)


# Objects made between two passes over the young generation during a build (Python's default: 700). At 10,000
# enterprises a build holds millions of objects, and the collector's passes took 0.3 s of a one-record build
# (5.63 -> 5.33 s, alternating rounds) and 2.4 s of processor time of a cold one, for no memory gained
# (peak 693 MB either way): the build makes few reference cycles.
BUILD_THRESHOLD = 100_000


def collect_less() -> tuple[int, ...]:
    """Make the collector pass less often (BUILD_THRESHOLD), in this process and those it forks; the
    thresholds to give back to `gc.set_threshold` when the build is over."""
    before = gc.get_threshold()
    gc.set_threshold(BUILD_THRESHOLD, *before[1:])
    return before
