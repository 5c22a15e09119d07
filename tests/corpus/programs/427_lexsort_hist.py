# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    vals, counts = np.unique(a, return_counts=True)
    idx = np.lexsort((vals, -counts))
    return [[int(v)] for v in vals[idx]]
