# task: c0rp0017
import numpy as np


def transform(grid):
    a = np.array(grid)
    noise = (a == 5) | (a == 7) | (a == 9)
    keep = ~noise & (a != 0)
    out = np.zeros_like(a)
    out[keep] = a[keep]
    return out
