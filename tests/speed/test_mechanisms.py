"""The speed mechanisms, checked without timing anything (timings: `python3 py/make.py bench`).

- A slider never triggers a full matplotlib re-render: LiveFigure blits the animated
  artists over a cached background, once per animation frame, whatever the input rate.
- matplotlib's font list, the standard library's start-up bytecode and numpy's and
  matplotlib's bytecode are made by the build (Pyodide itself, under Node) and shipped, in
  place of the sources they are made from, in the form the browser's Python 3.12 loads
  without scanning, compiling or checking sources.
"""
from __future__ import annotations

import importlib
import json
import marshal
import os
import sys
import types
import zipfile
from pathlib import Path

from sitebuild import bytecode
from sitebuild.paths import DIST, RUNTIME

ROOT = Path(__file__).resolve().parents[2]
PY = ROOT / "py"


def test_dragging_a_slider_blits_and_never_re_renders(standin, monkeypatch):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    standin.open('<figure id="fig-secant"><input type="range" id="secant-h" value="1" data-param="h"></figure>')
    live_figure = importlib.import_module("mvcalc.web.live_figure")
    from mvcalc.figures.secant import SecantScene

    draws = []
    real_draw = FigureCanvasAgg.draw
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda self, *a, **k: (draws.append(1), real_draw(self, *a, **k))[1])
    slider = standin.document.getElementById("secant-h")
    figure = live_figure.mount("fig-secant", SecantScene())
    assert (len(draws), figure.full_draws, figure.blit_draws, standin.puts) == (1, 1, 0, 1)
    assert standin.marks.count("mvcalc:first-plot") == 1

    (on_input,) = slider.listeners["input"]
    for move in range(30):
        for _ in range(3):                       # several input events within one frame
            slider.value = str(0.05 + move / 20)
            on_input(types.SimpleNamespace(target=slider))
        standin.run_frames(rounds=1)
    assert len(draws) == 1, "a slider move re-rendered the whole figure"
    assert figure.full_draws == 1 and figure.blit_draws == 30, "one blit per frame, not per input event"
    assert standin.puts == 31
    assert abs(figure.scene.params["h"] - (0.05 + 29 / 20)) < 1e-12
    assert standin.marks.count("mvcalc:first-plot") == 1, "the first-plot mark is set once"


# --- what the build makes by running Pyodide under Node (sitebuild/bytecode.py) --------------

def built(path: str) -> Path:
    target = DIST / path
    assert target.is_file(), f"{path} is missing: run `python3 py/make.py build`"
    return target


def pyc_header(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[:2], "little"), int.from_bytes(data[4:8], "little")


def wheel(prefix: str) -> Path:
    found = sorted((DIST / "site/vendor/pyodide").glob(prefix + "-*.whl"))
    assert found, f"no {prefix} wheel in site/vendor/pyodide: run `python3 py/make.py build`"
    return found[0]


def test_the_build_ships_matplotlibs_font_list_for_this_matplotlib():
    """Made by the browser's own matplotlib (Pyodide under Node), shipped in matplotlib's wheel
    where Pyodide's matplotlib reads it, never committed: it would otherwise scan its fonts on
    every visit (the wheel's own list is stale)."""
    from matplotlib import font_manager
    assert not list((PY / "mvcalc").rglob("fontlist*.json")), "the font list is made by the build, not committed"
    with zipfile.ZipFile(wheel("matplotlib")) as archive:
        data = json.loads(archive.read("matplotlib/fontlist.json"))
        fonts = {n[len("matplotlib/mpl-data/"):] for n in archive.namelist()
                 if n.startswith("matplotlib/mpl-data/fonts/") and n.endswith((".ttf", ".afm"))}
    assert data["_version"] == font_manager.FontManager.__version__ == 330, "matplotlib 3.8.4's list"
    names = {entry["fname"] for entry in data["ttflist"] + data["afmlist"]}
    assert "fonts/ttf/DejaVuSans.ttf" in names
    assert names == fonts, "exactly the fonts the wheel ships"
    assert all(not os.path.isabs(name) for name in names), "paths relative to matplotlib's data folder"


def test_the_standard_library_ships_with_bytecode_for_the_start_up_imports():
    """The modules Pyodide's own start-up and PyScript import come compiled (3.12, unchecked
    hash) IN PLACE of their source (zipimport imports ``<name>.pyc`` when there is no
    ``<name>.py``): one copy of each; every other module keeps its source."""
    with zipfile.ZipFile(built("site/vendor/pyodide/python_stdlib.zip")) as archive, \
            zipfile.ZipFile(RUNTIME / "pyodide/python_stdlib.zip") as vendored:
        names = set(archive.namelist())
        assert {n[:-1] if n.endswith(".pyc") else n for n in names} == set(vendored.namelist()), \
            "every member of Pyodide's own zip, as source or as bytecode"
        for module in ("typing", "inspect", "asyncio/base_events", "_pyodide/_base", "pyodide/webloop",
                       "email/message", "json/decoder", "tarfile", "zipfile/__init__"):
            data = archive.read(f"{module}.pyc")
            assert f"{module}.py" not in names, f"{module}: one copy"
            assert pyc_header(data) == (3531, 0b01), f"{module}: Python 3.12 bytecode, unchecked hash"
            code = marshal.loads(data[16:]) if sys.version_info[:2] == (3, 12) else None
            if code is not None:
                assert code.co_filename == f"/lib/python312.zip/{module}.py"
        compiled = {n for n in names if n.endswith(".pyc")}
        assert 100 <= len(compiled) <= 300, "the start-up imports only, not the whole library"
        assert not any(n.startswith(("unittest/", "pydoc", "idlelib/")) for n in compiled)


def test_the_packages_bytecode_covers_the_first_plot():
    """numpy's and matplotlib's imported modules are shipped in their wheels as bytecode in
    place of their source (Python's sourceless loader imports ``<module>.pyc``); modules no page
    imports keep their source; nothing else carries them (no py/pycache.zip)."""
    for prefix, modules in (("numpy", ("numpy/__init__",)),
                            ("matplotlib", ("matplotlib/figure", "matplotlib/backends/backend_agg",
                                            "matplotlib/axes/_axes", "matplotlib/contour"))):
        with zipfile.ZipFile(wheel(prefix)) as archive:
            names = set(archive.namelist())
            for module in modules:
                assert module + ".pyc" in names and module + ".py" not in names, module
                assert pyc_header(archive.read(module + ".pyc")) == (3531, 0b01), "3.12, hash-based, unchecked"
            assert not any("/tests/" in n and n.endswith(".pyc") for n in names)
    assert "numpy/random/_pickle.py" in zipfile.ZipFile(wheel("numpy")).namelist(), "not imported: source"
    for prefix in ("fonttools", "scipy"):
        assert not any(n.endswith(".pyc") for n in zipfile.ZipFile(wheel(prefix)).namelist()), prefix
    assert not (DIST / "py/pycache.zip").exists()
    assert "pycache" not in (ROOT / "pyscript.toml").read_text()


def test_pyscripts_own_modules_ship_with_bytecode_checked_against_their_source():
    """PyScript writes its Python package into the working directory (/home/pyodide) where
    py/mvcalc.zip is unpacked too; the bytecode beside it is used only if the source matches."""
    with zipfile.ZipFile(built("py/mvcalc.zip")) as archive:
        names = set(archive.namelist())
        for module in ("__init__", "magic_js", "display", "util"):
            data = archive.read(f"pyscript/__pycache__/{module}.cpython-312.pyc")
            assert pyc_header(data) == (3531, 0b11), "3.12, hash-based, checked against the source"
    assert set(bytecode.pyscript_sources()) >= {"pyscript/__init__.py", "pyscript/magic_js.py"}


def test_the_course_imports_are_found_for_the_build():
    names = bytecode.course_imports()
    assert {"numpy", "matplotlib.figure", "json", "asyncio", "dataclasses"} <= set(names)
    assert not any(n.split(".")[0] in ("mvcalc", "js", "pyodide") for n in names)
    assert names == sorted(names), "sorted: part of the cache key"
