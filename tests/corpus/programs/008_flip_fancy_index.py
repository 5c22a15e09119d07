# task: c0rp0001
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    # integer-array indexing with a reversed column order
    idx = np.arange(w)[::-1]
    return a[:, idx].tolist()
