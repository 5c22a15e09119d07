# task: c0rp0009
import numpy as np


def transform(grid):
    out = np.empty((3, 3), dtype=np.int64)
    out.fill(grid[0][0])
    return out.tolist()
