"""Module pages and the course home, filled in from mvcalc.course.MODULES at build time.

A module's source, ``site/<slug>/index.html``, holds only its ``<main>``: lessons,
figures, exercise mounts. The build puts it into ``templates/module.html`` (head,
scripts, navigation, footer) with the module's number and title; the course home's
module cards are written from MODULES too. So a title or a script tag is written
once, and a new module needs no copied boilerplate.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from .paths import PY, ROOT, SITE

TEMPLATE = Path(__file__).with_name("templates") / "module.html"
TEMPLATE_NOTE = re.compile(r"<!-- The shell of every module page:.*?-->\n", re.S)
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
    current = ' aria-current="page"'
    nav = "\n".join(
        f'        <li><a href="../{m.slug}/index.html"{current if m.slug == slug else ""}>'
        f"{numbers[m.slug]}. {html.escape(m.title, quote=False)}</a></li>"
        for m in all_modules)
    module = all_modules[numbers[slug] - 1]
    page = TEMPLATE_NOTE.sub("", TEMPLATE.read_text(encoding="utf-8"), count=1)
    for key, value in (("slug", slug), ("number", str(numbers[slug])), ("count", str(len(all_modules))),
                       ("title", html.escape(module.title, quote=False)), ("nav", nav)):
        page = page.replace("{{" + key + "}}", value)
    main = found.group(1).rstrip()
    if frames:
        from .frames import markup
        main = markup(slug, main, frames)
    return page.replace("{{main}}", main)   # last: lesson text may hold braces


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
        slug = page.parent.name
        page.write_text(render_module(slug, page.read_text(encoding="utf-8"), (frames or {}).get(slug)),
                        encoding="utf-8")
        written.append(page)
    return written


def rendered(slug: str) -> str:
    """Module ``slug``'s page as the build writes it, from the sources (for tests and tools)."""
    return render_module(slug, (SITE / slug / "index.html").read_text(encoding="utf-8"))


def rendered_home() -> str:
    return render_home((ROOT / "index.html").read_text(encoding="utf-8"))
