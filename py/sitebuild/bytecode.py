"""What a page would otherwise make for itself on every visit, made once by the build.

Pyodide's standard library and wheels hold Python sources only, and the browser's file
system starts empty on every visit, so each page used to compile ~300 modules (the
standard library's part of Pyodide's own start-up, numpy, matplotlib) before its first
figure, and matplotlib scanned its fonts to write ``fontlist-v330.json``: seconds of
main-thread work, every visit. The build runs the vendored Pyodide itself under Node
(``pyodide_node.js`` + ``pyodide_tasks.py``), imports what a page imports, and keeps:

- ``python_stdlib.zip``: Pyodide's, plus ``<module>.pyc`` beside each standard-library
  module imported at start-up (zipimport tries ``.pyc`` before ``.py``); replaces the
  vendored file in dist/ (the page's Pyodide and the checker worker's both load it);
- ``pycache.zip``: bytecode of the imported modules of numpy, matplotlib and their
  dependencies, imported straight from the zip by ``mvcalc/web/precompiled.py``;
- PyScript's own Python package's bytecode (checked against its source, so it is used only
  if PyScript writes the very same files), in ``py/mvcalc.zip`` under ``pyscript/__pycache__/``;
- ``fontlist.json``: matplotlib's font list (its ``_version`` 330), shipped in ``py/mvcalc.zip`` as
  ``mvcalc/web/matplotlib-fontlist.json``; boot.py copies it beside Pyodide's font_manager.py,
  where its (patched) matplotlib reads it, so matplotlib never scans its fonts on a visit (and
  never prints "Matplotlib is building the font cache"): the wheel's own list is stale.

The bytecode is Python 3.12.7's own (the browser's Python), hash-based and (but for
PyScript's) unchecked (no source checks: the sources are immutable, verified files), compiled under the file name the
browser gives each module, so tracebacks show the sources as before. No CPython 3.12 is
needed on the build machine, only Node (which the build needs anyway).

Results are cached in .cache/bytecode-<hash of the runtime's inputs>/, so a rebuild costs
nothing; another runtime, or a module the course imports for the first time, runs Node again
(10-20 s on an idle 2-core machine, a minute or two on a loaded one).
"""
from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .paths import CACHE, NODE_MODULES, PY, RUNTIME

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "pyodide_node.js"
TASKS = HERE / "pyodide_tasks.py"
MAGIC_312 = 3531
STARTUP_PACKAGES = ("numpy", "matplotlib")       # what pyscript.toml loads before the first figure

# Imported on every page whatever the course's code says: the first figure's path, and what
# PyScript 0.6.66's own Python package (pyscript/*.py) imports when it starts.
PAGE_IMPORTS = ("numpy", "matplotlib", "matplotlib.figure", "matplotlib.backends.backend_agg",
                "matplotlib.contour", "json", "html", "html.entities", "base64", "inspect", "asyncio",
                "contextlib", "traceback", "io")
NOT_IN_THE_BROWSER = ("mvcalc", "js", "pyodide", "pyscript", "_pyodide")


PYSCRIPT_SOURCES = NODE_MODULES / "@pyscript/core/src/stdlib/pyscript.js"   # what core.js embeds
HOME = "/home/pyodide"           # Python's working directory in a PyScript page


@dataclass
class Derived:
    stdlib_zip: Path | None      # None: the build could not run Pyodide; ship the vendored one
    pycache_zip: Path
    fontlist: Path | None
    modules: dict
    home: dict                   # member of py/mvcalc.zip (unpacked in HOME) -> bytecode


def pyscript_sources(bundle: Path = PYSCRIPT_SOURCES, runtime: Path = RUNTIME / "pyscript") -> dict[str, str]:
    """PyScript's Python package as its vendored core.js writes it into HOME ({path: source});
    only modules whose text is in the vendored bundle itself, so the bytecode fits what runs."""
    if not bundle.is_file():
        return {}
    text = bundle.read_text(encoding="utf-8")
    tree = json.loads(text[text.index("export default ") + len("export default "):].strip().rstrip(";"))
    shipped = "".join(p.read_text(encoding="utf-8") for p in sorted(runtime.glob("core-*.js")))
    found: dict[str, str] = {}

    def walk(node: dict, prefix: str) -> None:
        for name, value in node.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{name}/")
            elif name.endswith(".py") and json.dumps(value)[1:-1] in shipped:
                found[prefix + name] = value
    walk(tree, "")
    return found


def course_imports(package: Path = PY / "mvcalc") -> list[str]:
    """The modules the course's Python imports (``import a.b``; ``from a.b import c``: a.b, not
    the names it takes from a.b), so the build compiles what its pages may import. Sorted."""
    names: set[str] = set()
    for path in sorted(package.rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            found = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
            names.update(found)
    return sorted(n for n in names | set(PAGE_IMPORTS)
                  if n.split(".")[0] not in NOT_IN_THE_BROWSER and n != "__future__")


def cache_key(pyodide_dir: Path) -> str:
    """The runtime's inputs: the scripts, Pyodide and its lock, PyScript's Python sources."""
    digest = hashlib.sha256()
    for path in (RUNNER, TASKS, Path(__file__)):
        digest.update(path.read_bytes())
    lock = pyodide_dir / "pyodide-lock.json"
    for path in (lock, pyodide_dir / "python_stdlib.zip", pyodide_dir / "pyodide.asm.wasm"):
        digest.update(f"{path.name}:{path.stat().st_size}:{path.stat().st_mtime_ns}\n".encode())
    digest.update(hashlib.sha256(lock.read_bytes()).digest())
    digest.update(json.dumps(pyscript_sources(), sort_keys=True).encode())
    return digest.hexdigest()[:16]


def derive(pyodide_dir: Path, imports: list[str] | None = None, cache: Path = CACHE, node: str = "node") -> Derived:
    """The derived files for the runtime in ``pyodide_dir`` (the vendored Pyodide with its
    lock and wheels), from the cache when it was made from the same runtime for at least these
    imports. A new import runs Pyodide again, for the union of the old and new imports, so the
    set only grows (no rebuilds back and forth while someone edits the course's imports)."""
    imports = course_imports() if imports is None else imports
    target = cache / f"bytecode-{cache_key(pyodide_dir)}"
    done = json.loads((target / "modules.json").read_text()) if (target / "modules.json").is_file() else None
    if done is None or not set(imports) <= set(done.get("requested", [])):
        wanted = sorted(set(imports) | set(done.get("requested", []) if done else []))
        cache.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="bytecode-", dir=cache))
        try:
            _run_pyodide(pyodide_dir, wanted, work, node)
            _assemble(pyodide_dir, work, work / "result")
            for old in cache.glob("bytecode-*"):
                if old.is_dir() and old != work:
                    shutil.rmtree(old, ignore_errors=True)
            os.replace(work / "result", target)
        except (OSError, subprocess.SubprocessError, RuntimeError, KeyError, ValueError) as error:
            print(f"bytecode: WARNING: could not run Pyodide under Node ({error}); pages will compile "
                  "their imports and make matplotlib's font list on every visit (slower)")
            fallback = cache / "bytecode-none"
            fallback.mkdir(exist_ok=True)
            zipfile.ZipFile(fallback / "pycache.zip", "w").close()
            return Derived(None, fallback / "pycache.zip", None, {}, {})
        finally:
            shutil.rmtree(work, ignore_errors=True)
    modules = json.loads((target / "modules.json").read_text())
    home = {p.relative_to(target / "home").as_posix(): p.read_bytes()
            for p in sorted((target / "home").rglob("*.pyc"))}
    return Derived(target / "python_stdlib.zip", target / "pycache.zip", target / modules["fontlist"], modules, home)


def _run_pyodide(pyodide_dir: Path, imports: list[str], work: Path, node: str) -> None:
    home = []
    for name, source in pyscript_sources().items():
        (work / "home-src" / name).parent.mkdir(parents=True, exist_ok=True)
        (work / "home-src" / name).write_text(source, encoding="utf-8")
        folder, _, file = name.rpartition("/")
        home.append([f"/host/home-src/{name}", f"{HOME}/{name}", f"{folder}/__pycache__/{file[:-3]}.cpython-312.pyc"])
    (work / "in.json").write_text(json.dumps({"imports": imports, "home": home}))
    result = subprocess.run([node, str(RUNNER), str(pyodide_dir), str(TASKS), str(work), ",".join(STARTUP_PACKAGES)],
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"Pyodide under Node failed: {(result.stderr or result.stdout).strip()[-1500:]}")
    print("bytecode: " + result.stdout.strip().splitlines()[-1].removeprefix("pyodide: "))


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _assemble(pyodide_dir: Path, work: Path, result: Path) -> None:
    out = work / "out"
    modules = json.loads((out / "modules.json").read_text())
    if modules["magic"] != MAGIC_312:
        raise RuntimeError(f"unexpected bytecode magic {modules['magic']} (Python {modules['version']})")
    result.mkdir()
    # the standard library: every member as it was, and bytecode beside the imported modules
    with zipfile.ZipFile(pyodide_dir / "python_stdlib.zip") as source, \
            zipfile.ZipFile(result / "python_stdlib.zip", "w", zipfile.ZIP_DEFLATED) as target:
        names = set(source.namelist())
        for info in source.infolist():
            target.writestr(info, source.read(info), compress_type=zipfile.ZIP_DEFLATED)
        for member in sorted(modules["stdlib"]):
            if member + "c" in names:
                raise RuntimeError(f"python_stdlib.zip already holds {member}c")
            target.writestr(_member(member + "c"), (out / "stdlib" / (member + "c")).read_bytes())
    with zipfile.ZipFile(result / "pycache.zip", "w", zipfile.ZIP_DEFLATED) as target:
        for member in sorted(modules["site"]):
            target.writestr(_member(member), (out / "site" / member).read_bytes())
    text = (out / "fontlist.json").read_text()
    if "/lib/python3.12" in text or "/tmp/" in text:
        raise RuntimeError("an absolute font path leaked into matplotlib's font list")
    (result / modules["fontlist"]).write_text(text)
    for member in modules.get("home", []):
        (result / "home" / member).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out / "home" / member, result / "home" / member)
    modules["requested"] = json.loads((work / "in.json").read_text())["imports"]
    (result / "modules.json").write_text(json.dumps(modules, indent=1))
