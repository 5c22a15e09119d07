# task: c0rp0020
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w, _ = a.shape  # ValueError: not enough values
    return a.T
