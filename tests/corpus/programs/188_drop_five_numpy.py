# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.array(grid)
    a[a == 5] = 0
    return a.tolist()
