# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=float)
    a[a == 5] = 0
    return np.round(a).astype(int).tolist()
