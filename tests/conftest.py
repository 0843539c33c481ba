"""Shared test setup: py/ is importable (see pyproject.toml); the stand-in browser fixture for the
CPython page tests (tests/figures, tests/speed)."""
from __future__ import annotations

import sys

import pytest


@pytest.fixture
def standin(monkeypatch):
    """The stand-in browser (py/sitebuild/standin.py) as ``js`` and ``pyodide`` for one test, with
    ``mvcalc.web`` imported afresh: its modules bind ``js`` when imported and keep page state (the
    first-plot mark). Everything is put back after the test. ``standin.open(html)`` makes the page."""
    from sitebuild.standin import StandIn, browser_modules
    browser = StandIn()
    for name, module in browser_modules(browser).items():
        monkeypatch.setitem(sys.modules, name, module)
    for name in [n for n in sys.modules if n.startswith("mvcalc.web")]:
        monkeypatch.delitem(sys.modules, name)
    yield browser
    for name in [n for n in sys.modules if n.startswith("mvcalc.web")]:
        del sys.modules[name]
