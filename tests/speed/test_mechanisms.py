"""The speed mechanisms, checked without timing anything (timings: `python3 py/make.py bench`).

- A slider never triggers a full matplotlib re-render: LiveFigure blits the animated
  artists over a cached background, once per animation frame, whatever the input rate.
- matplotlib's font list ships in the course's zip and is what the browser's matplotlib
  loads, so it never scans its fonts at import.
- numpy's and matplotlib's bytecode ships in py/pycache.zip, in the form the browser's
  Python 3.12 loads without compiling or checking sources.
"""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PY = ROOT / "py"
MPLCONFIG = PY / "mvcalc" / "web" / "mplconfig"


# --- a stand-in browser, just enough for LiveFigure -------------------------------------

class Node:
    """A DOM node that accepts any attribute and any call."""

    def __init__(self, tag="div", **attrs):
        self.tagName = tag.upper()
        self.style = types.SimpleNamespace()
        self.dataset = types.SimpleNamespace(**attrs.pop("dataset", {}))
        self.id = attrs.pop("id", "")
        self.value = attrs.pop("value", "")
        self.clientWidth = 640
        self.controls: list = []
        self.listeners: dict = {}
        self.__dict__.update(attrs)

    def querySelector(self, selector):
        return None

    def querySelectorAll(self, selector):
        return list(self.controls) if "data-param" in selector else []

    def appendChild(self, child):
        return child

    def setAttribute(self, name, value):
        setattr(self, name.replace("-", "_"), value)

    def addEventListener(self, event, handler):
        self.listeners.setdefault(event, []).append(handler)


class Browser:
    def __init__(self):
        self.frames: list = []
        self.puts = 0
        self.marks: list[str] = []
        browser = self

        class Window:
            devicePixelRatio = 1

            @staticmethod
            def requestAnimationFrame(callback):
                browser.frames.append(callback)

        class Bridge:
            @staticmethod
            def putRGBA(canvas, buffer, width, height):
                browser.puts += 1

        class Performance:
            @staticmethod
            def mark(name):
                browser.marks.append(name)

            @staticmethod
            def now():
                return 0.0

        self.window = Window()
        self.window.mvcalcBridge = Bridge()
        self.window.performance = Performance()
        self.document = types.SimpleNamespace(createElement=lambda tag: Node(tag), getElementById=lambda _id: None)

    def run_frames(self):
        frames, self.frames = self.frames, []
        for callback in frames:
            callback(0.0)


@pytest.fixture
def browser(monkeypatch):
    fake = Browser()
    js = types.ModuleType("js")
    js.window, js.document, js.console, js.performance = fake.window, fake.document, None, fake.window.performance
    ffi = types.ModuleType("pyodide.ffi")

    def create_proxy(function):
        function.destroy = lambda: None
        return function
    ffi.create_proxy = create_proxy
    ffi.to_js = lambda value, **_: value
    pyodide = types.ModuleType("pyodide")
    pyodide.ffi = ffi
    for name, module in {"js": js, "pyodide": pyodide, "pyodide.ffi": ffi}.items():
        monkeypatch.setitem(sys.modules, name, module)
    for name in [n for n in sys.modules if n.startswith("mvcalc.web")]:
        monkeypatch.delitem(sys.modules, name)
    yield fake
    for name in [n for n in sys.modules if n.startswith("mvcalc.web")]:
        del sys.modules[name]


def test_dragging_a_slider_blits_and_never_re_renders(browser, monkeypatch):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    live_figure = importlib.import_module("mvcalc.web.live_figure")
    from mvcalc.figures.secant import SecantScene

    draws = []
    real_draw = FigureCanvasAgg.draw
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda self, *a, **k: (draws.append(1), real_draw(self, *a, **k))[1])
    slider = Node("input", id="secant-h", value="1", dataset={"param": "h"})
    host = Node("figure", id="fig-secant")
    host.controls = [slider]
    figure = live_figure.LiveFigure(host, SecantScene())
    assert (len(draws), figure.full_draws, figure.blit_draws, browser.puts) == (1, 1, 0, 1)
    assert browser.marks.count("mvcalc:first-plot") == 1

    (on_input,) = slider.listeners["input"]
    for move in range(30):
        for _ in range(3):                       # several input events within one frame
            slider.value = str(0.05 + move / 20)
            on_input(types.SimpleNamespace(target=slider))
        browser.run_frames()
    assert len(draws) == 1, "a slider move re-rendered the whole figure"
    assert figure.full_draws == 1 and figure.blit_draws == 30, "one blit per frame, not per input event"
    assert browser.puts == 31
    assert abs(figure.scene.params["h"] - (0.05 + 29 / 20)) < 1e-12
    assert browser.marks.count("mvcalc:first-plot") == 1, "the first-plot mark is set once"


# --- matplotlib's font list ------------------------------------------------------------

def font_list_file() -> Path:
    files = sorted(MPLCONFIG.glob("fontlist-v*.json"))
    assert len(files) == 1, "py/mvcalc/web/mplconfig/ holds one font list (py/sitebuild/fontcache.py)"
    return files[0]


def test_the_font_list_matches_this_matplotlib_and_is_portable():
    from matplotlib import font_manager
    data = json.loads(font_list_file().read_text())
    assert font_list_file().name == f"fontlist-v{font_manager.FontManager.__version__}.json"
    assert data["_version"] == font_manager.FontManager.__version__
    names = {entry["fname"] for entry in data["ttflist"] + data["afmlist"]}
    assert "fonts/ttf/DejaVuSans.ttf" in names and len(data["ttflist"]) >= 38
    assert all(not os.path.isabs(name) for name in names), "paths relative to matplotlib's data folder"


def test_the_font_list_is_up_to_date_with_the_vendored_wheel():
    sys.path.insert(0, str(PY))
    try:
        from sitebuild import fontcache
        try:
            wheel = fontcache.wheel_path()
        except FileNotFoundError:
            pytest.skip("the runtime is not vendored yet")
        name, text = fontcache.font_list(wheel)
    finally:
        sys.path.remove(str(PY))
    assert name == font_list_file().name
    assert json.loads(text) == json.loads(font_list_file().read_text()), \
        "run `.venv/bin/python py/sitebuild/fontcache.py`"


USES_FONT_LIST = r"""
import sys, types
js = types.ModuleType("js"); js.document = js.window = js.console = None
js.performance = types.SimpleNamespace(mark=lambda name: None)
ffi = types.ModuleType("pyodide.ffi"); ffi.create_proxy = ffi.to_js = lambda *a, **k: None
pyodide = types.ModuleType("pyodide"); pyodide.ffi = ffi
sys.modules.update({"js": js, "pyodide": pyodide, "pyodide.ffi": ffi})
sys.platform = "emscripten"          # what boot checks before pointing MPLCONFIGDIR at the list
import mvcalc.web.boot as boot
boot._import_plotting()
import matplotlib, matplotlib.font_manager as fm
print(matplotlib.get_cachedir())
print(len(fm.fontManager.ttflist))
"""


def test_the_browser_boot_loads_the_shipped_font_list(tmp_path):
    """boot.py (as in Pyodide) points matplotlib at the shipped list, which is read, not rebuilt."""
    with zipfile.ZipFile(ROOT / "dist/py/mvcalc.zip") if (ROOT / "dist/py/mvcalc.zip").is_file() else \
            _zip_of_sources(tmp_path) as archive:
        assert f"mvcalc/web/mplconfig/{font_list_file().name}" in archive.namelist(), "the zip carries the list"
        archive.extractall(tmp_path / "unpacked")
    shipped = tmp_path / "unpacked/mvcalc/web/mplconfig" / font_list_file().name
    before = shipped.read_bytes()
    env = {k: v for k, v in os.environ.items() if k != "MPLCONFIGDIR"}
    result = subprocess.run([sys.executable, "-c", USES_FONT_LIST], cwd=tmp_path / "unpacked", env=env,
                            capture_output=True, text=True, check=True)
    cachedir, count = result.stdout.split()
    assert Path(cachedir) == shipped.parent
    assert int(count) == len(json.loads(before)["ttflist"]), "matplotlib read the shipped list, no scan"
    assert shipped.read_bytes() == before, "and did not rewrite it"


def _zip_of_sources(tmp_path):
    sys.path.insert(0, str(PY))
    try:
        from sitebuild.assemble import package_zip
    finally:
        sys.path.remove(str(PY))
    package_zip(tmp_path / "mvcalc.zip")
    return zipfile.ZipFile(tmp_path / "mvcalc.zip")


# --- bytecode made ahead of time ----------------------------------------------------------

def test_pycache_zip_holds_unchecked_312_bytecode_for_the_first_plot():
    path = ROOT / "dist/py/pycache.zip"
    if not path.is_file():
        pytest.skip("dist/ is not built")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if not names:
            pytest.skip("built without a CPython 3.12: the pages compile at import (slower, still correct)")
        for module in ("numpy/__pycache__/__init__.cpython-312.pyc",
                       "matplotlib/__pycache__/figure.cpython-312.pyc",
                       "matplotlib/backends/__pycache__/backend_agg.cpython-312.pyc",
                       "matplotlib/axes/__pycache__/_axes.cpython-312.pyc"):
            assert module in names
            header = archive.read(module)[:8]
            assert int.from_bytes(header[:2], "little") == 3531, "Python 3.12's bytecode"
            assert int.from_bytes(header[4:8], "little") == 0b01, "hash-based, unchecked: no source stat"
        assert not any("/tests/" in n or n.startswith("fontTools/") for n in names), "only what start-up imports"
    config = (ROOT / "pyscript.toml").read_text()
    assert '"py/pycache.zip" = "./pycache.zip"' in config


def test_precompiled_imports_from_the_zip_with_the_modules_own_file(tmp_path, monkeypatch):
    """The import hook serves a module's code from the zip, keeping its spec and __file__;
    a module the zip lacks, or bytecode of another Python, is compiled from source as usual."""
    import py_compile
    from mvcalc.web import precompiled

    site = tmp_path / "site-packages"
    (site / "speedpkg").mkdir(parents=True)
    (site / "speedpkg/__init__.py").write_text("WHERE = 'source'\n")
    (site / "speedpkg/fresh.py").write_text("WHERE = 'source'\n")
    (site / "speedpkg/other.py").write_text("WHERE = 'source'\n")
    compiled = tmp_path / "compiled.py"
    compiled.write_text("WHERE = 'zip'\n")       # tells the two apart
    tag = sys.implementation.cache_tag
    with zipfile.ZipFile(tmp_path / "pycache.zip", "w") as archive:
        for member in (f"speedpkg/__pycache__/__init__.{tag}.pyc", f"speedpkg/__pycache__/fresh.{tag}.pyc"):
            py_compile.compile(str(compiled), cfile=str(tmp_path / "x.pyc"),
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
            archive.write(tmp_path / "x.pyc", member)
        archive.writestr(f"speedpkg/__pycache__/other.{tag}.pyc", b"\0\0\0\0" + bytes(12) + b"junk")
    monkeypatch.setattr(precompiled, "_index", {})
    monkeypatch.setattr(precompiled, "loaded", [])
    monkeypatch.setattr(precompiled, "_archive", None)
    monkeypatch.syspath_prepend(str(site))
    try:
        assert precompiled.install(str(tmp_path / "pycache.zip"), prefix=str(site) + "/") == 3
        import speedpkg
        import speedpkg.fresh
        import speedpkg.other
        assert (speedpkg.WHERE, speedpkg.fresh.WHERE, speedpkg.other.WHERE) == ("zip", "zip", "source")
        assert speedpkg.fresh.__file__ == str(site / "speedpkg/fresh.py")
        assert precompiled.loaded == ["speedpkg", "speedpkg.fresh"]
        assert precompiled.install(str(tmp_path / "missing.zip")) == 0
    finally:
        sys.meta_path[:] = [f for f in sys.meta_path if f is not precompiled._Finder]
        for name in [n for n in sys.modules if n.startswith("speedpkg")]:
            del sys.modules[name]
