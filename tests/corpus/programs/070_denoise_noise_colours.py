# task: c0rp0017
import numpy as np


def transform(grid):
    a = np.array(grid)
    vals, counts = np.unique(a, return_counts=True)
    # rare colours are noise
    rare = vals[counts < 15]
    a[np.isin(a, rare)] = 0
    return a.tolist()
