"""Reality is hard: derivatives by finite differences, written as code.

The learner writes a small Python function; it is run on many random test
functions and points drawn from the seed and compared with the exact
formula (for a named difference) or with the true derivative (within a
tolerance a good step size meets).  Test functions come from a table of
hand-written derivatives, each checked against sympy in the tests.
"""
from __future__ import annotations

import math
import re

from mvcalc.questions.model import CodeCase, Misconception, Question

# (learner-syntax label, f, f', f'') for x in [0.2, 3]
ONE_D = [
    ("sin(x)", math.sin, math.cos, lambda x: -math.sin(x)),
    ("e^x", math.exp, math.exp, math.exp),
    ("x^3 - 2x", lambda x: x**3 - 2 * x, lambda x: 3 * x**2 - 2, lambda x: 6 * x),
    ("ln(x)", math.log, lambda x: 1 / x, lambda x: -1 / x**2),
    ("sqrt(x)", math.sqrt, lambda x: 0.5 / math.sqrt(x), lambda x: -0.25 * x**-1.5),
    ("1/(1 + x^2)", lambda x: 1 / (1 + x**2), lambda x: -2 * x / (1 + x**2)**2,
     lambda x: (6 * x**2 - 2) / (1 + x**2)**3),
    ("x cos(x)", lambda x: x * math.cos(x), lambda x: math.cos(x) - x * math.sin(x),
     lambda x: -2 * math.sin(x) - x * math.cos(x)),
    ("e^(-x^2)", lambda x: math.exp(-x * x), lambda x: -2 * x * math.exp(-x * x),
     lambda x: (4 * x * x - 2) * math.exp(-x * x)),
]

TEX = {"sin(x)": r"\sin x", "e^x": "e^x", "x^3 - 2x": "x^3 - 2x", "ln(x)": r"\ln x",
       "sqrt(x)": r"\sqrt{x}", "1/(1 + x^2)": r"\frac{1}{1 + x^2}", "x cos(x)": r"x \cos x",
       "e^(-x^2)": "e^{-x^2}"}

# (label, f(x, y), df/dx, df/dy) for x, y in [-2, 2]
TWO_D = [
    ("x^2 y", lambda x, y: x * x * y, lambda x, y: 2 * x * y, lambda x, y: x * x),
    ("sin(x) cos(y)", lambda x, y: math.sin(x) * math.cos(y),
     lambda x, y: math.cos(x) * math.cos(y), lambda x, y: -math.sin(x) * math.sin(y)),
    ("e^(x y)", lambda x, y: math.exp(x * y), lambda x, y: y * math.exp(x * y),
     lambda x, y: x * math.exp(x * y)),
    ("x^3 + x y^2 - 3y", lambda x, y: x**3 + x * y * y - 3 * y, lambda x, y: 3 * x * x + y * y,
     lambda x, y: 2 * x * y - 3),
    ("(x - y)^2 + 2x", lambda x, y: (x - y)**2 + 2 * x, lambda x, y: 2 * (x - y) + 2,
     lambda x, y: -2 * (x - y)),
]

N_CASES = 24
CODE_HINT = "Write Python: math and np (numpy) are available; use ** for powers."


def code(text: str) -> str:
    """Inline code as KaTeX-safe TeX: \\(\\texttt{...}\\) with special characters escaped."""
    for ch, esc in (("\\", r"\textbackslash{}"), ("_", r"\_"), ("#", r"\#"), ("%", r"\%"),
                    ("&", r"\&"), ("{", r"\{"), ("}", r"\}"), ("^", r"\^{}"), ("~", r"\~{}")):
        text = text.replace(ch, esc)
    return r"\(\texttt{" + text + "}\\)"


def _fmt(v: float) -> str:
    return f"{v:.4g}"


def _points(rng, lo, hi, n=N_CASES):
    return [round(rng.uniform(lo, hi), 3) for _ in range(n)]


def code_question(*, prompt, entry, signature, reference, cases, hints, worked,
                  wrong=(), example) -> Question:
    """A code question; ``<code>...</code>`` in the words becomes TeX typewriter text."""
    def words(text):
        return re.sub(r"<code>(.*?)</code>", lambda m: code(m.group(1)), text)

    return Question(
        kind="code",
        prompt=words(prompt),
        solution=reference,
        hints=[words(h) for h in hints],
        worked=[words(w) for w in worked],
        misconceptions=[Misconception(source, fb) for source, fb in wrong],
        answer_hint=CODE_HINT,
        starter=f"def {entry}({signature}):\n    # your code here\n    return 0.0\n",
        entry=entry,
        cases=list(cases),
        data={"example": example},
    )


def forward_difference(rng):
    """forward_difference(f, x, h): rise over run."""
    cases = []
    for x in _points(rng, 0.2, 3):
        label, f, _, _ = rng.choice(ONE_D)
        h = rng.choice([0.5, 0.1, 0.01, 0.001])
        cases.append(CodeCase((f, x, h), (f(x + h) - f(x)) / h,
                              f"f(x) = {label}, x = {x}, h = {h}", rel_tol=1e-7, abs_tol=1e-9))
    label, f, _, _ = rng.choice(ONE_D)
    label_tex = TEX[label]
    x0 = round(rng.uniform(0.5, 2.5), 1)
    return code_question(
        prompt=(r"The slope of the secant from \(x\) to \(x + h\) is rise over run, "
                r"\[\frac{f(x + h) - f(x)}{h}.\] "
                r"Write <code>forward_difference(f, x, h)</code> that returns it for any function "
                rf"<code>f</code>. For example, with \(f(x) = {label_tex}\), \(x = {x0}\) and \(h = 0.1\) it returns "
                rf"\({_fmt((f(x0 + 0.1) - f(x0)) / 0.1)}\)."),
        entry="forward_difference", signature="f, x, h",
        reference="def forward_difference(f, x, h):\n    return (f(x + h) - f(x)) / h\n",
        cases=cases,
        hints=["Call <code>f</code> twice: <code>f(x + h)</code> and <code>f(x)</code>.", "Rise is <code>f(x + h) - f(x)</code>; run is <code>h</code>."],
        worked=["Rise: <code>f(x + h) - f(x)</code>. Run: <code>h</code>.",
                "<code>return (f(x + h) - f(x)) / h</code>"],
        wrong=[("def forward_difference(f, x, h):\n    return f(x + h) - f(x)\n",
                "That is the rise only: divide by the run, h."),
               ("def forward_difference(f, x, h):\n    return (f(x) - f(x + h)) / h\n",
                "Sign slip: rise is the later value minus the earlier one, f(x + h) - f(x).")],
        example=label,
    )


def central_difference(rng):
    """central_difference(f, x, h): the symmetric secant."""
    cases = []
    for x in _points(rng, 0.2, 3):
        label, f, _, _ = rng.choice(ONE_D)
        h = rng.choice([0.5, 0.1, 0.01])
        if x - h <= 0:
            h = 0.01
        cases.append(CodeCase((f, x, h), (f(x + h) - f(x - h)) / (2 * h),
                              f"f(x) = {label}, x = {x}, h = {h}", rel_tol=1e-7, abs_tol=1e-9))
    return code_question(
        prompt=(r"A central difference uses points on both sides of \(x\): "
                r"\[\frac{f(x + h) - f(x - h)}{2h}.\] It is far more accurate than the forward "
                r"difference for the same \(h\). Write <code>central_difference(f, x, h)</code>."),
        entry="central_difference", signature="f, x, h",
        reference="def central_difference(f, x, h):\n    return (f(x + h) - f(x - h)) / (2 * h)\n",
        cases=cases,
        hints=[r"The run from \(x - h\) to \(x + h\) is \(2h\).", "Brackets matter: divide by <code>(2 * h)</code>; <code>/ 2 * h</code> multiplies by h."],
        worked=["Rise: <code>f(x + h) - f(x - h)</code>. Run: <code>2 * h</code>.",
                "<code>return (f(x + h) - f(x - h)) / (2 * h)</code>"],
        wrong=[("def central_difference(f, x, h):\n    return (f(x + h) - f(x - h)) / h\n",
                "The run from x - h to x + h is 2h, not h: your result is twice too big."),
               ("def central_difference(f, x, h):\n    return (f(x + h) - f(x - h)) / 2 * h\n",
                "Operator order: / 2 * h divides by 2 and then multiplies by h. Write / (2 * h).")],
        example="",
    )


def derivative(rng):
    """derivative(f, x): choose the step size yourself."""
    cases = []
    for x in _points(rng, 0.3, 3):
        label, f, df, _ = rng.choice(ONE_D)
        cases.append(CodeCase((f, x), df(x), f"f(x) = {label}, x = {x}", rel_tol=1e-4, abs_tol=1e-5))
    return code_question(
        prompt=(r"Now choose \(h\) yourself. Write <code>derivative(f, x)</code> that returns "
                r"\(f'(x)\) to within 0.01% for smooth functions. It is tested against exact "
                r"derivatives at many points. Too large an \(h\) gives a poor secant; too small "
                r"and rounding errors take over."),
        entry="derivative", signature="f, x",
        reference="def derivative(f, x):\n    h = 1e-5\n    return (f(x + h) - f(x - h)) / (2 * h)\n",
        cases=cases,
        hints=[r"A forward difference has error about \(h\); a central difference about \(h^2\).",
               r"A central difference with \(h\) around \(10^{-5}\) is accurate to about \(10^{-10}\)."],
        worked=["Use a central difference with a small step, <code>h = 1e-5</code>.",
                "<code>return (f(x + h) - f(x - h)) / (2 * h)</code>",
                r"Its truncation error is about \(h^2 f'''/6 \approx 10^{-10}\), and rounding adds about "
                r"\(10^{-16}/h \approx 10^{-11}\)."],
        wrong=[("def derivative(f, x):\n    h = 0.1\n    return (f(x + h) - f(x)) / h\n",
                "A forward difference with h = 0.1 is too rough: use a smaller h, or a central difference.")],
        example="",
    )


def partial_x(rng):
    """partial_x(f, x, y): hold y still."""
    cases = []
    for _ in range(N_CASES):
        label, f, fx, _ = rng.choice(TWO_D)
        x, y = round(rng.uniform(-2, 2), 3), round(rng.uniform(-2, 2), 3)
        cases.append(CodeCase((f, x, y), fx(x, y), f"f(x, y) = {label}, x = {x}, y = {y}",
                              rel_tol=1e-4, abs_tol=1e-5))
    return code_question(
        prompt=(r"A partial derivative moves one variable and holds the others still. "
                r"Write <code>partial_x(f, x, y)</code> that returns \(\frac{\partial f}{\partial x}\) "
                r"at \((x, y)\) for a function <code>f(x, y)</code> of two variables, by a finite difference."),
        entry="partial_x", signature="f, x, y",
        reference=("def partial_x(f, x, y):\n    h = 1e-5\n"
                   "    return (f(x + h, y) - f(x - h, y)) / (2 * h)\n"),
        cases=cases,
        hints=["Step x only: <code>f(x + h, y)</code> and <code>f(x - h, y)</code>.", "Use a central difference with <code>h = 1e-5</code>."],
        worked=["Move x, keep y: <code>(f(x + h, y) - f(x - h, y)) / (2 * h)</code> with <code>h = 1e-5</code>."],
        wrong=[("def partial_x(f, x, y):\n    h = 1e-5\n"
                "    return (f(x, y + h) - f(x, y - h)) / (2 * h)\n",
                "That steps y: it is the partial derivative with respect to y. Step x instead.")],
        example="",
    )


def gradient(rng):
    """gradient(f, x, y): both partial derivatives, as a list."""
    cases = []
    for _ in range(N_CASES):
        label, f, fx, fy = rng.choice(TWO_D)
        x, y = round(rng.uniform(-2, 2), 3), round(rng.uniform(-2, 2), 3)
        cases.append(CodeCase((f, x, y), (fx(x, y), fy(x, y)), f"f(x, y) = {label}, x = {x}, y = {y}",
                              rel_tol=1e-4, abs_tol=1e-5))
    return code_question(
        prompt=(r"The Jacobian of \(f(x, y)\) is the row vector "
                r"\(\left(\frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}\right)\). "
                r"Write <code>gradient(f, x, y)</code> returning it as a list <code>[dfdx, dfdy]</code>, "
                r"by finite differences."),
        entry="gradient", signature="f, x, y",
        reference=("def gradient(f, x, y):\n    h = 1e-5\n"
                   "    dfdx = (f(x + h, y) - f(x - h, y)) / (2 * h)\n"
                   "    dfdy = (f(x, y + h) - f(x, y - h)) / (2 * h)\n"
                   "    return [dfdx, dfdy]\n"),
        cases=cases,
        hints=["Two central differences: one stepping x, one stepping y.",
               "Return a list of two numbers, x first."],
        worked=["<code>dfdx = (f(x + h, y) - f(x - h, y)) / (2 * h)</code>",
                "<code>dfdy = (f(x, y + h) - f(x, y - h)) / (2 * h)</code>",
                "<code>return [dfdx, dfdy]</code>"],
        wrong=[("def gradient(f, x, y):\n    h = 1e-5\n"
                "    dfdx = (f(x + h, y) - f(x - h, y)) / (2 * h)\n"
                "    dfdy = (f(x, y + h) - f(x, y - h)) / (2 * h)\n"
                "    return [dfdy, dfdx]\n",
                "The order matters: x first, then y.")],
        example="",
    )


def second_derivative(rng):
    """second_derivative(f, x): the slope of the slope."""
    cases = []
    for x in _points(rng, 0.3, 3):
        label, f, _, d2f = rng.choice(ONE_D)
        cases.append(CodeCase((f, x), d2f(x), f"f(x) = {label}, x = {x}", rel_tol=1e-3, abs_tol=1e-3))
    return code_question(
        prompt=(r"The second derivative is the slope of the slope. A central difference of central "
                r"differences gives \[f''(x) \approx \frac{f(x + h) - 2 f(x) + f(x - h)}{h^2}.\] "
                r"Write <code>second_derivative(f, x)</code>, accurate to 0.1%."),
        entry="second_derivative", signature="f, x",
        reference=("def second_derivative(f, x):\n    h = 1e-4\n"
                   "    return (f(x + h) - 2 * f(x) + f(x - h)) / h**2\n"),
        cases=cases,
        hints=[r"Use the formula with \(h\) around \(10^{-4}\): smaller, and rounding error "
               r"(divided by \(h^2\)) takes over.", "Write <code>h**2</code> (or <code>h * h</code>) for the square."],
        worked=["<code>h = 1e-4</code>",
                "<code>return (f(x + h) - 2 * f(x) + f(x - h)) / h**2</code>"],
        wrong=[("def second_derivative(f, x):\n    h = 1e-4\n"
                "    return (f(x + h) - 2 * f(x) + f(x - h)) / h\n",
                "Divide by h squared: each difference of differences divides by h once more.")],
        example="",
    )


TEMPLATES = [forward_difference, central_difference, derivative, partial_x, gradient,
             second_derivative]
