# task: c0rp0017
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = a.copy()
    for r in range(h):
        for c in range(w):
            v = a[r, c]
            if v == 0:
                continue
            nb = a[max(r - 1, 0):r + 2, max(c - 1, 0):c + 2]
            if (nb == v).sum() <= 2 and all(x != v for x in nb[nb != v]):
                out[r, c] = 0
    return out
