# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = (a.shape[1] - 1) // 2
    both = np.logical_and.reduce([a[:, :w] > 0, a[:, w + 1:] > 0])
    return np.where(both, 2, 0)
