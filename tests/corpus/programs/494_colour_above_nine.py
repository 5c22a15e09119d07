# task: c0rp0002
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    lab, n = ndimage.label(a)
    out = np.zeros_like(a)
    for i in range(1, n + 1):
        out[lab == i] = (lab == i).sum()  # sizes above 9 are invalid
    return out
