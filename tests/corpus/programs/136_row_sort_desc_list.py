# task: c0rp0007
import numpy as np


def transform(grid):
    a = np.array(grid)
    return -np.sort(-a, axis=1)
