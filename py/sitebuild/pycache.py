"""Bytecode made ahead of time for the packages on the path to the first figure.

Pyodide's wheels hold Python sources only, and the browser's file system starts empty on
every visit, so each page used to compile numpy's and matplotlib's ~300 imported modules
(~10 MB of source) before its first figure: seconds of main-thread work, every visit.
The build compiles them once with CPython 3.12 (the browser runs 3.12.7; 3.12 bytecode is
one format, magic number 3531) into ``__pycache__/*.cpython-312.pyc`` files that need no
source check (``UNCHECKED_HASH``: the wheels are verified, immutable files), zipped as
``py/pycache.zip``; PyScript puts it in Python's working directory (pyscript.toml,
[files]) and mvcalc/web/precompiled.py imports from it. Tracebacks still show the sources.

Without a CPython 3.12 on the build machine the zip is empty and pages compile as before.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

SITE_PACKAGES = "/lib/python3.12/site-packages"
MAGIC_312 = 3531

COMPILE = r"""
import importlib.util, json, py_compile, sys
assert sys.version_info[:2] == (3, 12), sys.version
spec = json.loads(sys.stdin.read())
for source, dfile, cfile in spec:
    py_compile.compile(source, cfile=cfile, dfile=dfile, doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
print(int.from_bytes(importlib.util.MAGIC_NUMBER[:2], "little"))
"""


def find_python312() -> str | None:
    pyenv = sorted(Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")).glob("versions/3.12*/bin/python3.12"))
    for name in (os.environ.get("MVCALC_PYTHON312"), "python3.12", *map(str, pyenv)):
        if not name:
            continue
        path = shutil.which(name)
        if path and subprocess.run([path, "-c", "import sys; assert sys.version_info[:2] == (3, 12)"],
                                   capture_output=True).returncode == 0:
            return path
    return None


# What the first figure imports (numpy, matplotlib and what matplotlib imports itself);
# fontTools and pytz are in the closure but only imported for PDF/PS output and time zones.
PACKAGES = {"numpy", "matplotlib", "mpl_toolkits", "PIL", "pyparsing", "dateutil", "packaging",
            "contourpy", "cycler", "kiwisolver", "six.py"}
# matplotlib's other backends (Qt, Tk, PDF, SVG, ...) are never imported by a page
BACKENDS = ("matplotlib/backends/__init__.py", "matplotlib/backends/backend_agg.py")


def wanted(name: str) -> bool:
    """A module source worth compiling: imported at start-up, not tests or build helpers."""
    if not name.endswith(".py"):
        return False
    parts = name.split("/")
    if parts[0] not in PACKAGES:
        return False
    if name.startswith("matplotlib/backends/") and name not in BACKENDS:
        return False
    return not any(p in ("tests", "testing", "_pyinstaller", "f2py", "distutils", "typing") for p in parts[1:-1]) \
        and not parts[-1].startswith(("test_", "conftest"))


def build(wheels: list[Path], target: Path) -> int:
    """Write ``target`` (a zip to unpack into site-packages); return the modules compiled."""
    target.parent.mkdir(parents=True, exist_ok=True)
    python = find_python312()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        if python is None:
            print("pycache: no CPython 3.12 found (python3.12 or MVCALC_PYTHON312): pages compile at import")
            return 0
        spec = []
        for wheel in wheels:
            with zipfile.ZipFile(wheel) as archive:
                for name in archive.namelist():
                    if wanted(name):
                        source = Path(tmp, "src", name)
                        source.parent.mkdir(parents=True, exist_ok=True)
                        source.write_bytes(archive.read(name))
                        folder, _, file = name.rpartition("/")
                        pyc = f"{folder}/__pycache__/{file[:-3]}.cpython-312.pyc" if folder else \
                            f"__pycache__/{file[:-3]}.cpython-312.pyc"
                        spec.append((str(source), f"{SITE_PACKAGES}/{name}", str(Path(tmp, "pyc", pyc)), pyc))
        result = subprocess.run([python, "-c", COMPILE], input=json.dumps([s[:3] for s in spec]),
                                capture_output=True, text=True, check=True)
        if int(result.stdout.strip()) != MAGIC_312:
            raise RuntimeError(f"unexpected bytecode magic {result.stdout.strip()} from {python}")
        for _, _, cfile, pyc in sorted(spec, key=lambda s: s[3]):
            info = zipfile.ZipInfo(pyc, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, Path(cfile).read_bytes())
    return len(spec)
