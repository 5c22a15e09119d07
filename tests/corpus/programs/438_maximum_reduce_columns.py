# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1]
    left = a[:, : w // 2]
    out = np.maximum.reduce([np.zeros_like(a), np.hstack([left, left[:, ::-1]])])
    return out
