# task: c0rp0001
import numpy as np


def transform(grid):
    a = np.array(grid)
    rr, cc = np.indices(a.shape)
    return a[rr, a.shape[1] - 1 - cc].tolist()
