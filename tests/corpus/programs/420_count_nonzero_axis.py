# task: c0rp0023
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    per_row = np.count_nonzero(a, axis=1)
    if per_row.sum() == 0:
        return [[1]]
    _, n = ndimage.label(a, structure=np.ones((3, 3)))
    return np.ones((n, 1), dtype=int)
