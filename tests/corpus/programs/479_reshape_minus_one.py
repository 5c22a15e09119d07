# task: c0rp0008
import numpy as np


def transform(grid):
    a = np.array(grid).reshape(-1)
    return a[::-1].reshape(-1, 1)
