# task: c0rp0022
import numpy as np
from scipy.ndimage import binary_erosion


def transform(grid):
    """Keep only the border of each filled rectangle."""
    a = np.array(grid)
    out = a.copy()
    for colour in np.unique(a):
        if colour == 0:
            continue
        m = a == colour
        interior = binary_erosion(m)
        out[interior] = 0
    return out.tolist()
