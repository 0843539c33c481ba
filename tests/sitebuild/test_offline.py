"""The double-click (file://) flavour in dist/: complete, faithful, lean at start-up."""
from __future__ import annotations

import base64
import gzip
import json
import re
import zipfile

from mvcalc.course import MODULES
from mvcalc.questions.bank import VARIANTS
from sitebuild import assemble, offline
from sitebuild.paths import DIST, ROOT


def manifest() -> dict:
    text = (DIST / "site/assets/runtime-config.js").read_text()
    start = text.index("window.MVCALC_RUNTIME.offline = ") + len("window.MVCALC_RUNTIME.offline = ")
    return json.loads(text[start: text.index("};", start) + 1])


def carried(path) -> tuple[str, bytes]:
    match = re.fullmatch(rb'mvcalcOffline\.add\(("[^"]+"),"([A-Za-z0-9+/=]*)"\);\n', path.read_bytes())
    assert match, f"{path.name} is not a bundle script"
    return json.loads(match.group(1)), base64.b64decode(match.group(2), validate=True)


def test_every_runtime_file_is_bundled_byte_for_byte():
    bundles = manifest()["bundles"]
    vendored = {p.name: p for p in (DIST / "site/vendor/pyodide").iterdir()
                if p.name != "pyodide.mjs" and p.suffix != ".gz"}
    for source in assemble.load_config().get("files", {}):     # py/mvcalc.zip and the like
        vendored[source.rsplit("/", 1)[-1]] = DIST / source
    for worker in (DIST / "site/assets").glob("*-worker.js"):
        vendored[worker.name] = worker
    for questions in (DIST / "py/bank").glob("*.json"):          # the question bank, fetched by name
        vendored[questions.name] = questions
    assert len(list((DIST / "py/bank").glob("*.json"))) == len(MODULES) * VARIANTS
    assert set(bundles) == set(vendored)
    for name, entry in bundles.items():
        carried_name, data = carried(DIST / entry["src"])
        assert carried_name == name
        if entry.get("gzip"):                 # carried as the .gz the build ships beside it
            assert data == vendored[name].with_name(name + ".gz").read_bytes(), name
            data = gzip.decompress(data)
        assert data == vendored[name].read_bytes(), name
        assert entry["size"] == len(data)
    assert bundles["pyodide.asm.wasm"]["type"] == "application/wasm"
    assert bundles["pyodide.asm.wasm"]["gzip"], "the wasm is carried gzipped (a third of the size)"


def test_start_up_loads_numpy_and_matplotlib_only():
    data = manifest()
    startup = data["startup"]
    assert {"pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", "mvcalc.zip"} <= set(startup)
    assert any(n.startswith("numpy-") for n in startup) and any(n.startswith("matplotlib-") for n in startup)
    for later in ("sympy-", "mpmath-", "scipy-", "openblas-"):
        assert not any(n.startswith(later) for n in startup), later
    assert data["scripts"] == ["site/vendor/pyodide/pyodide.asm.js", "site/vendor/pyodide/pyodide.js"]
    assert data["pyodideVersion"] == json.loads((DIST / "site/vendor/pyodide/pyodide-lock.json").read_text())["info"]["version"]


def test_pyscript_is_one_module_carried_as_a_string():
    text = (DIST / manifest()["pyscript"]).read_text(encoding="ascii")
    assert text.startswith("mvcalcOffline.module(") and text.endswith(");\n")
    source = json.loads(text[len("mvcalcOffline.module("): -len(");\n")])
    assert len(source) > 500_000
    # no import of another file of PyScript's outside the worker code it embeds as text
    outside_strings = re.sub(r'"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`', '""', source)
    assert not re.search(r"\bimport\s*\(\s*[\"']\./", outside_strings)
    assert not re.search(r"^\s*import\s.*from\s", outside_strings, re.M)


def test_pages_reach_the_offline_flavour_by_relative_paths_only():
    for name in ("offline.js", "filestore.js", "filestore.html"):
        assert (DIST / "site/assets" / name).is_file()
        assert not re.search(r"https?://(?!www\.w3\.org)", (ROOT / "site/assets" / name).read_text()), name
    for entry in manifest()["bundles"].values():
        assert not entry["src"].startswith("/")
    config = (DIST / "site/assets/runtime-config.js").read_text()
    assert 'location.protocol === "file:"' in config and "filestore.js" in config


def test_the_course_zip_holds_the_whole_site(tmp_path):
    target = offline.write_course_zip(DIST, tmp_path / "mvcalc-course.zip")
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert all(n.startswith("mvcalc-course/") for n in names)
        assert "mvcalc-course/index.html" in names
        assert "mvcalc-course/site/offline/pyodide.asm.wasm.js" in names
        assert "mvcalc-course/site/vendor/pyodide/pyodide.asm.wasm" in names
        assert len(names) == sum(1 for p in DIST.rglob("*") if p.is_file())
