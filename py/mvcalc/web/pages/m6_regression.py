"""Module 6: Regression. Chi-squared for a line and its contour map, the closed form, gradient
descent for a non-linear model, curve_fit in the worker, and the heights lab."""
from __future__ import annotations

import random

from ...figures.descent_fit import CompareScene, DescentScene
from ...figures.heights import HeightsScene
from ...figures.likelihood import LikelihoodScene
from ...figures.regression import LineFitScene, SlicesScene
from ...fitting import fmt
from ...labs.report import replay_stride, standard_errors
from ..dom import by_id, element, next_frame, on, window
from ..lab_kit import Running, ask, button, code_area, every_frame, replay, report, spawn, table
from ..live_figure import mount

FIT_WORDS = {"converged": "converged", "diverged": "diverged: lower the aggression and run again",
             "limit": "stopped after 2000 steps"}


def main() -> None:
    line, slices = mount("fig-line-fit", LineFitScene()), mount("fig-slices", SlicesScene())
    mount("fig-likelihood", LikelihoodScene())
    descent, compare = mount("fig-descent", DescentScene()), mount("fig-compare", CompareScene())
    # the contour map follows the pointer only while a button is pressed on it (a click or a drag)
    on(line.canvas, "pointerdown", lambda _event: setattr(line.scene, "armed", True))
    for event in ("pointerup", "pointercancel"):
        on(window, event, lambda _event: setattr(line.scene, "armed", False))
    for live, name in ((line, "linefit"), (slices, "slices")):   # sliders snap; the figure keeps the exact values
        button(f"{name}-best", lambda live=live: live.move(**dict(zip("mc", live.scene.best))))
    _descent_controls(descent, compare)
    button("curvefit-run", lambda: _curve_fit(descent, compare))
    _heights_lab(mount("fig-heights", HeightsScene()))


def _descent_controls(live, compare) -> None:
    """Lesson 3: gradient descent, one step or run (a few steps per frame, more as the path grows)."""
    scene, status, running = live.scene, by_id("descent-status"), Running()

    def show() -> None:
        status.textContent = f"Step {len(scene.path) - 1}: {scene.status_text()}."
        run_button.textContent = "Pause" if running.on else ("Run on" if len(scene.path) > 1 else "Run")
        step_button.disabled = run_button.disabled = scene.done and not running.on
        if len(scene.path) > 1:
            compare.scene.set_fit("gradient descent", scene.current())
            compare.set()

    def act(steps: int = 0, restart: bool = False) -> None:
        running.stop()
        if restart:
            scene._restart()
        else:
            scene.step(steps)
        live.set()
        show()

    def frame(ticket: int) -> bool:
        if running.going(ticket):
            scene.step(2 + len(scene.path) // 40)
            live.set()
            if scene.done:
                running.stop()
            show()
        return running.going(ticket)

    def toggle() -> None:
        if running.on:
            running.stop()
        else:
            ticket = running.start()
            every_frame(lambda: frame(ticket))
        show()
    step_button, run_button = button("descent-step", lambda: act(1)), button("descent-run", toggle)
    button("descent-reset", lambda: act(restart=True))
    for control in live.host.querySelectorAll("input[data-param]"):
        on(control, "input", lambda _event: (running.stop(), next_frame(show)))
    show()


def _compare(out, table_id: str, caption: str, head: list[str], rows: list[tuple], found, fitted: dict) -> float:
    """A table of a descent's answer against curve_fit's (``rows``: name, digits, per parameter, then
    χ² as two cells); the gap between them in curve_fit's standard errors."""
    *params, chi2 = rows
    table(out, table_id, caption, head,
          [[name, fmt(v, d), f"{fmt(c, d)} ± {fmt(e, d)}"]
           for (name, d), v, c, e in zip(params, found, fitted["params"], fitted["errors"])] + [["χ²", *chi2]])
    return standard_errors(found, fitted["params"], fitted["errors"])


async def _curve_fit(descent, compare) -> None:
    """Lesson 4: scipy's curve_fit in the worker, from the descent's start."""
    out, (a0, b0, _) = by_id("curvefit-result"), descent.scene.origin
    result = await ask("curve_fit", {"data": "decay", "p0": [a0, b0]}, 60_000, say=out, busy=[by_id("curvefit-run")])
    if result is None:
        return
    by_id("curvefit-code").textContent = result["code"]
    found, steps = descent.scene.current(), len(descent.scene.path) - 1
    compare.scene.set_fit("gradient descent", found)
    compare.scene.set_fit("curve_fit", tuple(result["params"]), tuple(result["errors"]))
    compare.set()
    gap = _compare(out, "curvefit-table", "The page's gradient descent and scipy's curve_fit, from the same start",
                   ["", f"gradient descent ({steps} steps, {descent.scene.status})",
                    f"curve_fit ({result['evaluations']} evaluations of the model)"],
                   [("a", 4), ("b", 4), (fmt(descent.scene.chi2_at(found), 3), fmt(result["chi2"], 3))], found, result)
    element("p", parent=out, text=(
        f"The descent's answer is within {gap:.2g} standard errors of curve_fit's." if gap < 1 else
        f"The descent is still {gap:.2g} standard errors away from curve_fit's answer: run it on "
        "(or try a larger step size) and compare again."))


def _heights_lab(live) -> None:
    """The lab: the learner's functions checked in the worker, then the fit with their code (or the
    course's), replayed on the figure and compared with curve_fit."""
    results, fit_status, comparison = by_id("heights-results"), by_id("heights-fit-status"), by_id("heights-comparison")
    aggression, aggression_out, shown = by_id("heights-aggression"), by_id("heights-aggression-out"), by_id("heights-show-reference")
    passed = []
    editor = code_area("heights-code", "heights", lambda: check())
    on(aggression, "input", lambda _event: setattr(aggression_out, "value", str(aggression.value)))
    aggression_out.value = str(aggression.value)

    def hold(flag: bool) -> None:
        for node in buttons:
            node.disabled = flag

    async def check() -> None:
        reply = await ask("heights", {"action": "check", "source": editor.value(),
                                      "seed": random.randrange(1_000_000)}, 30_000, say=results, busy=buttons)
        if reply is not None:
            passed[:] = [reply["passed"]]
            report(results, reply["results"], "function", reply["passed"])

    async def run_fit(use_mine: bool) -> None:
        if use_mine and not any(passed):
            fit_status.textContent = "Check your code first: the fit runs your steepest_step once all three functions pass."
            return
        who, (mu0, sig0) = "your code" if use_mine else "the reference code", live.scene.mu_sig()
        comparison.textContent = ""
        reply = await ask("heights", {"action": "fit", "source": editor.value() if use_mine else "", "mu": mu0,
                                      "sig": sig0, "aggression": float(aggression.value), "steps": 2000}, 60_000,
                          say=fit_status, busy=buttons, waiting=f"Fitting with {who} in the background worker…")
        if reply is not None and reply.get("error"):
            fit_status.textContent = f"The fit with {who} stopped: {reply['error']}"
        if reply is None or reply.get("error"):
            return
        path = reply["path"]
        hold(True)

        def show(n: int) -> None:
            live.scene.show_path(path, n, label=who)
            live.move(mu=round(path[n - 1][0], 3), sig=round(path[n - 1][1], 3))
            fit_status.textContent = f"Fitting with {who}: step {n - 1} of {len(path) - 1}."
        replay(len(path), show, lambda: spawn(finish(who, path, reply, (mu0, sig0))), per_frame=replay_stride(len(path)))

    async def finish(who: str, path: list, reply: dict, start) -> None:
        fit_status.textContent = f"The fit with {who} {FIT_WORDS[reply['status']]} after {len(path) - 1} steps."
        fitted = await ask("curve_fit", {"data": "heights", "p0": list(start)}, 60_000, say=comparison, busy=buttons)
        if fitted is not None:
            gap = _compare(comparison, "heights-table", f"Steepest descent with {who} against scipy's curve_fit",
                           ["", f"steepest descent ({who}, {len(path) - 1} steps)", "curve_fit"],
                           [("μ (cm)", 3), ("σ (cm)", 3), (f"{reply['chi2'][-1]:.5e}", f"{fitted['chi2']:.5e}")],
                           path[-1], fitted)
            element("p", parent=comparison, text=(
                f"The two agree: the descent is within {gap:.2g} standard errors of curve_fit's answer." if gap < 1
                else f"The descent ended {gap:.2g} standard errors from curve_fit's answer."))

    async def fetch_reference() -> None:
        reply = await ask("heights", {"action": "reference"}, 30_000, say=by_id("heights-reference-code"),
                          failed="Could not fetch it")
        if reply is not None:
            by_id("heights-reference-code").textContent = reply["source"]
    buttons = [button("heights-check", check), button("heights-run-mine", lambda: run_fit(True)),
               button("heights-run-reference", lambda: run_fit(False))]
    on(shown, "toggle", lambda _event: spawn(fetch_reference()) if shown.open else None)
