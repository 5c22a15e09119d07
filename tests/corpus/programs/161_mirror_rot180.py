# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    r = np.rot90(a, 2)
    out = a.copy()
    out[out == 0] = r[out == 0]
    return out
