"""Gradient descent in a sandpit: the learner's ``next_step(f, J, H)`` walks a landscape, and
property tests grade it (:mod:`mvcalc.labs.descent_checks`, shared with the download).

Requests (JSON), run in the worker:
- ``{"action": "walk" (the default), "code": source, "land": key, "start": [x, y], "steps": n}``:
  at each point p the learner's function is called with the numbers f(p), J(p) (a numpy
  vector) and H(p) (a 2 x 2 numpy array), as in the source course's sandpit, and returns the
  step to take; the whole path comes back for the page to animate:
  ``{"path": [[x, y], ...], "f": [...], "status": ..., "message": ...}``.
- ``{"action": "grade", "code": source}``: the four properties, ``{"correct", "passed",
  "results": [{"name", "passed", "message"}], "message"}``. The code is loaded afresh for every
  walk, so a function that keeps memory in a global starts each walk clean.

The learner's code runs only through :mod:`mvcalc.questions.code_runner` (via ``sandbox``),
imported when a request comes: the page itself imports only the starter and the presets.
"""
from __future__ import annotations

from mvcalc.labs.blanks import fill

TIME_LIMIT = 3.0          # seconds of learner code per walk
GRADE_TIME_LIMIT = 5.0    # ... for all the walks of a grading

STARTER = '''def next_step(f, J, H):
    # f: the height here (a number); J: the gradient, a numpy vector [df/dx, df/dy];
    # H: the Hessian, a 2 x 2 numpy array. Return the step to take, [dx, dy].
    # YOUR CODE: next_step
    return np.zeros(2)          # no step yet: write your rule here
    # END YOUR CODE
'''

# The reference solutions, by preset: the answer to the blank for each kind of descent.
ANSWERS = {
    "fixed": '''gamma = 0.09                 # below 2/20 = 0.1, the narrow valley's limit
return -gamma * J
''',
    "newton": '''# Newton's step: solve H d = -J (one step to the bottom of a quadratic)
return -np.linalg.solve(H, J)
''',
    "hybrid": '''gamma = 0.09
step = -np.linalg.solve(H, J)          # Newton's step...
if step @ J >= 0 or np.linalg.norm(step) > 2:
    step = -gamma * J                  # ...unless it points uphill or is too long
return step
''',
}
SHRINKING = '''memory = {"gamma": 0.5, "last_f": None, "last_step": None}


def reset():
    # called before every new walk: forget the last one
    memory.update(gamma=0.5, last_f=None, last_step=None)


def next_step(f, J, H):
    # steepest descent with a shrinking step size: if the last step went uphill,
    # step back to where we were and halve gamma
    if memory["last_f"] is not None and f > memory["last_f"]:
        memory["gamma"] = memory["gamma"] / 2
        back = -memory["last_step"]
        memory["last_f"] = None
        return back
    memory["last_f"] = f
    memory["last_step"] = -memory["gamma"] * J
    return memory["last_step"]
'''

PRESETS = {
    "fixed": fill(STARTER, {"next_step": ANSWERS["fixed"]}),
    "shrinking": SHRINKING,
    "newton": fill(STARTER, {"next_step": ANSWERS["newton"]}),
    "hybrid": fill(STARTER, {"next_step": ANSWERS["hybrid"]}),
}
PRESET_NAMES = {"fixed": "fixed steps", "shrinking": "shrinking γ", "newton": "Newton", "hybrid": "hybrid"}
REFERENCE = PRESETS["hybrid"]     # passes all four properties


def _fresh(source: str, budget):
    """A factory of the learner's next_step, loaded anew (so its memory is clean) for each walk,
    after their ``reset()`` if they wrote one. NotLoaded if the code cannot be used."""
    from mvcalc.labs import sandbox
    from mvcalc.labs.judge import CodeFailed, attempt

    def failing(error: str):
        def next_step(*_args):
            raise CodeFailed(error)
        return next_step

    def fresh():
        try:
            functions, namespace = sandbox.load(source, ["next_step"], budget)
        except sandbox.NotLoaded as problem:      # loaded before, so the budget ran out since
            return failing(f"could not run: {problem}")
        if callable(namespace.get("reset")):
            _, error = attempt(sandbox.guarded(namespace["reset"], budget, source))
            if error:
                return failing(f"did not start, because your reset() failed: {error}")
        return functions["next_step"]
    return fresh


def walk(source: str, land_key: str, start, steps: int = 100) -> dict:
    from mvcalc.labs import sandbox
    from mvcalc.labs.descent_checks import walk as walk_with
    from mvcalc.optimise import LANDSCAPES_BY_KEY
    from mvcalc.questions import code_runner

    land = LANDSCAPES_BY_KEY[land_key]
    budget = code_runner.Budget(TIME_LIMIT, code_runner.STEP_LIMIT)
    try:
        sandbox.load(source, ["next_step"], budget)
    except sandbox.NotLoaded as problem:
        point = [float(v) for v in start]
        return {"path": [point], "f": [float(land.f(point))], "status": "error", "message": str(problem),
                "steps": 0, "land": land_key}
    return walk_with(_fresh(source, budget)(), land, start, steps)


def grade(source: str) -> dict:
    from mvcalc.labs import sandbox
    from mvcalc.labs.descent_checks import PROPERTIES, grade as grade_with
    from mvcalc.questions import code_runner

    budget = code_runner.Budget(GRADE_TIME_LIMIT, 4 * code_runner.STEP_LIMIT)
    try:
        sandbox.load(source, ["next_step"], budget)
    except sandbox.NotLoaded as problem:
        return {"correct": False, "passed": 0, "message": str(problem),
                "results": [{"name": name, "passed": False, "message": str(problem)} for name in PROPERTIES]}
    return grade_with(_fresh(source, budget))


def handle(payload: dict) -> dict:
    from mvcalc.optimise import LANDSCAPES_BY_KEY

    action = payload.get("action", "walk")
    if action == "grade":
        return grade(str(payload.get("code", "")))
    if action != "walk":
        raise ValueError(f"the descent lab has no action {action!r}")
    land = str(payload.get("land", "valley"))
    if land not in LANDSCAPES_BY_KEY:
        raise ValueError(f"there is no landscape {land!r}")
    start = payload.get("start") or LANDSCAPES_BY_KEY[land].start
    return walk(str(payload.get("code", "")), land, start, int(payload.get("steps", 100)))
