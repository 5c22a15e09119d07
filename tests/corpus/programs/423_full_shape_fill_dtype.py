# task: c0rp0009
import numpy as np


def transform(grid):
    return np.full((3, 3), grid[0][0], dtype=np.int64)
