# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid)
    return np.repeat(np.repeat(a, 3, axis=0), 3, axis=1).tolist()
