"""Module 4: Taylor series and linearisation. Every lesson's live figure."""
from __future__ import annotations

from ...figures.taylor import LinearisationScene, MatchScene, PowerSeriesScene, TaylorScene
from ...figures.taylor2d import Taylor2DScene
from ...figures.taylor_series import EXPLORER, SPECIAL
from ..live_figure import mount


def main() -> None:
    mount("fig-match", MatchScene())
    mount("fig-power", PowerSeriesScene())
    mount("fig-taylor", TaylorScene(EXPLORER, fn="exp", order=3, a=0.0, probe=1.0))
    mount("fig-special", TaylorScene(SPECIAL, fn="reciprocal", order=4, a=1.0, probe=1.5))
    mount("fig-linear", LinearisationScene())
    mount("fig-taylor2d", Taylor2DScene())
