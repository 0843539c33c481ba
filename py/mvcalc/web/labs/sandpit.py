"""The gradient-descent sandpit lab (Module 5): a click on the map runs the learner's next_step from
there, in the worker (mvcalc.labs.descent), and the walk is replayed on the map; grading by
properties; the reference solutions, loaded into the editor and back."""
from __future__ import annotations

from ..dom import by_id
from ..lab_kit import ask, button, checked, code_area, ready, reference_swap, replay, spawn

FRAMES_PER_STEP = 2          # the sandpit's walk shows a new point every this many animation frames


def sandpit_lab(fig) -> None:
    """The lab's controls, driving the sandpit figure ``fig``."""
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

    def clicked(x: float, y: float) -> None:
        fig.scene.on_pointer(x, y)
        fig.set()
        walk_from(fig.scene.start())
    fig.scene.on_run = walk_from
    fig.on_click(clicked)
    grade_button = button("sandpit-grade", grade)
    button("sandpit-run", lambda: walk_from(fig.scene.start()))
    ready("sandpit-status")
