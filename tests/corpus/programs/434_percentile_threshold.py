# task: c0rp0017
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    lab, n = ndimage.label(a > 0)
    sizes = np.bincount(lab.ravel())
    cut = np.percentile(sizes[1:], 10) if n else 0
    small = sizes < 3
    small[0] = False
    out = a.copy()
    out[small[lab]] = 0
    return out
