# task: c0rp0001
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    cells = {}
    for r, c in np.argwhere(a):
        cells[(int(r), int(w - 1 - c))] = a[r, c]
    out = np.zeros_like(a)
    for (r, c), v in cells.items():
        out[r, c] = v
    return out.tolist()
