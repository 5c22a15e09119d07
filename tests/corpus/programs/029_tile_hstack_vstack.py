# task: c0rp0005
import numpy as np


def transform(grid):
    a = np.array(grid)
    row = np.hstack([a, a])
    return np.vstack((row, row)).tolist()
