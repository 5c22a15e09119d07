# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = np.kron(a, np.ones((3, 3))) / 1
    return out.astype(int)
