"""guard.py: a bug inside a check becomes an invalid verdict, never an exception."""
from __future__ import annotations

import mvcalc.checking.live_preview as preview_module
import mvcalc.checking.scalar as scalar
from mvcalc.checking import check_expression, check_matrix, messages, preview


def explode(*args, **kwargs):
    raise RecursionError("boom")


def test_a_failing_step_becomes_an_invalid_verdict(monkeypatch, caplog):
    monkeypatch.setattr(scalar, "compare", explode)
    for verdict in (check_expression("x", "x"), check_matrix("[x]", "[x]")):
        assert not verdict.valid and not verdict.correct
        assert verdict.feedback == messages.INTERNAL
    assert "boom" in caplog.text  # the traceback is logged for developers


def test_a_failing_preview_is_invalid(monkeypatch):
    monkeypatch.setattr(preview_module, "to_tex", explode)
    result = preview("x")
    assert not result.valid and result.message == messages.INTERNAL
