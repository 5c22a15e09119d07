# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = np.zeros((h * 3, w * 3), dtype=int)
    for r in range(h * 3):
        for c in range(w * 3):
            out[r, c] = a[int(r / 3), int(c / 3)]
    return out
