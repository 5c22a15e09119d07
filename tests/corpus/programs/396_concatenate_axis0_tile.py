# task: c0rp0005
import numpy as np


def transform(grid):
    a = np.array(grid)
    row = np.concatenate([a, a], axis=1)
    return np.concatenate((row, row), axis=0).tolist()
