# task: c0rp0008
import numpy as np


def transform(grid):
    a = np.array(grid)
    return np.roll(a[::-1], 0, axis=0)
