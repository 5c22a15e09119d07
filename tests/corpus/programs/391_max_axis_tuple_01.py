# task: c0rp0009
import numpy as np


def transform(grid):
    a = np.array(grid)
    v = np.max(a, axis=(0, 1))
    return np.full((3, 3), v)
