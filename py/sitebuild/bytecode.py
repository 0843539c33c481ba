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
- ``fontlist-v330.json``: matplotlib's font list, shipped in ``py/mvcalc.zip`` under
  ``mvcalc/web/mplconfig/`` where boot.py points ``MPLCONFIGDIR``, so matplotlib never
  scans its fonts (and never prints "Matplotlib is building the font cache").

The bytecode is Python 3.12.7's own (the browser's Python), hash-based and unchecked (no
source checks: the sources are immutable, verified files), compiled under the file name the
browser gives each module, so tracebacks show the sources as before. No CPython 3.12 is
needed on the build machine, only Node (which the build needs anyway).

Results are cached in .cache/bytecode-<hash of every input>/, so a rebuild costs nothing;
a new input (another runtime version, another import in py/mvcalc) runs Node again (~10 s).
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

from .paths import CACHE, PY

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


@dataclass
class Derived:
    stdlib_zip: Path | None      # None: the build could not run Pyodide; ship the vendored one
    pycache_zip: Path
    fontlist: Path | None
    modules: dict


def course_imports(package: Path = PY / "mvcalc") -> list[str]:
    """Every absolute import in the course's Python (``import a.b``, ``from a.b import c``:
    a.b and a.b.c), so the build compiles what its pages may import. Sorted, for the cache key."""
    names: set[str] = set()
    for path in sorted(package.rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names if alias.name != "*")
    return sorted(n for n in names | set(PAGE_IMPORTS)
                  if n.split(".")[0] not in NOT_IN_THE_BROWSER and n != "__future__")


def cache_key(pyodide_dir: Path, imports: list[str]) -> str:
    digest = hashlib.sha256()
    for path in (RUNNER, TASKS, Path(__file__)):
        digest.update(path.read_bytes())
    lock = pyodide_dir / "pyodide-lock.json"
    for path in (lock, pyodide_dir / "python_stdlib.zip", pyodide_dir / "pyodide.asm.wasm"):
        digest.update(f"{path.name}:{path.stat().st_size}:{path.stat().st_mtime_ns}\n".encode())
    digest.update(hashlib.sha256(lock.read_bytes()).digest())
    digest.update("\n".join(imports).encode())
    return digest.hexdigest()[:16]


def derive(pyodide_dir: Path, imports: list[str] | None = None, cache: Path = CACHE, node: str = "node") -> Derived:
    """The derived files for the runtime in ``pyodide_dir`` (the vendored Pyodide with its
    lock and wheels), from the cache when the same inputs were seen before."""
    imports = course_imports() if imports is None else imports
    key = cache_key(pyodide_dir, imports)
    target = cache / f"bytecode-{key}"
    if not (target / "modules.json").is_file():
        cache.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="bytecode-", dir=cache))
        try:
            _run_pyodide(pyodide_dir, imports, work, node)
            _assemble(pyodide_dir, work, work / "result")
            for old in cache.glob("bytecode-*"):
                if old.is_dir() and old != work:
                    shutil.rmtree(old, ignore_errors=True)
            os.replace(work / "result", target)
        except (OSError, subprocess.CalledProcessError, RuntimeError) as error:
            print(f"bytecode: WARNING: could not run Pyodide under Node ({error}); pages will compile "
                  "their imports and make matplotlib's font list on every visit (slower)")
            empty = work / "empty.zip"
            zipfile.ZipFile(empty, "w").close()
            fallback = cache / "bytecode-none"
            fallback.mkdir(exist_ok=True)
            shutil.copyfile(empty, fallback / "pycache.zip")
            return Derived(None, fallback / "pycache.zip", None, {})
        finally:
            shutil.rmtree(work, ignore_errors=True)
    modules = json.loads((target / "modules.json").read_text())
    return Derived(target / "python_stdlib.zip", target / "pycache.zip", target / modules["fontlist"], modules)


def _run_pyodide(pyodide_dir: Path, imports: list[str], work: Path, node: str) -> None:
    (work / "in.json").write_text(json.dumps({"imports": imports}))
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
    (result / "modules.json").write_text(json.dumps(modules, indent=1))
