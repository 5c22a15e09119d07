# task: c0rp0022
import numpy as np


def transform(grid):
    a = np.array(grid)
    mask = np.zeros(a.shape, dtype=np.bool_)
    h, w = a.shape
    for r in range(1, h - 1):
        for c in range(1, w - 1):
            win = a[r - 1:r + 2, c - 1:c + 2]
            mask[r, c] = bool(np.all(win == a[r, c])) and a[r, c] != 0
    a[mask] = 0
    return a.tolist()
