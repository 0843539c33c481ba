"""Partial differentiation as an idea, not algebra: which letters vary is decided by the context.

The lesson's can, m = 2πr²tρ + 2πrhtρ, with t and ρ kept as letters: the context says which
letter changes; a term without that letter is a constant; a partial derivative has units
(grams per centimetre) and a meaning (the extra mass for a small change); a total derivative
adds one term per letter that really changes.  Keys are written by hand from each template's
parameters; the tests recompute them with sympy.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import (EXPRESSION_HINT, choice_question, multi_question, numeric_question,
                                       require)
from mvcalc.questions.compare import misconceptions
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.precision import Precision
from mvcalc.questions.printing import learner, number, signed, tex, x, y

r, h, t, rho = sp.symbols("r h t rho")
CAN_LETTERS = (r, h, t, rho)
HOLD = (r"A partial derivative asks how the output changes when one letter changes and every other "
        r"letter stays put: those are constants, exactly like numbers.")
CONTEXT = (r"The formula does not say which letters are variables: the context does. Ask which quantity "
           r"is being changed.")
CAN_TYPING = r"Type \(\pi\) as pi and \(\rho\) as rho."


def _letters(letters) -> str:
    """Letters in words: "h, t and rho", each in TeX."""
    names = [rf"\({tex(v)}\)" for v in letters]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def can_tex(expr) -> str:
    """A sum of products of r, h, t, rho and pi in the lesson's order: 2\\pi r^2 t\\rho + 2\\pi r h t\\rho."""
    terms = []
    for term in sp.Add.make_args(sp.expand(expr)):
        coeff, rest = term.as_coeff_Mul()
        powers = rest.as_powers_dict()
        body = (r"\pi " if powers.get(sp.pi) else "") + " ".join(
            tex(v) + (f"^{{{powers[v]}}}" if powers[v] != 1 else "") for v in (r, h, t, rho) if powers.get(v))
        terms.append((-powers.get(r, 0), -powers.get(h, 0), coeff, body.replace(r"t \rho", r"t\rho")))
    terms.sort(key=lambda item: item[:2])
    out = ""
    for _, _, coeff, body in terms:
        number_tex = "" if abs(coeff) == 1 else tex(abs(coeff))
        sign = "-" if coeff < 0 else "+"
        out += (f" {sign} " if out else ("-" if coeff < 0 else "")) + number_tex + body
    return out or "0"


def _can(ends: int):
    """The mass of a can with ``ends`` ends (2: a closed can, 1: an open cup)."""
    return ends * sp.pi * r**2 * t * rho + 2 * sp.pi * r * h * t * rho


def _can_words(ends: int) -> str:
    if ends == 2:
        return (r"The lesson's can, a closed cylinder of radius \(r\) and height \(h\) made of metal sheet of "
                r"thickness \(t\) and density \(\rho\), has mass")
    return (r"An open cup (a cylinder with a bottom but no lid) of radius \(r\) and height \(h\), made of metal "
            r"sheet of thickness \(t\) and density \(\rho\), has mass")


def _can_partial(ends: int, letter):
    """∂m/∂letter, written out by hand term by term."""
    k = ends * sp.pi
    return {r: 2 * k * r * t * rho + 2 * sp.pi * h * t * rho,
            h: 2 * sp.pi * r * t * rho,
            t: k * r**2 * rho + 2 * sp.pi * r * h * rho,
            rho: k * r**2 * t + 2 * sp.pi * r * h * t}[letter]


# which letter changes, and in whose words
CAN_CONTEXTS = {
    r: "A designer tries cans of different widths: the height stays as it is, and the factory's sheet "
       "metal fixes the thickness and the density.",
    h: "A designer tries taller and shorter cans of the same width, made from the factory's usual sheet metal.",
    t: "A supplier offers the same metal rolled thinner or thicker; the shape of the can stays as it is.",
    rho: "The factory considers other metals (aluminium, steel, tin) of the same thickness, for a can of the "
         "same shape.",
}
CHANGES = {r: "the radius", h: "the height", t: "the thickness of the sheet", rho: "the metal's density"}


def can_in_context(rng):
    """The lesson's can with t and ρ as letters: the context says which partial derivative is meant."""
    ends = rng.choice([2, 1])
    letter = rng.choice(CAN_LETTERS)
    m = _can(ends)
    answer = _can_partial(ends, letter)
    others = [v for v in CAN_LETTERS if v != letter]
    end_term = ends * sp.pi * r**2 * t * rho
    side_term = 2 * sp.pi * r * h * t * rho
    wrong = [(_can_partial(ends, v),
              rf"That is \(\partial m/\partial {tex(v)}\). Here it is {CHANGES[letter]} that changes, so "
              rf"differentiate with respect to \({tex(letter)}\).") for v in others]
    if letter == h:
        wrong.insert(0, (answer + end_term, rf"The ends' term \({can_tex(end_term)}\) has no \(h\) in it: it is a "
                                            r"constant, and its partial derivative is 0."))
    else:
        wrong.insert(0, (answer + _can_partial(ends, others[0]),
                         rf"You treated \({tex(others[0])}\) as a variable too: in this context only "
                         rf"\({tex(letter)}\) changes, and \({tex(others[0])}\) is a constant."))
        missing_side = sp.diff(end_term, letter)
        wrong.append((missing_side, rf"The side, \({can_tex(side_term)}\), depends on \({tex(letter)}\) too: "
                                    "differentiate both terms."))
    q = Question(
        kind="expression",
        prompt=(rf"{_can_words(ends)} \[m = {can_tex(m)}.\] {CAN_CONTEXTS[letter]} How fast does the mass change as "
                rf"{CHANGES[letter]} changes? Give the partial derivative as a formula in \(r\), \(h\), \(t\) and "
                rf"\(\rho\). {CAN_TYPING}"),
        solution=learner(answer),
        hints=[CONTEXT + rf" Here that is {CHANGES[letter]}, \({tex(letter)}\); the other three letters are "
                         "constants.",
               HOLD + r" A term without the changing letter differentiates to 0."],
        worked=[rf"Only \({tex(letter)}\) changes, so we want \(\frac{{\partial m}}{{\partial {tex(letter)}}}\), "
                rf"holding {_letters(others)} still.",
                rf"\(\frac{{\partial}}{{\partial {tex(letter)}}}\left({can_tex(end_term)}\right) = "
                rf"{can_tex(sp.diff(end_term, letter))}\) and "
                rf"\(\frac{{\partial}}{{\partial {tex(letter)}}}\left({can_tex(side_term)}\right) = "
                rf"{can_tex(sp.diff(side_term, letter))}\).",
                rf"So \(\frac{{\partial m}}{{\partial {tex(letter)}}} = {can_tex(answer)}\)."],
        misconceptions=misconceptions(answer, wrong, CAN_LETTERS),
        answer_hint=EXPRESSION_HINT.replace("3x^2 cos(x) + e^(2x)", "2pi r t rho"),
        variables=tuple(str(v) for v in CAN_LETTERS),
        data={"f": learner(m), "wrt": str(letter), "variables": [str(v) for v in CAN_LETTERS],
              "kind": "partial"},
    )
    return q


# terms for "which terms differentiate to 0": functions of (u, v), u the variable, v held still
def _with_u(rng, u, v):
    c = nonzero(rng, -5, 5)
    return rng.sample([c * u * v**2, v * sp.sin(u), c * u**2 * v, sp.exp(u * v), v / u, c * u * sp.log(v),
                       u**3, c * sp.sqrt(u) * v], 3)


def _without_u(rng, u, v):
    c, k = nonzero(rng, -6, 6), rng.randint(2, 4)
    return rng.sample([c * v**k, sp.exp(k * v), v * sp.sin(v), sp.log(v), sp.Integer(c), c * v**2 * sp.cos(v),
                       sp.sqrt(v) / k], 3)


def zero_terms(rng):
    """Which terms of f have a zero partial derivative? The ones without the variable."""
    u = rng.choice([x, y])
    v = y if u == x else x
    n_zero = rng.choice([2, 3])
    terms = _with_u(rng, u, v)[:5 - n_zero] + _without_u(rng, u, v)[:n_zero]
    f = sp.Add(*terms)
    require(len(f.args) == 5 and len({tex(s) for s in terms}) == 5)
    options = []
    for s in terms:
        zero = not s.has(u)
        d = sp.diff(s, u)
        options.append({
            "tex": tex(s), "value": learner(s), "correct": zero,
            "feedback": (rf"\({tex(s)}\) has no \({u}\) in it: with \({v}\) held still it is a constant, so its "
                         rf"partial derivative is 0." if zero else
                         rf"\({tex(s)}\) contains \({u}\): its partial derivative is \({tex(d)}\), not 0 "
                         rf"(\({v}\) is only a constant factor)." if d.has(v) or s.has(v) else
                         rf"\({tex(s)}\) contains \({u}\): its partial derivative is \({tex(d)}\), not 0."),
        })
    q = multi_question(
        rng, rf"A function \(f(x, y)\) is the sum of the five terms below. Which of them have a partial derivative "
             rf"with respect to \({u}\) equal to 0 everywhere? Select all that apply.",
        options,
        hints=[rf"In \(\partial f/\partial {u}\), \({v}\) is held still: it is a constant, like a number.",
               rf"A term with no \({u}\) in it is a constant, however complicated it looks."],
        worked=[*(rf"\(\frac{{\partial}}{{\partial {u}}}\left({tex(s)}\right) = {tex(sp.diff(s, u))}\)."
                  for s in terms),
                rf"The terms without \({u}\) differentiate to 0: {{keys}}."],
        data={"kind": "zero-terms", "wrt": str(u), "terms": [learner(s) for s in terms]},
    )
    return q


# units: (story, f and its unit, the two variables and their units); units are sympy symbols
g, cm, K, kPa, L, metre, km, sec, pound, loaf = sp.symbols("g cm K kPa L m km s GBP loaf", positive=True)
UNIT_TEX = {g: r"\text{g}", cm: r"\text{cm}", K: r"\text{K}", kPa: r"\text{kPa}", L: r"\text{L}",
            metre: r"\text{m}", km: r"\text{km}", sec: r"\text{s}", pound: r"\pounds", loaf: r"\text{loaf}"}
UNIT_CONTEXTS = [
    (r"The mass \(m\) (in grams) of the can's metal depends on its radius \(r\) (in cm) and the density \(\rho\) "
     r"of the metal (in g/cm³).", "m", g, [("r", cm), (r"\rho", g / cm**3)]),
    (r"The temperature \(T\) (in kelvin) of a metal plate depends on the position \((x, y)\) on it, "
     r"measured in cm.", "T", K, [("x", cm), ("y", cm)]),
    (r"The pressure \(P\) (in kPa) of a gas depends on its volume \(V\) (in litres) and its temperature "
     r"\(T\) (in kelvin).", "P", kPa, [("V", L), ("T", K)]),
    (r"The height \(H\) (in metres) of a hillside depends on how far east, \(x\), and north, \(y\), you are, "
     r"both in km.", "H", metre, [("x", km), ("y", km)]),
    (r"The fuel \(F\) (in litres) a van uses depends on the distance \(d\) it drives (in km) and the time "
     r"\(\tau\) it spends idling (in seconds).", "F", L, [("d", km), (r"\tau", sec)]),
    (r"A bakery's takings \(R\) (in pounds, £) depend on the number \(n\) of loaves it sells and the price "
     r"\(c\) of a loaf (in £ per loaf).", "R", pound, [("n", loaf), ("c", pound / loaf)]),
]


def unit_tex(u) -> str:
    """A unit such as g/cm³ as TeX: numerator factors, then a slash and the denominator."""
    u = sp.sympify(u)
    if u == 1:
        return r"\text{no unit (a pure number)}"
    num, den = [], []
    for base, power in sorted(u.as_powers_dict().items(), key=lambda item: str(item[0])):
        if base not in UNIT_TEX:
            continue
        text = UNIT_TEX[base] + (f"^{{{abs(power)}}}" if abs(power) != 1 else "")
        (num if power > 0 else den).append(text)
    top = r"\,".join(num) or "1"
    return top if not den else top + "/" + (den[0] if len(den) == 1 else "(" + r"\,".join(den) + ")")


def unit_value(u) -> str:
    return learner(u)


def units_of_partial(rng):
    """The units of a partial derivative: the output's unit per the changing variable's unit."""
    story, f_name, f_unit, variables = rng.choice(UNIT_CONTEXTS)
    i = rng.randrange(2)
    (v_name, v_unit), (o_name, o_unit) = variables[i], variables[1 - i]
    right = f_unit / v_unit
    options = [
        {"u": right, "correct": True},
        {"u": v_unit / f_unit, "feedback": rf"Upside down: \(\partial {f_name}/\partial {v_name}\) is a change in "
                                           rf"\({f_name}\) divided by a change in \({v_name}\)."},
        {"u": f_unit * v_unit, "feedback": rf"A rate of change divides by the change in \({v_name}\); it does not "
                                           r"multiply by it."},
        {"u": f_unit, "feedback": rf"That is the unit of \({f_name}\) itself. Its rate of change is per unit of "
                                  rf"\({v_name}\)."},
        {"u": f_unit / o_unit, "feedback": rf"That would be per unit of \({o_name}\): the derivative is with respect "
                                           rf"to \({v_name}\)."},
        {"u": f_unit / v_unit**2, "feedback": rf"That is the unit of the second derivative "
                                              rf"\(\partial^2 {f_name}/\partial {v_name}^2\)."},
    ]
    seen, kept = set(), []
    for o in options:
        key = sp.simplify(o["u"])
        if key in seen:
            continue
        seen.add(key)
        kept.append(o)
    kept = kept[:5]
    require(len(kept) >= 4)
    for o in kept:
        o["tex"], o["value"] = unit_tex(o["u"]), unit_value(o["u"])
    return choice_question(
        rng, rf"{story} What are the units of \(\dfrac{{\partial {f_name}}}{{\partial {v_name}}}\)?",
        [{k: v for k, v in o.items() if k != "u"} for o in kept],
        hints=[rf"\(\dfrac{{\partial {f_name}}}{{\partial {v_name}}}\) is the change in \({f_name}\) per unit "
               rf"change in \({v_name}\), with \({o_name}\) held still.",
               r"Think of it as a small change \(\Delta %s\) divided by a small change \(\Delta %s\)." % (f_name, v_name)],
        worked=[rf"\(\dfrac{{\partial {f_name}}}{{\partial {v_name}}} \approx \dfrac{{\Delta {f_name}}}{{\Delta {v_name}}}\): "
                rf"({unit_words(f_unit)}) divided by ({unit_words(v_unit)}).",
                rf"So its unit is \({unit_tex(right)}\): {{key}}."],
        data={"kind": "units", "f_unit": unit_value(f_unit), "v_unit": unit_value(v_unit), "of": f_name,
              "by": v_name},
    )


def unit_words(u) -> str:
    u = sp.sympify(u)
    return r"a pure number" if u == 1 else rf"\({unit_tex(u)}\)"


DENSITIES = {"aluminium": sp.Rational(27, 10), "steel": sp.Rational(79, 10)}


def can_estimate(rng):
    """What ∂m/∂r means: grams per cm, so times a small change gives the extra metal."""
    metal = rng.choice(sorted(DENSITIES))
    dens = DENSITIES[metal]
    radius = rng.choice([sp.Rational(5, 2), 3, sp.Rational(33, 10), 4])
    height = rng.choice([8, 10, sp.Rational(23, 2), 12, 15])
    thick_mm = rng.choice([sp.Rational(1, 10), sp.Rational(2, 10), sp.Rational(3, 10)])
    letter = rng.choice([r, r, h, t])
    step_mm = rng.choice([1, 2, 3, 5]) if letter != t else rng.choice([sp.Rational(1, 100), sp.Rational(2, 100),
                                                                       sp.Rational(5, 100)])
    at = {r: radius, h: height, t: thick_mm / 10, rho: dens}
    m = _can(2)
    rate = _can_partial(2, letter).subs(at)
    step_cm = sp.Rational(step_mm) / 10
    value = float(rate * step_cm)
    exact = float(m.subs({**at, letter: at[letter] + step_cm}) - m.subs(at))
    other = r if letter != r else h
    amount = f"{number(float(step_mm))} mm"
    words = {r: (f"widens the can's radius by {amount}", "radius", r"\Delta r"),
             h: (f"makes the can {amount} taller", "height", r"\Delta h"),
             t: (f"makes the walls {amount} thicker", "thickness", r"\Delta t")}[letter]
    wrong = [(value * 10, r"Convert millimetres to centimetres first: the partial derivative is in grams per cm, "
                          r"so the step must be in cm too."),
             (float(rate), rf"That is \(\partial m/\partial {tex(letter)}\), grams per cm; multiply by the step "
                           rf"\({words[2]}\) to get grams."),
             (float(_can_partial(2, other).subs(at) * step_cm),
              rf"That uses \(\partial m/\partial {tex(other)}\); the designer changes the {words[1]}."),
             (float(m.subs(at)), r"That is the mass of the whole can, not the extra metal."),
             (exact, rf"That is the exact change \(m({tex(letter)} + {words[2]}) - m({tex(letter)})\). "
                             rf"The question asks for the estimate \(\frac{{\partial m}}{{\partial {tex(letter)}}}"
                             rf"\,{words[2]}\), which is what the partial derivative tells us.")]
    formula = _can_partial(2, letter)
    return numeric_question(
        (rf"A can of {metal} (\(\rho = {number(float(dens))}\) g/cm³) has radius \(r = {number(float(radius))}\) cm, "
                rf"height \(h = {number(float(height))}\) cm and walls \(t = {number(float(thick_mm))}\) mm thick, and "
                rf"\[m = {can_tex(m)}.\] A designer {words[0]}. Use "
                rf"\(\dfrac{{\partial m}}{{\partial {tex(letter)}}}\) to estimate how many grams of extra metal that takes."),
        value, wrong=wrong, precision=Precision(figures=4),
        hints=[rf"\(\dfrac{{\partial m}}{{\partial {tex(letter)}}} = {can_tex(formula)}\) is in grams per cm of "
               rf"{words[1]}: multiply it by the change, in cm.",
               rf"\({number(float(step_mm))}\) mm \(= {number(float(step_cm))}\) cm, and \(t = {number(float(thick_mm))}\) "
               rf"mm \(= {number(float(thick_mm / 10))}\) cm."],
        worked=[rf"\(\dfrac{{\partial m}}{{\partial {tex(letter)}}} = {can_tex(formula)} = {number(float(rate), 5)}\) g/cm "
                rf"at this can.",
                rf"Extra metal \(\approx \dfrac{{\partial m}}{{\partial {tex(letter)}}}\,{words[2]} = "
                rf"{number(float(rate), 5)} \times {number(float(step_cm))} \approx {number(value, 4)}\) g.",
                (rf"(The exact change is {number(exact, 4)} g: the estimate drops a term in \({words[2]}^2\).)"
                 if abs(exact - value) > 1e-9 * abs(value) else
                 rf"(Here \(m\) is a straight line in \({tex(letter)}\), so the estimate is exact.)")],
        data={"kind": "can-estimate", "f": learner(m), "wrt": str(letter),
              "at": {str(k): float(v) for k, v in at.items()}, "step": float(step_cm)},
    )


# what changes with the parameter s, in words; the letters that change
DRIFT = [
    ("A designer animates the can on screen: as the time \\(s\\) passes, its radius and its height both grow, while "
     "it stays made of the same sheet metal.", [r, h], "s"),
    ("A can is crushed in a press: as the press moves down by \\(s\\), the can gets shorter and bulges wider; the "
     "metal itself (its thickness and density) does not change.", [r, h], "s"),
    ("Along a roll of sheet metal the thickness drifts a little with the position \\(s\\) along the roll. Cans of "
     "one fixed shape are cut from the roll.", [t], "s"),
    ("Cans of one fixed shape are made from batches of recycled metal: from batch to batch (number \\(s\\)) both "
     "the sheet's thickness and the metal's density change.", [t, rho], "s"),
    ("A family of cans keeps the same proportions, \\(h = 3r\\), and is scaled up with a size \\(s\\); the sheet "
     "metal stays the same.", [r, h], "s"),
    ("The factory compares cans of one shape and one sheet thickness made of different alloys, numbered by "
     "\\(s\\); each alloy has its own density.", [rho], "s"),
]


def total_terms(rng):
    """Which terms the total derivative dm/ds has: one for each letter that changes with s."""
    story, varying, param = rng.choice(DRIFT)
    ends = rng.choice([2, 1])
    m = _can(ends)
    options = []
    for v in CAN_LETTERS:
        changes = v in varying
        options.append({
            "tex": rf"\dfrac{{\partial m}}{{\partial {tex(v)}}}\,\dfrac{{d{tex(v)}}}{{d{param}}}",
            "value": str(v), "correct": changes,
            "feedback": (rf"\({tex(v)}\) does change with \({param}\) here, so its path contributes to "
                         rf"\(dm/d{param}\)." if changes else
                         rf"\({tex(v)}\) does not change with \({param}\) in this story: "
                         rf"\(d{tex(v)}/d{param} = 0\), so its term vanishes."),
        })
    q = multi_question(
        rng, rf"{_can_words(ends)} \[m = {can_tex(m)}.\] {story} Which terms appear (are not zero) in the total "
             rf"derivative \(\dfrac{{dm}}{{d{param}}}\)? Select all that apply.",
        options,
        hints=[rf"The total derivative has one term \(\frac{{\partial m}}{{\partial v}}\frac{{dv}}{{d{param}}}\) for "
               rf"each letter \(v\): \(\frac{{dm}}{{d{param}}} = \sum_v \frac{{\partial m}}{{\partial v}}"
               rf"\frac{{dv}}{{d{param}}}\).",
               rf"A letter that does not change with \({param}\) has \(\frac{{dv}}{{d{param}}} = 0\): its term drops out."],
        worked=[rf"In this story {'the letters' if len(varying) > 1 else 'the only letter'} that "
                rf"{'change' if len(varying) > 1 else 'changes'} with \({param}\) "
                rf"{'are' if len(varying) > 1 else 'is'} {_letters(varying)}; the others are constants.",
                rf"So \(\dfrac{{dm}}{{d{param}}} = "
                + " + ".join(rf"\frac{{\partial m}}{{\partial {tex(v)}}}\frac{{d{tex(v)}}}{{d{param}}}" for v in varying)
                + r"\): {keys}."],
        data={"kind": "total-terms", "f": learner(m), "varying": [str(v) for v in varying]},
    )
    return q


def partial_versus_total(rng):
    """f = a x^m y^n with y tied to x: the total derivative df/dx is not ∂f/∂x."""
    a = nonzero(rng, -4, 4, not_one=False)
    m, n = rng.randint(1, 3), rng.randint(1, 3)
    c, k = nonzero(rng, -3, 3, not_one=False), rng.randint(2, 3)
    f = a * x**m * y**n
    path = c * x**k
    fx, fy, dy = a * m * x**(m - 1) * y**n, a * n * x**m * y**(n - 1), k * c * x**(k - 1)
    on = {y: path}
    answer = sp.expand(a * c**n * (m + k * n) * x**(m + k * n - 1))
    wrong = [(fx.subs(on), r"That is \(\partial f/\partial x\) with \(y\) held still; but here \(y\) changes "
                           r"with \(x\), so add the path through \(y\): \(\frac{\partial f}{\partial y}\frac{dy}{dx}\)."),
             ((fx + fy).subs(on), r"The term through \(y\) needs the factor \(\frac{dy}{dx}\): "
                                  r"\(\frac{\partial f}{\partial y}\frac{dy}{dx}\)."),
             ((fy * dy).subs(on), r"That is only the path through \(y\): \(x\) also appears in \(f\) directly, "
                                  r"so add \(\frac{\partial f}{\partial x}\).")]
    return Question(
        kind="expression",
        prompt=(rf"Let \(f(x, y) = {tex(f)}\). If \(x\) and \(y\) are independent variables, "
                rf"\(\dfrac{{\partial f}}{{\partial x}} = {tex(fx)}\). But now \(y\) is tied to \(x\): "
                rf"\(y = {tex(path)}\). Find the total derivative \(\dfrac{{df}}{{dx}}\) as a function of \(x\) alone."),
        solution=learner(answer),
        hints=[r"When \(y\) depends on \(x\), changing \(x\) changes \(f\) directly and through \(y\): "
               r"\(\dfrac{df}{dx} = \dfrac{\partial f}{\partial x} + \dfrac{\partial f}{\partial y}\dfrac{dy}{dx}\).",
               rf"Or substitute first: \(f = {tex(f.subs(on))}\), then differentiate."],
        worked=[rf"\(\dfrac{{\partial f}}{{\partial x}} = {tex(fx)}\), \(\dfrac{{\partial f}}{{\partial y}} = {tex(fy)}\), "
                rf"\(\dfrac{{dy}}{{dx}} = {tex(dy)}\).",
                rf"\(\dfrac{{df}}{{dx}} = {tex(fx)} + \left({tex(fy)}\right)\left({tex(dy)}\right)\) with "
                rf"\(y = {tex(path)}\):",
                rf"\(= {tex(sp.expand(fx.subs(on)))} {signed(sp.expand((fy * dy).subs(on)))} = {tex(answer)}\).",
                rf"Check by substituting first: \(f = {tex(sp.expand(f.subs(on)))}\), whose derivative is "
                rf"\({tex(answer)}\)."],
        misconceptions=misconceptions(answer, wrong, (x,)),
        answer_hint=EXPRESSION_HINT,
        variables=("x",),
        data={"kind": "total", "f": learner(f), "path": learner(path)},
    )


IDEAS = [zero_terms, can_in_context, units_of_partial, can_estimate, total_terms, partial_versus_total]
