"""Module 1: What is calculus?"""
from ...figures.secant import SecantScene
from ..live_figure import mount


def main() -> None:
    mount("fig-secant", SecantScene())
