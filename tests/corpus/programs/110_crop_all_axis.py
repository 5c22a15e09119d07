# task: c0rp0004
import numpy as np


def transform(grid):
    a = np.array(grid)
    empty_rows = (a == 0).all(axis=1)
    empty_cols = (a == 0).all(axis=0)
    return a[~empty_rows][:, ~empty_cols].tolist()
