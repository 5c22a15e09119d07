# task: c0rp0009
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = np.pad(a, 1, mode="constant", constant_values=a[0, 0])
    return out
