# task: c0rp0008
import numpy as np


def transform(grid):
    col = np.array(grid)[:, 0]
    return np.column_stack([col[::-1]]).tolist()
