"""Figures as pure functions of their parameters: they build matplotlib artists and
never touch the page. ``mvcalc.web.live_figure`` puts them on a canvas."""
