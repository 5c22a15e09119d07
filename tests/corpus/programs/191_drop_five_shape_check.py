# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.array(grid)
    print("ndim", a.ndim, "size", a.size, "dtype", a.dtype)
    if a.size == 1:
        v = a.item()
        return [[0 if v == 5 else v]]
    out = a.copy()
    out[out == 5] = 0
    return out.tolist()
