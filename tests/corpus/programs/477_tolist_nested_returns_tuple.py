# task: c0rp0008
import numpy as np


def transform(grid):
    a = np.array(grid)
    return tuple(tuple(r) for r in a[::-1].tolist())
