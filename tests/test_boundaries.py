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
import sys, importlib, pathlib
from sitebuild.standin import install
install()      # the stand-in browser's modules, so the page code can be imported in CPython
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


# --- layers: no module of mvcalc imports, even lazily, a module that imports it back ----------

def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of ``package`` -> the modules of the package it imports anywhere in its source
    (at the top or inside a function: a lazy import still ties the two). ``from p import name``
    counts as importing ``p.name`` when that is a module, else ``p``."""
    paths = {module_name(path, package): path for path in package.rglob("*.py")}
    root = package.name
    graph = {}
    for name, path in paths.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join(parent + ([node.module] if node.module else []))
                targets.update(f"{base}.{a.name}" if f"{base}.{a.name}" in paths else base for a in node.names)
        for target in targets:
            while target and target not in paths:
                target = target.rpartition(".")[0]
            if target and target != name and target.split(".")[0] == root:
                graph.setdefault(name, set()).add(target)
        graph.setdefault(name, set())
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle, as a path that ends where it starts (one per strongly connected group)."""
    found, done = [], set()
    for start in sorted(graph):
        stack, path, on_path = [(start, iter(sorted(graph[start])))], [start], {start}
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
            elif child in on_path:
                circle = path[path.index(child):] + [child]
                if not any(set(circle) <= set(c) for c in found):
                    found.append(circle)
            elif child not in done:
                stack.append((child, iter(sorted(graph[child]))))
                path.append(child)
                on_path.add(child)
    return found


def test_the_circle_finder_finds_a_lazy_circle(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "low.py").write_text("from pkg.sub import high\n")
    (package / "sub" / "high.py").write_text("def f():\n    from .. import low\n")
    (package / "apart.py").write_text("import pkg.low\n")
    assert circles(import_graph(package)) == [["pkg.low", "pkg.sub.high", "pkg.low"]]


def test_no_import_circle_inside_mvcalc():
    """Each layer imports only the layers below it: no module imports, at the top or lazily, one
    that imports it back (checking/expression.py and checking/matrix.py once did; so did the
    questions' model, marking and code runner)."""
    assert circles(import_graph()) == []


# --- a page is its content: page scripts stay short, the lab toolkit (mvcalc/web/lab_kit.py) holds the rest

PAGE_SCRIPT_LINES = 100      # no page script over this
SHORT_PAGE_SCRIPT = 60       # and most of them under this


def page_scripts() -> dict[str, int]:
    """Every page script (``mvcalc/web/pages/*.py``: one per module page, and the extra pages'
    with Python, such as the worksheets) -> its lines."""
    return {path.name: path.read_text(encoding="utf-8").count("\n")
            for path in sorted((PACKAGE / "web" / "pages").glob("*.py")) if path.name != "__init__.py"}


def test_every_page_has_its_script():
    from mvcalc.course import MODULES
    scripts = page_scripts()
    assert {f"{module.slug.replace('-', '_')}.py" for module in MODULES} | {"worksheets.py"} <= set(scripts)


def test_no_page_script_is_over_100_lines_and_most_are_under_60():
    """Each page's script holds only what is its own: its figures, its words, the order of things.
    A code lab's page side is a module of its own (mvcalc/web/labs), what two pages could share
    belongs in mvcalc/web (lab_kit, live_figure, ...), pure logic below it."""
    scripts = page_scripts()
    too_long = {name: lines for name, lines in scripts.items() if lines > PAGE_SCRIPT_LINES}
    assert not too_long, f"page scripts over {PAGE_SCRIPT_LINES} lines: {too_long}"
    short = [name for name, lines in scripts.items() if lines < SHORT_PAGE_SCRIPT]
    assert 2 * len(short) > len(scripts), f"most page scripts under {SHORT_PAGE_SCRIPT} lines, not {scripts}"
