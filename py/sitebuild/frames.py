"""First frames: every live figure drawn by the build, so a page shows it as soon as its HTML
is parsed, long before Python is ready, and where Python never runs (a print, a failed load).

How a frame is made: the page's own script runs against the page's own HTML in a stand-in
browser (sitebuild/standin.py): ``main()`` mounts every figure with the scene arguments it
passes, ``live_figure.py`` reads the initial slider values from the HTML, sizes the figure
(720 CSS px, its widest) and draws it exactly as in the page; the buffer it puts on the canvas
is the frame. That happens at device pixel ratios 1 and 2 (``<img srcset>`` lets the browser
pick one, so a page downloads one set) and each buffer is shipped as a PNG with 256 colours
(median cut, no dithering: a few antialiased edge pixels move by more than a few levels, and
the file is about a third of a lossless one). The text alternative (``scene.describe()``),
readouts and keyboard help come along.

The PNGs are made from the drawn buffers afterwards, in .venv (``encode``): its Pillow is
Pyodide's (10.2.0) and makes the same bytes (compared frame by frame), natively in half the
time, and the colour reduction is most of the work.

It runs in the vendored Pyodide under Node (``pyodide_node.js``, as sitebuild/bytecode.py
does), not in CPython: the page's own runtime draws the very pixels the page will. CPython's
matplotlib 3.8.4 is not enough: its wheel has FreeType 2.6.1, Pyodide's 2.6.0, so text lands
a pixel apart, and its libm rounds differently in the last place, which the round-off noise
of Module 2's step-size figure shows (0.6 % of that frame's pixels moved).

Each page's frames are cached in ``.cache/frames/<slug>/`` with the sha256 of every file that
went into them (the page's HTML, every course module its script imported, this file, the
stand-in, the runtime's lock and pins); a build where none changed draws nothing.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent

FRAMES = "site/frames"          # in the built site: site/frames/<slug>/<figure id>[@2x].png
RATIOS = (1, 2)                 # device pixel ratios drawn; the browser picks one (srcset)
COLOURS = 256
INDEX = "index.json"
PACKAGES = "numpy,matplotlib,pillow"    # what the drawing needs in Pyodide (pyscript.toml's, and Pillow)
TASK = HERE / "frames_task.py"          # run in Pyodide: draws the pages /host/task.json names
DRAWERS = 2                             # Node processes drawing at once, each a share of the pages (2 cores)
# Inputs of every page's frames besides the course modules its script imports (repository paths).
ALWAYS = ("py/sitebuild/frames.py", "py/sitebuild/frames_task.py", "py/sitebuild/standin.py",
          "py/sitebuild/pages.py", "py/sitebuild/paths.py", "py/sitebuild/pyodide_node.js", "py/sitebuild/pins.json")


def file_name(figure_id: str, ratio: int) -> str:
    return f"{figure_id}.png" if ratio == 1 else f"{figure_id}@{ratio}x.png"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the build's side (any python 3.11): cache, copy, write into the pages ------------------

def _up_to_date(folder: Path) -> bool:
    """The cached frames in ``folder`` were drawn from exactly the files there now."""
    from .paths import ROOT
    try:
        index = json.loads((folder / INDEX).read_text())
    except (OSError, ValueError):
        return False
    for name, digest in index.get("inputs", {}).items():
        path = ROOT / name                  # (an absolute name stays absolute)
        if not path.is_file() or _digest(path) != digest:
            return False
    return all((folder / name).is_file() for figure in index["figures"] for name in figure["files"].values())


def ensure_frames(slugs: list[str] | None = None, cache: Path | None = None, node: str = "node") -> dict[str, Path]:
    """Each module page's folder of frames for the current sources, drawn where stale."""
    from .pages import modules
    from .paths import CACHE

    cache = cache or CACHE / "frames"
    slugs = slugs if slugs is not None else sorted(m.slug for m in modules())   # extra pages run no Python
    stale = [slug for slug in slugs if not _up_to_date(cache / slug)]
    if stale:
        print(f"frames: drawing the first frames of {', '.join(stale)} (Pyodide under Node)", flush=True)
        work = cache / ".drawing"
        shutil.rmtree(work, ignore_errors=True)
        started = time.monotonic()
        try:
            shares = [stale[i::DRAWERS] for i in range(min(DRAWERS, len(stale)))]
            with ThreadPoolExecutor(len(shares)) as pool:      # one Node process per share, side by side
                list(pool.map(lambda share: _draw(work / share[0], share, node), shares))
            print(f"frames: drawn in {time.monotonic() - started:.0f} s", flush=True)
            for share in shares:
                for slug in share:
                    _record_inputs(work / share[0], slug)
                    shutil.rmtree(cache / slug, ignore_errors=True)
                    (work / share[0] / "out" / slug).rename(cache / slug)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    for old in cache.iterdir() if cache.is_dir() else ():
        if old.is_dir() and old.name not in slugs:          # a page that is gone
            shutil.rmtree(old, ignore_errors=True)
    return {slug: cache / slug for slug in slugs}


def _draw(host: Path, slugs: list[str], node: str) -> None:
    from .paths import PY
    from .runtime import BuildError
    from .venv import venv_python
    stage(host, slugs)
    run_pyodide(host, TASK, node)
    folders = [str(host / "out" / slug) for slug in slugs]
    if subprocess.run([str(venv_python()), __file__, *folders], cwd=PY).returncode != 0:
        raise BuildError("the figures' first frames could not be made into PNGs (see the error above)")


def stage(host: Path, slugs: list[str], pages: dict[str, str] | None = None) -> None:
    """What Pyodide sees at /host: the course's Python and the drawing code (py/), the pages'
    HTML (site/<slug>/index.html, the sources or ``pages``) and the task (task.json)."""
    from .paths import PY, ROOT, SITE
    files = [p for p in (PY / "mvcalc").rglob("*.py") if "__pycache__" not in p.parts]
    files += [ROOT / name for name in ALWAYS if name.startswith("py/sitebuild/") and name.endswith(".py")]
    files += [HERE / "__init__.py"]
    for path in files:
        target = host / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for slug in slugs:
        target = host / "site" / slug / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        if pages and slug in pages:
            target.write_text(pages[slug], encoding="utf-8")
        else:
            shutil.copyfile(SITE / slug / "index.html", target)
    (host / "task.json").write_text(json.dumps({"slugs": slugs}))


def run_pyodide(host: Path, script: Path, node: str = "node") -> str:
    """Run ``script`` in the vendored Pyodide under Node with ``host`` at /host; its stdout."""
    from .paths import RUNTIME
    from .runtime import BuildError
    result = subprocess.run([node, str(HERE / "pyodide_node.js"), str(RUNTIME / "pyodide"), str(script), str(host),
                             PACKAGES], capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise BuildError("the figures' first frames could not be drawn (Pyodide under Node):\n"
                         + (result.stderr or result.stdout).strip()[-3000:])
    return result.stdout


def _record_inputs(work: Path, slug: str) -> None:
    """The index the drawing wrote names its inputs; add the sha256 of each (the staged copies,
    which are what was drawn from) and of the runtime's lock."""
    from .paths import ROOT, RUNTIME
    index_path = work / "out" / slug / INDEX
    index = json.loads(index_path.read_text())
    inputs = {name: _digest(work / name) for name in sorted(set(index.pop("used")) | set(ALWAYS))
              if (work / name).is_file()}
    inputs.update({name: _digest(ROOT / name) for name in ALWAYS if name not in inputs})
    lock = RUNTIME / "pyodide" / "pyodide-lock.json"
    inputs[lock.relative_to(ROOT).as_posix() if lock.is_relative_to(ROOT) else str(lock)] = _digest(lock)
    index["inputs"] = inputs
    index_path.write_text(json.dumps(index, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")


def write_frames(site: Path) -> dict[str, list[dict]]:
    """Copy every page's frames into the site being built (``site/frames/<slug>/``) with an
    index of them (``site/frames/index.json``: size, files and text alternative of each, for
    pages and worksheets); return the figures of each page, for ``markup``."""
    pages: dict[str, list[dict]] = {}
    for slug, folder in ensure_frames().items():
        index = json.loads((folder / INDEX).read_text())
        target = site / FRAMES / slug
        target.mkdir(parents=True, exist_ok=True)
        for figure in index["figures"]:
            for name in figure["files"].values():
                shutil.copyfile(folder / name, target / name)
        pages[slug] = index["figures"]
    shipped = {slug: [{key: figure[key] for key in ("id", "width", "height", "alt", "files")}
                      for figure in figures] for slug, figures in pages.items()}
    (site / FRAMES / INDEX).write_text(json.dumps(shipped, indent=1, sort_keys=True, ensure_ascii=False),
                                       encoding="utf-8")
    return pages


FIGURE = re.compile(r'<figure class="live-figure" id="(?P<id>[\w-]+)">.*?</figure>', re.S)
WAIT = ('<p class="figure-wait"><span class="wait-loading">The controls work in a moment</span>'
        '<span class="wait-failed">A still picture: Python could not start</span></p>')


def markup(slug: str, main: str, figures: list[dict]) -> str:
    """``main`` (a module page's lessons) with each figure's frame in its ``.plot`` box: an
    ``<img>`` (1x and 2x; width and height reserve the box, which keeps the frame's aspect
    ratio, so the canvas that replaces it fills the very same box), a note that the controls
    work in a moment, and the text alternative, readouts, slider values and keyboard help of
    that frame, so that nothing in the figure moves when Python takes over."""
    by_id = {figure["id"]: figure for figure in figures}
    done = set()

    def one(found: re.Match) -> str:
        figure = by_id.get(found.group("id"))
        if figure is None:
            return found.group(0)
        done.add(figure["id"])
        return _frame_figure(slug, found.group(0), figure)

    text = FIGURE.sub(one, main)
    missing = sorted(set(by_id) - done)
    if missing:
        from .pages import PageError
        raise PageError(f"site/{slug}/index.html: no <figure class=\"live-figure\"> for the frames of {missing}")
    return text


def _frame_figure(slug: str, block: str, figure: dict) -> str:
    from .pages import PageError
    fid, width, height = figure["id"], figure["width"], figure["height"]
    base = f"../frames/{slug}/"
    srcset = ", ".join(f"{base}{name} {ratio}x" for ratio, name in sorted(figure["files"].items()))
    alt = html.escape(figure["alt"], quote=True)
    image = (f'<img class="plot-frame" id="{fid}-frame" src="{base}{figure["files"]["1"]}" srcset="{srcset}" '
             f'width="{width}" height="{height}" alt="{alt}" elementtiming="frame" decoding="async">')
    plot = (f'<div class="plot framed" style="aspect-ratio: {width} / {height}">{image}{WAIT}</div>')
    block, count = re.subn(r'<div class="plot">(?:<div class="plot-placeholder">[^<]*</div>)?</div>',
                           lambda _m: plot, block, count=1)
    if not count:
        raise PageError(f'site/{slug}/index.html: #{fid} has no <div class="plot"> box for its frame')
    block = re.sub(r'(<p class="figure-alt"[^>]*>)(</p>)', lambda m: m.group(1) + html.escape(figure["alt"]) + m.group(2),
                   block, count=1)
    for name, value in figure.get("readouts", {}).items():
        block = re.sub(rf'(<(\w+)[^>]*\bdata-readout="{re.escape(name)}"[^>]*>)(?:…)?(</\2>)',
                       lambda m: m.group(1) + html.escape(value) + m.group(3), block)
    if figure.get("keys") and 'class="figure-keys"' not in block:     # live_figure adds it: the build, at once
        block = block[:-len("</figure>")] + (f'  <p class="figure-keys" id="{fid}-keys">{html.escape(figure["keys"])}</p>\n'
                                              "      </figure>")
    for control, value in figure.get("outputs", {}).items():
        block = re.sub(rf'(<output for="{re.escape(control)}">)(</output>)',
                       lambda m: m.group(1) + html.escape(value) + m.group(2), block)
    return block


# --- the PNGs (run in .venv: frames.py <folder>...) -----------------------------------------------

RAW = ".rgba"      # a drawn buffer, waiting to be made a PNG: <frame file name>.rgba


def encode(folder: Path) -> dict:
    """Make the PNGs of the buffers ``draw`` left in ``folder``, with their sizes in the index;
    return the index."""
    index_path = folder / INDEX
    index = json.loads(index_path.read_text())
    for figure in index["figures"]:
        dimensions = figure.pop("sizes")           # of each ratio's buffer: [width, height]
        for ratio, name in figure["files"].items():
            raw = folder / (name + RAW)
            data = encode_png(*dimensions[ratio], raw.read_bytes())
            (folder / name).write_bytes(data)
            raw.unlink()
            figure["bytes"][ratio] = len(data)
    index_path.write_text(json.dumps(index, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    sizes = {ratio: sum(f["bytes"][str(ratio)] for f in index["figures"]) for ratio in RATIOS}
    print(f"frames: {index['slug']}: {len(index['figures'])} figures, "
          + ", ".join(f"{size / 1e3:.0f} kB at {ratio}x" for ratio, size in sizes.items()), flush=True)
    return index


def encode_png(width: int, height: int, rgba: bytes) -> bytes:
    """An opaque RGBA buffer as a 256-colour PNG (median cut with a k-means refinement, no
    dithering: deterministic, so the same buffer gives the same bytes)."""
    import io

    import numpy as np
    from PIL import Image

    pixels = np.frombuffer(rgba, np.uint8).reshape(height, width, 4)
    if not (pixels[..., 3] == 255).all():
        raise ValueError("a figure with transparent pixels: its frame would show the page through it")
    image = Image.fromarray(np.ascontiguousarray(pixels[..., :3]), "RGB")
    paletted = image.quantize(COLOURS, method=Image.Quantize.MEDIANCUT, kmeans=3, dither=Image.Dither.NONE)
    out = io.BytesIO()
    paletted.save(out, "PNG", optimize=True)
    return out.getvalue()


# --- the drawing side (run in Pyodide: frames_task.py) ----------------------------------------


def _forget_course_modules() -> None:
    for name in [n for n in sys.modules if n == "mvcalc" or n.startswith("mvcalc.")]:
        del sys.modules[name]


async def draw_page(slug: str, ratio: float, width: int | None = None,
                    html: str | None = None) -> tuple[list[dict], set[str]]:
    """Run page ``slug``'s script on its HTML (``site/<slug>/index.html``, or ``html``: the built
    page, say), its figures written out first (pages.expand_figures), in the stand-in browser at ``ratio`` device pixels per CSS pixel and ``width`` CSS
    px (default: live_figure's widest); return each live figure's frame as the page shows it
    once settled (``id``, ``pixels``: (width, height, RGBA bytes) of its canvas, ``alt``,
    ``readouts``, ``outputs``, ``keys``) and the repository paths of the course modules that
    took part. The course's modules are imported afresh for each call."""
    import asyncio
    import importlib
    import inspect

    from .pages import expand_figures
    from .paths import ROOT, SITE
    from .standin import install

    standin = install()
    _forget_course_modules()
    boot = importlib.import_module("mvcalc.web.boot")
    live_figure = importlib.import_module("mvcalc.web.live_figure")
    source = html if html is not None else (SITE / slug / "index.html").read_text(encoding="utf-8")
    root = standin.open(expand_figures(slug, source), width=width or live_figure.MAX_WIDTH_PX, ratio=ratio)
    boot._import_plotting()
    page = importlib.import_module(f"mvcalc.web.pages.{slug.replace('-', '_')}")
    # main(), then what it set going at once (in-page labs, animation frames), as the page does
    # before a learner touches anything; a request to the worker fails here (there is none) and
    # changes no figure, as in the page until its answer comes
    result = page.main()
    if inspect.isawaitable(result):
        await result
    for _ in range(10):
        standin.run_frames()
        await asyncio.sleep(0)
        if not standin.queued and all(t.done() for t in asyncio.all_tasks() if t is not asyncio.current_task()):
            break
    figures = []
    for host in root.querySelectorAll("figure.live-figure"):
        canvas = host.querySelector("canvas")
        if canvas is None or canvas.pixels is None:
            continue                                    # not mounted by the page script
        keys = host.querySelector(".figure-keys")
        figures.append({
            "id": host.id, "pixels": canvas.pixels, "keys": keys.textContent if keys is not None else "",
            "alt": canvas.attrs.get("aria-label", ""),
            "readouts": {node.dataset.readout: node.textContent for node in host.querySelectorAll("[data-readout]")
                         if node.textContent},
            "outputs": {node.attrs["for"]: str(node.value) for node in host.querySelectorAll("output[for]")
                        if str(node.value)},
        })
    used = {Path(module.__file__).resolve() for name, module in list(sys.modules.items())
            if name.startswith("mvcalc") and getattr(module, "__file__", None)}
    used.add((SITE / slug / "index.html").resolve())
    return figures, {path.relative_to(ROOT).as_posix() for path in used if path.is_relative_to(ROOT)}


async def draw(folder: Path, slug: str) -> dict:
    """Draw page ``slug``'s frames into ``folder`` as buffers (``encode`` makes them PNGs) with
    their index (its inputs, by name, under "used"); return the index."""
    folder.mkdir(parents=True, exist_ok=True)
    figures: dict[str, dict] = {}
    used: set[str] = set()
    for ratio in RATIOS:
        drawn, modules = await draw_page(slug, ratio)
        used |= modules
        for one in drawn:
            width, height, rgba = one.pop("pixels")
            entry = figures.setdefault(one["id"], {**one, "files": {}, "bytes": {}, "sizes": {}})
            if ratio == 1:
                entry.update(width=width, height=height)
            if one["alt"] != entry["alt"]:
                raise ValueError(f"{slug} #{one['id']}: the text alternative depends on the pixel ratio")
            name = file_name(one["id"], ratio)
            (folder / (name + RAW)).write_bytes(rgba)
            entry["files"][str(ratio)] = name
            entry["sizes"][str(ratio)] = [width, height]
    index = {"slug": slug, "figures": list(figures.values()), "used": sorted(used)}
    (folder / INDEX).write_text(json.dumps(index, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    return index


if __name__ == "__main__":          # in .venv, from _draw: the drawn pages' folders
    for path in sys.argv[1:]:
        encode(Path(path))
