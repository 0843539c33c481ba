"""A/B of the start-up mechanisms: variants of the built dist/ served side by side, one page
opened cold then warm (a second visit, same profile) in each, runs interleaved (the order
reversed every other run, so a load spike hits every variant alike), with the floor page.

    .venv/bin/python py/bench/ab.py --runs 6 --variants all,nostd,none,floor

none: without the font list, py/pycache.zip and the standard library's bytecode (the three
things sitebuild/bytecode.py makes); font: font list only; pyc: py/pycache.zip only; nostd:
all but the standard library's bytecode (Pyodide's own python_stdlib.zip); nofont: all but
the font list; before: the site before the build ran Pyodide under Node (py/pycache.zip only,
no standard-library bytecode, no font list where Pyodide's matplotlib reads it); oldfetch: loader.js counting bytes through a Response made in JS; all: as
built; floor: bench-floor.html. Build first (make.py build). Prints per variant the median
and (in brackets) the minimum of python ready and first plot, cold and warm, in ms from
navigation start; on a loaded machine compare medians of many runs, and the minimums.
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import run as B  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def config_edit(root, fn):
    p = root / "site/assets/runtime-config.js"
    head, _, body = p.read_text().partition("window.MVCALC_RUNTIME = ")
    data, end = json.JSONDecoder().raw_decode(body)
    fn(data)
    p.write_text(head + "window.MVCALC_RUNTIME = " + json.dumps(data) + body[end:])


def no_pyc(root):
    config_edit(root, lambda data: data["config"]["files"].pop("py/pycache.zip", None))


def no_std(root):
    """Pyodide's own python_stdlib.zip, without the build's bytecode (sitebuild/bytecode.py)."""
    from sitebuild.paths import RUNTIME
    shutil.copyfile(RUNTIME / "pyodide/python_stdlib.zip", root / "site/vendor/pyodide/python_stdlib.zip")


def no_font(root):
    src = root / "py/mvcalc.zip"
    tmp = root / "py/x.zip"
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as b:
        for i in a.infolist():
            if not i.filename.endswith(".json"):
                b.writestr(i, a.read(i))
    tmp.replace(src)


def slim_lock(root):
    """matplotlib without its lock dependencies fonttools and pytz, which no page imports."""
    p = root / "site/vendor/pyodide/pyodide-lock.json"
    lock = json.loads(p.read_text())
    lock["packages"]["matplotlib"]["depends"] = [
        d for d in lock["packages"]["matplotlib"]["depends"] if d not in ("fonttools", "pytz")]
    p.write_text(json.dumps(lock))


OLD_FETCH = """        var counter = new TransformStream({ transform: function (chunk, controller) {
          bytes.done += chunk.byteLength; show(null, percentFromBytes()); controller.enqueue(chunk); } });
        return new Response(response.body.pipeThrough(counter), {
          status: response.status, statusText: response.statusText, headers: response.headers });
"""


def old_fetch(root):
    """loader.js as it was: the page got a Response made in JS (no WebAssembly code cache)."""
    p = root / "site/assets/loader.js"
    s = p.read_text()
    start = s.index("        var reader = response.clone().body.getReader();")
    end = s.index("        return response;\n", start) + len("        return response;\n")
    p.write_text(s[:start] + OLD_FETCH + s[end:])


MATH_LATER = """    bytes.total = runtime.startupBytes || 0;
    buildStatus();
    startPython();
    var typeset = false;
    function typesetNow() {
      if (typeset) return;
      typeset = true;
      renderMath(document.body);
      document.documentElement.classList.add("math-ready");
      mark("mvcalc:readable");
    }
    window.addEventListener("py:progress", function (event) {
      if (String(event.detail || "") === "Loading Pyodide") setTimeout(typesetNow, 0);
    });
    setTimeout(typesetNow, 400);
"""


def math_later(root):
    """loader.js typesetting the page's maths once PyScript starts loading Pyodide (its wasm then
    streams and compiles off the main thread), not before PyScript's modules load."""
    p = root / "site/assets/loader.js"
    s = p.read_text()
    old = """    bytes.total = runtime.startupBytes || 0;
    renderMath(document.body);
    document.documentElement.classList.add("math-ready");
    mark("mvcalc:readable");
    buildStatus();
    startPython();
"""
    assert old in s
    p.write_text(s.replace(old, MATH_LATER))


VARIANTS = {
    "mathlater": math_later,
    "oldfetch": old_fetch,
    "none": lambda r: (no_pyc(r), no_font(r), no_std(r)),
    "font": lambda r: (no_pyc(r), no_std(r)),
    "pyc": lambda r: (no_font(r), no_std(r)),
    "nostd": no_std,
    "nofont": no_font,
    "before": lambda r: (no_font(r), no_std(r)),
    "slimlock": slim_lock,
    "all": lambda r: None,
}


def visit(context, url: str, floor: bool) -> tuple:
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    key = "floor:first-plot" if floor else "mvcalc:first-plot"
    page.wait_for_function(f"performance.getEntriesByName('{key}').length > 0", timeout=B.READY_TIMEOUT_MS, polling=50)
    marks = page.evaluate(B.MARKS_JS)
    page.close()
    return (marks["floorPackages"], marks["floor"], 0) if floor else \
        (marks["pythonStart"], marks["firstPlot"], marks["readable"] or 0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=4)
    ap.add_argument("--variants", default="none,all,floor")
    ap.add_argument("--page", default="site/m1-what-is-calculus/index.html")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp())
    top = work / "top"
    top.mkdir()
    names = a.variants.split(",")
    for v in names:
        shutil.copytree(B.DIST, top / v)
        if v == "floor":
            B.add_floor(top / v)
        else:
            VARIANTS[v](top / v)
    res = {v: [] for v in names}
    try:
        with B.SiteServer(top) as server, sync_playwright() as p:
            for r in range(a.runs):
                for v in (names if r % 2 == 0 else names[::-1]):
                    floor = v == "floor"
                    url = server.url + (f"floor/{B.FLOOR_PAGE}" if floor else f"{v}/{a.page}")
                    profile = Path(tempfile.mkdtemp(dir=work))
                    context = p.chromium.launch_persistent_context(
                        str(profile), executable_path=B.CHROMIUM, args=B.CHROMIUM_ARGS, headless=True,
                        viewport={"width": 1200, "height": 900})
                    try:
                        cold, warm = visit(context, url, floor), visit(context, url, floor)
                    except Exception as error:      # a crashed or stuck tab on a loaded machine
                        print(f"run {r} {v:8} failed: {str(error).splitlines()[0]}", flush=True)
                        continue
                    finally:
                        context.close()
                        shutil.rmtree(profile, ignore_errors=True)
                    res[v].append(cold[:2] + warm[:2] + (cold[2], warm[2]))
                    print(f"run {r} {v:8} cold ready {cold[0]:6.0f} plot {cold[1]:6.0f} | warm ready {warm[0]:6.0f} "
                          f"plot {warm[1]:6.0f} | readable {cold[2]:5.0f} / {warm[2]:5.0f}  (load {os.getloadavg()[0]:.1f})",
                          flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("medians (minimums), ms; for the floor 'ready' is loadPyodide + packages:")
    floor = statistics.median([x[1] for x in res["floor"]]) if "floor" in res else None
    for v in names:
        if not res[v]:
            print(f"{v:8} no successful run")
            continue
        cols = list(zip(*res[v]))
        f = lambda i: f"{statistics.median(cols[i]):6.0f} ({min(cols[i]):5.0f})"  # noqa: E731
        extra = f"  warm ready / floor = {statistics.median(cols[2]) / floor:.2f}" if floor and v != "floor" else ""
        print(f"{v:8} cold ready {f(0)} plot {f(1)} | warm ready {f(2)} plot {f(3)} | readable {f(4)} / {f(5)}{extra}")


if __name__ == "__main__":
    main()
