# task: c0rp0008
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = np.empty((0, 1), dtype=int)
    for r in range(a.shape[0] - 1, -1, -1):
        out = np.append(out, [a[r]], axis=0)
    return out
