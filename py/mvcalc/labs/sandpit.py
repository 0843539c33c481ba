"""The Sandpit's code for learners (Module 2's lab, taken home): the download's starter with its
blanks and their reference answers. The checks are :mod:`mvcalc.labs.sandpit_checks`; on the
page the Sandpit is a game (:mod:`mvcalc.figures.sandpit`) and needs no worker.
"""
from __future__ import annotations

STARTER = '''def estimate_J(height, x, y):
    """The Jacobian [dz/dx, dz/dy] of the sand's height z = height(x, y) at (x, y), measured:
    there is no formula, only readings of the height (finite differences)."""
    # YOUR CODE: estimate_J
    return np.array([0.0, 0.0])
    # END YOUR CODE


def search(dip, x, y):
    """Find the phone, starting at (x, y). dip(x, y) reads (depth, (u, v)): the depth in metres
    and the downhill arrow -J; it returns None once the phone is found (or the dips run out)."""
    # YOUR CODE: search
    dip(x, y)
    # END YOUR CODE
'''

ANSWERS = {
    "estimate_J": '''h = 1e-5                              # a hundredth of a millimetre: the stones need a small h
return np.array([(height(x + h, y) - height(x - h, y)) / (2 * h),
                 (height(x, y + h) - height(x, y - h)) / (2 * h)])
''',
    "search": '''stride = 1.0                          # metres per move
best = None                           # the deepest dip so far: (depth, x, y, u, v)
while True:
    reading = dip(x, y)
    if reading is None:               # the phone is found (or no dips are left)
        return
    depth, (u, v) = reading
    if best is None or depth > best[0]:
        best = (depth, x, y, u, v)    # deeper: carry on from here
    else:
        stride = stride / 2           # went past the bottom: shorter moves, from the deepest dip
    depth, x, y, u, v = best
    size = math.hypot(u, v) or 1.0
    x, y = x + stride * u / size, y + stride * v / size
''',
}
