# task: c0rp0020
import numpy as np


def transform(grid):
    a = np.array(grid)
    return np.moveaxis(a, 0, -1)
