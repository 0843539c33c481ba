"""Module 5: Optimisation. Newton-Raphson's cobweb, gradient descent, Newton with the Hessian,
Lagrange multipliers (solved with scipy in the worker) and the gradient-descent sandpit lab."""
from __future__ import annotations

from ...figures.descent import DescentScene, SandpitScene
from ...figures.lagrange import LagrangeScene
from ...figures.newton import NewtonScene
from ..dom import by_id, on
from ..lab_kit import ask, button, checked, code_area, fill_rows, nudge_buttons, ready, reference_swap, replay, spawn
from ..live_figure import mount

FRAMES_PER_STEP = 2          # the sandpit's walk shows a new point every this many animation frames


def main() -> None:
    _newton(mount("fig-newton", NewtonScene(case="cycle", x0=0.0, step=0.0)))
    mount("fig-descent", DescentScene(("gradient",), land="valley", gamma=0.09, steps=100.0))
    mount("fig-compare", DescentScene(("gradient", "newton", "hybrid"), land="wells", gamma=0.1, steps=100.0))
    _lagrange(mount("fig-lagrange", LagrangeScene(problem="x2y-circle", t=20.0)))
    _sandpit(mount("fig-sandpit", SandpitScene(land="wells")))
    ready("lagrange-status", "sandpit-status")


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


def _sandpit(fig) -> None:
    """The lab: a click on the map runs the learner's next_step from there, in the worker;
    grading by properties; the reference solutions, loaded into the editor and back."""
    from ...labs.descent import PRESET_NAMES, PRESETS, STARTER
    status, grading = by_id("sandpit-status"), by_id("sandpit-grading")
    editor = code_area("sandpit-editor", "sandpit", lambda: grade(), starter=STARTER)
    walking = []               # a walk is being shown
    reference_swap(editor, "sandpit-preset", "sandpit-load", "sandpit-mine", PRESETS, PRESET_NAMES, status,
                   "The reference solution “{name}” is in the editor (the course's, not yours): run it by "
                   "clicking the map, or check it.")

    async def walk(start) -> None:
        walking.append(True)
        land = str(fig.scene.land.key)
        answer = await ask("descent", {"code": editor.value(), "land": land, "start": list(start),
                                       "steps": int(float(by_id("sandpit-steps").value))}, 20_000, say=status,
                           waiting=f"Running your next_step from ({start[0]:.2f}, {start[1]:.2f})…")
        if answer is None:
            return walking.clear()
        fig.scene.set_path(land, answer["path"], answer["f"])
        fig.set()
        replay(len(answer["path"]), lambda n: (setattr(fig.scene, "shown_points", n), fig.set()),
               lambda: (walking.clear(), setattr(status, "textContent", answer["message"])),
               frames_per_point=FRAMES_PER_STEP, going=lambda: fig.scene.path_land == land)

    async def grade() -> None:
        await checked("descent", {"action": "grade", "code": editor.value()}, 30_000, grading, "property",
                      passed="correct", verdict=True, busy=[grade_button])

    def walk_from(start) -> None:
        if not walking:
            spawn(walk(start))
    fig.scene.on_run = walk_from
    on(fig.canvas, "click", lambda event: (fig.scene.on_pointer(*fig.data_point(event.clientX, event.clientY)),
                                           fig.set(), walk_from(fig.scene.start())))
    grade_button = button("sandpit-grade", grade)
    button("sandpit-run", lambda: walk_from(fig.scene.start()))
