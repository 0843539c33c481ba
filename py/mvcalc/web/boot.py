"""The one entry point the loader runs on every module page: ``await start(slug)``."""
from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import sys
import traceback

import js


def _import_plotting() -> None:
    """Import matplotlib quietly: its first import may print a font-cache notice to
    stderr, which must never reach the learner."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        import matplotlib
        matplotlib.use("agg")
        from matplotlib.backends import backend_agg  # noqa: F401
        from ..figures.style import apply_style
        apply_style(matplotlib)
    if sys.platform == "emscripten":   # for the benchmark and tests: modules imported as bytecode
        # (the build ships it in place of their sources: sitebuild/transform.py)
        compiled = sum(1 for m in list(sys.modules.values())
                       if str(getattr(getattr(m, "__spec__", None), "origin", "")).endswith(".pyc"))
        js.performance.mark(f"mvcalc:precompiled-modules:{compiled}")
        if "font cache" in stderr.getvalue():   # matplotlib scanned its fonts: the list was missing
            js.performance.mark("mvcalc:font-scan")


async def start(slug: str) -> None:
    js.performance.mark("mvcalc:python-start")  # the interpreter runs the page's code
    loader = js.window.mvcalcLoader
    try:
        loader.stage("Importing numpy and matplotlib…", 88)
        _import_plotting()
        loader.stage("Drawing the figures…", 95)
        from .exercises import first_questions, mount_all
        await first_questions(mount_all(), within=1.0)   # questions first, then the figures
        page = importlib.import_module(f"mvcalc.web.pages.{slug.replace('-', '_')}")
        result = page.main()
        if inspect.isawaitable(result):
            await result
    except Exception as error:  # the page says so plainly; the console keeps the details
        js.console.error(traceback.format_exc())
        loader.fail(f"the page's Python code stopped with an error ({type(error).__name__})")
        return
    loader.ready()
