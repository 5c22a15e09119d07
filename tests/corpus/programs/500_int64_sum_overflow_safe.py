# task: c0rp0017
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid, dtype=np.int64)
    lab, n = ndimage.label(a > 0)
    out = a.copy()
    for i in range(1, n + 1):
        region = lab == i
        if np.sum(region) <= 2:
            out[region] = 0
    return out
