# task: c0rp0009
import numpy as np


def transform(grid):
    a = np.array(grid)
    r, c = np.unravel_index(np.argmax(a), a.shape)
    v = a[r, c]
    return np.full((3, 3), v).tolist()
