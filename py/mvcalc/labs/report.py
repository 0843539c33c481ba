"""How a lab's answer reads on the page: pure words and numbers, no browser (the page's
side is mvcalc.web.lab_kit)."""
from __future__ import annotations

PASSED, NOT_YET = "✔ passed", "✘ not yet"


def result_line(item: dict) -> str:
    """One checked function or property (``judge.Result.as_dict()``) as a line of a result list."""
    return f"{item['name']}: {PASSED if item['passed'] else NOT_YET}. {item['message']}"


def standard_errors(found, fitted, errors) -> float:
    """How far ``found`` lies from ``fitted`` (curve_fit's parameters), in the worst parameter's
    standard errors."""
    return max(abs(a - b) / e for a, b, e in zip(found, fitted, errors, strict=True))


def replay_stride(points: int, frames: int = 90) -> int:
    """Points to add per animation frame so that a path of ``points`` plays in about ``frames``."""
    return max(1, points // frames)
