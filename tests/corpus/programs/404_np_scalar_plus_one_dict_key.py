# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    mapping = {}
    for v in range(10):
        mapping[v] = (v + 3) % 10
    h, w = a.shape
    out = [[0] * w for _ in range(h)]
    for i in range(h):
        for j in range(w):
            key = a[i, j] + 1
            out[i][j] = mapping[key - 1]
    return out
