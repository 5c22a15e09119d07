# task: c0rp0010
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = np.zeros_like(a)
    h = a.shape[0]
    for c in range(a.shape[1]):
        col = a[:, c]
        vals = col[col > 0]
        if vals.size:
            out[-vals.size:, c] = vals
    return out
