# task: c0rp0018
import numpy as np
from scipy.ndimage import label, find_objects


def transform(grid):
    """Fill the missing corner with the L's own colour (makes squares)."""
    a = np.array(grid)
    lab, n = label(a)
    out = a.copy()
    for i, sl in enumerate(find_objects(lab), 1):
        colour = a[sl].max()
        out[sl] = colour
    return out.tolist()
