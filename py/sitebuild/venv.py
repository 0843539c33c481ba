"""The project's Python environment (.venv): the browser's package versions in CPython.

The tests run in it, and so does the part of the build that needs the course's maths
libraries (sympy for the question bank: sitebuild/bank.py). Made on first use from
requirements-dev.txt, and made again when that file changes.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
from pathlib import Path

from .paths import ROOT

VENV = ROOT / ".venv"
REQUIREMENTS = ROOT / "requirements-dev.txt"
_making = threading.Lock()          # py/make.py test makes it while the build starts; the bank waits


def venv_python() -> Path:
    """The environment's python, the environment made or refreshed first if needed."""
    with _making:
        return _made()


def _made() -> Path:
    python = VENV / "bin" / "python"
    stamp = VENV / ".requirements.sha256"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    print("python environment: installing requirements-dev.txt into .venv", flush=True)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-compile", "-r", str(REQUIREMENTS)],
                   check=True)
    # pip compiles the packages' modules one at a time; compileall uses every core (19 s -> 13 s
    # on 2 cores). A module it cannot compile (an old test file) is left as pip would leave it.
    subprocess.run([str(python), "-c", "import compileall, site; "
                    "compileall.compile_dir(site.getsitepackages()[0], quiet=1, workers=0)"])
    stamp.write_text(wanted)
    return python
