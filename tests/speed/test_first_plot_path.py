"""Every page's real first-plot path, run in CPython on the stand-in browser (sitebuild/standin.py)
with the page's own HTML (no timing: `python3 py/make.py bench` times it):

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
from sitebuild.standin import install

stem, html_path, moves = sys.argv[1], sys.argv[2], int(sys.argv[3])
standin = install()
standin.open(open(html_path, encoding="utf-8").read(), width=640, ratio=1)
marks = standin.marks


def run_frames():
    standin.run_frames(rounds=5)


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
