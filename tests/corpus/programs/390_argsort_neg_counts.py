# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    vals, counts = np.unique(a, return_counts=True)
    order = np.argsort(-counts, kind="stable")
    return vals[order][:, None]
