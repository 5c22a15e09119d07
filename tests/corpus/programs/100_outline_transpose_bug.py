# task: c0rp0022
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    interior = np.zeros((w, h), dtype=bool)  # bug: swapped dims
    for r in range(1, h - 1):
        for c in range(1, w - 1):
            if a[r, c] and (a[r - 1:r + 2, c] == a[r, c]).all() and (a[r, c - 1:c + 2] == a[r, c]).all():
                interior[r, c] = True
    a[interior] = 0
    return a.tolist()
