# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.array(grid)
    mask = a == 5
    if mask.sum() == 0:
        return a.tolist()
    rows_with = mask.any(axis=1)
    out = np.where(mask, 0, a)
    out[rows_with, 0] = out[rows_with, 0]
    return out.tolist()
