"""Module pages, other pages and the course home, filled in from mvcalc.course.MODULES at build time.

A module's source, ``site/<slug>/index.html``, holds only its ``<main>``: lessons,
figures, exercise mounts. The build puts it into ``templates/module.html`` (head,
scripts, navigation, footer) with the module's number and title; the course home's
module cards are written from MODULES too. So a title or a script tag is written
once, and a new module needs no copied boilerplate.

Any other ``site/<slug>/index.html`` (a slug that is not a module: the glossary, ...) is an
*extra page*: its source holds its ``<main>``, whose ``<h1>`` is the page's title, and, before
``<main>``, any elements its ``<head>`` needs (a script, a stylesheet). The build puts it into
``templates/page.html``: the same header, navigation and footer, no Python.
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


def render_module(slug: str, source: str) -> str:
    """The whole page for module ``slug`` from its source (which holds only ``<main>``)."""
    all_modules = modules()
    numbers = {m.slug: i for i, m in enumerate(all_modules, start=1)}
    if slug not in numbers:
        raise PageError(f"site/{slug}/index.html: there is no module {slug!r} in mvcalc.course.MODULES")
    found = MAIN.search(source)
    if not found:
        raise PageError(f'site/{slug}/index.html: no <main id="content"> ... </main> in it')
    nav = _nav(slug)
    module = all_modules[numbers[slug] - 1]
    page = TEMPLATE_NOTE.sub("", TEMPLATE.read_text(encoding="utf-8"), count=1)
    for key, value in (("slug", slug), ("number", str(numbers[slug])), ("count", str(len(all_modules))),
                       ("title", html.escape(module.title, quote=False)), ("nav", nav)):
        page = page.replace("{{" + key + "}}", value)
    return page.replace("{{main}}", found.group(1).rstrip())   # last: lesson text may hold braces


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


def write_pages(site_root: Path) -> list[Path]:
    """Render the home and every module page of the site being built, in place."""
    home = site_root / "index.html"
    home.write_text(render_home(home.read_text(encoding="utf-8")), encoding="utf-8")
    written = [home]
    for page in sorted((site_root / "site").glob("*/index.html")):
        slug, source = page.parent.name, page.read_text(encoding="utf-8")
        page.write_text(render_module(slug, source) if is_module(slug) else render_page(slug, source),
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
