# task: c0rp0001
import numpy as np


def transform(grid):
    a = np.array(grid)
    mask = np.zeros(a.shape, dtype=np.bool_)
    mask |= a > 0
    out = np.zeros_like(a)
    out[mask[:, ::-1]] = a[:, ::-1][mask[:, ::-1]]
    return out.tolist()
