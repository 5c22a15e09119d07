# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.asarray(grid)
    factor = 3
    return a.repeat(factor, axis=0).repeat(factor, axis=1)
