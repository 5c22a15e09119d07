# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1]
    left, sep, right = np.hsplit(a, [w // 2, w // 2 + 1])
    out = np.logical_and(left > 0, right > 0)
    return (out * 2).tolist()
