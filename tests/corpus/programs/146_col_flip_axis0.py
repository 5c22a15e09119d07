# task: c0rp0008
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.int64)
    return np.flip(a, 0).tolist()
