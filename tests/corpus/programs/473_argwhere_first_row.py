# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = a.copy()
    for r, c in np.argwhere(a):
        row = out[r]
        row[row == 0] = a[r, c]
    return out.tolist()
