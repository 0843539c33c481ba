"""Every number a Module 1 figure reports, checked against an independent computation
(sympy's derivative or a closed form), at several parameter values."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
import sympy as sp

from mvcalc.figures import functions as fns
from mvcalc.figures.chain_rule import ChainRuleScene
from mvcalc.figures.product_rule import ProductRuleScene
from mvcalc.figures.rise_run import RiseRunScene
from mvcalc.figures.secant import TABLE_H, SecantScene
from mvcalc.figures.tangent import ExplorerScene, TangentScene

x, t = sp.symbols("x t", real=True)


def num(text: str) -> float:
    return float(text.replace("−", "-").split()[0])


def numbers(text: str) -> list[float]:
    return [float(m.replace("−", "-")) for m in re.findall(r"[−-]?\d+\.\d+", text)]


def sympy_fn(text: str):
    from sympy.parsing.sympy_parser import (convert_xor, implicit_multiplication, parse_expr,
                                            standard_transformations)
    return parse_expr(text, local_dict={"x": x, "e": sp.E, "sign": sp.sign},
                      transformations=standard_transformations + (implicit_multiplication, convert_xor))


# --- the functions and their stated derivatives ---------------------------------------------
ALL_FNS = [*fns.PRESETS, *fns.SIN_CYCLE, fns.BEAST, fns.QUOTIENT]


@pytest.mark.parametrize("fn", ALL_FNS, ids=lambda fn: fn.key)
def test_each_function_and_derivative_agree_with_sympy(fn):
    f = sympy_fn(fn.text)
    stated = sympy_fn(fn.dtext)
    assert sp.simplify(sp.diff(f, x) - stated) == 0
    lo, hi = fn.x_range
    for value in np.linspace(lo, hi, 23)[1:-1]:
        if abs(value) < 1e-9 and fn.key in ("reciprocal", "abs"):
            continue
        exact_f = float(f.subs(x, value))
        exact_df = float(sp.diff(f, x).subs(x, value))
        assert fn.value(value) == pytest.approx(exact_f, rel=1e-9, abs=1e-12)
        assert fn.slope(value) == pytest.approx(exact_df, rel=1e-9, abs=1e-12)


def test_sine_cycle_each_is_the_derivative_of_the_one_before():
    cycle = [sympy_fn(fn.text) for fn in fns.SIN_CYCLE]
    for i, f in enumerate(cycle):
        assert sp.simplify(sp.diff(f, x) - cycle[(i + 1) % 4]) == 0
    assert sp.diff(sp.sin(x), x, 4) == sp.sin(x)


def test_central_differences_are_second_order_accurate():
    errors = [abs(float(fns.central_difference(np.sin, 1.0, h)) - math.cos(1.0)) for h in (1e-1, 1e-2)]
    assert errors[1] < errors[0] / 50


# --- rise over run -----------------------------------------------------------------------------
@pytest.mark.parametrize("start,run", [(2.0, 3.0), (0.0, 0.1), (7.5, 1.0), (9.5, 2.0), (5.0, 0.1)])
def test_rise_over_run_is_the_distance_covered_over_the_time(build, start, run):
    d = 3 * t**2 - t**3 / 5
    scene = build(RiseRunScene(t=start, run=run))
    end = min(start + run, 10.0)
    rise = float(d.subs(t, end) - d.subs(t, start))
    assert scene.rise() == pytest.approx(rise)
    assert num(scene.readouts()["rise"]) == pytest.approx(rise, abs=0.0051)
    assert num(scene.readouts()["gradient"]) == pytest.approx(rise / (end - start), abs=0.005)
    assert num(scene.readouts()["run"]) == pytest.approx(end - start, abs=0.005)
    described = numbers(scene.describe())
    assert described[-1] == pytest.approx(rise / (end - start), abs=0.005)


def test_a_short_run_gives_the_speed(build):
    scene = build(RiseRunScene(t=4.0, run=1e-4))
    assert scene.gradient() == pytest.approx(float(sp.diff(3 * t**2 - t**3 / 5, t).subs(t, 4)), abs=1e-3)


def test_pointer_and_keys_move_the_run(build):
    scene = build(RiseRunScene(t=2.0, run=1.0))
    assert scene.on_pointer(6.3, 40.0) and scene.params["t"] == pytest.approx(6.3)
    assert scene.on_key("ArrowLeft") and scene.params["t"] == pytest.approx(6.2)
    assert scene.on_key("Home") and scene.params["t"] == 0
    assert not scene.on_key("a")


# --- the secant ----------------------------------------------------------------------------------
def test_secant_quotient_approaches_the_sympy_derivative(build):
    f = x**3 / 2 - sp.Rational(3, 2) * x + 1
    for x0 in (-2.0, -1.0, 0.0, 0.5, 0.8):
        derivative = float(sp.diff(f, x).subs(x, x0))
        gaps = []
        for h in (2.0, 1.0, 0.1, 0.01, 0.001):
            scene = build(SecantScene(x0=x0, h=h))
            exact = float((f.subs(x, x0 + h) - f.subs(x, x0)) / h)
            read = scene.readouts()
            assert float(read["quotient"]) == pytest.approx(exact, abs=1e-5)
            assert float(read["derivative"]) == pytest.approx(derivative, abs=1e-5)
            gaps.append(float(read["gap"]))
        assert gaps[2:] == sorted(gaps[2:], reverse=True) and gaps[-1] < 0.01
        for i, h in enumerate(TABLE_H):
            exact = float((f.subs(x, x0 + h) - f.subs(x, x0)) / h)
            assert float(read[f"q{i}"]) == pytest.approx(exact, abs=2e-6)
            assert float(read[f"g{i}"]) == pytest.approx(abs(exact - derivative), abs=2e-6)


# --- f and f' ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fn", [fns.RECIPROCAL, fns.EXP, fns.LN, fns.QUOTIENT, fns.BEAST, *fns.SIN_CYCLE],
                         ids=lambda fn: fn.key)
def test_tangent_slope_and_lower_graph_are_the_sympy_derivative(build, fn):
    derivative = sp.diff(sympy_fn(fn.text), x)
    scene = build(TangentScene([fn]))
    lo, hi = fn.x_range
    for value in np.linspace(lo, hi, 7)[1:-1]:
        if abs(value) < 1e-9 and fn.key == "reciprocal":
            continue
        scene.update(x=float(value))
        exact = float(derivative.subs(x, value))
        assert num(scene.readouts()["slope"]) == pytest.approx(exact, abs=6e-4)
        tx, ty = scene.tangent.get_data()
        assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(exact, rel=1e-9, abs=1e-12)
        assert scene.dpoint.get_data()[1][0] == pytest.approx(exact, rel=1e-9, abs=1e-12)
        assert f"slope is {fmt_sign(exact)}" in scene.describe()


def fmt_sign(value: float) -> str:
    return f"{value:.3f}".replace("-", "−") if round(value, 3) != 0 else "0.000"


def test_reciprocal_at_zero_is_undefined(build):
    scene = build(TangentScene([fns.RECIPROCAL], x=0.0))
    assert "not defined" in scene.describe() and scene.readouts()["slope"] == "undefined"
    for value in (-2.5, -0.3, 0.3, 2.5):
        scene.update(x=value)
        assert num(scene.readouts()["slope"]) < 0


def test_exp_is_its_own_derivative(build):
    scene = build(TangentScene([fns.EXP]))
    for value in (-2.0, 0.0, 1.5):
        scene.update(x=value)
        assert scene.readouts()["f"] == scene.readouts()["slope"] == f"{math.exp(value):.3f}"


def test_the_sine_cycle_slider_walks_round_four_derivatives(build):
    scene = build(TangentScene(fns.SIN_CYCLE, cycle_note=True, x=0.5))
    names = []
    for n in (0.0, 1.0, 2.0, 3.0):
        full = scene.update(fn=n)
        assert full == (n != 0.0), "a new function needs a full redraw"
        names.append(scene.readouts()["function"])
    assert names == ["sin(x)", "cos(x)", "-sin(x)", "-cos(x)"]
    assert "-cos(x) itself" not in scene.describe() and "sin(x) itself" in scene.describe()


def test_explorer_pointer_and_keys(build):
    scene = build(ExplorerScene(fns.PRESETS, fn="cubic", x=0.0))
    assert scene.on_pointer(1.0, 123.0)
    assert num(scene.readouts()["slope"]) == pytest.approx(0.0, abs=1e-9)
    assert scene.on_pointer(99.0, 0.0) and scene.params["x"] == 2.5, "clamped to the graph"
    scene.on_key("Home")
    assert scene.params["x"] == -2.5
    scene.on_key("ArrowRight")
    assert scene.params["x"] == pytest.approx(-2.45)
    scene.on_key("Enter")
    assert scene.params["x"] == 0
    assert scene.update(fn="abs")
    assert "corner" in scene.describe() and scene.readouts()["slope"] == "undefined"


def test_explorer_typed_function_uses_the_safe_parser_and_central_differences(build):
    typed = pytest.importorskip("mvcalc.figures.typed")
    fn = typed.typed_function("x^3 - 2x")
    scene = build(ExplorerScene(fns.PRESETS, fn="square"))
    scene.add(fn)
    assert scene.update(fn="typed", x=1.5)
    assert num(scene.readouts()["slope"]) == pytest.approx(3 * 1.5**2 - 2, abs=1e-4)
    assert "numerically" in scene.describe()
    for bad in ("", "import os", "__import__('os')", "x +", "y^2"):
        with pytest.raises(typed.TypedFunctionError):
            typed.typed_function(bad)
    ln = typed.typed_function("ln(x)")
    assert math.isnan(ln.value(-1.0)) and ln.slope(2.0) == pytest.approx(0.5, abs=1e-6)


# --- the product rule ---------------------------------------------------------------------------------
@pytest.mark.parametrize("x0,dx", [(0.0, 0.5), (0.8, 0.3), (1.2, 0.01), (0.5, 0.001)])
def test_product_strips_add_up_and_the_rate_tends_to_the_rule(build, x0, dx):
    u, v = x + 1, x**2 + 1
    scene = build(ProductRuleScene(x=x0, dx=dx))
    p = scene.parts()
    growth = float((u * v).subs(x, x0 + dx) - (u * v).subs(x, x0))
    assert p["change"] == pytest.approx(growth)
    assert p["vdu"] + p["udv"] + p["dudv"] == pytest.approx(growth)
    assert p["dudv"] == pytest.approx(float((u.subs(x, x0 + dx) - u.subs(x, x0)) * (v.subs(x, x0 + dx) - v.subs(x, x0))))
    rule = float(sp.diff(u * v, x).subs(x, x0))
    assert scene.rule() == pytest.approx(rule)
    # growth/dx - rule = (v'' u/2 + u' v') dx + (u' v''/2) dx^2 = (x0 + 3x0) dx... exactly: 4 x0 dx + dx^2 + ... :
    exact_error = float(sp.expand(((u * v).subs(x, x + sp.Symbol("h")) - u * v) / sp.Symbol("h") - sp.diff(u * v, x))
                        .subs({x: x0, sp.Symbol("h"): dx}))
    assert p["change"] / dx - rule == pytest.approx(exact_error, abs=1e-9), "the error is of order dx"
    assert num(scene.readouts()["rule"]) == pytest.approx(rule, abs=1e-4)


# --- the chain rule -------------------------------------------------------------------------------------
@pytest.mark.parametrize("x0,dx", [(0.0, 0.2), (1.0, 0.2), (1.5, 0.001), (1.7, 0.3)])
def test_chain_rates_multiply_and_tend_to_the_sympy_derivative(build, x0, dx):
    scene = build(ChainRuleScene(x=x0, dx=dx))
    n = scene.values()
    assert n["ratio_yx"] * n["ratio_zy"] == pytest.approx(n["ratio_zx"])
    z = sp.sin(x**2)
    assert n["dzdx"] == pytest.approx(float(sp.diff(z, x).subs(x, x0)))
    assert n["ratio_zx"] == pytest.approx(float((z.subs(x, x0 + dx) - z.subs(x, x0)) / dx))
    if dx <= 0.001:
        assert n["ratio_zx"] == pytest.approx(n["dzdx"], abs=0.01)
    read = scene.readouts()
    assert num(read["dzdx"]) == pytest.approx(n["dzdx"], abs=1e-4)


def test_every_scene_redraws_by_blitting_only(build):
    """Sliders never ask for a full redraw (the speed budget); only a new function does."""
    for scene, params in [(RiseRunScene(), {"t": 3.0}), (SecantScene(), {"h": 0.2}),
                          (TangentScene([fns.EXP]), {"x": 1.0}), (ProductRuleScene(), {"dx": 0.1}),
                          (ChainRuleScene(), {"x": 0.3})]:
        build(scene)
        assert scene.update(**params) is False
        assert scene.animated and all(a.get_animated() for a in scene.animated)
