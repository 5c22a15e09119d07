# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    rr, cc = np.indices((h, w))
    out = a.copy()
    for r, c in np.argwhere(a > 0):
        d2 = (rr - r) ** 2 + (cc - c) ** 2
        out[(d2 <= 1) & (out == 0)] = a[r, c]
    return out.tolist()
