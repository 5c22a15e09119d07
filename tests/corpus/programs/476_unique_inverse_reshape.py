# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    vals, inv = np.unique(a, return_inverse=True)
    mapped = (vals + 3) % 10
    return mapped[inv].reshape(a.shape)
