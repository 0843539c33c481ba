"""Module 6: Regression. Chi-squared for a line and its contour map, the closed form, gradient
descent for a non-linear model, curve_fit in the worker, and the heights lab."""
from __future__ import annotations

import random

from ...figures.descent_fit import CompareScene, DescentScene
from ...figures.heights import HeightsScene
from ...figures.likelihood import LikelihoodScene
from ...figures.regression import LineFitScene, SlicesScene
from ...fitting import fmt
from ..dom import by_id, element, next_frame, on, window
from ..live_figure import mount


def main() -> None:
    line = mount("fig-line-fit", LineFitScene())
    slices = mount("fig-slices", SlicesScene())
    mount("fig-likelihood", LikelihoodScene())
    descent = mount("fig-descent", DescentScene())
    compare = mount("fig-compare", CompareScene())
    heights = mount("fig-heights", HeightsScene())
    _arm_pointer(line)
    _best_fit_button(line, "linefit-best")
    _best_fit_button(slices, "slices-best")
    _descent_controls(descent, compare)
    _curve_fit_lesson(descent, compare)
    _heights_lab(heights)


# --- helpers ------------------------------------------------------------------------------------
def _spawn(coroutine) -> None:
    from ..exercises import spawn
    spawn(coroutine)


def _set_controls(live, **params) -> None:
    """Move a figure's sliders (and their outputs) to ``params``, then redraw it."""
    for name, value in params.items():
        control = live.host.querySelector(f'input[data-param="{name}"]')
        if control is not None:
            control.value = str(value)
            output = live.host.querySelector(f'output[for="{control.id}"]')
            if output is not None:
                output.value = f"{float(control.value):g}"
    live.set(**params)


def _arm_pointer(live) -> None:
    """The contour map follows the pointer only while a button is pressed on it (a click or a
    drag), so moving the mouse across the figure on the way to a slider changes nothing."""
    def arm(_event):
        live.scene.armed = True

    def disarm(_event):
        live.scene.armed = False

    on(live.canvas, "pointerdown", arm)
    on(window, "pointerup", disarm)
    on(window, "pointercancel", disarm)


def _best_fit_button(live, button_id: str) -> None:
    button = by_id(button_id)
    button.disabled = False

    def jump(_event):
        m, c = live.scene.best
        _set_controls(live, m=m, c=c)     # the sliders snap to their steps; the figure keeps the exact values
    on(button, "click", jump)


# --- lesson 3: gradient descent, animated a few steps per frame ---------------------------------
def _descent_controls(live, compare) -> None:
    scene = live.scene
    step_button, run_button, reset_button = by_id("descent-step"), by_id("descent-run"), by_id("descent-reset")
    status = by_id("descent-status")
    running = {"on": False}

    def show() -> None:
        status.textContent = f"Step {len(scene.path) - 1}: {scene.status_text()}."
        run_button.textContent = "Pause" if running["on"] else ("Run on" if len(scene.path) > 1 else "Run")
        step_button.disabled = run_button.disabled = scene.done and not running["on"]
        if len(scene.path) > 1:
            compare.scene.set_fit("gradient descent", scene.current())
            compare.set()

    def frame() -> None:
        if not running["on"]:
            return
        # a few steps per frame, more as the path grows: seconds for thousands of steps
        scene.step(2 + len(scene.path) // 40)
        live.set()
        if scene.done:
            running["on"] = False
        show()
        if running["on"]:
            next_frame(frame)

    def one_step(_event):
        running["on"] = False
        scene.step(1)
        live.set()
        show()

    def run(_event):
        running["on"] = not running["on"]
        show()
        if running["on"]:
            next_frame(frame)

    def reset(_event):
        running["on"] = False
        scene._restart()
        live.set()
        show()

    for button, handler in ((step_button, one_step), (run_button, run), (reset_button, reset)):
        button.disabled = False
        on(button, "click", handler)
    for control in live.host.querySelectorAll("input[data-param]"):
        on(control, "input", lambda _event: (running.update(on=False), next_frame(show)))
    show()


# --- lesson 4: curve_fit in the worker -----------------------------------------------------------
def _curve_fit_lesson(descent, compare) -> None:
    button, out = by_id("curvefit-run"), by_id("curvefit-result")
    button.disabled = False

    async def go():
        from ..checker import CheckerError, lab
        a0, b0, _ = descent.scene.origin
        out.textContent = "Loading scipy in the background worker and fitting… (the first time takes a few seconds)"
        button.disabled = True
        try:
            result = await lab("curve_fit", {"data": "decay", "p0": [a0, b0]}, 60_000)
        except CheckerError as error:
            out.textContent = f"curve_fit could not run: {error}"
            return
        finally:
            button.disabled = False
        by_id("curvefit-code").textContent = result["code"]
        a, b = descent.scene.current()
        (ca, cb), (ea, eb) = result["params"], result["errors"]
        compare.scene.set_fit("gradient descent", (a, b))
        compare.scene.set_fit("curve_fit", (ca, cb), (ea, eb))
        compare.set()
        _table(out, "curvefit-table", "The page's gradient descent and scipy's curve_fit, from the same start",
               ["", f"gradient descent ({len(descent.scene.path) - 1} steps, {descent.scene.status})",
                f"curve_fit ({result['evaluations']} evaluations of the model)"],
               [["a", fmt(a, 4), f"{fmt(ca, 4)} ± {fmt(ea, 4)}"],
                ["b", fmt(b, 4), f"{fmt(cb, 4)} ± {fmt(eb, 4)}"],
                ["χ²", fmt(descent.scene.chi2_at((a, b)), 3), fmt(result["chi2"], 3)]])
        gap = max(abs(a - ca) / ea, abs(b - cb) / eb)
        element("p", parent=out, text=(
            f"The descent's answer is within {gap:.2g} standard errors of curve_fit's." if gap < 1 else
            f"The descent is still {gap:.2g} standard errors away from curve_fit's answer: run it on "
            "(or try a larger step size) and compare again."))

    on(button, "click", lambda _event: _spawn(go()))


def _table(parent, table_id: str, caption: str, head: list[str], rows: list[list[str]]) -> None:
    parent.textContent = ""
    wrap = element("div", cls="table-scroll", parent=parent)
    table = element("table", attrs={"id": table_id}, parent=wrap)
    element("caption", text=caption, parent=table)
    tr = element("tr", parent=element("thead", parent=table))
    for text in head:
        element("th", text=text, attrs={"scope": "col"}, parent=tr)
    body = element("tbody", parent=table)
    for row in rows:
        tr = element("tr", parent=body)
        element("th", text=row[0], attrs={"scope": "row"}, parent=tr)
        for text in row[1:]:
            element("td", text=text, parent=tr)


# --- the lab: fitting the distribution of heights -------------------------------------------------
def _heights_lab(live) -> None:
    from ..widgets.code_editor import CodeEditor

    area = by_id("heights-code")
    check_button, results = by_id("heights-check"), by_id("heights-results")
    mine, reference = by_id("heights-run-mine"), by_id("heights-run-reference")
    aggression, aggression_out = by_id("heights-aggression"), by_id("heights-aggression-out")
    fit_status, comparison = by_id("heights-fit-status"), by_id("heights-comparison")
    show_reference, reference_code = by_id("heights-show-reference"), by_id("heights-reference-code")
    state = {"passed": False, "busy": False}

    editor = CodeEditor({}, "heights", lambda: _spawn(check()), lambda _text: None)
    editor.area = area
    on(area, "keydown", editor._keydown)
    on(aggression, "input", lambda _event: setattr(aggression_out, "value", str(aggression.value)))
    aggression_out.value = str(aggression.value)

    def busy(flag: bool) -> None:
        state["busy"] = flag
        for button in (check_button, mine, reference):
            button.disabled = flag

    async def check():
        from ..checker import CheckerError, lab
        busy(True)
        results.textContent = "Running your functions on random inputs in the background worker…"
        try:
            reply = await lab("heights", {"action": "check", "source": str(area.value),
                                          "seed": random.randrange(1_000_000)}, 30_000)
        except CheckerError as error:
            results.textContent = f"The checker could not run your code: {error}"
            return
        finally:
            busy(False)
        results.textContent = ""
        state["passed"] = reply["passed"]
        listing = element("ul", cls="lab-results", parent=results)
        for item in reply["results"]:
            mark = "✔ passed" if item["passed"] else "✘ not yet"
            element("li", parent=listing, attrs={"data-function": item["name"],
                                                 "data-passed": "true" if item["passed"] else "false"},
                    text=f"{item['name']}: {mark}. {item['message']}")
        element("p", parent=results, text=(
            "All three pass: run the fit with your code." if reply["passed"] else
            "Fix the functions marked 'not yet' and check again (or run the fit with the reference code)."))

    async def run_fit(use_mine: bool):
        from ..checker import CheckerError, lab
        if use_mine and not state["passed"]:
            fit_status.textContent = "Check your code first: the fit runs your steepest_step once all three functions pass."
            return
        who = "your code" if use_mine else "the reference code"
        mu0, sig0 = live.scene.mu_sig()
        busy(True)
        comparison.textContent = ""
        fit_status.textContent = f"Fitting with {who} in the background worker…"
        try:
            reply = await lab("heights", {"action": "fit", "source": str(area.value) if use_mine else "",
                                          "mu": mu0, "sig": sig0, "aggression": float(aggression.value),
                                          "steps": 2000}, 60_000)
        except CheckerError as error:
            fit_status.textContent = f"The fit could not run: {error}"
            busy(False)
            return
        if reply.get("error"):
            fit_status.textContent = f"The fit with {who} stopped: {reply['error']}"
            busy(False)
            return
        path = reply["path"]
        per_frame = max(1, len(path) // 90)
        shown = {"n": 1}

        def frame() -> None:
            shown["n"] = min(len(path), shown["n"] + per_frame)
            live.scene.show_path(path, shown["n"], label=who)
            _set_controls(live, mu=round(path[shown["n"] - 1][0], 3), sig=round(path[shown["n"] - 1][1], 3))
            fit_status.textContent = f"Fitting with {who}: step {shown['n'] - 1} of {len(path) - 1}."
            if shown["n"] < len(path):
                next_frame(frame)
            else:
                _spawn(finish())

        async def finish():
            words = {"converged": "converged", "diverged": "diverged: lower the aggression and run again",
                     "limit": "stopped after 2000 steps"}[reply["status"]]
            fit_status.textContent = f"The fit with {who} {words} after {len(path) - 1} steps."
            comparison.textContent = "Asking scipy's curve_fit (in the worker) for comparison…"
            try:
                fitted = await lab("curve_fit", {"data": "heights", "p0": [mu0, sig0]}, 60_000)
            except CheckerError as error:
                comparison.textContent = f"curve_fit could not run: {error}"
                return
            finally:
                busy(False)
            mu, sig = path[-1]
            (cmu, csig), (emu, esig) = fitted["params"], fitted["errors"]
            _table(comparison, "heights-table", f"Steepest descent with {who} against scipy's curve_fit",
                   ["", f"steepest descent ({who}, {len(path) - 1} steps)", "curve_fit"],
                   [["μ (cm)", fmt(mu, 3), f"{fmt(cmu, 3)} ± {fmt(emu, 3)}"],
                    ["σ (cm)", fmt(sig, 3), f"{fmt(csig, 3)} ± {fmt(esig, 3)}"],
                    ["χ²", f"{reply['chi2'][-1]:.5e}", f"{fitted['chi2']:.5e}"]])
            gap = max(abs(mu - cmu) / emu, abs(sig - csig) / esig)
            element("p", parent=comparison, text=(
                f"The two agree: the descent is within {gap:.2g} standard errors of curve_fit's answer." if gap < 1
                else f"The descent ended {gap:.2g} standard errors from curve_fit's answer."))

        next_frame(frame)

    async def fetch_reference():
        from ..checker import CheckerError, lab
        try:
            reply = await lab("heights", {"action": "reference"}, 30_000)
        except CheckerError as error:
            reference_code.textContent = f"Could not fetch it: {error}"
            return
        reference_code.textContent = reply["source"]

    on(check_button, "click", lambda _event: _spawn(check()))
    on(mine, "click", lambda _event: _spawn(run_fit(True)))
    on(reference, "click", lambda _event: _spawn(run_fit(False)))
    on(show_reference, "toggle", lambda _event: _spawn(fetch_reference()) if show_reference.open else None)
    for button in (check_button, mine, reference):
        button.disabled = False
