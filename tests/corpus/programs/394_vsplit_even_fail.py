# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    top, bottom = np.vsplit(a, 2)  # fails on odd heights
    left = a[:, : a.shape[1] // 2]
    return np.concatenate([left, left[:, ::-1]], axis=1)
