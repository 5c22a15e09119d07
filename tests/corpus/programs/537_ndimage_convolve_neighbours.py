# task: c0rp0017
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    kernel = np.array([[1, 1, 1], [1, 0, 1], [1, 1, 1]])
    out = a.copy()
    for colour in np.unique(a):
        if colour == 0:
            continue
        m = (a == colour).astype(int)
        nb = ndimage.convolve(m, kernel, mode="constant", cval=0)
        out[(m == 1) & (nb <= 1)] = 0
    return out
