"""Module 5: Optimisation. Newton-Raphson's cobweb, gradient descent, Newton with the Hessian,
Lagrange multipliers (solved with scipy in the worker) and the gradient-descent sandpit lab."""
from __future__ import annotations

from ...figures.descent import DescentScene, SandpitScene
from ...figures.lagrange import LagrangeScene
from ...figures.newton import NewtonScene
from ..dom import by_id, element, next_frame, on
from ..live_figure import mount


def main() -> None:
    newton = mount("fig-newton", NewtonScene(case="cycle", x0=0.0, step=0.0))
    _bind_newton(newton)
    mount("fig-descent", DescentScene(("gradient",), land="valley", gamma=0.09, steps=100.0))
    mount("fig-compare", DescentScene(("gradient", "newton", "hybrid"), land="wells", gamma=0.1, steps=100.0))
    lagrange = mount("fig-lagrange", LagrangeScene(problem="x2y-circle", t=20.0))
    _bind_lagrange(lagrange)
    sandpit = mount("fig-sandpit", SandpitScene(land="wells"))
    _bind_sandpit(sandpit)


def _spawn(coroutine) -> None:
    from ..exercises import spawn
    spawn(coroutine)


# --- Newton-Raphson: step buttons, and a new case starts at its own x0 -------------------------

def _bind_newton(fig) -> None:
    from ...optimise import CASES_BY_KEY
    step, x0, case = by_id("newton-step"), by_id("newton-x0"), by_id("newton-case")

    def show(control, value) -> None:
        control.value = str(value)
        out = fig.host.querySelector(f'output[for="{control.id}"]')
        if out is not None:
            out.value = f"{float(value):g}"

    def move(delta) -> None:
        value = max(0, min(int(float(step.max)), int(float(step.value)) + delta))
        show(step, value)
        fig.set(step=float(value))

    def new_case(_event) -> None:
        chosen = CASES_BY_KEY.get(str(case.value))
        if chosen is None:
            return
        show(x0, chosen.x0)
        show(step, 0)
        fig.set(case=chosen.key, x0=chosen.x0, step=0.0)

    on(by_id("newton-next"), "click", lambda _event: move(1))
    on(by_id("newton-back"), "click", lambda _event: move(-1))
    on(by_id("newton-reset"), "click", lambda _event: move(-100))
    on(case, "change", new_case)


# --- Lagrange: ask the worker (scipy.optimize.root) for the stationary points --------------------

def _bind_lagrange(fig) -> None:
    button, status, table = by_id("lagrange-solve"), by_id("lagrange-status"), by_id("lagrange-table")
    button.disabled = False
    status.textContent = "Ready: press Solve with scipy to find every stationary point of the Lagrangian."

    async def solve() -> None:
        from ...figures.tangent import fmt
        from ..checker import CheckerError, lab
        key = str(fig.scene.problem.key)
        button.disabled = True
        status.textContent = "Solving in the background (loading scipy the first time takes a few seconds)…"
        try:
            answer = await lab("lagrange", {"problem": key}, 60_000)
        except CheckerError as error:
            status.textContent = f"Could not solve: {error}"
            button.disabled = False
            return
        button.disabled = False
        solutions = answer["solutions"]
        fig.scene.mark(key, solutions)
        fig.set()
        rows = "".join(
            f"<tr><td>{fmt(s['x'], 4)}</td><td>{fmt(s['y'], 4)}</td><td>{fmt(s['lambda'], 4)}</td>"
            f"<td>{fmt(s['f'], 4)}</td><td>{s['kind']}</td></tr>" for s in solutions)
        table.querySelector("tbody").innerHTML = rows
        table.hidden = False
        status.textContent = (f"scipy.optimize.root found {len(solutions)} stationary points of the Lagrangian "
                              f"for {fig.scene.problem.title} (from {answer['starts']} starting guesses); "
                              "they are starred on the map.")

    on(button, "click", lambda _event: _spawn(solve()))


# --- the sandpit lab -----------------------------------------------------------------------------

ANIMATION_FRAMES_PER_STEP = 2


def _bind_sandpit(fig) -> None:
    from ...labs.descent import PRESET_NAMES, PRESETS, STARTER
    from ..widgets.code_editor import CodeEditor
    host, status, preset = by_id("sandpit-editor"), by_id("sandpit-status"), by_id("sandpit-preset")
    grade_button, grading, mine = by_id("sandpit-grade"), by_id("sandpit-grading"), by_id("sandpit-mine")
    load_button = by_id("sandpit-load")
    editor = CodeEditor({"starter": STARTER}, "sandpit", lambda: _spawn(grade()), lambda _text: None)
    editor.build(host)
    status.textContent = ("Ready: move over the map and click to run your next_step from there "
                          "(or press Run from the cross).")
    busy = []
    saved: dict = {}           # the learner's own code while a reference is in the editor

    def run(start) -> None:
        if not busy:
            _spawn(walk(start))

    async def walk(start) -> None:
        from ..checker import CheckerError, lab
        busy.append(True)
        land = str(fig.scene.land.key)
        status.textContent = f"Running your next_step from ({start[0]:.2f}, {start[1]:.2f})…"
        try:
            answer = await lab("descent", {"code": editor.value(), "land": land, "start": list(start),
                                           "steps": int(float(by_id("sandpit-steps").value))}, 20_000)
        except CheckerError as error:
            busy.clear()
            status.textContent = f"Your code could not finish: {error}"
            return
        fig.scene.set_path(land, answer["path"], answer["f"])
        fig.set()
        total = len(answer["path"])

        def frame(count=[0]) -> None:
            count[0] += 1
            if count[0] % ANIMATION_FRAMES_PER_STEP == 0:
                fig.scene.shown_points += 1
                fig.set()
            if fig.scene.shown_points < total and fig.scene.path_land == land:
                next_frame(frame)
            else:
                busy.clear()
                status.textContent = answer["message"]
        next_frame(frame)

    async def grade() -> None:
        from ..checker import CheckerError, lab
        grade_button.disabled = True
        grading.textContent = "Running the four property tests on your next_step in the background worker…"
        try:
            reply = await lab("descent", {"action": "grade", "code": editor.value()}, 30_000)
        except CheckerError as error:
            grading.textContent = f"The grading could not finish: {error}"
            return
        finally:
            grade_button.disabled = False
        grading.textContent = ""
        verdict = element("p", cls="lab-verdict", parent=grading, text=reply["message"])
        verdict.setAttribute("data-correct", "true" if reply["correct"] else "false")
        listing = element("ul", cls="lab-results", parent=grading)
        for item in reply["results"]:
            mark = "✔ passed" if item["passed"] else "✘ not yet"
            element("li", parent=listing, text=f"{item['name']}: {mark}. {item['message']}",
                    attrs={"data-property": item["name"], "data-passed": "true" if item["passed"] else "false"})
        element("p", parent=grading, text=(
            "Now compare yours with the reference solutions below." if reply["correct"] else
            "Change next_step and check again; the reference solutions below show each kind of answer."))

    def load_reference(_event) -> None:
        key = str(preset.value)
        source = PRESETS.get(key)
        if not source:
            return
        if "code" not in saved and editor.value() not in PRESETS.values():
            saved["code"] = editor.value()
        editor.restore(source)
        mine.hidden = "code" not in saved
        status.textContent = (f"The reference solution “{PRESET_NAMES[key]}” is in the editor (the course's, not "
                              "yours): run it by clicking the map, or check it.")

    def back_to_mine(_event) -> None:
        if "code" in saved:
            editor.restore(saved.pop("code"))
        mine.hidden = True
        status.textContent = "Your own code is back in the editor."

    fig.scene.on_run = run

    def clicked(event) -> None:
        fig.scene.on_pointer(*fig.data_point(event.clientX, event.clientY))
        fig.set()
        run(fig.scene.start())
    on(fig.canvas, "click", clicked)
    on(by_id("sandpit-run"), "click", lambda _event: run(fig.scene.start()))
    on(grade_button, "click", lambda _event: _spawn(grade()))
    on(load_button, "click", load_reference)
    on(mine, "click", back_to_mine)
    grade_button.disabled = False
    load_button.disabled = False
