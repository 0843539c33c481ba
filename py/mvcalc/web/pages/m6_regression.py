"""Module 6: Regression. Chi-squared for a line and its contour map, the closed form, gradient
descent for a non-linear model, curve_fit in the worker, and the heights lab."""
from __future__ import annotations

import random

from ...figures.descent_fit import CompareScene, DescentScene
from ...figures.heights import HeightsScene
from ...figures.likelihood import LikelihoodScene
from ...figures.regression import LineFitScene, SlicesScene
from ...fitting import fmt
from ..dom import by_id
from ..lab_kit import Stepper, ask, button, checked, code_area, fill_on_open, fit_comparison, mirror, replay, spawn
from ..live_figure import mount

FIT_WORDS = {"converged": "converged", "diverged": "diverged: lower the aggression and run again",
             "limit": "stopped after 2000 steps"}


def main() -> None:
    line, slices = mount("fig-line-fit", LineFitScene()), mount("fig-slices", SlicesScene())
    mount("fig-likelihood", LikelihoodScene())
    descent, compare = mount("fig-descent", DescentScene()), mount("fig-compare", CompareScene())
    for live, name in ((line, "linefit"), (slices, "slices")):   # sliders snap; the figure keeps the exact values
        button(f"{name}-best", lambda live=live: live.move(**dict(zip("mc", live.scene.best))))

    def follow(scene=descent.scene) -> None:     # lesson 3: the comparison figure follows the descent
        if len(scene.path) > 1:
            compare.scene.set_fit("gradient descent", scene.current())
            compare.set()
    Stepper(descent, "descent", per_frame=lambda: 2 + len(descent.scene.path) // 40, shown=follow)
    button("curvefit-run", lambda: _curve_fit(descent, compare))
    _heights_lab(mount("fig-heights", HeightsScene()))


async def _curve_fit(descent, compare) -> None:
    """Lesson 4: scipy's curve_fit in the worker, from the descent's start."""
    out, scene, (a0, b0, _) = by_id("curvefit-result"), descent.scene, descent.scene.origin
    result = await ask("curve_fit", {"data": "decay", "p0": [a0, b0]}, 60_000, say=out, busy=[by_id("curvefit-run")])
    if result is not None:
        by_id("curvefit-code").textContent, found = result["code"], scene.current()
        compare.scene.set_fit("gradient descent", found)
        compare.scene.set_fit("curve_fit", tuple(result["params"]), tuple(result["errors"]))
        compare.set()
        fit_comparison(out, "curvefit-table", "The page's gradient descent and scipy's curve_fit, from the same start",
                       ["", f"gradient descent ({len(scene.path) - 1} steps, {scene.status})",
                        f"curve_fit ({result['evaluations']} evaluations of the model)"],
                       [("a", 4), ("b", 4)], found, result, (fmt(scene.chi2_at(found), 3), fmt(result["chi2"], 3)),
                       near="The descent's answer is within {gap} standard errors of curve_fit's.",
                       far="The descent is still {gap} standard errors away from curve_fit's answer: run it on "
                           "(or try a larger step size) and compare again.")


def _heights_lab(live) -> None:
    """The lab: the learner's functions checked in the worker, then the fit with their code (or the
    course's), replayed on the figure and compared with curve_fit."""
    results, fit_status, comparison = by_id("heights-results"), by_id("heights-fit-status"), by_id("heights-comparison")
    aggression, last = mirror("heights-aggression", "heights-aggression-out"), {}    # last: the last check's reply
    editor = code_area("heights-code", "heights", lambda: check())

    async def check() -> None:
        payload = {"action": "check", "source": editor.value(), "seed": random.randrange(1_000_000)}
        last.update(await checked("heights", payload, 30_000, results, "function", busy=buttons) or {})

    async def run_fit(use_mine: bool) -> None:
        if use_mine and not last.get("passed"):
            fit_status.textContent = "Check your code first: the fit runs your steepest_step once all three functions pass."
            return
        who, (mu0, sig0) = "your code" if use_mine else "the reference code", live.scene.mu_sig()
        comparison.textContent = ""
        reply = await ask("heights", {"action": "fit", "source": editor.value() if use_mine else "", "mu": mu0,
                                      "sig": sig0, "aggression": float(aggression.value), "steps": 2000}, 60_000,
                          say=fit_status, busy=buttons, waiting=f"Fitting with {who} in the background worker…",
                          stopped=f"The fit with {who} stopped")
        if reply is None:
            return
        path = reply["path"]

        def show(n: int) -> None:
            live.scene.show_path(path, n, label=who)
            live.move(mu=round(path[n - 1][0], 3), sig=round(path[n - 1][1], 3))
            fit_status.textContent = f"Fitting with {who}: step {n - 1} of {len(path) - 1}."

        async def finish() -> None:
            fit_status.textContent = f"The fit with {who} {FIT_WORDS[reply['status']]} after {len(path) - 1} steps."
            fitted = await ask("curve_fit", {"data": "heights", "p0": [mu0, sig0]}, 60_000, say=comparison, busy=buttons)
            if fitted is not None:
                fit_comparison(comparison, "heights-table", f"Steepest descent with {who} against scipy's curve_fit",
                               ["", f"steepest descent ({who}, {len(path) - 1} steps)", "curve_fit"],
                               [("μ (cm)", 3), ("σ (cm)", 3)], path[-1], fitted,
                               (f"{reply['chi2'][-1]:.5e}", f"{fitted['chi2']:.5e}"),
                               near="The two agree: the descent is within {gap} standard errors of curve_fit's answer.",
                               far="The descent ended {gap} standard errors from curve_fit's answer.")
        replay(len(path), show, lambda: spawn(finish()), in_frames=90, hold=buttons)
    buttons = [button("heights-check", check), button("heights-run-mine", lambda: run_fit(True)),
               button("heights-run-reference", lambda: run_fit(False))]
    fill_on_open("heights-show-reference", "heights-reference-code", "heights", {"action": "reference"}, "source",
                 failed="Could not fetch it")
