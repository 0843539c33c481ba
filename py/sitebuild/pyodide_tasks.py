"""Run by the build inside the vendored Pyodide under Node (pyodide_node.js; see bytecode.py).

Reads /host/in.json ({"imports": [module names]}), imports what a page imports on its way to
the first figure, then writes into /host/out/:
- fontlist.json: the font list matplotlib made for itself, i.e. the very file a page would
  otherwise make on every visit. Pyodide's matplotlib keeps it beside font_manager.py (a Pyodide
  patch: not in MPLCONFIGDIR), and the one its wheel ships is stale (``_version`` 390, not
  3.8.4's 330), so without this a page rebuilds it, scanning every font, on every visit;
- stdlib/<member>c: bytecode of every standard-library module that was imported (members of
  /lib/python312.zip, where zipimport looks for ``<name>.pyc`` before ``<name>.py``);
- site/<pkg>/<mod>.pyc: bytecode of every imported module of the installed packages (numpy,
  matplotlib and their dependencies), named as it is shipped: in place of its source
  (sitebuild/transform.py), where Python's sourceless loader finds it;
- home/pyscript/__pycache__/<mod>.cpython-312.pyc: bytecode of PyScript's own Python package
  (given in "home": [source, file name in the browser, member]), checked against its source;
- modules.json: what was compiled, for the build's report and tests.
All bytecode is hash-based and unchecked (the sources are immutable, verified files), compiled
with the file name the browser's import system gives the module, so tracebacks are unchanged.
"""
import importlib
import importlib.util
import json
import os
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

STDLIB = "/lib/python312.zip/"
SITE = "/lib/python3.12/site-packages/"
OUT = "/host/out"
MPLCONFIG = "/tmp/mplconfig"

request = json.load(open("/host/in.json"))
os.makedirs(MPLCONFIG, exist_ok=True)
os.environ["MPLCONFIGDIR"] = MPLCONFIG
FONTLIST = importlib.util.find_spec("matplotlib").submodule_search_locations[0] + "/fontlist.json"
if os.path.exists(FONTLIST):
    os.remove(FONTLIST)              # the wheel's own (stale) list: matplotlib makes a new one

import matplotlib  # noqa: E402

matplotlib.use("agg")
import matplotlib.font_manager  # noqa: E402  (makes the font list, FONTLIST)

failed = []
for name in request["imports"]:
    try:
        importlib.import_module(name)
    except Exception as error:   # not installed here (sympy, scipy: the worker's), or a name
        parent, _, attribute = name.rpartition(".")        # that is a class, not a module
        if not (parent in sys.modules and hasattr(sys.modules[parent], attribute)):
            failed.append(f"{name}: {type(error).__name__}")

with open(FONTLIST) as source:
    fonts = source.read()
if json.loads(fonts)["_version"] != matplotlib.font_manager.FontManager.__version__:
    raise RuntimeError(f"{FONTLIST} is not the font list of this matplotlib")
os.makedirs(OUT, exist_ok=True)
with open(f"{OUT}/fontlist.json", "w") as target:
    target.write(fonts)

stdlib = zipfile.ZipFile(STDLIB.rstrip("/"))


def write_pyc(path: str, source: bytes, filename: str) -> None:
    code = compile(source, filename, "exec", dont_inherit=True)
    data = _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


compiled = {"stdlib": [], "site": []}
for name, module in sorted(sys.modules.items()):
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None) or ""
    if not origin.endswith(".py"):
        continue
    if origin.startswith(STDLIB):
        member = origin[len(STDLIB):]
        write_pyc(f"{OUT}/stdlib/{member}c", stdlib.read(member), origin)
        compiled["stdlib"].append(member)
    elif origin.startswith(SITE):
        member = origin[len(SITE):]
        with open(origin, "rb") as handle:
            write_pyc(f"{OUT}/site/{member}c", handle.read(), origin)
        compiled["site"].append(member)

# modules PyScript writes into the working directory (/home/pyodide/pyscript/*.py) and imports
# at start-up: bytecode with a CHECKED hash, so Python uses it only if the source is the same
compiled["home"] = []
for source, filename, member in request.get("home", []):
    with open(source, "rb") as handle:
        code = compile(handle.read(), filename, "exec", dont_inherit=True)
        handle.seek(0)
        data = _code_to_hash_pyc(code, importlib.util.source_hash(handle.read()), checked=True)
    os.makedirs(os.path.dirname(f"{OUT}/home/{member}"), exist_ok=True)
    with open(f"{OUT}/home/{member}", "wb") as handle:
        handle.write(data)
    compiled["home"].append(member)

with open(f"{OUT}/modules.json", "w") as handle:
    json.dump({"magic": int.from_bytes(importlib.util.MAGIC_NUMBER[:2], "little"),
               "cache_tag": sys.implementation.cache_tag, "version": sys.version.split()[0],
               "fontlist": "fontlist.json", "fonts": len(json.loads(fonts)["ttflist"]), "not_imported": failed,
               # False when compiled without column tables (PYTHONNODEBUGRANGES, pyodide_node.js)
               "columns": list(compile("a + b", "x", "eval").co_positions())[-1][2] is not None,
               **compiled}, handle, indent=1)
print(f"pyodide: {len(compiled['stdlib'])} standard-library, {len(compiled['site'])} package and "
      f"{len(compiled['home'])} PyScript modules compiled")
