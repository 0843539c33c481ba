"""The whole course, enumerable: six modules, each with its exercise sets.

Importing this is cheap: exercise sets load their templates (and sympy) only
when a question is first generated.  Pages live at ``site/<module.slug>/``.
"""
from __future__ import annotations

from dataclasses import dataclass

from mvcalc.questions.exercise_set import ExerciseSet


@dataclass(frozen=True)
class Module:
    slug: str
    title: str
    summary: str
    exercise_sets: tuple[ExerciseSet, ...] = ()

    def exercise_set(self, slug: str) -> ExerciseSet:
        for s in self.exercise_sets:
            if s.slug == slug:
                return s
        raise KeyError(f"{self.slug} has no exercise set {slug!r}")


def _set(slug: str, title: str, module: str) -> ExerciseSet:
    return ExerciseSet(slug, title, f"mvcalc.questions.{module}")


MODULES: tuple[Module, ...] = (
    Module(
        "m1-what-is-calculus", "What is calculus?",
        "Functions, rise over run, the derivative as a secant sliding into a tangent, and the "
        "sum, power, product and chain rules, up to taming a beast.",
        (
            _set("matching-functions", "Matching functions visually", "m1.matching_functions"),
            _set("graph-of-derivative", "Matching the graph of a function to the graph of its derivative",
                 "m1.graph_of_derivative"),
            _set("differentiate", "Let's differentiate some functions", "m1.differentiate"),
            _set("product-rule", "Practicing the product rule", "m1.product_rule"),
            _set("chain-rule", "Practicing the chain rule", "m1.chain_rule"),
            _set("toolbox", "Unleashing the toolbox", "m1.toolbox"),
        ),
    ),
    Module(
        "m2-multivariate-calculus", "Multivariate calculus",
        "Partial derivatives, the total derivative, the Jacobian as an uphill arrow and as a "
        "matrix, the Hessian, and numerical derivatives when there is no formula.",
        (
            _set("partial-differentiation", "Partial differentiation", "m2.partial_differentiation"),
            _set("calculating-jacobian", "Calculating the Jacobian", "m2.jacobian"),
            _set("bigger-jacobians", "Bigger Jacobians", "m2.bigger_jacobians"),
            _set("calculating-hessians", "Calculating Hessians", "m2.hessians"),
            _set("jacobian-hessian-assessment", "Assessment: Jacobians and Hessians", "m2.assessment"),
            _set("finite-differences", "Derivatives by finite differences", "m2.finite_differences"),
        ),
    ),
    Module(
        "m3-chain-rule-and-neural-networks", "The multivariate chain rule and neural networks",
        "The multivariate chain rule as a product of Jacobians, a neuron and a layer of a neural "
        "network, and backpropagation as the chain rule term by term.",
        (
            _set("multivariate-chain-rule", "The multivariate chain rule", "m3.multivariate_chain_rule"),
            _set("simple-neural-networks", "Simple artificial neural networks", "m3.simple_networks"),
            _set("training-neural-networks", "Training neural networks", "m3.training_networks"),
        ),
    ),
    Module(
        "m4-taylor-series", "Taylor series and linearisation",
        "Approximating functions by power series: deriving the Taylor series, its special cases, "
        "linearisation and its error, and the multivariate Taylor series.",
        (
            _set("matching-approximations", "Matching functions and approximations",
                 "m4.matching_approximations"),
            _set("applying-taylor", "Applying the Taylor series", "m4.applying_taylor"),
            _set("special-cases", "Taylor series special cases", "m4.special_cases"),
            _set("linearisation", "Linearisation and its error", "m4.linearisation"),
            _set("taylor-2d", "2D Taylor series", "m4.taylor_2d"),
            _set("taylor-assessment", "Taylor assessment", "m4.taylor_assessment"),
        ),
    ),
    Module(
        "m5-optimisation", "Optimisation",
        "Newton-Raphson in one dimension, gradient descent in many, Newton's method with the "
        "Hessian, and constrained optimisation with Lagrange multipliers.",
        (
            _set("newton-raphson-1d", "Newton-Raphson in one dimension", "m5.newton_raphson"),
            _set("checking-newton-raphson", "Checking Newton-Raphson", "m5.checking_newton"),
            _set("optimisation-scenarios", "Optimisation scenarios", "m5.scenarios"),
            _set("lagrange-multipliers", "Lagrange multipliers", "m5.lagrange"),
        ),
    ),
    Module(
        "m6-regression", "Regression",
        "Fitting data: linear regression by minimising chi-squared, non-linear least squares by "
        "gradient descent, and curve fitting in practice.",
        (
            _set("linear-regression", "Linear regression", "m6.linear_regression"),
            _set("fitting-non-linear", "Fitting a non-linear function", "m6.fitting_non_linear"),
        ),
    ),
)


def module(slug: str) -> Module:
    """The module with ``slug``."""
    for m in MODULES:
        if m.slug == slug:
            return m
    raise KeyError(f"no module {slug!r}")


def question(module_slug: str, set_slug: str, seed: int):
    """Question ``seed`` of a set, exactly as the build puts it in the question bank (for tests
    and tools: it runs the templates, so it needs sympy; pages read the bank instead)."""
    return module(module_slug).exercise_set(set_slug).generate(seed)
