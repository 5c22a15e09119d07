# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.asarray(grid)
    return np.where(a != 5, a, 0)
