# task: c0rp0010
import numpy as np


def transform(grid):
    a = np.array(grid)
    # stable argsort on "is non-zero" moves zeros up and keeps the order of the rest
    order = np.argsort(a != 0, axis=0, kind="stable")
    return a[order, np.arange(a.shape[1])].tolist()
