# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = a.copy()
    rows = np.nonzero(a.sum(axis=1))[0]
    for i, r in enumerate(rows):
        # alternate colours between lines (pattern guess)
        out[r] = a[r].max() if i % 2 == 0 else (a[r].max() + 1) % 10
    return out.tolist()
