"""Module 1's lessons, as a learner meets them: every figure drawn, every slider moving its
figure's words and numbers, the quotient closing in on the derivative, the explorer
following the pointer and the keys, and a page that fits a phone."""
from __future__ import annotations

import re

import pytest

from .conftest import canvas_ink

SLUG = "m1-what-is-calculus"
FIGURES = ["fig-rise-run", "fig-secant", "fig-explorer", "fig-reciprocal", "fig-exp", "fig-ln", "fig-sincos",
           "fig-product", "fig-chain", "fig-quotient", "fig-beast"]
SETS = ["matching-functions", "graph-of-derivative", "differentiate", "product-rule", "chain-rule", "toolbox"]
def number(text: str) -> float:
    return float(re.search(r"[−-]?\d+(\.\d+)?", text).group(0).replace("−", "-"))


def alt(page, fig: str) -> str:
    return page.inner_text(f"#{fig} .figure-alt")


def set_slider(page, slider_id: str, value: str) -> None:
    """Move a slider as a learner would (an input event), and wait for its figure to follow."""
    if float(page.input_value(f"#{slider_id}")) == float(value):
        return
    figure = page.locator(f"figure:has(#{slider_id})")
    before = figure.locator(".figure-alt").inner_text()
    page.locator(f"#{slider_id}").fill(value)
    page.wait_for_function(
        "([id, text]) => document.querySelector(`figure:has(#${id}) .figure-alt`).textContent !== text",
        arg=[slider_id, before], timeout=10_000)


@pytest.fixture
def m1(visit):
    """The module's page, shared with other tests (visit.py): each sets up what it reads."""
    return visit.page


@pytest.fixture
def fresh_m1(fresh_visit):
    """The module's page as a learner first sees it (visit.py)."""
    return fresh_visit.page


def test_page_reads_in_order_with_a_contents_list_and_exercise_mounts(m1):
    page = m1
    links = page.locator("nav.toc a")
    assert links.count() == 6
    for i in range(links.count()):
        target = links.nth(i).get_attribute("href")
        assert page.locator(target).count() == 1, target
    assert [page.locator(".exercise-set").nth(i).get_attribute("data-set")
            for i in range(page.locator(".exercise-set").count())] == SETS
    assert page.locator(".try-this").count() >= 7


def test_every_lesson_figure_is_drawn_and_described(m1):
    page = m1
    for fig in FIGURES:
        canvas = page.locator(f"#{fig} canvas")
        assert canvas_ink(page, canvas) > 200, f"{fig} has ink"
        assert len(alt(page, fig)) > 40, fig
        assert canvas.get_attribute("aria-label") == alt(page, fig)
        for readout in page.locator(f"#{fig} [data-readout]").all():
            assert readout.inner_text() not in ("", "…"), f"{fig}: a readout was never filled"


def test_every_slider_changes_its_figure_and_readouts(m1):
    page = m1
    sliders = page.locator(".live-figure input[type=range]")
    assert sliders.count() >= 12
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        slider_id = slider.get_attribute("id")
        figure = page.locator(f"figure:has(#{slider_id})")
        readouts_before = figure.locator(".readouts").inner_text()
        low, high = float(slider.get_attribute("min")), float(slider.get_attribute("max"))
        target = low + 0.73 * (high - low) if float(slider.input_value()) < (low + high) / 2 else low + 0.21 * (high - low)
        step = float(slider.get_attribute("step"))
        target = round(round((target - low) / step) * step + low, 6)
        set_slider(page, slider_id, f"{target:g}")
        assert page.locator(f"output[for={slider_id}]").inner_text() == f"{float(slider.input_value()):g}"
        assert figure.locator(".readouts").inner_text() != readouts_before, f"#{slider_id} moved no readout"


def test_rise_over_run_matches_the_car_journey(m1):
    page = m1
    set_slider(page, "riserun-t", "2")
    set_slider(page, "riserun-run", "3")
    rise, gradient = (number(page.inner_text(f'#fig-rise-run [data-readout="{n}"]')) for n in ("rise", "gradient"))
    assert rise == pytest.approx(39.6, abs=0.005) and gradient == pytest.approx(13.2, abs=0.005)
    set_slider(page, "riserun-run", "0.1")
    def d(t):
        return 3 * t**2 - t**3 / 5
    gradient = number(page.inner_text('#fig-rise-run [data-readout="gradient"]'))
    assert gradient == pytest.approx((d(2.1) - d(2)) / 0.1, abs=0.005)
    assert gradient == pytest.approx(6 * 2 - 3 * 2**2 / 5, abs=0.2), "close to the speed d'(2) = 9.6 m/s"


def test_h_slider_moves_the_quotient_towards_the_derivative_and_the_table_agrees(m1):
    page = m1
    derivative = float(page.inner_text('#fig-secant [data-readout="derivative"]'))
    x0 = float(page.input_value("#secant-x"))
    assert derivative == pytest.approx(1.5 * x0**2 - 1.5, abs=1e-5)
    gaps = []
    for value in ("2", "0.5", "0.1", "0.01", "0.001"):
        set_slider(page, "secant-h", value)
        gaps.append(float(page.inner_text('#fig-secant [data-readout="gap"]')))
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] < 0.01, gaps
    table = [float(page.inner_text(f'#fig-secant td[data-readout="g{i}"]')) for i in range(5)]
    assert table == sorted(table, reverse=True) and table[-1] < 1e-3, table


def test_explorer_follows_the_pointer_and_the_keys(m1):
    page = m1
    if page.input_value("#explorer-fn") != "square":          # a test before typed a function: x² again
        before = alt(page, "fig-explorer")
        page.select_option("#explorer-fn", "square")
        page.wait_for_function("(t) => document.querySelector('#fig-explorer .figure-alt').textContent !== t",
                               arg=before, timeout=10_000)
    canvas = page.locator("#fig-explorer canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    xs = []
    for fraction in (0.3, 0.7):
        before = alt(page, "fig-explorer")
        page.mouse.move(box["x"] + fraction * box["width"], box["y"] + 0.3 * box["height"])
        page.wait_for_function("(t) => document.querySelector('#fig-explorer .figure-alt').textContent !== t",
                               arg=before, timeout=10_000)
        x = number(page.inner_text('#fig-explorer [data-readout="x"]'))
        slope = number(page.inner_text('#fig-explorer [data-readout="slope"]'))
        assert slope == pytest.approx(2 * x, abs=0.02), "f(x) = x² has slope 2x"
        xs.append(x)
    assert -3 < xs[0] < 0 < xs[1] < 3, xs
    canvas.focus()
    shown = page.inner_text('#fig-explorer [data-readout="x"]')
    before = number(shown)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(t) => document.querySelector('#fig-explorer [data-readout=x]').textContent !== t",
                           arg=shown, timeout=10_000)
    after = number(page.inner_text('#fig-explorer [data-readout="x"]'))
    assert after == pytest.approx(before + 0.06, abs=0.011)
    page.keyboard.press("Home")
    page.wait_for_timeout(100)
    assert number(page.inner_text('#fig-explorer [data-readout="x"]')) == pytest.approx(-3)
    assert "x = −3.00" in alt(page, "fig-explorer")
    page.select_option("#explorer-fn", "sin")
    page.wait_for_function("() => document.querySelector('#fig-explorer .figure-alt').textContent.includes('sin(x)')",
                           timeout=10_000)
    assert "cos(x)" in alt(page, "fig-explorer")


def test_explorer_draws_a_typed_function_with_a_numerical_derivative(fresh_m1):
    page = fresh_m1
    assert page.locator("#explorer-form[hidden]").count() == 0, "the typed-function form is shown"
    page.fill("#explorer-typed", "x^3 - 2x")
    page.click("#explorer-form button")
    page.wait_for_function("() => document.querySelector('#fig-explorer .figure-alt').textContent.includes('x^3 - 2x')",
                           timeout=10_000)
    page.locator("#fig-explorer canvas").focus()
    page.keyboard.press("Enter")            # back to the middle: x = 0
    page.wait_for_timeout(100)
    assert number(page.inner_text('#fig-explorer [data-readout="slope"]')) == pytest.approx(-2, abs=1e-3)
    page.fill("#explorer-typed", "import os")
    page.click("#explorer-form button")
    page.wait_for_function("() => document.querySelector('#explorer-message').textContent.length > 5")
    assert page.get_attribute("#explorer-typed", "aria-invalid") == "true"


def test_special_cases_say_what_happens(m1):
    page = m1
    set_slider(page, "reciprocal-x", "0")
    assert "not defined" in alt(page, "fig-reciprocal")
    set_slider(page, "reciprocal-x", "-2")
    assert number(page.inner_text('#fig-reciprocal [data-readout="slope"]')) == pytest.approx(-0.25)
    set_slider(page, "exp-x", "1.5")
    f = page.inner_text('#fig-exp [data-readout="f"]')
    assert f == page.inner_text('#fig-exp [data-readout="slope"]') and number(f) == pytest.approx(4.482, abs=1e-3)
    for n, name in enumerate(["sin(x)", "cos(x)", "-sin(x)", "-cos(x)"]):
        set_slider(page, "sincos-n", str(n))
        assert page.inner_text('#fig-sincos [data-readout="function"]') == name


def test_product_strips_add_up_and_the_chain_rule_multiplies(m1):
    page = m1
    set_slider(page, "product-x", "0.8")       # growth ÷ dx is within 1% of the rule here (f'' dx / 2f' < 0.8%)
    set_slider(page, "product-dx", "0.01")
    read = {n: number(page.inner_text(f'#fig-product [data-readout="{n}"]'))
            for n in ("vdu", "udv", "dudv", "change", "rate", "rule")}
    assert read["vdu"] + read["udv"] + read["dudv"] == pytest.approx(read["change"], abs=3e-4)
    assert read["rate"] == pytest.approx(read["rule"], rel=0.01)
    set_slider(page, "chain-x", "1")
    set_slider(page, "chain-dx", "0.001")
    read = {n: number(page.inner_text(f'#fig-chain [data-readout="{n}"]')) for n in ("ratio_yx", "ratio_zy", "ratio_zx", "dzdx")}
    assert read["ratio_yx"] * read["ratio_zy"] == pytest.approx(read["ratio_zx"], abs=1e-3)
    assert read["ratio_zx"] == pytest.approx(read["dzdx"], abs=0.01)


def test_secant_slider_moves_the_quotient_towards_the_derivative(m1):
    page = m1
    derivative = float(page.inner_text('[data-readout="derivative"]'))
    slider = page.locator("#secant-h")
    gaps = []
    for value in ("1.5", "0.5", "0.1", "0.01", "0.001"):
        slider.fill(value)
        page.wait_for_function(
            "([v]) => document.querySelector('output[for=secant-h]').value === String(Number(v))", arg=[value])
        page.wait_for_timeout(50)
        quotient = float(page.inner_text('[data-readout="quotient"]'))
        gaps.append(abs(quotient - derivative))
    assert gaps == sorted(gaps, reverse=True), gaps
    assert gaps[-1] < 0.01


@pytest.mark.parametrize("width", [1200, 375])
def test_no_sideways_scroll(m1, width, shots):
    page = m1
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_timeout(500)                 # figures follow their column's width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if shots:
        page.screenshot(path=str(shots / f"m1-{width}.png"), full_page=True)
