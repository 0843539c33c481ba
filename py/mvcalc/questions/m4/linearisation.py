"""Linearisation and its error: f(x + Δx) ≈ f(x) + f'(x)Δx, with an error of order Δx².

From the tangent line itself, through estimating a value with it and telling whether the estimate
is too high or too low, to the forward difference as the rearranged linearisation (first-order
accurate), how errors scale with the step, the tangent plane as the 2D linearisation, and when a
linearisation is a poor guide.  Every derivative is written by hand per function; the tests
recompute the keys with sympy and with the functions' true values.
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import choice_question, multi_question, require
from mvcalc.questions.m4.common import expression_question, numeric_question
from mvcalc.questions.precision import Precision
from mvcalc.questions.printing import learner, number, plain, tex, x

LINEAR = (r"The linearisation of \(f\) about \(a\) is its tangent line there: "
          r"\(f(a + \Delta x) \approx f(a) + f'(a)\,\Delta x\), or \(L(x) = f(a) + f'(a)(x - a)\).")
ERROR = (r"\(f(a + \Delta x) = f(a) + f'(a)\,\Delta x + \frac{f''(a)}{2}\Delta x^2 + \cdots\): linearisation drops "
         r"everything from the \(\Delta x^2\) term on, so its error is \(O(\Delta x^2)\).")


def _v(value) -> str:
    """A short decimal for the prompt (an exact sympy or Python number), never in e-notation."""
    return plain(float(value), 8)


# --- 1. the tangent line as a formula ------------------------------------------------------------

def _formula_cases():
    """(f, a, f(a), f'(x) as TeX, f'(a)), every derivative by hand."""
    cases = []
    for m in (2, 3, 4, 5):
        cases.append((sp.sqrt(x), m * m, sp.Integer(m), r"\frac{1}{2\sqrt{x}}", sp.Rational(1, 2 * m)))
    for k in (2, 3, -1, -2, sp.Rational(1, 2)):
        cases.append((sp.exp(k * x), 0, sp.Integer(1), rf"{tex(k)} e^{{{tex(k * x)}}}" if k != -1
                      else rf"-e^{{{tex(k * x)}}}", k))
    for a in (1, 2, 3):
        cases.append((sp.log(x), a, sp.log(a), r"\frac{1}{x}", sp.Rational(1, a)))
    for a in (1, 2, -1, 4):
        cases.append((1 / x, a, sp.Rational(1, a), r"-\frac{1}{x^2}", -sp.Rational(1, a * a)))
    for a in (1, 2, -1, -2):
        cases.append((x**3, a, sp.Integer(a) ** 3, r"3x^2", 3 * sp.Integer(a) ** 2))
    cases.append((sp.sin(x), sp.pi, sp.Integer(0), r"\cos x", sp.Integer(-1)))
    cases.append((sp.cos(x), sp.pi / 2, sp.Integer(0), r"-\sin x", sp.Integer(-1)))
    return cases


FORMULA_CASES = _formula_cases()


def linear_formula(rng):
    """The linearisation L(x) = f(a) + f'(a)(x − a) of a familiar function about a point."""
    f, a, fa, dtex, da = rng.choice(FORMULA_CASES)
    answer = fa + da * (x - a)
    wrong = [(fa + da * x, r"Use the step from \(a\): \(f'(a)(x - a)\), not \(f'(a)\,x\)."),
             (da * (x - a), r"The line must pass through \((a, f(a))\): add \(f(a)\)."),
             (fa - da * (x - a), r"Check the sign of the slope \(f'(a)\).")]
    wrong.append((fa + sp.diff(f, x) * (x - a),
                  r"The slope is a number, \(f'(a)\), the derivative at the point: the linearisation is a "
                  r"straight line."))
    return expression_question(
        answer, wrong,
        prompt=rf"Find the linearisation of \(f(x) = {tex(f)}\) about \(a = {tex(a)}\): the straight line "
               rf"\(L(x)\) with the same value and the same slope as \(f\) there. Give it as a function of \(x\).",
        hints=[LINEAR, rf"\(f'(x) = {dtex}\)."],
        worked=[rf"\(f({tex(a)}) = {tex(fa)}\), and \(f'(x) = {dtex}\), so \(f'({tex(a)}) = {tex(da)}\).",
                rf"\(L(x) = f(a) + f'(a)(x - a) = {tex(fa)} + \left({tex(da)}\right)\left({tex(x - a)}\right)"
                rf" = {tex(answer)}\)."],
        data={"f": learner(f), "about": learner(a), "order": 1, "kind": "taylor"})


# --- 2. estimating a value ------------------------------------------------------------------------

def _estimate_cases():
    """(f, a, Δx, f(a), f'(a), f'(x) as TeX, how the true value is written, a wrong slope and why)."""
    cases = []
    for m, steps in ((2, (sp.Rational(1, 10), sp.Rational(2, 10), -sp.Rational(2, 10), sp.Rational(4, 10))),
                     (4, (sp.Rational(4, 10), sp.Rational(8, 10), -sp.Rational(4, 10))),
                     (5, (sp.Rational(6, 10), sp.Rational(1), -sp.Rational(1)))):
        for d in steps:
            cases.append((sp.sqrt(x), m * m, d, sp.Integer(m), sp.Rational(1, 2 * m), r"\frac{1}{2\sqrt{x}}",
                          rf"\sqrt{{{_v(m * m + d)}}}", sp.Rational(1, m),
                          r"The slope of \(\sqrt{x}\) is \(\frac{1}{2\sqrt{x}}\): the 2 is missing."))
    for a, m, steps in ((8, 2, (sp.Rational(24, 100), sp.Rational(36, 100), -sp.Rational(24, 100))),
                        (27, 3, (sp.Rational(54, 100), sp.Rational(81, 100), -sp.Rational(54, 100)))):
        for d in steps:
            cases.append((x ** sp.Rational(1, 3), a, d, sp.Integer(m), sp.Rational(1, 3 * m * m),
                          r"\frac{1}{3}x^{-2/3}", rf"\sqrt[3]{{{_v(a + d)}}}", sp.Rational(1, 3 * m),
                          r"\(\frac{d}{dx}x^{1/3} = \frac{1}{3}x^{-2/3}\): at \(a\) that is \(\frac{1}{3a^{2/3}}\)."))
    for d in (sp.Rational(1, 10), sp.Rational(2, 10), -sp.Rational(1, 10), sp.Rational(15, 100)):
        cases.append((sp.exp(x), 0, d, sp.Integer(1), sp.Integer(1), r"e^x", rf"e^{{{_v(d)}}}", sp.Integer(0),
                      r"The slope of \(e^x\) at 0 is \(e^0 = 1\), not 0."))
    for d in (sp.Rational(5, 100), sp.Rational(1, 10), -sp.Rational(4, 100), sp.Rational(8, 100)):
        cases.append((sp.log(x), 1, d, sp.Integer(0), sp.Integer(1), r"\frac{1}{x}", rf"\ln {_v(1 + d)}",
                      sp.Integer(0), r"The slope of \(\ln x\) at 1 is \(\frac{1}{1} = 1\)."))
    for a, steps in ((2, (sp.Rational(1, 10), sp.Rational(2, 10), -sp.Rational(1, 10))),
                     (4, (sp.Rational(2, 10), -sp.Rational(2, 10))), (5, (sp.Rational(5, 10), sp.Rational(25, 100)))):
        for d in steps:
            cases.append((1 / x, a, d, sp.Rational(1, a), -sp.Rational(1, a * a), r"-\frac{1}{x^2}",
                          rf"\frac{{1}}{{{_v(a + d)}}}", sp.Rational(1, a * a),
                          r"\(\frac{d}{dx}\frac{1}{x} = -\frac{1}{x^2}\): the slope is negative."))
    return cases


ESTIMATE_CASES = _estimate_cases()


def estimate_value(rng):
    """Estimate √4.2, ∛8.24, e^0.1, ln 1.05 or 1/2.1 with the linearisation, by hand."""
    precision = Precision(figures=6)       # enough to tell the estimate from a calculator's value
    f, a, d, fa, da, dtex, shown, bad_slope, bad_why = rng.choice(ESTIMATE_CASES)
    value = fa + da * d
    true = float(f.subs(x, a + d))
    require(abs(true - float(value)) > 4 * precision.tolerance(float(value)), "the estimate must differ from the truth")
    return numeric_question(
        value,
        [(true, r"That is the true value (a calculator's). The question asks for the linear estimate "
                r"\(f(a) + f'(a)\,\Delta x\), worked out by hand."),
         (fa, r"That is \(f(a)\) alone: add the change \(f'(a)\,\Delta x\)."),
         (fa - da * d, r"Sign slip: \(f(a) + f'(a)\,\Delta x\), with \(\Delta x\) taken with its sign."),
         (fa + bad_slope * d, bad_why),
         (da * d, r"That is only the change \(f'(a)\,\Delta x\): add it to \(f(a)\).")],
        prompt=rf"Use the linearisation of \(f(x) = {tex(f)}\) about \(a = {tex(a)}\) to estimate \({shown}\) "
               r"by hand.",
        hints=[LINEAR, rf"Here \(\Delta x = {_v(d)}\) and \(f'(x) = {dtex}\)."],
        worked=[rf"\(f({tex(a)}) = {tex(fa)}\) and \(f'({tex(a)}) = {tex(da)}\); \(\Delta x = {_v(d)}\).",
                rf"\({shown} \approx {tex(fa)} + \left({tex(da)}\right)\left({_v(d)}\right) = {_v(value)}\).",
                rf"(The true value is \({number(true, 8)}\): the estimate is off by about "
                rf"\({plain(abs(true - float(value)), 2)}\), the size of \(\tfrac12 f''(a)\,\Delta x^2\).)"],
        data={"f": learner(f), "about": learner(a), "order": 1, "kind": "approx", "at": learner(a + d)},
        precision=precision)


# --- 3. too high or too low ---------------------------------------------------------------------

# (f, a, Δx, f''(x) as TeX, f''(a) as a number, words for its shape)
BEND_CASES = [
    (sp.sqrt(x), 4, sp.Rational(1, 2), r"-\frac{1}{4}x^{-3/2}"),
    (sp.sqrt(x), 9, -1, r"-\frac{1}{4}x^{-3/2}"),
    (sp.log(x), 1, sp.Rational(1, 5), r"-\frac{1}{x^2}"),
    (sp.log(x), 2, -sp.Rational(1, 2), r"-\frac{1}{x^2}"),
    (sp.exp(x), 0, sp.Rational(3, 10), r"e^x"),
    (sp.exp(x), 1, -sp.Rational(1, 5), r"e^x"),
    (x**2, 3, sp.Rational(1, 10), r"2"),
    (1 / x, 2, sp.Rational(1, 4), r"\frac{2}{x^3}"),
    (sp.cos(x), 0, sp.Rational(1, 5), r"-\cos x"),
    (sp.sin(x), 1, sp.Rational(1, 5), r"-\sin x"),
    (sp.sin(x), 4, sp.Rational(1, 5), r"-\sin x"),
    (x**3, -1, sp.Rational(1, 5), r"6x"),
    (x**3, 2, -sp.Rational(1, 5), r"6x"),
    (3 * x + 2, 1, sp.Rational(1, 2), r"0"),
]


def over_or_under(rng):
    """Is the linear estimate of f(a + Δx) too high, too low or exact? The sign of f'' decides."""
    f, a, d, d2tex = rng.choice(BEND_CASES)
    f2 = sp.diff(f, x, 2).subs(x, a)              # only its sign is used, to pick the words
    sign = 0 if f2 == 0 else (1 if f2 > 0 else -1)
    a_tex = tex(a)
    bend = {1: r"Here \(f''(a) > 0\): the curve bends upwards, away from its tangent, so the tangent line lies "
               r"below it",
            -1: r"Here \(f''(a) < 0\): the curve bends downwards, so the tangent line lies above it",
            0: r"Here \(f'' = 0\): \(f\) is itself a straight line, so its tangent line is the function"}[sign]
    options = [
        {"tex": r"\text{too high (above the true value)}", "correct": sign < 0,
         "feedback": f"Not this one. {bend}."},
        {"tex": r"\text{too low (below the true value)}", "correct": sign > 0,
         "feedback": f"Not this one. {bend}."},
        {"tex": r"\text{exactly right}", "correct": sign == 0,
         "feedback": r"Only a straight line equals its own tangent. The error is about "
                     r"\(\tfrac12 f''(a)\,\Delta x^2\), and \(f''(a) \neq 0\) here."},
    ]
    verdict = {1: "too low", -1: "too high", 0: "exactly right"}[sign]
    return choice_question(
        rng, rf"The linearisation of \(f(x) = {tex(f)}\) about \(a = {a_tex}\) is used to estimate "
             rf"\(f({_v(a + d)})\). Without working out either number, is the estimate too high, too low, or "
             r"exactly right?",
        options,
        hints=[ERROR, r"So the error's sign is the sign of \(f''(a)\) (for a small step, either way): "
                      r"look at which way the curve bends."],
        worked=[rf"\(f''(x) = {d2tex}\), so \(f''({a_tex}) = {tex(f2)}"
                + ("" if sign == 0 else f" {'>' if sign > 0 else '<'} 0") + r"\).",
                f"{bend}.",
                f"So the estimate is {verdict}: {{key}}."],
        data={"kind": "over-under", "f": learner(f), "about": learner(a), "to": learner(a + d), "verdict": verdict},
    )


# --- 4. the forward difference: linearisation rearranged -------------------------------------------

FD_STORIES = [
    ("A car's distance travelled, \\(s\\) (in metres), is measured at two times: \\(s({t0}) = {f0}\\) and "
     "\\(s({t1}) = {f1}\\), with \\(t\\) in seconds.", "s", "t", "the car's speed \\(s'({t0})\\) in m/s"),
    ("The temperature of a cooling drink, \\(T\\) (in °C), reads \\(T({t0}) = {f0}\\) and \\(T({t1}) = {f1}\\) "
     "at the times \\(t\\) shown (in minutes).", "T", "t", "the rate \\(T'({t0})\\) in °C per minute"),
    ("A function \\(f\\) is known only from a table: \\(f({t0}) = {f0}\\) and \\(f({t1}) = {f1}\\).", "f", "x",
     "\\(f'({t0})\\)"),
]


def forward_difference(rng):
    """f'(x) ≈ (f(x + Δx) − f(x))/Δx from two measured values: the linearisation rearranged."""
    story, name, var, asked = rng.choice(FD_STORIES)
    x0 = rng.choice([1, 2, 5, 10, sp.Rational(3, 2)])
    dx = rng.choice([sp.Rational(1, 10), sp.Rational(2, 10), sp.Rational(5, 10), sp.Rational(1, 100)])
    slope = sp.Rational(rng.randint(-60, 60), 4)
    require(slope != 0 and abs(slope) != 1)
    f0 = sp.Rational(rng.randint(100, 900), 10)
    f1 = f0 + slope * dx
    if name == "s":
        slope = abs(slope)
        f1 = f0 + slope * dx
    words = story.format(t0=_v(x0), t1=_v(x0 + dx), f0=_v(f0), f1=_v(f1))
    asked = asked.format(t0=_v(x0))
    value = (f1 - f0) / dx
    return numeric_question(
        value,
        [(f1 - f0, r"That is the rise \(f(x + \Delta x) - f(x)\); divide by the run \(\Delta x\)."),
         ((f0 - f1) / dx, r"Sign slip: later value minus earlier value, \(f(x + \Delta x) - f(x)\)."),
         ((f1 - f0) * dx, r"Divide the rise by \(\Delta x\); don't multiply."),
         (f1 / dx, r"Subtract \(f(x)\) first: the slope is the change in \(f\) over the change in \(x\).")],
        prompt=rf"{words} Rearrange the linearisation \({name}({var} + \Delta {var}) \approx {name}({var}) + "
               rf"{name}'({var})\,\Delta {var}\) to estimate {asked}.",
        hints=[rf"Solve for the derivative: \({name}'({var}) \approx \dfrac{{{name}({var} + \Delta {var}) - "
               rf"{name}({var})}}{{\Delta {var}}}\), the forward difference.",
               rf"Here \(\Delta {var} = {_v(x0 + dx)} - {_v(x0)} = {_v(dx)}\)."],
        worked=[rf"\({name}'({_v(x0)}) \approx \dfrac{{{_v(f1)} - {_v(f0)}}}{{{_v(dx)}}} = "
                rf"\dfrac{{{_v(f1 - f0)}}}{{{_v(dx)}}} = {_v(value)}\).",
                rf"This is the rise over run of Module 1: the linearisation read backwards. Its error is "
                rf"\(O(\Delta {var})\), about \(\tfrac12|{name}''|\,\Delta {var}\)."],
        data={"kind": "forward-difference", "x0": float(x0), "x1": float(x0 + dx), "f0": float(f0), "f1": float(f1)},
        precision=Precision(figures=6))


# --- 5. how the error scales -----------------------------------------------------------------------

def error_at_new_step(rng):
    """An error E₁ at step Δx₁; the error at Δx₂ is E₁(Δx₂/Δx₁)² (linearisation) or E₁(Δx₂/Δx₁) (forward difference)."""
    method = rng.choice(["linearisation", "linearisation", "forward"])
    dx1 = rng.choice([sp.Rational(1, 10), sp.Rational(2, 10), sp.Rational(4, 10), sp.Rational(3, 10)])
    ratio = rng.choice([sp.Rational(1, 2), sp.Rational(1, 4), sp.Rational(1, 10), 2, 3, sp.Rational(1, 3)])
    dx2 = dx1 * ratio
    require((dx2 * 1000).is_integer, "the new step is a short decimal")
    e1 = rng.choice([sp.Rational(12, 10000), sp.Rational(32, 10000), sp.Rational(8, 1000), sp.Rational(45, 10000),
                     sp.Rational(2, 100), sp.Rational(5, 1000)])
    power = 2 if method == "linearisation" else 1
    value = e1 * ratio**power
    require((value * 10**8).is_integer, "the new error is a short decimal")
    what = (r"The linearisation \(f(x) + f'(x)\,\Delta x\) of a smooth function" if method == "linearisation" else
            r"The forward difference \(\frac{f(x + \Delta x) - f(x)}{\Delta x}\), as an estimate of \(f'(x)\),")
    other = e1 * ratio ** (3 - power)
    return numeric_question(
        value,
        [(other, r"Linearisation's error is \(O(\Delta x^2)\): scale by the square of the step's ratio."
                 if power == 2 else
                 r"The forward difference divides the linearisation's error by \(\Delta x\), so its error is only "
                 r"\(O(\Delta x)\): scale by the step's ratio itself, not its square."),
         (e1, r"The error depends on the step: it shrinks as the step shrinks (and grows with it)."),
         (e1 * ratio**3, r"The error's order is the power of the first term left out: \(\Delta x^2\) for "
                         r"linearisation, \(\Delta x\) for the forward difference, not \(\Delta x^3\)."),
         (e1 / ratio**power, r"Upside down: the error changes the same way as the step (a smaller step, a "
                             r"smaller error).")],
        prompt=rf"{what} has an error of \({_v(e1)}\) with the step \(\Delta x = {_v(dx1)}\). Estimate its error "
               rf"with the step \(\Delta x = {_v(dx2)}\).",
        hints=[ERROR, r"An error of order \(\Delta x^p\) is multiplied by \(k^p\) when the step is multiplied by "
                      r"\(k\)." + ("" if power == 2 else r" The forward difference is first-order: \(p = 1\).")],
        worked=[rf"The step is multiplied by \({_v(dx2)} / {_v(dx1)} = {tex(ratio)}\).",
                (rf"The error is \(O(\Delta x^2)\), so it is multiplied by "
                 rf"\(\left({tex(ratio)}\right)^2 = {tex(ratio**2)}\).") if power == 2 else
                (rf"The error is \(O(\Delta x)\) (dividing the linearisation by \(\Delta x\) lowers every power "
                 rf"by one), so it is multiplied by \({tex(ratio)}\)."),
                rf"New error \(\approx {_v(e1)} \times {tex(ratio**power)} = {_v(value)}\)."],
        data={"kind": "error-step", "method": method, "e1": float(e1), "dx1": float(dx1), "dx2": float(dx2)},
        precision=Precision(figures=6))


# --- 6. the forward difference's error -------------------------------------------------------------

# (f, x0, f'(x) TeX, f''(x) TeX, f''(x0))
FD_ERROR_CASES = [
    (sp.exp(2 * x), 0, r"2e^{2x}", r"4e^{2x}", sp.Integer(4)),
    (sp.exp(x), 1, r"e^x", r"e^x", sp.E),
    (x**3, 2, r"3x^2", r"6x", sp.Integer(12)),
    (x**3, 1, r"3x^2", r"6x", sp.Integer(6)),
    (sp.sin(x), sp.pi / 2, r"\cos x", r"-\sin x", sp.Integer(-1)),
    (sp.cos(x), 0, r"-\sin x", r"-\cos x", sp.Integer(-1)),
    (sp.log(x), 1, r"\frac{1}{x}", r"-\frac{1}{x^2}", sp.Integer(-1)),
    (sp.sqrt(x), 1, r"\frac{1}{2\sqrt{x}}", r"-\frac{1}{4}x^{-3/2}", -sp.Rational(1, 4)),
    (1 / x, 1, r"-\frac{1}{x^2}", r"\frac{2}{x^3}", sp.Integer(2)),
]


def forward_difference_error(rng):
    """The forward difference's error is about ½|f''(x)|Δx: estimate it from the first dropped term."""
    f, x0, d1tex, d2tex, f2 = rng.choice(FD_ERROR_CASES)
    dx = rng.choice([sp.Rational(1, 10), sp.Rational(1, 20), sp.Rational(1, 100), sp.Rational(2, 100)])
    value = abs(f2) * dx / 2
    fn, slope = sp.lambdify(x, f, "math"), float(sp.diff(f, x).subs(x, x0))
    actual = abs((fn(float(x0 + dx)) - fn(float(x0))) / float(dx) - slope)
    precision = Precision(figures=2)      # an estimate of an error: "about"
    require(abs(actual - float(value)) < precision.tolerance(float(value)),
            "the step is small enough for the true error to be accepted too")
    return numeric_question(
        value,
        [(abs(f2) * dx, r"The dropped term is \(\frac{f''(x)}{2}\Delta x^2\): keep the \(\frac12\)."),
         (abs(f2) * dx**2 / 2, r"That is the linearisation's error, \(\tfrac12|f''|\Delta x^2\). Dividing by "
                               r"\(\Delta x\) for the forward difference leaves \(\tfrac12|f''|\,\Delta x\)."),
         (abs(f2) / 2, r"The error shrinks with the step: multiply by \(\Delta x\).")],
        prompt=rf"The forward difference \(\dfrac{{f(x + \Delta x) - f(x)}}{{\Delta x}}\) estimates \(f'(x)\) for "
               rf"\(f(x) = {tex(f)}\) at \(x = {tex(x0)}\) with \(\Delta x = {_v(dx)}\). Use the first term the "
               r"linearisation drops to estimate how far it is from \(f'(x)\) (its error, as a positive number).",
        hints=[rf"\(f'(x) = \dfrac{{f(x + \Delta x) - f(x)}}{{\Delta x}} - \dfrac{{f''(x)}}{{2}}\Delta x - \cdots\): "
               r"the error is about \(\tfrac12|f''(x)|\,\Delta x\).",
               rf"\(f''(x) = {d2tex}\)."],
        worked=[rf"\(f''(x) = {d2tex}\), so \(|f''({tex(x0)})| = {tex(abs(f2))}\)"
                + (rf" \(\approx {number(float(abs(f2)), 6)}\)." if not abs(f2).is_Rational else "."),
                rf"Error \(\approx \tfrac12 \times {tex(abs(f2))} \times {_v(dx)} = {plain(float(value), 6)}\).",
                r"Halve the step and this error halves: the forward difference is first-order accurate."],
        data={"kind": "fd-error", "f": learner(f), "x0": learner(x0), "dx": float(dx)},
        precision=precision)


# --- 7. the tangent plane: linearisation in two dimensions ----------------------------------------

def tangent_plane_estimate(rng):
    """ΔV ≈ V_r Δr + V_h Δh for a cylinder or a cone: the 2D linearisation."""
    r, h = sp.symbols("r h")
    shape = rng.choice(["cylinder", "cone"])
    k = 1 if shape == "cylinder" else sp.Rational(1, 3)
    V = k * sp.pi * r**2 * h
    V_tex, Vr_tex, Vh_tex = ((r"\pi r^2 h", r"2\pi r h", r"\pi r^2") if shape == "cylinder" else
                             (r"\tfrac13\pi r^2 h", r"\tfrac23\pi r h", r"\tfrac13\pi r^2"))
    r0, h0 = rng.choice([2, 3, 4, 5, 10]), rng.choice([5, 8, 10, 12, 20])
    dr = rng.choice([sp.Rational(1, 10), sp.Rational(2, 10), -sp.Rational(1, 10), sp.Rational(5, 100)])
    dh = rng.choice([sp.Rational(2, 10), -sp.Rational(2, 10), sp.Rational(5, 10), -sp.Rational(1, 10)])
    Vr, Vh = 2 * k * sp.pi * r0 * h0, k * sp.pi * r0**2        # by hand
    value = Vr * dr + Vh * dh
    require(abs(float(value)) > 0.5 and abs(float(Vr * dr)) > 0.2 and abs(float(Vh * dh)) > 0.2)
    exact = V.subs({r: r0 + dr, h: h0 + dh}) - V.subs({r: r0, h: h0})
    wrong = [(Vr * dr, r"That is only the change from the radius: the height changes too, adding "
                       r"\(\frac{\partial V}{\partial h}\Delta h\)."),
             (Vh * dh, r"That is only the change from the height: add \(\frac{\partial V}{\partial r}\Delta r\)."),
             (Vr / 2 * dr + Vh * dh, rf"\(\frac{{\partial V}}{{\partial r}}\) has a 2 from \(r^2\): "
                                     rf"\({Vr_tex}\)."),
             (V.subs({r: r0, h: h0}) + value, r"That is the new volume; the question asks for the change."),
             (exact, r"That is the exact change. The tangent plane gives the estimate "
                             r"\(\frac{\partial V}{\partial r}\Delta r + \frac{\partial V}{\partial h}\Delta h\), which "
                             r"leaves out the terms in \(\Delta r^2\) and \(\Delta r\,\Delta h\).")]
    return numeric_question(
        value, wrong,
        prompt=rf"A {shape} has volume \(V = {V_tex}\). Its radius changes from \(r = {r0}\) cm by "
               rf"\(\Delta r = {_v(dr)}\) cm and its height from \(h = {h0}\) cm by \(\Delta h = {_v(dh)}\) cm. Use the "
               r"linearisation (the tangent plane) \(\Delta V \approx \dfrac{\partial V}{\partial r}\Delta r + "
               r"\dfrac{\partial V}{\partial h}\Delta h\) to estimate the change in volume, in cm³.",
        hints=[rf"\(\dfrac{{\partial V}}{{\partial r}} = {Vr_tex}\) and "
               rf"\(\dfrac{{\partial V}}{{\partial h}} = {Vh_tex}\), at \(r = {r0}\), \(h = {h0}\).",
               r"You may type \(\pi\) as pi, or use its decimal value."],
        worked=[rf"\(\dfrac{{\partial V}}{{\partial r}} = {tex(Vr)}\) and \(\dfrac{{\partial V}}{{\partial h}} = "
                rf"{tex(Vh)}\) at \(({r0}, {h0})\).",
                rf"\(\Delta V \approx {tex(Vr)}\left({_v(dr)}\right) + {tex(Vh)}\left({_v(dh)}\right) = {tex(value)} "
                rf"\approx {number(float(value), 6)}\) cm³.",
                rf"(The exact change is \({number(float(exact), 6)}\) cm³.)"],
        data={"kind": "plane-estimate", "f": learner(V), "at": [r0, h0], "step": [float(dr), float(dh)]},
        precision=Precision(figures=4))


# --- 8. when linearisation is a poor guide ------------------------------------------------------------

# (f, a, target, poor, why)
POOR_CASES = [
    (sp.sqrt(x), 100, 101, False, r"One step of 1 from 100 is small next to 100: the curve hardly bends over it."),
    (sp.exp(x), 0, sp.Rational(5, 100), False, r"A small step: the \(\Delta x^2\) term is about 0.001."),
    (sp.log(x), 1, sp.Rational(102, 100), False, r"A small step: \(\ln(1.02) \approx 0.02\) to within 0.0002."),
    (sp.sin(x), 0, sp.Rational(1, 10), False, r"\(\sin x \approx x\) for small \(x\): the error is below 0.0002."),
    (2 * x + 1, 0, 50, False, r"A straight line is its own linearisation: exact however far you go."),
    (1 / x, 10, sp.Rational(102, 10), False, r"A step of 0.2 from 10 is small: the curve is nearly straight there."),
    (sp.sqrt(x), 1, 4, True, r"The step, 3, is large compared with where \(\sqrt{x}\) bends: 2.5 instead of 2."),
    (sp.exp(x), 0, 2, True, r"Far from 0, \(e^x\) curves away from its tangent: 3 instead of about 7.39."),
    (sp.Abs(x), 1, -1, True, r"\(|x|\) has a corner at 0, between \(a\) and the target: the tangent line gives "
                            r"\(-1\) instead of 1."),
    (1 / x, sp.Rational(1, 10), sp.Rational(3, 10), True, r"Near 0, \(\frac{1}{x}\) bends sharply (\(f''\) is huge): "
                                                          r"the estimate is \(-10\) instead of about 3.33."),
    (sp.sin(x), 0, 3, True, r"\(\sin x \approx x\) only for small \(x\): 3 instead of about 0.14."),
    (sp.log(x), 1, sp.Rational(1, 5), True, r"\(\ln x\) bends sharply as \(x\) approaches 0: \(-0.8\) instead of "
                                            r"about \(-1.61\)."),
    (sp.tan(x), 0, sp.Rational(3, 2), True, r"\(\tan x\) shoots up towards \(x = \frac{\pi}{2}\): 1.5 instead of "
                                            r"about 14.1."),
]


def _case_tex(f, a, target) -> str:
    # braces keep "a = 0.1" together; \allowbreak lets a narrow screen wrap between the parts
    return (rf"{{f(x) = {tex(f)}}},\allowbreak\; {{a = {_v(a)}}},\allowbreak\; "
            rf"\text{{estimate }}{{f({_v(target)})}}")


def when_poor(rng):
    """Which linear estimates are poor (off by more than 10%)? Far steps, sharp bends, corners."""
    n_poor = rng.choice([2, 3])
    poor = rng.sample([c for c in POOR_CASES if c[3]], n_poor)
    good = rng.sample([c for c in POOR_CASES if not c[3]], 5 - n_poor)
    cases = poor + good
    require(len({learner(c[0]) for c in cases}) >= 3)
    options = [{"tex": _case_tex(f, a, target), "value": f"{learner(f)}; {learner(a)}; {learner(target)}",
                "correct": bad, "feedback": why} for f, a, target, bad, why in cases]
    return multi_question(
        rng, r"Each line uses the linearisation of a function about \(a\) to estimate a value. Which estimates are "
             r"poor, wrong by more than 10%? Select all that apply.",
        options,
        hints=[ERROR + r" It is small when the step is small compared with how fast the curve bends.",
               r"Watch for: a large step, a function that bends sharply (a large \(f''\)), and a corner or "
               r"a break between \(a\) and the target. A straight line is always exact."],
        worked=[*(rf"\({tex(f)}\) about \({_v(a)}\), for \(f({_v(target)})\): {why[0].lower()}{why[1:]}"
                  for f, a, target, _, why in cases),
                "So the poor estimates are {keys}."],
        data={"kind": "when-poor", "cases": [[learner(f), learner(a), learner(target)] for f, a, target, _, _ in cases]},
    )


TEMPLATES = [linear_formula, estimate_value, over_or_under, forward_difference, error_at_new_step,
             forward_difference_error, tangent_plane_estimate, when_poor]
