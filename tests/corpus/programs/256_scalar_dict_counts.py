# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    counts = {}
    for r in range(h):
        for c in range(w):
            counts[a[r, c]] = counts.get(a[r, c], 0) + 1  # numpy scalars as dict keys
    order = sorted(counts, key=lambda k: (-counts[k], int(k)))
    return [[int(k)] for k in order]
