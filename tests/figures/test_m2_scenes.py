"""Every number a Module 2 figure reports, checked against an independent computation (sympy,
central differences or a closed form); the Sandpit's rules; and the contour slider's speed path:
dragging redraws an animated contour set on a coarse grid, never the whole figure."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
import sympy as sp

from mvcalc.figures import pits
from mvcalc.figures.contour import (CAN, FIELDS, COARSE, FINE, CanScene, GradientScene, SliceScene, can_dm_dh,
                                    can_dm_dr, can_mass, compass, slice_f, slice_fx, slice_fy)
from mvcalc.figures.hessian import HessianScene, hessian, verdict
from mvcalc.figures.polar_map import DR, DTHETA, PolarMapScene, cell_areas, jacobian
from mvcalc.figures.sandpit import ARROW_CAP, SandpitScene, arrow_end
from mvcalc.figures.step_size import NOISE, StepSizeScene, central_quotient, forward_quotient, mystery_slope
from mvcalc.figures.total_derivative import TotalDerivativeScene, terms

X, Y, Z, T, R, H, TH, RHO = sp.symbols("x y z t r h theta rho", real=True)


def num(text: str) -> float:
    return float(text.replace("−", "-").split()[0])


def nums(text: str) -> list[float]:
    return [float(m.replace("−", "-")) for m in re.findall(r"[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?", text)]


# --- the can ---------------------------------------------------------------------------------
def test_can_mass_and_partials_against_sympy():
    t_mm = sp.Rational(1, 10)
    m = 2 * sp.pi * R**2 * (t_mm / 10) * RHO + 2 * sp.pi * R * H * (t_mm / 10) * RHO
    at = {R: 3.3, H: 11.5, RHO: 2.7}
    assert can_mass(3.3, 11.5, 0.1) == pytest.approx(float(m.subs(at)), rel=1e-12)
    assert can_dm_dh(3.3, 11.5, 0.1) == pytest.approx(float(sp.diff(m, H).subs(at)), rel=1e-12)
    assert can_dm_dr(3.3, 11.5, 0.1) == pytest.approx(float(sp.diff(m, R).subs(at)), rel=1e-12)
    assert can_mass(*CAN, 0.1) == pytest.approx(8.2855, abs=1e-4)


def test_can_figure_reports_its_can_and_each_label_sits_on_its_contour(build):
    scene = build(CanScene(t=0.2, r=2.0, h=9.0))
    assert num(scene.readouts()["mass"]) == pytest.approx(can_mass(2.0, 9.0, 0.2), abs=0.01)
    assert f"{can_mass(2.0, 9.0, 0.2):.1f} g" in scene.describe()
    labels = [t for t in scene.level_labels if t in scene.animated]
    assert len(labels) >= 3
    for text in labels:
        level = float(text.get_text().split()[0])
        r, h = text.get_position()
        assert can_mass(r, h, 0.2) == pytest.approx(level, rel=1e-9)


def test_the_contour_slider_redraws_only_animated_artists_and_drafts_coarse(build):
    scene = build(CanScene())
    figure = scene.ax.figure
    drawn = []
    original = figure.draw
    figure.draw = lambda *a, **k: (drawn.append(1), original(*a, **k))[1]
    made = scene.contours.computed
    scene.draft = True
    for t in np.linspace(0.1, 0.4, 12):
        assert scene.update(t=float(t)) is False, "a slider move never asks for a full redraw"
        assert all(a.get_animated() for a in scene.contours.artists)
        assert all(a in scene.animated for a in scene.contours.artists)
    assert scene.contours.computed == made + 12
    assert scene.contours.shown[1] is True and len(scene.contours.artists[0].get_segments()) >= 4
    assert scene.contours.artists == [scene.contours.lines], "drafted lines skip ContourSet"
    coarse = scene.contours.grids[COARSE][0].shape
    assert coarse == (COARSE, COARSE) and COARSE < FINE
    scene.draft = False
    assert scene.update(t=0.4) is False
    assert scene.contours.shown == ((0.4,), False), "letting go redraws at full resolution"
    assert scene.update(r=2.0) is False and scene.contours.computed == made + 13, "moving the can keeps the contours"
    assert not drawn, "no full figure draw while the slider moves"
    assert len(scene.ax.collections) == len(scene.contours.artists) + 2, "old contour sets are removed"
    assert not scene.contours.lines.get_visible(), "the draft lines are hidden once the full contours are drawn"


def test_hessian_slider_also_drafts_and_never_needs_a_full_redraw(build):
    scene = build(HessianScene())
    scene.draft = True
    for a in np.linspace(1, -1, 9):
        assert scene.update(a=float(a)) is False
    assert scene.contours.shown[1] is True
    assert scene.contours.artists == [scene.contours.bands, scene.contours.lines], "drafts skip ContourSet"
    assert len(scene.contours.bands.get_paths()) >= 6 and len(scene.contours.lines.get_segments()) >= 6
    assert {tuple(c) for c in scene.contours.bands.get_facecolor()} <= {tuple(c) for c in scene.contours.band_colours}
    scene.draft = False
    scene.update(a=-1.0)
    assert scene.contours.shown == ((-1.0, 0.0, 1.0), False)
    assert not scene.contours.bands.get_visible() and not scene.contours.lines.get_visible()


# --- slices and partial derivatives ----------------------------------------------------------
def test_slice_partials_against_sympy(build):
    f = X**2 * Y
    for x0, y0 in ((1.0, 1.0), (-1.5, 0.7), (0.3, -2.0)):
        at = {X: x0, Y: y0}
        assert slice_f(x0, y0) == pytest.approx(float(f.subs(at)))
        assert slice_fx(x0, y0) == pytest.approx(float(sp.diff(f, X).subs(at)))
        assert slice_fy(x0, y0) == pytest.approx(float(sp.diff(f, Y).subs(at)))
    scene = build(SliceScene(x0=-1.5, y0=0.7, hold="y"))
    (x1, x2), (y1, y2) = scene.tangent.get_data()
    assert (y2 - y1) / (x2 - x1) == pytest.approx(2 * -1.5 * 0.7)
    assert num(scene.readouts()["fx"]) == pytest.approx(-2.1)
    scene.update(hold="x")
    (s1, s2), (v1, v2) = scene.tangent.get_data()
    assert (v2 - v1) / (s2 - s1) == pytest.approx(2.25)
    assert "∂f/∂y = x² = 2.250" in scene.describe()


# --- the total derivative --------------------------------------------------------------------
def test_total_derivative_terms_against_sympy():
    f = sp.sin(X) * sp.exp(Y * Z**2)
    path = {X: T - 1, Y: T**2, Z: 1 / T}
    along = f.subs(path)
    for t0 in (0.5, 1.5, 3.2):
        expected = [float((sp.diff(f, v).subs(path) * sp.diff(path[v], T)).subs(T, t0)) for v in (X, Y, Z)]
        assert terms(t0) == pytest.approx(expected, rel=1e-10, abs=1e-12)
        assert sum(terms(t0)) == pytest.approx(float(sp.diff(along, T).subs(T, t0)), rel=1e-10)
        assert sum(terms(t0)) == pytest.approx(math.e * math.cos(t0 - 1), rel=1e-10)


def test_total_derivative_figure(build):
    scene = build(TotalDerivativeScene(t=2.0))
    r = scene.readouts()
    assert num(r["total"]) == pytest.approx(math.e * math.cos(1.0), abs=1e-3)
    assert num(r["y_term"]) == pytest.approx(-num(r["z_term"]), abs=1e-3)
    (t1, t2), (v1, v2) = scene.tangent.get_data()
    assert (v2 - v1) / (t2 - t1) == pytest.approx(math.e * math.cos(1.0))


# --- the uphill Jacobian ---------------------------------------------------------------------
FIELD_TEXT = {"bump": X * sp.exp(-(X**2 + Y**2)), "bowl": (X**2 + Y**2) / 4, "waves": sp.sin(X) * sp.cos(Y)}


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.key)
def test_each_field_gradient_against_sympy(field):
    f = FIELD_TEXT[field.key]
    for x0, y0 in ((0.3, -0.4), (-1.2, 0.9), (1.7, 1.1)):
        at = {X: x0, Y: y0}
        assert field.f(x0, y0) == pytest.approx(float(f.subs(at)), abs=1e-12)
        assert field.fx(x0, y0) == pytest.approx(float(sp.diff(f, X).subs(at)), abs=1e-12)
        assert field.fy(x0, y0) == pytest.approx(float(sp.diff(f, Y).subs(at)), abs=1e-12)


def test_gradient_arrow_follows_the_pointer_and_keys(build):
    scene = build(GradientScene())
    assert scene.on_pointer(0.5, -0.3)
    (x0, y0), (x1, y1) = scene.arrow._posA_posB
    f = FIELD_TEXT["bump"]
    at = {X: 0.5, Y: -0.3}
    assert (x0, y0) == pytest.approx((0.5, -0.3))
    assert (x1 - x0, y1 - y0) == pytest.approx((float(sp.diff(f, X).subs(at)), float(sp.diff(f, Y).subs(at))))
    assert scene.on_key("ArrowUp") and scene.params["y"] == pytest.approx(-0.25)
    assert scene.on_key("ArrowLeft") and scene.params["x"] == pytest.approx(0.45)
    assert scene.on_key("Enter") and (scene.params["x"], scene.params["y"]) == GradientScene.START
    scene.on_pointer(1 / math.sqrt(2), 0.0)
    assert "zero here" in scene.describe()
    assert not scene.on_key("a")


def test_compass_words():
    assert compass(0) == "right" and compass(90) == "up" and compass(-90) == "down" and compass(225) == "down and left"


# --- polar coordinates -----------------------------------------------------------------------
def test_polar_jacobian_determinant_and_cell_area():
    J = sp.Matrix([R * sp.cos(TH), R * sp.sin(TH)]).jacobian([R, TH])
    assert sp.simplify(J.det()) == R
    for r0, t0 in ((0.5, 0.2), (1.5, 4.0)):
        mine = jacobian(r0, t0)
        assert np.array(mine, dtype=float) == pytest.approx(np.array(J.subs({R: r0, TH: t0}), dtype=float))
        exact = sp.integrate(sp.integrate(R, (R, r0, r0 + DR)), (TH, t0, t0 + DTHETA))
        before, after = cell_areas(r0, t0)
        assert after == pytest.approx(float(exact)) and before == pytest.approx(DR * DTHETA)
        assert after / before == pytest.approx(r0 + DR / 2)


def test_polar_figure_readouts(build):
    scene = build(PolarMapScene(r=1.25, theta=2.0))
    r = scene.readouts()
    assert num(r["det"]) == pytest.approx(1.25, abs=1e-3)
    assert num(r["ratio"]) == pytest.approx(1.375, abs=1e-3)


# --- the Hessian -----------------------------------------------------------------------------
@pytest.mark.parametrize("a, b, c, expected", [(1, 0, 1, "minimum"), (-1, 0, 1, "saddle"), (-1, 0, -1, "maximum"),
                                               (1, 2, 1, "undecided"), (1, 2.5, 1, "saddle"), (0, 0, 1, "undecided"),
                                               (-2, 1, -0.5, "maximum")])
def test_hessian_verdict_against_sympy_eigenvalues(a, b, c, expected):
    f = c * X**2 + a * Y**2 + b * X * Y
    Hs = sp.hessian(f, (X, Y))
    assert np.array(hessian(a, b, c), dtype=float) == pytest.approx(np.array(Hs, dtype=float))
    eig = [float(e) for e in Hs.eigenvals(multiple=True)]
    independent = ("undecided" if any(abs(e) < 1e-12 for e in eig) else "minimum" if min(eig) > 0
                   else "maximum" if max(eig) < 0 else "saddle")
    assert verdict(hessian(a, b, c)) == independent == expected


def test_hessian_figure_readouts_change_with_the_slider(build):
    scene = build(HessianScene())
    assert scene.readouts()["verdict"] == "minimum" and num(scene.readouts()["det"]) == pytest.approx(4)
    scene.update(a=-1.0)
    assert scene.readouts()["verdict"] == "saddle" and num(scene.readouts()["det"]) == pytest.approx(-4)
    assert "saddle" in scene.describe()


# --- finite differences ----------------------------------------------------------------------
def test_step_size_errors():
    truth = float(sp.diff(sp.exp(sp.sin(X)), X).subs(X, 1))
    assert float(mystery_slope(1.0)) == pytest.approx(truth, rel=1e-14)
    f3 = float(sp.diff(sp.exp(sp.sin(X)), X, 3).subs(X, 1))
    f2 = float(sp.diff(sp.exp(sp.sin(X)), X, 2).subs(X, 1))
    h = 1e-2
    assert float(central_quotient(1.0, h)) - truth == pytest.approx(h * h / 6 * f3, rel=0.02)
    assert float(forward_quotient(1.0, h)) - truth == pytest.approx(h / 2 * f2, rel=0.05)
    hs = 10.0 ** np.linspace(-13, 0, 261)
    exact = np.abs(central_quotient(1.0, hs) - truth)
    noisy = np.abs(central_quotient(1.0, hs, True) - truth)
    assert 1e-7 < hs[np.argmin(exact)] < 1e-3, "exact values: the best step is tiny"
    assert hs[np.argmin(noisy)] > 1e-3, "noisy values need a much bigger step"
    assert noisy[np.argmin(np.abs(hs - 1e-8))] > 100 * NOISE, "a tiny step on noisy data gives nonsense"


def test_step_size_figure(build):
    scene = build(StepSizeScene(p=-2.0))
    r = scene.readouts()
    assert num(r["h"]) == pytest.approx(0.01)
    assert float(r["central"]) == pytest.approx(float(central_quotient(1.0, 0.01)), abs=1e-8)


# --- the Sandpit -----------------------------------------------------------------------------
ALL_PITS = [pits.pit_for(mode, seed) for mode in pits.MODES for seed in range(3)]


def _sympy_surface(pit):
    total = 0
    for kind, p in pit.terms:
        if kind == "well":
            A, cx, cy, sx, sy = p
            total += -A * sp.exp(-((X - cx) ** 2 / (2 * sx * sx) + (Y - cy) ** 2 / (2 * sy * sy)))
        elif kind == "bowl":
            k, cx, cy = p
            total += k * ((X - cx) ** 2 + (Y - cy) ** 2)
        elif kind == "tilt":
            total += p[0] * X + p[1] * Y
        elif kind == "ripple":
            A, kx, ky, ph = p
            total += A * sp.sin(kx * X + ky * Y + ph)
    return total - pit.rim()


@pytest.mark.parametrize("pit", ALL_PITS, ids=lambda p: p.key)
def test_pit_gradient_against_sympy(pit):
    z = _sympy_surface(pit)
    for x0, y0 in ((0.7, 5.1), (3.3, 2.2), (4.9, 4.4)):
        at = {X: x0, Y: y0}
        assert float(pit.height(x0, y0)) == pytest.approx(float(z.subs(at)), abs=1e-12)
        gx, gy = pit.gradient(x0, y0)
        assert float(gx) == pytest.approx(float(sp.diff(z, X).subs(at)), abs=1e-10)
        assert float(gy) == pytest.approx(float(sp.diff(z, Y).subs(at)), abs=1e-10)


@pytest.mark.parametrize("pit", ALL_PITS, ids=lambda p: p.key)
def test_true_minimum_against_scipy_from_many_starts(pit):
    from scipy.optimize import minimize
    mx, my, depth = pit.minimum()
    assert 0.2 < mx < 5.8 and 0.2 < my < 5.8, "the phone is inside the pit"
    fun = lambda v: float(pit.height(v[0], v[1]))  # noqa: E731
    jac = lambda v: np.array([float(g) for g in pit.gradient(v[0], v[1])])  # noqa: E731
    best = min((minimize(fun, [sx, sy], jac=jac, bounds=[(0, 6), (0, 6)], method="L-BFGS-B")
                for sx in np.linspace(0.25, 5.75, 12) for sy in np.linspace(0.25, 5.75, 12)), key=lambda r: r.fun)
    assert best.fun == pytest.approx(-depth, abs=1e-6)
    assert math.hypot(best.x[0] - mx, best.x[1] - my) < 0.01
    assert depth == pytest.approx(float(pit.depth(mx, my)))
    assert float(np.min(pit.depth(*np.meshgrid(np.linspace(0, 6, 61), np.linspace(0, 6, 61))))) >= -1e-9, \
        "depth is never negative"


def test_hard_pits_are_hard_in_the_way_the_text_says():
    for seed in range(4):
        several = pits.several_minima(seed)
        mx, my, _ = several.minimum()
        narrowest = several.terms[1][1]
        assert math.hypot(mx - narrowest[1], my - narrowest[2]) < 0.3, "the deepest hollow is the narrowest"
        well = pits.narrow_well(seed)
        wx, wy = well.terms[1][1][1:3]
        mx, my, _ = well.minimum()
        assert math.hypot(mx - wx, my - wy) < 0.15
        far = (well.terms[0][1][1] + 0.8, well.terms[0][1][2] - 0.5)
        gx, gy = well.gradient(*far)
        to_bowl = (well.terms[0][1][1] - far[0], well.terms[0][1][2] - far[1])
        assert -gx * to_bowl[0] - gy * to_bowl[1] > 0, "away from the well, downhill leads to the broad hollow"
        rocky = pits.rocky(seed)
        smooth = pits.Pit("smooth", "", rocky.terms[:2])
        disagree = 0
        for x0 in np.linspace(0.5, 5.5, 6):
            for y0 in np.linspace(0.5, 5.5, 6):
                a, b = rocky.gradient(x0, y0), smooth.gradient(x0, y0)
                disagree += (a[0] * b[0] + a[1] * b[1]) < 0
        assert disagree >= 4, "stones turn many arrows the wrong way"


def test_winning_rule_score_and_reveal():
    pit = pits.classic()
    mx, my, _ = pit.minimum()
    game = pits.Game(pit)
    assert not pits.found(mx + 0.16, my, pit.minimum()) and pits.found(mx + 0.149, my, pit.minimum())
    for i in range(pits.REVEAL_AFTER - 1):
        game.dip(0.5 + 0.1 * i, 5.5)
    assert not game.revealed and not game.won and game.score == pits.REVEAL_AFTER - 1
    game.dip(-3, 9)
    assert (game.dips[-1].x, game.dips[-1].y) == (0.0, 6.0), "dips are clamped into the pit"
    assert game.revealed and not game.won
    d = game.dip(mx + 0.1, my - 0.1)
    assert game.won and game.score == pits.REVEAL_AFTER + 1 and d.downhill == (-d.gradient[0], -d.gradient[1])
    assert game.dip(1, 1) is None and game.score == pits.REVEAL_AFTER + 1, "no dips after a win"


def test_random_pits_are_seeded():
    assert pits.random_pit(5).terms == pits.random_pit(5).terms
    assert pits.random_pit(5).terms != pits.random_pit(6).terms


def test_sandpit_scene_by_keys_and_pointer(build):
    scene = build(SandpitScene())
    mx, my, _ = scene.game.pit.minimum()
    assert scene.on_pointer(1.0, 1.0) and scene.cursor == (1.0, 1.0)
    assert scene.game.score == 0, "moving the pointer does not dip"
    d = scene.dip(1.0, 1.0)
    (x0, y0), (x1, y1) = scene.arrows[-1]._posA_posB
    assert (x1 - x0, y1 - y0) == pytest.approx(np.subtract(arrow_end(1.0, 1.0, d.downhill), (1.0, 1.0)))
    u, v = d.downhill
    assert (x1 - x0) * u + (y1 - y0) * v > 0 and abs((x1 - x0) * v - (y1 - y0) * u) < 1e-9, "arrow along −J"
    assert math.hypot(x1 - x0, y1 - y0) <= ARROW_CAP + 1e-9
    assert nums(scene.readouts()["downhill"]) == pytest.approx([u, v], abs=1e-3)
    scene.cursor = (3.0, 3.0)
    steps_x, steps_y = round((mx - 3.0) / 0.1), round((my - 3.0) / 0.1)
    for _ in range(abs(steps_x)):
        scene.on_key("ArrowRight" if steps_x > 0 else "ArrowLeft")
    for _ in range(abs(steps_y)):
        scene.on_key("ArrowUp" if steps_y > 0 else "ArrowDown")
    assert scene.game.score == 1
    scene.on_key("Enter")
    assert scene.game.won and scene.game.revealed and scene.contour_sets
    assert "Found it!" in scene.readouts()["status"] and "2 dips" in scene.readouts()["status"]
    assert "you found it" in scene.describe()


def test_sandpit_modes_and_new_pit(build):
    scene = build(SandpitScene())
    scene.update(mode="depth")
    scene.dip(2, 2)
    assert scene.arrows == [] and scene.readouts()["downhill"] == "—"
    scene.update(mode="random")
    assert scene.game.score == 0 and scene.game.pit.key == "random-0"
    scene.new_pit()
    assert scene.game.pit.key == "random-1"
    scene.update(mode="minima")
    assert "local minimum" in scene.readouts()["lesson"]
    for i in range(pits.REVEAL_AFTER):
        scene.dip(0.2 + 0.3 * i, 0.3)
    assert scene.game.revealed and scene.contour_sets and "contours are shown" in scene.describe()


# --- eigenvalues and "positive definite" (the Hessian lesson's refresher) --------------------------
from mvcalc.figures.eigen import EigenScene, curvature, definiteness, eigen  # noqa: E402


@pytest.mark.parametrize("p, q, s", [(2, 1, 2), (1, 0, -1), (-1.3, 0.7, 0.4), (0.5, -1.5, 2), (1, 0, 1), (-2, 0.2, -1)])
def test_eigen_matches_numpy_and_the_definition(p, q, s):
    H = np.array([[p, q], [q, s]], dtype=float)
    (low, high), (small, big) = eigen(p, q, s)
    assert [low, high] == pytest.approx(np.linalg.eigvalsh(H).tolist(), abs=1e-12)
    for value, vector in ((low, small), (high, big)):
        assert np.allclose(H @ np.array(vector), value * np.array(vector), atol=1e-12), "H v = λ v"
        assert math.hypot(*vector) == pytest.approx(1)
    kind = definiteness(low, high)
    quadratic = [float(np.array([c, d]) @ H @ np.array([c, d])) for c, d in
                 ((math.cos(a), math.sin(a)) for a in np.linspace(0, math.pi, 721))]
    assert (kind == "positive definite") == (min(quadratic) > 1e-9)
    assert (kind == "negative definite") == (max(quadratic) < -1e-9)
    assert (kind == "indefinite") == (min(quadratic) < -1e-9 < 1e-9 < max(quadratic))


def test_curvature_is_the_second_derivative_along_u():
    p, q, s, t, a = sp.symbols("p q s t a", real=True)
    x, y = t * sp.cos(a), t * sp.sin(a)
    f = (p * x**2 + 2 * q * x * y + s * y**2) / 2                # ½ xᵀHx, whose Hessian is H
    second = sp.diff(f, t, 2)
    for values in ((2, 1, 2, 0.35), (-1, 0.5, 1.5, 2.0), (0.3, -1.2, -0.7, 1.1)):
        at = dict(zip((p, q, s, a), values))
        assert float(curvature(*values)) == pytest.approx(float(second.subs(at)), rel=1e-12)


def test_eigen_scene_follows_its_sliders_and_says_so(build):
    scene = build(EigenScene())
    assert scene.readouts()["eigenvalues"] == "1.00 and 3.00" and scene.readouts()["kind"] == "positive definite"
    first = scene.describe()
    scene.update(angle=45.0)
    assert scene.aligned() and scene.curvature() == pytest.approx(3.0)        # the Try this: 45° gives 3
    assert scene.hu() == pytest.approx((3 / math.sqrt(2), 3 / math.sqrt(2)))
    scene.update(angle=135.0)
    assert scene.curvature() == pytest.approx(1.0)
    assert "only stretched" in scene.describe() and scene.describe() != first
    scene.update(s=0.4)                                       # det = 2 s − 1 < 0: a saddle
    assert scene.readouts()["kind"] == "indefinite" and "saddle" in scene.describe()
    xs, ys = scene.curve.get_data()
    assert min(ys) < 0 < max(ys)
    assert scene.marker.get_data()[1][0] == pytest.approx(scene.curvature())
