# task: c0rp0002
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    lab, n = ndimage.label(a)
    sizes = np.bincount(lab.ravel())[1:]
    bins = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9])
    colour_of = np.minimum(np.searchsorted(bins, sizes, side="right"), 9)
    out = np.zeros_like(a)
    for i in range(n):
        out[lab == i + 1] = colour_of[i]
    return out
