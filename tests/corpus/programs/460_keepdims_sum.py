# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    s = a.sum(axis=1, keepdims=True)
    cnt = np.count_nonzero(a, axis=1).reshape(-1, 1)
    colour = np.where(cnt == 1, s, 0)
    return np.where(a == 0, colour * np.ones_like(a), a)
