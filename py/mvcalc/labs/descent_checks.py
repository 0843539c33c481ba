"""The descent lab's walk and the property tests that grade a learner's ``next_step(f, J, H)``.

Shared by the page (the worker's :mod:`mvcalc.labs.descent` hands in the learner's function,
guarded by code_runner) and the download (this module is inlined and given the notebook's own
function), so both judge the same code with the same properties and the same words.

The properties, each a small experiment with fixed starts:

1. *goes downhill*: from a start on each landscape where the ground is bowl-shaped (the
   Hessian positive definite), the first step points downhill: J · step < 0.
2. *reaches the bottom of the narrow valley*: from three starts on x² + 10y², the walk ends
   within 0.001 of the minimum within 200 steps.
3. *one Newton step on a quadratic*: on a tilted quadratic bowl, from starts near (within 1.5
   of) its minimum, the first step lands on the minimum (Newton's step, −H⁻¹J, does).
4. *leaves the saddle*: on the two wells, from starts where plain Newton walks to the saddle
   at the origin, the walk ends in a well.

Any correct descent rule (fixed steps with a step size that suits the valley, a shrinking
step size, Newton, the hybrid) passes 1 and 2: that is "correct". Newton also passes 3, the
gradient methods also pass 4, and the hybrid passes all four.
"""
from __future__ import annotations

import math

import numpy as np

from mvcalc.labs.judge import LabChecksFailed, Result, attempt, show
from mvcalc.optimise import ESCAPE, LANDSCAPES_BY_KEY, Landscape, flat_kind, grid

MAX_STEPS = 300
CONVERGED_STEP = 1e-6
CONVERGED_GRADIENT = 1e-5
BOTTOM = 1e-3                 # "at the bottom": this close to a minimum
GRADE_STEPS = 200             # steps allowed in properties 2 and 4


def _quadratic_bowl() -> Landscape:
    """f = ½ (p − m)ᵀ A (p − m) with A = [[3, 1], [1, 2]] (positive definite, tilted), m = (1, −2):
    f = (3u² + 2uv + 2v²)/2 with u = x − 1, v = y + 2."""
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    return Landscape("tilted", "a tilted quadratic bowl", r"\tfrac12 (3u^2 + 2uv + 2v^2),\ u = x - 1,\ v = y + 2",
                     lambda p: (3 * (p[0] - 1) ** 2 + 2 * (p[0] - 1) * (p[1] + 2) + 2 * (p[1] + 2) ** 2) / 2,
                     lambda p: np.array([3 * (p[0] - 1) + (p[1] + 2), (p[0] - 1) + 2 * (p[1] + 2)], dtype=float),
                     lambda p: A.copy(),
                     (-2.0, 4.0), (-5.0, 1.0), (0.2, -1.0), ((1.0, -2.0),),
                     expr="(3(x - 1)^2 + 2(x - 1)(y + 2) + 2(y + 2)^2)/2")


TILTED = _quadratic_bowl()


def _steps(n: int) -> str:
    return f"{n} step" if n == 1 else f"{n} steps"


def _vector(value) -> tuple[list[float] | None, str]:
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple) and len(shape) > 1:
        return None, (f"an array of shape {' × '.join(map(str, shape))}; return a step with two entries, "
                      "[dx, dy] (a matrix times a vector is written with @, not *)")
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


def _at(p) -> str:
    return f"({p[0]:.4g}, {p[1]:.4g})"


def walk(next_step, land: Landscape, start, steps: int = 100) -> dict:
    """Call ``next_step(f, J, H)`` again and again from ``start``, up to ``steps`` times.

    Returns ``{"path": [[x, y], ...], "f": [...], "status", "message", "steps", "land"}``;
    status is "converged" (at a minimum), "saddle" or "maximum" (flat, but not a minimum),
    "diverged", "stopped" (out of steps, or steps too small on sloping ground) or "error"
    (the function failed; the message says how)."""
    steps = int(max(1, min(MAX_STEPS, steps)))
    p = np.array([float(v) for v in start], dtype=float)
    path, values = [[float(p[0]), float(p[1])]], [float(land.f(p))]

    def answer(status: str, message: str) -> dict:
        if status == "converged" and flat_kind(land.H(p)) != "converged":
            status = flat_kind(land.H(p))
            message += (f" But this flat point is a {status}, not a minimum: the Hessian there has a "
                        "negative eigenvalue, so the ground curves down in some direction.")
        return {"path": path, "f": values, "status": status, "message": message,
                "steps": len(path) - 1, "land": land.key}

    for k in range(steps):
        J, H = land.J(p), land.H(p)
        if float(np.linalg.norm(J)) < CONVERGED_GRADIENT:
            return answer("converged", f"Converged: the gradient vanished after {_steps(k)}, at "
                                       f"{_at(p)} where f = {values[-1]:.4g}.")
        value, error = attempt(next_step, float(values[-1]), J.copy(), H.copy())
        if error:
            return answer("error", f"Step {k + 1}: your next_step {error}")
        step, problem = _vector(value)
        if problem:
            return answer("error", f"Step {k + 1}: your next_step returned {problem}.")
        if not all(math.isfinite(v) for v in step):
            return answer("error", f"Step {k + 1}: your next_step returned {step}, not finite numbers "
                                   "(NaN or infinity: a division by zero, or a singular Hessian?).")
        p = p + np.array(step)
        if float(np.max(np.abs(p))) > ESCAPE:
            path.append([float(p[0]), float(p[1])])
            values.append(float("nan"))
            return answer("diverged", f"Diverged: after {_steps(k + 1)} the walk was at "
                                      f"({p[0]:.3g}, {p[1]:.3g}), far off the map. Try smaller steps.")
        path.append([float(p[0]), float(p[1])])
        values.append(float(land.f(p)))
        if math.hypot(*step) < CONVERGED_STEP:
            where = f"{_at(p)} where f = {values[-1]:.4g}"
            if float(np.linalg.norm(land.J(p))) < 1e-3:
                return answer("converged", f"Converged after {_steps(k + 1)}, at {where}.")
            return answer("stopped", f"Your steps became tiny after {_steps(k + 1)}, at {where}, "
                                     "but the ground is not flat there.")
    return answer("stopped", f"Still going after {_steps(steps)}: now at {_at(p)} where f = {values[-1]:.4g}.")


# --- the properties ------------------------------------------------------------------------------

DOWNHILL_STARTS = (("valley", (-4.5, 2.0)), ("banana", (-1.5, 1.5)), ("wells", (1.5, 1.2)), ("egg", (4.5, 3.5)))
VALLEY_STARTS = ((-4.5, 2.0), (4.0, -2.5), (-1.0, 2.8))
QUADRATIC_STARTS = ((0.2, -1.0), (1.8, -2.9), (0.0, -2.5))
SADDLE_STARTS = ((1.5, 0.3), (-1.0, -0.2))

PROPERTIES = ("goes downhill", "reaches the bottom of the narrow valley",
              "one Newton step on a quadratic", "leaves the saddle")
REQUIRED = PROPERTIES[:2]      # what every correct descent rule does


def _near(point, land: Landscape) -> float:
    return min(math.dist(point, m) for m in land.minima)


def goes_downhill(fresh) -> Result:
    name = PROPERTIES[0]
    for key, start in DOWNHILL_STARTS:
        land = LANDSCAPES_BY_KEY[key]
        result = walk(fresh(), land, start, 1)
        if result["status"] == "error":
            return Result(name, False, result["message"])
        p, J = np.array(start), land.J(np.array(start))
        step = np.array(result["path"][-1]) - p
        if not np.any(step):
            return Result(name, False, f"On {land.title}, from {_at(start)}, your step is zero: the walk does "
                                       "not move. Return a step that goes downhill, against the gradient.")
        if float(J @ step) >= 0:
            return Result(name, False, (
                f"On {land.title}, from {_at(start)}, your first step {_at(step)} goes uphill: J · step = "
                f"{float(J @ step):.3g} > 0, but J = {_at(J)} points uphill, so a downhill step has "
                "J · step < 0. Step against the gradient."))
    return Result(name, True, f"From a start on each of {len(DOWNHILL_STARTS)} landscapes, "
                              "your first step points downhill (J · step < 0).")


def reaches_the_valley_bottom(fresh) -> Result:
    name, land = PROPERTIES[1], LANDSCAPES_BY_KEY["valley"]
    worst = 0
    for start in VALLEY_STARTS:
        result = walk(fresh(), land, start, GRADE_STEPS)
        end = result["path"][-1]
        if result["status"] == "error":
            return Result(name, False, result["message"])
        if result["status"] != "converged" or _near(end, land) > BOTTOM:
            hint = {"diverged": " A fixed step size must stay below 0.1 here (lesson 3), or let the Hessian "
                                "set the step.",
                    "stopped": " Each step must move the walk downhill until the ground is flat: if it crawls, "
                               "take bigger steps (a fixed step size up to just under 0.1), or let the Hessian "
                               "set the step."}.get(result["status"], "")
            return Result(name, False, (
                f"From {_at(start)} on the narrow valley x² + 10y², the walk did not reach the bottom (0, 0): "
                f"{result['message']}{hint}"))
        worst = max(worst, result["steps"])
    return Result(name, True, f"From {len(VALLEY_STARTS)} starts on x² + 10y² the walk reaches (0, 0), "
                              f"in at most {_steps(worst)} (the limit is {GRADE_STEPS}).")


def newton_on_a_quadratic(fresh) -> Result:
    name, land = PROPERTIES[2], TILTED
    for start in QUADRATIC_STARTS:
        result = walk(fresh(), land, start, 1)
        if result["status"] == "error":
            return Result(name, False, result["message"])
        end = result["path"][-1]
        gap = _near(end, land)
        if gap > 1e-6:
            return Result(name, False, (
                f"On the quadratic bowl (3(x − 1)² + 2(x − 1)(y + 2) + 2(y + 2)²)/2, from {_at(start)}, one step "
                f"took the walk to {_at(end)}, {gap:.3g} from the minimum (1, −2). Newton's step, the solution "
                "d of H d = −J, lands exactly on the minimum of a quadratic: the mark of Newton's method."))
    return Result(name, True, f"From {len(QUADRATIC_STARTS)} starts near the minimum of a tilted quadratic "
                              "bowl, one step lands on it, as Newton's step does.")


def leaves_the_saddle(fresh) -> Result:
    name, land = PROPERTIES[3], LANDSCAPES_BY_KEY["wells"]
    for start in SADDLE_STARTS:
        result = walk(fresh(), land, start, GRADE_STEPS)
        end = result["path"][-1]
        if result["status"] == "error":
            return Result(name, False, result["message"])
        if _near(end, land) > BOTTOM:
            why = (" Plain Newton heads for any flat point: check that its step goes downhill (J · step < 0) "
                   "and fall back on the gradient when it does not (the hybrid)." if result["status"] == "saddle"
                   else "")
            return Result(name, False, (f"On the two wells, from {_at(start)}, the walk did not end in a well "
                                        f"at (0, ±1): {result['message']}" + why))
    return Result(name, True, f"From {len(SADDLE_STARTS)} starts where plain Newton stops on the saddle at "
                              "(0, 0), the walk ends in a well.")


CHECKS = (goes_downhill, reaches_the_valley_bottom, newton_on_a_quadratic, leaves_the_saddle)


def grade(fresh) -> dict:
    """Every property, for the learner's ``next_step``; ``fresh()`` gives it ready for a new walk
    (on the page, loaded anew; in a download, after calling the learner's ``reset()`` if any).

    Returns ``{"correct": the required properties pass, "passed": how many, "results": [...],
    "message": a verdict in words}``."""
    results = [check(fresh) for check in CHECKS]
    by_name = {r.name: r for r in results}
    correct = all(by_name[name].passed for name in REQUIRED)
    count = sum(r.passed for r in results)
    if not correct:
        failed = [r.name for r in results if r.name in REQUIRED and not r.passed]
        message = ("Not yet: your next_step fails " + " and ".join(f"“{n}”" for n in failed) +
                   ". Every correct descent rule passes the first two properties; read the message below.")
    elif count == len(results):
        message = ("Correct, and all four properties pass: your next_step descends, reaches the bottom, takes "
                   "Newton's one step on a quadratic and leaves the saddle. That is the hybrid.")
    else:
        extra = [r.name for r in results if r.name not in REQUIRED and not r.passed]
        message = (f"Correct: your next_step descends and reaches the bottom of the narrow valley ({count} of "
                   f"{len(results)} properties). For full marks it must also pass " +
                   " and ".join(f"“{n}”" for n in extra) + ": see below.")
    return {"correct": correct, "passed": count, "results": [r.as_dict() for r in results], "message": message}


def check_next_step(namespace: dict) -> None:
    """A download's check: grade the notebook's ``next_step`` (calling its ``reset()`` before each
    walk, if it has one); print every property, and raise if a required one fails."""
    if not callable(namespace.get("next_step")):
        raise LabChecksFailed("Define next_step(f, J, H): it returns the step [dx, dy] to take.")

    def fresh():
        if callable(namespace.get("reset")):
            namespace["reset"]()
        return namespace["next_step"]

    graded = grade(fresh)
    print("Grading next_step(f, J, H) with four property tests.", graded["message"])
    for r in graded["results"]:
        print(f"  {'ok' if r['passed'] else 'NOT YET':7} {r['name']}: {r['message']}")
    if not graded["correct"]:
        failed = [r["name"] for r in graded["results"] if r["name"] in REQUIRED and not r["passed"]]
        raise LabChecksFailed("next_step is not correct yet: it fails " + " and ".join(f"'{n}'" for n in failed)
                              + ". Read the messages above, change next_step and run the checks again.")
    print("all checks passed" if graded["passed"] == len(PROPERTIES) else
          f"the required checks passed ({graded['passed']} of {len(PROPERTIES)} properties)")


def draw_walks(namespace: dict, steps: int = 100) -> None:
    """The notebook's next_step on each landscape from its usual start, drawn on contour maps."""
    import matplotlib.pyplot as plt

    if not callable(namespace.get("next_step")):
        raise LabChecksFailed("Define next_step(f, J, H) first.")
    figure, axes = plt.subplots(2, 3, figsize=(12, 7.2))
    for ax, land in zip(axes.flat, [*LANDSCAPES_BY_KEY.values(), TILTED]):
        if callable(namespace.get("reset")):
            namespace["reset"]()
        result = walk(namespace["next_step"], land, land.start, steps)
        X, Y, Z = grid(land, 120)
        levels = np.unique(np.quantile(Z[np.isfinite(Z)], np.linspace(0.005, 0.95, 16)))
        ax.contour(X, Y, Z, levels=levels, cmap="viridis", linewidths=0.7)
        path = np.array([p for p in result["path"] if all(math.isfinite(v) for v in p)])
        ax.plot(path[:, 0], path[:, 1], "o-", color="#d55e00", markersize=3, linewidth=1)
        ax.plot([m[0] for m in land.minima], [m[1] for m in land.minima], "*", color="#0072b2", markersize=12)
        ax.set_xlim(*land.x_range)
        ax.set_ylim(*land.y_range)
        ax.set_title(f"{land.title}: {result['status']} ({_steps(result['steps'])})", fontsize=9)
        print(f"  {land.title} from {_at(land.start)}: {result['message']}")
    figure.tight_layout()
    show(figure, "descent_walks")
