# task: c0rp0002
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    lab, n = ndimage.label(a)
    sizes = np.bincount(lab.ravel())
    sizes[0] = 0
    return np.clip(sizes[lab], 0, 9)
