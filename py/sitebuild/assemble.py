"""Assemble the complete static site in dist/: pages, assets, the course's Python, the runtime.

dist/ is what a teacher copies to a USB stick or a static host. It is written to a
temporary folder and swapped in whole, so a failed build leaves the last good site.
"""
from __future__ import annotations

import fcntl
import json
import shutil
import sys
import tomllib
import zipfile
from pathlib import Path

from .pages import write_pages
from .paths import CACHE, DIST, PY, ROOT, RUNTIME, SITE
from .swap import swap_in
from . import offline
from . import bytecode
from .bank import write_bank
from .runtime import ensure_runtime

PYSCRIPT_CORE = "site/vendor/pyscript/core.js"

# Human names for the runtime files the progress indicator reports, by file-name prefix.
LABELS = {
    "pyodide.asm.wasm": "the Python runtime",
    "python_stdlib.zip": "Python's standard library",
    "mvcalc.zip": "the course's Python code",
    "pycache.zip": "numpy's and matplotlib's compiled code",
    "numpy-": "numpy",
    "matplotlib-": "matplotlib",
    "sympy-": "sympy (for checking answers)",
    "mpmath-": "sympy's helpers",
    "scipy-": "scipy",
    "openblas-": "scipy's helpers",
}
MATPLOTLIB_HELPERS = "matplotlib's helpers"


def package_zip(target: Path, extra: dict[str, bytes] | None = None) -> None:
    """py/mvcalc as one zip, unpacked into Python's working directory by PyScript ([files]),
    with ``extra`` members made by the build (matplotlib's font list: sitebuild/bytecode.py)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    members = {path.relative_to(PY).as_posix(): path.read_bytes()
               for path in sorted((PY / "mvcalc").rglob("*.py")) if "__pycache__" not in path.parts}
    members.update(extra or {})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(members.items()):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def load_config() -> dict:
    """pyscript.toml, with paths relative to the site root (see the comment in that file)."""
    return tomllib.loads((ROOT / "pyscript.toml").read_text())


def startup_packages(lock: dict, config: dict) -> set[str]:
    """The config's packages and everything they depend on: the path to the first figure."""
    startup = set(config["packages"])
    stack = list(startup)
    while stack:
        for dep in lock["packages"][stack.pop()]["depends"]:
            if dep not in startup:
                startup.add(dep)
                stack.append(dep)
    return startup


FONT_LIST = "mvcalc/web/matplotlib-fontlist.json"   # where boot.py looks for it in the zip


def write_derived(site: Path) -> None:
    """What the build makes by running the vendored Pyodide under Node (sitebuild/bytecode.py):
    the standard library with bytecode, py/pycache.zip, and matplotlib's font list in
    py/mvcalc.zip. Cached in .cache/ by the hash of every input."""
    derived = bytecode.derive(RUNTIME / "pyodide")
    if derived.stdlib_zip is not None:
        shutil.copyfile(derived.stdlib_zip, site / "site/vendor/pyodide/python_stdlib.zip")
    (site / "py").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(derived.pycache_zip, site / "py/pycache.zip")
    extra = dict(derived.home)              # PyScript's own modules' bytecode, unpacked beside them
    if derived.fontlist:
        extra[FONT_LIST] = derived.fontlist.read_bytes()
    package_zip(site / "py/mvcalc.zip", extra)


def runtime_assets(site: Path, config: dict) -> tuple[dict, int]:
    """Label and size of each file the loader counts, and the bytes before the first figure."""
    lock = json.loads((site / "site/vendor/pyodide/pyodide-lock.json").read_text())
    startup = startup_packages(lock, config)
    assets: dict[str, dict] = {}
    startup_bytes = 0
    candidates = [site / "site/vendor/pyodide/pyodide.asm.wasm", site / "site/vendor/pyodide/python_stdlib.zip",
                  site / "py/mvcalc.zip", site / "py/pycache.zip"]
    candidates += [site / "site/vendor/pyodide" / entry["file_name"] for entry in lock["packages"].values()
                   if (site / "site/vendor/pyodide" / entry["file_name"]).is_file()]
    names_on_path = {lock["packages"][name]["file_name"] for name in startup}
    for path in candidates:
        label = next((text for prefix, text in LABELS.items() if path.name.startswith(prefix)), MATPLOTLIB_HELPERS)
        size = path.stat().st_size
        assets[path.name] = {"label": label, "size": size}
        if path.name in names_on_path or path.suffix != ".whl":
            startup_bytes += size
    return assets, startup_bytes


def write_runtime_config(site: Path, bank: dict) -> None:
    config = load_config()
    assets, startup_bytes = runtime_assets(site, config)
    data = {
        "config": config,
        "pyscript": PYSCRIPT_CORE,
        "assets": assets,
        "startupBytes": startup_bytes,
        "course": course_outline(),
        "bank": {"path": bank["path"], "variants": bank["variants"], "format": bank["format"]},
    }
    text = ("/* Generated by the build from pyscript.toml and mvcalc.course: do not edit. */\n"
            "window.MVCALC_RUNTIME = " + json.dumps(data, indent=1, sort_keys=True) + ";\n")
    (site / "site/assets/runtime-config.js").write_text(text)


def course_outline() -> list[dict]:
    """Modules and exercise sets, for the course home's progress (which runs no Python)."""
    sys.path.insert(0, str(PY))
    try:
        from mvcalc.course import MODULES
    finally:
        sys.path.pop(0)
    return [{"slug": m.slug, "title": m.title,
             "sets": [{"slug": s.slug, "title": s.title, "size": s.size} for s in m.exercise_sets]}
            for m in MODULES]


def write_downloads(site: Path) -> None:
    """Every page's code as a .py and .ipynb that run anywhere, linked from the page (mvcalc.export)."""
    sys.path.insert(0, str(PY))
    try:
        from mvcalc.export import write_downloads as write
    finally:
        sys.path.pop(0)
    write(site)


def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "vendor"),
                    dirs_exist_ok=True)


def assemble() -> Path:
    """Build dist/ from the sources and the verified runtime; return its path.

    Builds are serialised with a lock file, so two at once cannot interleave.
    """
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _assemble()


def _assemble() -> Path:
    ensure_runtime()
    tmp = DIST.with_name(DIST.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(parents=True)
        shutil.copyfile(ROOT / "index.html", tmp / "index.html")
        copy_tree(SITE, tmp / "site")
        write_pages(tmp)                                    # module pages into their shell, home cards
        shutil.copytree(RUNTIME, tmp / "site/vendor",
                        ignore=shutil.ignore_patterns("pyodide-lock.official.json"))
        write_derived(tmp)       # py/mvcalc.zip, py/pycache.zip, python_stdlib.zip with bytecode
        write_downloads(tmp)
        bank = write_bank(tmp)                              # every question, made by the templates
        write_runtime_config(tmp, bank)
        offline.add_to_runtime_config(tmp, load_config())   # the double-click (file://) flavour
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    swap_in(tmp, DIST)
    size = sum(p.stat().st_size for p in DIST.rglob("*") if p.is_file())
    files = sum(1 for p in DIST.rglob("*") if p.is_file())
    print(f"site: {DIST}/ written, {files} files, {size / 1e6:.1f} MB")
    return DIST
