"""Shared test setup: py/ is importable (see pyproject.toml); nothing else here on purpose."""
