# task: c0rp0018
import numpy as np
from scipy.ndimage import label, find_objects


def transform(grid):
    """Rotate each 2x2 L by 180 degrees inside its box."""
    a = np.array(grid)
    lab, n = label(a > 0)
    out = a.copy()
    for sl in find_objects(lab):
        out[sl] = np.rot90(a[sl], 2)
    return out.tolist()
