# task: c0rp0011
import numpy as np
from scipy.ndimage import label, find_objects


def transform(grid):
    """Maybe it is the smallest object instead? Try it."""
    a = np.array(grid)
    lab, n = label(a)
    sizes = np.bincount(lab.ravel())[1:]
    k = int(np.argmin(sizes))
    return a[find_objects(lab)[k]].tolist()
