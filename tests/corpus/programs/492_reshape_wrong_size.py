# task: c0rp0005
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    return np.tile(a, 4).reshape(h * 2, w * 2)
