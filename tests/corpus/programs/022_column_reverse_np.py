# task: c0rp0008
import numpy as np


def transform(grid):
    col = np.array(grid)
    assert col.ndim == 2 and col.shape[1] == 1
    return np.flipud(col)
