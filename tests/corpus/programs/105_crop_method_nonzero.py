# task: c0rp0004
import numpy as np


def transform(grid):
    a = np.asarray(grid)
    ys, xs = a.nonzero()
    top, left = ys.min(), xs.min()
    bottom, right = ys.max(), xs.max()
    print("bbox", top, left, bottom, right)
    return a[top:bottom + 1, left:right + 1]
