# task: c0rp0010
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = np.zeros_like(a)
    for c in range(w):
        col = a[:, c]
        vals = col[col != 0]
        filled = np.cumsum(np.ones(len(vals), dtype=int))
        if len(vals):
            out[h - filled[-1]:, c] = vals
    return out
