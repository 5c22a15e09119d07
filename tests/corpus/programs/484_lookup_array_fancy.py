# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    lut = np.array([3, 4, 5, 6, 7, 8, 9, 0, 1, 2])
    return lut[a]
