"""A/B of the start-up mechanisms: variants of the built dist/ served side by side, one
page timed cold and warm in each, interleaved, with the floor page in the same run.

    .venv/bin/python py/bench/ab.py --runs 2 --variants none,font,pyc,all,floor

none: without the shipped font list and without py/pycache.zip; font: font list only;
pyc: bytecode only; oldfetch: loader.js counting bytes through a Response made in JS;
all: as built; floor: bench-floor.html. Build first (make.py build).
"""
import sys, json, tempfile, shutil, zipfile, argparse, statistics
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import run as B
from playwright.sync_api import sync_playwright

def config_edit(root, fn):
    p = root / "site/assets/runtime-config.js"
    head, _, body = p.read_text().partition("window.MVCALC_RUNTIME = ")
    data, end = json.JSONDecoder().raw_decode(body)
    fn(data)
    p.write_text(head + "window.MVCALC_RUNTIME = " + json.dumps(data) + body[end:])

def no_pyc(data):
    data["config"]["files"].pop("py/pycache.zip", None)

def no_font(root):
    src = root / "py/mvcalc.zip"; tmp = root / "py/x.zip"
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as b:
        for i in a.infolist():
            if not i.filename.endswith(".json"): b.writestr(i, a.read(i))
    tmp.replace(src)

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

VARIANTS = {
    "oldfetch": old_fetch,
    "none": lambda r: (config_edit(r, no_pyc), no_font(r)),
    "font": lambda r: config_edit(r, no_pyc),
    "pyc": lambda r: no_font(r),
    "all": lambda r: None,
}
ap = argparse.ArgumentParser(); ap.add_argument("--runs", type=int, default=2); ap.add_argument("--variants", default="none,all")
ap.add_argument("--page", default="site/m1-what-is-calculus/index.html"); ap.add_argument("--warm", action="store_true")
a = ap.parse_args()
work = Path(tempfile.mkdtemp()); top = work / "top"; top.mkdir()
names = a.variants.split(",")
for v in names:
    if v == "floor": continue
    shutil.copytree(B.DIST, top / v); VARIANTS[v](top / v)
shutil.copytree(B.DIST, top / "floor"); shutil.copy(B.HERE / "floor.html", top / "floor" / B.FLOOR_PAGE)
res = {v: [] for v in names}
args = argparse.Namespace(moves=10, checks=0)
with B.SiteServer(top) as server, sync_playwright() as p:
    for r in range(a.runs):
        for v in names:
            path = (f"floor/{B.FLOOR_PAGE}" if v == "floor" else f"{v}/{a.page}")
            out = B.measure_page(p, server.url, path, args, work) if v != "floor" else None
            if v == "floor":
                prof = Path(tempfile.mkdtemp(dir=work))
                ctx = p.chromium.launch_persistent_context(str(prof), executable_path=B.CHROMIUM, args=B.CHROMIUM_ARGS, headless=True)
                pg, _, m = B.open_page(ctx, server.url + path, False); ctx.close()
                row = {"first_plot_ms": m["floor"], "python_ready_ms": m["floorPackages"]}
                wrow = {}
            else:
                row, wrow = out["cold"], out["warm"]
            res[v].append((row, wrow))
            print(f"run {r} {v:6} cold ready {row.get('python_ready_ms') or 0:7.0f} plot {row.get('first_plot_ms') or 0:7.0f} | warm ready {wrow.get('python_ready_ms') or 0:7.0f} plot {wrow.get('first_plot_ms') or 0:7.0f}", flush=True)
print("medians:")
for v in names:
    med = lambda k, i: statistics.median([x[i].get(k) or 0 for x in res[v]])
    print(f"{v:6} cold ready {med('python_ready_ms',0):7.0f} plot {med('first_plot_ms',0):7.0f} | warm ready {med('python_ready_ms',1):7.0f} plot {med('first_plot_ms',1):7.0f}")
shutil.rmtree(work)
