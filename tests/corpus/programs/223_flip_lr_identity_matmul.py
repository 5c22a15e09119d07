# task: c0rp0001
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.int64)
    J = np.identity(a.shape[1], dtype=np.int64)[::-1]
    return np.dot(a, J).tolist()
