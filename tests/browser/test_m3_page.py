"""Module 3 as a learner meets it: every figure drawn, the neuron's readout is sigma(w a0 + b)
as its sliders move, the chain rule's readout agrees with a finite difference, and the
backpropagation lab names a wrong Jacobian, accepts right ones, and trains: the cost
readout falls and the heart's canvas changes."""
from __future__ import annotations

import math
import re

import pytest

from mvcalc.labs import backprop as bp

from .conftest import canvas_ink

SLUG = "m3-chain-rule-and-neural-networks"
FIGURES = ["fig-chain-path", "fig-neuron", "fig-network", "fig-cost", "fig-sigmoid", "fig-backprop", "fig-heart"]
SETS = ["multivariate-chain-rule", "simple-neural-networks", "training-neural-networks"]
LAB_MS = 120_000


def number(text: str) -> float:
    return float(re.search(r"[−-]?\d+(\.\d+)?", text).group(0).replace("−", "-"))


def set_slider(page, slider_id: str, value: str) -> None:
    """Move a slider as a learner would (an input event), and wait for its figure to follow."""
    if float(page.input_value(f"#{slider_id}")) == float(value):
        return
    before = page.locator(f"figure:has(#{slider_id}) .figure-alt").inner_text()
    page.locator(f"#{slider_id}").fill(value)
    page.wait_for_function(
        "([id, text]) => document.querySelector(`figure:has(#${id}) .figure-alt`).textContent !== text",
        arg=[slider_id, before], timeout=10_000)


@pytest.fixture
def m3(visit):
    """The module's page, shared with other tests (visit.py): each sets up what it reads."""
    return visit.page


@pytest.fixture
def fresh_m3(fresh_visit):
    """The module's page as a learner first sees it (visit.py)."""
    return fresh_visit.page


def test_every_figure_is_drawn_and_described_and_every_set_is_mounted(m3):
    page = m3
    for fig in FIGURES:
        canvas = page.locator(f"#{fig} canvas")
        assert canvas_ink(page, canvas) > 100, f"{fig} was not drawn"
        assert len(page.inner_text(f"#{fig} .figure-alt")) > 40, f"{fig} has no description"
    for slug in SETS:
        assert page.locator(f'.exercise-set[data-set="{slug}"]').count() == 1


def test_neuron_sliders_move_the_activation(m3):
    page = m3
    for w, b, a0 in (("2", "-1", "1.5"), ("-3.5", "0.5", "0.8"), ("0.4", "2.5", "-3.2"), ("5", "-4.1", "1")):
        set_slider(page, "neuron-w", w)
        set_slider(page, "neuron-b", b)
        set_slider(page, "neuron-a0", a0)
        expected = 1 / (1 + math.exp(-(float(w) * float(a0) + float(b))))
        assert number(page.inner_text('#fig-neuron [data-readout="a1"]')) == pytest.approx(expected, abs=6e-5)
        assert number(page.inner_text('#fig-neuron [data-readout="z"]')) == pytest.approx(
            float(w) * float(a0) + float(b), abs=6e-4)
        assert f"{expected:.4f}" in page.inner_text("#fig-neuron .figure-alt")


def test_chain_rule_readout_matches_the_finite_difference(m3):
    page = m3
    for t in ("0.4", "2.5", "5.1"):
        set_slider(page, "chain-t", t)
        chain = number(page.inner_text('#fig-chain-path [data-readout="chain"]'))
        assert chain == pytest.approx(-math.sin(2 * float(t)), abs=2e-4)     # the page's worked example
        assert number(page.inner_text('#fig-chain-path [data-readout="numeric"]')) == pytest.approx(chain, abs=2e-4)


def _check(page, code: str) -> str:
    """Check ``code`` and wait for this check's six results (not the last check's: they are marked)."""
    page.fill("#bp-code", code)
    page.evaluate("document.querySelectorAll('#bp-results li').forEach(li => li.dataset.earlier = '1')")
    page.click("#bp-check")
    page.wait_for_function("document.querySelectorAll('#bp-results li:not([data-earlier])').length === 6",
                           timeout=LAB_MS)
    return page.inner_text("#bp-report")


def test_lab_names_a_wrong_jacobian_accepts_right_ones_and_trains(fresh_m3):
    page = fresh_m3
    assert page.input_value("#bp-code") == bp.STARTER, "the page holds the lab's starter code"
    # a missing sigma' factor in J_W1 is named, with its size
    wrong = bp.REFERENCE.replace("    J = (W2.T @ J) * d_sigma(z1)\n    return J @ a0.T / x.size",
                                 "    J = (W2.T @ J)\n    return J @ a0.T / x.size")
    report = _check(page, wrong)
    assert "1 of 6 Jacobians need work: J_W1" in report
    assert re.search(r"J_W1 is wrong: .* differ .* by up to [\d.e-]+", report)
    assert page.locator("#bp-results li.lab-fail").count() == 1
    # training is refused until the check passes
    page.click("#bp-train")
    assert "Check your Jacobians first" in page.inner_text("#bp-message")
    # the right ones pass
    report = _check(page, bp.REFERENCE)
    assert "All six Jacobians agree with finite differences" in report
    assert page.locator("#bp-results li.lab-pass").count() == 6
    assert "all six passed" in page.inner_text("#bp-source")
    # train: the cost falls and the picture changes
    page.wait_for_function("document.querySelector('#fig-heart [data-readout=cost]').textContent !== '…'",
                           timeout=LAB_MS)
    start_cost = number(page.inner_text('#fig-heart [data-readout="cost"]'))
    before = page.evaluate("document.querySelector('#fig-heart canvas').toDataURL()")
    page.click("#bp-train")
    assert page.inner_text("#bp-train") == "Pause"
    page.wait_for_function("Number(document.querySelector('#fig-heart [data-readout=steps]').textContent) >= 500",
                           timeout=LAB_MS)
    page.click("#bp-train")          # pause
    page.wait_for_function("document.querySelector('#bp-train').textContent === 'Train'", timeout=LAB_MS)
    cost = number(page.inner_text('#fig-heart [data-readout="cost"]'))
    assert cost < start_cost / 2, (start_cost, cost)
    after = page.evaluate("document.querySelector('#fig-heart canvas').toDataURL()")
    assert after != before, "the network's curve moved"
    assert "training steps" in page.inner_text("#fig-heart .figure-alt")


def test_reference_option_trains_without_the_learners_code(fresh_m3):
    page = fresh_m3
    page.check("#bp-reference")
    assert "reference Jacobians" in page.inner_text("#bp-source")
    page.wait_for_function("document.querySelector('#fig-heart [data-readout=cost]').textContent !== '…'",
                           timeout=LAB_MS)
    page.click("#bp-train")
    page.wait_for_function("Number(document.querySelector('#fig-heart [data-readout=steps]').textContent) >= 200",
                           timeout=LAB_MS)
    page.click("#bp-train")
    assert "Check your Jacobians first" not in page.inner_text("#bp-message")
