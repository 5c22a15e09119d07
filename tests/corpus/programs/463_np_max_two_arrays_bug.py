# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1]
    left = a[:, : w // 2]
    # np.max with two arrays: the second is taken as axis -> TypeError
    return np.max(left, left[:, ::-1])
