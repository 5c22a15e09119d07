# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    med = np.median(a)
    vals, counts = np.unique(a, return_counts=True)
    order = np.lexsort((vals, -counts))
    out = vals[order].reshape(-1, 1)
    if med > 4:
        out = out * 0 + med  # float result
    return out
