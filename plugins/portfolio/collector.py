"""Python's cycle collector paused while a burst of objects is made: each of its full passes walks every
object of the process, and a burst of new objects sets off several of them for nothing."""

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
