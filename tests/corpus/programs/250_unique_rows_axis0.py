# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid)
    rows = np.unique(a, axis=0)
    print("distinct rows:", len(rows))
    return np.kron(a, np.ones((3, 3), dtype=a.dtype)).tolist()
