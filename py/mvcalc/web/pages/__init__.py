"""One small page script per module page: which figures and exercises to mount where.

The loader imports ``mvcalc.web.pages.<slug with _>`` and calls its ``main()``.
"""
