"""Build tooling (CPython only): vendor the verified browser runtime, assemble dist/, serve it.

Nothing here runs in the browser; ``mvcalc`` is the course package that does.
"""
