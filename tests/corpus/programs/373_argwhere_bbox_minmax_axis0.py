# task: c0rp0004
import numpy as np


def transform(grid):
    a = np.array(grid)
    coords = np.argwhere(a != 0)
    r0, c0 = coords.min(axis=0)
    r1, c1 = coords.max(axis=0)
    return a[r0:r1 + 1, c0:c1 + 1]
