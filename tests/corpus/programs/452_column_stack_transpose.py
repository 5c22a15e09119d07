# task: c0rp0020
import numpy as np


def transform(grid):
    a = np.array(grid)
    return np.column_stack([a[i] for i in range(a.shape[0])])
