"""Ask the background checker (site/assets/checker.js) for a question or a verdict."""
from __future__ import annotations

import json

import js

VIEW_LIMIT_MS = 20_000     # generating a question (sympy is warm by then)
MATHS_LIMIT_MS = 4_000     # checking a maths answer
CODE_LIMIT_MS = 15_000     # running the learner's code against the tests


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
    """The checker could not answer; the message is fit for the learner."""


async def view(module: str, set_slug: str, seed: int) -> dict:
    return await _request("view", {"module": module, "set": set_slug, "seed": seed}, VIEW_LIMIT_MS)


async def check(module: str, set_slug: str, seed: int, answer: str, kind: str) -> dict:
    limit = CODE_LIMIT_MS if kind == "code" else MATHS_LIMIT_MS
    return await _request("check", {"module": module, "set": set_slug, "seed": seed, "answer": answer}, limit)


LAB_LIMIT_MS = 20_000      # a lab's request, packages loading included


async def lab(name: str, payload: dict, limit_ms: int = LAB_LIMIT_MS) -> dict:
    """Lab ``name``'s answer (``mvcalc.labs``), computed in the worker; CheckerError if it fails."""
    from ..labs import packages
    return await _request("lab", {"lab": name, "payload": payload}, limit_ms, tuple(packages(name)))
