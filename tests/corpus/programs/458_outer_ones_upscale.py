# task: c0rp0009
import numpy as np


def transform(grid):
    v = np.array(grid)[0, 0]
    return np.outer(np.ones(3, dtype=int), np.ones(3, dtype=int)) * v
