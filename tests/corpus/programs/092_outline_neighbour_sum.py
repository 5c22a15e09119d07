# task: c0rp0022
import numpy as np


def transform(grid):
    a = np.array(grid)
    nz = (a > 0).astype(np.int32)
    p = np.pad(nz, 1, mode="constant")
    n4 = p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:]
    interior = (n4 == 4) & (nz == 1)
    a[interior] = 0
    return a.tolist()
