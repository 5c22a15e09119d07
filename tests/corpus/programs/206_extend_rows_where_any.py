# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    has = np.any(a > 0, axis=1)
    colour = a.max(axis=1)
    out = np.where(has[:, None], colour[:, None], 0)
    return (out * np.ones_like(a)).tolist()
