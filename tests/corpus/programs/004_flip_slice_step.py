# task: c0rp0001
import numpy as np


def transform(grid):
    a = np.array(grid)
    # Negative step slice reverses the columns.
    out = a[:, ::-1].copy()
    return out
