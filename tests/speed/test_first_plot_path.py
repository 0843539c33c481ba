"""Every page's real first-plot path, run in CPython on a stand-in DOM made from the page's
own HTML (no timing: `python3 py/make.py bench` times it):

- boot's plotting imports, the page script's import and its ``main()`` (every figure built,
  drawn and put on its canvas) never import sympy, scipy or mpmath: they are the worker's,
  and would block the page for seconds;
- dragging any figure's continuous range slider never re-renders the whole figure while it
  moves: LiveFigure blits the moving artists once per animation frame (a scene with drafts
  may re-render once when the learner lets go, on ``change``). Sliders with at most
  CHOICE_POSITIONS positions are choices (which function, how many terms) and may redraw
  whole on each of their few changes.

Pages are found automatically: every ``py/mvcalc/web/pages/*.py`` with a ``main`` and its
``site/<slug>/index.html``, so new pages are covered the day they land.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild.pages import expand_figures

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "py" / "mvcalc" / "web" / "pages"
HEAVY = ("sympy", "scipy", "mpmath")
CHOICE_POSITIONS = 10    # a range slider with this few positions is a choice, not a continuous drag


def page_scripts() -> list[str]:
    return sorted(p.stem for p in PAGES.glob("m*.py") if "def main(" in p.read_text())


def page_html(stem: str) -> Path:
    return ROOT / "site" / stem.replace("_", "-") / "index.html"


HARNESS = r'''
import json, sys, types, importlib
from html.parser import HTMLParser

stem, html_path, moves = sys.argv[1], sys.argv[2], int(sys.argv[3])


class Node:
    """Just enough of a DOM element for mvcalc.web: attributes, children, listeners."""

    def __init__(self, tag, attrs=()):
        attrs = dict(attrs)
        self.tagName = tag.upper()
        self.attrs = attrs
        self.children = []
        self.parent = None
        self.listeners = {}
        self.style = types.SimpleNamespace()
        self.dataset = types.SimpleNamespace(**{
            "".join(w if i == 0 else w.capitalize() for i, w in enumerate(k[5:].split("-"))): v
            for k, v in attrs.items() if k.startswith("data-")})
        self.id = attrs.get("id", "")
        self.className = attrs.get("class", "")
        self.value = attrs.get("value", "")
        self.hidden = "hidden" in attrs
        self.checked = "checked" in attrs
        self.disabled = "disabled" in attrs
        self.textContent = ""
        self.clientWidth = 640
        self.width = self.height = 0

    def appendChild(self, child):
        child.parent = self
        self.children.append(child)
        return child

    def setAttribute(self, name, value):
        self.attrs[name] = str(value)
        if name == "id":
            self.id = str(value)

    def removeAttribute(self, name):
        self.attrs.pop(name, None)

    def getAttribute(self, name):
        return self.attrs.get(name)

    def addEventListener(self, event, handler, *options):
        self.listeners.setdefault(event, []).append(handler)

    def getBoundingClientRect(self):
        return types.SimpleNamespace(left=0, top=0, right=640, bottom=400, width=640, height=400, x=0, y=0)

    def focus(self, *args):
        pass

    def walk(self):
        for child in self.children:
            yield child
            yield from child.walk()

    def matches(self, selector):
        import re
        for part in selector.split(","):
            m = re.fullmatch(r"\s*([a-z0-9]*)((?:\.[\w-]+)*)((?:\[[^\]]+\])*)\s*", part)
            if not m:
                raise ValueError(f"the stand-in DOM does not know the selector {part!r}")
            tag, classes, attributes = m.groups()
            if tag and self.tagName != tag.upper():
                continue
            if any(c not in self.className.split() for c in classes.split(".")[1:]):
                continue
            ok = True
            for name, _, value in re.findall(r"\[([\w-]+)(=\"?([^\]\"]*)\"?)?\]", attributes):
                got = self.id if name == "id" else self.attrs.get(name)
                if got is None or (_ and got != value):
                    ok = False
            if ok:
                return True
        return False

    def querySelectorAll(self, selector):
        return [n for n in self.walk() if n.matches(selector)]

    def querySelector(self, selector):
        found = self.querySelectorAll(selector)
        return found[0] if found else None


class Page(HTMLParser):
    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "area", "col", "wbr"}

    def __init__(self):
        super().__init__()
        self.root = self.current = Node("html")

    def handle_starttag(self, tag, attrs):
        node = self.current.appendChild(Node(tag, [(k, v if v is not None else "") for k, v in attrs]))
        if tag == "option" and ("selected" in node.attrs or not self.current.value):
            self.current.value = node.attrs.get("value", "")
        if tag not in self.VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tagName != tag.upper():
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent


parser = Page()
parser.feed(open(html_path, encoding="utf-8").read())
root = parser.root
frames, puts, marks = [], [0], []


class Performance:
    @staticmethod
    def mark(name):
        marks.append(name)

    @staticmethod
    def now():
        return 0.0


window = Node("window")
window.devicePixelRatio = 1
window.performance = Performance()
window.requestAnimationFrame = lambda callback: frames.append(callback)
window.setTimeout = lambda callback, delay=0: frames.append(lambda _t=0: callback())
window.mvcalcBridge = types.SimpleNamespace(putRGBA=lambda *a: puts.__setitem__(0, puts[0] + 1))
window.mvcalcLoader = types.SimpleNamespace(renderMath=lambda node: None, stage=lambda *a: None)
document = types.SimpleNamespace(
    createElement=lambda tag: Node(tag),
    getElementById=lambda i: next((n for n in root.walk() if n.id == i), None),
    querySelector=root.querySelector, querySelectorAll=root.querySelectorAll, body=root)
js = types.ModuleType("js")
js.window, js.document, js.performance, js.console = window, document, window.performance, None
ffi = types.ModuleType("pyodide.ffi")


class Proxy:
    def __init__(self, function):
        self.function = function

    def __call__(self, *args):
        return self.function(*args)

    def destroy(self):
        pass


ffi.create_proxy = Proxy
ffi.to_js = lambda value, **_: value
pyodide = types.ModuleType("pyodide")
pyodide.ffi = ffi
sys.modules.update({"js": js, "pyodide": pyodide, "pyodide.ffi": ffi})


def run_frames():
    for _ in range(5):
        pending = frames[:]
        del frames[:]
        for callback in pending:
            callback(0.0)
        if not frames:
            return


def heavy():
    return sorted(n for n in ("sympy", "scipy", "mpmath") if n in sys.modules)


report = {"heavy": {}, "figures": {}}
boot = importlib.import_module("mvcalc.web.boot")
boot._import_plotting()
report["heavy"]["boot"] = heavy()
live_figure = importlib.import_module("mvcalc.web.live_figure")
mounted = []
real_init = live_figure.LiveFigure.__init__


def init(self, host, scene):
    real_init(self, host, scene)
    mounted.append(self)


live_figure.LiveFigure.__init__ = init
page = importlib.import_module(f"mvcalc.web.pages.{stem}")
report["heavy"]["import"] = heavy()
page.main()
run_frames()
report["heavy"]["main"] = heavy()
report["first_plot_marks"] = marks.count("mvcalc:first-plot")

for figure in mounted:
    for control in figure.host.querySelectorAll("input[data-param]"):
        if control.attrs.get("type") != "range" or not control.listeners.get("input"):
            continue
        low, high = float(control.attrs.get("min", 0)), float(control.attrs.get("max", 1))
        step = control.attrs.get("step", "any")
        full_before, blit_before = figure.full_draws, figure.blit_draws
        for i in range(moves):
            value = low + (high - low) * (0.5 + 0.45 * (-1) ** i * (i % 7) / 7)
            if step not in ("", "any"):
                value = low + round((value - low) / float(step)) * float(step)
            control.value = repr(min(high, max(low, value)))
            for handler in control.listeners["input"]:
                handler(types.SimpleNamespace(target=control, type="input"))
            run_frames()
        drag_full = figure.full_draws - full_before
        for handler in control.listeners.get("change", []):
            handler(types.SimpleNamespace(target=control, type="change"))
        run_frames()
        positions = (high - low) / float(step) + 1 if step not in ("", "any") else float("inf")
        report["figures"][f"{figure.host.id} #{control.id}"] = {
            "moves": moves, "positions": positions, "full_while_dragging": drag_full,
            "blits_while_dragging": figure.blit_draws - blit_before,
            "full_on_release": figure.full_draws - full_before - drag_full}
report["heavy"]["sliders"] = heavy()
print(json.dumps(report))
'''


def run_page(stem: str, tmp_path: Path, moves: int = 12) -> dict:
    html = page_html(stem)
    assert html.is_file(), f"page script {stem}.py has no {html.relative_to(ROOT)}"
    expanded = tmp_path / "index.html"
    expanded.write_text(expand_figures(                # the figures' markup, as the build writes it
        html.parent.name, html.read_text(encoding="utf-8")), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", HARNESS, stem, str(expanded), str(moves)],
                            cwd=ROOT / "py", capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{stem}: the first-plot path failed:\n{result.stderr[-3000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_page_script_is_found():
    stems = page_scripts()
    assert "m1_what_is_calculus" in stems
    assert all(page_html(stem).is_file() for stem in stems)


@pytest.mark.parametrize("stem", page_scripts())
def test_first_plot_path_is_light_and_sliders_blit(stem, tmp_path):
    report = run_page(stem, tmp_path)
    for stage, modules in report["heavy"].items():
        assert not modules, f"{stem}: {', '.join(modules)} imported on the page's main thread ({stage})"
    assert report["first_plot_marks"] == 1, "the page drew its first figure, and marked it once"
    for name, drag in report["figures"].items():
        if drag["positions"] <= CHOICE_POSITIONS:
            continue       # a few-position slider (0, 1, 2, 3 derivatives) may switch what is drawn
        assert drag["full_while_dragging"] == 0, \
            f"{stem} {name}: {drag['full_while_dragging']} full re-renders in {drag['moves']} slider moves"
        assert drag["blits_while_dragging"] >= drag["moves"] - 1, f"{stem} {name}: moves not drawn by blitting"
        assert drag["full_on_release"] <= 1, f"{stem} {name}: letting go re-renders at most once"
