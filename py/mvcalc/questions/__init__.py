"""Exercises: questions as data, generated from a seed, marked by named steps.

- :mod:`.model`: Question, Choice, Plot, Misconception, CodeCase (pure data)
- :mod:`.exercise_set`: ExerciseSet (templates easy -> hard), reroll
- :mod:`.marking`: the marking chain and the kind -> marker registry
- :mod:`.code_runner`: runs learner functions with a time budget
- :mod:`.precision`: Precision, how precisely a numeric answer must be given (stated once:
  builders.numeric_question(prompt, value, precision=Precision(figures=6)) derives the
  tolerance, the note under the answer box and "{precision}" in the prompt from it)
- :mod:`.printing`, :mod:`.compare`, :mod:`.builders`: helpers for templates (printing's
  signed/terms/factor/shifted/root write signs and brackets: never "+ -" or "6 · -4")
- :mod:`.m1`, :mod:`.m2`, ...: the templates of each module's sets
"""
from mvcalc.questions.exercise_set import ExerciseSet
from mvcalc.questions.model import KINDS, Choice, CodeCase, Misconception, Plot, Question

__all__ = ["ExerciseSet", "KINDS", "Choice", "CodeCase", "Misconception", "Plot", "Question"]
