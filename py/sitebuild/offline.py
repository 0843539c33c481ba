"""The double-click flavour of dist/: every runtime file inside a classic script.

Opened from the file manager (file:// URLs, no server), a browser refuses module
scripts, ``import()`` and ``fetch()`` of local files, so PyScript and Pyodide cannot
load anything as they do over HTTP (facts in ../shared/STACK.md). The built site
carries a second copy of each runtime file in ``dist/site/offline/``:

- ``<file name>.js`` for each asset (the wasm, the standard library, the lock, every
  wheel, ``py/mvcalc.zip``, the question bank's files, ``pyodide.asm.js``/``pyodide.js``
  and the checker worker, the last three for the worker):
  ``mvcalcOffline.add("<file name>", "<base64>");``
- ``pyscript-core.js``: PyScript's ``core.js`` and its chunks bundled by esbuild into
  ONE ES module, carried as a string: ``mvcalcOffline.module("<source>");``

``site/assets/offline.js`` (loaded by the loader only when ``location.protocol`` is
``file:``) answers ``fetch`` of those files from memory and loads a bundle only when
it is first asked for. What it needs to know, the manifest, is appended to
``site/assets/runtime-config.js`` as ``window.MVCALC_RUNTIME.offline``.

The plain files stay where they are: the served site uses them.
"""
from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

from .paths import NODE_MODULES
from .runtime import BuildError, ensure_node_modules

OFFLINE = "site/offline"
PYODIDE = "site/vendor/pyodide"
PYSCRIPT_CORE = "site/vendor/pyscript/core.js"
PYSCRIPT_BUNDLE = "pyscript-core.js"
CORE_FILES = ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
WORKER_CODE = ("pyodide.asm.js", "pyodide.js")   # the page loads these as plain scripts; a worker needs their text
CONTENT_TYPES = {".wasm": "application/wasm", ".json": "application/json", ".js": "text/javascript"}


# Every page (the course home too) loads runtime-config.js; on file:// it also loads
# filestore.js, which keeps progress in one shared file's storage (Firefox gives each
# file its own localStorage there).
FILESTORE_HOOK = """if (location.protocol === "file:") (function (script) {
  script.src = new URL("filestore.js", document.currentScript.src).href;
  document.head.appendChild(script);
})(document.createElement("script"));
"""


def closure(lock: dict, roots) -> set[str]:
    names, stack = set(roots), list(roots)
    while stack:
        for dep in lock["packages"][stack.pop()]["depends"]:
            if dep not in names:
                names.add(dep)
                stack.append(dep)
    return names


def carrier(name: str, data: bytes) -> bytes:
    """A classic script that hands ``data`` to the page: pure ASCII, one line."""
    return b"".join([b"mvcalcOffline.add(", json.dumps(name).encode(), b',"', base64.b64encode(data), b'");\n'])


def esbuild() -> Path:
    binary = NODE_MODULES / ".bin" / "esbuild"
    if not binary.exists():
        ensure_node_modules(force=True)
    if not binary.exists():
        raise BuildError("esbuild is missing from node_modules: run `npm ci` (it is a devDependency)")
    return binary


def bundle_pyscript(site: Path) -> str:
    """PyScript's core.js and every chunk it imports as ONE ES module (top-level await: not iife)."""
    result = subprocess.run(
        [str(esbuild()), str(site / PYSCRIPT_CORE), "--bundle", "--format=esm", "--log-level=warning",
         "--legal-comments=none", "--charset=utf8"],
        capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout:
        raise BuildError(f"esbuild could not bundle {PYSCRIPT_CORE}: {result.stderr.strip()[-2000:]}")
    return result.stdout


def write_offline(site: Path, config: dict) -> dict:
    """Write site/offline/ into the site being built and return its manifest."""
    target = site / OFFLINE
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    lock = json.loads((site / PYODIDE / "pyodide-lock.json").read_text())

    sources: dict[str, Path] = {}
    for name in CORE_FILES + WORKER_CODE:
        sources[name] = site / PYODIDE / name
    for entry in lock["packages"].values():
        if (site / PYODIDE / entry["file_name"]).is_file():
            sources[entry["file_name"]] = site / PYODIDE / entry["file_name"]
    for source in config.get("files", {}):
        sources[Path(source).name] = site / source
    for worker in sorted((site / "site/assets").glob("*-worker.js")):
        sources[worker.name] = worker
    for questions in sorted((site / "py/bank").glob("*.json")):     # the question bank (fetched by name)
        sources[questions.name] = questions

    startup = set(CORE_FILES)
    startup |= {lock["packages"][name]["file_name"] for name in closure(lock, config["packages"])}
    startup |= {Path(source).name for source in config.get("files", {})}

    bundles: dict[str, dict] = {}
    for name, path in sorted(sources.items()):
        if not path.is_file():
            raise BuildError(f"the double-click bundle needs {path.relative_to(site)}, which the build did not write")
        (target / f"{name}.js").write_bytes(carrier(name, path.read_bytes()))
        bundles[name] = {"src": f"{OFFLINE}/{name}.js", "size": path.stat().st_size,
                         "type": CONTENT_TYPES.get(path.suffix, "application/octet-stream")}

    module = bundle_pyscript(site)
    (target / PYSCRIPT_BUNDLE).write_text(
        "mvcalcOffline.module(" + json.dumps(module, ensure_ascii=True) + ");\n", encoding="ascii")

    return {
        "bundles": bundles,
        "startup": sorted(startup & set(bundles)),
        "scripts": [f"{PYODIDE}/{name}" for name in WORKER_CODE],     # classic scripts, in this order
        "pyscript": f"{OFFLINE}/{PYSCRIPT_BUNDLE}",
        "pyodideVersion": lock["info"]["version"],
    }


def add_to_runtime_config(site: Path, config: dict) -> dict:
    """Write the bundles and append their manifest to site/assets/runtime-config.js."""
    manifest = write_offline(site, config)
    with open(site / "site/assets/runtime-config.js", "a") as handle:
        handle.write("/* The double-click (file://) flavour: see py/sitebuild/offline.py. */\n"
                     "window.MVCALC_RUNTIME.offline = " + json.dumps(manifest, indent=1, sort_keys=True) + ";\n"
                     + FILESTORE_HOOK)
    return manifest


def write_course_zip(dist: Path, target: Path) -> Path:
    """The built site as one zip holding the folder ``mvcalc-course/`` (reproducible: fixed dates)."""
    import fcntl
    import zipfile

    from .paths import CACHE
    tmp = target.with_name(target.name + ".tmp")
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / "build.lock", "w") as lock, \
            zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        fcntl.flock(lock, fcntl.LOCK_EX)     # no build swaps dist/ while it is being zipped
        for path in sorted(p for p in dist.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo("mvcalc-course/" + path.relative_to(dist).as_posix(), date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(path, "rb") as source, archive.open(info, "w") as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
    tmp.replace(target)
    return target
