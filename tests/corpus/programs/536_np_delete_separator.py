# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    sep = int(np.where((a == 5).all(axis=0))[0][0])
    rest = np.delete(a, sep, axis=1)
    w = rest.shape[1] // 2
    return np.where((rest[:, :w] > 0) & (rest[:, w:] > 0), 2, 0)
