"""Module 2: Multivariate calculus. Every lesson's live figure, and the Sandpit lab's glue
(a click dips the stick; "New sandpit" deals a new pit)."""
from __future__ import annotations

from ...figures.contour import CanScene, GradientScene, SliceScene
from ...figures.eigen import EigenScene
from ...figures.hessian import HessianScene
from ...figures.polar_map import PolarMapScene
from ...figures.sandpit import SandpitScene
from ...figures.step_size import StepSizeScene
from ...figures.total_derivative import TotalDerivativeScene
from ..dom import by_id, on
from ..live_figure import mount


def main() -> None:
    mount("fig-can", CanScene())
    mount("fig-slice", SliceScene())
    mount("fig-total", TotalDerivativeScene())
    mount("fig-gradient", GradientScene())
    mount("fig-polar", PolarMapScene())
    mount("fig-hessian", HessianScene())
    mount("fig-eigen", EigenScene())
    mount("fig-steps", StepSizeScene())
    sandpit = mount("fig-sandpit", SandpitScene())
    _bind_sandpit(sandpit)


def _bind_sandpit(sandpit) -> None:
    """A click (or tap) dips the stick where it lands; the button deals a new pit."""
    button = by_id("sandpit-new")
    button.hidden = False

    def dip(x: float, y: float) -> None:
        if sandpit.scene.dip(x, y) is not None:
            sandpit.redraw()

    def new_pit(_event) -> None:
        sandpit.scene.new_pit()
        sandpit.redraw()

    sandpit.on_click(dip)
    on(button, "click", new_pit)
