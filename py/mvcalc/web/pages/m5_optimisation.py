"""Module 5: Optimisation. Newton-Raphson's cobweb, gradient descent, Newton with the Hessian,
Lagrange multipliers (solved with scipy in the worker) and the gradient-descent sandpit lab
(mvcalc.web.labs.sandpit)."""
from __future__ import annotations

from ...figures.descent import DescentScene, SandpitScene
from ...figures.lagrange import LagrangeScene
from ...figures.newton import NewtonScene
from ..dom import by_id, on
from ..lab_kit import ask, button, fill_rows, nudge_buttons, ready
from ..labs.sandpit import sandpit_lab
from ..live_figure import mount


def main() -> None:
    _newton(mount("fig-newton", NewtonScene(case="cycle", x0=0.0, step=0.0)))
    mount("fig-descent", DescentScene(("gradient",), land="valley", gamma=0.09, steps=100.0))
    mount("fig-compare", DescentScene(("gradient", "newton", "hybrid"), land="wells", gamma=0.1, steps=100.0))
    _lagrange(mount("fig-lagrange", LagrangeScene(problem="x2y-circle", t=20.0)))
    sandpit_lab(mount("fig-sandpit", SandpitScene(land="wells")))
    ready("lagrange-status")


def _newton(fig) -> None:
    """Step buttons, and a new case starts at its own x0."""
    from ...optimise import CASES_BY_KEY
    nudge_buttons(fig, "step", "newton-step", {"next": 1, "back": -1, "reset": -100})

    def new_case(event) -> None:
        chosen = CASES_BY_KEY.get(str(event.target.value))
        if chosen is not None:
            fig.move(case=chosen.key, x0=chosen.x0, step=0.0)
    on(by_id("newton-case"), "change", new_case)


def _lagrange(fig) -> None:
    """Ask the worker (scipy.optimize.root) for the stationary points."""
    from ...figures.tangent import fmt
    status, table = by_id("lagrange-status"), by_id("lagrange-table")

    async def solve() -> None:
        key = str(fig.scene.problem.key)
        answer = await ask("lagrange", {"problem": key}, 60_000, say=status, busy=[solve_button])
        if answer is not None:
            fig.scene.mark(key, answer["solutions"])
            fig.set()
            fill_rows(table.querySelector("tbody"), [[fmt(s[k], 4) for k in ("x", "y", "lambda", "f")] + [s["kind"]]
                                                     for s in answer["solutions"]])
            table.hidden = False
            status.textContent = (f"scipy.optimize.root found {len(answer['solutions'])} stationary points of the "
                                  f"Lagrangian for {fig.scene.problem.title} (from {answer['starts']} starting "
                                  "guesses); they are starred on the map.")
    solve_button = button("lagrange-solve", solve)
