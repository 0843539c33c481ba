"""A stand-in browser: just enough DOM for ``mvcalc.web`` to run a page script with no browser
(in Pyodide under Node, as the build does, or in CPython, as some tests do).

The build draws every figure's first frame by running the page's own script (its ``main()``)
against the page's own HTML here (sitebuild/frames.py), so the frame is what
``live_figure.py`` draws in the page, with the page's initial slider values and the scene
arguments the script passes, and nothing is written down twice. Tests use it too.

What it models: the element tree parsed from the page source (tags, attributes, ``data-*``
as ``dataset``, ``value``, ``hidden``, ``checked``), simple selectors (``tag.class[attr="v"]``,
comma lists), event listeners (kept, called by a test), ``requestAnimationFrame`` and
``setTimeout`` (queued; ``run_frames`` runs them), and ``mvcalcBridge.putRGBA``, which keeps a
copy of the last RGBA buffer put on each canvas (``Node.pixels``) and counts the puts (``puts``). Every element is
``width`` CSS pixels wide and the screen has ``ratio`` device pixels per CSS pixel. There is no
IntersectionObserver or ResizeObserver: every figure is drawn at once, as one near the
viewport is in the page.

    standin = install()                        # once per process: the js and pyodide modules
    root = standin.open(html, width=720, ratio=1)
    importlib.import_module("mvcalc.web.pages.m1_what_is_calculus").main()
    standin.run_frames()

Tests in a process that goes on (pytest) use the ``standin`` fixture of tests/conftest.py instead
of ``install()``: a fresh stand-in per test, ``browser_modules`` put in ``sys.modules`` for that test only.
"""
from __future__ import annotations

import re
import sys
import types
from html.parser import HTMLParser

SELECTOR = re.compile(r"\s*([a-z0-9]*)((?:\.[\w-]+)*)((?:\[[^\]]+\])*)\s*")
ATTRIBUTE = re.compile(r"\[([\w-]+)(=\"?([^\]\"]*)\"?)?\]")
VOID = {"input", "br", "img", "meta", "link", "hr", "source", "area", "col", "wbr"}


def _camel(name: str) -> str:
    words = name.split("-")
    return words[0] + "".join(w.capitalize() for w in words[1:])


class Node:
    """One element: attributes, children, listeners, and the properties mvcalc.web reads."""

    def __init__(self, browser: "StandIn", tag: str, attrs=()):
        attrs = dict(attrs)
        self._browser = browser
        self.tagName = tag.upper()
        self.attrs = attrs
        self.children: list[Node] = []
        self.parent: Node | None = None
        self.listeners: dict[str, list] = {}
        self.style = types.SimpleNamespace()
        self.dataset = types.SimpleNamespace(**{_camel(k[5:]): v for k, v in attrs.items()
                                                if k.startswith("data-")})
        self.id = attrs.get("id", "")
        self.className = attrs.get("class", "")
        self.value = attrs.get("value", "")
        self.hidden = "hidden" in attrs
        self.checked = "checked" in attrs
        self.disabled = "disabled" in attrs
        self.textContent = ""
        self.width = self.height = 0
        self.pixels: tuple[int, int, bytes] | None = None    # a canvas's last putRGBA

    @property
    def clientWidth(self) -> int:
        return self._browser.width

    # --- the tree ------------------------------------------------------------------------
    def appendChild(self, child: "Node") -> "Node":
        if child.parent is not None:
            child.parent.children.remove(child)
        child.parent = self
        self.children.append(child)
        return child

    def insertBefore(self, child: "Node", reference: "Node | None") -> "Node":
        if reference is None:
            return self.appendChild(child)
        if child.parent is not None:
            child.parent.children.remove(child)
        child.parent = self
        self.children.insert(self.children.index(reference), child)
        return child

    def remove(self) -> None:
        if self.parent is not None:
            self.parent.children.remove(self)
            self.parent = None

    def walk(self):
        for child in self.children:
            yield child
            yield from child.walk()

    # --- attributes and events -------------------------------------------------------------
    def setAttribute(self, name, value) -> None:
        self.attrs[name] = str(value)
        if name == "id":
            self.id = str(value)

    def removeAttribute(self, name) -> None:
        self.attrs.pop(name, None)

    def getAttribute(self, name):
        return self.attrs.get(name)

    def hasAttribute(self, name) -> bool:
        return name in self.attrs

    def addEventListener(self, event, handler, *options) -> None:
        self.listeners.setdefault(event, []).append(handler)

    def getBoundingClientRect(self):
        width = self._browser.width
        return types.SimpleNamespace(left=0, top=0, right=width, bottom=width * 0.62, width=width,
                                     height=width * 0.62, x=0, y=0)

    def focus(self, *args) -> None:
        pass

    # --- selectors -------------------------------------------------------------------------
    def matches(self, selector: str) -> bool:
        for part in selector.split(","):
            found = SELECTOR.fullmatch(part)
            if not found:
                raise ValueError(f"the stand-in DOM does not know the selector {part!r}")
            tag, classes, attributes = found.groups()
            if tag and self.tagName != tag.upper():
                continue
            if any(c not in self.className.split() for c in classes.split(".")[1:]):
                continue
            ok = True
            for name, has_value, value in ATTRIBUTE.findall(attributes):
                got = self.id if name == "id" else self.attrs.get(name)
                if got is None or (has_value and got != value):
                    ok = False
            if ok:
                return True
        return False

    def querySelectorAll(self, selector: str) -> list["Node"]:
        return [node for node in self.walk() if node.matches(selector)]

    def querySelector(self, selector: str) -> "Node | None":
        found = self.querySelectorAll(selector)
        return found[0] if found else None

    def closest(self, selector: str) -> "Node | None":
        node = self
        while node is not None and not node.matches(selector):
            node = node.parent
        return node


class _Parser(HTMLParser):
    def __init__(self, browser: "StandIn"):
        super().__init__(convert_charrefs=True)
        self.browser = browser
        self.root = self.current = Node(browser, "html")

    def handle_starttag(self, tag, attrs):
        node = self.current.appendChild(Node(self.browser, tag, [(k, v if v is not None else "")
                                                                 for k, v in attrs]))
        if tag == "option" and ("selected" in node.attrs or not self.current.value):
            self.current.value = node.attrs.get("value", "")
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.current = self.current.parent

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tagName != tag.upper():
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        if self.current.tagName in ("TEXTAREA", "SCRIPT", "PRE", "CODE", "OPTION"):
            self.current.textContent += data
            if self.current.tagName == "TEXTAREA":
                self.current.value = self.current.textContent


class _Proxy:
    def __init__(self, function):
        self.function = function

    def __call__(self, *args):
        return self.function(*args)

    def destroy(self) -> None:
        pass


class StandIn:
    """The stand-in ``js.window`` and ``js.document`` of one page at a time (see the module)."""

    def __init__(self):
        self.width = 640
        self.root = Node(self, "html")
        self.queued: list = []
        self.marks: list[str] = []
        self.puts = 0
        standin = self

        class Performance:
            @staticmethod
            def mark(name):
                standin.marks.append(name)

            @staticmethod
            def now():
                return 0.0

        def put(canvas, buffer, width, height):
            canvas.pixels = (int(width), int(height), bytes(buffer))
            standin.puts += 1

        self.window = types.SimpleNamespace(
            devicePixelRatio=1, innerHeight=900, performance=Performance(),
            requestAnimationFrame=lambda callback: self.queued.append(callback),
            setTimeout=lambda callback, delay=0: self.queued.append(lambda _t=0: callback()),
            confirm=lambda *_: True,
            mvcalcBridge=types.SimpleNamespace(putRGBA=put),
            mvcalcLoader=types.SimpleNamespace(renderMath=lambda node: None, stage=lambda *a: None),
            addEventListener=lambda *a: None)
        self.document = types.SimpleNamespace(
            createElement=lambda tag: Node(self, tag),
            getElementById=lambda i: next((n for n in self.root.walk() if n.id == i), None),
            querySelector=lambda s: self.root.querySelector(s),
            querySelectorAll=lambda s: self.root.querySelectorAll(s))

    def open(self, html: str, *, width: int = 640, ratio: float = 1) -> Node:
        """A new page from ``html``: every element ``width`` CSS px wide, ``ratio`` device px each."""
        self.width = width
        self.window.devicePixelRatio = ratio
        self.queued.clear()
        self.marks.clear()
        self.puts = 0
        parser = _Parser(self)
        parser.feed(html)
        parser.close()
        self.root = parser.root
        self.document.body = self.root
        return self.root

    def run_frames(self, rounds: int = 5) -> None:
        """Run the queued animation frames and timeouts, and those they queue, ``rounds`` deep."""
        for _ in range(rounds):
            pending, self.queued[:] = self.queued[:], []
            for callback in pending:
                callback(0.0)
            if not self.queued:
                return


def browser_modules(standin: StandIn) -> dict[str, types.ModuleType]:
    """The stand-in ``js``, ``pyodide`` and ``pyodide.ffi`` modules of ``standin``, by name."""
    js = types.ModuleType("js")
    js.standin = standin
    js.window, js.document, js.performance = standin.window, standin.document, standin.window.performance
    js.console = types.SimpleNamespace(error=lambda *a: None, log=lambda *a: None, warn=lambda *a: None)
    js.Object = types.SimpleNamespace(new=lambda: types.SimpleNamespace())
    ffi = types.ModuleType("pyodide.ffi")
    ffi.create_proxy = _Proxy
    ffi.to_js = lambda value, **_: value
    pyodide = types.ModuleType("pyodide")
    pyodide.ffi = ffi
    return {"js": js, "pyodide": pyodide, "pyodide.ffi": ffi}


def install() -> StandIn:
    """Put the stand-in ``js``, ``pyodide`` and ``pyodide.ffi`` modules in ``sys.modules`` (once:
    ``mvcalc.web.dom`` binds ``js.document`` when it is imported) and return the stand-in."""
    existing = getattr(sys.modules.get("js"), "standin", None)
    if existing is not None:
        return existing
    standin = StandIn()
    sys.modules.update(browser_modules(standin))
    return standin
