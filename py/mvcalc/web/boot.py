"""The one entry point the loader runs on every module page: ``await start(slug)``."""
from __future__ import annotations

import contextlib
import importlib
import importlib.util
import inspect
import io
import os
import sys
import traceback

import js


FONT_LIST = os.path.join(os.path.dirname(__file__), "matplotlib-fontlist.json")


def install_font_list(source: str = FONT_LIST) -> bool:
    """Put the build's matplotlib font list (sitebuild/bytecode.py) where Pyodide's matplotlib
    reads it: ``fontlist.json`` beside its font_manager.py (a Pyodide patch; MPLCONFIGDIR is not
    read, and the wheel's own list is stale), so matplotlib never scans its fonts on a visit.
    Finds matplotlib without importing it. False when the build shipped no list."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations or not os.path.isfile(source):
        return False
    with open(source, "rb") as handle:
        data = handle.read()
    with open(os.path.join(spec.submodule_search_locations[0], "fontlist.json"), "wb") as handle:
        handle.write(data)
    return True


def _import_plotting() -> None:
    """Import matplotlib quietly: its first import may print a font-cache notice to
    stderr, which must never reach the learner."""
    if sys.platform == "emscripten":
        # made by the build (sitebuild/bytecode.py): numpy's and matplotlib's bytecode and
        # matplotlib's font list, so neither is made on every visit
        from . import precompiled
        precompiled.install("pycache.zip")
        install_font_list()
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        import matplotlib
        matplotlib.use("agg")
        from matplotlib.backends import backend_agg  # noqa: F401
        from ..figures.style import apply_style
        apply_style(matplotlib)
    if sys.platform == "emscripten":   # for the benchmark and tests: modules imported from the zip
        js.performance.mark(f"mvcalc:precompiled-modules:{len(precompiled.loaded)}")
        if "font cache" in stderr.getvalue():   # matplotlib scanned its fonts: the list was missing
            js.performance.mark("mvcalc:font-scan")


async def start(slug: str) -> None:
    js.performance.mark("mvcalc:python-start")  # the interpreter runs the page's code
    loader = js.window.mvcalcLoader
    try:
        loader.stage("Importing numpy and matplotlib…", 88)
        _import_plotting()
        loader.stage("Drawing the figures…", 95)
        page = importlib.import_module(f"mvcalc.web.pages.{slug.replace('-', '_')}")
        result = page.main()
        if inspect.isawaitable(result):
            await result
        from .exercises import mount_all
        mount_all()     # each set shows its question as soon as the bank file is in (prefetched)
    except Exception as error:  # the page says so plainly; the console keeps the details
        js.console.error(traceback.format_exc())
        loader.fail(f"the page's Python code stopped with an error ({type(error).__name__})")
        return
    loader.ready()
