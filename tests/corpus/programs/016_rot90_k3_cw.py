# task: c0rp0021
import numpy as np


def transform(grid):
    # Looks like a clockwise rotation in the examples -> k=3 (or k=-1)
    a = np.array(grid)
    return np.rot90(a, k=3).tolist()
