# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.asarray(grid, dtype=np.uint8)
    out = np.where(a == 5, np.uint8(0), a)
    return out
