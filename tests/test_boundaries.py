"""The architecture's boundaries, checked: pure logic stays pure, the first plot stays light."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "py" / "mvcalc"
BROWSER_MODULES = {"js", "pyscript", "pyodide"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_web_package_imports_the_browser():
    for path in PACKAGE.rglob("*.py"):
        if "web" in path.relative_to(PACKAGE).parts:
            continue
        leaked = imported_modules(path) & BROWSER_MODULES
        assert not leaked, f"{path.relative_to(PACKAGE)} imports {leaked}: only mvcalc/web may"


FIRST_PLOT_PATH = r"""
import sys, types, importlib, pathlib
# stand-ins for the browser's modules, so the page code can be imported in CPython
js = types.ModuleType("js"); js.document = js.window = js.console = None
ffi = types.ModuleType("pyodide.ffi"); ffi.create_proxy = ffi.to_js = lambda *a, **k: None
pyodide = types.ModuleType("pyodide"); pyodide.ffi = ffi
sys.modules.update({"js": js, "pyodide": pyodide, "pyodide.ffi": ffi})
import mvcalc.web.boot
mvcalc.web.boot._import_plotting()
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.py")):
    importlib.import_module("mvcalc.web.pages." + path.stem)
heavy = sorted(name for name in ("sympy", "scipy", "mpmath") if name in sys.modules)
print(",".join(heavy))
"""


def test_nothing_on_the_first_plot_path_imports_sympy_or_scipy():
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PLOT_PATH, str(PACKAGE / "web" / "pages")],
        capture_output=True, text=True, cwd=PACKAGE.parent, check=True)
    assert result.stdout.strip() == "", f"heavy imports on the first-plot path: {result.stdout}"
