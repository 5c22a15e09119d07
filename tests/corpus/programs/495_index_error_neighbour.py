# task: c0rp0022
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = a.copy()
    for r in range(h):
        for c in range(w):
            if a[r, c] and a[r - 1, c] and a[r + 1, c] and a[r, c - 1] and a[r, c + 1]:
                out[r, c] = 0
    return out
