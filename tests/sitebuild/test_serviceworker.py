"""The service worker's manifest (sitebuild/serviceworker.py): every file of the build, as built."""
from __future__ import annotations

import hashlib
import json
import shutil

from sitebuild import assemble, serviceworker
from sitebuild.paths import DIST, ROOT


def shipped_manifest() -> dict:
    text = (DIST / serviceworker.WORKER).read_text()
    start = text.index("const MANIFEST = ") + len("const MANIFEST = ")
    return json.loads(text[start: text.index(";\n", start)])


def test_the_worker_lists_every_file_of_the_build_as_it_is():
    """Written last: each listed file has the sha256 and size it has in dist/, and nothing the
    served site uses is missing (the double-click bundles and the worker itself are not listed)."""
    data = shipped_manifest()
    assert data == serviceworker.manifest(DIST, assemble.load_config())
    files = data["files"]
    on_disk = {p.relative_to(DIST).as_posix() for p in DIST.rglob("*") if p.is_file()}
    gz = "site/vendor/pyodide/pyodide.asm.wasm.gz"
    assert set(files) == {p for p in on_disk if not p.startswith("site/offline/")} - {"service-worker.js", gz}
    for path, entry in files.items():
        data_ = (DIST / path).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data_).hexdigest() and entry["size"] == len(data_), path
    wasm = files["site/vendor/pyodide/pyodide.asm.wasm"]
    assert wasm["via"] == {"path": gz, "sha256": hashlib.sha256((DIST / gz).read_bytes()).hexdigest(),
                           "size": (DIST / gz).stat().st_size}, "kept from its .gz"
    assert wasm["type"] == "application/wasm"


def test_a_first_visit_keeps_the_pages_and_what_they_start_with_and_the_rest_waits():
    files = shipped_manifest()["files"]
    first = {path for path, entry in files.items() if entry["when"] == "first"}
    later = set(files) - first
    lock = json.loads((DIST / "site/vendor/pyodide/pyodide-lock.json").read_text())
    wheel = {name: "site/vendor/pyodide/" + entry["file_name"] for name, entry in lock["packages"].items()}
    assert "index.html" in first and "py/mvcalc.zip" in first
    assert {p for p in files if p.endswith("/index.html")} <= first, "every page"
    for name in ("numpy", "matplotlib", "pillow"):          # start-up, and the code worker's (numpy)
        assert wheel[name] in first, name
    assert "sympy" not in wheel and "mpmath" not in wheel, "not shipped: questions are made at build time"
    for name in ("scipy", "openblas", "fonttools", "pytz"):
        assert wheel[name] in later, name
    assert any("/downloads/" in p for p in later) and not any("/downloads/" in p for p in first)


def test_the_packages_workers_load_by_name_are_found():
    packages = serviceworker.worker_packages(ROOT / "site/assets")
    assert "numpy" in packages and "sympy" not in packages, "the code worker starts with numpy, never sympy"


def test_the_build_id_is_the_same_for_the_same_files_and_changes_with_any_file(tmp_path):
    config = assemble.load_config()
    copy = tmp_path / "site"
    shutil.copytree(DIST, copy, ignore=shutil.ignore_patterns("offline"))
    before = serviceworker.manifest(copy, config)["build"]
    assert serviceworker.manifest(copy, config)["build"] == before == shipped_manifest()["build"]
    page = copy / "site/m1-what-is-calculus/index.html"
    page.write_text(page.read_text().replace("</main>", "<p>changed</p></main>"))
    assert serviceworker.manifest(copy, config)["build"] != before
