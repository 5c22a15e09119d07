# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = a.copy()
    for i, row in enumerate(a):
        nz = row[row != 0]
        if len(nz) == 1:
            out[i, :] = np.where(row == 0, nz[0], row)
    return out
