"""Run by the build inside the vendored Pyodide under Node (pyodide_node.js; see frames.py).

Reads /host/task.json ({"slugs": [module page slugs]}) and draws the first frames of each of
those pages into /host/out/<slug>/ (frames.draw), from the course's Python staged in /host/py
and the pages' HTML in /host/site. Top-level await: the runner runs this with runPythonAsync.
"""
import json
import sys
import warnings
from pathlib import Path

sys.path.insert(0, "/host/py")
warnings.simplefilter("ignore", DeprecationWarning)

from sitebuild import frames  # noqa: E402

for slug in json.loads(Path("/host/task.json").read_text())["slugs"]:
    await frames.draw(Path("/host/out") / slug, slug)  # noqa: F704
