# task: c0rp0021
import numpy as np


def transform(grid):
    a = np.array(grid)
    return np.flip(a.T, axis=0)
