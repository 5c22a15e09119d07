# task: c0rp0021
import numpy as np


def transform(grid):
    a = np.array(grid)
    return np.flipud(np.fliplr(a.T)).T[::-1].T[::-1]
