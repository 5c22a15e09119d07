# task: c0rp0009
import numpy as np


def transform(grid):
    a = np.array(grid)
    return np.pad(a, 1, mode="edge").tolist()
