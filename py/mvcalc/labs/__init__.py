"""Labs: learner code, long computations, scipy, run in the background worker.

A lab is a pure module with ``handle(payload: dict) -> dict`` (JSON in, JSON out),
listed in :data:`LABS` with the Pyodide packages it needs beyond numpy.
The page asks for one with ``await mvcalc.web.checker.lab(name, payload)``; the
worker loads the packages first (so scipy never reaches the page's main thread)
and the page's time limit stops a runaway request. Only names listed here run.
The few actions listed in :data:`IN_PAGE` run no learner code, need no extra package and
finish in milliseconds: the page answers them itself, so it never starts a worker to show
a lab's first state.
"""
from __future__ import annotations

import importlib

# name -> (module, extra Pyodide packages the worker loads before the first call)
LABS: dict[str, tuple[str, tuple[str, ...]]] = {
    "descent": ("mvcalc.labs.descent", ()),
    "lagrange": ("mvcalc.labs.lagrange", ("scipy",)),
    "backprop": ("mvcalc.labs.backprop", ()),
    "heights": ("mvcalc.labs.heights", ()),
    "curve_fit": ("mvcalc.labs.curve_fit", ("scipy",)),
}


# lab name -> actions (payload["action"]) the page answers itself
IN_PAGE: dict[str, frozenset[str]] = {
    "backprop": frozenset({"start", "starter"}),
}


def in_page(name: str, payload: dict) -> bool:
    """Whether the page answers this request itself (see :data:`IN_PAGE`)."""
    return payload.get("action") in IN_PAGE.get(name, ())


def packages(name: str) -> list[str]:
    """The packages lab ``name`` needs (KeyError for an unknown lab)."""
    return list(LABS[name][1])


def run(name: str, payload: dict) -> dict:
    """Lab ``name``'s answer to ``payload``."""
    if name not in LABS:
        raise LookupError(f"there is no lab {name!r}")
    return importlib.import_module(LABS[name][0]).handle(payload)
