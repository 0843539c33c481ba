"""Module pages, other pages and the course home, filled in from mvcalc.course.MODULES at build time.

A module's source, ``site/<slug>/index.html``, holds only its ``<main>``: lessons,
figures, exercise mounts. The build puts it into ``templates/module.html`` (head,
scripts, navigation, footer) with the module's number and title; the course home's
module cards are written from MODULES too. So a title or a script tag is written
once, and a new module needs no copied boilerplate.

Any other ``site/<slug>/index.html`` (a slug that is not a module: the glossary, ...) is an
*extra page*: its source holds its ``<main>``, whose ``<h1>`` is the page's title, and, before
``<main>``, any elements its ``<head>`` needs (a script, a stylesheet). The build puts it into
``templates/page.html``: the same header, navigation and footer, and no Python unless the page
says ``<starts-python>`` (below: the build writes the tags that start it, as on a module page).
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from .paths import PY, ROOT, SITE

TEMPLATE = Path(__file__).with_name("templates") / "module.html"
PAGE_TEMPLATE = Path(__file__).with_name("templates") / "page.html"
TEMPLATE_NOTE = re.compile(r"<!-- The shell of every .*?-->\n", re.S)
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
MAIN = re.compile(r'<main id="content">\n?(.*)</main>', re.S)
CARDS = "<!-- module cards: written by the build from mvcalc.course.MODULES -->"


class PageError(ValueError):
    """A page source the build cannot use; the message names the file."""


def modules():
    sys.path.insert(0, str(PY))
    try:
        from mvcalc.course import MODULES
    finally:
        sys.path.pop(0)
    return MODULES


# --- a page that starts Python -----------------------------------------------------------------
# Every page that runs Python starts it with the same tags: the runtime's config and files, KaTeX
# (the loader typesets the maths before Python is up) and the loader. A page says it starts Python
# with a line <starts-python> among its head elements (templates/module.html says it for every
# module page; an extra page's source before its <main>), and the build writes the tags there,
# around the head elements that follow it: KaTeX's stylesheet before the page's own stylesheets
# (so the course's rules for maths win), the boot scripts before the page's own scripts, and the
# loader last of all, once every script it and Python call on is there.
STARTS_PYTHON = "<starts-python>"
PYTHON_STYLES = ("../vendor/katex/katex.min.css",)
PYTHON_SCRIPTS = ("../assets/runtime-config.js", "../assets/runtime-files.js", "../vendor/katex/katex.min.js",
                  "../vendor/katex/contrib/auto-render.min.js")
LOADER = "../assets/loader.js"
STYLESHEET = '<link rel="stylesheet" href="{}">'
SCRIPT = '<script defer src="{}"></script>'


def start_python(where: str, page: str) -> str:
    """``page`` with the line ``<starts-python>`` in its head (if any) written out as the tags that
    start Python, around the head elements after it (see above)."""
    head, end, rest = page.partition("</head>")
    lines = head.split("\n")
    marked = [i for i, line in enumerate(lines) if line.strip() == STARTS_PYTHON]
    if page.count("<starts-python") != len(marked) or len(marked) > 1:
        raise PageError(f"{where}: {STARTS_PYTHON} goes once, on a line of its own, among the head elements")
    if not marked:
        return page
    at = marked[0]
    indent = lines[at][:len(lines[at]) - len(lines[at].lstrip())]
    own = [line for line in lines[at + 1:] if line.strip()]
    styles = [line for line in own if line.lstrip().startswith("<link")]
    others = [line for line in own if not line.lstrip().startswith("<link")]
    tags = ([indent + STYLESHEET.format(href) for href in PYTHON_STYLES] + styles
            + [indent + SCRIPT.format(src) for src in PYTHON_SCRIPTS] + others + [indent + SCRIPT.format(LOADER)])
    return "\n".join(lines[:at] + tags + [""]) + end + rest


# --- the figure macro -------------------------------------------------------------------------
# A live figure in a page's source is one short element; the build writes its markup:
#
#   <live-figure id="fig-secant">
#     <slider id="secant-h" param="h" min="0.001" max="2" step="0.001" value="1">h</slider>
#     <choice id="secant-fn" param="fn" label="function" wide>
#       <option value="sin" selected>sin x</option> ...
#     </choice>
#     <choice id="other-fn" param="fn" label="function" options="secant-fn" selected="exp"></choice>
#     <readout>difference quotient: {quotient}</readout>
#     ... any other HTML (buttons, a table, keyboard help), kept as it stands
#   </live-figure>
#
# becomes <figure class="live-figure" id=...> with the plot box first, each run of sliders and
# choices one <div class="controls"> (label, range and <output>; label, select and a spacer, or a
# ``wide`` select over both columns), each run of readouts one <div class="readouts"> (a {name}
# is a value the figure fills in, <span class="readout" data-readout="name">; {name#id} gives it
# an id), and the text alternative last. Whatever else the element holds stays where it is.
# A choice with ``options="ID"`` offers the options of the page's choice ID (written once, there),
# with its own ``selected`` one (or none).
FIGURE_OPEN = re.compile(r'^(?P<indent>[ ]*)<live-figure(?P<attrs>[^>]*)>', re.M)
FIGURE_CLOSE = "</live-figure>"
ITEM = re.compile(r'^(?P<indent>[ ]*)<(?P<tag>slider|choice|readout)(?P<attrs>[^>]*)>(?P<content>.*?)'
                  r'</(?P=tag)>[ ]*\n', re.M | re.S)
ATTRIBUTE = re.compile(r'\s*([\w-]+)(?:="([^"]*)")?')
PLACEHOLDER = re.compile(r"\{([A-Za-z][\w-]*)(?:#([\w-]+))?\}")
NEEDS = {"live-figure": ({"id"}, set()), "slider": ({"id", "param", "min", "max", "step", "value"}, set()),
         "choice": ({"id", "param", "label"}, {"wide", "options", "selected"}), "readout": (set(), set())}
PLOT = '<div class="plot"><div class="plot-placeholder">The live figure appears when Python is ready.</div></div>'
WIDE = ' style="grid-column: 2 / -1; min-width: 0"'
SELECTED = re.compile(r' selected(?=[ >])')
OPTION_OPEN = re.compile(r'^(<option value="[^"]*"[^>]*)>')


def _attributes(where: str, tag: str, text: str) -> dict[str, str | None]:
    found, rest = {}, text
    while rest.strip():
        match = ATTRIBUTE.match(rest)
        if not match or not match.group(0).strip():
            raise PageError(f"{where}: <{tag}{text}> has an attribute the build cannot read")
        found[match.group(1)] = match.group(2)
        rest = rest[match.end():]
    required, optional = NEEDS[tag]
    if missing := sorted(required - set(found)):
        raise PageError(f"{where}: <{tag}{text}> needs {', '.join(missing)}")
    if unknown := sorted(set(found) - required - optional):
        raise PageError(f"{where}: <{tag}{text}> has no use for {', '.join(unknown)}")
    return found


def _options(content: str) -> list[str]:
    """A choice's own ``<option>`` lines (empty if it holds anything else)."""
    options = [line.strip() for line in content.strip().splitlines() if line.strip()]
    return options if options and all(line.startswith("<option") for line in options) else []


def _option_lists(source: str) -> dict[str, list[str]]:
    """Each ``<choice>`` of the page that holds its options: id -> its option lines."""
    found = {}
    for item in ITEM.finditer(source):
        attrs = dict(ATTRIBUTE.findall(item.group("attrs")))     # checked when the choice is written out
        if item.group("tag") == "choice" and "options" not in attrs:
            found[attrs.get("id")] = _options(item.group("content"))
    return found


def _shared_options(where: str, a: dict, content: str, lists: dict[str, list[str]]) -> list[str]:
    """The options of the choice ``a["options"]`` names, with ``a["selected"]`` (if any) the selected one."""
    if content.strip():
        raise PageError(f'{where}: <choice id="{a["id"]}" options=...> holds nothing: its options are another\'s')
    if not lists.get(a["options"]):
        raise PageError(f'{where}: <choice id="{a["id"]}"> takes the options of "{a["options"]}", '
                        "a choice of this page that holds its own")
    options = [SELECTED.sub("", line) for line in lists[a["options"]]]
    if a.get("selected") is not None:
        picked = [i for i, line in enumerate(options) if line.startswith(f'<option value="{a["selected"]}"')]
        if not picked:
            raise PageError(f'{where}: <choice id="{a["id"]}"> selects "{a["selected"]}", not one of its options')
        options[picked[0]] = OPTION_OPEN.sub(r"\1 selected>", options[picked[0]], count=1)
    return options


def _control(where: str, item: re.Match, pad: str, lists: dict[str, list[str]]) -> list[str]:
    tag, content = item.group("tag"), item.group("content")
    a = _attributes(where, tag, item.group("attrs"))
    if tag == "slider":
        return [f'{pad}<label for="{a["id"]}">{content.strip()}</label>',
                f'{pad}<input type="range" id="{a["id"]}" data-param="{a["param"]}" min="{a["min"]}" '
                f'max="{a["max"]}" step="{a["step"]}" value="{a["value"]}">',
                f'{pad}<output for="{a["id"]}"></output>']
    if "options" in a:
        options = _shared_options(where, a, content, lists)
    elif "selected" in a:
        raise PageError(f'{where}: <choice id="{a["id"]}"> has selected="..." with no options="...": '
                        "mark its own <option> selected")
    elif not (options := _options(content)):
        raise PageError(f'{where}: <choice id="{a["id"]}"> holds <option> elements, one a line, and nothing else')
    return ([f'{pad}<label for="{a["id"]}">{a["label"]}</label>',
             f'{pad}<select id="{a["id"]}" data-param="{a["param"]}"{WIDE if "wide" in a else ""}>']
            + [f"{pad}  {line}" for line in options] + [f"{pad}</select>"] + ([] if "wide" in a else [f"{pad}<span></span>"]))


def _readout(where: str, item: re.Match, pad: str) -> list[str]:
    _attributes(where, "readout", item.group("attrs"))
    value = lambda m: (f'<span class="readout" data-readout="{m.group(1)}"'     # noqa: E731
                       + (f' id="{m.group(2)}"' if m.group(2) else "") + ">…</span>")
    return [f"{pad}<span>{PLACEHOLDER.sub(value, item.group('content').strip())}</span>"]


def _figure_body(where: str, body: str, indent: str, lists: dict[str, list[str]]) -> str:
    """The figure's inside: runs of controls and of readouts written out, the rest kept."""
    out, kept, at, run, kind = [], [], 0, [], None
    pad = indent + "  "

    def flush() -> None:
        if run:
            cls = "readouts" if kind == "readout" else "controls"
            out.append("\n".join([f'{pad}<div class="{cls}">', *run, f"{pad}</div>"]) + "\n")
            run.clear()
    for item in ITEM.finditer(body):
        between = body[at:item.start()]
        this = "readout" if item.group("tag") == "readout" else "control"
        if between or this != kind:
            flush()
        out.append(between)
        kept.append(between)
        kind = this
        run.extend(_readout(where, item, pad + "  ") if this == "readout" else _control(where, item, pad + "  ", lists))
        at = item.end()
    flush()
    _no_stray(where, kept + [body[at:]], "in a <live-figure> (one element a line, closed)")
    return "".join(out) + body[at:]


def _no_stray(where: str, parts: list[str], what: str) -> None:
    if any(re.search(r"<(slider|choice|readout)\b", part) for part in parts):
        raise PageError(f"{where}: a <slider>, <choice> or <readout> the build cannot read {what}")


def expand_figures(slug: str, source: str) -> str:
    """``source`` with every ``<live-figure>`` element written out as its figure's markup."""
    out, kept, at = [], [], 0
    where, lists = f"site/{slug}/index.html", _option_lists(source)
    for opening in FIGURE_OPEN.finditer(source):
        if opening.start() < at:
            raise PageError(f"{where}: a <live-figure> inside another one")
        attrs = _attributes(where, "live-figure", opening.group("attrs"))
        end = source.find(FIGURE_CLOSE, opening.end())
        if end < 0:
            raise PageError(f'{where}: <live-figure id="{attrs["id"]}"> is never closed')
        body = source[opening.end():end]
        if "<live-figure" in body:
            raise PageError(f"{where}: a <live-figure> inside another one")
        indent = opening.group("indent")
        body = body.removeprefix("\n").rstrip(" ")
        inside = _figure_body(where, body, indent, lists)
        kept.append(source[at:opening.start()])
        out += [kept[-1], f'{indent}<figure class="live-figure" id="{attrs["id"]}">\n', f"{indent}  {PLOT}\n",
                inside if not inside or inside.endswith("\n") else inside + "\n",
                f'{indent}  <p class="figure-alt" aria-live="polite"></p>\n{indent}</figure>']
        at = end + len(FIGURE_CLOSE)
    _no_stray(where, kept + [source[at:]], "outside any <live-figure>")
    if FIGURE_CLOSE in source[at:] or any(FIGURE_CLOSE in part for part in kept):
        raise PageError(f"{where}: a </live-figure> with no <live-figure> before it")
    return "".join(out) + source[at:]


def render_module(slug: str, source: str, frames: list[dict] | None = None) -> str:
    """The whole page for module ``slug`` from its source (which holds only ``<main>``), with
    its figures' first ``frames`` (sitebuild/frames.py) where given."""
    all_modules = modules()
    numbers = {m.slug: i for i, m in enumerate(all_modules, start=1)}
    if slug not in numbers:
        raise PageError(f"site/{slug}/index.html: there is no module {slug!r} in mvcalc.course.MODULES")
    found = MAIN.search(source)
    if not found:
        raise PageError(f'site/{slug}/index.html: no <main id="content"> ... </main> in it')
    nav = _nav(slug)
    module = all_modules[numbers[slug] - 1]
    page = start_python("templates/module.html", TEMPLATE_NOTE.sub("", TEMPLATE.read_text(encoding="utf-8"), count=1))
    for key, value in (("slug", slug), ("number", str(numbers[slug])), ("count", str(len(all_modules))),
                       ("title", html.escape(module.title, quote=False)), ("nav", nav)):
        page = page.replace("{{" + key + "}}", value)
    main = expand_figures(slug, found.group(1).rstrip())       # first: the frames go into its markup
    if frames:
        from .frames import markup
        main = markup(slug, main, frames)
    return page.replace("{{main}}", main)   # last: lesson text may hold braces


def _nav(current: str | None = None) -> str:
    mark = ' aria-current="page"'
    return "\n".join(
        f'        <li><a href="../{m.slug}/index.html"{mark if m.slug == current else ""}>'
        f"{i}. {html.escape(m.title, quote=False)}</a></li>"
        for i, m in enumerate(modules(), start=1))


def render_page(slug: str, source: str) -> str:
    """An extra page (not a module) from its source: ``<main>`` with its ``<h1>``, and any
    elements for ``<head>`` before it."""
    found = MAIN.search(source)
    if not found:
        raise PageError(f'site/{slug}/index.html: no <main id="content"> ... </main> in it')
    heading = H1.search(found.group(1))
    if not heading:
        raise PageError(f"site/{slug}/index.html: an extra page needs an <h1> in its <main>: it is the title")
    title = html.escape(html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).strip(), quote=False)
    head = COMMENT.sub("", source[:found.start()]).strip()
    page = TEMPLATE_NOTE.sub("", PAGE_TEMPLATE.read_text(encoding="utf-8"), count=1)
    page = page.replace("{{head}}\n", "".join("  " + line.strip() + "\n" for line in head.splitlines() if line.strip()))
    page = start_python(f"site/{slug}/index.html", page)
    for key, value in (("slug", slug), ("title", title), ("nav", _nav())):
        page = page.replace("{{" + key + "}}", value)
    return page.replace("{{main}}", found.group(1).strip("\n").rstrip())


def is_module(slug: str) -> bool:
    return slug in {m.slug for m in modules()}


def render_home(source: str) -> str:
    """The course home with its module cards written from MODULES where ``CARDS`` stands."""
    if CARDS not in source:
        raise PageError(f"index.html: the marker {CARDS!r} is missing")
    cards = "\n".join(
        f'      <li class="module-card" data-module="{m.slug}">\n'
        f'        <h2><a href="site/{m.slug}/index.html">{i}. {html.escape(m.title, quote=False)}</a></h2>\n'
        f'        <p class="summary">{html.escape(m.summary, quote=False)}</p>\n'
        f"      </li>"
        for i, m in enumerate(modules(), start=1))
    return source.replace(CARDS, cards.strip())


def write_pages(site_root: Path, frames: dict[str, list[dict]] | None = None) -> list[Path]:
    """Render the home and every module page of the site being built, in place, each with
    its figures' first frames where ``frames`` (by module slug) has them."""
    home = site_root / "index.html"
    home.write_text(render_home(home.read_text(encoding="utf-8")), encoding="utf-8")
    written = [home]
    for page in sorted((site_root / "site").glob("*/index.html")):
        slug, source = page.parent.name, page.read_text(encoding="utf-8")
        page.write_text(render_module(slug, source, (frames or {}).get(slug)) if is_module(slug)
                        else render_page(slug, source),
                        encoding="utf-8")
        written.append(page)
    return written


def rendered(slug: str) -> str:
    """Page ``slug`` (a module or an extra page) as the build writes it, from the sources (for tests and tools)."""
    source = (SITE / slug / "index.html").read_text(encoding="utf-8")
    return render_module(slug, source) if is_module(slug) else render_page(slug, source)


def extra_pages() -> list[str]:
    """The slugs of the site's pages that are not modules (the glossary, ...), from the sources."""
    return sorted(p.parent.name for p in SITE.glob("*/index.html") if not is_module(p.parent.name))


def rendered_home() -> str:
    return render_home((ROOT / "index.html").read_text(encoding="utf-8"))
