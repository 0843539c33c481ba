"""The background worker's service, in CPython: learner code and labs, as the page asks."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mvcalc import service
from mvcalc.course import question

M2, FD = "m2-multivariate-calculus", "finite-differences"


def ask(kind: str, payload: dict) -> dict:
    return json.loads(service.handle(kind, json.dumps(payload)))


def code_check(seed: int, answer: str, set_slug: str = FD, module: str = M2) -> dict:
    q = question(module, set_slug, seed)
    return ask("check", {"module": module, "set": set_slug, "template": q.template, "seed": seed, "answer": answer})


@pytest.mark.slow
def test_every_code_question_marks_its_solution_correct_in_the_worker():
    from mvcalc.course import MODULES
    seen = 0
    for module in MODULES:
        for exercise_set in module.exercise_sets:
            for seed in range(exercise_set.size * 2):
                q = exercise_set.generate(seed)
                if q.kind == "code":
                    reply = code_check(seed, q.solution, exercise_set.slug, module.slug)
                    assert reply["result"]["correct"], (exercise_set.slug, seed, reply)
                    seen += 1
    assert seen >= 10


def test_a_known_slip_in_code_gets_its_sentence():
    q = question(M2, FD, 0)
    slip = q.misconceptions[0]
    result = code_check(0, slip.answer)["result"]
    assert result["valid"] and not result["correct"] and result["feedback"] == slip.feedback


@pytest.mark.slow
def test_a_runaway_function_is_stopped_with_words():
    entry = question(M2, FD, 0).entry
    result = code_check(0, f"def {entry}(f, x, h):\n    while True:\n        pass\n")["result"]
    assert not result["correct"] and result["feedback"]


def test_handle_speaks_json_and_reports_errors_as_data():
    assert ask("ping", {}) == {"result": {"pong": True}}
    reply = ask("check", {"module": M2, "set": FD, "template": "power_rule", "seed": 1, "answer": "x"})
    assert "not a code question's template" in reply["error"]
    assert "error" in ask("view", {"module": M2, "set": FD, "seed": 0}), "questions are the page's, not the worker's"
    assert "error" in json.loads(service.handle("bogus", "{}"))


def test_the_worker_never_needs_sympy():
    py = Path(service.__file__).resolve().parents[1]
    script = (f"import sys, json; sys.modules['sympy'] = None; sys.path.insert(0, {str(py)!r})\n"
              "from mvcalc import service\n"
              "service.warm_up()\n"
              "from mvcalc.course import MODULES\n"
              "q = {'module': 'm2-multivariate-calculus', 'set': 'finite-differences',"
              " 'template': 'forward_difference', 'seed': 0,"
              " 'answer': 'def forward_difference(f, x, h):\\n    return (f(x + h) - f(x)) / h\\n'}\n"
              "print(json.loads(service.handle('check', json.dumps(q)))['result']['correct'])\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_service_imports_no_browser_module():
    import ast
    tree = ast.parse(open(service.__file__).read())
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not names & {"js", "pyodide", "pyscript"}


# --- labs: the worker's "lab" request -------------------------------------------------------

def test_an_unknown_lab_is_refused_in_words():
    reply = ask("lab", {"lab": "no-such-lab", "payload": {}})
    assert "no-such-lab" in reply["error"] and "result" not in reply


def test_a_listed_lab_answers_through_the_service(monkeypatch, tmp_path):
    from mvcalc import labs
    (tmp_path / "lab_for_test.py").write_text("def handle(payload):\n    return {'twice': 2 * payload['x']}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(labs.LABS, "doubler", ("lab_for_test", ("scipy",)))
    try:
        reply = ask("lab", {"lab": "doubler", "payload": {"x": 21}})
        assert reply == {"result": {"twice": 42}}
        assert labs.packages("doubler") == ["scipy"]
    finally:
        sys.modules.pop("lab_for_test", None)


def test_every_listed_lab_exists_and_names_vendored_packages():
    import importlib

    from mvcalc import labs
    for name, (module, packages) in labs.LABS.items():
        assert callable(importlib.import_module(module).handle), name
        assert set(packages) <= {"scipy", "numpy"}, name


def test_the_page_answers_only_light_lab_requests_itself():
    from mvcalc import labs
    assert labs.in_page("backprop", {"action": "start", "seed": 3})
    assert not labs.in_page("backprop", {"action": "check", "code": "..."})
    assert not labs.in_page("descent", {"action": "start"})
    for name, actions in labs.IN_PAGE.items():
        assert not set(labs.packages(name)), "an in-page action needs no extra package"
        assert "check" not in actions and "train" not in actions, "learner code runs in the worker"
