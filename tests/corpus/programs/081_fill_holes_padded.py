# task: c0rp0003
import numpy as np
from scipy.ndimage import binary_fill_holes


def transform(grid):
    a = np.array(grid)
    padded = np.pad(a, ((1, 1), (1, 1)))
    solid = binary_fill_holes(padded > 0)[1:-1, 1:-1]
    res = a.copy()
    res[solid & (a == 0)] = 4
    return res
