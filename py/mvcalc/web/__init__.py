"""The page layer: the only part of mvcalc that imports the browser (``js``, ``pyodide.ffi``).

Everything here is a thin binding of pure course logic (figures, questions,
checking) to the DOM. Nothing outside this package may import ``js`` or
``pyscript``: a test enforces it.
"""
