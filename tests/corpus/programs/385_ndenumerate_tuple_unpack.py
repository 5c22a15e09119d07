# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = np.empty_like(a)
    for (r, c), v in np.ndenumerate(a):
        out[r, c] = (v + 3) % 10
    return out
