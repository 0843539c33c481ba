"""What a page would otherwise make for itself on every visit, made once by the build.

Pyodide's standard library and wheels hold Python sources only, and the browser's file
system starts empty on every visit, so each page used to compile ~400 modules (the
standard library's part of Pyodide's own start-up, numpy, matplotlib) before its first
figure, and matplotlib scanned its fonts to write ``fontlist-v330.json``: seconds of
main-thread work, every visit. The build runs the vendored Pyodide itself under Node
(``pyodide_node.js`` + ``pyodide_tasks.py``), imports what a page imports, and keeps:

- ``stdlib/<member>c``: bytecode of each standard-library module imported at start-up;
- ``site/<package>/<module>.pyc``: bytecode of each imported module of numpy, matplotlib
  and their dependencies;
- ``home/pyscript/__pycache__/<module>.cpython-312.pyc``: PyScript's own Python package's
  bytecode (checked against its source, so it is used only if PyScript writes the very same
  files), shipped in ``py/mvcalc.zip``;
- ``fontlist.json``: the font list matplotlib makes for itself (its ``_version`` 330; the
  one in the wheel is stale, 390).

``sitebuild/transform.py`` puts them where they are shipped: each ``.pyc`` IN PLACE of its
source in the standard library's zip and in the wheels (one copy of each module, loaded by
Python's own sourceless loader), the font list in matplotlib's wheel.

The bytecode is Python 3.12.7's own (the browser's Python), hash-based, compiled without
column tables (``PYTHONNODEBUGRANGES``: smaller; tracebacks lose only their ^^^ markers) and
under the file name the browser gives each module. No CPython 3.12 is needed on the build
machine, only Node (which the build needs anyway).

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
    """Bytecode and the font list for one runtime; empty when Pyodide could not run (the site
    then ships sources, and pages compile them and scan matplotlib's fonts on every visit)."""
    stdlib: dict[str, Path]      # member of python_stdlib.zip ("json/decoder.py") -> its .pyc
    site: dict[str, Path]        # module file in site-packages ("matplotlib/figure.py") -> its .pyc
    fontlist: Path | None
    modules: dict
    home: dict                   # member of py/mvcalc.zip (unpacked in HOME) -> bytecode

    @property
    def made(self) -> bool:
        return self.fontlist is not None


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
        work = Path(tempfile.mkdtemp(prefix="tmp-bytecode-", dir=cache))   # not "bytecode-*": other checkouts clear those
        try:
            _run_pyodide(pyodide_dir, wanted, work, node)
            _assemble(pyodide_dir, work, work / "result")
            forget_unused(cache, "bytecode-")
            shutil.rmtree(target, ignore_errors=True)      # made for fewer imports
            os.replace(work / "result", target)
        except (OSError, subprocess.SubprocessError, RuntimeError, KeyError, ValueError) as error:
            print(f"bytecode: WARNING: could not run Pyodide under Node ({error}); pages will compile "
                  "their imports and make matplotlib's font list on every visit (slower)")
            return Derived({}, {}, None, {}, {})
        finally:
            shutil.rmtree(work, ignore_errors=True)
    os.utime(target)                              # in use (forget_unused)
    modules = json.loads((target / "modules.json").read_text())
    home = {p.relative_to(target / "home").as_posix(): p.read_bytes()
            for p in sorted((target / "home").rglob("*.pyc"))}
    return Derived({member: target / "stdlib" / (member + "c") for member in modules["stdlib"]},
                   {member: target / "site" / (member + "c") for member in modules["site"]},
                   target / modules["fontlist"], modules, home)


UNUSED_DAYS = 7


def forget_unused(cache: Path, prefix: str, days: float = UNUSED_DAYS) -> None:
    """Remove cached results (``<prefix><key>/``) not used for ``days``: several checkouts
    share one .cache, and each may build another version of these scripts meanwhile."""
    import time
    for old in cache.glob(prefix + "*"):
        if old.is_dir() and time.time() - old.stat().st_mtime > days * 86400:
            shutil.rmtree(old, ignore_errors=True)


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


def _assemble(pyodide_dir: Path, work: Path, result: Path) -> None:
    out = work / "out"
    modules = json.loads((out / "modules.json").read_text())
    if modules["magic"] != MAGIC_312:
        raise RuntimeError(f"unexpected bytecode magic {modules['magic']} (Python {modules['version']})")
    if modules.get("columns", True):
        raise RuntimeError("the bytecode was compiled with column tables (PYTHONNODEBUGRANGES was not set)")
    with zipfile.ZipFile(pyodide_dir / "python_stdlib.zip") as source:
        names = set(source.namelist())
    for member in modules["stdlib"]:
        if member + "c" in names:
            raise RuntimeError(f"python_stdlib.zip already holds {member}c")
    text = (out / "fontlist.json").read_text()
    if "/lib/python3.12" in text or "/tmp/" in text:
        raise RuntimeError("an absolute font path leaked into matplotlib's font list")
    result.mkdir()
    for folder in ("stdlib", "site", "home"):
        if (out / folder).is_dir():
            shutil.copytree(out / folder, result / folder)
    (result / modules["fontlist"]).write_text(text)
    modules["requested"] = json.loads((work / "in.json").read_text())["imports"]
    (result / "modules.json").write_text(json.dumps(modules, indent=1))
