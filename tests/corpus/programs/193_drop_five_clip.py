# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = np.where(a == 5, 0, a)
    return np.clip(out, 0, 9).tolist()
