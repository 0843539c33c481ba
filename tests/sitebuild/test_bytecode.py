"""The build's Pyodide-under-Node step (sitebuild/bytecode.py) on a machine like a fresh CI one:
Debian's python3.11 and Node, no CPython 3.12 anywhere on the PATH."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from sitebuild import bytecode
from sitebuild.paths import ROOT, RUNTIME

DEBIAN_PYTHON = Path("/usr/bin/python3")
SCRIPT = r"""
import json, shutil, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
assert shutil.which("python3.12") is None, "this test wants a PATH without CPython 3.12"
from sitebuild import bytecode
made = bytecode.derive(Path(sys.argv[2]), imports=["json", "numpy", "matplotlib.figure"], cache=Path(sys.argv[3]))
print(json.dumps({"stdlib": {k: str(v) for k, v in made.stdlib.items()},
                  "site": {k: str(v) for k, v in made.site.items()},
                  "fontlist": str(made.fontlist), "home": sorted(made.home)}))
"""


def test_the_build_makes_bytecode_and_the_font_list_without_cpython_312(tmp_path):
    """With only /usr/bin (Debian's python3.11, Node) on the PATH the build still compiles
    3.12 bytecode and makes the font list: it runs the browser's own Pyodide under Node."""
    python = str(DEBIAN_PYTHON) if DEBIAN_PYTHON.is_file() else shutil.which("python3")
    node = shutil.which("node")
    assert node, "the build needs Node (it bundles PyScript with esbuild too)"
    path = os.pathsep.join(dict.fromkeys([str(Path(node).parent), "/usr/bin", "/bin"]))
    env = {"PATH": path, "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    result = subprocess.run([python, "-c", SCRIPT, str(ROOT / "py"), str(RUNTIME / "pyodide"), str(tmp_path / "cache")],
                            capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    made = json.loads(result.stdout.strip().splitlines()[-1])
    assert "WARNING" not in result.stdout
    data = Path(made["stdlib"]["json/decoder.py"]).read_bytes()
    assert int.from_bytes(data[:2], "little") == 3531 and int.from_bytes(data[4:8], "little") == 0b01
    assert Path(made["site"]["matplotlib/figure.py"]).read_bytes()[:4] == data[:4]
    fonts = json.loads(Path(made["fontlist"]).read_text())
    assert fonts["_version"] == 330 and len(fonts["ttflist"]) >= 38
    assert "pyscript/__pycache__/__init__.cpython-312.pyc" in made["home"]


def test_a_new_import_grows_the_compiled_set_and_the_same_imports_reuse_the_cache(tmp_path, monkeypatch):
    runs = []

    def fake_run(pyodide_dir, imports, work, node):
        runs.append(list(imports))
        out = work / "out"
        (out / "stdlib/json").mkdir(parents=True)
        (out / "stdlib/json/__init__.pyc").write_bytes(b"x")
        (out / "fontlist.json").write_text('{"_version": 330, "ttflist": []}')
        (out / "modules.json").write_text(json.dumps({
            "magic": 3531, "version": "3.12.7", "fontlist": "fontlist.json", "stdlib": ["json/__init__.py"],
            "site": [], "home": [], "columns": False}))
        (work / "in.json").write_text(json.dumps({"imports": list(imports)}))

    monkeypatch.setattr(bytecode, "_run_pyodide", fake_run)
    bytecode.derive(RUNTIME / "pyodide", ["json"], cache=tmp_path)
    bytecode.derive(RUNTIME / "pyodide", ["json"], cache=tmp_path)
    bytecode.derive(RUNTIME / "pyodide", ["numpy"], cache=tmp_path)
    made = bytecode.derive(RUNTIME / "pyodide", ["json", "numpy"], cache=tmp_path)
    assert runs == [["json"], ["json", "numpy"]], "run once per new import, for the union"
    assert made.stdlib["json/__init__.py"].read_bytes() == b"x"


def test_a_failing_pyodide_run_leaves_a_working_slower_build(tmp_path, monkeypatch):
    monkeypatch.setattr(bytecode, "_run_pyodide", lambda *a: (_ for _ in ()).throw(RuntimeError("no node")))
    made = bytecode.derive(RUNTIME / "pyodide", ["json"], cache=tmp_path)
    assert not made.made and made.fontlist is None and made.stdlib == {} and made.site == {}
