"""The served site's offline copy: ``service-worker.js`` at the site's root, made per build.

The worker (template: ``templates/service-worker.js``; what it does is said there) carries
the manifest of the build it belongs to: every file of the site with its sha256 and size, and
when a learner's browser keeps it:

- ``first``: kept right after a first visit to any page, so that the course home and every
  module page then work with the network off: the pages, their assets, the runtime every page
  starts with (pyscript.toml's packages), and the packages the site's workers load when they
  start (``loadPackage([...])`` in site/assets/*.js: numpy, for learner code), and every
  question bank file (py/bank/, fetched by name);
- ``later``: kept when first asked for, or by "Keep the whole course" on the home page: every
  other package (scipy and openblas for two labs; fonttools, pytz), the downloads, the
  build's records.

The double-click flavour (``site/offline/``) is not listed: file:// pages have no service worker.
The build id is the first 16 hex digits of the sha256 of the manifest's file list, so any
change to any file is a new worker, a new cache and an "update ready" notice.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from . import transform

TEMPLATE = Path(__file__).with_name("templates") / "service-worker.js"
WORKER = "service-worker.js"
PYODIDE = "site/vendor/pyodide/"
NOT_LISTED = ("site/offline/",)                      # the double-click flavour
LATER = (re.compile(r"^site/[^/]+/downloads/"), re.compile(r"^site/vendor/transform\.json$"))
TYPES = {".wasm": "application/wasm"}
LOAD_PACKAGE = re.compile(r"loadPackage\(\s*\[([^\]]*)\]")


def worker_packages(assets: Path) -> set[str]:
    """The packages a script in ``assets`` loads by name when it starts (``loadPackage([...])``)."""
    names: set[str] = set()
    for script in sorted(assets.glob("*.js")):
        for found in LOAD_PACKAGE.findall(script.read_text(encoding="utf-8")):
            names.update(re.findall(r"[\"']([\w.-]+)[\"']", found))
    return names


def closure(lock: dict, roots) -> set[str]:
    names, stack = set(), list(roots)
    while stack:
        name = stack.pop()
        if name in lock["packages"] and name not in names:
            names.add(name)
            stack.extend(lock["packages"][name]["depends"])
    return names


def manifest(site: Path, config: dict) -> dict:
    """Every file of the built site ``site`` the worker may serve, and the build id."""
    lock = json.loads((site / PYODIDE / "pyodide-lock.json").read_text())
    first_packages = closure(lock, list(config["packages"]) + sorted(worker_packages(site / "site/assets")))
    package_files = {PYODIDE + entry["file_name"]: name for name, entry in lock["packages"].items()}
    gzipped = {PYODIDE + name + ".gz": PYODIDE + name for name in transform.GZIPPED
               if (site / PYODIDE / (name + ".gz")).is_file()}
    files: dict[str, dict] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name == WORKER or name.startswith(NOT_LISTED) or name in gzipped:
            continue
        data = path.read_bytes()
        later = any(rule.search(name) for rule in LATER) or \
            (name in package_files and package_files[name] not in first_packages)
        entry = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "when": "later" if later else "first"}
        if Path(name).suffix in TYPES:
            entry["type"] = TYPES[Path(name).suffix]
        files[name] = entry
    for gz, plain in gzipped.items():
        data = (site / gz).read_bytes()
        files[plain]["via"] = {"path": gz, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    listing = json.dumps(files, sort_keys=True, separators=(",", ":")).encode()
    return {"build": hashlib.sha256(listing).hexdigest()[:16], "files": files}


def write(site: Path, config: dict) -> dict:
    """Write ``service-worker.js`` into the built site; return its manifest. Run last: it lists
    every other file as it is."""
    data = manifest(site, config)
    text = TEMPLATE.read_text(encoding="utf-8")
    marker = "/* MANIFEST */ null"
    if marker not in text:
        raise ValueError(f"{TEMPLATE.name}: the marker {marker!r} is missing")
    (site / WORKER).write_text(text.replace(marker, json.dumps(data, indent=1, sort_keys=True)), encoding="utf-8")
    return data


def add_to_runtime_config(site: Path) -> None:
    """Tell the pages which runtime files are shipped gzipped too (site/assets/runtime-files.js)."""
    gzipped = {name: name + ".gz" for name in transform.GZIPPED if (site / PYODIDE / (name + ".gz")).is_file()}
    with open(site / "site/assets/runtime-config.js", "a") as handle:
        handle.write("/* Runtime files shipped gzipped too: see py/sitebuild/transform.py. */\n"
                     "window.MVCALC_RUNTIME.gzipped = " + json.dumps(gzipped, sort_keys=True) + ";\n")
