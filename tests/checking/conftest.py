"""Shared helpers for the checking tests."""
from __future__ import annotations

import time

import pytest

from mvcalc.checking import check_expression


@pytest.fixture(scope="session")
def warm_sympy():
    """Import sympy and fill its caches once, so timing tests time the input, not the import."""
    check_expression("(x+1)^2", "x^2 + 2x + 1")
    check_expression("sin(x)^2", "1 - cos(x)^2")


def timed(function, *args, **kwargs):
    """(result, CPU seconds).

    CPU time of this process, not wall time: the test machine is shared, and
    other people's jobs must not make a fast call look slow.  The checks do
    no I/O and never wait, so CPU time is their running time.
    """
    start = time.process_time()
    result = function(*args, **kwargs)
    return result, time.process_time() - start
