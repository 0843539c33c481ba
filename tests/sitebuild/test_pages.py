"""The figure macro (sitebuild/pages.py): a page names its figure, sliders, choices and readouts
in one ``<live-figure>`` element and the build writes the markup, exactly."""
from __future__ import annotations

import pytest

from sitebuild.pages import PLACEHOLDER, PageError, expand_figures, rendered
from sitebuild.paths import SITE

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
