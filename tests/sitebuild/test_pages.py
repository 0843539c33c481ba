"""Module pages are written into one shell from MODULES; their sources hold only <main>, and name their
live figures in one ``<live-figure>`` element each, whose markup the build writes (the figure macro)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from mvcalc.course import MODULES
from sitebuild.pages import (CARDS, LOADER, PLACEHOLDER, PYTHON_SCRIPTS, PYTHON_STYLES, STARTS_PYTHON, TEMPLATE,
                             PageError, expand_figures, extra_pages, render_module, render_page, rendered,
                             rendered_home, start_python)
from sitebuild.paths import ROOT, SITE

SLUGS = [m.slug for m in MODULES]


def test_every_module_has_a_page_and_every_other_page_is_an_extra_page():
    pages = sorted(p.parent.name for p in SITE.glob("*/index.html"))
    assert sorted(set(pages) & set(SLUGS)) == sorted(SLUGS)
    assert extra_pages() == sorted(set(pages) - set(SLUGS)) and {"teacher", "glossary"} <= set(extra_pages())


@pytest.mark.parametrize("slug", SLUGS)
def test_a_source_holds_only_its_main(slug):
    source = (SITE / slug / "index.html").read_text()
    for shell_part in ("<html", "<head", "<body", "<header", "<footer", "<script", "<h1"):
        assert shell_part not in source, f"{slug}: {shell_part} belongs to the shell"
    assert source.count('<main id="content">') == 1 and source.count("</main>") == 1


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.inside: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.inside.append(tag)

    def handle_endtag(self, tag):
        if tag in self.inside:
            while self.inside.pop() != tag:
                pass

    def handle_data(self, data):
        if self.inside and self.inside[-1] in ("h1", "title", "a"):
            self.text.append((self.inside[-1], data.strip()))


@pytest.mark.parametrize("number,module", list(enumerate(MODULES, start=1)))
def test_the_page_has_its_title_number_navigation_and_scripts(number, module):
    page = rendered(module.slug)
    assert page.startswith("<!doctype html>\n<html"), "no comment before the doctype (quirks mode)"
    outline = Outline()
    outline.feed(page)
    texts = outline.text
    assert ("h1", module.title) in texts and sum(1 for t, _ in texts if t == "h1") == 1
    assert ("title", f"{number}. {module.title} · Multivariate Calculus for Machine Learning") in texts
    body = [attrs for tag, attrs in outline.tags if tag == "body"][0]
    assert body["data-page"] == module.slug
    links = [attrs for tag, attrs in outline.tags if tag == "a" and attrs.get("href", "").endswith("/index.html")]
    assert [a["href"] for a in links[1:len(MODULES) + 1]] == [f"../{m.slug}/index.html" for m in MODULES]
    assert links[-1]["href"] == "../glossary/index.html", "the footer links the glossary"
    assert [a["href"] for a in links if a.get("aria-current") == "page"] == [f"../{module.slug}/index.html"]
    scripts = [attrs["src"] for tag, attrs in outline.tags if tag == "script"]
    assert scripts[-1] == "../assets/loader.js" and "../assets/checker.js" in scripts
    assert f"Module {number} of {len(MODULES)}" in page
    assert "{{" not in re.sub(r"<main.*</main>", "", page, flags=re.S), "a placeholder was left unfilled"


def test_lesson_text_is_kept_as_written_braces_included():
    page = render_module("m1-what-is-calculus", '<main id="content">\n<p>\\(\\frac{1}{x}\\) {{title}}</p>\n</main>')
    assert "<p>\\(\\frac{1}{x}\\) {{title}}</p>" in page, "the lesson is inserted last, untouched"


def test_a_page_for_no_module_or_without_main_is_refused_by_name():
    with pytest.raises(PageError, match="m9-nothing"):
        render_module("m9-nothing", '<main id="content"></main>')
    with pytest.raises(PageError, match="no <main"):
        render_module("m1-what-is-calculus", "<p>lost</p>")


def test_the_home_lists_every_module_from_modules():
    home = rendered_home()
    assert CARDS in (ROOT / "index.html").read_text() and CARDS not in home
    cards = re.findall(r'<li class="module-card" data-module="([^"]+)">\s*<h2><a href="site/\1/index.html">'
                       r'(\d)\. ([^<]+)</a></h2>\s*<p class="summary">([^<]+)</p>', home)
    assert [(slug, int(n), title) for slug, n, title, _ in cards] == [
        (m.slug, i, m.title) for i, m in enumerate(MODULES, start=1)]
    assert [summary for *_, summary in cards] == [m.summary.replace("'", "'") for m in MODULES]


def test_an_extra_page_gets_the_shell_its_title_from_its_h1_and_its_head_elements():
    source = ('<!-- a note -->\n<script defer src="../assets/extra.js"></script>\n'
              '<main id="content">\n<h1>Teacher <em>view</em></h1>\n<p>{{title}} stays</p>\n</main>')
    page = render_page("teacher", source)
    assert page.startswith("<!doctype html>\n<html")
    assert "<title>Teacher view · Multivariate Calculus for Machine Learning</title>" in page
    head = page[:page.index("</head>")]
    assert '<script defer src="../assets/extra.js"></script>' in head and "a note" not in page
    assert '<body data-page="teacher" data-extra-page>' in page and "<p>{{title}} stays</p>" in page
    outline = Outline()
    outline.feed(page)
    links = [a["href"] for tag, a in outline.tags if tag == "a" and a.get("href", "").endswith("/index.html")]
    assert links[1:] == [f"../{m.slug}/index.html" for m in MODULES]
    assert not [a for tag, a in outline.tags if tag == "a" and a.get("aria-current")]
    with pytest.raises(PageError, match="needs an <h1>"):
        render_page("teacher", '<main id="content"><p>no title</p></main>')


def test_the_teachers_page_is_an_extra_page_without_python():
    page = rendered("teacher")
    assert "<title>Teacher\u2019s desk: your class\u2019s progress · " in page and "data-extra-page" in page
    head = page[:page.index("</head>")]
    scripts = re.findall(r'<script defer src="([^"]+)"></script>', head)
    assert scripts == ["../assets/progress-data.js", "../assets/runtime-config.js", "../assets/teacher.js"]
    assert "loader.js" not in page and "progress.js" not in scripts, "no Python, no learner's store"


def test_the_home_links_the_teachers_page():
    assert 'href="site/teacher/index.html"' in rendered_home()


def test_the_glossary_is_an_extra_page_without_python():
    page = rendered("glossary")
    assert "<title>Glossary of symbols and terms · " in page and "data-extra-page" in page
    assert "<script" not in page, "the glossary needs no script: it works anywhere, at once"


# --- a page that starts Python says so; the build writes the tags that start it -----------------

BOOT = [*PYTHON_SCRIPTS, LOADER]


def head_of(page: str) -> tuple[list[str], list[str]]:
    """The stylesheets and the scripts of ``page``'s head, in order."""
    head = page[:page.index("</head>")]
    return (re.findall(r'<link rel="stylesheet" href="([^"]+)">', head),
            re.findall(r'<script defer src="([^"]+)"></script>', head))


def sources() -> dict[str, str]:
    """Every file the build makes a page from: the home, each page's source, the two shells."""
    found = {"index.html": (ROOT / "index.html").read_text(encoding="utf-8")}
    found.update({p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in SITE.glob("*/index.html")})
    found.update({p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in TEMPLATE.parent.glob("*.html")})
    return found


def test_no_page_repeats_the_tags_that_start_python_the_build_writes_them():
    """No source carries a tag of the list (runtime-config.js aside: every page loads it, the home
    and the teacher's desk for the course's outline); every page that starts Python gets the list,
    whole and in order, from the build."""
    python_only = [href for href in [*BOOT, *PYTHON_STYLES] if href != "../assets/runtime-config.js"]
    for name, source in sources().items():
        repeated = [href for href in python_only if href.removeprefix("../") in source]
        assert not repeated, f"{name} writes {repeated}: say {STARTS_PYTHON} instead, and the build writes them"
    starting = [slug for slug in [*SLUGS, *extra_pages()] if LOADER in rendered(slug)]
    assert starting == [*SLUGS, "worksheets"], "every module page and the worksheets start Python; no other page"
    for slug in starting:
        styles, scripts = head_of(rendered(slug))
        assert all(styles.count(href) == 1 for href in PYTHON_STYLES), slug
        assert [src for src in scripts if src in BOOT] == BOOT and scripts[-1] == LOADER, slug
        assert STARTS_PYTHON not in rendered(slug)


def test_the_boot_tags_go_around_the_pages_own_head_elements():
    page = ('<head>\n  <title>t</title>\n  <starts-python>\n  <script defer src="own.js"></script>\n'
            '  <link rel="stylesheet" href="own.css">\n</head>\n<body><p>x</p></body>')
    styles, scripts = head_of(start_python("here", page))
    assert styles == [*PYTHON_STYLES, "own.css"], "KaTeX's stylesheet first: the page's own rules win"
    assert scripts == [*PYTHON_SCRIPTS, "own.js", LOADER], "the loader last, after the page's own scripts"
    assert start_python("here", page).startswith("<head>\n  <title>t</title>\n  <link ")
    assert start_python("here", "<head>\n</head>") == "<head>\n</head>", "no marker: nothing changes"
    for bad in (page.replace("<title>t</title>", STARTS_PYTHON), page.replace("<starts-python>", "<starts-python> <b>"),
                page.replace("<p>x</p>", "<starts-python>")):
        with pytest.raises(PageError, match="goes once, on a line of its own"):
            start_python("here", bad)
    source = '<starts-python>\n<main id="content">\n<h1>Sheets</h1>\n</main>'
    assert head_of(render_page("sheets", source))[1] == BOOT, "an extra page that says it starts Python"


# --- the figure macro: a page names its figure, sliders, choices and readouts; the build writes the markup

SOURCE = '''      <p>Before.</p>
      <live-figure id="fig-a">
        <slider id="a-h" param="h" min="0.001" max="2" step="0.001" value="1">step h</slider>
        <choice id="a-fn" param="fn" label="function">
          <option value="sin" selected>sin x</option>
          <option value="exp">eˣ</option>
        </choice>
        <p><button type="button" id="a-go">Go</button></p>
        <readout>slope \\(f'(x)\\): {slope}</readout>
        <readout>line: y = {m} x + {c#a-c}</readout>
        <choice id="a-wide" param="kind" label="kind" wide>
          <option value="one">one</option>
        </choice>
      </live-figure>
      <live-figure id="fig-b"></live-figure>
      <p>After.</p>
'''

EXPANDED = '''      <p>Before.</p>
      <figure class="live-figure" id="fig-a">
        <div class="plot"><div class="plot-placeholder">The live figure appears when Python is ready.</div></div>
        <div class="controls">
          <label for="a-h">step h</label>
          <input type="range" id="a-h" data-param="h" min="0.001" max="2" step="0.001" value="1">
          <output for="a-h"></output>
          <label for="a-fn">function</label>
          <select id="a-fn" data-param="fn">
            <option value="sin" selected>sin x</option>
            <option value="exp">eˣ</option>
          </select>
          <span></span>
        </div>
        <p><button type="button" id="a-go">Go</button></p>
        <div class="readouts">
          <span>slope \\(f'(x)\\): <span class="readout" data-readout="slope">…</span></span>
          <span>line: y = <span class="readout" data-readout="m">…</span> x + <span class="readout" data-readout="c" id="a-c">…</span></span>
        </div>
        <div class="controls">
          <label for="a-wide">kind</label>
          <select id="a-wide" data-param="kind" style="grid-column: 2 / -1; min-width: 0">
            <option value="one">one</option>
          </select>
        </div>
        <p class="figure-alt" aria-live="polite"></p>
      </figure>
      <figure class="live-figure" id="fig-b">
        <div class="plot"><div class="plot-placeholder">The live figure appears when Python is ready.</div></div>
        <p class="figure-alt" aria-live="polite"></p>
      </figure>
      <p>After.</p>
'''


def test_the_macro_writes_the_exact_markup():
    assert expand_figures("m9-test", SOURCE) == EXPANDED


def test_the_markup_is_left_alone():
    assert expand_figures("m9-test", EXPANDED) == EXPANDED, "a written-out figure (or a built page) stays as it is"


def test_a_nested_figure_keeps_its_indent():
    source = '    <div>\n      <live-figure id="fig-n">\n        <readout>f: {f}</readout>\n      </live-figure>\n    </div>\n'
    out = expand_figures("m9-test", source)
    assert '      <figure class="live-figure" id="fig-n">\n' in out and "      </figure>\n    </div>\n" in out
    assert '          <span>f: <span class="readout" data-readout="f">…</span></span>\n' in out


@pytest.mark.parametrize("source, complaint", [
    ('<live-figure>\n</live-figure>', "needs id"),
    ('<live-figure id="x" class="y">\n</live-figure>', "no use for class"),
    ('<live-figure id="x">\n  <slider id="s" param="p" min="0" max="1" value="0">s</slider>\n</live-figure>', "needs step"),
    ('<live-figure id="x">\n  <slider id="s" param="p" min="0" max="1" step="1" value="0" size="2">s</slider>\n'
     '</live-figure>', "no use for size"),
    ('<live-figure id="x">\n  <choice id="c" param="p" label="l">\n    <b>no</b>\n  </choice>\n</live-figure>',
     "<option> elements"),
    ('<live-figure id="x">\n  <readout>f: {f}\n</live-figure>', "cannot read in a <live-figure>"),
    ('<live-figure id="x">\n  <readout>f: {f}</readout>\n', "never closed"),
    ('<live-figure id="x">\n<live-figure id="y">\n</live-figure>\n</live-figure>', "inside another"),
    ('<p><readout>f: {f}</readout></p>', "outside any <live-figure>"),
    ('<p>text</p>\n</live-figure>', "no <live-figure> before it"),
    ('<live-figure id="x">\n  <slider id="s" param="p" min="0" max="1" step="1" value="0" / >s</slider>\n'
     '</live-figure>', "cannot read"),
])
def test_a_malformed_element_is_named(source, complaint):
    with pytest.raises(PageError, match="site/m9-test/index.html") as raised:
        expand_figures("m9-test", source)
    assert complaint in str(raised.value)


@pytest.mark.parametrize("slug", sorted(p.parent.name for p in SITE.glob("m*/index.html")))
def test_every_module_page_names_its_figures_and_the_build_writes_them(slug):
    source = (SITE / slug / "index.html").read_text(encoding="utf-8")
    page = rendered(slug)
    assert '<figure class="live-figure"' not in source, "a page names its figures (<live-figure>), the build writes them"
    assert source.count("<live-figure ") == page.count('<figure class="live-figure"') > 0
    assert "<live-figure" not in page and "<slider" not in page and "<readout" not in page
    assert not [line for line in page.splitlines() if 'class="readout"' in line and PLACEHOLDER.search(line)]


SHARED = '''      <live-figure id="fig-a">
        <choice id="a-land" param="land" label="landscape">
          <option value="bowl">round bowl</option>
          <option value="valley" selected>narrow valley</option>
          <option value="wells">two wells</option>
        </choice>
      </live-figure>
      <live-figure id="fig-b">
        <choice id="b-land" param="land" label="landscape" options="a-land" selected="wells"></choice>
        <choice id="c-land" param="land" label="landscape" options="a-land" wide></choice>
      </live-figure>
'''


def test_a_choice_offers_another_choices_options_with_its_own_selected_one():
    out = expand_figures("m9-test", SHARED)
    b = out[out.index('<select id="b-land"'):]
    assert b[:b.index("</select>")].rstrip().splitlines()[1:] == [
        '            <option value="bowl">round bowl</option>',
        '            <option value="valley">narrow valley</option>',
        '            <option value="wells" selected>two wells</option>']
    c = out[out.index('<select id="c-land"'):]
    assert "selected" not in c[:c.index("</select>")] and c.count("<option ") == 3
    a = out[out.index('<select id="a-land"'):]
    assert a[:a.index("</select>")].count(" selected") == 1 and '<option value="valley" selected>' in a
    assert "options=" not in out and out == expand_figures("m9-test", out)


@pytest.mark.parametrize("choice, complaint", [
    ('<choice id="b" param="p" label="l" options="a" selected="x"></choice>', "not one of its options"),
    ('<choice id="b" param="p" label="l" options="nowhere"></choice>', 'takes the options of "nowhere"'),
    ('<choice id="b" param="p" label="l" options="a">\n    <option value="y">y</option>\n  </choice>', "holds nothing"),
    ('<choice id="b" param="p" label="l" selected="y">\n    <option value="y">y</option>\n  </choice>',
     "no options="),
])
def test_a_shared_option_list_that_cannot_be_written_is_named(choice, complaint):
    source = ('<live-figure id="x">\n  <choice id="a" param="p" label="l">\n    <option value="y">y</option>\n'
              f'  </choice>\n  {choice}\n</live-figure>')
    with pytest.raises(PageError, match="site/m9-test/index.html") as raised:
        expand_figures("m9-test", source)
    assert complaint in str(raised.value)


@pytest.mark.parametrize("slug", sorted(p.parent.name for p in SITE.glob("m*/index.html")))
def test_no_page_writes_one_option_list_twice(slug):
    """A list of options offered by several choices is written once (options="ID" names it)."""
    lists = [tuple(re.findall(r'<option value="([^"]*)"', block))
             for block in re.findall(r"<choice\b.*?</choice>", (SITE / slug / "index.html").read_text(), re.S)]
    written = [values for values in lists if values]
    assert len(written) == len(set(written)), f"{slug}: an option list is written out more than once"
