# task: c0rp0023
# wave 3: crop_bbox (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        bg = np.bincount(g.ravel()).argmax()
        ys, xs = np.nonzero(g != bg)
        top, bottom = ys.min(), ys.max()
        left, right = xs.min(), xs.max()
        h = int(bottom - top + 1)
        w = int(right - left + 1)
        out = np.zeros((h, w), dtype=g.dtype)
        out[:, :] = g[top:top + h, left:left + w]
        return [[int(v) for v in row] for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
