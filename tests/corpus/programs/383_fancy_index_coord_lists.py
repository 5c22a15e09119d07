# task: c0rp0001
import numpy as np


def transform(grid):
    a = np.array(grid)
    rs, cs = np.nonzero(a)
    out = np.zeros_like(a)
    out[rs, a.shape[1] - 1 - cs] = a[rs, cs]
    return out
