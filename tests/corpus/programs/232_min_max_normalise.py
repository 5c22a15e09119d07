# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.array(grid)
    lo, hi = np.min(a), np.max(a)
    if hi == lo:
        return a.tolist()
    # rescale colours into 0..9: (a - lo) * 9 / (hi - lo) -> true division gives floats
    return ((a - lo) * 9 / (hi - lo)).tolist()
