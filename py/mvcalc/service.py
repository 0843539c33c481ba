"""What the background worker answers: learner code and labs, as pure functions.

A page shows its questions and marks maths answers in its own runtime, from the build's
question bank (mvcalc.questions.bank, mvcalc.web.questions). Learner code is different: it
may loop for ever, and only a worker can be stopped from outside. So a page starts a worker
(site/assets/checker-worker.js: Pyodide with numpy, never sympy) the first time a learner
runs code or a lab, and that worker calls :func:`handle` with a request kind and a JSON
payload; every answer is JSON too. Nothing here imports the browser, so CPython tests
exercise exactly what the worker runs.

- ``check``: the Verdict for a code question's answer, its tests made again from the
  question's template and seed (mvcalc.questions.code_templates).
- ``lab``: a lab's answer (mvcalc.labs): learner code and heavy sums, off the page.
"""
from __future__ import annotations

import json
import traceback


def check_code(set_slug: str, template: str, seed: int, answer: str) -> dict:
    """The Verdict for the answer to a code question, as a dict."""
    from mvcalc.questions.code_templates import regenerate
    from mvcalc.questions.marking import mark
    if not isinstance(answer, str):
        answer = "" if answer is None else str(answer)
    return mark(regenerate(template, seed, set_slug), answer).to_dict()


def handle(kind: str, payload_json: str) -> str:
    """The worker's one entry point: a request kind and JSON in, JSON out.

    Errors come back as ``{"error": message}`` (and the traceback for the
    console), never as an exception across the worker boundary.
    """
    try:
        payload = json.loads(payload_json)
        if kind == "check":
            result = check_code(payload["set"], payload["template"], payload["seed"], payload["answer"])
        elif kind == "lab":
            from mvcalc.labs import run
            result = run(payload["lab"], payload.get("payload") or {})
        elif kind == "ping":
            result = {"pong": True}
        else:
            raise ValueError(f"unknown request kind {kind!r}")
        return json.dumps({"result": result})
    except Exception as error:  # reported to the page, which says so in words
        return json.dumps({"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()})


def warm_up() -> None:
    """Import what learner code is run with, while nobody is waiting for it."""
    import numpy  # noqa: F401

    from mvcalc.questions import code_runner, code_templates  # noqa: F401
