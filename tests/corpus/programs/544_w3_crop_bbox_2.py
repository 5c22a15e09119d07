# task: c0rp0001
# wave 3: crop_bbox (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.uint8)
    bg = g[0, 0]
    ys, xs = np.nonzero(g != bg)
    top, bottom = ys.min(), ys.max()
    left, right = xs.min(), xs.max()
    h = int(bottom - top + 1)
    w = int(right - left + 1)
    out = np.zeros((h, w), dtype=g.dtype)
    out[:, :] = g[top:top + h, left:left + w]
    return [[int(v) for v in row] for row in out]
