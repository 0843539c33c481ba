"""How close a figure's first frame (sitebuild/frames.py) must be to the live figure it stands
for: the tests compare them pixel by pixel, in Pyodide under Node (tests/sitebuild/test_frames.py)
and in the browser (tests/browser/test_frames.py). Not an input of the frames: changing the
tolerance draws nothing again.

Both are drawn by the same runtime (Pyodide), so only the frame's 256 colours set them apart: a
few antialiased edge pixels move by more than FAR levels (measured: at most 0.003 % of a frame's
pixels). One slider step moves far more: Module 1's rise-run figure with t + 0.1 instead of 2
has 1.6 % of its pixels further off than that (test_frames).
"""
from __future__ import annotations

from pathlib import Path

FAR = 32                 # levels, in any channel
SHARE = 0.0002           # the share of a frame's pixels that may be further off than FAR


def difference(png, width: int, height: int, rgba: bytes) -> dict:
    """How far the frame ``png`` (bytes or a path) is from a live figure's RGBA buffer:
    ``same_size``; ``far``, the share of pixels more than FAR levels off in some channel;
    ``max``, the largest difference (levels); ``close``, within the tolerance."""
    import io

    import numpy as np
    from PIL import Image

    data = png.read_bytes() if isinstance(png, Path) else png
    frame = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.int16)
    live = np.frombuffer(rgba, np.uint8).reshape(height, width, 4)[..., :3].astype(np.int16)
    if frame.shape != live.shape:
        return {"same_size": False, "frame": list(frame.shape[:2][::-1]), "live": [width, height], "close": False}
    off = np.abs(frame - live).max(axis=2)
    far = float(np.mean(off > FAR))
    return {"same_size": True, "far": far, "max": int(off.max()), "close": far <= SHARE}
