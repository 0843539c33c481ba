"""The heights lab (Module 6): the learner's functions checked in the worker (mvcalc.labs.heights),
then the fit with their code (or the course's), replayed on the figure and compared with scipy's
curve_fit."""
from __future__ import annotations

import random

from ..dom import by_id
from ..lab_kit import ask, button, checked, code_area, fill_on_open, fit_comparison, mirror, replay, spawn

FIT_WORDS = {"converged": "converged", "diverged": "diverged: lower the aggression and run again",
             "limit": "stopped after 2000 steps"}


def heights_lab(live) -> None:
    """The lab's controls, driving the heights figure ``live``."""
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
