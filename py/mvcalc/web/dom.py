"""Small helpers for the DOM, and the one place that keeps event proxies alive."""
from __future__ import annotations

from typing import Callable

import js
from pyodide.ffi import create_proxy

document = js.document
window = js.window

_kept: list = []  # proxies that must live as long as the page


def by_id(element_id: str):
    element = document.getElementById(element_id)
    if element is None:
        raise LookupError(f"the page has no element with id {element_id!r}")
    return element


def element(tag: str, *, cls: str = "", text: str = "", attrs: dict | None = None, parent=None):
    node = document.createElement(tag)
    if cls:
        node.className = cls
    if text:
        node.textContent = text
    for name, value in (attrs or {}).items():
        node.setAttribute(name, str(value))
    if parent is not None:
        parent.appendChild(node)
    return node


def on(node, event: str, handler: Callable) -> None:
    """addEventListener with a proxy kept for the page's lifetime."""
    proxy = create_proxy(handler)
    _kept.append(proxy)
    node.addEventListener(event, proxy)


def next_frame(callback: Callable[[], None]) -> None:
    """Run ``callback`` once, at the next animation frame."""
    def run(_timestamp):
        proxy.destroy()
        callback()
    proxy = create_proxy(run)
    window.requestAnimationFrame(proxy)


def later(callback: Callable[[], None]) -> None:
    """Run ``callback`` once, in a task of its own (setTimeout 0), so that several pieces
    of work queued together never add up to one long main-thread task."""
    def run():
        proxy.destroy()
        callback()
    proxy = create_proxy(run)
    window.setTimeout(proxy, 0)


def on_resize(node, callback: Callable[[], None]) -> None:
    """Call ``callback`` at the next animation frame after ``node`` changes size (a phone
    turned, a window resized); several changes in one frame make one call."""
    if not hasattr(window, "ResizeObserver"):
        return
    pending = []

    def changed(_entries, _observer=None):
        if not pending:
            pending.append(True)
            next_frame(lambda: (pending.clear(), callback()))
    proxy = create_proxy(changed)
    _kept.append(proxy)
    window.ResizeObserver.new(proxy).observe(node)


def when_idle(callback: Callable[[], None]) -> None:
    """Run ``callback`` once, in a task of its own when the browser is idle (soon anyway)."""
    def run(*_args):
        proxy.destroy()
        callback()
    proxy = create_proxy(run)
    if hasattr(window, "requestIdleCallback"):
        options = js.Object.new()
        options.timeout = 2000
        window.requestIdleCallback(proxy, options)
    else:
        window.setTimeout(proxy, 50)


NEAR_VIEW = "100% 0px"      # within one screen above or below the visible part of the page


def when_near_view(node, callback: Callable[[], None]) -> None:
    """Run ``callback`` once, when ``node`` comes within a screen of the viewport: at once if it
    is already there (or if this browser cannot tell), else when the learner scrolls near it.
    Drawing what nobody is looking at yet costs start-up time and memory. A scroll can bring
    several figures near at once, and the browser tells every observer in one task: each
    callback then runs in a task of its own (``later``), so no two first draws add up to one
    long task."""
    observer_class = getattr(window, "IntersectionObserver", None)
    if observer_class is None or not hasattr(node, "getBoundingClientRect") or _near(node):
        callback()
        return

    def seen(entries, observer):
        if any(entry.isIntersecting for entry in entries):
            observer.disconnect()
            proxy.destroy()
            later(callback)
    proxy = create_proxy(seen)
    options = js.Object.new()
    options.rootMargin = NEAR_VIEW
    observer_class.new(proxy, options).observe(node)


def _near(node) -> bool:
    rect = node.getBoundingClientRect()
    height = float(window.innerHeight or 0)
    return float(rect.bottom) >= -height and float(rect.top) <= 2 * height


def render_math(node) -> None:
    """Typeset TeX in ``node`` with KaTeX, using the loader's settings."""
    window.mvcalcLoader.renderMath(node)
