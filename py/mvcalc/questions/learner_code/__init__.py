"""The parts of :mod:`mvcalc.questions.code_runner`, each with one job.

- :mod:`.budget`: the time and step budget, and the tick that enforces it
- :mod:`.instrument`: reads learner code, refuses what is not allowed, inserts the ticks and guards
- :mod:`.guards`: the checks instrumented code calls before work that would run long inside C
- :mod:`.long_range`: the learner's ``range``, which ticks when it is long
- :mod:`.attributes`: which objects learner code may change (its own, numpy arrays)
- :mod:`.namespace`: what learner code sees: a few builtins and the hooks
- :mod:`.module_views`: read-only views of math and numpy; numpy's settings put back
- :mod:`.values`: return values made safe to keep and to show (capped, never running learner code)
"""
