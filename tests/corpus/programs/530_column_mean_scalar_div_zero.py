# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.array(grid)
    a[a == 5] = 0
    h, w = a.shape
    for c in range(w):
        col = a[:, c]
        avg = col.sum() // (col > 0).sum()  # numpy scalars: 0 // 0 gives 0 with a warning
        if avg > 9:
            a[:, c] = 0
    return a
