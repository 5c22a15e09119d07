# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    rows_sel = np.arange(3 * h) // 3
    cols_sel = np.arange(3 * w) // 3
    # outer integer indexing
    return a[rows_sel][:, cols_sel].tolist()
