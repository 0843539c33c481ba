"""Module 1: What is calculus? Every lesson's live figure, and the explorer's typed function."""
from __future__ import annotations

from ...figures.functions import BEAST, EXP, LN, PRESETS, QUOTIENT, RECIPROCAL, SIN_CYCLE
from ...figures.chain_rule import ChainRuleScene
from ...figures.product_rule import ProductRuleScene
from ...figures.rise_run import RiseRunScene
from ...figures.secant import SecantScene
from ...figures.tangent import ExplorerScene, TangentScene
from ..dom import by_id, element, on
from ..live_figure import mount


def main() -> None:
    mount("fig-rise-run", RiseRunScene())
    mount("fig-secant", SecantScene())
    mount("fig-reciprocal", TangentScene([RECIPROCAL]))
    mount("fig-exp", TangentScene([EXP]))
    mount("fig-ln", TangentScene([LN]))
    mount("fig-sincos", TangentScene(SIN_CYCLE, cycle_note=True))
    mount("fig-product", ProductRuleScene())
    mount("fig-chain", ChainRuleScene())
    mount("fig-quotient", TangentScene([QUOTIENT]))
    mount("fig-beast", TangentScene([BEAST]))
    explorer = mount("fig-explorer", ExplorerScene(PRESETS, fn="square", x=1.0))
    _bind_typed_function(explorer)


def _bind_typed_function(explorer) -> None:
    """The explorer's 'type your own': parsed safely, drawn with a numerical f'."""
    form, field, message = by_id("explorer-form"), by_id("explorer-typed"), by_id("explorer-message")
    menu = by_id("explorer-fn")
    form.hidden = False

    def draw(event) -> None:
        event.preventDefault()
        from ...figures.typed import TypedFunctionError, typed_function
        try:
            fn = typed_function(str(field.value))
        except TypedFunctionError as error:
            message.textContent = error.message
            field.setAttribute("aria-invalid", "true")
            return
        except ImportError:
            message.textContent = "Typing a function needs the answer checker, which this page could not load."
            return
        field.removeAttribute("aria-invalid")
        explorer.scene.add(fn)
        option = menu.querySelector('option[value="typed"]') or element("option", attrs={"value": "typed"},
                                                                        parent=menu)
        option.textContent = f"your function: {fn.text}"
        menu.value = "typed"
        message.textContent = (f"Drawing f(x) = {fn.text}; its derivative below is worked out numerically "
                               "(central differences), not by a formula.")
        explorer.set(fn="typed", x=explorer.scene.params.get("x", 1.0))

    on(form, "submit", draw)
