"""The checker worker's service, in CPython: every set of every module, as the page asks."""
from __future__ import annotations

import json

import pytest

from mvcalc import service
from mvcalc.course import MODULES

SETS = [(m.slug, s.slug, s.size) for m in MODULES for s in m.exercise_sets]
VARIANTS = 2   # the first two variants of every question


def cases():
    for module, set_slug, size in SETS:
        for seed in range(size * VARIANTS):
            yield pytest.param(module, set_slug, seed, id=f"{set_slug}-{seed}")


@pytest.mark.parametrize("module,set_slug,seed", cases())
def test_view_is_json_and_shows_no_answer_key(module, set_slug, seed):
    view = json.loads(json.dumps(service.question_view(module, set_slug, seed), allow_nan=False))
    question = service.question(module, set_slug, seed)
    assert view["kind"] == question.kind and view["seed"] == seed
    assert view["prompt"] and view["hints"] and view["worked"]
    assert "solution" not in view and "misconceptions" not in view
    if view["kind"] in ("choice", "multi"):
        assert [c["key"] for c in view["choices"]] == question.keys
        for choice in view["choices"]:
            assert "value" not in choice, "a graph choice must not carry its formula"
            assert choice.get("tex") or choice.get("plot")
    if view["kind"] == "code":
        assert view["entry"] and view["starter"]


@pytest.mark.parametrize("module,set_slug,seed", cases())
def test_the_solution_is_marked_correct(module, set_slug, seed):
    solution = service.question(module, set_slug, seed).solution
    verdict = service.check_answer(module, set_slug, seed, solution)
    assert verdict == json.loads(json.dumps(verdict))
    assert verdict["correct"] and verdict["valid"], verdict


def test_every_module_with_sets_is_served():
    assert {m for m, _, _ in SETS} >= {"m1-what-is-calculus", "m2-multivariate-calculus"}


def test_a_known_slip_gets_its_sentence():
    question = service.question("m1-what-is-calculus", "differentiate", 0)
    slip = question.misconceptions[0]
    verdict = service.check_answer("m1-what-is-calculus", "differentiate", 0, slip.answer)
    assert verdict["valid"] and not verdict["correct"]
    assert verdict["feedback"] == slip.feedback


def test_unreadable_input_is_invalid_not_wrong():
    verdict = service.check_answer("m1-what-is-calculus", "differentiate", 0, "3x^^2 +")
    assert not verdict["valid"] and not verdict["correct"] and verdict["feedback"]


def test_a_runaway_function_is_stopped_with_words():
    module, set_slug = "m2-multivariate-calculus", "finite-differences"
    entry = service.question(module, set_slug, 0).entry
    verdict = service.check_answer(module, set_slug, 0, f"def {entry}(f, x, h):\n    while True:\n        pass\n")
    assert not verdict["correct"] and verdict["feedback"]


def test_graph_plots_are_points_with_a_text_alternative():
    from mvcalc.questions.figure_view import CURVE_POINTS
    view = service.question_view("m1-what-is-calculus", "matching-functions", 0)
    plots = [c["plot"] for c in view["choices"] if c.get("plot")] or [view["figure"]]
    for plot in plots:
        (curve,) = plot["items"]
        assert len(curve["x"]) == len(curve["y"]) == CURVE_POINTS
        assert plot["y_range"][0] < plot["y_range"][1]
        assert "crosses" in plot["alt"] and "x from" in plot["alt"]


def test_handle_speaks_json_and_reports_errors_as_data():
    reply = json.loads(service.handle("view", json.dumps(
        {"module": "m1-what-is-calculus", "set": "differentiate", "seed": 1})))
    assert reply["result"]["kind"] == "expression"
    reply = json.loads(service.handle("check", json.dumps(
        {"module": "m1-what-is-calculus", "set": "nope", "seed": 1, "answer": "x"})))
    assert "no exercise set" in reply["error"]
    assert "error" in json.loads(service.handle("bogus", "{}"))


def test_service_imports_no_browser_module():
    import ast
    tree = ast.parse(open(service.__file__).read())
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not names & {"js", "pyodide", "pyscript"}


# --- labs: the worker's "lab" request -------------------------------------------------------

def test_an_unknown_lab_is_refused_in_words():
    reply = json.loads(service.handle("lab", json.dumps({"lab": "no-such-lab", "payload": {}})))
    assert "no-such-lab" in reply["error"] and "result" not in reply


def test_a_listed_lab_answers_through_the_service(monkeypatch, tmp_path):
    import sys

    from mvcalc import labs
    (tmp_path / "lab_for_test.py").write_text("def handle(payload):\n    return {'twice': 2 * payload['x']}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(labs.LABS, "doubler", ("lab_for_test", ("scipy",)))
    try:
        reply = json.loads(service.handle("lab", json.dumps({"lab": "doubler", "payload": {"x": 21}})))
        assert reply == {"result": {"twice": 42}}
        assert labs.packages("doubler") == ["scipy"]
    finally:
        sys.modules.pop("lab_for_test", None)


def test_every_listed_lab_exists_and_names_vendored_packages():
    import importlib

    from mvcalc import labs
    for name, (module, packages) in labs.LABS.items():
        assert callable(importlib.import_module(module).handle), name
        assert set(packages) <= {"scipy", "sympy", "numpy"}, name
