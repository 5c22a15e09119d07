# task: c0rp0001
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = np.zeros((h, w), dtype=int)
    for r, c in zip(*np.nonzero(a)):
        out[r][w - 1 - c] = a[r][c]
    return out.tolist()
