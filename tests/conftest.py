"""Shared test setup: py/ is importable (see pyproject.toml); which tests are slow; the lanes'
groups and order (py/make.py test runs two); questions made when their test runs; the stand-in
browser fixture for the CPython page tests (tests/figures, tests/speed).

Slow tests (``-m "not slow"`` leaves them out: the fast subset, under a minute): every test in
``SLOW_FILES`` (a file, or a folder ending in "/"), every browser test (tests/browser, which are
also marked ``browser``), every test marked ``node`` (Pyodide under Node), and single tests marked
``@pytest.mark.slow`` where they are. The fast subset does not even import the slow files: some
generate their questions when collected.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SLOW_FILES = (
    "browser/",                                   # real pages in Chromium and Firefox
    "assets/test_progress_js.py",                 # node
    "export/test_downloads.py",                   # runs every download as a script and a notebook
    "figures/test_m1_scenes.py", "figures/test_m2_scenes.py", "figures/test_m3_scenes.py",
    "figures/test_m4_scenes.py", "figures/test_m5_scenes.py", "figures/test_m6_scenes.py",
    "questions/test_bank.py", "questions/test_code_hostile.py", "questions/test_code_runner_pyodide.py",
    "questions/test_figures.py", "questions/test_katex.py", "questions/test_m1_keys.py",
    "questions/test_m2_keys.py", "questions/test_m3_keys.py", "questions/test_m4_keys.py",
    "questions/test_m5_keys.py", "questions/test_m6_keys.py", "questions/test_precision.py",
    "questions/test_printing.py", "questions/test_sweep.py", "questions/test_typography.py",
    "questions/test_visual_census.py", "questions/test_visual_keys.py",   # sweeps over generated questions
    "sitebuild/test_assemble.py", "sitebuild/test_bytecode.py", "sitebuild/test_frames.py",
    "sitebuild/test_offline.py", "sitebuild/test_transform.py",            # builds, Pyodide under Node
    "speed/test_first_plot_path.py",              # every page's script in a fresh interpreter
)


@lru_cache(maxsize=None)
def _relative(path) -> str:
    try:
        return Path(path).resolve().relative_to(TESTS).as_posix()
    except ValueError:
        return ""


def is_slow_file(path) -> bool:
    relative = _relative(path)
    return any(relative == slow or (slow.endswith("/") and relative.startswith(slow)) for slow in SLOW_FILES)


def _left_out(path, config) -> bool:
    """Whether the ``-m`` expression leaves out every test of a slow file, whatever else it is marked
    (its tests are ``slow``, those in tests/browser ``browser`` too, and any may be ``node``)."""
    expression = config.getoption("markexpr")
    if not expression or not is_slow_file(path) or path.suffix != ".py":
        return False
    from _pytest.mark.expression import Expression      # the expression -m itself uses (pytest 9)
    compiled = Expression.compile(expression)
    marks = {"slow"} | ({"browser"} if _relative(path).startswith("browser/") else set())
    return not any(compiled.evaluate(lambda name, **_: name in names) for names in (marks, marks | {"node"}))


def pytest_ignore_collect(collection_path, config):
    return True if _left_out(collection_path, config) else None


def _lane_group(item) -> str:
    """Which xdist group (py/make.py test's lanes: ``--dist loadgroup``) runs this test: a module
    page's visit tests together (tests/browser/visit.py: one load of the page for all of them),
    else its file's tests together (its fixtures and caches are made once)."""
    from browser.visit import visit_kind, visit_slug
    if visit_kind(item) is not None:
        return f"visit-{visit_slug(item)}"
    return _relative(item.path)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if _relative(item.path).startswith("browser/"):
            item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.xdist_group(_lane_group(item)))
        if is_slow_file(item.path) or item.get_closest_marker("node") or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(trylast=True, specname="pytest_collection_modifyitems")     # after pytest's own reordering
def pytest_collection_modifyitems_run_order(items):      # a second implementation (specname)
    """The order py/make.py test's lanes take the tests in: the longest first, so that both lanes
    end together. The browser tests (each module page's visit tests first, one module after
    another, in tests/browser/visit.py's ``visit_order``), then the other slow files, then the
    rest (many small files, which even out the lanes' ends); within a file, its own order."""
    from browser.visit import visit_kind, visit_order

    def rank(pair) -> tuple:
        index, item = pair
        if visit_kind(item) is not None:
            return 0, visit_order(item), index
        if _relative(item.path).startswith("browser/"):
            return 1, (), index
        return (2 if is_slow_file(item.path) else 3), (), index
    items[:] = [item for _, item in sorted(enumerate(items), key=rank)]


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """A parameter made only when its test runs (tests/questions/every_question.py's ``Lazy``:
    a generated question) is made now, and the test gets the question itself."""
    lazy = getattr(sys.modules.get("every_question"), "Lazy", None)     # imported by the files that use it
    if lazy is None:
        return
    for name, value in pyfuncitem.funcargs.items():
        if isinstance(value, lazy):
            pyfuncitem.funcargs[name] = value.made_for_the_test()


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
