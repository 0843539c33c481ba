"""Gradient descent in a sandpit: the learner's ``next_step(f, J, H)`` walks a landscape.

Payload: ``{"code": source, "land": key, "start": [x, y], "steps": n}``. The learner's code
runs through :mod:`mvcalc.questions.code_runner` (its namespace and budget). At each point p
it is called with the numbers f(p), J(p) (a numpy vector) and H(p) (a 2 x 2 numpy array),
as in the source course's sandpit, and returns the step to take; the whole path (up to
``steps`` steps) is returned for the page to animate:
``{"path": [[x, y], ...], "f": [...], "status": ..., "message": ...}`` with status one of
"converged", "diverged", "stopped" (out of steps), "error" (the code failed: message says how).
"""
from __future__ import annotations

import math

import numpy as np

from mvcalc.optimise import LANDSCAPES_BY_KEY, flat_kind

MAX_STEPS = 300
TIME_LIMIT = 3.0
CONVERGED_STEP = 1e-6
CONVERGED_GRADIENT = 1e-5
ESCAPE = 1e3

STARTER = '''def next_step(f, J, H):
    # f: the height here; J: the gradient (a numpy vector [df/dx, df/dy]);
    # H: the Hessian (a 2 x 2 numpy array). Return the step to take.
    gamma = 0.1
    return -gamma * J
'''

PRESETS = {
    "fixed": STARTER,
    "shrinking": '''memory = {"gamma": 0.5, "last_f": None, "last_step": None}

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
''',
    "newton": '''def next_step(f, J, H):
    # Newton's step: solve H d = -J (one step to the bottom of a quadratic)
    return -np.linalg.solve(H, J)
''',
    "hybrid": '''def next_step(f, J, H):
    gamma = 0.1
    step = -np.linalg.solve(H, J)          # Newton's step...
    if step @ J >= 0 or np.linalg.norm(step) > 2:
        step = -gamma * J                  # ...unless it points uphill or is too long
    return step
''',
}


def _steps(n: int) -> str:
    return f"{n} step" if n == 1 else f"{n} steps"


def _vector(value) -> tuple[list[float] | None, str]:
    try:
        if hasattr(value, "tolist"):
            value = value.tolist()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return None, f"a single number ({value!r}); return a step with two entries, [dx, dy]"
        items = [float(v) for v in value]
    except (TypeError, ValueError):
        return None, f"{value!r} (a {type(value).__name__}); return a step with two entries, [dx, dy]"
    if len(items) != 2:
        return None, f"{len(items)} numbers; return a step with two entries, [dx, dy]"
    return items, ""


def walk(source: str, land_key: str, start, steps: int = 100) -> dict:
    land = LANDSCAPES_BY_KEY[land_key]
    steps = int(max(1, min(MAX_STEPS, steps)))
    p = np.array([float(v) for v in start], dtype=float)
    path, values = [[float(p[0]), float(p[1])]], [float(land.f(p))]

    def answer(status: str, message: str) -> dict:
        if status == "converged" and flat_kind(land.H(p)) != "converged":
            kind = flat_kind(land.H(p))
            status = kind
            message += (f" But this flat point is a {kind}, not a minimum: the Hessian there has a "
                        "negative eigenvalue, so the ground curves down in some direction.")
        return {"path": path, "f": values, "status": status, "message": message,
                "steps": len(path) - 1, "land": land_key}

    from mvcalc.questions import code_runner      # the worker's; the page imports only PRESETS

    budget = code_runner.Budget(TIME_LIMIT, code_runner.STEP_LIMIT)
    loaded = code_runner.load(source, "next_step", budget)
    if loaded.function is None:
        return answer("error", loaded.error)
    for k in range(steps):
        J, H = land.J(p), land.H(p)
        if float(np.linalg.norm(J)) < CONVERGED_GRADIENT:
            return answer("converged", f"Converged: the gradient vanished after {_steps(k)}, at "
                                       f"({p[0]:.4g}, {p[1]:.4g}) where f = {values[-1]:.4g}.")
        out = code_runner.call(loaded.function, (float(values[-1]), J.copy(), H.copy()), budget, source)
        if out.error:
            if out.stopped:
                return answer("error", f"Step {k + 1}: your next_step was stopped: {out.error}")
            return answer("error", f"Step {k + 1}: your next_step {out.error}")
        step, problem = _vector(out.value)
        if problem:
            return answer("error", f"Step {k + 1}: your next_step returned {problem}.")
        if not all(math.isfinite(v) for v in step):
            return answer("error", f"Step {k + 1}: your next_step returned {step}, not finite numbers "
                                   "(NaN or infinity: a division by zero, or a singular Hessian?).")
        p = p + np.array(step)
        if float(np.max(np.abs(p))) > ESCAPE:
            path.append([float(p[0]), float(p[1])])
            values.append(float("nan"))
            return answer("diverged", f"Diverged: after {k + 1} steps the walk was at "
                                      f"({p[0]:.3g}, {p[1]:.3g}), far off the map. Try smaller steps.")
        path.append([float(p[0]), float(p[1])])
        values.append(float(land.f(p)))
        if math.hypot(*step) < CONVERGED_STEP:
            where = f"({p[0]:.4g}, {p[1]:.4g}) where f = {values[-1]:.4g}"
            if float(np.linalg.norm(land.J(p))) < 1e-3:
                return answer("converged", f"Converged after {_steps(k + 1)}, at {where}.")
            return answer("stopped", f"Your steps became tiny after {k + 1} steps, at {where}, "
                                     "but the ground is not flat there.")
    return answer("stopped", f"Still going after {steps} steps: now at ({p[0]:.4g}, {p[1]:.4g}) "
                             f"where f = {values[-1]:.4g}.")


def handle(payload: dict) -> dict:
    land = str(payload.get("land", "valley"))
    if land not in LANDSCAPES_BY_KEY:
        raise ValueError(f"there is no landscape {land!r}")
    start = payload.get("start") or LANDSCAPES_BY_KEY[land].start
    return walk(str(payload.get("code", "")), land, start, int(payload.get("steps", 100)))
