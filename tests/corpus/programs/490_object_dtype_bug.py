# task: c0rp0020
import numpy as np


def transform(grid):
    rows = [np.array(r) for r in grid]
    out = np.array(rows).T
    return out.tolist()
