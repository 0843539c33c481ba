"""The lab toolkit's pure parts: how a reply reads (mvcalc.labs.report) and when a run goes on
(mvcalc.web.lab_kit.Running, imported with the stand-in browser's js and pyodide modules)."""
from __future__ import annotations

import pytest

from mvcalc.labs.report import replay_stride, result_line, standard_errors


def test_a_result_reads_as_its_name_mark_and_message():
    assert result_line({"name": "dfdmu", "passed": True, "message": "Right."}) == "dfdmu: ✔ passed. Right."
    assert result_line({"name": "goes downhill", "passed": False, "message": "Uphill."}) == \
        "goes downhill: ✘ not yet. Uphill."


def test_the_gap_is_the_worst_parameters_in_its_own_standard_errors():
    assert standard_errors((1.0, 5.0), (1.5, 5.0), (0.25, 1.0)) == pytest.approx(2.0)
    assert standard_errors((1.0, 7.0), (1.5, 5.0), (0.25, 0.5)) == pytest.approx(4.0)
    with pytest.raises(ValueError):
        standard_errors((1.0,), (1.0, 2.0), (1.0, 1.0))


def test_a_replay_takes_about_ninety_frames_and_never_stands_still():
    assert replay_stride(2001) == 22 and -(-2001 // replay_stride(2001)) <= 91
    assert replay_stride(5) == 1 and replay_stride(0) == 1


def test_a_pause_or_a_newer_run_stops_an_old_loop(monkeypatch):
    import sys

    from sitebuild.standin import install
    monkeypatch.setattr(sys, "modules", dict(sys.modules))      # the stand-in's modules go with the test
    install()
    from mvcalc.web.lab_kit import Running
    run = Running()
    first = run.start()
    assert run.going(first)
    run.stop()
    assert not run.going(first), "paused"
    second = run.start()
    assert run.going(second) and not run.going(first), "a new run: the old loop stops even while it waits"
