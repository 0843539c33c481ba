"""How close a figure's first frame (sitebuild/frames.py) must be to the live figure it stands
for: the tests compare them pixel by pixel, in CPython (tests/sitebuild/test_frames.py) and in
the browser (tests/browser/test_frames.py). Not an input of the frames: changing a tolerance
draws nothing again."""
from __future__ import annotations

from pathlib import Path

# At most a share of its pixels may be more than FAR levels (in some channel) from every live
# pixel within ``reach`` device pixels. Drawn by CPython, only the 256 colours differ, on a few
# antialiased edges (measured: at most 0.002 % of the pixels). Pyodide's matplotlib has FreeType
# 2.6.0, CPython's wheel 2.6.1: some text lands a pixel apart (measured on Module 1: up to 0.4 %
# of the pixels at reach 0, 0.05 % at reach 1). One slider step moves far more: Module 1's
# rise-run figure with t + 0.1 has 1.6 % of its pixels far, 0.8 % at reach 1 (test_frames).
FAR = 32
SAME_RUNTIME = {"reach": 0, "share": 0.0002}        # the live frame drawn by CPython
BROWSER = {"reach": 1, "share": 0.001}              # ... by Pyodide, at 1 device px per CSS px


def difference(png, width: int, height: int, rgba: bytes, reach: int = 0) -> dict:
    """How far the frame ``png`` (bytes or a path) is from a live figure's RGBA buffer:
    ``same_size``; ``far``, the share of the frame's pixels more than FAR levels from every
    live pixel within ``reach`` pixels; ``max``, the largest such distance (levels)."""
    import io

    import numpy as np
    from PIL import Image

    data = png.read_bytes() if isinstance(png, Path) else png
    frame = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.int16)
    live = np.frombuffer(rgba, np.uint8).reshape(height, width, 4)[..., :3].astype(np.int16)
    if frame.shape != live.shape:
        return {"same_size": False, "frame": list(frame.shape[:2][::-1]), "live": [width, height]}
    padded = np.pad(live, ((reach, reach), (reach, reach), (0, 0)), mode="edge")
    nearest = None
    for dy in range(2 * reach + 1):
        for dx in range(2 * reach + 1):
            off = np.abs(padded[dy:dy + height, dx:dx + width] - frame).max(axis=2)
            nearest = off if nearest is None else np.minimum(nearest, off)
    return {"same_size": True, "far": float(np.mean(nearest > FAR)), "max": int(nearest.max())}


def close(result: dict, tolerance: dict) -> bool:
    return result["same_size"] and result["far"] <= tolerance["share"]
