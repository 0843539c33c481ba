"""Shared helpers for the checking tests."""
from __future__ import annotations

import time


def timed(function, *args, **kwargs):
    """(result, CPU seconds).

    CPU time of this process, not wall time: the test machine is shared, and
    other people's jobs must not make a fast call look slow.  The checks do
    no I/O and never wait, so CPU time is their running time.
    """
    start = time.process_time()
    result = function(*args, **kwargs)
    return result, time.process_time() - start
