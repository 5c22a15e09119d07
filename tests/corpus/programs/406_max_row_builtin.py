# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = a.copy()
    for r in range(a.shape[0]):
        m = max(a[r])
        if m > 0 and (a[r] > 0).sum() == 1:
            out[r] = m
    return out
