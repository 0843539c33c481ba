"""Module 6: Regression. Chi-squared for a line and its contour map, the closed form, gradient
descent for a non-linear model, curve_fit in the worker, and the heights lab
(mvcalc.web.labs.heights)."""
from __future__ import annotations

from ...figures.descent_fit import CompareScene, DescentScene
from ...figures.heights import HeightsScene
from ...figures.likelihood import LikelihoodScene
from ...figures.regression import LineFitScene, SlicesScene
from ...fitting import fmt
from ..dom import by_id
from ..lab_kit import Stepper, ask, button, fit_comparison
from ..labs.heights import heights_lab
from ..live_figure import mount


def main() -> None:
    line, slices = mount("fig-line-fit", LineFitScene()), mount("fig-slices", SlicesScene())
    mount("fig-likelihood", LikelihoodScene())
    descent, compare = mount("fig-descent", DescentScene()), mount("fig-compare", CompareScene())
    for live, name in ((line, "linefit"), (slices, "slices")):   # sliders snap; the figure keeps the exact values
        button(f"{name}-best", lambda live=live: live.move(**dict(zip("mc", live.scene.best))))

    def follow(scene=descent.scene) -> None:     # lesson 3: the comparison figure follows the descent
        if len(scene.path) > 1:
            compare.scene.set_fit("gradient descent", scene.current())
            compare.set()
    Stepper(descent, "descent", per_frame=lambda: 2 + len(descent.scene.path) // 40, shown=follow)
    button("curvefit-run", lambda: _curve_fit(descent, compare))
    heights_lab(mount("fig-heights", HeightsScene()))


async def _curve_fit(descent, compare) -> None:
    """Lesson 4: scipy's curve_fit in the worker, from the descent's start."""
    out, scene, (a0, b0, _) = by_id("curvefit-result"), descent.scene, descent.scene.origin
    result = await ask("curve_fit", {"data": "decay", "p0": [a0, b0]}, 60_000, say=out, busy=[by_id("curvefit-run")])
    if result is not None:
        by_id("curvefit-code").textContent, found = result["code"], scene.current()
        compare.scene.set_fit("gradient descent", found)
        compare.scene.set_fit("curve_fit", tuple(result["params"]), tuple(result["errors"]))
        compare.set()
        fit_comparison(out, "curvefit-table", "The page's gradient descent and scipy's curve_fit, from the same start",
                       ["", f"gradient descent ({len(scene.path) - 1} steps, {scene.status})",
                        f"curve_fit ({result['evaluations']} evaluations of the model)"],
                       [("a", 4), ("b", 4)], found, result, (fmt(scene.chi2_at(found), 3), fmt(result["chi2"], 3)),
                       near="The descent's answer is within {gap} standard errors of curve_fit's.",
                       far="The descent is still {gap} standard errors away from curve_fit's answer: run it on "
                           "(or try a larger step size) and compare again.")
