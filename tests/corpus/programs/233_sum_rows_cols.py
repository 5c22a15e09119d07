# task: c0rp0004
import numpy as np


def transform(grid):
    a = np.array(grid)
    rows = np.sum(a, axis=1) > 0
    cols = np.sum(a, axis=0) > 0
    r = np.nonzero(rows)[0]
    c = np.nonzero(cols)[0]
    return a[r.min():r.max() + 1, c.min():c.max() + 1].tolist()
