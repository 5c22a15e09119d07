# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    pos = a.argmax(axis=1)
    colour = a[np.arange(a.shape[0]), pos]
    out = np.zeros_like(a)
    out[:] = colour[:, np.newaxis]
    return out.tolist()
