"""Learner code and labs, in the background worker (site/assets/checker.js).

Learner code may loop for ever, and some labs load scipy: both run in a worker of their own,
which the page starts the first time it is needed (never at page load), stops when a request
runs past its limit, and replaces when it breaks. Maths answers never come here: the page
marks them itself (:mod:`.questions`).
"""
from __future__ import annotations

import json

import js

# Counted from when the worker takes the request, so never the worker's own start (checker.js).
CODE_LIMIT_MS = 15_000     # running the learner's code against the tests
LAB_LIMIT_MS = 20_000      # a lab's request, loading a package the worker did not start with included


def state() -> str:
    return str(js.window.mvcalcChecker.state)


async def _request(kind: str, payload: dict, limit_ms: int, packages: tuple = ()) -> dict:
    reply = json.loads(await js.window.mvcalcChecker.request(
        kind, json.dumps(payload), limit_ms, ",".join(packages)))
    if "error" in reply:
        if reply.get("trace"):
            js.console.warn(reply["trace"])
        raise CheckerError(reply["error"])
    return reply["result"]


class CheckerError(RuntimeError):
    """The worker could not answer; the message is fit for the learner."""


async def check_code(module: str, question, answer: str) -> dict:
    """The verdict for a code question's answer: the worker makes the question's tests again
    from its template and seed (the bank holds no functions) and runs the answer on them."""
    limit = getattr(js.window, "mvcalcCodeLimitMs", None)      # tests only: a shorter limit
    return await _request("check", {"module": module, "set": question.set_slug, "template": question.template,
                                    "seed": question.seed, "answer": answer},
                          int(limit) if isinstance(limit, (int, float)) else CODE_LIMIT_MS)


async def lab(name: str, payload: dict, limit_ms: int = LAB_LIMIT_MS) -> dict:
    """Lab ``name``'s answer (``mvcalc.labs``); CheckerError if it fails.

    A lab request that runs no learner code and needs no extra package (a fresh network to
    show, say) is answered here at once; everything else goes to the worker."""
    from ..labs import in_page, packages, run
    if in_page(name, payload):
        try:
            return run(name, payload)
        except Exception as error:
            raise CheckerError(f"{type(error).__name__}: {error}") from error
    return await _request("lab", {"lab": name, "payload": payload}, limit_ms, tuple(packages(name)))
