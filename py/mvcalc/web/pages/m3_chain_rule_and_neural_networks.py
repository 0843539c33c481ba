"""Module 3: The multivariate chain rule and neural networks. Every lesson's live figure, and the
backpropagation lab, whose heart figure it drives (mvcalc.web.labs.backprop)."""
from __future__ import annotations

from ...figures.network import BackpropScene, HeartScene, NetworkScene
from ...figures.neuron import CostScene, NeuronScene, SigmoidScene
from ...figures.path_chain import PathChainScene
from ..labs.backprop import BackpropLab
from ..live_figure import mount


def main() -> None:
    mount("fig-chain-path", PathChainScene())
    mount("fig-neuron", NeuronScene())
    mount("fig-network", NetworkScene())
    mount("fig-cost", CostScene())
    mount("fig-sigmoid", SigmoidScene())
    mount("fig-backprop", BackpropScene())
    BackpropLab(mount("fig-heart", HeartScene()))
