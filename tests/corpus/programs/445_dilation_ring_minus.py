# task: c0rp0022
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    out = np.zeros_like(a)
    for colour in np.unique(a):
        if colour == 0:
            continue
        m = a == colour
        edge = m & ~ndimage.binary_erosion(m, border_value=0)
        out[edge] = colour
    return out
