# task: c0rp0004
import numpy as np


def transform(grid):
    a = np.array(grid)
    rows = np.where(a.any(axis=1))[0]
    cols = np.where(a.any(axis=0))[0]
    return a[np.ix_(np.arange(rows[0], rows[-1] + 1), np.arange(cols[0], cols[-1] + 1))]
