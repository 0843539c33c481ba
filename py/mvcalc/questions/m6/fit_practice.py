"""Fits in practice: is chi-squared about n - 2, what scaling the error bars does, a standard error
from the curvature of chi-squared, the covariance from its Hessian and from curve_fit, what
curve_fit promises, and chi-squared as code (chi2_code_function.py, a module without sympy).

Hand-derived here; the tests check each against scipy.stats, numpy's linear algebra, a fitted
parabola and scipy.optimize.curve_fit itself.
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import choice_question, multi_question, require
from mvcalc.questions.m6.chi2_function_code import chi2_function
from mvcalc.questions.m6.linear_regression import _numeric
from mvcalc.questions.printing import matrix_tex, number, tex

COV = (r"Near its minimum \(\chi^2 \approx \chi^2_{\mathrm{min}} + \tfrac12\,\Delta\mathbf{p}^{\mathsf T} H\,\Delta\mathbf{p}\), "
       r"and the covariance matrix of the parameters is \(C = 2H^{-1}\); the standard errors are the square roots of "
       r"its diagonal.")

VERDICTS = {
    "good": r"A good fit: the points scatter about the line by about their error bars.",
    "bad": r"A poor fit: the model is wrong, or the error bars are too small.",
    "too good": r"Too good to be true: the error bars are probably too large.",
    "zero": r"A poor fit, because a good fit would have \(\chi^2\) close to 0.",
}


def chi2_per_point(rng):
    """chi^2_min against n - 2: each point should contribute about 1, less the two fitted parameters."""
    n = rng.choice([8, 10, 12, 15, 20])
    case = rng.choice(["good", "bad", "too good"])
    ratio = {"good": rng.choice([0.85, 0.95, 1.05, 1.15]), "bad": rng.choice([3.5, 4, 5, 6]),
             "too good": rng.choice([0.05, 0.08, 0.1])}[case]
    value = round(ratio * (n - 2), 1)
    spread = math.sqrt(2 * (n - 2))
    why = {"good": rf"\(\chi^2_{{\mathrm{{min}}}} = {number(value)}\) is within about \(\sqrt{{2(n - 2)}} \approx {spread:.1f}\) "
                   rf"of \(n - 2 = {n - 2}\): just what error bars of the right size give.",
           "bad": rf"\(\chi^2_{{\mathrm{{min}}}} = {number(value)}\) is far above \(n - 2 = {n - 2}\): the points miss the line "
                  r"by several error bars, so the line is the wrong model or the error bars were underestimated.",
           "too good": rf"\(\chi^2_{{\mathrm{{min}}}} = {number(value)}\) is far below \(n - 2 = {n - 2}\): the points sit much "
                       r"closer to the line than their error bars say they should, so the error bars are probably too large."}[case]
    options = [{"text": t, "correct": k == case,
                "feedback": r"Compare \(\chi^2_{\mathrm{min}}\) with \(n - 2\). " + why}
               for k, t in VERDICTS.items()]
    return choice_question(
        rng, rf"A straight line \(y = mx + c\) is fitted to {n} points with error bars \(\sigma_i\). The smallest "
             rf"\(\chi^2\) is \(\chi^2_{{\mathrm{{min}}}} = {number(value)}\). What does that suggest?",
        options,
        hints=[r"If the error bars are right, each point misses the true line by about one error bar, so each term "
               r"\((r_i/\sigma_i)^2\) is about 1 on average.",
               r"Fitting two parameters lets the line follow the data a little: expect \(\chi^2_{\mathrm{min}} \approx n - 2\), "
               r"give or take about \(\sqrt{2(n - 2)}\)."],
        worked=[rf"Expect \(\chi^2_{{\mathrm{{min}}}} \approx n - 2 = {n - 2}\) (the number of points less the two fitted "
                rf"parameters, the degrees of freedom), give or take about {spread:.1f}.", why, "So the answer is {key}."],
        data={"n": n, "chi2": value, "truth": case},
    )


def scaled_error_bars(rng):
    """Every error bar k times larger: chi^2 falls by k^2, and the best line does not move."""
    k = rng.choice([2, 3, sp.Rational(1, 2), 10])
    value0 = rng.choice([12.4, 36, 48.6, 90, 7.2, 25.6, 150])
    new = sp.nsimplify(value0) / k**2
    change = f"{number(float(k))} times as large" if k > 1 else "half as large"
    return _numeric(
        rf"A line fitted with error bars \(\sigma_i\) has \(\chi^2_{{\mathrm{{min}}}} = {number(value0)}\). On checking, every "
        rf"error bar should have been {change}. Fitted again with the corrected error bars, what is "
        r"\(\chi^2_{\mathrm{min}}\)?",
        new,
        hints=[r"\(\chi^2 = \sum_i (r_i/\sigma_i)^2\): what happens to each term when every \(\sigma_i\) is multiplied by the "
               r"same number?",
               r"Does the best line move? Scaling every term by the same factor does not change where the minimum is."],
        worked=[rf"Every \(\sigma_i\) is multiplied by \({tex(k)}\), so every term \((r_i/\sigma_i)^2\) is divided by "
                rf"\({tex(k ** 2)}\), for every line alike.",
                r"So the best line is the same line (the minimum of \(\chi^2\) stays where it was) and "
                rf"\(\chi^2_{{\mathrm{{min}}}} = {number(value0)} / {tex(k ** 2)} = {number(float(new))}\).",
                r"Only the relative sizes of the error bars decide the best line; their overall size decides whether "
                r"\(\chi^2_{\mathrm{min}}\) is near \(n - 2\)."],
        wrong=[(sp.nsimplify(value0) / k, r"\(\sigma\) is squared in \(\chi^2\): the terms change by the square of the factor."),
               (sp.nsimplify(value0) * k**2, r"A larger error bar makes each residual smaller in units of \(\sigma\): "
                                             r"divide by the square, do not multiply." if k > 1 else
                                             r"Smaller error bars make each residual larger in units of \(\sigma\): "
                                             r"multiply by the square of the factor."),
               (value0, r"The best line stays the same, but its \(\chi^2\) does not: every term is divided by the factor squared.")],
        data={"chi2": value0, "factor": float(k)},
    )


def error_from_curvature(rng):
    """Delta chi^2 = 1: read a standard error off three values of chi^2 near its minimum."""
    sigma_a = rng.choice([0.02, 0.05, 0.1, 0.2, 0.4])
    steps = rng.choice([2, 3, sp.Rational(1, 2), sp.Rational(3, 2)])
    h = sp.nsimplify(sigma_a) * steps
    best = sp.nsimplify(rng.choice([1.5, 2.4, 0.8, 3.2, 5]))
    chi_min = sp.nsimplify(rng.choice([7.3, 11.8, 4.6, 16.2]))
    rise = steps**2
    rows = [(best - h, chi_min + rise), (best, chi_min), (best + h, chi_min + rise)]
    table = (r"\[\begin{array}{c|ccc} a & " + " & ".join(number(float(p)) for p, _ in rows) +
             r" \\ \hline \chi^2 & " + " & ".join(number(float(v)) for _, v in rows) + r" \end{array}\]")
    curvature = 2 * rise / h**2
    return _numeric(
        rf"Near the best fit, \(\chi^2\) as a function of one parameter \(a\) (the others re-fitted at each \(a\)) takes "
        rf"these values: {table} It is a parabola. What is the standard error of \(a\)?",
        sigma_a,
        hints=[r"The standard error \(\sigma_a\) is the change in \(a\) that raises \(\chi^2\) by 1 above its minimum: "
               r"\(\chi^2 = \chi^2_{\mathrm{min}} + \big((a - \hat a)/\sigma_a\big)^2\).",
               rf"Here moving \(a\) by \({number(float(h))}\) raises \(\chi^2\) by \({number(float(rise))}\)."],
        worked=[rf"\(\Delta\chi^2 = \left(\dfrac{{\Delta a}}{{\sigma_a}}\right)^2\): \({number(float(rise))} = "
                rf"\left(\dfrac{{{number(float(h))}}}{{\sigma_a}}\right)^2\).",
                rf"So \(\sigma_a = {number(float(h))} / \sqrt{{{number(float(rise))}}} = {number(sigma_a)}\).",
                rf"The same from the curvature: \(\dfrac{{d^2\chi^2}}{{da^2}} = {number(float(curvature))}\) and "
                rf"\(\sigma_a = \sqrt{{2 / {number(float(curvature))}}} = {number(sigma_a)}\). We report "
                rf"\(a = {number(float(best))} \pm {number(sigma_a)}\)."],
        wrong=[(float(h / rise), r"Take the square root of the rise: \(\Delta\chi^2 = (\Delta a/\sigma_a)^2\)."),
               (float(h), r"That change in \(a\) raises \(\chi^2\) by " + number(float(rise)) + r", not by 1."),
               (float(sp.sqrt(1 / curvature)), r"\(\sigma_a = \sqrt{2/\chi''}\): the factor 2 comes from the \(\tfrac12\) "
                                               r"in the Taylor series."),
               (float(2 / curvature), r"That is the variance \(\sigma_a^2\): take its square root.")],
        data={"a": [float(p) for p, _ in rows], "chi2": [float(v) for _, v in rows]},
    )


def correlation(rng):
    """Read curve_fit's covariance: standard errors and the correlation of two parameters."""
    sa, sb = rng.choice([0.2, 0.5, 0.1, 0.05]), rng.choice([0.02, 0.03, 0.01, 0.4])
    rho = rng.choice([0.6, 0.8, -0.5, -0.7, 0.9, 0.3])
    cov = [[sa * sa, rho * sa * sb], [rho * sa * sb, sb * sb]]
    return _numeric(
        r"A fit of \(y = a\,e^{-bx}\) with \(\texttt{curve\_fit}\) returns the covariance matrix "
        rf"\[C = {_matrix_of_decimals(cov)}\] for \((a, b)\). What is the correlation coefficient of \(a\) and "
        r"\(b\), \(\rho = \dfrac{C_{ab}}{\sigma_a \sigma_b}\)?",
        rho,
        hints=[r"The standard errors are the square roots of the diagonal: \(\sigma_a = \sqrt{C_{aa}}\), "
               r"\(\sigma_b = \sqrt{C_{bb}}\).",
               r"Then divide the off-diagonal entry by their product."],
        worked=[rf"\(\sigma_a = \sqrt{{{number(cov[0][0], 6)}}} = {number(sa)}\) and \(\sigma_b = \sqrt{{{number(cov[1][1], 6)}}} = {number(sb)}\).",
                rf"\(\rho = \dfrac{{{number(cov[0][1], 6)}}}{{{number(sa)} \times {number(sb)}}} = {number(rho)}\).",
                (r"Positive: a fit with a slightly larger \(a\) also has a slightly larger \(b\), the tilt of the "
                 r"\(\chi^2\) valley." if rho > 0 else
                 r"Negative: a fit with a slightly larger \(a\) has a slightly smaller \(b\).")
                + rf" We report \(a \pm {number(sa)}\) and \(b \pm {number(sb)}\)."],
        wrong=[(cov[0][1], r"That is the covariance itself; divide it by \(\sigma_a\sigma_b\) to get a number between −1 and 1."),
               (cov[0][1] / (cov[0][0] * cov[1][1]), r"Divide by the standard errors \(\sigma_a\sigma_b\), the square roots "
                                                     r"of the diagonal, not by the variances."),
               (-rho, "Keep the sign of the off-diagonal entry.")],
        data={"cov": cov},
    )


def covariance_from_hessian(rng):
    """C = 2 H^{-1}: the standard error of b, with the correlation included."""
    p, r = rng.randint(4, 12), rng.randint(2, 10)
    q = rng.choice([-3, -2, -1, 1, 2, 3])
    det = p * r - q * q
    require(det > 0 and abs(q) * 3 < min(p, r) * 2)
    H = [[p, q], [q, r]]
    var_b = sp.Rational(2 * p, det)
    value = sp.sqrt(var_b)
    return _numeric(
        r"At the best fit of a model with parameters \((a, b)\), the Hessian of \(\chi^2\) is "
        rf"\[H = {matrix_tex(H)}.\] What is the standard error of \(b\)?",
        value,
        hints=[COV, r"For a 2 × 2 matrix, \(\begin{pmatrix} p & q \\ q & r \end{pmatrix}^{-1} = "
                    r"\dfrac{1}{pr - q^2}\begin{pmatrix} r & -q \\ -q & p \end{pmatrix}\)."],
        worked=[rf"\(\det H = {p} \times {r} - {_paren(q)}^2 = {det}\), so "
                rf"\(C = 2H^{{-1}} = \dfrac{{2}}{{{det}}}{matrix_tex([[r, -q], [-q, p]])}\).",
                rf"\(C_{{bb}} = \dfrac{{2 \times {p}}}{{{det}}} = {tex(var_b)}\), so \(\sigma_b = \sqrt{{{tex(var_b)}}} "
                rf"\approx {float(value):.4g}\).",
                rf"Ignoring the cross term would give \(\sqrt{{2/{r}}} \approx {math.sqrt(2 / r):.4g}\): too small, because "
                r"a change in \(b\) can be partly made up by a change in \(a\)."],
        wrong=[(math.sqrt(2 / r), r"That uses only \(H_{bb}\); with the cross term, invert the whole matrix."),
               (math.sqrt(p / det), r"The covariance is \(2H^{-1}\), not \(H^{-1}\): the \(\tfrac12\) in the Taylor series."),
               (var_b, r"That is the variance \(C_{bb}\): the standard error is its square root."),
               (math.sqrt(2 * r / det), r"That is \(\sigma_a\), from \(C_{aa}\): for \(b\) take the second diagonal entry.")],
        data={"H": H},
    )


def _paren(value) -> str:
    return f"({value})" if value < 0 else str(value)


def _matrix_of_decimals(rows) -> str:
    body = r" \\ ".join(" & ".join(number(float(v), 6) for v in row) for row in rows)
    return r"\begin{pmatrix} " + body + r" \end{pmatrix}"


CURVE_FIT = [
    (True, r"\(\texttt{p0}\) is the starting guess: a poor one can end in a local minimum or fail.", ""),
    (True, r"The standard errors are \(\texttt{np.sqrt(np.diag(cov))}\).", ""),
    (True, r"An off-diagonal entry of \(\texttt{cov}\) says how the errors of two parameters are linked.", ""),
    (True, r"It estimates the model's derivatives itself, by finite differences.", ""),
    (True, r"Error bars that differ from point to point, given as \(\texttt{sigma}\), change the best fit.", ""),
    (False, r"It always finds the global minimum of \(\chi^2\), whatever \(\texttt{p0}\) is.",
     r"It walks downhill from \(\texttt{p0}\), like gradient descent: from a poor start it can stop in the wrong valley."),
    (False, r"The diagonal of \(\texttt{cov}\) holds the standard errors.",
     r"The diagonal holds the variances: the standard errors are their square roots."),
    (False, r"You must write the model's partial derivatives for it to work.",
     r"Only the model function is needed: \(\texttt{curve\_fit}\) estimates the derivatives by finite differences."),
    (False, r"The error bars \(\texttt{sigma}\) only change the reported errors, never the best fit.",
     r"The weights \(1/\sigma_i^2\) decide how hard each point pulls: different error bars give a different fit."),
]


def curve_fit_facts(rng):
    """Select all that apply: what scipy's curve_fit does and returns."""
    true = [s for s in CURVE_FIT if s[0]]
    false = [s for s in CURVE_FIT if not s[0]]
    picked = rng.sample(true, 2) + rng.sample(false, 2)
    picked.append(rng.choice([s for s in CURVE_FIT if s not in picked]))
    options = [{"text": t, "correct": ok, "feedback": fb if not ok else "That one is true too: select every true statement."}
               for ok, t, fb in picked]
    return multi_question(
        rng, r"You fit a model with scipy's \(\texttt{curve\_fit}\), giving it a starting guess \(\texttt{p0}\) "
             r"and the error bars \(\texttt{sigma}\); it returns the best parameters \(\texttt{params}\) and their "
             r"covariance matrix \(\texttt{cov}\). Select every true statement.",
        options,
        hints=[r"\(\texttt{curve\_fit}\) minimises \(\chi^2\) by walking downhill from \(\texttt{p0}\) "
               r"(Levenberg–Marquardt: gradient descent blended with Newton's method).",
               r"\(\texttt{cov}\) is the covariance matrix \(2H^{-1}\): variances on the diagonal."],
        worked=[r"It walks downhill from \(\texttt{p0}\), estimating derivatives by finite differences, so the start matters; "
                r"it weights each point by \(1/\sigma_i^2\); and \(\texttt{cov}\) has the variances on its diagonal and the "
                r"linked errors off it.",
                r"The true statements here: {keys}."],
        data={"statements": [t for _, t, _ in picked]},
    )


TEMPLATES = [chi2_per_point, scaled_error_bars, error_from_curvature, correlation, covariance_from_hessian,
             curve_fit_facts, chi2_function]
