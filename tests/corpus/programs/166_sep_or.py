# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1] // 2
    l, r = a[:, :w], a[:, w + 1:]
    out = np.zeros(l.shape, dtype=int)
    out[np.logical_or(l > 0, r > 0)] = 2
    return out.tolist()
