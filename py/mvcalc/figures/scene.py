"""The shape every live figure has, so one page layer can draw, blit and describe any of them."""
from __future__ import annotations

from typing import Any


class Scene:
    """A matplotlib figure whose moving parts follow a few named parameters.

    ``build`` draws everything once; artists that move with the parameters are
    created with ``animated=True`` and listed in ``self.animated``, so the page can
    redraw only them (blitting) while a slider moves. ``update`` returns True when
    something static changed too (new axis limits, a new function), which needs a
    full redraw. ``describe`` is the figure's text alternative for its current state.

    Drafts: a scene that sets ``drafts = True`` finds ``self.draft`` True during an update
    made while a range slider is being dragged, and False in the update the page makes when
    the slider is let go (its ``change`` event); it may draw a cheaper version meanwhile
    (e.g. an animated contour set on a coarse grid), never a different answer.
    """

    aspect = 0.62            # height / width
    params: dict[str, Any] = {}
    drafts = False           # True: the page sets ``draft`` (see above)
    draft = False

    def __init__(self, **params: Any) -> None:
        self.params = {**type(self).params, **params}
        self.animated: list = []

    def build(self, fig) -> None:
        raise NotImplementedError

    def update(self, **params: Any) -> bool:
        """Apply new parameter values; True if a full redraw is needed."""
        self.params.update(params)
        return self.apply()

    def apply(self) -> bool:
        """Move the animated artists to match ``self.params``."""
        return False

    def describe(self) -> str:
        raise NotImplementedError

    def readouts(self) -> dict[str, str]:
        """Numbers shown beside the figure, by name (``data-readout`` in the page)."""
        return {}
