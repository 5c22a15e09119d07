# task: c0rp0020
import numpy as np


def transform(grid):
    a = np.array(grid)
    uniq, idx = np.unique(a.T, axis=0, return_index=True)
    return a.T[np.sort(idx)] if len(uniq) == a.shape[1] else a.T
