# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.int32)
    return np.kron(a, np.ones((3, 3), dtype=np.int32))
