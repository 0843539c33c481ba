"""Inlining follows mvcalc imports with ast, in dependency order, and refuses what would break."""
from __future__ import annotations

import pytest

from mvcalc.export import inline as inline_module
from mvcalc.export.inline import ExportError, inline, resolve
from mvcalc.export.page import Control, read_controls, states

import ast


def test_dependencies_come_first_and_our_imports_are_gone():
    modules = inline(["mvcalc.figures.secant"])
    names = [m.name for m in modules]
    assert names.index("mvcalc.figures.scene") < names.index("mvcalc.figures.secant")
    assert names.index("mvcalc.figures.style") < names.index("mvcalc.figures.secant")
    secant = modules[-1]
    assert "from .scene" not in secant.body and "import numpy as np" in secant.imports
    assert "class SecantScene(Scene)" in secant.body


def test_relative_imports_resolve_against_the_package():
    node = ast.parse("from ..figures.scene import Scene").body[0]
    assert resolve("mvcalc.web.live_figure", node) == "mvcalc.figures.scene"
    node = ast.parse("from .scene import Scene").body[0]
    assert resolve("mvcalc.figures.secant", node) == "mvcalc.figures.scene"


def _fake_package(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        path = tmp_path / "mvcalc" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_clashing_names_and_module_imports_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(inline_module, "PACKAGE_ROOT", tmp_path)
    _fake_package(tmp_path, {"__init__.py": "", "a.py": "def f(x):\n    return x\n",
                             "b.py": "def f(x):\n    return 2 * x\n",
                             "c.py": "from .a import f as fa\nfrom .b import f\n",
                             "d.py": "from . import a\n",
                             "e.py": "from .a import f as g\n\ndef h():\n    from .a import f\n    return f\n"})
    with pytest.raises(ExportError, match="`f` is defined by both"):
        inline(["mvcalc.c"])
    with pytest.raises(ExportError, match="imports a module"):
        inline(["mvcalc.d"])
    body = inline(["mvcalc.e"])[-1].body
    assert "g = f" in body and "pass" in body     # alias kept, nested import neutralised
    namespace = {}
    exec("\n".join(m.body for m in inline(["mvcalc.e"])), namespace)
    assert namespace["g"](3) == 3 and namespace["h"]()(4) == 4


def test_controls_and_the_settings_drawn():
    html = """<figure class="live-figure" id="fig-a"><input type="range" data-param="h" min="0.1" max="2" value="1">
      <select data-param="fn"><option value="sin">sin</option><option value="exp" selected>e^x</option></select>
      <figure><figcaption>inner</figcaption></figure></figure>
      <input type="range" data-param="outside" min="0" max="1" value="0">"""
    controls = read_controls(html)
    assert [c.param for c in controls["fig-a"]] == ["h", "fn"]
    assert states(controls["fig-a"]) == [{"h": 1.0, "fn": "exp"}, {"h": 0.1, "fn": "sin"}, {"h": 2.0, "fn": "exp"}]
    assert states([]) == [{}]
    assert states([Control("a", "range", 0, 1, 0)]) == [{"a": 0}, {"a": 1}]
