# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.array(grid)
    totals = np.add.reduce(a == 5, axis=1)
    out = a.copy()
    out[a == 5] = 0
    assert totals.shape[0] == a.shape[0]
    return out
