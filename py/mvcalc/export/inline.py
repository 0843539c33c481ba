"""Inline mvcalc modules into one flat script: follow their imports with ``ast``.

``inline(["mvcalc.figures.secant"])`` returns the modules those names need, in
dependency order, each with its mvcalc imports removed (their names are defined
above it), and the third-party imports they share, hoisted and deduplicated.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]      # py/, which holds mvcalc/
TOP = "mvcalc"


class ExportError(Exception):
    """A page's code cannot be made into a standalone script; the message says why."""


@dataclass
class Module:
    name: str
    path: Path
    doc: str                        # first line of the module's docstring
    body: str                       # the source without docstring, mvcalc imports or hoisted imports
    imports: list[str] = field(default_factory=list)      # hoisted third-party imports, as source lines
    defines: set[str] = field(default_factory=set)


def module_path(name: str) -> Path:
    base = PACKAGE_ROOT.joinpath(*name.split("."))
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    raise ExportError(f"no module {name} under {PACKAGE_ROOT}")


def is_package(name: str) -> bool:
    return module_path(name).name == "__init__.py"


def resolve(current: str, node: ast.ImportFrom) -> str:
    """The absolute module name an ``ImportFrom`` in module ``current`` refers to."""
    if node.level == 0:
        return node.module or ""
    package = current if is_package(current) else current.rpartition(".")[0]
    parts = package.split(".")
    if node.level > 1:
        parts = parts[: len(parts) - (node.level - 1)]
    return ".".join(parts + ([node.module] if node.module else []))


def is_ours(name: str) -> bool:
    return name == TOP or name.startswith(TOP + ".")


def top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names


def our_imports(current: str, tree: ast.Module):
    """Every ``from mvcalc... import`` in the module (at any depth), resolved: (node, module)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(is_ours(a.name) for a in node.names):
            raise ExportError(f"{current}: `import {node.names[0].name}` cannot be inlined; "
                              f"use `from ... import name`")
        if isinstance(node, ast.ImportFrom):
            target = resolve(current, node)
            if is_ours(target):
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    if alias.name != "*" and _exists(sub):
                        raise ExportError(f"{current}: `from {target} import {alias.name}` imports a module; "
                                          f"import the names it needs instead, so it can be inlined")
                found.append((node, target))
    return found


def _exists(name: str) -> bool:
    try:
        module_path(name)
        return True
    except ExportError:
        return False


def load(name: str) -> tuple[Module, list[str]]:
    """One module, its mvcalc imports removed; and the mvcalc modules it depends on."""
    path = module_path(name)
    source = path.read_text()
    tree = ast.parse(source)
    lines = source.splitlines()
    drop: dict[int, str] = {}          # line index -> replacement ("" drops it)
    aliases: list[str] = []
    deps: list[str] = []

    def blank(node: ast.stmt, replacement: str = "") -> None:
        for index in range(node.lineno - 1, node.end_lineno):
            drop[index] = ""
        if replacement:
            drop[node.lineno - 1] = " " * node.col_offset + replacement

    for node, target in our_imports(name, tree):
        deps.append(target)
        nested = node not in tree.body
        blank(node, "pass" if nested else "")
        for alias in node.names:
            if alias.name == "*":
                raise ExportError(f"{name}: `from {target} import *` cannot be inlined")
            if alias.asname and alias.asname != alias.name:
                (aliases if not nested else []).append(f"{alias.asname} = {alias.name}")
    imports: list[str] = []
    doc = ""
    for index, node in enumerate(tree.body):
        if index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, str):
            doc = node.value.value.strip().splitlines()[0] if node.value.value.strip() else ""
            blank(node)
        elif isinstance(node, ast.ImportFrom) and node.module == "__future__":
            blank(node)
        elif isinstance(node, (ast.Import, ast.ImportFrom)) and node.lineno - 1 not in drop:
            imports.append(ast.unparse(node))
            blank(node)
    kept = [drop.get(i, line) for i, line in enumerate(lines)]
    body = "\n".join(kept + aliases).strip("\n")
    body = _squeeze_blank_lines(body)
    module = Module(name, path, doc, body, imports, top_level_names(tree) | {a.split(" = ")[0] for a in aliases})
    return module, deps


def _squeeze_blank_lines(text: str) -> str:
    out: list[str] = []
    for line in text.splitlines():
        if not line.strip() and len(out) >= 2 and not out[-1].strip() and not out[-2].strip():
            continue
        out.append(line.rstrip())
    return "\n".join(out)


def inline(names: list[str]) -> list[Module]:
    """The modules ``names`` need, dependencies first; name clashes between them are errors."""
    ordered: list[Module] = []
    state: dict[str, str] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            raise ExportError("circular import: " + " -> ".join(chain + (name,)))
        state[name] = "visiting"
        module, deps = load(name)
        for dep in deps:
            visit(dep, chain + (name,))
        state[name] = "done"
        ordered.append(module)

    for name in names:
        visit(name, ())
    seen: dict[str, str] = {}
    for module in ordered:
        for defined in module.defines:
            if defined.startswith("__"):
                continue
            if defined in seen and seen[defined] != module.name:
                raise ExportError(f"`{defined}` is defined by both {seen[defined]} and {module.name}: "
                                  f"inlined into one script they would clash; rename one of them")
            seen[defined] = module.name
    return ordered


def hoisted_imports(modules: list[Module], extra: list[str] = ()) -> list[str]:
    """Third-party imports of all the modules, once each: plain imports first."""
    unique = list(dict.fromkeys([*extra, *(line for m in modules for line in m.imports)]))
    return sorted(unique, key=lambda line: (not line.startswith("import "), line))
