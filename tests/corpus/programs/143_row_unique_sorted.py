# task: c0rp0007
import numpy as np


def transform(grid):
    a = np.array(grid)
    vals = np.unique(a)[::-1]
    pad = a.shape[1] - len(vals)
    return [np.concatenate([vals, np.zeros(pad, dtype=vals.dtype)]).tolist()]
