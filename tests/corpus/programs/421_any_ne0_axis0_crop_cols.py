# task: c0rp0004
import numpy as np


def transform(grid):
    a = np.array(grid)
    rows = np.any(a != 0, axis=1)
    cols = np.any(a != 0, axis=0)
    return a[rows][:, cols]
