# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.array(grid)
    keep = np.sign(np.abs(a - 5))
    return a * keep
