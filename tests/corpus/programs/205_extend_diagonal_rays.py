# task: c0rp0015
import numpy as np


def transform(grid):
    """Alternative: pixels shoot diagonal rays (down-right)."""
    a = np.array(grid)
    h, w = a.shape
    out = a.copy()
    for r, c in zip(*np.nonzero(a)):
        k = 1
        while r + k < h and c + k < w:
            out[r + k, c + k] = a[r, c]
            k += 1
    return out.tolist()
