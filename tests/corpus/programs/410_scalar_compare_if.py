# task: c0rp0010
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = np.zeros_like(a)
    for c in range(w):
        k = h - 1
        for r in range(h - 1, -1, -1):
            if a[r, c] != 0:
                out[k, c] = a[r, c]
                k -= 1
    return out
