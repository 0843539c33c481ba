"""Self-checks every downloaded script runs before drawing: the figures' numbers against
independent computations, so a learner (and our tests) can see the code still works.

Inlined verbatim into each download, so it imports nothing from mvcalc.
"""
from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def central(f, x, h=1e-5):
    """The derivative by central differences, (f(x + h) - f(x - h)) / 2h: error of order h²."""
    return (f(x + h) - f(x - h)) / (2 * h)


def drawn_scene(make_scene, params):
    """A fresh scene drawn off-screen with Agg at ``params``, exactly as the page draws it."""
    scene = make_scene()
    figure = Figure(figsize=(6.4, 6.4 * scene.aspect), dpi=80)
    FigureCanvasAgg(figure)
    scene.build(figure)
    scene.update(**params)
    figure.canvas.draw()
    for artist in scene.animated:
        figure.draw_artist(artist)
    return scene, figure


def check_drawn(scene, figure, where):
    lines = [a for a in scene.animated if hasattr(a, "get_xydata")]
    for line in lines:
        data = np.asarray(line.get_xydata(), dtype=float)
        assert data.size == 0 or np.isfinite(data).any(), f"{where}: a moving line has no finite points"
    text = scene.describe()
    assert isinstance(text, str) and len(text) > 20, f"{where}: the text alternative is missing"
    for name, value in scene.readouts().items():
        assert isinstance(value, str) and value, f"{where}: readout {name!r} is empty"
    return text


def check_derivative_pairs(namespace):
    """Every function ``g`` defined with its derivative ``dg`` (or ``g_slope``), and every
    object with ``.f`` and ``.df``, against central differences."""
    pairs = []
    for name, value in list(namespace.items()):
        if not callable(value) or isinstance(value, type) or name.startswith("_"):
            continue
        for dname in ("d" + name, name + "_slope"):
            if callable(namespace.get(dname)) and not isinstance(namespace[dname], type):
                pairs.append((f"{dname}, the derivative of {name},", value, namespace[dname], (-2.0, 2.0)))
    objects = {}
    for name, value in list(namespace.items()):
        for item in (value if isinstance(value, (tuple, list)) else (value,)):
            f, df = getattr(item, "f", None), getattr(item, "df", None)
            if callable(f) and callable(df) and not isinstance(item, type):
                objects[id(item)] = item
    for item in objects.values():
        span = getattr(item, "x_range", (-2.0, 2.0))
        pairs.append((f"the derivative of {getattr(item, 'name', 'f')}", item.f, item.df, span))
    for label, f, df, (low, high) in pairs:
        xs = np.linspace(low, high, 41)[1:-1] + 1e-3
        with np.errstate(all="ignore"):
            exact = np.array([float(df(np.float64(x))) for x in xs])
            numeric = np.array([float(central(f, np.float64(x))) for x in xs])
        ok = np.isfinite(exact) & np.isfinite(numeric) & (np.abs(exact) < 1e6)
        if not ok.any():
            continue
        error = np.abs(exact[ok] - numeric[ok]) / np.maximum(1.0, np.abs(exact[ok]))
        assert error.max() < 1e-4, f"{label}: differs from finite differences by {error.max():.2g}"
        print(f"  ok  {label} agrees with finite differences at {ok.sum()} points")


def check_difference_quotient(make_scene, params, where):
    """A scene with a secant (``quotient()`` of ``x0`` and ``h``): as h shrinks, the quotient
    tends to the slope of the drawn curve, measured independently from its points."""
    scene, figure = drawn_scene(make_scene, params)
    curve = max(figure.axes[0].lines, key=lambda line: len(line.get_xdata()))
    xs, ys = (np.asarray(d, dtype=float) for d in curve.get_data())
    x0 = float(scene.params["x0"])
    slope = float(np.interp(x0, xs, np.gradient(ys, xs)))
    gaps = []
    for h in (0.5, 0.1, 0.01, 0.001):
        scene.update(h=h)
        gaps.append(abs(scene.quotient() - slope))
    assert gaps == sorted(gaps, reverse=True), f"{where}: the quotient does not approach the slope: {gaps}"
    assert gaps[-1] < 5e-3, f"{where}: at h = 0.001 the quotient is {gaps[-1]:.2g} from the curve's slope"
    print(f"  ok  {where}: as h shrinks the difference quotient tends to the slope at x = {x0:g} "
          f"(gap {gaps[0]:.3g} -> {gaps[-1]:.2g})")


def check_curve(make_scene, params, where):
    """A scene drawing ``func(x, a)``: the moving curve equals the function evaluated
    point by point with plain Python floats, independently of numpy's vectorised call."""
    scene, figure = drawn_scene(make_scene, params)
    xs, ys = (np.asarray(d, dtype=float) for d in scene.line.get_data())
    a = scene.params["a"]
    picks = range(0, len(xs), max(1, len(xs) // 25))
    with np.errstate(all="ignore"):
        expected = np.array([float(scene.func(float(xs[i]), a)) for i in picks])
    got = ys[list(picks)]
    both = np.isfinite(expected) & np.isfinite(got)
    assert np.allclose(got[both], expected[both], rtol=1e-9, atol=1e-12), f"{where}: the curve is not f(x; a)"
    assert (np.isfinite(expected) == np.isfinite(got)).all(), f"{where}: the curve has gaps f(x; a) does not"


def check_figures(page_figures, states, namespace):
    """Run every check; raise AssertionError on the first failure."""
    print("Checking the figures' numbers against independent computations:")
    for fig_id, param_sets in states.items():
        texts = []
        for params in param_sets or [{}]:
            where = f"{fig_id} at {params}" if params else fig_id
            scene, figure = drawn_scene(lambda: page_figures()[fig_id], params)
            texts.append(check_drawn(scene, figure, where))
            if hasattr(scene, "quotient") and {"x0", "h"} <= set(scene.params):
                check_difference_quotient(lambda: page_figures()[fig_id], params, where)
            if callable(getattr(scene, "func", None)) and hasattr(scene, "line") and "a" in scene.params:
                check_curve(lambda: page_figures()[fig_id], params, where)
        if len({tuple(sorted(map(str, p.items()))) for p in param_sets}) > 1:
            assert len(set(texts)) > 1, f"{fig_id}: the text alternative does not follow the figure"
        settings = "1 setting" if len(texts) == 1 else f"{len(texts)} settings"
        print(f"  ok  {fig_id}: drawn at {settings}, each described in words")
    check_derivative_pairs(namespace)
    print("all checks passed")
