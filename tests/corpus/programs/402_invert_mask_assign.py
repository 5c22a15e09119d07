# task: c0rp0022
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    inner = ndimage.binary_erosion(a > 0)
    out = a.copy()
    out[inner] = 0
    out[~(a > 0)] = 0
    return out
