# task: c0rp0005
import numpy as np


def transform(grid):
    a = np.array(grid)
    t = np.tile(a, 2)
    t = np.tile(t, (2, 1))
    return t
