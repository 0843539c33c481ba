"""Run a page's figures outside the site: check them, then draw each at a few settings.

Inlined verbatim into each download, so it imports nothing from mvcalc. With a
window (a desktop Python, Jupyter) the figures are shown; headless (MPLBACKEND=Agg,
a server) they are saved as PNG files beside the script's output.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib

NON_INTERACTIVE = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def headless() -> bool:
    return matplotlib.get_backend().lower() in NON_INTERACTIVE


def draw(make_scene, params):
    """The scene as a pyplot figure at ``params``, every artist drawn (none left animated)."""
    import matplotlib.pyplot as plt
    scene = make_scene()
    figure = plt.figure(figsize=(7.2, 7.2 * scene.aspect))
    scene.build(figure)
    scene.update(**params)
    for artist in scene.animated:
        artist.set_animated(False)
    return scene, figure


def run(page_figures, states, name, namespace):
    """Check the figures, then draw each at each of its settings."""
    import matplotlib.pyplot as plt
    check_figures(page_figures, states, namespace)
    out = Path(f"{name}-figures")
    for fig_id, param_sets in states.items():
        for i, params in enumerate(param_sets or [{}], start=1):
            scene, figure = draw(lambda: page_figures()[fig_id], params)
            settings = ", ".join(f"{k} = {v:g}" if isinstance(v, float) else f"{k} = {v}" for k, v in params.items())
            print(f"\n{fig_id}" + (f" ({settings})" if settings else "") + ":\n  " + scene.describe())
            if headless():
                out.mkdir(exist_ok=True)
                path = out / f"{fig_id}-{i}.png"
                figure.savefig(path, dpi=100)
                plt.close(figure)
                print(f"  saved {path}")
    if not headless():
        plt.show()
