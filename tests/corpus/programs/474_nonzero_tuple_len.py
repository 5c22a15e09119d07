# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = a.copy()
    for r in range(len(a)):
        nz = np.nonzero(a[r])[0]
        if len(nz) == 1:
            out[r, :] = a[r, nz[0]]
    return out
