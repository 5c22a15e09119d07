# task: c0rp0009
import numpy as np


def transform(grid):
    a = np.array(grid)
    v = a.flat[np.argmax(a)]
    return np.full((3, 3), v)
