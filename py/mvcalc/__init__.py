"""mvcalc: the pure-Python heart of the Multivariate Calculus course.

Everything outside ``mvcalc.web`` is plain Python (no browser imports) and is
tested in CPython; the same files run unchanged in the browser under Pyodide.
"""
