"""What a page shows, read from its sources: the scenes its script mounts, the controls in its HTML.

The page script ``mvcalc.web.pages.<slug>`` calls ``mount("fig-id", SomeScene(...))``;
each call becomes one downloadable figure, built by the same expression, with the
page-level helpers and imports that expression uses. Nothing is declared twice.
"""
from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .inline import ExportError, is_ours, module_path, resolve

WEB = "mvcalc.web"
PAGES = "mvcalc.web.pages"


@dataclass
class Figure:
    id: str
    expression: str                 # source of the Scene expression, as the page writes it


@dataclass
class PageCode:
    module: str
    doc: str
    figures: list[Figure]
    helpers: list[str]              # page-level definitions the figures use, in page order
    imports: list[str]              # third-party imports they use
    modules: list[str]              # mvcalc modules they use (to inline)


def page_module(slug: str) -> str:
    return f"{PAGES}.{slug.replace('-', '_')}"


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _mount_calls(tree: ast.Module):
    """(call, enclosing function or None) for each ``mount(...)`` in the module."""
    found = []

    def walk(node, function):
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            if isinstance(child, ast.Call):
                callee = child.func
                name = callee.id if isinstance(callee, ast.Name) else getattr(callee, "attr", None)
                if name == "mount":
                    found.append((child, function))
            walk(child, inner)

    walk(tree, None)
    return found


def _local_assignments(function) -> dict[str, ast.expr]:
    local: dict[str, ast.expr] = {}
    if function is None:
        return local
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            local[node.targets[0].id] = node.value
    return local


def read_page(slug: str) -> PageCode:
    name = page_module(slug)
    source = module_path(name).read_text()
    tree = ast.parse(source)
    doc = (ast.get_docstring(tree) or "").strip().splitlines()
    bindings: dict[str, ast.stmt] = {}
    origin: dict[str, str] = {}          # imported name -> module it comes from
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bindings[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                for n in _names(target):
                    bindings[n] = node
        elif isinstance(node, ast.Import):
            for alias in node.names:
                bindings[alias.asname or alias.name.split(".")[0]] = node
                origin[alias.asname or alias.name.split(".")[0]] = alias.name
        elif isinstance(node, ast.ImportFrom):
            target = resolve(name, node)
            for alias in node.names:
                bindings[alias.asname or alias.name] = node
                origin[alias.asname or alias.name] = target

    figures: list[Figure] = []
    needed: list[str] = []
    for call, function in _mount_calls(tree):
        args = list(call.args) + [k.value for k in call.keywords]
        if len(args) < 2 or not (isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)):
            raise ExportError(f"{name}: mount() needs the figure's id as a string and a scene")
        scene = args[1]
        local = _local_assignments(function)
        seen_locals: set[str] = set()
        while isinstance(scene, ast.Name) and scene.id in local and scene.id not in seen_locals:
            seen_locals.add(scene.id)
            scene = local[scene.id]
        expression = ast.get_source_segment(source, scene)
        for free in sorted(_names(scene)):
            if free in local and free not in bindings:
                raise ExportError(f"{name}: the scene for {args[0].value!r} uses the local `{free}`; "
                                  f"pass the scene's expression to mount() or make `{free}` module-level")
            needed.append(free)
        figures.append(Figure(args[0].value, expression))

    helpers: list[ast.stmt] = []
    imports: list[str] = []
    modules: list[str] = []
    done: set[str] = set()
    stack = list(needed)
    while stack:
        free = stack.pop()
        if free in done:
            continue
        done.add(free)
        node = bindings.get(free)
        if node is None:
            if not hasattr(builtins, free) and free not in _lambda_params(tree):
                raise ExportError(f"{name}: a figure uses `{free}`, which the page does not define")
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = origin[free]
            if module == WEB or module.startswith(WEB + "."):
                raise ExportError(f"{name}: a figure uses `{free}` from {module}, the browser layer")
            if is_ours(module):
                modules.append(module)
            else:
                imports.append(ast.unparse(node))
            continue
        if node not in helpers:
            helpers.append(node)
            stack.extend(_names(node) - {free})
    helpers.sort(key=lambda n: n.lineno)
    return PageCode(name, doc[0] if doc else "", figures,
                    [ast.get_source_segment(source, n) for n in helpers],
                    list(dict.fromkeys(imports)), list(dict.fromkeys(modules)))


def _lambda_params(tree: ast.Module) -> set[str]:
    """Names bound inside the page's functions and lambdas (parameters, locals)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.comprehension):
            names.update(_names(node.target))
    return names


# --- the page's controls ----------------------------------------------------------------

@dataclass
class Control:
    param: str
    kind: str                                  # "range" or "select"
    low: float | None = None
    high: float | None = None
    start: float | str | None = None
    options: list[str] = field(default_factory=list)


class _Controls(HTMLParser):
    """Collects ``input[data-param]`` and ``select[data-param]`` per ``figure[id]``."""

    def __init__(self):
        super().__init__()
        self.figures: dict[str, list[Control]] = {}
        self.figure: str | None = None
        self.depth = 0
        self.select: Control | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure" and a.get("id"):
            self.figure, self.depth = a["id"], 0
            self.figures[self.figure] = []
        elif tag == "figure" and self.figure:
            self.depth += 1
        if not self.figure:
            return
        if tag == "input" and "data-param" in a:
            control = Control(a["data-param"], "range", _num(a.get("min")), _num(a.get("max")), _num(a.get("value")))
            self.figures[self.figure].append(control)
        elif tag == "select" and "data-param" in a:
            self.select = Control(a["data-param"], "select")
            self.figures[self.figure].append(self.select)
        elif tag == "option" and self.select is not None:
            value = a.get("value")
            self.select.options.append(value if value is not None else "")
            if "selected" in a or self.select.start is None:
                self.select.start = value

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "figure" and self.figure:
            if self.depth:
                self.depth -= 1
            else:
                self.figure = None


def _num(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def read_controls(html: str) -> dict[str, list[Control]]:
    parser = _Controls()
    parser.feed(html)
    return parser.figures


def states(controls: list[Control]) -> list[dict]:
    """A few parameter values to draw: where the page starts, then each end of the controls."""
    start = {c.param: _value(c.start) for c in controls if c.start is not None}
    low = {c.param: _value(c.options[0] if c.kind == "select" else c.low)
           for c in controls if (c.options if c.kind == "select" else c.low is not None)}
    high = {c.param: _value(c.options[-1] if c.kind == "select" else c.high)
            for c in controls if (c.options if c.kind == "select" else c.high is not None)}
    out: list[dict] = []
    for state in (start, {**start, **low}, {**start, **high}):
        if state not in out:
            out.append(state)
    return out


def _value(value):
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value
