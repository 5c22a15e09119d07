# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    return np.abs((a + 3) % 10 - 0)
