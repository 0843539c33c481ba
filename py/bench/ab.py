"""A/B of the start-up mechanisms: variants of the built dist/ served side by side, one page
opened cold then warm (a second visit, same profile) in each, runs interleaved (the order
reversed every other run, so a load spike hits every variant alike), with the floor page.

    .venv/bin/python py/bench/ab.py --runs 6 --variants all,nosw,stock,floor

all: as built; nosw: without the service worker (the warm visit then comes from the HTTP
cache, the wasm inflated from its .gz by the page); plainwasm: the page fetches the plain
pyodide.asm.wasm, not its .gz; nostd: Pyodide's own python_stdlib.zip (no start-up bytecode);
stock: the runtime as verified, untransformed (sitebuild/transform.py: sources only, the
stale font list, every font and file, the plain wasm); oldfetch: loader.js counting bytes
through a Response made in JS; mathlater: maths typeset once PyScript starts loading Pyodide;
floor: bench-floor.html. Where the page registers the service worker, the cold visit waits
until it has taken over, so the warm visit is the one a learner gets after a first visit.
Build first (make.py build). Prints per variant the median and (in brackets) the minimum of
python ready and first plot, cold and warm, in ms from navigation start; on a loaded machine
compare medians of many runs, and the minimums.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import run as B  # noqa: E402
from sitebuild import serviceworker  # noqa: E402
from sitebuild.assemble import load_config  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def no_gzip(root):
    """Pages fetch the plain pyodide.asm.wasm (runtime-files.js finds nothing gzipped)."""
    p = root / "site/assets/runtime-config.js"
    text = p.read_text()
    start = text.index("window.MVCALC_RUNTIME.gzipped = ")
    p.write_text(text[:start] + "window.MVCALC_RUNTIME.gzipped = {};\n" + text[text.index("\n", start) + 1:])


def no_sw(root):
    """No service worker: registering it fails (a warning), so every visit goes to the server."""
    (root / "service-worker.js").unlink()


def no_std(root):
    """Pyodide's own python_stdlib.zip, without the build's bytecode (sitebuild/bytecode.py)."""
    from sitebuild.paths import RUNTIME
    shutil.copyfile(RUNTIME / "pyodide/python_stdlib.zip", root / "site/vendor/pyodide/python_stdlib.zip")


def stock(root):
    """The runtime exactly as verified (.cache/runtime/pyodide), none of the build's transform."""
    from sitebuild.paths import RUNTIME
    shutil.rmtree(root / "site/vendor/pyodide")
    shutil.copytree(RUNTIME / "pyodide", root / "site/vendor/pyodide", ignore=shutil.ignore_patterns("*.official.json"))
    no_gzip(root)
    no_sw(root)


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
    "nosw": no_sw,
    "plainwasm": no_gzip,
    "nostd": no_std,
    "stock": stock,
    "all": lambda r: None,
}


def visit(context, url: str, floor: bool) -> tuple:
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    key = "floor:first-plot" if floor else "mvcalc:first-plot"
    page.wait_for_function(f"performance.getEntriesByName('{key}').length > 0", timeout=B.READY_TIMEOUT_MS, polling=50)
    marks = page.evaluate(B.MARKS_JS)
    if not floor and page.evaluate("!!document.querySelector('script[src$=\"keep-offline.js\"]')") and \
            page.evaluate("fetch('../../service-worker.js', {method: 'HEAD'}).then(r => r.ok)"):
        page.wait_for_function("!!navigator.serviceWorker.controller", timeout=B.READY_TIMEOUT_MS, polling=100)
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
            if (top / v / serviceworker.WORKER).is_file():    # its manifest: the files as edited
                serviceworker.write(top / v, load_config())
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
